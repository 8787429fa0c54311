#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# Configure (once) and build QEMU from build/qemu-src into build/qemu:
# qemu-system-x86_64, qemu-system-aarch64 and the igb qtests. Incremental:
# ninja rebuilds only what changed.
set -euo pipefail
. "$(dirname "$0")/config.sh"
jobs=${JOBS:-$(nproc)}
firmware=/usr/share/qemu:/usr/share/seabios:/usr/lib/ipxe/qemu
configure_args=(
    --target-list=x86_64-softmmu,aarch64-softmmu
    --without-default-features
    --python=/usr/bin/python3
    --enable-tcg --enable-slirp --enable-fdt=system
    --disable-relocatable --disable-download --disable-werror
    --disable-install-blobs
    --firmwarepath="$firmware"
    ${QEMU_EXTRA_CONFIGURE:-}
)
sig=$(printf '%s\n' "${configure_args[@]}" | sha1sum | cut -c1-12)
if [ ! -f "$qemu_build/build.ninja" ] ||
   [ "$(cat "$qemu_build/.igb-configure" 2>/dev/null)" != "$sig" ]; then
    rm -rf "$qemu_build"
    mkdir -p "$qemu_build"
    (cd "$qemu_build" && "$qemu_src/configure" "${configure_args[@]}")
    echo "$sig" > "$qemu_build/.igb-configure"
fi
targets=(qemu-system-x86_64 qemu-system-aarch64)
if [ "${BUILD_TESTS:-1}" = 1 ]; then
    targets+=(tests/qtest/qos-test)
    if grep -q 'igb-sriov-test' "$qemu_build/build.ninja" 2>/dev/null; then
        targets+=(tests/qtest/igb-sriov-test)
    fi
fi
ninja -C "$qemu_build" -j "$jobs" "${targets[@]}"

# Run from the build tree, QEMU looks for firmware under qemu-bundle/: point
# the configured firmware directories (Debian's packages) there.
for d in ${firmware//:/ }; do
    mkdir -p "$qemu_build/qemu-bundle$(dirname "$d")"
    ln -sfn "$d" "$qemu_build/qemu-bundle$d"
done
