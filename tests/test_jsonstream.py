"""JSON ledgers read in chunks: arrays and JSON Lines, cut anywhere, one record at a time."""

from __future__ import annotations

import itertools
import json
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from transparency_core import iter_json_records
from transparency_core.exceptions import JsonLedgerError

values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text() | st.floats(allow_nan=False),
    lambda children: (
        st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=5), children, max_size=3)
    ),
    max_leaves=6,
)


def chunked(text: str, cuts: list[int]) -> list[str]:
    """``text`` cut at ``cuts``."""
    bounds = [0, *sorted({min(cut, len(text)) for cut in cuts}), len(text)]
    return [text[start:end] for start, end in itertools.pairwise(bounds)]


class TestReading:
    """Every record, in order, whatever the chunks."""

    @given(
        st.lists(values, max_size=6),
        st.lists(st.integers(0, 400), max_size=8),
        st.sampled_from([None, 2]),
    )
    def test_an_array_cut_anywhere(
        self, records: list[Any], cuts: list[int], indent: int | None
    ) -> None:
        """json.dumps of a list, indented or not, in any chunks."""
        text = json.dumps(records, indent=indent)

        assert list(iter_json_records(chunked(text, cuts))) == records

    @given(
        st.lists(st.dictionaries(st.text(max_size=5), values, max_size=3), max_size=6),
        st.lists(st.integers(0, 400), max_size=8),
    )
    def test_json_lines_cut_anywhere(self, records: list[Any], cuts: list[int]) -> None:
        """One record (an object) a line, blank lines between some."""
        text = "".join(
            json.dumps(record) + "\n" + ("\n" if n % 2 else "") for n, record in enumerate(records)
        )

        assert list(iter_json_records(chunked(text, cuts))) == records

    def test_a_number_cut_between_chunks(self) -> None:
        """12 | 34 is 1234, not 12 and then 34."""
        assert list(iter_json_records(["[12", "34]"])) == [1234]
        assert list(iter_json_records(["12", "34\n"])) == [1234]

    def test_empty_text_and_an_empty_array(self) -> None:
        """No records."""
        assert list(iter_json_records([])) == []
        assert list(iter_json_records(["[ ]"])) == []

    def test_records_are_read_one_at_a_time(self) -> None:
        """The first record comes before the rest of the text is read."""
        chunks = iter(['[{"id": "A"},', ' {"id": "B"}]'])
        records = iter_json_records(chunks)

        assert next(records) == {"id": "A"}
        assert next(chunks) == ' {"id": "B"}]'


class TestErrors:
    """Malformed text: where, and what is wrong."""

    @pytest.mark.parametrize(
        ("text", "message"),
        [
            ('[{"id": "A"}, {"id": }]', "line 1, column 22: Expecting value"),
            ('[{"id": "A"}\n {"id": "B"}]', "line 2, column 2: expected ',' or ']' after a record"),
            ('[{"id": "A"},]', "line 1, column 14: a comma before the closing ]"),
            ('[{"id": "A"}', "line 1, column 13: the text ends before the closing ]"),
            ('[{"id": "A"}] x', "line 1, column 15: text after the closing ]"),
            ('{"id": "A"}\n{"id": "B"} {"id": "C"}\n', "line 2, column 12: expected one record a"),
            ('{"id": "A"}\n{"id": \n', "line 2, column 8: Expecting value"),
            ("[" * 100_000 + "]" * 100_000, "line 1, column 2: nested too deeply to read"),
            (
                '{"a": ' + "[" * 100_000 + "]" * 100_000 + "}\n",
                "line 1, column 1: nested too deeply to read",
            ),
        ],
    )
    def test_malformed_text(self, text: str, message: str) -> None:
        """The first problem, with its line and column."""
        with pytest.raises(JsonLedgerError) as caught:
            list(iter_json_records([text]))

        line_and_column, _, reason = message.partition(": ")
        assert str(caught.value).startswith(line_and_column)
        assert reason in str(caught.value)

    def test_positions_count_lines_across_chunks(self) -> None:
        """Line numbers go on from chunk to chunk."""
        with pytest.raises(JsonLedgerError) as caught:
            list(iter_json_records(['{"id": "A"}\n{"id": "B"}\n', '{"id": ?}\n']))

        assert (caught.value.line, caught.value.record) == (3, 2)
