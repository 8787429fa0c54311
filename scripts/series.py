#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Turn this repository into a QEMU patch series and check it.

The series definition (series/patches) lists the patches in order. Each
patch names the files of ours it adds (whole, at their QEMU paths) and the
hunks (series/hunks/*.diff) it applies to QEMU's existing files.

  series.py apply   commit the series on top of igb-base (branch 'igb' in
                    build/qemu-src); only files that changed are rewritten,
                    so ninja rebuilds only what changed
  series.py export  git format-patch with a cover letter into build/series
  series.py check   checkpatch every patch, git am onto igb-base, and
                    (with --build) build every commit
"""
import argparse
import os
import re
import shutil
import subprocess
import sys

TOP = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BUILD = os.path.join(TOP, "build")
SRC = os.path.join(BUILD, "qemu-src")
WT = os.path.join(BUILD, "series-wt")
OUT = os.path.join(BUILD, "series")
DEFINITION = os.path.join(TOP, "series", "patches")


class Patch:
    def __init__(self, subject):
        self.subject = subject
        self.files = []
        self.hunks = []
        self.appends = []       # (QEMU file, fragment of ours)
        self.meson = False      # add this patch's hw/net/*.c to the build
        self.body = []


def parse_definition(path=DEFINITION):
    """Parse series/patches: 'patch:', 'files:', 'hunks:', 'body:' ... 'end'."""
    patches, cur, in_body = [], None, False
    with open(path) as f:
        for lineno, raw in enumerate(f, 1):
            line = raw.rstrip("\n")
            if in_body:
                if line == "end":
                    in_body = False
                else:
                    cur.body.append(line[2:] if line.startswith("  ") else
                                    line.strip())
                continue
            if not line.strip() or line.startswith("#"):
                continue
            key, _, val = line.partition(":")
            val = val.strip()
            if key == "patch":
                cur = Patch(val)
                patches.append(cur)
            elif cur is None:
                sys.exit(f"{path}:{lineno}: '{key}' before the first patch")
            elif key == "files":
                cur.files += val.split()
            elif key == "hunks":
                cur.hunks += val.split()
            elif key == "build":
                if val != "hw/net/meson.build":
                    sys.exit(f"{path}:{lineno}: build: hw/net/meson.build")
                cur.meson = True
            elif key == "append":
                target, frag = val.split()
                cur.appends.append((target, frag))
            elif key == "body":
                in_body = True
            else:
                sys.exit(f"{path}:{lineno}: unknown key '{key}'")
    seen = {}
    for p in patches:
        for f in p.files + p.hunks + [a[1] for a in p.appends]:
            if f in seen:
                sys.exit(f"series: {f} is in '{seen[f]}' and '{p.subject}'")
            seen[f] = p.subject
            if not os.path.isfile(os.path.join(TOP, f)):
                sys.exit(f"series: {f} (in '{p.subject}') does not exist")
    return patches


def git(*args, cwd=SRC, check=True, capture=False, env=None):
    res = subprocess.run(["git", *args], cwd=cwd, check=check, env=env,
                         stdout=subprocess.PIPE if capture else None,
                         text=True)
    return res.stdout.strip() if capture else res.returncode


def identity_env():
    """Commits carry the identity of whoever runs this; none is invented."""
    env = dict(os.environ)
    name = git("config", "user.name", cwd=TOP, check=False, capture=True)
    email = git("config", "user.email", cwd=TOP, check=False, capture=True)
    signoff = bool(name and email)
    if not signoff:
        name, email = "igb series", "igb-series@localhost"
    for who in ("AUTHOR", "COMMITTER"):
        env[f"GIT_{who}_NAME"] = name
        env[f"GIT_{who}_EMAIL"] = email
        env[f"GIT_{who}_DATE"] = "2026-01-01T00:00:00Z"
    return env, signoff, name, email


def message(p, signoff, name, email):
    msg = p.subject + "\n\n" + "\n".join(p.body).strip() + "\n"
    if signoff:
        msg += f"\nSigned-off-by: {name} <{email}>\n"
    return msg


MESON_HEAD = "system_ss.add(when: 'CONFIG_IGB_PCI_EXPRESS', if_true: files(\n"
MESON_ANCHOR = "system_ss.add(when: 'CONFIG_RTL8139_PCI'"


def add_to_meson(path, sources):
    """Add @sources to igb's list in hw/net/meson.build (made on first use)."""
    with open(path) as f:
        text = f.read()
    if MESON_HEAD not in text:
        block = ("system_ss.add(when: 'CONFIG_IGB_PCI_EXPRESS', "
                 "if_true: files('net_tx_pkt.c', 'net_rx_pkt.c'))\n" +
                 MESON_HEAD + "))\n")
        text = text.replace(MESON_ANCHOR, block + MESON_ANCHOR, 1)
    start = text.index(MESON_HEAD) + len(MESON_HEAD)
    end = text.index("))\n", start)
    names = re.findall(r"'([^']+)'", text[start:end]) + sources
    body = "".join(f"  '{n}',\n" for n in sorted(set(names)))
    with open(path, "w") as f:
        f.write(text[:start] + body + text[end:])


def add_to_maintainers(path, files):
    """List @files (F: lines) in the igb section of MAINTAINERS, if any."""
    with open(path) as f:
        text = f.read()
    m = re.search(r"\nigb\n(?:[A-Z]: [^\n]*\n)*", text)
    if not m or not files:
        return
    head = [ln for ln in m.group(0).strip("\n").split("\n")
            if not ln.startswith("F: ")]
    flist = [ln[3:] for ln in m.group(0).split("\n") if ln.startswith("F: ")]
    section = "\n" + "\n".join(head + [f"F: {f}" for f in
                                       sorted(set(flist + files))]) + "\n"
    with open(path, "w") as f:
        f.write(text[:m.start()] + section + text[m.end():])


def cmd_apply(args):
    import fcntl
    lock = open(os.path.join(BUILD, ".series.lock"), "w")
    fcntl.flock(lock, fcntl.LOCK_EX)
    patches = parse_definition()
    env, signoff, name, email = identity_env()
    if os.path.isdir(WT):
        git("worktree", "remove", "--force", WT, check=False)
        shutil.rmtree(WT, ignore_errors=True)
    git("worktree", "prune")
    git("worktree", "add", "-q", "--detach", WT, "igb-base")
    try:
        for p in patches:
            for f in p.files:
                dst = os.path.join(WT, f)
                os.makedirs(os.path.dirname(dst), exist_ok=True)
                shutil.copyfile(os.path.join(TOP, f), dst)
            for h in p.hunks:
                if git("apply", "--whitespace=nowarn", os.path.join(TOP, h),
                       cwd=WT, check=False):
                    sys.exit(f"series: hunk {h} does not apply "
                             f"(patch '{p.subject}')")
            add_to_maintainers(os.path.join(WT, "MAINTAINERS"), p.files)
            if p.meson:
                add_to_meson(os.path.join(WT, "hw/net/meson.build"),
                             [os.path.basename(f) for f in p.files
                              if f.startswith("hw/net/") and
                              f.endswith(".c")])
            for target, frag in p.appends:
                with open(os.path.join(TOP, frag)) as src, \
                        open(os.path.join(WT, target), "a") as dst:
                    dst.write("\n" + src.read())
            git("add", "-A", "-f", cwd=WT)
            subprocess.run(["git", "commit", "-q", "-F", "-"], cwd=WT,
                           env=env, input=message(p, signoff, name, email),
                           text=True, check=True)
        tip = git("rev-parse", "HEAD", cwd=WT, capture=True)
    finally:
        git("worktree", "remove", "--force", WT, check=False)
    # Move build/qemu-src to the new tip: git rewrites only changed files.
    git("checkout", "-q", "-f", "-B", "igb", tip)
    print(f"series: {len(patches)} patches applied, igb at {tip[:12]}")


def cmd_export(args):
    patches = parse_definition()
    if os.path.isdir(OUT):
        shutil.rmtree(OUT)
    cover = os.path.join(TOP, "series", "cover-letter")
    with open(cover) as f:
        text = f.read()
    subject, _, body = text.partition("\n")
    git("format-patch", "-q", "--cover-letter", "--thread=shallow",
        "-o", OUT, "igb-base..igb")
    cl = os.path.join(OUT, "0000-cover-letter.patch")
    with open(cl) as f:
        s = f.read()
    s = s.replace("*** SUBJECT HERE ***", subject.strip())
    s = s.replace("*** BLURB HERE ***", body.strip())
    with open(cl, "w") as f:
        f.write(s)
    print(f"series: {len(patches)} patches + cover letter in {OUT}")


def cmd_check(args):
    ok = True
    # Everything the series is made of must be committed to this repo.
    tracked = set(git("ls-files", cwd=TOP, capture=True).split())
    for p in parse_definition():
        for f in p.files + p.hunks + [a[1] for a in p.appends]:
            if f not in tracked:
                print(f"FAIL series/tracked: {f} is not committed")
                ok = False
    files = sorted(f for f in os.listdir(OUT) if re.match(r"\d{4}-", f)
                   and not f.startswith("0000-"))
    flags = ["--no-signoff"] if args.no_signoff else []
    for f in files:
        res = subprocess.run(["scripts/checkpatch.pl", *flags,
                              os.path.join(OUT, f)], cwd=SRC, text=True,
                             stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        tail = res.stdout.strip().splitlines()[-1:] or [""]
        clean = res.returncode == 0 and "has no obvious style problems" in \
            res.stdout
        print(f"{'PASS' if clean else 'FAIL'} checkpatch/{f}")
        if not clean:
            ok = False
            print(res.stdout)
    # The series applies to igb-base with git am.
    chk = os.path.join(BUILD, "series-am")
    if os.path.isdir(chk):
        git("worktree", "remove", "--force", chk, check=False)
        shutil.rmtree(chk, ignore_errors=True)
    git("worktree", "prune")
    git("worktree", "add", "-q", "--detach", chk, "igb-base")
    env, _, _, _ = identity_env()
    am = subprocess.run(["git", "am", "-q", *[os.path.join(OUT, f)
                                              for f in files]],
                        cwd=chk, env=env)
    same = am.returncode == 0 and not git(
        "diff", "--quiet", "HEAD", "igb", cwd=chk, check=False)
    print(f"{'PASS' if same else 'FAIL'} series/git-am")
    ok &= same
    git("worktree", "remove", "--force", chk, check=False)
    sys.exit(0 if ok else 1)


def cmd_bisect(args):
    """Build every commit of the series in build/qemu, then return to tip."""
    commits = git("rev-list", "--reverse", "igb-base..igb",
                  capture=True).split()
    ok = True
    try:
        for c in commits:
            subj = git("log", "-1", "--format=%s", c, capture=True)
            changed = git("diff", "--name-only", f"{c}~1", c,
                          capture=True).split()
            if all(f.startswith("docs/") or f == "MAINTAINERS"
                   for f in changed):
                # Nothing QEMU's build reads: it builds as its parent.
                print(f"PASS bisect/{c[:12]} {subj} (documentation only)")
                continue
            git("checkout", "-q", "--detach", c)
            res = subprocess.run([os.path.join(TOP, "scripts", "build.sh")],
                                 env=dict(os.environ, BUILD_TESTS="0"),
                                 stdout=subprocess.PIPE,
                                 stderr=subprocess.STDOUT, text=True)
            print(f"{'PASS' if res.returncode == 0 else 'FAIL'} "
                  f"bisect/{c[:12]} {subj}")
            if res.returncode:
                ok = False
                print(res.stdout[-4000:])
    finally:
        git("checkout", "-q", "igb")
    sys.exit(0 if ok else 1)


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawTextHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    sub.add_parser("apply").set_defaults(fn=cmd_apply)
    sub.add_parser("export").set_defaults(fn=cmd_export)
    c = sub.add_parser("check")
    c.add_argument("--no-signoff", action="store_true")
    c.set_defaults(fn=cmd_check)
    sub.add_parser("bisect").set_defaults(fn=cmd_bisect)
    args = ap.parse_args()
    args.fn(args)


if __name__ == "__main__":
    main()
