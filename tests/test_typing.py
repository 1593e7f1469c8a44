"""The package type-checks (mypy), so the hints document what the code really takes and returns."""

import subprocess
import sys

from conftest import REPO


def test_mypy_is_clean():
    proc = subprocess.run([sys.executable, "-m", "mypy", "--cache-dir", str(REPO / ".mypy_cache")],
                          cwd=REPO, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr
