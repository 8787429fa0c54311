#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
#
# The bench guest's side (busybox sh), run by the test guest's /init as
# /tests/scenarios/bench.sh: scripts/bench/bench.sh puts it there with an
# initramfs overlay, with /usr/local/bin/nbtool (scripts/bench/nbtool.c).
#
# Topology: the NIC under test (MAC $IGBTEST_MAC) stays in the root network
# namespace as 10.9.0.1; the peer NIC (virtio-net-pci, MAC
# $IGBTEST_PEERMAC) moves to the namespace "peer" as 10.9.0.2.  QEMU wires
# the two back to back (two -netdev dgram on 127.0.0.1), so every frame of
# a test crosses the NIC under test.
#
# Kernel arguments (as IGBTEST_*): secs=S (each measurement), tests=T,T,...
# from tcp_tx_1500 tcp_rx_1500 tcp_tx_9000 tcp_rx_9000 (iperf3; tx: the NIC
# under test sends), rr (1-byte TCP request/response), udp_tx udp_rx
# (64-byte frames).
#
# Output (read by bench.sh on the host, which samples QEMU's CPU time at
# the markers):
#   BENCH-BEGIN NAME / BENCH-END NAME     around each measurement
#   BENCH-RESULT NAME KEY VALUE           KEY: mbps, tps, transactions,
#                                         pps (received), pps_sent; bytes,
#                                         packets (the NIC under test's
#                                         counters, direction measured),
#                                         all_packets (both directions),
#                                         irqs (its interrupts)
#   PASS: / FAIL: lines for the set-up and each measurement.
. /tests/lib.sh

secs=${IGBTEST_SECS:-5}
tests=$(echo "${IGBTEST_TESTS:-tcp_tx_1500,tcp_rx_1500,rr,udp_tx,udp_rx}" |
        tr , ' ')
dut_ip=10.9.0.1 peer_ip=10.9.0.2
rr_port=7000 udp_port=7001

if_by_mac() {
    for _n in /sys/class/net/*; do
        [ "$(cat "$_n/address")" = "$1" ] && { basename "$_n"; return 0; }
    done
    return 1
}
D=$(if_by_mac "$IGBTEST_MAC") || die "no interface with MAC $IGBTEST_MAC"
P=$(if_by_mac "$IGBTEST_PEERMAC") ||
    die "no interface with MAC $IGBTEST_PEERMAC"
drv=$(basename "$(readlink "/sys/class/net/$D/device/driver")")
info "under test: $D ($drv), peer: $P"
expect_eq driver "$drv" "$IGBTEST_DRIVER"

pip() { ip -n peer "$@"; }
pexec() { ip netns exec peer "$@"; }
ip netns add peer || die "ip netns add failed"
ip link set "$P" netns peer || die "cannot move $P to the peer namespace"
pip link set lo up
pip addr add "$peer_ip/24" dev "$P"
pip link set "$P" up
ip addr add "$dut_ip/24" dev "$D"
ip link set "$D" up
wait_until 30 carrier_up "$D" || die "$D: no carrier"
wait_until 10 ping -c 1 -W 1 "$peer_ip" || die "no ping reply from the peer"
pass setup

pexec iperf3 -s > /tmp/iperf3-server.log 2>&1 &
pexec nbtool rr-server "$rr_port" > /tmp/rr-server.log 2>&1 &
sleep 1

stat_of() { cat "/sys/class/net/$D/statistics/$1"; }
# The interrupt lines of the NIC under test: its PCI function's MSI/MSI-X
# vectors (virtio-net: the virtio device's parent), else its legacy IRQ.
pci_dev=$(readlink -f "/sys/class/net/$D/device")
[ -d "$pci_dev/msi_irqs" ] || pci_dev=$(dirname "$pci_dev")
irqs_of_dut() {
    _l=$(ls "$pci_dev/msi_irqs" 2>/dev/null | tr '\n' ' ')
    [ -n "$_l" ] || _l=$(cat "$pci_dev/irq")
    echo "$_l"
}
dut_irqs=$(irqs_of_dut)
irq_count() {   # interrupts on the NIC under test's lines, all CPUs
    awk -v l=" $dut_irqs " '{ n = $1; sub(":", "", n) }
        index(l, " " n " ") { for (i = 2; i <= NF && $i ~ /^[0-9]+$/; i++)
                                  s += $i }
        END { print s + 0 }' /proc/interrupts
}
info "interrupt lines of $D: $dut_irqs"
set_mtu() {
    ip link set "$D" mtu "$1" && pip link set "$P" mtu "$1" ||
        return 1
    # (Some drivers reset the link on an MTU change.)
    wait_until 30 carrier_up "$D" && wait_until 10 ping -c 1 -W 1 "$peer_ip"
}
begin() {
    _tb=$(stat_of tx_bytes) _rb=$(stat_of rx_bytes)
    _tp=$(stat_of tx_packets) _rp=$(stat_of rx_packets)
    _irq=$(irq_count)
    echo "BENCH-BEGIN $1"
}
# end NAME tx|rx: the marker, then the counters of the direction measured,
# the packets of both directions and the interrupts.
end() {
    echo "BENCH-END $1"
    _atp=$(( $(stat_of tx_packets) - _tp ))
    _arp=$(( $(stat_of rx_packets) - _rp ))
    if [ "$2" = tx ]; then
        echo "BENCH-RESULT $1 bytes $(( $(stat_of tx_bytes) - _tb ))"
        echo "BENCH-RESULT $1 packets $_atp"
    else
        echo "BENCH-RESULT $1 bytes $(( $(stat_of rx_bytes) - _rb ))"
        echo "BENCH-RESULT $1 packets $_arp"
    fi
    echo "BENCH-RESULT $1 all_packets $(( _atp + _arp ))"
    echo "BENCH-RESULT $1 irqs $(( $(irq_count) - _irq ))"
}
result() {   # NAME KEY VALUE
    if [ -n "$3" ]; then
        echo "BENCH-RESULT $1 $2 $3"
        pass "$1"
    else
        fail "$1" "no $2 value"
    fi
}

tcp() {   # NAME tx|rx
    _rev=
    [ "$2" = rx ] && _rev=-R
    begin "$1"
    iperf3 -c "$peer_ip" -t "$secs" -f m $_rev > /tmp/iperf3.out 2>&1
    end "$1" "$2"
    sed 's/^/iperf3: /' /tmp/iperf3.out
    result "$1" mbps "$(awk '/receiver/ {
        for (i = 2; i <= NF; i++) if ($i == "Mbits/sec") print $(i - 1) }' \
        /tmp/iperf3.out)"
}

rr() {
    begin rr
    nbtool rr-client "$peer_ip" "$rr_port" "$secs" > /tmp/rr.out 2>&1
    end rr tx
    cat /tmp/rr.out
    echo "BENCH-RESULT rr transactions" \
         "$(sed -n 's/.* transactions=\([0-9]*\).*/\1/p' /tmp/rr.out)"
    result rr tps "$(sed -n 's/.* rate=\([0-9.]*\).*/\1/p' /tmp/rr.out)"
}

udp() {   # NAME tx|rx
    if [ "$2" = tx ]; then
        pexec nbtool udp-sink "$udp_port" "$secs" > /tmp/sink.out 2>&1 &
        _dst=$peer_ip
    else
        nbtool udp-sink "$udp_port" "$secs" > /tmp/sink.out 2>&1 &
        _dst=$dut_ip
    fi
    _sp=$!
    wait_until 5 grep -q ready /tmp/sink.out
    begin "$1"
    if [ "$2" = tx ]; then
        nbtool udp-flood "$_dst" "$udp_port" "$secs" 18 > /tmp/flood.out 2>&1
    else
        pexec nbtool udp-flood "$_dst" "$udp_port" "$secs" 18 \
            > /tmp/flood.out 2>&1
    fi
    end "$1" "$2"
    wait "$_sp"
    cat /tmp/flood.out /tmp/sink.out
    echo "BENCH-RESULT $1 pps_sent" \
         "$(sed -n 's/.* pps=\([0-9.]*\).*/\1/p' /tmp/flood.out)"
    result "$1" pps "$(sed -n 's/.* pps=\([0-9.]*\).*/\1/p' /tmp/sink.out)"
}

mtu=1500
for t in $tests; do
    case $t in
    *_9000) want=9000 ;;
    *) want=1500 ;;
    esac
    if [ "$want" != "$mtu" ]; then
        set_mtu "$want" || { fail "$t" "cannot set MTU $want"; continue; }
        mtu=$want
    fi
    case $t in
    tcp_tx_*) tcp "$t" tx ;;
    tcp_rx_*) tcp "$t" rx ;;
    rr) rr ;;
    udp_tx) udp udp_tx tx ;;
    udp_rx) udp udp_rx rx ;;
    *) fail "$t" "unknown test" ;;
    esac
done
dump_netdev "$D"
