"""The four articles the product was conceived from (../shared/seeds, beside the repository in CI).

Only facts are encoded here: the quote of each amount and the claim a fact-checker signs off on.
Skipped where the seeds are not present.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

import claimcheck

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"
FEB = (dt.date(2024, 2, 1), dt.date(2024, 2, 29))
SEP = (dt.date(2025, 9, 1), dt.date(2025, 9, 30))
Y2024 = (dt.date(2024, 1, 1), dt.date(2024, 12, 31))
Y2025 = (dt.date(2025, 1, 1), dt.date(2025, 12, 31))
P002 = (dt.date(2025, 2, 11), dt.date(2025, 2, 11))
UNRESOLVED = (None, None)

# seed file prefix -> [(quote, currency, amount, subject, counterparty, metric, modality, period)]
EXPECTED = {
    "000": [],
    "001": [("around €300m", "EUR", 300e6, "AMIAD", None, "budget", "actual", None)],
    "002": [
        ("over $1 billion", "USD", 1e9, "Mistral", None, "funding", "actual", P002),
        ("$18 billion", "USD", 18e9, "OpenAI", None, "funding", "actual", P002),
        ("$40 billion", "USD", 40e9, "OpenAI", None, "funding", "rumor", P002),
        ("around $8 billion", "USD", 8e9, "Anthropic", None, "funding", "actual", P002),
        ("€500 million", "EUR", 500e6, "Mistral", None, "revenue", "target", Y2025),
        ("$515 million", "USD", 515e6, "Mistral", None, "revenue", "target", Y2025),
        ("tens of millions of euros", "EUR", None, "Mistral", None, "revenue", "actual", Y2024),
        ("billions", None, None, "Mistral", None, "investment", "plan", P002),
        ("several billion euros", "EUR", None, "Mistral", None, "investment", "plan", P002),
    ],
    "003": [
        ("$20 million", "USD", 20e6, "Mistral", None, "arr", "actual", UNRESOLVED),
        ("over $400 million", "USD", 400e6, "Mistral", None, "arr", "actual", UNRESOLVED),
        ("surpass $1 billion", "USD", 1e9, "Mistral", None, "arr", "projection", UNRESOLVED),
        ("€4 billion", "EUR", 4e9, "Mistral", None, "investment", "plan", None),
        ("approximately $4.56 billion", "USD", 4.56e9, "Mistral", None, "investment", "plan", None),
        ("€1.7 billion", "EUR", 1.7e9, "Mistral", "ASML", "funding", "actual", SEP),
        ("approximately $2 billion", "USD", 2e9, "Mistral", "ASML", "funding", "actual", SEP),
        ("€11.7 billion", "EUR", 11.7e9, "Mistral", None, "valuation", "actual", SEP),
        ("roughly $13.8 billion", "USD", 13.8e9, "Mistral", None, "valuation", "actual", SEP),
        ("$3.5 billion", "USD", 3.5e9, "Mistral", None, "funding", "rumor", UNRESOLVED),
        ("$23.15 billion", "USD", 23.15e9, "Mistral", None, "valuation", "rumor", UNRESOLVED),
        ("€15 million", "EUR", 15e6, "Mistral", "Microsoft", "investment", "actual", FEB),
    ],
}
CONVERSIONS = {"$515 million": "€500 million", "approximately $4.56 billion": "€4 billion",
               "approximately $2 billion": "€1.7 billion", "roughly $13.8 billion": "€11.7 billion"}

pytestmark = pytest.mark.skipif(not SEEDS.is_dir(), reason="seed articles not present")


@pytest.fixture(scope="module")
def extraction() -> claimcheck.Extraction:
    return claimcheck.extract([str(SEEDS)])


@pytest.mark.parametrize("prefix", sorted(EXPECTED))
def test_seed_claims(extraction: claimcheck.Extraction, prefix: str) -> None:
    claims = [c for c in extraction.claims if Path(c.source).name.startswith(prefix)]
    quotes = {c.id: c.quote for c in claims}
    got = [
        (c.quote, c.value.currency, c.value.amount, c.subject, c.counterparty, c.metric, c.modality,
         (c.period.start, c.period.end) if c.period else None)
        for c in claims
    ]
    assert got == EXPECTED[prefix]
    for c in claims:
        assert quotes.get(c.conversion_of) == CONVERSIONS.get(c.quote)


def test_undated_seeds_say_so(extraction: claimcheck.Extraction) -> None:
    undated = {Path(p.source).name[:3] for p in extraction.problems if "no publication date" in p.message}
    assert undated == {"001", "003"}
