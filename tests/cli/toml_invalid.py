#!/usr/bin/env python3
"""Hostile input: every invalid TOML 1.0.0 case of toml-test (tests/toml-test/,
see its README.md) as a customer file. `crm check` rejects it with a
positioned error and exit status 1; `crm log` refuses to write (exit 3),
leaves the file byte for byte as it was, and leaves no temporary file."""
import argparse
import os
import re
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

# The corpus as copied from upstream: a case lost in a copy must not go unnoticed.
EXPECTED_CASES = 499
POSITIONED = re.compile(r"^customers/x\.toml:\d+:\d+: error: ", re.M)
FILE_LEVEL = re.compile(r"^customers/x\.toml: error: ", re.M)
REFUSED = "crm: error: 'customers/x.toml' does not parse"

# Cases for which crm rightly reports a file-level error (`customers/x.toml:
# error: `) instead of a line and column, with the reason. Every other case
# must be positioned. Empty: toml++ gives a position for all 499, and so does
# crm (invalid UTF-8, control characters and stray CRs included).
NOT_POSITIONED = {}


def crm_env(home):
    # The caller's environment (sanitizer options included) without what would
    # point crm elsewhere or change its messages.
    env = {k: v for k, v in os.environ.items()
           if not k.startswith("CRM_") and k not in ("VISUAL", "EDITOR", "COLUMNS")}
    return {**env, "HOME": str(home), "LC_ALL": "C.UTF-8", "TZ": "UTC", "NO_COLOR": "1"}


def make_ledger(root):
    (root / "customers").mkdir(parents=True)
    (root / "crm.toml").write_text('[me]\nname = "amy"\n', encoding="utf-8")


def check_refused(run, name, customers, data):
    """Problems with `crm check` on one case (already written as x.toml)."""
    r = run(["check"])
    err = r.stderr.decode("utf-8", "replace")
    problems = []
    if r.returncode != 1:
        problems.append(f"check: exit {r.returncode}, not 1")
    if name in NOT_POSITIONED:
        if not FILE_LEVEL.search(err):
            problems.append(f"check: no file-level error in {err!r}")
    elif not POSITIONED.search(err):
        problems.append(f"check: no positioned error in {err!r}")
    if (customers / "x.toml").read_bytes() != data:
        problems.append("check changed customers/x.toml")
    return problems


def log_refused(run, customers, data):
    """Problems with `crm log` on one case: it must refuse and touch nothing."""
    r = run(["log", "x", "note", "--date", "2026-11-23"])
    err = r.stderr.decode("utf-8", "replace")
    problems = []
    if r.returncode != 3:
        problems.append(f"log: exit {r.returncode}, not 3; stderr {err!r}")
    elif REFUSED not in err:
        problems.append(f"log: no refusal in {err!r}")
    if (customers / "x.toml").read_bytes() != data:
        problems.append("log changed customers/x.toml")
    # os.listdir shows hidden files too: a temporary file of a write is one.
    if others := sorted(set(os.listdir(customers)) - {"x.toml"}):
        problems.append(f"log left {others} in customers/")
        for other in others:
            (customers / other).unlink()
    return problems


def run_worker(crm, root, cases, corpus):
    """Run a share of the cases, one after another, on one ledger of its own."""
    make_ledger(root)
    env = crm_env(root.parent)
    customers = root / "customers"

    def run(args):
        return subprocess.run([crm, *args], cwd=root, env=env, capture_output=True)

    failures = []
    for number, case in cases:
        name = case.relative_to(corpus).as_posix()
        data = case.read_bytes()
        (customers / "x.toml").write_bytes(data)
        # A distinct mtime per case, so that nothing keyed on size and mtime
        # can take one case's file for the previous one's.
        stamp = 1_700_000_000 + number
        os.utime(customers / "x.toml", (stamp, stamp))
        problems = check_refused(run, name, customers, data) + log_refused(run, customers, data)
        if problems:
            failures.append((name, problems))
    return failures


def workers():
    # The cases are independent; a sanitizer build starts slowly, so use the cores.
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:
        cores = os.cpu_count() or 1
    return max(1, min(cores, 8))


def corpus_arguments(doc):
    """crm, the corpus folder and its cases, from --crm and --root; None (after
    saying why) when a case of the corpus is missing. Shared with
    toml_messages_zh.py."""
    parser = argparse.ArgumentParser(description=doc.splitlines()[0])
    parser.add_argument("--crm", required=True)
    parser.add_argument("--root", required=True, help="the source tree")
    args = parser.parse_args()
    corpus = Path(args.root).resolve() / "tests" / "toml-test" / "invalid"
    cases = sorted(corpus.rglob("*.toml"))
    if len(cases) != EXPECTED_CASES:
        print(f"FAIL: {len(cases)} cases in '{corpus}', not {EXPECTED_CASES}")
        return None
    return str(Path(args.crm).resolve()), corpus, cases


def main():
    if not (found := corpus_arguments(__doc__)):
        return 1
    crm, corpus, cases = found
    if stale := sorted(set(NOT_POSITIONED) - {c.relative_to(corpus).as_posix() for c in cases}):
        print(f"FAIL: NOT_POSITIONED names cases that do not exist: {stale}")
        return 1
    n = workers()
    shares = [list(enumerate(cases))[i::n] for i in range(n)]
    with tempfile.TemporaryDirectory(prefix="crm-toml-invalid-") as tmp:
        with ThreadPoolExecutor(n) as pool:
            results = pool.map(lambda i: run_worker(crm, Path(tmp) / f"w{i}" / "ledger",
                                                    shares[i], corpus), range(n))
            failures = sorted(f for share in results for f in share)
    if failures:
        print(f"FAIL: {len(failures)} of {len(cases)} invalid TOML cases not refused as expected")
        for name, problems in failures:
            print(f"  {name}: " + "; ".join(problems))
        return 1
    print(f"ok: {len(cases)} invalid TOML cases refused by check (exit 1, "
          f"{len(cases) - len(NOT_POSITIONED)} positioned, {len(NOT_POSITIONED)} file-level) "
          f"and by log (exit 3, file unchanged, nothing left behind)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
