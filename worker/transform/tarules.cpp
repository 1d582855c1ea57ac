#include "worker/transform/tarules.h"

#include "worker/transform/appsettings.h"

namespace mtga::tarules {
namespace {

bool isAsciiLetter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
bool isDigit(char c) {
    return c >= '0' && c <= '9';
}
bool isHex(char c) {
    return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

bool restIsWord(std::string_view name) {
    for (size_t i = 1; i < name.size(); ++i) {
        if (!isAsciiLetter(name[i]) && !isDigit(name[i]) && name[i] != '_') {
            return false;
        }
    }
    return true;
}

int number(std::string_view text, size_t at, size_t width) {
    int value = 0;
    for (size_t i = at; i < at + width; ++i) {
        if (!isDigit(text[i])) {
            return -1;
        }
        value = value * 10 + (text[i] - '0');
    }
    return value;
}

}  // namespace

bool isPropertyName(std::string_view name) {
    return !name.empty() && name.size() <= 50 && (isAsciiLetter(name[0]) || name[0] == '#') &&
           restIsWord(name);
}

bool isEventName(std::string_view name) {
    return !name.empty() && name.size() <= 50 && isAsciiLetter(name[0]) && restIsWord(name);
}

bool isType(std::string_view type) {
    return parseTaType(type).has_value();
}

bool isCanonicalUuid(std::string_view uuid) {
    if (uuid.size() != 36) {
        return false;
    }
    for (size_t i = 0; i < uuid.size(); ++i) {
        const bool dash = i == 8 || i == 13 || i == 18 || i == 23;
        if (dash ? uuid[i] != '-' : !isHex(uuid[i])) {
            return false;
        }
    }
    return true;
}

bool isTime(std::string_view time) {
    if ((time.size() != 19 && time.size() != 23) || time[4] != '-' || time[7] != '-' ||
        time[10] != ' ' || time[13] != ':' || time[16] != ':' ||
        (time.size() == 23 && (time[19] != '.' || number(time, 20, 3) < 0))) {
        return false;
    }
    const int year = number(time, 0, 4);
    const int month = number(time, 5, 2);
    const int day = number(time, 8, 2);
    const int hour = number(time, 11, 2);
    const int minute = number(time, 14, 2);
    const int second = number(time, 17, 2);
    if (year < 0 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23 || minute < 0 ||
        minute > 59 || second < 0 || second > 59) {
        return false;
    }
    static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    return day <= kDays[month - 1] + (month == 2 && leap ? 1 : 0);
}

}  // namespace mtga::tarules
