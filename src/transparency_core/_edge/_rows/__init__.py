"""Spreadsheets in: rows of a table (CSV, XLSX, mappings) to requests, by the strict path.

The family's face to the rest of the package:

- ``_columns``: the baseline columns, headers in normal form, a team's own mapped;
- ``_cells``: a cell as a ledger value: yes or no, a date cell, a country's name;
- ``_identifiers``: the ``identifiers`` cell's syntax;
- ``_cells_of``: a row's cells as a raw ledger record;
- ``_sheet``: a table of numbered rows, from mappings or CSV bytes;
- ``_xlsx``: a workbook's bytes as sheets, by openpyxl (the ``xlsx`` extra);
- ``_structure``: the rows read as records are, every problem at its cell;
- ``_mappings``: :func:`structure_rows`, for rows of mappings from Python.
"""

from __future__ import annotations

from transparency_core._edge._rows._columns import IDENTIFIER_COLUMNS, REQUEST_COLUMNS
from transparency_core._edge._rows._mappings import structure_rows
from transparency_core._edge._rows._sheet import UTF16_BOMS, Sheet, csv_sheet, mapping_sheet
from transparency_core._edge._rows._structure import structure_sheets
from transparency_core._edge._rows._xlsx import XLSX_MISSING, xlsx_sheets

__all__ = [
    "IDENTIFIER_COLUMNS",
    "REQUEST_COLUMNS",
    "UTF16_BOMS",
    "XLSX_MISSING",
    "Sheet",
    "csv_sheet",
    "mapping_sheet",
    "structure_rows",
    "structure_sheets",
    "xlsx_sheets",
]
