"""A request assembled by the reader is the one ``Request(...)`` makes of the same values."""

from __future__ import annotations

import inspect
import pickle
import weakref
from datetime import date

import attrs
import pytest

from transparency_core import Identifier, Request
from transparency_core._assemble import assembled
from transparency_core._model import DsaOrder, Outcome, Response
from transparency_core._packed import PackedIdentifiers
from transparency_core.exceptions import FieldError

PACKED = ("imei", "490154203237518", "phone", "serial_number", "R58M", "phone", "imei", "1", None)
"""How a reader hands a request its identifiers' texts: a plain tuple."""
VALUES = (
    "ES-1",
    date(2020, 3, 2),
    "ES",
    "device",
    PACKED,
    Response(Outcome.REJECTED),
    "court_order",
    "IE",
    True,
    "ES-0",
)
TIMES = (
    date(2020, 3, 3),
    date(2020, 3, 9),
    DsaOrder.INFORMATION,
    "STATEMENT_CATEGORY_VIOLENCE",
)


def _by_init(values: tuple[object, ...]) -> Request:
    names = [field.name for field in attrs.fields(Request)]
    fields = dict(zip(names, values, strict=False))
    fields["identifiers"] = PackedIdentifiers(fields["identifiers"])  # type: ignore[arg-type]
    return Request(**fields)  # type: ignore[arg-type]


@pytest.mark.parametrize("values", [VALUES, (*VALUES, *TIMES)], ids=["usual", "times and order"])
def test_the_same_request(values: tuple[object, ...]) -> None:
    """Equal, field for field, with the same subjects, repeats and pickle."""
    made = assembled(*values)  # type: ignore[arg-type]
    expected = _by_init(values)
    assert made == expected
    assert attrs.astuple(made, recurse=False) == attrs.astuple(expected, recurse=False)
    assert (made.subject_count, made.repeated_identifiers) == (2, ())
    assert made.identifiers[2] == Identifier("imei", "1")
    assert pickle.loads(pickle.dumps(made)) == expected  # noqa: S301 -- our own bytes
    assert hash(made) == hash(expected)


def test_every_field_is_set() -> None:
    """No slot is left unset: every field reads back, the absent ones as null."""
    made = assembled(*VALUES)
    absent = [field.name for field in attrs.fields(Request) if getattr(made, field.name) is None]
    assert absent == ["acknowledged", "responded", "dsa_order", "illegal_content"]


def test_a_request_and_nothing_else() -> None:
    """Of the class itself, with a request's weak references and no dict of its own."""
    made = assembled(*VALUES)
    assert type(made) is Request
    assert weakref.ref(made)() is made
    assert not hasattr(made, "__dict__")


def test_frozen() -> None:
    """The request is as frozen as any other."""
    made = assembled(*VALUES)
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        made.country = "FR"  # type: ignore[misc]


@pytest.mark.parametrize(
    ("position", "value"),
    [(0, " "), (2, "XX"), (3, ""), (7, "ES"), (9, "ES-1")],
    ids=[
        "blank id",
        "unknown country",
        "blank category",
        "data in its own country",
        "amends itself",
    ],
)
def test_the_same_error(position: int, value: object) -> None:
    """A value the request's checks refuse raises the error ``Request(...)`` raises."""
    values = list(VALUES)
    values[position] = value
    with pytest.raises(FieldError) as expected:
        _by_init(tuple(values))
    with pytest.raises(FieldError) as made:
        assembled(*values)  # type: ignore[arg-type]
    assert (made.value.path, made.value.expected, made.value.got) == (
        expected.value.path,
        expected.value.expected,
        expected.value.got,
    )


def test_the_arguments_are_the_fields_in_order() -> None:
    """``assembled`` takes the fields in the order of the class, whose slots it sets so."""
    names = list(inspect.signature(assembled).parameters)
    assert ["id", *names[1:]] == list(attrs.fields_dict(Request))
