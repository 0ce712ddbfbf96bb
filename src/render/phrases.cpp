#include "phrases.hpp"

#include "crm/i18n.hpp"
#include "crm/spoken.hpp"

#include <fmt/format.h>

namespace crm::render {

std::string day_and_date(Date d, Date today) {
    return spoken_day_and_date(d, today);
}

std::string days(int n) {
    const auto count = static_cast<unsigned long>(n < 0 ? -n : n);
    return trnf("{} day", "{} days", count, n);
}

std::string days_late(int n) {
    return trnf("{} day late", "{} days late", static_cast<unsigned long>(n), n);
}

std::string due_days_ago(int n) {
    return trnf("due {} day ago", "due {} days ago", static_cast<unsigned long>(n), n);
}

std::string lateness_note(int n, bool late) {
    const auto count = static_cast<unsigned long>(n);
    return late ? trnf(" ({} day late)", " ({} days late)", count, n)
                : trnf(" (due {} day ago)", " (due {} days ago)", count, n);
}

} // namespace crm::render
