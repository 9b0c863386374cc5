"""Response times per table and country: exact medians recounted directly, merged, withheld."""

from __future__ import annotations

import csv
import io
import json
import statistics
import subprocess
import sys
from datetime import date, timedelta
from fractions import Fraction
from typing import TYPE_CHECKING

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from strategies import timed_requests
from transparency_core import (
    DEFAULT_CATEGORIES,
    ReportingPeriod,
    Request,
    ResponseTimesRenderer,
    Subtotals,
    Suppression,
    build_report,
    partition_of,
    structure_ledger,
    unstructure_ledger,
)
from transparency_core._medians import hundredths
from transparency_core.exceptions import FieldError

if TYPE_CHECKING:
    from pathlib import Path

    from transparency_core._times import TimeFigures

PERIOD = ReportingPeriod.calendar_year(2020)
TABLES = {category.name for category in DEFAULT_CATEGORIES}
ledgers = st.lists(timed_requests(), max_size=25, unique_by=lambda request: request.id)


def hours(start: date, end: date) -> Fraction:
    """The hours between two moments, by timedelta's own arithmetic."""
    return Fraction((end - start) // timedelta(microseconds=1), 3_600_000_000)


def expected(
    ledger: list[Request], until: str
) -> dict[tuple[str, str], tuple[Fraction | None, int, int]]:
    """(table, country) -> (median hours, requests with the time, without), directly."""
    groups: dict[tuple[str, str], list[Request]] = {}
    for request in ledger:
        if request.received in PERIOD and request.category in TABLES:
            groups.setdefault((request.category, request.country), []).append(request)
    found = {}
    for key, group in groups.items():
        times = [
            hours(r.received, getattr(r, until)) for r in group if getattr(r, until) is not None
        ]
        found[key] = (
            statistics.median(times) if times else None,
            len(times),
            len(group) - len(times),
        )
    return found


def got(figures: TimeFigures) -> tuple[Fraction | None, int, int]:
    """A row's median in hours, exactly, and its counts."""
    exact = None if figures.exact is None else figures.exact / 3600
    return (exact, figures.counted, figures.left_out)


class TestMedians:
    """Against a direct computation: statistics.median over each row's hours."""

    @settings(max_examples=80, suppress_health_check=[HealthCheck.too_slow])
    @given(ledgers)
    def test_every_row_is_its_requests_median(self, ledger: list[Request]) -> None:
        """Per category table and country, to acknowledge and to respond."""
        times = build_report(ledger, PERIOD, response_times=True).response_times
        assert times is not None

        for until in ("acknowledged", "responded"):
            found = {(row.table, row.country): got(getattr(row, until)) for row in times.rows}
            assert found == expected(ledger, until)

    @settings(max_examples=40, suppress_health_check=[HealthCheck.too_slow])
    @given(ledgers)
    def test_parts_merged_give_the_medians_of_the_whole(self, ledger: list[Request]) -> None:
        """The times of parts split by id add up exactly, as the counts do."""
        parts: list[list[Request]] = [[], [], []]
        for request in ledger:
            parts[partition_of(request.id, 3)].append(request)
        subtotals = [Subtotals.of(part, PERIOD, response_times=True) for part in parts]

        whole = (subtotals[0] + subtotals[1] + subtotals[2]).report()

        assert (
            whole.response_times == build_report(ledger, PERIOD, response_times=True).response_times
        )

    def test_hours_and_days_are_rounded_once_half_up(self) -> None:
        """A median of 36 hours 18 seconds: 36.01 hours (36.005 up), 1.50 days."""
        assert str(hundredths(Fraction(36 * 3600 + 18, 3600))) == "36.01"
        assert str(hundredths(Fraction(36 * 3600 + 18, 86_400))) == "1.50"


class TestWithheld:
    """A row whose count is suppressed publishes no median, nor how many it is of."""

    def test_a_suppressed_row_has_no_median(self) -> None:
        """Under Suppression(10) every small row's times are withheld."""
        records = [
            {
                "id": f"SE-{n}",
                "received": "2020-03-02",
                "responded": f"2020-03-{2 + n:02d}",
                "country": "SE",
                "category": "device",
                "identifiers": [{"type": "imei", "value": str(n)}],
                "response": {"outcome": "no_data"},
            }
            for n in range(2)
        ]
        report = build_report(
            structure_ledger(records), PERIOD, disclosure=Suppression(10), response_times=True
        )
        assert report.response_times is not None

        [row] = report.response_times.rows
        assert row.responded.withheld
        assert (row.responded.exact, row.responded.counted) == (None, 0)
        line = ResponseTimesRenderer()(report).splitlines()[1]
        assert line == "device,SE,Sweden,< 10,,,,,,,,"

    def test_a_few_requests_with_a_time_are_a_count_the_policy_withholds(self) -> None:
        """12 requests published, 3 of them with a time: "3" would be a count under 10."""
        timed = 3
        records = [
            {
                "id": f"SE-{n}",
                "received": "2020-03-02",
                **({"responded": f"2020-03-{3 + n:02d}"} if n < timed else {}),
                "country": "SE",
                "category": "device",
                "identifiers": [{"type": "imei", "value": str(n)}],
                "response": {"outcome": "no_data"},
            }
            for n in range(12)
        ]
        ledger = structure_ledger(records)
        plain = build_report(ledger, PERIOD, response_times=True)
        policy = build_report(ledger, PERIOD, disclosure=Suppression(10), response_times=True)
        assert plain.response_times is not None
        assert policy.response_times is not None

        [exact] = plain.response_times.rows
        [withheld] = policy.response_times.rows
        assert (exact.responded.counted, exact.responded.left_out) == (timed, len(records) - timed)
        assert withheld.responded.withheld
        assert withheld.acknowledged.withheld
        line = ResponseTimesRenderer()(policy).splitlines()[1]
        assert line == f"device,SE,Sweden,{len(records)},,,,,,,,"

    def test_a_report_without_times_is_refused(self) -> None:
        """The renderer says what it needs."""
        with pytest.raises(FieldError) as caught:
            ResponseTimesRenderer()(build_report([], PERIOD))

        assert caught.value.path == "response_times"


class TestCommandLine:
    """``transparency-core render --format response-times``."""

    def test_the_times_of_a_ledger(self, tmp_path: Path) -> None:
        """Exit 0; the median of 1 and 3 days is 2 days, 48 hours."""
        records = [
            {
                "id": f"IN-{n}",
                "received": "2020-05-04",
                "responded": f"2020-05-{4 + days:02d}",
                "country": "IN",
                "category": "account",
                "identifiers": [{"type": "account_id", "value": str(n)}],
                "response": {"outcome": "rejected"},
            }
            for n, days in enumerate([1, 3])
        ]
        path = tmp_path / "ledger.json"
        path.write_text(json.dumps(records), encoding="utf-8")

        result = subprocess.run(
            [sys.executable, "-m", "transparency_core", "render", str(path),
             "--format", "response-times"],
            capture_output=True,
            text=True,
            check=False,
        )  # fmt: skip

        assert (result.returncode, result.stderr) == (0, "")
        [row] = list(csv.DictReader(io.StringIO(result.stdout)))
        assert (row["median_hours_to_respond"], row["median_days_to_respond"]) == ("48.00", "2.00")
        assert (row["responded_counted"], row["acknowledged_left_out"]) == ("2", "2")
        assert unstructure_ledger(structure_ledger(records)) == records
