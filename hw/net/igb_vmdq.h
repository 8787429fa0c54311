/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Intel 82576 (igb) model: VMDq pools, the virtual switch of the 82576.
 *
 * In the VMDq modes of MRQC a frame goes to pools rather than to a queue:
 * pool n owns queues n and n + 8 and, with SR-IOV, belongs to VF n (the PF
 * uses the pools above its VFs). These are pure functions of the filter
 * registers and of a frame, for the receive unit (which pools take a
 * frame) and the transmit unit (VM-to-VM switching, anti-spoofing). Bit n
 * of a pool mask is pool n.
 */
#ifndef HW_NET_IGB_VMDQ_H
#define HW_NET_IGB_VMDQ_H

#include "igb_filter.h"

#define IGB_POOL_MASK       ((1u << IGB_NUM_POOLS) - 1)

/*
 * The pools that receive a frame that passed the L2 filters (receive
 * switching, datasheet 7.10.3): MAC address (RAH.POOLSEL, VMOLR.ROPE with
 * the UTA, VMOLR.ROMPE with the MTA, VMOLR.MPME, VMOLR.BAM), then VLAN
 * (VLVF.POOLSEL for tagged frames, VMOLR.AUPE for untagged ones), then
 * replication (VT_CTL.VM_REPL_EN), the default pool (VT_CTL.DEF_PL unless
 * VT_CTL.DIS_DEF_POOL), the pools' receive enables (VFRE, for the pools
 * of enabled VFs) and the pools' frame length limits (VMOLR.LPE/RLPML).
 * @src_pool: the pool that sent the frame (VM-to-VM loopback), which does
 * not receive it back; -1 for frames from the wire. 0: no pool (drop).
 */
uint32_t igb_vmdq_rx_pools(const IGBCore *s, const IGBRxPacket *p,
                           int src_pool);
/*
 * The queue of pool @pool for a frame: pool n, or n + 8 where the pool
 * does RSS (MRQC VMDq + RSS, VMOLR.RSSE) and the RETA entry says so.
 */
unsigned igb_vmdq_pool_queue(const IGBCore *s, unsigned pool,
                             uint8_t reta_entry);

/*
 * Transmit switching (DTXSWC.LOOPBACK_EN, VMDq modes): does a frame that
 * pool @src_pool sends to @da go to local pools (then the receive path
 * decides which, igb_vmdq_rx_pools() with @src_pool), and does it also go
 * out on the wire? Unicast to an address of a local pool stays inside;
 * broadcast and multicast go both ways.
 */
bool igb_vmdq_tx_local(const IGBCore *s, const uint8_t *da);
bool igb_vmdq_tx_wire(const IGBCore *s, const uint8_t *da);
/*
 * Anti-spoofing: may pool @pool send a frame with source address @sa and,
 * if @tagged, VLAN @vid? DTXSWC.MAC_SPOOF[n]: @sa must be one of the pool's
 * addresses (RAH.POOLSEL); DTXSWC.VLAN_SPOOF[n]: @vid must be one of the
 * pool's VLANs (VLVF.POOLSEL). A refused frame is dropped and the pool's
 * bit set in WVBR (the transmit unit's job).
 */
bool igb_vmdq_tx_allowed(const IGBCore *s, unsigned pool, const uint8_t *sa,
                         bool tagged, uint16_t vid);

#endif
