#include "worker/cli/texttable.h"

#include <algorithm>

namespace mtga::cli {

QString TextTable::text() const {
    const size_t count = m_columns.size();
    std::vector<qsizetype> widths(count, 0);
    for (size_t i = 0; i < count; ++i) {
        widths[i] = m_columns[i].header.size();
        for (const QStringList& row : m_rows) {
            widths[i] = std::max(widths[i], row.value(static_cast<qsizetype>(i)).size());
        }
    }
    const auto line = [&](const QStringList& cells) {
        QString text;
        for (size_t i = 0; i < count; ++i) {
            const QString cell = cells.value(static_cast<qsizetype>(i));
            const bool last = i + 1 == count;
            if (m_columns[i].align == Align::Right) {
                text += cell.rightJustified(widths[i]);
            } else {
                text += last ? cell : cell.leftJustified(widths[i]);
            }
            if (!last) {
                text += QStringLiteral("  ");
            }
        }
        // An empty last cell (a row without a NOTE) leaves the separator before it behind.
        while (text.endsWith(QLatin1Char(' '))) {
            text.chop(1);
        }
        return text;
    };
    QStringList header;
    for (const Column& column : m_columns) {
        header << column.header;
    }
    QStringList lines{line(header)};
    for (const QStringList& row : m_rows) {
        lines << line(row);
    }
    return lines.join(QLatin1Char('\n'));
}

}  // namespace mtga::cli
