"""`claimcheck index` and `check --against-store` end to end, on real SQLite files: what re-indexing does with
unchanged, changed, new and deleted files, and every store that is refused (docs/store.md)."""

from __future__ import annotations

import json
import os
import sqlite3
import stat
from pathlib import Path

import pytest

BODY = "Acme Robotics raised ${} million in a Series A round in March 2025."


def publish(folder: Path, name: str, millions: int, write_article, date: str = "2025-04-01") -> Path:
    return write_article(folder / name, BODY.format(millions), date=date)


def counts(run) -> str:
    """'2 added, 0 updated, …' from index's summary line."""
    assert run.status == 0, run
    (line,) = run.out.splitlines()
    return line.split(": ", 1)[1].split(";")[0]


def stored_quotes(db: Path) -> dict[str, str]:
    with sqlite3.connect(db) as con:
        return {json.loads(claim)["source"]: json.loads(claim)["quote"] for (claim,) in con.execute("SELECT claim FROM claims")}


def test_index_then_reindex_reads_only_what_changed(cli, tmp_path, write_article):
    for name, value in (("a.md", 12), ("b.md", 12), ("c.md", 12)):
        publish(tmp_path / "published", name, value, write_article)
    run = cli("index", "published", "--store", "claims.db")
    assert counts(run) == "3 added, 0 updated, 0 unchanged, 0 removed", run
    assert "the store holds 3 document(s), 3 claim(s)" in run.out
    assert counts(cli("index", "published", "--store", "claims.db")) == "0 added, 0 updated, 3 unchanged, 0 removed"

    # an unchanged file is not extracted again: a mark put into its stored claim survives the re-index
    with sqlite3.connect(tmp_path / "claims.db") as con:
        con.execute("UPDATE claims SET claim = replace(claim, '$12 million', 'MARK') "
                    "WHERE document = (SELECT id FROM documents WHERE source = 'published/a.md')")
    publish(tmp_path / "published", "b.md", 20, write_article)                 # changed
    (tmp_path / "published" / "c.md").unlink()                                  # deleted
    publish(tmp_path / "published" / "2025", "d.md", 12, write_article)         # new, in a new folder
    run = cli("index", "published", "--store", "claims.db")
    assert counts(run) == "1 added, 1 updated, 1 unchanged, 1 removed", run
    assert stored_quotes(tmp_path / "claims.db") == {
        "published/a.md": "MARK", "published/b.md": "$20 million", "published/2025/d.md": "$12 million"}


def test_a_file_indexed_from_another_path_is_kept(cli, tmp_path, write_article):
    publish(tmp_path / "one", "a.md", 12, write_article)
    publish(tmp_path / "two", "b.md", 20, write_article)
    assert counts(cli("index", "one", "--store", "claims.db")) == "1 added, 0 updated, 0 unchanged, 0 removed"
    assert counts(cli("index", "two", "--store", "claims.db")) == "1 added, 0 updated, 0 unchanged, 0 removed"
    assert set(stored_quotes(tmp_path / "claims.db")) == {"one/a.md", "two/b.md"}
    (tmp_path / "two" / "b.md").unlink()
    assert counts(cli("index", "two", "--store", "claims.db")) == "0 added, 0 updated, 0 unchanged, 1 removed"
    assert set(stored_quotes(tmp_path / "claims.db")) == {"one/a.md"}


def test_check_against_store_reports_only_the_drafts_findings(cli, tmp_path, write_article):
    publish(tmp_path / "published", "a.md", 12, write_article)
    publish(tmp_path / "published", "b.md", 20, write_article)  # an old conflict between published articles
    assert cli("index", "published", "--store", "claims.db").status == 0
    write_article(tmp_path / "drafts" / "clean.md", BODY.replace("Acme", "Zenith").format(12), date="2025-04-03")
    clean = cli("check", "drafts/clean.md", "--against-store=claims.db", "--format", "json")
    assert clean.status == 0, clean
    data = clean.json()
    assert data["findings"] == [] and data["drafts"] == ["drafts/clean.md"] and data["reference_documents"] == 2
    assert [c["source"] for c in data["claims"]] == ["drafts/clean.md"]

    publish(tmp_path / "drafts", "new.md", 30, write_article, date="2025-04-03")
    run = cli("check", "drafts/new.md", "--against-store=claims.db", "--format", "json")
    assert run.status == 1, run
    (finding,) = run.json()["findings"]
    shown = {c["id"]: c["source"] for c in run.json()["claims"]}
    assert sorted(shown[i] for i in finding["claims"]) == ["drafts/new.md", "published/a.md", "published/b.md"]
    text = cli("check", "drafts/new.md", "--against-store=claims.db")
    assert text.status == 1 and "1 draft(s), 1 claim(s), against 2 reference document(s): 1 error(s)" in text.out


def test_a_draft_in_the_store_replaces_its_stored_version(cli, tmp_path, write_article):
    publish(tmp_path / "published", "a.md", 12, write_article)
    publish(tmp_path / "published", "b.md", 12, write_article)
    assert cli("index", "published", "--store", "claims.db").status == 0
    publish(tmp_path / "published", "a.md", 30, write_article)  # edited since it was indexed
    run = cli("check", "published/a.md", "--against-store=claims.db", "--format", "json")
    assert run.status == 1, run
    (finding,) = run.json()["findings"]
    assert len(finding["claims"]) == 2 and "'$30 million' and '$12 million'" in finding["message"] or \
        "'$12 million' and '$30 million'" in finding["message"]
    assert run.json()["reference_documents"] == 1


def test_store_from_config(cli, tmp_path, write_article):
    publish(tmp_path / "published", "a.md", 12, write_article)
    publish(tmp_path / "drafts", "d.md", 30, write_article)
    (tmp_path / "claimcheck.toml").write_text('store = "data/claims.db"\n', encoding="utf-8")
    (tmp_path / "data").mkdir()
    assert counts(cli("index", "published")) == "1 added, 0 updated, 0 unchanged, 0 removed"
    assert (tmp_path / "data" / "claims.db").is_file()
    assert cli("check", "drafts/d.md", "--against-store").status == 1
    bad = cli("check", "drafts/d.md", "--against-store", cwd=tmp_path / "drafts")  # no config there
    assert bad.status == 2 and bad.err_lines == [
        'claimcheck: error: check --against-store: no store named: give FILE, or set store = "FILE" in claimcheck.toml']


def test_store_setting_is_validated(cli, tmp_path, write_article):
    write_article(tmp_path / "a.md")
    (tmp_path / "claimcheck.toml").write_text("store = 3\n", encoding="utf-8")
    run = cli("index", "a.md")
    assert run.status == 2 and run.err_lines == [
        f"claimcheck: error: {tmp_path / 'claimcheck.toml'}: store must be the path of a claim store file, "
        'like store = "claims.db", got 3']


def _refused(cli, tmp_path, store: Path, message: str) -> None:
    """Both commands refuse `store` with one line naming it, exit 2, and leave the file as it was."""
    before = store.read_bytes() if store.is_file() else None
    for args in (("index", "published", "--store", str(store)), ("check", "d.md", f"--against-store={store}")):
        run = cli(*args)
        assert run.status == 2, run
        assert run.out == "" and run.err_lines == [f"claimcheck: error: {store}: {message}"], run
    assert (store.read_bytes() if store.is_file() else None) == before


@pytest.fixture
def corpus(tmp_path, write_article):
    publish(tmp_path / "published", "a.md", 12, write_article)
    publish(tmp_path, "d.md", 30, write_article)
    return tmp_path


def test_garbage_is_refused(cli, corpus):
    store = corpus / "claims.db"
    store.write_bytes(os.urandom(4096))
    _refused(cli, corpus, store, "not a claimcheck store (not an SQLite database)")


def test_a_text_file_named_db_is_refused(cli, corpus):
    store = corpus / "notes.db"
    store.write_text("my notes, not a database\n" * 20, encoding="utf-8")
    _refused(cli, corpus, store, "not a claimcheck store (not an SQLite database)")


def test_another_sqlite_database_is_refused(cli, corpus):
    store = corpus / "app.db"
    with sqlite3.connect(store) as con:
        con.execute("CREATE TABLE users (name TEXT)")
    _refused(cli, corpus, store, "not a claimcheck store (an SQLite database without claimcheck's tables)")


def test_another_schema_version_is_refused_until_rebuilt(cli, corpus):
    assert cli("index", "published", "--store", "claims.db").status == 0
    with sqlite3.connect(corpus / "claims.db") as con:
        con.execute("UPDATE meta SET value = '0' WHERE key = 'schema_version'")
    store = corpus / "claims.db"
    _refused(cli, corpus, store, "a claimcheck store of schema version 0 (written by claimcheck 0.1.0); this claimcheck "
             f"reads version 2: index again with `claimcheck index PATH... --store {store} --rebuild`")
    assert counts(cli("index", "published", "--store", str(store), "--rebuild")) == \
        "1 added, 0 updated, 0 unchanged, 0 removed"
    assert cli("check", "d.md", f"--against-store={store}").status == 1


def test_other_extraction_settings_are_refused(cli, corpus):
    assert cli("index", "published", "--store", "claims.db").status == 0
    (corpus / "cad.toml").write_text('dollar = "CAD"\n[lexicon.metrics]\ntake_rate = ["take rate"]\n', encoding="utf-8")
    store = corpus / "claims.db"
    hint = (f"index again with `claimcheck index PATH... --store {store} --rebuild`, or run with the configuration "
            "it was built with")
    for args in (("index", "published"), ("check", "d.md")):
        flag = ["--store", str(store)] if args[0] == "index" else [f"--against-store={store}"]
        run = cli(*args, *flag, "--config", "cad.toml")
        assert run.status == 2 and run.err_lines == [
            f"claimcheck: error: {store}: its claims were extracted with other settings than this run's "
            f"(differ: dollar, lexicon); {hint}"], run
    assert cli("index", "published", "--store", str(store), "--config", "cad.toml", "--rebuild").status == 0
    assert cli("check", "d.md", f"--against-store={store}", "--config", "cad.toml").status == 1
    assert cli("check", "d.md", f"--against-store={store}").status == 2  # and now the defaults are refused


def test_a_read_only_store_is_refused_by_index_and_read_by_check(cli, corpus):
    assert cli("index", "published", "--store", "claims.db").status == 0
    store = corpus / "claims.db"
    store.chmod(stat.S_IRUSR | stat.S_IRGRP)
    try:
        before = store.read_bytes()
        run = cli("index", "published", "--store", str(store))
        assert run.status == 2 and run.err_lines == [
            f"claimcheck: error: {store}: the store is read-only; make it writable (chmod u+w) or index into another file"]
        assert store.read_bytes() == before
        assert cli("check", "d.md", f"--against-store={store}").status == 1  # reading needs no write access
    finally:
        store.chmod(stat.S_IRUSR | stat.S_IWUSR)


def test_a_locked_store_is_refused_after_a_wait(cli, corpus):
    assert cli("index", "published", "--store", "claims.db").status == 0
    lock = sqlite3.connect(corpus / "claims.db", isolation_level=None)
    lock.execute("BEGIN EXCLUSIVE")
    try:
        run = cli("index", "published", "--store", "claims.db")
    finally:
        lock.execute("ROLLBACK")
        lock.close()
    assert run.status == 2 and run.err_lines == [
        "claimcheck: error: claims.db: the store is locked by another process (waited 5 s); try again when it is done"]


def test_missing_folder_empty_file_and_missing_store(cli, corpus):
    run = cli("index", "published", "--store", "no/such/claims.db")
    assert run.status == 2 and run.err_lines == [
        "claimcheck: error: no/such/claims.db: cannot create the store: folder no/such does not exist"]
    run = cli("check", "d.md", "--against-store=missing.db")
    assert run.status == 2 and run.err_lines == [
        "claimcheck: error: missing.db: no such store; create it with `claimcheck index PATH... --store missing.db`"]
    assert not (corpus / "missing.db").exists()
    (corpus / "empty.db").touch()
    run = cli("check", "d.md", "--against-store=empty.db")
    assert run.status == 2 and run.err_lines == ["claimcheck: error: empty.db: an empty file, not a claimcheck store"]
    assert counts(cli("index", "published", "--store", "empty.db")) == "1 added, 0 updated, 0 unchanged, 0 removed"
    (corpus / "folder.db").mkdir()
    run = cli("index", "published", "--store", "folder.db")
    assert run.status == 2 and run.err_lines == ["claimcheck: error: folder.db: is a folder, not a claimcheck store"]


def test_index_refuses_standard_input_and_reports_unreadable_files(cli, corpus):
    run = cli("index", "-", "--store", "claims.db")
    assert run.status == 2 and "standard input (-) cannot be indexed" in run.err and len(run.err_lines) == 1
    (corpus / "published" / "binary.md").write_bytes(b"\x00\x01" * 100)
    run = cli("index", "published", "--store", "claims.db")
    assert run.status == 2 and run.err_lines == ["claimcheck: error: published/binary.md: binary file, skipped"]
    assert "1 added" in run.out  # the readable file is stored all the same
