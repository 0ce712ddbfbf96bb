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

// Only the newest contact and no notes: what the agenda reads.
void keep_for_agenda(Customer& c) {
    if (const LogEntry* last = last_contact(c)) {
        LogEntry newest = *last;
        newest.note.clear();
        c.logs.assign(1, std::move(newest));
    }
    for (Purchase& p : c.purchases)
        p.note.clear();
    c.payments.shrink_to_fit();
    for (Payment& p : c.payments)
        p.note.clear();
    c.notes.clear();
    c.notes.shrink_to_fit();
}

// Parses files [begin, end) of `files` into `out` (one slot each).
void parse_range(const std::vector<SourceFile>& files, const Settings& settings, Keep keep,
                 std::vector<Parsed<Customer>>& out, std::size_t begin, std::size_t end) {
    for (std::size_t i = begin; i < end; ++i)
        out[i] = parse_source(files[i], settings, keep);
}

// Two files whose ids differ only in case collide on case-insensitive file
// systems (macOS, Windows) when the folder is shared through git. Checked on
// file names, so a clash is reported even when one of the files is broken.
void check_id_clashes(const std::vector<std::string>& paths, Diagnostics& out) {
    std::map<std::string, const std::string*> seen;
    for (const std::string& path : paths) {
        const auto [it, fresh] = seen.emplace(ascii_lower(id_from_path(path)), &path);
        if (!fresh)
            out.push_back({path, 0, 0, Severity::error,
                           fmt::format("id '{}' clashes with '{}' when case is ignored",
                                       id_from_path(path), *it->second),
                           "rename one of the files; they would overwrite each other on "
                           "macOS and Windows"});
    }
}

} // namespace

Parsed<Customer> parse_source(const SourceFile& file, const Settings& settings, Keep keep) {
    if (!file.read_error.empty())
        return {std::nullopt,
                {{file.path, 0, 0, Severity::error, fmt::format("cannot read: {}", file.read_error),
                  "crm skipped it and read the others"}}};
    Parsed<Customer> parsed = parse_customer(file.text, file.path, settings);
    if (parsed.value && keep == Keep::agenda)
        keep_for_agenda(*parsed.value);
    return parsed;
}

Ledger assemble_ledger(Parsed<Settings> settings, const std::vector<std::string>& paths,
                       std::vector<Parsed<Customer>> customers) {
    Ledger ledger;
    ledger.diagnostics = std::move(settings.diagnostics);
    if (settings.value)
        ledger.settings = std::move(*settings.value);
    ledger.files = customers.size();
    ledger.customers.reserve(customers.size());
    for (auto& parsed : customers) {
        ledger.diagnostics.insert(ledger.diagnostics.end(), parsed.diagnostics.begin(),
                                  parsed.diagnostics.end());
        if (parsed.value)
            ledger.customers.push_back(std::move(*parsed.value));
        else
            ++ledger.skipped;
    }
    check_id_clashes(paths, ledger.diagnostics);
    return ledger;
}

Ledger build_ledger(const SourceFile& settings_file, const std::vector<SourceFile>& customer_files,
                    unsigned threads, Keep keep) {
    auto settings = parse_settings(settings_file.text, settings_file.path);
    const Settings fallback;
    const Settings& rules = settings.value ? *settings.value : fallback;
    std::vector<Parsed<Customer>> parsed(customer_files.size());
    threads = std::max(
        1u, std::min<unsigned>(threads, static_cast<unsigned>(customer_files.size() / 64 + 1)));
    const std::size_t chunk = (customer_files.size() + threads - 1) / threads;
    {
        std::vector<std::jthread> workers;
        for (unsigned t = 1; t < threads; ++t) {
            const std::size_t begin = std::min(customer_files.size(), t * chunk);
            const std::size_t end = std::min(customer_files.size(), begin + chunk);
            workers.emplace_back(
                [&, begin, end] { parse_range(customer_files, rules, keep, parsed, begin, end); });
        }
        parse_range(customer_files, rules, keep, parsed, 0, std::min(customer_files.size(), chunk));
    } // the workers join here
    std::vector<std::string> paths;
    for (const SourceFile& f : customer_files)
        paths.push_back(f.path);
    return assemble_ledger(std::move(settings), paths, std::move(parsed));
}

} // namespace crm
