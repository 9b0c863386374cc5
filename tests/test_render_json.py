"""The JSON renderer: versioned, exact, valid against the shipped schema."""

from __future__ import annotations

import json
from importlib.resources import files
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from hypothesis import given

from builders import make_request
from strategies import ledgers
from transparency_core import (
    OUTCOMES,
    REPORT_SCHEMA,
    JsonRenderer,
    ReportingPeriod,
    Request,
    RoundingPolicy,
    Suppression,
    build_report,
    reference_report,
)

YEAR = ReportingPeriod.calendar_year(2020)
REPORT_VALIDATOR = jsonschema.Draft202012Validator(REPORT_SCHEMA)


class TestJson:
    """Versioned, exact, valid against the shipped schema."""

    def test_the_shipped_schema_file_is_the_schema(self) -> None:
        """scripts/make_schemas.py wrote it."""
        shipped = files("transparency_core").joinpath("schemas", "report.schema.json")

        assert json.loads(shipped.read_text(encoding="utf-8")) == REPORT_SCHEMA
        jsonschema.Draft202012Validator.check_schema(REPORT_SCHEMA)

    def test_every_field_is_documented(self) -> None:
        """docs/report-json.md has a row for every property of the schema, at its path."""
        page = (Path(__file__).parent.parent / "docs" / "report-json.md").read_text("utf-8")

        def paths(node: dict[str, Any], prefix: str) -> list[str]:
            found = []
            for name, child in node.get("properties", {}).items():
                path = f"{prefix}{name}"
                found.append(path)
                found.extend(paths(child, f"{path}."))
                if "items" in child:
                    found.extend(paths(child["items"], f"{path}[]."))
            return found

        fields = paths(REPORT_SCHEMA, "")

        assert len(fields) > 30
        assert [field for field in fields if f"| `{field}` |" not in page] == []

    @pytest.mark.parametrize("provenance", [False, True])
    def test_the_reference_report_is_valid(self, provenance: bool) -> None:  # noqa: FBT001 -- a parameter
        """With and without the ids."""
        data = json.loads(JsonRenderer(provenance=provenance)(reference_report()))

        REPORT_VALIDATOR.validate(data)
        assert ("entries" in data) is provenance

    def test_values_are_exact(self) -> None:
        """Counts are integers, percentages decimal strings."""
        report = build_report(
            [make_request(f"R{n}") for n in range(3)]
            + [make_request("N", response=make_request("x").response.__class__("no_data"))],  # type: ignore[arg-type]
            YEAR,
            rounding=RoundingPolicy(places=2),
        )
        data = JsonRenderer().data(report)

        cells = data["tables"][0]["rows"][0]["cells"]
        assert cells["requests"] == {"value": 4}
        assert cells["percent_provided"]["value"] == "75.00"

    @given(ledgers())
    def test_any_report_is_valid(self, ledger: list[Request]) -> None:
        """With breakdowns, apportioning, and suppression or provenance."""
        for disclosure, provenance in ((Suppression(2), False), (None, True)):
            report = build_report(
                ledger,
                YEAR,
                breakdowns=[OUTCOMES],
                rounding=RoundingPolicy(apportion=True),
                disclosure=disclosure,
            )

            REPORT_VALIDATOR.validate(JsonRenderer(provenance=provenance).data(report))
