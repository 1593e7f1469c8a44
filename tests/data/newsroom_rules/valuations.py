"""The worked example of docs/rules.md, kept as a real rule file (tests check they stay equal)."""

from claimcheck import common_currency, in_currency, rule


@rule("valuation-drop", code="NR001", severity="warning", tags=("valuation",))
def valuation_drop(fact, fx, run, *, max_drop: float = 0.5):
    """A reported valuation falls by more than half between two reports of the same round.

    What: within one fact about a valuation, the lowest value is below (1 - max_drop) of the highest.
    Why: down-rounds that steep are rare; a misplaced decimal is more likely.
    Example: "valued at $6 billion" against "valued at $600 million" for the same Series C.
    """
    if fact.key.metric != "valuation":
        return
    currency = common_currency(fact.claims)
    values = [(c, in_currency(c, currency, fx, run.published(c))) for c in fact.claims]
    values = [(c, v) for c, v in values if v is not None]
    if len(values) < 2:
        return
    low_claim, low = min(values, key=lambda cv: cv[1].high)
    high_claim, high = max(values, key=lambda cv: cv[1].low)
    assert low.high >= high.low * (1 - max_drop), (
        f"{fact.key.describe()}: {low_claim.quote!r} is less than half of {high_claim.quote!r}"
    )
