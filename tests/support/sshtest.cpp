#include "tests/support/sshtest.h"

#include "shared/values/kafkalag.h"
#include "tests/support/controltest.h"

#include <QJsonArray>

#include <unistd.h>

namespace mtga::test {

ScopedEnvironment::~ScopedEnvironment() {
    // Backwards: a variable set twice gets its first value back.
    for (auto it = m_saved.rbegin(); it != m_saved.rend(); ++it) {
        if (it->second) {
            qputenv(it->first.constData(), *it->second);
        } else {
            qunsetenv(it->first.constData());
        }
    }
}

void ScopedEnvironment::set(const char* name, const QString& value) {
    m_saved.emplace_back(QByteArray(name), qEnvironmentVariableIsSet(name)
                                               ? std::optional<QByteArray>(qgetenv(name))
                                               : std::nullopt);
    qputenv(name, value.toLocal8Bit());
}

QString standinSsh() {
    return QStringLiteral(MTGA_SOURCE_DIR "/tests/data/ssh/standin-ssh.sh");
}

SampleWorker::SampleWorker(const QString& socket)
    : m_calls(std::make_shared<std::map<QString, int>>()) {
    const auto counted = [calls = m_calls](const QString& command) -> ControlServer::Handler {
        return [calls, command](const QJsonObject&) -> Result<QJsonObject> {
            ++(*calls)[command];
            return QJsonObject{{QStringLiteral("apps"), QJsonArray{24}}};
        };
    };
    m_server = startTestServer(
        controlConfig(socket, {::getuid()}),
        {{QStringLiteral("status"), resultHandler(sampleStatus().toJson())},
         {QStringLiteral("offsets"), resultHandler(sampleOffsets().toJson())},
         {QStringLiteral("kafka_lag"), resultHandler(KafkaLag::of(sampleOffsets()).toJson())},
         {QStringLiteral("reload"), counted(QStringLiteral("reload"))},
         {QStringLiteral("restart"), counted(QStringLiteral("restart"))}});
}

int SampleWorker::calls(const QString& command) const {
    const auto it = m_calls->find(command);
    return it == m_calls->end() ? 0 : it->second;
}

}  // namespace mtga::test
