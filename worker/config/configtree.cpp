#include "worker/config/configtree.h"

#include "worker/config/workerconfig.h"

#include <QFile>
#include <QFileInfo>

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <exception>
#include <utility>

namespace mtga {
namespace {

// Aliases can make a small file expand into a huge tree, or an endless one when an alias refers to
// its own anchor; no real configuration comes near these limits.
constexpr int kMaxValues = 100000;
constexpr int kMaxDepth = 32;

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

    ConfigLocation locate(const YAML::Mark& mark) const {
        if (mark.is_null() || mark.line < 0 || mark.column < 0) {
            return ConfigLocation{m_name, 0, 0, {}};
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
        return ConfigLocation{m_name, mark.line + 1, column, {}};
    }

private:
    QString m_name;
    QByteArray m_bytes;
    std::vector<qsizetype> m_lineStarts;
};

// Copies a yaml-cpp node into a ConfigTree, reporting duplicate and non-scalar keys.
class TreeBuilder {
public:
    TreeBuilder(const SourceFile& source, QStringList& errors)
        : m_source(source), m_errors(errors) {}

    // False when the tree is too large or too deep; failure() then says why.
    bool build(const YAML::Node& node, const ConfigLocation& at, const QString& path,
               ConfigTree& out, int depth = 0) {
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
                out.kind = ConfigTree::Kind::Null;
                return true;
            case YAML::NodeType::Scalar:
                out.kind = ConfigTree::Kind::Scalar;
                out.scalar = node.Scalar();
                return true;
            case YAML::NodeType::Sequence: {
                out.kind = ConfigTree::Kind::Sequence;
                std::size_t index = 0;
                for (const YAML::Node& item : node) {
                    ConfigTree child;
                    const ConfigLocation itemAt = item.IsNull() ? at : m_source.locate(item.Mark());
                    if (!build(item, itemAt, configItemPath(path, index++), child, depth + 1)) {
                        return false;
                    }
                    out.items.push_back(std::move(child));
                }
                return true;
            }
            case YAML::NodeType::Map:
                out.kind = ConfigTree::Kind::Map;
                for (auto it = node.begin(); it != node.end(); ++it) {
                    const ConfigLocation keyAt = m_source.locate(it->first.Mark());
                    if (!it->first.IsScalar() || it->first.Scalar().empty()) {
                        addConfigError(m_errors, keyAt, path,
                                       WorkerConfig::tr("keys must be plain names, found %1")
                                           .arg(it->first.IsScalar()
                                                    ? WorkerConfig::tr("an empty key")
                                                    : ConfigTree::describe(kindOf(it->first))));
                        continue;
                    }
                    const std::string key = it->first.Scalar();
                    const QString childPath = configKeyPath(path, key);
                    if (const ConfigTree* first = out.find(key)) {
                        addConfigError(m_errors, keyAt, childPath,
                                       WorkerConfig::tr("duplicate key (first set on line %1)")
                                           .arg(first->at.line));
                        continue;
                    }
                    ConfigTree child;
                    if (!build(it->second, keyAt, childPath, child, depth + 1)) {
                        return false;
                    }
                    out.entries.push_back(ConfigEntry{key, std::move(child)});
                }
                return true;
        }
        return true;
    }

    const QString& failure() const { return m_failure; }

private:
    static ConfigTree::Kind kindOf(const YAML::Node& node) {
        return node.IsSequence() ? ConfigTree::Kind::Sequence
               : node.IsMap()    ? ConfigTree::Kind::Map
               : node.IsScalar() ? ConfigTree::Kind::Scalar
                                 : ConfigTree::Kind::Null;
    }

    const SourceFile& m_source;
    QStringList& m_errors;
    int m_values = 0;
    QString m_failure;
};

}  // namespace

QString ConfigLocation::text() const {
    if (!variable.isEmpty()) {
        return WorkerConfig::tr("environment %1").arg(variable);
    }
    if (line <= 0) {
        return file;
    }
    return QStringLiteral("%1:%2:%3").arg(file, QString::number(line), QString::number(column));
}

ConfigTree* ConfigTree::find(const std::string& key) {
    for (ConfigEntry& entry : entries) {
        if (entry.key == key) {
            return &entry.value;
        }
    }
    return nullptr;
}

QString ConfigTree::describe(Kind kind) {
    switch (kind) {
        case Kind::Null:
            return WorkerConfig::tr("nothing");
        case Kind::Scalar:
            return WorkerConfig::tr("a single value");
        case Kind::Sequence:
            return WorkerConfig::tr("a list");
        case Kind::Map:
            return WorkerConfig::tr("a map");
    }
    return QString();
}

QString configItemPath(const QString& path, std::size_t index) {
    return QStringLiteral("%1[%2]").arg(path, QString::number(index));
}

QString configKeyPath(const QString& path, const std::string& key) {
    const QString name = QString::fromStdString(key);
    return path.isEmpty() ? name : path + QLatin1Char('.') + name;
}

void addConfigError(QStringList& errors, const ConfigLocation& at, const QString& path,
                    const QString& message) {
    errors << (path.isEmpty() ? QStringLiteral("%1: %2").arg(at.text(), message)
                              : QStringLiteral("%1: %2: %3").arg(at.text(), path, message));
}

std::optional<ConfigTree> ConfigTree::parseFile(const QString& path, QStringList& errors) {
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
    const ConfigLocation start{path, 1, 1, {}};
    try {
        const std::vector<YAML::Node> documents = YAML::LoadAll(source.bytes().toStdString());
        if (documents.size() > 1) {
            addConfigError(errors, source.locate(documents[1].Mark()), QString(),
                           WorkerConfig::tr("only one YAML document is allowed"));
            return std::nullopt;
        }
        ConfigTree root;
        root.kind = ConfigTree::Kind::Map;
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
        if (root.kind != ConfigTree::Kind::Map) {
            addConfigError(
                errors, root.at, QString(),
                WorkerConfig::tr("expected a map of sections (kafka, pipeline, sink, store, "
                                 "control, log, health, alerts, metrics), found %1")
                    .arg(ConfigTree::describe(root.kind)));
            return std::nullopt;
        }
        if (errors.size() > errorsBefore) {
            return std::nullopt;
        }
        return root;
    } catch (const YAML::Exception& exception) {
        addConfigError(
            errors, source.locate(exception.mark), QString(),
            WorkerConfig::tr("invalid YAML: %1").arg(QString::fromStdString(exception.msg)));
    } catch (const std::exception& exception) {
        errors << WorkerConfig::tr("%1: cannot parse: %2")
                      .arg(path, QString::fromLocal8Bit(exception.what()));
    }
    return std::nullopt;
}

void ConfigTree::merge(ConfigTree&& overlay) {
    if (overlay.kind == Kind::Null && kind == Kind::Map) {
        return;
    }
    if (kind == Kind::Map && overlay.kind == Kind::Map) {
        for (auto& [key, value] : overlay.entries) {
            if (ConfigTree* existing = find(key)) {
                existing->merge(std::move(value));
            } else {
                entries.push_back(ConfigEntry{key, std::move(value)});
            }
        }
        return;
    }
    *this = std::move(overlay);
}

}  // namespace mtga
