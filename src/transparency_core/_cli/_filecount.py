"""The out-of-core counter: a ledger file counted in parts, on every core, in flat memory.

Part of the command line's edge (it reads the ledger, writes temporary files). Two steps:

1. **Split** (``_split``): each record is written, with its place in the ledger, to the
   temporary file of its part, chosen by its id.
2. **Count.** Each part is read back, checked strictly by the edge's
   :class:`~transparency_core._edge.Reader`, tallied and counted into
   :class:`~transparency_core.Subtotals`; the parts are counted in a pool of processes,
   and their subtotals add up to the report.

With the ``fast`` extra (orjson) installed, JSON Lines are parsed by orjson, exactly as
the JSON Lines reader would parse them (see :func:`~transparency_core._edge.quick_line`).
Numbers past 64 bits are the one difference (orjson makes them floats): no good record
has a number, so a part with any bad record and a run of 19 digits (the least such a
number has) is read again as the JSON Lines reader reads it, and every problem is
reported with the values :mod:`json` reads.

A part holds about :data:`PART_BYTES` of the ledger, so memory depends on that, not on
the ledger's length (with provenance, the figures' request ids still grow with it).
Problems of every part are reported together, in ledger order, as ``tally_ledger`` does.
"""

from __future__ import annotations

import functools
import itertools
import marshal
import os
from datetime import date
from typing import TYPE_CHECKING, Any

import attrs

from transparency_core._calendar import Every
from transparency_core._cli._counting import COUNT_AS_SHIPPED, Counting
from transparency_core._cli._digestparts import digested
from transparency_core._cli._pool import map_jobs, stop_workers, worker_pool
from transparency_core._cli._quiet import may_hold_long_number, no_cycle_collection
from transparency_core._cli._split import (
    AMENDS,
    LINE,
    RECORD,
    LedgerFile,
    NotUtf8Error,
    Piece,
    first_byte,
    split_array,
    split_lines,
)
from transparency_core._edge import (
    MAX_PROBLEMS,
    Reader,
    line_reader,
    make_converter,
    raise_problems,
)
from transparency_core._period import ReportingPeriod
from transparency_core._series import count_series
from transparency_core._subtotals import Subtotals
from transparency_core._tally import Tally
from transparency_core.exceptions import ConflictingRepeatError, FieldError, JsonLedgerError

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator
    from concurrent.futures import Executor

    import cattrs


__all__ = ["Counted", "NoPeriodError", "count_file", "count_parts", "default_jobs"]


def default_jobs() -> int:
    """The processes to count with: one per core this process may run on."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return os.cpu_count() or 1  # pragma: no cover -- not on Linux


@attrs.frozen
class _PartJob:
    """What a process needs to count one part."""

    ledger: LedgerFile
    part: int
    starts: tuple[int, ...]
    """Where each piece's records start in the ledger."""
    period: ReportingPeriod | None
    """The period to count for; ``None`` to check the records only."""
    provenance: bool
    max_problems: int | None = MAX_PROBLEMS
    """How many problems the part keeps; the rest are counted."""
    counting: Counting = COUNT_AS_SHIPPED
    every: Every | None = None
    """For a series: the calendar to count every period of, instead of ``period``."""
    span: tuple[date | None, date | None] = (None, None)
    """For a series: a day of its first period and of its last, if given."""


@attrs.frozen
class _Counted:
    """What counting one part found."""

    errors: list[tuple[int, FieldError]]
    conflicts: tuple[ConflictingRepeatError, ...]
    subtotals: Subtotals | None
    omitted: int = 0
    """How many more errors the part found than ``errors`` holds."""
    series: dict[str, Subtotals] | None = None
    """For a series: the subtotals of each period the part has a request of."""


def _items(job: _PartJob) -> Iterator[tuple[Any, ...]]:
    """The records and amendments of a part, in ledger order, records placed in the whole."""
    for piece, start in enumerate(job.starts):
        path = job.ledger.part_file(job.part, piece)
        if not path.exists():
            continue
        data = memoryview(path.read_bytes())
        at = 0
        while at < len(data):
            size = int.from_bytes(data[at : at + 4], "little")
            # Our own bytes, written by _Writer to a directory of our own.
            kind, first, second = marshal.loads(data[at + 4 : at + 4 + size])  # noqa: S302
            at += 4 + size
            yield (kind, first, second) if kind == AMENDS else (kind, first + start, second)


@no_cycle_collection()
def _count_part(job: _PartJob) -> _Counted:
    """Check, tally and count one part."""
    loads, exact = line_reader(), line_reader(exact=True)
    reader, tally, amendments = _read_part(job, loads)
    lines = (line for kind, _, line in _items(job) if kind == LINE)
    if reader.errors and loads is not exact and may_hold_long_number(lines):
        # Problems are reported with the values json reads (a huge number, say).
        reader, tally, amendments = _read_part(job, exact)
    if reader.errors or tally.conflicts or (job.period is None and job.every is None):
        conflicts = sorted(tally.conflicts, key=lambda conflict: conflict.second)
        kept = len(conflicts) if job.max_problems is None else job.max_problems
        omitted = reader.omitted + max(0, len(conflicts) - kept)
        return _Counted(reader.errors, tuple(conflicts[:kept]), None, omitted)
    if job.every is not None:
        start, end = job.span
        options = job.counting.series_options(provenance=job.provenance)
        series = count_series(
            tally, job.every, start=start, end=end, options=options, amendments=amendments
        )
        return _Counted([], (), None, series=series)
    assert job.period is not None  # noqa: S101 -- checked above, for the type checker
    subtotals = job.counting.subtotals(
        tally, job.period, provenance=job.provenance, amendments=amendments
    )
    return _Counted([], (), subtotals)


def _read_part(
    job: _PartJob, loads: Callable[[bytes], object]
) -> tuple[Reader, Tally, list[tuple[str, str]]]:
    """Read, check and tally the records of a part, parsing its lines with ``loads``."""
    counting = job.counting
    reader = Reader.make(
        counting.registry, counting.legal_processes, _converter(), job.max_problems
    )
    amendments: list[tuple[str, str]] = []

    def records() -> Iterator[tuple[int, object]]:
        for kind, first, second in _items(job):
            if kind == RECORD:
                yield first, second
            elif kind == LINE:
                yield first, loads(second)
            else:
                amendments.append((first, second))

    pairs = digested(reader.read_positioned(records()), job.ledger, job.part)
    return reader, Tally.of_positioned(pairs), amendments


@functools.cache
def _converter() -> cattrs.Converter:
    """One converter a process, made the first time a part is counted."""
    return make_converter()


class NoPeriodError(Exception):
    """The records are good but span several calendar years (or none): say the period.

    ``years`` are the years of the records, ``records`` how many there are.
    """

    def __init__(self, years: frozenset[int] = frozenset(), records: int = 0) -> None:
        super().__init__(sorted(years), records)
        self.years, self.records = years, records

    def __reduce__(self) -> tuple[type[NoPeriodError], tuple[frozenset[int], int]]:
        """Pickle with both attributes."""
        return (type(self), (self.years, self.records))


def _piece_count(ledger: LedgerFile, jobs: int, *, array: bool) -> int:
    """How many pieces the ledger is split in: one process splits each."""
    return 1 if array else max(1, min(jobs, ledger.size // ledger.range_bytes))


def _split(ledger: LedgerFile, pool: Executor | None, jobs: int, *, array: bool) -> list[Piece]:
    """Split the ledger into its parts; raise the first problem with its text, if any."""
    if array:
        pieces = [split_array(ledger, 0)]
    else:
        count = _piece_count(ledger, jobs, array=array)
        bounds = [ledger.size * piece // count for piece in range(count + 1)]
        pieces = list(
            map_jobs(
                pool,
                _split_piece,
                [(ledger, piece, bounds[piece], bounds[piece + 1]) for piece in range(count)],
            )
        )
    lines = records = 0
    for piece in pieces:
        match piece.error:
            case JsonLedgerError() as error:
                raise JsonLedgerError(
                    records + error.record, lines + error.line, error.column, error.reason
                )
            case NotUtf8Error() as error:
                raise error
        lines += piece.lines
        records += piece.records
    return pieces


def _split_piece(job: tuple[LedgerFile, int, int, int]) -> Piece:
    return split_lines(*job)


def _keep_first(
    errors: list[tuple[int, FieldError]], counted: _Counted, max_problems: int | None
) -> int:
    """Add the errors of a part to ``errors``, keeping the first; return how many went."""
    errors.extend(counted.errors)
    if max_problems is None or len(errors) <= max_problems:
        return counted.omitted
    # Each part keeps its first problems: the first of all are among them.
    errors.sort(key=lambda pair: pair[0])
    dropped = len(errors) - max_problems
    del errors[max_problems:]
    return counted.omitted + dropped


@attrs.define
class _Gathered:
    """What the parts found, gathered: the first problems, and the subtotals added up."""

    limit: int | None
    """How many problems are kept; ``None``: all."""
    errors: list[tuple[int, FieldError]] = attrs.Factory(list)
    conflicts: list[ConflictingRepeatError] = attrs.Factory(list)
    omitted: int = 0
    total: Subtotals | None = None
    series: dict[str, Subtotals] = attrs.Factory(dict)
    """For a series: each period's subtotals, added up over the parts."""

    def add(self, counted: _Counted) -> None:
        """Add what one part found."""
        for label, subtotals in (counted.series or {}).items():
            had = self.series.get(label)
            self.series[label] = subtotals if had is None else had + subtotals
        self.omitted += _keep_first(self.errors, counted, self.limit)
        self.conflicts.extend(counted.conflicts)
        if self.limit is not None and len(self.conflicts) > self.limit:
            self.conflicts.sort(key=lambda conflict: conflict.second)
            self.omitted += len(self.conflicts) - self.limit
            del self.conflicts[self.limit :]
        if counted.subtotals is not None:
            total = self.total
            self.total = counted.subtotals if total is None else total + counted.subtotals

    def check(self, records: int) -> None:
        """Raise one error with every problem kept, in ledger order, if any was found."""
        self.errors.sort(key=lambda pair: pair[0])
        self.conflicts.sort(key=lambda conflict: conflict.second)
        raise_problems(
            (error for _, error in self.errors),
            self.conflicts,
            records,
            omitted=self.omitted,
            limit=self.limit,
        )


@attrs.frozen
class Counted:
    """What counting every part of a ledger file found, once its problems are raised."""

    records: int
    """How many records the file holds."""
    years: frozenset[int]
    """The years of their received dates."""
    period: ReportingPeriod | None
    """The period counted: the one given, or the records' one calendar year; or none."""
    total: Subtotals | None
    """The subtotals of every part added up (none for a series, or no record)."""
    series: dict[str, Subtotals]
    """For a series: each period's subtotals, added up over the parts."""


def count_parts(  # noqa: PLR0913 -- the file, and how to count it
    ledger: LedgerFile,
    *,
    period: ReportingPeriod | None,
    provenance: bool,
    jobs: int,
    max_problems: int | None = MAX_PROBLEMS,
    every: Every | None = None,
    span: tuple[date | None, date | None] = (None, None),
    counting: Counting = COUNT_AS_SHIPPED,
    released: date | None = None,
) -> Counted:
    """Split the ledger file and count its parts, with ``jobs`` processes.

    For a report of ``period``, or with none, of the records' calendar year when they
    all fall in one; for a series, of every period of ``every`` (``span`` as in
    :func:`~transparency_core._series.count_series`). No more processes are started than
    there are pieces or parts to work on. ``counting`` says what is counted; the records'
    year is released on ``released``.

    Raises:
        JsonLedgerError: When the file is not a JSON array of records, nor JSON Lines.
        NotUtf8Error: When the file is not UTF-8 text.
        InvalidLedgerError: With the first ``max_problems`` problems of the records, in
            ledger order, and the count of the rest.
    """
    array = first_byte(ledger) == b"["
    pool = worker_pool(min(jobs, max(ledger.parts, _piece_count(ledger, jobs, array=array))))
    gathered = _Gathered(max_problems)
    try:
        pieces = _split(ledger, pool, jobs, array=array)
        starts = tuple(itertools.accumulate((piece.records for piece in pieces), initial=0))
        years = frozenset().union(*(piece.years for piece in pieces))
        if period is None and every is None and len(years) == 1:
            period = ReportingPeriod.calendar_year(next(iter(years)), released=released)
        parts = [
            _PartJob(
                ledger, part, starts[:-1], period, provenance, max_problems, counting, every, span
            )
            for part in range(ledger.parts)
        ]
        for counted in map_jobs(pool, _count_part, parts):
            gathered.add(counted)
    except BaseException:
        if pool is not None:
            stop_workers(pool)
        raise
    finally:
        if pool is not None:
            pool.shutdown(cancel_futures=True)
    gathered.check(starts[-1])
    return Counted(starts[-1], years, period, gathered.total, gathered.series)


def count_file(  # noqa: PLR0913 -- options, all by keyword
    ledger: LedgerFile,
    *,
    period: ReportingPeriod | None,
    provenance: bool,
    jobs: int,
    max_problems: int | None = MAX_PROBLEMS,
    counting: Counting = COUNT_AS_SHIPPED,
    released: date | None = None,
) -> Subtotals:
    """Count the ledger file in parts, with ``jobs`` processes, into its subtotals.

    With no ``period``, the calendar year of the records is counted, when they all fall
    in one, released on ``released``. No more processes are started than there are
    pieces or parts to work on. ``counting`` says what is counted.

    Raises:
        JsonLedgerError: When the file is not a JSON array of records, nor JSON Lines.
        NotUtf8Error: When the file is not UTF-8 text.
        InvalidLedgerError: With the first ``max_problems`` problems of the records, in
            ledger order, and the count of the rest.
        NoPeriodError: When no period is given and the records span several years.
    """
    counted = count_parts(
        ledger,
        period=period,
        provenance=provenance,
        jobs=jobs,
        max_problems=max_problems,
        counting=counting,
        released=released,
    )
    if counted.period is None:
        raise NoPeriodError(counted.years, counted.records)
    if counted.total is None:  # no part had a record
        return counting.subtotals((), counted.period, provenance=provenance)
    return counted.total
