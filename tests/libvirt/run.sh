#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# igb under libvirt: a transient TCG domain on our QEMU build with
# <interface type='user'><model type='igb'/>, the Linux test guest booted
# directly (scenario tests/guest/scenarios/libvirt.sh), then hot-plug and
# unplug of a second igb interface with virsh attach-device/detach-device.
#
# Usage: tests/libvirt/run.sh [--keep] [--timeout S] [--no-build]
#   --keep       keep the work directory (daemon state, configuration)
#   --timeout S  time bound for the guest's whole run (default 420)
#   --no-build   do not (re)build the guest image first
# Run as root. Output: "PASS libvirt/check" or "FAIL libvirt/check: reason"
# per check and "N passed, M failed" at the end; non-zero exit on failure.
# Logs in build/libvirt-logs: serial.log (guest console), qemu.log (what
# libvirt logged for the domain, with the QEMU command line), libvirtd.log,
# virtlogd.log, domain.xml, hotplug.xml, requests.log (host HTTP helper).
#
# The daemons are private to the test: libvirtd and virtlogd (Debian's
# libvirt 11, scripts/setup-host.sh) run in a mount namespace of their own
# where /etc/libvirt, /run/libvirt, /var/lib/libvirt, /var/log/libvirt and
# /var/cache/libvirt are directories of build/libvirt, so the system's
# libvirt configuration and state are neither used nor changed. qemu.conf
# there runs QEMU as root without relabelling, cgroups or namespaces (no
# systemd here). virsh reaches libvirtd through
# qemu:///system?socket=build/libvirt/run/libvirt-sock. Only the processes
# this script started are stopped, by PID.
#
# Traffic: the guest's slirp network has no guestfwd under libvirt, so the
# host HTTP helper (tests/guest/hostsrv.py) runs behind socat on a free port
# of 127.0.0.1, which slirp offers the guest as 10.0.2.2.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
# shellcheck source=scripts/config.sh
. "$top/scripts/config.sh"
# shellcheck source=scripts/guest/common.sh
. "$top/scripts/guest/common.sh"

keep=0 timeout=420 do_build=1
while [ $# -gt 0 ]; do
    case $1 in
    --keep) keep=1 ;;
    --timeout) timeout=${2:?--timeout needs a value}; shift ;;
    --no-build) do_build=0 ;;
    -h|--help) sed -n '3,14s/^# \{0,1\}//p' "$0"; exit 0 ;;
    *) echo "run.sh: unknown argument $1" >&2; exit 2 ;;
    esac
    shift
done

guest_arch_vars x86_64
qemu=$qemu_build/$qemu_name
img=$build/guest/x86_64
work=$build/libvirt
logs=$build/libvirt-logs
uri="qemu:///system?socket=$work/run/libvirt-sock"
dom=igbtest-libvirt
mac1=52:54:00:12:34:56
mac2=52:54:00:12:34:57
python=/usr/bin/python3
serial=$logs/serial.log

npass=0 nfail=0
pass() {
    echo "PASS libvirt/$1"
    npass=$((npass + 1))
}
fail() {
    echo "FAIL libvirt/$1${2:+: $2}"
    nfail=$((nfail + 1))
}
finish() {
    echo "$npass passed, $nfail failed"
    exit $((nfail > 0))
}
virsh_() { virsh -q -c "$uri" "$@"; }

# --- preconditions -----------------------------------------------------------
missing=
for t in libvirtd virtlogd virsh unshare socat "$python"; do
    command -v "$t" > /dev/null || missing+=" $t"
done
if [ -n "$missing" ]; then
    fail tools "missing:$missing (scripts/setup-host.sh installs them)"
    finish
fi
if [ "$(id -u)" != 0 ]; then
    fail root "libvirtd must run as root here"
    finish
fi
if [ ! -x "$qemu" ] || ! qemu_has_device "$qemu" igb; then
    fail qemu "no $qemu with -device igb (make build)"
    finish
fi
if [ "$do_build" = 1 ]; then
    "$top/scripts/guest/build-initramfs.sh" x86_64 >&2
fi
for f in vmlinuz initramfs.cpio.gz; do
    if [ ! -f "$img/$f" ]; then
        fail guest-image "no $img/$f"
        finish
    fi
done

# --- private daemons ---------------------------------------------------------
lvpid='' vlpid='' socat_pid='' made_run=0
cleanup() {
    local p qpid
    set +e
    trap '' INT TERM HUP
    if [ -n "$lvpid" ]; then
        if virsh_ domstate "$dom" > /dev/null 2>&1; then
            virsh_ destroy "$dom" > /dev/null 2>&1
        fi
    fi
    # A QEMU that libvirt could not stop (its pid file is in our run dir).
    qpid=$(cat "$work/run/qemu/$dom.pid" 2>/dev/null)
    if [ -n "$qpid" ] && [ -d "/proc/$qpid" ] &&
       grep -qF "$qemu" "/proc/$qpid/cmdline" 2>/dev/null; then
        kill -TERM "$qpid"
    fi
    for p in "$socat_pid" "$lvpid" "$vlpid"; do
        [ -n "$p" ] && kill -TERM "$p" 2>/dev/null
    done
    for p in "$lvpid" "$vlpid"; do
        [ -n "$p" ] || continue
        for _ in $(seq 50); do
            [ -d "/proc/$p" ] || break
            sleep 0.1
        done
        [ -d "/proc/$p" ] && kill -KILL "$p" 2>/dev/null
    done
    [ -n "$socat_pid" ] && wait "$socat_pid" 2>/dev/null
    cp "$work/log/libvirtd.log" "$work/log/virtlogd.log" "$logs/" 2>/dev/null
    cp "$work/log/qemu/$dom.log" "$logs/qemu.log" 2>/dev/null
    cp "$work/srv/requests.log" "$logs/" 2>/dev/null
    [ "$made_run" = 1 ] && rmdir /run/libvirt 2>/dev/null
    [ "$keep" = 0 ] && rm -rf "$work"
}
trap cleanup EXIT
trap 'echo "run.sh: interrupted" >&2; exit 130' INT TERM HUP

# Daemons that a killed earlier run left behind go first: the PIDs in its
# pid files, if those processes are still that run's (-p FILE).
for f in "$work/libvirtd.pid" "$work/virtlogd.pid"; do
    p=$(cat "$f" 2>/dev/null || true)
    if [ -n "$p" ] && grep -qF "$f" "/proc/$p/cmdline" 2>/dev/null; then
        kill -TERM "$p" && sleep 1
    fi
done
rm -rf "$work" "$logs"
mkdir -p "$logs" "$work"/{etc/qemu,run,lib,log,cache,srv}
chmod 700 "$work"

cat > "$work/etc/libvirtd.conf" <<EOF
# Private to tests/libvirt/run.sh: local socket only, root only.
unix_sock_group = "root"
unix_sock_ro_perms = "0700"
unix_sock_rw_perms = "0700"
unix_sock_admin_perms = "0700"
auth_unix_ro = "none"
auth_unix_rw = "none"
log_outputs = "3:file:/var/log/libvirt/libvirtd.log"
EOF
cat > "$work/etc/virtlogd.conf" <<EOF
log_outputs = "3:file:/var/log/libvirt/virtlogd.log"
EOF
cat > "$work/etc/qemu.conf" <<EOF
# Private to tests/libvirt/run.sh: QEMU as root, files left as they are,
# no cgroups and no namespaces (no systemd or machined here).
user = "root"
group = "root"
dynamic_ownership = 0
remember_owner = 0
security_driver = "none"
cgroup_controllers = [ ]
namespaces = [ ]
stdio_handler = "logd"
EOF

if [ ! -d /run/libvirt ]; then
    mkdir /run/libvirt
    made_run=1
fi
# The daemons fork into the background and stay in the namespace.
if ! unshare -m --propagation private -- /bin/sh -c '
        set -e
        w=$1
        mount --bind "$w/etc" /etc/libvirt
        mount --bind "$w/run" /run/libvirt
        mount --bind "$w/lib" /var/lib/libvirt
        mount --bind "$w/log" /var/log/libvirt
        mount --bind "$w/cache" /var/cache/libvirt
        virtlogd -d -p "$w/virtlogd.pid"
        libvirtd -d -p "$w/libvirtd.pid"' sh "$work" \
        > "$logs/daemons.log" 2>&1; then
    fail daemons "starting them failed: $(tail -n 3 "$logs/daemons.log" |
                                          tr '\n' ' ')"
    vlpid=$(cat "$work/virtlogd.pid" 2>/dev/null || true)
    lvpid=$(cat "$work/libvirtd.pid" 2>/dev/null || true)
    finish
fi
for _ in $(seq 300); do
    [ -S "$work/run/libvirt-sock" ] && [ -s "$work/libvirtd.pid" ] && break
    sleep 0.1
done
vlpid=$(cat "$work/virtlogd.pid" 2>/dev/null || true)
lvpid=$(cat "$work/libvirtd.pid" 2>/dev/null || true)
if [ -z "$lvpid" ] || [ -z "$vlpid" ] || [ ! -S "$work/run/libvirt-sock" ]
then
    fail daemons "libvirtd/virtlogd not up: $(tail -n 3 "$work/log/"*.log \
                                              2>/dev/null | tr '\n' ' ')"
    finish
fi
pass daemons
if ver=$(virsh_ version 2>&1); then
    pass connect
    sed 's/^/    /' <<< "$ver"
else
    fail connect "$ver"
    finish
fi

# --- host HTTP helper --------------------------------------------------------
port=$("$python" -c 'import socket; s = socket.socket()
s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
size=$((4 * 1024 * 1024))
head -c "$size" /dev/urandom > "$work/srv/blob"
blob_sha=$(sha256sum "$work/srv/blob" | cut -d' ' -f1)
socat "TCP-LISTEN:$port,bind=127.0.0.1,reuseaddr,fork" \
    "EXEC:$python -I $top/tests/guest/hostsrv.py $work/srv" \
    2> "$logs/socat.log" &
socat_pid=$!

# --- the domain ---------------------------------------------------------------
gtmo=$((timeout - 60))
kargs="console=$guest_console loglevel=4 panic=1 mitigations=off edd=off"
kargs+=" igbtest=libvirt igbtest_driver=igb igbtest_device=igb"
kargs+=" igbtest_mac=$mac1 igbtest_mac2=$mac2 igbtest_timeout=$gtmo"
kargs+=" igbtest_hostsrv=10.0.2.2:$port igbtest_blob_size=$size"
kargs+=" igbtest_blob_sha=$blob_sha"
# No USB, balloon, graphics or ROMs: only what the test needs. Two PCIe
# root ports: one for the first NIC, one free for the hot-plugged one.
cat > "$logs/domain.xml" <<EOF
<domain type='qemu'>
  <name>$dom</name>
  <memory unit='MiB'>512</memory>
  <vcpu>2</vcpu>
  <os>
    <type arch='x86_64' machine='q35'>hvm</type>
    <kernel>$img/vmlinuz</kernel>
    <initrd>$img/initramfs.cpio.gz</initrd>
    <cmdline>$kargs</cmdline>
  </os>
  <features>
    <acpi/>
    <apic/>
  </features>
  <clock offset='utc'/>
  <on_poweroff>destroy</on_poweroff>
  <on_reboot>destroy</on_reboot>
  <on_crash>destroy</on_crash>
  <devices>
    <emulator>$qemu</emulator>
    <controller type='usb' model='none'/>
    <controller type='pci' model='pcie-root'/>
    <controller type='pci' model='pcie-root-port'/>
    <controller type='pci' model='pcie-root-port'/>
    <interface type='user'>
      <mac address='$mac1'/>
      <model type='igb'/>
      <rom enabled='no'/>
    </interface>
    <serial type='file'>
      <source path='$serial'/>
      <target port='0'/>
    </serial>
    <memballoon model='none'/>
  </devices>
</domain>
EOF
cat > "$logs/hotplug.xml" <<EOF
<interface type='user'>
  <mac address='$mac2'/>
  <model type='igb'/>
  <rom enabled='no'/>
</interface>
EOF

t0=$(date +%s)
deadline=$((t0 + timeout))
if out=$(virsh_ create "$logs/domain.xml" 2>&1); then
    pass domain-start
else
    fail domain-start "$(tr '\n' ' ' <<< "$out")"
    tail -n 20 "$work/log/qemu/$dom.log" 2>/dev/null
    finish
fi
if grep -q '"driver":"igb"' "$work/log/qemu/$dom.log" 2>/dev/null; then
    pass qemu-cmdline-igb
else
    fail qemu-cmdline-igb "no igb -device in $work/log/qemu/$dom.log"
fi

running() { virsh_ domstate "$dom" 2>/dev/null | grep -q running; }
# wait_marker TEXT: until the guest prints TEXT on a line of its own
# (false when the domain stops or the time is up).
wait_marker() {
    while ! tr -d '\r' < "$serial" 2>/dev/null | grep -qx "$1"; do
        if [ "$(date +%s)" -ge "$deadline" ] || ! running; then
            return 1
        fi
        sleep 0.5
    done
}
# ifaces: the domain's interfaces (MAC addresses), as libvirt sees them.
ifaces() { virsh_ domiflist "$dom" 2>/dev/null | awk '{ print $NF }'; }

if wait_marker IGBTEST-WAIT-HOTPLUG; then
    if out=$(virsh_ attach-device "$dom" "$logs/hotplug.xml" --live 2>&1)
    then
        pass attach-device
    else
        fail attach-device "$(tr '\n' ' ' <<< "$out")"
    fi
    if ifaces | grep -qx "$mac2"; then
        pass domiflist-after-attach
    else
        fail domiflist-after-attach "$mac2 not in: $(ifaces | tr '\n' ' ')"
    fi
else
    fail attach-device "the guest never asked for it (see $serial)"
fi

if wait_marker IGBTEST-WAIT-UNPLUG; then
    if out=$(virsh_ detach-device "$dom" "$logs/hotplug.xml" --live 2>&1)
    then
        pass detach-device
    else
        fail detach-device "$(tr '\n' ' ' <<< "$out")"
    fi
    # libvirt drops the interface when QEMU reports DEVICE_DELETED, i.e.
    # once the guest has let go of it.
    gone=0
    for _ in $(seq 120); do
        if ! ifaces | grep -qx "$mac2"; then
            gone=1
            break
        fi
        sleep 0.5
    done
    if [ "$gone" = 1 ]; then
        pass detach-complete
    else
        fail detach-complete "$mac2 still in the domain after 60 s"
    fi
else
    fail detach-device "the guest never asked for it (see $serial)"
fi

# The guest powers off at the end; the transient domain goes away.
while running && [ "$(date +%s)" -lt "$deadline" ]; do
    sleep 1
done
if running; then
    fail domain-stopped "still running after ${timeout}s: destroyed"
    virsh_ destroy "$dom" > /dev/null 2>&1 || true
else
    pass domain-stopped
fi
echo "run.sh: the domain ran $(( $(date +%s) - t0 ))s" >&2

# --- results from the serial console -----------------------------------------
clean=$(tr -d '\r' < "$serial" 2>/dev/null || true)
n=0
while read -r kind rest; do
    check=${rest%%:*}
    check=${check%% *}
    reason=
    [[ $rest == *:* ]] && reason=${rest#*: }
    case $kind in
    PASS:) pass "guest-$check" ;;
    FAIL:) fail "guest-$check" "$reason" ;;
    *) echo "SKIP libvirt/guest-$check${reason:+: $reason}" ;;
    esac
    n=$((n + 1))
done < <(grep -E '^(PASS|FAIL|SKIP): [A-Za-z0-9._-]+' <<< "$clean" || true)
[ "$n" = 0 ] && fail guest-results "the guest reported no check (see $serial)"
if grep -qx IGBTEST-DONE <<< "$clean"; then
    pass guest-finished
else
    fail guest-finished "no IGBTEST-DONE within ${timeout}s (see $serial)"
fi
forbidden='WARNING:|Oops|BUG:|Kernel panic|NETDEV WATCHDOG|Tx Unit Hang'
forbidden+='|Reset adapter|Call Trace|general protection fault'
forbidden+='|blocked for more than|soft lockup|hard LOCKUP|rcu: INFO'
bad=$(grep -E -- "$forbidden" <<< "$clean" || true)
if [ -z "$bad" ]; then
    pass kernel-log-clean
else
    fail kernel-log-clean "$(head -n 3 <<< "$bad" | tr '\n' '|')"
fi

# The guest's upload must have reached the host intact.
want=$(sed -n 's/^UPLOAD: up1 \([0-9a-f]\{64\}\)$/\1/p' <<< "$clean" | tail -n1)
if [ -z "$want" ]; then
    fail host-upload "the guest announced no upload"
elif [ ! -f "$work/srv/upload-up1" ]; then
    fail host-upload "nothing received on the host"
elif [ "$(sha256sum "$work/srv/upload-up1" | cut -d' ' -f1)" = "$want" ]; then
    pass host-upload
else
    fail host-upload "sha256 differs from the guest's"
fi
finish
