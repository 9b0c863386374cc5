"""The document the text-based renderers show: its words, decided once."""

from __future__ import annotations

from datetime import date

import pytest
from babel import Locale

from builders import make_request
from transparency_core import (
    BASIS,
    NOTIFICATION,
    OUTCOMES,
    Breakdown,
    Column,
    MarkdownRenderer,
    ReportingPeriod,
    Request,
    Requests,
    TextRenderer,
    build_report,
    reference_ledger,
    reference_report,
)
from transparency_core._render._catalog import catalog
from transparency_core.predicates import content_provided

YEAR = ReportingPeriod.calendar_year(2020)


class TestReportDocument:
    """What the document says of the report's tables, cross-border requests and records."""

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
