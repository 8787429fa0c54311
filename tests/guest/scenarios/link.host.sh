# SPDX-License-Identifier: GPL-2.0-or-later
# Host side of the link scenario (see the hook interface in run.sh).
# shellcheck shell=bash

host_setup() {
    hostsrv_enable
    head -c 262144 /dev/urandom > "$HOSTSRV_DIR/blob"
    KERNEL_EXTRA+=("igbtest_blob_sha=$(sha256sum "$HOSTSRV_DIR/blob" |
                                       cut -d' ' -f1)")
}

host_during() {
    local c s up r
    for c in 1 2; do
        for s in down up; do
            wait_request "link-$s-$c" 120 || return 0
            up=false
            [ "$s" = up ] && up=true
            if r=$(qmp set_link "{\"name\": \"n0\", \"up\": $up}" 2>&1); then
                host_pass "set-link-$s-$c"
            else
                host_fail "set-link-$s-$c" "$r"
            fi
        done
    done
}
