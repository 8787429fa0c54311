#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# Fuzz igb with QEMU's generic-fuzz (libFuzzer, ASan, UBSan): the PF alone
# (generic-fuzz-igb) and the PF with its SR-IOV VFs enabled
# (generic-fuzz-igb-sriov, series/hunks/fuzz-config.diff).
#   scripts/fuzz.sh [pf|vf|all]          default: all
#   FUZZ_TIME=seconds per target (default 600)
#   FUZZ_NO_BUILD=1 skips scripts/build-fuzz.sh
# The corpus of each target grows in build/fuzz-corpus/TARGET across runs;
# crashes, timeouts and OOMs land in build/fuzz-artifacts/TARGET. Replay
# one with build/fuzz/qemu-fuzz-x86_64 --fuzz-target=TARGET FILE; beside
# it, FILE.qtest holds the qtest commands of that replay, for
#   build/fuzz/qemu-system-x86_64 -display none -machine accel=qtest \
#     -m 512M -M q35 -nodefaults -device igb,netdev=net0 \
#     -netdev user,id=net0 -qtest stdio < FILE.qtest
# (the stuff of a tests/qtest/fuzz-igb-test.c case; with igb-sriov, the
# fuzzer's own enabling of the VFs is not in it). A crash does not end the
# run: libFuzzer starts again, with the time left, until FUZZ_TIME is up.
# Prints executions, coverage and crashes per target; fails on a crash.
# A crash whose top frame is in a host library (Debian 12's libslirp
# 4.7.0 faults on some guest IP fragments, whatever the NIC) is reported
# apart and does not fail the run, as does a PF timeout that the plain
# build replays quickly (replay_fast), and slow units (inputs that ran over
# 10 s but under the 20 s timeout: big rings, whose every DMA read the
# fuzzer fills, on a busy host).
set -euo pipefail
# shellcheck source=scripts/config.sh
. "$(dirname "$0")/config.sh"
fuzz_build=$build/fuzz
fuzzer=$fuzz_build/qemu-fuzz-x86_64
time_per_target=${FUZZ_TIME:-600}

case "${1:-all}" in
pf) targets=(generic-fuzz-igb) ;;
vf) targets=(generic-fuzz-igb-sriov) ;;
all) targets=(generic-fuzz-igb generic-fuzz-igb-sriov) ;;
*) echo "usage: $0 [pf|vf|all]" >&2; exit 2 ;;
esac

if [ "${FUZZ_NO_BUILD:-0}" != 1 ]; then
    "$top/scripts/build-fuzz.sh" qemu-fuzz-x86_64
fi

# Every sanitizer report is fatal; QEMU's own leaks at exit are not ours.
export ASAN_OPTIONS=${ASAN_OPTIONS:-halt_on_error=1:detect_leaks=0:symbolize=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1}

mkdir -p "$build/fuzz-logs"
total_crashes=0

# Reproducer of an artifact as qtest commands: the QTEST_LOG of a replay,
# with the DMA fills moved before the command that read them (QEMU's
# scripts/oss-fuzz/reorder_fuzzer_qtest_trace.py).
reproducer() {
    local target=$1 input=$2

    QTEST_LOG=1 FUZZ_SERIALIZE_QTEST=1 timeout 120 "$fuzzer" \
        --fuzz-target="$target" "$input" >"$input.log" 2>&1 || true
    python3 "$build/fuzz-src/scripts/oss-fuzz/reorder_fuzzer_qtest_trace.py" \
        "$input.log" >"$input.qtest" 2>/dev/null || true
}

# external_crash LOG: the sanitizer report of a replay says that the
# fault happened inside a host library (the top frame is in a .so that
# is not QEMU's), e.g. libslirp: prints the library, status 0.
external_crash() {
    local top
    top=$(grep -a -m1 -A8 '==ERROR: AddressSanitizer' "$1" 2>/dev/null |
        grep -a -m1 '#0 ' | grep -aoE '\(/[^ ()]+\.so[.0-9]*' | tr -d '(')
    [ -n "$top" ] && echo "$top"
}

# replay_fast QTEST: does the plain build (build/qemu, no sanitizers, no
# fuzzer hooks) run the qtest commands of a PF artifact within 10 s? A
# libFuzzer timeout that does is the fuzzer's cost (it fills every DMA
# read of the device itself), not a hang of the model. Prints the time.
replay_fast() {
    local q=$build/qemu/qemu-system-x86_64 out start n
    [ -x "$q" ] && [ -s "$1" ] || return 1
    out=$(mktemp)
    n=$(grep -c '' "$1")
    start=$(date +%s%N)
    # a last command whose answer says that all before it were done
    { cat "$1"; echo "readl 0xe0000008"; sleep 12; } |
        timeout 12 "$q" -display none -machine accel=qtest -m 512M \
            -M q35 -nodefaults -device igb,netdev=net0 \
            -netdev user,id=net0 -qtest stdio >"$out" 2>&1 &
    while sleep 0.2; do
        if [ "$(grep -c '^OK\|^FAIL' "$out")" -gt "$n" ]; then
            echo "$(( ($(date +%s%N) - start) / 1000000 )) ms"
            kill %1 2>/dev/null; wait 2>/dev/null; rm -f "$out"
            return 0
        fi
        [ $(( ($(date +%s%N) - start) / 1000000000 )) -ge 10 ] && break
    done
    kill %1 2>/dev/null; wait 2>/dev/null; rm -f "$out"
    return 1
}

fuzz_target() {
    local target=$1 corpus=$build/fuzz-corpus/$1
    local art=$build/fuzz-artifacts/$1 log=$build/fuzz-logs/$1.log
    local start end left execs=0 n cov ft before after crashes

    mkdir -p "$corpus" "$art"
    python3 "$top/scripts/fuzz-seeds.py" "$corpus"
    : >"$log"
    before=$(find "$art" -maxdepth 1 -type f ! -name '*.qtest' \
        ! -name '*.log' ! -name 'slow-unit-*' | wc -l)
    start=$(date +%s)
    end=$((start + time_per_target))
    while left=$((end - $(date +%s))); [ "$left" -gt 0 ]; do
        "$fuzzer" --fuzz-target="$target" -max_total_time="$left" \
            -timeout=20 -rss_limit_mb=8192 -detect_leaks=0 \
            -print_final_stats=1 -artifact_prefix="$art/" "$corpus" \
            >>"$log" 2>&1 || true
        n=$(grep -a 'stat::number_of_executed_units' "$log" | tail -n 1 |
            awk '{print $2}')
        execs=$((execs + ${n:-0}))
        # print_final_stats is printed once per libFuzzer run: count it
        sed -i 's/^stat::number_of_executed_units/counted::units/' "$log"
    done
    cov=$(grep -aoE 'cov: [0-9]+' "$log" | tail -n 1 | awk '{print $2}')
    ft=$(grep -aoE 'ft: [0-9]+' "$log" | tail -n 1 | awk '{print $2}')
    after=$(find "$art" -maxdepth 1 -type f ! -name '*.qtest' \
        ! -name '*.log' ! -name 'slow-unit-*' | wc -l)
    slow=$(find "$art" -maxdepth 1 -type f -name 'slow-unit-*' \
        ! -name '*.qtest' ! -name '*.log' -newer "$log.start" | wc -l)
    crashes=$((after - before))
    external=0
    for f in "$art"/*; do
        case "$f" in *.qtest | *.log | */slow-unit-*) continue ;; esac
        if [ -f "$f" ] && [ ! -f "$f.qtest" ]; then
            reproducer "$target" "$f"
        fi
        # Classify what this run found (the others were, when found)
        [ -f "$f" ] && [ "$f" -nt "$log.start" ] || continue
        case "$(basename "$f")" in
        timeout-*)
            if [ "$target" = generic-fuzz-igb ] &&
                t=$(replay_fast "$f.qtest"); then
                echo "$target: $f: a timeout under the fuzzer only:" \
                    "the plain build replays it in $t"
                external=$((external + 1))
            fi
            continue ;;
        esac
        if external_crash "$f.log"; then
            echo "$target: $f: crash inside $(external_crash "$f.log")," \
                "not in QEMU's code (see $f.log)"
            external=$((external + 1))
        fi
    done
    crashes=$((crashes - external))
    printf '%s: %d s, %d executions, coverage %s edges (%s features), ' \
        "$target" "$(($(date +%s) - start))" "$execs" "${cov:-?}" "${ft:-?}"
    printf 'corpus %d inputs, %d new crashes/timeouts/ooms' \
        "$(find "$corpus" -type f | wc -l)" "$crashes"
    printf ' (+%d inside host libraries or slow under the fuzzer only,' \
        "$external"
    printf ' %d slow units)\n' "$slow"
    if [ "$crashes" -gt 0 ]; then
        grep -aE '^(==[0-9]+==ERROR|SUMMARY|.*runtime error:)' "$log" |
            sort | uniq -c | head -n 20
        find "$art" -maxdepth 1 -type f -newer "$log.start" 2>/dev/null |
            head -n 20
        echo "FAIL fuzz/$target ($crashes artifacts in $art, log $log)"
    else
        echo "PASS fuzz/$target"
    fi
    total_crashes=$((total_crashes + crashes))
}

for t in "${targets[@]}"; do
    touch "$build/fuzz-logs/$t.log.start"
    fuzz_target "$t"
done
[ "$total_crashes" = 0 ]
