#!/usr/bin/env bash
# Times crm report and crm reasons on a generated ledger against crm due on the same customers
# (a full read of the same folder: the baseline peer) and against crm --no-index report (what
# the index saves).
#
#   bench/report.sh CRM DIR       # CRM: a crm binary; DIR: a ledger of bench/generate.py
#
# Environment:
#   CRM_BENCH_RUNS  rounds (default: 10)
#   CRM_BENCH_WORK  where the copy of DIR goes (default: a temporary folder, removed at the end)
#
# DIR is copied (cp -a, without its .crm/), since crm writes its index there; DIR itself is never
# written. Every command is given --date 2026-12-01 (the report's 90 days end on that day). After
# one checked run of each command (it must exit 0) and one warm-up round, the commands run round
# by round, interleaved, with a warm page cache and the index warm (see bench/README.md,
# "Report and reasons").
#
# Needs python3 and GNU time (/usr/bin/time; installed with apt-get when run as root).
set -euo pipefail
shopt -s inherit_errexit

{ # read to the end before running: editing the script meanwhile cannot change a run

[ $# = 2 ] || { echo "usage: bench/report.sh CRM DIR" >&2; exit 2; }
crm=$(realpath "$1")
src=$(realpath "$2")
runs=${CRM_BENCH_RUNS:-10}
date=2026-12-01

say() { printf 'bench: %s\n' "$*" >&2; }

install_pkg() {
    local sudo=
    [ "$(id -u)" = 0 ] ||
        { command -v sudo >/dev/null && sudo -n true 2>/dev/null && sudo=sudo; } || return 0
    command -v apt-get >/dev/null || return 0
    say "installing $1 with apt-get"
    $sudo apt-get install -y -qq "$1" >/dev/null 2>&1 || say "could not install $1"
}

[ -x "$crm" ] || { say "no crm binary at $1"; exit 1; }
[ -f "$src/crm.toml" ] && [ -d "$src/customers" ] ||
    { say "$2 is not a ledger (no crm.toml and customers/; see bench/generate.py)"; exit 1; }
[ -x /usr/bin/time ] || install_pkg time
[ -x /usr/bin/time ] || { say "needs GNU time as /usr/bin/time (apt-get install time)"; exit 1; }

out=$(mktemp -d "${TMPDIR:-/tmp}/crm-bench-report.XXXXXX")
trap 'rm -rf "$out"' EXIT
work=${CRM_BENCH_WORK:-$out/work} # kept when given
dir=$work/ledger
rm -rf "$dir"
mkdir -p "$work"
cp -a "$src" "$dir"
rm -rf "$dir/.crm"
n=$(find "$dir/customers" -maxdepth 1 -name '*.toml' | wc -l)

# ------------------------------------------------------------------ timing
# time_rounds RUNS NAME CMD [NAME CMD ...]: the wall time of each CMD, round by round, into
# $out/times as "NAME<TAB>ROUND<TAB>MICROSECONDS" (round 0: the warm-up, not recorded).
time_rounds() {
    local runs=$1 i t0 t1
    shift
    local names=() cmds=()
    while [ $# -gt 0 ]; do names+=("$1"); cmds+=("$2"); shift 2; done
    for round in $(seq 0 "$runs"); do
        for i in "${!cmds[@]}"; do
            t0=${EPOCHREALTIME/./}
            eval "${cmds[$i]}" 2>"$out/stderr" ||
                { say "failed ($?): ${cmds[$i]}"; head -n 5 "$out/stderr" >&2; exit 1; }
            t1=${EPOCHREALTIME/./}
            [ "$round" = 0 ] ||
                printf '%s\t%s\t%s\n' "${names[$i]}" "$round" $((t1 - t0)) >>"$out/times"
        done
    done
}

peak() { # NAME CMD...: the peak resident set of CMD, in KiB, into $out/peaks
    local name=$1
    shift
    /usr/bin/time -f %M -o "$out/rss" "$@" >/dev/null 2>&1 || true
    printf '%s\t%s\n' "$name" "$(tail -n 1 "$out/rss")" >>"$out/peaks"
}

q() { printf '%q' "$1"; } # a word for eval

cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')
say "machine: $(nproc) cores, $cpu; load $(cut -d' ' -f1-3 /proc/loadavg)"
: >"$out/times"; : >"$out/peaks"

# One checked run of each first (a benchmark of a failing command measures nothing); the
# first writes the index.
check() { # NAME ARGS...: crm -C DIR ARGS must exit 0; prints the first line of its output
    local name=$1
    shift
    "$crm" -C "$dir" "$@" >"$out/output" 2>"$out/stderr" ||
        { say "$name exited $?:"; head -n 5 "$out/stderr" >&2; exit 1; }
    say "$name: $(head -n 1 "$out/output") ($(wc -c <"$out/output") bytes)"
}
check "crm due" due --date "$date"
[ -f "$dir/.crm/index" ] || say "warning: crm due wrote no .crm/index"
check "crm report" report --date "$date"
check "crm report --format json" report --date "$date" --format json
check "crm reasons" reasons --date "$date"
check "crm --no-index report" --no-index report --date "$date"

D=$(q "$dir") C=$(q "$crm") d="--date $date"
cmds=(
    "crm due" "$C -C $D due $d >/dev/null"
    "crm report" "$C -C $D report $d >/dev/null"
    "crm report --format json" "$C -C $D report $d --format json >/dev/null"
    "crm reasons" "$C -C $D reasons $d >/dev/null"
    "crm --no-index report" "$C -C $D --no-index report $d >/dev/null"
)
say "timing N=$n ($runs rounds, interleaved; load $(cut -d' ' -f1-3 /proc/loadavg))"
time_rounds "$runs" "${cmds[@]}"

peak "crm due" "$crm" -C "$dir" due --date "$date"
peak "crm report" "$crm" -C "$dir" report --date "$date"
peak "crm report --format json" "$crm" -C "$dir" report --date "$date" --format json
peak "crm reasons" "$crm" -C "$dir" reasons --date "$date"
peak "crm --no-index report" "$crm" -C "$dir" --no-index report --date "$date"

# ------------------------------------------------------------------ table
python3 - "$out" "$n" "$runs" "$(nproc)" "$(cut -d' ' -f1-3 /proc/loadavg)" \
    "$(du -k --apparent-size "$dir/.crm/index" | cut -f1)" <<'EOF'
import statistics, sys
out, n, runs, cores, load, index_kb = sys.argv[1:7]
times, peaks = {}, {}
for line in open(f"{out}/times"):
    name, rnd, us = line.rstrip("\n").split("\t")
    times.setdefault(name, {})[int(rnd)] = int(us) / 1000
for line in open(f"{out}/peaks"):
    name, kb = line.rstrip("\n").split("\t")
    peaks[name] = int(kb) / 1024 if kb.isdigit() else None

def ms(x):
    return f"{x:,.0f}" if x >= 100 else f"{x:.1f}"

def paired(name, base):
    """The median of the rounds' ratios of NAME to BASE."""
    r = [times[name][k] / times[base][k] for k in times[name] if k in times.get(base, {})]
    return f"{statistics.median(r):.2f}" if r else ""

print(f"\ncrm report and crm reasons, N = {int(n):,}, --date 2026-12-01, {cores} cores, warm page")
print(f"cache, .crm/index warm ({int(index_kb) / 1024:,.1f} MiB), {runs} rounds, commands interleaved")
print("round by round. ms: the median and the best round. x due, x --no-index report: the")
print("median of the rounds' ratios. peak: the largest resident set (GNU time %M), MiB, of a")
print("run apart.")
head = ["command", "median ms", "best ms", "x due", "x --no-index report", "peak MB"]
print("| " + " | ".join(head) + " |")
print("|---|" + "|".join("---:" for _ in head[1:]) + "|")
for name, r in times.items():
    v = list(r.values())
    peak = peaks.get(name)
    print("| " + " | ".join([name, ms(statistics.median(v)), ms(min(v)),
                             paired(name, "crm due"), paired(name, "crm --no-index report"),
                             f"{peak:,.0f}" if peak else ""]) + " |")
print(f"\nload average at the end: {load}")
EOF
exit
}
