/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Intel 82576 (igb) model: the internal copper PHY behind MDIC.
 *
 * The PHY answers as an Intel IGP3 (PHY ID 0x02a80390), the PHY type
 * Linux igb picks for an 82576 with an internal copper PHY (e1000_phy_igp_3
 * in e1000_82575.c). Registers 0-15 are the IEEE 802.3 clause 22 set;
 * 16-30 are vendor registers, paged through register 31: software writes
 * the full extended address to the page select register and then accesses
 * (address & 0x1f). Page 0 holds the port configuration, status and
 * control, link health and power management registers.
 *
 * The link partner advertises every speed and duplex with symmetric
 * pause; autonegotiation completes as soon as it is (re)started. The link
 * is up when the netdev has carrier and the PHY is powered up, or at once
 * in loopback.
 */

#include "qemu/osdep.h"
#include "qemu/log.h"
#include "igb_core.h"
#include "trace.h"

typedef struct IGBPhyRegInfo {
    const char *name;       /* NULL: not a register of this PHY */
    uint16_t reset;
    uint16_t wmask;
} IGBPhyRegInfo;

/* Page 0. Computed registers (status, link partner) have no wmask. */
static const IGBPhyRegInfo igb_phy_regs[IGB_PHY_NUM_REGS] = {
    [IGB_PHY_BMCR] = { "BMCR", 0x1140, 0xffc0 },
    [IGB_PHY_BMSR] = { "BMSR", 0x7949, 0 },
    [IGB_PHY_ID1] = { "PHYID1", IGB_PHY_ID1_VALUE, 0 },
    [IGB_PHY_ID2] = { "PHYID2", IGB_PHY_ID2_VALUE, 0 },
    [IGB_PHY_ANAR] = { "ANAR", 0x0de1, 0xade0 },
    [IGB_PHY_ANLPAR] = { "ANLPAR", 0, 0 },
    [IGB_PHY_ANER] = { "ANER", 0, 0 },
    [IGB_PHY_NPTX] = { "NPTX", 0x2001, 0xb7ff },
    [IGB_PHY_LPRNPR] = { "LPRNPR", 0, 0 },
    [IGB_PHY_GTCR] = { "GTCR", 0x0300, 0xff00 },
    [IGB_PHY_GTSR] = { "GTSR", 0, 0 },
    [IGB_PHY_EXT_STATUS] = { "EXT_STATUS", 0x3000, 0 },
    [IGB_PHY_PORT_CONFIG] = { "PORT_CONFIG", 0, 0xffff },
    [IGB_PHY_PORT_STATUS] = { "PORT_STATUS", 0, 0 },
    [IGB_PHY_PORT_CTRL] = { "PORT_CTRL", 0, 0xffff },
    [IGB_PHY_LINK_HEALTH] = { "LINK_HEALTH", 0, 0 },
    [IGB_PHY_POWER_MGMT] = { "POWER_MGMT", 0, 0xffff },
    [IGB_PHY_PAGE_SELECT] = { "PAGE_SELECT", 0, 0xffff },
};

/* Link partner: 10/100 half and full duplex, symmetric pause, ACK. */
#define IGB_PHY_LP_ABILITY  (IGB_PHY_ANLPAR_ACK | IGB_PHY_ANAR_PAUSE |     \
                             IGB_PHY_ANAR_100FD | IGB_PHY_ANAR_100HD |     \
                             IGB_PHY_ANAR_10FD | IGB_PHY_ANAR_10HD | 0x0001)
/* AGC gain index of a short cable (Linux's IGP2 cable length table). */
#define IGB_PHY_AGC_SHORT_CABLE     9

static bool igb_phy_unimp_logged[IGB_PHY_NUM_REGS];

static bool igb_phy_autoneg(const IGBPhy *phy)
{
    uint16_t bmcr = phy->regs[IGB_PHY_BMCR];

    return (bmcr & IGB_PHY_BMCR_ANENABLE) && !(bmcr & IGB_PHY_BMCR_LOOPBACK);
}

/*
 * Speed and duplex of the link: forced by BMCR, or the best mode both
 * ends advertise. Returns false if autonegotiation finds nothing common.
 */
static bool igb_phy_resolve(const IGBPhy *phy, unsigned *speed, bool *fd)
{
    uint16_t bmcr = phy->regs[IGB_PHY_BMCR];
    uint16_t anar = phy->regs[IGB_PHY_ANAR];
    uint16_t gtcr = phy->regs[IGB_PHY_GTCR];

    if (!igb_phy_autoneg(phy)) {
        if (bmcr & IGB_PHY_BMCR_SPEED_MSB) {
            *speed = IGB_SPEED_1000;
        } else if (bmcr & IGB_PHY_BMCR_SPEED_LSB) {
            *speed = IGB_SPEED_100;
        } else {
            *speed = IGB_SPEED_10;
        }
        *fd = bmcr & IGB_PHY_BMCR_FD;
        return true;
    }
    if (gtcr & (IGB_PHY_GTCR_1000FD | IGB_PHY_GTCR_1000HD)) {
        *speed = IGB_SPEED_1000;
        *fd = gtcr & IGB_PHY_GTCR_1000FD;
    } else if (anar & (IGB_PHY_ANAR_100FD | IGB_PHY_ANAR_100HD)) {
        *speed = IGB_SPEED_100;
        *fd = anar & IGB_PHY_ANAR_100FD;
    } else if (anar & (IGB_PHY_ANAR_10FD | IGB_PHY_ANAR_10HD)) {
        *speed = IGB_SPEED_10;
        *fd = anar & IGB_PHY_ANAR_10FD;
    } else {
        return false;
    }
    return true;
}

bool igb_phy_loopback(const IGBPhy *phy)
{
    return phy->regs[IGB_PHY_BMCR] & IGB_PHY_BMCR_LOOPBACK;
}

bool igb_phy_link_up(const IGBPhy *phy)
{
    unsigned speed;
    bool fd;

    if (phy->regs[IGB_PHY_BMCR] & IGB_PHY_BMCR_PDOWN) {
        return false;
    }
    if (igb_phy_loopback(phy)) {
        return true;
    }
    return phy->carrier && igb_phy_resolve(phy, &speed, &fd);
}

unsigned igb_phy_speed(const IGBPhy *phy)
{
    unsigned speed = IGB_SPEED_1000;
    bool fd;

    igb_phy_resolve(phy, &speed, &fd);
    return speed;
}

bool igb_phy_full_duplex(const IGBPhy *phy)
{
    unsigned speed;
    bool fd = true;

    igb_phy_resolve(phy, &speed, &fd);
    return fd;
}

/* After a change of state: BMSR latches a link loss until it is read. */
static bool igb_phy_link_changed(IGBPhy *phy, bool was_up)
{
    bool up = igb_phy_link_up(phy);

    if (was_up && !up) {
        phy->link_lost = true;
    }
    if (was_up != up) {
        trace_igb_phy_link(phy, up);
    }
    return was_up != up;
}

void igb_phy_reset(IGBPhy *phy)
{
    bool was_up = igb_phy_link_up(phy);

    for (unsigned i = 0; i < IGB_PHY_NUM_REGS; i++) {
        phy->regs[i] = igb_phy_regs[i].reset;
    }
    phy->link_lost = false;
    trace_igb_phy_reset(phy);
    igb_phy_link_changed(phy, was_up);
}

bool igb_phy_set_link(IGBPhy *phy, bool up)
{
    bool was_up = igb_phy_link_up(phy);

    phy->carrier = up;
    return igb_phy_link_changed(phy, was_up);
}

/* Registers computed from the link state. */
static uint16_t igb_phy_read_status(IGBPhy *phy, unsigned reg)
{
    bool up = igb_phy_link_up(phy);
    bool an = igb_phy_autoneg(phy);
    unsigned speed = IGB_SPEED_1000;
    bool fd = true;
    uint16_t val = 0;

    igb_phy_resolve(phy, &speed, &fd);
    switch (reg) {
    case IGB_PHY_BMSR:
        val = igb_phy_regs[reg].reset;
        if (up && !phy->link_lost) {
            val |= IGB_PHY_BMSR_LINK;
        }
        if (up && an) {
            val |= IGB_PHY_BMSR_ANCOMPLETE;
        }
        phy->link_lost = false;
        break;
    case IGB_PHY_ANLPAR:
        val = up && an ? IGB_PHY_LP_ABILITY : 0;
        break;
    case IGB_PHY_ANER:
        val = up && an ? IGB_PHY_ANER_LP_AN_ABLE : 0;
        break;
    case IGB_PHY_GTSR:
        if (up && speed == IGB_SPEED_1000) {
            val = IGB_PHY_GTSR_LOCAL_RX_OK | IGB_PHY_GTSR_REMOTE_RX_OK;
            if (an) {
                val |= IGB_PHY_GTSR_LP_1000FD | IGB_PHY_GTSR_LP_1000HD;
            }
        }
        break;
    case IGB_PHY_PORT_STATUS:
        if (up) {
            val = IGB_PHY_PSSR_LINK | (speed + 1) << IGB_PHY_PSSR_SPEED_SHIFT;
            val |= fd ? IGB_PHY_PSSR_FD : 0;
        }
        break;
    default:
        val = phy->regs[reg];
        break;
    }
    return val;
}

/* Paged vendor registers: the DSP gains (cable length) and PCS state. */
static uint16_t igb_phy_read_paged(IGBPhy *phy, unsigned ext)
{
    switch (ext) {
    case IGB_PHY_AGC_A:
    case IGB_PHY_AGC_B:
    case IGB_PHY_AGC_C:
    case IGB_PHY_AGC_D:
        return IGB_PHY_AGC_SHORT_CABLE << IGB_PHY_AGC_LENGTH_SHIFT;
    case IGB_PHY_PCS_INIT:
        return 0;       /* normal polarity on every pair */
    default:
        IGB_UNIMP("PHY register 0x%x", ext);
        return 0;
    }
}

/* Extended address of a paged access, or @reg on page 0. */
static unsigned igb_phy_ext_addr(const IGBPhy *phy, unsigned reg)
{
    if (reg < 0x10 || reg == IGB_PHY_PAGE_SELECT) {
        return reg;
    }
    return (phy->regs[IGB_PHY_PAGE_SELECT] & ~0x1fu) | reg;
}

static void igb_phy_log_unimp(unsigned reg, bool write)
{
    if (!igb_phy_unimp_logged[reg]) {
        igb_phy_unimp_logged[reg] = true;
        IGB_UNIMP("PHY register 0x%x %s", reg, write ? "write" : "read");
    }
}

bool igb_phy_read(IGBPhy *phy, unsigned reg, uint16_t *val)
{
    unsigned ext;

    if (reg >= IGB_PHY_NUM_REGS) {
        return false;
    }
    ext = igb_phy_ext_addr(phy, reg);
    if (ext >= IGB_PHY_NUM_REGS) {
        *val = igb_phy_read_paged(phy, ext);
    } else if (!igb_phy_regs[reg].name) {
        igb_phy_log_unimp(reg, false);
        *val = 0;
    } else {
        *val = igb_phy_read_status(phy, reg);
    }
    trace_igb_phy_read(phy, ext, *val);
    return true;
}

bool igb_phy_write(IGBPhy *phy, unsigned reg, uint16_t val)
{
    bool was_up = igb_phy_link_up(phy);
    const IGBPhyRegInfo *info;
    unsigned ext;

    if (reg >= IGB_PHY_NUM_REGS) {
        return false;
    }
    ext = igb_phy_ext_addr(phy, reg);
    trace_igb_phy_write(phy, ext, val);
    info = &igb_phy_regs[reg];
    if (ext >= IGB_PHY_NUM_REGS) {
        IGB_UNIMP("PHY register 0x%x write", ext);
        return true;
    }
    if (!info->name) {
        igb_phy_log_unimp(reg, true);
        return true;
    }
    if (reg == IGB_PHY_BMCR && (val & IGB_PHY_BMCR_RESET)) {
        igb_phy_reset(phy);     /* self-clearing; restores the defaults */
        return true;
    }
    phy->regs[reg] = (phy->regs[reg] & ~info->wmask) | (val & info->wmask);
    /* Autonegotiation completes at once: the restart bit self-clears. */
    phy->regs[IGB_PHY_BMCR] &= ~IGB_PHY_BMCR_ANRESTART;
    igb_phy_link_changed(phy, was_up);
    return true;
}

const VMStateDescription vmstate_igb_phy = {
    .name = "igb-phy",
    .version_id = 1,
    .minimum_version_id = 1,
    .fields = (const VMStateField[]) {
        VMSTATE_UINT16_ARRAY(regs, IGBPhy, IGB_PHY_NUM_REGS),
        VMSTATE_BOOL(carrier, IGBPhy),
        VMSTATE_BOOL(link_lost, IGBPhy),
        VMSTATE_END_OF_LIST()
    }
};
