"""The total row of a table ("All countries"): its counts summed, and which may be published.

Microsoft and X print a total row under each table. Its counts are the sums of the
countries' counts, and its percentages are computed from those sums, rounded once (rule
6): never an average of the countries' percentages (79% of 24 and 50% of 2 is 77% of 26,
not 64.5%).

Under a disclosure policy the total is a published figure like any other, and with the
countries' published figures it could pin a withheld one down: a total of 12 and one
country's 11 would give the other's "< 10" away as 1. The rule here is the simplest one
that is sound whatever the policy: a column's total is published only when every
country's figure in that column is published (and, for a percentage, every figure of its
part's and whole's columns), and withheld otherwise. Then the total is the sum of
figures a reader already has: publishing it tells nothing more, so it cannot give a
withheld figure away, and the complementary suppression of the countries' figures
(:mod:`transparency_core._withhold`) needs no change. A row of shares of the total is
published only when every country's row of shares is, and every count it is a share of.
The price is that under banding, where every count is banded, every total is withheld.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from transparency_core._report import RowKind
from transparency_core._specs import Percent, Requests

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping

    from transparency_core._count import Count
    from transparency_core._report import Table
    from transparency_core._specs import Subjects

__all__ = ["open_columns", "open_shares", "summed"]


def summed(
    rows: Iterable[Mapping[Requests | Subjects, Count]],
) -> dict[Requests | Subjects, Count]:
    """The counts of every country added up, measure by measure, with their ids.

    Example:
        >>> every = Requests()
        >>> summed([{every: (2, ("A",))}, {every: (3, ("B", "C"))}])[every]
        (5, ('A', 'B', 'C'))
    """
    total: dict[Requests | Subjects, Count] = {}
    for row in rows:
        for measure, (value, ids) in row.items():
            had, had_ids = total.get(measure, (0, ()))
            total[measure] = (had + value, had_ids + ids)
    return total


def open_columns(table: Table) -> frozenset[int]:
    """The columns of ``table`` whose total may be published: every figure summed is.

    A column is closed when any country's figure in it is withheld; a percentage's
    column is closed with the columns of its part and its whole, from which its total
    is computed.
    """
    closed = {
        index
        for row in table.rows
        if row.kind is RowKind.COUNTS
        for index, cell in enumerate(row.cells)
        if cell.withheld
    }
    closed_measures = {table.columns[index].measure for index in closed}
    for index, column in enumerate(table.columns):
        measure = column.measure
        if (
            isinstance(measure, Percent)
            and {
                Requests(measure.part),
                Requests(measure.whole),
            }
            & closed_measures
        ):
            closed.add(index)
    return frozenset(range(len(table.columns))) - closed


def open_shares(table: Table) -> bool:
    """Whether the total's row of shares may be published: every country's row of shares is."""
    return not any(
        cell.withheld for row in table.rows if row.kind is RowKind.SHARES for cell in row.cells
    )
