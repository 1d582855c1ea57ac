// bench_transform: the transform engine on the original sample message, one core.
// Targets (issue #3): raw-copy path >= 1,000,000 events/s; with two property rules >= 300,000.
// Run: ctest --preset bench -R bench_transform (release build), or the binary itself.

#include "worker/transform/transformer.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QTemporaryDir>

#include <benchmark/benchmark.h>

namespace {

std::string sampleMessage() {
    QFile file(QStringLiteral(MTGA_TEST_DATA_DIR "/log_item.input.json"));
    if (!file.open(QIODevice::ReadOnly)) {
        return {};
    }
    return file.readAll().trimmed().toStdString();
}

std::shared_ptr<const mtga::SettingsSet> settingsWith(const QByteArray& metadata) {
    static QTemporaryDir dir;  // lives until exit: the benchmarks share it
    static int counter = 0;
    const QString folder = dir.filePath(QString::number(++counter));
    QDir().mkpath(folder);
    QFile file(folder + QStringLiteral("/metadata.24.json"));
    if (!file.open(QIODevice::WriteOnly) || file.write(metadata) != metadata.size()) {
        return nullptr;
    }
    file.close();
    auto loaded = mtga::SettingsSet::loadFolder(folder);
    return loaded ? loaded.value() : nullptr;
}

void runTransform(benchmark::State& state,
                  const std::shared_ptr<const mtga::SettingsSet>& settings) {
    const std::string value = sampleMessage();
    if (!settings || value.empty()) {
        state.SkipWithError("settings or sample missing");
        return;
    }
    mtga::Transformer transformer(settings);  // payload_codec auto, as in production
    mtga::TransformOutput output;
    int64_t offset = 0;
    for (auto _ : state) {
        output.clear();
        transformer.transform({"mulog_clean_24", 0, offset++}, value, 1700000000000, output);
        benchmark::DoNotOptimize(output.text.data());
    }
    if (transformer.counters().ok != static_cast<uint64_t>(state.iterations())) {
        state.SkipWithError("not every event was transformed");
    }
    state.SetItemsProcessed(state.iterations());
    state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(value.size()));
}

void BM_TransformRawCopy(benchmark::State& state) {
    runTransform(state, settingsWith(R"({"identity":{"account_id":"role_id"},
                                         "time":{"field":"mtime"}})"));
}
BENCHMARK(BM_TransformRawCopy);

void BM_TransformTwoPropertyRules(benchmark::State& state) {
    runTransform(state, settingsWith(R"({"identity":{"account_id":"role_id"},
                                         "time":{"field":"mtime"},
                                         "properties":{"rename":{"pid":"log_pid"},
                                                       "drop":["mac"]}})"));
}
BENCHMARK(BM_TransformTwoPropertyRules);

}  // namespace

int main(int argc, char** argv) {
    QCoreApplication app(argc, argv);
    benchmark::Initialize(&argc, argv);
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
