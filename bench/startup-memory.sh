#!/usr/bin/env bash
# Start-up time and idle memory of a fresh Parley (SQLite, generated config, empty database).
# Each run: a new data directory, launch via bin/parley, poll GET /_matrix/client/versions until
# it answers 200 (start-up time = launch to first 200), wait idle, read the process's RSS,
# then SIGTERM and time the graceful stop. Prints one line per run and the medians.
#
# Usage: bench/startup-memory.sh [runs=5] [idle-seconds=10]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
. "$root/bin/jdk.sh"
runs=${1:-5}
idle=${2:-10}
port=18008
ops=19008
"$root/bin/parley" --version >/dev/null   # builds the jar if needed, outside the timing

starts=(); rsss=(); stops=()
# Run 0 is a warm-up, not reported: after a new build it writes the class-data archive that
# bin/parley serve uses from then on, as any first start of a new version does.
for i in $(seq 0 "$runs"); do
  dir=$(mktemp -d)
  "$root/bin/parley" generate-config --server-name bench.local --data-dir "$dir" --port $port --ops-port $ops >/dev/null
  t0=$(date +%s%N)
  "$root/bin/parley" serve --config "$dir/parley.yaml" >"$dir/log" 2>&1 &
  pid=$!
  until curl -sf "http://127.0.0.1:$port/_matrix/client/versions" >/dev/null; do
    kill -0 $pid 2>/dev/null || { cat "$dir/log"; exit 1; }
    sleep 0.02
  done
  t1=$(date +%s%N)
  sleep "$idle"
  jpid=$(pgrep -f "parley.jar serve --config $dir/parley.yaml" | head -n 1)
  rss=$(awk '/VmRSS/ {print $2}' /proc/$jpid/status)
  t2=$(date +%s%N)
  kill -TERM "$jpid"; wait $pid 2>/dev/null || true
  t3=$(date +%s%N)
  start_ms=$(( (t1 - t0) / 1000000 )); stop_ms=$(( (t3 - t2) / 1000000 )); rss_mb=$(( rss / 1024 ))
  if [ "$i" -eq 0 ]; then
    echo "warm-up: start-up ${start_ms} ms (first start of this build), idle RSS ${rss_mb} MiB"
  else
    echo "run $i: start-up ${start_ms} ms, idle RSS ${rss_mb} MiB, graceful stop ${stop_ms} ms"
    starts+=("$start_ms"); rsss+=("$rss_mb"); stops+=("$stop_ms")
  fi
  rm -rf "$dir"
done
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
echo "median over $runs runs: start-up $(median "${starts[@]}") ms, idle RSS $(median "${rsss[@]}") MiB, stop $(median "${stops[@]}") ms"
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $("$JAVA_HOME/bin/java" -version 2>&1 | head -n 1 2>/dev/null || true)"
