"""``render requests.csv`` and ``render requests.xlsx``: files as spreadsheet programs write."""

from __future__ import annotations

import contextlib
import csv
import io
import json
import os
import re
import shlex
import subprocess
import sys
import tempfile
import threading
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sheets import HEADER, TABLE_HEADER, csv_bytes, ledger_tables
from transparency_core import (
    ledger_digest,
    reference_ledger,
    reference_records,
    structure_rows,
)
from transparency_core._cli._main import EXIT_BAD_INPUT, EXIT_OK, main
from transparency_core.exceptions import InvalidLedgerError

if TYPE_CHECKING:
    from collections.abc import Sequence

openpyxl = pytest.importorskip("openpyxl")

PERIOD = ("--period", "2020-01-01/2020-12-31")
HOW_TO = Path(__file__).parent.parent / "docs" / "how-to" / "spreadsheet.md"
SHOWN_FILE = re.compile(r"```\{code-block\} text\n:caption: (\S+)\n\n(.*?)```", re.DOTALL)
CONSOLE = re.compile(r"```console\n(.*?)```", re.DOTALL)
IMEI = "351756051523999"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """Run the command line in this process; return the exit code, stdout and stderr."""
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def command(*argv: str) -> subprocess.CompletedProcess[str]:
    """Run ``transparency-core`` as a user would, in a process of its own."""
    return subprocess.run(
        [sys.executable, "-m", "transparency_core", *argv],
        capture_output=True,
        text=True,
        check=False,
    )


def json_run(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, *options: str
) -> tuple[int, str, str]:
    """``render`` of the reference ledger read from its JSON file: exit code, stdout, stderr."""
    path = tmp_path / "ledger.json"
    path.write_text(json.dumps(reference_records()), encoding="utf-8")
    return run(capsys, "render", str(path), *PERIOD, *options)


def workbook_bytes(
    rows: Sequence[Sequence[object]], identifiers: Sequence[Sequence[object]] | None = None
) -> bytes:
    """A workbook as a spreadsheet program saves it: a Requests sheet, maybe Identifiers."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Requests"
    for cells in rows:
        sheet.append(list(cells))
    for cell in sheet["B"][1:]:
        cell.number_format = "yyyy-mm-dd"
    if identifiers is not None:
        table = book.create_sheet("Identifiers")
        for cells in identifiers:
            table.append(list(cells))
    stream = io.BytesIO()
    book.save(stream)
    return stream.getvalue()


class TestCsv:
    """CSV as Excel writes it: a byte order mark, CRLF, quoted cells, ``,`` or ``;``."""

    @pytest.mark.parametrize("fmt", ["text", "json"])
    def test_the_reference_ledger_as_csv(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path, fmt: str
    ) -> None:
        """The same report, byte for byte, as from the ledger's JSON file."""
        rows, _ = ledger_tables(reference_ledger(), grouped=True)
        path = tmp_path / "requests.csv"
        path.write_bytes(csv_bytes(rows))

        assert path.read_bytes().startswith(b"\xef\xbb\xbfid,received")
        assert b'"imei:' in path.read_bytes()  # a cell of several identifiers, quoted
        code, out, err = run(capsys, "render", str(path), *PERIOD, "--format", fmt)
        expected = json_run(capsys, tmp_path, "--format", fmt)

        if fmt == "json":  # the digest is of the requests as the rows read (subjects named)
            published, from_json = json.loads(out), json.loads(expected[1])
            assert published["ledger"]["sha256"] == ledger_digest(structure_rows(rows))
            assert from_json["ledger"]["sha256"] == ledger_digest(reference_ledger())
            published["ledger"] = from_json["ledger"]
            assert (code, published, err) == (expected[0], from_json, expected[2])
        else:
            assert (code, out, err) == expected
        assert code == EXIT_OK

    def test_semicolons_quotes_and_line_breaks(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        """Excel's ``;`` of many European locales; a quoted cell with ``;``, quotes, a line."""
        text = (
            "\ufeffID;Received;Country;Category;Identifiers;Outcome;Data\r\n"
            f'"ES;""1""";2020-02-11;Spain;device;"imei:{IMEI},\r\n serial_number:R58M";'
            "provided;non_content\r\n"
        )
        path = tmp_path / "Requests.CSV"
        path.write_bytes(text.encode())
        code, out, err = run(capsys, "render", str(path), "--format", "json")

        assert (code, err) == (EXIT_OK, "")
        report = json.loads(out)
        [spain] = report["periods"][0]["tables"][0]["rows"]
        assert (spain["country"], spain["cells"]["subjects"]["value"]) == ("ES", 1)

    def test_not_utf8(self, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
        """Plain "CSV" from a spreadsheet program is the computer's own encoding: said so."""
        path = tmp_path / "requests.csv"
        path.write_bytes("id,country\r\nES-1,España\r\n".encode("cp1252"))

        assert run(capsys, "render", str(path)) == (
            EXIT_BAD_INPUT,
            "",
            f"transparency-core: {path} is not UTF-8 text (at byte 21): save it as CSV UTF-8 "
            "(a spreadsheet program's plain CSV writes the computer's own encoding)\n",
        )


class TestXlsx:
    """A workbook: date cells, numbers as numbers, bools, and an Identifiers sheet."""

    def test_the_reference_ledger_as_a_workbook(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        """Requests on the first sheet (dates as date cells), subjects on Identifiers."""
        rows, table = ledger_tables(reference_ledger())
        cells = [
            [
                date.fromisoformat(row[column]) if column == "received" else row[column]
                for column in HEADER
            ]
            for row in rows
        ]
        path = tmp_path / "requests.xlsx"
        path.write_bytes(
            workbook_bytes(
                [HEADER, *cells],
                [TABLE_HEADER, *([row[key] for key in TABLE_HEADER] for row in table)],
            )
        )

        code, out, err = run(capsys, "render", str(path), *PERIOD)

        assert (code, out, err) == json_run(capsys, tmp_path)
        assert code == EXIT_OK

    def test_cells_as_a_spreadsheet_stores_them(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        """A datetime cell, an id typed as a number, a bool cell, an empty row."""
        rows = [
            ("ID", "Received", "Country", "Category", "Identifiers", "Outcome", "Emergency"),
            (1001, datetime(2020, 3, 1, 9, 30), "IN", "device", f"imei:{IMEI}", "rejected", True),  # noqa: DTZ001 -- a cell is naive
            (),
            (1002, date(2020, 3, 2), "India", "device", f"imei:{IMEI}", "no_data", False),
        ]
        path = tmp_path / "requests.xlsx"
        path.write_bytes(workbook_bytes(rows))
        code, out, err = run(capsys, "render", str(path), "--format", "json")

        assert (code, err) == (EXIT_OK, "")
        [india] = json.loads(out)["periods"][0]["tables"][0]["rows"]
        assert india["cells"]["requests"]["value"] == 2

    def test_problems_by_sheet_row_and_column(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        """Every problem at its sheet, row and header, the identifier masked."""
        rows = [
            ("ID", "Received", "Country", "Category", "Identifiers", "Outcome"),
            ("A", "2020-03-01", "IN", "device", f"{IMEI}", "rejected"),
            ("B", "01/03/2020", "Indai", "device", None, "rejected"),
        ]
        card = 4.111111111111111e16  # as a spreadsheet stores a long number: a float
        table = [("Request ID", "Type", "Value"), ("B", "imei", card)]
        path = tmp_path / "requests.xlsx"
        path.write_bytes(workbook_bytes(rows, table))
        code, out, err = run(capsys, "render", str(path))

        assert (code, out) == (EXIT_BAD_INPUT, "")
        assert err.splitlines() == [
            "transparency-core: 4 problems in the ledger of 2 records",
            f"  {path}, sheet 'Identifiers', row 2, column 'Value' (id 'B'): expected text (a "
            "number of more than 15 digits loses its last digits in a spreadsheet: format the "
            f"column as text), got a number ending in {str(int(card))[-4:]}",
            f"  {path}, sheet 'Requests', row 2, column 'Identifiers' (id 'A'): expected "
            "identifiers written type:value, such as 'imei:490154203237518' (',' between "
            "the identifiers of one device or account, ';' between devices or accounts), "
            "got '…3999'",
            f"  {path}, sheet 'Requests', row 3, column 'Received' (id 'B'): expected a date (a "
            "date cell or YYYY-MM-DD text) or a date-time with an offset (text such as "
            "2025-03-04T09:30:00+01:00), got '01/03/2020'",
            f"  {path}, sheet 'Requests', row 3, column 'Country' (id 'B'): expected an ISO "
            "3166-1 alpha-2 country code such as 'CN', or a country's English name such as "
            "'China', got 'Indai'",
        ]
        assert IMEI not in err

    def test_not_a_workbook(self, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
        """Bytes that are no zip archive, and a damaged one."""
        path = tmp_path / "requests.xlsx"
        path.write_bytes(b"id,received\r\n")
        damaged = tmp_path / "damaged.xlsx"
        damaged.write_bytes(workbook_bytes([HEADER])[:200])

        assert run(capsys, "render", str(path)) == (
            EXIT_BAD_INPUT,
            "",
            f"transparency-core: {path} is not an XLSX workbook (which is a zip archive)\n",
        )
        code, _, err = run(capsys, "render", str(damaged))
        assert code == EXIT_BAD_INPUT
        assert err.startswith(f"transparency-core: {damaged} is not an XLSX workbook openpyxl")

    def test_without_openpyxl(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """The extra to install, named."""
        path = tmp_path / "requests.xlsx"
        path.write_bytes(workbook_bytes([HEADER]))
        monkeypatch.setitem(sys.modules, "openpyxl", None)

        assert run(capsys, "render", str(path)) == (
            EXIT_BAD_INPUT,
            "",
            f"transparency-core: {path} is an XLSX workbook, and reading one needs openpyxl: "
            "pip install 'transparency-core[xlsx]'\n",
        )


class TestAsAUser:
    """In a process of its own: exit 0 with a report, exit 2 with problems, no traceback."""

    def test_a_good_file_and_a_bad_one(self, tmp_path: Path) -> None:
        """The report on stdout; the problems on stderr, addressed, and nothing on stdout."""
        good = tmp_path / "requests.csv"
        good.write_bytes(
            b"id,received,country,category,identifiers,outcome,data\r\n"
            b"ES-1,2020-02-11,ES,device,imei:490154203237518,provided,non_content\r\n"
        )
        bad = tmp_path / "bad.csv"
        bad.write_bytes(good.read_bytes().replace(b",ES,", b",Spian,"))
        done, refused = command("render", str(good)), command("render", str(bad))

        assert (done.returncode, done.stderr) == (EXIT_OK, "")
        assert "Spain" in done.stdout
        assert (refused.returncode, refused.stdout) == (EXIT_BAD_INPUT, "")
        assert refused.stderr.splitlines() == [
            "transparency-core: 1 problem in the ledger of 1 record",
            f"  {bad}, row 2, column 'country' (id 'ES-1'): expected an ISO 3166-1 alpha-2 "
            "country code such as 'CN', or a country's English name such as 'China', got "
            "'Spian'",
        ]

    @pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
    def test_a_fifo_named_csv(self, tmp_path: Path) -> None:
        """A pipe that cannot be sought is read as it comes."""
        fifo = tmp_path / "requests.csv"
        os.mkfifo(fifo)
        rows, _ = ledger_tables(reference_ledger()[:5], grouped=True)

        def feed() -> None:
            with fifo.open("wb") as stream:
                stream.write(csv_bytes(rows))

        writer = threading.Thread(target=feed)
        writer.start()
        result = command("render", str(fifo), *PERIOD)
        writer.join()

        assert (result.returncode, result.stderr.count("Traceback")) == (EXIT_OK, 0)
        assert result.stdout.startswith("Transparency Report")


class TestTheHowTo:
    """docs/how-to/spreadsheet.md: its files, its commands, and what they print."""

    def test_every_command_prints_what_the_page_shows(self, tmp_path: Path) -> None:
        """Run in a folder holding the page's files (its CSV also saved as a workbook)."""
        page = HOW_TO.read_text(encoding="utf-8")
        for name, text in SHOWN_FILE.findall(page):
            (tmp_path / name).write_text(text, encoding="utf-8")
        header, *rows = csv.reader(io.StringIO(SHOWN_FILE.findall(page)[0][1]))
        cells = [[row[0], date.fromisoformat(row[1]), *row[2:]] for row in rows]
        (tmp_path / "requests.xlsx").write_bytes(workbook_bytes([header, *cells]))
        blocks = CONSOLE.findall(page)

        assert len(blocks) == 4
        for block in blocks:
            line, *shown = block.splitlines()
            program, *argv = shlex.split(line.removeprefix("$ "))
            result = subprocess.run(
                [sys.executable, "-m", "transparency_core", *argv],
                capture_output=True,
                text=True,
                check=False,
                cwd=tmp_path,
            )
            refused = bool(shown) and shown[0].startswith("transparency-core:")

            assert program == "transparency-core"
            assert result.returncode == (EXIT_BAD_INPUT if refused else EXIT_OK), line
            assert "Traceback" not in result.stderr
            if shown:
                assert (result.stdout + result.stderr).splitlines() == shown, line


def quietly(*argv: str) -> tuple[int, str]:
    """Run the command line with stdout and stderr caught: the exit code and stderr."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(argv))
    return code, err.getvalue()


GOOD_CSV = csv_bytes(ledger_tables(reference_ledger()[:40], grouped=True)[0])
CELLS = st.one_of(
    st.none(),
    st.text(max_size=12),
    st.sampled_from(["yes", "no", "2020-02-30", "0000-01-01", "Spain", "imei:1, imei:2; x"]),
    st.integers(-(10**20), 10**20),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.dates(),
    st.datetimes(),
)


class TestHostile:
    """Whatever a spreadsheet holds: a report (0) or problems said (2), never a traceback."""

    @pytest.mark.parametrize(
        ("content", "said"),
        [
            (b"", "holds no records: say which period with --period START/END"),
            (b"\xef\xbb\xbf\r\n\r\n", "holds no records: say which period with --period START/END"),
            (b"id,received\r\n\0\0", "is not CSV text: a NUL byte at byte 13"),
            (b'id,"x\r\n' + b"y" * 200_000, "is not CSV text: row 1 (line 2): field larger"),
            (b"\xff\xfe\x00\xd8", "is not UTF-16 text, as its byte order mark says"),
        ],
    )
    def test_files_that_hold_no_rows(self, tmp_path: Path, content: bytes, said: str) -> None:
        """Empty, NUL bytes, a cell too long, a broken byte order mark: said, exit 2."""
        path = tmp_path / "requests.csv"
        path.write_bytes(content)
        code, err = quietly("render", str(path))

        assert code == EXIT_BAD_INPUT
        assert err.startswith(f"transparency-core: {path} {said}")

    @pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero")
    @pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
    def test_a_device_named_as_a_spreadsheet(self, tmp_path: Path, suffix: str) -> None:
        """``/dev/zero`` under a spreadsheet's name is refused at once, not read forever."""
        path = tmp_path / f"zero{suffix}"
        path.symlink_to("/dev/zero")
        code, err = quietly("render", str(path))

        assert (code, err.count("\n")) == (EXIT_BAD_INPUT, 1)

    @settings(deadline=None, max_examples=max(10, settings().max_examples // 5))
    @given(st.binary(max_size=3000), st.sampled_from([".csv", ".xlsx"]))
    def test_any_bytes(self, data: bytes, suffix: str) -> None:
        """Arbitrary bytes as a spreadsheet: exit 0 or 2, the problems said."""
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / f"requests{suffix}"
            path.write_bytes(data)
            code, err = quietly("render", str(path), *PERIOD)

        assert code in {EXIT_OK, EXIT_BAD_INPUT}
        assert "internal error" not in err

    @settings(deadline=None, max_examples=max(10, settings().max_examples // 5))
    @given(st.integers(0, len(GOOD_CSV)), st.binary(min_size=1, max_size=8))
    def test_a_good_file_with_bytes_put_in(self, at: int, junk: bytes) -> None:
        """A few bytes anywhere in a good CSV file."""
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "requests.csv"
            path.write_bytes(GOOD_CSV[:at] + junk + GOOD_CSV[at:])
            code, err = quietly("render", str(path), *PERIOD)

        assert code in {EXIT_OK, EXIT_BAD_INPUT}
        assert "internal error" not in err

    @given(
        st.lists(
            st.dictionaries(st.sampled_from([*HEADER, "ID", " Country ", "notes"]), CELLS),
            max_size=6,
        )
    )
    def test_any_cells_from_python(self, rows: list[dict[str, object]]) -> None:
        """Any values in any columns: requests, or an InvalidLedgerError, nothing else."""
        try:
            structure_rows(rows)
        except InvalidLedgerError as error:
            data, count = json.loads(json.dumps(error.to_dict())), len(error.exceptions)
        else:
            return

        assert data["count"] == count
