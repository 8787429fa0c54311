/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Intel 82576 (igb) model: VMDq pools (see igb_vmdq.h).
 *
 * Written from the Intel 82576EB datasheet (VMDq and the virtualisation
 * chapter: receive and transmit switching, anti-spoofing) and from what
 * Linux igb programs for its VFs: each VF's MAC address in an RAR entry
 * with its pool in RAH.POOLSEL, VMOLR.AUPE/BAM/ROMPE/ROPE/MPME per pool,
 * VLANs in VLVF with the pools in VLVF.POOLSEL, VT_CTL.DEF_PL for the PF,
 * replication and loopback on.
 */
#include "qemu/osdep.h"
#include "qemu/bswap.h"
#include "igb_vmdq.h"

#define IGB_VMDQ_VID_MASK   0x0fff

/* ---------------------------------------------------------------------- */
/* Addresses                                                              */
/* ---------------------------------------------------------------------- */

/* Pools whose VMOLR has all of @bits. */
static uint32_t igb_vmdq_vmolr_pools(const IGBCore *s, uint32_t bits)
{
    uint32_t pools = 0;

    for (unsigned n = 0; n < IGB_NUM_POOLS; n++) {
        if ((s->rx.vmolr[n] & bits) == bits) {
            pools |= BIT(n);
        }
    }
    return pools;
}

/*
 * The pools of the valid destination-address RAR entries that hold @addr
 * (RAH.POOLSEL); *found: at least one entry holds it.
 */
static uint32_t igb_vmdq_ra_pools(const IGBCore *s, const uint8_t *addr,
                                  bool *found)
{
    uint32_t pools = 0;

    *found = false;
    for (unsigned i = 0; i < IGB_NUM_RAR; i++) {
        uint32_t rah = s->rx.rah[i];

        if (!FIELD_EX32(rah, RAH, AV) ||
            FIELD_EX32(rah, RAH, ASEL) != IGB_RAH_ASEL_DST ||
            ldl_le_p(addr) != s->rx.ral[i] ||
            lduw_le_p(addr + 4) != FIELD_EX32(rah, RAH, RAH)) {
            continue;
        }
        *found = true;
        pools |= FIELD_EX32(rah, RAH, POOLSEL);
    }
    return pools;
}

/* MTA and UTA: 12 bits of the address, as RCTL.MO selects them. */
static bool igb_vmdq_hash_match(const IGBCore *s, const uint32_t *table,
                                const uint8_t *addr)
{
    static const uint8_t shift[4] = { 4, 3, 2, 0 };
    unsigned sh = shift[FIELD_EX32(s->rx.rctl, RCTL, MO)];
    unsigned h = ((addr[4] >> sh) | (addr[5] << (8 - sh))) &
                 IGB_MTA_HASH_MASK;

    return table[h / 32] & BIT(h % 32);
}

/* Pools by destination address. */
static uint32_t igb_vmdq_mac_pools(const IGBCore *s, const uint8_t *da)
{
    uint32_t pools;
    bool exact;

    if (FIELD_EX32(s->rx.vt_ctl, VT_CTL, IGNORE_MAC)) {
        return IGB_POOL_MASK;
    }
    pools = igb_vmdq_ra_pools(s, da, &exact);
    if (is_broadcast_ether_addr(da)) {
        return pools | igb_vmdq_vmolr_pools(s, R_VMOLR_BAM_MASK);
    }
    if (is_multicast_ether_addr(da)) {
        pools |= igb_vmdq_vmolr_pools(s, R_VMOLR_MPME_MASK);
        if (igb_vmdq_hash_match(s, s->rx.mta, da)) {
            pools |= igb_vmdq_vmolr_pools(s, R_VMOLR_ROMPE_MASK);
        }
        return pools;
    }
    if (!exact && igb_vmdq_hash_match(s, s->rx.uta, da)) {
        pools |= igb_vmdq_vmolr_pools(s, R_VMOLR_ROPE_MASK);
    }
    return pools;
}

/* ---------------------------------------------------------------------- */
/* VLANs                                                                  */
/* ---------------------------------------------------------------------- */

/* The VLVF pools of VLAN @vid; *found: an enabled entry holds it. */
static uint32_t igb_vmdq_vlvf_pools(const IGBCore *s, uint16_t vid,
                                    bool *found)
{
    for (unsigned i = 0; i < IGB_VLVF_SIZE; i++) {
        uint32_t vlvf = s->rx.vlvf[i];

        if (FIELD_EX32(vlvf, VLVF, VI_EN) &&
            FIELD_EX32(vlvf, VLVF, VLAN_ID) == vid) {
            *found = true;
            return FIELD_EX32(vlvf, VLVF, POOLSEL);
        }
    }
    *found = false;
    return 0;
}

/*
 * Pools by VLAN: untagged frames go to the pools that accept them
 * (VMOLR.AUPE), tagged ones to the pools of their VLVF entry; a VLAN that
 * no entry holds selects no pool (the default pool may take it).
 */
static uint32_t igb_vmdq_vlan_pools(const IGBCore *s, const IGBRxPacket *p)
{
    bool found;

    if (!p->tagged) {
        return igb_vmdq_vmolr_pools(s, R_VMOLR_AUPE_MASK);
    }
    return igb_vmdq_vlvf_pools(s, p->tci & IGB_VMDQ_VID_MASK, &found);
}

/* ---------------------------------------------------------------------- */
/* Receive switching                                                      */
/* ---------------------------------------------------------------------- */

/* Pools that may not receive: VFs whose VFRE bit is clear. */
static uint32_t igb_vmdq_rx_disabled(const IGBCore *s)
{
    uint32_t off = 0;

    for (unsigned n = 0; n < IGB_NUM_POOLS; n++) {
        if (igb_queue_vf(s, n) >= 0 && !(s->mbx.vfre & BIT(n))) {
            off |= BIT(n);
        }
    }
    return off;
}

/* Pools whose length limit the frame exceeds (VMOLR.LPE and RLPML). */
static uint32_t igb_vmdq_too_long(const IGBCore *s, const IGBRxPacket *p)
{
    size_t len = p->wire_len + IGB_RX_FCS_LEN;
    uint32_t pools = 0;

    for (unsigned n = 0; n < IGB_NUM_POOLS; n++) {
        uint32_t vmolr = s->rx.vmolr[n];
        size_t max = FIELD_EX32(vmolr, VMOLR, LPE) ?
                     FIELD_EX32(vmolr, VMOLR, RLPML) : IGB_RX_MAX_FRAME_STD;

        if (len > max) {
            pools |= BIT(n);
        }
    }
    return pools;
}

uint32_t igb_vmdq_rx_pools(const IGBCore *s, const IGBRxPacket *p,
                           int src_pool)
{
    uint32_t vt_ctl = s->rx.vt_ctl;
    uint32_t pools = igb_vmdq_mac_pools(s, p->l2) &
                     igb_vmdq_vlan_pools(s, p);

    /* A switched frame skips its own pool, and the default pool too */
    if (src_pool >= 0) {
        pools &= ~BIT(src_pool % IGB_NUM_POOLS);
    }
    if ((pools & (pools - 1)) && !FIELD_EX32(vt_ctl, VT_CTL, VM_REPL_EN)) {
        /* Without replication a frame goes to one pool only. */
        pools = is_multicast_ether_addr(p->l2) ? 0 : pools & -pools;
    }
    if (!pools && src_pool < 0 &&
        !FIELD_EX32(vt_ctl, VT_CTL, DIS_DEF_POOL)) {
        pools = BIT(FIELD_EX32(vt_ctl, VT_CTL, DEF_PL));
    }
    return pools & ~igb_vmdq_rx_disabled(s) & ~igb_vmdq_too_long(s, p);
}

unsigned igb_vmdq_pool_queue(const IGBCore *s, unsigned pool,
                             uint8_t reta_entry)
{
    pool %= IGB_NUM_POOLS;
    if (FIELD_EX32(s->rx.mrqc, MRQC, MRQE) == IGB_MRQC_MRQE_VMDQ_RSS &&
        FIELD_EX32(s->rx.vmolr[pool], VMOLR, RSSE) &&
        ((reta_entry >> IGB_RETA_POOL_QUEUE_SHIFT) & 1)) {
        return pool + IGB_NUM_POOLS;
    }
    return pool;
}

/* ---------------------------------------------------------------------- */
/* Transmit switching and anti-spoofing                                   */
/* ---------------------------------------------------------------------- */

static bool igb_vmdq_tx_switching(const IGBCore *s)
{
    return igb_filter_vmdq(s) &&
           FIELD_EX32(s->tx.dtxswc, DTXSWC, LOOPBACK_EN);
}

bool igb_vmdq_tx_local(const IGBCore *s, const uint8_t *da)
{
    bool found;

    if (!igb_vmdq_tx_switching(s)) {
        return false;
    }
    if (is_multicast_ether_addr(da)) {
        return true;
    }
    return igb_vmdq_ra_pools(s, da, &found) != 0;
}

bool igb_vmdq_tx_wire(const IGBCore *s, const uint8_t *da)
{
    return !igb_vmdq_tx_local(s, da) || is_multicast_ether_addr(da);
}

bool igb_vmdq_tx_allowed(const IGBCore *s, unsigned pool, const uint8_t *sa,
                         bool tagged, uint16_t vid)
{
    uint32_t dtxswc = s->tx.dtxswc;
    bool found;

    pool %= IGB_NUM_POOLS;
    if ((FIELD_EX32(dtxswc, DTXSWC, MAC_SPOOF) & BIT(pool)) &&
        !(igb_vmdq_ra_pools(s, sa, &found) & BIT(pool))) {
        return false;
    }
    if (tagged && (FIELD_EX32(dtxswc, DTXSWC, VLAN_SPOOF) & BIT(pool)) &&
        !(igb_vmdq_vlvf_pools(s, vid & IGB_VMDQ_VID_MASK, &found) &
          BIT(pool))) {
        return false;
    }
    return true;
}
