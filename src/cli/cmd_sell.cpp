// crm sell NAME PRODUCT: record a sale as a [[purchase]] entry, then say
// what it schedules: the follow-ups, the run-out and the balance to collect.

#include "commands.hpp"
#include "crm/edit.hpp"
#include "crm/error.hpp"
#include "crm/i18n.hpp"
#include "crm/names.hpp"
#include "crm/outlook.hpp"
#include "crm/spoken.hpp"
#include "crm/text.hpp"
#include "phrases.hpp"
#include "writing.hpp"

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cmath>
#include <fmt/format.h>
#include <memory>
#include <ostream>

namespace crm::cli {

namespace {

struct SellOptions {
    std::vector<std::string> words; // NAME PRODUCT
    std::string qty = "1";
    std::optional<std::string> price;
    std::optional<std::string> paid;
    std::optional<std::string> by;
    std::optional<std::string> due;
    std::string note;
    bool other = false;
};

[[noreturn]] void usage(const std::string& message) {
    throw UsageError(message);
}

// A product of crm.toml, or free text with --other: a typo must not lose
// the sale's run-out.
const Product* product_of(const std::string& key, const Settings& s, bool other) {
    if (key.empty() || key.find_first_of("\n\r") != std::string::npos)
        usage(tr("the product must be one line of text"));
    if (const Product* p = s.find_product(key))
        return p;
    if (other)
        return nullptr;
    std::vector<std::string> keys;
    for (const Product& p : s.products)
        keys.push_back(p.key);
    const auto near = did_you_mean(key, keys);
    usage(trf("'{}' is not a product of crm.toml ({}); add --other to record it as free "
              "text",
              visible(key),
              near           ? trf("did you mean '{}'?", *near)
              : keys.empty() ? std::string(tr("it has no [products] yet"))
                             : trf("the products are: {}", fmt::join(keys, tr(", ")))));
}

// Thousandths of a unit: "2" is 2000, "0.5" is 500. At most three decimals,
// above 0, at most a million units.
std::int64_t milli_units(const std::string& qty) {
    const std::size_t dot = qty.find('.');
    const std::string whole = qty.substr(0, dot);
    const std::string part = dot == std::string::npos ? "" : qty.substr(dot + 1);
    const bool digits = !whole.empty() && whole.size() <= 7 &&
                        whole.find_first_not_of("0123456789") == std::string::npos &&
                        (dot == std::string::npos || (!part.empty() && part.size() <= 3)) &&
                        part.find_first_not_of("0123456789") == std::string::npos &&
                        (whole == "0" || whole.front() != '0');
    const std::int64_t n = digits ? std::stoll(whole) * 1000 +
                                        (part.empty() ? 0 : std::stoll((part + "00").substr(0, 3)))
                                  : 0;
    if (n <= 0 || n > 1'000'000'000)
        usage(trf("--qty '{}' is not a quantity like 2 or 0.5 (above 0, at most 3 "
                  "decimals)",
                  visible(qty)));
    return n;
}

// --price, else the product's unit price times the quantity, to the cent.
Money price_of(const SellOptions& o, const Product* p, std::int64_t milli) {
    if (o.price)
        return amount_option("--price", *o.price, true);
    if (!p || !p->price)
        usage(trf("give the sale's total with --price{}",
                  p ? trf(", or set price in [products.{}] of crm.toml", p->key) : ""));
    std::int64_t milli_cents = 0;
    if (__builtin_mul_overflow(p->price->cents, milli, &milli_cents) ||
        milli_cents > kMaxAmount.cents * 1000)
        usage(trf("the price of {} units of '{}' is more than crm keeps (at most {}); "
                  "give --price",
                  visible(o.qty), p->key, format_money(kMaxAmount)));
    return Money{(milli_cents + 500) / 1000};
}

PurchaseDraft draft(const Context& ctx, const SellOptions& o, const Settings& s,
                    const std::filesystem::path& root) {
    const Date today = ctx.today();
    const std::string& key = o.words[1];
    const Product* product = product_of(key, s, o.other);
    PurchaseDraft d{today,        key,
                    o.qty,        price_of(o, product, milli_units(o.qty)),
                    std::nullopt, o.by ? *o.by : default_by(ctx, s, root),
                    std::nullopt, o.note};
    if (o.paid) {
        d.paid = amount_option("--paid", *o.paid, true);
        if (*d.paid > d.price)
            usage(trf("--paid {} is more than the price {}; record extra money with "
                      "crm pay",
                      format_money(*d.paid), format_money(d.price)));
    }
    if (o.due) {
        if (!d.paid || *d.paid == d.price)
            usage(tr("--due goes with --paid below the price: nothing is left to collect"));
        d.due = date_or_interval("--due", *o.due, today);
    }
    if (d.paid && *d.paid == d.price)
        d.paid.reset(); // paid in full is the default: no `paid` key
    return d;
}

// What the sale schedules, one line each, from the file as written.
std::string schedule(const Customer& c, const Settings& s, const PurchaseDraft& d, Date today) {
    const auto when = [today](Date day) { return render::day_and_date(day, today); };
    std::string out;
    std::vector<std::string> steps;
    for (const Interval& i : s.after_purchase)
        steps.push_back(trf("{} ({})", when(add(d.date, i)), spoken_interval(i)));
    if (!steps.empty())
        out += trf("  follow-ups: {}\n", fmt::join(steps, tr(", ")));
    for (const Runout& r : runouts_of(c, s))
        if (r.product == d.product)
            out += trf("  runs out {}{}, shown from {}\n", when(r.runs_out),
                       r.divided_by > 1 ? trf(" for a household of {}", r.divided_by) : "",
                       when(r.warn_from));
    out += "  " + owed_phrase(c, s, today);
    // The sale's own balance, when older debts come first in the phrase.
    const std::vector<Collection> due = collections_of(c);
    const auto mine = std::find_if(due.begin(), due.end(), [&](const Collection& k) {
        return k.purchase + 1 == c.purchases.size();
    });
    if (mine != due.end() && mine != due.begin() && mine->on != due.front().on)
        out += trf("; this sale's {} is collected {}", money_text(mine->amount, s), when(mine->on));
    return out + "\n";
}

int run_sell(const Context& ctx, const SellOptions& o) {
    const std::filesystem::path root = ctx.folder();
    const Ledger& ledger = ctx.load_for(o.words.front());
    refuse_extra_words(ledger, "sell", o.words, {"NAME", "PRODUCT"}, false);
    if (o.words.size() < 2)
        usage(tr("crm sell needs the PRODUCT sold: crm sell NAME PRODUCT"));
    Change change;
    change.purchase = draft(ctx, o, ledger.settings, root);
    const PurchaseDraft& d = *change.purchase;
    const auto target = find_target(ctx, ledger, o.words.front());
    if (!target)
        return static_cast<int>(Exit::usage);
    refuse_unparsable(ctx, ledger, *target);
    const std::string what = fmt::format("{} × {}", d.qty, d.product);
    const std::string written =
        append_change(ctx, ledger.settings, root, *target,
                      {"sell", fmt::format("sell: {} — {}", display_name(*target), what)}, change);
    const Customer after = read_customer(root, target->path, ledger.settings);
    ctx.out << trf("{} ({}): sold {} for {}{} on {}; {}\n", visible(display_name(*target)),
                   target->id, visible(what), money_text(d.price, ledger.settings),
                   d.paid ? trf(", paid {}", format_money(*d.paid)) : "",
                   spoken_date(d.date, ctx.today()),
                   next_revisit_phrase(written, target->path, ledger.settings, d.date));
    ctx.out << schedule(after, ledger.settings, d, d.date);
    return static_cast<int>(Exit::ok);
}

} // namespace

std::function<int()> setup_sell(CLI::App& sub, Context& ctx) {
    auto o = std::make_shared<SellOptions>();
    sub.add_option("NAME", o->words, tr("the customer: id, name, part of the name, or phone"))
        ->required();
    sub.add_option("PRODUCT", o->words, tr("a product of crm.toml (or free text with --other)"));
    sub.add_option("--qty", o->qty, tr("how many units (default 1; 0.5 is fine)"))
        ->option_text("N");
    sub.add_option("--price", o->price,
                   tr("the sale's total (default: the product's price in crm.toml times --qty)"))
        ->option_text("AMOUNT");
    sub.add_option("--paid", o->paid, tr("what was paid now (default: all of it)"))
        ->option_text("AMOUNT");
    sub.add_option("--by", o->by, tr("who sold it (default: as crm log --by)"))
        ->option_text("NAME");
    sub.add_option("--due", o->due, tr("when the rest is to be collected (default: payday)"))
        ->option_text("DATE|INTERVAL");
    sub.add_option("--note", o->note, tr("a note on the sale"))->option_text("TEXT");
    sub.add_flag("--other", o->other, tr("PRODUCT is free text, not a product of crm.toml"));
    return [&ctx, o] { return catching_usage(ctx, [&] { return run_sell(ctx, *o); }); };
}

} // namespace crm::cli
