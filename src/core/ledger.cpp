#include "crm/ledger.hpp"

#include "crm/i18n.hpp"
#include "crm/names.hpp"
#include "crm/parse.hpp"

#include <algorithm>
#include <atomic>
#include <exception>
#include <fmt/format.h>
#include <iterator>
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
    // Sorted by lowered id (stably, so the first of a clash is the first
    // listed); each later one is reported, in the order of the files.
    std::vector<std::pair<std::string, std::size_t>> lowered;
    lowered.reserve(paths.size());
    for (std::size_t i = 0; i < paths.size(); ++i)
        lowered.emplace_back(ascii_lower(id_from_path(paths[i])), i);
    std::stable_sort(lowered.begin(), lowered.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    std::vector<std::pair<std::size_t, std::size_t>> clashes; // (file, the first of its id)
    std::size_t group = 0;
    for (std::size_t k = 1; k < lowered.size(); ++k) {
        if (lowered[k].first != lowered[group].first)
            group = k;
        else
            clashes.emplace_back(lowered[k].second, lowered[group].second);
    }
    std::sort(clashes.begin(), clashes.end());
    for (const auto& [file, first] : clashes)
        out.push_back({paths[file], 0, 0, Severity::error,
                       trf("id '{}' clashes with '{}' when case is ignored",
                           id_from_path(paths[file]), paths[first]),
                       tr("rename one of the files; they would overwrite each other on "
                          "macOS and Windows")});
}

// What one thread found besides customers: the files' diagnostics, tagged
// with the file's index so that they can be put back in file order.
struct Findings {
    std::vector<std::pair<std::size_t, Diagnostics>> diagnostics;
    std::size_t skipped = 0;
    std::vector<std::size_t> unreadable; // indexes of the skipped files
    std::exception_ptr failure;          // what stopped the thread, rethrown after the join
};

} // namespace

Ledger start_ledger(Parsed<Settings> settings) {
    Ledger ledger;
    ledger.diagnostics = std::move(settings.diagnostics);
    if (settings.value)
        ledger.settings = std::move(*settings.value);
    return ledger;
}

Parsed<Customer> parse_source_text(const SourceFile& file, Notes notes) {
    if (!file.read_error.empty())
        return {std::nullopt,
                {{file.path, 0, 0, Severity::error, trf("cannot read: {}", file.read_error),
                  tr("crm skipped it and read the others")}}};
    return parse_customer_text(file.text, file.path, notes);
}

unsigned scan_threads(unsigned threads, std::size_t files) {
    return std::max(1u, std::min<unsigned>(threads, static_cast<unsigned>(files / 64 + 1)));
}

void collect_customers(Ledger& ledger, const std::vector<std::string>& paths, unsigned threads,
                       const ParseFile& parse, const TakeCustomer& take) {
    threads = scan_threads(threads, paths.size());
    std::vector<Findings> found(threads);
    // An exception escaping a thread would end the program: it is kept, the
    // other threads stop at their next file, and the caller gets it.
    std::atomic<bool> stop{false};
    const auto work = [&](unsigned t) {
        try {
            for (std::size_t i = t; i < paths.size() && !stop; i += threads) {
                Parsed<Customer> parsed = parse(t, i);
                check_with_settings(parsed, ledger.settings);
                if (!parsed.diagnostics.empty())
                    found[t].diagnostics.emplace_back(i, std::move(parsed.diagnostics));
                if (parsed.value)
                    take(t, i, std::move(*parsed.value));
                else {
                    ++found[t].skipped;
                    found[t].unreadable.push_back(i);
                }
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
    std::vector<std::size_t> unreadable;
    for (Findings& f : found) {
        ledger.skipped += f.skipped;
        unreadable.insert(unreadable.end(), f.unreadable.begin(), f.unreadable.end());
        std::move(f.diagnostics.begin(), f.diagnostics.end(), std::back_inserter(all));
    }
    std::sort(all.begin(), all.end(),
              [](const auto& a, const auto& b) { return a.first < b.first; });
    for (auto& [index, diagnostics] : all)
        std::move(diagnostics.begin(), diagnostics.end(), std::back_inserter(ledger.diagnostics));
    std::sort(unreadable.begin(), unreadable.end());
    for (const std::size_t i : unreadable)
        ledger.unreadable.push_back(paths[i]);
    ledger.files += paths.size();
    check_id_clashes(paths, ledger.diagnostics);
}

void parse_customers(Ledger& ledger, const std::vector<std::string>& paths, unsigned threads,
                     const ReadSource& read, const TakeCustomer& take, Notes notes) {
    // Each thread reuses one buffer.
    std::vector<SourceFile> buffers(scan_threads(threads, paths.size()));
    collect_customers(
        ledger, paths, threads,
        [&](unsigned t, std::size_t i) {
            read(i, buffers[t]);
            return parse_source_text(buffers[t], notes);
        },
        take);
}

void keep_customers(Ledger& ledger, std::size_t count, Keep keep, const ScanWith& scan) {
    // Each customer goes straight to its place; the places of files that
    // did not parse are closed up after.
    const std::size_t first = ledger.customers.size();
    ledger.customers.resize(first + count);
    std::vector<char> taken(count, 0);
    const auto take = [&](unsigned, std::size_t i, Customer&& c) {
        ledger.customers[first + i] =
            keep == Keep::identity ? without_history(std::move(c)) : std::move(c);
        taken[i] = 1;
    };
    scan(take, keep == Keep::identity ? Notes::skip : Notes::keep);
    std::size_t to = first;
    for (std::size_t i = 0; i < count; ++i)
        if (taken[i]) {
            if (to != first + i)
                ledger.customers[to] = std::move(ledger.customers[first + i]);
            ++to;
        }
    ledger.customers.resize(to);
}

void load_customers(Ledger& ledger, const std::vector<std::string>& paths, unsigned threads,
                    const ReadSource& read, Keep keep) {
    keep_customers(ledger, paths.size(), keep, [&](const TakeCustomer& take, Notes notes) {
        parse_customers(ledger, paths, threads, read, take, notes);
    });
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
