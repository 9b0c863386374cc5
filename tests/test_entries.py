"""The counter's shortcut to a ledger entry makes the very object the class makes."""

from __future__ import annotations

import pickle

import attrs
from hypothesis import given
from hypothesis import strategies as st

from transparency_core import Disposition, LedgerEntry
from transparency_core._entries import entry


class TestEntry:
    """``entry`` against ``LedgerEntry``."""

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

    @given(st.text(), st.integers(min_value=1), st.sampled_from(Disposition), st.text())
    def test_it_is_the_entry_the_class_makes(
        self, request_id: str, records: int, disposition: Disposition, reason: str
    ) -> None:
        made = entry(request_id, records, disposition, reason)
        expected = LedgerEntry(request_id, records, disposition, reason)
        assert type(made) is LedgerEntry
        assert made == expected
        assert hash(made) == hash(expected)
        assert repr(made) == repr(expected)
        assert pickle.dumps(made) == pickle.dumps(expected)
        assert attrs.asdict(made) == attrs.asdict(expected)
