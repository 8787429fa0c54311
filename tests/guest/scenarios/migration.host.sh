# SPDX-License-Identifier: GPL-2.0-or-later
# Host side of the migration scenario (see the hook interface in run.sh).
# shellcheck shell=bash

host_during() {
    wait_request migrate 150 || return 0
    migrate_guest
}

host_check() {
    # The transfers started on the source and ended on the destination.
    local log mark
    log=$(tr -d '\r' < "$LOG")
    mark=$(grep -n '^----- migration destination QEMU -----$' <<< "$log" |
           cut -d: -f1)
    local started ended
    started=$(grep -n '^INFO: transfers running' <<< "$log" | cut -d: -f1)
    ended=$(grep -n '^INFO: transfers done' <<< "$log" | cut -d: -f1)
    if [ -n "$mark" ] && [ -n "$started" ] && [ -n "$ended" ] &&
       [ "$started" -lt "$mark" ] && [ "$ended" -gt "$mark" ]; then
        host_pass migrated-mid-transfer
    else
        host_fail migrated-mid-transfer "log lines: running ${started:-none}," \
            "migrated ${mark:-none}, done ${ended:-none}"
    fi
}
