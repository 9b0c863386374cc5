"""Target 5: the library path a service uses, ``structure_ledger`` then ``build_report``.

    uv run python benchmarks/library.py                     # 10,000 records, 7 runs
    uv run python benchmarks/library.py --records 10000 --runs 7 --json

The records are read from the generated ledger (``make_ledger.py``) with ``json.loads``
before the clock starts, as a service would hand them over; each run structures them and
builds the report of their year, with the cyclic collector left as it is. Printed: the
CPU time (of this process: user and system) and the wall time of each run, in ms, and
their medians. To compare two checkouts, run this script with ``PYTHONPATH`` set to the
other checkout's ``src``, alternately (``PYTHONPATH`` comes before the environment's
own install).
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

import transparency_core as tc

HERE = Path(__file__).parent


def _records(count: int) -> list[object]:
    path = HERE / ".data" / f"ledger-{count}.jsonl"
    if not path.exists():
        sys.exit(f"{path} is missing: run benchmarks/run.py --records {count} once")
    with path.open("rb") as lines:
        return [json.loads(line) for line in lines if line.strip()]


def main() -> int:
    """Time the library path; print the timings."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--records", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--json", action="store_true", help="print JSON, for a script")
    arguments = parser.parse_args()
    records = _records(arguments.records)
    period = tc.ReportingPeriod.calendar_year(2020)
    cpu: list[float] = []
    wall: list[float] = []
    for _ in range(arguments.runs):
        start_cpu, start_wall = time.process_time(), time.perf_counter()
        report = tc.build_report(tc.structure_ledger(records), period)
        cpu.append((time.process_time() - start_cpu) * 1000)
        wall.append((time.perf_counter() - start_wall) * 1000)
        del report
    result = {
        "package": str(Path(tc.__file__).parent),
        "cpu_ms": [round(ms, 1) for ms in cpu],
        "wall_ms": [round(ms, 1) for ms in wall],
        "cpu_median_ms": round(statistics.median(cpu), 1),
        "wall_median_ms": round(statistics.median(wall), 1),
    }
    if arguments.json:
        print(json.dumps(result))
    else:
        for key, value in result.items():
            print(f"{key}: {value}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
