#pragma once
// Running another program (git, the user's editor) without a shell: the
// arguments reach it exactly as given, whatever a file name contains.

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace crm::io {

struct ProcessResult {
    int status = -1; // exit status; 128 + N when killed by signal N; -1 when it did not start
    std::string out; // standard output, when captured
    std::string err; // standard error when captured, or why it did not start
};

// Runs argv[0] (looked up in PATH) with `argv` in `cwd` (empty: crm's own)
// and waits for it. With `capture`, its output is collected and its input is
// `input` (/dev/null without one: sendmail reads its message, git nothing);
// without, it shares crm's terminal (an editor).
ProcessResult run_process(const std::vector<std::string>& argv, bool capture,
                          const std::filesystem::path& cwd = {},
                          std::optional<std::string_view> input = std::nullopt);

// strerror(errno_value), starting lowercase as crm's messages do.
std::string errno_text(int errno_value);

} // namespace crm::io
