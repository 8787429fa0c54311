/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Intel 82576 (igb) model: receive classification.
 *
 * Written from the Intel 82576EB GbE Controller datasheet: receive
 * filtering (MAC address, multicast and unicast tables, VLAN filter, long
 * packets), queue assignment (EtherType filters, RSS, VMDq), and the
 * registers of 8.10. See igb_filter.h.
 */
#include "qemu/osdep.h"
#include "qemu/bswap.h"
#include "qemu/iov.h"
#include "net_rx_pkt.h"
#include "igb_filter.h"
#include "igb_vmdq.h"

#define IGB_VLAN_VID_MASK   0x0fff
#define IGB_VLAN_CFI_SHIFT  12

/* ---------------------------------------------------------------------- */
/* L2 filters                                                             */
/* ---------------------------------------------------------------------- */

bool igb_filter_vmdq(const IGBCore *s)
{
    unsigned mrqe = FIELD_EX32(s->rx.mrqc, MRQC, MRQE);

    return mrqe == IGB_MRQC_MRQE_VMDQ || mrqe == IGB_MRQC_MRQE_VMDQ_RSS;
}

/* Exact filters: the valid RAL/RAH entry matching DA (or SA), or -1. */
static int igb_filter_ra_match(const IGBCore *s, const uint8_t *l2)
{
    for (unsigned i = 0; i < IGB_NUM_RAR; i++) {
        uint32_t rah = s->rx.rah[i];
        const uint8_t *addr;

        if (!FIELD_EX32(rah, RAH, AV)) {
            continue;
        }
        switch (FIELD_EX32(rah, RAH, ASEL)) {
        case IGB_RAH_ASEL_DST:
            addr = l2;
            break;
        case IGB_RAH_ASEL_SRC:
            addr = l2 + ETH_ALEN;
            break;
        default:
            continue;
        }
        if (ldl_le_p(addr) == s->rx.ral[i] &&
            lduw_le_p(addr + 4) == FIELD_EX32(rah, RAH, RAH)) {
            return i;
        }
    }
    return -1;
}

/*
 * MTA and UTA: 4096-bit vectors indexed by 12 bits of the address that
 * RCTL.MO selects: bits 47:36, 46:35, 45:34 or 43:32.
 */
static bool igb_filter_hash_match(const IGBCore *s, const uint32_t *table,
                                  const uint8_t *addr)
{
    static const uint8_t shift[4] = { 4, 3, 2, 0 };
    unsigned sh = shift[FIELD_EX32(s->rx.rctl, RCTL, MO)];
    unsigned h = ((addr[4] >> sh) | (addr[5] << (8 - sh))) &
                 IGB_MTA_HASH_MASK;

    return table[h / 32] & (1u << (h % 32));
}

static bool igb_filter_addr(const IGBCore *s, IGBRxPacket *p)
{
    const uint8_t *da = p->l2;
    uint32_t rctl = s->rx.rctl;
    uint32_t vmolr;

    if (igb_filter_ra_match(s, p->l2) >= 0) {
        return true;
    }
    if (is_unicast_ether_addr(da)) {
        if (FIELD_EX32(rctl, RCTL, UPE)) {
            return true;
        }
        /* The UTA serves only the pools (VMOLR.ROPE) in VMDq modes. */
        vmolr = s->rx.vmolr[FIELD_EX32(s->rx.vt_ctl, VT_CTL, DEF_PL)];
        p->pif = igb_filter_vmdq(s) && FIELD_EX32(vmolr, VMOLR, ROPE) &&
                 igb_filter_hash_match(s, s->rx.uta, da);
        return p->pif;
    }
    if (is_broadcast_ether_addr(da) && FIELD_EX32(rctl, RCTL, BAM)) {
        return true;
    }
    if (FIELD_EX32(rctl, RCTL, MPE)) {
        return true;
    }
    p->pif = igb_filter_hash_match(s, s->rx.mta, da);
    return p->pif;
}

/*
 * MAC control frames: pause frames are dropped with RCTL.DPF (flow
 * control itself is not modelled); other opcodes pass with RCTL.PMCF.
 */
static bool igb_filter_mac_control(const IGBCore *s, const IGBRxPacket *p)
{
    if (p->tagged || p->ethertype != IGB_ETH_P_MAC_CONTROL) {
        return true;
    }
    if (lduw_be_p(p->l2 + ETH_HLEN) == IGB_MAC_CONTROL_PAUSE) {
        return !FIELD_EX32(s->rx.rctl, RCTL, DPF);
    }
    return FIELD_EX32(s->rx.rctl, RCTL, PMCF);
}

/* Long frames: up to RLPML bytes with RCTL.LPE, else 1522, with FCS. */
static bool igb_filter_too_long(const IGBCore *s, const IGBRxPacket *p)
{
    size_t max = IGB_RX_MAX_FRAME_STD;

    if (FIELD_EX32(s->rx.rctl, RCTL, LPE)) {
        max = FIELD_EX32(s->rx.rlpml, RLPML, RLPML);
    }
    return p->wire_len + IGB_RX_FCS_LEN > max;
}

/* Tagged frames: CFI check (RCTL.CFIEN), then the VFTA (RCTL.VFE). */
static bool igb_filter_vlan(const IGBCore *s, const IGBRxPacket *p)
{
    uint32_t rctl = s->rx.rctl;
    unsigned vid = p->tci & IGB_VLAN_VID_MASK;

    if (!p->tagged) {
        return true;
    }
    if (FIELD_EX32(rctl, RCTL, CFIEN) &&
        ((p->tci >> IGB_VLAN_CFI_SHIFT) & 1) != FIELD_EX32(rctl, RCTL, CFI)) {
        return false;
    }
    return !FIELD_EX32(rctl, RCTL, VFE) ||
           (s->rx.vfta[vid / 32] & (1u << (vid % 32)));
}

IGBFilterVerdict igb_filter_l2(const IGBCore *s, IGBRxPacket *p)
{
    if (!igb_filter_addr(s, p)) {
        return IGB_FILTER_ADDRESS;
    }
    if (!igb_filter_mac_control(s, p)) {
        return IGB_FILTER_MAC_CONTROL;
    }
    if (igb_filter_too_long(s, p)) {
        return IGB_FILTER_TOO_LONG;
    }
    if (!igb_filter_vlan(s, p)) {
        return IGB_FILTER_VLAN;
    }
    return IGB_FILTER_PASS;
}

void igb_filter_parse_l2(const IGBCore *s, IGBRxPacket *p,
                         const struct iovec *iov, int cnt)
{
    uint16_t tpid;

    memset(p->l2, 0, sizeof(p->l2));
    iov_to_buf(iov, cnt, 0, p->l2, sizeof(p->l2));
    tpid = lduw_be_p(p->l2 + 2 * ETH_ALEN);
    p->tagged = tpid == FIELD_EX32(s->vet, VET, VET);
    if (p->tagged) {
        p->tci = lduw_be_p(p->l2 + ETH_HLEN);
        p->ethertype = lduw_be_p(p->l2 + ETH_HLEN + 2);
    } else {
        p->ethertype = tpid;
    }
    p->stripped = p->tagged && FIELD_EX32(s->ctrl, CTRL, VME);
}

/* ---------------------------------------------------------------------- */
/* Queue selection: EtherType filters, RSS, pools                         */
/* ---------------------------------------------------------------------- */

static int igb_filter_etqf(const IGBCore *s, uint16_t ethertype)
{
    for (unsigned i = 0; i < IGB_ETQF_SIZE; i++) {
        uint32_t etqf = s->rx.etqf[i];

        if (FIELD_EX32(etqf, ETQF, FILTER_EN) &&
            FIELD_EX32(etqf, ETQF, ETYPE) == ethertype) {
            return i;
        }
    }
    return -1;
}

/*
 * RSS hash types in order of preference: the first one enabled in MRQC
 * that fits the packet is used. "ex" rows apply only to IPv6 packets with
 * extension headers, whose hash may use the addresses found there.
 */
typedef struct IGBRssRule {
    uint32_t mrqc;
    bool ip6;
    EthL4HdrProto l4;             /* INVALID: any */
    bool ex;
    NetRxPktRssType type;
    uint8_t desc_type;
} IGBRssRule;

static const IGBRssRule igb_filter_rss_rules[] = {
    { IGB_MRQC_RSS_TCPIPV4, false, ETH_L4_HDR_PROTO_TCP, false,
      NetPktRssIpV4Tcp, IGB_RSS_TYPE_TCP_IPV4 },
    { IGB_MRQC_RSS_UDPIPV4, false, ETH_L4_HDR_PROTO_UDP, false,
      NetPktRssIpV4Udp, IGB_RSS_TYPE_UDP_IPV4 },
    { IGB_MRQC_RSS_IPV4, false, ETH_L4_HDR_PROTO_INVALID, false,
      NetPktRssIpV4, IGB_RSS_TYPE_IPV4 },
    { IGB_MRQC_RSS_TCPIPV6EX, true, ETH_L4_HDR_PROTO_TCP, true,
      NetPktRssIpV6TcpEx, IGB_RSS_TYPE_TCP_IPV6_EX },
    { IGB_MRQC_RSS_TCPIPV6, true, ETH_L4_HDR_PROTO_TCP, false,
      NetPktRssIpV6Tcp, IGB_RSS_TYPE_TCP_IPV6 },
    { IGB_MRQC_RSS_TCPIPV6EX, true, ETH_L4_HDR_PROTO_TCP, false,
      NetPktRssIpV6TcpEx, IGB_RSS_TYPE_TCP_IPV6_EX },
    { IGB_MRQC_RSS_UDPIPV6EX, true, ETH_L4_HDR_PROTO_UDP, true,
      NetPktRssIpV6UdpEx, IGB_RSS_TYPE_UDP_IPV6_EX },
    { IGB_MRQC_RSS_UDPIPV6, true, ETH_L4_HDR_PROTO_UDP, false,
      NetPktRssIpV6Udp, IGB_RSS_TYPE_UDP_IPV6 },
    { IGB_MRQC_RSS_UDPIPV6EX, true, ETH_L4_HDR_PROTO_UDP, false,
      NetPktRssIpV6UdpEx, IGB_RSS_TYPE_UDP_IPV6_EX },
    { IGB_MRQC_RSS_IPV6EX, true, ETH_L4_HDR_PROTO_INVALID, true,
      NetPktRssIpV6Ex, IGB_RSS_TYPE_IPV6_EX },
    { IGB_MRQC_RSS_IPV6, true, ETH_L4_HDR_PROTO_INVALID, false,
      NetPktRssIpV6, IGB_RSS_TYPE_IPV6 },
    { IGB_MRQC_RSS_IPV6EX, true, ETH_L4_HDR_PROTO_INVALID, false,
      NetPktRssIpV6Ex, IGB_RSS_TYPE_IPV6_EX },
};

/* IPv6 extension headers parsed? RFCTL.IPV6_EX_DIS turns that off. */
bool igb_filter_ip6_ext(const IGBCore *s, bool *parsed)
{
    bool ext = net_rx_pkt_get_ip6_info(s->rx.pkt)->has_ext_hdrs;

    *parsed = !ext || !FIELD_EX32(s->rx.rfctl, RFCTL, IPV6_EX_DIS);
    return ext;
}

static void igb_filter_rss(const IGBCore *s, IGBRxPacket *p)
{
    uint8_t key[IGB_RSSRK_BYTES];
    bool ip4, ip6, ext = false, parsed = true;
    EthL4HdrProto l4;

    net_rx_pkt_get_protocols(s->rx.pkt, &ip4, &ip6, &l4);
    if (ip6) {
        ext = igb_filter_ip6_ext(s, &parsed);
    }
    if (!parsed) {
        ext = false;
        l4 = ETH_L4_HDR_PROTO_INVALID;
    }
    for (unsigned i = 0; i < ARRAY_SIZE(igb_filter_rss_rules); i++) {
        const IGBRssRule *r = &igb_filter_rss_rules[i];

        if (!(s->rx.mrqc & r->mrqc) || !(r->ip6 ? ip6 : ip4) ||
            (r->l4 != ETH_L4_HDR_PROTO_INVALID && r->l4 != l4) ||
            (r->ex && !ext)) {
            continue;
        }
        for (unsigned b = 0; b < sizeof(key); b++) {
            key[b] = s->rx.rssrk[b / 4] >> (8 * (b % 4));
        }
        p->rss_type = r->desc_type;
        p->rss_hash = net_rx_pkt_calc_rss_hash(s->rx.pkt, r->type, key);
        return;
    }
}

/* ---------------------------------------------------------------------- */
/* 5-tuple and SYN filters                                                */
/* ---------------------------------------------------------------------- */

/* What the 5-tuple and SYN filters compare, taken from the frame. */
typedef struct IGBFilterTuple {
    bool ip4;
    bool l4;                      /* a TCP, UDP or SCTP header to look at */
    uint8_t proto;
    uint8_t tcp_flags;            /* 0 unless TCP */
    uint32_t sa, da;              /* as on the wire, first byte in 7:0 */
    uint16_t sp, dp;              /* likewise */
    size_t l4_off;                /* L4 header in s->rx.frame */
} IGBFilterTuple;

/* TCP header: ports at 0 and 2, flags at 13, 20 bytes at least */
#define IGB_TCP_FLAGS_OFF           13
#define IGB_TCP_FLAG_SYN            0x02
#define IGB_L4_MIN_LEN              8

static void igb_filter_tuple(const IGBCore *s, const IGBRxPacket *p,
                             IGBFilterTuple *t)
{
    bool ip4, ip6;
    EthL4HdrProto l4;

    memset(t, 0, sizeof(*t));
    net_rx_pkt_get_protocols(s->rx.pkt, &ip4, &ip6, &l4);
    t->l4_off = net_rx_pkt_get_l4_hdr_offset(s->rx.pkt);
    t->l4 = l4 != ETH_L4_HDR_PROTO_INVALID &&
            t->l4_off + IGB_L4_MIN_LEN <= p->len;
    if (ip4) {
        const struct ip_header *ip =
            &net_rx_pkt_get_ip4_info(s->rx.pkt)->ip4_hdr;

        t->ip4 = true;
        t->proto = ip->ip_p;
        t->sa = ldl_le_p(&ip->ip_src);
        t->da = ldl_le_p(&ip->ip_dst);
    }
    if (t->l4) {
        t->sp = lduw_le_p(s->rx.frame + t->l4_off);
        t->dp = lduw_le_p(s->rx.frame + t->l4_off + 2);
        if (l4 == ETH_L4_HDR_PROTO_TCP &&
            t->l4_off + IGB_TCP_FLAGS_OFF < p->len) {
            t->tcp_flags = s->rx.frame[t->l4_off + IGB_TCP_FLAGS_OFF];
        }
    }
}

/*
 * IMIREXT.CTRL names the TCP flags URG ACK PSH RST SYN FIN from its bit 0
 * up; in the TCP header they run the other way (FIN is bit 0).
 */
static uint8_t igb_filter_ctrl_flags(uint32_t imirext)
{
    unsigned ctrl = FIELD_EX32(imirext, IMIREXT, CTRL);
    uint8_t flags = 0;

    for (unsigned i = 0; i < 6; i++) {
        if (ctrl & BIT(i)) {
            flags |= BIT(5 - i);
        }
    }
    return flags;
}

static bool igb_filter_5tuple_match(const IGBCore *s, const IGBRxPacket *p,
                                    const IGBFilterTuple *t, unsigned i)
{
    uint32_t ftqf = s->rx.ftqf[i];
    uint32_t imir = s->rx.imir[i];
    uint32_t ext = s->rx.imirext[i];

    if (!t->ip4) {
        return false;
    }
    if (!FIELD_EX32(ftqf, FTQF, MASK_PROTO) &&
        t->proto != FIELD_EX32(ftqf, FTQF, PROTOCOL)) {
        return false;
    }
    if ((!FIELD_EX32(ftqf, FTQF, MASK_SA) && t->sa != s->rx.saqf[i]) ||
        (!FIELD_EX32(ftqf, FTQF, MASK_DA) && t->da != s->rx.daqf[i])) {
        return false;
    }
    if (!FIELD_EX32(ftqf, FTQF, MASK_SP) &&
        (!t->l4 || t->sp != FIELD_EX32(s->rx.spqf[i], SPQF, PORT))) {
        return false;
    }
    if (!FIELD_EX32(imir, IMIR, PORT_BP) &&
        (!t->l4 || t->dp != FIELD_EX32(imir, IMIR, PORT))) {
        return false;
    }
    if (!FIELD_EX32(ext, IMIREXT, CTRL_BP)) {
        uint8_t need = igb_filter_ctrl_flags(ext);

        if ((t->tcp_flags & need) != need || !t->tcp_flags) {
            return false;
        }
    }
    if (!FIELD_EX32(ext, IMIREXT, SIZE_BP) &&
        p->wire_len > FIELD_EX32(ext, IMIREXT, SIZE)) {
        return false;
    }
    return true;
}

/*
 * The 5-tuple filters that match: the one that steers (QUEUE_EN, the
 * highest IMIR.PRIORITY, then the lowest index) in *steer, and whether
 * one of them asks for a time stamp.
 */
static void igb_filter_5tuple(const IGBCore *s, const IGBRxPacket *p,
                              const IGBFilterTuple *t, int *steer,
                              bool *stamp)
{
    int best_prio = -1;

    *steer = -1;
    *stamp = false;
    for (unsigned i = 0; i < IGB_NUM_5TUPLE; i++) {
        uint32_t ftqf = s->rx.ftqf[i];
        int prio = FIELD_EX32(s->rx.imir[i], IMIR, PRIORITY);

        if (!(ftqf & (R_FTQF_QUEUE_EN_MASK | R_FTQF_TS_1588_MASK)) ||
            !igb_filter_5tuple_match(s, p, t, i)) {
            continue;
        }
        if (FIELD_EX32(ftqf, FTQF, TS_1588)) {
            *stamp = true;
        }
        if (FIELD_EX32(ftqf, FTQF, QUEUE_EN) && prio > best_prio) {
            best_prio = prio;
            *steer = i;
        }
    }
}

/* The SYN filter: TCP segments with SYN set go to SYNQF.QUEUE. */
static bool igb_filter_syn(const IGBCore *s, const IGBFilterTuple *t)
{
    return FIELD_EX32(s->rx.synqf, SYNQF, QUEUE_EN) &&
           (t->tcp_flags & IGB_TCP_FLAG_SYN);
}

/* PTP messages to time stamp: after the EtherType or in UDP. */
static void igb_filter_ptp(const IGBCore *s, IGBRxPacket *p,
                           const IGBFilterTuple *t, bool stamp_5tuple)
{
    if (p->etqf >= 0 &&
        FIELD_EX32(s->rx.etqf[p->etqf], ETQF, IEEE1588)) {
        p->ptp = IGB_PTP_L2;
        p->ptp_off = eth_get_l2_hdr_length(s->rx.frame);
    } else if (stamp_5tuple && t->l4 && t->proto == IP_PROTO_UDP) {
        p->ptp = IGB_PTP_UDP;
        p->ptp_off = t->l4_off + sizeof(struct udp_header);
    }
}

static uint8_t igb_filter_reta(const IGBCore *s, uint32_t hash)
{
    unsigned i = hash % IGB_RETA_ENTRIES;

    return s->rx.reta[i / 4] >> (8 * (i % 4));
}

unsigned igb_filter_queue(const IGBCore *s, IGBRxPacket *p)
{
    unsigned mrqe = FIELD_EX32(s->rx.mrqc, MRQC, MRQE);
    IGBFilterTuple t;
    uint32_t etqf;
    uint8_t entry;
    bool stamp, syn;

    p->etqf = igb_filter_etqf(s, p->ethertype);
    etqf = p->etqf >= 0 ? s->rx.etqf[p->etqf] : 0;
    igb_filter_tuple(s, p, &t);
    igb_filter_5tuple(s, p, &t, &p->ftqf, &stamp);
    igb_filter_ptp(s, p, &t, stamp);
    syn = igb_filter_syn(s, &t);

    if (mrqe == IGB_MRQC_MRQE_RSS || mrqe == IGB_MRQC_MRQE_VMDQ_RSS) {
        igb_filter_rss(s, p);
    }
    entry = igb_filter_reta(s, p->rss_hash);
    if (mrqe == IGB_MRQC_MRQE_VMDQ || mrqe == IGB_MRQC_MRQE_VMDQ_RSS) {
        /* The receive unit chose the pool (igb_vmdq_rx_pools()). */
        return igb_vmdq_pool_queue(s, p->pool, entry);
    }
    if (FIELD_EX32(etqf, ETQF, QUEUE_EN)) {
        return FIELD_EX32(etqf, ETQF, QUEUE);
    }
    /* RFCTL.SYNQFP: the SYN filter before the 5-tuple filters */
    if (syn && (p->ftqf < 0 || FIELD_EX32(s->rx.rfctl, RFCTL, SYNQFP))) {
        return FIELD_EX32(s->rx.synqf, SYNQF, QUEUE);
    }
    if (p->ftqf >= 0) {
        return FIELD_EX32(s->rx.ftqf[p->ftqf], FTQF, QUEUE);
    }
    if (mrqe == IGB_MRQC_MRQE_RSS) {
        return entry & IGB_RETA_QUEUE_MASK;
    }
    return FIELD_EX32(s->rx.mrqc, MRQC, DEF_Q);
}
