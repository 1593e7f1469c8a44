"""The rule engine: `@rule` attaches metadata, a registry collects rules, a runner injects arguments.

Like pytest: a rule is a plain function whose parameters name providers (`claims`, `fact`, `fx`, …);
keyword-only parameters with defaults are settings that config may override; the rule yields `Finding`s
or uses `assert`. The default pack, user rule files and plugins are all collected the same way.
"""

from __future__ import annotations

import importlib.util
import math
import inspect
import re
import sys
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from importlib.metadata import EntryPoint, entry_points
from pathlib import Path
from types import ModuleType
from typing import Any

from claimcheck.config import shown
from claimcheck.engine.findings import SEVERITY_RANK, Severity

RULE_ATTR = "__claimcheck_rule__"
ENTRY_POINT_GROUP = "claimcheck.rules"
_ID = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")
_SECTIONS = {name: re.compile(rf"^{name}:\s*(.*?)(?=^\w+:|\Z)", re.MULTILINE | re.DOTALL | re.IGNORECASE)
             for name in ("What", "Why", "Example")}
_NOT_WORD = re.compile(r"\W")


class RuleError(Exception):
    """A rule that cannot be loaded or configured; the message is one line naming where."""


@dataclass(frozen=True)
class Rule:
    """A registered rule: its function and what the decorator and signature say about it."""

    id: str
    func: Callable[..., Any]
    severity: Severity
    code: str | None = None
    tags: tuple[str, ...] = ()
    params: tuple[str, ...] = ()
    settings: dict[str, Any] = field(default_factory=dict)
    origin: str = ""
    related_metrics: dict[str, tuple[str, ...]] | None = None
    """Which claims the rule relates, for a claim store to read only those (docs/store.md): a claim with the
    claims of its own document, of its organisation and metric, and of its organisation and the metrics
    listed for its metric. None: the rule may relate any claims (a store is then read whole)."""
    claims_with: tuple[str, ...] = ()
    """For a rule run once per claim: the claim fields it needs set (not None, not empty). The pass calls it only on
    those claims (`Run.claims_with`): a rule about conversions is not called for the million claims that restate
    nothing."""

    @property
    def doc(self) -> str:
        return inspect.cleandoc(self.func.__doc__ or "")

    @property
    def summary(self) -> str:
        return self.doc.splitlines()[0] if self.doc else ""

    def section(self, name: str) -> str:
        """The 'What:', 'Why:' or 'Example:' part of the docstring."""
        m = _SECTIONS[name].search(self.doc)
        return " ".join(m.group(1).split()) if m else ""


def rule(
    id: str | None = None, *, severity: Severity = "warning", code: str | None = None,
    tags: Iterable[str] = (), related_metrics: Mapping[str, Iterable[str]] | None = None,
    claims_with: Iterable[str] = (),
) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Mark a function as a rule. Only attaches metadata; the registry collects it. `related_metrics` says
    which claims the rule relates (`Rule.related_metrics`): `{}` for claims of one document or of one
    organisation and metric, `{"revenue": ["arr"], "arr": ["revenue"]}` for revenue with ARR as well.
    `claims_with` names the claim fields a rule run per claim needs set (`Rule.claims_with`)."""

    def mark(func: Callable[..., Any]) -> Callable[..., Any]:
        rule_id = id or func.__name__.replace("_", "-")
        if not _ID.match(rule_id):
            raise RuleError(f"rule id {rule_id!r} is not kebab-case")
        if severity not in SEVERITY_RANK:
            raise RuleError(f"rule {rule_id}: severity must be error, warning or info, not {severity!r}")
        params, settings = _signature(func, rule_id)
        setattr(func, RULE_ATTR, Rule(
            id=rule_id, func=func, severity=severity, code=code, tags=tuple(tags), params=params,
            settings=settings, origin=f"{func.__module__}.{func.__qualname__}",
            related_metrics=_related(rule_id, related_metrics),
            claims_with=_claim_fields(rule_id, claims_with, params),
        ))
        return func

    return mark


def _claim_fields(rule_id: str, names: Iterable[str], params: tuple[str, ...]) -> tuple[str, ...]:
    """`claims_with`, checked: fields of a claim, for a rule that takes one claim at a time."""
    from claimcheck.models import Claim

    if isinstance(names, str):
        names = (names,)
    fields = tuple(names)
    if fields and "claim" not in params:
        raise RuleError(f"rule {rule_id}: claims_with needs a `claim` parameter (the rule runs once per claim)")
    unknown = [n for n in fields if not isinstance(n, str) or n not in Claim.model_fields]
    if unknown:
        raise RuleError(f"rule {rule_id}: claims_with names no claim field: {', '.join(map(str, unknown))}")
    return fields


def _related(rule_id: str, related: Mapping[str, Iterable[str]] | None) -> dict[str, tuple[str, ...]] | None:
    if related is None:
        return None
    if not isinstance(related, Mapping) or not all(
        isinstance(k, str) and not isinstance(v, str) and all(isinstance(m, str) for m in v) for k, v in related.items()
    ):
        raise RuleError(f"rule {rule_id}: related_metrics must map a metric to a list of metrics, like "
                        '{"revenue": ["arr"]}')
    return {k: tuple(v) for k, v in related.items()}


def _signature(func: Callable[..., Any], rule_id: str) -> tuple[tuple[str, ...], dict[str, Any]]:
    params: list[str] = []
    settings: dict[str, Any] = {}
    for p in inspect.signature(func).parameters.values():
        if p.kind is p.KEYWORD_ONLY:
            if p.default is p.empty:
                raise RuleError(f"rule {rule_id}: setting {p.name!r} needs a default value")
            settings[p.name] = p.default
        elif p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD):
            params.append(p.name)
        else:
            raise RuleError(f"rule {rule_id}: *args and **kwargs are not supported")
    return tuple(params), settings


class Registry:
    """All loaded rules by id; duplicate ids are an error naming both places."""

    def __init__(self) -> None:
        self.rules: dict[str, Rule] = {}

    def add(self, r: Rule) -> None:
        if r.id in self.rules and self.rules[r.id].func is not r.func:
            raise RuleError(f"duplicate rule id {r.id!r}: {self.rules[r.id].origin} and {r.origin}")
        self.rules[r.id] = r

    def add_module(self, module: ModuleType) -> int:
        count = 0
        for value in vars(module).values():
            r = getattr(value, RULE_ATTR, None)
            if isinstance(r, Rule) and getattr(value, "__module__", None) == module.__name__:
                self.add(r)
                count += 1
        return count

    def load_path(self, path: Path) -> None:
        """Rules from a .py file or every .py file in a folder (recursively, sorted)."""
        if path.is_dir():
            files = sorted(p for p in path.rglob("*.py") if not p.name.startswith("_"))
        elif path.is_file():
            files = [path]
        else:
            raise RuleError(f"{path}: rule file or folder does not exist")
        for file in files:
            self.add_module(_import_file(file))

    def load_entry_points(self) -> None:
        for ep in entry_points(group=ENTRY_POINT_GROUP):
            target = load_plugin(ep)
            try:
                if isinstance(target, ModuleType):
                    self.add_module(target)
                elif isinstance(getattr(target, RULE_ATTR, None), Rule):
                    self.add(getattr(target, RULE_ATTR))
                else:
                    raise RuleError("is neither a module nor a rule")
            except RuleError as exc:  # "duplicate rule id": a plugin may not replace a built-in rule
                raise RuleError(f"{plugin_name(ep)}: {exc}") from None

    def __iter__(self) -> Iterator[Rule]:
        return iter(sorted(self.rules.values(), key=lambda r: r.id))

    def __len__(self) -> int:
        return len(self.rules)


def plugin_name(ep: EntryPoint) -> str:
    """'plugin "x" (module:attr) from distribution-1.2': what a user needs to find and uninstall it."""
    dist = getattr(ep, "dist", None)
    where = f"{dist.name} {dist.version}" if dist is not None else "an unknown distribution"
    return f"plugin {ep.name!r} ({ep.value}) from {where}"


def load_plugin(ep: EntryPoint) -> Any:
    """An entry point's target; any failure while importing it (even `SystemExit`) is one RuleError line."""
    try:
        return ep.load()
    except KeyboardInterrupt:
        raise
    except RuleError as exc:
        raise RuleError(f"{plugin_name(ep)}: {exc}") from None
    except BaseException as exc:  # a plugin's import runs its code: nothing it raises may end the run
        text = " ".join(str(exc).split())[:300]
        raise RuleError(f"{plugin_name(ep)} failed to load: {type(exc).__name__}: {text}") from None


def _import_file(path: Path) -> ModuleType:
    name = "claimcheck_rules_" + _NOT_WORD.sub("_", str(path.resolve().with_suffix("")))
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, path)
    if spec is None or spec.loader is None:
        raise RuleError(f"{path}: not a Python file")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    try:
        spec.loader.exec_module(module)
    except RuleError as exc:
        del sys.modules[name]
        raise RuleError(f"{path}: {exc}") from None
    except SyntaxError as exc:
        del sys.modules[name]
        raise RuleError(f"{path}:{exc.lineno}: syntax error: {exc.msg}") from None
    except Exception as exc:
        del sys.modules[name]
        raise RuleError(f"{path}: failed to import: {type(exc).__name__}: {exc}") from None
    return module


def load_rules(extra_paths: Iterable[Path] = (), plugins: bool = True) -> Registry:
    """The default pack, then rule files from `extra_paths`, then plugins' rules."""
    from claimcheck.pack import pack_dir

    registry = Registry()
    registry.load_path(pack_dir())
    for path in extra_paths:
        registry.load_path(path)
    if plugins:
        registry.load_entry_points()
    return registry


def configure(r: Rule, overrides: dict[str, Any], where: str) -> Rule:
    """A rule with severity and settings from config; unknown or mistyped settings are errors."""
    overrides = dict(overrides)
    severity = overrides.pop("severity", r.severity)
    if severity not in SEVERITY_RANK:
        raise RuleError(f"{where}: rule {r.id}: severity must be error, warning or info, not {severity!r}")
    settings = dict(r.settings)
    for name, value in overrides.items():
        if name not in settings:
            known = ", ".join(sorted(settings)) or "none"
            raise RuleError(f"{where}: rule {r.id} has no setting {name!r} (settings: {known})")
        default = settings[name]
        if not _same_kind(default, value):
            raise RuleError(
                f"{where}: rule {r.id}: setting {name!r} must be {type(default).__name__}, got {shown(value)}"
            )
        if isinstance(value, float) and not math.isfinite(value):  # `tolerance = nan` would switch the rule off
            raise RuleError(f"{where}: rule {r.id}: setting {name!r} must be a finite number, got {value!r}")
        if isinstance(value, str) and len(value) > 10_000:
            raise RuleError(f"{where}: rule {r.id}: setting {name!r} is too long ({len(value):,} characters)")
        settings[name] = float(value) if isinstance(default, float) else value
    return replace(r, severity=severity, settings=settings)


def _same_kind(default: Any, value: Any) -> bool:
    """A config value fits a setting of the default's type (an int is fine for a float; a bool is not a number)."""
    if isinstance(default, bool) or isinstance(value, bool):
        return isinstance(default, bool) and isinstance(value, bool)
    if isinstance(default, float):
        return isinstance(value, (int, float))
    return isinstance(value, type(default))
