"""Ingest and prose masking: metadata from each source, and nothing taken from what is not prose."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml

import claimcheck

HTML = """<!doctype html>
<html><head><title>Acme raises &amp; grows</title>
<meta property="article:published_time" content="2025-03-04T09:00:00Z">
<meta property="og:site_name" content="The Ledger">
<script>var price = "$999 million";</script>
<style>.x:after { content: "€5bn"; }</style>
</head><body>
<p>Acme Robotics raised <b>$40 million</b> in a Series B round last week.</p>
<p><a href="https://example.com/acme-raises-60-million-dollars">Read more</a></p>
<!-- draft note: maybe $70 million? -->
</body></html>
"""

MARKDOWN = """---
title: "Acme's $500 million question"
date: 2025-03-04
outlet: "The Ledger"
url: "https://example.com/acme-500-million"
---

# Acme's big round

Acme Robotics raised [$40 million](https://example.com/acme-raises-60-million-dollars) in March 2025.

```
price = "$123 million"
```

The `$5m` figure in code and <span data-x="$7m">this tag</span> are not prose.
"""


def _extract(tmp_path: Path, name: str, text: str) -> claimcheck.Extraction:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return claimcheck.extract([str(path)])


def test_html_metadata_and_prose_only(tmp_path):
    result = _extract(tmp_path, "story.html", HTML)
    doc = result.documents[0]
    assert (doc.title, doc.published, doc.outlet) == ("Acme raises & grows", dt.date(2025, 3, 4), "The Ledger")
    assert [c.quote for c in result.claims] == ["$40 million"]
    claim = result.claims[0]
    assert (claim.subject, claim.metric, claim.round) == ("Acme Robotics", "funding", "Series B")
    assert claim.period.start == dt.date(2025, 2, 24)  # last week, Monday to Sunday


def test_markdown_front_matter_links_code_and_tags_are_not_prose(tmp_path):
    result = _extract(tmp_path, "story.md", MARKDOWN)
    doc = result.documents[0]
    assert (doc.title, doc.outlet, doc.url) == ("Acme's $500 million question", "The Ledger",
                                                "https://example.com/acme-500-million")
    assert [c.quote for c in result.claims] == ["$40 million"]
    text = doc.text
    claim = result.claims[0]
    assert text[claim.span[0]:claim.span[1]] == "$40 million"


def test_html_canonical_link_is_the_pages_address_and_settles_its_dollar(tmp_path):
    """`<link rel="canonical" href="…">` is the page's own address (no `og:url` meta on many sites): a Canadian
    paper's page at a .ca address writes its bare "$" for Canadian dollars."""
    page = ('<html><head><title>Valcourt maker finds its footing</title>\n'
            '<meta property="article:published_time" content="2025-09-02T06:30:00-04:00">\n'
            '<link href="https://www.estrie-news.ca/en/brp-summer" rel="canonical">\n</head><body><article>\n'
            '<p>Snowline Vehicles Inc. said revenue for the three months ended July 31 rose 4.3 per cent to '
            '$1.89-billion.</p>\n</article></body></html>\n')
    result = _extract(tmp_path, "page.html", page)
    assert result.documents[0].url == "https://www.estrie-news.ca/en/brp-summer"
    assert [(c.quote, c.value.currency) for c in result.claims] == [("$1.89-billion", "CAD")]


def test_a_bare_dollar_converted_into_the_outlets_own_currency_is_american(tmp_path):
    """A Mexican outlet (.mx) writes "$531.9 million (about MXN 10.8 billion)" for a company that reports in US
    dollars: a figure converted into pesos is no figure in pesos, whatever the outlet's country."""
    page = ('<html><head><title>Harina del Norte results</title>\n'
            '<meta property="article:published_time" content="2025-02-28T08:00:00-06:00">\n'
            '<link rel="canonical" href="https://www.norte-economia.mx/empresas/harina-2024">\n</head><body><article>\n'
            '<p>Harina del Norte SAB said net income for 2024 rose 24% to $531.9 million (about MXN 10.8 billion).</p>\n'
            '</article></body></html>\n')
    result = _extract(tmp_path, "page.html", page)
    assert [(c.quote, c.value.currency) for c in result.claims] == [("$531.9 million", "USD"),
                                                                     ("about MXN 10.8 billion", "MXN")]


def test_dateline_when_no_front_matter(tmp_path):
    result = _extract(tmp_path, "wire.txt", "ACME RAISES\nPublished: February 10, 2025\n\nAcme Corp raised $5m today.\n")
    doc = result.documents[0]
    assert (doc.published, doc.date_origin) == (dt.date(2025, 2, 10), "dateline")
    assert result.claims[0].period.start == dt.date(2025, 2, 10)


@pytest.mark.parametrize("line, published", [
    ("Issue 212 | Published: 24 November 2025 | Riyadh", dt.date(2025, 11, 24)),
    ("Weekly note · Published on March 3, 2025 · Updated March 4, 2025", dt.date(2025, 3, 3)),
    ("Published on March 3, 2025 · Updated March 4, 2025", dt.date(2025, 3, 3)),
    ("Dividend: 50 cents | Date of payment: 15 May 2026", None),  # a field of a fact box, no masthead's
])
def test_a_published_field_of_a_masthead_line_dates_the_story(tmp_path, line, published):
    """"Published:" as one field of a masthead line ("Issue 212 | Published: 24 November 2025 | Riyadh") dates the
    story as a line of its own does; the publication date before an update's."""
    result = _extract(tmp_path, "letter.txt", f"OLAYA STREET LETTER\n\n{line}\n\nAcme Corp raised $5m today.\n")
    assert result.documents[0].published == published


@pytest.mark.parametrize("dateline, published", [
    ("BANGKOK, Jan 19, 2026 (Chao Phraya Newswire) - Acme Pcl said", dt.date(2026, 1, 19)),
    ("NEW YORK, Jan. 19, 2026 /PRNewswire/ -- Acme Corp said", dt.date(2026, 1, 19)),
    ("LONDON, Nov 20 (Reuters) - Acme Corp said", None),  # no year: no publication date
])
def test_a_wires_dateline_with_its_year_dates_the_story(tmp_path, dateline, published):
    """A wire's dateline opening a paragraph, with a year ("BANGKOK, Jan 19, 2026 (…) -"), dates the story."""
    result = _extract(tmp_path, "wire.txt", f"Acme's profit rises\n\n{dateline} it raised $5m.\n")
    assert result.documents[0].published == published


@pytest.mark.parametrize("first_line, published", [
    ("South China Markets Wire - May 20, 2025", dt.date(2025, 5, 20)),
    ("THE LEDGER | Tuesday, 20 May 2025", dt.date(2025, 5, 20)),
    ("Harbour Wire — 2025-05-20", dt.date(2025, 5, 20)),
    ("Harbour Wire, May 20, 2025", dt.date(2025, 5, 20)),
    ("Acme sees record sales by May 20, 2026 as orders grow", None),  # a headline's date is no masthead's
    ("Acme profit falls as costs rise - May 20, 2025", None),  # nor is a headline's that ends with one
    ("ACME RAISES", None),
])
def test_a_plain_text_story_dated_by_its_first_line(tmp_path, first_line, published):
    """A masthead line (a publication's name) that ends with the date after a separator dates the story; a
    headline with a date does not."""
    result = _extract(tmp_path, "wire.txt", f"{first_line}\n\nHONG KONG, May 20 - Acme Corp raised $5m today.\n")
    assert result.documents[0].published == published


def test_date_option_only_for_undated_documents(tmp_path):
    (tmp_path / "a.md").write_text("---\ndate: 2024-01-05\n---\nAcme Corp raised $5m today.\n", encoding="utf-8")
    (tmp_path / "b.md").write_text("Acme Corp raised $6m today.\n", encoding="utf-8")
    result = claimcheck.extract([str(tmp_path)], date=dt.date(2025, 6, 1))
    published = {Path(d.source).name: (d.published, d.date_origin) for d in result.documents}
    assert published == {"a.md": (dt.date(2024, 1, 5), "front-matter"), "b.md": (dt.date(2025, 6, 1), "option")}


def test_html_character_references_are_read(tmp_path):
    html = ("<html><head><title>x</title></head><body><p>Acme raised $3&nbsp;billion, or &euro;2.8&nbsp;billion, "
            "and &#36;7 million more.</p></body></html>")
    result = _extract(tmp_path, "story.html", html)
    got = [(c.quote, c.value.amount, c.value.currency) for c in result.claims]
    assert got == [("$3&nbsp;billion", 3e9, "USD"), ("&euro;2.8&nbsp;billion", 2.8e9, "EUR"),
                   ("&#36;7 million", 7e6, "USD")]


def test_crlf_paragraphs_are_sentence_boundaries(tmp_path):
    text = "---\r\ndate: 2025-02-10\r\n---\r\nAcme Robotics update\r\n\r\nNordwind Energy raised $5m in 2024.\r\n"
    path = tmp_path / "crlf.md"
    path.write_bytes(text.encode())
    claim = claimcheck.extract([str(path)]).claims[0]
    assert claim.sentence == "Nordwind Energy raised $5m in 2024."
    assert claim.subject == "Nordwind Energy"


def test_published_wins_over_updated(tmp_path):
    text = "Updated: March 3, 2025\nPublished: February 10, 2025\n\nAcme Corp raised $5m today.\n"
    assert _extract(tmp_path, "wire.txt", text).documents[0].published == dt.date(2025, 2, 10)


def test_utf32_and_control_characters(tmp_path):
    (tmp_path / "u32.md").write_bytes("Acme Corp raised $5m in 2024.".encode("utf-32"))
    (tmp_path / "ctl.txt").write_bytes(b"\x01\x02\x03\x04 $5m " * 200)
    result = claimcheck.extract([str(tmp_path)])
    assert [c.quote for c in result.claims] == ["$5m"]
    assert any(p.fatal and p.source.endswith("ctl.txt") and "binary" in p.message for p in result.problems)


PAGES = yaml.safe_load((Path(__file__).parent / "cases" / "pages.yaml").read_text(encoding="utf-8"))


def _nth(text: str, quote: str, occurrence: int) -> int:
    start = -1
    for _ in range(occurrence):
        start = text.find(quote, start + 1)
        assert start >= 0, f"{quote!r} does not occur {occurrence} time(s) in the page"
    return start


@pytest.mark.parametrize("case", PAGES, ids=[c["id"] for c in PAGES])
def test_page_prose(tmp_path, case):
    """Only the story of a page is read (tests/cases/pages.yaml), and every claim points into the page as
    written: offset, line and column."""
    path = tmp_path / "page.html"
    path.write_bytes(case["html"].encode("utf-8"))  # bytes: CRLF pages stay CRLF
    claims = claimcheck.extract([str(path)]).claims
    text = case["html"]
    want = [w if isinstance(w, dict) else {"quote": w} for w in case["expect"]]
    assert [c.quote for c in claims] == [w["quote"] for w in want]
    for claim, w in zip(claims, want):
        if "occurrence" not in w:
            assert text.count(w["quote"]) == 1, f"{w['quote']!r} occurs more than once: say which occurrence"
        start = _nth(text, w["quote"], w.get("occurrence", 1))
        assert claim.span == (start, start + len(w["quote"]))
        assert (claim.line, claim.column) == (text.count("\n", 0, start) + 1, start - text.rfind("\n", 0, start))


def test_an_ampersand_entity_inside_a_name_keeps_the_name(tmp_path):
    """`M&amp;S` in an HTML page is the name `M&S`, as `M&S` is in plain text (the entity's padding stands
    before the ampersand, not inside the name); `Larsen &amp; Toubro` keeps its spaces."""
    page = ("<html><head><title>Results</title></head><body>"
            "<p>K&amp;V, the Pune engineering group, said net profit rose to ₹5,497 crore in the quarter.</p>"
            "<p>Its rival Brannock &amp; Hale reported revenue of ₹9,810 crore.</p></body></html>")
    result = _extract(tmp_path, "story.html", page)
    assert [(c.quote, c.subject) for c in result.claims] == [
        ("₹5,497 crore", "K&V"), ("₹9,810 crore", "Brannock & Hale")]
    masked = claimcheck.ingest.prose.mask(page, "html")
    assert len(masked) == len(page) and "K    &V" in masked


@pytest.mark.parametrize("first_line, outlet", [
    ("Atlantic Markets Wire", "Atlantic Markets Wire"),
    ("THE DECCAN LEDGER | STREET TALK", "THE DECCAN LEDGER"),
    ("The Salmon Ledger - a weekly letter on farmed seafood markets", "The Salmon Ledger"),
    ("Budapest Briefing (weekly newsletter)", "Budapest Briefing"),
    ("Bharat Newswire Agency", "Bharat Newswire Agency"),  # a news agency, a press service, a bureau
    ("Helvetic Press", "Helvetic Press"),
    ("Gulf Business Bureau", "Gulf Business Bureau"),
    ("KONE LIFTS MARGINS AS SERVICE AND MODERNISATION CARRY THE QUARTER", None),  # a headline
    ("Acme raises $5m to build robots.", None),
])
def test_a_plain_text_masthead_names_the_outlet(tmp_path, first_line, outlet):
    """The line above a plain-text article's "Published:" line is its outlet when it is a publication's name:
    the organisation reader then never takes the outlet for the story's company."""
    result = _extract(tmp_path, "wire.txt", f"{first_line}\nPublished: February 10, 2025\n\nAcme Corp raised $5m today.\n")
    assert result.documents[0].outlet == outlet

