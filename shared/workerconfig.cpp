#include "shared/workerconfig.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QRegularExpression>
#include <QSet>
#include <QSysInfo>

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <exception>
#include <limits>
#include <optional>
#include <type_traits>

namespace mtga {
namespace {

using std::chrono::milliseconds;

constexpr qint64 kKiB = 1024;
constexpr qint64 kMiB = kKiB * 1024;
constexpr qint64 kGiB = kMiB * 1024;
constexpr qint64 kTiB = kGiB * 1024;
constexpr qint64 kSecond = 1000;
constexpr qint64 kMinute = 60 * kSecond;
constexpr qint64 kHour = 60 * kMinute;
constexpr qint64 kMaxInt64 = std::numeric_limits<qint64>::max();

// Aliases can make a small file expand into a huge tree, or an endless one when an alias refers to
// its own anchor; no real configuration comes near these limits.
constexpr int kMaxValues = 100000;
constexpr int kMaxDepth = 32;
// sockaddr_un::sun_path holds 108 bytes including the terminating NUL.
constexpr qsizetype kMaxSocketPathBytes = 107;
constexpr int kMaxInstanceLength = 64;

constexpr QLatin1StringView kOverlayName("mtga.local.yml");

// Where a value came from: a place in a file, or an environment variable.
struct Location {
    QString file;
    int line = 0;      // 1-based; 0: the file as a whole
    int column = 0;    // 1-based, in characters
    QString variable;  // not empty: the value came from this environment variable

    QString text() const {
        if (!variable.isEmpty()) {
            return WorkerConfig::tr("environment %1").arg(variable);
        }
        if (line <= 0) {
            return file;
        }
        return QStringLiteral("%1:%2:%3").arg(file, QString::number(line), QString::number(column));
    }
};

struct Entry;

// The parsed YAML, detached from yaml-cpp so that files can be merged while every value keeps
// the file it came from (yaml-cpp's marks carry no file name).
struct Tree {
    enum class Kind { Null, Scalar, Sequence, Map };
    Kind kind = Kind::Null;
    std::string scalar;
    std::vector<Tree> items;
    std::vector<Entry> entries;  // in file order
    Location at;  // of the key for a map's value (a null value's own mark is unreliable)

    Tree* find(const std::string& key);
};

struct Entry {
    std::string key;
    Tree value;
};

Tree* Tree::find(const std::string& key) {
    for (Entry& entry : entries) {
        if (entry.key == key) {
            return &entry.value;
        }
    }
    return nullptr;
}

QString describe(Tree::Kind kind) {
    switch (kind) {
        case Tree::Kind::Null:
            return WorkerConfig::tr("nothing");
        case Tree::Kind::Scalar:
            return WorkerConfig::tr("a single value");
        case Tree::Kind::Sequence:
            return WorkerConfig::tr("a list");
        case Tree::Kind::Map:
            return WorkerConfig::tr("a map");
    }
    return QString();
}

QString itemPath(const QString& path, std::size_t index) {
    return QStringLiteral("%1[%2]").arg(path, QString::number(index));
}

QString keyPath(const QString& path, const std::string& key) {
    const QString name = QString::fromStdString(key);
    return path.isEmpty() ? name : path + QLatin1Char('.') + name;
}

void addError(QStringList& errors, const Location& at, const QString& path,
              const QString& message) {
    errors << (path.isEmpty() ? QStringLiteral("%1: %2").arg(at.text(), message)
                              : QStringLiteral("%1: %2: %3").arg(at.text(), path, message));
}

// One configuration file: its bytes turn yaml-cpp's 0-based byte columns into 1-based characters.
class SourceFile {
public:
    SourceFile(QString name, QByteArray bytes)
        : m_name(std::move(name)), m_bytes(std::move(bytes)) {
        m_lineStarts.push_back(m_bytes.startsWith("\xEF\xBB\xBF") ? 3 : 0);
        for (qsizetype i = 0; i < m_bytes.size(); ++i) {
            if (m_bytes[i] == '\n') {
                m_lineStarts.push_back(i + 1);
            }
        }
    }

    const QString& name() const { return m_name; }
    const QByteArray& bytes() const { return m_bytes; }

    Location locate(const YAML::Mark& mark) const {
        if (mark.is_null() || mark.line < 0 || mark.column < 0) {
            return Location{m_name, 0, 0, {}};
        }
        int column = mark.column + 1;
        if (static_cast<std::size_t>(mark.line) < m_lineStarts.size()) {
            const qsizetype start = m_lineStarts[static_cast<std::size_t>(mark.line)];
            const qsizetype end = std::min(start + mark.column, m_bytes.size());
            column = 1;
            for (qsizetype i = start; i < end; ++i) {
                // Count every byte that is not a UTF-8 continuation byte: one per character.
                if ((static_cast<unsigned char>(m_bytes[i]) & 0xC0) != 0x80) {
                    ++column;
                }
            }
            column += static_cast<int>(start + mark.column - end);
        }
        return Location{m_name, mark.line + 1, column, {}};
    }

private:
    QString m_name;
    QByteArray m_bytes;
    std::vector<qsizetype> m_lineStarts;
};

// Copies a yaml-cpp node into a Tree, reporting duplicate and non-scalar keys.
class TreeBuilder {
public:
    TreeBuilder(const SourceFile& source, QStringList& errors)
        : m_source(source), m_errors(errors) {}

    // False when the tree is too large or too deep; failure() then says why.
    bool build(const YAML::Node& node, const Location& at, const QString& path, Tree& out,
               int depth = 0) {
        if (++m_values > kMaxValues) {
            m_failure = QStringLiteral("%1: %2").arg(
                m_source.name(),
                WorkerConfig::tr("too many values (more than %1); are aliases repeated?")
                    .arg(kMaxValues));
            return false;
        }
        if (depth > kMaxDepth) {
            m_failure = QStringLiteral("%1: %2: %3")
                            .arg(at.text(), path,
                                 WorkerConfig::tr(
                                     "values nest more than %1 levels deep; does an alias refer to "
                                     "itself?")
                                     .arg(kMaxDepth));
            return false;
        }
        out.at = at;
        switch (node.Type()) {
            case YAML::NodeType::Undefined:
            case YAML::NodeType::Null:
                out.kind = Tree::Kind::Null;
                return true;
            case YAML::NodeType::Scalar:
                out.kind = Tree::Kind::Scalar;
                out.scalar = node.Scalar();
                return true;
            case YAML::NodeType::Sequence: {
                out.kind = Tree::Kind::Sequence;
                std::size_t index = 0;
                for (const YAML::Node& item : node) {
                    Tree child;
                    const Location itemAt = item.IsNull() ? at : m_source.locate(item.Mark());
                    if (!build(item, itemAt, itemPath(path, index++), child, depth + 1)) {
                        return false;
                    }
                    out.items.push_back(std::move(child));
                }
                return true;
            }
            case YAML::NodeType::Map:
                out.kind = Tree::Kind::Map;
                for (auto it = node.begin(); it != node.end(); ++it) {
                    const Location keyAt = m_source.locate(it->first.Mark());
                    if (!it->first.IsScalar() || it->first.Scalar().empty()) {
                        addError(m_errors, keyAt, path,
                                 WorkerConfig::tr("keys must be plain names, found %1")
                                     .arg(it->first.IsScalar() ? WorkerConfig::tr("an empty key")
                                                               : describe(kindOf(it->first))));
                        continue;
                    }
                    const std::string key = it->first.Scalar();
                    const QString childPath = keyPath(path, key);
                    if (const Tree* first = out.find(key)) {
                        addError(m_errors, keyAt, childPath,
                                 WorkerConfig::tr("duplicate key (first set on line %1)")
                                     .arg(first->at.line));
                        continue;
                    }
                    Tree child;
                    if (!build(it->second, keyAt, childPath, child, depth + 1)) {
                        return false;
                    }
                    out.entries.push_back(Entry{key, std::move(child)});
                }
                return true;
        }
        return true;
    }

    const QString& failure() const { return m_failure; }

private:
    static Tree::Kind kindOf(const YAML::Node& node) {
        return node.IsSequence() ? Tree::Kind::Sequence
               : node.IsMap()    ? Tree::Kind::Map
               : node.IsScalar() ? Tree::Kind::Scalar
                                 : Tree::Kind::Null;
    }

    const SourceFile& m_source;
    QStringList& m_errors;
    int m_values = 0;
    QString m_failure;
};

// Reads and parses one file; nullopt after an error (reported). A document that is empty or only
// comments is an empty map.
std::optional<Tree> parseFile(const QString& path, QStringList& errors) {
    QFile file(path);
    if (QFileInfo(path).isDir()) {
        errors << WorkerConfig::tr("%1: is a folder, not a configuration file").arg(path);
        return std::nullopt;
    }
    if (!file.open(QIODevice::ReadOnly)) {
        errors << WorkerConfig::tr("%1: cannot read: %2").arg(path, file.errorString());
        return std::nullopt;
    }
    const SourceFile source(path, file.readAll());
    const Location start{path, 1, 1, {}};
    try {
        const std::vector<YAML::Node> documents = YAML::LoadAll(source.bytes().toStdString());
        if (documents.size() > 1) {
            addError(errors, source.locate(documents[1].Mark()), QString(),
                     WorkerConfig::tr("only one YAML document is allowed"));
            return std::nullopt;
        }
        Tree root;
        root.kind = Tree::Kind::Map;
        root.at = start;
        if (documents.empty() || documents[0].IsNull()) {
            return root;
        }
        const qsizetype errorsBefore = errors.size();
        TreeBuilder builder(source, errors);
        if (!builder.build(documents[0], source.locate(documents[0].Mark()), QString(), root)) {
            errors << builder.failure();
            return std::nullopt;
        }
        if (root.kind != Tree::Kind::Map) {
            addError(errors, root.at, QString(),
                     WorkerConfig::tr("expected a map of sections (kafka, pipeline, sink, store, "
                                      "control, log), found %1")
                         .arg(describe(root.kind)));
            return std::nullopt;
        }
        if (errors.size() > errorsBefore) {
            return std::nullopt;
        }
        return root;
    } catch (const YAML::Exception& exception) {
        addError(errors, source.locate(exception.mark), QString(),
                 WorkerConfig::tr("invalid YAML: %1").arg(QString::fromStdString(exception.msg)));
    } catch (const std::exception& exception) {
        errors << WorkerConfig::tr("%1: cannot parse: %2")
                      .arg(path, QString::fromLocal8Bit(exception.what()));
    }
    return std::nullopt;
}

// The overlay wins: maps merge key by key, anything else replaces. An overlay section left empty
// (every key commented out) changes nothing rather than resetting the section.
void merge(Tree& base, Tree&& overlay) {
    if (overlay.kind == Tree::Kind::Null && base.kind == Tree::Kind::Map) {
        return;
    }
    if (base.kind == Tree::Kind::Map && overlay.kind == Tree::Kind::Map) {
        for (auto& [key, value] : overlay.entries) {
            if (Tree* existing = base.find(key)) {
                merge(*existing, std::move(value));
            } else {
                base.entries.push_back(Entry{key, std::move(value)});
            }
        }
        return;
    }
    base = std::move(overlay);
}

std::optional<qint64> parseInteger(const QString& text) {
    static const QRegularExpression kInteger(QStringLiteral("^[+-]?[0-9]+$"));
    const QString trimmed = text.trimmed();
    if (!kInteger.match(trimmed).hasMatch()) {
        return std::nullopt;
    }
    bool ok = false;
    const qint64 value = trimmed.toLongLong(&ok);
    if (!ok) {  // too many digits: saturate so that the range check reports it
        return trimmed.startsWith(QLatin1Char('-')) ? std::numeric_limits<qint64>::min()
                                                    : kMaxInt64;
    }
    return value;
}

qint64 saturatedProduct(qint64 value, qint64 factor) {
    return value > kMaxInt64 / factor ? kMaxInt64 : value * factor;
}

// "<digits> <unit>" with the unit's factor from `factors` (lower-case keys, "" for no unit);
// nothing when the text does not match, the largest qint64 when the number overflows.
std::optional<qint64> parseScaled(const QString& text, const QRegularExpression& pattern,
                                  const QHash<QString, qint64>& factors) {
    const QRegularExpressionMatch match = pattern.match(text.trimmed());
    if (!match.hasMatch()) {
        return std::nullopt;
    }
    bool ok = false;
    const qint64 value = match.captured(1).toLongLong(&ok);
    if (!ok) {
        return kMaxInt64;
    }
    return saturatedProduct(value, factors.value(match.captured(2).toLower(), 1));
}

std::optional<qint64> parseDurationMs(const QString& text) {
    static const QRegularExpression kDuration(QStringLiteral("^([0-9]+) *(ms|s|m|h)?$"),
                                              QRegularExpression::CaseInsensitiveOption);
    static const QHash<QString, qint64> kFactors{
        {QString(), 1},
        {QStringLiteral("ms"), 1},
        {QStringLiteral("s"), kSecond},
        {QStringLiteral("m"), kMinute},
        {QStringLiteral("h"), kHour},
    };
    return parseScaled(text, kDuration, kFactors);
}

std::optional<qint64> parseSizeBytes(const QString& text) {
    static const QRegularExpression kSize(
        QStringLiteral("^([0-9]+) *(B|KB|MB|GB|TB|KiB|MiB|GiB|TiB)?$"),
        QRegularExpression::CaseInsensitiveOption);
    static const QHash<QString, qint64> kFactors{
        {QString(), 1},
        {QStringLiteral("b"), 1},
        {QStringLiteral("kb"), 1000},
        {QStringLiteral("mb"), 1000 * 1000},
        {QStringLiteral("gb"), qint64{1000} * 1000 * 1000},
        {QStringLiteral("tb"), qint64{1000} * 1000 * 1000 * 1000},
        {QStringLiteral("kib"), kKiB},
        {QStringLiteral("mib"), kMiB},
        {QStringLiteral("gib"), kGiB},
        {QStringLiteral("tib"), kTiB},
    };
    return parseScaled(text, kSize, kFactors);
}

QString formatDuration(milliseconds duration) {
    const qint64 ms = duration.count();
    if (ms != 0 && ms % kHour == 0) {
        return QString::number(ms / kHour) + QLatin1Char('h');
    }
    if (ms != 0 && ms % kMinute == 0) {
        return QString::number(ms / kMinute) + QLatin1Char('m');
    }
    if (ms % kSecond == 0) {
        return QString::number(ms / kSecond) + QLatin1Char('s');
    }
    return QString::number(ms) + QStringLiteral("ms");
}

QString formatSize(qint64 bytes) {
    for (const auto& [factor, unit] : {std::pair{kTiB, "TiB"}, std::pair{kGiB, "GiB"},
                                       std::pair{kMiB, "MiB"}, std::pair{kKiB, "KiB"}}) {
        if (bytes != 0 && bytes % factor == 0) {
            return QString::number(bytes / factor) + QLatin1String(unit);
        }
    }
    return QString::number(bytes);
}

bool isTopicName(const QString& name) {
    static const QRegularExpression kTopic(QStringLiteral("^[A-Za-z0-9._-]{1,249}$"));
    return kTopic.match(name).hasMatch() && name != QLatin1String(".") &&
           name != QLatin1String("..");
}

QString sanitisedHostName() {
    QString name = QSysInfo::machineHostName().left(kMaxInstanceLength);
    for (QChar& c : name) {
        const bool allowed = (c >= QLatin1Char('a') && c <= QLatin1Char('z')) ||
                             (c >= QLatin1Char('A') && c <= QLatin1Char('Z')) ||
                             (c >= QLatin1Char('0') && c <= QLatin1Char('9')) ||
                             c == QLatin1Char('_') || c == QLatin1Char('-');
        if (!allowed) {
            c = QLatin1Char('-');
        }
    }
    return name.isEmpty() ? QStringLiteral("mtga") : name;
}

// Reads typed values from the merged tree, reporting every problem with its location and key.
class Reader {
public:
    Reader(QStringList& errors, const QProcessEnvironment& environment)
        : m_errors(errors), m_environment(environment) {}

    void error(const Location& at, const QString& path, const QString& message) {
        addError(m_errors, at, path, message);
        m_failed.insert(path.section(QLatin1Char('['), 0, 0));
    }

    // Whether a problem was reported for the key `path` ("section.key") or one of its items.
    bool failed(const QString& path) const { return m_failed.contains(path); }

    // Where `path` was set, for checks that involve several keys; `fallback` if it was not.
    Location locationOf(const QString& path, const Location& fallback) const {
        return m_locations.value(path, fallback);
    }
    void remember(const QString& path, const Location& at) { m_locations.insert(path, at); }

    // A scalar's text with ${VAR} replaced (values from the environment are taken literally);
    // null reads as empty.
    std::optional<QString> text(const Tree& value, const QString& path, const QString& expected) {
        if (value.kind == Tree::Kind::Null) {
            return QString();
        }
        if (value.kind != Tree::Kind::Scalar) {
            error(value.at, path,
                  WorkerConfig::tr("expected %1, found %2").arg(expected, describe(value.kind)));
            return std::nullopt;
        }
        const QString raw = QString::fromStdString(value.scalar);
        if (!value.at.variable.isEmpty()) {
            return raw;
        }
        return substitute(raw, value.at, path);
    }

    std::optional<QString> string(const Tree& value, const QString& path, bool allowEmpty) {
        auto result = text(value, path, WorkerConfig::tr("a string"));
        if (result && !allowEmpty && result->isEmpty()) {
            error(value.at, path, WorkerConfig::tr("must not be empty"));
            return std::nullopt;
        }
        return result;
    }

    std::optional<qint64> integer(const Tree& value, const QString& path, qint64 min, qint64 max) {
        const QString expected = WorkerConfig::tr("an integer");
        auto raw = scalar(value, path, expected);
        if (!raw) {
            return std::nullopt;
        }
        const auto number = parseInteger(*raw);
        if (!number) {
            error(value.at, path,
                  WorkerConfig::tr("expected %1, found \"%2\"").arg(expected, *raw));
            return std::nullopt;
        }
        if (*number < min || *number > max) {
            error(value.at, path,
                  WorkerConfig::tr("%1 is out of range (%2 to %3)")
                      .arg(raw->trimmed(), QString::number(min), QString::number(max)));
            return std::nullopt;
        }
        return number;
    }

    // `allowZero`: 0 is accepted below `min` as "off".
    std::optional<qint64> size(const Tree& value, const QString& path, qint64 min, qint64 max,
                               bool allowZero = false) {
        const QString expected =
            WorkerConfig::tr("a size such as 64MiB, 1GiB, 512KiB, 1MB or a number of bytes");
        auto raw = scalar(value, path, expected);
        if (!raw) {
            return std::nullopt;
        }
        const auto bytes = parseSizeBytes(*raw);
        if (!bytes) {
            error(value.at, path,
                  WorkerConfig::tr("expected %1, found \"%2\"").arg(expected, *raw));
            return std::nullopt;
        }
        if (allowZero && *bytes == 0) {
            return bytes;
        }
        if (*bytes < min || *bytes > max) {
            error(value.at, path,
                  (allowZero ? WorkerConfig::tr("%1 is out of range (0, or %2 to %3)")
                             : WorkerConfig::tr("%1 is out of range (%2 to %3)"))
                      .arg(raw->trimmed(), formatSize(min), formatSize(max)));
            return std::nullopt;
        }
        return bytes;
    }

    std::optional<milliseconds> duration(const Tree& value, const QString& path, milliseconds min,
                                         milliseconds max) {
        const QString expected =
            WorkerConfig::tr("a duration such as 10s, 500ms, 2m, 1h or a number of milliseconds");
        auto raw = scalar(value, path, expected);
        if (!raw) {
            return std::nullopt;
        }
        const auto ms = parseDurationMs(*raw);
        if (!ms) {
            error(value.at, path,
                  WorkerConfig::tr("expected %1, found \"%2\"").arg(expected, *raw));
            return std::nullopt;
        }
        if (*ms < min.count() || *ms > max.count()) {
            error(value.at, path,
                  WorkerConfig::tr("%1 is out of range (%2 to %3)")
                      .arg(raw->trimmed(), formatDuration(min), formatDuration(max)));
            return std::nullopt;
        }
        return milliseconds(*ms);
    }

    std::optional<bool> boolean(const Tree& value, const QString& path) {
        const QString expected = WorkerConfig::tr("true or false");
        auto raw = scalar(value, path, expected);
        if (!raw) {
            return std::nullopt;
        }
        const QString word = raw->trimmed();
        if (word == QLatin1String("true") || word == QLatin1String("True") ||
            word == QLatin1String("TRUE")) {
            return true;
        }
        if (word == QLatin1String("false") || word == QLatin1String("False") ||
            word == QLatin1String("FALSE")) {
            return false;
        }
        error(value.at, path, WorkerConfig::tr("expected %1, found \"%2\"").arg(expected, *raw));
        return std::nullopt;
    }

    // Sets `target` when the value is one of `choices`.
    template <typename E>
    void choice(const Tree& value, const QString& path, E& target,
                std::initializer_list<std::pair<const char*, std::type_identity_t<E>>> choices) {
        QStringList names;
        for (const auto& choice : choices) {
            names << QLatin1String(choice.first);
        }
        const QString expected =
            WorkerConfig::tr("one of: %1").arg(names.join(QStringLiteral(", ")));
        auto raw = scalar(value, path, expected);
        if (!raw) {
            return;
        }
        for (const auto& [name, result] : choices) {
            if (*raw == QLatin1String(name)) {
                target = result;
                return;
            }
        }
        error(value.at, path,
              WorkerConfig::tr("\"%1\" is not one of: %2")
                  .arg(*raw, names.join(QStringLiteral(", "))));
    }

    // The items of a list (null reads as an empty list); nullptr after an error.
    const std::vector<Tree>* list(const Tree& value, const QString& path) {
        static const std::vector<Tree> kEmpty;
        if (value.kind == Tree::Kind::Null) {
            return &kEmpty;
        }
        if (value.kind != Tree::Kind::Sequence) {
            error(value.at, path,
                  WorkerConfig::tr("expected a list, found %1").arg(describe(value.kind)));
            return nullptr;
        }
        return &value.items;
    }

private:
    // A non-null scalar's text: numbers, durations, sizes and choices cannot be empty.
    std::optional<QString> scalar(const Tree& value, const QString& path, const QString& expected) {
        if (value.kind == Tree::Kind::Null) {
            error(value.at, path,
                  WorkerConfig::tr("expected %1, found %2").arg(expected, describe(value.kind)));
            return std::nullopt;
        }
        return text(value, path, expected);
    }

    std::optional<QString> substitute(const QString& raw, const Location& at, const QString& path) {
        static const QRegularExpression kName(QStringLiteral("^[A-Za-z_][A-Za-z0-9_]*$"));
        QString result;
        qsizetype i = 0;
        bool ok = true;
        while (i < raw.size()) {
            const qsizetype dollar = raw.indexOf(QLatin1Char('$'), i);
            if (dollar < 0) {
                result += raw.mid(i);
                break;
            }
            result += raw.mid(i, dollar - i);
            if (raw.mid(dollar, 3) == QLatin1String("$${")) {  // "$${" escapes a literal "${"
                result += QLatin1String("${");
                i = dollar + 3;
                continue;
            }
            if (raw.mid(dollar, 2) != QLatin1String("${")) {
                result += QLatin1Char('$');
                i = dollar + 1;
                continue;
            }
            const qsizetype close = raw.indexOf(QLatin1Char('}'), dollar + 2);
            if (close < 0) {
                error(at, path,
                      WorkerConfig::tr("unterminated \"${\": write ${NAME}, or $${ for a literal "
                                       "\"${\""));
                return std::nullopt;
            }
            const QString name = raw.mid(dollar + 2, close - dollar - 2);
            if (!kName.match(name).hasMatch()) {
                error(at, path,
                      WorkerConfig::tr("\"${%1}\" is not a valid environment variable name")
                          .arg(name));
                ok = false;
            } else if (!m_environment.contains(name)) {
                error(at, path, WorkerConfig::tr("environment variable %1 is not set").arg(name));
                ok = false;
            } else {
                result += m_environment.value(name);
            }
            i = close + 1;
        }
        if (!ok) {
            return std::nullopt;
        }
        return result;
    }

    QStringList& m_errors;
    const QProcessEnvironment& m_environment;
    QHash<QString, Location> m_locations;
    QSet<QString> m_failed;
};

// Side results of reading that the checks across keys need.
struct ReadState {
    std::vector<Location> partitionLocations;  // one per KafkaConfig::staticPartitions entry
};

enum class Shape { Scalar, List, Map };
using ReadField = void (*)(Reader&, const Tree&, const QString&, WorkerConfig&, ReadState&);
struct Field {
    const char* name;
    Shape shape;
    ReadField read;
};
struct Section {
    const char* name;
    std::vector<Field> fields;

    const Field* find(const QString& key) const {
        for (const Field& field : fields) {
            if (key == QLatin1String(field.name)) {
                return &field;
            }
        }
        return nullptr;
    }
    QString keyList() const {
        QStringList names;
        for (const Field& field : fields) {
            names << QLatin1String(field.name);
        }
        return names.join(QStringLiteral(", "));
    }
};

template <typename T>
void assign(T& target, const std::optional<T>& value) {
    if (value) {
        target = *value;
    }
}

void assignStd(std::string& target, const std::optional<QString>& value) {
    if (value) {
        target = value->toStdString();
    }
}

std::vector<uint32_t> readIds(Reader& r, const Tree& v, const QString& k, bool& ok) {
    std::vector<uint32_t> ids;
    ok = false;
    const std::vector<Tree>* items = r.list(v, k);
    if (!items) {
        return ids;
    }
    ok = true;
    for (std::size_t i = 0; i < items->size(); ++i) {
        auto id = r.integer((*items)[i], itemPath(k, i), 0, 4294967294);
        if (!id) {
            ok = false;
            continue;
        }
        ids.push_back(static_cast<uint32_t>(*id));
    }
    return ids;
}

// A path as written; resolved against the configuration's folder once everything is read.
std::optional<QString> readPath(Reader& r, const Tree& v, const QString& k, bool allowEmpty) {
    auto path = r.string(v, k, allowEmpty);
    if (path && path->contains(QChar(0))) {
        r.error(v.at, k, WorkerConfig::tr("a path cannot hold a NUL character"));
        return std::nullopt;
    }
    return path;
}

using Config = WorkerConfig;
using State = ReadState;

// librdkafka pass-through properties, as a map of single values in file order.
void readKafkaProperties(Reader& r, const Tree& v, const QString& k,
                         std::vector<std::pair<std::string, std::string>>& properties) {
    properties.clear();
    if (v.kind == Tree::Kind::Null) {
        return;
    }
    if (v.kind != Tree::Kind::Map) {
        r.error(v.at, k,
                WorkerConfig::tr("expected a map of librdkafka properties, found %1")
                    .arg(describe(v.kind)));
        return;
    }
    for (const auto& [name, value] : v.entries) {
        const QString at = keyPath(k, name);
        if (value.kind == Tree::Kind::Null) {
            r.error(value.at, at, WorkerConfig::tr("expected a value, found nothing"));
            continue;
        }
        if (auto text = r.text(value, at, WorkerConfig::tr("a single value"))) {
            properties.emplace_back(name, text->toStdString());
        }
    }
}

const std::vector<Section>& schema() {
    static const std::vector<Section> kSchema{
        {"kafka",
         {
             {"brokers", Shape::Scalar,
              [](Reader& r, const Tree& v, const QString& k, Config& c, State&) {
                  assignStd(c.kafka.brokers, r.string(v, k, false));
              }},
             {"topics", Shape::List,
              [](Reader& r, const Tree& v, const QString& k, Config& c, State&) {
                  const std::vector<Tree>* items = r.list(v, k);
                  if (!items) {
                      return;
                  }
                  std::vector<std::string> topics;
                  bool ok = true;
                  for (std::size_t i = 0; i < items->size(); ++i) {
                      const Tree& item = (*items)[i];
                      const QString at = itemPath(k, i);
                      auto topic = r.string(item, at, true);
                      if (!topic) {
                          ok = false;
                      } else if (!isTopicName(*topic)) {
                          r.error(item.at, at,
                                  WorkerConfig::tr("\"%1\" is not a valid topic name (letters, "
                                                   "digits, '.', '_' and '-', at most 249)")
                                      .arg(*topic));
                          ok = false;
                      } else if (std::find(topics.begin(), topics.end(), topic->toStdString()) !=
                                 topics.end()) {
                          r.error(item.at, at,
                                  WorkerConfig::tr("topic \"%1\" is listed twice").arg(*topic));
                          ok = false;
                      } else {
                          topics.push_back(topic->toStdString());
                      }
                  }
                  if (ok && topics.empty()) {
                      r.error(v.at, k, WorkerConfig::tr("needs at least one topic"));
                  }
                  if (ok) {
                      c.kafka.topics = std::move(topics);
                  }
              }},
             {"group", Shape::Scalar,
              [](Reader& r, const Tree& v, const QString& k, Config& c, State&) {
                  assignStd(c.kafka.group, r.string(v, k, true));
              }},
             {"start_from", Shape::Scalar,
              [](Reader& r, const Tree& v, const QString& k, Config& c, State&) {
                  using S = KafkaConfig::StartFrom;
                  r.choice(v, k, c.kafka.startFrom,
                           {{"earliest", S::Earliest}, {"latest", S::Latest}});
              }},
             {"assignment", Shape::Scalar,
              [](Reader& r, const Tree& v, const QString& k, Config& c, State&) {
                  using A = KafkaConfig::Assignment;
                  r.choice(v, k, c.kafka.assignment, {{"group", A::Group}, {"static", A::Static}});
              }},
             {"partitions", Shape::List,
              [](Reader& r, const Tree& v, const QString& k, Config& c, State& s) {
                  const std::vector<Tree>* items = r.list(v, k);
                  if (!items) {
                      return;
                  }
                  c.kafka.staticPartitions.clear();
                  s.partitionLocations.clear();
                  for (std::size_t i = 0; i < items->size(); ++i) {
                      const Tree& item = (*items)[i];
                      const QString at = itemPath(k, i);
                      auto entry = r.string(item, at, true);
                      if (!entry) {
                          continue;
                      }
                      const qsizetype colon = entry->lastIndexOf(QLatin1Char(':'));
                      const QString topic = colon < 0 ? QString() : entry->left(colon);
                      // value_or(-1), not the optional itself: g++ 12 -O2 warns (wrongly) that a
                      // dereferenced optional may be uninitialised.
                      const qint64 partition =
                          colon < 0 ? -1 : parseInteger(entry->mid(colon + 1)).value_or(-1);
                      if (!isTopicName(topic) || partition < 0 ||
                          partition > std::numeric_limits<int>::max()) {
                          r.error(item.at, at,
                                  WorkerConfig::tr("\"%1\" is not \"topic:partition\" (such as "
                                                   "mulog_clean_24:0)")
                                      .arg(*entry));
                          continue;
                      }
                      const std::pair<std::string, int> parsed{topic.toStdString(),
                                                               static_cast<int>(partition)};
                      if (std::find(c.kafka.staticPartitions.begin(),
                                    c.kafka.staticPartitions.end(),
                                    parsed) != c.kafka.staticPartitions.end()) {
                          r.error(item.at, at,
                                  WorkerConfig::tr("\"%1\" is listed twice").arg(*entry));
                          continue;
                      }
                      c.kafka.staticPartitions.push_back(parsed);
                      s.partitionLocations.push_back(item.at);
                  }
              }},
             {"properties", Shape::Map,
              [](Reader& r, const Tree& v, const QString& k, Config& c, State&) {
                  readKafkaProperties(r, v, k, c.kafka.properties);
              }},
             {"watermark_refresh", Shape::Scalar,
              [](Reader& r, const Tree& v, const QString& k, Config& c, State&) {
                  assign(c.kafka.watermarkRefresh,
                         r.duration(v, k, milliseconds(kSecond), milliseconds(kHour)));
              }},
         }},
        {"pipeline",
         {
             {"workers", Shape::Scalar,
              [](Reader& r, const Tree& v, const QString& k, Config& c, State&) {
                  if (auto n = r.integer(v, k, 1, 64)) {
                      c.pipeline.workers = static_cast<int>(*n);
                  }
              }},
             {"queue_max_messages", Shape::Scalar,
              [](Reader& r, const Tree& v, const QString& k, Config& c, State&) {
                  assign(c.pipeline.queueMaxMessages, r.integer(v, k, 1, 100'000'000));
              }},
             {"queue_max_bytes", Shape::Scalar,
              [](Reader& r, const Tree& v, const QString& k, Config& c, State&) {
                  assign(c.pipeline.queueMaxBytes, r.size(v, k, kMiB, 64 * kGiB));
              }},
             {"checkpoint_interval", Shape::Scalar,
              [](Reader& r, const Tree& v, const QString& k, Config& c, State&) {
                  assign(c.pipeline.checkpointInterval,
                         r.duration(v, k, milliseconds(100), milliseconds(kHour)));
              }},
             {"replay_backoff", Shape::Scalar,
              [](Reader& r, const Tree& v, const QString& k, Config& c, State&) {
                  assign(c.pipeline.replayBackoff,
                         r.duration(v, k, milliseconds(kSecond), milliseconds(kHour)));
              }},
             {"replay_backoff_max", Shape::Scalar,
              [](Reader& r, const Tree& v, const QString& k, Config& c, State&) {
                  assign(c.pipeline.replayBackoffMax,
                         r.duration(v, k, milliseconds(kSecond), milliseconds(24 * kHour)));
              }},
             {"checkpoint_bytes", Shape::Scalar,
              [](Reader& r, const Tree& v, const QString& k, Config& c, State&) {
                  assign(c.pipeline.checkpointBytes, r.size(v, k, kMiB, kTiB));
              }},
             {"payload_codec", Shape::Scalar,
              [](Reader& r, const Tree& v, const QString& k, Config& c, State&) {
                  r.choice(v, k, c.pipeline.payloadCodec,
                           {{"none", "none"}, {"snappy", "snappy"}, {"auto", "auto"}});
              }},
             {"max_record_bytes", Shape::Scalar,
              [](Reader& r, const Tree& v, const QString& k, Config& c, State&) {
                  assign(c.pipeline.maxRecordBytes, r.size(v, k, kKiB, 256 * kMiB));
              }},
             {"settings", Shape::Scalar,
              [](Reader& r, const Tree& v, const QString& k, Config& c, State&) {
                  assign(c.pipeline.settingsDir, readPath(r, v, k, false));
              }},
         }},
        {"sink",
         {
             {"type", Shape::Scalar,
              [](Reader& r, const Tree& v, const QString& k, Config& c, State&) {
                  using T = SinkConfig::Type;
                  r.choice(v, k, c.sink.type, {{"file", T::File}, {"kafka", T::Kafka}});
              }},
             {"directory", Shape::Scalar,
              [](Reader& r, const Tree& v, const QString& k, Config& c, State&) {
                  assign(c.sink.directory, readPath(r, v, k, false));
              }},
             {"instance", Shape::Scalar,
              [](Reader& r, const Tree& v, const QString& k, Config& c, State&) {
                  static const QRegularExpression kInstance(QStringLiteral("^[A-Za-z0-9_-]*$"));
                  auto instance = r.string(v, k, true);
                  if (!instance) {
                      return;
                  }
                  if (!kInstance.match(*instance).hasMatch() ||
                      instance->size() > kMaxInstanceLength) {
                      r.error(v.at, k,
                              WorkerConfig::tr("\"%1\" is not a valid instance name (letters, "
                                               "digits, '_' and '-', at most %2)")
                                  .arg(*instance, QString::number(kMaxInstanceLength)));
                      return;
                  }
                  c.sink.instance = *instance;
              }},
             {"rotation", Shape::Scalar,
              [](Reader& r, const Tree& v, const QString& k, Config& c, State&) {
                  using R = SinkConfig::Rotation;
                  r.choice(v, k, c.sink.rotation, {{"hourly", R::Hourly}, {"daily", R::Daily}});
              }},
             {"max_file_bytes", Shape::Scalar,
              [](Reader& r, const Tree& v, const QString& k, Config& c, State&) {
                  assign(c.sink.maxFileBytes, r.size(v, k, kMiB, kTiB, true));
              }},
             {"mode", Shape::Scalar,
              [](Reader& r, const Tree& v, const QString& k, Config& c, State&) {
                  using M = SinkConfig::Mode;
                  r.choice(v, k, c.sink.mode, {{"stream", M::Stream}, {"batch", M::Batch}});
              }},
             {"batch_bytes", Shape::Scalar,
              [](Reader& r, const Tree& v, const QString& k, Config& c, State&) {
                  assign(c.sink.batchBytes, r.size(v, k, 4 * kKiB, 256 * kMiB));
              }},
             {"fsync", Shape::Scalar,
              [](Reader& r, const Tree& v, const QString& k, Config& c, State&) {
                  assign(c.sink.fsync, r.boolean(v, k));
              }},
             {"idle_close", Shape::Scalar,
              [](Reader& r, const Tree& v, const QString& k, Config& c, State&) {
                  assign(c.sink.idleClose,
                         r.duration(v, k, milliseconds(kSecond), milliseconds(24 * kHour)));
              }},
             {"kafka_brokers", Shape::Scalar,
              [](Reader& r, const Tree& v, const QString& k, Config& c, State&) {
                  assignStd(c.sink.kafkaBrokers, r.string(v, k, true));
              }},
             {"kafka_topic", Shape::Scalar,
              [](Reader& r, const Tree& v, const QString& k, Config& c, State&) {
                  auto topic = r.string(v, k, true);
                  if (topic && !topic->isEmpty() && !isTopicName(*topic)) {
                      r.error(v.at, k,
                              WorkerConfig::tr("\"%1\" is not a valid topic name (letters, "
                                               "digits, '.', '_' and '-', at most 249)")
                                  .arg(*topic));
                      return;
                  }
                  assignStd(c.sink.kafkaTopic, topic);
              }},
             {"kafka_properties", Shape::Map,
              [](Reader& r, const Tree& v, const QString& k, Config& c, State&) {
                  readKafkaProperties(r, v, k, c.sink.kafkaProperties);
              }},
         }},
        {"store",
         {
             {"path", Shape::Scalar,
              [](Reader& r, const Tree& v, const QString& k, Config& c, State&) {
                  assign(c.store.path, readPath(r, v, k, false));
              }},
             {"sync", Shape::Scalar,
              [](Reader& r, const Tree& v, const QString& k, Config& c, State&) {
                  assign(c.store.sync, r.boolean(v, k));
              }},
         }},
        {"control",
         {
             {"socket", Shape::Scalar,
              [](Reader& r, const Tree& v, const QString& k, Config& c, State&) {
                  assign(c.control.socket, readPath(r, v, k, false));
              }},
             {"admin_uids", Shape::List,
              [](Reader& r, const Tree& v, const QString& k, Config& c, State&) {
                  bool ok = false;
                  std::vector<uint32_t> ids = readIds(r, v, k, ok);
                  if (ok) {
                      c.control.adminUids = std::move(ids);
                  }
              }},
             {"admin_gids", Shape::List,
              [](Reader& r, const Tree& v, const QString& k, Config& c, State&) {
                  bool ok = false;
                  std::vector<uint32_t> ids = readIds(r, v, k, ok);
                  if (ok) {
                      c.control.adminGids = std::move(ids);
                  }
              }},
         }},
        {"log",
         {
             {"level", Shape::Scalar,
              [](Reader& r, const Tree& v, const QString& k, Config& c, State&) {
                  using L = LogConfig::Level;
                  r.choice(v, k, c.log.level,
                           {{"debug", L::Debug},
                            {"info", L::Info},
                            {"warning", L::Warning},
                            {"error", L::Error}});
              }},
             {"format", Shape::Scalar,
              [](Reader& r, const Tree& v, const QString& k, Config& c, State&) {
                  using F = LogConfig::Format;
                  r.choice(v, k, c.log.format, {{"text", F::Text}, {"json", F::Json}});
              }},
             {"file", Shape::Scalar,
              [](Reader& r, const Tree& v, const QString& k, Config& c, State&) {
                  assign(c.log.file, readPath(r, v, k, true));
              }},
             {"rotate", Shape::Scalar,
              [](Reader& r, const Tree& v, const QString& k, Config& c, State&) {
                  using R = LogConfig::Rotate;
                  r.choice(v, k, c.log.rotate, {{"size", R::Size}, {"daily", R::Daily}});
              }},
             {"max_bytes", Shape::Scalar,
              [](Reader& r, const Tree& v, const QString& k, Config& c, State&) {
                  assign(c.log.maxBytes, r.size(v, k, kMiB, 64 * kGiB));
              }},
             {"keep", Shape::Scalar,
              [](Reader& r, const Tree& v, const QString& k, Config& c, State&) {
                  if (auto n = r.integer(v, k, 1, 1000)) {
                      c.log.keep = static_cast<int>(*n);
                  }
              }},
         }},
    };
    return kSchema;
}

const Section* findSection(const QString& name) {
    for (const Section& section : schema()) {
        if (name == QLatin1String(section.name)) {
            return &section;
        }
    }
    return nullptr;
}

QString sectionList() {
    QStringList names;
    for (const Section& section : schema()) {
        names << QLatin1String(section.name);
    }
    return names.join(QStringLiteral(", "));
}

// MTGA_<SECTION>_<KEY> variables replace (or add) keys of the merged tree. Variables whose
// section is not a known one are left alone: other tools (build scripts, tests) use the MTGA_
// prefix too.
void applyOverrides(Tree& root, const QProcessEnvironment& environment, QStringList& errors) {
    QStringList names = environment.keys();
    names.sort();
    for (const QString& variable : names) {
        if (!variable.startsWith(QLatin1String("MTGA_"))) {
            continue;
        }
        const QString rest = variable.mid(5);
        const qsizetype split = rest.indexOf(QLatin1Char('_'));
        const QString sectionName = (split < 0 ? rest : rest.left(split)).toLower();
        const Section* section = findSection(sectionName);
        if (!section) {
            continue;
        }
        Location at;
        at.variable = variable;
        if (split < 0) {
            addError(errors, at, sectionName,
                     WorkerConfig::tr("a whole section cannot be set from the environment; name a "
                                      "key, as in MTGA_%1_<KEY>")
                         .arg(sectionName.toUpper()));
            continue;
        }
        const QString key = rest.mid(split + 1).toLower();
        const QString path = sectionName + QLatin1Char('.') + key;
        const Field* field = section->find(key);
        if (!field) {
            addError(errors, at, path,
                     WorkerConfig::tr("unknown key, expected one of: %1").arg(section->keyList()));
            continue;
        }
        if (field->shape == Shape::Map) {
            addError(errors, at, path,
                     WorkerConfig::tr("a map cannot be set from the environment; use ${VAR} in "
                                      "the file instead"));
            continue;
        }
        const QString text = environment.value(variable);
        Tree value;
        value.at = at;
        if (field->shape == Shape::Scalar) {
            value.kind = Tree::Kind::Scalar;
            value.scalar = text.toStdString();
        } else {
            value.kind = Tree::Kind::Sequence;
            if (!text.trimmed().isEmpty()) {
                for (const QString& item : text.split(QLatin1Char(','))) {
                    Tree child;
                    child.kind = Tree::Kind::Scalar;
                    child.scalar = item.trimmed().toStdString();
                    child.at = at;
                    value.items.push_back(std::move(child));
                }
            }
        }
        if (root.kind == Tree::Kind::Null) {
            root.kind = Tree::Kind::Map;
        }
        if (root.kind != Tree::Kind::Map) {
            continue;
        }
        const std::string sectionKey = sectionName.toStdString();
        Tree* sectionTree = root.find(sectionKey);
        if (!sectionTree) {
            Tree created;
            created.kind = Tree::Kind::Map;
            created.at = at;
            root.entries.push_back(Entry{sectionKey, std::move(created)});
            sectionTree = &root.entries.back().value;
        } else if (sectionTree->kind == Tree::Kind::Null) {
            sectionTree->kind = Tree::Kind::Map;
        }
        if (sectionTree->kind != Tree::Kind::Map) {
            continue;  // the file's own error about this section is reported when it is read
        }
        if (Tree* existing = sectionTree->find(field->name)) {
            *existing = std::move(value);
        } else {
            sectionTree->entries.push_back(Entry{field->name, std::move(value)});
        }
    }
}

void readSections(const Tree& root, Reader& reader, WorkerConfig& config, ReadState& state) {
    for (const auto& [name, value] : root.entries) {
        const QString sectionName = QString::fromStdString(name);
        const Section* section = findSection(sectionName);
        if (!section) {
            reader.error(
                value.at, sectionName,
                WorkerConfig::tr("unknown section, expected one of: %1").arg(sectionList()));
            continue;
        }
        reader.remember(sectionName, value.at);
        if (value.kind == Tree::Kind::Null) {
            continue;  // every key commented out: the defaults
        }
        if (value.kind != Tree::Kind::Map) {
            reader.error(value.at, sectionName,
                         WorkerConfig::tr("expected a map of keys (%1), found %2")
                             .arg(section->keyList(), describe(value.kind)));
            continue;
        }
        for (const auto& [keyName, keyValue] : value.entries) {
            const QString key = QString::fromStdString(keyName);
            const QString path = sectionName + QLatin1Char('.') + key;
            const Field* field = section->find(key);
            if (!field) {
                reader.error(
                    keyValue.at, path,
                    WorkerConfig::tr("unknown key, expected one of: %1").arg(section->keyList()));
                continue;
            }
            reader.remember(path, keyValue.at);
            field->read(reader, keyValue, path, config, state);
        }
    }
}

// Checks that involve several keys. A key with its own error keeps its default, so checks that
// involve it are skipped rather than reported against a value nobody wrote.
void checkTogether(const WorkerConfig& config, Reader& reader, const ReadState& state,
                   const Location& fileAt) {
    const KafkaConfig& kafka = config.kafka;
    const bool assignmentKnown = !reader.failed(QStringLiteral("kafka.assignment"));
    if (kafka.assignment == KafkaConfig::Assignment::Static && assignmentKnown) {
        if (kafka.staticPartitions.empty() && !reader.failed(QStringLiteral("kafka.partitions"))) {
            reader.error(reader.locationOf(QStringLiteral("kafka.assignment"), fileAt),
                         QStringLiteral("kafka.assignment"),
                         WorkerConfig::tr("static assignment needs kafka.partitions "
                                          "(\"topic:partition\" entries)"));
        }
        for (std::size_t i = 0; i < kafka.staticPartitions.size(); ++i) {
            const std::string& topic = kafka.staticPartitions[i].first;
            if (reader.failed(QStringLiteral("kafka.topics")) ||
                std::find(kafka.topics.begin(), kafka.topics.end(), topic) != kafka.topics.end()) {
                continue;
            }
            reader.error(i < state.partitionLocations.size() ? state.partitionLocations[i] : fileAt,
                         itemPath(QStringLiteral("kafka.partitions"), i),
                         WorkerConfig::tr("topic \"%1\" is not in kafka.topics")
                             .arg(QString::fromStdString(topic)));
        }
    } else if (kafka.assignment == KafkaConfig::Assignment::Group && assignmentKnown &&
               kafka.group.empty()) {
        reader.error(reader.locationOf(QStringLiteral("kafka.group"), fileAt),
                     QStringLiteral("kafka.group"),
                     WorkerConfig::tr("must not be empty with group assignment"));
    }

    if (config.sink.type == SinkConfig::Type::Kafka) {
        const Location typeAt = reader.locationOf(QStringLiteral("sink.type"), fileAt);
        if (config.sink.kafkaBrokers.empty() &&
            !reader.failed(QStringLiteral("sink.kafka_brokers"))) {
            reader.error(typeAt, QStringLiteral("sink.type"),
                         WorkerConfig::tr("type kafka needs sink.kafka_brokers"));
        }
        if (config.sink.kafkaTopic.empty() && !reader.failed(QStringLiteral("sink.kafka_topic"))) {
            reader.error(typeAt, QStringLiteral("sink.type"),
                         WorkerConfig::tr("type kafka needs sink.kafka_topic"));
        }
    }

    if (config.pipeline.maxRecordBytes > config.pipeline.queueMaxBytes &&
        !reader.failed(QStringLiteral("pipeline.max_record_bytes")) &&
        !reader.failed(QStringLiteral("pipeline.queue_max_bytes"))) {
        const Location at = reader.locationOf(
            QStringLiteral("pipeline.max_record_bytes"),
            reader.locationOf(QStringLiteral("pipeline.queue_max_bytes"), fileAt));
        reader.error(at, QStringLiteral("pipeline.max_record_bytes"),
                     WorkerConfig::tr("%1 is larger than pipeline.queue_max_bytes (%2): such a "
                                      "record could never be queued")
                         .arg(formatSize(config.pipeline.maxRecordBytes),
                              formatSize(config.pipeline.queueMaxBytes)));
    }

    const qsizetype socketBytes = config.control.socket.toUtf8().size();
    if (socketBytes > kMaxSocketPathBytes && !reader.failed(QStringLiteral("control.socket"))) {
        reader.error(reader.locationOf(QStringLiteral("control.socket"), fileAt),
                     QStringLiteral("control.socket"),
                     WorkerConfig::tr("the socket path %1 is %2 bytes long; a Unix socket path "
                                      "holds at most %3")
                         .arg(config.control.socket, QString::number(socketBytes),
                              QString::number(kMaxSocketPathBytes)));
    }
}

QString resolved(const QDir& base, const QString& path) {
    return path.isEmpty() ? path : QDir::cleanPath(base.absoluteFilePath(path));
}

// Strings are written so that loading them again gives them back: "${" would be substituted.
std::string literal(const std::string& text) {
    std::string escaped;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text.compare(i, 2, "${") == 0) {
            escaped += "$";
        }
        escaped += text[i];
    }
    return escaped;
}

std::string literal(const QString& text) {
    return literal(text.toStdString());
}

template <typename E>
const char* nameOf(E value, std::initializer_list<std::pair<E, const char*>> names) {
    for (const auto& [candidate, name] : names) {
        if (candidate == value) {
            return name;
        }
    }
    return "";
}

}  // namespace

Result<WorkerConfig> WorkerConfig::load(const QString& path,
                                        const QProcessEnvironment& environment) {
    const QFileInfo mainInfo(path);
    if (!mainInfo.exists()) {
        return Error{QStringLiteral("config_missing"),
                     tr("%1: the configuration file does not exist").arg(path)};
    }
    WorkerConfig config;
    config.file = path;
    QStringList errors;

    std::optional<Tree> root = parseFile(path, errors);
    config.sources << path;
    const QString overlayPath = QDir(mainInfo.path()).filePath(QString(kOverlayName));
    const QFileInfo overlayInfo(overlayPath);
    if (overlayInfo.exists() && overlayInfo.absoluteFilePath() != mainInfo.absoluteFilePath()) {
        config.sources << overlayPath;
        std::optional<Tree> overlay = parseFile(overlayPath, errors);
        if (root && overlay) {
            merge(*root, std::move(*overlay));
        }
    }
    if (!errors.isEmpty()) {
        // Keys cannot be checked in a file that does not parse.
        return Error{QStringLiteral("config_invalid"), errors.join(QLatin1Char('\n'))};
    }

    try {
        applyOverrides(*root, environment, errors);
        Reader reader(errors, environment);
        ReadState state;
        readSections(*root, reader, config, state);

        const QDir base = mainInfo.absoluteDir();
        config.pipeline.settingsDir = resolved(base, config.pipeline.settingsDir);
        config.sink.directory = resolved(base, config.sink.directory);
        config.store.path = resolved(base, config.store.path);
        config.control.socket = resolved(base, config.control.socket);
        config.log.file = resolved(base, config.log.file);
        if (config.sink.instance.isEmpty()) {
            config.sink.instance = sanitisedHostName();
        }
        checkTogether(config, reader, state, Location{path, 0, 0, {}});
    } catch (const std::exception& exception) {
        errors << tr("%1: cannot read the configuration: %2")
                      .arg(path, QString::fromLocal8Bit(exception.what()));
    }
    if (!errors.isEmpty()) {
        return Error{QStringLiteral("config_invalid"), errors.join(QLatin1Char('\n'))};
    }
    return config;
}

QString WorkerConfig::toYaml() const {
    try {
        YAML::Emitter out;
        out.SetIndent(2);
        auto key = [&out](const char* name) -> YAML::Emitter& {
            return out << YAML::Key << name << YAML::Value;
        };
        auto strings = [&out](const std::vector<std::string>& values) {
            out << YAML::Flow << YAML::BeginSeq;
            for (const std::string& value : values) {
                out << literal(value);
            }
            out << YAML::EndSeq;
        };
        auto ids = [&out](const std::vector<uint32_t>& values) {
            out << YAML::Flow << YAML::BeginSeq;
            for (const uint32_t value : values) {
                out << value;
            }
            out << YAML::EndSeq;
        };
        auto size = [](qint64 bytes) { return formatSize(bytes).toStdString(); };
        auto duration = [](milliseconds ms) { return formatDuration(ms).toStdString(); };
        auto properties = [&](const std::vector<std::pair<std::string, std::string>>& entries) {
            if (entries.empty()) {
                out << YAML::Flow << YAML::BeginMap << YAML::EndMap;
                return;
            }
            out << YAML::BeginMap;
            for (const auto& [name, value] : entries) {
                out << YAML::Key << name << YAML::Value << literal(value);
            }
            out << YAML::EndMap;
        };

        out << YAML::BeginMap;
        key("kafka") << YAML::BeginMap;
        key("brokers") << literal(kafka.brokers);
        key("topics");
        strings(kafka.topics);
        key("group") << literal(kafka.group);
        using StartFrom = KafkaConfig::StartFrom;
        key("start_from") << nameOf(
            kafka.startFrom, {{StartFrom::Earliest, "earliest"}, {StartFrom::Latest, "latest"}});
        using Assignment = KafkaConfig::Assignment;
        key("assignment") << nameOf(kafka.assignment,
                                    {{Assignment::Group, "group"}, {Assignment::Static, "static"}});
        std::vector<std::string> partitions;
        for (const auto& [topic, partition] : kafka.staticPartitions) {
            partitions.push_back(topic + ':' + std::to_string(partition));
        }
        key("partitions");
        strings(partitions);
        key("properties");
        properties(kafka.properties);
        key("watermark_refresh") << duration(kafka.watermarkRefresh);
        out << YAML::EndMap;

        key("pipeline") << YAML::BeginMap;
        key("workers") << pipeline.workers;
        key("queue_max_messages") << pipeline.queueMaxMessages;
        key("queue_max_bytes") << size(pipeline.queueMaxBytes);
        key("checkpoint_interval") << duration(pipeline.checkpointInterval);
        key("checkpoint_bytes") << size(pipeline.checkpointBytes);
        key("replay_backoff") << duration(pipeline.replayBackoff);
        key("replay_backoff_max") << duration(pipeline.replayBackoffMax);
        key("payload_codec") << pipeline.payloadCodec;
        key("max_record_bytes") << size(pipeline.maxRecordBytes);
        key("settings") << literal(pipeline.settingsDir);
        out << YAML::EndMap;

        key("sink") << YAML::BeginMap;
        using Type = SinkConfig::Type;
        key("type") << nameOf(sink.type, {{Type::File, "file"}, {Type::Kafka, "kafka"}});
        key("directory") << literal(sink.directory);
        key("instance") << literal(sink.instance);
        using Rotation = SinkConfig::Rotation;
        key("rotation") << nameOf(sink.rotation,
                                  {{Rotation::Hourly, "hourly"}, {Rotation::Daily, "daily"}});
        key("max_file_bytes") << size(sink.maxFileBytes);
        using Mode = SinkConfig::Mode;
        key("mode") << nameOf(sink.mode, {{Mode::Stream, "stream"}, {Mode::Batch, "batch"}});
        key("batch_bytes") << size(sink.batchBytes);
        key("fsync") << sink.fsync;
        key("idle_close") << duration(sink.idleClose);
        key("kafka_brokers") << literal(sink.kafkaBrokers);
        key("kafka_topic") << literal(sink.kafkaTopic);
        key("kafka_properties");
        properties(sink.kafkaProperties);
        out << YAML::EndMap;

        key("store") << YAML::BeginMap;
        key("path") << literal(store.path);
        key("sync") << store.sync;
        out << YAML::EndMap;

        key("control") << YAML::BeginMap;
        key("socket") << literal(control.socket);
        key("admin_uids");
        ids(control.adminUids);
        key("admin_gids");
        ids(control.adminGids);
        out << YAML::EndMap;

        key("log") << YAML::BeginMap;
        using Level = LogConfig::Level;
        key("level") << nameOf(log.level, {{Level::Debug, "debug"},
                                           {Level::Info, "info"},
                                           {Level::Warning, "warning"},
                                           {Level::Error, "error"}});
        using Format = LogConfig::Format;
        key("format") << nameOf(log.format, {{Format::Text, "text"}, {Format::Json, "json"}});
        key("file") << literal(log.file);
        using Rotate = LogConfig::Rotate;
        key("rotate") << nameOf(log.rotate, {{Rotate::Size, "size"}, {Rotate::Daily, "daily"}});
        key("max_bytes") << size(log.maxBytes);
        key("keep") << log.keep;
        out << YAML::EndMap;
        out << YAML::EndMap;

        if (!out.good()) {
            return QStringLiteral("# ") +
                   tr("cannot write the configuration: %1")
                       .arg(QString::fromStdString(out.GetLastError())) +
                   QLatin1Char('\n');
        }
        QString header;
        for (const QString& source : sources) {
            QString line = source;
            line.replace(QLatin1Char('\n'), QLatin1Char(' '));
            header += QStringLiteral("# ") + tr("read from %1").arg(line) + QLatin1Char('\n');
        }
        return header + QString::fromUtf8(out.c_str()) + QLatin1Char('\n');
    } catch (const std::exception& exception) {
        return QStringLiteral("# ") +
               tr("cannot write the configuration: %1")
                   .arg(QString::fromLocal8Bit(exception.what())) +
               QLatin1Char('\n');
    }
}

}  // namespace mtga
