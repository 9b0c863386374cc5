"""Period over period: two reports side by side, with the change of every figure."""

from __future__ import annotations

import itertools
from datetime import date
from decimal import Decimal

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from builders import NO_DATA, make_record, make_request
from strategies import ledgers
from transparency_core import (
    DEFAULT_CATEGORIES,
    OUTCOMES,
    Every,
    Figure,
    MarkdownRenderer,
    Percentage,
    Report,
    ReportingPeriod,
    Request,
    RoundingPolicy,
    Row,
    RowKind,
    SubjectCounting,
    TextRenderer,
    ZeroDenominator,
    build_report,
    build_series,
    compare,
    default_categories,
    reference_ledger,
    reference_period,
    reference_report,
    structure_ledger,
)
from transparency_core._render._format import Formatter
from transparency_core.exceptions import FieldError
from transparency_core.predicates import is_cross_border

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


def _preservations() -> tuple[Request, ...]:
    """Germany: two device requests, and three account preservations (an action)."""
    records = [
        make_record(f"D-{n}", country="DE", legal_process="investigation_order") for n in range(2)
    ] + [
        make_record(
            f"P-{n}",
            country="DE",
            category="account_preservation",
            identifiers=[{"type": "account_id", "value": f"acct-{n}"}],
            response={"outcome": "no_data", "action": "preserved"},
            legal_process="other_court_order",
        )
        for n in range(3)
    ]
    return structure_ledger(records)


class TestCountedByOtherSettings:
    """Each setting that changes what a figure counts makes it not comparable, and says so."""

    def test_subjects_counted_by_another_policy(self) -> None:
        """Distinct devices against every identifier: no change, and the policy named."""
        ledger, period = reference_ledger(), reference_period()
        distinct = build_report(ledger, period)
        every = build_report(ledger, period, subjects=SubjectCounting.IDENTIFIERS)
        comparison = compare(distinct, every)
        subjects = comparison.change("device", "CN", "subjects")
        assert subjects.before.value != subjects.after.value  # type: ignore[union-attr]
        assert subjects.difference is None
        assert subjects.reason is not None
        assert "(subjects)" in subjects.reason
        assert "distinct devices or accounts against every identifier" in subjects.reason
        # the requests are counted alike under either policy
        assert comparison.change("device", "CN", "requests").difference == 0

    def test_a_total_row_in_one_report_only(self) -> None:
        """An absent total row is not a total of zero."""
        ledger, period = reference_ledger(), reference_period()
        comparison = compare(
            build_report(ledger, period), build_report(ledger, period, totals=True)
        )
        total = [change for change in comparison.changes if not change.country]
        assert total
        assert {(c.difference, c.reason) for c in total} == {
            (None, "one report has no total row (totals)")
        }
        assert all(c.difference == 0 for c in comparison.changes if c.country)

    def test_other_categories_in_the_tables_across_them(self) -> None:
        """Table 4 of one category is not Table 4 of three; the category's own table is."""
        ledger, period = reference_ledger(), reference_period()
        three = build_report(ledger, period)
        one = build_report(ledger, period, categories=DEFAULT_CATEGORIES[:1])
        comparison = compare(three, one)
        across = [c for c in comparison.changes if c.table == "legal_process"]
        assert across
        names = [category.name for category in DEFAULT_CATEGORIES]
        assert {c.reason for c in across} == {
            f"the report of {period} counts other categories: {names[0]} "
            f"against {', '.join(names)} (categories)"
        }
        assert {c.difference for c in across} == {None}
        own = [c for c in comparison.changes if c.table == names[0]]
        assert own
        assert {(c.difference, c.reason) for c in own} == {(0, None)}

    def test_actions_in_the_totals_of_one_report_only(self) -> None:
        """Preservations in Table 4 and the breakdowns of one report are not new requests."""
        ledger, period = _preservations(), ReportingPeriod.calendar_year(2020)
        categories = [default_categories()[name] for name in ("device", "account_preservation")]
        kept_out, counted_in = (
            build_report(
                ledger, period, categories=categories, breakdowns=[OUTCOMES], actions_in_totals=flag
            )
            for flag in (False, True)
        )
        comparison = compare(kept_out, counted_in)
        for table, column in (("legal_process", "other_court_order"), ("outcomes", "no_data")):
            change = comparison.change(table, "DE", column)
            before, after = (
                cell.value if isinstance(cell, Figure) else 0 for cell in change.values
            )
            assert after > before  # the preservations are in the second only
            assert change.difference is None
            assert change.reason == (
                "account_preservation requests are in the totals of one report only "
                "(actions_in_totals)"
            )
        assert comparison.change("account_preservation", "DE", "requests").difference == 0

    def test_a_breakdown_of_one_key_that_counts_other_requests(self) -> None:
        """The outcomes of the cross-border requests are not the outcomes of every request."""
        ledger, period = reference_ledger(), reference_period()
        narrower = attrs.evolve(OUTCOMES, where=is_cross_border)
        every, cross = (
            build_report(ledger, period, breakdowns=[breakdown])
            for breakdown in (OUTCOMES, narrower)
        )
        changes = compare(every, cross).changes
        outcomes = [c for c in changes if c.table == OUTCOMES.key]
        assert outcomes
        assert {(c.difference, c.reason) for c in outcomes} == {
            (
                None,
                f"breakdown {OUTCOMES.key!r} counts other requests in the two reports (breakdowns)",
            )
        }
        assert {c.difference for c in changes if c.table != OUTCOMES.key} == {0}

    @pytest.mark.parametrize(
        ("policy", "reason"),
        [
            (
                RoundingPolicy(zero_denominator=ZeroDenominator.ZERO),
                "a percentage of no requests is shown differently "
                "(zero_denominator blank against zero)",
            ),
            (
                RoundingPolicy(apportion=True),
                "the shares of one report only are apportioned to add up to 100 (apportion)",
            ),
        ],
    )
    def test_a_rounding_setting_that_differs_is_named(
        self, policy: RoundingPolicy, reason: str
    ) -> None:
        """Only the percentages it can change are not comparable, and it is named."""
        ledger, period = reference_ledger(), reference_period()
        plain, other = build_report(ledger, period), build_report(ledger, period, rounding=policy)
        # a row of percentages of nothing, as no ledger gives one (a row has requests)
        nothing = Percentage(Figure(0), Figure(0), None)
        plain, other = (
            attrs.evolve(
                report,
                tables=tuple(
                    attrs.evolve(
                        table,
                        rows=(
                            *table.rows,
                            Row("ZZ", (nothing,) * len(table.columns), RowKind.SHARES),
                        ),
                    )
                    if table.key == "legal_process"
                    else table
                    for table in report.tables
                ),
            )
            for report in (plain, other)
        )
        changes = compare(plain, other).changes
        named = [c for c in changes if c.reason]
        assert named
        assert {c.reason for c in named} == {reason}
        assert {c.difference for c in named} == {None}
        assert all(
            c.kind is RowKind.SHARES if policy.apportion else c.country == "ZZ" for c in named
        )
        assert all(c.difference == 0 for c in changes if not c.reason)

    @pytest.mark.parametrize("other", ["x", None, 2020])
    def test_a_report_that_is_not_one(self, other: object) -> None:
        """Anything but a report is a FieldError naming the argument and what it got."""
        with pytest.raises(FieldError) as raised:
            compare(reference_report(), other)  # type: ignore[arg-type]
        assert raised.value.path == "reports[1]"
        assert raised.value.got == type(other).__name__

    def test_reports_of_one_period_have_headings_apart(self) -> None:
        """Two reports of 2020 are headed "2020 (1)" and "2020 (2)", not twice the same."""
        ledger, period = reference_ledger(), reference_period()
        comparison = compare(
            build_report(ledger, period), build_report(ledger, period, totals=True)
        )
        heading = Formatter("en").period(period)
        header = next(
            line
            for line in MarkdownRenderer().comparison(comparison).splitlines()
            if line.startswith("| Country |")
        )
        assert f"| {heading} (1) | {heading} (2) |" in header
        assert f"| {heading} |" not in header
