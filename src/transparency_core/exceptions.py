"""The errors transparency_core raises.

Every error is a :class:`TransparencyError`; each leaf also subclasses the builtin it
resembles, so ``except ValueError`` keeps working for callers who do not know this
library. Errors carry their data as attributes and survive pickling, so they can cross a
process boundary intact.

Example:
    >>> from transparency_core.exceptions import FieldError
    >>> error = FieldError("$[3].country", "an ISO 3166-1 alpha-2 code", "Spain")
    >>> str(error)
    "$[3].country: expected an ISO 3166-1 alpha-2 code, got 'Spain'"
"""

from __future__ import annotations

import enum
from typing import Self

__all__ = [
    "MISSING",
    "ConflictingRepeatError",
    "FieldError",
    "InvalidLedgerError",
    "JsonLedgerError",
    "TransparencyError",
]


class _Missing(enum.Enum):
    MISSING = enum.auto()

    def __repr__(self) -> str:
        return "nothing"


MISSING = _Missing.MISSING
"""What :attr:`FieldError.got` holds when a required field is absent.

Example:
    >>> from transparency_core import structure_ledger
    >>> try:
    ...     structure_ledger([{"id": "A"}])
    ... except InvalidLedgerError as error:
    ...     error.exceptions[0].got is MISSING
    True
"""

_MAX_SHOWN = 80


def _shown(value: object) -> str:
    """Return a short ``repr`` of a bad value, so a huge input cannot flood a message."""
    text = repr(value)
    if len(text) > _MAX_SHOWN:
        return f"{text[: _MAX_SHOWN - 3]}..."
    return text


class TransparencyError(Exception):
    """The base class of every error raised by transparency_core.

    Example:
        >>> from transparency_core import ReportingPeriod
        >>> try:
        ...     ReportingPeriod.parse("2020")
        ... except TransparencyError as error:
        ...     print(type(error).__name__)
        FieldError
    """


class FieldError(TransparencyError, ValueError):
    """A field of a record holds a value the ledger format does not allow.

    Attributes:
        path: Where the value is: ``$[17].identifiers[1].type`` for the second
            identifier of the 18th record of a ledger, or a path inside one record
            (``response.data``) when the record was built directly in Python.
        expected: What the field must hold, in words.
        got: The value that came.
        record_id: The ``id`` of the record, when it has a readable one.

    Example:
        >>> error = FieldError("country", "an ISO 3166-1 alpha-2 country code", "Spain")
        >>> print(error.at("$[4]", "ES-7"))
        $[4].country (id 'ES-7'): expected an ISO 3166-1 alpha-2 country code, got 'Spain'
    """

    path: str
    expected: str
    got: object
    record_id: str | None

    def __init__(self, path: str, expected: str, got: object, record_id: str | None = None) -> None:
        """Describe one bad value."""
        self.path = path
        self.expected = expected
        self.got = got
        self.record_id = record_id
        super().__init__(str(self))

    def __str__(self) -> str:
        """Say where, what was expected and what came."""
        where = self.path
        if self.record_id is not None:
            where = f"{where} (id {_shown(self.record_id)})"
        return f"{where}: expected {self.expected}, got {_shown(self.got)}"

    def __reduce__(self) -> tuple[type[Self], tuple[str, str, object, str | None]]:
        """Pickle with every attribute."""
        return (type(self), (self.path, self.expected, self.got, self.record_id))

    def at(self, prefix: str, record_id: str | None = None) -> FieldError:
        """Return this error placed under ``prefix`` (a record's path in a ledger).

        Example:
            >>> str(FieldError("[1].type", "a string", 3).at("$[0].identifiers"))
            '$[0].identifiers[1].type: expected a string, got 3'
        """
        if not self.path:
            path = prefix
        elif self.path.startswith("["):
            path = f"{prefix}{self.path}"
        else:
            path = f"{prefix}.{self.path}"
        return type(self)(path, self.expected, self.got, record_id or self.record_id)


class ConflictingRepeatError(TransparencyError, ValueError):
    """Two records share an ``id`` but disagree about the request.

    "Any request that we challenge or reject is not counted as an additional request":
    records that repeat an ``id`` are one request, so they must tell the same story.

    Attributes:
        id: The repeated request id.
        first: Position of the first record with that id in the ledger.
        second: Position of the record that disagrees with it.
        field: The field they disagree on.
        first_value: What the earlier record (or records) said.
        second_value: What the disagreeing record says.

    Example:
        >>> from transparency_core import structure_ledger
        >>> record = {"id": "A", "received": "2020-01-08", "country": "ES",
        ...           "category": "device", "identifiers": [{"type": "imei", "value": "1"}],
        ...           "response": {"outcome": "no_data"}}
        >>> try:
        ...     structure_ledger([record, {**record, "country": "SE"}])
        ... except InvalidLedgerError as error:
        ...     print(error.exceptions[0])
        $[0] and $[1] repeat id 'A' but disagree on country: 'ES' versus 'SE'
    """

    id: str
    first: int
    second: int
    field: str
    first_value: object
    second_value: object

    def __init__(  # noqa: PLR0913, PLR0917 -- positional, as pickling rebuilds it
        self,
        id: str,  # noqa: A002 -- the ledger's own name for the field
        first: int,
        second: int,
        field: str,
        first_value: object,
        second_value: object,
    ) -> None:
        """Describe one conflict between two records."""
        self.id = id
        self.first = first
        self.second = second
        self.field = field
        self.first_value = first_value
        self.second_value = second_value
        super().__init__(str(self))

    def __str__(self) -> str:
        """Name both records and what they disagree on."""
        return (
            f"$[{self.first}] and $[{self.second}] repeat id {_shown(self.id)} but disagree "
            f"on {self.field}: {_shown(self.first_value)} versus "
            f"{_shown(self.second_value)}"
        )

    def __reduce__(
        self,
    ) -> tuple[type[Self], tuple[str, int, int, str, object, object]]:
        """Pickle with every attribute."""
        return (
            type(self),
            (
                self.id,
                self.first,
                self.second,
                self.field,
                self.first_value,
                self.second_value,
            ),
        )


class JsonLedgerError(TransparencyError, ValueError):
    """The text of a ledger is not a JSON array of records, nor JSON Lines.

    Attributes:
        record: How many records were read before the problem.
        line: The line of the problem, from 1.
        column: The column of the problem, from 1.
        reason: What is wrong.

    Example:
        >>> from transparency_core import iter_json_records
        >>> try:
        ...     list(iter_json_records(['[{"id": "A"}, oops]']))
        ... except JsonLedgerError as error:
        ...     print(error)
        line 1, column 15 (after 1 records): Expecting value
    """

    record: int
    line: int
    column: int
    reason: str

    def __init__(self, record: int, line: int, column: int, reason: str) -> None:
        """Describe where the JSON goes wrong."""
        self.record, self.line, self.column, self.reason = record, line, column, reason
        super().__init__(str(self))

    def __str__(self) -> str:
        """Say where, and what is wrong."""
        return (
            f"line {self.line}, column {self.column} (after {self.record} records): {self.reason}"
        )

    def __reduce__(self) -> tuple[type[Self], tuple[int, int, int, str]]:
        """Pickle with every attribute."""
        return (type(self), (self.record, self.line, self.column, self.reason))


class InvalidLedgerError(TransparencyError, ExceptionGroup[TransparencyError]):
    """A ledger has bad records; ``exceptions`` holds every problem found.

    No report is built from a ledger with errors. ``str()`` gives a one-line summary;
    :meth:`describe` gives every problem, one per line, as the command line prints them.

    Example:
        >>> from transparency_core import structure_ledger
        >>> try:
        ...     structure_ledger([{"id": "A", "received": "2020-02-30"}])
        ... except InvalidLedgerError as error:
        ...     print(error.describe())
        5 problems in the ledger of 1 record
          $[0].received (id 'A'): expected a YYYY-MM-DD date, got '2020-02-30'
          $[0].country (id 'A'): expected a value: the field is required, got nothing
          ...
    """

    omitted: int = 0
    """How many more problems were found than ``exceptions`` holds (past the cap of
    ``max_problems`` of :func:`~transparency_core.tally_ledger`): counted, not kept."""

    def describe(self) -> str:
        """Return the summary followed by every problem, one per line."""
        lines = [self.message]
        lines.extend(f"  {error}" for error in self.exceptions)
        if self.omitted:
            lines.append(
                f"  ... and {self.omitted:,} more problem{'s' if self.omitted > 1 else ''}"
            )
        return "\n".join(lines)
