// libFuzzer target: any bytes as a settings file, through the JSON-with-comments reader and the
// position index. Built by the `fuzz` preset: build/fuzz/tests/fuzz/fuzz_jsonc CORPUS_DIR

#include "worker/settings/jsoncdocument.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const QByteArray text(reinterpret_cast<const char*>(data), static_cast<qsizetype>(size));
    const auto document = mtga::JsoncDocument::parse(text, QStringLiteral("fuzz.json"));
    if (document) {
        // Every pointer lookup must stay defined, found or not.
        (void)document->locate(QStringLiteral("/a/0/b"));
        (void)document->position(QString());
    } else if (!document.error().message.startsWith(QLatin1String("fuzz.json"))) {
        __builtin_trap();  // every error names the file
    }
    return 0;
}
