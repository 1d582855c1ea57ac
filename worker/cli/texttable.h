#pragma once

// TextTable: a plain table for the CLI, columns two spaces apart as kafka-consumer-groups.sh
// prints them, numbers right-aligned so digits line up, the last column never padded.

#include <QString>
#include <QStringList>

#include <vector>

namespace mtga::cli {

class TextTable {
public:
    enum class Align { Left, Right };
    struct Column {
        QString header;
        Align align = Align::Left;
    };

    explicit TextTable(std::vector<Column> columns) : m_columns(std::move(columns)) {}
    void addRow(QStringList cells) { m_rows.push_back(std::move(cells)); }
    bool empty() const { return m_rows.empty(); }
    QString text() const;

private:
    std::vector<Column> m_columns;
    std::vector<QStringList> m_rows;
};

}  // namespace mtga::cli
