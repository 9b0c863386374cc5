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
LOOK_ALIKE = (
    "differs from {!r} only in white space or Unicode normalisation: counted as two requests"
)


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
        """Counted once as a device, and flagged with the value masked: last 4 characters."""
        twice = [imei("490154203237518"), imei("490154203237518")]
        report = build_report([make_request("R1", identifiers=twice)], YEAR)

        assert report.findings == (
            Finding("R1", "identifiers[1]", "lists imei '…7518' more than once"),
        )
        assert report.table("device").cell("ES", "subjects") == Figure(1, ("R1",))

    def test_a_short_identifier_is_masked_whole(self) -> None:
        """Under eight characters, nothing of the value is shown."""
        report = build_report([make_request("R1", identifiers=[imei("1234567")] * 2)], YEAR)

        assert report.findings == (
            Finding("R1", "identifiers[1]", "lists imei '…' more than once"),
        )

    def test_ids_that_differ_only_in_white_space_or_normalisation(self) -> None:
        """Two requests counted, and each named as looking like the other."""
        nfc, nfd = "ES-\N{LATIN SMALL LETTER E WITH ACUTE}", "ES-e\N{COMBINING ACUTE ACCENT}"
        ledger = [make_request("ES-1"), make_request(" ES-1"), make_request(nfc), make_request(nfd)]
        report = build_report(ledger, YEAR)

        assert report.table("device").cell("ES", "requests").value == 4
        assert report.findings == (
            Finding(" ES-1", "id", LOOK_ALIKE.format("ES-1")),
            Finding("ES-1", "id", LOOK_ALIKE.format(" ES-1")),
            Finding(nfd, "id", LOOK_ALIKE.format(nfc)),
            Finding(nfc, "id", LOOK_ALIKE.format(nfd)),
        )

    def test_look_alike_ids_are_found_among_requests_left_out_too(self) -> None:
        """Every id is looked at, counted or not, and ids that are their own key are not named."""
        nfc = "ES-\N{LATIN SMALL LETTER E WITH ACUTE}"
        ledger = [
            make_request("ES-1\t", received=date(2019, 12, 31)),  # before the period
            make_request("ES-1"),
            make_request(nfc),  # not ASCII, but its own key, like no other
            make_request("ES-2 "),  # no other id has its key
        ]
        report = build_report(ledger, YEAR)

        assert report.findings == (
            Finding("ES-1", "id", LOOK_ALIKE.format("ES-1\t")),
            Finding("ES-1\t", "id", LOOK_ALIKE.format("ES-1")),
        )
        assert [entry.id for entry in report.left_out()] == ["ES-1\t"]

    def test_a_request_received_after_the_release(self) -> None:
        """Left out as outside the period, and flagged: the date is likely a mistake."""
        report = build_report([make_request("R1", received=date(2022, 1, 3))], YEAR)

        assert report.findings == (
            Finding(
                "R1", "received", "received 2022-01-03, after the report's release on 2021-06-01"
            ),
        )
        assert [entry.id for entry in report.left_out()] == ["R1"]

    def test_findings_are_internal(self) -> None:
        """In the explain view, never in a published report."""
        report = build_report([make_request("R2", amends="R1")], YEAR)

        assert "which is not in the ledger" not in TextRenderer()(report)
        assert "Finding: R2, amends: amends 'R1', which is not in the ledger" in ExplainRenderer()(
            report
        )

    def test_the_reference_ledger_has_no_findings(self) -> None:
        """Every amendment in it amends a request that is there."""
        assert reference_report().findings == ()
