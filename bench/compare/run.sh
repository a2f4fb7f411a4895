#!/usr/bin/env bash
# The comparison benchmark: the first scenario N times through each file API, the same downloads-and-rename
# workload inside one session, and the per-request cost of each way to authenticate, on a statelab with a
# bcrypt-hashed account (the generated 'demo' user, bcrypt cost 10) on 127.0.0.1:18380.
#
#   bench/compare/run.sh                 # defaults: 1 client, 200 scenarios, 2000 operations, wrk 5 s per run
#   WORKERS=8 SCENARIOS=800 OPERATIONS=8000 SECONDS_PER_RUN=10 bench/compare/run.sh
set -euo pipefail
cd "$(dirname "$0")/../.."

PORT=18380
BASE="http://127.0.0.1:$PORT"
WORKERS="${WORKERS:-1}"
SCENARIOS="${SCENARIOS:-200}"
OPERATIONS="${OPERATIONS:-2000}"
SECONDS_PER_RUN="${SECONDS_PER_RUN:-5}"
JAR=$(ls target/statelab-*.jar 2>/dev/null | grep -v original | head -1 || true)
[ -n "$JAR" ] || { ./mvnw -B -q -DskipTests package; JAR=$(ls target/statelab-*.jar | grep -v original | head -1); }
DATA="$(mktemp -d)"
LOG="$DATA/statelab.log"
PID=""
cleanup() { [ -n "$PID" ] && kill "$PID" 2>/dev/null; wait 2>/dev/null || true; rm -rf "$DATA"; }
trap cleanup EXIT

start() {   # start [extra args...]: starts statelab, waits until ready, sets PASS
  : >"$LOG"
  java -Xmx512m -jar "$JAR" --server.port=$PORT --statelab.storage.root="$DATA/files" \
    --logging.level.root=WARN --logging.level.dev.statelab=INFO "$@" >"$LOG" 2>&1 &
  PID=$!
  for _ in $(seq 1 120); do
    curl -sf "$BASE/actuator/health" >/dev/null 2>&1 && break
    sleep 0.5
  done
  PASS=$(sed -n "s/.*Generated password for user 'demo': \([^ ]*\).*/\1/p" "$LOG" | head -1)
  [ -n "$PASS" ] || { echo "statelab did not start:"; cat "$LOG"; exit 1; }
}
stop() { kill "$PID"; wait "$PID" 2>/dev/null || true; PID=""; }

put() { curl -sf -o /dev/null -u "demo:$PASS" -X PUT -H 'Content-Type: application/octet-stream' --data-binary @- "$BASE/api/http/files/$1"; }
mkd() { curl -sf -o /dev/null -u "demo:$PASS" -X POST "$BASE/api/http/files/$1?action=mkdir"; }
files() {
  mkd bench
  for w in $(seq 0 $((WORKERS - 1))); do
    for side in w f; do
      mkd "bench/$side$w"; mkd "bench/$side$w/docs"
      for f in a b c; do for _ in $(seq 40); do printf 'This is %s.txt.\n' $f; done | put "bench/$side$w/docs/$f.txt"; done
    done
  done
}

# auth_timer KIND: count and total seconds of statelab.auth.checks{kind}
auth_timer() {
  curl -s -u "demo:$PASS" "$BASE/actuator/metrics/statelab.auth.checks?tag=kind:$1" \
    | grep -o '"statistic":"\(COUNT\|TOTAL_TIME\)","value":[0-9.E-]*' | sed 's/.*://' | tr '\n' ' '
}

# wrk_auth LABEL KIND CONNECTIONS URL HEADER: one wrk run and the auth timer's mean over it
wrk_auth() {
  local label="$1" kind="$2" connections="$3" url="$4" header="$5"
  read -r c0 t0 <<<"$(auth_timer "$kind")"
  local out rps p99
  out=$(wrk -t2 -c"$connections" -d"${SECONDS_PER_RUN}s" --latency -H "$header" "$url")
  rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
  p99=$(awk '$1=="99%" {print $2}' <<<"$out")
  read -r c1 t1 <<<"$(auth_timer "$kind")"
  awk -v l="$label" -v r="$rps" -v p="$p99" -v c0="${c0:-0}" -v c1="${c1:-0}" -v t0="${t0:-0}" -v t1="${t1:-0}" -v n="$connections" \
    'BEGIN { n2 = c1 - c0; printf "| %s | %d | %.0f | %s | %d | %.3f |\n", l, n, r, p, n2, (n2 > 0 ? (t1 - t0) / n2 * 1000 : 0) }'
}

echo "## statelab, bcrypt account, cache on ($(date -u +%FT%TZ), nproc $(nproc))"
start
files
echo
echo "### Scenario and workload ($WORKERS workers)"
java bench/compare/ScenarioBench.java "$BASE" demo "$PASS" bench "$WORKERS" "$SCENARIOS" "$OPERATIONS"

echo
echo "### Per-request cost of authentication (same 600-byte file; wrk -t2, ${SECONDS_PER_RUN}s)"
echo "| way | connections | requests/s | p99 | auth checks | mean auth check (ms) |"
echo "|---|---:|---:|---:|---:|---:|"
BASIC="Authorization: Basic $(printf 'demo:%s' "$PASS" | base64 -w0)"
BEARER="Authorization: Bearer $(curl -s -u "demo:$PASS" -X POST "$BASE/api/http/token" | sed 's/.*"access_token":"\([^"]*\)".*/\1/')"
TOKEN=$(curl -s -D - -o /dev/null -H 'Content-Type: application/json' -d "{\"user\":\"demo\",\"pass\":\"$PASS\"}" "$BASE/api/ftp/session" \
  | tr -d '\r' | awk -F': ' 'tolower($1)=="x-auth-token"{print $2}')
wrk_auth "Basic, bcrypt, credential cache on" basic 16 "$BASE/api/http/files/bench/w0/docs/b.txt" "$BASIC"
wrk_auth "Signed bearer token" bearer 16 "$BASE/api/http/files/bench/w0/docs/b.txt" "$BEARER"
wrk_auth "FTP-style session token (RETR)" session 16 "$BASE/api/ftp/retr?path=/bench/w0/docs/b.txt" "X-Auth-Token: $TOKEN"
stop

start --statelab.users.credential-cache-ttl=0s
files >/dev/null 2>&1 || true
BASIC="Authorization: Basic $(printf 'demo:%s' "$PASS" | base64 -w0)"
wrk_auth "Basic, bcrypt, credential cache off" basic 4 "$BASE/api/http/files/bench/w0/docs/b.txt" "$BASIC"
stop
echo
java -version 2>&1 | head -1
