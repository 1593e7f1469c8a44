"""Which parts of a file are prose: everything else is blanked out, offsets kept.

Extraction runs over a *masked* copy of the text in which front matter, code, link targets, URLs and HTML
markup are replaced by spaces (newlines kept), so a figure inside a URL such as
".../softbank-40-billion-..." is never read, and every offset still points into the original text.
"""

from __future__ import annotations

import html
import re

_FENCE = re.compile(r"^(```|~~~)[^\n]*\n.*?(?:^\1[^\n]*$|\Z)", re.MULTILINE | re.DOTALL)
_INLINE_CODE = re.compile(r"`[^`\n]+`")
_LINK_TARGET = re.compile(r"\]\([^)\n]*(?:\([^)\n]*\)[^)\n]*)*\)")
_LINK_REFERENCE = re.compile(r"^\s{0,3}\[[^\]\n]+\]:\s*\S+.*$", re.MULTILINE)
_URL = re.compile(r"\b(?:https?://|www\.)\S+")
_HTML_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_HTML_RAW = re.compile(r"<(script|style|noscript|template)\b.*?</\1\s*>", re.DOTALL | re.IGNORECASE)
_HTML_TAG = re.compile(r"</?[A-Za-z][^<>]*>")
_BLOCK_TAG = re.compile(
    r"</?(?:p|div|h[1-6]|li|ul|ol|br|tr|td|th|table|section|article|header|footer|blockquote|figure|figcaption"
    r"|aside|nav|main|dd|dt|dl|hr)\b[^<>]*>", re.IGNORECASE)
_NOT_NEWLINE = re.compile(r"[^\n]")
_ENTITY = re.compile(r"&(?:#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")


def _blank(m: re.Match[str]) -> str:
    return _NOT_NEWLINE.sub(" ", m.group(0))


def _blank_block(m: re.Match[str]) -> str:
    """A block-level tag ends a paragraph: blanked, with a paragraph break in its place (same length)."""
    return "\n\n" + _NOT_NEWLINE.sub(" ", m.group(0)[2:])


def _decode(m: re.Match[str]) -> str:
    """An HTML character reference as its character, padded with spaces to keep every offset."""
    char = html.unescape(m.group(0))
    if len(char) != 1:
        return m.group(0)
    return char + " " * (len(m.group(0)) - 1)


def blank_span(text: str, start: int, end: int) -> str:
    """`text` with `text[start:end]` blanked (used for front matter)."""
    return text[:start] + _NOT_NEWLINE.sub(" ", text[start:end]) + text[end:]


def mask(text: str, kind: str) -> str:
    """A copy of `text`, same length, where only prose is left. `kind` is 'markdown' or 'html' (plain text
    is read as markdown: link targets, code spans and tags in it are not prose either)."""
    masked = text
    if kind == "html":
        masked = _HTML_COMMENT.sub(_blank, masked)
        masked = _HTML_RAW.sub(_blank, masked)
        masked = _BLOCK_TAG.sub(_blank_block, masked)
        masked = _HTML_TAG.sub(_blank, masked)
        masked = _ENTITY.sub(_decode, masked)
    else:
        masked = _HTML_COMMENT.sub(_blank, masked)
        masked = _FENCE.sub(_blank, masked)
        masked = _INLINE_CODE.sub(_blank, masked)
        masked = _LINK_TARGET.sub(_blank, masked)
        masked = _LINK_REFERENCE.sub(_blank, masked)
        masked = _HTML_TAG.sub(_blank, masked)
    masked = _URL.sub(_blank, masked)
    return masked.replace("\r", " ")  # CRLF files: "\r\n\r\n" must read as a paragraph break
