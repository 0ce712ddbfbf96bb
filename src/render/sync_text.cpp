#include "sync_text.hpp"

#include "crm/text.hpp"

#include <fmt/format.h>

namespace crm::render {

namespace {

// "A", "A and B", "A, B and C"; past `most` names: "A, B and 4 more".
std::string name_list(const std::vector<std::string>& names, std::size_t most) {
    std::vector<std::string> shown;
    const bool cut = names.size() > most;
    const std::size_t count = cut ? most - 1 : names.size();
    for (std::size_t i = 0; i < count; ++i)
        shown.push_back(visible(names[i]));
    if (cut)
        shown.push_back(fmt::format("{} more", names.size() - count));
    std::string out;
    for (std::size_t i = 0; i < shown.size(); ++i) {
        if (i > 0)
            out += i + 1 == shown.size() ? " and " : ", ";
        out += shown[i];
    }
    return out;
}

} // namespace

std::string sync_commit_message(const std::vector<std::string>& names) {
    return "crm sync: " + name_list(names, 3);
}

std::string incoming_line(const Changes& c) {
    std::string others;
    for (const std::string& path : c.others)
        others += (others.empty() ? "" : ", ") + visible(path);
    if (c.customers.empty())
        return fmt::format("{} changed {}", visible(c.author), others);
    std::string line =
        fmt::format("{} changed {} customer{}: {}", visible(c.author), c.customers.size(),
                    c.customers.size() == 1 ? "" : "s", name_list(c.customers, 5));
    if (!others.empty())
        line += fmt::format(" (and {})", others);
    return line;
}

std::string incoming_text(const std::vector<Changes>& changes) {
    std::string out;
    for (const Changes& c : changes)
        if (!c.customers.empty() || !c.others.empty())
            out += incoming_line(c) + "\n";
    return out.empty() ? "nothing new from the others\n" : out;
}

std::string sent_text(std::size_t commits, std::string_view upstream) {
    if (commits == 0)
        return fmt::format("nothing to send; {} has it all\n", visible(upstream));
    return fmt::format("sent {} commit{} to {}\n", commits, commits == 1 ? "" : "s",
                       visible(upstream));
}

} // namespace crm::render
