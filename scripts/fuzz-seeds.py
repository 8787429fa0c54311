#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Seed inputs for generic-fuzz-igb(-sriov), written into a corpus folder.

libFuzzer alone rarely finds the handful of register writes that start the
transmit or receive path (ring length, queue enable, TCTL/RCTL, tail). Each
seed is a generic-fuzz program that does that, so mutations start from deep
states: transmit, MAC loopback into a receive ring, TCP segmentation,
MSI-X interrupts. Descriptors and buffers come from DMA patterns: the
fuzzer fills each DMA read of unwritten memory with the next pattern.

Program format (tests/qtest/fuzz/generic_fuzz.c): commands separated by
"FUZZ"; the first byte is the opcode, then the op's packed arguments. MMIO
region 0 is the PF's BAR0 (igb-mmio, the lowest BAR address).

  scripts/fuzz-seeds.py CORPUS_DIR
"""
import os
import struct
import sys

SEP = b"FUZZ"
OP_WRITE = 3
OP_PCI_WRITE = 5
OP_ADD_DMA_PATTERN = 7
OP_CLOCK_STEP = 9
BAR0 = 0                # index of igb-mmio among the fuzzable regions


def wr(off, val):
    """32-bit write to BAR0 (size 2: Long; base; offset; value)."""
    return bytes([OP_WRITE]) + struct.pack("<BBxxIQ", 2, BAR0, off, val)


def cfg16(off, val):
    """16-bit configuration write to PCI device 0 (the PF)."""
    return bytes([OP_PCI_WRITE]) + struct.pack("<BBBxI", 1, 0, off, val)


def dma(pattern):
    return bytes([OP_ADD_DMA_PATTERN, 0, 0]) + pattern


def txd(addr, cmd, olinfo=0):
    return struct.pack("<QII", addr, cmd, olinfo)


EOP_RS_IFCS = (1 << 24) | (1 << 27) | (1 << 25)
DEXT_DATA = (1 << 29) | (3 << 20)
TSE = 1 << 31

TX_START = [
    wr(0xe008, 0x80),               # TDLEN: 8 descriptors
    wr(0xe028, 1 << 25),            # TXDCTL.ENABLE
    wr(0x0400, (1 << 1) | (1 << 3)),  # TCTL.EN | PSP
]
RX_LOOPBACK = [
    wr(0x0100, 0x2 | 0x8 | 0x10 | 0x8000 | 0x40),  # RCTL EN UPE MPE BAM LBM
    wr(0xc008, 0x80),               # RDLEN
    wr(0xc00c, (1 << 25) | 2),      # SRRCTL: advanced, 2 KiB buffers
    wr(0xc028, 1 << 25),            # RXDCTL.ENABLE
    wr(0xc018, 7),                  # RDT
]

SEEDS = {
    "seed-tx-legacy": [dma(txd(0x1000, EOP_RS_IFCS | 60))] + TX_START +
                      [wr(0xe018, 4)],
    "seed-tx-advanced": [dma(txd(0x1000, EOP_RS_IFCS | DEXT_DATA | 60,
                                 60 << 14))] + TX_START + [wr(0xe018, 4)],
    "seed-loopback": [dma(txd(0x1000, EOP_RS_IFCS | 64))] + RX_LOOPBACK +
                     TX_START + [wr(0xe018, 6)],
    # Each DMA read takes the next pattern: context, data descriptor, frame
    "seed-tso-loopback": [
        dma(struct.pack("<IIII", (14 << 9) | 20, 0,
                        (1 << 10) | (1 << 11) | (2 << 20) | (1 << 29),
                        (100 << 16) | (20 << 8))),
        dma(txd(0x2000, EOP_RS_IFCS | DEXT_DATA | TSE | 1500, 1446 << 14)),
        dma(bytes([0xff] * 6 + [0x52, 0x54, 0, 0, 0, 1, 8, 0, 0x45]) +
            bytes(39)),
    ] + RX_LOOPBACK + TX_START + [wr(0xe018, 2)],
    "seed-msix": [
        cfg16(0x72, 0x8000),                # MSI-X Enable
        bytes([OP_WRITE]) + struct.pack("<BBxxIQ", 2, 2, 12, 0),  # unmask 0
        wr(0x1514, (1 << 4) | (1 << 31)),   # GPIE: MULTIPLE_MSIX, PBA
        wr(0x1700, 0x81808180),             # IVAR0
        wr(0x1740, 0x8082),                 # IVAR_MISC
        wr(0x1680, 10 << 2),                # EITR0
        wr(0x1524, 0x7),                    # EIMS
        wr(0x00d0, 0xffffffff),             # IMS
        wr(0x1520, 0x7),                    # EICS
        wr(0x00c8, 0x4),                    # ICS
        bytes([OP_CLOCK_STEP]),
    ],
}


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    corpus = sys.argv[1]
    os.makedirs(corpus, exist_ok=True)
    for name, cmds in SEEDS.items():
        path = os.path.join(corpus, name)
        if not os.path.exists(path):
            with open(path, "wb") as f:
                f.write(SEP.join(cmds))


if __name__ == "__main__":
    main()
