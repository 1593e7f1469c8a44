"""Ingest and prose masking: metadata from each source, and nothing taken from what is not prose."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

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


def test_dateline_when_no_front_matter(tmp_path):
    result = _extract(tmp_path, "wire.txt", "ACME RAISES\nPublished: February 10, 2025\n\nAcme Corp raised $5m today.\n")
    doc = result.documents[0]
    assert (doc.published, doc.date_origin) == (dt.date(2025, 2, 10), "dateline")
    assert result.claims[0].period.start == dt.date(2025, 2, 10)


def test_date_option_only_for_undated_documents(tmp_path):
    (tmp_path / "a.md").write_text("---\ndate: 2024-01-05\n---\nAcme Corp raised $5m today.\n", encoding="utf-8")
    (tmp_path / "b.md").write_text("Acme Corp raised $6m today.\n", encoding="utf-8")
    result = claimcheck.extract([str(tmp_path)], date=dt.date(2025, 6, 1))
    published = {Path(d.source).name: (d.published, d.date_origin) for d in result.documents}
    assert published == {"a.md": (dt.date(2024, 1, 5), "front-matter"), "b.md": (dt.date(2025, 6, 1), "option")}
