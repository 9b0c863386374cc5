"""The renderers: one family that turns a finished report into text, HTML, CSV, JSON, SVG.

A report is built once; each renderer only formats it. The modules, from the bottom:

- ``_escape``: what reaches an output, one rule per format;
- ``_catalog`` and ``_format``: the translations, and babel's layout of numbers,
  percentages, country names and dates for one locale;
- ``_document``: the document every text-based format shows (headings, paragraphs,
  tables of formatted strings, definitions), its words decided once; ``_changes``, the
  document of reports compared;
- ``_base``: what every renderer of words shares, a locale, country names and the
  formatter they make, and the renderer of a document's blocks;
- one module per format: ``_text``, ``_markdown``, ``_html``, ``_csv``, ``_json``,
  ``_svg``, the EU DSA template's parts ``_dsa``, the response times ``_times``, and
  the explain view ``_explain``; the JSON's schemas (``_jsonschema``, version 2, and
  ``_jsonschema1``) and its words and settings (``_jsonparts``);
- ``_registry``: the renderers by name.

This module is the family's face to the rest of the package, which imports from here.
"""

from __future__ import annotations

from transparency_core._render._csv import CsvRenderer
from transparency_core._render._dsa import DsaIdentificationRenderer, DsaRenderer
from transparency_core._render._escape import visible
from transparency_core._render._explain import ExplainRenderer
from transparency_core._render._html import HtmlRenderer
from transparency_core._render._json import (
    REPORT_SCHEMA,
    REPORT_SCHEMA_ID,
    REPORT_SCHEMA_V1,
    JsonRenderer,
    settings_seal,
)
from transparency_core._render._markdown import MarkdownRenderer
from transparency_core._render._registry import ENTRY_POINT_GROUP, Renderers, default_renderers
from transparency_core._render._svg import SvgRenderer
from transparency_core._render._text import TextRenderer
from transparency_core._render._times import ResponseTimesRenderer

__all__ = [
    "ENTRY_POINT_GROUP",
    "REPORT_SCHEMA",
    "REPORT_SCHEMA_ID",
    "REPORT_SCHEMA_V1",
    "CsvRenderer",
    "DsaIdentificationRenderer",
    "DsaRenderer",
    "ExplainRenderer",
    "HtmlRenderer",
    "JsonRenderer",
    "MarkdownRenderer",
    "Renderers",
    "ResponseTimesRenderer",
    "SvgRenderer",
    "TextRenderer",
    "default_renderers",
    "settings_seal",
    "visible",
]
