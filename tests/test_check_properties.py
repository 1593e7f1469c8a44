"""Invariants of the rule pass: order independence and invariance under faithful currency conversion."""

from __future__ import annotations

import datetime as dt
import random

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import claimcheck
from claimcheck.engine.check import check, select
from claimcheck.engine.registry import load_rules
from claimcheck.ingest.files import Loaded
from claimcheck.models import Document, Extraction
from claimcheck.engine.providers import shared_fx

REGISTRY = load_rules()
RULES = select(REGISTRY)
EXTRACTOR = claimcheck.Extractor()
CORPUS = claimcheck.extract(["fixtures/corpus"])


def _doc(source: str, text: str, published: dt.date) -> tuple[Document, list[claimcheck.Claim]]:
    doc = Document(source=source, text=text, published=published)
    return doc, EXTRACTOR.document_claims(Loaded(document=doc, kind="markdown", front_matter_end=0))


def _fingerprints(extraction: Extraction) -> set[tuple[str, str]]:
    return {(f.rule, f.fingerprint) for f in check(extraction, RULES).findings}


BASELINE = _fingerprints(CORPUS)


def test_corpus_has_findings_to_protect():
    assert BASELINE, "the demo corpus should produce findings"


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.randoms(use_true_random=False))
def test_findings_do_not_depend_on_order(rnd: random.Random):
    documents = list(CORPUS.documents)
    claims = list(CORPUS.claims)
    rnd.shuffle(documents)
    rnd.shuffle(claims)
    shuffled = Extraction(documents=tuple(documents), claims=tuple(claims), problems=CORPUS.problems)
    assert _fingerprints(shuffled) == BASELINE


COMPANIES = ["Acme Robotics", "Nordwind Energy", "Helio Labs", "Quanta Capital"]
TARGETS = {"USD": ("$", ""), "GBP": ("£", ""), "CHF": ("CHF ", ""), "JPY": ("¥", "")}


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    company=st.sampled_from(COMPANIES),
    millions=st.integers(min_value=20, max_value=900),
    day=st.dates(min_value=dt.date(2015, 1, 5), max_value=dt.date(2026, 9, 30)),
    currency=st.sampled_from(sorted(TARGETS)),
)
def test_faithful_conversion_creates_no_finding(company, millions, day, currency):
    while day.weekday() >= 5:  # a business day, so the reference rate is that day's
        day -= dt.timedelta(days=1)
    rate = shared_fx().rate("EUR", currency, day).low
    converted = millions * rate
    prefix, _ = TARGETS[currency]
    written = f"{prefix}{converted:,.1f} million" if converted < 10_000 else f"{prefix}{converted / 1000:,.2f} billion"
    a = _doc("a.md", f"{company} raised €{millions} million in a Series B round.", day)
    b = _doc("b.md", f"{company} raised {written} in a Series B round.", day)
    extraction = Extraction(documents=(a[0], b[0]), claims=tuple(a[1] + b[1]))
    assert len(extraction.claims) == 2
    findings = check(extraction, RULES).findings
    assert not [f for f in findings if f.rule == "cross-source-conflict"], [f.message for f in findings]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(millions=st.integers(min_value=50, max_value=900), factor=st.sampled_from([1.06, 1.1, 1.5]))
def test_different_figures_conflict_in_any_order(millions, factor):
    day = dt.date(2024, 6, 11)
    a = _doc("a.md", f"Acme Robotics raised €{millions} million in a Series B round.", day)
    b = _doc("b.md", f"Acme Robotics raised €{round(millions * factor)} million in a Series B round.", day)
    one = Extraction(documents=(a[0], b[0]), claims=tuple(a[1] + b[1]))
    two = Extraction(documents=(b[0], a[0]), claims=tuple(b[1] + a[1]))
    assert _fingerprints(one) == _fingerprints(two)
    assert any(rule == "cross-source-conflict" for rule, _ in _fingerprints(one))


_bounds = st.floats(min_value=0, max_value=1e12, allow_nan=False).flatmap(
    lambda low: st.tuples(st.just(low), st.floats(min_value=low, max_value=1e12 + 1, allow_nan=False)))


@given(_bounds, _bounds)
def test_the_gap_is_the_same_on_either_side_of_zero(a, b):
    """Two figures below zero are as far apart as their magnitudes; no interval makes the gap raise."""
    from claimcheck import Interval, relative_gap

    positive = relative_gap(Interval(a[0], a[1], "EUR"), Interval(b[0], b[1], "EUR"))
    negative = relative_gap(Interval(-a[1], -a[0], "EUR"), Interval(-b[1], -b[0], "EUR"))
    assert positive == negative and 0 <= positive <= 1


@given(st.floats(1e3, 1e12), st.floats(1.0, 1e6), st.sampled_from(["EUR", "USD", "JPY"]))
def test_a_copying_slip_is_judged_alike_both_ways(amount: float, factor: float, currency: str) -> None:
    """`cross-source-conflict`'s judgement of whether two reports can be one figure copied wrong does not
    depend on their order, holds within 3x and at a power of ten, and the same written number in two
    currencies is always one."""
    from types import SimpleNamespace

    from rules.values import MAX_SLIP_RATIO, _copying_error

    def report(x: float, cur: str = currency):
        value = SimpleNamespace(amount=x, low=x, high=x, currency=cur)
        return SimpleNamespace(value=value), SimpleNamespace(low=x, high=x)

    (a, va), (b, vb) = report(amount), report(amount * factor)
    assert _copying_error(a, b, va, vb) == _copying_error(b, a, vb, va)
    if factor <= MAX_SLIP_RATIO or any(abs(factor / 10 ** k - 1) <= 0.05 for k in range(1, 6)):
        assert _copying_error(a, b, va, vb)
    same, converted = report(amount, "JPY"), report(amount * factor)
    assert _copying_error(same[0], report(amount, "USD")[0], same[1], converted[1])


@settings(max_examples=60)
@given(st.floats(1e3, 1e12), st.floats(1.02, 50.0), st.booleans(), st.randoms(use_true_random=False))
def test_a_report_of_one_of_two_figures_another_source_gives_is_set_aside(amount, factor, which, rnd):
    """`cross-source-conflict`: when one source gives two figures for a fact, another source's report of one
    of them is set aside (it agrees with that figure), in any order; a report of its own figure is kept."""
    from types import SimpleNamespace

    from claimcheck import Interval
    from rules.values import _set_aside_what_both_say

    def report(i: int, source: str, x: float):
        claim = SimpleNamespace(id=f"c{i}", source=source, quote=f"€{x:,.2f}", value=SimpleNamespace(currency="EUR"))
        return claim, Interval(x, x, "EUR")

    other = amount * factor
    pairs = [report(0, "a.md", amount), report(1, "a.md", other), report(2, "b.md", other if which else amount),
             report(3, "c.md", amount * (factor + 1.0))]
    rnd.shuffle(pairs)
    values = {c.id: v for c, v in pairs}
    kept, two_figures = _set_aside_what_both_say([c for c, _ in pairs], values, 0.005)
    assert two_figures
    assert {c.id for c in kept} == {"c0", "c1", "c3"}
