# SPDX-License-Identifier: GPL-2.0-or-later
# Host side of the offloads scenario (see the hook interface in run.sh).
# shellcheck shell=bash

host_setup() {
    hostsrv_enable
    head -c 1048576 /dev/urandom > "$HOSTSRV_DIR/blob"
    KERNEL_EXTRA+=("igbtest_blob_sha=$(sha256sum "$HOSTSRV_DIR/blob" |
                                       cut -d' ' -f1)")
}

host_check() {
    hostsrv_verify_uploads all-on tso-off tx-csum-off sg-off rx-csum-off \
        vlan-off all-on-again
}
