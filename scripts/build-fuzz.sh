#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# The sanitizer build used by `make fuzz` and `make check-asan`: clang with
# ASan, UBSan and --enable-fuzzing, x86_64 only, in build/fuzz. It builds
# from its own copy of the source (build/fuzz-src, a detached git worktree
# of build/qemu-src moved to the series tip), so that a series.py apply by
# someone else cannot change the sources under a long build.
#   scripts/build-fuzz.sh [ninja targets...]
# Default targets: qemu-fuzz-x86_64 qemu-system-x86_64 and the igb qtests.
set -euo pipefail
# shellcheck source=scripts/config.sh
. "$(dirname "$0")/config.sh"
fuzz_src=$build/fuzz-src
fuzz_build=$build/fuzz
jobs=${JOBS:-2}
targets=("$@")
if [ ${#targets[@]} = 0 ]; then
    targets=(qemu-fuzz-x86_64 qemu-system-x86_64 tests/qtest/qos-test
             tests/qtest/igb-test)
fi

"$top/scripts/setup-fuzz.sh"

# Apply the series under the lock shared with compile-unit.sh, note the tip,
# and move our copy there outside the lock (git rewrites only what changed).
exec 9>"$build/.ninja.lock"
flock 9
python3 "$top/scripts/series.py" apply >/dev/null
tip=$(git -C "$qemu_src" rev-parse igb)
exec 9>&-
if [ ! -e "$fuzz_src/.git" ]; then
    rm -rf "$fuzz_src"
    git -C "$qemu_src" worktree prune
    git -C "$qemu_src" worktree add -q --detach "$fuzz_src" "$tip"
else
    git -C "$fuzz_src" checkout -q -f --detach "$tip"
fi

firmware=/usr/share/qemu:/usr/share/seabios:/usr/lib/ipxe/qemu
# -Werror: configure's native file turns it on in a git tree anyway, and
# meson's regeneration (after a meson.build of the series changes) would
# then flip it on and recompile everything.
configure_args=(
    --cc=clang --cxx=clang++ --host-cc=clang
    --target-list=x86_64-softmmu
    --without-default-features
    --python=/usr/bin/python3
    --enable-tcg --enable-slirp --enable-fdt=system
    --enable-fuzzing --enable-asan --enable-ubsan
    --disable-relocatable --disable-download --enable-werror
    --disable-install-blobs
    --firmwarepath="$firmware"
)
sig=$(printf '%s\n' "${configure_args[@]}" | sha1sum | cut -c1-12)
if [ ! -f "$fuzz_build/build.ninja" ] ||
   [ "$(cat "$fuzz_build/.igb-configure" 2>/dev/null)" != "$sig" ]; then
    rm -rf "$fuzz_build"
    mkdir -p "$fuzz_build"
    (cd "$fuzz_build" && "$fuzz_src/configure" "${configure_args[@]}")
    echo "$sig" >"$fuzz_build/.igb-configure"
fi
# Targets that this tree does not have (yet) are left out.
want=()
for t in "${targets[@]}"; do
    if ninja -C "$fuzz_build" -t query "$t" >/dev/null 2>&1; then
        want+=("$t")
    fi
done
start=$(date +%s)
nice -n 10 ninja -C "$fuzz_build" -j "$jobs" "${want[@]}"
echo "build-fuzz: ${want[*]} up to date at ${tip:0:12}" \
    "($(($(date +%s) - start)) s)"

for d in ${firmware//:/ }; do
    mkdir -p "$fuzz_build/qemu-bundle$(dirname "$d")"
    ln -sfn "$d" "$fuzz_build/qemu-bundle$d"
done
