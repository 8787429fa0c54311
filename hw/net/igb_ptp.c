/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Intel 82576 (igb) model: IEEE 1588 time synchronisation.
 *
 * Written from the 82576 datasheet's time sync chapter and from what the
 * Linux igb driver does with it (igb_ptp.c): SYSTIM counts in units that
 * TIMINCA sets (Linux: 16 ns periods of 16 << 19, that is ns << 19), the
 * driver reads SYSTIML then SYSTIMH, polls TSYNCTXCTL.VALID after sending
 * a frame with the TSTAMP descriptor bit, and looks for the TS status bit
 * of a received frame before reading RXSTMPL/RXSTMPH.
 */

#include "qemu/osdep.h"
#include "qemu/log.h"
#include "qemu/timer.h"
#include "igb_core.h"
#include "trace.h"

/* Offsets in a PTP message (V1 and V2 headers agree on these) */
#define IGB_PTP_VERSION             1   /* low nibble: versionPTP */
#define IGB_PTP_SOURCE_ID           22  /* 6 bytes of the source's id */
#define IGB_PTP_SEQUENCE_ID         30
#define IGB_PTP_V1_CONTROL          32
#define IGB_PTP_HEADER_LEN          34

/* V2 messageType (byte 0, low nibble) of the event messages */
#define IGB_PTP_V2_EVENT_LAST       3   /* Sync .. Pdelay_Resp */

static int64_t igb_ptp_now(void)
{
    return qemu_clock_get_ns(QEMU_CLOCK_VIRTUAL);
}

static uint64_t igb_ptp_period_ns(const IGBPtpState *t)
{
    return (uint64_t)FIELD_EX32(t->timinca, TIMINCA, INCPERIOD) *
           IGB_TIMINCA_PERIOD_NS;
}

/*
 * Move the base to @now, keeping the part of a period that has not yet
 * elapsed, so that SYSTIM reads the same before and after.
 */
static void igb_ptp_rebase(IGBPtpState *t, int64_t now)
{
    uint64_t period = igb_ptp_period_ns(t);
    uint64_t ticks;

    if (!period) {
        t->base_ns = now;               /* a stopped clock */
        return;
    }
    if (now <= t->base_ns) {
        return;
    }
    ticks = (uint64_t)(now - t->base_ns) / period;
    t->base_systim += ticks * FIELD_EX32(t->timinca, TIMINCA, INCVALUE);
    t->base_ns += ticks * period;
}

static uint64_t igb_ptp_systim(IGBCore *s)
{
    IGBPtpState *t = &s->ptp;

    igb_ptp_rebase(t, igb_ptp_now());
    return t->base_systim;
}

static void igb_ptp_set_systim(IGBCore *s, uint64_t val)
{
    igb_ptp_systim(s);
    s->ptp.base_systim = val;
}

/* ---------------------------------------------------------------------- */
/* Time stamps                                                            */
/* ---------------------------------------------------------------------- */

void igb_ptp_tx_stamp(IGBCore *s)
{
    IGBPtpState *t = &s->ptp;
    uint64_t now;

    if (!FIELD_EX32(t->tsynctxctl, TSYNCTXCTL, EN)) {
        return;
    }
    if (FIELD_EX32(t->tsynctxctl, TSYNCTXCTL, VALID)) {
        trace_igb_ptp_busy(s, "tx");
        return;
    }
    now = igb_ptp_systim(s);
    t->txstmpl = now;
    t->txstmph = now >> 32;
    t->tsynctxctl = FIELD_DP32(t->tsynctxctl, TSYNCTXCTL, VALID, 1);
    trace_igb_ptp_tx_stamp(s, now);
}

/* Is the message one that TSYNCRXCTL.TYPE (and TSYNCRXCFG) selects? */
static bool igb_ptp_rx_selected(IGBCore *s, IGBPtpTransport transport,
                                const uint8_t *msg)
{
    const IGBPtpState *t = &s->ptp;
    unsigned version = msg[IGB_PTP_VERSION] & 0xf;
    unsigned type = msg[0] & 0xf;
    unsigned msgid = FIELD_EX32(t->tsyncrxcfg, TSYNCRXCFG, MSGID);

    switch (FIELD_EX32(t->tsyncrxctl, TSYNCRXCTL, TYPE)) {
    case IGB_TSYNCRXCTL_TYPE_L2_V2:
        return transport == IGB_PTP_L2 && version == 2 && type == msgid;
    case IGB_TSYNCRXCTL_TYPE_L4_V1:
        return transport == IGB_PTP_UDP && version == 1 &&
               msg[IGB_PTP_V1_CONTROL] ==
               FIELD_EX32(t->tsyncrxcfg, TSYNCRXCFG, CTRLT);
    case IGB_TSYNCRXCTL_TYPE_L2_L4_V2:
        return version == 2 && type == msgid;
    case IGB_TSYNCRXCTL_TYPE_EVENT_V2:
        return version == 2 && type <= IGB_PTP_V2_EVENT_LAST;
    default:
        /* Reported when TSYNCRXCTL was written */
        return false;
    }
}

uint64_t igb_ptp_rx_arrival(IGBCore *s)
{
    if (!FIELD_EX32(s->ptp.tsyncrxctl, TSYNCRXCTL, EN)) {
        return 0;
    }
    return igb_ptp_systim(s);
}

bool igb_ptp_rx_stamp(IGBCore *s, IGBPtpTransport transport,
                      const uint8_t *msg, size_t len, uint64_t arrival)
{
    IGBPtpState *t = &s->ptp;

    if (!FIELD_EX32(t->tsyncrxctl, TSYNCRXCTL, EN) ||
        transport == IGB_PTP_NONE || len < IGB_PTP_HEADER_LEN ||
        !igb_ptp_rx_selected(s, transport, msg)) {
        return false;
    }
    if (FIELD_EX32(t->tsyncrxctl, TSYNCRXCTL, VALID)) {
        trace_igb_ptp_busy(s, "rx");
        return false;
    }
    t->rxstmpl = arrival;
    t->rxstmph = arrival >> 32;
    t->rxsatrl = ldl_le_p(msg + IGB_PTP_SOURCE_ID);
    t->rxsatrh = lduw_le_p(msg + IGB_PTP_SOURCE_ID + 4) |
                 (uint32_t)lduw_be_p(msg + IGB_PTP_SEQUENCE_ID) << 16;
    t->tsyncrxctl = FIELD_DP32(t->tsyncrxctl, TSYNCRXCTL, VALID, 1);
    trace_igb_ptp_rx_stamp(s, transport, msg[0] & 0xf, arrival);
    return true;
}

/* ---------------------------------------------------------------------- */
/* Registers                                                              */
/* ---------------------------------------------------------------------- */

/* Reading SYSTIML latches SYSTIMH, so that the pair is consistent. */
static uint32_t igb_ptp_systiml_read(IGBCore *s, const IGBRegInfo *ri,
                                     unsigned idx)
{
    uint64_t now = igb_ptp_systim(s);

    s->ptp.systimh_latch = now >> 32;
    return now;
}

static uint32_t igb_ptp_systimh_read(IGBCore *s, const IGBRegInfo *ri,
                                     unsigned idx)
{
    return s->ptp.systimh_latch;
}

static void igb_ptp_systim_write(IGBCore *s, const IGBRegInfo *ri,
                                 unsigned idx, uint32_t old, uint32_t val)
{
    uint64_t now = igb_ptp_systim(s);

    if (ri->addr == A_SYSTIML) {
        now = deposit64(now, 0, 32, val);
    } else {
        now = deposit64(now, 32, 32, val);
        s->ptp.systimh_latch = val;
    }
    igb_ptp_set_systim(s, now);
}

/* A new rate applies from now on: SYSTIM so far counts at the old one. */
static void igb_ptp_timinca_write(IGBCore *s, const IGBRegInfo *ri,
                                  unsigned idx, uint32_t old, uint32_t val)
{
    IGBPtpState *t = &s->ptp;

    t->timinca = old;
    igb_ptp_rebase(t, igb_ptp_now());
    t->timinca = val;
    trace_igb_ptp_timinca(s, FIELD_EX32(val, TIMINCA, INCPERIOD),
                          FIELD_EX32(val, TIMINCA, INCVALUE));
}

/* Writing TIMADJH adds (or, with SIGN, subtracts) TIMADJH:TIMADJL. */
static void igb_ptp_timadjh_write(IGBCore *s, const IGBRegInfo *ri,
                                  unsigned idx, uint32_t old, uint32_t val)
{
    IGBPtpState *t = &s->ptp;
    uint64_t delta = (uint64_t)FIELD_EX32(val, TIMADJH, VALUE) << 32 |
                     t->timadjl;
    uint64_t now = igb_ptp_systim(s);

    if (FIELD_EX32(val, TIMADJH, SIGN)) {
        igb_ptp_set_systim(s, now - delta);
    } else {
        igb_ptp_set_systim(s, now + delta);
    }
    trace_igb_ptp_adjust(s, FIELD_EX32(val, TIMADJH, SIGN), delta);
}

/* The driver reads the high half last: that frees the register pair. */
static uint32_t igb_ptp_txstmph_read(IGBCore *s, const IGBRegInfo *ri,
                                     unsigned idx)
{
    s->ptp.tsynctxctl = FIELD_DP32(s->ptp.tsynctxctl, TSYNCTXCTL, VALID, 0);
    return s->ptp.txstmph;
}

static uint32_t igb_ptp_rxstmph_read(IGBCore *s, const IGBRegInfo *ri,
                                     unsigned idx)
{
    s->ptp.tsyncrxctl = FIELD_DP32(s->ptp.tsyncrxctl, TSYNCRXCTL, VALID, 0);
    return s->ptp.rxstmph;
}

static void igb_ptp_tsyncrxctl_write(IGBCore *s, const IGBRegInfo *ri,
                                     unsigned idx, uint32_t old,
                                     uint32_t val)
{
    unsigned type = FIELD_EX32(val, TSYNCRXCTL, TYPE);

    if (!FIELD_EX32(val, TSYNCRXCTL, EN)) {
        return;
    }
    switch (type) {
    case IGB_TSYNCRXCTL_TYPE_L2_V2:
    case IGB_TSYNCRXCTL_TYPE_L4_V1:
    case IGB_TSYNCRXCTL_TYPE_L2_L4_V2:
    case IGB_TSYNCRXCTL_TYPE_EVENT_V2:
        break;
    default:
        IGB_UNIMP("TSYNCRXCTL type %u: the 82576 stamps PTP messages only",
                  type);
        break;
    }
}

#define IGB_PTP_RO(reg, field, rd)                                         \
    { .name = #reg, .addr = A_##reg, .state = IGB_STATE(ptp.field),       \
      .read = rd }

static const IGBRegInfo igb_ptp_rows[] = {
    {
        .name = "SYSTIML", .addr = A_SYSTIML,
        .read = igb_ptp_systiml_read, .write = igb_ptp_systim_write,
    }, {
        .name = "SYSTIMH", .addr = A_SYSTIMH,
        .read = igb_ptp_systimh_read, .write = igb_ptp_systim_write,
    }, {
        .name = "TIMINCA", .addr = A_TIMINCA, .wmask = UINT32_MAX,
        .state = IGB_STATE(ptp.timinca), .write = igb_ptp_timinca_write,
    }, {
        .name = "TIMADJL", .addr = A_TIMADJL, .wmask = UINT32_MAX,
        .state = IGB_STATE(ptp.timadjl),
    }, {
        .name = "TIMADJH", .addr = A_TIMADJH, .wmask = UINT32_MAX,
        .state = IGB_STATE(ptp.timadjh), .write = igb_ptp_timadjh_write,
    }, {
        .name = "TSYNCTXCTL", .addr = A_TSYNCTXCTL,
        .wmask = R_TSYNCTXCTL_EN_MASK, .state = IGB_STATE(ptp.tsynctxctl),
    }, {
        .name = "TSYNCRXCTL", .addr = A_TSYNCRXCTL,
        .wmask = R_TSYNCRXCTL_EN_MASK | R_TSYNCRXCTL_TYPE_MASK,
        .state = IGB_STATE(ptp.tsyncrxctl),
        .write = igb_ptp_tsyncrxctl_write,
    }, {
        .name = "TSYNCRXCFG", .addr = A_TSYNCRXCFG,
        .wmask = R_TSYNCRXCFG_CTRLT_MASK | R_TSYNCRXCFG_MSGID_MASK,
        .state = IGB_STATE(ptp.tsyncrxcfg),
    },
    IGB_PTP_RO(TXSTMPL, txstmpl, NULL),
    IGB_PTP_RO(TXSTMPH, txstmph, igb_ptp_txstmph_read),
    IGB_PTP_RO(RXSTMPL, rxstmpl, NULL),
    IGB_PTP_RO(RXSTMPH, rxstmph, igb_ptp_rxstmph_read),
    IGB_PTP_RO(RXSATRL, rxsatrl, NULL),
    IGB_PTP_RO(RXSATRH, rxsatrh, NULL),
    /* Time sync interrupts and auxiliary stamps came with the 82580 */
    { .name = "TSICR", .addr = A_TSICR, .flags = IGB_REG_UNIMP },
    { .name = "TSIM", .addr = A_TSIM, .wmask = UINT32_MAX,
      .flags = IGB_REG_UNIMP },
};

const IGBRegTable igb_ptp_regs = {
    .rows = igb_ptp_rows,
    .count = ARRAY_SIZE(igb_ptp_rows),
};

/* ---------------------------------------------------------------------- */
/* Life cycle, migration                                                  */
/* ---------------------------------------------------------------------- */

/* The core resets the stored rows; the clock starts again from 0. */
void igb_ptp_reset(IGBCore *s, IGBResetKind kind)
{
    s->ptp.base_systim = 0;
    s->ptp.base_ns = igb_ptp_now();
    s->ptp.systimh_latch = 0;
}

const VMStateDescription vmstate_igb_ptp = {
    .name = "igb-ptp",
    .version_id = 1,
    .minimum_version_id = 1,
    .fields = (const VMStateField[]) {
        VMSTATE_UINT64(base_systim, IGBPtpState),
        VMSTATE_INT64(base_ns, IGBPtpState),
        VMSTATE_UINT32(systimh_latch, IGBPtpState),
        VMSTATE_UINT32(timinca, IGBPtpState),
        VMSTATE_UINT32(timadjl, IGBPtpState),
        VMSTATE_UINT32(timadjh, IGBPtpState),
        VMSTATE_UINT32(tsynctxctl, IGBPtpState),
        VMSTATE_UINT32(txstmpl, IGBPtpState),
        VMSTATE_UINT32(txstmph, IGBPtpState),
        VMSTATE_UINT32(tsyncrxctl, IGBPtpState),
        VMSTATE_UINT32(rxstmpl, IGBPtpState),
        VMSTATE_UINT32(rxstmph, IGBPtpState),
        VMSTATE_UINT32(rxsatrl, IGBPtpState),
        VMSTATE_UINT32(rxsatrh, IGBPtpState),
        VMSTATE_UINT32(tsyncrxcfg, IGBPtpState),
        VMSTATE_END_OF_LIST()
    }
};
