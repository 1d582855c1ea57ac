#include "worker/metrics/prometheustext.h"

#include <cmath>

namespace mtga {

QByteArray PrometheusText::escapeLabel(const QString& value) {
    QByteArray out;
    for (const char c : value.toUtf8()) {
        switch (c) {
            case '\\':
                out += "\\\\";
                break;
            case '"':
                out += "\\\"";
                break;
            case '\n':
                out += "\\n";
                break;
            default:
                out += c;
        }
    }
    return out;
}

void PrometheusText::family(const char* name, const char* type, const QString& help) {
    QByteArray text = help.toUtf8();
    text.replace("\\", "\\\\").replace("\n", "\\n");
    m_text += QByteArray("# HELP ") + name + ' ' + text + '\n';
    m_text += QByteArray("# TYPE ") + name + ' ' + type + '\n';
}

void PrometheusText::sample(const char* name, const Labels& labels, double value) {
    m_text += name;
    if (!labels.empty()) {
        m_text += '{';
        for (size_t i = 0; i < labels.size(); ++i) {
            m_text += (i ? "," : "") + labels[i].first.toUtf8() + "=\"" +
                      escapeLabel(labels[i].second) + '"';
        }
        m_text += '}';
    }
    m_text += ' ';
    // Offsets and counts are integers: no exponent, every digit.
    if (std::isfinite(value) && value == std::floor(value) && std::fabs(value) < 9.0e15) {
        m_text += QByteArray::number(static_cast<qint64>(value));
    } else {
        m_text += QByteArray::number(value, 'g', 15);
    }
    m_text += '\n';
}

}  // namespace mtga
