"""The rule pass alone over many claims: builds claims directly (no text) and times `check()`.

Usage: python benchmarks/rule_pass.py [N_CLAIMS]   (default 100000)
Claims are spread like a large news corpus: facts reported by 2–8 sources each, in EUR, USD and GBP, in
articles of about five figures, with 0.5% misreported figures, targets and rumours, and ratio words.
Prints claims/s, findings per rule, and peak memory.
"""

from __future__ import annotations

import datetime as dt
import random
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from claimcheck.engine.check import check, select  # noqa: E402
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
            source = f"corpus/{rnd.randrange(n_docs):06d}.md"
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


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    t0 = time.perf_counter()
    extraction = build(n)
    t1 = time.perf_counter()
    rules = select(load_rules(plugins=False))
    result = check(extraction, rules)
    t2 = time.perf_counter()
    by_rule: dict[str, int] = {}
    for f in result.findings:
        by_rule[f.rule] = by_rule.get(f.rule, 0) + 1
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"claims            {len(extraction.claims):>10,}")
    print(f"build (not timed) {t1 - t0:>10.2f} s")
    print(f"rule pass         {t2 - t1:>10.2f} s   ({len(extraction.claims) / (t2 - t1):,.0f} claims/s)")
    print(f"findings          {len(result.findings):>10,}   {by_rule}")
    print(f"peak memory       {peak:>10.0f} MiB")


if __name__ == "__main__":
    main()
