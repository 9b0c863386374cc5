"""A column of values by request id: a mapping kept as a shared index and a list.

A tally holds three mappings by request id: the requests, how many records carried
each, and where each was first seen. Kept as three dicts, every record's id is hashed
into three tables, each as large as the ledger, and read back from them by lookups.
Kept as columns, each id is hashed once, into one index the three share (a dict of
texts to places, which the cyclic garbage collector never walks), and each mapping's
values sit in a sequence in the order of the ids: read in order without a lookup.

Example:
    >>> records = Column({"A-1": 0, "B-2": 1}, [2, 1])
    >>> records["A-1"], list(records.items()), records == {"B-2": 1, "A-1": 2}
    (2, [('A-1', 2), ('B-2', 1)], True)
"""

from __future__ import annotations

from collections.abc import (
    Collection,
    ItemsView,
    Iterator,
    KeysView,
    Mapping,
    Sequence,
    ValuesView,
)
from typing import TypeVar

__all__ = ["Column", "aligned", "columns_of"]

_V = TypeVar("_V")


class Column(Mapping[str, _V]):
    """Request id -> value, as a dict is, kept as a shared index and a sequence of values.

    ``index`` maps each id to its place (0, 1, 2 and on, in the order the ids were
    added, which is the order of iteration), and ``values`` holds the value at each
    place. Columns made over one index are aligned: their values are in one order.
    Never changed once made.
    """

    __slots__ = ("_index", "_values")

    def __init__(self, index: Mapping[str, int], values: Sequence[_V]) -> None:
        """The column of ``values``: the value at ``index[id]`` for each id of ``index``."""
        self._index, self._values = index, values

    def __getitem__(self, key: str) -> _V:
        """The value of request id ``key``."""
        return self._values[self._index[key]]

    def __contains__(self, key: object) -> bool:
        """Whether request id ``key`` has a value."""
        return key in self._index

    def __iter__(self) -> Iterator[str]:
        """The ids, in their order."""
        return iter(self._index)

    def __len__(self) -> int:
        """How many ids there are."""
        return len(self._index)

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

    def index(self) -> Mapping[str, int]:
        """Each id's place (shared by the columns aligned with this one)."""
        return self._index

    def __repr__(self) -> str:
        """As the dict of the same items."""
        return repr(dict(self.items()))

    def __reduce__(self) -> tuple[type[Column[_V]], tuple[object, ...]]:
        """Pickled as its index (shared with the columns aligned with it) and values."""
        return (Column, (self._index, self._values))


class _Values(ValuesView[_V]):
    _mapping: Column[_V]

    def __iter__(self) -> Iterator[_V]:
        return iter(self._mapping.in_order())


class _Items(ItemsView[str, _V]):
    _mapping: Column[_V]

    def __iter__(self) -> Iterator[tuple[str, _V]]:
        return zip(self._mapping, self._mapping.in_order(), strict=True)


def columns_of(mapping: Mapping[str, _V]) -> tuple[Collection[str], Sequence[_V]]:
    """The ids of ``mapping`` and its values in their order: a column's own, or listed."""
    if isinstance(mapping, Column):
        return mapping.keys(), mapping.in_order()
    ids = list(mapping)
    return ids, [mapping[key] for key in ids]


def aligned(ids: Mapping[str, object], mapping: Mapping[str, _V]) -> Sequence[_V]:
    """The values of ``mapping`` in the order of the ids of ``ids``: read off, or looked up."""
    if isinstance(ids, Column) and isinstance(mapping, Column) and ids.index() is mapping.index():
        return mapping.in_order()
    return [mapping[key] for key in ids]
