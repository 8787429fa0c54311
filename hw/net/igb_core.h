/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Intel 82576 (igb) device core: state of one 82576 and the interface
 * between its units.
 *
 * The core is split into units, each with its own header and state:
 *   igb_intr.[ch]  interrupt causes, masks, vectors and moderation
 *   igb_rx.[ch]    receive queues, descriptors, filters, RSS
 *   igb_tx.[ch]    transmit queues, descriptors, offloads, loopback
 *   igb_phy.[ch]   the internal PHY behind MDIC
 *   igb_ptp.[ch]   IEEE 1588 clock and time stamps
 *   igb_core.c     register file, MMIO decode, control/status, NVM, resets
 * Lower units never call upward: intr, ptp <- rx <- tx <- phy <- core <-
 * igb.c.
 */
#ifndef HW_NET_IGB_CORE_H
#define HW_NET_IGB_CORE_H

#include "exec/hwaddr.h"
#include "hw/pci/pci_device.h"
#include "migration/vmstate.h"
#include "net/eth.h"
#include "net/net.h"
#include "qemu/compiler.h"
#include "igb_regs.h"

typedef struct IGBCore IGBCore;

/* Kinds of reset; each register row says whether it survives IGB_RESET_SW. */
typedef enum IGBResetKind {
    IGB_RESET_POWER_ON,     /* power-on, PCI reset, FLR, CTRL.DEV_RST */
    IGB_RESET_SW,           /* CTRL.RST: PHY, PCI config and NVM stay */
} IGBResetKind;

/* ---------------------------------------------------------------------- */
/* Register file                                                          */
/* ---------------------------------------------------------------------- */

typedef struct IGBRegInfo IGBRegInfo;

/*
 * Hooks of a register row. @idx is the element index for arrays.
 * read: computes the value the guest sees (storage is not consulted).
 * write: side effects; called after the generic path has stored
 * (old & ~wmask) | (val & wmask) with W1C bits applied; @val is what the
 * guest wrote, @old the stored value before the write.
 */
typedef uint32_t (*IGBRegReadFn)(IGBCore *s, const IGBRegInfo *ri,
                                 unsigned idx);
typedef void (*IGBRegWriteFn)(IGBCore *s, const IGBRegInfo *ri, unsigned idx,
                              uint32_t old, uint32_t val);

enum {
    IGB_REG_UNIMP       = 1 << 0,   /* accesses log LOG_UNIMP once */
    IGB_REG_WO          = 1 << 1,   /* reads return 0 */
    IGB_REG_RC          = 1 << 2,   /* the whole register clears on read */
    IGB_REG_KEEP_SW     = 1 << 3,   /* survives CTRL.RST */
};

struct IGBRegInfo {
    const char *name;
    uint32_t addr;          /* byte offset in BAR0 of element 0 */
    uint16_t count;         /* elements (0 means 1) */
    uint16_t stride;        /* bytes between elements (0 means 4) */
    uint32_t reset;         /* power-on value */
    uint32_t wmask;         /* bits the guest can write */
    uint32_t w1c;           /* bits cleared by writing 1 */
    uint16_t flags;
    int32_t state;          /* IGB_STATE[_ARRAY](field), or 0 for none */
    IGBRegReadFn read;
    IGBRegWriteFn write;
};

/*
 * Storage of a row: a uint32_t (or uint32_t array) member of IGBCore.
 * Rows without storage (state 0) and without a read hook read as 0.
 */
#define IGB_STATE(field)                                                   \
    ((int32_t)offsetof(IGBCore, field) +                                   \
     QEMU_BUILD_BUG_ON_ZERO(!__builtin_types_compatible_p(                 \
         uint32_t, typeof_field(IGBCore, field))))
#define IGB_STATE_ARRAY(field)                                             \
    ((int32_t)offsetof(IGBCore, field) +                                   \
     QEMU_BUILD_BUG_ON_ZERO(!__builtin_types_compatible_p(                 \
         uint32_t, typeof(((IGBCore *)0)->field[0]))))

/* A table of rows, as each unit exports it. */
typedef struct IGBRegTable {
    const IGBRegInfo *rows;
    unsigned count;
} IGBRegTable;

static inline uint32_t *igb_reg_storage(IGBCore *s, const IGBRegInfo *ri,
                                        unsigned idx)
{
    return (uint32_t *)((uint8_t *)s + ri->state) + idx;
}

/* Logging: guest misprogramming and missing features. */
#define IGB_GUEST_ERROR(fmt, ...)                                          \
    qemu_log_mask(LOG_GUEST_ERROR, "igb: %s: " fmt "\n", __func__,         \
                  ## __VA_ARGS__)
#define IGB_UNIMP(fmt, ...)                                                \
    qemu_log_mask(LOG_UNIMP, "igb: %s: " fmt "\n", __func__, ## __VA_ARGS__)

#include "igb_intr.h"
#include "igb_rx.h"
#include "igb_tx.h"
#include "igb_phy.h"
#include "igb_mbx.h"
#include "igb_ptp.h"

/* ---------------------------------------------------------------------- */
/* The device                                                             */
/* ---------------------------------------------------------------------- */

#define IGB_NUM_STATS   ((IGB_STATS_END - IGB_STATS_BASE) / 4)
#define IGB_NUM_SIMPLE  256     /* storage for rows without their own */

struct IGBCore {
    /* Set by the PCI function before igb_core_realize(). */
    PCIDevice *owner;
    /* The VFs' functions, set and cleared by igbvf realize/unrealize. */
    PCIDevice *vf[IGB_MAX_VFS];
    NICState *nic;
    uint8_t permanent_mac[ETH_ALEN];

    /* Control and status (igb_core.c) */
    uint32_t ctrl;
    uint32_t status;
    uint32_t ctrl_ext;
    uint32_t eecd;
    uint32_t eerd;
    uint32_t eewr;
    uint32_t mdic;
    uint32_t swsm;
    uint32_t sw_fw_sync;
    uint32_t eemngctl;
    uint32_t vet;                      /* VLAN ethertypes, for RX and TX */
    uint32_t simple[IGB_NUM_SIMPLE];   /* plain registers, table order */
    uint32_t stats[IGB_NUM_STATS];     /* 0x4000-0x413c */
    uint16_t eeprom[IGB_EEPROM_WORDS];
    uint32_t eeprom_spi_state;         /* EECD bit-banged SPI (see .c) */
    uint32_t eeprom_spi_bits;          /* bits shifted in the current unit */
    uint32_t eeprom_spi_shift;         /* SPI shift register */
    uint32_t eeprom_spi_addr;          /* SPI byte address */
    uint32_t eeprom_spi_sr;            /* SPI status register (WEL) */

    IGBIntrState intr;
    IGBRxState rx;
    IGBTxState tx;
    IGBPhy phy;
    IGBMbxState mbx;
    IGBPtpState ptp;
};

/* ---------------------------------------------------------------------- */
/* Statistics, shared by the units                                        */
/* ---------------------------------------------------------------------- */

static inline void igb_stat_inc(IGBCore *s, uint32_t addr)
{
    uint32_t *c = &s->stats[(addr - IGB_STATS_BASE) / 4];

    if (*c != UINT32_MAX) {
        (*c)++;
    }
}

/* 64-bit counters (GORC, GOTC, TOR, TOT, ...): @addr is the low half. */
static inline void igb_stat_add64(IGBCore *s, uint32_t addr, uint64_t n)
{
    unsigned i = (addr - IGB_STATS_BASE) / 4;
    uint64_t v = ((uint64_t)s->stats[i + 1] << 32 | s->stats[i]) + n;

    s->stats[i] = v;
    s->stats[i + 1] = v >> 32;
}

/* ---------------------------------------------------------------------- */
/* SR-IOV: queues of the VF pools                                         */
/* ---------------------------------------------------------------------- */

/*
 * The VF that owns queue @q, or -1 for the PF: with VFs enabled, VF n owns
 * pool n, queues n and n + 8 (the PF uses the pools above the VFs').
 */
static inline int igb_queue_vf(const IGBCore *s, unsigned q)
{
    unsigned n = q % IGB_NUM_POOLS;
    PCIDevice *vf = n < IGB_MAX_VFS ? s->vf[n] : NULL;

    return vf && vf->enabled ? (int)n : -1;
}

/* The PCI function (PF or VF) that DMAs for queue @q. */
static inline PCIDevice *igb_queue_function(IGBCore *s, unsigned q)
{
    int vf = igb_queue_vf(s, q);

    return vf >= 0 ? s->vf[vf] : s->owner;
}

/*
 * Per-pool statistics (VFGPRC... in the VF window) of the pool that owns
 * queue @q: a frame delivered to the queue, or sent from it. @loopback:
 * switched between pools (VM to VM) rather than to or from the wire.
 */
static inline void igb_pool_stat_rx(IGBCore *s, unsigned q, uint64_t bytes,
                                    bool multicast, bool loopback)
{
    uint32_t *c = s->mbx.pool_stats[q % IGB_NUM_POOLS];

    c[IGB_POOL_GPRC]++;
    c[IGB_POOL_GORC] += bytes;
    if (multicast) {
        c[IGB_POOL_MPRC]++;
    }
    if (loopback) {
        c[IGB_POOL_GPRLBC]++;
        c[IGB_POOL_GORLBC] += bytes;
    }
}

static inline void igb_pool_stat_tx(IGBCore *s, unsigned q, uint64_t bytes,
                                    bool loopback)
{
    uint32_t *c = s->mbx.pool_stats[q % IGB_NUM_POOLS];

    c[IGB_POOL_GPTC]++;
    c[IGB_POOL_GOTC] += bytes;
    if (loopback) {
        c[IGB_POOL_GPTLBC]++;
        c[IGB_POOL_GOTLBC] += bytes;
    }
}

/* ---------------------------------------------------------------------- */
/* Entry points of the core (igb_core.c), used by the PCI function        */
/* ---------------------------------------------------------------------- */

void igb_core_realize(IGBCore *s);
void igb_core_unrealize(IGBCore *s);
void igb_core_reset(IGBCore *s, IGBResetKind kind);
uint64_t igb_core_mmio_read(IGBCore *s, hwaddr addr, unsigned size);
void igb_core_mmio_write(IGBCore *s, hwaddr addr, uint64_t val,
                         unsigned size);
/* Flash window (BAR1): @addr is the offset into the flash. */
uint64_t igb_core_flash_read(IGBCore *s, hwaddr addr, unsigned size);
void igb_core_flash_write(IGBCore *s, hwaddr addr, uint64_t val,
                          unsigned size);
bool igb_core_can_receive(IGBCore *s);
ssize_t igb_core_receive_iov(IGBCore *s, const struct iovec *iov, int cnt);
void igb_core_set_link_status(IGBCore *s, bool up);
int igb_core_post_load(IGBCore *s);

extern const VMStateDescription vmstate_igb_core;

#endif
