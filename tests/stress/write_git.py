#!/usr/bin/env python3
"""Git: with `[git] autocommit = true` each write is one commit with a message
a person would write, touching only the file crm wrote; without it, nothing is
committed; and git's user.name is the default --by when crm.toml has no [me]."""
import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ZHANG = 'name = "張偉"\nclass = "now"\n'
WANG = 'name = "王芳"\nclass = "client"\n'


def git(root, *args):
    return subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True,
                          text=True).stdout.strip()


def make_repo(root, autocommit):
    (root / "customers").mkdir(parents=True)
    (root / "crm.toml").write_text(f"[git]\nautocommit = {autocommit}\n", encoding="utf-8")
    (root / "customers" / "zhang-wei.toml").write_text(ZHANG, encoding="utf-8")
    (root / "customers" / "wang-fang.toml").write_text(WANG, encoding="utf-8")
    git(root, "init", "-q")
    git(root, "config", "user.name", "Amy Chen")
    git(root, "config", "user.email", "amy@example.com")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "start")


def crm(binary, root, *args, editor=None):
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(root.parent),
           "LC_ALL": "C.UTF-8", "TZ": "UTC", "GIT_CONFIG_NOSYSTEM": "1"}
    if editor:
        env["EDITOR"] = editor
    return subprocess.run([binary, *args, "--date", "2026-11-23"], cwd=root, env=env,
                          capture_output=True, text=True, stdin=subprocess.DEVNULL)


def expect(problems, what, actual, wanted):
    if actual != wanted:
        problems.append(f"{what}: {actual!r}, not {wanted!r}")


def autocommit_on(binary, root, problems):
    make_repo(root, "true")
    # Someone's unrelated staged change must stay staged and out of crm's commit.
    (root / "customers" / "wang-fang.toml").write_text(WANG + "# staged\n", encoding="utf-8")
    git(root, "add", "customers/wang-fang.toml")
    p = crm(binary, root, "log", "張偉", "Paid half", "--class", "later", "--paid", "300")
    expect(problems, "log exit status", p.returncode, 0)
    expect(problems, "log commit", git(root, "log", "-1", "--format=%s"),
           "log: 張偉 — visit, class now → later, paid 300")
    expect(problems, "files in the log commit", git(root, "show", "--name-only", "--format="),
           "customers/zhang-wei.toml")
    expect(problems, "the other staged change", git(root, "diff", "--cached", "--name-only"),
           "customers/wang-fang.toml")
    expect(problems, "the default --by", "by = \"Amy Chen\"" in
           (root / "customers" / "zhang-wei.toml").read_text(encoding="utf-8"), True)
    p = crm(binary, root, "add", "王小明")
    expect(problems, "add commit", git(root, "log", "-1", "--format=%s"), "add: 王小明")
    expect(problems, "files in the add commit", git(root, "show", "--name-only", "--format="),
           "customers/wang-xiao-ming.toml")
    editor = root.parent / "append"
    editor.write_text("#!/bin/sh\nprintf 'region = \"Taichung\"\\n' >> \"$1\"\n")
    editor.chmod(0o755)
    p = crm(binary, root, "edit", "王小明", editor=str(editor))
    expect(problems, "edit commit", git(root, "log", "-1", "--format=%s"), "edit: 王小明")
    p = crm(binary, root, "sell", "zhang-wei", "tea", "--other", "--price", "100")
    expect(problems, "sell commit", git(root, "log", "-1", "--format=%s"),
           "sell: 張偉 — 1 × tea")
    p = crm(binary, root, "pay", "zhang-wei", "50", "--credit")
    expect(problems, "pay commit", git(root, "log", "-1", "--format=%s"), "pay: 張偉 — 50")
    # Undo is a commit too; undoing an add commits the file's removal.
    for _ in range(3):
        p = crm(binary, root, "undo")
        expect(problems, "undo exit status", p.returncode, 0)
    expect(problems, "undo commits", git(root, "log", "-3", "--format=%s"),
           "undo: edit: 王小明\nundo: sell: 張偉 — 1 × tea\nundo: pay: 張偉 — 50")
    p = crm(binary, root, "undo")
    expect(problems, "undo of add commit", git(root, "log", "-1", "--format=%s"),
           "undo: add: 王小明")
    expect(problems, "the removal is committed",
           git(root, "ls-files", "customers/wang-xiao-ming.toml"), "")
    expect(problems, "commits made", git(root, "rev-list", "--count", "HEAD"), "10")
    # crm's state folder (the undo journal) ignores itself: git never sees it.
    status = git(root, "status", "--porcelain", "--untracked=all").splitlines()
    expect(problems, "the state folder seen by git", [l for l in status if ".crm/" in l], [])
    expect(problems, "the journal exists", (root / ".crm" / "journal").is_dir(), True)


def handover_commit(binary, root, problems):
    """A handover of several customers is one commit, and its undo one more."""
    make_repo(root, "true")
    for name in ("zhang-wei", "wang-fang"):
        path = root / "customers" / f"{name}.toml"
        path.write_text(path.read_text(encoding="utf-8") + 'owner = "amy"\n', encoding="utf-8")
    git(root, "commit", "-q", "-am", "owners")
    before = {n: (root / "customers" / f"{n}.toml").read_bytes() for n in ("zhang-wei", "wang-fang")}
    p = crm(binary, root, "handover", "--from", "amy", "--to", "ben")
    expect(problems, "handover exit status", p.returncode, 0)
    expect(problems, "handover commit", git(root, "log", "-1", "--format=%s"),
           "handover: amy → ben (2 customers)")
    expect(problems, "files in the handover commit",
           git(root, "show", "--name-only", "--format="),
           "customers/wang-fang.toml\ncustomers/zhang-wei.toml")
    p = crm(binary, root, "undo")
    expect(problems, "undo of the handover exit status", p.returncode, 0)
    expect(problems, "undo of the handover commit", git(root, "log", "-1", "--format=%s"),
           "undo: handover: amy → ben (2 customers)")
    expect(problems, "commits made by the handover and its undo",
           git(root, "rev-list", "--count", "HEAD"), "4")
    after = {n: (root / "customers" / f"{n}.toml").read_bytes() for n in ("zhang-wei", "wang-fang")}
    expect(problems, "the files after the undo", after, before)


def autocommit_off(binary, root, problems):
    make_repo(root, "false")
    p = crm(binary, root, "log", "zhang-wei", "x")
    expect(problems, "log exit status without autocommit", p.returncode, 0)
    expect(problems, "commits without autocommit", git(root, "rev-list", "--count", "HEAD"), "1")
    expect(problems, "status without autocommit", git(root, "status", "--porcelain",
                                                      "customers"), "M customers/zhang-wei.toml")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--crm", required=True)
    binary = str(Path(parser.parse_args().crm).resolve())
    if not shutil.which("git"):
        print("ok: skipped, git is not installed")
        return 0
    problems = []
    with tempfile.TemporaryDirectory(prefix="crm-git-") as tmp:
        autocommit_on(binary, Path(tmp) / "on" / "ledger", problems)
        autocommit_off(binary, Path(tmp) / "off" / "ledger", problems)
        handover_commit(binary, Path(tmp) / "handover" / "ledger", problems)
    print(f"{'FAIL' if problems else 'ok'}: git autocommit, {len(problems)} problems")
    for p in problems:
        print(f"  {p}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
