#!/usr/bin/env bash
# Runs one load-generator workload (issue 9) against a fresh Parley and prints its table.
#
#   bench/run.sh --list                                  # workloads and their cases
#   bench/run.sh send-storm                              # its default cases
#   bench/run.sh fanout s1-m2 s100-m50 --max-seconds 120 # chosen cases; --options go to the load generator
#   BENCH_DB=postgres bench/run.sh send-storm seq-500    # PostgreSQL (a throw-away database) instead of SQLite
#   bench/run.sh big-account r100 r1000                  # initial/incremental/sliding sync of an account in N rooms
#   bench/run.sh soak --duration-seconds 300             # mixed load; then stop, dbstat split, timed restart
#
# What it does: builds target/parley.jar and bench/loadgen/target/parley-loadgen.jar when missing
# or older than their sources; generates a configuration in a new temporary directory (rate limits
# off, request logging off, bcrypt cost 4 so registering thousands of users is quick; everything
# else as generated: SQLite WAL synchronous=FULL, loopback only); starts `bin/parley serve` (its
# JVM flags and class-data archive); runs the load generator, which registers its own users with
# the shared secret and measures the server through /proc/<pid>; stops the server with SIGTERM;
# deletes the directory. For soak the server also logs GC (-Xlog:gc:file=...), and after the
# phase it is stopped, its database copied for SoakFinish's dbstat split, restarted (timed to the
# first 200) and stopped again. The table goes to stdout, the JSON to bench/results/<workload>-<time>.json.
#
# On the shared development machine, hold the build lock for the whole run so no build competes:
#   JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 flock /tmp/parley-mvn.lock bench/run.sh send-storm
# (this script does not take the lock itself: flock on the same file would wait for itself).
#
# Environment: BENCH_DB=sqlite|postgres (default sqlite), BENCH_PORT / BENCH_OPS_PORT (18508 /
# 19508), BENCH_TIMEOUT (seconds for the whole load-generator run, default 1200), BENCH_KEEP=1 to
# keep the data directory and server log, PARLEY_JAVA_OPTS for the server JVM (as bin/parley).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
. "$root/bin/jdk.sh"
java="$JAVA_HOME/bin/java"
jar="$root/target/parley.jar"
loadgen="$root/bench/loadgen/target/parley-loadgen.jar"

if [ ! -f "$jar" ] || [ -n "$(find "$root/src/main" "$root/pom.xml" -newer "$jar" -print -quit)" ]; then
  echo "building target/parley.jar..." >&2
  (cd "$root" && ./mvnw -B -q -DskipTests package) >&2
fi
if [ ! -f "$loadgen" ] || [ -n "$(find "$root/bench/loadgen/src" "$root/bench/loadgen/pom.xml" -newer "$loadgen" -print -quit)" ]; then
  echo "building bench/loadgen/target/parley-loadgen.jar..." >&2
  (cd "$root" && ./mvnw -B -q -f bench/loadgen/pom.xml package) >&2
fi
if [ $# -eq 0 ] || [ "$1" = "--list" ] || [ "$1" = "--help" ]; then
  exec "$java" -jar "$loadgen" --list
fi
workload=$1

port=${BENCH_PORT:-18508}
ops=${BENCH_OPS_PORT:-19508}
db=${BENCH_DB:-sqlite}
dir=$(mktemp -d "${TMPDIR:-/tmp}/parley-bench.XXXXXX")
pgdb=""
cleanup() {
  if [ -n "${pid:-}" ] && kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  fi
  if [ -n "$pgdb" ]; then
    psql -h 127.0.0.1 -U postgres -qAtc "DROP DATABASE IF EXISTS $pgdb" >/dev/null 2>&1 || true
  fi
  if [ "${BENCH_KEEP:-0}" = 1 ]; then echo "kept $dir" >&2; else rm -rf "$dir"; fi
}
trap cleanup EXIT

"$java" --enable-native-access=ALL-UNNAMED -jar "$jar" generate-config --server-name bench.local \
  --data-dir "$dir" --port "$port" --ops-port "$ops" >/dev/null
sed -i -e '/^rate_limits:/,/^[a-z]/ s/^  enabled: true/  enabled: false/' \
  -e 's/^  requests: true/  requests: false/' \
  -e 's/^  bcrypt_rounds: 12/  bcrypt_rounds: 4/' "$dir/parley.yaml"
grep -q '^  bcrypt_rounds: 4' "$dir/parley.yaml" \
  && sed -n '/^rate_limits:/,/^[a-z]/p' "$dir/parley.yaml" | grep -q '^  enabled: false' \
  || { echo "could not adjust the generated configuration" >&2; exit 1; }
secret=$(sed -n 's/^  shared_secret: *"\{0,1\}\([^"]*\)"\{0,1\} *$/\1/p' "$dir/parley.yaml")
[ -n "$secret" ] || { echo "no registration.shared_secret in the generated configuration" >&2; exit 1; }

case "$db" in
  sqlite)
    durability="SQLite WAL, synchronous=FULL (a 200 means the write is on disk); group commit"
    ;;
  postgres)
    pgdb="parley_bench_$$"
    psql -h 127.0.0.1 -U postgres -qAtc "CREATE DATABASE $pgdb" >/dev/null
    export PARLEY_DATABASE_URL="postgres://postgres@127.0.0.1:5432/$pgdb"
    pg() { psql -h 127.0.0.1 -U postgres -qAtc "$1"; }
    durability="PostgreSQL $(pg 'SHOW server_version') on 127.0.0.1, fsync=$(pg 'SHOW fsync'), synchronous_commit=$(pg 'SHOW synchronous_commit'), wal_sync_method=$(pg 'SHOW wal_sync_method') (disk bytes are the Parley process's only, not PostgreSQL's; database growth is pg_database_size)"
    ;;
  *) echo "BENCH_DB must be sqlite or postgres" >&2; exit 64 ;;
esac

extra=()
if [ "$workload" = soak ]; then
  # The soak reads the server's GC pauses from its log.
  export PARLEY_JAVA_OPTS="${PARLEY_JAVA_OPTS:+$PARLEY_JAVA_OPTS }-Xlog:gc:file=$dir/gc.log"
  extra=(--gc-log "$dir/gc.log")
fi

# Starts the server and waits for its first 200 (at most 60 s); sets pid.
start_server() {
  "$root/bin/parley" serve --config "$dir/parley.yaml" >>"$dir/server.log" 2>&1 &
  pid=$!
  for _ in $(seq 1200); do
    curl -sf "http://127.0.0.1:$port/_matrix/client/versions" >/dev/null && return 0
    kill -0 "$pid" 2>/dev/null || { cat "$dir/server.log" >&2; exit 1; }
    sleep 0.05
  done
  echo "server did not start in 60 s" >&2
  exit 1
}
stop_server() {
  kill -TERM "$pid"
  wait "$pid" 2>/dev/null || true
}
now() { date +%s.%N; }
seconds_since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.2f", b - a }'; }

start_server

version=$(cd "$root" && git describe --always --dirty 2>/dev/null || echo unknown)
server="parley.jar ($version) via bin/parley serve: SerialGC -Xms16m${PARLEY_JAVA_OPTS:+ $PARLEY_JAVA_OPTS}, $("$java" -version 2>&1 | head -n 1)"
mkdir -p "$root/bench/results"
out="$root/bench/results/$workload-$(date -u +%Y%m%dT%H%M%SZ).json"
status=0
timeout "${BENCH_TIMEOUT:-1200}" "$java" -XX:+UseSerialGC -jar "$loadgen" \
  --base "http://127.0.0.1:$port" --secret "$secret" --server-pid "$pid" --clk-tck "$(getconf CLK_TCK)" \
  --data-dir "$dir" ${pgdb:+--pg-database "$pgdb"} --durability "$durability" --server "$server" --out "$out" "${extra[@]}" "$@" || status=$?
if [ "$status" -ne 0 ] && [ "$status" -ne 2 ]; then   # 2: a workload that is not implemented yet
  echo "load generator exited with $status; last server log lines:" >&2
  tail -n 20 "$dir/server.log" >&2
fi
if [ "$workload" = soak ] && [ "$status" -eq 0 ]; then
  # After the phase: graceful stop, the database copied aside for dbstat, restart with the grown
  # database timed to its first 200, stop again.
  t=$(now); stop_server; stopped=$(seconds_since "$t")
  copy=()
  if [ "$db" = sqlite ]; then
    mkdir -p "$dir/copy" && cp "$dir"/parley.db* "$dir/copy/" && copy=("$dir/copy/parley.db")
  fi
  t=$(now); start_server; restarted=$(seconds_since "$t")
  stop_server
  "$java" -cp "$loadgen" dev.parley.bench.SoakFinish "$out" "$stopped" "$restarted" "${copy[@]}" || status=$?
fi
exit "$status"
