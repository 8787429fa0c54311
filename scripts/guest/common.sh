# SPDX-License-Identifier: GPL-2.0-or-later
# Shared by scripts/guest/*.sh and tests/guest/run.sh.  Sourced, not run.
# shellcheck shell=bash

# guest_arch_vars ARCH: per-architecture facts for the image builder and
# the runner.  Sets debarch, kflavour, multiarch, qemu_name, guest_console
# and the array machine_args.
# shellcheck disable=SC2034
guest_arch_vars() {
    case $1 in
    x86_64)
        debarch=amd64 kflavour=amd64 multiarch=x86_64-linux-gnu
        qemu_name=qemu-system-x86_64 guest_console=ttyS0,115200
        machine_args=(-M q35 -accel tcg)
        ;;
    aarch64)
        debarch=arm64 kflavour=arm64 multiarch=aarch64-linux-gnu
        qemu_name=qemu-system-aarch64 guest_console=ttyAMA0,115200
        machine_args=(-M virt -cpu cortex-a72 -accel tcg)
        ;;
    *)
        echo "unknown guest arch '$1' (x86_64 or aarch64)" >&2
        return 1
        ;;
    esac
}

# nic_driver DEVICE: the Linux driver expected to bind to a QEMU NIC model.
nic_driver() {
    case $1 in
    igb) echo igb ;;
    e1000e) echo e1000e ;;
    e1000|e1000-82540em|e1000-82544gc|e1000-82545em) echo e1000 ;;
    virtio-net-pci|virtio-net-pci-non-transitional|virtio-net-pci-transitional)
        echo virtio_net ;;
    *) echo "$1" ;;
    esac
}

# nic_link DEVICE: "SPEED DUPLEX" that ethtool should report for the model,
# empty where there is no fixed answer (virtio-net: unknown).
nic_link() {
    case $1 in
    igb|igbvf|e1000e|e1000|e1000-*) echo "1000 Full" ;;
    esac
}

# qemu_has_device QEMU DEVICE: whether QEMU lists DEVICE in -device help.
qemu_has_device() {
    "$1" -machine none -device help 2>/dev/null |
        grep -Eq "^name \"$2\"|alias \"$2\""
}

# qemu_firmware_args: -L for the distribution's firmware directories.  A
# QEMU run from its build tree looks for firmware in build/qemu/qemu-bundle
# (relocated --firmwarepath), which has no blobs when they come from Debian
# packages (seabios, qemu-system-data, ipxe-qemu); -L makes that work.
qemu_firmware_args() {
    local d
    for d in /usr/share/seabios /usr/share/qemu /usr/lib/ipxe/qemu; do
        [ -d "$d" ] && printf '%s\n' -L "$d"
    done
    return 0
}
