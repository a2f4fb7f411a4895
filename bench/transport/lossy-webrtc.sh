#!/usr/bin/env bash
# The chat page's own numbered burst, reliable against unreliable data channel, between two headless
# Chromiums in two network namespaces joined by a veth pair, with nftables in the second namespace
# dropping 10% of incoming UDP (`numgen random mod 100 < 10`; this kernel has no netem). WebRTC data
# channels ride on UDP (SCTP over DTLS), so both channels cross the lossy link: the unreliable one
# (maxRetransmits 0) loses what was dropped, the reliable one retransmits it and takes longer.
# The service runs in the first namespace; the second browser loads the page from it across the veth.
# Needs root, ip, nft, java, Debian's chromium and chromedriver. Usage: bench/transport/lossy-webrtc.sh [messages]
set -euo pipefail
cd "$(dirname "$0")/../.."
N=${1:-500}
A=sl-rtc-a
B=sl-rtc-b
PORT=18420
OUT=target/bench-transport
mkdir -p "$OUT"
jar=$(ls target/statelab-*.jar 2>/dev/null | grep -v original | head -1 || true)
if [ -z "$jar" ]; then
  ./mvnw -B -q -DskipTests package
  jar=$(ls target/statelab-*.jar | grep -v original | head -1)
fi

pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  ip netns del "$A" 2>/dev/null || true
  ip netns del "$B" 2>/dev/null || true
  rm -rf /tmp/sl-lossy-profile-a /tmp/sl-lossy-profile-b "$OUT/rtc-data"
}
trap cleanup EXIT
ip netns del "$A" 2>/dev/null || true
ip netns del "$B" 2>/dev/null || true
ip netns add "$A"
ip netns add "$B"
ip link add sl-rtc-va netns "$A" type veth peer name sl-rtc-vb netns "$B"
ip -n "$A" addr add 10.213.1.1/24 dev sl-rtc-va
ip -n "$B" addr add 10.213.1.2/24 dev sl-rtc-vb
for ns in "$A" "$B"; do ip -n "$ns" link set lo up; done
ip -n "$A" link set sl-rtc-va up
ip -n "$B" link set sl-rtc-vb up
# Chromium gathers candidates only on the interface of the default route (without a media permission);
# the routes lead nowhere but the other namespace, which forwards nothing
ip -n "$A" route add default dev sl-rtc-va
ip -n "$B" route add default dev sl-rtc-vb

ip netns exec "$A" java -Xmx512m -jar "$jar" --server.address=10.213.1.1 --server.port=$PORT \
  --statelab.storage.root="$OUT/rtc-data" --statelab.ftp.port=-1 --statelab.sockets.tcp-port=-1 \
  --statelab.sockets.udp-port=-1 --logging.level.root=WARN >"$OUT/rtc-server.log" 2>&1 &
pids+=($!)
ip netns exec "$A" chromedriver --port=18421 >"$OUT/rtc-driver-a.log" 2>&1 &
pids+=($!)
ip netns exec "$B" chromedriver --port=18422 --allowed-ips=10.213.1.1 >"$OUT/rtc-driver-b.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 120); do
  ip netns exec "$A" curl -sf "http://10.213.1.1:$PORT/actuator/health" >/dev/null && break
  sleep 0.5
done

rule() { # $1: what the rule drops, or nothing
  ip netns exec "$B" nft flush ruleset
  [ -z "$1" ] && return 0
  ip netns exec "$B" nft -f - <<NFT
table inet lossy {
  chain input {
    type filter hook input priority 0; policy accept;
    meta l4proto udp numgen random mod 100 < $1 counter drop
  }
}
NFT
}

: > "$OUT/lossy-webrtc.jsonl"
for loss in "" 10; do
  rule "$loss"
  echo "== ${loss:-0}% of incoming UDP dropped in $B"
  ip netns exec "$A" python3 bench/transport/webrtc_burst.py "http://10.213.1.1:$PORT/chat.html" \
    http://127.0.0.1:18421 http://10.213.1.2:18422 "$N" | tee -a "$OUT/lossy-webrtc.jsonl"
  ip netns exec "$B" nft list ruleset | grep -o 'counter packets [0-9]* bytes [0-9]*' | sed 's/^/   dropped: /' || true
done
