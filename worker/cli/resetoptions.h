#pragma once

// ResetOptions: `mtga reset_offsets`' flags, in the grammar of kafka-consumer-groups.sh
// --reset-offsets so that operators' habits and scripts carry over: one target (--to-earliest,
// --to-latest, --to-offset, --to-datetime, --by-duration, --shift-by, --from-file), one scope
// (--all-topics, or --topic T / --topic T:0,1,2), a dry run unless --execute.

#include "shared/result.h"
#include "shared/values/offsetresetrequest.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDateTime>
#include <QString>

#include <optional>

namespace mtga::cli {

class ResetOptions {
    Q_DECLARE_TR_FUNCTIONS(ResetOptions)

public:
    static void add(QCommandLineParser& parser);
    // The request the flags make, or why they make none (invalid_argument, for exit 2).
    static Result<OffsetResetRequest> request(const QCommandLineParser& parser);

    // ISO-8601 as kafka-consumer-groups.sh takes them: "2026-12-01T08:00:00.000" (local time
    // without a zone; "Z" or "+08:00" may follow) and "PT1H", "P1DT30M", "PT0.5S".
    static std::optional<QDateTime> parseDateTime(const QString& text);
    static std::optional<qint64> parseDurationMs(const QString& text);
    // kafka-consumer-groups.sh's CSV: one "topic,partition,offset" per line.
    static Result<std::vector<PartitionOffset>> readOffsetsFile(const QString& path);
};

}  // namespace mtga::cli
