"""Reading a store for a check: the claims of the stored corpus that can matter to the drafts' claims.

A finding that involves a draft's claim involves claims of the same organisation and metric (a fact), or of a
metric a rule relates to it (revenue and ARR), or of the draft's own document: `load_reference` reads only
those, by index, with what is needed to merge organisation names across the whole corpus exactly as a
full read would. With `related` None (a rule that does not say what it relates) it reads every claim.
"""

from __future__ import annotations

import json
import sqlite3
from collections import Counter
from collections.abc import Iterable, Mapping, Set as AbstractSet
from dataclasses import dataclass
from pathlib import Path

from claimcheck.claims.compact import compact
from claimcheck.claims.jsonform import claim_from_json, document_from_json
from claimcheck.mentions.organisations import merge_short_forms
from claimcheck.models import Claim, Document
from claimcheck.store.database import open_store, store_error
from claimcheck.store.index import name_keys

CHUNK = 500  # values per `IN (…)`: far below SQLite's limit on parameters


@dataclass(frozen=True)
class StoredReference:
    """What a check takes from a store: documents and claims as extracted (names not yet merged across the
    corpus), and how often the store's documents use each name of every name family involved, so that
    `same_names` merges them as it would over the whole corpus."""

    documents: tuple[Document, ...]
    claims: tuple[Claim, ...]
    name_counts: Counter[str]
    stored_documents: int


def _counted_key(name: str, words: AbstractSet[str]) -> str | None:
    """The one key a name's uses are counted under: the first of its index keys among `words`."""
    return next((key for key in name_keys(name) if key in words), None)


def load_reference(
    path: Path, identity: dict, drafts: Iterable[Claim], read: Iterable[Claim], replaced: Iterable[str],
    related: Mapping[str, Iterable[str]] | None, conversions: Iterable[tuple[str, str, str]] = (),
) -> StoredReference:
    """The stored claims that may share a finding with `drafts` (every one when `related` is None). `read`
    are the other claims of the run (drafts' and reference files read now), `replaced` the real paths of
    files read now, whose stored versions are left out; `conversions`, the (currency pair, first day, last day)
    whose stored conversions are wanted too (ISO days; `conversions.pair`). Raises `StoreError` for a store that
    cannot be used."""
    db = open_store(path, identity)
    try:
        db.execute("BEGIN")  # one snapshot for every query, even while an `index` commits
        return _Loader(db, list(replaced)).load(list(drafts), list(read), related, list(conversions))
    except sqlite3.Error as exc:
        raise store_error(path, exc) from None
    finally:
        db.close()


class _Loader:
    def __init__(self, db: sqlite3.Connection, replaced: list[str]) -> None:
        self.db = db
        self.excluded = {row[0] for chunk in _chunks(replaced)
                         for row in db.execute(f"SELECT id FROM documents WHERE path IN ({_marks(chunk)})", chunk)}

    def load(self, drafts: list[Claim], read: list[Claim], related: Mapping[str, Iterable[str]] | None,
             conversions: list[tuple[str, str, str]]) -> StoredReference:
        total = self.db.execute("SELECT count(*) FROM documents").fetchone()[0] - len(self.excluded)
        if related is None:
            rows = self.db.execute("SELECT document, claim FROM claims").fetchall()
            claims = self._claims(rows)
            counts = Counter(n for c in claims for n in (c.subject, c.counterparty) if n)
            return StoredReference(self._documents(rows), tuple(claims), counts, total)
        memory = Counter(n for c in [*drafts, *read] for n in (c.subject, c.counterparty) if n)
        words = {key for n in memory for key in name_keys(n)}
        counts = self._name_counts(words)
        rename = merge_short_forms(memory + counts)
        wanted = self._wanted(drafts, rename, memory + counts, related)
        rows = [row for subject, metric in sorted(wanted) for row in self.db.execute(
            "SELECT document, claim FROM claims WHERE subject = ? AND metric = ?", (subject, metric))]
        rows += self._conversions(conversions)
        claims = self._claims(rows)
        more = {key for c in claims for n in (c.subject, c.counterparty) if n for key in name_keys(n)} - words
        counts += self._name_counts(more, counted=words)
        return StoredReference(self._documents(rows), tuple(claims), counts, total)

    def _wanted(self, drafts: list[Claim], rename: dict[str, str], names: Counter[str],
                related: Mapping[str, Iterable[str]]) -> set[tuple[str, str]]:
        """(subject as stored, metric) of every stored claim a draft's claim can be related to: its
        organisation under any name that merges into the same one, its metric and the metrics related to it."""
        metrics: dict[str, set[str]] = {}
        for c in drafts:
            if c.subject and c.metric:
                metrics.setdefault(rename.get(c.subject, c.subject), set()).update(_closure(c.metric, related))
        forms: dict[str, list[str]] = {}
        for name in names:
            forms.setdefault(rename.get(name, name), []).append(name)
        return {(form, metric) for subject, wanted in metrics.items() for form in forms.get(subject, [subject])
                for metric in wanted}

    def _name_counts(self, words: set[str], counted: AbstractSet[str] = frozenset()) -> Counter[str]:
        """How often the store's documents use each name indexed under one of `words`. A name indexed under two
        of them (its first and last words, its initials) is counted under the first of its keys asked for only,
        and not at all when one of its keys is among `counted` (asked for before)."""
        counts: Counter[str] = Counter()
        for chunk in _chunks(sorted(words)):
            for name, key, uses in self.db.execute(
                    f"SELECT name, first_word, sum(uses) FROM names WHERE first_word IN ({_marks(chunk)}) "
                    f"GROUP BY name, first_word", chunk):
                if key == _counted_key(name, words) and _counted_key(name, counted) is None:
                    counts[name] += uses
        for chunk in _chunks(sorted(self.excluded)):
            for name, key, uses in self.db.execute(
                    f"SELECT name, first_word, uses FROM names WHERE document IN ({_marks(chunk)})", chunk):
                if key == _counted_key(name, words) and _counted_key(name, counted) is None:
                    counts[name] -= uses
        return +counts  # drops names only the replaced documents used

    def _conversions(self, windows: Iterable[tuple[str, str, str]]) -> list[tuple[int, str]]:
        """The stored conversions of each (pair, first day, last day) with what they convert, by the pair's index:
        the copy's own rates `conversion-check` takes for a draft's conversion between currencies the reference
        rates do not cover."""
        rows: list[tuple[int, str]] = []
        for pair, first, last in sorted(set(windows)):
            for doc_id, claim, original_json in self.db.execute(
                    "SELECT document, claim, original FROM conversions WHERE pair = ? AND published BETWEEN ? AND ?",
                    (pair, first, last)):
                rows += [(doc_id, claim), (doc_id, original_json)]
        return rows

    def _claims(self, rows: list[tuple[int, str]]) -> list[Claim]:
        """The claims of `rows`, each once (a conversion's original may also be a claim of a fact asked for)."""
        seen: set[str] = set()
        found = []
        for doc_id, text in rows:
            if doc_id in self.excluded:
                continue
            claim = claim_from_json(json.loads(text))
            if claim.id not in seen:
                seen.add(claim.id)
                found.append(claim)
        return compact(found)

    def _documents(self, rows: list[tuple[int, str]]) -> tuple[Document, ...]:
        """The stored documents the claims of `rows` come from (their dates and paths are what rules and
        fingerprints use)."""
        ids = sorted({doc_id for doc_id, _ in rows} - self.excluded)
        docs = [document_from_json(json.loads(text), relative) for chunk in _chunks(ids) for relative, text in
                self.db.execute(f"SELECT relative, document FROM documents WHERE id IN ({_marks(chunk)})", chunk)]
        return tuple(sorted(docs, key=lambda d: d.source))


def _closure(metric: str, related: Mapping[str, Iterable[str]]) -> set[str]:
    """`metric` and every metric related to it, directly or through another."""
    found, todo = {metric}, [metric]
    while todo:
        for other in related.get(todo.pop(), ()):
            if other not in found:
                found.add(other)
                todo.append(other)
    return found


def _chunks(values: list) -> list[list]:
    return [values[i:i + CHUNK] for i in range(0, len(values), CHUNK)]


def _marks(values: list) -> str:
    return ", ".join("?" * len(values))
