# SPDX-License-Identifier: GPL-2.0-or-later
# Host side of the multiqueue scenario (see the hook interface in run.sh).
# shellcheck shell=bash

host_setup() {
    hostsrv_enable
    head -c 262144 /dev/urandom > "$HOSTSRV_DIR/blob"
    KERNEL_EXTRA+=("igbtest_blob_sha=$(sha256sum "$HOSTSRV_DIR/blob" |
                                       cut -d' ' -f1)")
}
