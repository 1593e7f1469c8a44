"""Data-driven money extraction: tests/cases/money.yaml pins docs/intervals.md down, case by case."""

from __future__ import annotations

import math
from pathlib import Path

import pytest
import yaml

from claimcheck.mentions.money import conversion_pairs, find_money
from claimcheck.ingest.prose import mask

#: money.yaml: the forms of the seed articles and the interval policy; money_forms.yaml: the forms of other
#: desks and markets (currencies from CLDR, subunits, compound amounts, Indian numbering, ranges with ends).
CASES = [
    case
    for name in ("money.yaml", "money_forms.yaml")
    for case in yaml.safe_load((Path(__file__).parent / "cases" / name).read_text(encoding="utf-8"))
]


def _expected(case: dict) -> list[dict]:
    if "expect" in case:
        return case["expect"]
    return [{k: case.get(k) for k in ("quote", "amount", "currency", "low", "high", "qualifier", "ends") if k in case}]


def _close(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is b
    return math.isclose(float(a), float(b), rel_tol=1e-9, abs_tol=1e-9)


def test_enough_cases():
    assert len(CASES) >= 600
    assert len({c["id"] for c in CASES}) == len(CASES), "case ids must be unique"


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_money_case(case: dict) -> None:
    text = case["text"]
    mentions = find_money(mask(text, "markdown"))
    got = [
        {
            "quote": text[m.start:m.end], "amount": m.value.amount, "currency": m.value.currency,
            "low": m.value.low, "high": m.value.high, "qualifier": m.value.qualifier, "ends": m.value.ends,
        }
        for m in mentions
    ]
    want = _expected(case)
    assert [g["quote"] for g in got] == [w["quote"] for w in want], f"quotes in {text!r}"
    for g, w in zip(got, want):
        for key in ("amount", "low", "high"):
            assert _close(g[key], w.get(key)), f"{w['quote']!r} {key}: got {g[key]}, want {w.get(key)}"
        assert g["currency"] == w.get("currency"), w["quote"]
        assert g["qualifier"] == w.get("qualifier"), w["quote"]
        if g["qualifier"] == "range" or "ends" in w:
            assert g["ends"] is not None and w.get("ends") is not None, f"{w['quote']!r}: written ends"
            assert all(_close(a, b) for a, b in zip(g["ends"], w["ends"])), f"{w['quote']!r} ends: {g['ends']}"
    pairs = conversion_pairs(text, mentions)
    for i, w in enumerate(want):
        origin = w.get("conversion_of")
        if origin is not None:
            assert i in pairs and want[pairs[i]]["quote"] == origin, f"{w['quote']!r} converts {origin!r}"
        else:
            assert i not in pairs, f"{w['quote']!r} is not a conversion"
