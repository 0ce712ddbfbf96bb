#pragma once
// crm reasons as text (the three questions, each with its themes counted
// and its quotes, newest first), JSON and CSV (one row per quote).

#include "crm/diagnostic.hpp"
#include "crm/reasons.hpp"
#include "list_csv.hpp"

#include <string>

namespace crm::render {

std::string reasons_text(const Reasons& r);

// {since, until, questions: [{why, customers, without_words, themes:
// [{theme, count}], quotes: [{id, name, date, by, said, themes, path,
// line}]}], untagged: [quotes], diagnostics}.
std::string reasons_json(const Reasons& r, const Diagnostics& ds);

// why, date, id, name, by, said, themes (joined with ";"), path, line.
std::string reasons_csv(const Reasons& r, const DelimitedOptions& options);

} // namespace crm::render
