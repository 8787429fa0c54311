/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * QTest cases for the Intel 82576 (igb) NIC that a guest trying to crash,
 * hang or corrupt QEMU would write: DMA aimed at the device's own BARs,
 * rings that point at themselves, loopback storms, MSI-X messages that hit
 * the device, DMA from one function into another's registers, and the
 * reproducers of what the generic fuzzer (generic-fuzz-igb) found.
 *
 * Each case checks that the device did a bounded amount of work, refused
 * what it had to refuse, and still answers.
 */
#include "qemu/osdep.h"
#include "qemu/bswap.h"
#include "libqtest.h"
#include "hw/pci/pci_regs.h"
#include "libqos/pci-pc.h"
#include "libqos/malloc-pc.h"
#include "libqos/igb.h"

#define IGB_DEVFN           QPCI_DEVFN(4, 0)
#define ECAM_BASE           0xb0000000ull
#define MCH_PCIEXBAR        0x60
#define VF_BAR0             0xd0000000ull   /* VF BAR0s, 16 KiB apart */
#define VF_BAR3             0xd0100000ull   /* VF BAR3s (MSI-X) */
#define FRAME_LEN           60
#define RCTL_LBM_MAC        (1u << R_RCTL_LBM_SHIFT)

typedef struct IGBFuzz {
    QTestState *qts;
    QGuestAllocator alloc;
    QPCIBus *bus;
    QPCIDevice *pdev;
    QIGB igb;
    int sv[2];
} IGBFuzz;

/* ---------------------------------------------------------------------- */
/* Machine                                                                */
/* ---------------------------------------------------------------------- */

static IGBFuzz *fuzz_start(void)
{
    IGBFuzz *m = g_new0(IGBFuzz, 1);

    g_assert_cmpint(socketpair(PF_UNIX, SOCK_STREAM, 0, m->sv), !=, -1);
    m->qts = qtest_initf("-M q35 -nodefaults "
                         "-netdev socket,fd=%d,id=hs0 "
                         "-device igb,addr=0x4,netdev=hs0,mac=" IGB_TEST_MAC,
                         m->sv[1]);
    pc_alloc_init(&m->alloc, m->qts, 0);
    m->bus = qpci_new_pc(m->qts, &m->alloc);
    m->pdev = qpci_device_find(m->bus, IGB_DEVFN);
    g_assert_nonnull(m->pdev);
    igb_init(&m->igb, m->pdev, &m->alloc);
    m->igb.fd = m->sv[0];
    return m;
}

/* The device still answers: STATUS and the EEPROM read as they should. */
static void fuzz_alive(IGBFuzz *m)
{
    g_assert_cmphex(igb_reg_read(&m->igb, A_STATUS) & R_STATUS_PF_RST_DONE_MASK,
                    ==, R_STATUS_PF_RST_DONE_MASK);
    g_assert_cmphex(igb_eeprom_read(&m->igb, IGB_EEPROM_MAC0), ==, 0x5452);
}

static void fuzz_stop(IGBFuzz *m)
{
    fuzz_alive(m);
    igb_destroy(&m->igb);
    g_free(m->pdev);
    qpci_free_pc(m->bus);
    alloc_destroy(&m->alloc);
    qtest_quit(m->qts);
    close(m->sv[0]);
    close(m->sv[1]);
    g_free(m);
}

static uint64_t bar0(IGBFuzz *m)
{
    return m->igb.mmio.addr;
}

static uint32_t txq_read(IGBFuzz *m, unsigned q, uint32_t reg)
{
    return igb_reg_read(&m->igb, igb_txq_reg(q, reg));
}

static uint32_t rxq_read(IGBFuzz *m, unsigned q, uint32_t reg)
{
    return igb_reg_read(&m->igb, igb_rxq_reg(q, reg));
}

/* Statistics clear on read */
static uint32_t stat_read(IGBFuzz *m, uint32_t reg)
{
    return igb_reg_read(&m->igb, reg);
}

/* A broadcast frame in guest memory */
static uint64_t frame_alloc(IGBFuzz *m)
{
    uint8_t f[FRAME_LEN] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
                             0x52, 0x54, 0x00, 0x00, 0x00, 0x01,
                             0x08, 0x00 };
    uint64_t addr = guest_alloc(&m->alloc, sizeof(f));

    qtest_memwrite(m->qts, addr, f, sizeof(f));
    return addr;
}

static void desc_write(IGBFuzz *m, uint64_t at, uint64_t addr, uint32_t cmd,
                       uint32_t olinfo)
{
    IGBTxDesc d = {
        .addr = cpu_to_le64(addr),
        .cmd_type_len = cpu_to_le32(cmd),
        .olinfo_status = cpu_to_le32(olinfo),
    };

    qtest_memwrite(m->qts, at, &d, sizeof(d));
}

/* A TX ring of @count descriptors at @ring; TDH = TDT = 0, enabled. */
static void txq_setup(IGBFuzz *m, unsigned q, uint64_t ring, uint32_t count)
{
    QIGB *d = &m->igb;

    igb_reg_write(d, igb_txq_reg(q, A_TXQ_TDBAL), ring);
    igb_reg_write(d, igb_txq_reg(q, A_TXQ_TDBAH), ring >> 32);
    igb_reg_write(d, igb_txq_reg(q, A_TXQ_TDLEN), count * IGB_DESC_SIZE);
    igb_reg_write(d, igb_txq_reg(q, A_TXQ_TDH), 0);
    igb_reg_write(d, igb_txq_reg(q, A_TXQ_TDT), 0);
    igb_reg_write(d, igb_txq_reg(q, A_TXQ_TXDCTL), R_TXDCTL_ENABLE_MASK);
    igb_reg_set(d, A_TCTL, R_TCTL_EN_MASK | R_TCTL_PSP_MASK);
}

/* A TX ring in guest memory full of frames with @cmd, not kicked yet */
static uint64_t txq_frames(IGBFuzz *m, unsigned q, uint32_t count,
                           uint32_t cmd)
{
    uint64_t ring = guest_alloc(&m->alloc, count * IGB_DESC_SIZE);
    uint64_t frame = frame_alloc(m);
    uint32_t i;

    for (i = 0; i < count; i++) {
        desc_write(m, ring + i * IGB_DESC_SIZE, frame, FRAME_LEN | cmd, 0);
    }
    txq_setup(m, q, ring, count);
    return ring;
}

#define TXD_FRAME   (IGB_TXD_CMD_EOP | IGB_TXD_CMD_IFCS | IGB_TXD_CMD_RS)

/* ---------------------------------------------------------------------- */
/* DMA aimed at the device's own registers                                */
/* ---------------------------------------------------------------------- */

/*
 * The TX descriptor ring is BAR0 itself: the descriptor fetch is a DMA
 * read of the device's registers from inside its own TDT write, which the
 * memory core refuses (MemReentrancyGuard): nothing is transmitted.
 */
static void test_tx_ring_in_bar0(void)
{
    IGBFuzz *m = fuzz_start();
    uint64_t ring;

    txq_setup(m, 0, bar0(m) + igb_txq_reg(0, 0), 8);
    igb_reg_write(&m->igb, igb_txq_reg(0, A_TXQ_TDT), 4);
    g_assert_cmpuint(txq_read(m, 0, A_TXQ_TDH), ==, 0);
    g_assert_cmpuint(stat_read(m, A_TPT), ==, 0);

    /* A buffer in BAR0: the packet is dropped, the ring moves on */
    ring = guest_alloc(&m->alloc, 8 * IGB_DESC_SIZE);
    desc_write(m, ring, bar0(m) + A_CTRL, FRAME_LEN | TXD_FRAME, 0);
    txq_setup(m, 1, ring, 8);
    igb_reg_write(&m->igb, igb_txq_reg(1, A_TXQ_TDT), 1);
    g_assert_cmpuint(txq_read(m, 1, A_TXQ_TDH), ==, 1);
    g_assert_cmpuint(stat_read(m, A_TPT), ==, 0);
    fuzz_stop(m);
}

/*
 * Head write-back aimed at a TDT register: the head of queue 0 is written
 * to queue 1's TDT, whose ring is ready. The write is refused, so queue 1
 * stays where it is.
 */
static void test_tx_writeback_to_bar0(void)
{
    IGBFuzz *m = fuzz_start();
    QIGB *d = &m->igb;
    uint64_t ring0;

    txq_frames(m, 1, 8, TXD_FRAME);
    ring0 = txq_frames(m, 0, 8, TXD_FRAME);
    igb_reg_write(d, igb_txq_reg(0, A_TXQ_TDWBAH), bar0(m) >> 32);
    igb_reg_write(d, igb_txq_reg(0, A_TXQ_TDWBAL),
                  (bar0(m) + igb_txq_reg(1, A_TXQ_TDT)) |
                  R_TDWBAL_HEAD_WB_EN_MASK);
    igb_reg_write(d, igb_txq_reg(0, A_TXQ_TDT), 3);
    g_assert_cmpuint(txq_read(m, 0, A_TXQ_TDH), ==, 3);
    g_assert_cmpuint(txq_read(m, 1, A_TXQ_TDT), ==, 0);
    g_assert_cmpuint(txq_read(m, 1, A_TXQ_TDH), ==, 0);
    /* With head write-back, descriptors get no DD */
    g_assert_cmpuint(igb_mem_readl(d, ring0 + 12) & IGB_TXD_STAT_DD, ==, 0);
    fuzz_stop(m);
}

/*
 * A frame from the network whose receive buffer is queue 0's TDT (and the
 * TX registers after it): the network layer holds the device's guard
 * while it delivers, so the buffer write is refused and TX stays idle.
 */
static void test_rx_buffer_in_bar0(void)
{
    IGBFuzz *m = fuzz_start();
    QIGB *d = &m->igb;
    uint8_t frame[FRAME_LEN] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
                                 0x52, 0x54, 0x00, 0x00, 0x00, 0x01,
                                 0x08, 0x00, 0x03, 0x00, 0x00, 0x00 };
    IGBRxDesc desc = {
        .a = cpu_to_le64(bar0(m) + igb_txq_reg(0, A_TXQ_TDT)),
    };
    IGBRxDesc wb;

    txq_frames(m, 0, 8, TXD_FRAME);
    igb_link_up(d);
    igb_rx_ring_init(d, 0, 8, 2048, IGB_SRRCTL_DESCTYPE_ADV_ONEBUF);
    qtest_memwrite(m->qts, d->rx[0].desc, &desc, sizeof(desc));
    igb_rx_enable(d, 0);

    igb_sock_send(d->fd, frame, sizeof(frame));
    g_assert(igb_rx_wait(d, 0, 0, &wb));
    g_assert_cmpuint(txq_read(m, 0, A_TXQ_TDT), ==, 0);
    g_assert_cmpuint(txq_read(m, 0, A_TXQ_TDH), ==, 0);
    g_assert_cmphex(txq_read(m, 0, A_TXQ_TXDCTL), ==, R_TXDCTL_ENABLE_MASK);

    /* The descriptor ring itself in BAR0: the frame is dropped */
    igb_reg_write(d, igb_rxq_reg(0, A_RXQ_RDBAL), bar0(m) + A_CTRL);
    igb_reg_write(d, igb_rxq_reg(0, A_RXQ_RDBAH), bar0(m) >> 32);
    igb_reg_write(d, igb_rxq_reg(0, A_RXQ_RDH), 0);
    igb_reg_write(d, igb_rxq_reg(0, A_RXQ_RDT), 3);
    stat_read(m, A_TPR);
    igb_sock_send(d->fd, frame, sizeof(frame));
    g_assert(igb_wait_reg(d, A_TPR, UINT32_MAX, 1));
    g_assert_cmpuint(rxq_read(m, 0, A_RXQ_RDH), ==, 0);
    fuzz_stop(m);
}

/*
 * MSI-X vector 0 sends its message to EICS with data 1: sending vector 0
 * sets EICR bit 0 again. From a register write the message is refused
 * (the device is in MMIO); from the moderation timer it goes through once
 * per expiry, so the storm is paced by EITR in virtual time.
 */
static void test_msix_to_bar0(void)
{
    IGBFuzz *m = fuzz_start();
    QIGB *d = &m->igb;
    uint64_t entry = m->pdev->msix_table_off;
    int i;

    igb_msix_init(d);
    qpci_io_writel(m->pdev, m->pdev->msix_table_bar,
                   entry + PCI_MSIX_ENTRY_LOWER_ADDR, bar0(m) + A_EICS);
    qpci_io_writel(m->pdev, m->pdev->msix_table_bar,
                   entry + PCI_MSIX_ENTRY_UPPER_ADDR, bar0(m) >> 32);
    qpci_io_writel(m->pdev, m->pdev->msix_table_bar,
                   entry + PCI_MSIX_ENTRY_DATA, 1);
    igb_reg_write(d, A_GPIE, R_GPIE_MULTIPLE_MSIX_MASK);
    igb_reg_write(d, A_EIMS, 1);
    igb_reg_write(d, A_EICS, 1);

    igb_reg_write(d, A_EITR0, 10 << R_EITR_INTERVAL_SHIFT);
    igb_reg_write(d, A_EICS, 1);
    igb_reg_write(d, A_EICS, 1);
    for (i = 0; i < 100; i++) {
        qtest_clock_step(m->qts, 20 * 1000);
    }
    fuzz_stop(m);
}

/* ---------------------------------------------------------------------- */
/* Rings that point at themselves, loopback storms                        */
/* ---------------------------------------------------------------------- */

/*
 * A full TX ring (TDT = TDH - 1) whose buffers are the ring, whose head
 * write-back lands in the ring, in MAC loopback into an RX ring whose
 * buffers are the TX ring too: every frame rewrites descriptors still to
 * be fetched. One TDT write processes at most one ring's worth.
 */
static void test_tx_ring_self(void)
{
    IGBFuzz *m = fuzz_start();
    QIGB *d = &m->igb;
    const uint32_t n = 16;
    uint64_t ring = guest_alloc(&m->alloc, n * IGB_DESC_SIZE);
    IGBRxDesc rxd = { .a = cpu_to_le64(ring), .b = cpu_to_le64(ring) };
    uint32_t i;

    for (i = 0; i < n; i++) {
        desc_write(m, ring + i * IGB_DESC_SIZE, ring,
                   (n * IGB_DESC_SIZE) | TXD_FRAME, 0);
    }
    txq_setup(m, 0, ring, n);
    igb_reg_write(d, igb_txq_reg(0, A_TXQ_TDWBAH), ring >> 32);
    igb_reg_write(d, igb_txq_reg(0, A_TXQ_TDWBAL),
                  (ring + 8) | R_TDWBAL_HEAD_WB_EN_MASK);

    igb_rx_ring_init(d, 0, 8, 1024, IGB_SRRCTL_DESCTYPE_ADV_ONEBUF);
    for (i = 0; i < 8; i++) {
        qtest_memwrite(m->qts, d->rx[0].desc + i * IGB_DESC_SIZE, &rxd,
                       sizeof(rxd));
    }
    igb_rx_enable(d, RCTL_LBM_MAC | R_RCTL_UPE_MASK | R_RCTL_MPE_MASK);

    igb_reg_write(d, igb_txq_reg(0, A_TXQ_TDT), n - 1);
    g_assert_cmpuint(txq_read(m, 0, A_TXQ_TDH), ==, n - 1);
    g_assert_cmpuint(stat_read(m, A_TPT), <=, n - 1);
    /* Once more around the ring, from wherever the guest's junk led */
    igb_reg_write(d, igb_txq_reg(0, A_TXQ_TDT), n - 2);
    g_assert_cmpuint(txq_read(m, 0, A_TXQ_TDH), ==, n - 2);
    fuzz_stop(m);
}

/*
 * MAC loopback into a receive queue without free descriptors: each frame
 * is counted as missed (RNBC) and lost, nothing waits or loops; with
 * SRRCTL.DROP_EN it is counted as dropped by the queue.
 */
static void test_loopback_storm(void)
{
    IGBFuzz *m = fuzz_start();
    QIGB *d = &m->igb;
    const uint32_t n = 256;
    uint32_t srrctl;

    igb_rx_ring_init(d, 0, 8, 2048, IGB_SRRCTL_DESCTYPE_ADV_ONEBUF);
    igb_reg_write(d, igb_rxq_reg(0, A_RXQ_RDT), 0);     /* ring full */
    igb_rx_enable(d, RCTL_LBM_MAC);
    txq_frames(m, 0, n, TXD_FRAME);
    stat_read(m, A_RNBC);
    stat_read(m, A_TPT);

    igb_reg_write(d, igb_txq_reg(0, A_TXQ_TDT), n - 1);
    g_assert_cmpuint(txq_read(m, 0, A_TXQ_TDH), ==, n - 1);
    g_assert_cmpuint(stat_read(m, A_TPT), ==, n - 1);
    g_assert_cmpuint(stat_read(m, A_RNBC), ==, n - 1);

    srrctl = rxq_read(m, 0, A_RXQ_SRRCTL) | R_SRRCTL_DROP_EN_MASK;
    igb_reg_write(d, igb_rxq_reg(0, A_RXQ_SRRCTL), srrctl);
    rxq_read(m, 0, A_RXQ_RQDPC);
    igb_reg_write(d, igb_txq_reg(0, A_TXQ_TDT), 0);
    g_assert_cmpuint(txq_read(m, 0, A_TXQ_TDH), ==, 0);
    g_assert_cmpuint(rxq_read(m, 0, A_RXQ_RQDPC), ==, 1);

    /* Three free descriptors: three frames stored, the rest dropped */
    igb_reg_write(d, igb_rxq_reg(0, A_RXQ_RDT), 3);
    igb_reg_write(d, igb_txq_reg(0, A_TXQ_TDT), 64);
    g_assert_cmpuint(txq_read(m, 0, A_TXQ_TDH), ==, 64);
    g_assert_cmpuint(rxq_read(m, 0, A_RXQ_RDH), ==, 3);
    g_assert_cmpuint(rxq_read(m, 0, A_RXQ_RQDPC), ==, 61);
    fuzz_stop(m);
}

/*
 * One TDT write for three times the frames that one MMIO write may send
 * (4096): the device sends a budget's worth, a bottom half the rest, so
 * all of them go out (MAC loopback into a full receive ring: each one is
 * missed) without the write itself running unbounded.
 */
static void test_tx_budget(void)
{
    IGBFuzz *m = fuzz_start();
    QIGB *d = &m->igb;
    const uint32_t n = 3 * 4096 + 64;
    const uint32_t count = 16384;
    uint64_t ring = guest_alloc(&m->alloc, count * IGB_DESC_SIZE);
    uint64_t frame = frame_alloc(m);
    g_autofree IGBTxDesc *descs = g_new0(IGBTxDesc, count);
    gint64 end = g_get_monotonic_time() + 30 * G_USEC_PER_SEC;
    uint32_t i;

    for (i = 0; i < count; i++) {
        descs[i].addr = cpu_to_le64(frame);
        descs[i].cmd_type_len = cpu_to_le32(FRAME_LEN | TXD_FRAME);
    }
    qtest_memwrite(m->qts, ring, descs, count * IGB_DESC_SIZE);
    txq_setup(m, 0, ring, count);
    igb_rx_ring_init(d, 0, 8, 2048, IGB_SRRCTL_DESCTYPE_ADV_ONEBUF);
    igb_reg_write(d, igb_rxq_reg(0, A_RXQ_RDT), 0);     /* ring full */
    igb_rx_enable(d, RCTL_LBM_MAC);
    stat_read(m, A_TPT);
    stat_read(m, A_RNBC);

    igb_reg_write(d, igb_txq_reg(0, A_TXQ_TDT), n);
    while (txq_read(m, 0, A_TXQ_TDH) != n &&
           g_get_monotonic_time() < end) {
        g_usleep(1000);
    }
    g_assert_cmpuint(txq_read(m, 0, A_TXQ_TDH), ==, n);
    g_assert_cmpuint(stat_read(m, A_TPT), ==, n);
    g_assert_cmpuint(stat_read(m, A_RNBC), ==, n);
    /* The last descriptor was written back (DD), as every one before */
    qtest_memread(m->qts, ring + (n - 1) * IGB_DESC_SIZE, descs,
                  IGB_DESC_SIZE);
    g_assert_cmphex(le32_to_cpu(descs[0].olinfo_status) & IGB_TXD_STAT_DD,
                    ==, IGB_TXD_STAT_DD);
    fuzz_stop(m);
}

/*
 * TCP segmentation in loopback with a tiny MSS: one packet becomes one
 * frame per MSS, all sent within the TDT write, and that is all.
 */
static void test_loopback_tso_small_mss(void)
{
    IGBFuzz *m = fuzz_start();
    QIGB *d = &m->igb;
    const uint32_t hlen = 14 + 20 + 20, payload = 8192, mss = 8;
    uint64_t ring = guest_alloc(&m->alloc, 8 * IGB_DESC_SIZE);
    uint64_t buf = guest_alloc(&m->alloc, hlen + payload);
    IGBTxContextDesc ctx = {
        .vlan_macip_lens = cpu_to_le32(14 << IGB_ADVTXD_MACLEN_SHIFT | 20),
        .type_tucmd_mlhl = cpu_to_le32(IGB_ADVTXD_TUCMD_IPV4 |
                    IGB_ADVTXD_L4T_TCP << IGB_ADVTXD_TUCMD_L4T_SHIFT |
                    IGB_ADVTXD_DTYP_CTXT | IGB_TXD_CMD_DEXT),
        .mss_l4len_idx = cpu_to_le32(mss << IGB_ADVTXD_MSS_SHIFT |
                                     20 << IGB_ADVTXD_L4LEN_SHIFT),
    };
    uint8_t hdr[14 + 20 + 20] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
                                  0x52, 0x54, 0x00, 0x00, 0x00, 0x01,
                                  0x08, 0x00, 0x45 };

    qtest_memset(m->qts, buf, 0, hlen + payload);
    qtest_memwrite(m->qts, buf, hdr, sizeof(hdr));
    qtest_memwrite(m->qts, ring, &ctx, sizeof(ctx));
    desc_write(m, ring + IGB_DESC_SIZE, buf,
               (hlen + payload) | TXD_FRAME | IGB_TXD_CMD_DEXT |
               IGB_ADVTXD_DTYP_DATA | IGB_TXD_CMD_TSE,
               payload << IGB_ADVTXD_PAYLEN_SHIFT);
    txq_setup(m, 0, ring, 8);
    igb_reg_write(d, A_RCTL, RCTL_LBM_MAC);
    stat_read(m, A_TPT);
    igb_reg_write(d, igb_txq_reg(0, A_TXQ_TDT), 2);
    g_assert_cmpuint(txq_read(m, 0, A_TXQ_TDH), ==, 2);
    g_assert_cmpuint(stat_read(m, A_TPT), ==, payload / mss);
    fuzz_stop(m);
}

/* ---------------------------------------------------------------------- */
/* Interrupts                                                             */
/* ---------------------------------------------------------------------- */

/*
 * EICR kept bit 30 (TCP timer), which EICS sets in the non-MSI-X layout;
 * after GPIE.MULTIPLE_MSIX, EIMS bit 30 made "vector 30" fire: the 25
 * moderation slots were indexed with 30 (UBSan: index out of bounds) and
 * mod_pending got bit 30, which the destination of a migration refuses.
 */
static void test_eicr_stale_bit(void)
{
    IGBFuzz *m = fuzz_start();
    QIGB *d = &m->igb;

    igb_msix_init(d);
    igb_reg_write(d, A_GPIE, 0);
    igb_reg_write(d, A_EICS, IGB_EICR_TCP_TIMER);
    igb_reg_write(d, A_GPIE, R_GPIE_MULTIPLE_MSIX_MASK);
    igb_reg_write(d, A_EITR0 + 4, 100 << R_EITR_INTERVAL_SHIFT);
    igb_reg_write(d, A_EIMS, IGB_EICR_TCP_TIMER | 1u << 1);
    igb_reg_write(d, A_EICS, 1u << 1);
    g_assert(igb_msix_fired(d, 1));
    qtest_clock_step(m->qts, 1000 * 1000);
    fuzz_stop(m);
}

/* ---------------------------------------------------------------------- */
/* SR-IOV: DMA from one function into another's registers                 */
/* ---------------------------------------------------------------------- */

static void cf8_writew(IGBFuzz *m, int devfn, int off, uint16_t val)
{
    qtest_outl(m->qts, 0xcf8, 0x80000000 | devfn << 8 | (off & ~3));
    qtest_outw(m->qts, 0xcfc + (off & 3), val);
}

static void ecam_writel(IGBFuzz *m, int devfn, int off, uint32_t val)
{
    qtest_writel(m->qts, ECAM_BASE | devfn << 12 | off, val);
}

/* ECAM on, VF 0 enabled with its BARs mapped and bus mastering */
static uint64_t sriov_vf0(IGBFuzz *m)
{
    uint32_t cap = IGB_PCI_SRIOV_CAP_OFFSET;
    int vf0 = IGB_DEVFN + IGB_VF_OFFSET;

    qtest_outl(m->qts, 0xcf8, 0x80000000 | (MCH_PCIEXBAR + 4));
    qtest_outl(m->qts, 0xcfc, 0);
    qtest_outl(m->qts, 0xcf8, 0x80000000 | MCH_PCIEXBAR);
    qtest_outl(m->qts, 0xcfc, ECAM_BASE | 1);

    ecam_writel(m, IGB_DEVFN, cap + PCI_SRIOV_BAR, VF_BAR0);
    ecam_writel(m, IGB_DEVFN, cap + PCI_SRIOV_BAR + 4, 0);
    ecam_writel(m, IGB_DEVFN, cap + PCI_SRIOV_BAR + 12, VF_BAR3);
    ecam_writel(m, IGB_DEVFN, cap + PCI_SRIOV_BAR + 16, 0);
    qtest_writew(m->qts, ECAM_BASE | IGB_DEVFN << 12 | (cap + PCI_SRIOV_NUM_VF),
                 1);
    qtest_writew(m->qts, ECAM_BASE | IGB_DEVFN << 12 | (cap + PCI_SRIOV_CTRL),
                 PCI_SRIOV_CTRL_VFE | PCI_SRIOV_CTRL_MSE);
    cf8_writew(m, vf0, PCI_COMMAND, PCI_COMMAND_MEMORY | PCI_COMMAND_MASTER);
    return VF_BAR0;
}

/*
 * The PF and its VFs share one device: DMA of the PF into a VF's register
 * window (here: PF queue 1's head write-back onto VF 0's TDT) is refused
 * like DMA into the PF's own BAR0, while the VF's own accesses work.
 */
static void test_sriov_dma_into_vf(void)
{
    IGBFuzz *m = fuzz_start();
    QIGB *d = &m->igb;
    uint64_t vf = sriov_vf0(m);
    uint64_t ring = guest_alloc(&m->alloc, 8 * IGB_DESC_SIZE);
    uint64_t frame = frame_alloc(m);
    uint64_t vtxq = vf + IGBVF_TXQ_BASE;
    uint32_t i;

    /* VF queue 0 (PF queue 0), programmed through the VF's window */
    for (i = 0; i < 8; i++) {
        desc_write(m, ring + i * IGB_DESC_SIZE, frame, FRAME_LEN | TXD_FRAME,
                   0);
    }
    igb_reg_set(d, A_TCTL, R_TCTL_EN_MASK | R_TCTL_PSP_MASK);
    igb_reg_write(d, A_VFTE, 1);        /* VF 0 may transmit */
    qtest_writel(m->qts, vtxq + A_TXQ_TDBAL, ring);
    qtest_writel(m->qts, vtxq + A_TXQ_TDBAH, ring >> 32);
    qtest_writel(m->qts, vtxq + A_TXQ_TDLEN, 8 * IGB_DESC_SIZE);
    qtest_writel(m->qts, vtxq + A_TXQ_TXDCTL, R_TXDCTL_ENABLE_MASK);
    qtest_writel(m->qts, vtxq + A_TXQ_TDT, 1);
    g_assert_cmpuint(qtest_readl(m->qts, vtxq + A_TXQ_TDH), ==, 1);

    /* PF queue 1: its head (3) is written back to VF queue 0's TDT */
    txq_frames(m, 1, 8, TXD_FRAME);
    igb_reg_write(d, igb_txq_reg(1, A_TXQ_TDWBAH), 0);
    igb_reg_write(d, igb_txq_reg(1, A_TXQ_TDWBAL),
                  (vtxq + A_TXQ_TDT) | R_TDWBAL_HEAD_WB_EN_MASK);
    igb_reg_write(d, igb_txq_reg(1, A_TXQ_TDT), 3);
    g_assert_cmpuint(txq_read(m, 1, A_TXQ_TDH), ==, 3);
    g_assert_cmpuint(qtest_readl(m->qts, vtxq + A_TXQ_TDT), ==, 1);
    g_assert_cmpuint(qtest_readl(m->qts, vtxq + A_TXQ_TDH), ==, 1);

    /* ... and the other way: VF queue 0's head onto PF queue 1's TDT */
    qtest_writel(m->qts, vtxq + A_TXQ_TDWBAH, bar0(m) >> 32);
    qtest_writel(m->qts, vtxq + A_TXQ_TDWBAL,
                 (bar0(m) + igb_txq_reg(1, A_TXQ_TDT)) |
                 R_TDWBAL_HEAD_WB_EN_MASK);
    qtest_writel(m->qts, vtxq + A_TXQ_TDT, 2);
    g_assert_cmpuint(qtest_readl(m->qts, vtxq + A_TXQ_TDH), ==, 2);
    g_assert_cmpuint(txq_read(m, 1, A_TXQ_TDT), ==, 3);
    fuzz_stop(m);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);

    if (!qtest_has_machine("q35") || !qtest_has_device("igb")) {
        return g_test_run();
    }
    qtest_add_func("fuzz/igb/reentrancy/tx-ring-in-bar0",
                   test_tx_ring_in_bar0);
    qtest_add_func("fuzz/igb/reentrancy/tx-writeback-to-bar0",
                   test_tx_writeback_to_bar0);
    qtest_add_func("fuzz/igb/reentrancy/rx-buffer-in-bar0",
                   test_rx_buffer_in_bar0);
    qtest_add_func("fuzz/igb/reentrancy/msix-to-bar0", test_msix_to_bar0);
    qtest_add_func("fuzz/igb/reentrancy/sriov-dma-into-vf",
                   test_sriov_dma_into_vf);
    qtest_add_func("fuzz/igb/loop/tx-ring-self", test_tx_ring_self);
    qtest_add_func("fuzz/igb/loop/loopback-storm", test_loopback_storm);
    qtest_add_func("fuzz/igb/loop/tx-budget", test_tx_budget);
    qtest_add_func("fuzz/igb/loop/loopback-tso-small-mss",
                   test_loopback_tso_small_mss);
    qtest_add_func("fuzz/igb/intr/eicr-stale-bit", test_eicr_stale_bit);
    return g_test_run();
}
