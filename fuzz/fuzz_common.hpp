#pragma once
// What the fuzz targets share: the input as text, a crm.toml with classes and
// products (so that class and product checks run), and a check that makes
// libFuzzer report a broken property as a crash.

#include "crm/parse.hpp"

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <string_view>

namespace crm_fuzz {

// libFuzzer's bytes as the text a file would hold.
inline std::string_view as_text(const std::uint8_t* data, std::size_t size) {
    return {reinterpret_cast<const char*>(data), size};
}

// Stops the run when a property fails: the fuzzer keeps the input that did it.
inline void require(bool holds, const char* what) {
    if (holds)
        return;
    std::fprintf(stderr, "fuzz property failed: %s\n", what);
    __builtin_trap();
}

// A settings value like the examples' crm.toml: every class form (a pair, a
// single interval, a broken one), per-person and plain products, calendar rules.
inline const crm::Settings& rich_settings() {
    static const crm::Settings settings = [] {
        constexpr std::string_view text = R"(currency = "TWD"
[me]
name = "amy"
[classes]
now = ["7d", "10d"]
later = "30d"
client = "2m"
vip = "1y"
broken = "30 days"
[agenda]
horizon = "7d"
birthdays = "30d"
[followup]
after_purchase = ["3d", "1w", "1m"]
[calendar]
feb29 = "mar1"
lunar_leap = "regular"
lunar_day30 = "last-day"
[products.rice-10kg]
name = "Rice, 10 kg"
price = 600
lasts = "60d"
per_person = true
warn = "5d"
[products.oolong-150g]
name = "Oolong, 150 g"
price = 680.5
lasts = "1m"
warn = "1w"
[products.tea-gift-box]
name = "Tea gift box"
price = 1200
)";
        auto parsed = crm::parse_settings(text, "crm.toml");
        require(parsed.value.has_value(), "the fuzz targets' crm.toml parses");
        return *parsed.value;
    }();
    return settings;
}

// Every diagnostic of a parse says something.
inline void require_messages(const crm::Diagnostics& ds) {
    for (const crm::Diagnostic& d : ds)
        require(!d.message.empty(), "every diagnostic has a message");
}

} // namespace crm_fuzz
