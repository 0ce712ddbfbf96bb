#!/usr/bin/env python3
"""`crm export ics` read back by two independent parsers, Python's icalendar
and libical's (tests/ics/ics_parse.cpp, named by $CRM_ICS_PARSE): both must
find the same events; every agenda reason of `crm due --format json` is an
event with the summary it documents; UIDs are unique and stay the same when
the export is made on another day; no line is longer than 75 octets and no
fold splits a UTF-8 character; SUMMARY and DESCRIPTION come back exactly
(DESCRIPTION is `crm show`'s briefing); lunar birthdays come for exactly
--years N years; and `-o FILE` replaces the file by a rename, leaving no
temporary file."""
import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import icalendar

from csv_roundtrip import phrase  # a reason as the agenda writes it

D1, D2 = "2026-11-23", "2026-11-30"

LONG_CJK = "長" * 40
HOSTILE_NAME = f'張偉，「老張」, "Wei"; back\\slash: {LONG_CJK}'
NOTE = 'She said: "too heavy, bring two 5 kg bags"; call after 10:00\nsecond line, 第二行'

CUSTOMERS = {
    # an overdue revisit, a follow-up, a run-out, a balance; hostile text
    "zhang-wei": f'''name = {json.dumps(HOSTILE_NAME, ensure_ascii=False)}
class = "now"
owner = "amy"
region = "Taipei/Da'an, 3F"
phone = "+886 912 345 678"
birthday = 1975-12-10
lunar_birthday = {{ month = 8, day = 15 }}
prefers = "Oolong; no calls, Monday mornings"
notes = {json.dumps(NOTE, ensure_ascii=False)}

[[purchase]]
date = 2026-11-18
product = "rice-10kg"
qty = 1
price = 1200
paid = 600

[[log]]
date = 2026-11-02
kind = "visit"
note = "逗號, 分號; 引號 \\"q\\" and a\\nline break"
''',
    # a CJK id holding characters that a UID must not carry bare
    "王小明,a.b;c": '''name = "王小明"
class = "client"
birthday = "--02-29"
[[person]]
name = "李經理"
role = "purchasing"
birthday = 1980-01-05
lunar_birthday = { month = 1, day = 1 }
''',
    # a terminal escape in the name: shown, never passed on
    "escape": '''name = "Evil\\u001b[2J"
class = "now"
''',
    # a huge note: the description is cut
    "long-notes": 'name = "Long Notes"\nclass = "client"\nnotes = """' +
                  "\n".join(f"line {i}: " + "很長的筆記，" * 10 for i in range(400)) + '"""\n',
}

SETTINGS = '''currency = "TWD"

[classes]
now = "7d"
client = "30d"

[agenda]
horizon = "7d"
birthdays = "30d"

[followup]
after_purchase = ["3d", "7d"]

[products.rice-10kg]
lasts = "10d"
warn = "5d"
'''


def write_ledger(folder):
    (folder / "customers").mkdir(parents=True)
    (folder / "crm.toml").write_text(SETTINGS, encoding="utf-8")
    for cid, text in CUSTOMERS.items():
        (folder / "customers" / f"{cid}.toml").write_text(text, encoding="utf-8")


def visible(s):
    """crm::visible() for what this test's files hold: controls as escapes."""
    names = {"\x1b": "\\e", "\n": "\\n", "\r": "\\r", "\t": "\\t"}
    return "".join(names.get(ch, f"\\x{ord(ch):02x}" if ord(ch) < 0x20 or ord(ch) == 0x7f
                             else ch) for ch in s)


def expected_summary(item, reason):
    out = visible(item["name"]) + ": " + visible(phrase(reason))
    n = reason["days_late"]
    return out + (f" (overdue {n} day{'' if n == 1 else 's'})" if n > 0 else "")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--crm", required=True)
    parser.add_argument("--root", required=True)
    crm = os.path.abspath(parser.parse_args().crm)
    ics_parse = os.environ.get("CRM_ICS_PARSE")
    failures = []

    def check(what, ok):
        if not ok:
            failures.append(what)
        return ok

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "ledger"
        write_ledger(folder)
        env = {k: v for k, v in os.environ.items() if k != "CRM_DIR"}
        env.update(TZ="UTC", LC_ALL="C.UTF-8", NO_COLOR="1")

        def run(*args, cwd=None):
            r = subprocess.run([crm, "-C", str(folder), *args], capture_output=True, env=env,
                               cwd=cwd)
            check(f"crm {' '.join(args)}: exit {r.returncode}, stderr {r.stderr!r}",
                  r.returncode == 0)
            return r.stdout

        raw = run("export", "ics", "--date", D1)
        text = raw.decode("utf-8")
        cal = icalendar.Calendar.from_ical(text)
        events = [c for c in cal.walk("VEVENT")]
        by_uid = {str(e["UID"]): e for e in events}

        # The file's lines: CRLF, at most 75 octets, folds between characters.
        check("ends with CRLF", raw.endswith(b"\r\n"))
        lines = raw[:-2].split(b"\r\n")
        check("no bare LF", all(b"\n" not in l for l in lines))
        for i, l in enumerate(lines):
            check(f"line {i + 1} has {len(l)} octets", len(l) <= 75)
            try:
                l.decode("utf-8")
            except UnicodeDecodeError:
                failures.append(f"line {i + 1} splits a UTF-8 character: {l!r}")
        folded_cjk = [l for l in lines if l[:1] == b" " and l[1:4] == "長".encode()]
        check("the long CJK name is folded inside its characters", folded_cjk)

        # The calendar's properties.
        check(f"PRODID {cal.get('PRODID')!r}", str(cal.get("PRODID", "")).startswith("-//crm//crm ")
              and str(cal.get("PRODID")).endswith("//EN"))
        check("VERSION 2.0", str(cal.get("VERSION")) == "2.0")
        check("CALSCALE", str(cal.get("CALSCALE")) == "GREGORIAN")
        check("X-WR-CALNAME", str(cal.get("X-WR-CALNAME")) == "crm: ledger")

        # UIDs unique; DTSTAMP from --date; dates are dates.
        uids = [str(e["UID"]) for e in events]
        check(f"UIDs unique: {uids}", len(uids) == len(set(uids)))
        for e in events:
            check(f"{e['UID']}: DTSTAMP {e['DTSTAMP'].to_ical()!r}",
                  e["DTSTAMP"].to_ical() == b"20261123T000000Z")
            check(f"{e['UID']}: DTSTART is a date",
                  e["DTSTART"].to_ical().decode().isdigit())
        for u in uids:
            check(f"UID {u!r} holds only safe characters",
                  all(ord(ch) > 0x7f or ch.isalnum() or ch in "-_.=~@" for ch in u))
        check("a CJK id is kept in its UID",
              "revisit.王小明=2Ca=2Eb=3Bc@crm" in by_uid)

        # Every reason of the agenda (but birthdays) is an event.
        agenda = json.loads(run("due", "--format", "json", "--date", D1))
        for item in agenda["items"]:
            for reason in item["reasons"]:
                if reason["kind"] == "birthday":
                    continue
                want = expected_summary(item, reason)
                day = max(reason["date"], D1).replace("-", "")
                match = [e for e in events if str(e["SUMMARY"]) == want and
                         e["DTSTART"].to_ical().decode() == day]
                check(f"event for {item['id']} {reason['kind']}: {want!r} on {day}",
                      len(match) == 1)
        zhang_revisit = by_uid.get("revisit.zhang-wei@crm")
        if check("revisit.zhang-wei@crm is there", zhang_revisit is not None):
            check(f"overdue revisit on the export day: {zhang_revisit['SUMMARY']!r}",
                  zhang_revisit["DTSTART"].to_ical() == b"20261123" and
                  "(overdue " in str(zhang_revisit["SUMMARY"]) and
                  str(zhang_revisit["SUMMARY"]).startswith(HOSTILE_NAME + ": revisit, "))
        evil = by_uid.get("revisit.escape@crm")
        if check("revisit.escape@crm is there", evil is not None):
            check(f"escape shown, not passed on: {evil['SUMMARY']!r}",
                  str(evil["SUMMARY"]).startswith("Evil\\e[2J: ") and "\x1b" not in text)

        # DESCRIPTION is crm show's briefing, exactly; a huge one is cut.
        for cid in ("zhang-wei", "王小明,a.b;c", "escape"):
            show = run("show", cid, "--date", D1).decode("utf-8")
            mine = [e for e in events if str(e["UID"]).split(".")[1].startswith(
                cid.replace(",", "=2C").replace(".", "=2E").replace(";", "=3B"))]
            check(f"{cid} has events", mine)
            for e in mine:
                check(f"{e['UID']}: DESCRIPTION is the briefing",
                      str(e.get("DESCRIPTION", "")) == show)
        cut = [e for e in events if "long-notes" in str(e["UID"])]
        if check("long-notes has an event", cut):
            d = str(cut[0]["DESCRIPTION"])
            show = run("show", "long-notes", "--date", D1).decode("utf-8")
            check(f"a long description is cut: {len(d.encode())} bytes",
                  len(d.encode()) <= 4000 and
                  d.endswith("… cut: crm show long-notes has the rest\n") and
                  show.startswith(d[:d.rindex("…")]))

        # Birthdays: Gregorian ones yearly, Feb 29 on February's last day.
        bday = by_uid.get("birthday.zhang-wei@crm")
        if check("birthday.zhang-wei@crm is there", bday is not None):
            check(f"yearly from the year of birth: {bday.to_ical()!r}",
                  bday["RRULE"].to_ical() == b"FREQ=YEARLY" and
                  bday["DTSTART"].to_ical() == b"19751210")
        feb = by_uid.get("birthday.王小明=2Ca=2Eb=3Bc@crm")
        if check("the Feb 29 birthday is there", feb is not None):
            check(f"Feb 29: {feb['RRULE'].to_ical()!r}",
                  dict(feb["RRULE"]) == {"FREQ": ["YEARLY"], "BYMONTH": [2], "BYMONTHDAY": [-1]}
                  and
                  feb["DTSTART"].to_ical() == b"20000229")
        check("a person's birthday",
              "birthday.王小明=2Ca=2Eb=3Bc.李經理@crm" in by_uid)

        # Lunar birthdays: one event for each of the next N lunar years.
        for years in (3, 5):
            cal_n = icalendar.Calendar.from_ical(
                run("export", "ics", "--date", D1, "--years", str(years)).decode("utf-8"))
            for prefix in ("lunar-birthday.zhang-wei.", "lunar-birthday.王小明=2Ca=2Eb=3Bc.李經理."):
                got = sorted(str(e["UID"]) for e in cal_n.walk("VEVENT")
                             if str(e["UID"]).startswith(prefix))
                check(f"--years {years}: {prefix}*: {got}", len(got) == years)
                for e in cal_n.walk("VEVENT"):
                    if str(e["UID"]).startswith(prefix):
                        check(f"{e['UID']} is not repeated and not before the day",
                              "RRULE" not in e and e["DTSTART"].to_ical() >= b"20261123")

        # Another day: the same items keep their UIDs.
        later = icalendar.Calendar.from_ical(run("export", "ics", "--date", D2).decode("utf-8"))
        later_uids = {str(e["UID"]): e for e in later.walk("VEVENT")}
        for uid in ("revisit.zhang-wei@crm", "birthday.zhang-wei@crm",
                    "run-out.zhang-wei.rice-10kg@crm", "revisit.escape@crm"):
            check(f"{uid} on {D1} and {D2}", uid in by_uid and uid in later_uids)
        if "revisit.zhang-wei@crm" in later_uids:
            check("the revisit moved with its UID",
                  later_uids["revisit.zhang-wei@crm"]["DTSTART"].to_ical() == b"20261130")

        # libical reads the same events.
        ics_file = Path(tmp) / "out.ics"
        ics_file.write_bytes(raw)
        if check("CRM_ICS_PARSE names libical's reader", ics_parse):
            r = subprocess.run([ics_parse, str(ics_file)], capture_output=True)
            check(f"ics_parse: exit {r.returncode}, {r.stderr!r}", r.returncode == 0)
            got = {}
            head = []
            for line in r.stdout.decode("utf-8").splitlines():
                fields = line.split("\t")
                if fields[0] == "VCALENDAR":
                    head = fields[1:]
                elif fields[0] == "VEVENT":
                    got[unescape(fields[1])] = [unescape(f) for f in fields[2:]]
            check(f"libical: calendar {head}", head[1:] == ["2.0", "GREGORIAN"])
            check(f"libical: the same UIDs ({len(got)} and {len(by_uid)})",
                  sorted(got) == sorted(by_uid))
            for uid, (start, rrule, summary, description) in got.items():
                e = by_uid.get(uid)
                if e is None:
                    continue
                check(f"libical: {uid} DTSTART {start}", start == e["DTSTART"].to_ical().decode())
                check(f"libical: {uid} RRULE {rrule}",
                      rrule == (e["RRULE"].to_ical().decode() if "RRULE" in e else ""))
                check(f"libical: {uid} SUMMARY {summary!r}", summary == str(e["SUMMARY"]))
                check(f"libical: {uid} DESCRIPTION",
                      description == str(e.get("DESCRIPTION", "")))

        # -o FILE: replaced by a rename; the old file is never written into.
        out_dir = Path(tmp) / "calendars"
        out_dir.mkdir()
        target = out_dir / "crm.ics"
        target.write_bytes(b"OLD CALENDAR\r\n")
        old_inode = target.stat().st_ino
        with open(target, "rb") as old:
            printed = run("export", "ics", "--date", D1, "-o", "calendars/crm.ics", cwd=tmp)
            check(f"-o prints nothing: {printed!r}", printed == b"")
            check("the old file is untouched", old.read() == b"OLD CALENDAR\r\n")
        check("the file holds the whole calendar", target.read_bytes() == raw)
        check("the file was replaced by a rename", target.stat().st_ino != old_inode)
        check(f"no temporary file: {sorted(os.listdir(out_dir))}",
              sorted(os.listdir(out_dir)) == ["crm.ics"])
        run("export", "ics", "--date", D2, "-o", str(target))
        check("a second export replaces the first",
              target.read_bytes() == run("export", "ics", "--date", D2))
        check(f"still no temporary file: {sorted(os.listdir(out_dir))}",
              sorted(os.listdir(out_dir)) == ["crm.ics"])

        # crm due --format ics is the same file.
        check("crm due --format ics is crm export ics",
              run("due", "--format", "ics", "--date", D1) == raw)

    for f in failures:
        print(f"FAIL {f}")
    print("ok" if not failures else f"{len(failures)} failed")
    return 1 if failures else 0


def unescape(field):
    out, i = "", 0
    while i < len(field):
        if field[i] == "\\" and i + 1 < len(field):
            out += {"t": "\t", "n": "\n", "r": "\r", "\\": "\\"}[field[i + 1]]
            i += 2
        else:
            out += field[i]
            i += 1
    return out


if __name__ == "__main__":
    sys.exit(main())
