"""The command line, run as a user runs it, on hostile input: a report or a clear error.

Every row runs ``python -m transparency_core`` in a fresh process (through bash, for pipes,
process substitution and redirections), and checks the exit code, a part of stderr, that
stdout is empty on an error, and that no traceback ever reaches the user. Then signals:
SIGINT and SIGTERM in the middle of a render leave no temporary file and no worker.
"""

from __future__ import annotations

import json
import os
import shlex
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import attrs
import pytest

from builders import make_record
from transparency_core import reference_records

PERIOD = "--period 2020-01-01/2020-12-31"
PYTHON = shlex.quote(sys.executable)
TC = f"{PYTHON} -m transparency_core"
BENCHMARKS = Path(__file__).parent.parent / "benchmarks"


def _reference() -> bytes:
    return json.dumps(reference_records()).encode()


def _lines(records: list[Any]) -> bytes:
    return "".join(json.dumps(record) + "\n" for record in records).encode()


def _with(text: str) -> bytes:
    """One good record, with ``text`` (JSON) added before its closing brace."""
    record = json.dumps(make_record("R1"))
    return f"[{record[:-1]}, {text}}}]".encode()


@attrs.frozen
class Case:
    """One way to run the command line, and what it must do."""

    command: str
    """The bash command; ``{tc}`` runs the command line, ``{dir}`` is the test's folder."""
    code: int
    stderr: str = ""
    """A part of stderr (all of it, ``""``, for a report)."""
    files: dict[str, bytes] = attrs.field(factory=dict)
    """Files to write in the folder first."""
    stdout: str | None = None
    """A part of stdout, for a report."""
    setup: Callable[[Path], None] | None = None


L = {"l.json": _reference()}
"""The reference ledger, as l.json."""

CASES = {
    # 1. Paths that are pipes or devices: copied as they come, never sought.
    "a pipe as /dev/stdin": Case(f"cat l.json | {{tc}} render /dev/stdin {PERIOD}", 0, files=L),
    "process substitution": Case(f"{{tc}} render <(cat l.json) {PERIOD}", 0, files=L),
    "a fifo": Case(
        f"(cat l.json > fifo &); {{tc}} render fifo {PERIOD}",
        0,
        files=L,
        setup=lambda folder: os.mkfifo(folder / "fifo"),
    ),
    "stdin as -": Case(f"{{tc}} render - {PERIOD} < l.json", 0, files=L),
    "stdin closed": Case("{tc} render - <&-", 2, "cannot read stdin: it is closed"),
    "/dev/null": Case("{tc} render /dev/null", 2, "/dev/null holds no records: say which period"),
    "/dev/null for a period": Case(f"{{tc}} render /dev/null {PERIOD}", 0, stdout="2020"),
    "/dev/zero": Case(
        "{tc} render /dev/zero", 2, "/dev/zero is not a JSON array of ledger records, nor JSON"
    ),
    "a CSV sheet on stdin": Case(
        "{tc} render - < l.csv",
        2,
        "(stdin is read as JSON: to count a spreadsheet, name its file: requests.csv)",
        files={"l.csv": b"id,received,country,category\nR1,2020-03-02,ES,device\n"},
    ),
    "binary on stdin": Case(
        "printf '[\\0]' | {tc} render -", 2, "a NUL byte at byte 1: binary data, not JSON text"
    ),
    # 2. Integers past Python's 4,300 digits.
    "a huge integer in an array": Case(
        "{tc} render big.json",
        2,
        "big.json is not a JSON array of ledger records, nor JSON Lines: line 1, column 2 "
        "(after 0 records): a number of 4,400 digits, too long to read",
        files={"big.json": _with('"emergency": ' + "9" * 4400)},
    ),
    "a huge integer in JSON Lines": Case(
        "{tc} render big.jsonl",
        2,
        "a number of 4,400 digits, too long to read",
        files={"big.jsonl": _with('"emergency": ' + "9" * 4400)[1:-1] + b"\n"},
    ),
    # 3. A year 0.
    "year 0 with no period": Case(
        "{tc} render l.json",
        2,
        "$[0].received (id 'R1'): expected a YYYY-MM-DD date, got '0000-01-01'",
        files={"l.json": json.dumps([make_record("R1", received="0000-01-01")]).encode()},
    ),
    # 4. --jobs
    "--jobs past any int": Case(f"{{tc}} render l.json --jobs {'9' * 20} {PERIOD}", 0, files=L),
    "--jobs past Python's digits": Case(
        f"{{tc}} render l.json --jobs {'9' * 5000} {PERIOD}", 0, files=L
    ),
    "--jobs 1000": Case(f"{{tc}} render l.json --jobs 1000 {PERIOD}", 0, files=L),
    "--jobs 0": Case(
        "{tc} render l.json --jobs 0", 2, "expected a whole number of at least 1", files=L
    ),
    "--jobs in other digits": Case(
        "{tc} render l.json --jobs ²", 2, "expected a whole number of at least 1", files=L
    ),
    # 5. Standard output that cannot take the report.
    "stdout closed": Case(
        f"{{tc}} render l.json {PERIOD} >&-",
        2,
        "cannot write the report: standard output is closed",
        files=L,
    ),
    "stdout full": Case(
        f"{{tc}} render l.json {PERIOD} > /dev/full",
        2,
        "cannot write the report to standard output: No space left on device",
        files=L,
    ),
    "a broken pipe": Case(
        "{tc} render l.json --format explain " + PERIOD + " | true; exit ${{PIPESTATUS[0]}}",
        141,
        files=L,
    ),
    "stdout in latin-1": Case(
        f"PYTHONIOENCODING=latin-1 {{tc}} render l.json {PERIOD} --locale zh_Hans_CN",
        0,
        stdout="中国",
        files=L,
    ),
    # 7. Empty files, byte order marks, repeated keys.
    "an empty file": Case(
        "{tc} render empty.json",
        2,
        "empty.json holds no records: say which period with --period START/END, for a "
        "report of no requests",
        files={"empty.json": b""},
    ),
    "an empty file for a period": Case(
        f"{{tc}} render empty.json {PERIOD}", 0, stdout="2020", files={"empty.json": b""}
    ),
    "an empty array": Case(
        "{tc} render empty.json", 2, "empty.json holds no records", files={"empty.json": b"[]"}
    ),
    "a byte order mark, array": Case(
        f"{{tc}} render l.json {PERIOD}", 0, files={"l.json": b"\xef\xbb\xbf" + _reference()}
    ),
    "a byte order mark, lines": Case(
        f"{{tc}} render l.json {PERIOD}",
        0,
        files={"l.json": b"\xef\xbb\xbf" + _lines(reference_records())},
    ),
    "a byte order mark on stdin": Case(
        f"{{tc}} render - {PERIOD} < l.json", 0, files={"l.json": b"\xef\xbb\xbf" + _reference()}
    ),
    "a repeated key, array": Case(
        "{tc} render dup.json",
        2,
        "line 1, column 2 (after 0 records): the key 'country' appears twice in one object",
        files={"dup.json": _with('"country": "SE"')},
    ),
    "a repeated key, lines": Case(
        "{tc} render dup.jsonl",
        2,
        "line 2, column 1 (after 1 records): the key 'outcome' appears twice in one object",
        files={
            "dup.jsonl": _lines([make_record("R0")])
            + _lines([make_record("R1")]).replace(
                b'{"outcome"', b'{"outcome": "no_data", "outcome"'
            )
        },
    ),
    # 8. Many bad records: the first problems and a count of the rest.
    "20,000 empty records": Case(
        "{tc} render empties.jsonl",
        2,
        "  ... and 119,900 more problems\n",
        files={"empties.jsonl": b"{}\n" * 20_000},
    ),
    "--max-problems": Case(
        "{tc} render empties.jsonl --max-problems 2",
        2,
        "transparency-core: 60 problems in the ledger of 10 records\n"
        "  $[0].id: expected a value: the field is required, got nothing\n"
        "  $[0].received: expected a value: the field is required, got nothing\n"
        "  ... and 58 more problems\n",
        files={"empties.jsonl": b"{}\n" * 10},
    ),
    # 10. More.
    "a directory": Case("{tc} render .", 2, "cannot read .: Is a directory"),
    "no such file": Case("{tc} render nope.json", 2, "cannot read nope.json: No such file"),
    "a number": Case("{tc} render n.json", 2, "$[0]: expected an object", files={"n.json": b"3"}),
    "a string": Case("{tc} render s.json", 2, "$[0]: expected an object", files={"s.json": b'"A"'}),
    "a NUL byte in a file": Case(
        "{tc} render nul.json",
        2,
        "line 1, column 2 (after 0 records): a NUL character: binary data, not JSON text",
        files={"nul.json": b"[\0]"},
    ),
    "windows line ends": Case(
        f"{{tc}} render l.jsonl {PERIOD}",
        0,
        files={"l.jsonl": _lines(reference_records()).replace(b"\n", b"\r\n")},
    ),
    "a bad UTF-8 byte, lines": Case(
        "{tc} render bad.jsonl",
        2,
        "bad.jsonl is not UTF-8 text: invalid start byte at byte 100000",
        files={"bad.jsonl": _lines(reference_records())[:100_000] + b"\xff\n"},
    ),
    "a bad UTF-8 byte, array": Case(
        "{tc} render bad.json",
        2,
        "bad.json is not UTF-8 text: invalid start byte at byte 100000",
        files={"bad.json": _reference()[:100_000] + b"\xff"},
    ),
    "a long line": Case(
        "{tc} render long.jsonl",
        2,
        "$[0] (id 'R1'): expected only the fields id",
        files={"long.jsonl": _with('"x": "' + "x" * 5_000_000 + '"')[1:-1] + b"\n"},
    ),
    "deep nesting": Case(
        "{tc} render deep.json",
        2,
        "the record is nested too deeply to read",
        files={"deep.json": b"[" * 100_000 + b"]" * 100_000},
    ),
    "--period garbage": Case(
        "{tc} render l.json --period garbage", 2, "--period: expected a year (2020)", files=L
    ),
    "--locale garbage": Case(
        "{tc} render l.json --locale garbage", 2, "--locale: expected a locale", files=L
    ),
    "--locale huge": Case(
        f"{{tc}} render l.json --locale {'x' * 10_000}", 2, "--locale: expected", files=L
    ),
    "--company not UTF-8": Case(
        f"{{tc}} render l.json {PERIOD} --company $'\\xff'",
        2,
        "--company: expected text (valid Unicode: the command line's bytes are not UTF-8), "
        "got '\\udcff'",
        files=L,
    ),
    "--country not UTF-8": Case(
        f"{{tc}} render l.json {PERIOD} --country $'HK=\\xff'",
        2,
        "--country: expected text",
        files=L,
    ),
    "a file name not UTF-8": Case(
        f"cp l.json $'\\xff.json' && {{tc}} render $'\\xff.json' {PERIOD}", 0, files=L
    ),
    "a lone surrogate in a record": Case(
        "{tc} render s.json --format json",
        2,
        "$[0].id (id 'A-\\ud800'): expected text (valid Unicode, no lone surrogates), got "
        "'A-\\ud800'",
        files={"s.json": json.dumps([make_record("A-\ud800")]).encode()},
    ),
    "a lone surrogate in an identifier, explain": Case(
        "{tc} render s.json --format explain",
        2,
        "expected text (valid Unicode, no lone surrogates)",
        files={
            "s.json": json.dumps(
                [make_record("A", identifiers=[{"type": "imei", "value": "\udfff"}])]
            ).encode()
        },
    ),
}


@pytest.fixture(scope="module")
def reference_report(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    """The text report of the reference ledger, read from a regular file."""
    folder = tmp_path_factory.mktemp("reference")
    (folder / "l.json").write_bytes(_reference())
    return run(f"{{tc}} render l.json {PERIOD}", folder).stdout


def run(command: str, folder: Path) -> subprocess.CompletedProcess[bytes]:
    """Run ``command`` in bash, in ``folder``; bounded in time."""
    return subprocess.run(  # noqa: S602 -- the test's own commands, in bash for pipes
        command.format(tc=TC, dir=folder),
        shell=True,
        executable="/bin/bash",
        cwd=folder,
        capture_output=True,
        timeout=120,
        check=False,
    )


class TestNeverATraceback:
    """Every input ends in a report (exit 0) or a clear error, stdout empty."""

    @pytest.mark.parametrize("case", CASES.values(), ids=CASES.keys())
    def test_a_report_or_a_clear_error(
        self, tmp_path: Path, case: Case, reference_report: bytes
    ) -> None:
        for name, data in case.files.items():
            (tmp_path / name).write_bytes(data)
        if case.setup is not None:
            case.setup(tmp_path)

        done = run(case.command, tmp_path)
        stderr = done.stderr.decode("utf-8", "backslashreplace")

        assert "Traceback" not in stderr
        assert done.returncode == case.code, stderr
        if case.code == 0:  # a report: stderr holds the team's warnings, nothing else
            assert all(line.startswith(WARNING) for line in stderr.splitlines()), stderr
            if case.stdout is None:
                assert done.stdout == reference_report
            else:
                assert case.stdout in done.stdout.decode("utf-8")
        else:
            assert done.stdout == b""
            assert case.stderr in stderr
            assert len(stderr) < 20_000


WARNING = "transparency-core: warning: "
"""How each line the command writes to stderr beside a report begins."""


def _children(pid: int) -> set[int]:
    """The processes ``pid`` started, from /proc."""
    try:
        text = Path(f"/proc/{pid}/task/{pid}/children").read_text()
    except OSError:
        return set()
    return {int(child) for child in text.split()}


def _running(pid: int) -> bool:
    """Whether ``pid`` is a process still running (not gone, not a zombie)."""
    try:
        status = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return status.rpartition(")")[2].split()[0] != "Z"


def _wait_for(condition: Callable[[], bool], seconds: float = 60) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.02)
    return False


@pytest.fixture(scope="module")
def large_ledger(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A made-up ledger of 20,000 records (about 10 MB), as JSON Lines."""
    path = tmp_path_factory.mktemp("large") / "ledger.jsonl"
    subprocess.run(
        [sys.executable, str(BENCHMARKS / "make_ledger.py"), "20000", str(path)],
        check=True,
        timeout=120,
    )
    return path


def _start(arguments: list[str], temp: Path, **options: Any) -> subprocess.Popen[bytes]:
    """Start the command line with its own TMPDIR, and SIGINT not ignored (as in a shell)."""
    return subprocess.Popen(
        [sys.executable, "-m", "transparency_core", *arguments],
        env={**os.environ, "TMPDIR": str(temp)},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        # A test run in the background inherits SIGINT ignored; a user's shell does not.
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),  # noqa: PLW1509
        **options,
    )


SIGNALS = {"SIGINT": (signal.SIGINT, 130), "SIGTERM": (signal.SIGTERM, 143)}


class TestSignals:
    """Ctrl-C or SIGTERM: exit 130 or 143, no traceback, no temporary file, no worker."""

    @pytest.mark.parametrize("name", SIGNALS)
    def test_while_counting_in_processes(
        self, tmp_path: Path, large_ledger: Path, name: str
    ) -> None:
        number, code = SIGNALS[name]
        temp = tmp_path / "temp"
        temp.mkdir()
        process = _start(["render", str(large_ledger), "--jobs", "2", *PERIOD.split()], temp)
        workers: set[int] = set()

        def busy() -> bool:
            workers.update(_children(process.pid))
            return (bool(workers) and any(temp.rglob("*.*"))) or process.poll() is not None

        assert _wait_for(busy)
        assert process.poll() is None, "the render ended before the signal"
        process.send_signal(number)
        out, err = process.communicate(timeout=60)

        assert (process.returncode, out) == (code, b"")
        assert "Traceback" not in err.decode()
        assert (
            err.decode() == f"transparency-core: {'interrupted' if code == 130 else 'terminated'}\n"
        )
        assert list(temp.iterdir()) == []
        assert _wait_for(lambda: not any(_running(worker) for worker in workers), 10)

    @pytest.mark.parametrize("name", SIGNALS)
    def test_while_copying_stdin(self, tmp_path: Path, large_ledger: Path, name: str) -> None:
        number, code = SIGNALS[name]
        temp = tmp_path / "temp"
        temp.mkdir()
        process = _start(["render", "-"], temp, stdin=subprocess.PIPE)
        assert process.stdin is not None
        process.stdin.write(large_ledger.read_bytes()[:100_000])
        process.stdin.flush()

        assert _wait_for(lambda: any(temp.rglob("stdin")))
        process.send_signal(number)
        out, err = process.communicate(timeout=60)

        assert (process.returncode, out) == (code, b"")
        assert "Traceback" not in err.decode()
        assert list(temp.iterdir()) == []
