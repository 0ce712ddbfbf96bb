#!/usr/bin/env python3
"""The working day's commands on a large ledger: `crm show` and `crm list`, and whether
`crm sell` and `crm pay` by id stay as fast as `crm log` by id.

    python3 bench/day.py CRM LEDGER [--rounds R]

LEDGER is a folder made by bench/generate.py (bench/run.sh keeps them in
${TMPDIR:-/tmp}/crm-bench/nN). It is copied once, so the writes never touch it. The
commands run interleaved, round by round, after a warm-up round; the report gives each
command's median and best wall time, and for sell and pay the median of the rounds'
ratios to log (the steadiest figure on a busy machine). Nothing here fails a build.
"""
import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import tomllib
from pathlib import Path

DATE = "2026-11-23"


def commands(ledger, one):
    """name -> argv; `one` is a customer: (id, name)."""
    cid, name = one
    base = ["-C", str(ledger)]
    return {
        "show ID": [*base, "show", cid, "--date", DATE],
        "show NAME": [*base, "show", name, "--date", DATE],
        "list": [*base, "list", "--date", DATE],
        "list --grep": [*base, "list", "--grep", "heavy", "--date", DATE],
        "log ID": [*base, "log", cid, "bench note", "--date", DATE],
        "sell ID": [*base, "sell", cid, "rice-10kg", "--price", "600", "--date", DATE],
        "pay ID": [*base, "pay", cid, "1", "--credit", "--date", DATE],
    }


def unique_customer(ledger):
    """(id, name) of the first customer, by file name, whose name no other has."""
    names = {}
    for f in sorted((ledger / "customers").iterdir()):
        names.setdefault(tomllib.loads(f.read_text(encoding="utf-8"))["name"], []).append(f.stem)
    return next((ids[0], name) for name, ids in names.items() if len(ids) == 1)


def run(crm, argv):
    start = time.perf_counter()
    done = subprocess.run([crm, *argv], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    elapsed = time.perf_counter() - start
    if done.returncode not in (0, 1):
        sys.exit(f"crm {' '.join(argv)} exited {done.returncode}: {done.stderr.decode()[:300]}")
    return elapsed


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("crm")
    parser.add_argument("ledger", type=Path)
    parser.add_argument("--rounds", type=int, default=10)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="crm-day-") as tmp:
        ledger = Path(tmp) / "ledger"
        shutil.copytree(args.ledger, ledger)
        one = unique_customer(ledger)
        cmds = commands(ledger, one)
        times = {k: [] for k in cmds}
        for k, argv in cmds.items():  # warm-up
            run(args.crm, argv)
        for _ in range(args.rounds):
            for k, argv in cmds.items():
                times[k].append(run(args.crm, argv))
    files = len(list((args.ledger / "customers").iterdir()))
    print(f"{files:,} customers, {args.rounds} interleaved rounds, warm cache; "
          f"ms: median (best)")
    print("| command | ms | ratio to log ID (median of rounds) |")
    print("|---|---:|---:|")
    for k, ts in times.items():
        ratio = ""
        if k in ("sell ID", "pay ID"):
            ratio = f"{statistics.median(a / b for a, b in zip(ts, times['log ID'])):.2f}"
        print(f"| crm {k} | {statistics.median(ts) * 1000:,.0f} ({min(ts) * 1000:,.0f}) | "
              f"{ratio} |")


if __name__ == "__main__":
    main()
