"""Baselines: the findings a newsroom has accepted, so that a check reports only what is new.

A baseline file (JSON, docs/ci.md) lists per finding its rule, its content-only fingerprint
(`Finding.stable_fingerprint`: no path, no line) and a summary for the people who read the file. Matching
is a multiset: a baseline with one entry excuses one finding, so the same conflict copied into a second
file is new until it is baselined too.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from claimcheck.engine.findings import Finding
from claimcheck.models import Claim

SCHEMA = "claimcheck.baseline"
VERSION = 1
SUMMARY_LIMIT = 300


class BaselineError(Exception):
    """A baseline that cannot be read or written; the message is one line naming the file."""


@dataclass(frozen=True)
class Baseline:
    """How many findings of each (rule, stable fingerprint) are accepted."""

    entries: Counter[tuple[str, str]]

    def split(self, findings: Iterable[Finding]) -> tuple[list[Finding], list[Finding]]:
        """(new, baselined): each entry excuses one finding, in the order the findings come."""
        left = Counter(self.entries)
        new: list[Finding] = []
        old: list[Finding] = []
        for f in findings:
            key = (f.rule, f.stable_fingerprint)
            if left[key] > 0:
                left[key] -= 1
                old.append(f)
            else:
                new.append(f)
        return new, old


def read_baseline(path: Path) -> Baseline:
    """The baseline at `path`; BaselineError when it is missing, not JSON, not a baseline or of another
    version (never a partial reading: a wrong baseline would hide or show findings silently)."""
    if not path.is_file():
        raise BaselineError(f"{path}: baseline file {'is not a file' if path.exists() else 'does not exist'}")
    try:
        data = json.loads(path.read_bytes().decode("utf-8"))
    except OSError as exc:
        raise BaselineError(f"{path}: cannot read baseline: {exc.strerror or exc}") from None
    except UnicodeDecodeError:
        raise BaselineError(f"{path}: not a claimcheck baseline: not UTF-8 text") from None
    except json.JSONDecodeError as exc:
        raise BaselineError(
            f"{path}: not a claimcheck baseline: invalid JSON at line {exc.lineno}, column {exc.colno}") from None
    except ValueError:  # an integer of thousands of digits, which Python refuses to read
        raise BaselineError(f"{path}: not a claimcheck baseline: a number too long to read") from None
    except RecursionError:
        raise BaselineError(f"{path}: not a claimcheck baseline: JSON nested too deeply") from None
    if not isinstance(data, dict) or data.get("schema") != SCHEMA:
        raise BaselineError(f'{path}: not a claimcheck baseline (no "schema": "{SCHEMA}")')
    if data.get("version") != VERSION:
        raise BaselineError(
            f"{path}: baseline version {str(data.get('version'))[:20]} is not supported (this claimcheck reads "
            f"version {VERSION}); write a new one with --write-baseline")
    entries = data.get("findings")
    if not isinstance(entries, list):
        raise BaselineError(f'{path}: not a claimcheck baseline: "findings" is not a list')
    counts: Counter[tuple[str, str]] = Counter()
    for i, entry in enumerate(entries):
        if not (isinstance(entry, dict) and isinstance(entry.get("rule"), str)
                and isinstance(entry.get("fingerprint"), str)):
            raise BaselineError(f"{path}: not a claimcheck baseline: findings[{i}] has no rule and fingerprint")
        counts[(entry["rule"], entry["fingerprint"])] += 1
    return Baseline(counts)


def baseline_json(findings: Iterable[Finding], claims: Iterable[Claim]) -> dict[str, Any]:
    """The baseline of `findings`, sorted so that a rewritten baseline diffs cleanly."""
    by_id = {c.id: c for c in claims}
    entries = []
    for f in findings:
        where = [f"{by_id[c].source}:{by_id[c].line}" for c in f.claims if c in by_id]
        if f.location is not None:
            where.append(f"{f.location.source}:{f.location.line}")
        summary = " ".join(f.message.split())
        if len(summary) > SUMMARY_LIMIT:
            summary = summary[:SUMMARY_LIMIT - 1] + "…"
        entries.append({"rule": f.rule, "fingerprint": f.stable_fingerprint, "summary": summary, "where": where})
    entries.sort(key=lambda e: (e["rule"], e["fingerprint"], e["summary"], e["where"]))
    return {"schema": SCHEMA, "version": VERSION, "findings": entries}


def write_baseline(path: Path, findings: Iterable[Finding], claims: Iterable[Claim]) -> int:
    """Write the baseline of `findings` to `path`, one entry a line (a reviewer sees in the diff what was
    accepted); how many entries it holds. BaselineError when it cannot be written."""
    data = baseline_json(findings, claims)
    rows = ",\n".join("  " + json.dumps(e, ensure_ascii=False) for e in data["findings"])
    text = (f'{{\n "schema": "{SCHEMA}",\n "version": {VERSION},\n "findings": [\n{rows}\n ]\n}}\n' if rows
            else f'{{\n "schema": "{SCHEMA}",\n "version": {VERSION},\n "findings": []\n}}\n')
    try:
        path.write_text(text, encoding="utf-8", errors="replace")
    except OSError as exc:
        raise BaselineError(f"{path}: cannot write: {exc.strerror or exc}") from None
    return len(data["findings"])
