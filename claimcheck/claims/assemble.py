"""From mentions to claims: each amount gets a subject, counterparty, metric, period and modality.

Everything is decided inside the amount's sentence, preferring its own clause; a cue or date that has another
amount between it and this one belongs to that other amount. A restatement in another currency (a conversion)
copies what the amount it converts says. The decisions live in their own modules: `parties` (who),
`metric` (what), `timing` (when); this module decides how sure (modality), what a figure is compared with,
and builds the claims.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from bisect import bisect_right
from dataclasses import fields, replace
from typing import cast

from claimcheck.claims.context import (Amount, Attribution, Sentence, Story, holds_money, nearest,
                                       per_share_restatements)
from claimcheck.claims.metric import EARNINGS_PER_SHARE, PERIOD_CONTRIBUTES, decide_metric
from claimcheck.claims.parties import parties
from claimcheck.claims.timing import (FROM_BEFORE, STORY_SPANS, date_by_comparison, day_carried_over, months_of_a_year,
                                      headline_figures_dated, period_in_story, same_stretch_of_year, sentence_period)
from claimcheck.mentions.changes import BACK_AFTER
from claimcheck.mentions.cues import MODALITY_ORDER, NO_METRIC, UNTRACKED_FLOW, UNTRACKED_LEVEL, Cue, Lexicon
from claimcheck.mentions.money import SCALED, conversion_pairs
from claimcheck.mentions.organisations import LEFT_OUT, DocumentEntities, EntityTable, place_names
from claimcheck.mentions.periods import (MONTHS, DateSettings, fiscal_naming_in, fiscal_start_in, on_week_calendar,
                                         week_end_in)
from claimcheck.mentions.sentence import SentenceMentions, read_sentence
from claimcheck.mentions.sentences import Sentences, outlook_heading, previous_sentence, story_regions
from claimcheck.models import Claim, Document, Modality, MoneyMention, Period

# the cues of measures that are no metric: a modal word inside one's name ("expected credit losses") is no modality
_MEASURE_KINDS = frozenset({NO_METRIC, UNTRACKED_FLOW, UNTRACKED_LEVEL})

# "raised its target price to", "cut his fiscal 2025 earnings estimate to": an estimate moved, the figure it leaves is one
_MOVED_ESTIMATE = re.compile(
    r"\b(?:raised|raises|raising|lifted|lifts|cut|cuts|cutting|lowered|lowers|trimmed|trims|increased|reduced|moved"
    r"|nudged|upped)\s+(?:its|his|her|their|the)\s+(?:[\w-]+\s+){0,3}?(?:targets?|forecasts?|estimates?|guidance"
    r"|outlook|projections?)(?:\s+price)?\s+(?:(?:for|on)\s+(?:[\w-]+\s+){1,3}?)?to\s*$", re.IGNORECASE)
_RIGHT_AFTER_FROM = re.compile(r"[ \t]{1,3}from[ \t]{1,3}(?:(?:about|around|roughly|some)[ \t]{1,3})?")  # "to TL 125 from TL 116"
_CONJUNCTION = re.compile(r"\s(?:and|but|while|whereas|although|though)\s", re.IGNORECASE)
# "up from €4bn", "against $90.8bn", "compared with €4.70": the amount is the figure compared with.
# "11.8% more than the €5,970 million it booked in 2023": a change in per cent against the figure after it
# ("less than the €18.5bn it had asked for", without a change, compares no periods)
# "from around €2 billion to more than €2.5 billion": a figure risen from, then the one it rises to
_FROM_TO_NEXT = re.compile(r"(?:\s{0,3}\([^()]{0,80}\))?\s{1,3}to\s{1,3}(?:(?:about|around|roughly|nearly|almost|some|just"
                           r"|over|under|more\s+than|less\s+than|a|an|the)\s{1,3})*", re.IGNORECASE)
# … and with the words that date or describe the first figure between, when nothing before it could be its partner
_FROM_TO_LATER = re.compile(r"(?:\s{0,3}\([^()]{0,80}\))?[^.;:!?()]{0,160}?,?\s{1,3}to\s{1,3}(?:(?:about|around|roughly"
                            r"|nearly|almost|some|just|over|under|more\s+than|less\s+than|a|an|the)\s{1,3})*", re.IGNORECASE)
_OTHER_CHANGE = re.compile(r"%|\bper\s*cent\b|\b(?:double|doubled|doubling|triple|tripled|tripling|twice|times|\w+fold"
                           r"|half|halved|halving)\b", re.IGNORECASE)
_COMPARED = re.compile(
    # (not "still far from the Ch$1,740 they reached at their peak", "a long way from": a distance, no base)
    r"(?:(?<!\bfar\s)(?<!\baway\s)(?<!\bapart\s)(?<!\bway\s)from|against|compared\s+(?:with|to)|versus|vs\.?|times|twice|double|triple|half"
    # "it has tripled since 2020, when it was NIS 4.8 billion": the figure of the year the change is measured from
    r"|(?:since|from)\s+(?:19|20)\d{2},?\s+when\s+(?:it|they)\s+(?:was|were|stood\s+at|came\s+to|totall?ed)"
    r"|(?:%|percent|per\s+cent)\s+(?:more|less|higher|lower|greater|bigger|smaller|larger|above|below)\s+than"
    # "a 25% increase on the $36.4 million it booked", "up 8% on last year's £2.1bn"
    r"|(?:increase|rise|gain|jump|growth|improvement|decline|drop|fall|decrease|%|percent|per\s+cent)\s+(?:on|over)"
    r"(?:\s+(?:last|the\s+previous|the\s+prior)\s+(?:year|quarter)['’]s)?"
    r")\s+(?:(?:a|an|the|its)\s+)?"
    # "almost double 2024's US$402.7mn", "against last year's £2.1bn": the year whose figure it is
    r"(?:(?:(?:19|20)\d{2}|(?:FY|fiscal\s+)\d{2,4}|last\s+year|the\s+previous\s+year|the\s+prior\s+year)['’]s\s+)?"
    r"(?:(?:net\s+|operating\s+|pre-?tax\s+)?(?:loss|profit|deficit|surplus|revenue|sales|income)\s+of\s+)?"
    r"(?:(?:about|around|roughly|nearly|some|approximately|just|more\s+than|less\s+than|under|over|record"
    r"|year[- ](?:earlier|ago)|negative|minus)\s+)*$",
    re.IGNORECASE)
# "Rmb12.50bn of that was earned in 3Q25": a part of the figure before it
# (the part one stretch of time made: not "tax took Rs108.1bn of it", "R$86 million of it came from recognising tax
# credits", "135 millioner dollar of that was a one-off gain": other measures inside it)
_OF_THAT = re.compile(r"[ \t]+of[ \t]+(?:that|it|this)[ \t]+(?:(?:was|were|had[ \t]+been)[ \t]+(?:earned|made|booked|generated"
                      r"|recorded|posted)|came)[ \t]+in\b", re.IGNORECASE)
# a profit counted with the minorities' share: "Including minority interests, net profit …", "before minority interests"
_WITH_MINORITIES = re.compile(r"\b(?:including|with|before|plus)\s+(?:the\s+)?(?:minority|non-controlling)\s+interests?\b"
                              r"|\bbefore\s+minorities\b", re.IGNORECASE)
# what a figure leaves out, before it in its sentence: "Excluding GAP, EBITDA was …", "Stripping out the unit, …"
_EXCLUDING = re.compile(rf"\s*(?i:{LEFT_OUT})\s+(?:the\s+)?")
# "EBITDA was 186 mln zł after minus 67 mln zł", "earnings per share to CHF 1.77 after CHF 1.58": "after" a figure that
# ends the clause (or is dated as a year before) is what the figure is held against (not "after a €20m charge")
_AFTER_BEFORE = re.compile(r"(?<![\w-])after\s+(?:(?:a|an)\s+)?(?:(?:negative|minus)\s+)?$", re.IGNORECASE)
# (not "after €20 million, mainly severance costs", nor "after $150 million in 2023", a round of its own)
_BASE_ENDS = re.compile(r"\s*(?:\.(?:\s|$)|;|$|\s+(?:a\s+year\s+(?:earlier|ago|before)|the\s+year\s+before"
                        r"|in\s+(?:the\s+)?(?:same|prior|previous|year-earlier)\s+(?:quarter|half|period|months?)\b))",
                        re.IGNORECASE)
# what a figure held against another was: expected of it, not its base ("against $28.92 billion expected")
_EXPECTED_AFTER = re.compile(r"\s+(?:(?:had\s+)?been\s+)?(?:expected|forecast|estimated|anticipated|predicted|projected|"
                             r"pencilled\s+in|penciled\s+in|by\s+analysts|analysts\s+(?:had\s+)?(?:expected|forecast))\b",
                             re.IGNORECASE)
# "Revenue: 365.9bn yuan (2023: 271.0bn yuan)", "(FY24: Rs 4,897 crore)", "(prior year: $1.2bn)": the figure of
# the earlier period, as results tables and lists give it
_PRIOR_IN_PARENTHESES = re.compile(
    r"\(\s*(?:(?:FY|H[12]|Q[1-4])\s*)?(?:(?:19|20)\d{2}|'?\d{2})\s*[:=]\s*$"
    r"|\(\s*(?:a\s+year\s+(?:earlier|ago)|(?:the\s+)?(?:prior|previous|last)\s+year)\s*[:=]?\s*$", re.IGNORECASE)
# "After the US government said …, the company took …": a clause that opens the sentence and ends at a comma,
# whose own verbs say nothing of how sure the main clause's figure is ("If" and "Unless" do: conditions)
_TO_NUMBER = re.compile(r"\s+to\s+(?:(?:about|around|roughly|nearly|some|almost|more\s+than)\s+)?\d")
_LEADING_CLAUSE = re.compile(r"(?:After|When|Once|Since|Because|Although|Though|While|Before|As)\s[^,;]{3,200}?,")
_DONE_COMMITMENT = re.compile(r"\b(?:has|have|had)\s+(?:already\s+)?(?:committed|pledged)$", re.IGNORECASE)
_TO_VERB = re.compile(r"\s+to\s+(?!the\b|a\b|an\b|its\b|their\b|(?-i:[A-Z]))[a-z]+\b", re.IGNORECASE)
_CONTRAST = re.compile(r"\b(?:while|whereas|but|although|though|however|after|since|because|as)\b|;", re.IGNORECASE)
# "forecast revenue of ¥6.1 trillion, up 4.7%, but operating profit of ¥500 billion": a noun and "of" after "but", no
# verb of its own: the same verb's next object, the contrast only in the figures
_NOUN_OF = re.compile(r"\s+(?:(?:an?|the|its|their)\s+)?(?:[\w-]+\s+){1,3}?of\s+(?:(?:about|around|roughly|some|nearly"
                      r"|just|only)\s+)?")
# "€1.3bn of the €1.7bn round": the first amount is a part of the second.
_PART_GAP = re.compile(r"^\s+(?:of|out\s+of)\s+(?:the|its|a|an|their|this|that)?\s*(?:total\s+(?:of\s+)?)?$", re.IGNORECASE)
# "the top line almost doubled from ₹7,167 crore": the figure it changed from, not the one it leads to
# "Finance costs dropped to KSh682 million from KSh24.1 billion because the shilling gained roughly 9% against the
# dollar": a change after a conjunction that opens a clause with its own subject is that subject's
_ANOTHER_SUBJECT = re.compile(r"\b(?:because|as|since|while|whereas|although|though|when)\s+"
                              r"(?:the|its|their|his|her|this|that|[A-Z][\w&'’-]*)\s"
                              # "earned ₱13.8 billion; the 2025 figure is more than double …": a new clause's own subject,
                              # another period's figure (not "; that is more than double …", which points back to it)
                              r"|;\s+the\s+(?:(?:19|20)\d\d(?:/\d\d)?|full-year|half-year|annual|quarterly|current|latest|new)"
                              r"\s+(?:figure|total|result|number|profit|payout)s?\s+(?:is|was|are|were)\b")
# (or "than", which "11% more than" ends on: "11% more than the R3.70 a share")
_CHANGED_FROM = re.compile(r"(?:\s+from|(?<=than))\s+(?:(?:a|an|the|its|about|around|roughly|some|just|nearly)\s+)*",
                           re.IGNORECASE)
# ("fell 24% quarter on quarter, to R$ 709 milhões": past what the change is measured against)
_LEADS_TO = re.compile(r"(?:\s+(?:(?:year|quarter|month)[-\s](?:on|over)[-\s](?:year|quarter|month)|sequentially|y/y|q/q|yoy|qoq))?"
                       r"\s*(?:,\s*)?(?:to|at|from)\s+(?:(?:a|an|the|about|around|nearly|some)\s+)*$", re.IGNORECASE)
_NEWLINE = re.compile(r"\n")
# "revenue of $5 billion, up 12% from a year earlier", "€62 million for 2024 (down 6%)": a percentage change set
# right after the figure it measures, or after the few words that date it
_APPOSED = re.compile(r"(?:\s+[^,;:()%\s][^,;:()%]{0,39}?)?\s*(?:,|\(|—|–|\s-)\s*")
# "lifts its 2025 revenue forecast to $11.3bn from $10.9bn": a forecast revised; what it is revised from is
# the earlier forecast for the same period, not last year's figure.
_REVISION = re.compile(
    r"\b(?:rais|lift|cut|lower|trim|boost|increas|reduc|upgrad|downgrad|revis|nudg|hik|par|slash|tweak)\w*"
    r"\s+(?:[\w'’-]+\s+){0,5}?(?:estimate|forecast|guidance|outlook|target|projection|prediction|view)s?"
    r"(?:\s+(?:for|of)(?:\s+[\w'’-]+){1,6}?)?\s+to\s+(?:(?:a|an|the|about|around|nearly|some)\s+)*$",
    re.IGNORECASE)
# "Operating profit is now forecast at ¥165 billion, up from ¥122 billion": a forecast said to be the one now
# stands against the one it replaces, of the same period (not when the figure it is up from is dated: "up from
# $4bn last year")
_NOW_FORECAST = re.compile(
    r"\bnow\s+(?:forecasts?|expects?|expected|sees|seen|projects?|projected|guides?|guided|estimated|pegged|put)"
    r"\s+(?:[\w'’-]+\s+){0,4}?"
    # … and the next measure of the list: "…, up from ¥122 billion, and net profit at ¥149 billion, up from …"
    r"(?:(?:at|to\s+(?:reach|be|total|hit))\s+[^;:]{1,200}?,\s+and\s+(?:[\w'’-]+\s+){1,4}?)?"
    r"(?:at|to\s+(?:reach|be|total|hit))\s+(?:(?:a|an|the|about|around|nearly|some)\s+)*$",
    re.IGNORECASE)
_DATED_AFTER = re.compile(r"\s*+(?:\([^()]*+\)\s*+)?,?\s*+(?:last\s+(?:year|quarter)|(?:in|for|of)\s+(?:the\s+)?"
                          r"(?:(?:fiscal|financial|calendar)\s+(?:year\s+)?)?(?:FY\s?)?(?:19|20)\d\d\b"
                          r"|(?:in|for)\s+(?:the\s+)?(?:year|quarter|half|six\s+months|nine\s+months)\s+(?:to|ended|ending)\b)",
                          re.IGNORECASE)
_UP_FROM = re.compile(r"\s*+(?:\([^()]*+\)\s*+)?,?\s*+(?:up|down|raised|lifted|cut|lowered)\s+from\s+(?:(?:a|an|the|about|around|nearly|some)\s+)*$",
                      re.IGNORECASE)
# "up from an earlier forecast of $3.36bn", "compared with the $41.35bn analysts had pencilled in": an estimate
# of the same period, not last year's figure
_EARLIER_ESTIMATE = re.compile(
    r"\b(?:earlier|previous|prior|initial|original|former)\s+(?:forecast|estimate|guidance|outlook|target|projection"
    r"|view)s?\s+(?:of\s+)?(?:(?:a|an|the|about|around|nearly|some)\s+)*$", re.IGNORECASE)
# "up from the $3.89bn to $3.90bn it forecast in May": what the company forecast earlier for the same period
_FORECAST_AFTER = re.compile(r"\s*(?:that\s+)?(?:it|they|the\s+company|the\s+group|management)\s+(?:had\s+)?"
                             r"(?:forecast|predicted|expected|projected|guided|pencilled\s+in)\b", re.IGNORECASE)
_CONSENSUS_AFTER = re.compile(r"\s*(?:\([^()]*\)\s*)?(?:that\s+)?(?:analysts|economists|the\s+market|consensus)\b",
                              re.IGNORECASE)
# what follows "pencils in" the noun: a year, a place, "the" ("2 billion pencils in 2024"); the verb takes a figure or
# a measure ("She pencils in roughly £182 million", "Vermeulen pencils in €5.20")
_PENCILS_SOLD = re.compile(r"\s+(?:(?:19|20)\d\d\b|(?-i:[A-Z])[a-z]|the\b|its\b|their\b|stores?\b|shops?\b|schools?\b)")
# "the Bt9.07bn one large Bangkok broker was pencilling in last November": a forecaster and its verb right after the
# figure (the date is when it forecast, not what the figure covers)
_FORECASTER_AFTER = re.compile(
    r"\s{0,3}(?:that\s+|which\s+)?(?:(?:one|a|an|the|some|several|most|many|two|three|four|five)\s+)?"
    # (no joining word among its words: "rose to $5.2 billion from $4.9 billion while analysts had expected …")
    r"(?:(?!(?:as|while|when|whereas|and|but|than|what|though|although|after|since|if|which|that|because)\b)[\w-]+\s+){0,3}?"
    r"(?:analysts?|economists?|brokers?|brokerages?|forecasters?)\s+(?:had\s+|has\s+|have\s+|was\s+|were\s+)?(?:been\s+)?"
    r"(?:pencil(?:l?ing|l?ed)\s+in|expect(?:ed|ing)|forecast(?:ing)?|estimat(?:ed|ing)|predict(?:ed|ing)|look(?:ed|ing)\s+for"
    r"|project(?:ed|ing))\b", re.IGNORECASE)
# who forecasts a figure: analysts, brokers, the consensus ("Analysts had on average pencilled in …", "the ¥548
# billion average of eleven analyst estimates", "the consensus of …")
_ANALYSTS_BEFORE = re.compile(r"\b(?:analysts?|consensus|brokers?|brokerages?|economists|the\s+street|the\s+market)\b",
                              re.IGNORECASE)
# (after the figure, as `_CONSENSUS_AFTER` says it, or "the roughly ¥548 billion average of eleven analyst estimates")
_AVERAGE_OF_ESTIMATES = re.compile(r"\s*average\s+(?:of\s+)?(?:[\w'’-]+\s+){0,3}?(?:analyst\s+)?(?:estimates|forecasts)\b",
                                   re.IGNORECASE)
# another firm that forecasts: "Harlow Partners now forecasts Memora Technology's revenue at $53 billion"
_FORECASTER_VERB = re.compile(r"\s+(?:now\s+|also\s+)?(?:forecasts|expects|estimates|sees|predicts|projects|models"
                              r"|pencils\s+in|has\s+pencilled\s+in)\b")
# the company's own word in the clause: "Analysts said the company expects …" is the company's forecast
_OWN_FORECAST = re.compile(r"\b(?:it|the\s+company|the\s+group|management)\s+(?:now\s+)?(?:expects|forecasts|guided|sees)\b",
                           re.IGNORECASE)


# a person's own figure for the company's: "She puts full-year net profit at …", "He reckons …"
_PERSON_PUTS = re.compile(r"\b(?:[Ss]he|[Hh]e)\s+(?:now\s+)?(?:puts|put|reckons)\b")


def _estimate_after(text: str, end: int) -> bool:
    """Whether the words right after a figure say whose estimate it is: "(that) analysts …", "the … average of eleven
    analyst estimates", "one large Bangkok broker was pencilling in"."""
    return bool(_CONSENSUS_AFTER.match(text, end) or _AVERAGE_OF_ESTIMATES.match(text, end)
                or _FORECASTER_AFTER.match(text, end))


def _by_analysts(a: Amount, subject: str | None) -> bool:
    """Whether the copy gives the figure as analysts' (or the market's, or another firm's) forecast, not the
    company's own: "Analysts had pencilled in …", "Harlow Partners now forecasts Memora's revenue at …"."""
    text, m = a.text, a.m
    if _estimate_after(text, m.end):
        return True
    start = a.clause[0]
    if _ANALYSTS_BEFORE.search(text, start, m.start) is not None and not _OWN_FORECAST.search(text, start, m.start):
        return True
    if _PERSON_PUTS.search(text, start, m.start):
        return True  # "She puts full-year net profit at ¥160 billion": the analyst quoted, not the company
    return subject is not None and any(
        x.end <= m.start and x.name != subject and x.kind == "organisation" and _FORECASTER_VERB.match(text, x.end)
        for x in a.sentence.entities)


# "a record €3.2 billion on this measure", "On that measure, it earned …": the measure just named, not the verb's
_ON_THIS_MEASURE = re.compile(r"\s+(?:on|by|under)\s+(?:this|that|the\s+same)\s+(?:measure|metric|yardstick|definition)\b",
                              re.IGNORECASE)
_ON_THIS_MEASURE_OPENS = re.compile(r"\s*(?:On|By|Under)\s+(?:this|that|the\s+same)\s+(?:measure|metric|yardstick"
                                    r"|definition)\b")
# "That compares with €357 million a year earlier": the figure of the sentence before, compared with its own
_THAT_COMPARES = re.compile(r"\s*(?:That|This|It)\s+(?:compares|compared)\s+(?:with|to)\s")
# "Profit for the year … was ¥529.7 billion. The part attributable to Suzuki's own shareholders was ¥416.05 billion":
# the owners' share of the measure the sentence before gave
_OWNERS_PART = re.compile(r"\s*+(?:The|Its)\s++(?:part|portion|share|slice)\s++(?:of\s++(?:it|that|this)\s++)?"
                          r"(?:attributable\s++to|that\s++belongs\s++to|belonging\s++to|due\s++to)\s++"
                          r"(?:the\s++|its\s++|[A-Z][\w&.-]*+(?:['’]s)?\s++)?(?:own\s++)?(?:parent['’]s\s++)?"
                          r"(?:shareholders|owners|equity\s++holders|stockholders)\b")


# the balances `_period_end` dates: those of no metric (a bank's deposits and loans, equity, an order book); not cash
# or debt (read so, figures whose metric or subject was already wrong raised false alarms), nor what the market or an
# investor prices the company at, nor a budget
_BOOKS_LEVELS = frozenset({None})
RESULTS_LAG_DAYS = 120  # results come out within four months of the period's end


def _period_end(story: Story, doc: Document) -> Period | None:
    """The last day of the period a results story reports, when it ended before publication and not long before:
    "Customer deposits fell to Sh502 billion", undated, in a story of the year to December, are held on its last day."""
    period = story.period
    if period is None or not period.resolved or period.granularity not in STORY_SPANS or period.end is None \
            or doc.published is None or not 0 <= (doc.published - period.end).days <= RESULTS_LAG_DAYS:
        return None
    return Period.model_construct(start=period.end, end=period.end, text=None, granularity="day")


def _period_contributes(text: str, ctx: Sentence, m: MoneyMention) -> bool:
    """"The fourth quarter contributed 2,515 million pesos": a part of the period, opening the sentence, adds its share
    to the measure the sentence before gave."""
    found = PERIOD_CONTRIBUTES.match(text, ctx.span[0])
    return found is not None and found.end() <= m.start


# "Analysts had on average forecast €503.3m", "For the first quarter it guided to $9.71bn": an estimate of
# what the sentence before measured
_ESTIMATE = re.compile(r"\b(?:forecasts?|forecast(?:ed|ing)|expect(?:s|ed|ing)?|estimat\w+|predict\w*|guid(?:ed|es|ance)"
                       r"|pencil(?:led|ed)|consensus|projected)\b", re.IGNORECASE)
# Anonymous sources: what they are said to have said is the whole sentence's footing
_SOURCES = re.compile(r"(?:according\s+to\s+people|people\s+(?:familiar|close\s+to|briefed|with\s+knowledge)"
                      r"|sources\s+(?:say|said)|unnamed\s+sources|(?:people|sources)\s+(?:it|they)\s+(?:did\s+not|didn['’]t)\s+name"  # as rumor cues lists
                      r"|asked\s+not\s+to\s+be\s+(?:named|identified)|declined\s+to\s+be\s+(?:named|identified)"
                      r"|condition\s+of\s+anonymity)", re.IGNORECASE)
# between an estimate's noun and the figure it heads: "expectations of $21.74 billion", "a consensus of"
_HEADS_FIGURE = re.compile(r"[ \t]{1,3}(?:(?:of|at|for)[ \t]{1,3})?(?:(?:about|around|roughly|some)[ \t]{1,3})?")
# "in line with forecasts", "below analysts' estimates", "ahead of consensus": a figure measured against an estimate
# the text does not give is a fact, and the estimate's word no modality of it (unless the word heads the figure:
# "beat forecasts of $1.1 billion")
_MEASURED_AGAINST = re.compile(
    r"\b(?:in\s+line\s+with|ahead\s+of|above|below|under|short\s+of|shy\s+of|beat(?:ing|s)?|miss(?:ed|es|ing)?"
    r"|exceed(?:ed|s|ing)?|top(?:ped|s|ping)?|surpass(?:ed|es|ing)?|than|matched|matching)\s+"
    r"(?:(?:the|its|their|most|market|analysts['’]?|analyst|consensus|average|street|company['’]s|own)\s+){0,3}$",
    re.IGNORECASE)
# what carries a forecast word on to a figure after it: "the consensus …, which had pointed to €22.79 billion"
_GIVES_THE_ESTIMATE = re.compile(r"\b(?:which|that)\b", re.IGNORECASE)
# "the profit line the company guides on": the measure its guidance is given in, not guidance ("guided on
# Tuesday to revenue of …" is)
_GUIDES_ON = re.compile(r"[ \t]+on\b(?![ \t]+(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\b|\d))")
# "EBITDAaL, the after-lease operating profit on which the company guides, grew …": the measure, as "guides on"
_ON_WHICH = re.compile(r"\b(?:on|by)\s++which\s++(?:the\s++)?(?:[\w-]++\s++){0,2}$", re.IGNORECASE)
# what opens a relative clause right after a figure: "the Rs 1,069 crore that analysts had pencilled in"
_RELATIVE_AFTER = re.compile(r"\s{0,3}(?:\([^()]{0,40}\)\s{0,3})?(?:that|which)\s")
_NEGATION = re.compile(r"did\s+not|didn['’]t", re.IGNORECASE)
# what capital expenditure buys: a company's own plant, equipment and networks
_OWN_ASSETS = re.compile(
    r"\b(?:in|on|into)[ \t]{1,3}(?:(?:the|its|their|new|building|upgrading|expanding|maintaining|and|a)[ \t]{1,3}){0,4}"
    r"(?:(?:[a-z-]{1,20})[ \t]{1,3}){0,2}?"
    r"(?:networks?|grids?|plants?|factor(?:y|ies)|mills?|capacity|aircraft|fleets?|generation|infrastructure|drilling"
    r"|capital[ \t]{1,3}projects?|stores?|equipment|facilit(?:y|ies)|machinery|mines?|wells?|refiner(?:y|ies)"
    r"|production[ \t]{1,3}lines?|data[ \t]{1,3}cent(?:re|er)s?|warehouses?|pipelines?|boilers?|plant)\b",
    re.IGNORECASE)
# the noun of a company's own spending before its figure ("Investment of €113.7 million"), not the verb ("invested")
# (not "short-term investments" nor what investments are "worth" or where they "stood", holdings; not what a plan,
# projects or a contract "involve" or "require", a programme's)
_INVESTMENT_NOUN = re.compile(r"(?<!term\s)(?<!financial\s)(?<!equity\s)\binvestments?\b"
                              r"(?!\s+(?:plan|programme|program|pipeline)\b)"
                              r"(?![^.;:\d]{0,40}?\b(?:stood|worth|valued|portfolio)\b)"
                              r"(?:[^.;:\d]|\d{1,3}(?:\.\d{1,2})?\s?(?:%|percent|per\s?cent)){0,40}$", re.IGNORECASE)
_REQUIRED = re.compile(r"\b(?:involv|requir|need|entail|call)\w*\s+(?:for\s+)?(?:an?\s+|the\s+)?"
                       r"(?:total\s+|combined\s+)?investment\b[^.;:\d]{0,40}$", re.IGNORECASE)
# … and what would name where the money goes, or who puts it in, after it ("in Mexico", "into the venture", "from
# Sequoia"; not "in the current year")
_PUT_INTO = re.compile(r"(?:\s*\([^()]{0,80}\))?,?\s+(?:(?:in|into|for)\s+(?!(?:the\s+|this\s+|its\s+)?"
                       r"(?:current|coming|first|second|third|fourth|last|next|same|year|quarter|half|period|fiscal"
                       r"|financial|months|(?:19|20)\d\d|FY|H[12]|Q[1-4])\b)"
                       r"|(?:from|by)\s+(?!(?:(?:about|around|roughly|some|nearly)\s+)?"
                       r"(?:[$€£¥₹₩\d]|[A-Z]{1,3}\$|[A-Z]{2,3}\s?\d)|(?:19|20)\d\d))", re.IGNORECASE)
# a programme's horizon: "by 2030", "over five years", "until 2028", "through 2029", "2025-2027", "a five-year plan"
_HORIZON = re.compile(r"\b(?:by|until|through|till)\s+(?:the\s+end\s+of\s+)?(?:19|20)\d\d\b|\bover\s+(?:the\s+next\s+)?"
                      r"(?:\w+|\d+)\s+years\b|\b(?:19|20)\d\d\s*[-–]\s*(?:19|20)?\d\d\b"
                      r"|\b(?:two|three|four|five|six|seven|eight|nine|ten|\d+)-year\b", re.IGNORECASE)
# "The final special dividend of 2,710c": a special one paid with the final (or interim) shares out its period too
_SPECIAL_OF_A_PERIOD = re.compile(r"\b(?:final|interim|full-year|year-end)[ \t]{1,3}special\b", re.IGNORECASE)
# "cleared the $0.77 the Street expected", "missed the €2.1bn analysts had forecast": measured against the figure before
_BEATS_THE = re.compile(
    r"\b(?:cleared|clearing|beat|beats|beating|topped|topping|missed|missing|exceeded|exceeding|surpassed|trailed"
    r"|lagged|fell[ \t]{1,3}short[ \t]{1,3}of|came[ \t]{1,3}in[ \t]{1,3}(?:above|below|ahead[ \t]{1,3}of))[ \t]{1,3}"
    r"(?:the[ \t]{1,3}|an?[ \t]{1,3})?(?:(?:expected|forecast|estimated|consensus)[ \t]{1,3})?$", re.IGNORECASE)
# "…, for a total of Rs176 a share", "…, bringing the total payout for fiscal 2025 to Rs176": the sum the figure before
# goes into
_TOTAL_OF_IT = re.compile(r"[ \t]{0,3},?[ \t]{1,3}(?:(?:for|making|giving)[ \t]{1,3}a[ \t]{1,3}total[ \t]{1,3}of"
                         r"|(?:bringing|taking|lifting)[ \t]{1,3}(?:the|its)[ \t]{1,3}total(?:[ \t]{1,3}[\w-]{1,20}){0,4}?"
                         r"[ \t]{1,3}to)[ \t]{1,3}", re.IGNORECASE)
_APPOSED_FIGURE = re.compile(r"\.?[ \t]{0,3},[ \t]{1,3}")  # "5,78 kr., 22,72 kr. in all"
_IN_ALL = re.compile(r"\.?[ \t]{1,3}in[ \t]{1,3}(?:all|total)(?=[ \t]*(?:[,.;:)]|$))", re.IGNORECASE)
_OR_RESTATED = re.compile(r"[ \t]{0,3},[ \t]{1,3}or[ \t]{1,3}")  # "$788.5 million, or $795.6 million on an adjusted basis"
_ON_A_BASIS = re.compile(r"[ \t]{1,3}on[ \t]{1,3}an?[ \t]{1,3}(adjusted|underlying|reported|comparable|core|recurring)"
                         r"[ \t]{1,3}basis\b", re.IGNORECASE)
# "3,926c a share, or R5.8bn": a figure per share and, right after it, the same in all
_PER_SHARE_OR = re.compile(r"[ \t]{1,3}(?:a|per|each)[ \t]{1,3}(?:share|unit|security)[ \t]{0,3},?[ \t]{1,3}or[ \t]{1,3}")
_PROPOSED = re.compile(r"\b(?:propos|recommend)\w*", re.IGNORECASE)
_DIVIDENDS_OF_A_PERIOD = frozenset({"final", "interim", "full-year", "full year", "annual", "total"})
_DIVIDENDS_OF_AN_EVENT = frozenset({"special", "quarterly"})  # declared, paid: an event on its day
# "$6.5 billion in share repurchases", "spent $5.6bn buying back its own stock", "bought back €1.2bn of shares": what
# a company spent on its shares over the period its results cover (not a programme announced: "a $5bn buyback")
_SPENT_ON_SHARES = re.compile(r"\b(?:in|on)[ \t]{1,3}(?:share[ \t]{1,3}|stock[ \t]{1,3})?(?:repurchases|buybacks|buy-backs)\b"
                              r"|\b(?:spent|spending|bought[ \t]{1,3}back|repurchased)\b", re.IGNORECASE)
_BUYBACK_PROGRAMME = re.compile(r"\b(?:programmes?|programs?|plans?|authori[sz]\w*|up[ \t]{1,3}to|launch\w*|announc\w*|new)\b",
                                re.IGNORECASE)
_ROUND_METRICS = ("funding", "valuation")
_CUMULATIVE_METRICS = ("funding", "investment")


# Public bodies: what one spends in a year is its budget. The words end the names copy gives them.
_PUBLIC_BODY = re.compile(r"\b(?:Agency|Administration|Ministry|Department|Commission|Council|Authority|Government"
                          r"|Parliament|Municipality|Assembly|Secretariat|Directorate|Bureau)$")
_SPEND = re.compile(r"\bspend(?:s|ing)?\b", re.IGNORECASE)


def _annual_spending_of_a_public_body(a: Amount, subject: str | None, period: Period | None) -> bool:
    """A public body (named with Agency, Ministry, Council …) spending a sum in one year."""
    if subject is None or period is None or period.granularity not in ("year", "fiscal_year"):
        return False
    text, ctx = a.text, a.sentence
    named = any(x.name == subject and _PUBLIC_BODY.search(text[x.start:x.end]) for x in ctx.entities) \
        or _PUBLIC_BODY.search(subject) is not None
    return named and _SPEND.search(text, a.clause[0], a.m.start) is not None


# "invest $3.4 billion in Mexico", "R$34 billion ($5.8 billion) in Brazil", "earmarked $3.4 billion for Mexico"
_DESTINATION = re.compile(r"\s*+(?:\([^()]*\)\s*+)?(?:,\s*)?(?:in|into|for)\s+(?:the\s+)?"
                          r"(?P<place>(?-i:[A-Z][\w'’-]+)(?:\s+(?-i:[A-Z][\w'’-]+)){0,2})\b", re.IGNORECASE)


def _destination(a: Amount) -> str | None:
    """Where an investment goes when the copy names a place right after it, not an organisation (that one is a
    party): a part of the company's spending, as a segment is of its revenue."""
    found = _DESTINATION.match(a.text, a.m.end, a.sentence.span[1])
    if found is None:
        return None
    first = found.group("place").split()[0]
    if first.rstrip(".").lower() in MONTHS or _NOT_A_PLACE.match(first):
        return None  # "in March", "in Q3", "for FY25": a period, not a place
    start, end = found.span("place")
    if any(x.start < end and start < x.end for x in a.sentence.entities):
        return None  # "invest $2bn in Anthropic": the company invested in
    return " ".join(found.group("place").lower().split())


_NOT_A_PLACE = re.compile(r"(?:Q[1-4]|H[12]|FY\d*|Fiscal|Financial)$")


# "well ahead of the R2.0 billion target", "short of the $4bn it promised", "above the €4.8bn analysts expected": a
# figure the sentence holds another against, which a change word later in the sentence does not measure
_HELD_AGAINST = re.compile(r"\b(?:ahead\s+of|short\s+of|shy\s+of|above|below|beyond|exceeding|than)\s+"
                           r"(?:(?:the|its|their|a|an)\s+)?$", re.IGNORECASE)
_AND_THE = re.compile(r"[^;:.()]{0,80}?\band\s+(?:(?:the|its|their|a|an)\s+)?$", re.IGNORECASE)


_CHANGE_OBJECT = re.compile(r"\s+(?:(?:the|its|their|a|an)\s+)?", re.IGNORECASE)


def _held_against(text: str, ctx: Sentence, j: int, money: list[MoneyMention]) -> bool:
    """Whether amount `j` is a figure the sentence holds another against ("Savings reached R3.7 billion, well ahead
    of the R2.0 billion target … and the R2.5 billion it promised, and almost double the R1.9 billion saved": the
    doubling is the R3.7 billion's), or one joined to such a figure by "and the"."""
    start = money[j].start
    if _HELD_AGAINST.search(text, max(ctx.span[0], start - 20), start):
        return True
    before = [k for k in ctx.amounts if k < j]
    return bool(before) and _AND_THE.fullmatch(text, money[before[-1]].end, start) is not None and \
        _HELD_AGAINST.search(text, max(ctx.span[0], money[before[-1]].start - 20), money[before[-1]].start) is not None


def _previous_metric(a: Amount, decided: dict[int, Attribution], named_only: bool = True) -> tuple[str | None, str | None]:
    """The metric of the last figure of the sentence before, in the same paragraph (`named_only`: the last with a
    metric; else the last figure's, a measure of no metric too)."""
    last = [x for x in _figures_before(a, decided) if x.metric or not named_only]
    return (last[-1].metric, last[-1].segment) if last else (None, None)


def _figures_before(a: Amount, decided: dict[int, Attribution]) -> list[Attribution]:
    """What was decided for the figures of the sentence before, in the same paragraph, in order."""
    prev = a.sentence.previous
    if prev is None:
        return []
    return [decided[j] for j in sorted(decided) if prev[0] <= a.money[j].start < prev[1]]


_MENTION_FIELDS = tuple(f.name for f in fields(SentenceMentions))
# "Revenue is the weak spot. It grew just 1.9% to …": a sentence that goes on about the measure the one before opens with
_IT_CHANGED = re.compile(r"\s*It\s+(?:(?:just|only|also|still|then|barely|merely)\s+)?(?:grew|rose|fell|climbed|declined"
                         r"|increased|decreased|dropped|jumped|slipped|slid|edged|reached|totalled|totaled|came\s+to"
                         r"|amounted\s+to|stood\s+at)\s+(?:by|to|from|about|around|nearly|almost|some|just|only|roughly|\d"
                         r"|[$€£¥₹])")
_TOPIC_OPENS = re.compile(r"\s*(?:(?:The|Its|Their|Group|Net|Total|Underlying|Adjusted|Core|Consolidated)\s+){0,2}",
                          re.IGNORECASE)
_TOPIC_STATED = re.compile(r"\s+(?:is|was|remains|remained|has\s+been|had\s+been|proved|became)\b")


# the year named as what a figure covers: "for the full year", "full-year", "for the year" (not "the year to March", a
# period of its own, nor "the second full year after completion", a horizon, nor "annual", which a rent or a fee is
# without being a year's)
_NAMES_THE_YEAR = re.compile(
    r"(?<!first )(?<!second )(?<!third )(?<!fourth )(?<!fifth )\bfull[- ]year\b(?!\s+(?:after|of)\b)"
    r"|\bfor\s+the\s+(?:(?:whole|full)\s+)?(?:(?:fiscal|financial)\s+)?year\b(?!\s+(?:to|ended|ending|before|earlier|ago)\b)",
    re.IGNORECASE)
_HELD_OR_PRICED = re.compile(
    r"\b(?:shares?|stocks?|price[sd]?|traded|trading|closed|valued|worth|assets|AUM|loans?|deposits?|book|books"
    r"|balance|reserves|portfolio|holdings|backlog|pipeline|stood|outstanding|at\s+the\s+end)\b", re.IGNORECASE)
# what says the shares' price sets a value: "At that price", "at Friday's close", "the shares value", "the market now
# values", "on the Stockholm exchange", "a stock-market value"
_PRICED_BY_THE_MARKET = re.compile(
    r"\bat\s+(?:that|this|the\s+current|current|today['’]s)\s+(?:share\s+)?price|\bat\s+(?:the|\w+['’]s)\s+(?:close|closing"
    r"\s+price|peak|high|low)\b|\bclos(?:ing\s+price|e\s+of)\b|\bthe\s+(?:shares|stock|ADRs)\s+(?:value|valued|values)\b"
    r"|\b(?:shares|stock|ADRs)\s+(?:had\s+been\s+)?(?:closed|ended|settled|stood|traded|trading|were\s+(?:up|down))\b"
    r"|\bthe\s+market\s+(?:now\s+)?values\b|\bstock[- ]market\s+value\b|\bon\s+the\s+(?:[\w-]+\s+){0,3}?(?:exchange|bourse)\b"
    r"|\bthe\s+City\s+valued\b", re.IGNORECASE)
# … unless the sentence is about money raised or a price offered: "raised $80m in a share sale that valued it at $2bn",
# "The price values all of Santander Bank Polska at roughly €13.9 billion, … a premium of 7.5% over the … closing price",
# "worth 366.38 Danish crowns per Topdanmark share", or a broker's estimate: "Some brokers value the unit at ¥5 trillion"
_NOT_THE_MARKETS = re.compile(r"\b(?:rais(?:ed|es|ing|e)|funding|round|Series\s+[A-K]|investors|venture|private\s+market"
                              r"|tender|secondary\s+sale|share\s+sale|employees|offers?|offered|bids?|deal|takeover"
                              r"|premium|agreed\s+to\s+(?:pay|buy|acquire)|acquisition|merger|brokers?|analysts?"
                              r"|per\s+(?-i:[A-Z])[\w&-]*\s+share)\b", re.IGNORECASE)
# "the shares rose about 6% to", "The stock fell as much as 16.6% to": the figure after is a share price
# ("shares lost another 5% on Monday to close at R$11.20", "fell as much as 4.3% on Thursday morning to ₹461.95")
_SHARES_MOVED = re.compile(
    r"\b(?:shares|stock|share\s+price)\s+(?:have\s+|has\s+)?(?:rose|fell|climbed|jumped|gained|slipped|dropped|slid|sank"
    r"|surged|soared|tumbled|plunged|rallied|advanced|closed|ended|finished|traded|opened|lost|shed)\b"
    r"(?:[^.;]|\.(?=\d)){0,50}?\bto(?:\s+(?:close|end|finish|settle)\s+at)?\s+$",
    re.IGNORECASE)
_ENDS_EARLY_IN_YEAR = (2, 3, 4)  # first months of fiscal years that end in January, February or March


# what stands before "expected" when an outcome met (or beat) it: "did what was expected", "as had been expected"
_EXPECTATION_MET = re.compile(r"\b(?:what\s+(?:was|had\s+been|is)|as\s+(?:had\s+been|was)|than)\s+$", re.IGNORECASE)


# "…, as the company had warned", "as analysts had expected": the forecast an outcome after it bore out
_AS_FORECAST = re.compile(r"(?:^|[,;(]\s*|\s)as\s+(?:(?:the|its|their|a|an|most|many)\s+)?(?:[\w'’-]+\s+){0,2}$",
                          re.IGNORECASE)


def _mostly_yen(money: list[MoneyMention]) -> bool:
    """Most of the document's figures are in yen: the copy is about a Japanese company."""
    return _mostly_in(money, frozenset({"JPY"}))


def _mostly_in(money: list[MoneyMention], currencies: frozenset[str]) -> bool:
    """Most of the document's figures are in these currencies."""
    return sum(m.value.currency in currencies for m in money) * 2 > len(money)


# a fiscal year named as brokers name it: "FY26", "FY 2026", "FY3/26" (then "1H26" is a half of it)
_FY_NAMED = re.compile(r"\bFY\s?(?:\d{1,2}/)?(?:20)?\d{2}\b")
# the currencies of countries whose financial year runs from July to June, by law or by custom: "the 2024-25
# financial year" of copy in Australian dollars is the year to June 2025, not to March
_SPLIT_YEARS_FROM_JULY = frozenset({"AUD", "PKR", "BDT", "EGP"})


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
        regions = story_regions(masked, [m.start for m in money], reference=self.entities.vocabulary.reference)
        main = self.entities.document(masked, doc.title, sentences, regions, doc.outlet)
        story = Story(dates=self._dates_of(masked, main, doc.published, money), main=main.main)
        conversions = conversion_pairs(masked, money)
        by_sentence: dict[tuple[int, int], list[int]] = {}
        for i, m in enumerate(money):
            by_sentence.setdefault(sentences.containing(m.start), []).append(i)
        decided: dict[int, Attribution] = {}
        for span, indexes in by_sentence.items():
            ctx = self._sentence(doc, masked, span, indexes, money, main, conversions, story, sentences)
            for i in ctx.amounts:
                decided[i] = self._attribute(Amount(masked, ctx, money, i), decided, doc, story)
            date_by_comparison(masked, span, decided, ctx.amounts, story, doc.published)
        headline_figures_dated(masked, money, decided)
        return self._build(doc, masked, money, sentences, conversions, decided)

    def _dates_of(self, masked: str, entities: DocumentEntities, published: dt.date | None,
                  money: list[MoneyMention]) -> DateSettings:
        """The document's fiscal calendar: as the copy states it, else as configured for its main organisation."""
        start, offset = fiscal_start_in(masked), 0
        named = fiscal_naming_in(masked)
        if named is not None and start in (None, named[0]):
            start, offset = named
        elif start in _ENDS_EARLY_IN_YEAR and _mostly_yen(money):
            offset = 1  # "the year to March 2025" of a Japanese company is its "fiscal 2024": named by its first year
        if start is None and entities.main is not None:
            start = self.fiscal_years.get(entities.main)
        if start is None:
            return replace(self.dates, split_year_start=7) if _mostly_in(money, _SPLIT_YEARS_FROM_JULY) else self.dates
        dates = replace(self.dates, fiscal_year_start=start, quarters_fiscal=start != 1, fiscal_year_offset=offset,
                        halves_fiscal=start != 1 and _FY_NAMED.search(masked) is not None)
        return replace(dates, week_end=week_end_in(masked, published, dates)) if start != 1 else dates

    def _sentence(
        self, doc: Document, masked: str, span: tuple[int, int], indexes: list[int],
        money: list[MoneyMention], main: DocumentEntities, conversions: dict[int, int], story: Story,
        sentences: Sentences,
    ) -> Sentence:
        found = read_sentence(masked, span, doc.published, story.dates, self.lexicon, main,
                              [(money[i].start, money[i].end) for i in indexes])
        return Sentence(
            **{name: getattr(found, name) for name in _MENTION_FIELDS},
            amounts=[i for i in indexes if i not in conversions],
            amount_starts=[money[i].start for i in indexes],
            focus=main.focus(span[0]),
            previous=(previous := previous_sentence(masked, sentences, span)),
            topic_before=self._topic_before(masked, span, previous, money) if previous is not None else None,
        )

    def _topic_before(self, masked: str, span: tuple[int, int], previous: tuple[int, int],
                      money: list[MoneyMention]) -> Cue | None:
        """The measure the sentence before opens with, when it holds no figure and this one goes on "It grew …"."""
        if not _IT_CHANGED.match(masked, span[0]):
            return None
        s, e = previous
        if holds_money(money, previous):
            return None  # the sentence before has figures of its own: what they measure is said there
        cues = self.lexicon.metrics_and_context(masked, s, e)[0]
        first = cues[0] if cues else None
        if first is None or not _TOPIC_OPENS.fullmatch(masked, s, first.start) \
                or not _TOPIC_STATED.match(masked, first.end):
            return None
        return first

    # ------------------------------------------------------------------ per amount
    def _attribute(self, a: Amount, decided: dict[int, Attribution], doc: Document, story: Story) -> Attribution:
        """Every field of one amount's claim (the earlier amounts of its sentence are in `decided`)."""
        text, ctx, m, i = a.text, a.sentence, a.m, a.index
        earlier = [decided[j] for j in ctx.amounts if j < i]  # the figures before it in the sentence
        prior = ctx.amounts[len(earlier) - 1] if earlier else None  # the index of the one right before it
        base_index = self._compared_base(text, ctx, i, m, a.money)
        base = decided.get(base_index) if base_index is not None else None
        if base is not None and base.base is not None and base.base < cast(int, base_index) and base.base in decided \
                and decided[base.base].modality == "actual" == base.modality \
                and not _BASES_BASE.search(text, a.money[cast(int, base_index)].end, m.start) \
                and not _YEARS_BACK.match(text, m.end):
            # "rose 28% to ₹4,217 crore from ₹3,298 crore, although it slipped from ₹4,657 crore in the October-December
            # quarter": a figure the sentence goes on to compare is held against its main figure, not against a base
            # (of facts: "lift our estimate to $11.3 billion from $10.9 billion, … on last year's $8.88 billion" holds
            # a fact against the estimates; not "…, which was itself up from $3.5 billion a year before that", nor "and
            # from $3.8 billion two years ago": a base's base)
            base_index = base.base
            base = decided[base_index]
        metric, segment = decide_metric(a, earlier, base)
        if metric is not None and base is not None and base.metric is None and base_index is not None \
                and _a_price_target(text, a.money[base_index], ctx.span) and _a_price_target(text, m, ctx.span):
            # "cut his price target to C$80 from C$85 and lowered his earnings estimate": the old target is a share's
            # price as the new one is, not the estimate a later clause names
            metric, segment = None, None
        if prior is not None and (beats := _BEATS_THE.search(text, max(ctx.span[0], m.start - 40), m.start)) \
                and beats.start() - a.money[prior].end <= 3:
            # "adjusted earnings per share of $0.80 cleared the $0.77 the Street expected": the figure measured
            # against the one right before is of its measure (not "revenue missed the Rs 76,298 crore they had
            # pencilled in", nor "client deposits exceeded Kč1.17 trillion": a measure of its own)
            metric, segment = decide_metric(Amount(text, ctx, a.money, prior), earlier[:-1], None)
        elif prior is not None and earlier[-1].metric is not None and metric in (None, UNTRACKED_FLOW) \
                and _OR_RESTATED.fullmatch(text, a.money[prior].end, m.start) \
                and (basis := _ON_A_BASIS.match(text, m.end)):
            # "Net income was $788.5 million, or $795.6 million on an adjusted basis": the same measure, on another basis
            metric, segment = earlier[-1].metric, basis.group(1).lower()
        if prior is not None and earlier[-1].metric is not None and metric in (None, earlier[-1].metric) \
                and earlier[-1].metric not in _CUMULATIVE_METRICS and (
                _TOTAL_OF_IT.fullmatch(text, a.money[prior].end, m.start)
                or (_OR_RESTATED.fullmatch(text, a.money[prior].end, m.start) is None
                    and _APPOSED_FIGURE.fullmatch(text, a.money[prior].end, m.start) and _IN_ALL.match(text, m.end))):
            # "a final dividend of Rs50, for a total of Rs176 a share", "bringing the total to DKK 22.72 per share",
            # "an extraordinary dividend of 5,78 kr., 22,72 kr. in all": the sum of the measure the figure before is of
            # (not a total raised to date: a cumulative figure, read as such)
            metric, segment = earlier[-1].metric, "total"
        if metric is None and not ctx.metrics and _ESTIMATE.search(text, *ctx.span) \
                and not _a_price_target(text, m, ctx.span):  # (not "moved to neutral with a target of $105")
            metric, segment = _previous_metric(a, decided)  # "Analysts had forecast €503.3 million."
        elif _ON_THIS_MEASURE.match(text, m.end) or (i == ctx.amounts[0] and (
                _ON_THIS_MEASURE_OPENS.match(text, ctx.span[0])
                or (metric is None and (_THAT_COMPARES.match(text, ctx.span[0]) or _OWNERS_PART.match(text, ctx.span[0])
                                        or _period_contributes(text, ctx, m))))):
            # "the group earned a record €3.2 billion on this measure in 2024": the measure the sentence before named
            metric, segment = _previous_metric(a, decided, named_only=False)
        if metric in ("profit", "loss", None) and base is not None and base.per_share and base_index is not None \
                and _per_share_alike(a, a.money[base_index]):
            metric = EARNINGS_PER_SHARE  # "adjusted earnings came to 78 cents a share against 88 cents": the figure
            # held against earnings per share, of its size and with no measure of its own between them, is one too
        if metric is None and i == ctx.amounts[0] and not any(c.kind not in _MEASURE_KINDS for c in ctx.metrics) \
                and not any(x.start <= ctx.span[0] + 2 and x.kind == "organisation" for x in ctx.entities) \
                and not _NOUN_AFTER.match(text, m.end) and (region := _region_opening(text, ctx.span[0])) is not None \
                and (before := _one_measure_before(a, decided)) is not None \
                and before.subject is not None and before.subject == story.main == parties(a, before.metric)[0]:
            # "Revenue there rose 20.0% to $303.1M. Greater China, which had worried investors, added 13.1% to $248.3M":
            # a region that opens the next sentence with a change goes on with the one measure of the sentence before,
            # of the story's organisation (not a rival's; not a company named for a place, "Air China added …", nor
            # "Saudi Arabia generated $2 billion in tax receipts", nor after a sentence with sales and profit)
            places = place_names()
            kept = before.segment if before.segment and not any(
                w.title() in places for w in before.segment.split()) else None
            # ("service revenue … Germany fell": Germany's service revenue; not "North America's …")
            metric, segment = before.metric, " ".join(filter(None, [region, kept]))
        if metric == "investment" and a.money[i].value.qualifier != "upper-bound" \
                and _INVESTMENT_NOUN.search(text, max(a.clause[0], m.start - 60), m.start) \
                and not _REQUIRED.search(text, max(a.clause[0], m.start - 80), m.start) \
                and not _PUT_INTO.match(text, m.end) and not _HORIZON.search(text, *ctx.span):
            # "Investment of €113.7 million, against €127.3 million", "It plans investment of about €120 million … in
            # the current year": a company's investment that names nothing it goes into, no investee and no horizon,
            # is its capital expenditure, a flow of its (fiscal) year
            metric = "capex"
        kind = self.lexicon.kind_of(metric)
        timing = kind
        per_share = metric == EARNINGS_PER_SHARE
        untracked = metric == UNTRACKED_FLOW
        if untracked:  # "free cash flow of €9.5bn": no metric, but the period of the results
            metric, kind, timing = None, "flow", "flow"
        elif metric == UNTRACKED_LEVEL:  # "a loan book of $7.9 billion at the end of September": held at a date
            metric, kind, timing = None, "level", "level"
        elif metric == EARNINGS_PER_SHARE:  # "or C$2.34 a share": no total, but the period of the earnings
            metric, kind, timing = None, None, "flow"
        subject, counterparty = parties(a, metric)
        modality = self._modality(a, base, decided)
        revised = base if base is not None and base_index is not None and (
            _REVISION.search(text, ctx.span[0], a.money[base_index].start)
            or _EARLIER_ESTIMATE.search(text, max(ctx.span[0], m.start - 60), m.start)
            or _FORECAST_AFTER.match(text, m.end)
            or (_NOW_FORECAST.search(text, ctx.span[0], a.money[base_index].start)
                and _UP_FROM.fullmatch(text, a.money[base_index].end, m.start) and not BACK_AFTER.match(text, m.end)
                and not _DATED_AFTER.match(text, m.end))) else None
        if revised is not None:
            modality = revised.modality
        elif base is not None and _estimate_after(text, m.end):
            revised = base  # what analysts expected: the same period, its own modality
            if base.base is not None and base.base < cast(int, base_index) and base.base in decided:
                # "€829 million, up from €654 million a year earlier and ahead of the €805 million average of
                # analysts' forecasts": the figure the year-earlier one is held against is what they forecast
                revised = decided[base.base]
        # a change word belongs to the figure it leads to, not to the one it is measured from
        restating = per_share_restatements(text, a.amounts) if len(a.amounts) > 2 else set()
        leading = [x for j, x in zip(ctx.amounts, a.amounts) if self._compared_base(text, ctx, j, x, a.money) is None
                   and not _held_against(text, ctx, j, a.money) and x.start not in restating]
        pool = leading or a.amounts
        change = next((c for c in ctx.changes if nearest(figures := _changed_figures(text, c, pool, a.amounts), c) is m
                       and (c.ratio.percent is None or a.in_clause(c.start, c.end) or figures is not pool
                            or _LEADS_TO.match(text, c.end, m.start) or _APPOSED.fullmatch(text, m.end, c.start)
                            # "$1,912 million, or $1.41 a diluted share, down 13% from …": past its restatement
                            or (a.restated is not None and _APPOSED.fullmatch(text, a.restated.end, c.start)))
                       and not _CHANGED_FROM.fullmatch(text, c.end, m.start)
                       and not (modality == "actual" and _INTENDED.search(text, max(ctx.span[0], c.start - 40), c.start))
                       and not (c.start >= m.end and _ANOTHER_SUBJECT.search(text, m.end, c.start))
                       and not self._leads_to_a_count(text, c.end, a.money)), None)
        ratio = change.ratio if change is not None else None
        # "more than double the R$3.70 billion of a year earlier": the figure a change word names is its base
        named_base = next((j for j, x in zip(ctx.amounts, a.amounts) if x.start >= change.end
                           and _CHANGE_OBJECT.fullmatch(text, change.end, x.start)), None) \
            if change is not None and change.ratio.percent is None and change.start >= m.end else None
        near_round = nearest([r for r in ctx.rounds if not a.blocked(r.start, r.end)], m)
        if near_round is None and len({r.name for r in ctx.rounds}) == 1:
            near_round = ctx.rounds[0]  # "raised $80m at a $2bn valuation in its Series C": one deal, one round
        cumulative = metric in _CUMULATIVE_METRICS and any(
            a.in_clause(c.start, c.end) and nearest(a.amounts, c) is m for c in ctx.cumulative)
        # a dividend proposed to shareholders, or a final, interim or full-year one, shares out the period the
        # results cover: timed as a flow's (a quarterly or special one declared is an event on its day)
        if metric == "dividend" and (segment in _DIVIDENDS_OF_A_PERIOD or _PROPOSED.search(text, *ctx.span)
                                     or _SPECIAL_OF_A_PERIOD.search(text, max(ctx.span[0], m.start - 80), m.start)):
            timing = "flow"
        if metric is None and timing is None and ratio is not None \
                and story.period is not None and story.period.resolved \
                and (story.period.granularity in STORY_SPANS or months_of_a_year(story.period)) \
                and all(c.kind == NO_METRIC for c in ctx.metrics) and not _HELD_OR_PRICED.search(text, *ctx.span):
            # "the net value of new covered business rose 2% to R2.9 billion", "Net fee and commission income doubled to
            # N415.2 billion": a measure the lexicon does not know, changed by a percentage or a factor in a story of
            # results, is a flow of their period (it never moves the story; what none of the metrics is, a fee or a
            # tax bill, counts as unknown: "the group's tax bill more than doubled to N224.8 billion"; not a share
            # price, nor what is held at a date: "assets under management grew 26% to …")
            timing, untracked = "flow", True
        elif metric is None and timing is None and _NAMES_THE_YEAR.search(text, *a.clause) \
                and not _HELD_OR_PRICED.search(text, *ctx.span):
            # "Credit costs for the full year came to ¥344.5 billion": a measure the lexicon does not know, said to be
            # the year's, is a flow of the (fiscal) year the story reports (never moving it); not what is held or priced
            timing, untracked = "flow", True
        period, date_at = sentence_period(a, timing, doc, base is not None)
        own_period = period is not None and period.resolved and date_at >= 0
        if revised is not None:
            period = revised.period  # the earlier forecast of the same period ("it forecast in May": made then)
        else:
            period = period_in_story(a, period, date_at, timing, modality, base, doc, story, reported=timing == kind and not untracked)
            if base is None and timing == "flow" and (same := same_stretch_of_year(a, [e.period for e in earlier], story,
                                                                                    date_at if own_period else -1)):
                period = same  # "reversing a profit of R$1.743 billion in the same period of 2024": its April-June
            if timing != "flow" and base is None and (period is None or period.granularity == "published"):
                period = day_carried_over(a, doc, story) or period
            if timing == "level" and base is None and modality == "actual" and metric in _BOOKS_LEVELS \
                    and period is not None and period.granularity == "published":
                period = _period_end(story, doc) or period
            restated = earlier[-1] if prior is not None and _PER_SHARE_OR.fullmatch(text, a.money[prior].end, m.start) \
                else None
            if restated is not None and restated.metric == metric and restated.period is not None \
                    and (period is None or period.granularity == "published"):
                period = restated.period  # "add up to 3,926c a share, or R5.8bn": the same payout in all, its period
            elif a.share_of is not None and earlier and earlier[-1].period is not None and not own_period:
                period = earlier[-1].period  # "against R2,4bn, or 269c, in the 2024 financial year": the total's
            elif metric == "dividend" and timing != "flow" and segment not in _DIVIDENDS_OF_AN_EVENT \
                    and (period is None or period.granularity == "published"):
                # "The dividend went up by a tenth, to 65.9 cents a share": dated by nothing but publication, a
                # dividend in a story of results shares out the period they cover, as a final one does
                period = period_in_story(a, *sentence_period(a, "flow", doc, base is not None), "flow", modality, base,
                                         doc, story, reported=False)
            elif metric == "buyback" and modality == "actual" and timing != "flow" \
                    and (period is None or period.granularity == "published") \
                    and _SPENT_ON_SHARES.search(text, a.clause[0], a.clause[1]) \
                    and not _BUYBACK_PROGRAMME.search(text, a.clause[0], a.clause[1]):
                # "… handed $16 billion back over the year: $9.9 billion in dividends and $6.5 billion in share
                # repurchases": dated by nothing but publication, what was spent buying shares back in a story of
                # results is spent over the period they cover, as a dividend of theirs is paid out of them
                period = period_in_story(a, *sentence_period(a, "flow", doc, base is not None), "flow", modality, base,
                                         doc, story, reported=False)
        if metric in ("loss", "profit") and base is None \
                and _SHARES_MOVED.search(text, max(a.clause[0], m.start - 80), m.start):
            metric = None  # "the retailer's shares lost another 5% on Monday to close at R$11.20": a price, whatever
            # the verb ("lost") or a word after it ("before recovering some of the loss") would say
        if metric is None and base is None and period is not None and doc.published \
                and period.granularity not in ("day", "published") \
                and _SHARES_MOVED.search(text, max(a.clause[0], m.start - 60), m.start):
            # "the shares rose about 6% to CHF 83.40", "The stock rose almost 4% to Rs 724.10 …, its first session since
            # the company reported March-quarter numbers": a price on the day it was struck, not a period's
            period = Period(start=doc.published, end=doc.published, text=None, granularity="published")
        if modality == "projection" and metric and _by_analysts(a, subject):
            # "The average of 23 analyst estimates … pointed to operating profit of ¥169.6 billion": the market's
            # forecast is another fact than the company's own guidance for the same year
            segment = " ".join(filter(None, [segment, "analysts"]))
        if metric == "valuation" and near_round is None and _PRICED_BY_THE_MARKET.search(text, *ctx.span) \
                and not _NOT_THE_MARKETS.search(text, *ctx.span):
            # "At Friday's close of A$282.40, Cochlear is worth about A$18.5 billion", "the shares value Daikin at
            # roughly ¥4.7 trillion": what the market prices the shares at is a market value, not a round's valuation
            metric, kind = "market_cap", self.lexicon.kind_of("market_cap")
        if metric in _TOTALS_OF_A_COMPANY and _written_as_a_price(text, a.m):
            metric, kind = None, None  # "closed its debut on Thursday at HK$36.50", "on the HK$36.30 offer price": a
            # share's price, never what a deal, a round or a company is worth
        if metric == "investment" and counterparty is None and period is not None \
                and period.granularity in STORY_SPANS and a.money[i].value.qualifier != "upper-bound" \
                and _OWN_ASSETS.search(text, m.end, min(a.clause[1], m.end + 80)):
            # "invested NZ$193 million in building and maintaining generation during the year", "plans to spend about
            # R$3.3 billion on capital projects this year": what a company spends on its own plant and equipment in a
            # year (or part of one) is capital expenditure (not "up to $500 billion in AI infrastructure", nor "$23
            # billion over five years in US plants": programmes of investment)
            metric, kind = "capex", self.lexicon.kind_of("capex")
        if prior is not None and earlier[-1].metric and _OF_THAT.match(text, m.end) and metric in (None, earlier[-1].metric):
            # "profit attributable to shareholders was Rmb34.13bn, and Rmb12.50bn of that was earned in 3Q25": a part of
            # the figure before, of its measure and basis (its period its own)
            metric, segment = earlier[-1].metric, earlier[-1].segment
        if metric in ("profit", "loss") and _WITH_MINORITIES.search(text, ctx.span[0], m.start) \
                and "minorities" not in (segment or ""):
            # "Including minority interests, net profit for 9M25 was Rmb45.70bn": another measure than the owners' profit
            segment = " ".join(filter(None, [segment, "with minorities"]))
        if metric in ("investment", "capex"):  # "$3.4bn in Mexico" and "R$34bn in Brazil" are two plans, not one
            segment = _destination(a) or segment
        elif metric is not None and "excluding" not in (segment or "") and any(
                x.start < m.start and x.kind == "organisation" and _EXCLUDING.fullmatch(text, ctx.span[0], x.start)
                for x in ctx.entities):
            # "Excluding Grupa Azoty Polyolefins, the company that runs …, EBITDA was PLN 186 million": the measure less a
            # unit of it, another figure than the one reported whole (not "Stripping out one-off items": the measure's
            # own basis, which the copy names as other outlets do)
            segment = " ".join(filter(None, [segment, "excluding"]))
        if metric is None and (modality == "target" or (
                base is not None and base.metric is None and base.modality == "projection" and modality == "actual")) \
                and _a_price_target(text, a.m, ctx.span):
            # "target raised to NOK 420 from NOK 390": an analyst's estimates of the share price, the old one too
            modality = "projection"
        if metric == "investment" and _annual_spending_of_a_public_body(a, subject, period):
            # "The European Space Agency will spend a record €7.79bn this year": the body's budget, a set fact
            metric, kind, modality = "budget", self.lexicon.kind_of("budget"), "actual"
        if period is not None and story.dates.week_end is not None:
            period = on_week_calendar(period, story.dates)  # "fiscal 2024" of a calendar of weeks
        if subject and metric and base is None and revised is None and m.value.amount is not None:
            figure = (subject, metric, m.value.amount, m.value.currency)
            if own_period and period is not None and period.resolved and period.granularity in STORY_SPANS:
                story.figures[figure] = period  # (a span the figure covers: not the day it was announced)
            elif not own_period and figure in story.figures:
                # "the current quarter alone will run above $30 billion" … "a $30 billion quarter of capex": the same
                # figure again, with no date of its own, is the one the copy dated (how sure, each sentence says)
                period = story.figures[figure]
        return Attribution(
            subject=subject, counterparty=counterparty, metric=metric, metric_kind=kind, segment=segment,
            period=period, modality=modality,
            round=near_round.name if near_round and metric in _ROUND_METRICS and not cumulative else None,
            cumulative=cumulative, ratio=ratio, base=base_index, own_period=own_period, named_base=named_base,
            per_share=per_share,
        )

    def _modality(self, a: Amount, base: Attribution | None, decided: dict[int, Attribution]) -> Modality:
        """How sure: the cues in the amount's clause, or before it in the sentence with no other amount between;
        a figure compared with is a fact unless it says otherwise after it; a list continuing a forecast keeps
        its modality."""
        text, ctx, m = a.text, a.sentence, a.m
        if base is not None and base.modality in ("projection", "target"):
            other = next((j for j, x in decided.items() if x is base), None)
            if other is not None and _RIGHT_AFTER_FROM.fullmatch(text, a.money[other].end, m.start) \
                    and _MOVED_ESTIMATE.search(text, max(ctx.span[0], a.money[other].start - 90), a.money[other].start):
                # "raised its target price to TL 125 from TL 116": the old target, one too (not "EPS would rise to
                # Rp 608 from Rp 605": what a forecast rises from is a fact)
                return base.modality
        if base is not None:  # "compared with €4.70 for fiscal 2023"; not "… and the 65 cents analysts had pencilled in"
            return _strongest({c.kind for c in ctx.modality if c.start >= m.end and a.in_clause(c.start, c.end)
                               and not any(m.end <= o.start and o.end <= c.start for o in a.others)
                               and not _said_of_another(a, c.start, c.end)  # (nor "the consensus of 59 cents")
                               and not _CONJUNCTION.search(text, m.end, c.start)})
            # ("to £190m from £122m and plans to take more customers": the modal governs what follows "and")
        if _DONE_AFTER.match(text, m.end):
            return "actual"  # "narrowed its forecast to $3.1 billion, well short of the $4.6 billion of EBITDA it posted
            # in 2024": what the company posted is a fact, whatever the clause around it forecasts
        kinds = set()
        opening = _LEADING_CLAUSE.match(text, ctx.span[0], ctx.span[1])
        for c in ctx.modality:
            if any(x.start <= c.start and c.end <= x.end and not x.start <= m.start < x.end for x in ctx.asides):
                continue  # ", which expects to publish results in June,": the aside's own statement
            if opening and c.end <= opening.end() <= m.start:
                continue  # "After the government said sales would need a licence, the company took a $4.5bn charge"
            if c.kind == "plan" and _DONE_COMMITMENT.search(text, max(ctx.span[0], c.start - 12), c.end) \
                    and not _TO_VERB.match(text, c.end):
                continue  # "Amazon has committed $8bn to the company": a commitment made, not a plan
            if _said_of_another(a, c.start, c.end):
                continue  # "revenue of X topped the Y that the market had pencilled in": Y's estimate, not X's
            if c.kind == "projection" and _PENCILS_SOLD.match(text, c.end) and text[c.start:c.end].lower() == "pencils in":
                continue  # "sold 2 billion pencils in 2024", "pencils in North America": the things, no forecast
            if c.kind == "projection" and (_measured_against(a, c.start, c.end) or (
                    text.startswith(("guid", "Guid"), c.start) and (
                        _GUIDES_ON.match(text, c.end) or _ON_WHICH.search(text, max(ctx.span[0], c.start - 40), c.start)))):
                continue  # "CHF 807.8 million, in line with forecasts, while …": the estimate is none of the figures'
                # ("the profit line the company guides on", "… on which the company guides": the measure, not guidance)
            if c.kind == "projection" and (
                    text[c.start:c.end].lower() == "expected" and _EXPECTATION_MET.search(text, max(ctx.span[0], c.start - 24), c.start)
                    or _AS_FORECAST.search(text, max(ctx.span[0], c.start - 30), c.start)):
                continue  # "shareholders did what was expected of them: they approved …", "better than expected",
                # "weaker than a year before, as the company had warned they would be": an outcome measured against
                # what was expected is a fact
            if any(x.start <= c.start and c.end <= x.end and x.end - x.start > c.end - c.start
                   and x.kind in _MEASURE_KINDS for x in ctx.metrics):
                continue  # "expected credit losses fell to ₱3.1 billion": a word of a measure's name
            if c.kind == "rumor" and (not a.in_clause(c.start, c.end) or c.start >= m.end) \
                    and _NEGATION.fullmatch(text, c.start, c.end):
                continue  # "The 2025 figures did not disappoint: operating profit reached €17.4bn", "a customer it
                # did not name": a negation denies the figure after it in its own clause only ("did not raise $5m")
            if a.in_clause(c.start, c.end):
                if c.start >= m.end and _CONJUNCTION.search(text, m.end, c.start):
                    continue  # "$18bn in total and might soon add ...": the modal governs what follows
                kinds.add(c.kind)
            elif c.end <= a.clause[0] and not a.blocked(c.start, c.end):
                kinds.add(c.kind)
        own_aside = [x for x in ctx.asides if x.start <= m.start < x.end]
        if any(c.kind == "rumor" and _SOURCES.fullmatch(text, c.start, c.end)
               and all(x.start <= c.start < x.end for x in own_aside) for c in ctx.modality):
            kinds.add("rumor")  # "…, according to two people familiar with the matter": the whole sentence,
            # but not an aside about something else (", when it raised $800m from existing investors")
        if not kinds and (under := outlook_heading(text, ctx.span)) is not None:
            return under  # "**Outlook for 2025**" over "- EBIT: CHF 330-350 million, unchanged": the list's forecasts
        modality = _strongest(kinds)
        if modality == "actual" and not any(a.in_clause(c.start, c.end) for c in ctx.modality):
            stated = [j for j in ctx.amounts if j < a.index and decided[j].base is None]
            previous = a.money[stated[-1]] if stated else None
            if previous is not None and decided[stated[-1]].modality != "actual" \
                    and any(c.end <= previous.start for c in ctx.modality) and self._continues(text, ctx, previous, m):
                # "forecasts $18bn in 2026, and then $32bn, $73bn …" (not "… short of the Rs 1,069 crore that
                # analysts had pencilled in, on revenue of Rs 8,359 crore": a cue after the figure is its own)
                return decided[stated[-1]].modality
        return modality

    @staticmethod
    def _leads_to_a_count(text: str, at: int, money: list[MoneyMention]) -> bool:
        """"as passenger numbers grew 6% to 47.5 million": the change leads to a number that is no amount, and
        belongs to it, not to a figure near it."""
        to = _TO_NUMBER.match(text, at)
        return to is not None and not any(x.start <= to.end() - 1 < x.end for x in money)

    @staticmethod
    def _continues(text: str, ctx: Sentence, previous: MoneyMention, m: MoneyMention) -> bool:
        """Whether an amount continues the statement of the one before it: no new party, no contrast between (a "but"
        before a noun and "of" only is none: `_NOUN_OF`)."""
        return not any(previous.end <= x.start and x.end <= m.start for x in ctx.entities) and not any(
            not (c.group(0).lower() == "but" and _NOUN_OF.fullmatch(text, c.end(), m.start))
            for c in _CONTRAST.finditer(text, previous.end, m.start))

    @staticmethod
    def _compared_base(text: str, ctx: Sentence, i: int, m: MoneyMention, money: list[MoneyMention]) -> int | None:
        """The amount this one is compared with ("rose to €5bn from €4bn", "against $90.8bn a year earlier"):
        an earlier one, or the later one a figure risen from rises to ("from €2bn to €2.5bn"); else None."""
        earlier = [j for j in ctx.amounts if j < i]
        later = next((j for j in ctx.amounts if j > i), None)
        if later is not None and FROM_BEFORE.search(text, max(ctx.span[0], m.start - 16), m.start):
            # "rise from around €2 billion to more than €2.5 billion", "has doubled, from QR12bn in 2020, a year
            # weighed down by provisions, to QR17bn in 2025": the figure it rises to is the one compared with it
            pair = (_FROM_TO_NEXT if earlier else _FROM_TO_LATER).fullmatch(text, m.end, money[later].start)
            if pair is not None:
                return later
        if not earlier or not (_COMPARED.search(text, max(ctx.span[0], m.start - 40), m.start)
                               or BACK_AFTER.match(text, m.end)
                               or (_AFTER_BEFORE.search(text, max(ctx.span[0], m.start - 24), m.start)
                                   and _BASE_ENDS.match(text, m.end)
                                   and money[earlier[-1]].value.currency == m.value.currency)
                               or _PRIOR_IN_PARENTHESES.search(text, max(ctx.span[0], m.start - 24), m.start)):
            return None
        if _EXPECTED_AFTER.match(text, m.end):
            return None  # "$29.88 billion, up 26%, against $28.92 billion expected": a forecast of it, not its base
        # a figure per share against one per share ("€2.09 per share, or €277 million, up 13% from €1.85 a
        # share"), a total against a total ("$1,912 million, or $1.41 a diluted share, down 13% from $2,198 million")
        if len(earlier) > 1 and _OR_BETWEEN.fullmatch(text, money[earlier[-2]].end, money[earlier[-1]].start) \
                and "," in text[money[earlier[-1]].end:m.start]:  # (not "or DKK 3.88 a share against DKK 5.84")
            per_share = [_PER_SHARE_AFTER.match(text, x.end) is not None for x in (m, *(money[j] for j in earlier[-2:]))]
            if per_share[0] and per_share[1] and not per_share[2]:
                return earlier[-2]
        return earlier[-1]

    # ------------------------------------------------------------------ claims
    def _build(
        self, doc: Document, masked: str, money: list[MoneyMention], sentences: Sentences,
        conversions: dict[int, int], decided: dict[int, Attribution],
    ) -> list[Claim]:
        line_starts = [0] + [m.end() for m in _NEWLINE.finditer(doc.text)]
        ids = [_claim_id(doc.source, m) for m in money]
        parts = {
            i: i + 1 for i in range(len(money) - 1)
            if (i + 1) not in conversions and _PART_GAP.match(masked[money[i].end:money[i + 1].start])
        }
        compared: dict[int, int] = {}  # each figure and the first figure held against it (not one the sentence
        # goes on to compare: "… from ₹3,298 crore, although it slipped from ₹4,657 crore in October-December")
        for j, x in sorted(decided.items()):
            if x.base is not None:
                compared.setdefault(x.base, j)
        quoted: dict[tuple[int, int], str] = {}  # sentence -> its words, once for all its amounts
        claims = []
        for i, m in enumerate(money):
            origin = _origin(i, conversions)
            own = decided[origin]
            ratio = own.ratio if i == origin else None  # a conversion restates the figure, not its change
            measured = _origin(own.named_base, conversions) if own.named_base is not None else None
            if ratio is not None and measured is not None and decided[measured].subject in (own.subject, None):
                # "more than double the R$3.70 billion of a year earlier": the figure the word names is its base
                ratio = ratio.model_copy(update={"base": ids[measured]})
            elif ratio is not None and i in compared and decided[compared[i]].subject in (own.subject, None) \
                    and not _another_change_between(masked, m, money[compared[i]], ratio.text):
                # "rose 31% to €498.2m … from €413.6m"; not "against the US$97.7bn that Tesla booked"
                ratio = ratio.model_copy(update={"base": ids[compared[i]]})
            if ratio is not None and ratio.base is None and ratio.text.lower().endswith(" than"):
                ratio = None  # "20% more than rival Globex's $75 billion": a change against the figure after "than"
                # only, never against one the rule would look up (the company's own of a year before)
            part = parts.get(origin)
            span = sentences.containing(m.start)
            sentence = quoted.get(span)
            if sentence is None:
                lead = len(masked[span[0]:span[1]]) - len(masked[span[0]:span[1]].lstrip())
                # not the blanked front matter or markup before it
                sentence = quoted[span] = " ".join(doc.text[span[0] + lead:span[1]].split())
            line = bisect_right(line_starts, m.start)
            claims.append(Claim(
                id=ids[i], source=doc.source, span=(m.start, m.end), line=line,
                column=m.start - line_starts[line - 1] + 1, quote=doc.text[m.start:m.end],
                sentence=sentence, value=m.value,
                subject=own.subject, counterparty=own.counterparty, metric=own.metric,
                metric_kind=own.metric_kind, segment=own.segment, period=own.period,  # type: ignore[arg-type]
                modality=own.modality, round=own.round, cumulative=own.cumulative, ratio=ratio,
                conversion_of=ids[conversions[i]] if i in conversions else None,
                part_of=ids[part] if part is not None else None,
            ))
        return claims


# "designed to more than double EBITDA, which reached COP 9.7 trillion": a change intended, no change of a figure
# that already stands ("plans to double revenue to $10bn by 2027" leads to a plan's figure, which is no actual one)
_INTENDED = re.compile(r"\b(?:designed|aim(?:s|ed|ing)?|plans?|planned|planning|wants?|wanted|intends?|intended|seeks?"
                       r"|sought|hopes?|hoped|targets?|targeted|targeting|ambition|goal|aspires?|strives?|vows?|vowed"
                       r"|pledges?|pledged|promises?|promised)\s+to\s+$", re.IGNORECASE)
# "€2.09 per share for fiscal 2024, or €277 million": the figure after restates the one before in other terms
_OR_BETWEEN = re.compile(r"[^,;:.]{0,40}?,?\s+or\s+", re.IGNORECASE)
# A figure written without a scale ("NOK 420", "₹1,480", "A$15.60"): a price, not a company's total
# the noun "target" of an analyst (not "a target of a capital return", the company's own)
_TARGET_NOUN = re.compile(r"\btarget\b(?!\s+(?:of\s+)?(?:a|an|the)?\s*(?:capital\s+return|return|payout|dividend))",
                          re.IGNORECASE)
_PER_SHARE_AFTER = re.compile(r"\s*(?:a|per)\s+(?:\w+\s+)?share\b", re.IGNORECASE)


# a figure the company itself posted, said right after it ("the $4.6 billion of EBITDA it posted in 2024", "the
# $1.2 billion it generated last year"): done, a fact; not "earned" or "made", verbs that name a measure as they date
# it ("below the £3.13bn it earned in 2024/25", after a range of operating profit, would read as a net profit)
_DONE_AFTER = re.compile(r"\s+(?:(?:of|in)\s+(?:[\w-]+\s+){0,3}?)?(?:that\s+|which\s+)?(?:it|they|the\s+(?:company|group"
                         r"|bank|firm|lender|insurer|carrier|airline|retailer))\s+(?:had\s+)?(?:posted|reported|booked|recorded"
                         r"|delivered|generated|achieved|logged)\b")
_TOTALS_OF_A_COMPANY = frozenset({"deal", "funding", "investment", "valuation", "pre_money_valuation", "market_cap"})
_TO_THE_CENT = re.compile(r"\d\.\d\d(?!\d)")


def _changed_figures(text: str, change, candidates: list[MoneyMention], amounts: list[MoneyMention]) -> list[MoneyMention]:
    """The figures a change may belong to: when it is measured from a figure per share ("up 13% from €1.85 a
    share"), those written per share ("a dividend of €2.09 per share, or €277 million, up 13% from €1.85 a
    share": the €2.09, not the total said between); else all of `candidates`."""
    base = next((x for x in amounts if x.start >= change.end), None)
    if base is None or not _CHANGED_FROM.fullmatch(text, change.end, base.start) \
            or not _PER_SHARE_AFTER.match(text, base.end):
        return candidates
    return [x for x in candidates if _PER_SHARE_AFTER.match(text, x.end)] or candidates


def _written_as_a_price(text: str, m: MoneyMention) -> bool:
    """A figure written to the cent with no scale, under 100,000 ("HK$36.50", "R$14.20"): a price, not a total."""
    value = m.value
    return value.amount is not None and value.amount < 100_000 and SCALED.search(text, m.start, m.end) is None \
        and _TO_THE_CENT.search(text, m.start, m.end) is not None


# what says a figure is compared with the base before it, not with the main figure: "…, which was itself up from …",
# "which in turn", "and from $3.8 billion two years ago", "a year before that"
_BASES_BASE = re.compile(r"\b(?:which|itself|in\s+turn)\b", re.IGNORECASE)
_YEARS_BACK = re.compile(r"\s+(?:(?:two|three|four|five|\d)\s+years?\s+(?:ago|earlier|before)|a\s+year\s+before\s+that"
                         r"|before\s+that)\b", re.IGNORECASE)
# a region opening a sentence as what grew, added or brought in a figure ("Greater China, which …, added 13.1% to",
# "West Europe added 187 mio. EUR", "Canada, where the brand is long established, still grew 29 per cent, to")
_REGION_OPENS = re.compile(r"\s*+(?:By[ \t]++region,[ \t]++)?((?-i:[A-Z])[\w-]*+(?:[ \t]++(?-i:[A-Z])[\w-]*+){0,2})"
                           r"(?:[ \t]*+,[^.;\n]{1,120}?,)?[ \t]++(?:(?:alone|itself|still|just|also)[ \t]++)*"
                           r"(?:grew|rose|fell|added|reached|climbed|increased|declined|dropped|slipped|jumped|accounted[ \t]++for"
                           r"|contributed|brought[ \t]++in|generated|made[ \t]++up)\b")
_REGION_MEASURES = frozenset({"revenue", "profit", "operating_income", "ebitda", "bookings"})


# what may stand before a place in the name of a region ("Greater China", "South-East Europe", "Latin America")
_REGION_WORDS = frozenset({"greater", "north", "south", "east", "west", "central", "northern", "southern", "eastern",
                           "western", "latin", "middle", "south-east", "southeast", "north-east", "northeast", "south-west",
                           "southwest", "north-west", "northwest", "mainland", "continental", "sub-saharan", "the"})
# a noun right after the figure says what it is ("generated $2 billion in tax receipts"): no measure carried over
_NOUN_AFTER = re.compile(r"[ \t]+(?:in|of)[ \t]+(?!(?:the|its|their)\b)[a-z]")


def _region_opening(text: str, start: int) -> str | None:
    """The region a sentence opens with as what changed or brought in its figure, in lower case (a place of the pack,
    or one with words that name a region of it: "Greater China", "South-East Europe"; not "Air China"), or None."""
    found = _REGION_OPENS.match(text, start)
    if found is None:
        return None
    words = found.group(1).split()
    places = place_names()
    if " ".join(words) not in places and not (
            words[-1] in places and all(w.lower() in _REGION_WORDS for w in words[:-1])):
        return None
    return " ".join(w.lower() for w in words if w.lower() != "the")


def _one_measure_before(a: Amount, decided: dict[int, Attribution]) -> Attribution | None:
    """The figure of the sentence before, in the same paragraph, when all its figures with a metric have one metric
    (of the measures a region's part is given in: `_REGION_MEASURES`): the measure a region's figure goes on with."""
    named = [x for x in _figures_before(a, decided) if x.metric]
    if not named or len({x.metric for x in named}) > 1 or named[-1].metric not in _REGION_MEASURES:
        return None
    return named[-1]


_OWN_CLAUSE_AFTER = re.compile(r"(?:[ \t]+(?:a|per)[ \t]+(?:\w+[ \t]+)?share)?[ \t]+(?:it|they|that|which|the[ \t]+company)[ \t]+"
                               r"(?!(?:a|an|the)\b)[a-z]+")


def _per_share_alike(a: Amount, base: MoneyMention) -> bool:
    """A figure held against a figure per share that is one too: of its size (within a factor of ten: "$1.16 a
    diluted share against 63 cents", not "C$1.16 per share, compared with C$74.1 million"), in its currency, and
    with no measure named between them ("SEK 1.77 per share compared with SEK 1.40")."""
    m = a.m
    if m.value.amount is None or base.value.amount is None or m.value.currency != base.value.currency \
            or _OWN_CLAUSE_AFTER.match(a.text, m.end):
        return False  # (nor "against the $3 a share it paid out": a figure its own clause says what it is)
    small, large = sorted((abs(m.value.amount), abs(base.value.amount)))
    if not small or large > 10 * small:
        return False
    lo, hi = min(m.end, base.end), max(m.start, base.start)
    return not any(lo <= c.start and c.end <= hi and c.kind not in _MEASURE_KINDS for c in a.sentence.metrics)


def _a_price_target(text: str, m: MoneyMention, sentence: tuple[int, int]) -> bool:
    """An analyst's price target ("target raised to NOK 420 from NOK 390", "(buy, target ₹1,320)", "a target price
    of A$15.60"): a figure with no measure and no scale under the noun "target", a share's price (not a payout a
    share: "the board is targeting a capital return of NZ$2.00 a share" is the company's target). Writers call it
    a projection, an estimate, never the company's target (185 of 188 such figures in the corpora; the rest
    actual)."""
    value = m.value
    return value.amount is not None and value.amount < 1_000_000 and SCALED.search(text, m.start, m.end) is None \
        and _TARGET_NOUN.search(text, *sentence) is not None and not _PER_SHARE_AFTER.match(text, m.end)


def _another_change_between(masked: str, m: MoneyMention, base: MoneyMention, own: str) -> bool:
    """Whether another percentage change stands between a figure and the figure it is compared with, so the
    comparison is that change's: "climbed 69% from a year earlier to $44.1 billion, up 12% from $39.3 billion in
    the previous quarter" measures the 69% from last year's quarter, not from $39.3 billion."""
    between = masked[m.end:base.start]
    if own in between:  # "up 8.2% on 2023 and more than double the $10.7 billion": the base is the later word's
        return _OTHER_CHANGE.search(between, between.index(own) + len(own)) is not None
    return "%" in between or "percent" in between


def _strongest(kinds: set[str]) -> Modality:
    """The modality a set of cues gives: rumour over target over projection over plan; none, actual."""
    return cast(Modality, next((k for k in MODALITY_ORDER if k in kinds), "actual"))


def _origin(i: int, conversions: dict[int, int]) -> int:
    while i in conversions:
        i = conversions[i]
    return i


def _claim_id(source: str, m: MoneyMention) -> str:
    digest = hashlib.sha1(f"{source}\0{m.start}\0{m.end}".encode()).hexdigest()
    return "c" + digest[:10]


def _measured_against(a: Amount, start: int, end: int) -> bool:
    """A forecast word the sentence measures a figure against ("in line with forecasts", "below analysts'
    estimates"), when it heads no figure ("beat forecasts of $1.1 billion", "the consensus of roughly $2.55
    billion") and, before this one, opens no clause that gives the estimate ("matched the consensus, which had
    pointed to €22.79 billion")."""
    text, m = a.text, a.m
    if not _MEASURED_AGAINST.search(text, max(a.sentence.span[0], start - 60), start):
        return False
    heads = _HEADS_FIGURE.match(text, end)
    if heads is not None and any(end <= x.start <= heads.end() for x in (m, *a.others)):
        return False
    return end > m.start or not _GIVES_THE_ESTIMATE.search(text, end, m.start)


# a forecast's noun, or a participle or the analysts that qualify the figure before it ("the $1.1 billion expected by
# analysts", "the roughly 206 US cents analysts had expected", "the $24.6 billion plan to buy Albertsons")
_NOUN_CUE = re.compile(r"(?:consensus|forecasts?|estimates?|guidance|outlook|targets?|projections?|expectations?"
                       r"|expected|estimated|projected|anticipated|pencill?ed\s+in|analysts?\b.*|plans?(?:\s+(?:to|for|a|an))?)",
                       re.IGNORECASE)


def _said_of_another(a: Amount, start: int, end: int) -> bool:
    """A cue in a relative clause of another figure of the sentence ("the Rs 1,069 crore that analysts had pencilled
    in"), or after another figure that stands between it and this one ("X topped the Y that the market expected")."""
    text, m = a.text, a.m
    for o in a.others:
        if m.end <= o.start and o.end <= start:
            return True
        if m.end <= start and end <= o.start and _HEADS_FIGURE.fullmatch(text, end, o.start):
            return True  # "profit was $1.2 billion against a consensus of $1.1 billion": the consensus is the $1.1bn
        if o.end <= start and end <= m.start and (_RELATIVE_AFTER.match(text, o.end, start) or (
                not text[o.end:start].strip() and _NOUN_CUE.fullmatch(text, start, end))):
            return True  # … and a noun right after another figure: "ahead of the €182 million consensus the company had
            # collected, on revenue of €5,810 million" (not a verb: "£750m is to come from …, and £700m from …")
    return False
