#include "list_text.hpp"

#include "crm/i18n.hpp"
#include "crm/text.hpp"

#include <algorithm>
#include <array>
#include <fmt/format.h>

namespace crm::render {

namespace {

constexpr std::size_t columns = 10;
using Cells = std::array<std::string, columns>;

Cells header() {
    return {tr("name"),  tr("id"),           tr("class"),    tr("owner"),   tr("region"),
            tr("phone"), tr("last contact"), tr("next due"), tr("balance"), tr("value")};
}

// Amounts read best lined up on their last digit.
bool right_aligned(std::size_t column) {
    return column >= 8;
}

std::string shown(std::string_view s) {
    return s.empty() ? std::string("-") : visible(s);
}

// The first phone, and how many more the customer has: "0912 345 678 +1".
std::string phone_cell(const std::vector<std::string>& phones) {
    if (phones.size() <= 1)
        return shown(phones.empty() ? std::string_view() : std::string_view(phones.front()));
    return fmt::format("{} +{}", visible(phones.front()), phones.size() - 1);
}

Cells cells_of(const ListRow& r) {
    return {shown(r.name),
            shown(r.id),
            shown(r.class_name),
            shown(r.owner),
            shown(r.region),
            phone_cell(r.phones),
            r.last_contact ? format_date(*r.last_contact) : tr("never"),
            r.next_due ? format_date(*r.next_due) : "-",
            format_money(r.balance),
            format_money(r.value)};
}

std::string line_of(const Cells& cells, const std::array<std::size_t, columns>& widths) {
    std::string out;
    for (std::size_t i = 0; i < columns; ++i) {
        if (i > 0)
            out += "  ";
        const std::size_t have = display_width(cells[i]);
        const std::string pad(widths[i] > have ? widths[i] - have : 0, ' ');
        if (right_aligned(i))
            out += pad + cells[i];
        else if (i + 1 < columns)
            out += cells[i] + pad;
        else
            out += cells[i];
    }
    return out + "\n";
}

} // namespace

std::string list_count(const Listing& listing) {
    const std::size_t n = listing.filtered ? listing.total : listing.rows.size();
    if (listing.filtered)
        return trnf("{} of {} customer", "{} of {} customers", n, listing.rows.size(), n);
    return trnf("{} customer", "{} customers", n, n);
}

std::string list_text(const Listing& listing) {
    std::vector<Cells> rows;
    rows.reserve(listing.rows.size());
    const Cells head = header();
    std::array<std::size_t, columns> widths{};
    for (std::size_t i = 0; i < columns; ++i)
        widths[i] = display_width(head[i]);
    for (const ListRow& r : listing.rows) {
        rows.push_back(cells_of(r));
        for (std::size_t i = 0; i < columns; ++i)
            widths[i] = std::max(widths[i], display_width(rows.back()[i]));
    }
    std::string out;
    if (!rows.empty()) {
        out += line_of(head, widths);
        for (const Cells& cells : rows)
            out += line_of(cells, widths);
    }
    return out + list_count(listing) + "\n";
}

} // namespace crm::render
