#include "worker/config/configenvironment.h"

#include "worker/config/configschema.h"
#include "worker/config/workerconfig.h"

#include <QRegularExpression>

#include <utility>

namespace mtga {

void ConfigEnvironment::applyOverrides(ConfigTree& root, const QProcessEnvironment& environment,
                                       QStringList& errors) {
    QStringList names = environment.keys();
    names.sort();
    for (const QString& variable : names) {
        if (!variable.startsWith(QLatin1String("MTGA_"))) {
            continue;
        }
        const QString rest = variable.mid(5);
        const qsizetype split = rest.indexOf(QLatin1Char('_'));
        const QString sectionName = (split < 0 ? rest : rest.left(split)).toLower();
        const ConfigSection* section = ConfigSchema::find(sectionName);
        if (!section) {
            continue;
        }
        ConfigLocation at;
        at.variable = variable;
        if (split < 0) {
            addConfigError(
                errors, at, sectionName,
                WorkerConfig::tr("a whole section cannot be set from the environment; name a "
                                 "key, as in MTGA_%1_<KEY>")
                    .arg(sectionName.toUpper()));
            continue;
        }
        const QString key = rest.mid(split + 1).toLower();
        const QString path = sectionName + QLatin1Char('.') + key;
        const ConfigField* field = section->find(key);
        if (!field) {
            addConfigError(
                errors, at, path,
                WorkerConfig::tr("unknown key, expected one of: %1").arg(section->keyList()));
            continue;
        }
        if (field->shape == ConfigField::Shape::Map) {
            addConfigError(
                errors, at, path,
                WorkerConfig::tr("a map cannot be set from the environment; use ${VAR} in "
                                 "the file instead"));
            continue;
        }
        const QString text = environment.value(variable);
        ConfigTree value;
        value.at = at;
        if (field->shape == ConfigField::Shape::Scalar) {
            value.kind = ConfigTree::Kind::Scalar;
            value.scalar = text.toStdString();
        } else {
            value.kind = ConfigTree::Kind::Sequence;
            if (!text.trimmed().isEmpty()) {
                for (const QString& item : text.split(QLatin1Char(','))) {
                    ConfigTree child;
                    child.kind = ConfigTree::Kind::Scalar;
                    child.scalar = item.trimmed().toStdString();
                    child.at = at;
                    value.items.push_back(std::move(child));
                }
            }
        }
        if (root.kind == ConfigTree::Kind::Null) {
            root.kind = ConfigTree::Kind::Map;
        }
        if (root.kind != ConfigTree::Kind::Map) {
            continue;
        }
        const std::string sectionKey = sectionName.toStdString();
        ConfigTree* sectionTree = root.find(sectionKey);
        if (!sectionTree) {
            ConfigTree created;
            created.kind = ConfigTree::Kind::Map;
            created.at = at;
            root.entries.push_back(ConfigEntry{sectionKey, std::move(created)});
            sectionTree = &root.entries.back().value;
        } else if (sectionTree->kind == ConfigTree::Kind::Null) {
            sectionTree->kind = ConfigTree::Kind::Map;
        }
        if (sectionTree->kind != ConfigTree::Kind::Map) {
            continue;  // the file's own error about this section is reported when it is read
        }
        if (ConfigTree* existing = sectionTree->find(field->name)) {
            *existing = std::move(value);
        } else {
            sectionTree->entries.push_back(ConfigEntry{field->name, std::move(value)});
        }
    }
}

std::optional<QString> ConfigEnvironment::substitute(const QString& raw,
                                                     const QProcessEnvironment& environment,
                                                     QStringList& problems) {
    static const QRegularExpression kName(QStringLiteral("^[A-Za-z_][A-Za-z0-9_]*$"));
    const qsizetype problemsBefore = problems.size();
    QString result;
    qsizetype i = 0;
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
            problems << WorkerConfig::tr(
                "unterminated \"${\": write ${NAME}, or $${ for a literal \"${\"");
            return std::nullopt;
        }
        const QString name = raw.mid(dollar + 2, close - dollar - 2);
        if (!kName.match(name).hasMatch()) {
            problems
                << WorkerConfig::tr("\"${%1}\" is not a valid environment variable name").arg(name);
        } else if (!environment.contains(name)) {
            problems << WorkerConfig::tr("environment variable %1 is not set").arg(name);
        } else {
            result += environment.value(name);
        }
        i = close + 1;
    }
    if (problems.size() > problemsBefore) {
        return std::nullopt;
    }
    return result;
}

}  // namespace mtga
