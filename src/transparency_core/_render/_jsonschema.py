"""Version 2 of the report's JSON shape: its JSON Schema, built of reusable ``$defs``.

A report is a list of periods, each self-contained (its period, the settings it was
counted by, its tables, cross-border figures and summary), so that a series of periods
is a report too; the report names the canonical ledger it was counted from by its
digest, and seals its settings with theirs. docs/reference/report-json.md says what
changes bump the version.
"""

from __future__ import annotations

from typing import Any

from transparency_core._canonical import CANONICAL_LEDGER
from transparency_core._render._jsonschema1 import (
    COUNT,
    ENTRY,
    PERCENTAGE,
    PERIOD,
    ROUNDING,
    closed_object,
    enum_values,
)
from transparency_core._report import Disposition, RowKind
from transparency_core._subjects import SubjectCounting

__all__ = ["REPORT_SCHEMA", "REPORT_SCHEMA_ID"]

REPORT_SCHEMA_ID = "urn:transparency-core:report:2"
"""The identifier of version 2 of the report's JSON shape, written in every output."""


def _ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/$defs/{name}"}


_TEXT = {"type": "string"}
_SHA256 = {"type": "string", "pattern": "^[0-9a-f]{64}$"}
_NUMBER = {"type": ["integer", "null"], "minimum": 0}
_DEFS: dict[str, Any] = {
    "count": COUNT,
    "percentage": {
        **PERCENTAGE,
        "properties": {**PERCENTAGE["properties"], "part": _ref("count"), "whole": _ref("count")},
    },
    "time": {
        "description": "A median response time of a row's requests, to two decimals, in "
        "its column's unit; of how many requests with the time, and how many left out "
        "without it. Withheld when the row's counts would let it give a withheld count "
        "away: nothing of it is published then.",
        "oneOf": [
            closed_object(
                {
                    "value": {"type": ["string", "null"], "pattern": "^[0-9]+[.][0-9]{2}$"},
                    "counted": {"type": "integer", "minimum": 0},
                    "left_out": {"type": "integer", "minimum": 0},
                }
            ),
            closed_object({"published": closed_object({"withheld": {"const": True}})}),
        ],
    },
    "cell": {"anyOf": [_ref("count"), _ref("percentage"), _ref("time")]},
    "disclosure": {
        "description": "A disclosure policy; null publishes counts exactly.",
        "oneOf": [
            {"type": "null"},
            closed_object(
                {
                    "kind": {"const": "banding"},
                    "width": {"type": "integer"},
                    "minimum": {"type": ["integer", "null"]},
                }
            ),
            closed_object({"kind": {"const": "suppression"}, "threshold": {"type": "integer"}}),
        ],
    },
    "rounding": ROUNDING,
    "period": PERIOD,
    "settings": closed_object(
        {
            "rounding": _ref("rounding"),
            "disclosure": _ref("disclosure"),
            "actions_in_totals": {"type": "boolean"},
            "categories": {
                "type": "array",
                "items": closed_object(
                    {
                        "name": _TEXT,
                        "action": {"type": "boolean"},
                        "disclosure": _ref("disclosure"),
                    }
                ),
            },
            "legal_processes": {
                "type": "array",
                "items": closed_object({"name": _TEXT, "heading": _TEXT, "definition": _TEXT}),
            },
            "breakdowns": {"type": "array", "items": _TEXT},
            "subjects": {
                "enum": enum_values(SubjectCounting),
                "description": "What the subjects columns count; absent: distinct.",
            },
            "totals": {
                "type": "boolean",
                "description": "Whether each table ends with its total row; absent: false.",
            },
            "response_times": {
                "type": "boolean",
                "description": "Whether the category tables have the median response "
                "times as columns; absent: false.",
            },
        },
        "subjects",
        "totals",
        "response_times",
    ),
    "measure": {
        "type": "object",
        "properties": {
            "measure": {
                "type": "string",
                "description": "requests, subjects, percent, median_time, or a later "
                "measure's name.",
            },
            "part": {"type": ["string", "null"]},
            "whole": {"type": ["string", "null"]},
            "unit": {"enum": ["hours", "days"], "description": "median_time: its unit."},
            "from": {"const": "received", "description": "median_time: the time runs from."},
            "to": {
                "enum": ["acknowledged", "responded"],
                "description": "median_time: the ledger's field the time runs to.",
            },
            "subjects": {
                "enum": ["distinct", "identifiers"],
                "description": (
                    "Of a subjects measure: distinct devices or accounts, or every identifier."
                ),
            },
        },
        "required": ["measure"],
        "additionalProperties": False,
    },
    "column": closed_object(
        {"key": _TEXT, "heading": _TEXT, "definition": _TEXT, "counts": _ref("measure")}
    ),
    "row": closed_object(
        {
            "country": {"type": "string", "pattern": "^[A-Z]{2}$"},
            "kind": {"enum": enum_values(RowKind)},
            "cells": {"type": "object", "additionalProperties": _ref("cell")},
        }
    ),
    "table": closed_object(
        {
            "key": _TEXT,
            "title": _TEXT,
            "description": _TEXT,
            "disclosure": _ref("disclosure"),
            "columns": {"type": "array", "items": _ref("column")},
            "shares_definition": {"type": ["string", "null"]},
            "rows": {"type": "array", "items": _ref("row")},
            "totals": {
                "type": "array",
                "description": "The total row (all countries: counts summed, percentages "
                "of the sums) and its shares; only when asked for.",
                "items": closed_object(
                    {
                        "kind": {"enum": enum_values(RowKind)},
                        "cells": {"type": "object", "additionalProperties": _ref("cell")},
                    }
                ),
            },
        },
        "totals",
    ),
    "cross_border": closed_object(
        {
            "total": _ref("count"),
            "by_country": {"type": "object", "additionalProperties": _ref("count")},
        }
    ),
    "summary": closed_object(
        {
            "records": _NUMBER,
            "requests": _NUMBER,
            "counted": _NUMBER,
            "repeats": _NUMBER,
            "own_table_only": _NUMBER,
            "left_out": {
                "type": "array",
                "items": closed_object(
                    {
                        "reason": {"enum": enum_values(Disposition)},
                        "requests": _NUMBER,
                    }
                ),
            },
            "text": _TEXT,
        }
    ),
    "entry": ENTRY,
    "period_report": closed_object(
        {
            "period": _ref("period"),
            "settings": _ref("settings"),
            "tables": {"type": "array", "items": _ref("table")},
            "cross_border": _ref("cross_border"),
            "summary": _ref("summary"),
            "entries": {"type": "array", "items": _ref("entry")},
        },
        "entries",
    ),
}
REPORT_SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "$id": REPORT_SCHEMA_ID,
    "title": "Transparency report",
    **closed_object(
        {
            "schema": {"const": REPORT_SCHEMA_ID},
            "company": {"type": ["string", "null"]},
            "locale": _TEXT,
            "ledger": closed_object(
                {
                    "canonical": {"const": CANONICAL_LEDGER},
                    "sha256": {**_SHA256, "type": ["string", "null"]},
                }
            ),
            "settings_sha256": _SHA256,
            "periods": {"type": "array", "minItems": 1, "items": _ref("period_report")},
        }
    ),
    "$defs": _DEFS,
}
"""The JSON Schema (2020-12) of :class:`JsonRenderer`'s output, version 2 (a JSON-ready dict).

Example:
    >>> import jsonschema
    >>> from transparency_core import JsonRenderer, reference_report
    >>> output = JsonRenderer().data(reference_report())
    >>> jsonschema.validate(output, REPORT_SCHEMA)
    >>> output["schema"] == REPORT_SCHEMA["$id"] == "urn:transparency-core:report:2"
    True
"""
