"""Findings: what is worth a look in a ledger but does not stop the count."""

from __future__ import annotations

from datetime import date

from builders import imei, make_request
from transparency_core import (
    ExplainRenderer,
    Figure,
    Finding,
    ReportingPeriod,
    TextRenderer,
    build_report,
    reference_report,
)

YEAR = ReportingPeriod.calendar_year(2020, released=date(2021, 6, 1))


class TestFindings:
    """Warnings in the report, never a crash, never a dropped record."""

    def test_an_amendment_of_an_id_not_in_the_ledger(self) -> None:
        """The amendment still counts; the report says what it amends is missing."""
        report = build_report([make_request("R2", amends="R1")], YEAR)

        assert report.findings == (
            Finding("R2", "amends", "amends 'R1', which is not in the ledger"),
        )
        assert report.table("device").cell("ES", "requests") == Figure(1, ("R2",))

    def test_an_identifier_listed_twice_in_one_request(self) -> None:
        """Counted once as a device, and flagged."""
        report = build_report([make_request("R1", identifiers=[imei("1"), imei("1")])], YEAR)

        assert report.findings == (
            Finding("R1", "identifiers[1]", "lists imei '1' more than once"),
        )
        assert report.table("device").cell("ES", "subjects") == Figure(1, ("R1",))

    def test_a_request_received_after_the_release(self) -> None:
        """Left out as outside the period, and flagged: the date is likely a mistake."""
        report = build_report([make_request("R1", received=date(2022, 1, 3))], YEAR)

        assert report.findings == (
            Finding(
                "R1", "received", "received 2022-01-03, after the report's release on 2021-06-01"
            ),
        )
        assert [entry.id for entry in report.left_out()] == ["R1"]

    def test_findings_are_shown_by_the_renderers(self) -> None:
        """In the text report's last section and in the explain view."""
        report = build_report([make_request("R2", amends="R1")], YEAR)

        assert "R2 (amends): amends 'R1', which is not in the ledger" in TextRenderer()(report)
        assert "Finding: R2, amends: amends 'R1', which is not in the ledger" in ExplainRenderer()(
            report
        )

    def test_the_reference_ledger_has_no_findings(self) -> None:
        """Every amendment in it amends a request that is there."""
        assert reference_report().findings == ()
