#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# description: against a peer NIC (virtio-net in its own network
#   namespace): 802.1Q sub-interface traffic with and without VLAN
#   offloads, VLAN filtering, MTU 9000 (big ping, TCP both ways), multicast
#   join/leave, allmulti and promiscuous mode, a second unicast address
#   (macvlan), TCP over IPv6 (TSO6)
# devices: igb
# peer: virtio-net-pci
# timeout: 200
. /tests/lib.sh

[ -n "$PEER_IF" ] || die "no peer NIC (igbtest_peer_mac=${IGBTEST_PEER_MAC:-})"
info "NIC $IF, peer $PEER_IF ($(basename \
    "$(readlink "/sys/class/net/$PEER_IF/device/driver" 2>/dev/null)"))"
ip link set "$IF" up
sysctl -qw "net.ipv6.conf.$IF.disable_ipv6=1"
sysctl -qw net.ipv4.icmp_echo_ignore_broadcasts=0
peer_ns 10.9.0.2/24 || die "cannot move $PEER_IF into a network namespace"
ip addr add 10.9.0.1/24 dev "$IF"
# Static neighbours: no ARP traffic to disturb the counters below.
pmac=$(pexec cat "/sys/class/net/$PEER_IF/address")
mac=$(cat "/sys/class/net/$IF/address")
ip neigh replace 10.9.0.2 lladdr "$pmac" dev "$IF" nud permanent
pexec ip neigh replace 10.9.0.1 lladdr "$mac" dev "$PEER_IF" nud permanent
wait_until 30 carrier_up || fail link-up "no carrier on $IF"
check ping-peer ping -c 2 -W 5 10.9.0.2

# xfer NAME ADDR KIB: KIB KiB to the peer and KIB back, sha256 checked.
port=5000
xfer() {
    head -c $(( $3 * 1024 )) /dev/urandom > /tmp/x
    want=$(sha256_of /tmp/x)
    port=$((port + 1))
    rm -f /tmp/x.peer /tmp/x.back
    tcp_server -n $port 'cat > /tmp/x.peer' || fail "$1-server" "no listener"
    tcp_send "$2" $port /tmp/x || info "$1: nc to $2 failed"
    wait "$SERVER_PID"
    expect_eq "$1-to-peer" "$(sha256_of /tmp/x.peer)" "$want"
    port=$((port + 1))
    tcp_server -n $port 'cat /tmp/x' || fail "$1-server" "no listener"
    tcp_recv "$2" $port /tmp/x.back || info "$1: nc from $2 failed"
    wait "$SERVER_PID"
    expect_eq "$1-from-peer" "$(sha256_of /tmp/x.back)" "$want"
    rm -f /tmp/x /tmp/x.peer /tmp/x.back
}
# pping ADDR: 3 quick pings from the peer; prints how many were answered.
pping() {
    pexec ping -c 3 -i 0.2 -W 1 "$1" 2>/dev/null |
        sed -n 's/.* \([0-9]*\) packets received.*/\1/p'
}

# --- VLAN ------------------------------------------------------------------
ip link add link "$IF" name "$IF.100" type vlan id 100
pexec ip link add link "$PEER_IF" name v100 type vlan id 100
ip link set "$IF.100" up
pexec ip link set v100 up
ip addr add 10.9.100.1/24 dev "$IF.100"
pexec ip addr add 10.9.100.2/24 dev v100
check vlan-ping ping -c 2 -W 5 10.9.100.2
xfer vlan-tcp 10.9.100.2 1024
# VLAN tag stripping and insertion off (igb switches both together: the
# 82576 has one switch, CTRL.VME): the stack handles the tags.
check vlan-offload-off ethtool -K "$IF" rxvlan off
k=$(ethtool -k "$IF")
expect_match vlan-rx-offload-off "$k" '^rx-vlan-offload: off'
expect_match vlan-tx-offload-off "$k" '^tx-vlan-offload: off'
check vlan-ping-offload-off ping -c 2 -W 5 10.9.100.2
xfer vlan-tcp-offload-off 10.9.100.2 256
check vlan-offload-on ethtool -K "$IF" rxvlan on
expect_match vlan-tx-offload-on "$(ethtool -k "$IF")" '^tx-vlan-offload: on'
# Frames of a VLAN the NIC is not a member of are filtered out (VFTA).
pexec ip link add link "$PEER_IF" name v200 type vlan id 200
pexec ip link set v200 up
pexec ip addr add 10.9.200.2/24 dev v200
pexec ip neigh replace 10.9.200.1 lladdr "$mac" dev v200 nud permanent
n0=$(rxq_packets)
pexec ping -c 3 -i 0.2 -W 1 10.9.200.1 > /dev/null 2>&1
expect_eq vlan-filter-other-vid "$(( $(rxq_packets) - n0 ))" 0
n0=$(rxq_packets)
pexec ping -c 3 -i 0.2 -W 1 10.9.100.1 > /dev/null 2>&1
expect_ge vlan-filter-own-vid "$(( $(rxq_packets) - n0 ))" 3 "frames received:"
ip link del "$IF.100"
pexec ip link del v100
pexec ip link del v200

# --- jumbo frames ----------------------------------------------------------
check mtu-9000 ip link set "$IF" mtu 9000
pexec ip link set "$PEER_IF" mtu 9000
expect_eq mtu-9000-set "$(cat "/sys/class/net/$IF/mtu")" 9000
wait_until 30 carrier_up || info "no carrier after the MTU change"
check jumbo-ping ping -c 2 -W 5 -s 8972 10.9.0.2
r0=$(ethstat rx_bytes) p0=$(ethstat rx_packets) q0=$(rxq_packets)
t0=$(ethstat tx_bytes) tp0=$(ethstat tx_packets)
xfer jumbo-tcp 10.9.0.2 2048
# The NIC's counters (GPRC, read by the driver) follow the driver's own:
# the checks below rely on them.  (igb stops reading them while it
# believes the link speed unknown.)
expect_eq nic-stats-follow "$(( $(ethstat rx_packets) - p0 ))" \
    "$(( $(rxq_packets) - q0 ))"
# The mean frame sizes (the NIC's counters), both ways.
rb=$(( $(ethstat rx_bytes) - r0 ))
rp=$(( $(ethstat rx_packets) - p0 ))
tb=$(( $(ethstat tx_bytes) - t0 ))
tp=$(( $(ethstat tx_packets) - tp0 ))
info "jumbo: rx $rp frames $rb bytes, tx $tp frames $tb bytes"
if [ "$rp" -gt 0 ] && [ $(( rb / rp )) -gt 4000 ]; then
    pass jumbo-rx-frames
else
    fail jumbo-rx-frames "mean received frame $(( rb / (rp > 0 ? rp : 1) ))"
fi
if [ "$tp" -gt 0 ] && [ $(( tb / tp )) -gt 4000 ]; then
    pass jumbo-tx-frames
else
    fail jumbo-tx-frames "mean sent frame $(( tb / (tp > 0 ? tp : 1) ))"
fi
check mtu-1500 ip link set "$IF" mtu 1500
pexec ip link set "$PEER_IF" mtu 1500
wait_until 30 carrier_up || info "no carrier after the MTU change"
check ping-after-mtu ping -c 2 -W 5 -s 1472 10.9.0.2
# A jumbo frame to a 1500-byte NIC is dropped (RLPML), and counted as an
# oversize frame (ROC: rx_long_length_errors, in rx_errors).
pexec ip link set "$PEER_IF" mtu 9000
n0=$(rxq_packets) l0=$(ethstat rx_long_length_errors)
pexec ping -c 2 -i 0.2 -W 1 -s 8000 10.9.0.1 > /dev/null 2>&1
expect_eq jumbo-dropped-at-1500 "$(( $(rxq_packets) - n0 ))" 0
oversize=$(( $(ethstat rx_long_length_errors) - l0 ))
expect_eq jumbo-counted-oversize "$oversize" 2
pexec ip link set "$PEER_IF" mtu 1500

# --- multicast -------------------------------------------------------------
pexec ip route add 224.0.0.0/4 dev "$PEER_IF"
grp=239.1.2.3 gmac=01:00:5e:01:02:03
m0=$(ethstat rx_multicast)
expect_eq mcast-not-joined "$(pping $grp)" 0
expect_eq mcast-not-joined-filtered "$(( $(ethstat rx_multicast) - m0 ))" 0
check mcast-join ip addr add $grp/32 dev "$IF" autojoin
expect_match mcast-maddr-listed "$(ip maddr show dev "$IF")" "link +$gmac"
m0=$(ethstat rx_multicast)
expect_eq mcast-joined-answers "$(pping $grp)" 3
expect_ge mcast-joined-received "$(( $(ethstat rx_multicast) - m0 ))" 3 \
    "rx_multicast +"
check mcast-leave ip addr del $grp/32 dev "$IF"
if ip maddr show dev "$IF" | grep -q "$gmac"; then
    fail mcast-maddr-gone "$gmac still listed"
else
    pass mcast-maddr-gone
fi
m0=$(ethstat rx_multicast)
expect_eq mcast-left "$(pping $grp)" 0
expect_eq mcast-left-filtered "$(( $(ethstat rx_multicast) - m0 ))" 0

# allmulti: every multicast frame is received (the stack, not joined,
# does not answer).
check allmulti-on ip link set "$IF" allmulticast on
m0=$(ethstat rx_multicast)
pping $grp > /dev/null
expect_ge allmulti-received "$(( $(ethstat rx_multicast) - m0 ))" 3 \
    "rx_multicast +"
check allmulti-off ip link set "$IF" allmulticast off
m0=$(ethstat rx_multicast)
pping $grp > /dev/null
expect_eq allmulti-off-filtered "$(( $(ethstat rx_multicast) - m0 ))" 0

# --- promiscuous mode ------------------------------------------------------
# Unicast frames for another MAC reach the driver only in promiscuous mode.
pexec ip neigh replace 10.9.0.99 lladdr 52:54:00:de:ad:01 dev "$PEER_IF" \
    nud permanent
n0=$(rxq_packets)
pping 10.9.0.99 > /dev/null
expect_eq promisc-off-filtered "$(( $(rxq_packets) - n0 ))" 0
check promisc-on ip link set "$IF" promisc on
expect_match promisc-flag "$(ip link show "$IF")" PROMISC
n0=$(rxq_packets)
pping 10.9.0.99 > /dev/null
expect_ge promisc-received "$(( $(rxq_packets) - n0 ))" 3 "frames received:"
check promisc-off ip link set "$IF" promisc off
n0=$(rxq_packets)
pping 10.9.0.99 > /dev/null
expect_eq promisc-off-again "$(( $(rxq_packets) - n0 ))" 0
check ping-peer-end ping -c 2 -W 5 10.9.0.2

# --- a second unicast address (macvlan: igb puts it in a RAR entry) ---------
mvmac=52:54:00:12:34:99
if ip link add link "$IF" name mv0 address $mvmac type macvlan mode bridge
then
    ip link set mv0 up
    ip addr add 10.9.1.1/24 dev mv0
    pexec ip addr add 10.9.1.2/24 dev "$PEER_IF"
    pexec ip neigh replace 10.9.1.1 lladdr $mvmac dev "$PEER_IF" nud permanent
    ip neigh replace 10.9.1.2 lladdr "$pmac" dev mv0 nud permanent
    expect_eq macvlan-answers "$(pping 10.9.1.1)" 3
    # A filter entry, not unicast promiscuous mode: other MACs stay out.
    n0=$(rxq_packets)
    pping 10.9.0.99 > /dev/null
    expect_eq macvlan-other-mac-filtered "$(( $(rxq_packets) - n0 ))" 0
    ip link del mv0
    n0=$(rxq_packets)
    pping 10.9.1.1 > /dev/null
    expect_eq macvlan-removed-filtered "$(( $(rxq_packets) - n0 ))" 0
else
    fail macvlan "cannot add a macvlan on $IF"
fi

# --- IPv6: TSO and checksum offload for TCP over IPv6 ------------------------
sysctl -qw "net.ipv6.conf.$IF.disable_ipv6=0"
pexec sysctl -qw net.ipv6.conf.all.disable_ipv6=0
pexec sysctl -qw "net.ipv6.conf.$PEER_IF.disable_ipv6=0"
ip -6 addr add fd09::1/64 dev "$IF" nodad
pexec ip -6 addr add fd09::2/64 dev "$PEER_IF" nodad
check ping6-peer ping -6 -c 2 -W 5 fd09::2
tso0=$(ethstat tx_tcp_seg_good)
xfer ipv6-tcp fd09::2 1024
expect_ge ipv6-tso-used "$(( $(ethstat tx_tcp_seg_good) - tso0 ))" 1 \
    "tx_tcp_seg_good +"

dump_netdev "$IF"
# (rx_errors: the oversize frames above only.)
expect_eq no-other-rx_errors \
    "$(cat "/sys/class/net/$IF/statistics/rx_errors")" "$oversize"
for c in tx_errors rx_dropped tx_dropped; do
    expect_eq "no-$c" "$(cat "/sys/class/net/$IF/statistics/$c")" 0
done
