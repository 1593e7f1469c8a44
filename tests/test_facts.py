"""Fact identity by kind (engine/facts.py): flows by exact period, levels and events within windows."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from claimcheck import FactWindows
from claimcheck.engine.facts import group_facts, periods_compatible
from claimcheck.models import Claim, Money, Period

D = dt.date


def claim(n: int, metric: str, kind: str | None, start: dt.date, end: dt.date, *, round: str | None = None,
          segment: str | None = None, counterparty: str | None = None, granularity: str = "day") -> Claim:
    return Claim(
        id=f"c{n}", source=f"s{n}.md", span=(0, 1), line=1, column=1, quote="x", sentence="x", subject="Acme",
        counterparty=counterparty, metric=metric, metric_kind=kind,  # type: ignore[arg-type]
        segment=segment, value=Money(amount=1.0, currency="EUR", low=1.0, high=1.0),
        period=Period(start=start, end=end, text=None, granularity=granularity),  # type: ignore[arg-type]
        modality="actual", round=round,
    )


def sizes(claims: list[Claim], windows: FactWindows | None = None) -> list[int]:
    return sorted(len(f.claims) for f in group_facts(claims, windows))


@pytest.mark.parametrize("claims, expected", [
    # flows: the same period exactly
    ([claim(1, "revenue", "flow", D(2024, 1, 1), D(2024, 12, 31)),
      claim(2, "revenue", "flow", D(2024, 1, 1), D(2024, 12, 31))], [2]),
    ([claim(1, "revenue", "flow", D(2024, 4, 1), D(2025, 3, 31)),  # fiscal year to March 2025
      claim(2, "revenue", "flow", D(2025, 1, 1), D(2025, 12, 31))], [1, 1]),
    ([claim(1, "revenue", "flow", D(2024, 10, 1), D(2024, 12, 31)),  # a quarter is not its year
      claim(2, "revenue", "flow", D(2024, 1, 1), D(2024, 12, 31))], [1, 1]),
    ([claim(1, "revenue", "flow", D(2024, 1, 1), D(2024, 12, 31), segment="cloud"),  # a segment is not the whole
      claim(2, "revenue", "flow", D(2024, 1, 1), D(2024, 12, 31))], [1, 1]),
    # levels: within 30 days
    ([claim(1, "valuation", "level", D(2025, 6, 2), D(2025, 6, 2)),
      claim(2, "valuation", "level", D(2025, 6, 20), D(2025, 6, 20))], [2]),
    ([claim(1, "valuation", "level", D(2025, 6, 2), D(2025, 6, 2)),
      claim(2, "valuation", "level", D(2025, 12, 2), D(2025, 12, 2))], [1, 1]),
    ([claim(1, "budget", "level", D(2024, 1, 1), D(2024, 12, 31), granularity="year"),  # "2024 budget"
      claim(2, "budget", "level", D(2024, 1, 15), D(2024, 1, 15))], [2]),
    # events: within 7 days, or 90 when the round is named
    ([claim(1, "funding", "event", D(2025, 3, 12), D(2025, 3, 12)),
      claim(2, "funding", "event", D(2025, 3, 14), D(2025, 3, 14))], [2]),
    ([claim(1, "funding", "event", D(2025, 3, 12), D(2025, 3, 12)),
      claim(2, "funding", "event", D(2025, 4, 14), D(2025, 4, 14))], [1, 1]),
    ([claim(1, "funding", "event", D(2025, 3, 12), D(2025, 3, 12), round="Series D"),
      claim(2, "funding", "event", D(2025, 4, 14), D(2025, 4, 14), round="Series D")], [2]),
    ([claim(1, "funding", "event", D(2025, 3, 12), D(2025, 3, 12), round="Series D"),
      claim(2, "funding", "event", D(2025, 3, 12), D(2025, 3, 12), round="Series E")], [1, 1]),
    # a sum over a year is not one of its events
    ([claim(1, "funding", "event", D(2024, 3, 5), D(2024, 3, 5)),
      claim(2, "funding", "event", D(2024, 1, 1), D(2024, 12, 31), granularity="year")], [1, 1]),
    # two deals with different investors
    ([claim(1, "investment", "event", D(2025, 3, 12), D(2025, 3, 12), counterparty="A"),
      claim(2, "investment", "event", D(2025, 3, 12), D(2025, 3, 12), counterparty="B")], [1, 1]),
    # a claim without metric_kind (older JSON) falls back to the default kinds
    ([claim(1, "revenue", None, D(2024, 1, 1), D(2024, 12, 31)),
      claim(2, "revenue", None, D(2024, 10, 1), D(2024, 12, 31))], [1, 1]),
], ids=["flow-same", "flow-fiscal-vs-calendar", "flow-quarter-vs-year", "flow-segment", "level-near",
        "level-far", "level-year-vs-day", "event-near", "event-far", "event-named-round", "event-other-round",
        "event-sum", "event-other-investor", "default-kinds"])
def test_fact_identity(claims, expected):
    assert sizes(claims) == expected
    assert sizes(list(reversed(claims))) == expected


def test_windows_are_configurable():
    claims = [claim(1, "valuation", "level", D(2025, 6, 2), D(2025, 6, 2)),
              claim(2, "valuation", "level", D(2025, 12, 2), D(2025, 12, 2))]
    assert sizes(claims, FactWindows(level_days=200)) == [2]


DAYS = st.dates(min_value=D(2020, 1, 1), max_value=D(2026, 12, 31))


@given(DAYS, DAYS, DAYS, DAYS, st.sampled_from(["flow", "level", "event"]), st.integers(0, 120))
def test_compatibility_is_symmetric(a1, a2, b1, b2, kind, window):
    a = Period(start=min(a1, a2), end=max(a1, a2), text=None, granularity="day")
    b = Period(start=min(b1, b2), end=max(b1, b2), text=None, granularity="day")
    assert periods_compatible(kind, a, b, window) == periods_compatible(kind, b, a, window)


def test_a_valuation_is_never_compared_across_a_round():
    before = claim(1, "valuation", "level", D(2025, 6, 1), D(2025, 6, 1))
    after = claim(2, "valuation", "level", D(2025, 6, 20), D(2025, 6, 20))
    same_day = claim(3, "valuation", "level", D(2025, 6, 20), D(2025, 6, 20))
    round_ = claim(4, "funding", "event", D(2025, 6, 10), D(2025, 6, 10))
    assert sizes([before, after, same_day]) == [3]  # no round known: one fact within 30 days
    facts = {f.key.metric: sorted(len(x.claims) for x in group_facts([before, after, same_day, round_])
                                  if x.key.metric == f.key.metric)
             for f in group_facts([before, after, same_day, round_])}
    assert facts["valuation"] == [1, 2]  # before the round alone; the two after it together


def test_thousands_of_reports_of_one_round_are_one_fact_without_comparing_every_pair():
    """Reports with one period and one counterparty are one node of the sweep (issue 8: 20,000 reports of
    the same figures used to cost 200 million comparisons); other investors and days still split them."""
    same = [claim(n, "funding", "event", D(2025, 3, 12), D(2025, 3, 12), round="Series B") for n in range(3000)]
    other_investor = [claim(3000 + n, "funding", "event", D(2025, 3, 12), D(2025, 3, 12), round="Series B",
                            counterparty="Carrow Capital") for n in range(2)]
    elsewhere = [claim(4000 + n, "funding", "event", D(2025, 9, 30), D(2025, 9, 30), round="Series B")
                 for n in range(2)]
    undated = [claim(5000 + n, "funding", "event", D(2025, 3, 12), D(2025, 3, 12), round="Series B")
               for n in range(2)]
    for c in undated:
        object.__setattr__(c, "period", Period(start=None, end=None, text="last week", granularity="approximate"))
    facts = group_facts(same + other_investor + elsewhere + undated)
    assert sorted(len(f.claims) for f in facts) == [1, 1, 2, 3002]
    whole = max(facts, key=lambda f: len(f.claims))
    assert [c.id for c in whole.claims] == sorted((c.id for c in same + other_investor), key=lambda i: (f"s{i[1:]}.md"))


def fiscal(n: int, start: dt.date, end: dt.date, text: str | None, subject: str = "Acme") -> Claim:
    c = claim(n, "revenue", "flow", start, end, granularity="fiscal_year")
    return c.model_copy(update={"subject": subject, "period": c.period.model_copy(update={"text": text})})


@pytest.mark.parametrize("claims, expected", [
    # "fiscal 2024" read on the calendar (its copy states none) is the year to October another report states
    ([fiscal(1, D(2023, 11, 1), D(2024, 10, 31), "fiscal 2024"), fiscal(2, D(2024, 1, 1), D(2024, 12, 31), "fiscal 2024")],
     [2]),
    ([fiscal(1, D(2023, 11, 1), D(2024, 10, 31), None), fiscal(2, D(2024, 1, 1), D(2024, 12, 31), "FY24")], [2]),
    # … named by the year it starts in, as the stating report names it ("fiscal 2025, February 2025 to January 2026")
    ([fiscal(1, D(2025, 2, 1), D(2026, 1, 31), "fiscal 2025"), fiscal(2, D(2025, 1, 1), D(2025, 12, 31), "fiscal 2025")],
     [2]),
    # not a calendar year named without "fiscal", another organisation's year, nor where reports state two calendars
    ([fiscal(1, D(2023, 11, 1), D(2024, 10, 31), "fiscal 2024"), fiscal(2, D(2024, 1, 1), D(2024, 12, 31), "2024")],
     [1, 1]),
    ([fiscal(1, D(2023, 11, 1), D(2024, 10, 31), "fiscal 2024"),
      fiscal(2, D(2024, 1, 1), D(2024, 12, 31), "fiscal 2024", subject="Other")], [1, 1]),
    ([fiscal(1, D(2023, 11, 1), D(2024, 10, 31), "fiscal 2024"), fiscal(3, D(2023, 7, 1), D(2024, 6, 30), "fiscal 2024"),
      fiscal(2, D(2024, 1, 1), D(2024, 12, 31), "fiscal 2024")], [1, 1, 1]),
])
def test_a_fiscal_year_on_the_calendar_another_report_states(claims: list[Claim], expected: list[int]) -> None:
    assert sizes(claims) == expected
    assert sizes(list(reversed(claims))) == expected


def test_an_unresolved_fiscal_year_is_left_as_it_is() -> None:
    # "the current fiscal year" in copy with no publication date: no days, nothing to move onto a calendar
    undated = claim(2, "revenue", "flow", D(2024, 1, 1), D(2024, 12, 31), granularity="fiscal_year")
    undated = undated.model_copy(update={"period": Period.model_construct(
        start=None, end=None, text="the current fiscal year", granularity="fiscal_year")})
    assert sizes([fiscal(1, D(2023, 11, 1), D(2024, 10, 31), "fiscal 2024"), undated]) == [1, 1]
