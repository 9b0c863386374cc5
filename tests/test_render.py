"""Renderers: text and Markdown, checked against golden files and by their behaviour."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from babel import Locale

from builders import ROOT, load_module, make_request
from transparency_core import (
    BASIS,
    NOTIFICATION,
    OUTCOMES,
    Breakdown,
    Column,
    MarkdownRenderer,
    Report,
    ReportingPeriod,
    Request,
    Requests,
    TextRenderer,
    build_report,
    reference_ledger,
    reference_report,
)
from transparency_core._render._catalog import catalog
from transparency_core._render._escape import markdown as escape
from transparency_core._render._format import Formatter
from transparency_core._render._text import _width
from transparency_core.predicates import content_provided
from transparency_core.typing import Renderer

if TYPE_CHECKING:
    from collections.abc import Callable


def _load_golden_renderers() -> tuple[dict[str, Renderer], Callable[[str], Report]]:
    """The renderers of scripts/regenerate_golden.py, the one list of golden files."""
    module = load_module(ROOT / "scripts" / "regenerate_golden.py")
    renderers: dict[str, Renderer] = module.RENDERERS
    return renderers, module.report_of


GOLDEN = Path(__file__).parent / "golden"
RENDERERS, GOLDEN_REPORT = _load_golden_renderers()
YEAR = ReportingPeriod.calendar_year(2020)


class TestGoldenFiles:
    """The reference report renders exactly as reviewed (scripts/regenerate_golden.py)."""

    @pytest.mark.parametrize("name", sorted(RENDERERS))
    def test_reference_report(self, name: str) -> None:
        """Byte for byte, for every renderer and locale."""
        expected = (GOLDEN / name).read_bytes().decode("utf-8")

        assert RENDERERS[name](GOLDEN_REPORT(name)) == expected

    def test_every_golden_file_has_its_renderer(self) -> None:
        """No stale file is left in tests/golden."""
        assert sorted(path.name for path in GOLDEN.iterdir()) == sorted(RENDERERS)


class TestRenderers:
    """What every renderer does."""

    @pytest.mark.parametrize("renderer", [TextRenderer(), MarkdownRenderer()])
    def test_renderers_satisfy_the_protocol(self, renderer: Renderer) -> None:
        """Callables from report to str."""
        assert isinstance(renderer, Renderer)

    @pytest.mark.parametrize("renderer", [TextRenderer(), MarkdownRenderer()])
    def test_the_same_records_in_any_order_render_byte_identically(
        self, renderer: Renderer
    ) -> None:
        """Determinism, from the records to the bytes."""
        requests = [make_request(code, country=code) for code in ("SE", "IN", "CN", "FR")]

        assert renderer(build_report(requests, YEAR)) == renderer(
            build_report(requests[::-1], YEAR)
        )

    @pytest.mark.parametrize("renderer", [TextRenderer(), MarkdownRenderer()])
    def test_one_table_alone_is_the_table_of_the_full_report(
        self, renderer: TextRenderer | MarkdownRenderer
    ) -> None:
        """``renderer.table(...)`` shows exactly the rows the full report shows."""
        report = reference_report()
        alone = renderer.table(report.table("account"))

        assert alone in renderer(report)
        assert len(alone.splitlines()) >= 4

    def test_a_table_without_requests_says_so(self) -> None:
        """An empty category is disclosed, not dropped."""
        text = TextRenderer()(build_report([make_request("R1")], YEAR))

        assert "Table 3: Worldwide Government Account Requests" in text
        assert "No requests of this kind were received in the period." in text

    def test_cross_border_requests_are_listed_by_country(self) -> None:
        """Counts per requesting country, with the company's name."""
        report = build_report(
            [
                make_request("R1", data_country="IE"),
                make_request("R2", data_country="IE"),
            ],
            YEAR,
            company="Example",
        )

        assert "Example received 2 cross-border requests: Spain 2." in TextRenderer()(report)

    def test_left_out_records_are_summarised(self) -> None:
        """The report says what it did not count and why."""
        report = build_report(
            [
                make_request("R1"),
                make_request("R1"),
                make_request("R2", received=date(2019, 1, 1)),
            ],
            YEAR,
        )

        assert (
            "3 ledger records; 1 request counted; 1 repeated record counted with the "
            "request it repeats; 1 request left out as received outside the period."
        ) in TextRenderer(width=400)(report)

    def test_markdown_escapes_what_would_be_markup(self) -> None:
        """A pipe cannot break a table and a tag cannot reach the page."""
        assert escape("a|b <script>*x*") == "a\\|b \\<script\\>\\*x\\*"

    def test_text_tables_align_numbers_right(self) -> None:
        """The last characters of a numeric column line up."""
        lines = TextRenderer()(reference_report()).splitlines()
        china = next(line for line in lines if line.startswith("China "))
        india = next(line for line in lines if line.startswith("India "))

        assert china.index("100%") + len("100%") == india.index("79%") + len("79%")


def not_content(request: Request) -> bool:
    """The request did not have content provided."""
    return not content_provided(request)


class TestSharesDefinitions:
    """Each table with shares says what they are of, in its own words."""

    def test_each_breakdown_defines_its_own_shares(self) -> None:
        """The outcomes say outcomes, Table 4 says legal process types, once each."""
        report = build_report(reference_ledger(), YEAR, breakdowns=[OUTCOMES, NOTIFICATION, BASIS])
        text = TextRenderer(width=10_000)(report)
        shares = [line for line in text.splitlines() if line.startswith("Percentage of total:")]

        assert shares == [
            "Percentage of total: The requests of each legal process type as a percentage of "
            "all the requests on a legal process received from that country.",
            "Percentage of total: The requests with each outcome as a percentage of all the "
            "requests from that country counted in this table.",
            "Percentage of total: The requests with each notification status as a percentage "
            "of all the requests from that country counted in this table.",
            "Percentage of total: The emergency, legal process and other requests, each as a "
            "percentage of all the requests from that country counted in this table.",
        ]

    def test_a_callers_breakdown_has_a_general_definition(self) -> None:
        """A breakdown that declares none says what any table's shares are of."""
        mine = Breakdown(
            key="mine",
            title="Mine",
            columns=(
                Column(key="content", heading="Content", measure=Requests(content_provided)),
                Column(key="other", heading="Other", measure=Requests(not_content)),
            ),
            shares=True,
        )
        report = build_report([make_request("R1")], YEAR, breakdowns=[mine])

        assert report.table("mine").shares_definition == (
            "The requests of each column as a percentage of all the requests from that "
            "country counted in this table."
        )
        assert report.table("device").shares_definition == ""
        assert (
            "- **Percentage of total**: The requests of each column as a percentage of all "
            "the requests from that country counted in this table."
        ) in MarkdownRenderer()(report)

    @pytest.mark.parametrize("language", ["de", "es", "fr", "hi", "zh_Hans"])
    def test_every_definition_is_translated(self, language: str) -> None:
        """No shares definition is left in English."""
        translations = catalog(Locale.parse(language))
        definitions = [breakdown.shares_definition for breakdown in (OUTCOMES, NOTIFICATION, BASIS)]
        definitions.append(reference_report().table("legal_process").shares_definition)

        assert [text for text in definitions if translations.gettext(text) == text] == []


class TestFormatter:
    """babel formats values the engine already rounded; it never rounds them."""

    def test_the_period_in_english(self) -> None:
        """Full month names, CLDR's interval layout."""
        assert Formatter("en").period(YEAR) == "January 1\u2009\u2013\u2009December 31, 2020"

    def test_a_percentage_keeps_exactly_its_digits(self) -> None:
        """94.5 stays 94.5: babel's half-even has nothing to round."""
        assert Formatter("en").percent(Decimal("94.5")) == "94.5%"
        assert Formatter("en").percent(Decimal("94.50")) == "94.50%"
        assert Formatter("en").percent(Decimal(94)) == "94%"

    def test_a_blank_percentage(self) -> None:
        """None is an empty cell."""
        assert Formatter("en").percent(None) == ""

    def test_wide_characters_take_two_columns(self) -> None:
        """Chinese country names line up in text tables."""
        assert _width("中国") == 4
        assert _width("China") == 5


class TestCountryNames:
    """A company may need a name other than CLDR's."""

    @pytest.mark.parametrize(
        "renderer",
        [
            TextRenderer(countries={"HK": "Hong Kong"}),
            MarkdownRenderer(countries={"HK": "Hong Kong"}),
        ],
    )
    def test_an_override_replaces_cldrs_name(self, renderer: Renderer) -> None:
        """CLDR says "Hong Kong SAR China"; the override says "Hong Kong"."""
        text = renderer(build_report([make_request("R1", country="HK")], YEAR))

        assert "Hong Kong" in text
        assert "SAR" not in text

    def test_overrides_are_frozen_and_ordered(self) -> None:
        """Renderers stay hashable and compare by content."""
        one = TextRenderer(countries={"HK": "Hong Kong", "CN": "Chinese mainland"})
        other = TextRenderer(countries={"CN": "Chinese mainland", "HK": "Hong Kong"})

        assert one == other
        assert hash(one) == hash(other)
