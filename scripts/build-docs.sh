#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# Build QEMU's HTML manual (with our docs/system/devices/igb.rst) the way
# QEMU's CI does, Sphinx warnings as errors, and check that the igb page is
# in it. A separate build directory, build/docs, configured for the docs
# alone (no emulators, no tools); build/qemu is not touched.
#   scripts/build-docs.sh        prints "PASS docs/sphinx" or "FAIL ..."
# Output: build/docs/docs/manual/index.html; Sphinx's messages in
# build/docs/sphinx.log.
set -euo pipefail
# shellcheck source=scripts/config.sh
. "$(dirname "$0")/config.sh"
docs_build=$build/docs
log=$docs_build/sphinx.log
page=$docs_build/docs/manual/system/devices/igb.html
configure_args=(
    --without-default-features
    --disable-system --disable-user --disable-tools
    --enable-docs --enable-werror
    --python=/usr/bin/python3
    --disable-download --disable-install-blobs
)

fail() {
    echo "FAIL docs/$1${2:+: $2}"
    exit 1
}

# The source tree must not change under Sphinx: same lock as the other
# builds (scripts/compile-unit.sh, scripts/check-qtest.sh).
t0=$(date +%s)
exec 9>"$build/.ninja.lock"
flock 9
t=$(( $(date +%s) - t0 ))
[ "$t" -gt 2 ] && echo "build-docs: waited ${t}s for the build lock" >&2
python3 "$top/scripts/series.py" apply >/dev/null ||
    fail series "scripts/series.py apply failed"

sig=$(printf '%s\n' "${configure_args[@]}" | sha1sum | cut -c1-12)
if [ ! -f "$docs_build/build.ninja" ] ||
   [ "$(cat "$docs_build/.igb-configure" 2>/dev/null)" != "$sig" ]; then
    rm -rf "$docs_build"
    mkdir -p "$docs_build"
    t0=$(date +%s)
    if ! (cd "$docs_build" &&
          "$qemu_src/configure" "${configure_args[@]}") \
            > "$docs_build/configure.log" 2>&1; then
        tail -n 20 "$docs_build/configure.log"
        fail configure "see $docs_build/configure.log"
    fi
    echo "$sig" > "$docs_build/.igb-configure"
    echo "build-docs: configured in $(( $(date +%s) - t0 ))s" >&2
fi

# 'html' is QEMU's alias for the HTML manual (the man pages are not needed).
t0=$(date +%s)
rc=0
ninja -C "$docs_build" html > "$log" 2>&1 || rc=$?
echo "build-docs: Sphinx ran $(( $(date +%s) - t0 ))s" >&2
if [ "$rc" != 0 ]; then
    # Sphinx -W stops at the first warning: show it.
    sed -n '/Warning, treated as error/,$p' "$log" | head -n 30
    grep -q 'Warning, treated as error' "$log" || tail -n 20 "$log"
    fail sphinx "see $log"
fi

if [ ! -f "$page" ]; then
    fail sphinx "no $page"
fi
if ! grep -q 'igb (Intel 82576 Gigabit Ethernet)' "$page"; then
    fail sphinx "$page lacks the igb title"
fi
if ! grep -q 'devices/igb.html' \
        "$docs_build/docs/manual/system/device-emulation.html"; then
    fail sphinx "the device emulation index does not link the igb page"
fi
echo "PASS docs/sphinx"
