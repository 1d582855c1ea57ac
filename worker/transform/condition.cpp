#include "worker/transform/condition.h"

#include <algorithm>
#include <charconv>

namespace mtga {

bool fieldNumber(const FieldValue& field, double* out) {
    std::string_view text;
    if (field.kind == FieldValue::Kind::Number) {
        text = field.raw;
    } else if (field.kind == FieldValue::Kind::String) {
        text = field.text;
    } else {
        return false;
    }
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), *out);
    return ec == std::errc() && end == text.data() + text.size() && !text.empty();
}

bool fieldEquals(const FieldValue& field, const Literal& literal) {
    if (field.kind != literal.kind) {
        return false;
    }
    switch (field.kind) {
        case FieldValue::Kind::Number: {
            if (field.raw == literal.text) {
                return true;  // exact, also for integers beyond 2^53
            }
            double value = 0;
            return fieldNumber(field, &value) && value == literal.number;
        }
        case FieldValue::Kind::String:
            return field.text == literal.text;
        case FieldValue::Kind::Bool:
            return field.raw == literal.text;
        case FieldValue::Kind::Null:
            return true;
        default:
            return false;
    }
}

bool Condition::matches(const std::vector<FieldValue>& fields) const {
    static const FieldValue kMissing;
    const FieldValue& field = fieldSlot >= 0 && static_cast<size_t>(fieldSlot) < fields.size()
                                  ? fields[fieldSlot]
                                  : kMissing;
    const auto anyEquals = [&] {
        return std::any_of(literals.begin(), literals.end(),
                           [&](const Literal& literal) { return fieldEquals(field, literal); });
    };
    const auto compare = [&](auto predicate) {
        double value = 0;
        return !literals.empty() && fieldNumber(field, &value) &&
               predicate(value, literals.front().number);
    };
    switch (op) {
        case Op::Equals:
        case Op::In:
            return anyEquals();
        case Op::NotEquals:
        case Op::NotIn:
            // A missing field is "not equal" to anything: rules like "server_id not in [...]"
            // must not silently keep events that lack the field.
            return !anyEquals();
        case Op::Exists:
            return (field.kind != FieldValue::Kind::Missing) == exists;
        case Op::Greater:
            return compare([](double a, double b) { return a > b; });
        case Op::GreaterOrEqual:
            return compare([](double a, double b) { return a >= b; });
        case Op::Less:
            return compare([](double a, double b) { return a < b; });
        case Op::LessOrEqual:
            return compare([](double a, double b) { return a <= b; });
        case Op::All:
            return std::all_of(children.begin(), children.end(),
                               [&](const Condition& child) { return child.matches(fields); });
        case Op::Any:
            return std::any_of(children.begin(), children.end(),
                               [&](const Condition& child) { return child.matches(fields); });
        case Op::Not:
            return !children.empty() && !children.front().matches(fields);
    }
    return false;
}

}  // namespace mtga
