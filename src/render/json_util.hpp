#pragma once
// JSON pieces shared by the renderers (nlohmann::json, keys in a fixed order).

#include "crm/customer.hpp"
#include "crm/dates.hpp"
#include "crm/diagnostic.hpp"
#include "crm/money.hpp"

#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

namespace crm::render {

nlohmann::ordered_json to_json(const Diagnostic& d);
nlohmann::ordered_json to_json(const Diagnostics& ds);

// An amount as a JSON number: whole amounts as integers, others as decimals
// (at most two, which a double prints back exactly), so that `jq` sums them.
nlohmann::ordered_json json_money(Money m);

// `j` as dump(2) lays it out, followed by a newline, with its array `key`
// (empty in `j`) holding `count` items that `item` makes one at a time:
// a tree of 100,000 agenda lines would take hundreds of megabytes. Bytes
// that are not UTF-8 are replaced rather than aborting the output (names
// are checked as UTF-8 when read).
std::string dump_streaming(const nlohmann::ordered_json& j, std::string_view key, std::size_t count,
                           const std::function<nlohmann::ordered_json(std::size_t)>& item);
// The same handed to `sink` piece by piece, so that not even the text of
// the whole document is in memory at once.
void dump_streaming(const nlohmann::ordered_json& j, std::string_view key, std::size_t count,
                    const std::function<nlohmann::ordered_json(std::size_t)>& item,
                    const std::function<void(std::string_view)>& sink);

// "2026-11-23", or null.
nlohmann::ordered_json json_date(const std::optional<Date>& d);

// The first of a customer's phones or emails, "" when none: the JSON's
// `phone` and `email`, beside the full `phones` and `emails`.
std::string first_or_empty(const std::vector<std::string>& values);

// {"month", "day", "leap"}, or null.
nlohmann::ordered_json json_lunar(const std::optional<LunarMonthDay>& b);

// A [[person]]: {name, role, phone, email, birthday ("1976-05-02",
// "--05-02" or null), lunar_birthday}, and the note when `note` says so
// (a list parses no notes).
nlohmann::ordered_json to_json(const Person& p, bool note);

} // namespace crm::render
