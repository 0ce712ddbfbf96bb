#include "toml_reader.hpp"

#include "crm/i18n.hpp"
#include "crm/names.hpp"
#include "crm/text.hpp"

#include <algorithm>
#include <cstring>
#include <fmt/format.h>
#include <tuple>

namespace crm::detail {

void SourceText::index_to(unsigned number) const {
    if (line_starts_.empty())
        line_starts_.push_back(0);
    while (line_starts_.size() < number) {
        const std::size_t from = line_starts_.back();
        const void* nl = from < text_.size()
                             ? std::memchr(text_.data() + from, '\n', text_.size() - from)
                             : nullptr;
        if (!nl)
            return;
        line_starts_.push_back(
            static_cast<std::size_t>(static_cast<const char*>(nl) - text_.data()) + 1);
    }
}

std::string_view SourceText::line(unsigned number) const {
    index_to(number + 1); // the next line's start is this one's end
    if (number == 0 || number > line_starts_.size())
        return {};
    const std::size_t start = line_starts_[number - 1];
    std::size_t end = number < line_starts_.size() ? line_starts_[number] - 1 : text_.size();
    if (end > start && text_[end - 1] == '\r')
        --end;
    std::string_view out = text_.substr(start, end - start);
    if (number == 1 && out.starts_with("\xEF\xBB\xBF"))
        out.remove_prefix(3); // toml++ counts columns after the byte-order mark
    return out;
}

namespace {

// Byte offset of a 1-based character column within a line.
std::size_t byte_offset(std::string_view line, unsigned column) {
    std::size_t chars = 1;
    for (std::size_t i = 0; i < line.size(); ++i) {
        if ((static_cast<unsigned char>(line[i]) & 0xC0) == 0x80)
            continue;
        if (chars++ == column)
            return i;
    }
    return line.size();
}

// "7 days" -> "write 7d"; anything else gets the general form.
std::string interval_hint(std::string_view text) {
    std::size_t digits = 0;
    while (digits < text.size() && text[digits] >= '0' && text[digits] <= '9')
        ++digits;
    std::string_view unit = text.substr(digits);
    while (!unit.empty() && unit.front() == ' ')
        unit.remove_prefix(1);
    const std::string_view letters = "dwmy";
    if (digits > 0 && !unit.empty() && letters.find(unit.front()) != std::string_view::npos)
        return trf("write {}{}", text.substr(0, digits), unit.front());
    return tr("write it like 7d, 2w, 3m or 1y");
}

} // namespace

std::string_view SourceText::slice(const toml::source_region& region) const {
    const std::string_view text = line(region.begin.line);
    const std::size_t from = byte_offset(text, region.begin.column);
    const std::size_t to =
        region.end.line == region.begin.line ? byte_offset(text, region.end.column) : text.size();
    return text.substr(from, to > from ? to - from : 0);
}

std::vector<std::pair<const toml::key*, const toml::node*>> in_file_order(const toml::table& t) {
    std::vector<std::pair<const toml::key*, const toml::node*>> out;
    for (const auto& [key, node] : t)
        out.emplace_back(&key, &node);
    std::stable_sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
        const auto& x = a.first->source().begin;
        const auto& y = b.first->source().begin;
        return std::tie(x.line, x.column) < std::tie(y.line, y.column);
    });
    return out;
}

void Reader::error(const toml::source_region& at, std::string message, std::string hint) {
    out_.push_back({std::string(path_), at.begin.line, at.begin.column, Severity::error,
                    std::move(message), std::move(hint)});
}

void Reader::warning(const toml::source_region& at, std::string message, std::string hint) {
    out_.push_back({std::string(path_), at.begin.line, at.begin.column, Severity::warning,
                    std::move(message), std::move(hint)});
}

std::optional<std::string> Reader::string(const toml::node& n, std::string_view key) {
    if (const auto* s = n.as_string())
        return s->get();
    error(n.source(), trf("'{}' must be a string in quotes", key), trf("write {} = \"…\"", key));
    return std::nullopt;
}

std::optional<std::int64_t> Reader::integer(const toml::node& n, std::string_view key) {
    if (const auto* i = n.as_integer())
        return i->get();
    error(n.source(), trf("'{}' must be a whole number", key));
    return std::nullopt;
}

std::optional<double> Reader::number(const toml::node& n, std::string_view key) {
    if (const auto* i = n.as_integer())
        return static_cast<double>(i->get());
    if (const auto* f = n.as_floating_point())
        return f->get();
    error(n.source(), trf("'{}' must be a number", key));
    return std::nullopt;
}

std::optional<bool> Reader::boolean(const toml::node& n, std::string_view key) {
    if (const auto* b = n.as_boolean())
        return b->get();
    error(n.source(), trf("'{}' must be true or false", key));
    return std::nullopt;
}

std::optional<Date> Reader::date(const toml::node& n, std::string_view key) {
    if (const auto* d = n.as_date()) {
        const toml::date v = d->get();
        const date::year_month_day ymd{date::year{v.year}, date::month{v.month}, date::day{v.day}};
        if (ymd.ok())
            return date::sys_days{ymd};
    }
    if (const auto* s = n.as_string(); s && parse_date(s->get()))
        return parse_date(s->get());
    error(n.source(), trf("'{}' must be a date like 2026-11-23", key),
          n.is_string() ? tr("write the date without quotes") : "");
    return std::nullopt;
}

std::optional<Money> Reader::money(const toml::node& n, std::string_view key) {
    if (n.is_integer() || n.is_floating_point()) {
        // Parse the literal as written, so 0.1 + 0.2 is exactly 0.3.
        const std::string_view literal = source_.slice(n.source());
        const auto m = parse_money(literal);
        if (m && *m <= kMaxAmount && *m >= Money{} - kMaxAmount)
            return m;
        const std::size_t dot = literal.find('.');
        if (literal.find_first_of("eEin") != std::string_view::npos)
            error(n.source(), trf("'{}' must be an amount like 1200 or 12.50", key),
                  tr("write it without an exponent"));
        else if (!m && dot != std::string_view::npos && literal.size() - dot > 3)
            error(n.source(), trf("'{}' has more than two decimals", key));
        else
            error(n.source(), trf("'{}' {} is more than crm keeps", key, std::string(literal)),
                  trf("amounts are at most {}", format_money(kMaxAmount)));
        return std::nullopt;
    }
    error(n.source(), trf("'{}' must be an amount like 1200 or 12.50", key));
    return std::nullopt;
}

std::optional<Interval> Reader::interval(const toml::node& n, std::string_view key) {
    if (const auto* s = n.as_string()) {
        if (auto i = parse_interval(s->get()))
            return i;
        error(n.source(), trf("'{}' is not an interval: '{}'", key, s->get()),
              interval_hint(s->get()));
        return std::nullopt;
    }
    error(n.source(), trf("'{}' must be an interval in quotes", key),
          trf("write {} = \"7d\" (days, w weeks, m months, y years)", key));
    return std::nullopt;
}

std::optional<std::vector<std::string>> Reader::strings(const toml::node& n, std::string_view key) {
    const auto* array = n.as_array();
    if (!array) {
        error(n.source(), trf("'{}' must be a list of strings", key),
              trf("write {} = [\"…\", \"…\"]", key));
        return std::nullopt;
    }
    std::vector<std::string> out;
    for (const toml::node& item : *array) {
        if (const auto* s = item.as_string())
            out.push_back(s->get());
        else
            error(item.source(), trf("'{}' must hold only strings", key));
    }
    return out;
}

std::optional<std::vector<std::string>> Reader::one_or_more(const toml::node& n,
                                                            std::string_view key) {
    std::vector<std::string> out;
    if (const auto* s = n.as_string()) {
        if (!s->get().empty())
            out.push_back(s->get());
        return out;
    }
    if (!n.is_array()) {
        error(n.source(), trf("'{}' must be a string or a list of strings", key),
              trf("write {0} = \"…\", or {0} = [\"…\", \"…\"] for several", key));
        return std::nullopt;
    }
    auto all = strings(n, key);
    if (all)
        std::erase(*all, std::string());
    return all;
}

std::string Reader::note(const toml::node& n, std::string_view key) {
    if (const auto* s = n.as_string())
        return notes_ == Notes::keep ? s->get() : std::string();
    return string(n, key).value_or(""); // reports the wrong type
}

void Reader::unknown_key(const toml::key& key, const std::vector<std::string>& known,
                         std::string_view where) {
    std::string hint = tr("it is kept, but crm does not use it");
    if (auto near = did_you_mean(key.str(), known))
        hint = trf("did you mean '{}'?", *near);
    warning(key.source(), trf("unknown key '{}'{}", key.str(), where), hint);
}

std::vector<const toml::table*> Reader::array_of_tables(const toml::node& n,
                                                        std::string_view name) {
    std::vector<const toml::table*> out;
    if (const auto* array = n.as_array(); array && array->is_array_of_tables()) {
        for (const toml::node& item : *array)
            out.push_back(item.as_table());
        return out;
    }
    error(n.source(), trf("'{0}' must be a list of [[{0}]] entries", name),
          trf("start each entry with a line [[{}]]", name));
    return out;
}

} // namespace crm::detail
