/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Intel 82576 (igb) model: IEEE 1588 time synchronisation.
 *
 * SYSTIM is a 64-bit counter that grows by TIMINCA.INCVALUE every
 * TIMINCA.INCPERIOD * 16 ns of QEMU's virtual clock; TIMADJ steps it.
 * One transmitted and one received frame at a time are time stamped:
 * TXSTMP/RXSTMP hold SYSTIM of the frame and TSYNC*CTL.VALID stays set
 * until the driver reads the high half. Included by igb_core.h only.
 *
 * The transmit unit stamps frames whose descriptor asks for it; the
 * receive unit asks which frames are PTP event messages to stamp. Neither
 * this unit nor its callers raise interrupts: the 82576's drivers poll
 * TSYNCTXCTL.VALID and look at the descriptor's TS bit.
 */
#ifndef HW_NET_IGB_PTP_H
#define HW_NET_IGB_PTP_H

typedef struct IGBPtpState {
    /* SYSTIM was base_systim at virtual time base_ns */
    uint64_t base_systim;
    int64_t base_ns;
    uint32_t systimh_latch;         /* SYSTIMH as the last SYSTIML read */
    uint32_t timinca;
    uint32_t timadjl;
    uint32_t timadjh;
    uint32_t tsynctxctl;
    uint32_t txstmpl;
    uint32_t txstmph;
    uint32_t tsyncrxctl;
    uint32_t rxstmpl;
    uint32_t rxstmph;
    uint32_t rxsatrl;
    uint32_t rxsatrh;
    uint32_t tsyncrxcfg;
} IGBPtpState;

/* Where a frame's PTP message starts, as the receive filters found it. */
typedef enum IGBPtpTransport {
    IGB_PTP_NONE,
    IGB_PTP_L2,                     /* after an ETQF match with 1588 set */
    IGB_PTP_UDP,                    /* after a 5-tuple match with 1588 */
} IGBPtpTransport;

extern const IGBRegTable igb_ptp_regs;
extern const VMStateDescription vmstate_igb_ptp;

void igb_ptp_reset(IGBCore *s, IGBResetKind kind);

/* A frame whose descriptor has TSTAMP set leaves the MAC now. */
void igb_ptp_tx_stamp(IGBCore *s);
/* SYSTIM as a frame arrives, if receive time stamping is on (else 0). */
uint64_t igb_ptp_rx_arrival(IGBCore *s);
/*
 * A received frame, arrived at @arrival, with a PTP message of @len bytes
 * at @msg: is it one that TSYNCRXCTL asks to stamp, and was it stamped
 * (RXSTMP was free)?
 */
bool igb_ptp_rx_stamp(IGBCore *s, IGBPtpTransport transport,
                      const uint8_t *msg, size_t len, uint64_t arrival);

#endif
