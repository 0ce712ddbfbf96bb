#pragma once
// Money is an exact count of hundredths, so sums never show binary
// floating-point error. Amounts in files may have at most two decimals.

#include <climits>
#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace crm {

struct Money {
    std::int64_t cents = 0;

    auto operator<=>(const Money&) const = default;
    // Sums saturate at the int64 limits instead of wrapping: amounts are at
    // most kMaxAmount each, so only an absurd number of them gets there,
    // and then the total says "very large", never a small wrong number.
    Money operator+(Money o) const {
        std::int64_t out = 0;
        if (__builtin_add_overflow(cents, o.cents, &out))
            out = o.cents > 0 ? INT64_MAX : INT64_MIN;
        return {out};
    }
    Money operator-(Money o) const {
        std::int64_t out = 0;
        if (__builtin_sub_overflow(cents, o.cents, &out))
            out = o.cents < 0 ? INT64_MAX : INT64_MIN;
        return {out};
    }
    Money& operator+=(Money o) { return *this = *this + o; }
    Money& operator-=(Money o) { return *this = *this - o; }
    static Money whole(std::int64_t units) { return {units * 100}; }
};

// The largest amount crm reads from a file or the command line: a trillion
// (10^12) units of the currency. Larger ones are refused where they are
// read, as positioned errors.
inline constexpr Money kMaxAmount{100'000'000'000'000};

// Parses a decimal literal as written in TOML ("1200", "12.5", "1_000",
// "-3.75"); nullopt when it is not a number or has more than two decimals.
std::optional<Money> parse_money(std::string_view text);

// "1200", "12.50", "-3.75": no decimals when the amount is whole, and
// thousands are not grouped (the output stays machine-readable).
std::string format_money(Money m);

} // namespace crm
