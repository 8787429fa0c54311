#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# description: SR-IOV: 2 VFs on the igb PF, igbvf binds to both, the PF
#   hands each VF its MAC through the mailbox, VF link and MSI-X, DHCP and
#   ping from each VF, VF to VF through the NIC's switch, VF FLR and
#   re-init, PF traffic with VFs on, VFs off again
# devices: igb
# timeout: 300
# memory: 768
. /tests/lib.sh

[ "${IGBTEST_DRIVER:-}" = igb ] || die "for the igb PF driver only"
[ -e "/sys/class/net/$IF" ] || die "no $IF"
pf=$(readlink -f "/sys/class/net/$IF/device")
info "PF at $(basename "$pf")"

expect_eq sriov-totalvfs "$(cat "$pf/sriov_totalvfs")" 7

# --- VFs on ------------------------------------------------------------------
ip link set "$IF" up
check sriov-enable sh -c "echo 2 > $pf/sriov_numvfs"
expect_eq sriov-numvfs "$(cat "$pf/sriov_numvfs")" 2
vf0=$(readlink -f "$pf/virtfn0")
vf1=$(readlink -f "$pf/virtfn1")
for v in "$vf0" "$vf1"; do
    info "VF $(basename "$v"): $(cat "$v/vendor"):$(cat "$v/device")"
done
expect_eq vf-device-id "$(cat "$vf0/vendor"):$(cat "$vf0/device")" \
    0x8086:0x10ca

# The PF gives the VFs their MACs before igbvf binds (mailbox reset reply).
ip link set "$IF" vf 0 mac 52:54:00:00:00:10
ip link set "$IF" vf 1 mac 52:54:00:00:00:11
coldplug
vfdrv() { basename "$(readlink "$1/driver" 2>/dev/null)" 2>/dev/null; }
vfif() { ls "$1/net" 2>/dev/null | head -n 1; }
wait_until 20 test -n "$(vfif "$vf1")"
expect_eq vf0-driver "$(vfdrv "$vf0")" igbvf
expect_eq vf1-driver "$(vfdrv "$vf1")" igbvf
if0=$(vfif "$vf0")
if1=$(vfif "$vf1")
info "VF netdevs: ${if0:-none} ${if1:-none}"
[ -n "$if0" ] && [ -n "$if1" ] || die "no VF netdevs"
expect_eq vf0-mac "$(cat "/sys/class/net/$if0/address")" 52:54:00:00:00:10
expect_eq vf1-mac "$(cat "/sys/class/net/$if1/address")" 52:54:00:00:00:11

# --- VF link and interrupts --------------------------------------------------
ip link set "$if0" up
ip link set "$if1" up
if wait_until 30 carrier_up "$if0"; then
    pass vf0-link-up
else
    fail vf0-link-up "no carrier on $if0 within 30 s"
fi
wait_until 30 carrier_up "$if1" && pass vf1-link-up ||
    fail vf1-link-up "no carrier on $if1 within 30 s"
msix=$(grep -c "$if0" /proc/interrupts)
expect_eq vf0-msix-vectors "$msix" 3
ethtool -S "$if0" | sed 's/^/    /'
ip link show "$IF" | sed 's/^/    /'
expect_match pf-shows-vf0 "$(ip link show "$IF")" \
    'vf 0 .*52:54:00:00:00:10'

# VF traffic through the PF's port: DHCP and ping from a VF (receive needs
# VMDq pool selection by MAC address; broadcasts are replicated).
check vf0-dhcp dhcp "$if0"
info "VF0 address $(ipv4_of "$if0")"
check vf0-ping-gateway ping -c 3 -W 5 10.0.2.2
check vf1-dhcp dhcp "$if1"
check vf1-ping-gateway ping -I "$if1" -c 3 -W 5 10.0.2.2
ip addr flush dev "$if0"
ip addr flush dev "$if1"

# VF to VF through the 82576's own switch (DTXSWC loopback): VF1 in a
# network namespace of its own, a subnet that the wire does not know.
ip netns add vf1ns
ip link set "$if1" netns vf1ns
ip netns exec vf1ns ip link set "$if1" up
ip netns exec vf1ns ip addr add 192.168.77.2/24 dev "$if1"
ip addr add 192.168.77.1/24 dev "$if0"
wait_until 30 ip netns exec vf1ns cat "/sys/class/net/$if1/carrier"
check vf-to-vf-ping ping -c 3 -W 5 192.168.77.2
lb=$(ip netns exec vf1ns ethtool -S "$if1" |
     awk '/lbrx_packets:/ { print $2; exit }')
if [ "${lb:-0}" -gt 0 ]; then
    pass vf1-lbrx-counted
else
    fail vf1-lbrx-counted "VF1 lbrx_packets ${lb:-none}"
fi
ip addr flush dev "$if0"
ip netns exec vf1ns ip link set "$if1" down
ip netns exec vf1ns ip link set "$if1" netns 1
# (the driver's counters: ethtool -S shows the device's VFGPTC...)
tx=$(cat "/sys/class/net/$if0/statistics/tx_packets")
if [ "${tx:-0}" -gt 0 ]; then
    pass vf0-tx-completed
else
    fail vf0-tx-completed "VF tx_packets ${tx:-none}"
fi
info "VF0 device counters: $(ethtool -S "$if0" | awk '/_packets:/' |
    tr -s ' \n' ' ')"

# --- VF FLR and re-init ------------------------------------------------------
# (igbvf's reset_prepare/reset_done expect the interface up: an FLR of a
# VF whose interface is down hangs in napi_disable(), a driver bug.)
check vf0-flr sh -c "echo 1 > $vf0/reset"
if wait_until 30 carrier_up "$if0"; then
    pass vf0-link-after-flr
else
    fail vf0-link-after-flr "no carrier on $if0 within 30 s after FLR"
fi

# --- the PF keeps working with VFs on ---------------------------------------
if wait_until 30 carrier_up "$IF"; then
    pass pf-link-up
else
    fail pf-link-up "no carrier on $IF"
fi
check pf-dhcp dhcp "$IF"
check pf-ping-gateway ping -c 3 -W 5 10.0.2.2

# --- VFs off -----------------------------------------------------------------
ip link set "$if0" down
ip link set "$if1" down
check sriov-disable sh -c "echo 0 > $pf/sriov_numvfs"
expect_eq sriov-numvfs-0 "$(cat "$pf/sriov_numvfs")" 0
if wait_until 30 carrier_up "$IF"; then
    pass pf-link-after-disable
else
    fail pf-link-after-disable "no carrier on $IF"
fi
check pf-ping-after-disable ping -c 3 -W 5 10.0.2.2
dump_netdev "$IF"
