/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Intel 82576 (igb) model: interrupts.
 *
 * Written from the Intel 82576EB datasheet, section 7.3 (interrupts) and
 * the register descriptions of section 8.8, and from what the Linux igb
 * driver programs.
 *
 * Causes are latched in two registers:
 *  - ICR holds the "other" causes (link, mailbox, errors, ...) and the
 *    legacy RXDW/TXDW queue summaries; IMS enables them.
 *  - EICR holds the causes allocated by IVAR (queues) and IVAR_MISC (the
 *    summary of the enabled ICR causes); EIMS enables them.
 *
 * GPIE.MULTIPLE_MSIX selects how EICR reads:
 *  - 0: bits 15:0 are the RxTxQ bits that IVAR selects, bit 30 the TCP
 *    timer, bit 31 "other" (any enabled ICR cause). One interrupt (INTx,
 *    MSI or MSI-X vector 0) is asserted while (ICR & IMS) or (EICR & EIMS)
 *    is non-zero, moderated by EITR[0]; ICR.INT_ASSERTED reads 1 while it
 *    is asserted. EICR clears on read.
 *  - 1: bit n is MSI-X vector n. With MSI-X enabled each vector is sent
 *    when its EICR bit is set and enabled, moderated by EITR[n]; sending
 *    auto-clears EICR bits in EIAC and, with GPIE.EIAME (or CTRL_EXT.EIAME)
 *    auto-masks the EIMS bits in EIAM.
 *
 * Moderation: a counter per EITR counts down INTERVAL microseconds after
 * each interrupt; an interrupt that comes up meanwhile waits for it.
 * A counter that expires with nothing waiting stays at zero, so that the
 * next interrupt goes out at once.
 */

#include "qemu/osdep.h"
#include "qemu/host-utils.h"
#include "qemu/log.h"
#include "hw/pci/msi.h"
#include "hw/pci/msix.h"
#include "igb_core.h"
#include "trace.h"

#define IGB_INTR_NS_PER_US          1000

/* ---------------------------------------------------------------------- */
/* Modes                                                                  */
/* ---------------------------------------------------------------------- */

/* EICR bits are MSI-X vectors (GPIE.MULTIPLE_MSIX). */
static bool igb_intr_vector_mode(IGBCore *s)
{
    return FIELD_EX32(s->intr.gpie, GPIE, MULTIPLE_MSIX);
}

/* Each EICR bit is sent as its own MSI-X vector. */
static bool igb_intr_per_vector(IGBCore *s)
{
    return igb_intr_vector_mode(s) && msix_enabled(s->owner);
}

static bool igb_intr_eiame(IGBCore *s)
{
    return FIELD_EX32(s->intr.gpie, GPIE, EIAME) ||
           FIELD_EX32(s->ctrl_ext, CTRL_EXT, EIAME);
}

/* EICR bits that causes and EICS can set in the current mode. */
static uint32_t igb_intr_eicr_mask(IGBCore *s)
{
    if (igb_intr_vector_mode(s)) {
        return IGB_EICR_MSIX_MASK;
    }
    /* Bit 31 reflects ICR: only ICS and IMS set it (EICS). */
    return IGB_EICR_RXTXQ_MASK | IGB_EICR_TCP_TIMER;
}

/* The single interrupt of the non-per-vector modes has a cause. */
static bool igb_intr_single_pending(IGBCore *s)
{
    return (s->intr.icr & s->intr.ims) || (s->intr.eicr & s->intr.eims);
}

static bool igb_intr_int_asserted(IGBCore *s)
{
    if (igb_intr_per_vector(s)) {
        return s->intr.icr & s->intr.ims;
    }
    return s->intr.asserted;
}

/* ---------------------------------------------------------------------- */
/* Delivery and moderation                                                */
/* ---------------------------------------------------------------------- */

static void igb_intr_send_msix(IGBCore *s, unsigned vec)
{
    if (vec >= s->owner->msix_entries_nr) {
        IGB_GUEST_ERROR("MSI-X vector %u out of range", vec);
        return;
    }
    trace_igb_intr_msix_notify(vec, s->intr.eicr, s->intr.eims);
    msix_notify(s->owner, vec);
}

/* Send the interrupt of vector slot @vec now. */
static void igb_intr_fire(IGBCore *s, unsigned vec)
{
    IGBIntrState *st = &s->intr;
    uint32_t bit = BIT(vec);

    if (igb_intr_per_vector(s)) {
        igb_intr_send_msix(s, vec);
        /* Auto-clear and auto-mask follow the message (auto-clear). */
        st->eicr &= ~(st->eiac & bit);
        if (igb_intr_eiame(s)) {
            st->eims &= ~(st->eiam & bit);
        }
        return;
    }
    st->asserted = true;
    if (msix_enabled(s->owner)) {
        igb_intr_send_msix(s, 0);
    } else if (msi_enabled(s->owner)) {
        trace_igb_intr_msi_notify(st->icr, st->eicr);
        msi_notify(s->owner, 0);
    } else {
        trace_igb_intr_intx(1);
        pci_set_irq(s->owner, 1);
    }
}

static void igb_intr_mod_start(IGBCore *s, unsigned vec, int64_t ns)
{
    IGBIntrState *st = &s->intr;

    st->mod_deadline[vec] = qemu_clock_get_ns(QEMU_CLOCK_VIRTUAL) + ns;
    timer_mod(st->mod[vec].timer, st->mod_deadline[vec]);
    trace_igb_intr_mod_start(vec, ns);
}

static void igb_intr_mod_stop(IGBCore *s, unsigned vec)
{
    if (s->intr.mod[vec].timer) {
        timer_del(s->intr.mod[vec].timer);
    }
    s->intr.mod_deadline[vec] = 0;
}

/* Vector slot @vec has an interrupt to send: now, or when EITR allows. */
static void igb_intr_moderate(IGBCore *s, unsigned vec)
{
    IGBIntrState *st = &s->intr;
    uint32_t interval;

    if (st->mod_deadline[vec]) {
        st->mod_pending |= BIT(vec);
        trace_igb_intr_mod_wait(vec);
        return;
    }
    igb_intr_fire(s, vec);
    interval = FIELD_EX32(st->eitr[vec], EITR, INTERVAL);
    if (interval) {
        igb_intr_mod_start(s, vec, (int64_t)interval * IGB_INTR_NS_PER_US);
    }
}

/* Is an interrupt of vector slot @vec still due? */
static bool igb_intr_slot_due(IGBCore *s, unsigned vec)
{
    if (igb_intr_per_vector(s)) {
        return s->intr.eicr & s->intr.eims & BIT(vec);
    }
    return vec == 0 && !s->intr.asserted && igb_intr_single_pending(s);
}

static void igb_intr_mod_expired(void *opaque)
{
    IGBIntrTimer *t = opaque;
    IGBCore *s = t->core;
    bool pending = s->intr.mod_pending & BIT(t->vec);

    s->intr.mod_deadline[t->vec] = 0;
    s->intr.mod_pending &= ~BIT(t->vec);
    trace_igb_intr_mod_expired(t->vec, pending);
    if (pending && igb_intr_slot_due(s, t->vec)) {
        igb_intr_moderate(s, t->vec);
    }
}

/*
 * Re-evaluate the single interrupt (INTx, MSI, MSI-X vector 0): assert
 * it when a cause is pending, deassert it when none is.
 */
static void igb_intr_update(IGBCore *s)
{
    IGBIntrState *st = &s->intr;

    if (igb_intr_per_vector(s) || !igb_intr_single_pending(s)) {
        if (st->asserted) {
            st->asserted = false;
            trace_igb_intr_intx(0);
            pci_set_irq(s->owner, 0);
        }
        return;
    }
    if (!st->asserted) {
        igb_intr_moderate(s, 0);
    }
}

/* ---------------------------------------------------------------------- */
/* Causes                                                                 */
/* ---------------------------------------------------------------------- */

/* The EICR bit that summarises the enabled ICR causes, 0 if none. */
static uint32_t igb_intr_other_bit(IGBCore *s)
{
    uint32_t misc = s->intr.ivar_misc;
    unsigned vec = FIELD_EX32(misc, IVAR_MISC, OTHER);

    if (!igb_intr_vector_mode(s)) {
        return 0;   /* bit 31 is derived from ICR and IMS */
    }
    if (!FIELD_EX32(misc, IVAR_MISC, OTHER_VALID)) {
        return 0;
    }
    if (vec >= IGB_NUM_EICR_BITS) {
        IGB_GUEST_ERROR("IVAR_MISC other vector %u out of range", vec);
        return 0;
    }
    return BIT(vec);
}

/*
 * Enabled ICR causes @icr_en were raised and EICR bits @eicr_bits were set
 * or enabled: latch them, then send what they call for.
 */
static void igb_intr_signal(IGBCore *s, uint32_t icr_en, uint32_t eicr_bits)
{
    IGBIntrState *st = &s->intr;
    uint32_t fire;

    if (icr_en) {
        eicr_bits |= igb_intr_other_bit(s);
    }
    st->eicr |= eicr_bits;
    if (!igb_intr_per_vector(s)) {
        igb_intr_update(s);
        return;
    }
    /*
     * Only vector bits fire: EICR may still hold bits of the other layout
     * (EICS bit 30, TCP timer) from before GPIE.MULTIPLE_MSIX was set.
     */
    fire = eicr_bits & st->eims & IGB_EICR_MSIX_MASK;
    while (fire) {
        unsigned vec = ctz32(fire);

        fire &= fire - 1;
        igb_intr_moderate(s, vec);
    }
}

void igb_intr_raise(IGBCore *s, uint32_t icr_causes)
{
    IGBIntrState *st = &s->intr;

    icr_causes &= IGB_ICR_CAUSES;
    st->icr |= icr_causes;
    trace_igb_intr_raise(icr_causes, st->icr, st->ims);
    igb_intr_signal(s, icr_causes & st->ims, 0);
}

/*
 * The EICR bit that IVAR allocates to a queue, 0 if none: an entry
 * without its valid bit allocates nothing. Entry q % 8 holds RX q, TX q,
 * RX q + 8 and TX q + 8, a byte each.
 */
static uint32_t igb_intr_queue_bit(IGBCore *s, bool tx, unsigned q)
{
    unsigned shift = ((q & 8) << 1) + (tx ? 8 : 0);
    uint8_t alloc = s->intr.ivar[q & 7] >> shift;
    unsigned vec = alloc & IGB_IVAR_VECTOR_MASK;

    if (!(alloc & IGB_IVAR_VALID)) {
        trace_igb_intr_queue_unmapped(q, tx);
        return 0;
    }
    if (!(BIT(vec) & igb_intr_eicr_mask(s))) {
        IGB_GUEST_ERROR("IVAR %s queue %u: vector %u out of range",
                        tx ? "TX" : "RX", q, vec);
        return 0;
    }
    return BIT(vec);
}

static void igb_intr_vf_queue_event(IGBCore *s, unsigned vfn, bool tx,
                                    unsigned vq);

void igb_intr_queue_event(IGBCore *s, bool tx, unsigned q)
{
    IGBIntrState *st = &s->intr;
    uint32_t cause = tx ? R_ICR_TXDW_MASK : R_ICR_RXDW_MASK;
    uint32_t bit;
    int vf;

    if (q >= IGB_NUM_QUEUES) {
        return;
    }
    vf = igb_queue_vf(s, q);
    if (vf >= 0) {
        /* A queue of a VF's pool: the VF's queue q / 8. */
        igb_intr_vf_queue_event(s, vf, tx, q / IGB_NUM_POOLS);
        return;
    }
    bit = igb_intr_queue_bit(s, tx, q);
    st->icr |= cause;
    trace_igb_intr_queue_event(q, tx, bit, st->eicr | bit);
    igb_intr_signal(s, cause & st->ims, bit);
}

/* ---------------------------------------------------------------------- */
/* Legacy registers: ICR, ICS, IMS, IMC                                   */
/* ---------------------------------------------------------------------- */

/* After an ICR read or write: IAM auto-masks if allowed. */
static void igb_intr_icr_ack(IGBCore *s, bool asserted)
{
    IGBIntrState *st = &s->intr;

    if (FIELD_EX32(st->gpie, GPIE, NSICR) || (asserted && st->ims)) {
        st->ims &= ~st->iam;
    }
    igb_intr_update(s);
}

/*
 * ICR clears on read when GPIE.NSICR is set, when an interrupt was
 * asserted, or when IMS is 0; otherwise a read from a driver that shares
 * the interrupt line leaves the causes alone (GPIE.NSICR).
 */
static uint32_t igb_intr_icr_read(IGBCore *s, const IGBRegInfo *ri,
                                  unsigned idx)
{
    IGBIntrState *st = &s->intr;
    bool asserted = igb_intr_int_asserted(s);
    uint32_t val = st->icr | (asserted ? R_ICR_INT_ASSERTED_MASK : 0);

    if (FIELD_EX32(st->gpie, GPIE, NSICR) || asserted || !st->ims) {
        st->icr = 0;
    }
    igb_intr_icr_ack(s, asserted);
    trace_igb_intr_icr_read(val, st->icr, st->ims);
    return val;
}

static void igb_intr_icr_write(IGBCore *s, const IGBRegInfo *ri,
                               unsigned idx, uint32_t old, uint32_t val)
{
    bool asserted = igb_intr_per_vector(s) ? old & s->intr.ims
                                           : s->intr.asserted;

    igb_intr_icr_ack(s, asserted);
}

static void igb_intr_ics_write(IGBCore *s, const IGBRegInfo *ri,
                               unsigned idx, uint32_t old, uint32_t val)
{
    igb_intr_raise(s, val);
}

static void igb_intr_ims_write(IGBCore *s, const IGBRegInfo *ri,
                               unsigned idx, uint32_t old, uint32_t val)
{
    IGBIntrState *st = &s->intr;
    uint32_t en = val & IGB_ICR_CAUSES & ~st->ims;

    st->ims |= en;
    trace_igb_intr_mask("IMS", val, st->ims, st->eims);
    /* Causes already latched signal when they become enabled. */
    igb_intr_signal(s, en & st->icr, 0);
}

static void igb_intr_imc_write(IGBCore *s, const IGBRegInfo *ri,
                               unsigned idx, uint32_t old, uint32_t val)
{
    s->intr.ims &= ~val;
    trace_igb_intr_mask("IMC", val, s->intr.ims, s->intr.eims);
    igb_intr_update(s);
}

/* ---------------------------------------------------------------------- */
/* Extended registers: EICR, EICS, EIMS, EIMC, GPIE                       */
/* ---------------------------------------------------------------------- */

/* EICR clears on read unless GPIE.MULTIPLE_MSIX is set. */
static uint32_t igb_intr_eicr_read(IGBCore *s, const IGBRegInfo *ri,
                                   unsigned idx)
{
    IGBIntrState *st = &s->intr;
    uint32_t val = st->eicr;

    if (!igb_intr_vector_mode(s)) {
        if (st->icr & st->ims) {
            val |= IGB_EICR_OTHER;
        }
        st->eicr = 0;
        if (!igb_intr_eiame(s)) {
            st->eims &= ~st->eiam;
        }
        igb_intr_update(s);
    }
    trace_igb_intr_eicr_read(val, st->eicr, st->eims);
    return val;
}

static void igb_intr_eicr_write(IGBCore *s, const IGBRegInfo *ri,
                                unsigned idx, uint32_t old, uint32_t val)
{
    IGBIntrState *st = &s->intr;

    if (!igb_intr_eiame(s)) {
        st->eims &= ~(st->eiam & val);
    }
    igb_intr_update(s);
}

static void igb_intr_eics_write(IGBCore *s, const IGBRegInfo *ri,
                                unsigned idx, uint32_t old, uint32_t val)
{
    IGBIntrState *st = &s->intr;
    uint32_t bits = val & igb_intr_eicr_mask(s);

    if (!igb_intr_eiame(s)) {
        st->eims |= st->eiam & bits;
    }
    trace_igb_intr_eics(val, st->eicr | bits, st->eims);
    igb_intr_signal(s, 0, bits);
}

static void igb_intr_eims_write(IGBCore *s, const IGBRegInfo *ri,
                                unsigned idx, uint32_t old, uint32_t val)
{
    IGBIntrState *st = &s->intr;
    uint32_t en = val & IGB_EICR_WMASK & ~st->eims;

    st->eims |= en;
    trace_igb_intr_mask("EIMS", val, st->ims, st->eims);
    /* Causes already latched signal when they become enabled. */
    igb_intr_signal(s, 0, en & st->eicr);
}

static void igb_intr_eimc_write(IGBCore *s, const IGBRegInfo *ri,
                                unsigned idx, uint32_t old, uint32_t val)
{
    s->intr.eims &= ~val;
    trace_igb_intr_mask("EIMC", val, s->intr.ims, s->intr.eims);
    igb_intr_update(s);
}

static void igb_intr_gpie_write(IGBCore *s, const IGBRegInfo *ri,
                                unsigned idx, uint32_t old, uint32_t val)
{
    igb_intr_update(s);
}

/* ---------------------------------------------------------------------- */
/* Moderation registers: EITR                                             */
/* ---------------------------------------------------------------------- */

/* The moderation counter reads as the microseconds left. */
static uint32_t igb_intr_eitr_read(IGBCore *s, const IGBRegInfo *ri,
                                   unsigned idx)
{
    IGBIntrState *st = &s->intr;
    uint32_t val = st->eitr[idx];
    int64_t left;

    if (st->mod_deadline[idx]) {
        left = st->mod_deadline[idx] - qemu_clock_get_ns(QEMU_CLOCK_VIRTUAL);
        left = left > 0 ? DIV_ROUND_UP(left, IGB_INTR_NS_PER_US) : 0;
        val = FIELD_DP32(val, EITR, MODERATION_COUNTER,
                         MIN(left, R_EITR_MODERATION_COUNTER_MASK >>
                                   R_EITR_MODERATION_COUNTER_SHIFT));
    }
    return val;
}

/*
 * Unless CNT_INGR is set, a write loads the counter too: writing 0 sends
 * an interrupt that waits for it now.
 */
static void igb_intr_eitr_write(IGBCore *s, const IGBRegInfo *ri,
                                unsigned idx, uint32_t old, uint32_t val)
{
    IGBIntrState *st = &s->intr;
    uint32_t count = FIELD_EX32(val, EITR, MODERATION_COUNTER);

    trace_igb_intr_eitr_write(idx, val);
    if (FIELD_EX32(val, EITR, CNT_INGR)) {
        return;
    }
    igb_intr_mod_stop(s, idx);
    if (count) {
        igb_intr_mod_start(s, idx, (int64_t)count * IGB_INTR_NS_PER_US);
    } else if (st->mod_pending & BIT(idx)) {
        st->mod_pending &= ~BIT(idx);
        if (igb_intr_slot_due(s, idx)) {
            igb_intr_moderate(s, idx);
        }
    }
}

/* ---------------------------------------------------------------------- */
/* SR-IOV: the interrupts of the VFs                                      */
/* ---------------------------------------------------------------------- */

/*
 * A VF has only MSI-X: bit n of its EICR is its vector n. A vector is sent
 * when its EICR bit is set and enabled in EIMS, moderated by the VF's
 * EITR[n]; sending auto-clears the EIAC bits and auto-masks the EIAM bits.
 * EICR also clears on read. A cause of a VF whose function has MSI-X off
 * stays latched in EICR until the VF enables it.
 */

static void igb_intr_vf_fire(IGBCore *s, unsigned vfn, unsigned vec)
{
    IGBIntrVF *v = &s->intr.vf[vfn];
    PCIDevice *dev = s->vf[vfn];
    uint32_t bit = BIT(vec);

    if (!dev || !msix_enabled(dev)) {
        trace_igb_intr_vf_undeliverable(vfn, vec);
        return;
    }
    trace_igb_intr_vf_msix_notify(vfn, vec, v->eicr, v->eims);
    msix_notify(dev, vec);
    v->eicr &= ~(v->eiac & bit);
    v->eims &= ~(v->eiam & bit);
}

static void igb_intr_vf_moderate(IGBCore *s, unsigned vfn, unsigned vec)
{
    IGBIntrVF *v = &s->intr.vf[vfn];
    uint32_t interval;

    if (v->mod_deadline[vec]) {
        v->mod_pending |= BIT(vec);
        return;
    }
    igb_intr_vf_fire(s, vfn, vec);
    interval = FIELD_EX32(v->eitr[vec], EITR, INTERVAL);
    if (interval) {
        v->mod_deadline[vec] = qemu_clock_get_ns(QEMU_CLOCK_VIRTUAL) +
                               (int64_t)interval * IGB_INTR_NS_PER_US;
        timer_mod(v->mod[vec].timer, v->mod_deadline[vec]);
    }
}

static void igb_intr_vf_mod_stop(IGBCore *s, unsigned vfn, unsigned vec)
{
    IGBIntrVF *v = &s->intr.vf[vfn];

    if (v->mod[vec].timer) {
        timer_del(v->mod[vec].timer);
    }
    v->mod_deadline[vec] = 0;
}

static void igb_intr_vf_mod_expired(void *opaque)
{
    IGBIntrTimer *t = opaque;
    IGBIntrVF *v = &t->core->intr.vf[t->vf];
    bool pending = v->mod_pending & BIT(t->vec);

    v->mod_deadline[t->vec] = 0;
    v->mod_pending &= ~BIT(t->vec);
    if (pending && (v->eicr & v->eims & BIT(t->vec))) {
        igb_intr_vf_moderate(t->core, t->vf, t->vec);
    }
}

/* EICR bits @bits of VF @vfn were set or enabled: send what is due. */
static void igb_intr_vf_signal(IGBCore *s, unsigned vfn, uint32_t bits)
{
    IGBIntrVF *v = &s->intr.vf[vfn];
    uint32_t fire;

    bits &= IGBVF_EICR_MASK;
    v->eicr |= bits;
    fire = bits & v->eims;
    while (fire) {
        unsigned vec = ctz32(fire);

        fire &= fire - 1;
        igb_intr_vf_moderate(s, vfn, vec);
    }
}

/* The EICR bit of a VF's IVAR byte (valid bit and vector), 0 if none. */
static uint32_t igb_intr_vf_alloc_bit(unsigned vfn, uint8_t alloc,
                                      const char *what)
{
    unsigned vec = alloc & IGBVF_IVAR_VECTOR_MASK;

    if (!(alloc & IGB_IVAR_VALID)) {
        return 0;
    }
    if (vec >= IGBVF_MSIX_VECTORS) {
        IGB_GUEST_ERROR("VF %u: %s allocated to vector %u, the VF has %u",
                        vfn, what, vec, IGBVF_MSIX_VECTORS);
        return 0;
    }
    return BIT(vec);
}

/* Queue @vq (0 or 1) of VF @vfn completed work. */
static void igb_intr_vf_queue_event(IGBCore *s, unsigned vfn, bool tx,
                                    unsigned vq)
{
    unsigned shift = vq * 16 + (tx ? 8 : 0);
    uint32_t bit = igb_intr_vf_alloc_bit(vfn, s->intr.vf[vfn].ivar >> shift,
                                         tx ? "TX queue" : "RX queue");

    trace_igb_intr_vf_queue_event(vfn, vq, tx, bit);
    igb_intr_vf_signal(s, vfn, bit);
}

void igb_intr_vf_mailbox(IGBCore *s, unsigned vfn)
{
    uint32_t bit;

    if (vfn >= IGB_MAX_VFS) {
        return;
    }
    bit = igb_intr_vf_alloc_bit(vfn, s->intr.vf[vfn].ivar_misc, "mailbox");
    trace_igb_intr_vf_mailbox(vfn, bit);
    igb_intr_vf_signal(s, vfn, bit);
}

/* Writing 0 to a counter (CNT_INGR clear) sends what waits for it. */
static void igb_intr_vf_eitr_write(IGBCore *s, unsigned vfn, unsigned vec,
                                   uint32_t val)
{
    IGBIntrVF *v = &s->intr.vf[vfn];
    uint32_t count = FIELD_EX32(val, EITR, MODERATION_COUNTER);

    v->eitr[vec] = val & (R_EITR_INTERVAL_MASK | R_EITR_LLI_EN_MASK);
    if (FIELD_EX32(val, EITR, CNT_INGR)) {
        return;
    }
    igb_intr_vf_mod_stop(s, vfn, vec);
    if (count) {
        v->mod_deadline[vec] = qemu_clock_get_ns(QEMU_CLOCK_VIRTUAL) +
                               (int64_t)count * IGB_INTR_NS_PER_US;
        timer_mod(v->mod[vec].timer, v->mod_deadline[vec]);
    } else if (v->mod_pending & BIT(vec)) {
        v->mod_pending &= ~BIT(vec);
        if (v->eicr & v->eims & BIT(vec)) {
            igb_intr_vf_moderate(s, vfn, vec);
        }
    }
}

bool igb_intr_vf_read(IGBCore *s, unsigned vfn, hwaddr addr, uint32_t *val)
{
    IGBIntrVF *v = &s->intr.vf[vfn];

    switch (addr) {
    case A_VTEICS:
    case A_VTEIMC:
        *val = 0;                       /* write-only */
        return true;
    case A_VTEIMS:
        *val = v->eims;
        return true;
    case A_VTEIAC:
        *val = v->eiac;
        return true;
    case A_VTEIAM:
        *val = v->eiam;
        return true;
    case A_VTEICR:
        *val = v->eicr;
        v->eicr = 0;
        return true;
    case A_VTIVAR:
        *val = v->ivar;
        return true;
    case A_VTIVAR_MISC:
        *val = v->ivar_misc;
        return true;
    }
    if (addr >= A_VTEITR0 && addr < A_VTEITR0 + 4 * IGBVF_MSIX_VECTORS) {
        *val = v->eitr[(addr - A_VTEITR0) / 4];
        return true;
    }
    return false;
}

bool igb_intr_vf_write(IGBCore *s, unsigned vfn, hwaddr addr, uint32_t val)
{
    IGBIntrVF *v = &s->intr.vf[vfn];

    switch (addr) {
    case A_VTEICS:
        /* Re-enables the auto-masked vectors (igbvf relies on it). */
        v->eims |= v->eiam & val & IGBVF_EICR_MASK;
        igb_intr_vf_signal(s, vfn, val);
        return true;
    case A_VTEIMS:
        v->eims |= val & IGBVF_EICR_MASK;
        igb_intr_vf_signal(s, vfn, v->eicr & val);
        return true;
    case A_VTEIMC:
        v->eims &= ~val;
        return true;
    case A_VTEIAC:
        v->eiac = val & IGBVF_EICR_MASK;
        return true;
    case A_VTEIAM:
        v->eiam = val & IGBVF_EICR_MASK;
        return true;
    case A_VTEICR:
        v->eicr &= ~val;
        return true;
    case A_VTIVAR:
        v->ivar = val & IGBVF_IVAR_WMASK;
        return true;
    case A_VTIVAR_MISC:
        v->ivar_misc = val & IGBVF_IVAR_MISC_WMASK;
        return true;
    }
    if (addr >= A_VTEITR0 && addr < A_VTEITR0 + 4 * IGBVF_MSIX_VECTORS) {
        igb_intr_vf_eitr_write(s, vfn, (addr - A_VTEITR0) / 4, val);
        return true;
    }
    return false;
}

void igb_intr_vf_reset(IGBCore *s, unsigned vfn)
{
    IGBIntrVF *v;

    if (vfn >= IGB_MAX_VFS) {
        return;
    }
    v = &s->intr.vf[vfn];
    for (unsigned i = 0; i < IGBVF_MSIX_VECTORS; i++) {
        igb_intr_vf_mod_stop(s, vfn, i);
        v->eitr[i] = 0;
    }
    v->eicr = v->eims = v->eiac = v->eiam = 0;
    v->ivar = v->ivar_misc = 0;
    v->mod_pending = 0;
}

static int igb_intr_vf_post_load(IGBCore *s, unsigned vfn)
{
    IGBIntrVF *v = &s->intr.vf[vfn];

    if (v->mod_pending & ~IGBVF_EICR_MASK) {
        return -EINVAL;
    }
    for (unsigned i = 0; i < IGBVF_MSIX_VECTORS; i++) {
        if (v->mod_deadline[i] < 0) {
            return -EINVAL;
        }
        if (v->mod_deadline[i]) {
            timer_mod(v->mod[i].timer, v->mod_deadline[i]);
        } else {
            timer_del(v->mod[i].timer);
        }
    }
    return 0;
}

static const VMStateDescription vmstate_igb_intr_vf = {
    .name = "igb-intr-vf",
    .version_id = 1,
    .minimum_version_id = 1,
    .fields = (const VMStateField[]) {
        VMSTATE_UINT32(eicr, IGBIntrVF),
        VMSTATE_UINT32(eims, IGBIntrVF),
        VMSTATE_UINT32(eiac, IGBIntrVF),
        VMSTATE_UINT32(eiam, IGBIntrVF),
        VMSTATE_UINT32_ARRAY(eitr, IGBIntrVF, IGBVF_MSIX_VECTORS),
        VMSTATE_UINT32(ivar, IGBIntrVF),
        VMSTATE_UINT32(ivar_misc, IGBIntrVF),
        VMSTATE_UINT32(mod_pending, IGBIntrVF),
        VMSTATE_INT64_ARRAY(mod_deadline, IGBIntrVF, IGBVF_MSIX_VECTORS),
        VMSTATE_END_OF_LIST()
    },
};

/* ---------------------------------------------------------------------- */
/* Register table                                                         */
/* ---------------------------------------------------------------------- */

static const IGBRegInfo igb_intr_rows[] = {
    {
        .name = "ICR", .addr = A_ICR, .w1c = IGB_ICR_CAUSES,
        .state = IGB_STATE(intr.icr),
        .read = igb_intr_icr_read, .write = igb_intr_icr_write,
    }, {
        .name = "ITR", .addr = A_ITR, .wmask = R_ITR_INTERVAL_MASK,
        .state = IGB_STATE(intr.itr),
    }, {
        .name = "ICS", .addr = A_ICS, .flags = IGB_REG_WO,
        .write = igb_intr_ics_write,
    }, {
        .name = "IMS", .addr = A_IMS, .state = IGB_STATE(intr.ims),
        .write = igb_intr_ims_write,
    }, {
        .name = "IMC", .addr = A_IMC, .flags = IGB_REG_WO,
        .write = igb_intr_imc_write,
    }, {
        .name = "IAM", .addr = A_IAM, .wmask = IGB_ICR_CAUSES,
        .state = IGB_STATE(intr.iam),
    }, {
        .name = "GPIE", .addr = A_GPIE, .wmask = IGB_GPIE_WMASK,
        .state = IGB_STATE(intr.gpie), .write = igb_intr_gpie_write,
    }, {
        .name = "EICS", .addr = A_EICS, .flags = IGB_REG_WO,
        .write = igb_intr_eics_write,
    }, {
        .name = "EIMS", .addr = A_EIMS, .state = IGB_STATE(intr.eims),
        .write = igb_intr_eims_write,
    }, {
        .name = "EIMC", .addr = A_EIMC, .flags = IGB_REG_WO,
        .write = igb_intr_eimc_write,
    }, {
        .name = "EIAC", .addr = A_EIAC, .wmask = IGB_EICR_WMASK,
        .state = IGB_STATE(intr.eiac),
    }, {
        .name = "EIAM", .addr = A_EIAM, .wmask = IGB_EICR_WMASK,
        .state = IGB_STATE(intr.eiam),
    }, {
        .name = "EICR", .addr = A_EICR, .w1c = IGB_EICR_WMASK,
        .state = IGB_STATE(intr.eicr),
        .read = igb_intr_eicr_read, .write = igb_intr_eicr_write,
    }, {
        .name = "EITR", .addr = A_EITR0, .count = IGB_EITR_SIZE,
        .wmask = R_EITR_INTERVAL_MASK | R_EITR_LLI_EN_MASK,
        .state = IGB_STATE_ARRAY(intr.eitr),
        .read = igb_intr_eitr_read, .write = igb_intr_eitr_write,
    }, {
        .name = "IVAR", .addr = A_IVAR0, .count = IGB_IVAR_SIZE,
        .wmask = IGB_IVAR_WMASK, .state = IGB_STATE_ARRAY(intr.ivar),
    }, {
        .name = "IVAR_MISC", .addr = A_IVAR_MISC,
        .wmask = IGB_IVAR_MISC_WMASK, .state = IGB_STATE(intr.ivar_misc),
    },
};

const IGBRegTable igb_intr_regs = {
    .rows = igb_intr_rows,
    .count = ARRAY_SIZE(igb_intr_rows),
};

/* ---------------------------------------------------------------------- */
/* Life cycle and migration                                               */
/* ---------------------------------------------------------------------- */

void igb_intr_realize(IGBCore *s)
{
    for (unsigned i = 0; i < IGB_EITR_SIZE; i++) {
        IGBIntrTimer *t = &s->intr.mod[i];

        t->core = s;
        t->vec = i;
        t->vf = -1;
        t->timer = timer_new_ns(QEMU_CLOCK_VIRTUAL, igb_intr_mod_expired, t);
    }
    for (unsigned n = 0; n < IGB_MAX_VFS; n++) {
        for (unsigned i = 0; i < IGBVF_MSIX_VECTORS; i++) {
            IGBIntrTimer *t = &s->intr.vf[n].mod[i];

            t->core = s;
            t->vf = n;
            t->vec = i;
            t->timer = timer_new_ns(QEMU_CLOCK_VIRTUAL,
                                    igb_intr_vf_mod_expired, t);
        }
    }
}

void igb_intr_unrealize(IGBCore *s)
{
    for (unsigned i = 0; i < IGB_EITR_SIZE; i++) {
        timer_free(s->intr.mod[i].timer);
        s->intr.mod[i].timer = NULL;
    }
    for (unsigned n = 0; n < IGB_MAX_VFS; n++) {
        for (unsigned i = 0; i < IGBVF_MSIX_VECTORS; i++) {
            timer_free(s->intr.vf[n].mod[i].timer);
            s->intr.vf[n].mod[i].timer = NULL;
        }
    }
}

/*
 * Every interrupt register of the PF resets on both kinds of reset; an
 * asserted INTx line goes down with them. The VFs' registers reset with
 * the device (power-on) and with each VF; a software reset of the PF
 * keeps them, so that the VFs hear about it (mailbox, RSTI).
 */
void igb_intr_reset(IGBCore *s, IGBResetKind kind)
{
    IGBIntrState *st = &s->intr;
    bool asserted = st->asserted;

    trace_igb_intr_reset(kind);
    for (unsigned i = 0; i < IGB_EITR_SIZE; i++) {
        igb_intr_mod_stop(s, i);
        st->eitr[i] = 0;
    }
    st->icr = st->ims = st->iam = st->itr = 0;
    st->eicr = st->eims = st->eiac = st->eiam = st->gpie = 0;
    memset(st->ivar, 0, sizeof(st->ivar));
    st->ivar_misc = 0;
    st->asserted = false;
    st->mod_pending = 0;
    if (asserted) {
        pci_set_irq(s->owner, 0);
    }
    if (kind == IGB_RESET_POWER_ON) {
        for (unsigned n = 0; n < IGB_MAX_VFS; n++) {
            igb_intr_vf_reset(s, n);
        }
    }
}

int igb_intr_post_load(IGBCore *s)
{
    IGBIntrState *st = &s->intr;

    if (st->mod_pending & ~IGB_EICR_MSIX_MASK) {
        return -EINVAL;
    }
    for (unsigned i = 0; i < IGB_EITR_SIZE; i++) {
        if (st->mod_deadline[i] < 0) {
            return -EINVAL;
        }
    }
    trace_igb_intr_post_load(st->eicr, st->eims, st->mod_pending);
    for (unsigned i = 0; i < IGB_EITR_SIZE; i++) {
        if (st->mod_deadline[i]) {
            timer_mod(st->mod[i].timer, st->mod_deadline[i]);
        } else {
            timer_del(st->mod[i].timer);
        }
    }
    for (unsigned n = 0; n < IGB_MAX_VFS; n++) {
        int ret = igb_intr_vf_post_load(s, n);

        if (ret) {
            return ret;
        }
    }
    return 0;
}

const VMStateDescription vmstate_igb_intr = {
    .name = "igb-intr",
    .version_id = 1,
    .minimum_version_id = 1,
    .fields = (const VMStateField[]) {
        VMSTATE_UINT32(icr, IGBIntrState),
        VMSTATE_UINT32(ims, IGBIntrState),
        VMSTATE_UINT32(iam, IGBIntrState),
        VMSTATE_UINT32(itr, IGBIntrState),
        VMSTATE_UINT32(eicr, IGBIntrState),
        VMSTATE_UINT32(eims, IGBIntrState),
        VMSTATE_UINT32(eiac, IGBIntrState),
        VMSTATE_UINT32(eiam, IGBIntrState),
        VMSTATE_UINT32(gpie, IGBIntrState),
        VMSTATE_UINT32_ARRAY(ivar, IGBIntrState, IGB_IVAR_SIZE),
        VMSTATE_UINT32(ivar_misc, IGBIntrState),
        VMSTATE_UINT32_ARRAY(eitr, IGBIntrState, IGB_EITR_SIZE),
        VMSTATE_BOOL(asserted, IGBIntrState),
        VMSTATE_UINT32(mod_pending, IGBIntrState),
        VMSTATE_INT64_ARRAY(mod_deadline, IGBIntrState, IGB_EITR_SIZE),
        VMSTATE_STRUCT_ARRAY(vf, IGBIntrState, IGB_MAX_VFS, 0,
                             vmstate_igb_intr_vf, IGBIntrVF),
        VMSTATE_END_OF_LIST()
    },
};
