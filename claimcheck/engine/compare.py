"""Comparing claims: their intervals in one currency at the right dates, and the gap between them.

The conversion window of a claim runs from the start of the period it is about to its publication date
(no later: a writer cannot use tomorrow's rate), so a rate is an interval and so is every converted value.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from claimcheck.engine.fx import FX, Rate, RateUnavailable
from claimcheck.models import Claim
from claimcheck.numbers import finite, format_amount


@dataclass(frozen=True, slots=True)
class Interval:
    """A claim's value in `currency`, with the rate used if it was converted."""

    low: float
    high: float
    currency: str
    rate: Rate | None = None

    def describe(self) -> str:
        text = f"[{format_amount(self.low)}, {format_amount(self.high)}] {self.currency}"
        return f"{text} at {self.rate.describe()}" if self.rate else text

    def as_dict(self) -> dict:
        data: dict = {"low": finite(self.low), "high": finite(self.high), "currency": self.currency}
        if self.rate:
            data["rate"] = {"base": self.rate.base, "quote": self.rate.quote, "low": self.rate.low,
                            "high": self.rate.high, "from": self.rate.first.isoformat(),
                            "to": self.rate.last.isoformat()}
        return data


def conversion_window(claim: Claim, published: dt.date | None) -> tuple[dt.date, dt.date] | None:
    """From the start of the claim's period to publication; just the publication date for future periods."""
    period = claim.period
    start = period.start if period and period.start else None
    if published is None:
        if period and period.start and period.end:
            return period.start, period.end
        return None
    if start is None or start > published:
        return published, published
    return start, published


def in_currency(
    claim: Claim, currency: str, fx: FX, published: dt.date | None,
    window: tuple[dt.date, dt.date] | None = None,
) -> Interval | None:
    """The claim's interval in `currency` over `window` (default: its conversion window); None when it
    has no currency or no rate applies."""
    bounds = bounds_in(claim, currency, fx, published, window)
    return None if bounds is None else Interval(bounds[0], bounds[1], currency, bounds[2])


def bounds_in(
    claim: Claim, currency: str, fx: FX, published: dt.date | None,
    window: tuple[dt.date, dt.date] | None = None,
) -> tuple[float, float, Rate | None] | None:
    """`in_currency` as a plain (low, high, rate): what a pass over every report reads, with no `Interval`
    built for each."""
    value = claim.value
    base = value.currency
    if base is None:
        return None
    if base == currency:
        return value.low, value.high, None
    if window is None:
        window = conversion_window(claim, published)
        if window is None:
            return None
    try:
        rate = fx.rate_within(base, currency, window[0], window[1])
    except RateUnavailable:
        return None
    # a negative bound goes furthest below zero at the higher rate
    low = value.low * (rate.low if value.low >= 0 else rate.high)
    high = value.high * (rate.high if value.high >= 0 else rate.low)
    return low, high, rate


def all_meet(claims: Sequence[Claim], currency: str, fx: FX, published: Callable[[Claim], dt.date | None]) -> bool:
    """Whether the claims' intervals in `currency` all meet (share a point; claims with no rate left out):
    then no two of them disagree. One pass, no `Interval` built: most facts agree, and a million claims
    make hundreds of thousands of facts, so the rule that compares them asks this first."""
    top, bottom = -math.inf, math.inf  # the highest low bound and the lowest high bound so far
    bounds_within = fx.bounds_within  # the rate's low and high alone (`bounds_in` less the `Rate`)
    for c in claims:
        value = c.value
        base = value.currency
        low, high = value.low, value.high
        if base != currency:  # in `currency`, taken as it is: no date needed
            if base is None:
                continue
            window = conversion_window(c, published(c))
            rate = bounds_within(base, currency, window[0], window[1]) if window else None
            if rate is None:
                continue
            # a negative bound goes furthest below zero at the higher rate (as `bounds_in`)
            low = low * (rate[0] if low >= 0 else rate[1])
            high = high * (rate[1] if high >= 0 else rate[0])
        top = low if low > top else top
        bottom = high if high < bottom else bottom
    return top <= bottom


def common_currency(claims: Sequence[Claim], published: Callable[[Claim], dt.date | None] | None = None) -> str | None:
    """The currency to compare in: the shared one if all agree, else EUR (the ECB's base); given `published`,
    the currency whose claims a conversion would blur most: the most days of conversion windows, a claim
    counting one day at least (EUR on a tie). Two reports of "A$3,975 million" then compare as written, not
    each converted at its own day's rate, and "€15 million" reported two years after the event is not spread
    over two years of rates to meet "$15 million"."""
    currencies = {c.value.currency for c in claims if c.value.currency}
    if not currencies:
        return None
    if len(currencies) == 1:
        return currencies.pop()
    if published is None:
        return "EUR"
    days: dict[str, int] = dict.fromkeys(currencies, 0)
    for c in claims:
        currency = c.value.currency
        if currency:  # `conversion_window`'s length, inline (a call per report costs at a million)
            period, day = c.period, published(c)
            start = period.start if period else None
            if day is None:
                length = (period.end - start).days if period and start and period.end else 0
            else:
                length = (day - start).days if start and start <= day else 0
            days[currency] += 1 + length
    most = max(days.values())
    tied = sorted(c for c, n in days.items() if n == most)
    return "EUR" if "EUR" in tied else tied[0]


def relative_gap(a: Interval, b: Interval) -> float:
    """How far apart two intervals are, relative to the larger of the two nearer bounds (the higher one's low
    bound for amounts above zero); 0 if they meet."""
    lower, upper = (a, b) if a.low <= b.low else (b, a)
    if upper.low <= lower.high:
        return 0.0
    return (upper.low - lower.high) / max(abs(upper.low), abs(lower.high))
