#pragma once

// Condition: one filter predicate over an event's fields (equals, in, exists, numeric compare),
// or a combination of them (all, any, not). Settings compile to a tree of these.

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace mtga {

// A field of an event as the transform found it: its JSON kind and its raw JSON text.
struct FieldValue {
    enum class Kind { Missing, Null, Bool, Number, String, Object, Array };
    Kind kind = Kind::Missing;
    std::string_view raw;  // raw JSON token (strings keep their quotes and escapes)
    std::string text;      // unescaped text, for strings only
};

// A literal from the settings file to compare against.
struct Literal {
    FieldValue::Kind kind = FieldValue::Kind::Null;
    std::string text;     // strings: unescaped; numbers: canonical text; bools: "true"/"false"
    double number = 0.0;  // numbers only
};

class Condition {
public:
    enum class Op {
        Equals,
        NotEquals,
        In,
        NotIn,
        Exists,
        Greater,
        GreaterOrEqual,
        Less,
        LessOrEqual,
        All,
        Any,
        Not
    };

    // Field slot: index into the event's looked-up fields (see FieldTable in the transform).
    Op op = Op::Equals;
    int fieldSlot = -1;
    std::vector<Literal> literals;  // Equals/NotEquals: one; In/NotIn: many
    bool exists = true;             // Exists: whether the field must exist
    std::vector<Condition> children;

    bool matches(const std::vector<FieldValue>& fields) const;
};

// Equality of a field and a literal as an operator would mean it: numbers compare by value
// (1 == 1.0), strings by their unescaped text, and no kind equals another kind.
bool fieldEquals(const FieldValue& field, const Literal& literal);

// The field as a number, when it is one (or a string holding one).
bool fieldNumber(const FieldValue& field, double* out);

}  // namespace mtga
