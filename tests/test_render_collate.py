"""Collation: rows in the order a reader of the language expects."""

from __future__ import annotations

import pytest
from babel import Locale

from transparency_core import HtmlRenderer, TextRenderer, reference_report
from transparency_core._render._collate import collation_key


def ordered(locale: str, names: list[str]) -> list[str]:
    """``names`` sorted for ``locale``."""
    return sorted(names, key=collation_key(Locale.parse(locale)))


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
