/* SPDX-License-Identifier: GPL-2.0-or-later */
/* STUB: igb phy unit, to be written. */
#include "qemu/osdep.h"
#include "igb_core.h"
