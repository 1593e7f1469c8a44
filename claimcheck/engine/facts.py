"""Facts: groups of claims that report the same thing, so rules compare like with like.

Claims share a fact when they have the same subject, metric, segment, modality, round and cumulative flag, no
conflicting counterparties, and periods that say they are about the same thing. What that means depends on
the metric's kind (docs/claims.md):

- a **flow** over a period (revenue, net income, capex) must cover the same period (the same months, `stretch`): the fiscal year to
  March 2025 is not calendar 2025, and a quarter is not its year;
- a **level** at a date (valuation, ARR, market cap, budget, debt) compares within `level_window_days` of its
  as-of dates, and a valuation never across one of the organisation's rounds: a valuation in June and one in
  December are two facts, and so are one before and one after a round;
- an **event** (a round, a deal, a fine) compares within `event_window_days` of its event dates, or within
  `round_window_days` when it names its round ("Series D"): reports a few days apart are one event.

Statements dated only by their publication count as of that day, and a fiscal year read on the calendar (its copy
states none) is the fiscal year other reports of the organisation and metric state (`_on_stated_calendars`).
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_right
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from operator import attrgetter

from claimcheck.config import FactWindows
from claimcheck.mentions.cues import Lexicon
from claimcheck.mentions.periods import stretch
from claimcheck.models import Claim, Period

EVENT_SPAN_DAYS = 31
CHANGED_BY_ROUNDS = frozenset({"valuation", "pre_money_valuation"})  # an event dated by more than a month ("this year") is a sum of events
#: Levels that move with every session's share price: a market value of Wednesday's close and one of Thursday's are
#: two facts (a rally between them is no conflict), so they compare only when their days meet.
DAILY_LEVELS = frozenset({"market_cap"})
#: The claims that decide how a metric's claims group into facts: an organisation's rounds split its valuations.
FACT_RELATED_METRICS = {metric: ("funding",) for metric in sorted(CHANGED_BY_ROUNDS)}


@dataclass(frozen=True, slots=True)  # slots: a million claims make hundreds of thousands of facts
class FactKey:
    subject: str
    metric: str
    modality: str
    round: str | None
    cumulative: bool
    segment: str | None = None

    def describe(self) -> str:
        parts = [self.subject, *([self.segment] if self.segment else []), self.metric]
        if self.round:
            parts.append(self.round)
        if self.cumulative:
            parts.append("total")
        if self.modality != "actual":
            parts.append(f"({self.modality})")
        return " ".join(parts)


@dataclass(frozen=True, slots=True)
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


#: A level stated for a whole quarter, half or year ("its 2024 budget", "refinanced £300m of debt during the half")
#: is that span's: two such spans that differ are two facts (a span against a day still compares by the window).
LEVEL_SPAN_DAYS = 80


def comparable(claim: Claim) -> bool:
    """Claims a fact can hold: a subject and metric, not a restatement, not a part of a whole."""
    return bool(claim.subject and claim.metric and not claim.conversion_of and not claim.part_of)


@lru_cache(maxsize=1)
def _pack_kinds() -> dict[str, str]:
    """The kinds of the default lexicon, for claims that do not carry one (older JSON, hand-built claims)."""
    return dict(Lexicon.load().kinds)


def kind_of(claim: Claim) -> str:
    """'flow', 'level' or 'event' (a metric the lexicon does not classify is compared as an event)."""
    return claim.metric_kind or _pack_kinds().get(claim.metric or "", "event")


def window_of(kind: str, named_round: bool, windows: FactWindows) -> int:
    if kind == "level":
        return windows.level_days
    return windows.round_days if named_round else windows.event_days


def periods_compatible(kind: str, a: Period | None, b: Period | None, window_days: int) -> bool:
    """Whether two periods can be about the same fact of this kind (see the module docstring)."""
    if a is None or b is None or not a.resolved or not b.resolved:
        return a is None and b is None
    assert a.start and a.end and b.start and b.end
    if kind == "flow":
        return stretch(a) == stretch(b)  # a 13-week quarter and the same quarter counted in months
    if kind == "event" and max((a.end - a.start).days, (b.end - b.start).days) > EVENT_SPAN_DAYS:
        return (a.start, a.end) == (b.start, b.end)  # "raised $610m this year" sums events; it is not one of them
    if kind == "level" and min((a.end - a.start).days, (b.end - b.start).days) > LEVEL_SPAN_DAYS:
        return (a.start, a.end) == (b.start, b.end)  # "a budget of €7.2bn for 2024" is not 2023's, nor its half's
    window = dt.timedelta(days=window_days)
    return a.start <= b.end + window and b.start <= a.end + window


def group_facts(claims: Iterable[Claim], windows: FactWindows | None = None) -> list[Fact]:
    """Facts from claims, independent of the order the claims come in."""
    windows = windows or FactWindows()
    by_key: dict[tuple, list[Claim]] = {}
    rounds: dict[str, list[dt.date]] = {}  # when each organisation raised money: its valuation changed then
    kinds: dict[str, str] = {}  # the kind of each metric, for claims that do not carry theirs
    fiscal: list[tuple[tuple, Claim]] = []  # the reports of a fiscal year, and their keys
    for c in claims:  # once per claim: fields read once, `comparable` and `kind_of` inlined
        subject, metric, period = c.subject, c.metric, c.period
        if subject and metric == "funding" and c.modality == "actual" and not c.cumulative and period \
                and period.start and period.end and (period.end - period.start).days <= EVENT_SPAN_DAYS:
            rounds.setdefault(subject, []).append(period.start)
        if subject and metric and not c.conversion_of and not c.part_of:
            kind = c.metric_kind or kinds.get(metric) or kinds.setdefault(metric, kind_of(c))
            # flows group by their period in the key: no pairwise comparison needed
            # (by the months they cover: "the 13 weeks to January 26" is the quarter of November to January;
            # `stretch`'s own shortcut for a period opening on the 1st, inline: a call per claim costs at a million)
            when = ((period.start, period.end) if period.start is None or period.start.day == 1 else stretch(period)) \
                if kind == "flow" and period else None
            # a figure below zero is its own fact: "operating income of -€5m" and "an operating loss of €5m" are
            # one fact written two ways, and a sign-blind comparison of the two would be a false alarm
            grouping = (subject, metric, c.modality, c.round or "", c.cumulative, c.segment or "", kind, when,
                        c.value.high < 0)
            if when is not None and when[0] and when[1] and period is not None and period.granularity == "fiscal_year":
                # (its calendar, below; "the current fiscal year" with no publication date has no days to move)
                fiscal.append((grouping, c))
            members = by_key.get(grouping)
            if members is None:
                by_key[grouping] = [c]
            else:
                members.append(c)
    if fiscal:
        _on_stated_calendars(by_key, fiscal)
    facts: list[Fact] = []
    labels: dict[tuple | None, str] = {}  # the text of each period in the keys (the order has always used it)
    for raw in sorted(by_key, key=lambda k: (k[:7], labels.get(k[7]) or labels.setdefault(k[7], str(k[7])), k[8])):
        key = FactKey(subject=raw[0], metric=raw[1], modality=raw[2], round=raw[3] or None, cumulative=raw[4],
                      segment=raw[5] or None)
        members = by_key[raw]
        # one fact: a lone report, a flow's reports with at most one counterparty, or reports of one period and
        # counterparty (the common case: told apart without sorting them by period for the sweep)
        if len(members) == 1 or (raw[6] == "flow" and _one_party(members)) or _one_node(members):
            facts.append(Fact(key=key, claims=tuple(sorted(members, key=_place))))
            continue
        days = 0 if raw[1] in DAILY_LEVELS else window_of(raw[6], bool(raw[3]), windows)
        changes = sorted(set(rounds.get(raw[0], []))) if raw[1] in CHANGED_BY_ROUNDS else []
        for cluster in _clusters(raw[6], sorted(members, key=_order), days, changes):
            facts.append(Fact(key=key, claims=tuple(cluster)))
    return facts


_place = attrgetter("source", "span")  # the order of a fact's claims: by source, then position

# a fiscal year named by the copy ("fiscal 2024", "FY24", "the 2024 financial year"): its number, when the copy gives one
_FISCAL_NAME = re.compile(r"(?i:fiscal|financial|FY)\D{0,12}?((?:19|20)?\d{2})\b"
                          r"|\b((?:19|20)\d{2})\s+(?i:fiscal|financial)")


def _on_stated_calendars(by_key: dict[tuple, list[Claim]], fiscal: list[tuple[tuple, Claim]]) -> None:
    """Reports of "fiscal 2024" read on the calendar year (their copy states no fiscal calendar) moved onto the one
    other reports of the same organisation and metric state (one that does not start in January, and only one): "For
    fiscal 2024 as a whole, BMO booked revenue of C$38.2 billion" is BMO's year to October, as the wire that said "the
    three months to Oct. 31, the last quarter of its fiscal year" has it, and the two reports are one fact. The copy
    of each report keeps its own period; only the grouping changes. Linear in the reports of fiscal years."""
    months: dict[tuple[str, str], set[int]] = {}  # (organisation, metric) -> the first months the copy states
    offsets: dict[tuple[str, str], set[int]] = {}  # … and how it names its years (0: by the year they end in)
    for grouping, c in fiscal:
        start, end = grouping[7]
        if start.month != 1:
            months.setdefault((grouping[0], grouping[1]), set()).add(start.month)
            named = _FISCAL_NAME.search(c.period.text or "") if c.period else None
            if named:
                number = named.group(1) or named.group(2)
                offsets.setdefault((grouping[0], grouping[1]), set()).add(
                    end.year - int(number) - (2000 if len(number) == 2 else 0))
    if not months:
        return
    moved: dict[tuple, set[int]] = {}
    for grouping, c in fiscal:
        start, end = grouping[7]
        stated = months.get((grouping[0], grouping[1]))
        if start.month != 1 or end.month != 12 or not stated or len(stated) != 1 \
                or c.period is None or not _FISCAL_NAME.search(c.period.text or ""):
            continue
        namings = offsets.get((grouping[0], grouping[1]), {0})
        month, offset = next(iter(stated)), (next(iter(namings)) if len(namings) == 1 else 0)
        last_year = end.year + offset  # "fiscal 2024": the year ending in 2024 (in 2025 for a year named by its start)
        when = (dt.date(last_year - 1, month, 1), dt.date(last_year, month, 1) - dt.timedelta(days=1))
        by_key.setdefault((*grouping[:7], when, grouping[8]), []).append(c)
        moved.setdefault(grouping, set()).add(id(c))
    for grouping, ids in moved.items():
        left = [c for c in by_key[grouping] if id(c) not in ids]
        if left:
            by_key[grouping] = left
        else:
            del by_key[grouping]


def _one_party(members: list[Claim]) -> bool:
    """At most one counterparty named among the members."""
    parties = {c.counterparty for c in members}
    parties.discard(None)
    return len(parties) <= 1


def _across(a: Period | None, b: Period | None, changes: list[dt.date]) -> bool:
    """A change dated after the earlier report and no later than the later one: a valuation before a round and
    one after it are two facts."""
    if not changes or a is None or b is None or not (a.start and a.end and b.start and b.end):
        return False
    lo, hi = min(a.end, b.end), max(a.start, b.start)
    i = bisect_right(changes, lo)
    return i < len(changes) and changes[i] <= hi


def _order(c: Claim) -> tuple:
    start = c.period.start if c.period and c.period.start else dt.date.min
    return (start, c.source, c.span)


def _one_node(members: list[Claim]) -> bool:
    """Whether the members are all one node of `_clusters` (so one fact): the common case, told apart
    without sorting them by period."""
    head = members[0]
    period, party = head.period, head.counterparty
    if period is None or period.resolved:  # claims of one period share its object (see claims.compact)
        if all(c.period is period and c.counterparty == party for c in members):
            return True
    first = _node(head)
    return all(_node(c) == first for c in members)


def _node(c: Claim) -> tuple:
    """Reports that are one fact from the start: the same resolved period and counterparty."""
    period = c.period
    when = (period.start, period.end) if period is not None and period.resolved else (
        None if period is None else id(c))  # an unresolved date is compatible with nothing, itself aside
    return (when, c.counterparty)


def _clusters(kind: str, members: list[Claim], window_days: int, changes: list[dt.date]) -> list[list[Claim]]:
    """Connected groups under period compatibility and agreeing counterparties (union-find), never joined
    across a known change (`changes`: the dates of the organisation's rounds, for a valuation).

    Members are sorted by period start, so each is compared only with those that start before the
    latest end seen plus the window: a sweep, not all pairs. Reports of one period with one counterparty
    are one fact from the start (20,000 reports of the same round are one node, not 20,000² pairs).
    """
    nodes: dict[tuple, list[Claim]] = {}
    for c in members:
        nodes.setdefault(_node(c), []).append(c)
    if len(nodes) < len(members):
        joined = _clusters(kind, [same[0] for same in nodes.values()], window_days, changes)
        members_of = {id(same[0]): same for same in nodes.values()}
        return sorted((sorted((c for first in g for c in members_of[id(first)]), key=_place)
                       for g in joined), key=lambda g: _place(g[0]))
    parent = list(range(len(members)))
    party = [c.counterparty for c in members]  # the counterparty of each cluster, by its root

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    reach = dt.timedelta(days=window_days)
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
            if periods_compatible(kind, a.period, b.period, window_days) and not _across(a.period, b.period, changes):
                parent[rj] = ri
                party[ri] = party[ri] or party[rj]
    groups: dict[int, list[Claim]] = {}
    for i, c in enumerate(members):
        groups.setdefault(find(i), []).append(c)
    return sorted((sorted(g, key=_place) for g in groups.values()), key=lambda g: _place(g[0]))
