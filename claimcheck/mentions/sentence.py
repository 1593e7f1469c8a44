"""Everything the grammars find in one sentence, as typed mentions with spans: the step between a document's
masked prose and the claims of the amounts in it.

A `SentenceMentions` holds the organisations and references, dates and periods, metric, modality and
cumulative cues, funding rounds, change words, and the asides and appositions (stretches whose words belong
to themselves) of one sentence. Mentions that overlap an amount are left out: an amount is not its own cue.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Protocol

from claimcheck.mentions.changes import ChangeMention, find_changes
from claimcheck.mentions.cues import Cue, Lexicon
from claimcheck.mentions.organisations import DocumentEntities, EntityMention
from claimcheck.mentions.periods import DateSettings, find_periods
from claimcheck.models import PeriodMention

_ROUND = re.compile(
    r"\b(Series\s+[A-Z](?:[- ]?\d)?(?:\s+extension)?|[Ss]eed\s+round|[Pp]re-seed|[Pp]re-IPO(?:\s+round)?|IPO)\b")
_ROUND_HINT = re.compile(r"Series|[Ss]eed|IPO")  # a cheap first test
# (", which also counts interest, franchise fees and other income, grew …": a list inside the aside goes on)
_ASIDE = re.compile(
    r",\s*(?:which|who|whose|where|when)\b[^,;()—–]*"
    r"(?:(?:,\s*[a-z][\w-]*(?:\s+[a-z][\w-]*){0,3})+,?\s+(?:and|or)\s+[a-z][\w-]*(?:\s+[a-z][\w-]*){0,3}(?=,))?"
    r"|\([^()]*\)"
    # ", mostly from mines investing in new fleets,": where a figure came from, set off by commas
    r"|,\s*(?:(?:mostly|mainly|largely|partly|chiefly)\s+)(?:from|by)\s+[^,;()—–]{1,80}(?=,)"
    # ", measured before impairments and one-off items,": how the measure before it is taken, not another measure
    r"|,\s*(?:measured|calculated|stated|defined)\s+(?:before|after|excluding|including|net\s+of|on)\s+[^,;()—–]{1,80}(?=,)"
    r"|\bsince\s+(?:it|they|he|she|the\s+\w+)\s+(?:was|were)\s+(?:founded|created|launched|set\s+up|started)\s+in\s+\S+",
    re.IGNORECASE,
)
# ", the value of the payments that run over its platform,": an apposition names no metric for the clause.
# ", the Dutch payments group,", ", its shop chain,"; ", revenue that is contracted but not yet booked,": a description of what
# stands before it, whose words are not the figure's
_LISTED = r"[A-Z][\w&'’.-]*(?:\s+[A-Z][\w&'’.-]*)*"
_APPOSITION = re.compile(rf",\s+(?:(?:the|a|an|its|their)\s+|[a-z][\w-]*\s+(?:that|which)\s+"
                         # ", now Aritzia's largest market,", ", once the group's biggest unit,": what it has become
                         rf"|(?:now|still|once|formerly|already)\s+(?:the|its|their|[A-Z][\w&.-]*['’]s)\s+)[^,;()]{{1,100}}?"
                         # ", the Galician group behind Zara, Bershka and Massimo Dutti,": a list of names goes on
                         rf"(?:,\s+{_LISTED})*(?:,?\s+and\s+{_LISTED})?,")


class Span(Protocol):
    """What every mention has: where it is in the text."""

    @property
    def start(self) -> int: ...

    @property
    def end(self) -> int: ...


@dataclass(frozen=True, slots=True)
class Stretch:
    """A stretch of text with no meaning of its own: an aside or an apposition."""

    start: int
    end: int


@dataclass(frozen=True, slots=True)
class RoundMention:
    """A funding round named at `text[start:end]` ("Series C", "seed round")."""

    start: int
    end: int
    name: str


@dataclass(frozen=True)
class SentenceMentions:
    """The typed mentions of one sentence (`span`), in text order within each list."""

    span: tuple[int, int]
    entities: list[EntityMention]
    periods: list[PeriodMention]
    metrics: list[Cue]
    modality: list[Cue]
    cumulative: list[Cue]
    rounds: list[RoundMention]
    changes: list[ChangeMention]
    asides: list[Stretch]
    appositions: list[Stretch]


# "free cash flow before dividends": dividends named to say what another measure leaves out are not the figure's
_QUALIFIES = re.compile(r"\b(?:before|after|excluding|net[ \t]of)[ \t]{1,3}$", re.IGNORECASE)
# "spent R770 million on capital projects": the noun, not the verb of a forecast ("the company projects revenue of")
_NOUN_BEFORE = re.compile(r"\b(?:capital|the|its|their|our|new|these|those|other|major|big|large|key|infrastructure"
                          r"|investment|growth|property|energy|building|construction|development|several|many|such"
                          # "as projects move into construction", "of projects", "and projects": after a conjunction or
                          # a preposition, the noun
                          r"|as|and|of|for|with|on|in|to|from|more|fewer)\s+$",
                          re.IGNORECASE)
# … and a deal named so: "profit excluding the Nutresa transaction, which was COP 2.4 trillion"
# (the deal named with its article: not "three days after Kering agreed to sell", a conjunction and a verb)
_QUALIFIES_DEAL = re.compile(r"\b(?i:before|after|excluding|net[ \t]of|stripping[ \t]out|ignoring)[ \t]{1,3}"
                             r"(?i:the|its)[ \t]{1,3}(?:[A-Z][\w&'’-]*[ \t]{1,3}){0,3}$")


def read_sentence(
    text: str, span: tuple[int, int], published: dt.date | None, dates: DateSettings, lexicon: Lexicon,
    entities: DocumentEntities, amounts: list[tuple[int, int]],
) -> SentenceMentions:
    """The mentions of `text[span]` that do not overlap one of the `amounts` (spans of money mentions)."""
    s, e = span

    def free(x: Span) -> bool:
        return not any(a < x.end and x.start < b for a, b in amounts)

    metric_cues, context_cues = lexicon.metrics_and_context(text, s, e)
    return SentenceMentions(
        span=span,
        entities=[x for x in entities.find(s, e) if free(x)],
        periods=[p for p in find_periods(text, published, dates, s, e) if free(p)],
        metrics=[c for c in metric_cues if free(c) and not (
            c.kind == "dividend" and _QUALIFIES.search(text, max(s, c.start - 12), c.start)) and not (
            c.kind == "deal" and _QUALIFIES_DEAL.search(text, max(s, c.start - 50), c.start))],
        modality=[c for c in lexicon.modality.find(text, s, e)
                  if not (text.startswith("projects", c.start) and _NOUN_BEFORE.search(text, max(s, c.start - 20), c.start))],
        cumulative=context_cues,
        rounds=[RoundMention(m.start(), m.end(), " ".join(m.group(1).split())) for m in _ROUND.finditer(text, s, e)]
        if _ROUND_HINT.search(text, s, e) else [],
        changes=[c for c in find_changes(text, s, e) if c.ratio.percent is not None or free(c)],
        asides=[Stretch(*m.span()) for m in _ASIDE.finditer(text, s, e)],
        appositions=[Stretch(*m.span()) for m in _APPOSITION.finditer(text, s, e)],
    )
