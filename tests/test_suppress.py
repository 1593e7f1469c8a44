"""Suppression comments: reading them (ingest/directives.py), applying them (engine/suppress.py), and
what `claimcheck check` says about them."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from claimcheck.ingest.directives import read_suppressions
from claimcheck.ingest.prose import mask

LEDGER = "Acme Robotics raised €40 million in a Series B round led by Balderton."
HERALD = "Acme Robotics raised €60 million in a Series B round led by Balderton."
SILENCE = "<!-- claimcheck-disable-next-line cross-source-conflict -- the Herald's figure includes debt -->"


def covered(text: str) -> dict[str, list[str]]:
    """What each name's stretches cover, as text with spaces collapsed."""
    s = read_suppressions(text)
    out: dict[str, list[str]] = {}
    for c in s.covers:
        out.setdefault(c.name, []).append(" ".join(text[c.start:c.end].split()))
    return out


# ------------------------------------------------------------------ reading directives


def test_next_line_skips_blank_lines_and_other_directives():
    text = ("<!-- claimcheck-disable-next-line a -- why -->\n\n"
            "<!-- claimcheck-disable-next-line b,c -- why -->\n"
            "  \nThe line.\nNot this one.\n")
    assert covered(text) == {"a": ["The line."], "b": ["The line."], "c": ["The line."]}


def test_a_directive_at_the_end_of_a_line_covers_the_next_one():
    assert covered("First $1m. <!-- claimcheck-disable-next-line a -- why -->\nSecond.\n") == {"a": ["Second."]}


def test_regions_run_to_their_enable_or_to_the_end_of_the_file():
    text = ("Before.\n<!-- claimcheck-disable a, b -- why -->\nInside.\n<!-- claimcheck-enable a -->\n"
            "Only b.\n")
    assert covered(text) == {"a": ["Inside."], "b": ["Inside. <!-- claimcheck-enable a --> Only b."]}
    assert covered("<!-- claimcheck-disable all -- why -->\nA.\n<!-- claimcheck-enable all -->\nB.\n") == {
        "all": ["A."]}


def test_the_bare_form_on_its_own_line_and_a_multi_line_comment():
    text = "claimcheck-disable-next-line a -- why\nTarget.\n<!--\nclaimcheck-disable b -- why,\n on two lines\n-->\nC.\n"
    s = read_suppressions(text)
    assert [(d.kind, d.names, d.reason, d.line, d.column) for d in s.directives] == [
        ("disable-next-line", ("a",), "why", 1, 1), ("disable", ("b",), "why, on two lines", 3, 1)]
    assert covered(text) == {"a": ["Target."], "b": ["C."]}
    assert read_suppressions("Prose about claimcheck-disable-next-line a.\n").directives == ()


@pytest.mark.parametrize("text, problem", [
    ("<!-- claimcheck-disable-nextline a -- why -->\n", "unknown directive 'claimcheck-disable-nextline'"),
    ("<!-- claimcheck-disable -- why -->\n", "claimcheck-disable names no rule"),
    ("<!-- claimcheck-enable a -->\n", "claimcheck-enable a closes no claimcheck-disable"),
    ("<!-- claimcheck-disable a -- x -->\n<!-- claimcheck-disable a -- y -->\n", "a already disabled since line 1"),
    ("x\n<!-- claimcheck-disable-next-line a -- never closed\n", "is in a comment that is never closed"),
])
def test_directives_that_cannot_be_read_say_why(text, problem):
    problems = [p for d in read_suppressions(text).directives for p in d.problems]
    assert len(problems) == 1 and problem in problems[0]


def test_bare_directives_are_not_prose_and_comments_already_were():
    text = "claimcheck-disable-next-line a -- the $5 million was corrected\nAcme raised $6 million.\n"
    for kind in ("markdown", "html"):
        masked = mask(text, kind)
        assert "$5 million" not in masked and "$6 million" in masked and len(masked) == len(text)


HOSTILE = {
    "many next-line directives on one line": "<!-- claimcheck-disable-next-line a -- r -->" * 3_000 + "\nx\n",
    "many regions never closed": "<!-- claimcheck-disable a,b,c -- r -->\n" * 3_000,
    "unclosed openers": "<!-- claimcheck-" * 8_000,
    "bare lines": "claimcheck-disable-next-line a -- r\n" * 3_000,
    "enables of nothing": "<!-- claimcheck-enable all -->" * 3_000,
    "blank lines then a directive": "\n" * 100_000 + "<!-- claimcheck-disable-next-line a -- r -->",
    "names": "<!-- claimcheck-disable " + "a," * 50_000 + " -- r -->\nx\n",
    "spaces before a word": "\n" + " " * 100_000 + "claimcheck-disable\n",
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_directives_are_read_in_linear_time(name):
    """A hang guard (milliseconds each here; the limit is far above it)."""
    text = HOSTILE[name]
    start = time.perf_counter()
    read_suppressions(text)
    mask(text, "markdown")
    assert time.perf_counter() - start < 5


# ------------------------------------------------------------------ `claimcheck check`


def two_reports(write_article, folder: Path, ledger: str = LEDGER, herald: str = HERALD) -> None:
    write_article(folder / "ledger.md", ledger, date="2025-03-04")
    write_article(folder / "herald.md", herald, date="2025-03-05")


def test_a_suppression_in_either_article_silences_the_conflict(cli, tmp_path, write_article):
    two_reports(write_article, tmp_path)
    assert cli("check", ".").status == 1
    two_reports(write_article, tmp_path, ledger=SILENCE + "\n" + LEDGER)
    run = cli("check", ".")
    assert run.status == 0 and "0 error(s), 0 warning(s), 0 note(s); 1 suppressed" in run.out, run
    two_reports(write_article, tmp_path, herald=SILENCE + "\n" + HERALD)
    data = cli("check", ".", "--format", "json").json()
    assert data["findings"] == [] and data["suppressed"] == 1


@pytest.mark.parametrize("name", ["cross-source-conflict", "CC101", "all", "ratio-words, all"])
def test_a_rule_is_named_by_id_code_or_all(cli, tmp_path, write_article, name):
    two_reports(write_article, tmp_path,
                ledger=f"<!-- claimcheck-disable-next-line {name} -- known -->\n{LEDGER}")
    data = cli("check", ".", "--format", "json").json()
    assert data["suppressed"] == 1
    notes = [(f["rule"], f["message"]) for f in data["findings"]]
    if "ratio-words" in name:  # the other name silenced nothing
        assert notes == [("unused-suppression",
                          "claimcheck-disable-next-line ratio-words,all silences nothing for ratio-words: remove it")]
    else:
        assert notes == []


def test_a_suppression_for_another_rule_or_another_line_silences_nothing(cli, tmp_path, write_article):
    two_reports(write_article, tmp_path, ledger=(
        f"<!-- claimcheck-disable-next-line ratio-words -- why -->\n{LEDGER}\n\n"
        f"<!-- claimcheck-disable-next-line cross-source-conflict -- why -->\n\nNothing to see here.\n"))
    run = cli("check", ".", "--format", "json")
    assert run.status == 1
    data = run.json()
    assert data["suppressed"] == 0
    unused = [f for f in data["findings"] if f["rule"] == "unused-suppression"]
    assert [(f["locations"][0]["line"], f["severity"], f["claims"]) for f in unused] == [(8, "info", []), (11, "info", [])]
    assert unused[0]["locations"][0]["path"] == "ledger.md"


def test_a_region_silences_until_it_is_enabled_again(cli, tmp_path, write_article):
    two_reports(write_article, tmp_path, ledger=(
        "<!-- claimcheck-disable cross-source-conflict -- the Ledger counts the debt -->\n\n" + LEDGER
        + "\n\n<!-- claimcheck-enable cross-source-conflict -->\n"))
    assert cli("check", ".", "--format", "json").json()["suppressed"] == 1
    two_reports(write_article, tmp_path, ledger=(
        "<!-- claimcheck-disable cross-source-conflict -- why -->\n<!-- claimcheck-enable cross-source-conflict -->"
        "\n\n" + LEDGER))
    data = cli("check", ".", "--format", "json").json()
    assert data["suppressed"] == 0 and "unused-suppression" in {f["rule"] for f in data["findings"]}


def test_reports_about_directives(cli, tmp_path, write_article):
    two_reports(write_article, tmp_path, ledger=(
        f"<!-- claimcheck-disable-next-line cross-source-conflict -->\n{LEDGER}\n\n"
        "<!-- claimcheck-disable-next-line cross-source-conflit -- typo -->\nText.\n\n"
        "<!-- claimcheck-disable-nextline ratio-words -- typo -->\nText.\n"))
    run = cli("check", ".")
    assert run.status == 0, run  # a warning and a note: below the default fail level
    assert "1 suppressed" in run.out and "ledger.md:8:1" in run.out
    data = cli("check", ".", "--format", "json").json()
    assert sorted((f["rule"], f["severity"], f["locations"][0]["line"]) for f in data["findings"]) == [
        ("invalid-suppression", "warning", 14), ("suppression-without-reason", "info", 8),
        ("unknown-suppression-rule", "warning", 11)]
    assert cli("check", ".", "--fail-level", "warning").status == 1


def test_a_rule_left_out_by_select_is_not_unused(cli, tmp_path, write_article):
    two_reports(write_article, tmp_path, ledger=(
        f"<!-- claimcheck-disable-next-line ratio-words -- why -->\n{LEDGER}\n"))
    data = cli("check", ".", "--select", "cross-source-conflict", "--format", "json").json()
    assert [f["rule"] for f in data["findings"]] == ["cross-source-conflict"]


def test_html_pages_and_plain_text(cli, tmp_path, write_article):
    write_article(tmp_path / "ledger.md", LEDGER, date="2025-03-04")
    (tmp_path / "herald.html").write_text(
        "<html><head><meta property='article:published_time' content='2025-03-05'></head><body><main>\n"
        f"<!-- claimcheck-disable-next-line cross-source-conflict -- includes debt -->\n<p>{HERALD}</p>\n"
        "</main></body></html>", encoding="utf-8")
    assert cli("check", ".", "--format", "json").json()["suppressed"] == 1
    (tmp_path / "herald.html").unlink()
    (tmp_path / "herald.txt").write_text(
        f"Published: 2025-03-05\n\nclaimcheck-disable-next-line cross-source-conflict -- the $61 million was "
        f"corrected\n{HERALD}\n", encoding="utf-8")
    data = cli("check", ".", "--format", "json").json()
    assert data["suppressed"] == 1 and data["findings"] == []
    assert "$61 million" not in {c["quote"] for c in data["claims"]}


def test_suppressed_findings_are_not_baselined_and_baselines_keep_the_notes(cli, tmp_path, write_article):
    two_reports(write_article, tmp_path, ledger=f"<!-- claimcheck-disable-next-line all -->\n{LEDGER}")
    assert cli("check", ".", "--write-baseline", "b.json").status == 0
    text = (tmp_path / "b.json").read_text(encoding="utf-8")
    assert "suppression-without-reason" in text and "cross-source-conflict" not in text
    run = cli("check", ".", "--baseline", "b.json")
    assert run.status == 0 and "; 1 suppressed, 1 baselined" in run.out, run


def test_many_directives_and_claims_are_applied_in_linear_time(cli, tmp_path):
    """2 x 1,500 reports of one fact, each of one side under its own directive: one suppressed finding, and
    no unused directive (each touches a claim of it)."""
    for name, report, directive, day in (("wire.md", LEDGER, SILENCE, 4), ("other.md", HERALD, "", 5)):
        lines = [f"{directive}\n{report}\n" for _ in range(1_500)]
        (tmp_path / name).write_text(f"---\ndate: 2025-03-0{day}\n---\n\n" + "\n".join(lines), encoding="utf-8")
    start = time.perf_counter()
    run = cli("check", ".", "--format", "json", timeout=300)
    data = run.json()
    assert data["suppressed"] == 1 and data["findings"] == [], run
    assert time.perf_counter() - start < 120
