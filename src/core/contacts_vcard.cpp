// vCards into contact cards. libvformat reads the syntax (line folding,
// QUOTED-PRINTABLE, parameters, the ';'-separated parts of a value); what it
// leaves to its caller is here: it splits a value on every ';', escaped or
// not, and keeps 3.0's backslash escapes, so the parts are joined again
// where a '\;' split them, and the escapes undone.

#include "contacts_text.hpp"
#include "crm/contacts.hpp"
#include "crm/i18n.hpp"
#include "crm/text.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <memory>
#include <vf_iface.h>

namespace crm {

namespace {

// A property as crm reads it: its name and parameters upper-cased, its value
// parts with the split of escaped semicolons undone, still escaped.
struct Property {
    std::string name;
    std::vector<std::string> params; // "TYPE=CELL,VOICE", "CELL", "CHARSET=UTF-8"
    std::vector<std::string> parts;
};

std::string upper(std::string s) {
    for (char& c : s)
        if (c >= 'a' && c <= 'z')
            c = static_cast<char>(c - 'a' + 'A');
    return s;
}

bool ends_escaped(std::string_view s) {
    std::size_t n = 0;
    while (n < s.size() && s[s.size() - 1 - n] == '\\')
        ++n;
    return n % 2 == 1;
}

Property property_of(VF_PROP_T* p) {
    Property out;
    for (uint32_t i = 0;; ++i) {
        const char* n = vf_get_prop_name_string(p, i);
        if (!n)
            break;
        (i == 0 ? out.name : out.params.emplace_back()) = upper(n);
    }
    // A group prefix (item1.TEL) names the same property.
    if (const auto dot = out.name.rfind('.'); dot != std::string::npos)
        out.name.erase(0, dot + 1);
    for (uint32_t i = 0;; ++i) {
        const char* v = vf_get_prop_value_string(p, i);
        if (!v)
            break;
        if (!out.parts.empty() && ends_escaped(out.parts.back()))
            out.parts.back() += std::string(";") + v; // "tea\; call" was one part
        else
            out.parts.emplace_back(v);
    }
    return out;
}

// A value's text: 3.0/4.0 escapes undone (\n \N \, \; \\), line endings as
// '\n', blanks around it trimmed.
std::string unescape(std::string_view s) {
    std::string out;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '\\' && i + 1 < s.size()) {
            const char next = s[++i];
            out += next == 'n' || next == 'N' ? '\n' : next;
        } else
            out += s[i];
    }
    const std::string lines = normalise_newlines(out);
    return std::string(trim_text(lines));
}

// The whole value of a text property (FN, NOTE, TITLE): every part.
std::string text_of(const Property& p) {
    std::string joined;
    for (std::size_t i = 0; i < p.parts.size(); ++i)
        joined += (i ? ";" : "") + p.parts[i];
    return unescape(joined);
}

std::string part(const Property& p, std::size_t i) {
    return i < p.parts.size() ? unescape(p.parts[i]) : std::string();
}

bool has_param(const Property& p, std::string_view key, std::string_view value) {
    for (const std::string& param : p.params) {
        const std::string_view whole(param);
        const auto eq = whole.find('=');
        const std::string_view k =
            eq == std::string_view::npos ? std::string_view() : whole.substr(0, eq);
        const std::string_view v = eq == std::string_view::npos ? whole : whole.substr(eq + 1);
        if (!k.empty() && k != key)
            continue;
        for (std::string_view rest = v; !rest.empty();) {
            const auto comma = rest.find(',');
            std::string_view item = rest.substr(0, comma);
            if (item.size() >= 2 && item.front() == '"' && item.back() == '"')
                item = item.substr(1, item.size() - 2);
            if (item == value)
                return true;
            rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
        }
    }
    return false;
}

// A name from N: family and given name, as the name is written in its
// language (張偉; Amy Lee).
std::string name_from_n(const Property& n) {
    const std::string family = part(n, 0);
    const std::string given = part(n, 1);
    if (has_cjk(family) || has_cjk(given))
        return family + given;
    if (family.empty() || given.empty())
        return family + given;
    return given + " " + family;
}

// CATEGORIES: a list separated by unescaped commas.
std::vector<std::string> categories(const Property& p) {
    std::vector<std::string> out;
    for (const std::string& raw : p.parts) {
        std::string item;
        for (std::size_t i = 0; i <= raw.size(); ++i) {
            if (i == raw.size() || (raw[i] == ',' && (i == 0 || raw[i - 1] != '\\'))) {
                if (std::string t = unescape(item);
                    !t.empty() && std::find(out.begin(), out.end(), t) == out.end())
                    out.push_back(std::move(t));
                item.clear();
            } else
                item += raw[i];
        }
    }
    return out;
}

void add_unique(std::vector<std::string>& to, std::string value) {
    if (!value.empty() && std::find(to.begin(), to.end(), value) == to.end())
        to.push_back(std::move(value));
}

std::string without_uri(std::string value, std::string_view scheme) {
    if (value.size() > scheme.size() && upper(value.substr(0, scheme.size())) == scheme)
        value.erase(0, scheme.size());
    return value;
}

void read_birthday(const Property& p, ContactCard& card, bool alternative) {
    const std::string value = text_of(p);
    const bool lunar = has_param(p, "CALSCALE", "CHINESE");
    if (lunar) {
        if (auto l = parse_contact_lunar(value))
            card.lunar_birthday = l;
        else
            card.warnings.push_back(trf("{} '{}' is not a lunar month and day", p.name, value));
    } else if (!alternative) {
        if (auto b = parse_contact_birthday(value)) {
            if (has_param(p, "X-APPLE-OMIT-YEAR", std::to_string(b->year.value_or(0))))
                b->year.reset();
            card.birthday = b;
        } else
            card.warnings.push_back(trf("BDAY '{}' is not a date", value));
    }
}

void read_property(const Property& p, ContactCard& card, std::string& fn, std::string& from_n) {
    if (p.name == "FN")
        fn = text_of(p);
    else if (p.name == "N")
        from_n = name_from_n(p);
    else if (p.name == "TEL")
        add_unique(card.phones, without_uri(text_of(p), "TEL:"));
    else if (p.name == "EMAIL")
        add_unique(card.emails, without_uri(text_of(p), "MAILTO:"));
    else if (p.name == "BDAY" || p.name == "X-ALTBDAY")
        read_birthday(p, card, p.name == "X-ALTBDAY");
    else if (p.name == "ORG")
        card.org = part(p, 0);
    else if (p.name == "TITLE")
        card.title = text_of(p);
    else if (p.name == "NOTE")
        card.note = card.note.empty() ? text_of(p) : card.note + "\n" + text_of(p);
    else if (p.name == "CATEGORIES")
        for (std::string& t : categories(p))
            add_unique(card.tags, std::move(t));
    else if (p.name == "KIND")
        card.organisation = upper(text_of(p)) == "ORG";
    else if (p.name == "X-ABSHOWAS")
        card.organisation = upper(text_of(p)) == "COMPANY";
}

struct ObjectList {
    VF_OBJECT_T* head = nullptr;
    ~ObjectList() {
        if (head)
            vf_delete_object(head, TRUE);
    }
};

// One card's text (BEGIN:VCARD to END:VCARD) parsed alone, so that a broken
// card is skipped with its line and the others still read.
std::optional<ContactCard> read_card(std::string_view text, unsigned line, std::string& why) {
    ObjectList objects;
    VF_PARSER_T* parser = nullptr;
    if (!vf_parse_init(&parser, &objects.head)) {
        why = tr("out of memory");
        return std::nullopt;
    }
    std::string copy(text); // the library takes a writable buffer
    const bool parsed = vf_parse_text(parser, copy.data(), static_cast<int>(copy.size()));
    const bool ended = vf_parse_end(parser);
    if (!parsed || !ended || !objects.head) {
        why = tr("the card does not read as a vCard");
        return std::nullopt;
    }
    ContactCard card;
    card.line = line;
    std::string fn, from_n;
    VF_PROP_T* p = nullptr;
    if (vf_get_property(&p, objects.head, VFGP_FIND, nullptr, "*", nullptr))
        do {
            const Property prop = property_of(p);
            if (const char* charset = vf_find_charset(p);
                charset && !is_utf8_name(charset) && !prop.parts.empty()) {
                Property converted = prop;
                bool ok = true;
                for (std::string& s : converted.parts)
                    ok = ok && to_utf8(s, charset);
                if (!ok) {
                    card.warnings.push_back(
                        trf("{} is not valid {}; left out", prop.name, charset));
                    continue;
                }
                read_property(converted, card, fn, from_n);
            } else
                read_property(prop, card, fn, from_n);
        } while (vf_get_next_property(&p));
    card.name = !fn.empty() ? fn : !from_n.empty() ? from_n : card.org;
    if (card.name.empty() && !card.org.empty())
        card.name = card.org;
    if (!fn.empty() || !from_n.empty()) {
        if (card.organisation && !card.org.empty())
            card.name = card.org; // a company card names the company
    } else if (!card.org.empty())
        card.organisation = true; // no person's name: the company's own card
    if (card.organisation && card.org.empty())
        card.org = card.name;
    return card;
}

bool begins_card(std::string_view line) {
    return upper(std::string(trim_text(line))) == "BEGIN:VCARD";
}

bool ends_card(std::string_view line) {
    return upper(std::string(trim_text(line))) == "END:VCARD";
}

} // namespace

ContactsRead read_vcards(std::string_view text) {
    ContactsRead out;
    if (text.starts_with("\xEF\xBB\xBF"))
        text.remove_prefix(3);
    std::size_t start = std::string_view::npos;
    unsigned line = 0, start_line = 0;
    const auto finish = [&](std::size_t end) {
        std::string why;
        auto card = read_card(text.substr(start, end - start), start_line, why);
        if (!card)
            out.skipped.push_back({start_line, why});
        else if (first_invalid_utf8(card->name + card->note + card->org + card->title))
            out.skipped.push_back(
                {start_line, tr("the card is not UTF-8 and names no CHARSET; give --encoding")});
        else if (card->name.empty())
            out.skipped.push_back({start_line, tr("the card has no name (FN, N or ORG)")});
        else
            out.cards.push_back(std::move(*card));
        start = std::string_view::npos;
    };
    for (std::size_t at = 0; at < text.size();) {
        const std::size_t nl = std::min(text.find('\n', at), text.size());
        const std::string_view l = text.substr(at, nl - at);
        ++line;
        if (begins_card(l)) {
            if (start != std::string_view::npos)
                finish(at); // a card without END:VCARD ends where the next begins
            start = at;
            start_line = line;
        } else if (ends_card(l) && start != std::string_view::npos)
            finish(std::min(nl + 1, text.size()));
        at = nl + 1;
    }
    if (start != std::string_view::npos)
        finish(text.size());
    return out;
}

} // namespace crm
