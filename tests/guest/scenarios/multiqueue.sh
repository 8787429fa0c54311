#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# description: 4 CPUs: igb uses 4 RX and 4 TX queues, each with its own
#   MSI-X vector (the 82576 has enough: eth0-rx-0..3, eth0-tx-0..3), RSS
#   spreads parallel TCP flows over the RX queues; ethtool -L combined 8
#   (queue pairs: eth0-TxRx-0..7) and 2, and ethtool -X (RETA) change the
#   spread
# devices: igb
# smp: 4
# timeout: 240
#
# Host side: multiqueue.host.sh (the download blob).
. /tests/lib.sh

[ -e "/sys/class/net/$IF" ] || die "no $IF"
ip link set "$IF" up
wait_until 30 carrier_up || fail link-up "no carrier on $IF"
check dhcp dhcp "$IF"

# vectors: the interrupt names of the NIC's queue vectors, one line.
vectors() {
    grep -Eo "$IF-(TxRx|rx|tx)-[0-9]+" /proc/interrupts | tr '\n' ' '
}
# vector_irqs NAME: the interrupts vector NAME has taken (all CPUs).
vector_irqs() {
    grep " $1\$" /proc/interrupts |
        awk '{ for (i = 2; i <= NF && $i ~ /^[0-9]+$/; i++) s += $i;
               print s + 0 }'
}
# qcount: the RX queues the driver has (ethtool -S).
qcount() { ethtool -S "$IF" | grep -c 'rx_queue_[0-9]*_packets:'; }
# qsnap: "packets of RX queue 0, 1, ..." on one line.
qsnap() {
    ethtool -S "$IF" | awk '$1 ~ /^rx_queue_[0-9]+_packets:$/ {
        printf "%s ", $2 }'
}
# flows NAME N: N parallel downloads (N TCP flows, random guest ports),
# sha256 checked; then QDELTA holds each RX queue's packets during them.
flows() {
    _before=$(qsnap)
    _i=0
    while [ $_i -lt "$2" ]; do
        fetch blob "/tmp/flow$_i" &
        _i=$((_i + 1))
    done
    wait
    _after=$(qsnap)
    _bad=0
    _i=0
    while [ $_i -lt "$2" ]; do
        [ "$(sha256_of "/tmp/flow$_i")" = "${IGBTEST_BLOB_SHA:-}" ] ||
            _bad=$((_bad + 1))
        rm -f "/tmp/flow$_i"
        _i=$((_i + 1))
    done
    expect_eq "$1-sha256" "$_bad bad" "0 bad"
    # shellcheck disable=SC2086
    QDELTA=$(echo $_before / $_after | awk '{
        n = (NF - 1) / 2
        for (i = 1; i <= n; i++) printf "%d ", $(n + 1 + i) - $i }')
    info "$1: RX queue packets $QDELTA"
}
# busy MIN: how many queues of QDELTA got MIN packets or more.
busy() { echo "$QDELTA" | awk -v m="$1" '{
    for (i = 1; i <= NF; i++) if ($i >= m) n++ } END { print n + 0 }'; }

grep -E 'eth|MSI' /proc/interrupts | sed 's/^/    /'
v=$(vectors)
info "vectors: $v"
expect_eq queue-vectors-4 "$v" "$IF-rx-0 $IF-rx-1 $IF-rx-2 $IF-rx-3 \
$IF-tx-0 $IF-tx-1 $IF-tx-2 $IF-tx-3 "
expect_match msix-other-vector "$(grep -E " $IF\$" /proc/interrupts)" MSI
expect_eq rx-queues-4 "$(qcount)" 4
expect_match channels-4 "$(ethtool -l "$IF")" 'Combined:[[:space:]]+4'
ethtool -x "$IF" | head -n 4 | sed 's/^/    /'

flows rss-4q 8
expect_ge rss-spreads-4q "$(busy 20)" 2 "queues with traffic:"
# The RX vectors of the busy queues took interrupts, the TX vectors too
# (the flows' ACKs go out through several TX queues: XPS by CPU).
n=0 nq=0 nt=0
for q in $QDELTA; do
    if [ "$q" -ge 20 ]; then
        nq=$((nq + 1))
        [ "$(vector_irqs "$IF-rx-$n")" -gt 0 ] && nt=$((nt + 1))
    fi
    n=$((n + 1))
done
expect_eq rx-vectors-interrupting "$nt of $nq busy" "$nq of $nq busy"
n=0
for q in 0 1 2 3; do
    [ "$(vector_irqs "$IF-tx-$q")" -gt 0 ] && n=$((n + 1))
done
expect_ge tx-vectors-interrupting "$n" 2 "TX vectors with interrupts:"

# 8 queues: more than half of the 82576's 8 RSS queues, so igb pairs
# them (one vector per RX/TX pair).
check channels-set-8 ethtool -L "$IF" combined 8
wait_until 30 carrier_up || fail link-up-8q "no carrier after ethtool -L"
v=$(vectors)
info "vectors: $v"
expect_eq queue-vectors-8 "$(echo "$v" | wc -w) $(echo "$v" | grep -o TxRx |
                                                  wc -l)" "8 8"
expect_eq rx-queues-8 "$(qcount)" 8
flows rss-8q 12
expect_ge rss-spreads-8q "$(busy 20)" 3 "queues with traffic:"

# 2 queues, not paired.
check channels-set-2 ethtool -L "$IF" combined 2
wait_until 30 carrier_up || fail link-up-2q "no carrier after ethtool -L"
expect_eq queue-vectors-2 "$(vectors)" \
    "$IF-rx-0 $IF-rx-1 $IF-tx-0 $IF-tx-1 "
expect_eq rx-queues-2 "$(qcount)" 2
check ping-2q ping -c 2 -W 5 10.0.2.2
flows rss-2q 12
expect_eq rss-spreads-2q "$(busy 20)" 2

# The redirection table: everything to queue 1, then back to both.
check reta-queue1 ethtool -X "$IF" weight 0 1
r=$(ethtool -x "$IF")
expect_eq reta-shows-queue1 "$(echo "$r" | awk '/^ *[0-9]+:/ {
    for (i = 2; i <= NF; i++) if ($i != 1) n++ } END { print n + 0 }')" 0
flows reta-q1 6
# shellcheck disable=SC2086
set -- $QDELTA
expect_ge reta-q1-gets-all "${2:-0}" 100 "queue 1 packets"
if [ "${1:-0}" -le 5 ]; then
    pass reta-q0-idle
else
    fail reta-q0-idle "queue 0 took $1 packets"
fi
check reta-default ethtool -X "$IF" default
flows reta-default 12
expect_eq reta-default-spreads "$(busy 20)" 2

dump_netdev "$IF"
for c in rx_errors tx_errors rx_dropped tx_dropped; do
    expect_eq "no-$c" "$(cat "/sys/class/net/$IF/statistics/$c")" 0
done
