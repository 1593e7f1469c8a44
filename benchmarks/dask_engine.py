"""Throughput of `claimcheck check --engine dask` with 1 and 2 local workers, against the local engine.

    python benchmarks/dask_engine.py                       # a 4 MB generated corpus, workers 1 and 2
    python benchmarks/dask_engine.py --mb 20 --workers 1 2 4 --repeat 2
    python benchmarks/dask_engine.py --corpus ~/articles   # your own folder, used as is

Each run is a new `claimcheck check CORPUS --format json` process (the console script next to this
interpreter), which starts its own LocalCluster of N worker processes: MB/s is input bytes over wall time
from spawn to exit, cluster start-up included. *Start-up* is the same command over one small article, and
*MB/s after start-up* divides by the wall time less that. *CPU* is user + system time of the process and of
the workers it reaped (wait4 counts reaped descendants on Linux); *CPU after start-up* subtracts the start-up
run's, which a loaded machine changes less than wall time. Every run's JSON is compared with the
local engine's: the engines must agree byte for byte. Parallel speed-up needs an otherwise idle machine with
as many free cores as workers: the header prints the load average.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from run import ROOT, claimcheck_cmd, corpus_size, run_child, say  # noqa: E402  (the benchmarks' own helpers)

DEFAULT_OUT = ROOT / "benchmarks" / "out" / "corpus-dask"
ONE_ARTICLE = ROOT / "fixtures" / "corpus" / "05-microsoft-stake.md"


def corpus(folder: Path, mb: float, seed: int) -> Path:
    """The generated corpus (`make_corpus.py`), made on first use and whenever its size or seed change."""
    subprocess.run([sys.executable, str(ROOT / "benchmarks" / "make_corpus.py"), str(folder), "--mb", str(mb),
                    "--seed", str(seed)], check=True, stdout=subprocess.DEVNULL)
    return folder


def timed(args: list[str], out: Path) -> tuple[float, float, bytes]:
    """(wall, cpu, output) of one `claimcheck check` process; exit 0 or 1 (findings) only."""
    with out.open("wb") as sink:
        run = run_child([*claimcheck_cmd(), "check", *args, "--format", "json", "-q"], stdout=sink)
    if run.code not in (0, 1):
        raise SystemExit(f"claimcheck check {' '.join(args)} exited {run.code}")
    return run.wall, run.cpu, out.read_bytes()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, help="a folder to use as is (default: a generated one)")
    parser.add_argument("--mb", type=float, default=4.0, help="size of the generated corpus (default 4)")
    parser.add_argument("--seed", type=int, default=20261123)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2], help="LocalCluster sizes (default 1 2)")
    parser.add_argument("--repeat", type=int, default=1, help="runs per figure (the median is shown)")
    args = parser.parse_args(argv)
    folder = args.corpus or corpus(DEFAULT_OUT, args.mb, args.seed)
    files, size = corpus_size(folder)
    say(f"corpus {folder}: {files} files, {size / 1e6:.1f} MB; load average {os.getloadavg()[0]:.2f} "
        f"on {len(os.sched_getaffinity(0))} usable cores")
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "out.json"
        runs = [timed([str(folder)], out) for _ in range(args.repeat)]
        local = runs[0][2]
        wall = statistics.median(r[0] for r in runs)
        say(f"local engine        {size / 1e6 / wall:6.2f} MB/s  wall {wall:6.1f} s  "
            f"CPU {statistics.median(r[1] for r in runs):6.1f} s")
        for n in args.workers:
            engine = ["--engine", "dask", "--workers", str(n)]
            starts = [timed([str(ONE_ARTICLE), *engine], out) for _ in range(args.repeat)]
            start, start_cpu = statistics.median(r[0] for r in starts), statistics.median(r[1] for r in starts)
            runs = [timed([str(folder), *engine], out) for _ in range(args.repeat)]
            wall, cpu = statistics.median(r[0] for r in runs), statistics.median(r[1] for r in runs)
            same = all(r[2] == local for r in runs)
            net = size / 1e6 / (wall - start) if wall > start else float("nan")
            say(f"dask, {n} worker(s)  {size / 1e6 / wall:6.2f} MB/s  wall {wall:6.1f} s  CPU {cpu:6.1f} s  "
                f"start-up {start:5.1f} s (CPU {start_cpu:4.1f} s)  {net:6.2f} MB/s after start-up  "
                f"CPU after start-up {cpu - start_cpu:6.1f} s  output {'identical' if same else 'DIFFERENT'} to local")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
