"""From mentions to claims: each amount gets a subject, counterparty, metric, period and modality.

Everything is decided inside the amount's sentence, preferring its own clause; a cue or date that has
another amount between it and this one belongs to that other amount. A restatement in another
currency (a conversion) copies what the amount it converts says.
"""

from __future__ import annotations

import functools
import hashlib
import re
from bisect import bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass, fields, replace
from typing import TypeVar

from claimcheck.mentions.organisations import DocumentEntities, EntityMention, EntityTable
from claimcheck.mentions.cues import MODALITY_ORDER, NO_METRIC, TAKINGS, Cue, Lexicon
from claimcheck.models import Claim, Document, MoneyMention, Period, PeriodMention, Ratio
from claimcheck.mentions.money import conversion_pairs
from claimcheck.mentions.sentence import SentenceMentions, Span, read_sentence
from claimcheck.mentions.periods import DateSettings, find_periods, fiscal_start_in, fiscal_year, shift_period, yearless
from claimcheck.mentions.sentences import Sentences, clause_span, story_regions

_INTRODUCED = re.compile(
    r"(?:led\s+by|co-led\s+by|backed\s+by|from|by|with|including|alongside|such\s+as|investors?)\s+$",
    re.IGNORECASE,
)
_LEADER = re.compile(r"\s+(?:led|leads|co-led|headed|spearheaded)\b")
_POSSESSIVE_REFERENCE = frozenset({"its", "our", "their"})
_CONJUNCTION = re.compile(r"\s(?:and|but|while|whereas|although|though)\s", re.IGNORECASE)
_INTO = re.compile(r"^\s*(?:[\w-]+\s+){0,2}?(?:in|into)\s+$", re.IGNORECASE)
_SINCE = re.compile(r"\bsince\s+$", re.IGNORECASE)
_PERIOD_END = re.compile(r"\b(?:ended|ending|ends|end\s+of|close\s+of|closed|closing)\s+(?:the\s+)?$", re.IGNORECASE)
_LEVEL_METRICS = ("arr", "valuation", "pre_money_valuation", "market_cap", "debt", "cash", "budget")
_REPORT_DAYS = ("day", "week")
_AT_WHICH = re.compile(r"\s+(?:valuation\s+)?(?:at|in|with)\s+which\b", re.IGNORECASE)
_REPORT_TIME = re.compile(r"(?:last|this)\s+(?:month|week)$", re.IGNORECASE)
_PARENTHESIS = re.compile(r"\([^()]*\)")
_BREAK = re.compile(r"[,;:—–]")
# "up from €4bn", "against $90.8bn", "compared with €4.70": the amount is the figure compared with.
_COMPARED = re.compile(
    r"(?:from|against|compared\s+(?:with|to)|versus|vs\.?)\s+(?:(?:a|an|the)\s+)?"
    r"(?:(?:about|around|roughly|nearly|some|approximately|just|more\s+than|less\s+than|under|over)\s+)*$",
    re.IGNORECASE)
_QUARTER_BACK = re.compile(
    r"previous\s+quarter|prior\s+quarter|preceding\s+quarter|(?:a|one)\s+quarter\s+(?:earlier|ago|before)"
    r"|sequential|quarter[- ]on[- ]quarter|last\s+quarter", re.IGNORECASE)
_AHEAD = ("target", "projection", "plan")
STORY_LOOKBACK = 600
_REPORTING = re.compile(r"\b(?:results|reported|reports|earnings|quarter|fiscal|financial\s+year|months\s+to)\b", re.IGNORECASE)
_CONTRAST = re.compile(r"\b(?:while|whereas|but|although|though|however|after|since|because|as)\b|;", re.IGNORECASE)
_FUTURE = re.compile(r"\b(?:will|would|could|as\s+soon\s+as|set\s+to|next)\b", re.IGNORECASE)
_FULL_YEAR = re.compile(r"\bfull[- ]year\b|\bannual\b|\bfor\s+the\s+(?:whole|full)\s+year\b|\bthe\s+year\s+as\s+a\s+whole\b",
                        re.IGNORECASE)
_COMPARED_WIDE = re.compile(
    r"(?:above|below|than|compared\s+(?:with|to)|versus|vs\.?|against)\s+(?:(?:a|an|the|its)\s+)?"
    r"(?:(?:about|around|roughly|nearly|some|approximately|just)\s+)*$", re.IGNORECASE)
# A date after one of these belongs to the figure compared with, not to this one.
_COMPARISON = re.compile(r"\b(?:times|twice|(?<!more )(?<!less )(?<!fewer )than|fold|compared\s+with|compared\s+to)\b",
                         re.IGNORECASE)
_PARTY_METRICS = ("funding", "investment")
# "€1.3bn of the €1.7bn round": the first amount is a part of the second.
_PART_GAP = re.compile(r"^\s+(?:of|out\s+of)\s+(?:the|its|a|an|their|this|that)?\s*(?:total\s+(?:of\s+)?)?$", re.IGNORECASE)
_LEADS_TO = re.compile(r"\s*(?:,\s*)?(?:to|at|from)\s+(?:(?:a|an|the|about|around|nearly|some)\s+)*$", re.IGNORECASE)
_NEWLINE = re.compile(r"\n")
_S = TypeVar("_S", bound=Span)
# What may stand between an amount and a noun cue after it: "€5m in revenue", "$3bn of new debt", "€95m round".
_AFTER_GAP = re.compile(
    r"\s*(?:(?:in|of|worth\s+of|for)\s+)?(?:(?:new|fresh|additional|annual|annualised|annualized|quarterly|yearly"
    r"|total|net|gross|adjusted|underlying|its|their|the|a|an|first|second|third|fourth|full-year|first-half"
    r"|second-half|half-year|equity|venture|growth|late-stage|early-stage|cash|share|stock|record|combined)\s+)*",
    re.IGNORECASE)
# What may stand between a cue and the amount it governs: "valuation of", "revenue rose 18% to", "raised a further",
# "values it at", "acquired Zeta for". No nouns of its own, so the cue is the amount's head.
_BEFORE_GAP = re.compile(
    r"(?:\s*(?:of|at|to|was|were|is|are|be|been|being|will|would|could|stood|stands|came|comes|in|totall?ed"
    r"|totall?ing|reached|reaching|hit|amounted|amounting|rose|rising|fell|falling|grew|growing|jumped|climbed"
    r"|increased|decreased|dropped|declined|slipped|surged|soared|edged|up|down|by|about|around|nearly|roughly"
    r"|some|approximately|more|less|than|over|under|almost|just|an?|the|it|its|them|their|itself|from|worth"
    r"|valued|estimated|further|another|additional|new|fresh|between|record|total|for|with|had|has|have"
    r"|of\s+up\s+to|up\s+to|[\d.,]+\s?(?:%|percent|per\s+cent)|(?:19|20)\d{2}|fiscal|financial|year|quarter|half"
    r"|full-year|(?-i:[A-Z][\w&'’.-]*))(?![\w-]))*\s*",
    re.IGNORECASE)
# "raised the dividend to", "cut by": a verb of change, not a metric ("raised $5m" is funding).
_CHANGE_VERB = re.compile(r"(?<=raised|raises)\s+(?:to|by)\b|(?<=raise)\s+(?:to|by)\b", re.IGNORECASE)
_MEASURES = frozenset({"valuation", "pre_money_valuation", "market_cap"})  # "valued at X" names X's measure
_WORD = re.compile(r"[\w&'’.-]+,?")
# Words in front of a metric that leave it the whole measure ("net revenue", "total sales", "its revenue").
_NEUTRAL = frozenset(
    "net total group overall combined consolidated reported gross annual yearly quarterly record full-year full year "
    "half-year its their the a an his her our this that these those which whose of in for and to with at by on from "
    "while as than also its' company's firm's group's bank's new higher lower strong weak rising falling "
    "monthly weekly daily said says has had have was were is are be been up down".split())
# Verbs, adverbs and size words in front of a metric say nothing of which part of it: "expects revenue",
# "now sees product revenue", "its biggest deal".
_NOT_SEGMENT = frozenset(
    "expects expect sees see saw forecasts forecast guides guided posted posts reported reports grew grow rose rise "
    "fell fall made make gave give took take won win lost lose paid pay sold sell bought buy brought bring kept keep "
    "held hold set put cut hit beat met spent spend turned turn signed sign generated generate declared declare "
    "listed list when where into though yet still now just only even also best biggest largest large larger small "
    "smaller further more less most least another other such same first second third last next early late "
    "available expected estimated analysts investors under over about around british american european".split())
_VERB_OR_ADVERB = re.compile(r"(?:ed|ly|est)$|^-+$")
_EVENT_METRICS = frozenset({"funding", "investment", "deal", "fine", "dividend", "buyback"})
_BASIS_WORDS = frozenset("adjusted underlying core organic pro-forma like-for-like comparable".split())
_PERIOD_WORD = re.compile(r"quarter|year|half|month|week|annual|fiscal|financial")
_ING_NOUNS = frozenset("funding financing fundraising listing offering spending borrowing borrowings earnings "
                       "holdings bookings savings takings".split())
_VERB_CUE = re.compile(r"(?:ed|ing|raises?|values?|invests?|seeks?|buys?|pour|pays?|acquires?|settles?|sold)$", re.IGNORECASE)


@dataclass
class _Story:
    """What a document has established so far: its date conventions and the period of its last dated flow
    ("Net income was €804 million" after "2024 revenue rose …" is about 2024 too)."""

    dates: DateSettings
    period: Period | None = None
    read_to: int = 0
    """Where the story's period was last established: later sentences without figures are read only when a
    flow needs them."""


@dataclass(frozen=True)
class _Sentence(SentenceMentions):
    """A sentence's mentions, with its amounts (indexes into the document's money, conversions left out) and the
    organisation in focus where it starts."""

    amounts: list[int]
    amount_starts: list[int]
    focus: str | None


class Assembler:
    """Builds the claims of one document; holds the tables shared by all documents of a run."""

    def __init__(
        self, entities: EntityTable, lexicon: Lexicon, dates: DateSettings, fiscal_years: dict[str, int] | None = None,
    ) -> None:
        self.entities = entities
        self.lexicon = lexicon
        self.dates = dates
        self.fiscal_years = fiscal_years or {}  # organisation -> first month of its fiscal year (config)

    def claims(self, doc: Document, masked: str, money: list[MoneyMention]) -> list[Claim]:
        if not money:
            return []
        sentences = Sentences(masked)
        main = self.entities.document(masked, doc.title, sentences, story_regions(masked, [m.start for m in money]))
        story = _Story(dates=self._dates_of(masked, main))

        conversions = conversion_pairs(masked, money)
        line_starts = [0] + [m.end() for m in _NEWLINE.finditer(doc.text)]
        ids = [_claim_id(doc.source, m) for m in money]
        by_sentence: dict[tuple[int, int], list[int]] = {}
        for i, m in enumerate(money):
            by_sentence.setdefault(sentences.containing(m.start), []).append(i)

        fields: dict[int, dict] = {}
        for span, indexes in by_sentence.items():
            ctx = self._sentence(doc, masked, span, indexes, money, main, conversions, story)
            for i in indexes:
                if i not in conversions:
                    fields[i] = self._fields(masked, ctx, money, i, conversions, fields, doc, story)
            self._date_by_comparison(masked, ctx, fields)
        parts = {
            i: i + 1 for i in range(len(money) - 1)
            if (i + 1) not in conversions and _PART_GAP.match(masked[money[i].end:money[i + 1].start])
        }
        compared = {f["base"]: j for j, f in sorted(fields.items()) if f.get("base") is not None}
        claims = []
        for i, m in enumerate(money):
            own = dict(fields.get(i) or {**fields[_origin(i, conversions)], "ratio": None, "base": None})
            own.pop("base", None)
            own.pop("own_period", None)
            if own.get("ratio") is not None and i in compared:  # "rose 31% to €498.2m … from €413.6m"
                own["ratio"] = own["ratio"].model_copy(update={"base": ids[compared[i]]})
            part = parts.get(_origin(i, conversions))
            span = sentences.containing(m.start)
            lead = len(masked[span[0]:span[1]]) - len(masked[span[0]:span[1]].lstrip())
            span = (span[0] + lead, span[1])  # not the blanked front matter or markup before it
            line = bisect_right(line_starts, m.start)
            claims.append(Claim(
                id=ids[i], source=doc.source, span=(m.start, m.end), line=line,
                column=m.start - line_starts[line - 1] + 1, quote=doc.text[m.start:m.end],
                sentence=" ".join(doc.text[span[0]:span[1]].split()), value=m.value,
                conversion_of=ids[conversions[i]] if i in conversions else None,
                part_of=ids[part] if part is not None else None, **own,
            ))
        return claims

    @staticmethod
    def _story_between(masked: str, start: int, end: int, doc: Document, story: _Story) -> None:
        """Sentences without figures can still set the period of the story: "Oracle reported results for its
        fiscal third quarter, which ended on February 28." (a quarter, half or fiscal year, or an explicit span)."""
        start = max(start, end - STORY_LOOKBACK)  # the sentences just before: a story states its period near its figures
        story.read_to = max(story.read_to, end)
        if end <= start or not _REPORTING.search(masked, start, end):
            return
        for p in find_periods(masked, doc.published, story.dates, start, end):
            if p.period.resolved and (p.explicit == 2 or p.period.granularity in ("quarter", "half", "fiscal_year")):
                story.period = p.period

    def _dates_of(self, masked: str, entities: DocumentEntities) -> DateSettings:
        """The document's fiscal calendar: as the copy states it, else as configured for its main organisation."""
        start = fiscal_start_in(masked)
        if start is not None:
            return replace(self.dates, fiscal_year_start=start, quarters_fiscal=start != 1)
        if entities.main is not None and entities.main in self.fiscal_years:
            start = self.fiscal_years[entities.main]
            return replace(self.dates, fiscal_year_start=start, quarters_fiscal=start != 1)
        return self.dates

    # ------------------------------------------------------------------ per sentence
    def _sentence(
        self, doc: Document, masked: str, span: tuple[int, int], indexes: list[int],
        money: list[MoneyMention], main: DocumentEntities, conversions: dict[int, int], story: _Story,
    ) -> _Sentence:
        found = read_sentence(masked, span, doc.published, story.dates, self.lexicon, main,
                              [(money[i].start, money[i].end) for i in indexes])
        return _Sentence(
            **{f.name: getattr(found, f.name) for f in fields(SentenceMentions)},
            amounts=[i for i in indexes if i not in conversions],
            amount_starts=[money[i].start for i in indexes],
            focus=main.focus(span[0]),
        )

    # ------------------------------------------------------------------ per amount
    def _fields(
        self, masked: str, ctx: _Sentence, money: list[MoneyMention], i: int,
        conversions: dict[int, int], done: dict[int, dict], doc: Document, story: _Story,
    ) -> dict:
        m = money[i]
        clause = clause_span(masked, ctx.span, m.start, m.end)
        others = [money[j] for j in ctx.amounts if j != i]

        def blocked(a: int, b: int) -> bool:
            lo, hi = (b, m.start) if b <= m.start else (m.end, a)
            return any(lo <= o.start and o.end <= hi for o in others)

        def in_clause(a: int, b: int) -> bool:
            return clause[0] <= a and b <= clause[1]

        base = self._compared_base(masked, ctx, i, m)
        metric, _, segment = self._metric(masked, ctx, i, m, blocked, in_clause, done)
        if base is not None and done.get(base, {}).get("metric"):
            metric, segment = done[base]["metric"], done[base]["segment"]  # "up from €4bn": the same measure
        kind = self.lexicon.kind_of(metric)
        subject, counterparty = self._parties(masked, ctx, m, metric, in_clause)
        modality = self._modality(masked, ctx, m, blocked, in_clause, clause)
        if base is not None:  # "compared with €4.70 for fiscal 2023": a fact, unless it says otherwise after it
            own = [c.kind for c in ctx.modality if c.start >= m.end and in_clause(c.start, c.end)]
            modality = next((k for k in MODALITY_ORDER if k in own), "actual")
        elif modality == "actual" and not any(in_clause(c.start, c.end) for c in ctx.modality):
            earlier = [j for j in ctx.amounts if j < i and j in done and done[j]["base"] is None]
            if earlier and done[earlier[-1]]["modality"] != "actual" and self._continues(masked, ctx, money[earlier[-1]], m):
                modality = done[earlier[-1]]["modality"]  # "forecasts $18bn in 2026, and then $32bn, $73bn …"
        amounts = [money[j] for j in ctx.amounts]
        figures = [money[j] for j in ctx.amounts if self._compared_base(masked, ctx, j, money[j]) is None] or amounts
        ratio = next((c.ratio for c in ctx.changes if self._nearest(figures, c) is m
                      and (c.ratio.percent is None or in_clause(c.start, c.end)
                           or _LEADS_TO.match(masked, c.end, m.start))), None)
        near_round = self._nearest([r for r in ctx.rounds if not blocked(r.start, r.end)], m)
        cumulative = metric in ("funding", "investment") and any(
            in_clause(c.start, c.end) and self._nearest(amounts, c) is m
            for c in ctx.cumulative
        )
        period = self._period(masked, ctx, m, metric, blocked, in_clause, doc, others, base is not None)
        own_period = period is not None and period.resolved and self._chosen_at >= 0  # a date the sentence gives
        period = self._period_in_story(masked, ctx, m, period, kind, modality, base, done, doc, story)
        return {
            "subject": subject,
            "counterparty": counterparty,
            "metric": metric,
            "metric_kind": kind,
            "segment": segment,
            "period": period,
            "modality": modality,
            "round": near_round.name if near_round and metric in ("funding", "valuation") and not cumulative else None,
            "cumulative": cumulative,
            "ratio": ratio,
            "base": base,
            "own_period": own_period,
        }

    @staticmethod
    def _date_by_comparison(masked: str, ctx: _Sentence, fields: dict[int, dict]) -> None:
        """"Capex more than tripled to RMB 76.8bn from RMB 23.9bn in 2023": the figure compared with has the date,
        so the figure itself is a year (or a quarter) after it."""
        for j in ctx.amounts:
            own, base = fields.get(j, {}), fields.get(j, {}).get("base")
            if base is None or not own.get("own_period") or fields[base].get("own_period"):
                continue
            ahead = 3 if _QUARTER_BACK.search(masked, ctx.span[0], ctx.span[1]) else 12
            fields[base]["period"] = shift_period(own["period"], ahead)

    @staticmethod
    def _continues(masked: str, ctx: _Sentence, previous: MoneyMention, m: MoneyMention) -> bool:
        """Whether an amount continues the statement of the one before it: no new party, no contrast between."""
        return not any(previous.end <= x.start and x.end <= m.start for x in ctx.entities) and not \
            _CONTRAST.search(masked, previous.end, m.start)

    @staticmethod
    def _compared_base(masked: str, ctx: _Sentence, i: int, m: MoneyMention) -> int | None:
        """The earlier amount this one is compared with ("rose to €5bn from €4bn", "against $90.8bn a year
        earlier"), or None."""
        earlier = [j for j in ctx.amounts if j < i]
        if not earlier or not _COMPARED.search(masked, max(ctx.span[0], m.start - 40), m.start):
            return None
        return earlier[-1]

    def _period_in_story(
        self, masked: str, ctx: _Sentence, m: MoneyMention, period: Period | None, kind: str | None,
        modality: str, base: int | None, done: dict[int, dict], doc: Document, story: _Story,
    ) -> Period | None:
        """What the sentence alone cannot say: a compared figure is a year (or a quarter) before the figure it is
        compared with; a flow with no date of its own is about the period of the story; a plan, target or
        projection named by a yearless month or quarter that is over points to the next one."""
        undated = period is None or period.granularity == "published"
        if base is not None and undated:
            earlier = done.get(base, {}).get("period")
            if earlier is not None and earlier.resolved and earlier.granularity != "published":
                back = -3 if _QUARTER_BACK.search(masked, m.end, ctx.span[1]) else -12
                return shift_period(earlier, back)
        full_year = kind == "flow" and _FULL_YEAR.search(masked, ctx.span[0], ctx.span[1])
        if kind == "flow" and undated:
            self._story_between(masked, story.read_to, ctx.span[0], doc, story)
        if kind == "flow" and undated and story.period is not None:
            period = story.period
            if full_year and period.granularity in ("quarter", "half"):
                period = _year_of(period, story.dates)
            return period
        if full_year and undated and doc.published:  # "full-year sales" in February: the year just ended
            last = _year_of(Period.model_construct(start=doc.published, end=doc.published, text=None,
                                                   granularity="day"), story.dates)
            return shift_period(last, -12, "full year")
        ahead = modality in _AHEAD or (modality == "rumor" and _FUTURE.search(masked, ctx.span[0], ctx.span[1]))
        if (period is not None and ahead and yearless(period) and doc.published and period.end
                and period.end < doc.published and self._chosen_at > m.start):
            period = shift_period(period, 12)  # "plans to raise $5m in October", said in March
        if kind == "flow" and base is None and period is not None and not undated and period.resolved:
            story.period, story.read_to = period, ctx.span[1]
        return period

    @staticmethod
    def _nearest(items: Sequence[_S], m: Span) -> _S | None:
        return min(items, key=lambda x: _distance(x, m), default=None)

    def _metric(
        self, masked: str, ctx: _Sentence, i: int, m: MoneyMention, blocked, in_clause, done,
    ) -> tuple[str | None, Cue | None, str | None]:
        """The metric, the cue that decided it and the segment: the cue that governs the amount by syntax ("a
        valuation of X", "X in revenue", "raised X"); else the nearest cue in its clause; else the metric of the
        amount before it in the sentence; else the nearest cue before it."""
        cues = [c for c in ctx.metrics if not blocked(c.start, c.end) and not _CHANGE_VERB.match(masked, c.end)
                and not any(x.start <= c.start and c.end <= x.end and not x.start <= m.start < x.end for x in ctx.appositions)]
        attached = [c for c in cues if in_clause(min(c.start, m.start), max(c.end, m.end)) and _governs(masked, c, m)]
        # a noun that heads the amount ("a dividend of X") beats one after it ("X in debt financing", "X a share"),
        # which beats a verb ("raised X")
        head = min(attached, key=lambda c: (_attachment_rank(masked, c, m), _distance(c, m)), default=None)
        if head is not None and head.kind == TAKINGS:  # "brought in €95m at a valuation of …" is a round
            deal = any(c.kind in ("funding", "valuation", "pre_money_valuation", "investment") for c in ctx.metrics)
            return ("funding" if deal else "revenue"), None, None
        if head is None and _COMPARED_WIDE.search(masked, max(ctx.span[0], m.start - 40), m.start):
            # "far below the $45.6bn … but well above the $6.7bn": compared with what the sentence is about
            head = next((c for c in cues if c.end <= m.start and _metric_of(c)), None)
        if head is None:
            head = self._nearest([c for c in cues if in_clause(c.start, c.end)], m)
        if head is not None:
            return _metric_of(head), head, self._segment(masked, ctx, head, m)
        earlier = [j for j in ctx.amounts if j < i and j in done and done[j]["metric"]]
        if earlier:
            return done[earlier[-1]]["metric"], None, done[earlier[-1]]["segment"]
        near = self._nearest([c for c in cues if c.end <= m.start], m)  # a later clause's cue is its own amount's
        return (_metric_of(near), near, self._segment(masked, ctx, near, m)) if near is not None else (None, None, None)

    @staticmethod
    def _segment(masked: str, ctx: _Sentence, cue: Cue, m: MoneyMention) -> str | None:
        """The words in front of a noun cue that make the figure a part or another measure of the metric:
        "cloud infrastructure revenue", "iPhone sales", "underlying profit" (not "net", "total", "2024",
        "fourth-quarter", a possessive or the company's name)."""
        if _metric_of(cue) is None or _is_verb(masked, cue) or _metric_of(cue) in _EVENT_METRICS:
            return None  # an event's parts are its round or deal, not a segment
        words: list[str] = []
        own = masked[cue.start:cue.end].split()
        words += [w.lower() for w in own[:-1] if w.lower() in _BASIS_WORDS]  # "adjusted EBITDA", "underlying profit"
        limit = max(ctx.span[0], m.end if m.end <= cue.start else ctx.span[0], cue.start - 60)
        before = []
        for w in reversed(list(_WORD.finditer(masked, limit, cue.start))):
            word = w.group(0)
            low = word.lower()
            if (low in _NEUTRAL or low in _NOT_SEGMENT or low.endswith(("'s", "’s", ",")) or not low[0].isalpha()
                    or any(c.isdigit() for c in word) or _PERIOD_WORD.search(low) or _VERB_OR_ADVERB.search(low)
                    or any(x.start <= w.start() < x.end for x in ctx.entities)):
                break
            before.append(low)
            if len(before) == 3:
                break
        words = [*reversed(before), *words]
        return " ".join(dict.fromkeys(words)) or None

    @staticmethod
    def _qualify_period(masked: str, chosen: PeriodMention, metric: str | None, doc: Document) -> Period:
        """'since 2020' runs to publication; a level at 'the end of 2025' is its last day."""
        p = chosen.period
        before = masked[max(0, chosen.start - 20):chosen.start]
        if p.resolved and _SINCE.search(before):
            return Period(start=p.start, end=doc.published or p.end, text=f"since {p.text}", granularity="since")
        if p.resolved and metric in _LEVEL_METRICS and _PERIOD_END.search(before):
            return Period(start=p.end, end=p.end, text=f"end of {p.text}", granularity="day")
        return p

    def _period(
        self, masked: str, ctx: _Sentence, m: MoneyMention, metric: str | None, blocked, in_clause, doc: Document,
        others: list[MoneyMention], compared: bool = False,
    ) -> Period | None:
        first_amount = min(money_start for money_start in ctx.amount_starts)
        flow = self.lexicon.kind_of(metric) == "flow"
        self._chosen_at = -1

        def applicable(p: PeriodMention) -> bool:
            if compared:  # "from €4bn in 2023": only a date of its own, after it
                return p.start >= m.end and in_clause(p.start, p.end) and not blocked(p.start, p.end) \
                    and p.period.granularity != "approximate"
            if flow and (p.period.granularity in _REPORT_DAYS or _REPORT_TIME.match(p.period.text or "") or (p.start >= m.end and _BREAK.search(
                    _PARENTHESIS.sub("", masked[m.end:p.start])))):
                return False  # "said on Tuesday that revenue …": the day of the report, not the period of a flow
            if p.start >= m.end and _COMPARISON.search(masked, m.end, p.start):
                return False  # "€1.4bn, four times its valuation from June": June dates the other figure
            for x in ctx.asides:
                if x.start <= p.start and p.end <= x.end and not (x.start <= m.start and m.end <= x.end):
                    return False
            # "In September 2025, X raised €1.7bn at a €11.7bn valuation": an opening date scopes over all
            if p.end <= first_amount:
                return True
            if blocked(p.start, p.end) and not (p.start >= m.end and _AT_WHICH.match(masked, m.end)):
                return False
            # "raised $3m last month and expects to raise $5m": the date closes the earlier amount's clause
            return not (p.end <= m.start and any(o.end <= p.start for o in others)
                        and _CONJUNCTION.search(masked, p.end, m.start))

        usable = [p for p in ctx.periods if applicable(p)]
        own = [p for p in usable if in_clause(p.start, p.end)]
        own = [p for p in own if p.explicit == max(x.explicit for x in own)]  # "the fourth quarter, the three months to January 31"
        chosen = self._nearest(own, m) or self._nearest(usable, m)
        if chosen is not None:
            self._chosen_at = chosen.start
            return self._qualify_period(masked, chosen, metric, doc)
        if doc.published is None:
            return None
        return Period(start=doc.published, end=doc.published, text=None, granularity="published")

    def _modality(self, masked: str, ctx: _Sentence, m: MoneyMention, blocked, in_clause, clause) -> str:
        kinds = set()
        for c in ctx.modality:
            if any(x.start <= c.start and c.end <= x.end and not x.start <= m.start < x.end for x in ctx.asides):
                continue  # ", which expects to publish results in June,": the aside's own statement
            if in_clause(c.start, c.end):
                if c.start >= m.end and _CONJUNCTION.search(masked, m.end, c.start):
                    continue  # "$18bn in total and might soon add ...": the modal governs what follows
                kinds.add(c.kind)
            elif c.end <= clause[0] and not blocked(c.start, c.end):
                kinds.add(c.kind)
        return next((k for k in MODALITY_ORDER if k in kinds), "actual")

    def _parties(self, masked: str, ctx: _Sentence, m: MoneyMention, metric: str | None, in_clause):
        s, _ = ctx.span
        introduced = {
            id(x) for x in ctx.entities
            if _INTRODUCED.search(masked, max(s, x.start - 20), x.start) or _LEADER.match(masked, x.end)
        }
        counterparty = None
        candidates = list(ctx.entities)
        if metric in _PARTY_METRICS:
            after = [
                x for x in ctx.entities
                if masked[x.start:x.end].lower() not in _POSSESSIVE_REFERENCE
                and x.start >= m.end and _INTO.match(masked[m.end:x.start])
            ]
            if after:
                target = after[0]
                before = [x for x in ctx.entities if x.end <= m.start and x.name != target.name]
                payer = before[-1] if before else None
                return target.name, (payer.name if payer else None)
            introduced_ents = [x for x in ctx.entities if id(x) in introduced]
            near = self._nearest(introduced_ents, m)
            if near is not None:
                counterparty = near.name
        candidates = [x for x in ctx.entities if id(x) not in introduced and x.name != counterparty]
        possessive = [
            x for x in candidates
            if x.end <= m.start and in_clause(x.start, x.end) and masked[x.end:x.end + 2] in ("'s", "’s")
        ]
        preceding = [x for x in candidates if x.end <= m.start and in_clause(x.start, x.end)]
        before_in_sentence = [x for x in candidates if x.end <= m.start]
        for pool, pick in ((possessive, -1), (preceding, -1), (before_in_sentence, -1), (candidates, 0)):
            if pool:
                return pool[pick].name, counterparty
        return ctx.focus, counterparty  # "Revenue was €212 million": the organisation in focus


def _governs(text: str, cue: Cue, m: MoneyMention) -> bool:
    """Whether the cue is the head of the amount: a noun right after it, or a cue before it with only linking words
    between ("revenue rose 18% to X", "a valuation of X", "raised X")."""
    if cue.start >= m.end:
        gap = _AFTER_GAP.fullmatch(text, m.end, cue.start)
        return gap is not None and not _is_verb(text, cue)
    return _BEFORE_GAP.fullmatch(text, cue.end, m.start) is not None


def _year_of(period: Period, dates: DateSettings) -> Period:
    """The (fiscal) year a quarter or half belongs to: "for the full year" after "the fourth quarter"."""
    assert period.end is not None
    start_month = dates.fiscal_year_start
    year = period.end.year if start_month == 1 or period.end.month < start_month else period.end.year + 1
    first, last = fiscal_year(year, start_month)
    return Period.model_construct(start=first, end=last, text="full year",
                                  granularity="year" if start_month == 1 else "fiscal_year")


def _is_verb(text: str, cue: Cue) -> bool:
    """"raised", "values", "invested" are verbs; "debt financing", "funding", "earnings" are nouns."""
    if cue.kind == TAKINGS:
        return True
    first = text[cue.start:cue.end].split()[0].lower()
    return first not in _ING_NOUNS and first not in _BASIS_WORDS and bool(_VERB_CUE.search(first))


def _attachment_rank(text: str, cue: Cue, m: MoneyMention) -> int:
    """0 a noun or a measuring verb that heads the amount ("a dividend of X", "valued at X"), 1 a noun after it
    ("X in debt financing"), 2 an action verb ("raised X")."""
    if cue.start >= m.end:
        return 1
    return 2 if _is_verb(text, cue) and cue.kind not in _MEASURES else 0


def _metric_of(cue: Cue) -> str | None:
    return None if cue.kind in (NO_METRIC, TAKINGS) else cue.kind


def _distance(x: Span, m: Span) -> tuple[int, int]:
    """How far a span is from an amount; on a tie, a span after the amount is nearer ("€5m in revenue")."""
    return (x.start - m.end, 0) if x.start >= m.end else (m.start - x.end, 1)


def _origin(i: int, conversions: dict[int, int]) -> int:
    while i in conversions:
        i = conversions[i]
    return i


def _claim_id(source: str, m: MoneyMention) -> str:
    digest = hashlib.sha1(f"{source}\0{m.start}\0{m.end}".encode()).hexdigest()
    return "c" + digest[:10]
