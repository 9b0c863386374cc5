"""The edge's reader: ledger records to requests, with every problem of every record.

:func:`structure_ledger` and :func:`tally_ledger` read records one at a time through a
:class:`Reader`, which structures each by the converter, checks what the registries
decide (the categories and their identifier types, the legal process types), and keeps
every problem, addressed by its path in the ledger, until one
:class:`~transparency_core.exceptions.InvalidLedgerError` says them all.
"""

from __future__ import annotations

import functools
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from itertools import islice
from operator import attrgetter, itemgetter
from typing import TYPE_CHECKING, Any

import attrs

from transparency_core._checks import blank, record_problems
from transparency_core._edge._batch import BATCH, batch_requests
from transparency_core._edge._convert import FieldErrors, make_converter, structure_object
from transparency_core._edge._usual import UsualOr, UsualRecords
from transparency_core._edge._values import one_of
from transparency_core._model import Request, identifier_types
from transparency_core._specs import (
    DEFAULT_LEGAL_PROCESSES,
    SHIPPED_CATEGORIES,
    Category,
    LegalProcess,
)
from transparency_core._tally import Tally
from transparency_core.exceptions import FieldError, InvalidLedgerError, TransparencyError

if TYPE_CHECKING:
    from collections.abc import Iterator

    import cattrs

    from transparency_core.exceptions import ConflictingRepeatError

__all__ = ["MAX_PROBLEMS", "Reader", "raise_problems", "structure_ledger", "tally_ledger"]

MAX_PROBLEMS = 100
"""How many problems an :class:`InvalidLedgerError` holds by default; the rest are counted."""


@functools.cache
def _default_structure() -> Callable[[object, type], Request]:
    """The structure hook of the converter a reader uses when given none: one a process.

    Its fast path shares equal dates and responses between records (a bounded number),
    so sharing it between calls loses nothing, and making a converter is saved.
    """
    return make_converter().get_structure_hook(Request)


def _allowed_types(reader: Reader) -> dict[str, frozenset[str]]:
    return {
        name: frozenset(category.identifier_types) for name, category in reader.categories.items()
    }


@attrs.define
class Reader:
    """Turns records into requests one by one, and keeps every problem it finds."""

    structure: Callable[[object, type], Request]
    """The converter's structure hook for requests."""
    categories: dict[str, Category]
    legal_processes: list[str]
    allowed: dict[str, frozenset[str]] = attrs.field(
        default=attrs.Factory(_allowed_types, takes_self=True), repr=False
    )
    """Each category's identifier types, as a set: the usual record's are all in it."""
    errors: list[tuple[int, FieldError]] = attrs.Factory(list)
    """The problems found, with the position of their record: the first ``limit``."""
    total: int = 0
    limit: int | None = None
    """How many problems are kept; ``None``: all."""
    omitted: int = 0
    """How many more problems were found than are kept."""
    usual: UsualRecords | None = attrs.field(default=None, repr=False)
    """The structure hook's reader of usual records, when it is the shipped one: then the
    records are read a batch at a time, and a batch with any problem record by record."""

    @classmethod
    def make(
        cls,
        categories: Iterable[Category] | None,
        legal_processes: Sequence[LegalProcess],
        converter: cattrs.Converter | None,
        limit: int | None = None,
    ) -> Reader:
        """A reader for these registries, by ``converter`` (a new one by default)."""
        if limit is not None and limit < 1:
            raise FieldError("max_problems", "a whole number of at least 1 or None", limit)
        registry = SHIPPED_CATEGORIES if categories is None else categories
        hook = _default_structure() if converter is None else converter.get_structure_hook(Request)
        usual = getattr(hook, "usual", None)
        return cls(
            hook,
            {category.name: category for category in registry},
            [process.name for process in legal_processes],
            limit=limit,
            usual=usual if isinstance(hook, UsualOr) and isinstance(usual, UsualRecords) else None,
        )

    def read(self, records: Iterable[object], start: int = 0) -> Iterator[tuple[int, Request]]:
        """Yield ``(position, request)`` for every good record; keep the problems."""
        return self.read_positioned(enumerate(records, start))

    def read_positioned(
        self, records: Iterable[tuple[int, object]]
    ) -> Iterator[tuple[int, Request]]:
        """As :meth:`read`, for ``(position, record)`` pairs."""
        if self.usual is None:
            yield from self._one_by_one(records)
            return
        pairs = iter(records)
        processes = frozenset(self.legal_processes)
        while batch := list(islice(pairs, BATCH)):
            found = batch_requests(self.usual, [pair[1] for pair in batch], self.allowed, processes)
            if found is None:  # some record is not a good usual one: each says why
                yield from self._one_by_one(batch)
            else:
                self.total += len(batch)
                yield from zip([pair[0] for pair in batch], found, strict=True)

    def _one_by_one(self, records: Iterable[tuple[int, object]]) -> Iterator[tuple[int, Request]]:
        """As :meth:`read_positioned`, a record at a time, keeping each one's problems."""
        for index, record in records:
            self.total += 1
            try:
                request = structure_object(self.structure, record, Request)
            except FieldErrors as problem:
                found = problem.errors
                if isinstance(record, Mapping):
                    # The raw values are checked too, so that a record with a malformed
                    # field still has every problem of its other fields found.
                    found = [*found, *record_problems(record), *self._raw_unregistered(record)]
                self._keep(index, record, found)
                continue
            found = self.unregistered(
                request.category, identifier_types(request), request.legal_process
            )
            if found:
                self._keep(index, record, found)
                continue
            yield index, request

    def unregistered(
        self, name: object, kinds: Sequence[object], process: object
    ) -> list[FieldError]:
        """The problems of a category, identifier types and legal process the registries lack.

        Values of the wrong type are left to the converter.
        """
        errors: list[FieldError] = []
        category = self.categories.get(name) if type(name) is str else None
        if category is not None:
            allowed = category.identifier_types
            # Usually every type is registered, which the set tells at once.
            listed = () if self.allowed[category.name].issuperset(kinds) else enumerate(kinds)
            for index, kind in listed:
                if type(kind) is str and kind not in allowed:
                    article = "an" if str(name)[:1].casefold() in "aeiou" else "a"
                    expected = f"{one_of(allowed)} (identifiers of {article} {name} request)"
                    errors.append(FieldError(f"identifiers[{index}].type", expected, kind))
        elif type(name) is str:
            errors.append(FieldError("category", one_of(self.categories), name))
        if type(process) is str and process not in self.legal_processes:
            expected = f"null or {one_of(self.legal_processes)}"
            errors.append(FieldError("legal_process", expected, process))
        return errors

    def _raw_unregistered(self, record: Mapping[str, Any]) -> list[FieldError]:
        """:meth:`unregistered` of a raw record, whatever its fields hold."""
        identifiers = record.get("identifiers")
        # Only a text can be an unregistered type; anything else holds its place, as None.
        kinds = (
            [
                _text_or_none(item.get("type")) if isinstance(item, Mapping) else None
                for item in identifiers
            ]
            if type(identifiers) is list
            else []
        )
        return self.unregistered(record.get("category"), kinds, record.get("legal_process"))

    def _keep(self, index: int, record: object, found: list[FieldError]) -> None:
        """Keep the problems of the record at ``index``, the first ``limit`` of all.

        A problem found twice, on the raw record and on construction, is kept once, as
        the raw finding, which shows the value as it came.
        """
        unique = {(error.path, error.expected): error for error in found}
        room = len(unique)
        if self.limit is not None:
            room = min(room, max(0, self.limit - len(self.errors)))
            self.omitted += len(unique) - room
        if room:
            record_id = _record_id(record)
            self.errors.extend(
                (index, error.at(f"$[{index}]", record_id))
                for error in sorted(unique.values(), key=_in_field_order)[:room]
            )

    def check(self, conflicts: Iterable[ConflictingRepeatError]) -> None:
        """Raise one error with every problem found, if any was."""
        raise_problems(
            [error for _, error in self.errors],
            conflicts,
            self.total,
            omitted=self.omitted,
            limit=self.limit,
        )


_REQUEST = itemgetter(1)
_ID = attrgetter("id")
_FIELD_ORDER = {name: place for place, name in enumerate(attrs.fields_dict(Request))}


def _in_field_order(error: FieldError) -> tuple[int, str]:
    """Sort a record's errors as the ledger format lists its fields."""
    field = error.path.split(".")[0].split("[")[0]
    return (_FIELD_ORDER.get(field, len(_FIELD_ORDER)), error.path)


def _text_or_none(value: object) -> str | None:
    return value if type(value) is str else None


def _record_id(record: object) -> str | None:
    if isinstance(record, Mapping):
        value = record.get("id")
        if type(value) is str and not blank(value):
            return value
    return None


def structure_ledger(
    records: Iterable[object],
    *,
    categories: Iterable[Category] | None = None,
    legal_processes: Sequence[LegalProcess] = DEFAULT_LEGAL_PROCESSES,
    converter: cattrs.Converter | None = None,
    max_problems: int | None = MAX_PROBLEMS,
) -> tuple[Request, ...]:
    """Turn JSON-ready ledger records into requests, or say everything that is wrong.

    Args:
        records: The ledger: mappings in the ledger format (``json.load`` output).
        categories: The categories a record may name, with their identifier types: a
            :class:`Categories` registry, say. By default, every shipped category.
        legal_processes: The legal process types a record may name.
        converter: A converter from :func:`make_converter`, to reuse one; by default a
            new one is made.
        max_problems: How many problems the error holds, at most (100 by default;
            ``None`` for all); the rest are counted in its ``omitted``, so a ledger of
            bad records reads in bounded memory.

    Returns:
        The requests, in the order of the records.

    Raises:
        InvalidLedgerError: With a :class:`~transparency_core.exceptions.FieldError`
            for every bad value (``$[3].response.data: expected ...``) and a
            :class:`~transparency_core.exceptions.ConflictingRepeatError` for every
            repeated id that disagrees with an earlier record. Nothing is returned when
            any record is bad.

    Example:
        >>> [request] = structure_ledger([{
        ...     "id": "ES-1",
        ...     "received": "2020-02-11",
        ...     "country": "ES",
        ...     "category": "device",
        ...     "identifiers": [{"type": "imei", "value": "356938035643809"}],
        ...     "response": {"outcome": "provided", "data": "non_content"},
        ... }])
        >>> request.response.outcome
        <Outcome.PROVIDED: 'provided'>
    """
    reader = Reader.make(categories, legal_processes, converter, max_problems)
    pairs = list(reader.read(records))
    requests = tuple(map(_REQUEST, pairs))
    ids = list(map(_ID, requests))
    conflicts: tuple[ConflictingRepeatError, ...] = ()
    # Repeated ids are merged or in conflict (the tally's rules); usually there are none,
    # and only the records of a repeated id can conflict.
    if len(set(ids)) < len(ids):
        repeated = {request_id for request_id, times in Counter(ids).items() if times > 1}
        conflicts = Tally.of_positioned(pair for pair in pairs if pair[1].id in repeated).conflicts
    reader.check(conflicts)
    return requests


def tally_ledger(  # noqa: PLR0913 -- options, all by keyword
    records: Iterable[object],
    *,
    categories: Iterable[Category] | None = None,
    legal_processes: Sequence[LegalProcess] = DEFAULT_LEGAL_PROCESSES,
    converter: cattrs.Converter | None = None,
    start: int = 0,
    max_problems: int | None = MAX_PROBLEMS,
) -> Tally:
    """Read ledger records one at a time into a :class:`Tally`, strictly.

    The records are never all in memory: each is converted, checked and tallied as it
    comes, so a stream (a JSON Lines file read line by line, a database cursor) of any
    length can be counted. As :func:`structure_ledger`, it reports every problem at once,
    after the last record, and returns nothing when any record is bad.

    ``start`` is where ``records`` begin in the whole ledger, when they are a part of it
    (a partition counted on another core or machine), so that errors name records by
    their place in the whole and tallies of the parts merge as the whole's would.

    The error holds the first ``max_problems`` problems (100 by default; ``None`` for
    every one) and counts the rest in its ``omitted``: a stream of bad records is read
    in bounded memory, and :meth:`~InvalidLedgerError.describe` ends with "... and 199,900
    more problems".

    Raises:
        InvalidLedgerError: With every bad value and every conflicting repeat (the first
            ``max_problems`` of them).

    Example:
        >>> from transparency_core import build_report, reference_period, reference_records
        >>> tally = tally_ledger(iter(reference_records()))
        >>> build_report(tally, reference_period()).table("account").cell("IN", "requests").value
        3
    """
    reader = Reader.make(categories, legal_processes, converter, max_problems)
    tally = Tally.of_positioned(reader.read(records, start))
    reader.check(tally.conflicts)
    return tally


def raise_problems(
    errors: Iterable[FieldError],
    conflicts: Iterable[ConflictingRepeatError],
    total: int,
    *,
    omitted: int = 0,
    limit: int | None = None,
) -> None:
    """Raise one :class:`InvalidLedgerError` with ``errors`` then ``conflicts``, if any.

    ``total`` is how many records the ledger has; ``omitted`` how many more errors were
    found than ``errors`` holds. The error keeps the first ``limit`` problems (``None``:
    all) and counts the rest.
    """
    problems: list[TransparencyError] = [*errors, *conflicts]
    found = len(problems) + omitted
    if found:
        if limit is not None and len(problems) > limit:
            problems = problems[:limit]
        count = f"{found} problem{'s' if found > 1 else ''}"
        msg = f"{count} in the ledger of {total} record{'s' if total != 1 else ''}"
        error = InvalidLedgerError(msg, problems)
        error.omitted = found - len(problems)
        raise error
