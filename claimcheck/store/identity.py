"""What a store's claims depend on besides the articles: the extraction settings and code that made them.

A store records this identity when it is created; `index` and `check --against-store` refuse a store whose
claims were extracted otherwise than this run would extract them (other settings, another claimcheck), naming
what differs, because claims read back must be the claims a fresh extraction gives (docs/store.md).
"""

from __future__ import annotations

import hashlib
import json
import math
from functools import lru_cache
from pathlib import Path
from typing import Any

from claimcheck.config import Settings
from claimcheck.pack import pack_dir

#: The parts of the package whose code or data shape the claims (reporting, rules and the store do not).
EXTRACTION_CODE = ("ingest", "mentions", "claims", "models.py", "numbers.py", "config.py", "pack.py")
PACK_DATA = ("lexicon.toml", "organisations.toml")


def claimcheck_version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("claimcheck")
    except PackageNotFoundError:
        return "unknown"


def extraction_identity(settings: Settings) -> dict[str, Any]:
    """Every setting that changes which claims an article gives, and a digest of the code and data that
    extract them. Budgets, rule settings and fact windows are not in it: they are applied at check time."""
    policy = settings.intervals
    return {
        "code": _code_digest(),
        "pack": _files_digest(tuple(pack_dir() / name for name in PACK_DATA)),
        "intervals": {
            "approx_margin": policy.approx_margin, "near_margin": policy.near_margin,
            "approx_units": "inf" if math.isinf(policy.approx_units) else policy.approx_units,
            "open_factor": "inf" if math.isinf(policy.open_factor) else policy.open_factor,
            "vague": {k: list(v) for k, v in sorted(policy.vague.items())},
        },
        "fiscal_year_start": settings.dates.fiscal_year_start,
        "date_order": settings.dates.date_order,
        "fiscal_years": dict(sorted(settings.fiscal_years.items())),
        "dollar": settings.dollar,
        "lexicon": settings.lexicon,
        "entities": _files_digest(settings.entity_files),
    }


def fingerprint(identity: dict[str, Any]) -> str:
    return hashlib.sha256(json.dumps(identity, sort_keys=True).encode()).hexdigest()[:32]


def differences(stored: dict[str, Any], current: dict[str, Any]) -> list[str]:
    """The names of the settings that differ ('code' when claimcheck's extraction itself changed)."""
    return sorted(k for k in set(stored) | set(current) if stored.get(k) != current.get(k))


@lru_cache(maxsize=1)
def _code_digest() -> str:
    """A digest of the extraction code: a claimcheck that reads articles differently gives other claims."""
    package = Path(__file__).resolve().parents[1]
    files: list[Path] = []
    for part in EXTRACTION_CODE:
        where = package / part
        files.extend(sorted(where.rglob("*.py")) + sorted(where.rglob("*.json")) if where.is_dir() else [where])
    return _files_digest(tuple(files), package)


def _files_digest(files: tuple[Path, ...], below: Path | None = None) -> str:
    digest = hashlib.sha256()
    for file in files:
        name = file.relative_to(below).as_posix() if below else file.name
        digest.update(name.encode() + b"\0")
        try:
            digest.update(file.read_bytes())
        except OSError:
            digest.update(b"(unreadable)")
        digest.update(b"\0")
    return digest.hexdigest()[:32]
