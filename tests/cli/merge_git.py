#!/usr/bin/env python3
"""`crm merge-file` as git's merge driver, in a real git repository: two
branches each log a visit to the same customer and `git merge` is clean, the
file holding both entries in date order; a class both branches changed is
the one conflict, marked on its line, and `crm check` names it with
file:line; a branch that broke the file is merged by git's own line merge.
git runs isolated from the user's configuration (a temporary HOME, no
system config)."""
import argparse
import os
import shlex
import subprocess
import sys
import tempfile
from pathlib import Path

CUSTOMER = """\
# 張偉, met at the Da'an night market
name = "張偉"
class = "now"                 # deciding this month
phone = "+886 912 345 678"

[[log]]
date = 2026-11-20
by = "amy"
kind = "visit"
note = "First visit."
"""


class Repo:
    def __init__(self, crm, root, home):
        self.crm, self.root = crm, root
        self.env = {k: v for k, v in os.environ.items()
                    if not k.startswith(("CRM_", "GIT_")) and k not in ("VISUAL", "EDITOR")}
        self.env.update(HOME=str(home), GIT_CONFIG_NOSYSTEM="1", LC_ALL="C.UTF-8", TZ="UTC",
                        NO_COLOR="1")

    def git(self, *args, check=True):
        r = subprocess.run(["git", *args], cwd=self.root, env=self.env, capture_output=True,
                           text=True)
        if check and r.returncode != 0:
            raise SystemExit(f"git {' '.join(args)} failed:\n{r.stdout}{r.stderr}")
        return r

    def run(self, *args):
        return subprocess.run([self.crm, *args], cwd=self.root, env=self.env,
                              capture_output=True, text=True)

    def log(self, by, day, note, *more):
        r = self.run("log", "zhang-wei", note, "--by", by, "--date", day, *more)
        if r.returncode != 0:
            raise SystemExit(f"crm log failed:\n{r.stderr}")
        self.git("commit", "-qam", f"{by}: {note}")

    def text(self):
        return (self.root / "customers" / "zhang-wei.toml").read_text(encoding="utf-8")


def make_repo(crm, tmp):
    root = tmp / "ledger"
    (tmp / "home").mkdir()
    repo = Repo(crm, root, tmp / "home")
    r = subprocess.run([crm, "init", str(root)], env=repo.env, capture_output=True, text=True)
    if r.returncode != 0:
        raise SystemExit(f"crm init failed:\n{r.stderr}")
    (root / ".gitattributes").write_text("customers/*.toml merge=crm\n", encoding="utf-8")
    (root / "customers" / "zhang-wei.toml").write_text(CUSTOMER, encoding="utf-8")
    repo.git("init", "-q", "-b", "main")
    repo.git("config", "user.name", "Amy")
    repo.git("config", "user.email", "amy@example.com")
    repo.git("config", "merge.crm.driver", f"{shlex.quote(crm)} merge-file %O %A %B %P")
    repo.git("add", "-A")
    repo.git("commit", "-qm", "start")
    return repo


class Checks:
    def __init__(self):
        self.failed = 0

    def __call__(self, what, holds, detail=""):
        if not holds:
            self.failed += 1
            print(f"FAIL {what}\n{detail}")


def both_log(repo, ok):
    repo.git("checkout", "-qb", "ben")
    repo.log("ben", "2026-11-22", "Called: she will think about it.")
    repo.git("checkout", "-q", "main")
    repo.log("amy", "2026-11-23", "Visited: wants the 5 kg bag.")
    r = repo.git("merge", "-q", "--no-edit", "ben", check=False)
    ok("clean merge", r.returncode == 0, r.stdout + r.stderr)
    text = repo.text()
    ben, amy = text.find("she will think"), text.find("wants the 5 kg")
    ok("both entries, in date order", 0 < ben < amy, text)
    ok("no marker", "<<<<<<<" not in text, text)
    r = repo.run("check")
    ok("check is clean", r.returncode == 0, r.stderr)


def class_conflict(repo, ok):
    repo.git("checkout", "-qb", "carl")
    repo.log("carl", "2026-11-24", "Not before spring.", "--class", "later")
    repo.git("checkout", "-q", "main")
    repo.log("amy", "2026-11-25", "Signed the contract.", "--class", "client")
    r = repo.git("merge", "-q", "--no-edit", "carl", check=False)
    ok("conflicting merge fails", r.returncode != 0, r.stdout + r.stderr)
    ok("the driver named the conflict",
       "customers/zhang-wei.toml:3: conflict: 'class' changed on both sides: \"client\" in "
       "ours, \"later\" in theirs" in r.stderr, r.stderr)
    status = repo.git("status", "--porcelain").stdout
    ok("git knows the file is unmerged", "UU customers/zhang-wei.toml" in status, status)
    text = repo.text()
    ok("marked on the class line alone",
       "\n<<<<<<< ours: 'class' changed on both sides: \"client\" in ours, \"later\" in "
       "theirs\nclass = \"client\"" in text and
       "=======\nclass = \"later\"                 # deciding this month\n>>>>>>> theirs\n"
       "phone" in text, text)
    ok("both entries kept", "Not before spring." in text and "Signed the contract." in text,
       text)
    r = repo.run("check")
    ok("check fails", r.returncode == 1, r.stderr)
    ok("check names file:line and the values",
       "customers/zhang-wei.toml:3:1: error: an unresolved merge conflict: 'class' changed on "
       "both sides: \"client\" in ours, \"later\" in theirs" in r.stderr, r.stderr)
    repo.git("merge", "--abort")


def broken_side(repo, ok):
    repo.git("checkout", "-qb", "dan")
    path = repo.root / "customers" / "zhang-wei.toml"
    path.write_text(repo.text() + 'oops = "no closing quote\n', encoding="utf-8")
    repo.git("commit", "-qam", "dan: a broken edit")
    repo.git("checkout", "-q", "main")
    repo.log("amy", "2026-11-26", "Brought the rice.")
    r = repo.git("merge", "-q", "--no-edit", "dan", check=False)
    ok("the driver fell back to git merge-file",
       "crm did not merge it: theirs is not valid TOML" in r.stderr, r.stderr)
    text = repo.text()
    ok("no side lost", "Brought the rice." in text and "no closing quote" in text, text)
    ok("git's plain labels", "<<<<<<< ours\n" in text and ">>>>>>> theirs\n" in text, text)
    r = repo.run("check")
    ok("check names git's conflict",
       "customers/zhang-wei.toml:" in r.stderr and "an unresolved git merge conflict" in
       r.stderr, r.stderr)
    repo.git("merge", "--abort")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--crm", required=True)
    parser.add_argument("--root")
    crm = str(Path(parser.parse_args().crm).resolve())
    ok = Checks()
    for case in (both_log, class_conflict, broken_side):
        with tempfile.TemporaryDirectory(prefix="crm-merge-git-") as tmp:
            case(make_repo(crm, Path(tmp)), ok)
    print("ok" if not ok.failed else f"{ok.failed} checks failed")
    return 1 if ok.failed else 0


if __name__ == "__main__":
    sys.exit(main())
