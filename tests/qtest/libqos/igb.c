/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * libqos driver for the Intel 82576 (igb) NIC
 */
#include "qemu/osdep.h"
#include "qemu/bswap.h"
#include "../libqtest.h"
#include "hw/pci/pci_regs.h"
#include "igb.h"

#define IGB_MSIX_DATA(v)        (0x49470000u | (v))
#define IGB_RX_HDR_SIZE         256

/* ---------------------------------------------------------------------- */
/* Registers                                                              */
/* ---------------------------------------------------------------------- */

uint32_t igb_reg_read(QIGB *d, uint32_t off)
{
    return qpci_io_readl(d->pdev, d->mmio, off);
}

void igb_reg_write(QIGB *d, uint32_t off, uint32_t val)
{
    qpci_io_writel(d->pdev, d->mmio, off, val);
}

void igb_reg_set(QIGB *d, uint32_t off, uint32_t bits)
{
    igb_reg_write(d, off, igb_reg_read(d, off) | bits);
}

void igb_reg_clear(QIGB *d, uint32_t off, uint32_t bits)
{
    igb_reg_write(d, off, igb_reg_read(d, off) & ~bits);
}

bool igb_wait_reg(QIGB *d, uint32_t off, uint32_t mask, uint32_t val)
{
    gint64 end = g_get_monotonic_time() + IGB_TEST_TIMEOUT_US;

    do {
        if ((igb_reg_read(d, off) & mask) == val) {
            return true;
        }
    } while (g_get_monotonic_time() < end);
    return false;
}

void igb_reset(QIGB *d)
{
    igb_reg_set(d, A_CTRL, R_CTRL_RST_MASK);
    g_assert(igb_wait_reg(d, A_CTRL, R_CTRL_RST_MASK, 0));
    memset(d->tx, 0, sizeof(d->tx));
    memset(d->rx, 0, sizeof(d->rx));
}

void igb_link_up(QIGB *d)
{
    QTestState *qts = d->pdev->bus->qts;
    int i;

    igb_reg_set(d, A_CTRL, R_CTRL_SLU_MASK);
    for (i = 0; i < 100; i++) {
        if (igb_reg_read(d, A_STATUS) & R_STATUS_LU_MASK) {
            return;
        }
        /* Auto-negotiation takes a while in virtual time. */
        qtest_clock_step(qts, 100 * 1000 * 1000);
    }
    g_assert_not_reached();
}

uint16_t igb_eeprom_read(QIGB *d, unsigned word)
{
    uint32_t eerd;

    igb_reg_write(d, A_EERD, R_EERD_START_MASK |
                  (word << R_EERD_ADDR_SHIFT));
    g_assert(igb_wait_reg(d, A_EERD, R_EERD_DONE_MASK, R_EERD_DONE_MASK));
    eerd = igb_reg_read(d, A_EERD);
    return FIELD_EX32(eerd, EERD, DATA);
}

static bool igb_mdic(QIGB *d, uint32_t cmd, uint16_t *val)
{
    uint32_t mdic;

    igb_reg_write(d, A_MDIC, cmd);
    g_assert(igb_wait_reg(d, A_MDIC, R_MDIC_READY_MASK, R_MDIC_READY_MASK));
    mdic = igb_reg_read(d, A_MDIC);
    if (mdic & R_MDIC_ERROR_MASK) {
        return false;
    }
    if (val) {
        *val = FIELD_EX32(mdic, MDIC, DATA);
    }
    return true;
}

bool qigb_phy_read(QIGB *d, unsigned phy, unsigned reg, uint16_t *val)
{
    return igb_mdic(d, (reg << R_MDIC_REGADD_SHIFT) |
                    (phy << R_MDIC_PHYADD_SHIFT) |
                    (IGB_MDIC_OP_READ << R_MDIC_OP_SHIFT), val);
}

bool qigb_phy_write(QIGB *d, unsigned phy, unsigned reg, uint16_t val)
{
    return igb_mdic(d, val | (reg << R_MDIC_REGADD_SHIFT) |
                    (phy << R_MDIC_PHYADD_SHIFT) |
                    (IGB_MDIC_OP_WRITE << R_MDIC_OP_SHIFT), NULL);
}

void igb_init(QIGB *d, QPCIDevice *pdev, QGuestAllocator *alloc)
{
    memset(d, 0, sizeof(*d));
    d->pdev = pdev;
    d->alloc = alloc;
    d->fd = -1;
    d->mmio = qpci_iomap(pdev, IGB_MMIO_BAR, NULL);
    qpci_device_enable(pdev);
}

void igb_destroy(QIGB *d)
{
    if (d->pdev) {
        qpci_iounmap(d->pdev, d->mmio);
        d->pdev = NULL;
    }
}

/* ---------------------------------------------------------------------- */
/* Guest memory, little-endian like everything the device writes there    */
/* ---------------------------------------------------------------------- */

uint32_t igb_mem_readl(QIGB *d, uint64_t addr)
{
    uint32_t v;

    qtest_memread(d->pdev->bus->qts, addr, &v, sizeof(v));
    return le32_to_cpu(v);
}

void igb_mem_writel(QIGB *d, uint64_t addr, uint32_t val)
{
    uint32_t v = cpu_to_le32(val);

    qtest_memwrite(d->pdev->bus->qts, addr, &v, sizeof(v));
}

/* ---------------------------------------------------------------------- */
/* Descriptor rings                                                       */
/* ---------------------------------------------------------------------- */

static void igb_ring_alloc(QIGB *d, QIGBRing *r, uint32_t count,
                           uint32_t buf_size, uint32_t extra)
{
    QTestState *qts = d->pdev->bus->qts;

    r->count = count;
    r->buf_size = buf_size;
    r->tail = 0;
    r->desc = guest_alloc(d->alloc, count * IGB_DESC_SIZE);
    r->buf = guest_alloc(d->alloc, count * (buf_size + extra));
    qtest_memset(qts, r->desc, 0, count * IGB_DESC_SIZE);
}

void igb_tx_ring_init(QIGB *d, unsigned q, uint32_t count, uint32_t buf_size)
{
    QIGBRing *r = &d->tx[q];

    igb_ring_alloc(d, r, count, buf_size, 0);
    igb_reg_write(d, igb_txq_reg(q, A_TXQ_TDBAL), r->desc);
    igb_reg_write(d, igb_txq_reg(q, A_TXQ_TDBAH), r->desc >> 32);
    igb_reg_write(d, igb_txq_reg(q, A_TXQ_TDLEN), count * IGB_DESC_SIZE);
    igb_reg_write(d, igb_txq_reg(q, A_TXQ_TDH), 0);
    igb_reg_write(d, igb_txq_reg(q, A_TXQ_TDT), 0);
    igb_reg_write(d, igb_txq_reg(q, A_TXQ_TXDCTL), R_TXDCTL_ENABLE_MASK);
    igb_reg_set(d, A_TCTL, R_TCTL_EN_MASK | R_TCTL_PSP_MASK);
}

uint64_t igb_tx_buf(QIGB *d, unsigned q, uint32_t idx)
{
    return d->tx[q].buf + (uint64_t)idx * d->tx[q].buf_size;
}

static uint32_t igb_ring_put(QIGB *d, QIGBRing *r, const void *desc)
{
    uint32_t idx = r->tail;

    qtest_memwrite(d->pdev->bus->qts, r->desc + idx * IGB_DESC_SIZE, desc,
                   IGB_DESC_SIZE);
    r->tail = (r->tail + 1) % r->count;
    return idx;
}

uint32_t igb_tx_put(QIGB *d, unsigned q, const IGBTxDesc *desc)
{
    IGBTxDesc le = {
        .addr = cpu_to_le64(desc->addr),
        .cmd_type_len = cpu_to_le32(desc->cmd_type_len),
        .olinfo_status = cpu_to_le32(desc->olinfo_status),
    };

    return igb_ring_put(d, &d->tx[q], &le);
}

uint32_t igb_tx_put_ctx(QIGB *d, unsigned q, const IGBTxContextDesc *ctx)
{
    IGBTxContextDesc le = {
        .vlan_macip_lens = cpu_to_le32(ctx->vlan_macip_lens),
        .seqnum_seed = cpu_to_le32(ctx->seqnum_seed),
        .type_tucmd_mlhl = cpu_to_le32(ctx->type_tucmd_mlhl |
                                       IGB_ADVTXD_DTYP_CTXT |
                                       IGB_TXD_CMD_DEXT),
        .mss_l4len_idx = cpu_to_le32(ctx->mss_l4len_idx),
    };

    return igb_ring_put(d, &d->tx[q], &le);
}

void igb_tx_kick(QIGB *d, unsigned q)
{
    igb_reg_write(d, igb_txq_reg(q, A_TXQ_TDT), d->tx[q].tail);
}

uint32_t igb_tx_legacy(QIGB *d, unsigned q, const void *frame, size_t len,
                       uint32_t cmd)
{
    IGBTxDesc desc;
    uint32_t idx = d->tx[q].tail;

    g_assert_cmpuint(len, <=, d->tx[q].buf_size);
    qtest_memwrite(d->pdev->bus->qts, igb_tx_buf(d, q, idx), frame, len);
    desc.addr = igb_tx_buf(d, q, idx);
    desc.cmd_type_len = len | cmd;
    desc.olinfo_status = 0;
    igb_tx_put(d, q, &desc);
    igb_tx_kick(d, q);
    return idx;
}

uint32_t igb_tx_adv(QIGB *d, unsigned q, const void *frame, size_t len,
                    uint32_t dcmd, uint32_t olinfo)
{
    IGBTxDesc desc;
    uint32_t idx = d->tx[q].tail;

    g_assert_cmpuint(len, <=, d->tx[q].buf_size);
    qtest_memwrite(d->pdev->bus->qts, igb_tx_buf(d, q, idx), frame, len);
    desc.addr = igb_tx_buf(d, q, idx);
    desc.cmd_type_len = len | dcmd | IGB_ADVTXD_DTYP_DATA | IGB_TXD_CMD_DEXT;
    if (!(olinfo >> IGB_ADVTXD_PAYLEN_SHIFT)) {
        olinfo |= len << IGB_ADVTXD_PAYLEN_SHIFT;
    }
    desc.olinfo_status = olinfo;
    igb_tx_put(d, q, &desc);
    igb_tx_kick(d, q);
    return idx;
}

bool igb_tx_wait_dd(QIGB *d, unsigned q, uint32_t idx)
{
    uint64_t sta = d->tx[q].desc + idx * IGB_DESC_SIZE + 12;
    gint64 end = g_get_monotonic_time() + IGB_TEST_TIMEOUT_US;

    do {
        if (igb_mem_readl(d, sta) & IGB_TXD_STAT_DD) {
            return true;
        }
    } while (g_get_monotonic_time() < end);
    return false;
}

void igb_rx_ring_init(QIGB *d, unsigned q, uint32_t count, uint32_t buf_size,
                      uint32_t desctype)
{
    QIGBRing *r = &d->rx[q];
    uint32_t srrctl;

    igb_ring_alloc(d, r, count, buf_size, IGB_RX_HDR_SIZE);
    r->desctype = desctype;
    srrctl = FIELD_DP32(0, SRRCTL, BSIZEPKT, buf_size / 1024);
    srrctl = FIELD_DP32(srrctl, SRRCTL, BSIZEHDR, IGB_RX_HDR_SIZE / 64);
    srrctl = FIELD_DP32(srrctl, SRRCTL, DESCTYPE, desctype);
    igb_reg_write(d, igb_rxq_reg(q, A_RXQ_SRRCTL), srrctl);
    igb_reg_write(d, igb_rxq_reg(q, A_RXQ_RDBAL), r->desc);
    igb_reg_write(d, igb_rxq_reg(q, A_RXQ_RDBAH), r->desc >> 32);
    igb_reg_write(d, igb_rxq_reg(q, A_RXQ_RDLEN), count * IGB_DESC_SIZE);
    igb_reg_write(d, igb_rxq_reg(q, A_RXQ_RDH), 0);
    igb_reg_write(d, igb_rxq_reg(q, A_RXQ_RDT), 0);
    igb_reg_write(d, igb_rxq_reg(q, A_RXQ_RXDCTL),
                  R_RXDCTL_ENABLE_MASK | (1 << R_RXDCTL_WTHRESH_SHIFT));
    igb_rx_refill(d, q, count - 1);
}

uint64_t igb_rx_buf(QIGB *d, unsigned q, uint32_t idx)
{
    return d->rx[q].buf + (uint64_t)idx * d->rx[q].buf_size;
}

uint64_t igb_rx_hdr_buf(QIGB *d, unsigned q, uint32_t idx)
{
    QIGBRing *r = &d->rx[q];

    return r->buf + (uint64_t)r->count * r->buf_size +
           (uint64_t)idx * IGB_RX_HDR_SIZE;
}

void igb_rx_refill(QIGB *d, unsigned q, uint32_t n)
{
    QIGBRing *r = &d->rx[q];
    IGBRxDesc desc;
    uint32_t i;

    for (i = 0; i < n; i++) {
        desc.a = cpu_to_le64(igb_rx_buf(d, q, r->tail));
        desc.b = r->desctype == IGB_SRRCTL_DESCTYPE_LEGACY ? 0 :
                 cpu_to_le64(igb_rx_hdr_buf(d, q, r->tail));
        igb_ring_put(d, r, &desc);
    }
    igb_reg_write(d, igb_rxq_reg(q, A_RXQ_RDT), r->tail);
}

void igb_rx_enable(QIGB *d, uint32_t rctl_extra)
{
    igb_reg_write(d, A_RCTL, R_RCTL_EN_MASK | R_RCTL_BAM_MASK |
                  R_RCTL_SECRC_MASK | rctl_extra);
}

void igb_rx_desc(QIGB *d, unsigned q, uint32_t idx, IGBRxDesc *wb)
{
    qtest_memread(d->pdev->bus->qts, d->rx[q].desc + idx * IGB_DESC_SIZE,
                  wb, sizeof(*wb));
    wb->a = le64_to_cpu(wb->a);
    wb->b = le64_to_cpu(wb->b);
}

uint32_t igb_rx_status(const QIGBRing *r, const IGBRxDesc *wb)
{
    if (r->desctype == IGB_SRRCTL_DESCTYPE_LEGACY) {
        /* status in bits 7:0, errors in bits 15:8 */
        return (wb->b >> 32) & 0xffff;
    }
    return wb->b & 0xffffffff;
}

uint32_t igb_rx_length(const QIGBRing *r, const IGBRxDesc *wb)
{
    if (r->desctype == IGB_SRRCTL_DESCTYPE_LEGACY) {
        return wb->b & 0xffff;
    }
    return (wb->b >> 32) & 0xffff;
}

bool igb_rx_wait(QIGB *d, unsigned q, uint32_t idx, IGBRxDesc *wb)
{
    gint64 end = g_get_monotonic_time() + IGB_TEST_TIMEOUT_US;

    do {
        igb_rx_desc(d, q, idx, wb);
        if (igb_rx_status(&d->rx[q], wb) & IGB_RXD_STAT_DD) {
            return true;
        }
    } while (g_get_monotonic_time() < end);
    return false;
}

/* ---------------------------------------------------------------------- */
/* Interrupts                                                             */
/* ---------------------------------------------------------------------- */

/*
 * Every MSI-X vector sends its message to a slot of guest memory, where
 * the test finds it: no interrupt controller is involved.
 */
void igb_msix_init(QIGB *d)
{
    QTestState *qts = d->pdev->bus->qts;
    uint64_t off;
    unsigned v;

    qpci_msix_enable(d->pdev);
    d->msix_msg = guest_alloc(d->alloc, 4 * IGB_MSIX_VECTORS);
    qtest_memset(qts, d->msix_msg, 0, 4 * IGB_MSIX_VECTORS);
    for (v = 0; v < IGB_MSIX_VECTORS; v++) {
        off = d->pdev->msix_table_off + v * PCI_MSIX_ENTRY_SIZE;
        qpci_io_writel(d->pdev, d->pdev->msix_table_bar,
                       off + PCI_MSIX_ENTRY_LOWER_ADDR, d->msix_msg + 4 * v);
        qpci_io_writel(d->pdev, d->pdev->msix_table_bar,
                       off + PCI_MSIX_ENTRY_UPPER_ADDR,
                       (d->msix_msg + 4 * v) >> 32);
        qpci_io_writel(d->pdev, d->pdev->msix_table_bar,
                       off + PCI_MSIX_ENTRY_DATA, IGB_MSIX_DATA(v));
        qpci_io_writel(d->pdev, d->pdev->msix_table_bar,
                       off + PCI_MSIX_ENTRY_VECTOR_CTRL, 0);
    }
}

bool igb_msix_fired(QIGB *d, unsigned vector)
{
    uint64_t slot = d->msix_msg + 4 * vector;
    uint32_t data;

    g_assert(d->msix_msg);
    data = igb_mem_readl(d, slot);
    if (!data) {
        return false;
    }
    g_assert_cmphex(data, ==, IGB_MSIX_DATA(vector));
    igb_mem_writel(d, slot, 0);
    return true;
}

bool igb_wait_msix(QIGB *d, unsigned vector)
{
    gint64 end = g_get_monotonic_time() + IGB_TEST_TIMEOUT_US;

    do {
        if (igb_msix_fired(d, vector)) {
            return true;
        }
    } while (g_get_monotonic_time() < end);
    return false;
}

void igb_msix_clear(QIGB *d)
{
    qtest_memset(d->pdev->bus->qts, d->msix_msg, 0, 4 * IGB_MSIX_VECTORS);
}

bool igb_intx_asserted(QIGB *d)
{
    return qpci_config_readw(d->pdev, PCI_STATUS) & PCI_STATUS_INTERRUPT;
}

/* ---------------------------------------------------------------------- */
/* The netdev socket                                                      */
/* ---------------------------------------------------------------------- */

static void igb_sock_write(int fd, const void *buf, size_t len)
{
    const uint8_t *p = buf;
    ssize_t n;

    while (len) {
        n = write(fd, p, len);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        g_assert_cmpint(n, >, 0);
        p += n;
        len -= n;
    }
}

void igb_sock_send(int fd, const void *frame, size_t len)
{
    uint32_t be_len = cpu_to_be32(len);

    igb_sock_write(fd, &be_len, sizeof(be_len));
    igb_sock_write(fd, frame, len);
}

bool igb_sock_pending(int fd, int timeout_ms)
{
    GPollFD pfd = { .fd = fd, .events = G_IO_IN };

    return g_poll(&pfd, 1, timeout_ms) == 1;
}

static void igb_sock_read(int fd, void *buf, size_t len)
{
    uint8_t *p = buf;
    ssize_t n;

    while (len) {
        g_assert(igb_sock_pending(fd, IGB_TEST_TIMEOUT_US / 1000));
        n = read(fd, p, len);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        g_assert_cmpint(n, >, 0);
        p += n;
        len -= n;
    }
}

size_t igb_sock_recv(int fd, void *buf, size_t size)
{
    uint32_t be_len;
    size_t len;

    igb_sock_read(fd, &be_len, sizeof(be_len));
    len = be32_to_cpu(be_len);
    g_assert_cmpuint(len, <=, size);
    igb_sock_read(fd, buf, len);
    return len;
}

void igb_sock_drain(int fd)
{
    g_autofree uint8_t *buf = g_malloc(IGB_TEST_MAX_FRAME);

    while (igb_sock_pending(fd, 50)) {
        igb_sock_recv(fd, buf, IGB_TEST_MAX_FRAME);
    }
}

/* ---------------------------------------------------------------------- */
/* qgraph node                                                            */
/* ---------------------------------------------------------------------- */

static void *igb_pci_get_driver(void *obj, const char *interface)
{
    QIGBPCI *p = obj;

    if (!g_strcmp0(interface, "pci-device")) {
        return &p->pci_dev;
    }
    fprintf(stderr, "%s not present in igb\n", interface);
    g_assert_not_reached();
}

static void igb_pci_start_hw(QOSGraphObject *obj)
{
    QIGBPCI *p = container_of(obj, QIGBPCI, obj);

    igb_init(&p->igb, &p->pci_dev, p->igb.alloc);
}

static void igb_pci_destructor(QOSGraphObject *obj)
{
    QIGBPCI *p = container_of(obj, QIGBPCI, obj);

    igb_destroy(&p->igb);
}

static void *igb_pci_create(void *pci_bus, QGuestAllocator *alloc,
                            void *addr)
{
    QIGBPCI *p = g_new0(QIGBPCI, 1);

    qpci_device_init(&p->pci_dev, pci_bus, addr);
    p->igb.alloc = alloc;
    p->obj.get_driver = igb_pci_get_driver;
    p->obj.start_hw = igb_pci_start_hw;
    p->obj.destructor = igb_pci_destructor;
    return &p->obj;
}

static void igb_register_nodes(void)
{
    /*
     * The netdev is added by each test (it holds the other end of a socket
     * pair), so the node does not produce "pci-device": generic PCI tests
     * would start QEMU without it.
     */
    QOSGraphEdgeOptions opts = {
        .extra_device_opts = "addr=04.0,netdev=hs0,mac=" IGB_TEST_MAC,
    };

    add_qpci_address(&opts, &(QPCIAddress) {
        .devfn = QPCI_DEVFN(4, 0),
        .vendor_id = IGB_PCI_VENDOR_ID,
        .device_id = IGB_PCI_DEVICE_ID,
    });
    qos_node_create_driver("igb", igb_pci_create);
    qos_node_consumes("igb", "pci-bus", &opts);
}

libqos_init(igb_register_nodes);
