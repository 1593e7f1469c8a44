"""Whole-document expectations: every fixture article yields exactly the claims in fixtures/expected/."""

from __future__ import annotations

import datetime as dt
import math
from pathlib import Path

import pytest
import yaml

import claimcheck

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "fixtures" / "corpus"
EXPECTED = ROOT / "fixtures" / "expected"
ARTICLES = sorted(CORPUS.glob("*.md"))


@pytest.fixture(scope="module")
def extraction() -> claimcheck.Extraction:
    return claimcheck.extract([str(CORPUS)])


def _claims_of(extraction: claimcheck.Extraction, article: Path) -> list[claimcheck.Claim]:
    return [c for c in extraction.claims if Path(c.source).name == article.name]


def test_every_article_has_expectations():
    assert {p.stem for p in ARTICLES} == {p.stem for p in EXPECTED.glob("*.yaml")}


@pytest.mark.parametrize("article", ARTICLES, ids=[p.stem for p in ARTICLES])
def test_article_claims(extraction: claimcheck.Extraction, article: Path) -> None:
    want = yaml.safe_load((EXPECTED / f"{article.stem}.yaml").read_text(encoding="utf-8"))["claims"] or []
    got = _claims_of(extraction, article)
    assert [c.quote for c in got] == [w["quote"] for w in want], "amounts found differ"
    by_id = {c.id: c for c in got}
    problems = []
    for c, w in zip(got, want):
        checks = {
            "amount": (c.value.amount, w["amount"]),
            "low": (c.value.low, w["low"]),
            "high": (c.value.high, w["high"]),
        }
        for key, (g, e) in checks.items():
            if (g is None) != (e is None) or (g is not None and not math.isclose(g, float(e), rel_tol=1e-9)):
                problems.append(f"{w['quote']!r} {key}: got {g}, want {e}")
        for key, g in (
            ("currency", c.value.currency), ("qualifier", c.value.qualifier), ("subject", c.subject),
            ("counterparty", c.counterparty), ("metric", c.metric), ("modality", c.modality),
        ):
            if g != w[key]:
                problems.append(f"{w['quote']!r} {key}: got {g!r}, want {w[key]!r}")
        period = [c.period.start, c.period.end] if c.period else None
        want_period = [dt.date.fromisoformat(str(d)) for d in w["period"]] if w["period"] else None
        if period != want_period:
            problems.append(f"{w['quote']!r} period: got {period}, want {want_period}")
        origin = by_id[c.conversion_of].quote if c.conversion_of else None
        if origin != w["conversion_of"]:
            problems.append(f"{w['quote']!r} conversion_of: got {origin!r}, want {w['conversion_of']!r}")
    assert not problems, "\n".join(problems)


def test_quotes_are_exact_text(extraction: claimcheck.Extraction) -> None:
    texts = {d.source: d.text for d in extraction.documents}
    for c in extraction.claims:
        assert texts[c.source][c.span[0]:c.span[1]] == c.quote
        line = texts[c.source].splitlines()[c.line - 1]
        assert line[c.column - 1:].startswith(c.quote.split("\n")[0])
