"""Filling a store: `index()` reads the files under the given paths and keeps, per file, its content hash, its
document, claims, names and problems. A file whose bytes (and path as given) are those stored is not
extracted again; a file that changed is; a stored file that is no longer found under the path it was indexed
from is removed (docs/store.md, "Indexing")."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import math
import os
import sqlite3
import time
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from claimcheck.budget import memory_limit
from claimcheck.claims.extract import Extractor, Read, fewer_collections
from claimcheck.claims.jsonform import claim_json, document_json
from claimcheck.config import Settings
from claimcheck.ingest.files import Input
from claimcheck.mentions.organisations import LEGAL_INITIALS, contraction_keys, initial_forms, without_possessive
from claimcheck.models import Problem
from claimcheck.store.database import currency_pair, open_store, store_error
from claimcheck.store.identity import extraction_identity

#: Documents written per transaction: an interrupted run keeps what it committed, and a check reading the
#: store meanwhile waits for one batch at most.
BATCH = 200


@dataclass
class IndexReport:
    """What `index()` did, file by file counted, and what the store holds afterwards."""

    added: int = 0
    updated: int = 0
    unchanged: int = 0
    removed: int = 0
    problems: list[Problem] = field(default_factory=list)
    documents: int = 0
    claims: int = 0

    def summary(self, store: Path) -> str:
        return (f"{store}: {self.added:,} added, {self.updated:,} updated, {self.unchanged:,} unchanged, "
                f"{self.removed:,} removed; the store holds {self.documents:,} document(s), {self.claims:,} claim(s)")


def index(store: str | Path, paths: Iterable[str], settings: Settings | None = None, rebuild: bool = False) -> IndexReport:
    """Bring the store at `store` up to date with the files under `paths` (created when missing; `rebuild`
    empties it first). Raises `StoreError` for a store that cannot be used; input problems are in the report."""
    store = Path(store)
    settings = settings or Settings()
    extractor = Extractor(settings, keep_text=False)  # the store keeps no text
    db = open_store(store, extraction_identity(settings), write=True, rebuild=rebuild)
    report = IndexReport()
    try:
        with memory_limit(settings.memory_mb), fewer_collections():
            _Indexer(db, extractor, report).run(list(paths))
        report.documents, = db.execute("SELECT count(*) FROM documents").fetchone()
        report.claims, = db.execute("SELECT count(*) FROM claims").fetchone()
    except sqlite3.Error as exc:
        raise store_error(store, exc) from None
    finally:
        if db.in_transaction:
            db.execute("ROLLBACK")  # an interrupted batch: the batches before it are kept
        db.close()
    return report


class _Indexer:
    """One run of `index`: the files seen, what was pending in the open transaction."""

    def __init__(self, db: sqlite3.Connection, extractor: Extractor, report: IndexReport) -> None:
        self.db, self.extractor, self.report = db, extractor, report
        self.written = 0
        self.now = dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat()

    def run(self, paths: list[str]) -> None:
        run_seconds = self.extractor.settings.run_seconds
        deadline = time.monotonic() + run_seconds if run_seconds else math.inf
        for raw in paths:
            root = os.path.realpath(raw)
            seen: set[str] = set()
            hashes: dict[str, tuple[str, int]] = {}

            def unchanged(item: Input, data: bytes) -> bool:
                return self._unchanged(item, data, root, seen, hashes)

            for read in self.extractor.read([raw], None, skip=unchanged, deadline=deadline):
                self.report.problems.extend(read.problems)
                if read.input is not None and read.input.path is not None and not read.skipped:
                    real = os.path.realpath(read.input.path)
                    if read.document is not None:
                        self._write(real, root, hashes[real], read)
                        seen.add(real)
                    else:
                        self._remove(self._ids(real), count=True)  # unreadable now: its old claims are stale
            self._remove(self._gone(root, seen), count=True)
        self._commit()

    def _unchanged(self, item: Input, data: bytes, root: str, seen: set[str], hashes: dict) -> bool:
        """Whether a file's bytes and path as given are those stored (then it is not read again)."""
        assert item.path is not None
        real = os.path.realpath(item.path)
        digest = hashlib.sha256(data).hexdigest()
        again = real in hashes  # a second path to a file of this walk: the first one's write replaces its row
        hashes[real] = (digest, len(data))
        if again:
            return False  # read again, whether or not that write is done yet (worker processes: docs/scale.md)
        row = self.db.execute("SELECT id, sha256, source, relative, root FROM documents WHERE path = ?",
                              (real,)).fetchone()
        if row is None or (row[1], row[2], row[3]) != (digest, item.source, item.relative):
            return False
        if row[4] != root:  # found now under another indexed path: it goes with that one
            self._begin()
            self.db.execute("UPDATE documents SET root = ? WHERE id = ?", (root, row[0]))
        self.report.unchanged += 1
        seen.add(real)
        return True

    def _write(self, real: str, root: str, digest: tuple[str, int], read: Read) -> None:
        doc = read.document
        assert doc is not None
        old = self._ids(real)
        self._begin()
        self._remove(old, count=False)
        if old:
            self.report.updated += 1
        else:
            self.report.added += 1
        cur = self.db.execute(
            "INSERT INTO documents (path, root, sha256, size, source, relative, document, indexed_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (real, root, digest[0], digest[1], doc.source, doc.relative, _dumps(document_json(doc)), self.now))
        doc_id = cur.lastrowid
        self.db.executemany("INSERT INTO claims (document, subject, metric, claim) VALUES (?, ?, ?, ?)",
                            [(doc_id, c.subject, c.metric, _dumps(claim_json(c))) for c in read.claims])
        by_id = {c.id: c for c in read.claims}
        day = doc.published.isoformat() if doc.published else None
        self.db.executemany(  # a conversion with what it converts, by currency pair: the copy's own rates
            "INSERT INTO conversions (document, pair, published, claim, original) VALUES (?, ?, ?, ?, ?)",
            [(doc_id, currency_pair(o.value.currency, c.value.currency), day, _dumps(claim_json(c)),
              _dumps(claim_json(o)))
             for c in read.claims if c.conversion_of and c.value.currency
             and (o := by_id.get(c.conversion_of)) is not None and o.value.currency])
        names = Counter(n for c in read.claims for n in (c.subject, c.counterparty) if n)
        self.db.executemany("INSERT INTO names (document, name, first_word, uses) VALUES (?, ?, ?, ?)",
                            [(doc_id, n, key, k) for n, k in sorted(names.items()) for key in name_keys(n)])
        self.db.executemany("INSERT INTO problems (document, problem) VALUES (?, ?)",
                            [(doc_id, _dumps(p.model_dump(mode="json"))) for p in read.problems])
        self.written += 1
        if self.written % BATCH == 0:
            self._commit()

    def _ids(self, real: str) -> list[int]:
        return [row[0] for row in self.db.execute("SELECT id FROM documents WHERE path = ?", (real,))]

    def _gone(self, root: str, seen: set[str]) -> list[int]:
        """Stored files indexed from `root` that this walk of it did not find."""
        rows = self.db.execute("SELECT id, path FROM documents WHERE root = ?", (root,)).fetchall()
        return [doc_id for doc_id, path in rows if path not in seen]

    def _remove(self, ids: list[int], count: bool) -> None:
        if not ids:
            return
        self._begin()
        for doc_id in ids:
            for table in ("claims", "conversions", "names", "problems"):
                self.db.execute(f"DELETE FROM {table} WHERE document = ?", (doc_id,))
            self.db.execute("DELETE FROM documents WHERE id = ?", (doc_id,))
        if count:
            self.report.removed += len(ids)

    def _begin(self) -> None:
        if not self.db.in_transaction:
            self.db.execute("BEGIN IMMEDIATE")

    def _commit(self) -> None:
        if self.db.in_transaction:
            self.db.execute("COMMIT")


def name_keys(name: str) -> list[str]:
    """The words a name is indexed by: its first word, its last, the initials it can be written as, alone or
    with a legal form's letter ("Larsen & Toubro" under "Larsen", "Toubro", "L&T", "L&TL" and "L&TC"; "Bharti
    Airtel" under "Airtel"), and the keys a contraction shares with the name it contracts ("Magalu" and "Magazine
    Luiza" under "~mal"), so that a draft that writes any of them finds the other forms (`merge_short_forms`)."""
    words = name.split()
    keys = [words[0] if words else ""]
    if len(words) > 1 and words[-1] not in keys:
        keys.append(words[-1])
    for short in initial_forms(name):  # "BEL" (Limited) too; "GTCO" of "Guaranty Trust Holding Company"
        keys.extend(k for k in (short + legal for legal in LEGAL_INITIALS) if k not in keys)
    keys.extend(k for k in contraction_keys(name) if k not in keys)
    for word in (words[0], words[-1]) if words else ():  # "Casey's" under "Casey" too
        if (bare := without_possessive(word)) not in keys:
            keys.append(bare)
    return keys


def _dumps(data: object) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))
