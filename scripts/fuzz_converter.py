"""Fuzz the ledger edge with atheris, coverage-guided, for a bounded time.

    uv run --group fuzz python scripts/fuzz_converter.py -max_total_time=60

Each input is decoded as JSON (anything that is not JSON is skipped: the edge takes
parsed records) and handed to ``structure_ledger`` and ``tally_ledger``, and as text to
``iter_json_records``. The edge must return requests or raise the library's own errors;
any other exception is a finding, and atheris stops and prints the input.
"""

from __future__ import annotations

import contextlib
import json
import sys

import atheris

with atheris.instrument_imports():
    from transparency_core import iter_json_records, structure_ledger, tally_ledger
    from transparency_core.exceptions import TransparencyError


def one_input(data: bytes) -> None:
    """Feed one input to the edge; only the library's own errors may come out."""
    text = data.decode("utf-8", errors="replace")
    try:
        records = list(iter_json_records([text[: len(text) // 2], text[len(text) // 2 :]]))
    except TransparencyError:
        return
    if not records:
        try:
            records = [json.loads(text)]
        except (ValueError, RecursionError):
            return
    with contextlib.suppress(TransparencyError):
        structure_ledger(records)
    with contextlib.suppress(TransparencyError):
        tally_ledger(iter(records))


def main() -> None:
    """Run atheris with the command line's libFuzzer flags."""
    atheris.Setup(sys.argv, one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
