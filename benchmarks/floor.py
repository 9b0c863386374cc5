"""The floor of reading a ledger strictly in pure Python: what each record costs at least.

    uv run python benchmarks/floor.py                 # 10,000 records, 7 runs each

On the records of the generated ledger (read with ``json.loads`` before the clock
starts), the CPU time of: the runner's minimal counting loop; a loop that only reads
every field of every record; the same loop calling the library's own checks
(``text`` for the type, ``blank`` for the emptiness) once per text, as the reader must;
building one frozen attrs object of a request's 14 fields per record; and the library
path itself, ``structure_ledger`` and ``build_report``. Median milliseconds of 7 runs,
each step timed in turn so that a disturbance spreads over all of them.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path
from typing import Any

import attrs

import transparency_core as tc
from transparency_core._checks import blank
from transparency_core._edge._values import text

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE))

import peer_loop  # noqa: E402 -- next to this script
from library import _records  # noqa: E402


def read_fields(records: list[dict[str, Any]]) -> int:
    """Read every field of every record, with the type tests inline: no call at all."""
    seen = 0
    for record in records:
        for item in record["identifiers"]:
            if type(item["type"]) is str and type(item["value"]) is str:
                seen += item.get("subject") is None
        response = record["response"]
        seen += type(record["id"]) is str and type(response.get("outcome")) is str
        seen += record.get("legal_process") is None and record.get("data_country") is None
    return seen


def call_checks(records: list[dict[str, Any]]) -> int:
    """As :func:`read_fields`, calling ``text`` and ``blank`` on every text."""
    seen = 0
    for record in records:
        for item in record["identifiers"]:
            for value in (item["type"], item["value"], item.get("subject")):
                if value is not None:
                    seen += blank(text(value))
        for name in ("id", "country", "category"):
            seen += blank(text(record[name]))
        seen += record.get("legal_process") is None and record.get("data_country") is None
    return seen


@attrs.frozen(kw_only=True)
class _Fourteen:
    """A frozen attrs object of a request's 14 fields, without checks."""

    id: str
    received: object
    country: str
    category: str
    identifiers: object
    response: object
    legal_process: object = None
    data_country: object = None
    emergency: bool = False
    amends: object = None
    acknowledged: object = None
    responded: object = None
    dsa_order: object = None
    illegal_content: object = None


def build_objects(records: list[dict[str, Any]]) -> list[_Fourteen]:
    """One frozen attrs object a record, of values read as they are."""
    return [
        _Fourteen(
            id=record["id"],
            received=record["received"],
            country=record["country"],
            category=record["category"],
            identifiers=record["identifiers"],
            response=record["response"],
            legal_process=record.get("legal_process"),
        )
        for record in records
    ]


def main() -> int:
    """Time each step; print a table."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--records", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=7)
    arguments = parser.parse_args()
    records: list[Any] = _records(arguments.records)
    period = tc.ReportingPeriod.calendar_year(2020)
    requests = tc.structure_ledger(records)
    steps = {
        "the minimal counting loop (peer_loop.count)": lambda: peer_loop.count(records),
        "read every field, no call": lambda: read_fields(records),
        "... calling text and blank on every text": lambda: call_checks(records),
        "a frozen attrs object of 14 fields a record": lambda: build_objects(records),
        "structure_ledger": lambda: tc.structure_ledger(records),
        "build_report (prebuilt requests)": lambda: tc.build_report(requests, period),
        "structure_ledger then build_report": lambda: tc.build_report(
            tc.structure_ledger(records), period
        ),
    }
    timings: dict[str, list[float]] = {name: [] for name in steps}
    for _ in range(arguments.runs):
        for name, step in steps.items():
            start = time.process_time()
            step()
            timings[name].append((time.process_time() - start) * 1000)
    print(f"{len(records):,} records, CPU ms, median of {arguments.runs}")
    print()
    print("| step | ms | µs a record |")
    print("|---|---:|---:|")
    for name, values in timings.items():
        median = statistics.median(values)
        print(f"| {name} | {median:.1f} | {median * 1000 / len(records):.1f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
