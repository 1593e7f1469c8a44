"""Exchange-rate windows: the sparse range tables answer exactly what a scan of the window would."""

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from claimcheck.engine.fx import FX, _RangeTable

rates = st.lists(st.one_of(st.none(), st.floats(min_value=0.01, max_value=1e4)), min_size=1, max_size=300)


@given(rates, st.data())
def test_range_is_min_and_max_of_the_window_ignoring_gaps(values, data):
    lo = data.draw(st.integers(0, len(values) - 1))
    hi = data.draw(st.integers(lo + 1, len(values)))
    present = [v for v in values[lo:hi] if v is not None]
    expected = (min(present), max(present)) if present else (None, None)
    assert _RangeTable(values).range(lo, hi) == expected


def test_window_rate_spans_the_daily_rates_inside_it():
    fx = FX()
    days = [dt.date(2024, 3, 4) + dt.timedelta(days=i) for i in range(5)]  # a Monday-to-Friday week
    daily = [fx.rate("USD", "GBP", day).low for day in days]
    week = fx.rate("USD", "GBP", days[0], days[-1])
    assert (week.low, week.high) == (min(daily), max(daily))
    assert isinstance(week.low, float) and week.first == days[0] and week.last == days[-1]
