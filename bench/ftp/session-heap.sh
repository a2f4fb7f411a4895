#!/usr/bin/env bash
# Heap per idle FTP-style session: start the service with a fixed heap, measure the live heap after a
# full GC, open 10,000 then 100,000 sessions (each logged in with a bcrypt-hashed account and moved into
# a folder), measure again after a full GC, and divide.
#   bench/ftp/session-heap.sh            (builds the jar if missing; port 18180)
set -euo pipefail
cd "$(dirname "$0")/../.."

PORT="${PORT:-18180}"
HEAP="${HEAP:-1g}"
BASE="http://127.0.0.1:$PORT"
JAR=$(ls target/statelab-*.jar 2>/dev/null | grep -v original | head -1 || true)
if [ -z "$JAR" ]; then
  ./mvnw -B -q -DskipTests package
  JAR=$(ls target/statelab-*.jar | grep -v original | head -1)
fi
DATA="$(mktemp -d)"
mkdir -p "$DATA/bench/docs"
LOG="$DATA/server.log"

# bcrypt (cost 10) of "bench-pw": a real deployment's hash; the credential cache keeps repeated logins cheap
java -Xms"$HEAP" -Xmx"$HEAP" -XX:+UseG1GC -jar "$JAR" --server.port="$PORT" \
  --statelab.storage.root="$DATA" \
  '--statelab.users.accounts.bench.password={bcrypt}$2a$10$Mh9AOM2yoQPTs/YWELMLxuj.xPhwCTYP3sJN..KerR5qwPmywuemS' \
  --statelab.ftp.max-sessions-per-user=1000000 --statelab.ftp.idle-timeout=2h \
  --logging.level.root=WARN >"$LOG" 2>&1 &
PID=$!
trap 'kill $PID 2>/dev/null; wait $PID 2>/dev/null || true; rm -rf "$DATA"' EXIT

for _ in $(seq 1 120); do
  curl -sf "$BASE/actuator/health" >/dev/null 2>&1 && break
  sleep 1
done
curl -sf "$BASE/actuator/health" >/dev/null || { echo "server did not start"; cat "$LOG"; exit 1; }

used_kib() {
  jcmd "$PID" GC.run >/dev/null
  sleep 1
  jcmd "$PID" GC.run >/dev/null
  jcmd "$PID" GC.heap_info | sed -n 's/.*garbage-first heap.*used \([0-9]*\)K.*/\1/p'
}

# warm up: one login pays bcrypt once, and the code paths get loaded, before the baseline
java bench/ftp/OpenSessions.java "$BASE" bench bench-pw 200 4 >/dev/null
base=$(used_kib)
echo "baseline used heap: ${base} KiB (200 warm-up sessions, still open)"

total=200
for target in 10000 100000; do
  java bench/ftp/OpenSessions.java "$BASE" bench bench-pw $((target - total)) 8
  total=$target
  used=$(used_kib)
  per=$(( (used - base) * 1024 / (target - 200) ))
  echo "sessions=$target used heap: ${used} KiB -> $(( per )) bytes per idle session"
done
