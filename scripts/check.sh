#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# Every test of the project, one suite after the other. Each suite prints
# "PASS name" / "FAIL name" lines; this script counts them and ends with
# one line "N passed, M failed". Logs: build/check-logs/<suite>.log.
#   SUITES="qtest guest" scripts/check.sh    runs only those suites
set -uo pipefail
. "$(dirname "$0")/config.sh"
logs=$build/check-logs
mkdir -p "$logs"
suites=${SUITES:-series provenance qtest guest bench docs libvirt}
pass=0
fail=0

run_suite() {
    local name=$1 log=$logs/$1.log rc p f
    shift
    echo "=== $name"
    "$@" > >(tee "$log") 2>&1
    rc=$?
    wait
    p=$(grep -c '^PASS ' "$log")
    f=$(grep -c '^FAIL ' "$log")
    if [ "$rc" != 0 ] && [ "$f" = 0 ]; then
        echo "FAIL $name (exit $rc, see $log)"
        f=1
    fi
    pass=$((pass + p))
    fail=$((fail + f))
}

suite_series() {
    python3 "$top/scripts/series.py" apply &&
    python3 "$top/scripts/series.py" export &&
    python3 "$top/scripts/series.py" check ${CI:+--no-signoff} &&
    python3 "$top/scripts/series.py" bisect
}

suite_provenance() {
    local tool=$top/../shared/tools/provenance-check
    if [ ! -x "$tool" ]; then
        echo "provenance-check not found beside the checkout; skipped"
        return 0
    fi
    if "$tool" "$top"; then
        echo "PASS provenance"
    else
        echo "FAIL provenance"
    fi
}

suite_qtest() {
    "$top/scripts/check-qtest.sh"
}

suite_guest() {
    "$top/scripts/guest/build-initramfs.sh" x86_64 &&
    "$top/tests/guest/run.sh" --device igb
}

# A short smoke run of make bench (igb only, 2 s per metric): that it runs,
# not how fast (scripts/bench/bench.sh).
suite_bench() {
    BENCH_SMOKE=1 "$top/scripts/bench/bench.sh"
}

# QEMU's manual with docs/system/devices/igb.rst, Sphinx warnings as errors.
suite_docs() {
    "$top/scripts/build-docs.sh"
}

# igb in a libvirt domain: traffic, NIC hot-plug and unplug (needs root).
suite_libvirt() {
    "$top/tests/libvirt/run.sh"
}

for s in $suites; do
    run_suite "$s" "suite_$s"
done
echo
echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
