#include "context.hpp"

#include "crm/error.hpp"
#include "exit_soon.hpp"
#include "folder.hpp"
#include "user_config.hpp"

#include <charconv>
#include <cstdlib>
#include <ctime>
#include <fmt/format.h>
#include <sys/ioctl.h>
#include <thread>

namespace crm::cli {

namespace {

std::optional<std::string> getenv_opt(const char* name) {
    if (const char* v = std::getenv(name))
        return std::string(v);
    return std::nullopt;
}

} // namespace

Environment Environment::from_process() {
    Environment e;
    e.crm_dir = getenv_opt("CRM_DIR");
    e.crm_user = getenv_opt("CRM_USER");
    e.visual = getenv_opt("VISUAL");
    e.editor = getenv_opt("EDITOR");
    e.columns = getenv_opt("COLUMNS");
    e.sendmail = getenv_opt("CRM_SENDMAIL");
    e.xdg_config_home = getenv_opt("XDG_CONFIG_HOME");
    e.home = getenv_opt("HOME");
    e.dumb_terminal = getenv_opt("TERM") == "dumb";
    e.user = getenv_opt("USER");
    if (!e.user)
        e.user = getenv_opt("LOGNAME");
    // https://no-color.org: set and not empty.
    const auto no_color = getenv_opt("NO_COLOR");
    e.no_color = no_color && !no_color->empty();
    const auto no_index = getenv_opt("CRM_NO_INDEX");
    e.no_index = no_index && !no_index->empty() && *no_index != "0";
    return e;
}

Date Context::today() const {
    if (globals.date) {
        if (auto d = parse_date(*globals.date))
            return *d;
        throw Error(fmt::format("--date '{}' is not a date like 2026-11-23", *globals.date));
    }
    // The local calendar date of the one read of the clock, so TZ counts.
    std::tm local{};
    localtime_r(&started, &local);
    return date::sys_days{date::year{local.tm_year + 1900} /
                          date::month{static_cast<unsigned>(local.tm_mon + 1)} /
                          date::day{static_cast<unsigned>(local.tm_mday)}};
}

std::filesystem::path Context::folder() const {
    if (!globals.dir && !(env.crm_dir && !env.crm_dir->empty()) && !default_dir)
        default_dir = read_default_dir(env, err);
    return io::find_folder(globals.dir, env.crm_dir, cwd, default_dir.value_or(std::nullopt));
}

bool Context::color() const {
    if (globals.color == "always")
        return true;
    if (globals.color == "never" || env.no_color || env.dumb_terminal)
        return false;
    return out_is_tty;
}

std::optional<std::size_t> terminal_width(int fd, bool is_tty,
                                          const std::optional<std::string>& columns) {
    if (!is_tty)
        return std::nullopt;
    winsize size{};
    if (ioctl(fd, TIOCGWINSZ, &size) == 0 && size.ws_col > 0)
        return size.ws_col;
    if (columns) {
        std::size_t n = 0;
        const auto [end, ec] =
            std::from_chars(columns->data(), columns->data() + columns->size(), n);
        if (ec == std::errc{} && end == columns->data() + columns->size() && n > 0)
            return n;
    }
    return std::nullopt;
}

io::UseIndex Context::use_index() const {
    return globals.no_index || env.no_index ? io::UseIndex::no : io::UseIndex::yes;
}

unsigned Context::threads() const {
    return std::max(8u, std::thread::hardware_concurrency());
}

Ledger Context::load() const {
    return io::load_ledger(folder(), threads(), Keep::identity, use_index());
}

const Ledger& Context::load_for(std::string_view query) const {
    return keep_until_exit(io::load_for_query(folder(), threads(), query, use_index()));
}

Ledger Context::open() const {
    return io::open_ledger(folder());
}

void Context::scan(Ledger& ledger, unsigned threads, const TakeCustomer& take, Logs logs) const {
    io::scan_customers(folder(), ledger, threads, take, Notes::skip, logs, use_index());
}

} // namespace crm::cli
