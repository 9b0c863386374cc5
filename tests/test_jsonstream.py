"""JSON ledgers read in chunks: arrays and JSON Lines, cut anywhere, one record at a time."""

from __future__ import annotations

import itertools
import json
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from transparency_core import iter_json_records
from transparency_core._edge import _jsonlines
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


def cut(text: str, size: int) -> list[str]:
    """``text`` in chunks of ``size`` characters."""
    return [text[start : start + size] for start in range(0, len(text), size)]


class TestHostileText:
    """A byte order mark, a huge number, a repeated key, a long value: read or named."""

    @pytest.mark.parametrize("text", ['\ufeff[{"id": "A"}]', '\ufeff{"id": "A"}\n'])
    def test_a_byte_order_mark_at_the_start_is_skipped(self, text: str) -> None:
        """As editors on Windows write it; alone in the first chunk too."""
        assert list(iter_json_records([text])) == [{"id": "A"}]
        assert list(iter_json_records(["\ufeff", text[1:]])) == [{"id": "A"}]

    def test_a_byte_order_mark_elsewhere_is_not_json(self) -> None:
        """Only the start of the text may have one."""
        with pytest.raises(JsonLedgerError):
            list(iter_json_records(['[{"id": "A"}, \ufeff{"id": "B"}]']))

    @pytest.mark.parametrize("form", ["array", "lines"])
    @pytest.mark.parametrize("size", [7, 1000, 100_000])
    def test_an_integer_longer_than_python_reads(self, form: str, size: int) -> None:
        """4,301 digits and more: a JsonLedgerError naming the length, not a ValueError."""
        record = '{"id": "A", "n": ' + "9" * 4400 + "}"
        text = f"[{record}]" if form == "array" else record + "\n"

        with pytest.raises(JsonLedgerError) as caught:
            list(iter_json_records(cut(text, size)))

        assert caught.value.reason == (
            "a number of 4,400 digits, too long to read (no field of a record is a number)"
        )
        assert (caught.value.record, caught.value.line) == (0, 1)

    def test_an_integer_of_4300_digits_is_read(self) -> None:
        """The limit is Python's: up to it, the number is read (the record is bad later)."""
        assert list(iter_json_records(["[" + "9" * 4300 + "]"])) == [int("9" * 4300)]

    @pytest.mark.parametrize(
        ("record", "key"),
        [
            ('{"id": "A", "country": "ES", "country": "SE"}', "country"),
            ('{"id": "A", "response": {"outcome": "provided", "outcome": "rejected"}}', "outcome"),
            ('{"identifiers": [{"type": "imei", "type": "email"}]}', "type"),
            ('{"id": "A", "x": {"deep": [{"k": 1, "k" : 2}]}}', "k"),
            ('{"id" : "A",\t"id"\t:"B"}', "id"),
        ],
    )
    @pytest.mark.parametrize("form", ["array", "lines"])
    def test_a_repeated_key_is_an_error(self, record: str, key: str, form: str) -> None:
        """JSON keeps the last of a repeated key silently; a ledger names it, and where."""
        text = f'[{{"id": "Z"}},\n{record}]' if form == "array" else f'{{"id": "Z"}}\n{record}\n'

        with pytest.raises(JsonLedgerError) as caught:
            list(iter_json_records(cut(text, 5)))

        assert caught.value.reason == (
            f"the key {key!r} appears twice in one object (each field may be given once)"
        )
        assert (caught.value.record, caught.value.line) == (1, 2)

    @pytest.mark.parametrize(
        "record",
        [
            {"id": 'say "a": b', "response": {"outcome": '"x":'}},
            {"a": {"a": {"a": 1}}, "b": [{"a": 1}, {"a": 2}]},
            {"id": "A", "identifiers": [{"type": "imei"}, {"type": "imei"}]},
        ],
    )
    def test_keys_repeated_in_different_objects_or_in_text_are_fine(
        self, record: dict[str, Any]
    ) -> None:
        """Only one object naming a key twice is an error."""
        for text in (json.dumps([record]), json.dumps(record) + "\n"):
            assert list(iter_json_records([text])) == [record]

    @pytest.mark.parametrize("form", ["array", "lines"])
    def test_a_long_value_is_decoded_a_few_times_not_once_a_chunk(
        self, form: str, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """A 1 MB string in 1 KB chunks: the text read so far doubles before each retry."""
        calls = 0
        decode = _jsonlines._DECODER.raw_decode

        def counted(text: str, start: int = 0) -> tuple[Any, int]:
            nonlocal calls
            calls += 1
            return decode(text, start)

        monkeypatch.setattr(_jsonlines._DECODER, "raw_decode", counted)
        record = '{"id": "' + "x" * 1_000_000 + '"}'
        text = f"[{record}]" if form == "array" else record + "\n"

        assert list(iter_json_records(cut(text, 1000))) == [{"id": "x" * 1_000_000}]
        assert calls <= 12

    def test_a_nul_character_is_named(self) -> None:
        """Binary data: the problem says so, not just "Expecting value"."""
        with pytest.raises(JsonLedgerError) as caught:
            list(iter_json_records(['[{"id": "A"}, \x00]']))

        assert caught.value.reason == "a NUL character: binary data, not JSON text"
