"""The JSON renderer: versioned, exact, self-describing, valid against the shipped schemas."""

from __future__ import annotations

import json
import random
import re
from collections import Counter
from importlib.resources import files
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs
import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from builders import make_request
from strategies import ledgers
from transparency_core import (
    OUTCOMES,
    REPORT_SCHEMA,
    REPORT_SCHEMA_V1,
    SHIPPED_BREAKDOWNS,
    SHIPPED_CATEGORIES,
    Banding,
    JsonRenderer,
    Outcome,
    ReportingPeriod,
    Request,
    Response,
    RoundingPolicy,
    Suppression,
    TextRenderer,
    build_report,
    ledger_digest,
    reference_ledger,
    reference_report,
)
from transparency_core._render._catalog import LANGUAGES
from transparency_core._specs import DEVICE
from transparency_core.exceptions import FieldError

if TYPE_CHECKING:
    from collections.abc import Sequence

YEAR = ReportingPeriod.calendar_year(2020)
REPORT_VALIDATOR = jsonschema.Draft202012Validator(REPORT_SCHEMA)
V1_VALIDATOR = jsonschema.Draft202012Validator(REPORT_SCHEMA_V1)
PAGE = Path(__file__).parent.parent / "docs" / "reference" / "report-json.md"
DISCLOSURES = (None, Suppression(2), Suppression(10), Banding(100), Banding(250, minimum=1))


def _paths(node: dict[str, Any], prefix: str) -> list[str]:
    """Every property under ``node``, as a dotted path (``[]`` for a list's items)."""
    found = []
    for name, child in node.get("properties", {}).items():
        path = f"{prefix}{name}"
        found.append(path)
        found.extend(_paths(child, f"{path}."))
        if "items" in child:
            found.extend(_paths(child["items"], f"{path}[]."))
    return found


def _refs(node: object) -> set[str]:
    """Every ``$ref`` under ``node``."""
    if isinstance(node, dict):
        return {node["$ref"]} if "$ref" in node else set().union(*map(_refs, node.values()))
    if isinstance(node, list):
        return set().union(*map(_refs, node))
    return set()


def _counts(data: dict[str, Any]) -> list[dict[str, Any]]:
    """Every count of a period, in cells, parts and wholes and the cross-border figures."""
    found = [data["cross_border"]["total"], *data["cross_border"]["by_country"].values()]
    for table in data["tables"]:
        for row in table["rows"]:
            for cell in row["cells"].values():
                found.extend([cell["part"], cell["whole"]] if "part" in cell else [cell])
    return found


class TestTheSchema:
    """Shipped, versioned by a stable id, built of reusable definitions, documented."""

    @pytest.mark.parametrize(
        ("name", "schema"),
        [("report.schema.json", REPORT_SCHEMA), ("report-1.schema.json", REPORT_SCHEMA_V1)],
    )
    def test_the_shipped_schema_files_are_the_schemas(
        self, name: str, schema: dict[str, Any]
    ) -> None:
        """scripts/make_schemas.py wrote them."""
        shipped = files("transparency_core").joinpath("schemas", name)

        assert json.loads(shipped.read_text(encoding="utf-8")) == schema
        jsonschema.Draft202012Validator.check_schema(schema)

    def test_its_id_is_a_stable_urn_not_an_example_domain(self) -> None:
        """Version 2 is ``urn:transparency-core:report:2``, and every output names it."""
        assert REPORT_SCHEMA["$id"] == "urn:transparency-core:report:2"
        assert JsonRenderer().data(reference_report())["schema"] == REPORT_SCHEMA["$id"]
        assert REPORT_SCHEMA["properties"]["schema"] == {"const": REPORT_SCHEMA["$id"]}

    def test_every_definition_is_used_and_every_reference_defined(self) -> None:
        """The ``$defs`` are reused, none is dead, none is missing."""
        defined = {f"#/$defs/{name}" for name in REPORT_SCHEMA["$defs"]}

        assert _refs(REPORT_SCHEMA) == defined
        assert len(defined) > 10

    def test_every_field_is_documented(self) -> None:
        """The reference page has a row for every property, at its path or its definition's."""
        page = PAGE.read_text("utf-8")
        fields = _paths(REPORT_SCHEMA, "")
        for name, definition in REPORT_SCHEMA["$defs"].items():
            fields.extend(_paths(definition, f"{name}."))

        assert len(fields) > 60
        assert [field for field in fields if f"| `{field}` |" not in page] == []

    def test_the_versioning_policy_is_written(self) -> None:
        """The reference page says what bumps the version, and what does not."""
        page = PAGE.read_text("utf-8")

        assert "## Versioning policy" in page
        assert "bumps the version" in page


class TestVersion2:
    """Every period, its settings, what each column counts, its words, what was left out."""

    @pytest.mark.parametrize("provenance", [False, True])
    def test_the_reference_report_is_valid(self, provenance: bool) -> None:  # noqa: FBT001 -- a parameter
        """With and without the ids."""
        data = json.loads(JsonRenderer(provenance=provenance)(reference_report()))

        REPORT_VALIDATOR.validate(data)
        assert ("entries" in data["periods"][0]) is provenance

    def test_values_are_exact(self) -> None:
        """Counts are integers, percentages decimal strings."""
        ledger = [make_request(f"R{n}") for n in range(3)]
        ledger.append(make_request("N", response=Response(Outcome.NO_DATA)))
        report = build_report(ledger, YEAR, rounding=RoundingPolicy(places=2))

        cells = JsonRenderer().data(report)["periods"][0]["tables"][0]["rows"][0]["cells"]

        assert cells["requests"] == {"value": len(ledger)}
        assert cells["percent_provided"]["value"] == f"{100 * 3 / len(ledger):.2f}"

    def test_a_percentage_names_the_columns_it_is_of(self) -> None:
        """Each percentage's part and whole are the cells of the columns it names."""
        report = build_report(reference_ledger(), YEAR, breakdowns=SHIPPED_BREAKDOWNS)
        checked = 0
        for table in JsonRenderer().data(report)["periods"][0]["tables"]:
            percents = [c for c in table["columns"] if c["counts"]["measure"] == "percent"]
            for column in percents:
                for row in (row for row in table["rows"] if row["kind"] == "counts"):
                    cell = row["cells"][column["key"]]
                    for side in ("part", "whole"):
                        named = column["counts"][side]  # null: no column counts it alone
                        if named is not None:
                            assert cell[side] == row["cells"][named]
                            checked += 1

        assert checked > 10

    def test_every_column_says_what_it_counts(self) -> None:
        """Requests, subjects (devices, accounts) or a percentage, from the column's measure."""
        tables = JsonRenderer().data(reference_report())["periods"][0]["tables"]
        device = tables[0]

        assert [column["counts"]["measure"] for column in device["columns"]] == [
            type(column.measure).__name__.lower() for column in DEVICE.columns
        ]
        assert device["columns"][1]["definition"] == DEVICE.columns[1].definition

    def test_the_words_are_translated(self) -> None:
        """Titles, headings and definitions in the renderer's locale, as the text shows them."""
        english = JsonRenderer().data(reference_report())["periods"][0]["tables"][0]
        german = JsonRenderer(locale="de_DE").data(reference_report())["periods"][0]["tables"][0]
        text = " ".join(TextRenderer(locale="de_DE")(reference_report()).split())

        assert german["title"] != english["title"]
        for column, original in zip(german["columns"], english["columns"], strict=True):
            assert column["heading"] != original["heading"]
            assert column["heading"] in text
            assert " ".join(column["definition"].split()) in text
        assert german["title"] in text

    def test_the_summary_says_what_was_counted_and_left_out(self) -> None:
        """Its numbers are the report's, each reason counted apart."""
        report = reference_report()
        summary = JsonRenderer().data(report)["periods"][0]["summary"]
        reasons = Counter(entry.disposition.value for entry in report.left_out())

        assert summary["records"] == report.summary.records
        assert summary["counted"] == report.summary.counted
        assert summary["repeats"] == report.summary.records - report.summary.requests
        assert {item["reason"]: item["requests"] for item in summary["left_out"]} == {
            "out_of_period": reasons["out_of_period"],
            "category_not_in_report": reasons["category_not_in_report"],
        }
        assert summary["text"] in TextRenderer()(report).replace("\n", " ")

    def test_the_disclosure_policy_of_each_category_and_table(self) -> None:
        """A category's own policy for its table, the report's for the others."""
        banded = attrs.evolve(DEVICE, disclosure=Banding(250, minimum=1))
        report = build_report(
            reference_ledger(),
            YEAR,
            categories=[banded, *SHIPPED_CATEGORIES[1:3]],
            breakdowns=[OUTCOMES],
            disclosure=Suppression(5),
        )
        period = JsonRenderer().data(report)["periods"][0]
        policies = {table["key"]: table["disclosure"] for table in period["tables"]}

        assert period["settings"]["disclosure"] == {"kind": "suppression", "threshold": 5}
        assert period["settings"]["categories"][0]["disclosure"] == {
            "kind": "banding",
            "width": 250,
            "minimum": 1,
        }
        assert policies["device"] == period["settings"]["categories"][0]["disclosure"]
        assert (
            policies["outcomes"]
            == policies["legal_process"]
            == {
                "kind": "suppression",
                "threshold": 5,
            }
        )

    def test_a_series_is_a_report_of_several_periods(self) -> None:
        """Each period self-contained; the ledger named once."""
        ledger = reference_ledger()
        halves = [
            ReportingPeriod.parse(p) for p in ("2020-01-01/2020-06-30", "2020-07-01/2020-12-31")
        ]
        digest = ledger_digest(ledger)
        reports = [build_report(ledger, half, ledger_digest=digest) for half in halves]

        data = JsonRenderer().periods_data(reports)

        REPORT_VALIDATOR.validate(data)
        assert [period["period"]["start"] for period in data["periods"]] == [
            "2020-01-01",
            "2020-07-01",
        ]
        assert data["periods"][1] == JsonRenderer().period_data(reports[1])

    def test_a_series_of_two_ledgers_is_refused(self) -> None:
        """Its digest would be a silent choice."""
        reports = [build_report(reference_ledger(), YEAR, ledger_digest=d) for d in ("a", "b")]

        with pytest.raises(FieldError) as caught:
            JsonRenderer().periods_data(reports)

        assert caught.value.path == "reports"

    def test_an_unknown_version_is_refused(self) -> None:
        """When the renderer is made."""
        with pytest.raises(FieldError) as caught:
            JsonRenderer(version=3)

        assert str(caught.value) == "version: expected 1 or 2, got 3"

    def test_the_same_records_in_any_order_give_the_same_bytes(self) -> None:
        """Determinism, from the records to the bytes, digest included."""
        ledger = reference_ledger()
        shuffled = random.Random(7).sample(ledger, len(ledger))  # noqa: S311 -- an order

        def published(requests: Sequence[Request]) -> str:
            report = build_report(requests, YEAR, ledger_digest=ledger_digest(requests))
            return JsonRenderer()(report)

        assert published(shuffled) == published(ledger)
        assert ledger_digest(shuffled) == ledger_digest(ledger)


class TestVersion1:
    """Kept for one release, byte for byte (tests/golden/reference-2020.json)."""

    @pytest.mark.parametrize("provenance", [False, True])
    def test_the_reference_report_is_valid(self, provenance: bool) -> None:  # noqa: FBT001 -- a parameter
        """With and without the ids, against version 1's schema."""
        data = JsonRenderer(version=1, provenance=provenance).data(reference_report())

        V1_VALIDATOR.validate(data)
        assert data["schema"] == REPORT_SCHEMA_V1["$id"]


OPTIONS = st.fixed_dictionaries(
    {
        "breakdowns": st.sampled_from([(), (OUTCOMES,), SHIPPED_BREAKDOWNS]),
        "disclosure": st.sampled_from(DISCLOSURES),
        "categories": st.sampled_from([SHIPPED_CATEGORIES[:3], SHIPPED_CATEGORIES]),
        "rounding": st.sampled_from(
            [
                RoundingPolicy(),
                RoundingPolicy(places=2, apportion=True),
                RoundingPolicy(mode="floor"),
            ]
        ),
        "actions_in_totals": st.booleans(),
    }
)


class TestAnyReport:
    """Every option, every locale: valid, and nothing of a withheld figure but its band."""

    @settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow])
    @given(
        ledger=ledgers(),
        options=OPTIONS,
        locale=st.sampled_from([*LANGUAGES, "ar", "de_DE"]),
        provenance=st.booleans(),
    )
    def test_any_report_is_valid(
        self,
        ledger: list[Request],
        options: dict[str, Any],
        locale: str,
        provenance: bool,  # noqa: FBT001 -- drawn
    ) -> None:
        """With breakdowns, suppression, banding, all categories, apportioning, any locale."""
        report = build_report(ledger, YEAR, **options, ledger_digest=ledger_digest(ledger))
        renderer = JsonRenderer(locale=locale, provenance=provenance and not report.withholds)
        data = json.loads(renderer(report))

        REPORT_VALIDATOR.validate(data)
        assert data["ledger"]["sha256"] == ledger_digest(ledger)
        period = data["periods"][0]
        for count in _counts(period):
            assert ("value" in count) is ("published" not in count)
        for table in period["tables"]:
            for cell in (cell for row in table["rows"] for cell in row["cells"].values()):
                if "part" in cell and ("published" in cell["part"] or "published" in cell["whole"]):
                    assert cell["value"] is None
        if report.withholds:
            summary = period["summary"]
            assert {summary[name] for name in ("records", "requests", "counted", "repeats")} == {
                None
            }
            assert not re.search(r'"ids"', json.dumps(data))
