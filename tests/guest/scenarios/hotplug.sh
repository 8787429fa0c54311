#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# description: PCIe native hot-plug: the host adds an igb to a root port
#   (QMP device_add), the guest binds it, gets a lease and moves data
#   through it, then the host removes it (device_del) while the guest
#   pings through it; plugged in again, it works again; eth0 throughout
# devices: igb
# qemu-args: -device pcie-root-port,id=rp1,chassis=1,slot=2
# timeout: 200
#
# Host side: hotplug.host.sh (second slirp network 10.0.3.0/24 as n1,
# device_add/device_del on QMP).
. /tests/lib.sh

hpmac=52:54:00:12:34:60
[ -e "/sys/class/net/$IF" ] || die "no $IF"
ip link set "$IF" up
wait_until 30 carrier_up || fail link-up "no carrier on $IF"
check dhcp dhcp "$IF"

hpif() { if_by_mac $hpmac; }
hp_gone() { ! hpif > /dev/null; }

# plug N: the host plugs the NIC; it must appear and pass traffic.
plug() {
    host_request "plug-$1"
    if ! wait_until 40 hpif; then
        fail "plug-$1-netdev" "no netdev with $hpmac 40 s after device_add"
        return 1
    fi
    hif=$(hpif)
    bdf=$(basename "$(readlink -f "/sys/class/net/$hif/device")")
    pass "plug-$1-netdev"
    info "plugged: $hif at $bdf"
    expect_eq "plug-$1-driver" \
        "$(basename "$(readlink "/sys/class/net/$hif/device/driver")")" igb
    ip link set "$hif" up
    if wait_until 30 carrier_up "$hif"; then
        pass "plug-$1-link-up"
    else
        fail "plug-$1-link-up" "no carrier on $hif"
    fi
    check "plug-$1-dhcp" dhcp "$hif"
    expect_eq "plug-$1-address" "$(ipv4_of "$hif")" 10.0.3.15
    check "plug-$1-ping" ping -c 2 -W 5 10.0.3.2
}

plug 1 || die "no hot-plugged NIC"
if HOSTSRV=10.0.3.100 fetch blob /tmp/blob; then
    expect_eq plug-1-download-sha256 "$(sha256_of /tmp/blob)" \
        "${IGBTEST_BLOB_SHA:-}"
else
    fail plug-1-download "wget http://10.0.3.100/blob failed"
fi
rm -f /tmp/blob
dump_netdev "$hif" > /dev/null

# Unplug while traffic flows through the NIC (a ping flood in the
# background; its errors once the NIC is gone are expected).
ping -i 0.05 -W 1 10.0.3.2 > /dev/null 2>&1 &
pp=$!
sleep 1
host_request unplug-1
if wait_until 40 hp_gone; then
    pass unplug-1-netdev-gone
else
    fail unplug-1-netdev-gone "$hif still there 40 s after device_del"
fi
kill "$pp" 2>/dev/null
wait "$pp" 2>/dev/null
# (The driver lets go of the netdev first, then the device leaves.)
if wait_until 20 test ! -e "/sys/bus/pci/devices/$bdf"; then
    pass unplug-1-pci-gone
else
    fail unplug-1-pci-gone "$bdf still on the bus"
fi
check eth0-after-unplug ping -c 2 -W 5 10.0.2.2

plug 2
check eth0-at-end ping -c 2 -W 5 10.0.2.2
