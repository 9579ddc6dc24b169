#!/usr/bin/env python3
"""Where a process's resident memory grew between two /proc/<pid>/smaps snapshots.

The circuits benchmark writes them with SMARTUNION_SMAPS=/tmp/x (x-<batch>-before.smaps, x-<batch>-after.smaps).
Usage: benchmarks/tools/smaps-diff.py BEFORE.smaps AFTER.smaps
Prints the growth by kind of mapping (files, JIT code through memfd, anonymous), then the mappings that grew most:
the managed heap is the large anonymous read-write mapping inside the GC's reservation, malloc arenas are 64 MiB-aligned.
"""
import collections
import re
import sys

HEADER = re.compile(r'^([0-9a-f]+)-([0-9a-f]+) (\S+) \S+ \S+ \S+\s*(.*)$')


def parse(path):
    maps, current = [], None
    for line in open(path, encoding='utf-8', errors='replace'):
        m = HEADER.match(line)
        if m:
            current = {'start': int(m.group(1), 16), 'end': int(m.group(2), 16), 'perm': m.group(3), 'name': m.group(4).strip()}
            maps.append(current)
        elif current is not None:
            key, _, value = line.partition(':')
            if value.strip().endswith('kB'):
                current[key] = int(value.split()[0])
    return maps


def kind(m):
    name = m['name']
    if name.startswith('/memfd:doublemapper'):
        return 'JIT code (memfd, W^X views)'
    if name.startswith('/'):
        return 'file-backed'
    if name:
        return name
    if m['start'] % (64 << 20) == 0 and m['end'] - m['start'] <= 64 << 20:
        return 'anonymous, 64 MiB-aligned (malloc arena)'
    return 'anonymous'


def main(before_path, after_path):
    before, after = parse(before_path), parse(after_path)
    totals = collections.defaultdict(lambda: [0, 0])
    for i, maps in enumerate((before, after)):
        for m in maps:
            totals[kind(m)][i] += m.get('Rss', 0)
    print(f"{'kind':45s} {'before':>10s} {'after':>10s} {'growth':>10s}  (MiB)")
    for name, (b, a) in sorted(totals.items(), key=lambda kv: kv[1][0] - kv[1][1]):
        if a or b:
            print(f"{name:45s} {b / 1024:10.1f} {a / 1024:10.1f} {(a - b) / 1024:+10.1f}")
    rss_before = {m['start']: m.get('Rss', 0) for m in before}
    grown = sorted(((m.get('Rss', 0) - rss_before.get(m['start'], 0), m) for m in after), key=lambda g: -g[0])
    print('\nmappings that grew most:')
    for growth, m in grown[:12]:
        if growth <= 0:
            break
        print(f"{growth / 1024:+8.1f} MiB  {m['start']:x} {(m['end'] - m['start']) / 1048576:8.1f} MiB {m['perm']} {kind(m)}")


if __name__ == '__main__':
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2])
