"""What a check reads: its drafts, and the reference corpus they are checked against (files read now, or a
claim store), as one extraction with the drafts marked.

Only findings that involve a claim of a draft are the drafts' business (an old conflict between published
articles is not): `check` keeps those. A file that is both a draft and in the reference is read once, as a
draft; `date` is for drafts that state none (the reference is published: it has its dates or none).
"""

from __future__ import annotations

import datetime as dt
import math
import os
import time
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from claimcheck.claims.extract import Extractor, same_names
from claimcheck.engine.fx import COPY_RATE_DAYS
from claimcheck.ingest.files import Input
from claimcheck.models import Claim, Document, Extraction, Problem
from claimcheck.store.database import currency_pair


@dataclass(frozen=True)
class Corpus:
    """An extraction and which of its documents are drafts (their sources; None: every document is one)."""

    extraction: Extraction
    drafts: frozenset[str] | None = None
    reference_documents: int = 0
    """How many reference documents the drafts were checked against (read now or stored)."""


def read_corpus(
    extractor: Extractor, paths: Iterable[str], *, against: Iterable[str] | None = None, store: Path | None = None,
    drafts: Iterable[str] | None = None, date: dt.date | None = None,
    related: Mapping[str, Iterable[str]] | None = None, progress: Callable[[str], None] | None = None,
) -> Corpus:
    """The documents under `paths` and their reference (docs/store.md, "Drafts and reference"):
    - with neither `against`, `store` nor `drafts`, every document is a draft (a plain check);
    - with `against` (paths) or `store` (a claim store), the documents under `paths` are the drafts;
    - with `drafts` (file paths), only those files under `paths` are drafts and the other files under
      `paths` are reference, read now unless a store holds the reference.
    `related` is what the rules relate (`Rule.related_metrics`, merged; None: anything): what a store must
    give for the drafts' findings to be those of a full read. `progress` is called with each input's name."""
    if against is None and store is None and drafts is None:
        return Corpus(extractor.run(paths, date, progress))
    paths = list(paths)
    wanted = None if drafts is None else {os.path.realpath(p) for p in drafts}
    run_seconds = extractor.settings.run_seconds
    deadline = time.monotonic() + run_seconds if run_seconds else math.inf
    seen: set[str] = set()

    def is_draft(item: Input) -> bool:
        return wanted is None or (item.path is not None and _real(item) in wanted)

    drafted = _Reading(extractor, seen, deadline, reference=False, progress=progress)
    drafted.read(paths, date, is_draft, walk_problems=True)
    reference = _Reading(extractor, seen, deadline, reference=True, progress=progress)
    if drafted.documents:  # no draft, no finding to look for: the reference is not read
        if wanted is not None and store is None:
            reference.read(paths, None, lambda item: not is_draft(item), walk_problems=False)
        reference.read(list(against or ()), None, None, walk_problems=True)
    documents = [*drafted.documents, *reference.documents]
    claims = [*drafted.claims, *reference.claims]
    counted = len(reference.documents)
    counts = None
    if store is not None and drafted.documents:
        from claimcheck.store.identity import extraction_identity
        from claimcheck.store.reference import load_reference

        stored = load_reference(store, extraction_identity(extractor.settings), drafted.claims, reference.claims,
                                seen, related, _unrated_conversions(drafted.claims, drafted.documents))
        documents.extend(stored.documents)
        counts = Counter(n for c in claims for n in (c.subject, c.counterparty) if n) + stored.name_counts
        claims.extend(stored.claims)
        counted += stored.stored_documents
    extraction = Extraction(documents=tuple(documents), claims=tuple(same_names(claims, counts)),
                            problems=(*drafted.problems, *reference.problems))
    return Corpus(extraction, frozenset(d.source for d in drafted.documents), counted)


class _Reading:
    """Files read for one side of a check: the drafts, or the reference read now."""

    def __init__(self, extractor: Extractor, seen: set[str], deadline: float, reference: bool,
                 progress: Callable[[str], None] | None = None) -> None:
        self.extractor, self.seen, self.deadline, self.reference = extractor, seen, deadline, reference
        self.progress = progress
        self.documents: list[Document] = []
        self.claims: list[Claim] = []
        self.problems: list[Problem] = []

    def read(self, paths: list[str], date: dt.date | None, select, walk_problems: bool) -> None:
        """Read the files under `paths` that `select` takes and that were not read already. Problems of the
        reference are kept only when they are errors: a note about a published article is not the draft's."""
        def take(item: Input) -> bool:
            """Marked as seen when taken, not when its read comes back: with worker processes, inputs are
            taken a few ahead of the reads given (a second path to one file is then still read once)."""
            if select is not None and not select(item):
                return False
            if item.path is None:
                return True
            real = _real(item)
            if real in self.seen:
                return False
            self.seen.add(real)
            return True

        for read in self.extractor.read(paths, date, select=take, deadline=self.deadline, progress=self.progress):
            if read.input is None and not walk_problems:
                continue  # the same walk's problems, reported with the drafts
            self.problems.extend(p for p in read.problems if p.fatal or not self.reference)
            if read.document is not None:
                self.documents.append(read.document)
                self.claims.extend(read.claims)


def _real(item: Input) -> str:
    assert item.path is not None
    return os.path.realpath(item.path)


def _unrated_conversions(drafts: list[Claim], documents: list[Document]) -> set[tuple[str, str, str]]:
    """(currency pair, first day, last day) of each draft's conversion between currencies the reference rates do
    not cover: the stored conversions of the pair published within COPY_RATE_DAYS of the draft give the copy's
    own rate (`conversion-check`), so a store must give them as a full read would."""
    by_id = {c.id: c for c in drafts}
    published = {d.source: d.published for d in documents}
    windows: set[tuple[str, str, str]] = set()
    fx = None
    for c in drafts:
        original = by_id.get(c.conversion_of) if c.conversion_of else None
        day = published.get(c.source)
        if original is None or day is None or not original.value.currency or not c.value.currency:
            continue
        if fx is None:
            from claimcheck.engine.providers import shared_fx  # the rate table, loaded once per process

            fx = shared_fx()
        if fx.covers(original.value.currency) and fx.covers(c.value.currency):
            continue
        reach = dt.timedelta(days=COPY_RATE_DAYS)
        windows.add((currency_pair(original.value.currency, c.value.currency), (day - reach).isoformat(),
                     (day + reach).isoformat()))
    return windows
