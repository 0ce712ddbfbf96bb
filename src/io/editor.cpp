#include "editor.hpp"

#include "crm/error.hpp"
#include "crm/i18n.hpp"
#include "folder.hpp"
#include "process.hpp"

#include <cerrno>
#include <fmt/format.h>
#include <fstream>
#include <unistd.h>

namespace crm::io {

namespace {

bool blank(const std::optional<std::string>& s) {
    return !s || s->find_first_not_of(" \t") == std::string::npos;
}

} // namespace

std::string editor_command(const std::optional<std::string>& visual,
                           const std::optional<std::string>& editor) {
    if (!blank(visual))
        return *visual;
    if (!blank(editor))
        return *editor;
    return "vi";
}

std::vector<std::string> split_command(std::string_view command) {
    std::vector<std::string> words;
    std::string word;
    bool in_word = false;
    char quote = 0;
    for (std::size_t i = 0; i < command.size(); ++i) {
        const char ch = command[i];
        if (quote ? ch == quote : (ch == '\'' || ch == '"')) {
            quote = quote ? 0 : ch;
            in_word = true;
        } else if (ch == '\\' && quote != '\'' && i + 1 < command.size()) {
            word += command[++i];
            in_word = true;
        } else if (!quote && (ch == ' ' || ch == '\t')) {
            if (in_word)
                words.push_back(std::move(word));
            word.clear();
            in_word = false;
        } else {
            word += ch;
            in_word = true;
        }
    }
    if (quote)
        throw Error(trf("the editor command '{}' has an unclosed quote", command));
    if (in_word)
        words.push_back(std::move(word));
    return words;
}

void run_editor(const std::string& command, const std::filesystem::path& path) {
    std::vector<std::string> argv = split_command(command);
    if (argv.empty())
        throw Error(tr("the editor command is empty; set VISUAL or EDITOR"));
    argv.push_back(path.string());
    const ProcessResult r = run_process(argv, false);
    if (r.status < 0)
        throw Error(trf("cannot run the editor '{}': {}", argv[0], r.err));
    if (r.status != 0)
        throw Error(trf("the editor '{}' failed (exit status {})", command, r.status));
}

EditBuffer::EditBuffer(const std::string& file_name, std::string_view text) {
    std::error_code ec;
    std::string pattern = (std::filesystem::temp_directory_path(ec) / "crm-edit-XXXXXX").string();
    if (ec || !mkdtemp(pattern.data()))
        throw Error(trf("cannot make a temporary folder for the editor: {}",
                        errno_text(ec ? ec.value() : errno)));
    dir_ = pattern;
    path_ = dir_ / file_name;
    std::ofstream out(path_, std::ios::binary);
    out.write(text.data(), static_cast<std::streamsize>(text.size()));
    if (!out.flush())
        throw Error(trf("cannot write '{}' for the editor", path_.string()));
}

std::string EditBuffer::read() const {
    SourceFile f = read_source(dir_, path_.filename().string());
    if (!f.read_error.empty())
        throw Error(trf("cannot read '{}': {}", path_.string(), f.read_error));
    return std::move(f.text);
}

void EditBuffer::discard() {
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
}

} // namespace crm::io
