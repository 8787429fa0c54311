/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Intel 82576 (igb) model: transmit unit.
 *
 * Written from the 82576 datasheet (7.2 Transmit Functionality, 8.12
 * Transmit Register Descriptions) and from what Linux igb programs.
 *
 * A TDT write walks the ring from TDH to TDT at once. Data descriptors are
 * fetched into the queue's packet buffer, so a packet may span TDT writes;
 * at EOP the offloads run on that buffer with the header lengths of the
 * context descriptor, as the hardware does (it does not parse the packet:
 * Linux relies on that for HW_CSUM, GSO_PARTIAL tunnels and UDP
 * segmentation). Every frame then goes through igb_tx_frame(), the one
 * place that chooses between the wire and the receive path (loopback).
 */

#include "qemu/osdep.h"
#include "qemu/bswap.h"
#include "qemu/crc32c.h"
#include "qemu/iov.h"
#include "qemu/log.h"
#include "qemu/main-loop.h"
#include "qemu/timer.h"
#include "qemu/units.h"
#include "net/checksum.h"
#include "net/eth.h"
#include "standard-headers/linux/virtio_net.h"
#include "igb_core.h"
#include "igb_vmdq.h"
#include "net_tx_pkt.h"
#include "trace.h"

#define IGB_TX_HEADROOM     4       /* room to insert one VLAN tag */
#define IGB_TX_MAX_HDR      (127 + 511 + 255)   /* MACLEN + IPLEN + L4LEN */
/* the longest packet: 18-bit TSO PAYLEN plus headers */
#define IGB_TX_MAX_LEN      ((uint32_t)(256 * KiB) + IGB_TX_MAX_HDR)
#define IGB_VLAN_TAG_LEN    4

#define IGB_TCTL_WMASK      (R_TCTL_EN_MASK | R_TCTL_PSP_MASK |             \
                             R_TCTL_CT_MASK | R_TCTL_COLD_MASK |            \
                             R_TCTL_SWXOFF_MASK | R_TCTL_RTLC_MASK)
#define IGB_TCTL_RESET      (R_TCTL_PSP_MASK | (0xf << R_TCTL_CT_SHIFT) |   \
                             (0x3f << R_TCTL_COLD_SHIFT))
#define IGB_TIPG_RESET      ((0x8 << R_TIPG_IPGT_SHIFT) |                   \
                             (0x8 << R_TIPG_IPGR1_SHIFT) |                  \
                             (0x6 << R_TIPG_IPGR_SHIFT))
#define IGB_DTXCTL_WMASK    (R_DTXCTL_8023LL_MASK | R_DTXCTL_VLAN_ADDED_MASK | \
                             R_DTXCTL_OOS_ENABLE_MASK | R_DTXCTL_MDP_EN_MASK | \
                             R_DTXCTL_SPOOF_INT_MASK)
#define IGB_TDBAL_WMASK     0xfffffff0u     /* 16-byte aligned */
#define IGB_TDLEN_WMASK     0x000ffff0u     /* bits 19:4 (Linux reg test) */
#define IGB_TXCTL_WMASK     (R_TXCTL_DESC_DCA_EN_MASK |                     \
                             R_TXCTL_DESC_RRO_EN_MASK |                     \
                             R_TXCTL_WB_RO_EN_MASK |                        \
                             R_TXCTL_DATA_RRO_EN_MASK | R_TXCTL_CPUID_MASK)
#define IGB_TXDCTL_WMASK    (R_TXDCTL_PTHRESH_MASK | R_TXDCTL_HTHRESH_MASK | \
                             R_TXDCTL_WTHRESH_MASK | R_TXDCTL_ENABLE_MASK |  \
                             R_TXDCTL_PRIORITY_MASK)
#define IGB_TDWBAL_WMASK    (R_TDWBAL_HEAD_WB_EN_MASK | R_TDWBAL_ADDR_MASK)

/* A descriptor as fetched: its type is in the same bits for both. */
typedef union IGBTxRawDesc {
    IGBTxDesc data;
    IGBTxContextDesc ctx;
} IGBTxRawDesc;

QEMU_BUILD_BUG_ON(sizeof(IGBTxRawDesc) != IGB_DESC_SIZE);

/* Header layout of a packet, from its context slot. */
typedef struct IGBTxOffload {
    uint32_t l3;            /* MACLEN: offset of the IP header */
    uint32_t l4;            /* MACLEN + IPLEN: offset of the L4 header */
    uint32_t l4len;
    uint32_t mss;
    unsigned l4t;           /* IGB_ADVTXD_L4T_* */
    bool ipv4;
    uint16_t vlan;
} IGBTxOffload;

/* Preamble, start of frame delimiter, FCS and inter-packet gap */
#define IGB_TX_WIRE_OVERHEAD    (8 + ETH_FCS_LEN + 12)

static bool igb_tx_loopback(IGBCore *s)
{
    return FIELD_EX32(s->rx.rctl, RCTL, LBM) || igb_phy_loopback(&s->phy);
}

/* ---------------------------------------------------------------------- */
/* Frames on the wire                                                     */
/* ---------------------------------------------------------------------- */

static void igb_tx_count(IGBCore *s, const struct iovec *iov, int cnt,
                         size_t len)
{
    static const uint32_t ptc[] = {
        A_PTC64, A_PTC127, A_PTC255, A_PTC511, A_PTC1023, A_PTC1522,
    };
    static const size_t ptc_max[] = { 64, 127, 255, 511, 1023, SIZE_MAX };
    uint8_t da[ETH_ALEN] = { 0 };
    size_t wire = len + ETH_FCS_LEN;    /* counters include the CRC */
    unsigned i;

    iov_to_buf(iov, cnt, 0, da, sizeof(da));
    igb_stat_inc(s, A_TPT);
    igb_stat_add64(s, A_TOTL, wire);
    igb_stat_inc(s, A_GPTC);
    igb_stat_add64(s, A_GOTCL, wire);
    if (is_broadcast_ether_addr(da)) {
        igb_stat_inc(s, A_BPTC);
    } else if (is_multicast_ether_addr(da)) {
        igb_stat_inc(s, A_MPTC);
    }
    for (i = 0; wire > ptc_max[i]; i++) {
        /* find the size bucket */
    }
    igb_stat_inc(s, ptc[i]);
}

/*
 * Anti-spoofing dropped a frame of queue @q: the queue's bit in WVBR (bits
 * n and n + 8 are the two queues of pool n, as Linux reads them), the
 * SSVPC counter, and ICR.DOUTSYNC, on which Linux reads WVBR and reports
 * the VF.
 */
static void igb_tx_spoofed(IGBCore *s, unsigned q, unsigned pool)
{
    trace_igb_tx_spoofed(s, q, pool);
    s->tx.wvbr |= BIT(q);
    if (s->tx.ssvpc != UINT32_MAX) {
        s->tx.ssvpc++;
    }
    igb_intr_raise(s, R_ICR_OUTSYNC_MASK);
}

/*
 * VMDq (the 82576's virtual switch): anti-spoofing for the sending pool,
 * the pool's counters, and VM-to-VM switching: a frame for local pools goes
 * to the receive path (DTXSWC.LOOPBACK_EN). Returns true if the frame also
 * goes out on the wire.
 */
static bool igb_tx_vmdq_switch(IGBCore *s, unsigned q,
                               const struct iovec *iov, int cnt, size_t len)
{
    uint8_t l2[ETH_HLEN + sizeof(struct vlan_header)] = { 0 };
    unsigned pool = q % IGB_NUM_POOLS;
    bool tagged, local;
    uint16_t vid = 0;

    iov_to_buf(iov, cnt, 0, l2, sizeof(l2));
    tagged = lduw_be_p(l2 + 2 * ETH_ALEN) == FIELD_EX32(s->vet, VET, VET);
    if (tagged) {
        vid = lduw_be_p(l2 + ETH_HLEN) & 0xfff;
    }
    if (!igb_vmdq_tx_allowed(s, pool, l2 + ETH_ALEN, tagged, vid)) {
        igb_tx_spoofed(s, q, pool);
        return false;
    }
    local = igb_vmdq_tx_local(s, l2);
    igb_pool_stat_tx(s, q, len + ETH_FCS_LEN, local);
    if (local) {
        igb_rx_deliver(s, iov, cnt, pool);
    }
    return igb_vmdq_tx_wire(s, l2);
}

/* ---------------------------------------------------------------------- */
/* Rate limiting (RTTDQSEL, RTTBCNRC)                                     */
/* ---------------------------------------------------------------------- */

/*
 * A queue with RTTBCNRC.RS_ENA sends at the link speed divided by the rate
 * factor RF_INT.RF_DEC (14 fraction bits): each frame, counted with its
 * preamble, FCS and gap, holds the queue for its time at that rate. The
 * queue starts no packet before that time has passed (igb_txq_held).
 */
static void igb_txq_rate_charge(IGBCore *s, unsigned q, size_t len)
{
    static const uint64_t ns_per_bit[] = {
        [IGB_SPEED_10] = 100, [IGB_SPEED_100] = 10, [IGB_SPEED_1000] = 1, 1,
    };
    IGBTxQueue *txq = &s->tx.q[q];
    uint32_t rc = txq->rttbcnrc;
    uint64_t factor, bits;
    int64_t now;

    if (!FIELD_EX32(rc, RTTBCNRC, RS_ENA)) {
        return;
    }
    factor = (uint64_t)FIELD_EX32(rc, RTTBCNRC, RF_INT) <<
             R_RTTBCNRC_RF_INT_SHIFT | FIELD_EX32(rc, RTTBCNRC, RF_DEC);
    bits = (len + IGB_TX_WIRE_OVERHEAD) * 8;
    now = qemu_clock_get_ns(QEMU_CLOCK_VIRTUAL);
    txq->rate_next = MAX(txq->rate_next, now) +
                     ((bits * ns_per_bit[FIELD_EX32(s->status, STATUS, SPEED)] *
                       factor) >> R_RTTBCNRC_RF_INT_SHIFT);
}

/* May queue @q not start a packet yet? Then the rate timer kicks it. */
static bool igb_txq_held(IGBCore *s, unsigned q)
{
    IGBTxQueue *txq = &s->tx.q[q];

    if (!FIELD_EX32(txq->rttbcnrc, RTTBCNRC, RS_ENA) ||
        txq->rate_next <= qemu_clock_get_ns(QEMU_CLOCK_VIRTUAL)) {
        return false;
    }
    trace_igb_tx_rate_held(s, q, txq->rate_next);
    timer_mod_anticipate(s->tx.rate_timer, txq->rate_next);
    return true;
}

/*
 * Sends one frame (at most two iovecs): pads it (TCTL.PSP), counts it and
 * hands it to the receive path in MAC loopback (RCTL.LBM) or PHY loopback,
 * to the peer otherwise. This is the only place where TX meets RX; a later
 * VMDq switch decides here between local pools and the wire.
 */
static void igb_tx_frame(IGBCore *s, unsigned q, const struct iovec *iov,
                         int cnt)
{
    static const uint8_t zeros[ETH_ZLEN];
    struct virtio_net_hdr_v1_hash vhdr = { 0 };
    struct iovec v[4];
    NetClientState *nc = qemu_get_queue(s->nic);
    size_t len = iov_size(iov, cnt);
    bool lb = igb_tx_loopback(s);
    int n = 1;
    int vnet;

    if (s->tx.frame_budget) {
        s->tx.frame_budget--;
    }

    memcpy(&v[1], iov, cnt * sizeof(*iov));
    n += cnt;
    if (len < ETH_ZLEN && FIELD_EX32(s->tx.tctl, TCTL, PSP)) {
        v[n].iov_base = (void *)zeros;
        v[n++].iov_len = ETH_ZLEN - len;
        len = ETH_ZLEN;
    }
    trace_igb_tx_frame(s, q, len, lb);
    igb_txq_rate_charge(s, q, len);
    if (igb_filter_vmdq(s) && !lb &&
        !igb_tx_vmdq_switch(s, q, &v[1], n - 1, len)) {
        return;
    }
    igb_tx_count(s, &v[1], n - 1, len);
    if (s->tx.stamp_next) {
        s->tx.stamp_next = false;
        igb_ptp_tx_stamp(s);
    }
    if (lb) {
        igb_rx_receive_iov(s, &v[1], n - 1);
        return;
    }
    vnet = qemu_get_vnet_hdr_len(nc->peer);
    if (vnet > 0 && vnet <= sizeof(vhdr)) {
        v[0].iov_base = &vhdr;  /* no offload: a zero header */
        v[0].iov_len = vnet;
        qemu_sendv_packet(nc, v, n);
    } else {
        qemu_sendv_packet(nc, &v[1], n - 1);
    }
}

static void igb_tx_send(IGBCore *s, unsigned q, uint8_t *data, uint32_t len)
{
    struct iovec iov = { .iov_base = data, .iov_len = len };

    igb_tx_frame(s, q, &iov, 1);
}

/* ---------------------------------------------------------------------- */
/* Offloads (7.2.4, 7.2.5)                                                */
/* ---------------------------------------------------------------------- */

/* Ones' complement sum of buf; @seq is its offset from an even byte. */
static uint32_t igb_tx_sum(const uint8_t *buf, uint32_t len, uint32_t seq)
{
    uint32_t sum = 0, n;

    for (; len; buf += n, len -= n, seq += n) {
        n = MIN(len, 64 * KiB);     /* net_checksum_add_cont() can't wrap */
        sum += net_checksum_add_cont(n, (uint8_t *)buf, seq);
        sum = (sum & 0xffff) + (sum >> 16);
    }
    return sum;
}

/*
 * Ones' complement checksum of data[start, end) plus @extra into the
 * 16-bit field at data[field]. The field's old value is part of the sum:
 * software seeds it (pseudo-header for L4, see Linux CHECKSUM_PARTIAL).
 */
static bool igb_tx_csum16(uint8_t *data, uint32_t start, uint32_t end,
                          uint32_t field, uint32_t extra, bool udp)
{
    uint32_t sum;

    if (start > end || field + 2 > end) {
        return false;
    }
    sum = igb_tx_sum(data + start, end - start, 0) + extra;
    stw_be_p(data + field, udp ? net_checksum_finish_nozero(sum) :
                                 net_checksum_finish(sum));
    return true;
}

/* SCTP: CRC32c over the SCTP packet, stored little-endian at offset 8. */
static bool igb_tx_sctp_crc(uint8_t *data, uint32_t start, uint32_t end)
{
    if (start + 12 > end) {
        return false;
    }
    stl_le_p(data + start + 8, 0);
    stl_le_p(data + start + 8, crc32c(0xffffffff, data + start, end - start));
    return true;
}

/* TXSM without TSE: the L4 checksum of L4T from MACLEN + IPLEN to the end. */
static bool igb_tx_l4_csum(uint8_t *data, uint32_t len,
                           const IGBTxOffload *o)
{
    switch (o->l4t) {
    case IGB_ADVTXD_L4T_UDP:
        return igb_tx_csum16(data, o->l4, len, o->l4 + 6, 0, true);
    case IGB_ADVTXD_L4T_TCP:
        return igb_tx_csum16(data, o->l4, len, o->l4 + 16, 0, false);
    case IGB_ADVTXD_L4T_SCTP:
        return igb_tx_sctp_crc(data, o->l4, len);
    default:
        return false;
    }
}

/* IXSM: the IPv4 header checksum over the IPLEN bytes at MACLEN. */
static bool igb_tx_ip_csum(uint8_t *data, const IGBTxOffload *o)
{
    return o->ipv4 && o->l4 >= o->l3 + sizeof(struct ip_header) &&
           igb_tx_csum16(data, o->l3, o->l4, o->l3 + 10, 0, false);
}

/* VLE: inserts an 802.1Q tag after the MAC addresses (uses the headroom). */
static uint8_t *igb_tx_vlan(uint8_t *data, uint32_t *len, uint16_t tci)
{
    uint8_t *p = data - IGB_VLAN_TAG_LEN;

    if (*len < 2 * ETH_ALEN) {
        return data;
    }
    memmove(p, data, 2 * ETH_ALEN);
    stw_be_p(p + 2 * ETH_ALEN, ETH_P_VLAN);
    stw_be_p(p + 2 * ETH_ALEN + 2, tci);
    *len += IGB_VLAN_TAG_LEN;
    return p;
}

/*
 * The tag of a packet from queue @q: the descriptor's (VLE, @tci) or, in
 * VMDq modes, what the queue's pool imposes (VMVIR.VLANA): "default"
 * inserts VMVIR.VLAN_ID in every frame, whatever the descriptor says,
 * "never" inserts none. Returns whether to insert *@tci.
 */
static bool igb_tx_vlan_action(IGBCore *s, unsigned q, bool vle,
                               uint16_t *tci)
{
    uint32_t vmvir = s->tx.vmvir[q % IGB_NUM_POOLS];

    if (!igb_filter_vmdq(s)) {
        return vle;
    }
    switch (FIELD_EX32(vmvir, VMVIR, VLANA)) {
    case IGB_VMVIR_VLANA_DEFAULT:
        *tci = FIELD_EX32(vmvir, VMVIR, VLAN_ID);
        return true;
    case IGB_VMVIR_VLANA_NEVER:
        return false;
    default:
        return vle;
    }
}

/*
 * TSE: one frame per MSS of payload after the MACLEN + IPLEN + L4LEN
 * header. Per segment: IPv4 total length, identification (+1) and, with
 * IXSM, header checksum; IPv6 payload length; TCP sequence number, FIN and
 * PSH on the last segment only, CWR on the first only; UDP length; the L4
 * checksum, whose field software seeded with the pseudo-header sum
 * without the length (Linux igb_tso()).
 */
static void igb_tx_segment(IGBCore *s, unsigned q, const uint8_t *data,
                           uint32_t len, const IGBTxOffload *o, bool ixsm)
{
    uint8_t hdr[IGB_TX_MAX_HDR + IGB_VLAN_TAG_LEN];
    uint32_t hlen = o->l4 + o->l4len;
    uint32_t csum_field = o->l4 + (o->l4t == IGB_ADVTXD_L4T_TCP ? 16 : 6);
    uint16_t ip_id = lduw_be_p(data + o->l3 + 4);
    uint32_t seq = ldl_be_p(data + o->l4 + 4);
    uint32_t off, seg, sum, l4bytes;
    struct iovec iov[2];

    for (off = hlen; off < len; off += seg) {
        seg = MIN(o->mss, len - off);
        l4bytes = o->l4len + seg;
        memcpy(hdr, data, hlen);
        if (o->ipv4) {
            stw_be_p(hdr + o->l3 + 2, hlen - o->l3 + seg);
            stw_be_p(hdr + o->l3 + 4, ip_id++);
            if (ixsm) {
                igb_tx_csum16(hdr, o->l3, o->l4, o->l3 + 10, 0, false);
            }
        } else {
            stw_be_p(hdr + o->l3 + 4,
                     hlen - o->l3 - sizeof(struct ip6_header) + seg);
        }
        if (o->l4t == IGB_ADVTXD_L4T_TCP) {
            stl_be_p(hdr + o->l4 + 4, seq + off - hlen);
            if (off + seg < len) {
                hdr[o->l4 + 13] &= ~(TH_FIN | TH_PUSH);
            }
            if (off != hlen) {
                hdr[o->l4 + 13] &= ~TH_CWR;
            }
        } else {
            stw_be_p(hdr + o->l4 + 4, l4bytes);
        }
        sum = igb_tx_sum(hdr + o->l4, o->l4len, 0) +
              igb_tx_sum(data + off, seg, o->l4len) + l4bytes;
        stw_be_p(hdr + csum_field, o->l4t == IGB_ADVTXD_L4T_TCP ?
                 net_checksum_finish(sum) : net_checksum_finish_nozero(sum));
        iov[0] = (struct iovec) { .iov_base = hdr, .iov_len = hlen };
        iov[1] = (struct iovec) { .iov_base = (uint8_t *)data + off,
                                  .iov_len = seg };
        igb_tx_frame(s, q, iov, 2);
    }
}

static void igb_tx_pkt_keep(void *context, void *base, size_t len)
{
    /* the fragment is the queue's packet buffer: nothing to unmap */
}

/*
 * TCP segmentation passed to a peer with a virtio-net header (tap): QEMU's
 * net_tx_pkt builds the header. Only when its parse agrees with the
 * context lengths; the frames are counted as the hardware would send them.
 */
static bool igb_tx_offload(IGBCore *s, unsigned q, uint8_t *data,
                           uint32_t len, const IGBTxOffload *o)
{
    NetClientState *nc = qemu_get_queue(s->nic);
    struct NetTxPkt *pkt = s->tx.net_pkt;
    struct virtio_net_hdr *vh;
    uint8_t gso = o->ipv4 ? VIRTIO_NET_HDR_GSO_TCPV4 : VIRTIO_NET_HDR_GSO_TCPV6;
    uint32_t hlen = o->l4 + o->l4len, off, seg;
    struct iovec hdr = { .iov_base = data, .iov_len = hlen };
    bool ok;

    if (qemu_get_vnet_hdr_len(nc->peer) != sizeof(struct virtio_net_hdr) ||
        o->l4t != IGB_ADVTXD_L4T_TCP || len - o->l3 > ETH_MAX_IP_DGRAM_LEN) {
        return false;
    }
    net_tx_pkt_reset(pkt, igb_tx_pkt_keep, NULL);
    ok = net_tx_pkt_add_raw_fragment(pkt, data, len) &&
         net_tx_pkt_parse(pkt) &&
         net_tx_pkt_build_vheader(pkt, true, true, o->mss);
    vh = net_tx_pkt_get_vhdr(pkt);
    ok = ok && (vh->gso_type & ~VIRTIO_NET_HDR_GSO_ECN) == gso &&
         vh->csum_start == o->l4 && vh->hdr_len == hlen;
    if (ok) {
        trace_igb_tx_offload(s, q, len, o->mss);
        net_tx_pkt_update_ip_checksums(pkt);
        ok = net_tx_pkt_send(pkt, nc);
        for (off = hlen; ok && off < len; off += seg) {
            seg = MIN(o->mss, len - off);
            igb_tx_count(s, &hdr, 1, hlen + seg);
        }
    }
    net_tx_pkt_reset(pkt, igb_tx_pkt_keep, NULL);
    return ok;
}

static void igb_tx_tso(IGBCore *s, unsigned q, uint8_t *data, uint32_t len,
                       IGBTxOffload *o, bool ixsm, bool vle)
{
    uint32_t l3min = o->ipv4 ? sizeof(struct ip_header) :
                               sizeof(struct ip6_header);
    uint32_t l4min = o->l4t == IGB_ADVTXD_L4T_TCP ? sizeof(struct tcp_hdr) :
                                                    sizeof(struct udp_hdr);

    if (!o->mss || o->l3 < ETH_HLEN || o->l4 < o->l3 + l3min ||
        (o->l4t != IGB_ADVTXD_L4T_TCP && o->l4t != IGB_ADVTXD_L4T_UDP) ||
        o->l4len < l4min || o->l4 + o->l4len >= len) {
        IGB_GUEST_ERROR("queue %u: bad TSO context (MACLEN %u IPLEN %u "
                        "L4LEN %u MSS %u L4T %u, packet %u bytes)", q,
                        o->l3, o->l4 - o->l3, o->l4len, o->mss, o->l4t, len);
        igb_stat_inc(s, A_TSCTFC);
        return;
    }
    if (vle) {
        data = igb_tx_vlan(data, &len, o->vlan);
        o->l3 += IGB_VLAN_TAG_LEN;
        o->l4 += IGB_VLAN_TAG_LEN;
    }
    /*
     * Frames that may stay local (loopback, VMDq switching) or that the
     * pool checks see (anti-spoofing) are segmented here.
     */
    if (igb_tx_loopback(s) || igb_filter_vmdq(s) ||
        !igb_tx_offload(s, q, data, len, o)) {
        igb_tx_segment(s, q, data, len, o, ixsm);
    }
    igb_stat_inc(s, A_TSCTC);
}

/* ---------------------------------------------------------------------- */
/* Packets                                                                */
/* ---------------------------------------------------------------------- */

/* Legacy descriptor (7.2.2.1): CSO/CSS checksum, VLAN from the descriptor */
static void igb_tx_legacy(IGBCore *s, unsigned q, IGBTxPacket *p)
{
    uint8_t *data = p->buf + IGB_TX_HEADROOM;
    uint32_t len = p->len;
    uint32_t cso = extract32(p->cmd, IGB_TXD_CSO_SHIFT, 8);
    uint32_t css = extract32(p->olinfo, IGB_TXD_CSS_SHIFT, 8);
    uint16_t tci = p->olinfo >> IGB_TXD_VLAN_SHIFT;

    if ((p->cmd & IGB_TXD_CMD_IC) &&
        !igb_tx_csum16(data, css, len, cso, 0, false)) {
        IGB_GUEST_ERROR("queue %u: CSS %u / CSO %u outside the %u-byte "
                        "packet", q, css, cso, len);
    }
    if (igb_tx_vlan_action(s, q, p->cmd & IGB_TXD_CMD_VLE, &tci)) {
        data = igb_tx_vlan(data, &len, tci);
    }
    igb_tx_send(s, q, data, len);
}

/* Advanced data descriptors (7.2.2.3) with the context slot IDX selects. */
static void igb_tx_advanced(IGBCore *s, unsigned q, IGBTxPacket *p)
{
    const IGBTxContext *ctx =
        &s->tx.q[q].ctx[!!(p->olinfo & IGB_ADVTXD_IDX_SLOT)];
    uint8_t *data = p->buf + IGB_TX_HEADROOM;
    uint32_t len = p->len;
    bool ixsm = p->olinfo & IGB_ADVTXD_POPTS_IXSM;
    bool ok, vle;
    IGBTxOffload o = {
        .l3 = (ctx->vlan_macip_lens >> IGB_ADVTXD_MACLEN_SHIFT) &
              IGB_ADVTXD_MACLEN_MASK,
        .l4len = (ctx->mss_l4len_idx >> IGB_ADVTXD_L4LEN_SHIFT) &
                 IGB_ADVTXD_L4LEN_MASK,
        .mss = ctx->mss_l4len_idx >> IGB_ADVTXD_MSS_SHIFT,
        .l4t = (ctx->type_tucmd_mlhl >> IGB_ADVTXD_TUCMD_L4T_SHIFT) &
               IGB_ADVTXD_L4T_MASK,
        .ipv4 = ctx->type_tucmd_mlhl & IGB_ADVTXD_TUCMD_IPV4,
        .vlan = ctx->vlan_macip_lens >> IGB_ADVTXD_VLAN_SHIFT,
    };

    o.l4 = o.l3 + (ctx->vlan_macip_lens & IGB_ADVTXD_IPLEN_MASK);
    vle = igb_tx_vlan_action(s, q, p->cmd & IGB_TXD_CMD_VLE, &o.vlan);
    if (p->cmd & IGB_TXD_CMD_TSE) {
        igb_tx_tso(s, q, data, len, &o, ixsm, vle);
        return;
    }
    ok = !ixsm || (o.l4 <= len && igb_tx_ip_csum(data, &o));
    if ((p->olinfo & IGB_ADVTXD_POPTS_TXSM) &&
        !igb_tx_l4_csum(data, len, &o)) {
        ok = false;
    }
    if (!ok) {
        IGB_GUEST_ERROR("queue %u: checksum offload with MACLEN %u IPLEN %u "
                        "L4T %u does not fit the %u-byte packet", q, o.l3,
                        o.l4 - o.l3, o.l4t, len);
    }
    if (vle) {
        data = igb_tx_vlan(data, &len, o.vlan);
    }
    igb_tx_send(s, q, data, len);
}

/* EOP: the packet is complete. */
static void igb_tx_packet(IGBCore *s, unsigned q, IGBTxPacket *p)
{
    bool adv = p->cmd & IGB_TXD_CMD_DEXT;

    trace_igb_tx_packet(s, q, p->len, p->cmd, p->olinfo);
    if (p->drop) {
        trace_igb_tx_drop(s, q, p->len);
        if (adv && (p->cmd & IGB_TXD_CMD_TSE)) {
            igb_stat_inc(s, A_TSCTFC);
        }
    } else if (p->len && adv) {
        /* igb_tx_frame() stamps the (first) frame as it leaves */
        s->tx.stamp_next = p->cmd & IGB_ADVTXD_MAC_TSTAMP;
        igb_tx_advanced(s, q, p);
        s->tx.stamp_next = false;
    } else if (p->len) {
        igb_tx_legacy(s, q, p);
    }
}

/* ---------------------------------------------------------------------- */
/* Descriptor ring (7.2.3)                                                */
/* ---------------------------------------------------------------------- */

static void igb_txq_discard(IGBTxQueue *txq)
{
    txq->pkt.active = false;
    txq->pkt.drop = false;
    txq->pkt.len = 0;
}

/* Appends a data buffer to the packet; false on a DMA error. */
static bool igb_txq_fetch(IGBCore *s, unsigned q, IGBTxPacket *p,
                          uint64_t addr, uint32_t len)
{
    uint32_t need = IGB_TX_HEADROOM + p->len + len;

    if (p->drop || !len) {
        return true;
    }
    if (p->len + len > IGB_TX_MAX_LEN) {
        IGB_GUEST_ERROR("queue %u: packet longer than %u bytes", q,
                        IGB_TX_MAX_LEN);
        p->drop = true;
        return true;
    }
    if (need > p->size) {
        p->size = MIN(pow2ceil(need), IGB_TX_HEADROOM + IGB_TX_MAX_LEN);
        p->buf = g_realloc(p->buf, p->size);
    }
    if (pci_dma_read(igb_queue_function(s, q), addr,
                     p->buf + IGB_TX_HEADROOM + p->len, len) != MEMTX_OK) {
        IGB_GUEST_ERROR("queue %u: cannot read %u bytes at 0x%" PRIx64,
                        q, len, addr);
        p->drop = true;
        return false;
    }
    p->len += len;
    return true;
}

static void igb_txq_context(IGBCore *s, unsigned q,
                            const IGBTxContextDesc *d)
{
    uint32_t mss_l4len_idx = le32_to_cpu(d->mss_l4len_idx);
    unsigned slot = !!(mss_l4len_idx & IGB_ADVTXD_IDX_SLOT);
    IGBTxContext *ctx = &s->tx.q[q].ctx[slot];

    ctx->vlan_macip_lens = le32_to_cpu(d->vlan_macip_lens);
    ctx->seqnum_seed = le32_to_cpu(d->seqnum_seed);
    ctx->type_tucmd_mlhl = le32_to_cpu(d->type_tucmd_mlhl);
    ctx->mss_l4len_idx = mss_l4len_idx;
    trace_igb_tx_context(s, q, slot, ctx->vlan_macip_lens,
                         ctx->type_tucmd_mlhl, mss_l4len_idx);
}

/*
 * A legacy or advanced data descriptor. The command and offload fields of
 * the first descriptor of a packet hold for all of it (7.2.2.3).
 */
static bool igb_txq_data(IGBCore *s, unsigned q, const IGBTxDesc *d)
{
    IGBTxPacket *p = &s->tx.q[q].pkt;
    uint32_t cmd = le32_to_cpu(d->cmd_type_len);
    bool ok;

    if (!p->active) {
        p->active = true;
        p->cmd = cmd;
        p->olinfo = le32_to_cpu(d->olinfo_status);
        p->len = 0;
    }
    ok = igb_txq_fetch(s, q, p, le64_to_cpu(d->addr),
                       cmd & IGB_TXD_LEN_MASK);
    if (cmd & IGB_TXD_CMD_EOP) {
        igb_tx_packet(s, q, p);
        igb_txq_discard(&s->tx.q[q]);
    }
    return ok;
}

/* Descriptor done: DD in its status, unless head write-back is on. */
static bool igb_txq_done(IGBCore *s, unsigned q, dma_addr_t addr,
                         const IGBTxDesc *d)
{
    uint32_t sta = cpu_to_le32(le32_to_cpu(d->olinfo_status) |
                               IGB_TXD_STAT_DD);

    if (FIELD_EX32(s->tx.q[q].tdwbal, TDWBAL, HEAD_WB_EN)) {
        return true;
    }
    if (pci_dma_write(igb_queue_function(s, q),
                      addr + offsetof(IGBTxDesc, olinfo_status),
                      &sta, sizeof(sta)) != MEMTX_OK) {
        IGB_GUEST_ERROR("queue %u: cannot write back the descriptor at 0x%"
                        PRIx64, q, (uint64_t)addr);
        return false;
    }
    return true;
}

/* After descriptors with RS completed: head write-back, then TXDW. */
static void igb_txq_complete(IGBCore *s, unsigned q)
{
    IGBTxQueue *txq = &s->tx.q[q];
    uint64_t addr = deposit64(txq->tdwbal & R_TDWBAL_ADDR_MASK, 32, 32,
                              txq->tdwbah);
    uint32_t head = cpu_to_le32(txq->tdh);
    PCIDevice *fn = igb_queue_function(s, q);

    if (FIELD_EX32(txq->tdwbal, TDWBAL, HEAD_WB_EN) &&
        pci_dma_write(fn, addr, &head, sizeof(head)) != MEMTX_OK) {
        IGB_GUEST_ERROR("queue %u: cannot write the head to 0x%" PRIx64,
                        q, addr);
    }
    igb_intr_queue_event(s, true, q);
}

/*
 * Processes the ring from TDH to TDT. At most one ring's worth of
 * descriptors per call; a DMA error ends the call.
 */
static void igb_txq_kick(IGBCore *s, unsigned q)
{
    IGBTxQueue *txq = &s->tx.q[q];
    uint32_t count = txq->tdlen / IGB_DESC_SIZE;
    uint64_t base = deposit64(txq->tdbal, 32, 32, txq->tdbah);
    PCIDevice *fn = igb_queue_function(s, q);
    bool rs = false, ok = true, held = false;
    uint32_t budget, cmd;
    IGBTxRawDesc d;
    dma_addr_t addr;
    int vf;

    if (!FIELD_EX32(s->tx.tctl, TCTL, EN) ||
        !FIELD_EX32(txq->txdctl, TXDCTL, ENABLE) || txq->tdh == txq->tdt) {
        return;
    }
    vf = igb_queue_vf(s, q);
    if (vf >= 0 && !(s->mbx.vfte & BIT(vf))) {
        trace_igb_tx_vf_disabled(s, q, vf);
        return;
    }
    if (!count || txq->tdlen % IGB_TDLEN_ALIGN || txq->tdh >= count ||
        txq->tdt >= count) {
        IGB_GUEST_ERROR("queue %u: bad ring: TDLEN 0x%x TDH %u TDT %u", q,
                        txq->tdlen, txq->tdh, txq->tdt);
        return;
    }
    trace_igb_tx_kick(s, q, txq->tdh, txq->tdt);
    s->tx.frame_budget = IGB_TX_FRAME_BUDGET;
    for (budget = count; ok && budget && s->tx.frame_budget &&
         txq->tdh != txq->tdt; budget--) {
        if (!txq->pkt.active && igb_txq_held(s, q)) {
            held = true;
            break;
        }
        addr = base + (uint64_t)txq->tdh * IGB_DESC_SIZE;
        if (pci_dma_read(fn, addr, &d, sizeof(d)) != MEMTX_OK) {
            IGB_GUEST_ERROR("queue %u: cannot read the descriptor at 0x%"
                            PRIx64, q, (uint64_t)addr);
            break;
        }
        cmd = le32_to_cpu(d.data.cmd_type_len);
        trace_igb_tx_desc(s, q, txq->tdh, le64_to_cpu(d.data.addr), cmd,
                          le32_to_cpu(d.data.olinfo_status));
        if (!(cmd & IGB_TXD_CMD_DEXT) ||
            (cmd & IGB_ADVTXD_DTYP_MASK) == IGB_ADVTXD_DTYP_DATA) {
            ok = igb_txq_data(s, q, &d.data);
            if (cmd & IGB_TXD_CMD_RS) {
                ok = igb_txq_done(s, q, addr, &d.data) && ok;
                rs = true;
            }
        } else if ((cmd & IGB_ADVTXD_DTYP_MASK) == IGB_ADVTXD_DTYP_CTXT) {
            igb_txq_context(s, q, &d.ctx);
        } else {
            IGB_GUEST_ERROR("queue %u: descriptor type %u", q,
                            extract32(cmd, IGB_ADVTXD_DTYP_SHIFT, 4));
        }
        txq->tdh = (txq->tdh + 1) % count;
    }
    if (rs) {
        igb_txq_complete(s, q);
    }
    if (ok && !held && txq->tdh != txq->tdt) {
        /* Out of budget: the rest goes out from the main loop. */
        qemu_bh_schedule(s->tx.bh);
    }
}

static void igb_tx_kick_all(IGBCore *s)
{
    unsigned q;

    for (q = 0; q < IGB_NUM_QUEUES; q++) {
        igb_txq_kick(s, q);
    }
}

/* ---------------------------------------------------------------------- */
/* Registers                                                              */
/* ---------------------------------------------------------------------- */

uint32_t igb_txq_read(IGBCore *s, unsigned q, hwaddr off)
{
    IGBTxQueue *txq;

    if (q >= IGB_NUM_QUEUES) {
        IGB_GUEST_ERROR("read of queue %u", q);
        return 0;
    }
    txq = &s->tx.q[q];
    switch (off) {
    case A_TXQ_TDBAL:
        return txq->tdbal;
    case A_TXQ_TDBAH:
        return txq->tdbah;
    case A_TXQ_TDLEN:
        return txq->tdlen;
    case A_TXQ_TDH:
        return txq->tdh;
    case A_TXQ_TXCTL:
        return txq->txctl;
    case A_TXQ_TDT:
        return txq->tdt;
    case A_TXQ_TXDCTL:
        return txq->txdctl;
    case A_TXQ_TDWBAL:
        return txq->tdwbal;
    case A_TXQ_TDWBAH:
        return txq->tdwbah;
    default:
        IGB_GUEST_ERROR("queue %u: read of offset 0x%" HWADDR_PRIx, q, off);
        return 0;
    }
}

static void igb_txq_set_txdctl(IGBCore *s, unsigned q, uint32_t val)
{
    IGBTxQueue *txq = &s->tx.q[q];
    bool was = FIELD_EX32(txq->txdctl, TXDCTL, ENABLE);

    /* SWFLSH flushes write-backs we never hold back: nothing to do. */
    txq->txdctl = val & IGB_TXDCTL_WMASK;
    if (!FIELD_EX32(val, TXDCTL, ENABLE)) {
        igb_txq_discard(txq);
    } else if (!was) {
        igb_txq_kick(s, q);
    }
}

void igb_txq_write(IGBCore *s, unsigned q, hwaddr off, uint32_t val)
{
    IGBTxQueue *txq;

    if (q >= IGB_NUM_QUEUES) {
        IGB_GUEST_ERROR("write of queue %u", q);
        return;
    }
    txq = &s->tx.q[q];
    switch (off) {
    case A_TXQ_TDBAL:
        txq->tdbal = val & IGB_TDBAL_WMASK;
        break;
    case A_TXQ_TDBAH:
        txq->tdbah = val;
        break;
    case A_TXQ_TDLEN:
        txq->tdlen = val & IGB_TDLEN_WMASK;
        break;
    case A_TXQ_TDH:
        /* software sets TDH only to (re)initialise the ring */
        txq->tdh = val & R_TDH_TDH_MASK;
        igb_txq_discard(txq);
        break;
    case A_TXQ_TXCTL:
        txq->txctl = val & IGB_TXCTL_WMASK;
        break;
    case A_TXQ_TDT:
        txq->tdt = val & R_TDT_TDT_MASK;
        igb_txq_kick(s, q);
        break;
    case A_TXQ_TXDCTL:
        igb_txq_set_txdctl(s, q, val);
        break;
    case A_TXQ_TDWBAL:
        txq->tdwbal = val & IGB_TDWBAL_WMASK;
        break;
    case A_TXQ_TDWBAH:
        txq->tdwbah = val;
        break;
    default:
        IGB_GUEST_ERROR("queue %u: write of offset 0x%" HWADDR_PRIx, q, off);
        break;
    }
}

static void igb_tx_tctl_write(IGBCore *s, const IGBRegInfo *ri, unsigned idx,
                              uint32_t old, uint32_t val)
{
    if (FIELD_EX32(s->tx.tctl, TCTL, EN) && !FIELD_EX32(old, TCTL, EN)) {
        igb_tx_kick_all(s);
    }
}

static void igb_tx_vmvir_write(IGBCore *s, const IGBRegInfo *ri,
                               unsigned idx, uint32_t old, uint32_t val)
{
    if (FIELD_EX32(s->tx.vmvir[idx], VMVIR, VLANA) ==
        IGB_VMVIR_VLANA_RESERVED) {
        IGB_GUEST_ERROR("VMVIR%u 0x%" PRIx32 ": reserved VLANA, taken as "
                        "\"use the descriptor\"", idx, s->tx.vmvir[idx]);
    }
}

static uint32_t igb_tx_rttbcnrc_read(IGBCore *s, const IGBRegInfo *ri,
                                     unsigned idx)
{
    return s->tx.q[FIELD_EX32(s->tx.rttdqsel, RTTDQSEL, QUEUE)].rttbcnrc;
}

static void igb_tx_rttbcnrc_write(IGBCore *s, const IGBRegInfo *ri,
                                  unsigned idx, uint32_t old, uint32_t val)
{
    unsigned q = FIELD_EX32(s->tx.rttdqsel, RTTDQSEL, QUEUE);
    IGBTxQueue *txq = &s->tx.q[q];

    txq->rttbcnrc = val & (R_RTTBCNRC_RF_DEC_MASK | R_RTTBCNRC_RF_INT_MASK |
                           R_RTTBCNRC_RS_ENA_MASK);
    txq->rate_next = 0;
    trace_igb_tx_rate(s, q, txq->rttbcnrc);
    /* a queue held by the old rate may go now */
    qemu_bh_schedule(s->tx.bh);
}

static const IGBRegInfo igb_tx_reg_rows[] = {
    {
        .name = "TCTL", .addr = A_TCTL, .reset = IGB_TCTL_RESET,
        .wmask = IGB_TCTL_WMASK, .state = IGB_STATE(tx.tctl),
        .write = igb_tx_tctl_write,
    }, {
        .name = "TCTL_EXT", .addr = A_TCTL_EXT, .reset = 0x41,
        .wmask = R_TCTL_EXT_COLD_MASK, .state = IGB_STATE(tx.tctl_ext),
    }, {
        .name = "TIPG", .addr = A_TIPG, .reset = IGB_TIPG_RESET,
        .wmask = R_TIPG_IPGT_MASK | R_TIPG_IPGR1_MASK | R_TIPG_IPGR_MASK,
        .state = IGB_STATE(tx.tipg),
    }, {
        .name = "DTXCTL", .addr = A_DTXCTL, .wmask = IGB_DTXCTL_WMASK,
        .state = IGB_STATE(tx.dtxctl),
    }, {
        .name = "DTXSWC", .addr = A_DTXSWC,
        .wmask = R_DTXSWC_MAC_SPOOF_MASK | R_DTXSWC_VLAN_SPOOF_MASK |
                 R_DTXSWC_LLE_MASK | R_DTXSWC_LOOPBACK_EN_MASK,
        .state = IGB_STATE(tx.dtxswc),
    }, {
        .name = "VMVIR", .addr = A_VMVIR0, .count = IGB_NUM_POOLS,
        .wmask = R_VMVIR_VLAN_ID_MASK | R_VMVIR_VLANA_MASK,
        .state = IGB_STATE_ARRAY(tx.vmvir), .write = igb_tx_vmvir_write,
    }, {
        /* anti-spoofing events, igb_tx_spoofed() */
        .name = "WVBR", .addr = A_WVBR, .flags = IGB_REG_RC,
        .state = IGB_STATE(tx.wvbr),
    }, {
        .name = "SSVPC", .addr = A_SSVPC, .flags = IGB_REG_RC,
        .state = IGB_STATE(tx.ssvpc),
    }, {
        .name = "RTTDQSEL", .addr = A_RTTDQSEL,
        .wmask = R_RTTDQSEL_QUEUE_MASK, .state = IGB_STATE(tx.rttdqsel),
    }, {
        .name = "RTTBCNRM", .addr = A_RTTBCNRM,
        .wmask = R_RTTBCNRM_MMW_SIZE_MASK, .state = IGB_STATE(tx.rttbcnrm),
    }, {
        .name = "RTTBCNRC", .addr = A_RTTBCNRC,
        .read = igb_tx_rttbcnrc_read, .write = igb_tx_rttbcnrc_write,
    },
    /* Transmit data FIFO diagnostics: not modelled, read as 0. */
    { .name = "TDFH", .addr = A_TDFH, .flags = IGB_REG_UNIMP },
    { .name = "TDFT", .addr = A_TDFT, .flags = IGB_REG_UNIMP },
    { .name = "TDFHS", .addr = A_TDFHS, .flags = IGB_REG_UNIMP },
    { .name = "TDFPC", .addr = A_TDFPC, .flags = IGB_REG_UNIMP },
};

const IGBRegTable igb_tx_regs = {
    .rows = igb_tx_reg_rows,
    .count = ARRAY_SIZE(igb_tx_reg_rows),
};

/* ---------------------------------------------------------------------- */
/* Life cycle and migration                                               */
/* ---------------------------------------------------------------------- */

static void igb_tx_bh(void *opaque)
{
    igb_tx_kick_all(opaque);
}

static void igb_tx_rate_timer(void *opaque)
{
    igb_tx_kick_all(opaque);
}

void igb_tx_realize(IGBCore *s)
{
    net_tx_pkt_init(&s->tx.net_pkt, 1);
    s->tx.bh = qemu_bh_new_guarded(igb_tx_bh, s,
                                   &DEVICE(s->owner)->mem_reentrancy_guard);
    s->tx.rate_timer = timer_new_ns(QEMU_CLOCK_VIRTUAL, igb_tx_rate_timer, s);
}

void igb_tx_unrealize(IGBCore *s)
{
    unsigned q;

    for (q = 0; q < IGB_NUM_QUEUES; q++) {
        g_free(s->tx.q[q].pkt.buf);
        s->tx.q[q].pkt.buf = NULL;
        s->tx.q[q].pkt.size = 0;
    }
    net_tx_pkt_uninit(s->tx.net_pkt);
    s->tx.net_pkt = NULL;
    qemu_bh_delete(s->tx.bh);
    s->tx.bh = NULL;
    timer_free(s->tx.rate_timer);
    s->tx.rate_timer = NULL;
}

/*
 * The queues (the table rows are reset by the core). TXDCTL of queue 0
 * comes out of reset enabled (Linux igb_setup_tctl() disables it).
 */
void igb_tx_reset(IGBCore *s, IGBResetKind kind)
{
    unsigned q;

    for (q = 0; q < IGB_NUM_QUEUES; q++) {
        IGBTxQueue *txq = &s->tx.q[q];
        IGBTxPacket pkt = txq->pkt;

        memset(txq, 0, sizeof(*txq));
        txq->pkt.buf = pkt.buf;
        txq->pkt.size = pkt.size;
        txq->txdctl = q ? 0 : R_TXDCTL_ENABLE_MASK;
    }
    if (s->tx.bh) {
        qemu_bh_cancel(s->tx.bh);
    }
    if (s->tx.rate_timer) {
        timer_del(s->tx.rate_timer);
    }
}

int igb_tx_post_load(IGBCore *s)
{
    unsigned q;

    for (q = 0; q < IGB_NUM_QUEUES; q++) {
        IGBTxQueue *txq = &s->tx.q[q];

        if ((txq->tdbal & ~IGB_TDBAL_WMASK) ||
            (txq->tdlen & ~IGB_TDLEN_WMASK) ||
            (txq->tdh & ~R_TDH_TDH_MASK) || (txq->tdt & ~R_TDT_TDT_MASK) ||
            (txq->txctl & ~IGB_TXCTL_WMASK) ||
            (txq->txdctl & ~IGB_TXDCTL_WMASK) ||
            (txq->tdwbal & ~IGB_TDWBAL_WMASK)) {
            return -EINVAL;
        }
        if (txq->rttbcnrc & ~(R_RTTBCNRC_RF_DEC_MASK |
                              R_RTTBCNRC_RF_INT_MASK |
                              R_RTTBCNRC_RS_ENA_MASK)) {
            return -EINVAL;
        }
        txq->rate_next = 0;
        /* the source's partial packet is not migrated: drop the rest */
        txq->pkt.drop = txq->pkt.active;
        txq->pkt.len = 0;
    }
    /* A kick that ran out of budget on the source carries on here. */
    qemu_bh_schedule(s->tx.bh);
    return 0;
}

static const VMStateDescription vmstate_igb_txctx = {
    .name = "igb-txctx",
    .version_id = 1,
    .minimum_version_id = 1,
    .fields = (const VMStateField[]) {
        VMSTATE_UINT32(vlan_macip_lens, IGBTxContext),
        VMSTATE_UINT32(seqnum_seed, IGBTxContext),
        VMSTATE_UINT32(type_tucmd_mlhl, IGBTxContext),
        VMSTATE_UINT32(mss_l4len_idx, IGBTxContext),
        VMSTATE_END_OF_LIST()
    },
};

static const VMStateDescription vmstate_igb_txq = {
    .name = "igb-txq",
    .version_id = 1,
    .minimum_version_id = 1,
    .fields = (const VMStateField[]) {
        VMSTATE_UINT32(tdbal, IGBTxQueue),
        VMSTATE_UINT32(tdbah, IGBTxQueue),
        VMSTATE_UINT32(tdlen, IGBTxQueue),
        VMSTATE_UINT32(tdh, IGBTxQueue),
        VMSTATE_UINT32(txctl, IGBTxQueue),
        VMSTATE_UINT32(tdt, IGBTxQueue),
        VMSTATE_UINT32(txdctl, IGBTxQueue),
        VMSTATE_UINT32(tdwbal, IGBTxQueue),
        VMSTATE_UINT32(tdwbah, IGBTxQueue),
        VMSTATE_STRUCT_ARRAY(ctx, IGBTxQueue, IGB_TX_CONTEXTS, 1,
                             vmstate_igb_txctx, IGBTxContext),
        VMSTATE_BOOL(pkt.active, IGBTxQueue),
        VMSTATE_UINT32(rttbcnrc, IGBTxQueue),
        VMSTATE_END_OF_LIST()
    },
};

const VMStateDescription vmstate_igb_tx = {
    .name = "igb-tx",
    .version_id = 1,
    .minimum_version_id = 1,
    .fields = (const VMStateField[]) {
        VMSTATE_UINT32(tctl, IGBTxState),
        VMSTATE_UINT32(tctl_ext, IGBTxState),
        VMSTATE_UINT32(tipg, IGBTxState),
        VMSTATE_UINT32(dtxctl, IGBTxState),
        VMSTATE_UINT32(dtxswc, IGBTxState),
        VMSTATE_UINT32_ARRAY(vmvir, IGBTxState, IGB_NUM_POOLS),
        VMSTATE_UINT32(wvbr, IGBTxState),
        VMSTATE_UINT32(ssvpc, IGBTxState),
        VMSTATE_UINT32(rttdqsel, IGBTxState),
        VMSTATE_UINT32(rttbcnrm, IGBTxState),
        VMSTATE_STRUCT_ARRAY(q, IGBTxState, IGB_NUM_QUEUES, 1,
                             vmstate_igb_txq, IGBTxQueue),
        VMSTATE_END_OF_LIST()
    },
};
