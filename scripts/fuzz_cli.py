"""Fuzz the command line's reading path with atheris: any bytes, as a ledger file.

    uv run --group fuzz python scripts/fuzz_cli.py -max_total_time=120

Each input is written to a temporary file and counted as ``transparency-core render``
counts a file (:func:`~transparency_core._cli.count_file`), in parts of 1 KiB and
pieces of at least 2 KiB, so that inputs of a few KB cross the part, piece and chunk
boundaries (the fuzzer is given inputs up to 16 KB unless told ``-max_len``). The pieces
are split in this process, one after another, so that atheris sees the coverage. Only the
errors the command line turns into messages may come out; any other exception is a
finding, and atheris stops and prints the input.

Without atheris (the optional "fuzz" group), the module still imports, and
:func:`one_input` is what ``tests/test_fuzz.py`` runs on a few inputs.
"""

from __future__ import annotations

import contextlib
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any
from unittest import mock

try:
    import atheris
except ImportError:  # without the "fuzz" group: one_input runs, the fuzzer does not
    atheris = None

_instrumented = atheris.instrument_imports() if atheris else contextlib.nullcontext()
with _instrumented:
    from transparency_core._cli import (
        LedgerFile,
        NoPeriodError,
        NotJsonError,
        NotUtf8Error,
        _filecount,
        count_file,
    )
    from transparency_core._period import ReportingPeriod
    from transparency_core.exceptions import TransparencyError

if TYPE_CHECKING:
    from collections.abc import Iterator

EXPECTED = (TransparencyError, NotUtf8Error, NotJsonError, NoPeriodError)
"""What the command line turns into a message: anything else is a finding."""
PERIOD = ReportingPeriod.calendar_year(2020)


@contextlib.contextmanager
def _in_this_process() -> Iterator[None]:
    """Split and count the pieces and parts here, one after another, not in a pool."""
    with mock.patch.object(_filecount, "worker_pool", return_value=None):
        yield


def one_input(data: bytes) -> None:
    """Count ``data`` as a ledger file, with and without a period: only expected errors."""
    with tempfile.TemporaryDirectory(prefix="fuzz-cli-") as folder:
        path = Path(folder) / "ledger.json"
        path.write_bytes(data)
        for number, period in enumerate((PERIOD, None)):
            parts = Path(folder) / f"parts-{number}"
            parts.mkdir()
            ledger = LedgerFile(path, len(data), parts, part_bytes=1024, range_bytes=2048)
            with _in_this_process(), contextlib.suppress(*EXPECTED):
                count_file(ledger, period=period, provenance=True, jobs=3, max_problems=5)


def main() -> None:
    """Run atheris with the command line's libFuzzer flags (inputs up to 16 KB)."""
    if atheris is None:
        sys.exit("atheris is not installed: uv run --group fuzz python scripts/fuzz_cli.py")
    arguments: list[Any] = list(sys.argv)
    if not any(argument.startswith("-max_len=") for argument in arguments):
        arguments.append("-max_len=16384")
    atheris.Setup(arguments, one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
