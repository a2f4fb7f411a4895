#!/usr/bin/env bash
# Reliable against unreliable on a real (virtual) network: two network namespaces joined by a veth pair,
# an nftables rule in the second one dropping 10% of incoming UDP (`numgen random mod 100 < 10`; this
# kernel has no netem), and a numbered burst over UDP and over TCP (bench/transport/burst.py) from the
# first namespace to an echo in the second. A second round drops 10% of TCP as well, as a WebRTC
# reliable channel would see it (its packets are UDP too): TCP then still delivers everything, later.
# Needs root, ip (iproute2), nft (nftables) and python3. Usage: bench/transport/lossy.sh [messages] [gap-ms]
set -euo pipefail
cd "$(dirname "$0")"
N=${1:-1000}
GAP=${2:-2}
A=sl-lossy-a
B=sl-lossy-b
PORT=18410
OUT=../../target/bench-transport
mkdir -p "$OUT"

cleanup() {
  [ -n "${ECHO:-}" ] && kill "$ECHO" 2>/dev/null || true
  ip netns del "$A" 2>/dev/null || true
  ip netns del "$B" 2>/dev/null || true
}
trap cleanup EXIT
cleanup
ip netns add "$A"
ip netns add "$B"
ip link add sl-lossy-va netns "$A" type veth peer name sl-lossy-vb netns "$B"
ip -n "$A" addr add 10.213.0.1/24 dev sl-lossy-va
ip -n "$B" addr add 10.213.0.2/24 dev sl-lossy-vb
for ns in "$A" "$B"; do ip -n "$ns" link set lo up; done
ip -n "$A" link set sl-lossy-va up
ip -n "$B" link set sl-lossy-vb up

ip netns exec "$B" python3 burst.py serve "$PORT" &
ECHO=$!
sleep 0.5

rule() { # $1: protocols the rule drops
  ip netns exec "$B" nft flush ruleset
  ip netns exec "$B" nft -f - <<NFT
table inet lossy {
  chain input {
    type filter hook input priority 0; policy accept;
    meta l4proto { $1 } numgen random mod 100 < 10 counter drop
  }
}
NFT
}

round() { # $1: label
  echo "== $1"
  ip netns exec "$A" python3 burst.py run 10.213.0.2 "$PORT" "$N" "$GAP" | tee -a "$OUT/lossy.jsonl"
  ip netns exec "$B" nft list ruleset | grep -o 'counter packets [0-9]* bytes [0-9]*' | sed 's/^/   dropped: /' || true
}

: > "$OUT/lossy.jsonl"
ip netns exec "$B" nft flush ruleset
round "no rule"
rule udp
round "10% of incoming UDP dropped"
rule "udp, tcp"
round "10% of incoming UDP and TCP dropped"
