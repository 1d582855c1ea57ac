#include "shared/values/helloreply.h"

#include "shared/jsonfields.h"

#include <QJsonArray>

namespace mtga {
namespace {

constexpr QLatin1String kProtocol("protocol");
constexpr QLatin1String kServer("server");
constexpr QLatin1String kVersion("version");
constexpr QLatin1String kPid("pid");
constexpr QLatin1String kCommands("commands");
constexpr QLatin1String kAdmin("admin");

}  // namespace

QJsonObject HelloReply::toJson() const {
    return QJsonObject{{kProtocol, protocol},
                       {kServer, server},
                       {kVersion, version},
                       {kPid, pid},
                       {kCommands, QJsonArray::fromStringList(commands)},
                       {kAdmin, admin}};
}

Result<HelloReply> HelloReply::fromJson(const QJsonObject& json) {
    JsonFields in(json, QStringLiteral("hello"));
    HelloReply reply;
    reply.protocol = in.int32(kProtocol);
    reply.server = in.string(kServer);
    reply.version = in.string(kVersion);
    reply.pid = in.integer(kPid);
    reply.commands = in.strings(kCommands);
    reply.admin = in.boolean(kAdmin);
    if (!in.ok()) {
        return in.error();
    }
    return reply;
}

}  // namespace mtga
