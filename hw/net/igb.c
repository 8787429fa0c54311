/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Intel 82576 (igb) Gigabit Ethernet controller: the PCI Express physical
 * function. Configuration space, BARs and the glue to the network backend;
 * the device itself lives in igb_core.c and its units.
 *
 * BARs (all 32-bit, non-prefetchable, as the 82576 EEPROM defaults have
 * them): 0 registers, 1 flash window, 2 I/O window (IOADDR/IODATA),
 * 3 MSI-X table and PBA.
 */
#include "qemu/osdep.h"
#include "qemu/log.h"
#include "qemu/module.h"
#include "qapi/error.h"
#include "hw/pci/msi.h"
#include "hw/pci/msix.h"
#include "hw/pci/pcie.h"
#include "hw/pci/pcie_aer.h"
#include "hw/pci/pcie_sriov.h"
#include "hw/qdev-properties.h"
#include "migration/vmstate.h"
#include "net/net.h"
#include "system/system.h"
#include "igb_core.h"
#include "trace.h"

#define TYPE_IGB "igb"
OBJECT_DECLARE_SIMPLE_TYPE(IGBState, IGB)

struct IGBState {
    PCIDevice parent_obj;

    NICConf conf;
    bool flr_init;

    NICState *nic;
    MemoryRegion mmio;
    MemoryRegion flash;
    MemoryRegion io;
    MemoryRegion msix;
    uint32_t ioaddr;            /* IOADDR of the I/O window */
    IGBCore core;
};

static bool igb_bus_master(IGBState *s)
{
    return PCI_DEVICE(s)->config[PCI_COMMAND] & PCI_COMMAND_MASTER;
}

/* BAR0: registers, BAR1: flash */

/*
 * Registers are 32 bits wide. Narrower reads return their part of the
 * register (with the register's read side effects); narrower writes would
 * leave the other bytes undefined and are dropped.
 */
static uint64_t igb_mmio_read(void *opaque, hwaddr addr, unsigned size)
{
    IGBState *s = opaque;
    uint64_t val = igb_core_mmio_read(&s->core, addr & ~3ULL, 4);

    return val >> ((addr & 3) * 8);
}

static void igb_mmio_write(void *opaque, hwaddr addr, uint64_t val,
                           unsigned size)
{
    IGBState *s = opaque;

    if (size != 4) {
        IGB_GUEST_ERROR("%u-byte write at 0x%" HWADDR_PRIx " dropped: "
                        "registers take 32-bit writes", size, addr);
        return;
    }
    igb_core_mmio_write(&s->core, addr, val, 4);
}

static const MemoryRegionOps igb_mmio_ops = {
    .read = igb_mmio_read,
    .write = igb_mmio_write,
    .endianness = DEVICE_LITTLE_ENDIAN,
    .valid.min_access_size = 1,
    .valid.max_access_size = 8,
    .impl.min_access_size = 1,
    .impl.max_access_size = 4,
};

static uint64_t igb_flash_read(void *opaque, hwaddr addr, unsigned size)
{
    IGBState *s = opaque;

    return igb_core_flash_read(&s->core, addr, size);
}

static void igb_flash_write(void *opaque, hwaddr addr, uint64_t val,
                            unsigned size)
{
    IGBState *s = opaque;

    igb_core_flash_write(&s->core, addr, val, size);
}

static const MemoryRegionOps igb_flash_ops = {
    .read = igb_flash_read,
    .write = igb_flash_write,
    .endianness = DEVICE_LITTLE_ENDIAN,
    .valid.min_access_size = 1,
    .valid.max_access_size = 4,
};

/* BAR2: I/O window */

/* IODATA reaches the register at IOADDR: a dword of the register space. */
static bool igb_io_target_ok(IGBState *s)
{
    if (s->ioaddr >= IGB_MMIO_SIZE || (s->ioaddr & 3)) {
        IGB_GUEST_ERROR("IODATA access with IOADDR 0x%" PRIx32 ", not a "
                        "register offset", s->ioaddr);
        return false;
    }
    return true;
}

static uint64_t igb_io_read(void *opaque, hwaddr addr, unsigned size)
{
    IGBState *s = opaque;
    uint32_t val = 0;

    switch (addr & ~3ULL) {
    case A_IOADDR:
        val = s->ioaddr;
        break;
    case A_IODATA:
        if (igb_io_target_ok(s)) {
            val = igb_core_mmio_read(&s->core, s->ioaddr, 4);
        }
        break;
    default:
        IGB_GUEST_ERROR("read of reserved I/O offset 0x%" HWADDR_PRIx, addr);
        break;
    }
    trace_igb_io_read(s, addr, s->ioaddr, val);
    return val >> ((addr & 3) * 8);
}

static void igb_io_write(void *opaque, hwaddr addr, uint64_t val,
                         unsigned size)
{
    IGBState *s = opaque;

    trace_igb_io_write(s, addr, s->ioaddr, val);
    if (size != 4) {
        IGB_GUEST_ERROR("%u-byte write at I/O offset 0x%" HWADDR_PRIx
                        " dropped: IOADDR and IODATA take 32-bit writes",
                        size, addr);
        return;
    }
    switch (addr) {
    case A_IOADDR:
        s->ioaddr = val;
        break;
    case A_IODATA:
        if (igb_io_target_ok(s)) {
            igb_core_mmio_write(&s->core, s->ioaddr, val, 4);
        }
        break;
    default:
        IGB_GUEST_ERROR("write of reserved I/O offset 0x%" HWADDR_PRIx, addr);
        break;
    }
}

static const MemoryRegionOps igb_io_ops = {
    .read = igb_io_read,
    .write = igb_io_write,
    .endianness = DEVICE_LITTLE_ENDIAN,
    .valid.min_access_size = 1,
    .valid.max_access_size = 4,
};

/* Network backend */

static bool igb_nc_can_receive(NetClientState *nc)
{
    IGBState *s = qemu_get_nic_opaque(nc);

    return igb_bus_master(s) && igb_core_can_receive(&s->core);
}

static ssize_t igb_nc_receive_iov(NetClientState *nc,
                                  const struct iovec *iov, int iovcnt)
{
    IGBState *s = qemu_get_nic_opaque(nc);

    if (!igb_bus_master(s)) {
        /* Queued; igb_config_write() flushes when DMA is enabled. */
        return 0;
    }
    return igb_core_receive_iov(&s->core, iov, iovcnt);
}

static void igb_nc_link_status_changed(NetClientState *nc)
{
    IGBState *s = qemu_get_nic_opaque(nc);

    trace_igb_link_status_changed(s, !nc->link_down);
    igb_core_set_link_status(&s->core, !nc->link_down);
}

static NetClientInfo igb_net_info = {
    .type = NET_CLIENT_DRIVER_NIC,
    .size = sizeof(NICState),
    .can_receive = igb_nc_can_receive,
    .receive_iov = igb_nc_receive_iov,
    .link_status_changed = igb_nc_link_status_changed,
};

/* Configuration space */

static void igb_config_write(PCIDevice *dev, uint32_t addr, uint32_t val,
                             int len)
{
    IGBState *s = IGB(dev);
    bool was_master = igb_bus_master(s);

    pci_default_write_config(dev, addr, val, len);
    pcie_cap_flr_write_config(dev, addr, val, len);

    if (!was_master && igb_bus_master(s)) {
        trace_igb_config_bus_master(s);
        qemu_flush_queued_packets(qemu_get_queue(s->nic));
    }
}

/*
 * PCI power management 1.2: D0 and D3hot, no soft reset on D3hot->D0. The
 * silicon also offers PME# (wake-up); the model cannot signal it, so it
 * does not advertise it: a guest waiting in D3 for a PME would hang.
 */
static bool igb_init_pm(PCIDevice *dev, Error **errp)
{
    uint8_t off = IGB_PCI_PM_CAP_OFFSET;

    if (pci_pm_init(dev, off, errp) < 0) {
        return false;
    }
    pci_set_word(dev->config + off + PCI_PM_PMC,
                 PCI_PM_CAP_VER_1_2 | PCI_PM_CAP_DSI);
    pci_set_word(dev->config + off + PCI_PM_CTRL, PCI_PM_CTRL_NO_SOFT_RESET);
    pci_set_word(dev->wmask + off + PCI_PM_CTRL, PCI_PM_CTRL_STATE_MASK);
    return true;
}

/*
 * PCI Express capability (v2): an endpoint (integrated in the root complex
 * when plugged into a root bus), x4 at 2.5 GT/s.
 */
static bool igb_init_pcie(IGBState *s, Error **errp)
{
    PCIDevice *dev = PCI_DEVICE(s);

    if (pcie_endpoint_cap_init(dev, IGB_PCI_PCIE_CAP_OFFSET) < 0) {
        error_setg(errp, "cannot add the PCI Express capability");
        return false;
    }
    pcie_cap_fill_link_ep_usp(dev, QEMU_PCI_EXP_LNK_X4,
                              QEMU_PCI_EXP_LNK_2_5GT);
    if (s->flr_init) {
        pcie_cap_flr_init(dev);
    }
    return true;
}

static void igb_uninit_msi(IGBState *s)
{
    PCIDevice *dev = PCI_DEVICE(s);

    msi_uninit(dev);
    msix_unuse_all_vectors(dev);
    msix_uninit(dev, &s->msix, &s->msix);
}

/*
 * MSI-X: 10 vectors, table at 0 and PBA at 0x2000 of BAR3. MSI: one vector,
 * 64-bit, per-vector masking. Either is left out, without failing, where
 * the machine has no working MSI.
 */
static bool igb_init_msi(IGBState *s, Error **errp)
{
    PCIDevice *dev = PCI_DEVICE(s);
    Error *err = NULL;
    int ret;

    ret = msix_init(dev, IGB_MSIX_VECTORS,
                    &s->msix, IGB_MSIX_BAR, IGB_MSIX_TABLE_OFFSET,
                    &s->msix, IGB_MSIX_BAR, IGB_MSIX_PBA_OFFSET,
                    IGB_PCI_MSIX_CAP_OFFSET, &err);
    if (ret == -ENOTSUP) {
        error_free(err);
        err = NULL;
    } else if (ret < 0) {
        error_propagate(errp, err);
        return false;
    }
    if (msix_present(dev)) {
        /* The interrupt unit may use any vector at any time. */
        for (unsigned v = 0; v < IGB_MSIX_VECTORS; v++) {
            msix_vector_use(dev, v);
        }
    }

    ret = msi_init(dev, IGB_PCI_MSI_CAP_OFFSET, 1, true, true, &err);
    if (ret == -ENOTSUP) {
        error_free(err);
    } else if (ret < 0) {
        error_propagate(errp, err);
        igb_uninit_msi(s);
        return false;
    }
    return true;
}

/* The EUI-64 of the MAC address, company ID in the most significant bytes */
static uint64_t igb_dsn(const uint8_t *mac)
{
    return (uint64_t)mac[0] << 56 | (uint64_t)mac[1] << 48 |
           (uint64_t)mac[2] << 40 | (uint64_t)IGB_DSN_MAC_LABEL << 24 |
           (uint64_t)mac[3] << 16 | (uint64_t)mac[4] << 8 | mac[5];
}

/*
 * SR-IOV (after ARI): 7 VFs (the PF keeps a pool of its own), function
 * numbers 0x80 + 2 * n from the PF, device 8086:10ca. Each VF has BAR0
 * (registers) and BAR3 (MSI-X). pcie_sriov_pf_init() creates the VFs now;
 * VF Enable in the capability turns them on.
 */
static bool igb_init_sriov(IGBState *s, Error **errp)
{
    PCIDevice *dev = PCI_DEVICE(s);

    if (!pcie_sriov_pf_init(dev, IGB_PCI_SRIOV_CAP_OFFSET, TYPE_IGBVF,
                            IGBVF_PCI_DEVICE_ID, IGB_TOTAL_VFS, IGB_TOTAL_VFS,
                            IGB_VF_OFFSET, IGB_VF_STRIDE, errp)) {
        return false;
    }
    pcie_sriov_pf_init_vf_bar(dev, IGBVF_MMIO_BAR, IGBVF_BAR_TYPE,
                              IGBVF_MMIO_SIZE);
    pcie_sriov_pf_init_vf_bar(dev, IGBVF_MSIX_BAR, IGBVF_BAR_TYPE,
                              IGBVF_MSIX_SIZE);
    return true;
}

/*
 * The capability lists, in datasheet order: PM (0x40) -> MSI (0x50) ->
 * MSI-X (0x70) -> PCIe (0xa0); AER (0x100) -> DSN (0x140) -> ARI (0x150)
 * -> SR-IOV (0x160).
 * Standard capabilities are prepended to the list, hence the reverse order.
 */
static bool igb_init_caps(IGBState *s, Error **errp)
{
    PCIDevice *dev = PCI_DEVICE(s);

    if (!igb_init_pcie(s, errp) || !igb_init_msi(s, errp)) {
        return false;
    }
    if (!igb_init_pm(dev, errp) ||
        pcie_aer_init(dev, PCI_ERR_VER, IGB_PCI_AER_CAP_OFFSET,
                      IGB_PCI_AER_CAP_SIZE, errp) < 0) {
        igb_uninit_msi(s);
        return false;
    }
    pcie_dev_ser_num_init(dev, IGB_PCI_DSN_CAP_OFFSET,
                          igb_dsn(s->conf.macaddr.a));
    pcie_ari_init(dev, IGB_PCI_ARI_CAP_OFFSET);
    if (!igb_init_sriov(s, errp)) {
        pcie_aer_exit(dev);
        igb_uninit_msi(s);
        return false;
    }
    return true;
}

/* Realize, exit, reset */

static void igb_init_bars(IGBState *s)
{
    PCIDevice *dev = PCI_DEVICE(s);
    uint8_t mem = PCI_BASE_ADDRESS_SPACE_MEMORY | PCI_BASE_ADDRESS_MEM_TYPE_32;

    memory_region_init_io(&s->mmio, OBJECT(s), &igb_mmio_ops, s,
                          "igb-mmio", IGB_MMIO_SIZE);
    memory_region_init_io(&s->flash, OBJECT(s), &igb_flash_ops, s,
                          "igb-flash", IGB_FLASH_SIZE);
    memory_region_init_io(&s->io, OBJECT(s), &igb_io_ops, s,
                          "igb-io", IGB_IO_SIZE);
    memory_region_init(&s->msix, OBJECT(s), "igb-msix", IGB_MSIX_SIZE);

    pci_register_bar(dev, IGB_MMIO_BAR, mem, &s->mmio);
    pci_register_bar(dev, IGB_FLASH_BAR, mem, &s->flash);
    pci_register_bar(dev, IGB_IO_BAR, PCI_BASE_ADDRESS_SPACE_IO, &s->io);
    pci_register_bar(dev, IGB_MSIX_BAR, mem, &s->msix);
}

static void igb_realize(PCIDevice *dev, Error **errp)
{
    IGBState *s = IGB(dev);
    DeviceState *qdev = DEVICE(dev);

    dev->config[PCI_INTERRUPT_PIN] = 1;     /* INTA# */
    qemu_macaddr_default_if_unset(&s->conf.macaddr);

    igb_init_bars(s);
    if (!igb_init_caps(s, errp)) {
        return;
    }

    s->nic = qemu_new_nic(&igb_net_info, &s->conf,
                          object_get_typename(OBJECT(s)), qdev->id,
                          &qdev->mem_reentrancy_guard, s);
    qemu_format_nic_info_str(qemu_get_queue(s->nic), s->conf.macaddr.a);

    s->core.owner = dev;
    s->core.nic = s->nic;
    memcpy(s->core.permanent_mac, s->conf.macaddr.a, ETH_ALEN);
    igb_core_realize(&s->core);
}

static void igb_exit(PCIDevice *dev)
{
    IGBState *s = IGB(dev);

    pcie_sriov_pf_exit(dev);
    igb_core_unrealize(&s->core);
    qemu_del_nic(s->nic);
    s->nic = NULL;
    s->core.nic = NULL;
    pcie_aer_exit(dev);
    igb_uninit_msi(s);
}

IGBCore *igb_pf_core(PCIDevice *pf)
{
    IGBState *s = (IGBState *)object_dynamic_cast(OBJECT(pf), TYPE_IGB);

    return s ? &s->core : NULL;
}

/*
 * Every kind of reset (power-on, PCI reset, FLR) is a full device reset.
 * The PCI core disables the VFs afterwards (pcie_sriov_pf_reset()).
 */
static void igb_reset_enter(Object *obj, ResetType type)
{
    IGBState *s = IGB(obj);

    trace_igb_reset_enter(s, type);
    s->ioaddr = 0;
    igb_core_reset(&s->core, IGB_RESET_POWER_ON);
}

/* Migration, properties, type */

static int igb_post_load(void *opaque, int version_id)
{
    IGBState *s = opaque;

    return igb_core_post_load(&s->core);
}

static const VMStateDescription igb_vmstate = {
    .name = "igb",
    .version_id = 1,
    .minimum_version_id = 1,
    .post_load = igb_post_load,
    .fields = (const VMStateField[]) {
        VMSTATE_PCI_DEVICE(parent_obj, IGBState),
        VMSTATE_MSIX(parent_obj, IGBState),
        VMSTATE_UINT32(ioaddr, IGBState),
        VMSTATE_STRUCT(core, IGBState, 0, vmstate_igb_core, IGBCore),
        /* After VF Enable in the PF's config space: see igbvf.c */
        VMSTATE_ARRAY_OF_POINTER_TO_STRUCT(core.vf, IGBState, IGB_MAX_VFS, 0,
                                           vmstate_igbvf_function, PCIDevice),
        VMSTATE_END_OF_LIST()
    },
};

static const Property igb_properties[] = {
    DEFINE_NIC_PROPERTIES(IGBState, conf),
    DEFINE_PROP_BOOL("x-pcie-flr-init", IGBState, flr_init, true),
};

static void igb_instance_init(Object *obj)
{
    IGBState *s = IGB(obj);

    device_add_bootindex_property(obj, &s->conf.bootindex, "bootindex",
                                  "/ethernet-phy@0", DEVICE(obj));
}

static void igb_class_init(ObjectClass *klass, void *data)
{
    DeviceClass *dc = DEVICE_CLASS(klass);
    PCIDeviceClass *pc = PCI_DEVICE_CLASS(klass);
    ResettableClass *rc = RESETTABLE_CLASS(klass);

    pc->realize = igb_realize;
    pc->exit = igb_exit;
    pc->config_write = igb_config_write;
    pc->vendor_id = IGB_PCI_VENDOR_ID;
    pc->device_id = IGB_PCI_DEVICE_ID;
    pc->revision = IGB_PCI_REVISION;
    pc->class_id = PCI_CLASS_NETWORK_ETHERNET;
    pc->subsystem_vendor_id = IGB_PCI_SUBSYS_VENDOR_ID;
    pc->subsystem_id = IGB_PCI_SUBSYS_ID;

    /* TYPE_PCI_DEVICE has no reset phases of its own to chain to. */
    rc->phases.enter = igb_reset_enter;

    dc->desc = "Intel 82576 Gigabit Ethernet Controller";
    dc->vmsd = &igb_vmstate;
    device_class_set_props(dc, igb_properties);
    set_bit(DEVICE_CATEGORY_NETWORK, dc->categories);
}

static const TypeInfo igb_types[] = {
    {
        .name = TYPE_IGB,
        .parent = TYPE_PCI_DEVICE,
        .instance_size = sizeof(IGBState),
        .instance_init = igb_instance_init,
        .class_init = igb_class_init,
        .interfaces = (InterfaceInfo[]) {
            { INTERFACE_PCIE_DEVICE },
            { }
        },
    },
};

DEFINE_TYPES(igb_types)
