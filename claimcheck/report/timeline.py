"""Timelines for the HTML report: every claim of one company and metric as an interval over time.

Drawn with Vega-Lite and rendered to SVG at build time by vl-convert (offline: it embeds the Vega
renderer; no JavaScript in the page): a bar spans a range of values over its period, a point is a precise figure, the
colour is the source, conflicting claims get a thick red outline and targets, projections, rumours and plans
are drawn hollow and dashed. One chart per company and metric, in one currency (the one its claims share,
else EUR, as the rules compare): a claim in another currency is converted at the ECB reference rate of its
date (its publication, else the end of its period) by the rules' own FX table, its original figure and the
rate kept in the tooltip. vl-convert costs about 0.7 s to start and 45-80 ms per chart, so only the `limit`
company/metric pairs with the most findings (then the most claims) get a chart; the rest are listed.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from claimcheck.engine.compare import common_currency, in_currency
from claimcheck.engine.fx import FX
from claimcheck.models import Claim, Document
from claimcheck.numbers import format_amount
from claimcheck.report.render import describe_value

ACTUAL = "actual"
PALETTE = ("#4c78a8", "#f58518", "#54a24b", "#b279a2", "#e45756", "#72b7b2", "#eeca3b", "#ff9da6", "#9d755d",
           "#bab0ac")  # Vega's tableau10


def source_colours(rows: list[dict]) -> dict[str, str]:
    """Each source of a chart and its colour (sorted by source; the palette repeats past ten)."""
    return {s: PALETTE[i % len(PALETTE)] for i, s in enumerate(sorted({r["source"] for r in rows}))}


@dataclass(frozen=True)
class Timeline:
    company: str
    metric: str
    currency: str
    """The one currency of the chart's amounts."""
    claims: tuple[str, ...]
    """Ids of the claims drawn, one mark each."""
    svg: str
    colours: dict[str, str]
    """The legend: source -> colour."""
    converted: int = 0
    """How many of the claims drawn were converted from another currency."""
    unconverted: int = 0
    """Claims left out: in a currency with no ECB rate for their date."""


@dataclass(frozen=True)
class Untimed:
    """A company/metric pair beyond the charted ones: listed, with a link to its claims in the table."""

    company: str
    metric: str
    claims: int
    findings: int


def _when(claim: Claim, published: dt.date | None) -> tuple[dt.date, dt.date] | None:
    p = claim.period
    if p is not None and p.start is not None and p.end is not None:
        return p.start, p.end
    return (published, published) if published else None


def _in_currency(claim: Claim, currency: str, published: dt.date | None, when: tuple[dt.date, dt.date], fx: FX):
    """The claim's interval in `currency` at the rate of its date: its publication (when the writer's
    figure was current), else the end of its period; None when no rate applies."""
    day = published or when[1]
    return in_currency(claim, currency, fx, published, window=(day, day))


def timeline_rows(claims: Iterable[Claim], documents: dict[str, Document], conflicted: set[str],
                  currency: str | None = None, fx: FX | None = None) -> tuple[list[dict], int]:
    """The chart's data: one row per claim that has a value and a date (its period, else its publication),
    in `currency` (default: each claim's own); and how many claims no rate could convert."""
    rows, unconverted = [], 0
    for c in claims:
        doc = documents.get(c.source)
        published = doc.published if doc else None
        when = _when(c, published)
        high = c.value.high
        if when is None or c.value.currency is None or high is None or high != high or high == float("inf"):
            continue
        low, amount, rate = c.value.low, c.value.amount, ""
        if currency is not None and c.value.currency != currency and fx is not None:
            converted = _in_currency(c, currency, published, when, fx)
            if converted is None:
                unconverted += 1
                continue
            factor = converted.rate.low if converted.rate else 1.0  # one day: one rate
            low, high, rate = converted.low, converted.high, converted.rate.describe() if converted.rate else ""
            amount = amount * factor if amount is not None else None
        point = c.value.low == c.value.high or c.value.amount is not None and c.value.qualifier is None
        rows.append({
            "id": c.id, "start": when[0].isoformat(), "end": (when[1] + dt.timedelta(days=1)).isoformat(),
            "mid": (when[0] + (when[1] - when[0]) / 2).isoformat(), "low": low, "high": high,
            "value": amount if amount is not None else (low + high) / 2,
            "source": c.source, "modality": c.modality, "kind": "point" if point else "range",
            "conflict": c.id in conflicted,
            "label": _label(c, low, high, (amount if amount is not None else (low + high) / 2) if point else None,
                            currency or c.value.currency, rate),
        })
    return rows, unconverted


def _label(c: Claim, low: float, high: float, amount: float | None, currency: str, rate: str) -> str:
    """A mark's tooltip: the quote, the value drawn (a point's amount, else the range) and, when converted,
    the original figure and the rate."""
    drawn = format_amount(amount) if amount is not None else f"{format_amount(low)}–{format_amount(high)}"
    text = f"{' '.join(c.quote.split())}: {drawn} {currency}"
    if rate:
        text += f" (originally {describe_value(c)}; {rate})"
    return f"{text} · {c.modality} · {c.source}"


_MARK = re.compile(r'<path aria-label="([^"]*)" role="graphics-symbol"([^>]*?)/>')


def with_tooltips(svg: str) -> str:
    """A static SVG has no Vega tooltips: each mark gets its label (the spec's `description`) as an SVG
    <title>, which browsers show on hover, with no script."""
    return _MARK.sub(lambda m: f'<path aria-label="{m[1]}" role="graphics-symbol"{m[2]}><title>'
                     f"{html.escape(html.unescape(m[1]), quote=False)}</title></path>", svg)


def chart_spec(rows: list[dict], title: str) -> dict[str, Any]:
    """The Vega-Lite spec of one timeline: ranges as rectangles, precise figures as points (written as data:
    Altair's schema validation of every chart cost 20 s on a 5 MB corpus)."""
    tentative = f"datum.modality != '{ACTUAL}'"
    # A Vega legend costs vl-convert more than the marks (0.1 s -> 0.5 s for eight sources): the colours are
    # fixed here and the page draws the legend in HTML (`colours`).
    domain, colours = zip(*source_colours(rows).items())
    encoding = {
        "color": {"field": "source", "type": "nominal", "legend": None,
                  "scale": {"domain": list(domain), "range": list(colours)}},
        "stroke": {"condition": {"test": "datum.conflict", "value": "#c00000"}, "value": "#444444"},
        "strokeWidth": {"condition": {"test": "datum.conflict", "value": 2.5}, "value": 0.5},
        "strokeDash": {"condition": {"test": tentative, "value": [4, 2]}, "value": [1, 0]},
        "fillOpacity": {"condition": {"test": tentative, "value": 0.15}, "value": 0.65},
        "description": {"field": "label", "type": "nominal"},  # the tooltip: with_tooltips()
    }
    ranges = {
        "transform": [{"filter": "datum.kind == 'range'"}], "mark": {"type": "rect"},
        "encoding": {**encoding, "x": {"field": "start", "type": "temporal", "title": None},
                     "x2": {"field": "end"}, "y": {"field": "low", "type": "quantitative", "title": None,
                                                  "scale": {"zero": False}}, "y2": {"field": "high"}},
    }
    points = {
        "transform": [{"filter": "datum.kind == 'point'"}], "mark": {"type": "point", "size": 90, "filled": True},
        "encoding": {**encoding, "x": {"field": "mid", "type": "temporal"},
                     "y": {"field": "value", "type": "quantitative"},
                     "shape": {"condition": {"test": tentative, "value": "diamond"}, "value": "circle"}},
    }
    return {"$schema": "https://vega.github.io/schema/vega-lite/v5.json", "title": title, "width": 560,
            "height": 160, "data": {"values": rows}, "layer": [ranges, points]}


def timelines(claims: Iterable[Claim], documents: Iterable[Document], conflicted: set[str],
              finding_counts: dict[tuple[str, str], int], limit: int = 20) -> tuple[list[Timeline], list[Untimed]]:
    """Timelines of the `limit` busiest company/metric pairs, and the pairs left without one (busiest first)."""
    docs = {d.source: d for d in documents}
    groups: dict[tuple[str, str], list[Claim]] = {}
    for c in claims:
        if c.subject and c.metric and c.value.currency:
            groups.setdefault((c.subject, c.metric), []).append(c)
    ranked = sorted(groups, key=lambda k: (-finding_counts.get(k, 0), -len(groups[k]), k))
    out = []
    if ranked[:limit]:
        import vl_convert

        from claimcheck.engine.providers import shared_fx

        fx = shared_fx()
        for company, metric in ranked[:limit]:
            group = groups[(company, metric)]
            currency = common_currency(group) or ""
            rows, unconverted = timeline_rows(group, docs, conflicted, currency, fx)
            if not rows:
                continue
            svg = with_tooltips(vl_convert.vegalite_to_svg(chart_spec(rows, f"{company} · {metric} · {currency}")))
            by_id = {c.id: c for c in group}
            converted = sum(1 for r in rows if by_id[r["id"]].value.currency != currency)
            out.append(Timeline(company, metric, currency, tuple(r["id"] for r in rows), svg, source_colours(rows),
                                converted, unconverted))
    rest = [Untimed(company, metric, len(groups[(company, metric)]), finding_counts.get((company, metric), 0))
            for company, metric in ranked[limit:]]
    return out, rest
