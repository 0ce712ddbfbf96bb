// crm import FILE: customers from a phone's contacts (vCard) or a
// spreadsheet (CSV). The plan is made first (crm/import.hpp) and shown;
// without --dry-run every file it touches is written as one write: one
// lock, one undo journal entry, one git commit, all or none.

#include "commands.hpp"
#include "crm/contacts.hpp"
#include "crm/edit.hpp"
#include "crm/error.hpp"
#include "crm/i18n.hpp"
#include "crm/import.hpp"
#include "crm/names.hpp"
#include "crm/parse.hpp"
#include "crm/text.hpp"
#include "filters.hpp"
#include "folder.hpp"
#include "import_render.hpp"
#include "writing.hpp"

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fmt/format.h>
#include <fstream>
#include <memory>
#include <ostream>
#include <sstream>

namespace crm::cli {

namespace {

struct ImportOptions {
    std::string file;
    bool dry_run = false;
    std::string format = "text";
    std::string as; // vcf or csv; "" from the file's name or content
    std::vector<std::string> map;
    std::string encoding;
    std::optional<std::string> class_name;
    std::optional<std::string> owner;
};

ColumnMap column_map(const std::vector<std::string>& given) {
    ColumnMap out;
    for (const std::string& m : given) {
        const auto eq = m.rfind('=');
        if (eq == std::string::npos || eq == 0)
            throw UsageError(
                trf("--map '{}' is not COLUMN=KEY, like --map '手機=phone'", visible(m)));
        std::string key = ascii_lower(m.substr(eq + 1));
        const auto& keys = contact_keys();
        if (std::find(keys.begin(), keys.end(), key) == keys.end())
            throw UsageError(trf("--map {}: '{}' is not a key import knows ({})", visible(m),
                                 visible(key), suggestion(key, keys)));
        out.given.emplace_back(m.substr(0, eq), std::move(key));
    }
    return out;
}

std::string read_all(const std::filesystem::path& path, const std::string& shown) {
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw Error(trf("cannot read '{}': {}", shown, std::strerror(errno)));
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

bool is_vcard(const ImportOptions& o, std::string_view text) {
    if (!o.as.empty())
        return o.as == "vcf";
    const std::string name = ascii_lower(o.file);
    if (name.ends_with(".vcf") || name.ends_with(".vcard"))
        return true;
    if (name.ends_with(".csv"))
        return false;
    const std::string head = ascii_lower(std::string(text.substr(0, 64)));
    return head.find("begin:vcard") != std::string::npos;
}

// The line and column of byte `at`, for an encoding error.
std::pair<std::size_t, std::size_t> line_column(std::string_view text, std::size_t at) {
    std::size_t line = 1, start = 0;
    for (std::size_t i = 0; i < at; ++i)
        if (text[i] == '\n') {
            ++line;
            start = i + 1;
        }
    return {line, char_count(text.substr(start, at - start)) + 1};
}

std::string text_of(const ImportOptions& o, const std::filesystem::path& path, bool vcard) {
    std::string text = read_all(path, o.file);
    if (!o.encoding.empty() && !utf8_encoding(o.encoding)) {
        if (!convert_to_utf8(text, o.encoding))
            throw Error(trf("'{}' is not {} text (or iconv does not know '{}'); nothing "
                            "was imported",
                            visible(o.file), visible(o.encoding), visible(o.encoding)));
        return text;
    }
    // A vCard names the charset of each value that is not UTF-8.
    if (const auto bad = first_invalid_utf8(text); bad && !vcard) {
        const auto [line, column] = line_column(text, *bad);
        throw Error(trf("{}:{}:{}: the file is not UTF-8; if it is Big5 or GB18030, give "
                        "--encoding big5 or --encoding gb18030; nothing was imported",
                        visible(o.file), line, column));
    }
    return text;
}

ImportDefaults defaults_of(const Context& ctx, const ImportOptions& o, const Settings& s,
                           const std::filesystem::path& root) {
    ImportDefaults d;
    for (const auto& c : s.classes)
        d.known_classes.push_back(c.name);
    const std::string wanted = o.class_name.value_or("now");
    if (s.find_class(wanted))
        d.class_name = wanted;
    else if (o.class_name)
        throw UsageError(trf("--class '{}' is not a class of crm.toml ({})", visible(wanted),
                             suggestion(wanted, d.known_classes)));
    else if (!d.known_classes.empty())
        d.class_name = d.known_classes.front();
    d.owner = o.owner ? *o.owner : default_by(ctx, s, root);
    d.today = ctx.today();
    return d;
}

std::vector<io::FileChange> file_changes(const ImportPlan& plan, const Settings& s) {
    std::vector<io::FileChange> out;
    for (const ImportPlan::NewFile& f : plan.new_files) {
        out.push_back({f.path,
                       [&f](const io::Content& current) -> io::Content {
                           if (current)
                               throw Error(trf("'{}' was made meanwhile; nothing was "
                                               "imported",
                                               f.path));
                           return render_customer(f.customer);
                       },
                       [&f, &s](const io::Content&, std::string_view written) {
                           const auto parsed = parse_customer(written, f.path, s);
                           if (!parsed.value || count_errors(parsed.diagnostics) > 0 ||
                               parsed.value->name != f.name)
                               return std::string(
                                   tr("the new file would not read back as written"));
                           return std::string();
                       }});
    }
    for (const ImportPlan::Update& u : plan.updates) {
        out.push_back({u.path,
                       [&u](const io::Content& current) -> io::Content {
                           if (!current)
                               throw Error(trf("'{}' no longer exists; nothing was "
                                               "imported",
                                               u.path));
                           Edited e = apply_change(*current, u.change);
                           if (!e.ok())
                               throw Error(trf("cannot import into '{}': {}; {}; nothing "
                                               "was imported",
                                               u.path, e.error, e.hint));
                           return e.text;
                       },
                       [&u](const io::Content& before, std::string_view written) {
                           return verify_change(before.value_or(""), written, u.change);
                       }});
    }
    return out;
}

int run_import(const Context& ctx, const ImportOptions& o) {
    const ColumnMap map = column_map(o.map);
    const std::filesystem::path root = ctx.folder();
    const std::filesystem::path path = std::filesystem::path(o.file).is_absolute()
                                           ? std::filesystem::path(o.file)
                                           : ctx.cwd / o.file;
    const std::string name = std::filesystem::path(o.file).filename().string();
    std::string head = read_all(path, o.file);
    const bool vcard = is_vcard(o, head);
    head.clear();
    const std::string text = text_of(o, path, vcard);
    const ContactsRead read = vcard ? read_vcards(text) : read_contacts_csv(text, map);
    const Ledger ledger = io::load_ledger(root, ctx.threads(), Keep::everything, ctx.use_index());
    std::vector<std::string> taken;
    for (const std::string& file : io::list_customer_files(root))
        taken.push_back(id_from_path(file));
    const ImportPlan plan =
        plan_import(read, ledger.customers, taken, defaults_of(ctx, o, ledger.settings, root));
    const bool write = !o.dry_run && plan.writes();
    if (write) {
        std::error_code ec;
        std::filesystem::create_directories(root / "customers", ec);
        write_customers(ctx, ledger.settings, root,
                        {"import", fmt::format("import: {} — {} new, {} updated", name,
                                               plan.new_files.size(), plan.updates.size())},
                        file_changes(plan, ledger.settings));
    }
    if (o.format == "json")
        ctx.out << render::import_json(plan, read, name, o.dry_run);
    else {
        ctx.out << render::import_text(plan, read, name, o.dry_run);
        if (write)
            ctx.out << trnf("wrote {} file; 'crm undo' takes the import back\n",
                            "wrote {} files; 'crm undo' takes the import back\n",
                            plan.new_files.size() + plan.updates.size(),
                            plan.new_files.size() + plan.updates.size());
    }
    return static_cast<int>(Exit::ok);
}

} // namespace

std::function<int()> setup_import(CLI::App& sub, Context& ctx) {
    auto o = std::make_shared<ImportOptions>();
    sub.add_option("FILE", o->file, tr("a .vcf of contacts, or a .csv with a header row"))
        ->required();
    sub.add_flag("-n,--dry-run", o->dry_run, tr("show what the import would do; write nothing"));
    sub.add_option("--format", o->format, tr("text or json"))
        ->check(CLI::IsMember({"text", "json"}))
        ->option_text("text|json");
    sub.add_option("--as", o->as, tr("the file's kind, when its name does not say"))
        ->check(CLI::IsMember({"vcf", "csv"}))
        ->option_text("vcf|csv");
    sub.add_option("--map", o->map, tr("a CSV column's key, e.g. '手機=phone'; repeat"))
        ->allow_extra_args(false)
        ->option_text("COLUMN=KEY");
    sub.add_option("--encoding", o->encoding, tr("the file's encoding (default UTF-8)"))
        ->option_text("big5|gb18030|…");
    sub.add_option("--class", o->class_name, tr("new customers' class (default: now)"))
        ->option_text("CLASS");
    sub.add_option("--owner", o->owner, tr("new customers' owner (default: as log's --by)"))
        ->option_text("NAME");
    return [&ctx, o] { return catching_usage(ctx, [&] { return run_import(ctx, *o); }); };
}

} // namespace crm::cli
