// merge_customer() on arbitrary base, ours and theirs texts: the input is cut
// in three at its first two NUL bytes (missing parts are empty; NUL is
// never valid TOML, so no side loses one it needed). It must never crash;
// when it merges, the result must parse as TOML, or, when it marked
// conflicts, parse with either side of every conflict kept.

#include "crm/merge.hpp"

#include "fuzz_common.hpp"

#include <array>
#include <string>
#include <toml++/toml.h>

namespace {

bool parses(std::string_view text) {
    try {
        (void)toml::parse(text);
        return true;
    } catch (const toml::parse_error&) {
        return false;
    }
}

std::array<std::string_view, 3> sides(std::string_view text) {
    std::array<std::string_view, 3> out{};
    for (std::size_t i = 0; i < 2; ++i) {
        const std::size_t nul = text.find('\0');
        if (nul == std::string_view::npos) {
            out[i] = text;
            return out;
        }
        out[i] = text.substr(0, nul);
        text.remove_prefix(nul + 1);
    }
    out[2] = text;
    return out;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const auto [base, ours, theirs] = sides(crm_fuzz::as_text(data, size));
    const crm::MergeResult r = crm::merge_customer(base, ours, theirs);
    if (!r.ok()) {
        crm_fuzz::require(r.text.empty() && !r.fallback.empty(), "a fallback says why");
        return 0;
    }
    if (r.conflicts.empty()) {
        crm_fuzz::require(parses(r.text), "a clean merge parses");
        return 0;
    }
    crm_fuzz::require(crm::find_conflicts(r.text).size() >= r.conflicts.size(),
                      "every conflict is marked");
    crm_fuzz::require(parses(crm::conflict_side(r.text, crm::Side::ours)) &&
                          parses(crm::conflict_side(r.text, crm::Side::theirs)),
                      "either side of the conflicts parses");
    return 0;
}
