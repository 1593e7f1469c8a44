"""The rule pass's fast paths give what the plain paths give: kept exchange rates, facts of one node without
the sweep, the one-pass test that a fact's reports all agree, documents' claims looked up only when asked,
explanations made plain with their leaves kept as they are, rules called with positional arguments, on claims
generated like benchmarks/rule_pass.py's."""

from __future__ import annotations

import datetime as dt
import json
import math
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claimcheck.engine import fx as fx_module
from claimcheck.engine.check import check, select
from claimcheck.engine.compare import all_meet, common_currency, conversion_window, in_currency
from claimcheck.engine.facts import _clusters, _node, _one_node, _order, _place, group_facts
from claimcheck.engine.fx import FX, RateUnavailable
from claimcheck.engine.findings import finding
from claimcheck.engine.registry import Rule, load_rules
from claimcheck.models import Claim, Document, Extraction, Money, Period

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
import rule_pass  # noqa: E402  (the benchmark's claims: facts reported by 2-8 sources in three currencies)

RULES = select(load_rules(plugins=False))
CURRENCIES = ["EUR", "USD", "GBP", "JPY", "FRF", "DEM", "BTC"]
DAYS = st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2035, 12, 31))


def _answer(call):
    try:
        return call()
    except RateUnavailable as exc:
        return ("unavailable", str(exc))


FX_ONCE = FX()  # the rate file is parsed once; each example starts with no answer kept


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(CURRENCIES), st.sampled_from(CURRENCIES), DAYS, st.integers(0, 400), st.integers(1, 4))
def test_a_kept_rate_is_the_rate_over_the_clamped_window(base, quote, start, days, kept):
    """Asked once (computed), again (kept), and with room for only a few answers (forgotten, computed again)."""
    end = start + dt.timedelta(days=days)
    fx = FX_ONCE
    fx._answers.clear()
    plain = _answer(lambda: fx.rate(base, quote, fx.clamp(start), fx.clamp(end)))
    assert _answer(lambda: fx.rate_within(base, quote, start, end)) == plain
    assert _answer(lambda: fx.rate_within(base, quote, start, end)) == plain
    fx._bounds.clear()
    bounds = None if isinstance(plain, tuple) else (plain.low, plain.high)
    assert fx.bounds_within(base, quote, start, end) == bounds  # computed, then kept
    assert fx.bounds_within(base, quote, start, end) == bounds
    fx._answers.clear()
    previous, fx_module.RATES_KEPT = fx_module.RATES_KEPT, kept
    try:
        for offset in range(kept + 2):
            _answer(lambda: fx.rate_within(base, quote, start + dt.timedelta(days=offset), end))
        assert len(fx._answers) <= kept
        assert _answer(lambda: fx.rate_within(base, quote, start, end)) == plain
    finally:
        fx_module.RATES_KEPT = previous


PERIODS = [
    Period(start=dt.date(2024, 3, 1), end=dt.date(2024, 3, 28), text="March", granularity="month"),
    Period(start=dt.date(2024, 4, 10), end=dt.date(2024, 4, 10), text="10 April", granularity="day"),
    Period(start=None, end=None, text="last spring", granularity="approximate"),
]


@st.composite
def reports(draw):
    """Reports of one organisation and metric: periods and counterparties drawn from a few, often all alike."""
    n = draw(st.integers(2, 7))
    one_period, one_party = draw(st.booleans()), draw(st.booleans())
    period = draw(st.sampled_from([*PERIODS, None]))
    party = draw(st.sampled_from([None, "Bpifrance"]))
    claims = []
    for i in range(n):
        p = period if one_period else draw(st.sampled_from([*PERIODS, None]))
        if p is not None and draw(st.booleans()):
            p = p.model_copy()  # an equal period that is another object: the shortcut of `_one_node` cannot apply
        c = party if one_party else draw(st.sampled_from([None, "Bpifrance", "Tencent"]))
        amount = float(draw(st.integers(1, 50))) * 1e6
        claims.append(Claim(
            id=f"c{i}", source=f"s{draw(st.integers(0, 3))}.md", span=(i, i + 3), line=1, column=1, quote="x",
            sentence="", subject="Acme", counterparty=c, metric="funding", metric_kind="event",
            value=Money(amount=amount, currency="EUR", low=amount, high=amount), period=p, modality="actual",
        ))
    return claims


@settings(max_examples=150, deadline=None)
@given(reports(), st.sampled_from(["event", "level"]))
def test_reports_of_one_node_are_the_one_fact_the_sweep_makes(members, kind):
    if not _one_node(members):
        return
    assert _clusters(kind, sorted(members, key=_order), 30, []) == [sorted(members, key=_place)]
    assert [f.claims for f in group_facts(members)] == [tuple(sorted(members, key=_place))]


@settings(max_examples=200, deadline=None)
@given(reports())
def test_one_node_answers_as_its_definition(members):
    """`_one_node` first looks for one shared period object; it must answer as comparing every node does."""
    first = _node(members[0])
    assert _one_node(members) == all(_node(c) == first for c in members)


AMOUNTS = st.tuples(st.integers(-50, 50), st.integers(0, 20)).map(lambda t: (t[0] * 1e6, (t[0] + t[1]) * 1e6))


@st.composite
def priced_reports(draw):
    """Reports in several currencies (one with no ECB rate, one unknown), some below zero, over periods that
    convert at one day, over a window, or not at all; their documents dated or not."""
    claims, dates = [], {}
    for i in range(draw(st.integers(1, 6))):
        low, high = draw(AMOUNTS)
        source = f"s{draw(st.integers(0, 3))}.md"
        dates.setdefault(source, draw(st.sampled_from([None, dt.date(2024, 5, 2), dt.date(2031, 1, 1)])))
        claims.append(Claim(
            id=f"c{i}", source=source, span=(i, i + 3), line=1, column=1, quote="x", sentence="", subject="Acme",
            counterparty=None, metric="funding", metric_kind="event",
            value=Money(amount=low, currency=draw(st.sampled_from(["EUR", "USD", "GBP", "BTC", None])), low=low,
                        high=high),
            period=draw(st.sampled_from([*PERIODS, None])), modality="actual",
        ))
    return claims, dates


@settings(max_examples=300, deadline=None)
@given(priced_reports(), st.sampled_from(["EUR", "USD", "GBP"]))
def test_all_meet_is_every_converted_interval_meeting_every_other(reports, currency):
    """What `cross-source-conflict` asks first, in one pass with no `Interval`: the same answer as the
    intervals `in_currency` gives (those with no rate left out), compared every one with every other."""
    claims, dates = reports
    published = lambda c: dates[c.source]  # noqa: E731
    intervals = [v for c in claims if (v := in_currency(c, currency, FX_ONCE, published(c))) is not None]
    assert all_meet(claims, currency, FX_ONCE, published) == all(
        a.low <= b.high for a in intervals for b in intervals)


@settings(max_examples=300, deadline=None)
@given(priced_reports())
def test_the_common_currency_is_the_one_with_most_days_of_conversion_windows(reports):
    """`common_currency` reads each window's length inline: the same choice as `conversion_window`'s days."""
    claims, dates = reports
    published = lambda c: dates[c.source]  # noqa: E731
    days: dict[str, int] = {}
    for c in claims:
        if c.value.currency:
            window = conversion_window(c, published(c))
            days[c.value.currency] = days.get(c.value.currency, 0) + 1 + ((window[1] - window[0]).days if window else 0)
    tied = sorted(k for k, n in days.items() if n == max(days.values(), default=0))
    expected = None if not days else tied[0] if len(days) == 1 else "EUR" if "EUR" in tied else tied[0]
    assert common_currency(claims, published) == expected


def test_a_document_rule_that_reads_the_date_first_never_groups_the_claims_by_source():
    """`undated-source` over dated documents: the run's claims are never grouped by source; and asked, each
    document's claims are its own, every claim once."""
    from claimcheck.config import Settings
    from claimcheck.engine.providers import PROVIDERS, Run

    undated = next(r for r in RULES if r.id == "undated-source")
    extraction = rule_pass.build(500)
    assert all(d.published for d in extraction.documents)
    run = Run(extraction, Settings())
    documents = list(PROVIDERS["document"].factory(run))
    assert not [f for d in documents for f in undated.func(d)]
    assert "_by_source" not in vars(run.claims)
    assert sorted(c.id for d in documents for c in d.claims) == sorted(c.id for c in extraction.claims)
    assert all(c.source == d.source for d in documents for c in d.claims)
    assert "_by_source" in vars(run.claims)


def _reference_plain(value, depth=0):
    """What `check._plain` must give, by cases, every level through a call (as it was before its comprehensions
    kept the leaves without one)."""
    match value:
        case float() if not math.isfinite(value):
            return str(value)
        case None | float() | str() | int():  # bool is an int
            return value
        case _ if depth > 20:
            return str(value)[:200]
        case dict():
            return {str(key): _reference_plain(item, depth + 1) for key, item in value.items()}
        case list() | tuple() | set() | frozenset():
            return [_reference_plain(item, depth + 1) for item in value]
        case _:
            return str(value)


class _Label(str):
    """A str subclass (an enum's value, say): not one of the exact types the fast path keeps."""


class _Count(int):
    pass


LEAVES = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), st.text(max_size=5),
                   st.text(max_size=5).map(_Label), st.integers().map(_Count), st.just(object), st.dates())
EXPLANATIONS = st.recursive(LEAVES, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.lists(inner, max_size=4).map(tuple),
    st.dictionaries(st.one_of(st.text(max_size=4), st.integers()), inner, max_size=4)), max_leaves=40)


@settings(max_examples=300, deadline=None)
@given(EXPLANATIONS)
def test_an_explanation_is_made_plain_as_before(value):
    from claimcheck.engine.check import _plain

    made, before = _plain({"x": value}), _reference_plain({"x": value})
    assert made == before
    assert json.dumps(made, allow_nan=False) == json.dumps(before, allow_nan=False)  # no NaN, nothing unplain


def test_an_explanation_nested_past_the_bound_is_cut_as_before():
    from claimcheck.engine.check import _plain

    deep: list = ["leaf"]
    for _ in range(30):
        deep = [deep, 1.5, float("inf")]
    assert _plain({"deep": deep}) == _reference_plain({"deep": deep})


def _plain_findings(extraction: Extraction) -> list[tuple[str, str, tuple[str, ...]]]:
    """The default rules called the plain way (every argument by keyword), their rates computed each time,
    over the facts as grouped; what `check` reports must be the same (before its own ordering)."""
    from claimcheck.config import Settings
    from claimcheck.engine.providers import PROVIDERS, Run

    class PlainFX(FX):
        def rate_within(self, base, quote, start, end):
            return self.rate(base, quote, self.clamp(start), self.clamp(end))

        def bounds_within(self, base, quote, start, end):
            try:
                rate = self.rate(base, quote, self.clamp(start), self.clamp(end))
            except RateUnavailable:
                return None
            return rate.low, rate.high

    run = Run(extraction, Settings(), fx=PlainFX())
    out = set()
    for r in RULES:
        fixed = {p: PROVIDERS[p].factory(run) for p in r.params if PROVIDERS[p].scope == "run"}
        per_item = next((p for p in r.params if PROVIDERS[p].scope == "item"), None)
        for item in PROVIDERS[per_item].factory(run) if per_item else [None]:
            kwargs = {**fixed, **r.settings, **({per_item: item} if per_item else {})}
            for f in r.func(**kwargs) or ():
                out.add((r.id, f.message, f.claims))
    return sorted(out)


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(0, 10_000), st.integers(20, 3000))
def test_the_rule_pass_finds_what_the_plain_calls_find(seed, n):
    extraction = rule_pass.build(n, seed=seed)
    fast = sorted({(f.rule, f.message, f.claims) for f in check(extraction, RULES).findings})
    assert fast == _plain_findings(extraction)


def test_seeds_with_findings_are_among_the_generated():
    """The property above is worth something only if generated claims conflict: the benchmark's do."""
    extraction = rule_pass.build(3000, seed=7)
    assert check(extraction, RULES).findings


def _by_hand(run, fact):
    """A rule whose declared `params` may not be in the order of its function's parameters."""
    if len(fact.claims) > 1:
        yield finding(f"{fact.key.describe()}: {len(fact.claims)} reports, the first published "
                      f"{run.published(fact.claims[0])}", *fact.claims)


@pytest.mark.parametrize("params", [("run", "fact"), ("fact", "run")])
def test_a_rule_made_by_hand_is_called_by_keyword_whatever_the_order_of_its_params(params):
    claims = tuple(
        Claim(id=f"c{i}", source=f"s{i}.md", span=(0, 3), line=1, column=1, quote="€5m", sentence="",
              subject="Acme", counterparty=None, metric="funding", metric_kind="event",
              value=Money(amount=5e6, currency="EUR", low=5e6, high=5e6), period=PERIODS[0], modality="actual")
        for i in range(3)
    )
    documents = tuple(Document(source=f"s{i}.md", text="", published=dt.date(2024, 4, 2)) for i in range(3))
    by_hand = Rule(id="by-hand", func=_by_hand, severity="info", params=params)
    found = check(Extraction(documents=documents, claims=claims), [by_hand])
    assert not found.problems
    assert [(f.message, f.claims) for f in found.findings] == [
        ("Acme funding: 3 reports, the first published 2024-04-02", ("c0", "c1", "c2"))]


@pytest.mark.parametrize("enabled", [True, False])
def test_the_collector_is_left_as_it_was_and_nothing_stays_frozen(enabled):
    """The rule pass pauses the collector while the run's shared state is built and freezes it after: both
    undone when the pass ends (`fewer_collections`), whatever the collector's state before."""
    import gc

    extraction = rule_pass.build(300, seed=3)
    was = gc.isenabled()
    (gc.enable if enabled else gc.disable)()
    try:
        before = gc.get_freeze_count()
        assert check(extraction, RULES).rules
        assert gc.isenabled() is enabled
        assert gc.get_freeze_count() == before
    finally:
        (gc.enable if was else gc.disable)()
