#!/usr/bin/env python3
"""Refusals: a read-only folder, a full disk, a file that does not parse, an
ambiguous name, a file deleted or changed while being edited, an edit given up.
Each gives its message and exit status, and the file is left as it was."""
import argparse
import os
import re
import resource
import shutil
import signal
import stat
import subprocess
import sys
import tempfile
from pathlib import Path

NOBODY = 65534
FILES = {
    "crm.toml": '[me]\nname = "amy"\n',
    "customers/wang-fang.toml": '# 王芳\nname = "王芳"\nclass = "client"\n',
    "customers/wang-wei.toml": 'name = "王偉"\nclass = "now"\n',
    "customers/broken.toml": 'name = "broken\nclass = "now"\n',
}


def make_folder(root):
    for name, text in FILES.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")


def as_nobody():
    # Root ignores file permissions, so the read-only cases run crm as an
    # unprivileged user, as the salesperson would be.
    os.setgid(NOBODY)
    os.setuid(NOBODY)


def disk_full():
    # A file size limit makes write() fail as a full disk does.
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (16, 16))


def crm_run(crm, root, args, env=None, stdin="", preexec=None):
    full_env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(root.parent),
                "LC_ALL": "C.UTF-8", "TZ": "UTC", **(env or {})}
    return subprocess.run([crm] + args + ["--date", "2026-11-23"], cwd=root, env=full_env,
                          input=stdin, capture_output=True, text=True, preexec_fn=preexec)


def editor(root, name, script):
    path = root.parent / name
    path.write_text("#!/bin/sh\n" + script, encoding="utf-8")
    path.chmod(0o755)
    return {"EDITOR": str(path)}


def read_only(crm, root, lock_exists):
    if lock_exists:
        (root / ".crm.lock").touch()
    for d in (root, root / "customers"):
        d.chmod(0o555)
    preexec = as_nobody if os.geteuid() == 0 else None
    try:
        return crm_run(crm, root, ["log", "wang-fang", "hello"], preexec=preexec)
    finally:
        for d in (root, root / "customers"):
            d.chmod(0o755)


def edit_and_quit(crm, root):
    env = editor(root, "break", "printf 'oops = \\n' >> \"$1\"\n")
    return crm_run(crm, root, ["edit", "wang-fang"], env=env, stdin="q\n")


def edit_then_delete(crm, root):
    env = editor(root, "delete", "printf 'region = \"Taipei\"\\n' >> \"$1\"\n"
                 "rm customers/wang-fang.toml\n")
    return crm_run(crm, root, ["edit", "wang-fang"], env=env)


def edit_while_logged(crm, root):
    # A colleague's `crm log` lands while the editor is open.
    env = editor(root, "slow", "printf 'region = \"Taipei\"\\n' >> \"$1\"\n"
                 f"'{crm}' log wang-fang 'meanwhile' --date 2026-11-23 >/dev/null\n")
    return crm_run(crm, root, ["edit", "wang-fang"], env=env)


KEPT = r"; your edit is kept in '(/[^']+/wang-fang\.toml)'\n"
CASES = [
    # name, run, exit status, stderr pattern, file expected unchanged
    ("read-only folder", lambda c, r: read_only(c, r, False), 3,
     r"crm: error: cannot write in '\.': permission denied \(making the lock file \.crm\.lock\); "
     r"nothing was changed\n", "customers/wang-fang.toml"),
    ("read-only folder with a lock file", lambda c, r: read_only(c, r, True), 3,
     r"crm: error: cannot write 'customers/wang-fang\.toml': cannot create a file in "
     r"'customers': permission denied; the file is unchanged\n", "customers/wang-fang.toml"),
    ("full disk", lambda c, r: crm_run(c, r, ["log", "wang-fang", "x" * 100], preexec=disk_full),
     3, r"crm: error: cannot write 'customers/wang-fang\.toml': file too large; the file is "
        r"unchanged\n", "customers/wang-fang.toml"),
    ("unparsable file", lambda c, r: crm_run(c, r, ["log", "broken", "hello"]), 3,
     r"customers/broken\.toml:1:\d+: error: a string runs to the end of the line \(.*\)\n"
     r"crm: error: 'customers/broken\.toml' does not parse; fix line 1 first, or use "
     r"'crm edit broken'\n", "customers/broken.toml"),
    ("ambiguous name", lambda c, r: crm_run(c, r, ["log", "王", "hello"]), 2,
     r"crm: error: '王' matches 2 customers; nothing was written\n"
     r"  wang-fang  王芳\n  wang-wei   王偉\nname one of them by its id\n",
     "customers/wang-fang.toml"),
    ("edit given up", edit_and_quit, 1,
     r"customers/wang-fang\.toml:4:8: error: .*\nwhat now\? .*\n"
     r"crm: 'customers/wang-fang\.toml' is left as it was" + KEPT,
     "customers/wang-fang.toml"),
    ("file deleted while edited", edit_then_delete, 3,
     r"crm: error: 'customers/wang-fang\.toml' no longer exists \(deleted or renamed "
     r"meanwhile\); nothing was written" + KEPT, None),
    ("file changed while edited", edit_while_logged, 3,
     r"crm: error: 'customers/wang-fang\.toml' changed while you were editing it; it is left "
     r"as it is now" + KEPT, None),
]


def run_case(crm, tmp, name, action, status, pattern, unchanged):
    root = tmp / name.replace(" ", "-") / "ledger"
    root.mkdir(parents=True)
    make_folder(root)
    for d in (tmp, root.parent):  # an unprivileged crm must reach the folder
        d.chmod(0o755)
    proc = action(crm, root)
    problems = []
    if proc.returncode != status:
        problems.append(f"exit status {proc.returncode}, not {status}")
    match = re.fullmatch(pattern, proc.stderr)
    if not match:
        problems.append(f"stderr was {proc.stderr!r}")
    elif match.groups() and "region" not in Path(match.group(1)).read_text(encoding="utf-8") \
            and "oops" not in Path(match.group(1)).read_text(encoding="utf-8"):
        problems.append("the kept edit does not hold what was typed")
    if unchanged and (root / unchanged).read_text(encoding="utf-8") != FILES[unchanged]:
        problems.append(f"{unchanged} changed")
    if name == "file changed while edited" and "meanwhile" not in \
            (root / "customers/wang-fang.toml").read_text(encoding="utf-8"):
        problems.append("the colleague's entry was overwritten")
    if leftovers := [p.name for p in (root / "customers").iterdir() if ".crm-tmp-" in p.name]:
        problems.append(f"temporary files left: {leftovers}")
    if match and match.groups():
        shutil.rmtree(Path(match.group(1)).parent, ignore_errors=True)
    return problems


def can_drop_privileges():
    if os.geteuid() != 0:
        return True
    probe = subprocess.run(["true"], preexec_fn=as_nobody, capture_output=True) \
        if shutil.which("true") else None
    return probe is not None and probe.returncode == 0


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--crm", required=True)
    crm = str(Path(parser.parse_args().crm).resolve())
    failed, skipped, passed = [], [], 0
    with tempfile.TemporaryDirectory(prefix="crm-refusals-") as tmp:
        for name, action, status, pattern, unchanged in CASES:
            if name.startswith("read-only") and not can_drop_privileges():
                skipped.append(f"{name}: running as root, and cannot switch to uid {NOBODY}")
                continue
            problems = run_case(crm, Path(tmp), name, action, status, pattern, unchanged)
            if problems:
                failed.append((name, problems))
            else:
                passed += 1
    print(f"{'FAIL' if failed else 'ok'}: {passed} refusals as expected, {len(failed)} not, "
          f"{len(skipped)} skipped")
    for name, problems in failed:
        print(f"  {name}: " + "; ".join(problems))
    for reason in skipped:
        print(f"  skipped {reason}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
