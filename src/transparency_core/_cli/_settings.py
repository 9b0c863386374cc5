"""The settings of a command: the report definition (``--config``), the line over it.

What the line gives (``--period``, ``--released``, ``--company``, ``--locale``,
``--country``, the ledger) replaces what the definition says; the definition's paths
(its ledger, its theme's files, its outputs) are relative to its own file.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import attrs

from transparency_core._cli._checked import line_names
from transparency_core._cli._counting import Counting
from transparency_core._cli._files import read_definition
from transparency_core._cli._options import BadInputError
from transparency_core._cli._outputs import needs_times
from transparency_core._definition import ReportDefinition
from transparency_core._period import ReportingPeriod, parse_release
from transparency_core._subjects import SubjectCounting
from transparency_core.exceptions import FieldError

if TYPE_CHECKING:
    import argparse

    from transparency_core._cli._outputs import Planned

__all__ = ["Settings", "settings"]


@attrs.frozen
class Settings:
    """A command's definition, the line applied, and the folder its paths are in."""

    definition: ReportDefinition
    base: Path
    """The folder of the definition's file: its paths are relative to it."""

    @property
    def counting(self) -> Counting:
        """What the ledger is counted by."""
        definition = self.definition
        return Counting(
            registry=definition.registry,
            categories=definition.categories,
            legal_processes=definition.legal_processes,
            breakdowns=definition.breakdowns,
            actions_in_totals=definition.actions_in_totals,
            subjects=definition.subjects,
            response_times=definition.response_times,
        )

    def counting_for(self, planned: list[Planned]) -> Counting:
        """What the ledger is counted by, for the outputs planned (response times, if shown)."""
        counting = self.counting
        if needs_times(planned) and not counting.response_times:
            return attrs.evolve(counting, response_times=True)
        return counting

    def ledger(self, arguments: argparse.Namespace) -> Path:
        """The ledger file: the line's, or the definition's (relative to its file)."""
        given: Path | None = getattr(arguments, "ledger", None)
        if given is not None:
            return given
        if self.definition.ledger is None:
            msg = 'no ledger: give a LEDGER file, or ledger = "FILE" in the --config definition'
            raise BadInputError(msg)
        return self.base / self.definition.ledger


def _period(definition: ReportDefinition, arguments: argparse.Namespace) -> ReportDefinition:
    """The definition with ``--period`` and ``--released`` over its own."""
    text, released_text = getattr(arguments, "period", None), getattr(arguments, "released", None)
    released = definition.released
    if released_text is not None:
        try:
            released = parse_release(released_text)
        except FieldError as error:
            msg = f"--released: expected {error.expected}, got {released_text!r}"
            raise BadInputError(msg) from None
    period = definition.period
    if text is not None:
        try:
            period = ReportingPeriod.parse(text)
        except FieldError as error:
            msg = f"--period: expected {error.expected}, got {text!r}"
            raise BadInputError(msg) from None
    if period is not None:
        try:
            period = ReportingPeriod(period.start, period.end, released)
        except FieldError as error:
            msg = f"--released: expected {error.expected}, got {released!s}"
            raise BadInputError(msg) from None
    return attrs.evolve(definition, period=period, released=released)


def settings(arguments: argparse.Namespace) -> Settings:
    """The definition of ``--config`` (or the defaults), with the line applied."""
    config: Path | None = getattr(arguments, "config", None)
    definition = ReportDefinition() if config is None else read_definition(config)
    base = Path() if config is None else config.parent
    definition = _period(definition, arguments)
    company = getattr(arguments, "company", None)
    locale, countries = line_names(arguments)
    subjects, actions = (
        getattr(arguments, "subjects", None),
        getattr(arguments, "actions_in_totals", None),
    )
    times = getattr(arguments, "response_times", None)
    definition = attrs.evolve(
        definition,
        response_times=definition.response_times if times is None else times,
        subjects=definition.subjects if subjects is None else SubjectCounting(subjects),
        actions_in_totals=definition.actions_in_totals if actions is None else actions,
        company=company or definition.company,
        locale=locale or definition.locale,
        countries=tuple(sorted({**dict(definition.countries), **countries}.items())),
    )
    return Settings(definition, base)
