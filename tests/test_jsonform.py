"""The JSON form of a claim (docs/json.md) is its one serialisation: written and read back, a claim is equal to
the one extracted, field for field (the claim store relies on it: docs/store.md)."""

from __future__ import annotations

import datetime as dt
import json
import math

from hypothesis import given
from hypothesis import strategies as st

import claimcheck
from claimcheck.claims.jsonform import claim_from_json, claim_json, document_from_json, document_json
from claimcheck.models import Claim, Money, Period, Ratio

from conftest import REPO


def _through_text(claim: Claim) -> Claim:
    return claim_from_json(json.loads(json.dumps(claim_json(claim))))


def test_every_fixture_claim_round_trips():
    result = claimcheck.extract([str(REPO / "fixtures" / "corpus"), str(REPO / "fixtures" / "dev" / "articles"),
                                 str(REPO / "fixtures" / "rules")])
    assert len(result.claims) > 500
    for claim in result.claims:
        again = _through_text(claim)
        assert again == claim
        assert claim_json(again) == claim_json(claim)  # the same JSON too (an int is not written as a float)


def test_documents_round_trip_without_their_text():
    result = claimcheck.extract([str(REPO / "fixtures" / "corpus")])
    for doc in result.documents:
        again = document_from_json(json.loads(json.dumps(document_json(doc))), doc.relative)
        assert again == doc.model_copy(update={"text": ""})


finite = st.floats(min_value=-1e15, max_value=1e15, allow_nan=False)
words = st.text(st.characters(blacklist_categories=("Cs",)), max_size=30)
maybe = st.one_of(st.none(), words)
dates = st.dates(min_value=dt.date(1800, 1, 1), max_value=dt.date(2199, 12, 31))


@st.composite
def money(draw) -> Money:
    low = draw(finite)
    high = draw(st.one_of(st.just(math.inf), st.floats(min_value=low, max_value=2e15, allow_nan=False)))
    ends = draw(st.one_of(st.none(), st.tuples(finite, finite)))
    return Money(amount=draw(st.one_of(st.none(), finite)), currency=draw(st.sampled_from([None, "EUR", "USD"])),
                 low=low, high=high, qualifier=draw(maybe), ends=ends)


periods = st.one_of(st.none(), st.builds(
    Period, start=st.one_of(st.none(), dates), end=st.one_of(st.none(), dates), text=maybe,
    granularity=st.sampled_from(["day", "month", "fiscal_year", "published", "since"])))
ratios = st.one_of(st.none(), st.builds(
    Ratio, factor=finite, qualifier=maybe, text=words, direction=st.sampled_from(["up", "down"]),
    percent=st.one_of(st.none(), finite), base=maybe))


@given(st.builds(
    Claim, id=words, source=words, span=st.tuples(st.integers(0, 10**6), st.integers(0, 10**6)),
    line=st.integers(1, 10**5), column=st.integers(1, 10**4), quote=words, sentence=words, subject=maybe,
    counterparty=maybe, metric=maybe, metric_kind=st.sampled_from([None, "flow", "level", "event"]),
    segment=maybe, value=money(), period=periods,
    modality=st.sampled_from(["actual", "target", "projection", "rumor", "plan"]), conversion_of=maybe,
    round=maybe, cumulative=st.booleans(), part_of=maybe, ratio=ratios,
))
def test_any_claim_round_trips(claim):
    assert _through_text(claim) == claim
