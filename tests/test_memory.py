"""What a corpus costs in memory until the rule pass (docs/scale.md, "Memory"): claims with shared field-name
sets (claims/compact.py), documents released of their text, JSON written without a dict per claim held."""

from __future__ import annotations

import gc
import io
import pickle
import sys
import tracemalloc
from pathlib import Path

import pytest

from claimcheck.claims.compact import compact
from claimcheck.claims.extract import Extractor
from claimcheck.config import Settings
from claimcheck.claims.jsonform import claim_from_json, claim_json
from claimcheck.engine.check import check_paths
from claimcheck.ingest.directives import document_suppressions, read_suppressions
from claimcheck.report.render import check_json, dump_json, extraction_json, write_check_json, write_json
from claimcheck.models import Money

ROOT = Path(__file__).resolve().parents[1]
CORPORA = [ROOT / "fixtures" / "corpus", ROOT / "fixtures" / "dev"]
LEDGER = "Acme Robotics raised €40 million in a Series B round led by Balderton."
HERALD = "Acme Robotics raised €60 million in a Series B round led by Balderton."
SILENCE = "<!-- claimcheck-disable-next-line cross-source-conflict -- the Herald's figure includes debt -->"


@pytest.fixture(scope="module")
def extractions():
    return {folder.name: (Extractor().run([str(folder)]), Extractor(keep_text=False).run([str(folder)]))
            for folder in CORPORA}


@pytest.mark.parametrize("corpus", [c.name for c in CORPORA])
def test_released_documents_give_the_same_claims_without_their_text(extractions, corpus):
    kept, released = extractions[corpus]
    assert released.claims == kept.claims and released.problems == kept.problems
    assert [d.model_dump(exclude={"text"}) for d in released.documents] == [
        d.model_dump(exclude={"text"}) for d in kept.documents]
    assert all(d.text == "" for d in released.documents)
    assert [document_suppressions(d) for d in released.documents] == [read_suppressions(d.text) for d in kept.documents]


@pytest.mark.parametrize("corpus", [c.name for c in CORPORA])
def test_compact_claims_share_their_field_name_sets_and_stay_equal(extractions, corpus):
    claims = extractions[corpus][1].claims
    assert claims and all(claim_from_json(claim_json(c)) == c for c in claims)
    sets = {id(c.__pydantic_fields_set__) for c in claims} | {id(c.value.__pydantic_fields_set__) for c in claims}
    distinct = {frozenset(c.__pydantic_fields_set__) for c in claims} | {
        frozenset(c.value.__pydantic_fields_set__) for c in claims}
    assert len(sets) == len(distinct)  # one set object per distinct set of names
    sentences = {}
    for c in claims:
        assert sentences.setdefault((c.source, c.sentence), c.sentence) is c.sentence


@pytest.mark.parametrize("corpus", [c.name for c in CORPORA])
def test_equal_periods_and_a_precise_figures_bounds_are_shared_across_the_corpus(extractions, corpus):
    claims = extractions[corpus][1].claims
    periods: dict = {}
    for c in claims:
        if c.period is not None:
            assert periods.setdefault(c.period, c.period) is c.period
        v = c.value
        if v.amount and v.low == v.amount:
            assert v.low is v.amount
    assert len(periods) < sum(c.period is not None for c in claims)


@pytest.mark.parametrize("corpus", [c.name for c in CORPORA])
def test_equal_values_are_one_object_and_a_zero_is_never_shared(extractions, corpus):
    """"$5 million" given by many claims is one `Money`; 0.0 and -0.0 are equal but written differently, so a
    value with a zero keeps its own."""
    claims = extractions[corpus][1].claims
    values: dict = {}
    for c in claims:
        v = c.value
        if v.low and v.high and all(v.ends or (1,)):
            assert values.setdefault(v, v) is v
    assert len(values) < sum(1 for c in claims if c.value.low and c.value.high)
    zero = Money(amount=0.0, currency="USD", low=0.0, high=0.0)
    negative_zero = Money(amount=-0.0, currency="USD", low=-0.0, high=-0.0)
    kept = compact([c.model_copy(update={"value": v}) for c, v in zip(claims, (zero, negative_zero))])
    assert [str(c.value.low) for c in kept] == ["0.0", "-0.0"]


@pytest.mark.parametrize("jobs", [1, 2])
def test_claims_held_share_their_dict_keys_and_offsets_and_stay_equal(jobs):
    """A claim's dict shares its keys with the other claims' (PEP 412: 232 bytes where pydantic's own is 464),
    and so do its value's and its period's, also for claims that come unpickled from a worker; equal offsets of
    spans are one int object."""
    claims = Extractor(Settings(jobs=jobs), keep_text=False).run([str(CORPORA[1])]).claims
    plain = pickle.loads(pickle.dumps(claims))  # the same claims with dicts of their own, as pydantic makes them
    assert len(claims) > 300 and sys.getsizeof(plain[0].__dict__) > sys.getsizeof(claims[0].__dict__)
    for model in [*claims, *(c.value for c in claims), *(c.period for c in claims if c.period)]:
        assert sys.getsizeof(model.__dict__) < sys.getsizeof(dict(model.__dict__)), model
    assert claims == plain and [c.model_dump() for c in claims] == [c.model_dump() for c in plain]
    assert [hash(c.value) for c in claims] == [hash(c.value) for c in plain]
    offsets: dict[int, int] = {}
    for c in claims:
        for offset in c.span:
            assert offsets.setdefault(offset, offset) is offset
    assert any(offset > 256 for offset in offsets)  # not only the ints Python keeps one of anyway
    copy = claims[0].model_copy(update={"subject": "Someone Else"})
    assert copy.subject == "Someone Else" and claims[0].subject == plain[0].subject


def test_findings_share_their_field_name_sets(tmp_path):
    """A finding is completed by `model_copy`, which gives it a fresh set of field names (half a kilobyte):
    the findings of a check share one set per distinct set instead."""
    result = check_paths([str(ROOT / "fixtures" / "corpus")], keep_text=False)
    findings = [*result.findings, *result.suppressed]
    assert len(findings) > 5
    distinct = {frozenset(f.__pydantic_fields_set__) for f in findings}
    assert len({id(f.__pydantic_fields_set__) for f in findings}) == len(distinct)


def test_a_copy_of_a_compact_claim_leaves_the_others_alone(extractions):
    claims = extractions["corpus"][1].claims
    first, *others = [c for c in claims if c.__pydantic_fields_set__ is claims[0].__pydantic_fields_set__]
    before = set(first.__pydantic_fields_set__)
    copy = first.model_copy(update={"segment": "cloud"})
    assert copy.segment == "cloud" and "segment" in copy.model_fields_set
    assert first.model_fields_set == before and all(o.model_fields_set == before for o in others)
    assert compact([copy])[0].model_fields_set >= before


@pytest.mark.parametrize("corpus", [c.name for c in CORPORA])
def test_json_written_lazily_is_the_json_built_whole(extractions, corpus):
    result = extractions[corpus][1]
    written, whole = io.StringIO(), io.StringIO()
    write_json(result, written)
    dump_json(extraction_json(result), whole)
    assert written.getvalue() == whole.getvalue()


def test_suppressions_work_on_released_documents(tmp_path):
    (tmp_path / "ledger.md").write_text(f"---\ndate: 2025-03-01\noutlet: Ledger\n---\n\n{LEDGER}\n")
    (tmp_path / "herald.md").write_text(f"---\ndate: 2025-03-02\noutlet: Herald\n---\n\n{SILENCE}\n{HERALD}\n")
    kept, released = (check_paths([str(tmp_path)], keep_text=keep) for keep in (True, False))
    assert kept.suppressed and not kept.findings
    assert (released.findings, released.suppressed) == (kept.findings, kept.suppressed)
    for result in (kept, released):
        out = io.StringIO()
        write_check_json(result, out)
        whole = io.StringIO()
        dump_json(check_json(result), whole)
        assert out.getvalue() == whole.getvalue()


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_claim_held_for_the_rule_pass_costs_under_2000_bytes(jobs):
    """A bound on what the corpus holds per claim (allocations counted by tracemalloc, not timed): 5.4 kB
    before the field-name sets, periods and bounds were shared and the text released, 1.9 kB after; 1.66 kB
    (one process) and 1.87 kB (two workers) once the claims' dicts share their keys."""
    extractor = Extractor(Settings(jobs=jobs), keep_text=False)
    extractor.run([str(CORPORA[0])])  # what is built once (patterns, tables) is not the corpus's
    gc.collect()
    tracemalloc.start()
    try:
        start = tracemalloc.get_traced_memory()[0]
        result = extractor.run([str(CORPORA[1])])
        gc.collect()
        held = tracemalloc.get_traced_memory()[0] - start
    finally:
        tracemalloc.stop()
    assert len(result.claims) > 300
    assert held / len(result.claims) < 2000, f"{held / len(result.claims):.0f} bytes per claim"


def test_an_empty_corpus_is_written_as_empty_lists(tmp_path):
    result = Extractor(keep_text=False).run([str(tmp_path)])
    written = io.StringIO()
    write_json(result, written)
    whole = io.StringIO()
    dump_json(extraction_json(result), whole)
    assert written.getvalue() == whole.getvalue() and '"claims": []' in written.getvalue()
