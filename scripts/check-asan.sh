#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# The igb tests on the ASan + UBSan build of QEMU (build/fuzz, see
# scripts/build-fuzz.sh): the igb cases of qos-test, igb-test and
# fuzz-igb-test, one case per run, then guest scenarios (ASAN_GUEST,
# default "basic ptp sriov-admin": the PF, IEEE 1588, SR-IOV).
# Any sanitizer report fails the case (halt_on_error): QEMU aborts, and
# its output is searched for reports all the same.
#   scripts/check-asan.sh [case-substring...]
#   ASAN_NO_BUILD=1 skips the build; ASAN_NO_GUEST=1 skips the guest.
# Prints PASS/FAIL per case and "N passed, M failed"; logs in
# build/asan-logs/.
set -euo pipefail
# shellcheck source=scripts/config.sh
. "$(dirname "$0")/config.sh"
fuzz_build=$build/fuzz
logs=$build/asan-logs
qemu=$fuzz_build/qemu-system-x86_64
filters=("$@")
pass=0
fail=0

mkdir -p "$logs"
rm -f "$logs"/*.log
if [ "${ASAN_NO_BUILD:-0}" != 1 ]; then
    "$top/scripts/build-fuzz.sh" qemu-system-x86_64 tests/qtest/qos-test \
        tests/qtest/igb-test tests/qtest/fuzz-igb-test
fi

# QEMU's own leaks at exit are noise; everything else is fatal.
export ASAN_OPTIONS=${ASAN_OPTIONS:-halt_on_error=1:abort_on_error=1:detect_leaks=0:symbolize=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-halt_on_error=1:abort_on_error=1:print_stacktrace=1}
sanitizer_re='ERROR: AddressSanitizer|runtime error:|ERROR: LeakSanitizer'

result() {
    local name=$1 ok=$2 log=$3

    if [ "$ok" = 1 ] && ! grep -qaE "$sanitizer_re" "$log"; then
        echo "PASS $name"
        pass=$((pass + 1))
    else
        echo "FAIL $name (log: $log)"
        grep -aE -m 5 -A 12 "$sanitizer_re" "$log" | sed 's/^/    /' || true
        fail=$((fail + 1))
    fi
}

wanted() {
    local f

    [ ${#filters[@]} = 0 ] && return 0
    for f in "${filters[@]}"; do
        case "$1" in *"$f"*) return 0 ;; esac
    done
    return 1
}

# The igb cases of the three binaries (qos-test: libqos node "igb").
run_qtests() {
    local bin path log name ok

    for bin in qos-test igb-test fuzz-igb-test; do
        [ -x "$fuzz_build/tests/qtest/$bin" ] || continue
        (cd "$fuzz_build" && QTEST_QEMU_BINARY=./qemu-system-x86_64 \
            "./tests/qtest/$bin" -l 2>/dev/null) |
            grep -E '^/.*(/igb-tests/|/igb/)' >"$logs/$bin.cases" || true
        while read -r path; do
            wanted "$path" || continue
            name=${path#/x86_64/}
            name=$bin/${name##*/igb-tests/}
            log=$logs/$(echo "$name" | tr '/' '_').log
            ok=0
            if (cd "$fuzz_build" &&
                QTEST_QEMU_BINARY=./qemu-system-x86_64 timeout 600 \
                "./tests/qtest/$bin" --tap -p "$path") >"$log" 2>&1 &&
                grep -qE '^ok [0-9]+ ' "$log" &&
                ! grep -qE '^not ok ' "$log"; then
                ok=1
            fi
            result "$name" "$ok" "$log"
        done <"$logs/$bin.cases"
    done
}

# Sanitizer output goes to files (log_path), not to the console log that
# the scenario's kernel-log-clean check reads: ASan warns there about
# QEMU's coroutines (swapcontext) otherwise. The sanitized QEMU is slower:
# more time for the boot (a starved host still shows RCU stalls).
run_guest() {
    local scen=$1 log=$logs/guest-$1.log ok=0

    wanted "guest/$scen" || return 0
    rm -rf "$logs/guest-san"
    mkdir -p "$logs/guest-san"
    if ASAN_OPTIONS=$ASAN_OPTIONS:log_path=$logs/guest-san/asan \
        UBSAN_OPTIONS=$UBSAN_OPTIONS:log_path=$logs/guest-san/ubsan \
        "$top/tests/guest/run.sh" --qemu "$qemu" --device igb --no-build \
            --timeout 900 --logdir "$logs/guest" "$scen" >"$log" 2>&1; then
        ok=1
    fi
    cat "$logs/guest/$scen.log" "$logs"/guest-san/* >>"$log" 2>/dev/null ||
        true
    sed -n 's/^\(PASS\|FAIL\) /  guest: &/p' "$log"
    result "guest/$scen" "$ok" "$log"
}

start=$(date +%s)
run_qtests
if [ "${ASAN_NO_GUEST:-0}" != 1 ]; then
    "$top/scripts/guest/build-initramfs.sh" x86_64 >"$logs/initramfs.log" 2>&1
    for scen in ${ASAN_GUEST:-basic ptp sriov-admin}; do
        run_guest "$scen"
    done
fi
echo "check-asan: $(($(date +%s) - start)) s, sanitizers: ASan + UBSan," \
    "halt_on_error=1"
echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
