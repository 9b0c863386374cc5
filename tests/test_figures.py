"""Figures out: every published figure in a long form, as dicts and as a DataFrame."""

from __future__ import annotations

import subprocess
import sys
from decimal import Decimal

import pandas as pd
import pytest

from transparency_core import (
    Band,
    Banding,
    Figure,
    Percentage,
    ReportingPeriod,
    Suppressed,
    Suppression,
    Withheld,
    build_report,
    compare,
    reference_ledger,
    reference_period,
    reference_report,
)
from transparency_core._compare import COMPARISON_KEYS
from transparency_core._figures import FIGURE_KEYS
from transparency_core.exceptions import MissingExtraError


def _cells(report: object) -> list[tuple[str, str, str, str, object]]:
    """Every cell of a report's tables, walked from its objects, with its keys."""
    return [
        (table.key, row.country, row.kind.value, column.key, cell)
        for table in report.tables  # type: ignore[attr-defined]
        for row in table.rows
        for column, cell in zip(table.columns, row.cells, strict=True)
    ]


class TestFigures:
    """``Report.figures()``: one dict per cell, the same keys, what is published only."""

    def test_one_record_per_cell_in_the_reports_order(self) -> None:
        """The tables' cells, then the cross-border figures, each with every key."""
        report = reference_report()
        figures = report.figures()
        cells = _cells(report)
        by_country = report.cross_border.by_country

        assert len(figures) == len(cells) + len(by_country) + 1
        assert all(tuple(figure) == FIGURE_KEYS for figure in figures)
        assert [
            (f["table"], f["country"], f["row"], f["column"], f["value"])
            for f in figures[: len(cells)]
        ] == [(t, c, r, k, cell.value) for t, c, r, k, cell in cells]  # type: ignore[attr-defined]
        assert figures[-1]["table"] == "cross_border"
        assert (figures[-1]["country"], figures[-1]["value"]) == (
            None,
            report.cross_border.total.value,
        )

    def test_exact_figures_say_so(self) -> None:
        """Without a disclosure policy every figure is exact, or a blank percentage."""
        report = reference_report()

        assert {figure["shown"] for figure in report.figures()} <= {"exact", "blank"}

    def test_banded_figures_show_their_band_and_no_count(self) -> None:
        """A banded figure has no value, only its band; the band holds the exact count."""
        report = build_report(reference_ledger(), reference_period(), disclosure=Banding(100))
        figures = report.figures()
        cells = _cells(report)

        for figure, (*_, cell) in zip(figures, cells, strict=False):
            if isinstance(cell, Figure) and isinstance(cell.shown, Band):
                assert figure["value"] is None
                assert figure["shown"] == "banded"
                assert figure["band_low"] <= cell.value <= figure["band_high"]  # type: ignore[operator]
            elif isinstance(cell, Percentage) and cell.withheld:
                assert (figure["value"], figure["shown"]) == (None, "withheld")

    def test_suppressed_and_withheld_figures_show_nothing_more(self) -> None:
        """Suppressed: the threshold; withheld: nothing, not even a range."""
        report = build_report(reference_ledger(), reference_period(), disclosure=Suppression(10))
        pairs = list(zip(report.figures(), _cells(report), strict=False))
        suppressed = [
            f for f, (*_, c) in pairs if isinstance(getattr(c, "shown", None), Suppressed)
        ]
        withheld = [f for f, (*_, c) in pairs if isinstance(getattr(c, "shown", None), Withheld)]

        assert suppressed
        assert withheld
        assert all(f["value"] is None and f["suppressed_below"] == 10 for f in suppressed)
        assert all(
            (f["value"], f["band_low"], f["band_high"], f["suppressed_below"])
            == (None, None, None, None)
            for f in withheld
        )

    def test_no_request_id_or_identifier_value_in_any_figure(self) -> None:
        """The long form is published: ids and identifiers stay out of it."""
        report = reference_report()
        text = repr(report.figures())
        ids = {request.id for request in reference_ledger()}
        values = {i.value for request in reference_ledger() for i in request.identifiers}

        assert report.provenance
        assert [found for found in ids | values if f"'{found}'" in text] == []

    def test_a_tables_figures_are_the_reports(self) -> None:
        """``Table.figures()`` is the report's figures of that table."""
        report = reference_report()

        assert report.table("account").figures() == [
            figure for figure in report.figures() if figure["table"] == "account"
        ]


class TestToPandas:
    """``to_pandas()``: a DataFrame of the figures, pandas imported only then."""

    def test_a_data_frame_of_the_figures(self) -> None:
        """A column per key, a row per figure, the values exact."""
        report = reference_report()
        frame = report.to_pandas()

        assert isinstance(frame, pd.DataFrame)
        assert tuple(frame.columns) == FIGURE_KEYS
        assert frame.to_dict("records") == report.figures()
        percent = frame[(frame.table == "device") & (frame.column == "percent_provided")]
        assert all(isinstance(value, Decimal) for value in percent.value)

    def test_without_pandas_a_clear_error(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """The error names the package and the extra that installs it."""
        monkeypatch.setitem(sys.modules, "pandas", None)

        with pytest.raises(MissingExtraError) as caught:
            reference_report().to_pandas()

        assert str(caught.value) == (
            'this needs pandas, which is not installed: pip install "transparency-core[pandas]"'
        )
        assert isinstance(caught.value, ImportError)

    def test_the_core_does_not_import_pandas(self) -> None:
        """Importing the package and building a report leaves pandas unimported."""
        code = (
            "import sys, transparency_core as tc; tc.reference_report().figures(); "
            "print('pandas' in sys.modules)"
        )
        result = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True
        )

        assert result.stdout == "False\n"


class TestComparison:
    """A comparison's figures, DataFrame, and Jupyter views."""

    def test_figures_of_two_periods(self) -> None:
        """Before, after and the change of each figure, as published."""
        ledger = reference_ledger()
        half = build_report(ledger, ReportingPeriod.parse("2020-H1"))
        year = build_report(ledger, ReportingPeriod.parse("2020"))
        comparison = compare(half, year)
        figures = comparison.figures()

        assert len(figures) == len(comparison.changes)
        assert all(tuple(figure) == COMPARISON_KEYS for figure in figures)
        for figure, change in zip(figures, comparison.changes, strict=True):
            assert figure["difference"] == change.difference
            assert figure["after"] == (None if change.after is None else change.after.value)

    def test_a_withheld_side_has_no_value(self) -> None:
        """Under suppression, a suppressed figure's side is ``None`` and says why."""
        ledger, period = reference_ledger(), reference_period()
        comparison = compare(
            build_report(ledger, period), build_report(ledger, period, disclosure=Suppression(10))
        )
        suppressed = [f for f in comparison.figures() if f["after_shown"] == "suppressed"]

        assert suppressed
        assert all(f["after"] is None and f["difference"] is None for f in suppressed)

    def test_to_pandas_and_views(self) -> None:
        """A DataFrame, an HTML fragment and Markdown, and a short repr."""
        report = reference_report()
        comparison = compare(report, report)

        assert tuple(comparison.to_pandas().columns) == COMPARISON_KEYS
        assert comparison._repr_html_().startswith('<article class="transparency-report"')
        assert comparison._repr_markdown_().startswith("# ")
        assert len(repr(comparison)) < 120


class TestShortReprs:
    """Plain reprs of reports and tables are short, with no function addresses."""

    @pytest.mark.parametrize("which", ["report", "table"])
    def test_short_and_stable(self, which: str) -> None:
        """Under 200 characters, no ``<function ... at 0x...>``."""
        report = reference_report()
        shown = repr(report if which == "report" else report.table("device"))

        assert len(shown) < 200
        assert " at 0x" not in shown
