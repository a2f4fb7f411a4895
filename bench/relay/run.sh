#!/usr/bin/env bash
# Benchmarks the WebSocket relay on 127.0.0.1:18280 with the load client RelayBench.java:
# fan-out latency to 1,000 members, messages per second through one room, heap per idle connection.
# Usage: [PORT=18280] [SERVER_JVM="-D…"] [SERVER_ARGS="--statelab.relay.…=…"] [PARTS="fanout throughput idle"] [JAVA=/path/to/java] bench/relay/run.sh [fanout-clients] [idle-connections]
set -euo pipefail
cd "$(dirname "$0")/../.."

FANOUT=${1:-1000}
IDLE=${2:-10000}
PORT=${PORT:-18280}
URI="ws://127.0.0.1:$PORT/ws/chat"
JAVA=${JAVA:-java}
OUT=target/bench-relay
mkdir -p "$OUT"
ulimit -n "$(ulimit -Hn)"

jar=$(ls target/statelab-*.jar 2>/dev/null | grep -v original | head -1 || true)
if [ -z "$jar" ]; then
  ./mvnw -B -q -DskipTests package
  jar=$(ls target/statelab-*.jar | grep -v original | head -1)
fi

# limits raised so that the load client, not the per-connection rate limit, is what is measured
"$JAVA" -Xms512m -Xmx1g -XX:+UseG1GC ${SERVER_JVM:-} -jar "$jar" --server.port=$PORT \
  --statelab.storage.root="$OUT/data" \
  --statelab.relay.messages-per-second=1000000 --statelab.relay.burst=1000000 \
  --statelab.relay.max-connections=15000 --server.tomcat.max-connections=16000 \
  --statelab.relay.new-rooms-per-address=1000000 \
  ${SERVER_ARGS:-} --logging.level.root=WARN >"$OUT/server.log" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do
  curl -sf "http://127.0.0.1:$PORT/actuator/health" >/dev/null && break
  sleep 0.5
done

client() { "$JAVA" -Xmx2g bench/relay/RelayBench.java "$@"; }
heap_used() {
  jcmd "$SERVER" GC.run >/dev/null
  sleep 1
  jcmd "$SERVER" GC.run >/dev/null
  jcmd "$SERVER" GC.heap_info | awk '/garbage-first heap/ { for (i = 1; i <= NF; i++) if ($i == "used") { v = $(i + 1); sub(/K,?/, "", v); print v } }'
}

PARTS=${PARTS:-fanout throughput idle}
if [[ $PARTS == *fanout* ]]; then
  echo "== warm-up"
  client fanout "$URI" 200 100 >/dev/null
  echo "== fan-out: one message to $FANOUT members"
  client fanout "$URI" "$FANOUT" 200
fi
if [[ $PARTS == *throughput* ]]; then
  echo "== throughput: 20 senders in one room, 10 s"
  client throughput "$URI" 20 10
fi
[[ $PARTS == *idle* ]] || exit 0

echo "== heap per idle connection: $IDLE connections"
sleep 2
before=$(heap_used)
rss_before=$(awk '/VmRSS/ { print $2 }' /proc/$SERVER/status)
jcmd "$SERVER" GC.class_histogram > "$OUT/histogram-before.txt"
client idle "$URI" "$IDLE" 40 > "$OUT/idle.txt" 2>&1 &
CLIENT=$!
until grep -q READY "$OUT/idle.txt" 2>/dev/null; do
  sleep 1
  kill -0 $CLIENT 2>/dev/null || { cat "$OUT/idle.txt"; exit 1; }
done
sleep 3
after=$(heap_used)
rss_after=$(awk '/VmRSS/ { print $2 }' /proc/$SERVER/status)
jcmd "$SERVER" GC.class_histogram > "$OUT/histogram.txt"
head -3 "$OUT/idle.txt"
awk -v b="$before" -v a="$after" -v n="$IDLE" 'BEGIN { printf "heap used after GC: %d KiB before, %d KiB with %d idle connections -> %.1f KiB per connection\n", b, a, n, (a - b) / n }'
# the whole process, heap and the direct socket buffers alike (RSS also holds heap the GC kept)
awk -v b="$rss_before" -v a="$rss_after" -v n="$IDLE" 'BEGIN { printf "process RSS: %d KiB before, %d KiB with %d idle connections -> %.1f KiB per connection\n", b, a, n, (a - b) / n }'
# per class: bytes added per connection, largest first
awk -v n="$IDLE" 'FNR == NR { if ($1 ~ /^[0-9]+:$/) before[$4] = $3; next }
  $1 ~ /^[0-9]+:$/ { d = $3 - before[$4]; if (d > 0) printf "%9.0f B  %7.2f  %s\n", d / n, ($2 - 0) / n, $4 }' \
  "$OUT/histogram-before.txt" "$OUT/histogram.txt" | sort -rn | head -25 | tee "$OUT/histogram-diff.txt"
wait $CLIENT || true
