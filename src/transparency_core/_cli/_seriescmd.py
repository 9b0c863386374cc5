"""The ``series`` command: a ledger counted for every period of a calendar, rendered.

It reads its settings as ``render`` does (``--config``, then the line over it): what is
counted, how it is published, the locale, the outputs (``--format``, ``-o``, or the
definition's ``[[output]]`` tables), each of which must be able to write a series.
``--every`` is the definition's ``[series] every`` unless given, half-years by default;
``--from`` and ``--to`` the first and last days of the definition's ``period``, if it
names one, else of the ledger's requests.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from transparency_core._calendar import Every
from transparency_core._checks import parse_iso_date
from transparency_core._cli._checked import refuse_unused
from transparency_core._cli._filecount import default_jobs
from transparency_core._cli._files import read_theme
from transparency_core._cli._ledger import count_ledger_series
from transparency_core._cli._options import BadInputError, say, shown
from transparency_core._cli._outputs import needs_ids, plan, series_shown
from transparency_core._cli._settings import settings
from transparency_core._render import visible
from transparency_core._series import Series, every_period
from transparency_core.exceptions import TransparencyError

if TYPE_CHECKING:
    import argparse
    from collections.abc import Mapping
    from datetime import date
    from pathlib import Path

    from transparency_core._period import ReportingPeriod
    from transparency_core._render import Renderers
    from transparency_core._report import Report

__all__ = ["series"]


def _day(flag: str, text: str | None) -> date | None:
    """The date of ``--from`` or ``--to``, if given."""
    if text is None:
        return None
    try:
        return parse_iso_date(text)
    except ValueError:
        msg = f"{flag}: expected a date, YYYY-MM-DD, such as 2020-01-01, got {shown(text)}"
        raise BadInputError(msg) from None


MOST_PERIODS = 1000
"""The most periods a series spans by itself: more are a mistyped date, not a report."""


def _check_length(labels: list[str], counted: Mapping[str, object], *, bounded: bool) -> None:
    """Refuse a series of more than :data:`MOST_PERIODS` the ledger's dates alone make.

    A series mostly of periods without a request is said on stderr: one mistyped year
    (``0202`` for ``2020``) makes thousands of them.
    """
    empty = len(labels) - len(counted)
    span = f"{labels[0]} to {labels[-1]}"
    if not bounded and len(labels) > MOST_PERIODS:
        msg = (
            f"the ledger's dates span {len(labels):,} periods ({span}), of which {empty:,} "
            f"hold no request: a mistyped date? Say which periods with --from and --to"
        )
        raise BadInputError(msg)
    if counted and empty > len(counted):
        first = next(label for label in labels if label in counted)
        say(
            f"warning: {empty:,} of {len(labels):,} periods ({span}) hold no request; "
            f"the first that holds one is {first}: a mistyped date? --from and --to bound it"
        )


def _span(
    arguments: argparse.Namespace, period: ReportingPeriod | None
) -> tuple[date | None, date | None]:
    """``--from`` and ``--to``, checked; by default the definition's ``period``, if any."""
    start, end = _day("--from", arguments.start), _day("--to", arguments.end)
    if period is not None:
        start = period.start if start is None else start
        end = period.end if end is None else end
    if start is not None and end is not None and end < start:
        msg = (
            f"--to: expected a date on or after --from, {start.isoformat()}, got {arguments.end!r}"
        )
        raise BadInputError(msg)
    return start, end


def series(
    arguments: argparse.Namespace, renderers: Renderers
) -> tuple[list[tuple[Path | None, str]], tuple[Report, ...]]:
    """Each output's file (``None``: stdout) and its text; the reports, to warn about."""
    chosen = settings(arguments)
    definition = chosen.definition
    planned = plan(
        definition, arguments, renderers, read_theme(definition, chosen.base), chosen.base
    )
    refuse_unused(arguments, [(output.name, renderers.factory(output.name)) for output in planned])
    for output in planned:
        if getattr(output.renderer, "series", None) is None:
            where = output.where if output.where == "--format" else f"{output.where}.format:"
            msg = f"{where} {output.name} cannot write a series"
            why = getattr(output.renderer, "no_series", "")
            raise BadInputError(f"{msg}: {why}" if why else msg)
    every = Every(arguments.every or definition.every.value)
    start, end = span = _span(arguments, definition.period)
    ledger = chosen.ledger(arguments)
    provenance = needs_ids(planned)
    counted, digest = count_ledger_series(
        ledger,
        every,
        span,
        provenance=provenance,
        jobs=min(arguments.jobs, default_jobs()),
        max_problems=arguments.max_problems,
        counting=chosen.counting_for(planned),
        columns=dict(definition.columns),
        digest=any(output.name == "json" for output in planned),  # it names its ledger
    )
    options = chosen.counting_for(planned).series_options(provenance=provenance)
    periods = every_period(counted, every, start=start, end=end, options=options)
    if not periods:
        name = "stdin" if str(ledger) == "-" else visible(str(ledger))
        msg = f"{name} holds no records: say which periods with --from and --to"
        raise BadInputError(msg)
    _check_length([label for label, _ in periods], counted, bounded=start is not None)
    made = Series.of(
        every,
        periods,
        rounding=definition.rounding,
        disclosure=definition.disclosure,
        company=definition.company,
        totals=definition.totals if arguments.totals is None else arguments.totals,
        ledger_digest=digest,
    )
    rendered = []
    for output in planned:
        try:
            shown = series_shown(output, made, columns=definition.response_times)
            rendered.append((output.path, str(output.renderer.series(shown))))  # type: ignore[attr-defined]
        except TransparencyError as error:
            msg = f"{output.where} ({output.name}): {error}"
            raise BadInputError(msg) from None
    return rendered, made.reports
