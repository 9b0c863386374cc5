"""A spreadsheet's rows to requests: each row a raw ledger record, read by the strict path.

Every row becomes the raw record the ledger format would hold (``_cells_of``), and the
records go through the edge's :class:`~transparency_core._edge.Reader` as any ledger's
do, so that a value is checked once, by the same code, and refused in the same words.
Every problem found (of the header row, of a cell, of a record, a conflicting repeat) is
then addressed as the spreadsheet shows it: the file and sheet, the row as the
spreadsheet numbers it, the column's header as written.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import attrs

from transparency_core._checks import blank
from transparency_core._edge._reader import MAX_PROBLEMS, Reader, raise_problems
from transparency_core._edge._rows._cells import plain
from transparency_core._edge._rows._cells_of import Vocabulary, blank_row, field_path
from transparency_core._edge._rows._columns import Layout, check_columns, column_letter
from transparency_core._edge._rows._sheet import Sheet
from transparency_core._ledgertext import customer_value, path_keys
from transparency_core._sheet_errors import CellError, RowConflictError
from transparency_core._specs import DEFAULT_LEGAL_PROCESSES
from transparency_core._tally import Tally
from transparency_core.exceptions import MISSING, ConflictingRepeatError, FieldError

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping, Sequence

    import cattrs

    from transparency_core._model import Request
    from transparency_core._specs import Category, LegalProcess

__all__ = ["structure_sheets"]

_NO_HEADER = "a blank cell (its column has no header)"
_ROW = "a row as a mapping of column headers to cells"
_TABLE_ID = "the id of a request in the requests table"
_REQUIRED = "a value: the field is required"
_TABLE = "identifier_table"
"""The path of the identifiers table's rows in errors (by row number): its values and
subjects are masked, as an identifier's are."""


@attrs.frozen
class _Cell:
    """Where a value of a record came from: a sheet's row, and the layout of its columns."""

    sheet: Sheet
    row: int
    layout: Layout | None = None

    def header(self, field: str | None) -> str | None:
        """The header of ``field``'s column in this sheet, as written."""
        return None if field is None or self.layout is None else self.layout.header(field)


@attrs.define
class _Reading:
    """One reading of a requests table (and its identifiers table): the problems kept."""

    requests: Sheet
    layout: Layout
    vocabulary: Vocabulary
    limit: int | None
    errors: list[FieldError] = attrs.Factory(list)
    conflicts: list[ConflictingRepeatError] = attrs.Factory(list)
    found: int = 0
    rows: list[int] = attrs.Factory(list)
    """The row of each record."""
    places: list[list[_Cell]] = attrs.Factory(list)
    """Where each identifier of each record came from."""
    unread: list[frozenset[str]] = attrs.Factory(list)
    """The fields of each record whose cells could not be read."""
    ids: set[str] = attrs.Factory(set)
    """The ids of the records."""
    broken: set[str] = attrs.Factory(set)
    """The request ids of the identifiers table's rows that could not be read."""

    def room(self) -> bool:
        """Whether another problem is kept."""
        return self.limit is None or len(self.errors) + len(self.conflicts) < self.limit

    def cell(
        self,
        where: _Cell,
        header: str | None,
        path: str,
        problem: tuple[str, object],
        record_id: object = None,
    ) -> None:
        """Keep a problem of a cell of ``where``'s row, under ``header`` (as written)."""
        self.found += 1
        if not self.room():
            return
        expected, got = problem
        shown_id = record_id if type(record_id) is str and not blank(record_id) else None
        sheet = where.sheet
        self.errors.append(
            CellError(
                path,
                expected,
                got,
                shown_id,
                source=sheet.source,
                sheet=sheet.name,
                row=where.row,
                column=header,
            )
        )

    def header_problems(self, sheet: Sheet, layout: Layout) -> None:
        """Keep the problems of a header row, and of rows that are no rows.

        A table of nothing (no header, no row: an empty file, no mappings) has none.
        """
        where = _Cell(sheet, sheet.header_row)
        empty = not (sheet.header or sheet.rows or sheet.misfits)
        for place, expected, got in [] if empty else layout.problems:
            column = None if place is None else str(sheet.header[place])
            self.cell(where, column, "$", (expected, got))
        for number, row in sheet.misfits:
            # What a row or a stray cell holds may be a customer's identifier: masked.
            self.cell(_Cell(sheet, number), None, "$", (_ROW, customer_value(row)))

    def headerless(
        self, where: _Cell, cells: tuple[object, ...], path: str, record_id: object
    ) -> None:
        """Keep a problem for each cell of a row under no header."""
        for place in where.sheet.headerless:
            if not blank_row(cells[place : place + 1]):
                problem = (_NO_HEADER, customer_value(plain(cells[place])))
                self.cell(where, column_letter(place), path, problem, record_id)

    def readdress(self, index: int, error: FieldError) -> None:
        """Keep a problem the reader found in record ``index``, at its cell."""
        keys = path_keys(error.path)[2:]
        field = _field(keys)
        if field in self.unread[index]:
            return  # the cell's own problem says it
        where = _Cell(self.requests, self.rows[index], self.layout)
        if field == "identifiers" and len(keys) > 1 and type(keys[1]) is int:
            where = self.places[index][keys[1]]
            if where.sheet is not self.requests:
                field = str(keys[2]) if len(keys) > 2 else None  # noqa: PLR2004 -- its field
        problem = (error.expected, error.got)
        self.cell(where, where.header(field), error.path, problem, error.record_id)

    def conflict(self, conflict: ConflictingRepeatError) -> None:
        """Keep a conflicting repeat, naming its rows."""
        self.found += 1
        if not self.room():
            return
        self.conflicts.append(
            RowConflictError(
                conflict.id,
                conflict.first,
                conflict.second,
                conflict.field,
                conflict.first_value,
                conflict.second_value,
                self.requests.source,
                self.requests.name,
                self.rows[conflict.first],
                self.rows[conflict.second],
            )
        )

    def check(self, total: int | None = None) -> None:
        """Raise one error with every problem kept, if any was found.

        ``total`` is how many records there are; by default, the rows read.
        """
        raise_problems(
            self.errors,
            self.conflicts,
            len(self.rows) if total is None else total,
            omitted=self.found - len(self.errors) - len(self.conflicts),
            limit=self.limit,
        )


def _field(keys: Sequence[str | int]) -> str | None:
    """The column of a path's keys in a record: ``response.outcome`` is ``outcome``."""
    if not keys:
        return None
    if keys[0] == "response" and len(keys) > 1:
        return str(keys[1])
    return str(keys[0])


_Table = dict[str, list[tuple[dict[str, Any], _Cell]]]
"""The identifiers table: each request id's identifier records, and their rows."""


def _identifier_table(reading: _Reading, sheet: Sheet, layout: Layout) -> _Table:
    """The identifiers of the identifiers table, by request id; its problems kept."""
    table: _Table = {}
    for number, cells in sheet.rows:
        if blank_row(cells):
            continue
        where = _Cell(sheet, number, layout)
        record, problems = reading.vocabulary.record(layout.fields, cells)
        request_id = record.get("id")
        reading.headerless(where, cells, f"{_TABLE}[{number}]", request_id)
        for field, error, _ in problems:
            path = f"{_TABLE}[{number}].{field}"
            reading.cell(where, where.header(field), path, (error.expected, error.got), request_id)
        if request_id is None and "id" not in {field for field, _, _ in problems}:
            path = f"{_TABLE}[{number}].id"
            reading.cell(where, where.header("id"), path, (_REQUIRED, MISSING))
        if problems and type(request_id) is str:
            reading.broken.add(request_id)
        if problems or request_id is None:
            continue
        identifier: dict[str, Any] = {
            key: record[key] for key in ("type", "value", "subject") if key in record
        }
        table.setdefault(request_id, []).append((identifier, where))
    return table


def _read(reading: _Reading, reader: Reader, table: _Table) -> list[tuple[int, Request]]:
    """The requests of the requests table's rows, each row read as a record is."""
    pairs: list[tuple[int, Request]] = []
    sheet, layout = reading.requests, reading.layout
    for number, cells in sheet.rows:
        if blank_row(cells):
            continue
        index = len(reading.rows)
        where = _Cell(sheet, number, layout)
        record, problems = reading.vocabulary.record(layout.fields, cells)
        request_id = record.get("id")
        reading.headerless(where, cells, f"$[{index}]", request_id)
        for field, error, _ in problems:
            path = f"$[{index}].{field_path(field)}"
            reading.cell(where, where.header(field), path, (error.expected, error.got), request_id)
        identifiers: list[dict[str, Any]] = record.get("identifiers", [])
        places = [where] * len(identifiers)
        for identifier, place in table.get(request_id, []) if type(request_id) is str else []:
            identifiers.append(dict(identifier))
            places.append(place)
        if identifiers:
            record["identifiers"] = identifiers
        if type(request_id) is str:
            reading.ids.add(request_id)
        reading.rows.append(number)
        reading.places.append(places)
        unread = {field for field, _, _ in problems}
        if not identifiers and request_id in reading.broken:
            unread.add("identifiers")  # its identifiers table's rows say what is wrong
        reading.unread.append(frozenset(unread))
        pairs.extend(reader.read_positioned([(index, record)]))
        for _, error in reader.errors:
            reading.readdress(index, error)
        reader.errors.clear()
    return pairs


def structure_sheets(  # noqa: PLR0913 -- options, all by keyword
    requests: Sheet,
    identifiers: Sheet | None = None,
    *,
    columns: Mapping[str, str] | None = None,
    categories: Iterable[Category] | None = None,
    legal_processes: Sequence[LegalProcess] = DEFAULT_LEGAL_PROCESSES,
    converter: cattrs.Converter | None = None,
    max_problems: int | None = MAX_PROBLEMS,
) -> tuple[Request, ...]:
    """The requests of a requests table and its identifiers table, or every problem.

    As :func:`~transparency_core.structure_rows` (``_mappings``), for sheets.
    """
    own = check_columns(columns)
    reader = Reader.make(categories, legal_processes, converter, max_problems)
    reader.limit = None  # the reading keeps the first problems, as it readdresses them
    optional = frozenset({"identifiers"}) if identifiers is not None else frozenset()
    layout = Layout.of(requests.header, own, requests=True, optional=optional)
    vocabulary = Vocabulary.of(reader.categories, reader.legal_processes)
    reading = _Reading(requests, layout, vocabulary, max_problems)
    reading.header_problems(requests, layout)
    table_layout = None
    if identifiers is not None:
        table_layout = Layout.of(identifiers.header, {}, requests=False)
        reading.header_problems(identifiers, table_layout)
    if reading.found:  # the rows of a table whose header is wrong are not read
        reading.check(sum(not blank_row(cells) for _, cells in requests.rows))
    table: _Table = {}
    if identifiers is not None and table_layout is not None:
        table = _identifier_table(reading, identifiers, table_layout)
    pairs = _read(reading, reader, table)
    for request_id, entries in table.items():
        for _, where in entries if request_id not in reading.ids else []:
            path = f"{_TABLE}[{where.row}].id"
            reading.cell(where, where.header("id"), path, (_TABLE_ID, request_id), request_id)
    for conflict in sorted(Tally.of_positioned(pairs).conflicts, key=lambda found: found.second):
        reading.conflict(conflict)
    reading.check()
    return tuple(request for _, request in pairs)
