"""What the completion tests share: the options, a copy of examples/ and a
scrubbed environment in which `crm` on PATH is the binary under test."""
import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ACME = "Acme Trading Co., Ltd. (艾克米貿易)"  # spaces, a comma, brackets
ZHANG = "張偉"


class Harness:
    def __init__(self, description):
        parser = argparse.ArgumentParser(description=description)
        parser.add_argument("--crm", required=True, help="the crm binary")
        parser.add_argument("--root", required=True, type=Path, help="the source tree")
        args = parser.parse_args()
        self.crm = str(Path(args.crm).resolve())
        self.tmp = Path(tempfile.mkdtemp(prefix="crm-completion-"))
        self.ledger = self.tmp / "ledger"
        shutil.copytree(args.root / "examples", self.ledger)
        self.outside = self.tmp / "elsewhere"  # no crm.toml here or above
        self.outside.mkdir()
        bin_dir = self.tmp / "bin"
        bin_dir.mkdir()
        (bin_dir / "crm").symlink_to(self.crm)
        home = self.tmp / "home"
        home.mkdir()
        self.env = {"PATH": f"{bin_dir}:/usr/bin:/bin", "HOME": str(home), "TZ": "UTC",
                    "LC_ALL": "C.UTF-8", "LANG": "C.UTF-8", "NO_COLOR": "1", "TERM": "dumb"}
        self.failures = []

    def script(self, shell):
        """The script `crm completion SHELL` prints, written to a file."""
        name = {"bash": "crm.bash", "zsh": "_crm", "fish": "crm.fish"}[shell]
        if not shutil.which(shell, path=self.env["PATH"]):
            sys.exit(f"{shell} is not installed")
        done = subprocess.run([self.crm, "completion", shell], capture_output=True, text=True,
                              env=self.env, cwd=self.outside)
        if done.returncode != 0 or not done.stdout:
            sys.exit(f"'crm completion {shell}' exited {done.returncode}: {done.stderr}")
        folder = self.tmp / shell
        folder.mkdir(exist_ok=True)
        (folder / name).write_text(done.stdout, encoding="utf-8")
        return folder / name

    def check(self, what, got, want):
        if got != want:
            self.failures.append(f"{what}:\n  got  {got!r}\n  want {want!r}")
            print(f"FAIL {what}")
        else:
            print(f"ok   {what}")

    def finish(self):
        shutil.rmtree(self.tmp, ignore_errors=True)
        for f in self.failures:
            print(f)
        if self.failures:
            print(f"{len(self.failures)} failed")
            return 1
        return 0
