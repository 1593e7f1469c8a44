"""Timelines for the HTML report: every claim of one company and metric as an interval over time.

Drawn with Vega-Lite and rendered to SVG at build time by vl-convert (offline: it embeds the Vega
renderer; no JavaScript in the page): a bar spans a range of values over its period, a point is a precise figure, the
colour is the source, conflicting claims get a thick red outline and targets, projections, rumours and plans
are drawn hollow and dashed. One chart per company, metric and currency (figures are not converted here;
the cards show the conversions). vl-convert costs about 0.7 s to start and 45-80 ms per chart, so only the
`limit` company/metric pairs with the most findings (then the most claims) get a chart.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from claimcheck.models import Claim, Document

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
    claims: tuple[str, ...]
    """Ids of the claims drawn, one mark each."""
    svg: str
    colours: dict[str, str]
    """The legend: source -> colour."""


def _when(claim: Claim, published: dt.date | None) -> tuple[dt.date, dt.date] | None:
    p = claim.period
    if p is not None and p.start is not None and p.end is not None:
        return p.start, p.end
    return (published, published) if published else None


def timeline_rows(claims: Iterable[Claim], documents: dict[str, Document], conflicted: set[str]) -> list[dict]:
    """The chart's data: one row per claim that has a value and a date (its period, else its publication)."""
    rows = []
    for c in claims:
        doc = documents.get(c.source)
        when = _when(c, doc.published if doc else None)
        high = c.value.high
        if when is None or c.value.currency is None or high is None or high != high or high == float("inf"):
            continue
        point = c.value.low == high or c.value.amount is not None and c.value.qualifier is None
        rows.append({
            "id": c.id, "start": when[0].isoformat(), "end": (when[1] + dt.timedelta(days=1)).isoformat(),
            "mid": (when[0] + (when[1] - when[0]) / 2).isoformat(), "low": c.value.low, "high": high,
            "value": c.value.amount if c.value.amount is not None else (c.value.low + high) / 2,
            "source": c.source, "quote": " ".join(c.quote.split()), "modality": c.modality,
            "kind": "point" if point else "range", "conflict": c.id in conflicted,
        })
    return rows


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
        "tooltip": [{"field": "quote", "type": "nominal"}, {"field": "modality", "type": "nominal"},
                    {"field": "source", "type": "nominal"}],
        "description": {"field": "quote", "type": "nominal"},
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
              finding_counts: dict[tuple[str, str], int], limit: int = 20) -> tuple[list[Timeline], int]:
    """Timelines of the busiest company/metric pairs, and how many pairs were left without one."""
    docs = {d.source: d for d in documents}
    groups: dict[tuple[str, str, str], list[Claim]] = {}
    for c in claims:
        if c.subject and c.metric and c.value.currency:
            groups.setdefault((c.subject, c.metric, c.value.currency), []).append(c)
    ranked = sorted(groups, key=lambda k: (-finding_counts.get(k[:2], 0), -len(groups[k]), k))
    out = []
    if ranked[:limit]:
        import vl_convert

        for company, metric, currency in ranked[:limit]:
            rows = timeline_rows(groups[(company, metric, currency)], docs, conflicted)
            if not rows:
                continue
            svg = vl_convert.vegalite_to_svg(chart_spec(rows, f"{company} · {metric} · {currency}"))
            out.append(Timeline(company, metric, currency, tuple(r["id"] for r in rows), svg, source_colours(rows)))
    return out, max(0, len(ranked) - limit)
