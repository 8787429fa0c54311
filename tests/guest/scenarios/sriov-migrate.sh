#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# description: SR-IOV across a live migration: a VF in use (DHCP, ping,
#   MSI-X) when the guest migrates; on the destination the VF and the PF
#   keep their addresses, link, interrupts and mailbox, and pass traffic
# devices: igb
# migrate: yes
# memory: 768
# timeout: 300
#
# Host side: sriov-migrate.host.sh (migrates on request, checks that the
# checks after the migration ran on the destination).
. /tests/lib.sh

[ "${IGBTEST_DRIVER:-}" = igb ] || die "for the igb PF driver only"
pf=$(readlink -f "/sys/class/net/$IF/device")
ip link set "$IF" up
echo 2 > "$pf/sriov_numvfs" || die "cannot enable VFs"
ip link set "$IF" vf 0 mac 52:54:00:00:00:10
coldplug
vf0=$(readlink -f "$pf/virtfn0")
wait_until 20 test -d "$vf0/net" || die "no VF netdev"
if0=$(ls "$vf0/net" | head -n 1)
ip link set "$if0" up
wait_until 30 carrier_up "$if0" || fail vf0-link "no carrier on $if0"
check vf0-dhcp dhcp "$if0"
check vf0-ping-before ping -c 2 -W 5 10.0.2.2
vfirqs() { grep "$if0" /proc/interrupts | awk '{ n += $2 + $3 } END { print n }'; }
i0=$(vfirqs)

host_request migrate
# The host quits the source once the destination runs; give it time.
sleep 20
info "after the migration window"
check vf0-ping-after ping -c 3 -W 5 10.0.2.2
expect_eq vf0-mac-after "$(cat "/sys/class/net/$if0/address")" \
    52:54:00:00:00:10
i1=$(vfirqs)
if [ "$i1" -gt "$i0" ]; then
    pass vf0-irqs-after
else
    fail vf0-irqs-after "VF interrupts $i0 before, $i1 after"
fi
# The mailbox after the migration: a VF reset is a full PF/VF handshake.
ip link set "$if0" down
ip link set "$if0" up
wait_until 30 carrier_up "$if0" && pass vf0-link-after ||
    fail vf0-link-after "no carrier on $if0 after re-init"
check vf0-ping-reinit ping -c 2 -W 5 10.0.2.2
ip addr flush dev "$if0"
check pf-dhcp-after dhcp "$IF"
check pf-ping-after ping -c 2 -W 5 10.0.2.2
