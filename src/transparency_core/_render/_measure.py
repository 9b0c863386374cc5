"""How wide a text is when drawn: the room a chart leaves for its labels, measured.

A chart's labels are country names, in any language, and its figures; the chart leaves
as much room as its widest label takes, not a guessed width. Widths are Helvetica's
(Adobe's core font metrics, which Arial and Liberation Sans share), per thousand units
of the font size, widened by 15% for DejaVu Sans, the widest of the usual sans-serif
fonts a browser falls back on. A letter with accents is as wide as its base letter;
a wide character (Chinese, Japanese, Korean) takes a whole em; a combining mark none;
any other character (Arabic, Cyrillic, Devanagari...) the width of a wide Latin letter.
Integer arithmetic throughout: a width is a whole number of units, rounded up.
"""

from __future__ import annotations

import unicodedata

__all__ = ["text_width"]

# Helvetica's advance widths of the printable ASCII characters, from " " (32) to "~" (126).
_ASCII = (
    (278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278)
    + (556,) * 10
    + (278, 278, 584, 584, 584, 556, 1015)
    + (667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833)
    + (722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611)
    + (278, 278, 278, 469, 556, 333)
    + (556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833)
    + (556, 556, 556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500)
    + (334, 260, 334, 584)
)
_FIRST = 32
_WIDE = 1000
_OTHER = 667
# DejaVu Sans is about 15% wider than Helvetica: per hundred.
_WIDEST_FONT = 115
# A bold face is wider still: per hundred.
_BOLD = 110


def _advance(character: str) -> int:
    """One character's width, in thousandths of the font size."""
    if unicodedata.combining(character) or unicodedata.category(character) == "Cf":
        return 0
    if unicodedata.east_asian_width(character) in "WF":
        return _WIDE
    base = unicodedata.normalize("NFD", character)[0]
    if _FIRST <= ord(base) < _FIRST + len(_ASCII):
        return _ASCII[ord(base) - _FIRST]
    return _OTHER


def text_width(text: str, size: int, *, bold: bool = False) -> int:
    """The width of ``text`` set in a sans-serif font of ``size`` units, rounded up.

    Example:
        >>> text_width("China", 13), text_width("St. Vincent & Grenadines", 13)
        (40, 168)
        >>> text_width("中国", 13)
        30
    """
    units = sum(_advance(character) for character in text) * size * _WIDEST_FONT
    if bold:
        units *= _BOLD
        return -(-units // 10_000_000)
    return -(-units // 100_000)
