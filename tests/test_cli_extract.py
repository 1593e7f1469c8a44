"""End-to-end tests of `claimcheck extract`: the real command in a subprocess, in a scratch folder.

Exit status (claimcheck/cli.py, docs/bad-input.md): 0 done, notes on stderr allowed; 2 a usage or
configuration error, or any input that could not be read (the others are still processed). Every problem
is one line on stderr naming the file; never a traceback.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO / "fixtures" / "corpus"
DATE = "2025-02-10"

#: The claim fields of docs/json.md, used when the documentation's example cannot be read.
CLAIM_FIELDS = {
    "id", "source", "span", "line", "column", "quote", "sentence", "subject", "counterparty", "metric",
    "value", "period", "modality", "conversion_of", "round", "cumulative",
}
VALUE_FIELDS = {"amount", "currency", "low", "high", "qualifier"}
PERIOD_FIELDS = {"start", "end", "text", "granularity"}
CSV_COLUMNS = [
    "id", "source", "line", "column", "start", "end", "quote", "subject", "counterparty", "metric", "amount",
    "currency", "low", "high", "qualifier", "period_start", "period_end", "period_text", "granularity",
    "modality", "conversion_of", "round", "cumulative", "sentence",
]


def documented_claim_fields() -> set[str]:
    """The keys of the example claim in docs/json.md (fields may be added within a version)."""
    doc = REPO / "docs" / "json.md"
    if doc.is_file():
        m = re.search(r"```json\n(.*?)```", doc.read_text(encoding="utf-8"), re.DOTALL)
        if m:
            return set(json.loads(m.group(1))["claims"][0])
    return CLAIM_FIELDS


def no_traceback(run) -> None:
    assert "Traceback" not in run.err, str(run)
    assert "Traceback" not in run.out, str(run)


def claims_of(data: dict, source: str) -> list[dict]:
    return [c for c in data["claims"] if c["source"] == source]


def quotes_of(data: dict, source: str) -> list[str]:
    return [c["quote"] for c in claims_of(data, source)]


@pytest.fixture(scope="module")
def corpus_json(cli_env) -> dict:
    """The fixture corpus extracted once as JSON, for the tests that compare formats."""
    proc = subprocess.run(
        [sys.executable, "-m", "claimcheck", "extract", str(CORPUS), "--format", "json"],
        capture_output=True, env=cli_env, timeout=60, cwd=REPO,
    )
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


# ------------------------------------------------------------------ the fixture corpus, three formats


def test_corpus_as_text(cli):
    run = cli("extract", str(CORPUS))
    no_traceback(run)
    assert run.status == 0, str(run)
    assert run.err == ""
    assert "02-defence-push.md" in run.out
    assert "around €300m" in run.out
    assert "Mistral courts Europe's militaries" in run.out  # the title heads its table
    assert run.out.rstrip().splitlines()[-1].startswith("8 document(s), ")


def test_corpus_as_json(cli, corpus_json):
    run = cli("extract", str(CORPUS), "--format", "json")
    no_traceback(run)
    assert run.status == 0, str(run)
    assert run.err == ""
    data = run.json()
    assert set(data) == {"schema", "version", "documents", "claims", "problems"}
    assert data["schema"] == "claimcheck.extract"
    assert data["version"] == 1
    assert data["problems"] == []
    assert len(data["documents"]) == 8
    assert {d["date_origin"] for d in data["documents"]} == {"front-matter"}
    assert data["claims"], "the corpus has claims"
    sources = {d["source"] for d in data["documents"]}
    fields = documented_claim_fields()
    for claim in data["claims"]:
        assert fields <= set(claim), fields - set(claim)
        assert VALUE_FIELDS <= set(claim["value"])
        assert claim["period"] is None or PERIOD_FIELDS <= set(claim["period"])
        assert claim["source"] in sources
        assert claim["modality"] in ("actual", "target", "projection", "rumor", "plan")
    assert len(data["claims"]) == len(corpus_json["claims"])


def test_corpus_as_csv(cli, corpus_json):
    run = cli("extract", str(CORPUS), "--format", "csv")
    no_traceback(run)
    assert run.status == 0, str(run)
    rows = list(csv.reader(io.StringIO(run.out)))
    header, body = rows[0], rows[1:]
    assert header[0] == "id"
    assert set(CSV_COLUMNS) <= set(header), set(CSV_COLUMNS) - set(header)
    assert len(body) == len(corpus_json["claims"])
    by_id = {c["id"]: c for c in corpus_json["claims"]}
    for row in map(dict, (zip(header, r) for r in body)):
        assert row["quote"] == by_id[row["id"]]["quote"]


@pytest.mark.parametrize("fmt", ["json", "csv", "text"])
def test_output_file(cli, tmp_path, corpus_json, fmt):
    run = cli("extract", str(CORPUS), "--format", fmt, "-o", f"claims.{fmt}")
    no_traceback(run)
    assert run.status == 0, str(run)
    assert run.out == ""
    written = (tmp_path / f"claims.{fmt}").read_text(encoding="utf-8")
    if fmt == "json":
        assert len(json.loads(written)["claims"]) == len(corpus_json["claims"])
    elif fmt == "csv":
        assert len(written.splitlines()) == len(corpus_json["claims"]) + 1
    else:
        assert "around €300m" in written


def test_output_file_in_missing_folder(cli):
    run = cli("extract", str(CORPUS), "-o", "no/such/folder/claims.json", "--format", "json")
    no_traceback(run)
    assert run.status == 2, str(run)
    assert len(run.err_lines) == 1 and "no/such/folder/claims.json" in run.err and "cannot write" in run.err


# ------------------------------------------------------------------ publication dates


def test_stdin_with_date(cli):
    run = cli("extract", "-", "--date", "2025-02-11", "--format", "json",
              stdin="Acme raised $9 million last year.\n".encode())
    no_traceback(run)
    assert run.status == 0, str(run)
    assert run.err == ""
    data = run.json()
    (doc,) = data["documents"]
    assert doc["source"] == "<stdin>"
    assert doc["published"] == "2025-02-11" and doc["date_origin"] == "option"
    (claim,) = data["claims"]
    assert claim["quote"] == "$9 million" and claim["source"] == "<stdin>"
    assert (claim["period"]["start"], claim["period"]["end"]) == ("2024-01-01", "2024-12-31")


def test_date_option_only_for_documents_without_a_date(cli, tmp_path, write_article):
    write_article(tmp_path / "dated.md", "Acme raised $5 million last year.", date="2025-02-10")
    write_article(tmp_path / "undated.md", "Bolt raised $6 million last year.", date=None)
    run = cli("extract", "dated.md", "undated.md", "--date", "2020-06-01", "--format", "json")
    no_traceback(run)
    assert run.status == 0, str(run)
    assert run.err == ""
    docs = {d["source"]: d for d in run.json()["documents"]}
    assert (docs["dated.md"]["published"], docs["dated.md"]["date_origin"]) == ("2025-02-10", "front-matter")
    assert (docs["undated.md"]["published"], docs["undated.md"]["date_origin"]) == ("2020-06-01", "option")
    periods = {c["source"]: c["period"] for c in run.json()["claims"]}
    assert periods["dated.md"]["start"] == "2024-01-01"
    assert periods["undated.md"]["start"] == "2019-01-01"


def test_front_matter_date_wins_over_dateline(cli, tmp_path, write_article):
    write_article(tmp_path / "a.md", "Published: 3 March 2023\n\nAcme raised $5 million last year.", date="2025-02-10")
    run = cli("extract", "a.md", "--format", "json")
    assert run.status == 0, str(run)
    (doc,) = run.json()["documents"]
    assert (doc["published"], doc["date_origin"]) == ("2025-02-10", "front-matter")


def test_dateline_is_read(cli, tmp_path):
    (tmp_path / "a.md").write_text(
        "# Acme raises money\n\nPublished: 10 February 2025\n\nAcme raised $5 million last year.\n", encoding="utf-8"
    )
    run = cli("extract", "a.md", "--date", "2020-06-01", "--format", "json")
    no_traceback(run)
    assert run.status == 0, str(run)
    assert run.err == ""
    data = run.json()
    (doc,) = data["documents"]
    assert (doc["published"], doc["date_origin"]) == ("2025-02-10", "dateline")
    (claim,) = data["claims"]
    assert (claim["period"]["start"], claim["period"]["end"]) == ("2024-01-01", "2024-12-31")


def test_undated_document_gets_a_note_and_unresolved_periods(cli, tmp_path):
    (tmp_path / "a.md").write_text("Acme raised $5 million last year.\n", encoding="utf-8")
    run = cli("extract", "a.md", "--format", "json")
    no_traceback(run)
    assert run.status == 0, str(run)
    assert run.err_lines == [
        "claimcheck: note: a.md: no publication date (front matter, dateline or --date); relative dates stay unresolved"
    ]
    data = run.json()
    assert data["documents"][0]["published"] is None
    (claim,) = data["claims"]
    assert claim["period"]["text"] == "last year"
    assert claim["period"]["start"] is None and claim["period"]["end"] is None


# ------------------------------------------------------------------ bad inputs, one at a time

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00\x00\x00\x01\x00\x08\x06\x00\x00\x00" + bytes(range(256)) * 4


@dataclass
class Bad:
    """One bad input next to a good article: what it is, what stderr says, whether it is fatal."""

    id: str
    name: str  # file name inside the input folder
    message: str  # regex for the rest of the stderr line, after "claimcheck: LEVEL: in/NAME: "
    fatal: bool
    make: Callable[[Path], None] | None  # writes the bad input; None: the path does not exist
    args: tuple[str, ...] = ()
    claims: list[tuple[str, str, float]] = field(default_factory=list)  # (quote, currency, amount) from it


def _symlink_loop(p: Path) -> None:
    os.symlink(".", p)  # the input folder symlinked into itself


BAD_INPUTS = [
    Bad("png", "image.md", r"binary file, skipped", True, lambda p: p.write_bytes(PNG)),
    Bad("nul-bytes", "nul.md", r"binary file, skipped", True,
        lambda p: p.write_bytes(b"Acme raised $5 million.\x00\x00\x00\x00 and more\n")),
    Bad("cp1252", "cp1252.md", r"not valid UTF-8 \(byte \d+\); decoded as cp1252", False,
        lambda p: p.write_bytes("Le café Acme raised €5 million in 2024.\n".encode("cp1252")),
        claims=[("€5 million", "EUR", 5e6)]),
    Bad("latin-1", "latin1.md", r"not valid UTF-8 \(byte \d+\); decoded as cp1252", False,
        lambda p: p.write_bytes("Le café Acme raised £3 million in 2024.\n".encode("latin-1")),
        claims=[("£3 million", "GBP", 3e6)]),
    Bad("latin-1-not-cp1252", "latin1b.md", r"not valid UTF-8 \(byte \d+\); decoded as latin-1", False,
        lambda p: p.write_bytes("Acme raised £3 million in 2024. Caf\xe9 \x8d\n".encode("latin-1")),
        claims=[("£3 million", "GBP", 3e6)]),
    Bad("empty", "empty.md", r"empty file, nothing to read", False, lambda p: p.write_bytes(b"")),
    Bad("malformed-yaml", "yaml.md", r"malformed front matter at line \d+: .*; metadata ignored", False,
        lambda p: p.write_text("---\ntitle: [unclosed\ndate: 2023-01-01\n---\nAcme raised $5 million last year.\n"),
        claims=[("$5 million", "USD", 5e6)]),
    Bad("impossible-date", "baddate.md", r"malformed front matter: day is out of range for month; metadata ignored",
        False, lambda p: p.write_text("---\ndate: 2025-02-30\n---\nAcme raised $5 million last year.\n"),
        claims=[("$5 million", "USD", 5e6)]),
    Bad("front-matter-list", "list.md", r"front matter is not a mapping; metadata ignored", False,
        lambda p: p.write_text("---\n- a\n- b\n---\nAcme raised $5 million last year.\n"),
        claims=[("$5 million", "USD", 5e6)]),
    Bad("unclosed-front-matter", "unclosed.md", r"front matter is not closed by '---'; read as prose", False,
        lambda p: p.write_text("---\ntitle: x\n\nAcme raised $5 million last year.\n"),
        claims=[("$5 million", "USD", 5e6)]),
    Bad("unclosed-front-matter-crlf", "crlf.md", r"front matter is not closed by '---'; read as prose", False,
        lambda p: p.write_bytes(b"---\r\ntitle: x\r\n\r\nAcme raised $5 million last year.\r\n"),
        claims=[("$5 million", "USD", 5e6)]),
    Bad("missing", "missing.md", r"no such file or directory", True, None),
    Bad("broken-symlink", "broken.md", r"broken symbolic link", True, lambda p: os.symlink("nowhere.md", p)),
    Bad("symlink-loop", "loop", r"symbolic link loop, skipped", False, _symlink_loop),
    Bad("too-large", "large.md", r"file too large \(2\.0 MiB > 1 MiB limit\), skipped; raise it with --max-file-mb",
        True, lambda p: p.write_bytes(b"Acme raised $5 million.\n" * (2 * 2**20 // 24 + 1)),
        args=("--max-file-mb", "1")),
]


@pytest.mark.parametrize("bad", BAD_INPUTS, ids=[b.id for b in BAD_INPUTS])
def test_bad_input(cli, tmp_path, write_article, bad):
    folder = tmp_path / "in"
    write_article(folder / "good.md")
    if bad.make:
        bad.make(folder / bad.name)
    # The folder is walked; a missing path has to be named. `--date` keeps "no publication date" notes away.
    paths = ["in", f"in/{bad.name}"] if bad.make is None else ["in"]
    run = cli("extract", *paths, "--format", "json", "--date", DATE, *bad.args)

    no_traceback(run)
    assert len(run.err_lines) == 1, str(run)
    level = "error" if bad.fatal else "note"
    assert re.fullmatch(rf"claimcheck: {level}: in/{re.escape(bad.name)}: {bad.message}", run.err_lines[0]), str(run)
    assert run.status == (2 if bad.fatal else 0), str(run)

    data = run.json()
    assert [p["fatal"] for p in data["problems"]] == [bad.fatal]
    assert quotes_of(data, "in/good.md") == ["$12 million"], "the good file is still read"
    found = [(c["quote"], c["value"]["currency"], c["value"]["amount"]) for c in claims_of(data, f"in/{bad.name}")]
    assert found == bad.claims
    if bad.claims:  # read with the --date: the bad file's own metadata (if any) was not used
        doc = next(d for d in data["documents"] if d["source"] == f"in/{bad.name}")
        assert doc["published"] == DATE
    if bad.id == "symlink-loop":
        assert [d["source"] for d in data["documents"]] == ["in/good.md"], "each file is read once"


def test_broken_symlink_named_on_the_command_line(cli, tmp_path, write_article):
    write_article(tmp_path / "good.md")
    os.symlink("nowhere.md", tmp_path / "broken.md")
    run = cli("extract", "broken.md", "good.md", "--format", "json")
    no_traceback(run)
    assert run.err_lines == ["claimcheck: error: broken.md: broken symbolic link"]
    assert run.status == 2
    assert quotes_of(run.json(), "good.md") == ["$12 million"]


def test_broken_symlink_to_an_ignored_kind_of_file_is_ignored(cli, tmp_path, write_article):
    write_article(tmp_path / "in" / "good.md")
    os.symlink("nowhere.png", tmp_path / "in" / "picture.png")
    run = cli("extract", "in", "--format", "json")
    assert (run.status, run.err) == (0, ""), str(run)


def test_folder_linked_twice_is_read_once(cli, tmp_path, write_article):
    write_article(tmp_path / "in" / "2025" / "a.md")
    os.symlink("2025", tmp_path / "in" / "latest")
    run = cli("extract", "in", "--format", "json")
    no_traceback(run)
    assert run.status == 0, str(run)
    assert len(run.err_lines) == 1 and re.fullmatch(
        r"claimcheck: note: in/(2025|latest): folder already read through another symbolic link, skipped",
        run.err_lines[0],
    ), str(run)
    assert len(run.json()["documents"]) == 1


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root can read any file")
def test_unreadable_file(cli, tmp_path, write_article):
    write_article(tmp_path / "in" / "good.md")
    secret = write_article(tmp_path / "in" / "secret.md")
    secret.chmod(0)
    try:
        run = cli("extract", "in", "--format", "json", "--date", DATE)
    finally:
        secret.chmod(0o644)
    no_traceback(run)
    assert run.err_lines == ["claimcheck: error: in/secret.md: cannot read: Permission denied"]
    assert run.status == 2
    assert quotes_of(run.json(), "in/good.md") == ["$12 million"]


def test_thirty_megabyte_file(cli, tmp_path):
    # ~30 MB of long filler lines with three amounts: start, middle, end. The filler is cheap for the
    # money grammar so the test stays fast; it shows the file is read whole and nothing gives up.
    filler = ("lorem" * 200 + "\n") * 1000  # 1 MB
    parts = [filler * 10 + f"\nAcme raised ${i} million in 2024.\n\n" for i in (1, 2, 3)]
    path = tmp_path / "big.md"
    path.write_text(f"---\ndate: {DATE}\n---\n\nAcme raised $9 million in 2024.\n\n" + "".join(parts))
    assert path.stat().st_size > 30_000_000
    run = cli("extract", "big.md", "--format", "json")
    no_traceback(run)
    assert run.status == 0, str(run)
    assert run.err == ""
    assert quotes_of(run.json(), "big.md") == ["$9 million", "$1 million", "$2 million", "$3 million"]
    path.unlink()  # pytest keeps the last few tmp folders: do not leave 30 MB behind


def test_one_megabyte_line(cli, tmp_path):
    sentences = [("The fund grew. " * 700) + f"Acme raised ${i} million." for i in range(1, 101)]
    line = " ".join(sentences)
    assert len(line) > 2**20
    (tmp_path / "line.md").write_text(line + "\n", encoding="utf-8")
    run = cli("extract", "line.md", "--format", "json", "--date", DATE)
    no_traceback(run)
    assert run.status == 0, str(run)
    assert len(run.err_lines) == 1 and re.fullmatch(
        r"claimcheck: note: line\.md: has a line of [\d,]+ characters; sentence boundaries there may be approximate",
        run.err_lines[0],
    ), str(run)
    claims = run.json()["claims"]
    assert [c["quote"] for c in claims] == [f"${i} million" for i in range(1, 101)]
    assert all(c["sentence"].startswith("Acme raised") for c in claims)


def test_closed_stdin(tmp_path, cli_env):
    script = f"'{sys.executable}' -m claimcheck extract - --format json <&-"
    proc = subprocess.run(["bash", "-c", script], capture_output=True, cwd=tmp_path, env=cli_env, timeout=60)
    assert proc.stderr.decode() == "claimcheck: error: <stdin>: standard input is closed\n"
    assert proc.returncode == 2
    assert json.loads(proc.stdout)["documents"] == []


def test_binary_on_stdin(cli):
    run = cli("extract", "-", "--format", "json", stdin=PNG)
    no_traceback(run)
    assert run.err_lines == ["claimcheck: error: <stdin>: binary file, skipped"]
    assert run.status == 2


# ------------------------------------------------------------------ usage errors

USAGE_ERRORS = [
    (("extract", "--bogus", "a.md"), r"claimcheck: error: unrecognized arguments: --bogus"),
    (("frobnicate", "a.md"), r"claimcheck: error: argument COMMAND: invalid choice: 'frobnicate'"),
    (("extract",), r"claimcheck extract: error: the following arguments are required: PATH"),
    ((), r"claimcheck: error: the following arguments are required: COMMAND"),
    (("extract", "a.md", "--date", "2025-13-01"), r"claimcheck extract: error: argument --date: not a date"),
    (("extract", "a.md", "--date", "yesterday"), r"claimcheck extract: error: argument --date: not a date"),
    (("extract", "a.md", "--format", "xml"), r"claimcheck extract: error: argument --format: invalid choice"),
    (("extract", "a.md", "--max-file-mb", "0"), r"claimcheck extract: error: argument --max-file-mb: must be"),
    (("extract", "a.md", "--max-file-mb", "nan"), r"claimcheck extract: error: argument --max-file-mb: must be"),
]


@pytest.mark.parametrize("args, message", USAGE_ERRORS, ids=[" ".join(a) or "nothing" for a, _ in USAGE_ERRORS])
def test_usage_error(cli, args, message):
    run = cli(*args)
    no_traceback(run)
    assert run.status == 2, str(run)
    assert run.out == ""
    assert len(run.err_lines) == 1 and re.match(message, run.err_lines[0]), str(run)


# ------------------------------------------------------------------ configuration

CONFIG_ERRORS = [
    ("missing", None, r"config file does not exist"),
    ("invalid-toml", "x = [\n", r"invalid TOML: .+"),
    ("unknown-key", "colour = 1\n", r"unknown setting\(s\) colour; known: .+"),
    ("bad-value", "fiscal_year_start = 13\n", r"fiscal_year_start must be a month number 1-12, got 13"),
    ("bad-interval", "[intervals]\nopen_factor = 0.5\n", r"intervals\.open_factor must be >= 1 .+"),
]


@pytest.mark.parametrize("content, message", [c[1:] for c in CONFIG_ERRORS], ids=[c[0] for c in CONFIG_ERRORS])
def test_config_error(cli, tmp_path, content, message):
    if content is not None:
        (tmp_path / "cfg.toml").write_text(content, encoding="utf-8")
    run = cli("extract", str(CORPUS), "--config", "cfg.toml")
    no_traceback(run)
    assert run.status == 2, str(run)
    assert run.out == ""
    assert len(run.err_lines) == 1 and re.fullmatch(rf"claimcheck: error: cfg\.toml: {message}", run.err_lines[0]), str(run)


def test_broken_config_found_in_cwd_is_an_error(cli, tmp_path):
    (tmp_path / "claimcheck.toml").write_text("date_order = 'YDM'\n", encoding="utf-8")
    run = cli("extract", str(CORPUS))
    no_traceback(run)
    assert run.status == 2, str(run)
    config = tmp_path.resolve() / "claimcheck.toml"  # found from the working directory, named in full
    assert run.err_lines == [f"claimcheck: error: {config}: date_order must be MDY, DMY or YMD, got 'YDM'"]


def _over_a_billion(run) -> dict:
    assert run.status == 0, str(run)
    (claim,) = [c for c in run.json()["claims"] if c["quote"] == "over $1 billion"]
    return claim["value"]


def test_config_in_cwd_is_picked_up(cli, tmp_path):
    article = str(CORPUS / "03-down-to-business.md")
    (tmp_path / "strict").mkdir()
    (tmp_path / "strict" / "claimcheck.toml").write_text('[intervals]\nopen_factor = "inf"\n', encoding="utf-8")
    (tmp_path / "plain").mkdir()
    strict = _over_a_billion(cli("extract", article, "--format", "json", cwd=tmp_path / "strict"))
    plain = _over_a_billion(cli("extract", article, "--format", "json", cwd=tmp_path / "plain"))
    assert (plain["low"], plain["high"]) == (1e9, 1.5e9)
    assert (strict["low"], strict["high"]) == (1e9, None)


def test_pyproject_table_found_upwards(cli, tmp_path):
    (tmp_path / ".git").mkdir()  # the project's root: configuration is looked for up to here
    (tmp_path / "pyproject.toml").write_text(
        '[project]\nname = "x"\n\n[tool.claimcheck.intervals]\nopen_factor = "inf"\n', encoding="utf-8"
    )
    deeper = tmp_path / "a" / "b"
    deeper.mkdir(parents=True)
    value = _over_a_billion(cli("extract", str(CORPUS / "03-down-to-business.md"), "--format", "json", cwd=deeper))
    assert value["high"] is None


def test_explicit_config_wins_over_cwd(cli, tmp_path):
    (tmp_path / "claimcheck.toml").write_text("colour = 1\n", encoding="utf-8")  # would be an error
    (tmp_path / "other.toml").write_text('[intervals]\nopen_factor = "inf"\n', encoding="utf-8")
    run = cli("extract", str(CORPUS / "03-down-to-business.md"), "--format", "json", "--config", "other.toml")
    assert _over_a_billion(run)["high"] is None


# ------------------------------------------------------------------ a reader that goes away


@pytest.mark.parametrize("fmt", ["text", "json", "csv"])
def test_broken_pipe(tmp_path, cli_env, fmt):
    # Ten copies of the corpus: well over a pipe buffer (64 KiB) in every format, so writing must fail.
    paths = " ".join([f"'{CORPUS}'"] * 10)
    script = f"'{sys.executable}' -m claimcheck extract {paths} --format {fmt} | head -1; exit ${{PIPESTATUS[0]}}"
    proc = subprocess.run(["bash", "-c", script], capture_output=True, cwd=tmp_path, env=cli_env, timeout=60)
    err = proc.stderr.decode("utf-8", errors="replace")
    assert "Traceback" not in err and "Exception ignored" not in err, err
    assert err == ""
    assert proc.returncode == 0
    assert len(proc.stdout.decode().splitlines()) == 1


def test_broken_pipe_keeps_the_status_of_the_inputs(tmp_path, cli_env):
    paths = " ".join([f"'{CORPUS}'"] * 10)
    command = f"'{sys.executable}' -m claimcheck extract {paths} missing.md --format csv"
    script = f"{command} | head -1; exit ${{PIPESTATUS[0]}}"
    proc = subprocess.run(["bash", "-c", script], capture_output=True, cwd=tmp_path, env=cli_env, timeout=60)
    assert proc.stderr.decode() == "claimcheck: error: missing.md: no such file or directory\n"
    assert proc.returncode == 2
