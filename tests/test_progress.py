"""The progress line: one call per input read; shown on a terminal's stderr only, never with --quiet."""

from __future__ import annotations

import os
import pty
import subprocess
import sys
from pathlib import Path

import claimcheck

ROOT = Path(__file__).resolve().parents[1]


def test_progress_is_called_once_per_input():
    names: list[str] = []
    result = claimcheck.check_paths(["fixtures/corpus"], progress=names.append)
    assert sorted(names) == sorted(d.source for d in result.extraction.documents)


def _stderr_on_a_terminal(*args: str) -> str:
    main, secondary = pty.openpty()
    proc = subprocess.run([sys.executable, "-m", "claimcheck", *args], cwd=ROOT, stdout=subprocess.DEVNULL,
                          stderr=secondary, env={**os.environ, "PYTHONPATH": str(ROOT), "TERM": "xterm"},
                          timeout=300)
    os.close(secondary)
    out = b""
    try:
        while chunk := os.read(main, 65536):
            out += chunk
    except OSError:
        pass
    os.close(main)
    assert proc.returncode in (0, 1)
    return out.decode("utf-8", "replace")


def test_progress_on_a_terminal_and_quiet():
    assert "file(s) read" in _stderr_on_a_terminal("extract", "fixtures/corpus")
    assert "file(s) read" not in _stderr_on_a_terminal("check", "fixtures/corpus", "--quiet")
