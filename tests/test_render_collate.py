"""Collation: rows in the order a reader of the language expects."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

import pytest
from babel import Locale

from browser import HOW_TO_GET_ONE, Browser, find_chromium
from transparency_core import HtmlRenderer, TextRenderer, reference_report
from transparency_core._checks import COUNTRY_CODES
from transparency_core._render._collate import collation_key, is_han, orders

if TYPE_CHECKING:
    from collections.abc import Iterator

CHROMIUM = find_chromium()
# The locales whose every country name sorts as ICU sorts it (CLDR's collations).
AS_ICU = (
    "en", "de_DE", "fr", "sv", "es", "da", "fi", "nb", "nl", "pt", "ca", "tr", "pl", "el",
    "he", "ar", "ru", "bg", "sr", "be", "ko",
    "zh_Hans", "zh_Hans_CN", "zh_Hant", "zh_Hant_HK", "zh_TW",
)  # fmt: skip


def ordered(locale: str, names: list[str]) -> list[str]:
    """``names`` sorted for ``locale``."""
    return sorted(names, key=collation_key(Locale.parse(locale)))


def country_names(locale: str) -> list[str]:
    """CLDR's name in ``locale`` of every country a ledger may name, in code-point order."""
    territories = Locale.parse(locale).territories
    return sorted({str(territories[code]) for code in COUNTRY_CODES if code in territories})


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    """A headless Chromium, whose ICU sorts as CLDR says."""
    if CHROMIUM is None:
        pytest.skip(HOW_TO_GET_ONE)
    with Browser(CHROMIUM) as running:
        yield running


class TestCollation:
    """Names sorted by letters first, then accents, then case; tailored alphabets."""

    def test_accents_and_case_come_after_the_letters(self) -> None:
        """Åland sorts with the A's, Côte d'Ivoire before Cuba."""
        assert ordered(
            "en", ["Cuba", "Côte d\u2019Ivoire", "Zambia", "Åland Islands", "Albania"]
        ) == [
            "Åland Islands",
            "Albania",
            "Côte d\u2019Ivoire",
            "Cuba",
            "Zambia",
        ]

    @pytest.mark.parametrize(
        ("locale", "names", "expected"),
        [
            (
                "sv",
                ["Österrike", "Oman", "Ålands", "Zambia"],
                ["Oman", "Zambia", "Ålands", "Österrike"],
            ),
            ("da", ["Østrig", "Oman", "Zambia"], ["Oman", "Zambia", "Østrig"]),
            ("es", ["Ñandú", "Nueva Zelanda", "Omán"], ["Nueva Zelanda", "Ñandú", "Omán"]),
            ("de", ["Österreich", "Oman", "Zypern"], ["Oman", "Österreich", "Zypern"]),
            ("tr", ["Çad", "Cezayir", "Dominika"], ["Cezayir", "Çad", "Dominika"]),
        ],
    )
    def test_tailored_alphabets(self, locale: str, names: list[str], expected: list[str]) -> None:
        """Letters of a language's own alphabet sort where its readers expect them."""
        assert ordered(locale, names) == expected

    def test_german_rows_in_german_order(self) -> None:
        """Schweden before Spanien: the rows of a German report follow German names."""
        text = TextRenderer(locale="de_DE")(reference_report())

        assert text.index("Schweden") < text.index("Spanien")

    def test_english_keeps_the_seeds_order(self) -> None:
        """China, India, Spain, Sweden: as the seed prints them."""
        html = HtmlRenderer(fragment=True)(reference_report())
        first = html.split("</table>")[0]

        positions = [first.index(name) for name in ("China", "India", "Spain", "Sweden")]
        assert positions == sorted(positions)

    def test_chinese_rows_in_pinyin_order(self) -> None:
        """Simplified Chinese sorts by pinyin: Ruidian, Xibanya, Yindu, Zhongguo."""
        text = TextRenderer(locale="zh_Hans_CN")(reference_report())
        table = text.split("\n\n")[6]

        positions = [table.index(name) for name in ("瑞典", "西班牙", "印度", "中国")]
        assert positions == sorted(positions)

    def test_traditional_chinese_by_stroke_count(self) -> None:
        """Traditional Chinese sorts by strokes: 中 (4) before 印 (6) before 瑞 (13)."""
        assert ordered("zh_TW", ["瑞典", "印度", "中國", "西班牙"]) == [
            "中國",
            "印度",
            "西班牙",
            "瑞典",
        ]

    def test_a_chinese_character_outside_the_table_comes_after_it(self) -> None:
        """A caller's own name with an unlisted character: after the known, before Latin."""
        known = orders()["pinyin"]
        unknown = next(chr(c) for c in range(0x4E00, 0x9FFF) if chr(c) not in known)

        names = ["Zeta", unknown, "中国", "Alpha"]
        assert ordered("zh", names) == ["中国", unknown, "Alpha", "Zeta"]

    @pytest.mark.parametrize("locale", ["zh_Hans", "zh_Hant", "zh_Hant_HK"])
    def test_the_table_knows_every_chinese_character_of_cldrs_names(self, locale: str) -> None:
        """After a babel upgrade, scripts/make_collation_data.py adds the new characters."""
        order = orders()["stroke" if "Hant" in locale else "pinyin"]
        names = Locale.parse(locale).territories.values()

        assert {c for name in names for c in str(name) if is_han(c)} - set(order) == set()

    @pytest.mark.parametrize("locale", AS_ICU)
    def test_every_country_name_sorts_as_icu_sorts_it(self, browser: Browser, locale: str) -> None:
        """The browser's Intl.Collator (ICU, CLDR's data) gives the same order."""
        names = country_names(locale)
        page = browser.page("<!DOCTYPE html><title>collation</title>", 100)
        tag = str(Locale.parse(locale)).replace("_", "-")

        icu = page.evaluate(
            f"{json.dumps(names)}.sort(new Intl.Collator({json.dumps(tag)}).compare)"
        )
        assert ordered(locale, names) == icu

    def test_cyrillic_letters_in_cldrs_order(self) -> None:
        """The short i after the i (code points put it before), the Ukrainian i after both."""
        assert ordered("ru", ["Йемен", "Израиль", "Индия"]) == ["Израиль", "Индия", "Йемен"]
        assert ordered("uk", ["Бельгія", "Беліз"]) == ["Беліз", "Бельгія"]

    def test_marks_in_cldrs_order(self) -> None:
        """A hyphen before a parenthesis, as CLDR's root collation has them."""
        names = ["Конга (Кіншаса)", "Конга - Бразавіль"]

        assert ordered("be", names) == ["Конга - Бразавіль", "Конга (Кіншаса)"]
