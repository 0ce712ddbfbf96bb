#!/usr/bin/env python3
"""A newcomer's first minute and a cron job's morning, end to end:
`crm` alone (the agenda in a folder, first steps outside one), help that
fits 80 columns and ends with examples and man crm, usage errors in crm's
words with a "did you mean", TERM=dumb without colour, the default folder
from config.toml and `crm init --default`, and README's crontab line run as
cron would with a fake sendmail on a quiet and a busy day."""
import argparse
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
import unicodedata
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent / "lib"))
from terminal import in_pty  # noqa: E402
from checks import check, report  # noqa: E402


def width(line):
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in line)


def base_env(home):
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(home), "TZ": "UTC",
           "LC_ALL": "C.UTF-8", "NO_COLOR": "1"}
    return env


def run(crm, args, env, cwd):
    return subprocess.run([crm] + args, env=env, cwd=cwd, capture_output=True, text=True)


def first_steps(crm, tmp, examples):
    home = tmp / "home"
    home.mkdir()
    env = base_env(home)
    alone = run(crm, ["--date", "2026-11-23"], env, examples)
    due = run(crm, ["due", "--date", "2026-11-23"], env, examples)
    check("crm alone in a folder is crm due", alone.returncode == 0 and alone.stdout == due.stdout
          and "overdue" in due.stdout)
    check("crm -C DIR alone is the agenda",
          run(crm, ["-C", str(examples), "--date", "2026-11-23"], env, tmp).stdout == due.stdout)
    outside = run(crm, [], env, tmp)
    check(f"crm alone outside a folder: first steps, exit 0: {outside}",
          outside.returncode == 0 and "crm init" in outside.stdout and "man crm" in outside.stdout)


def help_texts(crm, tmp):
    env = base_env(tmp)
    top = run(crm, ["--help"], env, tmp).stdout
    commands = re.findall(r"^  ([a-z][a-z-]+) ", top.split("Commands:")[1], re.M)
    check(f"crm --help lists the commands: {commands}", "due" in commands and "log" in commands)
    for args in [["--help"]] + [[c, "--help"] for c in commands]:
        r = run(crm, args, env, tmp)
        lines = r.stdout.splitlines()
        check(f"crm {' '.join(args)}: exit 0", r.returncode == 0)
        wide = [l for l in lines if width(l) > 80]
        check(f"crm {' '.join(args)} fits 80 columns: {wide}", not wide)
        tail = "\n".join(lines[-6:])
        check(f"crm {' '.join(args)} ends with examples and man crm: {tail}",
              "Examples:" in r.stdout and "man crm" in tail and "  crm " in tail)


USAGE = [
    (["--colour", "never", "due"], "unknown option '--colour' (did you mean '--color'?)"),
    (["due", "--no-color"], "unknown option '--no-color' (did you mean '--color never'?)"),
    (["-V"], "unknown option '-V' (did you mean '--version'?)"),
    (["due", "--sort", "valu"],
     "--sort 'valu' is not one of date, value, name, region (did you mean 'value'?)"),
    (["lgo"], "unknown command 'lgo' (did you mean 'log'?)"),
    (["log"], "crm log needs NAME"),
    (["due", "--date"], "--date needs a value"),
    (["due", "--format", "json", "--mail-to", "me@example.com"],
     "--mail-to and --mail-from make a mail; they do not go with --format json"),
    (["due", "--mail-to", "me@example.com\nBcc: x@example.com"], "cannot go in a mail header"),
]


def usage_errors(crm, tmp, examples):
    env = base_env(tmp)
    for args, expected in USAGE:
        r = run(crm, ["-C", str(examples)] + args, env, tmp)
        first = r.stderr.split("\nrun 'crm")[0] if r.stderr else ""
        check(f"crm {args}: exit 2 and '{expected}', got {r.returncode} {r.stderr!r}",
              r.returncode == 2 and first.startswith("crm: error: ") and expected in first)
        check(f"crm {args}: no CLI11 text: {r.stderr!r}",
              "The following argument" not in r.stderr and " not in {" not in r.stderr)


def dumb_terminal(crm, tmp, examples):
    env = base_env(tmp)
    del env["NO_COLOR"]
    args = ["-C", str(examples), "due", "--date", "2026-11-23"]
    check("a colour terminal gets colour",
          b"\x1b[" in in_pty([crm] + args, dict(env, TERM="xterm")))
    check("TERM=dumb gets no colour and no cursor moves",
          b"\x1b" not in in_pty([crm] + args, dict(env, TERM="dumb")))


def default_folder(crm, tmp, examples):
    home = tmp / "home2"
    home.mkdir()
    env = base_env(home)
    nowhere = tmp / "nowhere"
    nowhere.mkdir()
    before = run(crm, ["list"], env, nowhere)
    check("no default folder: an error naming crm init", before.returncode != 0
          and "crm init" in before.stderr)
    made = run(crm, ["init", str(tmp / "shop"), "--default"], env, nowhere)
    check(f"init --default says so and the next command: {made}",
          made.returncode == 0 and "default folder" in made.stdout and "crm add" in made.stdout)
    config = home / ".config" / "crm" / "config.toml"
    check("init --default writes ~/.config/crm/config.toml", config.is_file())
    shutil.copytree(examples / "customers", tmp / "shop" / "customers", dirs_exist_ok=True)
    shutil.copy(examples / "crm.toml", tmp / "shop" / "crm.toml")
    listed = run(crm, ["list"], env, nowhere)
    check(f"the default folder is used from anywhere: {listed}",
          listed.returncode == 0 and "張偉" in listed.stdout)
    # XDG_CONFIG_HOME wins over ~/.config; ~ in dir is $HOME; -C and an
    # enclosing folder win over the default.
    xdg = tmp / "xdg"
    (xdg / "crm").mkdir(parents=True)
    shutil.copytree(examples, home / "customers")
    (xdg / "crm" / "config.toml").write_text('dir = "~/customers"\n')
    env_xdg = dict(env, XDG_CONFIG_HOME=str(xdg))
    check("XDG_CONFIG_HOME's config.toml, ~ expanded",
          run(crm, ["due", "--date", "2026-11-23"], env_xdg, nowhere).stdout ==
          run(crm, ["-C", str(examples), "due", "--date", "2026-11-23"], env, nowhere).stdout)
    inside = run(crm, ["list"], env_xdg, tmp / "shop")
    check("an enclosing folder wins over the default", inside.stdout == listed.stdout)
    (xdg / "crm" / "config.toml").write_text('dir = 5\n')
    bad = run(crm, ["list"], env_xdg, nowhere)
    check(f"a bad config.toml: file:line:column and the fix: {bad.stderr!r}",
          f"{xdg}/crm/config.toml:1:" in bad.stderr and "'dir'" in bad.stderr)


FAKE_SENDMAIL = """#!/bin/sh
printf '%s\\n' "$*" > "$MAILBOX.args"
cat > "$MAILBOX"
"""


def cron(crm, tmp, examples, readme):
    line = next(l.strip() for l in readme.read_text().splitlines()
                if l.strip().startswith("0 6 * * 1-6 crm"))
    command = line.split(None, 5)[5]
    check(f"the crontab line uses --send: {command}", "--send" in command)
    home = tmp / "cronhome"
    home.mkdir()
    bin_dir = tmp / "bin"
    bin_dir.mkdir()
    shutil.copy(crm, bin_dir / "crm")
    fake = tmp / "sendmail"
    fake.write_text(FAKE_SENDMAIL)
    fake.chmod(0o755)
    mailbox = tmp / "mailbox"
    # cron's environment: a short PATH, the C locale, no terminal.
    env = {"PATH": f"{bin_dir}:/usr/bin:/bin", "HOME": str(home), "LANG": "C",
           "CRM_SENDMAIL": str(fake), "MAILBOX": str(mailbox), "TZ": "UTC"}
    # A quiet day: a folder where nothing is due, on any day.
    (home / "customers").mkdir()
    run(crm, ["init", str(home / "customers")], env, tmp)
    quiet = subprocess.run(["/bin/sh", "-c", command], env=env, capture_output=True, text=True)
    check(f"quiet day: no output, exit 0, nothing sent: {quiet}",
          quiet.returncode == 0 and quiet.stdout == "" and quiet.stderr == ""
          and not mailbox.exists())
    # A busy day: the example shop, whose revisits are overdue on any later day.
    shutil.rmtree(home / "customers")
    shutil.copytree(examples, home / "customers")
    busy = subprocess.run(["/bin/sh", "-c", command], env=env, capture_output=True, text=True)
    check(f"busy day: no output, exit 0: {busy}",
          busy.returncode == 0 and busy.stdout == "" and busy.stderr == "")
    sent = mailbox.read_text() if mailbox.exists() else ""
    check("busy day: the mail went to sendmail -t -oi",
          (tmp / "mailbox.args").exists() and (tmp / "mailbox.args").read_text() == "-t -oi\n")
    check(f"busy day: a mail to the address with the agenda: {sent[:200]!r}",
          "To: me@example.com" in sent and "Subject:" in sent and "overdue" in sent)
    # sendmail failing is crm's failure: cron then mails the error.
    fake.write_text("#!/bin/sh\necho 'no MTA' >&2\nexit 75\n")
    failed = subprocess.run(["/bin/sh", "-c", command], env=env, capture_output=True, text=True)
    check(f"a failing sendmail is an error: {failed}",
          failed.returncode != 0 and "status 75" in failed.stderr and "no MTA" in failed.stderr)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--crm", required=True)
    ap.add_argument("--root", required=True)
    a = ap.parse_args()
    crm = str(Path(a.crm).resolve())
    root = Path(a.root)
    with tempfile.TemporaryDirectory(prefix="crm-first-") as t:
        tmp = Path(t)
        examples = tmp / "examples"
        shutil.copytree(root / "examples", examples)
        first_steps(crm, tmp, examples)
        help_texts(crm, tmp)
        usage_errors(crm, tmp, examples)
        dumb_terminal(crm, tmp, examples)
        default_folder(crm, tmp, examples)
        cron(crm, tmp, examples, root / "README.md")
    return report("first minute and cron")


if __name__ == "__main__":
    sys.exit(main())
