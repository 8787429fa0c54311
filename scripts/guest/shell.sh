#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# Boot the test guest with an interactive shell on the serial console
# (igbtest=shell), for debugging.  Ctrl-A x quits QEMU; 'poweroff -f' or
# 'exit' in the guest stops it.
#
# Usage: scripts/guest/shell.sh [--arch ARCH] [--device DEV] [--qemu PATH]
#                               [--append ARGS] [SCENARIO]
# With SCENARIO, that scenario's QEMU set-up and host hooks (for example the
# host helper at http://10.0.2.100/) are in place, and /tests/scenarios/
# SCENARIO.sh can be run by hand in the guest (the IGBTEST_* variables are
# set as for a real run).
set -euo pipefail
exec "$(dirname "$0")/../../tests/guest/run.sh" --shell "$@"
