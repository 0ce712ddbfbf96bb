// The calendar: one scan for the agenda and the birthdays, then each
// customer with an event read again, whole, for its briefing.

#include "calendar_export.hpp"

#include "agenda_ics.hpp"
#include "atomic_write.hpp"
#include "briefing_text.hpp"
#include "crm/briefing.hpp"
#include "crm/calendar_events.hpp"
#include "crm/error.hpp"
#include "crm/i18n.hpp"
#include "crm/parse.hpp"
#include "diagnostics.hpp"
#include "update.hpp"

#include <fmt/format.h>
#include <map>
#include <ostream>

namespace crm::cli {

namespace {

bool has_birthday(const Customer& c) {
    if (c.birthday || c.lunar_birthday)
        return true;
    return std::any_of(c.people.begin(), c.people.end(), [](const Person& p) {
        return p.birthday.has_value() || p.lunar_birthday.has_value();
    });
}

bool wants_birthdays(const Filters& f) {
    return f.kinds.empty() ||
           std::find(f.kinds.begin(), f.kinds.end(), Kind::birthday) != f.kinds.end();
}

// The briefing `crm show` prints (no colour, never wrapped), from the whole
// file; nullopt when it no longer reads or holds a merge conflict (whose
// briefing would mislead). The scan already reported the file's problems.
std::optional<std::string> briefing_of(const std::filesystem::path& root, const Customer& who,
                                       const Settings& s, Date today) {
    std::string text;
    try {
        text = io::read_file(root, who.path);
    } catch (const Error&) {
        return std::nullopt;
    }
    Parsed<Customer> parsed = parse_customer(text, who.path, s, Notes::keep);
    if (!parsed.value || parsed.value->conflict_line)
        return std::nullopt;
    return render::briefing_text(make_briefing(std::move(*parsed.value), s, today), s, {});
}

std::map<std::string, std::string> descriptions(const Context& ctx, const Ledger& ledger,
                                                const std::vector<CalendarEvent>& events,
                                                Date today) {
    const std::filesystem::path root = ctx.folder();
    std::map<std::string, std::string> out;
    for (const CalendarEvent& e : events) {
        const Customer& c = *e.customer;
        if (out.contains(c.id))
            continue;
        if (auto text = briefing_of(root, c, ledger.settings, today))
            out.emplace(c.id, std::move(*text));
    }
    return out;
}

// "customers" for /home/amy/customers/ or -C . there.
std::string folder_name(const std::filesystem::path& folder) {
    std::filesystem::path p = std::filesystem::absolute(folder).lexically_normal();
    if (p.filename().empty())
        p = p.parent_path();
    return p.filename().string();
}

} // namespace

Calendar make_calendar(const Context& ctx, Ledger& ledger, const CalendarRequest& request) {
    const Date today = ctx.today();
    const bool birthdays = wants_birthdays(request.agenda.filters);
    // Each worker keeps who its birthday customers are; the agenda keeps
    // the rest.
    std::vector<std::vector<std::shared_ptr<const Customer>>> found(ctx.threads());
    const Agenda agenda =
        scan_agenda(ctx, ledger, request.agenda, today, [&](unsigned worker, const Customer& c) {
            if (birthdays && !c.conflict_line && has_birthday(c) &&
                matches(c, request.agenda.filters))
                found[worker].push_back(std::make_shared<const Customer>(without_history(c)));
        });
    ctx.err << render::diagnostics_text(ledger.diagnostics);
    std::vector<CalendarEvent> events = agenda_events(agenda);
    for (const auto& worker : found)
        for (const auto& c : worker)
            add_birthday_events(c, ledger.settings, today, request.lunar_years, events);
    finish_events(events);
    render::IcsOptions o;
    o.calendar_name = request.name.value_or("crm: " + folder_name(ctx.folder()));
    o.version = CRM_VERSION;
    o.stamp = today;
    Calendar out;
    out.text = render::agenda_ics(events, descriptions(ctx, ledger, events, today), o);
    out.skipped = ledger.skipped > 0 || count_errors(ledger.diagnostics) > 0;
    out.events = events.size();
    return out;
}

void write_atomically(const Context& ctx, const std::string& file, const std::string& text) {
    // Named as given, so that a message names the file and folder the user
    // wrote; an absolute FILE replaces the working folder.
    io::AtomicFile f(ctx.cwd, file);
    f.write(text);
    if (f.read_back() != text)
        throw Error(trf("'{}' did not read back as written; it was left as it was", file));
    f.commit();
    if (!f.warning().empty())
        ctx.err << fmt::format("crm: warning: {}\n", f.warning());
}

} // namespace crm::cli
