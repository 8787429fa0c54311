/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Intel 82576 (igb) model: STUB header of the rx unit (to be written).
 * Included by igb_core.h only.
 */
#ifndef HW_NET_IGB_RX_H
#define HW_NET_IGB_RX_H

typedef struct IGBRxQueue {
    uint32_t rdbal, rdbah, rdlen, srrctl, rdh, rxctl, rdt, rxdctl, rqdpc;
} IGBRxQueue;

typedef struct IGBRxState {
    uint32_t rctl;
    IGBRxQueue q[IGB_NUM_QUEUES];
} IGBRxState;

extern const IGBRegTable igb_rx_regs;
extern const VMStateDescription vmstate_igb_rx;

void igb_rx_realize(IGBCore *s);
void igb_rx_unrealize(IGBCore *s);
void igb_rx_reset(IGBCore *s, IGBResetKind kind);
/* Per-queue register block: @off is the offset inside the 0x40 block. */
uint32_t igb_rxq_read(IGBCore *s, unsigned q, hwaddr off);
void igb_rxq_write(IGBCore *s, unsigned q, hwaddr off, uint32_t val);
bool igb_rx_can_receive(IGBCore *s);
ssize_t igb_rx_receive_iov(IGBCore *s, const struct iovec *iov, int cnt);
int igb_rx_post_load(IGBCore *s);

#endif
