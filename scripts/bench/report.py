#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Summarise scripts/bench/bench.sh's raw.csv: medians per configuration
and metric, ratios to a baseline configuration, a text table
(results.txt), summary.csv and a gnuplot chart (chart.png).

With --check, exits non-zero unless every configuration has a positive
value for every measurement's main metric (the smoke test)."""

import argparse
import collections
import csv
import os
import shutil
import statistics
import subprocess
import sys

# test -> (main key, unit, scale, lower is better)
MAIN = {
    'rr': ('tps', 'trans/s', 1, False),
    'udp_tx': ('pps', 'kpps', 1e-3, False),
    'udp_rx': ('pps', 'kpps', 1e-3, False),
}
TCP_UNIT = ('mbps', 'Mbit/s', 1, False)


def main_of(test):
    return MAIN.get(test, TCP_UNIT)


def metrics_of(test):
    """[(metric name, source, unit, scale, lower is better, table)]:
    source a raw key or a derived() kind; table 'main' or 'diag'."""
    key, unit, scale, lower = main_of(test)
    out = [(test, key, unit, scale, lower, 'main')]
    if test.startswith('tcp_'):
        out.append((test + ' cpu/GB', '=cpu', 'CPU s/GB', 1, True, 'main'))
    elif test.startswith('udp_'):
        out.append((test + ' sent', 'pps_sent', 'kpps', 1e-3, False, 'main'))
        out.append((test + ' cpu/pkt', '=cpu', 'CPU us/pkt', 1, True,
                    'main'))
    else:
        out.append((test + ' cpu/trans', '=cpu', 'CPU ms/trans', 1, True,
                    'main'))
    out.append((test + ' irq/kpkt', '=irq', 'irqs/1000 pkts', 1, True,
                'diag'))
    out.append((test + ' cores', '=cores', 'QEMU CPU s/s', 1, False,
                'diag'))
    return out


def derived(kind, test, vals):
    """A value computed from one run of one test, or None.
    =cpu: host CPU per unit of work: s/GB (TCP), us/packet (UDP),
          ms/transaction (RR)
    =irq: the NIC's interrupts per 1000 packets (both directions)
    =cores: QEMU's CPU time / wall time of the measurement"""
    cpu = vals.get('cpu_s')
    if kind == '=irq':
        n = vals.get('all_packets', 0)
        return vals['irqs'] * 1e3 / n if n and 'irqs' in vals else None
    if cpu is None:
        return None
    if kind == '=cores':
        wall = vals.get('wall_s', 0)
        return cpu / wall if wall else None
    if test.startswith('tcp_'):
        work = vals.get('bytes', 0) / 1e9
    elif test.startswith('udp_'):
        work = vals.get('packets', 0) / 1e6
    else:
        work = vals.get('transactions', 0) / 1e3
    return cpu / work if work > 0 else None


def fmt(v):
    if v is None:
        return '-'
    if abs(v) >= 100:
        return '%.0f' % v
    if abs(v) >= 10:
        return '%.1f' % v
    return '%.3g' % v


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--raw', required=True)
    ap.add_argument('--out', required=True)
    ap.add_argument('--baseline', default='e1000e')
    ap.add_argument('--tests', required=True)
    ap.add_argument('--check', action='store_true')
    a = ap.parse_args()
    tests = [t for t in a.tests.split(',') if t]

    # (round, label, test) -> {key: value}
    runs = collections.defaultdict(dict)
    labels = []
    with open(a.raw) as f:
        for row in csv.DictReader(f):
            if row['label'] not in labels:
                labels.append(row['label'])
            try:
                v = float(row['value'])
            except ValueError:
                continue
            runs[(row['round'], row['label'], row['test'])][row['key']] = v

    # (label, metric) -> [values over rounds]
    samples = collections.defaultdict(list)
    by_round = collections.defaultdict(dict)
    rows = []
    for test in tests:
        for name, src, unit, scale, lower, tab in metrics_of(test):
            rows.append((name, unit, lower, tab))
            for (rnd, label, t), vals in runs.items():
                if t != test:
                    continue
                if src.startswith('='):
                    v = derived(src, test, vals)
                else:
                    v = vals.get(src)
                if v is not None:
                    samples[(label, name)].append(v * scale)
                    by_round[(label, name)][rnd] = v * scale

    base = a.baseline if a.baseline in labels else None
    med = {k: statistics.median(v) for k, v in samples.items()}
    nrounds = len({k[0] for k in runs})
    norm = base or (labels[0] if labels else None)
    ratio = ratios(rows, labels, norm, by_round, med)
    out = table([r for r in rows if r[3] == 'main'], labels, base, samples,
                med, ratio)
    out += '\nmedians of %d round(s); spread: largest (max - min) / ' \
        'median of any configuration\n' % nrounds
    if base:
        out += ('ratios: median over the rounds of configuration / %s in '
                'the same round (paired)\n' % base)
    out += '\nDiagnostics (medians):\n'
    out += table([r for r in rows if r[3] == 'diag'], labels, base, samples,
                 med, ratio)
    sys.stdout.write(out)
    with open(os.path.join(a.out, 'results.txt'), 'w') as f:
        f.write(out)

    with open(os.path.join(a.out, 'summary.csv'), 'w', newline='') as f:
        w = csv.writer(f)
        w.writerow(['metric', 'unit', 'label', 'median', 'min', 'max', 'n',
                    'ratio_to_' + (base or 'none')])
        for name, unit, lower, tab in rows:
            for lb in labels:
                s = samples.get((lb, name))
                if not s:
                    continue
                q = ratio.get((lb, name)) if base else None
                w.writerow([name, unit, lb, '%.6g' % med[(lb, name)],
                            '%.6g' % min(s), '%.6g' % max(s), len(s),
                            '%.4f' % q if q is not None else ''])

    chart(a.out, [r for r in rows if r[3] == 'main'], labels, ratio, norm)

    if a.check:
        bad = []
        for test in tests:
            name = metrics_of(test)[0][0]
            for lb in labels or ['(none)']:
                if not med.get((lb, name), 0) > 0:
                    bad.append('%s %s' % (lb, name))
        if bad:
            print('bench: no value for: ' + ', '.join(bad), file=sys.stderr)
            return 1
    return 0


def ratios(rows, labels, norm, by_round, med):
    """(label, metric) -> the median over rounds of label / norm in the
    same round: runs of one round are close in time, so this cancels slow
    changes of the machine's load better than a ratio of medians (which
    is the fallback where the two share no round)."""
    out = {}
    for name, unit, lower, tab in rows:
        b = by_round.get((norm, name), {})
        for lb in labels:
            v = by_round.get((lb, name), {})
            q = [v[r] / b[r] for r in v if r in b and b[r]]
            if q:
                out[(lb, name)] = statistics.median(q)
            elif med.get((norm, name)) and (lb, name) in med:
                out[(lb, name)] = med[(lb, name)] / med[(norm, name)]
    return out


def table(rows, labels, base, samples, med, ratio):
    """The text table of rows [(metric, unit, lower is better, _)]."""
    others = [lb for lb in labels if lb != base]
    head = ['metric', 'unit'] + labels
    if base:
        head += ['%s/%s' % (lb, base) for lb in others]
    head += ['spread']
    cells = [head]
    for name, unit, lower, tab in rows:
        line = [name, unit + (' (lower better)' if lower else '')]
        line += [fmt(med.get((lb, name))) for lb in labels]
        if base:
            for lb in others:
                q = ratio.get((lb, name))
                line.append('%.2f' % q if q is not None else '-')
        spread = 0.0
        for lb in labels:
            s = samples.get((lb, name), [])
            if len(s) > 1 and med[(lb, name)]:
                spread = max(spread, (max(s) - min(s)) / med[(lb, name)])
        line.append('%d%%' % round(spread * 100) if spread else '-')
        cells.append(line)
    widths = [max(len(r[i]) for r in cells) for i in range(len(head))]
    text = []
    for i, r in enumerate(cells):
        text.append('  '.join(c.ljust(w) if j < 2 else c.rjust(w)
                              for j, (c, w) in enumerate(zip(r, widths))))
        if i == 0:
            text.append('  '.join('-' * w for w in widths))
    return '\n'.join(text) + '\n'


def chart(outdir, rows, labels, ratio, norm):
    """Grouped bars: each metric relative to `norm` (ratios())."""
    if not norm or not shutil.which('gnuplot'):
        print('bench: gnuplot not installed, no chart', file=sys.stderr)
        return
    dat = os.path.join(outdir, 'chart.dat')
    with open(dat, 'w') as f:
        f.write('metric ' + ' '.join('"%s"' % lb for lb in labels) + '\n')
        for name, unit, lower, tab in rows:
            vals = [ratio.get((lb, name)) for lb in labels]
            if ratio.get((norm, name)) is None:
                continue
            f.write('"%s%s" ' % (name, ' (low=good)' if lower else '') +
                    ' '.join('%.4f' % v if v else '0' for v in vals) +
                    '\n')
    plots = ', '.join("'%s' using %d%s title col" %
                      (dat, i + 2, ':xtic(1)' if i == 0 else '')
                      for i in range(len(labels)))
    gp = '\n'.join([
        'set terminal pngcairo size 1400,700 noenhanced font ",10"'
        if 'pngcairo' in terminals() else
        'set terminal png size 1400,700 noenhanced',
        "set output '%s'" % os.path.join(outdir, 'chart.png'),
        "set title 'NIC models: each metric relative to %s (median of "
        "per-round ratios)'" % norm,
        "set ylabel 'relative to %s (1.0)'" % norm,
        'set style data histograms',
        'set style histogram clustered gap 1',
        'set style fill solid 0.8 border -1',
        'set boxwidth 0.9',
        'set grid ytics',
        'set yrange [0:*]',
        'set xtics rotate by -35',
        'set bmargin 11',
        'set rmargin 18',
        'set key top left',
        'set arrow from graph 0, first 1 to graph 1, first 1 nohead dt 2',
        'plot ' + plots,
        '',
    ])
    with open(os.path.join(outdir, 'chart.gp'), 'w') as f:
        f.write(gp)
    r = subprocess.run(['gnuplot', os.path.join(outdir, 'chart.gp')],
                       capture_output=True, text=True)
    if r.returncode != 0:
        print('bench: gnuplot failed: ' + r.stderr.strip(), file=sys.stderr)


def terminals():
    r = subprocess.run(['gnuplot', '-e', 'set terminal'],
                       capture_output=True, text=True)
    return r.stdout + r.stderr


if __name__ == '__main__':
    sys.exit(main())
