"""Where one amount stands: its sentence's mentions, its clause and neighbours, what the story has established
so far, and the typed attribution the assembler gives it."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass, field
from operator import attrgetter
from typing import TypeVar

from claimcheck.mentions.cues import Cue
from claimcheck.mentions.periods import DateSettings
from claimcheck.mentions.sentence import SentenceMentions, Span
from claimcheck.mentions.sentences import clause_span
from claimcheck.models import Modality, MoneyMention, Period, Ratio

_S = TypeVar("_S", bound=Span)
# "far below the $45.6bn …", "already more than the US$483 million earned in all of 2024": a figure compared with
COMPARED_BEFORE = re.compile(
    r"(?:above|below|than|compared\s+(?:with|to)|versus|vs\.?|against)\s+(?:(?:a|an|the|its)\s+)?"
    r"(?:(?:about|around|roughly|nearly|some|approximately|just)\s+)*$", re.IGNORECASE)


@dataclass
class Story:
    """What a document has established so far: its date conventions and the period of its last dated flow
    ("Net income was €804 million" after "2024 revenue rose …" is about 2024 too)."""

    dates: DateSettings
    main: str | None = None
    """The organisation the story is about (its entities' main one)."""
    period: Period | None = None
    whole: Period | None = None
    """The year the story reports when `period` is a quarter or half of it said in passing ("Revenue for 2024 rose
    … fourth-quarter sales came to €4.0 billion"), and where that part was said: a later paragraph with no date
    of its own is back on the year."""
    part_at: int = 0
    opened: Period | None = None
    """The first period a dated flow gave the story: the one it reports ("Masan … earned more in the second quarter",
    then "For the first half, …" in passing)."""
    ahead: Period | None = None
    """The period the story's forecasts are for, as the last dated forecast or a sentence that looks ahead named it
    ("For 2025/26, Cochlear expects …"): a forecast with no date of its own is for it, and no actual figure is."""
    quarter: Period | None = None
    """The last quarter a dated flow reported: "in the quarter" later on is that one, whatever came between."""
    recalled: Period | None = None
    """An earlier period the copy recalled in a clause without moving the story ("the full year that ended in June,
    when Eastern earned …"), and where: "for that year" later in its paragraph is that period."""
    recalled_at: int = 0
    read_to: int = 0
    """Where the story's period was last established: later sentences without figures are read only when a
    flow needs them."""
    figures: dict[tuple, Period] = field(default_factory=dict)
    """The figures the copy dated itself so far, by (subject, metric, amount, currency): the same figure said again
    with no date of its own ("a $30 billion quarter of capex", after "will run above $30 billion" this quarter)
    is that figure, of its period."""


@dataclass(frozen=True)
class Sentence(SentenceMentions):
    """A sentence's mentions, with its amounts (indexes into the document's money, conversions left out), where
    each amount starts, and the organisation in focus where the sentence starts."""

    amounts: list[int]
    amount_starts: list[int]
    focus: str | None
    previous: tuple[int, int] | None = None
    """The sentence before it in the same paragraph, if any."""
    topic_before: Cue | None = None
    """The measure the sentence before is about, when this one goes on about it as "it": "Revenue is the weak spot.
    It grew just 1.9% to ₹52,988 crore" (the measure opens a sentence with no figure; this one opens "It" and a
    verb of change)."""


# "$782.5 million, or $0.82 per diluted share, for the 12 weeks …": the figure again, per share, in an aside
_OR_BEFORE = re.compile(r",?\s+or\s+")
_ASIDE_AFTER = re.compile(r"[ \t]?+\([^()]{1,80}\)(?![,;:.!?)]|\s*$)")  # a bracket after the figure, its clause going on
_START = attrgetter("start")
SHARE_OF_TOTAL = 1e-4  # a figure this small beside a total, restating it after ", or ", is that total per share
_PER_SHARE_AFTER = re.compile(r"\s+(?:a|per)\s+(?:diluted\s+|basic\s+|adjusted\s+)?(?:share|ADS|ADR)\b,?")


def per_share_restatements(text: str, amounts: list[MoneyMention]) -> set[int]:
    """Where the figures that restate the one before per share start ("$1,912 million, or $1.41 a diluted share"):
    a change after both is the total's, not the share's."""
    return {x.start for prev, x in zip(amounts, amounts[1:])
            if _OR_BEFORE.fullmatch(text, prev.end, x.start) and _PER_SHARE_AFTER.match(text, x.end)}


def _a_share_of(total: MoneyMention, figure: MoneyMention) -> bool:
    t, f = total.value, figure.value
    return t.currency is not None and t.currency == f.currency and t.amount is not None and f.amount is not None \
        and 0 < f.amount <= t.amount * SHARE_OF_TOTAL


def holds_money(money: list[MoneyMention], span: tuple[int, int]) -> bool:
    """Whether a figure of the document's money (in the order of the text) stands in `text[span]`."""
    at = bisect_left(money, span[0], key=_START)
    return at < len(money) and money[at].start < span[1]


class Amount:
    """One amount in its sentence: its clause, and which cues and dates another amount stands in front of."""

    __slots__ = ("text", "sentence", "money", "index", "m", "clause", "amounts", "others", "restated", "said_to",
                 "share_of")

    def __init__(self, text: str, sentence: Sentence, money: list[MoneyMention], index: int) -> None:
        self.text = text
        self.sentence = sentence
        self.money = money
        self.index = index
        self.m = money[index]
        self.clause = clause_span(text, sentence.span, self.m.start, self.m.end)
        self.amounts = [money[j] for j in sentence.amounts]  # the sentence's figures, conversions left out
        self.others = [money[j] for j in sentence.amounts if j != index]
        after = next((o for o in self.others if o.start >= self.m.end), None)
        per_share = _PER_SHARE_AFTER.match(text, after.end) if after is not None \
            and _OR_BEFORE.fullmatch(text, self.m.end, after.start) else None
        self.restated = after if per_share else None
        self.said_to = per_share.end() if per_share else self.m.end  # where what is said of the figure goes on
        before = next((o for o in reversed(self.others) if o.end <= self.m.start), None)
        self.share_of = before if before is not None and _OR_BEFORE.fullmatch(text, before.end, self.m.start) \
            and _a_share_of(before, self.m) and not _PER_SHARE_AFTER.match(text, self.m.end) else None
        # the figure this one restates per share with no "a share" written: "R2,4bn, or 269c, in the 2024 financial
        # year" (the same currency, a ten-thousandth of it or less: no total is restated so)

    def blocked(self, a: int, b: int) -> bool:
        """Another amount stands between `text[a:b]` and this one: what is there is the other amount's (not
        when it is this one per share, `restated`: the date after both is theirs)."""
        m = self.m
        lo, hi = (b, m.start) if b <= m.start else (m.end, a)
        return any(lo <= o.start and o.end <= hi and o is not self.restated for o in self.others)

    def clause_past_aside(self) -> tuple[int, int]:
        """The clause, going on past a bracket right after the figure: "returned US$57 million (roughly C$78 million)
        to shareholders in the quarter" (what dates the figure; its metric and modality stay the clause's)."""
        aside = _ASIDE_AFTER.match(self.text, self.m.end, self.sentence.span[1])
        if aside is None:
            return self.clause
        return self.clause[0], clause_span(self.text, self.sentence.span, aside.end(), aside.end())[1]

    def in_clause(self, a: int, b: int) -> bool:
        return self.clause[0] <= a and b <= self.clause[1]


@dataclass
class Attribution:
    """What the assembler decided for one amount: the fields of its claim, and how it relates to the others."""

    subject: str | None
    counterparty: str | None
    metric: str | None
    metric_kind: str | None
    segment: str | None
    period: Period | None
    modality: Modality
    round: str | None
    cumulative: bool
    ratio: Ratio | None
    base: int | None = None
    """The amount this one is compared with ("from €4bn"), by index."""
    own_period: bool = False
    """Whether the sentence itself dates it (not the story, not publication)."""
    named_base: int | None = None
    """The amount its change word names as what it is measured from ("almost double the R1.9 billion"), by index."""
    per_share: bool = False
    """Whether it is a period's earnings per share ("78 cents a share"): a figure of its size held against it is too."""


def distance(x: Span, m: Span) -> tuple[int, int]:
    """How far a span is from an amount; on a tie, a span after the amount is nearer ("€5m in revenue")."""
    return (x.start - m.end, 0) if x.start >= m.end else (m.start - x.end, 1)


def nearest(items: Sequence[_S], m: Span) -> _S | None:
    return min(items, key=lambda x: distance(x, m), default=None)
