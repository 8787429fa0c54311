#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# description: ethtool -k lists and -K toggles RX/TX checksum offload,
#   scatter-gather, TSO and VLAN offloads; 1 MiB host->guest and
#   guest->host transfers stay sha256-correct in each setting; the TSO
#   counter (tx_tcp_seg_good) moves with TSO on only
# devices: igb
# timeout: 200
#
# Host side: offloads.host.sh (the download blob, upload checks).
. /tests/lib.sh

[ -e "/sys/class/net/$IF" ] || die "no $IF"
ip link set "$IF" up
wait_until 30 carrier_up || fail link-up "no carrier on $IF"
check dhcp dhcp "$IF"

# feature NAME: on/off as `ethtool -k` shows it.
feature() {
    ethtool -k "$IF" | sed -n "s/^$1: \([a-z]*\).*/\1/p"
}
k=$(ethtool -k "$IF")
echo "$k" | grep -E '^[a-z]' | grep -v fixed | sed 's/^/    /'
for f in rx-checksumming tx-checksumming scatter-gather \
         tcp-segmentation-offload rx-vlan-offload tx-vlan-offload; do
    if echo "$k" | grep -q "^$f: on\$"; then
        pass "default-$f"
    else
        fail "default-$f" "$(echo "$k" | grep "^$f:" || echo "not listed")"
    fi
done

# round NAME 'ETHTOOL -K ARGS' 'FEATURE=on|off ...' TSO(yes|no):
# set the features, check what ethtool -k shows, transfer both ways.
r=0
round() {
    r=$((r + 1))
    # shellcheck disable=SC2086
    check "$1-set" ethtool -K "$IF" $2
    for fv in $3; do
        expect_eq "$1-${fv%=*}" "$(feature "${fv%=*}")" "${fv#*=}"
    done
    if fetch blob /tmp/blob; then
        expect_eq "$1-download-sha256" "$(sha256_of /tmp/blob)" \
            "${IGBTEST_BLOB_SHA:-}"
    else
        fail "$1-download" "wget http://$HOSTSRV/blob failed"
    fi
    rm -f /tmp/blob
    head -c 1048576 /dev/urandom > /tmp/up
    tso0=$(ethstat tx_tcp_seg_good)
    if got=$(upload "$1" /tmp/up); then
        expect_eq "$1-upload-sha256" "$got" "$(sha256_of /tmp/up)"
    else
        fail "$1-upload" "POST to the host failed"
    fi
    tso=$(( $(ethstat tx_tcp_seg_good) - tso0 ))
    info "$1: tx_tcp_seg_good +$tso"
    if [ "$4" = yes ]; then
        expect_ge "$1-tso-used" "$tso" 1 "tx_tcp_seg_good +"
    else
        expect_eq "$1-tso-unused" "$tso" 0
    fi
    rm -f /tmp/up
}
round all-on 'rx on tx on sg on tso on rxvlan on' \
    'rx-checksumming=on tcp-segmentation-offload=on' yes
round tso-off 'tso off' 'tcp-segmentation-offload=off' no
# TSO needs TX checksums: it goes off with them.
round tx-csum-off 'tx off' \
    'tx-checksumming=off tcp-segmentation-offload=off' no
round sg-off 'tx on sg off' \
    'tx-checksumming=on scatter-gather=off tcp-segmentation-offload=off' no
round rx-csum-off 'sg on tso on rx off' \
    'rx-checksumming=off scatter-gather=on tcp-segmentation-offload=on' yes
round vlan-off 'rx on rxvlan off' \
    'rx-checksumming=on rx-vlan-offload=off tx-vlan-offload=off' yes
round all-on-again 'rxvlan on' \
    'rx-vlan-offload=on tx-vlan-offload=on tcp-segmentation-offload=on' yes

dump_netdev "$IF"
n=0
for c in $(ethtool -S "$IF" | awk -F: '/_csum_err:/ { print $1 }'); do
    n=$((n + $(ethstat "$c")))
done
expect_eq no-rx-csum-errors "$n" 0
for c in rx_errors tx_errors rx_dropped tx_dropped; do
    expect_eq "no-$c" "$(cat "/sys/class/net/$IF/statistics/$c")" 0
done
