#include "worker/settings/jsoncdocument.h"

#include "worker/settings/jsoncparser.h"

#include <QFile>

namespace mtga {

Result<JsoncDocument> JsoncDocument::parse(const QByteArray& text, const QString& fileName) {
    // Dropping the BOM up front keeps it out of every offset, so it never shifts a column.
    static constexpr char kBom[] = "\xEF\xBB\xBF";
    const QByteArray body = text.startsWith(kBom) ? text.sliced(3) : text;
    return JsoncParser(body, fileName).run();
}

Result<JsoncDocument> JsoncDocument::load(const QString& path) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return Error::of(
            ErrorCode::IoError,
            path + QLatin1String(": ") + tr("cannot open the file: %1").arg(file.errorString()));
    }
    const QByteArray text = file.readAll();
    if (file.error() != QFileDevice::NoError) {
        return Error::of(
            ErrorCode::IoError,
            path + QLatin1String(": ") + tr("cannot read the file: %1").arg(file.errorString()));
    }
    return parse(text, path);
}

const QJsonValue& JsoncDocument::root() const {
    return m_root;
}

const QString& JsoncDocument::fileName() const {
    return m_fileName;
}

std::optional<SourcePosition> JsoncDocument::position(const QString& pointer) const {
    const auto found = m_positions.constFind(pointer);
    if (found == m_positions.cend()) {
        return std::nullopt;
    }
    return *found;
}

QString JsoncDocument::locate(const QString& pointer) const {
    // A pointer that does not start with '/' is malformed and so has no parent to fall back to.
    if (!pointer.isEmpty() && !pointer.startsWith(QLatin1Char('/'))) {
        return m_fileName;
    }
    QString candidate = pointer;
    for (;;) {
        if (const auto found = position(candidate)) {
            return formatPosition(m_fileName, *found);
        }
        if (candidate.isEmpty()) {
            return m_fileName;
        }
        candidate.truncate(candidate.lastIndexOf(QLatin1Char('/')));
    }
}

QString JsoncDocument::memberPointer(const QString& parent, QString key) {
    // The order matters: escaping '/' first would turn its "~1" into "~01".
    key.replace(QLatin1Char('~'), QLatin1String("~0"));
    key.replace(QLatin1Char('/'), QLatin1String("~1"));
    return parent + QLatin1Char('/') + key;
}

QString JsoncDocument::elementPointer(const QString& parent, qsizetype index) {
    return parent + QLatin1Char('/') + QString::number(index);
}

QString JsoncDocument::formatPosition(const QString& fileName, SourcePosition position) {
    return fileName + QLatin1Char(':') + QString::number(position.line) + QLatin1Char(':') +
           QString::number(position.column);
}

}  // namespace mtga
