#!/usr/bin/env python3
"""crm import is safe to repeat: over a copy of tests/fixtures/import/folder in
a git repository with autocommit, every vCard and CSV of the corpus is
imported once; then
- every written file passes `crm check` (no error);
- each import that wrote is one git commit and one `crm undo`;
- importing a file a second time, right after the first, writes nothing: no
  file changes, no commit, every card is unchanged or skipped for the same
  reason as before;
- `--dry-run` writes nothing even the first time;
- `crm undo` of the last import puts back exactly the files it wrote.
"""
import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

DATE = "2026-12-03"
IMPORTS = [
    ["android-2.1.vcf"], ["google-3.0.vcf"], ["iphone-3.0.vcf"], ["nokia-2.1.vcf"],
    ["outlook.vcf"], ["vcard-4.0.vcf"], ["contacts.csv"], ["google.csv"], ["outlook.csv"],
    ["mapped.csv"], ["big5.csv", "--encoding", "big5"], ["gb18030.csv", "--encoding", "gb18030"],
]


def snapshot(folder):
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted((folder / "customers").glob("*.toml"))}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--crm", required=True)
    ap.add_argument("--root", required=True)
    args = ap.parse_args()
    args.crm = str(Path(args.crm).resolve())
    corpus = Path(args.root) / "tests/fixtures/import"
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "TZ": "UTC", "LC_ALL": "C.UTF-8",
           "NO_COLOR": "1", "CRM_USER": "amy", "GIT_AUTHOR_NAME": "t",
           "GIT_AUTHOR_EMAIL": "t@example.com", "GIT_COMMITTER_NAME": "t",
           "GIT_COMMITTER_EMAIL": "t@example.com"}
    failures = []

    with tempfile.TemporaryDirectory() as tmp:
        env["HOME"] = tmp
        folder = Path(tmp) / "shop"
        shutil.copytree(corpus / "folder", folder)
        settings = folder / "crm.toml"
        settings.write_text(settings.read_text(encoding="utf-8") + "\n[git]\nautocommit = true\n",
                            encoding="utf-8")

        def run(*argv, check=True):
            p = subprocess.run([args.crm, "-C", str(folder), *argv, "--date", DATE],
                               capture_output=True, text=True, env=env, cwd=corpus)
            if check and p.returncode != 0:
                sys.exit(f"crm {' '.join(argv)} exited {p.returncode}: {p.stderr}")
            return p

        def git(*argv):
            return subprocess.run(["git", "-C", str(folder), *argv], capture_output=True,
                                  text=True, env=env, check=True).stdout

        git("init", "-q", "-b", "main")
        git("add", "-A")
        git("commit", "-q", "-m", "start")

        # --dry-run writes nothing.
        before = snapshot(folder)
        for argv in IMPORTS:
            run("import", *argv, "--dry-run")
        if snapshot(folder) != before:
            failures.append("--dry-run changed files")

        last_before = None
        for argv in IMPORTS:
            commits = int(git("rev-list", "--count", "HEAD"))
            files = snapshot(folder)
            first = json.loads(run("import", *argv, "--format", "json").stdout)
            wrote = snapshot(folder) != files
            new_commits = int(git("rev-list", "--count", "HEAD")) - commits
            if new_commits != (1 if wrote else 0):
                failures.append(f"{argv[0]}: {new_commits} commits for one import")
            if wrote:
                last_before = (argv[0], files)
            # The same file again, at once: nothing to do.
            after = snapshot(folder)
            commits = int(git("rev-list", "--count", "HEAD"))
            again = json.loads(run("import", *argv, "--format", "json").stdout)
            for a in again["actions"]:
                if a["action"] not in ("unchanged", "skip"):
                    failures.append(f"second import of {argv[0]}: {a['source']} is {a['action']}")
            skipped = sorted(a["reason"] for a in again["actions"] if a["action"] == "skip")
            was = sorted(a["reason"] for a in first["actions"] if a["action"] == "skip")
            if skipped != was:
                failures.append(f"second import of {argv[0]} skips {skipped}, the first {was}")
            if snapshot(folder) != after:
                failures.append(f"the second import of {argv[0]} changed files")
            if int(git("rev-list", "--count", "HEAD")) != commits:
                failures.append(f"the second import of {argv[0]} made a commit")

        check = run("check", check=False)
        if check.returncode != 0 or " error" in check.stderr:
            failures.append(f"crm check after the imports: exit {check.returncode}\n{check.stderr}")

        # The last import that wrote is one undo.
        if last_before is None:
            failures.append("no import wrote anything")
        elif last_before[0] == IMPORTS[-1][0]:
            run("undo")
            if snapshot(folder) != last_before[1]:
                failures.append(f"crm undo did not put back the files as before {last_before[0]}")
        else:
            failures.append(f"the last import, {IMPORTS[-1][0]}, wrote nothing")

    for f in failures:
        print("FAIL:", f)
    print(f"{0 if failures else 1} passed, {1 if failures else 0} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
