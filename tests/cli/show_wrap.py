#!/usr/bin/env python3
"""crm show on a terminal: notes wrap to its width, continuation lines under
the note's column, Chinese by display width; piped, nothing is wrapped.

Runs `crm show zhang-wei` on examples/ (read only) with standard output on a
pseudo-terminal of a given width, then on a pipe.
"""
import argparse
import fcntl
import os
import pty
import struct
import subprocess
import sys
import termios
import unicodedata
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent / "lib"))
from terminal import read_all  # noqa: E402

LONG_NOTE = "They ran out two weeks ago and bought at the supermarket in between."


def width(line):
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in line)


def environment():
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "TZ": "UTC",
           "LC_ALL": "C.UTF-8", "NO_COLOR": "1", "HOME": os.environ.get("HOME", "/tmp")}
    return env


def on_terminal(args, cols):
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 40, cols, 0, 0))
    attrs = termios.tcgetattr(slave)
    attrs[1] &= ~termios.ONLCR  # keep "\n" as crm wrote it
    termios.tcsetattr(slave, termios.TCSANOW, attrs)
    proc = subprocess.Popen(args, stdin=subprocess.DEVNULL, stdout=slave,
                            stderr=subprocess.PIPE, env=environment())
    os.close(slave)
    out = read_all(master)
    err = proc.stderr.read()
    proc.wait()
    os.close(master)
    return proc.returncode, out.decode("utf-8"), err.decode("utf-8")


def check(problems, ok, what):
    if not ok:
        problems.append(what)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--crm", required=True)
    parser.add_argument("--root", required=True)
    a = parser.parse_args()
    args = [a.crm, "-C", str(Path(a.root) / "examples"), "show", "zhang-wei",
            "--date", "2026-11-23"]
    problems = []
    cols = 48
    code, out, err = on_terminal(args, cols)
    check(problems, code == 0 and err == "", f"on a terminal: exit {code}, stderr {err!r}")
    lines = out.split("\n")
    for line in lines:
        check(problems, width(line) <= cols, f"wider than {cols} columns: {line!r}")
    check(problems, "    They ran out two weeks ago and bought at the" in lines,
          "the long note does not start on its own line at column 4")
    start = lines.index("    They ran out two weeks ago and bought at the") \
        if "    They ran out two weeks ago and bought at the" in lines else 0
    check(problems, lines[start + 1].startswith("    supermarket in between."),
          f"the continuation is not under the note: {lines[start + 1]!r}")
    check(problems, any(l.startswith("    ") and "「" in l for l in lines[start + 1:start + 4]),
          "the Chinese part of the note is not wrapped under the note")

    piped = subprocess.run(args, capture_output=True, env=environment())
    check(problems, piped.returncode == 0, f"piped: exit {piped.returncode}")
    text = piped.stdout.decode("utf-8")
    check(problems, ("    " + LONG_NOTE + " 「") in text, "piped output is wrapped")
    check(problems, max(width(l) for l in text.split("\n")) > cols,
          "piped output has no line wider than the terminal")

    if problems:
        print("FAIL:\n  " + "\n  ".join(problems))
        print(out)
        return 1
    print("ok: wrapped to", cols, "columns on a terminal, unwrapped on a pipe")
    return 0


if __name__ == "__main__":
    sys.exit(main())
