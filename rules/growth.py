"""Default rules that relate figures of one company over time: revenue against run-rate, change words,
and funding totals."""

import datetime as dt
import math

from claimcheck import finding, rule
from claimcheck.compare import in_currency

YEARLY = ("year", "fiscal_year")


def _midpoint(period):
    return period.start + (period.end - period.start) / 2


@rule("revenue-vs-arr", code="CC103", severity="error", tags=("growth",))
def revenue_vs_arr(claims, fx, run, *, months_after: int = 9, require_growth: bool = True):
    """A year's revenue cannot be squared with the run-rate (ARR) reported around that year.

    What: for one company, actual revenue for a calendar or fiscal year against actual ARR reported from
    three months before that year's end to `months_after` months after it. For a company that grew since
    (a later, higher ARR on record when `require_growth`), revenue for the year cannot exceed the
    annualized run-rate afterwards: an error when even the low end of the revenue exceeds the ARR, a
    warning when only the bottom of a vague revenue range ("tens of millions") fits under it.
    Why: revenue and ARR are often quoted from different sources and conflated; the combination shows
    whether either figure is off.
    Example: 2024 revenue of "about €30 million" against ARR of "$20 million" in mid-2025 for a company
    at $400 million ARR a year later.
    """
    revenues = [c for s in claims.subjects("revenue") for c in claims.about(s, "revenue", "actual")]
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
        arrs = [c for c in claims.about(revenue.subject, "arr", "actual") if c.period and c.period.resolved]
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
            if rev.low > value.high:
                severity, verdict = "error", "exceeds"
            elif middle > value.high and revenue.value.amount is None:
                severity, verdict = "warning", "fits only at the very bottom of its range under"
            else:
                continue
            yield finding(
                f"{revenue.subject}: revenue for {period.text or period.start.year} ({revenue.quote!r}, "
                f"{rev.describe()}) {verdict} the run-rate of {arr.quote!r} reported for "
                f"{arr.period.start}…{arr.period.end} ({value.describe()}), though the company grew since",
                revenue, arr, severity=severity, revenue=rev.as_dict(), arr=value.as_dict(),
            )


RATIO_BANDS = {
    None: (0.95, 1.05), "about": (0.9, 1.1), "around": (0.9, 1.1), "roughly": (0.9, 1.1),
    "approximately": (0.9, 1.1), "some": (0.9, 1.1), "close to": (0.9, 1.0), "nearly": (0.9, 1.0),
    "almost": (0.9, 1.0), "just under": (0.9, 1.0), "more than": (1.0, 1.5), "over": (1.0, 1.5),
    "at least": (1.0, 1.5), "just over": (1.0, 1.1), "less than": (1 / 1.5, 1.0),
}


@rule("ratio-words", code="CC104", severity="warning", tags=("growth", "wording"))
def ratio_words(claim, claims, fx, run, *, exact_margin: float = 0.05):
    """A change word ("doubled", "nearly doubling", "tripled", "halved", "N-fold") does not match the figures.

    What: the figure a change word is tied to, divided by the latest earlier figure of the same company and
    metric (from the same source if it has one, else any source), must fall in the band the word allows:
    the bare word ±`exact_margin`, "nearly"/"almost" 90–100% of the factor, "about" ±10%, "more than" up to
    1.5x the factor. Both figures are intervals, converted at the reference rates, so the ratio is one too.
    Why: change words are where rounding turns into exaggeration.
    Example: a valuation going from €11.7 billion (about $13.7 billion) to $23.15 billion is 1.65–1.73x:
    not "nearly doubling" (1.8–2.0x).
    """
    ratio = claim.ratio
    if ratio is None or not claim.subject or not claim.metric or not claim.value.currency:
        return
    start = claim.period.start if claim.period and claim.period.start else None
    earlier = [
        c for c in claims.about(claim.subject, claim.metric)
        if c.id != claim.id and c.period and c.period.end and (start is None or c.period.end < start)
        and c.value.currency
    ]
    if not earlier:
        return
    same_source = [c for c in earlier if c.source == claim.source]
    pool = same_source or earlier
    base = max(pool, key=lambda c: (c.modality == "actual", c.period.end, c.source, c.span))
    now = in_currency(claim, claim.value.currency, fx, run.published(claim))
    then = in_currency(base, claim.value.currency, fx, run.published(base))
    if now is None or then is None or then.low <= 0:
        return
    if ratio.direction == "up":
        low, high = now.low / then.high, now.high / then.low
    else:
        low, high = then.low / now.high, then.high / now.low
    band = RATIO_BANDS.get(ratio.qualifier, RATIO_BANDS["about"])
    if ratio.qualifier is None:
        band = (1 - exact_margin, 1 + exact_margin)
    allowed = (ratio.factor * band[0], ratio.factor * band[1])
    if high < allowed[0] or low > allowed[1]:
        yield finding(
            f"{ratio.text!r} for {claim.subject} {claim.metric}: {claim.quote!r} against {base.quote!r} "
            f"({then.describe()}) is {low:.2f}–{high:.2f}x, but {ratio.text!r} allows "
            f"{allowed[0]:.2f}–{allowed[1]:.2f}x",
            claim, base, ratio=[round(low, 4), round(high, 4)], allowed=[round(a, 4) for a in allowed],
            baseline=then.as_dict(), figure=now.as_dict(),
        )


@rule("series-sanity", code="CC105", severity="error", tags=("funding", "series"))
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
