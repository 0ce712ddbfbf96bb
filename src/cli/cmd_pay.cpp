// crm pay NAME AMOUNT: record money received as a [[payment]] entry. A
// payment is not a contact: it does not move the next revisit (crm log
// --paid records one taken during a visit, and the visit).

#include "commands.hpp"
#include "crm/edit.hpp"
#include "crm/error.hpp"
#include "crm/i18n.hpp"
#include "crm/outlook.hpp"
#include "crm/parse.hpp"
#include "crm/spoken.hpp"
#include "crm/text.hpp"
#include "phrases.hpp"
#include "writing.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <memory>
#include <ostream>

namespace crm::cli {

namespace {

struct PayOptions {
    std::vector<std::string> words; // NAME AMOUNT
    std::optional<std::string> by;
    std::string note;
    bool credit = false;
};

[[noreturn]] void usage(const std::string& message) {
    throw UsageError(message);
}

// Checked under the lock, against the file as it is: paying more than is
// owed is most often a typo (3000 for 300).
void refuse_overpayment(std::string_view text, const Target& t, const Settings& s, Money amount,
                        bool credit) {
    const Parsed<Customer> parsed = parse_customer(text, t.path, s, Notes::skip);
    if (!parsed.value || credit)
        return;
    const Money owed = balance(*parsed.value);
    if (amount <= owed)
        return;
    usage(trf("{} owes {}, less than {}; nothing was written (add --credit to keep the "
              "rest as a credit)",
              visible(display_name(t)), money_text(std::max(owed, Money{}), s),
              money_text(amount, s)));
}

int run_pay(const Context& ctx, const PayOptions& o) {
    const std::filesystem::path root = ctx.folder();
    const Ledger& ledger = ctx.load_for(o.words.front());
    refuse_extra_words(ledger, "pay", o.words, {"NAME", "AMOUNT"}, false);
    if (o.words.size() < 2)
        usage(tr("crm pay needs the AMOUNT paid: crm pay NAME AMOUNT"));
    if (first_invalid_utf8(o.note) || o.note.find('\r') != std::string::npos)
        usage(tr("--note must be UTF-8 text without carriage returns"));
    const Date today = ctx.today();
    Change change;
    change.payment = PaymentDraft{today, amount_option("AMOUNT", o.words[1]),
                                  o.by ? *o.by : default_by(ctx, ledger.settings, root), o.note};
    const auto target = find_target(ctx, ledger, o.words.front());
    if (!target)
        return static_cast<int>(Exit::usage);
    refuse_unparsable(ctx, ledger, *target);
    const Money paid = change.payment->amount;
    append_change(ctx, ledger.settings, root, *target,
                  {"pay", fmt::format("pay: {} — {}", display_name(*target), format_money(paid))},
                  change, [&](std::string_view current) {
                      refuse_overpayment(current, *target, ledger.settings, paid, o.credit);
                  });
    const Customer after = read_customer(root, target->path, ledger.settings);
    const auto next = next_revisit(after, ledger.settings, today);
    ctx.out << trf("{} ({}): paid {} on {}; {}; {}\n", visible(display_name(*target)), target->id,
                   money_text(paid, ledger.settings), spoken_date(today, today),
                   owed_phrase(after, ledger.settings, today),
                   next ? trf("next revisit {}", render::day_and_date(next->date, today))
                        : std::string(tr("no revisit")));
    return static_cast<int>(Exit::ok);
}

} // namespace

std::function<int()> setup_pay(CLI::App& sub, Context& ctx) {
    auto o = std::make_shared<PayOptions>();
    sub.add_option("NAME", o->words, tr("the customer: id, name, part of the name, or phone"))
        ->required();
    sub.add_option("AMOUNT", o->words, tr("the amount received, like 300 or 12.50"));
    sub.add_option("--by", o->by, tr("who took the payment (default: as crm log --by)"))
        ->option_text("NAME");
    sub.add_option("--note", o->note, tr("a note, e.g. how it was paid"))->option_text("TEXT");
    sub.add_flag("--credit", o->credit,
                 tr("accept more than is owed, keeping the rest as a credit"));
    return [&ctx, o] { return catching_usage(ctx, [&] { return run_pay(ctx, *o); }); };
}

} // namespace crm::cli
