#pragma once

// The bodies a webhook receives: a generic JSON (the alert's own fields and its text) and the
// ready formats of the chat robots ops teams use: WeCom (企业微信) and DingTalk markdown, Feishu
// (Lark) text, Slack-compatible text (Mattermost, Rocket.Chat...).

#include "shared/values/alert.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QString>

#include <optional>
#include <string_view>

namespace mtga {

enum class AlertFormat { Generic, WeCom, DingTalk, Feishu, Slack };

std::string_view alertFormatName(AlertFormat format);
std::optional<AlertFormat> parseAlertFormat(std::string_view name);

class AlertFormats {
    Q_DECLARE_TR_FUNCTIONS(AlertFormats)

public:
    // What a person reads: state, worker, what, the partitions, the lag, what to run next.
    static QString text(const Alert& alert);
    // The POST body for `format` (UTF-8 JSON).
    static QByteArray body(AlertFormat format, const Alert& alert);
};

}  // namespace mtga
