"""The command line counts a ledger file in parts, on several processes: same report.

Small part and range sizes force a ledger of a few hundred records into many parts and
several pieces, so that every path of the split (a record's id in one part, its
amendment in another, a piece boundary inside a line) runs here.
"""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from builders import make_record
from transparency_core import (
    ReportingPeriod,
    TextRenderer,
    build_report,
    iter_json_records,
    reference_period,
    reference_records,
    tally_ledger,
)
from transparency_core._cli import (
    LedgerFile,
    NoPeriodError,
    NotJsonError,
    NotUtf8Error,
    count_file,
    spool,
)
from transparency_core._edge import _jsonlines
from transparency_core.exceptions import InvalidLedgerError, JsonLedgerError

if TYPE_CHECKING:
    from collections.abc import Sequence

Records = list[dict[str, Any]]


def ledger_records() -> Records:
    """The reference records, and records that make findings across parts."""
    return [
        *reference_records(),
        make_record("X-1", amends="IN-2020-D-0019"),
        make_record("X-2", amends="GONE-1"),
        make_record(
            "X-3",
            identifiers=[{"type": "imei", "value": "1"}, {"type": "imei", "value": "1"}],
        ),
    ]


def write_lines(path: Path, records: Sequence[object]) -> Path:
    """Write ``records`` to ``path`` as JSON Lines."""
    path.write_text("".join(json.dumps(record) + "\n" for record in records), encoding="utf-8")
    return path


def count(path: Path, tmp_path: Path, *, jobs: int = 2, **options: Any) -> Any:
    """Count ``path`` in parts of 2 KB and pieces of at least 4 KB."""
    directory = tmp_path / "parts"
    directory.mkdir()
    ledger = LedgerFile(path, path.stat().st_size, directory, part_bytes=2048, range_bytes=4096)
    options = {"period": reference_period(), "provenance": True, **options}
    return count_file(ledger, jobs=jobs, **options)


class TestSameReport:
    """In parts, on any number of processes, the report is the one of a single pass."""

    @pytest.mark.parametrize("jobs", [1, 2, 3])
    @pytest.mark.parametrize("form", ["lines", "array"])
    def test_the_report_with_every_id(self, tmp_path: Path, jobs: int, form: str) -> None:
        records = ledger_records()
        path = tmp_path / "ledger.json"
        if form == "lines":
            write_lines(path, records)
        else:
            path.write_text(json.dumps(records, indent=1), encoding="utf-8")

        report = count(path, tmp_path, jobs=jobs).report()

        assert report == build_report(tally_ledger(records), reference_period())
        assert len(report.findings) == 2

    @pytest.mark.parametrize("jobs", [1, 2])
    def test_with_orjson_or_json_the_same_report(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, jobs: int
    ) -> None:
        """The lines parsed by orjson (the fast extra) or by json count alike."""
        path = write_lines(tmp_path / "l.jsonl", ledger_records())
        with_orjson = count(path, tmp_path, jobs=jobs).report()
        monkeypatch.setattr(_jsonlines, "ORJSON", None)
        (tmp_path / "parts").rename(tmp_path / "parts-before")

        assert count(path, tmp_path, jobs=jobs).report() == with_orjson

    def test_without_provenance_the_same_figures(self, tmp_path: Path) -> None:
        records = ledger_records()
        expected = build_report(tally_ledger(records), reference_period())

        report = count(
            write_lines(tmp_path / "l.jsonl", records), tmp_path, provenance=False
        ).report()

        assert TextRenderer()(report) == TextRenderer()(expected)
        assert (report.summary, report.entries) == (expected.summary, expected.left_out())

    def test_the_calendar_year_of_the_records_by_default(self, tmp_path: Path) -> None:
        records = [record for record in ledger_records() if record["received"] < "2021"]
        records = [record for record in records if record["received"] >= "2020"]

        subtotals = count(write_lines(tmp_path / "l.jsonl", records), tmp_path, period=None)

        assert subtotals.period == ReportingPeriod.calendar_year(2020)

    def test_blank_lines_and_windows_line_ends(self, tmp_path: Path) -> None:
        records = ledger_records()
        path = tmp_path / "l.jsonl"
        path.write_bytes(
            b"\r\n".join(json.dumps(record).encode() + b"\r\n" for record in records) + b"\n\n"
        )

        report = count(path, tmp_path).report()

        assert report == build_report(tally_ledger(records), reference_period())


class TestProblems:
    """Every problem of every part, together and in ledger order, as in one pass."""

    def test_bad_records_and_conflicts_as_tally_ledger_reports_them(self, tmp_path: Path) -> None:
        records: list[object] = list(ledger_records())
        records[3] = {**reference_records()[3], "country": "Spain"}
        records[150] = 42
        records[200] = {**reference_records()[200], "surprise": True}
        records.append({**reference_records()[10], "country": "SE"})  # a conflicting repeat
        records.append({**reference_records()[5], "received": "2020-02-30"})
        with pytest.raises(InvalidLedgerError) as single:
            tally_ledger(records)

        with pytest.raises(InvalidLedgerError) as parts:
            count(write_lines(tmp_path / "l.jsonl", records), tmp_path)

        assert parts.value.describe() == single.value.describe()
        assert len(parts.value.exceptions) == 5

    @pytest.mark.parametrize("fast", [True, False], ids=["orjson", "json"])
    def test_values_json_reads_differently_are_reported_as_json_reads_them(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, *, fast: bool
    ) -> None:
        """Huge numbers (orjson makes them floats), NaN and lone surrogates (it refuses)."""
        if not fast:
            monkeypatch.setattr(_jsonlines, "ORJSON", None)
        lines = [json.dumps(record) for record in ledger_records()]
        lines[20] = lines[20][:-1] + ', "emergency": 18446744073709551616}'
        lines[90] = lines[90][:-1] + ', "emergency": NaN}'
        lines[160] = lines[160].replace('"id": "', '"id": "\\ud800', 1)
        lines[161] = lines[161][:-1] + ', "extra": -1e400}'
        text = "\n".join(lines) + "\n"
        with pytest.raises(InvalidLedgerError) as single:
            tally_ledger(iter_json_records([text]))
        path = tmp_path / "l.jsonl"
        path.write_text(text, encoding="utf-8", errors="surrogatepass")

        with pytest.raises(InvalidLedgerError) as parts:
            count(path, tmp_path)

        assert parts.value.describe() == single.value.describe()
        assert "got 18446744073709551616" in parts.value.describe()

    def test_bad_records_come_before_the_missing_period(self, tmp_path: Path) -> None:
        records: list[object] = [*ledger_records(), 42]

        with pytest.raises(InvalidLedgerError):
            count(write_lines(tmp_path / "l.jsonl", records), tmp_path, period=None)

    def test_several_years_need_a_period(self, tmp_path: Path) -> None:
        with pytest.raises(NoPeriodError):
            count(write_lines(tmp_path / "l.jsonl", ledger_records()), tmp_path, period=None)

    @pytest.mark.parametrize(
        "bad",
        [
            '{"id": "X-9", oops}',
            '{"id": "X-9"} {"id": "X-10"}',
            "[1, 2",
            '"\\u12"',
            '{"id": "X-9", "deep": ' + "[" * 100_000 + "]" * 100_000 + "}",
            '{"id": "X-9", "deep": ' + "[" * 1_000 + "]" * 1_000 + "}",
        ],
        ids=[
            "junk",
            "two records",
            "cut short",
            "bad escape",
            "nested too deeply",
            "too deeply for json, not for orjson",
        ],
    )
    def test_bad_json_in_a_later_piece_is_placed_in_the_whole(
        self, tmp_path: Path, bad: str
    ) -> None:
        lines = [json.dumps(record) for record in ledger_records()]
        lines.insert(180, bad)
        text = "\n".join(lines) + "\n"
        with pytest.raises(JsonLedgerError) as single:
            list(iter_json_records([text]))
        path = tmp_path / "l.jsonl"
        path.write_text(text, encoding="utf-8")

        with pytest.raises(JsonLedgerError) as parts:
            count(path, tmp_path)

        assert str(parts.value) == str(single.value)
        assert parts.value.line == 181

    def test_a_byte_that_is_not_utf8_is_placed_in_the_file(self, tmp_path: Path) -> None:
        text = write_lines(tmp_path / "good.jsonl", ledger_records()).read_bytes()
        at = text.index(b"\n", len(text) * 2 // 3) + 5
        path = tmp_path / "l.jsonl"
        path.write_bytes(text[:at] + b"\xff" + text[at:])

        with pytest.raises(NotUtf8Error) as error:
            count(path, tmp_path)

        assert error.value.at == at


class TestEmpty:
    """A ledger with no records, counted for a period, is a report with no rows."""

    @pytest.mark.parametrize("text", ["", "[]", "\n\n"])
    def test_no_records(self, tmp_path: Path, text: str) -> None:
        path = tmp_path / "l.json"
        path.write_text(text, encoding="utf-8")

        report = count(path, tmp_path).report()

        assert report == build_report([], reference_period())


class TestHostileFiles:
    """A byte order mark, repeated keys, huge numbers, bad years, NULs: read or named."""

    @pytest.mark.parametrize("form", ["lines", "array"])
    def test_a_byte_order_mark_is_skipped(self, tmp_path: Path, form: str) -> None:
        records = ledger_records()
        text = (
            json.dumps(records)
            if form == "array"
            else "".join(json.dumps(r) + "\n" for r in records)
        )
        path = tmp_path / "l.json"
        path.write_bytes(b"\xef\xbb\xbf" + text.encode())

        assert count(path, tmp_path).report() == build_report(
            tally_ledger(records), reference_period()
        )

    @pytest.mark.parametrize("reader", ["orjson", "json"])
    @pytest.mark.parametrize(
        ("line", "key"),
        [
            ('{"id": "X-9", "country": "ES", "country": "SE"}', "country"),
            ('{"id": "X-9", "response": {"outcome": "no_data", "outcome": "provided"}}', "outcome"),
            ('{"id": "X-9", "identifiers": [{"value": "1", "value": "2"}]}', "value"),
            ('{"id": "X-9", "n": {"k": 1, "k": 2}}', "k"),
        ],
    )
    def test_a_repeated_key_in_a_later_piece(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, reader: str, line: str, key: str
    ) -> None:
        """Both readers keep the last silently: the line is refused, with its place."""
        if reader == "json":
            monkeypatch.setattr(_jsonlines, "ORJSON", None)
        lines = [json.dumps(record) for record in ledger_records()]
        lines.insert(180, line)
        path = tmp_path / "l.jsonl"
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")

        with pytest.raises(JsonLedgerError) as caught:
            count(path, tmp_path)

        assert (caught.value.line, caught.value.record) == (181, 180)
        assert caught.value.reason == (
            f"the key {key!r} appears twice in one object (each field may be given once)"
        )

    @pytest.mark.parametrize("reader", ["orjson", "json"])
    @pytest.mark.parametrize("form", ["lines", "array"])
    def test_an_integer_of_4401_digits(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, reader: str, form: str
    ) -> None:
        """Past Python's limit of digits: named, never a ValueError."""
        if reader == "json":
            monkeypatch.setattr(_jsonlines, "ORJSON", None)
        record = '{"id": "X-9", "emergency": ' + "9" * 4401 + "}"
        lines = [json.dumps(record) for record in ledger_records()]
        lines.insert(180, record)
        path = tmp_path / "l.json"
        text = "[" + ",\n".join(lines) + "]" if form == "array" else "\n".join(lines) + "\n"
        path.write_text(text, encoding="utf-8")

        with pytest.raises(JsonLedgerError) as caught:
            count(path, tmp_path)

        assert caught.value.line == 181
        assert "a number of 4,401 digits, too long to read" in caught.value.reason

    def test_year_zero_is_a_bad_date_not_a_period(self, tmp_path: Path) -> None:
        """0000-01-01 has no calendar year to infer: the record's problem is reported."""
        path = write_lines(tmp_path / "l.jsonl", [make_record("R1", received="0000-01-01")])

        with pytest.raises(InvalidLedgerError) as caught:
            count(path, tmp_path, period=None)

        assert "expected a YYYY-MM-DD date, got '0000-01-01'" in caught.value.describe()

    def test_the_first_problems_of_all_parts_and_the_count_of_the_rest(
        self, tmp_path: Path
    ) -> None:
        """Each part keeps its first: the first of the whole ledger, as tally_ledger keeps."""
        records: list[object] = [*([{}] * 150), *ledger_records(), *([{"id": 3}] * 150)]
        with pytest.raises(InvalidLedgerError) as single:
            tally_ledger(records, max_problems=40)

        with pytest.raises(InvalidLedgerError) as parts:
            count(write_lines(tmp_path / "l.jsonl", records), tmp_path, max_problems=40)

        assert parts.value.describe() == single.value.describe()
        assert parts.value.omitted == single.value.omitted > 0

    def test_a_byte_that_is_not_utf8_in_an_array_is_placed_in_the_file(
        self, tmp_path: Path
    ) -> None:
        """Past the first chunks: the byte's offset in the file, not in its chunk."""
        text = json.dumps(ledger_records() * 3).encode()
        at = len(text) * 2 // 3
        path = tmp_path / "l.json"
        path.write_bytes(text[:at] + b"\xc3" + text[at:])

        with pytest.raises(NotUtf8Error) as error:
            count(path, tmp_path)

        assert error.value.at == at


class TestSpool:
    """What cannot be sought (stdin, a pipe, a device) is copied first; NUL stops it."""

    def test_a_nul_byte_stops_the_copy(self, tmp_path: Path) -> None:
        """/dev/zero is refused at its first byte, not copied forever."""
        with Path("/dev/zero").open("rb") as zero, pytest.raises(NotJsonError) as error:
            spool(zero, tmp_path)

        assert error.value.at == 0
        assert str(error.value) == "a NUL byte at byte 0: binary data, not JSON text"

    def test_text_and_bytes_are_copied_alike(self, tmp_path: Path) -> None:
        (tmp_path / "a").mkdir()
        (tmp_path / "b").mkdir()

        assert spool(io.StringIO("[é]"), tmp_path / "a").read_bytes() == "[é]".encode()
        assert spool(io.BytesIO(b"[\xc3\xa9]"), tmp_path / "b").read_bytes() == "[é]".encode()


class TestManyConflicts:
    """Conflicting repeats are capped as the other problems are: the first, then a count."""

    def test_the_first_conflicts_and_the_count_of_the_rest(self, tmp_path: Path) -> None:
        records: list[object] = [make_record(f"R{n}") for n in range(120)]
        records += [make_record(f"R{n}", country="SE") for n in range(120)]
        records.insert(0, {"id": 3})
        with pytest.raises(InvalidLedgerError) as single:
            tally_ledger(records, max_problems=30)

        with pytest.raises(InvalidLedgerError) as parts:
            count(write_lines(tmp_path / "l.jsonl", records), tmp_path, max_problems=30)

        assert parts.value.describe() == single.value.describe()
        assert (len(parts.value.exceptions), parts.value.omitted) == (30, 96)
