// Spreadsheet rows into contact cards. libcsv reads RFC 4180 (quotes,
// doubled quotes, line breaks inside a field); crm names the columns.

#include "contacts_text.hpp"
#include "crm/contacts.hpp"
#include "crm/i18n.hpp"
#include "crm/text.hpp"

#include <algorithm>
#include <charconv>
#include <csv.h>
#include <fmt/format.h>

namespace crm {

namespace {

std::string lower(std::string_view s) {
    std::string out(trim_text(s));
    for (char& c : out)
        if (c >= 'A' && c <= 'Z')
            c = static_cast<char>(c - 'A' + 'a');
    return out;
}

bool contains(std::string_view s, std::string_view part) {
    return s.find(part) != std::string_view::npos;
}

bool one_of(std::string_view s, std::initializer_list<std::string_view> names) {
    return std::find(names.begin(), names.end(), s) != names.end();
}

// The key a header names: crm's own key, a common export's column, or its
// Chinese name. "" for a column crm does not import.
std::string key_of_header(std::string_view header) {
    const std::string h = lower(header);
    for (const std::string& k : contact_keys())
        if (h == k)
            return k;
    if (one_of(h, {"full name", "display name", "姓名", "名字", "客戶", "客户", "客戶名稱",
                   "客户名称", "聯絡人", "联系人", "contact"}))
        return "name";
    if (one_of(h, {"first name", "given name", "名"}))
        return "given";
    if (one_of(h, {"middle name", "additional name"}))
        return "middle";
    if (one_of(h, {"last name", "family name", "surname", "姓"}))
        return "family";
    if (one_of(h, {"birth date", "date of birth", "bday", "生日", "出生日期"}))
        return "birthday";
    if (one_of(h, {"lunar birthday", "農曆生日", "农历生日"}))
        return "lunar_birthday";
    if (one_of(h, {"note", "memo", "備註", "备注", "說明", "说明"}))
        return "notes";
    if (one_of(h, {"company", "organization", "organisation", "organization 1 - name", "公司",
                   "單位", "单位"}))
        return "org";
    if (one_of(h, {"job title", "organization 1 - title", "職稱", "职称", "職位", "职位"}))
        return "title";
    if (one_of(h, {"categories", "labels", "group membership", "標籤", "标签", "分類", "分类"}))
        return "tags";
    if (one_of(h, {"city", "地區", "地区", "城市", "區域", "区域"}))
        return "region";
    if (contains(h, "type") || contains(h, "label") || contains(h, "display"))
        return "";
    if (contains(h, "phone") || contains(h, "mobile") ||
        one_of(h, {"cell", "tel", "telephone", "電話", "电话", "手機", "手机", "行動電話",
                   "移动电话"}))
        return "phone";
    if (contains(h, "e-mail") || contains(h, "email") ||
        one_of(h, {"電子郵件", "电子邮件", "郵箱", "邮箱"}))
        return "email";
    return "";
}

// Google puts several values in one cell, separated by " ::: ".
std::vector<std::string> values_of(std::string_view cell, bool tags) {
    std::vector<std::string> out;
    std::string current;
    const auto flush = [&] {
        std::string v(trim_text(current));
        // Google's own labels ("* myContacts") are not the user's tags.
        if (!v.empty() && !(tags && v.starts_with("* ")) &&
            std::find(out.begin(), out.end(), v) == out.end())
            out.push_back(std::move(v));
        current.clear();
    };
    for (std::size_t i = 0; i < cell.size(); ++i) {
        if (cell.substr(i).starts_with(" ::: ")) {
            flush();
            i += 4;
        } else if (tags && (cell[i] == ',' || cell[i] == ';'))
            flush();
        else
            current += cell[i];
    }
    flush();
    return out;
}

std::optional<unsigned> whole_number(std::string_view s) {
    s = trim_text(s);
    unsigned v = 0;
    const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc() || end != s.data() + s.size())
        return std::nullopt;
    return v;
}

struct Rows {
    std::vector<std::vector<std::string>> rows;
    std::vector<unsigned> lines;
    std::vector<std::string> current;
    unsigned line = 1;      // the line being read
    unsigned row_start = 1; // where the row being read began
};

void on_field(void* s, std::size_t len, void* data) {
    auto* r = static_cast<Rows*>(data);
    r->current.emplace_back(s ? static_cast<const char*>(s) : "", s ? len : 0);
}

void on_row(int, void* data) {
    auto* r = static_cast<Rows*>(data);
    r->rows.push_back(std::move(r->current));
    r->lines.push_back(r->row_start);
    r->current.clear();
    r->row_start = r->line + 1;
}

void set_field(ContactCard& card, const std::string& key, const std::string& cell,
               std::string& given, std::string& middle, std::string& family) {
    const std::string value(trim_text(cell));
    if (value.empty())
        return;
    const auto keep_first = [&](std::string& field) {
        if (field.empty())
            field = normalise_newlines(value);
    };
    if (key == "name")
        keep_first(card.name);
    else if (key == "given")
        keep_first(given);
    else if (key == "middle")
        keep_first(middle);
    else if (key == "family")
        keep_first(family);
    else if (key == "phone" || key == "email") {
        for (std::string& v : values_of(value, false)) {
            auto& list = key == "phone" ? card.phones : card.emails;
            if (std::find(list.begin(), list.end(), v) == list.end())
                list.push_back(std::move(v));
        }
    } else if (key == "tags") {
        for (std::string& v : values_of(value, true))
            if (std::find(card.tags.begin(), card.tags.end(), v) == card.tags.end())
                card.tags.push_back(std::move(v));
    } else if (key == "birthday") {
        if (auto b = parse_contact_birthday(value))
            card.birthday = b;
        else if (value != "0/0/00") // Outlook's "none"
            card.warnings.push_back(trf(
                "birthday '{}' is not a date; write it as 1975-03-14 or --03-14", visible(value)));
    } else if (key == "lunar_birthday") {
        if (auto l = parse_contact_lunar(value))
            card.lunar_birthday = l;
        else
            card.warnings.push_back(
                trf("lunar birthday '{}' is not a month/day like 8/15 or L6/3", visible(value)));
    } else if (key == "notes")
        card.note = card.note.empty() ? normalise_newlines(value)
                                      : card.note + "\n" + normalise_newlines(value);
    else if (key == "org")
        keep_first(card.org);
    else if (key == "title")
        keep_first(card.title);
    else if (key == "region")
        keep_first(card.region);
    else if (key == "class")
        keep_first(card.class_name);
    else if (key == "owner")
        keep_first(card.owner);
    else if (key == "payday" || key == "household") {
        const auto n = whole_number(value);
        const bool ok = n && (key == "payday" ? *n >= 1 && *n <= 31 : *n >= 1);
        if (ok)
            (key == "payday" ? card.payday : card.household) = n;
        else
            card.warnings.push_back(
                key == "payday"
                    ? trf("{} '{}' is not a day of the month (1 to 31)", key, visible(value))
                    : trf("{} '{}' is not a number of people", key, visible(value)));
    }
}

std::string western_or_cjk(const std::string& given, const std::string& middle,
                           const std::string& family) {
    if (has_cjk(family) || has_cjk(given))
        return family + given;
    std::string out = given;
    for (const std::string* part : {&middle, &family})
        if (!part->empty())
            out += (out.empty() ? "" : " ") + *part;
    return out;
}

} // namespace

const std::vector<std::string>& contact_keys() {
    static const std::vector<std::string> keys = {
        "name",     "given",          "middle", "family", "phone",     "email",
        "birthday", "lunar_birthday", "notes",  "org",    "title",     "tags",
        "region",   "class",          "owner",  "payday", "household", "skip"};
    return keys;
}

ContactsRead read_contacts_csv(std::string_view text, const ColumnMap& map) {
    ContactsRead out;
    if (text.starts_with("\xEF\xBB\xBF"))
        text.remove_prefix(3);
    csv_parser parser;
    csv_init(&parser, CSV_APPEND_NULL);
    Rows rows;
    // Line by line, so that each row knows the line it starts on.
    for (std::size_t at = 0; at < text.size();) {
        const std::size_t nl = std::min(text.find('\n', at), text.size() - 1);
        csv_parse(&parser, text.data() + at, nl - at + 1, on_field, on_row, &rows);
        ++rows.line;
        at = nl + 1;
    }
    csv_fini(&parser, on_field, on_row, &rows);
    csv_free(&parser);
    if (rows.rows.empty()) {
        out.notes.push_back(tr("the file has no header row"));
        return out;
    }
    const std::vector<std::string>& header = rows.rows.front();
    std::vector<std::string> keys(header.size());
    std::vector<std::string> ignored;
    for (std::size_t i = 0; i < header.size(); ++i)
        keys[i] = key_of_header(header[i]);
    for (const auto& [column, key] : map.given) {
        bool found = false;
        for (std::size_t i = 0; i < header.size(); ++i)
            if (lower(header[i]) == lower(column)) {
                keys[i] = key == "skip" ? "" : key;
                found = true;
            }
        if (!found)
            out.skipped.push_back({1, trf("--map {}={}: the header has no column '{}'",
                                          visible(column), key, visible(column))});
    }
    for (std::size_t i = 0; i < header.size(); ++i)
        if (keys[i].empty() && !trim_text(header[i]).empty())
            ignored.push_back(fmt::format("'{}'", visible(trim_text(header[i]))));
    if (!ignored.empty())
        out.notes.push_back(trf("columns not imported: {} (--map 'COLUMN=KEY' imports one)",
                                fmt::join(ignored, ", ")));
    for (std::size_t r = 1; r < rows.rows.size(); ++r) {
        const std::vector<std::string>& row = rows.rows[r];
        if (std::all_of(row.begin(), row.end(),
                        [](const std::string& c) { return trim_text(c).empty(); }))
            continue;
        ContactCard card;
        card.line = rows.lines[r];
        std::string given, middle, family;
        for (std::size_t i = 0; i < row.size() && i < keys.size(); ++i)
            if (!keys[i].empty())
                set_field(card, keys[i], row[i], given, middle, family);
        if (card.name.empty())
            card.name = western_or_cjk(given, middle, family);
        if (card.name.empty() && !card.org.empty()) {
            card.name = card.org;
            card.organisation = true;
        }
        if (card.name.empty())
            out.skipped.push_back({card.line, tr("the row has no name")});
        else if (first_invalid_utf8(card.name + card.note))
            out.skipped.push_back({card.line, tr("the row is not UTF-8; give --encoding")});
        else
            out.cards.push_back(std::move(card));
    }
    return out;
}

} // namespace crm
