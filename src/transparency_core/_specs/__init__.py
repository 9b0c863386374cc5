"""The vocabulary of table specs: measures, columns, categories, breakdowns, the registry.

A spec declares a table and counts nothing. The classes are in ``_measures`` (what a
cell counts, and the column showing it) and ``_tables`` (a category, a breakdown, a
legal process type); the shipped specs, in the words of the reports they follow, in
``_categories`` and ``_breakdowns`` (and in ``_identifiers``, the subjects columns'
words when they count every identifier); the registry of categories in ``_registry``. The
predicates the specs name are public, in :mod:`transparency_core.predicates`. Nothing
here imports the counter, the rules or the report.
"""

from __future__ import annotations

from transparency_core._specs._breakdowns import (
    BASIS,
    CHALLENGES,
    CROSS_BORDER,
    NOTIFICATION,
    OUTCOMES,
    SHIPPED_BREAKDOWNS,
    legal_process_breakdown,
)
from transparency_core._specs._categories import (
    ACCOUNT,
    ACCOUNT_PRESERVATION,
    ACCOUNT_RESTRICTION_DELETION,
    DEFAULT_CATEGORIES,
    DEFAULT_LEGAL_PROCESSES,
    DEVICE,
    EMERGENCY,
    FINANCIAL_IDENTIFIER,
    SHIPPED_CATEGORIES,
)
from transparency_core._specs._identifiers import identifier_columns
from transparency_core._specs._measures import (
    Column,
    Measure,
    Percent,
    Predicate,
    Requests,
    Subjects,
)
from transparency_core._specs._registry import Categories, default_categories
from transparency_core._specs._tables import Breakdown, Category, LegalProcess

__all__ = [
    "ACCOUNT",
    "ACCOUNT_PRESERVATION",
    "ACCOUNT_RESTRICTION_DELETION",
    "BASIS",
    "CHALLENGES",
    "CROSS_BORDER",
    "DEFAULT_CATEGORIES",
    "DEFAULT_LEGAL_PROCESSES",
    "DEVICE",
    "EMERGENCY",
    "FINANCIAL_IDENTIFIER",
    "NOTIFICATION",
    "OUTCOMES",
    "SHIPPED_BREAKDOWNS",
    "SHIPPED_CATEGORIES",
    "Breakdown",
    "Categories",
    "Category",
    "Column",
    "LegalProcess",
    "Measure",
    "Percent",
    "Predicate",
    "Requests",
    "Subjects",
    "default_categories",
    "identifier_columns",
    "legal_process_breakdown",
]
