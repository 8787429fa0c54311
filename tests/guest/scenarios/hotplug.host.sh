# SPDX-License-Identifier: GPL-2.0-or-later
# Host side of the hotplug scenario (see the hook interface in run.sh).
# shellcheck shell=bash

host_setup() {
    hostsrv_enable
    head -c 262144 /dev/urandom > "$HOSTSRV_DIR/blob"
    KERNEL_EXTRA+=("igbtest_blob_sha=$(sha256sum "$HOSTSRV_DIR/blob" |
                                       cut -d' ' -f1)")
    # The hot-plugged NIC's own network (slirp, like n0's).
    QEMU_EXTRA+=(-netdev "user,id=n1,restrict=on,net=10.0.3.0/24$(
                          hostsrv_guestfwd 10.0.3.100)")
}

hp_add() {
    local r
    if r=$(qmp device_add '{"driver": "igb", "id": "hp0", "bus": "rp1",
                            "netdev": "n1", "mac": "52:54:00:12:34:60",
                            "romfile": ""}' 2>&1); then
        host_pass "device-add-$1"
    else
        host_fail "device-add-$1" "$r"
    fi
}

host_during() {
    local r n=0
    wait_request plug-1 120 || return 0
    hp_add 1
    wait_request unplug-1 120 || return 0
    if r=$(qmp device_del '{"id": "hp0"}' 2>&1); then
        host_pass device-del-1
    else
        host_fail device-del-1 "$r"
    fi
    # The guest acknowledges the removal (attention button, then about
    # 5 s later the slot is powered off): the device goes away.
    while qmp qom-get '{"path": "/machine/peripheral/hp0",
                        "property": "type"}' > /dev/null 2>&1; do
        n=$((n + 1))
        if [ "$n" -ge 150 ]; then
            host_fail device-gone-1 "hp0 still there 30 s after device_del"
            return 0
        fi
        sleep 0.2
    done
    host_pass device-gone-1
    wait_request plug-2 120 || return 0
    hp_add 2
}
