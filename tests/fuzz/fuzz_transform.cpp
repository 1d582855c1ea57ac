// libFuzzer target: any bytes as a Kafka message value through the whole transform. Built by the
// `fuzz` preset (clang): build/fuzz/tests/fuzz/fuzz_transform -max_total_time=60 CORPUS_DIR

#include "worker/transform/transformer.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>

#include <cstddef>
#include <cstdint>

namespace {

mtga::Transformer* makeTransformer(mtga::PayloadCodec codec) {
    static QTemporaryDir dir;
    static const std::shared_ptr<const mtga::SettingsSet> settings = [] {
        QFile metadata(dir.filePath(QStringLiteral("metadata.24.json")));
        if (metadata.open(QIODevice::WriteOnly)) {
            metadata.write(R"({"identity":{"account_id":"role_id","ip":"ip"},
              "time":{"field":"mtime"},
              "logs":{"log_money":{"type":"user_add"},
                      "log_order":{"type":"track_update","event_id":"order_id"}}})");
        }
        metadata.close();
        QFile filter(dir.filePath(QStringLiteral("filter.24.json")));
        if (filter.open(QIODevice::WriteOnly)) {
            filter.write(R"({"rules":[{"name":"r","drop_when":{"any":[
              {"field":"level","gt":100},{"field":"name","in":["a","b"]}]}}]})");
        }
        filter.close();
        QFile rules(dir.filePath(QStringLiteral("metadata.25.json")));
        if (rules.open(QIODevice::WriteOnly)) {
            rules.write(R"({"identity":{"distinct_id":"d"},"properties":{"rename":{"a":"b"},
              "drop":["c"],"convert":{"n":"number","s":"string","f":"boolean"}}})");
        }
        rules.close();
        auto loaded = mtga::SettingsSet::loadFolder(dir.path());
        return loaded ? loaded.value() : nullptr;
    }();
    mtga::TransformerOptions options;
    options.payloadCodec = codec;
    options.maxRecordBytes = 64 * 1024;
    return new mtga::Transformer(settings, options);  // lives for the whole fuzzing run
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    static mtga::Transformer* const kTransformers[] = {makeTransformer(mtga::PayloadCodec::None),
                                                       makeTransformer(mtga::PayloadCodec::Snappy),
                                                       makeTransformer(mtga::PayloadCodec::Auto)};
    if (size == 0) {
        return 0;
    }
    mtga::TransformOutput output;
    const std::string_view value(reinterpret_cast<const char*>(data) + 1, size - 1);
    kTransformers[data[0] % 3]->transform({"fuzz", 1, 2}, value, 1700000000000, output);
    size_t lineEnd = 0;
    for (const mtga::RecordOutcome& outcome : output.outcomes) {
        if (outcome.kind == mtga::OutcomeKind::Ok) {
            // Lines are laid out back to back and end in a newline.
            if (outcome.lineBegin != lineEnd || output.text[outcome.lineEnd - 1] != '\n') {
                __builtin_trap();
            }
            lineEnd = outcome.lineEnd;
        }
    }
    if (lineEnd != output.text.size()) {
        __builtin_trap();
    }
    return 0;
}
