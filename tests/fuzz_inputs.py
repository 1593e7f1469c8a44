"""Hostile inputs for the whole pipeline, and what every run of it must keep to.

One module for both runs, so they fuzz the same things: tests/test_fuzz.py (a fixed budget in `make test`)
and benchmarks/fuzz.py (`make fuzz`, at least 100,000 inputs). Each `Case` is a file written to disk and
read back by `Extractor.run`, then checked by every default rule and written in every output format, and
its text also goes straight to `Extractor.text_claims`.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import signal
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from hypothesis import strategies as st

import claimcheck
from claimcheck.engine.check import check, select
from claimcheck.engine.registry import load_rules
from claimcheck.models import Claim
from claimcheck.report.render import write_check_json, write_check_text, write_csv, write_json, write_text

REPO = Path(__file__).resolve().parents[1]
ARTICLES = [p.read_text(encoding="utf-8")
            for folder in ("fixtures/corpus", "fixtures/dev/articles") for p in sorted((REPO / folder).iterdir())]

MONEY = [
    "$", "€1.7bn", "-5", "1e308", "10^400", "9" * 400, "NaN", "inf", "nan million", "between", "to", "(", ")",
    "−", "½", "$5 million", "-$5 million", "$-7 million", "−€3m", "€-0", "$0", "halved to $0", "0.0",
    "1e-308", "Infinity", "-inf euros", "$1,", "1,000,000", "1.000.000,5", "₹2,31,450 crore", "lakh crore",
    "£72p", "342 pence", "twelve dollars and thirty cents", "tens of millions of euros", "several billion",
    "half a billion dollars", "60 EUR million", "85 MEUR", "US$2.5 billion", "¥", "CHF", "kroner", "francs",
    "bitcoin", "bn", "m", "million", "billion", "trillion", "k", "%", "per cent", "x", "times", "1/0", "0/0",
]
WORDS = [
    "Acme Corp", "Mistral AI", "the company", "It", "raised", "revenue of", "valued at", "a valuation of",
    "Series B", "in 2024", "in Q3 2025", "FY2025", "last year", "next year", "last Friday", "on Monday",
    "a year earlier", "one year ago", "the fiscal year ended March 31, 2025", "doubled to", "rose 31% to",
    "from", "up from", "about", "nearly", "more than", "up to", "at least", "plans to", "reportedly",
    "is targeting", "and", "or", "# ", "- ", "* ", "> ", "[link](http://a/1-bn)", "`$5m`", "**", "_",
]
SEPARATORS = [" ", "  ", "\n", "\n\n", ", ", ". ", "-", "–", "—", "/", "\t", "\r\n", "\r", "\x0b", "\u2028"]
INVISIBLE = ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad", "\u061c",
             "\u200e", "\u200f", "\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068", "\u2069"]
DATES = [
    "2025-02-10", "0001-01-01", "0001-01-02", "9999-12-31", "9999-12-30", "1799-12-31", "2200-01-01",
    "2025-02-30", "2025-13-01", "0000-00-00", "99999-01-01", "-2025-01-01", "2025-02-10T25:61:00",
    "2025-02-10 09:14 CET", "10 February 2025", "Feb. 30, 2025", "31/12/9999", "next year", "last Friday",
    "soon", "1e308", "-1", "nan", ".inf", "[]", "{}", "~", "null", "'", '"', "!!binary aGVsbG8=", "1" * 400,
]
BAD_YAML = [
    "key: [unclosed", "{{", "- a\n- b", ": :", "\tdate: 2025-01-01", "date: &a 2025-01-01\nalias: *a",
    "a: &a [*a, *a]", "date: !!timestamp 9999-12-31", "date: !!python/object/apply:os.system ['true']",
    "? complex\n: key", "date: 2025-02-10\ndate: 2025-02-11", "x: " + "[" * 200, "x: |\n  $5 million", "%YAML 1.1",
    "date:\n  - 2025-01-01", "date: {a: 1}", "title: " + "a" * 5000,
]
DATELINES = ["Published: ", "Published on ", "Date: ", "Updated: ", "Posted ", "**Published:** "]
HTML = [
    "<html>", "<!doctype html>", "<head>", "</head>", "<body>", "</body>", "<meta name='a' ",
    "<meta property=\"article:published_time\" content=\"9999-12-31\">", "<meta content='0001-01-01' name='date'>",
    "<meta", "<title>", "</title>", "<!--", "-->", "<script>", "</script>", "<style>", "<pre>", "</pre>",
    "<code>", "</code>", "<p>", "</p>", "<div>", "</div", "<a href='x'>", "</a>", "<br>", "&amp;", "&#x110000;",
    "&#99999999;", "&nbsp;", "&euro;", "&#8364;5m", "<", ">", "<p", "</script", "<!", "<![CDATA[", "]]>",
    "<nav>", "<aside>", "<footer>", "<noscript>", "<template>",
]
TOKENS = [*MONEY, *WORDS, *SEPARATORS, *INVISIBLE]
FAR_DATES = [dt.date(1, 1, 1), dt.date(1, 1, 2), dt.date(9999, 12, 31), dt.date(9999, 12, 30),
             dt.date(1800, 1, 1), dt.date(2199, 12, 31), dt.date(2025, 2, 10)]


@dataclass(frozen=True)
class Case:
    """One input: the text (written to a file as UTF-8; a lone surrogate makes that file invalid UTF-8 on
    purpose), or raw bytes instead; the file's suffix; the date given as `--date`."""

    text: str
    suffix: str = ".md"
    date: dt.date | None = None
    raw: bytes | None = None

    @property
    def data(self) -> bytes:
        return self.raw if self.raw is not None else self.text.encode("utf-8", "surrogatepass")


def numbers() -> st.SearchStrategy[str]:
    """Huge, negative, tiny and odd numbers, with and without currency and grouping."""
    figure = st.one_of(
        st.integers(-(10**400), 10**400).map(str),
        st.integers(-(10**20), 10**20).map(lambda n: f"{n:,}"),
        st.floats(allow_nan=True, allow_infinity=True).map(repr),
        st.integers(0, 400).map(lambda n: f"10^{n}"),
        st.integers(1, 400).map(lambda n: "9" * n),
    )
    sign = st.sampled_from(["", "-", "−", "$", "-$", "$-", "€", "−€", "£", "US$", "(", "~"])
    scale = st.sampled_from(["", " million", "m", "bn", " billion", " trillion", " euros", " dollars", " crore"])
    return st.tuples(sign, figure, scale).map("".join)


def soup(tokens: list[str], max_size: int = 60) -> st.SearchStrategy[str]:
    return st.lists(st.one_of(st.sampled_from(tokens), numbers()), max_size=max_size).map("".join)


@st.composite
def mutated_article(draw: st.DrawFn) -> str:
    """A fixture article with spans deleted, duplicated, swapped or cut, and tokens inserted."""
    text = draw(st.sampled_from(ARTICLES))
    for _ in range(draw(st.integers(0, 6))):
        kind = draw(st.sampled_from(["delete", "duplicate", "swap", "insert", "cut"]))
        i = draw(st.integers(0, len(text)))
        j = draw(st.integers(i, min(len(text), i + 400)))
        if kind == "delete":
            text = text[:i] + text[j:]
        elif kind == "duplicate":
            text = text[:j] + text[i:j] * draw(st.integers(1, 3)) + text[j:]
        elif kind == "swap":
            k = draw(st.integers(j, len(text)))
            m = draw(st.integers(k, min(len(text), k + 400)))
            text = text[:i] + text[k:m] + text[j:k] + text[i:j] + text[m:]
        elif kind == "insert":
            text = text[:i] + draw(st.one_of(st.sampled_from(TOKENS + HTML), numbers())) + text[i:]
        else:
            text = text[:i]
    return text


def body() -> st.SearchStrategy[str]:
    return st.one_of(soup(TOKENS), mutated_article(), st.sampled_from(ARTICLES))


@st.composite
def front_matter(draw: st.DrawFn) -> str:
    """Front matter that is unclosed, not YAML, or holds odd dates; a dateline after it now and then."""
    opener = draw(st.sampled_from(["---\n", "---\r\n", "\ufeff---\n", "--- \n", "---"]))
    entry = st.tuples(st.sampled_from(["date", "published", "Date", "datetime", "title", "source", "url"]),
                      st.one_of(st.sampled_from(DATES), st.text(max_size=20))).map(lambda kv: f"{kv[0]}: {kv[1]}")
    lines = draw(st.lists(st.one_of(entry, st.sampled_from(BAD_YAML)), max_size=6))
    closer = draw(st.sampled_from(["---\n", "...\n", "---", "", "--\n", "----\n", "---\n---\n"]))
    dateline = draw(st.one_of(st.just(""), st.tuples(st.sampled_from(DATELINES), st.sampled_from(DATES)).map(
        lambda parts: "".join(parts) + "\n")))
    return opener + "\n".join(lines) + "\n" + closer + dateline + draw(body())


@st.composite
def broken_html(draw: st.DrawFn) -> str:
    """Unclosed comments, scripts and tags, `<meta` soup, entities out of range, with money in between."""
    return draw(soup(HTML + MONEY + WORDS + SEPARATORS, max_size=80))


def cases() -> st.SearchStrategy[Case]:
    """Every kind of input, with a `--date` that is absent, ordinary or at the ends of the calendar."""
    date = st.one_of(st.none(), st.sampled_from(FAR_DATES), st.dates())
    text = st.one_of(
        # random unicode, lone surrogates too (`st.text` would leave them out)
        st.lists(st.characters() | st.characters(categories=["Cs"]), max_size=400).map("".join),
        soup(TOKENS),
        mutated_article(),
        front_matter(),
        st.lists(st.sampled_from(INVISIBLE + MONEY), max_size=80).map("".join),
    )
    return st.one_of(
        st.builds(Case, text=text, suffix=st.sampled_from([".md", ".txt", ".markdown"]), date=date),
        st.builds(Case, text=broken_html(), suffix=st.sampled_from([".html", ".htm", ".md"]), date=date),
        st.builds(Case, text=st.just(""), date=date, raw=st.binary(max_size=300)),
    )


class NotJson(AssertionError):
    """An output that `json.loads` refuses, or that holds NaN or an infinity."""


def _no_constant(name: str) -> Any:
    raise NotJson(f"JSON holds {name}")


def strict_json(text: str) -> Any:
    """`json.loads`, refusing NaN and infinities (which Python's JSON writer would emit and others reject)."""
    try:
        return json.loads(text, parse_constant=_no_constant)
    except ValueError as exc:
        raise NotJson(f"invalid JSON: {exc}") from None


def _json(write: Any, result: Any) -> dict[str, Any]:
    out = io.StringIO()
    write(result, out)
    return strict_json(out.getvalue())


def check_offsets(claims: tuple[Claim, ...] | list[Claim], texts: dict[str, str]) -> None:
    """Every claim's span lies inside its text and is its quote; line and column point at it."""
    for c in claims:
        text = texts[c.source]
        start, end = c.span
        assert 0 <= start <= end <= len(text), (c.source, c.span, len(text))
        assert text[start:end] == c.quote, (c.quote, text[start:end])
        assert c.line == text.count("\n", 0, start) + 1 and c.column == start - text.rfind("\n", 0, start), c


class Hang(BaseException):
    """An input that ran past the ceiling (a BaseException: the code under test does not swallow it)."""


@contextmanager
def ceiling(seconds: float) -> Iterator[None]:
    """Raise Hang after `seconds` of CPU time (SIGVTALRM: `check` keeps SIGALRM for its rules' budgets)."""
    def stop(signum: int, frame: object) -> None:
        raise Hang(f"ran past {seconds:g} s of CPU time")

    previous = signal.signal(signal.SIGVTALRM, stop)
    signal.setitimer(signal.ITIMER_VIRTUAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_VIRTUAL, 0)
        signal.signal(signal.SIGVTALRM, previous)


class Pipeline:
    """The whole pipeline in process, built once: file on disk -> extraction -> every default rule -> every
    output the CLI writes; then the text alone through `text_claims`."""

    def __init__(self, folder: Path, seconds: float = 10.0) -> None:
        self.folder = folder
        self.seconds = seconds
        self.extractor = claimcheck.Extractor()
        self.rules = select(load_rules(plugins=False))

    def run(self, case: Case) -> tuple[int, int]:
        """The number of claims and findings. Raises on anything wrong: an exception from the pipeline, Hang,
        or AssertionError for a broken property."""
        with ceiling(self.seconds):
            return self._run(case)

    def _run(self, case: Case) -> tuple[int, int]:
        path = self.folder / f"input{case.suffix}"
        path.write_bytes(case.data)
        extraction = self.extractor.run([str(path)], case.date)
        result = check(extraction, self.rules)
        assert not result.problems, [p.message for p in result.problems]  # a default rule crashed or hung
        check_offsets(extraction.claims, {d.source: d.text for d in extraction.documents})
        data = _json(write_json, extraction)
        assert len(data["claims"]) == len(extraction.claims)
        assert len(_json(write_check_json, result)["findings"]) == len(result.findings)
        for write in (write_csv, write_text):
            write(extraction, io.StringIO())
        write_check_text(result, io.StringIO(), color=False)
        claims = self.extractor.text_claims(case.text, published=case.date)
        check_offsets(claims, {"<text>": case.text})
        return len(extraction.claims), len(result.findings)
