"""Write the order of the Chinese characters of CLDR's country names, from Chromium's ICU.

Run ``uv run python scripts/make_han_order.py`` after upgrading babel: it collects every
Chinese character of the country names babel gives in Simplified and in Traditional
Chinese, sorts them with the browser's ``Intl.Collator`` (ICU, with CLDR's collation
data: pinyin for ``zh``, stroke count for ``zh-Hant``), and writes them in that order to
``src/transparency_core/_render/_data/han-order.txt``, one line per collation. The
package reads the file (:mod:`transparency_core._render._collate`) and so sorts Chinese
rows as CLDR does, with no collation library at run time. It needs Debian's
``chromium`` (``apt-get install chromium``); ``--check`` changes nothing and says
whether the file is the one the browser gives.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from babel import Locale  # noqa: E402 -- after the path, as below

from browser import HOW_TO_GET_ONE, Browser, find_chromium  # noqa: E402 -- after the path
from transparency_core._render._collate import is_han  # noqa: E402 -- after the path

TARGET = ROOT / "src" / "transparency_core" / "_render" / "_data" / "han-order.txt"
# Each collation, the browser's name of its locale, and the locales whose names it sorts.
COLLATIONS = (
    ("pinyin", "zh", ("zh_Hans",)),
    ("stroke", "zh-Hant", ("zh_Hant", "zh_Hant_HK")),
)
HEADER = (
    "# The Chinese characters of CLDR's country names, as babel gives them, in the order\n"
    "# of CLDR's collations: pinyin (zh) and stroke count (zh-Hant), as ICU sorts them.\n"
    "# Written by scripts/make_han_order.py: do not edit.\n"
)


def characters(locales: tuple[str, ...]) -> list[str]:
    """The Chinese characters of every country name of ``locales``, in code-point order."""
    found = {
        character
        for locale in locales
        for name in Locale.parse(locale).territories.values()
        for character in str(name)
        if is_han(character)
    }
    return sorted(found)


def contents(chromium: str) -> str:
    """The file's text: its header, and a line per collation of its characters sorted."""
    lines = []
    with Browser(chromium) as browser:
        page = browser.page("<!DOCTYPE html><title>collation</title>", 100)
        for name, tag, locales in COLLATIONS:
            order = page.evaluate(
                f"{json.dumps(characters(locales))}.sort(new Intl.Collator("
                f"{json.dumps(tag)}).compare).join('')"
            )
            lines.append(f"{name} {order}\n")
    return HEADER + "".join(lines)


def main() -> int:
    """Write the file, or with ``--check`` say whether it is up to date."""
    chromium = find_chromium()
    if chromium is None:
        print(HOW_TO_GET_ONE, file=sys.stderr)
        return 1
    text = contents(chromium)
    if sys.argv[1:] == ["--check"]:
        same = TARGET.read_text(encoding="utf-8") == text
        print(f"{TARGET} is {'up to date' if same else 'out of date'}")
        return 0 if same else 1
    TARGET.parent.mkdir(exist_ok=True)
    TARGET.write_text(text, encoding="utf-8")
    print(f"wrote {TARGET}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
