"""Facts: groups of claims that report the same thing, so rules compare like with like.

Claims share a fact when they have the same subject, metric, modality, round and cumulative flag, no
conflicting counterparties, and compatible periods. What "compatible" means depends on the metric:
a flow over a period (revenue, budget, profit) must cover the same period; an event or a level (a
funding round, an investment, a valuation, ARR) must fall in overlapping periods. Statements dated only
by their publication are compatible within `undated_window_days`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from claimcheck.models import Claim, Period

FLOW_METRICS = frozenset({"revenue", "budget", "profit", "loss"})
UNDATED_WINDOW_DAYS = 31


@dataclass(frozen=True)
class FactKey:
    subject: str
    metric: str
    modality: str
    round: str | None
    cumulative: bool

    def describe(self) -> str:
        parts = [self.subject, self.metric]
        if self.round:
            parts.append(self.round)
        if self.cumulative:
            parts.append("total")
        if self.modality != "actual":
            parts.append(f"({self.modality})")
        return " ".join(parts)


@dataclass(frozen=True)
class Fact:
    """Claims that report one fact; `claims` are sorted by source and position."""

    key: FactKey
    claims: tuple[Claim, ...]

    @property
    def sources(self) -> list[str]:
        return sorted({c.source for c in self.claims})

    def pairs(self, across_sources: bool = True) -> Iterator[tuple[Claim, Claim]]:
        """Each pair of claims once, in a stable order; by default only pairs from different sources."""
        for i, a in enumerate(self.claims):
            for b in self.claims[i + 1:]:
                if not across_sources or a.source != b.source:
                    yield a, b


def comparable(claim: Claim) -> bool:
    """Claims a fact can hold: a subject and metric, not a restatement, not a part of a whole."""
    return bool(claim.subject and claim.metric and not claim.conversion_of and not claim.part_of)


def periods_compatible(metric: str, a: Period | None, b: Period | None, undated_days: int) -> bool:
    if a is None or b is None or not a.resolved or not b.resolved:
        return a is None and b is None
    assert a.start and a.end and b.start and b.end
    if a.granularity == "published" or b.granularity == "published":
        if a.granularity == b.granularity:
            return abs((a.start - b.start).days) <= undated_days
        dated, undated = (b, a) if a.granularity == "published" else (a, b)
        # an undated statement ("has agreed to invest") is about the weeks before its publication
        recent = undated.start - dt.timedelta(days=undated_days)  # type: ignore[operator]
        return metric not in FLOW_METRICS and dated.start <= undated.start and recent <= dated.end  # type: ignore[operator]
    if metric in FLOW_METRICS:
        return (a.start, a.end) == (b.start, b.end)
    return a.start <= b.end and b.start <= a.end


def group_facts(claims: Iterable[Claim], undated_days: int = UNDATED_WINDOW_DAYS) -> list[Fact]:
    """Facts from claims, independent of the order the claims come in."""
    by_key: dict[tuple, list[Claim]] = {}
    for c in claims:
        if comparable(c):
            by_key.setdefault((c.subject, c.metric, c.modality, c.round or "", c.cumulative), []).append(c)
    facts: list[Fact] = []
    for raw in sorted(by_key):
        key = FactKey(subject=raw[0], metric=raw[1], modality=raw[2], round=raw[3] or None, cumulative=raw[4])
        members = by_key[raw]
        if len(members) == 1:
            facts.append(Fact(key=key, claims=(members[0],)))
            continue
        first = members[0]
        parties = {c.counterparty for c in members} - {None}
        if len(parties) <= 1 and all(c.period == first.period for c in members) and (
            first.period is None or first.period.granularity != "published"
        ):
            # the common case: every report names the same period, so they all compare
            facts.append(Fact(key=key, claims=tuple(sorted(members, key=lambda c: (c.source, c.span)))))
            continue
        for cluster in _clusters(key.metric, sorted(members, key=_order), undated_days):
            facts.append(Fact(key=key, claims=tuple(cluster)))
    return facts


def _order(c: Claim) -> tuple:
    start = c.period.start if c.period and c.period.start else dt.date.min
    return (start, c.source, c.span)


def _clusters(metric: str, members: list[Claim], undated_days: int) -> list[list[Claim]]:
    """Connected groups under period compatibility and agreeing counterparties (union-find).

    Members are sorted by period start, so each is compared only with those that start before the
    latest end seen plus the undated window: a sweep, not all pairs.
    """
    parent = list(range(len(members)))
    party = [c.counterparty for c in members]  # the counterparty of each cluster, by its root

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    reach = dt.timedelta(days=undated_days)
    for i, a in enumerate(members):
        a_end = a.period.end if a.period and a.period.end else dt.date.max
        for j in range(i + 1, len(members)):
            b = members[j]
            b_start = b.period.start if b.period and b.period.start else dt.date.min
            if a_end != dt.date.max and b_start > a_end + reach:
                break
            ri, rj = find(i), find(j)
            if ri == rj or (party[ri] and party[rj] and party[ri] != party[rj]):
                continue  # already one fact, or two deals with different investors (even through a third)
            if periods_compatible(metric, a.period, b.period, undated_days):
                parent[rj] = ri
                party[ri] = party[ri] or party[rj]
    groups: dict[int, list[Claim]] = {}
    for i, c in enumerate(members):
        groups.setdefault(find(i), []).append(c)
    return sorted((sorted(g, key=lambda c: (c.source, c.span)) for g in groups.values()),
                  key=lambda g: (g[0].source, g[0].span))
