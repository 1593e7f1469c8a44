"""Regex building blocks for word lists: the pack's tables (cues, descriptors, titles, currency names) run
to hundreds of phrases, and Python's `re` tries a flat alternation one branch at a time."""

from __future__ import annotations

import re
from collections.abc import Iterable


def alternation(words: Iterable[str]) -> str:
    """A regex alternation that tries longer words first; a space in a phrase matches any run of spaces."""
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(set(words), key=len, reverse=True))


def trie(words: Iterable[str]) -> str:
    """The same language as `alternation`, factored by common prefixes: a few hundred phrases cost the regex
    engine one branch per first letter instead of one per phrase. Longer phrases are still preferred,
    since every optional tail is greedy."""
    root: dict[str, dict] = {}
    for word in words:
        node = root
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict[str, dict]) -> str:
        ends = "" in node
        branches = [(r"\s+" if ch == " " else re.escape(ch)) + emit(child)
                    for ch, child in sorted(node.items(), key=lambda kv: kv[0]) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 and not ends else "(?:" + "|".join(branches) + ")"
        return body + "?" if ends else body

    return "(?:" + emit(root) + ")"


def first_chars(words: Iterable[str]) -> str:
    """A lookahead on the first characters of `words`: the regex engine rejects most positions with one
    set test instead of trying every branch."""
    return "(?=[" + re.escape("".join(sorted({w[0] for w in words}))) + "])"
