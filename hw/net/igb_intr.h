/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Intel 82576 (igb) model: interrupt causes, masks, vector allocation
 * and moderation (datasheet 7.3, registers 8.8).
 *
 * Included by igb_core.h only. This unit is the only caller of
 * pci_set_irq(), msi_notify() and msix_notify().
 *
 * SR-IOV: a VF has its own EICR/EIMS/EIAC/EIAM, vector allocation and
 * moderation registers over its 3 MSI-X vectors (IGBIntrVF, one per VF
 * beside the PF state), reached through the VF's register window.
 * igb_intr_queue_event() routes the queues of an enabled VF's pool there
 * and the VF's MSI-X vectors go out on the VF's own PCI function.
 */
#ifndef HW_NET_IGB_INTR_H
#define HW_NET_IGB_INTR_H

#include "qemu/timer.h"

typedef struct IGBIntrTimer {
    QEMUTimer *timer;
    IGBCore *core;
    int vf;             /* VF number, or -1 for the PF */
    unsigned vec;
} IGBIntrTimer;

/* The interrupt registers of one VF (VTEICR, VTEIMS, ...). */
typedef struct IGBIntrVF {
    uint32_t eicr;
    uint32_t eims;
    uint32_t eiac;
    uint32_t eiam;
    uint32_t eitr[IGBVF_MSIX_VECTORS];  /* INTERVAL and LLI_EN only */
    uint32_t ivar;                      /* RX0, TX0, RX1, TX1 */
    uint32_t ivar_misc;                 /* mailbox */
    /* Moderation, as for the PF */
    uint32_t mod_pending;
    int64_t mod_deadline[IGBVF_MSIX_VECTORS];
    IGBIntrTimer mod[IGBVF_MSIX_VECTORS];
} IGBIntrVF;

typedef struct IGBIntrState {
    /* Registers */
    uint32_t icr;       /* causes, without INT_ASSERTED */
    uint32_t ims;
    uint32_t iam;
    uint32_t itr;
    uint32_t eicr;
    uint32_t eims;
    uint32_t eiac;
    uint32_t eiam;
    uint32_t gpie;
    uint32_t ivar[IGB_IVAR_SIZE];
    uint32_t ivar_misc;
    uint32_t eitr[IGB_EITR_SIZE];   /* INTERVAL and LLI_EN only */

    /* A single-vector interrupt (INTx, MSI, MSI-X 0) is asserted. */
    bool asserted;
    /*
     * Moderation, per EITR: the counter runs until mod_deadline (virtual
     * clock, ns; 0 when stopped); mod_pending holds the vectors with an
     * interrupt waiting for it.
     */
    uint32_t mod_pending;
    int64_t mod_deadline[IGB_EITR_SIZE];
    IGBIntrTimer mod[IGB_EITR_SIZE];

    IGBIntrVF vf[IGB_MAX_VFS];
} IGBIntrState;

extern const IGBRegTable igb_intr_regs;
extern const VMStateDescription vmstate_igb_intr;

void igb_intr_realize(IGBCore *s);
void igb_intr_unrealize(IGBCore *s);
void igb_intr_reset(IGBCore *s, IGBResetKind kind);
/* Raise "other" causes (ICR bits: LSC, RX_MISS, VMMB, MDAC, ...). */
void igb_intr_raise(IGBCore *s, uint32_t icr_causes);
/*
 * A queue completed work (descriptors written back): RX or TX queue q.
 * Sets ICR.RXDW or ICR.TXDW and the EICR bit that IVAR allocates to it.
 */
void igb_intr_queue_event(IGBCore *s, bool tx, unsigned q);
int igb_intr_post_load(IGBCore *s);

/*
 * VF @vfn: its register window's interrupt registers (VTEICS ... VTIVAR_MISC,
 * @addr in the VF's BAR0). Return false for other addresses.
 */
bool igb_intr_vf_read(IGBCore *s, unsigned vfn, hwaddr addr, uint32_t *val);
bool igb_intr_vf_write(IGBCore *s, unsigned vfn, hwaddr addr, uint32_t val);
/* The mailbox cause of VF @vfn (VTIVAR_MISC): the PF posted or acked. */
void igb_intr_vf_mailbox(IGBCore *s, unsigned vfn);
/* VF reset: its interrupt registers go back to 0. */
void igb_intr_vf_reset(IGBCore *s, unsigned vfn);

#endif
