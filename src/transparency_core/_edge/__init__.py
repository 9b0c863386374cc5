"""The edge: ledger records read in, strictly, and written out; the reference data.

The family's face to the rest of the package, which imports from here only:

- ``_values``: the ledger's JSON types, checked one raw value at a time;
- ``_convert``: the cattrs converter, whose hooks those checks are;
- ``_shortest``: a request's shortest form, the converter's unstructure hook;
- ``_usual``: the fast path for the usual record, by the same checks;
- ``_reader``: records to requests with every problem, ``structure_ledger`` and
  ``tally_ledger``;
- ``_jsonlines``: one line of JSON Lines to one record, the one line reader;
- ``_jsonstream``: JSON text in chunks to records, a JSON array or JSON Lines;
- ``_schema``: the JSON Schema of a record, made from the value objects;
- ``_reference``: the reference ledger and report, from ``_data/``;
- ``_digest``: the canonical ledger and its digest, which a published report carries;
- ``_recordtext``: a request's canonical JSON written directly, what its digest is of;
- ``_rows/``: spreadsheets in: rows of CSV, XLSX or mappings read as records are.
"""

from __future__ import annotations

from transparency_core._edge._convert import (
    configure_converter,
    make_converter,
    unstructure_ledger,
)
from transparency_core._edge._digest import (
    canonical_ledger,
    ledger_digest,
    record_digest,
    record_digester,
    sorted_digest,
)
from transparency_core._edge._jsonlines import (
    UNREAD,
    TextError,
    blank_line,
    line_reader,
    quick_line,
    read_line,
)
from transparency_core._edge._jsonstream import iter_json_records
from transparency_core._edge._reader import (
    MAX_PROBLEMS,
    Reader,
    raise_problems,
    structure_ledger,
    tally_ledger,
)
from transparency_core._edge._reference import (
    reference_ledger,
    reference_period,
    reference_records,
    reference_report,
)
from transparency_core._edge._rows import (
    UTF16_BOMS,
    XLSX_MISSING,
    Sheet,
    csv_sheet,
    structure_rows,
    structure_sheets,
    xlsx_sheets,
)
from transparency_core._edge._schema import ledger_record_schema
from transparency_core._edge._values import text

__all__ = [
    "MAX_PROBLEMS",
    "UNREAD",
    "UTF16_BOMS",
    "XLSX_MISSING",
    "Reader",
    "Sheet",
    "TextError",
    "blank_line",
    "canonical_ledger",
    "configure_converter",
    "csv_sheet",
    "iter_json_records",
    "ledger_digest",
    "ledger_record_schema",
    "line_reader",
    "make_converter",
    "quick_line",
    "raise_problems",
    "read_line",
    "record_digest",
    "record_digester",
    "reference_ledger",
    "reference_period",
    "reference_records",
    "reference_report",
    "sorted_digest",
    "structure_ledger",
    "structure_rows",
    "structure_sheets",
    "tally_ledger",
    "text",
    "unstructure_ledger",
    "xlsx_sheets",
]
