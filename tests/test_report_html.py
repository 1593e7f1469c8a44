"""The HTML report without a browser: one file, nothing fetched, article text escaped (docs/report.md)."""

from __future__ import annotations

import json
import re

import pytest

import claimcheck
from claimcheck.cli import main
from claimcheck.report.html import inline_json, render_html


def test_inline_json_cannot_close_its_script():
    text = inline_json({"q": "</script><script>alert(1)</script><!-- \u2028 & >"})
    assert "<" not in text and ">" not in text and "&" not in text and "\u2028" not in text
    assert json.loads(text)["q"] == "</script><script>alert(1)</script><!-- \u2028 & >"


@pytest.fixture(scope="module")
def demo() -> tuple:
    result = claimcheck.check_paths(["fixtures/corpus"])
    return result, render_html(result)


def test_one_self_contained_file(demo):
    result, html = demo
    assert not re.search(r"""<(?:script|link|img|iframe)\b[^>]*\b(?:src|href)\s*=""", html, re.I)
    assert "http://" not in html.split("<body>")[0] and "https://" not in html.split("<body>")[0]
    for f in result.findings:
        assert f'id="finding-{f.fingerprint}"' in html
    data = re.search(r'<script type="application/json" id="claimcheck-data">(.*?)</script>', html, re.S).group(1)
    assert len(json.loads(data)["findings"]) == len(result.findings)


def test_amounts_are_highlighted_in_their_sentences(demo):
    result, html = demo
    assert "<mark>€15 million</mark>" in html and "<mark>$15 million</mark>" in html


def test_check_format_html_writes_the_report(tmp_path, capsys):
    out = tmp_path / "r.html"
    assert main(["check", "fixtures/corpus", "--format", "html", "-o", str(out)]) == 1  # findings: as check
    assert out.read_text(encoding="utf-8").startswith("<!doctype html>")
    assert main(["report", "fixtures/corpus", "-o", str(tmp_path / "s.html")]) == 0


def test_findings_as_rows_csv_and_frame(tmp_path):
    import csv

    result = claimcheck.check_paths(["fixtures/corpus"])
    frame = claimcheck.findings_frame(result)
    assert len(frame) == sum(len(f.claims) for f in result.findings)
    assert set(frame["fingerprint"]) == {f.fingerprint for f in result.findings}
    assert str(frame["period_start"].dtype).startswith("datetime64")
    out = tmp_path / "f.csv"
    assert main(["check", "fixtures/corpus", "--format", "csv", "-o", str(out)]) == 1
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert len(rows) == len(frame) and rows[0]["claim"] == frame["claim"][0]
    assert list(rows[0])[:5] == ["fingerprint", "rule", "severity", "message", "claim"]


def test_findings_csv_neutralises_formulas(tmp_path):
    (tmp_path / "a.md").write_text("---\ndate: 2025-03-01\n---\n\n=HYPERLINK Corp raised €40 million in its Series A.\n",
                                   encoding="utf-8")
    (tmp_path / "b.md").write_text("---\ndate: 2025-03-01\n---\n\n=HYPERLINK Corp raised €55 million in its Series A.\n",
                                   encoding="utf-8")
    out = tmp_path / "f.csv"
    main(["check", str(tmp_path), "--format", "csv", "-o", str(out)])
    text = out.read_text(encoding="utf-8")
    assert "=HYPERLINK" in text
    assert not any(cell.startswith("=") for line in text.splitlines() for cell in line.split(","))
