"""Claims and findings as Parquet files (`--format parquet`, docs/formats.md): the DataFrames of frame.py,
written by pyarrow, an optional extra (`claimcheck[parquet]`) that only this format imports."""

from __future__ import annotations

from pathlib import Path

from claimcheck.models import Extraction
from claimcheck.report.frame import claims_frame, findings_frame

EXTRA = "claimcheck[parquet]"


def missing_pyarrow() -> str | None:
    """Why Parquet cannot be written here (pyarrow is not installed), or None when it can."""
    try:
        import pyarrow  # noqa: F401
    except ImportError:
        return f"--format parquet needs pyarrow, which is not installed: pip install '{EXTRA}'"
    return None


def write_claims_parquet(result: Extraction, path: Path) -> None:
    """`extract --format parquet`: one row per claim, the columns of `extract --format csv`."""
    with open(path, "wb") as out:
        claims_frame(result.claims).to_parquet(out, engine="pyarrow", index=False)


def write_findings_parquet(result, path: Path) -> None:
    """`check --format parquet`: one row per finding and claim, the columns of `check --format csv`."""
    with open(path, "wb") as out:
        findings_frame(result).to_parquet(out, engine="pyarrow", index=False)
