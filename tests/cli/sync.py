#!/usr/bin/env python3
"""`crm sync` against a bare remote on this machine, with two or three clones
of a team's ledger: the first sync of a fresh clone registers the merge
driver (and `crm check` warns until then), two colleagues' entries for one
customer both reach every clone through `crm merge-file`, a value both
changed stops before the push and is finished by a second sync, a push that
races a colleague's is merged and pushed again, a file that does not parse
is refused, and a folder made before the driver gets it. Every refusal (no
remote, no upstream, an unreachable remote, a detached HEAD) is one sentence
and leaves the repository as it was."""
import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ZHANG = 'name = "張偉"\nclass = "now"\nphone = "+886 912 345 678"\n'
ACME = 'name = "Acme"\nclass = "later"\n'
SETTINGS = '[classes]\nnow = "7d"\nlater = "30d"\nclient = "90d"\n'
RULE = "customers/**/*.toml merge=crm"
WARNING = ("warning: git does not know crm's merge driver in this clone (run crm sync)")


class Team:
    """A temporary folder with a bare remote and the clones made in it."""

    def __init__(self, tmp, crm):
        self.tmp = Path(tmp)
        self.crm = crm
        (self.tmp / "home").mkdir()
        self.env = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "HOME": str(self.tmp / "home"),
            "GIT_CONFIG_NOSYSTEM": "1",
            "LC_ALL": "C.UTF-8",
            "TZ": "UTC",
            "NO_COLOR": "1",
        }
        for k in ("ASAN_OPTIONS", "UBSAN_OPTIONS", "LSAN_OPTIONS"):
            if k in os.environ:
                self.env[k] = os.environ[k]
        self.remote = self.tmp / "remote.git"
        self.git(self.tmp, "init", "-q", "--bare", "-b", "main", str(self.remote))

    def git(self, cwd, *args, check=True):
        r = subprocess.run(["git", "-C", str(cwd), *args], capture_output=True, text=True,
                           env=self.env, timeout=120)
        if check and r.returncode != 0:
            raise RuntimeError(f"git {' '.join(args)} in {cwd}: {r.stderr}")
        return r.stdout.strip()

    def run(self, cwd, *args, crm=None, path=None):
        env = dict(self.env, PATH=f"{path}:{self.env['PATH']}") if path else self.env
        return subprocess.run([crm or self.crm, *args], cwd=cwd, capture_output=True,
                              text=True, env=env, timeout=120)

    def person(self, folder, name):
        self.git(folder, "config", "user.name", name)
        self.git(folder, "config", "user.email", f"{name}@example.com")

    def founder(self, name="amy", sub="", init=True):
        """The first clone: a ledger, committed and pushed with -u."""
        repo = self.tmp / name
        self.git(self.tmp, "init", "-q", "-b", "main", str(repo))
        self.person(repo, name)
        ledger = repo / sub
        if init:
            r = self.run(repo, "init", sub or ".")
            assert r.returncode == 0, r.stderr
        else:  # a folder made before crm knew of merge drivers
            (ledger / "customers").mkdir(parents=True)
        (ledger / "crm.toml").write_text(SETTINGS, encoding="utf-8")
        (ledger / "customers" / "zhang-wei.toml").write_text(ZHANG, encoding="utf-8")
        (ledger / "customers" / "acme.toml").write_text(ACME, encoding="utf-8")
        self.git(repo, "add", "-A")
        self.git(repo, "commit", "-q", "-m", "the ledger")
        self.git(repo, "remote", "add", "origin", str(self.remote))
        self.git(repo, "push", "-q", "-u", "origin", "main")
        return repo

    def clone(self, name):
        repo = self.tmp / name
        self.git(self.tmp, "clone", "-q", str(self.remote), str(repo))
        self.person(repo, name)
        return repo

    def remote_head(self):
        return self.git(self.remote, "rev-parse", "main")

    def state(self, repo):
        """What a refused sync must leave as it was."""
        return (self.git(repo, "rev-parse", "HEAD", check=False),
                self.git(repo, "status", "--porcelain", "--untracked-files=all"),
                self.git(repo, "config", "--local", "--list"),
                self.remote_head())


class Checks:
    def __init__(self):
        self.failures = []

    def __call__(self, what, ok, detail=""):
        if not ok:
            self.failures.append(f"{what}{': ' + detail if detail else ''}")

    def ran(self, what, r, status, out=(), err=()):
        """The exit status, and pieces that stdout and stderr must hold."""
        detail = f"exit {r.returncode}\nstdout:\n{r.stdout}stderr:\n{r.stderr}"
        self(f"{what}: exit status {status}", r.returncode == status, detail)
        for piece in out:
            self(f"{what}: stdout has {piece!r}", piece in r.stdout, detail)
        for piece in err:
            self(f"{what}: stderr has {piece!r}", piece in r.stderr, detail)


def log(team, repo, note):
    r = team.run(repo, "--date", "2026-11-20", "log", "zhang-wei", note)
    assert r.returncode == 0, r.stderr


def first_sync_registers(team, ok):
    """A fresh clone: check warns, sync registers the driver, check is quiet."""
    team.founder()
    ben = team.clone("ben")
    r = team.run(ben, "check")
    ok.ran("check in a fresh clone", r, 0, err=[f".gitattributes:2: {WARNING}"],
           out=["1 warning"])
    r = team.run(ben, "sync")
    ok.ran("first sync", r, 0, out=["registered crm's merge driver in this clone's git config",
                                    "nothing new from the others",
                                    "nothing to send; origin/main has it all"])
    ok("first sync: .gitattributes untouched", "added" not in r.stdout, r.stdout)
    driver = team.git(ben, "config", "--local", "merge.crm.driver")
    ok("driver: crm by its absolute path (not on PATH)",
       driver == f"{team.crm} merge-file %O %A %B %P", driver)
    ok("driver name", team.git(ben, "config", "--local", "merge.crm.name") == "crm customer files")
    r = team.run(ben, "check")
    ok.ran("check after sync", r, 0, out=["0 warnings"])
    ok("check after sync: no warning", "merge driver" not in r.stderr, r.stderr)
    # When PATH finds this very crm, the driver names it "crm".
    bin_dir = team.tmp / "bin"
    bin_dir.mkdir()
    (bin_dir / "crm").symlink_to(team.crm)
    dan = team.clone("dan")
    ok.ran("sync with crm on PATH", team.run(dan, "sync", path=bin_dir), 0)
    driver = team.git(dan, "config", "--local", "merge.crm.driver")
    ok("driver: crm as PATH finds it", driver == "crm merge-file %O %A %B %P", driver)


def both_log_one_customer(team, ok):
    """Two colleagues log the same customer; both entries reach every clone."""
    amy = team.founder()
    ben, carl = team.clone("ben"), team.clone("carl")
    # carl's crm lives in a folder with a space: git runs the driver through sh.
    spaced = team.tmp / "carl's tools" / "crm"
    spaced.parent.mkdir()
    shutil.copy2(team.crm, spaced)
    log(team, ben, "ben: wants the 5 kg bag")
    log(team, carl, "carl: asked about delivery")
    r = team.run(ben, "sync")
    ok.ran("ben's sync", r, 0, out=["committed: crm sync: 張偉\n", "sent 1 commit to origin/main"])
    ok("ben's commit message", team.git(ben, "log", "-1", "--format=%s") == "crm sync: 張偉")
    r = team.run(carl, "sync", crm=str(spaced))
    ok.ran("carl's sync", r, 0, out=["ben changed 1 customer: 張偉\n",
                                     "sent 2 commits to origin/main"])
    driver = team.git(carl, "config", "merge.crm.driver")
    ok("carl's driver is quoted for sh",
       driver == f"'{spaced}' merge-file %O %A %B %P".replace("'s", "'\\''s"), driver)
    for who in (ben, amy):
        r = team.run(who, "sync")
        ok.ran(f"{who.name} syncs after", r, 0, out=["carl changed 1 customer: 張偉"])
    for who in (amy, ben, carl):
        text = (who / "customers" / "zhang-wei.toml").read_text(encoding="utf-8")
        ok(f"{who.name} has both entries",
           "ben: wants the 5 kg bag" in text and "carl: asked about delivery" in text, text)
        ok(f"{who.name} has no conflict marker", "<<<<<<<" not in text, text)
        ok(f"{who.name} at the remote's head",
           team.git(who, "rev-parse", "HEAD") == team.remote_head())
    r = team.run(ben, "sync")
    ok.ran("a sync with nothing to do", r, 0, out=["nothing new from the others",
                                                   "nothing to send; origin/main has it all"])


def set_class(repo, value):
    path = repo / "customers" / "zhang-wei.toml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('class = "now"', f'class = "{value}"'), encoding="utf-8")


def conflict_then_resolved(team, ok):
    """A value both changed: nothing pushed; fixed, a second sync finishes."""
    team.founder()
    ben, carl = team.clone("ben"), team.clone("carl")
    set_class(ben, "later")
    set_class(carl, "client")
    ok.ran("ben's sync", team.run(ben, "sync"), 0)
    pushed = team.remote_head()
    r = team.run(carl, "sync")
    ok.ran("carl's conflicting sync", r, 1, err=[
        "customers/zhang-wei.toml:2:1: error: an unresolved merge conflict: 'class' changed on "
        "both sides",
        "crm: error: merging origin/main left conflicts in 1 file; fix them (crm check names "
        "each), then run crm sync again to finish the merge; nothing was pushed\n"])
    ok("conflict: nothing pushed", team.remote_head() == pushed)
    r = team.run(carl, "sync")
    ok.ran("sync again, not fixed", r, 1, err=[
        "customers/zhang-wei.toml:2: error: an unresolved merge conflict",
        "crm: error: a merge is in progress and 1 file still has conflicts"])
    ok("not fixed: nothing pushed", team.remote_head() == pushed)
    path = carl / "customers" / "zhang-wei.toml"
    path.write_text(ZHANG.replace('"now"', '"client"'), encoding="utf-8")
    ok.ran("check after the fix", team.run(carl, "check"), 0)
    r = team.run(carl, "sync")
    ok.ran("sync after the fix", r, 0, out=["committed the merge", "ben changed 1 customer: 張偉",
                                            "sent 2 commits to origin/main"])
    ok("fixed: pushed", team.remote_head() == team.git(carl, "rev-parse", "HEAD"))
    ok("fixed: a merge commit",
       len(team.git(carl, "log", "-1", "--format=%P").split()) == 2)
    r = team.run(ben, "sync")
    ok.ran("ben gets the fix", r, 0, out=["carl changed 1 customer: 張偉"])
    text = (ben / "customers" / "zhang-wei.toml").read_text(encoding="utf-8")
    ok("ben has carl's value", 'class = "client"' in text, text)


def push_race(team, ok):
    """Another colleague pushes between carl's fetch and push: merged, pushed again."""
    team.founder()
    ben, carl = team.clone("ben"), team.clone("carl")
    ok.ran("ben's first sync", team.run(ben, "sync"), 0)
    log(team, ben, "ben: racing entry")
    team.git(ben, "commit", "-q", "-am", "ben's racing commit")
    mark = team.tmp / "raced"
    hook = carl / ".git" / "hooks" / "pre-push"
    # git gives hooks its own repository in GIT_DIR; ben's push must not use it.
    hook.write_text("#!/bin/sh\n"
                    f"[ -e '{mark}' ] && exit 0\n"
                    f"touch '{mark}'\n"
                    "unset GIT_DIR GIT_WORK_TREE GIT_INDEX_FILE GIT_PREFIX\n"
                    f"git -C '{ben}' push -q origin HEAD:refs/heads/main\n", encoding="utf-8")
    hook.chmod(0o755)
    log(team, carl, "carl: the other entry")
    r = team.run(carl, "sync")
    ok.ran("carl's raced sync", r, 0, out=["ben changed 1 customer: 張偉",
                                           "sent 2 commits to origin/main"])
    ok("the race happened", mark.exists())
    ok("carl at the remote's head", team.git(carl, "rev-parse", "HEAD") == team.remote_head())
    messages = team.git(team.remote, "log", "--format=%s", "main")
    ok("both commits on the remote",
       "ben's racing commit" in messages and "crm sync: 張偉" in messages, messages)
    text = team.git(team.remote, "show", "main:customers/zhang-wei.toml")
    ok("both entries on the remote", "racing entry" in text and "the other entry" in text, text)


def unparsable_refused(team, ok):
    team.founder()
    ben = team.clone("ben")
    (ben / "customers" / "broken.toml").write_text('name = "Broken\n', encoding="utf-8")
    log(team, ben, "ben: not sent")
    before = team.state(ben)
    r = team.run(ben, "sync")
    ok.ran("unparsable", r, 1, err=[
        "customers/broken.toml:1:",
        "crm: error: 1 file has errors; fix it (crm check names each), then run crm sync "
        "again; nothing was committed or pushed\n"])
    ok("unparsable: nothing changed", team.state(ben) == before)


def refused(team, ok, what, repo, sentence):
    """One sentence on stderr, status 3, the repository as it was."""
    before = team.state(repo)
    r = team.run(repo, "sync")
    ok.ran(what, r, 3, err=[f"crm: error: {sentence}"])
    ok(f"{what}: one line", r.stderr.count("\n") == 1 and r.stdout == "", r.stderr)
    ok(f"{what}: nothing changed", team.state(repo) == before)


def bad_repositories(team, ok):
    amy = team.founder()
    (amy / "customers" / "acme.toml").write_text(ACME + 'region = "Tainan"\n', encoding="utf-8")
    solo = team.tmp / "solo"
    team.git(team.tmp, "init", "-q", "-b", "main", str(solo))
    team.run(solo, "init")
    refused(team, ok, "no remote", solo,
            "this repository has no remote to sync with; add the shared one with 'git remote "
            "add origin URL' and 'git push -u origin main'\n")
    team.git(solo, "remote", "add", "origin", str(team.remote))
    refused(team, ok, "no commit, no upstream", solo,
            "branch 'main' has no commit and no upstream yet; commit the folder ('git add -A' "
            "and 'git commit'), then set the upstream with 'git push -u origin main'\n")
    team.person(solo, "solo")
    team.git(solo, "add", "-A")
    team.git(solo, "commit", "-q", "-m", "the ledger")
    refused(team, ok, "no upstream", solo,
            "branch 'main' has no upstream to sync with; set it once with 'git push -u origin "
            "main'\n")
    team.git(amy, "remote", "set-url", "origin", str(team.tmp / "nowhere.git"))
    refused(team, ok, "unreachable remote", amy,
            f"cannot reach 'origin' to sync: '{team.tmp / 'nowhere.git'}' does not appear to be "
            "a git repository; nothing was changed\n")
    team.git(amy, "remote", "set-url", "origin", str(team.remote))
    team.git(amy, "checkout", "-q", "--detach")
    refused(team, ok, "detached HEAD", amy,
            "HEAD is detached (no branch is checked out), so crm cannot tell what to sync; "
            "switch to your branch first with 'git switch BRANCH'\n")
    outside = team.tmp / "outside"
    team.run(team.tmp, "init", str(outside))
    r = team.run(outside, "sync")
    ok.ran("outside git", r, 3, err=["is not in a git repository"])
    r = team.run(outside, "check")
    ok.ran("check outside git", r, 0, out=["0 warnings"])


def folder_made_before(team, ok):
    """No .gitattributes, no driver, the ledger in a subfolder: sync adds both."""
    amy = team.founder(sub="shop", init=False)
    (amy / "README").write_text("the team's repository\n", encoding="utf-8")
    r = team.run(amy / "shop", "check")
    ok.ran("check, folder made before", r, 0, err=[f".gitattributes: {WARNING}"])
    r = team.run(amy / "shop", "sync")
    ok.ran("sync, folder made before", r, 0, out=[
        "added crm's merge rule for customer files to .gitattributes",
        "registered crm's merge driver in this clone's git config",
        "committed: crm sync: .gitattributes", "sent 1 commit to origin/main"])
    text = (amy / "shop" / ".gitattributes").read_text(encoding="utf-8")
    ok(".gitattributes has the rule", RULE + "\n" in text, text)
    files = team.git(amy, "ls-files").split("\n")
    ok("only the ledger folder is committed", "README" not in files, str(files))
    ok("crm's lock file is not committed", "shop/.crm.lock" not in files, str(files))
    ok("the rule is committed", "shop/.gitattributes" in files, str(files))
    attr = team.git(amy, "check-attr", "merge", "--", "shop/customers/acme.toml")
    ok("git applies the rule", attr.endswith("merge: crm"), attr)
    r = team.run(amy / "shop", "check")
    ok("check after: no warning", "merge driver" not in r.stderr, r.stderr)


CASES = [first_sync_registers, both_log_one_customer, conflict_then_resolved, push_race,
         unparsable_refused, bad_repositories, folder_made_before]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--crm", required=True)
    parser.add_argument("--root", required=True)
    crm = str(Path(parser.parse_args().crm).resolve())
    failures = []
    for case in CASES:
        ok = Checks()
        with tempfile.TemporaryDirectory(prefix="crm-sync-") as tmp:
            try:
                case(Team(tmp, crm), ok)
            except (RuntimeError, AssertionError, subprocess.TimeoutExpired) as e:
                ok(f"{case.__name__} could not run", False, str(e))
        failures += [f"{case.__name__}: {f}" for f in ok.failures]
    for f in failures:
        print(f"FAIL {f}")
    print("ok" if not failures else f"{len(failures)} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
