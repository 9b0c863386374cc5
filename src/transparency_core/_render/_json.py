"""The JSON renderer: the report as versioned, documented, exact data.

Counts are integers, percentages decimal strings (``"94"``, ``"51.84"``) so that no
reader's float can change them, and the request ids behind every figure come with them
when asked for. Version 2, the default, has the shape :data:`REPORT_SCHEMA`, shipped as
``transparency_core/schemas/report.schema.json``: every period, with the settings it was
counted by, what each column counts, its words in the renderer's locale, and what was
left out; and the digests that let a reader verify it. Version 1 (deprecated, until the
next release) is the shape of ``report-1.schema.json``.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

import attrs

from transparency_core._canonical import CANONICAL_LEDGER, sha256
from transparency_core._disclosure import Band, Suppressed, Withheld
from transparency_core._render._base import known_locale
from transparency_core._render._escape import json_document
from transparency_core._render._format import Formatter
from transparency_core._render._jsonparts import (
    rounding_data,
    settings_data,
    summary_data,
    table_words,
    time_cells,
)
from transparency_core._render._jsonschema import REPORT_SCHEMA, REPORT_SCHEMA_ID
from transparency_core._render._jsonschema1 import REPORT_SCHEMA_V1, REPORT_SCHEMA_V1_ID
from transparency_core._render._timecolumns import table_times
from transparency_core._report import Figure, Percentage
from transparency_core.exceptions import DisclosureError, FieldError, NoProvenanceError

if TYPE_CHECKING:
    from collections.abc import Sequence

    from transparency_core._period import ReportingPeriod
    from transparency_core._render._timecolumns import TableTimes
    from transparency_core._report import Cell, Report, Row, Table
    from transparency_core._series import Series

__all__ = [
    "REPORT_SCHEMA",
    "REPORT_SCHEMA_ID",
    "REPORT_SCHEMA_V1",
    "REPORT_SCHEMA_V1_ID",
    "JsonRenderer",
    "settings_seal",
]

VERSIONS = (1, 2)


def _period(period: ReportingPeriod) -> dict[str, Any]:
    released = period.released
    return {
        "start": period.start.isoformat(),
        "end": period.end.isoformat(),
        "released": None if released is None else released.isoformat(),
    }


def settings_seal(data: dict[str, Any]) -> str:
    """The seal of what made a version 2 report, from its data (or its JSON, read back).

    The SHA-256 of the canonical JSON (:mod:`transparency_core._canonical`) of its
    company, locale, and each period's period and settings, as published (a lone
    surrogate as U+FFFD).
    """
    made_by = {
        "company": data["company"],
        "locale": data["locale"],
        "periods": [
            {"period": period["period"], "settings": period["settings"]}
            for period in data["periods"]
        ],
    }
    return sha256(json.loads(json_document(json.dumps(made_by, ensure_ascii=False))))


def _version(_: object, attribute: attrs.Attribute[int], value: int) -> None:
    if value not in VERSIONS:
        raise FieldError(attribute.name, "1 or 2", value)


@attrs.frozen
class JsonRenderer:
    """Renders a report as JSON in the shape of :data:`REPORT_SCHEMA` (version 2).

    Example:
        >>> from transparency_core import reference_report
        >>> data = json.loads(JsonRenderer()(reference_report()))
        >>> period = data["periods"][0]
        >>> period["tables"][0]["rows"][1]["cells"]["percent_provided"]
        {'value': '79', 'part': {'value': 19}, 'whole': {'value': 24}}
        >>> period["tables"][0]["columns"][3]["counts"]
        {'measure': 'percent', 'part': 'provided', 'whole': 'requests'}
    """

    provenance: bool = False
    """Whether to include the request ids of every figure and every ledger entry; for a
    report none of whose figures a disclosure policy withholds."""
    indent: int | None = 2
    """The indentation, or ``None`` for one line."""
    locale: str = attrs.field(default="en", validator=known_locale, kw_only=True)
    """The language of the titles, headings, definitions and summary (version 2)."""
    version: int = attrs.field(default=2, validator=_version, kw_only=True)
    """The version of the shape: 2, or 1 (deprecated: the shape of the previous
    release, written byte for byte as then, until the next release)."""

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

    def _cells(self, table: Table, row: Row, times: TableTimes | None = None) -> dict[str, Any]:
        return {
            **{
                column.key: self._cell(cell)
                for column, cell in zip(table.columns, row.cells, strict=True)
            },
            **time_cells(times, row),
        }

    def _rows(self, table: Table, times: TableTimes | None = None) -> dict[str, Any]:
        """The table's ``rows``, and its ``totals`` when it has them (else none, as before).

        With ``times``, each country's row has its median response times too.
        """
        data: dict[str, Any] = {
            "rows": [
                {
                    "country": row.country,
                    "kind": row.kind.value,
                    "cells": self._cells(table, row, times),
                }
                for row in table.rows
            ]
        }
        if table.totals:
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

    def _cross_border(self, report: Report) -> dict[str, Any]:
        return {
            "total": self._count(report.cross_border.total),
            "by_country": {
                country: self._count(figure) for country, figure in report.cross_border.by_country
            },
        }

    def _entries(self, report: Report) -> list[dict[str, Any]]:
        return [
            {**attrs.asdict(entry), "disposition": entry.disposition.value}
            for entry in report.entries
        ]

    def _table(self, report: Report, table: Table, formatter: Formatter) -> dict[str, Any]:
        """A table in version 2: its words, then its rows (with their response times)."""
        times = table_times(report, table)
        words = table_words(table, formatter, times, report.settings.subjects)
        return {**words, **self._rows(table, times)}

    def period_data(self, report: Report) -> dict[str, Any]:
        """One period of ``report`` in version 2, self-contained: an item of ``periods``.

        A series of reports is a version 2 report whose ``periods`` are theirs.
        """
        self._check(report)
        formatter = Formatter(self.locale)
        data: dict[str, Any] = {
            "period": _period(report.period),
            "settings": settings_data(report),
            "tables": [self._table(report, table, formatter) for table in report.tables],
            "cross_border": self._cross_border(report),
            "summary": summary_data(report, formatter),
        }
        if self.provenance:
            data["entries"] = self._entries(report)
        return data

    def data(self, report: Report) -> dict[str, Any]:
        """The report as JSON-ready data, in the shape of :attr:`version`.

        Raises:
            NoProvenanceError: When ids are asked for (:attr:`provenance`) and the report
                was counted without provenance (a ``ValueError``).
            DisclosureError: When ids are asked for and a disclosure policy withholds a
                figure of the report (a ``ValueError``).
        """
        if self.version == 1:
            return self._data_v1(report)
        return self.periods_data([report])

    def periods_data(self, reports: Sequence[Report]) -> dict[str, Any]:
        """Reports of one company and one ledger, a period each, as one version 2 report.

        Raises:
            FieldError: When the reports are none, or name different companies or
                ledgers (a ``ValueError``).

        Example:
            >>> from transparency_core import ReportingPeriod, build_report, reference_ledger
            >>> halves = [ReportingPeriod.parse(text) for text in
            ...           ("2020-01-01/2020-06-30", "2020-07-01/2020-12-31")]
            >>> reports = [build_report(reference_ledger(), half) for half in halves]
            >>> data = JsonRenderer().periods_data(reports)
            >>> [period["period"]["end"] for period in data["periods"]]
            ['2020-06-30', '2020-12-31']
        """
        made_by = {(report.company, report.ledger_digest) for report in reports}
        if len(made_by) != 1:
            expected = "one report or more, of one company and one ledger digest"
            raise FieldError("reports", expected, sorted(made_by, key=str))
        company, digest = made_by.pop()
        data: dict[str, Any] = {
            "schema": REPORT_SCHEMA_ID,
            "company": company,
            "locale": self.locale,
            "ledger": {"canonical": CANONICAL_LEDGER, "sha256": digest},
            "periods": [self.period_data(report) for report in reports],
        }
        return {**data, "settings_sha256": settings_seal(data)}

    def _data_v1(self, report: Report) -> dict[str, Any]:
        """Version 1: one period, the tables without their words, the records counted."""
        self._check(report)
        data: dict[str, Any] = {
            "schema": REPORT_SCHEMA_V1_ID,
            "company": report.company,
            "period": _period(report.period),
            "rounding": rounding_data(report.rounding),
            "tables": [
                {
                    "key": table.key,
                    "title": table.title,
                    "columns": [{"key": c.key, "heading": c.heading} for c in table.columns],
                    **self._rows(table),
                }
                for table in report.tables
            ],
            "cross_border": self._cross_border(report),
            # With a figure withheld, the number of records would help compute it.
            "records": None if report.withholds else report.records,
        }
        if self.provenance:
            data["entries"] = self._entries(report)
        return data

    def __call__(self, report: Report) -> str:
        """Return ``report`` as JSON text."""
        text = json.dumps(self.data(report), indent=self.indent, ensure_ascii=False)
        return json_document(text) + "\n"

    def series(self, series: Series | Sequence[Report]) -> str:
        """Return a series (or reports of one company, a period each) as JSON text.

        Version 2: one report whose ``periods`` are the series' (:meth:`periods_data`).
        Version 1 (deprecated): a JSON list of each period's report, as :meth:`data`
        gives it.
        """
        reports = tuple(getattr(series, "reports", series))
        data: Any = (
            [self.data(report) for report in reports]
            if self.version == 1
            else self.periods_data(reports)
        )
        text = json.dumps(data, indent=self.indent, ensure_ascii=False)
        return json_document(text) + "\n"
