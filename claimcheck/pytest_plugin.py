"""pytest plugin: rule cases are fixture articles with their expected findings written inline.

A case is a folder of articles (or a single article) under a cases root (ini `claimcheck_cases`,
default `fixtures/rules`). On the line of an amount that a rule must flag, write
`<!-- expect: rule-id -->`; on the line of a look-alike it must leave alone, `<!-- expect-not: rule-id -->`.
Each (case, rule) pair is one test item named `<case>[<rule-id>]`, so `pytest -k ratio-words` runs every
case for that rule. A failure lists missed and unexpected findings with file and line.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pytest

ANNOTATION = re.compile(r"<!--\s*(expect|expect-not)\s*:\s*([a-z0-9,\s-]+?)\s*-->")
CASE_SUFFIXES = (".md", ".markdown", ".txt", ".html", ".htm")


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addini("claimcheck", "collect claimcheck rule cases (opt-in: the plugin is installed with claimcheck "
                  "in every environment, but only collects where asked)", type="bool", default=False)
    parser.addini("claimcheck_cases", "folders holding claimcheck rule cases (setting it opts in)", type="paths",
                  default=[])
    parser.addini("claimcheck_rules", "extra rule files or folders for the rule cases", type="paths",
                  default=[])


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "claimcheck_rule(id): a claimcheck rule case item for rule `id`")


def _roots(config: pytest.Config) -> list[Path]:
    roots = [Path(p) for p in config.getini("claimcheck_cases")]
    return roots or [config.rootpath / "fixtures" / "rules"]


def enabled(config: pytest.Config) -> bool:
    """Opted in with `claimcheck = true` or `claimcheck_cases = …` in the pytest configuration, or `-p claimcheck`
    on the command line. Otherwise a project that merely installs claimcheck keeps its own fixtures/rules/."""
    return bool(config.getini("claimcheck") or config.getini("claimcheck_cases")
                or "claimcheck" in (getattr(config.option, "plugins", None) or []))


def pytest_collect_file(file_path: Path, parent: pytest.Collector) -> pytest.Collector | None:
    if file_path.suffix not in CASE_SUFFIXES or not enabled(parent.config):
        return None
    for root in _roots(parent.config):
        try:
            relative = file_path.relative_to(root)
        except ValueError:
            continue
        if len(relative.parts) == 1:
            return CaseCollector.from_parent(parent, path=file_path, name=file_path.stem)
        folder = root / relative.parts[0]
        first = min(p for p in folder.rglob("*") if p.suffix in CASE_SUFFIXES)
        if file_path == first:
            return CaseCollector.from_parent(parent, path=file_path, name=folder.name)
        return None
    return None


@dataclass(frozen=True)
class Expectation:
    source: str
    line: int
    rule: str
    must: bool  # True: expect, False: expect-not


def read_expectations(paths: list[Path]) -> list[Expectation]:
    found = []
    for path in paths:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            for kind, names in ANNOTATION.findall(line):
                for name in filter(None, (n.strip() for n in names.split(","))):
                    found.append(Expectation(str(path), number, name, kind == "expect"))
    return found


class CaseCollector(pytest.File):
    """One case: its articles, and an item for every rule."""

    def case_paths(self) -> list[Path]:
        root = next(r for r in _roots(self.config) if self.path.is_relative_to(r))
        relative = self.path.relative_to(root)
        if len(relative.parts) == 1:
            return [self.path]
        folder = root / relative.parts[0]
        return sorted(p for p in folder.rglob("*") if p.suffix in CASE_SUFFIXES)

    def collect(self) -> Iterator[pytest.Item]:
        registry = _registry(tuple(str(p) for p in self.config.getini("claimcheck_rules")))
        paths = self.case_paths()
        expectations = read_expectations(paths)
        known = {r.id for r in registry}
        for e in expectations:
            if e.rule not in known:
                raise pytest.UsageError(f"{e.source}:{e.line}: expectation names unknown rule {e.rule!r}")
        for r in registry:
            yield RuleCaseItem.from_parent(
                self, name=f"{self.name}[{r.id}]", rule_id=r.id, paths=paths,
                expectations=[e for e in expectations if e.rule == r.id],
            )


@lru_cache(maxsize=8)
def _registry(extra: tuple[str, ...]):
    from claimcheck.engine.registry import load_rules

    return load_rules([Path(p) for p in extra])


@lru_cache(maxsize=256)
def _extraction(paths: tuple[str, ...]):
    from claimcheck.claims.extract import extract

    return extract(list(paths))


class CaseFailure(Exception):
    pass


class RuleCaseItem(pytest.Item):
    def __init__(self, *, rule_id: str, paths: list[Path], expectations: list[Expectation], **kwargs) -> None:
        super().__init__(**kwargs)
        self.rule_id = rule_id
        self.paths = paths
        self.expectations = expectations
        self.add_marker(pytest.mark.claimcheck_rule(rule_id))

    def runtest(self) -> None:
        from claimcheck.engine.check import check, select

        registry = _registry(tuple(str(p) for p in self.config.getini("claimcheck_rules")))
        extraction = _extraction(tuple(str(p) for p in self.paths))
        result = check(extraction, select(registry, [self.rule_id]))
        if result.problems:
            raise CaseFailure("\n".join(f"{p.source}: {p.message}" for p in result.problems))
        by_id = {c.id: c for c in extraction.claims}
        must = {(e.source, e.line) for e in self.expectations if e.must}
        must_not = {(e.source, e.line) for e in self.expectations if not e.must}
        hit: set[tuple[str, int]] = set()
        unexpected = []
        for f in result.findings:
            places = {(by_id[c].source, by_id[c].line) for c in f.claims if c in by_id}
            if places & must:
                hit |= places & must
            else:
                where = ", ".join(f"{self._rel(s)}:{n}" for s, n in sorted(places)) or "(no claim)"
                flagged = " (marked expect-not)" if places & must_not else ""
                unexpected.append(f"  unexpected at {where}{flagged}: {f.message}")
        missed = [
            f"  missed at {self._rel(s)}:{n}: no {self.rule_id} finding on this line" for s, n in sorted(must - hit)
        ]
        if missed or unexpected:
            raise CaseFailure("\n".join([f"rule {self.rule_id}:", *missed, *unexpected]))

    def _rel(self, source: str) -> str:
        try:
            return str(Path(source).relative_to(self.config.rootpath))
        except ValueError:
            return source

    def repr_failure(self, excinfo: pytest.ExceptionInfo[BaseException], style=None):  # type: ignore[override]
        if isinstance(excinfo.value, CaseFailure):
            return str(excinfo.value)
        return super().repr_failure(excinfo)

    def reportinfo(self) -> tuple[Path, int, str]:
        return self.path, 0, f"case {self.parent.name}, rule {self.rule_id}"  # type: ignore[union-attr]
