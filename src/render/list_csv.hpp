#pragma once
// `crm list --format csv|tsv`: the rows for spreadsheets and shell tools.

#include "crm/listing.hpp"

#include <string>
#include <vector>

namespace crm::render {

struct DelimitedOptions {
    // Standard output is a terminal: text from a file goes through
    // visible() first, so that it cannot drive the terminal. Files and pipes
    // get the text exactly.
    bool terminal = false;
};

// The columns of both formats, in order: name, id, class, owner, contacts,
// region, phone, email, tags, last_contact, next_due, balance, value. Lists
// (contacts, tags) are joined with ";"; dates are YYYY-MM-DD, or empty.
extern const char* const list_columns[13];

// RFC 4180: a header row, CRLF after every record, a field quoted (quotes
// doubled) when it holds a quote, a comma, CR or LF, or starts or ends with
// a space. Line breaks inside a field are kept as they are.
std::string list_csv(const Listing& listing, const DelimitedOptions& options = {});

// One field as list_csv writes it: quoted only when it must be.
std::string csv_field(const std::string& s);

// One record of fields (each through visible() first on a terminal), CRLF
// at its end.
std::string csv_record(const std::vector<std::string>& fields, const DelimitedOptions& options);

// Tab-separated: a header row, one line per customer ending in LF, and in
// fields a tab, LF, CR and backslash written as \t, \n, \r and \\.
std::string list_tsv(const Listing& listing, const DelimitedOptions& options = {});

} // namespace crm::render
