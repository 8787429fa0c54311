/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Intel 82576 (igb) model: receive classification.
 *
 * Pure functions of the receive filter registers (IGBRxState) and of a
 * frame: L2 filtering (addresses, hash tables, MAC control, frame length,
 * VLAN) and queue selection (EtherType, SYN and 5-tuple filters, RSS,
 * VMDq pools). No DMA, no interrupts, no statistics: the receive unit
 * (igb_rx.c) acts on the verdicts. Used by igb_rx.c, and later by VMDq
 * switching in igb_tx.c.
 */
#ifndef HW_NET_IGB_FILTER_H
#define HW_NET_IGB_FILTER_H

#include "net/eth.h"
#include "igb_core.h"

/* What the L2 filters look at: DA, SA, TPID or type, TCI, type. */
#define IGB_RX_L2_BYTES     (ETH_HLEN + sizeof(struct vlan_header))

/* A frame on its way through the receive unit. */
typedef struct IGBRxPacket {
    uint8_t l2[IGB_RX_L2_BYTES];  /* first bytes as received */
    size_t wire_len;              /* length on the wire, without FCS */
    size_t len;                   /* bytes stored in host memory */
    uint16_t ethertype;           /* after the 802.1Q tag, if any */
    uint16_t tci;
    bool tagged;                  /* TPID matches VET */
    bool stripped;                /* tag removed, reported in VLAN */
    bool pif;                     /* passed inexact filters only */
    bool loopback;                /* VM to VM, from our transmit side */
    int etqf;                     /* matching EtherType filter or -1 */
    int ftqf;                     /* steering 5-tuple filter or -1 */
    IGBPtpTransport ptp;          /* a PTP message to time stamp? */
    size_t ptp_off;               /* where it starts in s->rx.frame */
    uint64_t arrival;             /* SYSTIM as it arrived, if stamping */
    uint8_t pool;                 /* VMDq: the pool it goes to now */
    int src_pool;                 /* VMDq loopback: the sending pool */
    uint8_t rss_type;
    uint32_t rss_hash;
    uint32_t status_error;        /* advanced layout, DD/EOP aside */
    uint16_t pkt_type;
} IGBRxPacket;

typedef enum IGBFilterVerdict {
    IGB_FILTER_PASS,
    IGB_FILTER_ADDRESS,           /* no address filter matched */
    IGB_FILTER_MAC_CONTROL,       /* MAC control frame not passed */
    IGB_FILTER_TOO_LONG,          /* longer than RLPML or 1522 */
    IGB_FILTER_VLAN,              /* VLAN filter or CFI check */
} IGBFilterVerdict;

/* Is a VMDq mode (pools) selected in MRQC? */
bool igb_filter_vmdq(const IGBCore *s);
/* Fill l2, tagged, tci, ethertype and stripped from the frame's header. */
void igb_filter_parse_l2(const IGBCore *s, IGBRxPacket *p,
                         const struct iovec *iov, int cnt);
/* L2 filters, in the order of the datasheet; sets pif. */
IGBFilterVerdict igb_filter_l2(const IGBCore *s, IGBRxPacket *p);
/*
 * Queue of a frame that passed the L2 filters and that s->rx.pkt holds,
 * parsed: EtherType, SYN and 5-tuple filters, RSS, pools. Sets etqf,
 * ftqf, rss_type, rss_hash, and ptp/ptp_off where an EtherType or
 * 5-tuple filter with its 1588 bit matched.
 */
unsigned igb_filter_queue(const IGBCore *s, IGBRxPacket *p);
/*
 * Does the IPv6 packet in s->rx.pkt have extension headers? *parsed is
 * false when RFCTL.IPV6_EX_DIS keeps the hardware from parsing them.
 */
bool igb_filter_ip6_ext(const IGBCore *s, bool *parsed);

#endif
