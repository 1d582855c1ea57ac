#pragma once

// PrometheusText: the text exposition format (version 0.0.4) as Prometheus and promtool read
// it: a HELP and a TYPE line per family, then its samples, label values escaped.

#include <QByteArray>
#include <QString>

#include <utility>
#include <vector>

namespace mtga {

class PrometheusText {
public:
    using Labels = std::vector<std::pair<QString, QString>>;

    // `type`: counter or gauge. A family's samples follow it.
    void family(const char* name, const char* type, const QString& help);
    void sample(const char* name, const Labels& labels, double value);
    void sample(const char* name, double value) { sample(name, {}, value); }
    const QByteArray& text() const { return m_text; }

    static QByteArray escapeLabel(const QString& value);

private:
    QByteArray m_text;
};

}  // namespace mtga
