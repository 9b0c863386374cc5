"""The counter's shortcut to ledger entries makes the very objects the class makes."""

from __future__ import annotations

import pickle

import attrs
from hypothesis import given
from hypothesis import strategies as st

from transparency_core import Disposition, LedgerEntry
from transparency_core._entries import entries


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
