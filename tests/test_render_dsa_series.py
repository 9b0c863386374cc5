"""The DSA orders part of a series: one file, the header once, each period as if alone."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from builders import CONTENT, NO_DATA, REJECTED, make_request
from dsa_template import ORDERS, header_line, orders
from transparency_core import (
    DsaOrder,
    DsaRenderer,
    Every,
    ReportingPeriod,
    Suppression,
    build_report,
    build_series,
    reference_ledger,
    unstructure_ledger,
)
from transparency_core.exceptions import DisclosureError, FieldError

if TYPE_CHECKING:
    from pathlib import Path

    from transparency_core import Report, Request, Response

PERIOD_COLUMN = 2
"""The template's "Reporting period" column."""


def lines_by_period(output: str) -> dict[str, list[str]]:
    """The rows of a part after its header, as CSV lines, by their "Reporting period"."""
    found: dict[str, list[str]] = {}
    for line in output.splitlines(keepends=True)[1:]:
        [row] = csv.reader(io.StringIO(line))
        found.setdefault(row[PERIOD_COLUMN], []).append(line)
    return found


def alone(ledger: list[Request] | tuple[Request, ...], period: str) -> str:
    """The part of ``ledger`` counted for ``period`` alone, as a single report."""
    return DsaRenderer()(build_report(ledger, ReportingPeriod.parse(period)))


class TestSeries:
    """``DsaRenderer.series``: the template's shape, every period in one file."""

    def test_the_header_is_the_templates_byte_for_byte_and_written_once(self) -> None:
        """Its first line is part 3's, quotes and line feed included, and no other line."""
        output = DsaRenderer().series(build_series(reference_ledger(), "half-year"))

        assert header_line(output.encode("utf-8")) == header_line(ORDERS)
        assert output.count(header_line(ORDERS).decode("utf-8")) == 1

    @settings(max_examples=40, deadline=None)
    @given(
        st.integers(0, 10).flatmap(
            lambda n: st.tuples(*(orders(i, days=2 * 365) for i in range(n)))
        ),
        st.sampled_from([Every.YEAR, Every.HALF_YEAR]),
    )
    def test_each_periods_rows_are_its_part_counted_alone(
        self, ledger: tuple[Request, ...], every: Every
    ) -> None:
        """The rows under each period are the single report's of that period, in order."""
        made = build_series(ledger, every, start=date(2025, 1, 1), end=date(2026, 12, 31))

        found = lines_by_period(DsaRenderer().series(made))

        periods = [str(report.period) for report in made.reports]
        assert list(found) == periods
        for period in periods:
            assert "".join(found[period]) == "".join(
                alone(ledger, period).splitlines(keepends=True)[1:]
            )

    def test_a_series_of_quarters_is_refused(self) -> None:
        """The template's reporting periods are years and half-years (2024/2835, Article 2)."""
        with pytest.raises(FieldError) as caught:
            DsaRenderer().series(build_series(reference_ledger(), "quarter"))

        assert (caught.value.path, caught.value.got) == ("every", "quarter")
        assert "Article 2(1) and (2)" in caught.value.expected

    def test_a_series_with_withheld_figures_is_refused_naming_its_periods(self) -> None:
        """Each period whose report alone is refused is named, and no other."""
        made = build_series(reference_ledger(), "half-year", disclosure=Suppression(10))
        refused = [label for label, report in made if _refused(report)]

        with pytest.raises(DisclosureError) as caught:
            DsaRenderer().series(made)

        message = str(caught.value)
        assert refused
        assert message.startswith("the DSA template's figures are exact, and this series")
        assert [label for label in made.labels if f" in {label}" in message] == refused


def _refused(report: Report) -> bool:
    """Whether the single-period renderer refuses ``report``."""
    try:
        DsaRenderer()(report)
    except DisclosureError:
        return True
    return False


def tc(*argv: str) -> subprocess.CompletedProcess[bytes]:
    """Run ``transparency-core`` in a process of its own; its output as bytes."""
    return subprocess.run(
        [sys.executable, "-m", "transparency_core", *argv],
        capture_output=True,
        timeout=300,
        check=False,
    )


def _order(number: int, received: str, country: str, response: Response) -> Request:
    """An order, informed of and given effect (or not) within days of its coming."""
    came = datetime.fromisoformat(received)
    return make_request(
        f"{country}-{number}",
        received=came,
        country=country,
        response=response,
        acknowledged=came + timedelta(minutes=30 * number),
        responded=came + timedelta(hours=48 + number),
        dsa_order=DsaOrder.ACT if number % 2 else DsaOrder.INFORMATION,
        illegal_content="STATEMENT_CATEGORY_SCAMS_AND_FRAUD",
    )


@pytest.fixture(scope="module")
def ledger_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A JSON ledger of orders received over two years, of three Member States."""
    responses = [CONTENT, NO_DATA, REJECTED]
    ledger = [
        _order(number, f"{year}-{month:02}-10T09:00:00+01:00", country, responses[number % 3])
        for number, (year, month, country) in enumerate(
            (year, month, country)
            for year in (2025, 2026)
            for month in (2, 5, 8, 11)
            for country in ("AT", "DE", "SE")
        )
    ]
    path = tmp_path_factory.mktemp("dsa-series") / "ledger.json"
    path.write_text(json.dumps(unstructure_ledger(ledger)), encoding="utf-8")
    return path


class TestCommandLine:
    """``transparency-core series LEDGER --format dsa``, on a file."""

    @pytest.mark.parametrize(
        ("span", "periods"),
        [
            (("--every", "half-year"), ["2025-H1", "2025-H2", "2026-H1", "2026-H2"]),
            (("--every", "year", "--from", "2025-01-01", "--to", "2026-12-31"), ["2025", "2026"]),
        ],
    )
    def test_every_period_in_one_file(
        self, ledger_file: Path, span: tuple[str, ...], periods: list[str]
    ) -> None:
        """Exit 0; the template's header; each period's rows are ``render --period``'s."""
        result = tc("series", str(ledger_file), *span, "--format", "dsa")

        assert (result.returncode, result.stderr) == (0, b"")
        assert header_line(result.stdout) == header_line(ORDERS)
        found = lines_by_period(result.stdout.decode("utf-8"))
        assert list(found) == [str(ReportingPeriod.parse(period)) for period in periods]
        for period, lines in found.items():
            single = tc("render", str(ledger_file), "--period", period, "--format", "dsa")
            assert single.returncode == 0, single.stderr
            assert "".join(lines).encode("utf-8") == b"".join(
                single.stdout.splitlines(keepends=True)[1:]
            )

    def test_a_quarter_series_is_refused(self, ledger_file: Path) -> None:
        """Exit 2, why, and no output."""
        result = tc("series", str(ledger_file), "--every", "quarter", "--format", "dsa")

        assert (result.returncode, result.stdout) == (2, b"")
        assert b"expected year or half-year, the template's reporting periods" in result.stderr
        assert b"Traceback" not in result.stderr

    def test_the_identification_of_a_series_is_refused_saying_what_to_do(
        self, ledger_file: Path
    ) -> None:
        """One identification names one period: render it for each, with ``--period``."""
        result = tc("series", str(ledger_file), "--format", "dsa-identification")

        assert (result.returncode, result.stdout) == (2, b"")
        assert result.stderr.decode("utf-8") == (
            "transparency-core: --format dsa-identification cannot write a series: the "
            "identification part names one reporting period, by its starting and ending "
            "dates; write it for each period with render --period PERIOD --format "
            "dsa-identification\n"
        )

    def test_a_series_with_withheld_figures_is_refused_naming_its_periods(
        self, ledger_file: Path, tmp_path: Path
    ) -> None:
        """Exit 2 under a definition that suppresses small counts; each period is named."""
        definition = tmp_path / "report.toml"
        definition.write_text("[disclosure]\nsuppress_below = 10\n", encoding="utf-8")

        result = tc("series", str(ledger_file), "--config", str(definition), "--format", "dsa")

        assert (result.returncode, result.stdout) == (2, b"")
        message = result.stderr.decode("utf-8")
        assert message.startswith(
            "transparency-core: --format (dsa): the DSA template's figures are exact, and "
            "this series withholds figures under a disclosure policy ("
        )
        assert all(f" in {label}" in message for label in ("2025-H1", "2026-H2"))
