#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# Build the Linux guest used by the NIC tests:
#   build/guest/ARCH/vmlinuz             Debian $GUEST_SUITE 6.12 kernel
#   build/guest/ARCH/initramfs.cpio.gz   busybox + ethtool + ip + ptp4l
#                                        (+ iperf3),
#                                        the NIC modules and tests/guest
#
# Usage: scripts/guest/build-initramfs.sh [--force] [ARCH]
#   ARCH: x86_64 (default; Debian amd64) or aarch64 (Debian arm64).
#
# Cached: nothing is rebuilt while the inputs (kernel package, this script,
# scripts/guest/*, tests/guest/*, host tool versions) are unchanged.  The
# kernel part (package download, module selection, depmod) and the rootfs
# part are cached separately, so editing a scenario only re-packs the cpio.
#
# Environment:
#   GUEST_KERNEL_DEB=FILE      use this linux-image .deb instead of apt
#   GUEST_EXTRA_MODULES="m.."  more modules (with their dependencies)
#   GUEST_IPERF3=0             leave iperf3 out of the image
# The newest $GUEST_SUITE 6.12 kernel is looked up at most once a day
# (delete build/guest/dl/DEBARCH/.kernel-deb to look again).
#
# Userland: for the host's own architecture the binaries (and their shared
# libraries, found with ldd) come from the host's Debian packages; for a
# foreign architecture they come from $GUEST_SUITE's packages of that
# architecture, fetched with a private apt state under build/guest/apt-DEBARCH
# (the host's apt configuration is not touched).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
. "$top/scripts/config.sh"

force=0
if [ "${1:-}" = --force ]; then force=1; shift; fi
arch=${1:-x86_64}

# shellcheck source=scripts/guest/common.sh
. "$here/common.sh"
guest_arch_vars "$arch"

kseries=6.12
modules=(igb igbvf e1000e virtio_net 8021q af_packet macvlan)
read -r -a extra_modules <<< "${GUEST_EXTRA_MODULES:-}"
modules+=("${extra_modules[@]}")
user_tools=(ethtool ip ptp4l)
[ "${GUEST_IPERF3:-1}" = 1 ] && user_tools+=(iperf3)

out=$build/guest/$arch
dl=$build/guest/dl/$debarch
kdir=$out/kernel           # cached: vmlinuz + lib/modules tree
mkdir -p "$out" "$dl"

log() { echo "build-initramfs[$arch]: $*" >&2; }
die() { log "error: $*"; exit 1; }

exec 9>"$out/.lock"
flock 9

host_debarch=$(dpkg --print-architecture)
native=0
[ "$host_debarch" = "$debarch" ] && native=1

# --- apt: the host's for the native architecture, a private one otherwise --
apt_opts=(-o APT::Sandbox::User=root)
private_apt_ready=0
archive_uri() {
    local u
    u=$(grep -hs '^URIs:' /etc/apt/sources.list.d/igb-project.sources \
        /etc/apt/sources.list.d/*.sources 2>/dev/null |
        awk '{print $2}' | grep -v -e security -e nodesource -e google |
        head -n1 || true)
    echo "${u:-http://deb.debian.org/debian}"
}
setup_private_apt() {
    [ "$private_apt_ready" = 1 ] && return 0
    local p=$build/guest/apt-$debarch
    mkdir -p "$p/lists/partial" "$p/cache/archives/partial" \
             "$p/sources.list.d" "$p/preferences.d" "$p/apt.conf.d"
    : > "$p/status"
    cat > "$p/sources.list.d/guest.sources" <<EOF
Types: deb
URIs: $(archive_uri)
Suites: $GUEST_SUITE
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
EOF
    apt_opts+=(
        -o "APT::Architecture=$debarch" -o "APT::Architectures=$debarch"
        -o "Dir::State=$p" -o "Dir::State::Lists=$p/lists"
        -o "Dir::State::status=$p/status" -o "Dir::Cache=$p/cache"
        -o "Dir::Etc::SourceList=/dev/null"
        -o "Dir::Etc::SourceParts=$p/sources.list.d"
        -o "Dir::Etc::Preferences=/dev/null"
        -o "Dir::Etc::PreferencesParts=$p/preferences.d"
        -o "Dir::Etc::Parts=$p/apt.conf.d"
    )
    # Refresh the private lists at most once a day.
    if [ -z "$(find "$p/lists" -maxdepth 1 -name '*Packages*' -mtime -1 \
               2>/dev/null | head -n1)" ]; then
        log "apt-get update (private $debarch state)"
        apt-get "${apt_opts[@]}" -q update >&2 ||
            log "warning: private apt-get update failed"
    fi
    private_apt_ready=1
}
[ "$native" = 1 ] || setup_private_apt

# Download PKG[=VER] into directory DIR unless a matching .deb is there.
deb_download() {
    local spec=$1 dir=$2 name=${1%%=*} f
    f=$(ls -t "$dir/${name}_"*"_$debarch.deb" "$dir/${name}_"*_all.deb \
        2>/dev/null | head -n1 || true)
    if [ -n "$f" ] && { [ "$spec" = "$name" ] ||
         [ "$(dpkg-deb -f "$f" Version)" = "${spec#*=}" ]; }; then
        echo "$f"; return 0
    fi
    (cd "$dir" && apt-get "${apt_opts[@]}" -q download "$spec" >&2) ||
        return 1
    ls -t "$dir/${name}_"*.deb | head -n1
}

# --- kernel package --------------------------------------------------------
resolve_kernel_deb() {
    if [ -n "${GUEST_KERNEL_DEB:-}" ]; then
        [ -f "$GUEST_KERNEL_DEB" ] || die "GUEST_KERNEL_DEB not found"
        echo "$GUEST_KERNEL_DEB"; return 0
    fi
    local ver pkg cand
    # The $GUEST_SUITE version of the linux-image-FLAVOUR meta package
    # names the versioned image package.
    ver=$(apt-cache "${apt_opts[@]}" madison "linux-image-$kflavour" \
          2>/dev/null | awk -F'|' -v s=" $GUEST_SUITE/" -v k="$kseries." \
          'index($3, s) && index($2, " " k) { gsub(/ /, "", $2); print $2;
           exit }' || true)
    if [ -n "$ver" ]; then
        pkg=$(apt-cache "${apt_opts[@]}" show "linux-image-$kflavour=$ver" |
              sed -n 's/^Depends: *\(linux-image-[^ ,]*\).*/\1/p' |
              head -n1)
        [ -n "$pkg" ] || die "cannot resolve linux-image-$kflavour=$ver"
        # Prefer the unsigned package (same files, no signing detour).
        cand=$pkg-unsigned
        apt-cache "${apt_opts[@]}" show "$cand=$ver" >/dev/null 2>&1 ||
            cand=$pkg
        deb_download "$cand=$ver" "$dl" && return 0
        log "warning: download of $cand=$ver failed"
    fi
    # Offline: the newest $kseries image already downloaded.
    cand=$(ls -t "$dl"/linux-image-"$kseries".*_"$debarch".deb 2>/dev/null |
           head -n1 || true)
    [ -n "$cand" ] || die "no $GUEST_SUITE linux-image-$kseries for $debarch"
    log "warning: using cached $(basename "$cand")"
    echo "$cand"
}
# apt-cache is slow (seconds): the answer is reused for a day.
resolved=$dl/.kernel-deb
if [ -z "${GUEST_KERNEL_DEB:-}" ] && [ -f "$resolved" ] &&
   [ -n "$(find "$resolved" -mmin -1440)" ] &&
   [ -f "$(cat "$resolved")" ]; then
    kdeb=$(cat "$resolved")
else
    kdeb=$(resolve_kernel_deb)
    [ -n "${GUEST_KERNEL_DEB:-}" ] || echo "$kdeb" > "$resolved"
fi

# --- step 1: kernel + module tree (keyed on the .deb and the module list) --
ksig="v1 $(basename "$kdeb") ${modules[*]}"
if [ "$force" = 1 ] || [ "$(cat "$kdir/.sig" 2>/dev/null)" != "$ksig" ] ||
   [ ! -f "$kdir/vmlinuz" ]; then
    log "kernel: $(basename "$kdeb")"
    tmp=$(mktemp -d "$build/guest/tmp.XXXXXX")
    trap 'rm -rf "$tmp"' EXIT
    dpkg-deb -x "$kdeb" "$tmp/x"
    mdir=$(ls -d "$tmp"/x/usr/lib/modules/* "$tmp"/x/lib/modules/* \
           2>/dev/null | head -n1 || true)
    [ -d "$mdir" ] || die "no modules in $kdeb"
    kver=$(basename "$mdir")
    kbase=${mdir%/lib/modules/*}   # .../x/usr or .../x
    depmod -b "$kbase" "$kver"
    rm -rf "$kdir.new"
    mkdir -p "$kdir.new/lib/modules/$kver"
    declare -A seen=()
    for m in "${modules[@]}"; do
        deps=$(modprobe -d "$kbase" -S "$kver" --show-depends "$m" 2>&1) ||
            die "module $m: $deps"
        while read -r kind path _; do
            case $kind in
            insmod)
                rel=${path#"$mdir"/}
                [ -n "${seen[$rel]:-}" ] && continue
                seen[$rel]=1
                dst=$kdir.new/lib/modules/$kver/${rel%.xz}
                dst=${dst%.zst}; dst=${dst%.gz}
                mkdir -p "$(dirname "$dst")"
                case $rel in
                *.xz) xz -dc "$path" > "$dst" ;;
                *.zst) zstd -qdc "$path" > "$dst" ;;
                *.gz) gzip -dc "$path" > "$dst" ;;
                *) cp "$path" "$dst" ;;
                esac
                ;;
            builtin) ;;
            *) die "module $m: unexpected '$kind $path'" ;;
            esac
        done <<< "$deps"
    done
    cp "$mdir"/modules.builtin "$mdir"/modules.builtin.modinfo \
       "$mdir"/modules.order "$kdir.new/lib/modules/$kver/"
    depmod -b "$kdir.new" "$kver"
    # Only the text and binary indexes busybox/kmod read are kept.
    rm -f "$kdir.new/lib/modules/$kver/modules.symbols"*
    cp "$tmp/x/boot/vmlinuz-$kver" "$kdir.new/vmlinuz"
    cp "$tmp/x/boot/config-$kver" "$kdir.new/config"
    echo "$kver" > "$kdir.new/kernel-version"
    echo "$ksig" > "$kdir.new/.sig"
    rm -rf "$kdir" "$tmp"
    trap - EXIT
    mv "$kdir.new" "$kdir"
    log "kernel $kver: $(find "$kdir/lib/modules" -name '*.ko' | wc -l) modules"
fi
kver=$(cat "$kdir/kernel-version")

# --- userland sources -------------------------------------------------------
# Native: host files.  Foreign: a sysroot of $GUEST_SUITE debs.
sysroot=
declare -A tool_pkg=([busybox]=busybox-static [ethtool]=ethtool [ip]=iproute2
                     [iperf3]=iperf3 [ptp4l]=linuxptp)
tool_path() {   # the binary in the host or in the sysroot
    local t=$1 p
    if [ "$native" = 1 ]; then
        p=$(PATH=/usr/sbin:/usr/bin:/sbin:/bin command -v "$t") ||
            die "$t not installed (run scripts/setup-host.sh)"
        readlink -f "$p"
    else
        for p in usr/bin usr/sbin bin sbin; do
            if [ -e "$sysroot/$p/$t" ]; then
                echo "$sysroot/$p/$t"; return 0
            fi
        done
        die "$t not found in the $debarch sysroot"
    fi
}
userland_sig() {
    if [ "$native" = 1 ]; then
        local p=(busybox-static ethtool iproute2 linuxptp libc6)
        [ "${GUEST_IPERF3:-1}" = 1 ] && p+=(iperf3 libiperf0)
        dpkg-query -W "${p[@]}" | tr '\n' ' '
    else
        echo "foreign $debarch"
        cat "$build/guest/sysroot-$debarch/.debs" 2>/dev/null || true
    fi
}
build_foreign_sysroot() {
    sysroot=$build/guest/sysroot-$debarch
    local want=(busybox-static) t p f pkgs list
    for t in "${user_tools[@]}"; do want+=("${tool_pkg[$t]}"); done
    if [ "$force" = 0 ] && [ -f "$sysroot/.want" ] &&
       [ "$(cat "$sysroot/.want")" = "${want[*]}" ]; then
        return 0
    fi
    setup_private_apt
    # All packages these depend on (libraries and more; only the libraries
    # the binaries need are copied into the image).
    list=$(apt-cache "${apt_opts[@]}" depends --recurse --no-recommends \
           --no-suggests --no-conflicts --no-breaks --no-replaces \
           --no-enhances "${want[@]}" | grep '^[a-z0-9]' | sort -u)
    rm -rf "$sysroot"
    mkdir -p "$sysroot" "$dl/userland"
    pkgs=()
    for p in $list; do
        case $p in debconf|perl-base|dpkg|tar|coreutils|debianutils) continue;;
        esac
        f=$(deb_download "$p" "$dl/userland") ||
            die "download of $p ($debarch) failed"
        pkgs+=("$f")
    done
    for p in "${pkgs[@]}"; do dpkg-deb -x "$p" "$sysroot"; done
    printf '%s\n' "${pkgs[@]##*/}" > "$sysroot/.debs"
    echo "${want[*]}" > "$sysroot/.want"
}
[ "$native" = 1 ] || build_foreign_sysroot

# --- step 2: rootfs + cpio (keyed on everything) ---------------------------
image_inputs() {   # NUL-separated, relative to $top
    printf '%s\0' scripts/config.sh scripts/guest/build-initramfs.sh \
        scripts/guest/common.sh scripts/guest/init \
        scripts/guest/udhcpc.script tests/guest/lib.sh
    find tests/guest/scenarios -name '*.sh' ! -name '*.host.sh' -print0 |
        LC_ALL=C sort -z
}
inputs_sig() {
    echo "v1 $arch $ksig"
    echo "tools ${user_tools[*]}"
    userland_sig
    # The builder and what goes into the image.
    (cd "$top" && image_inputs | xargs -0 sha256sum)
}
sig=$(inputs_sig | sha256sum | cut -c1-16)
if [ "$force" = 0 ] && [ "$(cat "$out/.sig" 2>/dev/null)" = "$sig" ] &&
   [ -f "$out/initramfs.cpio.gz" ] && [ -f "$out/vmlinuz" ]; then
    log "up to date ($out)"
    exit 0
fi

root=$(mktemp -d "$build/guest/root.XXXXXX")
trap 'rm -rf "$root"' EXIT
mkdir -p "$root"/usr/{bin,sbin,lib} "$root"/usr/local/{bin,sbin} \
         "$root"/{dev,proc,sys,tmp,run,etc,root,mnt,var} \
         "$root"/usr/share/udhcpc
ln -s usr/bin "$root/bin"
ln -s usr/sbin "$root/sbin"
ln -s usr/lib "$root/lib"
if [ "$arch" = x86_64 ]; then
    mkdir -p "$root/usr/lib64"
    ln -s usr/lib64 "$root/lib64"
fi
ln -s ../run "$root/var/run"
chmod 1777 "$root/tmp"

# busybox (static); its applet links are made by /init at boot.
install -m755 "$(tool_path busybox)" "$root/usr/bin/busybox"
ln -s busybox "$root/usr/bin/sh"

# Copy a dynamically linked file and (recursively) its libraries.
declare -A copied=()
copy_lib() {   # SRC (host or sysroot path) DST (path inside the image)
    local src=$1 dst=$2
    [ -n "${copied[$dst]:-}" ] && return 0
    copied[$dst]=1
    mkdir -p "$root$(dirname "$dst")"
    cp -L "$src" "$root$dst"
}
image_path() {  # host path of a library -> its path in the merged-/usr image
    local p=$1
    case $p in /usr/*) echo "$p";; *) echo "/usr$p";; esac
}
copy_deps_native() {
    local bin=$1 line lib
    while read -r line; do
        case $line in
        *'=>'*/*) lib=${line#*=> }; lib=${lib%% (*} ;;
        /*) lib=${line%% (*} ;;
        *) continue ;;
        esac
        # (The loader keeps its PT_INTERP path: /lib64 -> /usr/lib64.)
        copy_lib "$lib" "$(image_path "$lib")"
    done < <(ldd "$bin")
}
find_in_sysroot() {
    local n=$1 d
    for d in usr/lib/$multiarch lib/$multiarch usr/lib lib; do
        if [ -e "$sysroot/$d/$n" ]; then echo "$d/$n"; return 0; fi
    done
    return 1
}
copy_deps_foreign() {
    local bin=$1 n rel interp
    interp=$(readelf -l "$bin" | sed -n 's/.*interpreter: \(.*\)]/\1/p')
    if [ -n "$interp" ] && [ -z "${copied[$(image_path "$interp")]:-}" ]; then
        rel=$(find_in_sysroot "$(basename "$interp")") ||
            die "loader $interp not in sysroot"
        copy_lib "$sysroot/$rel" "$(image_path "$interp")"
    fi
    for n in $(readelf -d "$bin" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p');
    do
        rel=$(find_in_sysroot "$n") || die "$n (for $bin) not in sysroot"
        if [ -z "${copied[/usr/${rel#usr/}]:-}" ]; then
            copy_lib "$sysroot/$rel" "/usr/${rel#usr/}"
            copy_deps_foreign "$sysroot/$rel"
        fi
    done
}
for t in "${user_tools[@]}"; do
    src=$(tool_path "$t")
    install -m755 "$src" "$root/usr/local/sbin/$t"
    if [ "$native" = 1 ]; then
        copy_deps_native "$src"
    else
        copy_deps_foreign "$src"
    fi
done

# Kernel modules (plain .ko, see step 1) and their indexes.
cp -a "$kdir/lib/modules" "$root/usr/lib/"

# Init, helper scripts and the tests.
install -m755 "$here/init" "$root/init"
install -m755 "$here/udhcpc.script" "$root/usr/share/udhcpc/default.script"
mkdir -p "$root/tests/scenarios"
install -m644 "$top/tests/guest/lib.sh" "$root/tests/lib.sh"
for f in "$top"/tests/guest/scenarios/*.sh; do
    case $f in *.host.sh) continue ;; esac
    [ -e "$f" ] && install -m755 "$f" "$root/tests/scenarios/"
done

cat > "$root/etc/passwd" <<'EOF'
root:x:0:0:root:/root:/bin/sh
EOF
cat > "$root/etc/group" <<'EOF'
root:x:0:
EOF
cat > "$root/etc/hosts" <<'EOF'
127.0.0.1 localhost
10.0.2.2 host
10.0.2.100 hostsrv
EOF
: > "$root/etc/resolv.conf"
cat > "$root/etc/profile" <<'EOF'
# Interactive shells: the test helpers (and the iproute2 ip()).
export PS1='igbtest:\w# '
[ -r /tests/lib.sh ] && . /tests/lib.sh
EOF
cat > "$root/etc/igbtest-release" <<EOF
arch=$arch
kernel=$kver
kernel_deb=$(basename "$kdeb")
built=$(date -u +%Y-%m-%dT%H:%M:%SZ)
EOF

(cd "$root" && find . -print0 | LC_ALL=C sort -z |
    cpio --null -o -H newc --owner=0:0 --quiet) | gzip -6 -n \
    > "$out/initramfs.cpio.gz.new"
mv "$out/initramfs.cpio.gz.new" "$out/initramfs.cpio.gz"
cp "$kdir/vmlinuz" "$out/vmlinuz.new"
mv "$out/vmlinuz.new" "$out/vmlinuz"
echo "$sig" > "$out/.sig"
log "built $out: initramfs $(du -k "$out/initramfs.cpio.gz" | cut -f1) KiB," \
    "kernel $kver"
