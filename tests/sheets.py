"""Ledgers written as a team's spreadsheet holds them: rows of text, CSV, XLSX.

Written independently of the reader: the baseline headers spelled out here, and the
identifiers cell's syntax written as the docs describe it.
"""

from __future__ import annotations

import codecs
import csv
import io
from typing import TYPE_CHECKING

import attrs

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence
    from datetime import date

    from transparency_core import Identifier, Request

HEADER = (
    "id",
    "received",
    "country",
    "category",
    "identifiers",
    "legal_process",
    "data_country",
    "emergency",
    "amends",
    "acknowledged",
    "responded",
    "dsa_order",
    "illegal_content",
    "outcome",
    "data",
    "challenged",
    "notified",
    "action",
)
TABLE_HEADER = ("id", "type", "value", "subject")


def escaped(value: str) -> str:
    r"""A value as the identifiers cell writes it: ``,``, ``;`` and ``\`` after a backslash."""
    return "".join(f"\\{character}" if character in ",;\\" else character for character in value)


def _yes(value: bool) -> str:  # noqa: FBT001 -- a cell's value
    return "yes" if value else "no"


def _moment(moment: date | None) -> str:
    """A date or date-time cell as text: ISO 8601, a date-time with its offset."""
    return "" if moment is None else moment.isoformat()


def _grouped(identifiers: Iterable[Identifier]) -> str:
    """The identifiers cell of every identifier: those of one subject together."""
    groups: dict[object, list[str]] = {}
    for place, item in enumerate(identifiers):
        written = f"{item.type}:{escaped(item.value)}"
        groups.setdefault(place if item.subject is None else item.subject, []).append(written)
    return "; ".join(", ".join(group) for group in groups.values())


def ledger_tables(
    ledger: Iterable[Request], *, grouped: bool = False
) -> tuple[list[dict[str, str]], list[dict[str, str]]]:
    """The requests table and the identifiers table of a ledger, every cell text.

    An identifier without a subject goes in the ``identifiers`` cell, one device each
    (``;``); one with a subject goes in the identifiers table, once per request id.
    ``grouped``: every identifier in the cell, those of one subject together (``,``),
    and no identifiers table.
    """
    rows: list[dict[str, str]] = []
    table: list[dict[str, str]] = []
    written: set[str] = set()
    for request in ledger:
        response = request.response
        cells = [request.id, request.received.isoformat(), request.country, request.category]
        unnamed = [item for item in request.identifiers if grouped or item.subject is None]
        cells.append(_grouped(unnamed))
        cells += [request.legal_process or "", request.data_country or ""]
        cells += [_yes(request.emergency), request.amends or ""]
        cells += [_moment(request.acknowledged), _moment(request.responded)]
        cells.append(request.dsa_order.value if request.dsa_order else "")
        cells += [request.illegal_content or "", response.outcome.value]
        cells += [response.data.value if response.data else "", _yes(response.challenged)]
        cells.append(response.notified.value if response.notified else "")
        cells.append(response.action.value if response.action else "")
        rows.append(dict(zip(HEADER, cells, strict=True)))
        if request.id not in written and not grouped:
            written.add(request.id)
            table.extend(
                {"id": request.id, "type": item.type, "value": item.value, "subject": item.subject}
                for item in request.identifiers
                if item.subject is not None
            )
    return rows, table


def as_read(ledger: Iterable[Request]) -> list[Request]:
    """The ledger as the tables give it back: the identifiers of the cell first."""

    def order(identifier: Identifier) -> bool:
        return identifier.subject is not None

    return [
        attrs.evolve(request, identifiers=sorted(request.identifiers, key=order))
        for request in ledger
    ]


def csv_bytes(rows: Sequence[dict[str, str]], header: Sequence[str] = HEADER) -> bytes:
    """The rows as Excel writes "CSV UTF-8": a byte order mark, CRLF, quoted when needed."""
    text = io.StringIO(newline="")
    writer = csv.writer(text, dialect="excel")
    writer.writerow(header)
    writer.writerows([row.get(column, "") for column in header] for row in rows)
    return codecs.BOM_UTF8 + text.getvalue().encode()
