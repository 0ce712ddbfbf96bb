#!/usr/bin/env python3
"""Crash: `crm log`, `crm sell` and `crm pay` killed with SIGKILL at random
moments, at least 200 times each. After every kill the file must parse, keep
its original bytes, and hold every entry whose command exited 0 (a killed one
may or may not be there, once)."""
import argparse
import os
import random
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import tomllib
from pathlib import Path

KILLS = 200
MAX_RUNS = 2000
BUDGET = 300.0  # seconds: a cap for slow, loaded machines (sanitizers); it usually takes 10
ORIGINAL = """# 王芳 — her file is written while crm gets killed
name = "王芳"
class = "client"   # buys every month

[[log]]
date = 2026-11-01
by = "amy"
"""


# Each command writes one kind of entry, told apart by its note.
COMMANDS = {
    "log": ("log", lambda note: ["log", "wang-fang", note]),
    "sell": ("purchase", lambda note: ["sell", "wang-fang", "tea", "--other", "--price", "100",
                                       "--note", note]),
    "pay": ("payment", lambda note: ["pay", "wang-fang", "10", "--credit", "--note", note]),
}
KIND = "log"


def command(crm, root, note):
    return [crm, "--dir", str(root), *COMMANDS[KIND][1](note), "--date", "2026-11-23"]


def calibrate(crm, root):
    """The usual length of a run, so that kills spread over all of it."""
    times = []
    for i in range(10):
        start = time.monotonic()
        subprocess.run(command(crm, root, f"warm-up {i}"), check=True, capture_output=True)
        times.append(time.monotonic() - start)
    return statistics.median(times)


def check(root, confirmed, started):
    """Problems with the file now, or [] when it is sound."""
    text = (root / "customers" / "wang-fang.toml").read_text(encoding="utf-8")
    if not text.startswith(ORIGINAL):
        return ["the original bytes changed"]
    try:
        doc = tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        return [f"the file does not parse: {e}"]
    table = COMMANDS[KIND][0]
    entries = doc.get(table, [])
    notes = [e.get("note") for e in (entries[1:] if table == "log" else entries)]
    problems = []
    if missing := confirmed - set(notes):
        problems.append(f"entries of runs that exited 0 are missing: {sorted(missing)[:3]}")
    if len(set(notes)) != len(notes):
        problems.append("an entry is there twice")
    if strangers := set(notes) - started:
        problems.append(f"entries nobody wrote: {sorted(strangers)[:3]}")
    return problems


def temp_files(root):
    return [p.name for p in (root / "customers").iterdir() if ".crm-tmp-" in p.name]


def run(crm, root, rng):
    confirmed, started = set(), set()
    stats = {"kills": 0, "runs": 0, "temp_seen": 0, "written_anyway": 0}
    started |= {f"warm-up {i}" for i in range(10)}
    confirmed |= started
    length = calibrate(crm, root)
    deadline = time.monotonic() + BUDGET
    while stats["kills"] < KILLS and stats["runs"] < MAX_RUNS and time.monotonic() < deadline:
        note = f"run {stats['runs']}"
        stats["runs"] += 1
        started.add(note)
        proc = subprocess.Popen(command(crm, root, note), stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0, length))
        if proc.poll() is None:
            proc.send_signal(signal.SIGKILL)
            stats["kills"] += 1
        proc.wait()
        if proc.returncode == 0:
            confirmed.add(note)
        elif proc.returncode == -signal.SIGKILL:
            stats["temp_seen"] += bool(temp_files(root))
            text = (root / "customers" / "wang-fang.toml").read_text(encoding="utf-8")
            stats["written_anyway"] += f'"{note}"' in text
        else:
            return stats, [f"{note} failed with exit status {proc.returncode}"]
        if problems := check(root, confirmed, started):
            return stats, [f"after {note}: {p}" for p in problems]
    return stats, []


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--crm", required=True)
    parser.add_argument("--seed", type=int, default=20261123)
    options = parser.parse_args()
    failed = 0
    for kind in COMMANDS:
        failed += crash(options, kind)
    return 1 if failed else 0


def crash(options, kind):
    global KIND
    KIND = kind
    crm = str(Path(options.crm).resolve())
    rng = random.Random(options.seed)
    with tempfile.TemporaryDirectory(prefix="crm-crash-") as tmp:
        root = Path(tmp) / "ledger"
        (root / "customers").mkdir(parents=True)
        (root / "crm.toml").write_text('[me]\nname = "amy"\n', encoding="utf-8")
        (root / "customers" / "wang-fang.toml").write_text(ORIGINAL, encoding="utf-8")
        start = time.monotonic()
        stats, problems = run(crm, root, rng)
        elapsed = time.monotonic() - start
        # The next write removes what the killed ones left behind.
        subprocess.run(command(crm, root, "after"), check=True, capture_output=True)
        if leftovers := temp_files(root):
            problems.append(f"temporary files left after a normal run: {leftovers}")
    if stats["kills"] < KILLS:
        problems.append(f"only {stats['kills']} kills landed while crm ran")
    status = "FAIL" if problems else "ok"
    print(f"{status}: {stats['kills']} SIGKILLs in {stats['runs']} runs of crm {kind} "
          f"({stats['temp_seen']} mid-write, {stats['written_anyway']} after the rename) "
          f"in {elapsed:.1f} s, seed {options.seed}")
    for p in problems:
        print(f"  {p}")
    return bool(problems)


if __name__ == "__main__":
    sys.exit(main())
