#include "worker/settings/conditionreader.h"

#include "worker/transform/settingsset.h"

#include <cmath>

namespace mtga {
namespace {

const QStringList kConditionKeys{
    QStringLiteral("field"), QStringLiteral("equals"), QStringLiteral("not_equals"),
    QStringLiteral("in"),    QStringLiteral("not_in"), QStringLiteral("exists"),
    QStringLiteral("gt"),    QStringLiteral("gte"),    QStringLiteral("lt"),
    QStringLiteral("lte"),   QStringLiteral("all"),    QStringLiteral("any"),
    QStringLiteral("not")};

constexpr int kMaxConditionDepth = 32;

std::optional<Literal> toLiteral(const QJsonValue& value) {
    Literal literal;
    switch (value.type()) {
        case QJsonValue::Null:
            literal.kind = FieldValue::Kind::Null;
            literal.text = "null";
            return literal;
        case QJsonValue::Bool:
            literal.kind = FieldValue::Kind::Bool;
            literal.text = value.toBool() ? "true" : "false";
            return literal;
        case QJsonValue::Double: {
            literal.kind = FieldValue::Kind::Number;
            literal.number = value.toDouble();
            const double integral = std::trunc(literal.number);
            literal.text = integral == literal.number && std::abs(integral) < 9.007199254740992e15
                               ? std::to_string(static_cast<int64_t>(integral))
                               : QString::number(literal.number, 'g', 17).toStdString();
            return literal;
        }
        case QJsonValue::String:
            literal.kind = FieldValue::Kind::String;
            literal.text = value.toString().toStdString();
            return literal;
        default:
            return std::nullopt;
    }
}

}  // namespace

std::optional<Condition> ConditionReader::read(const QJsonValue& value, const QString& pointer,
                                               int depth) {
    if (depth > kMaxConditionDepth) {
        m_reader.error(pointer, SettingsSet::tr("conditions nest too deep (at most %1 levels)")
                                    .arg(kMaxConditionDepth));
        return std::nullopt;
    }
    auto object = m_reader.object(value, pointer, kConditionKeys);
    if (!object) {
        return std::nullopt;
    }
    QStringList operators = object->keys();
    operators.removeAll(QStringLiteral("field"));
    if (operators.size() != 1) {
        m_reader.error(pointer,
                       SettingsSet::tr("a condition needs exactly one of: equals, not_equals, in, "
                                       "not_in, exists, gt, gte, lt, lte, all, any, not"));
        return std::nullopt;
    }
    const QString op = operators.front();
    if (op == QLatin1String("all") || op == QLatin1String("any") || op == QLatin1String("not")) {
        return readCombination(op, *object, pointer, depth);
    }
    return readFieldTest(op, *object, pointer);
}

std::optional<Condition> ConditionReader::readCombination(const QString& op,
                                                          const QJsonObject& object,
                                                          const QString& pointer, int depth) {
    if (object.contains(QStringLiteral("field"))) {
        m_reader.error(JsoncDocument::memberPointer(pointer, QStringLiteral("field")),
                       SettingsSet::tr("\"%1\" combines conditions and takes no field").arg(op));
        return std::nullopt;
    }
    const QString opPointer = JsoncDocument::memberPointer(pointer, op);
    const QJsonValue operand = object.value(op);
    Condition condition;
    if (op == QLatin1String("not")) {
        condition.op = Condition::Op::Not;
        auto child = read(operand, opPointer, depth + 1);
        if (!child) {
            return std::nullopt;
        }
        condition.children.push_back(std::move(*child));
        return condition;
    }
    condition.op = op == QLatin1String("all") ? Condition::Op::All : Condition::Op::Any;
    const auto children = nonEmptyList(operand, opPointer,
                                       SettingsSet::tr("expected a non-empty list of conditions"));
    if (!children) {
        return std::nullopt;
    }
    for (qsizetype i = 0; i < children->size(); ++i) {
        auto child = read(children->at(i), JsoncDocument::elementPointer(opPointer, i), depth + 1);
        if (!child) {
            return std::nullopt;
        }
        condition.children.push_back(std::move(*child));
    }
    return condition;
}

std::optional<Condition> ConditionReader::readFieldTest(const QString& op,
                                                        const QJsonObject& object,
                                                        const QString& pointer) {
    auto field = m_reader.string(object, pointer, QStringLiteral("field"), false);
    if (!field) {
        if (!object.contains(QStringLiteral("field"))) {
            m_reader.error(pointer, SettingsSet::tr("\"%1\" needs a \"field\"").arg(op));
        }
        return std::nullopt;
    }
    const QString opPointer = JsoncDocument::memberPointer(pointer, op);
    const QJsonValue operand = object.value(op);
    Condition condition;
    condition.fieldSlot = m_app.slotOf(*field);
    if (op == QLatin1String("exists")) {
        condition.op = Condition::Op::Exists;
        if (!operand.isBool()) {
            m_reader.error(opPointer, SettingsSet::tr("expected true or false"));
            return std::nullopt;
        }
        condition.exists = operand.toBool();
        return condition;
    }
    if (op == QLatin1String("in") || op == QLatin1String("not_in")) {
        condition.op = op == QLatin1String("in") ? Condition::Op::In : Condition::Op::NotIn;
        const auto values = nonEmptyList(operand, opPointer,
                                         SettingsSet::tr("expected a non-empty list of values"));
        if (!values) {
            return std::nullopt;
        }
        for (qsizetype i = 0; i < values->size(); ++i) {
            auto literal = toLiteral(values->at(i));
            if (!literal) {
                m_reader.error(JsoncDocument::elementPointer(opPointer, i),
                               SettingsSet::tr("expected a string, number, true, false or null"));
                return std::nullopt;
            }
            condition.literals.push_back(std::move(*literal));
        }
        return condition;
    }
    if (op == QLatin1String("equals") || op == QLatin1String("not_equals")) {
        condition.op =
            op == QLatin1String("equals") ? Condition::Op::Equals : Condition::Op::NotEquals;
        auto literal = toLiteral(operand);
        if (!literal) {
            m_reader.error(opPointer,
                           SettingsSet::tr("expected a string, number, true, false or null"));
            return std::nullopt;
        }
        condition.literals.push_back(std::move(*literal));
        return condition;
    }
    // gt, gte, lt, lte
    condition.op = op == QLatin1String("gt")    ? Condition::Op::Greater
                   : op == QLatin1String("gte") ? Condition::Op::GreaterOrEqual
                   : op == QLatin1String("lt")  ? Condition::Op::Less
                                                : Condition::Op::LessOrEqual;
    if (!operand.isDouble()) {
        m_reader.error(opPointer, SettingsSet::tr("expected a number"));
        return std::nullopt;
    }
    condition.literals.push_back(*toLiteral(operand));
    return condition;
}

std::optional<QJsonArray> ConditionReader::nonEmptyList(const QJsonValue& operand,
                                                        const QString& pointer,
                                                        const QString& message) {
    if (!operand.isArray() || operand.toArray().isEmpty()) {
        m_reader.error(pointer, message);
        return std::nullopt;
    }
    return operand.toArray();
}

}  // namespace mtga
