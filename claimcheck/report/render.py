"""Output formats for an extraction: versioned JSON, flat rows (CSV, DataFrame) and a terminal table.

The JSON layout is documented in docs/json.md; bump `SCHEMA_VERSION` on any incompatible change.
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any, TextIO

from claimcheck.claims.jsonform import claim_json, document_json
from claimcheck.models import Claim, Extraction
from claimcheck.numbers import finite, format_amount
from claimcheck.report.locations import claims_by_id, finding_locations, one_line
from claimcheck.report.spool import Spooled, spool

SCHEMA_VERSION = 1

FLAT_COLUMNS = (
    "id", "source", "line", "column", "start", "end", "quote", "subject", "counterparty", "metric", "metric_kind",
    "segment", "amount", "currency", "low", "high", "qualifier", "period_start", "period_end", "period_text",
    "granularity", "modality", "conversion_of", "round", "cumulative", "sentence",
)


class _Mapped:
    """`form` applied to each of `items` as the writer comes to it: a corpus's JSON is written without a dict
    for each of its claims held at once (docs/scale.md, "Memory")."""

    def __init__(self, form: Callable[[Any], Any], items: Sequence[Any]) -> None:
        self.form, self.items = form, items

    def __len__(self) -> int:
        return len(self.items)

    def __iter__(self) -> Iterator[Any]:
        return map(self.form, self.items)


def extraction_json(result: Extraction, lazy: bool = False, spooled: Spooled | None = None) -> dict[str, Any]:
    """The JSON data of docs/json.md; `lazy`: documents and claims made as they are written (`dump_json`), the
    claims by `spooled` when given (`spool_claims`)."""
    documents = _Mapped(document_json, result.documents)
    claims: _Mapped | Spooled = _Mapped(claim_json, result.claims)
    if spooled is not None:
        if spooled.items is result.claims:
            claims = spooled
        else:  # spooled for other claims (the output shows fewer): not used
            spooled.discard()
    return {
        "schema": "claimcheck.extract",
        "version": SCHEMA_VERSION,
        "documents": documents if lazy else list(documents),
        "claims": claims if lazy else list(claims),
        "problems": [p.model_dump(mode="json") for p in result.problems],
    }


_ENCODE = json.JSONEncoder(ensure_ascii=False, allow_nan=False, default=str).encode
"""`json.dumps(x, ensure_ascii=False, allow_nan=False, default=str)` with one encoder for every item: `dumps`
with options makes a new one per call (a third of the time of writing a claim)."""


def spool_claims(result: Extraction, share: float = 1.0) -> Spooled | None:
    """The JSON of the last `share` of `result`'s claims being encoded from now on by a forked child, for
    `write_json` or `write_check_json` (claimcheck.report.spool); None when not worth it or not possible."""
    return spool(claim_json, result.claims, _ENCODE, share)


def dump_json(data: dict[str, Any], out: TextIO) -> None:
    """Top-level keys on their own lines and one list item per line: readable, diffable, greppable, and
    written by the C encoder (`indent=` would switch json to its pure-Python encoder: 5x slower)."""
    out.write("{\n")
    keys = list(data)
    for k, key in enumerate(keys):
        value = data[key]
        out.write(f"  {json.dumps(key)}: ")
        if isinstance(value, Spooled) and len(value):
            out.write("[\n")
            value.write_lines(out)
            out.write("  ]")
        elif isinstance(value, (list, _Mapped)) and len(value):
            out.write("[\n")
            last = len(value) - 1
            for i, item in enumerate(value):
                out.write("    " + _ENCODE(item))
                out.write(",\n" if i < last else "\n")
            out.write("  ]")
        else:
            value = list(value) if isinstance(value, (_Mapped, Spooled)) else value  # an empty one
            out.write(_ENCODE(value))
        out.write(",\n" if k < len(keys) - 1 else "\n")
    out.write("}\n")


def write_json(result: Extraction, out: TextIO, spooled: Spooled | None = None) -> None:
    dump_json(extraction_json(result, lazy=True, spooled=spooled), out)


def flat_row(claim: Claim) -> dict[str, Any]:
    """One claim as a flat record: the shape of CSV rows and DataFrame rows."""
    period = claim.period
    return {
        "id": claim.id, "source": claim.source, "line": claim.line, "column": claim.column,
        "start": claim.span[0], "end": claim.span[1], "quote": claim.quote, "subject": claim.subject,
        "counterparty": claim.counterparty, "metric": claim.metric, "metric_kind": claim.metric_kind,
        "segment": claim.segment, "amount": claim.value.amount,
        "currency": claim.value.currency, "low": finite(claim.value.low),
        "high": finite(claim.value.high), "qualifier": claim.value.qualifier,
        "period_start": period.start.isoformat() if period and period.start else None,
        "period_end": period.end.isoformat() if period and period.end else None,
        "period_text": period.text if period else None,
        "granularity": period.granularity if period else None, "modality": claim.modality,
        "conversion_of": claim.conversion_of, "round": claim.round, "cumulative": claim.cumulative,
        "sentence": claim.sentence,
    }


def write_csv(result: Extraction, out: TextIO) -> None:
    """Flat rows, one per claim."""
    _write_rows(out, FLAT_COLUMNS, (flat_row(claim) for claim in result.claims))


def _write_rows(out: TextIO, columns: tuple[str, ...], rows: Iterable[dict[str, Any]]) -> None:
    """CSV; a text cell that a spreadsheet would run as a formula (`=`, `+`, `-`, `@` first) gets a leading
    apostrophe (numbers are written as numbers)."""
    writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: ("'" + v if isinstance(v, str) and v.startswith(_CSV_FORMULA) else v)
                         for k, v in row.items()})


def describe_value(claim: Claim) -> str:
    v = claim.value
    cur = v.currency or "(no currency)"
    point = f"{format_amount(v.amount)} " if v.amount is not None else ""
    return f"{point}[{format_amount(v.low)}–{format_amount(v.high)}] {cur}"


def describe_period(claim: Claim) -> str:
    p = claim.period
    if p is None:
        return "—"
    if not p.resolved:
        return f"{p.text} (unresolved)"
    span = p.start.isoformat() if p.start == p.end else f"{p.start}…{p.end}"  # type: ignore[union-attr]
    return f"as of {span}" if p.granularity == "published" else span


TEXT_COLUMNS = (("line", 8), ("quote", 36), ("value", 34), ("subject", 20), ("metric", 10), ("period", 24),
                ("modality", 10), ("note", 40))


def _cell(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


# Control characters, ESC sequences and bidirectional overrides from article text must not reach a terminal
# (a quote that clears the screen or reverses a line); newlines and tabs are the writers' own.
_UNPRINTABLE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_CSV_FORMULA = ("=", "+", "-", "@", "\t", "\r")


def printable(text: str) -> str:
    """`text` with every control, escape and bidi-override character shown as U+FFFD."""
    return _UNPRINTABLE.sub("\ufffd", text)


class _PrintableWriter:
    """A text stream that passes `printable()` text on (for the plain-text writers)."""

    def __init__(self, out: TextIO) -> None:
        self.out = out

    def write(self, text: str) -> int:
        return self.out.write(printable(text))


def write_text(result: Extraction, out: TextIO) -> None:
    """One aligned table per document (plain text: fast on large corpora, stable in logs and pipes)."""
    out = _PrintableWriter(out)  # type: ignore[assignment]
    by_source: dict[str, list[Claim]] = {}
    for c in result.claims:
        by_source.setdefault(c.source, []).append(c)
    quotes = {c.id: c.quote for c in result.claims}
    for doc in result.documents:
        claims = by_source.get(doc.source, [])
        if not claims:
            continue
        published = doc.published.isoformat() if doc.published else "undated"
        out.write(f"{doc.source}  {doc.title or ''}  ({doc.outlet or 'unknown outlet'}, {published})\n")
        rows = []
        for c in claims:
            note = []
            if c.conversion_of:
                note.append(f"converts {quotes.get(c.conversion_of, 'another amount')}")
            if c.part_of:
                note.append(f"part of {quotes.get(c.part_of, 'another amount')}")
            if c.counterparty:
                note.append(f"with {c.counterparty}")
            if c.round:
                note.append(c.round)
            if c.cumulative:
                note.append("total")
            if c.ratio:
                note.append(c.ratio.text)
            rows.append((f"{c.line}:{c.column}", " ".join(c.quote.split()), describe_value(c), c.subject or "—",
                         c.metric or "—", describe_period(c), c.modality, ", ".join(note)))
        widths = [
            min(limit, max(len(name), *(len(r[i]) for r in rows))) for i, (name, limit) in enumerate(TEXT_COLUMNS)
        ]
        out.write("  " + "  ".join(name.ljust(w) for (name, _), w in zip(TEXT_COLUMNS, widths)).rstrip() + "\n")
        for r in rows:
            out.write("  " + "  ".join(_cell(x, w).ljust(w) for x, w in zip(r, widths)).rstrip() + "\n")
        out.write("\n")
    out.write(
        f"{len(result.documents)} document(s), {len(result.claims)} claim(s), {len(result.problems)} problem(s)\n"
    )


# ---------------------------------------------------------------- findings (claimcheck check)
SEVERITY_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}


def finding_json(f, by_id: dict[str, Claim]) -> dict[str, Any]:
    """A finding with the place of each of its claims, so that a reader needs no join with `claims`."""
    return {
        "rule": f.rule, "severity": f.severity, "message": f.message, "claims": list(f.claims),
        "locations": [loc.as_dict() for loc in finding_locations(f, by_id)],
        "explanation": f.explanation, "fingerprint": f.fingerprint, "stable_fingerprint": f.stable_fingerprint,
    }


def check_json(result, lazy: bool = False, spooled: Spooled | None = None) -> dict[str, Any]:
    """The extract schema plus findings (docs/json.md); `lazy` and `spooled` as for `extraction_json`."""
    data = extraction_json(result.extraction, lazy, spooled)
    data["schema"] = "claimcheck.check"
    data["problems"].extend(p.model_dump(mode="json") for p in result.problems)
    by_id = claims_by_id(result)
    data["findings"] = [finding_json(f, by_id) for f in result.findings]
    data["suppressed"] = len(result.suppressed)
    data["baselined"] = len(result.baselined)
    if result.drafts is not None:  # checked against a reference: which documents were the drafts
        data["drafts"] = sorted(result.drafts)
        data["reference_documents"] = result.reference_documents
    return data


def write_check_json(result, out: TextIO, spooled: Spooled | None = None) -> None:
    dump_json(check_json(result, lazy=True, spooled=spooled), out)


FINDING_COLUMNS = ("fingerprint", "rule", "severity", "message", "claim", *FLAT_COLUMNS[1:])


def finding_rows(result) -> Iterator[dict[str, Any]]:
    """One flat record per finding and claim: the finding's fields, then the claim's (its id as `claim`)."""
    by_id = {c.id: c for c in result.extraction.claims}
    for f in result.findings:
        head = {"fingerprint": f.fingerprint, "rule": f.rule, "severity": f.severity, "message": f.message}
        for cid in f.claims:
            claim = by_id.get(cid)
            row = flat_row(claim) if claim else dict.fromkeys(FLAT_COLUMNS)
            row.pop("id")
            yield {**head, "claim": cid, **row}


def write_check_csv(result, out: TextIO) -> None:
    """`check --format csv`: one row per finding and claim."""
    _write_rows(out, FINDING_COLUMNS, finding_rows(result))


def write_check_text(result, out: TextIO, color: bool | None = None) -> None:
    """Findings grouped by severity, each with its evidence: where, the quote, the sentence, the arithmetic."""
    from rich.console import Console
    from rich.markup import escape

    # On a terminal, lines wrap at its width; anywhere else (a pipe, a file, a CI log) a line is never
    # broken, so that each message stays one line for grep and for log viewers that wrap on their own.
    tty = out.isatty()
    console = Console(file=out, highlight=False, force_terminal=color, soft_wrap=not tty,
                      width=None if tty else 120)
    by_id = claims_by_id(result)
    for severity in ("error", "warning", "info"):
        group = [f for f in result.findings if f.severity == severity]
        if not group:
            continue
        style = SEVERITY_STYLE[severity]
        console.print(f"[{style}]{severity.upper()}S ({len(group)})[/{style}]")
        for f in group:
            message = escape(printable(one_line(f.message)))
            console.print(f"[{style}]{severity}[/{style}] [bold]{f.rule}[/bold]: {message}")
            for cid in f.claims:
                c = by_id.get(cid)
                if c is None:
                    continue
                quote = escape(printable(one_line(c.quote)))
                around = escape(printable(_around(c.sentence, c.quote, 140)))
                where = f"{escape(printable(c.source))}:{c.line}:{c.column}"
                console.print(f"    {where}  [bold]{quote}[/bold]  — {around}")
            if f.location is not None:  # a finding about a suppression comment: where it is
                console.print(f"    {escape(printable(f.location.source))}:{f.location.line}:{f.location.column}")
            console.print(f"    [dim]fingerprint {f.fingerprint}[/dim]")
        console.print()
    counts = {s: sum(1 for f in result.findings if f.severity == s) for s in ("error", "warning", "info")}
    left_out = [f"{len(result.suppressed)} suppressed"] if result.suppressed else []
    if result.baselined:
        left_out.append(f"{len(result.baselined)} baselined")
    read = f"{len(result.extraction.documents)} document(s), {len(result.extraction.claims)} claim(s)"
    if result.drafts is not None:
        drafted = [c for c in result.extraction.claims if c.source in result.drafts]
        read = (f"{len(result.drafts)} draft(s), {len(drafted)} claim(s), against "
                f"{result.reference_documents:,} reference document(s)")
    console.print(
        f"{read}: {counts['error']} error(s), {counts['warning']} warning(s), {counts['info']} note(s)"
        + (f"; {', '.join(left_out)}" if left_out else "")
    )


def _around(sentence: str, quote: str, limit: int) -> str:
    """At most `limit` characters of `sentence`, centred on `quote`."""
    if len(sentence) <= limit:
        return sentence
    at = max(0, sentence.find(" ".join(quote.split())))
    start = max(0, min(at - limit // 3, len(sentence) - limit))
    text = sentence[start:start + limit]
    return ("…" if start else "") + text + ("…" if start + limit < len(sentence) else "")


def write_rules(rules, out: TextIO, fmt: str = "text") -> None:
    """`claimcheck rules`: each rule with its what / why / example and settings."""
    if fmt == "json":
        json.dump([
            {"id": r.id, "code": r.code, "severity": r.severity, "tags": list(r.tags), "summary": r.summary,
             "what": r.section("What"), "why": r.section("Why"), "example": r.section("Example"),
             "settings": r.settings, "providers": list(r.params), "origin": r.origin}
            for r in rules
        ], out, indent=2, ensure_ascii=False, default=str)
        out.write("\n")
        return
    for r in rules:
        code = f" ({r.code})" if r.code else ""
        out.write(f"{r.id}{code}  [{r.severity}]  {r.summary}\n")
        for name in ("What", "Why", "Example"):
            if r.section(name):
                out.write(f"    {name.lower()}: {r.section(name)}\n")
        if r.settings:
            out.write("    settings: " + ", ".join(f"{k} = {v!r}" for k, v in r.settings.items()) + "\n")
        out.write(f"    asks for: {', '.join(r.params) or 'nothing'}\n\n")


def write_providers(providers, out: TextIO, fmt: str = "text") -> None:
    """`claimcheck providers`: what a rule can name as a parameter (like `pytest --fixtures`)."""
    ordered = sorted(providers, key=lambda p: p.name)
    if fmt == "json":
        json.dump([{"name": p.name, "scope": p.scope, "doc": p.doc} for p in ordered], out, indent=2)
        out.write("\n")
        return
    for p in ordered:
        scope = "once per run" if p.scope == "run" else "the rule runs once per item"
        out.write(f"{p.name}  ({scope})\n    {' '.join(p.doc.split())}\n")
