"""The explain view: every figure with the requests behind it, for the team."""

from __future__ import annotations

import pytest

from builders import make_request
from transparency_core import (
    ExplainRenderer,
    ReportingPeriod,
    Subtotals,
    build_report,
    reference_ledger,
    reference_period,
    reference_report,
)
from transparency_core.exceptions import NoProvenanceError

YEAR = ReportingPeriod.calendar_year(2020)


class TestExplain:
    """One line per figure, named by country, table and column."""

    def test_a_row_of_shares_is_named_as_such(self) -> None:
        """Table 4's shares: part, whole, rounded share and the part's ids."""
        lines = ExplainRenderer()(reference_report()).splitlines()
        [share] = [
            line
            for line in lines
            if line.startswith("China, Government Requests by Legal Process Type, Other Court")
            and "percentage of total" in line
        ]

        assert share.startswith(
            "China, Government Requests by Legal Process Type, Other Court Orders, "
            "percentage of total: 1 of 17 -> 6%: "
        )

    def test_the_cross_border_requests_with_their_ids(self) -> None:
        """The total, then the ids behind it."""
        report = build_report([make_request("R1", data_country="IE")], YEAR)

        assert "Cross-border requests: 1: R1" in ExplainRenderer()(report).splitlines()

    def test_a_report_without_provenance_cannot_be_explained(self) -> None:
        """A NoProvenanceError (a ValueError) that says why."""
        subtotals = Subtotals.of(reference_ledger(), reference_period(), provenance=False)

        with pytest.raises(NoProvenanceError) as caught:
            ExplainRenderer()(subtotals.report())

        assert str(caught.value) == (
            "cannot explain a report counted without provenance: it carries no ids"
        )
