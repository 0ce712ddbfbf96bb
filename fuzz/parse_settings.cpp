// parse_settings() on arbitrary bytes: it must never crash, and every
// diagnostic must say something.

#include "fuzz_common.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const auto parsed = crm::parse_settings(crm_fuzz::as_text(data, size), "crm.toml");
    crm_fuzz::require_messages(parsed.diagnostics);
    if (parsed.value) {
        // The lookups callers make on every customer.
        (void)parsed.value->find_class("now");
        (void)parsed.value->find_product("rice-10kg");
    }
    return 0;
}
