// crm due: the agenda, as text, JSON, CSV, a calendar file, or a mail for
// `sendmail -t`.

#include "agenda_csv.hpp"
#include "agenda_json.hpp"
#include "agenda_scan.hpp"
#include "agenda_text.hpp"
#include "calendar_export.hpp"
#include "commands.hpp"
#include "crm/agenda.hpp"
#include "crm/error.hpp"
#include "crm/i18n.hpp"
#include "crm/names.hpp"
#include "crm/text.hpp"
#include "diagnostics.hpp"
#include "exit_soon.hpp"
#include "filters.hpp"
#include "mail.hpp"
#include "process.hpp"

#include <CLI/CLI.hpp>
#include <chrono>
#include <ctime>
#include <fmt/format.h>
#include <memory>
#include <ostream>
#include <thread>

namespace crm::cli {

namespace {

struct DueOptions {
    AgendaFilterOptions agenda;
    std::string sort = "date";
    std::string group = "none";
    std::string format; // empty: text, or mail with --mail-to
    bool quiet = false;
    std::vector<std::string> mail_to;
    std::optional<std::string> mail_from;
    bool send = false;                   // --send: to sendmail, not stdout
    std::optional<std::string> sendmail; // --sendmail PATH
};

// Usage errors found after parsing are returned as messages (the one
// exception type is for "cannot continue"), printed by run_due.
using Problem = std::optional<std::string>;

// --mail-to means a mail: --format mail is implied, and any other format is
// an error rather than silently ignored.
Problem check_mail_options(DueOptions& o) {
    if (o.format.empty())
        o.format = o.mail_to.empty() ? "text" : "mail";
    if (o.format != "mail") {
        if (!o.mail_to.empty() || o.mail_from)
            return trf("--mail-to and --mail-from make a mail; they do not go with --format {}",
                       o.format);
        if (o.send || o.sendmail)
            return std::string(tr("--send and --sendmail go with --mail-to ADDRESS"));
        return std::nullopt;
    }
    if (o.mail_to.empty())
        return std::string(tr("--format mail needs --mail-to ADDRESS (sendmail -t sends to the "
                              "message's To header)"));
    if (o.sendmail && !o.send)
        return std::string(tr("--sendmail PATH goes with --send"));
    std::vector<std::string> all = o.mail_to;
    if (o.mail_from)
        all.push_back(*o.mail_from);
    for (const std::string& a : all)
        if (!render::encode_address(a))
            return trf("'{}' cannot go in a mail header (write user@example.com or "
                       "Name <user@example.com>)",
                       a);
    return std::nullopt;
}

SortKey sort_key(const std::string& name) {
    if (name == "value")
        return SortKey::value;
    if (name == "name")
        return SortKey::name;
    if (name == "region")
        return SortKey::region;
    return SortKey::date;
}

// The mail's Date header. With --date the message is dated that day at
// 00:00 UTC, so the output depends on nothing but the arguments (golden
// tests, re-sending an old agenda); otherwise now, in the local zone.
render::MailOptions mail_options(const Context& ctx, const DueOptions& o, Date today) {
    render::MailOptions m;
    m.to = o.mail_to;
    m.from = o.mail_from;
    m.group = *render::parse_group(o.group);
    if (ctx.globals.date) {
        m.time = date::sys_seconds{today};
        return m;
    }
    const std::time_t now = std::time(nullptr);
    std::tm local{};
    localtime_r(&now, &local);
    m.time = date::sys_seconds{std::chrono::seconds{now}};
    m.utc_offset_minutes = static_cast<int>(local.tm_gmtoff / 60);
    return m;
}

std::string render_agenda(const Context& ctx, const DueOptions& o, const Ledger& ledger,
                          const Agenda& agenda) {
    if (o.format == "mail")
        return render::agenda_mail(agenda, ledger.settings, ledger.diagnostics,
                                   mail_options(ctx, o, agenda.today));
    render::TextOptions text;
    text.color = ctx.color();
    text.group = *render::parse_group(o.group);
    text.width = ctx.width;
    text.terminal = ctx.out_is_tty && !ctx.env.dumb_terminal; // no cursor moves on TERM=dumb
    text.value = o.sort == "value";
    text.threads = std::max(1u, std::thread::hardware_concurrency());
    if (o.format == "csv")
        return render::agenda_csv(agenda, {ctx.out_is_tty});
    return render::agenda_text(agenda, ledger.settings, text);
}

// The calendar has its own scan (birthdays beyond the window) and is
// printed even when empty: a subscribed calendar must see its events go.
int run_due_ics(const Context& ctx, Ledger& ledger, const AgendaOptions& options) {
    CalendarRequest request;
    request.agenda = options;
    const Calendar cal = make_calendar(ctx, ledger, request);
    ctx.out << cal.text;
    return static_cast<int>(cal.skipped ? Exit::data : Exit::ok);
}

int usage(const Context& ctx, const std::string& message) {
    ctx.err << trf("crm: error: {}\n", visible_lines(message));
    return static_cast<int>(Exit::usage);
}

// Hands the mail to sendmail -t -oi (the To header names the recipients; a
// line holding one dot does not end the message). Its failure is crm's: cron
// then mails the error instead of nothing.
void send_mail(const Context& ctx, const DueOptions& o, const std::string& mail) {
    const std::string program =
        o.sendmail.value_or(ctx.env.sendmail.value_or("/usr/sbin/sendmail"));
    const io::ProcessResult r = io::run_process({program, "-t", "-oi"}, true, {}, mail);
    if (r.status == 0)
        return;
    const std::string why = r.status < 0 ? r.err
                                         : trf("it exited with status {}{}", r.status,
                                               r.err.empty() ? "" : ": " + r.err);
    throw Error(trf("'{}' did not take the agenda's mail: {}", program, why));
}

int run_due(const Context& ctx, DueOptions& o) {
    AgendaOptions options;
    if (Problem p = check_mail_options(o))
        return usage(ctx, *p);
    if (Problem p = agenda_options(o.agenda, sort_key(o.sort), options))
        return usage(ctx, *p);
    const Date today = ctx.today();
    Ledger ledger = ctx.open();
    if (Problem p = check_classes(o.agenda.filters.classes, ledger.settings))
        return usage(ctx, *p);
    if (o.format == "ics")
        return run_due_ics(ctx, ledger, options);
    const Agenda& agenda = keep_until_exit(scan_agenda(ctx, ledger, options, today));
    ctx.err << render::diagnostics_text(ledger.diagnostics);
    // Quiet is for cron: no output at all means no mail.
    // --send only sends when something is due: a quiet day sends nothing.
    const bool quiet = (o.quiet || o.send) && agenda.items.empty();
    if (!quiet && o.format == "json") // piece by piece: 100,000 customers' is tens of MB
        render::agenda_json(agenda, ledger.settings, ledger.diagnostics,
                            [&](std::string_view piece) { ctx.out << piece; });
    else if (!quiet && o.send)
        send_mail(ctx, o, render_agenda(ctx, o, ledger, agenda));
    else if (!quiet)
        ctx.out << render_agenda(ctx, o, ledger, agenda);
    const bool skipped = ledger.skipped > 0 || count_errors(ledger.diagnostics) > 0;
    return static_cast<int>(skipped ? Exit::data : Exit::ok);
}

} // namespace

std::function<int()> setup_due(CLI::App& sub, Context& ctx) {
    auto o = std::make_shared<DueOptions>();
    add_agenda_filters(sub, o->agenda);
    sub.add_option("--sort", o->sort, tr("order after the overdue ones (default: date)"))
        ->check(CLI::IsMember({"date", "value", "name", "region"}))
        ->option_text("date|value|name|region");
    sub.add_option("--group", o->group, tr("one block per region, owner or kind"))
        ->check(CLI::IsMember({"region", "owner", "kind"}))
        ->option_text("region|owner|kind");
    sub.add_option("--format", o->format,
                   tr("text, json, csv, ics (a calendar, as crm export ics), or a mail for "
                      "sendmail -t (implied by --mail-to)"))
        ->check(CLI::IsMember({"text", "json", "csv", "ics", "mail"}))
        ->option_text("text|json|csv|ics|mail");
    sub.add_flag("-q,--quiet", o->quiet, tr("print nothing when nothing is due (for cron)"));
    sub.add_option("--mail-to", o->mail_to, tr("mail the agenda to ADDRESS (repeatable)"))
        ->allow_extra_args(false)
        ->option_text("ADDRESS");
    sub.add_option("--mail-from", o->mail_from, tr("the mail's sender (default: sendmail's)"))
        ->option_text("ADDRESS");
    sub.add_flag("--send", o->send,
                 tr("hand the mail to sendmail -t -oi, only when something is due"));
    sub.add_option("--sendmail", o->sendmail,
                   tr("the sendmail program --send runs (default: $CRM_SENDMAIL, else "
                      "/usr/sbin/sendmail)"))
        ->option_text("PATH");
    return [&ctx, o] { return run_due(ctx, *o); };
}

} // namespace crm::cli
