/* SPDX-License-Identifier: GPL-2.0-or-later */
/* STUB: igb intr unit, to be written. */
#include "qemu/osdep.h"
#include "igb_core.h"
