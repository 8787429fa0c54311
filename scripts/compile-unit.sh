#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# Compile some of our C files alone, without linking QEMU:
#   scripts/compile-unit.sh igb_rx igb_filter ...
# Applies the series to build/qemu-src first. Serialised with a lock, so
# several developers can share one build tree.
set -euo pipefail
. "$(dirname "$0")/config.sh"
exec 9>"$build/.ninja.lock"
flock 9
python3 "$top/scripts/series.py" apply >/dev/null
objs=()
for u in "$@"; do
    u=${u%.c}
    u=${u##*/}
    objs+=("libcommon.a.p/hw_net_$u.c.o")
done
ninja -C "$qemu_build" "${objs[@]}"
