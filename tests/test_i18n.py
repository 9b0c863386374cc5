"""Translated labels: the gettext catalogs, and reports rendered in their languages."""

from __future__ import annotations

import pytest
from babel import Locale
from babel.messages.catalog import Catalog

from builders import ROOT, load_module, make_request
from transparency_core import (
    Category,
    Column,
    HtmlRenderer,
    ReportingPeriod,
    Requests,
    TextRenderer,
    build_report,
    reference_report,
)
from transparency_core._render._catalog import LANGUAGES, catalog
from transparency_core._specs import DEVICE

make_catalogs = load_module(ROOT / "scripts" / "make_catalogs.py")
YEAR = ReportingPeriod.calendar_year(2020)
TRANSLATED = [language for language in LANGUAGES if language != "en"]


class TestCatalogs:
    """Every catalog has every message, with the message's placeholders."""

    def test_the_languages_the_issue_asks_for_are_there(self) -> None:
        """English, Simplified Chinese, Hindi, Spanish, French, German and Arabic."""
        assert set(LANGUAGES) >= {"en", "zh_Hans", "hi", "es", "fr", "de", "ar"}

    def test_every_catalog_is_complete_and_compiled(self) -> None:
        """No message missing, untranslated or obsolete, no placeholder differs.

        And each .mo is its .po compiled (scripts/make_catalogs.py --check).
        """
        assert make_catalogs.check() == []

    def test_the_extractor_finds_the_labels(self) -> None:
        """The babel extractor sees titles, headings, definitions and sentences."""
        ids = {message.id for message in make_catalogs.template()}

        assert DEVICE.title in ids
        assert all(column.heading in ids for column in DEVICE.columns)
        assert "We did not receive any cross-border requests." in ids
        assert ("{n} request counted", "{n} requests counted") in ids

    def test_a_translation_with_other_placeholders_is_a_problem(self) -> None:
        """The check names the language and both placeholder sets."""
        messages = Catalog()
        messages.add("Table {number}: {title}")
        broken = Catalog(locale="de")
        broken.add("Table {number}: {title}", "Tabelle {nummer}: {title}")

        assert make_catalogs.problems("de", broken, messages) == [
            "de: 'Tabelle {nummer}: {title}' has placeholders ['nummer', 'title'], "
            "'Table {number}: {title}' has ['number', 'title']"
        ]

    def test_a_missing_or_fuzzy_message_is_a_problem(self) -> None:
        """A message the catalog lacks, or has only as a fuzzy guess, is reported."""
        messages = Catalog()
        messages.add("Country")
        messages.add("Figure")
        partial = Catalog(locale="fr")
        partial.add("Country", "Pays", flags=("fuzzy",))

        assert make_catalogs.problems("fr", partial, messages) == [
            "fr: untranslated 'Country'",
            "fr: missing 'Figure'",
        ]

    def test_plural_forms_follow_the_language(self) -> None:
        """French says "1 demande" and "0 demande"; German "0 Anfragen"; Chinese one form."""
        counted = ("{n} request counted", "{n} requests counted")
        french = catalog(Locale.parse("fr"))
        german = catalog(Locale.parse("de"))

        assert french.ngettext(*counted, 0) == french.ngettext(*counted, 1)
        assert french.ngettext(*counted, 0) != french.ngettext(*counted, 2)
        assert german.ngettext(*counted, 0) == german.ngettext(*counted, 2)
        assert german.ngettext(*counted, 1) != german.ngettext(*counted, 2)
        chinese = catalog(Locale.parse("zh_Hans_CN"))
        assert chinese.ngettext(*counted, 1) == chinese.ngettext(*counted, 5)


class TestRenderedInEveryLanguage:
    """The reference report, in each language, has no English label left."""

    @pytest.mark.parametrize("language", TRANSLATED)
    def test_every_label_of_the_report_is_translated(self, language: str) -> None:
        """Each title, heading and definition shown is the catalog's, not the English."""
        report = reference_report()
        text = TextRenderer(locale=language, width=10_000)(report)
        translations = catalog(Locale.parse(language))
        labels = {"Country", "Cross-border requests", "About these figures"}
        for table in report.tables:
            labels.add(table.title)
            labels.update(column.heading for column in table.columns)
        for label in sorted(labels):
            assert translations.gettext(label) != label, label
            assert translations.gettext(label) in text, label

    @pytest.mark.parametrize(
        ("locale", "heading"),
        [("de_AT", "Land"), ("zh_Hans_SG", "国家/地区"), ("es_MX", "País"), ("hi_IN", "देश")],
    )
    def test_a_regional_locale_uses_its_languages_catalog(self, locale: str, heading: str) -> None:
        """de_AT reads the German catalog, zh_Hans_SG the Simplified Chinese one."""
        assert f'<th scope="col">{heading}</th>' in HtmlRenderer(locale=locale)(reference_report())

    def test_a_language_without_a_catalog_is_written_in_english(self) -> None:
        """Swahili has CLDR data but no catalog: labels in English, names in Swahili."""
        text = TextRenderer(locale="sw")(reference_report())

        assert "Worldwide Government Device Requests" in text
        assert "Uchina" in text

    def test_a_callers_own_heading_is_written_as_it_is(self) -> None:
        """A label no catalog knows, braces and all, comes out unchanged."""
        category = Category(
            name="device",
            title="Appareils {sic}",
            identifier_types=DEVICE.identifier_types,
            columns=(Column(key="requests", heading="Demandes {n}", measure=Requests()),),
        )
        report = build_report([make_request("R1")], YEAR, categories=[category])

        text = TextRenderer(locale="fr", width=200)(report)

        assert "Tableau 1\u202f: Appareils {sic}" in text
        assert "Demandes {n}" in text

    @pytest.mark.parametrize(
        ("language", "sentence"),
        [
            ("en", "Example received 1 cross-border request: Spain 1."),
            ("de", "Example hat 1 grenzüberschreitende Anfrage erhalten: Spanien 1."),
            ("fr", "Example a reçu 1 demande transfrontalière\u202f: Espagne 1."),
            ("zh_Hans", "Example收到了 1 项跨境请求\uff1a西班牙 1\u3002"),
        ],
    )
    def test_the_cross_border_statement_is_translated(self, language: str, sentence: str) -> None:
        """With its count, its plural form and the country's name in the language."""
        request = make_request("R1", country="ES", data_country="SE")
        report = build_report([request], YEAR, company="Example")

        assert sentence in TextRenderer(locale=language, width=10_000)(report)

    def test_the_rounding_is_the_engines_in_every_language(self) -> None:
        """79 % in German and 79% in Hindi: the same rounded figure, laid out."""
        report = reference_report()

        assert "79\u00a0%" in TextRenderer(locale="de")(report)
        assert "79%" in TextRenderer(locale="hi")(report)
