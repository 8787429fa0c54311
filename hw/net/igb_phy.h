/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Intel 82576 (igb) model: the internal copper PHY behind MDIC.
 * Included by igb_core.h only.
 *
 * The PHY identifies itself as an Intel IGP3 (the PHY type Linux igb
 * selects for an 82576 with an internal copper PHY). Its link partner
 * offers everything, autonegotiation completes at once, and the link is
 * up whenever the netdev has carrier and the PHY is not powered down.
 */
#ifndef HW_NET_IGB_PHY_H
#define HW_NET_IGB_PHY_H

#define IGB_PHY_NUM_REGS IGB_PHY_REGS_PER_PAGE

typedef struct IGBPhy {
    uint16_t regs[IGB_PHY_NUM_REGS];    /* page 0 (writable part) */
    bool carrier;                       /* netdev link ("cable plugged") */
    bool link_lost;                     /* BMSR link status latched low */
} IGBPhy;

extern const VMStateDescription vmstate_igb_phy;

/* PHY reset (power-on, CTRL.PHY_RST, BMCR.RESET); keeps the carrier. */
void igb_phy_reset(IGBPhy *phy);
/* MDIO accesses; false when @reg is not a PHY register address. */
bool igb_phy_read(IGBPhy *phy, unsigned reg, uint16_t *val);
bool igb_phy_write(IGBPhy *phy, unsigned reg, uint16_t val);
/* The netdev link changed; returns true if the PHY link status changed. */
bool igb_phy_set_link(IGBPhy *phy, bool up);
/* Link status as the MAC sees it (copper link or PHY loopback). */
bool igb_phy_link_up(const IGBPhy *phy);
bool igb_phy_loopback(const IGBPhy *phy);
/* Resolved speed (IGB_SPEED_*) and duplex of the link. */
unsigned igb_phy_speed(const IGBPhy *phy);
bool igb_phy_full_duplex(const IGBPhy *phy);

#endif
