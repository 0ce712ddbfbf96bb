#!/usr/bin/env bash
# Times `crm due` against merely reading (cat) and merely parsing (parse_only) the same
# customer files, at several ledger sizes, and reports the ratio and the peak memory.
#
#   bench/run.sh [N ...]          # default: 1000 10000 100000
#
# Environment:
#   CRM_BENCH_DIR   where the generated ledgers are kept and reused
#                   (default: ${TMPDIR:-/tmp}/crm-bench; ~0.5 GB for N = 100,000)
#   CRM_BENCH_RUNS  timed runs per command (default: 10 up to N = 10,000, else 3)
#   CRM_BENCH_DATE  the agenda date (default: 2026-11-23, the date the generator writes before)
#   CRM_BENCH_CRM   a crm binary to time as it is (default: build build/release/crm)
#   CRM_BENCH_TIMER hyperfine or loop (a shell loop, interleaving the commands round by round;
#                   default: hyperfine when installed)
#   CRM_BENCH_SUBCOMMAND  what to time instead of `due`, e.g. check (default: due when crm
#                   has it, else check, which runs the same loader)
#
# Needs python3, g++, cmake, ninja, the toml++ development package and GNU time; uses
# hyperfine when present (installs it, and GNU time, with apt-get when run as root).
set -euo pipefail
shopt -s inherit_errexit

{ # read to the end before running: editing the script meanwhile cannot change a run

cd "$(dirname "$0")/.."
root=$PWD
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(1000 10000 100000)
data=${CRM_BENCH_DIR:-${TMPDIR:-/tmp}/crm-bench}
date=${CRM_BENCH_DATE:-2026-11-23}
threads=2 # parse_only's threads; crm picks its own
crm=${CRM_BENCH_CRM:-$root/build/release/crm}
parse_only=$root/build/bench/parse_only

say() { printf 'bench: %s\n' "$*" >&2; }

install_pkg() {
    local sudo=
    [ "$(id -u)" = 0 ] || { command -v sudo >/dev/null && sudo -n true 2>/dev/null && sudo=sudo; } || return 0
    command -v apt-get >/dev/null || return 0
    say "installing $1 with apt-get"
    $sudo apt-get install -y -qq "$1" >/dev/null 2>&1 || say "could not install $1"
}

# ------------------------------------------------------------------ tools
[ -x /usr/bin/time ] || install_pkg time
[ -x /usr/bin/time ] || { say "needs GNU time as /usr/bin/time (apt-get install time)"; exit 1; }
timer=${CRM_BENCH_TIMER:-}
if [ -z "$timer" ]; then
    command -v hyperfine >/dev/null || install_pkg hyperfine
    if command -v hyperfine >/dev/null; then timer=hyperfine; else timer=loop; fi
fi

# ------------------------------------------------------------------ build
mkdir -p build/bench
if [ -n "${CRM_BENCH_CRM:-}" ]; then
    say "timing $crm as it is"
elif say "building crm (Release)" &&
    ! { cmake -S . -B build/release -G Ninja -DCMAKE_BUILD_TYPE=Release -DCRM_BUILD_TESTS=OFF &&
        cmake --build build/release --target crm; } >build/bench/build.log 2>&1; then
    grep -E -m 20 'error|FAILED' build/bench/build.log >&2 || tail -n 20 build/bench/build.log >&2
    say "the build failed; the whole log is in build/bench/build.log"
    exit 1
fi
if [ ! -x "$parse_only" ] || [ bench/parse_only.cpp -nt "$parse_only" ]; then
    say "building parse_only"
    g++ -std=c++20 -O2 bench/parse_only.cpp -o "$parse_only" \
        -DTOML_HEADER_ONLY=0 -DTOML_SHARED_LIB=1 -ltomlplusplus -pthread
fi

sub=${CRM_BENCH_SUBCOMMAND:-}
if [ -z "$sub" ]; then
    if "$crm" --help | grep -Eq '^[[:space:]]+due([[:space:]]|$)'; then
        sub=due
    else
        sub=check
        say "this crm has no 'due' yet: timing 'crm check' (the same loader) instead"
    fi
fi
crm_args=("$sub" --date "$date")

# ------------------------------------------------------------------ ledgers
gen_stamp=$(sha256sum bench/generate.py | cut -c1-16)
ledger() { # N -> prints the folder, generating it unless an identical one is there
    local n=$1 dir=$data/n$1
    if [ "$(cat "$dir/.generated" 2>/dev/null)" != "$gen_stamp $n" ]; then
        say "generating $n customers in $dir"
        rm -rf "$dir"
        python3 bench/generate.py "$n" "$dir" 2>/dev/null
        echo "$gen_stamp $n" >"$dir/.generated"
    fi
    printf '%s\n' "$dir"
}

# ------------------------------------------------------------------ timing
out=$(mktemp -d "${TMPDIR:-/tmp}/crm-bench-results.XXXXXX")
trap 'rm -rf "$out"' EXIT

# time_all N RUNS NAME CMD [NAME CMD ...]: wall times of each command, warm cache, into
# $out/nN.json in hyperfine's shape ({"results": [{"command", "times": [s, ...], "user": s,
# "system": s}]}, user and system being means).
time_all() {
    local n=$1 runs=$2
    shift 2
    if [ "$timer" = hyperfine ]; then
        local args=()
        while [ $# -gt 0 ]; do args+=(-n "$1" "$2"); shift 2; done
        hyperfine --style basic --warmup 1 --runs "$runs" --export-json "$out/n$n.json" \
            "${args[@]}" >&2
    else
        local names=() cmds=() i t0 t1
        while [ $# -gt 0 ]; do names+=("$1"); cmds+=("$2"); shift 2; done
        : >"$out/n$n.times"
        for i in "${!cmds[@]}"; do bash -c "${cmds[$i]}"; done # warm-up
        for _ in $(seq "$runs"); do                             # interleaved rounds
            for i in "${!cmds[@]}"; do
                t0=$(date +%s%N)
                /usr/bin/time -f '%U %S' -o "$out/cpu" bash -c "${cmds[$i]}"
                t1=$(date +%s%N)
                printf '%s\t%s\t%s\n' "${names[$i]}" $(((t1 - t0) / 1000)) \
                    "$(tail -n 1 "$out/cpu")" >>"$out/n$n.times"
            done
        done
        python3 - "$out/n$n.times" "$out/n$n.json" "${names[@]}" <<'EOF'
import json, statistics, sys
runs = {}
for line in open(sys.argv[1]):
    name, us, cpu = line.rstrip("\n").split("\t")
    user, system = map(float, cpu.split())
    runs.setdefault(name, []).append((int(us) / 1e6, user, system))
json.dump({"interleaved": True,
           "results": [{"command": n, "times": [r[0] for r in runs[n]],
                        "user": statistics.mean(r[1] for r in runs[n]),
                        "system": statistics.mean(r[2] for r in runs[n])}
                       for n in sys.argv[3:]]},
          open(sys.argv[2], "w"))
EOF
    fi
}

peak_kb() { # CMD... -> the peak resident set in KiB
    /usr/bin/time -f %M -o "$out/rss" "$@" >/dev/null 2>&1 || true
    tail -n 1 "$out/rss"
}

cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')
say "machine: $(nproc) cores, $cpu; load $(cut -d' ' -f1-3 /proc/loadavg)"
: >"$out/meta"
for n in "${sizes[@]}"; do
    dir=$(ledger "$n")
    if [ -n "${CRM_BENCH_RUNS:-}" ]; then runs=$CRM_BENCH_RUNS
    elif [ "$n" -le 10000 ]; then runs=10
    else runs=3; fi

    # One checked run of each first: a benchmark of a failing command measures nothing.
    files=$("$parse_only" "$dir" "$threads") || { say "parse_only failed on $dir"; exit 1; }
    [ "$files" = "$n" ] || { say "parse_only parsed $files of $n files"; exit 1; }
    status=0
    "$crm" -C "$dir" "${crm_args[@]}" >/dev/null 2>"$out/stderr" || status=$?
    if [ "$status" -ne 0 ]; then
        say "crm $sub exited $status on $dir:"; head -n 5 "$out/stderr" >&2; exit 1
    fi

    q=\'
    cmds=(cat "find $q$dir/customers$q -name '*.toml' -print0 | xargs -0 cat >/dev/null"
          parse_only "$q$parse_only$q $q$dir$q $threads >/dev/null"
          "crm $sub" "$q$crm$q -C $q$dir$q ${crm_args[*]} >/dev/null")
    if [ "$sub" = due ]; then
        cmds+=("crm due json" "$q$crm$q -C $q$dir$q ${crm_args[*]} --format json >/dev/null")
    fi
    say "timing N=$n ($runs runs each, $timer)"
    time_all "$n" "$runs" "${cmds[@]}"

    echo "$n $(du -sk --apparent-size "$dir/customers" | cut -f1)" \
        "$(peak_kb "$crm" -C "$dir" "${crm_args[@]}")" \
        "$(peak_kb "$parse_only" "$dir" "$threads")" >>"$out/meta"
done

# ------------------------------------------------------------------ report
python3 - "$out" "$sub" "$(nproc)" "$(cut -d' ' -f1-3 /proc/loadavg)" <<'EOF'
import json, os, statistics, sys
out, sub, cores, load = sys.argv[1:5]
crm = f"crm {sub}"
rows = []

for line in open(os.path.join(out, "meta")):
    n, disk_kb, crm_kb, parse_kb = map(int, line.split())
    data = json.load(open(os.path.join(out, f"n{n}.json")))
    res = {r["command"]: r for r in data["results"]}
    paired = None  # the median of the rounds' ratios, when the commands ran round by round
    if data.get("interleaved"):
        paired = statistics.median(a / b for a, b in zip(res[crm]["times"],
                                                         res["parse_only"]["times"]))
    rows.append(dict(paired=paired,
        n=n, mb=disk_kb / 1024, crm_mb=crm_kb / 1024, parse_mb=parse_kb / 1024,
        med={k: statistics.median(r["times"]) * 1000 for k, r in res.items()},
        low={k: min(r["times"]) * 1000 for k, r in res.items()},
        cpu={k: (r["user"] + r["system"]) * 1000 for k, r in res.items()}))
has_json = any("crm due json" in r["med"] for r in rows)

print(f"\ncrm {sub} against cat and parse_only, {cores} cores, warm cache.")
print("Wall time: median of the runs (best run in parentheses). CPU: user + system, mean.")
print("MB = MiB; peak = the largest resident set (GNU time %M).")
if any(r["paired"] for r in rows):
    print(f"The commands ran round by round; the {sub}/parse_only ratio in brackets is the")
    print("median of the rounds' ratios, the least disturbed by a busy machine.")
print()
head = ["N", "files MB", "cat ms", "parse_only ms", f"{crm} ms"]
head += ["--format json ms"] if has_json else []
head += [f"{sub}/parse_only", f"{sub}/parse_only CPU", "peak MB crm", "peak MB parse_only"]
print("| " + " | ".join(head) + " |")
print("|" + "|".join("---:" for _ in head) + "|")
for r in rows:
    med, low, cpu = r["med"], r["low"], r["cpu"]
    cell = lambda k: f"{med[k]:,.0f} ({low[k]:,.0f})"
    line = [f"{r['n']:,}", f"{r['mb']:,.0f}", cell("cat"), cell("parse_only"), cell(crm)]
    line += [cell("crm due json")] if has_json else []
    ratio = f"{med[crm] / med['parse_only']:.2f} ({low[crm] / low['parse_only']:.2f})"
    if r["paired"]:
        ratio += f" [{r['paired']:.2f}]"
    line += [ratio,
             f"{cpu[crm] / cpu['parse_only']:.2f}",
             f"{r['crm_mb']:,.0f}", f"{r['parse_mb']:,.0f}"]
    print("| " + " | ".join(line) + " |")
print(f"\nload average at the end: {load}")

checks = []
for r in rows:
    if r["n"] == 10000:
        ratio = r["med"][crm] / r["med"]["parse_only"]
        checks.append(f"N=10,000: {crm} takes {ratio:.2f}x parse_only (target <= 1.2): "
                      + ("met" if ratio <= 1.2 else "NOT met"))
    if r["n"] == 100000:
        checks.append(f"N=100,000: peak {r['crm_mb']:,.0f} MB (target < 200 MB): "
                      + ("met" if r["crm_mb"] < 200 else "NOT met"))
if checks:
    print("\ntargets:\n  " + "\n  ".join(checks))
EOF
exit
}
