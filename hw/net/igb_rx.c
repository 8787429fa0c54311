/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Intel 82576 (igb) model: the receive unit.
 *
 * Written from the Intel 82576EB GbE Controller datasheet, receive
 * functionality (chapter 7.1: filtering, queue assignment, RSS, receive
 * descriptors, header split and replication, checksum offload) and the
 * receive registers (8.10), and from what the Linux igb/igbvf drivers
 * program and expect.
 *
 * A frame goes through these steps, each a few small functions:
 *   1. L2 filters (igb_filter.c): exact addresses (RAL/RAH), the multicast
 *      and unicast hash tables (MTA, UTA), broadcast and promiscuous
 *      modes, MAC control frames, the long packet limit, the VLAN filter;
 *   2. the frame is copied in, padded to the Ethernet minimum as the
 *      sender's MAC would have done, its 802.1Q tag stripped (CTRL.VME;
 *      per pool with VMDq: VMOLR.STRVLAN) and parsed by net_rx_pkt;
 *   3. queue selection (igb_filter.c): EtherType filters (ETQF), RSS
 *      through the redirection table (RETA), or the default queue (MRQC);
 *   4. the frame is stored in buffers of the queue and described in the
 *      legacy or advanced format (one buffer, header split, replication);
 *   5. statistics, RXDMT0 and the queue's interrupt.
 *
 * Frames from QEMU carry no FCS: nothing is ever stored for it, whatever
 * RCTL.SECRC says, and the statistics count it as the hardware does.
 * When the target queue has no free descriptor and no drop enable, the
 * frame is left to QEMU's queue (the packet buffer, in effect) and
 * retried when software gives descriptors back (RDT) or enables a queue.
 */
#include "qemu/osdep.h"
#include "qemu/bswap.h"
#include "qemu/iov.h"
#include "qemu/log.h"
#include "net/checksum.h"
#include "net/eth.h"
#include "net_rx_pkt.h"
#include "igb_filter.h"
#include "igb_vmdq.h"
#include "trace.h"

/* The longest frame RLPML can allow, without FCS; size of the buffer. */
#define IGB_RX_FRAME_MAX    (R_RLPML_RLPML_MASK + 1)
#define IGB_RX_HDR_LEN_MAX  MAKE_64BIT_MASK(0, R_RXDADV_INFO_HDR_LEN_LENGTH)

/* Where a frame goes in the buffers of one queue. */
typedef struct IGBRxLayout {
    size_t buf_size;              /* packet buffer size */
    size_t hdr_bytes;             /* stored in the first header buffer */
    size_t data_off;              /* frame offset of the packet buffers */
    uint16_t hdr_len;             /* HDR_LEN */
    bool sph;
    bool hbo;
    bool legacy;
    unsigned ndesc;
} IGBRxLayout;

/* ---------------------------------------------------------------------- */
/* Queues                                                                 */
/* ---------------------------------------------------------------------- */

static unsigned igb_rxq_ring_size(const IGBRxQueue *rxq)
{
    return rxq->rdlen / IGB_DESC_SIZE;
}

static uint64_t igb_rxq_ring_base(const IGBRxQueue *rxq)
{
    return (uint64_t)rxq->rdbah << 32 | rxq->rdbal;
}

/* Descriptors owned by hardware: from RDH up to, not including, RDT. */
static unsigned igb_rxq_avail(const IGBRxQueue *rxq)
{
    unsigned n = igb_rxq_ring_size(rxq);

    if (!n || rxq->rdh >= n || rxq->rdt >= n) {
        return 0;
    }
    return (rxq->rdt + n - rxq->rdh) % n;
}

static bool igb_rxq_enabled(const IGBRxQueue *rxq)
{
    return FIELD_EX32(rxq->rxdctl, RXDCTL, ENABLE);
}

bool igb_rx_can_receive(IGBCore *s)
{
    if (!FIELD_EX32(s->rx.rctl, RCTL, EN)) {
        return false;
    }
    /*
     * A queue with SRRCTL.DROP_EN drops (and counts) what it has no room
     * for, so frames must reach igb_rx_receive_iov() rather than wait.
     */
    for (unsigned q = 0; q < IGB_NUM_QUEUES; q++) {
        IGBRxQueue *rxq = &s->rx.q[q];

        if (igb_rxq_enabled(rxq) &&
            (igb_rxq_avail(rxq) || FIELD_EX32(rxq->srrctl, SRRCTL, DROP_EN))) {
            return true;
        }
    }
    return false;
}

/* Software gave descriptors back or enabled reception: retry frames. */
static void igb_rx_kick(IGBCore *s)
{
    if (s->nic && igb_rx_can_receive(s)) {
        qemu_flush_queued_packets(qemu_get_queue(s->nic));
    }
}

static void igb_rxq_reset(IGBRxQueue *rxq, unsigned q)
{
    memset(rxq, 0, sizeof(*rxq));
    rxq->srrctl = IGB_SRRCTL_RESET;
    rxq->rxdctl = IGB_RXDCTL_RESET;
    if (q == 0) {
        /* Queue 0 is enabled out of reset, for single-queue software. */
        rxq->rxdctl |= R_RXDCTL_ENABLE_MASK;
    }
}

static void igb_rxq_check_srrctl(unsigned q, uint32_t srrctl)
{
    unsigned type = FIELD_EX32(srrctl, SRRCTL, DESCTYPE);

    if (type > IGB_SRRCTL_DESCTYPE_HDR_SPLIT_ALWAYS) {
        IGB_GUEST_ERROR("queue %u: reserved SRRCTL.DESCTYPE %u", q, type);
    } else if (type > IGB_SRRCTL_DESCTYPE_ADV_ONEBUF &&
               !FIELD_EX32(srrctl, SRRCTL, BSIZEHDR)) {
        IGB_GUEST_ERROR("queue %u: header buffers of size 0", q);
    }
}

uint32_t igb_rxq_read(IGBCore *s, unsigned q, hwaddr off)
{
    IGBRxQueue *rxq;
    uint32_t val;

    if (q >= IGB_NUM_QUEUES) {
        IGB_GUEST_ERROR("read of receive queue %u", q);
        return 0;
    }
    rxq = &s->rx.q[q];
    switch (off) {
    case A_RXQ_RDBAL:
        val = rxq->rdbal;
        break;
    case A_RXQ_RDBAH:
        val = rxq->rdbah;
        break;
    case A_RXQ_RDLEN:
        val = rxq->rdlen;
        break;
    case A_RXQ_SRRCTL:
        val = rxq->srrctl;
        break;
    case A_RXQ_RDH:
        val = rxq->rdh;
        break;
    case A_RXQ_RXCTL:
        val = rxq->rxctl;
        break;
    case A_RXQ_RDT:
        val = rxq->rdt;
        break;
    case A_RXQ_RXDCTL:
        val = rxq->rxdctl;
        break;
    case A_RXQ_RQDPC:
        val = rxq->rqdpc;           /* clears on read */
        rxq->rqdpc = 0;
        break;
    default:
        IGB_GUEST_ERROR("queue %u: read of unknown offset 0x%" HWADDR_PRIx,
                        q, off);
        return 0;
    }
    trace_igb_rxq_read(s, q, off, val);
    return val;
}

static void igb_rxq_write_rxdctl(IGBCore *s, unsigned q, uint32_t val)
{
    IGBRxQueue *rxq = &s->rx.q[q];
    bool was_enabled = igb_rxq_enabled(rxq);

    /*
     * SWFLUSH asks for pending write-backs: there are none, each frame is
     * written back as it completes, so the bit simply reads as 0.
     */
    rxq->rxdctl = val & IGB_RXDCTL_WMASK;
    if (!was_enabled && igb_rxq_enabled(rxq)) {
        igb_rx_kick(s);
    }
}

/* RDH and RDT: a pointer beyond the ring stalls the queue. */
static void igb_rxq_write_ptr(IGBCore *s, unsigned q, uint32_t *reg,
                              uint32_t val, const char *name)
{
    unsigned n = igb_rxq_ring_size(&s->rx.q[q]);

    *reg = val & IGB_RXQ_RDX_WMASK;
    if (n && *reg >= n) {
        IGB_GUEST_ERROR("queue %u: %s %u beyond a ring of %u", q, name,
                        *reg, n);
    }
}

void igb_rxq_write(IGBCore *s, unsigned q, hwaddr off, uint32_t val)
{
    IGBRxQueue *rxq;

    if (q >= IGB_NUM_QUEUES) {
        IGB_GUEST_ERROR("write of receive queue %u", q);
        return;
    }
    rxq = &s->rx.q[q];
    trace_igb_rxq_write(s, q, off, val);
    switch (off) {
    case A_RXQ_RDBAL:
        rxq->rdbal = val & IGB_RXQ_RDBAL_WMASK;
        break;
    case A_RXQ_RDBAH:
        rxq->rdbah = val;
        break;
    case A_RXQ_RDLEN:
        rxq->rdlen = val & IGB_RXQ_RDLEN_WMASK;
        break;
    case A_RXQ_SRRCTL:
        rxq->srrctl = val & IGB_SRRCTL_WMASK;
        igb_rxq_check_srrctl(q, rxq->srrctl);
        break;
    case A_RXQ_RDH:
        igb_rxq_write_ptr(s, q, &rxq->rdh, val, "RDH");
        break;
    case A_RXQ_RXCTL:
        rxq->rxctl = val;           /* DCA: stored, no effect */
        break;
    case A_RXQ_RDT:
        igb_rxq_write_ptr(s, q, &rxq->rdt, val, "RDT");
        igb_rx_kick(s);             /* descriptors given back */
        break;
    case A_RXQ_RXDCTL:
        igb_rxq_write_rxdctl(s, q, val);
        break;
    case A_RXQ_RQDPC:
        break;                      /* read only */
    default:
        IGB_GUEST_ERROR("queue %u: write of unknown offset 0x%" HWADDR_PRIx,
                        q, off);
        break;
    }
}

/* ---------------------------------------------------------------------- */
/* Frame intake                                                           */
/* ---------------------------------------------------------------------- */

/* L2 filters; the statistics count long frames that passed the others. */
static bool igb_rx_filter(IGBCore *s, IGBRxPacket *p)
{
    static const char *const why[] = {
        [IGB_FILTER_ADDRESS] = "address filter",
        [IGB_FILTER_MAC_CONTROL] = "MAC control frame",
        [IGB_FILTER_TOO_LONG] = "too long",
        [IGB_FILTER_VLAN] = "VLAN filter",
    };
    IGBFilterVerdict v = igb_filter_l2(s, p);

    if (v == IGB_FILTER_PASS) {
        return true;
    }
    if (v == IGB_FILTER_TOO_LONG) {
        igb_stat_inc(s, A_ROC);
    }
    trace_igb_rx_drop(s, why[v]);
    return false;
}

/*
 * Make the frame in s->rx.frame tagged or stripped (@strip) as the tag of
 * p->l2 says, and let net_rx_pkt parse it. Putting a tag back uses the
 * bytes p->l2 kept; p->len never exceeds wire_len, the buffer's size.
 */
static void igb_rx_set_stripped(IGBCore *s, IGBRxPacket *p, bool strip)
{
    uint8_t *f = s->rx.frame;
    size_t tag = 2 * ETH_ALEN, tag_len = sizeof(struct vlan_header);

    strip = strip && p->tagged;
    if (strip && !p->stripped) {
        memmove(f + tag, f + tag + tag_len, p->len - tag - tag_len);
        p->len -= tag_len;
    } else if (!strip && p->stripped) {
        memmove(f + tag + tag_len, f + tag, p->len - tag);
        memcpy(f + tag, p->l2 + tag, tag_len);
        p->len += tag_len;
    }
    p->stripped = strip;
    net_rx_pkt_attach_data(s->rx.pkt, f, p->len, false);
}

/*
 * Copy the frame in, pad it to the minimum frame size, strip its tag if
 * igb_filter_parse_l2() said so. The long packet filter bounds wire_len.
 */
static void igb_rx_load_frame(IGBCore *s, IGBRxPacket *p,
                              const struct iovec *iov, int cnt)
{
    uint8_t *f = s->rx.frame;
    size_t n = iov_to_buf(iov, cnt, 0, f, p->wire_len);
    bool strip = p->stripped;

    memset(f + n, 0, p->wire_len - n);
    p->len = p->wire_len;
    p->stripped = false;
    igb_rx_set_stripped(s, p, strip);
}

/* ---------------------------------------------------------------------- */
/* Descriptor contents: packet type, offloads                             */
/* ---------------------------------------------------------------------- */

static uint16_t igb_rx_pkt_type(IGBCore *s, const IGBRxPacket *p)
{
    struct NetRxPkt *pkt = s->rx.pkt;
    bool ip4, ip6, parsed;
    EthL4HdrProto l4;
    uint16_t t = 0;

    if (p->etqf >= 0) {
        return IGB_RXDADV_PKT_ETQF | p->etqf;
    }
    net_rx_pkt_get_protocols(pkt, &ip4, &ip6, &l4);
    if (ip4) {
        t |= IGB_RXDADV_PKT_IPV4;
        if ((net_rx_pkt_get_ip4_info(pkt)->ip4_hdr.ip_ver_len & 0xf) > 5) {
            t |= IGB_RXDADV_PKT_IPV4E;
        }
    } else if (ip6) {
        t |= IGB_RXDADV_PKT_IPV6;
        if (igb_filter_ip6_ext(s, &parsed)) {
            t |= IGB_RXDADV_PKT_IPV6E;
        }
    }
    switch (l4) {
    case ETH_L4_HDR_PROTO_TCP:
        return t | IGB_RXDADV_PKT_TCP;
    case ETH_L4_HDR_PROTO_UDP:
        return t | IGB_RXDADV_PKT_UDP;
    case ETH_L4_HDR_PROTO_SCTP:
        return t | IGB_RXDADV_PKT_SCTP;
    default:
        return t;
    }
}

/* Is the L4 checksum of this packet offloaded (RXCSUM)? */
static bool igb_rx_l4_offloaded(IGBCore *s, EthL4HdrProto l4, bool ip6)
{
    bool parsed = true;

    if (ip6) {
        igb_filter_ip6_ext(s, &parsed);
    }
    switch (l4) {
    case ETH_L4_HDR_PROTO_TCP:
    case ETH_L4_HDR_PROTO_UDP:
        return parsed && FIELD_EX32(s->rx.rxcsum, RXCSUM, TUOFLD);
    case ETH_L4_HDR_PROTO_SCTP:
        return parsed && FIELD_EX32(s->rx.rxcsum, RXCSUM, CRCOFL);
    default:
        return false;
    }
}

/* Status and error bits of a packet: VLAN, filters, checksums. */
static void igb_rx_offloads(IGBCore *s, IGBRxPacket *p)
{
    struct NetRxPkt *pkt = s->rx.pkt;
    uint32_t st = 0;
    bool ip4, ip6, valid;
    EthL4HdrProto l4;

    net_rx_pkt_get_protocols(pkt, &ip4, &ip6, &l4);
    if (ip4 && FIELD_EX32(s->rx.rxcsum, RXCSUM, IPOFLD) &&
        net_rx_pkt_validate_l3_csum(pkt, &valid)) {
        st |= IGB_RXD_STAT_IPCS | (valid ? 0 : IGB_RXD_ERR_IPE);
    }
    if (igb_rx_l4_offloaded(s, l4, ip6) &&
        net_rx_pkt_validate_l4_csum(pkt, &valid)) {
        st |= l4 == ETH_L4_HDR_PROTO_UDP ? IGB_RXD_STAT_UDPCS
                                         : IGB_RXD_STAT_TCPCS;
        st |= valid ? 0 : IGB_RXD_ERR_L4E;
    }
    st |= p->stripped ? IGB_RXD_STAT_VP : 0;
    st |= p->pif ? IGB_RXD_STAT_PIF : 0;
    st |= p->loopback ? IGB_RXD_STAT_LB : 0;
    if (p->ptp_off < p->len &&
        igb_ptp_rx_stamp(s, p->ptp, s->rx.frame + p->ptp_off,
                         p->len - p->ptp_off, p->arrival)) {
        st |= IGB_RXD_STAT_TS;
    }
    p->status_error = st;
    p->pkt_type = igb_rx_pkt_type(s, p);
}

/* Unadjusted 16-bit one's complement sum of frame[start, end). */
static uint16_t igb_rx_sum(IGBCore *s, size_t start, size_t end)
{
    uint32_t sum;

    if (start >= end) {
        return 0;
    }
    sum = net_checksum_add(end - start, s->rx.frame + start);
    while (sum >> 16) {
        sum = (sum & 0xffff) + (sum >> 16);
    }
    return sum;
}

/* Fragment checksum (RXCSUM.PCSD clear): sum of the IP payload. */
static uint16_t igb_rx_frag_csum(IGBCore *s, const IGBRxPacket *p)
{
    struct NetRxPkt *pkt = s->rx.pkt;
    size_t l3 = eth_get_l2_hdr_length(s->rx.frame);
    size_t end;
    bool ip4, ip6;
    EthL4HdrProto l4;

    net_rx_pkt_get_protocols(pkt, &ip4, &ip6, &l4);
    if (ip4) {
        end = l3 + be16_to_cpu(net_rx_pkt_get_ip4_info(pkt)->ip4_hdr.ip_len);
    } else if (ip6) {
        end = l3 + sizeof(struct ip6_header) +
              be16_to_cpu(net_rx_pkt_get_ip6_info(pkt)->ip6_hdr.ip6_ctlun
                          .ip6_un1.ip6_un1_plen);
    } else {
        return 0;
    }
    return igb_rx_sum(s, net_rx_pkt_get_l4_hdr_offset(pkt), MIN(end, p->len));
}

/* ---------------------------------------------------------------------- */
/* Buffers and descriptors                                                */
/* ---------------------------------------------------------------------- */

static size_t igb_rxq_buf_size(IGBCore *s, const IGBRxQueue *rxq)
{
    unsigned kib = FIELD_EX32(rxq->srrctl, SRRCTL, BSIZEPKT);

    if (kib) {
        return kib * IGB_SRRCTL_BSIZEPKT_UNIT;
    }
    return IGB_RCTL_BSIZE_BASE >> FIELD_EX32(s->rx.rctl, RCTL, BSIZE);
}

/*
 * Header split and replication (datasheet appendix A): where the header
 * of this packet ends for the types PSRTYPE enables, 0 if not decoded.
 */
static size_t igb_rx_split_point(IGBCore *s, unsigned q)
{
    struct NetRxPkt *pkt = s->rx.pkt;
    uint32_t psr = s->rx.psrtype[igb_filter_vmdq(s) ? q % IGB_NUM_POOLS : 0];
    bool ip4, ip6, frag = false, parsed = true;
    uint32_t tcp = 0, udp = 0, l3 = 0;
    EthL4HdrProto l4;

    net_rx_pkt_get_protocols(pkt, &ip4, &ip6, &l4);
    if (ip4) {
        frag = net_rx_pkt_get_ip4_info(pkt)->fragment;
        tcp = IGB_PSRTYPE_IPV4_TCP;
        udp = IGB_PSRTYPE_IPV4_UDP;
        l3 = IGB_PSRTYPE_IPV4;
    } else if (ip6) {
        igb_filter_ip6_ext(s, &parsed);
        frag = net_rx_pkt_get_ip6_info(pkt)->fragment;
        tcp = IGB_PSRTYPE_IPV6_TCP;
        udp = IGB_PSRTYPE_IPV6_UDP;
        l3 = IGB_PSRTYPE_IPV6;
    }
    if (parsed && ((l4 == ETH_L4_HDR_PROTO_TCP && (psr & tcp)) ||
                   (l4 == ETH_L4_HDR_PROTO_UDP && (psr & udp)))) {
        return net_rx_pkt_get_l5_hdr_offset(pkt);
    }
    if (frag && (psr & l3)) {
        return net_rx_pkt_get_l4_hdr_offset(pkt);
    }
    if (psr & IGB_PSRTYPE_L2) {
        return eth_get_l2_hdr_length(s->rx.frame);
    }
    return 0;
}

static void igb_rx_layout_split(IGBRxLayout *lay, unsigned type, size_t len,
                                size_t hb, size_t h)
{
    switch (type) {
    case IGB_SRRCTL_DESCTYPE_HDR_SPLIT:
    case IGB_SRRCTL_DESCTYPE_HDR_SPLIT_ALWAYS:
        if (h && h <= hb) {
            lay->hdr_bytes = lay->data_off = lay->hdr_len = h;
            lay->sph = true;
        } else if (type == IGB_SRRCTL_DESCTYPE_HDR_SPLIT || !hb) {
            lay->hdr_len = h;
            lay->sph = lay->hbo = h != 0;
        } else {
            /* Always use the header buffer: fill it, then spill over. */
            lay->hdr_bytes = lay->data_off = MIN(len, hb);
            lay->hdr_len = h ? h : lay->hdr_bytes;
            lay->sph = lay->hbo = h != 0;
        }
        break;
    case IGB_SRRCTL_DESCTYPE_HDR_REPLICATION:
    case IGB_SRRCTL_DESCTYPE_HDR_REPLICATION_LARGE:
        if (h && (type == IGB_SRRCTL_DESCTYPE_HDR_REPLICATION || len > hb)) {
            lay->hdr_bytes = MIN(len, hb);
            lay->hdr_len = h;
            lay->sph = true;
            lay->hbo = h > hb;
        }
        break;
    }
}

static void igb_rx_layout(IGBCore *s, unsigned q, const IGBRxPacket *p,
                          IGBRxLayout *lay)
{
    const IGBRxQueue *rxq = &s->rx.q[q];
    unsigned type = FIELD_EX32(rxq->srrctl, SRRCTL, DESCTYPE);
    size_t hb = FIELD_EX32(rxq->srrctl, SRRCTL, BSIZEHDR) *
                IGB_SRRCTL_BSIZEHDR_UNIT;
    size_t h;

    memset(lay, 0, sizeof(*lay));
    lay->buf_size = igb_rxq_buf_size(s, rxq);
    lay->legacy = type == IGB_SRRCTL_DESCTYPE_LEGACY;
    if (type >= IGB_SRRCTL_DESCTYPE_HDR_SPLIT) {
        /* Headers longer than HDR_LEN can say (1 KiB) are not split. */
        h = hb ? igb_rx_split_point(s, q) : 0;
        if (h > p->len || h > IGB_RX_HDR_LEN_MAX) {
            h = 0;
        }
        igb_rx_layout_split(lay, type, p->len, hb, h);
    }
    lay->ndesc = MAX(1, DIV_ROUND_UP(p->len - lay->data_off, lay->buf_size));
}

static void igb_rx_dma(IGBCore *s, unsigned q, uint64_t addr,
                       const void *buf, size_t len)
{
    PCIDevice *fn = igb_queue_function(s, q);

    if (len && pci_dma_write(fn, addr, buf, len) != MEMTX_OK) {
        IGB_GUEST_ERROR("queue %u: DMA write of %zu bytes at 0x%" PRIx64
                        " failed", q, len, addr);
    }
}

/*
 * Write back descriptor @i of the packet. The half that holds DD and the
 * length goes last, after the data, so that a polling driver sees a
 * complete descriptor.
 */
static void igb_rx_write_back(IGBCore *s, unsigned q, uint64_t daddr,
                              const IGBRxPacket *p, const IGBRxLayout *lay,
                              unsigned i, size_t chunk)
{
    uint32_t st = p->status_error | IGB_RXD_STAT_DD;
    uint16_t vlan = p->stripped ? p->tci : 0;
    uint32_t wb[4], info = 0;
    uint8_t legacy[8];

    st |= i + 1 == lay->ndesc ? IGB_RXD_STAT_EOP : 0;
    if (lay->legacy) {
        /* Length, packet checksum, status, errors (bits 31:24), VLAN. */
        stw_le_p(legacy, chunk);
        stw_le_p(legacy + 2, i ? 0 : igb_rx_sum(s, FIELD_EX32(s->rx.rxcsum,
                                                RXCSUM, PCSS), p->len));
        legacy[4] = st;
        legacy[5] = st >> 24;
        stw_le_p(legacy + 6, vlan);
        igb_rx_dma(s, q, daddr + 8, legacy, sizeof(legacy));
        return;
    }
    info = FIELD_DP32(info, RXDADV_INFO, RSS_TYPE, p->rss_type);
    info = FIELD_DP32(info, RXDADV_INFO, PKT_TYPE, p->pkt_type);
    if (i == 0) {
        info = FIELD_DP32(info, RXDADV_INFO, HDR_LEN, lay->hdr_len);
        info = FIELD_DP32(info, RXDADV_INFO, SPH, lay->sph);
        st |= lay->hbo ? IGB_RXD_ERR_HBO : 0;
    }
    wb[0] = cpu_to_le32(info);
    wb[1] = cpu_to_le32(FIELD_EX32(s->rx.rxcsum, RXCSUM, PCSD) ?
                        p->rss_hash :
                        net_rx_pkt_get_ip_id(s->rx.pkt) |
                        igb_rx_frag_csum(s, p) << 16);
    wb[2] = cpu_to_le32(st);
    wb[3] = cpu_to_le32(chunk | vlan << 16);
    igb_rx_dma(s, q, daddr, wb, 8);
    igb_rx_dma(s, q, daddr + 8, wb + 2, 8);
}

/*
 * Store the packet from RDH on, one descriptor at a time: read it (once),
 * write its buffers, write it back. False if a descriptor was unreadable.
 */
static bool igb_rxq_store(IGBCore *s, unsigned q, const IGBRxPacket *p,
                          const IGBRxLayout *lay)
{
    IGBRxQueue *rxq = &s->rx.q[q];
    unsigned n = igb_rxq_ring_size(rxq);
    size_t off = lay->data_off;

    for (unsigned i = 0; i < lay->ndesc; i++) {
        uint64_t daddr = igb_rxq_ring_base(rxq) + rxq->rdh * IGB_DESC_SIZE;
        size_t chunk = MIN(lay->buf_size, p->len - off);
        IGBRxDesc desc;

        if (pci_dma_read(igb_queue_function(s, q), daddr, &desc,
                         sizeof(desc)) != MEMTX_OK) {
            IGB_GUEST_ERROR("queue %u: descriptor read at 0x%" PRIx64
                            " failed", q, daddr);
            return false;
        }
        if (i == 0 && lay->hdr_bytes) {
            /* Bit 0 of the header buffer address is DD in read format. */
            igb_rx_dma(s, q, le64_to_cpu(desc.b) & ~1ULL, s->rx.frame,
                       lay->hdr_bytes);
        }
        igb_rx_dma(s, q, le64_to_cpu(desc.a), s->rx.frame + off, chunk);
        igb_rx_write_back(s, q, daddr, p, lay, i, chunk);
        trace_igb_rx_desc(s, q, rxq->rdh, chunk, i + 1 == lay->ndesc);
        off += chunk;
        rxq->rdh = (rxq->rdh + 1) % n;
    }
    return true;
}

/* ---------------------------------------------------------------------- */
/* Statistics, interrupts, delivery                                       */
/* ---------------------------------------------------------------------- */

/*
 * Statistics of a frame, @q the queue that stored it or -1. Frames that
 * pools switch locally (loopback) never cross the MAC: only the pool's
 * counters see them.
 */
static void igb_rx_count(IGBCore *s, const IGBRxPacket *p, int q)
{
    static const struct {
        size_t max;
        uint32_t reg;
    } prc[] = {
        { 64, A_PRC64 }, { 127, A_PRC127 }, { 255, A_PRC255 },
        { 511, A_PRC511 }, { 1023, A_PRC1023 }, { SIZE_MAX, A_PRC1522 },
    };
    size_t len = p->wire_len + IGB_RX_FCS_LEN;
    bool mcast = is_multicast_ether_addr(p->l2) &&
                 !is_broadcast_ether_addr(p->l2);

    if (q >= 0) {
        igb_pool_stat_rx(s, q, len, mcast, p->loopback);
    }
    if (p->loopback) {
        return;
    }
    igb_stat_inc(s, A_TPR);
    igb_stat_add64(s, A_TORL, len);
    if (q < 0) {
        return;
    }
    igb_stat_inc(s, A_GPRC);
    igb_stat_add64(s, A_GORCL, len);
    if (is_broadcast_ether_addr(p->l2)) {
        igb_stat_inc(s, A_BPRC);
    } else if (mcast) {
        igb_stat_inc(s, A_MPRC);
    }
    for (unsigned i = 0; i < ARRAY_SIZE(prc); i++) {
        if (len <= prc[i].max) {
            igb_stat_inc(s, prc[i].reg);
            break;
        }
    }
}

static void igb_rxq_drop(IGBCore *s, unsigned q, const char *why)
{
    IGBRxQueue *rxq = &s->rx.q[q];

    if (rxq->rqdpc != UINT32_MAX) {
        rxq->rqdpc++;
    }
    trace_igb_rx_drop(s, why);
}

/*
 * Interrupts after a packet: RXDMT0 when the free descriptors fall to
 * SRRCTL.RDMTS * 16, and the queue's own (RXDW, EICR).
 */
static void igb_rxq_notify(IGBCore *s, unsigned q, unsigned before,
                           unsigned after)
{
    unsigned thr = FIELD_EX32(s->rx.q[q].srrctl, SRRCTL, RDMTS) *
                   IGB_SRRCTL_RDMTS_UNIT;

    if (before > thr && after <= thr) {
        trace_igb_rx_rdmts(s, q, after);
        igb_intr_raise(s, R_ICR_RXDMT0_MASK);
    }
    igb_intr_queue_event(s, false, q);
}

/*
 * Place a filtered frame in its queue; false: wait for descriptors, which
 * only a frame for one queue may do (@may_wait).
 */
static bool igb_rx_to_queue(IGBCore *s, IGBRxPacket *p, bool may_wait)
{
    unsigned q, avail;
    IGBRxQueue *rxq;
    IGBRxLayout lay;

    q = igb_filter_queue(s, p);
    rxq = &s->rx.q[q];
    trace_igb_rx_queue(s, q, p->rss_type, p->rss_hash, p->etqf);
    igb_rx_layout(s, q, p, &lay);
    avail = igb_rxq_avail(rxq);
    if (igb_rxq_enabled(rxq) && lay.ndesc >= igb_rxq_ring_size(rxq)) {
        IGB_GUEST_ERROR("queue %u: a ring of %u descriptors cannot hold "
                        "%u buffers", q, igb_rxq_ring_size(rxq), lay.ndesc);
        igb_rxq_drop(s, q, "ring too small");
    } else if (!igb_rxq_enabled(rxq) || avail < lay.ndesc) {
        igb_stat_inc(s, A_RNBC);
        if (may_wait && igb_rxq_enabled(rxq) &&
            !FIELD_EX32(rxq->srrctl, SRRCTL, DROP_EN)) {
            trace_igb_rx_no_desc(s, q, lay.ndesc, avail);
            return false;
        }
        igb_rxq_drop(s, q, "no descriptors");
    } else {
        igb_rx_offloads(s, p);
        if (igb_rxq_store(s, q, p, &lay)) {
            igb_rx_count(s, p, q);
            igb_rxq_notify(s, q, avail, avail - lay.ndesc);
            return true;
        }
    }
    igb_rx_count(s, p, -1);
    return true;
}

/*
 * VMDq: a copy of the frame for each pool that takes it (replication);
 * a frame for several pools never waits for descriptors.
 */
static bool igb_rx_dispatch(IGBCore *s, IGBRxPacket *p)
{
    uint32_t pools;
    bool one;

    if (!igb_filter_vmdq(s)) {
        return igb_rx_to_queue(s, p, true);
    }
    pools = igb_vmdq_rx_pools(s, p, p->src_pool);
    if (!pools) {
        trace_igb_rx_drop(s, "no pool");
        igb_rx_count(s, p, -1);
        return true;
    }
    one = !(pools & (pools - 1));
    while (pools) {
        p->pool = ctz32(pools);
        pools &= pools - 1;
        /* VMDq: the pool's VMOLR.STRVLAN, not CTRL.VME, strips its copy */
        igb_rx_set_stripped(s, p,
                            FIELD_EX32(s->rx.vmolr[p->pool], VMOLR, STRVLAN));
        if (!igb_rx_to_queue(s, p, one)) {
            return false;
        }
    }
    return true;
}

ssize_t igb_rx_deliver(IGBCore *s, const struct iovec *iov, int cnt,
                       int src_pool)
{
    size_t size = iov_size(iov, cnt);
    IGBRxPacket p = {
        .loopback = src_pool >= 0, .src_pool = src_pool, .etqf = -1,
    };

    trace_igb_rx_receive(s, size, p.loopback);
    p.arrival = igb_ptp_rx_arrival(s);
    if (!FIELD_EX32(s->rx.rctl, RCTL, EN)) {
        trace_igb_rx_drop(s, "receiver disabled");
        return size;
    }
    p.wire_len = MAX(size, ETH_ZLEN);
    igb_filter_parse_l2(s, &p, iov, cnt);
    if (!igb_rx_filter(s, &p)) {
        igb_rx_count(s, &p, -1);
        return size;
    }
    igb_rx_load_frame(s, &p, iov, cnt);
    return igb_rx_dispatch(s, &p) ? size : 0;
}

ssize_t igb_rx_receive_iov(IGBCore *s, const struct iovec *iov, int cnt)
{
    return igb_rx_deliver(s, iov, cnt, -1);
}

/* ---------------------------------------------------------------------- */
/* General registers                                                      */
/* ---------------------------------------------------------------------- */

static void igb_rx_rctl_write(IGBCore *s, const IGBRegInfo *ri, unsigned idx,
                              uint32_t old, uint32_t val)
{
    if (!FIELD_EX32(old, RCTL, EN) && FIELD_EX32(s->rx.rctl, RCTL, EN)) {
        igb_rx_kick(s);
    }
}

static void igb_rx_mrqc_write(IGBCore *s, const IGBRegInfo *ri, unsigned idx,
                              uint32_t old, uint32_t val)
{
    unsigned mrqe = FIELD_EX32(s->rx.mrqc, MRQC, MRQE);

    switch (mrqe) {
    case IGB_MRQC_MRQE_NONE:
    case IGB_MRQC_MRQE_RSS:
        break;
    case IGB_MRQC_MRQE_VMDQ:
    case IGB_MRQC_MRQE_VMDQ_RSS:
        IGB_UNIMP("VMDq pools: frames go to the default pool (VT_CTL)");
        break;
    default:
        IGB_GUEST_ERROR("reserved MRQC.MRQE %u", mrqe);
        break;
    }
}

static void igb_rx_etqf_write(IGBCore *s, const IGBRegInfo *ri, unsigned idx,
                              uint32_t old, uint32_t val)
{
    if (FIELD_EX32(val, ETQF, IMM_INT)) {
        IGB_UNIMP("ETQF[%u]: low latency interrupt", idx);
    }
}

static void igb_rx_ftqf_write(IGBCore *s, const IGBRegInfo *ri, unsigned idx,
                              uint32_t old, uint32_t val)
{
    if (!FIELD_EX32(val, FTQF, VF_BP) &&
        (val & (R_FTQF_QUEUE_EN_MASK | R_FTQF_TS_1588_MASK))) {
        IGB_UNIMP("FTQF[%u]: comparing the pool (VF_BP clear)", idx);
    }
}

static void igb_rx_imir_write(IGBCore *s, const IGBRegInfo *ri, unsigned idx,
                              uint32_t old, uint32_t val)
{
    if (FIELD_EX32(val, IMIR, PORT_IM_EN)) {
        IGB_UNIMP("IMIR[%u]: low latency interrupt", idx);
    }
}

static const IGBRegInfo igb_rx_rows[] = {
    {
        .name = "RCTL", .addr = A_RCTL, .wmask = IGB_RCTL_WMASK,
        .state = IGB_STATE(rx.rctl), .write = igb_rx_rctl_write,
    }, {
        .name = "RXCSUM", .addr = A_RXCSUM, .reset = IGB_RXCSUM_RESET,
        .wmask = IGB_RXCSUM_WMASK, .state = IGB_STATE(rx.rxcsum),
    }, {
        .name = "RLPML", .addr = A_RLPML, .reset = IGB_RLPML_RESET,
        .wmask = R_RLPML_RLPML_MASK, .state = IGB_STATE(rx.rlpml),
    }, {
        .name = "RFCTL", .addr = A_RFCTL, .wmask = IGB_RFCTL_WMASK,
        .state = IGB_STATE(rx.rfctl),
    }, {
        .name = "MTA", .addr = A_MTA0, .count = IGB_MTA_SIZE,
        .wmask = UINT32_MAX, .state = IGB_STATE_ARRAY(rx.mta),
    }, {
        .name = "RAL", .addr = A_RAL0, .count = IGB_RA_LO_ENTRIES,
        .stride = 8, .wmask = UINT32_MAX, .state = IGB_STATE_ARRAY(rx.ral),
    }, {
        .name = "RAH", .addr = A_RAH0, .count = IGB_RA_LO_ENTRIES,
        .stride = 8, .wmask = IGB_RAH_WMASK,
        .state = IGB_STATE_ARRAY(rx.rah),
    }, {
        .name = "PSRTYPE", .addr = A_PSRTYPE0, .count = IGB_NUM_POOLS,
        .wmask = IGB_PSRTYPE_WMASK, .state = IGB_STATE_ARRAY(rx.psrtype),
    }, {
        .name = "RAL16", .addr = A_RAL16,
        .count = IGB_NUM_RAR - IGB_RA_LO_ENTRIES, .stride = 8,
        .wmask = UINT32_MAX,
        .state = IGB_STATE(rx.ral[IGB_RA_LO_ENTRIES]),
    }, {
        .name = "RAH16", .addr = A_RAH16,
        .count = IGB_NUM_RAR - IGB_RA_LO_ENTRIES, .stride = 8,
        .wmask = IGB_RAH_WMASK,
        .state = IGB_STATE(rx.rah[IGB_RA_LO_ENTRIES]),
    }, {
        .name = "VFTA", .addr = A_VFTA0, .count = IGB_VFTA_SIZE,
        .wmask = UINT32_MAX, .state = IGB_STATE_ARRAY(rx.vfta),
    }, {
        .name = "MRQC", .addr = A_MRQC, .wmask = IGB_MRQC_WMASK,
        .state = IGB_STATE(rx.mrqc), .write = igb_rx_mrqc_write,
    }, {
        .name = "VT_CTL", .addr = A_VT_CTL, .wmask = IGB_VT_CTL_WMASK,
        .state = IGB_STATE(rx.vt_ctl),
    }, {
        .name = "VMOLR", .addr = A_VMOLR0, .count = IGB_NUM_POOLS,
        .wmask = IGB_VMOLR_WMASK, .state = IGB_STATE_ARRAY(rx.vmolr),
    }, {
        .name = "RETA", .addr = A_RETA0, .count = IGB_RETA_SIZE,
        .wmask = UINT32_MAX, .state = IGB_STATE_ARRAY(rx.reta),
    }, {
        .name = "RSSRK", .addr = A_RSSRK0, .count = IGB_RSSRK_SIZE,
        .wmask = UINT32_MAX, .state = IGB_STATE_ARRAY(rx.rssrk),
    }, {
        .name = "ETQF", .addr = A_ETQF0, .count = IGB_ETQF_SIZE,
        .wmask = IGB_ETQF_WMASK, .state = IGB_STATE_ARRAY(rx.etqf),
        .write = igb_rx_etqf_write,
    }, {
        .name = "SAQF", .addr = A_SAQF0, .count = IGB_NUM_5TUPLE,
        .wmask = UINT32_MAX, .state = IGB_STATE_ARRAY(rx.saqf),
    }, {
        .name = "DAQF", .addr = A_DAQF0, .count = IGB_NUM_5TUPLE,
        .wmask = UINT32_MAX, .state = IGB_STATE_ARRAY(rx.daqf),
    }, {
        .name = "SPQF", .addr = A_SPQF0, .count = IGB_NUM_5TUPLE,
        .wmask = R_SPQF_PORT_MASK, .state = IGB_STATE_ARRAY(rx.spqf),
    }, {
        .name = "FTQF", .addr = A_FTQF0, .count = IGB_NUM_5TUPLE,
        .wmask = IGB_FTQF_WMASK, .state = IGB_STATE_ARRAY(rx.ftqf),
        .write = igb_rx_ftqf_write,
    }, {
        .name = "IMIR", .addr = A_IMIR0, .count = IGB_NUM_5TUPLE,
        .wmask = R_IMIR_PORT_MASK | R_IMIR_PORT_IM_EN_MASK |
                 R_IMIR_PORT_BP_MASK | R_IMIR_PRIORITY_MASK,
        .state = IGB_STATE_ARRAY(rx.imir), .write = igb_rx_imir_write,
    }, {
        .name = "IMIREXT", .addr = A_IMIREXT0, .count = IGB_NUM_5TUPLE,
        .wmask = R_IMIREXT_SIZE_MASK | R_IMIREXT_SIZE_BP_MASK |
                 R_IMIREXT_CTRL_MASK | R_IMIREXT_CTRL_BP_MASK,
        .state = IGB_STATE_ARRAY(rx.imirext),
    }, {
        .name = "SYNQF", .addr = A_SYNQF0,
        .wmask = R_SYNQF_QUEUE_EN_MASK | R_SYNQF_QUEUE_MASK,
        .state = IGB_STATE(rx.synqf),
    }, {
        .name = "VLVF", .addr = A_VLVF0, .count = IGB_VLVF_SIZE,
        .wmask = IGB_VLVF_WMASK, .state = IGB_STATE_ARRAY(rx.vlvf),
    }, {
        .name = "UTA", .addr = A_UTA0, .count = IGB_UTA_SIZE,
        .wmask = UINT32_MAX, .state = IGB_STATE_ARRAY(rx.uta),
    },
};

const IGBRegTable igb_rx_regs = {
    .rows = igb_rx_rows,
    .count = ARRAY_SIZE(igb_rx_rows),
};

/* ---------------------------------------------------------------------- */
/* Life cycle, migration                                                  */
/* ---------------------------------------------------------------------- */

/*
 * The core resets the rows of igb_rx_regs and loads RAL0/RAH0 from the
 * EEPROM; the queues are ours.
 */
void igb_rx_reset(IGBCore *s, IGBResetKind kind)
{
    for (unsigned q = 0; q < IGB_NUM_QUEUES; q++) {
        igb_rxq_reset(&s->rx.q[q], q);
    }
}

void igb_rx_realize(IGBCore *s)
{
    net_rx_pkt_init(&s->rx.pkt);
    s->rx.frame = g_malloc0(IGB_RX_FRAME_MAX);
}

void igb_rx_unrealize(IGBCore *s)
{
    net_rx_pkt_uninit(s->rx.pkt);
    s->rx.pkt = NULL;
    g_free(s->rx.frame);
    s->rx.frame = NULL;
}

int igb_rx_post_load(IGBCore *s)
{
    for (unsigned q = 0; q < IGB_NUM_QUEUES; q++) {
        const IGBRxQueue *rxq = &s->rx.q[q];

        if ((rxq->rdbal & ~IGB_RXQ_RDBAL_WMASK) ||
            (rxq->rdlen & ~IGB_RXQ_RDLEN_WMASK) ||
            (rxq->srrctl & ~IGB_SRRCTL_WMASK) ||
            (rxq->rdh & ~IGB_RXQ_RDX_WMASK) ||
            (rxq->rdt & ~IGB_RXQ_RDX_WMASK) ||
            (rxq->rxdctl & ~IGB_RXDCTL_WMASK)) {
            return -EINVAL;
        }
    }
    return 0;
}

static const VMStateDescription vmstate_igb_rxq = {
    .name = "igb-rxq",
    .version_id = 1,
    .minimum_version_id = 1,
    .fields = (const VMStateField[]) {
        VMSTATE_UINT32(rdbal, IGBRxQueue),
        VMSTATE_UINT32(rdbah, IGBRxQueue),
        VMSTATE_UINT32(rdlen, IGBRxQueue),
        VMSTATE_UINT32(srrctl, IGBRxQueue),
        VMSTATE_UINT32(rdh, IGBRxQueue),
        VMSTATE_UINT32(rxctl, IGBRxQueue),
        VMSTATE_UINT32(rdt, IGBRxQueue),
        VMSTATE_UINT32(rxdctl, IGBRxQueue),
        VMSTATE_UINT32(rqdpc, IGBRxQueue),
        VMSTATE_END_OF_LIST()
    },
};

const VMStateDescription vmstate_igb_rx = {
    .name = "igb-rx",
    .version_id = 1,
    .minimum_version_id = 1,
    .fields = (const VMStateField[]) {
        VMSTATE_UINT32(rctl, IGBRxState),
        VMSTATE_UINT32(rxcsum, IGBRxState),
        VMSTATE_UINT32(rlpml, IGBRxState),
        VMSTATE_UINT32(rfctl, IGBRxState),
        VMSTATE_UINT32(mrqc, IGBRxState),
        VMSTATE_UINT32(vt_ctl, IGBRxState),
        VMSTATE_UINT32_ARRAY(reta, IGBRxState, IGB_RETA_SIZE),
        VMSTATE_UINT32_ARRAY(rssrk, IGBRxState, IGB_RSSRK_SIZE),
        VMSTATE_UINT32_ARRAY(ral, IGBRxState, IGB_NUM_RAR),
        VMSTATE_UINT32_ARRAY(rah, IGBRxState, IGB_NUM_RAR),
        VMSTATE_UINT32_ARRAY(mta, IGBRxState, IGB_MTA_SIZE),
        VMSTATE_UINT32_ARRAY(vfta, IGBRxState, IGB_VFTA_SIZE),
        VMSTATE_UINT32_ARRAY(uta, IGBRxState, IGB_UTA_SIZE),
        VMSTATE_UINT32_ARRAY(vlvf, IGBRxState, IGB_VLVF_SIZE),
        VMSTATE_UINT32_ARRAY(vmolr, IGBRxState, IGB_NUM_POOLS),
        VMSTATE_UINT32_ARRAY(psrtype, IGBRxState, IGB_NUM_POOLS),
        VMSTATE_UINT32_ARRAY(etqf, IGBRxState, IGB_ETQF_SIZE),
        VMSTATE_UINT32_ARRAY(saqf, IGBRxState, IGB_NUM_5TUPLE),
        VMSTATE_UINT32_ARRAY(daqf, IGBRxState, IGB_NUM_5TUPLE),
        VMSTATE_UINT32_ARRAY(spqf, IGBRxState, IGB_NUM_5TUPLE),
        VMSTATE_UINT32_ARRAY(ftqf, IGBRxState, IGB_NUM_5TUPLE),
        VMSTATE_UINT32_ARRAY(imir, IGBRxState, IGB_NUM_5TUPLE),
        VMSTATE_UINT32_ARRAY(imirext, IGBRxState, IGB_NUM_5TUPLE),
        VMSTATE_UINT32(synqf, IGBRxState),
        VMSTATE_STRUCT_ARRAY(q, IGBRxState, IGB_NUM_QUEUES, 1,
                             vmstate_igb_rxq, IGBRxQueue),
        VMSTATE_END_OF_LIST()
    },
};
