"""The checks of a request's values: a request builds exactly when its checks find nothing.

The value objects and the readers call the same functions of ``_checks``; these
properties hold the two to each other on values of every kind, good, bad and of the
wrong type.
"""

from __future__ import annotations

from datetime import date
from functools import partial
from typing import TYPE_CHECKING, Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from builders import PROVIDED
from strategies import requests
from transparency_core import Identifier, Request, unstructure_ledger
from transparency_core._checks import (
    NON_BLANK,
    any_blank,
    blank,
    record_problems,
    request_problems,
)
from transparency_core._edge._values import text
from transparency_core._edge._values import texts as texts_of
from transparency_core.exceptions import FieldError

if TYPE_CHECKING:
    from collections.abc import Callable

IMEI = Identifier("imei", "490154203237518")
texts = st.sampled_from(["R1", "R2", "device", "imei", "x", "", " ", "\t\n", "\u3000"]) | st.text(
    max_size=3
)
odd = st.none() | st.integers(-1, 1) | st.booleans() | st.lists(st.none(), max_size=1)
countries = st.sampled_from(["ES", "CN", "es", "UN", "Spain", "", " "]) | odd
fields = {
    "id": texts | odd,
    "country": countries,
    "category": texts | odd,
    "identifiers": st.sampled_from([(IMEI,), [IMEI], (), []]),
    "legal_process": st.none() | texts | odd,
    "data_country": st.none() | countries,
    "amends": st.none() | texts | odd,
}
CHECKED = tuple(fields)


def described(error: FieldError) -> tuple[str, str, str]:
    """What an error says: where, what was expected, and its message."""
    return (error.path, error.expected, str(error))


def refusal(build: Callable[[], object]) -> tuple[str, str, str] | None:
    """What ``build`` was refused with, described; ``None`` when it built."""
    try:
        build()
    except FieldError as error:
        return described(error)
    return None


class TestRequestChecks:
    """``Request`` refuses exactly what ``request_problems`` finds."""

    @given(st.fixed_dictionaries(fields))
    def test_a_request_builds_exactly_when_no_problem_is_found(self, values: Any) -> None:
        """Built when nothing is found; otherwise refused with the first problem found."""
        problems = request_problems(*(values[name] for name in CHECKED))

        refused = refusal(lambda: Request(received=date(2020, 1, 8), response=PROVIDED, **values))

        assert refused == (described(problems[0]) if problems else None)

    @given(st.fixed_dictionaries(fields))
    def test_a_raw_record_has_the_problems_of_its_values(self, values: Any) -> None:
        """A ledger record's fields are checked by the same function as a request's."""
        found = [described(problem) for problem in record_problems(values)]

        expected = [
            described(problem) for problem in request_problems(*(values[n] for n in CHECKED))
        ]
        assert found == expected

    @given(requests())
    def test_a_sound_request_has_no_problems_as_a_record(self, request: Request) -> None:
        """Written out as a ledger record, a request that was built has no problem."""
        assert record_problems(unstructure_ledger([request])[0]) == []

    def test_every_problem_in_field_order(self) -> None:
        """All of them, not the first only: a reader reports each."""
        problems = request_problems(" ", "Spain", "", [], "\t", "ES", "")

        assert [problem.path for problem in problems] == [
            "id",
            "country",
            "category",
            "identifiers",
            "legal_process",
            "amends",
        ]


class TestIdentifierChecks:
    """``Identifier`` refuses exactly the blank texts, by the one non-blank rule."""

    @given(texts | odd, texts | odd, st.none() | texts | odd)
    def test_an_identifier_builds_exactly_when_no_text_is_blank(
        self, kind: Any, value: Any, subject: Any
    ) -> None:
        """Built when none is blank; otherwise refused, naming the first blank field."""
        values = {"type": kind, "value": value, "subject": subject}
        blanks = [FieldError(name, NON_BLANK, got) for name, got in values.items() if blank(got)]

        refused = refusal(lambda: Identifier(kind, value, subject))

        assert refused == (described(blanks[0]) if blanks else None)


class TestBlank:
    """Blank is text with nothing but white space in it."""

    @pytest.mark.parametrize("text", ["", " ", "\t\r\n", "\u3000", "\x1c"])
    def test_white_space_is_blank(self, text: str) -> None:
        """Nothing, and every kind of white space Python knows."""
        assert blank(text)

    @given(st.text())
    def test_blank_is_nothing_left_when_stripped(self, text: str) -> None:
        """The same as ``str.strip`` leaving nothing."""
        assert blank(text) is (not text.strip())

    @pytest.mark.parametrize("value", [None, 0, False, [], b" "])
    def test_other_values_are_the_edges_to_check(self, value: object) -> None:
        """Only text can be blank: a value of another type is the converter's problem."""
        assert not blank(value)


class Text(str):
    """A string of a subclass: equal to its text, and not a text the edge takes."""

    __slots__ = ()


spaces = st.text(alphabet=st.characters(categories=["Zs", "Zl", "Zp", "Cc"]), max_size=3)
hostile = (
    texts
    | spaces
    | st.text(alphabet=st.characters(codec=None, categories=["Cs"]), min_size=1, max_size=2)
    | st.text(max_size=3).map(Text)
    | odd
)


class TestManyAtOnce:
    """The checks over many values at once say what the one-value checks say of each."""

    @given(st.lists(texts | spaces | st.text(max_size=3).map(Text), max_size=6))
    def test_any_blank_is_blank_of_any(self, values: list[str]) -> None:
        """Some value is blank, as :func:`blank` says, exactly when ``any_blank`` says so."""
        assert any_blank(values) is any(blank(value) for value in values)

    def test_any_blank_knows_every_white_space(self) -> None:
        """Every character ``str.isspace`` knows is blank alone, and not inside a text."""
        spaces = [chr(point) for point in range(0x110000) if chr(point).isspace()]
        assert spaces  # the tab, the space, U+3000, ...
        for space in spaces:
            assert any_blank(["imei", space]), repr(space)
            assert not any_blank(["imei", f"49{space}01"]), repr(space)
            assert not any_blank([f"{space}imei", f"49{space}"]), repr(space)

    @given(st.lists(hostile, max_size=6))
    def test_texts_is_text_and_not_blank_of_each(self, values: list[Any]) -> None:
        """True exactly when ``text`` takes every value and none is blank."""
        assert texts_of(values) is all(
            refusal(partial(text, value)) is None and not blank(value) for value in values
        )

    @pytest.mark.parametrize(
        "values",
        [
            ["\ud83d", "\ude00"],  # the halves of a pair, apart: two lone surrogates
            ["imei", Text("1")],
            ["imei", None],
            ["imei", "\u2003"],
            ["imei", ""],
            ["imei", 1],
        ],
    )
    def test_what_texts_refuses(self, values: list[Any]) -> None:
        """Halves of a pair in two values, a subclass, null, white space, nothing, a number."""
        assert not texts_of(values)

    def test_no_values_are_texts(self) -> None:
        """Nothing to refuse: an identifier list's emptiness is the request's to refuse."""
        assert texts_of([])
        assert not any_blank([])
