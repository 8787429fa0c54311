#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# Remove QEMU's own igb model from a QEMU 10.0 tree (argument: the tree):
# its files and every build, trace, docs and MAINTAINERS line naming them.
# The machine compat entry (x-pcie-flr-init), the generic fuzzer config and
# the functional ethtool test stay: the new device serves all three.
set -euo pipefail
cd "$1"
rm -f hw/net/igb.c hw/net/igb_core.c hw/net/igb_core.h hw/net/igb_common.h \
      hw/net/igb_regs.h hw/net/igbvf.c tests/qtest/igb-test.c \
      tests/qtest/libqos/igb.c docs/system/devices/igb.rst
python3 - <<'PY'
import re

def edit(path, fn):
    with open(path) as f:
        old = f.read()
    new = fn(old)
    if new == old:
        raise SystemExit(f"remove-upstream-igb: nothing to remove in {path}")
    with open(path, "w") as f:
        f.write(new)

# Build: the device's sources and its Kconfig symbol.
edit("hw/net/meson.build", lambda s: "".join(
    l for l in s.splitlines(True) if "CONFIG_IGB_PCI_EXPRESS" not in l))
edit("hw/net/Kconfig", lambda s: re.sub(
    r"config IGB_PCI_EXPRESS\n(    .*\n)*\n", "", s))
# Trace events: the '# igb.c', '# igb_core.c' and '# igbvf.c' groups.
def drop_trace(s):
    out, skip = [], False
    for l in s.splitlines(True):
        if l.startswith("# "):
            skip = l.strip() in ("# igb.c", "# igb_core.c", "# igbvf.c")
        if not skip:
            out.append(l)
    return "".join(out)
edit("hw/net/trace-events", drop_trace)
# Tests.
edit("tests/qtest/meson.build", lambda s: s.replace("  'igb-test.c',\n", ""))
edit("tests/qtest/libqos/meson.build",
     lambda s: s.replace("        'igb.c',\n", ""))
# Docs index.
edit("docs/system/device-emulation.rst",
     lambda s: s.replace("   devices/igb.rst\n", ""))
# MAINTAINERS: the whole igb section.
edit("MAINTAINERS", lambda s: re.sub(r"\nigb\nM: [^\n]*\n([A-Z]: [^\n]*\n)*",
                                     "", s))
PY
if grep -rn -e 'igb\.c' -e 'igb_core' -e 'igbvf' -e 'IGB_PCI_EXPRESS' \
        -e 'devices/igb' hw/net/meson.build hw/net/Kconfig hw/net/trace-events \
        tests/qtest/meson.build tests/qtest/libqos/meson.build \
        docs/system/device-emulation.rst MAINTAINERS; then
    echo "remove-upstream-igb: references remain" >&2
    exit 1
fi
