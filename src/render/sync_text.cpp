#include "sync_text.hpp"

#include "crm/i18n.hpp"
#include "crm/text.hpp"
#include "phrases.hpp"

#include <fmt/format.h>

namespace crm::render {

namespace {

// "A", "A and B", "A, B and C"; past `most` names: "A, B and 4 more". In
// Chinese "A、B 及另外 4 位" for a person.
std::string name_list(const std::vector<std::string>& names, std::size_t most, Words words) {
    const auto say = [words](const char* english) {
        return words == Words::english ? english : tr(english);
    };
    std::vector<std::string> shown;
    const bool cut = names.size() > most;
    const std::size_t count = cut ? most - 1 : names.size();
    for (std::size_t i = 0; i < count; ++i)
        shown.push_back(visible(names[i]));
    if (cut)
        shown.push_back(fmt::format(fmt::runtime(say(N_("{} more"))), names.size() - count));
    std::string out;
    for (std::size_t i = 0; i < shown.size(); ++i) {
        if (i > 0)
            out += i + 1 == shown.size() ? say(N_(" and ")) : say(N_(", "));
        out += shown[i];
    }
    return out;
}

} // namespace

std::string sync_commit_message(const std::vector<std::string>& names) {
    return "crm sync: " + name_list(names, 3, Words::english);
}

std::string incoming_line(const Changes& c) {
    std::string others;
    for (const std::string& path : c.others)
        others += (others.empty() ? "" : ", ") + visible(path);
    if (c.customers.empty())
        return trf("{} changed {}", visible(c.author), others);
    std::string line =
        trnf("{} changed {} customer: {}", "{} changed {} customers: {}", c.customers.size(),
             visible(c.author), c.customers.size(), name_list(c.customers, 5, Words::user));
    if (!others.empty())
        line += trf(" (and {})", others);
    return line;
}

std::string incoming_text(const std::vector<Changes>& changes) {
    std::string out;
    for (const Changes& c : changes)
        if (!c.customers.empty() || !c.others.empty())
            out += incoming_line(c) + "\n";
    return out.empty() ? tr("nothing new from the others\n") : out;
}

std::string sent_text(std::size_t commits, std::string_view upstream) {
    if (commits == 0)
        return trf("nothing to send; {} has it all\n", visible(upstream));
    return trnf("sent {} commit to {}\n", "sent {} commits to {}\n", commits, commits,
                visible(upstream));
}

} // namespace crm::render
