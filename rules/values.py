"""Default rules about the value of one fact as reported by several sources."""

from claimcheck import common_currency, finding, in_currency, relative_gap, rule


@rule("cross-source-conflict", code="CC101", severity="error", tags=("value",))
def cross_source_conflict(fact, fx, run, *, tolerance: float = 0.005):
    """Two sources report the same fact with values that cannot both be true.

    What: claims with the same subject, metric, modality, round and compatible periods, from different
    sources, whose intervals, converted to one currency at the ECB reference rates over each claim's
    window (event to publication), are further apart than `tolerance` (relative gap).
    Why: a wrong currency, a mistyped figure or a confused round is the most common error in
    business copy, and it spreads from outlet to outlet.
    Example: "Microsoft invested €15 million" against "Microsoft invested $15 million" in February 2024
    (€15m was about $16.2m then); "$16 million" for the same investment is consistent.
    """
    claims = fact.claims
    if len(claims) < 2 or all(c.source == claims[0].source for c in claims):
        return
    if all(c.value.currency == claims[0].value.currency for c in claims) and max(
        c.value.low for c in claims
    ) <= min(c.value.high for c in claims):
        return  # one currency and every interval meets every other: no conversion needed to say so
    currency = common_currency(claims)
    if currency is None:
        return
    values = {c.id: in_currency(c, currency, fx, run.published(c)) for c in fact.claims}
    known = [values[c.id] for c in fact.claims if values[c.id] is not None]
    if not known or max(v.low for v in known) <= min(v.high for v in known):
        return  # every interval meets every other: nothing to compare pairwise
    for a, b in fact.pairs():
        va, vb = values[a.id], values[b.id]
        if va is None or vb is None:
            continue
        gap = relative_gap(va, vb)
        if gap > tolerance:
            yield finding(
                f"{fact.key.describe()}: {a.quote!r} and {b.quote!r} disagree: "
                f"{va.describe()} vs {vb.describe()}, {gap:.1%} apart (tolerance {tolerance:.1%})",
                a, b, compared_in=currency, values={a.id: va.as_dict(), b.id: vb.as_dict()},
                gap=round(gap, 6), tolerance=tolerance,
            )
