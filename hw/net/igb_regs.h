/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Intel 82576 (igb) register map, descriptor layouts and PCI facts.
 *
 * Written from the Intel 82576EB GbE Controller datasheet. Self-contained
 * so that qtests include it too: no QEMU state, no functions with side
 * effects. Offsets are byte offsets into BAR0 (A_*), dword indexes (R_*).
 *
 * Each functional unit of the model has its own section below; a unit adds
 * the registers and fields it implements to its section.
 */
#ifndef HW_NET_IGB_REGS_H
#define HW_NET_IGB_REGS_H

#include "hw/registerfields.h"

/* ---------------------------------------------------------------------- */
/* PCI function                                                           */
/* ---------------------------------------------------------------------- */

#define IGB_PCI_VENDOR_ID           0x8086
#define IGB_PCI_DEVICE_ID           0x10c9  /* 82576, copper */
#define IGBVF_PCI_DEVICE_ID         0x10ca  /* 82576 virtual function */
#define IGB_PCI_REVISION            0x01
#define IGB_PCI_SUBSYS_VENDOR_ID    0x8086
#define IGB_PCI_SUBSYS_ID           0x0000  /* EEPROM word 0x0b default */

#define IGB_MMIO_SIZE               (128 * 1024)  /* BAR0 */
#define IGB_FLASH_SIZE              (128 * 1024)  /* BAR1 */
#define IGB_IO_SIZE                 32            /* BAR2 */
#define IGB_MSIX_SIZE               (16 * 1024)   /* BAR3 */
#define IGB_MMIO_BAR                0
#define IGB_FLASH_BAR               1
#define IGB_IO_BAR                  2
#define IGB_MSIX_BAR                3

/* Configuration space capability offsets (datasheet 9.x). */
#define IGB_PCI_PM_CAP_OFFSET       0x40
#define IGB_PCI_MSI_CAP_OFFSET      0x50
#define IGB_PCI_MSIX_CAP_OFFSET     0x70
#define IGB_PCI_PCIE_CAP_OFFSET     0xa0
#define IGB_PCI_AER_CAP_OFFSET      0x100
#define IGB_PCI_DSN_CAP_OFFSET      0x140
#define IGB_PCI_ARI_CAP_OFFSET      0x150
#define IGB_PCI_SRIOV_CAP_OFFSET    0x160
/* AER (version 1) runs up to the next capability, the serial number. */
#define IGB_PCI_AER_CAP_SIZE        (IGB_PCI_DSN_CAP_OFFSET - \
                                     IGB_PCI_AER_CAP_OFFSET)
/*
 * Device Serial Number: EUI-64 built from the MAC address, the company ID
 * (first three bytes) on top, then this label, then the last three bytes.
 */
#define IGB_DSN_MAC_LABEL           0xffff

/* I/O window (BAR2): indirect access to the register space. */
REG32(IOADDR, 0x00)
REG32(IODATA, 0x04)

#define IGB_MSIX_VECTORS            10
#define IGB_MSIX_TABLE_OFFSET       0x0000
#define IGB_MSIX_PBA_OFFSET         0x2000

/* SR-IOV */
#define IGB_MAX_VFS                 8
#define IGB_TOTAL_VFS               7     /* offered; the PF keeps a pool */
#define IGB_VF_OFFSET               0x80
#define IGB_VF_STRIDE               2
#define IGBVF_MMIO_SIZE             (16 * 1024)
#define IGBVF_MSIX_SIZE             (16 * 1024)
#define IGBVF_MSIX_VECTORS          3
#define IGBVF_MMIO_BAR              0
#define IGBVF_MSIX_BAR              3

/* ---------------------------------------------------------------------- */
/* Sizes of the register arrays                                           */
/* ---------------------------------------------------------------------- */

#define IGB_NUM_QUEUES              16
#define IGB_NUM_POOLS               8
#define IGB_NUM_RAR                 24    /* 16 at 0x5400, 8 at 0x54e0 */
#define IGB_MTA_SIZE                128
#define IGB_VFTA_SIZE               128
#define IGB_UTA_SIZE                128
#define IGB_VLVF_SIZE               32
#define IGB_RETA_SIZE               32    /* 128 one-byte entries */
#define IGB_RSSRK_SIZE              10    /* 40-byte key */
#define IGB_ETQF_SIZE               8
#define IGB_IVAR_SIZE               8
#define IGB_EITR_SIZE               25
#define IGB_NUM_EICR_BITS           25
#define IGB_MBX_SIZE                16    /* dwords of VMBMEM per VF */

/* ---------------------------------------------------------------------- */
/* General control (igb_core.c)                                           */
/* ---------------------------------------------------------------------- */

REG32(CTRL, 0x0000)
    FIELD(CTRL, FD, 0, 1)
    FIELD(CTRL, GIO_MASTER_DISABLE, 2, 1)
    FIELD(CTRL, LRST, 3, 1)
    FIELD(CTRL, SLU, 6, 1)
    FIELD(CTRL, ILOS, 7, 1)
    FIELD(CTRL, SPEED, 8, 2)
    FIELD(CTRL, FRCSPD, 11, 1)
    FIELD(CTRL, FRCDPLX, 12, 1)
    FIELD(CTRL, SDP0_DATA, 18, 1)
    FIELD(CTRL, SDP1_DATA, 19, 1)
    FIELD(CTRL, ADVD3WUC, 20, 1)
    FIELD(CTRL, EN_PHY_PWR_MGMT, 21, 1)
    FIELD(CTRL, SDP0_IODIR, 22, 1)
    FIELD(CTRL, SDP1_IODIR, 23, 1)
    FIELD(CTRL, RST, 26, 1)
    FIELD(CTRL, RFCE, 27, 1)
    FIELD(CTRL, TFCE, 28, 1)
    FIELD(CTRL, DEV_RST, 29, 1)
    FIELD(CTRL, VME, 30, 1)
    FIELD(CTRL, PHY_RST, 31, 1)
REG32(STATUS, 0x0008)
    FIELD(STATUS, FD, 0, 1)
    FIELD(STATUS, LU, 1, 1)
    FIELD(STATUS, LAN_ID, 2, 2)
    FIELD(STATUS, TXOFF, 4, 1)
    FIELD(STATUS, SPEED, 6, 2)
    FIELD(STATUS, ASDV, 8, 2)
    FIELD(STATUS, PHYRA, 10, 1)
    FIELD(STATUS, NUM_VFS, 14, 4)
    FIELD(STATUS, IOV_MODE, 18, 1)
    FIELD(STATUS, GIO_MASTER_ENABLE, 19, 1)
    FIELD(STATUS, DEV_RST_SET, 20, 1)
    FIELD(STATUS, PF_RST_DONE, 21, 1)
#define IGB_SPEED_10                0
#define IGB_SPEED_100               1
#define IGB_SPEED_1000              2
REG32(EECD, 0x0010)
    FIELD(EECD, SK, 0, 1)
    FIELD(EECD, CS, 1, 1)
    FIELD(EECD, DI, 2, 1)
    FIELD(EECD, DO, 3, 1)
    FIELD(EECD, FWE, 4, 2)
    FIELD(EECD, REQ, 6, 1)
    FIELD(EECD, GNT, 7, 1)
    FIELD(EECD, PRES, 8, 1)
    FIELD(EECD, AUTO_RD, 9, 1)
    FIELD(EECD, ADDR_BITS, 10, 1)     /* 1: 16-bit SPI addresses */
    FIELD(EECD, SIZE_EX, 11, 4)       /* 2^(6 + n) words */
    FIELD(EECD, FLASH_IN_USE, 19, 1)
    FIELD(EECD, EE_DET, 21, 1)
REG32(EERD, 0x0014)
    FIELD(EERD, START, 0, 1)
    FIELD(EERD, DONE, 1, 1)
    FIELD(EERD, ADDR, 2, 14)
    FIELD(EERD, DATA, 16, 16)
REG32(CTRL_EXT, 0x0018)
    FIELD(CTRL_EXT, SDP2_DATA, 6, 1)
    FIELD(CTRL_EXT, SDP3_DATA, 7, 1)
    FIELD(CTRL_EXT, EE_RST, 13, 1)
    FIELD(CTRL_EXT, SPD_BYPS, 15, 1)
    FIELD(CTRL_EXT, RO_DIS, 17, 1)
    FIELD(CTRL_EXT, LINK_MODE, 22, 2)
    FIELD(CTRL_EXT, EIAME, 24, 1)
    FIELD(CTRL_EXT, IRCA, 27, 1)
    FIELD(CTRL_EXT, PFRSTD, 14, 1)
    FIELD(CTRL_EXT, DRV_LOAD, 28, 1)
REG32(MDIC, 0x0020)
    FIELD(MDIC, DATA, 0, 16)
    FIELD(MDIC, REGADD, 16, 5)
    FIELD(MDIC, PHYADD, 21, 5)
    FIELD(MDIC, OP, 26, 2)
    FIELD(MDIC, READY, 28, 1)
    FIELD(MDIC, I, 29, 1)
    FIELD(MDIC, ERROR, 30, 1)
#define IGB_MDIC_OP_WRITE           1
#define IGB_MDIC_OP_READ            2
#define IGB_PHY_ADDR                1
#define IGB_PHY_REGS_PER_PAGE       32
REG32(SCTL, 0x0024)
REG32(FCAL, 0x0028)
REG32(FCAH, 0x002c)
REG32(FCT, 0x0030)
REG32(CONNSW, 0x0034)
REG32(VET, 0x0038)
REG32(FCTTV, 0x0170)
REG32(LEDCTL, 0x0e00)
REG32(MDICNFG, 0x0e04)
REG32(PBA, 0x1000)
REG32(PBS, 0x1008)
REG32(EEMNGCTL, 0x1010)
    FIELD(EEMNGCTL, CFG_DONE0, 18, 1)
    FIELD(EEMNGCTL, CFG_DONE1, 19, 1)
REG32(I2CCMD, 0x1028)
REG32(EEWR, 0x102c)
    FIELD(EEWR, START, 0, 1)
    FIELD(EEWR, DONE, 1, 1)
    FIELD(EEWR, ADDR, 2, 14)
    FIELD(EEWR, DATA, 16, 16)
REG32(FRTIMER, 0x1048)
REG32(TCPTIMER, 0x104c)
REG32(FCRTL, 0x2160)
REG32(FCRTH, 0x2168)
REG32(FCRTV, 0x2460)
REG32(RXPBS, 0x2404)
REG32(TXPBS, 0x3404)
REG32(GCR, 0x5b00)
    FIELD(GCR, CMPL_TMOUT, 12, 4)
    FIELD(GCR, CMPL_TMOUT_RESEND, 16, 1)
    FIELD(GCR, CAP_VER2, 18, 1)
REG32(FACTPS, 0x5b30)
REG32(SWSM, 0x5b50)
    FIELD(SWSM, SMBI, 0, 1)
    FIELD(SWSM, SWESMBI, 1, 1)
REG32(FWSM, 0x5b54)
REG32(SW_FW_SYNC, 0x5b5c)
    FIELD(SW_FW_SYNC, SW, 0, 16)
    FIELD(SW_FW_SYNC, FW, 16, 16)
REG32(DCA_CTRL, 0x5b74)
REG32(WUC, 0x5800)
REG32(WUFC, 0x5808)
REG32(WUS, 0x5810)
REG32(MANC, 0x5820)
REG32(IPAV, 0x5838)
REG32(IP4AT0, 0x5840)       /* 4 entries, stride 8 */
REG32(IP6AT0, 0x5880)       /* 4 dwords */
REG32(WUPL, 0x5900)
REG32(WUPM0, 0x5a00)        /* 32 dwords */
REG32(FFLT0, 0x5f00)        /* 4 entries, stride 8 */
REG32(FFMT0, 0x9000)        /* 128 entries, stride 8 */
REG32(FFVT0, 0x9800)        /* 128 entries, stride 8 */
#define IGB_WUPM_SIZE               32
#define IGB_FFLT_SIZE               4
#define IGB_FFMT_SIZE               128
/* Immediate (low latency) interrupt filters. */
REG32(IMIR0, 0x5a80)        /* IGB_NUM_5TUPLE entries */
REG32(IMIREXT0, 0x5aa0)     /* IGB_NUM_5TUPLE entries */
REG32(IMIRVP, 0x5ac0)
/* Copper/SerDes switch and PCS (SerDes and SGMII only). */
REG32(PCS_CFG0, 0x4200)
REG32(PCS_LCTL, 0x4208)
REG32(PCS_LSTAT, 0x420c)
REG32(PCS_ANADV, 0x4218)
REG32(PCS_LPAB, 0x421c)
REG32(PCS_NPTX, 0x4220)
REG32(PCS_LPABNP, 0x4224)
REG32(SCVPC, 0x4228)
/* Flash access (BAR1 window control). */
REG32(EEC_FLA, 0x001c)

/*
 * Registers of the internal PHY, reached through MDIC (IEEE 802.3 clause
 * 22 plus the Intel IGP3 vendor registers that Linux igb uses). Registers
 * 0x10-0x1e are paged: software writes the full extended address to the
 * page select register 0x1f and then accesses (address & 0x1f).
 */
#define IGB_PHY_BMCR                0x00
#define IGB_PHY_BMCR_SPEED_MSB      (1u << 6)
#define IGB_PHY_BMCR_FD             (1u << 8)
#define IGB_PHY_BMCR_ANRESTART      (1u << 9)
#define IGB_PHY_BMCR_ISOLATE        (1u << 10)
#define IGB_PHY_BMCR_PDOWN          (1u << 11)
#define IGB_PHY_BMCR_ANENABLE       (1u << 12)
#define IGB_PHY_BMCR_SPEED_LSB      (1u << 13)
#define IGB_PHY_BMCR_LOOPBACK       (1u << 14)
#define IGB_PHY_BMCR_RESET          (1u << 15)
#define IGB_PHY_BMSR                0x01
#define IGB_PHY_BMSR_LINK           (1u << 2)
#define IGB_PHY_BMSR_ANCOMPLETE     (1u << 5)
#define IGB_PHY_ID1                 0x02
#define IGB_PHY_ID2                 0x03
#define IGB_PHY_ID1_VALUE           0x02a8  /* IGP03E1000 */
#define IGB_PHY_ID2_VALUE           0x0390
#define IGB_PHY_ANAR                0x04
#define IGB_PHY_ANAR_10HD           (1u << 5)
#define IGB_PHY_ANAR_10FD           (1u << 6)
#define IGB_PHY_ANAR_100HD          (1u << 7)
#define IGB_PHY_ANAR_100FD          (1u << 8)
#define IGB_PHY_ANAR_PAUSE          (1u << 10)
#define IGB_PHY_ANAR_ASM_DIR        (1u << 11)
#define IGB_PHY_ANLPAR              0x05
#define IGB_PHY_ANLPAR_ACK          (1u << 14)
#define IGB_PHY_ANER                0x06
#define IGB_PHY_ANER_LP_AN_ABLE     (1u << 0)
#define IGB_PHY_NPTX                0x07
#define IGB_PHY_LPRNPR              0x08
#define IGB_PHY_GTCR                0x09    /* 1000BASE-T control */
#define IGB_PHY_GTCR_1000HD         (1u << 8)
#define IGB_PHY_GTCR_1000FD         (1u << 9)
#define IGB_PHY_GTSR                0x0a    /* 1000BASE-T status */
#define IGB_PHY_GTSR_LP_1000HD      (1u << 10)
#define IGB_PHY_GTSR_LP_1000FD      (1u << 11)
#define IGB_PHY_GTSR_REMOTE_RX_OK   (1u << 12)
#define IGB_PHY_GTSR_LOCAL_RX_OK    (1u << 13)
#define IGB_PHY_EXT_STATUS          0x0f
#define IGB_PHY_PORT_CONFIG         0x10
#define IGB_PHY_PORT_STATUS         0x11
#define IGB_PHY_PSSR_FD             (1u << 9)
#define IGB_PHY_PSSR_LINK           (1u << 10)
#define IGB_PHY_PSSR_SPEED_SHIFT    14      /* 1: 10, 2: 100, 3: 1000 */
#define IGB_PHY_PORT_CTRL           0x12
#define IGB_PHY_LINK_HEALTH         0x13
#define IGB_PHY_POWER_MGMT          0x19
#define IGB_PHY_PAGE_SELECT         0x1f
/* Paged (extended) registers: page select value, then (value & 0x1f). */
#define IGB_PHY_PCS_INIT            0x00b4
#define IGB_PHY_AGC_A               0x11b1
#define IGB_PHY_AGC_B               0x12b1
#define IGB_PHY_AGC_C               0x14b1
#define IGB_PHY_AGC_D               0x18b1
#define IGB_PHY_AGC_LENGTH_SHIFT    9

/* ---------------------------------------------------------------------- */
/* EEPROM word map (igb_core.c)                                           */
/* ---------------------------------------------------------------------- */

#define IGB_EEPROM_WORDS            1024   /* 16 Kbit image, 2 KiB */
#define IGB_EEPROM_MAC0             0x00   /* words 0-2: MAC address */
#define IGB_EEPROM_INIT_CTRL1       0x0a
#define IGB_EEPROM_SUBSYS_ID        0x0b
#define IGB_EEPROM_SUBSYS_VENDOR    0x0c
#define IGB_EEPROM_DEVICE_ID        0x0d
#define IGB_EEPROM_VENDOR_ID        0x0e
#define IGB_EEPROM_INIT_CTRL2       0x0f
#define IGB_EEPROM_COMPAT           0x03
#define IGB_EEPROM_NVM_VERSION      0x05
#define IGB_EEPROM_ETRACK_LO        0x2d
#define IGB_EEPROM_ETRACK_HI        0x2e
#define IGB_EEPROM_CHECKSUM         0x3f   /* words 0-0x3f sum to 0xbaba */
#define IGB_EEPROM_SUM              0xbaba
#define IGB_EEPROM_LED_CFG          0x04   /* 0xffff: default LED modes */
#define IGB_EEPROM_PBA0             0x08   /* printed board assembly */
#define IGB_EEPROM_PBA1             0x09
#define IGB_EEPROM_ALT_MAC_PTR      0x37   /* 0xffff: no alternate MAC */
#define IGB_EEPROM_ICW1_SIGNATURE   0x4000 /* bits 15:14 = 01b: valid */
#define IGB_EEPROM_ICW1_LOAD_IDS    0x0001 /* load vendor/device IDs */
#define IGB_EEPROM_ICW1_LOAD_SUBSYS 0x0002 /* load subsystem IDs */
#define IGB_EEPROM_ICW2_PAUSE       0x1000 /* advertise symmetric pause */
#define IGB_EEPROM_ICW2_ASM_DIR     0x2000 /* advertise asymmetric pause */
/* SPI EEPROM instructions (bit-banged through EECD). */
#define IGB_SPI_WRSR                0x01
#define IGB_SPI_WRITE               0x02
#define IGB_SPI_READ                0x03
#define IGB_SPI_WRDI                0x04
#define IGB_SPI_RDSR                0x05
#define IGB_SPI_WREN                0x06
#define IGB_SPI_SR_RDY_N            0x01   /* write cycle in progress */
#define IGB_SPI_SR_WEL              0x02   /* write enable latch */
#define IGB_SPI_PAGE_SIZE           32     /* bytes per write page */

/* ---------------------------------------------------------------------- */
/* Interrupts (igb_intr.c)                                                */
/* ---------------------------------------------------------------------- */

REG32(ICR, 0x00c0)
    FIELD(ICR, TXDW, 0, 1)
    FIELD(ICR, TXQE, 1, 1)
    FIELD(ICR, LSC, 2, 1)
    FIELD(ICR, RXDMT0, 4, 1)
    FIELD(ICR, RX_MISS, 6, 1)
    FIELD(ICR, RXDW, 7, 1)
    FIELD(ICR, VMMB, 8, 1)
    FIELD(ICR, GPI_SDP0, 11, 1)
    FIELD(ICR, MDAC, 9, 1)
    FIELD(ICR, GPI_SDP1, 12, 1)
    FIELD(ICR, GPI_SDP2, 13, 1)
    FIELD(ICR, GPI_SDP3, 14, 1)
    FIELD(ICR, PTRAP, 15, 1)
    FIELD(ICR, MNG, 18, 1)
    FIELD(ICR, TIME_SYNC, 19, 1)
    FIELD(ICR, FER, 22, 1)
    FIELD(ICR, PCI_EXCEPTION, 24, 1)
    FIELD(ICR, SCE, 25, 1)
    FIELD(ICR, SW_WD, 26, 1)
    FIELD(ICR, OUTSYNC, 28, 1)
    FIELD(ICR, DRSTA, 30, 1)
    FIELD(ICR, INT_ASSERTED, 31, 1)
#define IGB_ICR_CAUSES              0x7fffffffu   /* all but INT_ASSERTED */
REG32(ITR, 0x00c4)
    FIELD(ITR, INTERVAL, 0, 16)
REG32(ICS, 0x00c8)
REG32(IMS, 0x00d0)
REG32(IMC, 0x00d8)
REG32(IAM, 0x00e0)
REG32(GPIE, 0x1514)
    FIELD(GPIE, NSICR, 0, 1)
    FIELD(GPIE, MULTIPLE_MSIX, 4, 1)
    FIELD(GPIE, LL_INTERVAL, 7, 5)
    FIELD(GPIE, EIAME, 30, 1)
    FIELD(GPIE, PBA_SUPPORT, 31, 1)
#define IGB_GPIE_WMASK              0xc0000f91u
REG32(EICS, 0x1520)
REG32(EIMS, 0x1524)
REG32(EIMC, 0x1528)
REG32(EIAC, 0x152c)
REG32(EIAM, 0x1530)
REG32(EICR, 0x1580)
/* Non-MSI-X mode (GPIE.MULTIPLE_MSIX = 0): RxTxQ 15:0, TCP timer, other. */
#define IGB_EICR_RXTXQ_MASK         0x0000ffffu
#define IGB_EICR_TCP_TIMER          (1u << 30)
#define IGB_EICR_OTHER              (1u << 31)
/* MSI-X mode (GPIE.MULTIPLE_MSIX = 1): bit n is MSI-X vector n. */
#define IGB_EICR_MSIX_MASK          ((1u << IGB_NUM_EICR_BITS) - 1)
#define IGB_EICR_WMASK              (IGB_EICR_MSIX_MASK | \
                                     IGB_EICR_RXTXQ_MASK | \
                                     IGB_EICR_TCP_TIMER | IGB_EICR_OTHER)
/* EITR[n] at 0x1680 + 4 * n */
REG32(EITR0, 0x1680)
    FIELD(EITR, INTERVAL, 2, 13)
    FIELD(EITR, LLI_EN, 15, 1)
    FIELD(EITR, LL_COUNTER, 16, 5)
    FIELD(EITR, MODERATION_COUNTER, 21, 10)
    FIELD(EITR, CNT_INGR, 31, 1)
/* IVAR0[n] at 0x1700 + 4 * n: entry n serves queues n and n + 8. */
REG32(IVAR0, 0x1700)
    FIELD(IVAR, RX_LO, 0, 5)
    FIELD(IVAR, RX_LO_VALID, 7, 1)
    FIELD(IVAR, TX_LO, 8, 5)
    FIELD(IVAR, TX_LO_VALID, 15, 1)
    FIELD(IVAR, RX_HI, 16, 5)
    FIELD(IVAR, RX_HI_VALID, 23, 1)
    FIELD(IVAR, TX_HI, 24, 5)
    FIELD(IVAR, TX_HI_VALID, 31, 1)
REG32(IVAR_MISC, 0x1740)
    FIELD(IVAR_MISC, TCP_TIMER, 0, 5)
    FIELD(IVAR_MISC, TCP_TIMER_VALID, 7, 1)
    FIELD(IVAR_MISC, OTHER, 8, 5)
    FIELD(IVAR_MISC, OTHER_VALID, 15, 1)
#define IGB_IVAR_VALID              0x80
#define IGB_IVAR_VECTOR_MASK        0x1f
#define IGB_IVAR_WMASK              0x9f9f9f9fu
#define IGB_IVAR_MISC_WMASK         0x00009f9fu
/* MSIXBM (82575 only) are not on the 82576. */

/* ---------------------------------------------------------------------- */
/* Receive (igb_rx.c, igb_filter.c)                                       */
/* ---------------------------------------------------------------------- */

REG32(RCTL, 0x0100)
    FIELD(RCTL, RST, 0, 1)
    FIELD(RCTL, EN, 1, 1)
    FIELD(RCTL, SBP, 2, 1)
    FIELD(RCTL, UPE, 3, 1)
    FIELD(RCTL, MPE, 4, 1)
    FIELD(RCTL, LPE, 5, 1)
    FIELD(RCTL, LBM, 6, 2)
    FIELD(RCTL, MO, 12, 2)
    FIELD(RCTL, BAM, 15, 1)
    FIELD(RCTL, BSIZE, 16, 2)
    FIELD(RCTL, VFE, 18, 1)
    FIELD(RCTL, CFIEN, 19, 1)
    FIELD(RCTL, CFI, 20, 1)
    FIELD(RCTL, PSP, 21, 1)
    FIELD(RCTL, DPF, 22, 1)
    FIELD(RCTL, PMCF, 23, 1)
    FIELD(RCTL, SECRC, 26, 1)
REG32(RXCSUM, 0x5000)
    FIELD(RXCSUM, PCSS, 0, 8)
    FIELD(RXCSUM, IPOFLD, 8, 1)
    FIELD(RXCSUM, TUOFLD, 9, 1)
    FIELD(RXCSUM, CRCOFL, 11, 1)
    FIELD(RXCSUM, IPPCSE, 12, 1)
    FIELD(RXCSUM, PCSD, 13, 1)
REG32(RLPML, 0x5004)
REG32(RFCTL, 0x5008)
REG32(MTA0, 0x5200)
/* RA: RAL[n] at 0x5400 + 8 * n (n < 16), 0x54e0 + 8 * (n - 16) otherwise */
REG32(RAL0, 0x5400)
REG32(RAH0, 0x5404)
    FIELD(RAH, RAH, 0, 16)
    FIELD(RAH, ASEL, 16, 2)
    FIELD(RAH, POOLSEL, 18, 8)
    FIELD(RAH, AV, 31, 1)
REG32(RA2_BASE, 0x54e0)
REG32(PSRTYPE0, 0x5480)
REG32(VFTA0, 0x5600)
REG32(MRQC, 0x5818)
    FIELD(MRQC, MRQE, 0, 3)
    FIELD(MRQC, DEF_Q, 3, 3)
    FIELD(MRQC, RSS_FIELDS, 16, 16)
#define IGB_MRQC_MRQE_NONE          0
#define IGB_MRQC_MRQE_RSS           2
#define IGB_MRQC_MRQE_VMDQ          3
#define IGB_MRQC_MRQE_VMDQ_RSS      5
#define IGB_MRQC_RSS_TCPIPV4        (1u << 16)
#define IGB_MRQC_RSS_IPV4           (1u << 17)
#define IGB_MRQC_RSS_TCPIPV6EX      (1u << 18)
#define IGB_MRQC_RSS_IPV6EX         (1u << 19)
#define IGB_MRQC_RSS_IPV6           (1u << 20)
#define IGB_MRQC_RSS_TCPIPV6        (1u << 21)
#define IGB_MRQC_RSS_UDPIPV4        (1u << 22)
#define IGB_MRQC_RSS_UDPIPV6        (1u << 23)
#define IGB_MRQC_RSS_UDPIPV6EX      (1u << 24)
REG32(RETA0, 0x5c00)
REG32(RSSRK0, 0x5c80)
REG32(ETQF0, 0x5cb0)
REG32(VLVF0, 0x5d00)
REG32(VT_CTL, 0x581c)
    FIELD(VT_CTL, DEF_PL, 7, 3)
    FIELD(VT_CTL, IGNORE_MAC, 28, 1)
    FIELD(VT_CTL, DIS_DEF_POOL, 29, 1)
    FIELD(VT_CTL, VM_REPL_EN, 30, 1)
REG32(VMOLR0, 0x5ad0)
REG32(UTA0, 0xa000)

/*
 * Per-queue receive block: queue n at 0xc000 + 0x40 * n; queues 0-3 also
 * appear in the legacy window at 0x2800 + 0x100 * n.
 */
#define IGB_RXQ_BASE                0xc000
#define IGB_RXQ_LEGACY_BASE         0x2800
#define IGB_QUEUE_STRIDE            0x40
#define IGB_LEGACY_QUEUE_STRIDE     0x100
#define IGB_LEGACY_QUEUES           4
REG32(RXQ_RDBAL, 0x00)
REG32(RXQ_RDBAH, 0x04)
REG32(RXQ_RDLEN, 0x08)
REG32(RXQ_SRRCTL, 0x0c)
    FIELD(SRRCTL, BSIZEPKT, 0, 7)     /* 1 KiB units */
    FIELD(SRRCTL, BSIZEHDR, 8, 4)     /* 64-byte units */
    FIELD(SRRCTL, RDMTS, 20, 5)
    FIELD(SRRCTL, DESCTYPE, 25, 3)
    FIELD(SRRCTL, TIMESTAMP, 30, 1)
    FIELD(SRRCTL, DROP_EN, 31, 1)
#define IGB_SRRCTL_DESCTYPE_LEGACY          0
#define IGB_SRRCTL_DESCTYPE_ADV_ONEBUF      1
#define IGB_SRRCTL_DESCTYPE_HDR_SPLIT       2
#define IGB_SRRCTL_DESCTYPE_HDR_REPLICATION 3
#define IGB_SRRCTL_DESCTYPE_HDR_SPLIT_ALWAYS 5
REG32(RXQ_RDH, 0x10)
REG32(RXQ_RXCTL, 0x14)
REG32(RXQ_RDT, 0x18)
REG32(RXQ_RXDCTL, 0x28)
    FIELD(RXDCTL, PTHRESH, 0, 5)
    FIELD(RXDCTL, HTHRESH, 8, 5)
    FIELD(RXDCTL, WTHRESH, 16, 5)
    FIELD(RXDCTL, ENABLE, 25, 1)
    FIELD(RXDCTL, SWFLUSH, 26, 1)
REG32(RXQ_RQDPC, 0x30)
REG32(RXQ_DVMOLR, 0x38)

/* Receive: more fields, limits and units (igb_rx.c). */
REG32(RAL16, 0x54e0)                  /* RA2: entries 16-23 */
REG32(RAH16, 0x54e4)
#define IGB_RA_LO_ENTRIES           16    /* RAL/RAH[0-15] at 0x5400 */
#define IGB_RAH_ASEL_DST            0
#define IGB_RAH_ASEL_SRC            1
    FIELD(VET, VET, 0, 16)            /* VET (0x0038): 802.1Q TPID */
    FIELD(VET, VET_EXT, 16, 16)       /* outer TPID, double VLAN */
    FIELD(RLPML, RLPML, 0, 14)
    FIELD(RFCTL, IPV6_EX_DIS, 16, 1)
    FIELD(RFCTL, SYNQFP, 19, 1)         /* SYN filter before 5-tuple */
    FIELD(ETQF, ETYPE, 0, 16)
    FIELD(ETQF, QUEUE, 16, 3)
    FIELD(ETQF, FILTER_EN, 26, 1)
    FIELD(ETQF, IMM_INT, 29, 1)
    FIELD(ETQF, IEEE1588, 30, 1)
    FIELD(ETQF, QUEUE_EN, 31, 1)
    FIELD(VLVF, VLAN_ID, 0, 12)
    FIELD(VLVF, POOLSEL, 12, 8)
    FIELD(VLVF, LVLAN, 20, 1)
    FIELD(VLVF, VI_EN, 31, 1)
    FIELD(VMOLR, RLPML, 0, 14)
    FIELD(VMOLR, LPE, 16, 1)
    FIELD(VMOLR, RSSE, 17, 1)
    FIELD(VMOLR, AUPE, 24, 1)
    FIELD(VMOLR, ROMPE, 25, 1)
    FIELD(VMOLR, ROPE, 26, 1)
    FIELD(VMOLR, BAM, 27, 1)
    FIELD(VMOLR, MPME, 28, 1)
    FIELD(VMOLR, STRVLAN, 30, 1)
    FIELD(VMOLR, STRCRC, 31, 1)
/* PSRTYPE[n]: header split on these packet types (datasheet app. A). */
#define IGB_PSRTYPE_L2              (1u << 0)   /* after MAC/VLAN/SNAP */
#define IGB_PSRTYPE_IPV4            (1u << 1)   /* fragmented IPv4 */
#define IGB_PSRTYPE_IPV4_TCP        (1u << 2)
#define IGB_PSRTYPE_IPV4_UDP        (1u << 3)
#define IGB_PSRTYPE_IPV6            (1u << 7)   /* fragmented IPv6 */
#define IGB_PSRTYPE_IPV6_TCP        (1u << 8)
#define IGB_PSRTYPE_IPV6_UDP        (1u << 9)
#define IGB_SRRCTL_DESCTYPE_HDR_REPLICATION_LARGE 4
#define IGB_SRRCTL_BSIZEPKT_UNIT    1024
#define IGB_SRRCTL_BSIZEHDR_UNIT    64
#define IGB_SRRCTL_RDMTS_UNIT       16    /* descriptors */
#define IGB_RCTL_BSIZE_BASE         2048  /* RCTL.BSIZE n: 2048 >> n bytes */
#define IGB_RX_MAX_FRAME_STD        1522  /* RCTL.LPE = 0, with FCS */
#define IGB_RX_FCS_LEN              4
#define IGB_RETA_ENTRIES            128   /* indexed by hash[6:0] */
#define IGB_RETA_QUEUE_MASK         0xf   /* entry bits 3:0: RSS queue */
#define IGB_RETA_POOL_QUEUE_SHIFT   3     /* VMDq + RSS: queue n or n + 8 */
#define IGB_RSSRK_BYTES             40
#define IGB_MTA_HASH_MASK           0xfff /* 4096-bit MTA/UTA vectors */
#define IGB_ETH_P_MAC_CONTROL       0x8808
#define IGB_MAC_CONTROL_PAUSE       0x0001

/* Receive: reset values and writable bits (8.10, ethtool register test). */
#define IGB_RCTL_WMASK              0x04ffb0feu
#define IGB_RXCSUM_RESET            0x00000300u   /* IPOFLD, TUOFLD */
#define IGB_RXCSUM_WMASK            0x00003bffu
#define IGB_RLPML_RESET             0x00002600u
#define IGB_RFCTL_WMASK             0x000fffffu
#define IGB_VET_RESET               0x81008100u
#define IGB_RAH_WMASK               0x83ffffffu
#define IGB_MRQC_WMASK              0x01ff003fu
#define IGB_VT_CTL_WMASK            0x70000380u
#define IGB_VMOLR_WMASK             0xdf033fffu
#define IGB_PSRTYPE_WMASK           0x00001fffu
#define IGB_ETQF_WMASK              0xe407ffffu
#define IGB_VLVF_WMASK              0x801fffffu
#define IGB_RXQ_RDBAL_WMASK         0xffffff80u   /* 128-byte aligned */
#define IGB_RXQ_RDLEN_WMASK         0x000ffff0u
#define IGB_RXQ_RDX_WMASK           0x0000ffffu   /* RDH, RDT */
#define IGB_SRRCTL_RESET            0x00000402u   /* 2 KiB, 256-byte hdr */
#define IGB_SRRCTL_WMASK            (R_SRRCTL_BSIZEPKT_MASK |             \
                                     R_SRRCTL_BSIZEHDR_MASK |             \
                                     R_SRRCTL_RDMTS_MASK |                \
                                     R_SRRCTL_DESCTYPE_MASK |             \
                                     R_SRRCTL_TIMESTAMP_MASK |            \
                                     R_SRRCTL_DROP_EN_MASK)
#define IGB_RXDCTL_RESET            0x00010000u   /* WTHRESH 1 */
#define IGB_RXDCTL_WMASK            (R_RXDCTL_PTHRESH_MASK |              \
                                     R_RXDCTL_HTHRESH_MASK |              \
                                     R_RXDCTL_WTHRESH_MASK |              \
                                     R_RXDCTL_ENABLE_MASK)

/* Advanced receive descriptor write-back, dword 0 and RSS types. */
    FIELD(RXDADV_INFO, RSS_TYPE, 0, 4)
    FIELD(RXDADV_INFO, PKT_TYPE, 4, 13)
    FIELD(RXDADV_INFO, HDR_LEN, 21, 10)
    FIELD(RXDADV_INFO, SPH, 31, 1)
#define IGB_RXDADV_PKT_IPV4         0x001
#define IGB_RXDADV_PKT_IPV4E        0x002       /* IPv4 with options */
#define IGB_RXDADV_PKT_IPV6         0x004
#define IGB_RXDADV_PKT_IPV6E        0x008       /* IPv6 with extensions */
#define IGB_RXDADV_PKT_TCP          0x010
#define IGB_RXDADV_PKT_UDP          0x020
#define IGB_RXDADV_PKT_SCTP         0x040
#define IGB_RXDADV_PKT_ETQF         0x800       /* bits 2:0: ETQF index */
#define IGB_RXD_ERR_HBO             (1u << 23)  /* header buffer overflow */
enum {
    IGB_RSS_TYPE_NONE = 0,
    IGB_RSS_TYPE_TCP_IPV4 = 1,
    IGB_RSS_TYPE_IPV4 = 2,
    IGB_RSS_TYPE_TCP_IPV6 = 3,
    IGB_RSS_TYPE_IPV6_EX = 4,
    IGB_RSS_TYPE_IPV6 = 5,
    IGB_RSS_TYPE_TCP_IPV6_EX = 6,
    IGB_RSS_TYPE_UDP_IPV4 = 7,
    IGB_RSS_TYPE_UDP_IPV6 = 8,
    IGB_RSS_TYPE_UDP_IPV6_EX = 9,
};

/* ---------------------------------------------------------------------- */
/* Transmit (igb_tx.c)                                                    */
/* ---------------------------------------------------------------------- */

REG32(TCTL, 0x0400)
    FIELD(TCTL, EN, 1, 1)
    FIELD(TCTL, PSP, 3, 1)
    FIELD(TCTL, CT, 4, 8)
    FIELD(TCTL, COLD, 12, 10)
    FIELD(TCTL, SWXOFF, 22, 1)
    FIELD(TCTL, RTLC, 24, 1)
REG32(TCTL_EXT, 0x0404)
    FIELD(TCTL_EXT, COLD, 0, 10)
REG32(TIPG, 0x0410)
    FIELD(TIPG, IPGT, 0, 10)
    FIELD(TIPG, IPGR1, 10, 10)
    FIELD(TIPG, IPGR, 20, 10)
REG32(DTXCTL, 0x3590)
    FIELD(DTXCTL, 8023LL, 2, 1)
    FIELD(DTXCTL, VLAN_ADDED, 3, 1)
    FIELD(DTXCTL, OOS_ENABLE, 4, 1)
    FIELD(DTXCTL, MDP_EN, 5, 1)
    FIELD(DTXCTL, SPOOF_INT, 6, 1)
REG32(DTXSWC, 0x3500)
    FIELD(DTXSWC, MAC_SPOOF, 0, 8)
    FIELD(DTXSWC, VLAN_SPOOF, 8, 8)
    FIELD(DTXSWC, LLE, 16, 8)
    FIELD(DTXSWC, LOOPBACK_EN, 31, 1)
REG32(VMVIR0, 0x3700)       /* pool n at 0x3700 + 4 * n */
    FIELD(VMVIR, VLAN_ID, 0, 16)
    FIELD(VMVIR, VLANA, 30, 2)
#define IGB_VMVIR_VLANA_DESC        0   /* the descriptor's VLE and VLAN */
#define IGB_VMVIR_VLANA_DEFAULT     1   /* always VLAN_ID */
#define IGB_VMVIR_VLANA_NEVER       2   /* never a tag */
#define IGB_VMVIR_VLANA_RESERVED    3
/* Transmit rate limiters, one per queue (7.8.1.3 "rate scheduler") */
REG32(RTTDQSEL, 0x3604)       /* the queue RTTBCNRC accesses */
    FIELD(RTTDQSEL, QUEUE, 0, 4)
REG32(RTTBCNRM, 0x3690)       /* MMW size: no effect in the model */
    FIELD(RTTBCNRM, MMW_SIZE, 0, 10)
REG32(RTTBCNRC, 0x36b0)       /* rate = link speed / RF_INT.RF_DEC */
    FIELD(RTTBCNRC, RF_DEC, 0, 14)
    FIELD(RTTBCNRC, RF_INT, 14, 14)
    FIELD(RTTBCNRC, RS_ENA, 31, 1)
REG32(TDFH, 0x3410)
REG32(TDFT, 0x3418)
REG32(TDFHS, 0x3420)
REG32(TDFPC, 0x3430)

#define IGB_TXQ_BASE                0xe000
#define IGB_TXQ_LEGACY_BASE         0x3800
REG32(TXQ_TDBAL, 0x00)
REG32(TXQ_TDBAH, 0x04)
REG32(TXQ_TDLEN, 0x08)
#define IGB_TDLEN_ALIGN             128     /* TDLEN is a multiple of 128 */
REG32(TXQ_TDH, 0x10)
    FIELD(TDH, TDH, 0, 16)
REG32(TXQ_TXCTL, 0x14)                      /* Tx DCA control */
    FIELD(TXCTL, DESC_DCA_EN, 5, 1)
    FIELD(TXCTL, DESC_RRO_EN, 9, 1)
    FIELD(TXCTL, WB_RO_EN, 11, 1)
    FIELD(TXCTL, DATA_RRO_EN, 13, 1)
    FIELD(TXCTL, CPUID, 24, 8)
REG32(TXQ_TDT, 0x18)
    FIELD(TDT, TDT, 0, 16)
REG32(TXQ_TXDCTL, 0x28)
    FIELD(TXDCTL, PTHRESH, 0, 5)
    FIELD(TXDCTL, HTHRESH, 8, 5)
    FIELD(TXDCTL, WTHRESH, 16, 5)
    FIELD(TXDCTL, ENABLE, 25, 1)
    FIELD(TXDCTL, SWFLSH, 26, 1)
    FIELD(TXDCTL, PRIORITY, 27, 1)
REG32(TXQ_TDWBAL, 0x38)                     /* head write-back address */
    FIELD(TDWBAL, HEAD_WB_EN, 0, 1)
    FIELD(TDWBAL, ADDR, 2, 30)
REG32(TXQ_TDWBAH, 0x3c)

/* Transmit descriptor fields (7.2.2); see also "Descriptors" below. */
#define IGB_TXD_CSO_SHIFT           16      /* legacy cmd_type_len 23:16 */
#define IGB_TXD_CSS_SHIFT           8       /* legacy olinfo_status 15:8 */
#define IGB_TXD_VLAN_SHIFT          16      /* legacy olinfo_status 31:16 */
#define IGB_TX_CONTEXTS             2       /* context slots per queue */
/* Frames one TDT write sends before a bottom half takes over (model) */
#define IGB_TX_FRAME_BUDGET         4096
#define IGB_ADVTXD_IDX_SLOT         (1u << 4)   /* IDX bit used by 82576 */
#define IGB_ADVTXD_CC               (1u << 7)   /* check context */
#define IGB_ADVTXD_IPLEN_MASK       0x1ff
#define IGB_ADVTXD_MACLEN_MASK      0x7f
#define IGB_ADVTXD_VLAN_SHIFT       16
#define IGB_ADVTXD_L4T_MASK         3
#define IGB_ADVTXD_L4LEN_MASK       0xff

/* ---------------------------------------------------------------------- */
/* Statistics (igb_core.c owns the block; units count)                    */
/* ---------------------------------------------------------------------- */

#define IGB_STATS_BASE              0x4000
#define IGB_STATS_END               0x4140    /* exclusive */
/*
 * All counters clear on read. The 64-bit counters (GORC, GOTC, TOR, TOT,
 * HGORC, HGOTC) are read low dword first; reading the high dword returns
 * it and clears the whole counter.
 */
REG32(CRCERRS, 0x4000)
REG32(ALGNERRC, 0x4004)
REG32(SYMERRS, 0x4008)
REG32(RXERRC, 0x400c)
REG32(MPC, 0x4010)
REG32(SCC, 0x4014)
REG32(ECOL, 0x4018)
REG32(MCC, 0x401c)
REG32(LATECOL, 0x4020)
REG32(COLC, 0x4028)
REG32(CBTMPC, 0x402c)
REG32(DC, 0x4030)
REG32(TNCRS, 0x4034)
REG32(SEC, 0x4038)
REG32(CEXTERR, 0x403c)
REG32(RLEC, 0x4040)
REG32(XONRXC, 0x4048)
REG32(XONTXC, 0x404c)
REG32(XOFFRXC, 0x4050)
REG32(XOFFTXC, 0x4054)
REG32(FCRUC, 0x4058)
REG32(PRC64, 0x405c)
REG32(PRC127, 0x4060)
REG32(PRC255, 0x4064)
REG32(PRC511, 0x4068)
REG32(PRC1023, 0x406c)
REG32(PRC1522, 0x4070)
REG32(GPRC, 0x4074)
REG32(BPRC, 0x4078)
REG32(MPRC, 0x407c)
REG32(GPTC, 0x4080)
REG32(GORCL, 0x4088)
REG32(GORCH, 0x408c)
REG32(GOTCL, 0x4090)
REG32(GOTCH, 0x4094)
REG32(RNBC, 0x40a0)
REG32(RUC, 0x40a4)
REG32(RFC, 0x40a8)
REG32(ROC, 0x40ac)
REG32(RJC, 0x40b0)
REG32(MGTPRC, 0x40b4)
REG32(MGTPDC, 0x40b8)
REG32(MGTPTC, 0x40bc)
REG32(TORL, 0x40c0)
REG32(TORH, 0x40c4)
REG32(TOTL, 0x40c8)
REG32(TOTH, 0x40cc)
REG32(TPR, 0x40d0)
REG32(TPT, 0x40d4)
REG32(PTC64, 0x40d8)
REG32(PTC127, 0x40dc)
REG32(PTC255, 0x40e0)
REG32(PTC511, 0x40e4)
REG32(PTC1023, 0x40e8)
REG32(PTC1522, 0x40ec)
REG32(MPTC, 0x40f0)
REG32(BPTC, 0x40f4)
REG32(TSCTC, 0x40f8)
REG32(TSCTFC, 0x40fc)
REG32(IAC, 0x4100)
REG32(ICRXPTC, 0x4104)
REG32(ICRXATC, 0x4108)
REG32(ICTXPTC, 0x410c)
REG32(ICTXATC, 0x4110)
REG32(ICTXQEC, 0x4118)
REG32(ICTXQMTC, 0x411c)
REG32(ICRXDMTC, 0x4120)
REG32(ICRXOC, 0x4124)
REG32(HGORCL, 0x4128)
REG32(HGORCH, 0x412c)
REG32(HGOTCL, 0x4130)
REG32(HGOTCH, 0x4134)
REG32(LENERRS, 0x4138)

/* ---------------------------------------------------------------------- */
/* Time synchronisation (igb_ptp.c)                                       */
/* ---------------------------------------------------------------------- */

REG32(SYSTIML, 0xb600)
REG32(SYSTIMH, 0xb604)
REG32(TIMINCA, 0xb608)
    FIELD(TIMINCA, INCVALUE, 0, 24)     /* added to SYSTIM each period */
    FIELD(TIMINCA, INCPERIOD, 24, 8)    /* in 16 ns units */
#define IGB_TIMINCA_PERIOD_NS       16
REG32(TIMADJL, 0xb60c)
REG32(TIMADJH, 0xb610)
    FIELD(TIMADJH, VALUE, 0, 31)        /* bits 62:32 of the adjustment */
    FIELD(TIMADJH, SIGN, 31, 1)         /* 1: subtract */
REG32(TSYNCTXCTL, 0xb614)
    FIELD(TSYNCTXCTL, VALID, 0, 1)      /* TXSTMP holds a time stamp */
    FIELD(TSYNCTXCTL, EN, 4, 1)
REG32(TXSTMPL, 0xb618)
REG32(TXSTMPH, 0xb61c)
REG32(TSYNCRXCTL, 0xb620)
    FIELD(TSYNCRXCTL, VALID, 0, 1)      /* RXSTMP holds a time stamp */
    FIELD(TSYNCRXCTL, TYPE, 1, 3)
    FIELD(TSYNCRXCTL, EN, 4, 1)
#define IGB_TSYNCRXCTL_TYPE_L2_V2       0   /* V2 over L2, MSGID message */
#define IGB_TSYNCRXCTL_TYPE_L4_V1       1   /* V1 over UDP, CTRLT control */
#define IGB_TSYNCRXCTL_TYPE_L2_L4_V2    2   /* V2 over L2 or UDP, MSGID */
#define IGB_TSYNCRXCTL_TYPE_EVENT_V2    5   /* V2 event messages, L2/UDP */
REG32(RXSTMPL, 0xb624)
REG32(RXSTMPH, 0xb628)
REG32(RXSATRL, 0xb62c)
REG32(RXSATRH, 0xb630)
REG32(TSICR, 0xb66c)
REG32(TSIM, 0xb674)
REG32(TSYNCRXCFG, 0x5f50)
    FIELD(TSYNCRXCFG, CTRLT, 0, 8)      /* PTP V1 control field */
    FIELD(TSYNCRXCFG, MSGID, 8, 4)      /* PTP V2 message type */

/* ---------------------------------------------------------------------- */
/* 5-tuple and SYN queue filters (igb_filter.c)                            */
/* ---------------------------------------------------------------------- */

/*
 * Filter n (n < 8) compares an IPv4 packet with SAQF[n], DAQF[n] (the
 * addresses as they appear on the wire, first byte in bits 7:0),
 * SPQF[n] and IMIR[n] (ports, likewise), FTQF[n] (protocol) and
 * IMIREXT[n] (TCP flags); FTQF.MASK bits leave fields out.
 */
#define IGB_NUM_5TUPLE              8
REG32(SAQF0, 0x5980)
REG32(DAQF0, 0x59a0)
REG32(SPQF0, 0x59c0)
    FIELD(SPQF, PORT, 0, 16)
REG32(FTQF0, 0x59e0)
    FIELD(FTQF, PROTOCOL, 0, 8)
    FIELD(FTQF, QUEUE_EN, 8, 1)
    FIELD(FTQF, POOL, 9, 6)
    FIELD(FTQF, VF_BP, 15, 1)           /* the pool is not compared */
    FIELD(FTQF, QUEUE, 16, 4)
    FIELD(FTQF, TS_1588, 27, 1)         /* time stamp matching packets */
    FIELD(FTQF, MASK_PROTO, 28, 1)      /* MASK bits: field bypassed */
    FIELD(FTQF, MASK_SA, 29, 1)
    FIELD(FTQF, MASK_DA, 30, 1)
    FIELD(FTQF, MASK_SP, 31, 1)
#define IGB_FTQF_WMASK              0xf80fffffu
/* IMIR[n] and IMIREXT[n]: the destination port and the TCP flags */
    FIELD(IMIR, PORT, 0, 16)
    FIELD(IMIR, PORT_IM_EN, 16, 1)      /* low latency interrupt */
    FIELD(IMIR, PORT_BP, 17, 1)         /* the port is not compared */
    FIELD(IMIR, PRIORITY, 29, 3)
    FIELD(IMIREXT, SIZE, 0, 12)
    FIELD(IMIREXT, SIZE_BP, 12, 1)
    FIELD(IMIREXT, CTRL, 13, 6)         /* URG ACK PSH RST SYN FIN */
    FIELD(IMIREXT, CTRL_BP, 19, 1)
REG32(SYNQF0, 0x55fc)
    FIELD(SYNQF, QUEUE_EN, 0, 1)
    FIELD(SYNQF, QUEUE, 1, 3)

/* ---------------------------------------------------------------------- */
/* Virtualisation: mailbox and pools (igb_mbx.c, igb_filter.c)           */
/* ---------------------------------------------------------------------- */

REG32(VMBMEM0, 0x0800)      /* VF n at 0x800 + 0x40 * n */
#define IGB_VMBMEM_STRIDE           (IGB_MBX_SIZE * 4)
REG32(P2VMAILBOX0, 0x0c00)  /* PFMailbox[n], the PF side of VF n */
    FIELD(P2VMAILBOX, STS, 0, 1)      /* WO: message sent to the VF */
    FIELD(P2VMAILBOX, ACK, 1, 1)      /* WO: VF message received */
    FIELD(P2VMAILBOX, VFU, 2, 1)      /* RO: the VF owns the buffer */
    FIELD(P2VMAILBOX, PFU, 3, 1)      /* RW: the PF owns the buffer */
    FIELD(P2VMAILBOX, RVFU, 4, 1)     /* WO: take VFU away from the VF */
REG32(MBVFICR, 0x0c80)      /* W1C */
    FIELD(MBVFICR, VFREQ, 0, 8)       /* VF n posted a message */
    FIELD(MBVFICR, VFACK, 16, 8)      /* VF n acknowledged a message */
REG32(MBVFIMR, 0x0c84)
    FIELD(MBVFIMR, VFIM, 0, 8)        /* VF n may raise ICR.VMMB */
REG32(VFLRE, 0x0c88)        /* W1C: VF n went through FLR or reset */
REG32(VFRE, 0x0c8c)         /* bit n: VF n's pool may receive */
REG32(VFTE, 0x0c90)         /* bit n: VF n's pool may transmit */
#define IGB_VF_MASK                 ((1u << IGB_MAX_VFS) - 1)

/*
 * The register window of a VF (VF BAR0, 16 KiB), as igbvf and DPDK's VF
 * PMD use it. Each VF sees its own mailbox, interrupt registers and the
 * two queues of its pool: VF queue 0 is PF queue n, VF queue 1 is PF
 * queue n + 8 (pool n), laid out like the PF's legacy queue windows.
 */
REG32(VTCTRL, 0x0000)
    FIELD(VTCTRL, RST, 26, 1)         /* VF software reset, self-clearing */
REG32(VTSTATUS, 0x0008)               /* the PF's link bits */
#define IGBVF_STATUS_MASK           (R_STATUS_FD_MASK | R_STATUS_LU_MASK | \
                                     R_STATUS_TXOFF_MASK |               \
                                     R_STATUS_SPEED_MASK)
REG32(VTVMBMEM, 0x0800)               /* this VF's VMBMEM, 16 dwords */
REG32(VTPSRTYPE, 0x0c00)              /* PSRTYPE[n] */
REG32(V2PMAILBOX, 0x0c40)             /* VFMailbox */
    FIELD(V2PMAILBOX, REQ, 0, 1)      /* WO: message sent to the PF */
    FIELD(V2PMAILBOX, ACK, 1, 1)      /* WO: PF message received */
    FIELD(V2PMAILBOX, VFU, 2, 1)      /* RW: the VF owns the buffer */
    FIELD(V2PMAILBOX, PFU, 3, 1)      /* RO: the PF owns the buffer */
    FIELD(V2PMAILBOX, PFSTS, 4, 1)    /* RC: the PF sent a message */
    FIELD(V2PMAILBOX, PFACK, 5, 1)    /* RC: the PF acknowledged */
    FIELD(V2PMAILBOX, RSTI, 6, 1)     /* RO: the PF is resetting */
    FIELD(V2PMAILBOX, RSTD, 7, 1)     /* RC: the PF finished a reset */
#define IGBVF_V2P_RC                (R_V2PMAILBOX_PFSTS_MASK |           \
                                     R_V2PMAILBOX_PFACK_MASK |           \
                                     R_V2PMAILBOX_RSTD_MASK)
/* Per-VF statistics: 32-bit counters that wrap, not cleared by reads. */
REG32(VFGPRC, 0x0f10)
REG32(VFGPTC, 0x0f14)
REG32(VFGORC, 0x0f18)
REG32(VFGOTC, 0x0f34)
REG32(VFMPRC, 0x0f3c)
REG32(VFGPRLBC, 0x0f40)
REG32(VFGPTLBC, 0x0f44)
REG32(VFGORLBC, 0x0f48)
REG32(VFGOTLBC, 0x0f50)
#define IGBVF_STATS_BASE            A_VFGPRC
#define IGBVF_NUM_STATS             ((A_VFGOTLBC - A_VFGPRC) / 4 + 1)
REG32(VTFRTIMER, 0x1048)              /* free running timer, microseconds */
/* Interrupts: bit n of the EI* registers is MSI-X vector n (0-2). */
REG32(VTEICS, 0x1520)
REG32(VTEIMS, 0x1524)
REG32(VTEIMC, 0x1528)
REG32(VTEIAC, 0x152c)
REG32(VTEIAM, 0x1530)
REG32(VTEICR, 0x1580)                 /* clears on read, W1C */
REG32(VTEITR0, 0x1680)                /* VTEITR[n] at 0x1680 + 4 * n */
REG32(VTIVAR, 0x1700)                 /* RX0, TX0, RX1, TX1: a byte each */
REG32(VTIVAR_MISC, 0x1740)
    FIELD(VTIVAR_MISC, MBX, 0, 2)     /* vector of the mailbox cause */
    FIELD(VTIVAR_MISC, MBX_VALID, 7, 1)
#define IGBVF_EICR_MASK             ((1u << IGBVF_MSIX_VECTORS) - 1)
#define IGBVF_IVAR_VECTOR_MASK      0x3
#define IGBVF_IVAR_WMASK            0x83838383u
#define IGBVF_IVAR_MISC_WMASK       0x00000083u
/* VF queue i (0, 1) at these bases + 0x100 * i, PF block layout. */
#define IGBVF_RXQ_BASE              0x2800
#define IGBVF_TXQ_BASE              0x3800
#define IGBVF_NUM_QUEUES            2
REG32(QDE, 0x2408)
REG32(WVBR, 0x3554)
REG32(SSVPC, 0x41a0)
REG32(RPLOLR, 0x5af0)
REG32(IOVCTL, 0x5bbc)

/* ---------------------------------------------------------------------- */
/* Descriptors (little-endian in guest memory)                            */
/* ---------------------------------------------------------------------- */

/* Legacy and advanced transmit descriptors, 16 bytes. */
typedef struct IGBTxDesc {
    uint64_t addr;
    uint32_t cmd_type_len;
    uint32_t olinfo_status;
} IGBTxDesc;

/* Advanced transmit context descriptor, 16 bytes. */
typedef struct IGBTxContextDesc {
    uint32_t vlan_macip_lens;
    uint32_t seqnum_seed;
    uint32_t type_tucmd_mlhl;
    uint32_t mss_l4len_idx;
} IGBTxContextDesc;

/* Receive descriptor, 16 bytes: read format (addresses) and write-back. */
typedef struct IGBRxDesc {
    uint64_t a;     /* legacy: buffer; adv read: packet buffer */
    uint64_t b;     /* legacy: status etc; adv read: header buffer */
} IGBRxDesc;

#define IGB_DESC_SIZE               16

/* Legacy TX descriptor, cmd_type_len */
#define IGB_TXD_LEN_MASK            0xffff
#define IGB_TXD_CMD_EOP             (1u << 24)
#define IGB_TXD_CMD_IFCS            (1u << 25)
#define IGB_TXD_CMD_IC              (1u << 26)
#define IGB_TXD_CMD_RS              (1u << 27)
#define IGB_TXD_CMD_DEXT            (1u << 29)
#define IGB_TXD_CMD_VLE             (1u << 30)
#define IGB_TXD_CMD_TSE             (1u << 31)
#define IGB_TXD_STAT_DD             (1u << 0)

/* Advanced TX descriptors */
#define IGB_ADVTXD_DTYP_SHIFT       20
#define IGB_ADVTXD_DTYP_MASK        (0xfu << 20)
#define IGB_ADVTXD_DTYP_CTXT        (0x2u << 20)
#define IGB_ADVTXD_DTYP_DATA        (0x3u << 20)
#define IGB_ADVTXD_MAC_TSTAMP       (1u << 19)
#define IGB_ADVTXD_LEN_MASK         0xffff
#define IGB_ADVTXD_STA_DD           (1u << 0)
#define IGB_ADVTXD_IDX_SHIFT        4
#define IGB_ADVTXD_POPTS_IXSM       (1u << 8)
#define IGB_ADVTXD_POPTS_TXSM       (1u << 9)
#define IGB_ADVTXD_PAYLEN_SHIFT     14
#define IGB_ADVTXD_MACLEN_SHIFT     9
#define IGB_ADVTXD_TUCMD_IPV4       (1u << 10)
#define IGB_ADVTXD_TUCMD_L4T_SHIFT  11
#define IGB_ADVTXD_L4T_UDP          0
#define IGB_ADVTXD_L4T_TCP          1
#define IGB_ADVTXD_L4T_SCTP         2
#define IGB_ADVTXD_L4LEN_SHIFT      8
#define IGB_ADVTXD_MSS_SHIFT        16

/* Advanced RX write-back */
#define IGB_RXD_STAT_DD             (1u << 0)
#define IGB_RXD_STAT_EOP            (1u << 1)
#define IGB_RXD_STAT_IXSM           (1u << 2)
#define IGB_RXD_STAT_VP             (1u << 3)
#define IGB_RXD_STAT_UDPCS          (1u << 4)
#define IGB_RXD_STAT_TCPCS          (1u << 5)
#define IGB_RXD_STAT_IPCS           (1u << 6)
#define IGB_RXD_STAT_PIF            (1u << 7)
#define IGB_RXD_STAT_TS             (1u << 16)
#define IGB_RXD_STAT_LB             (1u << 18)
#define IGB_RXD_ERR_L4E             (1u << 29)
#define IGB_RXD_ERR_IPE             (1u << 30)
#define IGB_RXD_ERR_RXE             (1u << 31)

#endif
