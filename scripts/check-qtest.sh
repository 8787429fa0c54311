#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# Build and run the igb qtests through QEMU's meson test suite:
#   scripts/check-qtest.sh [-v] [-n] [case-substring...]
# qos-test runs only its igb cases (libqos node "igb"); igb-test runs the
# q35 cases. Prints PASS/FAIL/SKIP per igb case and "N passed, M failed".
# A case that aborts its test binary is FAIL; the cases after it run in a
# new invocation. -v shows the test output of failing runs; -n neither
# applies the series nor builds (the caller holds the build lock).
set -euo pipefail
# shellcheck source=scripts/config.sh
. "$(dirname "$0")/config.sh"

verbose=0
build_first=1
while [ $# -gt 0 ]; do
    case "$1" in
    -v) verbose=1 ;;
    -n) build_first=0 ;;
    *) break ;;
    esac
    shift
done
filters=("$@")
arch=x86_64
meson="$qemu_build/pyvenv/bin/meson"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# Build under the lock shared with scripts/compile-unit.sh, and keep it
# while the tests run so that nobody relinks QEMU under their feet.
if [ $build_first = 1 ]; then
    exec 9>"$build/.ninja.lock"
    flock 9
    if ! python3 "$top/scripts/series.py" apply >"$tmp/build.log" 2>&1 ||
        ! ninja -C "$qemu_build" "qemu-system-$arch" tests/qtest/qos-test \
            tests/qtest/igb-test tests/qtest/fuzz-igb-test \
            >>"$tmp/build.log" 2>&1; then
        tail -40 "$tmp/build.log"
        echo "FAIL build"
        echo "0 passed, 1 failed"
        exit 1
    fi
fi

# The igb cases of both binaries, in the order they run.
export QTEST_QEMU_BINARY="./qemu-system-$arch"
(
    cd "$qemu_build"
    ./tests/qtest/qos-test -l
    ./tests/qtest/igb-test -l
    ./tests/qtest/fuzz-igb-test -l
) 2>/dev/null | grep -E '^/.*(/igb-tests/|/igb/)' >"$tmp/all" || true
: >"$tmp/cases"
while read -r c; do
    keep=1
    if [ ${#filters[@]} -gt 0 ]; then
        keep=0
        for f in "${filters[@]}"; do
            case "$c" in *"$f"*) keep=1 ;; esac
        done
    fi
    if [ $keep = 1 ]; then
        echo "$c" >>"$tmp/cases"
    fi
done <"$tmp/all"
if [ -f "$top/tests/qtest/igb-qos-test.c" ] &&
    ! grep -q /igb-tests/ "$tmp/all"; then
    echo "FAIL qos-test has no igb cases: is tests/qtest/igb-qos-test.c" \
        "(and series/hunks/qtest-meson-qos.diff) in series/patches?"
    missing=1
fi
total=$(wc -l <"$tmp/cases")
if [ "$total" = 0 ]; then
    echo "no igb cases found"
    echo "0 passed, 1 failed"
    exit 1
fi

declare -A result
pass=0
fail=${missing:-0}
skip=0
run=0
start=$(date +%s.%N)
cp "$tmp/cases" "$tmp/todo"
while [ -s "$tmp/todo" ]; do
    run=$((run + 1))
    args=()
    while read -r c; do
        args+=(-p "$c")
    done <"$tmp/todo"
    "$meson" test -C "$qemu_build" --no-rebuild --logbase "igb-qtest-$run" \
        --test-args "${args[*]}" "qtest-$arch/qos-test" "qtest-$arch/igb-test" \
        "qtest-$arch/fuzz-igb-test" \
        >"$tmp/meson-$run.log" 2>&1 || true
    log="$qemu_build/meson-logs/igb-qtest-$run.txt"
    # TAP lines: "ok N /path", "ok N /path # SKIP ...", "not ok N /path"
    grep -E '^(not )?ok [0-9]+ /' "$log" >"$tmp/tap" || true
    while read -r line; do
        path=$(sed -E 's/^(not )?ok [0-9]+ ([^ ]+).*/\2/' <<<"$line")
        case "$line" in
        not*) result[$path]=FAIL ;;
        *"# SKIP"*) result[$path]=SKIP ;;
        *) result[$path]=PASS ;;
        esac
    done <"$tmp/tap"
    # A case without a result aborted its binary: the first one of each
    # binary fails, the others run again.
    : >"$tmp/next"
    declare -A aborted=()
    while read -r c; do
        if [ -n "${result[$c]:-}" ]; then
            continue
        fi
        bin=igb
        case "$c" in
        */igb-tests/*) bin=qos ;;
        */fuzz/igb/*) bin=fuzz ;;
        esac
        if [ -z "${aborted[$bin]:-}" ]; then
            aborted[$bin]=1
            result[$c]=FAIL
            if [ $verbose = 1 ]; then
                grep -B30 -E 'Bail out|ERROR' "$log" | tail -40 || true
            fi
        else
            echo "$c" >>"$tmp/next"
        fi
    done <"$tmp/todo"
    unset aborted
    mv "$tmp/next" "$tmp/todo"
    rm -f "$qemu_build"/meson-logs/igb-qtest-"$run".*
    if [ $run -gt "$total" ]; then
        break
    fi
done
end=$(date +%s.%N)

while read -r c; do
    r=${result[$c]:-FAIL}
    name=${c#*/igb-tests/}
    name=${name#*/igb/}
    printf '%s %s\n' "$r" "$name"
    case $r in
    PASS) pass=$((pass + 1)) ;;
    SKIP) skip=$((skip + 1)) ;;
    *) fail=$((fail + 1)) ;;
    esac
done <"$tmp/cases"
printf 'igb qtests: %d cases, %d skipped, %s s in %d run(s)\n' \
    "$total" "$skip" "$(awk "BEGIN { printf \"%.1f\", $end - $start }")" "$run"
echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
