#include "usage.hpp"

#include "crm/i18n.hpp"
#include "crm/names.hpp"

#include <algorithm>
#include <map>
#include <regex>

namespace crm::cli {

namespace {

// What people type from other tools, and crm's word for it.
const std::map<std::string, std::string>& aliases() {
    static const std::map<std::string, std::string> table = {
        {"--colour", "--color"},
        {"--no-color", "--color never"},
        {"--no-colour", "--color never"},
        {"-V", "--version"},
        {"-v", "--version"},
        {"--directory", "--dir"},
    };
    return table;
}

bool takes_global_value(const std::string& arg) {
    return arg == "-C" || arg == "--dir" || arg == "--date" || arg == "--color";
}

std::vector<std::string> option_names(const CLI::App& app) {
    std::vector<std::string> names;
    for (const CLI::Option* o : app.get_options()) {
        for (const std::string& l : o->get_lnames())
            names.push_back("--" + l);
        for (const std::string& s : o->get_snames())
            names.push_back("-" + s);
    }
    return names;
}

std::optional<std::string> unknown_option(const CLI::App& app, const CLI::App* sub,
                                          const std::vector<std::string>& args) {
    std::vector<std::string> known = option_names(app);
    if (sub) {
        const auto more = option_names(*sub);
        known.insert(known.end(), more.begin(), more.end());
    }
    for (const std::string& arg : args) {
        if (arg == "--")
            break;
        if (arg.size() < 2 || arg[0] != '-' || (arg[1] >= '0' && arg[1] <= '9'))
            continue;
        const std::string name = arg.substr(0, arg.find('='));
        // -abc may be short flags together; only a single letter is judged.
        if (name[1] != '-' && name.size() > 2)
            continue;
        if (std::find(known.begin(), known.end(), name) != known.end())
            continue;
        std::string message = trf("unknown option '{}'", name);
        if (auto a = aliases().find(name); a != aliases().end())
            message += trf(" (did you mean '{}'?)", a->second);
        else if (auto near = did_you_mean(name, known))
            message += trf(" (did you mean '{}'?)", *near);
        return message;
    }
    return std::nullopt;
}

// "--sort: valu not in {date,value,name,region}" as a sentence.
std::optional<std::string> not_a_choice(const std::string& what) {
    static const std::regex shape(R"(^([-\w]+): (.*) not in \{(.*)\}$)");
    std::smatch m;
    if (!std::regex_match(what, m, shape))
        return std::nullopt;
    std::vector<std::string> choices;
    std::string list = m[3];
    for (std::size_t at = 0; at <= list.size();) {
        const auto comma = std::min(list.find(',', at), list.size());
        choices.push_back(list.substr(at, comma - at));
        at = comma + 1;
    }
    std::string joined;
    for (const std::string& c : choices)
        joined += (joined.empty() ? "" : ", ") + c;
    std::string message = trf("{} '{}' is not one of {}", m[1].str(), m[2].str(), joined);
    if (auto near = did_you_mean(m[2].str(), choices))
        message += trf(" (did you mean '{}'?)", *near);
    return message;
}

} // namespace

std::optional<std::string> command_word(const std::vector<std::string>& args) {
    for (std::size_t i = 0; i < args.size(); ++i) {
        if (takes_global_value(args[i])) {
            ++i;
            continue;
        }
        if (!args[i].starts_with('-'))
            return args[i];
    }
    return std::nullopt;
}

std::string usage_message(const CLI::App& app, const CLI::ParseError& e,
                          const std::vector<std::string>& args) {
    const auto word = command_word(args);
    const CLI::App* sub = nullptr;
    if (word) {
        for (const CLI::App* s : app.get_subcommands({}))
            if (s->get_name() == *word)
                sub = s;
    }
    if (auto unknown = unknown_option(app, sub, args))
        return *unknown;
    if (!word)
        return tr("no command given");
    if (!sub) {
        std::vector<std::string> names;
        for (const CLI::App* s : app.get_subcommands({}))
            names.push_back(s->get_name());
        std::string message = trf("unknown command '{}'", *word);
        if (auto near = did_you_mean(*word, names))
            message += trf(" (did you mean '{}'?)", *near);
        return message;
    }
    const std::string what = e.what();
    const std::string cmd = "crm " + sub->get_name();
    if (dynamic_cast<const CLI::ExtrasError*>(&e)) {
        const auto colon = what.find(": ");
        const std::string extra = colon == std::string::npos ? what : what.substr(colon + 2);
        return trf("{} does not take '{}' (quote a text that has spaces)", cmd, extra);
    }
    if (dynamic_cast<const CLI::RequiredError*>(&e)) {
        const auto space = what.find(' ');
        return trf("{} needs {}", cmd, what.substr(0, space));
    }
    if (dynamic_cast<const CLI::ArgumentMismatch*>(&e)) {
        const auto colon = what.find(':');
        return trf("{} needs a value", what.substr(0, colon));
    }
    if (auto choice = not_a_choice(what))
        return *choice;
    return what;
}

} // namespace crm::cli
