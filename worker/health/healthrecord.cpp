#include "worker/health/healthrecord.h"

#include <QByteArray>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>

namespace mtga {
namespace {

// A sample as an array of its fields in this order: 2,000 partitions' records are written every
// few seconds, and keys repeated in every sample would triple them.
QJsonValue number(int64_t value) {
    return QJsonValue(static_cast<qint64>(value));
}

QJsonArray sampleJson(const HealthSample& s) {
    return QJsonArray{number(s.timeMs),   number(s.low),          number(s.high),
                      number(s.position), number(s.checkpointed), number(s.read),
                      number(s.lost),     number(s.resetSerial),  s.logWentBack};
}

std::optional<HealthSample> sampleOf(const QJsonValue& value) {
    const QJsonArray a = value.toArray();
    if (a.size() != 9) {
        return std::nullopt;
    }
    HealthSample s;
    s.timeMs = a[0].toInteger();
    s.low = a[1].toInteger(-1);
    s.high = a[2].toInteger(-1);
    s.position = a[3].toInteger(-1);
    s.checkpointed = a[4].toInteger(-1);
    s.read = a[5].toInteger(-1);
    s.lost = a[6].toInteger();
    s.resetSerial = a[7].toInteger();
    s.logWentBack = a[8].toBool();
    return s;
}

QString stateText(HealthState state) {
    return healthStateLatin1(state);
}

std::optional<HealthState> stateOf(const QJsonValue& value) {
    return parseHealthState(QStringView(value.toString()));
}

}  // namespace

int64_t HealthSample::lag() const {
    if (high < 0 || position < 0) {
        return -1;
    }
    return std::max<int64_t>(high - position, 0);
}

int64_t HealthSample::waiting() const {
    if (high < 0 || durable() < 0) {
        return -1;
    }
    return std::max<int64_t>(high - durable(), 0);
}

std::string HealthRecord::encode() const {
    QJsonArray sampleList;
    for (const HealthSample& sample : samples) {
        sampleList.append(sampleJson(sample));
    }
    QJsonArray transitionList;
    for (const HealthTransition& t : transitions) {
        transitionList.append(QJsonArray{number(t.atMs), stateText(t.from), stateText(t.to),
                                         number(t.lag), number(t.lost)});
    }
    const QJsonObject object{
        {QStringLiteral("state"), stateText(state)},
        {QStringLiteral("since"), number(sinceMs)},
        {QStringLiteral("stuck_since"), number(stuckSinceMs)},
        {QStringLiteral("lost"), number(lost)},
        {QStringLiteral("samples"), sampleList},
        {QStringLiteral("transitions"), transitionList},
    };
    return QJsonDocument(object).toJson(QJsonDocument::Compact).toStdString();
}

std::optional<HealthRecord> HealthRecord::decode(std::string_view value) {
    const QJsonObject object =
        QJsonDocument::fromJson(QByteArray(value.data(), static_cast<qsizetype>(value.size())))
            .object();
    const auto state = stateOf(object.value(QStringLiteral("state")));
    if (!state) {
        return std::nullopt;
    }
    HealthRecord record;
    record.state = *state;
    record.sinceMs = object.value(QStringLiteral("since")).toInteger();
    record.stuckSinceMs = object.value(QStringLiteral("stuck_since")).toInteger();
    record.lost = object.value(QStringLiteral("lost")).toInteger();
    for (const QJsonValue& item : object.value(QStringLiteral("samples")).toArray()) {
        if (const auto sample = sampleOf(item)) {
            record.samples.push_back(*sample);
        }
    }
    for (const QJsonValue& item : object.value(QStringLiteral("transitions")).toArray()) {
        const QJsonArray a = item.toArray();
        const auto from = stateOf(a.at(1));
        const auto to = stateOf(a.at(2));
        if (a.size() == 5 && from && to) {
            record.transitions.push_back(
                {a[0].toInteger(), *from, *to, a[3].toInteger(-1), a[4].toInteger()});
        }
    }
    return record;
}

}  // namespace mtga
