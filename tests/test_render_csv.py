"""The CSV renderer: data that the csv module reads back, safe in spreadsheets."""

from __future__ import annotations

import csv
import io

from builders import make_request, markup_report
from transparency_core import Banding, CsvRenderer, ReportingPeriod, build_report, reference_report

YEAR = ReportingPeriod.calendar_year(2020)


class TestCsv:
    """Data that the csv module reads back, safe in spreadsheets."""

    def test_long_format_has_every_cell(self) -> None:
        """One row per cell of every table."""
        report = reference_report()
        rows = list(csv.DictReader(io.StringIO(CsvRenderer()(report))))

        cells = sum(len(row.cells) for table in report.tables for row in table.rows)
        assert len(rows) == cells
        [india] = [
            r
            for r in rows
            if (r["table"], r["country"], r["column"]) == ("device", "IN", "percent_provided")
        ]
        assert (india["country_name"], india["value"], india["published"]) == ("India", "79", "")

    def test_one_csv_per_table(self) -> None:
        """Wide: a row per country, a column per figure."""
        tables = CsvRenderer().tables(reference_report())

        assert list(tables) == ["device", "financial_identifier", "account", "legal_process"]
        rows = list(csv.reader(io.StringIO(tables["legal_process"])))
        assert rows == [
            ["country", "country_name", "row", "investigation_order", "other_court_order"],
            ["CN", "China", "counts", "16", "1"],
            ["CN", "China", "shares", "94", "6"],
        ]

    def test_formulas_are_neutralised(self) -> None:
        """No cell starts with =, +, - or @."""
        text = CsvRenderer()(markup_report())
        cells = [cell for row in csv.reader(io.StringIO(text)) for cell in row]

        assert not [cell for cell in cells if cell[:1] in {"=", "+", "-", "@"}]
        assert "'=cmd|' /C calc'!A0" in cells

    def test_banded_counts_are_published_as_bands_only(self) -> None:
        """The exact value of a banded count is not in the output."""
        report = build_report([make_request("R1")], YEAR, disclosure=Banding(100))
        rows = list(csv.DictReader(io.StringIO(CsvRenderer()(report))))

        requests = next(r for r in rows if r["column"] == "requests" and r["table"] == "device")
        assert (requests["value"], requests["published"]) == ("", "0 - 99")

    def test_the_locale_names_the_countries_only(self) -> None:
        """German country names; the values stay exact, never localised."""
        rows = list(csv.DictReader(io.StringIO(CsvRenderer(locale="de")(reference_report()))))

        [india] = [
            r
            for r in rows
            if (r["table"], r["country"], r["column"]) == ("device", "IN", "percent_provided")
        ]
        assert (india["country_name"], india["value"]) == ("Indien", "79")
