#pragma once
// The one exception type: "crm cannot continue" (no folder, I/O failure, a
// refused write). Bad data is never thrown; it is a Diagnostic.

#include <stdexcept>
#include <string>

namespace crm {

class Error : public std::runtime_error {
  public:
    explicit Error(const std::string& message) : std::runtime_error(message) {}
};

// Exit statuses, documented in crm(1).
enum class Exit : int {
    ok = 0,      // done; for `due`, the agenda was computed (empty or not)
    data = 1,    // some files were skipped or have errors; the rest was processed
    usage = 2,   // bad command line, ambiguous or unknown customer
    failure = 3, // cannot continue: no folder, I/O error, refused write
};

} // namespace crm
