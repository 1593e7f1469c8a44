"""Data-driven claim assembly: tests/cases/claims.yaml pins docs/claims.md and the labelling conventions down.

Each case runs its text through `Extractor().text_claims`; expected claims are matched to extracted ones by
quote, in order, and only the fields a case lists are compared. A case with `todo` is a known miss: it is
reported as xfail while it fails and fails (strictly) once it passes.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml

from claimcheck import Claim, Extractor

CASES = yaml.safe_load((Path(__file__).parent / "cases" / "claims.yaml").read_text(encoding="utf-8"))
FIELDS = ("subject", "counterparty", "metric", "metric_kind", "segment", "modality", "round")
EXTRACTOR = Extractor()


def _iso(value: object) -> str | None:
    return None if value is None else str(value)


def _period(claim: Claim) -> list[str | None] | None:
    return None if claim.period is None else [_iso(claim.period.start), _iso(claim.period.end)]


def _ratio(claim: Claim, want: dict, quotes: dict[str, str]) -> dict | None:
    """The ratio fields `want` lists; `base` is given by the quote of the figure the change is measured from."""
    if claim.ratio is None:
        return None
    got = claim.ratio.model_dump()
    got["base"] = quotes.get(got["base"], got["base"])
    return {k: got[k] for k in want}


def _mismatches(claim: Claim, want: dict, quotes: dict[str, str]) -> list[str]:
    got = {f: getattr(claim, f) for f in FIELDS if f in want}
    expected = {f: want[f] for f in FIELDS if f in want}
    if "currency" in want:
        got["currency"], expected["currency"] = claim.value.currency, want["currency"]
    if "amount" in want:  # the figure as read ("R$ 1.593,2 million" in copy that writes decimals with a comma)
        got["amount"], expected["amount"] = claim.value.amount, want["amount"]
    if "period" in want:
        got["period"] = _period(claim)
        expected["period"] = None if want["period"] is None else [_iso(d) for d in want["period"]]
    if "ratio" in want:
        got["ratio"] = _ratio(claim, want["ratio"] or {}, quotes) if want["ratio"] is not None else claim.ratio
        expected["ratio"] = want["ratio"]
    return [f"{want['quote']!r} {k}: got {got[k]!r}, want {expected[k]!r}" for k in expected if got[k] != expected[k]]


def _check(case: dict) -> list[str]:
    claims = EXTRACTOR.text_claims(case["text"], published=case["published"])
    quotes = {c.id: c.quote for c in claims}
    problems: list[str] = []
    rest = iter(claims)
    for want in case["expect"]:
        claim = next((c for c in rest if c.quote == want["quote"]), None)
        if claim is None:
            return [*problems, f"no claim quoted {want['quote']!r} (in order) among {[c.quote for c in claims]}"]
        problems += _mismatches(claim, want, quotes)
    return problems


def test_enough_cases() -> None:
    assert len(CASES) >= 90
    assert len({c["id"] for c in CASES}) == len(CASES), "case ids must be unique"


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_claim_case(case: dict) -> None:
    problems = _check(case)
    if "todo" in case:
        if problems:
            pytest.xfail(f"{case['todo']}: {'; '.join(problems)}")
        pytest.fail(f"todo case passes now, remove its todo: {case['todo']}")
    assert not problems, "\n".join(problems)
