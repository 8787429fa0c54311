/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Intel 82576 (igb) model: SR-IOV virtual functions as the device sees
 * them. The PF<->VF mailboxes (VMBMEM, P2VMAILBOX, V2PMAILBOX, MBVFICR,
 * MBVFIMR), VF reset events (VFLRE), the VF receive and transmit enables
 * (VFRE, VFTE), the per-pool statistics and the register window of each
 * VF (VF BAR0). Included by igb_core.h only.
 *
 * The VF's PCI function (igbvf.c) forwards its BAR0 accesses here; VF n
 * reaches its interrupt registers in igb_intr.c and the registers of PF
 * queues n and n + 8 in igb_rx.c and igb_tx.c.
 */
#ifndef HW_NET_IGB_MBX_H
#define HW_NET_IGB_MBX_H

/* Per-pool statistics: VF window offset minus IGBVF_STATS_BASE, / 4. */
enum {
    IGB_POOL_GPRC = (A_VFGPRC - IGBVF_STATS_BASE) / 4,
    IGB_POOL_GPTC = (A_VFGPTC - IGBVF_STATS_BASE) / 4,
    IGB_POOL_GORC = (A_VFGORC - IGBVF_STATS_BASE) / 4,
    IGB_POOL_GOTC = (A_VFGOTC - IGBVF_STATS_BASE) / 4,
    IGB_POOL_MPRC = (A_VFMPRC - IGBVF_STATS_BASE) / 4,
    IGB_POOL_GPRLBC = (A_VFGPRLBC - IGBVF_STATS_BASE) / 4,
    IGB_POOL_GPTLBC = (A_VFGPTLBC - IGBVF_STATS_BASE) / 4,
    IGB_POOL_GORLBC = (A_VFGORLBC - IGBVF_STATS_BASE) / 4,
    IGB_POOL_GOTLBC = (A_VFGOTLBC - IGBVF_STATS_BASE) / 4,
};

typedef struct IGBMbxState {
    /* PF side (rows of igb_mbx_regs) */
    uint32_t vmbmem[IGB_MAX_VFS * IGB_MBX_SIZE];
    uint32_t p2v[IGB_MAX_VFS];      /* P2VMAILBOX: PFU only */
    uint32_t mbvficr;
    uint32_t mbvfimr;
    uint32_t vflre;
    uint32_t vfre;
    uint32_t vfte;
    /* VF side: V2PMAILBOX without PFU (VFU, PFSTS, PFACK, RSTI, RSTD) */
    uint32_t v2p[IGB_MAX_VFS];
    uint32_t pool_stats[IGB_NUM_POOLS][IGBVF_NUM_STATS];
} IGBMbxState;

extern const IGBRegTable igb_mbx_regs;
extern const VMStateDescription vmstate_igb_mbx;

/*
 * Reset of the PF: the VFs see RSTI (PF reset in progress) until the PF
 * driver sets CTRL_EXT.PFRSTD; igb_mbx_ctrl_ext_write() must see every
 * CTRL_EXT write for that.
 */
void igb_mbx_reset(IGBCore *s, IGBResetKind kind);
void igb_mbx_ctrl_ext_write(IGBCore *s, uint32_t old, uint32_t val);
int igb_mbx_post_load(IGBCore *s);

/*
 * Reset of VF @vfn: its queues and interrupt registers. @notify: a reset
 * that the PF hears about through VFLRE and ICR.VMMB, an FLR or the VF's
 * own VTCTRL.RST, rather than one of the function by the PCI core (VF
 * Enable changes, system reset).
 */
void igb_mbx_vf_reset(IGBCore *s, unsigned vfn, bool notify);
/* Accesses of VF @vfn to its BAR0, dword aligned. */
uint32_t igb_mbx_vf_read(IGBCore *s, unsigned vfn, hwaddr addr);
void igb_mbx_vf_write(IGBCore *s, unsigned vfn, hwaddr addr, uint32_t val);

/* The PCI functions (igb.c, igbvf.c) */
#define TYPE_IGBVF          "igbvf"
/* VF BAR0 (registers) and BAR3 (MSI-X): 64-bit, non-prefetchable */
#define IGBVF_BAR_TYPE      (PCI_BASE_ADDRESS_SPACE_MEMORY |               \
                             PCI_BASE_ADDRESS_MEM_TYPE_64)
/* The core behind an igb PF, NULL for other devices (igb.c). */
IGBCore *igb_pf_core(PCIDevice *pf);
/* A VF's PCI and MSI-X state, for the PF's migration stream (igbvf.c). */
extern const VMStateDescription vmstate_igbvf_function;

#endif
