#include "worker/demo/sampleevents.h"

#include <array>
#include <charconv>
#include <utility>

namespace mtga {
namespace {

// splitmix64: a tiny, well-mixed hash that makes every event independent of the others, so an
// event can be regenerated from its index alone.
uint64_t mix(uint64_t x) {
    x += 0x9e3779b97f4a7c15ULL;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
    return x ^ (x >> 31);
}

class Draws {
public:
    explicit Draws(uint64_t state) : m_state(state) {}
    uint64_t next(uint64_t bound) {
        m_state = mix(m_state);
        return m_state % bound;
    }

private:
    uint64_t m_state;
};

void appendNumber(std::string& out, int64_t value) {
    std::array<char, 24> buffer{};
    const auto [end, ec] = std::to_chars(buffer.data(), buffer.data() + buffer.size(), value);
    (void)ec;  // 24 characters hold any int64
    out.append(buffer.data(), end);
}

void appendField(std::string& out, const char* name, int64_t value) {
    out += '"';
    out += name;
    out += "\":";
    appendNumber(out, value);
    out += ',';
}

void appendField(std::string& out, const char* name, const std::string& value) {
    out += '"';
    out += name;
    out += "\":\"";
    out += value;  // generated values never need escaping
    out += "\",";
}

}  // namespace

SampleEventGenerator::SampleEventGenerator(uint64_t seed, std::vector<int> appIds)
    : m_seed(seed), m_appIds(std::move(appIds)) {
    if (m_appIds.empty()) {
        m_appIds.push_back(24);
    }
}

const std::vector<std::string>& SampleEventGenerator::logNames() {
    static const std::vector<std::string> names{"log_item", "log_login", "log_logout", "log_money",
                                                "log_role_upgrade"};
    return names;
}

SampleEvent SampleEventGenerator::event(uint64_t index) const {
    Draws draw(mix(m_seed) ^ mix(index + 0x51ed270b27ULL));
    SampleEvent event;
    event.appId = m_appIds[draw.next(m_appIds.size())];
    event.logName = logNames()[draw.next(logNames().size())];

    const int64_t roleId = 6001310000000 + static_cast<int64_t>(draw.next(10'000'000));
    const int64_t mtime = kBaseTime + static_cast<int64_t>(index / 100);
    const int64_t pid = mtime * 1'000'000 + static_cast<int64_t>(index % 1'000'000);
    std::string accountName = std::to_string(4'000'000'000 + draw.next(1'000'000'000));
    std::string sn;
    static constexpr char kHex[] = "0123456789ABCDEF";
    for (int i = 0; i < 18; ++i) {
        sn += kHex[draw.next(16)];
    }

    event.key = std::to_string(roleId);
    std::string& out = event.value;
    out.reserve(640);
    out += "{\"headers\":{\"app_id\":";
    appendNumber(out, event.appId);
    out += ",\"log_name\":\"";
    out += event.logName;
    out += "\"},\"logs\":{";
    appendField(out, "account_name", accountName);
    appendField(out, "action", 2000 + static_cast<int64_t>(draw.next(300)));
    appendField(out, "agent_id", 36);
    appendField(out, "amount", 1 + static_cast<int64_t>(draw.next(100)));
    appendField(out, "bag_amount", static_cast<int64_t>(draw.next(50)));
    appendField(out, "bag_type", static_cast<int64_t>(draw.next(4)));
    appendField(out, "bind_type", static_cast<int64_t>(draw.next(2)));
    appendField(out, "client_version", std::string());
    appendField(out, "device_id", std::string());
    appendField(out, "end_time", 0);
    appendField(out, "idfa", std::string());
    appendField(out, "imei", std::string());
    appendField(out, "is_internal", 0);
    appendField(out, "item_id", 31100000 + static_cast<int64_t>(draw.next(10000)));
    appendField(out, "mac", std::string());
    appendField(out, "mtime", mtime);
    appendField(out, "pid", pid);
    appendField(out, "platform", 3100);
    appendField(out, "quality", static_cast<int64_t>(draw.next(6)));
    appendField(out, "regrow", static_cast<int64_t>(draw.next(20)));
    appendField(out, "role_id", roleId);
    appendField(out, "role_level", 1 + static_cast<int64_t>(draw.next(800)));
    appendField(out, "server_id", 5000 + static_cast<int64_t>(draw.next(20)));
    appendField(out, "server_version", std::string());
    appendField(out, "sn", sn);
    appendField(out, "star", static_cast<int64_t>(draw.next(6)));
    appendField(out, "start_time", mtime);
    appendField(out, "upf", 3100);
    appendField(out, "via", std::string("36|3100"));
    appendField(out, "zero_dateline", mtime - (mtime + 8 * 3600) % 86400);
    out.back() = '}';  // replaces the last field's comma
    out += '}';
    if (m_invalidPerMille > 0 &&
        static_cast<int>(mix(index ^ 0x1badc0ffeeULL ^ mix(m_seed)) % 1000) < m_invalidPerMille) {
        event.invalid = true;
        out.resize(out.size() / 2);
    }
    return event;
}

}  // namespace mtga
