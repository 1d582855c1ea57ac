#pragma once

// ConditionReader: a filter rule's `drop_when` from the settings into a Condition tree, giving
// every field it names a lookup slot of the app.

#include "worker/settings/schemareader.h"
#include "worker/transform/appsettings.h"

#include <QJsonArray>

#include <optional>

namespace mtga {

class ConditionReader {
public:
    ConditionReader(SchemaReader& reader, AppSettings& app) : m_reader(reader), m_app(app) {}

    // The condition at `pointer`, or nullopt once what is wrong with it is reported.
    std::optional<Condition> read(const QJsonValue& value, const QString& pointer, int depth = 0);

private:
    // all, any, not: conditions of conditions.
    std::optional<Condition> readCombination(const QString& op, const QJsonObject& object,
                                             const QString& pointer, int depth);
    // The operators on one field.
    std::optional<Condition> readFieldTest(const QString& op, const QJsonObject& object,
                                           const QString& pointer);
    std::optional<QJsonArray> nonEmptyList(const QJsonValue& operand, const QString& pointer,
                                           const QString& message);

    SchemaReader& m_reader;
    AppSettings& m_app;
};

}  // namespace mtga
