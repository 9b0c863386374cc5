"""Published figures of real reports, computed from ledgers built for them.

tests/data/apple-transparency-figures.csv is Apple's published data (a copy of
shared/reference/). For every row with counts and a percentage, a ledger with that many
requests and outcomes is counted, and the percentage must come out as Apple printed it.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from datetime import date
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest

from transparency_core import (
    Category,
    Column,
    DataKind,
    Identifier,
    Outcome,
    Percent,
    Percentage,
    ReportingPeriod,
    Request,
    Response,
    RoundingMode,
    RoundingPolicy,
    build_report,
    default_categories,
    predicates,
)
from transparency_core._checks import COUNTRY_CODES

DATA = Path(__file__).parent / "data"
PROVIDED = Response(Outcome.PROVIDED, DataKind.NON_CONTENT)
CONTENT = Response(Outcome.PROVIDED, DataKind.CONTENT)
NO_DATA = Response(Outcome.NO_DATA)
REJECTED = Response(Outcome.REJECTED)
PERIOD = ReportingPeriod.calendar_year(2020)
CODES = sorted(COUNTRY_CODES)


def _percent_only(name: str) -> Category:
    """A category of Apple's with only the column this test checks."""
    return Category(
        name=name,
        title=name,
        identifier_types=("token",),
        columns=(
            Column(key="percent_provided", heading="%", measure=Percent(predicates.data_provided)),
        ),
    )


REGISTRY = default_categories()
for extra in ("digital_content_provider", "push_token"):
    REGISTRY.register(_percent_only(extra))
IDENTIFIER_TYPE = {category.name: category.identifier_types[0] for category in REGISTRY}


def _rows() -> dict[tuple[str, str], list[dict[str, str]]]:
    """The rows with counts and a percentage, grouped by half-year and request type."""
    groups: dict[tuple[str, str], list[dict[str, str]]] = defaultdict(list)
    with (DATA / "apple-transparency-figures.csv").open(encoding="utf-8", newline="") as file:
        for row in csv.DictReader(file):
            if row["pct_data_provided"] and row["requests_received"]:
                groups[row["period"], row["request_type"]].append(row)
    return dict(groups)


GROUPS = _rows()


def _responses(row: dict[str, str]) -> list[Response]:
    """The responses of a row's requests: provided as published, the rest not."""
    received = int(row["requests_received"])
    if row["request_type"] == "account":
        content, non_content = int(row["content_provided"]), int(row["noncontent_provided"])
        provided = [CONTENT] * content + [PROVIDED] * non_content
    else:
        provided = [PROVIDED] * int(row["requests_data_provided"])
    return provided + [NO_DATA if n % 2 else REJECTED for n in range(received - len(provided))]


def _ledger(kind: str, rows: list[dict[str, str]]) -> list[Request]:
    """One request per request received, each row's under a country code of its own."""
    identifier = (Identifier(IDENTIFIER_TYPE[kind], "1"),)
    return [
        Request(
            id=f"{code}-{number}",
            received=date(2020, 1, 1),
            country=code,
            category=kind,
            identifiers=identifier,
            response=response,
        )
        for code, row in zip(CODES, rows, strict=False)
        for number, response in enumerate(_responses(row))
    ]


class TestApplesPublishedPercentages:
    """Whole percent, half up, from the exact ratio: as Apple published every row."""

    def test_every_row_with_counts_and_a_percentage_is_checked(self) -> None:
        """4,063 rows, as reference/conventions.md measured."""
        assert sum(len(rows) for rows in GROUPS.values()) == 4063
        assert max(len(rows) for rows in GROUPS.values()) <= len(CODES)

    @pytest.mark.parametrize("group", sorted(GROUPS), ids="-".join)
    def test_each_half_year_and_request_type(self, group: tuple[str, str]) -> None:
        """Every country's percentage where data was provided, from its own requests."""
        _, kind = group
        rows = GROUPS[group]

        table = build_report(_ledger(kind, rows), PERIOD, categories=[REGISTRY[kind]]).table(kind)

        computed = {}
        for code, row in zip(CODES, rows, strict=False):
            cell = table.cell(code, "percent_provided")
            assert isinstance(cell, Percentage)
            computed[row["country"]] = cell.value
        assert computed == {row["country"]: Decimal(row["pct_data_provided"]) for row in rows}

    @pytest.mark.parametrize(
        ("mode", "wrong"), [(RoundingMode.HALF_EVEN, 30), (RoundingMode.FLOOR, 1073)]
    )
    def test_other_modes_would_be_wrong_where_conventions_says(
        self, mode: RoundingMode, wrong: int
    ) -> None:
        """Why the default is half up: conventions.md's counts, recomputed."""
        policy = RoundingPolicy(mode=mode)
        misses = sum(
            policy.percent(Fraction(_provided(row), int(row["requests_received"])))
            != Decimal(row["pct_data_provided"])
            for rows in GROUPS.values()
            for row in rows
        )

        assert misses == wrong


def _provided(row: dict[str, str]) -> int:
    """Requests where data was provided, as the percentage counts them."""
    if row["request_type"] == "account":
        return int(row["content_provided"]) + int(row["noncontent_provided"])
    return int(row["requests_data_provided"])
