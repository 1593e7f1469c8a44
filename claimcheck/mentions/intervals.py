"""The interval policy: how a written figure, its qualifier or its vagueness becomes `[low, high]`.

The numbers here are the documented defaults of docs/intervals.md; config may override any of them.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from claimcheck.models import Money

#: Qualifier phrase (lower case, single spaces) -> qualifier kind.
QUALIFIER_KINDS: dict[str, str] = {
    **dict.fromkeys(
        ["about", "around", "approximately", "approx.", "roughly", "some", "circa", "an estimated",
         "estimated", "close to", "~",
         # as other desks write them: "(rund 70 Mio. Euro)", "ca. 3,08 mia. euro", "cirka 25 mdr kr", "unos $12,950 mdp"
         # ("ca." in small letters only: `money._QUAL`; "CA" is California; "OK." is no "ok.")
         "ca.", "ca", "rund", "etwa", "cirka", "omkring", "ongeveer", "environ", "unos", "unas", "aprox.",
         "aproximadamente", "cerca de", "cerca",
         # Polish and Czech: "(ok. 810 mln euro)", "około 2 mld zł", "cca 3 mld Kč" (small letters only, as "ca.")
         "ok.", "około", "cca"],
        "approx",
    ),
    **dict.fromkeys(
        ["nearly", "almost", "just under", "just shy of", "just below", "not quite"], "near-below"
    ),
    **dict.fromkeys(
        ["just over", "just above", "a little over", "slightly more than"], "near-above"
    ),
    **dict.fromkeys(
        ["over", "more than", "at least", "upwards of", "north of", "tops", "topped", "above",
         "in excess of", "exceeding", "exceeds", "surpass", "surpasses", "surpassed", "surpassing",
         "a minimum of"],
        "lower-bound",
    ),
    **dict.fromkeys(
        ["less than", "under", "up to", "no more than", "at most", "below", "as much as",
         "as high as", "a maximum of", "fewer than"],
        "upper-bound",
    ),
}


def _default_vague() -> dict[str, tuple[float, float]]:
    return {
        "a couple of": (2, 3),
        "a few": (2, 5),
        "several": (2, 9),
        "tens of": (10, 99),
        "dozens of": (24, 99),
        "hundreds of": (100, 999),
        "plural": (1, 999),
    }


@dataclass(frozen=True)
class IntervalPolicy:
    """Margins and vague ranges; `open_factor = inf` gives the strict reading of open bounds."""

    approx_margin: float = 0.10
    approx_units: float = 10
    """… but never more than this many units of the figure's last significant digit: "about N7.38 billion" is
    7.28–7.48 billion (a writer who gives three figures knows the third), "about $2 billion" still 1.8–2.2."""
    near_margin: float = 0.10
    open_factor: float = 1.5
    vague: dict[str, tuple[float, float]] = field(default_factory=_default_vague)

    def point(
        self, amount: float, half_unit: float, currency: str | None, qualifier: str | None
    ) -> Money:
        """A written figure `amount` precise to `half_unit`, bounded by the kind of its qualifier."""
        low, high = amount - half_unit, amount + half_unit
        kind = QUALIFIER_KINDS.get(qualifier) if qualifier else None
        if kind == "approx":
            margin = min(amount * self.approx_margin, _significant_unit(amount, 2 * half_unit) * self.approx_units)
            low, high = min(low, amount - margin), max(high, amount + margin)
        elif kind == "near-below":
            low, high = amount * (1 - self.near_margin), amount
        elif kind == "near-above":
            low, high = amount, amount * (1 + self.near_margin)
        elif kind == "lower-bound":
            low, high = amount, (amount * self.open_factor if amount else amount)  # "over $0": not 0·inf
        elif kind == "upper-bound":
            low, high = amount / self.open_factor, amount
        return Money.model_construct(
            amount=_clean(amount), currency=currency, low=_clean(max(low, 0.0)), high=_clean(high), qualifier=kind
        )

    def range(
        self, first: tuple[float, float], second: tuple[float, float], currency: str | None
    ) -> Money:
        """`between X and Y`: from the low end of X's precision to the high end of Y's; the written ends kept."""
        (a, ha), (b, hb) = sorted([first, second])
        return Money.model_construct(
            amount=None, currency=currency, low=_clean(max(a - ha, 0.0)), high=_clean(b + hb), qualifier="range",
            ends=(_clean(first[0]), _clean(second[0])),
        )

    def vague_amount(self, form: str, scale: float, currency: str | None) -> Money:
        """`tens of millions`, `several billion`: a documented multiple of the scale."""
        lo, hi = self.vague[form]
        return Money.model_construct(
            amount=None, currency=currency, low=_clean(lo * scale), high=_clean(hi * scale),
            qualifier=form,
        )


def _significant_unit(amount: float, unit: float) -> float:
    """The unit of the last significant digit: "300 billion" is written to the hundred billion, "7.38 billion" to
    the ten million (trailing zeros of a whole number say nothing of its precision)."""
    if not (0 < amount < math.inf and 0 < unit < math.inf):
        return unit
    while unit * 10 <= amount and abs(amount / (unit * 10) - round(amount / (unit * 10))) < 1e-6:
        unit *= 10
    return unit


def _clean(x: float) -> float:
    """Round away binary noise (1.7e9 - 0.05e9 = 1649999999.9999998) without losing written digits."""
    if not math.isfinite(x) or x == 0:
        return x
    digits = 12 - int(math.floor(math.log10(abs(x))))
    return round(x, digits) if digits > 0 else float(round(x, digits))


DEFAULT_POLICY = IntervalPolicy()
