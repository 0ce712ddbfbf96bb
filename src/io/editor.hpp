#pragma once
// The user's editor: $VISUAL, else $EDITOR, else vi, as git and crontab
// choose it. The command may carry arguments ("code --wait"); the file's path
// is passed as an argument of its own and never goes through a shell.

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace crm::io {

// The command to run: the first of `visual` and `editor` that is set and not
// blank, else "vi".
std::string editor_command(const std::optional<std::string>& visual,
                           const std::optional<std::string>& editor);

// Splits a command into words as a shell would, without expanding anything:
// blanks separate words, single and double quotes and backslashes group.
// Throws crm::Error on an unclosed quote.
std::vector<std::string> split_command(std::string_view command);

// Runs `command` on `path` with the terminal and waits. Throws crm::Error
// when the editor cannot be started or exits with a failure.
void run_editor(const std::string& command, const std::filesystem::path& path);

// A file to edit, alone in a private temporary folder and named like the
// original so that editors choose the right mode. It stays until discard():
// when anything fails after the user typed, their text is still there.
class EditBuffer {
  public:
    // Throws crm::Error when the temporary folder cannot be made.
    EditBuffer(const std::string& file_name, std::string_view text);
    const std::filesystem::path& path() const { return path_; }
    // The file's bytes now; throws crm::Error when it cannot be read.
    std::string read() const;
    void discard();

  private:
    std::filesystem::path dir_;
    std::filesystem::path path_;
};

} // namespace crm::io
