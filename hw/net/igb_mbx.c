/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Intel 82576 (igb) model: SR-IOV virtual functions, the device side.
 *
 * Written from the Intel 82576EB datasheet (virtualisation chapter and the
 * VF register descriptions) and from what Linux igb (PF), igbvf (VF) and
 * DPDK's VF PMD do with it.
 *
 * Mailbox: each VF n shares 16 dwords of mailbox memory (VMBMEM) with the
 * PF, and each side has a control register, P2VMAILBOX[n] for the PF and
 * V2PMAILBOX in the VF's window:
 *  - either side locks the buffer by setting its ownership bit (PFU, VFU);
 *    the bit sticks only while the other side does not own the buffer, and
 *    it is released by any write without it;
 *  - the VF posts a message with V2PMAILBOX.REQ and acknowledges one with
 *    V2PMAILBOX.ACK: MBVFICR.VFREQ[n] / VFACK[n] latch it and ICR.VMMB
 *    interrupts the PF when MBVFIMR enables VF n;
 *  - the PF posts with P2VMAILBOX.STS and acknowledges with .ACK: the VF
 *    sees PFSTS / PFACK (cleared by reading V2PMAILBOX) and gets its
 *    mailbox interrupt (VTIVAR_MISC).
 * Resets: while the PF resets, every VF sees RSTI; the PF driver sets
 * CTRL_EXT.PFRSTD when it is done, which turns RSTI into RSTD (cleared by
 * reading) and interrupts the VFs. A VF reset (VTCTRL.RST or FLR) stops
 * the VF's queues, clears its interrupt registers and its VFRE/VFTE bits,
 * shows RSTD to the VF and tells the PF through VFLRE[n] and ICR.VMMB.
 *
 * The VF window (VF BAR0) of VF n: the mailbox, VTCTRL/VTSTATUS, the
 * interrupt registers (igb_intr.c), statistics of pool n and the registers
 * of PF queues n and n + 8 (VF queues 0 and 1, in igb_rx.c and igb_tx.c).
 */

#include "qemu/osdep.h"
#include "qemu/log.h"
#include "qemu/timer.h"
#include "igb_core.h"
#include "trace.h"

#define IGB_V2P_STATE       (R_V2PMAILBOX_VFU_MASK | IGBVF_V2P_RC |     \
                             R_V2PMAILBOX_RSTI_MASK)

/* The pool statistics that the VF window shows; the others are reserved. */
#define IGB_POOL_STATS_VALID                                             \
    (BIT(IGB_POOL_GPRC) | BIT(IGB_POOL_GPTC) | BIT(IGB_POOL_GORC) |      \
     BIT(IGB_POOL_GOTC) | BIT(IGB_POOL_MPRC) | BIT(IGB_POOL_GPRLBC) |    \
     BIT(IGB_POOL_GPTLBC) | BIT(IGB_POOL_GORLBC) | BIT(IGB_POOL_GOTLBC))

/* ---------------------------------------------------------------------- */
/* Events                                                                 */
/* ---------------------------------------------------------------------- */

/* A mailbox or reset event of VF @vfn: ICR.VMMB if MBVFIMR allows. */
static void igb_mbx_notify_pf(IGBCore *s, unsigned vfn)
{
    if (s->mbx.mbvfimr & BIT(vfn)) {
        igb_intr_raise(s, R_ICR_VMMB_MASK);
    }
}

/* MBVFICR and VFLRE events waiting for the PF, one bit per VF. */
static uint32_t igb_mbx_pf_pending(IGBCore *s)
{
    uint32_t icr = s->mbx.mbvficr;

    return (FIELD_EX32(icr, MBVFICR, VFREQ) | FIELD_EX32(icr, MBVFICR, VFACK) |
            s->mbx.vflre) & IGB_VF_MASK;
}

/* Take the buffer for one side: only while the other side does not own it */
static bool igb_mbx_lock(IGBCore *s, unsigned vfn, bool pf, bool take)
{
    uint32_t *mine = pf ? &s->mbx.p2v[vfn] : &s->mbx.v2p[vfn];
    uint32_t bit = pf ? R_P2VMAILBOX_PFU_MASK : R_V2PMAILBOX_VFU_MASK;
    bool other = pf ? s->mbx.v2p[vfn] & R_V2PMAILBOX_VFU_MASK
                    : s->mbx.p2v[vfn] & R_P2VMAILBOX_PFU_MASK;

    if (!take) {
        *mine &= ~bit;
        return true;
    }
    if (other) {
        trace_igb_mbx_lock_refused(vfn, pf);
        return false;
    }
    *mine |= bit;
    return true;
}

/* ---------------------------------------------------------------------- */
/* PF side: P2VMAILBOX, MBVFICR, MBVFIMR, VFLRE, VFRE, VFTE               */
/* ---------------------------------------------------------------------- */

static uint32_t igb_mbx_p2v_read(IGBCore *s, const IGBRegInfo *ri,
                                 unsigned idx)
{
    uint32_t val = s->mbx.p2v[idx] & R_P2VMAILBOX_PFU_MASK;

    if (s->mbx.v2p[idx] & R_V2PMAILBOX_VFU_MASK) {
        val |= R_P2VMAILBOX_VFU_MASK;
    }
    return val;
}

static void igb_mbx_p2v_write(IGBCore *s, const IGBRegInfo *ri, unsigned idx,
                              uint32_t old, uint32_t val)
{
    uint32_t *v2p = &s->mbx.v2p[idx];
    uint32_t post = 0;

    if (val & R_P2VMAILBOX_RVFU_MASK) {
        *v2p &= ~R_V2PMAILBOX_VFU_MASK;
    }
    igb_mbx_lock(s, idx, true, val & R_P2VMAILBOX_PFU_MASK);
    if (val & R_P2VMAILBOX_STS_MASK) {
        post |= R_V2PMAILBOX_PFSTS_MASK;
    }
    if (val & R_P2VMAILBOX_ACK_MASK) {
        post |= R_V2PMAILBOX_PFACK_MASK;
    }
    *v2p |= post;
    trace_igb_mbx_pf_write(idx, val, s->mbx.p2v[idx], *v2p);
    if (post) {
        igb_intr_vf_mailbox(s, idx);
    }
}

/* Events that MBVFIMR starts to let through interrupt the PF now. */
static void igb_mbx_mbvfimr_write(IGBCore *s, const IGBRegInfo *ri,
                                  unsigned idx, uint32_t old, uint32_t val)
{
    if (igb_mbx_pf_pending(s) & s->mbx.mbvfimr & ~old) {
        igb_intr_raise(s, R_ICR_VMMB_MASK);
    }
}

static const IGBRegInfo igb_mbx_rows[] = {
    {
        .name = "VMBMEM", .addr = A_VMBMEM0,
        .count = IGB_MAX_VFS * IGB_MBX_SIZE, .wmask = UINT32_MAX,
        .state = IGB_STATE_ARRAY(mbx.vmbmem),
    }, {
        .name = "P2VMAILBOX", .addr = A_P2VMAILBOX0, .count = IGB_MAX_VFS,
        .state = IGB_STATE_ARRAY(mbx.p2v),
        .read = igb_mbx_p2v_read, .write = igb_mbx_p2v_write,
    }, {
        .name = "MBVFICR", .addr = A_MBVFICR,
        .w1c = R_MBVFICR_VFREQ_MASK | R_MBVFICR_VFACK_MASK,
        .state = IGB_STATE(mbx.mbvficr),
    }, {
        .name = "MBVFIMR", .addr = A_MBVFIMR, .wmask = R_MBVFIMR_VFIM_MASK,
        .state = IGB_STATE(mbx.mbvfimr), .write = igb_mbx_mbvfimr_write,
    }, {
        .name = "VFLRE", .addr = A_VFLRE, .w1c = IGB_VF_MASK,
        .state = IGB_STATE(mbx.vflre),
    }, {
        .name = "VFRE", .addr = A_VFRE, .wmask = IGB_VF_MASK,
        .state = IGB_STATE(mbx.vfre),
    }, {
        .name = "VFTE", .addr = A_VFTE, .wmask = IGB_VF_MASK,
        .state = IGB_STATE(mbx.vfte),
    },
};

const IGBRegTable igb_mbx_regs = {
    .rows = igb_mbx_rows,
    .count = ARRAY_SIZE(igb_mbx_rows),
};

/* ---------------------------------------------------------------------- */
/* Resets                                                                 */
/* ---------------------------------------------------------------------- */

/*
 * The PF resets: its table rows are back to 0 (the core did that); every
 * VF sees RSTI and loses the buffer. After a software reset the VFs keep
 * their interrupt setup and hear about it at once.
 */
void igb_mbx_reset(IGBCore *s, IGBResetKind kind)
{
    trace_igb_mbx_reset(kind);
    for (unsigned n = 0; n < IGB_MAX_VFS; n++) {
        s->mbx.v2p[n] = R_V2PMAILBOX_RSTI_MASK;
    }
    if (kind == IGB_RESET_POWER_ON) {
        memset(s->mbx.pool_stats, 0, sizeof(s->mbx.pool_stats));
        return;
    }
    for (unsigned n = 0; n < IGB_MAX_VFS; n++) {
        igb_intr_vf_mailbox(s, n);
    }
}

/* CTRL_EXT.PFRSTD going to 1: the PF driver is ready, RSTI -> RSTD. */
void igb_mbx_ctrl_ext_write(IGBCore *s, uint32_t old, uint32_t val)
{
    if (!(val & ~old & R_CTRL_EXT_PFRSTD_MASK)) {
        return;
    }
    trace_igb_mbx_pf_reset_done();
    for (unsigned n = 0; n < IGB_MAX_VFS; n++) {
        s->mbx.v2p[n] &= ~R_V2PMAILBOX_RSTI_MASK;
        s->mbx.v2p[n] |= R_V2PMAILBOX_RSTD_MASK;
        igb_intr_vf_mailbox(s, n);
    }
}

/* Disable the VF's queues (PF queues n and n + 8). */
static void igb_mbx_vf_stop_queues(IGBCore *s, unsigned vfn)
{
    for (unsigned i = 0; i < IGBVF_NUM_QUEUES; i++) {
        unsigned q = vfn + i * IGB_NUM_POOLS;
        uint32_t rxdctl = igb_rxq_read(s, q, A_RXQ_RXDCTL);
        uint32_t txdctl = igb_txq_read(s, q, A_TXQ_TXDCTL);

        if (rxdctl & R_RXDCTL_ENABLE_MASK) {
            igb_rxq_write(s, q, A_RXQ_RXDCTL, rxdctl & ~R_RXDCTL_ENABLE_MASK);
        }
        if (txdctl & R_TXDCTL_ENABLE_MASK) {
            igb_txq_write(s, q, A_TXQ_TXDCTL, txdctl & ~R_TXDCTL_ENABLE_MASK);
        }
    }
}

void igb_mbx_vf_reset(IGBCore *s, unsigned vfn, bool notify)
{
    uint32_t *v2p;

    if (vfn >= IGB_MAX_VFS) {
        return;
    }
    v2p = &s->mbx.v2p[vfn];
    igb_mbx_vf_stop_queues(s, vfn);
    igb_intr_vf_reset(s, vfn);
    s->mbx.vfre &= ~BIT(vfn);
    s->mbx.vfte &= ~BIT(vfn);
    /* RSTD: the VF may talk to the PF, unless the PF itself is resetting */
    *v2p &= R_V2PMAILBOX_RSTI_MASK;
    if (!(*v2p & R_V2PMAILBOX_RSTI_MASK)) {
        *v2p |= R_V2PMAILBOX_RSTD_MASK;
    }
    trace_igb_mbx_vf_reset(vfn, notify, *v2p);
    if (notify) {
        s->mbx.vflre |= BIT(vfn);
        igb_mbx_notify_pf(s, vfn);
    }
}

/* ---------------------------------------------------------------------- */
/* VF side: the VF's register window                                      */
/* ---------------------------------------------------------------------- */

static uint32_t igb_mbx_v2p_read(IGBCore *s, unsigned vfn)
{
    uint32_t *v2p = &s->mbx.v2p[vfn];
    uint32_t val = *v2p;

    if (s->mbx.p2v[vfn] & R_P2VMAILBOX_PFU_MASK) {
        val |= R_V2PMAILBOX_PFU_MASK;
    }
    *v2p &= ~IGBVF_V2P_RC;
    return val;
}

static void igb_mbx_v2p_write(IGBCore *s, unsigned vfn, uint32_t val)
{
    uint32_t events = 0;

    igb_mbx_lock(s, vfn, false, val & R_V2PMAILBOX_VFU_MASK);
    if (val & R_V2PMAILBOX_REQ_MASK) {
        events |= FIELD_DP32(0, MBVFICR, VFREQ, BIT(vfn));
    }
    if (val & R_V2PMAILBOX_ACK_MASK) {
        events |= FIELD_DP32(0, MBVFICR, VFACK, BIT(vfn));
    }
    s->mbx.mbvficr |= events;
    trace_igb_mbx_vf_mailbox_write(vfn, val, s->mbx.v2p[vfn],
                                   s->mbx.mbvficr);
    if (events) {
        igb_mbx_notify_pf(s, vfn);
    }
}

/* VF queue @vq's block: @base + 0x100 * vq, offsets below 0x40 */
static bool igb_mbx_vf_queue(hwaddr addr, hwaddr base, unsigned vfn,
                             unsigned *q, hwaddr *off)
{
    hwaddr rel = addr - base;

    if (addr < base || rel >= IGBVF_NUM_QUEUES * IGB_LEGACY_QUEUE_STRIDE ||
        rel % IGB_LEGACY_QUEUE_STRIDE >= IGB_QUEUE_STRIDE) {
        return false;
    }
    *q = vfn + IGB_NUM_POOLS * (rel / IGB_LEGACY_QUEUE_STRIDE);
    *off = rel % IGB_LEGACY_QUEUE_STRIDE;
    return true;
}

/* The pool statistics counter at @addr of the VF window, or -1 */
static int igb_mbx_vf_stat(hwaddr addr)
{
    unsigned i = (addr - IGBVF_STATS_BASE) / 4;

    if (addr < IGBVF_STATS_BASE || i >= IGBVF_NUM_STATS ||
        !(IGB_POOL_STATS_VALID & BIT(i))) {
        return -1;
    }
    return i;
}

/* Registers of the window that are neither queues nor interrupts */
static bool igb_mbx_vf_reg_read(IGBCore *s, unsigned vfn, hwaddr addr,
                                uint32_t *val)
{
    int stat = igb_mbx_vf_stat(addr);

    if (stat >= 0) {
        *val = s->mbx.pool_stats[vfn][stat];
        return true;
    }
    if (addr >= A_VTVMBMEM && addr < A_VTVMBMEM + IGB_VMBMEM_STRIDE) {
        *val = s->mbx.vmbmem[vfn * IGB_MBX_SIZE + (addr - A_VTVMBMEM) / 4];
        return true;
    }
    switch (addr) {
    case A_VTCTRL:
        *val = 0;                       /* RST self-clears */
        return true;
    case A_VTSTATUS:
        *val = s->status & IGBVF_STATUS_MASK;
        return true;
    case A_VTFRTIMER:
        *val = qemu_clock_get_us(QEMU_CLOCK_VIRTUAL);
        return true;
    case A_VTPSRTYPE:
        *val = s->rx.psrtype[vfn];
        return true;
    case A_V2PMAILBOX:
        *val = igb_mbx_v2p_read(s, vfn);
        return true;
    }
    return false;
}

static bool igb_mbx_vf_reg_write(IGBCore *s, unsigned vfn, hwaddr addr,
                                 uint32_t val)
{
    if (addr >= A_VTVMBMEM && addr < A_VTVMBMEM + IGB_VMBMEM_STRIDE) {
        s->mbx.vmbmem[vfn * IGB_MBX_SIZE + (addr - A_VTVMBMEM) / 4] = val;
        return true;
    }
    switch (addr) {
    case A_VTCTRL:
        if (val & R_VTCTRL_RST_MASK) {
            igb_mbx_vf_reset(s, vfn, true);
        }
        return true;
    case A_VTPSRTYPE:
        s->rx.psrtype[vfn] = val & IGB_PSRTYPE_WMASK;
        return true;
    case A_V2PMAILBOX:
        igb_mbx_v2p_write(s, vfn, val);
        return true;
    }
    if (igb_mbx_vf_stat(addr) >= 0 || addr == A_VTSTATUS ||
        addr == A_VTFRTIMER) {
        IGB_GUEST_ERROR("VF %u: write of 0x%" PRIx32 " to read-only "
                        "register 0x%" HWADDR_PRIx, vfn, val, addr);
        return true;
    }
    return false;
}

/* Accesses are possible only while the VF is enabled (its BAR is mapped) */
static bool igb_mbx_vf_enabled(IGBCore *s, unsigned vfn, hwaddr addr)
{
    if (vfn < IGB_MAX_VFS && s->vf[vfn] && s->vf[vfn]->enabled) {
        return true;
    }
    IGB_GUEST_ERROR("access to register 0x%" HWADDR_PRIx " of VF %u, "
                    "which is not enabled", addr, vfn);
    return false;
}

/*
 * The PF and its VFs are one device: an access to a VF's window holds the
 * PF's reentrancy guard, as the memory core does for accesses to the PF's
 * BARs. So DMA or an MSI-X message that the access causes cannot enter the
 * device again through the PF's BARs or a VF's window, and neither can DMA
 * of the PF or a frame that the network is delivering. NULL: refused.
 */
static MemReentrancyGuard *igb_mbx_vf_enter(IGBCore *s, unsigned vfn,
                                            hwaddr addr)
{
    MemReentrancyGuard *guard = &DEVICE(s->owner)->mem_reentrancy_guard;

    if (!igb_mbx_vf_enabled(s, vfn, addr)) {
        return NULL;
    }
    if (guard->engaged_in_io) {
        IGB_GUEST_ERROR("VF %u: access to register 0x%" HWADDR_PRIx
                        " by the device itself (DMA, MSI-X) refused",
                        vfn, addr);
        return NULL;
    }
    guard->engaged_in_io = true;
    return guard;
}

uint32_t igb_mbx_vf_read(IGBCore *s, unsigned vfn, hwaddr addr)
{
    MemReentrancyGuard *guard = igb_mbx_vf_enter(s, vfn, addr);
    uint32_t val = 0;
    unsigned q;
    hwaddr off;

    if (!guard) {
        return 0;
    }
    if (igb_mbx_vf_queue(addr, IGBVF_RXQ_BASE, vfn, &q, &off)) {
        val = igb_rxq_read(s, q, off);
    } else if (igb_mbx_vf_queue(addr, IGBVF_TXQ_BASE, vfn, &q, &off)) {
        val = igb_txq_read(s, q, off);
    } else if (!igb_intr_vf_read(s, vfn, addr, &val) &&
               !igb_mbx_vf_reg_read(s, vfn, addr, &val)) {
        IGB_GUEST_ERROR("VF %u: read of unknown register 0x%" HWADDR_PRIx,
                        vfn, addr);
    }
    guard->engaged_in_io = false;
    trace_igb_mbx_vf_read(vfn, addr, val);
    return val;
}

void igb_mbx_vf_write(IGBCore *s, unsigned vfn, hwaddr addr, uint32_t val)
{
    MemReentrancyGuard *guard = igb_mbx_vf_enter(s, vfn, addr);
    unsigned q;
    hwaddr off;

    if (!guard) {
        return;
    }
    trace_igb_mbx_vf_write(vfn, addr, val);
    if (igb_mbx_vf_queue(addr, IGBVF_RXQ_BASE, vfn, &q, &off)) {
        igb_rxq_write(s, q, off, val);
    } else if (igb_mbx_vf_queue(addr, IGBVF_TXQ_BASE, vfn, &q, &off)) {
        igb_txq_write(s, q, off, val);
    } else if (!igb_intr_vf_write(s, vfn, addr, val) &&
               !igb_mbx_vf_reg_write(s, vfn, addr, val)) {
        IGB_GUEST_ERROR("VF %u: write of 0x%" PRIx32 " to unknown register "
                        "0x%" HWADDR_PRIx, vfn, val, addr);
    }
    guard->engaged_in_io = false;
}

/* ---------------------------------------------------------------------- */
/* Migration                                                              */
/* ---------------------------------------------------------------------- */

int igb_mbx_post_load(IGBCore *s)
{
    IGBMbxState *m = &s->mbx;

    for (unsigned n = 0; n < IGB_MAX_VFS; n++) {
        if ((m->p2v[n] & ~R_P2VMAILBOX_PFU_MASK) ||
            (m->v2p[n] & ~IGB_V2P_STATE)) {
            return -EINVAL;
        }
    }
    if ((m->mbvficr & ~(R_MBVFICR_VFREQ_MASK | R_MBVFICR_VFACK_MASK)) ||
        (m->mbvfimr | m->vflre | m->vfre | m->vfte) & ~IGB_VF_MASK) {
        return -EINVAL;
    }
    return 0;
}

const VMStateDescription vmstate_igb_mbx = {
    .name = "igb-mbx",
    .version_id = 1,
    .minimum_version_id = 1,
    .fields = (const VMStateField[]) {
        VMSTATE_UINT32_ARRAY(vmbmem, IGBMbxState,
                             IGB_MAX_VFS * IGB_MBX_SIZE),
        VMSTATE_UINT32_ARRAY(p2v, IGBMbxState, IGB_MAX_VFS),
        VMSTATE_UINT32(mbvficr, IGBMbxState),
        VMSTATE_UINT32(mbvfimr, IGBMbxState),
        VMSTATE_UINT32(vflre, IGBMbxState),
        VMSTATE_UINT32(vfre, IGBMbxState),
        VMSTATE_UINT32(vfte, IGBMbxState),
        VMSTATE_UINT32_ARRAY(v2p, IGBMbxState, IGB_MAX_VFS),
        VMSTATE_UINT32_2DARRAY(pool_stats, IGBMbxState, IGB_NUM_POOLS,
                               IGBVF_NUM_STATS),
        VMSTATE_END_OF_LIST()
    },
};
