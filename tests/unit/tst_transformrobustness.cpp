// 200,000 mutated inputs with a fixed seed: truncations, bit flips, random bytes, deep nesting,
// huge strings, corrupt snappy. Every input must end in a defined outcome, every written line
// must be valid JSON that follows TA's rules, and nothing may crash (ASan runs this too).

#include "worker/demo/sampleevents.h"
#include "worker/transform/tarules.h"
#include "worker/transform/transformer.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

#include <snappy.h>

#include <random>

using namespace mtga;

class TestTransformRobustness : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void mutatedInputsHaveDefinedOutcomes();
};

namespace {

std::string mutate(std::mt19937_64& random, std::string input) {
    const auto pick = [&](size_t bound) { return bound == 0 ? 0 : random() % bound; };
    switch (random() % 10) {
        case 0:  // truncation
            input.resize(pick(input.size() + 1));
            break;
        case 1:  // bit flips
            for (int i = 0, n = 1 + static_cast<int>(pick(4)); i < n && !input.empty(); ++i) {
                input[pick(input.size())] ^= static_cast<char>(1u << pick(8));
            }
            break;
        case 2:  // random bytes inserted
            for (int i = 0, n = 1 + static_cast<int>(pick(8)); i < n; ++i) {
                input.insert(input.begin() + static_cast<std::ptrdiff_t>(pick(input.size() + 1)),
                             static_cast<char>(random()));
            }
            break;
        case 3: {  // structural characters sprinkled in
            static constexpr char kChars[] = "{}[]\",:\\0-.eE ";
            for (int i = 0, n = 1 + static_cast<int>(pick(6)); i < n && !input.empty(); ++i) {
                input[pick(input.size())] = kChars[pick(sizeof(kChars) - 1)];
            }
            break;
        }
        case 4: {  // deep nesting inside logs
            const size_t depth = 1 + pick(5000);
            const size_t at = input.find("\"logs\":{");
            if (at != std::string::npos) {
                input.insert(at + 8,
                             "\"deep\":" + std::string(depth, '[') + std::string(depth, ']') + ",");
            } else {
                input = std::string(depth, '[');
            }
            break;
        }
        case 5: {  // a huge string, sometimes over the record limit
            const size_t size = pick(40) == 0 ? 1100 * 1024 : pick(20000);
            const size_t at = input.find("\"logs\":{");
            if (at != std::string::npos) {
                input.insert(at + 8, "\"huge\":\"" + std::string(size, 'x') + "\",");
            }
            break;
        }
        case 6:  // pure random bytes
            input.resize(pick(300));
            for (char& c : input) {
                c = static_cast<char>(random());
            }
            break;
        case 7: {  // a snappy payload of several records, possibly corrupted
            std::string compressed;
            const std::string records = input + "\n" + input;
            snappy::Compress(records.data(), records.size(), &compressed);
            if (pick(2) == 0 && !compressed.empty()) {
                compressed[pick(compressed.size())] ^= static_cast<char>(1u << pick(8));
            }
            input = compressed;
            break;
        }
        case 8: {  // logs before headers: the transform's second-pass path
            const size_t split = input.find(",\"logs\":");
            if (split != std::string::npos && input.size() > split + 9) {
                const std::string headers = input.substr(1, split - 1);
                const std::string logs = input.substr(split + 1, input.size() - split - 2);
                input = "{" + logs + "," + headers + "}";
            }
            break;
        }
        default:  // unchanged: the clean path must keep working between bad inputs
            break;
    }
    return input;
}

}  // namespace

void TestTransformRobustness::mutatedInputsHaveDefinedOutcomes() {
    QTemporaryDir dir;
    QFile metadata(dir.filePath(QStringLiteral("metadata.24.json")));
    QVERIFY(metadata.open(QIODevice::WriteOnly));
    metadata.write(R"({"identity":{"account_id":"role_id","ip":"ip"},"time":{"field":"mtime"},
                       "logs":{"log_money":{"type":"user_add"}}})");
    metadata.close();
    QFile filter(dir.filePath(QStringLiteral("filter.24.json")));
    QVERIFY(filter.open(QIODevice::WriteOnly));
    filter.write(R"({"rules":[{"name":"high","drop_when":{"field":"role_level","gt":790}}]})");
    filter.close();
    auto settings = SettingsSet::loadFolder(dir.path());
    QVERIFY(settings.ok());

    constexpr int kInputs = 200'000;
    std::mt19937_64 random(20261125);
    const SampleEventGenerator generator(11, {24, 24, 24, 25});
    Transformer transformer(settings.value());
    TransformOutput output;
    uint64_t outcomes = 0;
    uint64_t okLines = 0;
    for (int i = 0; i < kInputs; ++i) {
        const std::string input = mutate(random, generator.event(static_cast<uint64_t>(i)).value);
        output.clear();
        transformer.transform({"mulog_clean_24", i % 6, i}, input, 1700000000000, output);
        QVERIFY(!output.outcomes.empty());
        size_t expectedTextEnd = 0;
        for (const RecordOutcome& outcome : output.outcomes) {
            ++outcomes;
            switch (outcome.kind) {
                case OutcomeKind::Ok: {
                    ++okLines;
                    QCOMPARE(outcome.lineBegin, expectedTextEnd);
                    QVERIFY(outcome.lineEnd > outcome.lineBegin);
                    expectedTextEnd = outcome.lineEnd;
                    const QByteArray line = QByteArray::fromStdString(
                        output.text.substr(outcome.lineBegin, outcome.lineEnd - outcome.lineBegin));
                    QVERIFY(line.endsWith('\n'));
                    QJsonParseError error{};
                    const QJsonObject object = QJsonDocument::fromJson(line, &error).object();
                    if (error.error != QJsonParseError::NoError) {
                        QFile dump(QDir::temp().filePath(QStringLiteral("mtga-bad-line.json")));
                        if (dump.open(QIODevice::WriteOnly)) {
                            dump.write(line);
                        }
                        QFAIL(qPrintable(QStringLiteral("invalid JSON written (%1 at %2), see %3")
                                             .arg(error.errorString())
                                             .arg(error.offset)
                                             .arg(dump.fileName())));
                    }
                    QVERIFY(tarules::isTime(
                        object.value(QStringLiteral("#time")).toString().toStdString()));
                    QVERIFY(tarules::isCanonicalUuid(
                        object.value(QStringLiteral("#uuid")).toString().toStdString()));
                    QVERIFY(tarules::isType(
                        object.value(QStringLiteral("#type")).toString().toStdString()));
                    QVERIFY(object.value(QStringLiteral("properties")).isObject());
                    break;
                }
                case OutcomeKind::Filtered:
                    QVERIFY(!outcome.rule.empty());
                    break;
                case OutcomeKind::Failed:
                    QVERIFY(static_cast<size_t>(outcome.code) < kFailureCodeCount);
                    QVERIFY(!outcome.message.empty());
                    QVERIFY(outcome.stage != FailureStage::Sink);
                    break;
            }
        }
        QCOMPARE(output.text.size(), expectedTextEnd);
    }
    const TransformCounters& counters = transformer.counters();
    QCOMPARE(counters.ok + counters.filtered + counters.failed, outcomes);
    QCOMPARE(counters.ok, okLines);
    // The mutations must really exercise every path, not just the happy one.
    QVERIFY(counters.ok > 10'000);
    QVERIFY(counters.filtered > 100);
    for (const FailureCode code :
         {FailureCode::InvalidJson, FailureCode::UnknownApp, FailureCode::PayloadDecode,
          FailureCode::TooLarge, FailureCode::NoIdentity, FailureCode::TaFormat}) {
        QVERIFY2(counters.failedByCode[static_cast<size_t>(code)] > 0,
                 failureCodeName(code).data());
    }
    qInfo("%llu outcomes: %llu ok, %llu filtered, %llu failed",
          static_cast<unsigned long long>(outcomes), static_cast<unsigned long long>(counters.ok),
          static_cast<unsigned long long>(counters.filtered),
          static_cast<unsigned long long>(counters.failed));
}

QTEST_GUILESS_MAIN(TestTransformRobustness)
#include "tst_transformrobustness.moc"
