#include "crm/ledger.hpp"

#include "crm/names.hpp"
#include "crm/parse.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <map>
#include <thread>

namespace crm {

const Customer* Ledger::find(std::string_view id) const {
    const auto it = std::find_if(customers.begin(), customers.end(),
                                 [&](const Customer& c) { return c.id == id; });
    return it == customers.end() ? nullptr : &*it;
}

namespace {

Parsed<Customer> parse_one(const SourceFile& f, const Settings& settings) {
    if (!f.read_error.empty())
        return {std::nullopt,
                {{f.path, 0, 0, Severity::error, fmt::format("cannot read: {}", f.read_error),
                  "crm skipped it and read the others"}}};
    return parse_customer(f.text, f.path, settings);
}

// Parses files [begin, end) of `files` into `out` (one slot each).
void parse_range(const std::vector<SourceFile>& files, const Settings& settings,
                 std::vector<Parsed<Customer>>& out, std::size_t begin, std::size_t end) {
    for (std::size_t i = begin; i < end; ++i)
        out[i] = parse_one(files[i], settings);
}

std::vector<Parsed<Customer>> parse_all(const std::vector<SourceFile>& files,
                                        const Settings& settings, unsigned threads) {
    std::vector<Parsed<Customer>> out(files.size());
    threads =
        std::max(1u, std::min<unsigned>(threads, static_cast<unsigned>(files.size() / 64 + 1)));
    std::vector<std::jthread> workers;
    const std::size_t chunk = (files.size() + threads - 1) / threads;
    for (unsigned t = 1; t < threads; ++t) {
        const std::size_t begin = std::min(files.size(), t * chunk);
        const std::size_t end = std::min(files.size(), begin + chunk);
        workers.emplace_back([&, begin, end] { parse_range(files, settings, out, begin, end); });
    }
    parse_range(files, settings, out, 0, std::min(files.size(), chunk));
    return out; // the jthreads join here, before `out` is returned
}

// Two files whose ids differ only in case collide on case-insensitive file
// systems (macOS, Windows) when the folder is shared through git. Checked on
// file names, so a clash is reported even when one of the files is broken.
void check_id_clashes(const std::vector<SourceFile>& files, Diagnostics& out) {
    std::map<std::string, const SourceFile*> seen;
    for (const SourceFile& f : files) {
        const auto [it, fresh] = seen.emplace(ascii_lower(id_from_path(f.path)), &f);
        if (!fresh)
            out.push_back({f.path, 0, 0, Severity::error,
                           fmt::format("id '{}' clashes with '{}' when case is ignored",
                                       id_from_path(f.path), it->second->path),
                           "rename one of the files; they would overwrite each other on "
                           "macOS and Windows"});
    }
}

} // namespace

Ledger build_ledger(const SourceFile& settings_file, const std::vector<SourceFile>& customer_files,
                    unsigned threads) {
    Ledger ledger;
    auto settings = parse_settings(settings_file.text, settings_file.path);
    ledger.diagnostics = std::move(settings.diagnostics);
    if (settings.value)
        ledger.settings = std::move(*settings.value);
    ledger.files = customer_files.size();
    for (auto& parsed : parse_all(customer_files, ledger.settings, threads)) {
        ledger.diagnostics.insert(ledger.diagnostics.end(), parsed.diagnostics.begin(),
                                  parsed.diagnostics.end());
        if (parsed.value)
            ledger.customers.push_back(std::move(*parsed.value));
        else
            ++ledger.skipped;
    }
    check_id_clashes(customer_files, ledger.diagnostics);
    return ledger;
}

} // namespace crm
