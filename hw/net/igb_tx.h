/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Intel 82576 (igb) model: STUB header of the tx unit (to be written).
 * Included by igb_core.h only.
 */
#ifndef HW_NET_IGB_TX_H
#define HW_NET_IGB_TX_H

typedef struct IGBTxQueue {
    uint32_t tdbal, tdbah, tdlen, tdh, txctl, tdt, txdctl, tdwbal, tdwbah;
} IGBTxQueue;

typedef struct IGBTxState {
    uint32_t tctl;
    IGBTxQueue q[IGB_NUM_QUEUES];
} IGBTxState;

extern const IGBRegTable igb_tx_regs;
extern const VMStateDescription vmstate_igb_tx;

void igb_tx_realize(IGBCore *s);
void igb_tx_unrealize(IGBCore *s);
void igb_tx_reset(IGBCore *s, IGBResetKind kind);
uint32_t igb_txq_read(IGBCore *s, unsigned q, hwaddr off);
void igb_txq_write(IGBCore *s, unsigned q, hwaddr off, uint32_t val);
int igb_tx_post_load(IGBCore *s);

#endif
