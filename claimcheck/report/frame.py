"""Claims as a pandas DataFrame, for analysis in notebooks (pandas is imported only here)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from claimcheck.models import Claim
from claimcheck.report.render import FINDING_COLUMNS, FLAT_COLUMNS, finding_rows, flat_row

if TYPE_CHECKING:
    import pandas


def claims_frame(claims: Iterable[Claim]) -> "pandas.DataFrame":
    """One row per claim, columns as in the CSV output; period bounds as datetimes."""
    import pandas as pd

    frame = pd.DataFrame([flat_row(c) for c in claims], columns=list(FLAT_COLUMNS))
    for column in ("period_start", "period_end"):
        frame[column] = pd.to_datetime(frame[column])
    return frame


def findings_frame(result) -> "pandas.DataFrame":
    """One row per finding and claim of a check result (`check_paths(...)`), columns as in
    `check --format csv`; period bounds as datetimes."""
    import pandas as pd

    frame = pd.DataFrame(list(finding_rows(result)), columns=list(FINDING_COLUMNS))
    for column in ("period_start", "period_end"):
        frame[column] = pd.to_datetime(frame[column])
    return frame
