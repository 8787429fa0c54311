#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Per-connection HTTP/1.0 responder for the test guest.

QEMU's slirp runs this once per guest TCP connection to a guestfwd address
(-netdev user,restrict=on,guestfwd=tcp:10.0.2.100:80-cmd:...): standard
input and output (and standard error) are that connection.  So it never
listens on a host port and the guest reaches nothing but this.

Usage: hostsrv.py DIR
  GET /NAME            -> the file DIR/NAME
  POST|PUT /upload/NAME -> body stored as DIR/upload-NAME; the reply body is
                          its sha256 (hex) and a newline
Each request is logged to DIR/requests.log.
"""

import hashlib
import os
import re
import sys
import time

NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,100}")
CHUNK = 64 * 1024


def reply(out, code, reason, body=b"", ctype="text/plain"):
    out.write(b"HTTP/1.0 %d %s\r\n" % (code, reason.encode()))
    out.write(b"Content-Type: %s\r\n" % ctype.encode())
    out.write(b"Content-Length: %d\r\nConnection: close\r\n\r\n" % len(body))
    out.write(body)


def serve(top, inp, out):
    line = inp.readline(8192).decode("latin-1").split()
    headers = {}
    while True:
        h = inp.readline(8192)
        if h in (b"\r\n", b"\n", b""):
            break
        k, _, v = h.decode("latin-1").partition(":")
        headers[k.strip().lower()] = v.strip()
    if len(line) < 2:
        reply(out, 400, "Bad Request")
        return "bad request"
    method, path = line[0], line[1].lstrip("/")
    if method == "GET" and NAME.fullmatch(path):
        p = os.path.join(top, path)
        if not os.path.isfile(p):
            reply(out, 404, "Not Found")
            return "GET %s 404" % path
        size = os.path.getsize(p)
        out.write(b"HTTP/1.0 200 OK\r\nContent-Type: application/octet-stream"
                  b"\r\nContent-Length: %d\r\nConnection: close\r\n\r\n" % size)
        with open(p, "rb") as f:
            while True:
                b = f.read(CHUNK)
                if not b:
                    break
                out.write(b)
        return "GET %s 200 %d" % (path, size)
    if method in ("POST", "PUT") and path.startswith("upload/") \
            and NAME.fullmatch(path[7:]):
        n = int(headers.get("content-length", "-1"))
        if n < 0:
            reply(out, 411, "Length Required")
            return "%s %s 411" % (method, path)
        h = hashlib.sha256()
        got = 0
        with open(os.path.join(top, "upload-" + path[7:]), "wb") as f:
            while got < n:
                b = inp.read(min(CHUNK, n - got))
                if not b:
                    break
                h.update(b)
                f.write(b)
                got += len(b)
        if got != n:
            reply(out, 400, "Short Body", b"short %d/%d\n" % (got, n))
            return "%s %s short %d/%d" % (method, path, got, n)
        reply(out, 200, "OK", h.hexdigest().encode() + b"\n")
        return "%s %s 200 %d %s" % (method, path, n, h.hexdigest())
    reply(out, 404, "Not Found")
    return "%s %s 404" % (method, path)


def main():
    top = sys.argv[1]
    # Standard error is the guest's connection too: keep it silent.
    sys.stderr = open(os.devnull, "w")
    t0 = time.time()
    try:
        what = serve(top, sys.stdin.buffer, sys.stdout.buffer)
        sys.stdout.buffer.flush()
    except Exception as e:  # noqa: BLE001 - report anything to the log
        what = "error %r" % (e,)
    with open(os.path.join(top, "requests.log"), "a") as f:
        f.write("%s %.2fs\n" % (what, time.time() - t0))


if __name__ == "__main__":
    main()
