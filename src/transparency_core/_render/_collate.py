"""Collation: the order in which a reader of a language expects a list of names.

babel has no collation and the standard library's (``locale.strxfrm``) depends on the
locales installed on the machine, so this module implements the part of the Unicode
Collation Algorithm (UTS #10) that names of countries need, with Unicode's data and a
little of CLDR's:

- letters compare by their base letter first, ignoring accents and case (``Å`` sorts
  with ``A``), then by their accents, then by their case, then as written;
- spaces and punctuation come before digits, and digits before letters, as in CLDR's
  root collation, the marks in its order (a hyphen before a parenthesis);
- a language whose alphabet has letters of its own after ``z`` has them there: CLDR's
  tailorings of Swedish and Finnish (``å ä ö``), Danish and Norwegian (``æ ø å``),
  Spanish (``ñ``), Turkish and Azerbaijani, Polish, Czech and Slovak, Estonian, and
  Icelandic are written out in :data:`_TAILORINGS`;
- Arabic has CLDR's tailoring of its letters (alef with madda a letter of its own
  before alef, alef maksura with yeh);
- Cyrillic letters are in CLDR's root order, which is not their code points' (the
  Ukrainian i after the Russian one, the short i a letter of its own after both);
- Chinese characters sort as CLDR's collations for Chinese do, before Latin letters:
  by pinyin in Simplified Chinese (``zh``, ``zh_Hans``), by stroke count in Traditional
  (``zh_Hant``, ``zh_TW``, ``zh_HK``); a character outside the package's data (a
  caller's own name) comes after the known ones, in code-point order;
- other scripts keep their code-point order, which Unicode gives in the order of each
  script's alphabet (Greek, Hebrew, kana, Hangul), and so do Chinese characters in
  other languages (by radical and stroke count: CLDR's "unihan").

babel ships no collation data and the package takes no collation library, so the
orders that are CLDR's and not Unicode's (the Chinese characters of CLDR's country
names, the Cyrillic letters, the marks) ship as ``_data/collation.txt``, written from
ICU by ``scripts/make_collation_data.py``. The suite checks the order of every country
name in 26 locales against ICU's, in the browser (``tests/test_render_collate.py``);
contractions (Czech ``ch``, Hungarian ``cs``) and the tailorings of other languages
(Kazakh, Lithuanian, Vietnamese...) are not written here.

English names keep the order of Python's string comparison where they are plain ASCII
letters and spaces, so the seed's tables keep the seed's order.
"""

from __future__ import annotations

import functools
import unicodedata
from importlib.resources import files
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable

    from babel import Locale

__all__ = ["collation_key", "is_han", "orders"]

_SWEDISH = "z\u00e5\u00e4\u00f6"  # å ä ö, after z
_DANISH = "z\u00e6\u00f8\u00e5"  # æ ø å, after z
_TAILORINGS: dict[str, dict[str, tuple[str, int]]] = {
    # language: letter -> (the letter it follows, its rank after that letter)
    "sv": {
        **{letter: ("z", rank) for rank, letter in enumerate(_SWEDISH) if rank},
        "\u00e6": ("z", 2),
        "\u00f8": ("z", 3),
    },
    "fi": {letter: ("z", rank) for rank, letter in enumerate(_SWEDISH) if rank},
    "da": {letter: ("z", rank) for rank, letter in enumerate(_DANISH) if rank},
    "nb": {letter: ("z", rank) for rank, letter in enumerate(_DANISH) if rank},
    "nn": {letter: ("z", rank) for rank, letter in enumerate(_DANISH) if rank},
    "is": {"\u00fe": ("z", 1), "\u00e6": ("z", 2), "\u00f6": ("z", 3)},
    "es": {"\u00f1": ("n", 1)},
    "tr": {
        "\u00e7": ("c", 1),
        "\u011f": ("g", 1),
        "\u0131": ("h", 1),
        "\u00f6": ("o", 1),
        "\u015f": ("s", 1),
        "\u00fc": ("u", 1),
    },
    "pl": {
        "\u0105": ("a", 1),
        "\u0107": ("c", 1),
        "\u0119": ("e", 1),
        "\u0142": ("l", 1),
        "\u0144": ("n", 1),
        "\u00f3": ("o", 1),
        "\u015b": ("s", 1),
        "\u017a": ("z", 1),
        "\u017c": ("z", 2),
    },
    "cs": {"\u010d": ("c", 1), "\u0159": ("r", 1), "\u0161": ("s", 1), "\u017e": ("z", 1)},
    "et": {"\u0161": ("s", 1), "\u017e": ("z", 1), "\u00f5": ("w", 1), "\u00e4": ("w", 2)},
}
_TAILORINGS["ar"] = {"\u0622": ("\u0627", -1), "\u0649": ("\u064a", 0)}  # آ, ى
_TAILORINGS["az"] = _TAILORINGS["tr"]
_TAILORINGS["sk"] = _TAILORINGS["cs"]

Key = tuple[tuple[tuple[int, str, int], ...], tuple[str, ...], tuple[bool, ...], str]


def _kind(character: str) -> int:
    """Spaces and punctuation first, then digits, then letters (and every other script)."""
    category = unicodedata.category(character)
    if category[0] in "PSZC":
        return 0
    return 1 if category[0] == "N" else 2


def is_han(character: str) -> bool:
    """Whether ``character`` is a Chinese character (a CJK ideograph)."""
    return unicodedata.name(character, "").startswith(("CJK UNIFIED", "CJK COMPATIBILITY"))


@functools.cache
def orders() -> dict[str, dict[str, int]]:
    """The rank of each letter in the orders the package ships: ``{"pinyin": {...}}``.

    ``pinyin`` and ``stroke`` order Chinese characters, ``cyrillic`` the Cyrillic
    letters of their own (``_data/collation.txt``, written by
    ``scripts/make_collation_data.py`` from ICU).
    """
    text = files("transparency_core._render").joinpath("_data", "collation.txt")
    lines = [
        line for line in text.read_text(encoding="utf-8").split("\n") if not line.startswith("#")
    ]
    found = {}
    for number, line in enumerate(lines):
        name, _, characters = line.partition(" ")
        if name == "punctuation":  # its marks, a space among them, are on the next line
            characters = lines[number + 1]
        if name in {"pinyin", "stroke", "cyrillic", "punctuation"}:
            found[name] = {character: rank for rank, character in enumerate(characters)}
    return found


def _han_order(locale: Locale) -> dict[str, int] | None:
    """The order of Chinese characters for ``locale``: pinyin, stroke, or none (Unicode's)."""
    if locale.language != "zh":
        return None
    return orders()["stroke" if locale.script == "Hant" else "pinyin"]


def _letter(character: str) -> tuple[int, str, int]:
    """A character's primary weight: by its rank in CLDR's order, or by its code point.

    A Cyrillic letter or a mark that the package's data knows has its rank there: the
    Cyrillic letters all weigh as their block's first code point (between Greek and
    Armenian) and then by rank.
    """
    rank = orders()["cyrillic"].get(character)
    if rank is not None:
        return (2, "\u0400", rank)
    kind = _kind(character)
    rank = orders()["punctuation"].get(character) if kind == 0 else None
    if rank is not None:  # in CLDR's order, before the marks it does not know
        return (0, "", rank)
    return (kind, character, 0)


def _key(
    text: str, tailoring: dict[str, tuple[str, int]], han: dict[str, int] | None = None
) -> Key:
    primary: list[tuple[int, str, int]] = []
    accents: list[str] = []
    case: list[bool] = []
    for character in unicodedata.normalize("NFC", text):
        lower = character.casefold()
        case.append(lower != character)
        if han is not None and is_han(character):
            # Before every Latin letter ("" < "a"); unknown ones after the known.
            rank = han.get(character, len(han) + ord(character))
            primary.append((2, "", rank))
            accents.append("")
            continue
        if lower in tailoring:
            base, rank = tailoring[lower]
            primary.append((2, base, rank))
            accents.append("")
            continue
        if lower in orders()["cyrillic"]:  # a letter of its own, such as the short i
            primary.append(_letter(lower))
            accents.append("")
            continue
        decomposed = unicodedata.normalize("NFD", lower)
        base = "".join(c for c in decomposed if not unicodedata.combining(c)) or decomposed
        accents.append(decomposed.removeprefix(base))
        primary.extend(_letter(c) for c in base)
    return (tuple(primary), tuple(accents), tuple(case), text)


def collation_key(locale: Locale) -> Callable[[str], Key]:
    """A sort key that orders names as a reader of ``locale``'s language expects.

    Example:
        >>> from babel import Locale
        >>> names = ["Spanien", "Schweden", "Österreich", "Oman", "China"]
        >>> sorted(names, key=collation_key(Locale.parse("de")))
        ['China', 'Oman', 'Österreich', 'Schweden', 'Spanien']
        >>> sorted(["Österrike", "Oman", "Zambia"], key=collation_key(Locale.parse("sv")))
        ['Oman', 'Zambia', 'Österrike']
        >>> sorted(["中国", "印度", "西班牙", "瑞典"], key=collation_key(Locale.parse("zh_Hans")))
        ['瑞典', '西班牙', '印度', '中国']
    """
    tailoring = _TAILORINGS.get(locale.language, {})
    han = _han_order(locale)
    return lambda text: _key(text, tailoring, han)
