"""The regex building blocks read exactly what the plain patterns read: the trie like the flat, longest-first
alternation; a guarded pattern like the pattern without its first-character lookahead."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claimcheck.mentions.patterns import GUARDED, alternation, first_chars, first_lookahead, guarded, trie

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"

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


# ---------------------------------------------------------------- guarded(): a first-character lookahead
_PIECES = st.sampled_from([
    "a", "b", "ab", "x", "A", "\\d", "\\s", "\\w", "[ab]", "[a-c]", "[^a]", ".", "\\$", "é", "ſ", "K",
    "(?<!a)", "(?<![\\w])", "\\b", "^", "$", "(?=b)", "(?!a)", "(?i:a)", "(?i:s)", "(?i:[a-b])", "(?-i:A)",
])


@st.composite
def _patterns(draw: st.DrawFn, depth: int = 0) -> str:
    """Small patterns from the constructs the package's grammars use."""
    parts = []
    for _ in range(draw(st.integers(1, 3))):
        kind = draw(st.integers(0, 4 if depth < 2 else 0))
        if kind == 0:
            parts.append(draw(_PIECES))
        elif kind == 1:
            parts.append("(?:" + "|".join(draw(st.lists(_patterns(depth + 1), min_size=1, max_size=3))) + ")")
        elif kind == 2:
            parts.append("(?:" + draw(_patterns(depth + 1)) + ")" + draw(st.sampled_from(["?", "*", "+", "{0,2}", "{1,2}", "*?"])))
        elif kind == 3:
            parts.append("(?P<g%d>" % draw(st.integers(0, 10**6)) + draw(_patterns(depth + 1)) + ")")
        else:
            parts.append("(?>" + draw(_patterns(depth + 1)) + ")")
    return "".join(parts)


@settings(max_examples=500, deadline=None)
@given(_patterns(), st.text(alphabet="abxABKſé$1 \n", max_size=40), st.sampled_from([0, re.IGNORECASE]))
def test_a_guarded_pattern_matches_exactly_what_the_pattern_matches(pattern: str, text: str, flags: int) -> None:
    try:
        plain = re.compile(pattern, flags)
    except re.error:  # a repeated lookaround and the like: not a pattern anyone writes
        return
    assert [m.span() for m in guarded(pattern, flags).finditer(text)] == [m.span() for m in plain.finditer(text)]


@pytest.mark.parametrize("pattern", ["a?", "[^a]b", ".x", "(?:a|)", r"\bx?"])
def test_a_pattern_that_may_start_anywhere_is_left_as_it_is(pattern: str) -> None:
    assert guarded(pattern).pattern == pattern


def test_a_verbose_pattern_ending_in_a_comment_keeps_working() -> None:
    pattern = guarded("a  # the letter a", re.VERBOSE)
    assert pattern.pattern.startswith("(?=") and pattern.search("xa").span() == (1, 2)


def test_every_guarded_grammar_in_the_package_reads_the_fixture_articles_as_before() -> None:
    import importlib
    import pkgutil

    import claimcheck

    modules = [importlib.import_module(m.name) for m in pkgutil.walk_packages(claimcheck.__path__, "claimcheck.")
               if m.name not in ("claimcheck.pytest_plugin", "claimcheck.__main__")]
    grammars = {v for module in modules for v in vars(module).values() if isinstance(v, re.Pattern) and v in GUARDED}
    texts = [p.read_text(encoding="utf-8") for folder in ("corpus", "dev") for p in sorted((FIXTURES / folder).rglob("*.md"))]
    assert len(grammars) >= 10 and texts
    for compiled in grammars:
        source, flags = GUARDED[compiled]
        plain = re.compile(source, flags)
        for text in texts:
            assert [m.span() for m in compiled.finditer(text)] == [m.span() for m in plain.finditer(text)], source[:80]


@settings(max_examples=500, deadline=None)
@given(_patterns(), _patterns(), st.text(alphabet="abxABKſé$1 \n", max_size=40), st.sampled_from([0, re.IGNORECASE]))
def test_a_part_behind_its_first_lookahead_matches_what_it_matches_in_any_context(
    before: str, part: str, text: str, flags: int
) -> None:
    try:
        plain = re.compile(f"{before}(?:{part})", flags)
        lookahead = first_lookahead(part, flags)
    except re.error:
        return
    within = re.compile(f"{before}{lookahead}(?:{part})", flags)
    assert [m.span() for m in within.finditer(text)] == [m.span() for m in plain.finditer(text)]


def test_the_money_grammar_reads_the_fixture_articles_as_it_does_without_its_lookaheads() -> None:
    from claimcheck.mentions.money import FIGURE
    from claimcheck.mentions.patterns import LOOKAHEADS

    source = FIGURE.pattern
    for lookahead in sorted(LOOKAHEADS, key=len, reverse=True):
        source = source.replace(lookahead, "") if lookahead else source
    assert source != FIGURE.pattern
    plain = re.compile(source, FIGURE.flags)
    texts = [p.read_text(encoding="utf-8") for folder in ("corpus", "dev", "holdout")
             for p in sorted((FIXTURES / folder).rglob("*.md"))]
    for text in texts:
        assert [m.groupdict() | {"": m.span()} for m in FIGURE.finditer(text)] == \
            [m.groupdict() | {"": m.span()} for m in plain.finditer(text)]


# ---------------------------------------------------------------- patterns that consume their first character
# Each is written so that it opens with a character set or literals (`re` then skips in C to the next candidate);
# its plain form, as the module documents it, reads exactly the same spans.
def _rewritten() -> list[tuple[str, re.Pattern[str], str]]:
    from claimcheck.ingest import prose
    from claimcheck.mentions import organisations, sentences

    return [("name", organisations._NAME, organisations.NAME_PLAIN),
            ("sentence end (entities)", organisations._SENTENCE_END, organisations.SENTENCE_END_PLAIN),
            ("sentence end", sentences._END, sentences.END_PLAIN), ("url", prose._URL, prose.URL_PLAIN)]


_REWRITE_TEXT = st.text(alphabet="AZaz09٣ &'’.@/-\t\nof_é!?…\"”)]#*+•hwtps:", max_size=40)


@settings(max_examples=1500, deadline=None)
@given(_REWRITE_TEXT)
def test_a_pattern_that_consumes_its_first_character_reads_what_its_plain_form_reads(text: str) -> None:
    for name, compiled, plain in _rewritten():
        assert [m.span() for m in compiled.finditer(text)] == [m.span() for m in re.finditer(plain, text)], name


def test_the_rewritten_patterns_read_the_fixture_articles_as_their_plain_forms() -> None:
    texts = [p.read_text(encoding="utf-8") for p in sorted(FIXTURES.rglob("*.md"))]
    assert texts
    for name, compiled, plain in _rewritten():
        for text in texts:
            assert [m.span() for m in compiled.finditer(text)] == [m.span() for m in re.finditer(plain, text)], name
