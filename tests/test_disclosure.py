"""Bands and suppression: what may be published, tested against Apple's real bands."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from builders import NO_DATA, make_request
from transparency_core import (
    Band,
    Banding,
    Category,
    Column,
    Figure,
    MarkdownRenderer,
    Percentage,
    ReportingPeriod,
    Subjects,
    Suppressed,
    Suppression,
    TextRenderer,
    build_report,
)
from transparency_core.exceptions import FieldError

YEAR = ReportingPeriod.calendar_year(2020)
BANDS = Path(__file__).parent / "data" / "apple-national-security-bands.csv"


def _published_bands() -> list[tuple[str, str, int, int]]:
    """Every (period, what, low, high) band Apple published."""
    with BANDS.open(encoding="utf-8", newline="") as file:
        rows = list(csv.DictReader(file))
    return [
        (row["period"], f"{row['kind']} {what}", int(row[f"{what}_low"]), int(row[f"{what}_high"]))
        for row in rows
        for what in ("requests", "accounts")
    ]


class TestApplesBands:
    """Every band of reference/apple-national-security-bands.csv comes out of a Banding."""

    @pytest.mark.parametrize(("period", "what", "low", "high"), _published_bands())
    def test_each_published_band(self, period: str, what: str, low: int, high: int) -> None:
        """Width 250 until 2017, 500 after; a lower bound off the grid is a known minimum."""
        width = 250 if int(period[:4]) < 2018 else 500
        minimum = low if low % width else None
        policy = Banding(width, minimum=minimum)

        assert policy.publish(high) == Band(low, high), what
        assert policy.publish(low) == Band(low, high), what

    def test_there_are_bands_to_check(self) -> None:
        """62 half-years and kinds, requests and accounts each."""
        assert len(_published_bands()) == 124


class TestBanding:
    """The statute's widths, and the grid."""

    @pytest.mark.parametrize("width", [50, 200, 0])
    def test_only_the_statutes_widths(self, width: int) -> None:
        """50 U.S.C. 1874 allows 100, 250, 500 and 1000."""
        with pytest.raises(FieldError) as caught:
            Banding(width)

        assert caught.value.path == "width"

    @pytest.mark.parametrize(
        ("value", "band"), [(0, (0, 999)), (999, (0, 999)), (1000, (1000, 1999))]
    )
    def test_band_edges(self, value: int, band: tuple[int, int]) -> None:
        """Bands start at multiples of the width."""
        assert Banding(1000).publish(value) == Band(*band)


class TestSuppression:
    """Small counts are published as "below the threshold"."""

    def test_below_the_threshold_is_suppressed(self) -> None:
        """29 of a threshold of 30 is suppressed; 30 is published."""
        assert Suppression(30).publish(29) == Suppressed(30)
        assert Suppression(30).publish(30) == 30

    def test_a_threshold_of_at_least_one(self) -> None:
        """A threshold of 0 would suppress nothing."""
        with pytest.raises(FieldError):
            Suppression(0)


class TestInAReport:
    """Policies change what is published, never the exact figures or their ids."""

    def test_a_suppressed_count_keeps_its_exact_value_and_ids(self) -> None:
        """And its percentage is withheld, since it would give the count away."""
        requests = [make_request("R1"), make_request("R2", response=NO_DATA)]

        report = build_report(requests, YEAR, disclosure=Suppression(30))

        requests_cell = report.table("device").cell("ES", "requests")
        assert requests_cell == Figure(2, ("R1", "R2"), Suppressed(30))
        percent = report.table("device").cell("ES", "percent_provided")
        assert isinstance(percent, Percentage)
        assert percent.value is None

    def test_renderers_publish_the_band_or_the_threshold(self) -> None:
        """Text shows "< 30" in every count cell, and "withheld" for the percentage of them.

        Not a blank: a blank is a percentage of zero requests.
        """
        report = build_report([make_request("R1")], YEAR, disclosure=Suppression(30))

        text = TextRenderer()(report)

        row = next(line for line in text.splitlines() if line.startswith("Spain"))
        assert row.split() == ["Spain", "<", "30", "<", "30", "<", "30", "withheld"]

    def test_a_categorys_own_policy_takes_precedence(self) -> None:
        """National-security demands in bands of 500, the rest exact."""
        national_security = Category(
            name="device",
            title="National Security Requests",
            identifier_types=("imei",),
            columns=(
                Column(key="requests", heading="Requests"),
                Column(key="subjects", heading="Devices", measure=Subjects()),
            ),
            disclosure=Banding(500, minimum=1),
        )

        report = build_report([make_request("R1")], YEAR, categories=[national_security])

        assert report.table("device").cell("ES", "requests") == Figure(1, ("R1",), Band(1, 499))
        assert "| Spain | 1 - 499 | 1 - 499 |" in MarkdownRenderer()(report)
