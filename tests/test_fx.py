"""Exchange-rate windows: the sparse range tables answer exactly what a scan of the window would, and a pair
asked a few times (a one-draft check) is scanned without numpy."""

import datetime as dt
import math
from array import array

from hypothesis import given
from hypothesis import strategies as st

import pytest

from claimcheck.engine.fx import FX, RateUnavailable, _RangeTable, _Scan

rates = st.lists(st.one_of(st.none(), st.floats(min_value=0.01, max_value=1e4)), min_size=1, max_size=300)


@given(rates, rates, st.data())
def test_range_is_min_and_max_of_the_window_ignoring_gaps(base, quote, data):
    """A pair's rate on a day is quote/base when both currencies have one that day (a column holds NaN where
    the ECB gave none)."""
    n = min(len(base), len(quote))
    base, quote = base[:n], quote[:n]
    lo = data.draw(st.integers(0, n - 1))
    hi = data.draw(st.integers(lo + 1, n))
    pair = [q / b if b is not None and q is not None else None for b, q in zip(base, quote)]
    present = [v for v in pair[lo:hi] if v is not None]
    expected = (min(present), max(present)) if present else (None, None)
    columns = [array("d", [math.nan if v is None else v for v in column]) for column in (base, quote)]
    for table in (_RangeTable(*columns), _Scan(*columns)):
        assert table.range(lo, hi) == expected
        assert [table.present(i) for i in range(n)] == [v is not None for v in pair]


def test_a_pair_asked_often_gets_a_table_with_the_same_answers():
    fx = FX()
    start = dt.date(2023, 1, 2)
    windows = [(start + dt.timedelta(days=i), start + dt.timedelta(days=i + i % 40)) for i in range(_Scan.ENOUGH + 20)]
    rates = [fx.rate("USD", "JPY", a, b) for a, b in windows]
    assert isinstance(fx._pairs[("USD", "JPY")], _RangeTable)
    assert [fx.rate("USD", "JPY", a, b) for a, b in windows] == rates
    assert isinstance(FX()._pair("USD", "JPY"), _Scan)


def test_window_rate_spans_the_daily_rates_inside_it():
    fx = FX()
    days = [dt.date(2024, 3, 4) + dt.timedelta(days=i) for i in range(5)]  # a Monday-to-Friday week
    daily = [fx.rate("USD", "GBP", day).low for day in days]
    week = fx.rate("USD", "GBP", days[0], days[-1])
    assert (week.low, week.high) == (min(daily), max(daily))
    assert isinstance(week.low, float) and week.first == days[0] and week.last == days[-1]


def test_currencies_the_euro_replaced_convert_at_their_fixed_rates_on_any_day():
    fx = FX()
    before_the_euro = dt.date(1995, 6, 1)  # no ECB data: the fixed rates still hold between these
    frf_eur = fx.rate("FRF", "EUR", before_the_euro)
    assert frf_eur.low == frf_eur.high == pytest.approx(1 / 6.55957)
    assert "fixed euro conversion rate" in frf_eur.describe()
    assert fx.rate("DEM", "FRF", before_the_euro).low == pytest.approx(6.55957 / 1.95583)
    # against a floating currency: through the euro's ECB rate on the day
    day = dt.date(2001, 3, 1)
    assert fx.rate("NLG", "USD", day).low == pytest.approx(fx.rate("EUR", "USD", day).low / 2.20371)


def test_bitcoin_has_no_reference_rate():
    with pytest.raises(RateUnavailable):
        FX().rate("BTC", "USD", dt.date(2024, 3, 4))


def test_currencies_pegged_to_the_dollar_convert_through_the_dollar_from_the_day_of_the_peg():
    fx = FX()
    day = dt.date(2025, 5, 6)
    sar_usd = fx.rate("SAR", "USD", day)
    assert sar_usd.low == pytest.approx(1 / 3.75) and sar_usd.high == pytest.approx(1 / 3.75)
    assert "SAR pegged at 3.75 per USD" in sar_usd.describe()
    # against another currency: the ECB's dollar rate on the day, times the peg
    assert fx.rate("AED", "EUR", day).low == pytest.approx(fx.rate("USD", "EUR", day).low / 3.6725)
    assert fx.rate("SAR", "AED", day).low == pytest.approx(3.6725 / 3.75)
    # before the Qatari riyal was fixed at 3.64 (July 2001) there is no rate, though the ECB's data covers it
    with pytest.raises(RateUnavailable):
        fx.rate("QAR", "USD", dt.date(2000, 3, 1))
    with pytest.raises(RateUnavailable):  # the naira floats and the ECB gives no rate
        fx.rate("NGN", "USD", day)
    # the Caribbean's dollars and the balboa too ("BDS$76.8m (US$46.1m)" is 1.67 to the dollar, not the peg's 2)
    assert fx.rate("BBD", "USD", day).low == pytest.approx(0.5)
    assert fx.rate("PAB", "USD", day).low == pytest.approx(1.0)
    assert fx.rate("XCD", "EUR", day).low == pytest.approx(fx.rate("USD", "EUR", day).low / 2.7)


@pytest.mark.parametrize("base, quote", [("EUR", "USD"), ("USD", "MXN"), ("GBP", "JPY"), ("SAR", "EUR")])
def test_average_is_the_mean_of_the_daily_rates_of_the_window(base, quote):
    fx = FX()
    start, end = dt.date(2024, 1, 1), dt.date(2024, 12, 31)
    daily = []
    day = start
    while day <= end:
        try:
            rate = fx.rate(base, quote, day, day)
        except RateUnavailable:
            rate = None
        if rate is not None and rate.first == day:  # a business day of its own, not the last one before it
            daily.append(rate.low)
        day += dt.timedelta(days=1)
    average = fx.average(base, quote, start, end)
    assert average is not None and math.isclose(average, sum(daily) / len(daily), rel_tol=1e-12)
    window = fx.rate(base, quote, start, end)
    assert window.low <= average <= window.high


def test_average_of_currencies_at_a_fixed_rate_is_that_rate():
    fx = FX()
    assert fx.average("DEM", "FRF", dt.date(2024, 1, 1), dt.date(2024, 12, 31)) == pytest.approx(6.55957 / 1.95583)
    assert fx.average("USD", "USD", dt.date(2024, 1, 1), dt.date(2024, 12, 31)) == 1.0
    assert fx.average("BTC", "USD", dt.date(2024, 1, 1), dt.date(2024, 12, 31)) is None
