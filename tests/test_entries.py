"""Ledger entries: made in bulk as the class makes them, and kept as columns.

The counter's shortcut makes the very objects the class makes; :class:`LedgerEntries`
keeps them as columns and behaves as their tuple.
"""

from __future__ import annotations

import gc
import pickle

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from builders import make_request
from transparency_core import (
    Disposition,
    LedgerEntries,
    LedgerEntry,
    LedgerSummary,
    ReportingPeriod,
    Subtotals,
    build_report,
    reference_ledger,
    reference_period,
    reference_report,
)
from transparency_core._entries import entries

ENTRIES = st.lists(
    st.builds(
        LedgerEntry,
        st.text(max_size=4),
        st.integers(min_value=1, max_value=3),
        st.sampled_from(Disposition),
        st.sampled_from(["counted", "received 2019-12-31, before the period 2020"]),
    ),
    max_size=30,
)
YEAR = ReportingPeriod.calendar_year(2020)


class TestEntry:
    """``entries`` against ``LedgerEntry``."""

    def test_the_entry_has_nothing_that_setting_its_slots_would_skip(self) -> None:
        for field in attrs.fields(LedgerEntry):
            assert field.default is attrs.NOTHING
            assert field.converter is None
            assert field.validator is None
            assert field.on_setattr is None
        assert not hasattr(LedgerEntry, "__attrs_post_init__")
        assert not hasattr(LedgerEntry, "__attrs_pre_init__")
        assert [field.name for field in attrs.fields(LedgerEntry)] == [
            "id",
            "records",
            "disposition",
            "reason",
        ]

    @given(
        st.lists(
            st.tuples(st.text(), st.integers(min_value=1), st.sampled_from(Disposition), st.text())
        )
    )
    def test_they_are_the_entries_the_class_makes(
        self, fields: list[tuple[str, int, Disposition, str]]
    ) -> None:
        made = entries(
            [request_id for request_id, _, _, _ in fields],
            iter([records for _, records, _, _ in fields]),
            [(disposition, reason) for _, _, disposition, reason in fields],
        )
        expected = [LedgerEntry(*values) for values in fields]
        assert [type(entry) for entry in made] == [LedgerEntry] * len(fields)
        assert made == expected
        assert [hash(entry) for entry in made] == [hash(entry) for entry in expected]
        assert [repr(entry) for entry in made] == [repr(entry) for entry in expected]
        assert pickle.dumps(made) == pickle.dumps(expected)
        assert [attrs.asdict(entry) for entry in made] == [attrs.asdict(e) for e in expected]


class TestLedgerEntries:
    """``LedgerEntries`` against the tuple of the same entries."""

    @given(ENTRIES)
    def test_it_is_the_tuple_of_its_entries(self, listed: list[LedgerEntry]) -> None:
        made = LedgerEntries(listed)
        expected = tuple(listed)
        assert tuple(made) == expected
        assert made == expected
        assert expected == made
        assert hash(made) == hash(expected)
        assert len(made) == len(expected)
        assert [made[at] for at in range(-len(made), len(made))] == [*expected, *expected]
        assert made[1:-1:2] == expected[1:-1:2]
        assert type(made[1:]) is LedgerEntries
        assert made.ids == tuple(entry.id for entry in expected)
        assert made.total_records() == sum(entry.records for entry in expected)
        assert repr(made) == f"LedgerEntries({expected!r})"
        if listed:
            assert made.index(listed[-1]) == expected.index(listed[-1])
            assert listed[0] in made

    @given(ENTRIES, ENTRIES)
    def test_added_and_ordered_by_id_as_the_tuples_are(
        self, first: list[LedgerEntry], second: list[LedgerEntry]
    ) -> None:
        both = LedgerEntries(first) + LedgerEntries(second)
        assert both == tuple(first) + tuple(second)
        assert LedgerEntries(first) + tuple(second) == both
        assert both.by_id() == tuple(sorted(both, key=lambda entry: entry.id))

    @given(ENTRIES)
    def test_entries_already_by_id_are_kept_as_they_are(self, listed: list[LedgerEntry]) -> None:
        ordered = LedgerEntries(sorted(listed, key=lambda entry: entry.id))
        assert ordered.by_id() is ordered
        reversed_ids = LedgerEntries(sorted(listed, key=lambda entry: entry.id, reverse=True))
        if len({entry.id for entry in listed}) > 1:
            assert reversed_ids.by_id() is not reversed_ids
        assert reversed_ids.by_id() == tuple(sorted(reversed_ids, key=lambda entry: entry.id))

    @given(ENTRIES)
    def test_a_pickle_holds_the_same_entries_whatever_made_them(
        self, listed: list[LedgerEntry]
    ) -> None:
        made = LedgerEntries(listed)
        places: dict[tuple[Disposition, str], tuple[Disposition, str]] = {}
        shared = LedgerEntries.of_columns(
            made.ids,
            (entry.records for entry in listed),
            # The counter shares one place between the entries of a cell.
            [
                places.setdefault((e.disposition, e.reason), (e.disposition, e.reason))
                for e in listed
            ],
        )
        assert pickle.loads(pickle.dumps(made)) == made  # noqa: S301 -- our own bytes
        assert pickle.dumps(made) == pickle.dumps(shared)

    def test_iterated_past_a_chunk_without_a_seam(self) -> None:
        count = 4096 * 2 + 7  # three chunks of __iter__
        listed = [LedgerEntry(f"R-{n}", 1, Disposition.COUNTED, "counted") for n in range(count)]
        assert list(LedgerEntries(listed)) == listed

    def test_not_equal_to_what_is_not_entries(self) -> None:
        made = LedgerEntries([LedgerEntry("A", 1, Disposition.COUNTED, "counted")])
        assert made != [made[0]]
        assert made != "A"
        with pytest.raises(TypeError):
            made + [made[0]]  # type: ignore[operator]  # noqa: RUF005 -- the refused addition

    def test_a_report_keeps_its_entries_as_columns(self) -> None:
        report = reference_report()
        assert type(report.entries) is LedgerEntries
        # Three tuples of columns, not an object an entry, for the collector to walk.
        referents = gc.get_referents(report.entries)
        columns = [kept for kept in referents if kept is not LedgerEntries]
        columns = [kept for kept in columns if type(kept) is not bool]  # whether ordered by id
        assert [type(column) for column in columns] == [tuple] * 3
        assert not any(type(value) is LedgerEntry for column in columns for value in column)
        assert LedgerSummary.of(report.entries) == report.summary
        assert LedgerSummary.of(tuple(report.entries)) == report.summary

    @given(
        ids=st.lists(
            st.text("AZaz09-\N{LATIN SMALL LETTER E WITH ACUTE}", min_size=1, max_size=3),
            unique=True,
            max_size=12,
        ),
        in_order=st.booleans(),
    )
    def test_the_counter_notes_whether_the_ids_came_in_order(
        self, ids: list[str], *, in_order: bool
    ) -> None:
        """Noted while counting, so that ordering them by id needs no pass of its own."""
        ledger = [make_request(request_id) for request_id in (sorted(ids) if in_order else ids)]
        for provenance in (True, False):
            entries = Subtotals.of(ledger, YEAR, provenance=provenance).entries
            assert list(entries.by_id()) == sorted(entries, key=lambda entry: entry.id)
        report = build_report(ledger, YEAR)
        assert list(report.entries.ids) == sorted(ids)
        if in_order:
            counted = Subtotals.of(ledger, YEAR).entries
            assert counted.by_id() is counted

    def test_a_report_made_with_a_tuple_of_entries_keeps_them(self) -> None:
        report = build_report(reference_ledger(), reference_period())
        rebuilt = attrs.evolve(report, entries=tuple(report.entries))
        assert type(rebuilt.entries) is LedgerEntries
        assert rebuilt == report
        assert pickle.loads(pickle.dumps(report)) == report  # noqa: S301 -- our own bytes
