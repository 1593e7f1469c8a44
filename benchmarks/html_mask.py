"""HTML pages to prose: today's regex stripping against the furniture-aware mask, and what libraries cost.

    python benchmarks/html_mask.py                 # ~4 MB of generated news pages, seed 20261201
    python benchmarks/html_mask.py --mb 8 --seed 7 --repeat 5
    python benchmarks/html_mask.py --write out/    # also write the pages, to read them
    python benchmarks/html_mask.py --malformed     # then html.parser and the mask on broken markup

Pages are generated here (made-up companies and outlets): a site header with a subscription offer, a menu,
a market ticker, a cookie banner, breadcrumbs, the story (headline, byline, paragraphs with figures, an
inline ad, a share bar, a pull quote, a newsletter form, a figure, now and then a table), related stories,
comments, a sidebar with ads and most-read links, a footer, JSON-LD, scripts and styles; the story is in
`<main><article>`, in `<article>` alone, in `role="main"`, or in plain `<div>`s, and one page in ten has
markup a browser forgives (unclosed `<p>` and `<li>`, stray `<`). Every figure is unique on its page, so
each approach is also scored: story figures kept, furniture figures left in.

Prints MB/s (1 MB = 10^6 characters read) for each approach, best of --repeat runs, on the core it is
given (`taskset -c 1`). Libraries that are not installed are skipped: selectolax, lxml and trafilatura
are not dependencies; install them into a scratch folder (`pip install --target DIR ...`) and put it on
PYTHONPATH to compare. Prints figures, never asserts.
"""

from __future__ import annotations

import argparse
import html
import random
import re
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from claimcheck.ingest import page, prose  # noqa: E402

HEADS = "Nor Quill Brae Cal Vant Ost Lum Tessel Hal Mer Kest Ardent Sol Vey Tarn Orr Fen Astra Cind Dun".split()
TAILS = "vane field wick ora ion mark stone gate bridge line ware path sight forge loop shift grid leaf".split()
SUFFIXES = ("Robotics", "Labs", "Energy", "Bank", "Systems", "Holdings", "Motors", "Foods")
OUTLETS = ("The Ledger", "Harbour Business Daily", "Northgate Times", "Market Wire", "Capital Letter")
SECTIONS = ("Markets", "Companies", "Tech", "Energy", "Banking", "Opinion", "Video", "Podcasts")
FILLER = (
    "Analysts said the figures were broadly in line with what the company had signalled at its investor day.",
    "The group did not comment on how it would use the money beyond saying it would hire engineers.",
    "Shares moved little in early trading, and the wider index ended the day slightly lower.",
    "The chief executive told reporters that demand had held up better than she had feared in the spring.",
    "Competition in the segment has sharpened since two rivals merged last year.",
    "The company employs about 1,400 people across nine offices and plans to open two more.",
)


class Figures:
    """Unique amounts for one page, each remembered as story or furniture."""

    def __init__(self, rng: random.Random) -> None:
        self.rng, self.used, self.story, self.furniture = rng, set(), [], []

    def _new(self) -> str:
        while True:
            value = f"{self.rng.choice('$€£')}{self.rng.randint(11, 999)}.{self.rng.randint(1, 9)} million"
            if value not in self.used:
                self.used.add(value)
                return value

    def of_story(self) -> str:
        value = self._new()
        self.story.append(value)
        return value

    def of_furniture(self) -> str:
        value = self._new()
        self.furniture.append(value)
        return value


def _company(rng: random.Random) -> str:
    return f"{rng.choice(HEADS)}{rng.choice(TAILS)} {rng.choice(SUFFIXES)}"


def _script(rng: random.Random, figures: Figures) -> str:
    body = ";".join(f"window.slot{i}=googletag.defineSlot('/{rng.randint(1000, 9999)}/news',[300,250],'ad-{i}')"
                    for i in range(rng.randint(20, 60)))
    return f"<script>{body};var offer='{figures.of_furniture()}';</script>\n"


def _paragraphs(rng: random.Random, figures: Figures, company: str, messy: bool) -> list[str]:
    out = []
    for i in range(rng.randint(6, 14)):
        if rng.random() < 0.5:
            text = (f"{company} said revenue rose to {figures.of_story()} in the quarter, from "
                    f"{figures.of_story()} a year earlier. " + rng.choice(FILLER))
        else:
            text = " ".join(rng.sample(FILLER, 3))
        if messy and i % 4 == 1:
            text += " Margins were 3 < 5 points, a measure the group calls \"core\"."
        out.append(f"<p>{html.escape(text, quote=False)}" + ("" if messy and i % 3 == 0 else "</p>"))
    return out


def _story(rng: random.Random, figures: Figures, company: str, messy: bool) -> str:
    paras = _paragraphs(rng, figures, company, messy)
    ad = rng.choice(['<div class="ad ad-inline" data-slot="mid">', '<div class="advertisement">',
                     '<ins class="adsbygoogle" style="display:block">', '<div id="promoBox">'])
    close = "</ins>" if ad.startswith("<ins") else "</div>"
    paras.insert(2, f"{ad}<span>Advertisement</span> Win {figures.of_furniture()} today!{close}")
    paras.insert(4, f'<aside class="pullquote"><p>"We raised {figures.of_furniture()} and spent it."</p></aside>')
    paras.insert(5, f'<figure><img src="/img/{rng.randint(1, 9999)}.jpg" alt="plant"><figcaption>The {company} '
                    f"plant, built for {figures.of_story()}.</figcaption></figure>")
    if rng.random() < 0.3:
        rows = "".join(f"<tr><td>Q{q}</td><td>{figures.of_story()}</td></tr>" for q in range(1, 5))
        paras.insert(6, f"<table class=\"figures\"><tr><th>Quarter</th><th>Revenue</th></tr>{rows}</table>")
    paras.append(f'<form class="newsletter-signup" action="/subscribe"><label>Morning briefing, '
                 f'{figures.of_furniture()} of insight</label><input type="email"><button>Sign up</button></form>')
    paras.append(f'<div class="share-tools"><a href="#">Share</a> <span>{figures.of_furniture()} saved</span></div>')
    headline = f"{company} raises {figures.of_story()} as sales climb"
    return (f"<header class=\"article-header\"><h1>{headline}</h1><p class=\"byline\">By Ana Reyes</p>"
            f"<time datetime=\"2025-03-04\">4 March 2025</time></header>\n" + "\n".join(paras) +
            f"\n<footer class=\"article-footer\">Corrections: an earlier version gave {figures.of_furniture()}."
            "</footer>\n")


def make_page(rng: random.Random) -> tuple[str, Figures]:
    figures = Figures(rng)
    company, outlet = _company(rng), rng.choice(OUTLETS)
    messy = rng.random() < 0.1
    li = "" if messy else "</li>"
    menu = "".join(f'<li><a href="/{s.lower()}">{s}{li}' for s in SECTIONS)
    head = (f"<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>{company} raises money | "
            f"{outlet}</title>\n<meta property=\"article:published_time\" content=\"2025-03-04T08:00:00Z\">\n"
            f"<meta property=\"og:site_name\" content=\"{outlet}\">\n<link rel=\"stylesheet\" href=\"/s.css\">\n"
            "<style>" + ".c{margin:0 auto;padding:4px}" * rng.randint(40, 120) + "</style>\n"
            f"<script type=\"application/ld+json\">{{\"headline\":\"{company} raises {figures.of_furniture()}\"}}"
            "</script>\n" + _script(rng, figures) + "</head>\n")
    header = (f"<body class=\"article-page has-ads\">\n<div id=\"cookie-banner\" class=\"consent\"><p>We use cookies. "
              f"Go ad-free for {figures.of_furniture()} a year.</p><button>Accept</button></div>\n"
              f"<header class=\"site-header\"><a class=\"logo\" href=\"/\">{outlet}</a> <a href=\"/subscribe\">"
              f"Subscribe: {figures.of_furniture()} a month</a>\n<nav class=\"main-menu\"><ul>{menu}</ul></nav>\n"
              f"<div class=\"ticker\">Brent {figures.of_furniture()} · Gold {figures.of_furniture()}</div></header>\n"
              f"<ol class=\"breadcrumbs\"><li>Home</li><li>Companies</li></ol>\n")
    story = _story(rng, figures, company, messy)
    shape = rng.choice(("main-article", "article", "role-main", "divs"))
    if shape == "main-article":
        story = f"<main id=\"content\"><article class=\"story\">\n{story}</article>\n"
    elif shape == "article":
        story = f"<div class=\"wrap\"><article>\n{story}</article>\n"
    elif shape == "role-main":
        story = f"<div class=\"content\" role=\"main\"><div class=\"story-body\">\n{story}</div>\n"
    else:
        story = f"<div class=\"container\"><div class=\"story-body\">\n{story}</div>\n"
    teasers = "".join(f"<article class=\"teaser\"><h3>{_company(rng)} wins {figures.of_furniture()} deal</h3></article>"
                      for _ in range(rng.randint(3, 6)))
    after = (f"<section class=\"related-stories\"><h2>More on this</h2>{teasers}</section>\n"
             f"<div id=\"comments\"><p>Reader: they overpaid by {figures.of_furniture()}.</p></div>\n"
             + ("</main>\n" if shape == "main-article" else "</div>\n") +
             f"<aside class=\"sidebar\"><h2>Most read</h2><ol>" +
             "".join(f"<li>{_company(rng)} ends talks</li>" for _ in range(5)) +
             f"</ol><div class=\"ad\">Win {figures.of_furniture()} today!</div></aside>\n"
             f"<div class=\"paywall-offer\">First month for {figures.of_furniture()}</div>\n"
             f"<footer class=\"site-footer\"><p>© 2025 {outlet}. Print edition {figures.of_furniture()}.</p>"
             f"<ul><li><a href=\"/terms\">Terms</a></li></ul></footer>\n" + _script(rng, figures) + "</body></html>\n")
    return head + header + story + after, figures


# Today's HTML masking (before the furniture pass), as it was: each blank a regex substitution.
_NOT_NEWLINE = re.compile(r"[^\n]")


def _old_blank(m: re.Match[str]) -> str:
    return _NOT_NEWLINE.sub(" ", m.group(0))


def _old_blank_block(m: re.Match[str]) -> str:
    return "\n\n" + _NOT_NEWLINE.sub(" ", m.group(0)[2:])


def _old_blank_spans(text: str, spans: Callable[[str], list[tuple[int, int]]]) -> str:
    parts, pos = [], 0
    for start, end in spans(text):
        parts += [text[pos:start], _NOT_NEWLINE.sub(" ", text[start:end])]
        pos = end
    parts.append(text[pos:])
    return "".join(parts)


def _comments(text: str) -> list[tuple[int, int]]:
    spans, pos = [], 0
    while (start := text.find("<!--", pos)) >= 0:
        close = text.find("-->", start + 4)
        pos = len(text) if close < 0 else close + 3
        spans.append((start, pos))
    return spans


def _raw_blocks(text: str) -> list[tuple[int, int]]:
    spans, pos = [], 0
    while (m := prose._RAW_OPEN.search(text, pos)) is not None:
        close = prose._RAW_CLOSE[m.group(1).lower()].search(text, m.end())
        pos = len(text) if close is None else close.end()
        spans.append((m.start(), pos))
    return spans


def regex_mask(text: str) -> str:
    """Today's HTML masking: comments, raw blocks, block tags, tags, references, URLs."""
    masked = _old_blank_spans(text, _comments)
    masked = _old_blank_spans(masked, _raw_blocks)
    masked = prose._BLOCK_TAG.sub(_old_blank_block, masked)
    masked = prose._HTML_TAG.sub(_old_blank, masked)
    masked = prose._ENTITY.sub(prose._decode, masked)
    return prose._URL.sub(_old_blank, masked).replace("\r", " ")


def _approaches() -> dict[str, tuple[str, Callable[[str], str]]]:
    """name -> (what its offsets are, page -> the text it keeps)."""
    found: dict[str, tuple[str, Callable[[str], str]]] = {
        "today: regex stripping": ("exact", regex_mask),
        "new: mask with furniture": ("exact", lambda t: prose.mask(t, "html")),
        "  the furniture pass alone": ("exact", page.blank_furniture),
    }
    from html.parser import HTMLParser

    class Tags(HTMLParser):
        def handle_starttag(self, tag: str, attrs: list) -> None:
            self.getpos()

    def stdlib(text: str) -> str:
        parser = Tags()
        parser.feed(text)
        parser.close()
        return ""
    found["html.parser, tags and positions only"] = ("line, column of each tag", stdlib)
    try:
        from selectolax.lexbor import LexborHTMLParser

        selector = ("nav, aside, footer, header, form, button, select, iframe, svg, script, style, noscript, "
                    "template, [role=navigation], [role=banner], [role=contentinfo], [role=complementary], "
                    "[class~=ad], [class~=advertisement], [class~=adsbygoogle], [class~=sidebar], [id^=cookie], "
                    "[class^=related], [class^=share], [class^=newsletter], [class^=paywall], [id=comments], "
                    "[id^=promo]")

        def selectolax(text: str) -> str:
            tree = LexborHTMLParser(text)
            for node in tree.css(selector):
                node.decompose()
            root = tree.css_first("article") or tree.css_first("main") or tree.body
            return root.text(separator=" ") if root is not None else ""
        found["selectolax (lexbor): furniture removed, text"] = ("none", selectolax)
    except ImportError:
        pass
    try:
        import lxml.html

        def lxml_text(text: str) -> str:
            tree = lxml.html.fromstring(text)
            for node in tree.xpath("//nav|//aside|//footer|//header|//form|//script|//style"):
                node.drop_tree()
            return tree.text_content()
        found["lxml: furniture removed, text"] = ("line of each element", lxml_text)
    except ImportError:
        pass
    try:
        import trafilatura

        found["trafilatura.extract"] = ("none", lambda t: trafilatura.extract(t, include_tables=True) or "")
    except ImportError:
        pass
    return found


MALFORMED = {"unclosed <!--": "<!--", "<meta name='a' ": "<meta name='a' ", "<![": "<![", "</": "</"}


def malformed() -> None:
    """The standard library's tokenizer against the new mask on markup a browser forgives, at 10 and 40 kB:
    a 4x longer input should take about 4x as long."""
    from html.parser import HTMLParser

    def stdlib(text: str) -> None:
        parser = HTMLParser()
        parser.feed(text)
        parser.close()  # what `feed` kept back waiting for more is parsed here

    print(f"\n{'malformed input':18s} {'html.parser 10 kB':>18s} {'40 kB':>10s} {'mask 10 kB':>11s} {'40 kB':>8s}")
    for name, unit in MALFORMED.items():
        row = []
        for run in (stdlib, lambda t: prose.mask(t, "html")):
            for size in (10_000, 40_000):
                text = unit * (size // len(unit))
                start = time.perf_counter()
                try:
                    run(text)
                    row.append(f"{time.perf_counter() - start:.3f} s")
                except Exception as exc:  # noqa: BLE001 - what it raises is the finding
                    row.append(type(exc).__name__)
        print(f"{name:18s} {row[0]:>18s} {row[1]:>10s} {row[2]:>11s} {row[3]:>8s}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mb", type=float, default=4.0)
    ap.add_argument("--seed", type=int, default=20261201)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--write", type=Path, help="also write the pages into this folder")
    ap.add_argument("--malformed", action="store_true", help="then time html.parser and the mask on broken markup")
    args = ap.parse_args()
    rng = random.Random(args.seed)
    pages: list[tuple[str, Figures]] = []
    while sum(len(p) for p, _ in pages) < args.mb * 1e6:
        pages.append(make_page(rng))
    size = sum(len(p) for p, _ in pages)
    if args.write:
        args.write.mkdir(parents=True, exist_ok=True)
        for i, (text, _) in enumerate(pages):
            (args.write / f"page-{i:04d}.html").write_text(text, encoding="utf-8")
    story = sum(len(f.story) for _, f in pages)
    furniture = sum(len(f.furniture) for _, f in pages)
    print(f"{len(pages)} pages, {size / 1e6:.2f} MB, {story} story figures, {furniture} furniture figures; "
          f"best of {args.repeat}")
    print(f"{'approach':46s} {'MB/s':>7s} {'story kept':>11s} {'furniture left':>15s}  offsets")
    for name, (offsets, run) in _approaches().items():
        best, outputs = float("inf"), []
        for _ in range(args.repeat):
            start = time.perf_counter()
            outputs = [run(text) for text, _ in pages]
            best = min(best, time.perf_counter() - start)
        if not any(outputs):
            print(f"{name:46s} {size / best / 1e6:7.1f} {'-':>11s} {'-':>15s}  {offsets}")
            continue
        kept = sum(v in out for out, (_, f) in zip(outputs, pages) for v in f.story)
        left = sum(v in out for out, (_, f) in zip(outputs, pages) for v in f.furniture)
        print(f"{name:46s} {size / best / 1e6:7.1f} {kept / story:11.1%} {left / furniture:15.1%}  {offsets}")
    if args.malformed:
        malformed()


if __name__ == "__main__":
    main()
