#include "worker/control/audittrail.h"

#include "worker/store/store.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcAudit, "mtga.audit", QtInfoMsg)

namespace mtga {
namespace {

QString compact(const QJsonObject& object) {
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

QString compact(const QJsonValue& value) {
    if (value.isArray()) {
        return QString::fromUtf8(QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact));
    }
    return value.isObject() ? compact(value.toObject()) : value.toVariant().toString();
}

}  // namespace

AuditTrail::AuditTrail(StoreLookup store) : m_store(std::move(store)) {}

QJsonObject AuditTrail::toJson(const CommandRecord& record) {
    QJsonObject object{{QStringLiteral("command"), record.command},
                       {QStringLiteral("peer"), record.peer.toJson()},
                       {QStringLiteral("args"), record.args},
                       {QStringLiteral("received_ms"), record.receivedMs},
                       {QStringLiteral("answered_ms"), record.answeredMs},
                       {QStringLiteral("ok"), record.ok}};
    if (!record.ok) {
        object.insert(QStringLiteral("error"),
                      QJsonObject{{QStringLiteral("code"), record.errorCode},
                                  {QStringLiteral("message"), record.errorMessage}});
    }
    // What a command changed, as it reported it; the rest of its result is the client's.
    for (const QLatin1String key : {QLatin1String("before"), QLatin1String("after")}) {
        const QJsonValue value = record.result.value(key);
        if (!value.isUndefined()) {
            object.insert(key, value);
        }
    }
    return object;
}

void AuditTrail::record(const CommandRecord& record) const {
    const QJsonObject details = toJson(record);
    const QString who =
        record.peer.known
            ? QStringLiteral("uid %1 pid %2").arg(record.peer.uid).arg(record.peer.pid)
            : QStringLiteral("an unknown peer");
    const QString outcome =
        record.ok ? QStringLiteral("ok")
                  : QStringLiteral("%1: %2").arg(record.errorCode, record.errorMessage);
    QString change;
    if (details.contains(QLatin1String("before")) || details.contains(QLatin1String("after"))) {
        change = QStringLiteral(", before %1 after %2")
                     .arg(compact(details.value(QLatin1String("before"))),
                          compact(details.value(QLatin1String("after"))));
    }
    qCInfo(lcAudit).noquote() << who << "ran" << record.command << compact(record.args) << "->"
                              << outcome + change;
    Store* store = m_store ? m_store() : nullptr;
    if (store == nullptr) {
        qCWarning(lcAudit) << "no pipeline, so" << record.command
                           << "is in the log file only, not in the store's audit log";
        return;
    }
    if (auto written = store->audit(kAuditKindPrefix + record.command.toStdString(),
                                    compact(details).toStdString());
        !written) {
        qCWarning(lcAudit).noquote()
            << "cannot write" << record.command << "to the audit log:" << written.error().message;
    }
}

}  // namespace mtga
