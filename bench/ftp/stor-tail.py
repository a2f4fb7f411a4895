# Usage: python3 bench/ftp/stor-tail.py FTP_PORT USER PASS REMOTE_NAME SERVER_PID|- [FILE]
# STOR a file over a passive data connection (sendfile), then report: MB/s, seconds sending, seconds from
# the data connection's close to the 226, and the server JVM's CPU seconds (user, sys) over the transfer.
import socket, sys, time, os, re
port, user, pw, name, pid = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5]
path = sys.argv[6] if len(sys.argv) > 6 else 'big.bin'
def cpu():
    if pid == '-': return (0, 0)
    f = open(f'/proc/{pid}/stat').read().rsplit(')', 1)[1].split()
    # utime, stime (+ children, for a forking server) at fields 14..17 (1-based), i.e. 11..14 after ')'
    return (int(f[11]) + int(f[13]), int(f[12]) + int(f[14]))
c = socket.create_connection(('127.0.0.1', port)); r = c.makefile('rb')
def reply():
    line = r.readline()
    while len(line) > 3 and line[3:4] == b'-': line = r.readline()
    return line.decode()
def cmd(s):
    c.sendall((s + '\r\n').encode()); return reply()
reply(); cmd('USER ' + user); cmd('PASS ' + pw); cmd('TYPE I')
p = cmd('EPSV'); dport = int(re.search(r'\|\|\|(\d+)\|', p).group(1))
d = socket.create_connection(('127.0.0.1', dport))
c.sendall(('STOR ' + name + '\r\n').encode()); first = reply(); assert first.startswith(('150', '125')), first
u0, s0 = cpu(); t0 = time.time()
with open(path, 'rb') as f: n = d.sendfile(f)
d.shutdown(socket.SHUT_WR); t1 = time.time(); d.recv(1); d.close()
last = reply(); t2 = time.time(); u1, s1 = cpu()
assert last.startswith('226'), last
cmd('QUIT')
print(f'{n / (t2 - t0) / 1e6:.0f} MB/s send {t1 - t0:.2f} s last byte to 226 {t2 - t1:.3f} s cpu user {(u1 - u0) / 100:.2f} sys {(s1 - s0) / 100:.2f}')
