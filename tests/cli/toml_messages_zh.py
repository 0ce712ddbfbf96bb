#!/usr/bin/env python3
"""toml++'s syntax messages in Chinese: every invalid TOML 1.0.0 case of
toml-test (tests/toml-test/) as one customer file of a ledger, checked once
with `crm check` under zh_TW and zh_CN. Each case's error must be in
Chinese: none of the English words of toml++'s sentences may remain in the
message, only what the file itself holds (quoted) and the kinds of thing a
few rare sentences name, and each has Chinese words of its own. Under
C.UTF-8 the same errors stay English."""
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

from toml_invalid import corpus_arguments

LINE = re.compile(r"^customers/(c\d+)\.toml(?::\d+:\d+)?: error: (.*)$")
# toml++'s sentence words; a translated message has none of them outside quotes.
ENGLISH = re.compile(r"\b(expected|saw|cannot|encountered|prohibited|must|invalid|"
                     r"unknown|redefine|could not|may not|between|inclusive|"
                     r"are not|is not)\b")
QUOTED = re.compile(r"'[^']*'")
CJK = re.compile(r"[\u4e00-\u9fff]")


def crm_env(home, lang):
    env = {k: v for k, v in os.environ.items()
           if not k.startswith("CRM_") and k not in ("VISUAL", "EDITOR", "COLUMNS", "LANGUAGE")}
    return {**env, "HOME": str(home), "LC_ALL": lang, "TZ": "UTC", "NO_COLOR": "1"}


def errors(crm, ledger, lang):
    r = subprocess.run([crm, "check", "--no-index"], cwd=ledger, capture_output=True,
                       env=crm_env(ledger.parent, lang))
    out = {}
    for line in r.stderr.decode("utf-8", "replace").splitlines():
        m = LINE.match(line)
        if m:
            out.setdefault(m.group(1), m.group(2))
    return r.returncode, out


def main():
    if not (found := corpus_arguments(__doc__)):
        return 1
    crm, corpus, cases = found
    names = {f"c{i}": c.relative_to(corpus).as_posix() for i, c in enumerate(cases)}
    failures = []
    with tempfile.TemporaryDirectory(prefix="crm-toml-zh-") as tmp:
        ledger = Path(tmp) / "ledger"
        (ledger / "customers").mkdir(parents=True)
        (ledger / "crm.toml").write_text('[me]\nname = "amy"\n', encoding="utf-8")
        for i, c in enumerate(cases):
            (ledger / "customers" / f"c{i}.toml").write_bytes(c.read_bytes())
        code, english = errors(crm, ledger, "C.UTF-8")
        if code != 1 or len(english) != len(cases):
            print(f"FAIL: C.UTF-8: exit {code}, errors for {len(english)} of {len(cases)} cases")
            return 1
        english_ok = sum(1 for m in english.values() if ENGLISH.search(QUOTED.sub("", m)))
        if english_ok < len(cases) // 2:
            failures.append(f"C.UTF-8: only {english_ok} messages in toml++'s English")
        for lang in ("zh_TW.UTF-8", "zh_CN.UTF-8"):
            code, chinese = errors(crm, ledger, lang)
            if code != 1 or len(chinese) != len(cases):
                failures.append(f"{lang}: exit {code}, errors for {len(chinese)} of {len(cases)}")
                continue
            for case, message in sorted(chinese.items()):
                own = QUOTED.sub("", message)
                if word := ENGLISH.search(own):
                    failures.append(f"{lang} {names[case]}: '{word.group(0)}' in {message!r} "
                                    f"(English: {english[case]!r})")
                elif not CJK.search(own):
                    failures.append(f"{lang} {names[case]}: no Chinese in {message!r}")
        # What the file holds stays as it is written, even a key named like
        # one of the kinds of value toml++ names ('date', 'string').
        quoted = Path(tmp) / "quoted"
        (quoted / "customers").mkdir(parents=True)
        (quoted / "crm.toml").write_text('[me]\nname = "amy"\n', encoding="utf-8")
        (quoted / "customers" / "c0.toml").write_text('name = "x"\n[string]\na = 1\n[string]\n',
                                                      encoding="utf-8")
        (quoted / "customers" / "c1.toml").write_text('name = "x"\ndate = 1\ndate = 2\n',
                                                      encoding="utf-8")
        for lang in ("zh_TW.UTF-8", "zh_CN.UTF-8"):
            _, said = errors(crm, quoted, lang)
            for case, key in (("c0", "'string'"), ("c1", "'date'")):
                if key not in said.get(case, ""):
                    failures.append(f"{lang}: {key} not kept as written in {said.get(case)!r}")
    if failures:
        print(f"FAIL: {len(failures)} messages not in Chinese")
        for f in failures:
            print("  " + f)
        return 1
    print(f"ok: {len(cases)} syntax errors in Chinese under zh_TW and zh_CN, "
          f"{english_ok} of them in toml++'s English under C.UTF-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
