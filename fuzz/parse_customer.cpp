// parse_customer() on arbitrary bytes, with the default settings and with
// classes and products: it must never crash, and every diagnostic must say
// something.

#include "fuzz_common.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text = crm_fuzz::as_text(data, size);
    const crm::Settings defaults;
    crm_fuzz::require_messages(crm::parse_customer(text, "customers/x.toml", defaults).diagnostics);
    const crm::Settings& rich = crm_fuzz::rich_settings();
    crm_fuzz::require_messages(crm::parse_customer(text, "customers/x.toml", rich).diagnostics);
    // Skipping notes takes other paths through the entries.
    crm_fuzz::require_messages(
        crm::parse_customer(text, "customers/x.toml", rich, crm::Notes::skip).diagnostics);
    return 0;
}
