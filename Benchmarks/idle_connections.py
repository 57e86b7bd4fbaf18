#!/usr/bin/env python3
"""Opens N keep-alive connections to a loopback server, sends one request on each, then
holds them idle for HOLD seconds so the server's resident memory can be read.
Usage: idle_connections.py PORT N HOLD [tls]
With `tls` the connections speak TLS (certificate not checked: loopback only)."""
import resource
import socket
import ssl
import sys
import time

port, count, hold = int(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3])
use_tls = len(sys.argv) > 4 and sys.argv[4] == "tls"
soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
resource.setrlimit(resource.RLIMIT_NOFILE, (min(hard, count + 100), hard))
context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
context.check_hostname = False
context.verify_mode = ssl.CERT_NONE
request = b"GET /health HTTP/1.1\r\nHost: bench\r\n\r\n"
sockets = []
for _ in range(count):
    s = socket.create_connection(("127.0.0.1", port))
    if use_tls:
        s = context.wrap_socket(s)
    s.sendall(request)
    sockets.append(s)
answered = 0
for s in sockets:
    s.settimeout(10)
    data = s.recv(4096)
    if data.startswith(b"HTTP/1.1 200"):
        answered += 1
print(f"open={len(sockets)} answered={answered}", flush=True)
time.sleep(hold)
