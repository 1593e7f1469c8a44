"""`--jobs N`: the throughput of `claimcheck extract` and `claimcheck check` with one and two worker processes on a
20 MB generated corpus, the speed-up, and what sending results back from the workers costs per claim.

    .venv/bin/python benchmarks/jobs.py                        # part of `make bench`
    .venv/bin/python benchmarks/jobs.py --mb 5 --repeat 3      # a smaller corpus, more samples
    .venv/bin/python benchmarks/jobs.py --jobs 1 2 4           # more workers (on a machine with the cores)

Each run is a whole process (`claimcheck CMD CORPUS --format json -o FILE --jobs N`); its CPU time is its own
and its workers' (os.wait4 counts the children a process has waited for). The speed-up is the ratio of wall
times, so it needs as many idle cores as workers: the load average is printed before and after, and a
figure taken on a loaded machine says so. The outputs of every N are compared byte for byte. `extract`
with `--jobs 1` and `--jobs 2` on one core (`taskset -c 0`) gives what the pool costs in CPU time, a figure
that a loaded machine disturbs far less. Prints figures, never asserts (benchmarks/README.md, "Worker processes").
"""

from __future__ import annotations

import argparse
import os
import pickle
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import make_corpus  # noqa: E402
from run import claimcheck_cmd, corpus_size, run_child, taskset_works  # noqa: E402

DEFAULT_OUT = HERE / "out" / "corpus-20mb"
TARGET_SPEED_UP = 1.7  # two workers against one, on two idle cores


def whole_runs(command: str, corpus: Path, jobs: int, repeat: int, out: Path, pin: bool = False) -> list:
    """`repeat` runs of one command with `jobs` workers; the last one's output is left in `out`. `pin`: all
    on one core (`taskset -c 0`), where the CPU time of `--jobs 2` over that of `--jobs 1` is what the pool
    costs, whatever else the machine is doing."""
    prefix = ["taskset", "-c", "0"] if pin else []
    return [run_child([*prefix, *claimcheck_cmd(), command, str(corpus), "--format", "json", "-o", str(out), "--jobs",
                       str(jobs)]) for _ in range(repeat)]


def pickling_cost(corpus: Path, files: int = 300) -> dict[str, float]:
    """What a worker's result costs to send: pickling and unpickling the reads of `files` articles, per claim,
    against extracting them (all in this process, CPU time)."""
    from claimcheck.claims.extract import Extractor
    from claimcheck.config import Settings

    paths = sorted(str(p) for p in corpus.rglob("*.md"))[:files]
    extractor = Extractor(Settings(jobs=1))
    list(extractor.read(paths[:5]))  # lazy imports and caches: not the steady state
    started = time.process_time()
    reads = list(extractor.read(paths))
    extracting = time.process_time() - started
    claims = sum(len(r.claims) for r in reads)
    started = time.process_time()
    sent = [pickle.dumps(r, pickle.HIGHEST_PROTOCOL) for r in reads]
    dumping = time.process_time() - started
    started = time.process_time()
    for data in sent:
        pickle.loads(data)
    loading = time.process_time() - started
    return {"claims": claims, "extract_us": extracting / claims * 1e6, "dump_us": dumping / claims * 1e6,
            "load_us": loading / claims * 1e6, "bytes": sum(map(len, sent)) / claims}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--mb", type=float, default=20.0, help="size of the generated corpus (MB; default 20)")
    ap.add_argument("--corpus", type=Path, help="your own folder instead of the generated corpus")
    ap.add_argument("--repeat", type=int, default=1, help="runs per command and number of jobs (median)")
    ap.add_argument("--jobs", type=int, nargs="+", default=[1, 2], help="the numbers of workers (default 1 2)")
    args = ap.parse_args(argv)
    corpus = args.corpus or DEFAULT_OUT
    if args.corpus is None:
        make_corpus.ensure(corpus, args.mb, make_corpus.DEFAULT_SEED)
    files, size = corpus_size(corpus)
    cores = len(os.sched_getaffinity(0))
    load = os.getloadavg()[0]
    print(f"corpus {corpus}: {files:,} files, {size / 1e6:.1f} MB; {cores} usable core(s); load average {load:.2f}",
          flush=True)
    with tempfile.TemporaryDirectory() as tmp:
        for command in ("extract", "check"):
            walls: dict[int, float] = {}
            outputs: dict[int, bytes] = {}
            for jobs in args.jobs:
                out = Path(tmp) / f"{command}-{jobs}.json"
                runs = whole_runs(command, corpus, jobs, args.repeat, out)
                wall = statistics.median(r.wall for r in runs)
                cpu = statistics.median(r.cpu for r in runs)
                walls[jobs], outputs[jobs] = wall, out.read_bytes()
                print(f"{command:7s} --jobs {jobs}: {size / 1e6 / wall:6.2f} MB/s (wall {wall:6.1f} s; CPU {cpu:6.1f} s, "
                      f"{size / 1e6 / cpu:.2f} MB/s of CPU; peak RSS of the largest process {runs[-1].maxrss_kb / 1024:.0f} MiB)",
                      flush=True)
            first = args.jobs[0]
            same = all(outputs[j] == outputs[first] for j in args.jobs)
            for jobs in args.jobs[1:]:
                speed_up = walls[first] / walls[jobs]
                mark = "ok" if jobs < 2 or speed_up >= TARGET_SPEED_UP else "MISS"
                print(f"{command:7s} speed-up --jobs {jobs} against --jobs {first}: {speed_up:.2f}x "
                      f"(target with 2 idle cores: >= {TARGET_SPEED_UP}x: {mark})")
            print(f"{command:7s} output byte-identical for --jobs {' '.join(map(str, args.jobs))}: {same}", flush=True)
        if taskset_works():
            out = Path(tmp) / "pinned.json"
            cpu = {jobs: statistics.median(r.cpu for r in whole_runs("extract", corpus, jobs, args.repeat, out, pin=True))
                   for jobs in (1, 2)}
            print(f"extract on one core (taskset -c 0), CPU time: --jobs 1 {cpu[1]:.1f} s, --jobs 2 {cpu[2]:.1f} s: "
                  f"the pool costs {(cpu[2] / cpu[1] - 1) * 100:+.1f} %", flush=True)
    after = os.getloadavg()[0]
    busy = max(load, after) > 0.5
    print(f"load average after: {after:.2f}" + ("  (a loaded machine: the wall-clock figures and the speed-up are "
                                                  "low by what the other processes took)" if busy else ""))
    cost = pickling_cost(corpus)
    share = (cost["dump_us"] + cost["load_us"]) / cost["extract_us"] * 100
    print(f"sending results back: {cost['bytes']:.0f} bytes, pickling {cost['dump_us']:.1f} µs + unpickling "
          f"{cost['load_us']:.1f} µs per claim, against {cost['extract_us']:.0f} µs to extract it ({share:.1f} %; "
          f"{cost['claims']:,} claims)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
