/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Intel 82576 (igb) model: transmit unit (igb_tx.c).
 *
 * Transmit queues, legacy and advanced descriptors, context slots,
 * checksum/VLAN/segmentation offloads, completion write-back, and the
 * TX side of MAC and PHY loopback. Included by igb_core.h only.
 */
#ifndef HW_NET_IGB_TX_H
#define HW_NET_IGB_TX_H

struct NetTxPkt;

/* One context slot, as the last context descriptor for it wrote it. */
typedef struct IGBTxContext {
    uint32_t vlan_macip_lens;
    uint32_t seqnum_seed;
    uint32_t type_tucmd_mlhl;
    uint32_t mss_l4len_idx;
} IGBTxContext;

/*
 * The packet a queue is fetching: the data of its descriptors so far (the
 * hardware's packet buffer) and the command fields of its first data
 * descriptor. A packet may span several TDT writes.
 */
typedef struct IGBTxPacket {
    uint8_t *buf;           /* IGB_TX_HEADROOM bytes, then the data */
    uint32_t size;          /* allocated bytes of buf */
    uint32_t len;           /* data bytes fetched */
    uint32_t cmd;           /* cmd_type_len of the first data descriptor */
    uint32_t olinfo;        /* olinfo_status of the first data descriptor */
    bool active;            /* between the first descriptor and EOP */
    bool drop;              /* discard the packet at EOP */
} IGBTxPacket;

typedef struct IGBTxQueue {
    uint32_t tdbal, tdbah, tdlen, tdh, txctl, tdt, txdctl, tdwbal, tdwbah;
    uint32_t rttbcnrc;      /* rate limiter (through RTTDQSEL) */
    int64_t rate_next;      /* QEMU_CLOCK_VIRTUAL: may start a packet */
    IGBTxContext ctx[IGB_TX_CONTEXTS];
    IGBTxPacket pkt;
} IGBTxQueue;

typedef struct IGBTxState {
    uint32_t tctl;
    uint32_t tctl_ext;
    uint32_t tipg;
    uint32_t dtxctl;
    uint32_t dtxswc;
    uint32_t vmvir[IGB_NUM_POOLS];
    uint32_t wvbr;              /* anti-spoofing: queues that sent spoofed */
    uint32_t ssvpc;             /* frames dropped by anti-spoofing */
    uint32_t rttdqsel;
    uint32_t rttbcnrm;
    QEMUTimer *rate_timer;      /* kicks queues held by their rate limit */
    IGBTxQueue q[IGB_NUM_QUEUES];
    struct NetTxPkt *net_pkt;   /* segmentation pass-through to the peer */
    uint32_t frame_budget;      /* frames one kick may still send */
    bool stamp_next;            /* IEEE 1588: stamp the next frame sent */
    QEMUBH *bh;                 /* continues kicks that ran out of budget */
} IGBTxState;

extern const IGBRegTable igb_tx_regs;
extern const VMStateDescription vmstate_igb_tx;

void igb_tx_realize(IGBCore *s);
void igb_tx_unrealize(IGBCore *s);
void igb_tx_reset(IGBCore *s, IGBResetKind kind);
/*
 * Per-queue register block: @off is the offset inside the 0x40 block.
 * A TDT write (with TCTL.EN and TXDCTL.ENABLE set) transmits synchronously
 * until TDH == TDT, or until IGB_TX_FRAME_BUDGET frames went out; a bottom
 * half then carries on, so that no single MMIO write runs unbounded.
 */
uint32_t igb_txq_read(IGBCore *s, unsigned q, hwaddr off);
void igb_txq_write(IGBCore *s, unsigned q, hwaddr off, uint32_t val);
/*
 * After migration: validates the queues. A packet that was partly fetched
 * on the source is not migrated: its remaining descriptors are consumed
 * (and written back) up to EOP and the packet is dropped.
 */
int igb_tx_post_load(IGBCore *s);

#endif
