"""The errors transparency_core raises.

Every error is a :class:`TransparencyError`; each leaf also subclasses the builtin it
resembles, so ``except ValueError`` keeps working for callers who do not know this
library. Errors carry their data as attributes and survive pickling, so they can cross a
process boundary intact, and ``to_dict()`` gives any of them as JSON-ready data. The one
warning, :class:`BrokenRendererWarning`, is a ``UserWarning``.

Example:
    >>> from transparency_core.exceptions import FieldError
    >>> error = FieldError("$[3].country", "an ISO 3166-1 alpha-2 code", "Spain")
    >>> str(error)
    "$[3].country: expected an ISO 3166-1 alpha-2 code, got 'Spain'"
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, ClassVar, Self

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

__all__ = [
    "MISSING",
    "AlreadyRegisteredError",
    "BrokenRendererWarning",
    "ConflictingRepeatError",
    "DisclosureError",
    "FieldError",
    "InvalidLedgerError",
    "JsonLedgerError",
    "MismatchedSubtotalsError",
    "NoProvenanceError",
    "NoSchemaError",
    "TransparencyError",
    "UnknownNameError",
]

MISSING = Missing.MISSING
"""What :attr:`FieldError.got` holds when a required field is absent.

Example:
    >>> from transparency_core import structure_ledger
    >>> try:
    ...     structure_ledger([{"id": "A"}])
    ... except InvalidLedgerError as error:
    ...     error.exceptions[0].got is MISSING
    True
"""


_CUSTOMER_PATH = re.compile(r"identifiers|(?:^|\.)(?:value|subject)$")
"""A path in a request's identifiers (or of an identifier's value or subject, for an
identifier built alone): what came there may be a customer's data, shown masked."""
_TYPE_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]{0,31}")
"""What an identifier type looks like, shown as it came: a typo stays readable."""


class TransparencyError(Exception):
    """The base class of every error raised by transparency_core.

    :meth:`to_dict` gives the error as JSON-ready data, for a service's response body:
    its ``type``, its ``message``, and the attributes of its kind.

    Example:
        >>> from transparency_core import ReportingPeriod
        >>> try:
        ...     ReportingPeriod.parse("2020")
        ... except TransparencyError as error:
        ...     print(type(error).__name__, error.to_dict()["type"])
        FieldError field_error
    """

    code: ClassVar[str] = "transparency_error"
    """The error's kind in :meth:`to_dict`: its class name in snake case."""

    def to_dict(self) -> dict[str, Any]:
        """The error as JSON-ready data: ``json.dumps`` takes it, whatever came.

        Example:
            >>> NoProvenanceError("no ids").to_dict()
            {'type': 'no_provenance_error', 'message': 'no ids'}
        """
        return {"type": self.code, "message": printable(str(self))}


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
        if self.got is not MISSING:
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


class AlreadyRegisteredError(TransparencyError, ValueError):
    """A registry already holds something under that name, and replacing was not asked for.

    Attributes:
        kind: What the registry holds: ``category`` or ``renderer``.
        name: The name asked for.

    Example:
        >>> from transparency_core import default_renderers, TextRenderer
        >>> try:
        ...     default_renderers().register("text", TextRenderer)
        ... except AlreadyRegisteredError as error:
        ...     print(error)
        a renderer named 'text' is already registered
    """

    code = "already_registered_error"
    kind: str
    name: str

    def __init__(self, kind: str, name: str) -> None:
        """Say what is registered twice."""
        self.kind, self.name = kind, name
        super().__init__(str(self))

    def __str__(self) -> str:
        """Name what is taken."""
        return f"a {self.kind} named {ledger_text(self.name)} is already registered"

    def __reduce__(self) -> tuple[type[Self], tuple[str, str]]:
        """Pickle with every attribute."""
        return (type(self), (self.kind, self.name))


class UnknownNameError(TransparencyError, KeyError):
    """Nothing has the name asked for: a renderer, a table, a row or a column.

    Unlike a plain ``KeyError``, ``str()`` is the message itself, without quotes.

    Example:
        >>> from transparency_core import default_renderers
        >>> try:
        ...     default_renderers().create("pdf")
        ... except UnknownNameError as error:
        ...     print(error)
        no renderer named 'pdf'; there are csv, explain, html, json, markdown, svg, text
    """

    code = "unknown_name_error"

    def __str__(self) -> str:
        """The message."""
        return str(self.args[0]) if self.args else ""


class NoProvenanceError(TransparencyError, ValueError):
    """A report counted without provenance was asked for the request ids behind a figure.

    Example:
        >>> from transparency_core import ExplainRenderer, Subtotals, reference_ledger
        >>> from transparency_core import reference_period
        >>> subtotals = Subtotals.of(reference_ledger(), reference_period(), provenance=False)
        >>> report = subtotals.report()
        >>> try:
        ...     ExplainRenderer()(report)
        ... except NoProvenanceError as error:
        ...     print(error)
        cannot explain a report counted without provenance: it carries no ids
    """

    code = "no_provenance_error"


class DisclosureError(TransparencyError, ValueError):
    """What was asked for would publish what a disclosure policy withholds.

    Example:
        >>> from transparency_core import JsonRenderer, Suppression, build_report
        >>> from transparency_core import reference_ledger, reference_period
        >>> report = build_report(
        ...     reference_ledger(), reference_period(), disclosure=Suppression(10)
        ... )
        >>> try:
        ...     JsonRenderer(provenance=True)(report)
        ... except DisclosureError as error:
        ...     print(str(error).partition(":")[0])
        a report with banded, suppressed or withheld figures is published without request ids
    """

    code = "disclosure_error"


class MismatchedSubtotalsError(TransparencyError, ValueError):
    """Two subtotals were counted under different settings, so they cannot be added.

    Example:
        >>> from transparency_core import Subtotals, reference_ledger, reference_period
        >>> ledger, period = reference_ledger(), reference_period()
        >>> try:
        ...     Subtotals.of(ledger, period) + Subtotals.of(ledger, period, provenance=False)
        ... except MismatchedSubtotalsError as error:
        ...     print(error)
        cannot add subtotals counted with different provenance
    """

    code = "mismatched_subtotals_error"


class NoSchemaError(TransparencyError, TypeError):
    """A field has a type the ledger format has no JSON Schema for.

    Example:
        >>> str(NoSchemaError("no JSON Schema for complex"))
        'no JSON Schema for complex'
    """

    code = "no_schema_error"


class BrokenRendererWarning(UserWarning):
    """An installed package offers a renderer that cannot be used; the others still can.

    The entry point fails to import, or names something that cannot make a renderer.

    Attributes:
        name: The entry point's name (the ``--format`` it would have offered).
        value: What it points at, ``module:attribute``.
        reason: What went wrong.

    Example:
        >>> str(BrokenRendererWarning("pdf", "nowhere:Pdf", "ModuleNotFoundError: nowhere"))
        "the renderer 'pdf' (nowhere:Pdf) cannot be used: ModuleNotFoundError: nowhere"
    """

    name: str
    value: str
    reason: str

    def __init__(self, name: str, value: str, reason: str) -> None:
        """Describe the broken entry point."""
        self.name, self.value, self.reason = name, value, reason
        super().__init__(str(self))

    def __str__(self) -> str:
        """Name the entry point and say what is wrong."""
        return (
            f"the renderer {ledger_text(self.name)} ({printable(self.value)}) cannot be used: "
            f"{printable(self.reason)}"
        )

    def __reduce__(self) -> tuple[type[Self], tuple[str, str, str]]:
        """Pickle with every attribute."""
        return (type(self), (self.name, self.value, self.reason))
