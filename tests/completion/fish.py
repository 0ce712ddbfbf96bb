#!/usr/bin/env python3
"""fish sources the script `crm completion fish` prints and answers
`complete -C LINE` for lines typed in a copy of examples/.

    fish.py --crm path/to/crm --root path/to/source
"""
import shlex
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent / "lib"))
from harness import ACME, ZHANG, Harness  # noqa: E402


def complete(h, script, line, cwd=None, env=None):
    """The candidates fish offers for `line`, without their descriptions."""
    program = f"source {shlex.quote(str(script))}; complete -C {shlex.quote(line)}"
    done = subprocess.run(["fish", "--no-config", "-c", program], capture_output=True,
                          text=True, env=dict(h.env, **(env or {})), cwd=cwd or h.ledger)
    if done.returncode != 0 or done.stderr:
        h.failures.append(f"fish for {line!r} exited {done.returncode}: {done.stderr}")
    return sorted(l.split("\t")[0] for l in done.stdout.split("\n") if l)


def main():
    h = Harness(__doc__.split("\n\n")[0])
    script = h.script("fish")
    h.check("crm du", complete(h, script, "crm du"), ["due"])
    h.check("crm com (completion is hidden)", complete(h, script, "crm com"), [])
    h.check("crm due --so", complete(h, script, "crm due --so"), ["--sort"])
    h.check("crm -C DIR due --qu", complete(h, script, f"crm -C {h.ledger} due --qu"),
            ["--quiet"])
    h.check("crm due --sort ", complete(h, script, "crm due --sort "),
            sorted(["date", "value", "name", "region"]))
    h.check("crm due --format=", complete(h, script, "crm due --format="),
            sorted(f"--format={v}" for v in ["text", "json", "csv", "ics", "mail"]))
    h.check("crm log --class ", complete(h, script, "crm log --class "),
            sorted(["now", "later", "client", "vip"]))
    h.check("crm sell zhang-wei ri", complete(h, script, "crm sell zhang-wei ri"),
            ["rice-10kg", "rice-5kg"])
    h.check("crm show 張", complete(h, script, "crm show 張"), [ZHANG])
    h.check("crm show Acme", complete(h, script, "crm show Acme"), [ACME])
    h.check("crm show Sar", complete(h, script, "crm show Sar"), ["Sarah Miller"])
    h.check("crm due --owner ", complete(h, script, "crm due --owner "), ["amy", "ben"])
    h.check("outside a folder: nothing", complete(h, script, "crm show 張", h.outside), [])
    h.check("-C DIR honoured", complete(h, script, f"crm -C {h.ledger} show 張", h.outside),
            [ZHANG])
    h.check("CRM_DIR honoured", complete(h, script, "crm show 張", h.outside,
                                         {"CRM_DIR": str(h.ledger)}), [ZHANG])
    return h.finish()


if __name__ == "__main__":
    sys.exit(main())
