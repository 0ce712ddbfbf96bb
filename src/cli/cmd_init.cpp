// crm init [DIR]: a crm.toml with every setting written out and explained,
// an empty customers/ folder, a .gitignore for crm's lock and temporary
// files, and a .gitattributes that has git merge customer files with crm
// (the driver registered too, in a git work tree). An existing crm.toml or
// .gitignore is never touched; an existing .gitattributes only gains the
// rule.

#include "commands.hpp"
#include "crm/error.hpp"
#include "crm/i18n.hpp"
#include "crm/text.hpp"
#include "git.hpp"
#include "merge_driver.hpp"
#include "user_config.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <fstream>
#include <iostream>
#include <memory>
#include <ostream>
#include <string>

namespace crm::cli {

namespace {

constexpr const char* kTemplate =
    R"(# crm.toml: the settings of this crm folder. See crm(5) for every key.
# Customers live in customers/, one file each; the file name is the id.

# The currency amounts are written in (shown in reports, never converted).
currency = ""

[me]
# Who `crm log` records as having made the contact, unless --by is given.
# When empty: $CRM_USER, else git's user.name, else the login name.
name = ""

[classes]
# How often each class of customer is revisited. One interval ("30d"), or
# an ideal and a maximum (["7d", "10d"]): due after the first, late after
# the second. Intervals: 7d days, 2w weeks, 3m months, 1y years.
now = ["7d", "10d"]   # prospects deciding this month
later = "30d"         # prospects deciding later
client = "90d"        # existing clients

[agenda]
horizon = "7d"        # how far ahead revisits, follow-ups, run-outs and collections show
birthdays = "30d"     # how far ahead birthdays show, to leave time to prepare

[followup]
# After each purchase, a contact is due after each of these intervals.
after_purchase = ["3d", "7d", "30d"]

[calendar]
feb29 = "feb28"          # Feb 29 birthdays in common years: "feb28" or "mar1"
lunar_leap = "regular"   # a regular-month lunar birthday in a year with that leap month:
                         # "regular" (once) or "both" (greet in both months)
lunar_day30 = "last-day" # lunar day 30 in a 29-day month: "last-day" or "skip"

[git]
# Commit every change crm writes, when this folder is a git work tree.
autocommit = false

# Products, for run-out warnings. One table per product; purchases name the key.
# [products.rice-10kg]
# name = "Rice, 10 kg"
# lasts = "60d"        # how long one unit lasts (one person, when per_person)
# per_person = true    # divide by the customer's household size
# warn = "5d"          # warn this long before it runs out
)";

constexpr const char* kGitignore =
    R"(# crm's lock file, and the temporary files an interrupted write may leave
.crm.lock
.*.crm-tmp-*
)";

// A .gitignore for crm's own files, unless the folder has one already.
void write_gitignore(const std::filesystem::path& root) {
    std::FILE* f = std::fopen((root / ".gitignore").c_str(), "wx");
    if (!f)
        return; // it exists (or cannot be made): the user's own is kept
    const bool written = std::fputs(kGitignore, f) >= 0;
    if (std::fclose(f) != 0 || !written)
        throw Error(fmt::format("cannot write '{}'", (root / ".gitignore").string()));
}

// The merge driver in this clone's config, in a git work tree. The folder
// is made by then: a config git cannot write is a warning, which crm sync
// mends later.
void register_driver(const Context& ctx, const std::filesystem::path& root) {
    if (!io::is_git_work_tree(root))
        return;
    try {
        io::ensure_driver(root);
    } catch (const Error& e) {
        ctx.err << fmt::format("crm: warning: {}; crm sync registers it later\n",
                               visible_lines(e.what()));
    }
}

// With --default, or when the user answers yes at a terminal, the folder
// becomes config.toml's default; then, or otherwise, the next command.
void offer_default(const Context& ctx, const std::filesystem::path& root, bool make_default) {
    std::error_code ec;
    const std::string absolute = std::filesystem::absolute(root, ec).lexically_normal().string();
    const bool here = std::filesystem::equivalent(root, ctx.cwd, ec);
    if (!make_default && ctx.in_is_tty && ctx.out_is_tty) {
        ctx.out << trf("make '{}' your default folder, used from anywhere? [y/N] ",
                       visible_lines(absolute));
        ctx.out.flush();
        std::string answer;
        std::getline(ctx.in, answer);
        make_default = answer == "y" || answer == "Y" || answer == "yes" || answer == "是";
    }
    if (make_default) {
        write_default_dir(ctx.env, absolute);
        ctx.out << trf("'{}' is your default folder (in {}); next: crm add NAME, then crm due\n",
                       visible_lines(absolute), visible_lines(user_config_path(ctx.env)->string()));
    } else if (here) {
        ctx.out << tr("next: crm add NAME, then crm due\n");
    } else {
        ctx.out << trf("next: cd {} && crm add NAME, then crm due\n",
                       visible_lines(io::sh_quote(root.string())));
    }
}

int run_init(const Context& ctx, const std::string& dir, bool make_default) {
    namespace fs = std::filesystem;
    // DIR, else -C/--dir as every other command takes it, else here.
    const fs::path root = !dir.empty()      ? fs::path(dir)
                          : ctx.globals.dir ? fs::path(*ctx.globals.dir)
                                            : fs::path(".");
    const fs::path settings = root / "crm.toml";
    std::error_code ec;
    // symlink_status: a dangling link named crm.toml exists too, and is left alone.
    if (fs::symlink_status(settings, ec).type() != fs::file_type::not_found)
        throw Error(fmt::format("'{}' exists already; it is left as it is", settings.string()));
    fs::create_directories(root, ec);
    if (ec)
        throw Error(fmt::format("cannot create '{}': {}", root.string(), ec.message()));
    // O_EXCL semantics: never replace a crm.toml created meanwhile.
    std::FILE* f = std::fopen(settings.c_str(), "wx");
    if (!f)
        throw Error(fmt::format("cannot create '{}': {}", settings.string(),
                                std::error_code(errno, std::generic_category()).message()));
    const bool written = std::fputs(kTemplate, f) >= 0;
    if (std::fclose(f) != 0 || !written)
        throw Error(fmt::format("cannot write '{}'", settings.string()));
    // Only once crm.toml is there: a refused init leaves nothing behind.
    fs::create_directories(root / "customers", ec);
    if (ec)
        throw Error(
            fmt::format("cannot create '{}': {}", (root / "customers").string(), ec.message()));
    write_gitignore(root);
    // The rule always (the folder may become a git repository later); the
    // driver in this clone's config when it is one already.
    io::ensure_attributes(root);
    register_driver(ctx, root);
    ctx.out << trf("made a crm folder in '{}': edit crm.toml, then 'crm add NAME'\n",
                   visible_lines(root.string()));
    offer_default(ctx, root, make_default);
    return static_cast<int>(Exit::ok);
}

} // namespace

std::function<int()> setup_init(CLI::App& sub, Context& ctx) {
    auto dir = std::make_shared<std::string>();
    auto make_default = std::make_shared<bool>(false);
    sub.add_option("DIR", *dir, tr("the folder (default: the current one)"));
    sub.add_flag("--default", *make_default,
                 tr("make DIR the default folder, used when no -C, CRM_DIR or enclosing folder "
                    "gives one (at a terminal, init asks)"));
    return [&ctx, dir, make_default] { return run_init(ctx, *dir, *make_default); };
}

} // namespace crm::cli
