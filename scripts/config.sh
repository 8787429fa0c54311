# SPDX-License-Identifier: GPL-2.0-or-later
# Versions and paths shared by the project's scripts. Sourced, not run.
# shellcheck shell=bash
QEMU_DEB_VERSION=${QEMU_DEB_VERSION:-1:10.0.13+ds-0+deb13u1}
GUEST_SUITE=trixie
top=${top:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}
build=$top/build
qemu_src=$build/qemu-src
qemu_build=$build/qemu
