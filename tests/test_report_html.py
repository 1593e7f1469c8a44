"""The HTML report without a browser: one file, nothing fetched, article text escaped (docs/report.md)."""

from __future__ import annotations

import json
import re

import pytest
from hypothesis import given, strategies as st

import claimcheck
from claimcheck.cli import main
from claimcheck.report.html import _split, inline_json, render_html


def test_inline_json_cannot_close_its_script():
    text = inline_json({"q": "</script><script>alert(1)</script><!-- \u2028 & >"})
    assert "<" not in text and ">" not in text and "&" not in text and "\u2028" not in text
    assert json.loads(text)["q"] == "</script><script>alert(1)</script><!-- \u2028 & >"


@pytest.fixture(scope="module")
def demo() -> tuple:
    result = claimcheck.check_paths(["fixtures/corpus"])
    return result, render_html(result)


def test_one_self_contained_file(demo):
    result, html = demo
    assert not re.search(r"""<(?:script|link|img|iframe)\b[^>]*\b(?:src|href)\s*=""", html, re.I)
    assert "http://" not in html.split("<body>")[0] and "https://" not in html.split("<body>")[0]
    for f in result.findings:
        assert f'id="finding-{f.fingerprint}"' in html
    data = re.search(r'<script type="application/json" id="claimcheck-data">(.*?)</script>', html, re.S).group(1)
    assert len(json.loads(data)["findings"]) == len(result.findings)


def test_amounts_are_highlighted_in_their_sentences(demo):
    result, html = demo
    assert "<mark>€15 million</mark>" in html and "<mark>$15 million</mark>" in html


# (sentence, quote, the document's text before the claim) -> the sentence's part before the highlight
SPLITS = [
    ("Acme made €40 million in 2023 and €40 million in 2024.", "€40 million", "Intro.\n\nAcme made €40 million in 2023 and ",
     "Acme made €40 million in 2023 and "),
    ("Acme made €40 million in 2023 and €40 million in 2024.", "€40 million", "Intro.\n\nAcme made ", "Acme made "),
    ("€40 million in 2023 and €40 million in 2024.", "€40 million", "Intro.\n\n", ""),
    ("€40 million in 2023 and €40 million in 2024.", "€40 million", "Intro.\n\n€40 million in\n2023   and ",
     "€40 million in 2023 and "),
    ("Acme raised funds.", "€40\nmillion", "Acme raised ", None),  # a quote not in the sentence: shown alone
    ("Acme raised € 40 million.", "€ 40\n  million", "Acme raised ", "Acme raised "),  # its whitespace collapsed
    ("Acme made €5m, then €5m.", "€5m", "", "Acme made "),  # no document text: the first occurrence
]


@pytest.mark.parametrize("sentence, quote, before, expected", SPLITS)
def test_the_claims_own_occurrence_is_highlighted(sentence, quote, before, expected):
    head, marked, tail = _split(sentence, quote, before)
    if expected is None:
        assert (head, marked, tail) == ("", " ".join(quote.split()), "")
    else:
        assert head == expected and marked == " ".join(quote.split()) and head + marked + tail == sentence


_WORD = st.text(alphabet="abcdefghijklmnop,", min_size=1, max_size=6)


@given(st.lists(_WORD, min_size=0, max_size=4), st.lists(st.lists(_WORD, min_size=1, max_size=4), min_size=1, max_size=4),
       st.data())
def test_any_occurrence_of_a_repeated_figure_is_found(lead, gaps, data):
    """A sentence with the figure written len(gaps) times, raw text with random whitespace: the k-th claim's
    context picks the k-th occurrence."""
    quote, spaces = "€40 million", st.sampled_from([" ", "  ", "\n", " \n\t "])
    words = [*lead]
    starts = []
    for gap in gaps:
        starts.append(len(words))
        words += [quote, *gap]
    raw = [data.draw(spaces).join([w, ""]) for w in words]  # each word then some whitespace
    sentence = " ".join(" ".join(words).split())
    k = data.draw(st.integers(0, len(starts) - 1))
    before = "Previous sentence.\n\n" + "".join(raw[:starts[k]])
    head, marked, _ = _split(sentence, quote, before)
    assert head == " ".join(words[:starts[k]]) + (" " if starts[k] else "")


@pytest.mark.parametrize("sentence, quote, rank, expected", [
    ("Acme made €5m, then €5m.", "€5m", 0, "Acme made "),
    ("Acme made €5m, then €5m.", "€5m", 1, "Acme made €5m, then "),
    ("Acme made €5m.", "€5m", 3, "Acme made "),  # more claims than occurrences: the last one there is
])
def test_without_the_text_the_claims_rank_tells_the_occurrence(sentence, quote, rank, expected):
    head, marked, tail = _split(sentence, quote, "", rank)
    assert head == expected and head + marked + tail == sentence


@pytest.mark.parametrize("year", ["2024", "2023"])
def test_the_command_line_report_marks_the_claims_own_occurrence(tmp_path, year):
    """The command line releases the text after extraction: the second claim of a figure written twice in a
    sentence is still marked where it is written."""
    (tmp_path / "a.md").write_text(
        "---\ntitle: Acme\ndate: 2025-03-01\noutlet: Daily\n---\n\nAcme Corp reported revenue of €40 million "
        f"for 2023 and revenue of €40 million for 2024, the company said.\n", encoding="utf-8")
    (tmp_path / "b.md").write_text(
        "---\ntitle: Acme\ndate: 2025-03-02\noutlet: Herald\n---\n\nAcme Corp reported revenue of €52 million "
        f"for {year}, the company said.\n", encoding="utf-8")
    out = tmp_path / "r.html"
    main(["report", str(tmp_path), "-o", str(out), "--quiet"])
    html = out.read_text(encoding="utf-8")
    second = "for 2023 and revenue of <mark>€40 million</mark> for 2024"
    first = "revenue of <mark>€40 million</mark> for 2023 and revenue of €40 million for 2024"
    assert (second in html, first in html) == ((True, False) if year == "2024" else (False, True))


def test_check_format_html_writes_the_report(tmp_path, capsys):
    out = tmp_path / "r.html"
    assert main(["check", "fixtures/corpus", "--format", "html", "-o", str(out)]) == 1  # findings: as check
    assert out.read_text(encoding="utf-8").startswith("<!doctype html>")
    assert main(["report", "fixtures/corpus", "-o", str(tmp_path / "s.html")]) == 0


def test_findings_as_rows_csv_and_frame(tmp_path):
    import csv

    result = claimcheck.check_paths(["fixtures/corpus"])
    frame = claimcheck.findings_frame(result)
    assert len(frame) == sum(len(f.claims) for f in result.findings)
    assert set(frame["fingerprint"]) == {f.fingerprint for f in result.findings}
    assert str(frame["period_start"].dtype).startswith("datetime64")
    out = tmp_path / "f.csv"
    assert main(["check", "fixtures/corpus", "--format", "csv", "-o", str(out)]) == 1
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert len(rows) == len(frame) and rows[0]["claim"] == frame["claim"][0]
    assert list(rows[0])[:5] == ["fingerprint", "rule", "severity", "message", "claim"]


def test_findings_csv_neutralises_formulas(tmp_path):
    (tmp_path / "a.md").write_text("---\ndate: 2025-03-01\n---\n\n=HYPERLINK Corp raised €40 million in its Series A.\n",
                                   encoding="utf-8")
    (tmp_path / "b.md").write_text("---\ndate: 2025-03-01\n---\n\n=HYPERLINK Corp raised €55 million in its Series A.\n",
                                   encoding="utf-8")
    out = tmp_path / "f.csv"
    main(["check", str(tmp_path), "--format", "csv", "-o", str(out)])
    text = out.read_text(encoding="utf-8")
    assert "=HYPERLINK" in text
    assert not any(cell.startswith("=") for line in text.splitlines() for cell in line.split(","))


@pytest.mark.parametrize("corpus", ["fixtures/corpus", "fixtures/dev"])
@pytest.mark.parametrize("limit", [0, 3, 1000])
def test_every_company_and_metric_has_a_timeline_or_a_link(corpus, limit):
    from claimcheck.report.html import report_context

    result = claimcheck.check_paths([corpus])
    context = report_context(result, timeline_limit=limit)
    pairs = {(c.subject, c.metric) for c in result.extraction.claims if c.subject and c.metric and c.value.currency}
    charted = [(t.company, t.metric) for t in context["timelines"]]
    listed = [(u.company, u.metric) for u in context["timelines_rest"]]
    assert len(charted) <= limit and len(set(charted)) == len(charted) and not set(charted) & set(listed)
    undrawable = set(pairs) - set(charted) - set(listed)  # no claim of the pair has a date: nothing to draw
    assert all(not any(c.period and c.period.start for c in result.extraction.claims if (c.subject, c.metric) == p)
               for p in undrawable)
    assert len(charted) + len(listed) + len(undrawable) == len(pairs)
    findings = [u.findings for u in context["timelines_rest"]]
    assert findings == sorted(findings, reverse=True)  # the busiest pairs are charted first


def test_timeline_converts_at_the_rate_of_the_claims_date():
    """One currency per chart: a claim in another is drawn at the ECB rate of its publication date."""
    from claimcheck.engine.fx import FX
    from claimcheck.report.timeline import timeline_rows

    result = claimcheck.check_paths(["fixtures/corpus"])
    docs = {d.source: d for d in result.extraction.documents}
    fx = FX()
    claims = [c for c in result.extraction.claims if c.value.currency in ("USD", "EUR") and docs[c.source].published]
    rows, unconverted = timeline_rows(claims, docs, set(), "EUR", fx)
    assert unconverted == 0
    by_id = {c.id: c for c in claims}
    converted = [r for r in rows if by_id[r["id"]].value.currency == "USD"]
    assert converted
    for r in converted:
        c = by_id[r["id"]]
        rate = fx.rate("USD", "EUR", fx.clamp(docs[c.source].published))
        assert r["low"] == pytest.approx(c.value.low * rate.low) and r["high"] == pytest.approx(c.value.high * rate.high)
        assert "originally" in r["label"] and "USD" in r["label"] and rate.describe() in r["label"]
    assert all(r["low"] == by_id[r["id"]].value.low for r in rows if by_id[r["id"]].value.currency == "EUR")
