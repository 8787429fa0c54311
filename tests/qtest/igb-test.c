/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * QTest cases for the Intel 82576 (igb) NIC on q35, behind a PCIe root
 * port: what libqos cannot reach (extended configuration space through
 * ECAM, SR-IOV, Function Level Reset, PCIe hot-plug).
 */
#include "qemu/osdep.h"
#include "qemu/bswap.h"
#include "libqtest.h"
#include "qobject/qdict.h"
#include "qobject/qstring.h"
#include "hw/pci/pci_regs.h"
#include "libqos/pci-pc.h"
#include "libqos/malloc-pc.h"
#include "libqos/igb.h"

#define ECAM_BASE           0xb0000000ull
#define MCH_PCIEXBAR        0x60
#define IGB_BUS             1
#define HP_BUS              2

typedef struct IGBQ35 {
    QTestState *qts;
    QGuestAllocator alloc;
    QPCIBus *bus;
    QPCIDevice *pdev;
    QIGB igb;
    int sv[2];
} IGBQ35;

static const uint8_t dev_mac[6] = { 0x52, 0x54, 0x00, 0x12, 0x34, 0x56 };

/* ---------------------------------------------------------------------- */
/* Machine                                                                */
/* ---------------------------------------------------------------------- */

static void ecam_enable(QTestState *qts)
{
    /* MCH PCIEXBAR: 256 MiB of ECAM at ECAM_BASE */
    qtest_outl(qts, 0xcf8, 0x80000000 | (MCH_PCIEXBAR + 4));
    qtest_outl(qts, 0xcfc, 0);
    qtest_outl(qts, 0xcf8, 0x80000000 | MCH_PCIEXBAR);
    qtest_outl(qts, 0xcfc, ECAM_BASE | 1);
}

static uint64_t ecam(int bus, int devfn, int off)
{
    return ECAM_BASE | bus << 20 | devfn << 12 | off;
}

static uint32_t ecam_readl(IGBQ35 *m, int bus, int devfn, int off)
{
    return qtest_readl(m->qts, ecam(bus, devfn, off));
}

static uint16_t ecam_readw(IGBQ35 *m, int bus, int devfn, int off)
{
    return qtest_readw(m->qts, ecam(bus, devfn, off));
}

static void ecam_writew(IGBQ35 *m, int bus, int devfn, int off, uint16_t v)
{
    qtest_writew(m->qts, ecam(bus, devfn, off), v);
}

/*
 * Number the buses behind the root ports and open the first one's memory
 * window over the range where libqos maps BARs: with no firmware, nobody
 * else does.
 */
static void machine_buses(IGBQ35 *m)
{
    QPCIDevice *rp;
    int i;

    g_assert_cmpint(qpci_secondary_buses_init(m->bus), ==, 2);
    for (i = 1; i <= 2; i++) {
        rp = qpci_device_find(m->bus, QPCI_DEVFN(i, 0));
        g_assert_nonnull(rp);
        qpci_config_writew(rp, PCI_MEMORY_BASE, i == 1 ? 0xe000 : 0xfff0);
        qpci_config_writew(rp, PCI_MEMORY_LIMIT, i == 1 ? 0xeff0 : 0);
        qpci_config_writew(rp, PCI_PREF_MEMORY_BASE, 0xfff0);
        qpci_config_writew(rp, PCI_PREF_MEMORY_LIMIT, 0);
        qpci_config_writew(rp, PCI_COMMAND, PCI_COMMAND_MEMORY |
                           PCI_COMMAND_MASTER);
        g_free(rp);
    }
    ecam_enable(m->qts);
}

static IGBQ35 *machine_start(const char *extra)
{
    IGBQ35 *m = g_new0(IGBQ35, 1);

    g_assert_cmpint(socketpair(PF_UNIX, SOCK_STREAM, 0, m->sv), !=, -1);
    m->qts = qtest_initf("-M q35 -nodefaults "
                         "-device pcie-root-port,id=rp0,addr=0x1,chassis=1 "
                         "-device pcie-root-port,id=rp1,addr=0x2,chassis=2 "
                         "-netdev socket,fd=%d,id=hs0 "
                         "-device igb,id=nic0,bus=rp0,netdev=hs0,mac="
                         IGB_TEST_MAC " %s", m->sv[1], extra);
    pc_alloc_init(&m->alloc, m->qts, 0);
    m->bus = qpci_new_pc(m->qts, &m->alloc);
    machine_buses(m);
    m->pdev = qpci_device_find(m->bus, QPCI_DEVFN(IGB_BUS << 5, 0));
    g_assert_nonnull(m->pdev);
    igb_init(&m->igb, m->pdev, &m->alloc);
    m->igb.fd = m->sv[0];
    /* BAR0 is reachable */
    g_assert_cmphex(igb_reg_read(&m->igb, A_EECD) & R_EECD_PRES_MASK, ==,
                    R_EECD_PRES_MASK);
    return m;
}

static void machine_stop(IGBQ35 *m)
{
    igb_destroy(&m->igb);
    g_free(m->pdev);
    qpci_free_pc(m->bus);
    alloc_destroy(&m->alloc);
    qtest_quit(m->qts);
    close(m->sv[0]);
    close(m->sv[1]);
    g_free(m);
}

/* Offset of extended capability @id, 0 if absent */
static uint16_t ext_cap(IGBQ35 *m, int bus, int devfn, uint16_t id)
{
    uint16_t off = 0x100;
    uint32_t hdr;
    int n = 0;

    while (off && n++ < 64) {
        hdr = ecam_readl(m, bus, devfn, off);
        if ((hdr & 0xffff) == id) {
            return off;
        }
        off = hdr >> 20;
    }
    return 0;
}

/* ---------------------------------------------------------------------- */
/* Cases                                                                  */
/* ---------------------------------------------------------------------- */

static void test_pcie_caps(void)
{
    IGBQ35 *m = machine_start("");
    uint8_t exp = qpci_find_capability(m->pdev, PCI_CAP_ID_EXP, 0);
    static const struct {
        uint16_t id;
        uint16_t off;
    } want[] = {
        { PCI_EXT_CAP_ID_ERR, 0x100 },
        { PCI_EXT_CAP_ID_DSN, 0x140 },
        { PCI_EXT_CAP_ID_ARI, 0x150 },
        { PCI_EXT_CAP_ID_SRIOV, 0x160 },
    };
    uint16_t flags, off = 0x100;
    uint32_t hdr;
    unsigned i;

    /* ECAM and CF8/CFC see the same function */
    g_assert_cmphex(ecam_readl(m, IGB_BUS, 0, 0), ==,
                    qpci_config_readl(m->pdev, 0));
    g_assert_cmphex(ecam_readw(m, IGB_BUS, 0, PCI_DEVICE_ID), ==, 0x10c9);

    /* PCI Express capability version 2, an endpoint, with FLR */
    g_assert_cmphex(exp, ==, 0xa0);
    flags = qpci_config_readw(m->pdev, exp + PCI_EXP_FLAGS);
    g_assert_cmphex(flags & PCI_EXP_FLAGS_VERS, ==, 2);
    g_assert_cmphex((flags & PCI_EXP_FLAGS_TYPE) >> 4, ==,
                    PCI_EXP_TYPE_ENDPOINT);
    g_assert_cmphex(qpci_config_readl(m->pdev, exp + PCI_EXP_DEVCAP) &
                    PCI_EXP_DEVCAP_FLR, ==, PCI_EXP_DEVCAP_FLR);

    /* Extended capabilities in this order and nothing else */
    for (i = 0; i < ARRAY_SIZE(want); i++) {
        g_assert_cmphex(off, ==, want[i].off);
        hdr = ecam_readl(m, IGB_BUS, 0, off);
        g_assert_cmphex(hdr & 0xffff, ==, want[i].id);
        off = hdr >> 20;
    }
    g_assert_cmphex(off, ==, 0);

    /* SR-IOV: 7 VFs of device 0x10ca at RID + 0x80, stride 2 */
    off = 0x160;
    g_assert_cmpuint(ecam_readw(m, IGB_BUS, 0, off + PCI_SRIOV_TOTAL_VF), ==,
                     IGB_TOTAL_VFS);
    g_assert_cmpuint(ecam_readw(m, IGB_BUS, 0, off + PCI_SRIOV_INITIAL_VF),
                     ==, IGB_TOTAL_VFS);
    g_assert_cmphex(ecam_readw(m, IGB_BUS, 0, off + PCI_SRIOV_VF_OFFSET), ==,
                    0x80);
    g_assert_cmphex(ecam_readw(m, IGB_BUS, 0, off + PCI_SRIOV_VF_STRIDE), ==,
                    2);
    g_assert_cmphex(ecam_readw(m, IGB_BUS, 0, off + PCI_SRIOV_VF_DID), ==,
                    0x10ca);
    g_assert_cmpuint(ecam_readw(m, IGB_BUS, 0, off + PCI_SRIOV_NUM_VF), ==,
                     0);
    machine_stop(m);
}

/* Enabling VFs makes them appear at their routing IDs */
static void test_sriov(void)
{
    IGBQ35 *m = machine_start("");
    uint16_t sriov = ext_cap(m, IGB_BUS, 0, PCI_EXT_CAP_ID_SRIOV);
    int vf;

    g_assert_cmphex(sriov, !=, 0);
    /* Disabled: nothing there */
    g_assert_cmphex(ecam_readl(m, IGB_BUS, 0x80, PCI_CLASS_REVISION), ==,
                    0xffffffff);

    ecam_writew(m, IGB_BUS, 0, sriov + PCI_SRIOV_NUM_VF, 2);
    ecam_writew(m, IGB_BUS, 0, sriov + PCI_SRIOV_CTRL,
                PCI_SRIOV_CTRL_VFE | PCI_SRIOV_CTRL_MSE);
    for (vf = 0; vf < 2; vf++) {
        /* The VF's IDs read as 0xffff; its class is that of a NIC */
        g_assert_cmphex(ecam_readl(m, IGB_BUS, 0x80 + 2 * vf,
                                   PCI_CLASS_REVISION) >> 8, ==, 0x020000);
    }
    g_assert_cmphex(ecam_readl(m, IGB_BUS, 0x84, PCI_CLASS_REVISION), ==,
                    0xffffffff);
    /* The PF's STATUS says the VFs are on, and how many */
    g_assert_cmphex(igb_reg_read(&m->igb, A_STATUS) &
                    (R_STATUS_NUM_VFS_MASK | R_STATUS_IOV_MODE_MASK), ==,
                    FIELD_DP32(R_STATUS_IOV_MODE_MASK, STATUS, NUM_VFS, 2));

    ecam_writew(m, IGB_BUS, 0, sriov + PCI_SRIOV_CTRL, 0);
    g_assert_cmphex(ecam_readl(m, IGB_BUS, 0x80, PCI_CLASS_REVISION), ==,
                    0xffffffff);
    machine_stop(m);
}

/* Function Level Reset resets the registers; the EEPROM stays */
static void test_flr(void)
{
    IGBQ35 *m = machine_start("");
    QIGB *d = &m->igb;
    uint8_t exp = qpci_find_capability(m->pdev, PCI_CAP_ID_EXP, 0);
    uint16_t ctl;

    igb_reg_write(d, A_IMS, R_ICR_LSC_MASK);
    igb_reg_write(d, A_RCTL, R_RCTL_EN_MASK);
    igb_reg_write(d, igb_txq_reg(0, A_TXQ_TDLEN), 0x400);
    igb_reg_write(d, A_RAL0, 0);

    ctl = qpci_config_readw(m->pdev, exp + PCI_EXP_DEVCTL);
    qpci_config_writew(m->pdev, exp + PCI_EXP_DEVCTL,
                       ctl | PCI_EXP_DEVCTL_BCR_FLR);
    /* The function is back at its power-on state: map it again */
    g_assert_cmphex(qpci_config_readw(m->pdev, PCI_COMMAND) &
                    (PCI_COMMAND_MEMORY | PCI_COMMAND_MASTER), ==, 0);
    igb_destroy(d);
    igb_init(d, m->pdev, &m->alloc);
    g_assert_cmphex(igb_reg_read(d, A_EECD) & R_EECD_PRES_MASK, ==,
                    R_EECD_PRES_MASK);

    g_assert_cmphex(igb_reg_read(d, A_IMS), ==, 0);
    g_assert_cmphex(igb_reg_read(d, A_RCTL), ==, 0);
    g_assert_cmphex(igb_reg_read(d, igb_txq_reg(0, A_TXQ_TDLEN)), ==, 0);
    g_assert_cmphex(igb_reg_read(d, A_RAL0), ==, ldl_le_p(dev_mac));
    g_assert_cmphex(igb_eeprom_read(d, IGB_EEPROM_MAC0), ==,
                    lduw_le_p(dev_mac));
    machine_stop(m);
}

/* On q35, through the root port: a frame each way with MSI-X */
static void test_traffic(void)
{
    IGBQ35 *m = machine_start("");
    QIGB *d = &m->igb;
    uint8_t frame[100], buf[128];
    IGBRxDesc wb;
    uint32_t idx;
    int i;

    igb_msix_init(d);
    igb_reg_write(d, A_GPIE, R_GPIE_MULTIPLE_MSIX_MASK | R_GPIE_NSICR_MASK);
    igb_reg_write(d, A_IVAR0, IGB_IVAR_VALID | (1 | IGB_IVAR_VALID) << 8);
    igb_reg_write(d, A_EIMS, 0x3);
    igb_link_up(d);
    igb_tx_ring_init(d, 0, 8, 256);
    igb_rx_ring_init(d, 0, 8, 2048, IGB_SRRCTL_DESCTYPE_ADV_ONEBUF);
    igb_rx_enable(d, 0);

    memset(frame, 0x5a, sizeof(frame));
    memcpy(frame, dev_mac, 6);
    for (i = 0; i < 6; i++) {
        frame[6 + i] = 0x10 + i;
    }
    idx = igb_tx_legacy(d, 0, frame, sizeof(frame), IGB_TXD_CMD_EOP |
                        IGB_TXD_CMD_IFCS | IGB_TXD_CMD_RS);
    g_assert(igb_tx_wait_dd(d, 0, idx));
    g_assert(igb_wait_msix(d, 1));
    g_assert_cmpuint(igb_sock_recv(d->fd, buf, sizeof(buf)), ==,
                     sizeof(frame));
    g_assert(memcmp(buf, frame, sizeof(frame)) == 0);

    igb_sock_send(d->fd, frame, sizeof(frame));
    g_assert(igb_rx_wait(d, 0, 0, &wb));
    g_assert(igb_wait_msix(d, 0));
    g_assert_cmpuint(igb_rx_length(&d->rx[0], &wb), ==, sizeof(frame));
    qtest_memread(m->qts, igb_rx_buf(d, 0, 0), buf, sizeof(frame));
    g_assert(memcmp(buf, frame, sizeof(frame)) == 0);
    machine_stop(m);
}

static void wait_device_deleted(QTestState *qts, const char *id)
{
    QDict *resp, *data;
    bool found;

    do {
        resp = qtest_qmp_eventwait_ref(qts, "DEVICE_DELETED");
        data = qdict_get_qdict(resp, "data");
        found = data && !g_strcmp0(qdict_get_try_str(data, "device"), id);
        qobject_unref(resp);
    } while (!found);
}

/* Plug into the second root port and unplug, twice */
static void test_hotplug(void)
{
    IGBQ35 *m = machine_start("");
    QPCIDevice *dev;
    int i;

    for (i = 0; i < 2; i++) {
        qtest_qmp_device_add(m->qts, "igb", "hp0", "{'bus': 'rp1'}");
        dev = qpci_device_find(m->bus, QPCI_DEVFN(HP_BUS << 5, 0));
        g_assert_nonnull(dev);
        g_assert_cmphex(qpci_config_readw(dev, PCI_DEVICE_ID), ==, 0x10c9);
        g_free(dev);
        g_assert_cmphex(ecam_readl(m, HP_BUS, 0, 0x100) & 0xffff, ==,
                        PCI_EXT_CAP_ID_ERR);

        /* The guest is not running: the reset completes the removal */
        qtest_qmp_device_del_send(m->qts, "hp0");
        qtest_system_reset_nowait(m->qts);
        wait_device_deleted(m->qts, "hp0");
        machine_buses(m);
        g_assert_null(qpci_device_find(m->bus, QPCI_DEVFN(HP_BUS << 5, 0)));
    }
    /* The other igb is still there */
    g_assert_cmphex(ecam_readw(m, IGB_BUS, 0, PCI_DEVICE_ID), ==, 0x10c9);
    machine_stop(m);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);

    if (qtest_has_machine("q35") && qtest_has_device("igb")) {
        qtest_add_func("igb/pcie/capabilities", test_pcie_caps);
        qtest_add_func("igb/pcie/sriov", test_sriov);
        qtest_add_func("igb/pcie/flr", test_flr);
        qtest_add_func("igb/pcie/traffic", test_traffic);
        qtest_add_func("igb/pcie/hotplug", test_hotplug);
    }
    return g_test_run();
}
