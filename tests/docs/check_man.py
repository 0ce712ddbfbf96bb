#!/usr/bin/env python3
"""Checks that the man pages document the command line crm really has.

    check_man.py --crm path/to/crm --man path/to/man

1. Runs `crm --help` and `crm CMD --help` for every command `crm --help` lists,
   and collects every option CLI11 prints, long and short forms.
2. Each global option must appear in crm.1's GLOBAL OPTIONS section, and each
   command's options in that command's subsection (`.SS crm CMD` under
   COMMANDS), written `\\-\\-name` or `--name` (`\\-x` or `-x` for a short one).
   Every command must have such a subsection.
3. The other way round: an option defined in a subsection (the tag of a `.TP`)
   that the command does not accept is stale, and so is a subsection for a
   command that does not exist.
4. Both pages render with `groff -man -Tutf8 -ww` and `man -l` without a
   warning, and their source is ASCII (other characters as \\[uXXXX], so that
   groff needs no preconv). Skipped, with a note, when groff or man is missing.

Prints every problem, then exits 1 if there was any.
"""
import argparse
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

HELP_OPTIONS = {"-h", "--help"}


def run_help(crm, args):
    env = dict(os.environ, NO_COLOR="1", COLUMNS="200")
    done = subprocess.run([crm, *args, "--help"], capture_output=True, text=True, env=env)
    if done.returncode != 0:
        raise SystemExit(f"'crm {' '.join(args + ['--help'])}' exited {done.returncode}:\n"
                         f"{done.stderr}")
    return done.stdout


def help_sections(text):
    """CLI11 help as {section heading: [lines]}; headings end with ':' at column 0."""
    sections, current = {}, None
    for line in text.splitlines():
        if line and not line[0].isspace() and line.rstrip().endswith(":"):
            current = line.rstrip()[:-1]
            sections[current] = []
        elif current is not None and line.strip():
            sections[current].append(line)
    return sections


def options_in(text):
    """Every option a CLI11 help text lists: '-C,--dir DIR  …' gives -C and --dir."""
    found = set()
    for heading, lines in help_sections(text).items():
        if heading.startswith("Usage") or heading in ("Commands", "Arguments", "Examples"):
            continue
        for line in lines:
            m = re.match(r"  (-\S+)", line)
            if not m:
                continue  # a wrapped description
            for name in m.group(1).split(","):
                name = re.split(r"[\s{=:]", name, maxsplit=1)[0]
                if name.startswith("-"):
                    found.add(name)
    return found


def commands_in(text):
    lines = help_sections(text).get("Commands", [])
    return [m.group(1) for l in lines if (m := re.match(r"  ([a-z][\w-]*)", l))]


def plain(roff):
    """The roff source with font changes, \\& and \\- undone, for searching."""
    roff = re.sub(r"\\f(\[[^\]]*\]|\(..|.)", "", roff)
    return roff.replace("\\-", "-").replace("\\&", "").replace("\\%", "")


def split_sections(roff):
    """{'.SH NAME': text, ...} and {'.SS NAME': text, ...} of a page."""
    sh, ss = {}, {}
    cur_sh = cur_ss = None
    for line in roff.splitlines():
        if m := re.match(r'\.SH\s+"?([^"]*)"?\s*$', line):
            cur_sh, cur_ss = m.group(1).strip(), None
            sh[cur_sh] = ""
            continue
        if m := re.match(r'\.SS\s+"?([^"]*)"?\s*$', line):
            cur_ss = m.group(1).strip()
            ss[cur_ss] = ""
            if cur_sh is not None:
                sh[cur_sh] += line + "\n"
            continue
        if cur_sh is not None:
            sh[cur_sh] += line + "\n"
        if cur_ss is not None:
            ss[cur_ss] += line + "\n"
    return sh, ss


def mentions(text, option):
    return re.search(r"(?<![\w-])" + re.escape(option) + r"(?![\w-])", text) is not None


def defined_options(section_roff):
    """Options a section defines: the first words of .TP tags that are options."""
    out = set()
    lines = section_roff.splitlines()
    for i, line in enumerate(lines[:-1]):
        if line.strip() != ".TP":
            continue
        tag = plain(lines[i + 1])
        tag = re.sub(r'^\.\w+\s*', "", tag).replace('"', " ")
        for word in re.split(r"[\s,|]+", tag):
            if re.fullmatch(r"--?[A-Za-z][\w-]*", word):
                out.add(word)
    return out


def check_options(crm, roff):
    problems = []
    sh, ss = split_sections(roff)
    top = run_help(crm, [])
    commands = commands_in(top)
    if not commands:
        problems.append("'crm --help' lists no commands")

    globals_text = plain(sh.get("GLOBAL OPTIONS", ""))
    if "GLOBAL OPTIONS" not in sh:
        problems.append("crm.1 has no GLOBAL OPTIONS section")
    for option in sorted(options_in(top)):
        if not mentions(globals_text, option):
            problems.append(f"global option {option} is not in crm.1, GLOBAL OPTIONS")

    for command in commands:
        title = next((t for t in ss if t in (f"crm {command}", command)), None)
        if title is None:
            problems.append(f"command '{command}' has no subsection '.SS crm {command}' in crm.1")
            continue
        text = plain(ss[title])
        known = options_in(run_help(crm, [command]))
        for option in sorted(known):
            if option in HELP_OPTIONS:
                continue  # documented once, under GLOBAL OPTIONS
            if not mentions(text, option):
                problems.append(f"option {option} of 'crm {command}' is not in crm.1, "
                                f"subsection '{title}'")
        # A global option may be described again where it matters (--date for log).
        for option in sorted(defined_options(ss[title]) - known - options_in(top)):
            problems.append(f"crm.1, subsection '{title}', documents {option}, which "
                            f"'crm {command} --help' does not list")

    commands_section = sh.get("COMMANDS", "")
    for title in re.findall(r'^\.SS\s+"?crm ([\w-]+)', commands_section, re.M):
        if title not in commands:
            problems.append(f"crm.1 documents 'crm {title}', which 'crm --help' does not list")
    return problems


def check_rendering(page):
    problems = []
    source = page.read_bytes()
    for n, line in enumerate(source.split(b"\n"), 1):
        if any(b > 0x7F for b in line):
            first = next(ch for ch in line.decode("utf-8", "replace") if ord(ch) > 0x7F)
            problems.append(f"{page.name}:{n}: non-ASCII character '{first}'; write "
                            f"\\[u{ord(first):04X}] so that groff needs no preconv")
    groff = shutil.which("groff")
    if groff:
        done = subprocess.run([groff, "-man", "-Tutf8", "-ww", "-z", str(page)],
                              capture_output=True, text=True)
        if done.returncode != 0 or done.stderr.strip():
            problems.append(f"groff -man -Tutf8 -ww {page.name}:\n{done.stderr.rstrip()}")
    else:
        print(f"note: groff not found, {page.name} not rendered with groff")
    man = shutil.which("man")
    if man and groff:
        env = dict(os.environ, MANWIDTH="80", LANG="C.UTF-8", LC_ALL="C.UTF-8", MANPAGER="cat",
                   PAGER="cat")
        done = subprocess.run([man, "--warnings", "-l", str(page)], capture_output=True,
                              text=True, env=env)
        if done.returncode != 0 or done.stderr.strip():
            problems.append(f"man -l {page.name}:\n{done.stderr.rstrip()}")
        elif "NAME" not in done.stdout:
            problems.append(f"man -l {page.name} printed no NAME section")
    elif not man:
        print(f"note: man not found, {page.name} not rendered with man -l")
    return problems


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--crm", required=True, help="the crm binary")
    parser.add_argument("--man", required=True, type=Path, help="the folder holding crm.1")
    args = parser.parse_args()

    pages = [args.man / "crm.1", args.man / "crm.5"]
    problems = [f"{p} is missing" for p in pages if not p.is_file()]
    if not problems:
        problems += check_options(args.crm, pages[0].read_text(encoding="utf-8"))
        for page in pages:
            problems += check_rendering(page)
    for p in problems:
        print(p)
    if problems:
        print(f"{len(problems)} problem{'s' if len(problems) != 1 else ''} in the man pages")
        return 1
    print("man pages: every option documented, both pages render cleanly")
    return 0


if __name__ == "__main__":
    sys.exit(main())
