// libFuzzer target: any bytes as one control request line, through what the worker does with a
// line before a handler sees it: the request parser, the id echoed on an error, and the argument
// check of the command table. Built by the `fuzz` preset:
// build/fuzz/tests/fuzz/fuzz_request -max_len=4096 CORPUS_DIR tests/fuzz/corpus/request

#include "shared/commands.h"
#include "shared/controlprotocol.h"
#include "shared/jsonfields.h"

#include <cstddef>
#include <cstdint>

namespace {

void check(bool invariant) {
    if (!invariant) {
        __builtin_trap();
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    static const mtga::CommandTable table = mtga::CommandTable::builtin();
    const QByteArray line(reinterpret_cast<const char*>(data), static_cast<qsizetype>(size));
    const auto request = mtga::ControlProtocol::parseRequest(line);
    // Whatever the line, the id put on its error reply is null or a valid one.
    const QJsonValue errorId = mtga::ControlProtocol::requestIdForError(line);
    check(errorId.isNull() || mtga::isJsonInteger(errorId));
    if (!request) {
        const QString code = request.error().codeName();
        check(code == QLatin1String("bad_json") || code == QLatin1String("bad_request"));
        check(!request.error().message.isEmpty());
        // The error reply is one line that the client's parser reads back as this error.
        const QByteArray reply = mtga::ControlProtocol::encodeError(errorId, request.error());
        check(reply.endsWith('\n') && reply.count('\n') == 1);
        const auto response = mtga::ControlProtocol::parseResponse(reply);
        check(response.ok() && !response->ok && response->error.codeName() == code);
        return 0;
    }
    check(!request->cmd.isEmpty());
    check(request->id.isNull() || mtga::isJsonInteger(request->id));
    // A request survives its own wire format.
    const auto again =
        mtga::ControlProtocol::parseRequest(mtga::ControlProtocol::encodeRequest(request.value()));
    check(again.ok() && again->cmd == request->cmd && again->args == request->args &&
          again->id == request->id);
    if (const mtga::CommandSpec* spec = table.find(request->cmd)) {
        const auto checked = spec->checkArguments(request->args);
        check(checked.ok() || checked.error().codeName() == QLatin1String("bad_request"));
    }
    return 0;
}
