#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# Boot the Linux test guest (scripts/guest/build-initramfs.sh) on QEMU's TCG
# once per scenario and report each check.
#
# Usage: tests/guest/run.sh [OPTIONS] [SCENARIO...]
#   --arch ARCH       x86_64 (default) or aarch64
#   --device DEV      the NIC model under test (default igb)
#   --driver DRV      the Linux driver expected to bind (default: from DEV)
#   --qemu PATH       QEMU binary (default build/qemu/qemu-system-ARCH)
#   --timeout S       override every scenario's time bound
#   --append ARGS     more guest kernel arguments
#   --logdir DIR      default build/guest-logs
#   --keep            keep each scenario's work directory (host data)
#   --no-build        do not (re)build the guest image first
#   --shell           boot one scenario's set-up (or a plain guest) with an
#                     interactive shell instead of running it
#   --list            list the scenarios and exit
# Without SCENARIO: every tests/guest/scenarios/*.sh ("shell" and "none"
# are not scenario names).
#
# Output: "PASS scenario/check" or "FAIL scenario/check: reason" per check,
# then "N passed, M failed" as the last line; the exit status is non-zero
# on any failure.  Per scenario, DIR/SCENARIO.log holds the serial console
# (and QEMU's messages), DIR/SCENARIO.cmdline the exact QEMU command.
#
# Besides the guest's own checks, each scenario gets two from the host:
#   guest-finished    the guest printed IGBTEST-DONE in time
#   kernel-log-clean  no WARNING:, Oops, BUG:, NETDEV WATCHDOG, Tx Unit Hang,
#                     Reset adapter, ... in the console/dmesg
#
# Scenario files (tests/guest/scenarios/NAME.sh, run by the guest's /init)
# may carry header lines that this runner reads:
#   # timeout: S           time bound for the whole boot (default 180)
#   # devices: D...        only for these -device models (else SKIP)
#   # arches: A...         only for these guest arches (else SKIP)
#   # smp: N               -smp (default 2)
#   # memory: M            -m in MiB (default 512)
#   # nic-args: k=v,...    appended to the NIC's -device option
#   # qemu-args: ...       more QEMU arguments (split on white space)
#   # append: ...          more guest kernel arguments
#   # allow-log: REGEX     a kernel log line matching this (grep -E) does not
#                          fail kernel-log-clean (e.g. an expected reset)
#   # peer: MODEL[,OPTS]   a second NIC (-device MODEL, MAC 52:54:00:12:34:57)
#                          in the guest, wired to the NIC under test: both
#                          are ports (n0, p0) of one hub, and there is no
#                          slirp; the guest gets igbtest_peer_mac/_driver
#   # migrate: yes         a second QEMU (same command line, -incoming) waits
#                          for a live migration (see migrate_guest); the
#                          guest's output goes on in its console, appended
#                          to the log
# Several qemu-args/append/allow-log lines add up.
#
# Host hooks: tests/guest/scenarios/NAME.host.sh, if present, is sourced
# (in a subshell per scenario) and may define
#   host_setup    before the boot: start host services, add QEMU arguments
#                 (QEMU_EXTRA+=(...)), kernel arguments (KERNEL_EXTRA+=(...))
#                 or -netdev user options (NETDEV_EXTRA+=",k=v")
#   host_during   in the background while the guest runs (stopped when
#                 QEMU has exited): act on the machine through QMP, e.g.
#                 wait_request NAME, then qmp set_link '{"name": ...}'
#   host_check    after the guest has stopped: host_pass NAME /
#                 host_fail NAME REASON; $LOG is the serial log
#   host_cleanup  always, at the end
# with $WORK (a scratch directory), $SCENARIO, $ARCH, $DEVICE, $DRIVER, $MAC.
# QEMU has a QMP server on $QMP_SOCK: qmp [--dst] COMMAND [ARGS-JSON]
# (tests/guest/qmp.py) prints the answer; wait_log REGEX [SECS] waits for a
# console line; wait_request NAME [SECS] for the guest's "host_request NAME"
# (lib.sh; the line "IGBTEST-HOST: NAME"); migrate_guest migrates to the
# destination QEMU ("# migrate: yes"), then quits the source.
# hostsrv_enable serves $HOSTSRV_DIR to the guest at http://10.0.2.100/
# (tests/guest/hostsrv.py through a slirp guestfwd, so nothing listens on a
# host port); hostsrv_verify_uploads checks the guest's uploads;
# hostsrv_guestfwd ADDR gives the option for a scenario's own -netdev user.
#
# Networking (without "# peer:") is slirp with restrict=on: the guest
# reaches the slirp gateway (DHCP, ping) and the guestfwd helper, and
# nothing else.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
. "$top/scripts/config.sh"
. "$top/scripts/guest/common.sh"

arch=x86_64 device=igb driver='' qemu='' timeout_override='' extra_append=''
logdir=$build/guest-logs keep=0 do_build=1 shell=0 list=0
mac=52:54:00:12:34:56
scenarios=()
usage() { sed -n '4,/are not scenario names/s/^# \{0,1\}//p' "$0"; }
while [ $# -gt 0 ]; do
    case $1 in
    --arch|--device|--driver|--qemu|--timeout|--append|--logdir)
        [ $# -ge 2 ] || { echo "run.sh: $1 needs a value" >&2; exit 2; }
        ;;
    esac
    case $1 in
    --arch) arch=$2; shift ;;
    --device) device=$2; shift ;;
    --driver) driver=$2; shift ;;
    --qemu) qemu=$2; shift ;;
    --timeout) timeout_override=$2; shift ;;
    --append) extra_append=$2; shift ;;
    --logdir) logdir=$2; shift ;;
    --keep) keep=1 ;;
    --no-build) do_build=0 ;;
    --shell) shell=1 ;;
    --list) list=1 ;;
    -h|--help) usage; exit 0 ;;
    -*) echo "run.sh: unknown option $1" >&2; usage >&2; exit 2 ;;
    *) scenarios+=("$1") ;;
    esac
    shift
done
guest_arch_vars "$arch"
qemu=${qemu:-$qemu_build/$qemu_name}
driver=${driver:-$(nic_driver "$device")}
link=$(nic_link "$device")
img=$build/guest/$arch
python=/usr/bin/python3
[ -x "$python" ] || python=$(command -v python3)

# hdr FILE KEY: the values of "# KEY: value" header lines, one per line.
hdr() { sed -n "s/^# $2: *//p" "$1"; }

if [ "$list" = 1 ]; then
    for f in "$here"/scenarios/*.sh; do
        case $f in *.host.sh) continue ;; esac
        printf '%-16s %s\n' "$(basename "$f" .sh)" \
            "$(sed -n 's/^# description: *//p' "$f")"
    done
    exit 0
fi

if [ ${#scenarios[@]} = 0 ]; then
    for f in "$here"/scenarios/*.sh; do
        case $f in *.host.sh) continue ;; esac
        scenarios+=("$(basename "$f" .sh)")
    done
    [ "$shell" = 1 ] && scenarios=(none)
fi

[ -x "$qemu" ] || { echo "run.sh: no QEMU at $qemu" >&2; exit 2; }
if ! qemu_has_device "$qemu" "$device"; then
    echo "run.sh: $qemu has no -device $device" >&2
    if [ "$shell" = 0 ]; then
        for s in "${scenarios[@]}"; do
            echo "FAIL $s/device-available: no -device $device in $qemu"
        done
        echo "0 passed, ${#scenarios[@]} failed"
    fi
    exit 1
fi
if [ "$do_build" = 1 ]; then
    t0=$(date +%s)
    "$top/scripts/guest/build-initramfs.sh" "$arch"
    t=$(( $(date +%s) - t0 ))
    [ "$t" -gt 2 ] && echo "run.sh: guest image ready in ${t}s" >&2
fi
for f in vmlinuz initramfs.cpio.gz; do
    [ -f "$img/$f" ] || { echo "run.sh: no $img/$f" >&2; exit 2; }
done
mkdir -p "$logdir"
results=$logdir/.results.$$
: > "$results"
trap 'rm -f "$results"' EXIT

# --- helpers for hooks and for the runner ---------------------------------
report() {   # report PASS|FAIL|SKIP CHECK [REASON]
    local line="$1 $SCENARIO/$2${3:+: $3}"
    echo "$line"
    echo "$line" >> "$results"
}
host_pass() { report PASS "$1"; }
host_fail() { report FAIL "$1" "${2:-}"; }

hostsrv_enable() {
    HOSTSRV_DIR=$WORK/srv
    # The command goes through -netdev option parsing and g_shell_parse_argv.
    case "$here$HOSTSRV_DIR$python" in
    *[,[:space:]]*)
        echo "run.sh: hostsrv needs paths without commas or blanks" >&2
        return 1 ;;
    esac
    mkdir -p "$HOSTSRV_DIR"
    NETDEV_EXTRA+=$(hostsrv_guestfwd 10.0.2.100)
}
# hostsrv_guestfwd ADDR: the -netdev user option (",guestfwd=...") that
# serves $HOSTSRV_DIR at http://ADDR/ too (e.g. on a second slirp network
# of the scenario's own; after hostsrv_enable).
hostsrv_guestfwd() {
    echo ",guestfwd=tcp:$1:80-cmd:$python -I $here/hostsrv.py $HOSTSRV_DIR"
}
# hostsrv_verify_uploads NAME...: each named upload must have reached the
# host, and its sha256 must equal what the guest announced ("UPLOAD:").
hostsrv_verify_uploads() {
    local n want got
    for n in "$@"; do
        want=$(tr -d '\r' < "$LOG" |
               sed -n "s/^UPLOAD: $n \([0-9a-f]\{64\}\)\$/\1/p" | tail -n1)
        if [ -z "$want" ]; then
            host_fail "host-upload-$n" "the guest announced no upload $n"
        elif [ ! -f "$HOSTSRV_DIR/upload-$n" ]; then
            host_fail "host-upload-$n" "nothing received on the host"
        else
            got=$(sha256sum "$HOSTSRV_DIR/upload-$n" | cut -d' ' -f1)
            if [ "$got" = "$want" ]; then
                host_pass "host-upload-$n"
            else
                host_fail "host-upload-$n" "host sha256 $got, guest $want"
            fi
        fi
    done
}

forbidden_log='WARNING:|Oops|BUG:|Kernel panic|NETDEV WATCHDOG|Tx Unit Hang'
forbidden_log+='|Reset adapter|Call Trace|general protection fault'
forbidden_log+='|blocked for more than|soft lockup|hard LOCKUP|rcu_sched detected stalls|rcu: INFO'

# --- helpers for hooks that act while the guest runs (host_during) ---------
# qmp [--dst] COMMAND [ARGS-JSON]: run a QMP command on the scenario's QEMU
# (--dst: the migration destination); prints the "return" JSON.
qmp() {
    local sock=$QMP_SOCK
    if [ "$1" = --dst ]; then sock=$QMP_DST_SOCK; shift; fi
    "$python" "$here/qmp.py" --timeout 15 "$sock" "$@"
}
# serial_log: the guest's console so far (source, then destination).
serial_log() {
    tr -d '\r' < "$LOG"
    [ -f "$WORK/dst.log" ] && tr -d '\r' < "$WORK/dst.log"
    return 0
}
# wait_log REGEX [SECS]: wait (default 60 s) for a console line matching
# REGEX (grep -E).
wait_log() {
    local end=$(( $(date +%s) + ${2:-60} ))
    until serial_log | grep -Eq -- "$1"; do
        [ "$(date +%s)" -ge "$end" ] && return 1
        sleep 0.2
    done
}
# wait_request NAME [SECS]: wait for the guest's host_request NAME.
wait_request() { wait_log "^IGBTEST-HOST: $1\$" "${2:-60}"; }
# migrate_guest: live-migrate the guest to the destination QEMU (scenario
# header "# migrate: yes"), then stop the source.  Reports the host check
# "migration".
migrate_guest() {
    local t0 st='' r end
    t0=$(date +%s)
    qmp migrate-set-parameters '{"max-bandwidth": 4294967296}' > /dev/null ||
        true
    if ! r=$(qmp migrate "{\"uri\": \"$MIG_URI\"}" 2>&1); then
        host_fail migration "migrate: $r"
        return 1
    fi
    end=$(( t0 + 90 ))
    while [ "$(date +%s)" -lt "$end" ]; do
        r=$(qmp query-migrate 2>&1) || break
        st=$(sed -n 's/.*"status": "\([a-z-]*\)".*/\1/p' <<< "$r")
        case $st in completed|failed|cancelled) break ;; esac
        sleep 0.3
    done
    if [ "$st" != completed ]; then
        host_fail migration \
            "status '${st:-?}' after $(( $(date +%s) - t0 ))s: $r"
        return 1
    fi
    touch "$WORK/migrated"
    qmp quit > /dev/null 2>&1 || true
    host_pass migration
    echo "run.sh: $SCENARIO: migrated in $(( $(date +%s) - t0 ))s:" \
         "$(grep -o '"total-time": [0-9]*\|"transferred": [0-9]*' <<< "$r" |
            tr '\n' ' ')" >&2
}

# --- one scenario (run in a subshell) --------------------------------------
run_scenario() {
    SCENARIO=$1
    local f=$here/scenarios/$SCENARIO.sh hook=$here/scenarios/$SCENARIO.host.sh
    if [ "$SCENARIO" = none ]; then
        f=/dev/null hook=/dev/null
    elif [ ! -f "$f" ]; then
        report FAIL exists "no $f"
        return 0
    fi
    local v
    v=$(hdr "$f" devices | tr '\n' ' ')
    if [ -n "$v" ] && [[ " $v " != *" $device "* ]]; then
        report SKIP all "not for -device $device (devices: $v)"
        return 0
    fi
    v=$(hdr "$f" arches | tr '\n' ' ')
    if [ -n "$v" ] && [[ " $v " != *" $arch "* ]]; then
        report SKIP all "not for $arch (arches: $v)"
        return 0
    fi
    local tmo smp mem nic_args peer migrate
    tmo=${timeout_override:-$(hdr "$f" timeout | tail -n1)}
    tmo=${tmo:-180}
    smp=$(hdr "$f" smp | tail -n1)
    mem=$(hdr "$f" memory | tail -n1)
    nic_args=$(hdr "$f" nic-args | paste -sd, -)
    peer=$(hdr "$f" peer | tail -n1)
    migrate=$(hdr "$f" migrate | tail -n1)
    if [ -n "$peer" ] && ! qemu_has_device "$qemu" "${peer%%,*}"; then
        report SKIP all "no -device $peer (the peer NIC) in $qemu"
        return 0
    fi
    local -a qemu_args append allow=()
    read -r -a qemu_args <<< "$(hdr "$f" qemu-args | tr '\n' ' ')"
    read -r -a append <<< "$(hdr "$f" append | tr '\n' ' ') $extra_append"
    mapfile -t allow < <(hdr "$f" allow-log)

    # Hook interface.
    # shellcheck disable=SC2034
    ARCH=$arch DEVICE=$device DRIVER=$driver MAC=$mac
    WORK=$logdir/$SCENARIO.work
    LOG=$logdir/$SCENARIO.log
    QEMU_EXTRA=() KERNEL_EXTRA=() NETDEV_EXTRA='' HOSTSRV_DIR=''
    host_setup() { :; }
    host_during() { :; }
    host_check() { :; }
    host_cleanup() { :; }
    rm -rf "$WORK"
    mkdir -p "$WORK"
    # Unix socket paths are short (108 bytes): a private directory in /tmp.
    SOCKDIR=$(mktemp -d "${TMPDIR:-/tmp}/igbtest.XXXXXX")
    QMP_SOCK=$SOCKDIR/qmp QMP_DST_SOCK=$SOCKDIR/qmp-dst
    MIG_URI=unix:$SOCKDIR/migrate
    # shellcheck source=/dev/null
    [ -f "$hook" ] && . "$hook"
    qpid='' dpid='' hpid=''
    cleanup() {
        local p
        for p in "$hpid" "$qpid" "$dpid"; do
            if [ -n "$p" ] && kill -0 "$p" 2>/dev/null; then
                kill -TERM "$p" 2>/dev/null || true
                wait "$p" 2>/dev/null || true
            fi
        done
        host_cleanup || true
        rm -rf "$SOCKDIR"
        if [ "$keep" = 0 ]; then rm -rf "$WORK"; fi
    }
    trap cleanup EXIT
    trap 'exit 143' TERM INT HUP
    host_setup

    # Inside the guest the scenario gets what is left after booting.
    local gtmo=$(( tmo - 60 ))
    [ "$gtmo" -lt 30 ] && gtmo=30
    local peer_mac=52:54:00:12:34:57
    local kargs=(
        "console=$guest_console" loglevel=4 panic=1 mitigations=off edd=off
        "igbtest=$([ "$shell" = 1 ] && echo shell || echo "$SCENARIO")"
        "igbtest_driver=$driver" "igbtest_device=$device" "igbtest_mac=$mac"
        ${link:+"igbtest_speed=${link% *}" "igbtest_duplex=${link#* }"}
        "igbtest_timeout=$gtmo"
        ${peer:+"igbtest_peer_mac=$peer_mac"
                "igbtest_peer_driver=$(nic_driver "${peer%%,*}")"}
        "${append[@]}" "${KERNEL_EXTRA[@]}"
    )
    # The NIC is slirp's only client, or ("# peer:") wired to the peer NIC
    # through a hub (without slirp, which would answer for any address).
    local -a net=(-netdev "user,id=n0,restrict=on${NETDEV_EXTRA}")
    if [ -n "$peer" ]; then
        # shellcheck disable=SC2054
        net=(-netdev hubport,id=n0,hubid=0
             -netdev hubport,id=p0,hubid=0
             -device "$peer,netdev=p0,mac=$peer_mac,romfile=")
    fi
    local -a fw
    mapfile -t fw < <(qemu_firmware_args)
    local cmd=(
        "$qemu" "${machine_args[@]}" "${fw[@]}" -m "${mem:-512}" -smp "${smp:-2}"
        -nodefaults -nographic -serial mon:stdio -no-reboot
        -kernel "$img/vmlinuz" -initrd "$img/initramfs.cpio.gz"
        -append "${kargs[*]}"
        -device "$device,netdev=n0,mac=$mac,romfile=${nic_args:+,$nic_args}"
        "${qemu_args[@]}" "${net[@]}" "${QEMU_EXTRA[@]}"
    )
    local cmdfile=$logdir/$SCENARIO.cmdline
    [ "$shell" = 1 ] && cmdfile=$logdir/shell.cmdline
    printf '%q ' "${cmd[@]}" > "$cmdfile"
    echo >> "$cmdfile"

    if [ "$shell" = 1 ]; then
        echo "run.sh: interactive guest (Ctrl-A x quits QEMU), QMP at" \
             "$QMP_SOCK" >&2
        "${cmd[@]}" -qmp "unix:$QMP_SOCK,server=on,wait=off" || true
        return 0
    fi

    local t0 rc=0 secs
    t0=$(date +%s)
    timeout -k 10 "$tmo" "${cmd[@]}" -qmp "unix:$QMP_SOCK,server=on,wait=off" \
        < /dev/null > "$LOG" 2>&1 &
    qpid=$!
    if [ "$migrate" = yes ]; then
        # The destination: the same machine, waiting for the migration.
        timeout -k 10 "$tmo" "${cmd[@]}" \
            -qmp "unix:$QMP_DST_SOCK,server=on,wait=off" -incoming "$MIG_URI" \
            < /dev/null > "$WORK/dst.log" 2>&1 &
        dpid=$!
    fi
    ( host_during ) &
    hpid=$!
    # (stderr: no "Aborted" job notice from bash when QEMU dies; the
    # reason is in the log and in the guest-finished check.)
    wait "$qpid" 2>/dev/null || rc=$?
    qpid=
    if [ -n "$dpid" ]; then
        if [ -f "$WORK/migrated" ]; then
            # The guest goes on in the destination.
            rc=0
            wait "$dpid" 2>/dev/null || rc=$?
        else
            kill -TERM "$dpid" 2>/dev/null || true
            wait "$dpid" 2>/dev/null || true
        fi
        dpid=
        {
            echo "----- migration destination QEMU -----"
            cat "$WORK/dst.log"
        } >> "$LOG"
    fi
    # The hook has had its chance (a hook still waiting for the guest now
    # waits for nothing).
    local n=0
    while [ "$n" -lt 10 ] && kill -0 "$hpid" 2>/dev/null; do
        sleep 0.5
        n=$((n + 1))
    done
    kill -TERM "$hpid" 2>/dev/null || true
    wait "$hpid" 2>/dev/null || true
    hpid=
    secs=$(( $(date +%s) - t0 ))

    local clean
    clean=$(tr -d '\r' < "$LOG")
    # The guest's own results.
    local n=0 kind rest check reason
    while read -r kind rest; do
        check=${rest%%:*}
        check=${check%% *}
        reason=
        [[ $rest == *:* ]] && reason=${rest#*: }
        report "${kind%:}" "$check" "$reason"
        n=$((n + 1))
    done < <(grep -E '^(PASS|FAIL|SKIP): [A-Za-z0-9._-]+' <<< "$clean" || true)
    [ "$n" = 0 ] && report FAIL guest-results "the guest reported no check"

    if grep -q '^IGBTEST-DONE$' <<< "$clean"; then
        report PASS guest-finished
    elif [ "$rc" = 124 ] || [ "$rc" = 137 ]; then
        report FAIL guest-finished "no IGBTEST-DONE within ${tmo}s"
    else
        report FAIL guest-finished \
            "QEMU exited ($rc) before IGBTEST-DONE: $(tail -n 2 <<< "$clean" |
                                                    tr '\n' ' ')"
    fi

    local bad
    bad=$(grep -E -- "$forbidden_log" <<< "$clean" || true)
    local a
    for a in "${allow[@]}"; do
        bad=$(grep -Ev -- "$a" <<< "$bad" || true)
    done
    if [ -z "$bad" ]; then
        report PASS kernel-log-clean
    else
        report FAIL kernel-log-clean "$(head -n 3 <<< "$bad" | tr '\n' '|')"
    fi

    host_check
    echo "run.sh: $SCENARIO: ${secs}s (limit ${tmo}s), log $LOG" >&2
}

if [ "$shell" = 1 ]; then
    SCENARIO=${scenarios[0]}
    run_scenario "$SCENARIO"
    exit 0
fi
# Each scenario in a subshell (hooks stay local to it), in the background so
# that a signal to this script reaches it at once; it stops its QEMU.
spid=
trap 'echo "run.sh: interrupted" >&2
      [ -n "$spid" ] && kill -TERM "$spid" 2>/dev/null && wait "$spid"
      exit 130' INT TERM HUP
for s in "${scenarios[@]}"; do
    SCENARIO=$s
    rc=0
    ( run_scenario "$s" ) &
    spid=$!
    wait "$spid" || rc=$?
    spid=
    [ "$rc" = 0 ] || report FAIL runner "run.sh error $rc"
done

npass=$(grep -c '^PASS ' "$results" || true)
nfail=$(grep -c '^FAIL ' "$results" || true)
nskip=$(grep -c '^SKIP ' "$results" || true)
[ "$nskip" -gt 0 ] && echo "($nskip skipped)"
echo "$npass passed, $nfail failed"
[ "$nfail" = 0 ]
