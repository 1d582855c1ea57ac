#include "gui/widgets/payloadview.h"

#include <QFontDatabase>
#include <QHBoxLayout>
#include <QLocale>
#include <QPlainTextEdit>
#include <QRadioButton>
#include <QStringDecoder>
#include <QVBoxLayout>

namespace mtga::gui {

PayloadView::PayloadView(QWidget* parent)
    : QWidget(parent),
      m_edit(new QPlainTextEdit(this)),
      m_asText(new QRadioButton(tr("Text"), this)),
      m_asHex(new QRadioButton(tr("Hex"), this)) {
    m_edit->setObjectName(QStringLiteral("payload"));
    m_edit->setReadOnly(true);
    m_edit->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_edit->setLineWrapMode(QPlainTextEdit::WidgetWidth);
    m_asText->setChecked(true);
    connect(m_asHex, &QRadioButton::toggled, this, &PayloadView::render);
    auto* modes = new QHBoxLayout;
    modes->addWidget(m_asText);
    modes->addWidget(m_asHex);
    modes->addStretch();
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(modes);
    layout->addWidget(m_edit, 1);
}

bool PayloadView::isText(const QByteArray& bytes) {
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    const QString text = decoder.decode(bytes);
    if (decoder.hasError()) {
        return false;
    }
    for (const QChar c : text) {
        if (c.unicode() < 0x20 && c != QLatin1Char('\n') && c != QLatin1Char('\r') &&
            c != QLatin1Char('\t')) {
            return false;
        }
    }
    return true;
}

QString PayloadView::hexDump(const QByteArray& bytes) {
    QString out;
    for (qsizetype row = 0; row < bytes.size(); row += 16) {
        out += QStringLiteral("%1  ").arg(row, 8, 16, QLatin1Char('0'));
        QString printable;
        for (qsizetype i = row; i < row + 16; ++i) {
            if (i < bytes.size()) {
                const auto byte = static_cast<unsigned char>(bytes[i]);
                out += QStringLiteral("%1 ").arg(byte, 2, 16, QLatin1Char('0'));
                printable += byte >= 0x20 && byte < 0x7f ? QLatin1Char(static_cast<char>(byte))
                                                         : QLatin1Char('.');
            } else {
                out += QStringLiteral("   ");
            }
            if (i == row + 7) {
                out += QLatin1Char(' ');
            }
        }
        out += QLatin1Char(' ') + printable + QLatin1Char('\n');
    }
    return out;
}

void PayloadView::setPayload(const QByteArray& bytes, qint64 total) {
    m_bytes = bytes;
    m_total = total;
    const QSignalBlocker blocker(m_asHex);
    m_asHex->setChecked(!isText(bytes));
    m_asText->setChecked(isText(bytes));
    render();
}

void PayloadView::setHex(bool hex) {
    (hex ? m_asHex : m_asText)->setChecked(true);
    render();
}

bool PayloadView::showsHex() const {
    return m_asHex->isChecked();
}

QString PayloadView::text() const {
    return m_edit->toPlainText();
}

void PayloadView::render() {
    QString text = showsHex() ? hexDump(m_bytes) : QString::fromUtf8(m_bytes);
    if (m_total > m_bytes.size()) {
        text += QLatin1Char('\n') +
                tr("… (%1 of %2 bytes shown)")
                    .arg(QLocale().toString(m_bytes.size()), QLocale().toString(m_total));
    }
    m_edit->setPlainText(text);
}

}  // namespace mtga::gui
