"""Total rows: the countries' counts summed, percentages of the sums, never averaged."""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING

import attrs
import jsonschema
from hypothesis import given, settings
from hypothesis import strategies as st

from builders import make_request
from strategies import ledgers
from transparency_core import (
    OUTCOMES,
    REPORT_SCHEMA,
    Banding,
    CsvRenderer,
    Figure,
    HtmlRenderer,
    JsonRenderer,
    MarkdownRenderer,
    Percent,
    Percentage,
    ReportingPeriod,
    RowKind,
    Suppression,
    TextRenderer,
    build_report,
    build_series,
    compare,
    reference_ledger,
    reference_period,
)
from transparency_core._render._format import Formatter

if TYPE_CHECKING:
    from transparency_core import Request, Table
    from transparency_core._disclosure import Disclosure

YEAR = ReportingPeriod.calendar_year(2020)
POLICIES = st.sampled_from([Suppression(2), Suppression(3), Suppression(5), Banding(100)])


def _half_up(part: int, whole: int) -> Decimal | None:
    """A whole percent, half up, worked out with integers; blank for a zero whole."""
    if not whole:
        return None
    quotient, remainder = divmod(100 * part, whole)
    return Decimal(quotient + (2 * remainder >= whole))


def _column(table: Table, index: int, kind: RowKind = RowKind.COUNTS) -> list[Figure | Percentage]:
    return [row.cells[index] for row in table.rows if row.kind is kind]


def _check_sums(table: Table) -> None:
    """Each total is the sum of the countries' figures; each percentage, of the sums."""
    (total, *shares) = table.totals
    for index, cell in enumerate(total.cells):
        column = _column(table, index)
        if isinstance(cell, Percentage):
            part = sum(c.part.value for c in column if isinstance(c, Percentage))
            whole = sum(c.whole.value for c in column if isinstance(c, Percentage))
            assert (cell.part.value, cell.whole.value) == (part, whole)
            assert cell.value == _half_up(part, whole)
        else:
            assert cell.value == sum(c.value for c in column if isinstance(c, Figure))
            ids = sorted(i for c in column if isinstance(c, Figure) for i in c.ids)
            assert sorted(cell.ids) == ids
    for row in shares:
        whole = sum(
            c.whole.value for c in _column(table, 0, RowKind.SHARES) if isinstance(c, Percentage)
        )
        for cell, count in zip(row.cells, total.cells, strict=True):
            assert isinstance(cell, Percentage)
            assert isinstance(count, Figure)
            assert (cell.part.value, cell.whole.value) == (count.value, whole)
            assert cell.value == _half_up(count.value, whole)


def _check_withheld(table: Table) -> None:
    """A published total sums published figures only; its shares, published shares."""
    total, *shares = table.totals
    for index, cell in enumerate(total.cells):
        if cell.withheld:
            continue
        assert not any(c.withheld for c in _column(table, index))
        measure = table.columns[index].measure
        if isinstance(measure, Percent):  # and the figures of its part's and whole's
            for other, column in enumerate(table.columns):
                where = getattr(column.measure, "where", None)
                if where in {measure.part, measure.whole}:
                    assert not any(c.withheld for c in _column(table, other))
    for row in shares:
        if any(not cell.withheld for cell in row.cells):
            assert not any(
                c.withheld for r in table.rows if r.kind is RowKind.SHARES for c in r.cells
            )
            assert not any(cell.withheld for cell in total.cells)


class TestTotals:
    """The total row of each table."""

    @given(ledgers())
    def test_sums_and_ratios_of_sums(self, ledger: list[Request]) -> None:
        """Counts are summed; a percentage is the exact ratio of the sums, rounded once."""
        report = build_report(ledger, YEAR, totals=True, breakdowns=[OUTCOMES])
        for table in report.tables:
            assert bool(table.totals) == bool(table.rows)
            if table.rows:
                assert [row.country for row in table.totals] == [""] * len(table.totals)
                _check_sums(table)

    def test_never_an_average(self) -> None:
        """India's 79% of 24 and the others' make the world's 79%, from 23 of 29."""
        report = build_report(reference_ledger(), reference_period(), totals=True)
        (total,) = report.table("device").totals
        percent = total.cells[-1]
        assert isinstance(percent, Percentage)
        countries = _column(report.table("device"), 3)
        assert (percent.part.value, percent.whole.value) == (
            sum(c.part.value for c in countries if isinstance(c, Percentage)),
            sum(c.whole.value for c in countries if isinstance(c, Percentage)),
        )
        assert percent.value == _half_up(percent.part.value, percent.whole.value)

    @settings(max_examples=50)  # two reports an example
    @given(ledgers())
    def test_off_by_default(self, ledger: list[Request]) -> None:
        """Without totals, a report is as it was: the totals change no other figure."""
        plain = build_report(ledger, YEAR)
        with_totals = build_report(ledger, YEAR, totals=True)
        assert all(not table.totals for table in plain.tables)
        stripped = [attrs.evolve(table, totals=()) for table in with_totals.tables]
        assert stripped == list(plain.tables)


class TestDisclosure:
    """Under a disclosure policy, a total never gives a withheld figure away."""

    @settings(max_examples=40)  # two reports an example, each with the disclosure check
    @given(ledgers(), POLICIES)
    def test_published_only_when_every_part_is(
        self, ledger: list[Request], disclosure: Disclosure
    ) -> None:
        """A published total sums published figures only: it tells a reader nothing more."""
        plain = build_report(ledger, YEAR, disclosure=disclosure)
        report = build_report(ledger, YEAR, disclosure=disclosure, totals=True)
        assert [attrs.evolve(t, totals=()) for t in report.tables] == list(plain.tables)
        for table in report.tables:
            if table.totals:
                _check_withheld(table)
            if table.totals and not any(c.withheld for row in table.rows for c in row.cells):
                _check_sums(table)

    def test_a_total_that_would_give_a_suppressed_count_away(self) -> None:
        """Table 4 under Suppression(10): 16 investigation orders in all, the court orders not."""
        report = build_report(
            reference_ledger(), reference_period(), disclosure=Suppression(10), totals=True
        )
        total, shares = report.table("legal_process").totals
        orders, other = total.cells
        assert isinstance(orders, Figure)
        assert (orders.value, orders.withheld) == (16, False)
        assert other.withheld
        assert all(cell.withheld for cell in shares.cells)
        assert all(cell.withheld for cell in report.table("device").totals[0].cells)


class TestRendered:
    """Every format shows the total row, labelled in the reader's language."""

    def test_text_and_markdown(self) -> None:
        """The last rows of a table: "All countries", and its percentages of the total."""
        report = build_report(reference_ledger(), reference_period(), totals=True)
        text = TextRenderer()(report)
        assert "All countries" in text
        assert "Percentage of total, All countries" in text
        markdown = MarkdownRenderer(locale="de")(report)
        assert "| Alle Länder |" in markdown

    def test_csv_long_and_wide(self) -> None:
        """The total row has no country code, and "All countries" as its name."""
        report = build_report(reference_ledger(), reference_period(), totals=True)
        rows = list(csv.reader(io.StringIO(CsvRenderer()(report))))
        totals = [row for row in rows if row[0] == "device" and row[1] == ""]
        (total,) = report.table("device").totals
        assert [row[2:6] for row in totals] == [
            ["All countries", "counts", column.key, str(cell.value)]
            for column, cell in zip(report.table("device").columns, total.cells, strict=True)
        ]
        wide = list(csv.reader(io.StringIO(CsvRenderer().table(report.table("device")))))
        assert wide[-1][:3] == ["", "All countries", "counts"]

    def test_csv_names_a_total_row_of_shares_as_a_country_s(self) -> None:
        """A row of shares has its country's name, "All countries" too; ``row`` says shares."""
        report = build_report(reference_ledger(), reference_period(), totals=True)
        table = report.table("legal_process")
        rows = list(csv.reader(io.StringIO(CsvRenderer()(report))))
        names = {(row[1], row[3]): row[2] for row in rows if row[0] == table.key}
        countries = {row.country for row in table.rows}
        assert {kind for _, kind in names} == {RowKind.COUNTS.value, RowKind.SHARES.value}
        for (country, _), name in names.items():
            assert name == (Formatter("en").country(country) if country else "All countries")
        assert {country for country, _ in names} == countries | {""}
        wide = list(csv.reader(io.StringIO(CsvRenderer().table(table))))
        assert [row[1:3] for row in wide[1:] if not row[0]] == [
            ["All countries", kind.value] for kind in (RowKind.COUNTS, RowKind.SHARES)
        ]

    def test_a_series_labels_rows_as_a_report_does(self) -> None:
        """A country's shares and the total's, labelled in a report's words, in every format."""
        ledger = [
            make_request(
                f"{country}-{year}-{n}",
                country=country,
                received=date(year, 3, 1),
                legal_process=process,
            )
            for year in (2019, 2020)
            for country in ("DE", "ES")
            for n, process in enumerate(("investigation_order", "other_court_order"))
        ]
        series = build_series(ledger, "year", totals=True)
        report = build_report(ledger, ReportingPeriod.calendar_year(2020), totals=True)
        english = Formatter("en")
        names = [english.country(row.country) for row in report.table("legal_process").rows]
        labels = [f"Percentage of total, {name}" for name in (*names, "All countries")]
        for renderer in (MarkdownRenderer(), HtmlRenderer(fragment=True)):
            for text in (
                renderer(report),
                renderer.series(series),
                renderer.comparison(compare(*series.reports)),
            ):
                assert all(label in text for label in labels)
                assert "percentage of total" not in text

    def test_json(self) -> None:
        """The JSON has the totals of each table, in the schema, only when asked for."""
        report = build_report(reference_ledger(), reference_period(), totals=True)
        data = json.loads(JsonRenderer()(report))
        jsonschema.validate(data, REPORT_SCHEMA)
        (total,) = data["periods"][0]["tables"][0]["totals"]
        assert total["kind"] == "counts"
        assert total["cells"]["requests"] == {
            "value": report.table("device").totals[0].cells[0].value
        }
        plain = json.loads(JsonRenderer()(build_report(reference_ledger(), reference_period())))
        assert "totals" not in plain["periods"][0]["tables"][0]
        assert data["periods"][0]["settings"]["totals"] is True
        assert "totals" not in plain["periods"][0]["settings"]
