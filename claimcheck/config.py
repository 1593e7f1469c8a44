"""Configuration: `claimcheck.toml`, or `[tool.claimcheck]` in pyproject.toml, validated up front.

A broken config is a `ConfigError` with the file and the problem in one line; the CLI turns it into
exit status 2.
"""

from __future__ import annotations

import math
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from claimcheck.mentions.intervals import IntervalPolicy
from claimcheck.mentions.periods import DateSettings

CONFIG_NAMES = ("claimcheck.toml", "pyproject.toml")
KNOWN_KEYS = {
    "fiscal_year_start", "date_order", "intervals", "entities", "lexicon", "max_file_mb",
    "rules", "select", "ignore", "fail_level", "rule", "facts", "fiscal_years", "dollar", "rule_seconds",
    "file_seconds", "run_seconds", "memory_mb", "store", "jobs",
}
MAX_FILE_MB = 65_536  # 64 GiB: a bigger "limit" is a typo, and would overflow the byte count it becomes
# The budgets (docs/bad-input.md, "Budgets"): 0 is no limit; beyond these a value is a typo (and 1e13 s would
# overflow the timer).
BUDGETS = {
    "rule_seconds": (86_400, "a number of seconds"),
    "file_seconds": (86_400, "a number of seconds"),
    "run_seconds": (86_400, "a number of seconds"),
    "memory_mb": (1_048_576, "a number of MiB"),
}
MAX_JOBS = 1024  # processes extracting at once; more is a typo (docs/scale.md)
FAIL_LEVELS = ("error", "warning", "info")
LEXICON_SECTIONS = ("metrics", "modality", "context", "kinds")
MODALITY_KINDS = ("rumor", "target", "projection", "plan")


LEVEL_WINDOW_DAYS = 30
EVENT_WINDOW_DAYS = 7
ROUND_WINDOW_DAYS = 90


@dataclass(frozen=True)
class FactWindows:
    """How far apart two reports of a level or an event may be dated and still be one fact."""

    level_days: int = LEVEL_WINDOW_DAYS
    event_days: int = EVENT_WINDOW_DAYS
    round_days: int = ROUND_WINDOW_DAYS


class ConfigError(Exception):
    """A configuration file that cannot be used; the message names the file and the problem."""


@dataclass(frozen=True)
class Settings:
    """Everything configurable about extraction, with the documented defaults."""

    intervals: IntervalPolicy = field(default_factory=IntervalPolicy)
    dates: DateSettings = field(default_factory=DateSettings)
    entity_files: tuple[Path, ...] = ()
    lexicon: dict[str, dict[str, list[str]]] = field(default_factory=dict)
    max_file_mb: float = 64.0
    rule_paths: tuple[Path, ...] = ()
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    fail_level: str = "error"
    dollar: str = "USD"
    """What a bare "$" or "dollars" means when the outlet's URL does not say (docs/intervals.md)."""
    rule_settings: dict[str, dict[str, Any]] = field(default_factory=dict)
    """Per-rule overrides ([rule.<id>] tables): severity and settings, checked against the loaded rules."""
    facts: FactWindows = field(default_factory=FactWindows)
    fiscal_years: dict[str, int] = field(default_factory=dict)
    """Organisation name -> first month of its fiscal year, for copy that does not state it."""
    rule_seconds: float = 60.0
    """How long one rule may run over the whole corpus before it is stopped and reported (0: no limit)."""
    file_seconds: float = 120.0
    """How long reading one file may take before it is skipped with an error (0: no limit)."""
    run_seconds: float = 0.0
    """How long reading all the files may take; the files not read by then are reported (0: no limit)."""
    memory_mb: float = 0.0
    """How far the address space may grow beyond its size after start-up, in MiB (0: no limit)."""
    jobs: int = 0
    """How many processes extract documents at once (docs/scale.md); 0: one per usable core, 1: no worker."""
    store: Path | None = None
    """The claim store `index` fills and `check --against-store` reads (docs/store.md); relative to the config."""
    source: Path | None = None


ROOT_MARKERS = (".git", ".hg", ".svn")


def find_config(start: Path) -> Path | None:
    """The nearest claimcheck.toml, or pyproject.toml with a [tool.claimcheck] table, from `start` up to the
    root of the project it is in (the first folder above holding .git, .hg or .svn), never beyond it; outside
    any repository only `start` itself is looked at. A shared temporary folder or a parent folder cannot
    configure a run it does not belong to (docs/config.md, "Where configuration comes from")."""
    start = start.absolute()
    folders = [start, *start.parents]
    root = next((i for i, f in enumerate(folders) if any((f / m).exists() for m in ROOT_MARKERS)), None)
    for folder in folders[:1 if root is None else root + 1]:
        for name in CONFIG_NAMES:
            candidate = folder / name
            if candidate.is_file():
                if name == "claimcheck.toml" or _has_tool_table(candidate):
                    return candidate
    return None


def _has_tool_table(path: Path) -> bool:
    try:
        with open(path, "rb") as fh:
            tool = tomllib.load(fh).get("tool", {})
    except (OSError, ValueError, RecursionError):  # ValueError: invalid TOML, or not UTF-8
        return False
    return isinstance(tool, dict) and "claimcheck" in tool


def _is_number(value: Any) -> bool:
    """An int or float, but not a bool (TOML `true` would otherwise pass as 1)."""
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def load_settings(path: Path | None) -> Settings:
    """Read and validate a config file (None: the defaults)."""
    if path is None:
        return Settings()
    try:
        with open(path, "rb") as fh:
            data = tomllib.load(fh)
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read config: {exc.strerror}") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML: {exc}") from None
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML: not UTF-8 text (byte {exc.start})") from None
    except RecursionError:
        raise ConfigError(f"{path}: invalid TOML: values nested too deeply") from None
    if path.name == "pyproject.toml":
        data = data.get("tool", {})
        data = data.get("claimcheck", {}) if isinstance(data, dict) else data
        if not isinstance(data, dict):
            raise ConfigError(f"{path}: [tool.claimcheck] must be a table")
    return _settings_from(path, data)


def _settings_from(path: Path, data: dict[str, Any]) -> Settings:
    unknown = set(data) - KNOWN_KEYS
    if unknown:
        raise ConfigError(f"{path}: unknown setting(s) {', '.join(sorted(unknown))}; known: {', '.join(sorted(KNOWN_KEYS))}")
    fy = data.get("fiscal_year_start", 1)
    if not isinstance(fy, int) or isinstance(fy, bool) or not 1 <= fy <= 12:
        raise ConfigError(f"{path}: fiscal_year_start must be a month number 1-12, got {shown(fy)}")
    order = data.get("date_order", "MDY")
    if order not in ("MDY", "DMY", "YMD"):
        raise ConfigError(f"{path}: date_order must be MDY, DMY or YMD, got {shown(order)}")
    intervals = _intervals(path, data.get("intervals", {}))
    entity_files = []
    for raw in _list_of_str(path, "entities", data.get("entities", [])):
        p = (path.parent / raw).resolve()
        if not p.is_file():
            raise ConfigError(f"{path}: entities file {raw!r} does not exist")
        _check_entities(path, raw, p)
        entity_files.append(p)
    lexicon = _lexicon(path, data.get("lexicon", {}))
    max_mb = data.get("max_file_mb", 64.0)
    if not _is_number(max_mb) or not 0 < max_mb <= MAX_FILE_MB:
        raise ConfigError(f"{path}: max_file_mb must be a number above 0 and at most {MAX_FILE_MB}, got {shown(max_mb)}")
    rule_paths = []
    for raw in _list_of_str(path, "rules", data.get("rules", [])):
        p = (path.parent / raw).resolve()
        if not p.exists():
            raise ConfigError(f"{path}: rule file or folder {raw!r} does not exist")
        rule_paths.append(p)
    budgets = {}
    for key in BUDGETS:
        if key in data:
            problem = budget_problem(key, data[key])
            if problem:
                raise ConfigError(f"{path}: {key} {problem}, got {shown(data[key])}")
            budgets[key] = float(data[key])
    jobs = data.get("jobs", 0)
    problem = jobs_problem(jobs)
    if problem:
        raise ConfigError(f"{path}: jobs {problem}, got {shown(jobs)}")
    fail_level = data.get("fail_level", "error")
    if fail_level not in FAIL_LEVELS:
        raise ConfigError(f"{path}: fail_level must be error, warning or info, got {shown(fail_level)}")
    dollar = data.get("dollar", "USD")
    if not isinstance(dollar, str) or dollar not in _dollar_codes():
        raise ConfigError(f"{path}: dollar must be the ISO code of a dollar currency (USD, CAD, AUD …), got {shown(dollar)}")
    store = data.get("store")
    if store is not None and (not isinstance(store, str) or not store.strip() or "\0" in store):
        raise ConfigError(f"{path}: store must be the path of a claim store file, like store = \"claims.db\", got {shown(store)}")
    rule_settings = data.get("rule", {})
    if not isinstance(rule_settings, dict) or not all(isinstance(v, dict) for v in rule_settings.values()):
        raise ConfigError(f"{path}: [rule.<id>] entries must be tables, like [rule.conversion-check] tolerance = 0.03")
    return Settings(
        facts=_facts(path, data.get("facts", {})), fiscal_years=_fiscal_years(path, data.get("fiscal_years", {})),
        intervals=intervals, dates=DateSettings(fiscal_year_start=fy, date_order=order),
        entity_files=tuple(entity_files), lexicon=lexicon, max_file_mb=float(max_mb),
        rule_paths=tuple(rule_paths), select=tuple(_list_of_str(path, "select", data.get("select", []))),
        ignore=tuple(_list_of_str(path, "ignore", data.get("ignore", []))), fail_level=fail_level,
        rule_settings=rule_settings, dollar=dollar, source=path, jobs=jobs, **budgets,
        store=(path.parent / store).absolute() if store is not None else None,
    )


def budget_problem(key: str, value: Any) -> str | None:
    """What a value for one of the BUDGETS must be, when it is not (a number from 0 to the maximum)."""
    high, what = BUDGETS[key]
    if _is_number(value) and 0 <= value <= high:  # `0 <=` also refuses nan
        return None
    return f"must be {what} from 0 to {high} (0: no limit)"


def jobs_problem(value: Any) -> str | None:
    """What `jobs` must be, when it is not: a whole number of processes, 0 for one per usable core."""
    if isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= MAX_JOBS:
        return None
    return f"must be a whole number of processes from 0 to {MAX_JOBS} (0: one per usable core)"


def shown(value: Any, limit: int = 60) -> str:
    """A bad value as an error message shows it: its repr, cut short (a 10 MB string is not echoed back)."""
    text = repr(value)
    return text if len(text) <= limit else text[:limit] + f"… ({len(text):,} characters)"


def _dollar_codes() -> list[str]:
    from claimcheck.mentions.currencies import table

    return table().symbols["$"]


def _facts(path: Path, table: Any) -> FactWindows:
    """[facts]: how far apart reports of one level or event may be dated (days)."""
    names = {"level_window_days": "level_days", "event_window_days": "event_days", "round_window_days": "round_days"}
    if not isinstance(table, dict):
        raise ConfigError(f"{path}: [facts] must be a table")
    unknown = set(table) - set(names)
    if unknown:
        raise ConfigError(f"{path}: unknown [facts] setting(s) {', '.join(sorted(unknown))}; known: {', '.join(names)}")
    for key, value in table.items():
        if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= 3660:
            raise ConfigError(f"{path}: facts.{key} must be a whole number of days from 0 to 3660, got {shown(value)}")
    return FactWindows(**{names[k]: v for k, v in table.items()})


def _fiscal_years(path: Path, table: Any) -> dict[str, int]:
    """[fiscal_years]: organisation = first month of its fiscal year (1-12)."""
    if not isinstance(table, dict) or not all(
        isinstance(v, int) and not isinstance(v, bool) and 1 <= v <= 12 for v in table.values()
    ):
        raise ConfigError(f'{path}: [fiscal_years] must map organisation names to a month 1-12, like "Apple" = 10')
    return dict(table)


def _intervals(path: Path, table: Any) -> IntervalPolicy:
    if not isinstance(table, dict):
        raise ConfigError(f"{path}: [intervals] must be a table")
    known = {"approx_margin", "approx_units", "near_margin", "open_factor", "vague"}
    unknown = set(table) - known
    if unknown:
        raise ConfigError(f"{path}: unknown [intervals] setting(s) {', '.join(sorted(unknown))}")
    kwargs: dict[str, Any] = {}
    for key in ("approx_margin", "near_margin"):
        if key in table:
            value = table[key]
            if not _is_number(value) or not 0 <= value < 1:
                raise ConfigError(f"{path}: intervals.{key} must be a number in [0, 1), got {shown(value)}")
            kwargs[key] = float(value)
    if "approx_units" in table:
        value = table["approx_units"]
        value = math.inf if isinstance(value, str) and value.lower() in ("inf", "infinity") else value
        if not _is_number(value) or not value > 0:  # `not >` also refuses nan
            raise ConfigError(f"{path}: intervals.approx_units must be > 0 or \"inf\", got {shown(value)}")
        kwargs["approx_units"] = float(value)
    if "open_factor" in table:
        value = table["open_factor"]
        value = math.inf if isinstance(value, str) and value.lower() in ("inf", "infinity") else value
        if not _is_number(value) or not value >= 1:  # `not >=` also refuses nan
            raise ConfigError(f"{path}: intervals.open_factor must be >= 1 or \"inf\", got {shown(value)}")
        kwargs["open_factor"] = float(value)
    if "vague" in table:
        vague = dict(IntervalPolicy().vague)
        if not isinstance(table["vague"], dict):
            raise ConfigError(f"{path}: intervals.vague must be a table of [low, high] pairs")
        for form, bounds in table["vague"].items():
            if form not in vague:  # the money grammar only knows these forms; another name would never match
                raise ConfigError(f"{path}: unknown intervals.vague form {form!r}; known: {', '.join(vague)}")
            if (not isinstance(bounds, list) or len(bounds) != 2
                    or not all(_is_number(b) and 0 <= b < math.inf for b in bounds) or bounds[0] > bounds[1]):
                raise ConfigError(f"{path}: intervals.vague.{form} must be [low, high], got {shown(bounds)}")
            vague[form] = (float(bounds[0]), float(bounds[1]))
        kwargs["vague"] = vague
    return IntervalPolicy(**kwargs)


def _lexicon(path: Path, lexicon: Any) -> dict[str, dict[str, list[str]]]:
    example = 'like [lexicon.metrics] arr = ["..."]'
    if not isinstance(lexicon, dict) or not all(isinstance(t, dict) for t in lexicon.values()):
        raise ConfigError(f"{path}: lexicon must be tables of cue lists, {example}")
    for section, table in lexicon.items():
        if section not in LEXICON_SECTIONS:
            raise ConfigError(f"{path}: unknown lexicon section {section!r}; known: {', '.join(LEXICON_SECTIONS)}")
        for kind, cues in table.items():
            if section == "kinds" and kind not in ("flow", "level", "event"):
                raise ConfigError(f"{path}: unknown metric kind {kind!r} in [lexicon.kinds]; known: flow, level, event")
            if section == "modality" and kind not in MODALITY_KINDS:
                raise ConfigError(
                    f"{path}: unknown modality {kind!r} in [lexicon.modality]; known: {', '.join(MODALITY_KINDS)}"
                )
            if not isinstance(cues, list) or not all(isinstance(c, str) and c.strip() for c in cues):
                raise ConfigError(f"{path}: lexicon.{section}.{kind} must be a list of non-empty strings, {example}")
    return lexicon


def _check_entities(path: Path, raw: str, file: Path) -> None:
    """An entities file has the shape of the pack's: [[entity]] name/aliases, [not_entities] words."""
    try:
        with open(file, "rb") as fh:
            data = tomllib.load(fh)
    except OSError as exc:
        raise ConfigError(f"{path}: entities file {raw!r}: cannot read: {exc.strerror}") from None
    except ValueError as exc:  # TOMLDecodeError, or not UTF-8
        raise ConfigError(f"{path}: entities file {raw!r}: invalid TOML: {exc}") from None
    entries = data.get("entity", [])
    ok = isinstance(entries, list) and all(
        isinstance(e, dict) and isinstance(e.get("name"), str)
        and isinstance(e.get("aliases", []), list) and all(isinstance(a, str) for a in e.get("aliases", []))
        for e in entries
    )
    words = data.get("not_entities", {})
    words = words.get("words", []) if isinstance(words, dict) else None
    if not ok or not isinstance(words, list) or not all(isinstance(w, str) for w in words):
        raise ConfigError(
            f"{path}: entities file {raw!r}: expected [[entity]] tables with name = \"...\" and "
            "aliases = [\"...\"], and [not_entities] words = [\"...\"]"
        )


def _list_of_str(path: Path, key: str, value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{path}: {key} must be a path or a list of paths" if key in ("entities", "rules")
                          else f"{path}: {key} must be a list of rule ids")
    return value
