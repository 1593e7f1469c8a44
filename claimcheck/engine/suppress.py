"""Suppression comments applied to findings (docs/ci.md, "Suppressions").

A finding is silenced when ANY of its claims lies where a directive covers the finding's rule (named by id,
by code, or `all`): a suppression in one article silences the conflict it is part of, wherever the other
reports are, as an editor who marks a known discrepancy in their draft expects. Findings with no claim
have no place in a file and can only be baselined. Directives are checked in turn, and what is wrong with
them is reported as findings of their own (never silenced): no reason, silencing nothing, an unknown rule,
or a directive that cannot be read. Every step is linear in claims and directives (sorted stretches and
bisection, no pair of claim and directive compared).
"""

from __future__ import annotations

from bisect import bisect_left
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from claimcheck.engine.findings import Finding, Location, Severity, fingerprint, stable_fingerprint
from claimcheck.ingest.directives import ALL, KINDS, Directive, Suppressions, document_suppressions
from claimcheck.models import Claim, Document

#: What is reported about the directives themselves: rule id -> severity (docs/ci.md lists them).
DIRECTIVE_RULES: dict[str, Severity] = {
    "invalid-suppression": "warning",
    "unknown-suppression-rule": "warning",
    "suppression-without-reason": "info",
    "unused-suppression": "info",
}


@dataclass(frozen=True)
class Outcome:
    """Findings kept, findings silenced, and the findings about the directives themselves."""

    kept: list[Finding]
    suppressed: list[Finding]
    notes: list[Finding]


class _Stretches:
    """Disjoint, sorted offset ranges: does a span touch any of them?"""

    def __init__(self, ranges: Iterable[tuple[int, int]]) -> None:
        merged: list[list[int]] = []
        for start, end in sorted(ranges):
            if merged and start <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], end)
            else:
                merged.append([start, end])
        self.starts = [m[0] for m in merged]
        self.ends = [m[1] for m in merged]

    def touches(self, start: int, end: int) -> bool:
        i = bisect_left(self.ends, start + 1)  # the first range ending after `start`
        return i < len(self.starts) and self.starts[i] < max(end, start + 1)


class _Spans:
    """Claim spans, any order: does a range overlap one of them? (prefix maxima of the ends)"""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        spans.sort()
        self.starts = [s for s, _ in spans]
        self.max_end: list[int] = []
        high = -1
        for _, end in spans:
            high = max(high, end)
            self.max_end.append(high)

    def overlaps(self, start: int, end: int) -> bool:
        i = bisect_left(self.starts, max(end, start + 1))  # spans starting before the range ends
        return i > 0 and self.max_end[i - 1] > start


def apply_suppressions(
    findings: list[Finding], documents: Iterable[Document], claims: dict[str, Claim],
    known: dict[str, str], ran: set[str], paths: dict[str, str],
) -> Outcome:
    """Split `findings` by the directives of `documents`. `known` maps every loaded rule's id and code to
    its id; `ran` holds the ids of the rules that ran (a directive for a rule left out by --select is not
    "unused"); `paths` maps a source to its path below the scanned folder, for fingerprints."""
    read = {d.source: s for d in documents if (s := document_suppressions(d)).directives}
    if not read:
        return Outcome(list(findings), [], [])
    stretches = {source: _stretches(s, known) for source, s in read.items()}
    kept: list[Finding] = []
    suppressed: list[Finding] = []
    touched: dict[str, dict[str, list[tuple[int, int]]]] = {source: defaultdict(list) for source in read}
    for f in findings:
        silenced = False
        for cid in f.claims:
            claim = claims.get(cid)
            covered = stretches.get(claim.source) if claim is not None else None
            if claim is None or not covered:
                continue
            touched[claim.source][f.rule].append(claim.span)  # the claims of findings, by rule and file
            touched[claim.source][ALL].append(claim.span)
            silenced = silenced or any(
                name in covered and covered[name].touches(*claim.span) for name in (f.rule, ALL))
        (suppressed if silenced else kept).append(f)
    notes = [note for source, s in read.items()
             for note in _notes(source, s, touched[source], known, ran, paths.get(source) or source)]
    return Outcome(kept, suppressed, notes)


def _stretches(s: Suppressions, known: dict[str, str]) -> dict[str, _Stretches]:
    """Per rule id (or `all`), the stretches of the file its directives cover."""
    ranges: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for cover in s.covers:
        name = ALL if cover.name == ALL else known.get(cover.name)
        if name:
            ranges[name].append((cover.start, cover.end))
    return {name: _Stretches(r) for name, r in ranges.items()}


def _notes(
    source: str, s: Suppressions, touched: dict[str, list[tuple[int, int]]],
    known: dict[str, str], ran: set[str], path: str,
) -> list[Finding]:
    """What is wrong with the directives of one file, each a finding at the directive. `touched` holds the
    spans of the file's claims that findings tie together, by rule id (and all of them under `all`)."""
    spans = {name: _Spans(v) for name, v in touched.items()}
    used: set[tuple[int, str]] = set()
    for cover in s.covers:
        name = ALL if cover.name == ALL else known.get(cover.name)
        if name and name in spans and spans[name].overlaps(cover.start, cover.end):
            used.add((cover.directive, cover.name))
    notes: list[tuple[str, str, Directive]] = []
    for i, d in enumerate(s.directives):
        notes += [("invalid-suppression", problem, d) for problem in d.problems]
        if d.kind not in KINDS:
            continue
        unknown = [n for n in d.names if n != ALL and n not in known]
        if unknown:
            notes.append(("unknown-suppression-rule", f"{d.text} names unknown rule(s) "
                          f"{', '.join(repr(n) for n in unknown)}; 'claimcheck rules' lists them", d))
        if d.kind in ("disable", "disable-next-line") and not d.problems:
            if not d.reason:
                notes.append(("suppression-without-reason",
                              f"{d.text} gives no reason: add one after ' -- ' (why the figure stands)", d))
            checked = [n for n in d.names if n == ALL or known.get(n) in ran]
            idle = [n for n in checked if (i, n) not in used]
            if idle:
                what = "" if len(idle) == len(d.names) else f" for {', '.join(idle)}"
                notes.append(("unused-suppression", f"{d.text} silences nothing{what}: remove it", d))
    return _as_findings(source, path, notes)


def _as_findings(source: str, path: str, notes: list[tuple[str, str, Directive]]) -> list[Finding]:
    out: list[Finding] = []
    seen: dict[tuple[str, str], int] = defaultdict(int)
    for rule_id, message, d in notes:
        seen[(rule_id, message)] += 1  # the same directive twice in a file: two fingerprints
        out.append(Finding(
            message=message, rule=rule_id, severity=DIRECTIVE_RULES[rule_id],
            location=Location(source=source, line=d.line, column=d.column),
            fingerprint=fingerprint(rule_id, [], f"{path}|{message}|{seen[(rule_id, message)]}"),
            stable_fingerprint=stable_fingerprint(rule_id, [], message),
        ))
    return out
