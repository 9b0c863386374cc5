"""A column of values by request id: a mapping kept as a shared index and a list.

A tally holds three mappings by request id: the requests, how many records carried
each, and where each was first seen. Kept as three dicts, every record's id is hashed
into three tables, each as large as the ledger, and read back from them by lookups.
Kept as columns, each id is hashed once, into one index the three share, and each
mapping's values sit in a list in the order of the ids: read in order without a lookup.

Example:
    >>> index, ids = {"A-1": 0, "B-2": 1}, ["A-1", "B-2"]
    >>> records = Column(index, ids, [2, 1])
    >>> records["A-1"], list(records.items()), records == {"B-2": 1, "A-1": 2}
    (2, [('A-1', 2), ('B-2', 1)], True)
"""

from __future__ import annotations

from collections.abc import ItemsView, Iterator, KeysView, Mapping, Sequence, ValuesView
from typing import TypeVar

__all__ = ["Column", "aligned", "columns_of"]

_V = TypeVar("_V")


class Column(Mapping[str, _V]):
    """Request id -> value, as a dict is, kept as a shared index and a list of values.

    ``index`` maps each id to its place, ``ids`` lists the ids in that order (the order
    of iteration), and ``values`` holds the value at each place. Columns made over one
    index are aligned: their values are in one order. Never changed once made.
    """

    __slots__ = ("_ids", "_index", "_values")

    def __init__(self, index: Mapping[str, int], ids: Sequence[str], values: Sequence[_V]) -> None:
        """The column of ``values``, the value at ``index[id]`` for each of ``ids``."""
        self._index, self._ids, self._values = index, ids, values

    def __getitem__(self, key: str) -> _V:
        """The value of request id ``key``."""
        return self._values[self._index[key]]

    def __contains__(self, key: object) -> bool:
        """Whether request id ``key`` has a value."""
        return key in self._index

    def __iter__(self) -> Iterator[str]:
        """The ids, in their order."""
        return iter(self._ids)

    def __len__(self) -> int:
        """How many ids there are."""
        return len(self._ids)

    def keys(self) -> KeysView[str]:
        """The ids, as a dict's keys are."""
        return self._index.keys()

    def values(self) -> ValuesView[_V]:
        """The values, in the order of the ids, read without a lookup."""
        return _Values(self)

    def items(self) -> ItemsView[str, _V]:
        """The ids and their values, in order, read without a lookup."""
        return _Items(self)

    def in_order(self) -> Sequence[_V]:
        """The values, in the order of the ids (not to be changed)."""
        return self._values

    def ids(self) -> Sequence[str]:
        """The ids, in their order (not to be changed)."""
        return self._ids

    def index(self) -> Mapping[str, int]:
        """Each id's place (shared by the columns aligned with this one)."""
        return self._index

    def __repr__(self) -> str:
        """As the dict of the same items."""
        return repr(dict(self.items()))

    def __reduce__(self) -> tuple[type[Column[_V]], tuple[object, ...]]:
        """Pickled as its index, ids and values (shared with the columns aligned with it)."""
        return (Column, (self._index, self._ids, self._values))


class _Values(ValuesView[_V]):
    _mapping: Column[_V]

    def __iter__(self) -> Iterator[_V]:
        return iter(self._mapping.in_order())


class _Items(ItemsView[str, _V]):
    _mapping: Column[_V]

    def __iter__(self) -> Iterator[tuple[str, _V]]:
        return zip(self._mapping.ids(), self._mapping.in_order(), strict=True)


def columns_of(mapping: Mapping[str, _V]) -> tuple[Sequence[str], Sequence[_V]]:
    """The ids of ``mapping`` and its values in their order: a column's own, or listed."""
    if isinstance(mapping, Column):
        return mapping.ids(), mapping.in_order()
    ids = list(mapping)
    return ids, [mapping[key] for key in ids]


def aligned(ids: Mapping[str, object], mapping: Mapping[str, _V]) -> Sequence[_V]:
    """The values of ``mapping`` in the order of the ids of ``ids``: read off, or looked up."""
    if isinstance(ids, Column) and isinstance(mapping, Column) and ids.index() is mapping.index():
        return mapping.in_order()
    return [mapping[key] for key in ids]
