/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Intel 82576 (igb) model: STUB header of the phy unit (to be written).
 * Included by igb_core.h only.
 */
#ifndef HW_NET_IGB_PHY_H
#define HW_NET_IGB_PHY_H

#define IGB_PHY_NUM_REGS 32

typedef struct IGBPhy {
    uint16_t regs[IGB_PHY_NUM_REGS];
    bool link_up;
} IGBPhy;

extern const VMStateDescription vmstate_igb_phy;

void igb_phy_reset(IGBPhy *phy);
bool igb_phy_read(IGBPhy *phy, unsigned reg, uint16_t *val);
bool igb_phy_write(IGBPhy *phy, unsigned reg, uint16_t val);
/* The netdev link changed; returns true if the PHY link status changed. */
bool igb_phy_set_link(IGBPhy *phy, bool up);
bool igb_phy_link_up(const IGBPhy *phy);
bool igb_phy_loopback(const IGBPhy *phy);

#endif
