#!/usr/bin/env python3
"""Generate src/core/lunar_table.hpp: the Chinese calendar's months, lunar
years 1899-2100, from ICU's Chinese calendar plus a short list of corrections.

ICU computes new moons and solar terms astronomically at UTC+8, but with a
low-precision model: where a new moon or a major solar term falls within
minutes of Beijing midnight it can land on the wrong day. Each correction
below names the day ICU gets wrong and the evidence for the right one. The
result is checked day by day against independent implementations by
crosscheck.py.

    generate.py            print the table to stdout
    generate.py --write    rewrite src/core/lunar_table.hpp
    generate.py --check    exit 1 unless the committed file is up to date
"""

import argparse
import ctypes
import ctypes.util
import datetime
import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parents[2]
TABLE = ROOT / "src" / "core" / "lunar_table.hpp"
FIRST_YEAR, LAST_YEAR = 1899, 2100
ICU_YEAR_OFFSET = 2637  # ICU's extended year 4663 is lunar year 2026
ICU_VERSION = 72  # the corrections below are ICU 72's errors

# A month that ICU starts one day off: (lunar year, month, leap, ICU's first
# day, the true first day, why). Times are UTC+8; the sources are the Hong
# Kong Observatory's conversion tables (1901-2100), python3-lunardate and
# liblunar-date, which all agree on each of these, and a new-moon time from a
# modern ephemeris (python3-ephem) that puts the new moon on the true day.
MONTH_STARTS = [
    (1954, 1, False, "1954-02-04", "1954-02-03", "new moon 1954-02-03 23:55"),
    (1955, 2, False, "1955-02-23", "1955-02-22", "new moon 1955-02-22 23:54"),
    (1998, 12, False, "1999-01-18", "1999-01-17", "new moon 1999-01-17 23:46"),
    (2012, 7, False, "2012-08-18", "2012-08-17", "new moon 2012-08-17 23:54"),
    (2018, 10, False, "2018-11-07", "2018-11-08", "new moon 2018-11-08 00:02"),
    (2027, 1, False, "2027-02-07", "2027-02-06", "new moon 2027-02-06 23:56"),
    (2030, 1, False, "2030-02-02", "2030-02-03", "new moon 2030-02-03 00:07"),
    (2070, 2, False, "2070-03-13", "2070-03-12", "new moon 2070-03-12 23:51"),
]

# A year whose leap month ICU misplaces because a major solar term falls just
# after midnight on the first day of a month, so the month before it has
# none: (lunar year, ICU's leap month, the true one, why). Same sources.
LEAP_MONTHS = [
    (1917, 3, 2, "grain rain (30 deg) 1917-04-21 00:15, the day month 3 begins"),
    (1922, 6, 5, "greater heat (120 deg) 1922-07-24 00:12, the day month 6 begins"),
    (1987, 7, 6, "end of heat (150 deg) 1987-08-24 00:01, the day month 7 begins"),
]

UCAL_MONTH, UCAL_DATE, UCAL_EXTENDED_YEAR, UCAL_IS_LEAP_MONTH = 2, 5, 19, 22
MS_PER_DAY = 86_400_000
EPOCH = datetime.date(1970, 1, 1)


class IcuUnavailable(Exception):
    """ICU 72's C library cannot be loaded here."""


def load_icu():
    """ICU's C API; its symbols carry the major version (ucal_open_72)."""
    name = ctypes.util.find_library("icui18n")
    if not name:
        raise IcuUnavailable("ICU's libicui18n is not installed")
    lib = ctypes.CDLL(name)
    version = int(name.rsplit(".", 1)[-1])
    if version != ICU_VERSION:
        raise IcuUnavailable(f"found ICU {version}; the corrections are for ICU {ICU_VERSION}")

    def fn(base, restype, *argtypes):
        f = getattr(lib, f"{base}_{version}")
        f.restype, f.argtypes = restype, list(argtypes)
        return f

    err = ctypes.POINTER(ctypes.c_int)
    return {
        "open": fn("ucal_open", ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int32,
                   ctypes.c_char_p, ctypes.c_int, err),
        "clear": fn("ucal_clear", None, ctypes.c_void_p),
        "set": fn("ucal_set", None, ctypes.c_void_p, ctypes.c_int, ctypes.c_int32),
        "get": fn("ucal_get", ctypes.c_int32, ctypes.c_void_p, ctypes.c_int, err),
        "add": fn("ucal_add", None, ctypes.c_void_p, ctypes.c_int, ctypes.c_int32, err),
        "millis": fn("ucal_getMillis", ctypes.c_double, ctypes.c_void_p, err),
    }


def icu_months():
    """Every month ICU knows from lunar 1899/1 to 2101/1, as
    [first day, lunar year, month, leap] with days counted from 1970-01-01."""
    icu = load_icu()
    status = ctypes.c_int(0)
    # In UTC, ICU's fields at midnight are those of the civil date. ICU wants
    # the zone's name in UTF-16.
    zone = "UTC".encode("utf-16-le")
    cal = icu["open"](zone, 3, b"zh@calendar=chinese", 0, ctypes.byref(status))
    icu["clear"](cal)
    icu["set"](cal, UCAL_EXTENDED_YEAR, FIRST_YEAR + ICU_YEAR_OFFSET)
    icu["set"](cal, UCAL_MONTH, 0)
    icu["set"](cal, UCAL_DATE, 1)
    months = []
    while True:
        day = int(icu["millis"](cal, ctypes.byref(status)) // MS_PER_DAY)
        year = icu["get"](cal, UCAL_EXTENDED_YEAR, ctypes.byref(status)) - ICU_YEAR_OFFSET
        month = icu["get"](cal, UCAL_MONTH, ctypes.byref(status)) + 1
        leap = bool(icu["get"](cal, UCAL_IS_LEAP_MONTH, ctypes.byref(status)))
        if status.value > 0:
            sys.exit(f"generate.py: ICU error {status.value}")
        months.append([day, year, month, leap])
        if year > LAST_YEAR:
            return months
        icu["add"](cal, UCAL_MONTH, 1, ctypes.byref(status))


def day_number(text):
    return (datetime.date.fromisoformat(text) - EPOCH).days


def correct(months):
    """Apply MONTH_STARTS and LEAP_MONTHS; fail loudly if ICU no longer
    makes one of these errors (a newer ICU: regenerate the list)."""
    for year, month, leap, icu_day, true_day, _ in MONTH_STARTS:
        hit = [m for m in months if m[1:] == [year, month, leap]]
        if len(hit) != 1 or hit[0][0] != day_number(icu_day):
            sys.exit(f"generate.py: ICU no longer starts {year}/{month} on {icu_day}")
        hit[0][0] = day_number(true_day)
    for year, icu_leap, true_leap, _ in LEAP_MONTHS:
        labels = [(m[2], m[3]) for m in months if m[1] == year]
        if (icu_leap, True) not in labels:
            sys.exit(f"generate.py: ICU no longer has leap month {icu_leap} in {year}")
        relabel(months, year, true_leap)
    return months


def relabel(months, year, leap):
    """Renumber a year's months for a leap month following month `leap`."""
    for i, m in enumerate(m for m in months if m[1] == year):
        m[2], m[3] = (i + 1, False) if i < leap else (leap, True) if i == leap else (i, False)


def rows(months):
    """One row per lunar year: new-year date, leap month, month lengths."""
    out = []
    for year in range(FIRST_YEAR, LAST_YEAR + 1):
        idx = [i for i, m in enumerate(months) if m[1] == year]
        starts = [months[i][0] for i in idx] + [months[idx[-1] + 1][0]]
        lengths = [b - a for a, b in zip(starts, starts[1:])]
        assert all(n in (29, 30) for n in lengths), (year, lengths)
        leap = next((months[i][2] for i in idx if months[i][3]), 0)
        assert len(lengths) == (13 if leap else 12), year
        new_year = EPOCH + datetime.timedelta(days=starts[0])
        bits = "".join("1" if n == 30 else "0" for n in lengths)
        out.append((year, new_year, leap, bits))
    return out


HEADER = """\
#pragma once
// Generated by tests/lunar/generate.py from ICU {icu}'s Chinese calendar with
// the corrections listed below; do not edit by hand. tests/lunar/README.md
// says where the data comes from and how it is checked.
//
// Corrected month starts (ICU's day -> the true day):
{starts}//
// Corrected leap months (ICU's -> the true one):
{leaps}
#include <cstdint>

namespace crm::lunar_data {{

// One lunar year: the Gregorian date of its first day, the number of its leap
// month (0 for none), and its month lengths as binary digits, first month
// leftmost, 1 for 30 days and 0 for 29 (13 digits when there is a leap month).
struct YearRow {{
    std::int16_t year;
    std::uint8_t month;
    std::uint8_t day;
    std::uint8_t leap;
    std::uint16_t lengths;
}};

inline constexpr int first_year = {first};
inline constexpr int last_year = {last};

// One row a line, so that a regenerated table diffs year by year.
// clang-format off
inline constexpr YearRow years[] = {{
{body}}};
// clang-format on

}} // namespace crm::lunar_data
"""


def render(table):
    starts = "".join(f"//   {y}/{m}: {a} -> {b} ({why})\n" for y, m, _, a, b, why in MONTH_STARTS)
    leaps = "".join(f"//   {y}: {a} -> {b} ({why})\n" for y, a, b, why in LEAP_MONTHS)
    body = "".join(f"    {{{y}, {d.month}, {d.day}, {leap}, 0b{bits}}},\n"
                   for y, d, leap, bits in table)
    return HEADER.format(icu=ICU_VERSION, starts=starts, leaps=leaps, first=FIRST_YEAR,
                         last=LAST_YEAR, body=body)


def generate():
    """The text of lunar_table.hpp."""
    return render(rows(correct(icu_months())))


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--write", action="store_true")
    ap.add_argument("--check", action="store_true")
    args = ap.parse_args()
    try:
        text = generate()
    except IcuUnavailable as e:
        sys.exit(f"generate.py: {e}")
    if args.write:
        TABLE.write_text(text)
    elif args.check:
        if TABLE.read_text() != text:
            sys.exit(f"generate.py: {TABLE.relative_to(ROOT)} is out of date")
        print("lunar table matches ICU plus its corrections")
    else:
        sys.stdout.write(text)


if __name__ == "__main__":
    main()
