"""Stage 3, mentions to claims: who, what metric, how much, when and how sure, for every amount."""

from claimcheck.claims.extract import Extractor, extract

__all__ = ["Extractor", "extract"]
