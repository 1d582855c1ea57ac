#include "worker/config/configschema.h"

#include "worker/config/configunits.h"
#include "worker/config/workerconfig.h"

namespace mtga {

using namespace configfields;

const ConfigField* ConfigSection::find(const QString& key) const {
    for (const ConfigField& field : fields) {
        if (key == QLatin1String(field.name)) {
            return &field;
        }
    }
    return nullptr;
}

QString ConfigSection::keyList() const {
    QStringList names;
    for (const ConfigField& field : fields) {
        names << QLatin1String(field.name);
    }
    return names.join(QStringLiteral(", "));
}

const std::vector<ConfigSection>& ConfigSchema::sections() {
    static const std::vector<ConfigSection> kSections{
        kafka(), pipeline(), sink(), store(), control(), log(), health(), alerts(), metrics()};
    return kSections;
}

const ConfigSection* ConfigSchema::find(const QString& name) {
    for (const ConfigSection& section : sections()) {
        if (name == QLatin1String(section.name)) {
            return &section;
        }
    }
    return nullptr;
}

QString ConfigSchema::sectionList() {
    QStringList names;
    for (const ConfigSection& section : sections()) {
        names << QLatin1String(section.name);
    }
    return names.join(QStringLiteral(", "));
}

void ConfigSchema::read(const ConfigTree& root, ConfigReader& reader, WorkerConfig& config,
                        ConfigReadState& state) {
    for (const auto& [name, value] : root.entries) {
        const QString sectionName = QString::fromStdString(name);
        const ConfigSection* section = find(sectionName);
        if (!section) {
            reader.error(
                value.at, sectionName,
                WorkerConfig::tr("unknown section, expected one of: %1").arg(sectionList()));
            continue;
        }
        reader.remember(sectionName, value.at);
        if (value.kind == ConfigTree::Kind::Null) {
            continue;  // every key commented out: the defaults
        }
        if (value.kind != ConfigTree::Kind::Map) {
            reader.error(value.at, sectionName,
                         WorkerConfig::tr("expected a map of keys (%1), found %2")
                             .arg(section->keyList(), ConfigTree::describe(value.kind)));
            continue;
        }
        for (const auto& [keyName, keyValue] : value.entries) {
            const QString key = QString::fromStdString(keyName);
            const QString path = sectionName + QLatin1Char('.') + key;
            const ConfigField* field = section->find(key);
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

// The store section: StoreOptions.
ConfigSection ConfigSchema::store() {
    return {"store",
            {
                {"path", Shape::Scalar,
                 [](Reader& r, const Tree& v, const QString& k, WorkerConfig& c, State&) {
                     assignRead(c.pipeline.store.path, r.filePath(v, k, false));
                 }},
                {"sync", Shape::Scalar,
                 [](Reader& r, const Tree& v, const QString& k, WorkerConfig& c, State&) {
                     assignRead(c.pipeline.store.sync, r.boolean(v, k));
                 }},
            }};
}

// The control section: ControlServerOptions.
ConfigSection ConfigSchema::control() {
    return {"control",
            {
                {"socket", Shape::Scalar,
                 [](Reader& r, const Tree& v, const QString& k, WorkerConfig& c, State&) {
                     assignRead(c.control.socket, r.filePath(v, k, false));
                 }},
                {"pid_file", Shape::Scalar,
                 [](Reader& r, const Tree& v, const QString& k, WorkerConfig& c, State&) {
                     assignRead(c.control.pidFile, r.filePath(v, k, true));
                 }},
                {"admin_uids", Shape::List,
                 [](Reader& r, const Tree& v, const QString& k, WorkerConfig& c, State&) {
                     assignRead(c.control.adminUids, r.ids(v, k));
                 }},
                {"admin_gids", Shape::List,
                 [](Reader& r, const Tree& v, const QString& k, WorkerConfig& c, State&) {
                     assignRead(c.control.adminGids, r.ids(v, k));
                 }},
                {"max_connections", Shape::Scalar,
                 [](Reader& r, const Tree& v, const QString& k, WorkerConfig& c, State&) {
                     if (auto n = r.integer(v, k, 1, 4096)) {
                         c.control.maxConnections = static_cast<int>(*n);
                     }
                 }},
                {"idle_timeout", Shape::Scalar,
                 [](Reader& r, const Tree& v, const QString& k, WorkerConfig& c, State&) {
                     assignRead(c.control.idleTimeout,
                                r.duration(v, k, std::chrono::milliseconds(1000),
                                           std::chrono::milliseconds(24 * 3600 * 1000)));
                 }},
            }};
}

// The log section: LogOptions.
ConfigSection ConfigSchema::log() {
    return {"log",
            {
                {"level", Shape::Scalar,
                 [](Reader& r, const Tree& v, const QString& k, WorkerConfig& c, State&) {
                     r.choice(v, k, c.log.level, kLevelChoices);
                 }},
                {"format", Shape::Scalar,
                 [](Reader& r, const Tree& v, const QString& k, WorkerConfig& c, State&) {
                     r.choice(v, k, c.log.format, kFormatChoices);
                 }},
                {"file", Shape::Scalar,
                 [](Reader& r, const Tree& v, const QString& k, WorkerConfig& c, State&) {
                     assignRead(c.log.file, r.filePath(v, k, true));
                 }},
                {"rotate", Shape::Scalar,
                 [](Reader& r, const Tree& v, const QString& k, WorkerConfig& c, State&) {
                     r.choice(v, k, c.log.rotate, kLogRotateChoices);
                 }},
                {"max_bytes", Shape::Scalar,
                 [](Reader& r, const Tree& v, const QString& k, WorkerConfig& c, State&) {
                     assignRead(c.log.maxBytes, r.size(v, k, Units::kMiB, 64 * Units::kGiB));
                 }},
                {"keep", Shape::Scalar,
                 [](Reader& r, const Tree& v, const QString& k, WorkerConfig& c, State&) {
                     if (auto n = r.integer(v, k, 1, 1000)) {
                         c.log.keep = static_cast<int>(*n);
                     }
                 }},
            }};
}

}  // namespace mtga
