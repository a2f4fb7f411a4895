#!/usr/bin/env python3
"""Numbered burst over UDP and over TCP: the transport lesson without a browser.

  burst.py serve PORT            echo every UDP datagram and every TCP line on PORT
  burst.py run HOST PORT N GAP   send N numbered messages over each, GAP ms apart; print one JSON line each

Each message is "<n> <send time>"; the echo comes back unchanged, so the client counts delivered, lost,
out-of-order and duplicate messages and the round-trip time without a shared clock.
"""
import json
import socket
import statistics
import sys
import threading
import time


def serve(port):
    udp = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    udp.bind(("0.0.0.0", port))
    tcp = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    tcp.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    tcp.bind(("0.0.0.0", port))
    tcp.listen(8)

    def udp_echo():
        while True:
            data, peer = udp.recvfrom(2048)
            udp.sendto(data, peer)

    def tcp_echo(conn):
        with conn:
            conn.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            while data := conn.recv(65536):
                conn.sendall(data)

    threading.Thread(target=udp_echo, daemon=True).start()
    while True:
        conn, _ = tcp.accept()
        threading.Thread(target=tcp_echo, args=(conn,), daemon=True).start()


def summary(kind, n, rtts, order, duplicates, elapsed):
    out_of_order = sum(1 for a, b in zip(order, order[1:]) if b < a)
    rtts = sorted(rtts)
    pick = lambda q: round(rtts[min(len(rtts) - 1, int(q * len(rtts)))] * 1000, 2) if rtts else None
    return {"transport": kind, "sent": n, "delivered": len(rtts), "lost": n - len(rtts), "outOfOrder": out_of_order,
            "duplicates": duplicates, "medianMs": pick(0.5), "p95Ms": pick(0.95), "maxMs": pick(1.0),
            "meanMs": round(statistics.mean(rtts) * 1000, 2) if rtts else None, "totalMs": round(elapsed * 1000, 1)}


def run_udp(host, port, n, gap):
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.connect((host, port))
    seen, rtts, order, duplicates = set(), [], [], 0
    done = threading.Event()
    start = time.monotonic()
    last = [start]

    def receive():
        nonlocal duplicates
        s.settimeout(0.2)
        while not done.is_set():
            try:
                data = s.recv(2048)
            except socket.timeout:
                continue
            now = time.monotonic()
            i, sent = data.decode().split()
            i = int(i)
            if i in seen:
                duplicates += 1
                continue
            seen.add(i)
            order.append(i)
            rtts.append(now - float(sent))
            last[0] = now

    reader = threading.Thread(target=receive)
    reader.start()
    for i in range(n):
        s.send(f"{i} {time.monotonic()!r}".encode())
        time.sleep(gap / 1000)
    time.sleep(2)  # stragglers
    done.set()
    reader.join()
    return summary("udp", n, rtts, order, duplicates, last[0] - start)


def run_tcp(host, port, n, gap):
    s = socket.create_connection((host, port))
    s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    rtts, order = [], []
    start = time.monotonic()
    last = [start]

    def receive():
        buffer = b""
        while len(order) < n:
            data = s.recv(65536)
            if not data:
                break
            buffer += data
            *lines, buffer = buffer.split(b"\n")
            now = time.monotonic()
            for line in lines:
                i, sent = line.decode().split()
                order.append(int(i))
                rtts.append(now - float(sent))
                last[0] = now

    reader = threading.Thread(target=receive)
    reader.start()
    for i in range(n):
        s.sendall(f"{i} {time.monotonic()!r}\n".encode())
        time.sleep(gap / 1000)
    reader.join(timeout=60)
    s.close()
    return summary("tcp", n, rtts, order, 0, last[0] - start)


if __name__ == "__main__":
    if sys.argv[1] == "serve":
        serve(int(sys.argv[2]))
    else:
        host, port, n, gap = sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), float(sys.argv[5])
        print(json.dumps(run_udp(host, port, n, gap)))
        print(json.dumps(run_tcp(host, port, n, gap)))
