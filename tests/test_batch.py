"""Records read a batch at a time: the batch path gives what the record path gives, or nothing.

``_edge._batch.batch_requests`` checks a batch of usual records column by column and
returns their requests, or ``None`` when any record is not a good usual one; the reader
then reads the batch record by record. These tests hold it to the record path: for any
records, it returns exactly the requests the record path makes, and only when that path
finds no problem.
"""

from __future__ import annotations

import copy
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from strategies import requests, timed_requests
from test_hostile import broken_records
from transparency_core import (
    DEFAULT_LEGAL_PROCESSES,
    Request,
    reference_records,
    structure_ledger,
    tally_ledger,
    unstructure_ledger,
)
from transparency_core._edge._batch import BATCH, batch_requests
from transparency_core._edge._reader import Reader
from transparency_core.exceptions import InvalidLedgerError


def _reader() -> Reader:
    return Reader.make(None, DEFAULT_LEGAL_PROCESSES, None)


def by_batch(records: list[Any]) -> list[Request] | None:
    """What the batch path makes of ``records``."""
    reader = _reader()
    assert reader.usual is not None
    return batch_requests(reader.usual, records, reader.allowed, frozenset(reader.legal_processes))


def by_record(records: list[Any]) -> tuple[list[Request], int]:
    """The requests the record path makes of ``records``, and how many problems it found."""
    reader = attrs.evolve(_reader(), usual=None)
    found = [request for _, request in reader.read(records)]
    return found, len(reader.errors) + reader.omitted


def same(first: list[Request], second: list[Request]) -> bool:
    """The same requests, field by field, with the same subjects and repeats."""
    return [
        (attrs.astuple(request), request.subject_count, request.repeated_identifiers)
        for request in first
    ] == [
        (attrs.astuple(request), request.subject_count, request.repeated_identifiers)
        for request in second
    ]


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        broken_records()
        | (requests() | timed_requests()).map(lambda request: unstructure_ledger([request])[0])
    )
)
def test_a_batch_gives_the_record_paths_requests_or_nothing(records: list[Any]) -> None:
    """Requests only when the record path finds no problem, and then the same ones."""
    batch = by_batch(copy.deepcopy(records))
    found, problems = by_record(records)
    if batch is None:
        return
    assert problems == 0
    assert same(batch, found)


@given(st.lists(requests() | timed_requests(), min_size=1, max_size=20))
def test_good_usual_records_are_read_by_the_batch(ledger: list[Request]) -> None:
    """A batch of good usual records is read as one, and gives the requests back.

    Response times and DSA orders included.
    """
    records = unstructure_ledger(ledger)
    batch = by_batch(records)
    assert batch is not None
    assert same(batch, list(ledger))


def _record(number: int) -> dict[str, Any]:
    return {
        "id": f"R{number}",
        "received": "2020-02-11",
        "country": "ES",
        "category": "device",
        "identifiers": [{"type": "imei", "value": f"35693803564{number:04}"}],
        "response": {"outcome": "provided", "data": "non_content"},
    }


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("country", "XX"),
        ("id", " "),
        ("category", "cookie"),
        ("legal_process", "letter"),
        ("legal_process", ""),
        ("emergency", 1),
        ("amends", "R5"),
        ("data_country", "ES"),
        ("received", "2020-02-30"),
        ("identifiers", []),
        ("responded", "2020-01-01"),
        ("acknowledged", 20200301),
        ("dsa_order", "a letter"),
        ("illegal_content", " "),
        ("colour", "red"),
    ],
)
def test_one_record_the_batch_cannot_take_sends_the_whole_batch_back(
    field: str, value: object
) -> None:
    """A refused value, or a field of another shape, anywhere in it: ``None``."""
    records = [_record(number) for number in range(10)]
    records[5][field] = value
    assert by_batch(records) is None
    assert by_batch([record for at, record in enumerate(records) if at != 5]) is not None


def test_an_identifier_of_another_category_sends_the_batch_back() -> None:
    """The registry's check of each identifier's type is the category's own."""
    records = [_record(number) for number in range(3)]
    records[1]["identifiers"][0]["type"] = "email"  # an account's, not a device's
    assert by_batch(records) is None


def test_a_bad_record_past_the_first_batch_is_named_at_its_place() -> None:
    """A ledger of several batches: problems are found, and named, as ever."""
    records = [_record(number) for number in range(2 * BATCH + 5)]
    records[BATCH + 7]["country"] = "XX"
    with pytest.raises(InvalidLedgerError) as caught:
        structure_ledger(records)
    assert [str(problem).split(":")[0] for problem in caught.value.exceptions] == [
        f"$[{BATCH + 7}].country (id 'R{BATCH + 7}')"
    ]


def test_tally_ledger_reads_batches_from_where_the_part_starts() -> None:
    """The positions of a part's records are those of the whole ledger."""
    records = [_record(number) for number in range(BATCH + 3)]
    tally = tally_ledger(iter(records), start=100)
    assert tally.first_seen["R0"] == 100
    assert tally.first_seen[f"R{BATCH + 2}"] == 100 + BATCH + 2


def test_the_reference_ledger_is_read_the_same_either_way() -> None:
    """The seed's ledger: the batch path's requests are the record path's."""
    records = reference_records()
    found, problems = by_record(records)
    assert problems == 0
    assert same(list(structure_ledger(records)), found)
