#!/usr/bin/env bash
# Stateless HTTP file API against nginx, one run, same machine, same files:
#   4 KiB authenticated GET (wrk -t2 -c32 -d6s --latency), 1 GiB download and upload (curl),
#   statelab's peak RSS after small and after large transfers.
# statelab runs with -Xmx256m and a bcrypt (cost 10) account; nginx with auth_basic and a {PLAIN}
# password (its fastest case). Ports: statelab $SL_PORT (18080), nginx $NG_PORT (18081), both on 127.0.0.1.
# Usage: bench/http/run.sh            (JAVA=/path/to/java to pick the JVM; JAR= to pick the build; EXTRA_OPTS for more flags;
#        PARTS=small for the 4 KiB GET only; ROUNDS=n to take nginx and statelab back to back n times)
set -euo pipefail
cd "$(dirname "$0")/../.."

JAVA=${JAVA:-java}
WORK=${WORK:-/tmp/statelab-bench-http}
DURATION=${DURATION:-6s}
USER_NAME=bench
PASSWORD=bench-secret
SL_PORT=${SL_PORT:-18080}
NG_PORT=${NG_PORT:-18081}
SL=http://127.0.0.1:$SL_PORT
NG=http://127.0.0.1:$NG_PORT
PARTS=${PARTS:-all}
ROUNDS=${ROUNDS:-1}

cleanup() {
  [ -n "${SL_PID:-}" ] && kill "$SL_PID" 2>/dev/null || true
  [ -n "${NG_PID:-}" ] && kill "$NG_PID" 2>/dev/null || true
  wait 2>/dev/null || true
}
trap cleanup EXIT

JAR=${JAR:-$(ls target/statelab-*.jar 2>/dev/null | grep -v original | head -1 || true)}
if [ -z "$JAR" ]; then
  ./mvnw -B -q -DskipTests package
  JAR=$(ls target/statelab-*.jar | grep -v original | head -1)
fi

rm -rf "$WORK"
mkdir -p "$WORK/root/$USER_NAME" "$WORK"/nginx-{body,proxy,fastcgi,uwsgi,scgi}
head -c 4096 /dev/urandom > "$WORK/root/$USER_NAME/4k.bin"
if [ "$PARTS" = all ]; then
  head -c $((1024 * 1024 * 1024)) /dev/urandom > "$WORK/root/$USER_NAME/1g.bin"
  cp "$WORK/root/$USER_NAME/1g.bin" "$WORK/upload.bin"
fi

# the account's bcrypt hash, made with Spring Security's own encoder
./mvnw -B -q dependency:build-classpath -Dmdep.outputFile="$WORK/cp.txt" > /dev/null
HASH=$("$JAVA" -cp "$(cat "$WORK/cp.txt")" bench/http/BcryptHash.java "$PASSWORD")
echo "$USER_NAME:{PLAIN}$PASSWORD" > "$WORK/htpasswd"
sed -e "s|@WORK@|$WORK|g" -e "s|@PORT@|$NG_PORT|g" bench/http/nginx.conf.template > "$WORK/nginx.conf"

/usr/sbin/nginx -c "$WORK/nginx.conf" -e "$WORK/nginx-error.log" &
NG_PID=$!
# shellcheck disable=SC2086
"$JAVA" -Xmx256m ${EXTRA_OPTS:-} -jar "$JAR" --server.port="$SL_PORT" --statelab.storage.root="$WORK/root" \
  --statelab.ftp.port=-1 --statelab.sockets.tcp-port=-1 --statelab.sockets.udp-port=-1 \
  "--statelab.users.accounts.$USER_NAME.password=$HASH" --logging.level.root=WARN > "$WORK/statelab.log" 2>&1 &
SL_PID=$!
for _ in $(seq 1 120); do
  curl -fs -o /dev/null "$SL/actuator/health" && break
  sleep 0.5
done
curl -fs -o /dev/null -u "$USER_NAME:$PASSWORD" "$NG/4k.bin"
curl -fs -o /dev/null -u "$USER_NAME:$PASSWORD" "$SL/api/http/files/4k.bin"

AUTH="Authorization: Basic $(printf '%s:%s' "$USER_NAME" "$PASSWORD" | base64)"
rss() { awk -v k="$1:" '$1 == k { print int($2 / 1024) }' "/proc/$SL_PID/status"; }

run_wrk() { # url -> "req/s p99"
  wrk -t2 -c32 -d"$DURATION" --latency -H "$AUTH" "$1" > "$WORK/wrk.out"
  local rps p99
  rps=$(awk '/Requests\/sec/ { print $2 }' "$WORK/wrk.out")
  p99=$(awk '$1 == "99%" { print $2 }' "$WORK/wrk.out")
  if grep -q "Non-2xx" "$WORK/wrk.out"; then echo "wrk saw errors:" >&2; cat "$WORK/wrk.out" >&2; exit 1; fi
  echo "$rps $p99"
}
mbps() { awk -v b="$1" 'BEGIN { printf "%.0f", b / 1000000 }'; }

# the JIT needs tens of seconds of load to reach its steady state on a busy 2-core machine; the
# figures are for that steady state (the first seconds of a cold JVM are several times slower)
echo "warming up (${WARMUP:-30s})..." >&2
wrk -t2 -c32 -d"${WARMUP:-30s}" -H "$AUTH" "$SL/api/http/files/4k.bin" > /dev/null
wrk -t2 -c32 -d2s -H "$AUTH" "$NG/4k.bin" > /dev/null

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
# nginx and statelab back to back, ROUNDS times: on a shared machine only such pairs compare
for round in $(seq 1 "$ROUNDS"); do
  # through a file, not "$(...)": an error in run_wrk then stops the script under set -e
  run_wrk "$NG/4k.bin" > "$WORK/rate"; read -r NG_RPS NG_P99 < "$WORK/rate"
  run_wrk "$SL/api/http/files/4k.bin" > "$WORK/rate"; read -r SL_RPS SL_P99 < "$WORK/rate"
  echo "round $round: 4 KiB GET req/s nginx $NG_RPS (p99 $NG_P99) statelab $SL_RPS (p99 $SL_P99)" \
    "ratio $(ratio "$SL_RPS" "$NG_RPS") load $(cut -d' ' -f1 /proc/loadavg)"
done
SMALL_HWM=$(rss VmHWM)
if [ "$PARTS" != all ]; then
  echo "machine: $(nproc) cores, $("$JAVA" -version 2>&1 | head -1), $(date -u +%Y-%m-%dT%H:%MZ), load $(cut -d' ' -f1-3 /proc/loadavg)"
  exit 0
fi

curl -fs -o /dev/null -u "$USER_NAME:$PASSWORD" "$SL/api/http/files/1g.bin" # page cache, JIT
# each 1 GiB transfer three times, the best kept: on a shared machine a single transfer measures the
# neighbours as much as the server
best() { # curl-args... -> best speed in MB/s over three runs
  local top=0 speed
  for _ in 1 2 3; do
    speed=$(curl -fs -o /dev/null -u "$USER_NAME:$PASSWORD" "$@")
    top=$(awk -v a="$speed" -v b="$top" 'BEGIN { print (a > b) ? a : b }')
  done
  mbps "$top"
}
NG_DOWN=$(best -w '%{speed_download}' "$NG/1g.bin")
SL_DOWN=$(best -w '%{speed_download}' "$SL/api/http/files/1g.bin")
NG_UP=$(best -w '%{speed_upload}' -T "$WORK/upload.bin" "$NG/up.bin")
SL_UP=$(best -w '%{speed_upload}' -T "$WORK/upload.bin" "$SL/api/http/files/up.bin")
LARGE_HWM=$(rss VmHWM)
cmp -s "$WORK/upload.bin" "$WORK/root/$USER_NAME/up.bin" || { echo "uploaded file differs" >&2; exit 1; }
rm -f "$WORK/root/$USER_NAME/up.bin" "$WORK/upload.bin"

# 2 GiB through statelab alone (chunked upload from a pipe, then download), checked by SHA-256
echo "2 GiB round trip..." >&2
EXPECTED=$(cat "$WORK/root/$USER_NAME/1g.bin" "$WORK/root/$USER_NAME/1g.bin" | sha256sum | cut -d' ' -f1)
cat "$WORK/root/$USER_NAME/1g.bin" "$WORK/root/$USER_NAME/1g.bin" \
  | curl -fs -o /dev/null -u "$USER_NAME:$PASSWORD" -T - "$SL/api/http/files/2g.bin"
GOT=$(curl -fs -u "$USER_NAME:$PASSWORD" "$SL/api/http/files/2g.bin" | sha256sum | cut -d' ' -f1)
[ "$EXPECTED" = "$GOT" ] || { echo "2 GiB round trip differs" >&2; exit 1; }
HUGE_HWM=$(rss VmHWM)

echo
echo "machine: $(nproc) cores, $("$JAVA" -version 2>&1 | head -1), $(date -u +%Y-%m-%dT%H:%MZ), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "| what | nginx | statelab | ratio |"
echo "|---|---|---|---|"
echo "| 4 KiB GET, req/s (wrk -t2 -c32 -d$DURATION) | $NG_RPS | $SL_RPS | $(ratio "$SL_RPS" "$NG_RPS") |"
echo "| 4 KiB GET, p99 latency | $NG_P99 | $SL_P99 | |"
echo "| 1 GiB download, MB/s (curl, best of 3) | $NG_DOWN | $SL_DOWN | $(ratio "$SL_DOWN" "$NG_DOWN") |"
echo "| 1 GiB upload, MB/s (curl -T, best of 3) | $NG_UP | $SL_UP | $(ratio "$SL_UP" "$NG_UP") |"
echo "| statelab peak RSS (VmHWM) after the 4 KiB run | | $SMALL_HWM MiB | |"
echo "| statelab peak RSS (VmHWM) after 1 GiB down + up | | $LARGE_HWM MiB | |"
echo "| statelab peak RSS (VmHWM) after 2 GiB up + down (SHA-256 checked) | | $HUGE_HWM MiB | |"
