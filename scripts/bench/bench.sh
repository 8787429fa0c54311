#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# make bench: how fast the NIC models are, side by side, on one guest and
# one topology.  Boots the test guest (build/guest/x86_64, TCG, -smp 2)
# once per device and repetition, the repetitions interleaved (each round
# runs every device, in an order rotated per round) so that machine noise
# hits all alike; the table gives each metric's median over the rounds.
#
# Usage: scripts/bench/bench.sh            (or: make bench [QEMU_REF=...])
# Environment:
#   QEMU_REF=PATH        also measure that QEMU's models (BENCH_REF_DEVICES)
#   BENCH_DEVICES="..."  models of our build (default: igb e1000e
#                        virtio-net-pci)
#   BENCH_REF_DEVICES    models of QEMU_REF (default: igb)
#   BENCH_REPS=N         rounds (default 5)
#   BENCH_SECS=S         seconds per measurement (default 5)
#   BENCH_TESTS=a,b,...  default tcp_tx_1500,tcp_rx_1500,rr,udp_tx,udp_rx,
#                        tcp_tx_9000,tcp_rx_9000 (see guest.sh)
#   BENCH_OUT=DIR        default build/bench (smoke: build/bench/smoke)
#   BENCH_SMOKE=1        one device (igb), one 2-second run per metric;
#                        prints "PASS bench/smoke" or "FAIL bench/smoke: .."
#   BENCH_PERF=1         perf-record each QEMU during its measurements
#                        (perturbs the numbers: use a separate BENCH_OUT);
#                        DIR/perf-LABEL.txt has the flat profile
#
# Topology: the NIC under test and a peer virtio-net-pci (the same for
# every run) in one guest, their netdevs two -netdev dgram sockets on
# 127.0.0.1 that point at each other; the guest moves the peer into its own
# network namespace (guest.sh), so all traffic crosses the NIC under test
# and neither slirp nor the host's network is involved.
#
# Metrics (guest.sh): TCP throughput both directions at MTU 1500 and 9000
# (iperf3, Mbit/s, "tx" = the NIC under test sends), TCP 1-byte
# request/response rate (nbtool, transactions/s), 64-byte UDP frames/s
# received by the other side (udp_tx: the NIC under test sends; udp_rx: it
# receives), and the QEMU process's CPU time (utime + stime from
# /proc/PID/stat, sampled at the guest's markers) per GB that crossed the
# NIC under test in the measured direction (its interface counters).
#
# Output: DIR/raw.csv (every value of every run), DIR/summary.csv
# (medians), DIR/results.txt (the table, also printed), DIR/chart.png
# (gnuplot, when installed), DIR/logs/ (each run's console and command).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
. "$top/scripts/config.sh"
. "$top/scripts/guest/common.sh"
guest_arch_vars x86_64

smoke=${BENCH_SMOKE:-0}
if [ "$smoke" = 1 ]; then
    devices=${BENCH_DEVICES:-igb}
    ref_devices=${BENCH_REF_DEVICES:-}
    reps=${BENCH_REPS:-1}
    secs=${BENCH_SECS:-2}
    out=${BENCH_OUT:-$build/bench/smoke}
else
    devices=${BENCH_DEVICES:-igb e1000e virtio-net-pci}
    ref_devices=${BENCH_REF_DEVICES:-igb}
    reps=${BENCH_REPS:-5}
    secs=${BENCH_SECS:-5}
    out=${BENCH_OUT:-$build/bench}
fi
tests=${BENCH_TESTS:-tcp_tx_1500,tcp_rx_1500,rr,udp_tx,udp_rx,tcp_tx_9000,tcp_rx_9000}
qemu_ref=${QEMU_REF:-}
perf=${BENCH_PERF:-0}
ntests=$(tr , '\n' <<< "$tests" | grep -c .)
dut_mac=52:54:00:12:34:56
peer_mac=52:54:00:65:43:21
hz=$(getconf CLK_TCK)

log() { echo "bench: $*" >&2; }
smoke_fail() {
    [ "$smoke" = 1 ] && echo "FAIL bench/smoke: $*"
    log "error: $*"
    exit 1
}

# --- the binaries: ours (a snapshot, so that a rebuild during the run does
# --- not mix builds; removed at the end) and the reference ----------------
mkdir -p "$out/logs"
rm -f "$out"/logs/*.log "$out"/logs/*.cmdline
qemu_ours=$out/qemu-system-x86_64
cp "$qemu_build/qemu-system-x86_64" "$qemu_ours.new" ||
    smoke_fail "no $qemu_build/qemu-system-x86_64 (make build)"
mv "$qemu_ours.new" "$qemu_ours"
runs=()    # LABEL|QEMU|DEVICE
for d in $devices; do
    qemu_has_device "$qemu_ours" "$d" || smoke_fail "our QEMU has no $d"
    runs+=("$d|$qemu_ours|$d")
done
if [ -n "$qemu_ref" ]; then
    [ -x "$qemu_ref" ] || smoke_fail "QEMU_REF $qemu_ref is not executable"
    for d in $ref_devices; do
        qemu_has_device "$qemu_ref" "$d" || smoke_fail "$qemu_ref has no $d"
        runs+=("ref-$d|$qemu_ref|$d")
    done
    log "reference: $("$qemu_ref" --version | head -n1)"
fi

# --- guest image: build/guest/x86_64 plus an overlay (nbtool, guest.sh) ---
"$top/scripts/guest/build-initramfs.sh" x86_64 ||
    smoke_fail "guest image build failed"
img=$build/guest/x86_64
tool=$build/bench/nbtool
if [ ! -x "$tool" ] || [ "$here/nbtool.c" -nt "$tool" ]; then
    mkdir -p "$build/bench"
    gcc -static -O2 -Wall -o "$tool.$$" "$here/nbtool.c" ||
        smoke_fail "cannot build nbtool (gcc -static)"
    mv "$tool.$$" "$tool"
fi
ovl=$(mktemp -d "$out/overlay.XXXXXX")
qpid=
on_exit() {
    rm -rf "$ovl" "$qemu_ours"
    if [ -n "$qpid" ] && kill -0 "$qpid" 2>/dev/null; then
        kill -TERM "$qpid" 2>/dev/null || true
    fi
}
trap on_exit EXIT
trap 'exit 130' INT TERM HUP
mkdir -p "$ovl/usr/local/bin" "$ovl/tests/scenarios"
install -m755 "$tool" "$ovl/usr/local/bin/nbtool"
install -m755 "$here/guest.sh" "$ovl/tests/scenarios/bench.sh"
# The kernel unpacks concatenated (compressed) cpio archives in order; the
# first one is padded to a multiple of 4 bytes.
cp "$img/initramfs.cpio.gz" "$out/initrd.new"
pad=$(( (4 - $(stat -c %s "$out/initrd.new") % 4) % 4 ))
head -c "$pad" /dev/zero >> "$out/initrd.new"
(cd "$ovl" && printf '%s\n' usr/local/bin/nbtool tests/scenarios/bench.sh |
    cpio -o -H newc --owner=0:0 --quiet) | gzip -n >> "$out/initrd.new"
mv "$out/initrd.new" "$out/initrd.img"
cp "$img/vmlinuz" "$out/vmlinuz"

# --- one boot ---------------------------------------------------------------
cpu_ticks() {   # PID: utime + stime of all its threads
    local s
    s=$(< "/proc/$1/stat") || return 1
    s=${s##*) }
    # shellcheck disable=SC2086
    set -- $s
    echo $(( ${12} + ${13} ))
}
now() { date +%s.%N; }

# run_one ROUND LABEL QEMU DEVICE: appends to $raw; returns non-zero when
# the guest did not finish.
run_one() {
    local round=$1 label=$2 qemu=$3 device=$4
    local logf=$out/logs/r$round-$label.log port_a port_b
    local tmo=$(( 90 + ntests * (secs + 8) ))
    local -a fw cmd
    mapfile -t fw < <(qemu_firmware_args)
    for _ in 1 2 3; do
        port_a=$(( 20000 + (RANDOM * 2 + $$) % 39000 ))
        port_b=$(( port_a + 1 ))
        local kargs=(
            "console=$guest_console" loglevel=4 panic=1 mitigations=off
            edd=off igbtest=bench "igbtest_driver=$(nic_driver "$device")"
            "igbtest_device=$device" "igbtest_mac=$dut_mac"
            "igbtest_peermac=$peer_mac" "igbtest_secs=$secs"
            "igbtest_tests=$tests" "igbtest_timeout=$(( tmo - 30 ))"
        )
        local dg=local.type=inet,local.host=127.0.0.1
        dg+=,remote.type=inet,remote.host=127.0.0.1
        cmd=(
            "$qemu" "${machine_args[@]}" "${fw[@]}" -m 1024 -smp 2
            -nodefaults -nographic -serial mon:stdio -no-reboot
            -kernel "$out/vmlinuz" -initrd "$out/initrd.img"
            -append "${kargs[*]}"
            -netdev "dgram,id=dut,$dg,local.port=$port_a,remote.port=$port_b"
            -device "$device,netdev=dut,mac=$dut_mac,romfile="
            -netdev "dgram,id=peer,$dg,local.port=$port_b,remote.port=$port_a"
            -device "virtio-net-pci,netdev=peer,mac=$peer_mac,romfile="
        )
        printf '%q ' "${cmd[@]}" > "${logf%.log}.cmdline"
        echo >> "${logf%.log}.cmdline"
        if boot "$round" "$label" "$device" "$logf" "$tmo"; then
            return 0
        fi
        grep -q 'Address already in use' "$logf" || return 1
        log "ports $port_a/$port_b taken, again"
    done
    return 1
}

# boot ROUND LABEL DEVICE LOG TIMEOUT (cmd from run_one): runs the guest,
# samples QEMU's CPU time at each BENCH-BEGIN/END line.
boot() {
    local round=$1 label=$2 device=$3 logf=$4 tmo=$5
    local fd line name key val deadline done=0 perf_pid=
    local -A t0 c0
    # The log exists before tail opens it: QEMU's redirection happens in
    # the background job, maybe after tail has given up on a missing file.
    : > "$logf"
    "${cmd[@]}" < /dev/null >> "$logf" 2>&1 &
    qpid=$!
    deadline=$(( $(date +%s) + tmo ))
    exec {fd}< <(exec tail -n +1 -f --pid="$qpid" "$logf")
    while :; do
        if IFS= read -r -t 2 -u "$fd" line; then
            line=${line%$'\r'}
            case $line in
            'BENCH-BEGIN '*)
                name=${line#BENCH-BEGIN }
                c0[$name]=$(cpu_ticks "$qpid" || echo 0)
                t0[$name]=$(now)
                if [ "$perf" = 1 ] && [ -z "$perf_pid" ]; then
                    perf record -q -F 999 -p "$qpid" \
                        -o "$out/perf-$label.data" > /dev/null 2>&1 &
                    perf_pid=$!
                fi
                ;;
            'BENCH-END '*)
                name=${line#BENCH-END }
                local c1 t1
                c1=$(cpu_ticks "$qpid" || echo 0)
                t1=$(now)
                [ -n "${c0[$name]:-}" ] || continue
                echo "$round,$label,$device,$name,cpu_s,$(awk -v a="${c0[$name]}" \
                     -v b="$c1" -v hz="$hz" 'BEGIN { print (b - a) / hz }')" \
                     >> "$raw"
                echo "$round,$label,$device,$name,wall_s,$(awk -v a="${t0[$name]}" \
                     -v b="$t1" 'BEGIN { printf "%.3f\n", b - a }')" >> "$raw"
                ;;
            'BENCH-RESULT '*)
                read -r _ name key val <<< "$line"
                echo "$round,$label,$device,$name,$key,$val" >> "$raw"
                ;;
            IGBTEST-DONE)
                done=1
                ;;
            esac
        else
            [ "$?" -gt 128 ] || break    # EOF: QEMU has exited
            if [ "$(date +%s)" -ge "$deadline" ]; then
                log "$label: no IGBTEST-DONE within ${tmo}s, stopping it"
                kill -TERM "$qpid" 2>/dev/null || true
            fi
        fi
    done
    exec {fd}<&-
    wait "$qpid" 2>/dev/null || true
    qpid=
    if [ -n "$perf_pid" ]; then
        kill -INT "$perf_pid" 2>/dev/null || true
        wait "$perf_pid" 2>/dev/null || true
        perf report -i "$out/perf-$label.data" --no-children \
            --sort dso,sym --percent-limit 0.5 --stdio 2>/dev/null |
            grep -v '^$' | head -n 80 > "$out/perf-$label.txt" || true
    fi
    grep -E '^FAIL: ' "$logf" | sed "s/^/bench: $label: /" >&2 || true
    [ "$done" = 1 ]
}

# --- the rounds -----------------------------------------------------------
raw=$out/raw.csv
echo "round,label,device,test,key,value" > "$raw"
n=${#runs[@]}
failed=0
started=$(date +%s)
log "$n configurations x $reps rounds, ${secs}s per measurement," \
    "tests $tests; output $out"
for ((r = 1; r <= reps; r++)); do
    for ((i = 0; i < n; i++)); do
        IFS='|' read -r label qemu device <<< "${runs[$(( (i + r - 1) % n ))]}"
        t=$(date +%s)
        if run_one "$r" "$label" "$qemu" "$device"; then
            log "round $r/$reps $label: $(( $(date +%s) - t ))s"
        else
            log "round $r/$reps $label: FAILED (see $out/logs/r$r-$label.log)"
            failed=$((failed + 1))
        fi
    done
done
log "all runs: $(( $(date +%s) - started ))s"

baseline=e1000e
if [ -n "$qemu_ref" ]; then
    read -r first _ <<< "$ref_devices"
    baseline=ref-$first
fi
report=(python3 "$here/report.py" --raw "$raw" --out "$out"
        --baseline "$baseline" --tests "$tests")
[ "$smoke" = 1 ] && report+=(--check)
if "${report[@]}" && [ "$failed" = 0 ]; then
    [ "$smoke" = 1 ] && echo "PASS bench/smoke"
    exit 0
fi
smoke_fail "$failed run(s) failed or values missing (see $out/logs)"
