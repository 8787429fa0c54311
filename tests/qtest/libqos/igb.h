/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * libqos driver for the Intel 82576 (igb) NIC
 *
 * The "igb" qgraph node consumes a pci-bus; tests consume "igb" and get a
 * QIGBPCI. The helpers below drive the device as a driver would: registers
 * through BAR0, descriptor rings in guest memory, MSI-X vectors whose
 * messages land in guest memory, and the netdev socket whose other end the
 * test holds (QEMU's socket netdev framing: 4-byte big-endian length, then
 * the frame).
 */
#ifndef QTEST_LIBQOS_IGB_H
#define QTEST_LIBQOS_IGB_H

#include "qgraph.h"
#include "pci.h"
/* The register map of the device model (hw/net/igb_regs.h). */
#include "hw/net/igb_regs.h"

#define IGB_TEST_MAC            "52:54:00:12:34:56"
#define IGB_TEST_TIMEOUT_US     (5 * G_USEC_PER_SEC)
#define IGB_TEST_MAX_FRAME      (128 * 1024)    /* what the socket carries */

typedef struct QIGBRing {
    uint64_t desc;          /* guest address of the descriptor ring */
    uint64_t buf;           /* guest address of the buffers */
    uint32_t count;         /* descriptors in the ring */
    uint32_t buf_size;      /* bytes per buffer */
    uint32_t tail;          /* next descriptor the driver fills */
    uint32_t desctype;      /* RX: SRRCTL.DESCTYPE */
} QIGBRing;

typedef struct QIGB {
    QPCIDevice *pdev;
    QGuestAllocator *alloc;
    QPCIBar mmio;
    uint64_t msix_msg;      /* guest address of the MSI-X message slots */
    int fd;                 /* the test's end of the netdev, -1 if none */
    QIGBRing tx[IGB_NUM_QUEUES];
    QIGBRing rx[IGB_NUM_QUEUES];
} QIGB;

typedef struct QIGBPCI {
    QOSGraphObject obj;
    QPCIDevice pci_dev;
    QIGB igb;
} QIGBPCI;

/* Device */
void igb_init(QIGB *d, QPCIDevice *pdev, QGuestAllocator *alloc);
void igb_destroy(QIGB *d);
uint32_t igb_reg_read(QIGB *d, uint32_t off);
void igb_reg_write(QIGB *d, uint32_t off, uint32_t val);
void igb_reg_set(QIGB *d, uint32_t off, uint32_t bits);
void igb_reg_clear(QIGB *d, uint32_t off, uint32_t bits);
void igb_reset(QIGB *d);
void igb_link_up(QIGB *d);
uint16_t igb_eeprom_read(QIGB *d, unsigned word);
bool qigb_phy_read(QIGB *d, unsigned phy, unsigned reg, uint16_t *val);
bool qigb_phy_write(QIGB *d, unsigned phy, unsigned reg, uint16_t val);

/* A little-endian dword of guest memory */
uint32_t igb_mem_readl(QIGB *d, uint64_t addr);
void igb_mem_writel(QIGB *d, uint64_t addr, uint32_t val);

static inline uint32_t igb_rxq_reg(unsigned q, uint32_t reg)
{
    return IGB_RXQ_BASE + q * IGB_QUEUE_STRIDE + reg;
}

static inline uint32_t igb_txq_reg(unsigned q, uint32_t reg)
{
    return IGB_TXQ_BASE + q * IGB_QUEUE_STRIDE + reg;
}

/* Wait until (reg & mask) == val; false on timeout. */
bool igb_wait_reg(QIGB *d, uint32_t off, uint32_t mask, uint32_t val);

/* Transmit */
void igb_tx_ring_init(QIGB *d, unsigned q, uint32_t count,
                      uint32_t buf_size);
uint64_t igb_tx_buf(QIGB *d, unsigned q, uint32_t idx);
uint32_t igb_tx_put(QIGB *d, unsigned q, const IGBTxDesc *desc);
uint32_t igb_tx_put_ctx(QIGB *d, unsigned q, const IGBTxContextDesc *ctx);
void igb_tx_kick(QIGB *d, unsigned q);
uint32_t igb_tx_legacy(QIGB *d, unsigned q, const void *frame, size_t len,
                       uint32_t cmd);
uint32_t igb_tx_adv(QIGB *d, unsigned q, const void *frame, size_t len,
                    uint32_t dcmd, uint32_t olinfo);
bool igb_tx_wait_dd(QIGB *d, unsigned q, uint32_t idx);

/* Receive */
void igb_rx_ring_init(QIGB *d, unsigned q, uint32_t count,
                      uint32_t buf_size, uint32_t desctype);
uint64_t igb_rx_buf(QIGB *d, unsigned q, uint32_t idx);
uint64_t igb_rx_hdr_buf(QIGB *d, unsigned q, uint32_t idx);
void igb_rx_refill(QIGB *d, unsigned q, uint32_t n);
void igb_rx_enable(QIGB *d, uint32_t rctl_extra);
void igb_rx_desc(QIGB *d, unsigned q, uint32_t idx, IGBRxDesc *wb);
bool igb_rx_wait(QIGB *d, unsigned q, uint32_t idx, IGBRxDesc *wb);
uint32_t igb_rx_status(const QIGBRing *r, const IGBRxDesc *wb);
uint32_t igb_rx_length(const QIGBRing *r, const IGBRxDesc *wb);

/* Interrupts */
void igb_msix_init(QIGB *d);
bool igb_msix_fired(QIGB *d, unsigned vector);
bool igb_wait_msix(QIGB *d, unsigned vector);
void igb_msix_clear(QIGB *d);
bool igb_intx_asserted(QIGB *d);

/* The test's end of the netdev socket */
void igb_sock_send(int fd, const void *frame, size_t len);
bool igb_sock_pending(int fd, int timeout_ms);
size_t igb_sock_recv(int fd, void *buf, size_t size);
void igb_sock_drain(int fd);

#endif
