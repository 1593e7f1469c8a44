"""Page text, not page furniture: which parts of an HTML page are the story.

Navigation, asides, footers, a site header, forms and their controls, embedded frames and pictures, dialogs,
the landmark roles around the story, and blocks whose class or id names an ad, a promotion, a newsletter, a
cookie banner, sharing buttons, comments or related stories are furniture; when the page marks its story
(`<main>`, `role="main"`, else an `<article>` outside furniture; a `<main>` holding one `<article>`: that article
and a headline above it), everything outside the story is too, except the `<title>`. Their spans are blanked by `blank_furniture` (newlines kept), so every offset still points
into the file. docs/bad-input.md ("Pages") says what a user can expect.

One pass over the tags: a linear tokenizer and a stack of open elements with the few implied ends that
decide where an element stops (`<p>` before a block, `<li>` after `<li>`, table cells). A parsing library
builds a tree but says nowhere where an element sits in the source (selectolax: nothing, lxml: the line),
and the standard library's tokenizer is quadratic, and raises, on malformed markup in the Python 3.11 we
run on: benchmarks/README.md ("HTML pages") has the measurements.
"""

from __future__ import annotations

import re
from bisect import bisect_right

# A start or end tag: a name, then anything up to the next `>` that holds no `<`. Possessive: a failed
# match costs the distance to the next `<` or `>`, never more, so a page of stray `<` stays linear.
_TAG = re.compile(r"<(/?)([A-Za-z][^\s/<>]*+)([^<>]*+)>")
_ATTRIBUTE = re.compile(r"""(?<![\w:.-])(class|id|role)\s*+=\s*+(?:"([^"]*+)"|'([^']*+)'|([^\s"'=<>`]++))""",
                        re.IGNORECASE)
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")
_WORD = re.compile(r"[a-z]+")

#: Elements that are never prose, wherever they are.
FURNITURE_TAGS = frozenset({
    "nav", "aside", "footer", "form", "button", "select", "textarea", "iframe", "svg", "math", "canvas",
    "object", "noscript", "template", "dialog",
})
#: Landmark roles around the story (`role="navigation"` on a `<div>` is a `<nav>`).
FURNITURE_ROLES = frozenset({"navigation", "banner", "contentinfo", "complementary", "search", "dialog",
                             "alertdialog"})
#: Words of a class or id that name a block of ads or page boilerplate, as whole words of the name
#: ("header-ads", "adSlot", "cookie_banner"), never inside one ("shadow", "loaded", "shareholder").
FURNITURE_WORDS = frozenset({
    "ad", "ads", "advert", "adverts", "advertisement", "advertisements", "advertising", "sponsor", "sponsors",
    "sponsored", "promo", "promos", "promoted", "newsletter", "newsletters", "cookie", "cookies", "consent",
    "related", "share", "sharing", "social", "comments", "subscribe", "paywall", "sidebar", "breadcrumb",
    "breadcrumbs", "outbrain", "taboola", "popup", "adsbygoogle",
})
#: Elements that hold the page, never furniture by their class ("has-ads" on `<body>`).
_NEVER_BY_NAME = frozenset({"html", "head", "body", "main"})
_VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "keygen", "link", "meta", "param",
                   "source", "track", "wbr", "frame", "basefont", "bgsound", "image"})
# Furniture inside a sentence blanks to spaces; any other ends a paragraph, as its block tags did.
_INLINE = frozenset({"a", "abbr", "b", "bdi", "bdo", "button", "canvas", "cite", "data", "del", "dfn", "em", "i",
                     "iframe", "ins", "kbd", "label", "mark", "math", "object", "q", "s", "samp", "select",
                     "small", "span", "strong", "sub", "sup", "svg", "textarea", "time", "u", "var"})

# Implied ends (the HTML parsing algorithm, reduced to what moves an element's end): a start tag closes
# the nearest open element of these names unless one of the scope's boundaries is open above it.
_SCOPE = ("html", "table", "td", "th", "caption", "template", "object", "marquee", "applet", "svg", "math")
_P_CLOSERS = ("address", "article", "aside", "blockquote", "center", "details", "dialog", "dir", "div", "dl",
              "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header",
              "hgroup", "hr", "main", "menu", "nav", "ol", "p", "pre", "section", "summary", "table", "ul", "li",
              "dd", "dt")
_IMPLIED: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    name: (("p",), (*_SCOPE, "button")) for name in _P_CLOSERS
}
_IMPLIED.update({
    "li": (("p", "li"), (*_SCOPE, "button", "ul", "ol")),
    "dt": (("p", "dt", "dd"), (*_SCOPE, "button", "dl")),
    "dd": (("p", "dt", "dd"), (*_SCOPE, "button", "dl")),
    "option": (("option",), ("select", "datalist", "optgroup")),
    "tr": (("tr", "td", "th"), ("table", "html", "template")),
    "td": (("td", "th"), ("tr", "table", "html", "template")),
    "th": (("td", "th"), ("tr", "table", "html", "template")),
})

# What an open element is or is inside of (bit flags, inherited down the stack).
_IN_STORY = 1        # an <article>, <main> or role=main: its own <header> is prose
_IN_FURNITURE = 2    # furniture by name or role: decided, nothing inside needs a record
_IN_CLASS = 4        # furniture by class or id (undone if it holds the story), or a <header> outside the
                     # story (undone if the page marks no story and the header holds its <h1>)


def _attributes(rest: str) -> tuple[str, str]:
    """The class and id values of a tag (space-separated), and the first word of its role (lowercase)."""
    names, role = [], ""
    for m in _ATTRIBUTE.finditer(rest):
        value = m.group(2) if m.group(2) is not None else m.group(3) if m.group(3) is not None else m.group(4)
        if m.group(1).lower() == "role":
            role = role or (value.split() or [""])[0].lower()
        else:
            names.append(value)
    return " ".join(names), role


def _is_ad_name(names: str) -> bool:
    return not FURNITURE_WORDS.isdisjoint(_WORD.findall(_CAMEL.sub(" ", names).lower()))


class _Page:
    """The walk over one page's tags: an element stack and the spans it records."""

    def __init__(self) -> None:
        self.stack: list[tuple[str, int, int]] = []       # (name, record index or -1, flags)
        self.open_at: dict[str, list[int]] = {}           # name -> stack positions of the open ones
        # what each recorded element is ("furniture", "by-name", "header", "main", "article", "title", "h1"),
        # and its span
        self.kinds: list[str] = []
        self.names: list[str] = []
        self.starts: list[int] = []
        self.ends: list[int] = []

    def close_from(self, depth: int, end: int) -> None:
        """Pop every open element from stack position `depth` up; they end at `end`."""
        stack, open_at, ends = self.stack, self.open_at, self.ends
        while len(stack) > depth:
            name, record, _ = stack.pop()
            open_at[name].pop()
            if record >= 0:
                ends[record] = end

    def implied_end(self, name: str, at: int) -> None:
        closes, boundaries = _IMPLIED[name]
        open_at = self.open_at
        target = -1
        for n in closes:
            if open_at.get(n):
                target = max(target, open_at[n][-1])
        if target < 0:
            return
        fence = max((open_at[b][-1] for b in boundaries if open_at.get(b)), default=-1)
        if target > fence:
            self.close_from(target, at)

    def start(self, name: str, rest: str, start: int, end: int) -> None:
        if name in _IMPLIED:
            self.implied_end(name, start)
        if name in _VOID:
            return
        parent = self.stack[-1][2] if self.stack else 0
        names, role = _attributes(rest) if ("=" in rest) else ("", "")
        story = name in ("article", "main") or role == "main"
        flags = parent | (_IN_STORY if story else 0)
        kind = ""
        if parent & _IN_FURNITURE:
            pass  # inside furniture already: nothing inside it matters
        elif name in FURNITURE_TAGS or role in FURNITURE_ROLES:
            kind, flags = "furniture", flags | _IN_FURNITURE
        elif name == "header" and not parent & _IN_STORY:
            kind, flags = "header", flags | _IN_CLASS
        elif names and name not in _NEVER_BY_NAME and role != "main" and _is_ad_name(names):
            kind, flags = "by-name", flags | _IN_CLASS
        elif name == "main" or role == "main":
            kind = "main"
        elif name == "article" and not parent & _IN_CLASS:
            kind = "article"
        elif name in ("title", "h1"):
            kind = name
        record = -1
        if kind:
            record = len(self.kinds)
            self.kinds.append(kind)
            self.names.append(name)
            self.starts.append(start)
            self.ends.append(end)
        if rest.endswith("/"):  # `<div/>`: closed here (a browser would leave it open; the smaller harm)
            return
        self.open_at.setdefault(name, []).append(len(self.stack))
        self.stack.append((name, record, flags))

    def end(self, name: str, end: int) -> None:
        positions = self.open_at.get(name)
        if positions:
            self.close_from(positions[-1], end)


def furniture(text: str) -> list[tuple[int, int, bool]]:
    """The spans of `text` (an HTML page) that are not the story, as (start, end, ends a paragraph), sorted
    and disjoint."""
    page = _Page()
    for m in _TAG.finditer(text):
        slash, name, rest = m.groups()
        if slash:
            page.end(name.lower(), m.end())
        else:
            page.start(name.lower(), rest, m.start(), m.end())
    page.close_from(0, len(text))
    records = list(zip(page.kinds, page.starts, page.ends, page.names))
    mains = [(start, end) for kind, start, end, _ in records if kind == "main"]
    articles = [(start, end) for kind, start, end, _ in records if kind == "article"]
    stories = _stories(mains, articles, [(start, end) for kind, start, end, _ in records if kind == "h1"]) \
        if mains else articles
    starts = sorted(start for start, _ in stories)
    spans: list[tuple[int, int, bool]] = []
    headlines = [] if stories else sorted(start for kind, start, _, _ in records if kind == "h1")
    for kind, start, end, name in records:
        if (kind == "furniture" or (kind == "by-name" and not _holds(starts, start, end))
                or (kind == "header" and not _holds(headlines, start, end))):
            spans.append((start, end, name not in _INLINE))
    if stories:
        kept = sorted([*stories, *((start, end) for kind, start, end, _ in records if kind == "title")])
        pos = 0
        for start, end in kept:
            if start > pos:
                spans.append((pos, start, True))
            pos = max(pos, end)
        if pos < len(text):
            spans.append((pos, len(text), True))
    return _merged(spans)


def _stories(mains: list[tuple[int, int]], articles: list[tuple[int, int]],
             headlines: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The story of each `<main>`: its one `<article>` (and a headline set above it) where it holds exactly one,
    so that the "More from Suppliers" list after the article is not read as the story; else the whole of it."""
    stories: list[tuple[int, int]] = []
    articles, headlines = sorted(articles), sorted(headlines)
    starts, heads = [a[0] for a in articles], [h[0] for h in headlines]
    for start, end in mains:
        at = bisect_right(starts, start - 1)  # the articles that start inside it, two at most read (no pair of lists)
        inside = [a for a in articles[at:at + 2] if a[0] < end and a[1] <= end]
        if len(inside) == 1:
            lo, hi = bisect_right(heads, start - 1), bisect_right(heads, inside[0][0] - 1)
            stories += [*inside, *(h for h in headlines[lo:hi] if h[1] <= inside[0][0])]
        else:
            stories.append((start, end))
    return sorted(stories)


def _holds(starts: list[int], start: int, end: int) -> bool:
    """Whether a story starts inside (start, end)."""
    i = bisect_right(starts, start)
    return i < len(starts) and starts[i] < end


def _merged(spans: list[tuple[int, int, bool]]) -> list[tuple[int, int, bool]]:
    merged: list[tuple[int, int, bool]] = []
    for start, end, block in sorted(spans):
        if merged and start <= merged[-1][1]:
            last = merged[-1]
            merged[-1] = (last[0], max(last[1], end), last[2] or (block and start == last[0]))
        elif end > start:
            merged.append((start, end, block))
    return merged


def blanked(text: str) -> str:
    """`text` as spaces, its newlines kept (one C-level pass per line: a regex substitution is 5x slower)."""
    if "\n" not in text:
        return " " * len(text)
    return "\n".join(" " * len(line) for line in text.split("\n"))


def blank_furniture(text: str) -> str:
    """`text` with its page furniture blanked (same length, newlines kept); a blanked block begins with a
    paragraph break, as the block tags it replaces did."""
    if "<" not in text:
        return text
    parts, pos = [], 0
    for start, end, block in furniture(text):
        blank = blanked(text[start:end])
        if block and end - start >= 2:
            blank = "\n\n" + blank[2:]
        parts += [text[pos:start], blank]
        pos = end
    parts.append(text[pos:])
    return "".join(parts)
