#!/usr/bin/env bash
# Engine throughput (issue 4): the reference rule T1071.003 against a bare
# simdjson scan of the same events, on 1 and 2 threads, over two input sizes,
# printed as a Markdown table. A benchmark, not a test: ctest never runs it.
#
#   bench/run_engine_bench.sh
#   YARAL_BENCH_DIR=/data/bench SIZES_MIB="256 1024 4096" RUNS=5 bench/run_engine_bench.sh
#
# Inputs are generated once by yaral_udm_generator (seed 1) and cached in
# $YARAL_BENCH_DIR (default /tmp/yaral-bench), never in the repository; the
# same seed and size always give the same file. Each configuration runs RUNS
# times (default 5), scan and rule alternating, and the fastest run of each
# is reported: on a shared machine other work only ever adds time.
#
# Builds the two programs in build-bench/ (Release) first. Needs cmake and
# ninja (scripts/setup.sh).
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
dir=${YARAL_BENCH_DIR:-/tmp/yaral-bench}
sizes=${SIZES_MIB:-256 1024}
thread_counts=${THREADS:-1 2}
runs=${RUNS:-5}
jobs=${JOBS:-2}
seed=${SEED:-1}
build=build-bench
generator=$build/bench/yaral_udm_generator
bench=$build/bench/yaral_engine_benchmark

case "$dir" in
  "$root"|"$root"/*) echo "run_engine_bench: keep YARAL_BENCH_DIR outside the repository" >&2; exit 2 ;;
esac

cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DYARAL_BUILD_BENCH=ON \
  -DYARAL_BUILD_TESTS=OFF >/dev/null
cmake --build "$build" -j"$jobs" --target yaral_udm_generator yaral_engine_benchmark >&2

mkdir -p "$dir"
input() { echo "$dir/udm-${1}mib-seed$seed.ndjson"; }
for mib in $sizes; do
  file=$(input "$mib")
  if [[ ! -s "$file" ]]; then
    # Written aside and renamed, so an interrupted run never leaves a short
    # file that looks complete.
    echo "generating $file" >&2
    "$generator" --bytes $((mib * 1024 * 1024)) --seed "$seed" --out "$file.part" >&2
    mv "$file.part" "$file"
  fi
done

# One run's RESULT line, or nothing when the run failed (the row says so).
run() {
  { "$bench" --events "$1" --mode "$2" --threads "$3" || true; } | grep '^RESULT ' || true
}

# The fastest of a set of RESULT lines (on stdin) by wall time. Other work on
# the machine only ever adds time, so the minimum is the least disturbed run.
fastest() {
  awk '{ for (i = 2; i <= NF; i++) { split($i, kv, "="); if (kv[1] == "seconds") print kv[2], $0 } }' |
    sort -n | head -n 1 | cut -d' ' -f2-
}

# field NAME LINE: the value of NAME=... in a RESULT line.
field() { tr ' ' '\n' <<<"$2" | sed -n "s/^$1=//p"; }

# ratio NAME: the rule's throughput over the scan's, from the time field NAME
# of the current $scan and $rule lines (same bytes, so scan time / rule time).
ratio() {
  awk -v s="$(field "$1" "$scan")" -v r="$(field "$1" "$rule")" 'BEGIN { printf "%.2f", s / r }'
}

model=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')
commit=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
if [[ -n "$(git status --porcelain -- lib include 2>/dev/null)" ]]; then
  commit="$commit (with uncommitted changes under lib/ or include/)"
fi
# Other work on the machine slows wall time, not CPU time: print the load.
echo "machine: $(nproc) cores, $model, commit $commit, load average at start $(cut -d' ' -f1-3 /proc/loadavg)"
echo "runs per row: best of $runs by wall time; MB = 10^6 bytes; rule: examples/rules/t1071_003_non_mail_process_mail_protocol.yaral"
echo
echo "| input | mode | threads | events | wall s | CPU s | events/s | MB/s | peak RSS MB | detections | rule/scan (wall) | rule/scan (CPU) |"
echo "|---|---|---|---|---|---|---|---|---|---|---|---|"
for mib in $sizes; do
  file=$(input "$mib")
  cat "$file" >/dev/null  # into the page cache: measure parsing, not the disk
  for threads in $thread_counts; do
    # Scan and rule runs alternate, so a burst of load hits both alike.
    scans="" rules=""
    for ((i = 0; i < runs; i++)); do
      scans+="$(run "$file" scan "$threads")"$'\n'
      rules+="$(run "$file" rule "$threads")"$'\n'
    done
    scan=$(grep . <<<"$scans" | fastest || true)
    rule=$(grep . <<<"$rules" | fastest || true)
    for mode in scan rule; do
      if [[ "$mode" == scan ]]; then line=$scan; else line=$rule; fi
      [[ -n "$line" ]] || { echo "| $mib MiB | $mode (failed) | $threads | | | | | | | | | |"; continue; }
      ratio_wall="" ratio_cpu="" detections=""
      if [[ "$mode" == rule ]]; then
        detections=$(field detections "$line")
        [[ "$threads" -gt 1 ]] && detections="$detections (sharded)"
        if [[ -n "$scan" ]]; then
          ratio_wall=$(ratio seconds)
          ratio_cpu=$(ratio cpu_seconds)
        fi
      fi
      awk -v mib="$mib" -v mode="$mode" -v threads="$threads" -v events="$(field events "$line")" \
        -v wall="$(field seconds "$line")" -v cpu="$(field cpu_seconds "$line")" \
        -v eps="$(field events_per_s "$line")" -v mbps="$(field mb_per_s "$line")" \
        -v rss="$(field peak_rss_kb "$line")" -v det="$detections" -v rw="$ratio_wall" -v rc="$ratio_cpu" \
        'BEGIN { printf "| %d MiB | %s | %d | %d | %.2f | %.2f | %d | %.0f | %.1f | %s | %s | %s |\n",
                 mib, mode, threads, events, wall, cpu, eps, mbps, rss / 1024, det, rw, rc }'
    done
  done
done
echo
echo "rule/scan: the rule's throughput as a share of the bare scan's on the same input and"
echo "threads (1.00: the engine costs nothing beyond reading the rule's fields)."
echo "Detections with 2 threads come from two independent shards of the file: groups whose"
echo "events fall on both sides of the border are missed, so they differ from 1 thread."
