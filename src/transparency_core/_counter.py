"""The measures of each table, compiled: which of them a request is in, as bits.

A table's cells count requests (or their subjects) that its measures' predicates hold
for. :class:`Counter` compiles the measures of every table once, so that a request's
place in a table is a few bits, and the predicates are called once per request, however
many measures name them (:mod:`transparency_core._count` counts with it).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from transparency_core._facts import reads_facts_only
from transparency_core._specs import Percent, Predicate, Requests, Subjects
from transparency_core.predicates import every_request

if TYPE_CHECKING:
    from collections.abc import Iterable

    from transparency_core._model import Request
    from transparency_core._specs import Column

__all__ = ["EVERY", "Counter", "measures"]

EVERY = Requests()
"""The measure of every request a table counts: the first of each table's."""


def measures(columns: Iterable[Column]) -> tuple[Requests | Subjects, ...]:
    """The counts a table's cells need, once each; the first counts every request."""
    found: dict[Requests | Subjects, None] = {EVERY: None}
    for column in columns:
        measure = column.measure
        if isinstance(measure, Percent):
            found[Requests(measure.part)] = None
            found[Requests(measure.whole)] = None
        else:
            found[measure] = None
    return tuple(found)


class Counter:
    """The measures of each table, compiled: which of them a request is in, as bits.

    A table's measures whose predicate is :func:`~transparency_core.predicates.every_request`
    (the first, and a measure of every request's subjects) are in every request it
    counts, without a call; every other predicate is called once per request (or once
    per distinct facts, see :func:`reads_facts_only`), however many measures name it.
    """

    def __init__(self) -> None:
        self.measures: dict[str, tuple[Requests | Subjects, ...]] = {}
        self.tests: dict[str, tuple[int, tuple[tuple[Predicate, int], ...]]] = {}
        self.of_facts = True
        """Whether every measure's predicate reads only a request's facts."""

    def table(self, key: str, measures: tuple[Requests | Subjects, ...]) -> None:
        """Count ``measures`` in the table ``key``; the first must be :data:`EVERY`."""
        self.measures[key] = measures
        always = 0
        by_predicate: dict[Predicate, int] = {}
        for index, measure in enumerate(measures):
            if measure.where is every_request:
                always |= 1 << index
            else:
                by_predicate[measure.where] = by_predicate.get(measure.where, 0) | 1 << index
        self.tests[key] = (always, tuple(by_predicate.items()))
        self.of_facts = self.of_facts and all(map(reads_facts_only, by_predicate))

    def bits(self, table: str, request: Request) -> int:
        """The bits of the measures of ``table`` that ``request`` is in.

        Bit ``i`` is set when the request is in the table's measure ``i`` (bit 0, every
        request, always): a part of the request's signature.
        """
        mask, tests = self.tests[table]
        for where, bits in tests:
            if where(request):
                mask |= bits
        return mask
