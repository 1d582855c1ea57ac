#include "worker/settings/filterreader.h"

#include "worker/settings/conditionreader.h"
#include "worker/transform/settingsset.h"

#include <QJsonArray>

#include <unordered_set>

namespace mtga {

void FilterReader::read() {
    auto root = m_reader.object(m_document.root(), QString(),
                                {QStringLiteral("log_names"), QStringLiteral("rules")});
    if (!root) {
        return;
    }
    if (root->contains(QStringLiteral("log_names"))) {
        readLogNames(root->value(QStringLiteral("log_names")));
    }
    if (root->contains(QStringLiteral("rules"))) {
        readRules(root->value(QStringLiteral("rules")));
    }
}

void FilterReader::readLogNames(const QJsonValue& value) {
    const QString at = QStringLiteral("/log_names");
    const auto logNames =
        m_reader.object(value, at, {QStringLiteral("allow"), QStringLiteral("deny")});
    if (!logNames) {
        return;
    }
    for (auto& name : m_reader.stringList(*logNames, at, QStringLiteral("allow"))) {
        m_app.allowLogNames.insert(name);
    }
    for (auto& name : m_reader.stringList(*logNames, at, QStringLiteral("deny"))) {
        m_app.denyLogNames.insert(name);
    }
}

void FilterReader::readRules(const QJsonValue& value) {
    if (!value.isArray()) {
        m_reader.error(QStringLiteral("/rules"), SettingsSet::tr("expected a list of rules"));
        return;
    }
    ConditionReader conditions(m_reader, m_app);
    std::unordered_set<std::string> names;
    const QJsonArray array = value.toArray();
    for (qsizetype i = 0; i < array.size(); ++i) {
        const QString at = JsoncDocument::elementPointer(QStringLiteral("/rules"), i);
        auto rule =
            m_reader.object(array[i], at, {QStringLiteral("name"), QStringLiteral("drop_when")});
        if (!rule) {
            continue;
        }
        auto name = m_reader.string(*rule, at, QStringLiteral("name"), false);
        if (!name) {
            if (!rule->contains(QStringLiteral("name"))) {
                m_reader.error(
                    at, SettingsSet::tr("a rule needs a \"name\" (drops are counted under it)"));
            }
            continue;
        }
        if (!names.insert(*name).second) {
            m_reader.error(at + QStringLiteral("/name"),
                           SettingsSet::tr("another rule is already named \"%1\"")
                               .arg(QString::fromStdString(*name)));
            continue;
        }
        if (!rule->contains(QStringLiteral("drop_when"))) {
            m_reader.error(at, SettingsSet::tr("a rule needs \"drop_when\""));
            continue;
        }
        if (auto condition = conditions.read(rule->value(QStringLiteral("drop_when")),
                                             at + QStringLiteral("/drop_when"))) {
            m_app.rules.push_back({*name, std::move(*condition)});
        }
    }
}

}  // namespace mtga
