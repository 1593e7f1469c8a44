"""Data-driven date and period extraction: tests/cases/dates.yaml pins docs/periods.md down."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml

from claimcheck.mentions.periods import find_periods, fiscal_start_in

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


def test_fiscal_quarters_follow_the_fiscal_year_start():
    from claimcheck.mentions.periods import DateSettings

    april = DateSettings(fiscal_year_start=4)
    text = "Sales rose in Q3 FY2024 and in the third quarter of fiscal 2024, but fell in Q3 2024."
    got = [(text[p.start:p.end], p.period.start, p.period.end) for p in find_periods(text, None, april)]
    assert got == [
        ("Q3 FY2024", dt.date(2023, 10, 1), dt.date(2023, 12, 31)),
        ("third quarter of fiscal 2024", dt.date(2023, 10, 1), dt.date(2023, 12, 31)),
        ("Q3 2024", dt.date(2024, 7, 1), dt.date(2024, 9, 30)),
    ]


def test_past_year_is_the_twelve_months_to_publication():
    found = find_periods("Revenue over the past year was flat.", dt.date(2025, 2, 10))
    assert [(p.period.start, p.period.end) for p in found] == [(dt.date(2024, 2, 10), dt.date(2025, 2, 10))]


def test_a_byline_is_read_as_a_headline_line_but_a_table_row_is_not():
    """A date on a line that ends no sentence (a headline, a byline "By … | 6 March 2025") gives way to an earlier
    period in the lead; a table row's years ("| Six months to 30 September | 2025 | 2024 |") are figures' columns."""
    from claimcheck.claims.timing import _in_headline

    text = "By Lindiwe Mokoena | 6 March 2025\n\n| Six months to 30 September | 2025 | 2024 |\n\nIt said so in 2024.\n"
    assert _in_headline(text, text.index("6 March"))
    assert not _in_headline(text, text.index("2025 |"))
    assert not _in_headline(text, text.index("2024."))


FISCAL_STARTS = [
    # a fiscal year that ends on a weekday near a date: its last month
    ("Its fiscal year ends on the Saturday nearest Jan. 31.", 2),
    ("The fiscal year ends on the last Sunday of October.", 11),
    # the month it begins in: "the financial year, which began in April", a year of weeks from a month's last days
    ("For the first half of the financial year, which began in April, revenue came to 74.87 billion rupees.", 4),
    ("Harvest's fiscal 2025 runs from Feb. 23, 2025, to Feb. 28, 2026.", 3),
    # "the twelve months to September" in the lead is the company's year …
    ("Acme said revenue for the twelve months to September rose 4%.", 10),
    # … further down, it may be a bought brand's or a rival's trailing year: a fiscal quarter the lead names both ways
    # wins ("the July–September quarter", "the second quarter of the 2025-26 financial year": April) …
    ("Acme reported profit for the July–September quarter. Net profit for the second quarter of the 2025-26 financial"
     " year fell. " + "Sales rose in every region, and margins held. " * 60
     + "Muuchstac had revenue of about 80 crore in the twelve months to September.", 4),
    # … and with none, it still says the year
    ("Acme reported its results. " + "Sales rose in every region, and margins held. " * 60
     + "Profit for the twelve months to March 2025 slipped.", 4),
    # a quarter by its place with its months set off after it: the year it is a part of ("The fourth quarter, July to
    # September": October); months that make it the calendar's quarter say nothing
    ("Kestrel closed its 2024 financial year. The fourth quarter, July to September, was the weakest.", 10),
    ("Its financial year goes on. In the second quarter (May–July), sales were better.", 2),
    ("Its financial year ended. The second quarter (April to June) was fine.", None),
    # … not a rival's quarter, nor months that make no quarter
    ("Acme's fiscal year. Rival Orrin has warned that its fiscal fourth quarter, August to October, will be weak.", None),
    ("Acme closed its 2025 financial year. In the fourth quarter, October to November trading was solid.", None),
]


@pytest.mark.parametrize(("text", "first_month"), FISCAL_STARTS)
def test_fiscal_year_start_stated_by_the_copy(text: str, first_month: int | None) -> None:
    assert fiscal_start_in(text) == first_month
