# SPDX-License-Identifier: GPL-2.0-or-later
# Helpers for the guest scenarios (busybox sh; sourced by
# /tests/scenarios/*.sh inside the test guest).
#
# Result lines, read by tests/guest/run.sh on the host:
#   PASS: <check>
#   FAIL: <check>: <reason>
#   SKIP: <check>: <reason>
# Check names: letters, digits, '-', '_', '.'; no spaces.
# Other output is free-form ("INFO: ..." by convention).
# "UPLOAD: <name> <sha256>" announces a file POSTed to the host helper
# (tests/guest/hostsrv.py) for the host to verify.
# shellcheck shell=sh

# The static busybox runs its own applets before searching PATH, so the
# iproute2 ip (in /usr/local/sbin) needs a function (busybox's ip lacks
# most of what the tests use).  ethtool and iperf3 are not applets.
ip() { /usr/local/sbin/ip "$@"; }

# if_by_mac MAC: the name of the netdev with that address.
if_by_mac() {
    _m=$(echo "$1" | tr A-F a-f)
    for _d in /sys/class/net/*; do
        if [ "$(cat "$_d/address" 2>/dev/null)" = "$_m" ]; then
            basename "$_d"
            return 0
        fi
    done
    return 1
}

# The NIC under test (found by its MAC once the drivers are loaded).
IF=${IGBTEST_IF:-$(if_by_mac "${IGBTEST_MAC:-none}" || echo eth0)}
# The peer NIC of scenarios with a "# peer:" header (run.sh).
PEER_IF=
[ -n "${IGBTEST_PEER_MAC:-}" ] && PEER_IF=$(if_by_mac "$IGBTEST_PEER_MAC")
# The host helper, reached through slirp guestfwd (see run.sh).
HOSTSRV=${IGBTEST_HOSTSRV:-10.0.2.100}

pass() { echo "PASS: $1"; }
fail() {
    _c=$1
    shift
    echo "FAIL: $_c: $*"
    return 1
}
skip() {
    _c=$1
    shift
    echo "SKIP: $_c: $*"
}
info() { echo "INFO: $*"; }
# die REASON: report the scenario as aborted and stop it.
die() {
    echo "FAIL: aborted: $*"
    exit 0
}

# check NAME CMD...: PASS when CMD succeeds, else FAIL with its last output.
check() {
    _c=$1
    shift
    if _out=$("$@" 2>&1); then
        pass "$_c"
    else
        fail "$_c" "'$*' failed: $(echo "$_out" | tail -n 3 | tr '\n' ' ')"
    fi
}

# expect_eq NAME ACTUAL EXPECTED
expect_eq() {
    if [ "$2" = "$3" ]; then
        pass "$1"
    else
        fail "$1" "got '$2', expected '$3'"
    fi
}

# expect_ge NAME ACTUAL MIN [WHAT]: a number at least MIN.
expect_ge() {
    if [ "${2:-0}" -ge "$3" ]; then
        pass "$1"
    else
        fail "$1" "${4:-got} ${2:-nothing}, expected $3 or more"
    fi
}

# expect_match NAME TEXT PATTERN (grep -E)
expect_match() {
    if echo "$2" | grep -Eq -- "$3"; then
        pass "$1"
    else
        fail "$1" "no match for '$3'"
    fi
}

# uptime_cs: seconds since boot, in hundredths (integer).
uptime_cs() {
    _u=$(cut -d' ' -f1 /proc/uptime)
    echo $(( ${_u%.*} * 100 + 1${_u#*.} - 100 ))
}

# wait_until SECS CMD...: poll CMD every 0.2 s until it succeeds.
wait_until() {
    _end=$(( $(uptime_cs) + $1 * 100 ))
    shift
    while ! "$@" >/dev/null 2>&1; do
        [ "$(uptime_cs)" -ge "$_end" ] && return 1
        sleep 0.2
    done
    return 0
}

carrier_up() { [ "$(cat "/sys/class/net/${1:-$IF}/carrier" 2>/dev/null)" = 1 ]; }

# Load the drivers of the PCI and virtio devices present (there is no
# udev); again after devices appear (e.g. SR-IOV VFs).  PCI first: virtio
# devices appear when virtio_pci binds.
coldplug() {
    for _b in pci virtio; do
        for _f in /sys/bus/$_b/devices/*/modalias; do
            [ -e "$_f" ] && modprobe -q "$(cat "$_f")" 2>/dev/null
        done
    done
    return 0
}

# dhcp [IF]: lease an address with busybox udhcpc.
dhcp() {
    udhcpc -i "${1:-$IF}" -n -q -t 5 -T 3 \
        -s /usr/share/udhcpc/default.script
}

# ipv4_of [IF]: the interface's first IPv4 address, without prefix.
ipv4_of() {
    ip -4 -o addr show dev "${1:-$IF}" | awk '{ print $4; exit }' |
        cut -d/ -f1
}

# sha256_of FILE
sha256_of() { sha256sum "$1" | cut -d' ' -f1; }

# rate KIB CENTISECONDS: "N KiB/s" for INFO lines.
rate() { echo "$(( $1 * 100 / ($2 > 0 ? $2 : 1) )) KiB/s"; }

# fetch NAME DEST: GET http://$HOSTSRV/NAME (file NAME of the host helper).
fetch() { wget -q -O "$2" "http://$HOSTSRV/$1"; }

# upload NAME FILE: POST FILE to the host helper; prints the sha256 the
# host computed, and announces the upload for the host-side check.
# (busybox wget --post-file stops at the first NUL byte, so the request is
# written by hand and sent with nc, which half-closes at the end of input.)
upload() {
    _n=$(wc -c < "$2")
    _r=$({ printf 'POST /upload/%s HTTP/1.0\r\nContent-Length: %s\r\n\r\n' \
               "$1" "$_n"
           cat "$2"; } | nc "$HOSTSRV" 80 | tr -d '\r') || return 1
    echo "UPLOAD: $1 $(sha256_of "$2")" >&2
    case $_r in
    'HTTP/1.0 200 '*) echo "$_r" | tail -n 1 ;;
    *) echo "upload $1: $(echo "$_r" | head -n 1)" >&2; return 1 ;;
    esac
}

# Kernel and driver state worth having in the log of a failure.
dump_netdev() {
    _i=${1:-$IF}
    echo "--- ip -s -d link show $_i"
    ip -s -d link show "$_i"
    echo "--- ethtool $_i"
    ethtool "$_i"
    echo "--- ethtool -S $_i (non-zero)"
    ethtool -S "$_i" 2>/dev/null | awk -F: '$2 + 0 != 0'
}

# host_request NAME: ask the host hook (host_during in NAME.host.sh, which
# waits with wait_request NAME) to act; the guest then watches the effect.
host_request() { echo "IGBTEST-HOST: $1"; }

# --- the peer NIC in its own network namespace ----------------------------
# peer_ns ADDR/PREFIX: move $PEER_IF into the network namespace "peer", up,
# with that address; in the peer, IPv6 off (no stray multicast).
peer_ns() {
    [ -n "$PEER_IF" ] || return 1
    ip netns add peer || return 1
    ip link set "$PEER_IF" netns peer || return 1
    pexec sysctl -qw net.ipv6.conf.all.disable_ipv6=1
    pexec ip link set lo up
    pexec ip link set "$PEER_IF" up
    pexec ip addr add "$1" dev "$PEER_IF"
}
# pexec CMD...: run CMD in the peer's network namespace.
pexec() { /usr/local/sbin/ip netns exec peer "$@"; }

# --- counters --------------------------------------------------------------
# ethstat NAME [IF]: one `ethtool -S` counter (empty if there is none).
ethstat() {
    ethtool -S "${2:-$IF}" 2>/dev/null |
        awk -v k="$1:" '$1 == k { print $2; exit }'
}
# rxq_packets [IF]: packets the driver took from all of its RX queues
# (what passed the NIC's filters).
rxq_packets() {
    ethtool -S "${1:-$IF}" 2>/dev/null |
        awk '$1 ~ /^rx_queue_[0-9]+_packets:$/ { n += $2 } END { print n + 0 }'
}

# --- TCP transfers without the host (busybox nc) ----------------------------
# tcp_server [-n] PORT SHELL-CMD: a one-connection TCP server on PORT in the
# background (-n: in the peer namespace) that runs SHELL-CMD with the
# connection as standard input and output, e.g. 'cat > /tmp/f' or
# 'cat /tmp/f'; returns once it listens (SERVER_PID: its process).
# (A plain "nc -l" half-closes at once when its standard input is empty,
# and busybox nc then stops sending: hence -e.)
tcp_server() {
    _ns=
    if [ "$1" = -n ]; then
        _ns="/usr/local/sbin/ip netns exec peer"
        shift
    fi
    _sc=/tmp/.server-$1
    printf '#!/bin/sh\n%s\n' "$2" > "$_sc"
    chmod +x "$_sc"
    $_ns nc -l -p "$1" -e "$_sc" &
    # shellcheck disable=SC2034
    SERVER_PID=$!
    wait_until 10 sh -c "$_ns netstat -ltn | grep -q ':$1 '"
}
# tcp_send ADDR PORT FILE / tcp_recv ADDR PORT FILE: the client end
# (60 s at most).
tcp_send() { timeout 60 nc "$1" "$2" < "$3"; }
tcp_recv() { timeout 60 nc "$1" "$2" < /dev/null > "$3"; }
