/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Intel 82576 (igb) Gigabit Ethernet controller: an SR-IOV virtual
 * function (8086:10ca). The PF (igb.c) creates its VFs; a guest enables
 * them through the PF's SR-IOV capability.
 *
 * The VF is only a PCI function: configuration space (PCI Express, MSI-X,
 * AER, ARI, FLR), BAR0 (registers, 16 KiB) and BAR3 (MSI-X table and PBA,
 * 16 KiB). Its registers, queues and interrupt state live in the PF's core
 * (igb_mbx.c, igb_intr.c), which DMAs and interrupts through this function
 * for the queues of the VF's pool.
 */
#include "qemu/osdep.h"
#include "qemu/log.h"
#include "qemu/module.h"
#include "qapi/error.h"
#include "hw/pci/msix.h"
#include "hw/pci/pcie.h"
#include "hw/pci/pcie_aer.h"
#include "hw/pci/pcie_sriov.h"
#include "migration/vmstate.h"
#include "net/net.h"
#include "igb_core.h"
#include "trace.h"

OBJECT_DECLARE_SIMPLE_TYPE(IGBVFState, IGBVF)

struct IGBVFState {
    PCIDevice parent_obj;

    MemoryRegion mmio;
    MemoryRegion msix;
    IGBCore *core;          /* the PF's */
    unsigned vfn;
};

/* BAR0: registers, 32 bits wide (narrower reads see their part). */
static uint64_t igbvf_mmio_read(void *opaque, hwaddr addr, unsigned size)
{
    IGBVFState *s = opaque;
    uint32_t val = igb_mbx_vf_read(s->core, s->vfn, addr & ~3ULL);

    return val >> ((addr & 3) * 8);
}

static void igbvf_mmio_write(void *opaque, hwaddr addr, uint64_t val,
                             unsigned size)
{
    IGBVFState *s = opaque;

    if (size != 4) {
        IGB_GUEST_ERROR("VF %u: %u-byte write at 0x%" HWADDR_PRIx
                        " dropped: registers take 32-bit writes",
                        s->vfn, size, addr);
        return;
    }
    igb_mbx_vf_write(s->core, s->vfn, addr, val);
}

static const MemoryRegionOps igbvf_mmio_ops = {
    .read = igbvf_mmio_read,
    .write = igbvf_mmio_write,
    .endianness = DEVICE_LITTLE_ENDIAN,
    .valid.min_access_size = 1,
    .valid.max_access_size = 8,
    .impl.min_access_size = 1,
    .impl.max_access_size = 4,
};

/* Configuration space */

static void igbvf_config_write(PCIDevice *dev, uint32_t addr, uint32_t val,
                               int len)
{
    IGBVFState *s = IGBVF(dev);
    bool was_master = dev->config[PCI_COMMAND] & PCI_COMMAND_MASTER;

    pci_default_write_config(dev, addr, val, len);
    pcie_cap_flr_write_config(dev, addr, val, len);

    if (!was_master && (dev->config[PCI_COMMAND] & PCI_COMMAND_MASTER) &&
        s->core->nic) {
        /* Frames for this VF's pool may have waited for its DMA. */
        trace_igbvf_bus_master(s->vfn);
        qemu_flush_queued_packets(qemu_get_queue(s->core->nic));
    }
}

/*
 * MSI-X: 3 vectors, table at 0 and PBA at 0x2000 of BAR3. Left out,
 * without failing, where the machine has no working MSI.
 */
static bool igbvf_init_msix(IGBVFState *s, Error **errp)
{
    PCIDevice *dev = PCI_DEVICE(s);
    Error *err = NULL;
    int ret;

    ret = msix_init(dev, IGBVF_MSIX_VECTORS,
                    &s->msix, IGBVF_MSIX_BAR, IGB_MSIX_TABLE_OFFSET,
                    &s->msix, IGBVF_MSIX_BAR, IGB_MSIX_PBA_OFFSET,
                    IGB_PCI_MSIX_CAP_OFFSET, &err);
    if (ret == -ENOTSUP) {
        error_free(err);
        return true;
    }
    if (ret < 0) {
        error_propagate(errp, err);
        return false;
    }
    for (unsigned v = 0; v < IGBVF_MSIX_VECTORS; v++) {
        msix_vector_use(dev, v);
    }
    return true;
}

static void igbvf_uninit_msix(IGBVFState *s)
{
    PCIDevice *dev = PCI_DEVICE(s);

    msix_unuse_all_vectors(dev);
    msix_uninit(dev, &s->msix, &s->msix);
}

/*
 * Capabilities, as on the 82576's VFs: MSI-X (0x70) -> PCI Express (0xa0),
 * a function-level-reset capable endpoint; AER (0x100) -> ARI (0x150).
 */
static bool igbvf_init_caps(IGBVFState *s, Error **errp)
{
    PCIDevice *dev = PCI_DEVICE(s);

    if (pcie_endpoint_cap_init(dev, IGB_PCI_PCIE_CAP_OFFSET) < 0) {
        error_setg(errp, "cannot add the PCI Express capability");
        return false;
    }
    pcie_cap_flr_init(dev);
    if (!igbvf_init_msix(s, errp)) {
        return false;
    }
    if (pcie_aer_init(dev, PCI_ERR_VER, IGB_PCI_AER_CAP_OFFSET,
                      IGB_PCI_AER_CAP_SIZE, errp) < 0) {
        igbvf_uninit_msix(s);
        return false;
    }
    pcie_ari_init(dev, IGB_PCI_ARI_CAP_OFFSET);
    return true;
}

/* Realize, exit, reset */

static void igbvf_realize(PCIDevice *dev, Error **errp)
{
    IGBVFState *s = IGBVF(dev);
    PCIDevice *pf = pcie_sriov_get_pf(dev);
    IGBCore *core = pf ? igb_pf_core(pf) : NULL;

    if (!core) {
        error_setg(errp, "igbvf is a virtual function of igb: enable "
                   "SR-IOV on an igb device to create it");
        return;
    }
    s->vfn = pcie_sriov_vf_number(dev);
    if (s->vfn >= IGB_MAX_VFS) {
        error_setg(errp, "igb has %u VFs at most, not %u",
                   IGB_MAX_VFS, s->vfn + 1);
        return;
    }
    s->core = core;

    memory_region_init_io(&s->mmio, OBJECT(s), &igbvf_mmio_ops, s,
                          "igbvf-mmio", IGBVF_MMIO_SIZE);
    memory_region_init(&s->msix, OBJECT(s), "igbvf-msix", IGBVF_MSIX_SIZE);
    pci_register_bar(dev, IGBVF_MMIO_BAR, IGBVF_BAR_TYPE, &s->mmio);
    pci_register_bar(dev, IGBVF_MSIX_BAR, IGBVF_BAR_TYPE, &s->msix);
    if (!igbvf_init_caps(s, errp)) {
        return;
    }
    core->vf[s->vfn] = dev;
}

static void igbvf_exit(PCIDevice *dev)
{
    IGBVFState *s = IGBVF(dev);

    if (s->core && s->core->vf[s->vfn] == dev) {
        s->core->vf[s->vfn] = NULL;
    }
    pcie_aer_exit(dev);
    igbvf_uninit_msix(s);
}

/*
 * Every reset of the function (FLR, VF Enable changes, system reset)
 * resets the VF's part of the device; an FLR also tells the PF (VFLRE).
 */
static void igbvf_reset_enter(Object *obj, ResetType type)
{
    IGBVFState *s = IGBVF(obj);
    PCIDevice *dev = PCI_DEVICE(obj);
    bool flr = pci_get_word(dev->config + dev->exp.exp_cap + PCI_EXP_DEVCTL) &
               PCI_EXP_DEVCTL_BCR_FLR;

    trace_igbvf_reset_enter(s->vfn, type, flr);
    if (s->core) {
        igb_mbx_vf_reset(s->core, s->vfn, flr);
    }
}

/* Migration (the VF's registers migrate with the PF's core), type */

static const VMStateDescription igbvf_vmstate = {
    .name = "igbvf",
    .version_id = 1,
    .minimum_version_id = 1,
    .fields = (const VMStateField[]) {
        VMSTATE_PCI_DEVICE(parent_obj, IGBVFState),
        VMSTATE_MSIX(parent_obj, IGBVFState),
        VMSTATE_END_OF_LIST()
    },
};

/*
 * The VF's PCI state once more, in the PF's migration stream after the
 * PF's SR-IOV state (igb.c): loading that enables the VFs, and the PCI
 * core resets a VF that it enables, losing what "igbvf" (loaded before
 * the PF) restored. The opaque is the VF's PCIDevice.
 */
const VMStateDescription vmstate_igbvf_function = {
    .name = "igbvf-function",
    .version_id = 1,
    .minimum_version_id = 1,
    .fields = (const VMStateField[]) {
        {
            .name = "pci",
            .size = sizeof(PCIDevice),
            .vmsd = &vmstate_pci_device,
            .flags = VMS_STRUCT,
            .offset = 0,
        }, {
            .name = "msix",
            .size = sizeof(PCIDevice),
            .vmsd = &vmstate_msix,
            .flags = VMS_STRUCT,
            .offset = 0,
        },
        VMSTATE_END_OF_LIST()
    },
};

static void igbvf_class_init(ObjectClass *klass, void *data)
{
    DeviceClass *dc = DEVICE_CLASS(klass);
    PCIDeviceClass *pc = PCI_DEVICE_CLASS(klass);
    ResettableClass *rc = RESETTABLE_CLASS(klass);

    pc->realize = igbvf_realize;
    pc->exit = igbvf_exit;
    pc->config_write = igbvf_config_write;
    pc->vendor_id = IGB_PCI_VENDOR_ID;
    pc->device_id = IGBVF_PCI_DEVICE_ID;
    pc->revision = IGB_PCI_REVISION;
    pc->class_id = PCI_CLASS_NETWORK_ETHERNET;
    pc->subsystem_vendor_id = IGB_PCI_SUBSYS_VENDOR_ID;
    pc->subsystem_id = IGB_PCI_SUBSYS_ID;

    /* TYPE_PCI_DEVICE has no reset phases of its own to chain to. */
    rc->phases.enter = igbvf_reset_enter;

    dc->desc = "Intel 82576 Virtual Function";
    dc->vmsd = &igbvf_vmstate;
    /* Created by the PF, never on the command line. */
    dc->user_creatable = false;
    set_bit(DEVICE_CATEGORY_NETWORK, dc->categories);
}

static const TypeInfo igbvf_types[] = {
    {
        .name = TYPE_IGBVF,
        .parent = TYPE_PCI_DEVICE,
        .instance_size = sizeof(IGBVFState),
        .class_init = igbvf_class_init,
        .interfaces = (InterfaceInfo[]) {
            { INTERFACE_PCIE_DEVICE },
            { }
        },
    },
};

DEFINE_TYPES(igbvf_types)
