"""The JSON renderer: the report as versioned, documented, exact data.

Counts are integers, percentages decimal strings (``"94"``, ``"51.84"``) so that no
reader's float can change them, and the request ids behind every figure come with them
when asked for. The shape is :data:`REPORT_SCHEMA`, shipped as
``transparency_core/schemas/report.schema.json``.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

import attrs

from transparency_core._disclosure import Band, Suppressed, Withheld
from transparency_core._render._escape import json_document
from transparency_core._report import Disposition, Figure, Percentage, RowKind
from transparency_core._rounding import RoundingMode, ZeroDenominator
from transparency_core.exceptions import DisclosureError, NoProvenanceError

if TYPE_CHECKING:
    import enum

    from transparency_core._period import ReportingPeriod
    from transparency_core._report import Cell, Report, Row, Table
    from transparency_core._rounding import RoundingPolicy
    from transparency_core._series import Series

__all__ = ["REPORT_SCHEMA", "REPORT_SCHEMA_ID", "JsonRenderer"]

REPORT_SCHEMA_ID = "https://transparency-core.example/schemas/report-1.schema.json"
"""The identifier of version 1 of the report's JSON shape, written in every output."""


def _values(kind: type[enum.StrEnum]) -> list[str]:
    """The values of an enum, in its order: what the JSON may hold for it."""
    return [member.value for member in kind]


_IDS = {"type": "array", "items": {"type": "string"}}
_COUNT = {
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
_PERCENTAGE = {
    "type": "object",
    "properties": {
        "value": {
            "type": ["string", "null"],
            "pattern": r"^\d+(\.\d+)?$",
            "description": "The rounded percentage as a decimal string; null when blank.",
        },
        "part": _COUNT,
        "whole": _COUNT,
    },
    "required": ["value", "part", "whole"],
    "additionalProperties": False,
}
REPORT_SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "$id": REPORT_SCHEMA_ID,
    "title": "Transparency report",
    "type": "object",
    "properties": {
        "schema": {"const": REPORT_SCHEMA_ID},
        "company": {"type": ["string", "null"]},
        "period": {
            "type": "object",
            "properties": {
                "start": {"type": "string", "format": "date"},
                "end": {"type": "string", "format": "date"},
                "released": {"type": ["string", "null"], "format": "date"},
            },
            "required": ["start", "end", "released"],
            "additionalProperties": False,
        },
        "rounding": {
            "type": "object",
            "properties": {
                "places": {"type": "integer", "minimum": 0},
                "mode": {"enum": _values(RoundingMode)},
                "zero_denominator": {"enum": _values(ZeroDenominator)},
                "apportion": {"type": "boolean"},
            },
            "required": ["places", "mode", "zero_denominator", "apportion"],
            "additionalProperties": False,
        },
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
                                "kind": {"enum": _values(RowKind)},
                                "cells": {
                                    "type": "object",
                                    "additionalProperties": {"anyOf": [_COUNT, _PERCENTAGE]},
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
                        "items": {
                            "type": "object",
                            "properties": {
                                "kind": {"enum": _values(RowKind)},
                                "cells": {
                                    "type": "object",
                                    "additionalProperties": {"anyOf": [_COUNT, _PERCENTAGE]},
                                },
                            },
                            "required": ["kind", "cells"],
                            "additionalProperties": False,
                        },
                    },
                },
                "required": ["key", "title", "columns", "rows"],
                "additionalProperties": False,
            },
        },
        "cross_border": {
            "type": "object",
            "properties": {
                "total": _COUNT,
                "by_country": {"type": "object", "additionalProperties": _COUNT},
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
            "items": {
                "type": "object",
                "properties": {
                    "id": {"type": "string"},
                    "records": {"type": "integer", "minimum": 1},
                    "disposition": {"enum": _values(Disposition)},
                    "reason": {"type": "string"},
                },
                "required": ["id", "records", "disposition", "reason"],
                "additionalProperties": False,
            },
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
"""The JSON Schema of :class:`JsonRenderer`'s output, version 1 (a JSON-ready dict).

Example:
    >>> import json
    >>> import jsonschema
    >>> from transparency_core import reference_report
    >>> output = json.loads(JsonRenderer()(reference_report()))
    >>> jsonschema.validate(output, REPORT_SCHEMA)
    >>> output["schema"] == REPORT_SCHEMA["$id"]
    True
"""
"""The JSON Schema (2020-12) of the JSON renderer's output, version 1."""


def _period(period: ReportingPeriod) -> dict[str, Any]:
    released = period.released
    return {
        "start": period.start.isoformat(),
        "end": period.end.isoformat(),
        "released": None if released is None else released.isoformat(),
    }


def _rounding(rounding: RoundingPolicy) -> dict[str, Any]:
    return {
        "places": rounding.places,
        "mode": rounding.mode.value,
        "zero_denominator": rounding.zero_denominator.value,
        "apportion": rounding.apportion,
    }


@attrs.frozen
class JsonRenderer:
    """Renders a report as JSON in the shape of :data:`REPORT_SCHEMA`.

    Example:
        >>> from transparency_core import reference_report
        >>> data = json.loads(JsonRenderer()(reference_report()))
        >>> data["tables"][0]["rows"][1]["cells"]["percent_provided"]
        {'value': '79', 'part': {'value': 19}, 'whole': {'value': 24}}
    """

    provenance: bool = False
    """Whether to include the request ids of every figure and every ledger entry; for a
    report none of whose figures a disclosure policy withholds."""
    indent: int | None = 2
    """The indentation, or ``None`` for one line."""

    def _count(self, figure: Figure) -> dict[str, Any]:
        data: dict[str, Any] = {}
        match figure.shown:
            case Band(low=low, high=high):
                data["published"] = {"low": low, "high": high}
            case Suppressed(threshold=threshold):
                data["published"] = {"below": threshold}
            case Withheld():
                data["published"] = {"withheld": True}
            case None:
                data["value"] = figure.value
                if self.provenance:  # the ids of a withheld count would give it away
                    data["ids"] = list(figure.ids)
        return data

    def _cell(self, cell: Cell) -> dict[str, Any]:
        if isinstance(cell, Percentage):
            return {
                "value": None if cell.value is None else str(cell.value),
                "part": self._count(cell.part),
                "whole": self._count(cell.whole),
            }
        return self._count(cell)

    def _cells(self, table: Table, row: Row) -> dict[str, Any]:
        return {
            column.key: self._cell(cell)
            for column, cell in zip(table.columns, row.cells, strict=True)
        }

    def _table(self, table: Table) -> dict[str, Any]:
        data: dict[str, Any] = {
            "key": table.key,
            "title": table.title,
            "columns": [{"key": c.key, "heading": c.heading} for c in table.columns],
            "rows": [
                {"country": row.country, "kind": row.kind.value, "cells": self._cells(table, row)}
                for row in table.rows
            ],
        }
        if table.totals:  # only when asked for: without, the output is as it was
            data["totals"] = [
                {"kind": row.kind.value, "cells": self._cells(table, row)} for row in table.totals
            ]
        return data

    def _check(self, report: Report) -> None:
        """Refuse ids that the report does not have, or may not publish."""
        if self.provenance and not report.provenance:
            msg = "the report was counted without provenance: it has no ids to include"
            raise NoProvenanceError(msg)
        if self.provenance and report.withholds:
            msg = (
                "a report with banded, suppressed or withheld figures is published without "
                "request ids: the ids of any figure, or where each request went, would let a "
                "reader count a withheld one (read them internally, in the explain view or "
                "the Report)"
            )
            raise DisclosureError(msg)

    def data(self, report: Report) -> dict[str, Any]:
        """The report as JSON-ready data.

        Raises:
            NoProvenanceError: When ids are asked for (:attr:`provenance`) and the report
                was counted without provenance (a ``ValueError``).
            DisclosureError: When ids are asked for and a disclosure policy withholds a
                figure of the report (a ``ValueError``).
        """
        self._check(report)
        data: dict[str, Any] = {
            "schema": REPORT_SCHEMA_ID,
            "company": report.company,
            "period": _period(report.period),
            "rounding": _rounding(report.rounding),
            "tables": [self._table(table) for table in report.tables],
            "cross_border": {
                "total": self._count(report.cross_border.total),
                "by_country": {
                    country: self._count(figure)
                    for country, figure in report.cross_border.by_country
                },
            },
            # With a figure withheld, the number of records would help compute it.
            "records": None if report.withholds else report.records,
        }
        if self.provenance:
            data["entries"] = [
                {**attrs.asdict(entry), "disposition": entry.disposition.value}
                for entry in report.entries
            ]
        return data

    def __call__(self, report: Report) -> str:
        """Return ``report`` as JSON text."""
        text = json.dumps(self.data(report), indent=self.indent, ensure_ascii=False)
        return json_document(text) + "\n"

    def series(self, series: Series) -> str:
        """Return ``series`` as a JSON list: each period's report, as :meth:`data` gives it."""
        data = [self.data(report) for report in series.reports]
        text = json.dumps(data, indent=self.indent, ensure_ascii=False)
        return json_document(text) + "\n"
