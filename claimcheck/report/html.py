"""The fact-checker's report: one self-contained HTML file (docs/report.md).

Rendered by Jinja2 with autoescaping from `templates/report.html.j2`; the CSS and the script are inline, the
data (claims and findings) is inlined as JSON in a `<script type="application/json">` with `<`, `>`, `&` and
the JavaScript line separators escaped, so no article text can close it. Nothing is fetched at view time.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from importlib.resources import files
from typing import Any, TextIO

from claimcheck.models import Claim, Document
from claimcheck.numbers import format_amount
from claimcheck.report.render import check_json, describe_period, describe_value

# Cards shown at a time (and added by "Show N more"): the browser's work per filter change follows the cards
# whose display changes, so it is bounded by this, not by the number of findings (docs/report.md).
PAGE_SIZE = 100
_JSON_ESCAPES = (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"), ("\u2028", "\\u2028"),
                 ("\u2029", "\\u2029"))


def inline_json(data: Any) -> str:
    """JSON that is safe inside a `<script>` element: no `</script>`, `<!--` or line separators survive."""
    text = json.dumps(data, ensure_ascii=False, allow_nan=False, default=str)
    for raw, escaped in _JSON_ESCAPES:  # str.replace: str.translate with a table is 10x slower on megabytes
        text = text.replace(raw, escaped)
    return text


def _environment():
    from jinja2 import Environment, FileSystemLoader, select_autoescape

    folder = str(files("claimcheck.report") / "templates")
    env = Environment(loader=FileSystemLoader(folder), autoescape=select_autoescape(default=True,
                      default_for_string=True), trim_blocks=True, lstrip_blocks=True)
    env.filters["amount"] = format_amount
    return env


def _rates(explanation: Any) -> list[dict]:
    """Every exchange rate an explanation used (a dict with base, quote, low, high, from, to)."""
    found: list[dict] = []
    if isinstance(explanation, dict):
        if {"base", "quote", "low", "high"} <= explanation.keys():
            found.append(explanation)
        for value in explanation.values():
            found.extend(_rates(value))
    elif isinstance(explanation, list):
        for value in explanation:
            found.extend(_rates(value))
    return found


def _split(sentence: str, quote: str, before: str = "", rank: int = 0) -> tuple[str, str, str]:
    """The sentence around the claim's own occurrence of its quote, for highlighting; the quote alone when
    it is not in the sentence.

    `before` is the document's text just before the claim's span. The sentence is whitespace-collapsed, so
    the occurrence is the one whose part of the sentence before it is what the document has before the claim
    (collapsed): the right one when a figure is written twice in a sentence, not the first. Tried from the
    last occurrence back, because an occurrence at the start of the sentence has nothing before it to match.
    Without the text (the command line releases it after extraction: docs/scale.md), `rank` tells which: the
    claim's place among the claims of the same sentence and quote, in the order of the document.
    """
    quote = " ".join(quote.split())
    at = sentence.find(quote)
    if at < 0:
        return "", quote, ""
    found = [at]
    while (at := sentence.find(quote, at + 1)) >= 0:
        found.append(at)
    if len(found) > 1 and before:
        context = " ".join(before.split())
        at = next((a for a in reversed(found) if context.endswith(sentence[:a].rstrip())), found[0])
    else:
        at = found[min(rank, len(found) - 1)]
    return sentence[:at], quote, sentence[at + len(quote):]


def _text_before(c: Claim, doc: Document | None) -> str:
    """The document's text before the claim, long enough to hold the claim's sentence before it (its
    whitespace collapsed in `sentence`, so up to a few times longer here)."""
    if doc is None or not doc.text:
        return ""
    return doc.text[max(0, c.span[0] - 4 * len(c.sentence) - 256):c.span[0]]


def _ranks(claims: Iterable[Claim]) -> dict[str, int]:
    """Each claim's place among the claims of its sentence with the same quote, in the order of the document
    (0 for most): which occurrence of a figure written twice in one sentence is the claim's."""
    seen: Counter[tuple[str, str, str]] = Counter()
    ranks: dict[str, int] = {}
    for c in sorted(claims, key=lambda c: (c.source, c.span)):
        key = (c.source, c.sentence, " ".join(c.quote.split()))
        if seen[key]:
            ranks[c.id] = seen[key]
        seen[key] += 1
    return ranks


def _claim_view(c: Claim, doc: Document | None, explanation: Any, rank: int = 0) -> dict[str, Any]:
    values = explanation.get("values", {}) if isinstance(explanation, dict) else {}
    normalized = values.get(c.id) if isinstance(values, dict) else None
    return {
        "claim": c, "doc": doc, "parts": _split(c.sentence, c.quote, _text_before(c, doc), rank),
        "value": describe_value(c),
        "period": describe_period(c), "normalized": normalized if isinstance(normalized, dict) else None,
    }


def report_context(result, rules: Iterable[Any] = (), timeline_limit: int = 20) -> dict[str, Any]:
    """Everything the template needs: summary counts, cards, filter choices, timelines, inlined data."""
    from claimcheck.report.timeline import timelines

    extraction = result.extraction
    docs = {d.source: d for d in extraction.documents}
    by_id = {c.id: c for c in extraction.claims}
    cards: list[dict[str, Any]] = []
    conflicted: set[str] = set()
    pair_counts: Counter[tuple[str, str]] = Counter()
    ranks = _ranks(extraction.claims)
    for f in result.findings:
        claims = [by_id[i] for i in f.claims if i in by_id]
        conflicted.update(c.id for c in claims)
        company = next((c.subject for c in claims if c.subject), "")
        metric = next((c.metric for c in claims if c.metric), "")
        pair_counts[(company, metric)] += 1
        explanation = f.explanation
        cards.append({
            "f": f, "company": company, "metric": metric, "sources": sorted({c.source for c in claims}),
            "claims": [_claim_view(c, docs.get(c.source), explanation, ranks.get(c.id, 0)) for c in claims],
            "rates": _rates(explanation),
            "gap": explanation.get("gap") if isinstance(explanation, dict) else None,
            "tolerance": explanation.get("tolerance") if isinstance(explanation, dict) else None,
            "explanation": json.dumps(explanation, ensure_ascii=False, indent=1, default=str),
        })
    charts, rest = timelines(extraction.claims, extraction.documents, conflicted, pair_counts, timeline_limit)
    problems = [*extraction.problems, *result.problems]
    data = check_json(result)
    return {
        "documents": extraction.documents, "claims": extraction.claims, "docs": docs, "cards": cards,
        "problems": problems, "severities": Counter(f.severity for f in result.findings),
        "by_rule": Counter(f.rule for f in result.findings), "rules": list(rules),
        "choices": {
            "company": sorted({c["company"] for c in cards if c["company"]}),
            "metric": sorted({c["metric"] for c in cards if c["metric"]}),
            "severity": [s for s in ("error", "warning", "info") if any(f.severity == s for f in result.findings)],
            "rule": sorted({f.rule for f in result.findings}),
            "source": sorted({s for c in cards for s in c["sources"]}),
        },
        "timelines": charts, "timelines_rest": rest, "data": inline_json(data), "page_size": PAGE_SIZE,
    }


def render_html(result, rules: Iterable[Any] = (), timeline_limit: int = 20) -> str:
    return _environment().get_template("report.html.j2").render(report_context(result, rules, timeline_limit))


def write_html(result, out: TextIO, rules: Iterable[Any] = (), timeline_limit: int = 20) -> None:
    """The report of a check (`claimcheck report`, `check --format html`)."""
    out.write(render_html(result, rules, timeline_limit))
