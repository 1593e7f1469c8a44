"""Default rules that relate figures of one company over time: revenue against run-rate, change words,
and funding totals."""

import datetime as dt
import math
import re

from claimcheck import finding, in_currency, months_back, rule, shift_period, stretch

YEARLY = ("year", "fiscal_year")
_PERCENT_DIGITS = re.compile(r"\d+(?:\.(\d+))?\s?(?:%|percent|per)")


def _midpoint(period):
    return period.start + (period.end - period.start) / 2


@rule("revenue-vs-arr", code="CC103", severity="error", tags=("growth",),
      related_metrics={"revenue": ["arr"], "arr": ["revenue"]})
def revenue_vs_arr(claims, fx, run, *, months_after: int = 9, require_growth: bool = True,
                   one_off_share: float = 0.1):
    """A year's revenue cannot be squared with the run-rate (ARR) reported around that year.

    What: for one company, actual revenue for a calendar or fiscal year against actual ARR reported from
    three months before that year's end to `months_after` months after it. For a company that grew since
    (a later, higher ARR on record when `require_growth`), revenue for the year cannot exceed the
    annualized run-rate afterwards: an error when even the low end of the revenue exceeds the ARR, a
    warning when only the bottom of a vague revenue range ("tens of millions") fits under it. ARR counts
    recurring revenue only: revenue above it by no more than `one_off_share` of it (licences, services,
    hardware sold once) is what an established company reports every year, and is not flagged.
    Why: revenue and ARR are often quoted from different sources and conflated; the combination shows
    whether either figure is off.
    Example: 2024 revenue of "about €30 million" against ARR of "$20 million" in mid-2025 for a company
    at $400 million ARR a year later.
    """
    for subject in claims.subjects("revenue"):
        # the company's run-rates first: most companies with a revenue figure have none, and need nothing more
        arrs = [c for c in claims.about(subject, "arr", "actual") if c.period and c.period.resolved]
        if arrs:
            yield from _revenue_against(claims.about(subject, "revenue", "actual"), arrs, fx, run, months_after,
                                        require_growth, 1 + one_off_share)


def _revenue_against(revenues, arrs, fx, run, months_after, require_growth, headroom):
    """`revenue-vs-arr` for one company: each yearly revenue against the run-rates around its year."""
    for revenue in revenues:
        period = revenue.period
        if not period or not period.resolved or period.granularity not in YEARLY:
            continue
        currency = revenue.value.currency
        rev = in_currency(revenue, currency, fx, run.published(revenue)) if currency else None
        if rev is None:
            continue
        lo_edge = period.end - dt.timedelta(days=90)
        hi_edge = period.end + dt.timedelta(days=30 * months_after)
        for arr in arrs:
            when = _midpoint(arr.period)
            if not lo_edge <= when <= hi_edge:
                continue
            if require_growth and not any(
                later.period.start > arr.period.end and later.value.low > arr.value.high for later in arrs
                if later.value.currency == arr.value.currency
            ):
                continue
            value = in_currency(arr, currency, fx, run.published(arr))
            if value is None:
                continue
            middle = math.sqrt(rev.low * rev.high) if rev.low > 0 else rev.high
            ceiling = value.high * headroom  # what one-off sales add to recurring revenue
            if rev.low > ceiling:
                severity, verdict = "error", "exceeds"
            elif middle > ceiling and revenue.value.amount is None:
                severity, verdict = "warning", "fits only at the very bottom of its range under"
            else:
                continue
            yield finding(
                f"{revenue.subject}: revenue for {period.text or period.start.year} ({revenue.quote!r}, "
                f"{rev.describe()}) {verdict} the run-rate of {arr.quote!r} reported for "
                f"{arr.period.start}…{arr.period.end} ({value.describe()}), though the company grew since",
                revenue, arr, severity=severity, revenue=rev.as_dict(), arr=value.as_dict(),
            )


# "nearly doubled in three years", "tripled over the past five years": a change over several years
_YEARS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
          **{str(n): n for n in range(2, 11)}}
_OVER_YEARS = re.compile(r"\s+(?:in|over|within)\s+(?:the\s+(?:last|past)\s+)?(two|three|four|five|six|seven|eight|nine|ten"
                         r"|[2-9]|10)\s+years\b", re.IGNORECASE)


# "rose 6.5% from the second quarter", "up 3% on the first quarter": the quarter a change is measured from, named
_FROM_NAMED_QUARTER = re.compile(r"\s+(?:from|on|over|against|compared\s+(?:with|to))\s+(?:the\s+|its\s+)?"
                                 r"(first|second|third|fourth|1st|2nd|3rd|4th)[\s-]quarter\b", re.IGNORECASE)
_ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4}
_ORDINAL_IN = re.compile(r"\b(first|second|third|fourth|1st|2nd|3rd|4th)\b|\bQ([1-4])\b", re.IGNORECASE)


def _quarter_before(period) -> int | None:
    """The number of the quarter before `period`'s, by the ordinal its text names ("the third quarter" of a fiscal
    year), else by the calendar; None when the period is no quarter."""
    if period.granularity != "quarter":
        return None
    said = _ORDINAL_IN.search(period.text or "")
    number = (int(said.group(2)) if said.group(2) else _ORDINALS[said.group(1).lower()]) if said \
        else (period.start.month - 1) // 3 + 1
    return (number - 2) % 4 + 1


SAME_BALANCE_DAYS = 92  # a level another source dates within a quarter of a report is that report's balance


def compared_figure(claim, claims):
    """The figure a change is measured from: the one the text gives ("to €5bn from €4bn"); else, for a flow, the
    same company's figure for the same stretch a year (or, said so, a quarter) earlier; else, for a level or an
    event, the latest earlier figure of the same company and metric (from the same source if it has one; another
    source's dated more than a quarter before, `SAME_BALANCE_DAYS`).
    None when there is no such figure: a change is never checked against another period or another fact."""
    ratio = claim.ratio
    if ratio.base:
        return claims.by_id(ratio.base)
    if not claim.period or not claim.period.resolved:
        return None
    same = [c for c in claims.about(claim.subject, claim.metric)
            if c.id != claim.id and c.value.currency and c.period and c.period.resolved]
    same = [c for c in same if c.segment == claim.segment]  # cloud revenue is not revenue, underlying not reported
    if claim.metric_kind == "flow":
        text = claim.ratio.text or ""
        at = claim.sentence.find(text) if text else -1
        months = months_back(claim.sentence, at + len(text) // 2 if at >= 0 else -1)
        over = _OVER_YEARS.match(claim.sentence, at + len(text)) if at >= 0 and text else None
        if over is not None:  # "revenue has nearly doubled in three years": from the same period three years back
            months = 12 * _YEARS[over.group(1).lower()]
        named = _FROM_NAMED_QUARTER.match(claim.sentence, at + len(text)) if at >= 0 and text else None
        if named is not None:  # "revenue rose 6.5% from the second quarter": from that quarter, and no other
            if _ORDINALS[named.group(1).lower()] != _quarter_before(claim.period):
                return None
            months = 3
        earlier = shift_period(claim.period, -months)
        then = stretch(earlier)  # by the months covered: a 52-week year a year back is last year's 52 weeks
        matches = [c for c in same if stretch(c.period) == then and c.modality == "actual"]
        return min(matches, key=lambda c: (c.source != claim.source, c.source, c.span), default=None)
    if claim.metric_kind == "event" or claim.ratio.percent is not None:
        return None  # a percentage of an event or level needs the base the text gives
    earlier = [c for c in same if c.period.end < claim.period.start]
    if not earlier:
        return None
    pool = [c for c in earlier if c.source == claim.source] or [
        # another source's level held within a quarter of this one is the same balance reported again ("cash more
        # than doubled to N422.21 billion" dated by its story, beside another story's ₦422.2bn at 31 December), not
        # what a change word measures from
        c for c in earlier if (claim.period.start - c.period.end).days > SAME_BALANCE_DAYS]
    if not pool:
        return None
    return max(pool, key=lambda c: (c.modality == "actual", c.period.end, c.source, c.span))


def measured_change(claim, claims, fx, run, *, percent: bool):
    """(ratio, base, now, then, low, high) for a claim with a change word (`percent` False) or a percentage
    change (True) and a figure to measure it from; None when there is nothing to check."""
    ratio = claim.ratio
    if ratio is None or (ratio.percent is not None) != percent or not claim.value.currency:
        return None
    if not ratio.base and not (claim.subject and claim.metric):
        return None  # a base found by its period needs a company and a measure; one the text gives does not
    base = compared_figure(claim, claims)
    change = change_between(claim, base, fx, run) if base is not None else None
    return None if change is None else (ratio, base, *change)


def _what(claim) -> str:
    """What a change is about, as a finding names it: "Enbridge revenue", "Enbridge", or "the figure"."""
    return " ".join(x for x in (claim.subject, claim.metric) if x) or "the figure"


def change_between(claim, base, fx, run):
    """(now, then, low, high): both figures in the claim's currency at the reference rates, and now/then."""
    now = in_currency(claim, claim.value.currency, fx, run.published(claim))
    then = in_currency(base, claim.value.currency, fx, run.published(base))
    if now is None or then is None or then.low <= 0 or now.low < 0:
        return None
    return now, then, now.low / then.high, now.high / then.low


RATIO_BANDS = {
    None: (0.95, 1.05), "about": (0.9, 1.1), "around": (0.9, 1.1), "roughly": (0.9, 1.1),
    "approximately": (0.9, 1.1), "some": (0.9, 1.1), "close to": (0.9, 1.0), "nearly": (0.9, 1.0),
    "almost": (0.9, 1.0), "just under": (0.9, 1.0), "more than": (1.0, 1.5), "over": (1.0, 1.5),
    "at least": (1.0, 1.5), "just over": (1.0, 1.1), "less than": (1 / 1.5, 1.0),
}


@rule("ratio-words", code="CC104", severity="warning", tags=("growth", "wording"), related_metrics={},
      claims_with=("ratio",))
def ratio_words(claim, claims, fx, run, *, exact_margin: float = 0.05):
    """A change word ("doubled", "nearly doubling", "tripled", "halved", "N-fold") does not match the figures.

    What: the figure a change word is tied to, divided by the figure it is measured from (the one the text
    gives, "to $100bn from $62bn"; else, for a flow, the same period a year earlier, or as many years earlier as the
    text says ("nearly doubled in three years"); else the latest earlier
    figure of the same company and metric), must fall in the band the word allows: the bare word
    ±`exact_margin`, "nearly"/"almost" 90–100% of the factor, "about" ±10%, "more than" up to 1.5x the
    factor. Both figures are intervals, converted at the reference rates, so the ratio is one too. A base found
    by its period that moves the other way than the word, or gives a change more than 3x off it, is not the
    one the writer measured from (a part's figure held against the group's), as for `percent-change`.
    Why: change words are where rounding turns into exaggeration.
    Example: a valuation going from €11.7 billion (about $13.7 billion) to $23.15 billion is 1.65–1.73x:
    not "nearly doubling" (1.8–2.0x).
    """
    if claim.ratio is None:
        return  # most figures carry no change word: nothing to measure
    change = measured_change(claim, claims, fx, run, percent=False)
    if change is None:
        return
    ratio, base, now, then, low, high = change
    if not ratio.base and (_checked_with_its_own_base(claim, base, claims)
                           or _not_the_writers_base(claim, base, ratio, low, high)):
        return
    if ratio.direction == "down":
        low, high = (1 / high if high > 0 else math.inf), (1 / low if low > 0 else math.inf)  # "halved to $0"
    band = RATIO_BANDS.get(ratio.qualifier, RATIO_BANDS["about"])
    if ratio.qualifier is None:
        band = (1 - exact_margin, 1 + exact_margin)
    allowed = (ratio.factor * band[0], ratio.factor * band[1])
    if high < allowed[0] or low > allowed[1]:
        yield finding(
            f"{ratio.text!r} for {_what(claim)}: {claim.quote!r} against {base.quote!r} "
            f"({then.describe()}) is {low:.2f}–{high:.2f}x, but {ratio.text!r} allows "
            f"{allowed[0]:.2f}–{allowed[1]:.2f}x",
            claim, base, ratio=[round(low, 4), round(high, 4)], allowed=[round(a, 4) for a in allowed],
            baseline=then.as_dict(), figure=now.as_dict(),
        )


def percent_band(percent: float, written: str, qualifier: str | None) -> tuple[float, float]:
    """The percentages a written change allows: half a unit of its last digit below and a whole unit above, for digits
    cut rather than rounded ("31%" is 30.5–32),
    widened by its qualifier ("about 20%" is 18–22, "more than 20%" is 20 and up)."""
    digits = _PERCENT_DIGITS.search(written)
    half = 0.5 * 10 ** -len(digits.group(1)) if digits and digits.group(1) else 0.5
    # (a whole unit above: a writer may cut the digits rather than round them, "rose 21.9%" for a 21.95% rise)
    low, high = percent - half, percent + 2 * half
    margin = max(1.5, 0.1 * percent)
    if qualifier in ("about", "around", "roughly", "approximately", "some"):
        low, high = percent - margin, percent + margin
    elif qualifier in ("nearly", "almost", "just under"):
        low, high = percent - margin, percent + half
    elif qualifier in ("more than", "over", "just over"):
        low, high = percent - half, max(percent * 1.5, percent + 5)
    elif qualifier == "less than":
        low, high = 0.0, percent + half
    return max(low, 0.0), high


# "Sonic reported net profit of A$511 million for 2024, but that figure included a one-off gain": a figure the copy
# itself says holds a one-off is not what a like-for-like change is measured from
_ONE_OFFS = re.compile(r"\b(?:one-?off|one-?time|non-?recurring|exceptional\s+(?:items?|gains?|charges?|costs?))\b",
                       re.IGNORECASE)
FAR_FROM_STATED = 3.0  # a base found by its period that gives a change this many times off the word is another figure
ANOTHER_SOURCES_BASE_POINTS = 1.5  # how much further a change measured from another source's figure may be off (at most a
# tenth of the change written)


def _not_the_writers_base(claim, base, ratio, low: float, high: float) -> bool:
    """A figure found by its period (not given by the text), in the claim's currency, that cannot be what the
    writer measured from: it moves the other way than the word ("rose 6%" against the year's figure, four times
    larger; "tripled their quarterly profit" against the group's), gives a change more than FAR_FROM_STATED times
    off it ("dropped 18%" against the group's revenue, where the figure is a division's), is the same written
    figure from another source (one fact, dated differently), or stands in a sentence that says it holds a one-off
    ("A$511 million for 2024, but that figure included a one-off gain": the change is measured like for like)."""
    if high < 1 if ratio.direction == "up" else low > 1:
        return True
    if base.source != claim.source and base.value.amount is not None and base.value.amount == claim.value.amount:
        return True
    if base.sentence != claim.sentence and _ONE_OFFS.search(base.sentence):
        return True
    if ratio.percent is not None:
        stated = 1 + ratio.percent / 100 if ratio.direction == "up" else max(1 - ratio.percent / 100, 0.01)
    else:  # a change word: "roughly tripled" is 3x, "halved" 0.5x
        stated = ratio.factor if ratio.direction == "up" else 1 / max(ratio.factor, 0.01)
    measured = max((low * high) ** 0.5, 0.01)
    return max(stated, measured) / min(stated, measured) > FAR_FROM_STATED


def _set_against_another(claim, base, claims) -> bool:
    """Whether a figure found by its period is printed as the earlier figure of another one: a figure of the
    same company and metric for the claim's own stretch, before it in the base's sentence, with another value
    ("Orders fell 8% to SEK 40.09 billion, from SEK 43.65 billion a year earlier" is the group's base, not that
    of a division's "orders fell 14% to SEK 18.28 billion"). A pass over the company's figures of that metric,
    as finding the base was."""
    now = stretch(claim.period)
    return any(
        c.source == base.source and c.sentence == base.sentence and c.span < base.span and c.id != claim.id
        and c.value.currency == claim.value.currency and c.value.amount is not None
        and c.value.amount != claim.value.amount and c.period and stretch(c.period) == now
        for c in claims.about(claim.subject, claim.metric))


def _checked_with_its_own_base(claim, base, claims) -> bool:
    """Whether a figure found by its period is the base another source prints for the same figure with the same
    change ("rose 21 percent to P180.7 billion from P126.6 billion"): that figure's own check measures it, and a
    wrong base is one error, reported once."""
    ratio = claim.ratio
    return any(
        c.id != claim.id and c.ratio is not None and c.ratio.base == base.id and c.value.amount == claim.value.amount
        and c.value.currency == claim.value.currency and c.ratio.percent == ratio.percent
        and c.ratio.factor == ratio.factor and c.ratio.direction == ratio.direction
        for c in claims.about(claim.subject, claim.metric))


def _another_figure_bears_it_out(claim, base, claims, fx, run, allowed: tuple[float, float]) -> bool:
    """Whether the source of a base found by its period gives another figure of that stretch, in its currency, that
    the percentage does measure ("Profit for the year, which counts the slice of minority shareholders, was ¥529.7
    billion. The part attributable to Suzuki's own shareholders was ¥416.05 billion", then "net profit drops 23.1%
    to ¥320 billion": from the second): the writer measured from one of the two, and it holds. A pass over the
    company's figures of that metric, as finding the base was."""
    then = stretch(base.period)
    for c in claims.about(claim.subject, claim.metric):
        if c.id in (base.id, claim.id) or c.source != base.source or c.segment != claim.segment \
                or c.modality != "actual" or c.value.currency != base.value.currency or c.value.amount == base.value.amount \
                or not c.period or not c.period.resolved or stretch(c.period) != then:
            continue
        change = change_between(claim, c, fx, run)
        if change is None:
            continue
        low_pct, high_pct = _percent_range(claim.ratio.direction, change[2], change[3])
        if high_pct >= allowed[0] and low_pct <= allowed[1]:
            return True
    return False


def _percent_range(direction: str, low: float, high: float) -> tuple[float, float]:
    """The change in percent, lowest first, that a ratio of the two figures from `low` to `high` makes in the
    word's direction (a fall of 0.6x–0.7x is a 30–40% fall)."""
    return ((low - 1) * 100, (high - 1) * 100) if direction != "down" else ((1 - high) * 100, (1 - low) * 100)


@rule("percent-change", code="CC106", severity="warning", tags=("growth", "wording"), related_metrics={},
      claims_with=("ratio",))
def percent_change(claim, claims, fx, run):
    """A percentage change ("rose 31% to €498.2 million from €413.6 million") that the figures do not bear out.

    What: for a figure tied to a percentage change, the change from the figure it is measured from (the one
    the text gives, whatever the figure measures; else, for a flow, the same company's figure for the same period
    a year earlier), computed
    on both intervals at the reference rates, must meet the percentage as written (half a unit of its last
    digit below and a whole unit above, for digits cut rather than rounded; "about" ±10% of it or 1.5 points; "more
    than" from it upwards). A figure found by
    its period that moves the other way than the word ("rose 6%" against a figure four times larger), gives a
    change more than 3x off the word, is the same figure from another source, stands in another sentence that
    says it holds a one-off, or is set against another figure of the claim's period in its own sentence, is not
    the one the writer measured from: nothing is reported.
    Nor is one in another currency than the claim's: a company's change is in the currency it reports in, so a
    figure written in another ("rose 5% to US$3.7 billion" of an Australian bank, "grew 8.6% to $295 million"
    of an Indian drugmaker's US business) is a conversion or another business, whose change the earlier figure
    does not measure, or a wrong currency, which `cross-source-conflict` reports (one error, reported once). A
    base the text gives is always measured, whatever its currency; a base found by its period that another
    source prints for the same figure with the same change is measured by that figure's check alone. Where the
    base's source gives two figures of that period (a profit with and without minority interests), the change is
    reported only if it measures neither. A base from another source (not the text's own) allows 1.5 points more either
    side (a tenth of the change at most): that outlet's rounding or a restated figure moves a change by that much.
    Why: a percentage is often computed on other figures (another period, a restated base) than the ones
    printed next to it.
    Example: revenue "up 31% to €498.2 million from €413.6 million" is a 20.4–20.5% rise.
    """
    if claim.ratio is None:
        return  # most figures carry no percentage change: nothing to measure
    change = measured_change(claim, claims, fx, run, percent=True)
    if change is None:
        return
    ratio, base, now, then, low, high = change
    if not ratio.base and (base.value.currency != claim.value.currency or _not_the_writers_base(
            claim, base, ratio, low, high) or _set_against_another(claim, base, claims)):
        return
    if not ratio.base and _checked_with_its_own_base(claim, base, claims):
        return
    low_pct, high_pct = _percent_range(ratio.direction, low, high)
    allowed = percent_band(ratio.percent, ratio.text, ratio.qualifier)
    if not ratio.base and base.source != claim.source:
        # a base another source prints, which the writer may never have seen: its rounding or restatement may move the
        # change by a point ("rose 43% to 61.9 billion birr" against another outlet's 42.86 billion, +44.4%), so only a
        # change further off than "about" allows is reported
        more = min(ANOTHER_SOURCES_BASE_POINTS, 0.1 * ratio.percent)  # (at most a tenth of the change written)
        allowed = (max(allowed[0] - more, 0.0), allowed[1] + more)
    if (high_pct < allowed[0] or low_pct > allowed[1]) \
            and (ratio.base or not _another_figure_bears_it_out(claim, base, claims, fx, run, allowed)):
        word = "rise" if ratio.direction == "up" else "fall"
        yield finding(
            f"{ratio.text!r} for {_what(claim)}: {claim.quote!r} from {base.quote!r} "
            f"({then.describe()}) is a {low_pct:.1f}–{high_pct:.1f}% {word}, but {ratio.text!r} allows "
            f"{allowed[0]:.1f}–{allowed[1]:.1f}%",
            claim, base, change_percent=[round(low_pct, 3), round(high_pct, 3)],
            allowed_percent=[round(a, 3) for a in allowed], baseline=then.as_dict(), figure=now.as_dict(),
        )


@rule("series-sanity", code="CC105", severity="error", tags=("funding", "series"), related_metrics={})
def series_sanity(claims, fx, run, *, tolerance: float = 0.005):
    """Cumulative funding that shrinks, or a total raised below the rounds reported before it.

    What: for one company's actual funding, a later "total raised" whose interval lies wholly below an
    earlier total, or below the sum of the (low ends of the) distinct named rounds reported up to its date.
    Why: totals are recomputed by each outlet and often forget a round or double-count one.
    Example: "has raised about €1 billion in total" in October 2025 after a €600 million Series B and a
    €1.7 billion Series C.
    """
    for subject in claims.subjects("funding"):
        mine = [c for c in claims.about(subject, "funding", "actual") if c.period and c.period.resolved]
        totals = sorted((c for c in mine if c.cumulative), key=lambda c: (c.period.end, c.source, c.span))
        rounds = [c for c in mine if c.round and not c.cumulative]
        for i, total in enumerate(totals):
            currency = total.value.currency
            if not currency:
                continue
            value = in_currency(total, currency, fx, run.published(total))
            for earlier in totals[:i]:
                if earlier.period.end >= total.period.start:
                    continue
                before = in_currency(earlier, currency, fx, run.published(earlier))
                if value and before and value.high < before.low * (1 - tolerance):
                    yield finding(
                        f"{subject}: total funding shrinks from {earlier.quote!r} ({before.describe()}) "
                        f"to {total.quote!r} ({value.describe()})",
                        earlier, total, earlier_total=before.as_dict(), later_total=value.as_dict(),
                    )
            lows = {}
            for r in rounds:
                if r.period.end > total.period.end:
                    continue
                v = in_currency(r, currency, fx, run.published(r))
                if v is not None and (r.round not in lows or v.low < lows[r.round][0]):
                    lows[r.round] = (v.low, r)
            if len(lows) >= 2 and value is not None:
                floor = sum(low for low, _ in lows.values())
                if value.high < floor * (1 - tolerance):
                    names = ", ".join(f"{name} {r.quote!r}" for name, (_, r) in sorted(lows.items()))
                    yield finding(
                        f"{subject}: {total.quote!r} in total ({value.describe()}) is below the rounds "
                        f"reported before it ({names}: at least {floor:,.0f} {currency})",
                        total, *(r for _, r in lows.values()), total=value.as_dict(), rounds_floor=floor,
                    )
