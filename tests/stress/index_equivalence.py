#!/usr/bin/env python3
"""The index (.crm/index) never changes what crm says: a randomized equivalence test.

A temporary ledger of about 40 customer files of varied shape (Chinese and
English names, every class of crm.toml and an unknown one, birthdays with and
without the year, lunar birthdays, purchases with balances and due dates,
payments, contacts with `next`, plans, people, CRLF and a byte-order mark,
and files that are broken: a TOML syntax error, a byte that is not UTF-8, a
git conflict block, bad entries, an inline array, an empty file) goes
through a long seeded sequence of mutations, each followed by checks.

The mutations are those that an index validated by stat data must notice:
an edit that changes the size; one that keeps it (a digit of a date or an
amount, a letter of a name); the same with the mtime put back to exactly
what it was (only ctime differs); a touch; a rename, a deletion, a new file;
a file replaced (os.replace) by one of the same size and the same mtime;
FIFOs, folders, symbolic and hard links named like customer files; a file's
mtime a day in the future, and back; crm.toml edited (cadences, a class
renamed so that its customers' class is unknown, and back, products, the
agenda's windows, the calendar rules; once with the same size and mtime);
the index itself (.crm/index, and its delta .crm/index.delta when there is
one) truncated, a byte of it flipped, its crm version or format changed, an
old copy of it put back, it or the whole state folder deleted; and the racy
cases: an edit right after a crm run, edits during a crm run, a same-size
edit whose mtime is set to exactly the index's own mtime or scan time, and a
file indexed while "racily clean" (its mtime not older than the scan) whose
bytes then change through a shared mapping, which leaves its stat data as
it was: only the racy rule makes crm read it again. (With the fine-grained
timestamps of recent kernels, the other racy cases can no longer leave a
file's stat data unchanged; on a file system with coarse timestamps they
can.)

Each check runs one read command (due in several forms, check, list, show,
handover --dry-run) with the index, sometimes twice, and then with
--no-index (or CRM_NO_INDEX=1): standard output, standard error and the exit
status must be byte-identical. Writes (log, sell, pay, plan, add, undo,
handover) run with the index in the ledger and with --no-index in a twin
folder that gets every mutation too: their output and the customer files
after them must be identical. Two or three indexed readers sometimes run at
once (with a write among them), and must agree with --no-index; no
temporary index file may be left behind. As another user (root runs the
check as nobody on a world-readable copy; others remove the folder's write
permission), a folder crm cannot write gives the same answers and its index
is neither made nor changed. --no-index never touches the index.

On the first difference it prints the step, the seed, the last mutations and
a unified diff, and exits 1. The end prints the steps, checks, mutations by
kind, how often the index was rewritten (whole or its delta alone), reused
unchanged and present, and how many files could be taken from it; a run in
which the index never existed, or was never reused, fails: it would have
compared --no-index with itself. Steps stop at --steps or --time-limit
seconds, whichever comes first, so that CI stays bounded."""
import argparse
import difflib
import json
import mmap
import os
import random
import shlex
import shutil
import signal
import stat
import subprocess
import sys
import tempfile
import time
import tomllib
from collections import Counter, deque
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

MAGIC = b"crm-index\n"
START = date(2026, 11, 2)
OWNERS = ["amy", "ben", "carol"]
REGIONS = ["Taipei/Da'an", "Taipei/Xinyi", "New Taipei/Banqiao", "Taichung/West", "Tainan"]
TAGS = ["vip", "referral", "wholesale", "office"]
KINDS = ["visit", "call", "message", "email"]
WHYS = ["buy", "keep", "stop", "bye"]
THEMES = ['"price"', '"delivery"', '"Price "', '"taste"', '"交貨"']
SURNAMES = [("張", "zhang"), ("王", "wang"), ("李", "li"), ("陳", "chen"), ("林", "lin"),
            ("黃", "huang"), ("吳", "wu"), ("劉", "liu"), ("蔡", "cai"), ("楊", "yang")]
GIVEN = [("偉", "wei"), ("芳", "fang"), ("美玲", "mei-ling"), ("志明", "zhi-ming"),
         ("淑芬", "shu-fen"), ("建國", "jian-guo")]
ENGLISH = [("Sarah Miller", "sarah-miller"), ("Oliver Grant", "oliver-grant"),
           ("Acme Trading", "acme-trading"), ("Morning Brew Cafe", "morning-brew"),
           ("Lotus Kitchen", "lotus-kitchen"), ("Harbour Rice Co.", "harbour-rice"),
           ("Blue Door Cafe", "blue-door"), ("Emma Chen", "emma-chen"),
           ("Sunrise Dental", "sunrise-dental"), ("Noah Park", "noah-park")]
# CJK characters of the same UTF-8 length, for a same-size edit of a name.
CJK = "張王李陳林黃吳劉蔡楊偉芳美玲志明淑芬建國"
NOTES = ["Wants the 5 kg bag next time.", "「十公斤太重」 — bring it upstairs.",
         "Asked about the office tea case.", "Paid in cash.", "Call after 7 pm.",
         "Line one\nline two, with a \"quote\"", "烏龍茶很好喝，下次再買。"]
BASE_CLASSES = [("now", '["7d", "10d"]'), ("later", '"30d"'), ("client", '"60d"'),
                ("vip", '"30d"')]
CADENCES = ['"5d"', '"14d"', '["7d", "10d"]', '["10d", "20d"]', '"90d"', '"1m"', '"2w"',
            '"7 days"']
BASE_PRODUCTS = {
    "rice-10kg": {"name": '"Rice, 10 kg (台梗九號)"', "price": "600", "lasts": '"60d"',
                  "per_person": "true", "warn": '"5d"'},
    "rice-5kg": {"name": '"Rice, 5 kg"', "price": "350", "lasts": '"30d"',
                 "per_person": "true", "warn": '"5d"'},
    "oolong-150g": {"name": '"凍頂烏龍 Dongding oolong, 150 g"', "price": "680",
                    "lasts": '"30d"', "warn": '"5d"'},
    "tea-gift-box": {"name": '"Tea gift box"', "price": "1200"},
    "office-tea-case": {"name": '"Office tea, case"', "price": "36000", "lasts": '"30d"',
                        "warn": '"7d"'},
}
PRODUCT_VALUES = {"price": ["350", "600", "680", "1200", "99.5"],
                  "lasts": ['"30d"', '"60d"', '"2w"', '"1m"', '"10 days"'],
                  "warn": ['"5d"', '"7d"', '"10d"'], "per_person": ["true", "false"],
                  "name": ['"Rice"', '"米 rice"', '"Tea"']}
CHECK_WEIGHTS = {"due": 14, "due-json": 8, "due-birthday": 5, "due-more": 6, "check": 6,
                 "check-json": 3, "list": 8, "list-json": 5, "list-more": 5, "list-grep": 1,
                 "show": 6, "show-json": 3, "show-query": 4, "handover-dry": 2,
                 "report": 4, "report-more": 3, "reasons": 3, "reasons-more": 2}
MUTATION_WEIGHTS = {"edit": 12, "same-size": 10, "same-size-old-mtime": 10, "touch": 5,
                    "rename": 4, "delete": 3, "add": 4, "replace-same-stat": 7,
                    "special": 3, "future-mtime": 4, "settings": 7, "settings-same-stat": 2,
                    "index-truncate": 3, "index-flip": 4, "index-version": 2,
                    "index-old-copy": 3, "index-delete": 2, "state-delete": 1,
                    "racy-after-run": 4, "racy-during-run": 4, "racy-exact-mtime": 4,
                    "racy-mmap": 3, "chmod": 2}
WRITE_WEIGHTS = {"log": 10, "sell": 5, "pay": 5, "plan": 4, "undo": 5, "redo": 1,
                 "add": 2, "handover": 1}


class Failure(Exception):
    pass


@dataclass
class Run:
    rc: int
    out: bytes
    err: bytes

    def key(self):
        return (self.rc, self.out, self.err)


def text_of(b):
    return b.decode("utf-8", "backslashreplace")


def varint(data, i):
    v, shift = 0, 0
    while True:
        byte = data[i]
        i += 1
        v |= (byte & 0x7F) << shift
        if not byte & 0x80:
            return v, i
        shift += 7
        if shift > 63:
            raise ValueError("varint too long")


def zigzag(data, i):
    z, i = varint(data, i)
    return (z >> 1) ^ -(z & 1), i


def parse_index(data, version=b""):
    """The header and table of an index file (checksums not checked), or None.

    The layout is the one crm(5) gives: magic, format, crm's version (found
    by its bytes, whatever the format's number and the parts' sizes take
    before it), the scan time, (for the split index, the id of the whole
    index a delta amends), the table, and the table's checksum, which is the
    index's id. Only for counting and for aiming mutations: crm's own reading
    of the index is what the test checks."""
    try:
        if not data.startswith(MAGIC):
            return None
        at = data.find(bytes([len(version)]) + version, len(MAGIC), len(MAGIC) + 64) \
            if version else -1
        if at >= 0:
            i = at + 1
        else:
            _, i = varint(data, len(MAGIC))
            n, i = varint(data, i)
            version = data[i:i + n]
        version_at = i
        i += len(version)
        scan_ns, i = zigzag(data, i)
    except (IndexError, ValueError):
        return None
    fmt = data[len(MAGIC)]
    for has_base in (True, False):
        try:
            j, base = i, 0
            if has_base:
                base, j = varint(data, j)
            count, j = varint(data, j)
            entries = {}
            for _ in range(count):
                n, j = varint(data, j)
                path = data[j:j + n].decode("utf-8", "surrogateescape")
                j += n
                dev, j = varint(data, j)
                ino, j = varint(data, j)
                size, j = varint(data, j)
                mtime, j = zigzag(data, j)
                ctime, j = zigzag(data, j)
                mode, j = varint(data, j)
                _, j = varint(data, j)
                _, j = varint(data, j)
                j += 16
                if not path.startswith("customers/") or j > len(data):
                    raise ValueError("not a table")
                entries[path] = (dev, ino, size, mtime, ctime, mode)
            if j + 8 > len(data):
                raise ValueError("no checksum")
            return {"format": fmt, "version": version, "version_at": version_at,
                    "scan_ns": scan_ns, "base": base, "entries": entries,
                    "id": int.from_bytes(data[j:j + 8], "little")}
        except (IndexError, ValueError):
            continue
    return None


def read_regular(path):
    """The bytes of a regular file, None for anything else (never blocks on a FIFO)."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    except OSError:
        return None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return None
        with os.fdopen(os.dup(fd), "rb") as f:
            return f.read()
    finally:
        os.close(fd)


def stat_key(st):
    return (st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_mode)


def q(s):
    return json.dumps(s, ensure_ascii=False)


class Sim:
    def __init__(self, args, tmp):
        self.args = args
        self.tmp = Path(tmp)
        self.crm_bin = str(Path(args.crm).resolve())
        self.rng = random.Random(args.seed)
        self.main = self.tmp / "ledger"
        self.twin = self.tmp / "twin"
        (self.tmp / "home").mkdir()
        self.env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"),
                    "HOME": str(self.tmp / "home"), "TZ": "UTC", "LC_ALL": "C.UTF-8",
                    "NO_COLOR": "1", "CRM_USER": "amy", "GIT_CONFIG_NOSYSTEM": "1"}
        for k in ("ASAN_OPTIONS", "UBSAN_OPTIONS", "LSAN_OPTIONS"):
            if k in os.environ:
                self.env[k] = os.environ[k]
        self.today = START
        self.step = 0
        self.doing = None  # the mutation under way
        self.history = deque(maxlen=10)
        self.mutations = Counter()
        self.writes = Counter()
        self.checks = 0
        self.indexed_runs = 0
        self.index_present = 0  # indexed runs after which .crm/index existed
        self.rebuilds = 0  # indexed runs that rewrote .crm/index
        self.delta_writes = 0  # indexed runs that wrote only .crm/index.delta
        self.reused = 0  # indexed runs that found an index and left it as it was
        self.fresh_entries = 0  # files an indexed run could take from the index
        self.racy_entries = 0  # files whose stat matched, but were racily clean
        self.future_entries = 0  # files whose stat matched, with an mtime in the future
        self.parsed = 0  # index files this test could read (crm(5) gives the layout)
        self.mmap_ineffective = 0  # racy-mmap edits that changed the stat data after all
        self.concurrent = 0
        self.readonly = Counter()
        self.notes = []
        self.old_indexes = []
        self.future = {}  # name -> mtime_ns it had before it was put in the future
        self.renamed_class = None  # (old, new) while a class is renamed
        self.next_id = 0
        self.set_up_settings()

    # Running crm.

    def crm(self, folder, argv, index=True):
        env = dict(self.env)
        cmd = [self.crm_bin, "-C", str(folder)]
        if not index:
            if self.rng.random() < 0.3:
                env["CRM_NO_INDEX"] = "1"
            else:
                cmd.append("--no-index")
        elif self.rng.random() < 0.1:
            env["CRM_NO_INDEX"] = "0"  # "0" is not set
        r = subprocess.run(cmd + list(argv), capture_output=True, env=env,
                           stdin=subprocess.DEVNULL, timeout=300)
        return Run(r.returncode, r.stdout, r.stderr)

    def index_path(self, folder=None, delta=False):
        return (folder or self.main) / ".crm" / ("index.delta" if delta else "index")

    def index_stat(self, folder=None):
        """The stat data of the index and of its delta, None when there is no index."""
        out = []
        for delta in (False, True):
            try:
                st = os.stat(self.index_path(folder, delta))
                out.append((st.st_ino, st.st_mtime_ns, st.st_ctime_ns, st.st_size))
            except FileNotFoundError:
                out.append(None)
        return tuple(out) if out[0] or out[1] else None

    def index_entries(self):
        """Each path's entry as crm would take it (the delta's first), with its scan time."""
        parts = []
        for delta in (False, True):
            try:
                data = self.index_path(None, delta).read_bytes()
            except OSError:
                parts.append(None)
                continue
            parts.append(parse_index(data, self.version))
            self.parsed += parts[-1] is not None
        whole, delta = parts
        if not whole:
            return {}
        out = {p: (e, whole["scan_ns"]) for p, e in whole["entries"].items()}
        if delta and delta["base"] == whole["id"]:
            out.update({p: (e, delta["scan_ns"]) for p, e in delta["entries"].items()})
        return out

    def predict(self):
        """Count the files the next indexed run may take from the index."""
        for path, (entry, scan_ns) in self.index_entries().items():
            try:
                now = stat_key(os.stat(self.main / path))
            except OSError:
                continue
            if now == entry:
                if entry[3] < scan_ns:
                    self.fresh_entries += 1
                elif entry[3] <= time.time_ns():
                    self.racy_entries += 1
                else:
                    self.future_entries += 1

    def indexed(self, argv):
        self.predict()
        before = self.index_stat()
        r = self.crm(self.main, argv)
        self.note_index(before)
        return r

    def note_index(self, before, runs=1):
        after = self.index_stat()
        self.indexed_runs += runs
        if after and after[0]:
            self.index_present += 1
            if after == before:
                self.reused += 1
            elif before and after[0] == before[0]:
                self.delta_writes += 1
            else:
                self.rebuilds += 1

    def reference(self, argv):
        before = self.index_stat()
        r = self.crm(self.main, argv, index=False)
        if self.index_stat() != before:
            self.fail("--no-index changed .crm/index", [f"`{self.show_argv(argv)}`"])
        return r

    # Failure reports.

    def show_argv(self, argv, index=True):
        return "crm -C DIR " + ("" if index else "--no-index ") + shlex.join(argv)

    def fail(self, what, lines=()):
        out = [f"FAIL at step {self.step} (seed {self.args.seed}): {what}", *lines,
               "the last mutations and writes, oldest first:"]
        out += [f"  {h}" for h in self.history] or ["  (none)"]
        if self.doing:
            out.append(f"  step {self.step}: {self.doing} (in progress)")
        out.append(f"to reproduce: {Path(sys.argv[0]).name} --crm CRM --seed {self.args.seed} "
                   f"--steps {self.step} --keep DIR")
        raise Failure("\n".join(out))

    def differ(self, what, argv, a, la, b, lb):
        lines = [f"command: {shlex.join(argv)}"]
        if a.rc != b.rc:
            lines.append(f"exit status: {a.rc} {la}, {b.rc} {lb}")
        for name, x, y in (("stdout", a.out, b.out), ("stderr", a.err, b.err)):
            if x != y:
                lines += [f"{name}:"] + [l.rstrip("\n") for l in difflib.unified_diff(
                    text_of(y).splitlines(True), text_of(x).splitlines(True),
                    fromfile=f"{name} {lb}", tofile=f"{name} {la}", n=2)][:80]
        self.fail(what, lines)

    def record(self, text):
        self.history.append(f"step {self.step}: {text}")

    # The ledger.

    def set_up_settings(self):
        self.classes = [list(c) for c in BASE_CLASSES]
        self.products = {k: dict(v) for k, v in BASE_PRODUCTS.items()}
        self.agenda = {"horizon": "7d", "birthdays": "30d"}
        self.followup = '["3d", "7d", "30d"]'
        self.calendar = {"feb29": "feb28", "lunar_leap": "regular", "lunar_day30": "last-day"}
        self.currency = "TWD"

    def settings_text(self):
        out = ["# The settings of the index equivalence test's ledger.",
               f"currency = {q(self.currency)}", "", "[classes]"]
        out += [f"{name} = {value}" for name, value in self.classes]
        out += ["", "[agenda]"] + [f'{k} = "{v}"' for k, v in self.agenda.items()]
        out += ["", "[followup]", f"after_purchase = {self.followup}", "", "[calendar]"]
        out += [f'{k} = "{v}"' for k, v in self.calendar.items()]
        out += ["", "[git]", "autocommit = false"]
        for key, fields in self.products.items():
            out += ["", f"[products.{key}]"] + [f"{k} = {v}" for k, v in fields.items()]
        return ("\n".join(out) + "\n").encode()

    def class_names(self):
        return [c[0] for c in self.classes]

    def a_date(self, first, last):
        return first + timedelta(days=self.rng.randint(0, (last - first).days))

    def customer_text(self, name, i, shape=""):
        rng = self.rng
        L = []
        if rng.random() < 0.3:
            L.append(f"# {name}: met at the autumn fair")
        L.append(f"name = {q(name)}")
        cls = rng.choice(self.class_names() + ["now", "client", None])
        if shape == "unknown-class":
            cls = "someday"
        if cls:
            L.append(f'class = "{cls}"' + ("          # deciding soon" if rng.random() < 0.3
                                          else ""))
        L.append(f'owner = "{rng.choice(OWNERS)}"')
        if rng.random() < 0.3:
            L.append(f"contacts = [{q(rng.choice(OWNERS))}]")
        if rng.random() < 0.8:
            L.append(f"region = {q(rng.choice(REGIONS))}")
        L.append(f'phone = "+886 9{i % 100:02d} {rng.randint(100, 999)} {i:03d}"')
        b = rng.random()
        if b < 0.25:
            L.append(f"birthday = {rng.randint(1950, 1999)}-{rng.choice([11, 12, 1, 3]):02d}-"
                     f"{rng.randint(1, 28):02d}")
        elif b < 0.4:
            L.append(f'birthday = "--{rng.choice(["03-14", "11-20", "12-01", "02-29"])}"')
        elif b < 0.45:
            L.append("birthday = 1980-02-29")
        if rng.random() < 0.35:
            leap = ", leap = true" if rng.random() < 0.2 else ""
            L.append(f"lunar_birthday = {{ month = {rng.randint(1, 12)}, "
                     f"day = {rng.choice([1, 15, 29, 30])}{leap} }}")
        if rng.random() < 0.4:
            L.append(f"payday = {rng.choice([5, 10, 25, 31])}")
        if rng.random() < 0.5:
            L.append(f"household = {rng.randint(1, 5)}")
        if rng.random() < 0.5:
            L.append(f"tags = [{', '.join(q(t) for t in rng.sample(TAGS, rng.randint(1, 2)))}]")
        if rng.random() < 0.3:
            L.append(f"prefers = {q(rng.choice(NOTES))}")
        if rng.random() < 0.6:
            L.append(f"since = {self.a_date(date(2025, 6, 1), date(2026, 10, 30))}")
        if shape == "warnings":
            L.append("birthdya = 1980-01-01")
        if rng.random() < 0.3:
            L += ["", 'notes = """', "Referred by a neighbour.", "Likes oolong tea.", '"""']
        if rng.random() < 0.2:
            L += ["", "[[person]]", f"name = {q(rng.choice(['李經理', 'Lisa Wu', '王太太']))}",
                  'role = "purchasing"', f'phone = "0933 {rng.randint(100, 999)} {i:03d}"',
                  f"birthday = 1976-{rng.choice([11, 12]):02d}-{rng.randint(1, 28):02d}"]
        for _ in range(rng.choice([0, 0, 1, 1, 2, 3])):
            product = rng.choice(list(self.products) + ["gift basket"])
            price = rng.choice([350, 600, 680, 1200, 1800, 36000])
            L += ["", "[[purchase]]", f"date = {self.a_date(date(2026, 6, 1), START)}",
                  f"product = {q(product)}", f"qty = {rng.choice(['1', '2', '0.5', '3'])}",
                  f"price = {price}"]
            if rng.random() < 0.4:
                L.append(f"paid = {rng.choice([0, price // 2, price - 100])}")
                if rng.random() < 0.5:
                    L.append(f"due = {self.a_date(START, date(2026, 12, 31))}")
            L.append(f'by = "{rng.choice(OWNERS)}"')
        for _ in range(rng.choice([0, 0, 1, 2])):
            L += ["", "[[payment]]", f"date = {self.a_date(date(2026, 7, 1), START)}",
                  f"amount = {rng.choice([100, 300, 600])}", f'by = "{rng.choice(OWNERS)}"']
        for _ in range(rng.choice([0, 1, 1, 2, 3, 5])):
            L += ["", "[[log]]", f"date = {self.a_date(date(2026, 8, 1), START)}",
                  f'by = "{rng.choice(OWNERS)}"', f'kind = "{rng.choice(KINDS)}"',
                  f"note = {q(rng.choice(NOTES))}"]
            if rng.random() < 0.3:
                L.append(f"next = {self.a_date(START, date(2026, 12, 20))}")
            L += self.words()
        for _ in range(rng.choice([0, 0, 0, 1, 2])):
            L += ["", "[[plan]]", f"date = {self.a_date(date(2026, 10, 20), date(2026, 12, 20))}",
                  f'kind = "{rng.choice(KINDS)}"', f'with = ["amy", "{rng.choice(OWNERS)}"]',
                  'by = "amy"', f"note = {q(rng.choice(NOTES[:4]))}"]
        text = "\n".join(L) + "\n"
        if shape == "syntax-error":
            text = text.replace("\nowner = ", "\nowner = = ", 1)
        elif shape == "bad-entries":
            text += ("\n[[purchase]]\ndate = 2026-02-30\nprice = 600\n\n[[purchase]]\n"
                     "date = 2026-10-01\nprice = 600\npaid = 900\n\n[[log]]\ndate = 2026-10-03\n"
                     "kind = \"call\"\nnext = \"soon\"\n")
        elif shape == "inline-array":
            text += '\nlog = [{ date = 2026-10-01, kind = "call", note = "inline" }]\n'
        elif shape == "conflict":
            lines = text.split("\n")
            at = next((k for k, l in enumerate(lines) if l.startswith("owner = ")), 1)
            lines[at:at + 1] = ["<<<<<<< ours", lines[at], "=======", 'owner = "ben"',
                                ">>>>>>> theirs"]
            text = "\n".join(lines)
        data = text.encode()
        if shape == "non-utf8":
            data += b'\n[[log]]\ndate = 2026-10-10\nkind = "visit"\nnote = "caf\xe9 au lait"\n'
        elif shape == "crlf-bom":
            data = b"\xef\xbb\xbf" + data.replace(b"\n", b"\r\n")
        elif shape == "empty":
            data = b""
        return data

    def people(self):
        out = [(s + g, f"{sp}-{gp}") for s, sp in SURNAMES for g, gp in GIVEN]
        self.rng.shuffle(out)
        return out

    def set_up(self, examples):
        r = subprocess.run([self.crm_bin, "--version"], capture_output=True, env=self.env,
                           stdin=subprocess.DEVNULL, timeout=60)
        self.version = r.stdout.strip().split()[-1] if r.stdout.strip() else b""
        r = subprocess.run([self.crm_bin, "init", str(self.main)], capture_output=True,
                           env=self.env, stdin=subprocess.DEVNULL, timeout=60)
        if r.returncode != 0:
            raise Failure(f"crm init failed ({r.returncode}): {text_of(r.err)}")
        (self.main / "crm.toml").write_bytes(self.settings_text())
        files = {}
        if examples and (examples / "customers").is_dir():
            for p in sorted((examples / "customers").glob("*.toml"))[::4]:
                files[p.name] = p.read_bytes()
        shapes = ["unknown-class", "syntax-error", "non-utf8", "conflict", "bad-entries",
                  "warnings", "inline-array", "crlf-bom", "empty"]
        pool = self.people() + ENGLISH
        self.rng.shuffle(pool)
        self.pool = [p for p in pool if f"{p[1]}.toml" not in files]
        i = 0
        while len(files) < self.args.customers:
            name, cid = self.pool.pop()
            shape = shapes.pop() if shapes else ""
            files[f"{cid}.toml"] = self.customer_text(name, i, shape)
            i += 1
        for fname, data in sorted(files.items()):
            (self.main / "customers" / fname).write_bytes(data)
        shutil.copytree(self.main, self.twin, symlinks=True)

    # The files, in both folders.

    def entries(self, folder=None):
        return sorted(n for n in os.listdir((folder or self.main) / "customers")
                      if n.endswith(".toml") and not n.startswith("."))

    def regular(self):
        out = []
        for n in self.entries():
            p = self.main / "customers" / n
            if p.is_file() and not p.is_symlink():
                out.append(n)
        return out

    def both(self, fn):
        for folder in (self.main, self.twin):
            fn(folder)

    def put(self, name, data, folders=None):
        for folder in folders or (self.main, self.twin):
            (folder / "customers" / name).write_bytes(data)

    def new_id(self):
        self.next_id += 1
        if self.pool and self.rng.random() < 0.6:
            name, cid = self.pool.pop()
        else:
            name, cid = f"客戶 {self.next_id:03d}", f"new-{self.next_id:03d}"
        while (self.main / "customers" / f"{cid}.toml").exists() or \
                os.path.lexists(self.main / "customers" / f"{cid}.toml"):
            cid += "-x"
        return name, cid

    def snapshot(self, folder):
        out = {"crm.toml": (folder / "crm.toml").read_bytes()}
        for n in sorted(os.listdir(folder / "customers")):
            p = folder / "customers" / n
            if p.is_symlink():
                out[n] = ("link", os.readlink(p))
            elif p.is_dir():
                out[n] = ("dir", sorted(os.listdir(p)))
            elif p.is_file():
                out[n] = ("file", p.read_bytes())
            else:
                out[n] = ("special", stat.S_IFMT(os.lstat(p).st_mode))
        return out

    def same_folders(self, what):
        a, b = self.snapshot(self.main), self.snapshot(self.twin)
        if a == b:
            return
        lines = []
        for n in sorted(set(a) | set(b)):
            if a.get(n) != b.get(n):
                x, y = a.get(n), b.get(n)
                if x and y and x[0] == y[0] == "file":
                    lines += [f"{n}:"] + [l.rstrip("\n") for l in difflib.unified_diff(
                        text_of(y[1]).splitlines(True), text_of(x[1]).splitlines(True),
                        "--no-index (twin)", "with the index", n=2)][:60]
                else:
                    lines.append(f"{n}: {x!r:.100} with the index, {y!r:.100} in the twin")
        self.fail(f"the folders differ after {what}", lines)

    # Mutations of a file's bytes.

    def words(self):
        """What crm reasons and crm report read from a [[log]]: the customer's
        words, themes, a score, a class or owner move, sometimes out of range."""
        rng = self.rng
        out = []
        if rng.random() < 0.3:
            out += [f'why = "{rng.choice(WHYS)}"', f"said = {q(rng.choice(NOTES))}",
                    f"themes = [{', '.join(rng.sample(THEMES, rng.randint(1, 2)))}]"]
        if rng.random() < 0.2:
            out.append(f"satisfaction = {rng.choice([1, 2, 3, 4, 5, 5, 6])}")
        if rng.random() < 0.1:
            out += [f'class = "{rng.choice(["now", "later", "client"])}"', 'class_was = "now"']
        return out

    def grown(self, data):
        """Other bytes of another size."""
        rng = self.rng
        k = rng.randrange(9)
        if k == 0:
            add = (f"\n[[log]]\ndate = {self.today - timedelta(days=rng.randint(0, 20))}\n"
                   f'by = "{rng.choice(OWNERS)}"\nkind = "{rng.choice(KINDS)}"\n'
                   f"note = {q(rng.choice(NOTES))}\n")
            if rng.random() < 0.4:
                add += f"next = {self.today + timedelta(days=rng.randint(1, 20))}\n"
            add += "".join(line + "\n" for line in self.words())
            new = data + add.encode()
        elif k == 1:
            price = rng.choice([600, 1200, 4000])
            new = data + (f"\n[[purchase]]\ndate = {self.today - timedelta(days=rng.randint(0, 9))}"
                          f'\nproduct = "{rng.choice(list(BASE_PRODUCTS))}"\nprice = {price}\n'
                          f"paid = {price // 4}\ndue = {self.today + timedelta(days=9)}\n").encode()
        elif k == 2:
            new = data + (f"\n[[plan]]\ndate = {self.today + timedelta(days=rng.randint(0, 9))}\n"
                          f'kind = "{rng.choice(KINDS)}"\nnote = "bring the catalogue"\n').encode()
        elif k == 3:
            new = data + f"# {rng.choice(NOTES[:5])}\n".encode()
        elif k == 4:  # another class, perhaps one crm.toml lacks
            cls = rng.choice(self.class_names() + ["nwo", "someday"])
            lines = data.split(b"\n")
            for j, l in enumerate(lines):
                if l.startswith(b"class = "):
                    lines[j] = f'class = "{cls}"  # changed'.encode()
                    break
            else:
                lines.insert(1, f'class = "{cls}"'.encode())
            new = b"\n".join(lines)
        elif k == 5:  # drop the last entry
            at = data.rfind(b"\n[[")
            new = data[:at + 1] if at > 0 else data + b"\n"
        elif k == 6:  # break or mend: conflict markers, a syntax error, a bad byte
            if b"<<<<<<<" in data:
                lines = data.split(b"\n")
                try:
                    a = next(j for j, l in enumerate(lines) if l.startswith(b"<<<<<<<"))
                    m = next(j for j, l in enumerate(lines) if l.startswith(b"======="))
                    e = next(j for j, l in enumerate(lines) if l.startswith(b">>>>>>>"))
                    new = b"\n".join(lines[:a] + lines[a + 1:m] + lines[e + 1:])
                except StopIteration:
                    new = data + b"\n"
            else:
                bad = rng.choice([b"\n<<<<<<< ours\nregion = \"Tainan\"\n=======\n"
                                  b"region = \"Taipei\"\n>>>>>>> theirs\n",
                                  b"\nphone = = 3\n", b"\n# caf\xe9\n",
                                  b"\n[[log]]\ndate = 2026-13-01\n"])
                new = data + bad
        elif k == 7:  # a new customer in the old file
            name, _ = self.new_id()
            new = self.customer_text(name, self.next_id)
        else:  # a longer or shorter phone
            lines = data.split(b"\n")
            for j, l in enumerate(lines):
                if l.startswith(b"phone = "):
                    digits = rng.randint(0, 10 ** rng.randint(2, 6))
                    lines[j] = f'phone = "09{rng.randint(10, 99)} {digits}"'.encode()
                    break
            new = b"\n".join(lines)
        if len(new) == len(data):
            new += b"\n"
        return new

    def same_size(self, data):
        """Other bytes of the same size: a digit of a date or amount, a letter of a name."""
        rng = self.rng
        spots = []
        for j, line in enumerate(data.split(b"\n")):
            if line.startswith((b"name = ", b"  name = ")):
                spots.append(("name", j))
            elif line.startswith((b"date = ", b"price = ", b"paid = ", b"amount = ", b"due = ",
                                  b"next = ", b"birthday = ", b"payday = ", b"phone = ",
                                  b"household = ", b"qty = ")):
                spots.append(("digit", j))
        rng.shuffle(spots)
        lines = data.split(b"\n")
        for kind, j in spots:
            line = lines[j]
            if kind == "name":
                text = line.decode("utf-8", "surrogateescape")
                places = [k for k, c in enumerate(text) if c.isascii() and c.isalpha()
                          and k > 7] + [k for k, c in enumerate(text) if c in CJK]
                if not places:
                    continue
                k = rng.choice(places)
                c = text[k]
                if c in CJK:
                    repl = rng.choice([x for x in CJK if x != c])
                else:
                    pool = "abcdefghijklmnopqrstuvwxyz"
                    repl = rng.choice([x for x in pool if x != c.lower()])
                    repl = repl.upper() if c.isupper() else repl
                lines[j] = (text[:k] + repl + text[k + 1:]).encode("utf-8", "surrogateescape")
            else:
                places = [k for k, c in enumerate(line) if 48 <= c <= 57]
                if not places:
                    continue
                k = rng.choice(places)
                repl = rng.choice([d for d in b"0123456789" if d != line[k]])
                lines[j] = line[:k] + bytes([repl]) + line[k + 1:]
            new = b"\n".join(lines)
            assert len(new) == len(data) and new != data
            return new
        if data:  # nothing to change but punctuation: one byte, whatever it is
            k = rng.randrange(len(data))
            return data[:k] + (b"#" if data[k:k + 1] != b"#" else b" ") + data[k + 1:]
        return None

    # The mutations.

    def pick(self):
        names = self.regular()
        return self.rng.choice(names) if names else None

    def mutate(self, kind):
        self.doing = kind
        rng = self.rng
        cust = self.main / "customers"
        if kind in ("edit", "same-size", "same-size-old-mtime", "touch", "replace-same-stat",
                    "future-mtime", "chmod", "rename", "delete"):
            name = self.pick()
            if name is None:
                kind = "add"
        if kind == "edit":
            self.put(name, self.grown((cust / name).read_bytes()))
        elif kind in ("same-size", "same-size-old-mtime"):
            st = os.stat(cust / name)
            new = self.same_size((cust / name).read_bytes())
            if new is None:
                return self.mutate("add")
            self.put(name, new)
            if kind == "same-size-old-mtime":
                os.utime(cust / name, ns=(st.st_atime_ns, st.st_mtime_ns))
        elif kind == "touch":
            self.both(lambda f: os.utime(f / "customers" / name))
        elif kind == "replace-same-stat":
            st = os.stat(cust / name)
            new = self.same_size((cust / name).read_bytes())
            if new is None:
                return self.mutate("add")
            tmp = cust / ".replacement"
            tmp.write_bytes(new)
            os.utime(tmp, ns=(st.st_atime_ns, st.st_mtime_ns))
            os.replace(tmp, cust / name)
            twin = self.twin / "customers" / ".replacement"  # a hard link is broken in both
            twin.write_bytes(new)
            os.replace(twin, self.twin / "customers" / name)
        elif kind == "rename":
            _, cid = self.new_id()
            self.both(lambda f: os.rename(f / "customers" / name, f / "customers" / f"{cid}.toml"))
            name = f"{name} → {cid}.toml"
        elif kind == "delete":
            if len(self.regular()) < self.args.customers * 2 // 3:
                return self.mutate("add")
            self.both(lambda f: os.unlink(f / "customers" / name))
            self.future.pop(name, None)
        elif kind == "add":
            cname, cid = self.new_id()
            if rng.random() < 0.1 and self.regular():  # an id differing only in case
                cid = rng.choice(self.regular())[:-5].capitalize()
                if os.path.lexists(cust / f"{cid}.toml"):
                    cid += "-X"
            name = f"{cid}.toml"
            if rng.random() < 0.1:
                name = rng.choice([f".{cid}.toml", f"{cid}.txt", f"{cid}.toml~"])
            self.put(name, self.customer_text(cname, self.next_id))
        elif kind == "special":
            name = self.special()
        elif kind == "future-mtime":
            if self.future and rng.random() < 0.5:
                name = rng.choice(sorted(self.future))
                back = self.future.pop(name)
                if (cust / name).exists():
                    os.utime(cust / name, ns=(back, back))
                name += " (back)"
            else:
                # A day ahead; or a second or so, so that it is soon in the past again,
                # and its entry racily clean (its mtime not older than the scan).
                st = os.stat(cust / name)
                self.future.setdefault(name, st.st_mtime_ns)
                if rng.random() < 0.5:
                    later = st.st_mtime_ns + 86400 * 10**9
                else:
                    later = time.time_ns() + rng.randint(3, 15) * 10**8
                    name += " (soon)"
                os.utime(cust / name.split()[0], ns=(later, later))
        elif kind == "chmod":
            mode = rng.choice([0o600, 0o644, 0o664, 0o444])
            self.both(lambda f: os.chmod(f / "customers" / name, mode))
            name += f" {mode:o}"
        elif kind in ("settings", "settings-same-stat"):
            name = self.settings(kind)
        elif kind.startswith("index-") or kind == "state-delete":
            name = self.mutate_index(kind)
        elif kind.startswith("racy-"):
            name = self.racy(kind)
        self.mutations[kind] += 1
        self.record(f"{kind} {name or ''}".rstrip())
        self.doing = None
        return kind

    def special(self):
        rng = self.rng
        cust = self.main / "customers"
        specials = [n for n in self.entries() if not (cust / n).is_file() or
                    (cust / n).is_symlink() or os.stat(cust / n).st_nlink > 1]
        if specials and rng.random() < 0.4:
            n = rng.choice(specials)

            def remove(f):
                p = f / "customers" / n
                if p.is_dir() and not p.is_symlink():
                    shutil.rmtree(p)
                else:
                    p.unlink()
            self.both(remove)
            return f"removed {n}"
        _, cid = self.new_id()
        n = f"{cid}.toml"
        kind = rng.choice(["fifo", "folder", "dangling-link", "link", "hard-link"])
        target = self.pick()
        if target is None and kind in ("link", "hard-link"):
            kind = "fifo"
        for f in (self.main, self.twin):
            p = f / "customers" / n
            if kind == "fifo":
                os.mkfifo(p)
            elif kind == "folder":
                p.mkdir()
                (p / "inside.toml").write_bytes(b'name = "inside"\n')
            elif kind == "dangling-link":
                os.symlink("nobody-here.toml", p)
            elif kind == "link":
                os.symlink(target, p)
            else:
                os.link(f / "customers" / target, p)
        return f"{kind} {n}" + (f" → {target}" if kind in ("link", "hard-link") else "")

    def settings(self, kind):
        rng = self.rng
        path = self.main / "crm.toml"
        if kind == "settings-same-stat":
            st = os.stat(path)
            product = rng.choice(sorted(self.products))
            old = self.products[product].get("price")
            if old is None or not old.isdigit():
                return self.settings("settings")
            new = old
            while new == old:
                new = str(rng.randint(10 ** (len(old) - 1), 10 ** len(old) - 1))
            self.products[product]["price"] = new
            data = self.settings_text()
            assert len(data) == st.st_size
            self.both(lambda f: (f / "crm.toml").write_bytes(data))
            os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))
            return f"{product} price {old} → {new}, mtime kept"
        k = rng.randrange(7)
        if k == 0 or (self.renamed_class and k == 1):
            if self.renamed_class and rng.random() < 0.7:
                old, new = self.renamed_class
                for c in self.classes:
                    if c[0] == new:
                        c[0] = old
                self.renamed_class = None
                what = f"class {new} renamed back to {old}"
            elif not self.renamed_class:
                c = rng.choice(self.classes)
                self.renamed_class = (c[0], c[0] + "-renamed")
                what = f"class {c[0]} renamed to {c[0]}-renamed"
                c[0] += "-renamed"
            else:
                c = rng.choice(self.classes)
                c[1] = rng.choice(CADENCES)
                what = f"class {c[0]} = {c[1]}"
        elif k == 1:
            c = rng.choice(self.classes)
            c[1] = rng.choice(CADENCES)
            what = f"class {c[0]} = {c[1]}"
        elif k == 2:
            product = rng.choice(sorted(BASE_PRODUCTS))
            if product in self.products and rng.random() < 0.2:
                del self.products[product]
                what = f"product {product} removed"
            else:
                fields = self.products.setdefault(product, dict(BASE_PRODUCTS[product]))
                field = rng.choice(sorted(PRODUCT_VALUES))
                fields[field] = rng.choice(PRODUCT_VALUES[field])
                what = f"product {product} {field} = {fields[field]}"
        elif k == 3:
            key = rng.choice(["horizon", "birthdays"])
            self.agenda[key] = rng.choice(["3d", "7d", "14d", "30d", "1m", "60d"])
            what = f"agenda {key} = {self.agenda[key]}"
        elif k == 4:
            self.followup = rng.choice(['["3d", "7d", "30d"]', '["7d"]', "[]", '["30d", "3d"]'])
            what = f"after_purchase = {self.followup}"
        elif k == 5:
            key = rng.choice(sorted(self.calendar))
            flip = {"feb28": "mar1", "mar1": "feb28", "regular": "both", "both": "regular",
                    "last-day": "skip", "skip": "last-day"}
            self.calendar[key] = flip[self.calendar[key]]
            what = f"calendar {key} = {self.calendar[key]}"
        else:
            self.currency = rng.choice(["TWD", "", "NT$"])
            what = f"currency = {self.currency!r}"
        data = self.settings_text()
        self.both(lambda f: (f / "crm.toml").write_bytes(data))
        return what

    def mutate_index(self, kind):
        rng = self.rng
        if kind == "state-delete":
            self.both(lambda f: shutil.rmtree(f / ".crm", ignore_errors=True))
            return "the whole .crm/ of both folders"
        if kind == "index-old-copy":
            if not self.old_indexes:
                return "(none saved yet)"
            step, old = rng.choice(self.old_indexes)
            which = rng.choice([(0, 1), (0, 1), (0,), (1,)])
            for k in which:
                path = self.index_path(None, k == 1)
                if old[k] is None:
                    path.unlink(missing_ok=True)
                else:
                    path.write_bytes(old[k])
            return f"the {' and '.join(['index', 'delta'][k] for k in which)} of step {step}"
        there = [k for k in (False, True) if self.index_path(None, k).exists()]
        if not there:
            return "(there was no index)"
        delta = rng.choice(there)
        path = self.index_path(None, delta)
        what = "index.delta" if delta else "index"
        data = path.read_bytes()
        if kind == "index-delete" or not data:
            path.unlink()
            return f"{what} deleted"
        if kind == "index-truncate":
            at = rng.randrange(len(data))
            path.write_bytes(data[:at])
            return f"{what} at byte {at} of {len(data)}"
        if kind == "index-flip":
            at = rng.randrange(len(data))
            path.write_bytes(data[:at] + bytes([data[at] ^ (1 << rng.randrange(8))]) +
                             data[at + 1:])
            return f"{what} byte {at} of {len(data)}"
        # index-version: crm's version, or the format's number, right after the magic
        idx = parse_index(data, self.version)
        if not idx or not idx["version"] or rng.random() < 0.25:
            at = len(MAGIC)
            if len(data) <= at:
                return f"{what} (too short to change)"
            path.write_bytes(data[:at] + bytes([(data[at] + 1) % 128]) + data[at + 1:])
            return f"{what} format {data[at]} → {(data[at] + 1) % 128}"
        k = rng.randrange(len(idx["version"]))
        at = idx["version_at"] + k
        new = b"9" if data[at:at + 1] != b"9" else b"8"
        path.write_bytes(data[:at] + new + data[at + 1:])
        v = idx["version"].decode(errors="replace")
        return f"{what} version {v} → {v[:k]}{new.decode()}{v[k + 1:]}"

    def racy(self, kind):
        """Same-size edits in the clock tick in which crm read the file, or looking so."""
        rng = self.rng
        name = self.pick()
        if name is None:
            return "(no file)"
        path = self.main / "customers" / name
        argv = ["--date", str(self.today), "due"]
        first = self.same_size(path.read_bytes())
        if first is None:
            return f"(nothing to change in {name})"
        second = self.same_size(first)
        if len(second) != len(first):
            second = first
        if kind == "racy-after-run":
            path.write_bytes(first)
            self.indexed(argv)
            with open(path, "r+b") as f:  # in place: same inode, same size
                f.write(second)
            final = second
        elif kind == "racy-during-run":
            before = self.index_stat()
            path.write_bytes(first)
            p = subprocess.Popen([self.crm_bin, "-C", str(self.main), *argv], env=self.env,
                                 stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                 stdin=subprocess.DEVNULL)
            versions = [first, second]
            n = 0
            with open(path, "r+b") as f:
                while p.poll() is None:
                    n += 1
                    f.seek(0)
                    f.write(versions[n % 2])
                    f.flush()
                    if self.index_stat() != before:
                        break  # the index is in place: one more edit, at once
                n += 1
                f.seek(0)
                f.write(versions[n % 2])
            p.wait()
            self.note_index(before)
            final = versions[n % 2]
        elif kind == "racy-mmap":
            final = self.racy_mmap(name, first, second)
        else:  # racy-exact-mtime: the mtime made the index's own, or its scan time
            self.indexed(argv)
            # The index file that the run wrote last: the delta, or the whole one.
            made = [self.index_path(None, k) for k in (True, False)
                    if self.index_path(None, k).exists()]
            path.write_bytes(first)
            final = first
            if made:
                newest = max(made, key=lambda m: os.stat(m).st_mtime_ns)
                to = os.stat(newest).st_mtime_ns
                idx = parse_index(newest.read_bytes(), self.version)
                if idx and rng.random() < 0.5:
                    to = idx["scan_ns"] + rng.choice([0, 0, -1, 1])
                os.utime(path, ns=(to, to))
        self.put(name, final, [self.twin])
        self.force_list = True
        return name

    def racy_mmap(self, name, first, second):
        """A racily clean entry whose file changed: only the racy rule can tell.

        A write through a shared mapping whose page is already dirty changes
        neither mtime nor ctime (they change at the first write fault). So:
        dirty the page, put the mtime a moment ahead, let crm index the file
        (its entry's mtime is then not older than the scan), write other bytes
        through the mapping (stat data unchanged), wait until that mtime is
        past, and compare: the entry matches the file's stat data, and only
        its being racily clean makes crm read the file again."""
        path = self.main / "customers" / name
        self.doing = f"racy-mmap {name}"
        path.write_bytes(first)
        fd = os.open(path, os.O_RDWR)
        try:
            with mmap.mmap(fd, 0) as m:
                m[:len(first)] = first  # the write fault: the page is dirty from now on
                soon = time.time_ns() + 200_000_000
                os.utime(path, ns=(soon, soon))
                self.indexed(["--date", str(self.today), "list"])
                before = stat_key(os.stat(path))
                m[:len(second)] = second
                if stat_key(os.stat(path)) != before:
                    self.mmap_ineffective += 1  # written back meanwhile: an ordinary edit
                while time.time_ns() <= soon + 20_000_000:
                    time.sleep(0.05)
                self.put(name, second, [self.twin])
                self.compare(["--date", str(self.today), "list", "--format", "json"])
                self.compare(["--date", str(self.today), "due"])
        finally:
            os.close(fd)
        self.put(name, second, [self.main])  # an ordinary write: the stat data moves on
        return second

    # The checks.

    def check_argv(self, kind, when):
        rng = self.rng
        argv = ["--date", str(when)]
        if kind == "due":
            return argv + ["due"]
        if kind == "due-json":
            return argv + ["due", "--format", "json"]
        if kind == "due-birthday":
            return argv + ["due", "--kind", "birthday"]
        if kind == "due-more":
            more = rng.choice([["--sort", "value"], ["--group", "owner"], ["--group", "kind"],
                               ["--days", "30"], ["--region", "Taipei"], ["--owner", "ben"],
                               ["--kind", "collect,plan", "--format", "json"],
                               ["--class", "now"], ["--quiet", "--days", "0"]])
            return argv + ["due"] + more
        if kind == "check":
            return argv + ["check"]
        if kind == "check-json":
            return argv + ["check", "--format", "json", "--strict"]
        if kind == "list":
            return argv + ["list"]
        if kind == "list-json":
            return argv + ["list", "--format", "json"]
        if kind == "list-more":
            more = rng.choice([["--sort", "value"], ["--sort", "last"], ["--sort", "next"],
                               ["--sort", "balance"], ["--dormant", "30"], ["--format", "csv"],
                               ["--format", "tsv"], ["--tag", "vip"], ["--owner", "amy"]])
            return argv + ["list"] + more
        if kind == "list-grep":
            return argv + ["list", "--grep", rng.choice(["oolong", "王", "tea"])]
        if kind == "report":
            return argv + ["report", "--since", "1y"]
        if kind == "report-more":
            return argv + ["report"] + rng.choice([["--format", "json"], ["--format", "csv"],
                                                   ["--format", "html"], ["--owner", "amy"],
                                                   ["--until", "2026-11-01", "--since", "60d"]])
        if kind == "reasons":
            return argv + ["reasons"]
        if kind == "reasons-more":
            return argv + ["reasons"] + rng.choice([["--format", "json"], ["--why", "stop"],
                                                    ["--theme", "price"], ["--since", "30d"],
                                                    ["--format", "csv"]])
        if kind == "handover-dry":
            return argv + ["handover", "--from", "amy", "--to", "ben", "--dry-run"]
        query = self.query(kind == "show-query")
        if kind == "show-json":
            return argv + ["show", query, "--all", "--format", "json"]
        return argv + ["show", query]

    def query(self, by_name):
        """A customer as a person would name it: the id, or a name, part of it, a phone."""
        rng = self.rng
        names = self.entries()
        if not names:
            return "nobody"
        n = rng.choice(names)
        if not by_name:
            return rng.choice([n[:-5]] * 6 + [f"customers/{n}", n])
        try:
            doc = tomllib.loads((read_regular(self.main / "customers" / n) or b"").decode())
        except ValueError:
            return n[:-5]
        k = rng.randrange(3)
        if k == 0 and isinstance(doc.get("phone"), str):
            digits = "".join(c for c in doc["phone"] if c.isdigit())
            return digits[-rng.randint(4, 6):] if len(digits) >= 6 else n[:-5]
        name = doc.get("name")
        if not isinstance(name, str) or not name or " " in name:
            return n[:-5]
        return name if k == 1 else name[:max(1, len(name) // 2)]

    def compare(self, argv, twice=False):
        self.checks += 1
        ran = [self.indexed(argv)]
        if twice:
            ran.append(self.indexed(argv))
        ref = self.reference(argv)
        for k, r in enumerate(ran):
            if r.key() != ref.key():
                self.differ("with the index, crm says something else than with --no-index"
                            + (" (on its second run)" if k else ""), argv, r,
                            "with the index", ref, "with --no-index")

    def concurrently(self, when):
        """Two or three indexed readers at once, perhaps with a write; then the index works."""
        rng = self.rng
        self.concurrent += 1
        argvs = [["--date", str(when), "due"]] * 2
        if rng.random() < 0.3:
            argvs.append(["--date", str(when), "list"])
        write = self.write_argv(rng.choice(["log", "pay", "plan"])) if rng.random() < 0.3 \
            else None
        before = {tuple(a): self.reference(a) for a in argvs}
        istat = self.index_stat()
        procs = [subprocess.Popen([self.crm_bin, "-C", str(self.main), *a], env=self.env,
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                  stdin=subprocess.DEVNULL) for a in argvs]
        wrote = self.crm(self.main, write) if write else None
        outs = []
        for p in procs:
            out, err = p.communicate()
            outs.append(Run(p.returncode, out, err))
        self.note_index(istat, runs=len(procs) + bool(write))
        if write:
            self.record(f"write at once with readers: {shlex.join(write)}")
            self.twin_write(write, wrote)
        for a, r in zip(argvs, outs):
            self.checks += 1
            ref = before[tuple(a)]
            after = self.reference(a) if write else ref
            if r.key() not in (ref.key(), after.key()):
                self.differ("a reader running at the same time as others says something else "
                            "than --no-index", a, r, "with the index", after,
                            "with --no-index")
        left = [n for n in os.listdir(self.main / ".crm") if n.startswith("index.tmp")] \
            if (self.main / ".crm").is_dir() else []
        if left:
            self.fail("readers that ran at once left temporary index files behind", left)
        self.compare(argvs[0])

    def readonly_check(self, when):
        """A folder that crm cannot write: the same answers, and its index left alone."""
        argv = ["--date", str(when), self.rng.choice(["due", "list", "check"])]
        if os.geteuid() == 0:
            return self.as_nobody(argv)
        folders = [self.main, self.main / "customers", self.main / ".crm"]
        folders = [f for f in folders if f.is_dir()]
        modes = [os.stat(f).st_mode for f in folders]
        before = self.index_stat()
        try:
            for f in folders:
                os.chmod(f, stat.S_IMODE(os.stat(f).st_mode) & ~0o222)
            if os.access(self.main, os.W_OK):
                self.readonly["skipped"] += 1
                self.note_once("read-only check skipped: the folder stays writable")
                return
            ran = self.crm(self.main, argv)
            self.indexed_runs += 1
            ref = self.crm(self.main, argv, index=False)
        finally:
            for f, m in zip(folders, modes):
                os.chmod(f, stat.S_IMODE(m))
        self.readonly["read-only folder"] += 1
        self.checks += 1
        if ran.key() != ref.key():
            self.differ("in a read-only folder, crm with the index says something else",
                        argv, ran, "with the index", ref, "with --no-index")
        if self.index_stat() != before:
            self.fail("crm changed the index of a folder it cannot write")

    def as_nobody(self, argv):
        rng = self.rng
        parent = Path(tempfile.mkdtemp(prefix="crm-index-ro-"))
        try:
            os.chmod(parent, 0o755)
            ro = parent / "ledger"

            def ignore(d, names):
                return [n for n in names if not (os.path.islink(os.path.join(d, n)) or
                        os.path.isdir(os.path.join(d, n)) or
                        os.path.isfile(os.path.join(d, n)))]
            shutil.copytree(self.main, ro, symlinks=True, ignore=ignore)
            state = rng.choice(["index", "no index", "no state folder"])
            if state == "no index":
                (ro / ".crm" / "index").unlink(missing_ok=True)
                (ro / ".crm" / "index.delta").unlink(missing_ok=True)
            elif state == "no state folder":
                shutil.rmtree(ro / ".crm", ignore_errors=True)
            for d, dirs, files in os.walk(ro):
                os.chmod(d, 0o755)
                for f in files:
                    if not os.path.islink(os.path.join(d, f)):
                        os.chmod(os.path.join(d, f), 0o644)
            binary = self.crm_bin
            prefix = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]
            env = dict(self.env, HOME=str(parent))
            probe = subprocess.run(prefix + [binary, "--version"], capture_output=True, env=env)
            if probe.returncode != 0:
                binary = str(parent / "crm")
                shutil.copy2(self.crm_bin, binary)
                os.chmod(binary, 0o755)
                probe = subprocess.run(prefix + [binary, "--version"], capture_output=True,
                                       env=env)
            if probe.returncode != 0:
                self.readonly["skipped"] += 1
                self.note_once("read-only check skipped: cannot run crm as nobody: "
                               + text_of(probe.stderr).strip()[:200])
                return
            before = self.index_stat(ro)
            had_state = (ro / ".crm").exists()
            runs = []
            for index in (True, False):
                cmd = prefix + [binary, "-C", str(ro)] + ([] if index else ["--no-index"])
                r = subprocess.run(cmd + argv, capture_output=True, env=env,
                                   stdin=subprocess.DEVNULL, timeout=300)
                runs.append(Run(r.returncode, r.stdout, r.stderr))
            self.indexed_runs += 1
            self.readonly[f"as nobody, {state}"] += 1
            self.checks += 1
            if runs[0].key() != runs[1].key():
                self.differ(f"as a user who cannot write the folder ({state}), crm with the "
                            "index says something else", argv, runs[0], "with the index",
                            runs[1], "with --no-index")
            if self.index_stat(ro) != before:
                self.fail(f"crm run as nobody changed the index of a folder nobody cannot "
                          f"write ({state})", [f"before {before}, after {self.index_stat(ro)}"])
            if not had_state and (ro / ".crm").exists():
                self.fail("crm run as nobody made .crm/ in a folder nobody cannot write")
        finally:
            shutil.rmtree(parent, ignore_errors=True)

    def note_once(self, text):
        if text not in self.notes:
            self.notes.append(text)

    # Writes, in both folders.

    def write_argv(self, kind):
        rng = self.rng
        d = self.today
        q_ = self.query(rng.random() < 0.25)
        argv = ["--date", str(d)]
        if kind == "log":
            argv += ["log", q_, rng.choice(NOTES), "--kind", rng.choice(KINDS)]
            if rng.random() < 0.3:
                argv += ["--next", rng.choice(["2w", "7d", str(d + timedelta(days=10))])]
            if rng.random() < 0.15:
                argv += ["--paid", rng.choice(["100", "300", "12.50"])]
            if rng.random() < 0.1:
                argv += ["--done"]
            if rng.random() < 0.1:
                argv += ["--class", rng.choice(self.class_names() + ["nwo"])]
            if rng.random() < 0.15:
                argv += ["--why", rng.choice(["buy", "keep", "stop"]), "--said",
                         rng.choice(NOTES), "--theme", rng.choice(["price", "delivery,taste"])]
            if rng.random() < 0.1:
                argv += ["--satisfaction", str(rng.randint(1, 5))]
        elif kind == "sell":
            if rng.random() < 0.25:
                argv += ["sell", q_, "gift basket", "--other", "--price", "350"]
            else:
                argv += ["sell", q_, rng.choice(list(BASE_PRODUCTS) + ["rice-10gk"]),
                         "--qty", rng.choice(["1", "2", "0.5"])]
                if rng.random() < 0.5:
                    argv += ["--paid", rng.choice(["0", "100", "300"])]
                    if rng.random() < 0.5:
                        argv += ["--due", rng.choice(["30d", str(d + timedelta(days=20))])]
        elif kind == "pay":
            argv += ["pay", q_, rng.choice(["100", "300", "600", "99.5"]), "--note", "cash"]
            if rng.random() < 0.5:
                argv += ["--credit"]
        elif kind == "plan":
            argv += ["plan", q_, rng.choice(["3d", "2w", str(d + timedelta(days=5)), str(d)]),
                     "bring", "the", "catalogue", "--kind", rng.choice(KINDS)]
            if rng.random() < 0.4:
                argv += ["--with", "ben"]
        elif kind == "undo":
            argv += ["undo"]
        elif kind == "redo":
            argv += ["undo", "--redo"]
        elif kind == "add":
            name, cid = self.new_id()
            argv += ["add", name, "--id", cid, "--class", rng.choice(self.class_names()),
                     "--phone", f"+886 955 {rng.randint(100, 999)} {self.next_id:03d}",
                     "--region", rng.choice(REGIONS)]
        else:
            argv += ["handover", "--from", rng.choice(OWNERS), "--to", rng.choice(OWNERS),
                     "--region", rng.choice(["Taipei", "Taichung", "Tainan"])]
        return argv

    def write(self, kind):
        argv = self.write_argv(kind)
        self.writes[kind] += 1
        self.record(f"write {shlex.join(argv)}")
        before = self.index_stat()
        self.predict()
        mine = self.crm(self.main, argv)
        self.note_index(before)
        self.twin_write(argv, mine)

    def twin_write(self, argv, mine):
        theirs = self.crm(self.twin, argv, index=False)
        norm = [Run(r.rc, r.out.replace(str(f).encode(), b"DIR"),
                    r.err.replace(str(f).encode(), b"DIR"))
                for r, f in ((mine, self.main), (theirs, self.twin))]
        if norm[0].key() != norm[1].key():
            self.differ("a write with the index says something else than with --no-index",
                        argv, norm[0], "with the index", norm[1], "with --no-index (twin)")
        self.same_folders(f"`{shlex.join(argv)}`")

    # The run.

    def one_step(self):
        rng = self.rng
        self.force_list = False
        if rng.random() < 0.15:
            self.today += timedelta(days=rng.randint(1, 3))
        if rng.random() < 0.25:
            self.write(weighted(rng, WRITE_WEIGHTS))
        else:
            self.mutate(weighted(rng, MUTATION_WEIGHTS))
        self.same_folders("a mutation (the test's own bookkeeping)")
        if rng.random() < 0.1:
            self.concurrently(self.today)
        if self.force_list:
            self.compare(["--date", str(self.today), "list"])
        for _ in range(rng.choice([1, 1, 2, 3])):
            when = self.today + timedelta(days=rng.choice([0, 0, 0, 1, 3, -2, 20, 45]))
            self.compare(self.check_argv(weighted(rng, CHECK_WEIGHTS), when),
                         twice=rng.random() < 0.25)
        if rng.random() < 0.03 or self.step in (3, 200):
            self.readonly_check(self.today)
        if rng.random() < 0.05:
            saved = []
            for k in (False, True):
                try:
                    saved.append(self.index_path(None, k).read_bytes())
                except FileNotFoundError:
                    saved.append(None)
            if saved[0] is not None:
                self.old_indexes = (self.old_indexes + [(self.step, saved)])[-5:]

    def run(self, examples):
        started = time.monotonic()
        self.set_up(examples)
        self.compare(["--date", str(self.today), "due"], twice=True)
        self.stopped = False
        while self.step < self.args.steps:
            if self.args.time_limit and time.monotonic() - started > self.args.time_limit:
                self.stopped = True
                break
            self.step += 1
            self.one_step()
        self.steps_run = self.step
        # A last round: every kind of check once, on what the run left.
        self.step += 1
        for kind in CHECK_WEIGHTS:
            self.compare(self.check_argv(kind, self.today), twice=True)
        self.readonly_check(self.today)
        if self.index_stat(self.twin):
            self.fail("the twin folder, only ever run with --no-index, has a .crm/index")
        return time.monotonic() - started


def weighted(rng, weights):
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--crm", required=True, help="the crm binary")
    p.add_argument("--root", help="the source tree (for examples/; default: this script's)")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--steps", type=int, default=400)
    p.add_argument("--time-limit", type=float, default=60,
                   help="stop starting steps after this many seconds (0: never)")
    p.add_argument("--customers", type=int, default=40, help="customer files to start with")
    p.add_argument("--keep", metavar="DIR", help="work in DIR (new) and keep it")
    args = p.parse_args()
    root = Path(args.root) if args.root else Path(__file__).resolve().parents[2]
    if args.keep:
        Path(args.keep).mkdir(parents=True)
        tmp, cleanup = args.keep, None
    else:
        cleanup = tempfile.TemporaryDirectory(prefix="crm-index-")
        tmp = cleanup.name
    sim = Sim(args, tmp)

    def hung(*_):
        raise Failure(f"FAIL at step {sim.step} (seed {args.seed}): the test itself hung")
    signal.signal(signal.SIGALRM, hung)
    signal.alarm(int(max(600, 10 * args.time_limit)))
    try:
        seconds = sim.run(root / "examples")
        problems = []
        if sim.index_present == 0:
            problems.append("the index never existed during the run: this compared "
                            "--no-index with itself")
        elif sim.reused == 0:
            problems.append("every indexed run rewrote the index: none ever took its files "
                            "from it")
    except Failure as e:
        print(e)
        return 1
    except (OSError, subprocess.SubprocessError) as e:
        print(f"FAIL at step {sim.step} (seed {args.seed}): the test could not run: {e!r}")
        return 1
    finally:
        if cleanup:
            cleanup.cleanup()
    stop = " (stopped at the time limit)" if sim.stopped else ""
    muts = ", ".join(f"{k} {n}" for k, n in sorted(sim.mutations.items()))
    writes = ", ".join(f"{k} {n}" for k, n in sorted(sim.writes.items()))
    ro = ", ".join(f"{k} {n}" for k, n in sorted(sim.readonly.items())) or "none"
    print(f"index_equivalence: seed {args.seed}, {sim.steps_run} steps in {seconds:.1f} s{stop}; "
          f"{sim.checks} checks compared, {sum(sim.writes.values())} writes compared "
          f"({writes}), {sim.concurrent} concurrent rounds, read-only: {ro}; "
          f"mutations: {muts}; of {sim.indexed_runs} indexed runs the index was rewritten by "
          f"{sim.rebuilds}, its delta alone by {sim.delta_writes}, reused unchanged by "
          f"{sim.reused}, present after "
          f"{sim.index_present}; {sim.fresh_entries} files could be taken from it, "
          f"{sim.racy_entries} had unchanged stat data but were racily clean, "
          f"{sim.future_entries} an mtime in the future")
    if sim.mmap_ineffective:
        sim.notes.append(f"{sim.mmap_ineffective} writes through a mapping changed the stat "
                         "data: those racy-mmap cases were ordinary edits")
    if sim.index_present and not sim.parsed:
        sim.notes.append("this test could not read the index's table (a new layout?), so it "
                         "could not count the files taken from it")
    for n in sim.notes:
        print(f"note: {n}")
    for prob in problems:
        print(f"FAIL {prob}")
    print("ok" if not problems else "FAIL")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
