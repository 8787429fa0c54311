#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# description: basic, with MSI and MSI-X off in the guest (pci=nomsi): igb
#   on a legacy INTx interrupt.  (An MSI-only run has no switch: igb uses
#   MSI only when MSI-X cannot be enabled, and pci=nomsi turns off both.)
# devices: igb
# append: pci=nomsi
# timeout: 240
#
# Host side: intr-legacy.host.sh (basic's).
. /tests/lib.sh

# (igb requests its interrupt when the interface goes up.)
ip link set "$IF" up
k=$(dmesg)
expect_match driver-uses-legacy "$k" 'igb .*Using legacy interrupts'
irq=$(grep -E "[[:space:]]$IF\$" /proc/interrupts)
echo "    $irq"
if [ -z "$irq" ]; then
    fail intx-line "no $IF line in /proc/interrupts"
elif echo "$irq" | grep -q MSI; then
    fail intx-line "an MSI interrupt: $irq"
else
    pass intx-line
fi
intx_count() {
    grep -E "[[:space:]]$IF\$" /proc/interrupts |
        awk '{ for (i = 2; i <= NF && $i ~ /^[0-9]+$/; i++) s += $i;
               print s + 0 }'
}
i0=$(intx_count)

. /tests/scenarios/basic.sh

i1=$(intx_count)
info "INTx interrupts: $i0 before the traffic, $i1 after"
expect_ge intx-interrupts "$((i1 - i0))" 100 "interrupts during traffic:"
