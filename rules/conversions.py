"""Default rule about currency conversions written inside one text."""

import re

from claimcheck import Interval, finding, in_currency, relative_gap, rule

CURRENT = re.compile(r"\b(?:current|today's|today’s|present|prevailing)\s+(?:exchange\s+)?rates?\b", re.I)


# The metrics of the default pack: the two conversions of one organisation's story that `_story_rate` compares may
# convert any two of them (revenue in one article, profit in the next), so the rule relates them all (one topic per
# organisation in `check --engine dask`'s groups, docs/scale.md)
STORY_METRICS = ("revenue", "profit", "loss", "operating_income", "ebitda", "bookings", "capex", "arr", "valuation",
                 "pre_money_valuation", "market_cap", "budget", "debt", "cash", "funding", "investment", "deal", "fine",
                 "dividend", "buyback")


@rule("conversion-check", code="CC102", severity="error", tags=("fx",),
      related_metrics={STORY_METRICS[0]: STORY_METRICS[1:]}, claims_with=("conversion_of",))
def conversion_check(claim, claims, fx, run, *, tolerance: float = 0.02, approx: float = 0.03,
                     copy_tolerance: float = 0.08, copy_agree: float = 0.03, sentence_tolerance: float = 0.15,
                     article_days: int = 183):
    """A conversion in the text implies an exchange rate far from the reference rate.

    What: an amount restated in another currency ("€500 million ($515 million)") whose implied rate is
    off the ECB reference rate by more than `tolerance`, with both figures' precision allowed for. The
    reference rate is taken at publication when the text says "current rates", else over the days from the
    end of the figure's period (an event's or a balance's day) to publication, or as the period's average
    (a year's profit restated at that year's average rate, as company statements do). A bound's conversion, plain or
    rounded, restates the number written ("up to €2 billion ($2.3 billion)" converts 2 billion, not every figure under
    it; "a minimum of PLN 9 billion (roughly €2.5bn)" converts 9 billion), and so does an estimate's ("about €140 million ($131 million)"
    converts the 140 to its last digit, not the ±10% "about" gives). A conversion written "about" is a rounded
    restatement: its digits, or `approx` either side, not the ±10% "about" gives an estimate elsewhere.
    A conversion from or into a currency the reference rates do not cover (the ECB publishes about thirty: not
    the Chilean peso, the naira or the dong) is checked against the rate the copy itself gives: when at least two
    other conversions of the same two currencies, in articles published within 14 days, agree with each other
    (within `copy_agree`), a conversion more than `copy_tolerance` off their rates is a warning ("US$191 million
    (about 145 billion Chilean pesos)", 759 pesos to the dollar, where the copy's other conversions give 946).
    Without such rates, two conversions of the same two currencies in one sentence that imply rates more than
    `sentence_tolerance` apart are a warning naming both ("EGP 10.11 billion ($327 million), … EGP 152.18 billion
    (about $3.1 billion)": 30.9 and 49.1 pounds to the dollar; one sentence converts at one rate, so one of the two
    is wrong), reported once, from the first of them; so are the only two conversions of the same two currencies in
    one article, of figures whose periods end within `article_days` of each other ("KD208 million (USD 677 million)"
    for the year's profit and "KD151.4 million (about $390 million)" for its dividends: 3.26 and 2.58 dollars to the
    dinar; a writer converts one story's figures at one rate, and figures of years apart, at their own years' rates,
    are not compared); and so are the only two conversions of them in two articles on one organisation published
    within 14 days of each other ("N1.53 trillion (about $1 billion)" and, a week later, "N274.9 billion (roughly $600
    million)": 1,530 and 458 naira to the dollar); else the conversion is reported as info, not checked.
    Why: a wrong conversion misleads readers who only look at the figure in their own currency.
    Example: "€500 million ($600 million)" in February 2025 implies 1.20 USD per EUR against a
    reference rate of about 1.03.
    """
    if not claim.conversion_of:
        return
    original = claims.by_id(claim.conversion_of)
    if original is None or not original.value.currency or not claim.value.currency:
        return
    published = run.published(claim)
    written_original = _written(original, claim)
    if published and CURRENT.search(claim.sentence):
        expected = in_currency(written_original, claim.value.currency, fx, published, (published, published))
    else:
        expected = _struck(written_original, claim.value.currency, fx, published)
    if expected is None:
        missing = [c for c in (original.value.currency, claim.value.currency) if not fx.covers(c)]
        if not missing:
            return
        copy = _copy_rate(claim, claims, run, published, copy_agree) if published else None
        if copy is None and published:
            beside = _far_apart(claim, original, claims, run, published, approx, sentence_tolerance, article_days)
            if beside is not None:
                gap, other, other_of, mine, theirs, one, unit, where = beside
                yield finding(
                    f"{claim.quote!r} as a conversion of {original.quote!r} implies 1 {one} = {mine[0]:.4g}–{mine[1]:.4g} "
                    f"{unit}; in the same {where} {other.quote!r} as a conversion of {other_of.quote!r} implies "
                    f"{theirs[0]:.4g}–{theirs[1]:.4g} {unit}: {gap:.1%} apart (tolerance {sentence_tolerance:.0%}), "
                    f"so one of the two is wrong (no reference rate for {' or '.join(missing)})",
                    original, claim, other_of, other, severity="warning", unrated=missing, rate_of=[one, unit],
                    implied_rate=[mine[0], mine[1]], other_rate=[theirs[0], theirs[1]], gap=round(gap, 6),
                    tolerance=sentence_tolerance,
                )
                return
            if _far_apart(claim, original, claims, run, published, approx, sentence_tolerance, article_days,
                          after_only=False):
                return  # the later of the two: named in the warning reported from the first
        if copy is None:  # say so: a fact-checker must not read silence as a conversion found right
            yield finding(
                f"{claim.quote!r} as a conversion of {original.quote!r} is not checked: no reference rate for "
                f"{' or '.join(missing)}", original, claim, severity="info", unrated=missing)
            return
        base, quote, low, high, agreeing = copy
        implied = _implied(written_original, _restated(claim, approx), base)
        if implied is None:
            return
        gap = relative_gap(Interval(implied[0], implied[1], quote), Interval(low, high, quote))
        if gap > copy_tolerance:
            nearest = agreeing[0]
            one, other, shown, given = base, quote, implied, (low, high)
            if high < 1:  # said the way round a reader knows it: 1 USD = 946 CLP, not 1 CLP = 0.001057 USD
                one, other, shown, given = quote, base, (1 / implied[1], 1 / implied[0]), (1 / high, 1 / low)
            yield finding(
                f"{claim.quote!r} as a conversion of {original.quote!r} implies 1 {one} = "
                f"{shown[0]:.4g}–{shown[1]:.4g} {other}; the copy's own conversions of {base} and {quote} "
                f"published within {run.copy_rate_days} days give {given[0]:.4g}–{given[1]:.4g} {other} ({len(agreeing)} conversions, "
                f"e.g. {nearest.quote!r} in {nearest.source}), {gap:.1%} away (tolerance {copy_tolerance:.0%}; no "
                f"reference rate for {' or '.join(missing)})",
                original, claim, nearest, severity="warning", unrated=missing, rate_of=[one, other],
                copy_rate=[given[0], given[1]], implied_rate=[shown[0], shown[1]], gap=round(gap, 6),
                tolerance=copy_tolerance,
            )
        return
    written = _restated(claim, approx)
    gap = relative_gap(expected, written)
    if gap > tolerance:
        amounts = (claim.value.amount, original.value.amount)
        implied = amounts[0] / amounts[1] if amounts[0] is not None and amounts[1] else None
        implied_text = f"implies 1 {original.value.currency} = {implied:.3f} {claim.value.currency}; " if implied else ""
        yield finding(
            f"{claim.quote!r} as a conversion of {original.quote!r} {implied_text}"
            f"the reference gives {expected.describe()}, {gap:.1%} away (tolerance {tolerance:.1%})",
            original, claim, implied_rate=implied, expected=expected.as_dict(), written=written.as_dict(),
            gap=round(gap, 6), tolerance=tolerance,
        )


def _copy_rate(claim, claims, run, published, agree: float):
    """(base, quote, low, high, agreeing conversions nearest first) for the rate the copy gives between the claim's
    two currencies (units of `quote` per `base`, the pair in alphabetical order): the point rates of the other
    conversions published near it, when at least two agree within `agree` of their median; else None."""
    original = claims.by_id(claim.conversion_of)
    base, quote = sorted((original.value.currency, claim.value.currency))
    rates = []
    for c in run.conversions_near(base, quote, published):
        if c.id == claim.id or c.conversion_of == claim.conversion_of:
            continue
        of = claims.by_id(c.conversion_of)
        if of is None or not of.value.amount or not c.value.amount or of.value.amount <= 0 or c.value.amount <= 0:
            continue
        rate = c.value.amount / of.value.amount if of.value.currency == base else of.value.amount / c.value.amount
        day = run.published(c)
        rates.append((rate, abs((day - published).days) if day else run.copy_rate_days, c))
    if len(rates) < 2:
        return None
    middle = sorted(r for r, _, _ in rates)[len(rates) // 2]
    agreeing = [(r, d, c) for r, d, c in rates if abs(r - middle) <= agree * middle]
    if len(agreeing) < 2:
        return None
    agreeing.sort(key=lambda x: (x[1], x[2].source, x[2].span))
    return base, quote, min(r for r, _, _ in agreeing), max(r for r, _, _ in agreeing), [c for _, _, c in agreeing]


def _far_apart(claim, original, claims, run, published, approx: float, tolerance: float, days: int,
               after_only: bool = True):
    """`_sentence_rate`'s answer when its conversions are more than `tolerance` apart, else `_article_rate`'s, with
    where they stand ("sentence", "article"); None when neither is."""
    found = _sentence_rate(claim, original, claims, run, published, approx, after_only)
    if found is not None and found[0] > tolerance:
        return (*found, "sentence")
    found = _article_rate(claim, original, claims, run, published, approx, days, after_only)
    if found is not None:
        return (*found, "article") if found[0] > tolerance else None
    found = _story_rate(claim, original, claims, run, published, approx, days, after_only)
    return (*found, "story") if found is not None and found[0] > tolerance else None


def _story_rate(claim, original, claims, run, published, approx: float, days: int, after_only: bool = True):
    """`_article_rate` across the articles on one organisation: the one other conversion of the same two currencies,
    in another article published within the copy's days (`run.copy_rate_days`), of the same organisation's figure
    of a period ending within `days` of this one's, when there is only one such and this one comes first (by
    publication, source and place; or either, not `after_only`): "N1.53 trillion (about $1 billion)" on 31 January
    and "N274.9 billion (roughly $600 million)" a week later, 1,530 and 458 naira to the dollar, of one company's
    year. Both figures measure one of `STORY_METRICS` (what the rule relates). Else None."""
    end = original.period.end if original.period is not None else None
    if end is None or original.subject is None or original.metric not in STORY_METRICS:
        return None
    others = []
    for other in run.conversions_near(*sorted((original.value.currency, claim.value.currency)), published):
        if other.source == claim.source:
            continue  # (the article's own: `_article_rate`)
        other_of = claims.by_id(other.conversion_of)
        if other_of is None or other_of.subject != original.subject or other_of.metric not in STORY_METRICS \
                or other_of.period is None \
                or other_of.period.end is None or abs((other_of.period.end - end).days) > days:
            continue
        others.append(other)
    if len(others) != 1:
        return None
    other = others[0]
    first = min((claim, other), key=lambda c: (run.published(c) or published, c.source, c.span))
    if after_only and first is not claim:
        return None
    return _rates_apart(claim, original, other, claims, approx)


def _sentence_rate(claim, original, claims, run, published, approx: float, after_only: bool = True):
    """(gap, other conversion, its original, this one's rate, the other's rate, one, unit) for the other conversion
    of the same two currencies in the claim's sentence, when this one stands first (or either, not `after_only`);
    else None."""
    for other in run.conversions_near(*sorted((original.value.currency, claim.value.currency)), published, days=0):
        if other.source != claim.source or other.sentence != claim.sentence or other.id == claim.id \
                or (after_only and other.span[0] <= claim.span[0]) or other.conversion_of == claim.conversion_of:
            continue  # (the later one in the sentence: reported once, from the first)
        apart = _rates_apart(claim, original, other, claims, approx)
        if apart is not None:
            return apart
    return None


def _article_rate(claim, original, claims, run, published, approx: float, days: int, after_only: bool = True):
    """`_sentence_rate` for the one other conversion of the same two currencies in the claim's article, in another
    sentence, of a figure whose period ends within `days` of this one's, when there is only one such and this one
    stands first (or either, not `after_only`); else None (three or more, the copy's own rate has the say)."""
    end = original.period.end if original.period is not None else None
    if end is None:
        return None
    others = []
    for other in run.conversions_near(*sorted((original.value.currency, claim.value.currency)), published, days=0):
        if other.source != claim.source or other.id == claim.id or other.conversion_of == claim.conversion_of:
            continue
        other_of = claims.by_id(other.conversion_of)
        if other_of is None or other_of.period is None or other_of.period.end is None \
                or abs((other_of.period.end - end).days) > days:
            continue
        others.append(other)
    if len(others) != 1 or others[0].sentence == claim.sentence or (after_only and others[0].span[0] <= claim.span[0]):
        return None
    return _rates_apart(claim, original, others[0], claims, approx)


def _rates_apart(claim, original, other, claims, approx: float):
    """(gap, other, its original, this one's rate, the other's, one, unit): how far apart the rates two conversions
    of the same two currencies imply, said the way round a reader knows it; None when one implies none."""
    base, quote = sorted((original.value.currency, claim.value.currency))
    mine = _implied(_written(original, claim), _restated(claim, approx), base)
    other_of = claims.by_id(other.conversion_of)
    theirs = _implied(_written(other_of, other), _restated(other, approx), base) if other_of is not None else None
    if mine is None or theirs is None:
        return None
    gap = relative_gap(Interval(mine[0], mine[1], quote), Interval(theirs[0], theirs[1], quote))
    one, unit = base, quote
    if mine[1] < 1:  # said the way round a reader knows it: 1 USD = 49.1 EGP
        one, unit = quote, base
        mine, theirs = (1 / mine[1], 1 / mine[0]), (1 / theirs[1], 1 / theirs[0])
    return gap, other, other_of, mine, theirs, one, unit


def _implied(original, conversion: Interval, base: str) -> tuple[float, float] | None:
    """The rate (units of the other currency per `base`) a conversion implies, as an interval from both figures'."""
    value = original.value
    if value.low <= 0 or conversion.low <= 0:
        return None
    if value.currency == base:
        return conversion.low / value.high, conversion.high / value.low
    return value.low / conversion.high, value.high / conversion.low


def _struck(original, currency: str, fx, published) -> Interval | None:
    """The figure in `currency` at a rate of the day its period ends (the day an event or a balance is struck)
    to publication, or at the period's average rate (a year's profit restated at the year's average, as company
    statements do); a period not over by publication, or a figure with none, takes the default window."""
    period = original.period
    if published is None or period is None or period.start is None or period.end is None or period.end > published:
        return in_currency(original, currency, fx, published)
    struck = in_currency(original, currency, fx, published, (period.end, published))
    average = fx.average(original.value.currency, currency, period.start, period.end) if period.start < period.end \
        else None
    if struck is None or average is None:
        return struck
    low, high = original.value.low * average, original.value.high * average
    return Interval(min(struck.low, low, high), max(struck.high, low, high), currency, struck.rate)


def _restated(conversion, approx: float) -> Interval:
    """The figure a conversion writes: "(about NOK 9.4 billion)" rounds a product to the digits written, give
    or take `approx` for the day's rate; a conversion 16% off is no rounding."""
    value = conversion.value
    if value.qualifier == "approx" and value.amount:
        margin = max(_half_unit(value.amount), min(abs(value.amount) * approx, (value.high - value.low) / 2))
        return Interval(value.amount - margin, value.amount + margin, value.currency)
    return Interval(value.low, value.high, value.currency)


def _half_unit(amount: float) -> float:
    """Half a unit of a figure's last significant digit (9.4e9 -> 0.05e9; 2e9 -> 0.5e9)."""
    digits = f"{abs(amount):.6e}".split("e")
    mantissa, exponent = digits[0].replace(".", "").rstrip("0") or "0", int(digits[1])
    return 0.5 * 10.0 ** (exponent - (len(mantissa) - 1))


BOUNDS = ("upper-bound", "lower-bound")  # "up to €2 billion", "more than €2 billion"


def _written(original, conversion):
    """The figure a conversion restates: a bound's written number when the conversion is a plain or rounded figure
    ("up to €2 billion ($2.3 billion)", "a minimum of PLN 9 billion (roughly €2.5bn)"), an estimate's written
    number to its last digit ("about €140 million ($131 million)": the "about" is both figures', and the conversion
    restates the 140), else the original as read."""
    value = original.value
    if conversion.value.qualifier not in (None, "approx") or value.amount is None:
        return original  # (a conversion written "roughly" restates the number too: "at least PLN 9 billion (roughly
        # €2.5bn)" converts the 9 billion, its own rounding allowed for by `_restated`)
    if value.qualifier in BOUNDS:
        low = high = value.amount
    elif value.qualifier == "approx":
        margin = _half_unit(value.amount)
        low, high = value.amount - margin, value.amount + margin
    else:
        return original
    return original.model_copy(update={"value": value.model_copy(update={"low": low, "high": high, "qualifier": None})})

