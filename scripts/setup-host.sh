#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# Host set-up for the igb project: apt sources (trixie for the QEMU source
# and the guest kernel, bookworm-backports for meson and libvirt), pinned so
# that nothing already installed is upgraded, then the build and test
# dependencies.
# Idempotent; a stamp file under build/ makes repeated runs cheap.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
stamp=$top/build/.host-ready
deps_version=7
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$deps_version" ]; then
    exit 0
fi
[ "$(id -u)" = 0 ] || { echo "setup-host: must run as root" >&2; exit 1; }

# The archive this machine already uses (CI and developers reach only it).
uri=$(grep -hs '^URIs:' /etc/apt/sources.list.d/*.sources 2>/dev/null |
      awk '{print $2}' | grep -v -e security -e nodesource -e google |
      head -n1 || true)
[ -n "$uri" ] || uri=$(grep -hs '^deb ' /etc/apt/sources.list 2>/dev/null |
      awk '{print $2}' | grep -v security | head -n1 || true)
[ -n "$uri" ] || uri=http://deb.debian.org/debian

cat > /etc/apt/sources.list.d/igb-project.sources <<SRC
Types: deb deb-src
URIs: $uri
Suites: trixie
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg

Types: deb
URIs: $uri
Suites: bookworm-backports
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SRC
cat > /etc/apt/preferences.d/igb-project <<PIN
Package: *
Pin: release n=trixie
Pin-Priority: 50

Package: *
Pin: release n=bookworm-backports
Pin-Priority: 100
PIN

export DEBIAN_FRONTEND=noninteractive
apt-get update -q
pkgs=(
    # QEMU build
    build-essential git ninja-build pkg-config python3 python3-venv
    python3-setuptools flex bison libglib2.0-dev libpixman-1-dev libslirp-dev
    libfdt-dev zlib1g-dev dpkg-dev quilt xz-utils
    # firmware for the Debian source, which has no blobs
    seabios ipxe-qemu qemu-system-data
    # guest image assembly and tests
    cpio busybox-static socat ethtool iproute2 kmod iperf3 linuxptp
    # documentation
    python3-sphinx python3-sphinx-rtd-theme
)
apt-get install -y -q --no-install-recommends "${pkgs[@]}"
apt-get install -y -q --no-install-recommends -t bookworm-backports meson \
    python3-pycotap
# libvirt 11 for tests/libvirt: libvirtd with its QEMU driver, virtlogd and
# virsh (Debian's backport has no modular virtqemud). Named one by one, so
# that only they come from backports: the QEMU they pull in for their
# "qemu-system" dependency is bookworm's (the test uses our build). Without
# libvirt-daemon-system nothing is enabled, and a policy-rc.d keeps the
# maintainer scripts from starting services.
lv=(libvirt0 libvirt-common libvirt-clients libvirt-daemon-common
    libvirt-daemon-log libvirt-daemon libvirt-daemon-driver-qemu)
policy=/usr/sbin/policy-rc.d
if [ ! -e "$policy" ]; then
    printf '#!/bin/sh\nexit 101\n' > "$policy"
    chmod 755 "$policy"
    trap 'rm -f "$policy"' EXIT
fi
apt-get install -y -q --no-install-recommends "${lv[@]/%//bookworm-backports}"
mkdir -p "$top/build"
echo "$deps_version" > "$stamp"
