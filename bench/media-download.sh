#!/usr/bin/env bash
# Media streaming benchmark: starts Parley (`parley serve`, SQLite, generated config, the JVM
# flags of bin/parley, rate limits off), registers a user and logs in, uploads one file, runs
# concurrent authenticated downloads of it, and prints upload speed, download throughput and the
# server's heap/RSS before and during the downloads (see MediaDownloadBench.java).
#
# Usage: bench/media-download.sh [MiB=10] [clients=50] [rounds=20]
# Build target/parley.jar first (./mvnw -B -q -DskipTests package).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
. "$root/bin/jdk.sh"
mib=${1:-10}; clients=${2:-50}; rounds=${3:-20}
port=18448; ops=19448
jar="$root/target/parley.jar"
[ -f "$jar" ] || { echo "build target/parley.jar first: ./mvnw -B -q -DskipTests package" >&2; exit 1; }
dir=$(mktemp -d)
trap 'kill -TERM ${pid:-0} 2>/dev/null || true; wait ${pid:-0} 2>/dev/null || true; rm -rf "$dir"' EXIT
"$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -jar "$jar" generate-config --server-name bench.local \
  --data-dir "$dir" --port $port --ops-port $ops >/dev/null
sed -i -e '/^rate_limits:/,/^[a-z]/ s/^  enabled: true/  enabled: false/' -e 's/^  requests: true/  requests: false/' "$dir/parley.yaml"
"$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -jar "$jar" register-user --config "$dir/parley.yaml" \
  --user bench --password bench-password >/dev/null
"$JAVA_HOME/bin/java" -XX:+ExitOnOutOfMemoryError --enable-native-access=ALL-UNNAMED \
  -XX:+UseSerialGC -Xms16m -Xss512k -XX:ReservedCodeCacheSize=64m -XX:MaxMetaspaceSize=256m \
  ${PARLEY_JAVA_OPTS:-} \
  -jar "$jar" serve --config "$dir/parley.yaml" >"$dir/log" 2>&1 &
pid=$!
until curl -sf "http://127.0.0.1:$port/_matrix/client/versions" >/dev/null; do
  kill -0 $pid 2>/dev/null || { cat "$dir/log"; exit 1; }
  sleep 0.1
done
token=$(curl -sf -X POST "http://127.0.0.1:$port/_matrix/client/v3/login" -H 'Content-Type: application/json' \
  -d '{"type":"m.login.password","identifier":{"type":"m.id.user","user":"bench"},"password":"bench-password"}' \
  | sed -E 's/.*"access_token":"([^"]+)".*/\1/')
"$JAVA_HOME/bin/java" "$root/bench/MediaDownloadBench.java" "http://127.0.0.1:$port" "http://127.0.0.1:$ops" \
  "$token" "$pid" "$mib" "$clients" "$rounds"
echo "server JVM: ${PARLEY_JAVA_OPTS:-bin/parley defaults (SerialGC, -Xms16m, max heap = JVM default)}"
echo "durability: SQLite WAL synchronous=FULL; media file fsynced before its atomic rename, directory fsynced after"
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $("$JAVA_HOME/bin/java" -version 2>&1 | head -n 1)"
