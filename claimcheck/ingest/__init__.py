"""Stage 1, files to documents: decoding, metadata (front matter, HTML meta, datelines) and the masked prose
that every later stage reads (offsets kept)."""

from claimcheck.ingest.files import SUFFIXES, Loaded, load, parse_date, read_all
from claimcheck.ingest.prose import blank_span, mask

__all__ = ["SUFFIXES", "Loaded", "blank_span", "load", "mask", "parse_date", "read_all"]
