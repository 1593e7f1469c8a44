"""The currency table at run time: every spelling the money grammar reads, and what each one means.

The data is `currencies.json`, generated from CLDR by `currency_data.py`. A spelling can name several
currencies ("kroner", "francs", "$"); `resolve()` picks one from the copy around it, as docs/intervals.md
documents: a bare `$` or "dollars" follows the outlet's country or the configured default; a word such as
"kroner" the country the copy names nearest to it; a currency the euro replaced only copy dated before
its notes were withdrawn; with no clue, the documented default, or no currency at all.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import unicodedata
from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

TABLE = Path(__file__).with_name("currencies.json")
CUE_REACH = 200  # characters either side of an amount searched first for a country that settles it

#: What a bare "$" means by the top-level domain of the outlet's URL.
_SCHEME = re.compile(r"^[a-z]+://")
DOLLAR_BY_DOMAIN = {"ca": "CAD", "au": "AUD", "nz": "NZD", "sg": "SGD", "hk": "HKD", "tw": "TWD", "mx": "MXN"}


@dataclass
class CurrencyContext:
    """What the copy around the amounts says: the dollar of the outlet, and the publication date."""

    dollar: str = "USD"
    published: dt.date | None = None
    settled: bool = False
    """The outlet's country settled `dollar` (its URL): the copy's own cues do not change it."""
    where: str = ""
    """What the page says of the story's place outside its prose: its description, its dateline's place in capitals
    ("KARACHI:" read as "Karachi"); counted with the whole story's cues (`about_the_story`)."""
    headline: str = ""
    """The story's headline where the prose does not carry it (a Markdown front matter's `title`): counted with the
    whole story's cues once, and twice where nothing else names a candidate's country ("Toyota's Pakistani assembler
    had its best year" above copy that names none is about Pakistan; "Lucky Cement eyes Afghan and Indian markets"
    above "the Karachi-listed cement maker" names a market, not the company's country)."""
    _cue_counts: dict[tuple[str, ...], dict[str, int]] = field(default_factory=dict, repr=False)
    _home_dollar: str | None = field(default=None, repr=False)
    _named: dict[str, tuple[list[int], list[list[str]]]] = field(default_factory=dict, repr=False)
    """Per bare name ("francs"), where the copy writes a longer name ending in it and that name's codes: read once."""


class CurrencyTable:
    """Spellings -> candidate ISO codes, with the facts a reading needs (subunits, fixed euro rates)."""

    def __init__(self, data: dict[str, Any]) -> None:
        self.currencies: dict[str, dict[str, Any]] = data["currencies"]
        self.names: dict[str, list[str]] = data["names"]
        self.symbols: dict[str, list[str]] = data["symbols"]
        self.subunits: dict[str, dict[str, Any]] = data["subunits"]
        self.defaults: dict[str, str | None] = data["defaults"]
        self.firm_defaults = frozenset(data["firm_defaults"])
        self.needs_scale = frozenset(data["needs_scale"])
        self.codes_need_scale = frozenset(data["codes_need_scale"])
        self.lower_codes: list[str] = data["lower_codes"]
        self.codes = sorted(self.currencies)
        self.euro_rates = {c: e["euro_rate"] for c, e in self.currencies.items() if "euro_rate" in e}
        self.crypto = frozenset(c for c, e in self.currencies.items() if e.get("crypto"))
        self._qualified: dict[str, tuple[re.Pattern[str], dict[str, list[str]]] | None] = {}
        self._cue_index: dict[str, list[tuple[str, list[str]]]] | None = None  # first word -> cues, longest first
        self._home_cues: tuple[str, ...] | None = None  # the cues of the dollars of home desks (`_home_desk`)

    def candidates(self, marker: str) -> tuple[list[str], float]:
        """The codes a written marker can mean, and its factor to the main unit (0.01 for "pence")."""
        if marker in self.symbols:
            return self.symbols[marker], 1.0
        upper = marker.upper()
        if upper in self.currencies:
            return [upper], 1.0
        if upper.startswith("M") and upper[1:] in self.currencies:  # "MEUR": millions of euros
            return [upper[1:]], 1e6
        if upper.endswith("$") and upper[:-1] in self.currencies:  # "usd$", "nzd$"
            return [upper[:-1]], 1.0
        key = plain(marker)
        if key in self.subunits:
            sub = self.subunits[key]
            return sub["currencies"], sub["factor"]
        return self.names.get(key, []), 1.0

    def resolve(self, marker: str, text: str, pos: int, context: CurrencyContext) -> str | None:
        """The currency `marker` (written at `text[pos]`) means here; None when the copy cannot tell."""
        codes, _ = self.candidates(marker)
        if len(codes) <= 1:
            return codes[0] if codes else None
        key = marker if marker in self.defaults else plain(marker)
        if key in ("$", "dollar", "dollars"):
            return self._dollar(codes, text, context)
        if key in self.firm_defaults:
            return self.defaults[key]
        if context.published is not None:  # "francs" in 2024 copy are not French francs
            codes = [c for c in codes if not _withdrawn(self.currencies[c], context.published)] or codes
        named = self._named_before(key, text, pos, context) if key in self.names else None
        if named is not None:  # "1,655 CFA francs … from 1,575 francs": the francs the copy named in full
            codes = [c for c in codes if c in named] or codes
            if len(codes) == 1:
                return codes[0]
        default = self.defaults.get(key)
        if key not in self.names:
            # a symbol ("Sh", "Rs") is the currency of the story's country when one leads the whole story clearly:
            # "Tanzania's Amsons Group … Sh65 a share" in Nairobi copy is still in Kenyan shillings
            leader = _clear_leader(self._cues(codes, text, pos, context, near=False))
            if leader is not None:
                return leader
        # else it is settled by the copy around it; a name by the copy around it, then the whole story
        # ("kroner" in a piece datelined Oslo)
        for near in (True,) if key not in self.names else (True, False):
            counts = self._cues(codes, text, pos, context, near)
            best = max(counts.values(), default=0)
            if best:
                leaders = [c for c in codes if counts.get(c) == best]
                if default in leaders or len(leaders) == 1:
                    return default if default in leaders else leaders[0]
                if near:  # a tie around it ("CFA" names both CFA francs): the whole story's cues decide
                    story = self._cues(leaders, text, pos, context, near=False)
                    return max(leaders, key=lambda c: story.get(c, 0))
                return leaders[0]
        return default if default in codes else None

    def local_dollar(self, text: str, context: CurrencyContext) -> str | None:
        """The "$" of the country the copy names clearly most, the American dollar aside: what a bare "$" means
        before a Spanish scale ("$ 106.942 millones" in copy about a Chilean bank is in pesos; a dollar figure in
        such copy is written "US$"). None when no country leads."""
        codes = [c for c in self.symbols["$"] if c != "USD"]
        return _clear_leader(self._cues(codes, text, 0, context, near=False))

    def _named_before(self, key: str, text: str, pos: int, context: CurrencyContext) -> list[str] | None:
        """The codes of the last longer name that ends in this bare one before `pos` ("CFA francs", "Guinean
        francs" before "francs"), or None when the copy wrote none. The copy is read once per name (linear)."""
        if key not in self._qualified:
            self._qualified[key] = _qualified_regex(self, key)
        entry = self._qualified[key]
        if entry is None:
            return None
        if key not in context._named:
            pattern, longer = entry
            found = [(m.start(), longer.get(plain(m.group(0)), [])) for m in pattern.finditer(text)]
            context._named[key] = ([at for at, _ in found], [codes for _, codes in found])
        starts, codes = context._named[key]
        i = bisect_left(starts, pos)
        return codes[i - 1] if i else None

    def _dollar(self, codes: list[str], text: str, context: CurrencyContext) -> str | None:
        """A bare "$": the outlet's dollar, unless the copy converts a bare-"$" figure into "US$" ("sales of
        $69.1 billion (about US$45 billion)"), which says its bare "$" is another dollar: the home dollar of the
        story, the one whose country (or business city) it names most, at least twice and twice as often as any
        other (a Canadian buyer in copy about an Australian target names both: its "$" is not settled); when none
        does, a dollar the copy does not name (None: never compared across currencies). "US$" alone
        says nothing: some desks write it now and then beside their bare "$" for the same dollar. Without a
        conversion, copy from a desk at home in Canada, Australia or New Zealand (`_home_desk`) writes its
        bare "$" for its own dollar."""
        if context._home_dollar is None:
            context._home_dollar = context.dollar
            if context.settled and context.dollar != "USD" and _converted_into(text, context.dollar):
                # a Mexican outlet's "$531.9 million (about MXN 10.8 billion)": a bare "$" converted into the outlet's
                # own dollar or peso is no figure in it, but in American dollars (as a company that reports in them)
                context._home_dollar = "USD"
            elif not context.settled and any(mark in text for mark in _US_MARKS) and _CONVERTED_TO_US.search(text):
                leader = _clear_leader(self._cues([c for c in codes if c != "USD"], text, 0, context, near=False))
                context._home_dollar = _UNNAMED if leader is None else leader
            elif not context.settled:
                context._home_dollar = self._home_desk(text) or context.dollar
        return None if context._home_dollar == _UNNAMED else context._home_dollar

    def _home_desk(self, text: str) -> str | None:
        """The dollar of a desk whose copy is at home in Canada, Australia or New Zealand, where papers write
        a bare "$" for their own dollar: the copy names that country (or its business cities, its exchange)
        at least three times and more often than any other country, the United States included, and never
        writes that dollar's own mark ("C$", "A$", "NZ$": a desk that marks it keeps the bare "$" for American
        dollars). A Canadian company that reports in American dollars, named as Canadian once or twice in a wire
        story, keeps the outlet's dollar; so does a Japanese brewer's story in yen that names its Australian sales,
        whose few bare "$" figures convert its yen (the figures of copy from such a desk are mostly bare "$")."""
        if self._home_cues is None:
            self._home_cues = tuple(cue for code in _HOME_DESK_DOLLARS for cue in self.currencies[code]["cues"])
        if sum(text.count(cue) for cue in self._home_cues) < _HOME_DESK_MIN_CUES or not _mostly_bare_dollars(text):
            # a count of substrings first, the cheapest bound (most copy names none of them); then whether the
            # story's figures are in another currency, its bare "$" a conversion for the reader
            return None
        counts = self.countries_named(text)
        leader = max(_HOME_DESK_DOLLARS, key=lambda c: counts.get(c, 0))
        most = counts.get(leader, 0)
        if most < _HOME_DESK_MIN_CUES or _own_mark(self, leader).search(text):
            return None
        rivals = max((n for c, n in counts.items() if c != leader), default=0)
        if most <= rivals:
            return None
        # a desk that marks American dollars as such ("US$3.09 billion in penalties") names the United States for
        # the business done there, not as its home: its bare "$" is still its own dollar
        return leader if any(mark in text for mark in _US_MARKS) or most > len(_US_NAMED.findall(text)) else None

    def countries_named(self, text: str) -> Counter[str]:
        """How often the copy names each currency's countries, cities and exchanges, over all currencies at once:
        a lookup per capitalised word (not a pattern per currency), the longest cue at a place counted once."""
        if self._cue_index is None:
            codes_of: dict[str, set[str]] = {}
            for code, entry in self.currencies.items():
                for cue in entry["cues"]:
                    codes_of.setdefault(cue, set()).add(code)
            index: dict[str, list[tuple[str, list[str]]]] = {}
            for cue in sorted(codes_of, key=len, reverse=True):  # the longest cue at a place first
                first = _WORD.match(cue)
                if first is not None:
                    index.setdefault(first.group(0), []).append((cue, sorted(codes_of[cue])))
            self._cue_index = index
        counts: Counter[str] = Counter()
        reach = 0
        index = self._cue_index
        for word in _WORD.finditer(text):
            at = word.start()
            if at < reach:
                continue
            for cue, codes in index.get(word.group(0), ()):
                if text.startswith(cue, at) and not text[at + len(cue):at + len(cue) + 1].isalnum():
                    counts.update(codes)
                    reach = at + len(cue)
                    break
        return counts

    def _cues(self, codes: list[str], text: str, pos: int, context: CurrencyContext, near: bool) -> dict[str, int]:
        """How often the copy names each candidate's countries: around `pos`, or in the whole text (cached)."""
        key = tuple(codes)
        if not near and key in context._cue_counts:
            return context._cue_counts[key]
        span = text[max(0, pos - CUE_REACH): pos + CUE_REACH] if near else text
        counts = {c: len(_cue_regex(self, c).findall(span)) for c in codes}
        if not near and context.where:
            for c in codes:
                counts[c] += len(_cue_regex(self, c).findall(context.where))
        if not near and context.headline:
            weight = 1 if any(counts.values()) else 2
            for c in codes:
                counts[c] += weight * len(_cue_regex(self, c).findall(context.headline))
        if not near:
            context._cue_counts[key] = counts
        return counts


_US_MARKS = ("US$", "U.S.$", "US $")  # the copy names American dollars as such
_UNNAMED = ""  # a home dollar the copy does not name
# "$69.08 billion (about US$44.9 billion)", "$2.39 billion, or US$1.56 billion": a bare "$" converted into US$
# a bare-"$" figure, then what opens its conversion ("$531.9 million (about", "$2.39 billion, or")
_BARE_DOLLAR_CONVERTED = (r"(?<![A-Za-z$])\$\s?\d[\d.,]*(?:\s*(?:bn|billion|m|mn|million|trillion|tn)\b)?\s*"
                          r"(?:\(|,\s*or\b{comma})\s*(?:(?:about|around|roughly|some|approximately|nearly|almost|or"
                          r"|equal\s+to)\s+)*")
_CONVERTED_TO_A_CODE = re.compile(_BARE_DOLLAR_CONVERTED.format(comma="") + r"([A-Z]{3})\b")


def _converted_into(text: str, code: str) -> bool:
    """Whether the copy converts a bare-"$" figure into `code`, written as its code ("$531.9 million (about MXN 10.8
    billion)")."""
    if code not in text:
        return False
    return any(m.group(1) == code for m in _CONVERTED_TO_A_CODE.finditer(text))


_CONVERTED_TO_US = re.compile(_BARE_DOLLAR_CONVERTED.format(comma="|,") + r"(?:US|U\.S\.)\s?\$")


_HOME_DESK_DOLLARS = ("CAD", "AUD", "NZD")  # dollars whose home desks write them as a bare "$"
_HOME_DESK_MIN_CUES = 3  # a country named once or twice is where a story happens, not where its desk is
_WORD = re.compile(r"(?<!\w)[A-ZÅ]\w*")  # a cue opens with one of these ("U" of "U.S. Virgin Islands", "Åland")
# Figures by how they are written; each pattern opens with a literal or a class, which the regex engine scans for
# fast, and what stands before a match is read in Python (a lookbehind first would test every position)
_DOLLAR_FIGURE = re.compile(r"\$\s?\d")
_SYMBOL_FIGURE = re.compile(r"[€£¥₹₩₽₺₦₱]\s?\d")
_CODE_FIGURE = re.compile(r"[A-Z]{3}\s?\d")
_NAMED_FIGURE = re.compile(r"\d\s(?:(?:million|billion|trillion|bn)\s)?"
                           r"(?:yen|euros?|pounds|rupees|won|yuan|kronor|kroner|francs|reais)\b")


def _mostly_bare_dollars(text: str) -> bool:
    """Whether more of the copy's figures are written with a bare "$" than in any other way: a desk at home where
    the dollar is written so (not American dollars marked as such, "US$", "USD": what such a desk marks)."""
    bare = other = 0
    for m in _DOLLAR_FIGURE.finditer(text):
        mark = text[max(0, m.start() - 3):m.start()]
        if not mark or not mark[-1].isalpha():
            bare += mark[-1:] != "$"
        elif not mark.endswith("US"):
            other += 1  # "C$", "A$", "R$", "HK$"
    for m in _CODE_FIGURE.finditer(text):
        other += m.group(0)[:3] != "USD" and not text[m.start() - 1:m.start()].isalpha()
    other += len(_SYMBOL_FIGURE.findall(text)) + len(_NAMED_FIGURE.findall(text))
    return bare > other


# the United States named: "U.S.", "US", "American", its exchanges and financial district
_US_NAMED = re.compile(r"\b(?:U\.S\.(?!\$)|US(?![$\w])|United States|American|Wall Street|New York|Nasdaq|NYSE)")


@lru_cache(maxsize=None)
def _own_mark(table: CurrencyTable, code: str) -> re.Pattern[str]:
    """The marks that name this dollar and no other ("C$", "CA$"; "A$", "AU$"), as one pattern."""
    marks = sorted((s for s, codes in table.symbols.items() if codes == [code] and s.endswith("$")), key=len,
                   reverse=True)
    if not marks:
        return re.compile(r"(?!)")
    return re.compile(r"(?<![A-Za-z])(?:" + "|".join(re.escape(m).replace(r"\ ", r"\s?") for m in marks) + ")")


def _clear_leader(counts: dict[str, int]) -> str | None:
    """The candidate the copy names clearly most: at least twice, and twice as often as any other."""
    ranked = sorted(counts.values(), reverse=True)
    if ranked and ranked[0] >= 2 and (len(ranked) == 1 or 2 * ranked[1] <= ranked[0]):
        return max(counts, key=counts.__getitem__)
    return None


def _withdrawn(entry: dict[str, Any], day: dt.date) -> bool:
    return "until" in entry and dt.date.fromisoformat(entry["until"]) < day


@lru_cache(maxsize=None)
def _qualified_regex(table: CurrencyTable, key: str) -> tuple[re.Pattern[str], dict[str, list[str]]] | None:
    """The longer names that end in the bare name `key` ("cfa francs", "guinean francs" for "francs"), as one
    pattern, with each one's codes; None when there are none."""
    longer = {n: codes for n, codes in table.names.items() if n.endswith(" " + key)}
    if not longer:
        return None
    return re.compile(r"\b(?:" + "|".join(re.escape(n) for n in sorted(longer, key=len, reverse=True)) + r")\b",
                      re.IGNORECASE), longer


def _cue_regex(table: CurrencyTable, code: str) -> re.Pattern[str]:
    cues = table.currencies[code]["cues"]
    if not cues:
        return re.compile(r"(?!)")
    return re.compile(r"\b(?:" + "|".join(re.escape(c) for c in sorted(cues, key=len, reverse=True)) + r")\b")


def plain(text: str) -> str:
    """Lower case without accents and with single spaces ("Króna" -> "krona")."""
    folded = unicodedata.normalize("NFKD", " ".join(text.lower().split()))
    return "".join(ch for ch in folded if not unicodedata.combining(ch))


def dollar_for(url: str | None, configured: str = "USD") -> str:
    """A bare "$" by the outlet's country (its URL's top-level domain), else the configured default."""
    return outlet_dollar(url) or configured


def outlet_dollar(url: str | None) -> str | None:
    """The dollar of the outlet's country, by its URL's top-level domain; None when that says nothing."""
    if url:
        host = _SCHEME.sub("", url.lower()).split("/", 1)[0].split(":", 1)[0]
        return DOLLAR_BY_DOMAIN.get(host.rsplit(".", 1)[-1])
    return None


# "All figures in Australian dollars unless otherwise stated", "Amounts are in Canadian dollars": the copy's note
# (a note opens with its word or "all"; "iron ore prices in Australian dollars rose" is not one)
_FIGURES_IN = re.compile(
    r"(?:\b[Aa]ll\s+(?:the\s+)?(?:figures|amounts|numbers|values|prices|sums)"
    r"|\b(?:Figures|Amounts|Numbers|Values|Prices|Sums))"
    r"\s+(?:(?:are|is|quoted|given|expressed|stated|reported|shown)\s+)*in\s+((?:[A-Z][A-Za-z.]*\s+){1,2})dollars\b")


# "$38,592 mdp", "$75.8 mil mdp", "$1.2 mmdp": a bare "$" figure in millions (or thousands of millions) of pesos
_DOLLARS_IN_ENGLISH = re.compile(r"(?<![A-Za-z])\$[ \t]?\d[\d.,]*+[ \t-]?(?:million|billion|trillion|bn|mn|tn|m|b)\b")
_PESOS_PACKED = re.compile(r"(?<![A-Za-z])\$[ \t]?\d[\d.,]*+[ \t]?(?:mil[ \t]+)?m?mdp\b")


def stated_dollar(text: str) -> str | None:
    """The dollar the copy says its figures are in ("All figures in Australian dollars unless otherwise
    stated"): a desk's note that settles what its bare "$" means, as the outlet's country does. None when the
    copy has no such note, or names no one dollar. Copy that writes its bare-"$" figures in millions of pesos ("$38,592
    mdp", as Mexican desks do) writes its bare "$" for the peso: its per-share "$15" and share price "$81.22" too."""
    if "dp" in text and _PESOS_PACKED.search(text) and not _DOLLARS_IN_ENGLISH.search(text):
        # (not in copy that also writes "$2.5 billion": a US story naming a Mexican unit's pesos so)
        return table().resolve("pesos", text, 0, CurrencyContext())
    if "dollars" not in text:
        return None
    named = {tuple(table().names.get(plain(m.group(1) + "dollars"), ())) for m in _FIGURES_IN.finditer(text)}
    if len(named) != 1:
        return None  # no note, or notes naming two dollars
    codes = named.pop()
    return codes[0] if len(codes) == 1 else None


DOCS_START = "<!-- currency-table:start (generated by `make currencies` from currencies.json) -->"
DOCS_END = "<!-- currency-table:end -->"


def markdown_table(data: CurrencyTable) -> str:
    """The docs/intervals.md table of currencies, from the same table the grammar reads."""
    spellings: dict[str, list[str]] = {}
    for group in (data.symbols, data.names):
        for spelling, codes in group.items():
            for code in codes:
                mark = "" if len(codes) == 1 else "*"
                spellings.setdefault(code, []).append(f"`{spelling}`{mark}")
    rows = [DOCS_START, "| code | currency | written (`*`: shared, settled by the copy or the default) | euro rate |",
            "| --- | --- | --- | --- |"]
    for code in data.codes:
        entry = data.currencies[code]
        rate = str(entry["euro_rate"]) if "euro_rate" in entry else ""
        rows.append(f"| {code} | {entry['name']} | {', '.join(spellings.get(code, []))} | {rate} |")
    rows.append(DOCS_END)
    return "\n".join(rows)


@lru_cache(maxsize=1)
def table() -> CurrencyTable:
    return CurrencyTable(json.loads(TABLE.read_text(encoding="utf-8")))


# "**KARACHI:** Oil and Gas …", "COLOMBO, March 3 -": the place a story is filed from, in capitals, at a line's start
_DATELINE = re.compile(r"^[ \t*_#]*([A-Z][A-Z.'’-]{2,30}(?: [A-Z][A-Z.'’-]{1,30}){0,2})[*_]*(?=[ \t]*[,:]|[ \t]+[-–—])",
                       re.MULTILINE)
_DESCRIPTION = re.compile(r"<meta\s+(?:name|property)=[\"'](?:description|og:description)[\"']\s+content=[\"']([^\"'<>]{1,400})",
                          re.IGNORECASE)


def about_the_story(page: str, prose: str) -> str:
    """Where the story is, as the page says it outside the words the cues are counted in: the page's own description
    of the story (an HTML `<meta name="description">`) and the place of its dateline set in capitals, as a name is
    written ("Karachi"). A currency's country named only there still tells whose "Rs" the copy means (its headline:
    `CurrencyContext.headline`)."""
    found = [m.group(1) for m in _DESCRIPTION.finditer(page, 0, 5000)] if "<meta" in page[:5000] else []
    line = _DATELINE.search(prose, 0, 3000)
    if line is not None:
        found.append(line.group(1).title())
    return "\n".join(found)
