#pragma once

// PayloadView: a message's raw bytes as text (UTF-8) or as a hex dump (offset, 16 bytes, their
// printable characters), switched by the operator; binary payloads (snappy blocks) start as hex.

#include <QByteArray>
#include <QWidget>

class QPlainTextEdit;
class QRadioButton;

namespace mtga::gui {

class PayloadView : public QWidget {
    Q_OBJECT

public:
    explicit PayloadView(QWidget* parent = nullptr);

    // `total`: the payload's whole size when `bytes` is cut (0: not cut).
    void setPayload(const QByteArray& bytes, qint64 total = 0);
    QString text() const;
    bool showsHex() const;
    void setHex(bool hex);

    static QString hexDump(const QByteArray& bytes);
    // Whether `bytes` reads as UTF-8 text (no control characters but tab and newlines).
    static bool isText(const QByteArray& bytes);

private:
    void render();

    QByteArray m_bytes;
    qint64 m_total = 0;
    QPlainTextEdit* m_edit;
    QRadioButton* m_asText;
    QRadioButton* m_asHex;
};

}  // namespace mtga::gui
