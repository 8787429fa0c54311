#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# Extra host packages for the sanitizer/fuzzing build (make fuzz, make
# check-asan): clang with its compiler-rt (ASan, UBSan, libFuzzer) and
# llvm-symbolizer for readable reports. Kept out of setup-host.sh so that
# make check does not pay for them. Idempotent, with a stamp file.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
stamp=$top/build/.fuzz-ready
deps_version=1
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$deps_version" ]; then
    exit 0
fi
pkgs=(clang libclang-rt-14-dev llvm)
missing=()
for p in "${pkgs[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null |
            grep -q 'install ok installed'; then
        missing+=("$p")
    fi
done
if [ ${#missing[@]} -gt 0 ]; then
    [ "$(id -u)" = 0 ] || { echo "setup-fuzz: must run as root" >&2; exit 1; }
    export DEBIAN_FRONTEND=noninteractive
    apt-get install -y -q --no-install-recommends "${missing[@]}"
fi
# libFuzzer comes with compiler-rt: check that clang can link a fuzzer.
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
printf '%s\n' '#include <stddef.h>' '#include <stdint.h>' \
    'int LLVMFuzzerTestOneInput(const uint8_t *d, size_t n);' \
    'int LLVMFuzzerTestOneInput(const uint8_t *d, size_t n)' \
    '{ return 0; }' >"$tmp/t.c"
clang -fsanitize=fuzzer,address,undefined "$tmp/t.c" -o "$tmp/t" || {
    echo "setup-fuzz: clang cannot link a libFuzzer binary" >&2
    exit 1
}
mkdir -p "$top/build"
echo "$deps_version" >"$stamp"
