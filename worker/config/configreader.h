#pragma once

// ConfigReader: reads typed values (strings, integers, sizes, durations, choices, lists, paths,
// librdkafka properties) from the merged ConfigTree, and reports every problem with its location
// and key instead of stopping at the first, remembering which keys failed so that checks across
// keys can leave them alone.

#include "worker/config/configchoices.h"
#include "worker/config/configtree.h"

#include <QHash>
#include <QProcessEnvironment>
#include <QSet>
#include <QString>
#include <QStringList>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace mtga {

class ConfigReader {
public:
    ConfigReader(QStringList& errors, const QProcessEnvironment& environment);

    void error(const ConfigLocation& at, const QString& path, const QString& message);
    // Whether a problem was reported for the key `path` ("section.key") or one of its items.
    bool failed(const QString& path) const { return m_failed.contains(path); }

    // Where `path` was set, for checks that involve several keys; `fallback` if it was not.
    ConfigLocation locationOf(const QString& path, const ConfigLocation& fallback) const {
        return m_locations.value(path, fallback);
    }
    void remember(const QString& path, const ConfigLocation& at) { m_locations.insert(path, at); }

    // A scalar's text with ${VAR} replaced (values from the environment are taken literally);
    // null reads as empty.
    std::optional<QString> text(const ConfigTree& value, const QString& path,
                                const QString& expected);
    std::optional<QString> string(const ConfigTree& value, const QString& path, bool allowEmpty);
    // A Kafka topic name (or, with `allowEmpty`, nothing).
    std::optional<QString> topic(const ConfigTree& value, const QString& path, bool allowEmpty);
    // A path as written; resolved against the configuration's folder once everything is read.
    std::optional<QString> filePath(const ConfigTree& value, const QString& path, bool allowEmpty);
    std::optional<qint64> integer(const ConfigTree& value, const QString& path, qint64 min,
                                  qint64 max);
    // `allowZero`: 0 is accepted below `min` as "off".
    std::optional<qint64> size(const ConfigTree& value, const QString& path, qint64 min, qint64 max,
                               bool allowZero = false);
    std::optional<std::chrono::milliseconds> duration(const ConfigTree& value, const QString& path,
                                                      std::chrono::milliseconds min,
                                                      std::chrono::milliseconds max);
    std::optional<bool> boolean(const ConfigTree& value, const QString& path);
    // User or group ids; nothing when any item is wrong.
    std::optional<std::vector<uint32_t>> ids(const ConfigTree& value, const QString& path);
    // librdkafka pass-through properties: a map of single values, kept in file order.
    void properties(const ConfigTree& value, const QString& path,
                    std::vector<std::pair<std::string, std::string>>& properties);

    // Sets `target` when the value is one of `choices`.
    template <typename E, std::size_t N>
    void choice(const ConfigTree& value, const QString& path, E& target,
                const ConfigChoice<E> (&choices)[N]) {
        QStringList names;
        for (const ConfigChoice<E>& choice : choices) {
            names << QLatin1String(choice.name);
        }
        if (const auto index = choiceIndex(value, path, names)) {
            target = choices[*index].value;
        }
    }

    // The items of a list (null reads as an empty list); nullptr after an error.
    const std::vector<ConfigTree>* list(const ConfigTree& value, const QString& path);

    static bool isTopicName(const QString& name);

private:
    std::optional<std::size_t> choiceIndex(const ConfigTree& value, const QString& path,
                                           const QStringList& names);
    // A non-null scalar's text: numbers, durations, sizes and choices cannot be empty.
    std::optional<QString> scalar(const ConfigTree& value, const QString& path,
                                  const QString& expected);

    QStringList& m_errors;
    const QProcessEnvironment& m_environment;
    QHash<QString, ConfigLocation> m_locations;
    QSet<QString> m_failed;
};

}  // namespace mtga
