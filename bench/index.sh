#!/usr/bin/env bash
# Times crm with its stat-validated index (.crm/index) against the floor under any such index
# (listing and stat-ing the customer files), against crm without the index, and against
# remind(1) and Taskwarrior on the same customers converted, at several ledger sizes.
#
#   bench/index.sh [N ...]        # default: 10000 100000
#
# Environment:
#   CRM_BENCH_DIR   where the generated ledgers are kept and reused, as bench/run.sh keeps
#                   them (default: ${TMPDIR:-/tmp}/crm-bench); a missing nN is generated; the
#                   conversions for remind and task are kept in convert/ there and reused
#   CRM_BENCH_RUNS  rounds (default: 10 up to N = 10,000, else 5)
#   CRM_BENCH_DATE  the agenda date (default: 2026-11-23, the date the generator writes before)
#   CRM_BENCH_CRM   a crm binary to time as it is (default: build build/release/crm)
#   CRM_BENCH_BUILD where stat_floor is built (default: build/bench)
#   CRM_BENCH_WORK  where the two copies of each ledger go (default: a temporary folder,
#                   removed at the end; about 1.3 GB for N = 100,000)
#   CRM_BENCH_COLD  0: skip the cold-cache rounds (default: run them when
#                   /proc/sys/vm/drop_caches can be written, i.e. as root on a real kernel)
#
# Each ledger is copied twice (cp -a), since the runs write: the index, a "#x" line appended
# to one file per round, and crm log's entries. The ledgers themselves are never written.
# The commands run round by round, interleaved, after one checked run and one warm-up run of
# each, with a warm page cache (see bench/README.md, "The index").
#
# Needs python3, g++, cmake, ninja, the toml++ development package, GNU time, remind and
# taskwarrior (installs GNU time, remind and taskwarrior with apt-get when run as root).
set -euo pipefail
shopt -s inherit_errexit

{ # read to the end before running: editing the script meanwhile cannot change a run

cd "$(dirname "$0")/.."
root=$PWD
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(10000 100000)
data=${CRM_BENCH_DIR:-${TMPDIR:-/tmp}/crm-bench}
date=${CRM_BENCH_DATE:-2026-11-23}
crm=${CRM_BENCH_CRM:-$root/build/release/crm}
build=${CRM_BENCH_BUILD:-$root/build/bench}
floor=$build/stat_floor
threads=2 # stat_floor's threads

say() { printf 'bench: %s\n' "$*" >&2; }

install_pkg() {
    local sudo=
    [ "$(id -u)" = 0 ] ||
        { command -v sudo >/dev/null && sudo -n true 2>/dev/null && sudo=sudo; } || return 0
    command -v apt-get >/dev/null || return 0
    say "installing $1 with apt-get"
    $sudo apt-get install -y -qq "$1" >/dev/null 2>&1 || say "could not install $1"
}

# ------------------------------------------------------------------ tools
[ -x /usr/bin/time ] || install_pkg time
[ -x /usr/bin/time ] || { say "needs GNU time as /usr/bin/time (apt-get install time)"; exit 1; }
command -v remind >/dev/null || install_pkg remind
command -v task >/dev/null || install_pkg taskwarrior
for tool in remind task; do
    command -v $tool >/dev/null ||
        { say "needs $tool (apt-get install remind taskwarrior)"; exit 1; }
done

# ------------------------------------------------------------------ build
mkdir -p "$build"
if [ -n "${CRM_BENCH_CRM:-}" ]; then
    say "timing $crm as it is"
elif say "building crm (Release)" &&
    ! { cmake -S . -B build/release -G Ninja -DCMAKE_BUILD_TYPE=Release -DCRM_BUILD_TESTS=OFF &&
        cmake --build build/release --target crm; } >"$build/build.log" 2>&1; then
    grep -E -m 20 'error|FAILED' "$build/build.log" >&2 || tail -n 20 "$build/build.log" >&2
    say "the build failed; the whole log is in $build/build.log"
    exit 1
fi
if [ ! -x "$floor" ] || [ bench/stat_floor.cpp -nt "$floor" ]; then
    say "building stat_floor"
    g++ -std=c++20 -O2 bench/stat_floor.cpp -o "$floor" -pthread
fi

# ------------------------------------------------------------------ ledgers and copies
out=$(mktemp -d "${TMPDIR:-/tmp}/crm-bench-index.XXXXXX")
trap 'rm -rf "$out"' EXIT
work=${CRM_BENCH_WORK:-$out/work} # kept when given

ledger() { # N -> prints the folder, generating it when it is not there
    local n=$1 dir=$data/n$1
    if [ ! -f "$dir/crm.toml" ]; then
        say "generating $n customers in $dir"
        rm -rf "$dir"
        python3 bench/generate.py "$n" "$dir" 2>/dev/null
        echo "$(sha256sum bench/generate.py | cut -c1-16) $n" >"$dir/.generated"
    fi
    printf '%s\n' "$dir"
}

copy() { # SRC DEST: a fresh copy of a ledger, without its state folder
    rm -rf "$2"
    mkdir -p "$(dirname "$2")"
    cp -a "$1" "$2"
    rm -rf "$2/.crm"
}

convert() { # N DIR: the remind file and the Taskwarrior data of ledger DIR, made or reused
    local n=$1 dir=$2 conv=$data/convert stamp
    stamp="$(cat bench/to_remind.py bench/to_task.py "$dir/crm.toml" | sha256sum | cut -c1-16)"
    stamp+=" $date $(stat -c %Y "$dir/customers")"
    mkdir -p "$conv"
    if [ "$(cat "$conv/n$n.stamp" 2>/dev/null)" != "$stamp" ]; then
        say "converting N=$n for remind and task"
        rm -f "$conv/n$n.stamp"
        python3 bench/to_remind.py "$dir" "$conv/n$n.rem" --date "$date" >"$conv/n$n.rem.log"
        rm -rf "$conv/n$n.task"
        python3 bench/to_task.py "$dir" "$conv/n$n.task" --date "$date" >"$conv/n$n.task.log"
        echo "$stamp" >"$conv/n$n.stamp"
    fi
    say "remind: $(cat "$conv/n$n.rem.log"); task: $(cat "$conv/n$n.task.log")"
}

# ------------------------------------------------------------------ timing
# time_rounds N RUNS NAME PREP CMD [NAME PREP CMD ...]: the wall time of each CMD (PREP runs
# before it, untimed; both see $round, 0 for the warm-up), round by round, into $out/times
# as "N<TAB>NAME<TAB>ROUND<TAB>MICROSECONDS".
time_rounds() {
    local n=$1 runs=$2 i t0 t1
    shift 2
    local names=() preps=() cmds=()
    while [ $# -gt 0 ]; do names+=("$1"); preps+=("$2"); cmds+=("$3"); shift 3; done
    for round in $(seq 0 "$runs"); do # round 0: the warm-up, not recorded
        for i in "${!cmds[@]}"; do
            [ -z "${preps[$i]}" ] || eval "${preps[$i]}"
            t0=${EPOCHREALTIME/./}
            eval "${cmds[$i]}" 2>"$out/stderr" ||
                { say "failed ($?): ${cmds[$i]}"; head -n 5 "$out/stderr" >&2; exit 1; }
            t1=${EPOCHREALTIME/./}
            [ "$round" = 0 ] ||
                printf '%s\t%s\t%s\t%s\n' "$n" "${names[$i]}" "$round" $((t1 - t0)) >>"$out/times"
        done
    done
}

peak() { # N NAME CMD...: the peak resident set of CMD, in KiB, into $out/peaks
    local n=$1 name=$2
    shift 2
    /usr/bin/time -f %M -o "$out/rss" "$@" >/dev/null 2>&1 || true
    printf '%s\t%s\t%s\n' "$n" "$name" "$(tail -n 1 "$out/rss")" >>"$out/peaks"
}

info() { printf '%s\t%s\t%s\n' "$@" >>"$out/info"; }

q() { printf '%q' "$1"; } # a word for eval

cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')
say "machine: $(nproc) cores, $cpu; load $(cut -d' ' -f1-3 /proc/loadavg)"
: >"$out/times"; : >"$out/peaks"; : >"$out/info"
for n in "${sizes[@]}"; do
    src=$(ledger "$n")
    if [ -n "${CRM_BENCH_RUNS:-}" ]; then runs=$CRM_BENCH_RUNS
    elif [ "$n" -le 10000 ]; then runs=10
    else runs=5; fi
    convert "$n" "$src"
    rem=$data/convert/n$n.rem
    taskrc=$data/convert/n$n.task/.taskrc
    dir=$work/n$n     # due, check, the changed file, --no-index, the first run
    logdir=$work/n$n-log # crm log
    say "copying $src twice into $work"
    copy "$src" "$dir"
    copy "$src" "$logdir"
    mapfile -t files < <(find "$dir/customers" -maxdepth 1 -name '*.toml' -printf '%f\n' | sort)

    # Whom crm log writes to: by a unique display name up to N = 10,000, else by id.
    if [ "$n" -le 10000 ]; then
        who=$(find "$logdir/customers" -maxdepth 1 -name '*.toml' \
                  -exec grep -h -m1 '^name = "' {} + |
              sed -n 's/^name = "\([^" \\]*\)".*/\1/p' | sort | uniq -u | sed -n 1p)
        whom="crm log NAME"
    else
        who=${files[0]%.toml}
        whom="crm log ID"
    fi
    [ -n "$who" ] || { say "no customer with a unique name in $logdir"; exit 1; }

    # One checked run of each first: a benchmark of a failing command measures nothing.
    count=$("$floor" "$dir" "$threads") || { say "stat_floor failed on $dir"; exit 1; }
    [ "$count" = "$n" ] || { say "stat_floor stat-ed $count of $n files"; exit 1; }
    "$crm" -C "$dir" due --date "$date" >"$out/agenda" 2>"$out/stderr" ||
        { say "crm due exited $? on $dir:"; head -n 5 "$out/stderr" >&2; exit 1; }
    [ -f "$dir/.crm/index" ] || say "warning: crm due wrote no $dir/.crm/index"
    "$crm" -C "$dir" check >/dev/null 2>"$out/stderr" ||
        { say "crm check exited $? on $dir:"; head -n 5 "$out/stderr" >&2; exit 1; }
    # The morning's agenda writes the log folder's index, as it would on a salesperson's
    # machine: a write only amends an index, it never makes one.
    "$crm" -C "$logdir" due --date "$date" >/dev/null 2>"$out/stderr" ||
        { say "crm due exited $? on $logdir:"; head -n 5 "$out/stderr" >&2; exit 1; }
    "$crm" -C "$logdir" --date "$date" log "$who" "checked in" >"$out/log" 2>"$out/stderr" ||
        { say "crm log '$who' exited $?:"; head -n 5 "$out/stderr" >&2; exit 1; }
    tasks=$(TASKRC=$taskrc task rc.color=off rc.hooks=off count)
    [ "$tasks" = "$n" ] || { say "task count is $tasks, not $n"; exit 1; }
    remind -q "$rem" "$date" >"$out/remind"
    say "crm due: $(head -n 1 "$out/agenda")"
    say "remind: $(grep -c '^[a-z-]*: ' "$out/remind") reminders on $date;" \
        "$(head -n 1 "$out/log")"

    D=$(q "$dir") L=$(q "$logdir") C=$(q "$crm") due="due --date $date"
    cmds=(
        "stat_floor DIR 2" "" "$(q "$floor") $D $threads >/dev/null"
        "crm due" "" "$C -C $D $due >/dev/null"
        "crm due --format json" "" "$C -C $D $due --format json >/dev/null"
        "crm check" "" "$C -C $D check >/dev/null"
        "crm due, 1 file changed" "printf '#x\\n' >>$D/customers/\"\${files[round]}\""
        "$C -C $D $due >/dev/null"
        "crm --no-index due" "" "$C -C $D --no-index $due >/dev/null"
        "crm due, no index yet" "rm -f $D/.crm/index" "$C -C $D $due >/dev/null"
        "$whom" "" "$C -C $L --date $date log $(q "$who") 'checked in' >/dev/null"
        "remind -q" "" "remind -q $(q "$rem") $date >/dev/null"
        "task next" "" "TASKRC=$(q "$taskrc") task rc.color=off rc.hooks=off next >/dev/null"
    )
    say "timing N=$n ($runs rounds, interleaved; load $(cut -d' ' -f1-3 /proc/loadavg))"
    time_rounds "$n" "$runs" "${cmds[@]}"

    "$crm" -C "$dir" due --date "$date" >/dev/null # the index is warm
    peak "$n" "crm due" "$crm" -C "$dir" due --date "$date"
    peak "$n" "crm due --format json" "$crm" -C "$dir" due --date "$date" --format json
    rm -f "$dir/.crm/index"
    peak "$n" "crm due, no index yet" "$crm" -C "$dir" due --date "$date"
    info "$n" runs "$runs"
    info "$n" index_kb "$(du -k --apparent-size "$dir/.crm/index" | cut -f1)"
    info "$n" who "$who"
done

# ------------------------------------------------------------------ cold cache, N = 10,000
cold=skipped
if [ "${CRM_BENCH_COLD:-1}" != 0 ] && [[ " ${sizes[*]} " == *" 10000 "* ]]; then
    cold=no
    if sync && { echo 3 >/proc/sys/vm/drop_caches; } 2>/dev/null; then
        cold=yes
        D=$(q "$work/n10000") drop="sync; echo 3 >/proc/sys/vm/drop_caches"
        "$crm" -C "$work/n10000" due --date "$date" >/dev/null # the index is warm
        say "timing N=10000 with a cold cache (5 rounds)"
        time_rounds cold 5 \
            "stat_floor DIR 2" "$drop" "$(q "$floor") $D $threads >/dev/null" \
            "crm due" "$drop" "$(q "$crm") -C $D due --date $date >/dev/null"
    else
        say "cannot drop the page cache (echo 3 >/proc/sys/vm/drop_caches failed): no cold runs"
    fi
fi

# ------------------------------------------------------------------ report
python3 - "$out" "$(nproc)" "$(cut -d' ' -f1-3 /proc/loadavg)" "$cold" <<'EOF'
import statistics, sys
out, cores, load, cold = sys.argv[1:5]
times, peaks, info = {}, {}, {}
for line in open(f"{out}/times"):
    n, name, rnd, us = line.rstrip("\n").split("\t")
    times.setdefault(n, {}).setdefault(name, {})[int(rnd)] = int(us) / 1000
for line in open(f"{out}/peaks"):
    n, name, kb = line.rstrip("\n").split("\t")
    peaks.setdefault(n, {})[name] = int(kb) / 1024 if kb.isdigit() else None
for line in open(f"{out}/info"):
    n, key, value = line.rstrip("\n").split("\t")
    info.setdefault(n, {})[key] = value

def ms(x):
    return f"{x:,.0f}" if x >= 100 else f"{x:.1f}"

def paired(rows, name, base):
    """The median of the rounds' ratios of NAME to BASE."""
    if base not in rows:
        return ""
    r = [rows[name][k] / rows[base][k] for k in rows[name] if k in rows[base]]
    return f"{statistics.median(r):.2f}" if r else ""

print(f"\ncrm with .crm/index, {cores} cores, warm page cache, commands interleaved round by")
print("round. ms: the median and the best round. x floor, x remind, x task next: the median")
print("of the rounds' ratios to stat_floor, remind -q and task next. peak: the largest")
print("resident set (GNU time %M), MiB, of a run apart.")
for n in (k for k in times if k != "cold"):
    rows, i = times[n], info.get(n, {})
    print(f"\nN = {int(n):,}: {i.get('runs')} rounds; .crm/index "
          f"{int(i.get('index_kb', 0)) / 1024:,.1f} MiB; crm log writes to {i.get('who')}")
    head = ["command", "median ms", "best ms", "x floor", "x remind", "x task next", "peak MB"]
    print("| " + " | ".join(head) + " |")
    print("|---|" + "|".join("---:" for _ in head[1:]) + "|")
    for name, r in rows.items():
        v = list(r.values())
        peak = peaks.get(n, {}).get(name)
        print("| " + " | ".join([name, ms(statistics.median(v)), ms(min(v)),
                                 paired(rows, name, "stat_floor DIR 2"),
                                 paired(rows, name, "remind -q"),
                                 paired(rows, name, "task next"),
                                 f"{peak:,.0f}" if peak else ""]) + " |")
if "cold" in times:
    rows = times["cold"]
    print("\nN = 10,000, cold page cache (dropped before each run), 5 rounds:")
    print("| command | median ms | best ms | x floor |\n|---|---:|---:|---:|")
    for name, r in rows.items():
        v = list(r.values())
        print(f"| {name} | {ms(statistics.median(v))} | {ms(min(v))} | "
              f"{paired(rows, name, 'stat_floor DIR 2')} |")
elif cold == "no":
    print("\nNo cold-cache runs: the page cache cannot be dropped here (not root, or a container).")
print(f"\nload average at the end: {load}")
EOF
exit
}
