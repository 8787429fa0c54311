/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * QTest cases for the Intel 82576 (igb) NIC, run by qos-test on every
 * machine whose PCI bus can host the device.
 *
 * Each case starts a fresh QEMU whose netdev is one end of a socket pair:
 * the test reads what the device transmits and injects what it receives.
 * The cases check what the device did (DMA'd frames and descriptors,
 * register values, interrupt messages), against the 82576 datasheet and
 * what the Linux igb driver relies on.
 */
#include "qemu/osdep.h"
#include "qemu/bswap.h"
#include "libqtest.h"
#include "qemu/module.h"
#include "hw/pci/pci_regs.h"
#include "libqos/qgraph.h"
#include "libqos/pci.h"
#include "libqos/igb.h"

#define ETH_HLEN            14
#define IP_HLEN             20
#define TCP_HLEN            20
#define UDP_HLEN            8
#define IP_PROTO_TCP        6
#define IP_PROTO_UDP        17
#define TCP_FLAG_FIN        0x01
#define TCP_FLAG_PSH        0x08
#define TCP_FLAG_ACK        0x10

static const uint8_t dev_mac[6] = { 0x52, 0x54, 0x00, 0x12, 0x34, 0x56 };
static const uint8_t peer_mac[6] = { 0x52, 0x54, 0x00, 0xaa, 0xbb, 0xcc };
static const uint8_t bcast_mac[6] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff };

/* ---------------------------------------------------------------------- */
/* Frames                                                                 */
/* ---------------------------------------------------------------------- */

typedef struct Flow {
    uint32_t src_ip;
    uint32_t dst_ip;
    uint16_t sport;
    uint16_t dport;
    uint8_t proto;
} Flow;

static const Flow flow_tcp = {
    .src_ip = 0x0a000002, .dst_ip = 0x0a000001,
    .sport = 40000, .dport = 80, .proto = IP_PROTO_TCP,
};

static const Flow flow_udp = {
    .src_ip = 0x0a000002, .dst_ip = 0x0a000001,
    .sport = 5353, .dport = 5353, .proto = IP_PROTO_UDP,
};

static uint32_t csum_add(uint32_t sum, const uint8_t *p, size_t len)
{
    size_t i;

    for (i = 0; i + 1 < len; i += 2) {
        sum += (p[i] << 8) | p[i + 1];
    }
    if (len & 1) {
        sum += p[len - 1] << 8;
    }
    return sum;
}

static uint16_t csum_fold(uint32_t sum)
{
    while (sum >> 16) {
        sum = (sum & 0xffff) + (sum >> 16);
    }
    return sum;
}

/* Pseudo-header sum of the IPv4 packet at @ip, for an L4 length @l4len. */
static uint32_t csum_pseudo(const uint8_t *ip, uint16_t l4len)
{
    return csum_add(0, ip + 12, 8) + ip[9] + l4len;
}

static bool ipv4_csum_ok(const uint8_t *ip)
{
    return csum_fold(csum_add(0, ip, IP_HLEN)) == 0xffff;
}

static bool l4_csum_ok(const uint8_t *ip, size_t l4len)
{
    uint32_t sum = csum_pseudo(ip, l4len) + csum_add(0, ip + IP_HLEN, l4len);

    return csum_fold(sum) == 0xffff;
}

/*
 * An IPv4 TCP or UDP frame to @dst, @payload bytes of pattern @seed,
 * optionally 802.1Q tagged with @tci (when @tci >= 0), with valid
 * checksums. Returns the frame length.
 */
static size_t build_frame_tagged(uint8_t *buf, const uint8_t *dst,
                                 const Flow *f, size_t payload, int tci,
                                 uint8_t seed)
{
    size_t l2 = tci >= 0 ? ETH_HLEN + 4 : ETH_HLEN;
    size_t l4len = (f->proto == IP_PROTO_TCP ? TCP_HLEN : UDP_HLEN) + payload;
    uint8_t *ip = buf + l2;
    uint8_t *l4 = ip + IP_HLEN;
    uint16_t sum;
    size_t i;

    memcpy(buf, dst, 6);
    memcpy(buf + 6, peer_mac, 6);
    if (tci >= 0) {
        stw_be_p(buf + 12, 0x8100);
        stw_be_p(buf + 14, tci);
    }
    stw_be_p(buf + l2 - 2, 0x0800);

    memset(ip, 0, IP_HLEN);
    ip[0] = 0x45;
    stw_be_p(ip + 2, IP_HLEN + l4len);
    stw_be_p(ip + 4, 0x1234);
    stw_be_p(ip + 6, 0x4000);
    ip[8] = 64;
    ip[9] = f->proto;
    stl_be_p(ip + 12, f->src_ip);
    stl_be_p(ip + 16, f->dst_ip);
    stw_be_p(ip + 10, ~csum_fold(csum_add(0, ip, IP_HLEN)));

    stw_be_p(l4, f->sport);
    stw_be_p(l4 + 2, f->dport);
    if (f->proto == IP_PROTO_TCP) {
        memset(l4 + 4, 0, TCP_HLEN - 4);
        stl_be_p(l4 + 4, 0x01020304);
        l4[12] = (TCP_HLEN / 4) << 4;
        l4[13] = TCP_FLAG_ACK | TCP_FLAG_PSH;
        stw_be_p(l4 + 14, 0xffff);
    } else {
        stw_be_p(l4 + 4, l4len);
        stw_be_p(l4 + 6, 0);
    }
    for (i = 0; i < payload; i++) {
        l4[l4len - payload + i] = seed + i * 7;
    }
    sum = ~csum_fold(csum_pseudo(ip, l4len) + csum_add(0, l4, l4len));
    stw_be_p(l4 + (f->proto == IP_PROTO_TCP ? 16 : 6), sum ? sum : 0xffff);
    return l2 + IP_HLEN + l4len;
}

static size_t build_frame(uint8_t *buf, const uint8_t *dst, const Flow *f,
                          size_t payload, uint8_t seed)
{
    return build_frame_tagged(buf, dst, f, payload, -1, seed);
}

/* A frame that is not IP: only the ethertype and a pattern. */
static size_t build_raw(uint8_t *buf, const uint8_t *dst, size_t len,
                        uint8_t seed)
{
    size_t i;

    memcpy(buf, dst, 6);
    memcpy(buf + 6, peer_mac, 6);
    stw_be_p(buf + 12, 0x88b5);     /* local experimental ethertype */
    for (i = ETH_HLEN; i < len; i++) {
        buf[i] = seed + i;
    }
    return len;
}

/* ---------------------------------------------------------------------- */
/* Common set-ups                                                         */
/* ---------------------------------------------------------------------- */

static QIGB *igb_test_dev(void *obj, void *data)
{
    QIGBPCI *p = obj;
    g_autofree uint8_t *buf = g_malloc(IGB_TEST_MAX_FRAME);

    p->igb.fd = ((int *)data)[0];
    /* What the device sent before the machine was reset is stale */
    while (igb_sock_pending(p->igb.fd, 0)) {
        igb_sock_recv(p->igb.fd, buf, IGB_TEST_MAX_FRAME);
    }
    return &p->igb;
}

static QTestState *igb_qts(QIGB *d)
{
    return d->pdev->bus->qts;
}

static void assert_alive(QIGB *d)
{
    qtest_qmp_assert_success(igb_qts(d), "{ 'execute': 'query-status' }");
}

/* Link up, queue 0 transmitting and receiving. */
static QIGB *igb_start(void *obj, void *data, uint32_t rx_desctype)
{
    QIGB *d = igb_test_dev(obj, data);

    igb_link_up(d);
    igb_tx_ring_init(d, 0, 16, 4096);
    igb_rx_ring_init(d, 0, 16, 2048, rx_desctype);
    igb_rx_enable(d, 0);
    return d;
}

static void tx_expect(QIGB *d, const void *frame, size_t len)
{
    g_autofree uint8_t *buf = g_malloc(IGB_TEST_MAX_FRAME);
    size_t n = igb_sock_recv(d->fd, buf, IGB_TEST_MAX_FRAME);

    g_assert_cmpuint(n, ==, len);
    g_assert(memcmp(buf, frame, len) == 0);
}

/* Receive a frame that must land in descriptor @idx of queue @q. */
static IGBRxDesc rx_expect(QIGB *d, unsigned q, uint32_t idx,
                           const void *frame, size_t len)
{
    g_autofree uint8_t *buf = g_malloc(len);
    IGBRxDesc wb;

    g_assert(igb_rx_wait(d, q, idx, &wb));
    g_assert_cmphex(igb_rx_status(&d->rx[q], &wb) & IGB_RXD_STAT_EOP, ==,
                    IGB_RXD_STAT_EOP);
    g_assert_cmpuint(igb_rx_length(&d->rx[q], &wb), ==, len);
    qtest_memread(igb_qts(d), igb_rx_buf(d, q, idx), buf, len);
    g_assert(memcmp(buf, frame, len) == 0);
    return wb;
}

/*
 * Inject @frame, which the filters must accept (@accept) or drop. A drop
 * is observed by injecting an accepted frame behind it: it must take the
 * descriptor the dropped one would have taken.
 */
static void rx_filter_check(QIGB *d, uint32_t *next, const void *frame,
                            size_t len, bool accept)
{
    uint8_t sync[80];
    size_t n;

    igb_sock_send(d->fd, frame, len);
    if (accept) {
        rx_expect(d, 0, (*next)++, frame, len);
        return;
    }
    n = build_raw(sync, dev_mac, sizeof(sync), *next);
    igb_sock_send(d->fd, sync, n);
    rx_expect(d, 0, (*next)++, sync, n);
}

/* ---------------------------------------------------------------------- */
/* PCI function                                                           */
/* ---------------------------------------------------------------------- */

static void test_pci_ids(void *obj, void *data, QGuestAllocator *alloc)
{
    QIGB *d = igb_test_dev(obj, data);
    QPCIDevice *pdev = d->pdev;

    g_assert_cmphex(qpci_config_readw(pdev, PCI_VENDOR_ID), ==,
                    IGB_PCI_VENDOR_ID);
    g_assert_cmphex(qpci_config_readw(pdev, PCI_DEVICE_ID), ==, 0x10c9);
    g_assert_cmphex(qpci_config_readb(pdev, PCI_REVISION_ID), ==,
                    IGB_PCI_REVISION);
    /* Ethernet controller, programming interface 0 */
    g_assert_cmphex(qpci_config_readw(pdev, PCI_CLASS_DEVICE), ==, 0x0200);
    g_assert_cmphex(qpci_config_readb(pdev, PCI_CLASS_PROG), ==, 0);
    g_assert_cmphex(qpci_config_readw(pdev, PCI_SUBSYSTEM_VENDOR_ID), ==,
                    IGB_PCI_SUBSYS_VENDOR_ID);
    g_assert_cmphex(qpci_config_readw(pdev, PCI_SUBSYSTEM_ID), ==,
                    IGB_PCI_SUBSYS_ID);
    g_assert_cmphex(qpci_config_readb(pdev, PCI_HEADER_TYPE) & 0x7f, ==,
                    PCI_HEADER_TYPE_NORMAL);
    g_assert_cmphex(qpci_config_readb(pdev, PCI_INTERRUPT_PIN), ==, 1);
    g_assert_cmphex(qpci_config_readw(pdev, PCI_STATUS) & PCI_STATUS_CAP_LIST,
                    ==, PCI_STATUS_CAP_LIST);
}

static uint32_t bar_probe(QPCIDevice *pdev, int bar, uint32_t *size)
{
    uint8_t reg = PCI_BASE_ADDRESS_0 + 4 * bar;
    uint32_t old = qpci_config_readl(pdev, reg);
    uint32_t val, mask;

    qpci_config_writel(pdev, reg, 0xffffffff);
    val = qpci_config_readl(pdev, reg);
    qpci_config_writel(pdev, reg, old);
    mask = (val & PCI_BASE_ADDRESS_SPACE_IO) ?
           (uint32_t)PCI_BASE_ADDRESS_IO_MASK :
           (uint32_t)PCI_BASE_ADDRESS_MEM_MASK;
    *size = (val & mask) ? 1u << ctz32(val & mask) : 0;
    return val & ~mask;
}

static void test_pci_bars(void *obj, void *data, QGuestAllocator *alloc)
{
    QIGB *d = igb_test_dev(obj, data);
    uint32_t size, flags;

    flags = bar_probe(d->pdev, IGB_MMIO_BAR, &size);
    g_assert_cmphex(flags & PCI_BASE_ADDRESS_SPACE, ==,
                    PCI_BASE_ADDRESS_SPACE_MEMORY);
    g_assert_cmphex(flags & PCI_BASE_ADDRESS_MEM_TYPE_MASK, ==,
                    PCI_BASE_ADDRESS_MEM_TYPE_32);
    g_assert_cmpuint(size, ==, 128 * 1024);

    flags = bar_probe(d->pdev, IGB_FLASH_BAR, &size);
    g_assert_cmphex(flags & PCI_BASE_ADDRESS_SPACE, ==,
                    PCI_BASE_ADDRESS_SPACE_MEMORY);
    g_assert_cmpuint(size, ==, IGB_FLASH_SIZE);

    flags = bar_probe(d->pdev, IGB_IO_BAR, &size);
    g_assert_cmphex(flags & PCI_BASE_ADDRESS_SPACE, ==,
                    PCI_BASE_ADDRESS_SPACE_IO);
    g_assert_cmpuint(size, ==, 32);

    flags = bar_probe(d->pdev, IGB_MSIX_BAR, &size);
    g_assert_cmphex(flags & PCI_BASE_ADDRESS_SPACE, ==,
                    PCI_BASE_ADDRESS_SPACE_MEMORY);
    g_assert_cmpuint(size, ==, 16 * 1024);

    bar_probe(d->pdev, 4, &size);
    g_assert_cmpuint(size, ==, 0);
    bar_probe(d->pdev, 5, &size);
    g_assert_cmpuint(size, ==, 0);
}

static void test_pci_caps(void *obj, void *data, QGuestAllocator *alloc)
{
    QIGB *d = igb_test_dev(obj, data);
    QPCIDevice *pdev = d->pdev;
    uint8_t off = qpci_config_readb(pdev, PCI_CAPABILITY_LIST);
    uint8_t want[] = { PCI_CAP_ID_PM, PCI_CAP_ID_MSI, PCI_CAP_ID_MSIX };
    uint8_t at[] = { 0x40, 0x50, 0x70 };
    unsigned i = 0, n = 0;
    uint16_t ctl;

    /* PM, MSI, MSI-X in this order, then PCI Express on a PCIe bus. */
    while (off && n++ < 48) {
        uint8_t id = qpci_config_readb(pdev, off);

        if (i < ARRAY_SIZE(want)) {
            g_assert_cmphex(id, ==, want[i]);
            g_assert_cmphex(off, ==, at[i]);
            i++;
        } else {
            g_assert_cmphex(id, ==, PCI_CAP_ID_EXP);
            g_assert_cmphex(off, ==, 0xa0);
        }
        off = qpci_config_readb(pdev, off + PCI_CAP_LIST_NEXT);
    }
    g_assert_cmpuint(i, ==, ARRAY_SIZE(want));
    g_assert_cmpuint(n, <, 48);

    /* MSI: 64-bit addresses */
    ctl = qpci_config_readw(pdev, 0x50 + PCI_MSI_FLAGS);
    g_assert_cmphex(ctl & PCI_MSI_FLAGS_64BIT, ==, PCI_MSI_FLAGS_64BIT);
    g_assert_cmphex(ctl & PCI_MSI_FLAGS_ENABLE, ==, 0);

    /* MSI-X: 10 vectors, table at BAR3 + 0, PBA at BAR3 + 0x2000 */
    ctl = qpci_config_readw(pdev, 0x70 + PCI_MSIX_FLAGS);
    g_assert_cmpuint((ctl & PCI_MSIX_FLAGS_QSIZE) + 1, ==, 10);
    g_assert_cmphex(ctl & PCI_MSIX_FLAGS_ENABLE, ==, 0);
    g_assert_cmphex(qpci_config_readl(pdev, 0x70 + PCI_MSIX_TABLE), ==,
                    0x0000 | IGB_MSIX_BAR);
    g_assert_cmphex(qpci_config_readl(pdev, 0x70 + PCI_MSIX_PBA), ==,
                    0x2000 | IGB_MSIX_BAR);
}

/* The I/O BAR: IOADDR at 0 selects a register, IODATA at 4 accesses it. */
static void test_pci_io_bar(void *obj, void *data, QGuestAllocator *alloc)
{
    QIGB *d = igb_test_dev(obj, data);
    QPCIBar io = qpci_iomap(d->pdev, IGB_IO_BAR, NULL);

    qpci_io_writel(d->pdev, io, 0, A_STATUS);
    g_assert_cmphex(qpci_io_readl(d->pdev, io, 0), ==, A_STATUS);
    g_assert_cmphex(qpci_io_readl(d->pdev, io, 4), ==,
                    igb_reg_read(d, A_STATUS));

    qpci_io_writel(d->pdev, io, 0, A_RAL0 + 8);
    qpci_io_writel(d->pdev, io, 4, 0xa5a55a5a);
    g_assert_cmphex(igb_reg_read(d, A_RAL0 + 8), ==, 0xa5a55a5a);
    igb_reg_write(d, A_RAL0 + 8, 0x12345678);
    g_assert_cmphex(qpci_io_readl(d->pdev, io, 4), ==, 0x12345678);
    qpci_iounmap(d->pdev, io);
}

/* ---------------------------------------------------------------------- */
/* Register file                                                          */
/* ---------------------------------------------------------------------- */

typedef struct RegReset {
    const char *name;
    uint32_t addr;
    unsigned count;
    uint32_t stride;
    uint32_t mask;
    uint32_t value;
} RegReset;

#define RXQ(r)  (IGB_RXQ_BASE + A_RXQ_##r)
#define TXQ(r)  (IGB_TXQ_BASE + A_TXQ_##r)
#define NQ      IGB_NUM_QUEUES
#define QS      IGB_QUEUE_STRIDE

static const RegReset reset_values[] = {
    { "CTRL", A_CTRL, 1, 4,
      R_CTRL_RST_MASK | R_CTRL_DEV_RST_MASK | R_CTRL_PHY_RST_MASK, 0 },
    { "STATUS", A_STATUS, 1, 4, R_STATUS_GIO_MASTER_ENABLE_MASK,
      R_STATUS_GIO_MASTER_ENABLE_MASK },
    { "EECD", A_EECD, 1, 4, R_EECD_PRES_MASK | R_EECD_AUTO_RD_MASK,
      R_EECD_PRES_MASK | R_EECD_AUTO_RD_MASK },
    { "ICR", A_ICR, 1, 4, ~0u, 0 },
    { "IMS", A_IMS, 1, 4, ~0u, 0 },
    { "IAM", A_IAM, 1, 4, ~0u, 0 },
    { "EICR", A_EICR, 1, 4, ~0u, 0 },
    { "EIMS", A_EIMS, 1, 4, ~0u, 0 },
    { "EIAC", A_EIAC, 1, 4, ~0u, 0 },
    { "EIAM", A_EIAM, 1, 4, ~0u, 0 },
    { "GPIE", A_GPIE, 1, 4, ~0u, 0 },
    { "IVAR", A_IVAR0, IGB_IVAR_SIZE, 4, ~0u, 0 },
    { "IVAR_MISC", A_IVAR_MISC, 1, 4, ~0u, 0 },
    { "RCTL", A_RCTL, 1, 4, ~0u, 0 },
    { "TCTL", A_TCTL, 1, 4, R_TCTL_EN_MASK, 0 },
    /* IPOFLD and TUOFLD default to 1 (Linux igb relies on it) */
    { "RXCSUM", A_RXCSUM, 1, 4,
      R_RXCSUM_IPOFLD_MASK | R_RXCSUM_TUOFLD_MASK | R_RXCSUM_PCSD_MASK,
      R_RXCSUM_IPOFLD_MASK | R_RXCSUM_TUOFLD_MASK },
    { "MRQC", A_MRQC, 1, 4, ~0u, 0 },
    { "VET", A_VET, 1, 4, 0xffff, 0x8100 },
    { "RAH[1..15].AV", A_RAH0 + 8, 15, 8, R_RAH_AV_MASK, 0 },
    { "RAH[16..23].AV", A_RA2_BASE + 4, 8, 8, R_RAH_AV_MASK, 0 },
    { "RDBAL", RXQ(RDBAL), NQ, QS, ~0u, 0 },
    { "RDBAH", RXQ(RDBAH), NQ, QS, ~0u, 0 },
    { "RDLEN", RXQ(RDLEN), NQ, QS, ~0u, 0 },
    { "RDH", RXQ(RDH), NQ, QS, ~0u, 0 },
    { "RDT", RXQ(RDT), NQ, QS, ~0u, 0 },
    { "TDBAL", TXQ(TDBAL), NQ, QS, ~0u, 0 },
    { "TDBAH", TXQ(TDBAH), NQ, QS, ~0u, 0 },
    { "TDLEN", TXQ(TDLEN), NQ, QS, ~0u, 0 },
    { "TDH", TXQ(TDH), NQ, QS, ~0u, 0 },
    { "TDT", TXQ(TDT), NQ, QS, ~0u, 0 },
    { "TDWBAL", TXQ(TDWBAL), NQ, QS, ~0u, 0 },
    { "TDWBAH", TXQ(TDWBAH), NQ, QS, ~0u, 0 },
    { "statistics", IGB_STATS_BASE, (IGB_STATS_END - IGB_STATS_BASE) / 4, 4,
      ~0u, 0 },
};

static void check_reset_values(QIGB *d)
{
    const RegReset *r;
    unsigned i;
    uint32_t val;

    for (r = reset_values; r < reset_values + ARRAY_SIZE(reset_values);
         r++) {
        for (i = 0; i < r->count; i++) {
            val = igb_reg_read(d, r->addr + i * r->stride);
            if ((val & r->mask) != r->value) {
                g_test_message("%s[%u] at 0x%05x: 0x%08x, expected 0x%08x "
                               "under mask 0x%08x", r->name, i,
                               r->addr + i * r->stride, val, r->value,
                               r->mask);
            }
            g_assert_cmphex(val & r->mask, ==, r->value);
        }
    }
}

static void test_reg_reset_values(void *obj, void *data,
                                  QGuestAllocator *alloc)
{
    QIGB *d = igb_test_dev(obj, data);

    check_reset_values(d);

    /* Dirty some of them, then a software reset (CTRL.RST) */
    igb_reg_write(d, A_IMS, 0x4);
    igb_reg_write(d, A_EIMS, 0x3);
    igb_reg_write(d, A_RCTL, R_RCTL_EN_MASK | R_RCTL_UPE_MASK);
    igb_reg_write(d, igb_rxq_reg(3, A_RXQ_RDLEN), 0x400);
    igb_reg_write(d, igb_txq_reg(9, A_TXQ_TDBAL), 0x1000);
    igb_reg_write(d, A_MRQC, IGB_MRQC_MRQE_RSS);
    igb_reg_write(d, A_RAH0 + 8 * 5, R_RAH_AV_MASK | 0x1234);
    igb_reset(d);
    check_reset_values(d);
}

enum { PATTERN, SET_READ, WRITE_ONLY, TABLE32, TABLE64_LO, TABLE64_HI };

typedef struct RegTest {
    uint32_t addr;
    uint32_t stride;
    unsigned count;
    int type;
    uint32_t mask;
    uint32_t write;
} RegTest;

/* Queues 0-3 in the legacy window, 4-15 in the new one */
#define LRXQ(r) (IGB_RXQ_LEGACY_BASE + A_RXQ_##r)
#define HRXQ(r) (IGB_RXQ_BASE + 4 * IGB_QUEUE_STRIDE + A_RXQ_##r)
#define LTXQ(r) (IGB_TXQ_LEGACY_BASE + A_TXQ_##r)
#define HTXQ(r) (IGB_TXQ_BASE + 4 * IGB_QUEUE_STRIDE + A_TXQ_##r)
#define LS      IGB_LEGACY_QUEUE_STRIDE

/* What Linux igb's ethtool register test checks on an 82576. */
static const RegTest reg_tests[] = {
    { A_FCAL, 4, 1, PATTERN, 0xffffffff, 0xffffffff },
    { A_FCAH, 4, 1, PATTERN, 0x0000ffff, 0xffffffff },
    { A_FCT, 4, 1, PATTERN, 0x0000ffff, 0xffffffff },
    { A_VET, 4, 1, PATTERN, 0xffffffff, 0xffffffff },
    { LRXQ(RDBAL), LS, 4, PATTERN, 0xffffff80, 0xffffffff },
    { LRXQ(RDBAH), LS, 4, PATTERN, 0xffffffff, 0xffffffff },
    { LRXQ(RDLEN), LS, 4, PATTERN, 0x000ffff0, 0x000fffff },
    { HRXQ(RDBAL), QS, 12, PATTERN, 0xffffff80, 0xffffffff },
    { HRXQ(RDBAH), QS, 12, PATTERN, 0xffffffff, 0xffffffff },
    { HRXQ(RDLEN), QS, 12, PATTERN, 0x000ffff0, 0x000fffff },
    { LRXQ(RXDCTL), LS, 4, WRITE_ONLY, 0, R_RXDCTL_ENABLE_MASK },
    { HRXQ(RXDCTL), QS, 12, WRITE_ONLY, 0, R_RXDCTL_ENABLE_MASK },
    { LRXQ(RDT), LS, 4, PATTERN, 0x0000ffff, 0x0000ffff },
    { HRXQ(RDT), QS, 12, PATTERN, 0x0000ffff, 0x0000ffff },
    { LRXQ(RXDCTL), LS, 4, WRITE_ONLY, 0, 0 },
    { HRXQ(RXDCTL), QS, 12, WRITE_ONLY, 0, 0 },
    { A_FCRTH, 4, 1, PATTERN, 0x0000fff0, 0x0000fff0 },
    { A_FCTTV, 4, 1, PATTERN, 0x0000ffff, 0x0000ffff },
    { A_TIPG, 4, 1, PATTERN, 0x3fffffff, 0x3fffffff },
    { LTXQ(TDBAL), LS, 4, PATTERN, 0xffffff80, 0xffffffff },
    { LTXQ(TDBAH), LS, 4, PATTERN, 0xffffffff, 0xffffffff },
    { LTXQ(TDLEN), LS, 4, PATTERN, 0x000ffff0, 0x000fffff },
    { HTXQ(TDBAL), QS, 12, PATTERN, 0xffffff80, 0xffffffff },
    { HTXQ(TDBAH), QS, 12, PATTERN, 0xffffffff, 0xffffffff },
    { HTXQ(TDLEN), QS, 12, PATTERN, 0x000ffff0, 0x000fffff },
    { A_RCTL, 4, 1, SET_READ, 0xffffffff, 0x00000000 },
    { A_RCTL, 4, 1, SET_READ, 0x04cfb0fe, 0x003ffffb },
    { A_RCTL, 4, 1, SET_READ, 0x04cfb0fe, 0xffffffff },
    { A_TCTL, 4, 1, SET_READ, 0xffffffff, 0x00000000 },
    { A_RAL0, 0, 16, TABLE64_LO, 0xffffffff, 0xffffffff },
    { A_RAL0, 0, 16, TABLE64_HI, 0x83ffffff, 0xffffffff },
    { A_RA2_BASE, 0, 8, TABLE64_LO, 0xffffffff, 0xffffffff },
    { A_RA2_BASE, 0, 8, TABLE64_HI, 0x83ffffff, 0xffffffff },
    { A_MTA0, 0, 128, TABLE32, 0xffffffff, 0xffffffff },
};

static void reg_pattern(QIGB *d, uint32_t addr, uint32_t mask,
                        uint32_t write)
{
    static const uint32_t pat[] = {
        0x5a5a5a5a, 0xa5a5a5a5, 0x00000000, 0xffffffff
    };
    unsigned i;

    for (i = 0; i < ARRAY_SIZE(pat); i++) {
        igb_reg_write(d, addr, pat[i] & write);
        if ((igb_reg_read(d, addr) & mask) != (pat[i] & write & mask)) {
            g_test_message("register 0x%05x: wrote 0x%08x", addr,
                           pat[i] & write);
        }
        g_assert_cmphex(igb_reg_read(d, addr) & mask, ==,
                        pat[i] & write & mask);
    }
}

static void test_reg_write_masks(void *obj, void *data,
                                 QGuestAllocator *alloc)
{
    QIGB *d = igb_test_dev(obj, data);
    const RegTest *t;
    uint32_t addr;
    unsigned i;

    for (t = reg_tests; t < reg_tests + ARRAY_SIZE(reg_tests); t++) {
        for (i = 0; i < t->count; i++) {
            switch (t->type) {
            case PATTERN:
                reg_pattern(d, t->addr + i * t->stride, t->mask, t->write);
                break;
            case SET_READ:
                igb_reg_write(d, t->addr, t->write & t->mask);
                g_assert_cmphex(igb_reg_read(d, t->addr) & t->mask, ==,
                                t->write & t->mask);
                break;
            case WRITE_ONLY:
                igb_reg_write(d, t->addr + i * t->stride, t->write);
                break;
            case TABLE32:
                reg_pattern(d, t->addr + i * 4, t->mask, t->write);
                break;
            default:
                addr = t->addr + i * 8 + (t->type == TABLE64_HI ? 4 : 0);
                reg_pattern(d, addr, t->mask, t->write);
                break;
            }
        }
    }
}

/* STATUS is read-only: what ethtool's register test checks first. */
static void test_reg_status_ro(void *obj, void *data, QGuestAllocator *alloc)
{
    QIGB *d = igb_test_dev(obj, data);
    uint32_t toggle = 0x7ffff3ff;
    uint32_t before = igb_reg_read(d, A_STATUS);

    igb_reg_write(d, A_STATUS, toggle);
    g_assert_cmphex(igb_reg_read(d, A_STATUS) & toggle, ==, before & toggle);
    igb_reg_write(d, A_STATUS, 0);
    g_assert_cmphex(igb_reg_read(d, A_STATUS) & toggle, ==, before & toggle);
}

/* IMS/IMC and EIMS/EIMC set and clear bits; ICS sets causes, ICR W1C. */
static void test_reg_intr_masks(void *obj, void *data,
                                QGuestAllocator *alloc)
{
    QIGB *d = igb_test_dev(obj, data);

    igb_reg_write(d, A_IMS, R_ICR_LSC_MASK);
    igb_reg_write(d, A_IMS, R_ICR_RXDW_MASK);
    g_assert_cmphex(igb_reg_read(d, A_IMS), ==,
                    R_ICR_LSC_MASK | R_ICR_RXDW_MASK);
    igb_reg_write(d, A_IMC, R_ICR_LSC_MASK);
    g_assert_cmphex(igb_reg_read(d, A_IMS), ==, R_ICR_RXDW_MASK);
    igb_reg_write(d, A_IMC, ~0u);
    g_assert_cmphex(igb_reg_read(d, A_IMS), ==, 0);

    igb_reg_write(d, A_EIMS, 0x5);
    igb_reg_write(d, A_EIMS, 0x100);
    g_assert_cmphex(igb_reg_read(d, A_EIMS), ==, 0x105);
    igb_reg_write(d, A_EIMC, 0x4);
    g_assert_cmphex(igb_reg_read(d, A_EIMS), ==, 0x101);
    igb_reg_write(d, A_EIMC, ~0u);
    g_assert_cmphex(igb_reg_read(d, A_EIMS), ==, 0);

    /* Masked causes are latched, not signalled. */
    igb_reg_write(d, A_ICS, R_ICR_LSC_MASK | R_ICR_RXDW_MASK);
    g_assert_cmphex(igb_reg_read(d, A_ICR) & ~R_ICR_INT_ASSERTED_MASK, ==,
                    R_ICR_LSC_MASK | R_ICR_RXDW_MASK);
    g_assert_false(igb_intx_asserted(d));
    igb_reg_write(d, A_ICR, R_ICR_LSC_MASK | R_ICR_RXDW_MASK);
    g_assert_cmphex(igb_reg_read(d, A_ICR), ==, 0);

    igb_reg_write(d, A_EICS, 0x3);
    g_assert_cmphex(igb_reg_read(d, A_EICR) & 0x3, ==, 0x3);
    igb_reg_write(d, A_EICR, 0x3);
    g_assert_cmphex(igb_reg_read(d, A_EICR) & 0x3, ==, 0);
}

/* ---------------------------------------------------------------------- */
/* EEPROM, PHY, link                                                      */
/* ---------------------------------------------------------------------- */

static void test_eeprom(void *obj, void *data, QGuestAllocator *alloc)
{
    QIGB *d = igb_test_dev(obj, data);
    uint32_t eecd = igb_reg_read(d, A_EECD);
    uint16_t sum = 0;
    unsigned i;

    /* Linux sizes the NVM from EECD.SIZE_EX: 2^(SIZE_EX + 6) words */
    g_assert_cmpuint(1u << (FIELD_EX32(eecd, EECD, SIZE_EX) + 6), ==,
                     IGB_EEPROM_WORDS);

    for (i = 0; i < 3; i++) {
        g_assert_cmphex(igb_eeprom_read(d, IGB_EEPROM_MAC0 + i), ==,
                        dev_mac[2 * i] | dev_mac[2 * i + 1] << 8);
    }
    for (i = 0; i <= IGB_EEPROM_CHECKSUM; i++) {
        sum += igb_eeprom_read(d, i);
    }
    g_assert_cmphex(sum, ==, IGB_EEPROM_SUM);

    g_assert_cmphex(igb_eeprom_read(d, IGB_EEPROM_SUBSYS_ID), ==,
                    qpci_config_readw(d->pdev, PCI_SUBSYSTEM_ID));
    g_assert_cmphex(igb_eeprom_read(d, IGB_EEPROM_SUBSYS_VENDOR), ==,
                    qpci_config_readw(d->pdev, PCI_SUBSYSTEM_VENDOR_ID));
    g_assert_cmphex(igb_eeprom_read(d, IGB_EEPROM_DEVICE_ID), ==,
                    qpci_config_readw(d->pdev, PCI_DEVICE_ID));
    g_assert_cmphex(igb_eeprom_read(d, IGB_EEPROM_VENDOR_ID), ==,
                    IGB_PCI_VENDOR_ID);
    /* The NVM is not writable through EERD */
    igb_reg_write(d, A_EERD, 0xffff0000 | (5 << R_EERD_ADDR_SHIFT));
    g_assert_cmphex(igb_eeprom_read(d, IGB_EEPROM_MAC0), ==,
                    dev_mac[0] | dev_mac[1] << 8);
}

/* The receive address 0 comes from the EEPROM, valid, after any reset. */
static void test_eeprom_ral(void *obj, void *data, QGuestAllocator *alloc)
{
    QIGB *d = igb_test_dev(obj, data);
    uint32_t ral = ldl_le_p(dev_mac);
    uint32_t rah = lduw_le_p(dev_mac + 4) | R_RAH_AV_MASK;

    g_assert_cmphex(igb_reg_read(d, A_RAL0), ==, ral);
    g_assert_cmphex(igb_reg_read(d, A_RAH0) & (R_RAH_RAH_MASK |
                    R_RAH_AV_MASK), ==, rah);
    igb_reg_write(d, A_RAL0, 0x01020304);
    igb_reg_write(d, A_RAH0, 0);
    igb_reset(d);
    g_assert_cmphex(igb_reg_read(d, A_RAL0), ==, ral);
    g_assert_cmphex(igb_reg_read(d, A_RAH0) & (R_RAH_RAH_MASK |
                    R_RAH_AV_MASK), ==, rah);
}

#define MII_BMCR            0
#define MII_BMSR            1
#define MII_PHYID1          2
#define MII_PHYID2          3
#define MII_BMCR_ANENABLE   0x1000
#define MII_BMCR_SPEED1000  0x0040
#define MII_BMSR_LINK_ST    0x0004
#define MII_BMSR_AN_COMP    0x0020

static void test_phy(void *obj, void *data, QGuestAllocator *alloc)
{
    QIGB *d = igb_test_dev(obj, data);
    uint16_t id1, id2, bmsr, bmcr;

    igb_link_up(d);
    g_assert(qigb_phy_read(d, IGB_PHY_ADDR, MII_PHYID1, &id1));
    g_assert(qigb_phy_read(d, IGB_PHY_ADDR, MII_PHYID2, &id2));
    /* The 82576 internal PHY: IGP03E1000_E_PHY_ID, any revision */
    g_assert_cmphex(((uint32_t)id1 << 16 | id2) & 0xfffffff0, ==,
                    0x02a80390);

    g_assert(qigb_phy_read(d, IGB_PHY_ADDR, MII_BMSR, &bmsr));
    g_assert_cmphex(bmsr & (MII_BMSR_LINK_ST | MII_BMSR_AN_COMP), ==,
                    MII_BMSR_LINK_ST | MII_BMSR_AN_COMP);

    g_assert(qigb_phy_read(d, IGB_PHY_ADDR, MII_BMCR, &bmcr));
    g_assert(qigb_phy_write(d, IGB_PHY_ADDR, MII_BMCR,
                            (bmcr & ~MII_BMCR_ANENABLE) | MII_BMCR_SPEED1000));
    g_assert(qigb_phy_read(d, IGB_PHY_ADDR, MII_BMCR, &bmcr));
    g_assert_cmphex(bmcr & (MII_BMCR_ANENABLE | MII_BMCR_SPEED1000), ==,
                    MII_BMCR_SPEED1000);

    /* Nothing answers at another PHY address */
    g_assert_false(qigb_phy_read(d, 7, MII_PHYID1, &id1));
}

static void set_link(QIGB *d, bool up)
{
    qtest_qmp_assert_success(igb_qts(d), "{ 'execute': 'set_link', "
                             "'arguments': { 'name': 'hs0', 'up': %i } }",
                             up);
}

static void test_link(void *obj, void *data, QGuestAllocator *alloc)
{
    QIGB *d = igb_test_dev(obj, data);
    uint32_t status;

    igb_link_up(d);
    status = igb_reg_read(d, A_STATUS);
    g_assert_cmphex(status & (R_STATUS_FD_MASK | R_STATUS_LU_MASK), ==,
                    R_STATUS_FD_MASK | R_STATUS_LU_MASK);
    g_assert_cmpuint(FIELD_EX32(status, STATUS, SPEED), ==, IGB_SPEED_1000);

    igb_reg_write(d, A_ICR, ~0u);
    set_link(d, false);
    g_assert(igb_wait_reg(d, A_STATUS, R_STATUS_LU_MASK, 0));
    g_assert_cmphex(igb_reg_read(d, A_ICR) & R_ICR_LSC_MASK, ==,
                    R_ICR_LSC_MASK);

    set_link(d, true);
    igb_link_up(d);
    g_assert_cmphex(igb_reg_read(d, A_ICR) & R_ICR_LSC_MASK, ==,
                    R_ICR_LSC_MASK);

    /* The link comes back after a software reset */
    igb_reset(d);
    igb_link_up(d);
}

/* ---------------------------------------------------------------------- */
/* Transmit                                                               */
/* ---------------------------------------------------------------------- */

#define TX_CMD  (IGB_TXD_CMD_EOP | IGB_TXD_CMD_IFCS | IGB_TXD_CMD_RS)

static void test_tx_legacy(void *obj, void *data, QGuestAllocator *alloc)
{
    QIGB *d = igb_start(obj, data, IGB_SRRCTL_DESCTYPE_ADV_ONEBUF);
    uint8_t frame[256];
    size_t len = build_frame(frame, peer_mac, &flow_udp, 100, 1);
    uint32_t idx;

    idx = igb_tx_legacy(d, 0, frame, len, TX_CMD);
    g_assert(igb_tx_wait_dd(d, 0, idx));
    tx_expect(d, frame, len);
    g_assert_cmpuint(igb_reg_read(d, igb_txq_reg(0, A_TXQ_TDH)), ==, 1);

    g_assert_cmpuint(igb_reg_read(d, A_GPTC), ==, 1);
    g_assert_cmpuint(igb_reg_read(d, A_TPT), ==, 1);
    /* Octets from the destination address through the CRC */
    g_assert_cmpuint(igb_reg_read(d, A_GOTCL), ==, len + 4);
    g_assert_cmpuint(igb_reg_read(d, A_GOTCH), ==, 0);
    /* Statistics clear on read */
    g_assert_cmpuint(igb_reg_read(d, A_GPTC), ==, 0);

    /* TCTL.PSP pads short frames to 64 bytes with the CRC */
    len = build_raw(frame, peer_mac, 42, 9);
    idx = igb_tx_legacy(d, 0, frame, len, TX_CMD);
    g_assert(igb_tx_wait_dd(d, 0, idx));
    memset(frame + 42, 0, 60 - 42);
    tx_expect(d, frame, 60);
}

/* One frame in three advanced data descriptors */
static void test_tx_advanced(void *obj, void *data, QGuestAllocator *alloc)
{
    QIGB *d = igb_start(obj, data, IGB_SRRCTL_DESCTYPE_ADV_ONEBUF);
    uint8_t frame[1024];
    size_t len = build_frame(frame, peer_mac, &flow_tcp, 900, 3);
    size_t part[3] = { ETH_HLEN, 300, len - ETH_HLEN - 300 };
    size_t off = 0;
    IGBTxDesc desc;
    uint32_t idx = 0;
    int i;

    for (i = 0; i < 3; i++) {
        idx = d->tx[0].tail;
        qtest_memwrite(igb_qts(d), igb_tx_buf(d, 0, idx), frame + off,
                       part[i]);
        desc.addr = igb_tx_buf(d, 0, idx);
        desc.cmd_type_len = part[i] | IGB_ADVTXD_DTYP_DATA |
                            IGB_TXD_CMD_DEXT | IGB_TXD_CMD_IFCS |
                            (i == 2 ? IGB_TXD_CMD_EOP | IGB_TXD_CMD_RS : 0);
        desc.olinfo_status = len << IGB_ADVTXD_PAYLEN_SHIFT;
        igb_tx_put(d, 0, &desc);
        off += part[i];
    }
    igb_tx_kick(d, 0);
    g_assert(igb_tx_wait_dd(d, 0, idx));
    tx_expect(d, frame, len);
    g_assert_cmpuint(igb_reg_read(d, igb_txq_reg(0, A_TXQ_TDH)), ==, 3);
    g_assert_false(igb_sock_pending(d->fd, 0));

    /* A second frame, after the first, in one descriptor */
    len = build_frame(frame, peer_mac, &flow_udp, 60, 4);
    idx = igb_tx_adv(d, 0, frame, len, TX_CMD, 0);
    g_assert_cmpuint(idx, ==, 3);
    g_assert(igb_tx_wait_dd(d, 0, idx));
    tx_expect(d, frame, len);
}

/* TDWBAL/TDWBAH: the head is written to memory */
static void test_tx_head_wb(void *obj, void *data, QGuestAllocator *alloc)
{
    QIGB *d = igb_start(obj, data, IGB_SRRCTL_DESCTYPE_ADV_ONEBUF);
    uint64_t wb = guest_alloc(alloc, 64);
    gint64 end = g_get_monotonic_time() + IGB_TEST_TIMEOUT_US;
    uint8_t frame[128];
    size_t len;
    int i;

    igb_mem_writel(d, wb, 0xdeadbeef);
    igb_reg_write(d, igb_txq_reg(0, A_TXQ_TDWBAL), wb | 1);
    igb_reg_write(d, igb_txq_reg(0, A_TXQ_TDWBAH), wb >> 32);
    for (i = 0; i < 3; i++) {
        len = build_frame(frame, peer_mac, &flow_udp, 30, i);
        igb_tx_legacy(d, 0, frame, len, TX_CMD);
        tx_expect(d, frame, len);
    }
    while (igb_mem_readl(d, wb) != 3) {
        g_assert_cmpint(g_get_monotonic_time(), <, end);
    }
    g_assert_cmpuint(igb_reg_read(d, igb_txq_reg(0, A_TXQ_TDH)), ==, 3);
}

/* Queues 0-3 through the legacy window and 4-15 through the new one */
static void test_tx_queues(void *obj, void *data, QGuestAllocator *alloc)
{
    QIGB *d = igb_test_dev(obj, data);
    static const unsigned qs[] = { 0, 1, 3, 7, 15 };
    uint8_t frame[128];
    size_t len;
    unsigned i, q;
    uint32_t idx;

    igb_link_up(d);
    for (i = 0; i < ARRAY_SIZE(qs); i++) {
        igb_tx_ring_init(d, qs[i], 8, 256);
    }
    for (i = 0; i < ARRAY_SIZE(qs); i++) {
        q = qs[i];
        len = build_frame(frame, peer_mac, &flow_udp, 20 + q, q);
        idx = igb_tx_legacy(d, q, frame, len, TX_CMD);
        g_assert(igb_tx_wait_dd(d, q, idx));
        tx_expect(d, frame, len);
        g_assert_cmpuint(igb_reg_read(d, igb_txq_reg(q, A_TXQ_TDH)), ==, 1);
        if (q < IGB_LEGACY_QUEUES) {
            g_assert_cmpuint(igb_reg_read(d, IGB_TXQ_LEGACY_BASE +
                                          q * IGB_LEGACY_QUEUE_STRIDE +
                                          A_TXQ_TDH), ==, 1);
        }
    }
    /* The other queues did not move */
    g_assert_cmpuint(igb_reg_read(d, igb_txq_reg(2, A_TXQ_TDH)), ==, 0);
    g_assert_cmpuint(igb_reg_read(d, igb_txq_reg(14, A_TXQ_TDH)), ==, 0);
}

static void put_ctx(QIGB *d, unsigned l4t, uint16_t vlan, uint32_t mss,
                    uint32_t l4len)
{
    IGBTxContextDesc ctx = {
        .vlan_macip_lens = IP_HLEN | ETH_HLEN << IGB_ADVTXD_MACLEN_SHIFT |
                           (uint32_t)vlan << 16,
        .type_tucmd_mlhl = IGB_ADVTXD_TUCMD_IPV4 |
                           l4t << IGB_ADVTXD_TUCMD_L4T_SHIFT,
        .mss_l4len_idx = mss << IGB_ADVTXD_MSS_SHIFT |
                         l4len << IGB_ADVTXD_L4LEN_SHIFT,
    };

    igb_tx_put_ctx(d, 0, &ctx);
}

/*
 * As Linux hands a frame over for checksum offload: no IP checksum, the
 * pseudo-header sum in the L4 checksum; for TSO without the length, and
 * no IP total length either.
 */
static void prepare_csum_offload(uint8_t *frame, size_t len, bool tso)
{
    uint8_t *ip = frame + ETH_HLEN;
    size_t l4len = len - ETH_HLEN - IP_HLEN;
    unsigned csum_off = ip[9] == IP_PROTO_TCP ? 16 : 6;

    stw_be_p(ip + 10, 0);
    if (tso) {
        stw_be_p(ip + 2, 0);
    }
    stw_be_p(ip + IP_HLEN + csum_off,
             csum_fold(csum_pseudo(ip, tso ? 0 : l4len)));
}

/* @a and @b are the same frame but for the IP and L4 checksums */
static void assert_same_but_csum(const uint8_t *a, const uint8_t *b,
                                 size_t len)
{
    size_t l4csum = ETH_HLEN + IP_HLEN +
                    (a[ETH_HLEN + 9] == IP_PROTO_TCP ? 16 : 6);
    size_t i;

    for (i = 0; i < len; i++) {
        if (i == ETH_HLEN + 10 || i == ETH_HLEN + 11 ||
            i == l4csum || i == l4csum + 1) {
            continue;
        }
        g_assert_cmphex(a[i], ==, b[i]);
    }
}

static void test_tx_csum(void *obj, void *data, QGuestAllocator *alloc)
{
    QIGB *d = igb_start(obj, data, IGB_SRRCTL_DESCTYPE_ADV_ONEBUF);
    uint8_t frame[1024], out[1024];
    const Flow *flows[] = { &flow_tcp, &flow_udp };
    size_t len, n;
    uint32_t idx;
    int i;

    for (i = 0; i < 2; i++) {
        len = build_frame(frame, peer_mac, flows[i], 333, i);
        prepare_csum_offload(frame, len, false);
        put_ctx(d, i ? IGB_ADVTXD_L4T_UDP : IGB_ADVTXD_L4T_TCP, 0, 0, 0);
        idx = igb_tx_adv(d, 0, frame, len, TX_CMD,
                         IGB_ADVTXD_POPTS_IXSM | IGB_ADVTXD_POPTS_TXSM);
        g_assert(igb_tx_wait_dd(d, 0, idx));
        n = igb_sock_recv(d->fd, out, sizeof(out));
        g_assert_cmpuint(n, ==, len);
        g_assert(ipv4_csum_ok(out + ETH_HLEN));
        g_assert(l4_csum_ok(out + ETH_HLEN, len - ETH_HLEN - IP_HLEN));
        assert_same_but_csum(out, frame, len);
    }
}

static void check_tso_segment(const uint8_t *seg, size_t n, const uint8_t *orig,
                              unsigned i, size_t mss, size_t payload)
{
    const uint8_t *ip = seg + ETH_HLEN, *tcp = ip + IP_HLEN;
    size_t hdr = ETH_HLEN + IP_HLEN + TCP_HLEN;
    size_t seglen = MIN(mss, payload - i * mss);
    bool last = (i + 1) * mss >= payload;

    g_assert_cmpuint(n, ==, hdr + seglen);
    g_assert(memcmp(seg, orig, ETH_HLEN) == 0);
    g_assert_cmpuint(lduw_be_p(ip + 2), ==, IP_HLEN + TCP_HLEN + seglen);
    g_assert_cmphex(lduw_be_p(ip + 4), ==, 0x1234 + i);
    g_assert(ipv4_csum_ok(ip));
    g_assert_cmphex(ldl_be_p(tcp + 4), ==, 0x01020304 + i * mss);
    g_assert_cmphex(tcp[13] & (TCP_FLAG_FIN | TCP_FLAG_PSH), ==,
                    last ? TCP_FLAG_FIN | TCP_FLAG_PSH : 0);
    g_assert_cmphex(tcp[13] & TCP_FLAG_ACK, ==, TCP_FLAG_ACK);
    g_assert(l4_csum_ok(ip, TCP_HLEN + seglen));
    g_assert(memcmp(seg + hdr, orig + hdr + i * mss, seglen) == 0);
}

static void test_tx_tso(void *obj, void *data, QGuestAllocator *alloc)
{
    QIGB *d = igb_start(obj, data, IGB_SRRCTL_DESCTYPE_ADV_ONEBUF);
    const size_t payload = 2500, mss = 1000;
    size_t hdr = ETH_HLEN + IP_HLEN + TCP_HLEN;
    uint8_t frame[4096], seg[2048];
    size_t len = build_frame(frame, peer_mac, &flow_tcp, payload, 7);
    uint32_t idx;
    unsigned i;

    frame[ETH_HLEN + IP_HLEN + 13] |= TCP_FLAG_FIN;
    prepare_csum_offload(frame, len, true);
    put_ctx(d, IGB_ADVTXD_L4T_TCP, 0, mss, TCP_HLEN);
    idx = igb_tx_adv(d, 0, frame, len, TX_CMD | IGB_TXD_CMD_TSE,
                     IGB_ADVTXD_POPTS_IXSM | IGB_ADVTXD_POPTS_TXSM |
                     payload << IGB_ADVTXD_PAYLEN_SHIFT);
    g_assert(igb_tx_wait_dd(d, 0, idx));
    for (i = 0; i * mss < payload; i++) {
        size_t n = igb_sock_recv(d->fd, seg, sizeof(seg));

        check_tso_segment(seg, n, frame, i, mss, payload);
    }
    g_assert_cmpuint(i, ==, 3);
    g_assert_false(igb_sock_pending(d->fd, 0));
    g_assert_cmpuint(igb_reg_read(d, A_GPTC), ==, 3);
    g_assert_cmpuint(igb_reg_read(d, A_TSCTC), ==, 1);
    g_assert_cmpuint(igb_reg_read(d, A_GOTCL), ==,
                     3 * (hdr + 4) + payload);
}

static void test_tx_vlan(void *obj, void *data, QGuestAllocator *alloc)
{
    QIGB *d = igb_start(obj, data, IGB_SRRCTL_DESCTYPE_ADV_ONEBUF);
    uint8_t frame[256], tagged[256];
    size_t len = build_frame(frame, peer_mac, &flow_udp, 50, 1);
    IGBTxDesc desc;
    uint32_t idx;

    igb_reg_set(d, A_CTRL, R_CTRL_VME_MASK);
    build_frame_tagged(tagged, peer_mac, &flow_udp, 50, 0x2005, 1);

    /* Legacy: the tag is in the descriptor's VLAN field */
    idx = d->tx[0].tail;
    qtest_memwrite(igb_qts(d), igb_tx_buf(d, 0, idx), frame, len);
    desc.addr = igb_tx_buf(d, 0, idx);
    desc.cmd_type_len = len | TX_CMD | IGB_TXD_CMD_VLE;
    desc.olinfo_status = 0x2005u << 16;
    igb_tx_put(d, 0, &desc);
    igb_tx_kick(d, 0);
    g_assert(igb_tx_wait_dd(d, 0, idx));
    tx_expect(d, tagged, len + 4);

    /* Advanced: the tag is in the context */
    put_ctx(d, IGB_ADVTXD_L4T_UDP, 0x2005, 0, 0);
    idx = igb_tx_adv(d, 0, frame, len, TX_CMD | IGB_TXD_CMD_VLE, 0);
    g_assert(igb_tx_wait_dd(d, 0, idx));
    tx_expect(d, tagged, len + 4);

    /* Without VLE, no tag */
    idx = igb_tx_adv(d, 0, frame, len, TX_CMD, 0);
    g_assert(igb_tx_wait_dd(d, 0, idx));
    tx_expect(d, frame, len);
}

/*
 * VMDq: the pool of queue 0 (pool 0) imposes its tag (VMVIR), and
 * anti-spoofing drops its frames whose source address is not one of the
 * pool's, reporting them in WVBR, SSVPC and ICR.DOUTSYNC.
 */
static void test_tx_vmdq(void *obj, void *data, QGuestAllocator *alloc)
{
    QIGB *d = igb_start(obj, data, IGB_SRRCTL_DESCTYPE_ADV_ONEBUF);
    uint8_t frame[256], tagged[256], other[256];
    size_t len = build_frame(frame, peer_mac, &flow_udp, 50, 1);
    size_t olen = build_frame(other, peer_mac, &flow_udp, 60, 2);
    uint32_t idx;

    igb_reg_write(d, A_MRQC, IGB_MRQC_MRQE_VMDQ);
    build_frame_tagged(tagged, peer_mac, &flow_udp, 50, 0x200a, 1);

    /* VLANA "default": VMVIR's tag, with or without VLE */
    igb_reg_write(d, A_VMVIR0, 0x200a |
                  IGB_VMVIR_VLANA_DEFAULT << R_VMVIR_VLANA_SHIFT);
    idx = igb_tx_adv(d, 0, frame, len, TX_CMD, 0);
    g_assert(igb_tx_wait_dd(d, 0, idx));
    tx_expect(d, tagged, len + 4);
    put_ctx(d, IGB_ADVTXD_L4T_UDP, 0x0333, 0, 0);
    idx = igb_tx_adv(d, 0, frame, len, TX_CMD | IGB_TXD_CMD_VLE, 0);
    g_assert(igb_tx_wait_dd(d, 0, idx));
    tx_expect(d, tagged, len + 4);

    /* VLANA "never": VLE is ignored */
    igb_reg_write(d, A_VMVIR0,
                  IGB_VMVIR_VLANA_NEVER << R_VMVIR_VLANA_SHIFT);
    idx = igb_tx_adv(d, 0, frame, len, TX_CMD | IGB_TXD_CMD_VLE, 0);
    g_assert(igb_tx_wait_dd(d, 0, idx));
    tx_expect(d, frame, len);
    igb_reg_write(d, A_VMVIR0, 0);

    /* MAC anti-spoofing for pool 0: peer_mac is no address of pool 0 */
    igb_reg_read(d, A_ICR);
    g_assert_cmphex(igb_reg_read(d, A_WVBR), ==, 0);
    igb_reg_write(d, A_DTXSWC, BIT(0));
    idx = igb_tx_adv(d, 0, frame, len, TX_CMD, 0);
    g_assert(igb_tx_wait_dd(d, 0, idx));
    g_assert_cmphex(igb_reg_read(d, A_ICR) & R_ICR_OUTSYNC_MASK, ==,
                    R_ICR_OUTSYNC_MASK);
    g_assert_cmphex(igb_reg_read(d, A_WVBR), ==, BIT(0));
    g_assert_cmphex(igb_reg_read(d, A_WVBR), ==, 0);
    g_assert_cmpuint(igb_reg_read(d, A_SSVPC), ==, 1);
    g_assert_cmpuint(igb_reg_read(d, A_SSVPC), ==, 0);
    /* the spoofed frame never reached the wire: the next one is first */
    igb_reg_write(d, A_DTXSWC, 0);
    idx = igb_tx_adv(d, 0, other, olen, TX_CMD, 0);
    g_assert(igb_tx_wait_dd(d, 0, idx));
    tx_expect(d, other, olen);
    g_assert_cmphex(igb_reg_read(d, A_WVBR), ==, 0);
}

static bool tx_dd(QIGB *d, unsigned q, uint32_t idx)
{
    uint64_t sta = d->tx[q].desc + idx * IGB_DESC_SIZE + 12;

    return qtest_readl(igb_qts(d), sta) & IGB_TXD_STAT_DD;
}

/*
 * Rate limiting: queue 0 at 1/1000 of the link speed (1 Gb/s). A frame
 * holds the queue for its time on the wire at that rate (with preamble,
 * FCS and gap: 24 bytes more) on the virtual clock.
 */
static void test_tx_rate_limit(void *obj, void *data, QGuestAllocator *alloc)
{
    QIGB *d = igb_start(obj, data, IGB_SRRCTL_DESCTYPE_ADV_ONEBUF);
    uint8_t frame[256], other[256];
    size_t len = build_frame(frame, peer_mac, &flow_udp, 50, 1);
    size_t olen = build_frame(other, peer_mac, &flow_udp, 60, 2);
    uint32_t rc = R_RTTBCNRC_RS_ENA_MASK | 1000 << R_RTTBCNRC_RF_INT_SHIFT;
    int64_t ns = (len + 24) * 8 * 1000;
    uint32_t idx;

    igb_reg_write(d, A_RTTDQSEL, 0);
    igb_reg_write(d, A_RTTBCNRC, rc);
    g_assert_cmphex(igb_reg_read(d, A_RTTBCNRC), ==, rc);
    igb_reg_write(d, A_RTTDQSEL, 1);
    g_assert_cmphex(igb_reg_read(d, A_RTTBCNRC), ==, 0);

    idx = igb_tx_adv(d, 0, frame, len, TX_CMD, 0);
    g_assert(igb_tx_wait_dd(d, 0, idx));
    tx_expect(d, frame, len);
    /* the next one waits for the first one's time */
    idx = igb_tx_adv(d, 0, other, olen, TX_CMD, 0);
    qtest_clock_step(igb_qts(d), ns / 2);
    g_assert_false(igb_sock_pending(d->fd, 100));
    g_assert_false(tx_dd(d, 0, idx));
    qtest_clock_step(igb_qts(d), ns / 2 + 1);
    g_assert(igb_tx_wait_dd(d, 0, idx));
    tx_expect(d, other, olen);

    /* without RS_ENA, no wait */
    igb_reg_write(d, A_RTTDQSEL, 0);
    igb_reg_write(d, A_RTTBCNRC, 0);
    idx = igb_tx_adv(d, 0, frame, len, TX_CMD, 0);
    g_assert(igb_tx_wait_dd(d, 0, idx));
    tx_expect(d, frame, len);
    idx = igb_tx_adv(d, 0, other, olen, TX_CMD, 0);
    g_assert(igb_tx_wait_dd(d, 0, idx));
    tx_expect(d, other, olen);
}

/* ---------------------------------------------------------------------- */
/* Receive                                                                */
/* ---------------------------------------------------------------------- */

static void test_rx_advanced(void *obj, void *data, QGuestAllocator *alloc)
{
    QIGB *d = igb_start(obj, data, IGB_SRRCTL_DESCTYPE_ADV_ONEBUF);
    uint8_t frame[1600];
    size_t len = build_frame(frame, dev_mac, &flow_udp, 1000, 5);
    IGBRxDesc wb;
    int i;

    for (i = 0; i < 3; i++) {
        frame[len - 1] = i;
        igb_sock_send(d->fd, frame, len);
        wb = rx_expect(d, 0, i, frame, len);
        g_assert_cmphex(igb_rx_status(&d->rx[0], &wb) & IGB_RXD_STAT_DD, ==,
                        IGB_RXD_STAT_DD);
    }
    g_assert_cmpuint(igb_reg_read(d, igb_rxq_reg(0, A_RXQ_RDH)), ==, 3);
    g_assert_cmpuint(igb_reg_read(d, A_GPRC), ==, 3);
    g_assert_cmpuint(igb_reg_read(d, A_TPR), ==, 3);
    g_assert_cmpuint(igb_reg_read(d, A_GORCL), ==, 3 * (len + 4));
    g_assert_cmpuint(igb_reg_read(d, A_PRC1522), ==, 3);
    g_assert_cmphex(igb_reg_read(d, A_ICR) & R_ICR_RXDW_MASK, ==,
                    R_ICR_RXDW_MASK);
}

static void test_rx_legacy(void *obj, void *data, QGuestAllocator *alloc)
{
    QIGB *d = igb_start(obj, data, IGB_SRRCTL_DESCTYPE_LEGACY);
    uint8_t frame[256];
    size_t len = build_frame(frame, dev_mac, &flow_tcp, 100, 2);
    IGBRxDesc wb;

    igb_sock_send(d->fd, frame, len);
    wb = rx_expect(d, 0, 0, frame, len);
    /* status DD | EOP, no errors */
    g_assert_cmphex(igb_rx_status(&d->rx[0], &wb) &
                    (0xff00 | IGB_RXD_STAT_DD | IGB_RXD_STAT_EOP), ==,
                    IGB_RXD_STAT_DD | IGB_RXD_STAT_EOP);
    g_assert_cmpuint(igb_reg_read(d, igb_rxq_reg(0, A_RXQ_RDH)), ==, 1);
}

/* A frame larger than a buffer spans descriptors, EOP on the last */
static void test_rx_multi_buffer(void *obj, void *data,
                                 QGuestAllocator *alloc)
{
    QIGB *d = igb_test_dev(obj, data);
    uint8_t frame[3000], buf[1024];
    size_t len = build_frame(frame, dev_mac, &flow_udp, 2500, 6);
    IGBRxDesc wb;
    uint32_t status, n;
    int i;

    igb_link_up(d);
    igb_rx_ring_init(d, 0, 16, 1024, IGB_SRRCTL_DESCTYPE_ADV_ONEBUF);
    igb_reg_write(d, A_RLPML, 4000);
    igb_rx_enable(d, R_RCTL_LPE_MASK);
    igb_sock_send(d->fd, frame, len);
    for (i = 0; i < 3; i++) {
        g_assert(igb_rx_wait(d, 0, i, &wb));
        status = igb_rx_status(&d->rx[0], &wb);
        n = igb_rx_length(&d->rx[0], &wb);
        g_assert_cmpuint(n, ==, i < 2 ? 1024 : len - 2048);
        g_assert_cmphex(status & IGB_RXD_STAT_EOP, ==,
                        i < 2 ? 0 : IGB_RXD_STAT_EOP);
        qtest_memread(igb_qts(d), igb_rx_buf(d, 0, i), buf, n);
        g_assert(memcmp(buf, frame + i * 1024, n) == 0);
    }
    g_assert_cmpuint(igb_reg_read(d, igb_rxq_reg(0, A_RXQ_RDH)), ==, 3);
}

/* Header split: the headers of a TCP/IPv4 frame in the header buffer */
static void test_rx_header_split(void *obj, void *data,
                                 QGuestAllocator *alloc)
{
    QIGB *d = igb_test_dev(obj, data);
    uint8_t frame[1024], buf[1024];
    size_t hdr = ETH_HLEN + IP_HLEN + TCP_HLEN;
    size_t len = build_frame(frame, dev_mac, &flow_tcp, 700, 8);
    IGBRxDesc wb;
    uint32_t lo;

    igb_link_up(d);
    igb_rx_ring_init(d, 0, 16, 2048, IGB_SRRCTL_DESCTYPE_HDR_SPLIT);
    igb_reg_write(d, A_PSRTYPE0, 1 << 2);   /* PSR_TYPE2: MAC, IPv4, TCP */
    igb_rx_enable(d, 0);
    igb_sock_send(d->fd, frame, len);
    g_assert(igb_rx_wait(d, 0, 0, &wb));
    lo = wb.a & 0xffffffff;
    g_assert_cmphex(lo >> 31, ==, 1);                    /* SPH */
    g_assert_cmpuint((lo >> 21) & 0x3ff, ==, hdr);       /* HDR_LEN */
    g_assert_cmpuint(igb_rx_length(&d->rx[0], &wb), ==, len - hdr);
    qtest_memread(igb_qts(d), igb_rx_hdr_buf(d, 0, 0), buf, hdr);
    g_assert(memcmp(buf, frame, hdr) == 0);
    qtest_memread(igb_qts(d), igb_rx_buf(d, 0, 0), buf, len - hdr);
    g_assert(memcmp(buf, frame + hdr, len - hdr) == 0);
}

static void test_rx_vlan_strip(void *obj, void *data, QGuestAllocator *alloc)
{
    QIGB *d = igb_start(obj, data, IGB_SRRCTL_DESCTYPE_ADV_ONEBUF);
    uint8_t frame[256], plain[256];
    size_t len = build_frame_tagged(frame, dev_mac, &flow_udp, 64, 0x6064, 2);
    size_t plen = build_frame(plain, dev_mac, &flow_udp, 64, 2);
    IGBRxDesc wb;

    /* Without CTRL.VME the tag stays in the frame */
    igb_sock_send(d->fd, frame, len);
    rx_expect(d, 0, 0, frame, len);

    igb_reg_set(d, A_CTRL, R_CTRL_VME_MASK);
    igb_sock_send(d->fd, frame, len);
    wb = rx_expect(d, 0, 1, plain, plen);
    g_assert_cmphex(igb_rx_status(&d->rx[0], &wb) & IGB_RXD_STAT_VP, ==,
                    IGB_RXD_STAT_VP);
    g_assert_cmphex(wb.b >> 48, ==, 0x6064);
}

/* VMDq: pool 0's VMOLR.STRVLAN, not CTRL.VME, strips its frames. */
static void test_rx_vmdq_strip(void *obj, void *data, QGuestAllocator *alloc)
{
    QIGB *d = igb_start(obj, data, IGB_SRRCTL_DESCTYPE_ADV_ONEBUF);
    uint8_t frame[256], plain[256];
    size_t len = build_frame_tagged(frame, dev_mac, &flow_udp, 64, 0x6064, 2);
    size_t plen = build_frame(plain, dev_mac, &flow_udp, 64, 2);
    IGBRxDesc wb;

    igb_reg_write(d, A_MRQC, IGB_MRQC_MRQE_VMDQ);
    igb_reg_set(d, A_RAH0, BIT(R_RAH_POOLSEL_SHIFT));
    igb_reg_write(d, A_VLVF0, R_VLVF_VI_EN_MASK | 0x064 |
                  BIT(R_VLVF_POOLSEL_SHIFT));

    /* CTRL.VME without STRVLAN: the tag stays */
    igb_reg_set(d, A_CTRL, R_CTRL_VME_MASK);
    igb_sock_send(d->fd, frame, len);
    wb = rx_expect(d, 0, 0, frame, len);
    g_assert_cmphex(igb_rx_status(&d->rx[0], &wb) & IGB_RXD_STAT_VP, ==, 0);

    /* STRVLAN without CTRL.VME: stripped, the tag in the descriptor */
    igb_reg_write(d, A_CTRL, igb_reg_read(d, A_CTRL) & ~R_CTRL_VME_MASK);
    igb_reg_set(d, A_VMOLR0, R_VMOLR_STRVLAN_MASK);
    igb_sock_send(d->fd, frame, len);
    wb = rx_expect(d, 0, 1, plain, plen);
    g_assert_cmphex(igb_rx_status(&d->rx[0], &wb) & IGB_RXD_STAT_VP, ==,
                    IGB_RXD_STAT_VP);
    g_assert_cmphex(wb.b >> 48, ==, 0x6064);
}

static uint32_t rx_csum_status(QIGB *d, uint32_t idx, const Flow *f,
                               int corrupt)
{
    uint8_t frame[512];
    size_t len = build_frame(frame, dev_mac, f, 200, idx);
    IGBRxDesc wb;

    if (corrupt >= 0) {
        frame[corrupt < ETH_HLEN ? len - 1 : corrupt] ^= 0x55;
    }
    igb_sock_send(d->fd, frame, len);
    wb = rx_expect(d, 0, idx, frame, len);
    return igb_rx_status(&d->rx[0], &wb);
}

static void test_rx_csum(void *obj, void *data, QGuestAllocator *alloc)
{
    QIGB *d = igb_start(obj, data, IGB_SRRCTL_DESCTYPE_ADV_ONEBUF);
    uint32_t ok = IGB_RXD_STAT_IPCS;
    uint32_t err = IGB_RXD_ERR_IPE | IGB_RXD_ERR_L4E;
    uint32_t st;

    st = rx_csum_status(d, 0, &flow_tcp, -1);
    g_assert_cmphex(st & (ok | IGB_RXD_STAT_TCPCS | err), ==,
                    ok | IGB_RXD_STAT_TCPCS);
    st = rx_csum_status(d, 1, &flow_udp, -1);
    g_assert_cmphex(st & (ok | IGB_RXD_STAT_UDPCS | err), ==,
                    ok | IGB_RXD_STAT_UDPCS);
    /* A bad IP header checksum */
    st = rx_csum_status(d, 2, &flow_udp, ETH_HLEN + 10);
    g_assert_cmphex(st & (ok | IGB_RXD_ERR_IPE), ==, ok | IGB_RXD_ERR_IPE);
    /* A bad TCP checksum (the last payload byte) */
    st = rx_csum_status(d, 3, &flow_tcp, 0);
    g_assert_cmphex(st & err, ==, IGB_RXD_ERR_L4E);
    /* Offloads off: no checksum status */
    igb_reg_write(d, A_RXCSUM, 0);
    st = rx_csum_status(d, 4, &flow_tcp, -1);
    g_assert_cmphex(st & (ok | IGB_RXD_STAT_TCPCS | err), ==, 0);
}

/* ---------------------------------------------------------------------- */
/* RSS                                                                    */
/* ---------------------------------------------------------------------- */

/*
 * The key of Microsoft's RSS verification suite, as the RSSRK registers
 * hold it: byte 0 of the key is the low byte of RSSRK0.
 */
static const uint32_t rss_key_regs[IGB_RSSRK_SIZE] = {
    0xda565a6d, 0xc20e5b25, 0x3d256741, 0xb08fa343, 0xcb2bcad0,
    0xb4307bae, 0xa32dcb77, 0x0cf23080, 0x3bb7426a, 0xfa01acbe,
};

static uint8_t rss_key[40];

static const struct {
    uint32_t dst_ip, src_ip;
    uint16_t dport, sport;
    uint32_t hash_ip, hash_tcp;
} rss_vectors[] = {
    { 0xa18e6450, 0x420995bb, 1766, 2794, 0x323e8fc2, 0x51ccc178 },
    { 0x41458c53, 0xc75c6f02, 4739, 14230, 0xd718262a, 0xc626b0ea },
    { 0x0c16cfb8, 0x1813c65f, 38024, 12898, 0xd2d0a5de, 0x5c2b394a },
    { 0xd18ea306, 0x261bcd1e, 2217, 48228, 0x82989176, 0xafc7327f },
    { 0xcabc7f02, 0x9927a3bf, 1303, 44251, 0x5d1809c5, 0x10e828a2 },
};

static uint32_t toeplitz(const uint8_t *key, const uint8_t *in, size_t len)
{
    uint32_t hash = 0, window = ldl_be_p(key);
    size_t i;
    int b;

    for (i = 0; i < len; i++) {
        for (b = 7; b >= 0; b--) {
            if (in[i] & (1 << b)) {
                hash ^= window;
            }
            window = window << 1 | ((key[i + 4] >> b) & 1);
        }
    }
    return hash;
}

static uint32_t rss_hash(uint32_t src, uint32_t dst, int sport, int dport)
{
    uint8_t in[12];

    stl_be_p(in, src);
    stl_be_p(in + 4, dst);
    stw_be_p(in + 8, sport);
    stw_be_p(in + 10, dport);
    for (unsigned i = 0; i < IGB_RSSRK_SIZE; i++) {
        stl_le_p(rss_key + 4 * i, rss_key_regs[i]);
    }
    return toeplitz(rss_key, in, sport < 0 ? 8 : 12);
}

static void test_rss(void *obj, void *data, QGuestAllocator *alloc)
{
    QIGB *d = igb_test_dev(obj, data);
    uint32_t next[4] = { 0 };
    uint8_t frame[256];
    unsigned i, q;

    /* The reference implementation matches the reference vectors */
    for (i = 0; i < ARRAY_SIZE(rss_vectors); i++) {
        g_assert_cmphex(rss_hash(rss_vectors[i].src_ip, rss_vectors[i].dst_ip,
                                 -1, -1), ==, rss_vectors[i].hash_ip);
        g_assert_cmphex(rss_hash(rss_vectors[i].src_ip, rss_vectors[i].dst_ip,
                                 rss_vectors[i].sport, rss_vectors[i].dport),
                        ==, rss_vectors[i].hash_tcp);
    }

    igb_link_up(d);
    for (q = 0; q < 4; q++) {
        igb_rx_ring_init(d, q, 16, 2048, IGB_SRRCTL_DESCTYPE_ADV_ONEBUF);
    }
    for (i = 0; i < IGB_RSSRK_SIZE; i++) {
        igb_reg_write(d, A_RSSRK0 + 4 * i, rss_key_regs[i]);
    }
    /* Entry n of the 128-entry table sends to queue n % 4 */
    for (i = 0; i < IGB_RETA_SIZE; i++) {
        igb_reg_write(d, A_RETA0 + 4 * i, 0x03020100);
    }
    igb_reg_set(d, A_RXCSUM, R_RXCSUM_PCSD_MASK);
    igb_reg_write(d, A_MRQC, IGB_MRQC_MRQE_RSS | IGB_MRQC_RSS_TCPIPV4 |
                  IGB_MRQC_RSS_IPV4);
    igb_rx_enable(d, 0);

    for (i = 0; i < 2 * ARRAY_SIZE(rss_vectors); i++) {
        bool tcp = i < ARRAY_SIZE(rss_vectors);
        unsigned v = i % ARRAY_SIZE(rss_vectors);
        Flow f = {
            .src_ip = rss_vectors[v].src_ip, .dst_ip = rss_vectors[v].dst_ip,
            .sport = rss_vectors[v].sport, .dport = rss_vectors[v].dport,
            .proto = tcp ? IP_PROTO_TCP : IP_PROTO_UDP,
        };
        /* UDP hashing is off: UDP frames hash on the addresses only */
        uint32_t hash = tcp ? rss_vectors[v].hash_tcp : rss_vectors[v].hash_ip;
        size_t len = build_frame(frame, dev_mac, &f, 40, i);
        IGBRxDesc wb;

        q = (hash & 0x7f) % 4;
        igb_sock_send(d->fd, frame, len);
        wb = rx_expect(d, q, next[q]++, frame, len);
        g_assert_cmphex(wb.a >> 32, ==, hash);
        g_assert_cmpuint(wb.a & 0xf, ==, tcp ? 1 : 2);   /* RSS type */
    }
    for (q = 0; q < 4; q++) {
        g_assert_cmpuint(igb_reg_read(d, igb_rxq_reg(q, A_RXQ_RDH)), ==,
                         next[q]);
    }
}

/* ---------------------------------------------------------------------- */
/* Receive filters                                                        */
/* ---------------------------------------------------------------------- */

static QIGB *filter_start(void *obj, void *data, uint32_t rctl)
{
    QIGB *d = igb_test_dev(obj, data);

    igb_link_up(d);
    igb_rx_ring_init(d, 0, 32, 2048, IGB_SRRCTL_DESCTYPE_ADV_ONEBUF);
    igb_reg_write(d, A_RCTL, R_RCTL_EN_MASK | R_RCTL_SECRC_MASK | rctl);
    return d;
}

static void test_filter_unicast(void *obj, void *data, QGuestAllocator *alloc)
{
    QIGB *d = filter_start(obj, data, R_RCTL_BAM_MASK);
    static const uint8_t other[6] = { 0x02, 0x00, 0x00, 0x00, 0x00, 0x01 };
    static const uint8_t third[6] = { 0x02, 0x00, 0x00, 0x00, 0x00, 0x02 };
    uint8_t frame[128];
    size_t len;
    uint32_t next = 0;

    len = build_raw(frame, other, 100, 1);
    rx_filter_check(d, &next, frame, len, false);

    /* A second receive address */
    igb_reg_write(d, A_RAL0 + 8 * 3, ldl_le_p(other));
    igb_reg_write(d, A_RAH0 + 8 * 3, lduw_le_p(other + 4) | R_RAH_AV_MASK);
    rx_filter_check(d, &next, frame, len, true);
    /* ... in the second bank */
    len = build_raw(frame, third, 100, 2);
    rx_filter_check(d, &next, frame, len, false);
    igb_reg_write(d, A_RA2_BASE + 8 * 2, ldl_le_p(third));
    igb_reg_write(d, A_RA2_BASE + 8 * 2 + 4,
                  lduw_le_p(third + 4) | R_RAH_AV_MASK);
    rx_filter_check(d, &next, frame, len, true);
    /* Not valid any more */
    igb_reg_write(d, A_RAH0 + 8 * 3, lduw_le_p(other + 4));
    len = build_raw(frame, other, 100, 3);
    rx_filter_check(d, &next, frame, len, false);

    /* Unicast promiscuous */
    igb_reg_set(d, A_RCTL, R_RCTL_UPE_MASK);
    rx_filter_check(d, &next, frame, len, true);
}

static void test_filter_multicast(void *obj, void *data,
                                  QGuestAllocator *alloc)
{
    QIGB *d = filter_start(obj, data, R_RCTL_BAM_MASK);
    static const uint8_t mc[6] = { 0x01, 0x00, 0x5e, 0x00, 0x00, 0xfb };
    /* RCTL.MO = 0: the hash is bits 47:36 of the address */
    unsigned hash = ((mc[4] >> 4) | (mc[5] << 4)) & 0xfff;
    uint8_t frame[128];
    size_t len = build_raw(frame, mc, 100, 1);
    uint32_t next = 0;

    rx_filter_check(d, &next, frame, len, false);
    igb_reg_write(d, A_MTA0 + 4 * (hash >> 5), 1u << (hash & 31));
    rx_filter_check(d, &next, frame, len, true);
    g_assert_cmpuint(igb_reg_read(d, A_MPRC), ==, 1);

    /* Another bit of the table does not let it in */
    igb_reg_write(d, A_MTA0 + 4 * (hash >> 5), 1u << ((hash + 1) & 31));
    rx_filter_check(d, &next, frame, len, false);

    igb_reg_set(d, A_RCTL, R_RCTL_MPE_MASK);
    rx_filter_check(d, &next, frame, len, true);
}

static void test_filter_broadcast(void *obj, void *data,
                                  QGuestAllocator *alloc)
{
    QIGB *d = filter_start(obj, data, 0);
    uint8_t frame[128];
    size_t len = build_raw(frame, bcast_mac, 100, 1);
    uint32_t next = 0;

    rx_filter_check(d, &next, frame, len, false);
    igb_reg_set(d, A_RCTL, R_RCTL_BAM_MASK);
    rx_filter_check(d, &next, frame, len, true);
    g_assert_cmpuint(igb_reg_read(d, A_BPRC), ==, 1);
}

static void test_filter_vlan(void *obj, void *data, QGuestAllocator *alloc)
{
    QIGB *d = filter_start(obj, data, R_RCTL_BAM_MASK | R_RCTL_VFE_MASK);
    uint8_t frame[256];
    size_t len = build_frame_tagged(frame, dev_mac, &flow_udp, 60, 100, 1);
    uint32_t next = 0;

    rx_filter_check(d, &next, frame, len, false);
    igb_reg_write(d, A_VFTA0 + 4 * (100 >> 5), 1u << (100 & 31));
    rx_filter_check(d, &next, frame, len, true);
    /* The priority bits do not matter */
    len = build_frame_tagged(frame, dev_mac, &flow_udp, 60, 0xe064, 2);
    rx_filter_check(d, &next, frame, len, true);
    len = build_frame_tagged(frame, dev_mac, &flow_udp, 60, 101, 3);
    rx_filter_check(d, &next, frame, len, false);

    /* Filtering off */
    igb_reg_clear(d, A_RCTL, R_RCTL_VFE_MASK);
    rx_filter_check(d, &next, frame, len, true);
}

static void test_rx_long(void *obj, void *data, QGuestAllocator *alloc)
{
    QIGB *d = filter_start(obj, data, R_RCTL_BAM_MASK);
    g_autofree uint8_t *frame = g_malloc(4096);
    uint32_t next = 0;

    rx_filter_check(d, &next, frame, build_raw(frame, dev_mac, 1400, 1),
                    true);
    rx_filter_check(d, &next, frame, build_raw(frame, dev_mac, 1600, 2),
                    false);
    g_assert_cmpuint(igb_reg_read(d, A_ROC), ==, 1);

    igb_reg_write(d, A_RLPML, 2000);
    igb_reg_set(d, A_RCTL, R_RCTL_LPE_MASK);
    rx_filter_check(d, &next, frame, build_raw(frame, dev_mac, 1600, 3),
                    true);
    rx_filter_check(d, &next, frame, build_raw(frame, dev_mac, 2100, 4),
                    false);
    g_assert_cmpuint(igb_reg_read(d, A_ROC), ==, 1);
}

/* No descriptor: held (DROP_EN = 0) or dropped and counted (DROP_EN = 1) */
static void test_rx_drop_en(void *obj, void *data, QGuestAllocator *alloc)
{
    QIGB *d = igb_start(obj, data, IGB_SRRCTL_DESCTYPE_ADV_ONEBUF);
    uint32_t srrctl = igb_rxq_reg(0, A_RXQ_SRRCTL);
    uint8_t frame[128];
    size_t len = 0;
    uint32_t i;

    /* 15 descriptors are available: fill them, one more waits */
    for (i = 0; i < 16; i++) {
        len = build_raw(frame, dev_mac, 100, i);
        igb_sock_send(d->fd, frame, len);
        if (i < 15) {
            rx_expect(d, 0, i, frame, len);
        }
    }
    g_assert_cmpuint(igb_reg_read(d, igb_rxq_reg(0, A_RXQ_RQDPC)), ==, 0);
    igb_rx_refill(d, 0, 8);
    rx_expect(d, 0, 15, frame, len);

    /* Descriptors 0-6 are left: fill them, then drop */
    igb_reg_set(d, srrctl, R_SRRCTL_DROP_EN_MASK);
    for (i = 0; i < 7; i++) {
        len = build_raw(frame, dev_mac, 100, 0x40 + i);
        igb_sock_send(d->fd, frame, len);
        rx_expect(d, 0, i, frame, len);
    }
    len = build_raw(frame, dev_mac, 100, 0x80);
    igb_sock_send(d->fd, frame, len);
    g_assert(igb_wait_reg(d, igb_rxq_reg(0, A_RXQ_RQDPC), ~0u, 1));
    igb_rx_refill(d, 0, 4);
    len = build_raw(frame, dev_mac, 100, 0x81);
    igb_sock_send(d->fd, frame, len);
    rx_expect(d, 0, 7, frame, len);
}

/* ---------------------------------------------------------------------- */
/* Interrupts                                                             */
/* ---------------------------------------------------------------------- */

#define VEC_RX      0
#define VEC_TX      1
#define VEC_OTHER   2

/* MSI-X: RX queue 0 on vector 0, TX queue 0 on 1, other causes on 2 */
static QIGB *msix_start(void *obj, void *data)
{
    QIGB *d = igb_start(obj, data, IGB_SRRCTL_DESCTYPE_ADV_ONEBUF);

    if (qpci_check_buggy_msi(d->pdev)) {
        return NULL;
    }
    igb_msix_init(d);
    igb_reg_write(d, A_GPIE, R_GPIE_MULTIPLE_MSIX_MASK | R_GPIE_NSICR_MASK |
                  R_GPIE_PBA_SUPPORT_MASK);
    igb_reg_write(d, A_IVAR0, (VEC_RX | IGB_IVAR_VALID) |
                  (VEC_TX | IGB_IVAR_VALID) << 8);
    igb_reg_write(d, A_IVAR_MISC, (VEC_OTHER | IGB_IVAR_VALID) << 8);
    igb_reg_write(d, A_EIMS, BIT(VEC_RX) | BIT(VEC_TX) | BIT(VEC_OTHER));
    igb_reg_write(d, A_IMS, R_ICR_LSC_MASK);
    return d;
}

static void send_one(QIGB *d, uint8_t seed)
{
    uint8_t frame[128];
    size_t len = build_raw(frame, peer_mac, 80, seed);

    g_assert(igb_tx_wait_dd(d, 0, igb_tx_legacy(d, 0, frame, len, TX_CMD)));
    tx_expect(d, frame, len);
}

static void recv_one(QIGB *d, uint32_t idx, uint8_t seed)
{
    uint8_t frame[128];
    size_t len = build_raw(frame, dev_mac, 80, seed);

    igb_sock_send(d->fd, frame, len);
    rx_expect(d, 0, idx, frame, len);
}

static void test_intr_msix(void *obj, void *data, QGuestAllocator *alloc)
{
    QIGB *d = msix_start(obj, data);

    if (!d) {
        return;
    }
    send_one(d, 1);
    g_assert(igb_wait_msix(d, VEC_TX));
    g_assert_false(igb_msix_fired(d, VEC_RX));
    g_assert_cmphex(igb_reg_read(d, A_EICR) & BIT(VEC_TX), ==, BIT(VEC_TX));
    igb_reg_write(d, A_EICR, ~0u);

    recv_one(d, 0, 2);
    g_assert(igb_wait_msix(d, VEC_RX));
    g_assert_false(igb_msix_fired(d, VEC_TX));
    g_assert_false(igb_msix_fired(d, VEC_OTHER));
    igb_reg_write(d, A_EICR, ~0u);

    /* Other causes: ICR says which */
    igb_reg_write(d, A_ICS, R_ICR_LSC_MASK);
    g_assert(igb_wait_msix(d, VEC_OTHER));
    g_assert_cmphex(igb_reg_read(d, A_ICR) & R_ICR_LSC_MASK, ==,
                    R_ICR_LSC_MASK);
    g_assert_false(igb_msix_fired(d, VEC_RX));

    /* EICS fires a vector directly; masked vectors do not fire */
    igb_reg_write(d, A_EICR, ~0u);
    igb_reg_write(d, A_EICS, BIT(5));
    g_assert_false(igb_msix_fired(d, 5));
    igb_reg_write(d, A_EICS, BIT(VEC_TX));
    g_assert(igb_wait_msix(d, VEC_TX));
}

/* EIAC: causes of the vector are cleared when its message is sent */
static void test_intr_eiac(void *obj, void *data, QGuestAllocator *alloc)
{
    QIGB *d = msix_start(obj, data);

    if (!d) {
        return;
    }
    igb_reg_write(d, A_EIAC, BIT(VEC_RX));
    recv_one(d, 0, 1);
    g_assert(igb_wait_msix(d, VEC_RX));
    g_assert_cmphex(igb_reg_read(d, A_EICR) & BIT(VEC_RX), ==, 0);

    send_one(d, 2);
    g_assert(igb_wait_msix(d, VEC_TX));
    g_assert_cmphex(igb_reg_read(d, A_EICR) & BIT(VEC_TX), ==, BIT(VEC_TX));
}

/* GPIE.EIAME and EIAM: the vector is masked when its message is sent */
static void test_intr_eiam(void *obj, void *data, QGuestAllocator *alloc)
{
    QIGB *d = msix_start(obj, data);

    if (!d) {
        return;
    }
    igb_reg_set(d, A_GPIE, R_GPIE_EIAME_MASK);
    igb_reg_write(d, A_EIAM, BIT(VEC_RX));
    recv_one(d, 0, 1);
    g_assert(igb_wait_msix(d, VEC_RX));
    g_assert_cmphex(igb_reg_read(d, A_EIMS) & BIT(VEC_RX), ==, 0);
    g_assert_cmphex(igb_reg_read(d, A_EIMS) & BIT(VEC_TX), ==, BIT(VEC_TX));

    /* Masked: a second frame sends nothing ... */
    igb_reg_write(d, A_EICR, ~0u);
    recv_one(d, 1, 2);
    g_assert_false(igb_msix_fired(d, VEC_RX));
    /* ... until the driver unmasks the vector */
    igb_reg_write(d, A_EIMS, BIT(VEC_RX));
    g_assert(igb_wait_msix(d, VEC_RX));
}

/* EITR: no second message before the interval has passed */
static void test_intr_eitr(void *obj, void *data, QGuestAllocator *alloc)
{
    QIGB *d = msix_start(obj, data);
    QTestState *qts;
    int i;

    if (!d) {
        return;
    }
    qts = igb_qts(d);
    igb_reg_write(d, A_EIAC, BIT(VEC_RX));
    /* Without moderation, each frame sends a message at once */
    recv_one(d, 0, 1);
    g_assert(igb_wait_msix(d, VEC_RX));
    recv_one(d, 1, 2);
    g_assert(igb_wait_msix(d, VEC_RX));

    /* 1000 us interval */
    igb_reg_write(d, A_EITR0 + 4 * VEC_RX, 1000 << R_EITR_INTERVAL_SHIFT);
    recv_one(d, 2, 3);
    for (i = 0; i < 30 && !igb_msix_fired(d, VEC_RX); i++) {
        qtest_clock_step(qts, 100 * 1000);
    }
    g_assert_cmpint(i, <, 30);

    recv_one(d, 3, 4);
    g_assert_false(igb_msix_fired(d, VEC_RX));
    qtest_clock_step(qts, 400 * 1000);
    g_assert_false(igb_msix_fired(d, VEC_RX));
    qtest_clock_step(qts, 700 * 1000);
    g_assert(igb_msix_fired(d, VEC_RX));
}

static void test_intr_intx(void *obj, void *data, QGuestAllocator *alloc)
{
    QIGB *d = igb_start(obj, data, IGB_SRRCTL_DESCTYPE_ADV_ONEBUF);
    uint32_t icr;

    igb_reg_write(d, A_ICR, ~0u);
    g_assert_false(igb_intx_asserted(d));

    igb_reg_write(d, A_IMS, R_ICR_LSC_MASK);
    igb_reg_write(d, A_ICS, R_ICR_LSC_MASK);
    g_assert(igb_intx_asserted(d));
    icr = igb_reg_read(d, A_ICR);
    g_assert_cmphex(icr, ==, R_ICR_LSC_MASK | R_ICR_INT_ASSERTED_MASK);
    g_assert_false(igb_intx_asserted(d));
    g_assert_cmphex(igb_reg_read(d, A_ICR), ==, 0);

    /* A received frame: RXDW */
    igb_reg_write(d, A_IMS, R_ICR_RXDW_MASK);
    recv_one(d, 0, 1);
    g_assert(igb_intx_asserted(d));
    icr = igb_reg_read(d, A_ICR);
    g_assert_cmphex(icr & (R_ICR_RXDW_MASK | R_ICR_INT_ASSERTED_MASK), ==,
                    R_ICR_RXDW_MASK | R_ICR_INT_ASSERTED_MASK);
    g_assert_false(igb_intx_asserted(d));

    /* A transmitted frame: TXDW */
    igb_reg_write(d, A_IMS, R_ICR_TXDW_MASK);
    send_one(d, 2);
    g_assert(igb_intx_asserted(d));
    icr = igb_reg_read(d, A_ICR);
    g_assert_cmphex(icr & R_ICR_TXDW_MASK, ==, R_ICR_TXDW_MASK);
    g_assert_false(igb_intx_asserted(d));

    /* IMC masks it again */
    igb_reg_write(d, A_IMC, ~0u);
    igb_reg_write(d, A_ICS, R_ICR_LSC_MASK);
    g_assert_false(igb_intx_asserted(d));
}

static void test_intr_msi(void *obj, void *data, QGuestAllocator *alloc)
{
    QIGB *d = igb_start(obj, data, IGB_SRRCTL_DESCTYPE_ADV_ONEBUF);
    uint8_t cap = qpci_find_capability(d->pdev, PCI_CAP_ID_MSI, 0);
    uint64_t msg = guest_alloc(alloc, 4);
    uint16_t ctl;
    uint8_t data_off;

    if (qpci_check_buggy_msi(d->pdev)) {
        return;
    }
    g_assert_cmphex(cap, !=, 0);
    ctl = qpci_config_readw(d->pdev, cap + PCI_MSI_FLAGS);
    qpci_config_writel(d->pdev, cap + PCI_MSI_ADDRESS_LO, msg);
    if (ctl & PCI_MSI_FLAGS_64BIT) {
        qpci_config_writel(d->pdev, cap + PCI_MSI_ADDRESS_HI, msg >> 32);
        data_off = PCI_MSI_DATA_64;
    } else {
        data_off = PCI_MSI_DATA_32;
    }
    qpci_config_writew(d->pdev, cap + data_off, 0x4242);
    qpci_config_writew(d->pdev, cap + PCI_MSI_FLAGS,
                       (ctl & ~PCI_MSI_FLAGS_QSIZE) | PCI_MSI_FLAGS_ENABLE);
    igb_mem_writel(d, msg, 0);

    igb_reg_write(d, A_IMS, R_ICR_LSC_MASK);
    igb_reg_write(d, A_ICS, R_ICR_LSC_MASK);
    g_assert_cmphex(igb_mem_readl(d, msg), ==, 0x4242);
    g_assert_false(igb_intx_asserted(d));
    g_assert_cmphex(igb_reg_read(d, A_ICR) & R_ICR_LSC_MASK, ==,
                    R_ICR_LSC_MASK);
}

/* ---------------------------------------------------------------------- */
/* Many frames: the rings wrap many times                                 */
/* ---------------------------------------------------------------------- */

#define MANY        2048
#define BATCH       32

static void test_many_tx(void *obj, void *data, QGuestAllocator *alloc)
{
    QIGB *d = igb_test_dev(obj, data);
    uint8_t frame[128], out[128];
    uint32_t i, j, idx = 0;
    size_t len;

    igb_link_up(d);
    igb_tx_ring_init(d, 0, 64, 128);
    for (i = 0; i < MANY; i += BATCH) {
        for (j = 0; j < BATCH; j++) {
            len = build_raw(frame, peer_mac, 64 + (i + j) % 64, i + j);
            stl_be_p(frame + ETH_HLEN, i + j);
            idx = d->tx[0].tail;
            qtest_memwrite(igb_qts(d), igb_tx_buf(d, 0, idx), frame, len);
            igb_tx_put(d, 0, &(IGBTxDesc) {
                .addr = igb_tx_buf(d, 0, idx),
                .cmd_type_len = len | TX_CMD,
            });
        }
        igb_tx_kick(d, 0);
        g_assert(igb_tx_wait_dd(d, 0, idx));
        for (j = 0; j < BATCH; j++) {
            len = igb_sock_recv(d->fd, out, sizeof(out));
            g_assert_cmpuint(len, ==, 64 + (i + j) % 64);
            g_assert_cmpuint(ldl_be_p(out + ETH_HLEN), ==, i + j);
        }
    }
    g_assert_cmpuint(igb_reg_read(d, igb_txq_reg(0, A_TXQ_TDH)), ==,
                     MANY % 64);
    g_assert_cmpuint(igb_reg_read(d, A_GPTC), ==, MANY);
}

static void test_many_rx(void *obj, void *data, QGuestAllocator *alloc)
{
    QIGB *d = igb_test_dev(obj, data);
    uint8_t frame[128], seq[4];
    IGBRxDesc wb;
    uint32_t i, j, idx;
    size_t len;

    igb_link_up(d);
    igb_rx_ring_init(d, 0, 64, 1024, IGB_SRRCTL_DESCTYPE_ADV_ONEBUF);
    igb_rx_enable(d, 0);
    for (i = 0; i < MANY; i += BATCH) {
        for (j = 0; j < BATCH; j++) {
            len = build_raw(frame, dev_mac, 64 + (i + j) % 64, i + j);
            stl_be_p(frame + ETH_HLEN, i + j);
            igb_sock_send(d->fd, frame, len);
        }
        for (j = 0; j < BATCH; j++) {
            idx = (i + j) % 64;
            g_assert(igb_rx_wait(d, 0, idx, &wb));
            g_assert_cmpuint(igb_rx_length(&d->rx[0], &wb), ==,
                             64 + (i + j) % 64);
            qtest_memread(igb_qts(d), igb_rx_buf(d, 0, idx) + ETH_HLEN,
                          seq, sizeof(seq));
            g_assert_cmpuint(ldl_be_p(seq), ==, i + j);
        }
        igb_rx_refill(d, 0, BATCH);
    }
    g_assert_cmpuint(igb_reg_read(d, igb_rxq_reg(0, A_RXQ_RDH)), ==,
                     MANY % 64);
    g_assert_cmpuint(igb_reg_read(d, A_GPRC), ==, MANY);
}

/* ---------------------------------------------------------------------- */
/* Hot-plug                                                               */
/* ---------------------------------------------------------------------- */

static void test_hotplug(void *obj, void *data, QGuestAllocator *alloc)
{
    QIGB *d = igb_test_dev(obj, data);
    QTestState *qts = igb_qts(d);
    const char *arch = qtest_get_arch();
    QPCIDevice *dev;

    if (d->pdev->bus->not_hotpluggable) {
        g_test_skip("pci bus does not support hotplug");
        return;
    }
    qtest_qmp_device_add(qts, "igb", "igb1", "{'addr': '0x06'}");
    dev = qpci_device_find(d->pdev->bus, QPCI_DEVFN(6, 0));
    g_assert_nonnull(dev);
    g_assert_cmphex(qpci_config_readw(dev, PCI_DEVICE_ID), ==,
                    IGB_PCI_DEVICE_ID);
    g_free(dev);
    if (!strcmp(arch, "i386") || !strcmp(arch, "x86_64")) {
        qpci_unplug_acpi_device_test(qts, "igb1", 6);
        g_assert_null(qpci_device_find(d->pdev->bus, QPCI_DEVFN(6, 0)));
    }
    /* The first device still works */
    igb_link_up(d);
    igb_tx_ring_init(d, 0, 8, 256);
    send_one(d, 1);
}

/* ---------------------------------------------------------------------- */
/* Bad input: QEMU neither crashes nor hangs, the device works afterwards */
/* ---------------------------------------------------------------------- */

#define UNMAPPED    0xffffffff0000ull

static void check_works(QIGB *d)
{
    g_autofree uint8_t *buf = g_malloc(IGB_TEST_MAX_FRAME);
    uint8_t frame[128];
    size_t len = build_raw(frame, peer_mac, 100, 0x77), n;
    gint64 end = g_get_monotonic_time() + IGB_TEST_TIMEOUT_US;

    assert_alive(d);
    igb_reset(d);
    igb_link_up(d);
    igb_tx_ring_init(d, 0, 8, 256);
    igb_rx_ring_init(d, 0, 8, 2048, IGB_SRRCTL_DESCTYPE_ADV_ONEBUF);
    igb_rx_enable(d, 0);

    igb_tx_legacy(d, 0, frame, len, TX_CMD);
    /* Whatever the bad input sent is before it */
    do {
        g_assert_cmpint(g_get_monotonic_time(), <, end);
        n = igb_sock_recv(d->fd, buf, IGB_TEST_MAX_FRAME);
    } while (n != len || memcmp(buf, frame, len));

    len = build_raw(frame, dev_mac, 100, 0x78);
    igb_sock_send(d->fd, frame, len);
    rx_expect(d, 0, 0, frame, len);
}

static void test_bad_tx_desc(void *obj, void *data, QGuestAllocator *alloc)
{
    QIGB *d = igb_start(obj, data, IGB_SRRCTL_DESCTYPE_ADV_ONEBUF);
    uint64_t big = guest_alloc(alloc, 0x10000);
    uint8_t frame[128];
    size_t len = build_raw(frame, peer_mac, 100, 1);
    unsigned i;

    /* Length 0 */
    igb_tx_put(d, 0, &(IGBTxDesc) { .addr = big, .cmd_type_len = TX_CMD });
    igb_tx_kick(d, 0);
    /* Buffer in unassigned memory */
    igb_tx_put(d, 0, &(IGBTxDesc) { .addr = UNMAPPED,
                                     .cmd_type_len = 100 | TX_CMD });
    igb_tx_kick(d, 0);
    assert_alive(d);
    /* A good frame behind them is sent, and nothing before it */
    g_assert(igb_tx_wait_dd(d, 0, igb_tx_legacy(d, 0, frame, len, TX_CMD)));
    tx_expect(d, frame, len);

    /* A frame of 12 descriptors of 64 KiB - 1, without TSE */
    for (i = 0; i < 12; i++) {
        igb_tx_put(d, 0, &(IGBTxDesc) {
            .addr = big,
            .cmd_type_len = 0xffff | IGB_TXD_CMD_IFCS |
                            (i == 11 ? IGB_TXD_CMD_EOP | IGB_TXD_CMD_RS : 0),
        });
    }
    igb_tx_kick(d, 0);
    assert_alive(d);

    /* TSO with MSS 0, and with headers longer than the frame */
    put_ctx(d, IGB_ADVTXD_L4T_TCP, 0, 0, TCP_HLEN);
    igb_tx_adv(d, 0, frame, len, TX_CMD | IGB_TXD_CMD_TSE,
               IGB_ADVTXD_POPTS_TXSM | 50 << IGB_ADVTXD_PAYLEN_SHIFT);
    igb_tx_put_ctx(d, 0, &(IGBTxContextDesc) {
        .vlan_macip_lens = 0x1ff | 0x7f << IGB_ADVTXD_MACLEN_SHIFT,
        .type_tucmd_mlhl = IGB_ADVTXD_TUCMD_IPV4 |
                           IGB_ADVTXD_L4T_TCP << IGB_ADVTXD_TUCMD_L4T_SHIFT,
        .mss_l4len_idx = 1 << IGB_ADVTXD_MSS_SHIFT |
                         0xff << IGB_ADVTXD_L4LEN_SHIFT,
    });
    igb_tx_adv(d, 0, frame, len, TX_CMD | IGB_TXD_CMD_TSE,
               IGB_ADVTXD_POPTS_IXSM | IGB_ADVTXD_POPTS_TXSM |
               0x3ffff << IGB_ADVTXD_PAYLEN_SHIFT);
    check_works(d);
}

static void test_bad_tx_ring(void *obj, void *data, QGuestAllocator *alloc)
{
    QIGB *d = igb_start(obj, data, IGB_SRRCTL_DESCTYPE_ADV_ONEBUF);
    uint32_t tdlen = igb_txq_reg(0, A_TXQ_TDLEN);
    uint32_t tdh = igb_txq_reg(0, A_TXQ_TDH);
    uint32_t tdt = igb_txq_reg(0, A_TXQ_TDT);
    uint32_t tdbal = igb_txq_reg(0, A_TXQ_TDBAL);
    uint32_t tdbah = igb_txq_reg(0, A_TXQ_TDBAH);
    uint8_t frame[128];
    size_t len = build_raw(frame, peer_mac, 100, 1);
    int i;

    for (i = 0; i < 4; i++) {
        igb_tx_legacy(d, 0, frame, len, TX_CMD);
    }
    igb_sock_drain(d->fd);
    /* Tail moving backwards: the device goes round the ring */
    igb_reg_write(d, tdt, 2);
    assert_alive(d);
    /* Ring length 0, then not a multiple of 128 */
    igb_reg_write(d, tdlen, 0);
    igb_reg_write(d, tdt, 5);
    assert_alive(d);
    igb_reg_write(d, tdlen, 100);
    igb_reg_write(d, tdt, 7);
    assert_alive(d);
    /* Head and tail beyond the ring */
    igb_reg_write(d, tdlen, 8 * IGB_DESC_SIZE);
    igb_reg_write(d, tdt, 1000);
    assert_alive(d);
    igb_reg_write(d, tdh, 2000);
    igb_reg_write(d, tdt, 3);
    assert_alive(d);
    /* The ring itself in unassigned memory */
    igb_reg_write(d, tdbal, (uint32_t)UNMAPPED);
    igb_reg_write(d, tdbah, UNMAPPED >> 32);
    igb_reg_write(d, tdh, 0);
    igb_reg_write(d, tdt, 4);
    assert_alive(d);
    igb_sock_drain(d->fd);
    check_works(d);
}

static void test_bad_rx(void *obj, void *data, QGuestAllocator *alloc)
{
    QIGB *d = igb_start(obj, data, IGB_SRRCTL_DESCTYPE_ADV_ONEBUF);
    uint32_t rdlen = igb_rxq_reg(0, A_RXQ_RDLEN);
    uint32_t rdh = igb_rxq_reg(0, A_RXQ_RDH);
    uint32_t rdt = igb_rxq_reg(0, A_RXQ_RDT);
    uint32_t srrctl = igb_rxq_reg(0, A_RXQ_SRRCTL);
    g_autofree uint8_t *frame = g_malloc(65000);
    size_t len = build_raw(frame, dev_mac, 100, 1);
    IGBRxDesc desc = { .a = cpu_to_le64(UNMAPPED) };

    /* A buffer in unassigned memory */
    qtest_memwrite(igb_qts(d), d->rx[0].desc, &desc, sizeof(desc));
    igb_sock_send(d->fd, frame, len);
    igb_sock_send(d->fd, frame, len);
    g_assert(igb_wait_reg(d, rdh, ~0u, 2));
    assert_alive(d);

    /* A huge frame, with long packets allowed */
    igb_reg_write(d, A_RLPML, 0x3fff);
    igb_reg_set(d, A_RCTL, R_RCTL_LPE_MASK);
    igb_sock_send(d->fd, frame, build_raw(frame, dev_mac, 65000, 2));
    assert_alive(d);

    /* Buffer size 0 */
    igb_reg_write(d, srrctl, FIELD_DP32(0, SRRCTL, DESCTYPE,
                                        IGB_SRRCTL_DESCTYPE_ADV_ONEBUF));
    igb_sock_send(d->fd, frame, build_raw(frame, dev_mac, 100, 3));
    assert_alive(d);

    /* Ring length 0, unaligned; head and tail beyond the ring */
    igb_reg_write(d, rdlen, 0);
    igb_reg_write(d, rdt, 5);
    igb_sock_send(d->fd, frame, len);
    assert_alive(d);
    igb_reg_write(d, rdlen, 100);
    igb_sock_send(d->fd, frame, len);
    assert_alive(d);
    igb_reg_write(d, rdlen, 16 * IGB_DESC_SIZE);
    igb_reg_write(d, rdt, 1000);
    igb_reg_write(d, rdh, 3000);
    igb_sock_send(d->fd, frame, len);
    assert_alive(d);

    /* The ring in unassigned memory */
    igb_reg_write(d, igb_rxq_reg(0, A_RXQ_RDBAL), (uint32_t)UNMAPPED);
    igb_reg_write(d, igb_rxq_reg(0, A_RXQ_RDBAH), UNMAPPED >> 32);
    igb_reg_write(d, rdh, 0);
    igb_reg_write(d, rdt, 8);
    igb_sock_send(d->fd, frame, len);
    assert_alive(d);
    check_works(d);
}

/* ---------------------------------------------------------------------- */
/* Registration                                                           */
/* ---------------------------------------------------------------------- */

/* ---------------------------------------------------------------------- */
/* 5-tuple and SYN filters                                                */
/* ---------------------------------------------------------------------- */

#define TCP_FLAG_SYN        0x02

/* Register values hold the wire's bytes, first byte in bits 7:0 */
static uint32_t wire32(uint32_t host)
{
    return bswap32(host);
}

static uint32_t wire16(uint16_t host)
{
    return bswap16(host);
}

static size_t build_tcp(uint8_t *buf, uint16_t dport, uint8_t flags,
                        uint8_t seed)
{
    Flow f = flow_tcp;
    size_t len;

    f.dport = dport;
    len = build_frame(buf, dev_mac, &f, 20, seed);
    buf[ETH_HLEN + IP_HLEN + 13] = flags;   /* checksum no longer matters */
    return len;
}

static void test_filter_5tuple(void *obj, void *data, QGuestAllocator *alloc)
{
    QIGB *d = igb_test_dev(obj, data);
    uint32_t next[4] = { 0 };
    uint8_t frame[256];
    size_t len;
    unsigned q;

    igb_link_up(d);
    for (q = 0; q < 4; q++) {
        igb_rx_ring_init(d, q, 16, 2048, IGB_SRRCTL_DESCTYPE_ADV_ONEBUF);
    }
    igb_rx_enable(d, 0);

    /* Filter 0: TCP to 10.0.0.1 port 80, to queue 2 */
    igb_reg_write(d, A_DAQF0, wire32(flow_tcp.dst_ip));
    igb_reg_write(d, A_IMIR0, wire16(80));
    igb_reg_write(d, A_IMIREXT0, R_IMIREXT_SIZE_BP_MASK |
                  R_IMIREXT_CTRL_BP_MASK);
    igb_reg_write(d, A_FTQF0, IP_PROTO_TCP | R_FTQF_QUEUE_EN_MASK |
                  (2 << R_FTQF_QUEUE_SHIFT) | R_FTQF_VF_BP_MASK |
                  R_FTQF_MASK_SA_MASK | R_FTQF_MASK_SP_MASK);

    len = build_tcp(frame, 80, TCP_FLAG_ACK, 1);
    igb_sock_send(d->fd, frame, len);
    rx_expect(d, 2, next[2]++, frame, len);
    /* Another port, another protocol, another address: the default queue */
    len = build_tcp(frame, 81, TCP_FLAG_ACK, 2);
    igb_sock_send(d->fd, frame, len);
    rx_expect(d, 0, next[0]++, frame, len);
    len = build_frame(frame, dev_mac, &flow_udp, 20, 3);
    igb_sock_send(d->fd, frame, len);
    rx_expect(d, 0, next[0]++, frame, len);
    igb_reg_write(d, A_DAQF0, wire32(flow_tcp.dst_ip + 1));
    len = build_tcp(frame, 80, TCP_FLAG_ACK, 4);
    igb_sock_send(d->fd, frame, len);
    rx_expect(d, 0, next[0]++, frame, len);
    igb_reg_write(d, A_DAQF0, wire32(flow_tcp.dst_ip));

    /* Filter 1 matches too, with a higher priority: queue 3 wins */
    igb_reg_write(d, A_IMIR0 + 4, wire16(80) | (7 << R_IMIR_PRIORITY_SHIFT));
    igb_reg_write(d, A_IMIREXT0 + 4, R_IMIREXT_SIZE_BP_MASK |
                  R_IMIREXT_CTRL_BP_MASK);
    igb_reg_write(d, A_FTQF0 + 4, R_FTQF_QUEUE_EN_MASK |
                  (3 << R_FTQF_QUEUE_SHIFT) | R_FTQF_VF_BP_MASK |
                  R_FTQF_MASK_PROTO_MASK | R_FTQF_MASK_SA_MASK |
                  R_FTQF_MASK_DA_MASK | R_FTQF_MASK_SP_MASK);
    len = build_tcp(frame, 80, TCP_FLAG_ACK, 5);
    igb_sock_send(d->fd, frame, len);
    rx_expect(d, 3, next[3]++, frame, len);
    /* Filter 1 only for SYN segments (IMIREXT.CTRL bit 4: SYN) */
    igb_reg_write(d, A_IMIREXT0 + 4, R_IMIREXT_SIZE_BP_MASK |
                  (0x10 << R_IMIREXT_CTRL_SHIFT));
    len = build_tcp(frame, 80, TCP_FLAG_ACK, 6);
    igb_sock_send(d->fd, frame, len);
    rx_expect(d, 2, next[2]++, frame, len);
    len = build_tcp(frame, 80, TCP_FLAG_SYN, 7);
    igb_sock_send(d->fd, frame, len);
    rx_expect(d, 3, next[3]++, frame, len);
    igb_reg_write(d, A_FTQF0 + 4, 0);

    /* The SYN filter: after the 5-tuple filters unless RFCTL.SYNQFP */
    igb_reg_write(d, A_SYNQF0, R_SYNQF_QUEUE_EN_MASK |
                  (1 << R_SYNQF_QUEUE_SHIFT));
    len = build_tcp(frame, 81, TCP_FLAG_SYN, 8);
    igb_sock_send(d->fd, frame, len);
    rx_expect(d, 1, next[1]++, frame, len);
    len = build_tcp(frame, 80, TCP_FLAG_SYN, 9);
    igb_sock_send(d->fd, frame, len);
    rx_expect(d, 2, next[2]++, frame, len);
    igb_reg_set(d, A_RFCTL, R_RFCTL_SYNQFP_MASK);
    len = build_tcp(frame, 80, TCP_FLAG_SYN, 10);
    igb_sock_send(d->fd, frame, len);
    rx_expect(d, 1, next[1]++, frame, len);
    len = build_tcp(frame, 80, TCP_FLAG_ACK, 11);
    igb_sock_send(d->fd, frame, len);
    rx_expect(d, 2, next[2]++, frame, len);

    for (q = 0; q < 4; q++) {
        g_assert_cmpuint(igb_reg_read(d, igb_rxq_reg(q, A_RXQ_RDH)), ==,
                         next[q]);
    }
}

/* ---------------------------------------------------------------------- */
/* IEEE 1588                                                              */
/* ---------------------------------------------------------------------- */

#define TIMINCA_NS          ((1u << R_TIMINCA_INCPERIOD_SHIFT) | 16)
#define ETH_P_1588          0x88f7
#define PTP_EVENT_PORT      319
#define PTP_HLEN            44
#define PTP_SYNC            0
#define PTP_DELAY_REQ       1
#define PTP_FOLLOW_UP       8
#define TSYNCRXCTL_EVENT_V2 (R_TSYNCRXCTL_EN_MASK |                          \
                             (IGB_TSYNCRXCTL_TYPE_EVENT_V2 <<               \
                              R_TSYNCRXCTL_TYPE_SHIFT))

static uint64_t systim_read(QIGB *d)
{
    uint64_t lo = igb_reg_read(d, A_SYSTIML);

    return lo | (uint64_t)igb_reg_read(d, A_SYSTIMH) << 32;
}

static void ptp_header(uint8_t *p, uint8_t type, uint16_t seq)
{
    memset(p, 0, PTP_HLEN);
    p[0] = type;
    p[1] = 2;                               /* versionPTP */
    stw_be_p(p + 2, PTP_HLEN);
    memcpy(p + 20, "\x11\x22\x33\x44\x55\x66\x77\x88", 8);
    stw_be_p(p + 30, seq);
}

/* Padded to the 60 bytes of a minimum frame */
static size_t build_ptp_l2(uint8_t *buf, uint8_t type, uint16_t seq)
{
    memset(buf, 0, 60);
    memcpy(buf, dev_mac, 6);
    memcpy(buf + 6, peer_mac, 6);
    stw_be_p(buf + 12, ETH_P_1588);
    ptp_header(buf + ETH_HLEN, type, seq);
    return MAX(ETH_HLEN + PTP_HLEN, 60);
}

static size_t build_ptp_udp(uint8_t *buf, uint16_t dport, uint8_t type,
                            uint16_t seq)
{
    Flow f = flow_udp;
    size_t len;

    f.sport = PTP_EVENT_PORT;
    f.dport = dport;
    len = build_frame(buf, dev_mac, &f, PTP_HLEN, 0);
    ptp_header(buf + ETH_HLEN + IP_HLEN + UDP_HLEN, type, seq);
    stw_be_p(buf + ETH_HLEN + IP_HLEN + 6, 0);      /* no UDP checksum */
    return len;
}

/* SYSTIM: stopped until TIMINCA is set, then at its rate; writes, TIMADJ */
static void test_ptp_clock(void *obj, void *data, QGuestAllocator *alloc)
{
    QIGB *d = igb_test_dev(obj, data);
    QTestState *qts = igb_qts(d);
    uint64_t t0;

    t0 = systim_read(d);
    qtest_clock_step(qts, 1000);
    g_assert_cmpuint(systim_read(d), ==, t0);

    igb_reg_write(d, A_TIMINCA, TIMINCA_NS);
    t0 = systim_read(d);
    qtest_clock_step(qts, 1000 * 1000);
    g_assert_cmpuint(systim_read(d), ==, t0 + 1000 * 1000);
    /* 16 ns periods */
    qtest_clock_step(qts, 8);
    g_assert_cmpuint(systim_read(d), ==, t0 + 1000 * 1000);
    qtest_clock_step(qts, 8);
    g_assert_cmpuint(systim_read(d), ==, t0 + 1000 * 1000 + 16);

    /* Linux's nominal rate: nanoseconds << 19 */
    igb_reg_write(d, A_TIMINCA, (1u << R_TIMINCA_INCPERIOD_SHIFT) |
                  (16u << 19));
    t0 = systim_read(d);
    qtest_clock_step(qts, 1024);
    g_assert_cmpuint(systim_read(d), ==, t0 + (1024ull << 19));

    /* Written; reading SYSTIML latches SYSTIMH */
    igb_reg_write(d, A_TIMINCA, TIMINCA_NS);
    igb_reg_write(d, A_SYSTIML, 0xfffffff0);
    igb_reg_write(d, A_SYSTIMH, 5);
    g_assert_cmphex(igb_reg_read(d, A_SYSTIML), ==, 0xfffffff0);
    qtest_clock_step(qts, 32);
    g_assert_cmphex(igb_reg_read(d, A_SYSTIMH), ==, 5);
    g_assert_cmphex(igb_reg_read(d, A_SYSTIML), ==, 0x10);
    g_assert_cmphex(igb_reg_read(d, A_SYSTIMH), ==, 6);

    /* TIMADJH:TIMADJL steps it, forwards or (SIGN) backwards */
    t0 = systim_read(d);
    igb_reg_write(d, A_TIMADJL, 1000);
    igb_reg_write(d, A_TIMADJH, 0);
    g_assert_cmpuint(systim_read(d), ==, t0 + 1000);
    igb_reg_write(d, A_TIMADJL, 3000);
    igb_reg_write(d, A_TIMADJH, R_TIMADJH_SIGN_MASK);
    g_assert_cmpuint(systim_read(d), ==, t0 - 2000);
}

/* The TSTAMP descriptor bit latches SYSTIM into TXSTMP, one at a time */
static void test_ptp_tx(void *obj, void *data, QGuestAllocator *alloc)
{
    QIGB *d = igb_start(obj, data, IGB_SRRCTL_DESCTYPE_ADV_ONEBUF);
    QTestState *qts = igb_qts(d);
    uint8_t frame[128];
    size_t len = build_ptp_l2(frame, PTP_SYNC, 1);
    uint64_t t0;
    uint32_t idx;

    igb_reg_write(d, A_TIMINCA, TIMINCA_NS);
    igb_reg_write(d, A_SYSTIML, 0x1000);
    igb_reg_write(d, A_SYSTIMH, 2);
    qtest_clock_step(qts, 160);

    /* Time stamping off: nothing latched */
    idx = igb_tx_adv(d, 0, frame, len, TX_CMD | IGB_ADVTXD_MAC_TSTAMP, 0);
    g_assert(igb_tx_wait_dd(d, 0, idx));
    tx_expect(d, frame, len);
    g_assert_cmphex(igb_reg_read(d, A_TSYNCTXCTL), ==, 0);

    igb_reg_write(d, A_TSYNCTXCTL, R_TSYNCTXCTL_EN_MASK);
    t0 = systim_read(d);
    g_assert_cmphex(t0, ==, 0x200001000ull + 160);
    idx = igb_tx_adv(d, 0, frame, len, TX_CMD | IGB_ADVTXD_MAC_TSTAMP, 0);
    g_assert(igb_tx_wait_dd(d, 0, idx));
    tx_expect(d, frame, len);
    g_assert_cmphex(igb_reg_read(d, A_TSYNCTXCTL), ==,
                    R_TSYNCTXCTL_EN_MASK | R_TSYNCTXCTL_VALID_MASK);

    /* A second one while TXSTMP is taken is not stamped */
    qtest_clock_step(qts, 1600);
    idx = igb_tx_adv(d, 0, frame, len, TX_CMD | IGB_ADVTXD_MAC_TSTAMP, 0);
    g_assert(igb_tx_wait_dd(d, 0, idx));
    tx_expect(d, frame, len);
    g_assert_cmphex(igb_reg_read(d, A_TXSTMPL), ==, (uint32_t)t0);
    g_assert_cmphex(igb_reg_read(d, A_TXSTMPH), ==, t0 >> 32);
    /* Reading TXSTMPH freed it; a frame without TSTAMP leaves it free */
    g_assert_cmphex(igb_reg_read(d, A_TSYNCTXCTL), ==, R_TSYNCTXCTL_EN_MASK);
    idx = igb_tx_adv(d, 0, frame, len, TX_CMD, 0);
    g_assert(igb_tx_wait_dd(d, 0, idx));
    tx_expect(d, frame, len);
    g_assert_cmphex(igb_reg_read(d, A_TSYNCTXCTL), ==, R_TSYNCTXCTL_EN_MASK);
}

/*
 * Receive a frame at @idx of queue 0; return whether it was time stamped
 * (TS) and check that RXSTMP then holds SYSTIM of its arrival.
 */
static bool ptp_rx_one(QIGB *d, uint32_t idx, const uint8_t *frame,
                       size_t len)
{
    uint64_t before = systim_read(d), stamp;
    bool ts, valid;
    IGBRxDesc wb;

    igb_sock_send(d->fd, frame, len);
    wb = rx_expect(d, 0, idx, frame, len);
    ts = igb_rx_status(&d->rx[0], &wb) & IGB_RXD_STAT_TS;
    valid = igb_reg_read(d, A_TSYNCRXCTL) & R_TSYNCRXCTL_VALID_MASK;
    if (ts) {
        g_assert_true(valid);
        stamp = igb_reg_read(d, A_RXSTMPL);
        stamp |= (uint64_t)igb_reg_read(d, A_RXSTMPH) << 32;
        g_assert_cmpuint(stamp, >=, before);
        g_assert_cmpuint(stamp, <=, systim_read(d));
        g_assert_false(igb_reg_read(d, A_TSYNCRXCTL) &
                       R_TSYNCRXCTL_VALID_MASK);
    }
    return ts;
}

static void test_ptp_rx(void *obj, void *data, QGuestAllocator *alloc)
{
    QIGB *d = igb_start(obj, data, IGB_SRRCTL_DESCTYPE_ADV_ONEBUF);
    uint8_t frame[256];
    uint32_t idx = 0, ftqf;
    size_t len;
    IGBRxDesc wb;

    igb_reg_write(d, A_TIMINCA, TIMINCA_NS);
    qtest_clock_step(igb_qts(d), 1000);
    igb_reg_write(d, A_ETQF0 + 4 * 3, R_ETQF_FILTER_EN_MASK |
                  R_ETQF_IEEE1588_MASK | ETH_P_1588);

    /* Off: not stamped */
    len = build_ptp_l2(frame, PTP_SYNC, 1);
    g_assert_false(ptp_rx_one(d, idx++, frame, len));

    /* V2 event messages over L2: Sync and Delay_Req, not Follow_Up */
    igb_reg_write(d, A_TSYNCRXCTL, TSYNCRXCTL_EVENT_V2);
    g_assert_true(ptp_rx_one(d, idx++, frame, len));
    len = build_ptp_l2(frame, PTP_FOLLOW_UP, 2);
    g_assert_false(ptp_rx_one(d, idx++, frame, len));
    len = build_ptp_l2(frame, PTP_DELAY_REQ, 0x1234);
    g_assert_true(ptp_rx_one(d, idx++, frame, len));
    g_assert_cmphex(igb_reg_read(d, A_RXSATRH) >> 16, ==, 0x1234);

    /* One stamp at a time: the next waits until RXSTMPH is read */
    igb_sock_send(d->fd, frame, len);
    wb = rx_expect(d, 0, idx++, frame, len);
    g_assert_true(igb_rx_status(&d->rx[0], &wb) & IGB_RXD_STAT_TS);
    igb_sock_send(d->fd, frame, len);
    wb = rx_expect(d, 0, idx++, frame, len);
    g_assert_false(igb_rx_status(&d->rx[0], &wb) & IGB_RXD_STAT_TS);
    igb_reg_read(d, A_RXSTMPH);

    /* Over UDP: what Linux programs, 5-tuple filter 3 for port 319 */
    len = build_ptp_udp(frame, PTP_EVENT_PORT, PTP_SYNC, 3);
    g_assert_false(ptp_rx_one(d, idx++, frame, len));
    igb_reg_write(d, A_IMIR0 + 4 * 3, wire16(PTP_EVENT_PORT));
    igb_reg_write(d, A_IMIREXT0 + 4 * 3, R_IMIREXT_SIZE_BP_MASK |
                  R_IMIREXT_CTRL_BP_MASK);
    igb_reg_write(d, A_SPQF0 + 4 * 3, wire16(PTP_EVENT_PORT));
    ftqf = IP_PROTO_UDP | R_FTQF_VF_BP_MASK | R_FTQF_TS_1588_MASK |
           R_FTQF_MASK_SA_MASK | R_FTQF_MASK_DA_MASK;
    igb_reg_write(d, A_FTQF0 + 4 * 3, ftqf);
    g_assert_true(ptp_rx_one(d, idx++, frame, len));
    len = build_ptp_udp(frame, PTP_EVENT_PORT + 1, PTP_SYNC, 4);
    g_assert_false(ptp_rx_one(d, idx++, frame, len));
    /* Linux turns it off with FTQF = MASK */
    igb_reg_write(d, A_FTQF0 + 4 * 3, 0xf0000000);
    len = build_ptp_udp(frame, PTP_EVENT_PORT, PTP_SYNC, 5);
    g_assert_false(ptp_rx_one(d, idx++, frame, len));
}

/*
 * All cases share one socket pair, hence one command line: qos-test then
 * keeps QEMU running and resets the machine between cases, which is much
 * faster than starting a new QEMU for each.
 */
static int igb_sv[2] = { -1, -1 };

static void *igb_test_setup(GString *cmd_line, void *arg)
{
    if (igb_sv[0] < 0) {
        g_assert_cmpint(socketpair(PF_UNIX, SOCK_STREAM, 0, igb_sv), !=, -1);
    }
    g_string_append_printf(cmd_line, " -netdev socket,fd=%d,id=hs0 ",
                           igb_sv[1]);
    return igb_sv;
}

static const struct {
    const char *name;
    QOSTestFunc fn;
} igb_tests[] = {
    { "pci/ids", test_pci_ids },
    { "pci/bars", test_pci_bars },
    { "pci/capabilities", test_pci_caps },
    { "pci/io-bar", test_pci_io_bar },
    { "registers/reset-values", test_reg_reset_values },
    { "registers/write-masks", test_reg_write_masks },
    { "registers/status-read-only", test_reg_status_ro },
    { "registers/interrupt-masks", test_reg_intr_masks },
    { "eeprom/eerd", test_eeprom },
    { "eeprom/receive-address", test_eeprom_ral },
    { "phy/mdic", test_phy },
    { "link/status", test_link },
    { "tx/legacy", test_tx_legacy },
    { "tx/advanced", test_tx_advanced },
    { "tx/head-writeback", test_tx_head_wb },
    { "tx/queues", test_tx_queues },
    { "tx/checksum", test_tx_csum },
    { "tx/tso", test_tx_tso },
    { "tx/vlan", test_tx_vlan },
    { "tx/vmdq-vlan-spoof", test_tx_vmdq },
    { "tx/rate-limit", test_tx_rate_limit },
    { "rx/advanced", test_rx_advanced },
    { "rx/legacy", test_rx_legacy },
    { "rx/multi-buffer", test_rx_multi_buffer },
    { "rx/header-split", test_rx_header_split },
    { "rx/vlan-strip", test_rx_vlan_strip },
    { "rx/vmdq-vlan-strip", test_rx_vmdq_strip },
    { "rx/checksum", test_rx_csum },
    { "rx/rss", test_rss },
    { "rx/long-packets", test_rx_long },
    { "rx/drop-enable", test_rx_drop_en },
    { "filter/unicast", test_filter_unicast },
    { "filter/multicast", test_filter_multicast },
    { "filter/broadcast", test_filter_broadcast },
    { "filter/vlan", test_filter_vlan },
    { "filter/5-tuple-syn", test_filter_5tuple },
    { "ptp/clock", test_ptp_clock },
    { "ptp/tx-timestamp", test_ptp_tx },
    { "ptp/rx-timestamp", test_ptp_rx },
    { "intr/msix", test_intr_msix },
    { "intr/eiac", test_intr_eiac },
    { "intr/eiam", test_intr_eiam },
    { "intr/eitr", test_intr_eitr },
    { "intr/intx", test_intr_intx },
    { "intr/msi", test_intr_msi },
    { "transfers/tx", test_many_tx },
    { "transfers/rx", test_many_rx },
    { "hotplug", test_hotplug },
    { "bad-input/tx-descriptors", test_bad_tx_desc },
    { "bad-input/tx-ring", test_bad_tx_ring },
    { "bad-input/rx", test_bad_rx },
};

static void igb_register_tests(void)
{
    QOSGraphTestOptions opts = { .before = igb_test_setup };
    unsigned i;

    for (i = 0; i < ARRAY_SIZE(igb_tests); i++) {
        qos_add_test(igb_tests[i].name, "igb", igb_tests[i].fn, &opts);
    }
}

libqos_init(igb_register_tests);
