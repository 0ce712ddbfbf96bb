// crm list: find, filter and export customers, as text, JSON, CSV or TSV.

#include "commands.hpp"
#include "crm/error.hpp"
#include "crm/i18n.hpp"
#include "crm/listing.hpp"
#include "crm/names.hpp"
#include "crm/text.hpp"
#include "diagnostics.hpp"
#include "filters.hpp"
#include "folder.hpp"
#include "list_csv.hpp"
#include "list_json.hpp"
#include "list_text.hpp"

#include <CLI/CLI.hpp>
#include <algorithm>
#include <fmt/format.h>
#include <memory>
#include <ostream>

namespace crm::cli {

namespace {

struct ListCliOptions {
    FilterOptions filters;
    std::optional<std::string> grep;
    std::optional<int> dormant;
    std::string sort = "name";
    std::string format = "text";
};

ListOptions list_options(const ListCliOptions& o) {
    ListOptions l;
    l.filters = to_filters(o.filters);
    l.grep = o.grep;
    l.dormant = o.dormant;
    l.sort = parse_list_sort(o.sort).value_or(ListSort::name);
    return l;
}

// Each customer becomes its row in its thread's builder and is dropped.
// Notes are most of a file's text: they are parsed only for --grep.
Listing scan_listing(const Context& ctx, Ledger& ledger, const ListOptions& options, Date today) {
    std::vector<ListBuilder> builders;
    const unsigned threads = ctx.threads();
    for (unsigned t = 0; t < threads; ++t)
        builders.emplace_back(ledger.settings, options, today);
    const TakeCustomer take = [&](unsigned worker, std::size_t, Customer&& c) {
        builders[worker].add(c);
    };
    if (options.grep)
        io::scan_customers(ctx.folder(), ledger, threads, take, Notes::keep, Logs::all,
                           io::UseIndex::no);
    else
        ctx.scan(ledger, threads, take);
    for (std::size_t t = 1; t < builders.size(); ++t)
        builders[0].join(std::move(builders[t]));
    return std::move(builders[0]).finish();
}

std::string render_listing(const Context& ctx, const ListCliOptions& o, const Ledger& ledger,
                           const Listing& listing) {
    if (o.format == "json")
        return render::list_json(listing, ledger.settings);
    if (o.format == "csv")
        return render::list_csv(listing, {ctx.out_is_tty});
    if (o.format == "tsv")
        return render::list_tsv(listing, {ctx.out_is_tty});
    return render::list_text(listing);
}

int run_list(const Context& ctx, const ListCliOptions& o) {
    const ListOptions options = list_options(o);
    const Date today = ctx.today();
    Ledger ledger = ctx.open();
    if (auto problem = check_classes(o.filters.classes, ledger.settings)) {
        ctx.err << fmt::format("crm: error: {}\n", visible_lines(*problem));
        return static_cast<int>(Exit::usage);
    }
    const Listing listing = scan_listing(ctx, ledger, options, today);
    ctx.err << render::diagnostics_text(ledger.diagnostics);
    ctx.out << render_listing(ctx, o, ledger, listing);
    const bool skipped = ledger.skipped > 0 || count_errors(ledger.diagnostics) > 0;
    return static_cast<int>(skipped ? Exit::data : Exit::ok);
}

void add_filters(CLI::App& sub, ListCliOptions& o) {
    add_customer_filters(sub, o.filters);
    sub.add_option("--grep", o.grep,
                   tr("only customers whose name, id, phone, email, tags or notes contain TEXT"))
        ->option_text("TEXT");
    sub.add_option("--dormant", o.dormant, tr("only customers not contacted for DAYS days or more"))
        ->check(CLI::Validator(
            [](const std::string& v) {
                const bool digits =
                    !v.empty() && v.size() <= 6 && v.find_first_not_of("0123456789") == v.npos;
                return digits ? std::string() : "DAYS is a whole number of days, 0 or more";
            },
            "DAYS"))
        ->option_text("DAYS");
}

} // namespace

std::function<int()> setup_list(CLI::App& sub, Context& ctx) {
    auto o = std::make_shared<ListCliOptions>();
    add_filters(sub, *o);
    sub.add_option("--sort", o->sort, tr("order of the list (default: name)"))
        ->check(CLI::IsMember({"name", "value", "last", "next", "balance"}))
        ->option_text("name|value|last|next|balance");
    sub.add_option("--format", o->format, tr("text, json, csv or tsv"))
        ->check(CLI::IsMember({"text", "json", "csv", "tsv"}))
        ->option_text("text|json|csv|tsv");
    return [&ctx, o] { return run_list(ctx, *o); };
}

} // namespace crm::cli
