"""The HTML report's cost (issue 10, "Speed"): build time against `check` on a generated corpus, and filter
latency in Chromium on a report with many findings.

    python benchmarks/report.py                 # 5 MB corpus, 5,000-finding page
    python benchmarks/report.py --mb 1 --findings 1000

Prints figures; asserts nothing (the tests check behaviour, not speed).
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))


def build_times(mb: float) -> None:
    """check (extraction + rules) and then the report of the same result, in one process."""
    import make_corpus  # type: ignore[import-not-found]

    import claimcheck
    from claimcheck.engine.registry import load_rules
    from claimcheck.report.html import render_html

    corpus = HERE / "out" / f"report-corpus-{mb:g}mb"
    if not corpus.exists():
        make_corpus.main([str(corpus), "--mb", str(mb)])
    t = time.perf_counter()
    result = claimcheck.check_paths([str(corpus)])
    checked = time.perf_counter() - t
    t = time.perf_counter()
    html = render_html(result, list(load_rules([])))
    rendered = time.perf_counter() - t
    print(f"{mb:g} MB corpus: {len(result.extraction.documents)} documents, {len(result.extraction.claims)} claims, "
          f"{len(result.findings)} findings")
    print(f"  check {checked:.2f} s; report {rendered:.2f} s ({len(html) / 1e6:.1f} MB of HTML)")


def synthetic(findings: int):
    """A check result with `findings` cross-source conflicts over 50 companies (two claims each)."""
    import datetime as dt

    from claimcheck.engine.check import CheckResult
    from claimcheck.engine.findings import Finding
    from claimcheck.models import Claim, Document, Extraction, Money, Period

    docs, claims, found = [], [], []
    for i in range(findings):
        pair = []
        for side in (0, 1):
            source = f"corpus/{i:05d}-{side}.md"
            docs.append(Document(source=source, text="", title=f"Article {i}", published=dt.date(2025, 1, 1 + i % 28),
                                 outlet=f"Outlet {side}"))
            amount = 100e6 + side * 10e6 + i
            quote = f"€{amount / 1e6:.1f} million"
            c = Claim(id=f"c{i:05d}{side}", source=source, span=(0, 10), line=1, column=1, quote=quote,
                      sentence=f"Company {i % 50} raised {quote} in its round.", subject=f"Company {i % 50}",
                      counterparty=None, metric=("funding", "revenue", "valuation")[i % 3],
                      value=Money(amount=amount, currency="EUR", low=amount * 0.995, high=amount * 1.005),
                      period=Period(start=dt.date(2024, 1 + i % 12, 1), end=dt.date(2024, 1 + i % 12, 28),
                                    text="then", granularity="month"), modality="actual")
            claims.append(c)
            pair.append(c.id)
        found.append(Finding(rule="cross-source-conflict", severity=("error", "warning", "info")[i % 3],
                             message=f"conflict {i}", claims=tuple(pair), fingerprint=f"{i:016x}",
                             explanation={"gap": 0.1, "tolerance": 0.005}))
    return CheckResult(extraction=Extraction(documents=tuple(docs), claims=tuple(claims)), findings=tuple(found))


def filter_latency(findings: int) -> None:
    from playwright.sync_api import sync_playwright

    from claimcheck.report.html import render_html

    t = time.perf_counter()
    html = render_html(synthetic(findings))
    print(f"{findings} findings: report built in {time.perf_counter() - t:.2f} s ({len(html) / 1e6:.1f} MB)")
    page_file = HERE / "out" / f"report-{findings}.html"
    page_file.parent.mkdir(parents=True, exist_ok=True)
    page_file.write_text(html, encoding="utf-8")
    chromium = os.environ.get("CLAIMCHECK_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=["--no-sandbox"])
        page = browser.new_page()
        t = time.perf_counter()
        page.goto(page_file.as_uri())
        page.wait_for_load_state("load")
        print(f"  page load {time.perf_counter() - t:.2f} s")
        # time from the change event to the end of the next frame's layout, in the page's own clock
        for name, value in (("severity", "error"), ("company", "Company 7"), ("company", ""), ("severity", "")):
            ms = page.evaluate("""([name, value]) => new Promise(done => {
                const el = document.querySelector(`select[name=${name}]`);
                const t = performance.now();
                el.value = value; el.dispatchEvent(new Event('change', {bubbles: true}));
                document.body.offsetHeight;  // force the layout the change causes
                requestAnimationFrame(() => done(performance.now() - t));
            })""", [name, value])
            shown = page.inner_text("#shown")
            print(f"  filter {name}={value or '(all)'}: {ms:.0f} ms to the next frame ({shown})")
        ms = page.evaluate("""() => new Promise(done => {
            const el = document.querySelector('input[name=q]'); const t = performance.now();
            el.value = 'conflict 4999'; el.dispatchEvent(new Event('input', {bubbles: true}));
            document.body.offsetHeight; requestAnimationFrame(() => done(performance.now() - t));
        })""")
        print(f"  search: {ms:.0f} ms to the next frame ({page.inner_text('#shown')})")
        browser.close()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--mb", type=float, default=5.0)
    ap.add_argument("--findings", type=int, default=5000)
    args = ap.parse_args()
    sys.path.insert(0, str(HERE))
    build_times(args.mb)
    filter_latency(args.findings)


if __name__ == "__main__":
    main()
