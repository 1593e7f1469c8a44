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
from contextlib import contextmanager
from dataclasses import dataclass

from claimcheck.budget import OutOfTime, memory_limit, time_limit
from claimcheck.claims.assemble import Assembler
from claimcheck.config import Settings
from claimcheck.ingest.files import FIRST_YEAR, LAST_YEAR, Input, Loaded, discover, load, read_bytes
from claimcheck.ingest.prose import blank_span, mask
from claimcheck.mentions.cues import Lexicon
from claimcheck.mentions.currencies import CurrencyContext, dollar_for
from claimcheck.mentions.money import find_money
from claimcheck.mentions.organisations import EntityTable, merge_short_forms
from claimcheck.models import Claim, Document, Extraction, Money, Problem


# No currency's amounts come near this (a quadrillion in any unit is 10^15); beyond it a float loses the
# written digits, and at 10^309 it is infinite, which JSON cannot hold.
MAX_AMOUNT = 1e30


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


class Extractor:
    """Reads documents and turns them into claims; build once, use for many documents."""

    def __init__(self, settings: Settings | None = None) -> None:
        self.settings = settings or Settings()
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
        context = CurrencyContext(dollar=dollar_for(doc.url, self.settings.dollar), published=doc.published)
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
        input's name as it comes."""
        if deadline is None:
            run_seconds = self.settings.run_seconds
            deadline = time.monotonic() + run_seconds if run_seconds else math.inf
        inputs = discover(paths)
        for item in inputs:
            if progress is not None:
                progress(item.source)
            if isinstance(item, Problem):
                yield Read(None, None, (), (item,))
            elif select is not None and not select(item):
                continue
            elif time.monotonic() >= deadline:
                problems: list[Problem] = []
                problems.append(self._not_read(item, inputs, problems))
                yield Read(item, None, (), tuple(problems))
            else:
                read = self._input_claims(item, date, deadline, skip)
                yield read
                if read.document is not None:
                    gc.freeze()  # what a document leaves (its claims) lives to the end: out of later passes

    def read_input(self, item: Input, date: dt.date | None, deadline: float) -> Read:
        """One input as `read` gives it, for a caller that walks the folders itself (a Dask worker reading its
        partition of the file list); `deadline` is a `time.monotonic()` value."""
        return self._input_claims(item, date, deadline, None)

    def _input_claims(
        self, item: Input, date: dt.date | None, deadline: float, skip: Callable[[Input, bytes], bool] | None
    ) -> Read:
        """One input's document and claims, or no document with a problem when it cannot be read, or not
        within the time or memory left (its partial claims are dropped)."""
        settings = self.settings
        left = deadline - time.monotonic()
        by_run = left < (settings.file_seconds or math.inf)  # which budget ends first
        own: list[Problem] = []
        try:
            data = read_bytes(item, int(settings.max_file_mb * 2**20))
            if isinstance(data, Problem):
                return Read(item, None, (), (data,))
            if skip is not None and skip(item, data):
                return Read(item, None, (), (), skipped=True)
            with time_limit(left if by_run else settings.file_seconds):
                loaded, own = load(item, data, date)
                found = self.document_claims(loaded, own) if loaded is not None else []
        except OutOfTime:
            own.append(Problem(source=item.source, fatal=True, message=(
                f"the run's time limit ({settings.run_seconds:g} s) was reached while reading it, skipped; "
                "raise it with --run-seconds" if by_run else
                f"reading took longer than {settings.file_seconds:g} s, skipped; raise it with --file-seconds")))
            loaded = None
        except MemoryError:
            loaded, data = None, b""
            gc.collect()  # what the file had built is garbage now: free it before the next file
            own.append(Problem(source=item.source, fatal=True, message=(
                f"ran out of memory while reading it (limit: {settings.memory_mb:g} MiB above start-up), skipped; "
                "raise it with --memory-mb" if settings.memory_mb else "ran out of memory while reading it, skipped")))
        if loaded is None:
            return Read(item, None, (), tuple(own))
        return Read(item, loaded.document, tuple(found), tuple(own))

    def _not_read(self, first: Input, rest: Iterator[Input | Problem], problems: list[Problem]) -> Problem:
        """One error for the inputs left when the run's time is up, naming the first and counting the others
        (the folders are still listed: their problems are reported as usual)."""
        more = 0
        for item in rest:
            if isinstance(item, Problem):
                problems.append(item)
            else:
                more += 1
        return not_read(first, more, self.settings.run_seconds)


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
    return [
        c.model_copy(update={"subject": rename.get(c.subject, c.subject),  # type: ignore[arg-type]
                             "counterparty": rename.get(c.counterparty, c.counterparty)})  # type: ignore[arg-type]
        if c.subject in rename or c.counterparty in rename else c
        for c in claims
    ]


def extract(paths: Iterable[str], date: dt.date | None = None, settings: Settings | None = None) -> Extraction:
    """Read every file under `paths` and return its documents, claims and problems."""
    return Extractor(settings).run(paths, date)
