"""Period over period: two reports side by side, with the change of every figure."""

from __future__ import annotations

import itertools
from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from builders import NO_DATA, make_request
from strategies import ledgers
from transparency_core import (
    OUTCOMES,
    Every,
    MarkdownRenderer,
    Percentage,
    Report,
    ReportingPeriod,
    Request,
    RoundingPolicy,
    TextRenderer,
    build_report,
    build_series,
    compare,
    reference_ledger,
    reference_period,
    reference_report,
)
from transparency_core.exceptions import FieldError

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


class TestManyPeriods:
    """Any number of reports: each figure in each, its steps and its whole change."""

    @settings(max_examples=25)  # a series, then a comparison of each step alone
    @given(ledgers(), st.sampled_from(Every))
    def test_steps_are_the_changes_of_each_pair(self, ledger: list[Request], every: Every) -> None:
        """Each step is the change of that pair alone; the whole, of the first and last."""
        reports = build_series(ledger, every, start=date(2019, 12, 1)).reports
        if len(reports) < 2:
            return
        comparison = compare(*reports)
        assert comparison.reports == reports
        pairs = [compare(old, new) for old, new in itertools.pairwise(reports)]
        ends = compare(reports[0], reports[-1])
        for change in comparison.changes:
            key = (change.table, change.country, change.column, change.kind)
            assert len(change.values) == len(reports)
            for pair, step in zip(pairs, change.steps, strict=True):
                found = [c for c in pair.changes if (c.table, c.country, c.column, c.kind) == key]
                assert [c.difference for c in found] == ([step] if found else [])
            if change.before is None and change.after is None:
                continue  # in a report between only
            assert change.difference == ends.change(*key).difference

    def test_three_years(self) -> None:
        """Spain: 2 requests, then 4, then none listed: steps +2 and -4, -2 in all."""
        before, after = two_years()
        later = build_report(
            [make_request("S2", country="SE", received=date(2021, 3, 1))],
            ReportingPeriod.calendar_year(2021),
        )
        change = compare(before, after, later).change("device", "ES", "requests")
        assert [cell.value for cell in change.cells] == [2, 4]
        assert change.values[2] is None
        assert (change.steps, change.difference) == ((2, -4), -2)
        text = MarkdownRenderer().comparison(compare(before, after, later))
        assert "| Spain | Number of Device-based Requests | 2 | 4 |  | -2 |" in text

    def test_one_report_is_no_comparison(self) -> None:
        """Comparing needs two reports at least."""
        with pytest.raises(FieldError) as raised:
            compare(reference_report())
        assert str(raised.value) == "reports: expected two reports or more, got 1"


class TestCountedDifferently:
    """Reports counted differently say so, instead of showing a false change."""

    def test_percentages_rounded_by_another_policy(self) -> None:
        """79% against 79.17% is no rise of 0.17 points; the counts still compare."""
        ledger, period = reference_ledger(), reference_period()
        whole = build_report(ledger, period)
        finer = build_report(ledger, period, rounding=RoundingPolicy(places=2))
        comparison = compare(whole, finer)
        change = comparison.change("device", "IN", "percent_provided")
        assert isinstance(change.after, Percentage)
        assert change.after.value != change.before.value  # type: ignore[union-attr]
        assert change.difference is None
        assert change.reason == (
            "percentages are rounded differently (0 places, half_up against 2 places, half_up)"
        )
        assert comparison.change("device", "IN", "requests").difference == 0
        text = TextRenderer().comparison(comparison)
        assert "not comparable" in text
        assert f"Not comparable: {change.reason}." in " ".join(text.split())

    def test_a_table_one_report_does_not_count(self) -> None:
        """A breakdown in one report only is not counted zero in the other."""
        ledger, period = reference_ledger(), reference_period()
        plain = build_report(ledger, period)
        broken_down = build_report(ledger, period, breakdowns=[OUTCOMES])
        changes = [c for c in compare(plain, broken_down).changes if c.table == "outcomes"]
        assert changes
        assert {(c.difference, c.reason) for c in changes} == {
            (None, "the report of 2020-01-01/2020-12-31 has no table 'outcomes'")
        }

    def test_totals_are_compared(self) -> None:
        """The total row is compared too, after the countries."""
        with_totals = [
            build_report(
                [make_request(f"T{n}", received=date(year, 3, 1)) for n in range(count)],
                ReportingPeriod.calendar_year(year),
                totals=True,
            )
            for year, count in ((2019, 2), (2020, 5))
        ]
        change = compare(*with_totals).change("device", "", "requests")
        assert change.difference == 3
        assert "| All countries | Number of Device-based Requests | 2 | 5 | +3 |" in (
            MarkdownRenderer().comparison(compare(*with_totals))
        )
