#!/usr/bin/env python3
"""A working folder that has been deleted (a shell left in a removed
directory, a cron job started from one): crm still works with -C or CRM_DIR,
and without them says there is no crm folder, with an exit status, not an
abort."""
import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--crm", required=True)
    crm = os.path.abspath(parser.parse_args().crm)
    failures = []

    def check(what, ok):
        if not ok:
            failures.append(what)

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "ledger"
        shutil.copytree(ROOT / "examples", folder)
        gone = Path(tmp) / "gone"
        gone.mkdir()
        os.chdir(gone)
        gone.rmdir()
        env = {k: v for k, v in os.environ.items() if k != "CRM_DIR"}

        def run(args, extra_env=None):
            return subprocess.run([crm, *args], capture_output=True, text=True,
                                  env={**env, **(extra_env or {})})

        r = run(["-C", str(folder), "due", "--date", "2026-11-23"])
        check(f"-C: exit {r.returncode}, stderr {r.stderr!r}",
              r.returncode == 0 and "overdue" in r.stdout)
        r = run(["due", "--date", "2026-11-23"], {"CRM_DIR": str(folder)})
        check(f"CRM_DIR: exit {r.returncode}, stderr {r.stderr!r}",
              r.returncode == 0 and "overdue" in r.stdout)
        r = run(["due", "--date", "2026-11-23"])
        check(f"no folder: exit {r.returncode}, stderr {r.stderr!r}",
              r.returncode == 3 and r.stderr.startswith("crm: error: no crm folder here")
              and r.stdout == "")
        os.chdir(tmp)

    for f in failures:
        print(f"FAIL {f}")
    print("ok" if not failures else f"{len(failures)} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
