"""Whether two reports count a figure alike: the settings that change what it counts.

A figure of one report compares with the same figure of another only when both count
it by the same rules. :func:`why_not` names the first rule that differs, in words a
reader can act on; every setting a report records (:class:`~transparency_core._report.
Settings` and its rounding) that changes what a figure counts or shows is checked:

- the table, and the column's measure, in both reports;
- for a subjects column, the policy of what its subjects are (distinct devices or
  accounts, or every identifier);
- for a total row, whether both reports have one;
- for a table across categories (Table 4, the breakdowns, cross-border), which
  categories' requests it counts: the categories, and whether an action category's
  requests are in the totals; for a breakdown, which of them it counts (its ``where``);
- for a percentage, the rounding: its places and mode, what a percentage of nothing
  shows, and whether shares are apportioned.

A disclosure policy changes what is shown, not what is counted: a withheld figure has no
difference anyway (:func:`transparency_core._compare._difference`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from transparency_core._report import Percentage, RowKind
from transparency_core._specs import Subjects
from transparency_core._subjects import SubjectCounting

if TYPE_CHECKING:
    from typing import TypeAlias

    from transparency_core._report import Cell, Report, Table

    Pair: TypeAlias = tuple[Cell | None, Cell | None]
    FigureKey: TypeAlias = tuple[str, str, RowKind, str]

__all__ = ["why_not"]

_SUBJECTS = {
    SubjectCounting.DISTINCT: "distinct devices or accounts",
    SubjectCounting.IDENTIFIERS: "every identifier",
}


def _table(report: Report, key: str) -> Table | None:
    return next((table for table in report.tables if table.key == key), None)


def _across(report: Report) -> tuple[str, ...]:
    """The categories whose requests the tables across categories count, by name."""
    settings = report.settings
    return tuple(
        category.name
        for category in settings.categories
        if settings.actions_in_totals or not category.action
    )


def _categories(first: Report, second: Report, key: str) -> str | None:
    """Why a table across categories counts other requests in the two, or ``None``."""
    if key in {category.name for category in first.settings.categories}:
        return None
    old, new = _across(first), _across(second)
    if set(old) == set(new):
        return None
    actions = {c.name for r in (first, second) for c in r.settings.categories if c.action}
    moved = sorted(actions & (set(old) ^ set(new)))
    if moved and set(old) - actions == set(new) - actions:
        return (
            f"{', '.join(moved)} requests are in the totals of one report only (actions_in_totals)"
        )
    return (
        f"the report of {second.period} counts other categories: "
        f"{', '.join(new) or 'none'} against {', '.join(old) or 'none'} (categories)"
    )


def _breakdown(first: Report, second: Report, key: str) -> str | None:
    """Why a breakdown of one key counts other requests in the two, or ``None``."""
    old, new = (
        next((b for b in report.settings.breakdowns if b.key == key), None)
        for report in (first, second)
    )
    if old is None or new is None or old.where == new.where:
        return None
    return f"breakdown {key!r} counts other requests in the two reports (breakdowns)"


def _nothing(cell: Cell | None) -> bool:
    """Whether ``cell`` is a percentage of nothing (a whole of zero)."""
    return isinstance(cell, Percentage) and cell.whole.value == 0


def _rounding(first: Report, second: Report, kind: RowKind, cells: Pair) -> str | None:
    """Why a percentage of the two is shown by other rules, or ``None``.

    What a percentage of nothing shows matters to one of nothing only, and apportioning
    to a row of shares only.
    """
    old, new = first.rounding, second.rounding
    if (old.places, old.mode) != (new.places, new.mode):
        return (
            f"percentages are rounded differently ({old.places} places, {old.mode.value} "
            f"against {new.places} places, {new.mode.value})"
        )
    if old.zero_denominator != new.zero_denominator and any(map(_nothing, cells)):
        return (
            "a percentage of no requests is shown differently "
            f"(zero_denominator {old.zero_denominator.value} against "
            f"{new.zero_denominator.value})"
        )
    if old.apportion != new.apportion and kind is RowKind.SHARES:
        return "the shares of one report only are apportioned to add up to 100 (apportion)"
    return None


def why_not(first: Report, second: Report, figure: FigureKey, cells: Pair) -> str | None:
    """Why ``first`` and ``second`` cannot be compared on a figure, or ``None``.

    ``figure`` is its table's key, its row's country (``""`` for the total row) and kind,
    and its column's key; ``cells`` are its cells in the two reports (``None``: none).
    """
    key, country, kind, column = figure
    tables = (_table(first, key), _table(second, key))
    for table, report in zip(tables, (first, second), strict=True):
        if table is None:
            return f"the report of {report.period} has no table {key!r}"
    old, new = ({c.key: c for c in table.columns}.get(column) for table in tables if table)
    if old is None or new is None or old.measure != new.measure:
        return f"column {column!r} of table {key!r} counts differently in the two reports"
    if isinstance(old.measure, Subjects) and first.settings.subjects != second.settings.subjects:
        return (
            f"the devices or accounts of table {key!r} are counted by another rule: "
            f"{_SUBJECTS[first.settings.subjects]} against "
            f"{_SUBJECTS[second.settings.subjects]} (subjects)"
        )
    if not country and not all(table and table.totals for table in tables):
        return "one report has no total row (totals)"
    percent = kind is RowKind.SHARES or any(isinstance(cell, Percentage) for cell in cells)
    return (
        _categories(first, second, key)
        or _breakdown(first, second, key)
        or (_rounding(first, second, kind, cells) if percent else None)
    )
