"""Every regular expression of the package and of the default pack, run against 100 kB of hostile text.

A hang detector, not a speed test (the project has no timed assertions: they are flaky): a linear pattern
goes through 100 kB in milliseconds, a quadratic one takes minutes, so each run only has to end under a
ceiling (`CEILING` seconds, SIGALRM) far above what a linear pass needs.

The patterns are found, not named: module- and class-level patterns of every module of `claimcheck` and of
the default pack (also inside dicts, lists and tuples), the ones a default `Extractor` builds from the
pack's word lists, and the currency cue patterns; so a new pattern is tested without being added here.
Each runs the way the source uses it: searched over the whole text, or, when the source only ever calls
`match`/`fullmatch` on it, matched once at the start (it is never tried from every position, so one
anchored attempt is what must be linear).
"""

from __future__ import annotations

import ast
import functools
import importlib
import pkgutil
import re
import signal
import sys
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from re import _constants as sre_constants  # type: ignore[attr-defined]
from re import _parser as sre_parser  # type: ignore[attr-defined]
from typing import Any

import pytest

import claimcheck
from claimcheck.engine.registry import load_rules
from claimcheck.mentions.currencies import _HOME_DESK_DOLLARS, _cue_regex, _own_mark, _qualified_regex, table
from claimcheck.pack import pack_dir

SIZE = 100_000
CEILING = 5.0  # seconds per pattern and input: ~50x what the slowest linear pattern needs on 100 kB
SOURCES = [*Path(claimcheck.__file__).parent.rglob("*.py"), *pack_dir().glob("*.py")]

#: The generic families of issue 8: shapes that made earlier patterns backtrack.
HOSTILE = {
    "link targets": "](", "meta soup": "<meta name='a' ", "dots": ".", "digits with commas": "1,",
    "spaces": " ", "newlines": "\n", "spaces and newlines": " \n", "dollar figures": "$1,",
    "open range": "between 1 and ", "comments": "<!--", "parentheses": "(", "letters": "a", "words": "Aa ",
    "emphasis": "*",
}


def _patterns_in(value: Any, name: str, found: dict[str, re.Pattern[str]], depth: int = 0) -> None:
    if isinstance(value, re.Pattern):
        found.setdefault(name, value)
    elif isinstance(value, dict) and depth < 3:
        for key, item in value.items():
            _patterns_in(item, f"{name}[{key!r}]", found, depth + 1)
    elif isinstance(value, (list, tuple, set, frozenset)) and depth < 3:
        for i, item in enumerate(value):
            _patterns_in(item, f"{name}[{i}]", found, depth + 1)


def _object_patterns(value: Any, name: str, found: dict[str, re.Pattern[str]], seen: set[int], depth: int = 0) -> None:
    """Patterns reachable through an object's attributes (the extractor's vocabularies and cue sets)."""
    if id(value) in seen or depth > 6 or isinstance(value, (str, bytes, int, float, type(None))):
        return
    seen.add(id(value))
    if isinstance(value, (re.Pattern, dict, list, tuple, set, frozenset)):
        _patterns_in(value, name, found)
        return
    for lazy, kind in vars(type(value)).items():  # patterns compiled on first use (cached_property)
        if isinstance(kind, functools.cached_property):
            getattr(value, lazy)
    attributes = getattr(value, "__dict__", None) or {
        slot: getattr(value, slot) for slot in getattr(value, "__slots__", ()) if hasattr(value, slot)}
    for attribute, item in attributes.items():
        _object_patterns(item, f"{name}.{attribute}", found, seen, depth + 1)


def collect_patterns() -> dict[str, re.Pattern[str]]:
    """Every compiled pattern of the package and the default pack, by the name it is reached under."""
    modules = [importlib.import_module(m.name) for m in pkgutil.walk_packages(claimcheck.__path__, "claimcheck.")
               if not m.name.endswith("__main__")]
    load_rules(plugins=False)
    pack = [m for m in list(sys.modules.values()) if Path(getattr(m, "__file__", None) or "/").parent == pack_dir()]
    found: dict[str, re.Pattern[str]] = {}
    for module in [*modules, *pack]:
        prefix = module.__name__ if module in modules else f"rules.{Path(module.__file__ or '').stem}"
        for name, value in vars(module).items():
            _patterns_in(value, f"{prefix}.{name}", found)
            if isinstance(value, type) and value.__module__ == module.__name__:
                for attribute, item in vars(value).items():
                    _patterns_in(item, f"{prefix}.{name}.{attribute}", found)
    _object_patterns(claimcheck.Extractor(), "Extractor()", found, set())
    currencies = table()
    for code in currencies.codes:
        found[f"_cue_regex({code})"] = _cue_regex(currencies, code)
    for code in _HOME_DESK_DOLLARS:
        found[f"_own_mark({code})"] = _own_mark(currencies, code)
    for key in currencies.names:
        qualified = _qualified_regex(currencies, key)
        if qualified is not None:
            found[f"_qualified_regex({key})"] = qualified[0]
    unique: dict[tuple[str, int], str] = {}
    for name, pattern in found.items():
        unique.setdefault((pattern.pattern, pattern.flags), name)
    return {name: found[name] for name in unique.values()}


def _identifier(node: ast.AST) -> str | None:
    return node.id if isinstance(node, ast.Name) else node.attr if isinstance(node, ast.Attribute) else None


def anchored_only() -> set[str]:
    """Names on which the source only ever calls `match` or `fullmatch` (read or annotated otherwise, or
    passed anywhere, a name counts as searched: the strict case)."""
    uses: dict[str, set[str]] = defaultdict(set)
    for path in SOURCES:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        parents = {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}
        for node in ast.walk(tree):
            name = _identifier(node)
            if name is None or isinstance(getattr(node, "ctx", None), (ast.Store, ast.Del)):
                continue
            user = parents.get(node)
            while isinstance(user, ast.Subscript) and user.value is node:  # _RAW_CLOSE[name].search
                node, user = user, parents.get(user)
            method = user.attr if isinstance(user, ast.Attribute) and user.value is node else None
            uses[name].add("match" if method in ("match", "fullmatch") else "search")
    return {name for name, kinds in uses.items() if kinds == {"match"}}


def _leaf(name: str) -> str:
    """The identifier the source uses for a listed pattern ("_RAW_CLOSE" for "…prose._RAW_CLOSE['pre']")."""
    return re.sub(r"\[.*?\]|\(.*?\)", "", name).rsplit(".", 1)[-1]


PATTERNS = collect_patterns()
ANCHORED = anchored_only()


def _literals(pattern: re.Pattern[str]) -> list[str]:
    """The runs of literal characters in a pattern ("between", "<meta", "](")."""
    runs: list[str] = []

    def walk(items: Any) -> None:
        run: list[str] = []
        for op, arg in items:
            if op is sre_constants.LITERAL:
                run.append(chr(arg))
                continue
            if run:
                runs.append("".join(run))
                run = []
            if op is sre_constants.SUBPATTERN:
                walk(arg[-1])
            elif op is sre_constants.BRANCH:
                for branch in arg[1]:
                    walk(branch)
            elif op in (sre_constants.MAX_REPEAT, sre_constants.MIN_REPEAT, sre_constants.POSSESSIVE_REPEAT):
                walk(arg[2])
            elif op in (sre_constants.ASSERT, sre_constants.ASSERT_NOT):
                walk(arg[1])
            elif op is sre_constants.ATOMIC_GROUP:
                walk(arg)
        if run:
            runs.append("".join(run))

    walk(sre_parser.parse(pattern.pattern, pattern.flags))
    return sorted({r for r in runs if r.strip()}, key=lambda r: (-len(r), r))


def hostile_inputs(pattern: re.Pattern[str]) -> Iterator[tuple[str, str]]:
    """100 kB texts: the generic families, the pattern's own literals in a row, its longest literal repeated."""
    literals = _literals(pattern)
    fragments = dict(HOSTILE)
    if literals:
        fragments["its literals"] = " ".join(literals[:40]) + " "
        fragments[f"{literals[0]!r} repeated"] = literals[0] + " "
    for family, fragment in fragments.items():
        yield family, (fragment * (SIZE // len(fragment) + 1))[:SIZE]


class _Hang(Exception):
    pass


def _stop(signum: int, frame: object) -> None:
    raise _Hang()


def test_every_pattern_is_listed() -> None:
    important = {
        "claimcheck.mentions.money.FIGURE", "claimcheck.mentions.money.VAGUE", "claimcheck.mentions.money.TRIGGER",
        "claimcheck.mentions.periods.PATTERN", "claimcheck.mentions.sentences._END",
        "claimcheck.ingest.prose._LINK_TARGET", "claimcheck.ingest.prose._HTML_TAG",
        "claimcheck.ingest.prose._RAW_CLOSE['script']", "claimcheck.ingest.files._FRONT_MATTER",
        "claimcheck.ingest.files._META_TAG", "claimcheck.ingest.files._HTML_TITLE",
        "claimcheck.mentions.organisations._HEADLINE", "claimcheck.engine.registry._SECTIONS['What']",
        "rules.conversions.CURRENT", "Extractor().assembler.lexicon.metric_cues.pattern",
        "Extractor().assembler.entities.vocabulary.title_after", "_cue_regex(USD)",
    }
    assert len(PATTERNS) > 150 and important <= set(PATTERNS), sorted(important - set(PATTERNS))
    assert {"claimcheck.mentions.organisations._LIST_GAP", "claimcheck.claims.metric._CONVERSION_AFTER"} <= {
        name for name in PATTERNS if _leaf(name) in ANCHORED}


_BUILDERS = {"_figure_regex", "_cue_regex", "_qualified_regex", "_own_mark", "load", "__init__", "guarded", "pattern"}  # what they build is reached by collect_patterns


def test_no_pattern_is_built_where_the_listing_cannot_see_it() -> None:
    """`re.search(r"...", text)` in a function, or a new pattern factory, would escape the list above."""
    escaped = []
    for path in SOURCES:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for function in (n for n in ast.walk(tree) if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))):
            for call in (n for n in ast.walk(function) if isinstance(n, ast.Call)):
                func = call.func
                if not (isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name) and func.value.id == "re"):
                    continue
                if func.attr == "compile" and function.name in _BUILDERS:
                    continue
                if func.attr != "escape":
                    escaped.append(f"{path.name}:{call.lineno} re.{func.attr} in {function.name}()")
    assert not escaped, "compile these at module level: " + "; ".join(escaped)


@pytest.mark.parametrize("name", sorted(PATTERNS))
def test_pattern_is_linear_on_hostile_input(name: str) -> None:
    pattern = PATTERNS[name]
    anchored = _leaf(name) in ANCHORED
    previous = signal.signal(signal.SIGALRM, _stop)
    try:
        for family, text in hostile_inputs(pattern):
            signal.setitimer(signal.ITIMER_REAL, CEILING)
            try:
                if anchored:
                    pattern.match(text)
                    pattern.fullmatch(text)
                else:
                    for _ in pattern.finditer(text):
                        pass
            except _Hang:
                pytest.fail(f"{name} did not finish within {CEILING:g} s on 100 kB of {family} "
                            f"({'matched once' if anchored else 'searched'}): it backtracks, fix the pattern")
            finally:
                signal.setitimer(signal.ITIMER_REAL, 0)
    finally:
        signal.signal(signal.SIGALRM, previous)
