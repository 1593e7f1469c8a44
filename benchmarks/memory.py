"""Peak memory of `claimcheck extract` and `check` as the corpus grows: the memory bound of docs/scale.md.

    .venv/bin/python benchmarks/memory.py                 # 10, 25 and 50 MB of the dense generated corpus
    .venv/bin/python benchmarks/memory.py --mb 5 20       # other sizes

Each run is a whole process writing JSON to a file (`-o`), one at a time, with `--jobs 1` unless told; the
figure is the child's own peak resident set size (wait4). The growth per MB is the slope between the smallest and the largest corpus, so
the start-up cost (interpreter, tables, patterns) is left out of it. Prints figures, asserts nothing; the
target (issue 11) is marked: peak RSS for 50 MB <= 400 MB.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import make_corpus  # noqa: E402
from run import claimcheck_cmd, run_child, say  # noqa: E402

TARGET_MB_AT_50 = 400


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mb", type=float, nargs="+", default=[10, 25, 50], help="corpus sizes in MB (default 10 25 50)")
    ap.add_argument("--seed", type=int, default=make_corpus.DEFAULT_SEED)
    ap.add_argument("--jobs", type=int, default=1, help="--jobs for the runs (default 1: one process)")
    args = ap.parse_args(argv)
    sizes = sorted(args.mb)
    peaks: dict[str, list[tuple[float, float, float]]] = {"extract": [], "check": []}
    with tempfile.TemporaryDirectory(prefix="claimcheck-memory-") as tmp:
        for mb in sizes:
            corpus = HERE / "out" / f"corpus-{mb:g}mb"
            make_corpus.ensure(corpus, mb, args.seed)
            for command in peaks:
                cmd = [*claimcheck_cmd(), command, str(corpus), "--format", "json", "-o", f"{tmp}/out.json", "--quiet",
                       "--jobs", str(args.jobs)]
                run = run_child(cmd)
                peak = run.maxrss_kb / 1024
                peaks[command].append((mb, peak, run.cpu))
                say(f"{command:8} {mb:6g} MB  peak RSS {peak:7.0f} MB  CPU {run.cpu:6.1f} s  "
                    f"({mb / run.cpu:.2f} MB/s)  exit {run.code}")
    for command, rows in peaks.items():
        (small, low, _), (large, high, _) = rows[0], rows[-1]
        if large == small:  # one size: no slope; the target is judged only on 50 MB itself
            if small == 50:
                say(f"{command}: at 50 MB: {low:.0f} MB (target <= {TARGET_MB_AT_50} MB: "
                    f"{'ok' if low <= TARGET_MB_AT_50 else 'MISS'}); give two sizes for the growth per MB")
            continue
        slope = (high - low) / (large - small)
        at_50 = low + slope * (50 - small)
        mark = "ok" if at_50 <= TARGET_MB_AT_50 else "MISS"
        say(f"{command}: {slope:.1f} MB of memory per MB of input; at 50 MB: {at_50:.0f} MB "
            f"(target <= {TARGET_MB_AT_50} MB: {mark})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
