#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# description: run by tests/libvirt/run.sh in a libvirt domain (SKIP here):
#   igb binds, link, DHCP, ping, TCP both ways with sha256 checks, then a
#   second igb NIC hot-plugged (virsh attach-device) and unplugged again
# devices: libvirt
# timeout: 400
#
# The host side (tests/libvirt/run.sh) serves http://$IGBTEST_HOSTSRV/
# (tests/guest/hostsrv.py behind socat on the host's loopback, which slirp
# shows the guest as 10.0.2.2) and watches this console for the markers
#   IGBTEST-WAIT-HOTPLUG   attach the second NIC now
#   IGBTEST-WAIT-UNPLUG    detach it now
# Kernel arguments: igbtest_mac2 (the second NIC's MAC), igbtest_hostsrv
# (ADDR:PORT), igbtest_blob_size and igbtest_blob_sha (the download).
. /tests/lib.sh

[ "${IGBTEST_DRIVER:-}" = igb ] || die "for the igb driver only"
[ -e "/sys/class/net/$IF" ] || {
    ls -l /sys/class/net
    die "no $IF"
}
bound=$(basename "$(readlink "/sys/class/net/$IF/device/driver")")
expect_eq driver-bound "$bound" igb
expect_eq mac-address "$(cat "/sys/class/net/$IF/address")" \
    "$(echo "${IGBTEST_MAC:-}" | tr A-F a-f)"

# --- link and IPv4 -----------------------------------------------------------
ip link set "$IF" up
if wait_until 30 carrier_up; then
    pass link-up
else
    fail link-up "no carrier on $IF within 30 s"
fi
check dhcp dhcp "$IF"
expect_eq dhcp-address "$(ipv4_of "$IF")" 10.0.2.15
check ping-gateway ping -c 3 -W 5 10.0.2.2

# --- TCP both ways -----------------------------------------------------------
srv=${IGBTEST_HOSTSRV:-}
if [ -n "$srv" ] && [ -n "${IGBTEST_BLOB_SHA:-}" ]; then
    t0=$(uptime_cs)
    if wget -q -O /tmp/blob "http://$srv/blob"; then
        t1=$(uptime_cs)
        size=$(wc -c < /tmp/blob)
        info "download: $size bytes, $(rate $(( size / 1024 )) $(( t1 - t0 )))"
        pass tcp-download
        expect_eq download-size "$size" "${IGBTEST_BLOB_SIZE:-}"
        expect_eq download-sha256 "$(sha256_of /tmp/blob)" "$IGBTEST_BLOB_SHA"
    else
        fail tcp-download "wget http://$srv/blob failed"
    fi
    rm -f /tmp/blob

    head -c $(( 1024 * 1024 )) /dev/urandom > /tmp/up
    sum=$(sha256_of /tmp/up)
    echo "UPLOAD: up1 $sum"
    r=$({ printf 'POST /upload/up1 HTTP/1.0\r\nContent-Length: %s\r\n\r\n' \
            "$(wc -c < /tmp/up)"
          cat /tmp/up; } | nc "${srv%:*}" "${srv##*:}" | tr -d '\r')
    case $r in
    'HTTP/1.0 200 '*)
        pass tcp-upload
        expect_eq upload-sha256 "$(echo "$r" | tail -n 1)" "$sum"
        ;;
    *)
        fail tcp-upload "POST http://$srv/upload/up1: $(echo "$r" | head -n 1)"
        ;;
    esac
    rm -f /tmp/up
else
    skip tcp-download "no igbtest_hostsrv= or igbtest_blob_sha="
fi
for c in rx_errors tx_errors; do
    expect_eq "no-$c" "$(cat "/sys/class/net/$IF/statistics/$c")" 0
done

# --- hot-plug of a second igb ------------------------------------------------
mac2=$(echo "${IGBTEST_MAC2:-}" | tr A-F a-f)
[ -n "$mac2" ] || die "igbtest_mac2= missing from the kernel command line"
# if_by_mac MAC: the netdev with that address, if any.
if_by_mac() {
    for _d in /sys/class/net/*; do
        if [ "$(cat "$_d/address" 2>/dev/null)" = "$1" ]; then
            basename "$_d"
            return 0
        fi
    done
    return 1
}
nic_gone() { ! if_by_mac "$mac2" > /dev/null; }

echo IGBTEST-WAIT-HOTPLUG
if wait_until 120 if_by_mac "$mac2"; then
    pass hotplug-netdev
else
    fail hotplug-netdev "no netdev with MAC $mac2 within 120 s"
    lspci 2>/dev/null
    ls -l /sys/class/net
    echo IGBTEST-WAIT-UNPLUG
    exit 0
fi
if2=$(if_by_mac "$mac2")
info "hot-plugged NIC: $if2 at $(basename "$(readlink -f \
    "/sys/class/net/$if2/device")")"
expect_eq hotplug-driver \
    "$(basename "$(readlink "/sys/class/net/$if2/device/driver")")" igb
ip link set "$if2" up
if wait_until 30 carrier_up "$if2"; then
    pass hotplug-link-up
else
    fail hotplug-link-up "no carrier on $if2 within 30 s"
fi
ip link set "$if2" down
# The first NIC is unaffected.
check ping-gateway-after-hotplug ping -c 2 -W 5 10.0.2.2

echo IGBTEST-WAIT-UNPLUG
if wait_until 120 nic_gone; then
    pass unplug-netdev-gone
else
    fail unplug-netdev-gone "$if2 still there after 120 s"
fi
check ping-gateway-after-unplug ping -c 2 -W 5 10.0.2.2
dump_netdev "$IF"
