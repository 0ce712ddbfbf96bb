#pragma once
// JSON pieces shared by the renderers (nlohmann::json, keys in a fixed order).

#include "crm/diagnostic.hpp"

#include <nlohmann/json.hpp>

namespace crm::render {

nlohmann::ordered_json to_json(const Diagnostic& d);
nlohmann::ordered_json to_json(const Diagnostics& ds);

} // namespace crm::render
