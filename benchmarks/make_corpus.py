"""Generate a deterministic corpus of synthetic business-news articles (markdown) for the benchmarks.

    python benchmarks/make_corpus.py                      # ~8 MB into benchmarks/out/corpus, seed 20261123
    python benchmarks/make_corpus.py OUT --mb 2 --seed 7  # another size, folder or seed

Everything is invented here from templates: companies, people, outlets and figures are made up (a few
well-known company names from the default entity table appear now and then, as they would in real
coverage). The same seed and size always give byte-identical files.

What an article contains, roughly in the proportions of wire-style business copy:
- YAML front matter (title, date, outlet, url, author, tags); some articles use a dateline instead,
  a few have no date at all;
- money written every common way: symbols and ISO codes before or after the figure, scale words and
  abbreviations, number words, qualifiers ("about", "more than", "nearly"), ranges, vague amounts
  ("tens of millions of euros"), parenthetical or "or" conversions into another currency, lakh/crore;
- dates and periods (days, months, quarters, halves, fiscal years, relative expressions, now and then a
  numeric 03/04/2025 date);
- numbers that are not money (percentages, headcounts, years, tickers, model versions, ranks), links
  whose URLs contain figures, lists, the odd table or code span;
- filler paragraphs with no money at all.

A hidden `.manifest.json` (ignored by claimcheck, which skips dot-files) records the seed and size so
that `run.py` can tell whether an existing corpus is the one it asked for.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import random
import re
import shutil
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_OUT = HERE / "out" / "corpus"
DEFAULT_SEED = 20261123
DEFAULT_MB = 8.0
GENERATOR_VERSION = 5  # bump when the output for a given seed changes
MANIFEST = ".manifest.json"

# ------------------------------------------------------------------------------------------- vocab
NAME_HEADS = (
    "Nor Quill Brae Cal Vant Ost Lum Tessel Hal Mer Kest Ardent Sol Vey Tarn Orr Fen Astra Cind Dun "
    "Elm Gal Hollin Iver Jun Kyr Lark Mire Nim Ober Pell Quor Rook Sable Thal Ulm Vesper Wren Yarr Zeph "
    "Bright Cobalt Delta Ember Flint Granite Harbor Indigo Juniper Keel Lode Mosaic Nimbus Onyx Prism"
).split()
NAME_TAILS = (
    "vane field wick ora ion mark stone gate bridge line ware path sight forge loop shift grid leaf "
    "point ridge wave vale core nest bay works scale"
).split()
ORG_SUFFIXES = (
    "Robotics", "Labs", "AI", "Energy", "Bank", "Group", "Technologies", "Systems", "Holdings", "Inc.",
    "plc", "SE", "GmbH", "Motors", "Industries", "", "", "", "", "",
)
INVESTOR_SUFFIXES = ("Ventures", "Capital", "Partners", "Growth", "Equity", "Investment Management")
KNOWN = ("Microsoft", "Nvidia", "Bpifrance", "ASML", "Mistral AI", "Stellantis", "OpenAI", "Anthropic")
FIRST = (
    "Mara Jonas Priya Tomasz Ines Kwame Elodie Rafael Sanne Hiroshi Lucia Dmitri Amara Felix Noor "
    "Bruno Hanna Ravi Chloe Mateo Yara Oskar Leila Tobias Ana Emeka Saskia Nikhil Greta Omar"
).split()
LAST = (
    "Lindqvist Okafor Brennan Varga Moreau Takeda Castellano Novak Haddad Pereira Eriksen Mensah "
    "Duval Sato Kowalski Rahman Fischer Oduya Lambert Iyer Bauer Rossi Nakamura Adeyemi Janssen"
).split()
ROLES = (
    "chief executive", "chief financial officer", "co-founder", "head of strategy", "chair",
    "chief operating officer", "managing partner", "president",
)
CITIES = (
    "Paris", "Berlin", "London", "Toronto", "Munich", "Stockholm", "Lyon", "Amsterdam", "Austin",
    "Singapore", "Bangalore", "Sydney", "Zurich", "Dublin", "Lisbon", "Tallinn", "Osaka", "Denver",
)
OUTLETS = (
    "The Ledger Line", "Northgate Business Daily", "Capital Wire", "The Quarterly Brief",
    "Market Lantern", "Harbor Street Journal", "The Fundraise", "Boardroom Dispatch",
    "Ticker & Tape", "The Balance Sheet", "Continental Markets", "Venture Weekly",
)
SECTORS = {
    "robotics": ("warehouse robots", "robotic arms", "autonomous forklifts", "inspection drones"),
    "fintech": ("payment terminals", "a business-banking app", "fraud-detection software", "payroll tools"),
    "climate": ("grid-scale batteries", "heat pumps", "carbon-capture units", "solar trackers"),
    "biotech": ("antibody therapies", "a gene-editing platform", "diagnostic kits", "cell therapies"),
    "chips": ("AI accelerators", "power semiconductors", "photonic chips", "memory controllers"),
    "logistics": ("cold-chain trucking", "last-mile delivery", "freight-matching software", "parcel lockers"),
    "defence": ("surveillance drones", "battlefield software", "satellite imaging", "counter-drone systems"),
    "software": ("AI coding agents", "a data warehouse", "customer-support bots", "security tooling"),
    "energy": ("offshore wind farms", "hydrogen electrolysers", "small modular reactors", "EV chargers"),
    "retail": ("grocery delivery", "a resale marketplace", "furniture stores", "a loyalty platform"),
}
CURRENCIES = {  # code: (prefix symbols, name singular/plural, USD per unit, weight)
    "USD": (("$", "US$", "$", "$"), ("dollar", "dollars"), 1.0, 40),
    "EUR": (("€",), ("euro", "euros"), 1.08, 28),
    "GBP": (("£",), ("pound", "pounds"), 1.27, 12),
    "JPY": (("¥",), ("yen", "yen"), 0.0067, 3),
    "CAD": (("C$", "CA$"), ("Canadian dollar", "Canadian dollars"), 0.74, 3),
    "AUD": (("A$",), ("Australian dollar", "Australian dollars"), 0.66, 2),
    "INR": (("₹", "Rs"), ("rupee", "rupees"), 0.012, 3),
    "CHF": ((), ("Swiss franc", "Swiss francs"), 1.12, 2),
    "SEK": ((), ("krona", "kronor"), 0.095, 2),
    "HKD": (("HK$",), ("Hong Kong dollar", "Hong Kong dollars"), 0.128, 1),
    "SGD": (("S$",), ("Singapore dollar", "Singapore dollars"), 0.74, 1),
    "CNY": (("RMB", "CN¥"), ("yuan", "yuan"), 0.14, 2),
}
QUALIFIERS = (
    "about", "around", "approximately", "roughly", "some", "an estimated", "close to", "nearly", "almost",
    "just under", "just over", "more than", "over", "at least", "upwards of", "in excess of", "less than",
    "up to", "as much as", "no more than", "~",
)
UNITS = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
    "seventeen eighteen nineteen"
).split()
TENS = "_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()
MONTHS = (
    "January February March April May June July August September October November December"
).split()
MONTH_ABBR = ("Jan.", "Feb.", "March", "April", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.", "Dec.")
WEEKDAYS = "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split()


def number_words(n: int) -> str:
    """1..999 as English words (hyphenated tens)."""
    parts = []
    if n >= 100:
        parts.append(f"{UNITS[n // 100]} hundred")
        n %= 100
        if n:
            parts.append("and")
    if n >= 20:
        parts.append(TENS[n // 10] + (f"-{UNITS[n % 10]}" if n % 10 else ""))
    elif n:
        parts.append(UNITS[n])
    return " ".join(parts)


# ------------------------------------------------------------------------------------------- money
class MoneyWriter:
    """Writes amounts in the many ways news copy does, from a value in a currency."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        codes = list(CURRENCIES)
        self.codes = codes
        self.weights = [CURRENCIES[c][3] for c in codes]

    def currency(self, home: str | None = None) -> str:
        if home and self.rng.random() < 0.7:
            return home
        return self.rng.choices(self.codes, self.weights)[0]

    def magnitude(self, low: float, high: float) -> float:
        """A log-uniform value rounded to 2-3 significant figures, the way reporters round."""
        x = math.exp(self.rng.uniform(math.log(low), math.log(high)))
        digits = self.rng.choice((1, 2, 2, 2, 2, 3, 3, 3, 4))
        exp = math.floor(math.log10(x)) - digits + 1
        return round(x / 10**exp) * 10**exp

    @staticmethod
    def _scaled(value: float) -> tuple[str, str, str]:
        """(number, scale word, abbreviation) for a value: 1.7e9 -> ('1.7', 'billion', 'bn')."""
        for scale, word, abbr in ((1e12, "trillion", "tn"), (1e9, "billion", "bn"), (1e6, "million", "m"),
                                  (1e3, "thousand", "k")):
            if value >= scale:
                num = f"{value / scale:.3f}".rstrip("0").rstrip(".")
                return num, word, abbr
        return f"{value:,.0f}", "", ""

    def plain(self, value: float, code: str, style: int | None = None) -> str:
        """One figure, no qualifier."""
        rng = self.rng
        symbols, (one, many), _, _ = CURRENCIES[code]
        num, word, abbr = self._scaled(value)
        if style is None:
            style = rng.choices(range(10), (24, 22, 5, 7, 6, 8, 5, 4, 3, 2))[0]
        if not symbols and style in (0, 1, 2, 7):
            style = rng.choice((3, 4, 5))
        if not word:
            style = rng.choice((7, 3)) if symbols else 3
        elif style == 7 and value >= 1e8:
            style = 1
        abbr = rng.choice((abbr, abbr, abbr, {"m": "mn", "bn": "bn", "k": "K", "tn": "tn"}[abbr])) if abbr else abbr
        sym = rng.choice(symbols) if symbols else ""
        if code == "INR" and value >= 1e5 and value < 1e12 and rng.random() < 0.5:
            crore = value / 1e7
            if crore >= 1:
                return f"{sym or 'Rs'}{' ' if sym in ('Rs', '') else ''}{crore:,.0f} crore"
            return f"{sym or 'Rs'}{' ' if sym in ('Rs', '') else ''}{value / 1e5:,.0f} lakh"
        if style == 0:  # $45m  €1.7bn
            return f"{sym}{num}{abbr}"
        if style == 1:  # $45 million
            return f"{sym}{num} {word}"
        if style == 2:  # $ 45 million / $5 bn
            return f"{sym} {num} {word}" if rng.random() < 0.5 else f"{sym}{num} {abbr}"
        if style == 3:  # EUR 300m  /  EUR 300 million  /  EUR300m (code touching the figure)
            r = rng.random()
            return f"{code} {num}{abbr}" if r < 0.45 else f"{code}{num}{abbr}" if r < 0.6 else f"{code} {num} {word}"
        if style == 4:  # 5 billion USD
            return f"{num} {word} {code}"
        if style == 5:  # 45 million euros
            return f"{num} {word} {many}"
        if style == 6:  # forty-five million euros (number words where the figure allows it)
            f = float(num)
            if f.is_integer() and 1 <= f <= 999:
                return f"{number_words(int(f))} {word} {many}"
            if num == "1.5":
                return f"one and a half {word} {many}"
            if num == "0.5" or (word == "billion" and num == "500"):
                return f"half a billion {many}"
            return f"{num} {word} {many}"
        if style == 7:  # $1,250,000 written out
            return f"{sym}{value:,.0f}"
        if style == 8:  # usd 5bn (lower-case code)
            if code in ("USD", "EUR", "GBP", "CHF", "JPY", "INR", "CNY"):
                return f"{code.lower()} {num}{abbr}"
            return f"{num} {word} {code}"
        return f"{num} {word} of {many}" if rng.random() < 0.3 else f"{code} {num}{abbr}"

    def amount(self, low: float, high: float, code: str, *, convert: float = 0.1,
               qualify: float = 0.22, ranged: float = 0.05, vague: float = 0.03) -> str:
        """An amount as it might appear in a sentence, sometimes with a conversion after it."""
        rng = self.rng
        value = self.magnitude(low, high)
        r = rng.random()
        if r < vague:
            return self.vague(value, code)
        if r < vague + ranged:
            return self.range(value, code)
        text = self.plain(value, code)
        if rng.random() < qualify:
            text = f"{rng.choice(QUALIFIERS)} {text}".replace("~ ", "~")
        if code != "USD" and rng.random() < convert * 3:
            text += self.conversion(value, code, "USD")
        elif code == "USD" and rng.random() < convert:
            text += self.conversion(value, code, rng.choice(("EUR", "GBP")))
        return text

    def conversion(self, value: float, code: str, to: str) -> str:
        rng = self.rng
        usd = value * CURRENCIES[code][2] / CURRENCIES[to][2]
        converted = self.plain(self.round_like(usd), to, rng.choice((0, 1, 1, 0, 3)))
        lead = rng.choice(("", "about ", "roughly ", "approximately ", "around ", "nearly "))
        tail = rng.choice(("", "", " at current exchange rates", " at today's rates"))
        if rng.random() < 0.8:
            return f" ({lead}{converted}{tail})"
        return f", or {lead}{converted},"

    def round_like(self, value: float) -> float:
        exp = math.floor(math.log10(max(value, 1))) - self.rng.choice((1, 1, 2))
        return round(value / 10**exp) * 10**exp

    def range(self, value: float, code: str) -> str:
        rng = self.rng
        hi = self.round_like(value * rng.uniform(1.2, 2.0))
        lo_num, word, abbr = self._scaled(value)
        hi_num, hi_word, hi_abbr = self._scaled(hi)
        symbols = CURRENCIES[code][0]
        sym = symbols[0] if symbols else f"{code} "
        if hi_word != word:
            return f"between {sym}{lo_num}{abbr} and {sym}{hi_num}{hi_abbr}"
        form = rng.randrange(5)
        if form == 0:
            return f"between {sym}{lo_num} {word} and {sym}{hi_num} {word}"
        if form == 1:
            return f"{sym}{lo_num}-{hi_num} {word}"
        if form == 2:
            return f"{sym}{lo_num}{abbr}–{sym}{hi_num}{abbr}"
        if form == 3:
            return f"{sym}{lo_num}{abbr} to {sym}{hi_num}{abbr}"
        return f"between {lo_num} and {hi_num} {word} {CURRENCIES[code][1][1]}"

    def vague(self, value: float, code: str) -> str:
        rng = self.rng
        many = CURRENCIES[code][1][1]
        scale = "billion" if value >= 1e9 else "million"
        form = rng.randrange(6)
        if form == 0:
            return f"tens of {scale}s of {many}"
        if form == 1:
            return f"several {scale} {many}"
        if form == 2:
            return f"hundreds of {scale}s of {many}"
        if form == 3:
            return f"a few {scale} {many}"
        if form == 4 and CURRENCIES[code][0]:
            return f"{CURRENCIES[code][0][0]} {scale}s"
        return f"a couple of {scale} {many}"


# ------------------------------------------------------------------------------------------- dates
class DateWriter:
    """Date and period expressions relative to an article's publication date."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng

    def day(self, d: dt.date) -> str:
        form = self.rng.randrange(6)
        if form == 0:
            return f"{MONTHS[d.month - 1]} {d.day}, {d.year}"
        if form == 1:
            return f"{d.day} {MONTHS[d.month - 1]} {d.year}"
        if form == 2:
            return f"{MONTH_ABBR[d.month - 1]} {d.day}, {d.year}"
        if form == 3:
            return d.isoformat()
        if form == 4:
            return f"{MONTHS[d.month - 1]} {d.day}"
        return f"{d.day} {MONTH_ABBR[d.month - 1].rstrip('.')} {d.year}"

    def past(self, p: dt.date) -> str:
        """A period at or before the publication date, as a phrase to put in a sentence."""
        rng = self.rng
        q = (p.month - 1) // 3 + 1
        last_q, last_y = (q - 1, p.year) if q > 1 else (4, p.year - 1)
        form = rng.randrange(18)
        if form == 0:
            return f"on {WEEKDAYS[(p.weekday() - rng.randrange(1, 4)) % 7]}"
        if form == 1:
            return rng.choice(("last week", "last month", "last quarter", "last year", "yesterday"))
        if form == 2:
            return f"in the {('first', 'second', 'third', 'fourth')[last_q - 1]} quarter of {last_y}"
        if form == 3:
            return f"in Q{last_q} {last_y}" if rng.random() < 0.6 else f"in Q{last_q}'{last_y % 100:02d}"
        if form == 4:
            return f"in fiscal {p.year - rng.randrange(0, 2)}"
        if form == 5:
            return f"in FY{p.year - rng.randrange(0, 2)}" if rng.random() < 0.5 else f"in FY{(p.year - 1) % 100:02d}"
        if form == 6:
            return "earlier this year"
        if form == 7:
            return f"in {p.year - rng.randrange(1, 4)}"
        if form == 8:
            m = max(1, p.month - rng.randrange(1, 4))
            return f"in {MONTHS[m - 1]}" if m != p.month else "this month"
        if form == 9:
            return f"in the first half of {p.year - (0 if p.month > 6 else 1)}"
        if form == 10:
            d = p - dt.timedelta(days=rng.randrange(5, 400))
            return f"on {self.day(d)}"
        if form == 11:
            return f"{number_words(rng.randrange(2, 10))} months ago"
        if form == 12:
            return f"in H{rng.choice((1, 2))} {p.year - 1}"
        if form == 13:
            return rng.choice(("last summer", "last autumn", "this spring", "last winter"))
        if form == 14:
            d = p - dt.timedelta(days=rng.randrange(10, 300))
            return f"in {MONTHS[d.month - 1]} {d.year}"
        if form == 15 and rng.random() < 0.25:  # numeric date: needs a convention (dateparser)
            d = p - dt.timedelta(days=rng.randrange(3, 200))
            return f"on {d.month:02d}/{d.day:02d}/{d.year}"
        if form == 16:
            return "so far this year"
        return f"in {p.year - 1}"

    def future(self, p: dt.date) -> str:
        rng = self.rng
        form = rng.randrange(10)
        if form == 0:
            return "by the end of the year"
        if form == 1:
            return f"by the end of {p.year + rng.randrange(1, 4)}"
        if form == 2:
            return rng.choice(("next year", "next quarter", "later this year", "next month"))
        if form == 3:
            return f"in {p.year + rng.randrange(1, 5)}"
        if form == 4:
            return f"in fiscal {p.year + 1}"
        if form == 5:
            return f"in the second half of {p.year}" if p.month <= 6 else f"in H1 {p.year + 1}"
        if form == 6:
            return f"by {p.year + rng.randrange(2, 7)}"
        if form == 7:
            return rng.choice(("this summer", "next spring", "this autumn", "next winter"))
        if form == 8:
            return f"in FY{p.year + 1}"
        return "by year-end"


# ------------------------------------------------------------------------------------------- world
class World:
    """The fixed cast of a corpus: companies, investors, people, places."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        names = [h + t for h in NAME_HEADS for t in NAME_TAILS]
        rng.shuffle(names)
        self.companies: list[tuple[str, str, str, str]] = []  # (name, sector, city, ticker)
        sectors = list(SECTORS)
        for base in names[:900]:
            suffix = rng.choice(ORG_SUFFIXES)
            name = f"{base} {suffix}".strip()
            ticker = (base[:3] + base[-1]).upper()
            self.companies.append((name, rng.choice(sectors), rng.choice(CITIES), ticker))
        self.investors = [f"{b} {rng.choice(INVESTOR_SUFFIXES)}" for b in names[900:1150]]

    def person(self) -> str:
        return f"{self.rng.choice(FIRST)} {self.rng.choice(LAST)}"

    def company(self) -> tuple[str, str, str, str]:
        return self.rng.choice(self.companies)

    def investor(self) -> str:
        if self.rng.random() < 0.12:
            return self.rng.choice(KNOWN)
        return self.rng.choice(self.investors)


# ------------------------------------------------------------------------------------------- articles
class ArticleWriter:
    KINDS = ("funding", "earnings", "acquisition", "contract", "pledge", "talks", "market")

    def __init__(self, rng: random.Random, world: World, filler_share: float = 0.20) -> None:
        self.rng = rng
        self.filler_share = filler_share  # the share of body paragraphs with no money (sparse corpus: 0.92)
        self.w = world
        self.m = MoneyWriter(rng)
        self.d = DateWriter(rng)
        self.used: set[int] = set()

    # -- small helpers
    def pick(self, *options: str) -> str:
        return self.rng.choice(options)

    def short(self, name: str) -> str:
        """How a company is called after the first mention."""
        parts = name.split()
        if len(parts) > 1 and parts[-1] in ORG_SUFFIXES and self.rng.random() < 0.6:
            return " ".join(parts[:-1])
        return name

    def cap(self, s: str) -> str:
        return s[0].upper() + s[1:]

    # -- paragraphs with money
    def funding_lead(self, co, home, p) -> str:
        name, sector, city, _ = co
        product = self.pick(*SECTORS[sector])
        amt = self.m.amount(2e6, 9e8, home, vague=0.01)
        rnd = self.pick("Series A", "Series B", "Series C", "seed round", "Series D", "growth round", "round")
        lead = self.w.investor()
        when = self.d.past(p)
        return self.pick(
            f"{name}, a {city}-based maker of {product}, has raised {amt} in a {rnd} led by {lead}, "
            f"the company said {when}.",
            f"{city}-based {name} said {when} it had secured {amt} from investors led by {lead} to expand "
            f"its {product} business.",
            f"{lead} is leading a {amt} {rnd} in {name}, which builds {product}, according to a statement "
            f"released {when}.",
            f"The {sector} startup {name} closed a {rnd} of {amt} {when}, with {lead} and "
            f"{self.w.investor()} among the backers.",
        )

    def valuation(self, co, home, p) -> str:
        name = self.short(co[0])
        amt = self.m.amount(5e7, 2e10, home, ranged=0.02)
        prev = self.m.amount(2e7, 5e9, home, convert=0.02)
        return self.pick(
            f"The deal values {name} at {amt}, up from {prev} at its previous round.",
            f"People close to the deal put the post-money valuation at {amt}.",
            f"That round valued the company at {amt}, compared with {prev} a year and a half earlier.",
            f"{name} declined to comment on its valuation, which one investor described as {amt}.",
        )

    def earnings(self, co, home, p) -> str:
        name, sector, _, ticker = co
        rev = self.m.amount(5e7, 6e10, home, ranged=0.0, vague=0.0)
        prof = self.m.amount(1e6, 5e9, home, ranged=0.0, vague=0.0)
        when = self.d.past(p)
        pct = self.rng.randrange(2, 48)
        return self.pick(
            f"{name} (NASDAQ: {ticker}) reported revenue of {rev} {when}, up {pct}% from a year earlier, "
            f"while net income came in at {prof}.",
            f"Sales at {name} reached {rev} {when}, and operating income rose {pct} per cent to {prof}.",
            f"{name} posted a net loss of {prof} {when} on revenue of {rev}, a {pct}% increase.",
            f"{when.capitalize()}, {name} generated {rev} in revenue and {prof} in profit, beating the "
            f"consensus estimate by {pct / 10:.1f}%.",
        )

    def guidance(self, co, home, p) -> str:
        name = self.short(co[0])
        amt = self.m.amount(1e8, 9e10, home, ranged=0.25)
        when = self.d.future(p)
        return self.pick(
            f"{name} expects revenue of {amt} {when}.",
            f"For the full year the group now forecasts sales of {amt}, it said.",
            f"Management is targeting {amt} in annual recurring revenue {when}.",
            f"Analysts expect {name} to reach {amt} in revenue {when}, although the company itself "
            f"gave no guidance.",
        )

    def acquisition(self, co, home, p) -> str:
        buyer = co[0]
        target = self.w.company()[0]
        amt = self.m.amount(2e7, 4e10, home)
        when = self.d.past(p)
        return self.pick(
            f"{buyer} agreed to buy {target} for {amt} in cash and shares, the two companies announced {when}.",
            f"{buyer} will pay {amt} for {target}, including debt, in a deal expected to close {self.d.future(p)}.",
            f"The takeover of {target} by {buyer}, worth {amt}, was first announced {when}.",
            f"{buyer} is acquiring {target} for {amt}; {self.short(target)} shareholders will receive "
            f"{self.m.plain(self.m.magnitude(5, 90), 'USD', 7)} a share.",
        )

    def contract(self, co, home, p) -> str:
        name = co[0]
        agency = self.pick("the defence ministry", "the European Space Agency", "a state rail operator",
                           "the city of " + self.pick(*CITIES), "the national grid operator",
                           "a regional health authority")
        amt = self.m.amount(5e6, 5e9, home)
        years = self.rng.randrange(2, 11)
        return self.pick(
            f"{name} won a {years}-year contract from {agency} valued at {amt}.",
            f"Under the agreement signed {self.d.past(p)}, {agency} will pay {name} {amt} over {years} years.",
            f"The framework deal with {agency} is worth {amt}, {self.short(name)} said.",
        )

    def pledge(self, co, home, p) -> str:
        name = co[0]
        amt = self.m.amount(1e8, 1e11, home, vague=0.08)
        place = self.pick(*CITIES)
        when = self.d.future(p)
        return self.pick(
            f"{name} plans to invest {amt} in a new plant near {place} {when}.",
            f"The company pledged {amt} for data centres in {place}, to be built {when}.",
            f"{name} said it will spend {amt} on {self.pick('research', 'new capacity', 'hiring', 'acquisitions')} "
            f"{when}.",
            f"Executives said the group is committed to investing {amt} in {place} and nearby sites {when}.",
            f"{name} has said it could invest \"{self.pick('billions', 'hundreds of millions', 'tens of millions')}\" "
            f"in {place} over the next decade, without giving a figure.",
        )

    def talks(self, co, home, p) -> str:
        name = co[0]
        amt = self.m.amount(1e7, 5e9, home, ranged=0.2, qualify=0.5)
        return self.pick(
            f"{name} is in talks to raise {amt}, according to people familiar with the matter.",
            f"{name} is reportedly considering a sale that could value it at {amt}.",
            f"Sources said {self.short(name)} might seek {amt} from new investors {self.d.future(p)}.",
            f"{name} is said to be in discussions with {self.w.investor()} about an investment of {amt}.",
        )

    def market(self, co, home, p) -> str:
        sector = co[1]
        amt = self.m.amount(1e9, 2e12, home, qualify=0.4, vague=0.06)
        amt2 = self.m.amount(5e8, 5e11, home, qualify=0.3)
        when = self.d.past(p)
        return self.pick(
            f"Investors poured {amt} into {sector} companies {when}, compared with {amt2} a year before.",
            f"The global market for {self.pick(*SECTORS[sector])} was worth {amt} {when}, according to "
            f"{self.pick('an industry group', 'a consultancy', 'one research firm')}.",
            f"Spending on {self.pick(*SECTORS[sector])} could reach {amt} {self.d.future(p)}, analysts estimate.",
            f"Deals in the sector totalled {amt} {when}, the highest since {p.year - self.rng.randrange(2, 9)}.",
        )

    def history(self, co, home, p) -> str:
        name = self.short(co[0])
        a1 = self.m.amount(1e6, 5e7, home, convert=0.02, qualify=0.1)
        a2 = self.m.amount(2e7, 5e8, home, convert=0.02)
        y = p.year - self.rng.randrange(1, 6)
        return self.pick(
            f"Founded in {y}, {name} has raised {a1} to date, including {a2} last year.",
            f"The company raised {a1} in its first round in {y} and a further {a2} {self.d.past(p)}.",
            f"In total {name} has now raised {a2} from backers including {self.w.investor()}.",
            f"{name} has gone from {a1} in annual revenue in {y} to {a2} today.",
        )

    def bullets(self, co, home, p) -> str:
        rows = []
        for label in self.rng.sample(("Revenue", "Operating income", "Net loss", "Free cash flow",
                                      "Capital expenditure", "Order backlog", "Net debt"), self.rng.randrange(3, 6)):
            amt = self.m.amount(1e7, 3e10, home, convert=0.0, qualify=0.05, vague=0.0, ranged=0.0)
            rows.append(f"- {label}: {amt} ({self.pick('up', 'down')} {self.rng.randrange(1, 40)}%)")
        return f"Highlights for {self.d.past(p)}:\n\n" + "\n".join(rows)

    def table(self, co, home, p) -> str:
        sym = (CURRENCIES[home][0] or (home + " ",))[0]
        lines = ["| Period | Revenue | Net income |", "| --- | --- | --- |"]
        y = p.year
        for q in range(1, self.rng.randrange(3, 5) + 1):
            r = self.m.magnitude(5e7, 5e9)
            n = self.m.magnitude(1e6, 4e8)
            lines.append(f"| Q{q} {y - 1} | {sym}{r / 1e6:,.0f}m | {sym}{n / 1e6:,.1f}m |")
        return "\n".join(lines)

    # -- paragraphs without money
    def filler(self, co, p) -> str:
        name, sector, city, ticker = co
        short = self.short(name)
        person, role = self.w.person(), self.pick(*ROLES)
        pct = self.rng.randrange(3, 95)
        staff = self.rng.choice((40, 85, 120, 260, 400, 1200, 3500, 12000))
        sentences = [
            f"{short} employs about {staff:,} people, {pct}% of them engineers, and plans to open an office in "
            f"{self.pick(*CITIES)}.",
            f"\"We are building for the long term, not for the next quarter,\" {person}, {short}'s {role}, said "
            f"in an interview.",
            f"The company did not say how it would use the proceeds beyond hiring and expanding into "
            f"{self.pick('Germany', 'the United States', 'Japan', 'Brazil', 'the Nordics', 'India')}.",
            f"Competition in {sector} has intensified as larger rivals cut prices and bundle "
            f"{self.pick(*SECTORS[sector])} with their existing products.",
            f"Shares of {short} ({ticker}) rose {pct / 10:.1f}% in early trading before giving back most of "
            f"the gain.",
            f"Regulators in {self.pick('Brussels', 'Washington', 'London', 'Tokyo')} have opened a review of the "
            f"market, which could take {self.rng.randrange(6, 19)} months.",
            f"{person} said the team had spent {number_words(self.rng.randrange(2, 9))} years on the product "
            f"before its first commercial customer signed up.",
            f"Customers include {self.pick(*KNOWN)}, {self.short(self.w.company()[0])} and "
            f"{self.rng.randrange(20, 400)} smaller firms, according to the company.",
            f"Its latest release, version {self.rng.randrange(2, 7)}.{self.rng.randrange(0, 10)}, cut energy use "
            f"by {pct}% compared with the model it replaces.",
            f"The board also appointed {self.w.person()} as {self.pick(*ROLES)}, effective "
            f"{self.d.future(p)}.",
            f"Margins have been under pressure since {p.year - 2}, when input costs rose sharply and several "
            f"suppliers in {self.pick(*CITIES)} went out of business.",
            f"Not everyone is convinced. \"The technology works in a lab, the question is whether it works at "
            f"scale,\" said {self.w.person()}, an analyst who follows the sector.",
            f"{short} ranks #{self.rng.randrange(2, 90)} on this year's list of the fastest-growing companies "
            f"in {self.pick('Europe', 'North America', 'Asia', 'the region')}.",
            f"The firm was spun out of a university lab in {self.pick(*CITIES)} in {p.year - self.rng.randrange(3, 15)} "
            f"and still licenses {self.rng.randrange(2, 30)} patents from it.",
            f"Union representatives said they had not been consulted about the plans and asked for a meeting "
            f"with management {self.d.future(p)}.",
            f"The company said it remains on track to be carbon neutral by {p.year + self.rng.randrange(3, 12)}.",
            f"Its products are now sold in {self.rng.randrange(3, 60)} countries, up from "
            f"{self.rng.randrange(1, 3)} at launch.",
            f"A spokesperson for {short} declined to comment on the report.",
            f"{short} was among {self.rng.randrange(3, 40)} companies picked for a government-backed accelerator "
            f"programme in {p.year - self.rng.randrange(1, 4)}.",
            f"The chief technology officer, {self.w.person()}, previously spent {self.rng.randrange(4, 16)} years "
            f"at {self.pick(*KNOWN)}.",
            f"Delivery times have fallen from {self.rng.randrange(8, 20)} weeks to {self.rng.randrange(2, 7)}, "
            f"the company said, after it moved assembly to {self.pick(*CITIES)}.",
            f"About a third of the staff work remotely, and the company holds an all-hands meeting in "
            f"{self.pick(*CITIES)} every {self.pick('quarter', 'six months', 'spring')}.",
            f"Critics say the {sector} boom has produced more pilots than paying customers, a charge {short} "
            f"rejects.",
            f"{short} said its order book covered production through {p.year + self.rng.randrange(1, 4)}.",
            f"The news was first reported by {self.pick(*OUTLETS)}.",
            f"{person}, who founded the company with two former colleagues, owns roughly "
            f"{self.rng.randrange(5, 35)}% of it, according to filings.",
            f"Its main rival, {self.short(self.w.company()[0])}, has taken a different approach and sells "
            f"directly to {self.pick('hospitals', 'utilities', 'retailers', 'municipalities', 'carmakers')}.",
            f"Churn fell to {self.rng.randrange(2, 9)}.{self.rng.randrange(10)}% last year, while the number of "
            f"enterprise customers grew to {self.rng.randrange(120, 4000):,}.",
            f"The company has faced questions about its energy consumption, and says {pct}% of the power it uses "
            f"now comes from renewable sources.",
            f"Hiring has slowed: {short} added {self.rng.randrange(5, 90)} people this year after doubling its "
            f"headcount the year before.",
            f"Read more in [our earlier coverage](https://example.com/{self.rng.randrange(2018, p.year + 1)}/"
            f"{short.lower().replace(' ', '-')}-raises-{self.rng.randrange(5, 500)}m) and the filing, which "
            f"lists {self.rng.randrange(3, 30)} risk factors.",
            f"Developers can try the API with the `{short.lower().split()[0]}-sdk=={self.rng.randrange(1, 4)}."
            f"{self.rng.randrange(0, 20)}` package.",
        ]
        # no sentence twice in one article; the link and the code span are rarer than the rest
        order = [i for i in range(len(sentences)) if i not in self.used]
        self.rng.shuffle(order)
        if len(order) < 6:
            self.used.clear()
        chosen = [i for i in order if i < len(sentences) - 2 or self.rng.random() < 0.3][: self.rng.randrange(2, 6)]
        self.used.update(chosen)
        return " ".join(sentences[i] for i in chosen)

    def quote(self, co) -> str:
        person, role = self.w.person(), self.pick(*ROLES)
        return self.pick(
            f"> \"This gives us the runway to get to profitability without going back to the market,\" said "
            f"{person}, {role} of {self.short(co[0])}.",
            f"\"Our customers asked us to move faster, and now we can,\" {person} said.",
            f"\"It is a vote of confidence in the team and in {self.pick(*CITIES)} as a place to build,\" "
            f"{person}, {role}, told reporters.",
            f"\"We would rather grow a little slower and keep control of the product,\" {person} said.",
            f"\"Nobody in this industry has cracked the unit economics yet,\" said {person}, {role} at "
            f"{self.short(self.w.company()[0])}, who is not involved in the deal.",
            f"> \"The hard part is not the technology, it is convincing a procurement department to take a "
            f"risk on a young supplier,\" {person} said.",
        )

    MONEY_PARAS = ("valuation", "earnings", "guidance", "acquisition", "contract", "pledge", "talks",
                   "market", "history")

    def article(self, p: dt.date) -> tuple[str, str]:
        """(slug, markdown text) of one article published on `p`."""
        rng = self.rng
        self.used.clear()
        kind = rng.choice(self.KINDS)
        co = self.w.company()
        home = self.m.currency()
        name = co[0]
        lead = {
            "funding": self.funding_lead, "earnings": self.earnings, "acquisition": self.acquisition,
            "contract": self.contract, "pledge": self.pledge, "talks": self.talks, "market": self.market,
        }[kind](co, home, p)
        title = {
            "funding": f"{name} raises fresh capital to scale {self.pick(*SECTORS[co[1]])}",
            "earnings": f"{name} results: {self.pick('sales climb', 'margins slip', 'loss narrows', 'outlook raised')}",
            "acquisition": f"{name} agrees deal to expand in {co[1]}",
            "contract": f"{name} lands {self.pick('multi-year', 'landmark', 'government')} contract",
            "pledge": f"{name} commits to new {self.pick('plant', 'data centres', 'research hub')} in {self.pick(*CITIES)}",
            "talks": f"{name} weighs {self.pick('new funding', 'a sale', 'a listing')}, sources say",
            "market": f"{co[1].capitalize()} investment {self.pick('cools', 'rebounds', 'hits record')} as {self.short(name)} leads pack",
        }[kind]
        paras = [lead]
        n_body = rng.randrange(5, 15)
        for i in range(n_body):
            r = rng.random()
            if r < self.filler_share:
                paras.append(self.filler(co, p))
            elif r < self.filler_share + 0.10:
                paras.append(self.quote(co))
            elif r < self.filler_share + 0.12:
                paras.append(self.bullets(co, home, p))
            elif r < self.filler_share + 0.13:
                paras.append(self.table(co, home, p))
            elif r < self.filler_share + 0.17:
                paras.append(f"## {self.pick('Background', 'What comes next', 'The numbers', 'Competition', 'Context')}")
            else:
                kind2 = rng.choice(self.MONEY_PARAS)
                parts = [getattr(self, kind2)(co, home, p)]
                if rng.random() < 0.6:
                    parts.append(self.filler(co, p))
                if rng.random() < 0.15:
                    parts.insert(0, getattr(self, rng.choice(self.MONEY_PARAS))(co, home, p))
                paras.append(" ".join(parts))
        # ", or $5m," before a template's own punctuation: "$5m,," -> "$5m,", "$5m,." -> "$5m."
        body = re.sub(r",(?=[,.;:)])", "", "\n\n".join(paras))
        slug = "-".join(w.strip(".,:").lower() for w in title.split()[:7] if w.strip(".,:"))
        outlet = self.pick(*OUTLETS)
        outlet_slug = outlet.lower().replace(" ", "-").replace("&", "and")
        url = f"https://example.com/{outlet_slug}/{p:%Y/%m/%d}/{slug}"
        date_style = rng.random()
        fm = ["---", f"title: {json.dumps(title, ensure_ascii=False)}"]
        dateline = ""
        if date_style < 0.80:
            fm.append(f"date: {p.isoformat()}")
        elif date_style < 0.88:
            fm.append(f"date: \"{p.isoformat()}T{rng.randrange(6, 22):02d}:{rng.randrange(60):02d}:00Z\"")
        elif date_style < 0.97:
            dateline = f"Published: {MONTHS[p.month - 1]} {p.day}, {p.year}\n\n"
        # else: no date at all (a note per file, relative dates stay unresolved)
        fm.append(f"outlet: {json.dumps(outlet)}")
        fm.append(f"url: \"{url}\"")
        if rng.random() < 0.6:
            fm.append(f"author: \"{self.w.person()}\"")
        if rng.random() < 0.5:
            fm.append(f"tags: [{kind}, {co[1]}]")
        fm.append("---")
        text = "\n".join(fm) + f"\n\n# {title}\n\n{dateline}{body}\n"
        return slug, text


DENSE_FILLER = 0.20  # the dense corpus: one amount every 250 characters or so (issue 11)
SPARSE_FILLER = 0.92  # the sparse corpus: about one body paragraph in eleven has money
DEFAULT_SPARSE_OUT = DEFAULT_OUT.parent / "corpus-sparse"


def generate(out: Path, total_mb: float = DEFAULT_MB, seed: int = DEFAULT_SEED, sparse: bool = False,
             articles: int | None = None) -> dict:
    """Write the corpus into `out` (replacing a corpus generated earlier there) and return its manifest;
    `articles`: that many articles, whatever their size (instead of `total_mb`)."""
    target = int(total_mb * 1_000_000) if articles is None else math.inf
    if out.exists():
        if (out / MANIFEST).exists():
            shutil.rmtree(out)
        elif any(out.iterdir()):
            raise SystemExit(f"make_corpus: {out} is not empty and was not made by make_corpus; refusing to overwrite")
    out.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    writer = ArticleWriter(rng, World(rng), SPARSE_FILLER if sparse else DENSE_FILLER)
    start = dt.date(2022, 1, 3)
    total = 0
    count = 0
    while total < target and (articles is None or count < articles):
        p = start + dt.timedelta(days=rng.randrange(0, 365 * 4))
        slug, text = writer.article(p)
        data = text.encode("utf-8")
        folder = out / f"{p:%Y}" / f"{p:%m}"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{count:05d}-{slug}.md").write_bytes(data)
        total += len(data)
        count += 1
    manifest = {"generator": GENERATOR_VERSION, "seed": seed, "mb": total_mb if articles is None else None,
                "sparse": sparse, "files": count, "bytes": total, "articles": articles}
    (out / MANIFEST).write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    return manifest


def read_manifest(out: Path) -> dict | None:
    try:
        return json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def ensure(out: Path = DEFAULT_OUT, total_mb: float = DEFAULT_MB, seed: int = DEFAULT_SEED,
           sparse: bool = False, articles: int | None = None) -> dict:
    """The corpus at `out`, generated only if missing or made with other parameters."""
    manifest = read_manifest(out)
    if manifest and manifest.get("generator") == GENERATOR_VERSION and manifest.get("seed") == seed \
            and manifest.get("mb") == (total_mb if articles is None else None) \
            and manifest.get("sparse", False) == sparse and manifest.get("articles") == articles:
        return manifest
    return generate(out, total_mb, seed, sparse, articles)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("out", nargs="?", type=Path,
                    help=f"folder (default {DEFAULT_OUT}, with --sparse {DEFAULT_SPARSE_OUT})")
    ap.add_argument("--mb", type=float, default=DEFAULT_MB, help="total size in MB of 10^6 bytes (default 8)")
    ap.add_argument("--seed", type=int, default=DEFAULT_SEED, help=f"random seed (default {DEFAULT_SEED})")
    ap.add_argument("--sparse", action="store_true", help="about one body paragraph in eleven with money")
    ap.add_argument("--articles", type=int, help="this many articles, whatever their size (instead of --mb)")
    args = ap.parse_args(argv)
    args.out = args.out or (DEFAULT_SPARSE_OUT if args.sparse else DEFAULT_OUT)
    m = generate(args.out, args.mb, args.seed, args.sparse, args.articles)
    print(f"wrote {m['files']} articles, {m['bytes'] / 1e6:.2f} MB, seed {m['seed']}, into {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
