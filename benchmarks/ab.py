"""In-process A/B of two source trees on one corpus: extraction (best of three) and one check pass.

    git worktree add /tmp/base <rev>
    for t in /tmp/base .; do .venv/bin/python benchmarks/ab.py $t benchmarks/out/corpus; done

Run the trees alternately on an idle machine; prints figures, never asserts. The process keeps to one core,
so that a tree with worker processes (`--jobs`, docs/scale.md) is compared on one process too.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

tree, corpus = sys.argv[1], sys.argv[2]
if hasattr(os, "sched_setaffinity"):
    os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
sys.path.insert(0, str(Path(tree).resolve()))

import claimcheck  # noqa: E402  (the public API: the same names in older trees)

size = sum(p.stat().st_size for p in Path(corpus).rglob("*") if p.is_file())
extractor = claimcheck.Extractor()
best = float("inf")
for _ in range(3):
    start = time.perf_counter()
    result = extractor.run([corpus])
    best = min(best, time.perf_counter() - start)
start = time.perf_counter()
claimcheck.check_paths([corpus])
checked = time.perf_counter() - start
print(f"{tree:12s} {Path(corpus).name:14s} extract {size / best / 1e6:.2f} MB/s  "
      f"check (in-process) {size / checked / 1e6:.2f} MB/s  claims {len(result.claims)}")
