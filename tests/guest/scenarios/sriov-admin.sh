#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# description: SR-IOV administration from the PF: all 7 VFs with igbvf and
#   link, a port VLAN (ip link set PF vf N vlan V: VMVIR insertion, per-pool
#   stripping with VMOLR.STRVLAN), anti-spoofing (spoofchk: a forged source
#   MAC from a macvlan on a VF is dropped and reported through WVBR),
#   trust (a VF may replace the MAC the PF gave it), PF reset with VFs on,
#   VFs off and on again
# devices: igb
# timeout: 420
# memory: 1024
. /tests/lib.sh

[ "${IGBTEST_DRIVER:-}" = igb ] || die "for the igb PF driver only"
[ -e "/sys/class/net/$IF" ] || die "no $IF"
pf=$(readlink -f "/sys/class/net/$IF/device")
info "PF $IF at $(basename "$pf")"
sysctl -qw net.ipv6.conf.all.disable_ipv6=1
sysctl -qw net.ipv6.conf.default.disable_ipv6=1
# ARP answers only from the interface that holds the address (else a VF
# left in this namespace answers for the PF's addresses)
sysctl -qw net.ipv4.conf.all.arp_ignore=1

vfdrv() { basename "$(readlink "$1/driver" 2>/dev/null)" 2>/dev/null; }
vfif() { ls "$1/net" 2>/dev/null | head -n 1; }
# nsx NS CMD...: CMD in network namespace NS.
nsx() {
    _ns=$1
    shift
    /usr/local/sbin/ip netns exec "$_ns" "$@"
}
ns_carrier() {
    [ "$(nsx "$1" cat "/sys/class/net/$2/carrier" 2>/dev/null)" = 1 ]
}
rx_of() { cat "/sys/class/net/$1/statistics/rx_packets"; }
# answered CMD...: how many echo replies a ping command got.
answered() {
    "$@" 2>/dev/null | sed -n 's/.* \([0-9]*\) packets received.*/\1/p'
}

# --- 7 VFs -------------------------------------------------------------------
ip link set "$IF" up
check sriov-enable-7 sh -c "echo 7 > $pf/sriov_numvfs"
expect_eq sriov-numvfs-7 "$(cat "$pf/sriov_numvfs")" 7
n=0
while [ $n -lt 7 ]; do
    ip link set "$IF" vf $n mac "52:54:00:00:00:2$n"
    n=$((n + 1))
done
coldplug
wait_until 60 test -n "$(vfif "$pf/virtfn6")"
vfs=
n=0
while [ $n -lt 7 ]; do
    v=$(readlink -f "$pf/virtfn$n")
    i=$(vfif "$v")
    [ "$(vfdrv "$v")" = igbvf ] && [ -n "$i" ] && vfs="$vfs $i"
    [ -n "$i" ] && ip link set "$i" up
    n=$((n + 1))
done
set -- $vfs
expect_eq vf7-netdevs "$#" 7
[ $# -ge 2 ] || die "VF netdevs: '$vfs'"
up=0
for i in "$@"; do
    wait_until 30 carrier_up "$i" && up=$((up + 1))
done
expect_eq vf7-link-up "$up" 7
if0=$1
if1=$2
expect_eq vf0-mac "$(cat "/sys/class/net/$if0/address")" 52:54:00:00:00:20
info "VFs:$vfs"
# the VFs not used below are left down
shift 2
for i in "$@"; do
    ip link set "$i" down
done

# --- port VLAN: ip link set PF vf 0 vlan 10 ------------------------------------
# VF0 in a namespace without any VLAN configuration; the PF talks to it on
# VLAN 10 through the NIC's switch. The PF's VLAN device counts only tagged
# frames: that the VF's frames reach it shows the insertion (VMVIR).
ip link add link "$IF" name "$IF.10" type vlan id 10
ip link set "$IF.10" up
ip addr add 192.168.80.1/24 dev "$IF.10"
ip netns add ns0
ip link set "$if0" netns ns0
nsx ns0 ip link set lo up
nsx ns0 ip link set "$if0" up
nsx ns0 ip addr add 192.168.80.2/24 dev "$if0"
wait_until 30 ns_carrier ns0 "$if0" || info "no carrier on $if0 in ns0"

before=$(rx_of "$IF.10")
got=$(answered nsx ns0 ping -c 2 -W 2 192.168.80.1)
expect_eq untagged-vf-not-on-vlan "${got:-0}/$(( $(rx_of "$IF.10") - before ))" \
    0/0

check pf-set-vf-vlan ip link set "$IF" vf 0 vlan 10
expect_match pf-shows-vf0-vlan "$(ip link show "$IF")" 'vf 0 .*vlan 10'
before=$(rx_of "$IF.10")
check vf0-ping-pf-vlan nsx ns0 ping -c 3 -W 5 192.168.80.1
expect_ge pf-vlan-rx-tagged $(( $(rx_of "$IF.10") - before )) 3 \
    "frames on $IF.10:" ||
    info "neighbours: VF0 $(nsx ns0 ip neigh | tr '\n' ';')" \
        "PF $(ip neigh | tr '\n' ';')"
# The PF's own pool without stripping (no VLAN offload: CTRL.VME and the
# PF pool's VMOLR.STRVLAN off): VF0's pool still strips, VF0 still answers.
ethtool -K "$IF" rxvlan off
before=$(rx_of "$IF.10")
check vf0-vlan-pf-rxvlan-off ping -c 3 -W 5 192.168.80.2
expect_ge pf-vlan-rx-software-untag $(( $(rx_of "$IF.10") - before )) 3 \
    "frames on $IF.10:"
ethtool -K "$IF" rxvlan on
check vf0-vlan-pf-rxvlan-on ping -c 2 -W 5 192.168.80.2

# --- trust: the VF replaces the MAC the PF gave it -------------------------
if nsx ns0 ip link set "$if0" address 52:54:00:00:00:aa 2>/dev/null; then
    fail vf0-mac-change-untrusted "the PF accepted a new MAC for VF 0"
else
    pass vf0-mac-change-untrusted
fi
expect_eq vf0-mac-kept "$(nsx ns0 cat "/sys/class/net/$if0/address")" \
    52:54:00:00:00:20
check pf-set-vf-trust ip link set "$IF" vf 0 trust on
expect_match pf-shows-vf0-trust "$(ip link show "$IF")" \
    'vf 0 .*trust on'
check vf0-mac-change-trusted nsx ns0 ip link set "$if0" address \
    52:54:00:00:00:aa
expect_match pf-shows-vf0-new-mac "$(ip link show "$IF")" \
    'vf 0 .*52:54:00:00:00:aa'
ip neigh flush dev "$IF.10"
nsx ns0 ip neigh flush dev "$if0"
check vf0-ping-after-mac-change nsx ns0 ping -c 2 -W 5 192.168.80.1

# --- TX rate limit: ip link set PF vf 0 max_tx_rate R ----------------------
# TCP from VF0 to the PF (through the NIC's switch) for 3 s, without and
# with a limit of R Mbit/s (RTTDQSEL/RTTBCNRC pace VF0's queue).
# vf0_mbps: the receiver's rate in whole Mbit/s.
vf0_mbps() {
    nsx ns0 iperf3 -c 192.168.80.1 -t 3 -f m 2>/dev/null |
        awk '/receiver/ { for (i = 2; i <= NF; i++)
                              if ($i == "Mbits/sec") print int($(i - 1)) }'
}
rate=20
if command -v iperf3 >/dev/null 2>&1; then
    iperf3 -s -D -B 192.168.80.1 >/dev/null 2>&1
    sleep 1
    free=$(vf0_mbps)
    check pf-set-vf-rate ip link set "$IF" vf 0 max_tx_rate $rate
    expect_match pf-shows-vf0-rate "$(ip link show "$IF")" \
        "vf 0 .*max_tx_rate $rate"
    limited=$(vf0_mbps)
    info "VF0 to PF: ${free:-?} Mbit/s free, ${limited:-?} Mbit/s at $rate"
    expect_ge vf0-unlimited-above-rate "${free:-0}" $((rate * 3 / 2)) \
        "unlimited Mbit/s:"
    if [ "${limited:-0}" -ge $((rate / 4)) ] &&
       [ "${limited:-0}" -le $((rate * 5 / 4)) ]; then
        pass vf0-rate-limited
    else
        fail vf0-rate-limited "${limited:-no} Mbit/s, limit $rate"
    fi
    check pf-clear-vf-rate ip link set "$IF" vf 0 max_tx_rate 0
    killall iperf3 2>/dev/null
else
    skip vf0-rate-limited "no iperf3 in the image"
fi

# --- anti-spoofing: a forged source MAC from VF 1 ---------------------------
# A macvlan on VF1 sends with its own source address, which the PF never
# gave VF1 (and does not let it add, VF1 being untrusted).
forged=52:54:00:00:01:99
ip addr add 192.168.81.1/24 dev "$IF"
ip netns add ns1
ip link set "$if1" netns ns1
nsx ns1 ip link set lo up
nsx ns1 ip link set "$if1" up
nsx ns1 ip link add link "$if1" name mv1 address $forged type macvlan
nsx ns1 ip link set mv1 up
nsx ns1 ip addr add 192.168.81.3/24 dev mv1
wait_until 30 ns_carrier ns1 "$if1" || info "no carrier on $if1 in ns1"
expect_match pf-shows-vf1-spoofchk "$(ip link show "$IF")" \
    'vf 1 .*spoof checking on'
oos=$(ethstat tx_dma_out_of_sync)
nsx ns1 ping -c 3 -W 2 192.168.81.1 >/dev/null 2>&1
expect_eq spoofed-not-received \
    "$(ip neigh show 192.168.81.3 dev "$IF" | grep -c $forged)" 0
expect_ge spoof-interrupt $(( $(ethstat tx_dma_out_of_sync) - oos )) 1 \
    "tx_dma_out_of_sync went up by"
if wait_until 15 sh -c "dmesg | grep -q 'Spoof event(s) detected on VF 1'"
then
    pass spoof-event-logged
else
    fail spoof-event-logged "no 'Spoof event(s) detected on VF 1'"
fi
check pf-set-vf-spoofchk-off ip link set "$IF" vf 1 spoofchk off
oos=$(ethstat tx_dma_out_of_sync)
nsx ns1 ping -c 3 -W 2 192.168.81.1 >/dev/null 2>&1
expect_eq forged-received-spoofchk-off \
    "$(ip neigh show 192.168.81.3 dev "$IF" | grep -c $forged)" 1
expect_eq no-spoof-interrupt-spoofchk-off \
    $(( $(ethstat tx_dma_out_of_sync) - oos )) 0
nsx ns1 ip link del mv1

# --- PF reset with VFs on ----------------------------------------------------
check pf-down ip link set "$IF" down
check pf-up ip link set "$IF" up
if wait_until 30 carrier_up "$IF"; then
    pass pf-link-after-reset
else
    fail pf-link-after-reset "no carrier on $IF"
fi
if wait_until 30 ns_carrier ns0 "$if0"; then
    pass vf0-link-after-pf-reset
else
    fail vf0-link-after-pf-reset "no carrier on $if0"
fi
if wait_until 40 nsx ns0 ping -c 1 -W 2 192.168.80.1; then
    pass vf0-vlan-traffic-after-pf-reset
else
    fail vf0-vlan-traffic-after-pf-reset "no answer from 192.168.80.1"
fi
expect_match pf-keeps-vf0-config "$(ip link show "$IF")" \
    'vf 0 .*52:54:00:00:00:aa.*vlan 10'

# --- VFs off, then 2 VFs again -----------------------------------------------
nsx ns0 ip link set "$if0" down
nsx ns1 ip link set "$if1" down
check sriov-disable sh -c "echo 0 > $pf/sriov_numvfs"
expect_eq sriov-numvfs-0 "$(cat "$pf/sriov_numvfs")" 0
expect_eq vf-netdevs-gone "$(ls /sys/bus/pci/drivers/igbvf | grep -c :)" 0
ip netns del ns0
ip netns del ns1
check sriov-reenable-2 sh -c "echo 2 > $pf/sriov_numvfs"
expect_eq sriov-numvfs-2 "$(cat "$pf/sriov_numvfs")" 2
coldplug
wait_until 30 test -n "$(vfif "$pf/virtfn1")"
v0=$(vfif "$(readlink -f "$pf/virtfn0")")
[ -n "$v0" ] || die "no VF netdev after re-enabling"
# a fresh VF 0: no port VLAN any more, untagged traffic with the PF
if ip link show "$IF" | grep -Eq 'vf 0 .*vlan 10'; then
    fail pf-vf0-config-cleared "VF 0 still has VLAN 10"
else
    pass pf-vf0-config-cleared
fi
ip netns add ns2
ip link set "$v0" netns ns2
nsx ns2 ip link set "$v0" up
nsx ns2 ip addr add 192.168.81.5/24 dev "$v0"
if wait_until 30 ns_carrier ns2 "$v0"; then
    pass vf0-link-after-reenable
else
    fail vf0-link-after-reenable "no carrier on $v0"
fi
wait_until 30 carrier_up "$IF" || info "no carrier on $IF"
check vf0-ping-pf-after-reenable nsx ns2 ping -c 3 -W 5 192.168.81.1
nsx ns2 ip link set "$v0" down
check sriov-disable-again sh -c "echo 0 > $pf/sriov_numvfs"
ip addr flush dev "$IF"
wait_until 30 carrier_up "$IF" || info "no carrier on $IF"
check pf-dhcp-after dhcp "$IF"
check pf-ping-gateway-after ping -c 2 -W 5 10.0.2.2
dump_netdev "$IF"
