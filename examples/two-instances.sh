#!/usr/bin/env bash
# Two statelab instances over one Redis and one storage root, then the second-instance demo:
# a stateless request works on both, and so does an FTP-style token issued by the first.
#
#   examples/two-instances.sh            # Redis on 6379, instances on 8080 and 8081, files under ./data
#   REDIS_PORT=18790 PORT_A=18780 PORT_B=18781 DATA=/tmp/statelab-two examples/two-instances.sh
#
# Uses Debian's redis-server when no Redis answers on REDIS_PORT, and the jar under target/ (run
# ./mvnw package first). Everything it starts is stopped when it ends (Ctrl-C, or KEEP=1 to keep them
# running until you press Enter).
set -euo pipefail
cd "$(dirname "$0")/.."
REDIS_PORT="${REDIS_PORT:-6379}"
PORT_A="${PORT_A:-8080}"
PORT_B="${PORT_B:-8081}"
DATA="${DATA:-./data}"
USER_NAME="${STATELAB_USER:-demo}"
PASS="${STATELAB_PASS:-$(head -c 18 /dev/urandom | base64 | tr -d '/+=')}"
SECRET="${STATELAB_HTTP_TOKEN_SECRET:-$(head -c 32 /dev/urandom | base64)}"
JAR=$(ls target/statelab-*.jar 2>/dev/null | grep -v original | head -1 || true)
[ -n "$JAR" ] || { echo "no jar under target/: run ./mvnw package -DskipTests first" >&2; exit 1; }

pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT

if ! (exec 3<>"/dev/tcp/127.0.0.1/$REDIS_PORT") 2>/dev/null; then
  command -v redis-server >/dev/null || { echo "no Redis on $REDIS_PORT and no redis-server (apt-get install redis-server)" >&2; exit 1; }
  redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save "" --appendonly no >/dev/null &
  pids+=($!)
  echo "started redis-server on 127.0.0.1:$REDIS_PORT"
fi

mkdir -p "$DATA"
for port in "$PORT_A" "$PORT_B"; do
  java -jar "$JAR" --server.port="$port" --statelab.storage.root="$DATA" \
    --statelab.store=redis --spring.data.redis.host=127.0.0.1 --spring.data.redis.port="$REDIS_PORT" \
    --statelab.http.token.secret="$SECRET" \
    "--statelab.users.accounts.$USER_NAME.password={noop}$PASS" "--statelab.users.accounts.$USER_NAME.role=ADMIN" \
    --statelab.ftp.port=-1 --statelab.sockets.tcp-port=-1 --statelab.sockets.udp-port=-1 \
    --spring.main.banner-mode=off >"/tmp/statelab-$port.log" 2>&1 &
  pids+=($!)
done
for port in "$PORT_A" "$PORT_B"; do
  for _ in $(seq 1 240); do
    curl -sf "http://127.0.0.1:$port/actuator/health" >/dev/null && break
    sleep 0.5
  done
  curl -sf "http://127.0.0.1:$port/actuator/health" >/dev/null || { echo "instance on $port did not start; see /tmp/statelab-$port.log" >&2; exit 1; }
  echo "instance up on http://127.0.0.1:$port (log /tmp/statelab-$port.log)"
done

STATELAB_USER="$USER_NAME" STATELAB_PASSWORD="$PASS" examples/failure-demos.sh second-instance \
  "http://127.0.0.1:$PORT_A" "http://127.0.0.1:$PORT_B"

if [ "${KEEP:-0}" = 1 ]; then
  echo "user $USER_NAME, password $PASS; press Enter to stop everything"
  read -r _
fi
