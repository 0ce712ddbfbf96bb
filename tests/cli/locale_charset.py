#!/usr/bin/env python3
"""A terminal whose locale is not UTF-8: under LANG=zh_TW.Big5 (and
zh_CN.GB18030) what crm writes to the terminal is in that character set,
even where the locale is not installed; a pipe still gets UTF-8; a character
set iconv does not know gets one warning and UTF-8."""
import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent / "lib"))
from terminal import in_pty  # noqa: E402
from checks import check, report  # noqa: E402


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--crm", required=True)
    ap.add_argument("--root", required=True)
    a = ap.parse_args()
    crm = str(Path(a.crm).resolve())
    with tempfile.TemporaryDirectory(prefix="crm-charset-") as t:
        folder = Path(t) / "shop"
        shutil.copytree(Path(a.root) / "examples", folder)
        args = [crm, "-C", str(folder), "due", "--date", "2026-11-23"]
        env = {"PATH": "/usr/bin:/bin", "HOME": t, "TERM": "dumb", "NO_COLOR": "1", "TZ": "UTC"}
        utf8 = in_pty(args, dict(env, LANG="zh_TW.UTF-8")).decode("utf-8")
        for lang, charset in (("zh_TW.Big5", "big5"), ("zh_CN.GB18030", "gb18030")):
            raw = in_pty(args, dict(env, LANG=lang))
            check(f"{lang}: 張偉 or 张伟 in {charset}",
                  "張偉".encode(charset, "replace") in raw or "張偉".encode("gb18030") in raw)
            try:
                text = raw.decode(charset)
            except UnicodeDecodeError as e:
                check(f"{lang}: the terminal's bytes are {charset}: {e}", False)
                continue
            check(f"{lang}: not UTF-8 bytes", "張偉".encode() not in raw)
            check(f"{lang}: no warning", "warning" not in text)
            if lang.startswith("zh_TW"):
                # Big5 lacks a few characters (shown as '?'): the same lines.
                check("Big5: the same agenda lines as in UTF-8",
                      len(text.splitlines()) == len(utf8.splitlines()) and "張偉" in text)
        piped = subprocess.run(args, env=dict(env, LANG="zh_TW.Big5"), capture_output=True)
        check("a pipe stays UTF-8", "張偉".encode() in piped.stdout)
        unknown = in_pty(args, dict(env, LANG="zh_TW.NOSUCHSET"))
        text = unknown.decode("utf-8", "replace")
        check(f"an unknown charset: one warning naming it: {text[:200]!r}",
              text.count("NOSUCHSET") == 1 and "UTF-8" in text.splitlines()[0])
        check("an unknown charset: UTF-8 output", "張偉".encode() in unknown)
    return report("locale character sets")


if __name__ == "__main__":
    sys.exit(main())
