"""The report definition: a ``report.toml`` read into everything the API can choose.

The family's face to the rest of the package:

- ``_keys``: one TOML table read key by key, every bad value kept at its path;
- ``_tables``: what is counted and how it is published: categories (the definition's
  own too), legal process types, breakdowns, rounding, disclosure;
- ``_model``: :class:`ReportDefinition`, its outputs and its theme;
- ``_read``: :func:`load_definition`, the whole file, every problem at once.

Nothing here reads a file: the command line reads the definition, its ledger and its
theme's files, and writes its outputs.
"""

from __future__ import annotations

from transparency_core._definition._model import Output, ReportDefinition, Theme, accepts
from transparency_core._definition._read import BASELINE_COLUMNS, OUTPUT_OPTIONS, load_definition

__all__ = [
    "BASELINE_COLUMNS",
    "OUTPUT_OPTIONS",
    "Output",
    "ReportDefinition",
    "Theme",
    "accepts",
    "load_definition",
]
