"""Regex building blocks for word lists: the pack's tables (cues, descriptors, titles, currency names) run
to hundreds of phrases, and Python's `re` tries a flat alternation one branch at a time."""

from __future__ import annotations

import re
import re._parser as _sre_parser  # the stdlib's own parse of a pattern: what a match can start with
from collections.abc import Iterable

from claimcheck.patterncache import remembered_lookahead


def alternation(words: Iterable[str]) -> str:
    """A regex alternation that tries longer words first; a space in a phrase matches any run of spaces.
    Words of one length come in a fixed order, so that every process builds the same pattern (and finds it
    in the pattern cache)."""
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(set(words), key=lambda w: (-len(w), w)))


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


def guarded(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """`pattern` compiled behind a lookahead on every character a match can start with.

    Python's `re` scans for a match by trying the whole pattern at each position; it skips ahead cheaply
    only when the pattern opens with a literal. A grammar that opens with lookbehinds and a dozen branches
    pays for every branch at every position of the text. The lookahead, computed from the parsed pattern,
    turns most positions into one set test. It never changes what matches: a pattern that may start with
    any character, or match the empty string, is compiled as it is.
    """
    lookahead, verbose = _analysis(pattern, flags)
    if not lookahead:
        return re.compile(pattern, flags)
    end = "\n)" if verbose else ")"  # a verbose pattern may end in a comment
    compiled = re.compile(f"{lookahead}(?:{pattern}{end}", flags)
    GUARDED[compiled] = (pattern, flags)
    return compiled


def first_lookahead(pattern: str, flags: int = 0) -> str:
    """The lookahead `guarded` puts in front of `pattern`, or "" when a match may start with anything or be
    empty: also for a part of a larger pattern, such as a case-insensitive word list tried at every word of
    a window (one set test instead of the list)."""
    lookahead, _verbose = _analysis(pattern, flags)
    LOOKAHEADS.add(lookahead)
    return lookahead


def _analysis(pattern: str, flags: int) -> tuple[str, bool]:
    """The lookahead of `pattern` and whether it is verbose, from the parse (kept between runs)."""
    def parse() -> tuple[str, bool]:
        parsed = _sre_parser.parse(pattern, flags)
        return _lookahead(parsed), bool(parsed.state.flags & re.VERBOSE)

    return remembered_lookahead(pattern, flags, parse)


def _lookahead(parsed) -> str:  # noqa: ANN001 (re._parser.SubPattern)
    first = _first_of(list(parsed), bool(parsed.state.flags & re.IGNORECASE))
    if first is None or first[1] or not (first[0][0] or first[0][1]):
        return ""
    (sensitive, insensitive), _ = first
    options = ([f"[{''.join(sorted(sensitive))}]"] if sensitive else []) + (
        [f"(?i:[{''.join(sorted(insensitive))}])"] if insensitive else [])
    return f"(?=(?-i:{'|'.join(options)}))"


#: Every guarded pattern with the pattern and flags it was built from (the tests compare the two).
GUARDED: dict[re.Pattern[str], tuple[str, int]] = {}
#: Every lookahead `first_lookahead` gave, so that a test can take them out of a grammar again.
LOOKAHEADS: set[str] = set()


# What a part of a pattern may start with: (class items matched as written, class items matched in any case),
# and whether it may match the empty string; None when it may start with anything.
_First = tuple[tuple[frozenset[str], frozenset[str]], bool] | None
_NONE: tuple[frozenset[str], frozenset[str]] = (frozenset(), frozenset())
_CATEGORIES = {"CATEGORY_DIGIT": r"\d", "CATEGORY_SPACE": r"\s", "CATEGORY_WORD": r"\w"}
_ZERO_WIDTH = {"AT", "ASSERT", "ASSERT_NOT"}
_REPEATS = {"MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"}


def _first_of(items: list, ignorecase: bool) -> _First:
    """The first characters of a sequence of parsed items."""
    sensitive: set[str] = set()
    insensitive: set[str] = set()
    for op, av in items:
        item = _first_item(str(op), av, ignorecase)
        if item is None:
            return None
        (s, i), nullable = item
        sensitive |= s
        insensitive |= i
        if not nullable:
            return (frozenset(sensitive), frozenset(insensitive)), False
    return (frozenset(sensitive), frozenset(insensitive)), True


def _first_item(op: str, av, ignorecase: bool) -> _First:
    if op == "LITERAL":
        token = frozenset({re.escape(chr(av))})
        return ((frozenset(), token) if ignorecase else (token, frozenset())), False
    if op == "IN":
        tokens: set[str] = set()
        for kind, value in av:
            kind = str(kind)
            if kind == "LITERAL":
                tokens.add(re.escape(chr(value)))
            elif kind == "RANGE":
                tokens.add(f"{re.escape(chr(value[0]))}-{re.escape(chr(value[1]))}")
            elif kind == "CATEGORY" and str(value) in _CATEGORIES:
                tokens.add(_CATEGORIES[str(value)])
            else:  # a negated set or a category without a short escape
                return None
        token_set = frozenset(tokens)
        return ((frozenset(), token_set) if ignorecase else (token_set, frozenset())), False
    if op in _ZERO_WIDTH:
        return _NONE, True
    if op == "BRANCH":
        sensitive: set[str] = set()
        insensitive: set[str] = set()
        nullable = False
        for branch in av[1]:
            first = _first_of(list(branch), ignorecase)
            if first is None:
                return None
            sensitive |= first[0][0]
            insensitive |= first[0][1]
            nullable = nullable or first[1]
        return (frozenset(sensitive), frozenset(insensitive)), nullable
    if op == "SUBPATTERN":
        _group, add, delete, sub = av
        case = (ignorecase or bool(add & re.IGNORECASE)) and not delete & re.IGNORECASE
        return _first_of(list(sub), case)
    if op == "ATOMIC_GROUP":
        return _first_of(list(av), ignorecase)
    if op in _REPEATS:
        low, _high, sub = av
        first = _first_of(list(sub), ignorecase)
        return None if first is None else (first[0], first[1] or low == 0)
    return None  # any character, a back reference, a conditional: no guard
