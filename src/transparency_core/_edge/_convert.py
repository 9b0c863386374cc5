"""The edge's converter: JSON-ready ledger records to value objects and back, strictly.

One cattrs converter, made by :func:`make_converter`, does the work; nothing here
touches ``cattrs.global_converter``. Structuring is strict: no coercion ("false" is not
a bool, 3 is not a string), no unknown fields, enums by their value, dates as
``YYYY-MM-DD``; each type is checked by the functions of ``_values``, which the fast path
for usual records (``_usual``) calls too. A record's problems come back as field errors,
each with its path in the record.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any, TypeVar

import attrs
import cattrs
from cattrs.errors import (
    ClassValidationError,
    ForbiddenExtraKeysError,
    IterableValidationError,
)
from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn, override

from transparency_core._edge._shortest import (
    enum_value,
    iso,
    shortest_identifier,
    shortest_record,
    shortest_response,
)
from transparency_core._edge._usual import UsualOr, UsualRecords, usual_identifier
from transparency_core._edge._values import (
    ENUMS,
    day,
    flag,
    identifier_list,
    member,
    moment,
    optional_moment,
    record,
    text,
)
from transparency_core._model import Identifier, Request, Response
from transparency_core.exceptions import MISSING, FieldError

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

__all__ = [
    "FieldErrors",
    "configure_converter",
    "make_converter",
    "make_reference_converter",
    "structure_object",
    "unstructure_ledger",
]

_T = TypeVar("_T")


_MOMENTS = {
    "received": override(struct_hook=moment),
    "acknowledged": override(struct_hook=optional_moment),
    "responded": override(struct_hook=optional_moment),
}
"""The fields that hold a date or a date-time."""


def _structure_identifiers(
    value: object, _: type, converter: cattrs.Converter
) -> tuple[Identifier, ...]:
    identifiers: list[Identifier] = []
    errors: list[FieldError] = []
    structure = converter.get_structure_hook(Identifier)
    for index, item in enumerate(identifier_list(value)):
        try:
            identifiers.append(structure_object(structure, item, Identifier))
        except FieldErrors as problem:
            errors.extend(error.at(f"[{index}]") for error in problem.errors)
    if errors:
        raise FieldErrors(errors)
    return tuple(identifiers)


class FieldErrors(Exception):  # noqa: N818 -- a carrier of errors, never raised out
    """The field errors of one record, on their way to the reader."""

    def __init__(self, errors: list[FieldError]) -> None:
        super().__init__(errors)
        self.errors = errors


def _flatten(exc: BaseException, path: str = "") -> list[FieldError]:
    """Turn what cattrs raised into field errors with paths relative to the record."""
    match exc:
        case FieldError():
            return [exc.at(path) if path else exc]
        case FieldErrors():
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


def structure_object(structure: Callable[[Any, type], _T], value: object, cls: type[_T]) -> _T:
    """``value`` as a ``cls``, by a converter's structure hook for ``cls``.

    Raises:
        FieldErrors: With every problem of ``value``, each with its path in it.
    """
    try:
        if type(value) is not dict:
            record(value)  # which names what else came
        return structure(value, cls)
    except (
        ClassValidationError,
        IterableValidationError,
        FieldError,
        FieldErrors,
    ) as exc:
        raise FieldErrors(_flatten(exc)) from None


def configure_converter(converter: cattrs.Converter) -> None:
    """Configure ``converter`` for ledger records.

    It registers exactly:

    - structure hooks for ``str`` and ``bool`` that accept only those types;
    - a structure hook for ``date`` that accepts only ``YYYY-MM-DD`` strings, and an
      unstructure hook that writes that form (a date-time in ISO 8601, with its offset);
      a request's ``received``, ``acknowledged`` and ``responded`` also accept a
      date-time with an offset;
    - structure hooks for :class:`Outcome`, :class:`DataKind`, :class:`Notification`,
      :class:`Action` and :class:`DsaOrder` that accept only a member's value, and
      unstructure hooks that write that value as a plain string;
    - a structure hook for ``tuple[Identifier, ...]`` that accepts only a list;
    - structure hooks for :class:`Identifier`, :class:`Response` and :class:`Request`
      that refuse unknown fields, and unstructure hooks for them that leave out fields
      holding their defaults, so a record comes back in its shortest form (the
      hand-written ones of ``_shortest``, which read packed identifiers as they are).

    Example:
        >>> import cattrs
        >>> converter = cattrs.Converter()
        >>> configure_converter(converter)
        >>> converter.structure("2020-01-08", date)
        datetime.date(2020, 1, 8)
    """
    _configure(converter, fast=True)


def _configure(converter: cattrs.Converter, *, fast: bool) -> None:
    """Register the hooks; ``fast=False`` leaves out the path for usual records."""
    converter.register_structure_hook(str, text)
    converter.register_structure_hook(bool, flag)
    converter.register_structure_hook(date, day)
    converter.register_unstructure_hook(date, iso)
    # Each enum by its own class: they are str subclasses, and dispatch by class would
    # otherwise hand them to the str hooks.
    for enum_class in ENUMS:
        converter.register_structure_hook(enum_class, member)
        converter.register_unstructure_hook(enum_class, enum_value)
    converter.register_structure_hook_func(
        lambda cls: cls == tuple[Identifier, ...],
        lambda value, cls: _structure_identifiers(value, cls, converter),
    )
    records = UsualRecords()
    usual: dict[type, Callable[[Any], object]] = {
        Identifier: usual_identifier,
        Response: records.response,
        Request: records,
    }
    shortest: dict[type, Callable[[Any], dict[str, Any]]] = {
        Identifier: shortest_identifier,
        Response: shortest_response,
        Request: shortest_record,
    }
    for cls in (Identifier, Response, Request):
        fields: dict[str, Any] = _MOMENTS if cls is Request else {}
        exact = make_dict_structure_fn(cls, converter, _cattrs_forbid_extra_keys=True, **fields)
        converter.register_structure_hook(cls, UsualOr(usual[cls], exact) if fast else exact)
        converter.register_unstructure_hook(
            cls,
            shortest[cls]
            if fast
            else make_dict_unstructure_fn(cls, converter, _cattrs_omit_if_default=True),
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


def make_reference_converter() -> cattrs.Converter:
    """A converter without the fast paths: cattrs, field by field, both ways.

    The reference that the fast paths are held to: the same requests, and the same
    errors (tests/test_hostile.py); the same shortest form (tests/test_shortest.py).

    Example:
        >>> converter = make_reference_converter()
        >>> converter.structure({"outcome": "rejected", "challenged": True}, Response).challenged
        True
    """
    converter = cattrs.Converter(detailed_validation=True, forbid_extra_keys=True)
    _configure(converter, fast=False)
    return converter


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
    if converter is None:
        return list(map(shortest_record, requests))
    return [converter.unstructure(request, Request) for request in requests]
