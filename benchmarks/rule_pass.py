"""The rule pass alone over many claims: builds claims directly (no text) and times `check()`.

Usage: python benchmarks/rule_pass.py [N_CLAIMS ...]   (default 100000)
Claims are spread like a large news corpus: facts reported by 2–8 sources each, in EUR, USD and GBP, in
articles of about five figures, with 0.5% misreported figures, targets and rumours, and ratio words.
For one size, prints the rule pass's wall and CPU time, findings per rule, a digest of the findings (to compare
two trees: every field of every finding, in order) and memory: the claims alone (RSS once built) and what the
rule pass adds to it (peak RSS minus that). For several sizes, runs each in a child process of its own (so that
one size's memory is not another's) and prints one line per size with the CPU time per claim, where a rule pass
linear in the claims shows a flat column.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import random
import resource
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from claimcheck.claims.extract import fewer_collections  # noqa: E402
from claimcheck.config import Settings  # noqa: E402
from claimcheck.engine.check import CheckResult, check, select  # noqa: E402
from claimcheck.engine.registry import load_rules  # noqa: E402
from claimcheck.models import Claim, Document, Extraction, Money, Period, Ratio  # noqa: E402
from claimcheck.engine.providers import shared_fx  # noqa: E402

METRICS = ["revenue", "arr", "funding", "valuation", "investment", "budget"]
MODALITIES = ["actual"] * 8 + ["target", "projection", "rumor", "plan"]


def build(n: int, seed: int = 7) -> Extraction:
    rnd = random.Random(seed)
    fx = shared_fx()
    claims: list[Claim] = []
    latest: dict[str, dt.date] = {}
    n_docs = max(1, n // 5)
    sources: dict[int, str] = {}  # one string per document, shared by its claims, as extraction shares it
    i = 0
    facts = 0
    while len(claims) < n:
        facts += 1
        subject = f"Company {facts}"
        metric = rnd.choice(METRICS)
        modality = rnd.choice(MODALITIES)
        year = rnd.randrange(2016, 2026)
        if metric in ("revenue", "budget"):
            period = Period(start=dt.date(year, 1, 1), end=dt.date(year, 12, 31), text=str(year), granularity="year")
        else:
            month = rnd.randrange(1, 13)
            start = dt.date(year, month, 1)
            period = Period(start=start, end=start + dt.timedelta(days=27), text="month", granularity="month")
        true_eur = rnd.uniform(5, 900) * 1e6
        for k in range(rnd.randrange(2, 9)):
            if len(claims) >= n:
                break
            doc = rnd.randrange(n_docs)
            source = sources.get(doc) or sources.setdefault(doc, f"corpus/{doc:06d}.md")
            latest[source] = max(latest.get(source, period.end), period.end)
            currency = rnd.choice(["EUR", "EUR", "USD", "GBP"])
            rate = fx.rate("EUR", currency, fx.clamp(period.start)).low
            amount = round(true_eur * rate / 1e6 * (1.3 if rnd.random() < 0.005 else 1), 1) * 1e6
            i += 1
            claims.append(Claim(
                id=f"c{i:09d}", source=source, span=(i, i + 5), line=1, column=1, quote=f"{amount:,.0f}",
                sentence="", subject=subject, counterparty=None, metric=metric,
                value=Money(amount=amount, currency=currency, low=amount - 5e4, high=amount + 5e4),
                period=period, modality=modality, round=None, cumulative=False,
                ratio=Ratio(factor=2.0, qualifier="nearly", text="nearly doubled") if rnd.random() < 0.01 else None,
            ))
    documents = tuple(
        Document(source=s, text="", published=end + dt.timedelta(days=rnd.randrange(1, 60)))
        for s, end in sorted(latest.items())
    )
    return Extraction(documents=documents, claims=tuple(claims))


def digest(result: CheckResult) -> str:
    """Every field of every finding, in order (and the rule pass's problems): equal digests, equal findings."""
    h = hashlib.sha1()
    for f in result.findings:
        h.update(f.model_dump_json().encode() + b"\n")
    for p in result.problems:
        h.update(p.model_dump_json().encode() + b"\n")
    return h.hexdigest()[:16]


def rss_mib() -> float:
    """The process's resident memory now (Linux; the peak so far elsewhere)."""
    try:
        pages = int(Path("/proc/self/statm").read_text().split()[1])
        return pages * resource.getpagesize() / 2**20
    except (OSError, ValueError, IndexError):
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def measure(n: int) -> dict:
    """Build `n` claims, then run the default pack over them once: times, findings and memory."""
    t0 = time.perf_counter()
    with fewer_collections():  # as extraction builds its claims (not timed)
        extraction = build(n)
    t1 = time.perf_counter()
    claims_mib = rss_mib()
    rules = select(load_rules(plugins=False))
    c1 = time.process_time()
    t2 = time.perf_counter()
    # no wall-clock limit per rule (`rule_seconds`): on a busy machine a rule over a million claims could be
    # stopped, and the figures would be a partial pass's
    result = check(extraction, rules, Settings(rule_seconds=0))
    t3 = time.perf_counter()
    c2 = time.process_time()
    by_rule: dict[str, int] = {}
    for f in result.findings:
        by_rule[f.rule] = by_rule.get(f.rule, 0) + 1
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"claims": len(extraction.claims), "build_s": t1 - t0, "wall_s": t3 - t2, "cpu_s": c2 - c1,
            "findings": len(result.findings), "by_rule": by_rule, "digest": digest(result),
            "problems": [f"{p.source}: {p.message}" for p in result.problems],
            "claims_mib": claims_mib, "peak_mib": peak}


def report_one(m: dict) -> None:
    n = m["claims"]
    print(f"claims            {n:>10,}")
    print(f"build (not timed) {m['build_s']:>10.2f} s")
    print(f"rule pass         {m['wall_s']:>10.2f} s   ({n / m['wall_s']:,.0f} claims/s)")
    print(f"rule pass CPU     {m['cpu_s']:>10.2f} s   ({m['cpu_s'] / n * 1e6:.2f} µs per claim)")
    print(f"findings          {m['findings']:>10,}   {m['by_rule']}")
    print(f"findings digest   {m['digest']:>10}")
    for problem in m["problems"]:  # a rule that failed: the figures are not a whole pass's
        print(f"PROBLEM           {problem}")
    print(f"peak memory       {m['peak_mib']:>10.0f} MiB")
    print(f"  claims alone    {m['claims_mib']:>10.0f} MiB   (RSS once built, before the rule pass)")
    print(f"  rule pass adds  {m['peak_mib'] - m['claims_mib']:>10.0f} MiB   (peak RSS minus that)")


def main() -> None:
    args = sys.argv[1:]
    if args and args[0] == "--json":  # one size, for the parent of several
        print(json.dumps(measure(int(args[1]))))
        return
    try:
        sizes = [int(a.replace("_", "")) for a in args] or [100_000]
    except ValueError:
        sys.exit(f"usage: python benchmarks/rule_pass.py [N_CLAIMS ...]: not a number of claims: {' '.join(args)}")
    if len(sizes) == 1:
        report_one(measure(sizes[0]))
        return
    print(f"{'claims':>10} {'rule pass CPU':>14} {'µs/claim':>9} {'wall':>8} {'findings':>9} {'claims RSS':>11} "
          f"{'pass adds':>10} {'peak RSS':>9}  digest")
    for n in sizes:
        out = subprocess.run([sys.executable, __file__, "--json", str(n)], capture_output=True, text=True, check=True)
        m = json.loads(out.stdout)
        print(f"{m['claims']:>10,} {m['cpu_s']:>12.2f} s {m['cpu_s'] / m['claims'] * 1e6:>9.2f} {m['wall_s']:>6.2f} s "
              f"{m['findings']:>9,} {m['claims_mib']:>7.0f} MiB {m['peak_mib'] - m['claims_mib']:>6.0f} MiB "
              f"{m['peak_mib']:>5.0f} MiB  {m['digest']}", flush=True)
        for problem in m["problems"]:
            print(f"{'':>10} PROBLEM {problem}", flush=True)


if __name__ == "__main__":
    main()
