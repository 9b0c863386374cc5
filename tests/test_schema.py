"""The shipped JSON Schema of a ledger record: generated, valid, and in step with the edge."""

from __future__ import annotations

import json
from importlib.resources import files
from pathlib import Path

import jsonschema
from hypothesis import given

from strategies import ledgers
from transparency_core import (
    Request,
    ledger_record_schema,
    reference_records,
    unstructure_ledger,
)

ROOT = Path(__file__).parent.parent
SHIPPED = files("transparency_core").joinpath("schemas", "ledger-record.schema.json")
VALIDATOR = jsonschema.Draft202012Validator(ledger_record_schema())


class TestSchema:
    """The schema the package ships is the one the value objects make."""

    def test_the_shipped_file_is_the_generated_schema(self) -> None:
        """scripts/make_schemas.py wrote it from the current value objects."""
        assert json.loads(SHIPPED.read_text(encoding="utf-8")) == ledger_record_schema()

    def test_its_id_names_no_example_domain(self) -> None:
        """A URN of its own, versioned, as the report schema's (not an example web address)."""
        assert ledger_record_schema()["$id"] == "urn:transparency-core:ledger-record:1"

    def test_it_is_a_valid_2020_12_schema(self) -> None:
        """Jsonschema's own meta-schema check."""
        jsonschema.Draft202012Validator.check_schema(ledger_record_schema())

    def test_every_reference_record_is_valid(self) -> None:
        """241 records, no error."""
        errors = [list(VALIDATOR.iter_errors(record)) for record in reference_records()]

        assert sum(map(len, errors)) == 0

    @given(ledgers())
    def test_every_record_the_library_writes_is_valid(self, ledger: list[Request]) -> None:
        """unstructure_ledger's output always passes the schema."""
        for record in unstructure_ledger(ledger):
            assert VALIDATOR.is_valid(record), record

    def test_it_states_the_per_category_identifier_types(self) -> None:
        """An email is no device identifier, for the schema as for the converter."""
        record = reference_records()[1]
        bad = {**record, "identifiers": [{"type": "email", "value": "a@example.com"}]}

        assert record["category"] == "device"
        assert not VALIDATOR.is_valid(bad)

    def test_every_field_is_documented(self) -> None:
        """docs/reference/ledger.md has a row for every property of the schema."""
        ledger_md = (ROOT / "docs" / "reference" / "ledger.md").read_text(encoding="utf-8")
        schema = ledger_record_schema()
        fields = [
            *schema["properties"],
            *schema["properties"]["response"]["properties"],
        ]

        assert [field for field in fields if f"| `{field}` |" not in ledger_md] == []
