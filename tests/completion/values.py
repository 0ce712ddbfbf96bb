#!/usr/bin/env python3
"""`crm completion values KIND [PREFIX]`, which the completion scripts call:
the folder's values one a line, and nothing (exit status 0, no message)
outside a folder or on any error. Also: `crm completion` is hidden from
`crm --help`, and a shell it does not know is a usage error.

    values.py --crm path/to/crm --root path/to/source
"""
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent / "lib"))
from harness import ACME, ZHANG, Harness  # noqa: E402


def run(h, *args, cwd=None, env=None):
    done = subprocess.run([h.crm, *args], capture_output=True, text=True,
                          env=dict(h.env, **(env or {})), cwd=cwd or h.ledger)
    return done.returncode, done.stdout.splitlines(), done.stderr


def values(h, *args, **kw):
    status, out, err = run(h, "completion", "values", *args, **kw)
    if status != 0 or err:
        h.failures.append(f"values {args!r}: exit {status}, stderr {err!r}")
    return out


def main():
    h = Harness(__doc__.split("\n\n")[0])
    h.check("class", values(h, "class"), sorted(["now", "later", "client", "vip"]))
    h.check("product rice", values(h, "product", "rice"), ["rice-10kg", "rice-5kg"])
    h.check("owner", values(h, "owner"), ["amy", "ben"])
    h.check("region Taipei (and its parent)", values(h, "region", "Taipei"),
            ["Taipei", "Taipei/Da'an", "Taipei/Xinyi", "Taipei/Zhongshan"])
    h.check("tag vi", values(h, "tag", "vi"), ["vip"])
    names = values(h, "name")
    h.check("name: ids and names", [n for n in ["zhang-wei", ZHANG, "acme-trading", ACME]
                                    if n not in names], [])
    h.check("name 張", values(h, "name", "張"), [ZHANG])
    h.check("name acme (case counts, as in the shells)", values(h, "name", "acme"),
            ["acme-trading"])
    h.check("outside a folder", values(h, "name", cwd=h.outside), [])
    h.check("outside, CRM_DIR empty", values(h, "name", "張", cwd=h.outside) +
            values(h, "name", "張", cwd=h.outside, env={"CRM_DIR": ""}), [])
    h.check("-C DIR", run(h, "-C", str(h.ledger), "completion", "values", "name", "張",
                          cwd=h.outside)[:3], (0, [ZHANG], ""))
    h.check("CRM_DIR", values(h, "name", "張", cwd=h.outside,
                              env={"CRM_DIR": str(h.ledger)}), [ZHANG])
    h.check("-C a missing folder", run(h, "-C", str(h.tmp / "missing"), "completion", "values",
                                       "name")[:3], (0, [], ""))
    h.check("an unknown kind", values(h, "nonsense"), [])
    h.check("no kind", values(h), [])

    status, out, _ = run(h, "--help")
    h.check("hidden from crm --help", any("completion" in l for l in out), False)
    h.check("a shell it does not know", run(h, "completion", "tcsh")[0], 2)

    start = time.perf_counter()
    for _ in range(10):
        values(h, "name")
    print(f"note: crm completion values name in examples/: "
          f"{(time.perf_counter() - start) * 100:.1f} ms a call")
    return h.finish()


if __name__ == "__main__":
    sys.exit(main())
