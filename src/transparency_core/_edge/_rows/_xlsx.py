"""The bytes of an XLSX workbook as sheets, by openpyxl (the ``xlsx`` extra), read only.

The first sheet holds the requests; a later sheet named ``identifiers`` (in any case),
if any, is the identifiers table. openpyxl is imported here, when a workbook is read,
and never by the rest of the package. Cells come as the workbook stores them: a date
cell as a datetime, a number as a number, a bool as a bool, a formula as its last
computed value.
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING, Any

from transparency_core._edge._rows._columns import normal
from transparency_core._edge._rows._sheet import Sheet, table_sheet
from transparency_core._sheet_errors import SheetError

if TYPE_CHECKING:
    from collections.abc import Iterator

__all__ = ["XLSX_MISSING", "xlsx_sheets"]

XLSX_MISSING = (
    "is an XLSX workbook, and reading one needs openpyxl: pip install 'transparency-core[xlsx]'"
)
_ZIP = b"PK\x03\x04"
_IDENTIFIERS = "identifiers"


def _rows(worksheet: Any) -> Iterator[tuple[int, tuple[object, ...]]]:  # noqa: ANN401 -- openpyxl's read-only worksheet
    worksheet.reset_dimensions()  # the dimensions some programs write are wrong
    for number, cells in enumerate(worksheet.iter_rows(values_only=True), start=1):
        yield number, tuple(cells)


def _worksheets(workbook: Any, source: str) -> list[Any]:  # noqa: ANN401 -- openpyxl's workbook
    """The worksheets of a workbook: at least one."""
    sheets: list[Any] = workbook.worksheets
    if not sheets:
        raise SheetError(source, "is a workbook without a worksheet")
    return sheets


def xlsx_sheets(data: bytes, source: str) -> tuple[Sheet, Sheet | None]:
    """The requests sheet of a workbook's bytes, and its identifiers sheet if it has one.

    Raises:
        SheetError: When openpyxl is not installed, or the bytes are no XLSX workbook.
    """
    try:
        import openpyxl  # noqa: PLC0415 -- an optional extra, imported when needed
    except ImportError:
        raise SheetError(source, XLSX_MISSING) from None
    if not data.startswith(_ZIP):
        raise SheetError(source, "is not an XLSX workbook (which is a zip archive)")
    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as error:  # noqa: BLE001 -- openpyxl raises many kinds for a damaged file
        msg = f"is not an XLSX workbook openpyxl can read: {type(error).__name__}: {error}"
        raise SheetError(source, msg) from None
    try:
        sheets = _worksheets(workbook, source)
        first = sheets[0]
        second = next((sheet for sheet in sheets[1:] if normal(sheet.title) == _IDENTIFIERS), None)
        requests = table_sheet(source, first.title, _rows(first))
        identifiers = None if second is None else table_sheet(source, second.title, _rows(second))
    except SheetError:
        raise
    except Exception as error:  # noqa: BLE001 -- as above, while the rows are read
        msg = f"is not an XLSX workbook openpyxl can read: {type(error).__name__}: {error}"
        raise SheetError(source, msg) from None
    finally:
        workbook.close()
    return requests, identifiers
