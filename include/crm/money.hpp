#pragma once
// Money is an exact count of hundredths, so sums never show binary
// floating-point error. Amounts in files may have at most two decimals.

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace crm {

struct Money {
    std::int64_t cents = 0;

    auto operator<=>(const Money&) const = default;
    Money operator+(Money o) const { return {cents + o.cents}; }
    Money operator-(Money o) const { return {cents - o.cents}; }
    Money& operator+=(Money o) {
        cents += o.cents;
        return *this;
    }
    Money& operator-=(Money o) {
        cents -= o.cents;
        return *this;
    }
    static Money whole(std::int64_t units) { return {units * 100}; }
};

// Parses a decimal literal as written in TOML ("1200", "12.5", "1_000",
// "-3.75"); nullopt when it is not a number or has more than two decimals.
std::optional<Money> parse_money(std::string_view text);

// "1200", "12.50", "-3.75": no decimals when the amount is whole, and
// thousands are not grouped (the output stays machine-readable).
std::string format_money(Money m);

} // namespace crm
