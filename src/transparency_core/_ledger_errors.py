"""Errors in a ledger: a field, a repeated record, the JSON, and all of them at once.

Their public face is :mod:`transparency_core.exceptions`. A value that may be a
customer's data (an identifier's value or subject) is shown masked in every message.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, Self

from transparency_core._error_base import TransparencyError
from transparency_core._ledgertext import (
    Missing,
    customer_value,
    json_safe,
    ledger_text,
    path_keys,
    printable,
)

if TYPE_CHECKING:
    from collections.abc import Sequence

__all__ = ["ConflictingRepeatError", "FieldError", "InvalidLedgerError", "JsonLedgerError"]

_CUSTOMER_PATH = re.compile(r"identifiers|(?:^|\.)(?:value|subject)$")
"""A path in a request's identifiers (or of an identifier's value or subject, for an
identifier built alone): what came there may be a customer's data, shown masked."""
_TYPE_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]{0,31}")
"""What an identifier type looks like, shown as it came: a typo stays readable."""


class FieldError(TransparencyError, ValueError):
    """A field of a record holds a value the ledger format does not allow.

    Attributes:
        path: Where the value is: ``$[17].identifiers[1].type`` for the second
            identifier of the 18th record of a ledger, or a path inside one record
            (``response.data``) when the record was built directly in Python.
        expected: What the field must hold, in words.
        got: The value that came, shown in messages as the ledger writes it (a date
            as ``'2020-01-08'``, an outcome as ``'provided'``, ``null``, ``true``).
        record_id: The ``id`` of the record, when it has a readable one.

    Example:
        >>> error = FieldError("country", "an ISO 3166-1 alpha-2 country code", "Spain")
        >>> print(error.at("$[4]", "ES-7"))
        $[4].country (id 'ES-7'): expected an ISO 3166-1 alpha-2 country code, got 'Spain'
        >>> data = error.at("$[4]", "ES-7").to_dict()
        >>> data["type"], data["path"], data["record_id"], data["got"]
        ('field_error', ['$', 4, 'country'], 'ES-7', 'Spain')
    """

    code = "field_error"

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
            where = f"{where} (id {ledger_text(self.record_id)})"
        return f"{where}: expected {self.expected}, got {ledger_text(self._shown)}"

    @property
    def _shown(self) -> object:
        """What came, as messages show it: an identifier's value masked."""
        if not _CUSTOMER_PATH.search(self.path):
            return self.got
        got = self.got
        if self.path.endswith("type") and isinstance(got, str) and _TYPE_NAME.fullmatch(got):
            return got
        return customer_value(self.got)

    def __reduce__(self) -> tuple[type[Self], tuple[str, str, object, str | None]]:
        """Pickle with every attribute."""
        return (type(self), (self.path, self.expected, self.got, self.record_id))

    def to_dict(self) -> dict[str, Any]:
        """The error as data: ``path`` as a list of keys, ``got`` as JSON or as its text.

        ``got`` is the value itself when any JSON reader takes it back exactly, else
        its text as the message shows it; it is left out when the field was absent.

        Example:
            >>> from datetime import date
            >>> data = FieldError("end", "a date on or after the start", date(2020, 1, 1)).to_dict()
            >>> data["path"], data["got"]
            (['end'], '2020-01-01')
            >>> "got" in FieldError("$[0].id", "a value", MISSING).to_dict()
            False
        """
        data = super().to_dict()
        data["path"] = [
            printable(key) if isinstance(key, str) else key for key in path_keys(self.path)
        ]
        data["record_id"] = None if self.record_id is None else json_safe(self.record_id)
        data["expected"] = printable(self.expected)
        if self.got is not Missing.MISSING:
            data["got"] = json_safe(self._shown)
        return data

    def at(self, prefix: str, record_id: str | None = None) -> FieldError:
        """Return this error placed under ``prefix`` (a record's path in a ledger).

        Example:
            >>> str(FieldError("[1].type", "a string", 3).at("$[0].identifiers"))
            '$[0].identifiers[1].type: expected a string, got a number'
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
        ...     conflict = error.exceptions[0]
        >>> print(conflict)
        $[0] and $[1] repeat id 'A' but disagree on country: 'ES' versus 'SE'
        >>> data = conflict.to_dict()
        >>> data["field"], data["first"], data["second"]
        (['country'], {'path': ['$', 0], 'value': 'ES'}, {'path': ['$', 1], 'value': 'SE'})
    """

    code = "conflicting_repeat_error"

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
            f"$[{self.first}] and $[{self.second}] repeat id {ledger_text(self.id)} but disagree "
            f"on {self.field}: {ledger_text(self.first_value)} versus "
            f"{ledger_text(self.second_value)}"
        )

    def to_dict(self) -> dict[str, Any]:
        """The conflict as data: the id, the field's path, and each record's place and value."""
        data = super().to_dict()
        data["id"] = json_safe(self.id)
        data["field"] = path_keys(self.field)
        data["first"] = {"path": ["$", self.first], "value": json_safe(self.first_value)}
        data["second"] = {"path": ["$", self.second], "value": json_safe(self.second_value)}
        return data

    def __reduce__(self) -> tuple[type[Self], tuple[str, int, int, str, object, object]]:
        """Pickle with every attribute."""
        values = (self.id, self.first, self.second, self.field, self.first_value, self.second_value)
        return (type(self), values)


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
        ...     data = error.to_dict()
        line 1, column 15 (after 1 records): Expecting value
        >>> {key: data[key] for key in ("type", "line", "column", "record")}
        {'type': 'json_ledger_error', 'line': 1, 'column': 15, 'record': 1}
    """

    code = "json_ledger_error"

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

    def to_dict(self) -> dict[str, Any]:
        """Where the JSON goes wrong, and why, as data."""
        data = super().to_dict()
        data.update(line=self.line, column=self.column, record=self.record)
        data["reason"] = printable(self.reason)
        return data

    def __reduce__(self) -> tuple[type[Self], tuple[int, int, int, str]]:
        """Pickle with every attribute."""
        return (type(self), (self.record, self.line, self.column, self.reason))


class InvalidLedgerError(TransparencyError, ExceptionGroup[TransparencyError], ValueError):
    """A ledger has bad records; ``exceptions`` holds every problem found.

    No report is built from a ledger with errors. ``str()`` gives a one-line summary;
    :meth:`describe` gives every problem, one per line, as the command line prints them;
    :meth:`to_dict` gives them all as data (a 422 response body). It is an
    ``ExceptionGroup`` (``except*`` splits it) and a ``ValueError``.

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

    code = "invalid_ledger_error"
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

    def derive(self, excs: Sequence[TransparencyError]) -> InvalidLedgerError:  # type: ignore[override]
        """A group of some of the problems (``split``, ``except*``): the same kind and summary."""
        return InvalidLedgerError(self.message, excs)

    def to_dict(self) -> dict[str, Any]:
        """The summary and every problem as data.

        Example:
            >>> from transparency_core import structure_ledger
            >>> try:
            ...     structure_ledger([{"id": "A", "received": "2020-02-30"}])
            ... except InvalidLedgerError as error:
            ...     data = error.to_dict()
            >>> data["type"], data["message"], data["count"]
            ('invalid_ledger_error', '5 problems in the ledger of 1 record', 5)
            >>> data["errors"][0]["path"], data["errors"][0]["got"]
            (['$', 0, 'received'], '2020-02-30')
        """
        return {
            "type": self.code,
            "message": printable(self.message),
            "count": len(self.exceptions),
            "omitted": self.omitted,
            "errors": [
                error.to_dict()
                if isinstance(error, TransparencyError)
                else {"type": "error_group", "message": printable(str(error))}
                for error in self.exceptions
            ],
        }
