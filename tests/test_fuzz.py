"""The whole pipeline under generated hostile input (the strategies of tests/fuzz_inputs.py): random unicode,
mutated fixture articles, money-like token soup, broken front matter and HTML, zero-width and bidirectional
characters, huge and negative numbers, dates at the ends of the calendar.

Nothing raises, no default rule fails, every output is valid JSON without NaN or infinities, and every
claim's offsets lie inside its text. A fixed budget, derandomized and without a database so that every run
(and CI) tries the same inputs; `make fuzz` runs the same checks over 100,000 inputs.
"""

from __future__ import annotations

import contextlib
import io
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

import claimcheck
from claimcheck import cli
from fuzz_inputs import Case, Pipeline, cases, check_offsets, strict_json

FUZZ = settings(max_examples=2500, deadline=None, derandomize=True, database=None,
                suppress_health_check=list(HealthCheck))


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("fuzz")
    (path / "claimcheck.toml").write_text("", encoding="utf-8")  # named with --config: no config from around
    return path


@pytest.fixture(scope="module")
def pipeline(folder: Path) -> Pipeline:
    return Pipeline(folder)


@FUZZ
@given(case=cases())
def test_extract_check_and_every_output_keep_their_properties(pipeline: Pipeline, case: Case) -> None:
    pipeline.run(case)


@settings(FUZZ, max_examples=150)
@given(case=cases())
def test_check_paths_and_the_cli_in_process(folder: Path, case: Case) -> None:
    """The public entry points as users call them: `check_paths`, and `main` with JSON written to a file."""
    path = folder / f"cli{case.suffix}"
    path.write_bytes(case.data)
    result = claimcheck.check_paths([str(path)], date=case.date)
    assert not result.problems, [p.message for p in result.problems]
    check_offsets(result.extraction.claims, {d.source: d.text for d in result.extraction.documents})
    date = ["--date", case.date.isoformat()] if case.date else []
    for command in ("extract", "check"):
        err = io.StringIO()
        with contextlib.redirect_stderr(err):
            status = cli.main([command, str(path), "--format", "json", "-o", str(folder / "out.json"),
                               "--config", str(folder / "claimcheck.toml"), *date])
        assert status in (0, 1, 2) and "Traceback" not in err.getvalue()
        assert all(line.startswith("claimcheck: ") for line in err.getvalue().splitlines())
        strict_json((folder / "out.json").read_text(encoding="utf-8"))
