/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Intel 82576 (igb) model: the receive unit.
 *
 * Receive filters (MAC address, multicast and unicast hash tables, VLAN
 * filter, EtherType queue filters), queue selection (RSS), the 16 receive
 * queues with their legacy and advanced descriptor formats, and the
 * receive statistics. Included by igb_core.h only.
 */
#ifndef HW_NET_IGB_RX_H
#define HW_NET_IGB_RX_H

struct NetRxPkt;

/* One receive queue: its registers at 0xc000 + 0x40 * n. */
typedef struct IGBRxQueue {
    uint32_t rdbal;
    uint32_t rdbah;
    uint32_t rdlen;
    uint32_t srrctl;
    uint32_t rdh;
    uint32_t rxctl;
    uint32_t rdt;
    uint32_t rxdctl;
    uint32_t rqdpc;
} IGBRxQueue;

typedef struct IGBRxState {
    /* General receive registers (rows of igb_rx_regs) */
    uint32_t rctl;
    uint32_t rxcsum;
    uint32_t rlpml;
    uint32_t rfctl;
    uint32_t mrqc;
    uint32_t vt_ctl;
    uint32_t reta[IGB_RETA_SIZE];
    uint32_t rssrk[IGB_RSSRK_SIZE];
    uint32_t ral[IGB_NUM_RAR];
    uint32_t rah[IGB_NUM_RAR];
    uint32_t mta[IGB_MTA_SIZE];
    uint32_t vfta[IGB_VFTA_SIZE];
    uint32_t uta[IGB_UTA_SIZE];
    uint32_t vlvf[IGB_VLVF_SIZE];
    uint32_t vmolr[IGB_NUM_POOLS];
    uint32_t psrtype[IGB_NUM_POOLS];
    uint32_t etqf[IGB_ETQF_SIZE];
    uint32_t saqf[IGB_NUM_5TUPLE];
    uint32_t daqf[IGB_NUM_5TUPLE];
    uint32_t spqf[IGB_NUM_5TUPLE];
    uint32_t ftqf[IGB_NUM_5TUPLE];
    uint32_t imir[IGB_NUM_5TUPLE];
    uint32_t imirext[IGB_NUM_5TUPLE];
    uint32_t synqf;
    IGBRxQueue q[IGB_NUM_QUEUES];

    /* Not migrated: per-packet scratch */
    struct NetRxPkt *pkt;
    uint8_t *frame;                 /* the frame being received */
} IGBRxState;

extern const IGBRegTable igb_rx_regs;
extern const VMStateDescription vmstate_igb_rx;

void igb_rx_realize(IGBCore *s);
void igb_rx_unrealize(IGBCore *s);
/* Resets the queues; the core resets igb_rx_regs and loads RAL0/RAH0. */
void igb_rx_reset(IGBCore *s, IGBResetKind kind);
/* Per-queue register block: @off is the offset inside the 0x40 block. */
uint32_t igb_rxq_read(IGBCore *s, unsigned q, hwaddr off);
void igb_rxq_write(IGBCore *s, unsigned q, hwaddr off, uint32_t val);
bool igb_rx_can_receive(IGBCore *s);
/* A frame from the network (without FCS): igb_rx_deliver(..., -1). */
ssize_t igb_rx_receive_iov(IGBCore *s, const struct iovec *iov, int cnt);
/*
 * Local delivery of a frame. @src_pool: the pool of one of our own
 * transmit queues that sent it (VM to VM, VMDq switching), which does not
 * get it back; descriptors get status LB. -1: a frame from the network.
 * Returns the size consumed, or 0 when the target queue has no free
 * descriptors and no drop enable (the caller keeps the frame and retries
 * after qemu_flush_queued_packets()).
 */
ssize_t igb_rx_deliver(IGBCore *s, const struct iovec *iov, int cnt,
                       int src_pool);
int igb_rx_post_load(IGBCore *s);

#endif
