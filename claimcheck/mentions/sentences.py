"""Sentence and clause boundaries in masked prose, good enough to scope a figure's context.

A claim takes its subject, metric, date and modality from its own sentence, preferring its own clause,
so the boundaries only need to be right around figures; abbreviations common in business news
("U.S.", "Inc.", "Feb.", "approx.", "adj." also before a closing parenthesis: "EBIT (adj.) came to"), and
currencies written with a point ("Ps. 87.7 billion", "Rs. 450 crore") do not end a sentence.
"""

from __future__ import annotations

import re
from typing import Literal

from claimcheck.mentions.patterns import guarded
from bisect import bisect_right

ABBREVIATIONS = frozenset(
    "mr mrs ms dr prof st inc corp ltd co plc llc n.v s.a u.s u.k e.u approx vs etc e.g i.e no "
    "jan feb mar apr jun jul aug sep sept oct nov dec est fig gov sen rep adj excl incl "
    # currencies written with a point before the figure: "Ps. 87.7 billion", "Rs. 450 crore", "Tk. 26.89", "Bs. 12", "Fr. 1.1 Mrd."
    "ps rs re tk bs fr "
    # German, Italian and Danish scales: "23,38 Mrd. EUR", "822 Mio. EUR", "€11,97 mld.", "8,3 mia. kr."
    "mio mrd mld mia".split()
)
# A run of end punctuation is read from its first character only, and never given back: "." * 40,000 costs
# one pass, not a pass from each dot (tests/test_regex_linear.py).
# Written as END_PLAIN reads, with the first character consumed before the lookbehind and the branches: a
# pattern that opens with a character set lets `re` skip in C to the next candidate.
END_PLAIN = r"(?<![.!?…])[.!?…]++[\"'”’)\]]*+(?=\s)|\n[ \t]*\n|\n(?=[ \t]*(?:[-*+•]\s|#|\d+[.)]\s))"
_END = re.compile(r"[.!?…\n](?:(?<=[.!?…])(?<![.!?…].)[.!?…]*+[\"'”’)\]]*+(?=\s)"
                  r"|(?<=\n)(?:[ \t]*\n|(?=[ \t]*(?:[-*+•]\s|#|\d+[.)]\s))))")
_SOFT_NEWLINE = re.compile(r"\n")
_ONE_DOT = re.compile(r"\.[)\]]?")
_WORD_BEFORE = re.compile(r"(?<![\w.])([A-Za-z][A-Za-z.]*)\.$")
_LETTER_NAME = guarded(r"\b(?:Series|Class|Plan|Tier|Grade|Type|Model|Phase|Round|Section|Vitamin)\s+$")
HEADING_LINE = 70
MAX_SENTENCE = 1000  # longer "sentences" (a 1 MB line without full stops) are cut at spaces


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Spans of sentences in `text`, covering it without overlap (whitespace included at the ends)."""
    cuts = {0, len(text)}
    for m in _END.finditer(text):
        if m.group(0)[0] in ".!?…":
            if _ONE_DOT.fullmatch(m.group(0)) and is_abbreviation(text, m.start()):
                continue  # "Group EBIT (adj.) came to …": an abbreviation closing a parenthesis ends nothing
        cuts.add(m.end())
    for m in _SOFT_NEWLINE.finditer(text):
        if _hard_line_break(text, m.start()):
            cuts.add(m.end())
    ordered = sorted(cuts)
    spans = []
    for a, b in zip(ordered, ordered[1:]):
        while b - a > MAX_SENTENCE:
            cut = text.rfind(" ", a + MAX_SENTENCE // 2, a + MAX_SENTENCE)
            cut = cut + 1 if cut > a else a + MAX_SENTENCE
            spans.append((a, cut))
            a = cut
        spans.append((a, b))
    return [(a, b) for a, b in spans if text[a:b].strip()]


_FIGURE_BEFORE = re.compile(r"\d[ \t]?$")
_SCALE_ABBREVIATIONS = frozenset({"mio", "mrd", "mld", "mia"})
_SCALE_BEFORE = re.compile(rf"(?i:{'|'.join(sorted(_SCALE_ABBREVIATIONS))}|mill)\.?[ \t]$")  # "23,0 mia. kr."
_FIGURE_NEXT = re.compile(r"[ \t]+[-+−]?[\d$€£¥₹]")
_DIGIT_NEXT = re.compile(r"[ \t]+\d")
_YEAR_NEXT = re.compile(r"[ \t]+(?:19|20)\d\d(?![\d,.])")
_SMALL_NEXT = re.compile(r"[ \t]+[a-z(]")
_NEXT_WORD = re.compile(r"[ \t]+([A-Z][a-z]+)\b")  # a capitalised word (not a code: "EUR")
# the words a new sentence opens with after a figure's scale (not a currency's or a noun's: "Mrd. Yuan", "Mio. Umsatz")
_SENTENCE_OPENERS = frozenset("The This That These Those It Its They Their He She We A An In On At For But And However "
                              "Meanwhile Analysts Shares Net Revenue Sales Profit Operating Group".split())


def is_abbreviation(text: str, dot: int) -> bool:
    """Whether the point at `dot` closes an abbreviation ("Mrd.", "Fr.", "Inc.", an initial), not a sentence."""
    m = _WORD_BEFORE.search(text, max(0, dot - 12), dot + 1)
    if not m:
        return False
    word = m.group(1).lower()
    if word in _SCALE_ABBREVIATIONS and (after := _NEXT_WORD.match(text, dot + 1)) is not None \
            and after.group(1) in _SENTENCE_OPENERS:
        return False  # "… came to Fr. 1.1 Mrd. The mid-term plan …": a scale that ends its sentence (not "Mio. EUR",
        # "3,1 Mrd. Yuan", "1,2 Mrd. Umsatz")
    if word in ABBREVIATIONS:
        return True
    if word == "ca":  # "(ca. 3,08 mia. euro)": circa in small letters, before a figure (not "Irvine, CA. 2024 revenue")
        return m.group(1) == "ca" and _FIGURE_NEXT.match(text, dot + 1) is not None
    if word == "ok":  # Polish "(ok. 810 mln euro)": about, in small letters, before a number that is not a year (not
        # "the books were ok. 2025 will be better", "were ok. $5 million of orders …", "said OK. 5 banks applied")
        return m.group(1) == "ok" and _DIGIT_NEXT.match(text, dot + 1) is not None \
            and _YEAR_NEXT.match(text, dot + 1) is None
    if word == "kr" and (_FIGURE_BEFORE.search(text, max(0, m.start(1) - 8), m.start(1))
                         or _SCALE_BEFORE.search(text, max(0, m.start(1) - 8), m.start(1))):
        # "23,0 mia. kr. (ca. …", "239,20 kr. by midday": the krone after its figure ends no sentence before a word in
        # small letters or a parenthesis (it does before a capital or a figure: "… of 5 kr. The board …", "5 kr. 2025 …")
        return _SMALL_NEXT.match(text, dot + 1) is not None
    if word in ("mill", "mil", "bil") and _FIGURE_BEFORE.search(text, max(0, m.start(1) - 8), m.start(1)):
        # a Norwegian or Greek scale after its figure ("306 mill. euro", "around €420 mil. in 2025"), not "the old
        # Ohio mill. Net profit …"
        return (after := _NEXT_WORD.match(text, dot + 1)) is None or after.group(1) not in _SENTENCE_OPENERS
    # an initial ("J. Smith"), but not a round or class letter ending a sentence ("its Series J. That round")
    return len(word) == 1 and word.isalpha() and not _LETTER_NAME.search(text, max(0, dot - 20), dot - 1)


def _hard_line_break(text: str, newline: int) -> bool:
    """A single newline ends a sentence after end punctuation or a short heading-like line."""
    line_start = text.rfind("\n", 0, newline) + 1
    line = text[line_start:newline].rstrip()
    if not line:
        return False
    if line[-1] in ".!?:\"”’)":
        return True
    return len(line) <= HEADING_LINE and line[-1] not in ",;-–—(" and not line.endswith(" and")


PARAGRAPH_BREAK = re.compile(r"\n[ \t\r]*\n")


LEAD_PARAGRAPH = 200  # characters: a paragraph this long that ends a sentence is prose, not a menu or a ticker
_SENTENCE_STOP = re.compile(r"[.!?][\"'”’)]*\s")


_QUESTION_LINE = re.compile(r"\?[*_\s]*$")


_PARAGRAPH_OPENING = re.compile(r"[\s*_#>-]*")  # what stands before a paragraph's first word: space, markup


def story_regions(text: str, offsets: list[int], lead: int = 800,
                  reference: re.Pattern[str] | None = None) -> list[tuple[int, int]]:
    """The stretches of a text that say who its figures are about: the lead (the first `lead` characters of
    the text, and of its first paragraph of prose: a web page's menus and tickers come before it), each
    paragraph holding one of `offsets`, a question set as a heading right before such a paragraph ("**What
    about KenGen?**" over "The generator posted a 35.5% rise in profit …"), and the paragraph before one that
    opens with a `reference` ("Tokyo Metro runs nine lines …" over "The company reported a net profit of …": who
    the company is). Merged and sorted."""
    body = len(text) - len(text.lstrip())
    regions = [(0, min(len(text), body + lead))]
    breaks = [m.end() for m in PARAGRAPH_BREAK.finditer(text)]
    for start, end in zip([0, *breaks], [*breaks, len(text)]):
        if end - start >= LEAD_PARAGRAPH and _SENTENCE_STOP.search(text, start, end):
            if start >= regions[0][1]:
                regions.append((start, min(len(text), start + lead)))
            break  # the first paragraph of prose, inside the text's own lead or after it
    for offset in offsets:
        i = bisect_right(breaks, offset)
        start = breaks[i - 1] if i >= 1 else 0
        end = breaks[i] if i < len(breaks) else len(text)
        if i >= 1 and start - (above := breaks[i - 2] if i >= 2 else 0) <= HEADING_LINE + 2 \
                and _QUESTION_LINE.search(text, above, start):
            start = above  # the question over the paragraph (not a topic's heading: "## Forecast narrowed")
        elif i >= 1 and reference is not None and (opening := _PARAGRAPH_OPENING.match(text, start)) \
                and reference.match(text, opening.end()):
            # the paragraph of prose before it (over a heading: "## Touchland joins the lineup" names no one in focus)
            for k in range(i - 1, max(-1, i - 3), -1):
                above, below = (breaks[k - 1] if k >= 1 else 0), breaks[k]
                if _SENTENCE_STOP.search(text, above, below):
                    regions.append((above, below))
                    break
        regions.append((start, end))
    merged: list[tuple[int, int]] = []
    for start, end in sorted(regions):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def sentence_spans_in(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """`sentence_spans` of `text[start:end]`, as offsets into `text` (start and end must be cut points)."""
    return [(a + start, b + start) for a, b in sentence_spans(text[start:end])]


class Sentences:
    """Sentence lookup by offset for one masked text.

    Only the paragraphs that are asked about are split into sentences: a paragraph break is always a
    sentence boundary, so splitting a paragraph alone gives the same sentences as splitting the text.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self._starts: list[int] = []  # sorted starts of the paragraphs split so far
        self._ends: list[int] = []
        self._spans: list[tuple[list[int], list[tuple[int, int]]]] = []

    def _paragraph(self, offset: int) -> tuple[int, int]:
        """The paragraph around `offset`: from the end of the last break before it to the next break."""
        text = self.text
        start = 0
        lo = max(0, offset - 4000)
        for m in PARAGRAPH_BREAK.finditer(text, lo, offset):
            start = m.end()
        if start == 0 and lo > 0:  # no break nearby: the last one anywhere before
            for m in PARAGRAPH_BREAK.finditer(text, 0, offset):
                start = m.end()
        after = PARAGRAPH_BREAK.search(text, offset)
        return start, (after.end() if after else len(text))

    def containing(self, offset: int) -> tuple[int, int]:
        i = bisect_right(self._starts, offset) - 1
        if i < 0 or offset >= self._ends[i]:
            start, end = self._paragraph(offset)
            i = bisect_right(self._starts, start)
            self._starts.insert(i, start)
            self._ends.insert(i, end)
            spans = sentence_spans_in(self.text, start, end) or [(start, end)]
            self._spans.insert(i, ([s for s, _ in spans], spans))
        starts, spans = self._spans[i]
        return spans[max(0, bisect_right(starts, offset) - 1)]


def previous_sentence(text: str, sentences: Sentences, span: tuple[int, int]) -> tuple[int, int] | None:
    """The sentence before `span` in the same paragraph, or None at a paragraph's start."""
    lead = len(text[span[0]:span[1]]) - len(text[span[0]:span[1]].lstrip())
    if span[0] == 0 or PARAGRAPH_BREAK.search(text, max(0, span[0] - 4), span[0] + lead):
        return None
    prev = sentences.containing(span[0] - 1)
    return prev if prev != span and prev[1] <= span[0] + lead else None


def heading_above(text: str, span: tuple[int, int]) -> tuple[int, int] | None:
    """The heading over the paragraph that `span` opens ("## Why the dividend hurt", a short line with no end
    punctuation, alone above it), or None: what a section's figures are about when its sentences do not say."""
    body = text[span[0]:min(span[1], span[0] + HEADING_LINE)]
    at = span[0] + len(body) - len(body.lstrip())
    window = max(0, at - 2 * HEADING_LINE - 16)  # what is read back: a heading line and the blank lines after it
    gap = text.rfind("\n", window, at)
    if gap < 0 or text[gap + 1:at].strip() or not PARAGRAPH_BREAK.search(text, max(0, gap - HEADING_LINE - 8), at):
        return None  # not at a paragraph's start
    end = window + len(text[window:gap].rstrip())
    newline = text.rfind("\n", window, end)
    if newline < 0 and window > 0:
        return None  # a line longer than the window: prose, no heading
    start = newline + 1
    line = text[start:end].strip()
    if not line or len(line) > HEADING_LINE:
        return None
    if _set_as_heading(line):
        return start, end
    return None


def _set_as_heading(line: str) -> bool:
    """A short line (stripped, not empty) written as a heading: `#`, or a capital first and no end punctuation."""
    return line.startswith("#") or (line[-1] not in ".!?,;:\"”’)" and line[0].isupper())


_LIST_ITEM = re.compile(r"[ \t]*+(?:[-*•]|\d{1,2}[.)])[ \t]++")
LIST_ITEMS = 30  # list lines read back to the heading over them
LIST_LINE = 600  # the longest line of a list read back (a longer one is prose)
# what a heading over a list of figures may say of them: "**Outlook for 2025**", "## Guidance", "Targets:"
_OUTLOOK_HEADING = re.compile(r"\b(?:(outlook|guidance|forecasts?|expectations|expects)|(targets?|goals?|ambitions?))\b",
                              re.IGNORECASE)


def list_heading(text: str, span: tuple[int, int]) -> tuple[int, int] | None:
    """The heading over the list whose item `span` opens ("**Outlook for 2025**" over "- EBIT: CHF 330-350 million,
    unchanged"): the line above the list's items (a blank line between them or not), set as a heading
    (`_set_as_heading`, bold, or ending in a colon), or None."""
    line_start = text.rfind("\n", max(0, span[0] - 8), span[0]) + 1  # (an item's sentence opens its line)
    if (line_start == 0 and span[0] > 8) or not _LIST_ITEM.match(text, line_start, span[1]):
        return None
    at = line_start
    for _ in range(LIST_ITEMS):
        if at == 0:
            return None
        start = text.rfind("\n", max(0, at - 1 - LIST_LINE), at - 1) + 1  # (each line read once, and no longer than
        if start == 0 and at - 1 > LIST_LINE:  # an item of a list may be)
            return None
        line = text[start:at - 1].strip()
        if not line or _LIST_ITEM.match(text, start, at):
            at = start  # another item of the list, or the blank line under the heading
            continue
        if len(line) > HEADING_LINE:
            return None
        if line.startswith(("**", "__")) or line.endswith(":") or _set_as_heading(line):  # (bold, or "Targets:" too)
            return start, at - 1
        return None
    return None


def outlook_heading(text: str, span: tuple[int, int]) -> Literal["projection", "target"] | None:
    """"projection" or "target" when `span` opens an item of a list headed as the company's outlook or targets
    ("**Outlook for 2025**" over "- EBIT: CHF 330-350 million, unchanged"): what the items say is forecast."""
    heading = list_heading(text, span)
    said = _OUTLOOK_HEADING.search(text, *heading) if heading is not None else None
    if said is None:
        return None
    return "projection" if said.group(1) else "target"


_CLAUSE_BREAK = guarded(r"[,;:]\s|\s[—–]\s|\s--\s|[—–]|\(|\)")


def clause_span(text: str, sentence: tuple[int, int], offset: int, end: int) -> tuple[int, int]:
    """The clause of `text[offset:end]` inside `sentence`: between the nearest breaks around it."""
    s, e = sentence
    start = s
    for m in _CLAUSE_BREAK.finditer(text, s, offset):
        start = m.end()
    after = _CLAUSE_BREAK.search(text, end, e)
    return start, (after.start() if after else e)
