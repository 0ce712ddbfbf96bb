#!/usr/bin/env python3
"""Runs golden cases: crm over a copy of a fixture folder, output compared exactly.

A case file (tests/golden/<command>/<behaviour>.case):

    # what the case shows
    fixture: examples                  folder, relative to the source root; copied first
    env: CRM_USER=ben                  optional, repeatable
    cwd: sub/folder                    optional: where crm runs, inside the copy
    run: crm due --date 2026-11-23     the command; "crm" is the binary under test
    before: crm sell x rice            optional, repeatable: run first, in order, output ignored;
                                       crm or another program (sh -c '…' for a hand edit)
                                       (a command must succeed)
    mask: [0-9]{2}:[0-9]{2}            optional: a regular expression whose matches in stdout
                                       and stderr become <masked> (clock times)
    --- stdin                          optional
    --- stdout
    --- stderr
    --- exit 0
    --- file customers/x.toml          optional: the file's content after the run
                                       (<missing>, or <folder> for a folder)

Run with --update to rewrite the expected sections from what crm printed; read
the diff before committing it.
"""
import argparse
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SECTIONS = ("stdin", "stdout", "stderr", "exit", "file")


def parse_case(text):
    header, sections, current = [], [], None
    for line in text.splitlines(keepends=True):
        if line.startswith("--- ") and line[4:].split(" ", 1)[0].strip() in SECTIONS:
            words = line[4:].strip().split(" ", 1)
            current = [words[0], words[1] if len(words) > 1 else "", ""]
            sections.append(current)
        elif current is None:
            header.append(line)
        else:
            current[2] += line
    return header, sections


def header_value(header, key):
    return [l.split(":", 1)[1].strip() for l in header if l.startswith(key + ":")]


def scrubbed_env(home, extra):
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(home),
        "TZ": "UTC",
        "LC_ALL": "C.UTF-8",
        "NO_COLOR": "1",
        "EDITOR": str(ROOT / "tests" / "golden" / "fake-editor"),
        "GIT_CONFIG_NOSYSTEM": "1",
    }
    for item in extra:
        key, _, value = item.partition("=")
        env[key] = value
    return env


def run_case(crm, case_path, update):
    # Bytes, not text mode: a CRLF that crm writes (CSV) must stay a CRLF.
    text = case_path.read_bytes().decode("utf-8")
    header, sections = parse_case(text)
    with tempfile.TemporaryDirectory(prefix="crm-golden-") as tmp:
        tmp = Path(tmp)
        work = tmp / "ledger"
        fixture = header_value(header, "fixture")
        if fixture:
            shutil.copytree(ROOT / fixture[0], work)
        else:
            work.mkdir()
        (tmp / "home").mkdir()
        env = scrubbed_env(tmp / "home", header_value(header, "env"))
        for before in header_value(header, "before"):
            words = shlex.split(before)  # crm, or a plain program (a hand edit)
            program = [crm] + words[1:] if words[0] == "crm" else words
            subprocess.run(program, cwd=work, capture_output=True, env=env, check=True)
        args = shlex.split(header_value(header, "run")[0])
        assert args[0] == "crm", f"{case_path}: run: must start with crm"
        stdin = "".join(s[2] for s in sections if s[0] == "stdin")
        cwd = work / header_value(header, "cwd")[0] if header_value(header, "cwd") else work
        # A hang (a FIFO opened for reading waits for a writer) fails the case.
        proc = subprocess.run([crm] + args[1:], cwd=cwd, input=stdin.encode(), timeout=120,
                              capture_output=True,
                              env=env)
        actual = {
            "stdout": proc.stdout.decode("utf-8", "replace"),
            "stderr": proc.stderr.decode("utf-8", "replace"),
            "exit": f"{proc.returncode}\n",
        }
        # The temp folder's name differs on every run.
        for key in ("stdout", "stderr"):
            actual[key] = actual[key].replace(str(work), "<ledger>")
            for pattern in header_value(header, "mask"):
                actual[key] = re.sub(pattern, "<masked>", actual[key])
        files = {s[1]: s for s in sections if s[0] == "file"}
        for name in files:
            path = work / name
            actual["file " + name] = ("<folder>\n" if path.is_dir() else
                                      path.read_bytes().decode("utf-8", "replace")
                                      if path.exists() else "<missing>\n")
    return compare_or_update(case_path, header, sections, actual, update)


def compare_or_update(case_path, header, sections, actual, update):
    wanted_keys = ["stdout", "stderr", "exit"]
    have = {(s[0] if s[0] != "file" else "file " + s[1]): s[2] for s in sections}
    keys = wanted_keys + [k for k in have if k.startswith("file ")]
    if update:
        out = "".join(header)
        if "stdin" in have:
            out += "--- stdin\n" + have["stdin"]
        for key in keys:
            out += f"--- {key}\n" + actual[key]
        case_path.write_bytes(out.encode("utf-8"))
        return True
    ok = True
    for key in keys:
        if have.get(key, "") != actual[key]:
            ok = False
            sys.stdout.write(f"{case_path}: {key} differs\n--- expected\n{have.get(key, '')}"
                             f"--- actual\n{actual[key]}")
    return ok


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--crm", required=True, help="the crm binary")
    parser.add_argument("--update", action="store_true", help="rewrite expectations")
    parser.add_argument("cases", nargs="+", type=Path)
    options = parser.parse_args()
    crm = str(Path(options.crm).resolve())
    failed = [c for c in options.cases if not run_case(crm, c, options.update)]
    print(f"{len(options.cases) - len(failed)} passed, {len(failed)} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
