"""The money grammar: finds monetary amounts in prose and normalizes them to `Money` intervals.

One compiled regular expression per form (written figure with prefix currency, written figure with
currency after it, vague amounts) keeps the scan linear; everything a match means is decided in plain
Python afterwards, so the grammar stays readable and testable.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from claimcheck.mentions.intervals import DEFAULT_POLICY, QUALIFIER_KINDS, IntervalPolicy
from claimcheck.models import MoneyMention

# ---------------------------------------------------------------- currencies
PREFIX_SYMBOLS: dict[str, str] = {
    "US$": "USD", "U.S.$": "USD", "C$": "CAD", "CA$": "CAD", "A$": "AUD", "AU$": "AUD",
    "HK$": "HKD", "S$": "SGD", "SG$": "SGD", "NZ$": "NZD", "R$": "BRL", "CN¥": "CNY", "RMB": "CNY",
    "Rs.": "INR", "Rs": "INR", "$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "₹": "INR", "₩": "KRW",
}
ISO_CODES = (
    "USD EUR GBP JPY CNY INR CAD AUD HKD SGD NZD CHF SEK NOK DKK PLN KRW BRL MXN ZAR AED SAR"
).split()
#: ISO codes also recognized in lower case ("usd 5bn"); others would collide with English words.
LOWER_CODES = ("usd", "eur", "gbp", "jpy", "cny", "inr", "chf")
CURRENCY_NAMES: dict[str, str] = {
    "us dollars": "USD", "us dollar": "USD", "u.s. dollars": "USD", "u.s. dollar": "USD",
    "american dollars": "USD", "canadian dollars": "CAD", "australian dollars": "AUD",
    "hong kong dollars": "HKD", "singapore dollars": "SGD", "new zealand dollars": "NZD",
    "dollars": "USD", "dollar": "USD", "euros": "EUR", "euro": "EUR",
    "pounds sterling": "GBP", "british pounds": "GBP", "pounds": "GBP", "pound": "GBP",
    "sterling": "GBP", "yen": "JPY", "yuan": "CNY", "renminbi": "CNY", "swiss francs": "CHF",
    "swiss franc": "CHF", "indian rupees": "INR", "rupees": "INR",
    "swedish kronor": "SEK", "swedish krona": "SEK", "kronor": "SEK", "krona": "SEK",
    "norwegian kroner": "NOK", "norwegian krone": "NOK", "danish kroner": "DKK", "danish krone": "DKK",
    "south korean won": "KRW", "korean won": "KRW", "won": "KRW",
}
#: Hundredths of a currency, written after the figure ("4.5 euro cents", "12 US cents", "70 pence").
#: A bare "cents" is not read: the copy would have to say whose.
SUBUNIT_NAMES: dict[str, str] = {
    "euro cents": "EUR", "euro cent": "EUR", "eurocents": "EUR", "us cents": "USD", "u.s. cents": "USD",
    "us cent": "USD", "u.s. cent": "USD", "pence": "GBP",
}
SUBUNIT = 0.01
#: Currency words that are also common English words: money only with a scale ("7 pounds" is a weight,
#: "the side that won" a verb; "3 million pounds", "32.7 trillion won" are money).
NEEDS_SCALE = frozenset({"pound", "pounds", "won"})

# ---------------------------------------------------------------- numbers and scales
SCALES: dict[str, float] = {
    "thousand": 1e3, "k": 1e3, "million": 1e6, "mn": 1e6, "mln": 1e6, "m": 1e6, "mm": 1e6,
    "billion": 1e9, "bn": 1e9, "bln": 1e9, "b": 1e9, "trillion": 1e12, "tn": 1e12, "trn": 1e12,
    "tr": 1e12, "t": 1e12, "lakh": 1e5, "crore": 1e7,
}
PLURAL_SCALES = {"thousands": 1e3, "millions": 1e6, "billions": 1e9, "trillions": 1e12}
UNITS = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
    "sixteen seventeen eighteen nineteen".split())}
TENS = {w: 10 * i for i, w in enumerate("_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()) if i >= 2}
FRACTIONS = {"half a": 0.5, "half an": 0.5, "a half": 0.5, "a quarter": 0.25, "a quarter of a": 0.25}


def _alt(words: list[str] | tuple[str, ...]) -> str:
    """A regex alternation that tries longer words first."""
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))


_UNIT = _alt([w for w in UNITS if w != "zero"])
_TENS = _alt(list(TENS))
_CARD = rf"(?:(?:{_TENS})(?:[-\s](?:{_UNIT}))?|{_UNIT})"
WORD_NUMBER = (
    rf"(?i:(?:{_CARD}|a|an)\s+and\s+a\s+half|{_alt(list(FRACTIONS))}"
    rf"|(?:{_CARD}|a|an)(?:\s+hundred(?:\s+(?:and\s+)?{_CARD})?)?)"
)
# Western grouping (1,234,567) or Indian (12,34,567: lakh and crore groups of two above the thousands).
DIGITS = r"(?:\d{1,2}(?:,\d{2})+,\d{3}(?:\.\d+)?|\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
SCALE_WORD = r"(?i:thousand|million|billion|trillion|lakh|crore)"
SCALE_ABBR = r"(?:[kK]|mn|mln|[mM]{1,2}|bn|bln|[bB]|tn|trn|tr|T)"
SCALE = rf"(?:{SCALE_WORD}|{SCALE_ABBR})(?![A-Za-z0-9&])"

_PREFIX = rf"(?:{_alt(list(PREFIX_SYMBOLS))}|(?:{'|'.join(ISO_CODES)}|(?i:{'|'.join(LOWER_CODES)}))(?=\s?[\d.]|[^\S\n]{2,8}\d))"
_SUFFIX_CODE = rf"(?:{'|'.join(ISO_CODES)}|(?i:{'|'.join(LOWER_CODES)}))(?![A-Za-z])"
_SUFFIX_SYMBOL = r"(?:€|£|¥|₹)"
_SUFFIX_NAME = rf"(?i:{_alt(list(CURRENCY_NAMES) + list(SUBUNIT_NAMES))})(?![A-Za-z])"
_QUAL = rf"(?i:{_alt([q for q in QUALIFIER_KINDS if q != '~'])})\s+|~\s?"
_RANGE_SEP = r"(?:\s?[-–]\s?|\s+to\s+|\s+and\s+)"
# Between symbol, number, scale and currency: a space, a line break, or the padding an HTML character
# reference leaves in the masked text ("$3&nbsp;billion" -> "$3\xa0     billion").
_GAP = r"(?:[^\S\n]{0,8}\n?[^\S\n]{0,8})"

def _figure_regex(ranges: bool) -> re.Pattern[str]:
    """A written figure: currency first ("$1.7bn", "EUR 300m") or last ("5 billion USD", "ten million
    euros"); with `ranges`, also "between X and Y", "X to Y", "X-Y" (and "from X to Y", rejected later)."""
    between = r"(?P<between>(?i:between|from)\s+)?" if ranges else ""
    pre_range = (
        rf"(?:(?P<sep>{_RANGE_SEP})(?P<pre2>{_PREFIX})?{_GAP}(?P<num2>{DIGITS})(?:{_GAP}(?P<scale2>{SCALE}))?)?"
        if ranges else ""
    )
    suf_range = (
        rf"(?:(?P<wsep>{_RANGE_SEP})(?P<wnum2>{DIGITS}|{WORD_NUMBER})(?:{_GAP}(?P<wscale2>{SCALE}))?)?"
        if ranges else ""
    )
    return re.compile(
        rf"""
        (?<![\w$€£¥₹₩.,])
        (?P<qual>{_QUAL})?
        {between}
        (?:
            (?P<pre>{_PREFIX}){_GAP}(?P<num>{DIGITS}|{WORD_NUMBER}(?=\s+{SCALE_WORD}))(?:{_GAP}(?P<scale>{SCALE}))?
            {pre_range}
            (?:\s(?P<code>{_SUFFIX_CODE}))?
          |
            (?P<wnum>{DIGITS}|{WORD_NUMBER}(?=\s+{SCALE_WORD}))(?:{_GAP}(?P<wscale>{SCALE}))?
            {suf_range}
            {_GAP}(?:of\s+)?(?P<cur>{_SUFFIX_CODE}|{_SUFFIX_NAME}|{_SUFFIX_SYMBOL})
        )
        (?![\w%])
        """,
        re.VERBOSE,
    )


FIGURE = _figure_regex(ranges=True)
SINGLE_FIGURE = _figure_regex(ranges=False)

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
# "tens of millions of euros", "several billion dollars", "$ billions", "billions of dollars",
# and after a money verb a vague amount with no currency ("invest “billions”").
VAGUE = re.compile(
    rf"""
    (?<![\w$€£¥₹₩])
    (?:
        (?P<vpre>{_PREFIX})\s?{_vague_scale(1)}
      | {_vague_scale(2)}(?:\s+of)?\s+(?P<vcur>{_SUFFIX_CODE}|{_SUFFIX_NAME})
      | (?P<verb>{_MONEY_VERB})\s+["“']?(?P<bare>{_vague_scale(3)})["”']?
        (?!\s+of\s|\s+(?:{_SUFFIX_CODE}|{_SUFFIX_NAME}))
    )
    (?![\w%])
    """,
    re.VERBOSE | re.IGNORECASE,
)

# What stands between an amount and its restatement in another currency: "€1.7bn (about $2bn)",
# "€500m in revenue in 2025 ($515m at current rates)", "€10m, or $11m,".
CONVERSION_OPEN = re.compile(r"(?:\(|\bor|\bi\.e\.,?|/)\s*$")
APPOSITIVE = re.compile(r"^\s*,\s*$")  # "£5m, about $6.3m, ...": only with an approximate restatement
CONVERSION_REACH = 80  # characters between an amount and the parenthesis that converts it
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
    plain = raw.replace(",", "")
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
    key = raw.lower()
    if raw == "T":  # "T" is trillion; lower-case "t" is not a scale
        return 1e12
    return SCALES[key]


def currency_of(raw: str) -> str:
    """The ISO code of a written currency marker."""
    if raw in PREFIX_SYMBOLS:
        return PREFIX_SYMBOLS[raw]
    upper = raw.upper()
    if upper in ISO_CODES:
        return upper
    name = " ".join(raw.lower().split())
    return CURRENCY_NAMES.get(name) or SUBUNIT_NAMES[name]


def _qualifier(raw: str | None) -> str | None:
    if not raw:
        return None
    return " ".join(raw.lower().split()) if raw.strip() != "~" else "~"


def _figure_mention(m: re.Match[str], policy: IntervalPolicy) -> MoneyMention | None:
    # every group as a string ("" when it did not take part), including those only the range pattern has
    g: dict[str, str] = dict.fromkeys(("between", "sep", "pre2", "num2", "scale2", "wsep", "wnum2", "wscale2"), "")
    g.update({k: v or "" for k, v in m.groupdict().items()})
    end = m.end()
    unit = 1.0  # 0.01 for an amount in cents or pence
    if g["pre"]:
        currency = currency_of(g["pre"])
        if g["code"] and currency_of(g["code"]) != currency:
            end = len(m.string[: m.start("code")].rstrip())  # "$5 million EUR": the code is not this amount's
        num, scale, num2, scale2, sep = g["num"], g["scale"], g["num2"], g["scale2"], g["sep"]
        if g["pre2"] and currency_of(g["pre2"]) != currency:
            return None
    else:
        currency = currency_of(g["cur"])
        num, scale, num2, scale2, sep = g["wnum"], g["wscale"], g["wnum2"], g["wscale2"], g["wsep"]
        name = " ".join(g["cur"].lower().split())
        if name in NEEDS_SCALE and not (scale or scale2):
            return None  # "the baby weighed 7 pounds": a bare "pounds" is money only with a scale
        if name in SUBUNIT_NAMES:
            unit = SUBUNIT
    between = g["between"].strip().lower()
    if sep and "and" in sep and between != "between":
        return None  # "$5m and $7m" are two amounts
    if sep and between == "from" and "to" in sep:
        return None  # "from $20m to $400m" is a change, not a range
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
        value = policy.point(first.value * s, first.half_unit * s, currency, _qualifier(g["qual"]))
    return MoneyMention(start=m.start(), end=end, value=value)


def _vague_mention(m: re.Match[str], policy: IntervalPolicy) -> MoneyMention:
    g = m.groupdict()
    marker = g["vpre"] or g["vcur"]
    currency = currency_of(marker) if marker else None
    raw_scale = next(g[k] for k in ("vscale1", "vscale2", "vscale3", "vplural1", "vplural2", "vplural3") if g[k]).lower()
    scale = PLURAL_SCALES.get(raw_scale) or SCALES[raw_scale]
    raw_form = g["form1"] or g["form2"] or g["form3"]
    form = " ".join(raw_form.lower().split()) if raw_form else "plural"
    start, end = (m.start("bare"), m.end("bare")) if g["verb"] else (m.start(), m.end())
    return MoneyMention(start=start, end=end, value=policy.vague_amount(form, scale, currency))


# Every amount contains one of these; the grammar only runs in windows around them (most prose has none).
_TRIGGER_WORDS = (
    "usd eur gbp jpy cny inr chf dollar euro pound sterling yen yuan renminbi franc rupee kronor krona kroner "
    "krone pence cents thousand million billion trillion"
).split()
# Case variants spelled out: an IGNORECASE pattern would lose the regex engine's first-character prefilter.
# Each branch opens with a test of its first character, so most word starts are rejected at once.
_TRIGGER_VARIANTS = sorted({v for w in _TRIGGER_WORDS for v in (w, w.capitalize(), w.upper())}, key=len, reverse=True)
TRIGGER = re.compile(
    rf"[$€£¥₹₩~]|\b(?=[A-Z])(?:{'|'.join(ISO_CODES)}|RMB|Rs)(?![A-Za-z])"
    rf"|\b(?=[{''.join(sorted({v[0] for v in _TRIGGER_VARIANTS}))}])(?:{'|'.join(_TRIGGER_VARIANTS)})"
)
WINDOW = 120
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


def find_money(text: str, policy: IntervalPolicy = DEFAULT_POLICY) -> list[MoneyMention]:
    """Every monetary amount in `text` (already masked to prose), in order of position."""
    found: list[MoneyMention] = []
    for start, end in money_windows(text):
        _scan(text, start, end, policy, found)
    found.sort(key=lambda x: x.start)
    return found


def _scan(text: str, start: int, end: int, policy: IntervalPolicy, found: list[MoneyMention]) -> None:
    first = len(found)
    pos = start
    while True:
        m = FIGURE.search(text, pos, end)
        if m is None:
            break
        pos = m.end()
        mention = _figure_mention(m, policy)
        if mention is not None:
            found.append(mention)
            continue
        # Not one amount ("from $20m to $400m", "$5m and 3 million euros", "from $20m in revenue"): read
        # the first part on its own, and go on scanning right after the connecting word.
        inner = m.end("between") if m.group("between") else m.start()
        sep = "sep" if m.group("sep") else "wsep" if m.group("wsep") else None
        stop = m.start(sep) if sep else m.end()
        for sub in SINGLE_FIGURE.finditer(text, inner, stop):
            part = _figure_mention(sub, policy)
            if part is not None:
                found.append(part)
        if sep:
            pos = m.end(sep)
    taken = [(x.start, x.end) for x in found[first:]]
    for m in VAGUE.finditer(text, start, end):
        vm = _vague_mention(m, policy)
        if not any(s < vm.end and vm.start < e for s, e in taken):
            found.append(vm)


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
            if not NOT_A_RESTATEMENT.search(aside):
                pairs[i] = i - 1
    return pairs
