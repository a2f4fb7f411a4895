#!/usr/bin/env bash
# nginx, statelab before and statelab after a change, back to back in one run, ROUNDS times, with the
# statelab CPU per request from /proc. Needs $W/base.jar, $W/new.jar, $W/hash (bcrypt of bench-secret,
# made with bench/http/BcryptHash.java), $W/htpasswd and $W/root/bench/4k.bin as bench/http/run.sh makes them.
# Ports 18802 (nginx), 18811, 18812. Usage: W=/tmp/perf-bench JAVA=... WARMUP=15s ROUNDS=3 bench/http/before-after.sh
# BASE_ARGS / NEW_ARGS: more arguments for one side only (e.g. the same jar twice, one with a setting changed).
set -euo pipefail
W=${W:-/tmp/perf-bench}; JAVA=${JAVA:-java}
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT
sed -e "s|@WORK@|$W|g" -e "s|@PORT@|18802|g" "$(dirname "$0")/nginx.conf.template" > $W/nginx.conf
/usr/sbin/nginx -c $W/nginx.conf -e $W/nginx-error.log & pids+=($!)
start() { # shellcheck disable=SC2086
  "$JAVA" -Xmx256m -jar $W/$1.jar --server.port=$2 $3 --statelab.storage.root=$W/root \
  --statelab.ftp.port=-1 --statelab.sockets.tcp-port=-1 --statelab.sockets.udp-port=-1 \
  "--statelab.users.accounts.bench.password=$(cat $W/hash)" --logging.level.root=WARN > $W/$1.log 2>&1 & }
start base 18811 "${BASE_ARGS:-}"; BASE=$!; pids+=($BASE)
start new 18812 "${NEW_ARGS:-}"; NEW=$!; pids+=($NEW)
for port in 18811 18812; do for _ in $(seq 1 240); do curl -fs -o /dev/null http://127.0.0.1:$port/actuator/health && break; sleep 0.5; done; done
AUTH="Authorization: Basic $(printf 'bench:bench-secret' | base64)"
for port in 18811 18812; do curl -fs -o /dev/null -u bench:bench-secret http://127.0.0.1:$port/api/http/files/4k.bin; wrk -t2 -c32 -d${WARMUP:-20s} -H "$AUTH" http://127.0.0.1:$port/api/http/files/4k.bin >/dev/null; done
wrk -t2 -c32 -d2s -H "$AUTH" http://127.0.0.1:18802/4k.bin >/dev/null
one() { # label url pid
  local t0 t1; t0=$( [ -n "$3" ] && awk '{print $14+$15}' /proc/$3/stat || echo 0)
  wrk -t2 -c32 -d6s --latency -H "$AUTH" "$2" > $W/ab.out
  t1=$( [ -n "$3" ] && awk '{print $14+$15}' /proc/$3/stat || echo 0)
  grep -q Non-2xx $W/ab.out && { echo "errors in $1"; cat $W/ab.out; }
  local n rps p99; n=$(awk '/requests in/ {print $1}' $W/ab.out); rps=$(awk '/Requests\/sec/ {print $2}' $W/ab.out); p99=$(awk '$1=="99%"{print $2}' $W/ab.out)
  echo "$1 $rps $p99 $(awk -v a=$t0 -v b=$t1 -v n=$n 'BEGIN{printf "%.0f", (b-a)*10000/n}')"
}
echo "jvm: $("$JAVA" -version 2>&1 | head -1)"
for r in $(seq 1 ${ROUNDS:-3}); do
  ng=$(one nginx http://127.0.0.1:18802/4k.bin ""); b=$(one before http://127.0.0.1:18811/api/http/files/4k.bin $BASE); a=$(one after http://127.0.0.1:18812/api/http/files/4k.bin $NEW)
  read -r _ ngr ngp _ <<< "$ng"; read -r _ br bp bc <<< "$b"; read -r _ ar ap ac <<< "$a"
  echo "round $r $(date -u +%H:%M) load $(cut -d' ' -f1 /proc/loadavg): nginx $ngr ($ngp) | before $br ($bp, ${bc}us CPU/req) $(awk -v x=$br -v y=$ngr 'BEGIN{printf "%.2f", x/y}')x | after $ar ($ap, ${ac}us CPU/req) $(awk -v x=$ar -v y=$ngr 'BEGIN{printf "%.2f", x/y}')x"
done
