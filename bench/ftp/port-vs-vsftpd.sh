#!/usr/bin/env bash
# The real FTP port against vsftpd (Debian, sendfile on), curl as the client, on loopback:
# 1 GiB RETR and STOR in MB/s, heap per idle logged-in control connection (1,000 of them, after a full GC),
# and sequential logins per second. Ports 18600-18699 only. Run as root (vsftpd needs it) from the project.
# BEFORE_JAR=path adds a second statelab (an older build) to every transfer line, so a change is measured
# against its base in the same run; BEFORE_ARGS=... gives that second statelab more arguments and
# BEFORE_NAME=... its label (the same jar with BEFORE_ARGS=--statelab.storage.sync-writes=false
# BEFORE_NAME=unsynced measures a setting); RUNS=n (2) transfer rounds; PARTS=transfers skips logins and heap.
set -euo pipefail
JAR=${JAR:-target/statelab-0.1.0-SNAPSHOT.jar}
BEFORE_JAR=${BEFORE_JAR:-}
BEFORE_ARGS=${BEFORE_ARGS:-}
BEFORE_NAME=${BEFORE_NAME:-before}
RUNS=${RUNS:-2}
PARTS=${PARTS:-all}
WORK=$(mktemp -d /tmp/ftpbench.XXXX)
PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$WORK"; }
trap cleanup EXIT

head -c 1073741824 /dev/zero | tr '\0' 'x' > "$WORK/big.bin" 2>/dev/null || dd if=/dev/urandom of="$WORK/big.bin" bs=1M count=1024 status=none

# vsftpd: anonymous, read from $WORK/anon, upload into $WORK/anon/up, passive 18650-18669
mkdir -p "$WORK/anon/up"; cp "$WORK/big.bin" "$WORK/anon/big.bin"; chown ftp "$WORK/anon/up"; chmod 555 "$WORK/anon"
cat > "$WORK/vsftpd.conf" <<CONF
listen=YES
listen_address=127.0.0.1
listen_port=18621
background=NO
anonymous_enable=YES
anon_root=$WORK/anon
no_anon_password=YES
write_enable=YES
anon_upload_enable=YES
anon_other_write_enable=YES
local_enable=NO
use_sendfile=YES
pasv_enable=YES
pasv_min_port=18650
pasv_max_port=18669
seccomp_sandbox=NO
max_clients=2000
max_per_ip=2000
xferlog_enable=NO
CONF
/usr/sbin/vsftpd "$WORK/vsftpd.conf" & PIDS+=($!)

# statelab: HTTP 18600, FTP 18601, passive 18670-18699
mkdir -p "$WORK/root/bench"; cp "$WORK/big.bin" "$WORK/root/bench/big.bin"
java -Xmx256m -jar "$JAR" --server.port=18600 --server.address=127.0.0.1 --statelab.ftp.port=18601 \
  --statelab.ftp.passive-ports=18670-18699 --statelab.storage.root="$WORK/root" \
  --statelab.users.accounts.bench.password='{noop}bench-pw' --statelab.ftp.max-connections=2000 \
  --statelab.ftp.max-connections-per-address=2000 --statelab.ftp.max-sessions-per-user=2000 \
  --statelab.sockets.tcp-port=-1 --statelab.sockets.udp-port=-1 --logging.level.root=WARN > "$WORK/statelab.log" 2>&1 & PIDS+=($!)
JPID=$!
if [ -n "$BEFORE_JAR" ]; then
  # the older build: HTTP 18602, FTP 18603, passive 18640-18649, its own root
  mkdir -p "$WORK/root-before/bench"; cp "$WORK/big.bin" "$WORK/root-before/bench/big.bin"
  java -Xmx256m -jar "$BEFORE_JAR" --server.port=18602 --server.address=127.0.0.1 --statelab.ftp.port=18603 \
    --statelab.ftp.passive-ports=18640-18649 --statelab.storage.root="$WORK/root-before" \
    --statelab.users.accounts.bench.password='{noop}bench-pw' \
    --statelab.sockets.tcp-port=-1 --statelab.sockets.udp-port=-1 --logging.level.root=WARN $BEFORE_ARGS > "$WORK/before.log" 2>&1 & PIDS+=($!)
  for i in $(seq 90); do curl -s -o /dev/null ftp://127.0.0.1:18603/ --user bench:bench-pw && break; sleep 1; done
fi
for i in $(seq 90); do curl -s -o /dev/null ftp://127.0.0.1:18601/ --user bench:bench-pw && break; sleep 1; done

mb() { awk "BEGIN { printf \"%.0f\", $1 / 1000000 }"; }
for run in $(seq "$RUNS"); do
  v_get=$(curl -s -o /dev/null -w '%{speed_download}' ftp://127.0.0.1:18621/big.bin)
  s_get=$(curl -s -o /dev/null -w '%{speed_download}' --user bench:bench-pw ftp://127.0.0.1:18601/big.bin)
  v_put=$(curl -s -o /dev/null -w '%{speed_upload}' -T "$WORK/big.bin" ftp://127.0.0.1:18621/up/put$run.bin)
  s_put=$(curl -s -o /dev/null -w '%{speed_upload}' -T "$WORK/big.bin" --user bench:bench-pw ftp://127.0.0.1:18601/put.bin)
  rm -f "$WORK/anon/up/put$run.bin"
  line="run $run (load $(cut -d' ' -f1 /proc/loadavg)): RETR 1 GiB vsftpd $(mb "$v_get") MB/s, statelab $(mb "$s_get") MB/s"
  if [ -n "$BEFORE_JAR" ]; then
    b_get=$(curl -s -o /dev/null -w '%{speed_download}' --user bench:bench-pw ftp://127.0.0.1:18603/big.bin)
    b_put=$(curl -s -o /dev/null -w '%{speed_upload}' -T "$WORK/big.bin" --user bench:bench-pw ftp://127.0.0.1:18603/put.bin)
    line="$line, $BEFORE_NAME $(mb "$b_get") MB/s"
  fi
  line="$line; STOR vsftpd $(mb "$v_put") MB/s, statelab $(mb "$s_put") MB/s"
  [ -n "$BEFORE_JAR" ] && line="$line, $BEFORE_NAME $(mb "$b_put") MB/s"
  echo "$line"
done
[ "$PARTS" = transfers ] && exit 0

logins() {  # port user pass count -> logins/s (connect, USER, PASS, QUIT, sequential)
  python3 - "$@" <<'PY'
import socket, sys, time
port, user, pw, n = int(sys.argv[1]), sys.argv[2], sys.argv[3], int(sys.argv[4])
def reply(f):
    line = f.readline()
    while len(line) > 3 and line[3:4] == b'-':
        line = f.readline()
    return line
t = time.time()
for _ in range(n):
    s = socket.create_connection(('127.0.0.1', port)); f = s.makefile('rb')
    reply(f)
    s.sendall(f'USER {user}\r\n'.encode()); reply(f)
    s.sendall(f'PASS {pw}\r\n'.encode()); r = reply(f)
    assert r.startswith(b'230'), r
    s.sendall(b'QUIT\r\n'); reply(f); s.close()
print(f'{n / (time.time() - t):.0f}')
PY
}
echo "logins/s (500 sequential): vsftpd $(logins 18621 anonymous x 500), statelab $(logins 18601 bench bench-pw 500)"

heap_used() { jcmd "$JPID" GC.run > /dev/null; sleep 1; jcmd "$JPID" GC.heap_info | awk '/used/ { for (i = 1; i <= NF; i++) if ($i == "used") { print $(i+1); exit } }' | tr -d 'K'; }
before=$(heap_used)
python3 - <<'PY' &
import socket, time
conns = []
for i in range(1000):
    s = socket.create_connection(('127.0.0.1', 18601)); f = s.makefile('rb'); f.readline()
    s.sendall(b'USER bench\r\n'); f.readline(); s.sendall(b'PASS bench-pw\r\n'); r = f.readline()
    assert r.startswith(b'230'), r
    conns.append((s, f))
print('1000 logged in', flush=True)
time.sleep(40)
PY
HOLDER=$!; PIDS+=($HOLDER)
sleep 25
after=$(heap_used)
echo "heap after full GC: before ${before} KiB, with 1,000 idle logged-in control connections ${after} KiB: $(( (after - before) / 1000 )) KiB per connection"
kill $HOLDER 2>/dev/null || true
