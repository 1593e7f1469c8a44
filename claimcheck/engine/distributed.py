"""`check --engine dask`: the same extractors and rules over a Dask cluster (docs/scale.md, "Beyond one
machine: Dask").

1. The file list is cut into partitions (a dask.bag); each worker reads its partitions with one `Extractor`
   per worker thread and writes their documents and claims as rows of one Parquet file each.
2. The client adds up the name counts of the partitions (`same_names` over the whole corpus), and from the
   (organisation, metric) pairs of each document makes the groups no finding crosses (`partition`).
3. The rows are read back as a dask.dataframe, joined with each document's group and shuffled by group; each
   partition's groups go through `run_rules` on a worker.
4. The client gathers the rule passes and finishes as a local check does (`check.finish`): suppressions,
   order, fingerprints; baselines and output are the command line's, as for a local run.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import math
import os
import shutil
import sys
import tempfile
import threading
import time
import uuid
from collections import Counter
from collections.abc import Iterable, Iterator
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from claimcheck.claims.extract import Extractor, fewer_collections, name_uses, not_read, renamed
from claimcheck.claims.compact import compact
from claimcheck.claims.jsonform import claim_from_json, claim_json, document_from_json, document_json
from claimcheck.config import ConfigError, Settings
from claimcheck.engine.check import (CheckResult, RulePass, chosen_rules, finish, only_drafts, related_metrics,
                                     run_rules, validate)
from claimcheck.engine.corpus import Corpus
from claimcheck.engine.partition import document_groups
from claimcheck.engine.registry import Rule
from claimcheck.ingest.directives import PREFIX
from claimcheck.ingest.files import Input, discover
from claimcheck.mentions.organisations import merge_short_forms
from claimcheck.models import Claim, Document, Extraction, Problem

EXTRA = "pip install claimcheck[dask]"
#: Partitions of the file list per worker thread: enough that a slow partition does not hold up the rest.
PARTS_PER_THREAD = 4
#: At most this many files in one partition (one Parquet file of claims each).
MAX_FILES_PER_PART = 500
RULE_MODULE_PREFIX = "claimcheck_rules_"  # modules of rule files loaded by path (registry._import_file)
COLUMNS = ("order", "position", "kind", "source", "data")


class EngineError(ConfigError):
    """The Dask engine cannot run: the extra is missing, the scheduler cannot be reached, an option that it
    does not support; the message is one line."""


def _distributed() -> Any:
    try:
        import dask  # noqa: F401
        import distributed
    except ImportError:
        raise EngineError(f"--engine dask needs the dask extra: {EXTRA}") from None
    return distributed


def usable_cores() -> int:
    """The cores this process may run on (a container's or taskset's share, not the machine's)."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


@contextmanager
def dask_client(scheduler: str | None = None, workers: int | None = None) -> Iterator[Any]:
    """A client of the cluster at `scheduler`, or of a LocalCluster of `workers` processes (default: the usable
    cores) made for this run and closed after it."""
    distributed = _distributed()
    import dask

    if scheduler:
        timeout = dask.config.get("distributed.comm.timeouts.connect")
        try:
            client = distributed.Client(scheduler, timeout=timeout, set_as_default=False)
        except (OSError, TimeoutError, ValueError, TypeError) as exc:
            reason = " ".join(str(exc).split())[:200] or type(exc).__name__
            raise EngineError(f"--scheduler {scheduler}: cannot reach a Dask scheduler there ({reason})") from None
        with client:
            yield client
        return
    with distributed.LocalCluster(n_workers=workers or usable_cores(), threads_per_worker=1, processes=True,
                                  dashboard_address="127.0.0.1:0", silence_logs=logging.ERROR) as cluster:
        with distributed.Client(cluster, set_as_default=False) as client:
            yield client


def check_paths_dask(
    paths: Iterable[str], *, client: Any = None, scheduler: str | None = None, workers: int | None = None,
    work_dir: Path | None = None, date: dt.date | None = None, settings: Settings | None = None,
    rule_paths: Iterable[Path] = (), select_rules: Iterable[str] = (), ignore_rules: Iterable[str] = (),
    against: Iterable[str] | None = None, drafts: Iterable[str] | None = None,
) -> CheckResult:
    """`check_paths` on Dask: the same result as a local check of `paths`, drafts against a reference read
    now included (`against`, `drafts`: as `check_paths` takes them; a claim store is for the local engine).
    `client` is a `distributed.Client` to use; without one, a cluster is reached at `scheduler` or made of
    `workers` local processes. The claims go to Parquet under `work_dir` (kept), or under a temporary folder
    removed afterwards. Rule problems raise `RuleError` before any input is read; `EngineError` when the
    cluster cannot be used."""
    _distributed()
    settings = settings or Settings()
    registry, rules = chosen_rules(settings, rule_paths, select_rules, ignore_rules)
    validate(rules)
    listing = _listing(paths, against, drafts, date)
    with _work_folder(work_dir) as folder, (nullcontext(client) if client is not None
                                            else dask_client(scheduler, workers)) as used:
        return _Job(used, folder, settings, rules, list(registry)).run(listing)


@dataclass(frozen=True)
class _Listing:
    """The inputs of a check in the order a local run reads them, as (position, input or a problem met while
    walking the folders); `dates` the publication date for inputs that state none, by position;
    `reference` the positions of the reference (None: a plain check, every input a draft)."""

    items: list[tuple[int, Input | Problem]]
    dates: dict[int, dt.date | None]
    reference: frozenset[int] | None


def _listing(paths: Iterable[str], against: Iterable[str] | None, drafts: Iterable[str] | None,
             date: dt.date | None) -> _Listing:
    """As `read_corpus` reads (docs/store.md): the drafts (the files under `paths`, or those of them named by
    `drafts`) with the walk's problems, then the rest of `paths`, then `against`; a file is read once, as a
    draft if it is one; `date` is for the drafts only."""
    if against is None and drafts is None:
        items = [(i, _absolute(item)) for i, item in enumerate(discover(paths))]
        return _Listing(items, {i: date for i, _ in items}, None)
    wanted = None if drafts is None else {os.path.realpath(p) for p in drafts}
    first: list[Input | Problem] = []
    rest: list[Input | Problem] = []
    for item in discover(paths):
        is_reference = isinstance(item, Input) and wanted is not None and (
            item.path is None or os.path.realpath(item.path) not in wanted)
        (rest if is_reference else first).append(item)
    seen: set[str] = set()
    listed: list[tuple[int, Input | Problem]] = []
    dates: dict[int, dt.date | None] = {}
    reference: set[int] = set()
    for is_draft, side in ((True, first), (False, [*rest, *discover(against or ())])):
        for item in side:
            item = _absolute(item)
            if isinstance(item, Input) and item.path is not None:  # (_absolute refused standard input)
                real = os.path.realpath(item.path)
                if real in seen:
                    continue
                seen.add(real)
            index = len(listed)
            listed.append((index, item))
            dates[index] = date if is_draft else None
            if not is_draft:
                reference.add(index)
    return _Listing(listed, dates, frozenset(reference))


def _absolute(item: Input | Problem) -> Input | Problem:
    """An input as a worker can open it whatever its current folder (its name in the output unchanged)."""
    if not isinstance(item, Input):
        return item
    if item.path is None:
        raise EngineError("--engine dask cannot read standard input ('-'): give files or folders")
    return replace(item, path=Path(os.path.abspath(item.path)))


@contextmanager
def _work_folder(work_dir: Path | None) -> Iterator[Path]:
    """Where the Parquet goes: a new folder under `work_dir` (kept, for a look at the claims), or a
    temporary one removed afterwards. Workers on other machines must see it at the same path."""
    if work_dir is not None:
        folder = Path(work_dir) / f"claimcheck-{dt.datetime.now():%Y%m%dT%H%M%S}-{uuid.uuid4().hex[:8]}"
        try:
            folder.mkdir(parents=True)
        except OSError as exc:
            raise EngineError(f"--work-dir {work_dir}: cannot make a folder there ({exc.strerror or exc})") from None
        yield folder
        return
    folder = Path(tempfile.mkdtemp(prefix="claimcheck-dask-"))
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


@dataclass(frozen=True)
class _Reading:
    """What a worker needs to read its partitions: the run's settings (its extractor is built once per run
    and thread), deadline (wall clock: the machines' monotonic clocks differ) and where the Parquet goes."""

    token: str
    settings: Settings
    deadline: float
    folder: str


@dataclass
class _Part:
    """What reading one partition gave the client besides its Parquet file: small, for the reduce steps."""

    names: Counter[str] = field(default_factory=Counter)
    read: list[tuple[int, str]] = field(default_factory=list)  # (position, source) of each document read
    topics: list[tuple[str, list[tuple[str, str]]]] = field(default_factory=list)
    problems: list[tuple[int, Problem]] = field(default_factory=list)
    unread: list[tuple[int, Input]] = field(default_factory=list)


class _Job:
    """One check on a cluster: read, group, run the rules per group, finish."""

    def __init__(self, client: Any, folder: Path, settings: Settings, rules: list[Rule], known: list[Rule]) -> None:
        self.client, self.folder, self.settings, self.rules, self.known = client, folder, settings, rules, known
        self.token = uuid.uuid4().hex

    def run(self, listing: _Listing) -> CheckResult:
        inputs = [(i, item, listing.dates[i]) for i, item in listing.items if isinstance(item, Input)]
        parts = self._read(inputs) if inputs else []
        reference = listing.reference
        drafted = [(i, source) for part in parts for i, source in part.read if reference is None or i not in reference]
        if reference is not None and not drafted:  # no draft, no finding to look for: the reference is not read
            parts = [_Part(problems=[(i, p) for part in parts for i, p in part.problems if i not in reference])]
            listing = replace(listing, items=[(i, p) for i, p in listing.items if i not in reference])
        result = self._check(listing, parts)
        if reference is None:
            return result
        corpus = Corpus(result.extraction, frozenset(source for _, source in drafted),
                        sum(1 for part in parts for i, _ in part.read if i in reference))
        return only_drafts(result, corpus)

    def _check(self, listing: _Listing, parts: list[_Part]) -> CheckResult:
        names: Counter[str] = Counter()
        for part in parts:  # in corpus order: the counts a local run makes, in the same order
            names.update(part.names)
        rename = merge_short_forms(names)
        groups = document_groups(((source, [(rename.get(s, s), m) for s, m in pairs])
                                  for part in parts for source, pairs in part.topics), related_metrics(self.rules))
        found = RulePass()
        for one in self._rule_passes(groups, rename) if groups else []:
            found.add(one, self.rules)
        extraction = self._extraction(listing, parts, rename)
        return finish(extraction, self.rules, self.known, found)

    def _read(self, inputs: list[tuple[int, Input, dt.date | None]]) -> list[_Part]:
        import dask.bag as db

        run_seconds = self.settings.run_seconds
        reading = _Reading(self.token, self.settings, time.time() + run_seconds if run_seconds else math.inf,
                           str(self.folder / "claims"))
        threads = sum(self.client.nthreads().values()) or 1
        count = max(min(len(inputs), threads * PARTS_PER_THREAD), math.ceil(len(inputs) / MAX_FILES_PER_PART))
        (self.folder / "claims").mkdir()
        bag = db.from_sequence(inputs, npartitions=count)
        return list(self.client.compute(bag.map_partitions(_read_part, reading)).result())

    def _rule_passes(self, groups: dict[str, int], rename: dict[str, str]) -> list[RulePass]:
        import dask
        import dask.dataframe as dd
        import pandas as pd

        rows = dd.read_parquet(str(self.folder / "claims"), columns=list(COLUMNS))
        table = dd.from_pandas(pd.DataFrame({"source": list(groups), "group": list(groups.values())}), npartitions=1)
        count = max(1, min(len(set(groups.values())), rows.npartitions))
        grouped = rows.merge(table, on="source", how="inner").shuffle(on="group", npartitions=count)
        payload = self.client.scatter(_portable(self.rules, self.settings, rename), broadcast=True)
        tasks = [dask.delayed(_rules_part)(part, payload) for part in grouped.to_delayed()]
        return list(self.client.gather(self.client.compute(tasks)))

    def _extraction(self, listing: _Listing, parts: list[_Part], rename: dict[str, str]) -> Extraction:
        """The corpus's documents, claims (names merged) and problems, in the order of a local run."""
        import pandas as pd

        documents: list[Document] = []
        claims: list[Claim] = []
        if any(part.read for part in parts):
            documents, claims = _decoded(pd.read_parquet(self.folder / "claims", columns=list(COLUMNS)))
        problems = _in_order(listing, parts, self.settings.run_seconds)
        return Extraction(documents=tuple(documents), claims=tuple(renamed(claims, rename)), problems=problems)


def _in_order(listing: _Listing, parts: list[_Part], run_seconds: float) -> tuple[Problem, ...]:
    """Problems as a local run lists them: by input (of the reference, only errors: a note about a published
    article is not the draft's), and once the run's time is up, the walk's problems and then one error for
    every input not read."""
    reference = listing.reference or frozenset()
    events = sorted([*((i, p) for i, p in listing.items if isinstance(p, Problem)),
                     *(event for part in parts for event in part.problems)], key=lambda e: e[0])
    events = [(i, p) for i, p in events if p.fatal or i not in reference]
    unread = sorted((event for part in parts for event in part.unread), key=lambda e: e[0])
    if not unread:
        return tuple(p for _, p in events)
    first = unread[0][0]
    return (*(p for i, p in events if i < first), *(p for i, p in events if i > first),
            not_read(unread[0][1], len(unread) - 1, run_seconds))


_local = threading.local()


def _extractor(reading: _Reading) -> Extractor:
    """The worker thread's extractor for this run: built once (loading lexicons and tables is costly)."""
    if getattr(_local, "token", None) != reading.token:
        _local.extractor, _local.token = Extractor(reading.settings), reading.token
    return _local.extractor


def _read_part(items: Iterable[tuple[int, Input, dt.date | None]], reading: _Reading) -> list[_Part]:
    """On a worker: read one partition of the file list, write its rows to one Parquet file."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    extractor = _extractor(reading)
    deadline = time.monotonic() + (reading.deadline - time.time())
    part = _Part()
    rows: dict[str, list] = {name: [] for name in COLUMNS}

    def add(order: int, position: int, kind: str, source: str, data: dict) -> None:
        for name, value in zip(COLUMNS, (order, position, kind, source, json.dumps(data))):
            rows[name].append(value)

    first = None
    with fewer_collections():  # as a local run: extraction makes many short-lived objects and few cycles
        for index, item, date in items:
            first = index if first is None else first
            if time.monotonic() >= deadline:
                part.unread.append((index, item))
                continue
            read = extractor.read_input(item, date, deadline)
            part.problems.extend((index, p) for p in read.problems)
            doc = read.document
            if doc is None:
                continue
            part.read.append((index, doc.source))
            add(index, -1, "document", doc.source, {**document_json(doc), "relative": doc.relative,
                                                   "text": doc.text if PREFIX in doc.text else ""})
            for position, c in enumerate(read.claims):
                add(index, position, "claim", c.source, claim_json(c))
            part.names.update(name_uses(read.claims))
            part.topics.append((doc.source, sorted({(c.subject, c.metric) for c in read.claims
                                                    if c.subject and c.metric})))
    if first is not None:
        table = pa.table({"order": pa.array(rows["order"], pa.int64()), "position": pa.array(rows["position"], pa.int32()),
                          **{name: pa.array(rows[name], pa.string()) for name in ("kind", "source", "data")}})
        pq.write_table(table, os.path.join(reading.folder, f"part-{first:09d}.parquet"))
    return [part]


def _decoded(rows: Any) -> tuple[list[Document], list[Claim]]:
    """The documents and claims (names as extracted) of a frame of rows, in corpus order."""
    rows = rows.sort_values(["order", "position"])
    documents: list[Document] = []
    claims: list[Claim] = []
    for kind, data in zip(rows["kind"], rows["data"]):
        if kind == "document":
            documents.append(_document(json.loads(data)))
        else:
            claims.append(claim_from_json(json.loads(data)))
    return documents, compact(claims)  # as a local run holds them (docs/scale.md, "Memory")


def _document(data: dict) -> Document:
    """A document from its row: metadata, and its text only when it holds directives (suppressions)."""
    doc = document_from_json(data, data.get("relative"))
    return doc.model_copy(update={"text": data["text"]}) if data.get("text") else doc


def _portable(rules: list[Rule], settings: Settings, rename: dict[str, str]) -> bytes:
    """The rules, settings and merged names as bytes any worker can load: rule files loaded by path (the
    default pack, --rules) are modules no worker can import, so their functions travel by value."""
    import cloudpickle

    from claimcheck.engine.providers import PROVIDERS

    def by_path(func: Any) -> bool:
        module = getattr(func, "__module__", "") or ""
        if module.startswith(RULE_MODULE_PREFIX) and module in sys.modules:
            cloudpickle.register_pickle_by_value(sys.modules[module])
            return True
        return False

    for r in rules:
        by_path(r.func)
    providers = {name: p for name, p in PROVIDERS.items() if by_path(p.factory)}  # registered by a rule file
    return cloudpickle.dumps((rules, settings, rename, providers))


_loaded: dict[int, tuple[list[Rule], Settings, dict[str, str]]] = {}  # the run's payload, per worker process


def _rules_part(frame: Any, payload: bytes) -> RulePass:
    """On a worker: the rules over each group of one shuffled partition."""
    import cloudpickle

    key = hash(payload)
    if key not in _loaded:  # once per run and worker process
        from claimcheck.engine.providers import PROVIDERS, load_provider_plugins

        _loaded.clear()
        rules, settings, rename, providers = cloudpickle.loads(payload)
        load_provider_plugins()  # the plugins' providers, installed on the worker as on the client
        PROVIDERS.update(providers)
        _loaded[key] = rules, settings, rename
    rules, settings, rename = _loaded[key]
    found = RulePass()
    with fewer_collections():
        for _, rows in frame.groupby("group", sort=True):
            documents, claims = _decoded(rows)
            extraction = Extraction(documents=tuple(documents), claims=tuple(renamed(claims, rename)))
            found.add(run_rules(extraction, rules, settings), rules)
    return found
