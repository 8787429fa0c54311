#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# description: live migration in the middle of traffic: two paced TCP
#   transfers (each way between the NIC and a peer NIC in its own network
#   namespace) run while the host migrates the guest to a second QEMU; the
#   guest sees QEMU's announcement through the NIC, the transfers end
#   there with the right sha256, and the NIC goes on
# peer: virtio-net-pci
# migrate: yes
# memory: 256
# timeout: 240
#
# Host side: migration.host.sh (migrates on the guest's request, checks
# that the transfers ended on the destination).
. /tests/lib.sh

[ -n "$PEER_IF" ] || die "no peer NIC"
ip link set "$IF" up
sysctl -qw "net.ipv6.conf.$IF.disable_ipv6=1"
peer_ns 10.9.0.2/24 || die "cannot move $PEER_IF into a network namespace"
ip addr add 10.9.0.1/24 dev "$IF"
wait_until 30 carrier_up || fail link-up "no carrier on $IF"
check ping-peer ping -c 2 -W 5 10.9.0.2

# Paced data each way (64 KiB pieces of a 2 MiB random file, 0.1 s apart,
# also kept in a copy) until /tmp/stop, which comes after the migration.
head -c 2097152 /dev/urandom > /tmp/up
head -c 2097152 /dev/urandom > /tmp/down
cat > /tmp/pace.sh <<'PACE'
#!/bin/sh
i=0
while [ $i -lt 16 ] || [ ! -e /tmp/stop ]; do
    dd if="$1" bs=65536 skip=$((i % 32)) count=1 2>/dev/null | tee -a "$2"
    sleep 0.1
    i=$((i + 1))
    [ $i -ge 3000 ] && break
done
PACE
chmod +x /tmp/pace.sh
rm -f /tmp/stop /tmp/up.sent /tmp/down.sent
tcp_server -n 5001 'cat > /tmp/up.got' || fail up-server "no listener"
sp1=$SERVER_PID
tcp_server -n 5002 '/tmp/pace.sh /tmp/down /tmp/down.sent' ||
    fail down-server "no listener"
sp2=$SERVER_PID
t0=$(uptime_cs)
/tmp/pace.sh /tmp/up /tmp/up.sent | timeout 150 nc 10.9.0.2 5001 &
c1=$!
tcp_recv 10.9.0.2 5002 /tmp/down.got &
c2=$!
sleep 2
info "transfers running: $(wc -c < /tmp/up.got) bytes up," \
     "$(wc -c < /tmp/down.got) bytes down"
# After the migration QEMU announces each NIC (RARP frames from its MAC):
# the peer's reach the guest, whose stack drops them (rx_dropped).
dropped() { cat "/sys/class/net/$IF/statistics/rx_dropped"; }
d0=$(dropped)
announced() { [ "$(dropped)" -gt "$d0" ]; }
host_request migrate
if wait_until 120 announced; then
    pass announce-received
else
    fail announce-received "no RARP announcement within 120 s"
fi
info "after the migration: $(wc -c < /tmp/up.got) bytes up," \
     "$(wc -c < /tmp/down.got) bytes down"
# Some traffic on the destination before the end.
sleep 2
touch /tmp/stop
wait "$c1" "$c2" "$sp1" "$sp2"
t1=$(uptime_cs)
info "transfers done in $(( t1 - t0 ))0 ms: $(wc -c < /tmp/up.got) bytes" \
     "up, $(wc -c < /tmp/down.got) bytes down"
expect_eq up-sha256 "$(sha256_of /tmp/up.got)" "$(sha256_of /tmp/up.sent)"
expect_eq down-sha256 "$(sha256_of /tmp/down.got)" \
    "$(sha256_of /tmp/down.sent)"
rm -f /tmp/up* /tmp/down*

# The NIC after the migration.
check ping-peer-after ping -c 2 -W 5 10.9.0.2
expect_match link-after "$(ethtool "$IF")" 'Link detected: yes'
dump_netdev "$IF"
# (rx_dropped counts the stack's drops too: after a migration QEMU
# announces the NICs with RARP frames, which nobody here takes.)
info "rx_dropped $(cat "/sys/class/net/$IF/statistics/rx_dropped")"
for c in rx_errors tx_errors rx_fifo_errors rx_missed_errors tx_dropped; do
    expect_eq "no-$c" "$(cat "/sys/class/net/$IF/statistics/$c")" 0
done
