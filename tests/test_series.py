"""Series: a ledger counted for every period of a calendar at once, as each period alone."""

from __future__ import annotations

import calendar
import xml.etree.ElementTree as ET
from datetime import date
from typing import TYPE_CHECKING

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from strategies import ledgers
from transparency_core import (
    Banding,
    Every,
    HtmlRenderer,
    MarkdownRenderer,
    ReportingPeriod,
    Request,
    Suppression,
    SvgRenderer,
    Tally,
    TextRenderer,
    build_report,
    build_series,
    reference_ledger,
)
from transparency_core.exceptions import FieldError, UnknownNameError

if TYPE_CHECKING:
    from transparency_core._disclosure import Disclosure

DISCLOSURES = st.sampled_from([None, Suppression(3), Banding(100)])
EDGES = st.none() | st.dates(date(2019, 10, 1), date(2021, 3, 31))


def _periods(every: Every, first: date, last: date) -> list[tuple[str, ReportingPeriod]]:
    """The calendar's periods, worked out from the months, independently of Every."""
    months = {Every.YEAR: 12, Every.HALF_YEAR: 6, Every.QUARTER: 3}[every]
    found = []
    year, month = first.year, (first.month - 1) // months * months + 1
    while year <= date.max.year and date(year, month, 1) <= last:
        final = month + months - 1
        end = date(year, final, calendar.monthrange(year, final)[1])
        index = (month - 1) // months + 1
        mark = {Every.YEAR: "", Every.HALF_YEAR: f"-H{index}", Every.QUARTER: f"-Q{index}"}
        found.append((f"{year:04d}{mark[every]}", ReportingPeriod(date(year, month, 1), end)))
        year, month = (year + 1, 1) if final == 12 else (year, final + 1)
    return found


class TestEvery:
    """The calendar: periods of one length, aligned on the year."""

    def test_parse(self) -> None:
        """Every names its lengths as the command line does, and refuses another."""
        assert [Every.parse(name) for name in ("year", "half-year", "quarter")] == list(Every)
        with pytest.raises(FieldError) as raised:
            Every.parse("month")
        assert str(raised.value) == "every: expected one of year, half-year, quarter, got 'month'"

    @given(st.sampled_from(Every), st.dates())
    @example(Every.YEAR, date.max)
    @example(Every.HALF_YEAR, date.max)
    @example(Every.QUARTER, date.max)
    @example(Every.QUARTER, date.min)
    def test_period_of_holds_the_day(self, every: Every, day: date) -> None:
        """A day falls in the period the calendar gives it, which is one of the calendar's."""
        label, period = every.period_of(day)
        assert day in period
        assert _periods(every, day, day) == [(label, period)]

    @given(
        st.sampled_from(Every),
        st.dates(date(2000, 1, 1), date(2030, 12, 31)),
        st.integers(0, 2000),
    )
    def test_between_has_no_gaps(self, every: Every, first: date, days: int) -> None:
        """The periods between two days follow one another, from the first to the last."""
        last = date.fromordinal(first.toordinal() + days)
        found = every.between(first, last)
        assert list(found) == _periods(every, first, last)

    def test_between_backwards(self) -> None:
        """A last day before the first is an error naming both."""
        with pytest.raises(FieldError) as raised:
            Every.YEAR.between(date(2021, 1, 1), date(2020, 1, 1))
        assert str(raised.value) == "to: expected a date on or after 2021-01-01, got '2020-01-01'"


class TestBuildSeries:
    """A ledger counted for every period at once."""

    @settings(max_examples=50)  # each example counts every period twice, with a policy
    @given(ledgers(), st.sampled_from(Every), EDGES, EDGES, DISCLOSURES)
    def test_each_period_as_alone(
        self,
        ledger: list[Request],
        every: Every,
        start: date | None,
        end: date | None,
        disclosure: Disclosure | None,
    ) -> None:
        """Every period's report is the report of that period alone; nothing is lost."""
        if start is not None and end is not None and end < start:
            start, end = end, start
        series = build_series(ledger, every, start=start, end=end, disclosure=disclosure)
        days = [request.received for request in ledger]
        # A request outside a given first (last) day is left out in the first (last) period.
        first = start or (min([*days, end]) if end and days else min(days, default=None))
        last = end or (max([*days, start]) if start and days else max(days, default=None))
        expected = [] if first is None or last is None else _periods(every, first, last)
        assert list(series.labels) == [label for label, _ in expected]
        seen: list[str] = []
        for (label, period), (got_label, report) in zip(expected, series, strict=True):
            alone = build_report(ledger, period, disclosure=disclosure)
            assert (got_label, report.period) == (label, period)
            assert report.tables == alone.tables
            assert report.cross_border == alone.cross_border
            assert report.summary.counted == alone.summary.counted
            counted = [entry for entry in alone.entries if entry.disposition.value == "counted"]
            assert [e for e in report.entries if e.disposition.value == "counted"] == counted
            seen.extend(entry.id for entry in report.entries)
        assert sorted(seen) == sorted({request.id for request in ledger})

    @given(ledgers(), st.sampled_from(Every))
    def test_findings_are_the_ledgers(self, ledger: list[Request], every: Every) -> None:
        """The findings of the periods together are the ledger's, each in its request's period."""
        series = build_series(ledger, every)
        whole = build_report(ledger, ReportingPeriod(date(1, 1, 1), date(9999, 12, 31)))
        found = [finding for report in series.reports for finding in report.findings]
        assert sorted(found, key=repr) == sorted(whole.findings, key=repr)

    def test_tally_and_records_agree(self) -> None:
        """A tally counts as its records do."""
        ledger = reference_ledger()
        assert build_series(Tally.of(ledger), "year") == build_series(ledger, "year")

    def test_left_out_at_the_ends(self) -> None:
        """With first and last days, a request outside is left out, in the first or last report."""
        series = build_series(
            reference_ledger(), Every.HALF_YEAR, start=date(2020, 1, 1), end=date(2020, 12, 31)
        )
        assert series.labels == ("2020-H1", "2020-H2")
        reasons = [
            (label, entry.id, entry.reason)
            for label, report in series
            for entry in report.left_out()
        ]
        whole = build_report(reference_ledger(), ReportingPeriod.calendar_year(2020))
        assert sorted(request_id for _, request_id, _ in reasons) == sorted(
            entry.id for entry in whole.left_out()
        )
        assert all(("before" in reason) == (label == "2020-H1") for label, _, reason in reasons)

    def test_unknown_period(self) -> None:
        """Asking for a period the series does not have names it."""
        series = build_series(reference_ledger(), "year")
        with pytest.raises(UnknownNameError) as raised:
            series["2020-H1"]
        assert str(raised.value) == "the series has no period '2020-H1'"

    def test_empty(self) -> None:
        """No record and no range: no period; a range: its periods, with no request."""
        assert len(build_series([], "year")) == 0
        series = build_series([], "quarter", start=date(2020, 2, 1), end=date(2020, 5, 1))
        assert series.labels == ("2020-Q1", "2020-Q2")
        assert [report.summary.requests for report in series.reports] == [0, 0]


class TestRendered:
    """A series in every format: a column per period, each period's figures as published."""

    def test_markdown_rows_are_each_periods_cells(self) -> None:
        """India's devices in each half-year, as each period's report has them."""
        series = build_series(reference_ledger(), "half-year")
        cells = []
        for report in series.reports:
            try:
                cells.append(str(report.table("device").cell("IN", "requests").value))
            except UnknownNameError:
                cells.append("")
        row = f"| India | Number of Device-based Requests | {' | '.join(cells)} |"
        markdown = MarkdownRenderer().series(series)
        assert row in markdown
        assert "| Country | Figure | 2019-H2 | 2020-H1 | 2020-H2 | 2021-H1 |" in markdown

    def test_withheld_figures_stay_withheld(self) -> None:
        """Under suppression, no chart bar or cell gives a suppressed count away."""
        series = build_series(reference_ledger(), "year", disclosure=Suppression(10))
        svg = SvgRenderer().series(series)
        root = ET.fromstring(svg)  # noqa: S314 -- our own output
        bars = [
            (rect.get("aria-label") or "", rect.get("width"))
            for rect in root.iter("{http://www.w3.org/2000/svg}rect")
            if rect.get("aria-label")
        ]
        # 3 tables, 3 years: a country under 10 in each, or no request at all.
        assert len(bars) == 3 * 3
        assert all(label.endswith((" withheld", " 0")) for label, _ in bars)
        assert {width for _, width in bars} == {"0"}
        text = TextRenderer().series(series)
        assert "< 10" in text

    def test_html_page_has_a_chart_per_table(self) -> None:
        """The page has each table, and the chart over time of each category's table."""
        series = build_series(reference_ledger(), "half-year", totals=True)
        page = HtmlRenderer().series(series)
        assert page.startswith("<!DOCTYPE html>")
        assert page.count('class="tr-chart"') == 3
        assert '<th scope="row">All countries</th>' in page
        fragment = HtmlRenderer(fragment=True).series(series)
        assert 'class="tr-chart"' not in fragment
