"""Errors in a spreadsheet: a cell, two rows that disagree, a file that is no table.

Their public face is :mod:`transparency_core.exceptions`. A cell's error is a
:class:`~transparency_core.exceptions.FieldError` (its ``path`` is the field of the
ledger record the row became, so a customer's identifier stays masked), addressed the
way the spreadsheet shows it: the file, the sheet, the row as the spreadsheet numbers it
(the header is row 1) and the column's header as the team wrote it.
"""

from __future__ import annotations

import functools
from typing import Any, Self

from transparency_core._error_base import TransparencyError
from transparency_core._ledger_errors import ConflictingRepeatError, FieldError
from transparency_core._ledgertext import ledger_text, printable

__all__ = ["CellError", "RowConflictError", "SheetError"]


def _table(source: str, sheet: str | None) -> str:
    """The file and sheet, as a message names them."""
    name = printable(source)
    return name if sheet is None else f"{name}, sheet {ledger_text(sheet)}"


def _placed(data: dict[str, Any], source: str, sheet: str | None) -> dict[str, Any]:
    """An error's data with the file and sheet it is in."""
    data["source"] = printable(source)
    data["sheet"] = None if sheet is None else printable(sheet)
    return data


class CellError(FieldError):
    """A cell of a spreadsheet holds what the ledger format does not allow.

    Attributes:
        source: The file (or what the rows came from: ``rows`` by default).
        sheet: The sheet's name, for a workbook or a second table, else ``None``.
        row: The row, as the spreadsheet numbers it: the header is row 1.
        column: The column's header as written (``None``: the row as a whole).

    Example:
        >>> error = CellError(
        ...     "$[3].country", "a country code", "Spian", "ES-7",
        ...     source="requests.csv", row=5, column="Country",
        ... )
        >>> print(error)
        requests.csv, row 5, column 'Country' (id 'ES-7'): expected a country code, got 'Spian'
        >>> data = error.to_dict()
        >>> data["type"], data["source"], data["row"], data["column"], data["path"]
        ('cell_error', 'requests.csv', 5, 'Country', ['$', 3, 'country'])
    """

    code = "cell_error"

    source: str
    sheet: str | None
    row: int
    column: str | None

    def __init__(  # noqa: PLR0913 -- a field error's attributes, and the cell's address
        self,
        path: str,
        expected: str,
        got: object,
        record_id: str | None = None,
        *,
        source: str,
        row: int,
        column: str | None,
        sheet: str | None = None,
    ) -> None:
        """Describe one bad cell."""
        self.source, self.sheet, self.row, self.column = source, sheet, row, column
        super().__init__(path, expected, got, record_id)

    @property
    def address(self) -> str:
        """Where the cell is: ``requests.csv, row 5, column 'Country'``."""
        where = f"{_table(self.source, self.sheet)}, row {self.row}"
        return where if self.column is None else f"{where}, column {ledger_text(self.column)}"

    def __str__(self) -> str:
        """Say which cell, what was expected and what came."""
        where = self.address
        if self.record_id is not None:
            where = f"{where} (id {ledger_text(self.record_id)})"
        return f"{where}: expected {self.expected}, got {ledger_text(self._shown)}"

    def at(self, prefix: str, record_id: str | None = None) -> CellError:
        """This error with its path under ``prefix``, at the same cell."""
        placed = super().at(prefix, record_id)
        return type(self)(
            placed.path,
            self.expected,
            self.got,
            placed.record_id,
            source=self.source,
            row=self.row,
            column=self.column,
            sheet=self.sheet,
        )

    def __reduce__(self) -> tuple[Any, ...]:
        """Pickle with every attribute."""
        make = functools.partial(
            type(self), source=self.source, row=self.row, column=self.column, sheet=self.sheet
        )
        return (make, (self.path, self.expected, self.got, self.record_id))

    def to_dict(self) -> dict[str, Any]:
        """A field error's data, with the cell's ``source``, ``sheet``, ``row`` and ``column``."""
        data = _placed(super().to_dict(), self.source, self.sheet)
        data["row"] = self.row
        data["column"] = None if self.column is None else printable(self.column)
        return data


class RowConflictError(ConflictingRepeatError):
    """Two rows of a spreadsheet share an ``id`` but disagree about the request.

    As :class:`~transparency_core.exceptions.ConflictingRepeatError` (``first`` and
    ``second`` are the records' places in the ledger, from 0), with the rows as the
    spreadsheet numbers them.

    Example:
        >>> error = RowConflictError("A", 0, 3, "country", "ES", "SE", "requests.csv", None, 2, 5)
        >>> print(error)
        requests.csv, rows 2 and 5 repeat id 'A' but disagree on country: 'ES' versus 'SE'
        >>> data = error.to_dict()
        >>> data["first"], data["second"]["row"]
        ({'path': ['$', 0], 'value': 'ES', 'row': 2}, 5)
    """

    code = "row_conflict_error"

    source: str
    sheet: str | None
    first_row: int
    second_row: int

    def __init__(  # noqa: PLR0913, PLR0917 -- positional, as pickling rebuilds it
        self,
        id: str,  # noqa: A002 -- the ledger's own name for the field
        first: int,
        second: int,
        field: str,
        first_value: object,
        second_value: object,
        source: str,
        sheet: str | None,
        first_row: int,
        second_row: int,
    ) -> None:
        """Describe one conflict between two rows."""
        self.source, self.sheet = source, sheet
        self.first_row, self.second_row = first_row, second_row
        super().__init__(id, first, second, field, first_value, second_value)

    def __str__(self) -> str:
        """Name both rows and what they disagree on."""
        records = super().__str__()  # "$[0] and $[3] repeat id ...": the rows instead
        said = records[records.index(" repeat id ") :]
        return (
            f"{_table(self.source, self.sheet)}, rows {self.first_row} and {self.second_row}{said}"
        )

    def to_dict(self) -> dict[str, Any]:
        """A conflict's data, with the ``source``, ``sheet`` and each record's ``row``."""
        data = _placed(super().to_dict(), self.source, self.sheet)
        data["first"]["row"] = self.first_row
        data["second"]["row"] = self.second_row
        return data

    def __reduce__(self) -> tuple[type[Self], tuple[Any, ...]]:
        """Pickle with every attribute."""
        return (
            type(self),
            (
                self.id,
                self.first,
                self.second,
                self.field,
                self.first_value,
                self.second_value,
                self.source,
                self.sheet,
                self.first_row,
                self.second_row,
            ),
        )


class SheetError(TransparencyError, ValueError):
    """A file is no table of rows this library reads: not UTF-8 CSV, not an XLSX workbook.

    Attributes:
        source: The file.
        reason: What is wrong, and what to do about it.

    Example:
        >>> print(SheetError("requests.csv", "is not UTF-8 text"))
        requests.csv is not UTF-8 text
        >>> SheetError("requests.csv", "is not UTF-8 text").to_dict()["reason"]
        'is not UTF-8 text'
    """

    code = "sheet_error"

    source: str
    reason: str

    def __init__(self, source: str, reason: str) -> None:
        """Say which file, and what is wrong with it."""
        self.source, self.reason = source, reason
        super().__init__(str(self))

    def __str__(self) -> str:
        """The file, then what is wrong."""
        return f"{printable(self.source)} {printable(self.reason)}"

    def to_dict(self) -> dict[str, Any]:
        """The file and the reason, as data."""
        data = super().to_dict()
        data["source"] = printable(self.source)
        data["reason"] = printable(self.reason)
        return data

    def __reduce__(self) -> tuple[type[Self], tuple[str, str]]:
        """Pickle with every attribute."""
        return (type(self), (self.source, self.reason))
