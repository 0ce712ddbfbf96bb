#include "crm/ledger.hpp"

#include "crm/names.hpp"
#include "crm/parse.hpp"

#include <algorithm>
#include <atomic>
#include <exception>
#include <fmt/format.h>
#include <iterator>
#include <map>
#include <optional>
#include <thread>
#include <utility>

namespace crm {

const Customer* Ledger::find(std::string_view id) const {
    const auto it = std::find_if(customers.begin(), customers.end(),
                                 [&](const Customer& c) { return c.id == id; });
    return it == customers.end() ? nullptr : &*it;
}

namespace {

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

// What one thread found besides customers: the files' diagnostics, tagged
// with the file's index so that they can be put back in file order.
struct Findings {
    std::vector<std::pair<std::size_t, Diagnostics>> diagnostics;
    std::size_t skipped = 0;
    std::exception_ptr failure; // what stopped the thread, rethrown after the join
};

} // namespace

Ledger start_ledger(Parsed<Settings> settings) {
    Ledger ledger;
    ledger.diagnostics = std::move(settings.diagnostics);
    if (settings.value)
        ledger.settings = std::move(*settings.value);
    return ledger;
}

Parsed<Customer> parse_source(const SourceFile& file, const Settings& settings, Notes notes) {
    if (!file.read_error.empty())
        return {std::nullopt,
                {{file.path, 0, 0, Severity::error, fmt::format("cannot read: {}", file.read_error),
                  "crm skipped it and read the others"}}};
    return parse_customer(file.text, file.path, settings, notes);
}

void parse_customers(Ledger& ledger, const std::vector<std::string>& paths, unsigned threads,
                     const ReadSource& read, const TakeCustomer& take, Notes notes) {
    // Small folders are not worth a thread.
    threads =
        std::max(1u, std::min<unsigned>(threads, static_cast<unsigned>(paths.size() / 64 + 1)));
    std::vector<Findings> found(threads);
    // An exception escaping a thread would end the program: it is kept, the
    // other threads stop at their next file, and the caller gets it.
    std::atomic<bool> stop{false};
    const auto work = [&](unsigned t) {
        try {
            SourceFile file;
            for (std::size_t i = t; i < paths.size() && !stop; i += threads) {
                read(i, file);
                Parsed<Customer> parsed = parse_source(file, ledger.settings, notes);
                if (!parsed.diagnostics.empty())
                    found[t].diagnostics.emplace_back(i, std::move(parsed.diagnostics));
                if (parsed.value)
                    take(t, i, std::move(*parsed.value));
                else
                    ++found[t].skipped;
            }
        } catch (...) {
            found[t].failure = std::current_exception();
            stop = true;
        }
    };
    {
        std::vector<std::jthread> workers;
        for (unsigned t = 1; t < threads; ++t)
            workers.emplace_back(work, t);
        work(0);
    } // the workers join here
    for (const Findings& f : found)
        if (f.failure)
            std::rethrow_exception(f.failure);
    std::vector<std::pair<std::size_t, Diagnostics>> all;
    for (Findings& f : found) {
        ledger.skipped += f.skipped;
        std::move(f.diagnostics.begin(), f.diagnostics.end(), std::back_inserter(all));
    }
    std::sort(all.begin(), all.end(),
              [](const auto& a, const auto& b) { return a.first < b.first; });
    for (auto& [index, diagnostics] : all)
        std::move(diagnostics.begin(), diagnostics.end(), std::back_inserter(ledger.diagnostics));
    ledger.files += paths.size();
    check_id_clashes(paths, ledger.diagnostics);
}

void load_customers(Ledger& ledger, const std::vector<std::string>& paths, unsigned threads,
                    const ReadSource& read, Keep keep) {
    std::vector<std::optional<Customer>> slots(paths.size());
    const auto take = [&](unsigned, std::size_t i, Customer&& c) {
        slots[i] = keep == Keep::identity ? without_history(c) : std::move(c);
    };
    parse_customers(ledger, paths, threads, read, take,
                    keep == Keep::identity ? Notes::skip : Notes::keep);
    ledger.customers.reserve(ledger.customers.size() + paths.size());
    for (std::optional<Customer>& c : slots)
        if (c)
            ledger.customers.push_back(std::move(*c));
}

Ledger build_ledger(const SourceFile& settings_file, const std::vector<SourceFile>& customer_files,
                    unsigned threads) {
    Ledger ledger = start_ledger(parse_settings(settings_file.text, settings_file.path));
    std::vector<std::string> paths;
    for (const SourceFile& f : customer_files)
        paths.push_back(f.path);
    load_customers(ledger, paths, threads,
                   [&](std::size_t i, SourceFile& into) { into = customer_files[i]; });
    return ledger;
}

} // namespace crm
