#!/usr/bin/env python3
"""The anchor for the sockets benchmark: the course's kind of server in plain Python, a line echo on TCP
and a datagram echo on UDP, both on PORT of 127.0.0.1. Stop it with Ctrl-C."""
import socket
import sys
import threading

port = int(sys.argv[1])


def tcp():
    server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    server.bind(("127.0.0.1", port))
    server.listen(16)
    while True:
        conn, _ = server.accept()
        threading.Thread(target=lines, args=(conn,), daemon=True).start()


def lines(conn):
    conn.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    f = conn.makefile("rb")
    for line in f:
        conn.sendall(line)
    conn.close()


def udp():
    server = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    server.bind(("127.0.0.1", port))
    while True:
        message, address = server.recvfrom(2048)
        server.sendto(message, address)


threading.Thread(target=tcp, daemon=True).start()
udp()
