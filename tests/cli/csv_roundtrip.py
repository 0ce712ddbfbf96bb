#!/usr/bin/env python3
"""`crm due --format csv` and `crm list --format csv` read back by Python's
csv module, field for field against what `--format json` says in the same
run, on the fixtures whose text is hostile (quotes, commas, CR/LF line
breaks, tabs, terminal escapes, bidi controls, Chinese)."""
import argparse
import csv
import io
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

DATE = "2026-11-23"
FIXTURES = ["tests/fixtures/list-quoting", "tests/fixtures/hostile-text", "examples"]
DUE_HEADER = ["date", "id", "name", "kinds", "reasons", "days_late", "owner", "region", "phone"]
LIST_HEADER = ["name", "id", "class", "owner", "contacts", "region", "phone", "email", "tags",
               "last_contact", "next_due", "balance", "value"]


def phrase(reason):
    """A reason as the agenda writes it (crm(1), crm due, FORMATS)."""
    kind, text = reason["kind"], reason["text"]
    if kind == "revisit":
        return "revisit, " + text
    if kind == "follow-up":
        return "follow-up " + text
    if kind == "birthday" and not text.startswith("birthday"):
        return "birthday, " + text
    return text


def due_row(item):
    return [item["date"], item["id"], item["name"], ";".join(item["kinds"]),
            " · ".join(phrase(r) for r in item["reasons"]), str(item["days_late"]),
            item["owner"], item["region"], item["phone"]]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--crm", required=True)
    parser.add_argument("--root", required=True)
    options = parser.parse_args()
    crm = os.path.abspath(options.crm)
    failures = []

    def check(what, ok):
        if not ok:
            failures.append(what)
        return ok

    env = {k: v for k, v in os.environ.items() if k != "CRM_DIR"}
    env.update(TZ="UTC", LC_ALL="C.UTF-8", NO_COLOR="1")
    with tempfile.TemporaryDirectory() as tmp:
        for fixture in FIXTURES:
            folder = Path(tmp) / fixture.replace("/", "_")
            shutil.copytree(Path(options.root) / fixture, folder)

            def run(*args):
                r = subprocess.run([crm, "-C", str(folder), *args, "--date", DATE],
                                   capture_output=True, env=env)
                check(f"{fixture}: crm {' '.join(args)}: exit {r.returncode}",
                      r.returncode in (0, 1))
                return r.stdout.decode("utf-8")

            text = run("due", "--format", "csv")
            check(f"{fixture}: due: records end in CRLF", text.endswith("\r\n"))
            rows = list(csv.reader(io.StringIO(text, newline="")))
            items = json.loads(run("due", "--format", "json"))["items"]
            check(f"{fixture}: due: header {rows[:1]}", rows[:1] == [DUE_HEADER])
            check(f"{fixture}: due: {len(rows) - 1} rows for {len(items)} lines",
                  len(rows) - 1 == len(items) and items)
            for row, item in zip(rows[1:], items):
                check(f"{fixture}: due: {row!r} != {due_row(item)!r}", row == due_row(item))

            text = run("list", "--format", "csv")
            rows = list(csv.reader(io.StringIO(text, newline="")))
            listed = json.loads(run("list", "--format", "json"))
            customers = listed["customers"] if isinstance(listed, dict) else listed
            check(f"{fixture}: list: header {rows[:1]}", rows[:1] == [LIST_HEADER])
            check(f"{fixture}: list: {len(rows) - 1} rows for {len(customers)} customers",
                  len(rows) - 1 == len(customers))
            for row, c in zip(rows[1:], customers):
                got = dict(zip(LIST_HEADER, row))
                for key in ("name", "id", "class", "owner", "region"):
                    check(f"{fixture}: list: {key} {got[key]!r} != {c.get(key)!r}",
                          got[key] == c.get(key))

    for f in failures:
        print(f"FAIL {f}")
    print("ok" if not failures else f"{len(failures)} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
