"""pint carries money with currency units and never converts currencies on its own."""

import datetime as dt

import pint
import pytest

from claimcheck.engine.fx import FX
from claimcheck.models import Money
from claimcheck.report.units import convert, quantities, registry


def test_amounts_carry_their_currency():
    low, high = quantities(Money(amount=15e6, currency="EUR", low=14.5e6, high=15.5e6))
    assert str(low.units) == "EUR" and low.magnitude == 14.5e6 and high.magnitude == 15.5e6


def test_pint_never_guesses_a_rate():
    low, _ = quantities(Money(amount=15e6, currency="EUR", low=14.5e6, high=15.5e6))
    with pytest.raises(pint.DimensionalityError):
        low.to("USD")


def test_explicit_rate_converts_and_matches_fx():
    fx = FX()
    money = Money(amount=15e6, currency="EUR", low=14.5e6, high=15.5e6)
    low, high = convert(money, "USD", fx, dt.date(2024, 2, 26))
    plain = fx.convert(money.low, money.high, "EUR", "USD", dt.date(2024, 2, 26))
    assert str(low.units) == "USD"
    assert low.magnitude == pytest.approx(plain[0]) and high.magnitude == pytest.approx(plain[1])


def test_amount_without_currency_has_no_unit():
    with pytest.raises(ValueError):
        quantities(Money(amount=None, currency=None, low=1e9, high=999e9))


def test_registry_knows_every_currency_the_grammar_emits():
    from claimcheck.mentions.currencies import table

    t = table()
    emitted = {c for spellings in (t.names, t.symbols) for codes in spellings.values() for c in codes}
    emitted |= {c for sub in t.subunits.values() for c in sub["currencies"]} | set(t.defaults.values()) - {None}
    assert len(emitted) > 150
    for code in emitted:
        registry()(code)
