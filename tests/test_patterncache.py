"""Compiled patterns kept between runs (claimcheck/patterncache.py): a pattern from the cache is the pattern `re`
compiles, whatever the file holds; a cache that cannot be read or written changes nothing but the speed."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claimcheck import patterncache
from claimcheck.mentions.patterns import GUARDED, alternation, trie

REPO = Path(__file__).resolve().parents[1]
ARTICLE = REPO / "fixtures" / "corpus" / "05-microsoft-stake.md"

# Patterns of every kind the grammars use: named groups, lookarounds, verbose and case-insensitive ones, and
# the guarded grammars themselves (the largest: the money grammar's trie of currency names).
SAMPLES: list[tuple[str, int]] = [
    (r"(?P<amount>\d+(?:\.\d+)?)\s*(?P<scale>million|billion)", 0),
    (r"(?<![\w$])(?i:net\s+income)(?!\w)", 0),
    ("(?x) a  # a comment\n  b", 0),
    (r"caf\u00e9|\w+", re.IGNORECASE),
    *sorted({(p.pattern, p.flags & ~re.UNICODE) for p in GUARDED}),
]
TEXT = ("Acme AG said net income rose 12% to €3.4 billion (US$3.7 billion); NET INCOME was 3 million. "
        "Café ab  b, $5bn, 7.5 million, Rs 1,200 crore, ¥45.1 billion\n")


def _compile_through(store: patterncache._Store, pattern: str, flags: int) -> re.Pattern:
    """What `re.compile` returns inside `cached_patterns()`, without re's own cache in the way."""
    return store.compile(pattern, flags)


def _saved_store(path: Path, samples: list[tuple[str, int]]) -> None:
    store = patterncache._Store(path)
    for pattern, flags in samples:
        _compile_through(store, pattern, flags)
    store.save()


def test_a_pattern_from_the_cache_is_the_pattern_re_compiles(tmp_path: Path) -> None:
    path = tmp_path / "patterns.marshal"
    _saved_store(path, SAMPLES)
    loaded = patterncache._Store(path)
    for pattern, flags in SAMPLES:
        cached = _compile_through(loaded, pattern, flags)
        fresh = re.compile(pattern, flags)
        assert cached == fresh  # Pattern equality compares the flags, the text and the compiled program
        assert (cached.groups, cached.groupindex) == (fresh.groups, fresh.groupindex)
        assert [m.span() for m in cached.finditer(TEXT)] == [m.span() for m in fresh.finditer(TEXT)]
    assert not loaded.missed  # every one came from the file: nothing to write again


@settings(max_examples=60, deadline=None)
@given(st.lists(st.text(alphabet="ab é-", min_size=1, max_size=6).map(str.strip).filter(bool), min_size=1, max_size=8),
       st.text(alphabet="ab éx-AB", max_size=40), st.sampled_from([0, re.IGNORECASE]))
def test_word_lists_read_the_same_from_the_cache(tmp_path_factory, words: list[str], text: str, flags: int) -> None:
    path = tmp_path_factory.mktemp("cache") / "patterns.marshal"
    samples = [(rf"(?<!\w)(?P<w>{trie(words)})(?!\w)", flags), (alternation(words), flags)]
    _saved_store(path, samples)
    loaded = patterncache._Store(path)
    for pattern, f in samples:
        assert [m.span() for m in _compile_through(loaded, pattern, f).finditer(text)] == [
            m.span() for m in re.compile(pattern, f).finditer(text)]


@pytest.mark.parametrize("damage", ["garbage", "truncated", "wrong shape", "bad program"])
def test_a_damaged_cache_is_compiled_afresh_and_rewritten(tmp_path: Path, damage: str) -> None:
    path = tmp_path / "patterns.marshal"
    _saved_store(path, SAMPLES[:4])
    data = path.read_bytes()
    if damage == "garbage":
        path.write_bytes(os.urandom(256))
    elif damage == "truncated":
        path.write_bytes(data[: len(data) // 2])
    elif damage == "wrong shape":
        import marshal
        path.write_bytes(marshal.dumps({"programs": [1, 2], "lookaheads": "x"}))
    else:  # a program the engine refuses: its code replaced by an opcode that does not exist
        import marshal
        table = marshal.loads(data)
        key = next(iter(table["programs"]))
        flags, _code, groups, names, index = table["programs"][key]
        table["programs"][key] = (flags, b"\xff\xff\x00\x00" * 4, groups, names, index)
        path.write_bytes(marshal.dumps(table))
    store = patterncache._Store(path)
    for pattern, flags in SAMPLES[:4]:
        assert _compile_through(store, pattern, flags) == re.compile(pattern, flags)
    assert store.missed
    store.save()
    again = patterncache._Store(path)
    for pattern, flags in SAMPLES[:4]:
        _compile_through(again, pattern, flags)
    assert not again.missed  # the rewritten file holds them all


def test_a_cache_that_cannot_be_written_changes_nothing(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a directory")
    store = patterncache._Store(blocker / "sub" / "patterns.marshal")
    assert _compile_through(store, *SAMPLES[0]) == re.compile(*SAMPLES[0])
    store.save()  # no error: the cache is an optimisation
    assert blocker.read_text() == "not a directory"


def test_the_cache_folder_follows_the_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("CLAIMCHECK_CACHE_DIR", str(tmp_path))
    assert patterncache.cache_dir() == tmp_path
    monkeypatch.setenv("CLAIMCHECK_CACHE_DIR", "")
    assert patterncache.cache_dir() is None
    monkeypatch.delenv("CLAIMCHECK_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert patterncache.cache_dir() == tmp_path / "xdg" / "claimcheck"


def test_every_process_builds_the_same_patterns(tmp_path: Path) -> None:
    """Word lists come from sets: were their order left to the hash seed, each start would miss the cache."""
    env = {**os.environ, "CLAIMCHECK_CACHE_DIR": str(tmp_path)}
    script = ("import claimcheck, claimcheck.patterncache as c, marshal, pathlib; "
              "p = c.cache_file(pathlib.Path(c.cache_dir())); print(len(marshal.loads(p.read_bytes())['programs']))")
    first = subprocess.run([sys.executable, "-c", script], env={**env, "PYTHONHASHSEED": "1"},
                           capture_output=True, text=True, check=True)
    stamp = patterncache.cache_file(tmp_path).stat().st_mtime_ns
    second = subprocess.run([sys.executable, "-c", script], env={**env, "PYTHONHASHSEED": "2"},
                            capture_output=True, text=True, check=True)
    assert int(first.stdout) > 200 and first.stdout == second.stdout
    assert patterncache.cache_file(tmp_path).stat().st_mtime_ns == stamp  # all found: the file was not rewritten


@pytest.mark.parametrize("state", ["absent", "present", "damaged", "off"])
def test_the_command_reads_the_same_with_any_cache(tmp_path: Path, state: str) -> None:
    cache = tmp_path / "cache"
    env = {**os.environ, "CLAIMCHECK_CACHE_DIR": "" if state == "off" else str(cache)}
    command = [sys.executable, "-m", "claimcheck", "check", str(ARTICLE), "--format", "json"]
    plain = subprocess.run(command, env={**os.environ, "CLAIMCHECK_CACHE_DIR": ""}, capture_output=True, timeout=120)
    if state in ("present", "damaged"):
        subprocess.run(command, env=env, capture_output=True, timeout=120, check=False)
        if state == "damaged":
            patterncache.cache_file(cache).write_bytes(b"\x00not marshal")
    run = subprocess.run(command, env=env, capture_output=True, timeout=120)
    assert (run.returncode, run.stdout, run.stderr) == (plain.returncode, plain.stdout, plain.stderr)
    assert patterncache.cache_file(cache).exists() == (state != "off")
