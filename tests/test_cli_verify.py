"""``verify`` on real files: every ledger format ``render`` reads, a series, the same errors."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from sheets import HEADER, csv_bytes, ledger_tables
from transparency_core import ledger_digest, reference_ledger, structure_rows, unstructure_ledger
from transparency_core._cli._main import EXIT_BAD_INPUT, EXIT_OK, main

PERIOD = ("--period", "2020-01-01/2020-12-31")
EXIT_MISMATCH = 1


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """Run the command line in this process; return the exit code, stdout and stderr."""
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def _csv(tmp_path: Path) -> Path:
    """The reference ledger as a spreadsheet program writes it, rows in reverse."""
    rows, _ = ledger_tables(reference_ledger()[::-1], grouped=True)
    path = tmp_path / "requests.csv"
    path.write_bytes(csv_bytes(rows))
    return path


def _published(capsys: pytest.CaptureFixture[str], ledger: Path, *command: str) -> Path:
    """The JSON report of ``ledger`` by ``command`` (``render`` by default), as a file."""
    argv = command or ("render", str(ledger), *PERIOD)
    code, out, err = run(capsys, *argv, "--format", "json")
    assert code == EXIT_OK, err
    report = ledger.with_name(ledger.name + ".report.json")
    report.write_text(out, encoding="utf-8")
    return report


def _edit(report: Path, change: Any) -> None:
    data = json.loads(report.read_text("utf-8"))
    change(data)
    report.write_text(json.dumps(data), encoding="utf-8")


def _first_count(data: dict[str, Any]) -> dict[str, Any]:
    """The first published count of the last period."""
    rows = data["periods"][-1]["tables"][0]["rows"]
    cells: dict[str, Any] = next(row for row in rows if row["kind"] == "counts")["cells"]
    count: dict[str, Any] = cells["requests"]
    return count


def _bump(data: dict[str, Any]) -> None:
    _first_count(data)["value"] += 1


def _round(data: dict[str, Any]) -> None:
    data["periods"][-1]["settings"]["rounding"]["places"] = 1


class TestOneDigestFromEveryFormat:
    """A JSON array, JSON Lines and a spreadsheet of the same requests: one digest."""

    def test_json_and_json_lines_in_any_order(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        """The API's digest of the ledger, from either file, records in either order."""
        records = unstructure_ledger(reference_ledger())
        array, lines = tmp_path / "ledger.json", tmp_path / "ledger.jsonl"
        array.write_text(json.dumps(records), encoding="utf-8")
        lines.write_text("".join(json.dumps(r) + "\n" for r in records[::-1]), encoding="utf-8")

        digests = {
            json.loads(_published(capsys, path).read_text("utf-8"))["ledger"]["sha256"]
            for path in (array, lines)
        }

        assert digests == {ledger_digest(reference_ledger())}

    def test_a_csv_and_the_json_records_it_reads_as(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        """The digest is of the records read: a row's and its JSON record's are one."""
        sheet = _csv(tmp_path)
        rows, _ = ledger_tables(reference_ledger(), grouped=True)
        as_json = tmp_path / "as-read.jsonl"
        records = unstructure_ledger(structure_rows(rows))
        as_json.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")

        from_sheet = json.loads(_published(capsys, sheet).read_text("utf-8"))
        from_json = json.loads(_published(capsys, as_json).read_text("utf-8"))

        assert from_sheet["ledger"]["sha256"] == from_json["ledger"]["sha256"]
        assert from_sheet["ledger"]["sha256"] == ledger_digest(structure_rows(rows))
        assert from_sheet == from_json


class TestVerifyASpreadsheet:
    """``verify REPORT.json requests.csv``: a changed figure, ledger and setting."""

    def test_it_verifies(self, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
        """Exit 0, the verdict on stdout."""
        sheet = _csv(tmp_path)
        report = _published(capsys, sheet)

        code, out, err = run(capsys, "verify", str(report), str(sheet))

        assert (code, err) == (EXIT_OK, "")
        assert out.splitlines()[-1] == "verified"

    @pytest.mark.parametrize(
        ("change", "line"),
        [
            (_bump, "figures: 1 of"),
            (_round, "settings: changed after the report was sealed"),
        ],
    )
    def test_a_changed_report(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path, change: Any, line: str
    ) -> None:
        """Exit 1, the difference said."""
        sheet = _csv(tmp_path)
        report = _published(capsys, sheet)
        _edit(report, change)

        code, out, _ = run(capsys, "verify", str(report), str(sheet))

        assert code == EXIT_MISMATCH
        assert any(said.startswith(line) for said in out.splitlines()), out
        assert out.splitlines()[-1] == "not verified"

    def test_a_changed_ledger(self, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
        """A row less: the ledger line says so."""
        sheet = _csv(tmp_path)
        report = _published(capsys, sheet)
        rows, _ = ledger_tables(reference_ledger()[1:], grouped=True)
        sheet.write_bytes(csv_bytes(rows))

        code, out, _ = run(capsys, "verify", str(report), str(sheet))

        assert code == EXIT_MISMATCH
        assert out.startswith("ledger: changed: its sha256 is ")

    def test_a_workbook(self, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
        """An .xlsx ledger too, when openpyxl is installed."""
        openpyxl = pytest.importorskip("openpyxl")
        rows, _ = ledger_tables(reference_ledger(), grouped=True)
        book = openpyxl.Workbook()
        book.active.append(list(HEADER))
        for row in rows:
            book.active.append([row[column] for column in HEADER])
        path = tmp_path / "requests.xlsx"
        book.save(path)
        report = _published(capsys, path)

        assert run(capsys, "verify", str(report), str(path))[0] == EXIT_OK
        assert json.loads(report.read_text("utf-8"))["ledger"]["sha256"] == ledger_digest(
            structure_rows(rows)
        )

    def test_a_teams_own_headers(self, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
        """The definition's ``[columns]`` map them, for verify as for render."""
        rows, _ = ledger_tables(reference_ledger(), grouped=True)
        own = [{("Reference" if k == "id" else k): v for k, v in row.items()} for row in rows]
        sheet = tmp_path / "own.csv"
        sheet.write_bytes(csv_bytes(own, ("Reference", *HEADER[1:])))
        config = tmp_path / "own.toml"
        config.write_text('period = "2020"\n[columns]\nReference = "id"\n', encoding="utf-8")
        report = _published(capsys, sheet, "render", str(sheet), "--config", str(config))

        assert run(capsys, "verify", str(report), str(sheet), "--config", str(config))[0] == 0
        assert run(capsys, "verify", str(report), str(sheet))[0] == EXIT_BAD_INPUT


class TestVerifyASeries:
    """``series --format json`` names its ledger; verify checks every period."""

    @pytest.mark.parametrize("suffix", [".jsonl", ".csv"])
    def test_a_series_verifies_and_a_change_is_found(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path, suffix: str
    ) -> None:
        """Its figures, its settings and its ledger, from JSON Lines or a spreadsheet."""
        if suffix == ".csv":
            ledger = _csv(tmp_path)
        else:
            ledger = tmp_path / "ledger.jsonl"
            records = unstructure_ledger(reference_ledger())
            ledger.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
        series = ("series", str(ledger), "--every", "half-year")
        report = _published(capsys, ledger, *series)
        data = json.loads(report.read_text("utf-8"))

        assert data["ledger"]["sha256"] is not None
        assert len(data["periods"]) > 1
        code, out, _ = run(capsys, "verify", str(report), str(ledger))
        assert (code, out.splitlines()[-1]) == (EXIT_OK, "verified")
        for change in (_bump, _round):
            changed = _published(capsys, ledger, *series)
            _edit(changed, change)
            assert run(capsys, "verify", str(changed), str(ledger))[0] == EXIT_MISMATCH
        fewer = tmp_path / f"fewer{suffix}"
        if suffix == ".csv":
            fewer.write_bytes(csv_bytes(ledger_tables(reference_ledger()[1:], grouped=True)[0]))
        else:
            kept = ledger.read_text("utf-8").splitlines(keepends=True)[1:]
            fewer.write_text("".join(kept), "utf-8")
        code, out, _ = run(capsys, "verify", str(report), str(fewer))
        assert (code, out.splitlines()[0][:17]) == (EXIT_MISMATCH, "ledger: changed: ")


class TestTheSameErrorsAsRender:
    """A ledger verify cannot read is refused in render's words, exit 2."""

    @pytest.mark.parametrize(
        ("name", "content"),
        [
            ("missing.json", None),
            ("latin1.jsonl", b'{"id": "\xe9"}\n'),
            ("broken.json", b'[{"id": '),
            ("bad-record.jsonl", b'{"id": "A"}\n{"id": "B", "country": 7}\n'),
            ("bad-row.csv", b"id,received\nA,yesterday\n"),
        ],
    )
    def test_bad_input(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path, name: str, content: bytes | None
    ) -> None:
        """The same message on stderr, nothing on stdout."""
        good = tmp_path / "ledger.json"
        good.write_text(json.dumps(unstructure_ledger(reference_ledger())), encoding="utf-8")
        report = _published(capsys, good)
        ledger = tmp_path / name
        if content is not None:
            ledger.write_bytes(content)

        rendered = run(capsys, "render", str(ledger), *PERIOD)
        verified = run(capsys, "verify", str(report), str(ledger))

        assert rendered[0] == verified[0] == EXIT_BAD_INPUT
        assert verified[1] == ""
        assert verified[2] == rendered[2]
        assert verified[2].startswith("transparency-core: ")


class TestReportsThatAreNotOnes:
    """A report file that no release writes: exit 2 with what is wrong, never "verified"."""

    @pytest.fixture
    def ledger(self, tmp_path: Path) -> Path:
        path = tmp_path / "ledger.json"
        path.write_text(json.dumps(unstructure_ledger(reference_ledger())), encoding="utf-8")
        return path

    @pytest.mark.parametrize(
        ("edit", "said"),
        [
            (
                lambda text: text.replace('"value": ', '"value": 99999, "value": ', 1),
                "$: expected JSON text, a report, each key of an object once, got the key "
                "'value' twice",
            ),
            (
                lambda text: text.replace('"settings": {', '"settings": {"extra": NaN, ', 1),
                "$: expected JSON text, a report, got NaN, which is not a JSON value",
            ),
            (
                lambda text: json.dumps({**json.loads(text), "periods": []}),
                "$.periods: expected a list of one period or more, got []",
            ),
        ],
        ids=["a repeated key", "NaN", "no period"],
    )
    def test_a_report_no_release_writes(
        self, capsys: pytest.CaptureFixture[str], ledger: Path, edit: Any, said: str
    ) -> None:
        report = _published(capsys, ledger)
        report.write_text(edit(report.read_text("utf-8")), encoding="utf-8")

        code, out, err = run(capsys, "verify", str(report), str(ledger))

        assert (code, out) == (EXIT_BAD_INPUT, "")
        assert err == f"transparency-core: the report {report} cannot be verified: {said}\n"

    @pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero here")
    def test_an_endless_report_is_binary_data_at_once(
        self, capsys: pytest.CaptureFixture[str], ledger: Path
    ) -> None:
        code, _, err = run(capsys, "verify", "/dev/zero", str(ledger))

        assert code == EXIT_BAD_INPUT
        assert (
            err
            == "transparency-core: the report /dev/zero is not JSON text: a NUL byte at byte 0\n"
        )

    def test_both_from_stdin(self, capsys: pytest.CaptureFixture[str]) -> None:
        code, _, err = run(capsys, "verify", "-", "-")

        assert code == EXIT_BAD_INPUT
        assert "cannot both be read from stdin" in err


def test_the_values_that_differ_are_capped(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """``--max-problems`` lists that many, and counts the rest."""
    ledger = tmp_path / "ledger.json"
    ledger.write_text(json.dumps(unstructure_ledger(reference_ledger())), encoding="utf-8")
    report = _published(capsys, ledger)

    def bump_every_count(data: dict[str, Any]) -> None:
        for table in data["periods"][0]["tables"]:
            for row in table["rows"]:
                for cell in row["cells"].values():
                    if isinstance(cell, dict) and isinstance(cell.get("value"), int):
                        cell["value"] += 1

    _edit(report, bump_every_count)
    code, out, _ = run(capsys, "verify", str(report), str(ledger), "--max-problems", "2")
    listed = [line for line in out.splitlines() if line.startswith("  periods[")]
    differ = int(out.split("figures: ")[1].split(" of ")[0])

    assert code == EXIT_MISMATCH
    assert len(listed) == 2
    assert f"  ... and {differ - 2:,} more" in out.splitlines()
