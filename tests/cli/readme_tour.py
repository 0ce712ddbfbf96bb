#!/usr/bin/env python3
"""The README's "A day with crm" is true: its after-visit commands, run on a
copy of examples/ with --date 2026-11-23, print exactly the lines the README
shows, every other command of the tour runs and exits 0, and the last
`crm undo` takes the payment back."""
import argparse
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

DATE = "2026-11-23"


def tour(readme):
    """The tour's commands (in order) and the output block it shows."""
    section = readme.split("## A day with crm", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"((?:^    .*\n)+)", section, re.M)
    commands, shown = [], None
    for block in blocks:
        lines = [l[4:] for l in block.splitlines()]
        if lines[0].startswith("crm "):
            commands += [l.split("  #", 1)[0].strip() for l in lines if l.startswith("crm ")]
        elif shown is None:
            shown = "\n".join(lines) + "\n"
    return commands, shown


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--crm", required=True)
    parser.add_argument("--root", required=True, type=Path)
    args = parser.parse_args()
    crm = os.path.abspath(args.crm)
    commands, shown = tour((args.root / "README.md").read_text(encoding="utf-8"))
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "TZ": "UTC", "LC_ALL": "C.UTF-8",
           "NO_COLOR": "1", "HOME": tempfile.gettempdir()}
    problems, printed = [], ""
    with tempfile.TemporaryDirectory() as tmp:
        shop = Path(tmp) / "shop"
        shutil.copytree(args.root / "examples", shop)
        for command in commands:
            words = shlex.split(command.split(" > ", 1)[0])
            done = subprocess.run([crm, *words[1:], "--date", DATE], cwd=shop, env=env,
                                  capture_output=True, text=True)
            if done.returncode != 0:
                problems.append(f"'{command}' exited {done.returncode}: {done.stderr.strip()}")
            if words[1] in ("log", "sell", "pay"):
                printed += done.stdout
        if "amount = 600\nby = \"amy\"\nnote = \"cash\"" in (
                shop / "customers" / "zhang-wei.toml").read_text(encoding="utf-8"):
            problems.append("the tour's crm undo did not take the payment back")
    if printed != shown:
        problems.append(f"the README shows\n{shown}but crm printed\n{printed}")
    for p in problems:
        print(p)
    print(f"{'FAIL' if problems else 'ok'}: {len(commands)} commands of the README's tour")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
