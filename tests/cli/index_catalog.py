#!/usr/bin/env python3
"""The index keeps each file's diagnostics in the language they were made
in. A new catalog of the same language (a translation fixed, crm's version
unchanged) must not leave the old words in `crm check`: the index is remade.
Runs a copy of crm beside a copy of its catalogs, changes one translation
between two runs, and compares with --no-index."""
import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

MESSAGE = "a key is written once in a table: keep one of the two lines"
CHANGED = "CHANGED 同一個鍵寫了兩次"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--crm", required=True)
    parser.add_argument("--root", required=True, help="the source tree")
    args = parser.parse_args()
    built = Path(args.crm).resolve()
    catalogs = built.parent / "locale"
    with tempfile.TemporaryDirectory(prefix="crm-index-catalog-") as tmp:
        tmp = Path(tmp)
        shutil.copy2(built, tmp / "crm")
        shutil.copytree(catalogs, tmp / "locale")
        ledger = tmp / "ledger"
        (ledger / "customers").mkdir(parents=True)
        (ledger / "crm.toml").write_text('[me]\nname = "amy"\n', encoding="utf-8")
        (ledger / "customers" / "x.toml").write_text('name = "x"\nphone = "1"\nphone = "2"\n',
                                                     encoding="utf-8")
        env = {k: v for k, v in os.environ.items()
               if not k.startswith("CRM_") and k not in ("LANGUAGE", "COLUMNS")}
        env.update({"HOME": str(tmp), "LC_ALL": "zh_TW.UTF-8", "TZ": "UTC", "NO_COLOR": "1"})

        def check(*extra):
            r = subprocess.run([str(tmp / "crm"), "check", *extra], cwd=ledger,
                               capture_output=True, text=True, env=env)
            return r.returncode, r.stderr

        first = check()
        if not (ledger / ".crm" / "index").exists():
            print("FAIL: the first check wrote no index")
            return 1
        # The same catalog with one translation changed, and nothing else:
        # not even its header's revision date.
        mo = tmp / "locale" / "zh_TW" / "LC_MESSAGES" / "crm.mo"
        po = subprocess.run(["msgunfmt", str(mo)], capture_output=True, text=True,
                            check=True).stdout
        start = po.index(f'msgid "{MESSAGE}"')
        end = po.index("\n\n", start)
        po = po[:start] + f'msgid "{MESSAGE}"\nmsgstr "{CHANGED}"' + po[end:]
        subprocess.run(["msgfmt", "-o", str(mo), "-"], input=po, text=True, check=True)
        second = check()
        fresh = check("--no-index")
        failures = []
        if CHANGED in first[1]:
            failures.append(f"the first check already had the new words: {first[1]!r}")
        if second != fresh:
            failures.append(f"with the index {second!r}, without it {fresh!r}")
        if CHANGED not in fresh[1]:
            failures.append(f"the changed catalog was not used: {fresh[1]!r}")
    if failures:
        print("FAIL: " + "; ".join(failures))
        return 1
    print("ok: a changed catalog remakes the index; check reads as with --no-index")
    return 0


if __name__ == "__main__":
    sys.exit(main())
