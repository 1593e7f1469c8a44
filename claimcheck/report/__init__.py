"""Stage 5, claims and findings to outputs: JSON, CSV, text tables, pandas frames, pint quantities."""
