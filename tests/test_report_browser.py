"""The HTML report in a real browser: Debian's Chromium driven by Playwright (docs/report.md, "Tests").

`make test` installs the chromium package when it is missing; these tests skip, saying why, only where no
Chromium executable can be found (set CLAIMCHECK_CHROMIUM to use another one).
"""

from __future__ import annotations

import datetime as dt
import html
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from claimcheck.report.html import PAGE_SIZE

ROOT = Path(__file__).resolve().parents[1]
HOSTILE = """---
title: "Hostile <script>alert(1)</script> headline"
date: 2025-03-01
outlet: "\\"><img src=x onerror=alert(2)>"
---

Hostile Corp raised €{amount} million in its Series A <script>alert(1)</script>, the company said.
Read more at [this link](javascript:alert(3)) and "><img src=x onerror=alert(4)>.
"""


def _chromium() -> str | None:
    found = os.environ.get("CLAIMCHECK_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
    return found if found and Path(found).exists() else None


CHROMIUM = _chromium()
pytestmark = [
    pytest.mark.skipif(CHROMIUM is None, reason="no Chromium executable (apt-get install chromium; `make test` "
                       "does it) - the browser tests of the HTML report did not run"),
]


def _report(paths: list[str], out: Path) -> Path:
    proc = subprocess.run([sys.executable, "-m", "claimcheck", "report", *paths, "-o", str(out)], cwd=ROOT,
                          capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert proc.returncode == 0, proc.stderr
    return out


@pytest.fixture(scope="module")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed (pip install playwright)")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield b
        b.close()


@pytest.fixture(scope="module")
def demo(tmp_path_factory) -> Path:
    return _report(["fixtures/corpus"], tmp_path_factory.mktemp("report") / "demo.html")


@pytest.fixture(scope="module")
def demo_data(demo) -> dict:
    subprocess_json = subprocess.run(
        [sys.executable, "-m", "claimcheck", "check", "fixtures/corpus", "--format", "json"], cwd=ROOT,
        capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
    return json.loads(subprocess_json.stdout)


class Page:
    """A page opened from file:// that records console errors, dialogs and every request leaving it."""

    def __init__(self, browser, url: str) -> None:
        self.page = browser.new_page()
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        self.outside: list[str] = []
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        self.page.route("**/*", self._route)
        self.page.goto(url)
        self.page.wait_for_load_state("load")

    def _route(self, route) -> None:
        if route.request.url.startswith("file:"):
            route.continue_()
        else:
            self.outside.append(route.request.url)
            route.abort()

    def visible_cards(self) -> set[str]:
        """The cards a reader sees: in the document (the page keeps only the cards it shows there) and not
        hidden by CSS."""
        return set(self.page.eval_on_selector_all("article.card",
                                                  "els => els.filter(e => e.checkVisibility()).map(e => e.id)"))

    def matching_cards(self) -> set[str]:
        """The cards that match the filters: the page shown, then each "Show N more" until none is left (each
        shows at most a page of cards more, and keeps the ones shown)."""
        seen = self.visible_cards()
        assert len(seen) <= PAGE_SIZE
        more = self.page.locator("#more-findings")
        while more.is_visible():
            more.click()
            now = self.visible_cards()
            assert seen < now and len(now - seen) <= PAGE_SIZE
            seen = now
        return seen

    def close(self) -> None:
        assert self.errors == [], self.errors
        assert self.outside == [], self.outside
        assert self.dialogs == [], self.dialogs
        self.page.close()


@pytest.fixture
def page(browser, demo):
    p = Page(browser, demo.as_uri())
    yield p
    p.close()


def _card_ids(findings, **where) -> set[str]:
    return {f"finding-{f['fingerprint']}" for f in findings if all(f.get(k) == v for k, v in where.items())}


def test_every_finding_has_a_card(page, demo_data):
    assert demo_data["findings"]
    assert page.matching_cards() == _card_ids(demo_data["findings"])


def _company_of(finding, claims) -> str:
    return next(c["subject"] for c in claims if c["id"] in finding["claims"] and c["subject"])


def test_filter_by_severity_and_company(page, demo_data):
    findings = demo_data["findings"]
    page.page.select_option("select[name=severity]", "warning")
    assert page.matching_cards() == _card_ids(findings, severity="warning")
    page.page.select_option("select[name=severity]", "")
    company = _company_of(findings[0], demo_data["claims"])
    page.page.select_option("select[name=company]", company)
    expected = {f"finding-{f['fingerprint']}" for f in findings if _company_of(f, demo_data["claims"]) == company}
    assert page.matching_cards() == expected
    page.page.wait_for_function("location.hash.includes('company=')")  # written after the frame (docs/report.md)
    page.page.select_option("select[name=company]", "")
    assert page.matching_cards() == _card_ids(findings)


def test_url_fragment_restores_a_filter(browser, demo, demo_data):
    p = Page(browser, demo.as_uri() + "#severity=error&q=series+b")
    try:
        assert p.page.input_value("select[name=severity]") == "error"
        assert p.page.input_value("input[name=q]") == "series b"
        expected = {f"finding-{f['fingerprint']}" for f in demo_data["findings"]
                    if f["severity"] == "error" and "series b" in f["message"].lower()}
        assert expected and p.matching_cards() == expected
    finally:
        p.close()


def test_timeline_has_one_mark_per_claim(page, demo_data):
    figures = page.page.query_selector_all("figure.timeline")
    assert figures
    for fig in figures:
        company, metric = fig.get_attribute("data-company"), fig.get_attribute("data-metric")
        ids = fig.get_attribute("data-claims").split()
        assert ids and {c["subject"] for c in demo_data["claims"] if c["id"] in ids} == {company}
        assert {c["metric"] for c in demo_data["claims"] if c["id"] in ids} == {metric}
        marks = fig.eval_on_selector_all("svg g.role-mark.layer_0_marks > path, svg g.role-mark.layer_1_marks > path",
                                         "els => els.length")
        assert marks == len(ids), (company, metric)
        assert fig.query_selector("svg") and fig.eval_on_selector("svg", "s => s.getBoundingClientRect().width") > 100


def test_claims_table_sorts(page, demo_data):
    rows = page.page.locator("#claims-table tbody tr")
    assert rows.count() == len(demo_data["claims"])
    header = page.page.locator("#claims-table th:has-text('quote')")
    # the event itself, not a click at a position: under load the page may still scroll the claims into view when
    # the click lands, and a click by coordinates then sorts whatever column moved under them
    header.dispatch_event("click")
    assert header.get_attribute("aria-sort") == "ascending"
    quotes = page.page.eval_on_selector_all("#claims-table tbody tr td:nth-child(3)", "els => els.map(e => e.textContent)")
    assert quotes == sorted(quotes)


def test_hostile_article_is_inert_text(browser, tmp_path):
    article = tmp_path / "hostile"
    article.mkdir()
    (article / "a.md").write_text(HOSTILE.format(amount=40), encoding="utf-8")
    (article / "b.md").write_text(HOSTILE.format(amount=55), encoding="utf-8")
    report = _report([str(article)], tmp_path / "hostile.html")
    text = report.read_text(encoding="utf-8")
    assert "<script>alert(1)" not in text and "<img src=x" not in text
    p = Page(browser, report.as_uri())
    try:
        p.page.wait_for_timeout(200)
        assert p.page.evaluate("document.querySelectorAll('img').length") == 0
        assert p.page.evaluate("document.querySelectorAll('script').length") == 2  # the data and the report's own
        assert p.page.evaluate("Array.from(document.querySelectorAll('a[href]')).every(a => "
                               "a.getAttribute('href').startsWith('#'))")
        body = p.page.inner_text("body")
        assert p.visible_cards()  # the conflict's card shows the sentences and the outlet
        assert "<script>alert(1)</script>" in body and "onerror=alert(2)" in body  # shown as text, not run
    finally:
        p.close()


def test_conflicting_claims_are_marked_on_the_timeline(page, demo_data):
    in_findings = {cid for f in demo_data["findings"] for cid in f["claims"]}
    marked = 0
    for fig in page.page.query_selector_all("figure.timeline"):
        ids = fig.get_attribute("data-claims").split()
        red = fig.eval_on_selector_all("svg g.role-mark > path[stroke='#c00000']", "els => els.length")
        assert red == len(in_findings & set(ids))
        marked += red
    assert marked


def test_csv_downloads_are_built_in_the_page(page, demo_data, tmp_path):
    import csv

    with page.page.expect_download() as info:
        page.page.click("#download-findings")
    path = tmp_path / "findings.csv"
    info.value.save_as(path)
    rows = list(csv.DictReader(path.open(encoding="utf-8")))
    assert len(rows) == sum(len(f["claims"]) for f in demo_data["findings"])
    assert {r["fingerprint"] for r in rows} == {f["fingerprint"] for f in demo_data["findings"]}
    with page.page.expect_download() as info:
        page.page.click("#download-claims")
    info.value.save_as(tmp_path / "claims.csv")
    claims = list(csv.DictReader((tmp_path / "claims.csv").open(encoding="utf-8")))
    assert [c["id"] for c in claims] == [c["id"] for c in demo_data["claims"]]


TWICE = """---
title: Acme results
date: 2025-03-01
outlet: Daily
---

Acme Corp reported revenue of €40 million for 2023 and revenue of €40 million for {year}, the company said.
"""


def test_the_claims_own_occurrence_is_highlighted(browser, tmp_path):
    """The figure written twice in a sentence: the card of the 2024 claim marks the second occurrence."""
    folder = tmp_path / "twice"
    folder.mkdir()
    (folder / "a.md").write_text(TWICE.format(year=2024), encoding="utf-8")
    (folder / "b.md").write_text(TWICE.replace("€40 million for {year}", "€52 million for 2024"), encoding="utf-8")
    p = Page(browser, _report([str(folder)], tmp_path / "twice.html").as_uri())
    try:
        marks = p.page.eval_on_selector_all("article.card .claim blockquote mark", """els => els.map(m => {
            const r = document.createRange(); r.setStart(m.parentNode, 0); r.setEndBefore(m);
            return [m.closest('.claim').querySelector('.meta').textContent.split(' ')[0], r.toString(), m.textContent];
        })""")
        in_a = [(before, text) for where, before, text in marks if "a.md" in where]
        assert in_a == [("Acme Corp reported revenue of €40 million for 2023 and revenue of ", "€40 million")]
    finally:
        p.close()


ACME = """---
title: Acme results
date: {date}
outlet: {outlet}
---

Acme Corp reported revenue of {amount} for 2024, the company said.
"""


def test_a_multi_currency_timeline_draws_every_claim_in_one_currency(browser, tmp_path):
    """Claims in EUR, USD and GBP: one chart in EUR, one mark per claim, the others converted at the ECB rate
    of their publication date (the original figure and the rate in the mark's tooltip)."""
    from claimcheck.engine.fx import FX
    from claimcheck.numbers import format_amount

    folder = tmp_path / "acme"
    folder.mkdir()
    articles = {"a.md": ("2025-03-03", "€40 million", None), "b.md": ("2025-03-04", "$45 million", ("USD", 45e6)),
                "c.md": ("2025-02-14", "£35 million", ("GBP", 35e6)), "d.md": ("2025-03-05", "€42 million", None)}
    for name, (date, amount, _) in articles.items():
        (folder / name).write_text(ACME.format(date=date, outlet=name, amount=amount), encoding="utf-8")
    p = Page(browser, _report([str(folder)], tmp_path / "acme.html").as_uri())
    try:
        fig = p.page.query_selector("figure.timeline[data-company='Acme'][data-metric='revenue']")
        assert fig is not None and fig.get_attribute("data-currency") == "EUR"
        assert len(fig.get_attribute("data-claims").split()) == 4
        titles = fig.eval_on_selector_all("svg g.role-mark > path[role='graphics-symbol'] > title",
                                          "els => els.map(e => e.textContent)")
        assert len(titles) == 4  # one mark per claim, each with its tooltip
        fx = FX()
        for name, (date, amount, original) in articles.items():
            (title,) = [t for t in titles if t.endswith(name)]
            if original is None:
                assert title.startswith(f"{amount}: ") and "originally" not in title
                continue
            currency, value = original
            rate = fx.rate(currency, "EUR", dt.date.fromisoformat(date))
            assert title.startswith(f"{amount}: {format_amount(value * rate.low)} EUR (originally ")
            assert currency in title and rate.describe() in title
    finally:
        p.close()


def test_pairs_beyond_the_charted_ones_are_listed_and_link_to_their_claims(browser, tmp_path):
    """More company/metric pairs than charts: each of the rest is a link that filters the claims table."""
    folder = tmp_path / "many"
    folder.mkdir()
    names = [f"Company{chr(65 + i)}{chr(65 + i)} Labs" for i in range(24)]
    for i, name in enumerate(names):
        (folder / f"{i:02d}.md").write_text(f"---\ndate: 2025-03-{i + 1:02d}\n---\n\n{name} raised €{10 + i} million in "
                                            "its Series A, the company said.\n", encoding="utf-8")
    p = Page(browser, _report([str(folder)], tmp_path / "many.html").as_uri())
    try:
        charted = p.page.eval_on_selector_all("figure.timeline", "els => els.map(e => e.dataset.company)")
        links = p.page.locator("#more-timelines a")
        assert len(charted) == 20 and links.count() == len({*names}) - 20
        p.page.click("#more-timelines summary")
        link = links.first
        company = link.inner_text().split(" · ")[0]
        assert company not in charted
        link.click()
        p.page.wait_for_function("location.hash.includes('company=')")
        # the filter is applied by the hashchange listener, a task after the hash changes: wait for it (a
        # loaded machine showed the table before it ran)
        p.page.wait_for_function(
            "c => [...document.querySelectorAll('#claims-table tbody tr')].filter(e => e.checkVisibility())"
            ".every(e => e.dataset.company === c)", arg=company)
        shown = p.page.eval_on_selector_all("#claims-table tbody tr", "els => els.filter(e => e.checkVisibility())"
                                            ".map(e => e.dataset.company)")
        assert shown and set(shown) == {company}
        assert p.page.evaluate("document.getElementById('claims-details').open")
    finally:
        p.close()


def _many_findings(folder: Path, companies: int) -> None:
    """Two articles per company that disagree on its round: one conflict each, half of them about a Series B."""
    folder.mkdir()
    letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    for i in range(companies):
        name, series = f"Company{letters[i // 26]}{letters[i % 26]} Labs", "AB"[i % 2]
        for side, amount in ((0, 10 + i % 40), (1, 60 + i % 40)):
            (folder / f"{i:03d}-{side}.md").write_text(
                f"---\ndate: 2025-03-{1 + i % 28:02d}\noutlet: Outlet {side}\n---\n\n{name} raised €{amount} million "
                f"in its Series {series}, the company said.\n", encoding="utf-8")


@pytest.fixture(scope="module")
def paged(tmp_path_factory) -> Path:
    """A report of 2.6 pages of findings (260 with pages of 100)."""
    folder = tmp_path_factory.mktemp("paged")
    _many_findings(folder / "many", 260)
    return _report([str(folder / "many")], folder / "paged.html")


def _cards_in_order(report: Path) -> list[tuple[str, str]]:
    """Each card's id and lower-cased text, in the report's order, read from the file (the page keeps only
    the cards it shows in the document)."""
    cards = re.findall(r'<article class="card [a-z]+" id="(finding-[0-9a-f]+)".*?</article>',
                       report.read_text(encoding="utf-8"), re.S)
    texts = re.findall(r'<article class="card .*?</article>', report.read_text(encoding="utf-8"), re.S)
    return [(card, html.unescape(re.sub(r"<[^>]+>", "", text)).lower()) for card, text in zip(cards, texts, strict=True)]


def _shown_in_order(p: Page) -> list[str]:
    return p.page.eval_on_selector_all("article.card", "els => els.filter(e => e.checkVisibility()).map(e => e.id)")


def test_paging_through_a_filter_reaches_exactly_its_cards(browser, paged):
    """The first page of the matches is shown, "Show N more" adds the next ones in order, the count says how
    many are shown of how many, and a filter change starts again from its own first page."""
    assert PAGE_SIZE == 100  # the counts below
    cards = _cards_in_order(paged)
    assert len(cards) == 260
    p = Page(browser, paged.as_uri())
    try:
        every = [c for c, _ in cards]
        assert p.visible_cards() == set(every[:100])
        assert p.page.inner_text("#shown") == "showing 100 of 260 matching findings"
        assert p.page.inner_text("#more-findings") == "Show 100 more"
        p.page.click("#more-findings")
        assert p.visible_cards() == set(every[:200])
        assert p.page.inner_text("#shown") == "showing 200 of 260 matching findings"
        assert p.page.inner_text("#more-findings") == "Show 60 more"
        p.page.click("#more-findings")
        assert p.visible_cards() == set(every) and not p.page.is_visible("#more-findings")
        assert _shown_in_order(p) == every
        assert p.page.inner_text("#shown") == "showing 260 of 260 matching findings"

        p.page.fill("input[name=q]", "series b")
        series_b = [c for c, text in cards if "series b" in text]
        assert len(series_b) == 130
        assert p.visible_cards() == set(series_b[:100])
        assert p.page.inner_text("#shown") == "showing 100 of 130 matching findings (260 in all)"
        assert p.page.inner_text("#more-findings") == "Show 30 more"
        assert p.matching_cards() == set(series_b)
        assert _shown_in_order(p) == series_b
        assert p.page.inner_text("#shown") == "showing 130 of 130 matching findings (260 in all)"

        p.page.fill("input[name=q]", "no such text")
        assert p.visible_cards() == set() and not p.page.is_visible("#more-findings")
        assert p.page.inner_text("#shown") == "showing 0 of 0 matching findings (260 in all)"
        p.page.fill("input[name=q]", "")
        assert p.visible_cards() == set(every[:100])
    finally:
        p.close()


def _in_view(p: Page, card: str) -> bool:
    return p.page.evaluate("""id => { const r = document.getElementById(id).getBoundingClientRect();
        return r.height > 0 && r.top >= 0 && r.top < innerHeight; }""", card)


def test_a_link_to_a_card_beyond_the_first_page_shows_it(browser, paged):
    """A `#finding-…` link shows and scrolls to its card when the page opens on it and when the fragment
    changes, even when it is on no page of the current filter; the next filter change lets it go."""
    cards = _cards_in_order(paged)
    every = [c for c, _ in cards]
    target = every[250]
    p = Page(browser, paged.as_uri() + "#" + target)
    try:
        assert p.visible_cards() == {*every[:100], target}
        assert _shown_in_order(p) == [*every[:100], target]
        p.page.wait_for_function("id => document.getElementById(id).getBoundingClientRect().top < innerHeight", arg=target)
        assert _in_view(p, target)
        assert p.page.inner_text("#shown") == "showing 100 of 260 matching findings, and the linked one"
        assert p.page.url.endswith("#" + target)  # the link is left as it is

        p.page.fill("input[name=q]", "series b")
        series_a = next(c for c, text in cards[100:] if "series a" in text)
        p.page.evaluate("id => { location.hash = id; }", series_a)
        p.page.wait_for_function("id => document.getElementById(id).checkVisibility()", arg=series_a)
        series_b = [c for c, text in cards if "series b" in text]
        assert p.visible_cards() == {*series_b[:100], series_a}
        assert p.page.input_value("input[name=q]") == "series b"  # the filters are kept
        assert _in_view(p, series_a)
        p.page.fill("input[name=q]", "series")
        assert p.visible_cards() == set(every[:100])
        assert p.page.inner_text("#shown") == "showing 100 of 260 matching findings"
    finally:
        p.close()


def test_a_folded_claims_table_keeps_its_rows_out_of_the_document(page, demo_data):
    """Folded, the table's rows leave the document (they would add to every filter change); unfolded, they are
    back, filtered by the filters set meanwhile, and still sort."""
    rows = page.page.locator("#claims-table tbody tr")
    assert rows.count() == len(demo_data["claims"])
    page.page.click("#claims-details summary")
    page.page.wait_for_function("() => !document.querySelector('#claims-table tbody')")
    company = _company_of(demo_data["findings"][0], demo_data["claims"])
    page.page.select_option("select[name=company]", company)
    page.page.click("#claims-details summary")
    page.page.wait_for_function("() => document.querySelector('#claims-table tbody') !== null")
    assert rows.count() == len(demo_data["claims"])
    shown = page.page.eval_on_selector_all("#claims-table tbody tr", "els => els.filter(e => e.checkVisibility())"
                                           ".map(e => e.dataset.company)")
    assert shown and shown.count(company) == len(shown) == sum(c["subject"] == company for c in demo_data["claims"])
    header = page.page.locator("#claims-table th:has-text('quote')")
    # the event itself, not a click at a position: under load the page may still scroll the claims into view when
    # the click lands, and a click by coordinates then sorts whatever column moved under them
    header.dispatch_event("click")
    assert header.get_attribute("aria-sort") == "ascending"
    quotes = page.page.eval_on_selector_all("#claims-table tbody tr td:nth-child(3)", "els => els.map(e => e.textContent)")
    assert quotes == sorted(quotes)
