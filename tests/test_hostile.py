"""Hostile and messy input (docs/bad-input.md): nothing runs that was not named, a rule's bug is the rule's,
and odd files, settings and numbers end in one line, never a traceback or a hang."""

from __future__ import annotations

import datetime as dt
import json
import os
import time
from pathlib import Path

import pytest

from claimcheck.ingest.files import Input, read_bytes
from claimcheck.ingest.prose import mask
from claimcheck.models import Problem

REPO = Path(__file__).resolve().parents[1]
CORPUS = str(REPO / "fixtures" / "corpus")
ONE = str(REPO / "fixtures" / "corpus" / "05-microsoft-stake.md")

TRAP = 'from pathlib import Path\nPath(__file__).with_name("RAN").write_text("x")\n'


def _planted_config(tmp_path: Path) -> Path:
    """A repository whose claimcheck.toml names a rule file that leaves a mark when it is imported."""
    (tmp_path / ".git").mkdir()
    (tmp_path / "drafts").mkdir()
    (tmp_path / "trap.py").write_text(TRAP, encoding="utf-8")
    (tmp_path / "claimcheck.toml").write_text('rules = ["trap.py"]\n', encoding="utf-8")
    return tmp_path / "drafts"


def test_rule_files_of_a_config_found_automatically_are_not_run(cli, tmp_path):
    drafts = _planted_config(tmp_path)
    run = cli("check", ONE, cwd=drafts)
    assert not (tmp_path / "RAN").exists()
    assert run.status == 2 and "trap.py not run: this config was found automatically" in run.err
    assert "Traceback" not in run.err


def test_claimcheck_rules_never_runs_them_either(cli, tmp_path):
    drafts = _planted_config(tmp_path)
    run = cli("rules", cwd=drafts)
    assert run.status == 0 and not (tmp_path / "RAN").exists()
    assert "note:" in run.err and "cross-source-conflict" in run.out


@pytest.mark.parametrize("how", [["--trust-rules"], ["--config", "../claimcheck.toml"]])
def test_named_or_trusted_config_runs_its_rules(cli, tmp_path, how):
    drafts = _planted_config(tmp_path)
    run = cli("check", ONE, *how, cwd=drafts)
    assert (tmp_path / "RAN").exists() and run.status == 0, run.err


def test_a_config_above_the_repository_is_ignored(cli, tmp_path):
    (tmp_path / "claimcheck.toml").write_text('fail_level = "bogus"\n', encoding="utf-8")
    project = tmp_path / "project"
    (project / ".git").mkdir(parents=True)
    assert cli("check", ONE, cwd=project).status == 0


def _rules(tmp_path: Path, body: str) -> str:
    (tmp_path / "house.py").write_text("import sys\nfrom claimcheck import rule, finding\n\n" + body, encoding="utf-8")
    return str(tmp_path / "house.py")


def test_sys_exit_in_a_rule_is_a_rule_error(cli, tmp_path):
    rules = _rules(tmp_path, '@rule("exits")\ndef exits(claim):\n    """x"""\n    sys.exit(0)\n')
    run = cli("check", CORPUS, "--rules", rules, "--format", "json")
    assert run.status == 2 and "rule exits: rule failed" in run.err and "SystemExit" in run.err
    assert run.json()["findings"], "the other rules still report"


def test_a_rule_failing_on_some_items_keeps_its_other_findings(cli, tmp_path):
    rules = _rules(tmp_path, (
        '@rule("picky")\ndef picky(claim):\n    """x"""\n'
        '    if claim.metric == "valuation":\n        raise ValueError("no valuations")\n'
        '    yield finding("seen", claim)\n'
    ))
    run = cli("check", CORPUS, "--rules", rules, "--select", "picky", "--format", "json")
    seen = [f for f in run.json()["findings"] if f["rule"] == "picky"]
    assert run.status == 2 and "ValueError: no valuations" in run.err
    claims = run.json()["claims"]
    assert len(seen) == sum(1 for c in claims if c["metric"] != "valuation") > 0


def test_nan_in_an_explanation_keeps_the_json_valid(cli, tmp_path):
    rules = _rules(tmp_path, (
        '@rule("odd-numbers")\ndef odd_numbers(claim):\n    """x"""\n'
        '    yield finding("odd", claim, gap=float("nan"), big=float("-inf"), obj=object)\n'
    ))
    run = cli("check", ONE, "--rules", rules, "--select", "odd-numbers", "--format", "json")
    data = json.loads(run.out)  # allow_nan is off when writing: a NaN would have failed here
    assert data["findings"][0]["explanation"]["gap"] == "nan" and data["findings"][0]["explanation"]["big"] == "-inf"


def test_a_rule_that_loops_is_stopped(cli, tmp_path):
    rules = _rules(tmp_path, '@rule("loops")\ndef loops(claim):\n    """x"""\n    while True:\n        pass\n')
    (tmp_path / "cfg.toml").write_text("rule_seconds = 1\n", encoding="utf-8")
    run = cli("check", ONE, "--rules", rules, "--config", str(tmp_path / "cfg.toml"), timeout=60)
    assert run.status == 2 and "rule loops: took longer than 1 s, stopped" in run.err


def test_a_non_finite_rule_setting_is_refused(cli, tmp_path):
    (tmp_path / "cfg.toml").write_text("[rule.conversion-check]\ntolerance = nan\n", encoding="utf-8")
    run = cli("check", ONE, "--config", str(tmp_path / "cfg.toml"))
    assert run.status == 2 and "setting 'tolerance' must be a finite number" in run.err


def test_max_file_mb_beyond_any_file_is_a_usage_error(cli):
    run = cli("extract", ONE, "--max-file-mb", "1e13")
    assert run.status == 2 and "must be at most 65536" in run.err and "Traceback" not in run.err


# ------------------------------------------------------------------ files and names


def test_a_file_name_that_is_not_utf8_is_read_and_shown_escaped(cli, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (Path(os.fsdecode(bytes(folder))) / os.fsdecode(b"caf\xe9.md")).write_bytes(b"Acme Corp raised $5 million.\n")
    run = cli("extract", "in", "--format", "json")
    assert run.status == 0, run.err
    assert [c["source"] for c in run.json()["claims"]] == ["in/caf\\xe9.md"]


def test_a_fifo_in_a_folder_is_never_opened(cli, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    os.mkfifo(folder / "pipe.md")
    (folder / "a.md").write_text("Acme Corp raised $5 million.\n", encoding="utf-8")
    run = cli("extract", "in", "--format", "json", timeout=30)
    assert run.status == 0 and "in/pipe.md: not a regular file, skipped" in run.err
    assert len(run.json()["claims"]) == 1


def test_a_file_swapped_for_a_fifo_after_listing_does_not_block(tmp_path):
    os.mkfifo(tmp_path / "late.md")
    problem = read_bytes(Input("late.md", tmp_path / "late.md"), 1 << 20)
    assert isinstance(problem, Problem) and problem.fatal and problem.message == "not a regular file or directory"


@pytest.mark.parametrize("size, read", [(1000, True), (1001, False), (0, True)])
def test_a_file_is_read_up_to_the_limit_and_no_further(tmp_path, size, read):
    (tmp_path / "a.md").write_bytes(b"x" * size)
    data = read_bytes(Input("a.md", tmp_path / "a.md"), 1000)
    assert data == b"x" * size if read else (isinstance(data, Problem) and data.message.startswith("file too large"))


def test_standard_input_longer_than_a_first_read_is_read_whole(cli):
    """Standard input is read in growing chunks (a buffer of the whole limit would be reserved for every
    article): 300 kB of filler, then an amount, all read; a byte over --max-file-mb is refused."""
    text = b"Filler text without figures. " * 10_000 + b"\n\nAcme Corp raised $5 million.\n"
    run = cli("extract", "-", "--format", "json", stdin=text)
    assert [c["quote"] for c in run.json()["claims"]] == ["$5 million"]
    limit = len(text) / 2**20
    assert cli("extract", "-", "--max-file-mb", f"{limit!r}", stdin=text).status == 0
    over = cli("extract", "-", "--max-file-mb", f"{(len(text) - 1) / 2**20!r}", stdin=text)
    assert over.status == 2 and "<stdin>: file too large" in over.err


# ------------------------------------------------------------------ numbers and dates at the edges


def test_an_amount_no_float_holds_is_a_note_and_the_json_stays_valid(cli, tmp_path):
    (tmp_path / "big.md").write_text(
        f"Acme Corp raised ${'9' * 400} in its Series B. Acme Corp spent $5 million.\n", encoding="utf-8")
    for command in ("extract", "check"):
        run = cli(command, "big.md", "--format", "json")
        assert run.status == 0, run.err
        assert [c["quote"] for c in run.json()["claims"]] == ["$5 million"]
        assert "1 amount(s) too large to compare" in run.err


def test_a_power_of_ten_is_not_read_as_its_exponent(cli, tmp_path):
    (tmp_path / "pow.md").write_text("Acme Corp said the market is worth 10^400 dollars.\n", encoding="utf-8")
    assert cli("extract", "pow.md", "--format", "json").json()["claims"] == []


@pytest.mark.parametrize("published", ["9999-12-31", "0001-01-02"])
def test_relative_dates_near_the_ends_of_the_calendar_stay_unresolved(cli, tmp_path, published):
    (tmp_path / "edge.md").write_text(
        f"---\ndate: {published}\n---\nAcme Corp will spend $5 million next year. It raised $3m last Friday, "
        "$2m on Monday and $1m a year ago.\n", encoding="utf-8")
    run = cli("check", "edge.md", "--format", "json")
    assert run.status == 0 and "is outside 1800-2199; relative dates stay unresolved" in run.err
    assert all(c["period"] is None or c["period"]["start"] is None for c in run.json()["claims"])


def test_periods_beyond_the_calendar_from_the_library_do_not_raise():
    from claimcheck.mentions.periods import find_periods

    found = find_periods("next year and last Friday", dt.date(9999, 12, 31))
    assert [(p.period.text, p.period.start) for p in found] == [
        ("next year", None), ("last Friday", dt.date(9999, 12, 24))]


@pytest.mark.parametrize("published", [dt.date(1, 1, 1), dt.date(9999, 12, 30)])
def test_text_claims_dated_at_the_ends_of_the_calendar_leave_relative_dates_unresolved(published):
    """Found by `make fuzz`: `text_claims` took a publication date that reading a file refuses, and "plans
    to raise $5m in October" (a year on) or "for the full year" (the year before) ran off the calendar."""
    import claimcheck

    text = "Acme Corp plans to raise $5m in October. Acme Corp reported revenue of $9m for the full year."
    claims = claimcheck.Extractor().text_claims(text, published=published)
    assert [c.quote for c in claims] == ["$5m", "$9m"]
    assert all(c.period is None or c.period.start is None for c in claims)


def test_shifting_a_period_past_the_calendar_leaves_it_unresolved():
    from claimcheck import Period, shift_period

    q4 = Period(start=dt.date(9999, 10, 1), end=dt.date(9999, 12, 31), text="Q4 9999", granularity="quarter")
    assert (shift_period(q4, 12).start, shift_period(q4, 12).text) == (None, "Q4 9999")
    assert shift_period(q4, -12).start == dt.date(9998, 10, 1)


# ------------------------------------------------------------------ no step quadratic in the claims


def test_a_fact_with_thousands_of_reports_is_one_finding_with_every_disagreeing_report():
    from claimcheck.engine.check import check, select
    from claimcheck.engine.registry import load_rules
    from claimcheck.ingest.files import Loaded
    import claimcheck

    extractor = claimcheck.Extractor()
    day = dt.date(2024, 6, 11)
    documents, claims = [], []
    for i in range(4000):  # 4,000 sources: 8 million pairs, which the rule must never walk
        figure = "€600 million" if i % 4 else "€640 million"
        doc = claimcheck.Document(source=f"s{i:05d}.md", text=f"Acme Robotics raised {figure} in a Series B round.",
                                  published=day)
        documents.append(doc)
        claims.extend(extractor.document_claims(Loaded(document=doc, kind="markdown", front_matter_end=0)))
    extraction = claimcheck.Extraction(documents=tuple(documents), claims=tuple(claims))
    found = [f for f in check(extraction, select(load_rules(), ["cross-source-conflict"])).findings]
    assert len(found) == 1
    (f,) = found
    assert len(f.claims) == 4000 and f.explanation["reports"] == 4000
    assert "3000 report(s) agree with the first, 1000 with the second" in f.message or \
        "1000 report(s) agree with the first, 3000 with the second" in f.message


# ------------------------------------------------------------------ markup that used to backtrack, and page furniture


HOSTILE_FILES = {
    "links.md": "](" * 20_000,
    "meta.html": "<meta name='a' " * 7_000,
    "dots.md": "." * 100_000,
    "comments.html": "<!--" * 25_000,
    "comments.md": "<!--" * 25_000,
    "scripts.html": "<script>" * 12_000,
    "titles.html": "<title>" * 14_000,
    "brackets.md": "[" * 50_000 + "](" * 25_000,
}


@pytest.mark.parametrize("name", sorted(HOSTILE_FILES))
def test_markup_that_backtracked_finishes(cli, tmp_path, name):
    """100 kB of each shape that once took seconds to minutes (a hang guard, not a speed test: the timeout
    is far above what a linear pass takes)."""
    (tmp_path / name).write_text(HOSTILE_FILES[name], encoding="utf-8")
    run = cli("check", name, "--format", "json", timeout=120)
    assert run.status == 0 and "Traceback" not in run.err


#: Pages a browser forgives, 100 kB each: the furniture pass is one walk over the tags, never a rescan.
MALFORMED_PAGES = {
    "unclosed furniture": "<div class='ad'>$5m " * 5_000,
    "unclosed paragraphs": "<p>" * 33_000,
    "unclosed list items": "<li>" * 25_000,
    "end tags with no start": "</div>" * 16_000,
    "deep nesting, then stray ends": "<div>" * 10_000 + "</span>" * 7_000,
    "a paragraph behind a table, then blocks": "<p><table>" + "<span>" * 8_000 + "<div>" * 10_000,
    "attribute soup": "<div " + "a=1 " * 25_000 + "class=ad>$5m</div>",
    "unclosed quotes": "<a class=\"" * 10_000,
    "class words": "<div class='" + "adSlot " * 14_000 + "'>$5m</div>",
    "stories inside furniture": "<aside><main><article><header><h1>" * 3_000,
    "stray angle brackets": "< <a <b= >" * 10_000,
}


@pytest.mark.parametrize("name", sorted(MALFORMED_PAGES))
def test_malformed_pages_are_masked_in_linear_time(name):
    """A hang guard (about 0.2 s each here; the limit is far above it): never raises, keeps every offset."""
    text = MALFORMED_PAGES[name]
    start = time.perf_counter()
    masked = mask(text, "html")
    assert time.perf_counter() - start < 5
    assert len(masked) == len(text)


def test_an_indented_code_block_is_not_prose_but_a_list_paragraph_is(cli, tmp_path):
    (tmp_path / "a.md").write_text(
        "Acme Corp raised $5 million.\n\n    total = $9 million\n\n- Acme Corp spent $1 million.\n\n"
        "    It also spent $2 million.\n", encoding="utf-8")
    quotes = [c["quote"] for c in cli("extract", "a.md", "--format", "json").json()["claims"]]
    assert quotes == ["$5 million", "$1 million", "$2 million"]


def test_meta_tags_in_any_attribute_order_give_the_date(cli, tmp_path):
    (tmp_path / "p.html").write_text(
        "<html><head><title>Acme raises</title><meta content=\"2025-03-04\" property=\"article:published_time\">"
        "</head><body><p>Acme Corp raised $5 million last month.</p></body></html>", encoding="utf-8")
    data = cli("extract", "p.html", "--format", "json").json()
    assert data["documents"][0]["published"] == "2025-03-04" and data["documents"][0]["title"] == "Acme raises"


def test_findings_in_two_folders_never_share_a_fingerprint(cli, tmp_path):
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        for article in sorted((REPO / "fixtures" / "corpus").glob("0[1-4]*.md")):
            (tmp_path / folder / article.name).write_text(article.read_text(encoding="utf-8"), encoding="utf-8")
    fingerprints = [f["fingerprint"] for f in cli("check", ".", "--format", "json").json()["findings"]]
    assert fingerprints and len(fingerprints) == len(set(fingerprints))
    # the same folder reached by another path keeps them
    again = [f["fingerprint"] for f in cli("check", str(tmp_path), "--format", "json", cwd=REPO).json()["findings"]]
    assert sorted(again) == sorted(fingerprints)


# ------------------------------------------------------------------ the pytest plugin only collects where asked


@pytest.mark.parametrize("how, collected", [
    ([], False), (["-p", "claimcheck"], True), (["-o", "claimcheck=true"], True),
])
def test_the_pytest_plugin_is_opt_in(tmp_path, cli_env, how, collected):
    import subprocess
    import sys

    (tmp_path / "pytest.ini").write_text("[pytest]\n", encoding="utf-8")
    case = tmp_path / "fixtures" / "rules" / "one"
    case.mkdir(parents=True)
    (case / "a.md").write_text("Acme Corp raised $5 million. <!-- expect-not: cross-source-conflict -->\n",
                               encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "pytest", "--co", "-q", *how, "fixtures/rules"], cwd=tmp_path,
                          capture_output=True, text=True, env=cli_env, timeout=120)
    assert ("no tests collected" not in proc.stdout) == collected, proc.stdout + proc.stderr


# ------------------------------------------------------------------ output safety


def test_escape_sequences_from_articles_never_reach_the_terminal(cli, tmp_path):
    for name, figure in (("a.md", "€600 million"), ("b.md", "€640 million")):
        (tmp_path / name).write_text(
            f"---\ndate: 2024-06-11\n---\nAcme Robotics raised {figure} \x1b[2J\x1b]0;pwned\x07\u202e in a Series B "
            "round.\n", encoding="utf-8")
    for command in ("extract", "check"):
        run = cli(command, "a.md", "b.md")
        assert "\x1b" not in run.out and "\x07" not in run.out and "\u202e" not in run.out


def test_csv_cells_that_a_spreadsheet_would_run_are_neutralised(cli, tmp_path):
    (tmp_path / "a.md").write_text('=HYPERLINK("http://x") Acme Corp raised $6m.\n', encoding="utf-8")
    rows = cli("extract", "a.md", "--format", "csv").out.splitlines()
    assert "'=HYPERLINK" in rows[1] and ',"=HYPERLINK' not in rows[1]


# ------------------------------------------------------------------ plugins fail loudly and safely
def _installed_plugin(site: Path, group: str, module: str, source: str) -> None:
    """A real installed distribution in `site`: a module and a dist-info folder naming its entry point."""
    (site / f"{module}.py").write_text(source, encoding="utf-8")
    info = site / "newsroom_plugin-1.0.dist-info"
    info.mkdir(exist_ok=True)
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: newsroom-plugin\nVersion: 1.0\n", encoding="utf-8")
    (info / "entry_points.txt").write_text(f"[{group}]\nnewsroom = {module}\n", encoding="utf-8")


def _with_site(cli_env: dict[str, str], site: Path) -> dict[str, str]:
    return {**cli_env, "PYTHONPATH": os.pathsep.join(filter(None, [str(site), cli_env.get("PYTHONPATH")]))}


PLUGIN_CASES = [
    ("claimcheck.rules", "raise ImportError('no module named newsroom_helpers')\n",
     "plugin 'newsroom' (newsroom_rules) from newsroom-plugin 1.0 failed to load: ImportError: no module named newsroom_helpers"),
    ("claimcheck.rules", "import sys\nsys.exit(0)\n",
     "plugin 'newsroom' (newsroom_rules) from newsroom-plugin 1.0 failed to load: SystemExit: 0"),
    ("claimcheck.rules",
     "import claimcheck\n@claimcheck.rule('cross-source-conflict', severity='error')\n"
     "def mine(claims):\n    '''What: x. Why: y. Example: z.'''\n    return ()\n",
     "plugin 'newsroom' (newsroom_rules) from newsroom-plugin 1.0: duplicate rule id 'cross-source-conflict'"),
    ("claimcheck.engine.providers",
     "from claimcheck.engine.providers import provider\n@provider('claims')\ndef claims(run):\n    return ()\n",
     "plugin 'newsroom' (newsroom_rules) from newsroom-plugin 1.0: provider name 'claims' is taken"),
]


@pytest.mark.parametrize("command", ["check", "rules", "providers"])
@pytest.mark.parametrize("group, source, message", PLUGIN_CASES, ids=["import-error", "sys-exit", "rule-id", "provider"])
def test_a_broken_plugin_is_one_line_naming_it_and_its_distribution(tmp_path, cli_env, command, group, source, message):
    import subprocess
    import sys

    if command == "providers" and group == "claimcheck.rules":
        pytest.skip("`claimcheck providers` loads provider plugins only")
    _installed_plugin(tmp_path, group, "newsroom_rules", source)
    args = [sys.executable, "-m", "claimcheck", command, *([ONE] if command == "check" else [])]
    proc = subprocess.run(args, cwd=tmp_path, capture_output=True, text=True, env=_with_site(cli_env, tmp_path), timeout=60)
    assert proc.returncode == 2, proc.stderr
    assert "Traceback" not in proc.stderr and proc.stdout == ""
    errors = [line for line in proc.stderr.splitlines() if line.startswith("claimcheck: error:")]
    assert len(errors) == 1 and errors[0].startswith(f"claimcheck: error: {message}"), proc.stderr


def test_a_plugin_provider_with_a_new_name_is_used(tmp_path, cli_env):
    import subprocess
    import sys

    _installed_plugin(tmp_path, "claimcheck.engine.providers", "newsroom_rules",
                      "from claimcheck.engine.providers import provider\n"
                      "@provider('house_style')\ndef house_style(run):\n    '''The desk's style sheet.'''\n    return {}\n")
    proc = subprocess.run([sys.executable, "-m", "claimcheck", "providers"], cwd=tmp_path, capture_output=True,
                          text=True, env=_with_site(cli_env, tmp_path), timeout=60)
    assert proc.returncode == 0 and "house_style" in proc.stdout, proc.stderr


# ------------------------------------------------------------------ budgets: time per file and per run, memory


def _long_paragraphs(mb: float) -> str:
    """Ordinary copy in paragraphs of 5,000 characters: slow only by its size (a few seconds per MB on one
    core, and at least half a second per MB on a fast machine)."""
    paragraph = ("Acme Corp said revenue rose to $42 million in 2024 from $35 million a year earlier. "
                 "Analysts said the outlook depended on demand from industrial buyers. ") * 30
    return "---\ndate: 2024-06-11\n---\n\n" + "\n\n".join([paragraph] * int(mb * 1e6 / len(paragraph))) + "\n"


def _folder(tmp_path: Path, files: dict[str, str]) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


SERIES_B = "---\ndate: 2024-06-11\n---\n\nAcme Robotics raised {} in a Series B round.\n"


def test_a_file_over_its_time_budget_is_skipped_and_the_others_are_read(cli, tmp_path):
    normal = Path(ONE).read_text(encoding="utf-8")
    _folder(tmp_path, {"a.md": normal, "b-slow.md": _long_paragraphs(4), "c.md": normal})
    started = time.monotonic()
    run = cli("extract", "in", "--file-seconds", "1", "--format", "json", timeout=120)
    assert time.monotonic() - started < 30, "stopped at the budget, not after reading the whole file"
    message = "reading took longer than 1 s, skipped; raise it with --file-seconds"
    assert run.status == 2 and f"claimcheck: error: in/b-slow.md: {message}" in run.err_lines, run
    data = run.json()
    assert {"source": "in/b-slow.md", "message": message, "fatal": True} in data["problems"]
    assert {c["source"] for c in data["claims"]} == {"in/a.md", "in/c.md"}
    assert [d["source"] for d in data["documents"]] == ["in/a.md", "in/c.md"]


def test_when_the_run_is_out_of_time_the_rest_is_reported_and_what_was_read_is_checked(cli, tmp_path):
    _folder(tmp_path, {
        "a1.md": SERIES_B.format("€600 million"), "a2.md": SERIES_B.format("€640 million"),
        "b-slow.md": _long_paragraphs(8), "c.md": SERIES_B.format("€600 million"), "d.md": "x",
    })
    (tmp_path / "cfg.toml").write_text("run_seconds = 3\n", encoding="utf-8")
    run = cli("check", "in", "--config", "cfg.toml", "--format", "json", timeout=120)
    assert run.status == 2 and "Traceback" not in run.err, run
    assert ("claimcheck: error: in/b-slow.md: the run's time limit (3 s) was reached while reading it, skipped; "
            "raise it with --run-seconds") in run.err_lines
    assert ("claimcheck: error: in/c.md: not read, nor 1 more file(s) after it: the run's time limit (3 s) was "
            "reached; raise it with --run-seconds") in run.err_lines
    data = run.json()
    assert {c["source"] for c in data["claims"]} == {"in/a1.md", "in/a2.md"}
    assert [f["rule"] for f in data["findings"]] == ["cross-source-conflict"], "what was read is still checked"


def test_a_file_that_runs_out_of_memory_is_skipped_and_the_others_are_read(cli, tmp_path):
    """A real limit in a real process: 50,000 amounts in one file need hundreds of MB (each becomes a
    claim); 48 MiB above start-up is enough for an article, and for the rule pass (the rate table takes 20)."""
    normal = Path(ONE).read_text(encoding="utf-8")
    many = "---\ndate: 2024-06-11\n---\n\n" + "".join(
        f"Acme Corp paid ${i % 97 + 1} million.{' ' if i % 10 else chr(10) * 2}" for i in range(50_000))
    _folder(tmp_path, {"a.md": normal, "b-many.md": many, "c.md": normal})
    run = cli("check", "in", "--memory-mb", "48", "--format", "json", timeout=120)
    message = "ran out of memory while reading it (limit: 48 MiB above start-up), skipped; raise it with --memory-mb"
    assert run.status == 2 and f"claimcheck: error: in/b-many.md: {message}" in run.err_lines, run
    assert "Traceback" not in run.err and "rule" not in run.err
    assert {c["source"] for c in run.json()["claims"]} == {"in/a.md", "in/c.md"}


def test_a_memory_budget_changes_nothing_for_ordinary_articles(cli):
    """The limit is set after start-up (imports, numpy's reservations): a corpus reads and checks the same."""
    plain = cli("check", CORPUS, "--format", "json")
    limited = cli("check", CORPUS, "--format", "json", "--memory-mb", "64")
    assert limited.status == plain.status == 1 and limited.err == plain.err, limited
    assert limited.json() == plain.json()


def test_the_memory_limit_is_lifted_afterwards_and_an_inner_one_keeps_the_outer():
    import resource

    from claimcheck.budget import address_space_mb, memory_limit

    before = resource.getrlimit(resource.RLIMIT_AS)
    with memory_limit(512):
        soft = resource.getrlimit(resource.RLIMIT_AS)[0]
        assert 512 * 2**20 < soft <= (address_space_mb() + 512) * 2**20
        with memory_limit(1):
            assert resource.getrlimit(resource.RLIMIT_AS)[0] == soft
        assert resource.getrlimit(resource.RLIMIT_AS)[0] == soft
    assert resource.getrlimit(resource.RLIMIT_AS) == before


def test_outside_the_main_thread_a_file_has_no_time_limit():
    """SIGALRM reaches only the main thread: elsewhere the budget is not enforced (documented), never an error."""
    import threading

    import claimcheck

    results = []
    settings = claimcheck.Settings(file_seconds=0.001, run_seconds=0.001)
    worker = threading.Thread(target=lambda: results.append(claimcheck.extract([ONE], settings=settings)))
    worker.start()
    worker.join()
    assert results[0].claims and not [p for p in results[0].problems if p.fatal]


def test_a_timer_set_by_the_caller_survives_a_time_limit():
    import signal

    from claimcheck.budget import time_limit

    fired = []
    previous = signal.signal(signal.SIGALRM, lambda signum, frame: fired.append(signum))
    signal.setitimer(signal.ITIMER_REAL, 0.5)
    try:
        with time_limit(5):
            pass
        assert 0 < signal.getitimer(signal.ITIMER_REAL)[0] <= 0.5
        time.sleep(1)
        assert fired == [signal.SIGALRM]
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def test_a_time_limit_that_goes_off_where_python_drops_exceptions_still_stops_the_code():
    """The alarm went off inside hypothesis's garbage-collector callback, where Python drops what is raised
    (to `sys.unraisablehook`), and a file then ran past its budget (a CI failure of test_jobs): the limit is
    raised again once the code is back in its own frames, and nothing else reaches the hook."""
    import gc
    import signal
    import sys

    from claimcheck.budget import OutOfTime, time_limit

    calls = []

    def slow_callback(phase, info):
        if phase == "start" and not calls:
            calls.append(phase)
            time.sleep(1)  # the alarm goes off in here

    others = []
    previous_hook, sys.unraisablehook = sys.unraisablehook, others.append
    gc.callbacks.append(slow_callback)
    stopped = False
    try:
        with time_limit(0.05):
            gc.collect()
            give_up = time.monotonic() + 10
            while time.monotonic() < give_up:  # stopped here, at once, or never (a bounded loop, not a timing)
                pass
    except OutOfTime:
        stopped = True
    finally:
        gc.callbacks.remove(slow_callback)
        sys.unraisablehook = previous_hook
    assert calls and stopped and others == []
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)


@pytest.mark.parametrize("option, value", [
    ("--file-seconds", "nan"), ("--file-seconds", "-1"), ("--run-seconds", "1e13"), ("--memory-mb", "lots"),
    ("--memory-mb", "inf"),
])
def test_budget_options_out_of_range_are_usage_errors(cli, option, value):
    run = cli("extract", ONE, option, value)
    assert run.status == 2 and f"argument {option}: must be a number of " in run.err and "Traceback" not in run.err
    assert run.out == ""
