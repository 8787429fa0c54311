#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# Prepare the QEMU base in build/qemu-src: Debian's qemu source package
# (patches applied), committed as a pristine tree, then one commit that
# removes QEMU's own igb model. The result is tagged igb-base.
set -euo pipefail
. "$(dirname "$0")/config.sh"

if git -C "$qemu_src" rev-parse -q --verify igb-base >/dev/null 2>&1; then
    exit 0
fi
mkdir -p "$build/dl"
cd "$build/dl"
if ! ls qemu_*.dsc >/dev/null 2>&1; then
    if ! apt-get source -q --download-only "qemu=$QEMU_DEB_VERSION"; then
        echo "fetch-base: qemu $QEMU_DEB_VERSION is gone from the archive;" \
             "falling back to the newest 10.0.x offered" >&2
        ver=$(apt-cache showsrc qemu | awk '/^Version: .*:10\.0\./ {print $2}' |
              sort -V | tail -n1)
        [ -n "$ver" ] || { echo "fetch-base: no QEMU 10.0.x source" >&2; exit 1; }
        echo "fetch-base: using qemu $ver" >&2
        apt-get source -q --download-only "qemu=$ver"
    fi
fi
dsc=$(ls qemu_*.dsc | sort -V | tail -n1)
rm -rf "$qemu_src.tmp"
dpkg-source -x "$dsc" "$qemu_src.tmp" >/dev/null
# dpkg-source applied Debian's patch queue; the debian/ directory itself
# is no part of QEMU.
rm -rf "$qemu_src.tmp/debian" "$qemu_src.tmp/.pc"

cd "$qemu_src.tmp"
git init -q -b master
git config user.name "igb base"
git config user.email "igb-base@localhost"
git add -A -f >/dev/null
git commit -q -m "QEMU $(cat VERSION) (Debian source $dsc)"
git tag pristine
"$top/scripts/remove-upstream-igb.sh" "$qemu_src.tmp"
git add -A -f
git commit -q -m "net: remove the igb model

The igb series re-adds the Intel 82576 model as a new device, written
from the datasheet. Start from a tree without the existing model; the
machine compat entry for igb (x-pcie-flr-init) stays, the new device
provides that property."
git tag igb-base
cd "$build"
rm -rf "$qemu_src"
mv "$qemu_src.tmp" "$qemu_src"
echo "fetch-base: $(git -C "$qemu_src" describe --tags) ready in $qemu_src"
