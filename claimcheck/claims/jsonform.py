"""Claims and documents in the JSON form of docs/json.md, and back.

The one serialisation of a claim: `--format json` writes it and the claim store (docs/store.md) keeps it, so a
claim read back is equal to the one extracted (`claim_from_json(claim_json(c)) == c`).
"""

from __future__ import annotations

import math
from typing import Any

from claimcheck.models import Claim, Document
from claimcheck.numbers import finite

DOCUMENT_FIELDS = ("source", "title", "published", "outlet", "url", "date_origin")


def claim_json(claim: Claim) -> dict[str, Any]:
    """A claim as JSON data (built by hand: the hot path of `--format json` over a large corpus)."""
    v, p, r = claim.value, claim.period, claim.ratio
    return {
        "id": claim.id, "source": claim.source, "span": list(claim.span), "line": claim.line,
        "column": claim.column, "quote": claim.quote, "sentence": claim.sentence, "subject": claim.subject,
        "counterparty": claim.counterparty, "metric": claim.metric, "metric_kind": claim.metric_kind,
        "segment": claim.segment,
        "value": {"amount": v.amount, "currency": v.currency, "low": finite(v.low), "high": finite(v.high),
                  "qualifier": v.qualifier, "ends": None if v.ends is None else [finite(e) for e in v.ends]},
        "period": None if p is None else {
            "start": p.start.isoformat() if p.start else None, "end": p.end.isoformat() if p.end else None,
            "text": p.text, "granularity": p.granularity,
        },
        "modality": claim.modality, "conversion_of": claim.conversion_of, "round": claim.round,
        "cumulative": claim.cumulative, "part_of": claim.part_of,
        "ratio": None if r is None else {"factor": r.factor, "qualifier": r.qualifier, "text": r.text,
                                         "direction": r.direction, "percent": r.percent, "base": r.base},
    }


def claim_from_json(data: dict[str, Any]) -> Claim:
    """The claim `claim_json` wrote: an unbounded end (null in JSON) is infinite again."""
    value = data["value"]
    if value["high"] is None or value["low"] is None:
        value = {**value, "low": -math.inf if value["low"] is None else value["low"],
                 "high": math.inf if value["high"] is None else value["high"]}
        data = {**data, "value": value}
    return Claim.model_validate(data)


def document_json(doc: Document) -> dict[str, Any]:
    """A document's metadata as `documents[]` of the JSON output shows it (not its text)."""
    return {
        "source": doc.source, "title": doc.title, "published": doc.published.isoformat() if doc.published else None,
        "outlet": doc.outlet, "url": doc.url, "date_origin": doc.date_origin,
    }


def document_from_json(data: dict[str, Any], relative: str | None = None) -> Document:
    """A document from its metadata, without its text (the claim store keeps none)."""
    return Document.model_validate({**{k: data.get(k) for k in DOCUMENT_FIELDS}, "text": "", "relative": relative})
