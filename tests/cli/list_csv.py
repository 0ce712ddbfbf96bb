#!/usr/bin/env python3
"""`crm list --format csv` and `--format tsv` read back by another program:
Python's csv module must get every field exactly as the customer files hold
it (quotes, commas, CR/LF line breaks, tabs, backslashes, Chinese), under the
documented header; TSV's escapes must undo to the same fields."""
import argparse
import csv
import io
import os
import subprocess
import sys
import tempfile
from pathlib import Path

HEADER = ["name", "id", "class", "owner", "contacts", "region", "phone", "email", "tags",
          "last_contact", "next_due", "balance", "value"]

# id -> the fields as written to the file (TOML escapes them), and as expected back.
CUSTOMERS = {
    "quoted": {
        "name": 'Oliver "Ollie" Grant, Jr.',
        "region": "Taipei/Da'an, 3F",
        "phone": "+886 912 345 678",
        "email": "o@example.com",
        "owner": "amy",
        "contacts": ["ben", "carl, the driver"],
        "tags": ["vip", 'say "hi"'],
    },
    "newlines": {
        "name": "張偉\r\nsecond line\nthird",
        "region": "新北市\t板橋區\\back",
        "phone": "",
        "email": "",
        "owner": "",
        "contacts": [],
        "tags": [],
    },
    "plain": {
        "name": "王淑惠",
        "region": "Taoyuan",
        "phone": "03 333 4444",
        "email": "",
        "owner": "ben",
        "contacts": [],
        "tags": ["regular"],
    },
}


def toml_string(s):
    out = '"'
    for ch in s:
        out += {'"': '\\"', "\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t"}.get(ch, ch)
    return out + '"'


def toml_list(items):
    return "[" + ", ".join(toml_string(i) for i in items) + "]"


def write_ledger(folder):
    (folder / "customers").mkdir(parents=True)
    (folder / "crm.toml").write_text('currency = "TWD"\n\n[classes]\nclient = "60d"\n',
                                     encoding="utf-8")
    for cid, c in CUSTOMERS.items():
        lines = [f"{k} = {toml_string(c[k])}" for k in ("name", "region", "phone", "email",
                                                          "owner")]
        lines += [f"contacts = {toml_list(c['contacts'])}", f"tags = {toml_list(c['tags'])}",
                  'class = "client"',
                  'notes = "said: \\"too heavy,\\" \\r\\n\\tthen left"',
                  "", "[[purchase]]", "date = 2026-10-01", 'product = "rice"',
                  "price = 1200.5", "paid = 200", "",
                  "[[log]]", "date = 2026-11-01", 'kind = "call"', 'note = "a, \\"b\\""']
        (folder / "customers" / f"{cid}.toml").write_text("\n".join(lines) + "\n",
                                                          encoding="utf-8")


def expected_row(cid):
    c = CUSTOMERS[cid]
    return {"name": c["name"], "id": cid, "class": "client", "owner": c["owner"],
            "contacts": ";".join(c["contacts"]), "region": c["region"], "phone": c["phone"],
            "email": c["email"], "tags": ";".join(c["tags"]), "last_contact": "2026-11-01",
            # the balance, with no due date and no payday, is to collect from the sale
            "next_due": "2026-10-01", "balance": "1000.50", "value": "1200.50"}


def untsv(field):
    out, i = "", 0
    while i < len(field):
        if field[i] == "\\" and i + 1 < len(field):
            out += {"t": "\t", "n": "\n", "r": "\r", "\\": "\\"}[field[i + 1]]
            i += 2
        else:
            out += field[i]
            i += 1
    return out


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--crm", required=True)
    parser.add_argument("--root", required=True)
    crm = os.path.abspath(parser.parse_args().crm)
    failures = []

    def check(what, ok):
        if not ok:
            failures.append(what)

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "ledger"
        write_ledger(folder)
        env = {k: v for k, v in os.environ.items() if k != "CRM_DIR"}

        def run(fmt, *extra):
            return subprocess.run([crm, "-C", str(folder), "list", "--date", "2026-11-23",
                                   "--format", fmt, *extra], capture_output=True, env=env)

        r = run("csv")
        check(f"csv: exit {r.returncode}, stderr {r.stderr!r}", r.returncode == 0)
        text = r.stdout.decode("utf-8")
        check("csv: records end in CRLF", text.endswith("\r\n"))
        rows = list(csv.reader(io.StringIO(text, newline="")))
        check(f"csv: header {rows[:1]!r}", rows[:1] == [HEADER])
        got = {row[1]: dict(zip(HEADER, row)) for row in rows[1:]}
        check(f"csv: ids {sorted(got)!r}", sorted(got) == sorted(CUSTOMERS))
        for cid in CUSTOMERS:
            check(f"csv: {cid}: {got.get(cid)!r} != {expected_row(cid)!r}",
                  got.get(cid) == expected_row(cid))

        r = run("tsv")
        check(f"tsv: exit {r.returncode}, stderr {r.stderr!r}", r.returncode == 0)
        lines = r.stdout.decode("utf-8").split("\n")
        check("tsv: ends with one LF", lines[-1] == "" and all(lines[:-1]))
        records = [[untsv(f) for f in line.split("\t")] for line in lines[:-1]]
        check(f"tsv: header {records[:1]!r}", records[:1] == [HEADER])
        got = {rec[1]: dict(zip(HEADER, rec)) for rec in records[1:]}
        for cid in CUSTOMERS:
            check(f"tsv: {cid}: {got.get(cid)!r} != {expected_row(cid)!r}",
                  got.get(cid) == expected_row(cid))

        r = run("csv", "--grep", '"too heavy,"')
        rows = list(csv.reader(io.StringIO(r.stdout.decode("utf-8"), newline="")))
        check(f"csv --grep a note: {len(rows) - 1} rows", len(rows) - 1 == len(CUSTOMERS))

    for f in failures:
        print(f"FAIL {f}")
    print("ok" if not failures else f"{len(failures)} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
