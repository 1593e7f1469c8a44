"""Copy that writes decimals with a comma ("R$ 424,1 million", "23,38 Mrd. EUR", "up 25,6%"), as Brazilian,
German or Spanish desks do even in English: read with the comma as the decimal point.

A document writes so when most of its numbers with a separator say so: a comma before one or two digits
("424,1", "0,95") or after dot-grouped thousands ("1.593,2"), and hardly any a point before one or two digits
("1.5", "23.38"), or when it writes any such comma, no such point and no thousands grouped by a comma; a few prices in a page's furniture ("R$ 9,90" in an English page) leave its copy as it is.
The text the grammar scans then has the two separators of each number swapped, so offsets and lengths stay
those of the copy: the quote of a claim is still its own text. A number only a decimal point can have written (a point
before one or two last digits: "US$7.46 billion" beside "$28,8 billones") keeps its point.
"""

from __future__ import annotations

import re

# the first digit of a number: not inside another number or a word ("R62,6-billion" and "Rs11,5" are numbers: one or
# two letters before, a currency's, are allowed; three are a word's). The digit comes first, the test of what stands
# before it after, so that a search skips to the next digit at once instead of testing every position
_OPENS = r"\d(?<![\d_,.]\d)(?<![^\W\d_]{3}\d)"
# a decimal comma: "424,1", "0,95", "1.593,2" (dot-grouped thousands before a comma)
_COMMA_DECIMAL = re.compile(rf"{_OPENS}\d{{0,2}}(?:\.\d{{3}})*+,\d{{1,2}}(?![\d,])|{_OPENS}\d{{0,2}}(?:\.\d{{3}})++,\d++")
# a decimal point: "1.5", "23.38", "1,593.2"
_POINT_DECIMAL = re.compile(rf"{_OPENS}\d{{0,2}}(?:,\d{{3}})*+\.\d{{1,2}}(?![\d.])|{_OPENS}\d{{0,2}}(?:,\d{{3}})++\.\d++")
# thousands grouped by a comma ("$1,250 million"): English copy, whatever a furniture price ("€4,99") says
_COMMA_THOUSANDS = re.compile(rf"{_OPENS}\d{{0,2}}(?:,\d{{3}})++(?![\d,])")
# a number with separators, as the document writes it
_NUMBER = re.compile(rf"{_OPENS}\d*+(?:[.,]\d++)++")
LEAST = 3  # numbers written with a decimal comma before a document is read so
SHARE = 4  # … and at least this many times as many as written with a decimal point
_SWAP = str.maketrans(".,", ",.")


def writes_decimal_comma(text: str) -> bool:
    """Whether the document writes its decimals with a comma (see the module docstring)."""
    commas = sum(1 for _ in _COMMA_DECIMAL.finditer(text))
    if not commas:
        return False
    points = sum(1 for _ in _POINT_DECIMAL.finditer(text))
    # a few commas and no point at all ("306 mill. euro (3,6 mrd. kroner)" and a dividend of "2,15 kroner" in copy
    # that writes no other decimal) say so too: a comma before one or two digits groups no thousands
    return commas >= SHARE * points and (commas >= LEAST or points == 0 and not _COMMA_THOUSANDS.search(text))


def with_decimal_points(text: str) -> str:
    """`text` with the point and the comma of every number swapped ("1.593,2" -> "1,593.2"), when the document
    writes decimals with a comma; else `text` itself. Same length, same offsets."""
    if "," not in text or not writes_decimal_comma(text):
        return text
    return _NUMBER.sub(_swapped, text)


# a number only a decimal point can have written: a point before one or two last digits ("US$7.46 billion" in copy that
# writes its pesos "$28,8 billones"): no thousands are grouped so, and it stays as it is
_POINT_ONLY = re.compile(r"\d++(?:,\d{3})*+\.\d{1,2}")


def _swapped(m: re.Match[str]) -> str:
    number = m.group(0)
    return number if _POINT_ONLY.fullmatch(number) else number.translate(_SWAP)
