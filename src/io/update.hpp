#pragma once
// One read-modify-write of a customer file, for callers that hold the
// folder's lock: read, change, write atomically, check, and never overwrite
// a save made meanwhile by something that does not take crm's lock (an
// editor).

#include <filesystem>
#include <functional>
#include <string>
#include <string_view>

namespace crm::io {

// Makes the new text from the current one; throws crm::Error to refuse.
using Rewrite = std::function<std::string(std::string_view current)>;

// Returns what is wrong with `written` as a successor of `before`, or "".
using Verify = std::function<std::string(std::string_view before, std::string_view written)>;

// Reads `root / relative`, rewrites it, writes the result to a temporary
// file, verifies the bytes read back, and renames it into place, unless the
// file changed on disk since it was read: then it starts over from the new
// content (three times at most, then refuses). Returns the text the change
// was made from. Throws crm::Error when the file is missing or unreadable,
// the rewrite refuses, the check fails or the write fails; the file is then
// untouched.
// `hook`, for tests only, runs in the last moment before the rename (with
// the attempt's number), to save the file where no check can see it.
using RaceHook = std::function<void(int attempt)>;
// `warning`, when given, receives what went wrong after the file was in place
// (the folder could not be synced).
std::string rewrite_file(const std::filesystem::path& root, const std::string& relative,
                         const Rewrite& rewrite, const Verify& verify, const RaceHook& hook = {},
                         std::string* warning = nullptr);

// Removes `root / relative` if it still holds exactly `expected` (undoing
// `crm add`); a file already gone is fine. Throws crm::Error, leaving the
// file, when it holds anything else.
void remove_file(const std::filesystem::path& root, const std::string& relative,
                 std::string_view expected);

// Writes a new file `root / relative` the same way; refuses when it exists.
void create_file(const std::filesystem::path& root, const std::string& relative,
                 std::string_view text, const Verify& verify, std::string* warning = nullptr);

// The file's bytes; throws crm::Error naming `relative` when it cannot be read
// (saying so when it no longer exists).
std::string read_file(const std::filesystem::path& root, const std::string& relative);

} // namespace crm::io
