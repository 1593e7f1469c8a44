"""Who a figure is about, and the other party to a deal.

The subject is, in order: a possessive before the amount in its clause ("Adyen's revenue"); the nearest
organisation before it in its clause; the nearest before it in the sentence; the first in the sentence; else
the organisation in focus ("Revenue was €212 million"). A party introduced as such ("led by", "backed by",
"from", "including") is the counterparty of a round or investment, never its subject; "X invested €Y in Z"
makes Z the subject and X the counterparty; "X agreed to buy Z for $Y" makes X the subject and Z the
counterparty; "X fined Z €Y" makes Z the subject ("X fined the bank": the organisation in focus; a person
fined: no subject). An analyst's firm and a trading venue are never the subject.
"""

from __future__ import annotations

import re

from claimcheck.claims.context import Amount, nearest
from claimcheck.mentions.organisations import (CAUSE_BEFORE, CAUSE_COUNTED, LISTED_CAUSE, PART_OF, POLL_AFTER,
                                               RATED_AFTER, VENUE_WORDS, EntityMention, labels_a_deal)

_INTRODUCED = re.compile(
    r"(?:led\s+by|co-led\s+by|backed\s+by|by|with|including|alongside|such\s+as|investors?"
    # "from the private equity firm Summit Partners": the seller or source, with its description
    r"|from(?:\s+(?:the|its|their))?(?:\s+[a-z][\w-]*){0,3}"
    # "dragged down by the sale of SDLG", "helped by the addition of Terreal": what a deal sold or bought is no
    # subject of the figures around it
    r"|(?:sale|disposal|addition|integration)\s+of"
    # "including a one-time gain from the sale of a 70% stake in Kotak General Insurance": what was sold
    r"|(?:sale|disposal|sell-down|selldown)\s+of\s+(?:a|an|its|the|their)\s+(?:[\d.]+\s?(?:%|per\s?cent)\s+"
    r"|majority\s+|minority\s+|controlling\s+)?stake\s+in"
    # "an analyst at Quarry Hill Capital, who has a $120 price target": the analyst's firm is not the subject
    r"|(?:analysts?|economists?|strategists?|researchers?)\s+(?:at|with|from)"
    # "said Dana Whitlock, who covers payments at Presidio Ridge Capital and raised her price target": her firm
    r"|(?:covers|follows|tracks|covering|following|tracking)\s+(?:[\w&-]+\s+){0,3}?(?:at|for)"
    # whom a figure is attributed to: "Analysts had expected $10.26 billion, according to FactSet"
    r"|according\s+to"
    # who rules on it: "a charge of R$3.4 billion after regulator Aneel changed the schedule"
    r"|regulator|watchdog|supervisor"
    # a cause and what it counted: "aided by a full quarter of Indus Towers' numbers"
    rf"|{CAUSE_COUNTED}"
    r")\s+$",
)
_INTRODUCED_REACH = 45
# "helped by the acquisition of the Finnish sawmill company Junnikkala": what the company bought, with its description,
# is no subject of the figures around it (but of those its own clause gives: "…, which had revenue of $400 million")
_ACQUIRED = re.compile(r"\b(?:acquisition|purchase|consolidation)\s+of(?:\s+the)?(?:\s+[A-Za-z][\w-]*){0,3}\s+$")
# Where shares trade is not what they are worth: "opened at $52 on the New York Stock Exchange".
_LEADER = re.compile(r"\s+(?:led|leads|co-led|headed|spearheaded)\b")
_POSSESSIVE_REFERENCE = frozenset({"its", "our", "their"})
# (not "than": "more than double the $60.9bn Nvidia reported" compares the company with itself)
_COMPARED_AFTER = re.compile(r"\b(?:against|compared\s+(?:with|to)|versus|vs\.?|ahead\s+of|behind|outpacing"
                             r"|overtaking)\b", re.IGNORECASE)
_OF_WHICH = re.compile(r"\bof\s+which\b", re.IGNORECASE)
# a clause of its own after the figure, opened right before the name: "Revenue fell 7% to $11,7 billones, largely
# because Celsia sold less thermal power" (the unit is the cause; whose revenue it is the story says)
# (a name, not a reference: "as the company paid for replacement SIM cards" is still the company's own doing; not a
# fine's: "a fine of ₩9.6 million because SK Telecom did not notify customers" names who pays it)
_CLAUSE_OPENS = re.compile(r"\bbecause(?:\s+of)?\s+$", re.IGNORECASE)
_WHOSE = re.compile(r",\s*whose\b", re.IGNORECASE)
# a figure whose own clause names who booked it: "the US$97.7 billion that Tesla booked"
_AGENT_GAP = re.compile(r"\s*(?:\([^()]*\)\s*)?(?:that\s+|which\s+)?")
_AGENT_VERB = re.compile(r"\s+(?:had\s+|has\s+|have\s+)?(?:booked|reported|posted|made|earned|generated|recorded|raised"
                         r"|paid|spent|lost|took|brought\s+in)\b", re.IGNORECASE)
# "its online rival", "their biggest customers": another organisation, which the copy does not name
_OTHER_PARTY = re.compile(r"\s+(?:[\w-]+\s+){0,2}?(?:rival|rivals|competitor|competitors|peer|peers|customer|customers"
                          r"|client|clients|supplier|suppliers)(?![\w-])", re.IGNORECASE)
_INTO = re.compile(r"^\s*(?:\([^()]*\)\s*)?(?:[\w-]+\s+){0,2}?(?:in|into)\s+$", re.IGNORECASE)
_FINED = re.compile(r"\b(?:fined|penalised|penalized|sanctioned|ordered)\s+$", re.IGNORECASE)
_BOUGHT = re.compile(
    r"\b(?:buy|buys|bought|buying|acquire|acquires|acquired|acquiring|purchase|purchased|take\s+over|took\s+over"
    # ("the purchase, agreed on Wednesday, of WuXi Biologics' plant": an aside between the noun and its object)
    r"|(?:takeover|acquisition|purchase)(?:,[^,;.]{1,40},)?\s+of|bid\s+for|offer\s+for|merge\s+with)\s+"
    # "to buy 51% of Kimberly-Clark's tissue business", "a majority stake in": a share of what is bought
    r"(?:(?:a|an)\s+)?(?:(?:\d{1,3}(?:\.\d+)?\s?(?:%|per\s?cent)|majority|minority|controlling)\s+(?:stake\s+in|of)\s+)?"
    # "agreed to buy the Dutch packaging group Velsen", "60% of Egypt's Auf Group": a description may stand between
    r"(?:(?:the|a|an|rival|its)\s+)?(?:[A-Za-z'’-]+\s+){0,4}?$",
    re.IGNORECASE)
_FINING = re.compile(r"\b(?:fined|penalised|penalized|sanctioned)\b", re.IGNORECASE)
# "fined the bank", "fined it": a reference to the organisation in focus
_REFERENCE = re.compile(r"\s*(?:it|the\s+(?:bank|lender|company|group|firm|insurer|carmaker|startup|business|platform))\b",
                        re.IGNORECASE)
_PASSIVE = re.compile(r"\b(?:was|were|been|is|are|be|being)\s+$", re.IGNORECASE)
PARTY_METRICS = ("funding", "investment")
# "A raised $5m led by X, while B raised $3m": X led A's round, not B's.
_CONTRAST = re.compile(r"\b(?:while|whereas|but|although|meanwhile)\b|;", re.IGNORECASE)


def _bought(text: str, entities: list[EntityMention], x: EntityMention, sentence_start: int) -> bool:
    """A buying verb before `x`, with at most a description between ("the Dutch packaging group Velsen") and
    no other organisation's name."""
    if x.kind == "reference" and any(0 <= y.start - x.end <= 1 for y in entities):
        return False  # "the Dutch packaging group" in front of a name describes that name
    verb = _BOUGHT.search(text, max(sentence_start, x.start - 70), x.start)
    return verb is not None and not any(verb.start() < y.start < x.start and y.kind != "reference" for y in entities)


# "Kessler Dorn Research forecasts €9.6 billion": a research house or broker forecasting is not what it forecasts
_BROKER = re.compile(r"\b(?:Research|Securities|Equities|Brokers?|Brokerage|Capital\s+Markets)$")
_FORECASTS = re.compile(r"\s+(?:forecasts|forecast|expects|estimates|models|sees|projects|predicts|pencils\s+in"
                        r"|has\s+pencilled\s+in)\b")


def parties(a: Amount, metric: str | None) -> tuple[str | None, str | None]:
    """(subject, counterparty) of an amount."""
    text, ctx, m = a.text, a.sentence, a.m
    s = ctx.span[0]
    introduced = {
        id(x) for x in ctx.entities
        if _INTRODUCED.search(text, max(s, x.start - _INTRODUCED_REACH), x.start) or _LEADER.match(text, x.end)
        or x.name.split()[-1] in VENUE_WORDS
        or LISTED_CAUSE.search(text, max(s, x.start - 100), x.start)  # "helped by …, retail credit and Flash"
        # its owner, or the group it is part of ("… controlled by Britain's Imperial Brands, said …")
        or PART_OF.search(text, max(s, x.start - _INTRODUCED_REACH), x.start)
        or (_ACQUIRED.search(text, max(s, x.start - _INTRODUCED_REACH), x.start)
            and not any(y.start == x.end and y.start <= m.start < y.end for y in (*ctx.asides, *ctx.appositions)))
    }
    # a cause in a clause of its own, and what refers to it after ("Finance costs fell 15% to Rs3.01 billion as the State
    # Bank of Pakistan cut its policy rate": neither the bank nor "its")
    caused: dict[str, int] = {}
    for x in ctx.entities:
        if x.kind != "reference" and CAUSE_BEFORE.search(text, max(s, x.start - 12), x.start):
            caused.setdefault(x.name, x.start)
    if caused:
        introduced |= {id(y) for y in ctx.entities if caused.get(y.name, y.start + 1) <= y.start}
    counterparty = None
    if metric == "deal":  # "Tata Motors agreed to buy Iveco for €3.8 billion": the buyer, and what it buys
        bought = [x for x in ctx.entities if x.end <= m.start and _bought(text, ctx.entities, x, s)]
        if bought:
            buyers = [x for x in ctx.entities if x.end <= bought[-1].start and x.name != bought[-1].name
                      and id(x) not in introduced]
            return (buyers[-1].name if buyers else ctx.focus), bought[-1].name
    if metric == "fine":  # "BaFin fined the bank €9.2 million": the bank pays
        fined = [x for x in ctx.entities if x.end <= m.start and _FINED.search(text, max(s, x.start - 12), x.start)]
        if fined:
            finer = [x.name for x in ctx.entities if x.end <= fined[-1].start and x.name != fined[-1].name]
            if any(x.name == fined[-1].name for x in ctx.entities if x.end <= fined[-1].start) and not finer:
                # "BaFin fined the bank": a description after the verb is not its own subject
                return (ctx.focus if ctx.focus != fined[-1].name else None), None
            return fined[-1].name, None
        verb = None
        for verb in _FINING.finditer(text, s, m.start):
            pass
        if verb is not None and not _PASSIVE.search(text, max(s, verb.start() - 8), verb.start()):
            # the one fined is not named as an organisation ("Meta was fined €200m" is read below)
            obj = text[verb.end():m.start]
            return (ctx.focus if _REFERENCE.match(obj) else None), None  # "the bank" / a person, "whom"
    if metric in PARTY_METRICS:
        after = [
            x for x in ctx.entities
            if text[x.start:x.end].lower() not in _POSSESSIVE_REFERENCE
            and x.start >= m.end and _INTO.match(text[m.end:x.start])
        ]
        if after:
            target = after[0]
            before = [x for x in ctx.entities if x.end <= m.start and x.name != target.name]
            return target.name, (before[-1].name if before else None)
        near = nearest([x for x in ctx.entities if id(x) in introduced
                        and not _CONTRAST.search(text, min(x.end, m.end), max(x.start, m.start))], m)
        if near is not None:
            counterparty = near.name
    for x in ctx.entities:  # "… came from Ather Energy, whose revenue of ₹676 crore …": whose figure it is
        if x.end <= m.start and _WHOSE.match(text, x.end) and any(
                y.start == x.end and m.start < y.end for y in ctx.asides):
            return x.name, counterparty
    for x in ctx.entities:  # "the US$97.7 billion that Tesla booked", "the $60.9 billion Nvidia reported"
        if x.start >= m.end and _AGENT_GAP.fullmatch(text, m.end, x.start) and _AGENT_VERB.match(text, x.end):
            return x.name, counterparty
        if x.start >= m.end:
            break
    ends = {x.end for x in ctx.entities}
    asides = [*ctx.asides, *(y for y in ctx.appositions if y.start in ends)]  # an apposition to a name
    candidates = [x for x in ctx.entities if id(x) not in introduced and x.name != counterparty and not any(
        y.start <= x.start and x.end <= y.end and not y.start <= m.start < y.end for y in asides)
        and not (_BROKER.search(x.name) and _FORECASTS.match(text, x.end))  # the broker's forecast of the company's
        and not RATED_AFTER.match(text, x.end)  # … and its rating and target ("**Tandil Partners** moved to neutral")
        and not POLL_AFTER.match(text, x.end)  # … and who polled the analysts ("expected in the LSEG poll")
        and not labels_a_deal(text, x.start, x.end)]  # … and a deal's label ("Excluding the Nutresa transaction")
    # ("Korvik Systems, which Hollis Capital backed in 2021, raised €35 million": the aside's name is not it;
    # "Corla Bottling, the listed bottler in which Corla is the largest shareholder, grew revenue": nor the
    # apposition's)
    possessive = [
        x for x in candidates
        if x.end <= m.start and a.in_clause(x.start, x.end) and text[x.end:x.end + 2] in ("'s", "’s")
    ]
    preceding = [x for x in candidates if x.end <= m.start and a.in_clause(x.start, x.end)]
    before_in_sentence = [x for x in candidates if x.end <= m.start]
    # "Revenue rose 29% to 777.1 billion yuan in 2024, against the US$97.7 billion that Tesla …": a name after
    # the figure and behind a comparison is what it is compared with
    # (nor a part named after "of which": "rose 10% to NOK 10.3bn, of which Widerøe … supplied around NOK 2bn")
    after = [x for x in candidates if x.start >= m.end and not _COMPARED_AFTER.search(text, m.end, x.start)
             and not _OF_WHICH.search(text, m.end, x.start) and not (x.kind != "reference" and metric != "fine" and _CLAUSE_OPENS.search(text, m.end, x.start))]
    candidates = [x for x in candidates if x.start < m.end] + after
    for pool, pick in ((possessive, -1), (preceding, -1), (before_in_sentence, -1), (candidates, 0)):
        if pool:
            chosen = pool[pick]
            if chosen.kind == "reference" and text[chosen.start:chosen.end].lower() in _POSSESSIVE_REFERENCE \
                    and _OTHER_PARTY.match(text, chosen.end):
                return None, counterparty  # "Its online rival reported net sales of $187.8bn": not the company's
            return chosen.name, counterparty
    return ctx.focus, counterparty  # "Revenue was €212 million": the organisation in focus
