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

from typing import Any, Self

from transparency_core._error_base import TransparencyError
from transparency_core._ledger_errors import (
    ConflictingRepeatError,
    FieldError,
    InvalidLedgerError,
    JsonLedgerError,
)
from transparency_core._ledgertext import Missing, ledger_text, printable
from transparency_core._sheet_errors import CellError, RowConflictError, SheetError

__all__ = [
    "MISSING",
    "AlreadyRegisteredError",
    "BrokenRendererWarning",
    "CellError",
    "ConflictingRepeatError",
    "DisclosureError",
    "FieldError",
    "InvalidDefinitionError",
    "InvalidLedgerError",
    "InvalidReportError",
    "JsonLedgerError",
    "MismatchedSubtotalsError",
    "MissingExtraError",
    "NoProvenanceError",
    "NoSchemaError",
    "RowConflictError",
    "SheetError",
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
        no renderer named 'pdf'; there are csv, dsa, dsa-identification, explain, html, json,
        markdown, response-times, svg, text
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


class InvalidReportError(TransparencyError, ValueError):
    """A published report that cannot be verified, as it is not what version 2 writes.

    Not JSON, not version 2, or a field of another type, or a category this package
    does not know.

    Attributes:
        where: The path of the field in the report's JSON, ``$.periods[0].settings``.
        expected: What was expected there.
        got: What came, as JSON text (shortened).

    Example:
        >>> from transparency_core import reference_ledger, verify
        >>> try:
        ...     verify('{"schema": "report:1"}', reference_ledger())
        ... except InvalidReportError as error:
        ...     print(error)
        $.schema: expected 'urn:transparency-core:report:2' (a version 2 report), got "report:1"
    """

    code = "invalid_report_error"
    where: str
    expected: str
    got: str

    def __init__(self, where: str, expected: str, got: str) -> None:
        """Say where, what was expected, and what came."""
        self.where, self.expected, self.got = where, expected, got
        super().__init__(str(self))

    def __str__(self) -> str:
        """``where: expected ..., got ...``."""
        return f"{printable(self.where)}: expected {self.expected}, got {printable(self.got)}"

    def __reduce__(self) -> tuple[type[Self], tuple[str, str, str]]:
        """Pickle with every attribute."""
        return (type(self), (self.where, self.expected, self.got))

    def to_dict(self) -> dict[str, Any]:
        """The error as JSON-ready data, with its path, expectation and value."""
        data = {"where": printable(self.where), "expected": self.expected}
        return {**super().to_dict(), **data, "got": printable(self.got)}


class NoSchemaError(TransparencyError, TypeError):
    """A field has a type the ledger format has no JSON Schema for.

    Example:
        >>> str(NoSchemaError("no JSON Schema for complex"))
        'no JSON Schema for complex'
    """

    code = "no_schema_error"


class InvalidDefinitionError(TransparencyError, ValueError):
    r"""A report definition is not TOML, or has unknown keys or bad values: every one.

    Attributes:
        errors: Every bad key or value, each a :class:`FieldError` whose path is the
            key's (``disclosure.suppress_below``, ``output[1].format``).
        reason: Why the text could not be read at all (not TOML), or empty.

    Example:
        >>> from transparency_core import load_definition
        >>> try:
        ...     load_definition('period = "2020"\n[disclosure]\nsuppress_below = "ten"\n')
        ... except InvalidDefinitionError as error:
        ...     print(error.describe())
        ...     data = error.to_dict()
        1 problem in the report definition
          disclosure.suppress_below: expected a positive whole number, got 'ten'
        >>> data["errors"][0]["path"]
        ['disclosure', 'suppress_below']
    """

    code = "invalid_definition_error"
    errors: tuple[FieldError, ...]
    reason: str

    def __init__(self, errors: tuple[FieldError, ...] = (), reason: str = "") -> None:
        """Hold every problem, or the reason the text is not TOML."""
        self.errors, self.reason = tuple(errors), reason
        super().__init__(str(self))

    def __str__(self) -> str:
        """A one-line summary."""
        if self.reason:
            return f"the report definition is not TOML: {printable(self.reason)}"
        count = len(self.errors)
        return f"{count} problem{'s' if count != 1 else ''} in the report definition"

    def describe(self) -> str:
        """The summary, then every problem, one per line."""
        return "\n".join([str(self), *(f"  {error}" for error in self.errors)])

    def to_dict(self) -> dict[str, Any]:
        """The summary and every problem as data (each :meth:`FieldError.to_dict`)."""
        data = super().to_dict()
        data["errors"] = [error.to_dict() for error in self.errors]
        return data

    def __reduce__(self) -> tuple[type[Self], tuple[tuple[FieldError, ...], str]]:
        """Pickle with every attribute."""
        return (type(self), (self.errors, self.reason))


class MissingExtraError(TransparencyError, ImportError):
    """An optional package is needed for what was asked, and is not installed.

    Attributes:
        package: The package to install, as it is imported (``pandas``).
        extra: The extra of transparency-core that installs it.

    Example:
        >>> print(MissingExtraError("pandas", "pandas"))
        this needs pandas, which is not installed: pip install "transparency-core[pandas]"
    """

    code = "missing_extra_error"
    package: str
    extra: str

    def __init__(self, package: str, extra: str) -> None:
        """Name the missing package and the extra that brings it."""
        self.package, self.extra = package, extra
        super().__init__(str(self))

    def __str__(self) -> str:
        """Say what to install."""
        return (
            f"this needs {self.package}, which is not installed: "
            f'pip install "transparency-core[{self.extra}]"'
        )

    def __reduce__(self) -> tuple[type[Self], tuple[str, str]]:
        """Pickle with every attribute."""
        return (type(self), (self.package, self.extra))


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


for _error in (
    TransparencyError,
    FieldError,
    ConflictingRepeatError,
    JsonLedgerError,
    InvalidLedgerError,
    CellError,
    RowConflictError,
    SheetError,
):  # documented, and pickled, under this module's name
    _error.__module__ = __name__
del _error
