"""Suppression comments: where an article says that a finding on its lines is known, and why.

    <!-- claimcheck-disable-next-line RULE[,RULE] -- reason -->   the next line that is not blank
    <!-- claimcheck-disable RULE[,RULE] -- reason -->             from here to the matching enable,
    <!-- claimcheck-enable RULE[,RULE] -->                        or to the end of the file

In a plain-text file, where a comment would be read as text, the same words stand alone on a line
(`claimcheck-disable-next-line RULE -- reason`); that form is read in every file, and blanked from prose.
The prose mask blanks comments, so directives are read here from the file as written, in one pass over
its comments and one over its lines (never a pattern that could rescan from each opener). Which rules the
names mean is the engine's business (engine/suppress.py); here a directive is only text and offsets.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field

from claimcheck.models import Document

PREFIX = "claimcheck-"
KINDS = ("disable-next-line", "disable", "enable")
ALL = "all"
# The bare form: a directive word first on its line. Anchored at line starts, one way to read each line.
BARE = re.compile(r"^[ \t]*claimcheck-(?:disable-next-line|disable|enable)(?![\w-])[^\n]*", re.MULTILINE)
_NAME_SEPARATORS = re.compile(r"[,\s]+")
_NOT_NEWLINE = re.compile(r"[^\n]")
REASON_LIMIT = 200


@dataclass(frozen=True)
class Directive:
    """One suppression comment (or bare line) as written, with what is wrong with it in `problems`."""

    kind: str  # one of KINDS, or the unknown word as written ("claimcheck-disable-nextline")
    names: tuple[str, ...]
    reason: str
    start: int
    end: int
    line: int
    column: int
    problems: tuple[str, ...] = ()

    @property
    def text(self) -> str:
        """The directive as a message quotes it: `claimcheck-disable-next-line a,b`."""
        return f"{PREFIX}{self.kind} {','.join(self.names)}".rstrip()


@dataclass(frozen=True)
class Cover:
    """A stretch of the file (`start`..`end` offsets) where findings of rule `name` are silenced by
    directive number `directive`."""

    directive: int
    name: str
    start: int
    end: int


@dataclass(frozen=True)
class Suppressions:
    """The directives of one file and the stretches they cover."""

    directives: tuple[Directive, ...] = ()
    covers: tuple[Cover, ...] = field(default=())


_NONE = Suppressions()  # what a text without directives has (most texts): one object, it never changes


def read_suppressions(text: str) -> Suppressions:
    """Every directive of `text` and what it covers; linear in the length of the text."""
    if PREFIX not in text:
        return _NONE
    starts = _line_starts(text)
    found = _comment_directives(text) + _bare_directives(text)
    found.sort(key=lambda d: d[0])
    directives = [_parse(text, start, end, body, closed, starts) for start, end, body, closed in found]
    return _cover(text, directives, starts)


def released(document: Document) -> Document:
    """`document` without its text, for a corpus held until the rule pass (docs/scale.md, "Memory"): what the
    rule pass still needs of the text, its suppression comments, is read now and kept with it."""
    lean = document.model_copy(update={"text": ""})
    lean._suppressions = read_suppressions(document.text)
    return lean


def document_suppressions(document: Document) -> Suppressions:
    """The suppression comments of a document, read now or when its text was released. The kept ones are read
    from the model's private values (`__pydantic_private__`): pydantic's attribute fallback costs 1.5 µs a
    document, 0.3 s of a rule pass over 200,000 of them."""
    kept = (document.__pydantic_private__ or {}).get("_suppressions")
    return kept if kept is not None else read_suppressions(document.text)


def _line_starts(text: str) -> list[int]:
    starts, at = [0], text.find("\n")
    while at >= 0:
        starts.append(at + 1)
        at = text.find("\n", at + 1)
    return starts


def _comment_directives(text: str) -> list[tuple[int, int, str, bool]]:
    """(start, end, body, closed) of each `<!-- claimcheck-… -->`, found as prose.py finds comments: an
    unclosed comment runs to the end of the file."""
    out, pos = [], 0
    while (start := text.find("<!--", pos)) >= 0:
        close = text.find("-->", start + 4)
        end = len(text) if close < 0 else close + 3
        body = text[start + 4:end - 3 if close >= 0 else end]
        if body.lstrip().startswith(PREFIX):
            out.append((start, end, body, close >= 0))
        pos = end
    return out


def _bare_directives(text: str) -> list[tuple[int, int, str, bool]]:
    """Directive words alone on their line, outside comments (a comment's own lines are its body)."""
    comments, pos = [], 0
    while (start := text.find("<!--", pos)) >= 0:
        close = text.find("-->", start + 4)
        pos = len(text) if close < 0 else close + 3
        comments.append((start, pos))
    out, c = [], 0
    for m in BARE.finditer(text):
        while c < len(comments) and comments[c][1] <= m.start():
            c += 1
        if c < len(comments) and comments[c][0] < m.end():
            continue  # inside (or running into) a comment
        out.append((m.start(), m.end(), m.group(0), True))
    return out


def _parse(text: str, start: int, end: int, body: str, closed: bool, starts: list[int]) -> Directive:
    word, rest = (body.split(None, 1) + [""])[:2]
    kind = word.removeprefix(PREFIX)
    spec, dash, reason = rest.partition("--")
    names = tuple(n for n in _NAME_SEPARATORS.split(spec) if n)
    reason = " ".join(reason.split())
    if len(reason) > REASON_LIMIT:
        reason = reason[:REASON_LIMIT - 1] + "…"
    problems = []
    if not closed:
        problems.append(f"'{word[:60]}' is in a comment that is never closed: it silences nothing")
    elif kind not in KINDS:
        problems.append(f"unknown directive '{word[:60]}': use {', '.join(PREFIX + k for k in KINDS)}")
    elif not names:
        problems.append(f"{word} names no rule: name rule ids (or '{ALL}'), separated by commas")
    line = bisect_right(starts, start)
    return Directive(kind=kind if closed else "", names=names, reason=reason if dash else "", start=start,
                     end=end, line=line, column=start - starts[line - 1] + 1, problems=tuple(problems))


def _cover(text: str, directives: list[Directive], starts: list[int]) -> Suppressions:
    """The stretches each directive covers: the next line that is neither blank nor only directives, or a
    region from a disable to its enable (or to the end of the file)."""
    following = _next_content_lines(text, directives, starts)
    covers: list[Cover] = []
    open_regions: dict[str, tuple[int, int]] = {}  # name -> (directive index, start offset)
    for i, d in enumerate(directives):
        if d.problems:
            continue
        if d.kind == "disable-next-line":
            end_line = bisect_right(starts, d.end - 1)  # the line the directive ends on
            target = following[end_line] if end_line < len(following) else None
            if target is not None:
                line_start = starts[target - 1]
                line_end = starts[target] - 1 if target < len(starts) else len(text)
                covers.extend(Cover(i, n, line_start, line_end) for n in d.names)
        elif d.kind == "disable":
            clashes = [n for n in d.names if n in open_regions]
            if clashes:
                since = directives[open_regions[clashes[0]][0]].line
                directives[i] = _with_problem(d, f"{', '.join(clashes)} already disabled since line {since}")
            for n in d.names:
                open_regions.setdefault(n, (i, d.end))
        else:  # enable
            names = list(open_regions) if ALL in d.names else d.names
            unopened = [n for n in d.names if n not in open_regions and n != ALL]
            if unopened or not open_regions:
                directives[i] = _with_problem(
                    d, f"{d.text} closes no {PREFIX}disable (nothing disabled for {', '.join(unopened) or ALL})")
            for n in names:
                if n in open_regions:
                    opened, region_start = open_regions.pop(n)
                    covers.append(Cover(opened, n, region_start, d.start))
    covers.extend(Cover(i, n, region_start, len(text)) for n, (i, region_start) in open_regions.items())
    return Suppressions(directives=tuple(directives), covers=tuple(covers))


def _with_problem(d: Directive, problem: str) -> Directive:
    return Directive(kind=d.kind, names=d.names, reason=d.reason, start=d.start, end=d.end, line=d.line,
                     column=d.column, problems=(*d.problems, problem))


def _next_content_lines(text: str, directives: list[Directive], starts: list[int]) -> list[int | None]:
    """For each line number n (1-based; index n), the first line after it that holds something other than
    whitespace and directives, or None."""
    parts, pos = [], 0
    for d in directives:  # in order, never overlapping
        parts += [text[pos:d.start], _NOT_NEWLINE.sub(" ", text[d.start:d.end])]
        pos = d.end
    plain = "".join([*parts, text[pos:]])
    count = len(starts)
    following: list[int | None] = [None] * (count + 1)
    nxt: int | None = None
    for n in range(count, 0, -1):
        following[n] = nxt
        end = starts[n] if n < count else len(plain)
        if plain[starts[n - 1]:end].strip():
            nxt = n
    return following
