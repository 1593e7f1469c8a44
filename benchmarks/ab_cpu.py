"""Whole-process A/B of source trees: `claimcheck check CORPUS` on core 0, the trees run alternately.

    git worktree add /tmp/base <rev>
    .venv/bin/python benchmarks/ab_cpu.py 4 /tmp/base . [--corpus benchmarks/out/corpus] [--command extract]

Prints the median MB/s per tree by the child's CPU time (user + system, from os.wait4), which a busy second
core disturbs far less than wall time. Runs from a neutral folder so that each tree's PYTHONPATH wins over
the current directory. Prints figures, never asserts.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
parser.add_argument("rounds", type=int)
parser.add_argument("trees", nargs="+", type=Path)
parser.add_argument("--corpus", type=Path, default=Path(__file__).resolve().parent / "out" / "corpus")
parser.add_argument("--command", choices=("check", "extract"), default="check")
args = parser.parse_args()

args.corpus = args.corpus.resolve()  # the runs start in a neutral folder
size = sum(p.stat().st_size for p in args.corpus.rglob("*") if p.is_file())
speeds: dict[Path, list[float]] = {tree: [] for tree in args.trees}
with tempfile.TemporaryDirectory() as neutral:
    for _ in range(args.rounds):
        for tree in args.trees:
            command = ["taskset", "-c", "0", sys.executable, "-m", "claimcheck", args.command, str(args.corpus),
                       "--format", "json", "-o", os.devnull]
            env = dict(os.environ, PYTHONPATH=str(tree.resolve()))
            child = subprocess.Popen(command, cwd=neutral, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            _, _, usage = os.wait4(child.pid, 0)
            speeds[tree].append(size / (usage.ru_utime + usage.ru_stime) / 1e6)
for tree, values in speeds.items():
    print(f"{str(tree):24s} {args.command} {statistics.median(values):.3f} MB/s by CPU time (runs: "
          f"{' '.join(f'{v:.3f}' for v in values)})")
