#!/usr/bin/env python3
"""Concurrency: two processes each run `crm log` (then `crm sell`, then `crm
pay`) 200 times on the same customer at once. The folder lock must serialise
them: 400 entries, every note once, and a file that parses, with its original
bytes intact at the start."""
import argparse
import subprocess
import sys
import tempfile
import threading
import time
import tomllib
from pathlib import Path

RUNS = 200
WRITERS = 2
ORIGINAL = """# 張偉 — two salespeople log him at once
name = "張偉"
class = "now"   # deciding this month

[[log]]
date = 2026-11-01
by = "amy"
"""


def make_folder(root):
    (root / "customers").mkdir(parents=True)
    (root / "crm.toml").write_text('[me]\nname = "amy"\n', encoding="utf-8")
    (root / "customers" / "zhang-wei.toml").write_text(ORIGINAL, encoding="utf-8")


# Each command writes one kind of entry, told apart by its note.
COMMANDS = {
    "log": ("log", lambda note: ["log", "zhang-wei", note]),
    "sell": ("purchase", lambda note: ["sell", "zhang-wei", "tea", "--other", "--price", "100",
                                       "--note", note]),
    "pay": ("payment", lambda note: ["pay", "zhang-wei", "10", "--credit", "--note", note]),
}


def writer(crm, root, kind, who, failures):
    for i in range(RUNS):
        proc = subprocess.run(
            [crm, "--dir", str(root), *COMMANDS[kind][1](f"{who} note {i}"), "--by", who,
             "--date", "2026-11-23"],
            capture_output=True, text=True)
        if proc.returncode != 0:
            failures.append(f"{who} {i}: exit {proc.returncode}: {proc.stderr.strip()}")


def check(root, kind):
    text = (root / "customers" / "zhang-wei.toml").read_text(encoding="utf-8")
    problems = []
    if not text.startswith(ORIGINAL):
        problems.append("the original bytes at the start of the file changed")
    doc = tomllib.loads(text)  # raises if the file does not parse
    table = COMMANDS[kind][0]
    entries = doc.get(table, [])
    notes = [e.get("note") for e in (entries[1:] if table == "log" else entries)]
    expected = {f"{w} note {i}" for w in ("w0", "w1") for i in range(RUNS)}
    if len(notes) != WRITERS * RUNS:
        problems.append(f"{len(notes)} entries instead of {WRITERS * RUNS}")
    if set(notes) != expected or len(set(notes)) != len(notes):
        problems.append("notes lost or duplicated")
    leftovers = [p.name for p in (root / "customers").iterdir() if p.name != "zhang-wei.toml"]
    if leftovers:
        problems.append(f"files left behind: {leftovers}")
    return len(notes), problems


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--crm", required=True)
    crm = str(Path(parser.parse_args().crm).resolve())
    failed = 0
    for kind in COMMANDS:
        failed += concurrent(crm, kind)
    return 1 if failed else 0


def concurrent(crm, kind):
    with tempfile.TemporaryDirectory(prefix="crm-concurrent-") as tmp:
        root = Path(tmp) / "ledger"
        make_folder(root)
        failures = []
        threads = [threading.Thread(target=writer, args=(crm, root, kind, f"w{n}", failures))
                   for n in range(WRITERS)]
        start = time.monotonic()
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        elapsed = time.monotonic() - start
        entries, problems = check(root, kind)
    problems = failures[:5] + problems
    status = "FAIL" if problems else "ok"
    print(f"{status}: {WRITERS} writers x {RUNS} crm {kind} -> {entries} entries in "
          f"{elapsed:.1f} s")
    for p in problems:
        print(f"  {p}")
    return bool(problems)


if __name__ == "__main__":
    sys.exit(main())
