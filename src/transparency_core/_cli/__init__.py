"""The command line, and the out-of-core counter it counts a ledger file with.

The family's face to the rest of the package (the entry point, ``python -m``):

- ``_main``: ``transparency-core``: reads the file, writes the report, exit codes;
- ``_options``: the parser, and the renderer the options make;
- ``_sheetfile``: a spreadsheet (``.csv``, ``.xlsx``) read whole and counted;
- ``_split``: a ledger file split into parts by request id, in temporary files;
- ``_filecount``: the parts counted on every core, into the report's subtotals.
"""

from __future__ import annotations

from transparency_core._cli._filecount import NoPeriodError, count_file, default_jobs
from transparency_core._cli._main import main
from transparency_core._cli._split import LedgerFile, NotJsonError, NotUtf8Error, spool

__all__ = [
    "LedgerFile",
    "NoPeriodError",
    "NotJsonError",
    "NotUtf8Error",
    "count_file",
    "default_jobs",
    "main",
    "spool",
]
