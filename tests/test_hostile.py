"""Hostile input: the edge builds correct requests or raises its own error, nothing else.

Records are made valid, then broken: fields dropped, replaced by junk of any JSON type,
unknown fields added, huge strings, odd unicode, nested junk, and repeated ids. Whatever
comes, ``structure_ledger`` returns requests or raises InvalidLedgerError whose every
problem has a path; never another exception, never a partial result. What it accepts
is valid against the JSON Schema.
"""

from __future__ import annotations

from typing import Any

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from strategies import requests, timed_requests
from transparency_core import (
    Request,
    ledger_record_schema,
    reference_ledger,
    reference_records,
    structure_ledger,
    unstructure_ledger,
)
from transparency_core._edge._convert import make_reference_converter
from transparency_core._edge._usual import UsualRecords
from transparency_core.exceptions import ConflictingRepeatError, FieldError, InvalidLedgerError

VALIDATOR = jsonschema.Draft202012Validator(ledger_record_schema())
FIELDS = [
    "id",
    "received",
    "country",
    "category",
    "identifiers",
    "response",
    "legal_process",
    "data_country",
    "emergency",
    "amends",
    "acknowledged",
    "responded",
    "dsa_order",
    "illegal_content",
    "colour",
    "",
    "\x00",
    "🙂",
]
RESPONSE_FIELDS = ["outcome", "data", "challenged", "notified", "action", "extra"]

junk = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=True)
    | st.text()
    | st.text(alphabet=st.characters(codec="utf-8"), min_size=1)
    | st.sampled_from(
        [
            "",
            " ",
            "IMEI ",
            "2020-02-30",
            "2020-02-03T10:00",
            "2020-02-03T10:00:00Z",
            "2019-12-31T23:59:59.5-05:00",
            "2020-02-03T25:00+01:00",
            "act",
            "information",
            "STATEMENT_CATEGORY_SELF_HARM",
            "DE",
            "20200101",
            "provided",
            "CN",
            "\ud800",
            "x" * 100_000,
            "device",
            "imei",
            "true",
            "0",
        ]
    ),
    lambda children: (
        st.lists(children, max_size=3)
        | st.dictionaries(
            st.sampled_from([*FIELDS, "type", "value", "subject", *RESPONSE_FIELDS]),
            children,
            max_size=4,
        )
    ),
    max_leaves=8,
)


@st.composite
def broken_records(draw: st.DrawFn) -> Any:
    """A valid record with some of its fields broken, or plain junk."""
    if draw(st.integers(0, 9)) == 0:
        return draw(junk)
    record: dict[str, Any] = unstructure_ledger([draw(requests() | timed_requests())])[0]
    for _ in range(draw(st.integers(1, 3))):
        where = draw(st.sampled_from(["top", "response", "identifier"]))
        target: Any = record
        keys = FIELDS
        if where == "response" and isinstance(record.get("response"), dict):
            target, keys = record["response"], RESPONSE_FIELDS
        elif (
            where == "identifier"
            and isinstance(record.get("identifiers"), list)
            and record["identifiers"]
        ):
            target, keys = record["identifiers"][0], ["type", "value", "subject", "extra"]
        if not isinstance(target, dict):
            continue
        key = draw(st.sampled_from(keys))
        if draw(st.booleans()):
            target.pop(key, None)
        else:
            target[key] = draw(junk)
    return record


def attempt(records: list[Any]) -> tuple[Request, ...] | InvalidLedgerError:
    """What structure_ledger made of ``records``: requests, or its error."""
    try:
        return structure_ledger(records)
    except InvalidLedgerError as error:
        return error


@settings(max_examples=400, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(broken_records(), max_size=5))
def test_broken_records_give_requests_or_the_librarys_own_error(records: list[Any]) -> None:
    """Never another exception; every problem has a path into the ledger."""
    result = attempt(records)

    if isinstance(result, InvalidLedgerError):
        assert result.exceptions
        for problem in result.exceptions:
            assert isinstance(problem, FieldError | ConflictingRepeatError)
            assert str(problem).startswith("$[")
            assert len(str(problem)) < 1000
    else:
        assert all(isinstance(request, Request) for request in result)
        assert len(result) == len(records)
        for record in records:
            assert VALIDATOR.is_valid(record), record


EXACT = make_reference_converter()


def said(result: tuple[Request, ...] | InvalidLedgerError) -> object:
    """The requests, or every problem the error holds: its kind, path and message."""
    if not isinstance(result, InvalidLedgerError):
        return result
    return (
        str(result),
        result.omitted,
        [
            (type(problem).__name__, getattr(problem, "path", None), str(problem))
            for problem in result.exceptions
        ],
    )


@settings(max_examples=400, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(broken_records(), max_size=5))
def test_the_usual_path_is_the_field_by_field_path(records: list[Any]) -> None:
    """The fast path for usual records gives what cattrs' field-by-field path gives.

    The same requests, or the same problems, each at the same path, word for word.
    """
    usual = attempt(records)
    try:
        exact: tuple[Request, ...] | InvalidLedgerError = structure_ledger(records, converter=EXACT)
    except InvalidLedgerError as error:
        exact = error

    assert said(usual) == said(exact)


def test_usual_records_take_the_usual_path() -> None:
    """The property above is not idle: the reference records are all usual records."""
    usual = UsualRecords()

    assert tuple(map(usual, reference_records())) == reference_ledger()


@given(st.lists(requests("R1"), min_size=2, max_size=3))
def test_repeated_ids_merge_or_conflict_never_crash(ledger: list[Request]) -> None:
    """The same id with random contents: one request, or conflicts naming the records."""
    result = attempt(unstructure_ledger(ledger))

    if isinstance(result, InvalidLedgerError):
        assert all(isinstance(problem, ConflictingRepeatError) for problem in result.exceptions)
    else:
        assert {request.id for request in result} == {"R1"}


class Text(str):
    """A string of a subclass, equal to its text: not a text the edge takes."""

    __slots__ = ()


class Touchy:
    """A value no one may compare: the checks must look at its type, never ask it."""

    def __eq__(self, other: object) -> bool:
        """Refuse to be compared."""
        raise AssertionError("compared")

    __hash__ = object.__hash__


@pytest.mark.parametrize(
    "identifier",
    [
        {"type": "imei", "value": "1", "subject": "s", "extra": "x"},
        {"type": "imei", "value": "1", "extra": "x"},
        {"type": "imei", "value": "1", "subject": None},
        {"type": "imei", "value": "1", "subject": None, "extra": None},
        {"type": "imei", "subject": "s"},
        {"value": "1", "subject": "s"},
        {"type": None, "value": "1", "subject": "s"},
        {"type": "imei", "value": Text("1"), "subject": "s"},
        {"type": "imei", "value": "1", "subject": Text("s")},
        {"type": "imei", "value": Touchy(), "subject": "s"},
        {"type": "imei", "value": "1", "subject": Touchy()},
        {"type": "imei", "value": "\u2003", "subject": "s"},
        {"type": "imei", "value": "1", "subject": "\u3000\n"},
        {"type": "imei", "value": "1\ud83d", "subject": "\ude00"},
        {"type": " ", "value": "1"},
    ],
)
def test_an_odd_identifier_is_told_as_the_field_by_field_path_tells_it(
    identifier: dict[str, Any],
) -> None:
    """An identifier the fast path cannot take, beside a good one: refused in the same words."""
    good = {"type": "imei", "value": "490154203237518", "subject": "phone"}
    records = [dict(reference_records()[0], identifiers=[good, identifier])]

    usual = attempt(records)
    exact = structure_ledger_or_error(records, EXACT)

    assert isinstance(usual, InvalidLedgerError)
    assert said(usual) == said(exact)


def structure_ledger_or_error(
    records: list[Any], converter: Any
) -> tuple[Request, ...] | InvalidLedgerError:
    """What the field-by-field path made of ``records``."""
    try:
        return structure_ledger(records, converter=converter)
    except InvalidLedgerError as error:
        return error


def test_a_repeated_id_is_merged_on_the_usual_path() -> None:
    """Repeats are looked for, and merged, whether or not the ids are few."""
    records = [*reference_records(), reference_records()[0]]

    assert said(attempt(records)) == said(structure_ledger_or_error(records, EXACT))
    assert len(attempt(records)) == len(records)  # type: ignore[arg-type]
