#!/usr/bin/env python3
"""`crm import FILE.vcf --dry-run --format json` reads every card as Python's
vobject does. Each .vcf file (default: every tests/fixtures/import/*.vcf) is
imported into a fresh copy of an empty folder made by `crm init`, and the
`records` array is compared card by card, field by field, with what vobject
reads from the same file. The reading here is this script's own: vobject
unfolds lines, decodes quoted-printable (allowQP=True) and backslash escapes,
and splits N, ORG and CATEGORIES; the rules below turn that into a record:

  source          FILE:LINE of the card's BEGIN:VCARD (counted in the raw file)
  name            FN; else N: family+given without a space when either holds
                  CJK, else "Given Family"; else, with an ORG, the ORG
  phones, emails  every TEL / EMAIL in file order, trimmed, "tel:" dropped
  birthday        the Gregorian BDAY (no CALSCALE, or gregorian): YYYY-MM-DD,
                  YYYYMMDD, --MMDD, --MM-DD, a date-time's date; a year of
                  1604 (Apple's X-APPLE-OMIT-YEAR) gives --MM-DD
  lunar_birthday  MM-DD of BDAY;CALSCALE=chinese (same forms), or of Apple's
                  X-ALTBDAY;CALSCALE=chinese (era, year, month, "L" for a leap
                  month, day: 007700520815, 0078000406L03, --0815)
  org, title      ORG's first component, TITLE, trimmed
  note            NOTE with line endings as \\n, trimmed
  tags            CATEGORIES split on commas, trimmed, empties dropped
  kind            org for KIND:org, X-ABShowAs:COMPANY, or an ORG and no
                  personal name; else person

A card with no name at all is not in `records`: it must be an action
"skip" (with a reason) at its source. A leap-month lunar birthday is compared
when crm's record carries `lunar_leap`; when it does not, the loss is printed
as a NOTE, not a failure. A self-test first proves that the comparison
notices a wrong record. Exit 1 on any mismatch."""
import argparse
import json
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

try:
    import vobject
except ImportError:  # Debian: python3-vobject
    print("FAIL python3-vobject is not installed (apt-get install python3-vobject)")
    sys.exit(1)

FIELDS = ["name", "phones", "emails", "birthday", "lunar_birthday", "org", "title",
          "note", "tags", "kind"]

# Cards vobject cannot read, left out by source with the reason. None today:
# every card of the corpus is read (see tests/fixtures/import/README.md).
EXCLUDED = {}

CJK = re.compile("[\u1100-\u11ff\u2e80-\u2fdf\u3040-\u30ff\u3100-\u312f\u3130-\u318f"
                 "\u31a0-\u31bf\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af"
                 "\uf900-\ufaff\U00020000-\U0003134f]")
DATE = re.compile(r"(\d{4})-?(\d{2})-?(\d{2})(?:T.*)?")
NO_YEAR = re.compile(r"--(\d{2})-?(\d{2})")
APPLE_ALT = re.compile(r"(\d{4}|-)(\d{4}|-)(\d{2})(L?)(\d{2})")
LINE_BREAK = re.compile(r"\r\n|\r|\n")


def fail(message):
    print(f"FAIL {message}")
    sys.exit(1)


def text(value):
    """A vobject value as one string: lists (ORG parts, N parts) joined."""
    if isinstance(value, (list, tuple)):
        return " ".join(text(v) for v in value if text(v))
    return value if isinstance(value, str) else ""


def children(card, name):
    return [c for c in card.getChildren() if c.name == name]


def first(card, name):
    lines = children(card, name)
    return text(lines[0].value).strip() if lines else ""


def param(line, name):
    values = line.params.get(name.upper(), [])
    return values[0] if values else ""


def gregorian(line):
    value = text(line.value).strip()
    m = DATE.fullmatch(value)
    if m:
        year, month, day = m.groups()
        omit = param(line, "X-APPLE-OMIT-YEAR")
        if year == "1604" or (omit and omit == year):
            return f"--{month}-{day}"
        return f"{year}-{month}-{day}"
    m = NO_YEAR.fullmatch(value)
    return f"--{m.group(1)}-{m.group(2)}" if m else None


def lunar(card):
    """(MM-DD, leap) of the card's chinese-calendar birthday, or (None, False)."""
    for line in children(card, "BDAY"):
        if param(line, "CALSCALE").lower() == "chinese":
            value = text(line.value).strip()
            m = DATE.fullmatch(value)
            if m:
                return f"{m.group(2)}-{m.group(3)}", False
            m = NO_YEAR.fullmatch(value)
            if m:
                return f"{m.group(1)}-{m.group(2)}", False
    for line in children(card, "X-ALTBDAY"):
        if param(line, "CALSCALE").lower() == "chinese":
            m = APPLE_ALT.fullmatch(text(line.value).strip())
            if m:
                return f"{m.group(3)}-{m.group(5)}", m.group(4) == "L"
    return None, False


def read_file(path):
    """The cards of one file as (source, record or None for a skip, leap)."""
    raw = path.read_text(encoding="utf-8-sig")
    begins = [i + 1 for i, line in enumerate(LINE_BREAK.split(raw))
              if line.rstrip().upper() == "BEGIN:VCARD"]
    with path.open(encoding="utf-8-sig", newline="") as f:
        cards = list(vobject.readComponents(f, allowQP=True))
    if len(cards) != len(begins):
        fail(f"{path.name}: vobject reads {len(cards)} cards, the file has "
             f"{len(begins)} BEGIN:VCARD lines")
    out = []
    for line, card in zip(begins, cards):
        source = f"{path.name}:{line}"
        if source in EXCLUDED:
            continue
        out.append((source, *record_of(card, source)))
    return out


def record_of(card, source):
    fn = first(card, "FN")
    family = given = ""
    for n in children(card, "N")[:1]:
        family = text(n.value.family).strip()
        given = text(n.value.given).strip()
    orgs = children(card, "ORG")
    org = ""
    if orgs:
        parts = orgs[0].value if isinstance(orgs[0].value, list) else [orgs[0].value]
        org = text(parts[0]).strip() if parts else ""
    personal = bool(fn or family or given)
    if fn:
        name = fn
    elif family or given:
        if CJK.search(family + given):
            name = family + given
        else:
            name = " ".join(p for p in (given, family) if p)
    else:
        name = org
    if not name:
        return None, False
    kind = "person"
    if (first(card, "KIND").lower() == "org" or first(card, "X-ABSHOWAS").upper() == "COMPANY"
            or (org and not personal)):
        kind = "org"
    phones = []
    for tel in children(card, "TEL"):
        v = text(tel.value).strip()
        if v.lower().startswith("tel:"):
            v = v[4:].strip()
        if v:
            phones.append(v)
    emails = [text(e.value).strip() for e in children(card, "EMAIL") if text(e.value).strip()]
    birthday = None
    for b in children(card, "BDAY"):
        if param(b, "CALSCALE").lower() in ("", "gregorian"):
            birthday = gregorian(b)
            break
    lunar_md, leap = lunar(card)
    tags = []
    for c in children(card, "CATEGORIES"):
        values = c.value if isinstance(c.value, list) else c.value.split(",")
        tags += [t.strip() for t in values if t.strip()]
    record = {
        "source": source,
        "name": name,
        "phones": phones,
        "emails": emails,
        "birthday": birthday,
        "lunar_birthday": lunar_md,
        "org": org,
        "title": first(card, "TITLE"),
        "note": LINE_BREAK.sub("\n", text(children(card, "NOTE")[0].value)).strip()
        if children(card, "NOTE") else "",
        "tags": tags,
        "kind": kind,
    }
    return record, leap


def compare(cards, output):
    """Mismatches between what vobject read (cards) and crm's JSON (output)."""
    problems, notes = [], []
    records = output.get("records")
    if not isinstance(records, list):
        return [f"no 'records' array in crm's output (keys: {sorted(output)})"], notes
    by_source = {}
    for r in records:
        src = r.get("source") if isinstance(r, dict) else None
        if src in by_source:
            problems.append(f"{src}: crm has two records with this source")
        by_source[src] = r
    expected = [(s, r, leap) for s, r, leap in cards if r is not None]
    want = {s for s, _, _ in expected}
    for source, rec, leap in expected:
        got = by_source.get(source)
        if got is None:
            problems.append(f"{source} ({rec['name']}): no record in crm's output")
            continue
        for field in FIELDS:
            if field not in got:
                problems.append(f"{source} ({rec['name']}) {field}: missing in crm's record, "
                                f"vobject {rec[field]!r}")
            elif got[field] != rec[field]:
                problems.append(f"{source} ({rec['name']}) {field}: crm {got[field]!r}, "
                                f"vobject {rec[field]!r}")
        if leap or got.get("lunar_leap"):
            if "lunar_leap" in got:
                if bool(got["lunar_leap"]) != leap:
                    problems.append(f"{source} ({rec['name']}) lunar_leap: crm "
                                    f"{got['lunar_leap']!r}, vobject {leap!r}")
            else:
                notes.append(f"{source} ({rec['name']}): the lunar birthday is in a leap month "
                             f"(閏{rec['lunar_birthday']}); crm's record does not say so")
    for src in by_source:
        if src not in want:
            skipped = any(s == src for s, r, _ in cards if r is None)
            what = "a card with no name, to be skipped" if skipped else "no card there"
            problems.append(f"{src}: crm has a record, vobject reads {what}")
    order = [r.get("source") for r in records if isinstance(r, dict) and r.get("source") in want]
    if order != [s for s, _, _ in expected if s in by_source]:
        problems.append(f"records are not in file order: {order}")
    actions = output.get("actions")
    actions = actions if isinstance(actions, list) else []
    for source, rec, _ in cards:
        if rec is not None:
            continue
        skips = [a for a in actions if isinstance(a, dict) and a.get("action") == "skip"
                 and a.get("source") == source]
        if not skips:
            problems.append(f"{source}: a card with no name, but no action 'skip' at this source")
        elif not any(str(a.get("reason", "")).strip() for a in skips):
            problems.append(f"{source}: skipped without a reason")
    return problems, notes


SELF_TEST = """BEGIN:VCARD\r
VERSION:2.1\r
N;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:=E5=BC=B5;=E5=81=89;;;\r
TEL;CELL:0912-345-678\r
TEL;HOME:02-2700-1234\r
BDAY;X-APPLE-OMIT-YEAR=1604:1604-03-14\r
X-ALTBDAY;CALSCALE=chinese:0078000406L03\r
NOTE;ENCODING=QUOTED-PRINTABLE:one=0D=0Atwo\r
END:VCARD\r
BEGIN:VCARD\r
VERSION:3.0\r
N:;;;;\r
FN:\r
END:VCARD\r
BEGIN:VCARD\r
VERSION:4.0\r
KIND:org\r
FN:Acme\r
ORG:Acme;Sales\r
CATEGORIES:vip, tea\r
END:VCARD\r
"""


def self_test(out=sys.stdout):
    """The comparison must pass a right output and notice each wrong one."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "self.vcf"
        path.write_bytes(SELF_TEST.encode())
        cards = read_file(path)
    expect = [{"source": "self.vcf:1", "name": "張偉", "phones": ["0912-345-678", "02-2700-1234"],
               "emails": [], "birthday": "--03-14", "lunar_birthday": "06-03", "org": "",
               "title": "", "note": "one\ntwo", "tags": [], "kind": "person"},
              None,
              {"source": "self.vcf:15", "name": "Acme", "phones": [], "emails": [],
               "birthday": None, "lunar_birthday": None, "org": "Acme", "title": "",
               "note": "", "tags": ["vip", "tea"], "kind": "org"}]
    got = [r for _, r, _ in cards]
    if got != expect:
        fail(f"self-test: this script reads the self-test cards as {got}")
    good_records = [dict(r, lunar_leap=(r["source"] == "self.vcf:1")) for r in expect if r]
    good = {"records": good_records,
            "actions": [{"action": "skip", "source": "self.vcf:10", "reason": "no name"}]}
    problems, _ = compare(cards, good)
    if problems:
        fail(f"self-test: a right output is reported as wrong: {problems}")

    def mutated(change):
        out = json.loads(json.dumps(good))
        change(out)
        return out

    wrong = {
        "a wrong name": lambda o: o["records"][0].update(name="張 偉"),
        "phones out of order": lambda o: o["records"][0]["phones"].reverse(),
        "a year invented for 1604": lambda o: o["records"][0].update(birthday="1604-03-14"),
        "a lost lunar birthday": lambda o: o["records"][0].update(lunar_birthday=None),
        "a lost leap month": lambda o: o["records"][0].update(lunar_leap=False),
        "a note with CR LF": lambda o: o["records"][0].update(note="one\r\ntwo"),
        "untrimmed tags": lambda o: o["records"][1].update(tags=["vip", " tea"]),
        "a company as a person": lambda o: o["records"][1].update(kind="person"),
        "a missing field": lambda o: o["records"][1].pop("org"),
        "a missing record": lambda o: o["records"].pop(1),
        "records out of order": lambda o: o["records"].reverse(),
        "the nameless card imported": lambda o: o["records"].append(
            dict(o["records"][0], source="self.vcf:10")),
        "no skip action": lambda o: o.update(actions=[]),
        "a skip without a reason": lambda o: o["actions"][0].pop("reason"),
    }
    for what, change in wrong.items():
        problems, _ = compare(cards, mutated(change))
        if not problems:
            fail(f"self-test: the comparison does not notice {what}")
    print(f"ok self-test: {len(wrong)} wrong outputs noticed, the right one passes", file=out)


def run_crm(crm, empty, vcf):
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "folder"
        shutil.copytree(empty, folder)
        p = subprocess.run([crm, "-C", str(folder), "import", str(vcf), "--dry-run",
                            "--format", "json"], capture_output=True, text=True, timeout=60)
    if "unknown command 'import'" in p.stderr:
        fail(f"this crm has no import command: {p.stderr.strip().splitlines()[0]}")
    try:
        output = json.loads(p.stdout)
    except json.JSONDecodeError as e:
        return None, (f"exit {p.returncode}, output is not JSON ({e}): "
                      f"{(p.stdout or p.stderr)[:300]!r}")
    if not isinstance(output, dict):
        return None, f"exit {p.returncode}, output is not a JSON object: {p.stdout[:300]!r}"
    if p.returncode != 0:  # still compared, to say what else is wrong
        return output, f"exit {p.returncode} from a dry run: {p.stderr.strip()[:300]}"
    return output, None


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--crm", help="the crm binary")
    ap.add_argument("--root", help="the source tree (default: this script's)")
    ap.add_argument("--print-vobject", action="store_true",
                    help="print what vobject reads, as crm's records, and run no crm")
    ap.add_argument("files", nargs="*", type=Path)
    args = ap.parse_args()
    root = Path(args.root) if args.root else Path(__file__).resolve().parents[2]
    files = args.files or sorted((root / "tests/fixtures/import").glob("*.vcf"))
    if not files:
        fail(f"no .vcf files under {root / 'tests/fixtures/import'}")

    self_test(sys.stderr if args.print_vobject else sys.stdout)
    read = {f: read_file(f) for f in files}
    if args.print_vobject:
        out = []
        for f, cards in read.items():
            for source, rec, leap in cards:
                out.append(dict(rec, lunar_leap=leap) if rec else {"source": source, "skip": True})
        print(json.dumps(out, ensure_ascii=False, indent=1))
        return
    if not args.crm:
        fail("--crm is required (or --print-vobject)")

    with tempfile.TemporaryDirectory() as tmp:
        empty = Path(tmp) / "empty"
        p = subprocess.run([args.crm, "init", str(empty)], capture_output=True, text=True)
        if p.returncode != 0:
            fail(f"crm init: {p.stderr.strip()}")
        failures = 0
        for f, cards in read.items():
            output, error = run_crm(args.crm, empty, f)
            if error:
                print(f"FAIL {f.name}: crm import {error}")
                failures += 1
                if output is None:
                    continue
            problems, notes = compare(cards, output)
            for n in notes:
                print(f"NOTE {n}")
            for pr in problems:
                print(f"FAIL {pr}")
            failures += len(problems)
            n_rec = sum(1 for _, r, _ in cards if r)
            print(f"{'ok' if not problems else 'FAIL'} {f.name}: {len(cards)} cards, "
                  f"{n_rec} records, {len(cards) - n_rec} skipped"
                  + (f", {len(problems)} mismatches" if problems else ""))
    if EXCLUDED:
        print(f"excluded (vobject cannot read them): {EXCLUDED}")
    if failures:
        sys.exit(1)
    print(f"ok {sum(len(c) for c in read.values())} cards in {len(read)} files read as vobject reads them")


if __name__ == "__main__":
    main()
