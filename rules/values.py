"""Default rules about the value of one fact as reported by several sources."""

import math
import re

from claimcheck import (all_meet, common_currency, currencies_written, finding, in_currency, relative_gap, rule,
                        written_with_a_scale)

_BARE_DOLLAR = re.compile(r"(?<![A-Za-z$])\$")  # "$23.82 billion", not "A$", "US$", "C$"
_NAMED_DOLLAR = re.compile(r"[A-Za-z]\$|dollars?\b", re.IGNORECASE)  # "A$23.82 billion", "23.82 billion Canadian dollars"
# "100 cents" with no dollar named: the outlet's cents, as a bare "$" is its dollar ("A$1.00" in another article)
_BARE_CENTS = re.compile(r"(?:[A-Za-z]++\s++)*+[\d,.]++\s?+(?:cents?|c)", re.IGNORECASE)  # fullmatch
# The currencies a bare "$" stands for where they are spent (dollars and pesos): not the real, whose "R$" is no
# dollar ("$148.8 million" against "R$148.8 million" is a wrong currency, a conflict)
_DOLLAR_SIGN = frozenset({"USD", "CAD", "AUD", "NZD", "SGD", "HKD", "TWD", "MXN", "CLP", "COP", "ARS", "UYU", "DOP",
                          "BND", "FJD", "JMD", "TTD", "BSD", "BBD", "BMD", "BZD", "KYD", "XCD", "NAD", "LRD", "GYD"})


@rule("cross-source-conflict", code="CC101", severity="error", tags=("value",), related_metrics={})
def cross_source_conflict(fact, fx, run, *, tolerance: float = 0.005, forecast_tolerance: float = 0.05):
    """Two sources report the same fact with values that cannot both be true.

    What: claims with the same subject, metric, modality, round and compatible periods, from different
    sources, whose intervals, converted to one currency at the ECB reference rates over each claim's
    window (event to publication), are further apart than `tolerance` (relative gap). The currency is the
    one whose claims a conversion would blur most (`common_currency`): two reports in it compare as written.
    Why: a wrong currency, a mistyped figure or a confused round is the most common error in
    business copy, and it spreads from outlet to outlet.
    Example: "Microsoft invested €15 million" against "Microsoft invested $15 million" in February 2024
    (€15m was about $16.2m then); "$16 million" for the same investment is consistent.
    A fact gives one finding however many reports it has: the two reports furthest apart, and every
    report that disagrees with one of them, with how many side with each, and the conversions the two reports'
    texts give ("R$10.3 billion (about US$1.82 billion)" against "USD 10.3 billion"). The same figure written with a
    bare "$" (or in cents with no dollar named: "100 cents") by one source and with a named dollar or peso by another
    ("$23.82 billion", "A$23.82 billion"; "100 cents", "A$1.00"; not the real: "R$148.8 million" is no dollar) is
    reported as info, not error: the bare "$" is the outlet's dollar, which the copy may not state. So are
    two reports too far apart for one figure copied wrong (more than 3x, and not a power of ten or the same
    written number in two currencies): an extraction that read two figures as one fact, not a conflict. The
    reports of such a fact that lie within 25% of each other are then checked on their own: a mistyped
    figure beside the other one is still a conflict. So are they when one source gives two figures for the
    fact, and another source's report of one of them agrees with it (`_set_aside_what_both_say`), though the same number
    written in another currency by another source ("P97.1 billion" beside "P106.3 billion", against "$97.1 billion")
    is still a wrong currency (`_one_number_two_currencies`); where that
    source's two figures lie within 25% of each other, another source's report is checked against the nearer
    of them only, and only within 5% of it (a slip of that figure; farther, it may be a third figure). Deals,
    fines and rounds dated only by a year, with no counterparty or round named, are not compared: two of them
    may be two events. Two forecasts disagree only beyond `forecast_tolerance` (5%): two sources' forecasts
    may be two forecasters'. Two figures nearer than `tolerance` whose digits differ only by two neighbours swapped
    ("705.2 billion won" against "₩702.5bn", three digits or more) are one figure mistyped, and disagree however near
    (no rounding makes a transposition). A report whose copy settled no currency ("6,189 million pesos" in a story that names no
    country) is read in the one currency of the fact's other reports when its marker can mean it ("MXN 6,819
    million": a digit slip), and the finding says so; with no such report it is not compared. Reports whose sentences
    say they are the parent company's standalone figure and reports that say the group's consolidated one are two
    measures, each compared with the reports that say neither (`_by_scope`).
    """
    claims = _identified(fact.claims)
    if len(claims) < 2:
        return
    if fact.key.modality == "projection":
        tolerance = max(tolerance, forecast_tolerance)
    first = claims[0]
    source, currency, top, bottom = first.source, first.value.currency, first.value.low, first.value.high
    one_source = one_currency = True
    unpriced = False
    for c in claims:  # one pass over the reports (a million claims make hundreds of thousands of facts)
        value = c.value
        written_in = value.currency
        one_source = one_source and c.source == source
        one_currency = one_currency and written_in == currency
        unpriced = unpriced or written_in is None
        top = value.low if value.low > top else top
        bottom = value.high if value.high < bottom else bottom
    if one_source or (one_currency and top <= bottom):
        return  # one source; or one currency and every interval meets every other: no conversion needed
    read_as = {}
    if unpriced and not one_currency:
        claims, read_as = _priced_by_the_others(claims)
    published = run.published  # only a conversion needs the date: a claim in `currency` is taken as it is
    currency = common_currency(claims, published)
    if currency is None:
        return
    if all_meet(claims, currency, fx, published):
        return  # every interval meets every other: nothing to compare pairwise
    values = {c.id: in_currency(c, currency, fx, published(c) if c.value.currency != currency else None)
              for c in claims}
    valued = [c for c in claims if values[c.id] is not None]
    parts = _by_scope(valued)
    for reports in parts:
        found = list(_compared(fact, reports, values, currency, tolerance, run, read_as))
        yield from found
        if found and reports is not parts[-1] and parts[-1] is valued:
            return  # the reports of one scope disagree: the group of all of them says no more


def _compared(fact, valued, values, currency, tolerance, run, read_as):
    """The findings of these reports of one fact, compared as figures of one measure."""
    reported, two_figures = _set_aside_what_both_say(valued, values, tolerance)
    far = two_figures or (yield from _disagreement(fact, reported, values, currency, tolerance, run, read_as))
    if far:  # two figures read as one fact: each cluster of figures within a slip of each other is checked alone
        clusters = _clusters(reported, values)
        if len(clusters) > 1 and (pair := _one_number_two_currencies(reported)) is not None:
            # "P97.1 billion" beside the same source's "P106.3 billion", and another's "$97.1 billion": the same
            # written figure in another currency, a cluster apart, is still a wrong currency
            yield from _disagreement(fact, list(pair), values, currency, tolerance, run, read_as)
        for cluster in clusters:
            if len({c.source for c in cluster}) < 2:
                continue
            two = _two_of_one_source(cluster, values, tolerance)
            if two is None:
                yield from _disagreement(fact, cluster, values, currency, tolerance, run, read_as)
                continue
            # one source gives two near figures (A$2.653 billion and A$2.34 billion as one group's profit: an
            # underlying and a reported figure, or a unit's read as the group's): a third source's A$2.93 billion
            # may be a third figure; only one within a slip of one of them is that figure mistyped
            theirs = [c for c in cluster if c.source == two]
            for c in cluster:
                if c.source != two:
                    near = min(theirs, key=lambda o: relative_gap(values[o.id], values[c.id]))
                    if relative_gap(values[near.id], values[c.id]) <= NEAR_SLIP:
                        yield from _disagreement(fact, [near, c], values, currency, tolerance, run, read_as)


def _one_number_two_currencies(reported):
    """Two reports by two sources that write the same number (within 0.5% of the smallest of a run of such numbers)
    in two currencies ("P97.1 billion", "$97.1 billion"), the first such pair in the order of the numbers, or None.
    Sorted once (n log n); a run keeps two reports of distinct sources a currency, enough to find a pair."""
    written = sorted((c for c in reported if c.value.amount and c.value.currency), key=lambda c: (c.value.amount, c.id))
    run: dict[str, list] = {}
    first = None
    for c in written:
        if first is None or abs(c.value.amount - first) > 0.005 * abs(first):
            run, first = {}, c.value.amount
        for currency, kept in run.items():
            if currency != c.value.currency:
                other = next((o for o in kept if o.source != c.source), None)
                if other is not None:
                    return other, c
        kept = run.setdefault(c.value.currency, [])
        if len(kept) < 2 and all(o.source != c.source for o in kept):
            kept.append(c)
    return None


# "standalone net profit" (the parent company's alone) and "On a consolidated basis, … profit" (the group's): what the
# sentence of a report says it measures, when it says one of the two only
_SCOPE = re.compile(r"\b(?:(stand-?alone)|consolidated)\b", re.IGNORECASE)


def _scope(sentence: str) -> str | None:
    """"standalone" or "consolidated" when the report's sentence names that scope and not the other, else None."""
    said = {"standalone" if m.group(1) else "consolidated" for m in _SCOPE.finditer(sentence)}
    return said.pop() if len(said) == 1 else None


def _by_scope(valued):
    """The reports to compare together: all of them, unless some say they are the parent company's standalone figure
    and others the group's consolidated one ("standalone net profit … up from Rs 1,016 crore" against "On a
    consolidated basis, … from ₹943 crore"): two measures, each compared with itself and with the reports that say
    neither (copy that names one scope only, or none, gives the figure the company leads with). A source that gives
    both leaves them together, its two figures read as such (`_set_aside_what_both_say`: a report that names neither
    may be either), but first the reports that name the same scope are compared alone ("standalone … Rs 852 crore"
    beside "consolidated … Rs 697.51 crore", against another's "Standalone … ₹582 crore": the two standalone figures
    disagree); the caller stops at the first of these groups that disagrees."""
    scopes = {c.id: _scope(c.sentence) for c in valued}
    if not {"standalone", "consolidated"} <= set(scopes.values()):
        return [valued]
    said: dict[str, set] = {}
    for c in valued:
        said.setdefault(c.source, set()).add(scopes[c.id])
    if any({"standalone", "consolidated"} <= kinds for kinds in said.values()):
        alike = [part for part in ([c for c in valued if scopes[c.id] == scope] for scope in ("standalone", "consolidated"))
                 if len({c.source for c in part}) >= 2]
        return [*alike, valued]
    return [part for part in ([c for c in valued if scopes[c.id] != other] for other in ("consolidated", "standalone"))
            if len({c.source for c in part}) >= 2]


_FIGURE = re.compile(r"\d(?:[\d,.]*\d)?")
_NOT_DIGIT = re.compile(r"\D")


def transposed(one: str, other: str) -> bool:
    """Whether the figures two quotes write differ only by two neighbouring digits swapped ("705.2 billion won",
    "₩702.5bn"; "NOK 1,237 million", "NOK 1,327 million"), three digits or more: the commonest slip of a typist,
    which no rounding makes."""
    a, b = _FIGURE.search(one), _FIGURE.search(other)
    if a is None or b is None:
        return False
    x, y = _NOT_DIGIT.sub("", a.group(0)), _NOT_DIGIT.sub("", b.group(0))
    if len(x) != len(y) or len(x) < 3:
        return False
    differ = [i for i in range(len(x)) if x[i] != y[i]]
    return len(differ) == 2 and differ[1] == differ[0] + 1 and x[differ[0]] == y[differ[1]] \
        and x[differ[1]] == y[differ[0]]


def _mistyped(a, b) -> bool:
    """Two reports written in one currency whose figures two neighbouring digits swap (`transposed`)."""
    return a.value.currency == b.value.currency and transposed(a.quote, b.quote)


def _priced_by_the_others(claims):
    """The reports with a figure whose copy named no currency it could settle ("6,189 million pesos" in a story that
    never says which country's) read in the one currency the fact's other reports are written in, when the marker
    can mean it ("MXN 6,819 million" from another outlet: Mexican pesos), and which were read so (id -> currency). A
    company's figures are in one currency; without another report to say which, such a figure is not compared. A
    bare "$" the copy left unsettled stays so (`currencies.CurrencyTable._dollar`)."""
    unpriced = [c for c in claims if c.value.currency is None]
    priced = {c.value.currency for c in claims if c.value.currency is not None}
    if not unpriced or len(priced) != 1:
        return claims, {}
    (currency,) = priced
    # not a bare "$" left unsettled: the copy converts it into another dollar, and it may be a third one
    read_as = {c.id: currency for c in unpriced if "$" not in c.quote and currency in currencies_written(c.quote)}
    if not read_as:
        return claims, {}
    return [c.model_copy(update={"value": c.value.model_copy(update={"currency": currency})}) if c.id in read_as
            else c for c in claims], read_as


def _disagreement(fact, reported, values, currency, tolerance, run, read_as=None):
    """The finding for these reports of one fact, if they disagree; returns whether its two ends are too far
    apart for one figure copied wrong. The finding shows the two ends' own conversions in their texts too ("R$10.3
    billion (about US$1.82 billion)" against "USD 10.3 billion": the source's dollars beside the other's)."""
    # One finding per fact, however many reports it has (linear, never every pair): the extreme pair from
    # two sources, and every report that disagrees with one of its two ends.
    pair = extreme_pair([(c, values[c.id]) for c in reported])
    if pair is None:
        return False
    order = {c.id: i for i, c in enumerate(fact.claims)}
    (a, va), (b, vb) = sorted(pair, key=lambda cv: order[cv[0].id])  # in the fact's order, as always shown
    gap = relative_gap(va, vb)
    if gap <= tolerance and not (gap > 0 and _mistyped(a, b)):
        return False  # (two figures whose digits two neighbours swap are one figure mistyped, however near:
        # "705.2 billion won" against "₩702.5bn")
    involved = [c for c in reported if (
        relative_gap(values[c.id], va) > tolerance or relative_gap(values[c.id], vb) > tolerance)]
    with_a = sum(1 for c in involved if relative_gap(values[c.id], va) <= tolerance)
    with_b = sum(1 for c in involved if relative_gap(values[c.id], vb) <= tolerance)
    sides = f"; {with_a} report(s) agree with the first, {with_b} with the second" if len(involved) > 2 else ""
    doubt = _which_dollar(a, b)
    note = f"; the same figure: the bare \"$\" of {doubt.quote!r} may be the other's dollar" if doubt else ""
    far = not note and not _copying_error(a, b, va, vb)
    if far:
        note = "; too far apart for one figure copied wrong (a slip of digits, scale or currency): two figures?"
    guessed = [f"{c.quote!r} read in {read_as[c.id]}, the currency of the fact's other reports"
               for c in (a, b) if read_as and c.id in read_as]
    read = "".join(f"; {g}" for g in guessed)
    if gap <= tolerance:
        read += "; two neighbouring digits swapped: one figure mistyped"
    restated = [r for c in (a, b) for r in run.claims.conversions_of(c.id)]
    yield finding(
        f"{fact.key.describe()}: {a.quote!r} and {b.quote!r} disagree: "
        f"{va.describe()} vs {vb.describe()}, {gap:.1%} apart (tolerance {tolerance:.1%}){sides}{note}{read}",
        a, b, *[c for c in involved if c.id not in (a.id, b.id)], *restated, compared_in=currency,
        values={c.id: values[c.id].as_dict() for c in involved}, gap=round(gap, 6), tolerance=tolerance,
        reports=len(involved), severity="info" if note else None,
    )
    return far


MAX_TWO_FIGURE_REPORTS = 64  # reports of sources that give two figures, each report checked against them all


def _set_aside_what_both_say(reported, values, tolerance):
    """The reports left, and whether a source gives two figures for the fact. Such a fact holds two figures
    read as one (a quarter and its year, an adjusted figure and the reported one), and another source's report
    that matches one of them is that figure, not a disagreement with the other ("€23.3 billion" and "€13.9
    billion" in one article, "€23.3 billion" in the next): it is set aside, and the rest are checked figure by
    figure (`_clusters`). A source that gives one figure never sets another's aside: two sources that each
    give their own figure still disagree. Linear: each report is checked against the few reports of sources
    with two figures (none in most facts)."""
    if len({c.source for c in reported}) == len(reported):
        return reported, False  # one report per source, the common case: no source gives two figures
    by_source = {}
    for c in reported:
        v = values[c.id]
        low, high = by_source.get(c.source, (v, v))
        by_source[c.source] = (v if v.high < low.high else low, v if v.low > high.low else high)
    two = {s for s, (low, high) in by_source.items() if relative_gap(low, high) > tolerance}
    theirs = [c for c in reported if c.source in two]
    if not two or len(theirs) > MAX_TWO_FIGURE_REPORTS:
        return reported, False
    return [c for c in reported if not any(
        o.source != c.source and relative_gap(values[o.id], values[c.id]) <= tolerance
        and not _mistyped(o, c) for o in theirs)], True


def _clusters(reported, values):
    """The reports split where two neighbouring values, in order, are more than CLUSTER_RATIO apart (sorted
    once: n log n). In a fact that already holds two figures, only near values are one figure mistyped
    ("$23.85 billion" and "$23.58 billion" beside another company's "$165.6 billion"). A value at or below
    zero stays with its neighbour."""
    ordered = sorted(reported, key=lambda c: (values[c.id].low + values[c.id].high, c.id))
    clusters, current, previous = [], [], None
    for c in ordered:
        mid = (values[c.id].low + values[c.id].high) / 2
        if current and previous > 0 and mid > previous * CLUSTER_RATIO:
            clusters.append(current)
            current = []
        current.append(c)
        previous = mid
    clusters.append(current)
    return clusters


def _two_of_one_source(cluster, values, tolerance):
    """The source that gives two figures within the cluster, if any (the first found). Linear in the cluster."""
    seen = {}
    for c in cluster:
        v = values[c.id]
        if relative_gap(seen.setdefault(c.source, v), v) > tolerance:
            return c.source
    return None


ONE_A_YEAR = frozenset({"final", "full-year", "total", "annual"})  # dividends a (fiscal) year has one of (interims: several)
EVENT_DAYS = 31  # an event dated more loosely than this is dated by its month or year only (as the engine's facts)


def _identified(claims):
    """The reports that say which event they are: all of them, except deals, fines or rounds dated only by a year
    or so with no counterparty or round named ("bought a perfume house for €3.5 billion in 2023" and "paid €1.7
    billion for a 30% stake in 2023" may be two deals, not one reported two ways). What a company spent buying back
    its shares over a year is one figure of that year ("$6.5 billion in share repurchases" in fiscal 2025, "$5.6bn"):
    buybacks are compared, and so is the total of a dividend that names its kind, of which a year has one ("the final
    dividend for 2023/24 … N7.83 billion in total"; not a figure per share, which a second interim or a restated
    share count may change). One pass over the reports."""
    if not claims or claims[0].metric_kind != "event" or claims[0].metric == "buyback":
        return claims
    one_a_year = claims[0].metric == "dividend" and claims[0].segment in ONE_A_YEAR
    return [c for c in claims if c.counterparty or c.round or c.period is None or c.period.start is None
            or (one_a_year and written_with_a_scale(c.quote))
            or c.period.end is None or (c.period.end - c.period.start).days <= EVENT_DAYS]


MAX_SLIP_RATIO = 3.0  # a mistyped, transposed or rounded figure, or one in a neighbouring currency
CLUSTER_RATIO = 1.25  # in a fact that holds two figures, values this close are taken for one figure
NEAR_SLIP = 0.05  # beside a source's two near figures, a report this close to one of them is that one mistyped
SCALE_SLACK = 0.1  # a figure off by a power of ten (million for billion, lakh for crore), within 10 %


def _copying_error(a, b, va, vb) -> bool:
    """Whether two reports of one fact are far apart in a way one figure copied wrong can be: the same
    written number in two currencies ("€15 million" and "$15 million"), values within MAX_SLIP_RATIO of each
    other (a digit, a transposition, a rounding), or a power of ten apart (a scale word). Anything else
    ("€650 million" against "€23.68 billion" for one revenue) is two different figures read as one fact: an
    extraction to check, reported as info, not a conflict in the copy."""
    wa, wb = a.value.amount, b.value.amount
    if wa is not None and wb is not None and wa and abs(wa - wb) <= 0.005 * abs(wa):
        return True  # the same written figure: a wrong currency
    mid_a, mid_b = (va.low + va.high) / 2, (vb.low + vb.high) / 2
    if mid_a <= 0 or mid_b <= 0:
        return True  # below zero, or zero: no ratio to judge by
    ratio = max(mid_a, mid_b) / min(mid_a, mid_b)
    if ratio <= MAX_SLIP_RATIO:
        return True
    power = round(math.log10(ratio))
    return 1 <= power <= 5 and abs(ratio / 10 ** power - 1) <= SCALE_SLACK


def _which_dollar(a, b):
    """The report whose bare "$" may be the other report's dollar: the same figure written "$23.82 billion" by
    one source and "A$23.82 billion" by another (or to another precision: "$5.632 billion", "C$5.63 billion").
    A bare "$" is read as the outlet's dollar, which the copy may not state, so that is a question for the editor
    (severity info), not a conflict; None otherwise."""
    va, vb = a.value, b.value
    same = va.low <= vb.high and vb.low <= va.high if va.amount is not None and vb.amount is not None else (
        va.amount is None and vb.amount is None and (va.low, va.high) == (vb.low, vb.high))
    if not same:
        return None
    for bare, named in ((a, b), (b, a)):
        if (_BARE_DOLLAR.search(bare.quote) or _BARE_CENTS.fullmatch(bare.quote)) and not _NAMED_DOLLAR.search(bare.quote) \
                and _NAMED_DOLLAR.search(named.quote) and named.value.currency in _DOLLAR_SIGN:
            return bare
    return None


def extreme_pair(valued):
    """The two reports, from different sources, furthest apart: the lowest interval's top against the highest
    interval's bottom, each side's best two sources kept so that one source never pairs with itself."""
    lows = _best_two_sources(valued, key=lambda cv: cv[1].high)  # the lowest tops
    highs = _best_two_sources(valued, key=lambda cv: -cv[1].low)  # the highest bottoms
    pairs = [(x, y) for x in lows for y in highs if x[0].source != y[0].source]
    if not pairs:
        return None
    return max(pairs, key=lambda p: (p[1][1].low - p[0][1].high, p[0][0].id, p[1][0].id))


def _best_two_sources(valued, key):
    """The best item by `key` and the best one from another source (fewer when there is none)."""
    ordered = sorted(valued, key=lambda cv: (key(cv), cv[0].id))
    if not ordered:
        return []
    first = ordered[0]
    other = next((cv for cv in ordered if cv[0].source != first[0].source), None)
    return [first] + ([other] if other else [])
