"""Version 1 of the report's JSON shape, kept for one release: its JSON Schema.

Deprecated: ``JsonRenderer(version=1)`` writes it, byte for byte as before, until the
next release; version 2 (:mod:`transparency_core._render._jsonschema`) replaces it. Its
shapes of a count and a percentage are version 2's too.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from transparency_core._report import Disposition, RowKind
from transparency_core._rounding import RoundingMode, ZeroDenominator

if TYPE_CHECKING:
    import enum

__all__ = [
    "COUNT",
    "ENTRY",
    "PERCENTAGE",
    "PERIOD",
    "REPORT_SCHEMA_V1",
    "REPORT_SCHEMA_V1_ID",
    "ROUNDING",
    "closed_object",
    "enum_values",
]

REPORT_SCHEMA_V1_ID = "https://transparency-core.example/schemas/report-1.schema.json"
"""The identifier of version 1 of the report's JSON shape, written in every output."""


def enum_values(kind: type[enum.StrEnum]) -> list[str]:
    """The values of an enum, in its order: what the JSON may hold for it."""
    return [member.value for member in kind]


_IDS = {"type": "array", "items": {"type": "string"}}
COUNT: dict[str, Any] = {
    "type": "object",
    "properties": {
        "value": {"type": "integer", "minimum": 0, "description": "The exact count."},
        "published": {
            "description": "What may be published instead, under a disclosure policy: a "
            "band, or a threshold the count is below. The value is then left out.",
            "oneOf": [
                {
                    "type": "object",
                    "properties": {"low": {"type": "integer"}, "high": {"type": "integer"}},
                    "required": ["low", "high"],
                    "additionalProperties": False,
                },
                {
                    "type": "object",
                    "properties": {"below": {"type": "integer"}},
                    "required": ["below"],
                    "additionalProperties": False,
                },
                {
                    "type": "object",
                    "description": "Withheld, so that a banded or suppressed count cannot "
                    "be computed from it: nothing of it is published.",
                    "properties": {"withheld": {"const": True}},
                    "required": ["withheld"],
                    "additionalProperties": False,
                },
            ],
        },
        "ids": {
            **_IDS,
            "description": "The requests counted (with provenance only, and never for a "
            "count that is not published exactly).",
        },
    },
    "oneOf": [{"required": ["value"]}, {"required": ["published"]}],
    "additionalProperties": False,
}
PERCENTAGE: dict[str, Any] = {
    "type": "object",
    "properties": {
        "value": {
            "type": ["string", "null"],
            "pattern": r"^\d+(\.\d+)?$",
            "description": "The rounded percentage as a decimal string; null when blank.",
        },
        "part": COUNT,
        "whole": COUNT,
    },
    "required": ["value", "part", "whole"],
    "additionalProperties": False,
}


def closed_object(properties: dict[str, Any], *optional: str) -> dict[str, Any]:
    """A closed object of ``properties``, every one required but ``optional``."""
    return {
        "type": "object",
        "properties": properties,
        "required": [name for name in properties if name not in optional],
        "additionalProperties": False,
    }


PERIOD = closed_object(
    {
        "start": {"type": "string", "format": "date"},
        "end": {"type": "string", "format": "date"},
        "released": {"type": ["string", "null"], "format": "date"},
    }
)
ROUNDING = closed_object(
    {
        "places": {"type": "integer", "minimum": 0},
        "mode": {"enum": enum_values(RoundingMode)},
        "zero_denominator": {"enum": enum_values(ZeroDenominator)},
        "apportion": {"type": "boolean"},
    }
)
ENTRY = closed_object(
    {
        "id": {"type": "string"},
        "records": {"type": "integer", "minimum": 1},
        "disposition": {"enum": enum_values(Disposition)},
        "reason": {"type": "string"},
    }
)
REPORT_SCHEMA_V1: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "$id": REPORT_SCHEMA_V1_ID,
    "title": "Transparency report",
    "type": "object",
    "properties": {
        "schema": {"const": REPORT_SCHEMA_V1_ID},
        "company": {"type": ["string", "null"]},
        "period": PERIOD,
        "rounding": ROUNDING,
        "tables": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {
                    "key": {"type": "string"},
                    "title": {"type": "string"},
                    "columns": {
                        "type": "array",
                        "items": {
                            "type": "object",
                            "properties": {
                                "key": {"type": "string"},
                                "heading": {"type": "string"},
                            },
                            "required": ["key", "heading"],
                            "additionalProperties": False,
                        },
                    },
                    "rows": {
                        "type": "array",
                        "items": {
                            "type": "object",
                            "properties": {
                                "country": {"type": "string", "pattern": "^[A-Z]{2}$"},
                                "kind": {"enum": enum_values(RowKind)},
                                "cells": {
                                    "type": "object",
                                    "additionalProperties": {"anyOf": [COUNT, PERCENTAGE]},
                                },
                            },
                            "required": ["country", "kind", "cells"],
                            "additionalProperties": False,
                        },
                    },
                    "totals": {
                        "type": "array",
                        "description": "The total row (all countries: counts summed, "
                        "percentages of the sums) and its shares; only when asked for.",
                        "items": closed_object(
                            {
                                "kind": {"enum": enum_values(RowKind)},
                                "cells": {
                                    "type": "object",
                                    "additionalProperties": {"anyOf": [COUNT, PERCENTAGE]},
                                },
                            }
                        ),
                    },
                },
                "required": ["key", "title", "columns", "rows"],
                "additionalProperties": False,
            },
        },
        "cross_border": {
            "type": "object",
            "properties": {
                "total": COUNT,
                "by_country": {"type": "object", "additionalProperties": COUNT},
            },
            "required": ["total", "by_country"],
            "additionalProperties": False,
        },
        "records": {
            "type": ["integer", "null"],
            "minimum": 0,
            "description": "The ledger records counted from; null when a disclosure policy "
            "withholds a figure, which the number would help compute.",
        },
        "entries": {
            "type": "array",
            "description": "Every request id and where it went (with provenance only).",
            "items": ENTRY,
        },
    },
    "required": [
        "schema",
        "company",
        "period",
        "rounding",
        "tables",
        "cross_border",
        "records",
    ],
    "additionalProperties": False,
}
"""The JSON Schema (2020-12) of ``JsonRenderer(version=1)``'s output (deprecated).

Example:
    >>> import jsonschema
    >>> from transparency_core import JsonRenderer, reference_report
    >>> output = JsonRenderer(version=1).data(reference_report())
    >>> jsonschema.validate(output, REPORT_SCHEMA_V1)
    >>> output["schema"] == REPORT_SCHEMA_V1["$id"]
    True
"""
