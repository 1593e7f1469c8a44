"""Amounts as numbers for people and for JSON: shared by the checks (messages) and the reports."""

from __future__ import annotations

import math


def finite(x: float | None) -> float | None:
    """JSON has no infinity: an unbounded end is null."""
    return None if x is None or math.isinf(x) else x


def format_amount(x: float | None) -> str:
    """1.7e9 -> '1.7bn', 15e6 -> '15m', 9500 -> '9,500'."""
    if x is None:
        return "?"
    if math.isinf(x):
        return "∞"
    for scale, suffix in ((1e12, "tn"), (1e9, "bn"), (1e6, "m")):
        if abs(x) >= scale:
            return f"{x / scale:,.4g}{suffix}"
    return f"{x:,.4g}" if abs(x) < 1000 else f"{x:,.0f}"
