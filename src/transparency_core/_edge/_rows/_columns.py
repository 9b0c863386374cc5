"""The columns of a spreadsheet: the baseline headers, and a team's own mapped to them.

A header is read in its normal form: case, surrounding spaces and the difference between
spaces, hyphens and underscores aside (``Legal process`` is ``legal_process``). A team's
own headers are mapped to the baseline ones by ``columns``; a header mapped to ``""`` is
a column left out on purpose. Any other header is a problem of the header row, as is a
baseline column given twice or a required one missing.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from typing import TYPE_CHECKING

import attrs

from transparency_core._checks import blank
from transparency_core._edge._values import one_of
from transparency_core.exceptions import MISSING, FieldError

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

__all__ = [
    "IDENTIFIER_COLUMNS",
    "REQUEST_COLUMNS",
    "RESPONSE_COLUMNS",
    "Layout",
    "check_columns",
    "column_letter",
    "normal",
]

REQUEST_COLUMNS = (
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
"""The baseline columns of the requests table: the ledger's fields, the response's flattened."""
RESPONSE_COLUMNS = frozenset({"outcome", "data", "challenged", "notified", "action"})
"""The columns that are fields of the record's ``response``."""
_REQUIRED_REQUEST = ("id", "received", "country", "category", "identifiers", "outcome")
IDENTIFIER_COLUMNS = ("id", "type", "value", "subject")
"""The columns of the identifiers table: the request's id, and an identifier's fields."""
_REQUIRED_IDENTIFIER = ("id", "type", "value")
_ALIASES = {"request_id": "id"}
"""Other names of the identifiers table's columns."""
_SEPARATORS = re.compile(r"[\s_\-]+")


@functools.lru_cache(maxsize=4096)
def normal(text: str) -> str:
    """``text`` in its normal form: NFKC, case folded, spaces and hyphens as one ``_``.

    Example:
        >>> normal("  Legal process "), normal("DATA-COUNTRY"), normal("No data")
        ('legal_process', 'data_country', 'no_data')
    """
    return _SEPARATORS.sub("_", unicodedata.normalize("NFKC", text).casefold().strip()).strip("_")


def column_letter(index: int) -> str:
    """The spreadsheet's name of the column at ``index`` (from 0): A, B, ..., Z, AA.

    Example:
        >>> column_letter(0), column_letter(25), column_letter(26), column_letter(701)
        ('A', 'Z', 'AA', 'ZZ')
    """
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def check_columns(columns: Mapping[str, str] | None) -> dict[str, str]:
    """``columns`` (own header to baseline column) by normal header, checked.

    Raises:
        FieldError: At ``columns['Ref']`` for a header that is no text, a column that
            is no baseline one, or two headers that are one in normal form.

    Example:
        >>> check_columns({"Request ref": "id", "Notes": ""})
        {'request_ref': 'id', 'notes': ''}
    """
    if columns is None:
        return {}
    checked: dict[str, str] = {}
    for header, column in columns.items():
        path = f"columns[{header!r}]"
        if type(header) is not str or blank(header):
            raise FieldError(path, "a column header (non-empty text)", header)
        if column != "" and column not in REQUEST_COLUMNS:
            raise FieldError(path, f"'' (left out) or {one_of(REQUEST_COLUMNS)}", column)
        key = normal(header)
        if key in checked:
            raise FieldError(path, "a header not given before in another case or spacing", header)
        checked[key] = column
    return checked


@attrs.frozen
class Layout:
    """Which column of a table holds which field, read from its header row."""

    fields: dict[int, str]
    """The field of each column read, by the column's place."""
    headers: dict[str, str]
    """The header as written of each field read."""
    problems: list[tuple[int | None, str, object]]
    """The header row's problems: the column's place (``None``: no column), what was
    expected, what came."""

    @classmethod
    def of(
        cls,
        header: Sequence[object],
        columns: Mapping[str, str],
        *,
        requests: bool,
        optional: frozenset[str] = frozenset(),
    ) -> Layout:
        """The layout of a requests table (``requests``) or identifiers table.

        ``optional`` are required columns that may be left out (``identifiers``, when a
        second table holds them).
        """
        allowed = REQUEST_COLUMNS if requests else IDENTIFIER_COLUMNS
        required = _REQUIRED_REQUEST if requests else _REQUIRED_IDENTIFIER
        fields: dict[int, str] = {}
        headers: dict[str, str] = {}
        problems: list[tuple[int | None, str, object]] = []
        expected = f"a column of the ledger, {one_of(allowed)}, or a header mapped in columns"
        for place, written in enumerate(header):
            if written is None or blank(written):
                continue  # a column without a header: its cells must be blank
            if type(written) is not str:
                problems.append((place, "a column header (text)", written))
                continue
            key = normal(written)
            field = columns.get(key, key) if requests else _ALIASES.get(key, key)
            if field == "":
                continue
            if field not in allowed:
                problems.append((place, expected, written))
            elif field in headers:
                problems.append((place, f"one column for {field!r}", written))
            else:
                fields[place], headers[field] = field, written
        problems.extend(
            (None, f"a column {field!r} (it is required)", MISSING)
            for field in required
            if field not in headers and field not in optional
        )
        return cls(fields, headers, problems)

    def header(self, field: str) -> str:
        """The header of ``field``, as written, or the field's own name when absent."""
        return self.headers.get(field, field)
