#!/usr/bin/env python3
"""Seeds for fuzz_argv: every ipbox command line the bats tests run,
as the target reads them (two option bytes, then NUL-separated words).
Usage: fuzz/seed-argv.py OUTDIR; then minimize into fuzz/corpus/argv with
build-fuzz/fuzz_argv -merge=1 fuzz/corpus/argv OUTDIR."""
import glob, hashlib, os, re, shlex, sys

# Global options as harness.c reads them: (byte, bit).
OPTS = {'-j': (0, 1), '-json': (0, 1), '-p': (0, 2), '-pretty': (0, 2),
        '-o': (0, 4), '-oneline': (0, 4), '-br': (0, 8), '-brief': (0, 8),
        '-d': (0, 16), '-details': (0, 16), '-c': (0, 128), '-color': (0, 128),
        '-4': (1, 1), '-6': (1, 2), '-0': (1, 3), '-force': (1, 4),
        '-a': (1, 8), '-all': (1, 8), '-h': (1, 16), '-human': (1, 16)}

out = sys.argv[1]
seen = set()
for path in glob.glob('tests/bats/*.bats') + glob.glob('demo/*.sh'):
    for line in open(path):
        m = re.search(r'(?:\bsame|\bipbox|"\$IPBOX")\s+([^|;&>`]*)', line)
        if not m:
            continue
        try:
            words = shlex.split(m.group(1).replace('$', ''))
        except ValueError:
            continue
        opt = [0, 0]
        while words and words[0].startswith('-'):
            w = words.pop(0)
            if w in ('-s', '-stats'):
                opt[0] = (opt[0] & ~0x60) | min(((opt[0] >> 5) & 3) + 1, 3) << 5
            elif w in OPTS:
                b, bit = OPTS[w]
                opt[b] |= bit
            else:
                break
        if not words:
            continue
        data = bytes(opt) + b'\0'.join(w.encode() for w in words)
        if data not in seen:
            seen.add(data)
            open(os.path.join(out, hashlib.sha1(data).hexdigest()), 'wb').write(data)
print(len(seen), 'seeds')
