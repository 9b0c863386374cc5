"""Counts of parts of a ledger added up: the cells and the atoms of two subtotals together.

Parts of a ledger that hold different request ids are counted apart (on other cores, or
machines) and added: each cell's count is the sum of the parts', its ids theirs
together, and each atom's requests and subjects the sums of the parts'.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeVar

from transparency_core._count import NONE

if TYPE_CHECKING:
    from collections.abc import Mapping

    from transparency_core._count import Atoms, Count, Counts, Signature

__all__ = ["add_atoms", "add_counts"]

_K = TypeVar("_K")


def _add_row(into: dict[_K, Count], row: Mapping[_K, Count]) -> None:
    """Add the counts of ``row`` to those of ``into``, key by key."""
    for key, (value, ids) in row.items():
        had, had_ids = into.get(key, NONE)
        into[key] = (had + value, had_ids + ids)


def add_counts(first: Counts, second: Counts) -> Counts:
    """The counts of two parts of a ledger together."""
    merged = {
        table: {country: dict(row) for country, row in rows.items()}
        for table, rows in first.items()
    }
    for table, rows in second.items():
        into_rows = merged.setdefault(table, {})
        for country, row in rows.items():
            _add_row(into_rows.setdefault(country, {}), row)
    return merged


def add_atoms(first: Atoms, second: Mapping[str, Mapping[Signature, tuple[int, int]]]) -> Atoms:
    """The atoms of two parts of a ledger together."""
    merged = {country: dict(row) for country, row in first.items()}
    for country, row in second.items():
        into = merged.setdefault(country, {})
        for signature, (requests, subjects) in row.items():
            had_requests, had_subjects = into.get(signature, (0, 0))
            into[signature] = (had_requests + requests, had_subjects + subjects)
    return merged
