#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""One QMP command for the guest test hooks (tests/guest/run.sh).

Usage: qmp.py [--timeout S] SOCKET COMMAND [ARGUMENTS-JSON]

Connects to QEMU's QMP server at the unix socket SOCKET (waiting up to S
seconds, default 10, for it to appear), negotiates capabilities, runs
COMMAND with the given arguments and prints its "return" value as JSON on
one line.  Asynchronous events are skipped.  Exit status 1 when QEMU
answers with an error (its description goes to standard error), 2 when it
cannot be reached or does not answer in time.
"""

import json
import socket
import sys
import time


def fail(code, msg):
    sys.stderr.write("qmp.py: %s\n" % msg)
    sys.exit(code)


def connect(path, deadline):
    while True:
        s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        try:
            s.connect(path)
            return s
        except OSError as e:
            s.close()
            if time.time() >= deadline:
                fail(2, "cannot connect to %s: %s" % (path, e))
            time.sleep(0.1)


class Conn:
    def __init__(self, sock, deadline):
        self.sock = sock
        self.deadline = deadline
        self.buf = b""

    def message(self):
        while b"\n" not in self.buf:
            left = self.deadline - time.time()
            if left <= 0:
                fail(2, "no answer in time")
            self.sock.settimeout(left)
            try:
                data = self.sock.recv(65536)
            except socket.timeout:
                fail(2, "no answer in time")
            if not data:
                fail(2, "QEMU closed the connection")
            self.buf += data
        line, _, self.buf = self.buf.partition(b"\n")
        return json.loads(line)

    def execute(self, cmd, args=None):
        msg = {"execute": cmd}
        if args is not None:
            msg["arguments"] = args
        self.sock.sendall(json.dumps(msg).encode() + b"\n")
        while True:
            m = self.message()
            if "return" in m:
                return m["return"]
            if "error" in m:
                fail(1, "%s: %s" % (cmd, m["error"].get("desc", m["error"])))
            # An event: not ours.


def main():
    argv = sys.argv[1:]
    timeout = 10.0
    if len(argv) >= 2 and argv[0] == "--timeout":
        timeout = float(argv[1])
        argv = argv[2:]
    if len(argv) not in (2, 3):
        fail(2, "usage: qmp.py [--timeout S] SOCKET COMMAND [ARGS-JSON]")
    args = json.loads(argv[2]) if len(argv) == 3 else None
    deadline = time.time() + timeout
    conn = Conn(connect(argv[0], deadline), deadline)
    greeting = conn.message()
    if "QMP" not in greeting:
        fail(2, "not a QMP greeting: %r" % (greeting,))
    conn.execute("qmp_capabilities")
    print(json.dumps(conn.execute(argv[1], args)))


if __name__ == "__main__":
    main()
