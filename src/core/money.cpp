#include "crm/money.hpp"

#include <cstdlib>
#include <fmt/format.h>

namespace crm {

std::optional<Money> parse_money(std::string_view text) {
    bool negative = false;
    if (!text.empty() && (text.front() == '-' || text.front() == '+')) {
        negative = text.front() == '-';
        text.remove_prefix(1);
    }
    std::int64_t units = 0;
    std::int64_t cents = 0;
    int decimals = -1; // -1 until the decimal point is seen
    bool digits = false;
    for (char ch : text) {
        if (ch == '_')
            continue; // TOML digit separator
        if (ch == '.' && decimals < 0) {
            decimals = 0;
            continue;
        }
        if (ch < '0' || ch > '9')
            return std::nullopt;
        digits = true;
        const int digit = ch - '0';
        if (decimals < 0) {
            if (units > (INT64_MAX / 100 - 9) / 10)
                return std::nullopt; // would overflow once scaled to cents
            units = units * 10 + digit;
        } else if (++decimals <= 2) {
            cents = cents * 10 + digit;
        } else if (digit != 0) {
            return std::nullopt; // more precision than money has
        }
    }
    if (!digits)
        return std::nullopt;
    if (decimals == 1)
        cents *= 10;
    const std::int64_t total = units * 100 + cents;
    return Money{negative ? -total : total};
}

std::string format_money(Money m) {
    const std::int64_t abs = m.cents < 0 ? -m.cents : m.cents;
    const char* sign = m.cents < 0 ? "-" : "";
    if (abs % 100 == 0)
        return fmt::format("{}{}", sign, abs / 100);
    return fmt::format("{}{}.{:02}", sign, abs / 100, abs % 100);
}

} // namespace crm
