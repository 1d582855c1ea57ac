#include "worker/alerts/alertformats.h"

#include "shared/nametable.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace mtga {
namespace {

constexpr NameTable<AlertFormat, 5> kFormats({{
    {AlertFormat::Generic, "generic"},
    {AlertFormat::WeCom, "wecom"},
    {AlertFormat::DingTalk, "dingtalk"},
    {AlertFormat::Feishu, "feishu"},
    {AlertFormat::Slack, "slack"},
}});
static_assert(kFormats.isValid());
static_assert(static_cast<std::size_t>(AlertFormat::Slack) + 1 == kFormats.size(),
              "a format without a name");

QByteArray compact(const QJsonObject& object) {
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

}  // namespace

std::string_view alertFormatName(AlertFormat format) {
    return kFormats.name(format);
}

std::optional<AlertFormat> parseAlertFormat(std::string_view name) {
    return kFormats.parse(name);
}

QString AlertFormats::text(const Alert& alert) {
    QStringList lines;
    const QString state = alert.firing() ? tr("FIRING") : tr("RESOLVED");
    lines << QStringLiteral("[%1] %2 (%3): %4").arg(state, alert.worker, alert.host, alert.summary);
    if (!alert.detail.isEmpty()) {
        lines << alert.detail;
    }
    if (!alert.partitions.isEmpty()) {
        constexpr qsizetype kShown = 10;  // a chat message, not a report
        QStringList shown = alert.partitions.mid(0, kShown);
        if (alert.partitions.size() > kShown) {
            shown << tr("and %n more", "", static_cast<int>(alert.partitions.size() - kShown));
        }
        lines << tr("partitions: %1").arg(shown.join(QStringLiteral(", ")));
    }
    if (alert.lag) {
        lines << (alert.lagSeconds ? tr("lag: %1 message(s), %2 s")
                                         .arg(*alert.lag)
                                         .arg(*alert.lagSeconds, 0, 'f', 1)
                                   : tr("lag: %1 message(s)").arg(*alert.lag));
    }
    if (!alert.hint.isEmpty()) {
        lines << tr("next: %1").arg(alert.hint);
    }
    return lines.join(QLatin1Char('\n'));
}

QByteArray AlertFormats::body(AlertFormat format, const Alert& alert) {
    const QString message = text(alert);
    switch (format) {
        case AlertFormat::Generic: {
            QJsonObject object = alert.toJson();
            object.insert(QLatin1String("text"), message);
            return compact(object);
        }
        case AlertFormat::WeCom:
            return compact(
                {{QLatin1String("msgtype"), QLatin1String("markdown")},
                 {QLatin1String("markdown"), QJsonObject{{QLatin1String("content"), message}}}});
        case AlertFormat::DingTalk:
            return compact(
                {{QLatin1String("msgtype"), QLatin1String("markdown")},
                 {QLatin1String("markdown"), QJsonObject{{QLatin1String("title"), alert.summary},
                                                         {QLatin1String("text"), message}}}});
        case AlertFormat::Feishu:
            return compact(
                {{QLatin1String("msg_type"), QLatin1String("text")},
                 {QLatin1String("content"), QJsonObject{{QLatin1String("text"), message}}}});
        case AlertFormat::Slack:
            return compact({{QLatin1String("text"), message}});
    }
    return {};
}

}  // namespace mtga
