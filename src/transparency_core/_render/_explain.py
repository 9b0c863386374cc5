"""The explain view: every figure with the requests behind it, and every left-out one.

An internal view, for the team and its auditors: it lists request ids and findings,
which no published format does. A banded, suppressed or withheld figure shows only what
is published of it, here too. A line reads: "India, Worldwide Government Device
Requests, Percentage of Device-based Requests Where Data Was Provided: 19 of 24 -> 79%:
IN-2020-D-0001, ...".
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import attrs

from transparency_core._render._base import LocalisedRenderer
from transparency_core._render._escape import visible
from transparency_core._report import Figure, Percentage, Report, RowKind
from transparency_core.exceptions import NoProvenanceError

if TYPE_CHECKING:
    from transparency_core._render._format import Formatter
    from transparency_core._report import Cell

__all__ = ["ExplainRenderer"]


def _ids(ids: tuple[str, ...]) -> str:
    return ", ".join(ids) if ids else "none"


@attrs.frozen
class ExplainRenderer(LocalisedRenderer):
    """Renders where every figure comes from, one line per figure, then what was left out.

    Example:
        >>> from transparency_core import reference_report
        >>> lines = ExplainRenderer()(reference_report()).splitlines()
        >>> line = next(line for line in lines if line.startswith("India, Worldwide "
        ...     "Government Device Requests, Percentage"))
        >>> line.split(": ")[1]
        '19 of 24 -> 79%'
    """

    def _figure(self, cell: Cell, formatter: Formatter) -> str:
        if isinstance(cell, Percentage):
            if cell.withheld:
                return "withheld"
            shown = formatter.percent(cell.value) or "blank"
            return (
                f"{formatter.count(cell.part.value)} of {formatter.count(cell.whole.value)} "
                f"-> {shown}: {_ids(cell.part.ids)}"
            )
        assert isinstance(cell, Figure)  # noqa: S101 -- a Cell is one or the other
        if cell.withheld:
            # A withheld count reveals nothing beyond its band, here too: not its value,
            # not its ids (which would count it). The Report object keeps both.
            return f"published as {formatter.published(cell)}"
        return f"{formatter.count(cell.value)}: {_ids(cell.ids)}"

    def __call__(self, report: Report) -> str:
        """Return one line per figure, then one per request left out, with the reason.

        Raises:
            NoProvenanceError: When the report was counted without provenance: it has no
                ids to show (a ``ValueError``).
        """
        if not report.provenance:
            msg = "cannot explain a report counted without provenance: it carries no ids"
            raise NoProvenanceError(msg)
        formatter = self._formatter()
        lines: list[str] = []
        for table in report.tables:
            for row in table.rows:
                country = formatter.country(row.country)
                for column, cell in zip(table.columns, row.cells, strict=True):
                    heading = column.heading
                    if row.kind is RowKind.SHARES:
                        heading = f"{heading}, percentage of total"
                    lines.append(
                        f"{country}, {table.title}, {heading}: {self._figure(cell, formatter)}"
                    )
        total = report.cross_border.total
        lines.append(f"Cross-border requests: {self._figure(total, formatter)}")
        for entry in report.entries:
            repeats = f", {entry.records} records" if entry.records > 1 else ""
            lines.append(f"{entry.id}{repeats}: {entry.reason}")
        lines.extend(
            f"Finding: {finding.id}, {finding.field}: {finding.message}"
            for finding in report.findings
        )
        return "\n".join(visible(line) for line in lines) + "\n"
