"""Period over period: two reports side by side, with the change of every figure."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from builders import NO_DATA, make_request
from transparency_core import (
    MarkdownRenderer,
    Percentage,
    Report,
    ReportingPeriod,
    TextRenderer,
    build_report,
    compare,
    reference_report,
)

Y2019 = ReportingPeriod.calendar_year(2019)
Y2020 = ReportingPeriod.calendar_year(2020)


def two_years() -> tuple[Report, Report]:
    """2019: Spain 2 requests, 1 provided; 2020: Spain 4, 3 provided, and Sweden 1."""
    before = build_report(
        [
            make_request("A", received=date(2019, 3, 1)),
            make_request("B", received=date(2019, 3, 1), response=NO_DATA),
        ],
        Y2019,
    )
    after = build_report(
        [
            *(make_request(f"C{n}", received=date(2020, 3, 1)) for n in range(3)),
            make_request("D", received=date(2020, 3, 1), response=NO_DATA),
            make_request("S", country="SE", received=date(2020, 3, 1)),
        ],
        Y2020,
    )
    return before, after


class TestCompare:
    """Every figure of either report is matched, and its change computed."""

    def test_a_report_against_itself_changes_nothing(self) -> None:
        """Zero for every count, zero points for every percentage."""
        report = reference_report()

        changes = compare(report, report).changes

        assert {change.difference for change in changes} == {0}
        assert len(changes) == sum(len(row.cells) for table in report.tables for row in table.rows)

    def test_counts_change_by_their_difference(self) -> None:
        """Spain: 2 requests, then 4."""
        before, after = two_years()

        change = compare(before, after).change("device", "ES", "requests")

        assert change.difference == 2
        assert (change.before, change.after) == (
            before.table("device").cell("ES", "requests"),
            after.table("device").cell("ES", "requests"),
        )

    def test_percentages_change_in_points(self) -> None:
        """Spain: 50% then 75%, 25 points."""
        before, after = two_years()

        change = compare(before, after).change("device", "ES", "percent_provided")

        assert isinstance(change.after, Percentage)
        assert change.difference == Decimal(25)

    def test_a_country_in_one_report_only_counts_zero_in_the_other(self) -> None:
        """Sweden appears in 2020: 1 more request than none; its percentage has no change."""
        before, after = two_years()
        comparison = compare(before, after)

        assert comparison.change("device", "SE", "requests").difference == 1
        assert comparison.change("device", "SE", "percent_provided").difference is None

    def test_renderers_show_both_periods_and_the_change(self) -> None:
        """One row per figure: before, after, signed change."""
        before, after = two_years()
        comparison = compare(before, after)

        markdown = MarkdownRenderer().comparison(comparison)
        text = TextRenderer().comparison(comparison)

        assert "| Spain | Number of Device-based Requests | 2 | 4 | +2 |" in markdown
        percent_row = next(line for line in markdown.splitlines() if "| Spain | Perc" in line)
        assert percent_row.endswith("Where Data Was Provided | 50% | 75% | +25 pp |")
        assert "| Sweden | Number of Device-based Requests |  | 1 | +1 |" in markdown
        assert "compared with" in text

    def test_rows_are_in_the_readers_order(self) -> None:
        """In German, Chinese and Arabic a comparison's rows follow the report's own order."""
        report = reference_report()
        comparison = compare(report, report)

        for locale in ("de_DE", "zh_Hans_CN", "ar"):
            renderer = MarkdownRenderer(locale=locale)
            changes = renderer.comparison(comparison).split("\n\n")[3].splitlines()[2:]
            table = renderer.table(report.table("device")).splitlines()[2:]
            countries = [line.split(" | ")[0] for line in changes]
            assert list(dict.fromkeys(countries)) == [line.split(" | ")[0] for line in table]
            assert len(countries) == 4 * len(table)
