#!/usr/bin/env python3
"""A crm ledger as a remind(1) file, for timing remind on the same load as crm due.

    python3 bench/to_remind.py LEDGER OUT.rem [--date D]

writes one REM line per dated item that crm due would consider, for every customer of
LEDGER/customers/*.toml, computed simply from the TOML (this is a load comparison, not a
correctness one: the same customers and about as many dated items, not the same agenda):

- revisit: the newest [[log]]'s next, else its date + the class's ideal interval from
  crm.toml (else since + the ideal, else the first purchase + the ideal, else D); repeated
  daily from then on (*1), since crm keeps an overdue revisit until a contact is logged;
- follow-up: the newest sale day + each after_purchase step;
- birthday: the customer's and each [[person]]'s, yearly (REM Mar 14, no year); a lunar
  birthday M/D as the Gregorian date one month later (M+1/D, the day at most 28), which is
  roughly where it falls;
- run-out: each product's newest purchase with a life (its own lasts, else the product's):
  its date + lasts x qty, divided by the household for a per_person product;
- collect: each purchase's due, repeated daily from then on (*1), as an unpaid balance stays;
- plan: each [[plan]]'s date.

Each REM warns ahead as crm does: by the horizon of crm.toml for most items, by the birthday
window for birthdays, by the product's warn for run-outs. Prints, on standard output, how many
customers and reminders it wrote. Python 3.11 standard library only (tomllib).

to_task.py imports this file's reading of the ledger.
"""

import argparse
import calendar
import datetime as dt
import functools
import multiprocessing
import os
import re
import sys
import tomllib

MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


def parse_interval(text):
    """'7d', '2w', '1m', '1y' -> (count, unit), or None."""
    m = re.fullmatch(r"\s*(\d+)\s*([dwmy])\s*", str(text))
    return (int(m.group(1)), m.group(2)) if m else None


def add_interval(day, interval):
    """day + interval, months as calendar months (Jan 31 + 1m = Feb 28)."""
    n, unit = interval
    if unit == "d":
        return day + dt.timedelta(days=n)
    if unit == "w":
        return day + dt.timedelta(weeks=n)
    months = n * (12 if unit == "y" else 1)
    y, m = divmod(day.month - 1 + months, 12)
    y += day.year
    m += 1
    return dt.date(y, m, min(day.day, calendar.monthrange(y, m)[1]))


def interval_days(interval):
    """An interval in whole days, months as 30 days and years as 365 (as run-outs count)."""
    n, unit = interval
    return n * {"d": 1, "w": 7, "m": 30, "y": 365}[unit]


def as_date(value):
    """A TOML date or datetime -> date; anything else -> None."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return None


class Settings:
    """What the conversions need from crm.toml."""

    def __init__(self, ledger):
        with open(os.path.join(ledger, "crm.toml"), "rb") as f:
            toml = tomllib.load(f)
        self.cadence = {}  # class -> ideal interval
        for name, value in toml.get("classes", {}).items():
            ideal = value[0] if isinstance(value, list) and value else value
            if parse_interval(ideal):
                self.cadence[name] = parse_interval(ideal)
        agenda = toml.get("agenda", {})
        self.horizon = interval_days(parse_interval(agenda.get("horizon", "7d")) or (7, "d"))
        self.birthdays = interval_days(parse_interval(agenda.get("birthdays", "30d"))
                                       or (30, "d"))
        steps = toml.get("followup", {}).get("after_purchase", ["3d", "7d", "30d"])
        self.steps = [parse_interval(s) for s in steps if parse_interval(s)]
        self.products = {}  # key -> (lasts interval or None, per_person, warn days)
        for key, p in toml.get("products", {}).items():
            self.products[key] = (parse_interval(p.get("lasts", "")),
                                  bool(p.get("per_person", False)),
                                  interval_days(parse_interval(p.get("warn", "5d")) or (5, "d")))


def customer_files(ledger):
    """The customer files of LEDGER, sorted, dot files skipped (as crm lists them)."""
    folder = os.path.join(ledger, "customers")
    names = sorted(n for n in os.listdir(folder) if n.endswith(".toml") and not n.startswith("."))
    return [os.path.join(folder, n) for n in names]


def read_customer(path):
    """(id, table) of one customer file."""
    with open(path, "rb") as f:
        return os.path.basename(path)[: -len(".toml")], tomllib.load(f)


_convert = None  # the worker's function of (id, table)


def _init_worker(convert):
    global _convert
    _convert = convert


def _convert_file(path):
    try:
        cid, c = read_customer(path)
    except (OSError, tomllib.TOMLDecodeError) as e:
        return path, None, str(e)
    return path, _convert(cid, c), None


def convert_ledger(ledger, convert, jobs=None):
    """convert(id, table) of every customer file of LEDGER, in file order, on JOBS processes
    (default: one per core; tomllib is most of the time). Yields the results; a file that
    does not read or parse is reported on standard error and skipped."""
    files = customer_files(ledger)
    jobs = jobs or os.cpu_count() or 1
    with multiprocessing.Pool(jobs, _init_worker, (convert,)) as pool:
        for path, result, error in pool.imap(_convert_file, files, chunksize=64):
            if error is not None:
                print(f"{os.path.basename(sys.argv[0])}: {path}: {error}", file=sys.stderr)
            else:
                yield result


def next_revisit(c, settings, today):
    """The day the customer is due a revisit, computed simply; None without a known class."""
    ideal = settings.cadence.get(c.get("class"))
    if ideal is None:
        return None
    last = None  # (date, log); the newest by date, the last in the file among equal dates
    for log in c.get("log", []):
        day = as_date(log.get("date"))
        if day and log.get("kind") != "handover" and (last is None or day >= last[0]):
            last = (day, log)
    if last:
        planned = as_date(last[1].get("next"))
        return planned or add_interval(last[0], ideal)
    since = as_date(c.get("since"))
    if since is None:
        bought = [as_date(p.get("date")) for p in c.get("purchase", [])]
        bought = [d for d in bought if d]
        since = min(bought) if bought else None
    return add_interval(since, ideal) if since else today


def birthday_month_day(value):
    """A birthday (date, or '--MM-DD' text) -> (month, day), or None."""
    day = as_date(value)
    if day:
        return day.month, day.day
    m = re.fullmatch(r"--(\d\d)-(\d\d)", str(value or ""))
    return (int(m.group(1)), int(m.group(2))) if m else None


def lunar_as_gregorian(value):
    """A lunar birthday {month, day} -> an approximate Gregorian (month, day), or None."""
    if not isinstance(value, dict) or "month" not in value or "day" not in value:
        return None
    return int(value["month"]) % 12 + 1, min(int(value["day"]), 28)


def items(cid, c, settings, today):
    """The customer's dated items: (kind, date or (month, day), warn days, repeat, text)."""
    name = str(c.get("name", cid))
    who = f"{name} ({cid})"
    out = []
    revisit = next_revisit(c, settings, today)
    if revisit:
        out.append(("revisit", revisit, settings.horizon, True, who))
    purchases = c.get("purchase", [])
    household = c.get("household", 1)
    household = household if isinstance(household, int) and household > 0 else 1
    # As crm: the follow-ups of the newest sale day, and each product's
    # newest purchase running out (crm chains a product's purchases into
    # one stock; no older sale or lot is ever on the agenda).
    sale_days = sorted({as_date(p.get("date")) for p in purchases} - {None})
    for day in sale_days[-1:]:
        for n, unit in settings.steps:
            out.append(("follow-up", add_interval(day, (n, unit)), settings.horizon, False,
                        f"{n}{unit} after the sale of {day} to {who}"))
    newest = {}
    for p in purchases:
        day = as_date(p.get("date"))
        if day is not None and day >= newest.get(str(p.get("product", "")), (day, None))[0]:
            newest[str(p.get("product", ""))] = (day, p)
    for p in purchases:
        day = as_date(p.get("date"))
        if day is None:
            continue
        product = str(p.get("product", ""))
        lasts, per_person, warn = settings.products.get(product, (None, False, 5))
        if newest.get(product, (None, None))[1] is not p:
            lasts = None
        lasts = parse_interval(p.get("lasts", "")) or lasts
        if lasts:
            qty = p.get("qty", 1)
            qty = qty if isinstance(qty, (int, float)) and qty > 0 else 1
            life = int(interval_days(lasts) * qty / (household if per_person else 1))
            out.append(("run-out", day + dt.timedelta(days=life), warn, False,
                        f"{product or 'stock'} runs out at {who}"))
        due = as_date(p.get("due"))
        if due:
            out.append(("collect", due, settings.horizon, True,
                        f"{product or 'the purchase'} of {day} from {who}"))
    people = [(who, c)] + [(f"{p.get('name', '?')} at {who}", p) for p in c.get("person", [])]
    for whose, p in people:
        md = birthday_month_day(p.get("birthday"))
        if md:
            out.append(("birthday", md, settings.birthdays, False, whose))
        md = lunar_as_gregorian(p.get("lunar_birthday"))
        if md:
            out.append(("birthday", md, settings.birthdays, False, f"{whose}, lunar"))
    for plan in c.get("plan", []):
        day = as_date(plan.get("date"))
        if day:
            out.append(("plan", day, settings.horizon, False,
                        f"{plan.get('kind', 'visit')} with {who}"))
    return out


def rem_text(text):
    """Text safe in a REM body: no line breaks, % and [ written as remind reads them."""
    text = " ".join(text.split())
    return text.replace("%", "%%").replace("[", '["["]')


def rem_line(kind, when, warn, repeat, text):
    if isinstance(when, tuple):  # yearly
        month, day = when
        trigger = f"{MONTHS[month - 1]} {day}"
    else:
        trigger = when.isoformat()
    return (f"REM {trigger}{' *1' if repeat else ''} +{warn} MSG {kind}: {rem_text(text)}\n")


def remind_lines(settings, today, cid, c):
    """The REM lines of one customer, and the count of each kind."""
    found = items(cid, c, settings, today)
    kinds = {}
    for kind, *_ in found:
        kinds[kind] = kinds.get(kind, 0) + 1
    return "".join(rem_line(*item) for item in found), kinds


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("ledger")
    ap.add_argument("out")
    ap.add_argument("--date", default="2026-11-23",
                    help="today, for a customer never contacted (default 2026-11-23)")
    ap.add_argument("--jobs", type=int, default=None, help="processes (default: one per core)")
    args = ap.parse_args()
    today = dt.date.fromisoformat(args.date)
    settings = Settings(args.ledger)
    counts = {}
    customers = 0
    tmp = args.out + ".tmp"
    with open(tmp, "w", encoding="utf-8") as out:
        out.write("# Generated by bench/to_remind.py from a crm ledger; "
                  f"try: remind -q {os.path.basename(args.out)} {today}\n")
        convert = functools.partial(remind_lines, settings, today)
        for text, kinds in convert_ledger(args.ledger, convert, args.jobs):
            customers += 1
            for kind, n in kinds.items():
                counts[kind] = counts.get(kind, 0) + n
            out.write(text)
    os.replace(tmp, args.out)
    detail = ", ".join(f"{k} {v}" for k, v in sorted(counts.items()))
    print(f"{customers} customers, {sum(counts.values())} reminders ({detail})")


if __name__ == "__main__":
    main()
