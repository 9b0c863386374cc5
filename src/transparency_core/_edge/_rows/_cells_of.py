"""A row of a requests or identifiers table as a raw ledger record, cell by cell.

Each column's cells are read by their field's reader of ``_cells`` (a date, a country, a
yes or no, the identifiers' syntax); coded values (categories, legal processes,
outcomes, identifier types) are matched in normal form to the names the registries and
the ledger format know (``No data`` is ``no_data``), and kept as written otherwise, for
the strict path to name. A cell that cannot be read is a problem of that field, which is
left out of the record.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import attrs

from transparency_core._edge._rows._cells import (
    cell_country,
    cell_date,
    cell_flag,
    cell_moment,
    cell_text,
    is_blank,
    plain,
)
from transparency_core._edge._rows._columns import RESPONSE_COLUMNS, normal
from transparency_core._edge._rows._identifiers import identifier_records
from transparency_core._eu import ILLEGAL_CONTENT
from transparency_core._model import Action, DataKind, DsaOrder, Notification, Outcome
from transparency_core.exceptions import FieldError

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping

__all__ = ["Vocabulary", "blank_row", "field_path"]

_ENUMS = {
    "outcome": Outcome,
    "data": DataKind,
    "notified": Notification,
    "action": Action,
    "dsa_order": DsaOrder,
}


def _names(names: Iterable[str]) -> dict[str, str]:
    return {normal(name): name for name in names}


def blank_row(cells: tuple[object, ...]) -> bool:
    """Whether every cell of a row is blank."""
    return all(is_blank(plain(cell)) for cell in cells)


def field_path(field: str) -> str:
    """The path in a ledger record of a table's column: ``outcome`` is ``response.outcome``."""
    return f"response.{field}" if field in RESPONSE_COLUMNS else field


@attrs.frozen
class Vocabulary:
    """The names a coded cell may stand for, by their normal form; the readers of cells."""

    categories: dict[str, str]
    legal_processes: dict[str, str]
    kinds: dict[str, str]
    """The identifier types of every category."""
    readers: dict[str, Callable[[object], object]] = attrs.field(init=False)
    """How a cell of each field is read."""

    @classmethod
    def of(cls, categories: Mapping[str, Any], legal_processes: Iterable[str]) -> Vocabulary:
        """The vocabulary of these categories (by name) and legal process types."""
        kinds = {kind for category in categories.values() for kind in category.identifier_types}
        return cls(_names(categories), _names(legal_processes), _names(kinds))

    @readers.default
    def _readers(self) -> dict[str, Callable[[object], object]]:
        readers: dict[str, Callable[[object], object]] = {
            "id": lambda value: cell_text(value, strip=False),
            "amends": lambda value: cell_text(value, strip=False),
            "value": cell_text,
            "subject": cell_text,
            "received": cell_date,
            "acknowledged": cell_moment,
            "responded": cell_moment,
            "country": cell_country,
            "data_country": cell_country,
            "emergency": cell_flag,
            "challenged": cell_flag,
            "identifiers": lambda value: identifier_records(cell_text(value), self.kinds),
            "category": functools.partial(_coded, names=self.categories),
            "legal_process": functools.partial(_coded, names=self.legal_processes),
            "type": functools.partial(_coded, names=self.kinds),
            "illegal_content": functools.partial(_coded, names=_names(ILLEGAL_CONTENT)),
        }
        for field, enum in _ENUMS.items():
            names = _names(member.value for member in enum)
            readers[field] = functools.partial(_coded, names=names)
        return readers

    def record(
        self, fields: Mapping[int, str], cells: tuple[object, ...]
    ) -> tuple[dict[str, Any], list[tuple[str, FieldError, object]]]:
        """The raw record of a row's cells, and its cells' problems: (field, error, cell).

        The response's fields go in ``response``; a blank cell is left out (the field's
        default), as is a cell that cannot be read.
        """
        record: dict[str, Any] = {}
        response: dict[str, Any] = {}
        problems: list[tuple[str, FieldError, object]] = []
        for place, field in fields.items():
            value = plain(cells[place]) if place < len(cells) else None
            if is_blank(value):
                continue
            try:
                read = self.readers[field](value)
            except FieldError as error:
                problems.append((field, error, value))
                continue
            (response if field in RESPONSE_COLUMNS else record)[field] = read
        if any(field in RESPONSE_COLUMNS for field in fields.values()):
            record["response"] = response
        return record, problems


def _coded(value: object, names: Mapping[str, str]) -> str:
    """A coded cell: the name it stands for, or its text as written (for the check)."""
    text = cell_text(value)
    return names.get(normal(text), text)
