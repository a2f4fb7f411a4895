# Usage: CREDENTIALS=user:pass python3 bench/http/put-tail.py HTTP_PORT SERVER_PID [FILE]
# HTTP PUT of 1 GiB (sendfile), reporting MB/s, seconds sending, seconds from the last byte to the response,
# and the server JVM's CPU seconds over the request.
import base64, os, socket, sys, time
port, pid = int(sys.argv[1]), sys.argv[2]
path = sys.argv[3] if len(sys.argv) > 3 else 'big.bin'; size = os.path.getsize(path)
def cpu():
    f = open(f'/proc/{pid}/stat').read().rsplit(')', 1)[1].split()
    return (int(f[11]), int(f[12]))
c = socket.create_connection(('127.0.0.1', port))
auth = base64.b64encode(os.environ.get('CREDENTIALS', 'bench:bench-pw').encode()).decode()
c.sendall((f'PUT /api/http/files/put.bin HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Basic {auth}\r\n'
           f'Content-Type: application/octet-stream\r\nContent-Length: {size}\r\nConnection: close\r\n\r\n').encode())
u0, s0 = cpu(); t0 = time.time()
with open(path, 'rb') as f: n = c.sendfile(f)
t1 = time.time(); status = c.recv(64).split(b'\r\n')[0].decode(); t2 = time.time(); u1, s1 = cpu()
print(f'{status} {n / (t2 - t0) / 1e6:.0f} MB/s send {t1 - t0:.2f} s last byte to answer {t2 - t1:.3f} s cpu user {(u1 - u0) / 100:.2f} sys {(s1 - s0) / 100:.2f}')
