#pragma once

// SampleReply: the result of `sample` (docs/protocol.md): the last messages the worker took of
// one partition, newest first, each with what became of its records (the TA line written, the
// filter rule that dropped it, or why it failed). The worker keeps them in a small ring per
// partition; an operator compares a message with its lines without reading the files.

#include "shared/result.h"

#include <QByteArray>
#include <QJsonObject>
#include <QString>

#include <vector>

namespace mtga {

struct SampleRecord {
    int index = 0;    // the record's place in the message (snappy payloads hold several)
    QString outcome;  // "written", "filtered" or "failed"
    int appId = -1;
    QString logName;
    QString line;   // written: the TA line, without its newline
    QString rule;   // filtered: the rule that dropped it
    QString stage;  // failed: where and why
    QString reason;
    QString message;
    QString field;

    QJsonObject toJson() const;
    static Result<SampleRecord> fromJson(const QJsonObject& json, const QString& path);
    bool operator==(const SampleRecord&) const = default;
};

struct SampleMessage {
    qint64 offset = 0;
    qint64 timeMs = 0;        // when the worker transformed it
    QByteArray payload;       // the message as it came, cut to kMaxPayloadBytes
    qint64 payloadBytes = 0;  // its whole size
    std::vector<SampleRecord> records;

    static constexpr qsizetype kMaxPayloadBytes = 16 * 1024;

    QJsonObject toJson() const;
    static Result<SampleMessage> fromJson(const QJsonObject& json, const QString& path);
    bool operator==(const SampleMessage&) const = default;
};

struct SampleReply {
    QString topic;
    int partition = 0;
    std::vector<SampleMessage> messages;  // newest first

    QJsonObject toJson() const;
    static Result<SampleReply> fromJson(const QJsonObject& json);
    bool operator==(const SampleReply&) const = default;
};

}  // namespace mtga
