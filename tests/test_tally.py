"""Mergeable tallies: parts of a ledger counted apart, merged exactly."""

from __future__ import annotations

import itertools
import pickle
from concurrent.futures import ProcessPoolExecutor
from functools import reduce
from typing import TYPE_CHECKING

import dask.bag as db
import pytest
from hypothesis import given
from hypothesis import strategies as st

from builders import PENDING, PROVIDED, make_request
from strategies import ledgers, responses
from transparency_core import (
    Action,
    Outcome,
    ReportingPeriod,
    Request,
    Response,
    Tally,
    build_report,
    reference_ledger,
    reference_records,
    tally_ledger,
)
from transparency_core.exceptions import ConflictingRepeatError, InvalidLedgerError

if TYPE_CHECKING:
    from collections.abc import Iterable

YEAR = ReportingPeriod.calendar_year(2020)


def split(ledger: list[Request], *cuts: int) -> list[Tally]:
    """Tally the parts of ``ledger`` between ``cuts``, each knowing where it starts."""
    bounds = [0, *sorted(min(cut, len(ledger)) for cut in cuts), len(ledger)]
    return [Tally.of(ledger[start:end], start=start) for start, end in itertools.pairwise(bounds)]


def tally_part(part: tuple[int, list[Request]]) -> Tally:
    """What a worker process does: tally one part."""
    start, requests = part
    return Tally.of(requests, start=start)


class TestMerge:
    """Merging is exact, associative and commutative."""

    @given(ledgers(), st.integers(min_value=0, max_value=40))
    def test_merging_two_parts_equals_one_pass(self, ledger: list[Request], cut: int) -> None:
        """Wherever the ledger is cut, even between two records of one id."""
        first, second = split(ledger, cut)

        assert first.merge(second) == Tally.of(ledger)

    @given(ledgers(), st.integers(0, 40), st.integers(0, 40))
    def test_merging_is_associative(self, ledger: list[Request], one: int, two: int) -> None:
        """(a + b) + c == a + (b + c)."""
        a, b, c = split(ledger, one, two)

        assert (a + b) + c == a + (b + c)

    @given(ledgers(), st.integers(min_value=0, max_value=40))
    def test_merging_is_commutative(self, ledger: list[Request], cut: int) -> None:
        """Merging commutes, a + b == b + a: positions are the whole ledger's."""
        a, b = split(ledger, cut)

        assert a + b == b + a

    @given(ledgers())
    def test_the_empty_tally_changes_nothing(self, ledger: list[Request]) -> None:
        """Tally.empty() is the identity of merge."""
        tally = Tally.of(ledger)

        assert Tally.empty() + tally == tally == tally + Tally.empty()

    def test_a_repeat_split_across_parts_is_merged(self) -> None:
        """A pending record in one part and its settled repeat in the other: one request."""
        first = Tally.of([make_request("R1", response=PENDING)])
        second = Tally.of([make_request("R1", response=PROVIDED)], start=1)

        merged = first + second

        assert merged.records == {"R1": 2}
        assert merged.requests["R1"].response == PROVIDED

    def test_a_conflict_split_across_parts_names_both_records(self) -> None:
        """The positions are those of the whole ledger."""
        first = Tally.of([make_request("A"), make_request("R1")])
        second = Tally.of([make_request("B"), make_request("R1", country="SE")], start=2)

        [conflict] = (first + second).conflicts

        assert isinstance(conflict, ConflictingRepeatError)
        assert (conflict.first, conflict.second, conflict.field) == (1, 3, "country")
        with pytest.raises(InvalidLedgerError):
            build_report(first + second, YEAR)


class TestAcrossProcesses:
    """Tallies pickle, and parts counted in other processes give the single-pass report."""

    def test_a_tally_survives_pickling(self) -> None:
        """Every request and count comes back equal."""
        tally = Tally.of(reference_ledger())

        assert pickle.loads(pickle.dumps(tally)) == tally  # noqa: S301 -- our own bytes

    def test_parts_counted_in_a_process_pool_give_the_single_pass_report(self) -> None:
        """Four parts, two worker processes, merged in the parent."""
        ledger = list(reference_ledger())
        size = len(ledger) // 4 + 1
        parts = [(start, ledger[start : start + size]) for start in range(0, len(ledger), size)]

        with ProcessPoolExecutor(max_workers=2) as pool:
            tallies = list(pool.map(tally_part, parts))

        merged = reduce(Tally.merge, tallies, Tally.empty())
        assert len(tallies) == 4
        assert build_report(merged, YEAR) == build_report(ledger, YEAR)


def tally_partition(pairs: Iterable[tuple[int, object]]) -> Tally:
    """A dask partition of (position, record) pairs, tallied where it lies."""
    listed = list(pairs)
    start = listed[0][0] if listed else 0
    return tally_ledger((record for _, record in listed), start=start)


def merge_all(tallies: Iterable[Tally]) -> Tally:
    """Merge the tallies of every partition."""
    return reduce(Tally.merge, tallies, Tally.empty())


class TestOnDask:
    """The same tally as a dask.bag reduction: partitions tallied, then merged."""

    @pytest.mark.parametrize("partitions", [1, 3, 8])
    def test_a_bag_reduction_gives_the_single_pass_tally(self, partitions: int) -> None:
        """Any number of partitions, on worker processes, equals one pass."""
        records = reference_records()
        bag = db.from_sequence(enumerate(records), npartitions=partitions)  # type: ignore[no-untyped-call]

        tally = bag.reduction(tally_partition, merge_all).compute(
            scheduler="processes", num_workers=2
        )

        assert tally == tally_ledger(records)

    def test_a_repeat_split_across_partitions_merges_as_in_one_pass(self) -> None:
        """A pending record in one partition and its settled repeat in another."""
        first = {**reference_records()[1], "response": {"outcome": "pending"}}
        records = [first, *reference_records()[2:6], reference_records()[1]]
        bag = db.from_sequence(enumerate(records), npartitions=3)  # type: ignore[no-untyped-call]

        tally = bag.reduction(tally_partition, merge_all).compute(scheduler="sync")

        assert tally == tally_ledger(records)
        assert tally.records[first["id"]] == 2
        assert tally.requests[first["id"]].response.outcome is not Outcome.PENDING


class TestRepeatsKeepEveryPartOfTheResponse:
    """Merging two records of one request loses nothing of either response."""

    def test_the_action_of_the_settled_record_is_kept(self) -> None:
        """Pending, then preserved: the merged request was preserved."""
        preserved = Response(Outcome.NO_DATA, action=Action.PRESERVED)
        tally = Tally.of(
            [make_request("P1", response=PENDING), make_request("P1", response=preserved)]
        )

        assert tally.requests["P1"].response == preserved

    def test_two_different_actions_conflict(self) -> None:
        """Restricted in one record and deleted in another cannot both be true."""
        restricted = Response(Outcome.NO_DATA, action=Action.RESTRICTED)
        deleted = Response(Outcome.NO_DATA, action=Action.DELETED)

        [conflict] = Tally.of(
            [make_request("R1", response=restricted), make_request("R1", response=deleted)]
        ).conflicts

        assert conflict.field == "response.action"

    @given(responses(), responses())
    def test_merging_responses_keeps_every_field_it_can(
        self, first: Response, second: Response
    ) -> None:
        """Whatever merges keeps each field of one side or the other, in either order."""
        tallies = [
            Tally.of([make_request("R1", response=a), make_request("R1", response=b)])
            for a, b in ((first, second), (second, first))
        ]

        if not tallies[0].conflicts:
            merged = tallies[0].requests["R1"].response
            assert merged == tallies[1].requests["R1"].response
            for field in ("outcome", "data", "notified", "action"):
                assert getattr(merged, field) in {getattr(first, field), getattr(second, field)}


def as_dicts(tally: Tally, *, reordered: bool = False) -> Tally:
    """The same tally of plain dicts, as a caller may make one; ``reordered``: not aligned."""
    order = list(tally.requests)[::-1] if reordered else list(tally.requests)
    return Tally(
        dict(tally.requests),
        {request_id: tally.records[request_id] for request_id in order},
        {request_id: tally.first_seen[request_id] for request_id in order},
        tally.conflicts,
    )


class TestColumns:
    """A tally's mappings are columns over one index, and behave as the dicts they stand for."""

    @given(ledgers())
    def test_each_mapping_is_the_dict_of_its_ids_in_the_order_first_seen(
        self, ledger: list[Request]
    ) -> None:
        tally = Tally.of(ledger)
        first_ids = list(dict.fromkeys(request.id for request in ledger))
        for mapping in (tally.requests, tally.records, tally.first_seen):
            assert list(mapping) == list(mapping.keys()) == first_ids
            assert list(mapping.items()) == list(zip(first_ids, mapping.values(), strict=True))
            assert list(mapping.values()) == [mapping[request_id] for request_id in first_ids]
            assert len(mapping) == len(mapping.values()) == len(first_ids)
            assert all(request_id in mapping for request_id in first_ids)
            assert "not an id" not in mapping
            assert repr(mapping) == repr(dict(mapping))
        assert list(tally.first_seen.values()) == [
            next(place for place, request in enumerate(ledger) if request.id == request_id)
            for request_id in first_ids
        ]
        assert list(tally.records.values()) == [
            sum(request.id == request_id for request in ledger) for request_id in first_ids
        ]

    @given(ledger=ledgers(), cut=st.integers(min_value=0, max_value=40), reordered=st.booleans())
    def test_a_tally_of_plain_dicts_merges_and_counts_as_its_columns_do(
        self, ledger: list[Request], cut: int, *, reordered: bool
    ) -> None:
        first, second = split(ledger, cut)
        whole = Tally.of(ledger)

        assert as_dicts(first, reordered=reordered).merge(second) == whole
        assert first.merge(as_dicts(second, reordered=reordered)) == whole
        if not whole.conflicts:
            assert build_report(as_dicts(whole, reordered=reordered), YEAR) == build_report(
                whole, YEAR
            )

    def test_a_pickled_tally_keeps_one_index_for_its_three_columns(self) -> None:
        tally = Tally.of(reference_ledger())

        again = pickle.loads(pickle.dumps(tally))  # noqa: S301 -- our own bytes

        assert again == tally
        assert again.requests.index() is again.records.index() is again.first_seen.index()
