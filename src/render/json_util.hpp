#pragma once
// JSON pieces shared by the renderers (nlohmann::json, keys in a fixed order).

#include "crm/dates.hpp"
#include "crm/diagnostic.hpp"
#include "crm/money.hpp"

#include <nlohmann/json.hpp>
#include <optional>

namespace crm::render {

nlohmann::ordered_json to_json(const Diagnostic& d);
nlohmann::ordered_json to_json(const Diagnostics& ds);

// An amount as a JSON number: whole amounts as integers, others as decimals
// (at most two, which a double prints back exactly), so that `jq` sums them.
nlohmann::ordered_json json_money(Money m);

// "2026-11-23", or null.
nlohmann::ordered_json json_date(const std::optional<Date>& d);

} // namespace crm::render
