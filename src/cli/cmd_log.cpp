// crm log NAME [NOTE]: record a contact, right after it happened. One
// [[log]] entry is appended to the customer's file (and a [[payment]] with
// --paid, a new class with --class, `done = true` with --done); every other
// byte stays as it was.

#include "agenda_text.hpp"
#include "commands.hpp"
#include "crm/edit.hpp"
#include "crm/error.hpp"
#include "crm/i18n.hpp"
#include "crm/names.hpp"
#include "crm/outlook.hpp"
#include "crm/parse.hpp"
#include "crm/spoken.hpp"
#include "crm/text.hpp"
#include "editor.hpp"
#include "filters.hpp"
#include "update.hpp"
#include "writing.hpp"

#include <CLI/CLI.hpp>
#include <algorithm>
#include <fmt/format.h>
#include <istream>
#include <memory>
#include <ostream>

namespace crm::cli {

namespace {

struct LogOptions {
    std::vector<std::string> words; // NAME [NOTE]
    std::string name;
    std::optional<std::string> note;
    std::string kind = "visit";
    std::optional<std::string> by;
    std::optional<std::string> next;
    std::optional<std::string> new_class;
    std::optional<std::string> paid;
    bool done = false;
    std::string why;
    std::optional<std::string> said;
    std::vector<std::string> themes;
    std::optional<unsigned> satisfaction;
};

[[noreturn]] void usage(const std::string& message) {
    throw UsageError(message);
}

std::optional<PaymentDraft> payment(const LogOptions& o, Date today, const std::string& by) {
    if (!o.paid)
        return std::nullopt;
    return PaymentDraft{today, amount_option("--paid", *o.paid), by, {}};
}

void check_class(const std::optional<std::string>& name, const Settings& s) {
    if (!name || s.find_class(*name))
        return;
    std::vector<std::string> known;
    for (const auto& c : s.classes)
        known.push_back(c.name);
    const auto near = did_you_mean(*name, known);
    usage(trf("--class '{}' is not a class of crm.toml ({})", *name,
              near ? trf("did you mean '{}'?", *near)
                   : trf("the classes are: {}", fmt::join(known, tr(", ")))));
}

const char* kNoteTemplate = N_("\n"
                               "# The note for this {} with {} on {}: what was said, in the\n"
                               "# customer's own words. Lines starting with '#' are left out;\n"
                               "# an empty note cancels.\n");

// By blocks, not istreambuf_iterator: GCC 12 at -O3 warns falsely about a
// null dereference inside it.
std::string read_all(std::istream& in) {
    std::string out;
    char buffer[4096];
    while (in.read(buffer, sizeof buffer) || in.gcount() > 0)
        out.append(buffer, static_cast<std::size_t>(in.gcount()));
    return out;
}

// The note: the words on the command line, else the editor on a terminal,
// else standard input (a script, a pipe). nullopt: cancelled in the editor.
std::optional<std::string> read_note(const Context& ctx, const LogOptions& o,
                                     const std::string& who, Date today,
                                     std::optional<io::EditBuffer>& buffer) {
    if (o.note)
        return clean_note(*o.note, false);
    if (o.said || o.satisfaction)
        return std::string(); // the customer's words or score are the entry: no note is asked
    if (!ctx.in_is_tty) {     // an empty note from a pipe cancels, as an empty editor does
        std::string note = clean_note(read_all(ctx.in), false);
        return note.empty() ? std::nullopt : std::optional(std::move(note));
    }
    const std::string command = io::editor_command(ctx.env.visual, ctx.env.editor);
    io::split_command(command); // a bad command fails before a file is made
    buffer.emplace("NOTE.txt",
                   fmt::format(fmt::runtime(tr(kNoteTemplate)), o.kind, who, format_date(today)));
    io::run_editor(command, buffer->path());
    std::string note = clean_note(buffer->read(), true);
    if (note.empty())
        return std::nullopt;
    return note;
}

// "visit, class now → later, paid 300": for the commit message (in
// English, without the date) and the confirmation (in the user's words).
std::string summary(const Target& t, const Change& c, render::Words words, Date today) {
    const bool english = words == render::Words::english;
    const auto say = [english](const char* text) {
        return fmt::runtime(english ? text : tr(text));
    };
    std::string out = c.log->kind.empty() ? fmt::format(say(N_("contact")))
                      : english           ? c.log->kind
                                          : render::log_kind_label(c.log->kind);
    if (!english)
        out = trf("{} on {}", out, spoken_date(c.log->date, today));
    if (c.new_class)
        out += fmt::format(say(N_(", class {} → {}")), t.customer->class_name, *c.new_class);
    if (c.log->satisfaction)
        out += fmt::format(say(N_(", satisfaction {}")), *c.log->satisfaction);
    if (c.payment)
        out += fmt::format(say(N_(", paid {}")), format_money(c.payment->amount));
    return out;
}

Change make_change(const Context& ctx, const LogOptions& o, const Ledger& ledger,
                   const std::filesystem::path& root) {
    const Date today = ctx.today();
    if (o.kind.empty() || o.kind.find('\n') != std::string::npos)
        usage(tr("--kind must be one word, like visit, call, message or email"));
    check_class(o.new_class, ledger.settings);
    const std::string by = o.by ? *o.by : default_by(ctx, ledger.settings, root);
    Change change;
    change.log =
        LogDraft{today, by, o.kind, "",
                 o.next ? std::optional(date_or_interval("--next", *o.next, today)) : std::nullopt};
    change.log->done = o.done;
    change.log->why = o.why;
    if (o.said) {
        change.log->said = clean_note(*o.said, false);
        if (change.log->said.empty())
            usage(tr("--said is empty: give the customer's words, or leave --said out"));
        if (first_invalid_utf8(change.log->said))
            usage(tr("--said is not UTF-8 text"));
    }
    change.log->themes = o.themes;
    change.log->satisfaction = o.satisfaction;
    change.payment = payment(o, today, by);
    change.new_class = o.new_class;
    return change;
}

// The class move is recorded in the [[log]] too, as `class_was` → `class`:
// the file's `class` says where the customer is, the logs how they got there.
void record_class_move(Change& change, const Customer& c) {
    if (change.new_class == c.class_name)
        change.new_class.reset(); // "class now → now" would rewrite a value for nothing
    if (!change.new_class)
        return;
    change.log->class_to = *change.new_class;
    change.log->class_was = c.class_name;
}

// The plans open in a customer file's `text`, as indices of its plans
// (which a [[log]] appended below them leaves in place).
std::vector<std::size_t> open_plans_in(std::string_view text, const Target& t, const Settings& s) {
    const Parsed<Customer> parsed = parse_customer(text, t.path, s, Notes::skip);
    return parsed.value ? open_plans_of(*parsed.value) : std::vector<std::size_t>{};
}

// --done closes a plan: without one open it would mean nothing.
void refuse_done(const std::vector<std::size_t>& open, const Target& t) {
    if (open.empty())
        usage(trf("--done closes a planned item, and {} has none open; nothing was "
                  "written (crm plan plans one)",
                  visible(display_name(t))));
}

// "; closes the visit planned for Fri 2026-12-04": the plans open before
// the write and no longer after it.
std::string closes_phrase(const std::vector<std::size_t>& before, std::string_view written,
                          const Target& t, const Settings& s, Date today) {
    const Parsed<Customer> after = parse_customer(written, t.path, s, Notes::skip);
    if (!after.value)
        return "";
    const std::vector<std::size_t> open = open_plans_of(*after.value);
    std::string out;
    for (const std::size_t i : before) {
        if (std::find(open.begin(), open.end(), i) != open.end() || i >= after.value->plans.size())
            continue;
        const PlanEntry& p = after.value->plans[i];
        out += trf("{}the {} planned for {}", out.empty() ? tr("; closes ") : tr(", "),
                   render::log_kind_label(p.kind), render::day_and_date(p.date, today));
    }
    return out;
}

// Reads the note and writes the change; nullopt when the note was
// cancelled, else the text written. A failure after the editor opened names
// the file that keeps the note.
std::optional<std::string> write_with_note(const Context& ctx, const LogOptions& o,
                                           const Ledger& ledger, const std::filesystem::path& root,
                                           const Target& t, Change& change,
                                           std::vector<std::size_t>& open_before) {
    std::optional<io::EditBuffer> buffer;
    try {
        const auto note = read_note(ctx, o, display_name(t), change.log->date, buffer);
        if (note && first_invalid_utf8(*note))
            usage(tr("the note is not UTF-8 text"));
        std::optional<std::string> written;
        if (note) {
            change.log->note = *note;
            written = append_change(
                ctx, ledger.settings, root, t,
                {"log", fmt::format("log: {} — {}", display_name(t),
                                    summary(t, change, render::Words::english, ctx.today()))},
                change, [&](std::string_view current) {
                    open_before = open_plans_in(current, t, ledger.settings);
                    if (o.done)
                        refuse_done(open_before, t);
                });
        }
        if (buffer)
            buffer->discard();
        return written;
    } catch (const Error& e) {
        if (!buffer)
            throw;
        throw Error(trf("{}; your note is kept in '{}'", e.what(), buffer->path().string()));
    }
}

int run_log(const Context& ctx, LogOptions o) {
    const std::filesystem::path root = ctx.folder();
    o.name = o.words.front();
    const Ledger& ledger = ctx.load_for(o.name);
    refuse_extra_words(ledger, "log", o.words, {"NAME", "NOTE"}, true);
    if (o.words.size() > 1)
        o.note = o.words[1];
    Change change = make_change(ctx, o, ledger, root);
    const auto target = find_target(ctx, ledger, o.name);
    if (!target)
        return static_cast<int>(Exit::usage);
    refuse_unparsable(ctx, ledger, *target);
    record_class_move(change, *target->customer);
    // --done is checked before the editor opens, and again under the lock.
    if (o.done)
        refuse_done(open_plans_in(io::read_file(root, target->path), *target, ledger.settings),
                    *target);
    std::vector<std::size_t> open_before;
    const auto written = write_with_note(ctx, o, ledger, root, *target, change, open_before);
    if (!written) {
        ctx.err << "crm: " << tr("the note is empty; nothing was logged") << "\n";
        return static_cast<int>(Exit::ok);
    }
    ctx.out << trf("{} ({}): logged {}{}; {}\n", visible(display_name(*target)), target->id,
                   visible(summary(*target, change, render::Words::user, ctx.today())),
                   closes_phrase(open_before, *written, *target, ledger.settings, change.log->date),
                   next_revisit_phrase(*written, target->path, ledger.settings, change.log->date));
    return static_cast<int>(Exit::ok);
}

} // namespace

std::function<int()> setup_log(CLI::App& sub, Context& ctx) {
    auto o = std::make_shared<LogOptions>();
    sub.add_option("NAME", o->words, tr("the customer: id, name, part of the name, or phone"))
        ->required();
    sub.add_option("NOTE", o->words,
                   tr("what was said, in quotes (default: $VISUAL/$EDITOR on a terminal, else "
                      "standard input)"));
    sub.add_option("--kind", o->kind, tr("visit (the default), call, message, email, or any word"))
        ->option_text("WORD");
    sub.add_option("--by", o->by,
                   tr("who made the contact (default: [me] name in crm.toml, "
                      "$CRM_USER, git's user.name, the login name)"))
        ->option_text("NAME");
    sub.add_option("--next", o->next, tr("the next contact, overriding the class's cadence"))
        ->option_text("DATE|INTERVAL");
    sub.add_option("--class", o->new_class, tr("change the customer's class"))
        ->option_text("CLASS");
    sub.add_option("--paid", o->paid, tr("record a payment of this amount"))->option_text("AMOUNT");
    sub.add_flag("--done", o->done,
                 tr("the contact does a planned item (crm plan), even one planned for later"));
    sub.add_option("--why", o->why, tr("what the customer's words answer (crm reasons)"))
        ->check(CLI::IsMember({"buy", "keep", "stop"}))
        ->option_text("buy|keep|stop");
    sub.add_option("--said", o->said, tr("the customer's own words, verbatim, apart from the note"))
        ->option_text("WORDS");
    add_list_option(sub, "--theme", o->themes, tr("what the words are about: price, delivery, …"),
                    "THEME");
    sub.add_option("--satisfaction", o->satisfaction,
                   tr("how happy the customer is, from 1 (very unhappy) to 5 (very happy)"))
        ->check(CLI::Range(1u, 5u))
        ->option_text("1..5");
    return [&ctx, o] { return catching_usage(ctx, [&] { return run_log(ctx, *o); }); };
}

} // namespace crm::cli
