"""The whole library from the command line: a definition, files out, init, check, schema.

Every test runs ``python -m transparency_core`` in a fresh process, as a user would, and
compares what it prints or writes with what the Python API makes of the same choices.
"""

from __future__ import annotations

import argparse
import base64
import csv
import json
import os
import stat
import subprocess
import sys
import threading
import time
from pathlib import Path

import attrs
import pytest

from builders import make_record
from transparency_core import (
    CsvRenderer,
    HtmlRenderer,
    JsonRenderer,
    MarkdownRenderer,
    ReportingPeriod,
    TextRenderer,
    build_report,
    default_renderers,
    ledger_digest,
    ledger_record_schema,
    load_definition,
    reference_ledger,
    reference_records,
    structure_ledger,
    structure_rows,
)
from transparency_core._cli._files import write_atomically
from transparency_core._cli._options import BadInputError, parser

PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGNgYPj/HwADAgH/ScZ4NQAAAABJRU5ErkJggg=="
)
DEFINITION = """
company = "Acme Phones"
period = "2020-H1"
released = "2020-09"
categories = ["device", "account", "emergency"]
breakdowns = ["outcomes"]
ledger = "ledger.json"
[rounding]
mode = "half_even"
[disclosure]
suppress_below = 3
[countries]
CN = "China (Mainland)"
"""


def run(folder: Path, *argv: str) -> subprocess.CompletedProcess[str]:
    """``transparency-core ARGV`` in ``folder``; its exit code, stdout and stderr."""
    return subprocess.run(
        [sys.executable, "-m", "transparency_core", *argv],
        cwd=folder,
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
    )


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A folder holding the reference ledger and a definition naming it."""
    (tmp_path / "ledger.json").write_text(json.dumps(reference_records()), encoding="utf-8")
    (tmp_path / "report.toml").write_text(DEFINITION, encoding="utf-8")
    return tmp_path


def _expected(renderer: object, text: str = DEFINITION) -> str:
    """What ``renderer`` makes of the reference ledger, counted as ``text`` says."""
    definition = load_definition(text)
    ledger = structure_ledger(reference_records())
    report = definition.report(ledger)
    if isinstance(renderer, JsonRenderer):  # the command names the ledger of a JSON report
        report = attrs.evolve(report, ledger_digest=ledger_digest(ledger))
    return renderer(report)  # type: ignore[operator, no-any-return]


def _leftovers(folder: Path) -> list[str]:
    """Temporary files of an atomic write left anywhere under ``folder``."""
    return [path.name for path in folder.rglob(".*.tmp")]


class TestRenderWithADefinition:
    """``render --config report.toml``: everything the definition says, as the API does."""

    def test_the_report_the_api_makes(self, project: Path) -> None:
        """Categories, breakdowns, rounding, suppression, names, period and release."""
        result = run(project, "render", "--config", "report.toml")
        expected = _expected(TextRenderer(countries={"CN": "China (Mainland)"}))

        assert (result.returncode, result.stdout) == (0, expected)
        assert "Release date: September 2020" in result.stdout
        assert "Requests by Outcome" in result.stdout

    def test_paths_are_relative_to_the_definition(self, project: Path, tmp_path: Path) -> None:
        """Run from elsewhere, the ledger is still found beside the definition."""
        elsewhere = tmp_path / "elsewhere"
        elsewhere.mkdir()

        result = run(elsewhere, "render", "--config", str(project / "report.toml"))

        assert result.returncode == 0, result.stderr

    def test_the_line_over_the_definition(self, project: Path) -> None:
        """``--period``, ``--released``, ``--company`` and the ledger on the line win."""
        result = run(
            project,
            "render",
            "ledger.json",
            "--config",
            "report.toml",
            "--period",
            "2020",
            "--released",
            "2021-03-15",
            "--company",
            "Other",
            "--format",
            "markdown",
        )
        text = DEFINITION.replace('"2020-H1"', '"2020"').replace('"2020-09"', '"2021-03-15"')
        expected = _expected(
            MarkdownRenderer(countries={"CN": "China (Mainland)"}),
            text.replace('"Acme Phones"', '"Other"'),
        )

        assert (result.returncode, result.stdout) == (0, expected)

    def test_a_bad_definition_lists_every_problem(self, project: Path) -> None:
        """Exit 2, each problem at its key, nothing on stdout, no traceback."""
        (project / "bad.toml").write_text(
            '[disclosure]\nsuppress_below = "ten"\n[rounding]\nmood = 1\n', encoding="utf-8"
        )

        result = run(project, "render", "ledger.json", "--config", "bad.toml")

        assert (result.returncode, result.stdout) == (2, "")
        assert result.stderr == (
            "transparency-core: bad.toml: 2 problems in the report definition\n"
            "  disclosure.suppress_below: expected a positive whole number, got 'ten'\n"
            "  rounding.mood: expected one of the keys places, mode, zero_denominator, "
            "apportion, got 1\n"
        )

    @pytest.mark.parametrize(
        ("argv", "message"),
        [
            (["--config", "absent.toml"], "--config: cannot read absent.toml: No such file"),
            (["--period", "2020-H3"], "--period: expected a year (2020), a half (2020-H1)"),
            (["--released", "2020-13"], "--released: expected a date, YYYY-MM-DD or YYYY-MM"),
            (["--period", "2020", "--released", "2020-06"], "--released: expected a date on or"),
        ],
    )
    def test_bad_options(self, project: Path, argv: list[str], message: str) -> None:
        """Exit 2, one clear line."""
        result = run(project, "render", "ledger.json", *argv)

        assert (result.returncode, result.stdout) == (2, "")
        assert result.stderr.startswith(f"transparency-core: {message}")
        assert "Traceback" not in result.stderr

    def test_no_ledger_anywhere(self, tmp_path: Path) -> None:
        """Neither on the line nor in the definition: say where to give one."""
        (tmp_path / "report.toml").write_text('period = "2020"', encoding="utf-8")

        result = run(tmp_path, "render", "--config", "report.toml")

        assert result.returncode == 2
        assert "no ledger: give a LEDGER file, or ledger = " in result.stderr

    def test_a_shorthand_is_its_interval(self, project: Path) -> None:
        """``--period 2020-Q2`` is ``--period 2020-04-01/2020-06-30``, byte for byte."""
        short = run(project, "render", "ledger.json", "--period", "2020-Q2")
        long = run(project, "render", "ledger.json", "--period", "2020-04-01/2020-06-30")
        report = build_report(reference_ledger(), ReportingPeriod.parse("2020-Q2"))

        assert short.stdout == long.stdout == TextRenderer()(report)


class TestFilesOut:
    """``-o FILE``, ``-o DIR`` for several formats, and the definition's outputs."""

    def test_one_format_to_a_file(self, project: Path) -> None:
        """The file holds the report; stdout is empty; stderr says what was written."""
        result = run(project, "render", "--config", "report.toml", "--format", "csv", "-o", "r.csv")

        assert (result.returncode, result.stdout) == (0, "")
        assert result.stderr.endswith("transparency-core: wrote r.csv\n")
        expected = _expected(CsvRenderer(countries={"CN": "China (Mainland)"}))
        assert (project / "r.csv").read_bytes().decode() == expected

    def test_several_formats_to_a_directory(self, project: Path) -> None:
        """``--format html,csv,json -o out/``: a file each, each the renderer's."""
        result = run(
            project, "render", "--config", "report.toml", "--format", "html,csv,json", "-o", "out"
        )
        names = {"CN": "China (Mainland)"}

        assert result.returncode == 0, result.stderr
        assert sorted(path.name for path in (project / "out").iterdir()) == [
            "report.csv",
            "report.html",
            "report.json",
        ]
        for name, renderer in [
            ("report.html", HtmlRenderer(countries=names)),
            ("report.csv", CsvRenderer(countries=names)),
            ("report.json", JsonRenderer()),
        ]:
            assert (project / "out" / name).read_bytes().decode() == _expected(renderer)
        assert _leftovers(project) == []

    def test_the_definitions_outputs_and_theme(self, project: Path) -> None:
        """Each ``[[output]]`` at its path, with its options; the page themed from files."""
        (project / "logo.png").write_bytes(PNG)
        (project / "extra.css").write_text("h1 { letter-spacing: 0.02em; }", encoding="utf-8")
        text = DEFINITION.replace(
            "[rounding]",
            '[theme]\ncolour = "#8b0000"\nlogo = "logo.png"\ncss = "extra.css"\n'
            '[[output]]\nformat = "html"\npath = "site/report.html"\n'
            '[[output]]\nformat = "text"\npath = "report.txt"\nwidth = 60\n[rounding]',
        )
        (project / "report.toml").write_text(text, encoding="utf-8")

        result = run(project, "render", "--config", "report.toml")
        names = {"CN": "China (Mainland)"}
        html = HtmlRenderer(
            countries=names, colour="#8b0000", logo=PNG, css="h1 { letter-spacing: 0.02em; }"
        )

        assert (result.returncode, result.stdout) == (0, "")
        assert (project / "site" / "report.html").read_text("utf-8") == _expected(html, text)
        assert (project / "report.txt").read_text("utf-8") == _expected(
            TextRenderer(countries=names, width=60), text
        )
        assert "data:image/png;base64," in (project / "site" / "report.html").read_text("utf-8")

    @pytest.mark.parametrize(
        ("theme", "files", "message"),
        [
            (
                'logo = "logo.png"',
                {"logo.png": b"not an image"},
                "theme.logo: expected a PNG, JPEG, GIF, WebP or SVG image, "
                "got '12 bytes starting 6e",
            ),
            ('logo = "absent.png"', {}, "theme.logo: cannot read absent.png: No such file"),
            (
                'css = "evil.css"',
                {"evil.css": b"</style><script>alert(1)</script>"},
                "theme.css: expected CSS without '<'",
            ),
        ],
    )
    def test_a_bad_theme_file(
        self, project: Path, theme: str, files: dict[str, bytes], message: str
    ) -> None:
        """Checked as the renderer checks it; exit 2, no page."""
        for name, data in files.items():
            (project / name).write_bytes(data)
        text = f'[[output]]\nformat = "html"\npath = "r.html"\n[theme]\n{theme}\n'
        (project / "t.toml").write_text(text, encoding="utf-8")

        result = run(project, "render", "ledger.json", "--period", "2020", "--config", "t.toml")

        assert result.returncode == 2
        assert result.stderr.startswith(f"transparency-core: {message}")
        assert not (project / "r.html").exists()

    def test_two_outputs_to_stdout_are_refused(self, project: Path) -> None:
        """Several formats without ``-o`` cannot share standard output."""
        result = run(project, "render", "--config", "report.toml", "--format", "text,csv")

        assert (result.returncode, result.stdout) == (2, "")
        assert "several outputs would go to standard output" in result.stderr

    def test_a_file_that_cannot_be_written(self, project: Path) -> None:
        """Exit 2 naming the file; nothing half written, no temporary file left."""
        (project / "blocked").write_text("a file, not a folder", encoding="utf-8")

        result = run(project, "render", "--config", "report.toml", "-o", "blocked/r.txt")

        assert result.returncode == 2
        assert result.stderr.endswith(
            "transparency-core: cannot write blocked/r.txt: File exists\n"
        )
        assert _leftovers(project) == []


class TestAtomicWrites:
    """A report file is written whole or not at all."""

    def test_an_interruption_leaves_no_temporary_file(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """Ctrl-C between writing and renaming: the old file stays, the temporary goes."""
        target = tmp_path / "report.txt"
        target.write_text("the old report", encoding="utf-8")

        def interrupted(*_: object) -> Path:
            raise KeyboardInterrupt

        monkeypatch.setattr(Path, "replace", interrupted)
        with pytest.raises(KeyboardInterrupt):
            write_atomically(target, b"the new report")

        assert target.read_text(encoding="utf-8") == "the old report"
        assert sorted(path.name for path in tmp_path.iterdir()) == ["report.txt"]

    def test_a_new_file_is_readable_as_any_other(self, tmp_path: Path) -> None:
        """Not the 0600 of a temporary file: what the umask gives."""
        umask = os.umask(0o022)
        os.umask(umask)
        write_atomically(tmp_path / "r.txt", b"report")

        assert (tmp_path / "r.txt").stat().st_mode & 0o777 == 0o666 & ~umask

    def test_a_link_is_followed_and_stays_a_link(self, tmp_path: Path) -> None:
        """The target is replaced; the link (say, into a web root) is left as it was."""
        target = tmp_path / "releases" / "report.html"
        target.parent.mkdir()
        target.write_bytes(b"old")
        link = tmp_path / "report.html"
        link.symlink_to(target)

        write_atomically(link, b"new")

        assert link.is_symlink()
        assert target.read_bytes() == b"new"

    def test_a_fifo_is_written_in_place(self, tmp_path: Path) -> None:
        """A FIFO with a reader gets the report; it is not replaced by a file."""
        fifo = tmp_path / "pipe"
        os.mkfifo(fifo)
        received: list[bytes] = []
        reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
        reader.start()
        for _ in range(500):  # the reader opens the FIFO when its thread runs
            try:
                write_atomically(fifo, b"report")
                break
            except BadInputError:
                time.sleep(0.01)
        reader.join(timeout=10)

        assert received == [b"report"]
        assert stat.S_ISFIFO(fifo.stat().st_mode)

    def test_a_fifo_nobody_reads_is_an_error_not_a_hang(self, tmp_path: Path) -> None:
        fifo = tmp_path / "pipe"
        os.mkfifo(fifo)

        with pytest.raises(BadInputError, match="no process reads it"):
            write_atomically(fifo, b"report")
        assert stat.S_ISFIFO(fifo.stat().st_mode)

    @pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full here")
    def test_a_device_is_written_and_never_replaced(self) -> None:
        """/dev/null takes the report; /dev/full says it is full; both stay devices."""
        write_atomically(Path("/dev/null"), b"report")
        with pytest.raises(BadInputError, match="No space left"):
            write_atomically(Path("/dev/full"), b"report")

        assert stat.S_ISCHR(Path("/dev/null").stat().st_mode)
        assert stat.S_ISCHR(Path("/dev/full").stat().st_mode)


class TestInit:
    """``init [DIR]``: a commented report.toml and a template requests.csv."""

    def test_writes_both_and_refuses_to_replace_them(self, tmp_path: Path) -> None:
        """Exit 0, then exit 2 without ``--force``, then 0 with it."""
        first = run(tmp_path, "init", "new")
        (tmp_path / "new" / "report.toml").write_text("# mine", encoding="utf-8")
        second = run(tmp_path, "init", "new")
        third = run(tmp_path, "init", "new", "--force")

        assert first.returncode == 0, first.stderr
        assert sorted(path.name for path in (tmp_path / "new").iterdir()) == [
            "report.toml",
            "requests.csv",
        ]
        assert (second.returncode, second.stdout) == (2, "")
        assert "already there; --force replaces them" in second.stderr
        assert (tmp_path / "new" / "report.toml").read_text("utf-8") != "# mine"
        assert third.returncode == 0
        assert load_definition((tmp_path / "new" / "report.toml").read_text("utf-8")).ledger == (
            "requests.csv"
        )


class TestInitThenRender:
    """What ``init`` writes renders as it is, and a team's own headers are read."""

    def test_the_templates_render(self, tmp_path: Path) -> None:
        """``init`` then ``render --config report.toml``: the page and the CSV it names."""
        assert run(tmp_path, "init").returncode == 0
        result = run(tmp_path, "render", "--config", "report.toml")
        definition = load_definition((tmp_path / "report.toml").read_text("utf-8"))
        with (tmp_path / "requests.csv").open(encoding="utf-8", newline="") as stream:
            report = definition.report(structure_rows(csv.DictReader(stream)))

        assert (result.returncode, result.stdout) == (0, ""), result.stderr
        assert result.stderr == (
            "transparency-core: wrote report.html\ntransparency-core: wrote report.csv\n"
        )
        assert (tmp_path / "report.html").read_bytes().decode() == HtmlRenderer()(report)
        assert (tmp_path / "report.csv").read_bytes().decode() == CsvRenderer()(report)

    def test_a_teams_own_headers(self, tmp_path: Path) -> None:
        """``[columns]`` maps them to the baseline ones: the report is the baseline file's."""
        assert run(tmp_path, "init").returncode == 0
        baseline = (tmp_path / "requests.csv").read_text("utf-8")
        own = baseline.replace("id,received,country", "Reference, Date received ,Country", 1)
        (tmp_path / "own.csv").write_text(own, encoding="utf-8")
        (tmp_path / "own.toml").write_text(
            'period = "2020"\nledger = "own.csv"\n'
            '[columns]\nReference = "id"\n"Date received" = "received"\n',
            encoding="utf-8",
        )

        ours = run(tmp_path, "render", "--config", "own.toml")
        theirs = run(tmp_path, "render", "requests.csv", "--period", "2020")
        unmapped = run(tmp_path, "render", "own.csv", "--period", "2020")

        assert (ours.returncode, ours.stdout) == (0, theirs.stdout)
        assert unmapped.returncode == 2

    def test_a_category_of_ones_own_from_a_spreadsheet(self, tmp_path: Path) -> None:
        """A row of the definition's own category is read and counted in its table."""
        (tmp_path / "l.csv").write_text(
            "id,received,country,category,identifiers,outcome,data\n"
            "P-1,2020-03-01,DE,push_token,push_token:abc123,provided,non_content\n",
            encoding="utf-8",
        )
        (tmp_path / "r.toml").write_text(
            'period = "2020"\ncategories = ["push_token"]\n[[category]]\nname = "push_token"\n'
            'title = "Push Token Requests"\nidentifier_types = ["push_token"]\n'
            'columns = ["requests", "provided"]\n',
            encoding="utf-8",
        )

        result = run(tmp_path, "render", "l.csv", "--config", "r.toml", "--format", "csv")

        assert result.returncode == 0, result.stderr
        assert "push_token,DE,Germany,counts,requests,1," in result.stdout
        assert "abc123" not in result.stdout


class TestCheck:
    """``check LEDGER``: problems (exit 2) or what a report would say (exit 0)."""

    def test_a_good_ledger(self, project: Path) -> None:
        """Its records, requests, counted and left out, and its findings, masked."""
        records = [
            make_record("ES-1", identifiers=[{"type": "imei", "value": "490154203237518"}] * 2),
            make_record("ES-2"),
        ]
        (project / "l.json").write_text(json.dumps(records), encoding="utf-8")

        result = run(project, "check", "l.json")

        assert result.returncode == 0, result.stderr
        assert result.stdout.splitlines()[:3] == [
            "l.json: 2 records, 2 requests, no problems",
            "2020-01-01/2020-12-31: 2 requests counted, 0 left out (received outside the "
            "period, or of a category the report has no table for)",
            "1 finding",
        ]
        assert "490154203237518" not in result.stdout + result.stderr
        assert "…7518" in result.stdout

    def test_an_id_with_white_space_around_it_is_quoted(self, project: Path) -> None:
        r"""``'ES-1\xa0'`` is quoted as Python writes it: the no-break space shows."""
        records = [make_record("ES-1"), make_record("ES-1\xa0")]
        (project / "l.json").write_text(json.dumps(records), encoding="utf-8")

        result = run(project, "check", "l.json")

        assert result.returncode == 0, result.stderr
        findings = [line.strip() for line in result.stdout.splitlines()[3:]]
        assert any(line.startswith("'ES-1\\xa0' (id): ") for line in findings), findings
        assert any(line.startswith("ES-1 (id): ") for line in findings), findings

    def test_a_bad_ledger(self, project: Path) -> None:
        """Every problem on stderr, exit 2, nothing on stdout."""
        (project / "l.json").write_text(json.dumps([{"id": "A"}]), encoding="utf-8")

        result = run(project, "check", "l.json")

        assert (result.returncode, result.stdout) == (2, "")
        assert result.stderr.startswith("transparency-core: 5 problems in the ledger of 1 record")

    def test_several_years_need_a_period(self, project: Path) -> None:
        """No problems, and a word on the period."""
        result = run(project, "check", "ledger.json")

        assert result.returncode == 0
        assert result.stdout == (
            "ledger.json: 241 records, no problems; they span several years (2019, 2020, "
            "2021): give --period for what a report of them would count\n"
        )

    def test_with_a_definition(self, project: Path) -> None:
        """The definition's period, and its ledger when none is given."""
        result = run(project, "check", "--config", "report.toml")

        assert result.returncode == 0, result.stderr
        assert result.stdout.startswith("ledger.json: 241 records, 237 requests, no problems\n")
        assert "2020-01-01/2020-06-30: " in result.stdout


class TestSchema:
    """``schema``: the JSON Schema of a ledger record."""

    def test_the_schema(self, tmp_path: Path) -> None:
        """Exactly ``ledger_record_schema()``."""
        result = run(tmp_path, "schema")

        assert (result.returncode, json.loads(result.stdout)) == (0, ledger_record_schema())

    def test_with_the_definitions_own_categories(self, tmp_path: Path) -> None:
        """A category of the definition's own is one a record may name."""
        (tmp_path / "r.toml").write_text(
            '[[category]]\nname = "push_token"\ntitle = "P"\nidentifier_types = ["push"]\n'
            'columns = ["requests"]',
            encoding="utf-8",
        )

        result = run(tmp_path, "schema", "--config", "r.toml")
        schema = json.loads(result.stdout)

        assert "push_token" in schema["properties"]["category"]["enum"]


class TestTheCommandLinePage:
    """docs/how-to/cli.md lists every command and every option of the parser."""

    def test_every_command_and_option(self) -> None:
        """Each subcommand's name, and each of its option strings, as code on the page."""
        page = (Path(__file__).parent.parent / "docs" / "how-to" / "cli.md").read_text("utf-8")
        top = parser(default_renderers())
        (commands,) = [
            action for action in top._actions if isinstance(action, argparse._SubParsersAction)
        ]
        missing = []
        for name, command in commands.choices.items():
            if f"`{name}" not in page:
                missing.append(name)
            for action in command._actions:
                missing.extend(
                    f"{name} {option}"
                    for option in action.option_strings
                    if option not in ("-h", "--help") and f"`{option}" not in page
                )

        assert {"check", "init", "reference", "render", "schema"} <= set(commands.choices)
        assert missing == []
