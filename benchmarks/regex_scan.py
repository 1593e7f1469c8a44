"""The yardstick of issue 11: a plain Python regular-expression scan for money over the files claimcheck reads.

    .venv/bin/python benchmarks/regex_scan.py CORPUS      # prints: files, bytes, amounts found

Reads every file under CORPUS as `claimcheck extract` would find it (the suffixes it reads, dot-files and
dot-folders skipped), decodes it as UTF-8 and counts the matches of one money pattern (a currency sign or
code, a figure, an optional scale). It understands nothing: it is what the cheapest possible tool costs, so
that `run.py` can state claimcheck's speed as a multiple of it, measured in the same run on the same machine.
"""

from __future__ import annotations

import os
import re
import sys

SUFFIXES = (".md", ".markdown", ".txt", ".html", ".htm")
MONEY = re.compile(
    r"(?:[$€£¥₹]|\b(?:USD|EUR|GBP|CHF|JPY|SEK)\s?)\d[\d,.]*(?:\s?(?:bn|m|k|million|billion|trillion)\b)?"
    r"|\b\d[\d,.]*\s?(?:million|billion|trillion)?\s?(?:dollars|euros|pounds|USD|EUR|GBP)\b"
)


def scan(folder: str) -> tuple[int, int, int]:
    """(files, bytes, matches) over the files under `folder`."""
    files = size = found = 0
    for dirpath, dirnames, filenames in os.walk(folder):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            if name.startswith(".") or not name.lower().endswith(SUFFIXES):
                continue
            with open(os.path.join(dirpath, name), "rb") as fh:
                data = fh.read()
            files += 1
            size += len(data)
            found += sum(1 for _ in MONEY.finditer(data.decode("utf-8", errors="replace")))
    return files, size, found


if __name__ == "__main__":
    if len(sys.argv) != 2 or not os.path.isdir(sys.argv[1]):
        sys.exit("usage: regex_scan.py CORPUS (a folder)")
    print("files %d bytes %d amounts %d" % scan(sys.argv[1]))
