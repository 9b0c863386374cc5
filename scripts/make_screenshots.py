"""Take the screenshots of the reference report's page in docs/_static, in Chromium.

Run ``uv run python scripts/make_screenshots.py`` after a change to the page's look:
it renders the reference report as a page and saves how headless Chromium shows it on a
desktop (1280 px), on a phone (375 px) and printed (A4, the print stylesheet), as PNGs,
and the printed PDF. It needs Debian's ``chromium`` (``apt-get install chromium``).
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from browser import HOW_TO_GET_ONE, Browser, find_chromium  # noqa: E402 -- after the path
from transparency_core import HtmlRenderer, reference_report  # noqa: E402 -- as above

STATIC = ROOT / "docs" / "_static"
A4_WIDTH = 794  # CSS pixels: 210 mm at 96 per inch


def main() -> int:
    """Write the screenshots, or say how to get a browser."""
    chromium = find_chromium()
    if chromium is None:
        print(HOW_TO_GET_ONE, file=sys.stderr)
        return 1
    html = HtmlRenderer()(reference_report())
    STATIC.mkdir(exist_ok=True)
    with Browser(chromium) as browser:
        for name, width in (("desktop", 1280), ("phone", 375)):
            path = STATIC / f"report-{name}.png"
            path.write_bytes(browser.page(html, width).screenshot())
            print(f"wrote {path}")
        printed = browser.page(html, A4_WIDTH)
        printed.media("print")
        (STATIC / "report-print.png").write_bytes(printed.screenshot())
        (STATIC / "report-print.pdf").write_bytes(browser.page(html, A4_WIDTH).pdf())
        print(f"wrote {STATIC / 'report-print.png'} and {STATIC / 'report-print.pdf'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
