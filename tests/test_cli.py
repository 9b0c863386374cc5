"""The command line: the reference report, ledger files, formats, periods, exit codes."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from typing import TYPE_CHECKING, Any

import pytest

from builders import make_record
from transparency_core import (
    ExplainRenderer,
    MarkdownRenderer,
    TextRenderer,
    default_renderers,
    reference_records,
    reference_report,
)
from transparency_core._cli import _main as _cli
from transparency_core._cli._main import EXIT_BAD_INPUT, EXIT_OK, main

if TYPE_CHECKING:
    from pathlib import Path


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """Run the command line in this process; return the exit code, stdout and stderr."""
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def write(tmp_path: Path, records: Any) -> str:
    """Write ``records`` as a JSON ledger file and return its path."""
    path = tmp_path / "ledger.json"
    path.write_text(json.dumps(records), encoding="utf-8")
    return str(path)


class TestReference:
    """With no arguments, the reference 2020 report."""

    def test_no_arguments_print_the_reference_report(
        self, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """Exactly what the text renderer makes of the reference report."""
        assert run(capsys) == (EXIT_OK, TextRenderer()(reference_report()), "")

    def test_the_reference_report_in_markdown(self, capsys: pytest.CaptureFixture[str]) -> None:
        """``reference --format markdown``."""
        assert run(capsys, "reference", "--format", "markdown") == (
            EXIT_OK,
            MarkdownRenderer()(reference_report()),
            "",
        )

    def test_the_reference_records(self, capsys: pytest.CaptureFixture[str]) -> None:
        """``reference --records`` prints the ledger, ready for ``render``."""
        code, out, _ = run(capsys, "reference", "--records")

        assert code == EXIT_OK
        assert json.loads(out) == reference_records()

    def test_as_a_module(self) -> None:
        """``python -m transparency_core`` runs the same command."""
        result = subprocess.run(
            [sys.executable, "-m", "transparency_core"],
            capture_output=True,
            text=True,
            check=False,
        )

        assert (result.returncode, result.stdout) == (
            EXIT_OK,
            TextRenderer()(reference_report()),
        )


LEFT_OUT = (
    "transparency-core: warning: {n} left out of the report, as received outside the "
    "period or of a category it has no table for (--format explain says which and why)\n"
)


class TestWarnings:
    """Findings and requests left out go to stderr: the team sees them, the public not."""

    def test_findings_are_warnings_with_values_masked(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        """Every finding, its id made visible, its identifier masked; the report has none."""
        email = {"type": "email", "value": "jane.doe@example.com"}
        records = [
            make_record("IN-77", category="account", identifiers=[email, email]),
            make_record("IN-\x1b[2J", amends="IN-1"),
            make_record("IN-5", received="2019-12-31"),
        ]
        period = "2020-01-01/2020-12-31"

        code, out, err = run(capsys, "render", write(tmp_path, records), "--period", period)

        assert code == EXIT_OK
        assert err == (  # by request id
            "transparency-core: warning: IN-<U+001B>[2J (amends): "
            "amends 'IN-1', which is not in the ledger\n"
            "transparency-core: warning: IN-77 (identifiers[1]): "
            "lists email '….com' more than once\n" + LEFT_OUT.format(n="1 request")
        )
        assert "jane" not in out
        assert "amends" not in out

    def test_an_id_with_white_space_around_it_is_quoted(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        """``'IN-1 '`` is quoted in its warning, so that it does not read as ``IN-1``."""
        records = [make_record("IN-1"), make_record("IN-1 ")]

        code, _, err = run(
            capsys, "render", write(tmp_path, records), "--period", "2020-01-01/2020-12-31"
        )

        assert code == EXIT_OK
        lines = err.splitlines()
        assert any(line.startswith("transparency-core: warning: 'IN-1 ' (id): ") for line in lines)
        assert any(line.startswith("transparency-core: warning: IN-1 (id): ") for line in lines)

    def test_many_findings_are_counted_past_the_cap(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        """``--max-problems`` caps the findings listed too."""
        records = [make_record(f"A-{n}", amends=f"Z-{n}") for n in range(5)]
        ledger = write(tmp_path, records)

        code, _, err = run(
            capsys, "render", ledger, "--period", "2020-01-01/2020-12-31", "--max-problems", "2"
        )

        assert code == EXIT_OK
        assert err.splitlines()[2:] == [
            "transparency-core: warning: ... and 3 more findings (--format explain lists every one)"
        ]


class TestRender:
    """``render LEDGER.json``."""

    def test_the_reference_ledger_file_gives_the_reference_figures(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        """The same figures as the built-in report, for the same records and period."""
        ledger = write(tmp_path, reference_records())

        code, out, err = run(
            capsys,
            "render",
            ledger,
            "--period",
            "2020-01-01/2020-12-31",
            "--company",
            "Xiaomi",
        )

        assert (code, err) == (EXIT_OK, LEFT_OUT.format(n="4 requests"))
        assert out == TextRenderer()(reference_report()).replace(
            "\nRelease date: June 2021\n\n", "\n"
        )

    @pytest.mark.parametrize("form", ["json", "jsonl"])
    def test_any_number_of_processes_print_the_same_bytes(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path, form: str
    ) -> None:
        """--jobs changes who counts, never what is printed."""
        records = reference_records()
        path = tmp_path / f"ledger.{form}"
        if form == "json":
            path.write_text(json.dumps(records), encoding="utf-8")
        else:
            path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
        period = ["--period", "2020-01-01/2020-12-31", "--format", "json"]

        outputs = {run(capsys, "render", str(path), *period, "--jobs", j) for j in ("1", "3")}

        assert len(outputs) == 1
        assert next(iter(outputs))[0] == EXIT_OK

    def test_explain_shows_every_id_of_a_ledger_file(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        """The explain view counts with provenance: the same lines as the built-in one."""
        ledger = write(tmp_path, reference_records())
        period = "2020-01-01/2020-12-31"

        code, out, _ = run(capsys, "render", ledger, "--period", period, "--format", "explain")

        assert code == EXIT_OK
        assert out == ExplainRenderer()(reference_report())

    @pytest.mark.parametrize("jobs", ["0", "-1", "two"])
    def test_jobs_must_be_a_whole_number_of_at_least_one(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path, jobs: str
    ) -> None:
        """An argparse usage error: exit 2, the reason on stderr."""
        with pytest.raises(SystemExit) as exit_:
            main(["render", write(tmp_path, []), "--jobs", jobs])

        assert exit_.value.code == EXIT_BAD_INPUT
        assert "expected a whole number of at least 1" in capsys.readouterr().err

    def test_the_period_defaults_to_the_records_calendar_year(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        """All records in 2020: the 2020 report."""
        code, out, _ = run(
            capsys,
            "render",
            write(tmp_path, [make_record("R1")]),
            "--format",
            "markdown",
        )

        assert code == EXIT_OK
        assert "| Spain | 1 | 1 | 1 | 100% |" in out

    def test_records_of_several_years_need_a_period(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        """No guess: the command asks for --period."""
        ledger = write(tmp_path, [make_record("R1"), make_record("R2", received="2021-01-01")])

        assert run(capsys, "render", ledger) == (
            EXIT_BAD_INPUT,
            "",
            "transparency-core: the records span several years (2020, 2021): say which "
            "period with --period START/END\n",
        )

    def test_bad_records_exit_2_with_every_error_and_no_report(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        """Unknown category, malformed date, conflicting repeat: all on stderr."""
        ledger = write(
            tmp_path,
            [
                make_record("R1", category="phone"),
                make_record("R2", received="2020-13-01"),
                make_record("R3"),
                make_record("R3", country="SE"),
            ],
        )

        assert run(capsys, "render", ledger, "--period", "2020-01-01/2020-12-31") == (
            EXIT_BAD_INPUT,
            "",
            "transparency-core: 3 problems in the ledger of 4 records\n"
            "  $[0].category (id 'R1'): expected one of 'device', 'financial_identifier', "
            "'account', 'emergency', 'account_preservation', "
            "'account_restriction_deletion', got 'phone'\n"
            "  $[1].received (id 'R2'): expected a YYYY-MM-DD date, got '2020-13-01'\n"
            "  $[2] and $[3] repeat id 'R3' but disagree on country: 'ES' versus 'SE'\n",
        )

    @pytest.mark.parametrize(
        ("content", "message"),
        [
            (
                "{not json",
                "is not a JSON array of ledger records, nor JSON Lines: line 1, column 2 "
                "(after 0 records): Expecting property name enclosed in double quotes",
            ),
            ('[{"id": "R1"},\n 42 x]', "line 2, column 5 (after 2 records): expected ','"),
            ('{"id": "R1"}', "5 problems in the ledger of 1 record"),
            ("[42]", "$[0]: expected an object mapping field names to values, got 42"),
        ],
    )
    def test_a_file_that_is_not_a_ledger(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path, content: str, message: str
    ) -> None:
        """Exit 2 and say what is wrong with the file, and where."""
        path = tmp_path / "ledger.json"
        path.write_text(content, encoding="utf-8")

        code, out, err = run(capsys, "render", str(path), "--period", "2020-01-01/2020-12-31")

        assert (code, out) == (EXIT_BAD_INPUT, "")
        assert message in err

    def test_json_lines(self, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
        """One record a line gives the same report as the same records in an array."""
        lines = tmp_path / "ledger.jsonl"
        lines.write_text(
            "".join(json.dumps(record) + "\n" for record in reference_records()), encoding="utf-8"
        )
        array = write(tmp_path, reference_records())
        period = "2020-01-01/2020-12-31"

        from_lines = run(capsys, "render", str(lines), "--period", period)
        from_array = run(capsys, "render", array, "--period", period)

        assert from_lines == from_array
        assert from_lines[0] == EXIT_OK

    def test_stdin(
        self, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """``render -`` reads the ledger from standard input."""
        monkeypatch.setattr("sys.stdin", io.StringIO(json.dumps([make_record("R1")])))

        code, out, _ = run(capsys, "render", "-", "--format", "markdown")

        assert code == EXIT_OK
        assert "| Spain | 1 | 1 | 1 | 100% |" in out

    @pytest.mark.parametrize(
        "case",
        [
            ("-", "id,received,country\nR1,2020-03-02,ES\n", True),  # a sheet piped in
            ("-", '[{"id": "R1"', False),  # JSON cut short: a slip in JSON, not another format
            ("l.json", "id,received,country\nR1,2020-03-02,ES\n", False),  # a named file
        ],
        ids=["a sheet on stdin", "cut JSON on stdin", "a sheet named .json"],
    )
    def test_stdin_that_is_not_json_at_all_is_told_stdin_is_json(
        self,
        capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch,
        tmp_path: Path,
        case: tuple[str, str, bool],
    ) -> None:
        """Only stdin, and only when its first character is no JSON, hears how sheets are read."""
        ledger, text, told = case
        monkeypatch.setattr("sys.stdin", io.StringIO(text))
        path = tmp_path / ledger
        path.write_text(text, encoding="utf-8")

        code, out, err = run(capsys, "render", "-" if ledger == "-" else str(path))

        assert (code, out) == (EXIT_BAD_INPUT, "")
        assert "is not a JSON array of ledger records, nor JSON Lines" in err
        assert ("(stdin is read as JSON: to count a spreadsheet" in err) is told

    def test_a_missing_file(self, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
        """Exit 2, naming the file."""
        code, out, err = run(capsys, "render", str(tmp_path / "absent.json"))

        assert (code, out) == (EXIT_BAD_INPUT, "")
        assert (
            err == f"transparency-core: cannot read {tmp_path / 'absent.json'}: "
            "No such file or directory\n"
        )

    def test_a_malformed_period(self, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
        """Exit 2 with the expected form."""
        code, _, err = run(capsys, "render", write(tmp_path, []), "--period", "2020-H3")

        assert code == EXIT_BAD_INPUT
        assert err == (
            "transparency-core: --period: expected a year (2020), a half (2020-H1), a quarter "
            "(2020-Q3) or START/END (2020-01-01/2020-12-31), got '2020-H3'\n"
        )

    def test_an_unknown_format_is_a_usage_error(self, capsys: pytest.CaptureFixture[str]) -> None:
        """Argparse's own exit code 2."""
        with pytest.raises(SystemExit) as caught:
            main(["reference", "--format", "pdf"])

        assert caught.value.code == EXIT_BAD_INPUT
        assert "invalid choice: 'pdf'" in capsys.readouterr().err


class TestExplain:
    """``--format explain``: every figure with its ids."""

    def test_the_reference_report_explained(self, capsys: pytest.CaptureFixture[str]) -> None:
        """Exactly the explain renderer's output."""
        assert run(capsys, "reference", "--format", "explain") == (
            EXIT_OK,
            ExplainRenderer()(reference_report()),
            "",
        )


class TestFormats:
    """Every registered renderer is a --format."""

    @pytest.mark.parametrize("name", ["html", "csv", "json", "explain", "markdown", "svg", "text"])
    def test_each_format_prints_what_its_renderer_makes(
        self, capsys: pytest.CaptureFixture[str], name: str
    ) -> None:
        """The reference report in every format."""
        expected = default_renderers().create(name)(reference_report())

        assert run(capsys, "reference", "--format", name) == (EXIT_OK, expected, "")


class TestLocaleAndCountries:
    """``--locale`` and ``--country`` reach the renderer."""

    def test_a_locale_and_a_country_name(self, capsys: pytest.CaptureFixture[str]) -> None:
        """German dates and percentages; a company's own name for a country."""
        code, out, _ = run(
            capsys,
            "reference",
            "--format",
            "markdown",
            "--locale",
            "de_DE",
            "--country",
            "CN=China (Festland)",
        )

        assert code == EXIT_OK
        assert out == MarkdownRenderer(locale="de_DE", countries={"CN": "China (Festland)"})(
            reference_report()
        )
        assert "| China (Festland) | 3 | 808 | 3 | 100\xa0% |" in out

    @pytest.mark.parametrize(
        ("argv", "message"),
        [
            (["--locale", "xx_YY"], "--locale: expected a locale such as de_DE, got 'xx_YY'"),
            (["--country", "Hong Kong"], "--country: expected CODE=NAME, such as HK=Hong Kong"),
            (["--format", "json", "--country", "HK=Hong Kong"], "--format json takes no --country"),
        ],
    )
    def test_bad_options(
        self, capsys: pytest.CaptureFixture[str], argv: list[str], message: str
    ) -> None:
        """Exit 2 with the reason, and no report."""
        code, out, err = run(capsys, "reference", *argv)

        assert (code, out) == (EXIT_BAD_INPUT, "")
        assert message in err


class TestNoTraceback:
    """A bug or an interruption is one line on stderr, with its own exit code."""

    def test_an_internal_error_is_one_line_and_exit_70(
        self, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
    ) -> None:
        def broken(*_: object) -> str:
            msg = "boom"
            raise RuntimeError(msg)

        monkeypatch.setattr(_cli, "_render", broken)
        monkeypatch.delenv("TRANSPARENCY_CORE_TRACEBACK", raising=False)

        assert run(capsys) == (
            _cli.EXIT_INTERNAL,
            "",
            "transparency-core: internal error, please report it: RuntimeError: 'boom' "
            "(TRANSPARENCY_CORE_TRACEBACK=1 shows the traceback)\n",
        )

    def test_the_traceback_on_request(self, monkeypatch: pytest.MonkeyPatch) -> None:
        def broken(*_: object) -> str:
            msg = "boom"
            raise RuntimeError(msg)

        monkeypatch.setattr(_cli, "_render", broken)
        monkeypatch.setenv("TRANSPARENCY_CORE_TRACEBACK", "1")

        with pytest.raises(RuntimeError, match="boom"):
            main([])

    @pytest.mark.parametrize(
        ("interruption", "code", "said"),
        [
            (KeyboardInterrupt, 130, "interrupted"),
            (_cli._TerminatedError, 143, "terminated"),
        ],
    )
    def test_an_interruption(
        self,
        capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch,
        interruption: type[BaseException],
        code: int,
        said: str,
    ) -> None:
        def interrupted(*_: object) -> str:
            raise interruption

        monkeypatch.setattr(_cli, "_render", interrupted)

        assert run(capsys) == (code, "", f"transparency-core: {said}\n")
