#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# description: the host takes the link down and up again (QMP set_link):
#   the guest sees carrier 0 then 1, "Link is Down/Up", ethtool's link
#   state, and traffic passes again afterwards
# timeout: 150
#
# Host side: link.host.sh (QMP set_link on the NIC's netdev n0).
. /tests/lib.sh

[ -e "/sys/class/net/$IF" ] || die "no $IF"
ip link set "$IF" up
wait_until 30 carrier_up || fail link-up "no carrier on $IF"
check dhcp dhcp "$IF"
check ping-before ping -c 2 -W 5 10.0.2.2

carrier_down() { ! carrier_up; }
for cycle in 1 2; do
    host_request "link-down-$cycle"
    if wait_until 20 carrier_down; then
        pass "carrier-lost-$cycle"
    else
        fail "carrier-lost-$cycle" "carrier still 1 20 s after set_link off"
    fi
    expect_match "ethtool-link-down-$cycle" "$(ethtool "$IF")" \
        'Link detected: no'
    if ping -c 1 -W 2 10.0.2.2 > /dev/null 2>&1; then
        fail "no-traffic-while-down-$cycle" "the gateway answered"
    else
        pass "no-traffic-while-down-$cycle"
    fi
    host_request "link-up-$cycle"
    if wait_until 30 carrier_up; then
        pass "carrier-back-$cycle"
    else
        fail "carrier-back-$cycle" "no carrier 30 s after set_link on"
    fi
    et=$(ethtool "$IF")
    expect_match "ethtool-link-up-$cycle" "$et" 'Link detected: yes'
    expect_match "ethtool-speed-$cycle" "$et" 'Speed: 1000Mb/s'
    check "ping-after-$cycle" ping -c 2 -W 5 10.0.2.2
done
if fetch blob /tmp/blob; then
    expect_eq download-after-sha256 "$(sha256_of /tmp/blob)" \
        "${IGBTEST_BLOB_SHA:-}"
else
    fail download-after "wget http://$HOSTSRV/blob failed"
fi
k=$(dmesg)
# ("igb 0000:00:01.0 eth0: igb: eth0 NIC Link is Down", e1000e without
# the "igb: eth0" part.)
expect_eq dmesg-link-down \
    "$(echo "$k" | grep " $IF: " | grep -c "NIC Link is Down")" 2
expect_ge dmesg-link-up \
    "$(echo "$k" | grep " $IF: " | grep -c "NIC Link is Up")" 3 \
    "'Link is Up' lines:"
dump_netdev "$IF"
for c in rx_errors tx_errors; do
    expect_eq "no-$c" "$(cat "/sys/class/net/$IF/statistics/$c")" 0
done
