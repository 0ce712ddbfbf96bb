#!/usr/bin/env python3
"""Cross-check crm's Chinese calendar, day by day, against independent
implementations from Debian: python3-lunardate (lunar years 1900-2099) and
liblunar-date through GObject introspection (gir1.2-lunardate-3.0, up to
2101-01-28). Fails on any disagreement not in ALLOWED, on an ALLOWED entry
that no longer matches, on a day of 1901-2100 no source covers, on a failed
round trip from_lunar(to_lunar(d)) == d, and on month lengths or leap months
that contradict the daily conversion. See README.md.

    crosscheck.py --dump build/tests/lunar_dump
"""

import argparse
import collections
import datetime
import os
import subprocess
import sys

os.environ.setdefault("LC_ALL", "C.UTF-8")  # liblunar-date formats per locale

import lunardate  # noqa: E402  (python3-lunardate)

try:
    import gi  # noqa: E402  (python3-gi)

    gi.require_version("LunarDate", "3.0")
    from gi.repository import GLib, LunarDate  # noqa: E402  (gir1.2-lunardate-3.0)
except (ImportError, ValueError) as e:
    sys.exit(f"crosscheck.py: liblunar-date is not usable ({e}); "
             "install gir1.2-lunardate-3.0 and python3-gi")

sys.dont_write_bytecode = True  # keep the source tree clean under ctest
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import generate  # noqa: E402

LUNARDATE, LIBLUNAR = "lunardate", "liblunar-date"

# Disagreements we accept: (sources, first day, last day, why). Each entry
# must match exactly the days that differ. Times are Beijing time (UTC+8);
# "HKO" is the Hong Kong Observatory's Gregorian-lunar conversion tables.
# lunardate and liblunar-date descend from one table (the `lunar` program's),
# so they share its four errors from before 1980.
SHARED = (LUNARDATE, LIBLUNAR)
ALLOWED = [
    (SHARED, "1933-07-22", "1933-08-20",
     "their 6th month begins 07-22; the new moon is 1933-07-23 00:03 and HKO begins it 07-23"),
    (SHARED, "1954-11-25", "1954-12-24",
     "their 11th month begins 11-26; the new moon is 1954-11-25 20:30 and HKO begins it 11-25"),
    (SHARED, "1956-12-02", "1956-12-31",
     "their 11th month begins 12-03; the new moon is 1956-12-02 16:12 and HKO begins it 12-02"),
    (SHARED, "1978-09-02", "1978-10-01",
     "their 8th month begins 09-02; the new moon is 1978-09-03 00:08 and HKO begins it 09-03"),
    ((LUNARDATE,), "2057-09-28", "2057-10-27",
     "lunardate begins the 9th month 09-28; the new moon is seconds from midnight "
     "(about 23:59:50 on 09-28, closer than the uncertainty of the Earth's rotation "
     "that far ahead); HKO's table, liblunar-date and ICU all begin it 09-29"),
    ((LIBLUNAR,), "2060-04-30", "2060-05-29",
     "liblunar-date begins the 4th month 05-01; the new moon is 2060-04-30 18:10 "
     "and HKO, lunardate and ICU begin it 04-30"),
]

CHECKED_FROM, CHECKED_TO = datetime.date(1901, 1, 1), datetime.date(2100, 12, 31)


def lunardate_range():
    first = lunardate.LunarDate(1900, 1, 1).toSolarDate()
    try:
        last = lunardate.LunarDate(2099, 12, 30).toSolarDate()
    except ValueError:
        last = lunardate.LunarDate(2099, 12, 29).toSolarDate()
    return first, last


def from_lunardate(d, bounds):
    if not bounds[0] <= d <= bounds[1]:
        return None
    x = lunardate.LunarDate.fromSolarDate(d.year, d.month, d.day)
    return (x.year, x.month, x.day, bool(x.isLeapMonth))


def from_liblunar(d, cal):
    try:
        cal.set_solar_date(d.year, d.month, d.day, 12)
    except GLib.Error:
        return None  # outside its range
    year, month, day = cal.strftime("%(nian) %(yue) %(ri)").split()
    return (int(year), int(month.lstrip("*")), int(day), month.startswith("*"))


def read_dump(exe):
    out = subprocess.run([exe], check=True, capture_output=True, text=True).stdout
    rng, days, years = None, {}, {}
    for line in out.splitlines():
        kind, *f = line.split()
        if kind == "range":
            rng = tuple(datetime.date.fromisoformat(x) for x in f)
        elif kind == "day":
            d = datetime.date.fromisoformat(f[0])
            days[d] = None if f[1] == "-" else (
                (int(f[1]), int(f[2]), int(f[3]), f[4] == "1"),
                None if f[5] == "-" else datetime.date.fromisoformat(f[5]))
        elif kind == "year":
            years[int(f[0])] = [int(x) for x in f[1:]]
    return rng, days, years


def check_days(rng, days):
    """Compare every day with both sources; return (errors, differing days
    per source, count of days each source covered)."""
    errors, differ, covered = [], collections.defaultdict(set), collections.Counter()
    bounds, cal = lunardate_range(), LunarDate.Date()
    for d, entry in sorted(days.items()):
        inside = rng[0] <= d <= rng[1]
        if entry is None or not inside:
            if (entry is None) == inside:
                errors.append(f"{d}: in range {inside} but converted {entry is not None}")
            continue
        ours, back = entry
        if back != d:
            errors.append(f"{d}: from_lunar(to_lunar) gives {back}")
        refs = {LUNARDATE: from_lunardate(d, bounds), LIBLUNAR: from_liblunar(d, cal)}
        for name, ref in refs.items():
            if ref is not None:
                covered[name] += 1
                if ref != ours:
                    differ[name].add(d)
        if CHECKED_FROM <= d <= CHECKED_TO and all(r is None for r in refs.values()):
            errors.append(f"{d}: no independent source covers it")
    return errors, differ, covered


def check_allowed(differ, days):
    """Every difference must be allowed, and every allowance used in full."""
    errors = []
    for sources, first, last, why in ALLOWED:
        a, b = datetime.date.fromisoformat(first), datetime.date.fromisoformat(last)
        span = {a + datetime.timedelta(n) for n in range((b - a).days + 1)}
        for name in sources:
            if not span <= differ[name]:
                errors.append(f"allow-list entry {first}..{last} ({name}) is stale: {why}")
            differ[name] -= span
    for name, ds in differ.items():
        for d in sorted(ds)[:20]:
            errors.append(f"{d}: crm says {days[d][0]}, {name} disagrees")
        if len(ds) > 20:
            errors.append(f"... and {len(ds) - 20} more days differ from {name}")
    return errors


def check_years(days, years):
    """month_length() and leap_month() must describe the daily conversion."""
    seen = collections.defaultdict(collections.Counter)
    for entry in days.values():
        if entry:
            (y, m, _, leap), _ = entry
            seen[y][(m, leap)] += 1
    errors = []
    for y, row in sorted(years.items()):
        leap, lengths, leap_len = row[0], row[1:13], row[13]
        want_leap = next((m for m, lp in seen[y] if lp), 0)
        want = [seen[y][(m, False)] for m in range(1, 13)]
        want_leap_len = seen[y][(want_leap, True)] if want_leap else 0
        if (leap, lengths, leap_len) != (want_leap, want, want_leap_len):
            errors.append(f"year {y}: leap {leap} lengths {lengths} {leap_len}, "
                          f"but the days say leap {want_leap} lengths {want} {want_leap_len}")
    return errors


def check_provenance():
    """The committed table is ICU 72 plus generate.py's corrections."""
    try:
        text = generate.generate()
    except generate.IcuUnavailable as e:
        print(f"provenance: skipped ({e})")
        return []
    if generate.TABLE.read_text() != text:
        return ["src/core/lunar_table.hpp differs from generate.py's output"]
    print("provenance: src/core/lunar_table.hpp is ICU 72 plus the listed corrections")
    return []


def main():
    ap = argparse.ArgumentParser(description="cross-check crm's lunar calendar")
    ap.add_argument("--dump", required=True, help="the lunar_dump program")
    args = ap.parse_args()
    rng, days, years = read_dump(args.dump)
    print(f"crm's range: {rng[0]} .. {rng[1]}")
    errors, differ, covered = check_days(rng, days)
    for name in (LUNARDATE, LIBLUNAR):
        print(f"{name}: {covered[name]} days compared, {len(differ[name])} differ")
    errors += check_allowed(differ, days)
    errors += check_years(days, years)
    errors += check_provenance()
    for e in errors:
        print(f"error: {e}")
    print(f"allow-list: {len(ALLOWED)} entries; {len(errors)} errors")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
