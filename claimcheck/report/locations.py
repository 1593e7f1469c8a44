"""Where a finding is: the file, line and column span of each of its claims, as every output format needs it."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from claimcheck.models import Claim


@dataclass(frozen=True)
class Location:
    """One claim's place: 1-based `line`/`column` of its first character, `end_line`/`end_column` just past
    its last one (columns count characters, as `Claim.column` does), and the quote found there."""

    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    quote: str

    @property
    def where(self) -> str:
        return f"{self.path}:{self.line}:{self.column}"

    def as_dict(self) -> dict[str, Any]:
        return {"path": self.path, "line": self.line, "column": self.column, "end_line": self.end_line,
                "end_column": self.end_column, "quote": self.quote}


def claim_location(claim: Claim) -> Location:
    """The span of `claim.quote`, which is the file's text between the claim's offsets (newlines included)."""
    lines = claim.quote.split("\n")
    first = claim.column if len(lines) == 1 else 1
    return Location(path=claim.source, line=claim.line, column=claim.column, end_line=claim.line + len(lines) - 1,
                    end_column=first + len(lines[-1]), quote=claim.quote)


def finding_locations(finding: Any, by_id: dict[str, Claim]) -> list[Location]:
    """The locations of a finding's claims, in the finding's order (ids of unknown claims are left out); for a
    finding with no claims, the place it names (a suppression comment's: docs/ci.md)."""
    found = [claim_location(by_id[c]) for c in finding.claims if c in by_id]
    at = getattr(finding, "location", None)
    if not found and at is not None:
        found = [Location(path=at.source, line=at.line, column=at.column, end_line=at.line, end_column=at.column,
                          quote="")]
    return found


def claims_by_id(result: Any) -> dict[str, Claim]:
    return {c.id: c for c in result.extraction.claims}


def below_cwd(path: str, cwd: Path | None = None) -> str | None:
    """`path` relative to the working directory, with forward slashes, or None when it lies outside it
    (or is not a file path, like `<stdin>`): what CI systems want to match against their checkout."""
    if path == "<stdin>":
        return None
    here = os.path.abspath(cwd or os.getcwd())  # getcwd() has no symbolic links; abspath() adds none
    try:
        relative = Path(os.path.abspath(path)).relative_to(here)
    except ValueError:
        return None
    return relative.as_posix()


def one_line(text: str) -> str:
    """`text` with every run of whitespace (newlines and tabs included) as one space."""
    return " ".join(text.split())
