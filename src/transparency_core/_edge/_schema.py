"""The JSON Schema of a ledger record, generated from the value objects.

The schema is made from the attrs fields of :class:`Request`, :class:`Identifier` and
:class:`Response` (names, types, which are required), their enums, the country codes and
the registered categories and legal process types, so it cannot drift from what
:func:`structure_ledger` accepts. The package ships it for the default registries as
``transparency_core/schemas/ledger-record.schema.json``.

Some rules span fields and no JSON Schema can state them (``amends`` differs from
``id``; ``data_country`` from ``country``; repeated ids agree): the converter checks
them, so a record the converter accepts is always valid against the schema, but not the
other way round.
"""

from __future__ import annotations

import enum
import typing
from datetime import date
from types import NoneType, UnionType
from typing import TYPE_CHECKING, Any

import attrs

from transparency_core._checks import COUNTRY_CODES
from transparency_core._eu import ILLEGAL_CONTENT, MEMBER_STATES
from transparency_core._model import Identifier, Outcome, Request, Response
from transparency_core._specs import DEFAULT_LEGAL_PROCESSES, SHIPPED_CATEGORIES
from transparency_core.exceptions import NoSchemaError

if TYPE_CHECKING:
    from collections.abc import Iterable

    from transparency_core._specs import Category, LegalProcess

__all__ = ["SCHEMA_ID", "ledger_record_schema"]

SCHEMA_ID = "urn:transparency-core:ledger-record:1"
_NON_BLANK = {"type": "string", "pattern": r"\S"}
_DESCRIPTIONS = {
    "id": "The request's reference, unique per request; records that repeat it are one request.",
    "received": "When the request arrived: a YYYY-MM-DD date, or an ISO 8601 date-time "
    "with an offset; its calendar day (in its own offset) decides its reporting period.",
    "country": "The requesting authority's country (ISO 3166-1 alpha-2).",
    "category": "The category of the request.",
    "identifiers": "The identifiers of the devices, financial identifiers or accounts requested.",
    "response": "What the company did.",
    "legal_process": "The legal process the request rests on; null for a request that is "
    "not a court's legal process.",
    "data_country": "Where the requested data is held, when not in 'country': a "
    "cross-border request.",
    "emergency": "The request cites a threat to someone's safety.",
    "amends": "The id of the request this one amends.",
    "acknowledged": "When the authority was told the request was received: of the kind "
    "'received' is (a date, or a date-time with an offset), not before it.",
    "responded": "When the company gave effect to the request or answered it: of the kind "
    "'received' is, not before it.",
    "dsa_order": "For an order of a Member State's authority under the EU's Digital "
    "Services Act: information (Article 10) or act (Article 9).",
    "illegal_content": "For a DSA order, and only then: the Commission's category of the "
    "illegal content concerned.",
    "type": "The identifier's type.",
    "value": "The identifier itself.",
    "subject": "The one device, financial identifier or account the identifier belongs to; "
    "by default the identifier itself.",
    "outcome": "provided: data was handed over; no_data: none was found (or none asked "
    "for); rejected: nothing was handed over; pending: not answered yet.",
    "data": "Required when provided, absent otherwise: content (with or without "
    "non-content) or non_content only.",
    "challenged": "The company pushed back on the request, in part or in full.",
    "notified": "Whether the customer was told: notified, prohibited by law or court "
    "order, withheld under an exception, or not yet.",
    "action": "For a request that asks for an action: what was done to the accounts.",
}


_DATE = {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}$"}
_MOMENT = {
    "anyOf": [
        _DATE,
        {
            "type": "string",
            "pattern": r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})$",
        },
    ]
}
_SIMPLE: dict[object, dict[str, Any]] = {
    str: _NON_BLANK,
    bool: {"type": "boolean"},
    date: _DATE,
}


def _type_schema(annotation: object, overrides: dict[str, Any], name: str) -> dict[str, Any]:
    """The schema of one field: an override by name, or one made from its type."""
    schema: dict[str, Any]
    origin = typing.get_origin(annotation)
    if name in overrides:
        schema = overrides[name]
    elif origin is UnionType or origin is typing.Union:
        [arm] = [arm for arm in typing.get_args(annotation) if arm is not NoneType]
        schema = {"anyOf": [_type_schema(arm, {}, name), {"type": "null"}]}
    elif isinstance(annotation, type) and issubclass(annotation, enum.Enum):
        schema = {"enum": [member.value for member in annotation]}
    elif annotation in _SIMPLE:
        schema = dict(_SIMPLE[annotation])
    else:  # pragma: no cover -- a field of a type the ledger format does not have
        msg = f"no JSON Schema for {annotation!r}"
        raise NoSchemaError(msg)
    return schema


def _class_schema(cls: type, overrides: dict[str, Any]) -> dict[str, Any]:
    hints = typing.get_type_hints(cls)
    properties: dict[str, Any] = {}
    required = []
    for field in attrs.fields(cls):
        schema = _type_schema(hints[field.name], overrides, field.name)
        description = _DESCRIPTIONS.get(field.name)
        properties[field.name] = {"description": description, **schema} if description else schema
        if field.default is attrs.NOTHING:
            required.append(field.name)
    return {
        "type": "object",
        "properties": properties,
        "required": required,
        "additionalProperties": False,
    }


def _response_schema(overrides: dict[str, Any]) -> dict[str, Any]:
    """The schema of a response: data with ``provided`` only, no action when not settled."""
    response = _class_schema(Response, overrides)
    response["allOf"] = [
        {
            "if": {"properties": {"outcome": {"const": Outcome.PROVIDED.value}}},
            "then": {"required": ["data"], "properties": {"data": {"not": {"type": "null"}}}},
            "else": {"properties": {"data": {"type": "null"}}},
        },
        {
            "if": {
                "properties": {"outcome": {"enum": [Outcome.REJECTED.value, Outcome.PENDING.value]}}
            },
            "then": {"properties": {"action": {"type": "null"}}},
        },
    ]
    return response


_ORDER_RULES = {
    "if": {"required": ["dsa_order"], "properties": {"dsa_order": {"type": "string"}}},
    "then": {
        "required": ["illegal_content"],
        "properties": {
            "illegal_content": {"type": "string"},
            "country": {"enum": sorted(MEMBER_STATES)},
        },
    },
    "else": {"properties": {"illegal_content": {"type": "null"}}},
}
"""A DSA order names its category of illegal content and comes from a Member State."""


def ledger_record_schema(
    categories: Iterable[Category] | None = None,
    legal_processes: Iterable[LegalProcess] = DEFAULT_LEGAL_PROCESSES,
) -> dict[str, Any]:
    """The JSON Schema (2020-12) of one ledger record, for these registries.

    Example:
        >>> schema = ledger_record_schema()
        >>> schema["required"]
        ['id', 'received', 'country', 'category', 'identifiers', 'response']
        >>> schema["properties"]["response"]["properties"]["outcome"]["enum"]
        ['provided', 'no_data', 'rejected', 'pending']
    """
    registered = list(SHIPPED_CATEGORIES if categories is None else categories)
    countries = {"type": "string", "enum": sorted(COUNTRY_CODES)}
    identifier_types = sorted({kind for c in registered for kind in c.identifier_types})
    processes = [process.name for process in legal_processes]
    overrides: dict[str, Any] = {
        "country": countries,
        "data_country": {"anyOf": [countries, {"type": "null"}]},
        "category": {"enum": [category.name for category in registered]},
        "legal_process": {"anyOf": [{"enum": processes}, {"type": "null"}]},
        "type": {"enum": identifier_types},
        "received": _MOMENT,
        "acknowledged": {"anyOf": [*_MOMENT["anyOf"], {"type": "null"}]},
        "responded": {"anyOf": [*_MOMENT["anyOf"], {"type": "null"}]},
        "illegal_content": {"anyOf": [{"enum": list(ILLEGAL_CONTENT)}, {"type": "null"}]},
    }
    overrides["response"] = _response_schema(overrides)
    overrides["identifiers"] = {
        "type": "array",
        "minItems": 1,
        "items": _class_schema(Identifier, overrides),
    }
    schema = _class_schema(Request, overrides)
    schema["allOf"] = [
        {
            "if": {"properties": {"category": {"const": category.name}}},
            "then": {
                "properties": {
                    "identifiers": {
                        "items": {"properties": {"type": {"enum": list(category.identifier_types)}}}
                    }
                }
            },
        }
        for category in registered
    ]
    schema["allOf"].append(_ORDER_RULES)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "Ledger record",
        "description": "One request for customer data, as transparency_core reads it.",
        **schema,
    }
