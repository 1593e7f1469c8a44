"""Opening a claim store: the schema, its version, and a one-line refusal for every file that is not a
store this claimcheck can read (docs/store.md, "Refusals").

Every SQLite error becomes a `StoreError` naming the file; nothing here guesses: a file of another schema
version, of other extraction settings, or not a claimcheck store at all is refused, never misread.
"""

from __future__ import annotations

import json
import sqlite3
import stat
from pathlib import Path
from typing import Any

from claimcheck.config import ConfigError
from claimcheck.store.identity import claimcheck_version, differences, fingerprint

FORMAT = "claimcheck.store"
SCHEMA_VERSION = 2
#: How long to wait for another process's lock (an `index` writing) before giving up with a message.
LOCK_SECONDS = 5.0

SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE documents (
    id INTEGER PRIMARY KEY,
    path TEXT NOT NULL UNIQUE,
    root TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    size INTEGER NOT NULL,
    source TEXT NOT NULL,
    relative TEXT,
    document TEXT NOT NULL,
    indexed_at TEXT NOT NULL
);
CREATE INDEX documents_by_root ON documents(root);
CREATE TABLE claims (
    document INTEGER NOT NULL REFERENCES documents(id),
    subject TEXT,
    metric TEXT,
    claim TEXT NOT NULL
);
CREATE INDEX claims_by_fact ON claims(subject, metric);
CREATE INDEX claims_by_document ON claims(document);
CREATE TABLE conversions (
    document INTEGER NOT NULL REFERENCES documents(id),
    pair TEXT NOT NULL,
    published TEXT,
    claim TEXT NOT NULL,
    original TEXT NOT NULL
);
CREATE INDEX conversions_by_pair ON conversions(pair, published);
CREATE INDEX conversions_by_document ON conversions(document);
CREATE TABLE names (
    document INTEGER NOT NULL REFERENCES documents(id),
    name TEXT NOT NULL,
    first_word TEXT NOT NULL,
    uses INTEGER NOT NULL
);
CREATE INDEX names_by_first_word ON names(first_word);
CREATE INDEX names_by_document ON names(document);
CREATE TABLE problems (
    document INTEGER NOT NULL REFERENCES documents(id),
    problem TEXT NOT NULL
);
CREATE INDEX problems_by_document ON problems(document);
"""
TABLES = ("meta", "documents", "claims", "conversions", "names", "problems")


def currency_pair(a: str, b: str) -> str:
    """The `conversions.pair` of two currencies, either way round ("CLP/USD")."""
    return f"{a}/{b}" if a <= b else f"{b}/{a}"


class StoreError(ConfigError):
    """A store that cannot be used; the message is one line naming the file (exit status 2)."""


def rebuild_hint(path: Path) -> str:
    return f"index again with `claimcheck index PATH... --store {path} --rebuild`"


def open_store(
    path: Path, identity: dict[str, Any], write: bool = False, rebuild: bool = False, timeout: float = LOCK_SECONDS,
) -> sqlite3.Connection:
    """A connection to the store at `path`, checked: SQLite, claimcheck's format, this schema version, claims
    extracted as `identity` says this run extracts them (`identity.extraction_identity`). For writing, a
    missing (or empty) file becomes a new store and `rebuild` empties a store of any version or identity;
    for reading, the file is opened read-only and never created."""
    _refuse_unusable_file(path, write)
    fresh = write and (not path.exists() or path.stat().st_size == 0)
    if not write and path.stat().st_size == 0:
        raise StoreError(f"{path}: an empty file, not a claimcheck store")
    mode = ("rwc" if fresh else "rw") if write else "ro"
    try:
        db = sqlite3.connect(f"{path.absolute().as_uri()}?mode={mode}", uri=True, timeout=timeout,
                             isolation_level=None, check_same_thread=False)
    except sqlite3.Error as exc:
        raise StoreError(f"{path}: cannot open the store: {sqlite_reason(exc)}") from None
    try:
        if fresh:
            _create(db, identity)
        else:
            _check_format(db, path, identity, rebuild)
            _check_identity(db, path, identity)
        if not write:
            db.execute("PRAGMA query_only = ON")
    except sqlite3.Error as exc:
        db.close()
        raise store_error(path, exc) from None
    except StoreError:
        db.close()
        raise
    return db


def _refuse_unusable_file(path: Path, write: bool) -> None:
    try:
        st = path.stat()
    except FileNotFoundError:
        if not write:
            raise StoreError(f"{path}: no such store; create it with `claimcheck index PATH... --store {path}`") from None
        if not path.parent.is_dir():
            raise StoreError(f"{path}: cannot create the store: folder {path.parent} does not exist") from None
        return
    except OSError as exc:
        raise StoreError(f"{path}: cannot read the store: {exc.strerror}") from None
    if stat.S_ISDIR(st.st_mode):
        raise StoreError(f"{path}: is a folder, not a claimcheck store")
    if not stat.S_ISREG(st.st_mode):
        raise StoreError(f"{path}: not a regular file, not a claimcheck store")
    if write and not st.st_mode & 0o222:
        # read-only on purpose (even for root, who could write it): a store someone froze is not updated
        raise StoreError(f"{path}: the store is read-only; make it writable (chmod u+w) or index into another file")


def _create(db: sqlite3.Connection, identity: dict[str, Any]) -> None:
    _script(db, _schema_statements(identity))


def _script(db: sqlite3.Connection, statements: str) -> None:
    """Run `statements` as one transaction: all of them or none."""
    try:
        db.executescript(f"BEGIN IMMEDIATE;\n{statements}COMMIT;\n")
    except sqlite3.Error:
        if db.in_transaction:
            db.execute("ROLLBACK")
        raise


def _schema_statements(identity: dict[str, Any]) -> str:
    """The schema and its meta rows, as one script run inside the caller's transaction."""
    rows = {"format": FORMAT, "schema_version": str(SCHEMA_VERSION), "claimcheck_version": claimcheck_version(),
            "extraction": json.dumps(identity, sort_keys=True), "extraction_fingerprint": fingerprint(identity)}
    inserts = "".join(f"INSERT INTO meta VALUES ({_quote(k)}, {_quote(v)});\n" for k, v in rows.items())
    return SCHEMA + inserts


def _quote(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _check_format(db: sqlite3.Connection, path: Path, identity: dict[str, Any], rebuild: bool) -> None:
    """A claimcheck store of this schema version (or, with `rebuild`, of any: emptied and made anew)."""
    try:
        tables = {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    except sqlite3.DatabaseError as exc:
        if isinstance(exc, sqlite3.OperationalError):
            raise
        raise StoreError(f"{path}: not a claimcheck store (not an SQLite database)") from None
    if "meta" not in tables:
        raise StoreError(f"{path}: not a claimcheck store (an SQLite database without claimcheck's tables)")
    meta = dict(db.execute("SELECT key, value FROM meta").fetchall())
    if meta.get("format") != FORMAT:
        raise StoreError(f"{path}: not a claimcheck store (its meta table names no claimcheck store)")
    if rebuild:
        drops = "".join(f'DROP TABLE "{t}";\n' for t in sorted(tables) if not t.startswith("sqlite_"))
        _script(db, drops + _schema_statements(identity))
        return
    if meta.get("schema_version") == str(SCHEMA_VERSION) and set(TABLES) <= tables:
        return
    written = meta.get("claimcheck_version", "an unknown version")
    raise StoreError(
        f"{path}: a claimcheck store of schema version {meta.get('schema_version', '?')} (written by claimcheck "
        f"{written}); this claimcheck reads version {SCHEMA_VERSION}: {rebuild_hint(path)}"
    )


def _check_identity(db: sqlite3.Connection, path: Path, identity: dict[str, Any]) -> None:
    """Claims extracted otherwise than this run would extract them are never mixed with its own."""
    stored = meta(db).get("extraction_fingerprint")
    if stored == fingerprint(identity):
        return
    try:
        before = json.loads(meta(db).get("extraction", "{}"))
    except ValueError:
        before = {}
    differ = differences(before if isinstance(before, dict) else {}, identity) or ["extraction"]
    how = ("by another claimcheck (its extraction code differs)" if differ == ["code"] else
           f"with other settings than this run's (differ: {', '.join(differ)})")
    raise StoreError(f"{path}: its claims were extracted {how}; {rebuild_hint(path)}, or run with the "
                     "configuration it was built with")


def sqlite_reason(exc: sqlite3.Error) -> str:
    return " ".join(str(exc).split()) or type(exc).__name__


def store_error(path: Path, exc: sqlite3.Error) -> StoreError:
    """An SQLite error as the one line a user can act on."""
    reason = sqlite_reason(exc)
    if "locked" in reason or "busy" in reason:
        return StoreError(f"{path}: the store is locked by another process (waited {LOCK_SECONDS:g} s); try again when it is done")
    if "readonly" in reason or "read-only" in reason:
        return StoreError(f"{path}: the store is read-only ({reason}); make it writable or index into another file")
    if "not a database" in reason or "malformed" in reason or "encrypted" in reason:
        return StoreError(f"{path}: not a claimcheck store ({reason})")
    return StoreError(f"{path}: store error: {reason}")


def meta(db: sqlite3.Connection) -> dict[str, str]:
    return dict(db.execute("SELECT key, value FROM meta").fetchall())
