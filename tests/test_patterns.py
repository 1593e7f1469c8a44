"""The trie alternation reads exactly what the flat, longest-first alternation reads."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from claimcheck.mentions.patterns import alternation, first_chars, trie

words = st.lists(st.text(alphabet="ab -", min_size=1, max_size=5).map(str.strip).filter(bool), min_size=1, max_size=12)
texts = st.text(alphabet="ab -x", max_size=60)


@settings(max_examples=300, deadline=None)
@given(words, texts)
def test_trie_matches_like_the_flat_alternation(phrases: list[str], text: str) -> None:
    flat = re.compile(rf"(?<![\w-])(?:{alternation(phrases)})(?![\w-])")
    factored = re.compile(rf"(?<![\w-]){trie(phrases)}(?![\w-])")
    assert [m.span() for m in factored.finditer(text)] == [m.span() for m in flat.finditer(text)]


@settings(max_examples=200, deadline=None)
@given(words, texts)
def test_first_chars_only_rejects_positions_no_phrase_starts_at(phrases: list[str], text: str) -> None:
    plain = re.compile(trie(phrases))
    guarded = re.compile(first_chars(phrases) + trie(phrases))
    assert [m.span() for m in guarded.finditer(text)] == [m.span() for m in plain.finditer(text)]


def test_a_longer_phrase_wins_over_its_prefix() -> None:
    pattern = re.compile(rf"{trie(['net income', 'net'])}")
    assert pattern.match("net  income").group(0) == "net  income"
