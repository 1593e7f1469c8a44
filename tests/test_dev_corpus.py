"""The development corpus (fixtures/dev) as a regression guard: its expectations are well formed, and the
scores of benchmarks/accuracy.py do not fall below the levels reached (README "Accuracy")."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
DEV = ROOT / "fixtures" / "dev"
sys.path.insert(0, str(ROOT / "benchmarks"))

import accuracy  # noqa: E402

# Floors a little under the figures at the last change; raise them when the figures rise.
FLOORS = {"found": 0.99, "value": 0.99, "currency": 0.99, "subject": 0.95, "metric": 0.95, "period": 0.95,
          "modality": 0.97}
PRECISION_FLOOR, RECALL_FLOOR = 1.0, 1.0


@pytest.fixture(scope="module")
def scored():
    import claimcheck

    result = claimcheck.check_paths([str(DEV / "articles")])
    texts = {Path(d.source).name: d.text for d in result.extraction.documents}
    expected, findings = accuracy.load_expected(DEV, texts)
    score, located = accuracy.score_claims(expected, result.extraction)
    return score, accuracy.score_findings(findings, result, located), texts


@pytest.mark.parametrize("corpus", [DEV, DEV.parent / "holdout", DEV.parent / "fresh", DEV.parent / "fresh2",
                                    DEV.parent / "fresh3", DEV.parent / "fresh4",
                                    DEV.parent / "fresh5", DEV.parent / "fresh6", DEV.parent / "fresh7",
                                    DEV.parent / "fresh8", DEV.parent / "fresh9", DEV.parent / "fresh10",
                                    DEV.parent / "fresh11", DEV.parent / "fresh12",
                                    DEV.parent / "fresh13", DEV.parent / "fresh14",
                                    DEV.parent / "fresh15", DEV.parent / "fresh16", DEV.parent / "fresh17",
                                    DEV.parent / "fresh18", DEV.parent / "fresh19",
                                    DEV.parent / "fresh20", DEV.parent / "fresh21",
                                    DEV.parent / "fresh22", DEV.parent / "fresh23", DEV.parent / "fresh24",
                                    DEV.parent / "fresh25", DEV.parent / "fresh26",
                                    DEV.parent / "fresh27", DEV.parent / "fresh28", DEV.parent / "fresh29",
                                    DEV.parent / "fresh30", DEV.parent / "fresh31",
                                    DEV.parent / "fresh32", DEV.parent / "fresh33", DEV.parent / "fresh34",
                                    DEV.parent / "fresh35", DEV.parent / "fresh36",
                                    DEV.parent / "fresh37", DEV.parent / "fresh38", DEV.parent / "fresh39",
                                    DEV.parent / "fresh40", DEV.parent / "fresh41",
                                    DEV.parent / "fresh42", DEV.parent / "fresh43",
                                    DEV.parent / "fresh44", DEV.parent / "fresh45",
                                    DEV.parent / "fresh46", DEV.parent / "fresh47", DEV.parent / "fresh48",
                                    DEV.parent / "fresh49", DEV.parent / "fresh50",
                                    DEV.parent / "fresh51", DEV.parent / "fresh52", DEV.parent / "fresh53",
                                    DEV.parent / "fresh54", DEV.parent / "fresh55",
                                    DEV.parent / "fresh56", DEV.parent / "fresh57",
                                    DEV.parent / "fresh58", DEV.parent / "fresh59",
                                    DEV.parent / "fresh60", DEV.parent / "fresh61",
                                    DEV.parent / "fresh62"],
                         ids=lambda p: p.name)
def test_every_article_has_expectations_and_every_quote_is_in_it(corpus: Path):
    articles = {p.stem: p for p in (corpus / "articles").iterdir()}
    assert {p.stem for p in (corpus / "expected").glob("*.yaml")} == set(articles)
    for path in (corpus / "expected").glob("*.yaml"):
        text = articles[path.stem].read_text(encoding="utf-8")
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for claim in data["claims"]:
            assert accuracy._as_written(claim["quote"], text) in text, f"{path.name}: {claim['quote']!r}"
            assert claim["metric"] is None or isinstance(claim["metric"], str)
        for finding in data.get("findings") or []:
            for c in finding["claims"]:
                written = (corpus / "articles" / c["file"]).read_text(encoding="utf-8")
                assert accuracy._as_written(c["quote"], written) in written, c


def test_per_field_accuracy_holds(scored):
    score, _, _ = scored
    shares = {"found": score.found / score.total, **{f: score.right[f] / score.total for f in accuracy.FIELDS}}
    low = {f: round(v, 3) for f, v in shares.items() if v < FLOORS[f]}
    assert not low, f"below the floor: {low}\n" + "\n".join(score.misses[:40])


def test_findings_precision_and_recall_hold(scored):
    _, (true_positives, reported, wanted, false_alarms, missed), _ = scored
    precision = true_positives / reported if reported else 1.0
    recall = (wanted - len(missed)) / wanted
    assert precision >= PRECISION_FLOOR, "false alarms:\n" + "\n".join(false_alarms)
    assert recall >= RECALL_FLOOR, "missed:\n" + "\n".join(missed)


def test_a_quote_is_found_as_an_html_page_writes_it():
    # an expected file quotes what a reader sees; the page may write the euro sign as an entity
    assert accuracy._as_written("€15.7bn", "revenue of &euro;15.7bn, down") == "&euro;15.7bn"
    assert accuracy._as_written("€15.7bn", "revenue of &#8364;15.7bn, down") == "&#8364;15.7bn"
    assert accuracy._as_written("€15.7bn", "revenue of €15.7bn") == "€15.7bn"
    assert accuracy._as_written("£2bn", "no such figure") == "£2bn"


def test_same_subject_ignores_legal_forms_and_case():
    assert accuracy.same_subject("Adyen N.V.", "adyen")
    assert accuracy.same_subject("Volkswagen Group", "Volkswagen")
    assert not accuracy.same_subject("Samsung", "Samsung Electronics")
    assert accuracy.same_subject(None, None) and not accuracy.same_subject("X", None)


def test_an_expected_finding_may_be_reported_on_either_occurrence_of_a_repeated_quote():
    # "€9.8 million" written twice in one article is one figure: a finding on the second occurrence counts
    from types import SimpleNamespace as NS

    claims = [NS(id=i, source=f"/c/{f}", quote="€9.8m") for i, f in (("a1", "a.md"), ("a2", "a.md"), ("b1", "b.md"))]
    finding = NS(rule="cross-source-conflict", severity="error", claims=["a2", "b1"], message="")
    result = NS(findings=[finding], extraction=NS(claims=claims))
    wanted = [{"rule": "cross-source-conflict",
               "claims": [{"file": "a.md", "quote": "€9.8m"}, {"file": "b.md", "quote": "€8.9m"}]}]
    located = {("a.md", "€9.8m"): ["a1", "a2"], ("b.md", "€8.9m"): ["b1"]}
    assert accuracy.score_findings(wanted, result, located)[0] == 1
    assert accuracy.score_findings(wanted, result, {**located, ("b.md", "€8.9m"): ["b9"]})[0] == 0


def test_an_expected_finding_names_a_quote_as_the_expected_file_writes_it(tmp_path):
    # the page writes "&euro;1.53bn", the expected file (and its findings) "€1.53bn": the finding still matches
    from types import SimpleNamespace as NS

    (tmp_path / "expected").mkdir()
    (tmp_path / "expected" / "v.yaml").write_text('claims:\n  - quote: "€1.53bn"\n', encoding="utf-8")
    (want,), _ = accuracy.load_expected(tmp_path, {"v.html": "EBITDA fell to &euro;1.53bn."})
    assert want.quote == "&euro;1.53bn"
    value = NS(amount=1.53e9, low=1.525e9, high=1.535e9, currency="EUR")
    claim = NS(id="c1", source="/c/v.html", span=want.span, value=value, subject=None, metric=None,
               modality="actual", period=None)
    _, located = accuracy.score_claims([want], NS(claims=[claim]))
    assert located == {("v.html", "€1.53bn"): ["c1"]}
