"""The floor of counting value objects with every id: what build_report cannot go below.

``count`` does with prebuilt requests what the minimal loop (``peer_loop.count``) does
with dicts, and keeps what build_report must keep with provenance: the ids behind every
figure and an entry (:class:`~transparency_core.LedgerEntry`) per request. It checks
nothing and knows the seed's four tables by heart: no spec, no predicate called, no
merge of repeats (the generated ledgers repeat a record exactly), no findings, no
publishing. ``python benchmarks/floor_counting.py LEDGER`` prints its CPU milliseconds
(median of 5), with entries and without, beside ``build_report``'s and the minimal
loop's (``peer_loop.count``, over the dicts, only they in memory, as in the runner):
with the cyclic collector on, held back, and on after ``gc.freeze()`` (the ledger's
objects frozen).
"""

from __future__ import annotations

import functools
import gc
import json
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path
from typing import TYPE_CHECKING

import peer_loop
from common import figures

import transparency_core as tc
from transparency_core import Disposition, LedgerEntry

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from transparency_core import ReportingPeriod, Request

_PROVIDED, _NON_CONTENT = tc.Outcome.PROVIDED, tc.DataKind.NON_CONTENT
_COUNTED, _OUT = Disposition.COUNTED, Disposition.OUT_OF_PERIOD


def count(
    requests: Sequence[Request], period: ReportingPeriod, *, entries: bool = True
) -> dict[str, object]:
    """Every figure of the four tables, with the ids behind each (and the entries)."""
    first_of: dict[str, Request] = {}
    for request in requests:  # a repeated id is one request
        first_of.setdefault(request.id, request)
    cells: defaultdict[tuple[str, str], tuple[list[str], list[int], list[str], list[str]]]
    cells = defaultdict(lambda: ([], [0], [], []))
    legal: defaultdict[tuple[str, str], list[str]] = defaultdict(list)
    kept: list[LedgerEntry] = []
    start, end = period.start, period.end
    for request_id, request in first_of.items():
        if not start <= request.received_on <= end:
            if entries:
                kept.append(LedgerEntry(request_id, 1, _OUT, "out of the period"))
            continue
        ids, subjects, non_content, content = cells[request.category, request.country]
        ids.append(request_id)
        subjects[0] += request.subject_count
        response = request.response
        if response.outcome is _PROVIDED:
            (non_content if response.data is _NON_CONTENT else content).append(request_id)
        if request.legal_process is not None:
            legal[request.country, request.legal_process].append(request_id)
        if entries:
            kept.append(LedgerEntry(request_id, 1, _COUNTED, "counted"))
    rows = [
        (category, country, len(ids), n, len(non) + len(con), len(non), len(con))
        for (category, country), (ids, (n,), non, con) in cells.items()
    ]
    return figures(rows, [(country, kind, len(ids)) for (country, kind), ids in legal.items()])


def _milliseconds(work: Callable[[], object], *, held: bool) -> float:
    """The median CPU milliseconds of 5 runs of ``work``, the collector held back or not."""
    timings = []
    for _ in range(5):
        if held:
            gc.disable()
        start = time.process_time()
        work()
        timings.append(time.process_time() - start)
        gc.enable()
    return statistics.median(timings) * 1000


def main() -> int:
    """Print the floor's CPU milliseconds on ``LEDGER``, and build_report's."""
    with Path(sys.argv[1]).open("rb") as lines:
        records = [json.loads(line) for line in lines if line.strip()]
    loop = _milliseconds(functools.partial(peer_loop.count, records), held=False)
    requests = tc.structure_ledger(records)
    del records  # only the value objects stay in memory, as only the dicts did for the loop
    period = tc.ReportingPeriod.calendar_year(2020)
    contenders: dict[str, Callable[[], object]] = {
        "floor, ids only": lambda: count(requests, period, entries=False),
        "floor, ids and an entry a request": lambda: count(requests, period),
        "build_report": lambda: tc.build_report(requests, period),
    }
    timings = {name: [_milliseconds(work, held=False)] for name, work in contenders.items()}
    for name, work in contenders.items():
        timings[name].append(_milliseconds(work, held=True))
    gc.freeze()  # what a service can do after loading its ledger (performance docs)
    print(f"the minimal loop over the dicts: {loop:.1f} ms")
    for name, work in contenders.items():
        on, held, frozen = *timings[name], _milliseconds(work, held=False)
        print(
            f"{name}: {on:.1f} ms ({on / loop:.2f}x the loop); collector held back"
            f" {held:.1f} ms; after gc.freeze() {frozen:.1f} ms"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
