"""Errors a person and a service can use: ledger words, and JSON-ready data.

Messages show values as the ledger writes them, never as Python's ``repr`` does;
``to_dict()`` gives every error as data that ``json.dumps`` always takes.
"""

from __future__ import annotations

import ast
import importlib
import json
import pickle
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import transparency_core
from builders import make_record
from strategies import requests
from transparency_core import (
    DataKind,
    Identifier,
    Outcome,
    ReportingPeriod,
    Request,
    Response,
    RoundingPolicy,
    Tally,
    structure_ledger,
)
from transparency_core.exceptions import (
    MISSING,
    AlreadyRegisteredError,
    ConflictingRepeatError,
    FieldError,
    InvalidLedgerError,
    JsonLedgerError,
    NoProvenanceError,
    TransparencyError,
    UnknownNameError,
)

PYTHON_WORDS = ("<", "datetime.", "Outcome.", "DataKind.", "frozenset", "Identifier(", "None")


def ledger_error(records: list[Any]) -> InvalidLedgerError:
    """The error ``structure_ledger`` raises for ``records``."""
    with pytest.raises(InvalidLedgerError) as caught:
        structure_ledger(records)
    return caught.value


def raised(build: Any) -> TransparencyError:
    """The error that ``build()`` raises."""
    with pytest.raises(TransparencyError) as caught:
        build()
    return caught.value


class TestLedgerWords:
    """Every kind of error shows values as the ledger writes them."""

    def test_conflicting_outcomes(self) -> None:
        """Outcomes are their ledger values, not enum members."""
        record = make_record("A", response={"outcome": "provided", "data": "content"})
        error = ledger_error([record, {**record, "response": {"outcome": "rejected"}}])

        assert str(error.exceptions[0]) == (
            "$[0] and $[1] repeat id 'A' but disagree on response.outcome: "
            "'provided' versus 'rejected'"
        )

    def test_conflicting_dates_and_data(self) -> None:
        """A date is its ISO text; data kinds their values."""
        record = make_record("A", response={"outcome": "provided", "data": "content"})
        error = ledger_error(
            [
                record,
                {**record, "received": "2020-06-02"},
                {**record, "response": {"outcome": "provided", "data": "non_content"}},
            ]
        )

        assert [str(problem) for problem in error.exceptions] == [
            "$[0] and $[1] repeat id 'A' but disagree on received: '2020-06-01' versus "
            "'2020-06-02'",
            "$[0] and $[2] repeat id 'A' but disagree on response.data: 'content' versus "
            "'non_content'",
        ]

    def test_conflicting_identifiers_and_flags(self) -> None:
        """Identifiers as the ledger writes them (values masked); booleans as true and false."""
        record = make_record("A")
        other = {**record, "identifiers": [{"type": "imei", "value": "2"}], "emergency": True}
        error = ledger_error([record, other])

        assert [str(problem) for problem in error.exceptions] == [
            "$[0] and $[1] repeat id 'A' but disagree on identifiers[0].value: '…3809' versus '…'",
        ]
        two = [{"type": "imei", "value": "2"}, {"type": "imei", "value": "3"}]
        error = ledger_error([record, {**record, "identifiers": two}])
        assert [str(problem) for problem in error.exceptions] == [
            "$[0] and $[1] repeat id 'A' but disagree on identifiers: "
            '[{"type": "imei", "value": "…3809"}] versus '
            '[{"type": "imei", "value": "…"}, {"type": "imei", "value": "…"}]',
        ]

    def test_identifiers_that_differ_in_their_subject_alone(self) -> None:
        """Masked, both subjects look alike: the path says it is the subject that differs."""
        identifiers = [{"type": "email", "value": "jane.doe@example.com", "subject": "s1"}]
        record = make_record("A", category="account", identifiers=identifiers)
        other = {**record, "identifiers": [{**identifiers[0], "subject": "s2"}]}

        [problem] = ledger_error([record, other]).exceptions
        assert str(problem) == (
            "$[0] and $[1] repeat id 'A' but disagree on identifiers[0].subject: '…' versus '…'"
        )
        assert isinstance(problem, ConflictingRepeatError)
        assert "s1" not in json.dumps(problem.to_dict())
        assert str(
            ConflictingRepeatError("A", 0, 1, "emergency", first_value=False, second_value=True)
        ) == ("$[0] and $[1] repeat id 'A' but disagree on emergency: false versus true")

    def test_field_errors_of_odd_values(self) -> None:
        """null, NaN, a list, a huge number, and an absent field, in the ledger's words."""
        error = ledger_error(
            [
                make_record(
                    "A",
                    received=float("nan"),
                    country=[1, {"a": None}],
                    emergency=None,
                    amends=10**5000,
                )
            ]
        )

        assert [str(problem) for problem in error.exceptions] == [
            "$[0].received (id 'A'): expected a YYYY-MM-DD date string, got NaN",
            "$[0].country (id 'A'): expected a string, got [1, {\"a\": null}]",
            "$[0].emergency (id 'A'): expected true or false, got null",
            "$[0].amends (id 'A'): expected a string, got an integer of 5001 digits",
        ]

    def test_invariants_of_value_objects(self) -> None:
        """Request, Response, Identifier, ReportingPeriod and RoundingPolicy."""
        errors = [
            raised(lambda: ReportingPeriod(date(2020, 2, 1), date(2020, 1, 1))),
            raised(lambda: Response(Outcome.PROVIDED)),
            raised(lambda: Response(Outcome.REJECTED, DataKind.CONTENT)),
            raised(lambda: Identifier("imei", " ")),
            raised(lambda: RoundingPolicy(places=-1)),
            raised(
                lambda: Request(
                    id="A",
                    received=date(2020, 1, 1),
                    country="ES",
                    category="device",
                    identifiers=[],
                    response=Response(Outcome.REJECTED),
                )
            ),
        ]

        assert [str(error) for error in errors] == [
            "end: expected a date on or after the start, 2020-02-01, got '2020-01-01'",
            "data: expected 'non_content' or 'content' when the outcome is 'provided', got null",
            "data: expected no data when the outcome is 'rejected', got 'content'",
            "value: expected a non-empty string, got ' '",
            "places: expected a whole number of decimal places, 0 to 10, got -1",
            "identifiers: expected at least one identifier of the device, financial "
            "identifier or account requested, got []",
        ]
        for error in errors:
            assert not any(word in str(error) for word in PYTHON_WORDS), error

    @given(st.lists(requests("R1"), min_size=2, max_size=4))
    def test_any_conflict_of_python_requests(self, ledger: list[Request]) -> None:
        """Requests built in Python conflict in ledger words, and as JSON-ready data."""
        for conflict in Tally.of(ledger).conflicts:
            assert not any(word in str(conflict) for word in PYTHON_WORDS), conflict
            data = json.loads(json.dumps(conflict.to_dict(), allow_nan=False))
            assert data["first"]["path"][0] == data["second"]["path"][0] == "$"

    def test_values_of_no_ledger_type(self) -> None:
        """Bytes and other objects are named by their type, Python values by their text."""
        shown = [str(FieldError("x", "a string", got)) for got in (b"ab", object(), date.min)]

        assert shown == [
            "x: expected a string, got a value of type bytes",
            "x: expected a string, got a value of type object",
            "x: expected a string, got '0001-01-01'",
        ]

    def test_control_characters_are_escaped(self) -> None:
        """A value cannot write a terminal escape or a line into a message."""
        error = FieldError("id", "a string", ["\x1b[2J\n", "\u202e"], record_id="A\nB")

        assert str(error) == r"""id (id 'A\nB'): expected a string, got ["\u001b[2J\n", "\u202e"]"""


class TestToDict:
    """Every error as JSON-ready data."""

    def test_field_error(self) -> None:
        """The path as keys, the record id, what was expected and what came."""
        error = ledger_error([make_record("A", identifiers=[{"type": "imei", "value": 3}])])

        [problem] = error.exceptions
        assert isinstance(problem, FieldError)

        assert problem.to_dict() == {
            "type": "field_error",
            "message": "$[0].identifiers[0].value (id 'A'): expected a string, got a number",
            "path": ["$", 0, "identifiers", 0, "value"],
            "record_id": "A",
            "expected": "a string",
            "got": "a number",  # an identifier's value, masked
        }

    def test_an_absent_field_has_no_got(self) -> None:
        """A missing value is left out, as it was in the record."""
        data = FieldError("$[0].id", "a value: the field is required", MISSING).to_dict()

        assert data == {
            "type": "field_error",
            "message": "$[0].id: expected a value: the field is required, got nothing",
            "path": ["$", 0, "id"],
            "record_id": None,
            "expected": "a value: the field is required",
        }

    def test_conflicting_repeat(self) -> None:
        """Both records' places, the field that differs and both values."""
        record = make_record("A")
        error = ledger_error([record, {**record, "received": "2020-06-02"}])

        assert error.to_dict() == {
            "type": "invalid_ledger_error",
            "message": "1 problem in the ledger of 2 records",
            "count": 1,
            "omitted": 0,
            "errors": [
                {
                    "type": "conflicting_repeat_error",
                    "message": "$[0] and $[1] repeat id 'A' but disagree on received: "
                    "'2020-06-01' versus '2020-06-02'",
                    "id": "A",
                    "field": ["received"],
                    "first": {"path": ["$", 0], "value": "2020-06-01"},
                    "second": {"path": ["$", 1], "value": "2020-06-02"},
                }
            ],
        }

    def test_json_ledger_error(self) -> None:
        """Where the JSON goes wrong, as numbers."""
        assert JsonLedgerError(2, 3, 4, "Expecting value").to_dict() == {
            "type": "json_ledger_error",
            "message": "line 3, column 4 (after 2 records): Expecting value",
            "line": 3,
            "column": 4,
            "record": 2,
            "reason": "Expecting value",
        }

    def test_values_no_json_reader_keeps_are_text(self) -> None:
        """A huge number, NaN and a lone surrogate come as their text."""
        gots = [FieldError("x", "y", got).to_dict()["got"] for got in (2**64, 2**53 - 1)]
        gots += [FieldError("x", "y", got).to_dict()["got"] for got in (float("nan"), "\ud800")]

        assert gots == ["18446744073709551616", 2**53 - 1, "NaN", "'\\ud800'"]

    @given(
        got=st.one_of(
            st.integers(),
            st.just(10**5000),
            st.floats(),
            st.binary(),
            st.text(alphabet=st.characters(codec=None)),
            st.builds(object),
            st.lists(st.one_of(st.floats(), st.text(alphabet=st.characters()))),
            st.dictionaries(st.text(), st.integers()),
            st.dates(),
        ),
        path=st.text(alphabet=st.characters(codec=None)),
        record_id=st.none() | st.text(alphabet=st.characters(codec=None)),
    )
    def test_json_takes_any_error(self, got: object, path: str, record_id: str | None) -> None:
        """Strict JSON (no NaN), encodable as UTF-8, whatever came."""
        error = InvalidLedgerError(
            "1 problem", [FieldError(path, "a value", got, record_id=record_id)]
        )

        text = json.dumps(error.to_dict(), allow_nan=False, ensure_ascii=False)

        assert json.loads(text.encode("utf-8"))["errors"][0]["type"] == "field_error"


class TestKinds:
    """The group is a ValueError; the new leaves keep the builtins they replace."""

    def test_the_group_is_a_value_error_and_pickles(self) -> None:
        """``except ValueError`` catches it; pickling keeps the problems."""
        error = ledger_error([make_record("A", country="XX")])

        copy = pickle.loads(pickle.dumps(error))  # noqa: S301 -- our own bytes

        assert isinstance(error, ValueError)
        assert type(copy) is InvalidLedgerError
        assert copy.describe() == error.describe()

    def test_a_split_keeps_the_kind(self) -> None:
        """``except*`` and ``split`` give an InvalidLedgerError with the same summary."""
        record = make_record("A")
        error = ledger_error([{**record, "country": "XX"}, record, {**record, "country": "SE"}])

        conflicts, rest = error.split(ConflictingRepeatError)

        assert type(conflicts) is InvalidLedgerError
        assert type(rest) is InvalidLedgerError
        assert conflicts.message == "2 problems in the ledger of 3 records"

    @pytest.mark.parametrize(
        ("error", "builtin", "message"),
        [
            (
                AlreadyRegisteredError("renderer", "text"),
                ValueError,
                "a renderer named 'text' is already registered",
            ),
            (UnknownNameError("no renderer named 'pdf'"), KeyError, "no renderer named 'pdf'"),
            (NoProvenanceError("no ids"), ValueError, "no ids"),
        ],
    )
    def test_leaves(self, error: TransparencyError, builtin: type, message: str) -> None:
        """Each is a TransparencyError and its builtin, pickles, and says its message."""
        copy = pickle.loads(pickle.dumps(error))  # noqa: S301 -- our own bytes

        assert isinstance(error, builtin)
        assert str(copy) == message
        assert copy.to_dict() == {"type": error.code, "message": message}


class TestEveryErrorIsOurs:
    """``exceptions`` promises that every error raised is a TransparencyError."""

    ALLOWED = frozenset({"SystemExit", "NotImplementedError", "AssertionError"})
    """Not errors of bad input: an exit, an abstract method, a broken invariant."""
    INTERNAL = frozenset(
        {
            "BadInputError",  # the command line's, turned into its exit status
            "FieldErrors",  # the converter's collector, raised as InvalidLedgerError
            "NoPeriodError",  # the command line's, turned into its exit status
            "NotJsonError",  # the command line's, turned into its exit status
            "NotUtf8Error",  # the command line's, turned into its exit status
            "TextError",  # the JSON Lines reader's, raised as JsonLedgerError
            "_Conflict",  # the tally's, raised as ConflictingRepeatError
            "_LongNumberError",  # the JSON reader's, raised as JsonLedgerError
            "_RepeatedKeyError",  # the JSON reader's, raised as JsonLedgerError
        }
    )
    """Errors of the package's own, caught inside it and raised as one of ours."""

    def test_every_raise_in_the_package_raises_one_of_ours(self) -> None:
        """Each ``raise Name(...)`` in src names a TransparencyError, never a builtin."""
        root = Path(transparency_core.__file__).parent
        found = []
        for path in sorted(root.rglob("*.py")):
            name = ".".join(("transparency_core", *path.relative_to(root).with_suffix("").parts))
            module = vars(importlib.import_module(name.removesuffix(".__init__")))
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if not (
                    isinstance(node, ast.Raise)
                    and isinstance(node.exc, ast.Call)
                    and isinstance(node.exc.func, ast.Name)  # not an error made by a method
                ):
                    continue
                raised = node.exc.func.id
                error = module.get(raised)
                ours = isinstance(error, type) and issubclass(error, TransparencyError)
                internal = raised in self.INTERNAL and error.__module__.startswith(
                    "transparency_core"
                )
                if raised not in self.ALLOWED and not ours and not internal:
                    found.append(f"{path.name}:{node.lineno} raises {raised}")

        assert found == []

    def test_a_bad_max_problems_is_a_field_error(self) -> None:
        """It was a plain ValueError; it is still one, and ours."""
        with pytest.raises(FieldError, match="max_problems: expected a whole number"):
            structure_ledger([], max_problems=0)
