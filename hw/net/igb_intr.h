/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Intel 82576 (igb) model: STUB header of the intr unit (to be written).
 * Included by igb_core.h only.
 */
#ifndef HW_NET_IGB_INTR_H
#define HW_NET_IGB_INTR_H

typedef struct IGBIntrState {
    uint32_t icr;
    uint32_t ims;
} IGBIntrState;

extern const IGBRegTable igb_intr_regs;
extern const VMStateDescription vmstate_igb_intr;

void igb_intr_realize(IGBCore *s);
void igb_intr_unrealize(IGBCore *s);
void igb_intr_reset(IGBCore *s, IGBResetKind kind);
/* Raise "other" causes (ICR bits: LSC, RX_MISS, VMMB, MDAC, ...). */
void igb_intr_raise(IGBCore *s, uint32_t icr_causes);
/* A queue completed work (descriptors written back): RX or TX queue q. */
void igb_intr_queue_event(IGBCore *s, bool tx, unsigned q);
int igb_intr_post_load(IGBCore *s);

#endif
