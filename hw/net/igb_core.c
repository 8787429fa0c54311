/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Intel 82576 (igb) device core: register file, MMIO decode, device
 * control and status, NVM (EEPROM), MDIC access to the PHY, statistics,
 * resets and migration of one 82576.
 *
 * Written from the Intel 82576EB GbE Controller datasheet and from what
 * the Linux igb driver expects of the device.
 *
 * Register file: each unit exports a table of IGBRegInfo rows for the
 * registers of BAR0 it owns (igb_core_regs below, igb_intr_regs,
 * igb_rx_regs, igb_tx_regs, igb_mbx_regs). On the first realize the
 * tables are merged into a map from dword offset to row; a generic path
 * then applies write masks, write-1-to-clear bits, clear-on-read and
 * logging, and calls a row's hooks for side effects only. Rows without
 * storage of their own, read hook or IGB_REG_WO keep their value in
 * IGBCore.simple[], in table order. The per-queue blocks (RX at 0xc000,
 * TX at 0xe000, and queues 0-3 again at 0x2800/0x3800) are decoded
 * arithmetically and handed to the RX and TX units.
 */

#include "qemu/osdep.h"
#include "qemu/iov.h"
#include "qemu/log.h"
#include "hw/pci/pcie_sriov.h"
#include "igb_core.h"
#include "trace.h"

#define IGB_REG_MAP_SIZE        (IGB_MMIO_SIZE / 4)
#define IGB_REG_MAX_ROWS        1024
#define IGB_EEPROM_BYTES        (IGB_EEPROM_WORDS * 2)

/* ---------------------------------------------------------------------- */
/* Register file                                                          */
/* ---------------------------------------------------------------------- */

/*
 * Built once, shared by every instance: row number + 1 of each dword of
 * BAR0 that starts a register (0: none), the rows, and the first simple[]
 * slot of the rows that keep their value there (-1: none).
 */
static uint16_t igb_reg_map[IGB_REG_MAP_SIZE];
static const IGBRegInfo *igb_reg_rows[IGB_REG_MAX_ROWS];
static int16_t igb_reg_slot[IGB_REG_MAX_ROWS];
static bool igb_reg_unimp_logged[IGB_REG_MAX_ROWS];
static unsigned igb_reg_nrows;

static unsigned igb_reg_count(const IGBRegInfo *ri)
{
    return ri->count ? ri->count : 1;
}

static unsigned igb_reg_stride(const IGBRegInfo *ri)
{
    return ri->stride ? ri->stride : 4;
}

/* Per-queue register blocks: queue @q, offset @off inside its block. */
static bool igb_core_queue_decode(hwaddr addr, hwaddr base, hwaddr legacy,
                                  unsigned *q, hwaddr *off)
{
    hwaddr rel;

    if (addr >= base && addr < base + IGB_NUM_QUEUES * IGB_QUEUE_STRIDE) {
        *q = (addr - base) / IGB_QUEUE_STRIDE;
        *off = (addr - base) % IGB_QUEUE_STRIDE;
        return true;
    }
    rel = addr - legacy;
    if (addr >= legacy &&
        rel < IGB_LEGACY_QUEUES * IGB_LEGACY_QUEUE_STRIDE &&
        rel % IGB_LEGACY_QUEUE_STRIDE < IGB_QUEUE_STRIDE) {
        *q = rel / IGB_LEGACY_QUEUE_STRIDE;
        *off = rel % IGB_LEGACY_QUEUE_STRIDE;
        return true;
    }
    return false;
}

static bool igb_core_is_queue_reg(hwaddr addr)
{
    unsigned q;
    hwaddr off;

    return igb_core_queue_decode(addr, IGB_RXQ_BASE, IGB_RXQ_LEGACY_BASE,
                                 &q, &off) ||
           igb_core_queue_decode(addr, IGB_TXQ_BASE, IGB_TXQ_LEGACY_BASE,
                                 &q, &off);
}

/* Programming errors in the tables abort at the first realize. */
static void igb_core_map_row(const IGBRegInfo *ri, unsigned row)
{
    unsigned n = igb_reg_count(ri);
    unsigned stride = igb_reg_stride(ri);

    g_assert(ri->name);
    g_assert(!(ri->addr & 3) && !(stride & 3));
    g_assert(!ri->state ||
             (ri->state > 0 &&
              ri->state + n * sizeof(uint32_t) <= sizeof(IGBCore)));
    for (unsigned i = 0; i < n; i++) {
        uint32_t addr = ri->addr + i * stride;

        g_assert(addr < IGB_MMIO_SIZE);
        g_assert(!igb_core_is_queue_reg(addr));
        g_assert(!igb_reg_map[addr / 4]);       /* rows are disjoint */
        igb_reg_map[addr / 4] = row + 1;
    }
}

static bool igb_core_reg_find(hwaddr addr, unsigned *row, unsigned *idx)
{
    const IGBRegInfo *ri;

    if (addr >= IGB_MMIO_SIZE || !igb_reg_map[addr / 4]) {
        return false;
    }
    *row = igb_reg_map[addr / 4] - 1;
    ri = igb_reg_rows[*row];
    *idx = (addr - ri->addr) / igb_reg_stride(ri);
    return true;
}

/* Where element @idx of @row keeps its value, or NULL. */
static uint32_t *igb_core_reg_ptr(IGBCore *s, unsigned row, unsigned idx)
{
    const IGBRegInfo *ri = igb_reg_rows[row];

    if (ri->state) {
        return igb_reg_storage(s, ri, idx);
    }
    if (igb_reg_slot[row] >= 0) {
        return &s->simple[igb_reg_slot[row] + idx];
    }
    return NULL;
}

static void igb_core_reg_log_unimp(unsigned row, hwaddr addr)
{
    const IGBRegInfo *ri = igb_reg_rows[row];

    if ((ri->flags & IGB_REG_UNIMP) && !igb_reg_unimp_logged[row]) {
        igb_reg_unimp_logged[row] = true;
        IGB_UNIMP("register %s (0x%" HWADDR_PRIx ") is not implemented",
                  ri->name, addr);
    }
}

static uint32_t igb_core_reg_read(IGBCore *s, hwaddr addr)
{
    const IGBRegInfo *ri;
    unsigned row, idx;
    uint32_t *p;
    uint32_t val;

    if (!igb_core_reg_find(addr, &row, &idx)) {
        IGB_GUEST_ERROR("read of unknown register 0x%" HWADDR_PRIx, addr);
        trace_igb_core_mmio_unknown(s, false, addr, 0);
        return 0;
    }
    ri = igb_reg_rows[row];
    igb_core_reg_log_unimp(row, addr);
    p = igb_core_reg_ptr(s, row, idx);
    if (ri->flags & IGB_REG_WO) {
        val = 0;
    } else if (ri->read) {
        val = ri->read(s, ri, idx);
    } else {
        val = p ? *p : 0;
    }
    if ((ri->flags & IGB_REG_RC) && p) {
        *p = 0;
    }
    trace_igb_core_mmio_read(s, ri->name, idx, addr, val);
    return val;
}

static void igb_core_reg_write(IGBCore *s, hwaddr addr, uint32_t val)
{
    const IGBRegInfo *ri;
    unsigned row, idx;
    uint32_t old = 0;
    uint32_t *p;

    if (!igb_core_reg_find(addr, &row, &idx)) {
        IGB_GUEST_ERROR("write of 0x%" PRIx32 " to unknown register 0x%"
                        HWADDR_PRIx, val, addr);
        trace_igb_core_mmio_unknown(s, true, addr, val);
        return;
    }
    ri = igb_reg_rows[row];
    trace_igb_core_mmio_write(s, ri->name, idx, addr, val);
    igb_core_reg_log_unimp(row, addr);
    p = igb_core_reg_ptr(s, row, idx);
    if (p) {
        old = *p;
        *p = ((old & ~ri->wmask) | (val & ri->wmask)) & ~(val & ri->w1c);
    }
    if (ri->write) {
        ri->write(s, ri, idx, old, val);
    }
}

/* Stores @val as the register's value, without masks or side effects. */
static void igb_core_reg_poke(IGBCore *s, hwaddr addr, uint32_t val)
{
    unsigned row, idx;
    uint32_t *p;

    if (igb_core_reg_find(addr, &row, &idx)) {
        p = igb_core_reg_ptr(s, row, idx);
        if (p) {
            *p = val;
        }
    }
}

static void igb_core_regs_reset(IGBCore *s, IGBResetKind kind)
{
    for (unsigned row = 0; row < igb_reg_nrows; row++) {
        const IGBRegInfo *ri = igb_reg_rows[row];

        if (kind == IGB_RESET_SW && (ri->flags & IGB_REG_KEEP_SW)) {
            continue;
        }
        for (unsigned i = 0; i < igb_reg_count(ri); i++) {
            uint32_t *p = igb_core_reg_ptr(s, row, i);

            if (p) {
                *p = ri->reset;
            }
        }
    }
}

/* ---------------------------------------------------------------------- */
/* Device control and status                                              */
/* ---------------------------------------------------------------------- */

#define IGB_STATUS_LINK_BITS    (R_STATUS_FD_MASK | R_STATUS_LU_MASK |     \
                                 R_STATUS_SPEED_MASK | R_STATUS_ASDV_MASK | \
                                 R_STATUS_GIO_MASTER_ENABLE_MASK)

/*
 * STATUS follows the PHY: link, resolved speed (ASDV) and duplex; CTRL's
 * FRCSPD/FRCDPLX force the speed and duplex the MAC reports. A change of
 * STATUS.LU raises ICR.LSC when @notify.
 */
static void igb_core_update_status(IGBCore *s, bool notify)
{
    unsigned phy_speed = igb_phy_speed(&s->phy);
    unsigned speed = phy_speed;
    bool fd = igb_phy_full_duplex(&s->phy);
    bool up = igb_phy_link_up(&s->phy);
    uint32_t st = s->status & ~IGB_STATUS_LINK_BITS;
    bool changed;

    if (s->ctrl & R_CTRL_FRCSPD_MASK) {
        speed = MIN(FIELD_EX32(s->ctrl, CTRL, SPEED), IGB_SPEED_1000);
    }
    if (s->ctrl & R_CTRL_FRCDPLX_MASK) {
        fd = s->ctrl & R_CTRL_FD_MASK;
    }
    st = FIELD_DP32(st, STATUS, SPEED, speed);
    st = FIELD_DP32(st, STATUS, ASDV, phy_speed);
    st = FIELD_DP32(st, STATUS, FD, fd);
    st = FIELD_DP32(st, STATUS, LU, up);
    if (!(s->ctrl & R_CTRL_GIO_MASTER_DISABLE_MASK)) {
        st |= R_STATUS_GIO_MASTER_ENABLE_MASK;
    }
    changed = (st ^ s->status) & R_STATUS_LU_MASK;
    s->status = st;
    if (changed) {
        trace_igb_core_link(s, up, speed, fd);
        if (notify) {
            igb_intr_raise(s, R_ICR_LSC_MASK);
        }
    }
}

/* STATUS.NUM_VFS and IOV_MODE mirror the PF's SR-IOV capability. */
static uint32_t igb_core_status_read(IGBCore *s, const IGBRegInfo *ri,
                                     unsigned idx)
{
    uint16_t vfs = s->owner ? pcie_sriov_num_vfs(s->owner) : 0;
    uint32_t st = s->status;

    st = FIELD_DP32(st, STATUS, NUM_VFS, MIN(vfs, IGB_MAX_VFS));
    return FIELD_DP32(st, STATUS, IOV_MODE, vfs != 0);
}

void igb_core_set_link_status(IGBCore *s, bool up)
{
    igb_phy_set_link(&s->phy, up);
    igb_core_update_status(s, true);
}

/*
 * CTRL.RST: software reset of the MAC (the PHY, PCI configuration and NVM
 * stay). CTRL.DEV_RST: reset of the whole device, PHY included. Both
 * self-clear. CTRL.PHY_RST resets the PHY; it keeps its link partner, so
 * the link stays up.
 */
static void igb_core_ctrl_write(IGBCore *s, const IGBRegInfo *ri,
                                unsigned idx, uint32_t old, uint32_t val)
{
    if (val & R_CTRL_DEV_RST_MASK) {
        igb_core_reset(s, IGB_RESET_POWER_ON);
        s->status |= R_STATUS_DEV_RST_SET_MASK;
        igb_intr_raise(s, R_ICR_DRSTA_MASK);
        return;
    }
    if (val & R_CTRL_RST_MASK) {
        igb_core_reset(s, IGB_RESET_SW);
        return;
    }
    if ((val & ~old) & R_CTRL_PHY_RST_MASK) {
        igb_phy_reset(&s->phy);
        s->status |= R_STATUS_PHYRA_MASK;
    }
    igb_core_update_status(s, true);
}

/* CTRL_EXT.PFRSTD: the PF driver tells the VFs that its reset is done. */
static void igb_core_ctrl_ext_write(IGBCore *s, const IGBRegInfo *ri,
                                    unsigned idx, uint32_t old, uint32_t val)
{
    igb_mbx_ctrl_ext_write(s, old, val);
}

/* MDIC: one PHY access per write, complete at once. */
static void igb_core_mdic_write(IGBCore *s, const IGBRegInfo *ri,
                                unsigned idx, uint32_t old, uint32_t val)
{
    unsigned op = FIELD_EX32(val, MDIC, OP);
    unsigned phy = FIELD_EX32(val, MDIC, PHYADD);
    unsigned reg = FIELD_EX32(val, MDIC, REGADD);
    uint16_t data = FIELD_EX32(val, MDIC, DATA);
    bool ok = false;

    if (phy != IGB_PHY_ADDR) {
        IGB_GUEST_ERROR("MDIC access to PHY address %u, the PHY is at %u",
                        phy, IGB_PHY_ADDR);
    } else if (op == IGB_MDIC_OP_READ) {
        ok = igb_phy_read(&s->phy, reg, &data);
    } else if (op == IGB_MDIC_OP_WRITE) {
        ok = igb_phy_write(&s->phy, reg, data);
    } else {
        IGB_GUEST_ERROR("MDIC opcode %u", op);
    }
    trace_igb_core_mdic(s, op, phy, reg, data, ok);
    val = FIELD_DP32(val, MDIC, DATA, data);
    val = FIELD_DP32(val, MDIC, READY, 1);
    s->mdic = FIELD_DP32(val, MDIC, ERROR, !ok);
    if (val & R_MDIC_I_MASK) {
        igb_intr_raise(s, R_ICR_MDAC_MASK);
    }
    igb_core_update_status(s, true);
}

/*
 * SWSM.SMBI is a hardware semaphore: a read returns its value and sets
 * it, so the reader that sees 0 owns it until it writes 0. No firmware
 * competes for SWSM.SWESMBI or SW_FW_SYNC, so software always gets them.
 */
static uint32_t igb_core_swsm_read(IGBCore *s, const IGBRegInfo *ri,
                                   unsigned idx)
{
    uint32_t val = s->swsm;

    s->swsm |= R_SWSM_SMBI_MASK;
    return val;
}

/* Registers that are not modelled and read as zero. */
static uint32_t igb_core_read_zero(IGBCore *s, const IGBRegInfo *ri,
                                   unsigned idx)
{
    return 0;
}

/* ---------------------------------------------------------------------- */
/* NVM: the EEPROM image, EERD/EEWR and the bit-banged SPI interface      */
/* ---------------------------------------------------------------------- */

#define IGB_NVM_VERSION         0x1010  /* 1.1, image 0 */

static void igb_core_build_eeprom(IGBCore *s)
{
    uint16_t *w = s->eeprom;
    uint16_t sum = 0;

    for (unsigned i = 0; i < IGB_EEPROM_WORDS; i++) {
        w[i] = 0xffff;
    }
    for (unsigned i = 0; i < ETH_ALEN / 2; i++) {
        w[IGB_EEPROM_MAC0 + i] = s->permanent_mac[2 * i] |
                                 s->permanent_mac[2 * i + 1] << 8;
    }
    w[IGB_EEPROM_COMPAT] = 0;
    w[IGB_EEPROM_NVM_VERSION] = IGB_NVM_VERSION;
    w[IGB_EEPROM_PBA0] = 0;
    w[IGB_EEPROM_PBA1] = 0;
    w[IGB_EEPROM_INIT_CTRL1] = IGB_EEPROM_ICW1_SIGNATURE |
                               IGB_EEPROM_ICW1_LOAD_IDS |
                               IGB_EEPROM_ICW1_LOAD_SUBSYS;
    w[IGB_EEPROM_SUBSYS_ID] = IGB_PCI_SUBSYS_ID;
    w[IGB_EEPROM_SUBSYS_VENDOR] = IGB_PCI_SUBSYS_VENDOR_ID;
    w[IGB_EEPROM_DEVICE_ID] = IGB_PCI_DEVICE_ID;
    w[IGB_EEPROM_VENDOR_ID] = IGB_PCI_VENDOR_ID;
    w[IGB_EEPROM_INIT_CTRL2] = IGB_EEPROM_ICW2_PAUSE | IGB_EEPROM_ICW2_ASM_DIR;
    for (unsigned i = 0; i < IGB_EEPROM_CHECKSUM; i++) {
        sum += w[i];
    }
    w[IGB_EEPROM_CHECKSUM] = IGB_EEPROM_SUM - sum;
}

static uint8_t igb_core_eeprom_byte(IGBCore *s, uint32_t addr)
{
    uint16_t word = s->eeprom[(addr % IGB_EEPROM_BYTES) / 2];

    return addr & 1 ? word >> 8 : word;
}

/* The auto-read after reset loads RAL0/RAH0 with the MAC address. */
static void igb_core_load_mac(IGBCore *s)
{
    const uint16_t *mac = &s->eeprom[IGB_EEPROM_MAC0];

    igb_core_reg_poke(s, A_RAL0, mac[0] | (uint32_t)mac[1] << 16);
    igb_core_reg_poke(s, A_RAH0, mac[2] | R_RAH_AV_MASK);
}

static void igb_core_eerd_write(IGBCore *s, const IGBRegInfo *ri,
                                unsigned idx, uint32_t old, uint32_t val)
{
    unsigned addr = FIELD_EX32(val, EERD, ADDR);
    uint16_t data = 0;

    s->eerd = FIELD_DP32(0, EERD, ADDR, addr);
    if (!(val & R_EERD_START_MASK)) {
        return;
    }
    if (addr < IGB_EEPROM_WORDS) {
        data = s->eeprom[addr];
    } else {
        IGB_GUEST_ERROR("EERD read of word 0x%x, the EEPROM has 0x%x",
                        addr, IGB_EEPROM_WORDS);
    }
    trace_igb_core_eeprom_read(s, addr, data);
    s->eerd = FIELD_DP32(s->eerd, EERD, DATA, data) | R_EERD_DONE_MASK;
}

static void igb_core_eewr_write(IGBCore *s, const IGBRegInfo *ri,
                                unsigned idx, uint32_t old, uint32_t val)
{
    unsigned addr = FIELD_EX32(val, EEWR, ADDR);
    uint16_t data = FIELD_EX32(val, EEWR, DATA);

    s->eewr = val & (R_EEWR_ADDR_MASK | R_EEWR_DATA_MASK);
    if (!(val & R_EEWR_START_MASK)) {
        return;
    }
    if (addr < IGB_EEPROM_WORDS) {
        trace_igb_core_eeprom_write(s, addr, data);
        s->eeprom[addr] = data;
    } else {
        IGB_GUEST_ERROR("EEWR write of word 0x%x, the EEPROM has 0x%x",
                        addr, IGB_EEPROM_WORDS);
    }
    s->eewr |= R_EEWR_DONE_MASK;
}

/*
 * The EEPROM behind EECD is a 16 Kbit SPI part with 16-bit byte addresses
 * and 32-byte write pages. With EECD.REQ granted, software drives chip
 * select (EECD.CS high deselects), the clock (SK) and data in (DI), and
 * samples data out (DO). Bits are shifted in on the rising clock edge and
 * out on the falling one, most significant bit first. Writes take effect
 * at once: the status register never reports a write in progress.
 */
enum {
    IGB_SPI_OPCODE,         /* receiving the instruction */
    IGB_SPI_ADDR_READ,      /* receiving the address of a READ */
    IGB_SPI_ADDR_WRITE,     /* receiving the address of a WRITE */
    IGB_SPI_DATA_READ,      /* sending data bytes */
    IGB_SPI_DATA_WRITE,     /* receiving data bytes */
    IGB_SPI_STATUS,         /* sending the status register */
    IGB_SPI_IGNORE,         /* nothing until deselected */
    IGB_SPI_PHASES
};

static void igb_core_spi_deselect(IGBCore *s)
{
    if (s->eeprom_spi_state == IGB_SPI_ADDR_WRITE ||
        s->eeprom_spi_state == IGB_SPI_DATA_WRITE) {
        s->eeprom_spi_sr &= ~IGB_SPI_SR_WEL;    /* the write cycle ends */
    }
    s->eeprom_spi_state = IGB_SPI_OPCODE;
    s->eeprom_spi_bits = 0;
    s->eeprom_spi_shift = 0;
    s->eecd &= ~R_EECD_DO_MASK;
}

/* Start sending @byte: its first bit goes out on the next falling edge. */
static void igb_core_spi_send(IGBCore *s, unsigned phase, uint8_t byte)
{
    s->eeprom_spi_state = phase;
    s->eeprom_spi_shift = byte;
    s->eeprom_spi_bits = 0;
}

static void igb_core_spi_opcode(IGBCore *s, uint8_t opcode)
{
    unsigned next = IGB_SPI_IGNORE;

    trace_igb_core_spi_opcode(s, opcode);
    switch (opcode) {
    case IGB_SPI_READ:
        next = IGB_SPI_ADDR_READ;
        break;
    case IGB_SPI_WRITE:
        if (s->eeprom_spi_sr & IGB_SPI_SR_WEL) {
            next = IGB_SPI_ADDR_WRITE;
        } else {
            IGB_GUEST_ERROR("SPI EEPROM write without write enable");
        }
        break;
    case IGB_SPI_WREN:
        s->eeprom_spi_sr |= IGB_SPI_SR_WEL;
        break;
    case IGB_SPI_WRDI:
        s->eeprom_spi_sr &= ~IGB_SPI_SR_WEL;
        break;
    case IGB_SPI_RDSR:
        igb_core_spi_send(s, IGB_SPI_STATUS, s->eeprom_spi_sr);
        return;
    case IGB_SPI_WRSR:
        IGB_UNIMP("SPI EEPROM block protection (WRSR)");
        break;
    default:
        IGB_GUEST_ERROR("SPI EEPROM instruction 0x%x", opcode);
        break;
    }
    s->eeprom_spi_state = next;
}

/* A whole unit (instruction, address or data byte) was shifted in. */
static void igb_core_spi_unit(IGBCore *s)
{
    uint32_t in = s->eeprom_spi_shift;

    s->eeprom_spi_bits = 0;
    s->eeprom_spi_shift = 0;
    switch (s->eeprom_spi_state) {
    case IGB_SPI_OPCODE:
        igb_core_spi_opcode(s, in);
        break;
    case IGB_SPI_ADDR_READ:
        s->eeprom_spi_addr = in % IGB_EEPROM_BYTES;
        igb_core_spi_send(s, IGB_SPI_DATA_READ,
                          igb_core_eeprom_byte(s, s->eeprom_spi_addr));
        break;
    case IGB_SPI_ADDR_WRITE:
        s->eeprom_spi_addr = in % IGB_EEPROM_BYTES;
        s->eeprom_spi_state = IGB_SPI_DATA_WRITE;
        break;
    case IGB_SPI_DATA_WRITE: {
        uint32_t addr = s->eeprom_spi_addr;
        uint16_t *word = &s->eeprom[addr / 2];

        *word = addr & 1 ? (*word & 0x00ff) | (in & 0xff) << 8
                         : (*word & 0xff00) | (in & 0xff);
        trace_igb_core_eeprom_write(s, addr / 2, *word);
        /* The address wraps around inside the write page. */
        s->eeprom_spi_addr = (addr & ~(IGB_SPI_PAGE_SIZE - 1)) |
                             ((addr + 1) & (IGB_SPI_PAGE_SIZE - 1));
        break;
    }
    default:
        break;
    }
}

static void igb_core_spi_rising(IGBCore *s, bool di)
{
    unsigned unit;

    switch (s->eeprom_spi_state) {
    case IGB_SPI_ADDR_READ:
    case IGB_SPI_ADDR_WRITE:
        unit = 16;
        break;
    case IGB_SPI_OPCODE:
    case IGB_SPI_DATA_WRITE:
        unit = 8;
        break;
    default:
        return;     /* DI is ignored while sending */
    }
    s->eeprom_spi_shift = ((s->eeprom_spi_shift << 1) | di) & 0xffff;
    if (++s->eeprom_spi_bits == unit) {
        igb_core_spi_unit(s);
    }
}

static void igb_core_spi_falling(IGBCore *s)
{
    uint8_t byte;

    if (s->eeprom_spi_state != IGB_SPI_DATA_READ &&
        s->eeprom_spi_state != IGB_SPI_STATUS) {
        return;
    }
    if (s->eeprom_spi_bits >= 8) {
        if (s->eeprom_spi_state == IGB_SPI_DATA_READ) {
            s->eeprom_spi_addr = (s->eeprom_spi_addr + 1) % IGB_EEPROM_BYTES;
            byte = igb_core_eeprom_byte(s, s->eeprom_spi_addr);
        } else {
            byte = s->eeprom_spi_sr;
        }
        igb_core_spi_send(s, s->eeprom_spi_state, byte);
    }
    byte = s->eeprom_spi_shift;
    s->eecd = FIELD_DP32(s->eecd, EECD, DO,
                         byte >> (7 - s->eeprom_spi_bits) & 1);
    s->eeprom_spi_bits++;
}

/* EECD: the request/grant handshake and the SPI pins. */
static void igb_core_eecd_write(IGBCore *s, const IGBRegInfo *ri,
                                unsigned idx, uint32_t old, uint32_t val)
{
    uint32_t now = s->eecd;

    s->eecd = FIELD_DP32(s->eecd, EECD, GNT, FIELD_EX32(now, EECD, REQ));
    if (!(now & R_EECD_REQ_MASK)) {
        if (!(old & R_EECD_REQ_MASK) &&
            ((now ^ old) & (R_EECD_SK_MASK | R_EECD_CS_MASK))) {
            IGB_GUEST_ERROR("EECD pins driven without EECD.GNT");
        }
        igb_core_spi_deselect(s);
        return;
    }
    if (!(old & R_EECD_REQ_MASK) || (now & R_EECD_CS_MASK)) {
        igb_core_spi_deselect(s);
        return;
    }
    if ((now & ~old) & R_EECD_SK_MASK) {
        igb_core_spi_rising(s, now & R_EECD_DI_MASK);
    } else if ((old & ~now) & R_EECD_SK_MASK) {
        igb_core_spi_falling(s);
    }
}

/* ---------------------------------------------------------------------- */
/* Statistics                                                             */
/* ---------------------------------------------------------------------- */

static bool igb_core_stat_is_high(uint32_t addr)
{
    switch (addr) {
    case A_GORCH:
    case A_GOTCH:
    case A_TORH:
    case A_TOTH:
    case A_HGORCH:
    case A_HGOTCH:
        return true;
    default:
        return false;
    }
}

/*
 * Counters clear on read; a 64-bit counter clears when its high dword is
 * read, so its low dword reads without side effect.
 */
static uint32_t igb_core_stats_read(IGBCore *s, const IGBRegInfo *ri,
                                    unsigned idx)
{
    uint32_t addr = ri->addr + idx * 4;
    uint32_t val = s->stats[idx];

    if (igb_core_stat_is_high(addr + 4)) {
        return val;
    }
    s->stats[idx] = 0;
    if (igb_core_stat_is_high(addr)) {
        s->stats[idx - 1] = 0;
    }
    return val;
}

/* ---------------------------------------------------------------------- */
/* The core's registers                                                   */
/* ---------------------------------------------------------------------- */

#define IGB_CTRL_RESET      (R_CTRL_FD_MASK |                              \
                             IGB_SPEED_1000 << R_CTRL_SPEED_SHIFT |        \
                             R_CTRL_ADVD3WUC_MASK |                        \
                             R_CTRL_EN_PHY_PWR_MGMT_MASK)
#define IGB_CTRL_WMASK      (R_CTRL_FD_MASK | R_CTRL_GIO_MASTER_DISABLE_MASK | \
                             R_CTRL_LRST_MASK | R_CTRL_SLU_MASK |          \
                             R_CTRL_ILOS_MASK | R_CTRL_SPEED_MASK |        \
                             R_CTRL_FRCSPD_MASK | R_CTRL_FRCDPLX_MASK |    \
                             R_CTRL_SDP0_DATA_MASK | R_CTRL_SDP1_DATA_MASK | \
                             R_CTRL_ADVD3WUC_MASK |                        \
                             R_CTRL_EN_PHY_PWR_MGMT_MASK |                 \
                             R_CTRL_SDP0_IODIR_MASK | R_CTRL_SDP1_IODIR_MASK | \
                             R_CTRL_RFCE_MASK | R_CTRL_TFCE_MASK |         \
                             R_CTRL_VME_MASK | R_CTRL_PHY_RST_MASK)
/* 16 Kbit EEPROM present and auto-read, 16-bit SPI addresses. */
#define IGB_EECD_RESET      (1 << R_EECD_FWE_SHIFT | R_EECD_PRES_MASK |    \
                             R_EECD_AUTO_RD_MASK | R_EECD_ADDR_BITS_MASK | \
                             4 << R_EECD_SIZE_EX_SHIFT | R_EECD_EE_DET_MASK)
#define IGB_EECD_WMASK      (R_EECD_SK_MASK | R_EECD_CS_MASK |             \
                             R_EECD_DI_MASK | R_EECD_FWE_MASK |            \
                             R_EECD_REQ_MASK)
#define IGB_MDIC_WMASK      (R_MDIC_DATA_MASK | R_MDIC_REGADD_MASK |       \
                             R_MDIC_PHYADD_MASK | R_MDIC_OP_MASK |         \
                             R_MDIC_I_MASK)

/* A register whose value lives in simple[]. */
#define IGB_CORE_REG(_name, _addr, _reset, _wmask, _flags)                 \
    { .name = _name, .addr = _addr, .reset = _reset, .wmask = _wmask,      \
      .flags = _flags }
#define IGB_CORE_ARRAY(_name, _addr, _count, _stride, _flags)              \
    { .name = _name, .addr = _addr, .count = _count, .stride = _stride,    \
      .wmask = UINT32_MAX, .flags = _flags }
/* Not modelled, read as zero, writes ignored. */
#define IGB_CORE_ZERO(_name, _addr, _count, _stride)                       \
    { .name = _name, .addr = _addr, .count = _count, .stride = _stride,    \
      .flags = IGB_REG_UNIMP, .read = igb_core_read_zero }

#define IGB_KEEP            IGB_REG_KEEP_SW
#define IGB_UNIMP_KEEP      (IGB_REG_UNIMP | IGB_REG_KEEP_SW)

static const IGBRegInfo igb_core_reg_rows[] = {
    /* General control */
    { .name = "CTRL", .addr = A_CTRL, .reset = IGB_CTRL_RESET,
      .wmask = IGB_CTRL_WMASK, .state = IGB_STATE(ctrl),
      .write = igb_core_ctrl_write },
    { .name = "STATUS", .addr = A_STATUS,
      .reset = R_STATUS_PF_RST_DONE_MASK, .wmask = R_STATUS_PHYRA_MASK,
      .state = IGB_STATE(status), .read = igb_core_status_read },
    { .name = "EECD", .addr = A_EECD, .reset = IGB_EECD_RESET,
      .wmask = IGB_EECD_WMASK, .state = IGB_STATE(eecd),
      .write = igb_core_eecd_write },
    { .name = "EERD", .addr = A_EERD,
      .wmask = R_EERD_START_MASK | R_EERD_ADDR_MASK,
      .state = IGB_STATE(eerd), .write = igb_core_eerd_write },
    { .name = "CTRL_EXT", .addr = A_CTRL_EXT,
      .wmask = ~R_CTRL_EXT_EE_RST_MASK, .state = IGB_STATE(ctrl_ext),
      .write = igb_core_ctrl_ext_write },
    IGB_CORE_REG("FLA", A_EEC_FLA, 0, UINT32_MAX, IGB_REG_UNIMP),
    { .name = "MDIC", .addr = A_MDIC, .wmask = IGB_MDIC_WMASK,
      .state = IGB_STATE(mdic), .write = igb_core_mdic_write },
    IGB_CORE_REG("SCTL", A_SCTL, 0, UINT32_MAX, 0),
    IGB_CORE_REG("FCAL", A_FCAL, 0x00c28001, UINT32_MAX, 0),
    IGB_CORE_REG("FCAH", A_FCAH, 0x0100, 0xffff, 0),
    IGB_CORE_REG("FCT", A_FCT, 0x8808, 0xffff, 0),
    IGB_CORE_REG("CONNSW", A_CONNSW, 0, 0x7, 0),
    { .name = "VET", .addr = A_VET, .reset = 0x81008100,
      .wmask = UINT32_MAX, .state = IGB_STATE(vet) },
    IGB_CORE_REG("FCTTV", A_FCTTV, 0, 0xffff, 0),
    IGB_CORE_REG("LEDCTL", A_LEDCTL, 0x07068302, UINT32_MAX, 0),
    IGB_CORE_REG("PBA", A_PBA, 0, 0xffff, IGB_KEEP),
    IGB_CORE_REG("PBS", A_PBS, 0, 0, IGB_KEEP),
    { .name = "EEMNGCTL", .addr = A_EEMNGCTL,
      .reset = R_EEMNGCTL_CFG_DONE0_MASK, .state = IGB_STATE(eemngctl) },
    IGB_CORE_REG("I2CCMD", A_I2CCMD, 0, UINT32_MAX, IGB_REG_UNIMP),
    { .name = "EEWR", .addr = A_EEWR, .wmask = ~R_EEWR_DONE_MASK,
      .state = IGB_STATE(eewr), .write = igb_core_eewr_write },
    IGB_CORE_REG("FRTIMER", A_FRTIMER, 0, UINT32_MAX, 0),
    IGB_CORE_REG("TCPTIMER", A_TCPTIMER, 0, UINT32_MAX, 0),
    IGB_CORE_REG("FCRTL", A_FCRTL, 0, 0x8001fff0, 0),
    IGB_CORE_REG("FCRTH", A_FCRTH, 0, 0x0001fff0, 0),
    IGB_CORE_REG("RXPBS", A_RXPBS, 0x40, 0x7f, IGB_KEEP),
    IGB_CORE_REG("FCRTV", A_FCRTV, 0, 0xffff, 0),
    IGB_CORE_REG("TXPBS", A_TXPBS, 0x28, 0x3f, IGB_KEEP),
    /* Statistics */
    { .name = "STATS", .addr = IGB_STATS_BASE, .count = IGB_NUM_STATS,
      .state = IGB_STATE_ARRAY(stats), .read = igb_core_stats_read },
    IGB_CORE_REG("PCS_CFG0", A_PCS_CFG0, 0, UINT32_MAX, 0),
    IGB_CORE_REG("PCS_LCTL", A_PCS_LCTL, 0, UINT32_MAX, 0),
    IGB_CORE_REG("PCS_LSTAT", A_PCS_LSTAT, 0, 0, 0),
    IGB_CORE_REG("PCS_ANADV", A_PCS_ANADV, 0, UINT32_MAX, 0),
    IGB_CORE_REG("PCS_LPAB", A_PCS_LPAB, 0, 0, 0),
    IGB_CORE_REG("PCS_NPTX", A_PCS_NPTX, 0, UINT32_MAX, 0),
    IGB_CORE_REG("PCS_LPABNP", A_PCS_LPABNP, 0, 0, 0),
    IGB_CORE_REG("SCVPC", A_SCVPC, 0, 0, IGB_REG_RC),
    /* Wake-up and manageability */
    IGB_CORE_REG("WUC", A_WUC, 0, UINT32_MAX, IGB_KEEP),
    IGB_CORE_REG("WUFC", A_WUFC, 0, UINT32_MAX, IGB_UNIMP_KEEP),
    { .name = "WUS", .addr = A_WUS, .w1c = UINT32_MAX,
      .flags = IGB_KEEP },
    IGB_CORE_REG("MANC", A_MANC, 0, UINT32_MAX, IGB_KEEP),
    IGB_CORE_REG("IPAV", A_IPAV, 0, UINT32_MAX, IGB_KEEP),
    IGB_CORE_ARRAY("IP4AT", A_IP4AT0, 4, 8, IGB_KEEP),
    IGB_CORE_ARRAY("IP6AT", A_IP6AT0, 4, 4, IGB_KEEP),
    IGB_CORE_REG("WUPL", A_WUPL, 0, 0, IGB_KEEP),
    IGB_CORE_ZERO("WUPM", A_WUPM0, IGB_WUPM_SIZE, 4),
    IGB_CORE_ZERO("FFLT", A_FFLT0, IGB_FFLT_SIZE, 8),
    IGB_CORE_ZERO("FFMT", A_FFMT0, IGB_FFMT_SIZE, 8),
    IGB_CORE_ZERO("FFVT", A_FFVT0, IGB_FFMT_SIZE, 8),
    /* Low latency interrupts on VLAN priority (not modelled) */
    IGB_CORE_REG("IMIRVP", A_IMIRVP, 0, UINT32_MAX, IGB_REG_UNIMP),
    /* PCIe, semaphores, DCA */
    IGB_CORE_REG("GCR", A_GCR, R_GCR_CAP_VER2_MASK, ~R_GCR_CAP_VER2_MASK,
                 IGB_KEEP),
    IGB_CORE_REG("FACTPS", A_FACTPS, 0, 0, IGB_KEEP),
    { .name = "SWSM", .addr = A_SWSM,
      .wmask = R_SWSM_SMBI_MASK | R_SWSM_SWESMBI_MASK,
      .flags = IGB_KEEP, .state = IGB_STATE(swsm),
      .read = igb_core_swsm_read },
    IGB_CORE_REG("FWSM", A_FWSM, 0, 0, IGB_KEEP),
    { .name = "SW_FW_SYNC", .addr = A_SW_FW_SYNC,
      .wmask = R_SW_FW_SYNC_SW_MASK, .flags = IGB_KEEP,
      .state = IGB_STATE(sw_fw_sync) },
    IGB_CORE_REG("DCA_CTRL", A_DCA_CTRL, 0, UINT32_MAX, 0),
    /* Virtualisation (the mailboxes and VF enables are igb_mbx.c's) */
    IGB_CORE_REG("QDE", A_QDE, 0, UINT32_MAX, IGB_REG_UNIMP),
    IGB_CORE_REG("RPLOLR", A_RPLOLR, 0, UINT32_MAX, IGB_REG_UNIMP),
    IGB_CORE_REG("IOVCTL", A_IOVCTL, 0, UINT32_MAX, IGB_REG_UNIMP),
};

static const IGBRegTable igb_core_regs = {
    .rows = igb_core_reg_rows,
    .count = ARRAY_SIZE(igb_core_reg_rows),
};

static void igb_core_build_map(void)
{
    static const IGBRegTable *const tables[] = {
        &igb_core_regs, &igb_intr_regs, &igb_rx_regs, &igb_tx_regs,
        &igb_mbx_regs, &igb_ptp_regs,
    };
    unsigned slot = 0;

    if (igb_reg_nrows) {
        return;
    }
    for (unsigned t = 0; t < ARRAY_SIZE(tables); t++) {
        for (unsigned r = 0; r < tables[t]->count; r++) {
            const IGBRegInfo *ri = &tables[t]->rows[r];
            unsigned row = igb_reg_nrows++;

            g_assert(row < IGB_REG_MAX_ROWS);
            igb_reg_rows[row] = ri;
            igb_reg_slot[row] = -1;
            if (!ri->state && !ri->read && !(ri->flags & IGB_REG_WO)) {
                igb_reg_slot[row] = slot;
                slot += igb_reg_count(ri);
                g_assert(slot <= IGB_NUM_SIMPLE);
            }
            igb_core_map_row(ri, row);
        }
    }
}

/* ---------------------------------------------------------------------- */
/* MMIO                                                                   */
/* ---------------------------------------------------------------------- */

uint64_t igb_core_mmio_read(IGBCore *s, hwaddr addr, unsigned size)
{
    unsigned q;
    hwaddr off;

    addr &= ~(hwaddr)3;
    if (igb_core_queue_decode(addr, IGB_RXQ_BASE, IGB_RXQ_LEGACY_BASE,
                              &q, &off)) {
        return igb_rxq_read(s, q, off);
    }
    if (igb_core_queue_decode(addr, IGB_TXQ_BASE, IGB_TXQ_LEGACY_BASE,
                              &q, &off)) {
        return igb_txq_read(s, q, off);
    }
    return igb_core_reg_read(s, addr);
}

void igb_core_mmio_write(IGBCore *s, hwaddr addr, uint64_t val,
                         unsigned size)
{
    unsigned q;
    hwaddr off;

    addr &= ~(hwaddr)3;
    if (igb_core_queue_decode(addr, IGB_RXQ_BASE, IGB_RXQ_LEGACY_BASE,
                              &q, &off)) {
        igb_rxq_write(s, q, off, val);
    } else if (igb_core_queue_decode(addr, IGB_TXQ_BASE, IGB_TXQ_LEGACY_BASE,
                                     &q, &off)) {
        igb_txq_write(s, q, off, val);
    } else {
        igb_core_reg_write(s, addr, val);
    }
}

/* BAR1: the flash window shows the NVM image, then erased flash. */
uint64_t igb_core_flash_read(IGBCore *s, hwaddr addr, unsigned size)
{
    uint64_t val = 0;

    for (unsigned i = 0; i < MIN(size, 8u); i++) {
        hwaddr b = addr + i;
        uint8_t byte = b < IGB_EEPROM_BYTES ? igb_core_eeprom_byte(s, b)
                                            : 0xff;

        val |= (uint64_t)byte << (8 * i);
    }
    trace_igb_core_flash_read(s, addr, size, val);
    return val;
}

void igb_core_flash_write(IGBCore *s, hwaddr addr, uint64_t val,
                          unsigned size)
{
    IGB_UNIMP("flash write of 0x%" PRIx64 " at 0x%" HWADDR_PRIx, val, addr);
}

/* ---------------------------------------------------------------------- */
/* Reset, realize, receive, migration                                     */
/* ---------------------------------------------------------------------- */

void igb_core_reset(IGBCore *s, IGBResetKind kind)
{
    trace_igb_core_reset(s, kind);
    igb_core_regs_reset(s, kind);
    igb_core_spi_deselect(s);
    s->eeprom_spi_sr = 0;
    if (kind == IGB_RESET_POWER_ON) {
        igb_phy_reset(&s->phy);
        s->status |= R_STATUS_PHYRA_MASK;
    }
    igb_intr_reset(s, kind);
    igb_rx_reset(s, kind);
    igb_tx_reset(s, kind);
    igb_mbx_reset(s, kind);
    igb_ptp_reset(s, kind);
    igb_core_load_mac(s);
    igb_core_update_status(s, false);
}

void igb_core_realize(IGBCore *s)
{
    igb_core_build_map();
    igb_core_build_eeprom(s);
    s->phy.carrier = true;
    igb_phy_reset(&s->phy);
    igb_intr_realize(s);
    igb_rx_realize(s);
    igb_tx_realize(s);
}

void igb_core_unrealize(IGBCore *s)
{
    igb_tx_unrealize(s);
    igb_rx_unrealize(s);
    igb_intr_unrealize(s);
}

/* Frames from the wire: dropped while the PHY has no link or loops back. */
static bool igb_core_line_up(IGBCore *s)
{
    return igb_phy_link_up(&s->phy) && !igb_phy_loopback(&s->phy);
}

bool igb_core_can_receive(IGBCore *s)
{
    return !igb_core_line_up(s) || igb_rx_can_receive(s);
}

ssize_t igb_core_receive_iov(IGBCore *s, const struct iovec *iov, int cnt)
{
    if (!igb_core_line_up(s)) {
        return iov_size(iov, cnt);
    }
    return igb_rx_receive_iov(s, iov, cnt);
}

int igb_core_post_load(IGBCore *s)
{
    int ret;

    if (s->eeprom_spi_state >= IGB_SPI_PHASES ||
        s->eeprom_spi_bits > 16 ||
        s->eeprom_spi_addr >= IGB_EEPROM_BYTES) {
        return -EINVAL;
    }
    ret = igb_intr_post_load(s);
    if (!ret) {
        ret = igb_rx_post_load(s);
    }
    if (!ret) {
        ret = igb_tx_post_load(s);
    }
    if (!ret) {
        ret = igb_mbx_post_load(s);
    }
    return ret;
}

const VMStateDescription vmstate_igb_core = {
    .name = "igb-core",
    .version_id = 1,
    .minimum_version_id = 1,
    .fields = (const VMStateField[]) {
        VMSTATE_UINT32(ctrl, IGBCore),
        VMSTATE_UINT32(status, IGBCore),
        VMSTATE_UINT32(ctrl_ext, IGBCore),
        VMSTATE_UINT32(eecd, IGBCore),
        VMSTATE_UINT32(eerd, IGBCore),
        VMSTATE_UINT32(eewr, IGBCore),
        VMSTATE_UINT32(mdic, IGBCore),
        VMSTATE_UINT32(swsm, IGBCore),
        VMSTATE_UINT32(sw_fw_sync, IGBCore),
        VMSTATE_UINT32(eemngctl, IGBCore),
        VMSTATE_UINT32(vet, IGBCore),
        VMSTATE_UINT32_ARRAY(simple, IGBCore, IGB_NUM_SIMPLE),
        VMSTATE_UINT32_ARRAY(stats, IGBCore, IGB_NUM_STATS),
        VMSTATE_UINT16_ARRAY(eeprom, IGBCore, IGB_EEPROM_WORDS),
        VMSTATE_UINT32(eeprom_spi_state, IGBCore),
        VMSTATE_UINT32(eeprom_spi_bits, IGBCore),
        VMSTATE_UINT32(eeprom_spi_shift, IGBCore),
        VMSTATE_UINT32(eeprom_spi_addr, IGBCore),
        VMSTATE_UINT32(eeprom_spi_sr, IGBCore),
        VMSTATE_STRUCT(intr, IGBCore, 0, vmstate_igb_intr, IGBIntrState),
        VMSTATE_STRUCT(rx, IGBCore, 0, vmstate_igb_rx, IGBRxState),
        VMSTATE_STRUCT(tx, IGBCore, 0, vmstate_igb_tx, IGBTxState),
        VMSTATE_STRUCT(phy, IGBCore, 0, vmstate_igb_phy, IGBPhy),
        VMSTATE_STRUCT(mbx, IGBCore, 0, vmstate_igb_mbx, IGBMbxState),
        VMSTATE_STRUCT(ptp, IGBCore, 0, vmstate_igb_ptp, IGBPtpState),
        VMSTATE_END_OF_LIST()
    }
};
