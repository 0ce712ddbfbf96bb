#pragma once
// The [[purchase]], [[payment]] and [[log]] entries of a customer file.

#include "crm/customer.hpp"
#include "toml_reader.hpp"

#include <vector>

namespace crm::detail {

// Each returns the entries that have their required keys; the others are
// reported and left out.
std::vector<Purchase> read_purchases(Reader& r, const toml::node& n);
std::vector<Payment> read_payments(Reader& r, const toml::node& n);
std::vector<LogEntry> read_logs(Reader& r, const toml::node& n);

} // namespace crm::detail
