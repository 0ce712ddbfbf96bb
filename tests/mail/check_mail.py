#!/usr/bin/env python3
"""Checks `crm due --format mail` with Python's own mail parser.

The message must parse under email.policy.default, carry every header
sendmail -t and a mail reader need, decode to the text agenda with the
Chinese names intact (subject and body), and keep every line within 78
characters. Run as: check_mail.py --crm build/dev/crm --examples examples
"""
import argparse
import email
import email.policy
import email.utils
import os
import subprocess
import sys
import tempfile
from datetime import datetime, timezone
from pathlib import Path

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
FAILURES = []


def check(condition, what):
    if not condition:
        FAILURES.append(what)
        print(f"FAIL: {what}")


def crm(binary, *args):
    with tempfile.TemporaryDirectory(prefix="crm-mail-") as home:
        env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": home, "TZ": "UTC",
               "LC_ALL": "C.UTF-8", "NO_COLOR": "1"}
        proc = subprocess.run([binary, *args], capture_output=True, env=env)
    check(proc.returncode == 0, f"crm {' '.join(args)} exits 0 (got {proc.returncode}: "
                                f"{proc.stderr.decode(errors='replace')})")
    return proc.stdout


def check_lines(raw, label):
    for number, line in enumerate(raw.split(b"\n"), 1):
        check(len(line) <= 78, f"{label}: line {number} has {len(line)} > 78 bytes")
        check(line != b".", f"{label}: line {number} is a lone '.' (ends sendmail's input)")
    check(raw.isascii(), f"{label}: the message is 7-bit ASCII")


def check_examples(binary, examples):
    day = ["-C", examples, "due", "--date", "2026-11-23"]
    raw = crm(binary, *day, "--format", "mail", "--mail-to", "林美玲 <amy@example.com>",
              "--mail-to", "ben@example.com", "--mail-from", "crm <crm@example.com>")
    text = crm(binary, *day).decode("utf-8")
    check_lines(raw, "examples")
    msg = email.message_from_bytes(raw, policy=email.policy.default)
    check(not msg.defects, f"no parser defects (got {msg.defects})")
    for name in ("From", "To", "Date", "Subject", "MIME-Version", "Content-Type",
                 "Content-Transfer-Encoding"):
        check(msg[name] is not None, f"header {name} present")
    to = msg["To"].addresses
    check([a.display_name for a in to] == ["林美玲", ""], f"To display names (got {to})")
    check([a.addr_spec for a in to] == ["amy@example.com", "ben@example.com"], "To addresses")
    check(msg["From"].addresses[0].addr_spec == "crm@example.com", "From address")
    check(str(msg["Subject"]) == "crm: Mon 2026-11-23, 10 to contact: 許文龍, 劉家豪 and 8 more",
          f"decoded subject (got {str(msg['Subject'])!r})")
    check(msg["Date"].datetime == datetime(2026, 11, 23, tzinfo=timezone.utc),
          f"--date dates the message that day at 00:00 UTC (got {msg['Date']})")
    check(msg.get_content_type() == "text/plain", "text/plain")
    check(msg.get_content_charset() == "utf-8", "charset UTF-8")
    check(msg["Content-Transfer-Encoding"] in ("quoted-printable", "base64"),
          "a 7-bit safe transfer encoding")
    body = msg.get_content()
    check(body == text, "the body is the text agenda, byte for byte")
    for name in ("周國強", "蔡宜君", "蓮花素食 Lotus Vegetarian Kitchen", "Morning Brew Café"):
        check(name in body, f"{name} intact in the body")
    check("\x1b" not in body, "no colour codes in the body")


def check_ascii_subject(binary):
    raw = crm(binary, "-C", str(FIXTURES / "tiny"), "due", "--date", "2026-11-23",
              "--format", "mail", "--mail-to", "me@example.com")
    check_lines(raw, "tiny")
    msg = email.message_from_bytes(raw, policy=email.policy.default)
    check(b"\nSubject: crm: Mon 2026-11-23, 1 to contact: Only One\n" in raw,
          "an ASCII subject is left unencoded")
    check(msg["From"] is None, "no From header unless asked")


def check_clock(binary, examples):
    before = datetime.now(timezone.utc).replace(microsecond=0)
    raw = crm(binary, "-C", examples, "due", "--format", "mail", "--mail-to", "me@example.com")
    after = datetime.now(timezone.utc)
    msg = email.message_from_bytes(raw, policy=email.policy.default)
    sent = msg["Date"].datetime
    check(before <= sent <= after, f"without --date the message is dated now (got {sent})")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--crm", required=True)
    parser.add_argument("--examples", required=True)
    options = parser.parse_args()
    check_examples(options.crm, options.examples)
    check_ascii_subject(options.crm)
    check_clock(options.crm, options.examples)
    print("ok" if not FAILURES else f"{len(FAILURES)} failed")
    return 1 if FAILURES else 0


if __name__ == "__main__":
    sys.exit(main())
