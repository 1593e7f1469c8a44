"""The left half of the pipeline: paths -> documents -> mentions -> claims, with problems collected.

`extract()` is the one entry point the CLI and the Python API share.
"""

from __future__ import annotations

import datetime as dt
import gc
import math
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from itertools import chain
from contextlib import contextmanager
from dataclasses import dataclass

from claimcheck.budget import OutOfTime, memory_limit, time_limit
from claimcheck.claims.assemble import Assembler
from claimcheck.claims.compact import Compactor, compact
from claimcheck.config import Settings
from claimcheck.ingest.files import FIRST_YEAR, LAST_YEAR, Input, Loaded, discover, load, read_bytes
from claimcheck.ingest.directives import released
from claimcheck.ingest.prose import blank_span, mask
from claimcheck.mentions.cues import Lexicon
from claimcheck.mentions.decimals import with_decimal_points
from claimcheck.mentions.currencies import CurrencyContext, about_the_story, outlet_dollar, stated_dollar
from claimcheck.mentions.money import find_money
from claimcheck.mentions.organisations import EntityTable, merge_short_forms
from claimcheck.models import Claim, Document, Extraction, Money, Problem
from claimcheck.pool import InOrder, Ready, processes


# No currency's amounts come near this (a quadrillion in any unit is 10^15); beyond it a float loses the
# written digits, and at 10^309 it is infinite, which JSON cannot hold.
MAX_AMOUNT = 1e30
#: What `Extractor._warm_up` reads: front matter (PyYAML), a numeric date (dateparser), an amount, a period.
WARM_UP = (b"---\ntitle: Warm-up\ndate: 2025-01-02\n---\n\nAcme Robotics raised $5 million on 03/04/2024, "
           b"after revenue of \xe2\x82\xac2bn in the third quarter of 2023.\n")


def _holdable(value: Money) -> bool:
    """Every written figure is a number JSON and the rules can hold (an open upper bound may be infinite:
    `open_factor = "inf"`)."""
    written = (value.amount, value.low, *(value.ends or ()))
    return all(x is None or (math.isfinite(x) and abs(x) <= MAX_AMOUNT) for x in written)


@dataclass(frozen=True)
class Read:
    """What reading one input gave: its document and claims (none when it could not be read), its problems;
    `skipped` when the caller passed it over (`Extractor.read(skip=...)`). `input` is None for a problem
    met while walking the folders."""

    input: Input | None
    document: Document | None
    claims: tuple[Claim, ...]
    problems: tuple[Problem, ...]
    skipped: bool = False


@dataclass(frozen=True)
class _Job:
    """One input to extract, in this process or in a worker (pickled): its bytes when this process read them
    (standard input, or for a `skip` callback), else None (whoever extracts it reads them)."""

    item: Input
    data: bytes | None
    date: dt.date | None
    deadline: float


@dataclass(frozen=True)
class _Unread:
    """The first input met once the run's time is up (the inputs after it are counted with it)."""

    item: Input


class Extractor:
    """Reads documents and turns them into claims; build once, use for many documents. With `keep_text`
    false, the documents read are `released()` once their claims are made: a corpus is then held as its
    claims and the documents' metadata, not its text (docs/scale.md, "Memory")."""

    def __init__(self, settings: Settings | None = None, keep_text: bool = True) -> None:
        self.settings = settings or Settings()
        self.keep_text = keep_text
        self.assembler = Assembler(
            EntityTable.load(list(self.settings.entity_files)),
            Lexicon.load(extra=self.settings.lexicon),
            self.settings.dates,
            self.settings.fiscal_years,
        )

    def document_claims(self, loaded: Loaded, problems: list[Problem] | None = None) -> list[Claim]:
        """The claims of one loaded document; what could not be read in it goes to `problems`. A publication
        date outside FIRST_YEAR-LAST_YEAR counts as none, as when a file is read: "next year" of 9999-12-31
        has no date to be, so relative dates stay unresolved (`text_claims(published=...)` comes here too)."""
        doc = loaded.document
        if doc.published is not None and not FIRST_YEAR <= doc.published.year <= LAST_YEAR:
            doc = doc.model_copy(update={"published": None})
        masked = mask(doc.text, loaded.kind)
        if loaded.front_matter_end:
            masked = blank_span(masked, 0, loaded.front_matter_end)
        masked = with_decimal_points(masked)  # "R$ 1.593,2 million" read as 1,593.2 (the quote keeps the copy's)
        outlet = outlet_dollar(doc.url) or stated_dollar(masked)
        context = CurrencyContext(dollar=outlet or self.settings.dollar, published=doc.published,
                                  settled=outlet is not None, where=about_the_story(doc.text, masked),
                                  headline=doc.title if doc.title and doc.title not in masked else "")
        money = find_money(masked, self.settings.intervals, context)
        huge = [m for m in money if not _holdable(m.value)]
        if huge:
            money = [m for m in money if _holdable(m.value)]
            if problems is not None:
                quote = " ".join(doc.text[huge[0].start:huge[0].end].split())
                quote = quote if len(quote) <= 40 else quote[:20] + "…" + quote[-10:]
                problems.append(Problem(source=doc.source, message=(
                    f"{len(huge)} amount(s) too large to compare ({quote!r}, over {MAX_AMOUNT:.0e}), skipped")))
        return self.assembler.claims(doc, masked, money)

    def text_claims(self, text: str, published: dt.date | None = None, source: str = "<text>") -> list[Claim]:
        """Claims from a string of prose (no front matter or markup handling beyond markdown)."""
        doc = Document(source=source, text=text, published=published)
        return self.document_claims(Loaded(document=doc, kind="markdown", front_matter_end=0))

    def run(self, paths: Iterable[str], date: dt.date | None = None,
            progress: Callable[[str], None] | None = None) -> Extraction:
        """Every input under `paths`, within the budgets of the settings: a file that takes longer than
        `file_seconds` or runs out of memory is skipped with an error; once `run_seconds` have passed, the
        files not read yet are reported in one error (docs/bad-input.md, "Budgets")."""
        documents: list[Document] = []
        claims: list[Claim] = []
        problems: list[Problem] = []
        with memory_limit(self.settings.memory_mb), fewer_collections():
            for read in self.read(paths, date, progress=progress):
                problems.extend(read.problems)
                if read.document is not None:
                    documents.append(read.document)
                    claims.extend(read.claims)
        return Extraction(documents=tuple(documents), claims=tuple(same_names(claims)), problems=tuple(problems))

    def read(
        self, paths: Iterable[str], date: dt.date | None = None, *, select: Callable[[Input], bool] | None = None,
        skip: Callable[[Input, bytes], bool] | None = None, deadline: float | None = None,
        progress: Callable[[str], None] | None = None,
    ) -> Iterator[Read]:
        """Each input under `paths` as it is read: its document and claims (the names of one document, not yet
        merged across the corpus: `same_names`) and its problems, within the budgets of the settings.
        Only inputs that `select(input)` takes are read (the drafts among the files of a folder); `skip(input,
        data)` true passes an input over once its bytes are read (a store's unchanged file); `deadline` (a
        `time.monotonic()` value) is the run's, for reads that share one; `progress` is called with each
        input's name as it comes. With `jobs` above one, documents are extracted by that many worker
        processes, and the reads still come in the order of the inputs (docs/scale.md); `select`, `skip` and
        `progress` are called in this process, in that order too, but may run a few inputs ahead of the
        reads given so far."""
        if deadline is None:
            run_seconds = self.settings.run_seconds
            deadline = time.monotonic() + run_seconds if run_seconds else math.inf
        inputs = discover(paths)
        steps = InOrder(self._steps(inputs, date, select, skip, deadline, progress), self._extract_job, self.jobs,
                        self._lost, prepare=self._warm_up, ship=_compacted)
        compactor = Compactor()  # what the claims of the corpus share, held as one object each
        for read in steps:
            if isinstance(read, _Unread):  # the run's time is up: this input and those after it are not read
                yield self._not_read(read.item, inputs)
                return
            compactor(read.claims)  # across documents: a worker's claims come unpickled, with copies of their own
            yield read
            if read.document is not None:
                gc.freeze()  # what a document leaves (its claims) lives to the end: out of later passes
            elif read.input is not None and self._out_of_run_time(read.input) in read.problems:
                left = steps.stop()
                if left:  # taken ahead by the workers: not read either, as in one process
                    yield from self._taken_ahead(left, inputs)
                    return

    @property
    def jobs(self) -> int:
        """How many processes extract at once: the settings' `jobs`, or one per usable core."""
        return processes(self.settings.jobs)

    def _steps(
        self, inputs: Iterator[Input | Problem], date: dt.date | None, select: Callable[[Input], bool] | None,
        skip: Callable[[Input, bytes], bool] | None, deadline: float, progress: Callable[[str], None] | None,
    ) -> Iterator[_Job | Ready[Read | _Unread]]:
        """What `read` does in this process, input by input: walk the folders, select, stop at the deadline,
        read the bytes that `skip` must see (or that only this process can read: standard input); each
        input left to extract is a job, for this process or a worker (`claimcheck.pool`)."""
        for item in inputs:
            if progress is not None:
                progress(item.source)
            if isinstance(item, Problem):
                yield Ready(Read(None, None, (), (item,)))
            elif select is not None and not select(item):
                continue
            elif time.monotonic() >= deadline:
                yield Ready(_Unread(item))  # the inputs after it are counted when its turn comes
                return
            elif skip is None and item.path is not None:
                yield _Job(item, None, date, deadline)
            else:
                yield self._read_here(item, date, deadline, skip)

    def read_input(self, item: Input, date: dt.date | None, deadline: float) -> Read:
        """One input as `read` gives it, for a caller that walks the folders itself (a Dask worker reading its
        partition of the file list); `deadline` is a `time.monotonic()` value. Its claims are compacted among
        themselves (`read` compacts across the corpus)."""
        read = self._extract_job(_Job(item, None, date, deadline))
        compact(read.claims)
        return read

    def _read_here(self, item: Input, date: dt.date | None, deadline: float,
                   skip: Callable[[Input, bytes], bool] | None) -> _Job | Ready[Read | _Unread]:
        """An input's bytes read in this process: passed over when `skip` says so, else a job that carries them."""
        data = self._bytes(item)
        if isinstance(data, Problem):
            return Ready(Read(item, None, (), (data,)))
        if skip is not None and skip(item, data):
            return Ready(Read(item, None, (), (), skipped=True))
        return _Job(item, data, date, deadline)

    def _bytes(self, item: Input) -> bytes | Problem:
        try:
            return read_bytes(item, int(self.settings.max_file_mb * 2**20))
        except MemoryError:
            return self._out_of_memory(item)

    def _extract_job(self, job: _Job) -> Read:
        """One input's document and claims, or no document with a problem when it cannot be read, or not
        within the time or memory left (its partial claims are dropped). A job that starts once the run's
        time is up (in a worker, behind others) is stopped at once."""
        settings, item = self.settings, job.item
        left = job.deadline - time.monotonic()
        by_run = left < (settings.file_seconds or math.inf)  # which budget ends first
        own: list[Problem] = []
        try:
            data = job.data if job.data is not None else self._bytes(item)
            if isinstance(data, Problem):
                return Read(item, None, (), (data,))
            with time_limit(max(left, 0.001) if by_run else settings.file_seconds):
                loaded, own = load(item, data, job.date)
                found = self.document_claims(loaded, own) if loaded is not None else []
        except OutOfTime:
            own.append(self._out_of_run_time(item) if by_run else Problem(source=item.source, fatal=True, message=(
                f"reading took longer than {settings.file_seconds:g} s, skipped; raise it with --file-seconds")))
            loaded = None
        except MemoryError:
            loaded, data = None, b""
            own.append(self._out_of_memory(item))
        if loaded is None:
            return Read(item, None, (), tuple(own))
        document = loaded.document if self.keep_text else released(loaded.document)
        return Read(item, document, tuple(found), tuple(own))

    def _warm_up(self) -> list[Claim]:
        """Extract a short article here before worker processes are forked, so that what the first articles
        build lazily (PyYAML, dateparser and its English data, caches: 0.1-0.2 s) is built once, not again in
        every worker. Nothing of it is kept in any output."""
        loaded, _ = load(Input("<warm-up>", None), WARM_UP, None)
        assert loaded is not None
        return self.document_claims(loaded)

    def _out_of_memory(self, item: Input) -> Problem:
        gc.collect()  # what the file had built is garbage now: free it before the next file
        memory_mb = self.settings.memory_mb
        return Problem(source=item.source, fatal=True, message=(
            f"ran out of memory while reading it (limit: {memory_mb:g} MiB above start-up), skipped; "
            "raise it with --memory-mb" if memory_mb else "ran out of memory while reading it, skipped"))

    def _lost(self, job: _Job, how: str) -> Read:
        """The problem of an input whose worker process died while reading it (`how`: by which signal)."""
        return Read(job.item, None, (), (Problem(source=job.item.source, fatal=True, message=(
            f"the worker process reading it died ({how}), skipped; the other files are read")),))

    def _out_of_run_time(self, item: Input) -> Problem:
        """The problem of the input being read when the run's time ran out."""
        return Problem(source=item.source, fatal=True, message=(
            f"the run's time limit ({self.settings.run_seconds:g} s) was reached while reading it, skipped; "
            "raise it with --run-seconds"))

    def _not_read(self, first: Input, rest: Iterator[Input | Problem]) -> Read:
        """One error for the inputs left when the run's time is up, naming the first and counting the others
        (the folders are still listed: their problems are reported as usual, before it)."""
        problems: list[Problem] = []
        more = 0
        for item in rest:
            if isinstance(item, Problem):
                problems.append(item)
            else:
                more += 1
        return Read(first, None, (), (*problems, not_read(first, more, self.settings.run_seconds)))

    def _taken_ahead(self, left: list[_Job | Ready[Read | _Unread]], inputs: Iterator[Input | Problem]) -> Iterator[Read]:
        """The reads after one the run's time limit stopped, when workers had taken inputs ahead of it: what
        one process would give, the problems of the walk, then the inputs not read, in one error."""
        rest = (_input_of(step) for step in left)
        for item in rest:
            if isinstance(item, Problem):
                yield Read(None, None, (), (item,))
            else:
                yield self._not_read(item, chain(rest, inputs))
                return


def _compacted(read: Read | _Unread) -> Read | _Unread:
    """A worker's read, its claims sharing what they hold among themselves (`compact`) before it is pickled:
    a sentence, a period or a set of field names crosses the pipe once, not once per claim."""
    if isinstance(read, Read):
        compact(read.claims, share_keys=False)  # the parent makes key-sharing dicts: a pickle would not keep them
    return read


def _input_of(step: _Job | Ready[Read | _Unread]) -> Input | Problem:
    """The input a step of `Extractor.read` was for, or the problem of the walk it reports."""
    if isinstance(step, _Job):
        return step.item
    if isinstance(step.result, _Unread):
        return step.result.item
    read = step.result
    return read.input if read.input is not None else read.problems[0]


def not_read(first: Input, more: int, run_seconds: float) -> Problem:
    """The one error for the inputs left unread when the run's time is up: the first, and how many more."""
    others = f", nor {more} more file(s) after it" if more else ""
    return Problem(source=first.source, fatal=True, message=(
        f"not read{others}: the run's time limit ({run_seconds:g} s) was reached; raise it with --run-seconds"))


_collection_depth = [0]


@contextmanager
def fewer_collections(threshold: int = 20_000) -> Iterator[None]:
    """Extraction makes millions of short-lived objects and almost no reference cycles: the cyclic garbage
    collector's default (a pass every 700 allocations, rescanning the claims kept so far) costs 5-10 % of
    a run. Fewer passes, and none over the objects that live for the whole run; restored when the outermost
    use ends (the CLI wraps a whole command, `check_paths` extraction and rules, `Extractor.run` itself)."""
    _collection_depth[0] += 1
    if _collection_depth[0] > 1:
        try:
            yield
        finally:
            _collection_depth[0] -= 1
        return
    previous = gc.get_threshold()
    gc.freeze()
    gc.set_threshold(threshold, previous[1], previous[2])
    try:
        yield
    finally:
        _collection_depth[0] -= 1
        gc.set_threshold(*previous)
        gc.unfreeze()


def same_names(claims: list[Claim], counts: Counter[str] | None = None) -> list[Claim]:
    """One name per organisation across the corpus: forms that shorten one another become the form used most
    ("Lumora AI" in one article, "Lumora" in three). `counts`: how often the corpus uses each name as a subject
    or counterparty, when `claims` are not the whole corpus (a claim store's, docs/store.md); by default, the
    uses in `claims`."""
    if counts is None:
        counts = name_uses(claims)
    return renamed(claims, merge_short_forms(counts))


def name_uses(claims: Iterable[Claim]) -> Counter[str]:
    """How often `claims` use each name as a subject or counterparty: what `same_names` merges by (the counts
    of parts of a corpus add up, in corpus order, to the corpus's: `check --engine dask`)."""
    return Counter(n for c in claims for n in (c.subject, c.counterparty) if n)


def renamed(claims: list[Claim], rename: dict[str, str]) -> list[Claim]:
    """`claims` with the organisation names of `rename` (from `merge_short_forms`) replaced."""
    if not rename:
        return claims
    renamed = [
        c.model_copy(update={"subject": rename.get(c.subject, c.subject),  # type: ignore[arg-type]
                             "counterparty": rename.get(c.counterparty, c.counterparty)})  # type: ignore[arg-type]
        if c.subject in rename or c.counterparty in rename else c
        for c in claims
    ]
    compact(c for c, was in zip(renamed, claims) if c is not was)  # a copy has a set of field names of its own
    return renamed


def extract(paths: Iterable[str], date: dt.date | None = None, settings: Settings | None = None) -> Extraction:
    """Read every file under `paths` and return its documents, claims and problems."""
    return Extractor(settings).run(paths, date)
