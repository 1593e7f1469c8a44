"""Data-driven date and period extraction: tests/cases/dates.yaml pins docs/periods.md down."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml

from claimcheck.periods import find_periods

CASES = yaml.safe_load((Path(__file__).parent / "cases" / "dates.yaml").read_text(encoding="utf-8"))


def _date(value: object) -> dt.date | None:
    if value is None:
        return None
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))


def _expected(case: dict) -> list[dict]:
    if "expect" in case:
        return case["expect"]
    return [{k: case.get(k) for k in ("quote", "start", "end", "granularity")}]


def test_enough_cases():
    assert len(CASES) >= 100
    assert len({c["id"] for c in CASES}) == len(CASES)


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_period_case(case: dict) -> None:
    text = case["text"]
    found = find_periods(text, _date(case.get("published")))
    got = [(text[p.start:p.end], p.period.start, p.period.end, p.period.granularity) for p in found]
    want = [(w["quote"], _date(w.get("start")), _date(w.get("end")), w.get("granularity")) for w in _expected(case)]
    assert got == want
