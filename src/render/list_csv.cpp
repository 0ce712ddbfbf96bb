#include "list_csv.hpp"

#include "crm/text.hpp"

#include <array>
#include <csv.h>

namespace crm::render {

const char* const list_columns[13] = {"name",     "id",      "class", "owner", "contacts",
                                      "region",   "phone",   "email", "tags",  "last_contact",
                                      "next_due", "balance", "value"};

namespace {

using Fields = std::array<std::string, 13>;

std::string joined(const std::vector<std::string>& items) {
    std::string out;
    for (const std::string& s : items)
        out += (out.empty() ? "" : ";") + s;
    return out;
}

std::string date_or_empty(const std::optional<Date>& d) {
    return d ? format_date(*d) : std::string();
}

Fields fields_of(const ListRow& r) {
    return {r.name,
            r.id,
            r.class_name,
            r.owner,
            joined(r.contacts),
            r.region,
            joined(r.phones),
            joined(r.emails),
            joined(r.tags),
            date_or_empty(r.last_contact),
            date_or_empty(r.next_due),
            format_money(r.balance),
            format_money(r.value)};
}

std::string tsv_field(const std::string& s) {
    std::string out;
    out.reserve(s.size());
    for (const char ch : s) {
        switch (ch) {
        case '\t':
            out += "\\t";
            break;
        case '\n':
            out += "\\n";
            break;
        case '\r':
            out += "\\r";
            break;
        case '\\':
            out += "\\\\";
            break;
        default:
            out += ch;
        }
    }
    return out;
}

template <class Field>
std::string delimited(const Listing& listing, char separator, std::string_view end, Field field) {
    std::string out;
    const auto record = [&](const auto& cells) {
        bool first = true;
        for (const auto& cell : cells) {
            if (!first)
                out += separator;
            first = false;
            out += field(std::string(cell));
        }
        out += end;
    };
    record(list_columns);
    for (const ListRow& r : listing.rows)
        record(fields_of(r));
    return out;
}

} // namespace

// libcsv writes every field it is given quoted; a field that needs no
// quotes is left bare, so numbers and dates stay plain.
std::string csv_field(const std::string& s) {
    const bool needs = s.find_first_of("\",\r\n") != std::string::npos ||
                       (!s.empty() && (s.front() == ' ' || s.back() == ' '));
    if (!needs)
        return s;
    std::string out(csv_write(nullptr, 0, s.data(), s.size()), '\0');
    out.resize(csv_write(out.data(), out.size(), s.data(), s.size()));
    return out;
}

std::string csv_record(const std::vector<std::string>& fields, const DelimitedOptions& options) {
    std::string out;
    for (std::size_t i = 0; i < fields.size(); ++i)
        out += (i ? "," : "") + csv_field(options.terminal ? visible(fields[i]) : fields[i]);
    return out + "\r\n";
}

std::string list_csv(const Listing& listing, const DelimitedOptions& options) {
    // On a terminal a line break is shown as "\n", so it needs no quotes.
    return delimited(listing, ',', "\r\n", [&](const std::string& s) {
        return csv_field(options.terminal ? visible(s) : s);
    });
}

std::string list_tsv(const Listing& listing, const DelimitedOptions& options) {
    // Escaped first: visible() leaves the backslashes of \t and \n alone.
    return delimited(listing, '\t', "\n", [&](const std::string& s) {
        return options.terminal ? visible(tsv_field(s)) : tsv_field(s);
    });
}

} // namespace crm::render
