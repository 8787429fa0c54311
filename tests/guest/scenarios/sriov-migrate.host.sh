# SPDX-License-Identifier: GPL-2.0-or-later
# Host side of the sriov-migrate scenario (see the hook interface in
# run.sh).
# shellcheck shell=bash

host_during() {
    wait_request migrate 200 || return 0
    migrate_guest
}

host_check() {
    # The checks after the migration ran on the destination.
    local log mark after
    log=$(tr -d '\r' < "$LOG")
    mark=$(grep -n '^----- migration destination QEMU -----$' <<< "$log" |
           cut -d: -f1)
    after=$(grep -n '^INFO: after the migration window' <<< "$log" |
            cut -d: -f1)
    if [ -n "$mark" ] && [ -n "$after" ] && [ "$after" -gt "$mark" ]; then
        host_pass vf-checks-on-destination
    else
        host_fail vf-checks-on-destination "log lines: migrated" \
            "${mark:-none}, checks ${after:-none}"
    fi
}
