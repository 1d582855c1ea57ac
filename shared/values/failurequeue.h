#pragma once

// The failure queue over the control socket (docs/protocol.md): the filters of
// failure_queue_list and clear_failure_queue (FailureQuery), the counts of failure_queue_count
// (FailureCounts), one listed entry (FailureRecord), a page of them (FailurePage) and a clear's
// result (FailureClearReply), as the worker builds them and every client reads them.

#include "shared/failurecodes.h"
#include "shared/result.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QJsonObject>
#include <QString>

#include <map>
#include <optional>
#include <vector>

namespace mtga {

struct FailureQuery {
    Q_DECLARE_TR_FUNCTIONS(FailureQuery)

public:
    static constexpr qint64 kDefaultLimit = 100;
    static constexpr qint64 kMaxLimit = 1000;

    std::optional<FailureReason> reason;
    std::optional<FailureStage> stage;
    std::optional<QString> topic;
    std::vector<int> partitions;  // of `topic`
    std::optional<qint64> sinceMs;
    std::optional<qint64> untilMs;

    bool isEmpty() const;
    // The arguments of a request (only what is set).
    QJsonObject toArgs() const;
    // From a request's arguments (types checked by the command table already): invalid_argument
    // for an unknown reason or stage name, partitions without a topic, a negative partition or
    // a time range that ends before it starts.
    static Result<FailureQuery> fromArgs(const QJsonObject& args);
    bool operator==(const FailureQuery&) const = default;
};

// The opaque cursor of failure_queue_list: the store key to go on from, in base64url.
QString encodeFailureCursor(const QByteArray& key);
// invalid_argument when `cursor` is not one of ours.
Result<QByteArray> decodeFailureCursor(const QString& cursor);

struct FailureCounts {
    qint64 total = 0;
    std::map<QString, qint64> byReason;  // stored reason name -> entries
    std::optional<qint64> matching;      // when the request had filters

    QJsonObject toJson() const;
    static Result<FailureCounts> fromJson(const QJsonObject& json, const QString& path);
    bool operator==(const FailureCounts&) const = default;
};

struct FailureRecord {
    QString topic;
    int partition = 0;
    qint64 offset = 0;
    qint64 index = 0;
    int appId = -1;
    QString logName;
    QString stage;  // as stored: a newer worker's names too
    QString reason;
    QString message;
    QString field;
    qint64 attempts = 0;
    qint64 firstTimeMs = 0;
    qint64 lastTimeMs = 0;
    QByteArray payload;  // raw; on the wire UTF-8 text, or base64 when it is not valid UTF-8

    QJsonObject toJson() const;
    static Result<FailureRecord> fromJson(const QJsonObject& json, const QString& path);
    bool operator==(const FailureRecord&) const = default;
};

struct FailurePage {
    std::vector<FailureRecord> entries;
    std::optional<QString> nextCursor;  // none on the last page

    QJsonObject toJson() const;
    static Result<FailurePage> fromJson(const QJsonObject& json);
    bool operator==(const FailurePage&) const = default;
};

struct FailureClearReply {
    qint64 removed = 0;
    FailureCounts before;  // total and by reason, for the audit log
    FailureCounts after;

    QJsonObject toJson() const;
    static Result<FailureClearReply> fromJson(const QJsonObject& json);
    bool operator==(const FailureClearReply&) const = default;
};

}  // namespace mtga
