#!/usr/bin/env python3
"""A simulated team: a bare remote and N clones of one ledger (10 by default),
each a salesperson with their own git user.name and CRM_USER, doing random
operations (log, sell, pay, plan, add, edit of a value, handover, and a few
commands that must be refused) on a few clones at once, with `crm sync` at
random moments. A sync that stops on a conflict is resolved as a person
would (one side's line kept, the markers deleted), checked with `crm check`
and synced again; every conflict must be on a top-level value that this
clone and another one both changed since they last agreed.

At the end every clone is synced in rounds until none brings anything new;
then every clone must hold the same commit and the same files, every file
must pass `crm check`, every acknowledged entry (its marker, op-NNNNN) must
be in its customer's file exactly once, where it was written, every
handover's [[log]] once per customer handed over, no refused command's
marker anywhere, and every top-level value must be its first value or one
that some clone set (the last one it set, when only one clone changed it).

The ledger has `[git] autocommit = true`, as a team would keep it: each
write is its own commit, so git's history says who changed what, and sync
only merges and pushes (--autocommit false has sync commit instead; both
hold). Two clones work at once by default (--jobs), so pushes race.

Operations stop after --time-limit seconds (the run then says so), so that
CI stays within a few minutes; bench/team_sim.py runs a bigger team."""
import argparse
import json
import os
import random
import re
import shlex
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import tomllib
from collections import Counter, defaultdict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

PEOPLE = ["amy", "ben", "carol", "dan", "eve", "fay", "gus", "hana", "ivan", "jun", "kai",
          "lin", "mei", "ning", "omar", "pei", "qing", "rui", "sam", "tao", "uma", "vic", "wen",
          "xin", "yan", "zoe"]
SURNAMES = [("張", "zhang"), ("王", "wang"), ("李", "li"), ("陳", "chen"), ("林", "lin"),
            ("黃", "huang"), ("吳", "wu"), ("劉", "liu")]
GIVEN = [("偉", "wei"), ("芳", "fang"), ("娜", "na"), ("明", "ming"), ("玲", "ling")]
SHOPS = [("Acme Trading", "acme-trading"), ("Sunrise Tea House", "sunrise-tea"),
         ("Harbour Rice Co.", "harbour-rice"), ("Blue Door Cafe", "blue-door")]
REGIONS = ["Taipei/Da'an", "Taipei/Xinyi", "New Taipei/Banqiao", "Taichung/West"]
AREAS = ["Taipei", "New Taipei", "Taichung"]  # what a handover --region names
TAGS = ["vip", "referral", "wholesale"]
CLASSES = ["now", "later", "client"]
KINDS = ["visit", "call", "message", "email"]
START = date(2026, 11, 2)
DAYS = 60  # the operations' dates advance from START over this many days
MARKER = re.compile(r"\bop-(\d{5})\b")
ENTRY_ARRAYS = ("log", "purchase", "payment", "plan")
# Relative weights of the operations other than sync.
WEIGHTS = {"log": 30, "sell": 10, "pay": 10, "plan": 12, "add": 4, "edit": 14,
           "handover": 1, "refused": 2}
PRODUCTS = """
[products.tea-box]
name = "Oolong tea, gift box"
price = 600
lasts = "30d"

[products.rice-10kg]
name = "Rice, 10 kg"
price = 450
lasts = "60d"
per_person = true
warn = "5d"
"""
EDITOR = """import json, os, re, sys
key, value = os.environ["TEAM_SIM_KEY"], os.environ["TEAM_SIM_VALUE"]
path = sys.argv[-1]
with open(path, encoding="utf-8", newline="") as f:
    text = f.read()
line = re.compile(r'^(' + re.escape(key) + r'[ \\t]*=[ \\t]*)"[^"\\n]*"', re.M)
text, n = line.subn(lambda m: m.group(1) + json.dumps(value, ensure_ascii=False), text, 1)
if n != 1:
    sys.exit("team_sim editor: no " + key + " in " + path)
with open(path, "w", encoding="utf-8", newline="") as f:
    f.write(text)
"""


def shown(text):
    """Text for a failure report: control characters escaped, lines indented."""
    out = "".join(c if c.isprintable() or c == "\n" else ascii(c)[1:-1] for c in text)
    return "\n    ".join(out.rstrip("\n").split("\n")) if out else "(empty)"


def toml_value(line_text, key):
    """The value of `key` in a few TOML lines (one side of a conflict)."""
    try:
        return tomllib.loads(line_text).get(key)
    except tomllib.TOMLDecodeError:
        return None


@dataclass
class Cmd:
    argv: list
    rc: int
    out: str
    err: str
    seconds: float
    clone: str

    def report(self, what):
        return (f"{what}: `crm {shlex.join(self.argv)}` in {self.clone} exited {self.rc}\n"
                f"    stdout: {shown(self.out)}\n    stderr: {shown(self.err)}")


@dataclass
class Clone:
    name: str
    path: Path
    pushlog: Path
    lock: threading.Lock = field(default_factory=threading.Lock)
    pending: dict = field(default_factory=dict)  # (file, key) -> value set since the last sync


@dataclass
class Op:
    n: int
    kind: str
    clone: str
    customer: str = ""
    acked: bool = False
    where: tuple = ()  # (array, key) of the marker's place in the customer's file
    handed: list = field(default_factory=list)  # a handover's (id, date, by, note)


class Team:
    def __init__(self, args, tmp):
        self.args = args
        self.tmp = Path(tmp)
        self.crm_bin = str(Path(args.crm).resolve())
        self.rng = random.Random(args.seed)
        (self.tmp / "home").mkdir()
        self.env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"),
                    "HOME": str(self.tmp / "home"), "GIT_CONFIG_NOSYSTEM": "1",
                    "LC_ALL": "C.UTF-8", "TZ": "UTC", "NO_COLOR": "1"}
        for k in ("ASAN_OPTIONS", "UBSAN_OPTIONS", "LSAN_OPTIONS"):
            if k in os.environ:
                self.env[k] = os.environ[k]
        editor = self.tmp / "set-value"
        editor.write_text(f"#!{sys.executable}\n{EDITOR}", encoding="utf-8")
        editor.chmod(0o755)
        self.env["EDITOR"] = str(editor)
        self.remote = self.tmp / "remote.git"
        self.clones = []
        self.ops = []
        self.failures = []
        self.mutex = threading.Lock()  # guards what the workers record
        self.set_values = defaultdict(list)  # (file, key) -> [(clone, value)]
        self.original = {}  # file -> its top-level values when it was made
        self.conflicts = []
        self.syncs = []  # (seconds, push attempts) of each crm sync run
        self.final_rounds = 0
        self.stopped_at = None
        self.phase = "setup"
        self.stopped_syncs = 0  # syncs that stopped on a conflict
        self.times = defaultdict(list)  # subcommand -> seconds of each run

    def fail(self, message):
        with self.mutex:
            self.failures.append(message)

    def git(self, cwd, *args, check=True):
        r = subprocess.run(["git", "-C", str(cwd), *args], capture_output=True, text=True,
                           env=self.env, timeout=300)
        if check and r.returncode != 0:
            raise RuntimeError(f"git {shlex.join(args)} in {cwd}: {r.stderr}")
        return r.stdout.strip()

    def crm(self, clone, *argv, env=None):
        started = time.monotonic()
        r = subprocess.run([self.crm_bin, *argv], cwd=clone.path, capture_output=True,
                           text=True, stdin=subprocess.DEVNULL, timeout=300,
                           env=dict(self.env, CRM_USER=clone.name, **(env or {})))
        cmd = Cmd(list(argv), r.returncode, r.stdout, r.stderr, time.monotonic() - started,
                  clone.name)
        with self.mutex:
            self.times[argv[2] if argv[0] == "--date" else argv[0]].append(cmd.seconds)
        return cmd

    def ran(self, what, cmd, status=0):
        """Whether the command exited as expected; a failure report if not."""
        if cmd.rc == status:
            return True
        self.fail(cmd.report(f"{what}: expected exit status {status}"))
        return False

    def files(self, clone):
        """customers/<id>.toml -> text, as the clone has them now."""
        folder = clone.path / "customers"
        return {f"customers/{p.name}": p.read_text(encoding="utf-8")
                for p in sorted(folder.glob("*.toml"))}

    # Setting up: the first ledger, the remote, the clones.

    def customer_text(self, name, i, rng):
        owner = rng.choice(self.people)
        tags = ", ".join(f'"{t}"' for t in rng.sample(TAGS, rng.randint(0, 2)))
        return (f"# {name}: met at the autumn fair\n"
                f'name = "{name}"\nclass = "{rng.choice(CLASSES)}"\n'
                f'owner = "{owner}"          # account manager\n'
                f'region = "{rng.choice(REGIONS)}"\nphone = "+886 912 {i:03d} 000"\n'
                f"tags = [{tags}]\nhousehold = {rng.randint(1, 5)}\n\n"
                f"[[log]]\ndate = 2026-10-{rng.randint(1, 28):02d}\nby = \"{owner}\"\n"
                f'kind = "visit"\nnote = "First visit; wants to hear about the rice."\n')

    def set_up(self):
        n = self.args.clones
        self.people = [PEOPLE[i % len(PEOPLE)] + (str(i // len(PEOPLE) + 1)
                                                  if i >= len(PEOPLE) else "")
                       for i in range(n)]
        self.git(self.tmp, "init", "-q", "--bare", "-b", "main", str(self.remote))
        seed = self.tmp / "founding"
        self.git(self.tmp, "init", "-q", "-b", "main", str(seed))
        self.git(seed, "config", "user.name", "Founder")
        self.git(seed, "config", "user.email", "founder@example.com")
        founder = Clone("founder", seed, self.tmp / "pushes-founder")
        if not self.ran("crm init", self.crm(founder, "init")):
            raise RuntimeError("crm init failed")
        settings = (seed / "crm.toml").read_text(encoding="utf-8")
        settings = settings.replace('currency = ""', 'currency = "TWD"').replace(
            "autocommit = false", f"autocommit = {self.args.autocommit}")
        (seed / "crm.toml").write_text(settings + PRODUCTS, encoding="utf-8")
        people = [(s + g, f"{sp}-{gp}") for s, sp in SURNAMES for g, gp in GIVEN] + SHOPS
        self.rng.shuffle(people)
        for i, (name, cid) in enumerate(people[:self.args.customers]):
            text = self.customer_text(name, i, self.rng)
            (seed / "customers" / f"{cid}.toml").write_text(text, encoding="utf-8")
            self.original[f"customers/{cid}.toml"] = tomllib.loads(text)
        self.git(seed, "add", "-A")
        self.git(seed, "commit", "-q", "-m", "the team's ledger")
        self.git(seed, "remote", "add", "origin", str(self.remote))
        self.git(seed, "push", "-q", "-u", "origin", "main")
        for person in self.people:
            path = self.tmp / person
            self.git(self.tmp, "clone", "-q", str(self.remote), str(path))
            self.git(path, "config", "user.name", person.capitalize())
            self.git(path, "config", "user.email", f"{person}@example.com")
            clone = Clone(person, path, self.tmp / f"pushes-{person}")
            # Only to count push attempts (a retried push runs it again).
            hook = path / ".git" / "hooks" / "pre-push"
            hook.write_text(f"#!/bin/sh\necho push >> '{clone.pushlog}'\n", encoding="utf-8")
            hook.chmod(0o755)
            self.clones.append(clone)
            self.sync(clone, self.rng)

    # The operations. Each runs on one clone, holding its lock.

    def day(self, n):
        return START + timedelta(days=DAYS * n // max(self.args.ops, 1))

    def customers(self, clone):
        """The clone's customer ids, and the few that most edits go to (so that some collide)."""
        ids = sorted(p.stem for p in (clone.path / "customers").glob("*.toml"))
        return ids, [i for i in ids if not i.startswith("c-op-")][:8]

    def entry_op(self, op, clone, rng):
        ids, _ = self.customers(clone)
        cid = op.customer = rng.choice(ids)
        d = self.day(op.n)
        marker = f"op-{op.n:05d}"
        if op.kind == "log":
            argv = ["log", cid, f"{marker} said the rice was good", "--kind", rng.choice(KINDS)]
            if rng.random() < 0.3:
                argv += ["--next", str(d + timedelta(days=rng.randint(3, 14)))]
            op.where = ("log", "note")
        elif op.kind == "sell" and rng.random() < 0.3:
            argv = ["sell", cid, f"{marker} gift basket", "--other", "--price", "350"]
            op.where = ("purchase", "product")
        elif op.kind == "sell":
            argv = ["sell", cid, rng.choice(["tea-box", "rice-10kg"]), "--note",
                    f"{marker} for the family"]
            if rng.random() < 0.4:
                argv += ["--paid", "100", "--due", str(d + timedelta(days=20))]
            op.where = ("purchase", "note")
        elif op.kind == "pay":
            argv = ["pay", cid, str(rng.choice([50, 100, 120])), "--credit", "--note",
                    f"{marker} cash"]
            op.where = ("payment", "note")
        else:  # plan
            argv = ["plan", cid, str(d + timedelta(days=rng.randint(1, 20))),
                    f"{marker} bring the new catalogue", "--kind", rng.choice(KINDS)]
            op.where = ("plan", "note")
        r = self.crm(clone, "--date", str(d), *argv)
        op.acked = self.ran(op.kind, r)

    def add_op(self, op, clone, rng):
        cid = op.customer = f"c-op-{op.n:05d}"
        d = self.day(op.n)
        r = self.crm(clone, "--date", str(d), "add", f"客戶 op-{op.n:05d}", "--id", cid,
                     "--region", rng.choice(REGIONS), "--phone", f"+886 933 {op.n:06d}",
                     "--owner", rng.choice(self.people), "--class", rng.choice(CLASSES),
                     "--tag", rng.choice(TAGS))
        op.acked = self.ran("add", r)
        op.where = ("", "name")
        path = f"customers/{cid}.toml"
        if op.acked:
            with self.mutex:
                self.original[path] = tomllib.loads(
                    (clone.path / path).read_text(encoding="utf-8"))

    def value_set(self, clone, path, key, value):
        clone.pending[(path, key)] = value
        with self.mutex:
            self.set_values[(path, key)].append((clone.name, value))

    def edit_op(self, op, clone, rng):
        ids, hot = self.customers(clone)
        cid = op.customer = rng.choice(hot if rng.random() < 0.7 else ids)
        key = rng.choice(["region", "phone"])
        value = (f"{rng.choice(AREAS)}/op-{op.n:05d}" if key == "region"
                 else f"+886 9{op.n:08d}")
        r = self.crm(clone, "--date", str(self.day(op.n)), "edit", cid,
                     env={"TEAM_SIM_KEY": key, "TEAM_SIM_VALUE": value})
        op.acked = self.ran("edit", r) and ": saved" in r.out
        if r.rc == 0 and not op.acked:
            self.fail(r.report("edit: the value was not saved"))
        op.where = ("", key)
        if op.acked:
            self.value_set(clone, f"customers/{cid}.toml", key, value)

    def handover_op(self, op, clone, rng):
        before = {p: tomllib.loads(t) for p, t in self.files(clone).items()}
        owned = sorted({(c.get("owner", ""), a) for c in before.values() for a in AREAS
                        if c.get("region", "").startswith(a + "/")})
        if not owned:
            op.kind = "handover-none"  # nobody owns a customer in any area: nothing to try
            return
        old, area = rng.choice(owned)
        new = rng.choice([p for p in self.people if p != old])
        d = str(self.day(op.n))
        filters = ["--region", area] if rng.random() < 0.7 else ["--tag", rng.choice(TAGS)]
        r = self.crm(clone, "--date", d, "handover", "--from", old, "--to", new, *filters)
        op.acked = self.ran("handover", r)
        if not op.acked:
            return
        ids = re.findall(r"^  .* \(([^()]+)\), .*: introduction visit", r.out, re.M)
        if not re.search(r"^(handed over \d+ customers? from |.* owns no customer)", r.out, re.M):
            self.fail(r.report("handover: the output does not say what was handed over"))
        for cid in ids:
            path = f"customers/{cid}.toml"
            after = tomllib.loads((clone.path / path).read_text(encoding="utf-8"))
            for key in ("owner", "contacts"):
                if after.get(key) != before.get(path, {}).get(key):
                    self.value_set(clone, path, key, after.get(key))
            op.handed.append((path, d, clone.name, f"Handed over from {old} to {new}."))

    def refused_op(self, op, clone, rng):
        """A command crm must refuse: it writes nothing, its marker appears nowhere."""
        ids, _ = self.customers(clone)
        cid = op.customer = rng.choice(ids)
        marker = f"op-{op.n:05d}"
        argv = rng.choice([
            ["log", cid, f"{marker} next is no date", "--next", "someday"],
            ["sell", cid, "tea-bx", "--note", f"{marker} a product crm.toml lacks"],
            ["log", f"nobody-{op.n}", f"{marker} no such customer"],
            ["pay", cid, "-5", "--note", f"{marker} a negative payment"]])
        r = self.crm(clone, "--date", str(self.day(op.n)), *argv)
        op.acked = r.rc == 0
        if op.acked or r.rc not in (1, 2, 3):
            self.fail(r.report("a command crm should refuse"))

    # Syncing, and resolving what it stops on.

    def pushes(self, clone):
        try:
            return len(clone.pushlog.read_text().splitlines())
        except FileNotFoundError:
            return 0

    def sync(self, clone, rng):
        """crm sync until it finishes, resolving conflicts between runs."""
        for _ in range(6):
            before = self.pushes(clone)
            r = self.crm(clone, "sync")
            with self.mutex:
                self.syncs.append((r.seconds, self.pushes(clone) - before, self.phase))
                self.stopped_syncs += r.rc == 1
            if r.rc == 0:
                clone.pending.clear()
                return r
            if r.rc != 1:
                self.fail(r.report("sync: expected exit status 0, or 1 on a conflict"))
                return r
            if not self.resolve(clone, r, rng):
                return r
        self.fail(r.report("sync: still conflicting after 6 runs"))
        return r

    def regions(self, text):
        """Each conflict region: (label, ours' lines, theirs' lines, start, end)."""
        lines = text.split("\n")
        out, i = [], 0
        while i < len(lines):
            if lines[i].startswith("<<<<<<< "):
                mid = next((k for k in range(i, len(lines)) if lines[k] == "======="), None)
                end = next((k for k in range(mid or i, len(lines))
                            if lines[k].startswith(">>>>>>> ")), None)
                if mid is None or end is None:
                    return []  # a lone marker: not something a person can resolve by sides
                out.append((lines[i][8:], lines[i + 1:mid], lines[mid + 1:end], i, end))
                i = end
            i += 1
        return out

    def explain(self, clone, path, label, ours, theirs, cmd):
        """Whether a conflict is one where two clones changed one value."""
        m = re.match(r"ours: '([^']+)'( of .*?)? (changed|added) on both sides: ", label)
        if not m or m.group(2):
            self.fail(cmd.report(f"sync: a conflict that is not on a top-level value, in "
                                 f"{path}: {shown(label)}"))
            return
        key = m.group(1)
        mine, other = toml_value("\n".join(ours), key), toml_value("\n".join(theirs), key)
        with self.mutex:
            others = [v for c, v in self.set_values[(path, key)] if c != clone.name]
        why = None
        if (path, key) not in clone.pending:
            why = f"{clone.name} did not change '{key}' since its last sync"
        elif mine != clone.pending[(path, key)]:
            why = f"ours is {mine!r}, not {clone.pending[(path, key)]!r} that {clone.name} set"
        elif other == mine or other not in others:
            why = f"theirs, {other!r}, is not a value another clone set"
        if why:
            self.fail(cmd.report(f"sync: an unexplained conflict on '{key}' in {path} ({why})"))

    def resolve(self, clone, cmd, rng):
        """As a person would: one side's lines kept, markers gone, checked."""
        unmerged = self.git(clone.path, "diff", "--name-only", "--diff-filter=U").split()
        if not unmerged:
            self.fail(cmd.report("sync: exit status 1 with no conflicted file"))
            return False
        for path in unmerged:
            file = clone.path / path
            text = file.read_text(encoding="utf-8")
            found = self.regions(text)
            if not found or path not in cmd.err:
                self.fail(cmd.report(f"sync: {path} is unmerged without crm's conflict marks "
                                     f"named on stderr:\n{shown(text)}"))
                return False
            lines = text.split("\n")
            for label, ours, theirs, start, end in reversed(found):
                self.explain(clone, path, label, ours, theirs, cmd)
                side = rng.choice(["ours", "theirs"])
                lines[start:end + 1] = ours if side == "ours" else theirs
                key = re.match(r"ours: '([^']+)'", label)
                if side == "theirs" and key:
                    clone.pending.pop((path, key.group(1)), None)
                with self.mutex:
                    self.conflicts.append({"clone": clone.name, "file": path, "label": label,
                                           "kept": side})
            file.write_text("\n".join(lines), encoding="utf-8")
        return self.ran("crm check after resolving", self.crm(clone, "check"))

    # The run.

    def step(self, n, clone, kind):
        rng = random.Random(f"{self.args.seed}-{n}")
        op = Op(n, kind, clone.name)
        with clone.lock:
            try:
                if kind == "sync":
                    self.sync(clone, rng)
                elif kind in ("log", "sell", "pay", "plan"):
                    self.entry_op(op, clone, rng)
                else:
                    getattr(self, f"{kind}_op")(op, clone, rng)
            except (RuntimeError, OSError, subprocess.TimeoutExpired, StopIteration) as e:
                self.fail(f"op {n} ({kind} in {clone.name}) could not run: {e!r}")
        with self.mutex:
            self.ops.append(op)

    def simulate(self):
        deadline = time.monotonic() + self.args.time_limit
        kinds, weights = list(WEIGHTS), list(WEIGHTS.values())
        slots = threading.BoundedSemaphore(self.args.jobs * 2)
        with ThreadPoolExecutor(self.args.jobs) as pool:
            futures = []
            for n in range(1, self.args.ops + 1):
                if self.args.time_limit and time.monotonic() > deadline:
                    self.stopped_at = n - 1
                    break
                clone = self.rng.choice(self.clones)
                kind = ("sync" if self.rng.random() < self.args.sync_rate
                        else self.rng.choices(kinds, weights)[0])
                slots.acquire()
                future = pool.submit(self.step, n, clone, kind)
                future.add_done_callback(lambda _: slots.release())
                futures.append(future)
            for future in futures:
                future.result()

    def settle(self):
        """Every clone synced, round after round, until a round brings nothing."""
        for rounds in range(1, 9):
            quiet = True
            for clone in self.clones:
                r = self.sync(clone, self.rng)
                quiet = quiet and r.rc == 0 and "nothing new from the others" in r.out and \
                    "nothing to send" in r.out
            self.final_rounds = rounds
            if quiet:
                return
        self.fail("the clones still had news for each other after 8 rounds of syncs")

    # The end: what must hold.

    def check_clones(self):
        """Every clone at the remote's commit, clean, with the same files, all checked."""
        remote = self.git(self.remote, "rev-parse", "main")
        want = self.files(self.clones[0])
        for clone in self.clones:
            self.git(clone.path, "fetch", "-q")
            for ref in ("HEAD", "@{upstream}"):
                at = self.git(clone.path, "rev-parse", ref)
                if at != remote:
                    self.fail(f"{clone.name}'s {ref} is {at}, the remote's main {remote}")
            status = self.git(clone.path, "status", "--porcelain", "--untracked-files=all")
            if status:
                self.fail(f"{clone.name} has uncommitted files:\n    {shown(status)}")
            files = self.files(clone)
            if files != want:
                differ = sorted(p for p in set(files) | set(want) if files.get(p) != want.get(p))
                self.fail(f"{clone.name}'s customer files differ from {self.clones[0].name}'s: "
                          f"{', '.join(differ)}")
            self.ran("crm check at the end", self.crm(clone, "check"))
        return want

    def check_markers(self, files):
        """Each acknowledged entry once, where it was written; nothing else."""
        docs, raw, where = {}, Counter(), defaultdict(list)
        for path, text in files.items():
            raw.update(int(n) for n in MARKER.findall(text))
            try:
                docs[path] = tomllib.loads(text)
            except tomllib.TOMLDecodeError as e:
                self.fail(f"{path} is not TOML at the end: {e}")
                continue
            for key, value in docs[path].items():
                if isinstance(value, list) and value and isinstance(value[0], dict):
                    for entry in value:
                        for k, v in entry.items():
                            for n in MARKER.findall(v if isinstance(v, str) else ""):
                                where[int(n)].append((path, key, k))
                for n in MARKER.findall(value if isinstance(value, str) else ""):
                    where[int(n)].append((path, "", key))
        ops = {op.n: op for op in self.ops}
        for n in sorted(set(raw) - set(ops)):
            self.fail(f"op-{n:05d} is in the folder, but no operation wrote it")
        for op in self.ops:
            if op.kind in ("sync", "handover"):
                continue
            place = [(f"customers/{op.customer}.toml", *op.where)]
            got, count = where.get(op.n, []), raw[op.n]
            what = f"op-{op.n:05d} ({op.kind} by {op.clone} on {op.customer})"
            if not op.acked:
                if count:
                    self.fail(f"{what} was refused, yet it appears {count} times, at {got}")
            elif op.kind == "edit":  # a value a later edit may have replaced
                if count > 1 or got not in ([], place):
                    self.fail(f"{what} appears {count} times, at {got}")
            elif count != 1 or got != place:
                self.fail(f"{what} appears {count} times, at {got}, not once at {place}")
        return docs

    def check_handovers(self, docs):
        expected = Counter(h for op in self.ops if op.acked for h in op.handed)
        actual = Counter()
        for path, doc in docs.items():
            for entry in doc.get("log", []):
                if entry.get("kind") == "handover":
                    actual[(path, str(entry.get("date")), entry.get("by"), entry.get("note"))] += 1
        for h in sorted(set(expected) | set(actual)):
            if expected[h] != actual[h]:
                self.fail(f"the handover [[log]] {h} is there {actual[h]} times, "
                          f"not {expected[h]}")

    def check_values(self, docs):
        """Each top-level value its first one or one a clone set; a lone writer's last."""
        for path in sorted(set(self.original) - set(docs)):
            self.fail(f"{path} was made, but is gone")
        for path, doc in sorted(docs.items()):
            first = self.original.get(path)
            if first is None:
                self.fail(f"{path} is in the folder, but nobody made it")
                continue
            for key in sorted(set(first) | set(doc)):
                final = doc.get(key)
                if isinstance(final, list) and final and isinstance(final[0], dict):
                    continue  # entries: check_markers' job
                set_by = self.set_values.get((path, key), [])
                if final != first.get(key) and final not in [v for _, v in set_by]:
                    self.fail(f"{path}: '{key}' is {final!r}, which no clone set "
                              f"(first {first.get(key)!r})")
                elif len({c for c, _ in set_by}) == 1 and final != set_by[-1][1]:
                    self.fail(f"{path}: '{key}' is {final!r}, but only {set_by[-1][0]} changed "
                              f"it, last to {set_by[-1][1]!r}")


def seconds(values):
    if not values:
        return {"median": 0, "p90": 0, "max": 0}
    p90 = statistics.quantiles(values, n=10)[-1] if len(values) > 1 else values[0]
    return {"median": round(statistics.median(values), 3), "p90": round(p90, 3),
            "max": round(max(values), 3)}


def summary(team, total):
    ops = [op for op in team.ops]
    kinds = Counter(op.kind for op in ops)
    acked = Counter(op.kind for op in ops if op.acked and op.kind != "sync")
    during = [s for s in team.syncs if s[2] == "ops"]
    attempts = [s[1] for s in team.syncs]
    return {
        "clones": team.args.clones, "seed": team.args.seed, "jobs": team.args.jobs,
        "autocommit": team.args.autocommit, "operations": len(ops),
        "operations_asked": team.args.ops, "stopped_at_time_limit": team.stopped_at is not None,
        "by_kind": dict(sorted(kinds.items())), "acknowledged": dict(sorted(acked.items())),
        "handed_over": sum(len(op.handed) for op in ops),
        "syncs": len(team.syncs), "syncs_during_operations": len(during),
        "final_rounds": team.final_rounds,
        "conflicts": len(team.conflicts), "syncs_stopped_on_conflicts": team.stopped_syncs,
        "conflicted_files": len({c["file"] for c in team.conflicts}),
        "resolved": dict(Counter(c["kept"] for c in team.conflicts)),
        "conflict_keys": dict(Counter(re.match(r"ours: '([^']+)'", c["label"]).group(1)
                                      if c["label"].startswith("ours: '") else "?"
                                      for c in team.conflicts)),
        "pushes": sum(attempts), "push_retries": sum(max(a - 1, 0) for a in attempts),
        "sync_seconds": seconds([s[0] for s in team.syncs]),
        "command_seconds": {k: seconds(v) for k, v in sorted(team.times.items())},
        "total_seconds": round(total, 1), "failures": len(team.failures)}


def print_summary(s):
    stop = (f", stopped after {s['operations']} of {s['operations_asked']} at the time limit"
            if s["stopped_at_time_limit"] else "")
    print(f"team_sim: {s['clones']} clones, seed {s['seed']}, {s['jobs']} at once, "
          f"autocommit = {s['autocommit']}: {s['operations']} operations{stop}")
    print("  by kind: " + ", ".join(f"{k} {n} ({s['acknowledged'].get(k, 0)} acknowledged)"
                                    if k != "sync" else f"{k} {n}"
                                    for k, n in s["by_kind"].items()))
    print(f"  handovers moved {s['handed_over']} customers")
    print(f"  syncs: {s['syncs']} ({s['syncs_during_operations']} during the operations, "
          f"{s['final_rounds']} final rounds), {s['pushes']} pushes, {s['push_retries']} "
          f"retried after a race")
    print(f"  conflicts: {s['conflicts']} values in {s['conflicted_files']} files stopped "
          f"{s['syncs_stopped_on_conflicts']} syncs, on {s['conflict_keys'] or 'nothing'}; "
          f"resolved keeping {s['resolved'] or 'nothing'}")
    t = s["sync_seconds"]
    print(f"  time per sync: median {t['median']} s, p90 {t['p90']} s, max {t['max']} s; "
          f"total {s['total_seconds']} s")
    print("  median per command: " + ", ".join(f"{k} {v['median']} s"
                                               for k, v in s["command_seconds"].items()))


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--crm", required=True, help="the crm binary")
    p.add_argument("--root", help="the source tree (not needed)")
    p.add_argument("--clones", type=int, default=10)
    p.add_argument("--ops", type=int, default=2000)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--time-limit", type=float, default=240,
                   help="stop issuing operations after this many seconds (0: never)")
    p.add_argument("--jobs", type=int, default=2, help="how many clones work at once")
    p.add_argument("--customers", type=int, default=30, help="customers to start with (<= 44)")
    p.add_argument("--sync-rate", type=float, default=0.15,
                   help="the chance that an operation is a crm sync")
    p.add_argument("--autocommit", choices=["true", "false"], default="true",
                   help="[git] autocommit in the ledger's crm.toml")
    p.add_argument("--json", metavar="OUT", help="also write the counts and timings here")
    p.add_argument("--keep", metavar="DIR", help="work in DIR (new) and keep it")
    args = p.parse_args()
    started = time.monotonic()
    if args.keep:
        Path(args.keep).mkdir(parents=True)
        tmp, cleanup = args.keep, None
    else:
        cleanup = tempfile.TemporaryDirectory(prefix="crm-team-")
        tmp = cleanup.name
    team = Team(args, tmp)
    try:
        team.phase = "setup"
        team.set_up()
        team.phase = "ops"
        team.simulate()
        team.phase = "final"
        team.settle()
        files = team.check_clones()
        docs = team.check_markers(files)
        team.check_handovers(docs)
        team.check_values(docs)
    except (RuntimeError, OSError, subprocess.TimeoutExpired) as e:
        team.fail(f"the simulation could not run: {e!r}")
    finally:
        if cleanup:
            cleanup.cleanup()
    s = summary(team, time.monotonic() - started)
    print_summary(s)
    if args.json:
        Path(args.json).write_text(json.dumps(s, indent=2) + "\n", encoding="utf-8")
    for f in team.failures[:40]:
        print(f"FAIL {f}")
    if len(team.failures) > 40:
        print(f"... and {len(team.failures) - 40} more failures")
    print("ok" if not team.failures else f"{len(team.failures)} failed")
    return 1 if team.failures else 0


if __name__ == "__main__":
    sys.exit(main())
