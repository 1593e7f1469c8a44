"""Money as pint quantities: each ISO currency is its own dimension, so pint never converts one
currency into another by itself; only an explicit rate (a quantity in QUOTE/BASE) does.

pint is imported on first use (its import costs ~0.2 s), so extraction and checks that do not ask for
quantities never pay for it.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from typing import TYPE_CHECKING

from claimcheck.engine.fx import FX
from claimcheck.models import Money

if TYPE_CHECKING:
    import pint


def _currencies() -> list[str]:
    """Every currency the money grammar can emit (the currency table's codes)."""
    from claimcheck.mentions.currencies import table

    return table().codes


@lru_cache(maxsize=1)
def registry() -> "pint.UnitRegistry":
    """A registry with only currencies: no physical units, no default definitions to parse."""
    import pint

    units: pint.UnitRegistry = pint.UnitRegistry(None)
    for code in _currencies():
        units.define(f"{code} = [currency_{code}]")
    return units


def quantities(money: Money) -> tuple["pint.Quantity", "pint.Quantity"]:
    """The interval `[low, high]` of a money value as two quantities in its currency."""
    if money.currency is None:
        raise ValueError("a money value without a currency has no unit")
    unit = registry()(money.currency)
    return money.low * unit, money.high * unit


def rate_quantities(fx: FX, base: str, quote: str, start: dt.date, end: dt.date | None = None):
    """The reference rate over a window as two quantities in QUOTE/BASE (lowest, highest)."""
    rate = fx.rate(base, quote, start, end)
    unit = registry()(quote) / registry()(base)
    return rate.low * unit, rate.high * unit


def convert(money: Money, quote: str, fx: FX, start: dt.date, end: dt.date | None = None):
    """`money` in `quote` over the window, as (low, high) quantities: explicit rate, explicit units."""
    low, high = quantities(money)
    r_low, r_high = rate_quantities(fx, money.currency or "", quote, start, end)
    return (low * r_low).to(quote), (high * r_high).to(quote)
