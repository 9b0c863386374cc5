"""The edge: JSON-ready ledger records to value objects and back, strictly.

One cattrs converter, made by :func:`make_converter`, does the work; nothing here
touches ``cattrs.global_converter``. Structuring is strict: no coercion ("false" is not
a bool, 3 is not a string), no unknown fields, enums by their value, dates as
``YYYY-MM-DD``. Every problem of a ledger is collected, each with its path, before one
:class:`~transparency_core.exceptions.InvalidLedgerError` is raised.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import date
from sys import intern
from typing import TYPE_CHECKING, Any, TypeGuard, TypeVar

import attrs
import cattrs
from cattrs.errors import (
    ClassValidationError,
    ForbiddenExtraKeysError,
    IterableValidationError,
)
from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn

from transparency_core._model import (
    Action,
    DataKind,
    Identifier,
    Notification,
    Outcome,
    Request,
    Response,
    parse_iso_date,
    request_problems,
)
from transparency_core._specs import (
    DEFAULT_LEGAL_PROCESSES,
    SHIPPED_CATEGORIES,
    Category,
    LegalProcess,
)
from transparency_core._tally import Tally
from transparency_core.exceptions import (
    MISSING,
    FieldError,
    InvalidLedgerError,
    TransparencyError,
)

if TYPE_CHECKING:
    from collections.abc import Iterator

    from transparency_core.exceptions import ConflictingRepeatError

__all__ = [
    "configure_converter",
    "make_converter",
    "structure_ledger",
    "tally_ledger",
    "unstructure_ledger",
]

_RECORD = "an object mapping field names to values"
_UNICODE = "text (valid Unicode, no lone surrogates)"
_SURROGATE = re.compile("[\ud800-\udfff]")
MAX_PROBLEMS = 100
"""How many problems an :class:`InvalidLedgerError` holds by default; the rest are counted."""
_T = TypeVar("_T")
_E = TypeVar("_E", bound=enum.Enum)


def _one_of(values: Iterable[str]) -> str:
    return "one of " + ", ".join(repr(value) for value in values)


def _unicode(value: str) -> bool:
    """Whether ``value`` is valid Unicode: no lone surrogate (a JSON escape of one half)."""
    return value.isascii() or _SURROGATE.search(value) is None


def _structure_str(value: object, _: type) -> str:
    if type(value) is not str:
        raise FieldError("", "a string", value)
    if not _unicode(value):
        raise FieldError("", _UNICODE, value)
    return value


def _structure_bool(value: object, _: type) -> bool:
    if type(value) is not bool:
        raise FieldError("", "true or false", value)
    return value


def _structure_date(value: object, _: type) -> date:
    if type(value) is not str:
        raise FieldError("", "a YYYY-MM-DD date string", value)
    try:
        return parse_iso_date(value)
    except ValueError:
        raise FieldError("", "a YYYY-MM-DD date", value) from None


def _structure_enum(value: object, cls: type[enum.Enum]) -> enum.Enum:
    for member in cls:
        if type(value) is str and member.value == value:
            return member
    raise FieldError("", _one_of(member.value for member in cls), value)


def _enum_value(member: enum.Enum) -> str:
    return str(member.value)


def _structure_identifiers(
    value: object, _: type, converter: cattrs.Converter
) -> tuple[Identifier, ...]:
    if type(value) is not list:
        raise FieldError("", "a list of identifiers", value)
    identifiers: list[Identifier] = []
    errors: list[FieldError] = []
    structure = converter.get_structure_hook(Identifier)
    for index, item in enumerate(value):
        try:
            identifiers.append(_structure_object(structure, item, Identifier))
        except _FieldErrors as problem:
            errors.extend(error.at(f"[{index}]") for error in problem.errors)
    if errors:
        raise _FieldErrors(errors)
    return tuple(identifiers)


class _FieldErrors(Exception):  # noqa: N818 -- an internal carrier, never raised out
    def __init__(self, errors: list[FieldError]) -> None:
        super().__init__(errors)
        self.errors = errors


def _flatten(exc: BaseException, path: str = "") -> list[FieldError]:
    """Turn what cattrs raised into field errors with paths relative to the record."""
    match exc:
        case FieldError():
            return [exc.at(path) if path else exc]
        case _FieldErrors():
            return [error.at(path) if path else error for error in exc.errors]
        case ForbiddenExtraKeysError():
            known = ", ".join(attrs.fields_dict(exc.cl))
            return [
                FieldError(path, f"only the fields {known}", f"unknown field {name!r}")
                for name in sorted(exc.extra_fields)
            ]
        case ClassValidationError() | IterableValidationError():
            errors: list[FieldError] = []
            with_notes, without = exc.group_exceptions()
            for inner, note in with_notes:
                step = getattr(note, "name", None)
                where = f".{step}" if step is not None else f"[{note.index!r}]"
                inner_path = f"{path}{where}".lstrip(".")
                if isinstance(inner, KeyError):
                    errors.append(FieldError(inner_path, "a value: the field is required", MISSING))
                else:
                    errors.extend(_flatten(inner, inner_path))
            for inner in without:
                errors.extend(_flatten(inner, path))
            return errors
        case _:
            return [FieldError(path, "a valid value", f"{type(exc).__name__}: {exc}")]


def _structure_object(
    structure: cattrs.Converter | Callable[[Any, type], _T], value: object, cls: type[_T]
) -> _T:
    """``value`` as a ``cls``, by a converter or by its structure hook for ``cls``."""
    if type(value) is not dict and not isinstance(value, Mapping):
        raise _FieldErrors([FieldError("", _RECORD, value)])
    try:
        if isinstance(structure, cattrs.Converter):
            return structure.structure(value, cls)
        return structure(value, cls)
    except (
        ClassValidationError,
        IterableValidationError,
        FieldError,
        _FieldErrors,
    ) as exc:
        raise _FieldErrors(_flatten(exc)) from None


def configure_converter(converter: cattrs.Converter) -> None:
    """Configure ``converter`` for ledger records.

    It registers exactly:

    - structure hooks for ``str`` and ``bool`` that accept only those types;
    - a structure hook for ``date`` that accepts only ``YYYY-MM-DD`` strings, and an
      unstructure hook that writes that form;
    - structure hooks for :class:`Outcome`, :class:`DataKind`, :class:`Notification`
      and :class:`Action` that accept only a member's value, and unstructure hooks that
      write that value as a plain string;
    - a structure hook for ``tuple[Identifier, ...]`` that accepts only a list;
    - structure hooks for :class:`Identifier`, :class:`Response` and :class:`Request`
      that refuse unknown fields, and unstructure hooks for them that leave out fields
      holding their defaults, so a record comes back in its shortest form.

    Example:
        >>> import cattrs
        >>> converter = cattrs.Converter()
        >>> configure_converter(converter)
        >>> converter.structure("2020-01-08", date)
        datetime.date(2020, 1, 8)
    """
    _configure(converter, fast=True)


def _configure(converter: cattrs.Converter, *, fast: bool) -> None:
    """Register the hooks; ``fast=False`` leaves out the path for usual records (tests)."""
    converter.register_structure_hook(str, _structure_str)
    converter.register_structure_hook(bool, _structure_bool)
    converter.register_structure_hook(date, _structure_date)
    converter.register_unstructure_hook(date, date.isoformat)
    # Each enum by its own class: they are str subclasses, and dispatch by class would
    # otherwise hand them to the str hooks.
    for enum_class in (Outcome, DataKind, Notification, Action):
        converter.register_structure_hook(enum_class, _structure_enum)
        converter.register_unstructure_hook(enum_class, _enum_value)
    converter.register_structure_hook_func(
        lambda cls: cls == tuple[Identifier, ...],
        lambda value, cls: _structure_identifiers(value, cls, converter),
    )
    exact = {
        cls: make_dict_structure_fn(cls, converter, _cattrs_forbid_extra_keys=True)
        for cls in (Identifier, Response, Request)
    }
    usual: dict[type, Callable[[dict[str, Any]], object]] = {
        Identifier: _usual_identifier,
        Response: _usual_response,
        Request: _UsualRequests(),
    }
    for cls, structure in exact.items():
        converter.register_structure_hook(
            cls, _usual_or(usual[cls], structure) if fast else structure
        )
    for cls in (Identifier, Response, Request):
        converter.register_unstructure_hook(
            cls, make_dict_unstructure_fn(cls, converter, _cattrs_omit_if_default=True)
        )


# The usual record: a dict with only known fields, each of exactly its type. Such a
# record is built directly by the class (which checks every value, as always), its
# few-valued texts (types, countries, categories) shared rather than copied; anything
# else goes through the generated, field-by-field structuring, which names every
# problem. Both give the same object for a good record and the same error for a bad
# value, as tests/test_hostile.py checks on hostile records.
_IDENTIFIER_FIELDS = frozenset(attrs.fields_dict(Identifier))
_RESPONSE_FIELDS = frozenset(attrs.fields_dict(Response))
_REQUEST_FIELDS = frozenset(attrs.fields_dict(Request))
_REQUIRED = frozenset(
    field.name for field in attrs.fields(Request) if field.default is attrs.NOTHING
)
_MEMBERS: dict[type, dict[object, enum.Enum]] = {
    cls: {member.value: member for member in cls}
    for cls in (Outcome, DataKind, Notification, Action)
}


def _usual_or(
    usual: Callable[[dict[str, Any]], _T | None], exact: Callable[[Any, type], _T]
) -> Callable[[object, type], _T]:
    def structure(value: object, cls: type) -> _T:
        if type(value) is dict:
            built = usual(value)
            if built is not None:
                return built
        return exact(value, cls)

    return structure


def _text(value: object) -> TypeGuard[str]:
    return type(value) is str and (value.isascii() or _SURROGATE.search(value) is None)


def _optional_text(value: object) -> TypeGuard[str | None]:
    return value is None or _text(value)


def _member(cls: type[_E], value: object) -> _E | None:
    member = _MEMBERS[cls].get(value) if type(value) is str else None
    return member if isinstance(member, cls) else None


def _usual_identifier(value: dict[str, Any]) -> Identifier | None:
    kind, text, subject = value.get("type"), value.get("value"), value.get("subject")
    if (
        _text(kind)
        and _text(text)
        and (subject is None or _text(subject))
        and value.keys() <= _IDENTIFIER_FIELDS
    ):
        return Identifier(intern(kind), text, subject)
    return None


def _usual_response(value: dict[str, Any]) -> Response | None:
    if not value.keys() <= _RESPONSE_FIELDS:
        return None
    outcome = _member(Outcome, value.get("outcome"))
    data, notified, action = value.get("data"), value.get("notified"), value.get("action")
    challenged = value.get("challenged", False)
    members = (
        None if data is None else _member(DataKind, data),
        None if notified is None else _member(Notification, notified),
        None if action is None else _member(Action, action),
    )
    given = (data, notified, action)
    if outcome is None or type(challenged) is not bool:
        return None
    if any(member is None and raw is not None for member, raw in zip(members, given, strict=True)):
        return None
    return Response(outcome, members[0], challenged, members[1], members[2])


_SHARED_LIMIT = 4096
"""How many distinct dates and responses one converter keeps to share."""


class _UsualRequests:
    """Builds usual records into requests, sharing equal dates and responses.

    A ledger has few distinct received dates and responses: each is parsed and checked
    once, and the (frozen) value shared by every record that has it. One per converter.
    """

    def __init__(self) -> None:
        self.dates: dict[str, date] = {}
        self.responses: dict[tuple[object, ...], Response] = {}

    def day(self, text: str) -> date:
        """The date of ``text``, parsed once per distinct text."""
        day = self.dates.get(text)
        if day is None:
            day = parse_iso_date(text)
            if len(self.dates) < _SHARED_LIMIT:
                self.dates[text] = day
        return day

    def response(self, value: dict[str, Any]) -> Response | None:
        """The usual response of ``value``, built once per distinct value; else ``None``."""
        outcome, data = value.get("outcome"), value.get("data")
        notified, action = value.get("notified"), value.get("action")
        challenged = value.get("challenged", False)
        # Exact types first, so that no key equals another of other types (1 == True).
        if not (
            type(outcome) is str
            and type(challenged) is bool
            and _optional_text(data)
            and _optional_text(notified)
            and _optional_text(action)
        ):
            return None
        key = (outcome, data, notified, action, challenged)
        response = self.responses.get(key)
        if response is None:
            response = _usual_response(value)
            if response is not None and len(self.responses) < _SHARED_LIMIT:
                self.responses[key] = response
        return response

    def __call__(self, value: dict[str, Any]) -> Request | None:
        """The request of a usual record; ``None`` for the field-by-field path."""
        if not (_REQUIRED <= value.keys() <= _REQUEST_FIELDS):
            return None
        received, emergency, response = (
            value["received"],
            value.get("emergency", False),
            value["response"],
        )
        if not (
            _text(value["id"])
            and _text(value["country"])
            and _text(value["category"])
            and _optional_text(value.get("legal_process"))
            and _optional_text(value.get("data_country"))
            and _optional_text(value.get("amends"))
            and _text(received)
            and type(emergency) is bool
            and type(value["identifiers"]) is list
            and type(response) is dict
            and response.keys() <= _RESPONSE_FIELDS
        ):
            return None
        try:
            identifiers = []
            for item in value["identifiers"]:
                identifier = _usual_identifier(item) if type(item) is dict else None
                if identifier is None:
                    return None
                identifiers.append(identifier)
            day = self.day(received)
            usual_response = self.response(response)
        except (ValueError, TypeError, FieldError):
            return None  # the exact path names the problem, at its place in the record
        if usual_response is None:
            return None
        process = value.get("legal_process")
        return Request(
            id=value["id"],
            received=day,
            country=intern(value["country"]),
            category=intern(value["category"]),
            identifiers=identifiers,
            response=usual_response,
            legal_process=None if process is None else intern(process),
            data_country=value.get("data_country"),
            emergency=emergency,
            amends=value.get("amends"),
        )


def make_converter() -> cattrs.Converter:
    """Return a new converter configured by :func:`configure_converter`.

    Example:
        >>> from transparency_core import Identifier
        >>> converter = make_converter()
        >>> converter.structure({"type": "imei", "value": "490154203237518"}, Identifier)
        Identifier(type='imei', value='490154203237518', subject=None)
    """
    converter = cattrs.Converter(detailed_validation=True, forbid_extra_keys=True)
    configure_converter(converter)
    return converter


def _is_mapping(value: object) -> TypeGuard[Mapping[str, Any]]:
    """``isinstance(value, Mapping)``, quickly for the usual dict."""
    return type(value) is dict or isinstance(value, Mapping)


def _check_values(
    record: Mapping[str, Any],
    categories: Mapping[str, Category],
    legal_processes: Sequence[str],
    *,
    built: bool,
) -> list[FieldError]:
    """Check the values of a raw record: its fields, and what must be registered.

    It reads the raw record, so it runs even when another field is malformed and the
    request cannot be built; values of the wrong type are left to the converter. A
    record that was ``built`` passed the request's own checks of its fields on
    construction, on the same values: only what must be registered is left.
    """
    errors = [] if built else request_problems(record)
    name = record.get("category")
    category = categories.get(name) if type(name) is str else None
    if type(name) is str and category is None:
        errors.append(FieldError("category", _one_of(categories), name))
    identifiers = record.get("identifiers")
    if category is not None and type(identifiers) is list:
        allowed = category.identifier_types
        for index, identifier in enumerate(identifiers):
            kind = identifier.get("type") if _is_mapping(identifier) else None
            if type(kind) is str and kind not in allowed:
                expected = f"{_one_of(allowed)} (identifiers of a {name} request)"
                errors.append(FieldError(f"identifiers[{index}].type", expected, kind))
    process = record.get("legal_process")
    if type(process) is str and process not in legal_processes:
        errors.append(FieldError("legal_process", f"null or {_one_of(legal_processes)}", process))
    return errors


_FIELD_ORDER = {name: place for place, name in enumerate(attrs.fields_dict(Request))}


def _in_field_order(error: FieldError) -> tuple[int, str]:
    """Sort a record's errors as the ledger format lists its fields."""
    field = error.path.split(".")[0].split("[")[0]
    return (_FIELD_ORDER.get(field, len(_FIELD_ORDER)), error.path)


def _record_id(record: object) -> str | None:
    if isinstance(record, Mapping):
        value = record.get("id")
        if type(value) is str and value.strip():
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
    reader = _Reader.make(categories, legal_processes, converter, max_problems)
    pairs = list(reader.read(records))
    reader.check(Tally.of_positioned(pairs).conflicts)
    return tuple(request for _, request in pairs)


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
    reader = _Reader.make(categories, legal_processes, converter, max_problems)
    tally = Tally.of_positioned(reader.read(records, start))
    reader.check(tally.conflicts)
    return tally


@attrs.define
class _Reader:
    """Turns records into requests one by one, and keeps every problem it finds."""

    converter: cattrs.Converter
    categories: dict[str, Category]
    legal_processes: list[str]
    errors: list[tuple[int, FieldError]] = attrs.Factory(list)
    """The problems found, with the position of their record: the first ``limit``."""
    total: int = 0
    limit: int | None = None
    """How many problems are kept; ``None``: all."""
    omitted: int = 0
    """How many more problems were found than are kept."""

    @classmethod
    def make(
        cls,
        categories: Iterable[Category] | None,
        legal_processes: Sequence[LegalProcess],
        converter: cattrs.Converter | None,
        limit: int | None = None,
    ) -> _Reader:
        if limit is not None and limit < 1:
            msg = f"max_problems: expected a whole number of at least 1 or None, got {limit!r}"
            raise ValueError(msg)
        registry = SHIPPED_CATEGORIES if categories is None else categories
        return cls(
            converter or make_converter(),
            {category.name: category for category in registry},
            [process.name for process in legal_processes],
            limit=limit,
        )

    def read(self, records: Iterable[object], start: int = 0) -> Iterator[tuple[int, Request]]:
        """Yield ``(position, request)`` for every good record; keep the problems."""
        return self.read_positioned(enumerate(records, start))

    def read_positioned(
        self, records: Iterable[tuple[int, object]]
    ) -> Iterator[tuple[int, Request]]:
        """As :meth:`read`, for ``(position, record)`` pairs."""
        for index, record in records:
            self.total += 1
            found: list[FieldError] = []
            try:
                request = _structure_object(self.converter, record, Request)
            except _FieldErrors as problem:
                found.extend(problem.errors)
            if _is_mapping(record):
                found.extend(
                    _check_values(record, self.categories, self.legal_processes, built=not found)
                )
            if found:
                # A problem can be found twice, on the raw record and on construction:
                # the raw finding, which shows the value as it came, is kept.
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
                continue
            yield index, request

    def check(self, conflicts: Iterable[ConflictingRepeatError]) -> None:
        """Raise one error with every problem found, if any was."""
        raise_problems(
            [error for _, error in self.errors],
            conflicts,
            self.total,
            omitted=self.omitted,
            limit=self.limit,
        )


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


def unstructure_ledger(
    requests: Iterable[Request], *, converter: cattrs.Converter | None = None
) -> list[dict[str, Any]]:
    """Turn requests back into JSON-ready ledger records, in their shortest form.

    Fields that hold their default (``emergency: false``, a null ``amends``, ...) are
    left out.

    Example:
        >>> from datetime import date
        >>> from transparency_core import Identifier, Outcome, Request, Response
        >>> request = Request(
        ...     id="ES-1",
        ...     received=date(2020, 2, 11),
        ...     country="ES",
        ...     category="device",
        ...     identifiers=[Identifier("imei", "356938035643809")],
        ...     response=Response(Outcome.REJECTED),
        ... )
        >>> unstructure_ledger([request])[0]["response"]
        {'outcome': 'rejected'}
    """
    converter = converter or make_converter()
    return [converter.unstructure(request, Request) for request in requests]
