"""Rows of mappings from Python to requests: :func:`structure_rows`, the family's face."""

from __future__ import annotations

from typing import TYPE_CHECKING

from transparency_core._edge._reader import MAX_PROBLEMS
from transparency_core._edge._rows._sheet import mapping_sheet
from transparency_core._edge._rows._structure import structure_sheets
from transparency_core._specs import DEFAULT_LEGAL_PROCESSES

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping, Sequence

    import cattrs

    from transparency_core._model import Request
    from transparency_core._specs import Category, LegalProcess

__all__ = ["structure_rows"]


def structure_rows(  # noqa: PLR0913 -- options, all by keyword
    rows: Iterable[Mapping[str, object]],
    *,
    columns: Mapping[str, str] | None = None,
    identifiers: Iterable[Mapping[str, object]] | None = None,
    source: str = "rows",
    categories: Iterable[Category] | None = None,
    legal_processes: Sequence[LegalProcess] = DEFAULT_LEGAL_PROCESSES,
    converter: cattrs.Converter | None = None,
    max_problems: int | None = MAX_PROBLEMS,
) -> tuple[Request, ...]:
    """Turn the rows of a spreadsheet into requests, or say everything that is wrong.

    Each row is a mapping of column header to cell (``csv.DictReader``,
    ``DataFrame.to_dict("records")``), numbered as a spreadsheet numbers it: the first
    is row 2. The headers are the ledger's fields, the response's flattened, in any
    case (see :doc:`/reference/spreadsheet`); a blank cell is the field's default. A
    cell is text, a number, a bool, a date, or a pandas or numpy scalar (``Timestamp``,
    ``numpy.bool_``, ``NaN``, ``NaT``), read without importing either.

    Args:
        rows: The requests table's rows.
        columns: A team's own headers mapped to the baseline columns (``{"Ref": "id"}``);
            a header mapped to ``""`` is a column left out.
        identifiers: An identifiers table's rows: ``id`` (the request's), ``type``,
            ``value`` and ``subject``.
        source: What the rows are called in an error: the file's name, say.
        categories: As :func:`structure_ledger`.
        legal_processes: As :func:`structure_ledger`.
        converter: As :func:`structure_ledger`.
        max_problems: As :func:`structure_ledger`.

    Raises:
        InvalidLedgerError: With a :class:`~transparency_core.exceptions.CellError` for
            every bad cell, by row and column header, and a
            :class:`~transparency_core.exceptions.RowConflictError` for every repeated id
            that disagrees with an earlier row. ``FieldError`` for bad ``columns``.

    Example:
        >>> [request] = structure_rows([{
        ...     "ID": "ES-1", "Received": "2020-02-11", "Country": "Spain",
        ...     "Category": "device", "Identifiers": "imei:356938035643809",
        ...     "Outcome": "provided", "Data": "non_content", "Challenged": "no",
        ... }])
        >>> request.country, request.response.outcome.value
        ('ES', 'provided')
    """
    return structure_sheets(
        mapping_sheet(rows, source),
        None if identifiers is None else mapping_sheet(identifiers, source, "identifiers"),
        columns=columns,
        categories=categories,
        legal_processes=legal_processes,
        converter=converter,
        max_problems=max_problems,
    )
