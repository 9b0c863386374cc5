"""The command line, and the out-of-core counter it counts a ledger file with.

The family's face to the rest of the package (the entry point, ``python -m``):

- ``_main``: ``transparency-core``: ``reference`` and ``render``, exit codes;
- ``_options``: the parser, and what the line says of locale and country names;
- ``_settings``: the report definition (``--config``), the line applied over it;
- ``_outputs``: what ``render`` writes and where (``--format``, ``-o``, ``[[output]]``);
- ``_files``: a definition and its theme's files read, outputs written atomically;
- ``_commands``: ``init``, ``check`` and ``schema`` (and ``templates/``, what ``init``
  writes);
- ``_ledger``: a ledger file read and counted, JSON or a spreadsheet;
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
