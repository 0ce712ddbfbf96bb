#pragma once
// Dates, weekdays, intervals and lunar dates in the words of the messages'
// language (crm::language()), for the sentences the core writes and the
// renderers print: English "Tue 2026-12-08", "3d", "L4/5"; Chinese
// "12月8日（二）", "3 天", "閏四月初五". Like tr(), a read of the language set
// once by the edge; files, keys, JSON and commit messages use format_date.

#include "crm/dates.hpp"
#include "crm/interval.hpp"

#include <string>
#include <string_view>

namespace crm {

// "2026-12-08"; "12月8日", with the year ("2027年1月5日") when it is not
// `today`'s.
std::string spoken_date(Date d, Date today);

// "Tue 2026-12-08"; "12月8日（二）", with the year when it is not `today`'s.
std::string spoken_day_and_date(Date d, Date today);

// "Tue"; "週二" (zh_TW), "周二" (zh_CN).
std::string spoken_weekday(Date d);

// "3d", as crm.toml writes it; "3 天", "2 週", "1 個月".
std::string spoken_interval(Interval i);

// A lunar month and day: "8/15", "L4/5"; "八月十五", "閏四月初五".
std::string spoken_lunar(unsigned month, unsigned day, bool leap);

// A [[log]]'s or [[plan]]'s kind: visit, call, message and email in the
// language ("拜訪"); any other kind as the file writes it.
std::string spoken_log_kind(std::string_view kind);

} // namespace crm
