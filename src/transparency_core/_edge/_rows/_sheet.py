"""A table of rows, as a spreadsheet shows it: from mappings, or from the bytes of a CSV file.

A :class:`Sheet` holds its header row as written and its rows numbered as the
spreadsheet numbers them (the header is row 1). CSV is read as spreadsheet programs
write it: UTF-8 with or without a byte order mark (or UTF-16 with one, Excel's "Unicode
text"), any line ends, quoted cells holding separators, quotes and line breaks, and the
separator of the header row: ``,``, ``;`` (Excel in many European locales) or a tab.
"""

from __future__ import annotations

import codecs
import csv
import functools
import io
from collections.abc import Iterable, Mapping

import attrs

from transparency_core._sheet_errors import SheetError

__all__ = ["UTF16_BOMS", "Sheet", "csv_sheet", "mapping_sheet", "table_sheet"]

_SEPARATORS = (",", ";", "\t")
UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
"""The byte order marks of UTF-16 text: CSV that holds NUL bytes, as every UTF-16 does."""


@attrs.frozen
class Sheet:
    """A table: where it came from, its header row as written, and its numbered rows."""

    source: str
    """The file, or what the rows came from."""
    name: str | None
    """The sheet's name, for a workbook or a second table."""
    header: tuple[object, ...]
    rows: tuple[tuple[int, tuple[object, ...]], ...]
    """Each row's number, as the spreadsheet numbers it, and its cells, by column."""
    misfits: tuple[tuple[int, object], ...] = ()
    """Rows that are not rows of cells (a number where a mapping should be): their
    number, and what came."""
    header_row: int = 1
    """The number of the header row: the first that is not empty."""

    @functools.cached_property
    def headerless(self) -> tuple[int, ...]:
        """The places of the columns without a header."""
        return tuple(
            place
            for place, header in enumerate(self.header)
            if header is None or (isinstance(header, str) and not header.strip())
        )


def mapping_sheet(rows: Iterable[object], source: str, name: str | None = None) -> Sheet:
    """The sheet of ``rows``, mappings of header to cell, numbered from 2.

    The header row is every key, in the order they first come; a key a row lacks is a
    blank cell of that row.

    Example:
        >>> sheet = mapping_sheet([{"id": "A"}, {"id": "B", "country": "ES"}], "rows")
        >>> sheet.header, sheet.rows
        (('id', 'country'), ((2, ('A', None)), (3, ('B', 'ES'))))
    """
    places: dict[object, None] = {}
    kept: list[tuple[int, Mapping[object, object]]] = []
    misfits: list[tuple[int, object]] = []
    for number, row in enumerate(rows, start=2):
        if not isinstance(row, Mapping):
            misfits.append((number, row))
            continue
        places.update(dict.fromkeys(row))
        kept.append((number, row))
    header = tuple(places)
    return Sheet(
        source,
        name,
        header,
        tuple((number, tuple(row.get(key) for key in header)) for number, row in kept),
        tuple(misfits),
    )


def _text(data: bytes, source: str) -> str:
    """The text of a CSV file's bytes."""
    if data.startswith(UTF16_BOMS):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as error:
            msg = f"is not UTF-16 text, as its byte order mark says (at byte {error.start})"
            raise SheetError(source, msg) from None
    nul = data.find(b"\0")
    if nul >= 0:
        raise SheetError(source, f"is not CSV text: a NUL byte at byte {nul}")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        msg = (
            f"is not UTF-8 text (at byte {error.start}): save it as CSV UTF-8 "
            "(a spreadsheet program's plain CSV writes the computer's own encoding)"
        )
        raise SheetError(source, msg) from None


def _separator(text: str) -> str:
    """The separator of the header row: the commonest of ``,``, ``;`` and tab."""
    first = text.partition("\n")[0]
    return max(_SEPARATORS, key=first.count)


def csv_sheet(data: bytes, source: str) -> Sheet:
    r"""The sheet of a CSV file's bytes: its first row is the header.

    Raises:
        SheetError: When the bytes are not UTF-8 (or UTF-16) text, or not CSV (a NUL
            byte is never in CSV text: binary data is refused at once).

    Example:
        >>> sheet = csv_sheet(b'\xef\xbb\xbfid;country\r\n"A;1";ES\r\n', "requests.csv")
        >>> sheet.header, sheet.rows
        (('id', 'country'), ((2, ('A;1', 'ES')),))
    """
    text = _text(data, source)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_separator(text), strict=True)
    rows: list[tuple[int, tuple[str, ...]]] = []
    try:
        rows.extend((number, tuple(cells)) for number, cells in enumerate(reader, start=1))
    except csv.Error as error:
        msg = f"is not CSV text: row {len(rows) + 1} (line {reader.line_num}): {error}"
        raise SheetError(source, msg) from None
    return table_sheet(source, None, rows)


def table_sheet(
    source: str, name: str | None, rows: Iterable[tuple[int, tuple[object, ...]]]
) -> Sheet:
    """The sheet of numbered rows of cells: the first row with a cell is the header.

    Example:
        >>> sheet = table_sheet("t.csv", None, [(1, ()), (2, ("id", "")), (3, ("A", "x", "y"))])
        >>> sheet.header, sheet.rows, sheet.header_row
        (('id', '', None), ((3, ('A', 'x', 'y')),), 2)
    """
    body = iter(rows)
    header: tuple[object, ...] = ()
    number = 1
    for number, cells in body:  # noqa: B007 -- the header's number is used after the loop
        if any(cell is not None and cell != "" for cell in cells):
            header = cells
            break
    kept = tuple(body)
    width = max((len(cells) for _, cells in kept), default=0)
    header = (*header, *(None,) * (width - len(header)))
    return Sheet(source, name, header, kept, header_row=number if header else 1)
