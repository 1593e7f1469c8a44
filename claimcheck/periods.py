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
from dataclasses import dataclass
from functools import lru_cache

from claimcheck.models import Period, PeriodMention
from claimcheck.money import UNITS

MONTHS: dict[str, int] = {}
for _i, _name in enumerate(calendar.month_name):
    if _i:
        MONTHS[_name.lower()] = _i
        MONTHS[_name[:3].lower()] = _i
MONTHS["sept"] = 9
WEEKDAYS = {name.lower(): i for i, name in enumerate(calendar.day_name)}
ORDINALS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4}
SMALL_NUMBERS = {**{w: n for w, n in UNITS.items() if 1 <= n <= 12}, "a": 1, "an": 1}
SEASONS = {"spring": 3, "summer": 6, "autumn": 9, "fall": 9, "winter": 12}

_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept\.?|Sep\.?|Oct\.?|Nov\.?|Dec\.?)"
)
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_YEAR = r"(?:19|20)\d{2}"
_YY = r"(?:'?\d{2}|(?:19|20)\d{2})"
_ORD = r"(?:first|second|third|fourth|1st|2nd|3rd|4th)"
_NUM = r"(?:\d{1,2}|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
_LEAD = r"(?:in|since|by|until|till|from|through|during|early|late|mid-?|last|next|of|before|after|as\s+soon\s+as|around)"

PATTERN = re.compile(
    rf"""
    (?<![\w$€£¥₹#.,:/-])
    (?:
        (?P<iso>{_YEAR}-\d{{2}}-\d{{2}})
      | (?P<slash>\d{{1,2}}/\d{{1,2}}/(?:\d{{4}}|\d{{2}}))
      | (?P<dmy_d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<dmy_m>{_MONTH})(?:,?\s+(?P<dmy_y>{_YEAR}))?
      | (?P<mdy_m>{_MONTH})\s+(?P<mdy_d>\d{{1,2}})(?:st|nd|rd|th)?(?!\d)(?:,?\s+(?P<mdy_y>{_YEAR}))?
      | (?P<my_m>{_MONTH}),?\s+(?P<my_y>{_YEAR})
      | (?P<q_lead>(?i:the\s+)?)(?P<qord>{_ORD})[-\s]quarter(?:\s+of)?(?:\s+(?:fiscal\s+)?(?P<qord_y>{_YEAR}))?
      | Q(?P<qn>[1-4])(?:\s?(?:FY\s?)?(?P<qn_y>{_YY}))?
      | (?P<nq>[1-4])Q\s?(?P<nq_y>{_YY})
      | (?P<hord>first|second|1st|2nd)\s+half(?:\s+of)?(?:\s+(?P<hord_y>{_YEAR}))?
      | H(?P<hn>[12])(?:\s?(?P<hn_y>{_YY}))?
      | (?P<nh>[12])H\s?(?P<nh_y>{_YY})
      | FY\s?(?P<fy>{_YY})
      | (?i:fiscal(?:\s+year)?)\s+(?P<fyw>{_YEAR})
      | (?i:(?P<today>today|currently|as\s+of\s+now|now))
      | (?i:(?P<dayrel>yesterday|tomorrow))
      | (?i:(?P<rel_which>this|last|next|past)\s+(?P<rel_unit>week|month|quarter|year))
      | (?i:(?P<ytd>earlier\s+this\s+year)|(?P<rest>later\s+this\s+year))
      | (?i:(?P<eoy>by\s+(?:the\s+)?(?:end\s+of\s+(?:the\s+)?(?:year|(?P<eoy_y>{_YEAR}))|year-end)))
      | (?i:(?P<season_which>this|last|next)\s+(?P<season>spring|summer|autumn|fall|winter))
      | (?i:(?P<ago_n>{_NUM})\s+(?P<ago_unit>day|week|month|year)s?\s+ago)
      | (?i:(?P<wd_which>on|last|this\s+coming|this|next)\s+)?(?P<wd>{_WEEKDAY})
      | (?i:(?P<m_lead>{_LEAD})\s+)(?P<m_only>{_MONTH})(?!\.?,?\s+\d)
      | (?P<year>{_YEAR})
    )
    (?![\w%]|[.,]\d)
    """,
    re.VERBOSE,
)


@dataclass(frozen=True)
class DateSettings:
    """Conventions a user may need to change: fiscal-year start month, numeric date order."""

    fiscal_year_start: int = 1
    date_order: str = "MDY"


DEFAULT_SETTINGS = DateSettings()


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _add_months(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _year(raw: str) -> int:
    digits = raw.lstrip("'")
    return int(digits) + 2000 if len(digits) == 2 else int(digits)


def _quarter(year: int, q: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, 3 * q - 2, 1), _month_end(year, 3 * q)


def _month_num(raw: str) -> int:
    return MONTHS[raw.rstrip(".").lower()]


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

    def __init__(self, published: dt.date | None, settings: DateSettings) -> None:
        self.p = published
        self.settings = settings

    def resolve(self, m: re.Match[str]) -> Period | None:
        g = m.groupdict()
        text = m.group(0)
        for key, handler in self._handlers():
            if g.get(key) is not None:
                return handler(g, text)
        return None

    def _handlers(self) -> list[tuple[str, Callable[[dict[str, str | None], str], Period | None]]]:
        return [
            ("iso", self._iso), ("slash", self._slash), ("dmy_m", self._dmy), ("mdy_m", self._mdy),
            ("my_m", self._my), ("qord", self._qord), ("qn", self._qn), ("nq", self._nq),
            ("hord", self._hord), ("hn", self._hn), ("nh", self._nh), ("fy", self._fy),
            ("fyw", self._fyw), ("today", self._today), ("dayrel", self._dayrel),
            ("rel_unit", self._rel), ("ytd", self._ytd), ("rest", self._rest), ("eoy", self._eoy), ("season", self._season),
            ("ago_n", self._ago), ("wd", self._weekday), ("m_only", self._month_only),
            ("year", self._year_only),
        ]

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

    # -- explicit
    def _iso(self, g: dict, text: str) -> Period | None:
        try:
            day = dt.date.fromisoformat(g["iso"])
        except ValueError:
            return None
        return self._period(day, day, text, "day")

    def _slash(self, g: dict, text: str) -> Period | None:
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

    def _dmy(self, g: dict, text: str) -> Period | None:
        return self._day(self._year_or_p(g["dmy_y"]), g["dmy_m"], g["dmy_d"], text)

    def _mdy(self, g: dict, text: str) -> Period | None:
        return self._day(self._year_or_p(g["mdy_y"]), g["mdy_m"], g["mdy_d"], text)

    def _month(self, year: int | None, month: str, text: str) -> Period:
        if year is None:
            return self._unresolved(text, "month")
        n = _month_num(month)
        return self._period(dt.date(year, n, 1), _month_end(year, n), text, "month")

    def _my(self, g: dict, text: str) -> Period:
        return self._month(_year(g["my_y"]), g["my_m"], text)

    def _month_only(self, g: dict, text: str) -> Period:
        lead = g["m_lead"].lower()
        year = self.p.year if self.p else None
        if year is not None and lead in ("last", "next"):
            year += -1 if lead == "last" else 1
        return self._month(year, g["m_only"], g["m_only"])

    def _quarter_period(self, year: int | None, q: int, text: str) -> Period:
        if year is None:
            return self._unresolved(text, "quarter")
        if re.search(r"FY|fiscal", text, re.IGNORECASE) and self.settings.fiscal_year_start != 1:
            # "Q3 FY2024" under an April fiscal year: the third quarter of April 2023 - March 2024
            first = _add_months(fiscal_year(year, self.settings.fiscal_year_start)[0], 3 * (q - 1))
            last = _add_months(first, 2)
            return self._period(first, _month_end(last.year, last.month), text, "quarter")
        return self._period(*_quarter(year, q), text, "quarter")

    def _qord(self, g: dict, text: str) -> Period:
        return self._quarter_period(self._year_or_p(g["qord_y"]), ORDINALS[g["qord"].lower()], text)

    def _qn(self, g: dict, text: str) -> Period:
        return self._quarter_period(self._year_or_p(g["qn_y"]), int(g["qn"]), text)

    def _nq(self, g: dict, text: str) -> Period:
        return self._quarter_period(_year(g["nq_y"]), int(g["nq"]), text)

    def _half_period(self, year: int | None, h: int, text: str) -> Period:
        if year is None:
            return self._unresolved(text, "half")
        start = dt.date(year, 1 if h == 1 else 7, 1)
        return self._period(start, _month_end(year, 6 if h == 1 else 12), text, "half")

    def _hord(self, g: dict, text: str) -> Period:
        return self._half_period(self._year_or_p(g["hord_y"]), ORDINALS[g["hord"].lower()], text)

    def _hn(self, g: dict, text: str) -> Period:
        return self._half_period(self._year_or_p(g["hn_y"]), int(g["hn"]), text)

    def _nh(self, g: dict, text: str) -> Period:
        return self._half_period(_year(g["nh_y"]), int(g["nh"]), text)

    def _fiscal(self, year: int, text: str) -> Period:
        return self._period(*fiscal_year(year, self.settings.fiscal_year_start), text, "fiscal_year")

    def _fy(self, g: dict, text: str) -> Period:
        return self._fiscal(_year(g["fy"]), text)

    def _fyw(self, g: dict, text: str) -> Period:
        return self._fiscal(int(g["fyw"]), text)

    def _year_only(self, g: dict, text: str) -> Period:
        y = int(g["year"])
        return self._period(dt.date(y, 1, 1), dt.date(y, 12, 31), text, "year")

    # -- relative
    def _today(self, g: dict, text: str) -> Period:
        return self._period(self.p, self.p, text, "day") if self.p else self._unresolved(text, "day")

    def _dayrel(self, g: dict, text: str) -> Period:
        if not self.p:
            return self._unresolved(text, "day")
        day = self.p + dt.timedelta(days=-1 if g["dayrel"].lower() == "yesterday" else 1)
        return self._period(day, day, text, "day")

    def _rel(self, g: dict, text: str) -> Period:
        unit = g["rel_unit"].lower()
        if not self.p:
            return self._unresolved(text, unit)
        which = g["rel_which"].lower()
        p = self.p
        if which == "past":  # "the past year": the twelve months up to publication, not last calendar year
            months = {"week": 0, "month": 1, "quarter": 3, "year": 12}[unit]
            start = p - dt.timedelta(days=7) if unit == "week" else _add_months(p, -months)
            return self._period(start, p, text, "approximate")
        shift = {"this": 0, "last": -1, "next": 1}[which]
        if unit == "week":
            monday = p - dt.timedelta(days=p.weekday()) + dt.timedelta(weeks=shift)
            return self._period(monday, monday + dt.timedelta(days=6), text, "week")
        if unit == "month":
            first = _add_months(p.replace(day=1), shift)
            return self._period(first, _month_end(first.year, first.month), text, "month")
        if unit == "quarter":
            first = _add_months(dt.date(p.year, 3 * ((p.month - 1) // 3) + 1, 1), 3 * shift)
            last = _add_months(first, 2)
            return self._period(first, _month_end(last.year, last.month), text, "quarter")
        y = p.year + shift
        return self._period(dt.date(y, 1, 1), dt.date(y, 12, 31), text, "year")

    def _ytd(self, g: dict, text: str) -> Period:
        if not self.p:
            return self._unresolved(text, "year_to_date")
        return self._period(dt.date(self.p.year, 1, 1), self.p, text, "year_to_date")

    def _rest(self, g: dict, text: str) -> Period:
        if not self.p:
            return self._unresolved(text, "rest_of_year")
        return self._period(self.p, dt.date(self.p.year, 12, 31), text, "rest_of_year")

    def _eoy(self, g: dict, text: str) -> Period:
        """A deadline: from publication to the end of the (named) year."""
        if g["eoy_y"]:
            year = int(g["eoy_y"])
            start = self.p if self.p and self.p.year <= year else dt.date(year, 1, 1)
            return self._period(start, dt.date(year, 12, 31), text, "deadline")
        if not self.p:
            return self._unresolved(text, "deadline")
        return self._period(self.p, dt.date(self.p.year, 12, 31), text, "deadline")

    def _season(self, g: dict, text: str) -> Period:
        if not self.p:
            return self._unresolved(text, "season")
        name = g["season"].lower()
        shift = {"this": 0, "last": -1, "next": 1}[g["season_which"].lower()]
        year = self.p.year
        if name == "winter" and self.p.month <= 2:
            year -= 1  # January's "this winter" began in December
        year += shift
        first = SEASONS[name]
        start = dt.date(year, first, 1)
        end_anchor = _add_months(start, 2)
        return self._period(start, _month_end(end_anchor.year, end_anchor.month), text, "season")

    def _ago(self, g: dict, text: str) -> Period:
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

    def _weekday(self, g: dict, text: str) -> Period:
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
    for m in PATTERN.finditer(text, start, len(text) if end is None else end):
        period = resolver.resolve(m)
        if period is None:
            continue
        s, e = m.span()
        if m.group("m_only"):
            s, e = m.span("m_only")  # "in May": the month is the quote
        elif m.group("wd") and (m.group("wd_which") or "").lower() == "on":
            s = m.start("wd")  # "on Monday": the weekday is the quote
        elif m.group("qord") and m.group("q_lead"):
            s = m.start("qord")  # "the third quarter": no article
        found.append(PeriodMention(start=s, end=e, period=period))
    return found
