"""The command line's series and totals: ``series LEDGER --every ...``, ``--totals``."""

from __future__ import annotations

import json
import subprocess
import sys
import xml.etree.ElementTree as ET
from datetime import date
from typing import TYPE_CHECKING

import jsonschema
import pytest

from sheets import csv_bytes, ledger_tables
from transparency_core import (
    REPORT_SCHEMA,
    REPORT_SCHEMA_V1,
    CsvRenderer,
    Every,
    Figure,
    HtmlRenderer,
    JsonRenderer,
    MarkdownRenderer,
    ReportingPeriod,
    RoundingPolicy,
    Suppression,
    SvgRenderer,
    TextRenderer,
    build_report,
    build_series,
    ledger_digest,
    reference_ledger,
    reference_records,
)
from transparency_core._cli import LedgerFile
from transparency_core._cli._filecount import count_parts
from transparency_core._series import CountOptions, count_series

if TYPE_CHECKING:
    from pathlib import Path

RENDERERS = {
    "csv": CsvRenderer(),
    "json": JsonRenderer(),
    "markdown": MarkdownRenderer(),
    "text": TextRenderer(),
    "html": HtmlRenderer(),
    "svg": SvgRenderer(),
}


def tc(*argv: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """Run ``transparency-core`` as a user would, in a process of its own.

    Its output is read as the bytes it wrote, as UTF-8 (CSV's line ends kept).
    """
    done = subprocess.run(
        [sys.executable, "-m", "transparency_core", *argv],
        cwd=cwd,
        capture_output=True,
        timeout=300,
        check=False,
    )
    return subprocess.CompletedProcess(
        done.args, done.returncode, done.stdout.decode(), done.stderr.decode()
    )


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder with the reference ledger, as JSON Lines."""
    path = tmp_path_factory.mktemp("series")
    lines = "".join(json.dumps(record) + "\n" for record in reference_records())
    (path / "ledger.jsonl").write_text(lines, encoding="utf-8")
    return path


class TestSeries:
    """``series``: every format, as the API renders the series."""

    @pytest.mark.parametrize("every", list(Every))
    @pytest.mark.parametrize("name", sorted(RENDERERS))
    def test_as_the_api(self, folder: Path, name: str, every: Every) -> None:
        """The output is the renderer's of ``build_series``, byte for byte (JSON: its ledger's)."""
        done = tc("series", "ledger.jsonl", "--every", every.value, "--format", name, cwd=folder)
        digest = ledger_digest(reference_ledger()) if name == "json" else None
        series = build_series(reference_ledger(), every, ledger_digest=digest)
        assert (done.returncode, done.stdout) == (0, RENDERERS[name].series(series))  # type: ignore[attr-defined]

    def test_csv_has_a_leading_period(self, folder: Path) -> None:
        """The long CSV: a period column, then the report's; each period's rows as its own."""
        done = tc("series", "ledger.jsonl", "--format", "csv", cwd=folder)
        lines = done.stdout.splitlines()
        assert lines[0] == "period,table,country,country_name,row,column,value,published"
        period = ReportingPeriod.parse("2020-07-01/2020-12-31")
        alone = CsvRenderer()(build_report(reference_ledger(), period)).splitlines()[1:]
        assert [line[len("2020-H2,") :] for line in lines if line.startswith("2020-H2,")] == alone

    def test_json_is_one_report_of_every_period(self, folder: Path) -> None:
        """Version 2: one report whose periods are the series', each self-contained."""
        done = tc("series", "ledger.jsonl", "--every", "year", "--format", "json", cwd=folder)
        data = json.loads(done.stdout)
        jsonschema.validate(data, REPORT_SCHEMA)
        assert [period["period"]["start"] for period in data["periods"]] == [
            "2019-01-01",
            "2020-01-01",
            "2021-01-01",
        ]
        alone = build_report(reference_ledger(), ReportingPeriod.calendar_year(2020))
        assert data["periods"][1]["tables"] == JsonRenderer().period_data(alone)["tables"]

    def test_json_version_1_is_a_list_of_reports(self, folder: Path) -> None:
        """Version 1 (deprecated, ``[[output]] version = 1``): each period's report, a list."""
        (folder / "v1.toml").write_text(
            '[[output]]\nformat = "json"\nversion = 1\n', encoding="utf-8"
        )
        done = tc("series", "ledger.jsonl", "--config", "v1.toml", "--every", "year", cwd=folder)
        data = json.loads(done.stdout)
        assert [report["period"]["start"] for report in data] == [
            "2019-01-01",
            "2020-01-01",
            "2021-01-01",
        ]
        for report in data:
            jsonschema.validate(report, REPORT_SCHEMA_V1)

    def test_svg_is_xml_with_a_chart_per_table(self, folder: Path) -> None:
        """A chart over time for each category's table, a bar per period."""
        done = tc("series", "ledger.jsonl", "--format", "svg", "--totals", cwd=folder)
        root = ET.fromstring(done.stdout)  # noqa: S314 -- our own output
        labelled = [e.get("aria-label") for e in root.iter("{http://www.w3.org/2000/svg}rect")]
        series = build_series(reference_ledger(), "half-year")
        devices = sum(
            cell.value
            for row in series["2020-H2"].table("device").rows
            for cell in row.cells[:1]
            if isinstance(cell, Figure)
        )
        assert f"2020-H2 {devices}" in labelled
        assert len([label for label in labelled if label]) == 3 * len(series)

    def test_from_and_to(self, folder: Path) -> None:
        """Requests outside the periods are left out, in the first or last, and said so."""
        done = tc(
            "series", "ledger.jsonl", "--from", "2020-01-01", "--to", "2020-12-31", cwd=folder
        )
        series = build_series(
            reference_ledger(), "half-year", start=date(2020, 1, 1), end=date(2020, 12, 31)
        )
        assert done.returncode == 0
        assert done.stdout == TextRenderer().series(series)
        assert "warning: 4 requests left out of the report" in done.stderr

    def test_totals(self, folder: Path) -> None:
        """``--totals``: each period's tables end with all countries."""
        done = tc("series", "ledger.jsonl", "--totals", "--format", "markdown", cwd=folder)
        series = build_series(reference_ledger(), "half-year", totals=True)
        assert done.stdout == MarkdownRenderer().series(series)
        sums = [
            sum(
                c.value
                for row in r.table("device").rows
                for c in row.cells[:1]
                if isinstance(c, Figure)
            )
            for r in series.reports
        ]
        cells = " | ".join(str(n) for n in sums)
        assert f"| All countries | Number of Device-based Requests | {cells} |" in done.stdout

    @pytest.mark.parametrize(
        ("argv", "message"),
        [
            (
                ["--from", "2020-13-01"],
                "--from: expected a date, YYYY-MM-DD, such as 2020-01-01, got '2020-13-01'",
            ),
            (
                ["--from", "2021-01-01", "--to", "2020-01-01"],
                "--to: expected a date on or after --from, 2021-01-01, got '2020-01-01'",
            ),
            (["--format", "explain"], "--format explain cannot write a series"),
            (["--every", "month"], "argument --every: invalid choice: 'month'"),
        ],
    )
    def test_bad_options(self, folder: Path, argv: list[str], message: str) -> None:
        """A clear error on stderr, exit 2, nothing on stdout."""
        done = tc("series", "ledger.jsonl", *argv, cwd=folder)
        assert (done.returncode, done.stdout) == (2, "")
        assert message in done.stderr
        assert "Traceback" not in done.stderr

    def test_an_empty_ledger(self, folder: Path) -> None:
        """No record and no periods given: say which."""
        (folder / "empty.json").write_text("[]", encoding="utf-8")
        done = tc("series", "empty.json", cwd=folder)
        assert (done.returncode, done.stdout) == (2, "")
        assert done.stderr == (
            "transparency-core: empty.json holds no records: say which periods with --from "
            "and --to\n"
        )
        done = tc("series", "empty.json", "--from", "2020-01-01", "--to", "2020-12-31", cwd=folder)
        assert done.returncode == 0
        assert done.stdout == TextRenderer().series(
            build_series([], "half-year", start=date(2020, 1, 1), end=date(2020, 12, 31))
        )


class TestInParts:
    """Out of core: in parts and processes, each period's subtotals are one pass's."""

    @pytest.mark.parametrize("jobs", [1, 2])
    def test_parts_add_up_to_one_pass(self, folder: Path, tmp_path: Path, jobs: int) -> None:
        """In parts of 2 KB, the periods' subtotals are those of counting the ledger at once."""
        path = folder / "ledger.jsonl"
        ledger = LedgerFile(path, path.stat().st_size, tmp_path, part_bytes=2048, range_bytes=4096)
        assert ledger.parts > 4
        counted = count_parts(ledger, period=None, provenance=False, jobs=jobs, every=Every.QUARTER)
        whole = count_series(
            reference_ledger(), Every.QUARTER, options=CountOptions(provenance=False)
        )
        assert sorted(counted.series) == sorted(whole)
        for label, subtotals in whole.items():
            assert counted.series[label].report() == subtotals.report()


class TestRenderTotals:
    """``render --totals``."""

    def test_as_the_api(self, folder: Path) -> None:
        """The report with its total rows, as ``build_report(..., totals=True)`` renders it."""
        period = "2020-01-01/2020-12-31"
        done = tc("render", "ledger.jsonl", "--period", period, "--totals", cwd=folder)
        report = build_report(reference_ledger(), ReportingPeriod.parse(period), totals=True)
        assert (done.returncode, done.stdout) == (0, TextRenderer()(report))
        assert "All countries" in done.stdout


class TestAMistypedDate:
    """One year typed ``0202`` for ``2020``: thousands of empty periods, said or refused."""

    def _ledger(self, folder: Path, received: str) -> str:
        records = list(reference_records())
        records[5] = {**records[5], "received": received}
        path = folder / f"typo-{received}.json"
        path.write_text(json.dumps(records), encoding="utf-8")
        return path.name

    def test_more_periods_than_a_report_has_are_refused(self, folder: Path) -> None:
        name = self._ledger(folder, "0202-01-08")
        done = tc("series", name, "--format", "csv", cwd=folder)
        labels = [label for label, _ in Every.HALF_YEAR.between(date(202, 1, 8), date(2021, 6, 30))]

        assert (done.returncode, done.stdout) == (2, "")
        assert f"span {len(labels):,} periods ({labels[0]} to {labels[-1]})" in done.stderr
        assert "--from and --to" in done.stderr

    def test_a_series_mostly_of_empty_periods_is_said(self, folder: Path) -> None:
        name = self._ledger(folder, "1900-01-08")
        done = tc("series", name, "--every", "year", "--format", "csv", cwd=folder)

        assert done.returncode == 0, done.stderr
        assert "periods (1900 to 2021) hold no request" in done.stderr
        assert "the first that holds one is 1900" in done.stderr


class TestSeriesSettings:
    """``series`` reads its settings as ``render`` does: the definition, a spreadsheet."""

    def test_the_definitions_period_bounds_it(self, folder: Path) -> None:
        """``period = "2020"``: the half-years of 2020, as ``start`` and ``end`` give them."""
        (folder / "year.toml").write_text(
            'ledger = "ledger.jsonl"\nperiod = "2020"\n', encoding="utf-8"
        )
        done = tc("series", "--config", "year.toml", "--format", "markdown", cwd=folder)
        series = build_series(
            reference_ledger(), Every.HALF_YEAR, start=date(2020, 1, 1), end=date(2020, 12, 31)
        )
        assert done.returncode == 0, done.stderr
        assert done.stdout == MarkdownRenderer().series(series)
        assert "render --period PERIOD --format explain" in done.stderr

    def test_the_definitions_calendar_policies_and_outputs(self, folder: Path) -> None:
        """``[series] every``, ``totals``, rounding, disclosure and ``[[output]]`` apply."""
        (folder / "series.toml").write_text(
            'company = "Acme"\nledger = "ledger.jsonl"\ntotals = true\n'
            '[series]\nevery = "year"\n[rounding]\nplaces = 1\n'
            "[disclosure]\nsuppress_below = 3\n"
            '[[output]]\nformat = "markdown"\npath = "out/series.md"\n',
            encoding="utf-8",
        )
        done = tc("series", "--config", "series.toml", cwd=folder)
        series = build_series(
            reference_ledger(),
            Every.YEAR,
            rounding=RoundingPolicy(places=1),
            disclosure=Suppression(3),
            company="Acme",
            totals=True,
        )
        assert done.returncode == 0, done.stderr
        written = (folder / "out" / "series.md").read_text(encoding="utf-8")
        assert written == MarkdownRenderer().series(series)
        assert "All countries" in written
        again = tc(
            "series", "--config", "series.toml", "--every", "quarter", "--format", "csv", cwd=folder
        )
        quarters = build_series(
            reference_ledger(),
            Every.QUARTER,
            rounding=RoundingPolicy(places=1),
            disclosure=Suppression(3),
            company="Acme",
            totals=True,
        )
        assert (again.returncode, again.stdout) == (0, CsvRenderer().series(quarters))

    def test_a_spreadsheet(self, tmp_path: Path) -> None:
        """A ``.csv`` request log gives the series its JSON twin gives."""
        rows, _ = ledger_tables(reference_ledger(), grouped=True)
        (tmp_path / "requests.csv").write_bytes(csv_bytes(rows))
        done = tc("series", "requests.csv", "--format", "markdown", cwd=tmp_path)
        series = build_series(reference_ledger(), Every.HALF_YEAR)
        assert (done.returncode, done.stdout) == (0, MarkdownRenderer().series(series))
