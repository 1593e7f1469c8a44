"""The HTML report's cost (issue 10, "Speed"): build time against `check` on a generated corpus, and filter
latency in Chromium on a report with many findings.

    python benchmarks/report.py                 # 5 MB corpus, 5,000-finding page
    python benchmarks/report.py --mb 1 --findings 1000
    python benchmarks/report.py --latency-only    # only the browser figures (the report of this tree's code)
    python benchmarks/report.py --pages /tmp/base.html new.html   # A/B of two built pages, taking turns

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
if not os.environ.get("PYTHONPATH"):  # PYTHONPATH=/tmp/base ... measures another tree's report
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
    t, c = time.perf_counter(), time.process_time()  # CPU time of every thread of the process (vl-convert's too)
    result = claimcheck.check_paths([str(corpus)])
    checked, checked_cpu = time.perf_counter() - t, time.process_time() - c
    t, c = time.perf_counter(), time.process_time()
    html = render_html(result, list(load_rules([])))
    rendered, rendered_cpu = time.perf_counter() - t, time.process_time() - c
    print(f"{mb:g} MB corpus: {len(result.extraction.documents)} documents, {len(result.extraction.claims)} claims, "
          f"{len(result.findings)} findings")
    print(f"  check {checked:.2f} s ({checked_cpu:.2f} s CPU); report {rendered:.2f} s ({rendered_cpu:.2f} s CPU, "
          f"{len(html) / 1e6:.1f} MB of HTML)")


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


# One filter change, timed in the page's own clock: the handler plus the style and layout it causes (a forced
# layout right after the event), and the time to the next painted frame (a task queued from the next
# requestAnimationFrame runs after that frame's paint). No debounce is involved: the page has none.
STEP = """([selector, event, value]) => new Promise(done => {
    const el = document.querySelector(selector);
    if (!el) return done(null);  // "Show 100 more" on a page without pages
    const t = performance.now();
    if (event === "click") el.click(); else { el.value = value; el.dispatchEvent(new Event(event, {bubbles: true})); }
    document.body.offsetHeight;
    const laid = performance.now() - t;
    requestAnimationFrame(() => setTimeout(() => done([laid, performance.now() - t]), 0));
})"""
STEPS = (("severity", "error"), ("more", ""), ("company", "Company 7"), ("company", ""), ("severity", ""),
         ("q", "conflict 4999"), ("q", ""), ("q", "company 7"), ("q", ""))
_STEP_KINDS = {"q": ("input[name=q]", "input"), "more": ("#more-findings", "click")}


def _label(name: str, value: str) -> str:
    if name == "more":
        return "click 'Show 100 more'"
    return f"search {value!r}" if name == "q" else f"filter {name}={value or '(all)'}"


# Trusted key presses in the search box, timed by the browser's Event Timing API (as Chrome's INP: from the
# key's timestamp to the next paint, input delay included; events under 16 ms are not reported).
KEY_TIMING = """(since) => new Promise(done => {
    const seen = [];
    const observer = new PerformanceObserver((list) => seen.push(...list.getEntries()));
    observer.observe({type: "event", durationThreshold: 16, buffered: true});
    setTimeout(() => { observer.disconnect(); done(seen.filter(e => e.startTime >= since && ["keydown", "input", "keyup"].includes(e.name))
        .map(e => [e.name, e.duration])); }, 300);
})"""


def _thread_seconds(cdp) -> float:
    """CPU time of the page's main thread so far (Chromium's `ThreadTime` metric): the figure that the other
    processes on a loaded machine do not inflate."""
    return next(m["value"] for m in cdp.send("Performance.getMetrics")["metrics"] if m["name"] == "ThreadTime")


def _median(values: list[float]) -> float:
    return sorted(values)[len(values) // 2]


def build_page(findings: int) -> Path:
    """The report of `synthetic(findings)` by this tree's code, written under benchmarks/out."""
    from claimcheck.report.html import render_html

    t = time.perf_counter()
    html = render_html(synthetic(findings))
    print(f"{findings} findings: report built in {time.perf_counter() - t:.2f} s ({len(html) / 1e6:.1f} MB)")
    page_file = HERE / "out" / f"report-{findings}.html"
    page_file.parent.mkdir(parents=True, exist_ok=True)
    page_file.write_text(html, encoding="utf-8")
    return page_file


def _typing(page) -> list[float]:
    """The worst Event Timing duration of each key of 'company 7' typed into an empty search box."""
    page.fill("input[name=q]", "")
    page.wait_for_timeout(300)
    page.click("input[name=q]")
    worst = []
    for key in "company 7":
        since = page.evaluate("performance.now()")
        page.keyboard.press("Space" if key == " " else key)
        worst.append(max((d for _, d in page.evaluate(KEY_TIMING, since)), default=0.0))
    return worst


def filter_latency(pages: list[Path], repeat: int = 5) -> None:
    """Each filter change `repeat` times on each page; with several pages (an A/B of two trees' reports of
    the same data) the pages take turns, round by round, so that the machine's load falls on both alike."""
    from playwright.sync_api import sync_playwright

    chromium = os.environ.get("CLAIMCHECK_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=["--no-sandbox"])
        opened = []
        for page_file in pages:
            page = browser.new_page()
            t = time.perf_counter()
            page.goto(page_file.as_uri())
            page.wait_for_load_state("load")
            print(f"{page_file}: page load {time.perf_counter() - t:.2f} s")
            page.wait_for_timeout(500)
            cdp = page.context.new_cdp_session(page)
            cdp.send("Performance.enable")
            opened.append((page, cdp))
        laid = [[[] for _ in STEPS] for _ in pages]
        framed = [[[] for _ in STEPS] for _ in pages]
        cpu = [[[] for _ in STEPS] for _ in pages]
        typed: list[list[list[float]]] = [[] for _ in pages]
        shown: dict[tuple[int, int], str] = {}
        for _ in range(repeat):
            for n, (page, cdp) in enumerate(opened):
                page.bring_to_front()
                for i, (name, value) in enumerate(STEPS):
                    kind = _STEP_KINDS.get(name, (f"select[name={name}]", "change"))
                    before = _thread_seconds(cdp)
                    timed = page.evaluate(STEP, [*kind, value])
                    if timed is None:
                        continue
                    a, b = timed
                    cpu[n][i].append((_thread_seconds(cdp) - before) * 1000)
                    laid[n][i].append(a)
                    framed[n][i].append(b)
                    shown[(n, i)] = page.inner_text("#shown")
                typed[n].append(_typing(page))
                shown[(n, len(STEPS))] = page.inner_text("#shown")
                page.fill("input[name=q]", "")  # the next round starts from every card shown
        for n, page_file in enumerate(pages):
            print(f"{page_file}: median of {repeat}: handler + style + layout / to the next painted frame (wall) / "
                  "main-thread CPU to that frame")
            for i, (name, value) in enumerate(STEPS):
                label = _label(name, value)
                if not laid[n][i]:
                    print(f"  {label:28s} (no such control on this page)")
                    continue
                print(f"  {label:28s} {_median(laid[n][i]):5.0f} ms / {_median(framed[n][i]):5.0f} ms / "
                      f"{_median(cpu[n][i]):5.0f} ms CPU ({shown[(n, i)]})")
            keys = [_median([run[k] for run in typed[n]]) for k in range(len(typed[n][0]))]
            print(f"  typing 'company 7' key by key (Event Timing, key to next paint, median per key; 0 = under "
                  f"16 ms): {', '.join(f'{d:.0f}' for d in keys)} ms ({shown[(n, len(STEPS))]})")
        browser.close()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--mb", type=float, default=5.0)
    ap.add_argument("--findings", type=int, default=5000)
    ap.add_argument("--repeat", type=int, default=5, help="runs of each filter change (the median is printed)")
    ap.add_argument("--latency-only", action="store_true", help="skip the 5 MB build; only the browser figures")
    ap.add_argument("--pages", nargs="+", type=Path, help="time these report pages (built before, e.g. by "
                    "another tree) instead of building one; several take turns")
    args = ap.parse_args()
    sys.path.insert(0, str(HERE))
    if not args.latency_only and not args.pages:
        build_times(args.mb)
    filter_latency([p.resolve() for p in args.pages] if args.pages else [build_page(args.findings)], args.repeat)


if __name__ == "__main__":
    main()
