"""Which parts of a file are prose: everything else is blanked out, offsets kept.

Extraction runs over a *masked* copy of the text in which front matter, code, link targets, URLs, HTML
markup, a page's furniture (navigation, asides, footers, forms, ads: see page.py) and suppression directives
alone on a line (directives.py) are replaced by spaces (newlines kept), so a figure inside a URL such as
".../softbank-40-billion-..." or a sidebar advertisement is never read, and every offset still points into
the original text. A fact box's dot leaders ("Q4 revenue ...... US$1.31 billion") are read as a colon.
"""

from __future__ import annotations

import html
import re

from claimcheck.ingest.directives import BARE, PREFIX
from claimcheck.ingest.page import blank_furniture, blanked

_FENCE = re.compile(r"^(```|~~~)[^\n]*\n.*?(?:^\1[^\n]*$|\Z)", re.MULTILINE | re.DOTALL)
# An indented code block: four spaces or a tab on every line, after a blank line, and not the continuation
# of a list item (the last line before the blank is not a bullet or number).
_INDENTED_CODE = re.compile(r"(?:\A|\n[ \t]*\n)((?:(?: {4}|\t)[^\n]*(?:\n|\Z))+)")
_LIST_LINE = re.compile(r"^[ \t]*(?:[-*+•]|\d{1,9}[.)])[ \t]", re.MULTILINE)
_INLINE_CODE = re.compile(r"`[^`\n]+`")
_LINK_TARGET = re.compile(r"\]\([^()\n]*(?:\([^()\n]*\)[^()\n]*)*\)")  # no two ways to read one "(": linear
_LINK_REFERENCE = re.compile(r"^\s{0,3}\[[^\]\n]+\]:\s*\S+.*$", re.MULTILINE)
# URL_PLAIN, with the word boundary tested after the first letter (the character before it is not a word
# character): a pattern that opens with literals lets `re` skip to the next "h" or "w" in C.
URL_PLAIN = r"\b(?:https?://|www\.)\S+"
_URL = re.compile(r"(?:h(?<!\w.)ttps?://|w(?<!\w.)ww\.)\S+")
_RAW_OPEN = re.compile(r"<(script|style|noscript|template|pre|code)\b", re.IGNORECASE)
_RAW_CLOSE = {name: re.compile(rf"</{name}\s*>", re.IGNORECASE)
              for name in ("script", "style", "noscript", "template", "pre", "code")}
_HTML_TAG = re.compile(r"</?[A-Za-z][^<>]*>")
_BLOCK_TAG = re.compile(
    r"</?(?:p|div|h[1-6]|li|ul|ol|br|tr|td|th|table|section|article|header|footer|blockquote|figure|figcaption"
    r"|aside|nav|main|dd|dt|dl|hr)\b[^<>]*>", re.IGNORECASE)
# "FY2026 revenue ...... US$729.0 million": a fact box's dot leaders join a label to its figure as a colon does
_DOT_LEADER = re.compile(r"(?<=\w)[ \t]+(?:\.{4,}|…{2,})(?=[ \t])")  # (not "net debt.... The": an ellipsis)
_ENTITY = re.compile(r"&(?:#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")


def _blank(m: re.Match[str]) -> str:
    return blanked(m.group(0))


def _as_colon(m: re.Match[str]) -> str:
    """Dot leaders read as the colon they stand for, padded with spaces to keep every offset."""
    return ":" + " " * (len(m.group(0)) - 1)


def _blank_block(m: re.Match[str]) -> str:
    """A block-level tag ends a paragraph: blanked, with a paragraph break in its place (same length)."""
    return "\n\n" + blanked(m.group(0)[2:])


def _decode(m: re.Match[str]) -> str:
    """An HTML character reference as its character, padded with spaces to keep every offset. An ampersand
    between two letters ("M&amp;S", "AT&amp;T") is padded before it, so that it stays on the name it joins
    ("M    &S": the organisation reader glues the two again)."""
    char = html.unescape(m.group(0))
    if len(char) != 1:
        return m.group(0)
    padding = " " * (len(m.group(0)) - 1)
    if char == "&":
        text, start, end = m.string, m.start(), m.end()
        if start and text[start - 1].isalnum() and end < len(text) and text[end].isalpha():
            return padding + char
    return char + padding


def _blank_comments(text: str) -> str:
    """`<!-- … -->` blanked; an unclosed comment runs to the end, as in a browser. One pass with str.find:
    a lazy `<!--.*?-->` rescans the rest of the file from every unclosed opener."""
    if "<!--" not in text:
        return text
    parts, pos = [], 0
    while (start := text.find("<!--", pos)) >= 0:
        close = text.find("-->", start + 4)
        end = len(text) if close < 0 else close + 3
        parts += [text[pos:start], blanked(text[start:end])]
        pos = end
    parts.append(text[pos:])
    return "".join(parts)


def _blank_indented_code(text: str) -> str:
    if "\n    " not in text and "\n\t" not in text and not text.startswith(("    ", "\t")):
        return text
    parts, pos = [], 0
    for m in _INDENTED_CODE.finditer(text):
        before = text[:m.start(1)].rstrip()
        last_line = before[before.rfind("\n") + 1:]
        if _LIST_LINE.match(last_line) or (before and last_line.startswith(("    ", "\t"))):
            continue  # a list item's own paragraph, or deeper indentation inside one
        parts += [text[pos:m.start(1)], blanked(m.group(1))]
        pos = m.end(1)
    parts.append(text[pos:])
    return "".join(parts)


def _blank_raw(text: str) -> str:
    """Script, style, template, `<pre>` and `<code>` blocks blanked (never prose); an unclosed one runs to
    the end. Each opener is matched once and each closing tag searched once from it."""
    parts, pos = [], 0
    while (m := _RAW_OPEN.search(text, pos)) is not None:
        close = _RAW_CLOSE[m.group(1).lower()].search(text, m.end())
        end = len(text) if close is None else close.end()
        parts += [text[pos:m.start()], blanked(text[m.start():end])]
        pos = end
    parts.append(text[pos:])
    return "".join(parts)


def blank_span(text: str, start: int, end: int) -> str:
    """`text` with `text[start:end]` blanked (used for front matter)."""
    return text[:start] + blanked(text[start:end]) + text[end:]


def mask(text: str, kind: str) -> str:
    """A copy of `text`, same length, where only prose is left. `kind` is 'markdown' or 'html' (plain text
    is read as markdown: link targets, code spans and tags in it are not prose either)."""
    masked = text
    if PREFIX in masked:  # a suppression alone on its line, as written (directives.py), is not prose
        masked = BARE.sub(_blank, masked)
    if kind == "html":
        masked = _blank_comments(masked)
        masked = _blank_raw(masked)
        masked = blank_furniture(masked)
        masked = _BLOCK_TAG.sub(_blank_block, masked)
        masked = _HTML_TAG.sub(_blank, masked)
        masked = _ENTITY.sub(_decode, masked)
    else:
        masked = _blank_comments(masked)
        if "```" in masked or "~~~" in masked:  # the line-anchored passes only when their marker is there
            masked = _FENCE.sub(_blank, masked)
        masked = _blank_indented_code(masked)
        masked = _INLINE_CODE.sub(_blank, masked)
        masked = _LINK_TARGET.sub(_blank, masked)
        if "]:" in masked:
            masked = _LINK_REFERENCE.sub(_blank, masked)
        masked = _HTML_TAG.sub(_blank, masked)
    masked = _URL.sub(_blank, masked)
    if "...." in masked or "……" in masked:
        masked = _DOT_LEADER.sub(_as_colon, masked)
    return masked.replace("\r", " ")  # CRLF files: "\r\n\r\n" must read as a paragraph break
