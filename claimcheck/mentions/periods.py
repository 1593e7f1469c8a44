"""The date grammar: finds date and period expressions and resolves them to `Period`s.

Our own regular grammar finds the expressions (so "$13" or "we" are never dates); relative ones resolve
against the publication date, and only numeric dates whose field order is a convention are handed to
dateparser, with a language and a cache. See docs/periods.md for the table this implements.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Callable
from typing import ClassVar
from dataclasses import dataclass
from functools import lru_cache

from claimcheck.models import Period, PeriodMention
from claimcheck.mentions.money import UNITS
from claimcheck.mentions.patterns import first_lookahead, guarded

MONTHS: dict[str, int] = {}
for _i, _name in enumerate(calendar.month_name):
    if _i:
        MONTHS[_name.lower()] = _i
        MONTHS[_name[:3].lower()] = _i
MONTHS["sept"] = 9
WEEKDAYS = {name.lower(): i for i, name in enumerate(calendar.day_name)}
ORDINALS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4, "last": 4,
            "final": 4}
SMALL_NUMBERS = {**{w: n for w, n in UNITS.items() if 1 <= n <= 12}, "a": 1, "an": 1}
# The spans of whole weeks retailers and chipmakers report: 13-week quarters, and the 12- and 16-week ones of
# calendars that split the year 16/12/12/12 (a grocer's, a convenience chain's), halves of 24 to 28 weeks …
_WEEKS = {"twelve": 12, "thirteen": 13, "fourteen": 14, "sixteen": 16, "twenty-four": 24, "twenty-six": 26,
          "twenty-eight": 28, "forty": 40, "fifty-two": 52, "fifty-three": 53,
          **{str(n): n for n in (12, 13, 14, 16, 24, 26, 28, 36, 39, 40, 52, 53)}}
SEASONS = {"spring": 3, "summer": 6, "autumn": 9, "fall": 9, "winter": 12}

_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept\.?|Sep\.?|Oct\.?|Nov\.?|Dec\.?"
    # a heading set in capitals: "KEY FIGURES, JANUARY-SEPTEMBER 2024" (not "MAY", a verb in a shouted headline)
    r"|JANUARY|FEBRUARY|MARCH|APRIL|JUNE|JULY|AUGUST|SEPTEMBER|OCTOBER|NOVEMBER|DECEMBER)"
)
MONTH_PATTERN = _MONTH  # a month's name as copy writes it, for the claims' readers of dates
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_YEAR = r"(?:19|20)\d{2}"
_YY = r"(?:'?\d{2}|(?:19|20)\d{2})"
_ORD = r"(?i:first|second|third|fourth|1st|2nd|3rd|4th)"
_NUM = r"(?:\d{1,2}|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
_LEAD = r"(?:in|since|by|until|till|from|through|during|early|late|mid-?|last|next|of|before|after|as\s+soon\s+as|around)"

# Branches that open with a case-insensitive word or an optional lead: each behind the lookahead of its first
# characters (`first_lookahead`), so that at most words only the branches that can start there are tried.
# "the third quarter of 2024", "the first quarter of this year", "the last quarter of fiscal 2025", "the final quarter
# of last year" (the fourth; "last quarter" alone is the one before publication)
_QUARTER_ORDINAL = (
    rf"(?P<q_lead>(?i:the\s+)?)(?P<q_fiscal>(?i:fiscal\s+|financial\s+))?"
    rf"(?P<qord>{_ORD}|(?i:last|final)(?=[-\s]quarter\s+of\s+(?:(?i:(?:its|the|their)\s+)?(?i:fiscal\s+|financial\s+)?(?:19|20)\d{{2}}"
    rf"|(?i:last|this)\s+(?i:year))))"
    rf"[-\s]quarter(?:\s+of)?(?:\s+(?i:(?:its|the|their)\s+(?=(?:(?:fiscal|financial)\s+(?:year\s+)?)?(?:19|20)\d{{2}}))?"
    rf"(?:(?i:fiscal|financial)\s+(?:(?i:year)\s+)?)?(?P<qord_y>{_YEAR})(?:[-/–|](?P<qord_ye>\d{{2}})(?=[\s,.;:)]|$))?"
    rf"|\s+(?P<qord_rel>(?i:this|last|next))\s+(?i:year)"
    # "the third quarter of FY26": a quarter of the fiscal year so named
    rf"|\s+(?i:(?:its|the|their)\s+)?FY\s?(?P<qord_fy>{_YY})(?![\w/–-]))?")
# (not "in the first half hour", "the second half of the session": a stretch of a day, no half-year)
_HALF_ORDINAL = (rf"(?P<hord>(?i:first|second|1st|2nd))[-\s]half(?![-\s](?i:hour|an\s+hour|of\s+(?:the\s+)?(?:session|day|trading|match)))"
                 rf"(?:\s+of)?"
                 rf"(?:\s+(?P<hord_y>{_YEAR})(?:[-/–|](?P<hord_ye>\d{{2}})(?=[\s,.;:)]|$))?"
                 # "the first half of last year", as "the first quarter of last year"
                 rf"|\s+(?P<hord_rel>(?i:this|last|next))\s+(?i:year))?")
_WEEKDAY_NAMED = rf"(?i:(?P<wd_which>on|last|this\s+coming|this|next)\s+)?(?P<wd>{_WEEKDAY})"
# "in May", and a month before the deal it dates: "The June offer raised A$685 million", "its March float" (not
# "the November stoppages", "the March annual meeting": the date of a cause or an occasion)
_DEAL_NOUN = r"(?:offer|offering|float|flotation|listing|IPO|placement|raise|round|deal|sale|purchase|acquisition|bond|issue)\b"
# and a month's own figure: "about 8% higher than January's MOP18.25 billion"
_MONTH_AFTER_LEAD = (rf"(?:(?i:(?P<m_lead>{_LEAD})\s+)|(?i:the|its|their)\s+(?={_MONTH}\s+{_DEAL_NOUN})|(?={_MONTH}['’]s\s))"
                     rf"(?P<m_only>{_MONTH})(?!\.?,?\s+\d)(?!\s+(?:of\s+)?(?i:last|this|next)\s+(?i:year))")

PATTERN = re.compile(
    rf"""
    (?<![\w$€£¥₹₩#.,:/-])
    (?:
        (?=[TtSsNnEeQqHhFfYy\d])(?i:(?:the\s+)?(?:(?P<span_n>three|six|nine|twelve|thirteen|eighteen|\d{{1,2}})\s+months
            |(?P<span_w>twelve|thirteen|fourteen|sixteen|twenty-four|twenty-six|twenty-eight|forty|fifty-two|fifty-three
                |1[2346]|2[468]|36|39|40|5[23])\s+weeks
            |(?P<span_unit>quarter|half[-\s]year|half|(?:fiscal|financial)\s+year|year)),?\s+(?:that\s+|which\s+)?
            (?:to|ended|ending|ends|through|until|runs\s+to|running\s+to|ran\s+to|ended\s+in|ending\s+in|ends\s+in)\s+
            (?:on\s+)?(?:the\s+end\s+of\s+|end-|end\s+(?=[JFMASOND]))?)
        (?:(?P<to_d1>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<to_m1>{_MONTH})(?:,?\s+(?P<to_y1>{_YEAR}))?
          |(?P<to_m2>{_MONTH})\s+(?P<to_d2>\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(?P<to_y2>{_YEAR}))?
          |(?P<to_m3>{_MONTH})(?:,?\s+(?P<to_y3>{_YEAR}))?)
      | (?=[Ff])(?i:from\s+)(?P<fr_m1>{_MONTH})\s+(?P<fr_y1>{_YEAR})\s+(?i:to|until|through)\s+(?P<fr_m2>{_MONTH})\s+(?P<fr_y2>{_YEAR})
      | (?=[JFMASOND])(?:(?P<mr_app>(?<=,\s)|(?<=\())|)
            (?P<mr_a>{_MONTH})(?:(?P<mr_dash>[-–])|\s*(?:-|–|\s(?i:to|through)\s|-(?i:to)-)\s*)(?P<mr_b>{_MONTH})
            (?:\s+(?P<mr_y>{_YEAR})|\s+(?i:period|quarter)\s+(?i:of|in)\s+(?P<mr_qy>{_YEAR})(?![\w-]))?
            (?(mr_qy)|(?(mr_dash)(?![\w-])|(?:(?=\s+(?i:period|quarter))|(?(mr_app)(?=\s*[,)])|(?!)))))
      | (?=[IiBbDdOoFf])(?:(?i:in|between|during|over|for)|(?<!runs\s)(?<!run\s)(?<!ran\s)(?<!running\s)(?i:from))\s+(?P<mr2_a>{_MONTH})\s*(?:-|–|\s(?i:and|to|through)\s)\s*(?P<mr2_b>{_MONTH})(?:\s+(?P<mr2_y>{_YEAR}))?(?![\w-])
      | (?=[12])(?P<fys>(?:19|20)\d{{2}})[-/–|](?P<fys_end>\d{{2}})(?=[\s,.;:)]|$)
      | (?=[12])(?P<fyw2>{_YEAR})\s+(?i:fiscal|financial)\s+year
      | (?=[JFMASOND])(?P<mrel_m>{_MONTH})\s+(?:of\s+)?(?P<mrel_which>(?i:last|this|next))\s+(?i:year)
      | (?=[TtLlFf])(?i:(?:the\s+)?(?P<part_which>last|final|first)\s+(?P<part_n>three|six|nine|3|6|9)\s+months\s+of\s+
            (?:the\s+year|(?P<part_y>{_YEAR})|(?P<part_rel>last|this|next)\s+year))
      | (?=[TtFf])(?i:(?:the\s+)?first\s+(?P<first_n>three|six|nine|3|6|9)\s+months)(?P<first_fy>\s+(?i:of\s+(?:the|its|their)\s+(?:financial|fiscal|business)\s+year))?(?!\s+(?i:of|ended|ending)\b|\s+(?i:to)\s+(?:(?i:the\s+end\s+of)\s+)?(?:\d{{1,2}}(?:st|nd|rd|th)?\s+)?{_MONTH})
      | (?=[Aa])(?i:after\s+(?P<after_n>six|nine)\s+months)(?=\s*[,.;:)]|\s+(?-i:[A-Z]))
      | (?=[OoFfIiDd])(?i:(?:over\s+(?:the\s+)?|(?:for|in|during)\s+the\s+)(?:(?P<over_n>six|nine)\s+months|(?P<over_half>half[-\s]year|(?<=the\s)half(?![-\w]))))
            (?!['’]|\s+(?i:of|to|ended|ending|through|until|ago|later|earlier|before|after|since|time|hour|dozen|century|way|mark|point)\b
               |\s+(?i:from)\s+(?!(?:about\s+|around\s+)?(?:[A-Z]{{1,3}}\$?\s?\d|[A-Z]{{0,2}}[$€£¥₹₩]\s?\d)))
      | (?=[TtSsNn69])(?i:(?:the\s+)?(?P<ytd_n>six|nine|6|9)-month)(?=\s+(?i:(?:net\s+|operating\s+|pre-tax\s+|core\s+)?
            (?:profit|profits|revenue|revenues|sales|earnings|income|loss|losses|results|figures|numbers|turnover|ebitda)\b))
      | (?=[IiFfDdOo])(?i:(?:in|for|during|over)\s+the\s+(?P<ell>second|latter|first|third|(?:last|final|second)\s+six))
            (?=\s*[,.;:)—–]|\s*$|\s+and\s+(?:[$€£¥₹₩\d]|[A-Z]{{1,3}}\$|[A-Z]{{3}}\s?\d))
      | (?=[TtJFMASOND])(?P<mq_lead>(?i:the\s+))?(?P<mq_m>{_MONTH})(?(mq_lead)[-\s]|-)(?i:quarter|(?P<mq_half>half))(?![\w-])
            (?:\s+(?:of\s+)?(?P<mq_y>{_YEAR})|\s+of\s+(?:(?i:its|the)\s+)?FY\s?(?P<mq_fy>{_YY})(?![\w/–-]))?
      | (?P<iso>{_YEAR}-\d{{2}}-\d{{2}})
      | (?P<slash>\d{{1,2}}/\d{{1,2}}/(?:\d{{4}}|\d{{2}}))
      | (?P<dmy_d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<dmy_m>{_MONTH})(?:,?\s+(?P<dmy_y>{_YEAR}))?
      | (?=[JFMASOND])(?P<mdy_m>{_MONTH})\s+(?P<mdy_d>\d{{1,2}})(?:st|nd|rd|th)?(?!\d)(?:,?\s+(?P<mdy_y>{_YEAR}))?
      | (?=[JFMASOND])(?P<my_m>{_MONTH}),?\s+(?P<my_y>{_YEAR})
      | {first_lookahead(_QUARTER_ORDINAL)}{_QUARTER_ORDINAL}
      | (?:Q(?P<pfm_q>[1-4])|(?P<pfm_q2>[1-4])Q|H(?P<pfm_h>[12])|(?P<pfm_h2>[12])H)\s?FY\s?(?P<pfm_m>1[0-2]|0?[1-9])/(?P<pfm_y>{_YY})(?![\d/])
      | Q(?P<qn>[1-4])(?:\s?(?:FY\s?)?(?P<qn_y>{_YY})(?:(?<=\d{{4}})[-/–|](?P<qn_ye>\d{{2}})(?=[\s,.;:)]|$))?)?
      | (?P<cp_n>1[01]|[1-9])(?P<cp_u>[QHM])(?:(?<=[QH])\s|(?<=[69]M)\s)?(?P<cp_cal>CY|FY)(?P<cp_y>(?:19|20)?\d{{2}})
      | (?P<cm_n>1[01]|[1-9])M(?P<cm_y>(?:19|20)?\d{{2}})
      | (?P<nq>[1-4])Q\s?(?P<nq_y>{_YY})
      | {first_lookahead(_HALF_ORDINAL)}{_HALF_ORDINAL}
      | H(?P<hn>[12])(?:\s?(?P<hn_y>{_YY})(?:(?<=\d{{4}})[-/–|](?P<hn_ye>\d{{2}})(?=[\s,.;:)]|$))?)?
      | (?P<nh>[12])H\s?(?P<nh_y>{_YY})
      | (?P<nt>[1-4])T(?P<nt_y>{_YY})(?![\w/])
      | (?P<ns>[12])S(?P<ns_y>{_YY})(?![\w/])
      | FY\s?(?P<fym_m>1[0-2]|0?[1-9])/(?P<fym_y>{_YY})(?![\d/])
      | FY\s?(?P<fym_y2>(?:19|20)\d{{2}})/(?P<fym_m2>[1-9])(?![\d/])
      | FY\s?(?P<fy>{_YY})(?:(?<=\d{{4}})[-/–|](?P<fy_ye>\d{{2}})(?=[\s,.;:)]|$))?
      | (?=[Ff])(?i:(?:fiscal|financial)(?:\s+year)?)\s+(?P<fyw>{_YEAR})(?:[-/–|](?P<fyw_ye>\d{{2}})(?=[\s,.;:)]|$))?
      | (?=[TtCcAaNn])(?i:(?P<today>today|currently|as\s+of\s+now|now))
      | (?=[YyTt])(?i:(?P<dayrel>yesterday|tomorrow))
      | (?=[TtLlNnPp])(?i:(?P<rel_which>this|last|next|past|the\s+current|the\s+coming|the\s+previous|the\s+prior)\s+
            (?:(?P<rel_fiscal>fiscal|financial|business)\s+)?(?P<rel_unit>week|month|quarter|year))
      | (?=[Tt])(?i:the\s+(?:(?P<just_fiscal>fiscal|financial|business)\s+)?(?P<just_unit>quarter|year)\s+(?:that\s+|which\s+)?
            (?:has\s+)?just\s+(?:ended|finished|closed|gone))
      | (?=[EeLl])(?i:(?P<ytd>earlier\s+this\s+year)|(?P<rest>later\s+this\s+year))
      | (?=[Bb])(?i:(?P<eoy>by\s+(?:the\s+)?(?:end\s+of\s+(?:the\s+)?(?:year|(?P<eoy_y>{_YEAR}))|year-end|(?P<eoy_by>{_YEAR})(?!\s*[-–/]))))
      | (?=[TtLlNnOoIiDd])(?i:(?P<season_which>this|last|next|(?:over|in|during|through)\s+the)\s+(?P<season>spring|summer|autumn|fall|winter))
      | (?=[\dAaOoTtFfSsEeNn])(?i:(?P<ago_n>{_NUM})\s+(?P<ago_unit>day|week|month|year)s?\s+ago)
      | {first_lookahead(_WEEKDAY_NAMED)}{_WEEKDAY_NAMED}
      | {first_lookahead(_MONTH_AFTER_LEAD)}{_MONTH_AFTER_LEAD}
      | (?P<year>{_YEAR})
    )
    (?![\w%]|[.,]\d)
    """,
    re.VERBOSE,
)


_FIRST_PART = re.compile(r"(?:the\s+)?(?:first|1st)\b|[QH]1\b", re.IGNORECASE)  # "the first half", "Q1", "H1 2025"
# a part named by its place in the year: "the fourth quarter", "Q3", "H2 2025"
_NAMED_PART = re.compile(rf"(?:the\s+)?(?:(?P<o>{_ORD})\b|[QH](?P<d>[1-4])\b)", re.IGNORECASE)
_MONTH_OR_DIGIT = re.compile(rf"\d|{_MONTH}")
_MONTH_NAME = re.compile(_MONTH)
_SINCE_BEFORE = re.compile(r"\bsince\s+$", re.IGNORECASE)
# "the same quarter last year": the year of a comparison, not of the sentence's other yearless periods (nor the
# stretch the figure compared with covers: claims/timing.py)
SAME_STRETCH_BEFORE = re.compile(r"\bsame\s+(?:period|quarter|half|months?|time|stretch|weeks?)\s+(?:of\s+|in\s+)?$",
                                 re.IGNORECASE)
_FISCAL_WORD = re.compile(r"FY|fiscal|financial", re.IGNORECASE)
# "… slowed after a frantic 2023, but the fourth quarter brought …": a year described as a whole ("a frantic 2023",
# "a record 2024.") is the backdrop, not the year of the yearless periods after it (unlike "a record 2024 profit")
_DESCRIBED_YEAR_BEFORE = re.compile(r"\b(?:a|an)\s+(?!fiscal\b|financial\b)[a-z]+(?:-[a-z]+)?\s+$", re.IGNORECASE)
_DESCRIBED_YEAR_AFTER = re.compile(r"\s*(?:[,;:.)]|—|–|$|(?:and|but|when|as|while|with|that|which)\b)")
_HAS_YEAR = re.compile(r"(?:19|20)\d{2}|'\d{2}|\d{2}$|\b(?:this|last|next)\s+year\b", re.IGNORECASE)
# "customers who could no longer afford last year's basket": a year owning a thing dates that thing, not the yearless
# periods after it (not "last year's fourth quarter", "2023's results": a part of that year, its results)
_OWNS_A_THING = re.compile(
    r"['’]s\s+(?!(?:full[- ]year|annual|quarterly|first|second|third|fourth|final|last|opening|closing|[1-4](?:st|nd|rd|th)"
    r"|[QH][1-4]|quarters?|half|months?|results|earnings|figures|accounts|numbers|revenue|sales|profits?|turnover"
    r"|performance)\b)", re.IGNORECASE)


# "the year just ended", "the quarter that has just closed": the last one before publication, whatever the figure's
# modality (not a comparison's "previous quarter", nor a yearless one a plan moves ahead)
_JUST_ENDED = ("ended", "finished", "closed", "gone")
_THE_HALF = re.compile(r"(?i:for|in|during|over)\s+the\s+half")  # `_half_just_ended` ("the half", "the half-year")


def yearless(period: Period, runs: bool = False) -> bool:
    """A month, quarter, half or season named without a year ("in October", "the third quarter"); "last
    December" and "next March" say which one. With `runs`, a run of months too ("the first nine months of the
    year", "January to September")."""
    text = period.text or ""
    return (period.granularity in ("month", "quarter", "half", "season", "fiscal_year", "year")
            or runs and period.granularity == "approximate") and not _HAS_YEAR.search(
        text) and not text.startswith(("last ", "next ")) and not text.lower().endswith(_JUST_ENDED) \
        and not _THE_HALF.match(text)  # "for the half": the one just ended, as "last December" says


def day_without_year(period: Period) -> bool:
    """A day named by its month and not its year ("at 31 December", "on March 3")."""
    text = period.text or ""
    return period.granularity == "day" and _MONTH_NAME.search(text) is not None and not _HAS_YEAR.search(text)


@dataclass(frozen=True)
class DateSettings:
    """Conventions a user may need to change: fiscal-year start month, numeric date order."""

    fiscal_year_start: int = 1
    date_order: str = "MDY"
    quarters_fiscal: bool = False
    """Yearless quarters ("the fourth quarter") are fiscal quarters: set for a document whose copy states a
    fiscal year that is not the calendar year."""
    fiscal_year_offset: int = 0
    """Fiscal year N ends in calendar year N + this: 1 for a company that names its years by the calendar year
    they start in, as its copy says ("fiscal 2025, the year from February 2025 to January 2026")."""
    split_year_start: int = 4
    """The first month of a year written "2024-25" when no calendar is stated: April (India's, the commonest year
    written so), July where the country's financial year runs to June (Australia, Pakistan, Bangladesh, Egypt)."""
    halves_fiscal: bool = False
    """Halves written as brokers write them ("1H26", "2H25") are fiscal halves: set for a document that states a fiscal
    year not opening in January and names fiscal years so ("FY26"), not for copy that only mentions another company's."""
    week_end: dt.date | None = None
    """A day a period of the company's calendar ended, as the copy states it ("the quarter ended Oct. 27"), when it is
    no month's last day: its quarters and years end on that weekday (`on_week_calendar`)."""


DEFAULT_SETTINGS = DateSettings()


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _add_months(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


_FEW_MONTHS = {"three": 3, "3": 3, "six": 6, "6": 6, "nine": 9, "9": 9}  # "the first nine months"
_CALENDAR_TALK = re.compile(r"\b(?:ends|runs|closes|starts|begins)\b", re.IGNORECASE)  # a calendar, not a year


def _months_between(start: dt.date, end: dt.date) -> int:
    """The whole months from `start` (a first of the month) to `end` inclusive: 12 for a year."""
    return (end.year - start.year) * 12 + end.month - start.month + 1


def _year(raw: str) -> int:
    digits = raw.lstrip("'")
    return int(digits) + 2000 if len(digits) == 2 else int(digits)


def _month_num(raw: str) -> int:
    return MONTHS[raw.rstrip(".").lower()]


def shift_period(period: Period, months: int, text: str | None = None) -> Period:
    """The same stretch of time `months` earlier or later ("a year earlier" of Q3 2024 is Q3 2023); unresolved
    when that falls outside years 1-9999, as in `find_periods` (a rule may shift any claim's period)."""
    if not period.resolved:
        return period
    assert period.start and period.end
    if months % 3 == 0 and period.start.day != 1 and period.end != _month_end(period.end.year, period.end.month) \
            and ((period.end - period.start).days + 1) % 7 == 0:
        # a calendar of whole weeks (52-week years, 13-week quarters): "fiscal 2024" of the year that ended on
        # May 25, 2025 ends on May 26, 2024, 52 weeks before
        try:
            weeks = dt.timedelta(weeks=months * 13 // 3)
            return Period.model_construct(start=period.start + weeks, end=period.end + weeks,
                                          text=text or period.text, granularity=period.granularity)
        except OverflowError:
            return Period.model_construct(start=None, end=None, text=text or period.text, granularity=period.granularity)
    try:
        start = _add_months(period.start, months)
        month_end = period.end == _month_end(period.end.year, period.end.month)
        end = _add_months(period.end, months)
    except (ValueError, OverflowError):
        return Period.model_construct(start=None, end=None, text=text or period.text, granularity=period.granularity)
    if month_end:
        end = _month_end(end.year, end.month)
    return Period.model_construct(start=start, end=end, text=text or period.text, granularity=period.granularity)


def stretch(period: Period) -> tuple[dt.date | None, dt.date | None]:
    """The months a period covers, for telling whether two reports are of one stretch: "the 13 weeks to January
    26" (28 October to 26 January) and the fourth quarter of a year that ends in January (November to January)
    are one quarter, and a 52-week year is its twelve months. A period under four weeks, or one that opens on a
    month's first day, is itself."""
    start, end = period.start, period.end
    if start is None or end is None or start.day == 1 or (end - start).days < 27:
        return start, end
    first = _add_months(start.replace(day=1), 1) if start.day > 15 else start.replace(day=1)
    last = _add_months(end.replace(day=1), -1) if end.day < 15 else end
    last = _month_end(last.year, last.month)
    return (first, last) if first < last else (start, end)  # four weeks astride two months: itself


_TRAILING_MONTHS = re.compile(r"twelve|12", re.IGNORECASE)
_FISCAL_END = guarded(
    # "the first quarter of its 2026 fiscal year, which ends on April 27": the clause is the quarter's (its head)
    rf"(?P<qn2>first|second|third|fourth|1st|2nd|3rd|4th)\s+quarter\s+of\s+(?:its|the|their)\s+(?:(?:19|20)\d{{2}}\s+)?"
    rf"(?:fiscal|financial)\s+year,?\s+(?:which|that)\s+(?:ends?|ended|ending|closes|closed)\s+(?:on\s+)?"
    rf"(?:\d{{1,2}}(?:st|nd|rd|th)?\s+)?(?P<qend2>{_MONTH})|"
    rf"(?:fiscal|financial)(?:\s+years?)?(?:\s+(?:19|20)\d{{2}})?,?\s+(?:that\s+|which\s+)?(?:ends?|ended|ending|closes|closed"
    rf"|runs?\s+(?:to|through|until))\s+(?:on\s+|in\s+)?(?:the\s+end\s+of\s+)?(?:next\s+|last\s+)?"
    # a calendar of weeks: "ends on the Saturday nearest Jan. 31", "ends on the last Sunday of October"
    rf"(?:the\s+(?:{_WEEKDAY})\s+(?:nearest|closest)(?:\s+to)?\s+|the\s+last\s+(?:{_WEEKDAY})\s+(?:of|in)\s+)?"
    rf"(?:\d{{1,2}}(?:st|nd|rd|th)?\s+)?(?P<end>{_MONTH})"
    # (a year of weeks from the last days of a month counts from the next: "fiscal 2025 runs from Feb. 23, 2025")
    rf"|(?:fiscal|financial|business(?=\s+years?\b))(?:\s+years?)?(?:\s+(?:19|20)\d{{2}})?,?\s+(?:which\s+|that\s+)?(?:(?:runs?|running|ran)\s+from"
    # "For the first half of the financial year, which began in April, …"
    rf"|(?:began|begins|started|starts)(?:\s+(?:on|in))?)\s+"
    rf"(?:(?P<sday>[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?\s+)?(?P<start>{_MONTH})(?:\s+(?P<sday2>[12]\d|3[01]|0?[1-9])(?!\d))?"
    rf"|(?:twelve\s+months|12\s+months|the\s+year|full\s+year|fiscal\s+year|financial\s+year"
    rf"|(?:52|53|fifty-two|fifty-three)\s+weeks)\s+(?:(?:that|which)\s+)?(?:to|ended|ending)\s+(?:on\s+)?(?:the\s+end\s+of\s+|end-|end\s+)?"
    rf"(?:\d{{1,2}}(?:st|nd|rd|th)?\s+)?(?P<end2>{_MONTH})"
    # "its fiscal second quarter, the three months to July 31", "its fourth quarter, which ends on January 31"
    rf"|(?P<qn>first|second|third|fourth|1st|2nd|3rd|4th)\s+(?:fiscal\s+|financial\s+)?quarter,?\s+"
    rf"(?:the\s+three\s+months\s+|which\s+|that\s+)?(?:to|ends?|ended|ending|closes|closed)\s+(?:on\s+)?"
    rf"(?:\d{{1,2}}(?:st|nd|rd|th)?\s+)?(?P<qend>{_MONTH})"
    # "The fourth quarter, July to September, was the weakest", "the second quarter (May-July)": a quarter by its place
    # and, set off after it, its months
    rf"|(?P<qn3>first|second|third|fourth|1st|2nd|3rd|4th)\s+(?:fiscal\s+|financial\s+)?quarter\s*(?:,|\(|—|–)\s*"
    rf"(?:from\s+)?(?P<qstart3>{_MONTH})\s*(?:to|through|-|–)\s*(?P<qend3>{_MONTH})\b"
    # "the three months to March, the last quarter of its 2024-25 financial year", "the six months to 31 December,
    # the first half of FY24": a part of the fiscal year named by its months and, in apposition, by its place
    rf"|(?P<span>three|six|3|6)\s+months\s+(?:to|ended|ending|through)\s+(?:on\s+)?(?:\d{{1,2}}(?:st|nd|rd|th)?\s+)?"
    rf"(?P<pend>{_MONTH})(?:\s+\d{{1,2}})?,?(?:\s+(?:19|20)\d{{2}},?)?\s+(?:the|its|their)\s+"
    rf"(?:(?P<place>first|second|third|fourth|1st|2nd|3rd|4th|last|final)\s+(?P<part>quarter|half)\s+of\s+"
    rf"(?:(?:its|the|their)\s+(?:(?:19|20)\d{{2}}(?:[-/]\d{{2}}(?:\d{{2}})?)?\s+)?(?:fiscal|financial)\s+year|FY\s?{_YY})\b"
    # "in the three months to June, its financial year's third quarter"
    rf"|(?:fiscal|financial)\s+year['’]s\s+(?P<place2>first|second|third|fourth|1st|2nd|3rd|4th|last|final)\s+"
    rf"(?P<part2>quarter|half)\b)",
    re.IGNORECASE,
)
# "its March-quarter and full-year numbers", "results for the June quarter and the full year": the year that quarter
# closes, reported with it (searched apart, and only where "quarter and" is written: the scan above runs from the first
# fiscal word to the end of the copy)
_QUARTER_AND_YEAR = re.compile(rf"(?P<end>{_MONTH})[-\s]quarter\s+and\s+(?:the\s+)?(?:full|whole)[-\s]year\b",
                               re.IGNORECASE)
_QUARTER_NUMBER = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4}


_FISCAL_WORDS = ("iscal", "inancial", "usiness year", "year to", "year ended", "year ending", "months to", "months ended",
                 "months that ended", "year that ended",
                 "quarter, which", "quarter, the three", "quarter ended", "quarter ending", "quarter ends",
                 "weeks to", "weeks ended", "weeks ending")
# A fiscal year named together with its span: "its 2025 financial year, the twelve months from 1 February 2025
# to 31 January 2026", "fiscal 2026, which runs to the end of January 2027". Whether a year is named by the
# calendar year it ends in or the one it starts in is the company's convention, never to be guessed.
_DAY = r"(?:\d{1,2}(?:st|nd|rd|th)?\s+)?"
_FISCAL_NAMED = guarded(
    rf"(?:(?:fiscal|financial)\s+(?:year\s+)?(?P<n>(?:19|20)\d{{2}})|(?P<n2>(?:19|20)\d{{2}})\s+(?:fiscal|financial)\s+year)"
    rf",?\s+(?:the\s+(?:twelve\s+months|12\s+months|year|period)\s+)?(?:(?:which|that)\s+)?(?:"
    rf"(?:(?:runs?|ran|running)\s+)?from\s+{_DAY}(?P<from>{_MONTH})\s+(?P<y1>(?:19|20)\d{{2}})\s+(?:to|through|until|-|–)\s+"
    rf"{_DAY}{_MONTH}\s+(?P<y2>(?:19|20)\d{{2}})"
    rf"|(?:ends?|ended|ending|closes|closed|runs?\s+(?:to|through|until)|ran\s+(?:to|through|until))\s+(?:on\s+|in\s+)?"
    rf"(?:the\s+end\s+of\s+)?{_DAY}(?P<end>{_MONTH})(?:\s+\d{{1,2}},?)?\s+(?P<y3>(?:19|20)\d{{2}}))",
    re.IGNORECASE,
)


# a sentence that speaks of the fiscal year, named by no year of its own (not "its 2024 financial year, compared with
# €521.9 million in 2020", nor "calendar 2023")
# a year's accounts or results, named by the year: "2025 accounts", "its 2024 results", "the 2025 annual report"
# "the fiscal year that ends on Jan. 31": a year still running, whose end is ahead (not "ended", "ending")
# (not a calendar described: "whose financial year ends in March")
_ENDS_AHEAD = re.compile(r"\b(?:(?:that|which)\s+ends|will\s+end)\b", re.IGNORECASE)
_ACCOUNTS_AFTER = re.compile(r"(?:['’]s)?\s+(?:full[- ]year\s+|annual\s+)?(?:accounts|results|report|financial\s+statements)\b",
                             re.IGNORECASE)
_FISCAL_SENTENCE = re.compile(r"\b(?:the|its|their)\s+(?:(?:full|whole)\s+)?(?:fiscal|financial)\s+year\b"
                              r"(?![^.;]*\bcalendar\s+$)", re.IGNORECASE)


# what opens a sentence on a quarter of its own company's year: "The fourth quarter, July to September, was …", "In its
# second quarter (May–July), …"
_OPENS_ON_THE_QUARTER = re.compile(r"\s*(?:(?:In|For|During|Over)\s+)?(?:[Tt]he|[Ii]ts)\s+")


def _sentence_start(text: str, at: int) -> int:
    """Where the sentence holding `at` starts, looking back at most 300 characters."""
    floor = max(0, at - 300)
    return max(text.rfind(". ", floor, at) + 1, text.rfind("\n", floor, at) + 1, floor)


def fiscal_start_in(text: str) -> int | None:
    """The first month of the fiscal year the copy states ("the financial year runs from October to September",
    "the year ended 31 March", a fiscal quarter and the months it names: `_quarter_named_both_ways`), or None when
    it states none."""
    hits = [i for word in _FISCAL_WORDS if (i := text.find(word)) >= 0]
    if not hits:
        return _quarter_with_the_year(text) or (
            _quarter_named_both_ways(text) if "FY" in text or "fiscal" in text else None)  # the common case: no search
    deferred: int | None = None
    for m in _FISCAL_END.finditer(text, max(0, min(hits) - 40)):
        if m.group("start"):
            month = _month_num(m.group("start"))
            day = int(m.group("sday") or m.group("sday2") or 1)
            return month % 12 + 1 if day >= 22 else month
        if m.group("place") or m.group("place2"):  # a quarter or half by its months and its place: counted back to
            # the year's first
            if m.start() >= _lead_end(text):
                continue  # further down, a rival's half ("BHP reported … for the six months to 31 December, …")
            months = 3 if (m.group("part") or m.group("part2")).lower() == "quarter" else 6
            if months == 3 * (1 if m.group("span").lower() in ("three", "3") else 2):
                place = (m.group("place") or m.group("place2")).lower()
                number = (4 if months == 3 else 2) if place in ("last", "final") else _QUARTER_NUMBER[place]
                if number * months > 12:
                    continue  # "the third half": no part of a year
                first = (_month_num(m.group("pend")) - months * number) % 12 + 1
                if first != 1:
                    return first
            continue
        if m.group("qn3") and (m.start() >= _lead_end(text)
                               or (_month_num(m.group("qend3")) - _month_num(m.group("qstart3"))) % 12 != 2
                               or not _OPENS_ON_THE_QUARTER.fullmatch(text, _sentence_start(text, m.start()), m.start())):
            continue  # further down, or not what its sentence opens on, a rival's quarter ("Rival Deere has warned that
            # its fiscal fourth quarter, August to October, …"); months that are no quarter ("In the fourth quarter,
            # October to November trading was solid")
        if m.group("qn") or m.group("qn2") or m.group("qn3"):  # the quarter's last month, counted back to the year's
            # first
            number = _QUARTER_NUMBER[(m.group("qn") or m.group("qn2") or m.group("qn3")).lower()]
            first = (_month_num(m.group("qend") or m.group("qend2") or m.group("qend3")) - 3 * number) % 12 + 1
            if first != 1:
                return first
            continue
        month = _month_num(m.group("end") or m.group("end2"))
        if m.group("end2") and _TRAILING_MONTHS.match(text, m.start()) and m.start() >= _lead_end(text):
            # further down, twelve months may be something else's ("a brand it buys had revenue of ₹80 crore in the
            # twelve months to September"): only when the lead names no fiscal quarter both ways
            deferred = deferred or (month % 12 + 1 if month != 12 else None)
            continue
        if month != 12:
            return month % 12 + 1
    return _quarter_with_the_year(text) or _quarter_named_both_ways(text) or deferred


def _quarter_with_the_year(text: str) -> int | None:
    """The first month of the fiscal year whose last quarter the copy reports with it ("its March-quarter and
    full-year numbers": April), or None."""
    if "quarter and" not in text:
        return None
    m = _QUARTER_AND_YEAR.search(text)
    month = _month_num(m.group("end")) if m else 12
    return month % 12 + 1 if month != 12 else None


LEAD_CHARS = 2500  # the lead of a story, where it names the quarter it reports
# "the third quarter of FY26", "Q3 FY26", "its fiscal third quarter": a quarter of a fiscal year, by its place
_FISCAL_QUARTER = re.compile(
    rf"\b(?P<o>{_ORD}|(?i:last|final))\s+quarter\s+of\s+(?:(?:its|the|their)\s+)?(?:FY\s?{_YY}|(?i:fiscal|financial)\s+"
    rf"(?:year\s+)?(?:19|20)\d\d"
    # "the second quarter of the 2025-26 financial year"
    rf"|(?:19|20)\d\d[-/–](?:\d\d){{1,2}}\s+(?i:fiscal|financial)\s+year)\b|\bQ(?P<d>[1-4])\s?FY\s?{_YY}\b"
    rf"|\b(?:fiscal|financial|Fiscal|Financial)\s+(?P<o2>{_ORD})[\s-]+quarter\b")
# "the October-December quarter", "the December quarter", "the quarter ended March", "the three months to 31 March":
# a quarter by its months, of no fiscal year
_MONTHS_QUARTER = re.compile(
    rf"\b(?:{_MONTH}\s?[-–]\s?|{_MONTH}\s+to\s+)?(?P<end>{_MONTH})[-\s][Qq]uarter\b"
    rf"|\b(?:quarter|three\s+months)\s+(?:to|ended|ending|through)\s+(?:on\s+)?(?:{_DAY}(?P<end2>{_MONTH})\b"
    rf"|(?P<end3>{_MONTH})\s+\d{{1,2}}\b)")  # "the three months to September 30"


_STORY_OPENS = re.compile(r"\S")


def _lead_end(text: str) -> int:
    """Where the lead of the copy ends: LEAD_CHARS after its first word (a page's blanked furniture not counted)."""
    first = _STORY_OPENS.search(text)
    return (first.start() if first else 0) + LEAD_CHARS


def _quarter_named_both_ways(text: str) -> int | None:
    """The first month of the fiscal year, when the lead of the copy names a fiscal quarter by its place and a quarter
    by its months, the first of each being the quarter the story reports ("results for the October-December quarter
    … in the third quarter of FY26": the year opens in April); None when it does not, or the two say the calendar
    year."""
    lead = _lead_end(text)
    named = _FISCAL_QUARTER.search(text, 0, lead)  # the first: the quarter the story reports, in its lead
    months = _MONTHS_QUARTER.search(text, 0, lead)
    if named is None or months is None:
        return None
    ordinal = (named.group("o") or named.group("o2") or "").lower()
    place = (4 if ordinal in ("last", "final") else _QUARTER_NUMBER[ordinal]) if ordinal else int(named.group("d"))
    first = (_month_num(months.group("end") or months.group("end2") or months.group("end3")) - 3 * place) % 12 + 1
    return first if first != 1 else None


_CALENDAR_PART = re.compile(r"quarter|weeks|year", re.IGNORECASE)
_ENDED_ON = re.compile(r"\b(?:ended|to)\b", re.IGNORECASE)  # a span over, by its end (not "which ends on April 27")
_WEEKS_FROM = re.compile(r"\b(?:12|13|14|16|24|26|28|36|39|40|52|53|twelve|thirteen|fourteen|sixteen|twenty-six|fifty-two"
                         r"|fifty-three)[ -]weeks?"
                         r"[ \t]+(?:from|between)[ \t]+", re.IGNORECASE)


def week_end_in(text: str, published: dt.date | None, settings: DateSettings) -> dt.date | None:
    """The day the first quarter, half or year the copy's lead states by its end ended (by publication), when that is no
    month's last day ("Net sales for the quarter ended Oct. 27", "the 53 weeks ended 2 March 2025"): a calendar of
    whole weeks."""
    end = min(len(text), _lead_end(text))
    for p in find_periods(text, published, settings, 0, end):
        period = p.period
        if period.resolved and period.start and period.end and (period.end - period.start).days >= 80 \
                and (published is None or period.end <= published) \
                and period.granularity in ("quarter", "half", "fiscal_year") \
                and period.end != _month_end(period.end.year, period.end.month) and period.start.day != 1 \
                and _CALENDAR_PART.search(text, p.start, p.end) and _ENDED_ON.search(text, p.start, p.end):
            # (not "the six months to 2 December" of a share price)
            return period.end
    weeks = _WEEKS_FROM.search(text, 0, end)
    if weeks is not None:  # "covers the 13 weeks from Aug. 3 to Nov. 1, 2025": a span of weeks by its two days
        days = [p.period for p in find_periods(text, published, settings, weeks.end(), min(end, weeks.end() + 40))
                if p.period.granularity == "day"]
        if len(days) >= 2 and days[1].end and days[1].end != _month_end(days[1].end.year, days[1].end.month) \
                and (published is None or days[1].end <= published):
            return days[1].end
    return None


def on_week_calendar(period: Period, settings: DateSettings) -> Period:
    """`period`, a quarter, half or year of the company's calendar counted in months, moved onto its weeks: each end to
    the day of the weekday `settings.week_end` fell on, the last in its month when that day was in the month's last
    week ("fiscal 2024" of a company whose quarter ended Oct. 27, 2024: October 30, 2023 to October 27, 2024), else the
    nearest ("2 March"); anything else as it is."""
    anchor = settings.week_end
    if anchor is None or not period.resolved or period.start is None or period.end is None \
            or period.granularity not in ("quarter", "half", "fiscal_year", "year") or period.start.day != 1 \
            or period.end != _month_end(period.end.year, period.end.month) \
            or (period.start.month - settings.fiscal_year_start) % 3 != 0:
        return period

    last_of_month = anchor.day > 7  # "ended Oct. 27": the last Sunday of the month; "2 March": the nearest to its end

    def nearest(day: dt.date) -> dt.date:
        shift = (day - anchor).days % 7
        return day - dt.timedelta(days=shift) if shift <= 3 or last_of_month else day + dt.timedelta(days=7 - shift)

    start = nearest(period.start - dt.timedelta(days=1)) + dt.timedelta(days=1)
    return Period.model_construct(start=start, end=nearest(period.end), text=period.text, granularity=period.granularity)


def fiscal_naming_in(text: str) -> tuple[int, int] | None:
    """The fiscal year the copy names together with its span, as (its first month, how many years after its
    name the year ends: 0 for "fiscal 2025, which ended in January 2025", 1 for "fiscal 2025, the year from
    February 2025 to January 2026"); None when the copy names none that way."""
    if "iscal" not in text and "inancial" not in text:
        return None
    for m in _FISCAL_NAMED.finditer(text):
        named = int(m.group("n") or m.group("n2"))
        if m.group("from"):
            first, ends = _month_num(m.group("from")), int(m.group("y2"))
            if int(m.group("y1")) != (ends if first == 1 else ends - 1):
                continue  # not a year's span
        else:
            first, ends = _month_num(m.group("end")) % 12 + 1, int(m.group("y3"))
        if first != 1 and ends - named in (0, 1):
            return first, ends - named
    return None


def fiscal_year(year: int, start_month: int) -> tuple[dt.date, dt.date]:
    """The fiscal year named `year` ends in calendar year `year`."""
    if start_month == 1:
        return dt.date(year, 1, 1), dt.date(year, 12, 31)
    return dt.date(year - 1, start_month, 1), _month_end(year, start_month - 1)


@lru_cache(maxsize=4096)
def _parse_numeric(raw: str, order: str) -> dt.date | None:
    """Numeric dates like 03/04/2025 mean different days by convention: dateparser reads them in the
    configured order. Only called on what the grammar already found; cached."""
    import dateparser  # deferred: costs start-up time and is rarely needed

    parsed = dateparser.parse(
        raw, languages=["en"], settings={"DATE_ORDER": order, "PREFER_DAY_OF_MONTH": "first"}
    )
    return parsed.date() if parsed else None


class _Resolver:
    """Turns one match into a period, given the publication date (None: relative stays unresolved)."""

    HANDLERS: ClassVar[list[tuple[str, Callable[["_Resolver", re.Match[str], str], Period | None]]]] = []  # set below

    def __init__(self, published: dt.date | None, settings: DateSettings) -> None:
        self.p = published
        self.settings = settings
        self.context_year: int | None = None
        self.context_fiscal: int | None = None  # the fiscal year the sentence named, for its yearless halves
        self.context_from: dt.date | None = None  # where the fiscal period that set `context_year` starts
        self.first_part: Period | None = None  # the first half or quarter the sentence named, for "in the second"
        self.named_part: tuple[Period, int] | None = None  # the last part named by its place, for "in the third"

    def resolve(self, m: re.Match[str]) -> Period | None:
        """The period of the branch that matched (the handlers read the groups of `m` by name: the grammar has
        too many groups for a `groupdict()` per match)."""
        text = m.group(0)
        for key, handler in _Resolver.HANDLERS:
            if m[key] is not None:
                return handler(self, m, text)
        return None

    # -- helpers
    def _period(self, start: dt.date | None, end: dt.date | None, text: str, gran: str) -> Period:
        # model_construct: the grammar only ever builds valid periods, and this runs for every date found
        return Period.model_construct(start=start, end=end, text=text, granularity=gran)

    def _unresolved(self, text: str, gran: str) -> Period:
        return self._period(None, None, text, gran)

    def _year_or_p(self, raw: str | None) -> int | None:
        if raw:
            return _year(raw)
        return self.p.year if self.p else None

    def _recent(self, start_month: int, year: int | None) -> int | None:
        """The year of a yearless period: the year named earlier in the sentence, else the most recent one
        that has begun by publication."""
        if year is not None or self.p is None:
            return year
        if self.context_from is not None:  # a fiscal year's part: the year that part of it falls in
            start = self.context_from
            opens = self.settings.fiscal_year_start  # the fiscal year opens in that month of this year
            year = start.year if start.month >= opens else start.year - 1
            return year if start_month >= opens else year + 1
        if self.context_year is not None:
            return self.context_year
        return self.p.year if (self.p.month, 1) >= (start_month, 1) else self.p.year - 1

    # -- periods that end at a date: "the three months to September", "the fiscal year ended March 31, 2025"
    def _span_to(self, g: re.Match[str], text: str) -> Period | None:
        raw_month = g["to_m1"] or g["to_m2"] or g["to_m3"]
        raw_day = g["to_d1"] or g["to_d2"]
        raw_year = g["to_y1"] or g["to_y2"] or g["to_y3"]
        month = _month_num(raw_month)
        if g["span_w"]:
            return self._weeks_to(g, text, month, raw_day, raw_year)
        n = (g["span_n"] or "").lower()
        unit = " ".join((g["span_unit"] or "").lower().split())
        months = int(n) if n.isdigit() else {"three": 3, "six": 6, "nine": 9, "twelve": 12, "thirteen": 13,
                                             "eighteen": 18}.get(n, 12)
        if not 1 <= months <= 24:
            return None
        if unit == "quarter":
            months = 3
        elif unit.startswith("half"):
            months = 6
        year = int(raw_year) if raw_year else None
        if year is None:
            if self.p is None:
                return self._unresolved(text, "fiscal_year" if months == 12 else "quarter")
            year = self.p.year if (month, int(raw_day or 0)) <= (self.p.month, self.p.day) else self.p.year - 1
            if _ENDS_AHEAD.search(text) and (month, int(raw_day or 31)) < (self.p.month, self.p.day):
                year += 1  # "for the fiscal year that ends on Jan. 31", said in September: next January's
        try:
            end = dt.date(year, month, int(raw_day)) if raw_day else _month_end(year, month)
        except ValueError:
            return None
        if raw_day and (end.day <= 7 or calendar.monthrange(end.year, end.month)[1] - 7 < end.day
                        < calendar.monthrange(end.year, end.month)[1]):
            # "the three months ended May 3": a calendar of whole weeks (a retailer's 13-week quarter) that ends just
            # after a month's end, not March to May 3; "the quarter ended April 27" stays February to April 27
            first = end - dt.timedelta(weeks=months * 13 // 3) + dt.timedelta(days=1) if months in (3, 6, 9, 12) \
                else _add_months(end, -months) + dt.timedelta(days=1)
        else:
            first = _add_months(dt.date(end.year, end.month, 1), 1 - months)
        gran = {3: "quarter", 6: "half"}.get(months, "year" if (months == 12 and month == 12) else
                                             "fiscal_year" if months == 12 else "approximate")
        return self._period(first, end, text, gran)

    def _weeks_to(self, g: re.Match[str], text: str, month: int, raw_day: str | None, raw_year: str | None) -> Period | None:
        """"the 13 weeks to January 26", "the 52 weeks that ended on January 26": a retailer's or chipmaker's
        quarter or year of whole weeks, to the day (without a day, the months it covers)."""
        weeks = _WEEKS[g["span_w"].lower()]
        months = round(weeks * 12 / 52)
        gran = "quarter" if weeks <= 16 else "half" if weeks <= 28 else "fiscal_year" if weeks >= 52 else "approximate"
        year = int(raw_year) if raw_year else None
        if year is None:
            if self.p is None:
                return self._unresolved(text, gran)
            year = self.p.year if (month, int(raw_day or 0)) <= (self.p.month, self.p.day) else self.p.year - 1
            if _ENDS_AHEAD.search(text) and (month, int(raw_day or 31)) < (self.p.month, self.p.day):
                year += 1  # "for the fiscal year that ends on Jan. 31", said in September: next January's
        try:
            end = dt.date(year, month, int(raw_day)) if raw_day else _month_end(year, month)
        except ValueError:
            return None
        first = end - dt.timedelta(days=7 * weeks - 1) if raw_day else _add_months(dt.date(year, month, 1), 1 - months)
        return self._period(first, end, text, gran)

    def _month_rel(self, g: re.Match[str], text: str) -> Period:
        """"February last year"."""
        if self.p is None:
            return self._unresolved(text, "month")
        year = self.p.year + {"last": -1, "this": 0, "next": 1}[g["mrel_which"].lower()]
        return self._month(year, g["mrel_m"], text)

    def _part_of_year(self, g: re.Match[str], text: str) -> Period | None:
        """"The last three months of the year": the year named ("of 2024", "of last year"), else the most recent
        one begun."""
        months = _FEW_MONTHS[g["part_n"].lower()]
        year = int(g["part_y"]) if g["part_y"] else None
        first_month = 1 if g["part_which"].lower() == "first" else 13 - months
        if g["part_rel"]:  # "the first three months of last year"
            if self.p is None:
                return self._unresolved(text, "quarter")
            year = self.p.year + {"last": -1, "this": 0, "next": 1}[g["part_rel"].lower()]
        if year is None:
            if self.p is None:
                return self._unresolved(text, "quarter")
            year = self._recent(first_month, None)
            assert year is not None
        start = dt.date(year, first_month, 1)
        end = _month_end(year, first_month + months - 1)
        return self._period(start, end, text, {3: "quarter", 6: "half"}.get(months, "approximate"))

    def _first_months(self, g: re.Match[str], text: str) -> Period:
        """"The first nine months" ("over nine months", "in the six months", "for the half-year", "for the half"), with no year: of the (fiscal) year
        the sentence named, else of the most recent one begun by publication ("For the first nine months, orders
        came to …" in October); "nine-month profit" and "in the six months", of the most recent such months over by
        publication."""
        months = 6 if g["over_half"] else _FEW_MONTHS[(g["first_n"] or g["ytd_n"] or g["over_n"] or g["after_n"]).lower()]
        gran = {3: "quarter", 6: "half"}.get(months, "approximate")
        if g["over_half"] and self.p is not None and self.context_year is None and self.context_fiscal is None:
            return self._half_just_ended(text)
        year = self._yearless_part(1, 12, text)
        if year is None:
            return self._unresolved(text, gran)
        fiscal = bool(g["first_fy"]) or self._fiscal_quarters(text)  # ("the first nine months of the financial year")
        first = self._named_fiscal_year(year)[0] if fiscal else dt.date(year, 1, 1)
        if (g["ytd_n"] or g["over_n"] or g["after_n"] or g["over_half"]) and self.p is not None \
                and _add_months(first, months) > self.p:
            # "a record nine-month profit", said in February: a stretch already reported, the year before's
            first = _add_months(first, -12)
        return self._nth_part(first, 1, months, text, gran)

    def _half_just_ended(self, text: str) -> Period:
        """"For the half", "in the half-year", with no year named: the half of the (fiscal) year that ended last by
        publication, the one a results story reports ("Net profit after tax for the half", said in February of a
        company whose year runs to June: July to December; said in July of a calendar year's: January to June)."""
        assert self.p is not None
        opens = self.settings.fiscal_year_start if self.settings.quarters_fiscal else 1
        first = dt.date(self.p.year, (opens - 1) % 6 + 1, 1)  # the first half-year boundary in publication's year
        while _add_months(first, 6) <= self.p:
            first = _add_months(first, 6)
        while _add_months(first, 6) > self.p:  # the latest half over by publication (ended the day before it at most)
            first = _add_months(first, -6)
        return self._nth_part(first, 1, 6, text, "half")

    def _ellipsis(self, g: re.Match[str], text: str) -> Period | None:
        """"€2,891m in the first half and €3,025m in the second": the part after the first one the sentence named
        (a half after a half, a quarter after a quarter; "the last six" only after six months); "SEK 716 million in
        the fourth quarter from SEK 1,078 million in the third": an earlier quarter of the year of the quarter named."""
        word = g["ell"].lower()
        if word in ("first", "third"):
            if self.named_part is None:
                return None
            part, k = self.named_part
            n = 1 if word == "first" else 3
            if n == k or part.start is None or part.granularity != "quarter":
                return None  # (a half's "for the first" is left to the figure's own words: "a full-year total")
            # (after the first, "in the third" too: "€167 million in the first quarter, €171 million in the second and
            # €191 million in the third")
            return self._nth_part(_add_months(part.start, -3 * (k - 1)), n, 3, text, "quarter")
        first = self.first_part
        if first is None or first.end is None:
            return None
        months = 6 if first.granularity == "half" else 3
        if g["ell"].lower() != "second" and months != 6:
            return None  # "the latter", "the last six": halves only
        return self._nth_part(first.end + dt.timedelta(days=1), 1, months, text, first.granularity)

    def _from_to(self, g: re.Match[str], text: str) -> Period:
        start = dt.date(int(g["fr_y1"]), _month_num(g["fr_m1"]), 1)
        end = _month_end(int(g["fr_y2"]), _month_num(g["fr_m2"]))
        return self._period(start, max(start, end), text, "approximate")

    def _month_range(self, g: re.Match[str], text: str) -> Period | None:
        """"The April-June period", "in April and May", "between July and September", "the January-March quarter
        of 2024" (months named: the calendar's, whatever the company's year): the months between."""
        k = "mr_" if g["mr_a"] else "mr2_"
        a, b = _month_num(g[k + "a"]), _month_num(g[k + "b"])
        written = g[k + "y"] or (g["mr_qy"] if k == "mr_" else None)  # "the January-March quarter of 2024"
        year = self._recent(a, int(written) if written else None)
        if year is None:
            return self._unresolved(text, "approximate")
        end_year = year if b >= a else year + 1
        months = (end_year * 12 + b) - (year * 12 + a) + 1
        # "January to December" is a year, "July to December" a half: named without a year, the latest one over
        # by publication is meant, as of a yearless quarter (`yearless`)
        granularity = {3: "quarter", 6: "half", 12: "year" if a == 1 else "fiscal_year"}.get(months, "approximate")
        return self._period(dt.date(year, a, 1), _month_end(end_year, b), text, granularity)

    def _month_quarter(self, g: re.Match[str], text: str) -> Period | None:
        """"The June quarter": the three months ending in June; "the December half", as Australian copy writes it, the
        six months ending in December (the most recent begun by publication)."""
        month = _month_num(g["mq_m"])
        months, granularity = (6, "half") if g["mq_half"] else (3, "quarter")
        start_month = (month - months) % 12 + 1
        year = int(g["mq_y"]) if g["mq_y"] else None
        if g["mq_fy"]:  # "the December quarter of FY25": the one inside that fiscal year
            first, _ = self._named_fiscal_year(_year(g["mq_fy"]))
            year = first.year if month >= first.month else first.year + 1
        if year is None:
            if self.p is None:
                return self._unresolved(text, granularity)
            start_year = self._recent(start_month, None)  # the most recent begun by publication, as of a yearless
            # quarter: "the December half" of guidance given in October is this one
            assert start_year is not None
            year = start_year if start_month <= month else start_year + 1
        end = _month_end(year, month)
        return self._period(_add_months(dt.date(year, month, 1), 1 - months), end, text, granularity)

    def _split_year(self, first: str, end: str) -> tuple[dt.date, dt.date] | None:
        """The days of "2023-24": the fiscal year that ends in 2024 (a calendar year never spans two), by the
        document's calendar, else by the country's (`DateSettings.split_year_start`)."""
        year = int(first)
        if int(end) != (year + 1) % 100:
            return None
        start_month = self.settings.fiscal_year_start if self.settings.fiscal_year_start != 1 \
            else self.settings.split_year_start
        return fiscal_year(year + 1, start_month)

    def _fiscal_span(self, g: re.Match[str], text: str) -> Period | None:
        days = self._split_year(g["fys"], g["fys_end"])
        return None if days is None else self._period(*days, text, "fiscal_year")

    def _split_part(self, first: str, end: str | None, n: int, months: int, text: str, gran: str) -> Period | None:
        """"the fourth quarter of 2024-25", "H1 2025-26": the part of that fiscal year (`_split_year`)."""
        days = self._split_year(first, end) if end else None
        return None if days is None else self._nth_part(days[0], n, months, text, gran)

    def _nth_part(self, year_start: dt.date, n: int, months: int, text: str, gran: str) -> Period:
        """The `n`th stretch of `months` months of the year that opens on `year_start` (fiscal or calendar)."""
        first = _add_months(year_start, months * (n - 1))
        last = _add_months(first, months - 1)
        return self._period(first, _month_end(last.year, last.month), text, gran)

    def _fyw2(self, g: re.Match[str], text: str) -> Period:
        return self._fiscal(int(g["fyw2"]), text)

    # -- explicit
    def _iso(self, g: re.Match[str], text: str) -> Period | None:
        try:
            day = dt.date.fromisoformat(g["iso"])
        except ValueError:
            return None
        return self._period(day, day, text, "day")

    def _slash(self, g: re.Match[str], text: str) -> Period | None:
        day = _parse_numeric(g["slash"], self.settings.date_order)
        return self._period(day, day, text, "day") if day else None

    def _day(self, year: int | None, month: str, day: str, text: str) -> Period | None:
        if year is None:
            return self._unresolved(text, "day")
        try:
            d = dt.date(year, _month_num(month), int(day))
        except ValueError:
            return None
        return self._period(d, d, text, "day")

    def _dmy(self, g: re.Match[str], text: str) -> Period | None:
        return self._day(self._year_or_p(g["dmy_y"]), g["dmy_m"], g["dmy_d"], text)

    def _mdy(self, g: re.Match[str], text: str) -> Period | None:
        return self._day(self._year_or_p(g["mdy_y"]), g["mdy_m"], g["mdy_d"], text)

    def _month(self, year: int | None, month: str, text: str) -> Period:
        if year is None:
            return self._unresolved(text, "month")
        n = _month_num(month)
        return self._period(dt.date(year, n, 1), _month_end(year, n), text, "month")

    def _my(self, g: re.Match[str], text: str) -> Period:
        return self._month(_year(g["my_y"]), g["my_m"], text)

    def _month_only(self, g: re.Match[str], text: str) -> Period:
        """"In October": the most recent October (a plan or target moves it ahead, see assemble)."""
        lead = (g["m_lead"] or "").lower()
        month = _month_num(g["m_only"])
        if self.p is None:
            return self._month(None, g["m_only"], g["m_only"])
        if lead == "last":  # "pledged last December", said in September: the December before
            return self._month(self.p.year - (month >= self.p.month), g["m_only"], f"last {g['m_only']}")
        if lead == "next":
            return self._month(self.p.year + (month <= self.p.month), g["m_only"], f"next {g['m_only']}")
        return self._month(self._recent(month, None), g["m_only"], g["m_only"])

    def _fiscal_quarters(self, text: str) -> bool:
        """Quarters named as fiscal ("fiscal Q3", "Q3 FY24"), or yearless ones in a story on a fiscal calendar."""
        if self.settings.fiscal_year_start == 1:
            return False
        return bool(_FISCAL_WORD.search(text)) or (
            self.settings.quarters_fiscal and not _HAS_YEAR.search(text))

    def _quarter_period(self, year: int | None, q: int, text: str) -> Period:
        return self._part_period(year, q, 3, text, "quarter")

    def _part_period(self, year: int | None, n: int, months: int, text: str, gran: str) -> Period:
        """The `n`th quarter (`months` 3) or half (6) of `year`: of its fiscal year when the copy names it so or
        the story is on a fiscal calendar ("Q3 FY2024" under an April fiscal year is October to December 2023;
        "the first half" of a year to June is July to December), else of the calendar year."""
        if year is None:
            return self._unresolved(text, gran)
        start = self._named_fiscal_year(year)[0] if self._fiscal_quarters(text) else dt.date(year, 1, 1)
        return self._nth_part(start, n, months, text, gran)

    def _yearless_quarter(self, q: int, text: str) -> int | None:
        return self._yearless_part(q, 3, text)

    def _yearless_part(self, n: int, months: int, text: str) -> int | None:
        """The year of "the third quarter" or "the first half": the most recent one begun by publication (fiscal
        if so named, or in a story on a fiscal calendar), unless the sentence named the year before it."""
        if self.p is None:
            return None
        if not self._fiscal_quarters(text):
            return self._recent(months * (n - 1) + 1, None)
        if self.context_fiscal is not None:
            return self.context_fiscal  # "for the year to June … of which … in the first half": that year's
        for year in (self.p.year + 1, self.p.year, self.p.year - 1):
            first = _add_months(self._named_fiscal_year(year)[0], months * (n - 1))
            if first <= self.p:
                return year
        return self.p.year - 1

    def _qord(self, g: re.Match[str], text: str) -> Period:
        q = ORDINALS[g["qord"].lower()]
        year: int | None
        if g["qord_y"] and (split := self._split_part(g["qord_y"], g["qord_ye"], q, 3, text, "quarter")):
            return split
        if g["qord_y"] or g["qord_fy"]:
            year = _year(g["qord_y"] or g["qord_fy"])
        elif g["qord_rel"]:
            if self.p is None:
                return self._unresolved(text, "quarter")
            year = self.p.year + {"last": -1, "this": 0, "next": 1}[g["qord_rel"].lower()]
        else:
            year = self._yearless_quarter(q, text)
        return self._quarter_period(year, q, text)

    def _qn(self, g: re.Match[str], text: str) -> Period:
        q = int(g["qn"])
        if g["qn_y"] and (split := self._split_part(g["qn_y"], g["qn_ye"], q, 3, text, "quarter")):
            return split
        year = _year(g["qn_y"]) if g["qn_y"] else self._yearless_quarter(q, text)
        return self._quarter_period(year, q, text)

    def _compact_part(self, g: re.Match[str], text: str) -> Period | None:
        """"3QCY24", "1HFY25" (or "1H FY2025"), "9MCY24", "9M24", as Pakistani, Indian and Japanese brokers write them: the third quarter of
        calendar 2024, the first half of fiscal 2025 (by the copy's calendar), the first nine months of 2024."""
        n, unit = int(g["cp_n"] or g["cm_n"]), g["cp_u"] or "M"
        months = {"Q": 3, "H": 6, "M": 1}[unit]
        if unit != "M" and n * months > 12 or unit == "M" and n > 11:
            return None  # "5Q24", "3H24": no such part
        year = _year(g["cp_y"] or g["cm_y"])
        first = self._named_fiscal_year(year)[0] if g["cp_cal"] == "FY" else dt.date(year, 1, 1)
        if unit == "M":
            gran = {3: "quarter", 6: "half"}.get(n, "approximate")
            return self._nth_part(first, 1, n, text, gran)
        return self._nth_part(first, n, months, text, "quarter" if unit == "Q" else "half")

    def _nq(self, g: re.Match[str], text: str) -> Period:
        return self._quarter_period(_year(g["nq_y"]), int(g["nq"]), text)

    def _half_period(self, year: int | None, h: int, text: str) -> Period:
        return self._part_period(year, h, 6, text, "half")

    def _hord(self, g: re.Match[str], text: str) -> Period:
        h = ORDINALS[g["hord"].lower()]
        if g["hord_y"] and (split := self._split_part(g["hord_y"], g["hord_ye"], h, 6, text, "half")):
            return split
        if g["hord_rel"]:
            if self.p is None:
                return self._unresolved(text, "half")
            return self._half_period(self.p.year + {"last": -1, "this": 0, "next": 1}[g["hord_rel"].lower()], h, text)
        return self._half_period(_year(g["hord_y"]) if g["hord_y"] else self._yearless_part(h, 6, text), h, text)

    def _hn(self, g: re.Match[str], text: str) -> Period:
        h = int(g["hn"])
        if g["hn_y"] and (split := self._split_part(g["hn_y"], g["hn_ye"], h, 6, text, "half")):
            return split
        return self._half_period(_year(g["hn_y"]) if g["hn_y"] else self._yearless_part(h, 6, text), h, text)

    def _nh(self, g: re.Match[str], text: str) -> Period:
        """"1H26", "2H25": a half named by its year; in copy that states a fiscal year not opening in January and names
        its years "FY26" (`DateSettings.halves_fiscal`), a half of that fiscal year ("British Land's financial year ends
        on 31 March, so FY26 is … 1H26": April to September 2025), as "1HFY26" would say."""
        year, h = _year(g["nh_y"]), int(g["nh"])
        if self.settings.halves_fiscal and self.settings.fiscal_year_start != 1:
            return self._nth_part(self._named_fiscal_year(year)[0], h, 6, text, "half")
        return self._half_period(year, h, text)

    def _nt(self, g: re.Match[str], text: str) -> Period:
        """"3T25", "4T25": a quarter as Spanish and Portuguese copy writes it (trimestre)."""
        return self._quarter_period(_year(g["nt_y"]), int(g["nt"]), text)

    def _ns(self, g: re.Match[str], text: str) -> Period:
        """"1S24", "2S25": a half as Spanish and Portuguese copy writes it (semestre)."""
        return self._half_period(_year(g["ns_y"]), int(g["ns"]), text)

    def fiscal_name(self, first: dt.date) -> int | None:
        """The name the copy gives the fiscal year that opens on `first` (its calendar and naming)."""
        return next((y for y in (first.year, first.year + 1, first.year - 1) if self._named_fiscal_year(y)[0] == first),
                    None)

    def _named_fiscal_year(self, year: int) -> tuple[dt.date, dt.date]:
        """The days of the fiscal year the copy calls `year`, by the document's calendar and naming."""
        return fiscal_year(year + self.settings.fiscal_year_offset, self.settings.fiscal_year_start)

    def _fiscal(self, year: int, text: str) -> Period:
        return self._period(*self._named_fiscal_year(year), text, "fiscal_year")

    def _fy(self, g: re.Match[str], text: str) -> Period:
        days = self._split_year(g["fy"], g["fy_ye"]) if g["fy_ye"] else None  # "FY2024-25"
        return self._period(*days, text, "fiscal_year") if days else self._fiscal(_year(g["fy"]), text)

    def _fy_month(self, g: re.Match[str], text: str) -> Period:
        """"FY3/26", "FY2026/3": as Japanese companies write it, the fiscal year that ends in that month."""
        year, month = _year(g["fym_y"] or g["fym_y2"]), int(g["fym_m"] or g["fym_m2"])
        end = _month_end(year, month)
        start = _add_months(dt.date(year, month, 1), -11)
        return self._period(start, end, text, "fiscal_year")

    def _part_of_fy_month(self, g: re.Match[str], text: str) -> Period:
        """"1Q FY3/26", "H1 FY3/26": a quarter or half of the fiscal year that ends in that month, as Japanese companies
        name them."""
        year, month = _year(g["pfm_y"]), int(g["pfm_m"])
        start = _add_months(dt.date(year, month, 1), -11)
        quarter = g["pfm_q"] or g["pfm_q2"]
        if quarter:
            return self._nth_part(start, int(quarter), 3, text, "quarter")
        return self._nth_part(start, int(g["pfm_h"] or g["pfm_h2"]), 6, text, "half")

    def _fyw(self, g: re.Match[str], text: str) -> Period:
        days = self._split_year(g["fyw"], g["fyw_ye"]) if g["fyw_ye"] else None  # "the financial year 2024-25"
        return self._period(*days, text, "fiscal_year") if days else self._fiscal(int(g["fyw"]), text)

    def _year_only(self, g: re.Match[str], text: str) -> Period:
        y = int(g["year"])
        if self.settings.fiscal_year_start != 1 and (_FISCAL_SENTENCE.search(
                g.string, _sentence_start(g.string, g.start()), g.start()) or _ACCOUNTS_AFTER.match(g.string, g.end())):
            # (and "Northern Star Resources' 2025 accounts", "its 2025 results": the accounts of the company's year)
            # "For the full fiscal year, net income rose 65% to C$7,327 million from C$4,437 million in 2023", in copy
            # whose fiscal year ends in October: that year is the fiscal year, not the calendar's
            return self._fiscal(y, text)
        return self._period(dt.date(y, 1, 1), dt.date(y, 12, 31), text, "year")

    # -- relative
    def _today(self, g: re.Match[str], text: str) -> Period:
        return self._period(self.p, self.p, text, "day") if self.p else self._unresolved(text, "day")

    def _dayrel(self, g: re.Match[str], text: str) -> Period:
        if not self.p:
            return self._unresolved(text, "day")
        day = self.p + dt.timedelta(days=-1 if g["dayrel"].lower() == "yesterday" else 1)
        return self._period(day, day, text, "day")

    def _just_ended(self, g: re.Match[str], text: str) -> Period | None:
        """"the year just ended", "the fiscal quarter that has just ended": the last one, as "the previous year"."""
        unit = g["just_unit"].lower()  # a year as "the previous year" reads it; a quarter as "last quarter"
        return self._relative(unit, "the previous" if unit == "year" else "last", bool(g["just_fiscal"]), text)

    def _rel(self, g: re.Match[str], text: str) -> Period | None:
        return self._relative(g["rel_unit"].lower(), g["rel_which"].lower(), bool(g["rel_fiscal"]), text)

    def _relative(self, unit: str, which: str, fiscal: bool, text: str) -> Period | None:
        if not self.p:
            return self._unresolved(text, unit)
        p = self.p
        if which == "past":  # "the past year": the twelve months up to publication, not last calendar year
            months = {"week": 0, "month": 1, "quarter": 3, "year": 12}[unit]
            start = p - dt.timedelta(days=7) if unit == "week" else _add_months(p, -months)
            return self._period(start, p, text, "approximate")
        which = " ".join(which.split())
        if which in ("the previous", "the prior") and unit != "year":
            return None  # "the previous quarter" is relative to the figure compared with, not to publication
        shift = {"this": 0, "last": -1, "next": 1, "the current": 0, "the coming": 1, "the previous": -1,
                 "the prior": -1}[which]
        if unit == "year" and (fiscal or (which.startswith("the ") and self.settings.quarters_fiscal)) \
                and self.settings.fiscal_year_start != 1:
            # "the current fiscal year"; "the current year" in a story on a fiscal calendar ("last year" stays
            # the calendar year: a round-up may state one company's calendar and speak of another)
            start_month = self.settings.fiscal_year_start
            year = p.year + 1 if p.month >= start_month else p.year
            return self._period(*fiscal_year(year + shift, start_month), text, "fiscal_year")
        if unit == "week":
            monday = p - dt.timedelta(days=p.weekday()) + dt.timedelta(weeks=shift)
            return self._period(monday, monday + dt.timedelta(days=6), text, "week")
        if unit == "month":
            first = _add_months(p.replace(day=1), shift)
            return self._period(first, _month_end(first.year, first.month), text, "month")
        if unit == "quarter":  # by the company's quarters when the story is on a fiscal calendar
            start_month = self.settings.fiscal_year_start if self.settings.quarters_fiscal else 1
            first = _add_months(p.replace(day=1), -((p.month - start_month) % 3) + 3 * shift)
            last = _add_months(first, 2)
            return self._period(first, _month_end(last.year, last.month), text, "quarter")
        y = p.year + shift
        return self._period(dt.date(y, 1, 1), dt.date(y, 12, 31), text, "year")

    def _ytd(self, g: re.Match[str], text: str) -> Period:
        if not self.p:
            return self._unresolved(text, "year_to_date")
        return self._period(dt.date(self.p.year, 1, 1), self.p, text, "year_to_date")

    def _rest(self, g: re.Match[str], text: str) -> Period:
        if not self.p:
            return self._unresolved(text, "rest_of_year")
        return self._period(self.p, dt.date(self.p.year, 12, 31), text, "rest_of_year")

    def _eoy(self, g: re.Match[str], text: str) -> Period:
        """A deadline: from publication to the end of the (named) year."""
        if g["eoy_y"] or g["eoy_by"]:  # "by the end of 2030", "by 2030": a deadline
            year = int(g["eoy_y"] or g["eoy_by"])
            start = self.p if self.p and self.p.year <= year else dt.date(year, 1, 1)
            return self._period(start, dt.date(year, 12, 31), text, "deadline")
        if not self.p:
            return self._unresolved(text, "deadline")
        return self._period(self.p, dt.date(self.p.year, 12, 31), text, "deadline")

    def _season(self, g: re.Match[str], text: str) -> Period:
        if not self.p:
            return self._unresolved(text, "season")
        name = g["season"].lower()
        which = g["season_which"].lower()
        first = SEASONS[name]
        year = self.p.year
        if name == "winter" and self.p.month <= 2:
            year -= 1  # January's "this winter" began in December
        if which.endswith("the"):  # "over the summer": the most recent one begun by publication
            shift = -1 if dt.date(year, first, 1) > self.p else 0
        else:
            shift = {"this": 0, "last": -1, "next": 1}[which]
        year += shift
        start = dt.date(year, first, 1)
        end_anchor = _add_months(start, 2)
        return self._period(start, _month_end(end_anchor.year, end_anchor.month), text, "season")

    def _ago(self, g: re.Match[str], text: str) -> Period:
        raw = g["ago_n"].lower()
        n = int(raw) if raw.isdigit() else SMALL_NUMBERS[raw]
        unit = g["ago_unit"].lower()
        if not self.p:
            return self._unresolved(text, "day" if unit == "day" else "approximate")
        if unit == "day":
            day = self.p - dt.timedelta(days=n)
            return self._period(day, day, text, "day")
        if unit == "week":
            mid = self.p - dt.timedelta(weeks=n)
            return self._period(mid - dt.timedelta(days=3), mid + dt.timedelta(days=3), text, "approximate")
        if unit == "month":
            mid = _add_months(self.p, -n)
            return self._period(mid - dt.timedelta(days=15), mid + dt.timedelta(days=15), text, "approximate")
        mid = _add_months(self.p, -12 * n)
        return self._period(_add_months(mid, -3), _add_months(mid, 3), text, "approximate")

    def _weekday(self, g: re.Match[str], text: str) -> Period:
        if not self.p:
            return self._unresolved(text, "day")
        target = WEEKDAYS[g["wd"].lower()]
        which = " ".join((g["wd_which"] or "").lower().split())
        if which in ("next", "this coming"):
            delta = (target - self.p.weekday()) % 7 or 7
            day = self.p + dt.timedelta(days=delta)
        elif which == "last":
            day = self.p - dt.timedelta(days=(self.p.weekday() - target) % 7 or 7)
        else:
            day = self.p - dt.timedelta(days=(self.p.weekday() - target) % 7)
        return self._period(day, day, text, "day")


# Which reading a match gets: the first named group of this list that took part in it (built once, not per match).
_Resolver.HANDLERS = [
    ("to_m1", _Resolver._span_to), ("to_m2", _Resolver._span_to), ("to_m3", _Resolver._span_to),
    ("fr_m1", _Resolver._from_to), ("mrel_m", _Resolver._month_rel), ("part_n", _Resolver._part_of_year),
    ("first_n", _Resolver._first_months), ("ytd_n", _Resolver._first_months), ("over_n", _Resolver._first_months), ("after_n", _Resolver._first_months), ("over_half", _Resolver._first_months), ("ell", _Resolver._ellipsis),
    ("mr_a", _Resolver._month_range), ("mr2_a", _Resolver._month_range), ("fys", _Resolver._fiscal_span),
    ("fyw2", _Resolver._fyw2), ("mq_m", _Resolver._month_quarter), ("iso", _Resolver._iso),
    ("slash", _Resolver._slash), ("dmy_m", _Resolver._dmy), ("mdy_m", _Resolver._mdy), ("my_m", _Resolver._my),
    ("qord", _Resolver._qord), ("qn", _Resolver._qn), ("cp_n", _Resolver._compact_part), ("cm_n", _Resolver._compact_part), ("nq", _Resolver._nq), ("hord", _Resolver._hord),
    ("hn", _Resolver._hn), ("nh", _Resolver._nh), ("nt", _Resolver._nt), ("ns", _Resolver._ns), ("fym_m", _Resolver._fy_month), ("pfm_m", _Resolver._part_of_fy_month), ("fym_y2", _Resolver._fy_month), ("fy", _Resolver._fy), ("fyw", _Resolver._fyw),
    ("today", _Resolver._today), ("dayrel", _Resolver._dayrel), ("rel_unit", _Resolver._rel),
    ("just_unit", _Resolver._just_ended),
    ("ytd", _Resolver._ytd), ("rest", _Resolver._rest), ("eoy", _Resolver._eoy), ("season", _Resolver._season),
    ("ago_n", _Resolver._ago), ("wd", _Resolver._weekday), ("m_only", _Resolver._month_only),
    ("year", _Resolver._year_only),
]


_SENTENCE_END = re.compile(r"[.!?][\"'”’)]*\s+(?=[A-Z\"“‘(])|\n\s*\n")
FAR_YEARS = 40  # a bare year further ahead of publication than this is a name's number ("Cyberpunk 2077"), not a date


def find_periods(
    text: str,
    published: dt.date | None,
    settings: DateSettings = DEFAULT_SETTINGS,
    start: int = 0,
    end: int | None = None,
) -> list[PeriodMention]:
    """Every date or period expression in `text[start:end]`, resolved against `published`."""
    resolver = _Resolver(published, settings)
    found = []
    context_end = fiscal_end = -1  # where the period that set the resolver's year (its fiscal year) ends
    for m in PATTERN.finditer(text, start, len(text) if end is None else end):
        if resolver.context_year is not None and _SENTENCE_END.search(text, context_end, m.start()):
            # "For most of 2023 and 2024, contractors were idle. Veidekke's figures for the third quarter …": a year
            # of another sentence places no yearless quarter (the most recent one is meant)
            resolver.context_year = resolver.context_from = None
        if resolver.context_fiscal is not None and _SENTENCE_END.search(text, fiscal_end, m.start()):
            # "… the $122.1-million outflow of fiscal 2024. The fourth-quarter warning": nor does its fiscal year
            resolver.context_fiscal = None
        try:
            period = resolver.resolve(m)
        except (ValueError, OverflowError):  # a date beyond year 1-9999 (from --date or a library caller)
            period = Period.model_construct(start=None, end=None, text=m.group(0), granularity="approximate")
        if period is None:
            continue
        if published is not None and period.start is not None and period.granularity == "year" \
                and period.start.year > published.year + FAR_YEARS and m.group(0).isdigit():
            continue  # "Cyberpunk 2077 and its expansion brought in …": a name's number, no year any figure is of
        if period.start and period.granularity in ("year", "half", "quarter", "month") and _HAS_YEAR.search(m.group(0)) \
                and not _SINCE_BEFORE.search(text, max(0, m.start() - 8), m.start()) \
                and not _OWNS_A_THING.match(text, m.end()) \
                and not SAME_STRETCH_BEFORE.search(text, max(0, m.start() - 30), m.start()) \
                and not (_DESCRIBED_YEAR_BEFORE.search(text, max(0, m.start() - 24), m.start())
                         and _DESCRIBED_YEAR_AFTER.match(text, m.end())):
            resolver.context_year = period.start.year  # "in H1 2025 ... in the second half": the same year
            context_end = m.end()
            # … or the same fiscal year: "the first quarter of FY25, … the March quarter" is FY25's March
            resolver.context_from = period.start if settings.fiscal_year_start != 1 \
                and _FISCAL_WORD.search(m.group(0)) else None
        if period.start and period.end and settings.quarters_fiscal and period.start.month == settings.fiscal_year_start \
                and _months_between(period.start, period.end) == 12 and not _CALENDAR_TALK.search(m.group(0)):
            # "for the year to June … of which … in the first half" (not "whose financial year ends in June")
            resolver.context_fiscal = resolver.fiscal_name(period.start)
            fiscal_end = m.end()
        if period.resolved and period.granularity in ("half", "quarter") and _FIRST_PART.match(m.group(0)):
            resolver.first_part = period
        if period.resolved and period.granularity in ("half", "quarter") and not m.group("ell") \
                and (named := _NAMED_PART.match(m.group(0))):
            resolver.named_part = (period, int(named.group("d")) if named.group("d")
                                   else _QUARTER_NUMBER[named.group("o").lower()])
        s, e = m.span()
        if m.group("m_only"):
            s, e = m.span("m_only")  # "in May": the month is the quote
        elif m.group("wd") and (m.group("wd_which") or "").lower() == "on":
            s = m.start("wd")  # "on Monday": the weekday is the quote
        elif m.group("qord") and m.group("q_lead"):
            s = m.start("q_fiscal") if m.group("q_fiscal") else m.start("qord")  # "the third quarter": no article
        elif m.group("mq_m"):
            s = m.start("mq_m")  # "the June quarter": no article
        elif m.group("ell"):
            s = m.start("ell")  # "in the second": the ordinal is the quote
        elif m.group("mr2_a"):
            s = m.start("mr2_a")  # "in April and May": the months are the quote
        explicit = 2 if (m.group("to_m1") or m.group("to_m2") or m.group("to_m3") or m.group("fr_m1") or m.group("mr_a")
                    or m.group("mr2_a")) \
            else 1 if _MONTH_OR_DIGIT.search(m.group(0)) else 0
        found.append(PeriodMention(start=s, end=e, period=period, explicit=explicit))
    return found
