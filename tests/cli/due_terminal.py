#!/usr/bin/env python3
"""`crm due` on a real terminal: run in a pseudo-terminal of a given width
and drawn by pyte (a terminal emulator), its lines fit the width, wrapped
lines go on in the reasons column, no word or date is split, and the
reasons column starts at the same x on every line, whether the terminal
draws ambiguous-width characters (· U+00B7, ‧ U+2027) one column wide or
two. Written to a pipe, the agenda is neither wrapped nor holds escapes."""
import argparse
import fcntl
import os
import re
import shutil
import struct
import subprocess
import sys
import tempfile
import termios
import unicodedata
from pathlib import Path

import pyte
import pyte.screens

sys.path.insert(0, str(Path(__file__).parent / "lib"))
from terminal import read_all  # noqa: E402
from checks import check, report  # noqa: E402

DATE = "2026-11-23"
# Two customers of the example shop renamed so that their names hold an
# ambiguous-width character; both have a line on DATE.
RENAMES = {
    "sarah-miller.toml": ("Sarah Miller", "莎拉\u2027米勒"),
    "morning-brew-cafe.toml": ("Morning Brew Café", "晨光\u00b7Morning Brew"),
}
WHEN = re.compile(r"(\d+ days? late|due \d+ days? ago|today|\w{3} \d{4}-\d{2}-\d{2})$")


def make_folder(root, tmp):
    folder = Path(tmp) / "ledger"
    shutil.copytree(root / "examples", folder)
    for name, (old, new) in RENAMES.items():
        path = folder / "customers" / name
        text = path.read_text(encoding="utf-8")
        assert f'name = "{old}"' in text, name
        path.write_text(text.replace(f'name = "{old}"', f'name = "{new}"'), encoding="utf-8")
    return folder


def environment(tmp):
    env = {k: v for k, v in os.environ.items() if k not in ("CRM_DIR", "COLUMNS", "LINES")}
    env.update(TZ="UTC", LC_ALL="C.UTF-8", NO_COLOR="1", HOME=tmp, TERM="xterm")
    return env


def run_in_pty(args, env, columns):
    """The bytes crm writes to a terminal `columns` wide."""
    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 200, columns, 0, 0))
    proc = subprocess.Popen(args, stdin=slave, stdout=slave, stderr=subprocess.PIPE, env=env)
    os.close(slave)
    out = read_all(master)
    os.close(master)
    proc.wait()
    check(f"{args[-3:]} at {columns}: exit {proc.returncode}", proc.returncode == 0)
    return out.decode("utf-8")


def ambiguous_wide(original):
    def width(ch):
        if ord(ch) >= 0x80 and unicodedata.east_asian_width(ch) == "A":
            return 2
        return original(ch)
    return width


def screen_rows(text, columns, wide):
    """The screen's rows as lists of cells (a wide character's second cell
    is ""), drawn by pyte on a screen wider than the terminal so that a line
    too long shows as cells past `columns` rather than wrapped."""
    original = pyte.screens.wcwidth
    if wide:
        pyte.screens.wcwidth = ambiguous_wide(original)
    try:
        screen = pyte.Screen(columns + 60, 200)
        pyte.Stream(screen).feed(text)
    finally:
        pyte.screens.wcwidth = original
    used = text.count("\n")
    return [[screen.buffer[y][x].data for x in range(screen.columns)] for y in range(used)]


def fields(cells):
    """(x, text) of each run of cells separated by two blanks or more."""
    out, start, blanks = [], None, 0
    for x, ch in enumerate(cells + [" ", " "]):
        if ch == " ":
            blanks += 1
            if blanks == 2 and start is not None:
                out.append((start, "".join(cells[start:x - 1])))
                start = None
        else:
            if start is None:
                start = x
            blanks = 0
    return out


def items_of(rows, value):
    """Each agenda line's (x of its reasons, the reasons' text rows with
    their x): an item row, then its continuation rows."""
    items = []
    for cells in rows:
        f = fields(cells)
        if f and WHEN.match(f[0][1]) and f[0][0] in (2, 4):
            reasons = f[3 if value else 2:]
            items.append([(x, t) for x, t in reasons[:1]])
            check(f"one reasons field per row: {f}", len(reasons) <= 1)
        elif f and items and f[0][0] > 4:
            items[-1].append(f[-1])  # a long name's next row starts with the value
    return items


def pipe_reasons(text, value):
    """The reasons of each line of the unwrapped, escape-free pipe output."""
    out = []
    for line in text.splitlines():
        f = re.split(r" {2,}", line.strip())
        if WHEN.match(f[0]) and line.startswith(("  ", "    ")) and not line.startswith("     "):
            out.append(f[3 if value else 2] if len(f) > (3 if value else 2) else None)
        elif out and out[-1] is None and line.startswith("        "):
            out[-1] = f[-1]
    return out


def check_screen(label, text, columns, wide, value, expected):
    rows = screen_rows(text, columns, wide)
    for y, cells in enumerate(rows):
        last = max([x for x, ch in enumerate(cells) if ch != " "], default=-1)
        check(f"{label}: row {y} is {last + 1} columns, wider than {columns}", last < columns)
    items = items_of(rows, value)
    check(f"{label}: {len(items)} lines, the pipe has {len(expected)}", len(items) == len(expected))
    starts = {x for item in items for x, _ in item}
    check(f"{label}: the reasons start at x {sorted(starts)}", len(starts) == 1)
    for item, whole in zip(items, expected):
        joined = " ".join(t for _, t in item)
        check(f"{label}: {joined!r} is not {whole!r} wrapped at spaces", joined == whole)
    return sum(len(item) > 1 for item in items)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--crm", required=True)
    parser.add_argument("--root", required=True)
    options = parser.parse_args()
    crm = os.path.abspath(options.crm)
    root = Path(options.root)

    with tempfile.TemporaryDirectory() as tmp:
        folder = make_folder(root, tmp)
        env = environment(tmp)
        cases = [(60, []), (100, []), (60, ["--group", "region"]), (100, ["--sort", "value"])]
        for columns, extra in cases:
            args = [crm, "-C", str(folder), "due", "--date", DATE, *extra]
            value = "value" in extra
            piped = subprocess.run(args, capture_output=True, text=True, env=env).stdout
            narrowed = subprocess.run(args, capture_output=True, text=True,
                                      env={**env, "COLUMNS": "60"}).stdout
            check(f"{extra}: a pipe holds an escape", "\x1b" not in piped)
            check(f"{extra}: $COLUMNS wraps a pipe", narrowed == piped)
            check(f"{extra}: the pipe's lines are not wrapped",
                  max(len(line) for line in piped.splitlines()) > 100)
            expected = pipe_reasons(piped, value)
            check(f"{extra}: the pipe's lines have reasons", expected and None not in expected)
            text = run_in_pty(args, env, columns)
            for line in text.split("\n"):
                named = any(new in line for _, new in RENAMES.values())
                check(f"{extra} at {columns}: escape only on a line whose name is ambiguous: "
                      f"{line!r}", ("\x1b[" in line) == named)
            for wide in (False, True):
                label = f"{extra} at {columns}, ambiguous {'wide' if wide else 'narrow'}"
                wrapped = check_screen(label, text, columns, wide, value, expected)
                check(f"{label}: nothing was wrapped", wrapped > 0 or columns > 60)

    return report("the agenda on terminals")


if __name__ == "__main__":
    sys.exit(main())
