/*
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * nbtool: the bench guest's small network load generator, built static on
 * the host (scripts/bench/bench.sh) and put into the guest through an
 * initramfs overlay.
 *
 *   nbtool rr-server PORT
 *       TCP echo server: sends back whatever it reads (one client at a
 *       time, forever).
 *   nbtool rr-client ADDR PORT SECS [SIZE]
 *       TCP request/response: writes SIZE bytes (default 1), waits for
 *       SIZE bytes back, again for SECS seconds (TCP_NODELAY).
 *       Prints "rr transactions=N seconds=S rate=R".
 *   nbtool udp-flood ADDR PORT SECS [LEN]
 *       Sends LEN-byte UDP datagrams (default 18: a 64-byte Ethernet frame
 *       with FCS) as fast as the stack takes them, for SECS seconds.
 *       Prints "udp-flood packets=N seconds=S pps=R errors=E".
 *   nbtool udp-sink PORT SECS
 *       Counts UDP datagrams from the first one until the sender has been
 *       quiet for 1 s (or SECS + 5 s have passed); gives up after SECS + 10
 *       s without any.  Prints "udp-sink packets=N bytes=B seconds=S pps=R"
 *       (S: first to last datagram).
 *
 * IPv4 addresses only (no resolver in a static binary).
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define BATCH 64

static double now(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void die(const char *what)
{
    perror(what);
    exit(1);
}

static struct sockaddr_in addr_of(const char *ip, const char *port)
{
    struct sockaddr_in a;

    memset(&a, 0, sizeof(a));
    a.sin_family = AF_INET;
    a.sin_port = htons(atoi(port));
    if (ip == NULL) {
        a.sin_addr.s_addr = htonl(INADDR_ANY);
    } else if (inet_pton(AF_INET, ip, &a.sin_addr) != 1) {
        fprintf(stderr, "nbtool: bad IPv4 address %s\n", ip);
        exit(2);
    }
    return a;
}

/* Read or write exactly n bytes; 0 on success, -1 on EOF or error. */
static int xfer_all(int fd, char *buf, size_t n, int writing)
{
    size_t done = 0;
    ssize_t r;

    while (done < n) {
        r = writing ? write(fd, buf + done, n - done)
                    : read(fd, buf + done, n - done);
        if (r < 0 && errno == EINTR) {
            continue;
        }
        if (r <= 0) {
            return -1;
        }
        done += r;
    }
    return 0;
}

static int rr_server(const char *port)
{
    struct sockaddr_in a = addr_of(NULL, port);
    static char buf[65536];
    int one = 1, ls, fd;
    ssize_t r;

    ls = socket(AF_INET, SOCK_STREAM, 0);
    if (ls < 0) {
        die("socket");
    }
    setsockopt(ls, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
    if (bind(ls, (struct sockaddr *)&a, sizeof(a)) < 0 || listen(ls, 4) < 0) {
        die("bind/listen");
    }
    for (;;) {
        fd = accept(ls, NULL, NULL);
        if (fd < 0) {
            continue;
        }
        setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
        while ((r = read(fd, buf, sizeof(buf))) > 0) {
            if (xfer_all(fd, buf, r, 1) < 0) {
                break;
            }
        }
        close(fd);
    }
    return 0;
}

static int rr_client(const char *ip, const char *port, double secs,
                     size_t size)
{
    struct sockaddr_in a = addr_of(ip, port);
    char *buf = calloc(1, size);
    double t0, t, end;
    uint64_t n = 0;
    int one = 1, fd;

    fd = socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0 || buf == NULL) {
        die("socket");
    }
    if (connect(fd, (struct sockaddr *)&a, sizeof(a)) < 0) {
        die("connect");
    }
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
    t0 = now();
    end = t0 + secs;
    do {
        if (xfer_all(fd, buf, size, 1) < 0 || xfer_all(fd, buf, size, 0) < 0) {
            die("rr transfer");
        }
        n++;
        t = now();
    } while (t < end);
    printf("rr transactions=%llu seconds=%.3f rate=%.1f\n",
           (unsigned long long)n, t - t0, n / (t - t0));
    close(fd);
    return 0;
}

static int udp_flood(const char *ip, const char *port, double secs,
                     size_t len)
{
    struct sockaddr_in a = addr_of(ip, port);
    struct mmsghdr msgs[BATCH];
    struct iovec iov;
    char *buf = calloc(1, len ? len : 1);
    uint64_t n = 0, errors = 0;
    double t0, t, end;
    int fd, i, r;

    fd = socket(AF_INET, SOCK_DGRAM, 0);
    if (fd < 0 || buf == NULL) {
        die("socket");
    }
    if (connect(fd, (struct sockaddr *)&a, sizeof(a)) < 0) {
        die("connect");
    }
    iov.iov_base = buf;
    iov.iov_len = len;
    memset(msgs, 0, sizeof(msgs));
    for (i = 0; i < BATCH; i++) {
        msgs[i].msg_hdr.msg_iov = &iov;
        msgs[i].msg_hdr.msg_iovlen = 1;
    }
    t0 = now();
    end = t0 + secs;
    do {
        r = sendmmsg(fd, msgs, BATCH, 0);
        if (r > 0) {
            n += r;
        } else if (errno != EINTR) {
            /* ECONNREFUSED (ICMP from a late sink), ENOBUFS: go on. */
            errors++;
        }
        t = now();
    } while (t < end);
    printf("udp-flood packets=%llu seconds=%.3f pps=%.1f errors=%llu\n",
           (unsigned long long)n, t - t0, n / (t - t0),
           (unsigned long long)errors);
    close(fd);
    return 0;
}

static int udp_sink(const char *port, double secs)
{
    struct sockaddr_in a = addr_of(NULL, port);
    static char bufs[BATCH][2048];
    struct mmsghdr msgs[BATCH];
    struct iovec iovs[BATCH];
    double start = now(), first = 0, last = 0, t;
    uint64_t n = 0, bytes = 0;
    int fd, i, r, size = 4 << 20;
    struct pollfd p;

    fd = socket(AF_INET, SOCK_DGRAM, 0);
    if (fd < 0) {
        die("socket");
    }
    setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &size, sizeof(size));
    if (bind(fd, (struct sockaddr *)&a, sizeof(a)) < 0) {
        die("bind");
    }
    memset(msgs, 0, sizeof(msgs));
    for (i = 0; i < BATCH; i++) {
        iovs[i].iov_base = bufs[i];
        iovs[i].iov_len = sizeof(bufs[i]);
        msgs[i].msg_hdr.msg_iov = &iovs[i];
        msgs[i].msg_hdr.msg_iovlen = 1;
    }
    printf("udp-sink ready\n");
    fflush(stdout);
    p.fd = fd;
    p.events = POLLIN;
    for (;;) {
        t = now();
        if (n == 0 && t > start + secs + 10) {
            break;
        }
        if (n > 0 && (t > last + 1 || t > first + secs + 5)) {
            break;
        }
        if (poll(&p, 1, 100) <= 0) {
            continue;
        }
        r = recvmmsg(fd, msgs, BATCH, MSG_DONTWAIT, NULL);
        if (r <= 0) {
            continue;
        }
        t = now();
        if (n == 0) {
            first = t;
        }
        last = t;
        n += r;
        for (i = 0; i < r; i++) {
            bytes += msgs[i].msg_len;
        }
    }
    printf("udp-sink packets=%llu bytes=%llu seconds=%.3f pps=%.1f\n",
           (unsigned long long)n, (unsigned long long)bytes, last - first,
           last > first ? n / (last - first) : 0.0);
    close(fd);
    return 0;
}

int main(int argc, char **argv)
{
    const char *cmd = argc > 1 ? argv[1] : "";

    setvbuf(stdout, NULL, _IOLBF, 0);
    if (!strcmp(cmd, "rr-server") && argc == 3) {
        return rr_server(argv[2]);
    }
    if (!strcmp(cmd, "rr-client") && (argc == 5 || argc == 6)) {
        return rr_client(argv[2], argv[3], atof(argv[4]),
                         argc == 6 ? (size_t)atoi(argv[5]) : 1);
    }
    if (!strcmp(cmd, "udp-flood") && (argc == 5 || argc == 6)) {
        return udp_flood(argv[2], argv[3], atof(argv[4]),
                         argc == 6 ? (size_t)atoi(argv[5]) : 18);
    }
    if (!strcmp(cmd, "udp-sink") && argc == 4) {
        return udp_sink(argv[2], atof(argv[3]));
    }
    fprintf(stderr, "usage: nbtool rr-server PORT\n"
            "       nbtool rr-client ADDR PORT SECS [SIZE]\n"
            "       nbtool udp-flood ADDR PORT SECS [LEN]\n"
            "       nbtool udp-sink PORT SECS\n");
    return 2;
}
