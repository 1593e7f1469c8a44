"""Reading inputs: paths to documents with metadata, and a problem for every file that needs one.

Nothing here raises on bad input: an unreadable, binary, empty or oversized file becomes a `Problem`
naming it, and the rest of the corpus is still read.
"""

from __future__ import annotations

import calendar
import datetime as dt
import errno
import html
import os
import re
import stat
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from claimcheck.models import DateOrigin, Document, Problem

SUFFIXES = (".md", ".markdown", ".txt", ".html", ".htm")
LONG_LINE = 100_000
# Publication dates a news archive can hold: "next year" of 9999-12-31 or "last year" of 0001-01-02 has
# no date to be, so a publication date outside these years counts as none (relative dates stay unresolved).
FIRST_YEAR, LAST_YEAR = 1800, 2199
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f]")

_OPENS_FRONT_MATTER = re.compile(r"\A(?:\ufeff)?---[ \t]*\r?\n")
_FRONT_MATTER = re.compile(r"\A(?:\ufeff)?---[ \t]*\r?\n(.*?)^(?:---|\.\.\.)[ \t]*$\r?\n?", re.DOTALL | re.MULTILINE)
_DATELINE = re.compile(
    r"^[ \t*_]*(?:Published|Posted|Date|Updated|Publication date)(?:\s+on)?\s*[:\-–]?\s*(?P<value>[^\n]{4,80})$",
    re.IGNORECASE | re.MULTILINE,
)
# … or as one field of a masthead line, the date alone in it: "Issue 212 | Published: 24 November 2025 | Riyadh" (not
# "Dividend: 50 cents | Date of payment: 15 May 2026")
_MASTHEAD_FIELD = re.compile(
    r"^[^\n|·•]{1,60}[|·•][ \t*_]*(?:Published|Posted|Publication date)(?:[ \t]+on)?[ \t]*[:\-–]?[ \t]*"
    r"(?P<value>[^\n|·•]{4,40}?)[ \t]*(?:[|·•][^\n]{0,80})?$",
    re.IGNORECASE | re.MULTILINE,
)
_MONTH_NUMBERS = {name[:3].lower(): i for i, name in enumerate(calendar.month_name) if name}
_MONTH_WORD = "|".join(name for name in calendar.month_name if name) + "|" + "|".join(
    f"{abbr}\\.?" for abbr in calendar.month_abbr if abbr) + "|Sept\\.?"
_WRITTEN_DATE = re.compile(
    rf"(?<!\d)(?:(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<m1>{_MONTH_WORD}),?\s+"
    rf"|(?P<m2>{_MONTH_WORD})\s+(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?,?\s+)(?P<y>(?:19|20)\d{{2}})(?!\d)",
    re.IGNORECASE)
# A wire's dateline with its year, opening a paragraph: "BANGKOK, Jan 19, 2026 (Chao Phraya Newswire) - …", "NEW YORK,
# Jan. 19, 2026 /PRNewswire/ --" (not "LONDON, Nov 20 (Reuters) -", which names no year)
_WIRE_DATELINE = re.compile(
    rf"^[ \t*_]*[A-Z][A-Z .'’-]{{1,40}}(?:,[ \t]+[A-Z][A-Za-z.]{{1,20}})?,[ \t]+(?P<value>{_WRITTEN_DATE.pattern})"
    r"[ \t]*(?:\(|/|[-–—])", re.MULTILINE)
# A plain-text story's first line, when short: a masthead that may end with the date ("Wire - May 20, 2025")
_FIRST_LINE = re.compile(r"\s*([^\n]{1,100})(?:\n|\Z)")
_MASTHEAD_DATE = re.compile(rf"(?:,|\s[-–—|·])\s+((?:\w+,?\s+)?{_WRITTEN_DATE.pattern}|\d{{4}}-\d\d-\d\d)\s*$",
                            re.IGNORECASE)
# Bounded repetitions and no `[^>]*` before a further test: a page of 20,000 unclosed `<meta name='a' `
# must cost a pass, not a pass per tag (docs/bad-input.md, "Time").
_HTML_TITLE = re.compile(r"<title\b[^<>]{0,500}>([^<]{0,2000})</title", re.IGNORECASE)
_META_TAG = re.compile(r"<meta\b[^<>]{0,4000}>", re.IGNORECASE)
_META_KEY = re.compile(r"""\b(?:name|property)\s*=\s*(?:"([^"<>]{1,200})"|'([^'<>]{1,200})')""", re.IGNORECASE)
_META_VALUE = re.compile(r"""\bcontent\s*=\s*(?:"([^"<>]{0,2000})"|'([^'<>]{0,2000})')""", re.IGNORECASE)
_HEADING = re.compile(r"^#{1,3}\s+(.+?)\s*#*\s*$", re.MULTILINE)


@dataclass(frozen=True)
class Input:
    """One file to read: `path` is None for standard input."""

    source: str
    path: Path | None
    relative: str | None = None  # below the folder that was walked; the name of a file given directly


@dataclass(frozen=True)
class Loaded:
    """A document ready for extraction, with the kind of markup and where its front matter ends."""

    document: Document
    kind: str
    front_matter_end: int


def shown_path(path: str | Path) -> str:
    """A path as messages and output show it: a file name that is not valid UTF-8 keeps its odd bytes as
    `\\xe9` escapes (readable, distinct, and writable to any UTF-8 stream or JSON)."""
    raw = os.fsencode(path)
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("utf-8", "backslashreplace")


def discover(paths: Iterable[str]) -> Iterator[Input | Problem]:
    """Expand folders recursively (following symlinks once each); report paths that cannot be used."""
    for raw in paths:
        if raw == "-":
            yield Input("<stdin>", None)
            continue
        path = Path(raw)
        try:
            if path.is_dir():
                yield from _walk(path)
            elif path.is_file():
                yield Input(shown_path(raw), path, shown_path(path.name))
            elif path.is_symlink():
                yield Problem(source=shown_path(raw), message=_link_problem(path), fatal=True)
            elif not path.exists():
                yield Problem(source=shown_path(raw), message="no such file or directory", fatal=True)
            else:
                yield Problem(source=shown_path(raw), message="not a regular file or directory", fatal=True)
        except OSError as exc:  # a path under a folder that cannot be entered, a name too long
            yield Problem(source=shown_path(raw), message=f"cannot read: {exc.strerror or exc}", fatal=True)


def _link_problem(path: Path) -> str:
    try:
        path.stat()
    except OSError as exc:
        return "symbolic link loop" if exc.errno == errno.ELOOP else "broken symbolic link"
    return "not a regular file or directory"


def _walk(root: Path) -> Iterator[Input | Problem]:
    seen: set[tuple[int, int]] = set()
    stack = [root]
    while stack:
        folder = stack.pop()
        try:
            st = folder.stat()
        except OSError as exc:
            yield Problem(source=shown_path(folder), message=f"cannot read folder: {exc.strerror}", fatal=True)
            continue
        if (st.st_dev, st.st_ino) in seen:
            # Nothing is lost: every file under it is read once, through its first path. A note, not an error.
            real = folder.resolve()
            loop = any(real == above.resolve() for above in folder.parents)
            message = "symbolic link loop" if loop else "folder already read through another symbolic link"
            yield Problem(source=shown_path(folder), message=f"{message}, skipped")
            continue
        seen.add((st.st_dev, st.st_ino))
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError as exc:
            yield Problem(source=shown_path(folder), message=f"cannot list folder: {exc.strerror}", fatal=True)
            continue
        subfolders = []
        for entry in entries:
            path = Path(entry.path)
            if entry.name.startswith("."):
                continue
            wanted = path.suffix.lower() in SUFFIXES  # a broken link to a .png is no more our business than a .png
            try:
                if entry.is_dir():
                    subfolders.append(path)
                elif entry.is_file():
                    if wanted:
                        yield Input(shown_path(path), path, shown_path(path.relative_to(root).as_posix()))
                elif entry.is_symlink() and wanted:
                    yield Problem(source=shown_path(path), message=_link_problem(path), fatal=True)
                elif wanted:  # a FIFO, socket or device with an article's suffix: never opened
                    yield Problem(source=shown_path(path), message="not a regular file, skipped")
            except OSError as exc:
                if wanted:
                    yield Problem(source=shown_path(path), message=f"cannot read: {exc.strerror}", fatal=True)
        stack.extend(reversed(subfolders))


def read_all(
    paths: Iterable[str], date: dt.date | None, max_bytes: int
) -> Iterator[tuple[Loaded | None, list[Problem]]]:
    """Every input under `paths`, loaded, with its problems; a path that cannot be read gives (None, [problem])."""
    for item in discover(paths):
        if isinstance(item, Problem):
            yield None, [item]
            continue
        data = read_bytes(item, max_bytes)
        if isinstance(data, Problem):
            yield None, [data]
            continue
        yield load(item, data, date)


def read_bytes(item: Input, max_bytes: int) -> bytes | Problem:
    try:
        if item.path is None:
            if sys.stdin is None:  # started with standard input closed (`<&-`)
                return Problem(source=item.source, message="standard input is closed", fatal=True)
            data = _read_up_to(sys.stdin.buffer, max_bytes, 1 << 16)
        else:
            # O_NONBLOCK and fstat: a file swapped for a FIFO or a device after the folder was listed is
            # refused at once instead of blocking the run
            fd = os.open(item.path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
            with os.fdopen(fd, "rb") as fh:
                st = os.fstat(fh.fileno())
                if not stat.S_ISREG(st.st_mode):
                    return Problem(source=item.source, message="not a regular file or directory", fatal=True)
                if st.st_size > max_bytes:
                    return _too_large(item.source, st.st_size, max_bytes)
                data = _read_up_to(fh, max_bytes, st.st_size)
    except OSError as exc:
        return Problem(source=item.source, message=f"cannot read: {exc.strerror or exc}", fatal=True)
    if len(data) > max_bytes:
        return _too_large(item.source, len(data), max_bytes)
    return data


def _read_up_to(fh: Any, max_bytes: int, expected: int) -> bytes:
    """At most `max_bytes` + 1 bytes (one more shows an input over the limit), read in chunks that start at
    the size expected and double: `read(max_bytes + 1)` would reserve a 64 MiB buffer for a 2 kB article."""
    data = fh.read(min(expected, max_bytes) + 1)
    while data and len(data) <= max_bytes:
        more = fh.read(min(len(data), max_bytes + 1 - len(data)))
        if not more:
            break
        data += more
    return data


def _too_large(source: str, size: int, max_bytes: int) -> Problem:
    return Problem(
        source=source,
        message=f"file too large ({size / 2**20:.1f} MiB > {max_bytes / 2**20:.0f} MiB limit), skipped; "
        "raise it with --max-file-mb",
        fatal=True,
    )


def decode(source: str, data: bytes) -> tuple[str | None, list[Problem]]:
    """UTF-8 (with or without BOM), else cp1252, else latin-1, saying so; None for binary data."""
    head = data[:8192]
    for bom, encoding in ((b"\xff\xfe\x00\x00", "utf-32"), (b"\x00\x00\xfe\xff", "utf-32"),
                          (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16")):
        if head.startswith(bom):
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError:
                return None, [Problem(source=source, message=f"invalid {encoding.upper()} text, skipped", fatal=True)]
            return _text_or_binary(source, text, [Problem(source=source, message=f"{encoding.upper()} text, decoded")])
    if b"\x00" in head:
        return None, [Problem(source=source, message="binary file, skipped", fatal=True)]
    try:
        return _text_or_binary(source, data.decode("utf-8-sig"), [])
    except UnicodeDecodeError as exc:
        where = exc.start
    for encoding in ("cp1252", "latin-1"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        return _text_or_binary(
            source, text, [Problem(source=source, message=f"not valid UTF-8 (byte {where}); decoded as {encoding}")]
        )
    return None, [Problem(source=source, message="binary file, skipped", fatal=True)]


def _text_or_binary(source: str, text: str, notes: list[Problem]) -> tuple[str | None, list[Problem]]:
    """Text that is mostly control characters is binary data, whatever it decodes as."""
    sample = text[:8192]
    if len(_CONTROL.findall(sample)) > 0.05 * max(1, len(sample)):
        return None, [Problem(source=source, message="binary file, skipped", fatal=True)]
    return text, notes


def load(item: Input, data: bytes, default_date: dt.date | None) -> tuple[Loaded | None, list[Problem]]:
    """Decode a file and read its metadata; problems say what was odd about it."""
    text, problems = decode(item.source, data)
    if text is None:
        return None, problems
    if not text.strip():
        return None, [*problems, Problem(source=item.source, message="empty file, nothing to read")]
    kind = "html" if _is_html(item, text) else "markdown"
    meta: dict[str, Any] = {}
    front_end = 0
    fm = _FRONT_MATTER.match(text)
    if fm:
        front_end = fm.end()
        meta, problem = _parse_front_matter(item.source, fm.group(1))
        if problem:
            problems.append(problem)
    elif _OPENS_FRONT_MATTER.match(text):
        problems.append(Problem(source=item.source, message="front matter is not closed by '---'; read as prose"))
    longest = max((len(line) for line in text.splitlines()), default=0)
    if longest > LONG_LINE:
        problems.append(Problem(
            source=item.source,
            message=f"has a line of {longest:,} characters; sentence boundaries there may be approximate",
        ))
    if kind == "html":
        meta = {**_html_meta(text), **meta}
    published, origin, date_problem = _publication_date(item.source, text, front_end, meta, default_date,
                                                        masthead=kind != "html")
    if date_problem:
        problems.append(date_problem)
    if published is not None and not FIRST_YEAR <= published.year <= LAST_YEAR:
        problems.append(Problem(source=item.source, message=(
            f"publication date {published.isoformat()} is outside {FIRST_YEAR}-{LAST_YEAR}; "
            "relative dates stay unresolved")))
        published, origin = None, None
    elif published is None:
        problems.append(Problem(
            source=item.source,
            message="no publication date (front matter, dateline or --date); relative dates stay unresolved",
        ))
    document = Document(
        source=item.source,
        text=text,
        title=_text(meta.get("title")) or _title_from(text, kind),
        published=published,
        outlet=_text(meta.get("outlet") or meta.get("source") or meta.get("publisher") or meta.get("site_name"))
        or (_masthead(text, front_end) if kind != "html" else None),
        url=_text(meta.get("url") or meta.get("link") or meta.get("canonical")),
        date_origin=origin,
        relative=item.relative,
    )
    return Loaded(document=document, kind=kind, front_matter_end=front_end), problems


def _is_html(item: Input, text: str) -> bool:
    if item.path is not None and item.path.suffix.lower() in (".html", ".htm"):
        return True
    head = text.lstrip()[:200].lower()
    return head.startswith(("<!doctype html", "<html"))


def _parse_front_matter(source: str, raw: str) -> tuple[dict[str, Any], Problem | None]:
    import yaml  # deferred: only documents with front matter pay for it

    try:
        # libyaml's loader when PyYAML was built with it: 8x faster on a corpus of front matter
        meta = yaml.load(raw, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 2}" if mark is not None else ""
        reason = getattr(exc, "problem", None) or "invalid YAML"
        return {}, Problem(source=source, message=f"malformed front matter{where}: {reason}; metadata ignored")
    except (ValueError, TypeError, RecursionError) as exc:  # a value YAML cannot build: "date: 2025-02-30"
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        return {}, Problem(source=source, message=f"malformed front matter: {reason}; metadata ignored")
    if meta is None:
        return {}, None
    if not isinstance(meta, dict):
        return {}, Problem(source=source, message="front matter is not a mapping; metadata ignored")
    return {str(k).lower(): v for k, v in meta.items()}, None


_CANONICAL_LINK = re.compile(r"<link\b[^>]{0,300}?\brel\s*=\s*[\"']?canonical\b[^>]{0,300}>", re.IGNORECASE)
_HREF = re.compile(r"\bhref\s*=\s*(?:\"([^\"]*)\"|'([^']*)')", re.IGNORECASE)


def _html_meta(text: str) -> dict[str, Any]:
    meta: dict[str, Any] = {}
    m = _HTML_TITLE.search(text)
    if m:
        meta["title"] = html.unescape(" ".join(m.group(1).split()))
    for tag in _META_TAG.finditer(text):
        k, v = _META_KEY.search(tag.group(0)), _META_VALUE.search(tag.group(0))
        if not k or not v:
            continue
        key = (k.group(1) or k.group(2)).lower().split(":")[-1]
        value = v.group(1) if v.group(1) is not None else v.group(2)
        if key in ("published_time", "date", "pubdate"):
            meta.setdefault("date", value)
        elif key in ("site_name", "url", "title"):
            meta.setdefault(key, html.unescape(value))
    if "url" not in meta:  # the page's own address, as its `<link rel="canonical" href="…">` gives it
        link = _CANONICAL_LINK.search(text, 0, 20000)
        href = _HREF.search(link.group(0)) if link else None
        if href:
            meta["url"] = html.unescape(href.group(1) or href.group(2))
    return meta


def _text(value: Any) -> str | None:
    if value is None or isinstance(value, (dict, list, set)):  # str() of YAML aliases can explode
        return None
    text = str(value).strip()
    return text or None


# "The Salmon Ledger - a weekly letter on farmed seafood markets", "The Visayan Ledger | Business": the name
# before a dash or bar of a masthead line
_MASTHEAD_PART = re.compile(r"[ \t]{1,3}[-–—|][ \t]{1,3}|[ \t]{0,3}\(")
# A masthead ends in the noun of a publication ("Atlantic Markets Wire", "THE DECCAN LEDGER", "Broker Notes in
# Brief", "Bharat Newswire Agency"); a headline above a "Published:" line does not ("KONE LIFTS MARGINS AS
# SERVICE CARRIES THE QUARTER")
_PUBLICATION_NOUN = re.compile(
    r"\b(?:wire|newswire|news|service|review|digest|brief|briefing|courier|journal|post|daily|herald|ledger|letter"
    r"|newsletter|notebook|bulletin|weekly|chronicle|examiner|tidings|dispatch|monitor|today|desk|times|gazette"
    r"|tribune|telegraph|observer|standard|mail|express|record|report|commerce|column|insider|mercury|star"
    r"|agency|press|bureau|wires|newsroom)$",
    re.IGNORECASE)


def _masthead(text: str, start: int) -> str | None:
    """The outlet of a plain-text article that opens with its masthead, the line just above its "Published:"
    line ("Transpacific Wire Service\nPublished: 6 February 2026"): a name that ends in a publication's noun, not
    a headline nor the dateline itself."""
    lines = text[start:start + 400].lstrip("\ufeff\r\n").splitlines()[:2]
    if len(lines) < 2 or not _DATELINE.fullmatch(lines[1].strip()):
        return None
    first = lines[0].strip().strip("*_# ").strip()
    if not first or len(first) > 80 or first.endswith((".", "?", "!", ":")) or _DATELINE.fullmatch(first):
        return None
    name = _MASTHEAD_PART.split(first, maxsplit=1)[0].strip()
    return name if _PUBLICATION_NOUN.search(name) else None


def _title_from(text: str, kind: str) -> str | None:
    if kind == "html":
        return None
    m = _HEADING.search(text[:5000])
    return m.group(1).strip() if m else None


def parse_date(value: Any) -> dt.date | None:
    """A publication date from front matter or a dateline: a date, a datetime or a string ("2025-02-10",
    "10 February 2025", "Feb. 10, 2025 09:14 CET"); dateparser reads other written forms, with a language."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str) or not value.strip():
        return None
    raw = value.strip()
    try:
        return dt.date.fromisoformat(raw[:10])
    except ValueError:
        pass
    m = _WRITTEN_DATE.search(raw)
    if m:
        month = _MONTH_NUMBERS.get((m.group("m1") or m.group("m2"))[:3].lower())
        day, year = int(m.group("d1") or m.group("d2")), int(m.group("y"))
        try:
            return dt.date(year, month, day) if month else None
        except ValueError:
            return None
    return _dateparser_date(raw) if any(c.isdigit() for c in raw) else None  # "tomorrow" is no dateline


@lru_cache(maxsize=1024)
def _dateparser_date(raw: str) -> dt.date | None:
    import dateparser  # deferred: costs start-up time, and most datelines are read without it

    parsed = dateparser.parse(raw[:100], languages=["en"], settings={
        "REQUIRE_PARTS": ["day", "month", "year"], "PREFER_DAY_OF_MONTH": "first", "DATE_ORDER": "MDY"})
    return parsed.date() if parsed else None


def _publication_date(
    source: str, text: str, body_start: int, meta: dict[str, Any], default_date: dt.date | None,
    masthead: bool = False,
) -> tuple[dt.date | None, DateOrigin | None, Problem | None]:
    problem = None
    for key in ("date", "published", "pubdate", "published_at", "datetime"):
        if key in meta:
            parsed = parse_date(meta[key])
            if parsed:
                return parsed, "front-matter", None
            value = meta[key]
            shown = type(value).__name__ if isinstance(value, (dict, list, set)) else str(value)[:40]
            problem = Problem(source=source, message=f"front matter {key!r} is not a date: {shown!r}")
    # The dateline is in the body: front matter lines ("updated: ...", or all of it when malformed) are not one.
    lines = list(_DATELINE.finditer(text, body_start, body_start + 3000))
    lines += _MASTHEAD_FIELD.finditer(text, body_start, body_start + 3000)
    # "Published" before "Updated": the publication date is what relative dates refer to
    for m in sorted(lines, key=lambda m: m.group(0).strip(" \t*_").lower().startswith("updated")):
        parsed = parse_date(m.group("value"))
        if parsed:
            return parsed, "dateline", problem
    wire = _WIRE_DATELINE.search(text, body_start, body_start + 3000)
    if wire is not None and (parsed := parse_date(wire.group("value"))):
        return parsed, "dateline", problem
    first = _FIRST_LINE.match(text, body_start) if masthead else None
    if first and (written := _MASTHEAD_DATE.search(first.group(1))) \
            and _PUBLICATION_NOUN.search(first.group(1)[:written.start()].strip()):
        # "South China Markets Wire - May 20, 2025": a plain-text story's first line, its outlet and its date (not
        # a headline that ends with a date)
        parsed = parse_date(written.group(1))
        if parsed:
            return parsed, "dateline", problem
    if default_date:
        return default_date, "option", problem
    return None, None, problem
