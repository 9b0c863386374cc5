"""Breakdowns across categories: outcomes, notification, basis, challenges."""

from __future__ import annotations

from datetime import date

from hypothesis import given

from builders import CONTENT, NO_DATA, PENDING, PROVIDED, REJECTED, make_request
from strategies import ledgers
from transparency_core import (
    BASIS,
    CHALLENGES,
    NOTIFICATION,
    OUTCOMES,
    SHIPPED_BREAKDOWNS,
    Figure,
    Notification,
    Outcome,
    Percentage,
    ReportingPeriod,
    Request,
    Response,
    RoundingPolicy,
    RowKind,
    build_report,
)

YEAR = ReportingPeriod.calendar_year(2020)


class TestOutcomes:
    """Microsoft's exclusive outcomes, and pending, with their shares."""

    def test_every_request_falls_in_exactly_one_outcome(self) -> None:
        """Content, non-content only, no data, rejected, pending: one each."""
        requests = [
            make_request(f"R{n}", response=response)
            for n, response in enumerate([CONTENT, PROVIDED, NO_DATA, REJECTED, PENDING])
        ]

        table = build_report(requests, YEAR, breakdowns=[OUTCOMES]).table("outcomes")

        counts = table.rows[0].cells
        assert [cell.value for cell in counts] == [1, 1, 1, 1, 1]
        assert [row.kind for row in table.rows] == [RowKind.COUNTS, RowKind.SHARES]

    @given(ledgers())
    def test_apportioned_outcome_shares_sum_to_100_in_every_country(
        self, ledger: list[Request]
    ) -> None:
        """Largest remainder, for any ledger."""
        report = build_report(
            ledger, YEAR, breakdowns=[OUTCOMES], rounding=RoundingPolicy(apportion=True)
        )

        for row in report.table("outcomes").rows:
            if row.kind is RowKind.SHARES:
                assert sum(cell.value for cell in row.cells if cell.value is not None) == 100

    def test_shares_are_of_the_countrys_requests(self) -> None:
        """Two of three requests provided content: 67%, 33% for rejected."""
        requests = [
            make_request("A", response=CONTENT),
            make_request("B", response=CONTENT),
            make_request("C", response=REJECTED),
        ]

        table = build_report(requests, YEAR, breakdowns=[OUTCOMES]).table("outcomes")

        content = table.cell("ES", "content", RowKind.SHARES)
        assert isinstance(content, Percentage)
        assert (content.part, content.whole.value, str(content.value)) == (
            Figure(2, ("A", "B")),
            3,
            "67",
        )


class TestNotificationBasisAndChallenges:
    """Notices, emergencies against legal process, and pushback."""

    def test_notification_counts_every_notice_and_none(self) -> None:
        """A request without a notice recorded is counted as such, not dropped."""
        requests = [
            make_request(
                "A", response=Response(Outcome.REJECTED, notified=Notification.PROHIBITED)
            ),
            make_request("B", response=REJECTED),
        ]

        table = build_report(requests, YEAR, breakdowns=[NOTIFICATION]).table("notification")

        assert table.cell("ES", "prohibited") == Figure(1, ("A",))
        assert table.cell("ES", "not_recorded") == Figure(1, ("B",))

    def test_emergency_requests_are_counted_apart_from_legal_process(self) -> None:
        """An emergency on legal process counts as emergency, once."""
        requests = [
            make_request("E", emergency=True, legal_process="investigation_order"),
            make_request("L", legal_process="other_court_order"),
            make_request("O"),
        ]

        table = build_report(requests, YEAR, breakdowns=[BASIS]).table("basis")

        assert [table.cell("ES", key) for key in ("emergency", "legal_process", "other")] == [
            Figure(1, ("E",)),
            Figure(1, ("L",)),
            Figure(1, ("O",)),
        ]

    def test_challenged_in_part_or_rejected(self) -> None:
        """Apple's column: challenged (even if provided) or rejected."""
        requests = [
            make_request("C", response=Response(Outcome.PROVIDED, PROVIDED.data, challenged=True)),
            make_request("R", response=Response(Outcome.REJECTED)),
            make_request("P", response=PROVIDED),
            make_request("Q", response=PROVIDED),
        ]

        table = build_report(requests, YEAR, breakdowns=[CHALLENGES]).table("challenges")

        assert table.cell("ES", "challenged_or_rejected") == Figure(2, ("C", "R"))
        percent = table.cell("ES", "percent_challenged_or_rejected")
        assert isinstance(percent, Percentage)
        assert str(percent.value) == "50"

    def test_breakdowns_follow_the_seeds_tables_and_count_only_counted_requests(self) -> None:
        """Out-of-period requests are in no breakdown."""
        requests = [make_request("A"), make_request("old", received=date(2019, 5, 1))]

        report = build_report(requests, YEAR, breakdowns=SHIPPED_BREAKDOWNS)

        assert [table.key for table in report.tables][4:] == [
            "outcomes",
            "notification",
            "basis",
            "challenges",
        ]
        assert report.table("outcomes").cell("ES", "non_content_only") == Figure(1, ("A",))
