"""The left half of the pipeline: paths -> documents -> mentions -> claims, with problems collected.

`extract()` is the one entry point the CLI and the Python API share.
"""

from __future__ import annotations

import datetime as dt
import gc
import math
from collections import Counter
from collections.abc import Iterable, Iterator
from contextlib import contextmanager

from claimcheck.claims.assemble import Assembler
from claimcheck.config import Settings
from claimcheck.ingest.files import FIRST_YEAR, LAST_YEAR, Loaded, read_all
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

    def run(self, paths: Iterable[str], date: dt.date | None = None) -> Extraction:
        documents: list[Document] = []
        claims: list[Claim] = []
        problems: list[Problem] = []
        with fewer_collections():
            for loaded, found in read_all(paths, date, int(self.settings.max_file_mb * 2**20)):
                problems.extend(found)
                if loaded is None:
                    continue
                documents.append(loaded.document)
                claims.extend(self.document_claims(loaded, problems))
        return Extraction(documents=tuple(documents), claims=tuple(same_names(claims)), problems=tuple(problems))


@contextmanager
def fewer_collections(threshold: int = 20_000) -> Iterator[None]:
    """Extraction makes millions of short-lived objects and almost no reference cycles: the cyclic garbage
    collector's default (a pass every 700 allocations, rescanning the claims kept so far) costs about 5 % of
    a run. Fewer passes, and none over the objects that live for the whole run; restored afterwards."""
    previous = gc.get_threshold()
    gc.freeze()
    gc.set_threshold(threshold, previous[1], previous[2])
    try:
        yield
    finally:
        gc.set_threshold(*previous)
        gc.unfreeze()


def same_names(claims: list[Claim]) -> list[Claim]:
    """One name per organisation across the corpus: forms that shorten one another become the form used most
    ("Lumora AI" in one article, "Lumora" in three)."""
    rename = merge_short_forms(Counter(n for c in claims for n in (c.subject, c.counterparty) if n))
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
