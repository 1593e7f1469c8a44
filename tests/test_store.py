"""The claim store against a full read: checking a draft against a store gives exactly the findings (and the
JSON) of checking it against the folder it was indexed from, on the fixture corpora, whether the store reads
only what the draft's claims can be related to (the default rules say what they relate) or everything (a rule
that does not say)."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

import claimcheck
from claimcheck.claims.extract import Extractor
from claimcheck.claims.jsonform import claim_from_json
from claimcheck.engine.check import check_paths, related_metrics
from claimcheck.engine.registry import load_rules
from claimcheck.report.render import check_json
from claimcheck.store.index import index

from conftest import REPO

NEWSROOM_RULES = REPO / "tests" / "data" / "newsroom_rules"


def _articles(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.suffix in (".md", ".html", ".htm", ".txt"))


def _shown(result) -> dict:
    data = check_json(result)
    data.pop("problems")  # the reference's notes are read only with --against (docs/store.md)
    return data


@pytest.fixture(scope="module")
def stores(tmp_path_factory, request):
    """A store per corpus, indexed from the repository's root (sources as a check from there names them)."""
    folder = tmp_path_factory.mktemp("stores")
    made = {}
    with pytest.MonkeyPatch.context() as mp:
        mp.chdir(REPO)
        for corpus in ("fixtures/corpus", "fixtures/dev/articles"):
            made[corpus] = folder / (corpus.replace("/", "-") + ".db")
            index(made[corpus], [corpus])
    return made


def test_the_default_rules_say_what_they_relate():
    related = related_metrics(load_rules(plugins=False))
    assert related is not None
    assert related["revenue"] >= {"arr"} and related["arr"] >= {"revenue"} and related["valuation"] >= {"funding"}


def test_store_gives_the_findings_of_the_folder_on_the_demo_corpus(stores, monkeypatch):
    monkeypatch.chdir(REPO)
    store = stores["fixtures/corpus"]
    reported = 0
    for draft in _articles(REPO / "fixtures" / "corpus"):
        name = f"fixtures/corpus/{draft.name}"
        full = check_paths([name], against=["fixtures/corpus"])
        stored = check_paths([name], store=store)
        assert _shown(stored) == _shown(full), name
        reported += len(full.findings)
    assert reported >= 10  # most of the demo's conflicts involve more than one article


def test_store_gives_the_findings_of_the_folder_on_the_development_corpus(stores, monkeypatch):
    """Each of the 68 articles as the draft: the findings a full check of the corpus has that involve it
    (the rule pass over drafts and reference is the whole corpus's), and the same JSON from the store."""
    monkeypatch.chdir(REPO)
    corpus = "fixtures/dev/articles"
    whole = check_paths([corpus])
    by_source = {c.id: c.source for c in whole.extraction.claims}
    reported = 0
    for draft in _articles(REPO / corpus):
        name = f"{corpus}/{draft.name}"
        expected = [f for f in whole.findings if any(by_source[i] == name for i in f.claims)]
        stored = check_paths([name], store=stores[corpus])
        assert [(f.rule, f.message, f.claims, f.fingerprint) for f in stored.findings] == \
               [(f.rule, f.message, f.claims, f.fingerprint) for f in expected], name
        reported += len(expected)
    assert reported >= 20
    for name in ("adyen-2.md", "klarna-3.md", "northvolt-3.txt", "siemens-2.html"):  # and through --against itself
        draft = f"{corpus}/{name}"
        assert _shown(check_paths([draft], store=stores[corpus])) == _shown(check_paths([draft], against=[corpus]))


def test_a_rule_that_does_not_say_what_it_relates_reads_the_whole_store(stores, monkeypatch):
    monkeypatch.chdir(REPO)
    rules = load_rules([NEWSROOM_RULES], plugins=False)
    assert related_metrics(rules) is None
    for draft in ("fixtures/corpus/07-series-b.md", "fixtures/corpus/04-audio-vision-bet.md"):
        full = check_paths([draft], against=["fixtures/corpus"], rule_paths=[NEWSROOM_RULES])
        stored = check_paths([draft], store=stores["fixtures/corpus"], rule_paths=[NEWSROOM_RULES])
        assert _shown(stored) == _shown(full)


def test_stored_claims_equal_extracted_ones(stores, monkeypatch):
    monkeypatch.chdir(REPO)

    fresh = {c.id: c for read in Extractor().read(["fixtures/corpus"]) for c in read.claims}
    with sqlite3.connect(stores["fixtures/corpus"]) as con:
        stored = {c.id: c for c in (claim_from_json(json.loads(t)) for (t,) in con.execute("SELECT claim FROM claims"))}
    assert stored == fresh and len(stored) > 30


def test_the_library_marks_the_drafts(stores, monkeypatch):
    monkeypatch.chdir(REPO)
    result = claimcheck.check_paths(["fixtures/corpus/05-microsoft-stake.md"], store=stores["fixtures/corpus"])
    assert result.drafts == frozenset({"fixtures/corpus/05-microsoft-stake.md"})
    assert result.reference_documents == 7
    ours = {c.id for c in result.extraction.claims if c.source in result.drafts}
    assert result.findings and all(ours.intersection(f.claims) for f in result.findings)
    plain = claimcheck.check_paths(["fixtures/corpus"])
    assert plain.drafts is None and plain.reference_documents == 0


CASES = sorted(p for p in (REPO / "fixtures" / "rules").iterdir() if p.is_dir())


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_store_gives_the_findings_of_the_folder_on_every_rule_case(case, tmp_path, monkeypatch):
    """Every rule's firing and look-alike cases: each article as the draft, against the store and the folder."""
    from claimcheck.config import load_settings

    monkeypatch.chdir(case)
    config = case / "claimcheck.toml"
    settings = load_settings(config if config.is_file() else None)
    store = tmp_path / "case.db"
    index(store, ["."], settings)
    for draft in _articles(case):
        full = check_paths([f"./{draft.name}"], against=["."], settings=settings)
        stored = check_paths([f"./{draft.name}"], store=store, settings=settings)
        assert _shown(stored) == _shown(full), draft.name
