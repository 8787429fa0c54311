#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# description: driver binds, ethtool -i, MAC, link up (1000/Full), DHCP,
#   ping the slirp gateway, 4 MiB host->guest and 2 MiB guest->host TCP
#   transfers with sha256 checks on both ends, no error counters
# timeout: 240
#
# Host side: basic.host.sh (makes the download blob, verifies uploads).
. /tests/lib.sh

drv=${IGBTEST_DRIVER:-}
[ -n "$drv" ] || die "igbtest_driver= missing from the kernel command line"

# --- binding ---------------------------------------------------------------
[ -e "/sys/class/net/$IF" ] || {
    ls -l /sys/class/net
    die "no $IF"
}
bound=$(basename "$(readlink "/sys/class/net/$IF/device/driver")")
expect_eq driver-bound "$bound" "$drv"
eti=$(ethtool -i "$IF" 2>&1)
echo "$eti" | sed 's/^/    /'
expect_match ethtool-i-driver "$eti" "^driver: $drv\$"
expect_match ethtool-i-bus-info "$eti" \
    '^bus-info: [0-9a-f]{4}:[0-9a-f]{2}:[0-9a-f]{2}\.[0-7]$'
expect_eq mac-address "$(cat "/sys/class/net/$IF/address")" \
    "$(echo "${IGBTEST_MAC:-}" | tr A-F a-f)"

# --- link ------------------------------------------------------------------
ip link set "$IF" up
if wait_until 30 carrier_up; then
    pass link-up
else
    fail link-up "no carrier on $IF within 30 s"
fi
et=$(ethtool "$IF" 2>&1)
echo "$et" | grep -E 'Speed|Duplex|Auto-negotiation|Link detected' |
    sed 's/^/    /'
if [ -n "${IGBTEST_SPEED:-}" ]; then
    expect_match link-speed "$et" "Speed: ${IGBTEST_SPEED}Mb/s"
    expect_match link-duplex "$et" "Duplex: ${IGBTEST_DUPLEX:-Full}"
else
    skip link-speed "no expected speed for ${IGBTEST_DEVICE:-this NIC}"
fi
expect_match link-detected "$et" 'Link detected: yes'

# --- IPv4 ------------------------------------------------------------------
check dhcp dhcp "$IF"
expect_eq dhcp-address "$(ipv4_of "$IF")" 10.0.2.15
check ping-gateway ping -c 3 -W 5 10.0.2.2

# --- host -> guest ---------------------------------------------------------
if [ -n "${IGBTEST_BLOB_SHA:-}" ]; then
    t0=$(uptime_cs)
    if fetch blob /tmp/blob; then
        t1=$(uptime_cs)
        size=$(wc -c < /tmp/blob)
        info "download: $size bytes in $(( t1 - t0 ))0 ms," \
             "$(rate $(( size / 1024 )) $(( t1 - t0 )))"
        pass tcp-download
        expect_eq download-size "$size" "${IGBTEST_BLOB_SIZE:-}"
        expect_eq download-sha256 "$(sha256_of /tmp/blob)" "$IGBTEST_BLOB_SHA"
    else
        fail tcp-download "wget http://$HOSTSRV/blob failed"
    fi
    rm -f /tmp/blob
else
    skip tcp-download "no igbtest_blob_sha= (host hook missing?)"
fi

# --- guest -> host ---------------------------------------------------------
head -c $(( 2 * 1024 * 1024 )) /dev/urandom > /tmp/up
t0=$(uptime_cs)
if r=$(upload up1 /tmp/up); then
    t1=$(uptime_cs)
    info "upload: 2097152 bytes in $(( t1 - t0 ))0 ms," \
         "$(rate 2048 $(( t1 - t0 )))"
    pass tcp-upload
    expect_eq upload-sha256 "$r" "$(sha256_of /tmp/up)"
else
    fail tcp-upload "POST http://$HOSTSRV/upload/up1 failed"
fi
rm -f /tmp/up

# --- counters --------------------------------------------------------------
dump_netdev "$IF"
for c in rx_errors tx_errors rx_dropped tx_dropped; do
    expect_eq "no-$c" "$(cat "/sys/class/net/$IF/statistics/$c")" 0
done
