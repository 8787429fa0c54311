# SPDX-License-Identifier: GPL-2.0-or-later
# Host side of the basic scenario, sourced by tests/guest/run.sh (see the
# hook interface there).
# shellcheck shell=bash

host_setup() {
    hostsrv_enable
    local size=$((4 * 1024 * 1024))
    head -c "$size" /dev/urandom > "$HOSTSRV_DIR/blob"
    KERNEL_EXTRA+=("igbtest_blob_size=$size"
                   "igbtest_blob_sha=$(sha256sum "$HOSTSRV_DIR/blob" |
                                       cut -d' ' -f1)")
}

host_check() {
    # The 2 MiB the guest sent must have arrived intact.
    hostsrv_verify_uploads up1
}
