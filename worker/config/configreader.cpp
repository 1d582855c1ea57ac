#include "worker/config/configreader.h"

#include "worker/config/configenvironment.h"
#include "worker/config/configunits.h"
#include "worker/config/workerconfig.h"

#include <QRegularExpression>

namespace mtga {

using std::chrono::milliseconds;

ConfigReader::ConfigReader(QStringList& errors, const QProcessEnvironment& environment)
    : m_errors(errors), m_environment(environment) {}

void ConfigReader::error(const ConfigLocation& at, const QString& path, const QString& message) {
    addConfigError(m_errors, at, path, message);
    m_failed.insert(path.section(QLatin1Char('['), 0, 0));
}

std::optional<QString> ConfigReader::text(const ConfigTree& value, const QString& path,
                                          const QString& expected) {
    if (value.kind == ConfigTree::Kind::Null) {
        return QString();
    }
    if (value.kind != ConfigTree::Kind::Scalar) {
        error(value.at, path,
              WorkerConfig::tr("expected %1, found %2")
                  .arg(expected, ConfigTree::describe(value.kind)));
        return std::nullopt;
    }
    const QString raw = QString::fromStdString(value.scalar);
    if (!value.at.variable.isEmpty()) {
        return raw;
    }
    QStringList problems;
    auto substituted = ConfigEnvironment::substitute(raw, m_environment, problems);
    for (const QString& problem : problems) {
        error(value.at, path, problem);
    }
    return substituted;
}

std::optional<QString> ConfigReader::string(const ConfigTree& value, const QString& path,
                                            bool allowEmpty) {
    auto result = text(value, path, WorkerConfig::tr("a string"));
    if (result && !allowEmpty && result->isEmpty()) {
        error(value.at, path, WorkerConfig::tr("must not be empty"));
        return std::nullopt;
    }
    return result;
}

std::optional<QString> ConfigReader::topic(const ConfigTree& value, const QString& path,
                                           bool allowEmpty) {
    auto topic = string(value, path, true);
    if (topic && !(allowEmpty && topic->isEmpty()) && !isTopicName(*topic)) {
        error(value.at, path,
              WorkerConfig::tr("\"%1\" is not a valid topic name (letters, digits, '.', '_' and "
                               "'-', at most 249)")
                  .arg(*topic));
        return std::nullopt;
    }
    return topic;
}

std::optional<QString> ConfigReader::filePath(const ConfigTree& value, const QString& path,
                                              bool allowEmpty) {
    auto result = string(value, path, allowEmpty);
    if (result && result->contains(QChar(0))) {
        error(value.at, path, WorkerConfig::tr("a path cannot hold a NUL character"));
        return std::nullopt;
    }
    return result;
}

std::optional<qint64> ConfigReader::integer(const ConfigTree& value, const QString& path,
                                            qint64 min, qint64 max) {
    const QString expected = WorkerConfig::tr("an integer");
    auto raw = scalar(value, path, expected);
    if (!raw) {
        return std::nullopt;
    }
    const auto number = ConfigUnits::parseInteger(*raw);
    if (!number) {
        error(value.at, path, WorkerConfig::tr("expected %1, found \"%2\"").arg(expected, *raw));
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

std::optional<qint64> ConfigReader::size(const ConfigTree& value, const QString& path, qint64 min,
                                         qint64 max, bool allowZero) {
    const QString expected =
        WorkerConfig::tr("a size such as 64MiB, 1GiB, 512KiB, 1MB or a number of bytes");
    auto raw = scalar(value, path, expected);
    if (!raw) {
        return std::nullopt;
    }
    const auto bytes = ConfigUnits::parseSizeBytes(*raw);
    if (!bytes) {
        error(value.at, path, WorkerConfig::tr("expected %1, found \"%2\"").arg(expected, *raw));
        return std::nullopt;
    }
    if (allowZero && *bytes == 0) {
        return bytes;
    }
    if (*bytes < min || *bytes > max) {
        error(value.at, path,
              (allowZero ? WorkerConfig::tr("%1 is out of range (0, or %2 to %3)")
                         : WorkerConfig::tr("%1 is out of range (%2 to %3)"))
                  .arg(raw->trimmed(), ConfigUnits::formatSize(min), ConfigUnits::formatSize(max)));
        return std::nullopt;
    }
    return bytes;
}

std::optional<milliseconds> ConfigReader::duration(const ConfigTree& value, const QString& path,
                                                   milliseconds min, milliseconds max) {
    const QString expected =
        WorkerConfig::tr("a duration such as 10s, 500ms, 2m, 1h or a number of milliseconds");
    auto raw = scalar(value, path, expected);
    if (!raw) {
        return std::nullopt;
    }
    const auto ms = ConfigUnits::parseDurationMs(*raw);
    if (!ms) {
        error(value.at, path, WorkerConfig::tr("expected %1, found \"%2\"").arg(expected, *raw));
        return std::nullopt;
    }
    if (*ms < min.count() || *ms > max.count()) {
        error(value.at, path,
              WorkerConfig::tr("%1 is out of range (%2 to %3)")
                  .arg(raw->trimmed(), ConfigUnits::formatDuration(min),
                       ConfigUnits::formatDuration(max)));
        return std::nullopt;
    }
    return milliseconds(*ms);
}

std::optional<bool> ConfigReader::boolean(const ConfigTree& value, const QString& path) {
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

std::optional<std::vector<uint32_t>> ConfigReader::ids(const ConfigTree& value,
                                                       const QString& path) {
    const std::vector<ConfigTree>* items = list(value, path);
    if (!items) {
        return std::nullopt;
    }
    std::vector<uint32_t> ids;
    bool ok = true;
    for (std::size_t i = 0; i < items->size(); ++i) {
        auto id = integer((*items)[i], configItemPath(path, i), 0, 4294967294);
        if (!id) {
            ok = false;
            continue;
        }
        ids.push_back(static_cast<uint32_t>(*id));
    }
    if (!ok) {
        return std::nullopt;
    }
    return ids;
}

void ConfigReader::properties(const ConfigTree& value, const QString& path,
                              std::vector<std::pair<std::string, std::string>>& properties) {
    properties.clear();
    if (value.kind == ConfigTree::Kind::Null) {
        return;
    }
    if (value.kind != ConfigTree::Kind::Map) {
        error(value.at, path,
              WorkerConfig::tr("expected a map of librdkafka properties, found %1")
                  .arg(ConfigTree::describe(value.kind)));
        return;
    }
    for (const auto& [name, item] : value.entries) {
        const QString at = configKeyPath(path, name);
        if (item.kind == ConfigTree::Kind::Null) {
            error(item.at, at, WorkerConfig::tr("expected a value, found nothing"));
            continue;
        }
        if (auto itemText = text(item, at, WorkerConfig::tr("a single value"))) {
            properties.emplace_back(name, itemText->toStdString());
        }
    }
}

const std::vector<ConfigTree>* ConfigReader::list(const ConfigTree& value, const QString& path) {
    static const std::vector<ConfigTree> kEmpty;
    if (value.kind == ConfigTree::Kind::Null) {
        return &kEmpty;
    }
    if (value.kind != ConfigTree::Kind::Sequence) {
        error(value.at, path,
              WorkerConfig::tr("expected a list, found %1").arg(ConfigTree::describe(value.kind)));
        return nullptr;
    }
    return &value.items;
}

bool ConfigReader::isTopicName(const QString& name) {
    static const QRegularExpression kTopic(QStringLiteral("^[A-Za-z0-9._-]{1,249}$"));
    return kTopic.match(name).hasMatch() && name != QLatin1String(".") &&
           name != QLatin1String("..");
}

std::optional<std::size_t> ConfigReader::choiceIndex(const ConfigTree& value, const QString& path,
                                                     const QStringList& names) {
    const QString expected = WorkerConfig::tr("one of: %1").arg(names.join(QStringLiteral(", ")));
    auto raw = scalar(value, path, expected);
    if (!raw) {
        return std::nullopt;
    }
    const qsizetype index = names.indexOf(*raw);
    if (index < 0) {
        error(value.at, path,
              WorkerConfig::tr("\"%1\" is not one of: %2")
                  .arg(*raw, names.join(QStringLiteral(", "))));
        return std::nullopt;
    }
    return static_cast<std::size_t>(index);
}

std::optional<QString> ConfigReader::scalar(const ConfigTree& value, const QString& path,
                                            const QString& expected) {
    if (value.kind == ConfigTree::Kind::Null) {
        error(value.at, path,
              WorkerConfig::tr("expected %1, found %2")
                  .arg(expected, ConfigTree::describe(value.kind)));
        return std::nullopt;
    }
    return text(value, path, expected);
}

}  // namespace mtga
