# SPDX-License-Identifier: GPL-2.0-or-later
# Host side of the intr-legacy scenario: basic's.
# shellcheck shell=bash
# ($here: tests/guest, set by run.sh.)
# shellcheck source=tests/guest/scenarios/basic.host.sh disable=SC2154
. "$here/scenarios/basic.host.sh"
