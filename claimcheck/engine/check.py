"""Running rules over claims: injection of providers, asserts as findings, fingerprints, selection.

`check()` is what the CLI and the pytest plugin call; it never raises on a rule's bug: a rule that
crashes becomes a problem naming the rule and the line, and the other rules still run.
"""

from __future__ import annotations

import gc
import inspect
import math
import sys
import traceback
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from claimcheck.budget import OutOfTime, memory_limit, time_limit
from claimcheck.claims.compact import share_field_names
from claimcheck.config import Settings
from claimcheck.engine.corpus import Corpus, read_corpus
from claimcheck.engine.facts import FACT_RELATED_METRICS, Fact
from claimcheck.engine.findings import SEVERITY_RANK, Finding, fingerprint, stable_fingerprint
from claimcheck.engine.providers import PROVIDERS, DocumentClaims, Run, load_provider_plugins
from claimcheck.engine.registry import Registry, Rule, RuleError, configure
from claimcheck.engine.suppress import apply_suppressions
from claimcheck.models import Claim, Extraction, Problem


@dataclass(frozen=True)
class CheckResult:
    """Findings over an extraction; `problems` are the rule pass's own (input problems stay in extraction);
    `rules` are those that ran, as configured (reports describe them, findings or not). `suppressed` and
    `baselined` are findings left out of `findings` by a suppression comment or a baseline: counted in the
    output, never in the exit status.

    With a reference corpus, `drafts` are the sources of the drafts, `findings` only those that involve a claim
    of a draft, and `extraction` the drafts' documents, claims and problems with, of the reference, only the
    documents and claims those findings involve (and its errors); `reference_documents` counts the reference."""

    extraction: Extraction
    findings: tuple[Finding, ...]
    problems: tuple[Problem, ...] = field(default=())
    suppressed: tuple[Finding, ...] = field(default=())
    baselined: tuple[Finding, ...] = field(default=())
    rules: tuple[Rule, ...] = field(default=())
    drafts: frozenset[str] | None = None
    reference_documents: int = 0

    def at_or_above(self, level: str) -> list[Finding]:
        return [f for f in self.findings if SEVERITY_RANK[f.severity or "info"] >= SEVERITY_RANK[level]]


def refuse_optimized() -> None:
    """Rules use `assert`; under `python -O` asserts vanish and conflicts would go unreported."""
    if sys.flags.optimize:
        raise RuleError("refusing to run under python -O: rules use assert, which -O removes")


def validate(rules: Iterable[Rule]) -> None:
    """Every parameter names a known provider; at most one per-item provider per rule."""
    load_provider_plugins()
    known = ", ".join(sorted(PROVIDERS))
    for r in rules:
        unknown = [p for p in r.params if p not in PROVIDERS]
        if unknown:
            raise RuleError(
                f"rule {r.id} ({r.origin}) asks for unknown provider(s) {', '.join(unknown)}; known: {known}"
            )
        items = [p for p in r.params if PROVIDERS[p].scope == "item"]
        if len(items) > 1:
            raise RuleError(f"rule {r.id} asks for more than one per-item provider: {', '.join(items)}")


def select(
    registry: Registry, select: Iterable[str] = (), ignore: Iterable[str] = (),
    overrides: dict[str, dict[str, Any]] | None = None, where: str = "config",
) -> list[Rule]:
    """Rules chosen by id, code or tag (`select` empty: all), configured from `overrides`."""
    rules = list(registry)
    names = {n for r in rules for n in (r.id, r.code, *r.tags) if n}
    for name in [*select, *ignore]:
        if name not in names:
            raise RuleError(f"unknown rule {name!r}; known: {', '.join(r.id for r in rules)}")
    for rule_id in overrides or {}:
        if rule_id not in registry.rules:
            raise RuleError(f"{where}: settings for unknown rule {rule_id!r}")

    def matches(r: Rule, names: Iterable[str]) -> bool:
        return any(n in (r.id, r.code, *r.tags) for n in names)

    chosen = [r for r in rules if (not select or matches(r, select)) and not matches(r, ignore)]
    return [configure(r, (overrides or {}).get(r.id, {}), where) for r in chosen]


def check(
    extraction: Extraction, rules: list[Rule], settings: Settings | None = None,
    known: Iterable[Rule] | None = None,
) -> CheckResult:
    """Run `rules` over the claims of `extraction`, within the memory budget of `settings` (a rule that
    runs out of memory on an item fails on that item), then apply the suppression comments of its
    documents. `known` are all the rules loaded (default: `rules`): a suppression naming one of them that
    was not selected is neither unknown nor unused."""
    refuse_optimized()
    validate(rules)
    settings = settings or Settings()
    from claimcheck.claims.extract import fewer_collections

    # The claims live for the whole pass: keep the cyclic garbage collector from rescanning them over and
    # over while rules make short-lived objects (a third of the pass for 100,000 claims). The shared guard,
    # not a freeze of its own: inside `check_paths` or the CLI, an unfreeze here would undo theirs.
    with fewer_collections(), memory_limit(settings.memory_mb):
        return _check(extraction, rules, settings, list(known) if known is not None else rules)


def _check(extraction: Extraction, rules: list[Rule], settings: Settings, known: list[Rule]) -> CheckResult:
    run = Run(extraction, settings)
    found = run_rules(extraction, rules, settings, run)
    return finish(extraction, rules, known, found, run.claims.id_index)  # the pass's index: not built twice


@dataclass
class RulePass:
    """What the rules found over some claims, before suppressions: the findings (one per rule, claims and
    message) and, per rule id, its failures and how many items it ran on. The passes over groups of a corpus
    add up to the pass over the corpus (`add`: `check --engine dask` runs the rules per group)."""

    findings: dict[tuple, Finding] = field(default_factory=dict)
    failures: dict[str, tuple[list[str], int]] = field(default_factory=dict)

    def add(self, other: "RulePass", rules: Iterable[Rule]) -> None:
        for key, f in other.findings.items():
            self.findings.setdefault(key, f)  # the same finding from two items
        per_item = {r.id for r in rules if any(PROVIDERS[p].scope == "item" for p in r.params)}
        for rule_id, (failures, count) in other.failures.items():
            mine, counted = self.failures.get(rule_id, ([], 0))
            if rule_id in per_item:
                self.failures[rule_id] = ([*mine, *failures], counted + count)
            else:  # a rule without items runs once per group, but once per run as far as a report goes
                self.failures[rule_id] = ((mine or failures)[:1], 1)


def run_rules(extraction: Extraction, rules: list[Rule], settings: Settings, run: Run | None = None) -> RulePass:
    """Every rule over the claims of `extraction`, in the order of their ids (`run`: the providers' state over
    it, when the caller keeps it)."""
    run = run or Run(extraction, settings)
    found = RulePass()
    with _lasting():
        by_id = run.claims.id_index  # the same claims by id as rules' `claims.by_id` (the last of a repeated id)
    paths = {d.source: d.relative for d in extraction.documents if d.relative}
    for r in sorted(rules, key=lambda r: r.id):
        out, failures, count = _run_rule(r, run, by_id, run.settings.rule_seconds, paths)
        for f in out:
            found.findings.setdefault((f.rule, f.claims, f.message), f)  # the same finding from two items
        found.failures[r.id] = (failures, count)
    return found


def finish(extraction: Extraction, rules: list[Rule], known: list[Rule], found: RulePass,
           by_id: dict[str, Claim] | None = None) -> CheckResult:
    """The result of a rule pass over `extraction`: suppression comments applied, findings in report order,
    one problem per failing rule. `by_id`: its claims by id (the last of a repeated id), if already made."""
    if by_id is None:
        by_id = {c.id: c for c in extraction.claims}
    paths = {d.source: d.relative for d in extraction.documents if d.relative}
    problems = [p for r in sorted(rules, key=lambda r: r.id)
                if (p := _rule_problem(r, *found.failures.get(r.id, ([], 0)))) is not None]
    names = {n: r.id for r in known for n in (r.id, r.code) if n}
    outcome = apply_suppressions(list(found.findings.values()), extraction.documents, by_id, names,
                                 {r.id for r in rules}, paths)
    ordered = sorted(
        [*outcome.kept, *outcome.notes],
        key=lambda f: (-SEVERITY_RANK[f.severity or "info"], f.rule, _first_place(f, by_id), f.fingerprint),
    )
    return CheckResult(extraction=extraction, findings=tuple(ordered), problems=tuple(problems),
                       suppressed=tuple(sorted(outcome.suppressed, key=lambda f: (f.rule, f.fingerprint))),
                       rules=tuple(sorted(rules, key=lambda r: r.id)))


def _rule_problem(r: Rule, failures: list[str], count: int) -> Problem | None:
    """One problem per failing rule: how many items failed, and the first failure."""
    if not failures:
        return None
    first = failures[0]
    many = f" (on {len(failures)} of {count} items; the first: {first})" if len(failures) > 1 else ""
    return Problem(source=f"rule {r.id}", message=first if not many else f"rule failed{many}", fatal=True)


def _first_place(f: Finding, by_id: dict[str, Claim]) -> tuple:
    if f.location is not None:  # a finding about a suppression comment
        return (f.location.source, (f.location.line, f.location.column))
    places = sorted((by_id[c].source, by_id[c].span) for c in f.claims if c in by_id)
    return places[0] if places else ("", (0, 0))


def _run_rule(r: Rule, run: Run, by_id: dict[str, Claim], budget: float,
              paths: dict[str, str]) -> tuple[list[Finding], list[str], int]:
    """Findings of one rule, its failures and the number of items it ran on. A failure on one item is
    counted and the rule goes on with the next (`_rule_problem` reports them)."""
    out: list[Finding] = []
    failures: list[str] = []
    with time_limit(budget) as expired:
        try:
            with _lasting():
                fixed = {p: PROVIDERS[p].factory(run) for p in r.params if PROVIDERS[p].scope == "run"}
                per_item = next((p for p in r.params if PROVIDERS[p].scope == "item"), None)
                items = (run.claims_with(r.claims_with) if per_item == "claim" and r.claims_with
                         else PROVIDERS[per_item].factory(run) if per_item else [None])
        except OutOfTime:
            failures.append(f"took longer than {budget:g} s, stopped")
            items, per_item, fixed = [], None, {}
        except (Exception, SystemExit, GeneratorExit) as exc:  # noqa: BLE001 (a provider's crash is the rule's)
            failures.append(_crash(exc))
            items, per_item, fixed = [], None, {}
        func, args, at, keywords = _caller(r, fixed, per_item)
        count = 0
        for count, item in enumerate(items, 1):
            if at is not None:
                args[at] = item
            try:
                result = func(*args, **keywords)
                for f in result if result is not None else ():
                    out.append(_complete(r, f, by_id, paths))
            except AssertionError as exc:
                message = str(exc) or f"assertion failed in rule {r.id}"
                scope = _scope_claims(item, run)
                out.append(_complete(r, Finding(message=message, claims=tuple(c.id for c in scope)), by_id, paths))
            except OutOfTime:
                failures.append(f"took longer than {budget:g} s, stopped")
                break
            except KeyboardInterrupt:
                raise  # the user's Ctrl-C, not the rule's doing
            except BaseException as exc:  # noqa: BLE001 (SystemExit and the like from a rule are the rule's bug)
                failures.append(_crash(exc))
        if expired() and not failures:
            failures.append(f"took longer than {budget:g} s, stopped")
    return out, failures, count


@contextmanager
def _lasting() -> Iterator[None]:
    """Around what builds the run's shared state (indexes of the claims, facts): objects by the million that
    all live to the end of the pass. The cyclic collector is paused meanwhile (each of its passes would scan
    them and free nothing) and what is alive is frozen afterwards, so that later passes skip it and the
    claims. `check` runs inside `fewer_collections`, whose outermost use unfreezes when it ends."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
        gc.freeze()


def _caller(r: Rule, fixed: dict[str, Any], per_item: str | None) -> tuple[Callable[..., Any], list[Any],
                                                                          int | None, dict[str, Any]]:
    """How to call `r` once per item with the least work per call (a million calls for a rule of one claim):
    `func(*args, **keywords)` with the providers in `args` in the order of `params` and the item at index
    `at` (None without a per-item provider), settings as keywords. A rule whose `params` are not its
    function's positional parameters in order (a `Rule` made by hand) is called by keyword, as before."""
    args = [fixed.get(p) for p in r.params]
    at = r.params.index(per_item) if per_item else None
    if _positional(r.func) == r.params:
        return r.func, args, at, dict(r.settings)
    func, base = r.func, {**fixed, **r.settings}

    def by_keyword(*values: Any) -> Any:
        return func(**{**base, per_item: values[at]}) if per_item and at is not None else func(**base)

    return by_keyword, args, at, {}


def _positional(func: Callable[..., Any]) -> tuple[str, ...] | None:
    try:
        parameters = inspect.signature(func).parameters.values()
    except (TypeError, ValueError):
        return None
    return tuple(p.name for p in parameters if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD))


def _scope_claims(item: object, run: Run) -> list[Claim]:
    if isinstance(item, Fact):
        return list(item.claims)
    if isinstance(item, DocumentClaims):
        return list(item.claims)
    if isinstance(item, Claim):
        return [item]
    return []


def _complete(r: Rule, f: object, by_id: dict[str, Claim], paths: dict[str, str]) -> Finding:
    if not isinstance(f, Finding):
        raise TypeError(f"rule {r.id} yielded {type(f).__name__}, not a Finding")
    ids = tuple(dict.fromkeys(c.id if isinstance(c, Claim) else str(c) for c in f.claims))
    claims = [by_id[i] for i in ids if i in by_id]
    done = f.model_copy(update={
        "rule": r.id, "severity": f.severity or r.severity, "claims": ids, "explanation": _plain(f.explanation),
        "fingerprint": fingerprint(r.id, claims, f.message, paths),
        "stable_fingerprint": stable_fingerprint(r.id, claims, f.message),
    })
    share_field_names(done)
    return done


def _plain(value: Any, depth: int = 0) -> Any:
    """A rule's explanation as JSON can hold it: NaN and infinities become strings, other objects their
    text, nesting bounded (a rule's numbers must never make the output invalid)."""
    if isinstance(value, float):
        return value if math.isfinite(value) else str(value)
    if value is None or isinstance(value, (str, int, bool)):
        return value
    if depth > 20:
        return str(value)[:200]
    if isinstance(value, dict):
        return {str(k): v if type(v) in _AS_IS or v is None else _plain(v, depth + 1) for k, v in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        return [v if type(v) in _AS_IS or v is None else _plain(v, depth + 1) for v in value]
    return str(value)


# exactly these types (not subclasses), which JSON holds as they are: the leaves of most explanations, kept
# by the comprehensions above without a call each (a rule pass completes thousands of findings)
_AS_IS = frozenset({str, int, bool})


def _crash(exc: BaseException) -> str:
    frames = traceback.extract_tb(exc.__traceback__)
    where = f" at {Path(frames[-1].filename).name}:{frames[-1].lineno}" if frames else ""
    text = " ".join(str(exc).split())
    return f"rule crashed{where}: {type(exc).__name__}: {text[:300]}{'…' if len(text) > 300 else ''}"


def check_paths(
    paths: Iterable[str], *, against: Iterable[str] | None = None, store: str | Path | None = None,
    drafts: Iterable[str] | None = None, date: Any = None, settings: Settings | None = None,
    rule_paths: Iterable[Path] = (), select_rules: Iterable[str] = (), ignore_rules: Iterable[str] = (),
    progress: Callable[[str], None] | None = None, keep_text: bool = True,
    before_rules: Callable[[Extraction], Any] | None = None,
) -> CheckResult:
    """Extract claims from `paths` and run the default pack, config's rule files and `rule_paths` over them.

    Drafts against a reference (docs/store.md): with `against` (paths read now) or `store` (a claim store
    made by `claimcheck index`), the documents under `paths` are drafts, and only findings that involve a
    claim of a draft are kept; with `drafts` (file paths), only those files under `paths` are drafts and the
    rest of `paths` is reference too (read unless a store is given). `date` is then for the drafts only.

    Rule problems (a file that will not load, an unknown rule or setting, `python -O`) raise `RuleError`
    before any input is read; a store that cannot be used raises `StoreError` (a `ConfigError`).
    `select_rules`/`ignore_rules` replace config's `select`/`ignore` when given; `progress` is called with
    each input's name as it is read. `keep_text` false holds the documents without their text, as the CLI
    does (`Extractor`): the result's documents then have an empty `text`. `before_rules` is called with the
    extraction the result will show, once it is final and before the rule pass, when the result shows all of it
    (no drafts): the CLI has the claims' JSON encoded meanwhile (claimcheck.report.spool).
    """
    from claimcheck.claims.extract import Extractor, fewer_collections

    settings = settings or Settings()
    registry, rules = chosen_rules(settings, rule_paths, select_rules, ignore_rules)
    extractor = Extractor(settings, keep_text=keep_text)
    # one memory baseline for reading and the rule pass, taken after the rules are loaded
    with memory_limit(settings.memory_mb), fewer_collections():
        corpus = read_corpus(extractor, paths, against=against, store=Path(store) if store is not None else None,
                             drafts=drafts, date=date, related=related_metrics(rules), progress=progress)
        if before_rules is not None and corpus.drafts is None:
            before_rules(corpus.extraction)
        result = check(corpus.extraction, rules, settings, known=registry)
    return only_drafts(result, corpus)


def chosen_rules(settings: Settings, rule_paths: Iterable[Path] = (), select_rules: Iterable[str] = (),
                 ignore_rules: Iterable[str] = ()) -> tuple[Registry, list[Rule]]:
    """Every rule loaded (the default pack, config's rule files, `rule_paths`, plugins) and those chosen
    and configured for a check; `RuleError` for a file that will not load, an unknown rule or setting, or
    `python -O`."""
    from claimcheck.engine.registry import load_rules

    refuse_optimized()
    registry = load_rules(list(rule_paths) + list(settings.rule_paths))
    rules = select(
        registry, list(select_rules) or list(settings.select), list(ignore_rules) or list(settings.ignore),
        settings.rule_settings, str(settings.source or "config"),
    )
    return registry, rules


def related_metrics(rules: Iterable[Rule]) -> dict[str, set[str]] | None:
    """What the rules relate besides claims of one document or of one organisation and metric (merged, with
    what fact grouping relates); None when a rule does not say (docs/store.md, "What a check reads")."""
    merged: dict[str, set[str]] = {m: set(others) for m, others in FACT_RELATED_METRICS.items()}
    for r in rules:
        if r.related_metrics is None:
            return None
        for metric, others in r.related_metrics.items():
            merged.setdefault(metric, set()).update(others)
    return merged


def only_drafts(result: CheckResult, corpus: Corpus) -> CheckResult:
    """The findings that involve a claim of a draft, and what the output shows of the reference: the claims
    and documents of those findings (everything when every document is a draft)."""
    if corpus.drafts is None:
        return result
    extraction = result.extraction
    ours = {c.id for c in extraction.claims if c.source in corpus.drafts}
    findings = tuple(f for f in result.findings if ours.intersection(f.claims) or (  # or a draft's directive
        not f.claims and f.location is not None and f.location.source in corpus.drafts))
    involved = {i for f in findings for i in f.claims} - ours
    theirs = sorted((c for c in extraction.claims if c.id in involved), key=lambda c: (c.source, c.span))
    sources = {c.source for c in theirs}
    shown = Extraction(
        documents=(*(d for d in extraction.documents if d.source in corpus.drafts),
                   *sorted((d for d in extraction.documents if d.source in sources and d.source not in corpus.drafts),
                           key=lambda d: d.source)),
        claims=(*(c for c in extraction.claims if c.id in ours), *theirs),
        problems=extraction.problems,
    )
    return replace(result, extraction=shown, findings=findings, drafts=corpus.drafts,
                   reference_documents=corpus.reference_documents)
