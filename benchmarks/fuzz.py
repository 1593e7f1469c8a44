"""`make fuzz`: the whole pipeline over at least 100,000 generated hostile inputs.

    .venv/bin/python benchmarks/fuzz.py [--inputs 100000] [--seed 0] [--ceiling 10]

The inputs and the checks are those of tests/test_fuzz.py (both come from tests/fuzz_inputs.py), run far
longer. Prints the inputs tried, the exceptions (how many, and each distinct place with its smallest input,
also written to benchmarks/out/fuzz/), the slowest input per kB of CPU time (written there too) and the total
time. An input that runs past `--ceiling` seconds of CPU counts as an exception (Hang). Exit status 1 when
there was an exception, else 0.
"""

from __future__ import annotations

import argparse
import heapq
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from hypothesis import HealthCheck, Phase, given, seed, settings  # noqa: E402

from fuzz_inputs import ARTICLES, Case, Hang, Pipeline, cases  # noqa: E402

OUT = ROOT / "benchmarks" / "out" / "fuzz"
BATCH = 2_000  # inputs per hypothesis run: a fresh run keeps its memory of what it tried small
SLOWEST = 10  # the slowest inputs per kB kept, re-timed at the end
# Lazy imports and first uses (YAML, dateparser for a numeric dateline, the exchange-rate tables of the
# rules) are paid before timing: the demo corpus, a numeric dateline, a page.
WARM_UP = [*(Case(text=text) for text in ARTICLES[:8]),
           Case(text=f"---\ntitle: x\n---\nPublished: 03/04/2025\n{ARTICLES[0]}"),
           Case(text="<html><title>x</title><p>Acme Corp raised $5m.</p></html>", suffix=".html")]


@dataclass
class Tally:
    """What the run saw: counts, the smallest input per failing place, the slowest input per kB."""

    tried: int = 0
    size: int = 0
    claims: int = 0
    findings: int = 0
    failed: int = 0
    places: dict[str, tuple[str, Case]] = field(default_factory=dict)
    slowest: list[tuple[float, int, Case]] = field(default_factory=list)  # (CPU s per kB, tie-break, input)

    def failure(self, exc: BaseException, case: Case) -> None:
        self.failed += 1
        place, message = _place(exc)
        kept = self.places.get(place)
        if kept is None or len(case.data) < len(kept[1].data):
            self.places[place] = (message, case)


def _place(exc: BaseException) -> tuple[str, str]:
    """The innermost line of the repository's code the exception came through, and its one-line message."""
    frames = [f for f in traceback.extract_tb(exc.__traceback__)
              if Path(f.filename).resolve().is_relative_to(ROOT) and Path(f.filename).name != "fuzz.py"]
    where = f"{Path(frames[-1].filename).resolve().relative_to(ROOT)}:{frames[-1].lineno}" if frames else "?"
    return f"{where} {type(exc).__name__}", " ".join(str(exc).split())[:200]


def measure(pipeline: Pipeline, tally: Tally) -> Callable[[Case], None]:
    """Runs one input, counting instead of raising: a failure must not stop the run, nor make hypothesis shrink."""
    def run(case: Case) -> None:
        tally.tried += 1
        tally.size += len(case.data)
        start = time.process_time()  # CPU time: another process on the core does not make an input slow
        try:
            claims, findings = pipeline.run(case)
            tally.claims += claims
            tally.findings += findings
        except (Exception, Hang) as exc:  # noqa: BLE001 (every failure is counted, the run goes on)
            tally.failure(exc, case)
        entry = (per_kb(time.process_time() - start, case), tally.tried, case)
        (heapq.heappush if len(tally.slowest) < SLOWEST else heapq.heappushpop)(tally.slowest, entry)
    return run


def per_kb(seconds: float, case: Case) -> float:
    """Seconds per kB, an input under 1 kB counting as 1 kB (so a tiny input's fixed cost does not rank it)."""
    return seconds / max(1.0, len(case.data) / 1000)


def retimed(pipeline: Pipeline, case: Case) -> float:
    """The least CPU time of three more runs: a garbage collection during the first does not count."""
    times = []
    for _ in range(3):
        start = time.process_time()
        try:
            pipeline.run(case)
        except (Exception, Hang):  # noqa: BLE001 (already counted)
            pass
        times.append(time.process_time() - start)
    return min(times)


def run_batch(number: int, size: int, record: Callable[[Case], None]) -> None:
    @seed(number)
    @settings(max_examples=size, database=None, deadline=None, phases=[Phase.generate],
              suppress_health_check=list(HealthCheck))
    @given(cases())
    def batch(case: Case) -> None:
        record(case)

    batch()


def _shown(case: Case, limit: int = 80) -> str:
    return f"{case.suffix}, --date {case.date}, {len(case.data):,} bytes: {case.data[:limit]!r}"


def report(tally: Tally, pipeline: Pipeline, seconds: float, cpu: float) -> None:
    print(f"inputs tried       {tally.tried:,} ({tally.size / 1e6:.1f} MB, {tally.tried / cpu:,.0f} inputs per CPU "
          f"second; {tally.claims:,} claims, {tally.findings:,} findings)")
    print(f"exceptions         {tally.failed:,} at {len(tally.places)} distinct place(s)")
    OUT.mkdir(parents=True, exist_ok=True)
    for i, (place, (message, case)) in enumerate(sorted(tally.places.items()), 1):
        path = OUT / f"reproducer-{i}{case.suffix}"
        path.write_bytes(case.data)
        print(f"  {place}: {message}\n    smallest input ({path.relative_to(ROOT)}): {_shown(case)}")
    if tally.slowest:
        rows = [(retimed(pipeline, case), first, case) for first, _, case in tally.slowest]
        took, first, case = max(rows, key=lambda row: per_kb(row[0], row[2]))
        path = OUT / f"slowest{case.suffix}"
        path.write_bytes(case.data)
        print(f"slowest per kB     {per_kb(took, case) * 1000:.1f} ms CPU per kB ({took * 1000:.1f} ms; the least of "
              f"three re-runs of the {SLOWEST} slowest; {first * 1000:.1f} ms per kB in the run; an input under 1 kB "
              f"counts as 1 kB; {path.relative_to(ROOT)}), {_shown(case)}")
    print(f"total time         {seconds:.0f} s ({cpu:.0f} s CPU)")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--inputs", type=int, default=100_000, help="how many inputs at least (default 100000)")
    parser.add_argument("--seed", type=int, default=0, help="the first batch's seed; batch k uses seed + k")
    parser.add_argument("--ceiling", type=float, default=10.0, help="CPU seconds one input may take (default 10)")
    args = parser.parse_args()
    tally = Tally()
    start, cpu = time.perf_counter(), time.process_time()
    with tempfile.TemporaryDirectory(prefix="claimcheck-fuzz-") as folder:
        pipeline = Pipeline(Path(folder), args.ceiling)
        for case in WARM_UP:
            pipeline.run(case)
        record = measure(pipeline, tally)
        batch = 0
        while tally.tried < args.inputs:
            run_batch(args.seed + batch, min(BATCH, args.inputs - tally.tried), record)
            batch += 1
            print(f"  {tally.tried:,} inputs, {tally.failed:,} exceptions, {time.perf_counter() - start:.0f} s",
                  file=sys.stderr, flush=True)
        report(tally, pipeline, time.perf_counter() - start, time.process_time() - cpu)
    return 1 if tally.failed else 0


if __name__ == "__main__":
    sys.exit(main())
