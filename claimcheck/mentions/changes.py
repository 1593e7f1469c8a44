"""Change words and percentage changes tied to a figure: "nearly doubling", "tripled", "N-fold", "rose 18% to".

Each is a `ChangeMention`: its span and the `Ratio` it states. Which amount it belongs to is the
assembler's decision (claims/assemble.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from claimcheck.mentions.money import UNITS
from claimcheck.models import Ratio
from claimcheck.mentions.patterns import guarded

# Comparisons a change is measured against: the previous quarter, or a year earlier.
QUARTER_BACK = guarded(
    r"previous\s+quarter|prior\s+quarter|preceding\s+quarter|(?:a|one)\s+quarter\s+(?:earlier|ago|before)"
    r"|sequential|quarter[- ]on[- ]quarter|last\s+quarter", re.IGNORECASE)
YEAR_BACK = guarded(
    r"(?:(?:a|one)\s+year|(?:twelve|12)\s+months)\s+(?:earlier|ago|before)|the\s+year\s+(?:earlier|before)|year[- ]on[- ]year|year[- ]over[- ]year|\byoy\b|\by/y\b"
    r"|(?:previous|prior|preceding)\s+year|same\s+(?:period|quarter|time)\s+(?:of\s+|a\s+|the\s+)?(?:last|previous|prior)?\s*year",
    re.IGNORECASE)

# Right after a figure: "… from $2.3bn a year ago", "… against ¥40bn (…) the previous quarter", "the KRW 2.8
# trillion of a year earlier": the figure is dated relative to another (possessive spaces: what follows never
# starts with one, and `,?\s*` after `\s*` split long runs every way)
BACK_AFTER = re.compile(
    rf"\s*+(?:\([^()]*\)\s*+)?(?:,\s*+)?(?:(?:of|in|for|during)\s+)?(?:the\s+)?(?:{YEAR_BACK.pattern}|{QUARTER_BACK.pattern})",
    re.IGNORECASE)


def months_back(sentence: str, at: int = -1) -> int:
    """How far back a change stated in `sentence` looks: 3 months when the comparison named nearest
    position `at` (the change word) is the previous quarter ("up 40% on the previous quarter"), else 12.
    "More than double a year earlier, but below the previous quarter" is year-on-year. With no position,
    any quarter comparison in the sentence decides."""
    if at < 0:
        return 3 if QUARTER_BACK.search(sentence) else 12
    nearest = min(
        ((abs((m.start() + m.end()) // 2 - at), months)
         for pattern, months in ((QUARTER_BACK, 3), (YEAR_BACK, 12)) for m in pattern.finditer(sentence)),
        default=(0, 12),
    )
    return nearest[1]


_RATIO = guarded(
    r"""(?<![\w-])
    (?:(?P<qual>nearly|almost|roughly|about|around|more\s+than|over|less\s+than|just\s+under|just\s+over
        |close\s+to|some|approximately|at\s+least)\s+)?
    (?:
        (?P<word>doubl(?:e|ed|es|ing)|tripl(?:e|ed|es|ing)|quadrupl(?:e|ed|es|ing)|halv(?:e|ed|ing)
          |(?<!two\s)(?<!both\s)(?<!the\s)(?<!its\s)halves)  # "a year of two halves" is no change
      | (?P<fold>\d+(?:\.\d+)?|two|three|four|five|six|seven|eight|nine|ten)[-\s]?fold
      | (?P<times>\d+(?:\.\d+)?|two|three|four|five|six|seven|eight|nine|ten)\s+times
        (?=\s+(?:as\s+(?:much|large|big|high)|higher|larger|bigger|more|greater|its|the\s+(?:size|value|level)))
    )(?![\w-])""",
    re.IGNORECASE | re.VERBOSE,
)
# the qualifier and the percentage of a change: "by about 12%", "more than 20 per cent"
_QUALIFIED_PERCENT = r"""(?:by\s+)?(?:(?P<{q}>about|around|roughly|nearly|almost|some|more\s+than|over|less\s+than
          |just\s+over|just\s+under|approximately)\s+)?
        # (the sign before the figure as Turkish copy writes it: "rose %57,6 to")
        (?:(?P<{p}sign>%)\s?)?(?P<{p}>\d+(?:\.\d+)?)(?({p}sign)|\s?(?:%|percent(?!age)|per\s+cent))"""
# "rose 18% to", "down 12%", "a 20% increase in", "saw revenue fall 25% to": a percentage change tied to the figure
# it leads to.
_PERCENT_CHANGE = guarded(
    r"""(?<![\w-])(?:
        (?P<verb>rose|rises|rising|risen|increased|increases|grew|grows|growing|jumped|jumps|climbed|climbs|gained|gains
          |surged|soared|advanced|fell|falls|falling|fallen|dropped|drops|declined|declines|decreased|decreases|slid|slipped
          |sank|shrank|shrunk|narrowed|widened|up|down|higher|lower
          |rise|increase|grow|jump|climb|gain|surge|soar|advance|fall|drop|decline|decrease|slide|slip|sink|shrink)
        \s+""" + _QUALIFIED_PERCENT.format(q="pqual", p="pct") + r"""
      | (?P<pct2>\d+(?:\.\d+)?)\s?(?:%|percent(?!age)|per\s+cent)\s+(?P<noun>rise|increase|jump|gain|growth|drop|fall
          |decline|decrease|slump|surge|climb|reduction)
      # "a net profit of 829 million euros, 36.8% more than the 654 million euros of 2024": the figure before it
      # against the one after "than"
      | (?P<pct3>\d+(?:\.\d+)?)\s?(?:%|percent(?!age)|per\s+cent)\s+(?P<than>more|higher|greater|bigger|larger|above
          |less|lower|smaller|below)\s+than(?=\s)
      # "raised the dividend by 12% to CHF 4.40", "cut its payout 10% to": a change made to what it names, and the
      # figure it leads to
      | (?P<tverb>raised|raises|raising|lifted|lifts|lifting|boosted|boosts|hiked|hikes|increased|increases|cut|cuts
          |cutting|reduced|reduces|lowered|lowers|trimmed|trims|slashed|slashes)
        \s+(?:[A-Za-z][\w'’-]*\s+){1,3}?""" + _QUALIFIED_PERCENT.format(q="tqual", p="tpct") + r"""(?=\s+to\b)
    )(?![\w-])""",
    re.IGNORECASE | re.VERBOSE,
)
_RATIO_HINT = guarded(r"oubl|ripl|uadrupl|alv|fold|times", re.IGNORECASE)  # a cheap first test
_PERCENT_SIGN = re.compile(r"%|percent|per\s+cent", re.IGNORECASE)
_DOWN_WORDS = frozenset(
    "fell falls falling fallen dropped drops declined declines decreased decreases slid slipped sank shrank shrunk "
    "narrowed down lower drop fall decline decrease slump reduction slide slip sink shrink "
    "cut cuts cutting reduced reduces lowered lowers trimmed trims slashed slashes less smaller below".split())
_RATIO_WORDS = {"doubl": (2.0, "up"), "tripl": (3.0, "up"), "quadrupl": (4.0, "up"), "halv": (2.0, "down")}


@dataclass(frozen=True, slots=True)
class ChangeMention:
    """A change word or percentage change at `text[start:end]`."""

    start: int
    end: int
    ratio: Ratio


# "as that business nearly doubled its customers": a change of what it counts, not of the figures near it
_COUNTED_OBJECT = re.compile(
    r"\s+(?:its|their|the\s+number\s+of)\s+(?:[\w-]+\s+){0,2}?(?:customers|users|subscribers|members|employees"
    r"|staff|workforce|headcount|stores|shops|outlets|branches|fleet|passengers|deliveries|shipments|market\s+share)"
    r"(?![\w-])", re.IGNORECASE)


# "up 3% at constant currency", "4% organically", "5% on a like-for-like basis": a change measured on another
# basis than the figures written beside it (they are as reported), so it is no change between them
_OTHER_BASIS = re.compile(
    r"[ \t]{0,3},?[ \t]{0,3}(?:(?:at|in|on)[ \t]{1,3}(?:an?[ \t]{1,3})?(?:constant|comparable|local)[ \t-]{1,3}"
    r"(?:currenc(?:y|ies)|exchange[ \t]{1,3}rates?|rates|fx)"
    r"|(?:on[ \t]{1,3}(?:an?[ \t]{1,3})?)?(?:organic|like-for-like|constant[ \t-]{1,3}currency|comparable)"
    r"[ \t]{1,3}(?:basis|terms)|organically|like-for-like"
    r"|(?:excluding|stripping[ \t]{1,3}out)[ \t]{1,3}(?:currency|foreign[ \t]{1,3}exchange|exchange[ \t]{1,3}rate|fx))\b",
    re.IGNORECASE)


def find_changes(text: str, start: int, end: int) -> list[ChangeMention]:
    """Change words and percentage changes in `text[start:end]`, in order."""
    found = [ChangeMention(m.start(), m.end(), ratio(m)) for m in _RATIO.finditer(text, start, end)
             if not _COUNTED_OBJECT.match(text, m.end())] if _RATIO_HINT.search(text, start, end) else []
    if _PERCENT_SIGN.search(text, start, end):
        found += [ChangeMention(m.start(), m.end(), r) for m in _PERCENT_CHANGE.finditer(text, start, end)
                  if (r := percent(m)) and not _OTHER_BASIS.match(text, m.end())]
    return sorted(found, key=lambda c: c.start)


def ratio(m: re.Match[str]) -> Ratio:
    qualifier = " ".join(m.group("qual").lower().split()) if m.group("qual") else None
    if m.group("word"):
        stem = next(k for k in _RATIO_WORDS if m.group("word").lower().startswith(k))
        factor, direction = _RATIO_WORDS[stem]
    else:
        raw = (m.group("fold") or m.group("times")).lower()
        factor, direction = float(UNITS.get(raw) or raw), "up"
    return Ratio(factor=factor, qualifier=qualifier, text=" ".join(m.group(0).split()),
                 direction="down" if direction == "down" else "up")


def percent(m: re.Match[str]) -> Ratio | None:
    """"Up 18%": factor 1.18 up; "fell 25%": the earlier figure is 1/0.75 of this one (factor 1.33 down)."""
    pct = float(m.group("pct") or m.group("pct2") or m.group("tpct") or m.group("pct3"))
    word = (m.group("verb") or m.group("noun") or m.group("tverb") or m.group("than")).lower()
    said = m.group("pqual") or m.group("tqual")
    qualifier = " ".join(said.lower().split()) if said else None
    if word in _DOWN_WORDS:
        if pct >= 100:
            return None  # "down 100%" has no figure to divide by
        factor = 1 / (1 - pct / 100)
        return Ratio(factor=factor, qualifier=qualifier, text=" ".join(m.group(0).split()), direction="down", percent=pct)
    return Ratio(factor=1 + pct / 100, qualifier=qualifier, text=" ".join(m.group(0).split()), percent=pct)
