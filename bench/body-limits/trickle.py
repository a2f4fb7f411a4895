# N connections trickle PUT bodies at 40 bytes/s (half with credentials); meanwhile one client times GETs.
import socket, time, base64, sys, http.client
port = int(sys.argv[1]); n = int(sys.argv[2]); seconds = int(sys.argv[3])
auth = "Basic " + base64.b64encode(b"ana:ana-secret").decode()
socks = []
for i in range(n):
    s = socket.create_connection(("127.0.0.1", port)); s.setblocking(False)
    a = ("Authorization: %s\r\n" % auth) if i % 2 == 0 else ""
    s.send(("PUT /api/http/files/t%d.bin HTTP/1.1\r\nHost: x\r\n%sContent-Type: application/octet-stream\r\nContent-Length: 100000\r\n\r\n" % (i, a)).encode())
    socks.append(s)
alive = list(socks); lat = []; cut_at = {}
t0 = time.time()
while time.time() - t0 < seconds:
    for s in list(alive):
        try:
            d = s.recv(1)
            alive.remove(s); cut_at[s] = time.time() - t0; continue
        except BlockingIOError:
            pass
        except OSError:
            alive.remove(s); cut_at[s] = time.time() - t0; continue
        try:
            s.send(b"x" * 40)
        except OSError:
            alive.remove(s); cut_at[s] = time.time() - t0
    st = time.time()
    try:
        c = http.client.HTTPConnection("127.0.0.1", port, timeout=60); c.request("GET", "/api/http/files/", headers={"Authorization": auth})
        r = c.getresponse(); r.read(); c.close(); lat.append(time.time() - st)
    except Exception as e:
        lat.append(time.time() - st)
    time.sleep(max(0, 1 - (time.time() - st)))
lat.sort()
cuts = sorted(cut_at.values())
print("GETs=%d median=%.3fs max=%.3fs | trickles cut=%d/%d, still open=%d, last cut at %.1fs" % (
    len(lat), lat[len(lat)//2], lat[-1], len(cuts), n, len(alive), cuts[-1] if cuts else -1))
for s in socks: s.close()
