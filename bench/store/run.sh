#!/usr/bin/env bash
# What sharing FTP-style sessions through Redis costs, in one run: commands/s with sessions in memory and
# in Redis, Redis round trips per command, bytes Redis holds per session, and the stateless API's req/s
# with Redis up and down. Ports 18782 (memory), 18783 (redis), Redis on 18791; needs wrk, redis-server,
# redis-cli and the jar (./mvnw package -DskipTests). JAVA=... picks the JVM, JAR=... another build,
# REDIS_ARGS=... more arguments for the Redis instance; WARMUP, DUR and ROUNDS set the durations.
set -euo pipefail
cd "$(dirname "$0")/../.."
JAVA="${JAVA:-java}"
JAR="${JAR:-$(ls target/statelab-*.jar | grep -v original | head -1)}"
DUR="${DUR:-8s}"
WARMUP="${WARMUP:-150s}"
ROUNDS="${ROUNDS:-3}"
SESSIONS="${SESSIONS:-256}"
WORK=$(mktemp -d)
pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$WORK"; }
trap cleanup EXIT

redis-server --port 18791 --bind 127.0.0.1 --save "" --appendonly no >"$WORK/redis.log" 2>&1 &
pids+=($!)
mkdir -p "$WORK/data/bench"; head -c 4096 /dev/urandom >"$WORK/data/bench/small.bin"
start() { # port, extra args
  local port=$1; shift
  "$JAVA" -jar "$JAR" --server.port="$port" --statelab.storage.root="$WORK/data" \
    "--statelab.users.accounts.bench.password={noop}bench-pw" --statelab.users.accounts.bench.role=ADMIN \
    --statelab.ftp.max-sessions-per-user=100000 --statelab.ftp.port=-1 --statelab.sockets.tcp-port=-1 \
    --statelab.sockets.udp-port=-1 --spring.main.banner-mode=off "$@" >"$WORK/$port.log" 2>&1 &
  pids+=($!)
}
start 18782
start 18783 --statelab.store=redis --spring.data.redis.port=18791 ${REDIS_ARGS:-}
for port in 18782 18783; do
  for _ in $(seq 1 240); do curl -sf "http://127.0.0.1:$port/actuator/health" >/dev/null && break; sleep 0.5; done
done

tokens() { # port -> file of SESSIONS tokens
  for _ in $(seq 1 "$SESSIONS"); do
    curl -s -D - -o /dev/null -H 'Content-Type: application/json' -d '{"user":"bench","pass":"bench-pw"}' \
      "http://127.0.0.1:$1/api/ftp/session" | tr -d '\r' | awk -F': ' 'tolower($1)=="x-auth-token"{print $2}'
  done >"$WORK/tokens-$1"
}
roundtrips() { curl -s -u bench:bench-pw "http://127.0.0.1:18783/actuator/metrics/statelab.store.roundtrips?tag=api:ftp" \
  | python3 -c 'import json,sys; print(int(json.load(sys.stdin)["measurements"][0]["value"]))'; }

for port in 18782 18783; do tokens "$port"; done
# warm-up: Redis mode runs more code per command, and on two cores its JIT takes minutes under load to
# reach the steady state (measured: 2,400 cmd/s after 20 s, 6,000-7,000 after 120 s; memory mode
# levels off after about 50 s), so both are warmed for WARMUP before any figure is taken
for port in 18782 18783; do
  TOKENS="$WORK/tokens-$port" wrk -t2 -c8 -d"$WARMUP" -s bench/store/commands.lua "http://127.0.0.1:$port" >/dev/null
done
echo "== FTP-style PWD, $SESSIONS sessions, wrk -t2 -c8 -d$DUR, memory and redis back to back $ROUNDS times"
rate() { TOKENS="$WORK/tokens-$1" wrk -t2 -c8 -d"$DUR" --latency -s bench/store/commands.lua "http://127.0.0.1:$1" >"$WORK/wrk.out"
  grep -q "Non-2xx" "$WORK/wrk.out" && { echo "wrk saw errors:" >&2; cat "$WORK/wrk.out" >&2; exit 1; }
  echo "$(awk '/Requests\/sec/ {print $2}' "$WORK/wrk.out") $(awk '$1 == "99%" {print $2}' "$WORK/wrk.out")"; }
for round in $(seq 1 "$ROUNDS"); do
  # through a file, not "$(...)": an error in rate then stops the script under set -e
  rate 18782 >"$WORK/rate"; read -r MEM MEM99 <"$WORK/rate"
  rate 18783 >"$WORK/rate"; read -r RED RED99 <"$WORK/rate"
  echo "round $round: memory $MEM cmd/s (p99 $MEM99), redis $RED cmd/s (p99 $RED99), redis/memory" \
    "$(awk -v a="$RED" -v b="$MEM" 'BEGIN {printf "%.2f", a / b}') load $(cut -d' ' -f1 /proc/loadavg)"
done

echo "== Redis round trips per command (100 sequential PWD on one session)"
T=$(head -1 "$WORK/tokens-18783")
before=$(roundtrips)
for _ in $(seq 1 100); do curl -s -o /dev/null -H "X-Auth-Token: $T" -H 'Content-Type: text/plain' -d PWD http://127.0.0.1:18783/api/ftp/command; done
after=$(roundtrips)
echo "round trips: $((after - before)) for 100 commands"

echo "== bytes Redis holds per session"
echo "MEMORY USAGE of one session key: $(redis-cli -p 18791 MEMORY USAGE "statelab:ftp:session:$T") bytes"
echo "document length: $(redis-cli -p 18791 STRLEN "statelab:ftp:session:$T") bytes"
echo "used_memory with $SESSIONS sessions: $(redis-cli -p 18791 INFO memory | tr -d '\r' | awk -F: '$1=="used_memory"{print $2}') bytes"

echo "== stateless 4 KiB GET on the redis instance, wrk -t2 -c16 -d$DUR"
AUTH="Authorization: Basic $(printf bench:bench-pw | base64)"
wrk -t2 -c16 -d8s -H "$AUTH" http://127.0.0.1:18783/api/http/files/small.bin >/dev/null
echo "-- Redis up";   wrk -t2 -c16 -d"$DUR" -H "$AUTH" http://127.0.0.1:18783/api/http/files/small.bin | grep -E "Requests/sec|Non-2xx"
redis-cli -p 18791 shutdown nosave >/dev/null 2>&1 || true
sleep 1
echo "-- Redis down"; wrk -t2 -c16 -d"$DUR" -H "$AUTH" http://127.0.0.1:18783/api/http/files/small.bin | grep -E "Requests/sec|Non-2xx"
echo "-- FTP-style PWD with Redis down:"
curl -s -o /dev/null -w '%{http_code} in %{time_total}s\n' -H "X-Auth-Token: $T" -H 'Content-Type: text/plain' -d PWD http://127.0.0.1:18783/api/ftp/command
redis-server --port 18791 --bind 127.0.0.1 --save "" --appendonly no >>"$WORK/redis.log" 2>&1 &
pids+=($!)
sleep 2
echo "-- Redis up again"; wrk -t2 -c16 -d"$DUR" -H "$AUTH" http://127.0.0.1:18783/api/http/files/small.bin | grep -E "Requests/sec|Non-2xx"
