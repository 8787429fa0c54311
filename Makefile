# SPDX-License-Identifier: GPL-2.0-or-later
#
# igb: an Intel 82576 model for QEMU, delivered as a patch series.
#   make run     set up everything, boot a Linux guest on -device igb, PASS/FAIL
#   make check   every test; ends with "N passed, M failed"
# See README.md for the rest.

SHELL := /bin/bash
.DEFAULT_GOAL := help
S := scripts

.PHONY: help setup base series build run shell check check-qtest \
        check-guest check-series check-libvirt docs bench fuzz check-asan \
        clean

help:
	@echo "make run          set up, build, boot a Linux guest on igb (PASS/FAIL)"
	@echo "make check        run every test (qtests, guest tests, series checks)"
	@echo "make check-qtest  the igb qtests through QEMU's meson test suite"
	@echo "make check-guest  the Linux guest scenarios (T=name for one)"
	@echo "make check-series checkpatch, git am and bisect-build the series"
	@echo "make check-libvirt igb in a libvirt domain, NIC hot-plug (root)"
	@echo "make docs         QEMU's manual with igb.rst, Sphinx -W (build/docs)"
	@echo "make series       write the patch series to build/series/"
	@echo "make build        (re)build QEMU with the series applied"
	@echo "make shell        interactive guest console on igb"
	@echo "make bench        igb vs e1000e/virtio-net speed (QEMU_REF=qemu: its igb)"
	@echo "make fuzz         generic-fuzz igb and igb SR-IOV (FUZZ_TIME=s each)"
	@echo "make check-asan   igb qtests and the basic guest on ASan+UBSan QEMU"

setup:
	$(S)/setup-host.sh

base: setup
	$(S)/fetch-base.sh

series: base
	python3 $(S)/series.py apply
	python3 $(S)/series.py export

build: base
	python3 $(S)/series.py apply
	$(S)/build.sh

run: build
	$(S)/guest/build-initramfs.sh x86_64
	tests/guest/run.sh --device igb basic

shell: build
	$(S)/guest/build-initramfs.sh x86_64
	$(S)/guest/shell.sh

check-qtest: build
	$(S)/check-qtest.sh

check-guest: build
	$(S)/guest/build-initramfs.sh x86_64
	tests/guest/run.sh --device igb $(T)

check-series: series
	python3 $(S)/series.py check $(if $(CI),--no-signoff,)

check-libvirt: build
	tests/libvirt/run.sh

docs: base
	$(S)/build-docs.sh

check: build
	$(S)/check.sh

# Clang + ASan + UBSan + libFuzzer build in build/fuzz (scripts/build-fuzz.sh).
# make fuzz [FUZZ=pf|vf|all] [FUZZ_TIME=seconds per target, default 600]
FUZZ ?= all
FUZZ_TIME ?= 600
fuzz: base
	FUZZ_TIME=$(FUZZ_TIME) $(S)/fuzz.sh $(FUZZ)

check-asan: base
	$(S)/check-asan.sh

# Side-by-side speed of the NIC models (scripts/bench/bench.sh); with
# QEMU_REF=/usr/bin/qemu-system-x86_64 also that QEMU's igb (the bench
# set-up installs Debian's from bookworm-backports).
QEMU_REF ?=
bench: build
	BENCH_NO_REF=$(if $(QEMU_REF),0,1) $(S)/bench/setup.sh
	QEMU_REF='$(QEMU_REF)' $(S)/bench/bench.sh

clean:
	rm -rf build/qemu build/series build/guest build/guest-logs build/docs \
	    build/libvirt build/libvirt-logs
