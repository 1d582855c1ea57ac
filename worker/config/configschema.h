#pragma once

// ConfigSchema: the sections of the worker's configuration and their keys, each with its shape
// (for MTGA_* overrides) and the function that reads it into the component's options. The key
// order is the order messages list them in.

#include "worker/config/configreader.h"
#include "worker/config/configtree.h"
#include "worker/config/configunits.h"

#include <QString>

#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace mtga {

struct WorkerConfig;

// Side results of reading that the checks across keys need.
struct ConfigReadState {
    std::vector<ConfigLocation> partitionLocations;  // one per kafka.partitions entry
};

struct ConfigField {
    enum class Shape { Scalar, List, Map };
    using Read = void (*)(ConfigReader& reader, const ConfigTree& value, const QString& path,
                          WorkerConfig& config, ConfigReadState& state);

    const char* name;
    Shape shape;
    Read read;
};

struct ConfigSection {
    const char* name;
    std::vector<ConfigField> fields;

    const ConfigField* find(const QString& key) const;
    QString keyList() const;  // "brokers, topics, ..."
};

// A value that was read replaces the default; one with an error leaves it.
template <typename T>
void assignRead(T& target, const std::optional<T>& value) {
    if (value) {
        target = *value;
    }
}
inline void assignRead(std::string& target, const std::optional<QString>& value) {
    if (value) {
        target = value->toStdString();
    }
}

class ConfigSchema {
public:
    // sink.instance, and the host name that stands in for it.
    static constexpr int kMaxInstanceLength = 64;

    static const std::vector<ConfigSection>& sections();
    static const ConfigSection* find(const QString& name);
    static QString sectionList();  // "kafka, pipeline, ..."

    // Reads every section of the merged tree into `config`; unknown sections and keys are
    // errors, a key that fails keeps its default.
    static void read(const ConfigTree& root, ConfigReader& reader, WorkerConfig& config,
                     ConfigReadState& state);

private:
    // One per section (kafkasection.cpp, pipelinesection.cpp, sinksection.cpp, and the small
    // ones in configschema.cpp).
    static ConfigSection kafka();
    static ConfigSection pipeline();
    static ConfigSection sink();
    static ConfigSection store();
    static ConfigSection control();
    static ConfigSection log();
    static ConfigSection health();
    static ConfigSection alerts();
    static ConfigSection metrics();
};

// Short names for the sections' field functions, which all have the same long signature; a
// section file says `using namespace configfields;`.
namespace configfields {
using Reader = ConfigReader;
using Tree = ConfigTree;
using State = ConfigReadState;
using Shape = ConfigField::Shape;
using Units = ConfigUnits;
using std::chrono::milliseconds;
}  // namespace configfields

}  // namespace mtga
