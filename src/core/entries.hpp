#pragma once
// The [[purchase]], [[payment]], [[log]], [[plan]] and [[person]] entries of
// a customer file.

#include "crm/customer.hpp"
#include "toml_reader.hpp"

#include <optional>
#include <vector>

namespace crm::detail {

// Each returns the entries that have their required keys; the others are
// reported and left out.
std::vector<Purchase> read_purchases(Reader& r, const toml::node& n);
std::vector<Payment> read_payments(Reader& r, const toml::node& n);
std::vector<LogEntry> read_logs(Reader& r, const toml::node& n);
std::vector<PlanEntry> read_plans(Reader& r, const toml::node& n);
std::vector<Person> read_people(Reader& r, const toml::node& n);

// A birthday as the customer's `birthday` and `lunar_birthday` are written
// (parse_customer.cpp); nullopt, reported, when it is not one.
std::optional<MonthDay> read_birthday(Reader& r, const toml::node& n);
std::optional<LunarMonthDay> read_lunar_birthday(Reader& r, const toml::node& n);

} // namespace crm::detail
