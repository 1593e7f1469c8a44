"""Findings: what a rule reports, with the claims it ties together and the arithmetic behind it."""

from __future__ import annotations

import hashlib
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from claimcheck.models import Claim

Severity = Literal["error", "warning", "info"]
SEVERITY_RANK: dict[str, int] = {"info": 0, "warning": 1, "error": 2}


class Location(BaseModel):
    """A place in an input file: the path as shown, 1-based line and column."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    source: str
    line: int
    column: int


class Finding(BaseModel):
    """A conflict or note. Rules set `message`, `claims` and `explanation`; the engine fills the rest."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    message: str
    claims: tuple[str, ...] = ()
    explanation: dict[str, Any] = Field(default_factory=dict)
    rule: str = ""
    severity: Severity | None = None
    fingerprint: str = ""
    stable_fingerprint: str = ""
    location: Location | None = None
    """Where the finding is when no claim says it: a suppression comment (docs/ci.md)."""


def claim_key(claim: Claim, path: str | None = None) -> str:
    """What identifies a claim across edits of its file: not its line, but what it says and where. `path` is
    the file below the scanned folder (Document.relative); without it, the file name."""
    period = claim.period
    when = f"{period.start}/{period.end}" if period else "-"
    name = path or claim.source.replace("\\", "/").rsplit("/", 1)[-1]
    return "|".join(map(str, (name, claim.quote, claim.subject, claim.metric, claim.modality, when)))


def fingerprint(rule: str, claims: list[Claim], message: str, paths: dict[str, str] | None = None) -> str:
    """A stable id for a finding: the rule and the normalized claims (the message only without claims).
    `paths` maps a claim's source to its path below the scanned folder, so that `a/x.md` and `b/x.md` differ."""
    keys = sorted(claim_key(c, (paths or {}).get(c.source)) for c in claims) or [message]
    return hashlib.sha1("\n".join([rule, *keys]).encode()).hexdigest()[:16]


def stable_claim_key(claim: Claim) -> str:
    """What a claim says, and nothing of where: the quote (spaces collapsed, case folded), the interval and
    its currency, the period, and the fact it belongs to. Moving the file, editing other lines or reordering
    paragraphs leaves it alone; changing the figure changes it."""
    value, period = claim.value, claim.period
    when = "-" if period is None else f"{period.start}/{period.end}/{period.text if not period.resolved else ''}"
    return "|".join(map(str, (
        " ".join(claim.quote.split()).casefold(), repr(value.low), repr(value.high), value.currency, when,
        claim.subject, claim.counterparty, claim.metric, claim.segment, claim.modality, claim.round,
        claim.cumulative,
    )))


def stable_fingerprint(rule: str, claims: list[Claim], message: str) -> str:
    """A content-only id for a finding, for baselines: the rule and the sorted claim contents (the message,
    spaces collapsed, only without claims). Unlike `fingerprint`, no path: the same finding in two files
    shares it, which is why a baseline is matched as a multiset (docs/json.md)."""
    keys = sorted(stable_claim_key(c) for c in claims) or [" ".join(message.split())]
    return hashlib.sha1("\n".join(["content", rule, *keys]).encode()).hexdigest()[:16]


def finding(message: str, *claims: Claim | str, severity: Severity | None = None, **explanation: Any) -> Finding:
    """The convenient way for a rule to report: `yield finding("…", a, b, gap=0.12)`."""
    ids = tuple(c.id if isinstance(c, Claim) else c for c in claims)
    return Finding(message=message, claims=ids, explanation=explanation, severity=severity)
