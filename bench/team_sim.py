#!/usr/bin/env python3
"""A bigger simulated team than CI's: 50 clones of one ledger doing 5,000
operations with no time limit, on the Release build. tests/stress/team_sim.py
does the work and prints the counts and the time per sync; any of its options
given here wins over these defaults (e.g. --ops 2000, --jobs 3, --json OUT).

    python3 bench/team_sim.py [--crm build/release/crm] [team_sim options]
"""
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULTS = ["--clones", "50", "--ops", "5000", "--time-limit", "0"]


def main():
    args = sys.argv[1:]
    if "--crm" not in args:
        crm = ROOT / "build" / "release" / "crm"
        if not crm.exists():
            sys.exit("bench/team_sim.py: no build/release/crm; build it with 'cmake -S . -B "
                     "build/release -G Ninja -DCMAKE_BUILD_TYPE=Release -DCRM_BUILD_TESTS=OFF "
                     "&& cmake --build build/release', or pass --crm BINARY")
        args = ["--crm", str(crm), *args]
    # argparse keeps an option's last value: the defaults go first.
    script = ROOT / "tests" / "stress" / "team_sim.py"
    return subprocess.call([sys.executable, str(script), *DEFAULTS, *args])


if __name__ == "__main__":
    sys.exit(main())
