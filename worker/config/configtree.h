#pragma once

// ConfigTree: one configuration file's YAML, detached from yaml-cpp so that files can be merged
// while every value keeps the file, line and column it came from (yaml-cpp's marks carry no file
// name).

#include <QString>
#include <QStringList>

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace mtga {

// Where a value came from: a place in a file, or an environment variable.
struct ConfigLocation {
    QString file;
    int line = 0;      // 1-based; 0: the file as a whole
    int column = 0;    // 1-based, in characters
    QString variable;  // not empty: the value came from this environment variable

    QString text() const;
};

struct ConfigEntry;

struct ConfigTree {
    enum class Kind { Null, Scalar, Sequence, Map };
    Kind kind = Kind::Null;
    std::string scalar;
    std::vector<ConfigTree> items;
    std::vector<ConfigEntry> entries;  // in file order
    ConfigLocation at;  // of the key for a map's value (a null value's own mark is unreliable)

    ConfigTree* find(const std::string& key);

    // Reads and parses one file; nothing after an error (added to `errors`). A document that is
    // empty or only comments is an empty map.
    static std::optional<ConfigTree> parseFile(const QString& path, QStringList& errors);
    // The overlay wins: maps merge key by key, anything else replaces. An overlay section left
    // empty (every key commented out) changes nothing rather than resetting the section.
    void merge(ConfigTree&& overlay);

    // "a list", "a map"...: what a value is, for messages.
    static QString describe(Kind kind);
};

struct ConfigEntry {
    std::string key;
    ConfigTree value;
};

// "path[index]" and "path.key": how messages name an item and a key.
QString configItemPath(const QString& path, std::size_t index);
QString configKeyPath(const QString& path, const std::string& key);

// Adds "LOCATION: path: message" (or "LOCATION: message" without a path) to `errors`.
void addConfigError(QStringList& errors, const ConfigLocation& at, const QString& path,
                    const QString& message);

}  // namespace mtga
