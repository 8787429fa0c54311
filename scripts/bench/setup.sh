#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# Host packages for `make bench` only (make check does not need them):
#   gnuplot-nox        the PNG chart (bookworm)
#   qemu-system-x86    a reference QEMU with igb, from bookworm-backports
#                      (apt sources and pins come from scripts/setup-host.sh)
# and the static bench tool's compiler (gcc, the C library's static part).
# Idempotent; a stamp under build/bench/ makes repeated runs cheap.
#   BENCH_NO_REF=1 scripts/bench/setup.sh    gnuplot only
set -euo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
stamp=$top/build/bench/.setup-ready
want="v1 ref=${BENCH_NO_REF:-0}"
ref=/usr/bin/qemu-system-x86_64

has_igb() {
    "$1" -machine none -device help 2>/dev/null | grep -q '^name "igb"'
}
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
    exit 0
fi
[ "$(id -u)" = 0 ] || { echo "bench setup: must run as root" >&2; exit 1; }
# The apt sources and pins (bookworm-backports) are setup-host.sh's.
[ -f /etc/apt/sources.list.d/igb-project.sources ] ||
    "$top/scripts/setup-host.sh"

export DEBIAN_FRONTEND=noninteractive
apt_install() {
    apt-get -o DPkg::Lock::Timeout=600 install -y -q \
        --no-install-recommends "$@"
}
if ! command -v gnuplot > /dev/null || ! command -v gcc > /dev/null ||
   [ ! -f /usr/lib/x86_64-linux-gnu/libc.a ]; then
    apt_install gnuplot-nox gcc libc6-dev
fi
if [ "${BENCH_NO_REF:-0}" != 1 ] && ! { [ -x "$ref" ] && has_igb "$ref"; }
then
    # (This also moves seabios and qemu-system-data to the backports
    # versions qemu-system-x86 needs: the same firmware, newer.)
    apt_install -t bookworm-backports qemu-system-x86
fi
if [ "${BENCH_NO_REF:-0}" != 1 ]; then
    has_igb "$ref" || {
        echo "bench setup: $ref has no -device igb" \
             "($("$ref" --version | head -n1))" >&2
        exit 1
    }
    echo "bench setup: reference $("$ref" --version | head -n1)" >&2
fi
mkdir -p "$(dirname "$stamp")"
echo "$want" > "$stamp"
