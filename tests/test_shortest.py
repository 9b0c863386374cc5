"""The shortest form and the record digest, held to cattrs' reference field by field.

The converter's hand-written hooks (``_edge._shortest``) and the one-shot canonical
encoder (``_canonical``) are fast paths: the reference is cattrs' generated unstructure
hooks (``make_reference_converter``) and ``json.dumps`` with the canonical options. The
digest's text written directly (``_edge._recordtext``) is another: its reference is
their composition, the canonical JSON of the shortest record.
"""

from __future__ import annotations

import hashlib
import json
import re
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from strategies import requests, timed_requests
from transparency_core import (
    Identifier,
    Request,
    make_converter,
    reference_ledger,
    unstructure_ledger,
)
from transparency_core._canonical import canonical_json, canonical_text
from transparency_core._edge import _digest, record_digest, record_digester
from transparency_core._edge._convert import make_reference_converter
from transparency_core._edge._recordtext import record_text
from transparency_core._edge._shortest import shortest_record, shortest_response
from transparency_core._packed import PackedIdentifiers, is_packed

REFERENCE = make_reference_converter()

TEXTS = st.text(min_size=1, max_size=6).filter(lambda text: not text.isspace())
"""Texts of any characters but lone surrogates (what a ledger's JSON can hold)."""


def dumped(value: object) -> bytes:
    """Canonical JSON as the standard library writes it: the definition."""
    text = json.dumps(
        value, sort_keys=True, separators=(",", ":"), ensure_ascii=True, allow_nan=False
    )
    return text.encode("ascii")


def reference_digest(request: Request) -> bytes:
    """A record digest by the reference: cattrs' record, the standard library's JSON."""
    return hashlib.sha256(dumped(REFERENCE.unstructure(request, Request))).digest()


def held(request: Request) -> Any:
    """The identifiers as the request holds them (the slot, read from the class)."""
    slot: Any = Request.identifiers
    return slot.__get__(request, Request)


@st.composite
def worded(draw: st.DrawFn, request: Request) -> Request:
    """``request`` with texts of any characters in its free-text fields."""
    request_id = draw(TEXTS)
    identifiers = [
        Identifier(identifier.type, draw(TEXTS), draw(st.none() | TEXTS))
        for identifier in request.identifiers
    ]
    return attrs.evolve(
        request,
        id=request_id,
        identifiers=identifiers,
        amends=draw(st.none() | TEXTS.filter(lambda text: text != request_id)),
    )


ANY_REQUEST = (requests() | timed_requests()).flatmap(lambda r: st.just(r) | worded(r))


def packed(request: Request) -> Request:
    """``request`` with its identifiers packed, as a reader hands them over."""
    triples = [(i.type, i.value, i.subject) for i in request.identifiers]
    texts = PackedIdentifiers(text for triple in triples for text in triple)
    return attrs.evolve(request, identifiers=texts)


class TestShortestForm:
    """The hand-written hooks write what cattrs' generated ones write."""

    @given(ANY_REQUEST)
    def test_the_record_is_the_references_key_for_key(self, request: Request) -> None:
        """The same fields, values and order, packed or not, by either entry point."""
        expected = list(REFERENCE.unstructure(request, Request).items())
        fast = make_converter().unstructure(packed(request), Request)
        assert list(fast.items()) == expected
        assert [list(record.items()) for record in unstructure_ledger([request])] == [expected]

    @given(ANY_REQUEST)
    def test_the_digest_is_the_references(self, request: Request) -> None:
        """The record digest of the shortest form by cattrs and ``json.dumps``."""
        expected = reference_digest(request)
        assert record_digest(request) == expected
        assert record_digest(packed(request)) == expected

    @given(ANY_REQUEST)
    def test_digesting_builds_no_identifier(self, request: Request) -> None:
        """A request of packed identifiers stays packed when digested and unstructured."""
        read = packed(request)
        assert is_packed(held(read))
        record_digest(read)
        unstructure_ledger([read])
        make_converter().unstructure(read, Request)
        assert is_packed(held(read))
        assert read.identifiers == request.identifiers

    @given(st.lists(st.builds(Identifier, st.just("imei"), TEXTS, st.none() | TEXTS)))
    def test_identifiers_alone_are_the_references(self, identifiers: list[Identifier]) -> None:
        """An identifier, or a tuple of them, unstructured by itself."""
        value = tuple(identifiers)
        kind = tuple[Identifier, ...]
        assert make_converter().unstructure(value, kind) == REFERENCE.unstructure(value, kind)


def defined(request: Request) -> bytes | tuple[type, str]:
    """The record digest by its definition, or the error it raises (its type and message)."""
    try:
        return hashlib.sha256(canonical_json(shortest_record(request))).digest()
    except (TypeError, AttributeError, ValueError) as error:
        return type(error), str(error)


def digested(request: Request) -> bytes | tuple[type, str]:
    """The record digest, or the error it raises (its type and message)."""
    try:
        return record_digest(request)
    except (TypeError, AttributeError, ValueError) as error:
        return type(error), str(error)


class Text(str):
    """A subclass of ``str``: canonical JSON writes it as its text."""

    __slots__ = ()


ODD_FIELDS = ("id", "country", "category", "amends", "legal_process", "data_country")
"""Fields a request built in Python may hold any value in (none of their checks refuses a
value that is not text), with ``emergency`` and the dates."""
ODD = (
    st.integers()
    | st.floats()
    | st.booleans()
    | st.lists(st.integers(), max_size=2)
    | st.dictionaries(TEXTS, st.none(), max_size=2)
)


@st.composite
def odd_requests(draw: st.DrawFn) -> Request:
    """A request built in Python with a value of another type than the field's in one field."""
    request = draw(ANY_REQUEST)
    field = draw(st.sampled_from((*ODD_FIELDS, "emergency", "received", "acknowledged")))
    value = getattr(request, field)
    odd: Any = draw(st.just(Text(value)) if isinstance(value, str) else ODD)
    return attrs.evolve(request, **{field: odd})


class TestRecordText:
    """The digest's text written directly is the canonical JSON of the shortest record."""

    @given(ANY_REQUEST)
    def test_the_text_is_the_definitions(self, request: Request) -> None:
        """Every field, date-time, DSA order and text of any characters; packed or not."""
        expected = canonical_text(shortest_record(request))
        for held_as in (request, packed(request)):
            response = canonical_text(shortest_response(held_as.response))
            assert record_text(held_as, response) == expected

    @given(odd_requests())
    def test_a_value_of_another_type_is_digested_as_the_definition_says(
        self, request: Request
    ) -> None:
        """Written by the definition, or refused with its error, when it is no text."""
        assert digested(request) == defined(request)

    @given(st.lists(ANY_REQUEST, max_size=8), st.data())
    def test_a_pass_shares_the_responses_text(
        self, ledger: list[Request], data: st.DataObject
    ) -> None:
        """Requests sharing response objects, as the reader shares them, digest as alone."""
        shared = [
            attrs.evolve(r, response=data.draw(st.sampled_from(ledger)).response) for r in ledger
        ]
        digest = record_digester()
        assert [digest(request) for request in shared * 2] == [
            reference_digest(request) for request in shared * 2
        ]

    def test_a_digester_past_its_limit_digests_as_alone(
        self, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """Once it keeps as many responses' texts as it may, it writes the others each time."""
        monkeypatch.setattr(_digest, "_SHARED_LIMIT", 1)
        ledger = reference_ledger()
        digest = record_digester()
        assert [digest(request) for request in ledger] == list(map(reference_digest, ledger))


JSON = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(st.characters(codec=None, exclude_categories=[])),
    lambda inner: st.lists(inner) | st.dictionaries(st.text(), inner),
    max_leaves=20,
)


class TestCanonicalJson:
    """The one-shot encoder is ``json.dumps`` with the canonical options, byte for byte."""

    @given(JSON)
    def test_canonical_json_is_json_dumps(self, value: object) -> None:
        """Any JSON value: keys sorted, no white space, ASCII escapes, lone surrogates."""
        assert canonical_json(value) == dumped(value)

    @given(st.sampled_from([float("nan"), float("inf"), -float("inf")]).map(lambda x: [x]))
    def test_nan_is_refused_as_json_dumps_refuses_it(self, value: list[float]) -> None:
        """No NaN nor infinity: the same ValueError as the definition raises."""
        with pytest.raises(ValueError, match="Out of range float values") as expected:
            dumped(value)
        with pytest.raises(ValueError, match=re.escape(str(expected.value))):
            canonical_json(value)
