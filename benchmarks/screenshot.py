"""Screenshot of an HTML report (docs/report.png for the README): `make screenshot`.

Uses Debian's Chromium (or CLAIMCHECK_CHROMIUM) through Playwright, offline: every non-file request is refused.
"""

from __future__ import annotations

import argparse
import os
import shutil
from pathlib import Path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("report", type=Path)
    parser.add_argument("-o", "--output", type=Path, default=Path("docs/report.png"))
    parser.add_argument("--full", action="store_true", help="the whole page, not the first screen")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    chromium = os.environ.get("CLAIMCHECK_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=["--no-sandbox"])
        page = browser.new_page(viewport={"width": 1280, "height": 1400})
        page.route("**/*", lambda r: r.continue_() if r.request.url.startswith("file:") else r.abort())
        page.goto(args.report.resolve().as_uri())
        page.screenshot(path=str(args.output), full_page=args.full)
        browser.close()
    print(args.output)


if __name__ == "__main__":
    main()
