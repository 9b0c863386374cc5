"""Run one contender on a ledger in this process and print what it measured, as JSON.

``python benchmarks/measure.py NAME LEDGER`` runs ``loop``, ``pandas``, ``duckdb``,
``counting-loop``, ``counting-engine``, ``counting-subtotals`` or ``counting-floor`` and
prints its seconds, its figures and the number of requests. The runner (``run.py``)
starts each in a process of its own, so that each has a fresh interpreter and its peak
memory is its own.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

import common

if TYPE_CHECKING:
    from collections.abc import Callable

REPEATS = 3
"""How many times the counting contenders count; the least time is reported."""


def _peer(name: str, path: Path) -> dict[str, object]:
    if name == "loop":
        import peer_loop  # noqa: PLC0415 -- each contender imports only what it uses

        return peer_loop.run(path)
    if name == "pandas":
        import peer_pandas  # noqa: PLC0415

        return peer_pandas.run(path)
    import peer_duckdb  # noqa: PLC0415

    return peer_duckdb.run(path)


def _counting(name: str, path: Path) -> tuple[float, dict[str, object]]:
    """Target 1: count prebuilt records into the four tables; time the counting only.

    Each counts the records in memory ``REPEATS`` times, and the least time is reported
    (as :mod:`timeit` does): the same work each time, so the least is the least disturbed.

    ``counting-engine`` counts value objects with ``build_report`` (every figure with its
    request ids), ``counting-subtotals`` with ``Subtotals`` without provenance (the
    figures only, as the loop); ``counting-loop`` is the minimal hand-written loop over
    the same records as plain dicts; ``counting-floor`` the least that counting value
    objects with every id costs (``floor_counting.py``).
    """
    import transparency_core as tc  # noqa: PLC0415

    with path.open("rb") as lines:
        records = [json.loads(line) for line in lines if line.strip()]
    if name in {"counting-engine", "counting-subtotals", "counting-floor"}:
        # Only the value objects stay in memory, as only the dicts do for the loop.
        requests = tc.structure_ledger(records)
        del records
        period = tc.ReportingPeriod.calendar_year(2020)
        if name == "counting-floor":
            import floor_counting  # noqa: PLC0415

            return _best(lambda: floor_counting.count(requests, period))

        def counted() -> dict[str, object]:  # repeats merged, as the loop does, and counted
            if name == "counting-engine":
                report = tc.build_report(requests, period)
            else:
                report = tc.Subtotals.of(requests, period, provenance=False).report()
            return common.engine_figures(report)

        return _best(counted)
    import peer_loop  # noqa: PLC0415

    return _best(lambda: peer_loop.count(records))


def _best(count: Callable[[], dict[str, object]]) -> tuple[float, dict[str, object]]:
    """The least of ``REPEATS`` timings of ``count``, and what it counted."""
    timings = []
    for _ in range(REPEATS):
        start = time.perf_counter()
        figures = count()
        timings.append(time.perf_counter() - start)
    return min(timings), figures


def main() -> int:
    """Measure ``NAME`` on ``LEDGER``; print seconds and figures as JSON."""
    name, path = sys.argv[1], Path(sys.argv[2])
    if name.startswith("counting-"):
        seconds, figures = _counting(name, path)
    else:
        start = time.perf_counter()
        figures = _peer(name, path)
        seconds = time.perf_counter() - start
    print(json.dumps({"seconds": seconds, "figures": figures}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
