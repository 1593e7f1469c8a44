"""Compiled regular expressions kept between runs, as Python keeps compiled modules in `__pycache__`.

Python's `re` parses and compiles every pattern in Python code at each start. The grammars of claimcheck build
about three hundred patterns at import, some from tables of hundreds of words, and that took a quarter of a
second of every cold start (`benchmarks/run.py`, "imports"): more than reading an article. The compiled form of
a pattern is plain data (a list of ints and the group names), so it is kept in a file per Python version and
handed back to the regex engine on the next start, which checks the program before it runs it.

Only patterns compiled while `cached_patterns()` is active go through the cache: claimcheck's own, at import.
A pattern is looked up by its text and flags, so a changed pattern is simply compiled again; each save keeps
only the patterns that start used, so the file never grows stale. Nothing here is needed for correctness:
when the cache cannot be read or written (no home directory, a read-only disk, another Python, a damaged file)
patterns are compiled as usual and nothing is said. `CLAIMCHECK_CACHE_DIR` moves the cache; set to an empty
string it turns it off.
"""

from __future__ import annotations

import array
import contextlib
import marshal
import os
import re
import re._compiler as _compiler
import re._parser as _parser
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

import _sre

#: (pattern, flags) -> the arguments `_sre.compile` takes after the pattern: flags, code, groups, names; the
#: code is kept as the bytes of an array of the engine's code units (a list of ints reads forty times slower).
_Program = tuple[int, bytes, int, dict[str, int], tuple[str | None, ...]]
_Key = tuple[str, int]
_CODE_UNIT = next(t for t in "IL" if array.array(t).itemsize == _sre.CODESIZE)


def cache_dir() -> Path | None:
    """Where compiled patterns are kept, or None when the user turned the cache off."""
    configured = os.environ.get("CLAIMCHECK_CACHE_DIR")
    if configured is not None:
        return Path(configured) if configured else None
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "claimcheck"


def cache_file(directory: Path) -> Path:
    """One file per interpreter and regex engine version: a program compiled by one is not read by another."""
    return directory / f"patterns-{sys.implementation.cache_tag}-{_sre.MAGIC}.marshal"


class _Store:
    """The programs and lookaheads read from the cache file, and those this start used."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self.programs: dict[_Key, _Program] = {}
        self.lookaheads: dict[_Key, tuple[str, bool]] = {}
        self.used_programs: dict[_Key, _Program] = {}
        self.used_lookaheads: dict[_Key, tuple[str, bool]] = {}
        self.missed = False
        if path is not None:
            self._read(path)

    def _read(self, path: Path) -> None:
        try:
            with open(path, "rb") as handle:
                data = marshal.load(handle)
            programs, lookaheads = data["programs"], data["lookaheads"]
            if isinstance(programs, dict) and isinstance(lookaheads, dict):
                self.programs, self.lookaheads = programs, lookaheads
        except Exception:  # noqa: BLE001 (missing or damaged: compile as usual, and rewrite it)
            self.missed = True

    def compile(self, pattern: object, flags: int = 0) -> re.Pattern:
        """`re._compiler.compile`, from the cache when it holds the pattern."""
        if not isinstance(pattern, str) or flags & re.DEBUG:
            return _ORIGINAL_COMPILE(pattern, flags)
        key = (pattern, int(flags))
        program = self.programs.get(key)
        if program is not None:
            try:
                kept_flags, packed, kept_groups, kept_names, kept_index = program
                units = array.array(_CODE_UNIT)
                units.frombytes(packed)
                compiled = _sre.compile(pattern, kept_flags, units.tolist(), kept_groups, kept_names, kept_index)
            except Exception:  # noqa: BLE001 (the engine refused the program: compile it afresh)
                pass
            else:
                self.used_programs[key] = program
                return compiled
        self.missed = True
        parsed = _parser.parse(pattern, flags)
        code = _compiler._code(parsed, flags)
        names = dict(parsed.state.groupdict)
        index: list[str | None] = [None] * parsed.state.groups
        for name, number in names.items():
            index[number] = name
        final_flags, groups = int(flags | parsed.state.flags), parsed.state.groups - 1
        compiled = _sre.compile(pattern, final_flags, code, groups, names, tuple(index))
        with contextlib.suppress(OverflowError):  # a code unit the array cannot hold: not kept
            packed = array.array(_CODE_UNIT, code).tobytes()
            self.used_programs[key] = (final_flags, packed, groups, names, tuple(index))
        return compiled

    def lookahead(self, pattern: str, flags: int, compute: Callable[[], tuple[str, bool]]) -> tuple[str, bool]:
        key = (pattern, int(flags))  # a RegexFlag is an enum, which marshal refuses
        found = self.lookaheads.get(key)
        if not (isinstance(found, tuple) and len(found) == 2):
            self.missed = True
            found = compute()
        self.used_lookaheads[key] = found
        return found

    def save(self) -> None:
        """Write what this start used, atomically, when it compiled anything the file did not hold."""
        if self.path is None or not self.missed:
            return
        data = {"programs": self.used_programs, "lookaheads": self.used_lookaheads}
        with contextlib.suppress(Exception):  # an optimisation: never an error of the run
            self.path.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=self.path.parent, prefix=".patterns-")
            try:
                with os.fdopen(handle, "wb") as out:
                    marshal.dump(data, out)
                os.replace(temporary, self.path)
            except BaseException:
                os.unlink(temporary)
                raise


_ORIGINAL_COMPILE = _compiler.compile
_active: _Store | None = None


@contextlib.contextmanager
def cached_patterns() -> Iterator[None]:
    """Compile the patterns built inside the block from the cache, and keep them for the next start."""
    global _active
    if _active is not None or _compiler.compile is not _ORIGINAL_COMPILE:  # nested, or someone else's hook
        yield
        return
    directory = cache_dir()
    store = _Store(cache_file(directory) if directory is not None else None)
    _active = store
    _compiler.compile = store.compile
    try:
        yield
    finally:
        _compiler.compile = _ORIGINAL_COMPILE
        _active = None
    store.save()


def remembered_lookahead(pattern: str, flags: int, compute: Callable[[], tuple[str, bool]]) -> tuple[str, bool]:
    """`compute()`: the first-character lookahead of `pattern` and whether it is verbose (`patterns.guarded`),
    kept with the programs, since working it out parses the pattern once more."""
    return compute() if _active is None else _active.lookahead(pattern, flags, compute)
