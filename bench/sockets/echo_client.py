#!/usr/bin/env python3
"""Small clients for the sockets lab benchmark (plain socket module, one connection or socket each).

  echo_client.py tcp  HOST PORT COUNT [greeting]   sequential line round trips over one connection
  echo_client.py udp  HOST PORT COUNT              sequential datagram round trips
  echo_client.py burst HOST PORT COUNT [PREFIX]    COUNT numbered datagrams at once, then count what came back

'greeting' expects statelab's "Hello, Client" first. Prints one line of figures.
"""
import socket
import sys
import time


def tcp(host, port, count, greeting):
    s = socket.create_connection((host, port))
    s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    f = s.makefile("rb")
    if greeting:
        assert f.read(13) == b"Hello, Client"
    start = time.perf_counter()
    for i in range(count):
        s.sendall(b"line %d\n" % i)
        assert f.readline() == b"line %d\n" % i
    elapsed = time.perf_counter() - start
    s.close()
    print("tcp round trips: %d in %.3f s = %.0f/s, %.1f us each" % (count, elapsed, count / elapsed, elapsed / count * 1e6))


def udp(host, port, count):
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.settimeout(1)
    lost = 0
    start = time.perf_counter()
    for i in range(count):
        s.sendto(b"d %d" % i, (host, port))
        try:
            s.recvfrom(2048)
        except socket.timeout:
            lost += 1
    elapsed = time.perf_counter() - start
    print("udp round trips: %d in %.3f s = %.0f/s, %d timed out" % (count, elapsed, count / elapsed, lost))


def burst(host, port, count, prefix):
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 1 << 20)
    s.setblocking(False)
    seen, order, sent_at, latencies = set(), [], {}, []
    start = time.perf_counter()
    for i in range(1, count + 1):
        sent_at[i] = time.perf_counter()
        s.sendto((prefix + "n %d" % i).encode(), (host, port))
        if i % 16 == 0:
            time.sleep(0.001)
        drain(s, seen, order, sent_at, latencies)
    deadline = time.perf_counter() + 2
    while time.perf_counter() < deadline and len(seen) < count:
        drain(s, seen, order, sent_at, latencies)
        time.sleep(0.001)
    elapsed = time.perf_counter() - start
    late = sum(1 for k in range(1, len(order)) if order[k] < max(order[:k]))
    latencies.sort()
    median = latencies[len(latencies) // 2] * 1000 if latencies else 0
    print("burst %d: delivered %d, lost %d, out of order %d, median latency %.2f ms, %.3f s"
          % (count, len(seen), count - len(seen), late, median, elapsed))


def drain(s, seen, order, sent_at, latencies):
    while True:
        try:
            data, _ = s.recvfrom(2048)
        except BlockingIOError:
            return
        n = int(data.split()[-1])
        if n not in seen:
            seen.add(n)
            order.append(n)
            latencies.append(time.perf_counter() - sent_at[n])


if __name__ == "__main__":
    mode, host, port, count = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
    if mode == "tcp":
        tcp(host, port, count, len(sys.argv) > 5 and sys.argv[5] == "greeting")
    elif mode == "udp":
        udp(host, port, count)
    else:
        burst(host, port, count, sys.argv[5] if len(sys.argv) > 5 else "")
