"""Where the default pack (rules/ in the repository, claimcheck/_pack in a wheel) lives."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path


@lru_cache(maxsize=1)
def pack_dir() -> Path:
    """The folder of the default rule pack: organisation vocabulary, lexicon and (later) the default rules."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "_pack", here.parent / "rules"):
        if (candidate / "organisations.toml").is_file():
            return candidate
    raise FileNotFoundError("claimcheck's default pack (rules/) is missing from the installation")
