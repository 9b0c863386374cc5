"""Write the collation data the package ships, from the ICU of Chromium (CLDR's collations).

Run ``uv run python scripts/make_collation_data.py`` after upgrading babel. babel ships
no collation data, so the package (:mod:`transparency_core._render._collate`) reads
``src/transparency_core/_render/_data/collation.txt``, which this script writes from
the browser's ``Intl.Collator`` (ICU, with CLDR's data), for the letters that Unicode's
code-point order puts in the wrong place:

- ``pinyin`` and ``stroke``: every Chinese character of the country names babel gives
  in Simplified and in Traditional Chinese, sorted as CLDR's ``zh`` (pinyin) and
  ``zh-Hant`` (stroke count) collations sort them;
- ``cyrillic``: every Cyrillic letter of babel's country names in any locale that is a
  letter of its own (not a base letter with an accent, as the Russian yo is ye with a
  diaeresis), in CLDR's root order (the Ukrainian i after the Russian one, then the
  short i; the soft sign after yeru), which is not the letters' code-point order;
- ``punctuation``: every space, punctuation mark and symbol of those names, in the root
  order (a hyphen before a parenthesis), on the line after its name.

It needs Debian's ``chromium`` (``apt-get install chromium``); ``--check`` changes
nothing and says whether the file is the one the browser gives.
"""

from __future__ import annotations

import json
import sys
import unicodedata
from pathlib import Path

ROOT = Path(__file__).parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from babel import Locale, localedata  # noqa: E402 -- after the path, as below

from browser import HOW_TO_GET_ONE, Browser, Page, find_chromium  # noqa: E402 -- after the path
from transparency_core._render._collate import is_han  # noqa: E402 -- after the path

TARGET = ROOT / "src" / "transparency_core" / "_render" / "_data" / "collation.txt"
# Each Chinese collation, the browser's name of its locale, and the locales whose names it sorts.
CHINESE = (
    ("pinyin", "zh", ("zh_Hans",)),
    ("stroke", "zh-Hant", ("zh_Hant", "zh_Hant_HK")),
)
HEADER = (
    "# The letters whose order in CLDR's collations is not Unicode's: the Chinese\n"
    "# characters of CLDR's country names by pinyin (zh) and by stroke count (zh-Hant);\n"
    "# the Cyrillic letters of their own and the punctuation of those names in the root\n"
    "# order, as ICU sorts them.\n"
    "# Written by scripts/make_collation_data.py: do not edit.\n"
)
# The letters of their own among ``pairs`` of a letter and its base without accents.
_OWN_LETTERS = """
(pairs => {
  const base = new Intl.Collator('und', {sensitivity: 'base'});
  return pairs.filter(([letter, plain]) => letter === plain || base.compare(letter, plain) !== 0)
    .map(([letter]) => letter).sort(new Intl.Collator('und').compare).join('');
})"""


def _names(locales: tuple[str, ...]) -> set[str]:
    return {str(name) for locale in locales for name in Locale.parse(locale).territories.values()}


def chinese(locales: tuple[str, ...]) -> list[str]:
    """The Chinese characters of every country name of ``locales``, in code-point order."""
    return sorted(
        {character for name in _names(locales) for character in name if is_han(character)}
    )


def cyrillic() -> list[tuple[str, str]]:
    """Every Cyrillic letter of babel's country names in any locale, and its base letter."""
    letters = {
        character
        for name in _names(tuple(localedata.locale_identifiers()))
        for character in name.casefold()
        if unicodedata.name(character, "").startswith("CYRILLIC")
    }
    return [(letter, unicodedata.normalize("NFD", letter)[0]) for letter in sorted(letters)]


def punctuation() -> list[str]:
    """Every space, punctuation mark and symbol of babel's country names in any locale."""
    return sorted(
        {
            character
            for name in _names(tuple(localedata.locale_identifiers()))
            for character in name
            if unicodedata.category(character)[0] in "PSZ"
        }
    )


def _sorted(page: Page, characters: list[str], tag: str) -> str:
    script = f"{json.dumps(characters)}.sort(new Intl.Collator({json.dumps(tag)}).compare)"
    return str(page.evaluate(f"{script}.join('')"))


def contents(chromium: str) -> str:
    """The file's text: its header, and a line per collation of its letters in order."""
    lines = []
    with Browser(chromium) as browser:
        page = browser.page("<!DOCTYPE html><title>collation</title>", 100)
        for name, tag, locales in CHINESE:
            lines.append(f"{name} {_sorted(page, chinese(locales), tag)}\n")
        own = page.evaluate(f"{_OWN_LETTERS}({json.dumps(cyrillic())})")
        lines.append(f"cyrillic {own}\n")
        # The marks are a line of their own, after the name: a space among them.
        lines.append(f"punctuation\n{_sorted(page, punctuation(), 'und')}\n")
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
