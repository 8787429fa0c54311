#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# description: IEEE 1588 between two igb ports wired together (the peer
#   in its own network namespace): ethtool -T shows the PTP hardware clock
#   and hardware time stamping; ptp4l -H as master on one port and as
#   slave on the other, over L2 and over UDPv4: no missing TX time stamp,
#   RX time stamps, the slave's servo locks with offsets of microseconds
# devices: igb
# arches: x86_64 aarch64
# peer: igb,bus=ptp-peer-port
# qemu-args: -device pcie-root-port,id=ptp-peer-port,chassis=9
# timeout: 300
. /tests/lib.sh

[ -n "$PEER_IF" ] || die "no peer NIC (igbtest_peer_mac=${IGBTEST_PEER_MAC:-})"
ip link set "$IF" up
sysctl -qw "net.ipv6.conf.$IF.disable_ipv6=1"
peer_ns 10.9.0.2/24 || die "cannot move $PEER_IF into a network namespace"
ip addr add 10.9.0.1/24 dev "$IF"
wait_until 30 carrier_up || fail link-up "no carrier on $IF"
check ping-peer ping -c 2 -W 5 10.9.0.2

# --- what the driver offers ------------------------------------------------
ts=$(ethtool -T "$IF")
echo "$ts" | sed 's/^/    /'
expect_match ts-hw-transmit "$ts" 'hardware-transmit'
expect_match ts-hw-receive "$ts" 'hardware-receive'
expect_match ts-phc "$ts" 'PTP Hardware Clock: [0-9]'
expect_match ts-rx-filter-v2-event "$ts" 'ptpv2-event'

# --- ptp4l, master and slave -------------------------------------------------
mkdir -p /var/run
# ptp4l waits 1 ms for a TX time stamp by default: too short for a guest
# on TCG, whose driver thread may not even run in that time.
opts="-H -m --tx_timestamp_timeout=100"
# Two ptp4l share one file system: their UNIX sockets need names of their
# own (linuxptp 4 adds a read-only one).
ro_master=''
ro_slave=
case "$(ptp4l -v 2>&1)" in
[4-9]*) ro_master=--uds_ro_address=/var/run/ptp4lro-master
        ro_slave=--uds_ro_address=/var/run/ptp4lro-slave ;;
esac
info "ptp4l $(ptp4l -v 2>&1)"
# run_ptp NAME TRANSPORT-OPTION: 40 s of ptp4l; the logs in /tmp/NAME.*
run_ptp() {
    name=$1
    shift
    # shellcheck disable=SC2086
    ptp4l -i "$IF" $opts "$@" --uds_address=/var/run/ptp4l-master \
        $ro_master > "/tmp/$name.master" 2>&1 &
    mpid=$!
    # shellcheck disable=SC2086
    pexec ptp4l -i "$PEER_IF" $opts -s "$@" \
        --uds_address=/var/run/ptp4l-slave $ro_slave \
        > "/tmp/$name.slave" 2>&1 &
    spid=$!
    sleep 40
    kill "$mpid" "$spid" 2>/dev/null
    wait "$mpid" "$spid" 2>/dev/null
    echo "  master ($name):"
    tail -n 5 "/tmp/$name.master" | sed 's/^/    /'
    echo "  slave ($name):"
    tail -n 8 "/tmp/$name.slave" | sed 's/^/    /'
}

# check_ptp NAME: the master sent with hardware TX stamps, the slave locked
check_ptp() {
    name=$1
    m=/tmp/$name.master
    s=/tmp/$name.slave
    if grep -qiE 'timed out while polling for tx timestamp|fault' "$m" "$s"
    then
        fail "$name-no-faults" "$(grep -ihE 'timed out|fault' "$m" "$s" |
            head -n 2)"
    else
        pass "$name-no-faults"
    fi
    if grep -q 'assuming the grand master role' "$m"; then
        pass "$name-master-role"
    else
        fail "$name-master-role" "ptp4l on $IF did not become master"
    fi
    # "master offset N s2 freq F path delay D": s2 is a locked servo
    locked=$(grep -cE 'master offset +-?[0-9]+ s2 ' "$s")
    if [ "$locked" -ge 5 ]; then
        pass "$name-slave-locked"
    else
        fail "$name-slave-locked" "$locked locked samples in 40 s"
    fi
    # Both clocks count QEMU's virtual time, which runs with the host's:
    # what remains is the host time between the two stamps of a message,
    # 3-6 us of path delay whose jitter the servo chases (medians of 0.4
    # to 4 us seen, on busy and idle hosts). A wrong stamp (another
    # message's, a stale one) would be off by a sync interval.
    med=$(grep -E 'master offset +-?[0-9]+ s2 ' "$s" |
        awk '{ for (i = 1; i < NF; i++) if ($i == "offset") {
                   o = $(i + 1); print (o < 0 ? -o : o) } }' |
        sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] + 0 }')
    if [ "$locked" -ge 5 ] && [ "$med" -le 20000 ]; then
        pass "$name-offset-small"
        info "$name: median |offset| $med ns over $locked locked samples"
    else
        fail "$name-offset-small" "median |offset| $med ns"
    fi
}

run_ptp l2 -2
check_ptp l2
run_ptp udp4 -4
check_ptp udp4

# The drivers counted no skipped or lost time stamps, on either side
for side in master slave; do
    if [ $side = master ]; then
        st=$(ethtool -S "$IF")
    else
        st=$(pexec ethtool -S "$PEER_IF")
    fi
    for c in tx_hwtstamp_timeouts tx_hwtstamp_skipped rx_hwtstamp_cleared
    do
        v=$(echo "$st" | awk -v c="$c:" '$1 == c { print $2 }')
        expect_eq "$side-$c" "$v" 0
    done
done
