"""Shared fixtures: run the real `claimcheck` command in a subprocess, and write small articles."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, settings

REPO = Path(__file__).resolve().parents[1]

# No time limit per example: hypothesis's default deadline (200 ms) is a timed assertion, which fails on a
# loaded machine without anything being wrong (speed is measured in benchmarks/, not asserted in tests).
settings.register_profile("claimcheck", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("claimcheck")

#: Variables that would make rich colour or re-wrap the text table: the tests must not depend on the caller's shell.
_SCRUBBED = ("FORCE_COLOR", "NO_COLOR", "COLUMNS", "LINES", "TERM", "TTY_COMPATIBLE", "CLICOLOR_FORCE")


@dataclass
class Run:
    """What one command did: exit status, stdout and stderr (decoded as UTF-8)."""

    args: tuple[str, ...]
    status: int
    out: str
    err: str

    @property
    def err_lines(self) -> list[str]:
        return self.err.splitlines()

    def json(self) -> dict[str, Any]:
        return json.loads(self.out)

    def __str__(self) -> str:  # shown by pytest when an assertion on a Run fails
        head = f"claimcheck {' '.join(self.args)} -> {self.status}"
        return f"{head}\n--- stderr:\n{self.err}--- stdout:\n{self.out[:2000]}"


def command_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in _SCRUBBED}
    return env


@pytest.fixture(scope="session")
def cli_env() -> dict[str, str]:
    """The environment the command runs in, for tests that start it themselves (pipes, closed stdin)."""
    return command_env()


@pytest.fixture
def cli(tmp_path: Path):
    """`cli("extract", "x.md", cwd=..., stdin=b"...")` runs `python -m claimcheck` (cwd: tmp_path)."""

    def run(*args: str, cwd: Path | None = None, stdin: bytes | None = None, timeout: float = 60) -> Run:
        proc = subprocess.run(
            [sys.executable, "-m", "claimcheck", *args],
            cwd=cwd or tmp_path,
            input=stdin if stdin is not None else b"",
            capture_output=True,
            timeout=timeout,
            env=command_env(),
        )
        return Run(
            args=args,
            status=proc.returncode,
            out=proc.stdout.decode("utf-8", errors="replace"),
            err=proc.stderr.decode("utf-8", errors="replace"),
        )

    return run


def article(body: str, date: str | None = "2025-02-10", title: str = "A test article") -> str:
    """A markdown article with front matter (no `date` key when `date` is None)."""
    meta = f'title: "{title}"\n' + (f"date: {date}\n" if date else "")
    return f"---\n{meta}---\n\n# {title}\n\n{body}\n"


@pytest.fixture
def write_article():
    """`write_article(path, body, date=...)`: write an article, making folders; returns the path."""

    def write(path: Path, body: str = "Acme Corp raised $12 million from investors in 2024.", **kw) -> Path:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(article(body, **kw), encoding="utf-8")
        return path

    return write
