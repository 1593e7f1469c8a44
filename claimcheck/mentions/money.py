"""The money grammar: finds monetary amounts in prose and normalizes them to `Money` intervals.

One compiled regular expression per form (written figure with prefix currency, written figure with
currency after it, vague amounts) keeps the scan linear; everything a match means is decided in plain
Python afterwards, so the grammar stays readable and testable.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from claimcheck.mentions.currencies import CurrencyContext, table
from claimcheck.mentions.intervals import DEFAULT_POLICY, QUALIFIER_KINDS, IntervalPolicy
from claimcheck.mentions.patterns import alternation, first_chars, first_lookahead, guarded, trie
from claimcheck.mentions.sentences import is_abbreviation
from claimcheck.models import Money, MoneyMention

# ---------------------------------------------------------------- currencies (from currencies.json)
CURRENCIES = table()
#: Symbols and prefixes, longest first when alternated ("US$" before "$").
SYMBOLS = list(CURRENCIES.symbols)
#: Signs that may also follow the figure ("5 $", "300 元", "80₺"): every symbol without ASCII letters.
SIGNS = [s for s in SYMBOLS if not any(ch.isascii() and ch.isalpha() for ch in s)]
#: Letter symbols that follow the figure in their home markets ("120 zł", "65 Kč", "4,500 Ft", "9 kr a share").
SUFFIX_LETTERS = [s for s in SYMBOLS if s not in SIGNS and (not s.isascii() or s in ("Ft", "kr", "TL", "Fr.", "Br"))]
ISO_CODES = [c for c in CURRENCIES.codes if c.isascii() and c.isalpha() and len(c) == 3]
LOWER_CODES = CURRENCIES.lower_codes
#: "MEUR 120", "35 MUSD": millions of the currency, as European finance desks write it.
MILLION_CODES = ["M" + c.upper() for c in LOWER_CODES]
#: Currency names and subunits read after a figure ("5 billion euros", "342 pence"); "p" only glued ("72p").
NAMES = [n for n in CURRENCIES.names] + [n for n in CURRENCIES.subunits if n != "p"]
#: Names that may stand before a figure, with a scale ("dollar 17.5 million", "euros 40 million"): the few
#: desks write that way (each name tried at every position would cost the scan a tenth of its speed).
PREFIX_NAMES = ["dollar", "dollars", "euro", "euros", "yen", "yuan", "rupee", "rupees", "franc", "francs"]
_LABEL_BEFORE = re.compile(r"\b[A-Z][a-z]+\s$")  # "Figure 3c", "Type 2c" (cents follow a verb or a preposition)
#: Video resolutions, which "p" also follows ("1080p").
RESOLUTIONS = frozenset({"144", "240", "360", "480", "576", "720", "1080", "1440", "2160", "4320"})

# ---------------------------------------------------------------- numbers and scales
SCALES: dict[str, float] = {
    "thousand": 1e3, "k": 1e3, "million": 1e6, "mn": 1e6, "mln": 1e6, "m": 1e6, "mm": 1e6,
    "billion": 1e9, "bn": 1e9, "bln": 1e9, "b": 1e9, "trillion": 1e12, "tn": 1e12, "trn": 1e12,
    "tr": 1e12, "t": 1e12, "lakh": 1e5, "lakhs": 1e5, "lac": 1e5, "lacs": 1e5, "crore": 1e7, "crores": 1e7,
    "cr": 1e7, "lakh crore": 1e12, "lakh crores": 1e12, "lakh cr": 1e12,
    # Chinese, Korean and Japanese copy: "378.6亿元" (a hundred million), "7,272억 원", "1.2조 원" (a million millions)
    "亿": 1e8, "億": 1e8, "억": 1e8, "万": 1e4, "萬": 1e4, "만": 1e4, "조": 1e12, "兆": 1e12, "ล้าน": 1e6,
    "bil": 1e9, "mil": 1e6,  # Malaysian desks: "RM4.7bil", "RM960mil"
    "mio": 1e6, "mrd": 1e9,  # German desks: "822 Mio. EUR", "23,38 Mrd. EUR" (Milliarde: a thousand million)
    "mld": 1e9,  # Italian and Polish desks: "€11,97 mld" (miliardi), "4,2 mld zł" (miliardów)
    "mia": 1e9,  # Danish and Norwegian desks: "8,3 mia. kr." (milliarder), with "7.965 mio. kr." (millioner)
    # Spanish and Portuguese desks: "$ 106.942 millones", "$11,7 billones" (a Spanish billón is a million
    # millions), "R$ 1,2 bilhão" (a Brazilian bilhão is a thousand millions)
    "millones": 1e6, "millón": 1e6, "mil millones": 1e9, "billones": 1e12, "billón": 1e12,
    "milhões": 1e6, "milhão": 1e6, "bilhões": 1e9, "bilhão": 1e9,
    # … and their abbreviations on Brazilian desks: "R$ 4,18 bi", "R$ 300 mi", "R$ 1,2 tri"
    "bi": 1e9, "mi": 1e6, "tri": 1e12,
    # Norwegian and Danish "306 mill. euro", "3,6 mrd. kroner", "4,1 millioner kroner", "2 milliarder"; Turkish
    # "10,2 milyar TL", "243 milyon dolar"
    "mill": 1e6, "millioner": 1e6, "milliarder": 1e9, "milyon": 1e6, "milyar": 1e9,
    # Swedish "6,2 miljarder kronor", "850 miljoner kronor", "1 miljard"
    "miljoner": 1e6, "miljon": 1e6, "miljarder": 1e9, "miljard": 1e9,
    # Italian "58,1 milioni di euro", "1,2 miliardi"; French "3,4 milliards d'euros"; Indonesian "Rp25,98 triliun",
    # "Rp1,2 miliar", "US$158 juta"
    "milioni": 1e6, "milione": 1e6, "miliardi": 1e9, "miliardo": 1e9, "milliards": 1e9, "milliard": 1e9,
    "juta": 1e6, "miliar": 1e9, "triliun": 1e12,
    "mdr": 1e9,  # … shortened: "79,1 mdr kr", "25,8 mdr euro" (miljarder)
}
#: Scale words of Nordic and Turkish copy, written out after the figure (each a key of SCALES)
LOCAL_SCALE_WORDS = ("millioner", "milliarder", "miljoner", "miljon", "miljarder", "miljard", "milyon", "milyar",
                     "milioni", "milione", "miliardi", "miliardo", "milliards", "milliard", "juta", "miliar", "triliun")
#: Scales in Spanish or Portuguese: a bare "$" before one is the local peso, not the American dollar
IBERIAN_SCALES = frozenset({"millones", "millón", "mil millones", "billones", "billón"})
#: A currency and its scale written as one word after the figure, as local desks do: Swedish "860 Mkr" and
#: "1,9 mdkr" (miljoner, miljarder kronor), Moroccan "4 159 MDH" and "2,11 MMDH" (millions, milliards de dirhams),
#: Mexican "2,685 mdp" and "mdd" (millones de pesos, de dólares), "mmdp", "mmdd" (miles de millones); Icelandic
#: "7,2 ma.kr." and "470 m.kr." (milljarðar, milljónir króna).
PACKED_CURRENCIES: dict[str, tuple[str, float]] = {
    "Mkr": ("kr", 1e6), "mkr": ("kr", 1e6), "mdkr": ("kr", 1e9), "Mdkr": ("kr", 1e9),
    "ma.kr": ("ISK", 1e9), "m.kr": ("ISK", 1e6),
    "MDH": ("DH", 1e6), "MMDH": ("DH", 1e9), "mdh": ("DH", 1e6), "mmdh": ("DH", 1e9),
    "mdp": ("pesos", 1e6), "mmdp": ("pesos", 1e9), "mdd": ("USD", 1e6), "mmdd": ("USD", 1e9),
}
PLURAL_SCALES = {"thousands": 1e3, "millions": 1e6, "billions": 1e9, "trillions": 1e12}
UNITS = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
    "sixteen seventeen eighteen nineteen".split())}
TENS = {w: 10 * i for i, w in enumerate("_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()) if i >= 2}
FRACTIONS = {
    "half a": 0.5, "half an": 0.5, "a half": 0.5, "half": 0.5, "a quarter": 0.25, "a quarter of a": 0.25,
    "quarter": 0.25, "quarter of a": 0.25, "three quarters": 0.75, "three quarters of a": 0.75,
    "three-quarters": 0.75, "three-quarters of a": 0.75,
}


# Tries, not flat alternations: the scan tries a number word and a qualifier at every position of a window.
_UNIT = trie([w for w in UNITS if w != "zero"])
_TENS = trie(list(TENS))
_CARD = rf"(?:(?:{_TENS})(?:[-\s](?:{_UNIT}))?|{_UNIT})"
WORD_NUMBER = (
    rf"(?i:(?:{_CARD}|a|an)\s+and\s+a\s+half|{trie(list(FRACTIONS))}"
    rf"|(?:{_CARD}|a|an)(?:\s+hundred(?:\s+(?:and\s+)?{_CARD})?)?)"
)
_WORD_NUMBER_FIRST = first_lookahead(WORD_NUMBER)  # one set test before the word lists, at every word of a window
# Western grouping (1,234,567) or Indian (12,34,567: lakh and crore groups of two above the thousands).
DIGITS = r"(?:\d{1,2}(?:,\d{2})+,\d{3}(?:\.\d+)?|\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
# Thousands may be grouped by a space, as South African and continental copy does ("R3 650 a share", "€2 500 000",
# "3 158 mln zł"), or by an apostrophe, as Swiss copy does ("CHF 2’272.4 million"): whole groups of three only, so
# "R3 6" or "$5 2024" stay apart; a figure so written with its currency after it needs the currency (`FIGURE`).
_SPACED_DIGITS = r"\d{1,3}(?:[ \u00a0\u202f'’]\d{3})+(?:\.\d{1,2})?(?![\d.,]?\d)"
_PREFIXED_DIGITS = rf"(?:{_SPACED_DIGITS}|{DIGITS})"
SCALE_WORD = (r"(?i:thousand|million|billion|trillion|lakh\s+crores?|lakh\s+cr(?![a-z])|lakhs?|lacs?|crores?|[亿億억万萬만조兆]|ล้าน"
              r"|mil\s+millones|millones|millón|billones|billón|milhões|milhão|bilhões|bilhão"
              rf"|{'|'.join(LOCAL_SCALE_WORDS)})")
SCALE_ABBR = (r"(?:[kK]|mn|Mn|MN|Bn|BN|mln|mill|mil|Mio|Mrd|mrd|mdr|mld|mio|mia|mi(?!-)|[mM]{1,2}|bn|bln|bil|bi(?!-)|[bB]|tn|trn"
              r"|tri(?!-)|tr|T|[cC]r)")  # (not "a $1.20 bi-annual dividend", "$500 bi-weekly")
_SCALE = rf"(?:{SCALE_WORD}|{SCALE_ABBR})(?![A-Za-z0-9&])"
SCALE = first_lookahead(_SCALE) + _SCALE  # one set test after every figure instead of the words

# Tries, not flat alternations: the scan tries the prefix at every position of a window.
_CODES = trie(ISO_CODES + MILLION_CODES)
_LOWER = trie(LOWER_CODES)
# Each part behind a lookahead on its first characters (`first_lookahead`): the scan tries the prefix at every
# word of a window, and a case-insensitive list costs far more to fail than one set test.
# A lower-case code is read once, then "$" or a figure after it: "usd$5", "EUR 300m" (a code and a code with "$"
# never match at the same place, so their order does not matter).
_BEFORE_FIGURE = r"(?=\s?[\d.]|[^\S\n]{2,8}\d)"
_PREFIX_PARTS = (
    trie(SYMBOLS), rf"{_CODES}{_BEFORE_FIGURE}|(?i:{_LOWER})(?:\$|{_BEFORE_FIGURE})",
    rf"(?i:{trie(PREFIX_NAMES)})(?=\s+\d)",
)
_PREFIX = "(?:" + "|".join(first_lookahead(part) + part for part in _PREFIX_PARTS) + ")"
_SUFFIX_CODE = rf"(?:{_CODES}|(?i:{_LOWER}))(?![A-Za-z])"
_SUFFIX_SYMBOL = rf"(?:{alternation(SIGNS)}|(?:{alternation(SUFFIX_LETTERS)})(?![A-Za-z]))"
_SUFFIX_NAME = rf"(?i:{trie(NAMES)})(?![A-Za-z])(?!-(?!a-))"
_SUBUNIT_NAME = rf"(?i:{trie([n for n in CURRENCIES.subunits if n != 'p'])})(?![A-Za-z])"
_SUFFIX_PACKED = rf"(?:{alternation(list(PACKED_CURRENCIES))})(?![A-Za-z])"
_CURRENCY_AFTER = "(?:" + "|".join(first_lookahead(x) + x for x in (_SUFFIX_PACKED, _SUFFIX_CODE, _SUFFIX_NAME,
                                                                     _SUFFIX_SYMBOL)) + ")"
_SMALL_LETTERS_ONLY = ("~", "ca", "ca.", "ok.", "cca")
_QUAL_WORDS = rf"(?i:{trie([q for q in QUALIFIER_KINDS if q not in _SMALL_LETTERS_ONLY])})"
# ("ca." and "ca" in small letters only: "based in Sacramento, CA. $5.25 million was raised" is no circa; nor is "OK.";
# "ok." only before a number: "sales were ok. $5 million of orders …" is no Polish "about")
_QUAL = rf"{first_lookahead(_QUAL_WORDS)}{_QUAL_WORDS}\s+|(?:ca\.?|cca)\s+|ok\.\s+(?=\d)|~\s?"
_RANGE_SEP = r"(?:\s?[-–]\s?|\s+to\s+|\s+and\s+)"
# Between symbol, number, scale and currency: a space, a line break, or the padding an HTML character
# reference leaves in the masked text ("$3&nbsp;billion" -> "$3\xa0     billion").
_GAP = r"(?:[^\S\n]{0,8}\n?[^\S\n]{0,8})"
# A currency after a figure is that figure's, unless a bare number follows it that has no currency of its
# own: "30 rmb 40 usd" pairs 30 with rmb, but in "in 2024 $5 million" the "$" is the 5's (see _scan).
_NEXT_NUMBER = re.compile(rf"{_GAP}(?={DIGITS})")
_MARKER_END = re.compile(r"\S*")  # always matches
# "twelve dollars and thirty cents", "15 ringgit and 20 sen", "20 ringgit 43": the subunits of the amount.
_TAIL = (
    rf"(?P<tail>\s+(?:and\s+)?(?P<tnum>\d{{1,2}}|{_CARD}|an?)"
    rf"(?:\s+(?P<tsub>{_SUBUNIT_NAME})"
    rf"|(?=[^\S\n]*(?:[,;:)!?]|\.(?!\d)|$|(?:for|a|an|per|each|in|on|at|to|with|from)\b))))?"
)
# "$1 and 25 cents", "£3 and 20p": the subunits after a figure with a currency symbol.
_PREFIX_TAIL = (
    rf"(?P<ptail>\s+and\s+(?P<ptnum>\d{{1,2}})(?:(?P<ptp>p)(?![A-Za-z])|\s+(?P<ptsub>{_SUBUNIT_NAME})))?"
)

# the point of an abbreviated scale after a figure: "306 Mio. €", "8,3 to 8,7 Mrd. €", "306 mill. euro"
_ABBREVIATED = r"(?:(?<=Mio|Mrd|mrd|mld|mio|mia)\.|(?<=mill)\.)?"


def _figure_regex() -> re.Pattern[str]:
    """A written figure: currency first ("$1.7bn", "EUR 300m") or last ("5 billion USD", "ten million
    euros"); also "between X and Y", "X to Y", "X-Y" and "from X to Y"."""
    between = rf"(?P<between>{first_lookahead('(?i:between|from)')}(?i:between|from)\s+)?"
    pre_range = (
        rf"(?:(?P<sep>(?:(?<=Mio|Mrd|mrd|mld|mio|mia)\.)?{_RANGE_SEP})(?P<pre2>{_PREFIX})?{_GAP}(?P<num2>{_PREFIXED_DIGITS})"
        rf"(?:(?:{_GAP}|-(?={SCALE_WORD}))(?P<scale2>{SCALE}))?"  # ("$8.1-billion to $8.3-billion")
        rf"(?![pc](?![A-Za-z])|{_GAP}{_SUBUNIT_NAME}))?"
    )
    suf_range = (
        rf"(?:(?P<wsep>{_RANGE_SEP})(?P<wnum2>{DIGITS}|{WORD_NUMBER})(?:{_GAP}(?P<wscale2>{SCALE}){_ABBREVIATED})?)?"
    )
    return re.compile(
        rf"""
        (?<![\w$€£¥₹₩.,^])
        (?P<qual>{_QUAL})?
        {between}
        (?:
            (?P<pre>{_PREFIX}){_GAP}(?P<num>{_PREFIXED_DIGITS}|{_WORD_NUMBER_FIRST}{WORD_NUMBER}(?=\s+{SCALE_WORD}))(?:(?:{_GAP}|-(?={SCALE_WORD}))(?P<scale>{SCALE}))?
            {pre_range}
            (?:{_GAP}(?P<ppacked>{_SUFFIX_PACKED}))?
            (?:\s(?P<code>{_SUFFIX_CODE}))?
            {_PREFIX_TAIL}
          |
            (?P<wnum>{_SPACED_DIGITS}|{DIGITS}|{_WORD_NUMBER_FIRST}{WORD_NUMBER}\b)(?:(?:{_GAP}|-)(?P<wscale>{SCALE}){_ABBREVIATED})?
            {suf_range}
            (?:
                (?P<glued>[pc])(?![A-Za-z])
              | (?:{_GAP}|-)(?:(?:of|de|di)\s+|d['’])?(?P<cur>{_CURRENCY_AFTER})
                (?:{_GAP}(?P<cscale>{SCALE_WORD})(?![A-Za-z]))?
                {_TAIL}
            )
        )
        (?![\w%])
        """,
        re.VERBOSE,
    )


FIGURE = _figure_regex()

def _vague_form(n: int) -> str:
    return rf"(?P<form{n}>tens\s+of|dozens\s+of|hundreds\s+of|several|a\s+few|a\s+couple\s+of)"


def _vague_scale(n: int) -> str:
    """A scale after a vague form ("several billion"), or a bare plural ("billions")."""
    return (
        rf"(?:{_vague_form(n)}\s+(?P<vscale{n}>thousands|millions|billions|trillions|thousand|million|billion|trillion)"
        rf"|(?P<vplural{n}>thousands|millions|billions|trillions))"
    )


_MONEY_VERB = (
    r"(?:invest|invests|invested|investing|raise|raises|raised|raising|spend|spends|spent|spending"
    r"|pay|pays|paid|paying|cost|costs|costing|generate|generates|generated|generating|lose|loses|lost"
    r"|losing|earn|earns|earned|earning|pour|poured|pouring)"
)
# A vague amount is read case-insensitively: only the lower-case codes and the names that are not English
# words ("millions of real users", "thousands of all kinds" are not money).
_VAGUE_PREFIX = rf"(?:{alternation([x for x in SYMBOLS if not x.isalpha()])}|{_LOWER})"
_VAGUE_SUFFIX = (
    rf"(?:(?:{_LOWER})(?![A-Za-z])|{trie([n for n in CURRENCIES.names if n not in CURRENCIES.needs_scale or n in ('pound', 'pounds', 'won')])})(?![A-Za-z])"
)
# "tens of millions of euros", "several billion dollars", "$ billions", "billions of dollars",
# and after a money verb a vague amount with no currency ("invest “billions”").
VAGUE = guarded(
    rf"""
    (?<![\w$€£¥₹₩])
    (?:
        (?P<vpre>{_VAGUE_PREFIX})\s?{_vague_scale(1)}
      | {_vague_scale(2)}(?:\s+of)?\s+(?P<vcur>{_VAGUE_SUFFIX})
      | (?P<verb>{_MONEY_VERB})\s+["“']?(?P<bare>{_vague_scale(3)})["”']?
        (?!\s+of\s|\s+(?:{_VAGUE_SUFFIX}))
    )
    (?![\w%])
    """,
    re.VERBOSE | re.IGNORECASE,
)

# Every vague amount holds one of these (casefold, as IGNORECASE matches "ſ" with "s").
_VAGUE_HINTS = ("illions", "thousands", "tens", "dozens", "hundreds", "several", "few", "couple")

# What stands between an amount and its restatement in another currency: "€1.7bn (about $2bn)",
# "€500m in revenue in 2025 ($515m at current rates)", "€10m, or $11m,".
CONVERSION_OPEN = re.compile(r"(?:\(|\bor|\bi\.e\.,?|/)\s*$")
APPOSITIVE = re.compile(r"^\s*,\s*$")  # "£5m, about $6.3m, ...": only with an approximate restatement
CONVERSION_REACH = 80  # characters between an amount and the parenthesis that converts it
_COMPARED_FROM = re.compile(r"\b(?:up|down|rising|falling|rose|fell|higher|lower|increase|decrease|gain|drop)\b[^()]{0,60}?"
                            r"\bfrom\s+(?:(?:about|around|roughly|some|nearly|almost|just\s+over|just\s+under)\s+)?$",
                            re.IGNORECASE)
SENTENCE_BREAK = re.compile(r"[.!?]\s|\n\s*\n|\)")
# "€2 billion ($1.5 billion in 2023)", "(up from $1.5bn)": a comparison in parentheses, not a restatement
NOT_A_RESTATEMENT = re.compile(
    r"\b(?:19|20)\d{2}\b|\b(?:up|down)\s+from\b|\bvs\.?|\bversus\b|\bcompared\b|\blast\s+year\b"
    r"|\ba\s+year\s+(?:earlier|ago|before)\b|\bprevious(?:ly)?\b|\bprior\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class _Figure:
    value: float
    half_unit: float


def _parse_digits(raw: str) -> _Figure:
    """'1,234.50' -> 1234.5 precise to half of 0.01 (trailing zeros are written digits)."""
    plain = raw.replace(",", "").replace(" ", "").replace("\u00a0", "").replace("\u202f", "").replace("'", "") \
        .replace("’", "")
    decimals = len(plain.partition(".")[2])
    return _Figure(float(plain), 0.5 * 10.0 ** -decimals)


def _parse_words(raw: str) -> _Figure:
    """'twenty-five' -> 25 ± 0.5; 'half a' -> 0.5 ± 0.05; 'a hundred' -> 100 ± 0.5."""
    words = " ".join(raw.lower().replace("-", " ").split())
    if words in FRACTIONS:
        return _Figure(FRACTIONS[words], 0.05)
    if words.endswith("and a half"):
        whole = words[: -len("and a half")].strip()
        return _Figure((1.0 if whole in ("a", "an") else _parse_words(whole).value) + 0.5, 0.05)
    total = 0
    current = 0
    for word in words.split():
        if word in ("a", "an"):
            current += 1
        elif word in UNITS:
            current += UNITS[word]
        elif word in TENS:
            current += TENS[word]
        elif word == "hundred":
            current = (current or 1) * 100
        # "and" contributes nothing
    total += current
    return _Figure(float(total), 0.5)


def parse_number(raw: str) -> _Figure:
    raw = raw.strip()
    return _parse_digits(raw) if raw[0].isdigit() else _parse_words(raw)


def scale_of(raw: str | None) -> float:
    if not raw:
        return 1.0
    if raw == "T":  # "T" is trillion; lower-case "t" is not a scale
        return 1e12
    return SCALES[" ".join(raw.lower().split())]


def currency_of(raw: str, text: str = "", pos: int = 0, context: CurrencyContext | None = None) -> str | None:
    """The ISO code a written currency marker means where it stands (see currencies.resolve)."""
    return CURRENCIES.resolve(raw, text, pos, context or CurrencyContext())


def _qualifier(raw: str | None) -> str | None:
    if not raw:
        return None
    return " ".join(raw.lower().split()) if raw.strip() != "~" else "~"


# A price in the sentence makes a bare "pounds" money without a scale ("tickets cost from 5 to 8 pounds").
PRICE_CUE = re.compile(
    r"\b(?:costs?|costing|price[sd]?|pric(?:ing)|pa(?:y|ys|id|ying)|s(?:ell|ells|old|elling)|charge[sd]?|fees?"
    r"|fine[sd]?|worth|sp(?:end|ends|ent)|tickets?|salar(?:y|ies)|wages?|earn(?:s|ed)?|b(?:uy|uys|ought)"
    r"|dividend|a\s+share|per\s+share|shares?|stock|closed|closing|fare|rent)\b",
    re.IGNORECASE,
)
# A singular currency name used as an adjective: "10 dollar bills", "14 bitcoin mining sites".
ATTRIBUTIVE = re.compile(
    r"[\s-]+(?:mining|miners?|notes?|bills?|coins?|banknotes?|ATMs?|wallets?|ETFs?|futures|stores?|shops?"
    r"|tokens?|zone|area|bonds?)\b"
)
WEIGHT_CUE = re.compile(r"\b(?:weigh\w*|weight|heav\w+|lighter|kilo\w*|kg|lbs?|ounces?|stone)\b", re.IGNORECASE)
# "rose from 5 to 8 billion euros": a change, not a range
_CHANGE_VERBS = (
    r"r[io]se|rising|grew|grow\w*|increas\w+|fell|fall\w*|dropp?\w*|declin\w+|jump\w*|climb\w*|soar\w*"
    r"|surg\w+|slump\w*|plung\w+|rais\w+|cut\w*|lift\w*|lower\w*|boost\w*|went|gone|chang\w+|expand\w*"
    r"|shr[ai]nk\w*|narrow\w*|widen\w*|slipp?\w*|gain\w*|up|down")
CHANGE_BEFORE = re.compile(rf"\b(?:{_CHANGE_VERBS})\s+(?:\w+\s+){{0,2}}$", re.IGNORECASE)


_YEAR_TO = re.compile(r"(?:19|20)\d{2}\s+to\s+")


# a change verb right before a figure: "rose A$12 million to A$127 million" (by so much, to so much)
_CHANGED_BY = re.compile(rf"\b(?:{_CHANGE_VERBS})[ \t]{{1,3}}(?:by[ \t]{{1,3}})?$", re.IGNORECASE)
# a figure written as a price: "R50.21" in a sentence about shares, "Re 1 per share"
_CENTS_WRITTEN = re.compile(r"\d{1,6}\.\d{2,4}")  # "R50.21", "RON 0.0444 per share" (a dividend to the tenth of a ban)
_WHOLE_PRICE = re.compile(r"[1-9]\d{0,4}|\d{1,3}(?:[ \u00a0\u202f,]\d{3})+")
# "closed at R260", "a target price of Bt205", "cut its target to R240 from R260": the word before a price
_PRICE_WORD_BEFORE = re.compile(r"(?i:\b(?:at|to|from|of|target|price))[ \t]{1,3}$")
_SHARE_PRICE_CUE = re.compile(r"\b(?:shares?|stock|(?:target|share)\s+price|price\s+target|closed|traded|dividends?)\b",
                              re.IGNORECASE)
_PER_SHARE_AFTER = re.compile(r"[ \t]{1,3}(?:a|per)[ \t]{1,3}(?:(?:equity|ordinary|common)[ \t]{1,3})?share\b|[ \t]{1,3}each\b")


def _written_as_price(text: str, m: re.Match[str], num: str, num2: str | None) -> bool:
    """A letter symbol or a code that needs a scale is money without one when the figure is a price: written to
    the cent in a sentence about prices or shares ("the shares slipped to R50.21", "closing price of MAD 96.00"),
    per share ("a dividend of Re 1 per share"), or whole after a price word in a sentence about shares ("a fair
    value of R260 on the shares", "Hold, target Bt205"); never "R2-D2", "P3" or "TOP 10"."""
    if num2:
        return False
    if _PER_SHARE_AFTER.match(text, m.end()):
        return True
    sentence = _sentence_around(text, m.start(), m.end())
    if _CENTS_WRITTEN.fullmatch(num):
        return PRICE_CUE.search(sentence) is not None
    # a whole share price right after "at", "to", "target"… in a sentence about shares, not "R2-D2"
    return bool(_WHOLE_PRICE.fullmatch(num)) and not text.startswith("-", m.end()) \
        and (before := _PRICE_WORD_BEFORE.search(text, max(0, m.start() - 12), m.start())) is not None \
        and (before.group(0).strip().lower() == "target" or _SHARE_PRICE_CUE.search(sentence) is not None)


def _sentence_before(text: str, pos: int) -> str:
    start = max(text.rfind(". ", 0, pos), text.rfind("\n", 0, pos), pos - 160)
    return text[max(start, 0):pos]


def _sentence_around(text: str, start: int, end: int) -> str:
    """The sentence a figure stands in (at most 160 characters either side): "At the R225.85 the shares
    fetched" names its shares after the price."""
    left = max(text.rfind(". ", 0, start), text.rfind("\n", 0, start), start - 160)
    ends = [at for at in (text.find(". ", end), text.find("\n", end)) if at >= 0]
    return text[max(left, 0):min([*ends, end + 160])]


def _figure_mention(
    m: re.Match[str], policy: IntervalPolicy, context: CurrencyContext, found: list[MoneyMention]
) -> MoneyMention | None:
    g = {k: v or "" for k, v in m.groupdict().items()}  # every group as a string, "" when it did not take part
    text = m.string
    end = m.end()
    unit = 1.0  # 0.01 for an amount in cents or pence, 1e6 for "MEUR"
    extra = 0.0  # the subunits of a compound amount ("twelve dollars and thirty cents")
    extra_half = 0.0
    if g["pre"]:
        marker = g["pre"].rstrip("$") + "$" if g["pre"].lower().endswith("$") and len(g["pre"]) > 1 else g["pre"]
        if marker in _GLUED_ONLY and m.start("num") > m.end("pre") and not g["scale"][:1].islower():
            return None  # Cairo's "LE4.28bn", "LE 20.44 billion", not French capitals' "LE 1,5 MILLIARD D'EUROS"
        codes, unit = CURRENCIES.candidates(marker)
        currency = currency_of(marker, text, m.start("pre"), context)
        num, scale, num2, scale2, sep = g["num"], g["scale"], g["num2"], g["scale2"], g["sep"]
        if marker == "$" and " ".join((scale or scale2).lower().split()) in IBERIAN_SCALES:
            currency = CURRENCIES.local_dollar(text, context) or currency  # "$11,7 billones": Colombian pesos
        if marker == "R$" and not g["ppacked"] and scale.lower() == "mil" and num.isdigit() \
                and text[m.start("scale") - 1:m.start("scale")].isspace() and not _MILLIONS_AFTER.match(text, m.end("scale")):
            # "R$ 50 mil": Portuguese for fifty thousand reais, a whole number with "mil" apart ("R$ 1,5 milhão" is the
            # million; "R$50mil", "R$ 2.5 mil" are English copy's millions, "R$ 5 mil milhões" is 5 billion)
            scale = "thousand"
            scale2 = "thousand" if scale2.lower() == "mil" else scale2
        if g["ppacked"]:  # Mexican "$1,493 mdp" (millones de pesos), "$75.8 mil mdp" (miles de millones): the
            # packed word names the currency and its millions, the "$" only marks money; "mil" before it is a thousand
            packed_marker, packed = PACKED_CURRENCIES[g["ppacked"]]
            codes, unit = CURRENCIES.candidates(packed_marker)
            unit *= packed
            currency = currency_of(packed_marker, text, m.start("ppacked"), context)
            scale = "thousand" if scale.lower() == "mil" else scale
            scale2 = "thousand" if scale2.lower() == "mil" else scale2
        if codes and not g["pre"][0] in "$€£¥₹₩" and _is_name(g["pre"]) and not (scale or scale2):
            return None  # "Euro 2024": a currency name before a figure is money only with a scale
        if (_needs_scale_code(g["pre"]) or g["pre"] in CURRENCIES.needs_scale) and not (scale or scale2) \
                and not _written_as_price(text, m, num, num2):
            return None  # "TOP 10", "ALL 3 models", "R2-D2" (not "the shares slipped to R50.21", "At Monday's
            # closing price of MAD 96.00", "a dividend of RON 0.6420 per share")
        if g["ptail"]:
            tail = _prefix_tail(g, currency, scale)
            if tail is None:
                end = m.start("ptail")
            else:
                extra, extra_half = tail
        if g["code"] and currency_of(g["code"], text, m.start("code"), context) != currency:
            end = len(text[: m.start("code")].rstrip())  # "$5 million EUR": the code is not this amount's
        if g["pre2"] and not g["ppacked"] and currency_of(g["pre2"], text, m.start("pre2"), context) != currency:
            return None  # ("between $1,400 and $1,500 mdp": the packed word is both figures' currency)
        if sep and "to" in sep and g["pre2"] and not g["between"].strip() \
                and _CHANGED_BY.search(text, max(0, m.start() - 24), m.start()):
            return None  # "EBIT rose A$12 million to A$127 million": the change, then the level it reached
    else:
        num, scale, num2, scale2, sep = g["wnum"], g["wscale"], g["wnum2"], g["wscale2"], g["wsep"]
        if sep and not scale and _YEAR_TO.fullmatch(num + sep) and num2[:1].isdigit() \
                and parse_number(num2).value < parse_number(num).value:
            return None  # "the payout for 2025 to 63 sen": a year, then the amount it reaches (not "2000 to 3000 euros")
        if sep and "to" in sep and scale and g["wscale2"] \
                and _CHANGED_BY.search(text, max(0, m.start() - 24), m.start()):
            return None  # "revenue rose by 50 Mio. to 822 Mio. EUR": the change, then the level it reached
        if sep and not scale and num2[:1].isdigit() and " ".join(num.lower().replace("-", " ").split()) in FRACTIONS:
            return None  # "from the first quarter to 1,35 milliarder dollar": a fraction word ends no range of figures
        if g["glued"]:  # "72p": pence, unless a video resolution ("1080p"); "620c": cents (rand, dollar)
            if num in RESOLUTIONS or not num[0].isdigit() or scale:
                return None
            if g["glued"] == "p":
                currency, unit = "GBP", 0.01
            elif _LABEL_BEFORE.search(text, max(0, m.start() - 16), m.start()):
                return None  # "Figure 3c", "Type 2c": a label, not cents
            else:
                codes, unit = CURRENCIES.candidates("cents")
                currency = _subunit_currency(codes, found, text, m.start("glued"), context, "cents")
        else:
            marker, packed = PACKED_CURRENCIES.get(g["cur"], (g["cur"], 1.0))  # "860 Mkr": kronor, millions
            codes, unit = CURRENCIES.candidates(marker)
            unit *= packed
            name = " ".join(marker.lower().split())
            if len(codes) > 1 and name in CURRENCIES.subunits:
                currency = _subunit_currency(codes, found, text, m.start("cur"), context, name)
                unit = CURRENCIES.subunits[name].get("factors", {}).get(currency, unit)  # a dirham's fils: 0.01
            else:
                currency = currency_of(marker, text, m.start("cur"), context)
            if g["cscale"]:
                if _is_code(marker):
                    scale = scale or g["cscale"]  # "60 EUR million"
                else:
                    end = len(text[: m.start("cscale")].rstrip())
            has_scale = bool(scale or scale2 or packed != 1.0)
            tail = _tail(g, unit, scale) if g["tail"] else None
            if g["tail"] and tail is None:
                end = m.start("tail")
            if tail is not None:
                extra, extra_half = tail
            words = " ".join(num.lower().replace("-", " ").split())
            if not has_scale and words in ("a", "an") and tail is None and name not in CURRENCIES.subunits:
                return None  # "a dollar store", "a euro zone country"; "a penny" is money
            if not has_scale and words in FRACTIONS and not words.endswith((" a", " an")):
                return None  # "half euros"; "half a bitcoin" is money
            if not has_scale and ATTRIBUTIVE.match(text, m.end("cur")) and not marker.lower().endswith("s"):
                return None  # "10 dollar bills", "14 bitcoin mining sites": things, not amounts
            if (name in CURRENCIES.needs_scale or marker in CURRENCIES.needs_scale) and not has_scale and tail is None:
                before = _sentence_before(text, m.start())
                if not PRICE_CUE.search(before) or WEIGHT_CUE.search(before):
                    return None  # "the baby weighed 7 pounds"; "tickets cost 8 pounds" is money
            if _needs_scale_code(marker) and not has_scale:
                return None
            if end == m.end("cur") and _owned_by_next_figure(text, m.start("cur")):
                return None  # "in 2024 $5 million": the "$" opens the next amount
            if marker == "kr" and end == m.end("cur") and text.startswith(".", end) and is_abbreviation(text, end):
                end += 1  # "16,94 kr. per share": the point abbreviates the krone (a Danish desk's), ending no sentence
    between = g["between"].strip().lower()
    if sep and "and" in sep and between != "between":
        return None  # "$5m and $7m" are two amounts
    if sep and between == "from" and "to" in sep and (
        g["pre2"] or CHANGE_BEFORE.search(_sentence_before(text, m.start()))
    ):
        return None  # "from $20m to $400m", "rose from 5 to 8 billion euros": a change, not a range
    if between and not sep:
        return None
    first = parse_number(num)
    if num2:
        s1 = scale_of(scale or scale2) * unit
        s2 = scale_of(scale2 or scale) * unit
        second = parse_number(num2)
        value = policy.range(
            (first.value * s1, first.half_unit * s1), (second.value * s2, second.half_unit * s2),
            currency,
        )
    else:
        s = scale_of(scale) * unit
        half = extra_half or first.half_unit * s
        qualifier = _qualifier(g["qual"])
        if qualifier == "up to" and _ADDS_UP.search(text, max(0, m.start() - 10), m.start()) \
                or (g["qual"] or "").strip().lower() == "over" and _TURNED.search(text, max(0, m.start() - 10), m.start()):
            # "special payouts add up to R5.8bn": a total, not a bound; "the group turned over NOK 10.7 billion":
            # its turnover, not more than it
            value = policy.point(first.value * s + extra, half, currency, None)
            return MoneyMention(start=m.end("qual"), end=end, value=value)
        value = policy.point(first.value * s + extra, half, currency, qualifier)
        if _minus_before(text, m.start()):  # "-$5m", "−€3.2bn": a negative amount keeps its sign
            return MoneyMention(start=m.start() - 1, end=end, value=negated(value))
    return MoneyMention(start=m.start(), end=end, value=value)


_GLUED_ONLY = frozenset({"LE"})  # letter symbols read only glued to the figure, or apart before a scale in small letters
_MILLIONS_AFTER = re.compile(r"[ \t]+milh")  # "mil milhões": a thousand millions
_TURNED = re.compile(r"\bturn(?:ed|s|ing)?\s$", re.IGNORECASE)  # "turned over NOK 10.7 billion": a turnover
_ADDS_UP = re.compile(r"\badd(?:s|ed|ing)?\s+$", re.IGNORECASE)


# "rose to 909 million euros from 722 million", "slipped to 580 million euros in the half from 598 million": the
# figure compared with, right after an amount (or the few words that date it, or its conversion in parentheses),
# in the same currency though it
# does not write it (a scale is needed: "from 2023" and "from 5%" are no amounts)
_ELIDED_COMPARED = re.compile(
    rf"(?:[ \t]{{1,3}}\([^()\n]{{1,40}}\),?)?"  # "393.7 billion CFA francs (about €600 million), from 331.7 billion"
    rf"(?:[ \t]{{1,3}}(?:in|for|during|over)[ \t]{{1,3}}[^,;:.()\n$€£¥₹₩]{{1,25}}?)?"  # "in the half", "in 2024"
    rf"(?:[ \t]{{1,3}}(?:from|against|compared[ \t]{{1,3}}with|versus|vs\.?)"
    # "2.136,7 millones de euros (…), up 10,5% on the 1.934,2 millones of 2024": the change, then what it is measured on
    rf"|(?P<pct>,?[ \t]{{1,3}}(?:up|down)[ \t]{{1,3}}\d{{1,3}}(?:[.,]\d{{1,2}})?[ \t]?%[ \t]{{1,3}}(?:on|from)(?:[ \t]{{1,3}}the)?))[ \t]{{1,3}}"
    rf"(?P<num>{DIGITS})[ \t]{{0,3}}(?P<scale>{SCALE})(?:(?<=Mio|Mrd|mrd|mld|mio|mia)\.|(?<=mill)\.)?+(?![\w%$€£¥₹₩])"
    rf"(?![ \t]{{0,3}}(?:{_CURRENCY_AFTER}))")
# what a figure past a percentage change counts, a noun after it, is no money: "up 3% on the 400 million subscribers"
_COUNTED_AFTER = re.compile(r"[ \t]{1,3}(?!(?:in|for|of|a|an|the|last|earlier|before|at|on|and|or|to|from|after|as|a\s+year)\b)[a-z]")


def _elided_compared(text: str, mention: MoneyMention, policy: IntervalPolicy) -> MoneyMention | None:
    value = mention.value
    if value.currency is None or value.amount is None or value.qualifier == "range":
        return None
    m = _ELIDED_COMPARED.match(text, mention.end)
    if m is None or (m.group("pct") and _COUNTED_AFTER.match(text, m.end())):
        return None
    figure = parse_number(m.group("num"))
    scale = scale_of(m.group("scale"))
    return MoneyMention(start=m.start("num"), end=m.end("scale"),
                        value=policy.point(figure.value * scale, figure.half_unit * scale, value.currency, None))


def _minus_before(text: str, start: int) -> bool:
    """A minus sign glued to the amount and standing alone before it: "of -$5m", "(−€3bn)", not "2019-$5m"
    (a hyphen after a word) nor "- $5m" (a bullet)."""
    return start > 0 and text[start - 1] in MINUS_SIGNS and (start == 1 or text[start - 2] in " \t\n([:")


def negated(value: Money) -> Money:
    """The amount below zero: every bound mirrored, so a qualifier keeps its meaning on the magnitude."""
    return value.model_copy(update={
        "amount": -value.amount if value.amount is not None else None, "low": -value.high, "high": -value.low,
    })


def _owned_by_next_figure(text: str, pos: int) -> bool:
    """Whether the currency at `pos`, after a figure, rather opens the figure after it ("in 2024 $5 million"):
    it reads as that figure's prefix, and that figure has no currency of its own after it."""
    marker = _MARKER_END.match(text, pos)
    if marker is None or _NEXT_NUMBER.match(text, marker.end()) is None:
        return False
    nxt = FIGURE.match(text, pos)
    if nxt is None or not nxt.group("pre") or nxt.group("code"):
        return False
    if _is_name(nxt.group("pre")) and not nxt.group("scale"):
        return False
    after = FIGURE.match(text, nxt.start("num"))
    return after is None or not after.group("cur")


def _prefix_tail(g: dict[str, str], currency: str | None, scale: str) -> tuple[float, float] | None:
    """"$1 and 25 cents", "£3 and 20p": subunits of the symbol's own currency, after a whole figure."""
    if scale or "." in g["num"] or not g["num"][:1].isdigit():
        return None
    sub = "p" if g["ptp"] else " ".join(g["ptsub"].lower().split())
    entry = CURRENCIES.subunits.get(sub)
    if entry is None or currency not in entry["currencies"]:
        return None
    value = int(g["ptnum"]) * entry["factor"]
    return (value, 0.5 * entry["factor"]) if value < 1 else None


def _is_code(marker: str) -> bool:
    upper = marker.upper()
    return upper in CURRENCIES.currencies or upper[1:] in CURRENCIES.currencies and upper[0] == "M"


def _is_name(marker: str) -> bool:
    return marker not in CURRENCIES.symbols and not _is_code(marker.rstrip("$"))


def _needs_scale_code(marker: str) -> bool:
    return marker in CURRENCIES.codes_need_scale


def _tail(g: dict[str, str], unit: float, scale: str) -> tuple[float, float] | None:
    """The subunits after a currency name: ("and thirty cents" -> 0.30 ± 0.005), or None if not a tail."""
    if scale or unit != 1.0 or not g["cur"] or _is_code(g["cur"]) or g["cur"] in CURRENCIES.symbols:
        return None
    raw = g["tnum"]
    if not g["tsub"] and not (raw.isdigit() and len(raw) == 2):
        return None  # "20 ringgit 43" needs two digits; "12 dollars 5" is not a compound amount
    sub = parse_number(raw)
    factor = CURRENCIES.subunits[" ".join(g["tsub"].lower().split())]["factor"] if g["tsub"] else 0.01
    if sub.value * factor >= 1:
        return None
    return sub.value * factor, 0.5 * factor


def _subunit_currency(
    codes: list[str], found: list[MoneyMention], text: str, pos: int, context: CurrencyContext, name: str
) -> str | None:
    """Whose cents: the currency of the nearest amount before that has them, else the copy's clue; when that
    amount is a conversion in parentheses, the currency the copy has used most so far ("R5.8bn (about $335m). On
    top of that come ordinary dividends of 1,644c a share": rand cents, in copy about rand). Bare cents that restate the
    figure just before ("TT$764.2 million, or 33 cents a share"), in another dollar or a shilling or rupee that has
    cents, are its (`LOCAL_CENTS`)."""
    if name in ("cents", "cent") and found and found[-1].value.currency in LOCAL_CENTS \
            and _CENTS_RESTATE.fullmatch(text, found[-1].end, pos) and not _in_parenthesis(text, found[-1].start):
        return found[-1].value.currency  # "TT$764.2 million, or 33 cents a share"
    nearest = next((m for m in reversed(found) if m.value.currency in codes), None)
    if nearest is None:
        return currency_of(name, text, pos, context)
    if not _in_parenthesis(text, nearest.start):
        return nearest.value.currency
    used: Counter[str | None] = Counter(m.value.currency for m in found[-_CENTS_LOOKBACK:] if m.value.currency in codes)
    top = max(used.values())
    return nearest.value.currency if used[nearest.value.currency] == top \
        else next(m.value.currency for m in reversed(found) if used[m.value.currency] == top)


_CENTS_LOOKBACK = 200  # amounts counted back for the copy's currency (bounded: no pass over all of them per amount)
#: Currencies whose hundredth copy calls a cent besides those a bare "cents" may be of wherever it stands (the
#: subunit table's): the other dollars, and the shillings and rupees of Kenya, Mauritius, Sri Lanka and the Seychelles.
#: Bare cents are one of these only where they restate the figure just before, in it ("TT$764.2 million, or 33 cents a
#: share"; not "KSh 42.7 billion, while Brent crude rose 60 cents", nor after a conversion in parentheses).
LOCAL_CENTS = frozenset({"TTD", "JMD", "BBD", "BSD", "BZD", "BMD", "KYD", "XCD", "FJD", "NAD", "LRD", "GYD", "SRD",
                         "TWD", "BND", "KES", "MUR", "LKR", "SCR"})
_CENTS_RESTATE = re.compile(r"(?:[ \t]*+,)?+[ \t]++(?:or|equal[ \t]++to|equivalent[ \t]++to)[ \t]++"
                            r"(?:(?:about|around)[ \t]++)?+\d[\d.,]*+[ \t]*+")  # (up to the cents' word, after their figure)


def _in_parenthesis(text: str, at: int) -> bool:
    """`at` stands inside a parenthesis opened at most 40 characters before it ("(about $335m)")."""
    opened = text.rfind("(", max(0, at - 40), at)
    return opened >= 0 and text.find(")", opened, at) < 0


def _vague_mention(m: re.Match[str], policy: IntervalPolicy, context: CurrencyContext) -> MoneyMention:
    g = m.groupdict()
    marker = g["vpre"] or g["vcur"]
    currency = currency_of(marker, m.string, m.start(), context) if marker else None
    raw_scale = next(g[k] for k in ("vscale1", "vscale2", "vscale3", "vplural1", "vplural2", "vplural3") if g[k]).lower()
    scale = PLURAL_SCALES.get(raw_scale) or SCALES[raw_scale]
    raw_form = g["form1"] or g["form2"] or g["form3"]
    form = " ".join(raw_form.lower().split()) if raw_form else "plural"
    start, end = (m.start("bare"), m.end("bare")) if g["verb"] else (m.start(), m.end())
    return MoneyMention(start=start, end=end, value=policy.vague_amount(form, scale, currency))


# Every amount contains one of these; the grammar only runs in windows around them (most prose has none):
# a currency sign, an ISO code or letter symbol, a currency or subunit name (its last word), or a scale.
_TRIGGER_WORDS = sorted(
    {n.split()[-1] for n in NAMES}
    | {"thousand", "million", "billion", "trillion", "lakh", "crore", "thousands", "millions", "billions"}
    | set(LOWER_CODES) | set(SUFFIX_LETTERS) | set(PACKED_CURRENCIES) | IBERIAN_SCALES - {"mil millones"}
    | {"milhões", "milhão", "bilhões", "bilhão", *LOCAL_SCALE_WORDS}
)
# Case variants spelled out: an IGNORECASE pattern would lose the regex engine's first-character prefilter.
_TRIGGER_VARIANTS = sorted({v for w in _TRIGGER_WORDS for v in (w, w.capitalize(), w.upper())})
# (not the hyphen and slash of East Africa's "/-": every hyphen would open a window; "/-" is a trigger of its own)
_SIGN_CHARS = sorted({ch for s in SIGNS for ch in s if not (ch.isascii() and ch.isalnum()) and not ch.isspace()
                      and ch not in ".$/-"} | {"$", "~"})
_LETTER_SYMBOLS = [s for s in SYMBOLS if s not in SIGNS]
TRIGGER = guarded(  # over the whole text: one set test rejects most positions before the four branches
    rf"[{re.escape(''.join(_SIGN_CHARS))}]|/-"
    rf"|{first_chars(ISO_CODES + MILLION_CODES + _LETTER_SYMBOLS)}(?<![A-Za-z])"
    rf"(?:{trie(ISO_CODES + MILLION_CODES)}(?![A-Za-z])|{trie(_LETTER_SYMBOLS)}(?=\.?\s?\d))"
    rf"|\d[pPc]\b"
    rf"|\b{first_chars(_TRIGGER_VARIANTS)}{trie(_TRIGGER_VARIANTS)}(?![a-z])"
)
WINDOW = 120
MINUS_SIGNS = "-\u2212"  # hyphen-minus and the minus sign; an en dash before a figure is a range or a break
_SPACE = re.compile(r"\s")


def money_windows(text: str) -> list[tuple[int, int]]:
    """Merged spans of `text` around every trigger, widened to whitespace."""
    spans: list[tuple[int, int]] = []
    n = len(text)
    for m in TRIGGER.finditer(text):
        start = max(0, m.start() - WINDOW)
        if start:
            space = text.rfind(" ", 0, start)
            start = space + 1 if space >= 0 else 0
        end = min(n, m.end() + WINDOW)
        if end < n:
            blank = _SPACE.search(text, end)
            end = blank.start() if blank else n
        if spans and start <= spans[-1][1]:
            spans[-1] = (spans[-1][0], max(spans[-1][1], end))
        else:
            spans.append((start, end))
    return spans


def find_money(
    text: str, policy: IntervalPolicy = DEFAULT_POLICY, context: CurrencyContext | None = None
) -> list[MoneyMention]:
    """Every monetary amount in `text` (already masked to prose), in order of position.

    `context` says what an ambiguous "$" means (the outlet's country) and when the copy was published.
    """
    context = context or CurrencyContext()
    found: list[MoneyMention] = []
    for start, end in money_windows(text):
        _scan(text, start, end, policy, context, found)
    found.sort(key=lambda x: x.start)
    return _leading_cents(text, found)


# A figure written with a scale ("N7.38 billion", "€5bn", "Rs 450 crore"): a total, not a price or a figure per share
SCALED = re.compile(r"\d\s*-?(?:[kKmMbBT]\b|mn|Mn|Bn|Mkr|mdkr|MDH|MMDH|mdp|mmdp|mdd|mmdd|mln|bn|bln|bil|bi(?![\w-])|mi(?![\w-])|tri(?![\w-])|mil|Mio|Mrd|mld"
                    r"|mio|mia|mill\b|mrd|mdr|tn|trn|cr\b"
                    r"|(?i:thousand|million|billion|trillion|crores?|lakhs?|millones|billones|billón|bilhões|bilhão"
                    rf"|{'|'.join(LOCAL_SCALE_WORDS)}))")


def written_with_a_scale(quote: str) -> bool:
    """Whether a figure as written carries a scale word ("about N7.38 billion", "€5bn"; not "€1.85", "60 cents")."""
    return SCALED.search(quote) is not None


_MARKER_PIECES = re.compile(r"[^\s\d,]+")  # "Rs12.4 billion" -> "Rs", ".", "billion"; "6,189 million pesos" -> "million", "pesos"


def currencies_written(quote: str) -> frozenset[str]:
    """The currencies the marker a figure is written with can mean, whichever the copy meant ("6,189 million
    pesos": every peso; "Rs12.4 billion": every rupee written "Rs"); empty when the quote names none. For a figure
    whose copy did not say which (its claim has no currency), what another report of the same fact may settle."""
    codes: set[str] = set()
    for piece in _MARKER_PIECES.findall(quote):
        for marker in (piece, piece.rstrip(".")):
            codes.update(CURRENCIES.candidates(marker)[0])
    return frozenset(codes)


_CENTS_ONLY = re.compile(r"\d\s*(?:cents?|c)\Z", re.IGNORECASE)  # a figure in cents, no currency named
_CENTS_CODES = frozenset(CURRENCIES.candidates("cents")[0])  # the currencies a bare "cents" may be of


def _leading_cents(text: str, found: list[MoneyMention]) -> list[MoneyMention]:
    """Cents written before any amount of a currency that has them ("voestalpine: dividend cut to 60 cents" over
    copy in euros): the currency of the first such amount after them, not the outlet's dollar. Reads only the
    amounts up to that one."""
    leading: list[int] = []
    for i, m in enumerate(found):
        if m.value.currency not in _CENTS_CODES:
            continue
        if _CENTS_ONLY.search(text, m.start, m.end):
            leading.append(i)
            continue
        for j in leading:
            if found[j].value.currency != m.value.currency:
                found[j] = MoneyMention(start=found[j].start, end=found[j].end,
                                        value=found[j].value.model_copy(update={"currency": m.value.currency}))
        break
    return found


_PERCENT_BEFORE = re.compile(r"%[ \t]?\Z")
_LEADING_NUMBER = re.compile(r"[\d.,]*")


def _scan(
    text: str, start: int, end: int, policy: IntervalPolicy, context: CurrencyContext, found: list[MoneyMention]
) -> None:
    first = len(found)
    pos = start
    while True:
        m = FIGURE.search(text, pos, end)
        if m is None:
            break
        pos = m.end()
        if text[m.start()].isdigit() and _PERCENT_BEFORE.search(text, max(0, m.start() - 2), m.start()):
            # "rose %57,6 to 10,2 milyar TL": a percentage written with its sign first, as Turkish copy does, is no
            # amount nor the start of a range; what follows it may be
            lead = _LEADING_NUMBER.match(text, m.start())
            pos = lead.end() if lead is not None else m.start() + 1
            continue
        mention = _figure_mention(m, policy, context, found)
        if mention is not None:
            found.append(mention)
            continue
        # Not one amount ("from $20m to $400m", "$5m and 3 million euros", "from $20m in revenue"): read
        # the first part on its own, and go on scanning right after the connecting word.
        inner = m.end("between") if m.group("between") else m.start()
        sep = "sep" if m.group("sep") else "wsep" if m.group("wsep") else None
        stop = m.start(sep) if sep else m.end()
        for sub in FIGURE.finditer(text, inner, stop):
            part = _figure_mention(sub, policy, context, found)
            if part is not None:
                found.append(part)
        if sep:
            pos = m.end(sep)
        elif m.group("pre"):  # "Euro 2024 $5m": the figure after may still be money
            pos = min(pos, m.end("pre"))
        elif m.group("cur"):  # "in 2024 $5 million": the currency may open the next amount
            pos = min(pos, m.start("cur"))
    for mention in found[first:]:
        elided = _elided_compared(text, mention, policy)
        if elided is not None:
            found.append(elided)
    taken = [(x.start, x.end) for x in found[first:]]
    window = text[start:end].casefold()
    if not any(hint in window for hint in _VAGUE_HINTS):
        return  # most windows hold no vague amount: skip a case-insensitive pass over them
    for m in VAGUE.finditer(text, start, end):
        vm = _vague_mention(m, policy, context)
        if not any(s < vm.end and vm.start < e for s, e in taken):
            found.append(vm)


# "NT$1.16 a share, or US$0.183 per American depositary share": a receipt holds several shares, so the figure per
# receipt is no conversion of the figure per share
_PER_DEPOSITARY = re.compile(r"\s*(?:per|a|an|for\s+each)\s+(?:(?:American|global)\s+)?(?:depositary|depository)\s+"
                             r"(?:shares?|receipts?)|\s*(?:per|a|an)\s+(?:ADS|ADR|GDR)s?\b", re.IGNORECASE)


def conversion_pairs(text: str, mentions: list[MoneyMention]) -> dict[int, int]:
    """Index of each mention that restates the one before it in another currency -> that one's index.

    The restatement opens a parenthesis (or follows "or", "i.e.", "/") and sits in the same sentence
    and parenthesis level as the amount it converts, with no other amount in between.
    """
    pairs: dict[int, int] = {}
    for i in range(1, len(mentions)):
        a, b = mentions[i - 1], mentions[i]
        if not (a.value.currency and b.value.currency and a.value.currency != b.value.currency):
            continue
        gap = text[a.end:b.start]
        opens = CONVERSION_OPEN.search(gap) or (b.value.qualifier == "approx" and APPOSITIVE.match(gap))
        if len(gap) <= CONVERSION_REACH and opens and not SENTENCE_BREAK.search(gap.replace("i.e.", "ie")):
            close = text.find(")", b.end, b.end + CONVERSION_REACH) if gap.rstrip().endswith("(") else -1
            aside = text[b.end:close] if close >= 0 else ""
            if not NOT_A_RESTATEMENT.search(aside) and not _PER_DEPOSITARY.match(text, b.end):
                pairs[i] = i - 1 if close >= 0 or i < 2 else _restated_head(text, mentions, i)
    return pairs


def _restated_head(text: str, mentions: list[MoneyMention], i: int) -> int:
    """"earned ₹67,347 crore, up 10.7% from ₹60,812 crore in fiscal 2024, or roughly $7.9 billion": an "or"
    after the figure a change is measured from restates the figure that changed, not that one."""
    head, base = mentions[i - 2], mentions[i - 1]
    between = text[head.end:base.start]
    if head.value.currency == base.value.currency and len(between) <= CONVERSION_REACH \
            and _COMPARED_FROM.search(between) and not SENTENCE_BREAK.search(between):
        return i - 2
    return i - 1
