"""Publishing: counts into the figures of a report, rounded, ordered and withheld.

The counts are exact. Publishing rounds percentages once (rule 6), orders countries
(rule 8), applies the disclosure policies (a count banded or suppressed, and every
percentage of one withheld), and then withholds whatever published figure would let a
reader compute a withheld one (:mod:`transparency_core._withhold`): a share, a
percentage, a count, a cross-border figure or total.
"""

from __future__ import annotations

from collections.abc import Callable
from fractions import Fraction
from typing import TYPE_CHECKING

import attrs

from transparency_core._border import narrows
from transparency_core._count import NONE, Signature
from transparency_core._counter import EVERY, measures
from transparency_core._countries import country_order
from transparency_core._disclosure import WITHHELD, Disclosure
from transparency_core._exposure import exposure
from transparency_core._report import CrossBorder, Figure, Percentage, Row, RowKind, Table
from transparency_core._specs import Breakdown, Percent, Requests, Subjects, legal_process_breakdown
from transparency_core._totals import open_columns, open_shares, summed
from transparency_core._withhold import complements
from transparency_core.predicates import LegalProcessIs

if TYPE_CHECKING:
    from collections.abc import Hashable, Iterable, Mapping, Sequence

    from transparency_core._count import Count
    from transparency_core._report import Cell
    from transparency_core._rounding import RoundingPolicy
    from transparency_core._specs import Category, Column, LegalProcess

__all__ = ["Layout", "layouts", "publish"]

_Rows = dict[str, dict[Requests | Subjects, "Count"]]


@attrs.frozen
class Layout:
    """A table to publish: its columns, its disclosure policy, and its atoms.

    ``member(signature, index)`` says whether the requests of ``signature`` are in the
    table's measure ``index`` (the place of the measure in :func:`measures` of the
    columns).
    """

    table: Breakdown
    disclosure: Disclosure | None
    member: Callable[[Signature, int], bool]


def _in_category(name: str) -> Callable[[Signature, int], bool]:
    """Whether requests of a signature are in measure ``index`` of category ``name``."""

    def member(signature: Signature, index: int) -> bool:
        return signature[0] == name and bool(signature[1] >> index & 1)

    return member


def _in_legal_process(names: Sequence[str | None]) -> Callable[[Signature, int], bool]:
    """Whether requests of a signature are in Table 4's measure ``index``.

    Its measure 0 is every request on a legal process; measure ``i`` is those on the
    legal process ``names[i]``.
    """

    def member(signature: Signature, index: int) -> bool:
        process = signature[2]
        return process is not None if index == 0 else process == names[index]

    return member


def _in_breakdown(at: int) -> Callable[[Signature, int], bool]:
    """Whether requests of a signature are in measure ``index`` of breakdown ``at``."""

    def member(signature: Signature, index: int) -> bool:
        return bool(signature[4][at] >> index & 1)

    return member


def layouts(
    categories: Sequence[Category],
    legal_processes: Sequence[LegalProcess],
    unregistered: Iterable[str],
    breakdowns: Sequence[Breakdown],
    disclosure: Disclosure | None,
) -> list[Layout]:
    """The tables of a report: one per category, Table 4, then the breakdowns."""
    layouts = [
        Layout(
            Breakdown(
                key=category.name,
                title=category.title,
                columns=category.columns,
                description=category.description,
            ),
            category.disclosure or disclosure,
            _in_category(category.name),
        )
        for category in categories
    ]
    table4 = legal_process_breakdown(legal_processes, sorted(unregistered))
    names: list[str | None] = [None]
    names.extend(
        measure.where.name if isinstance(measure.where, LegalProcessIs) else None
        for measure in measures(table4.columns)[1:]
    )
    layouts.append(Layout(table4, disclosure, _in_legal_process(names)))
    layouts.extend(
        Layout(breakdown, disclosure, _in_breakdown(at)) for at, breakdown in enumerate(breakdowns)
    )
    return layouts


def _hidden(figure: Figure) -> Figure:
    """``figure`` withheld, unless it is already banded or suppressed."""
    return figure if figure.withheld else attrs.evolve(figure, shown=WITHHELD)


def _shown_withheld(figure: Figure) -> Figure:
    """``figure`` shown as withheld only: not even its band."""
    return attrs.evolve(figure, shown=WITHHELD)


def _unbanded(row: Row, keys: frozenset[Hashable], at: tuple[int, int]) -> Row:
    """``row`` with the bands of ``keys`` shown as withheld only.

    A band that, with the others, would let a reader narrow a withheld figure is not
    published (:func:`~transparency_core._withhold.complements`): a count's at
    ``(table, row, column)``, a percentage's part or whole at ``(..., 0)`` or ``(..., 1)``.
    """
    cells: list[Cell] = []
    for c, cell in enumerate(row.cells):
        if isinstance(cell, Percentage):
            part, whole = cell.part, cell.whole
            if (*at, c, 0) in keys:
                part = _shown_withheld(part)
            if (*at, c, 1) in keys:
                whole = _shown_withheld(whole)
            cells.append(Percentage(part, whole, cell.value))
        else:
            cells.append(_shown_withheld(cell) if (*at, c) in keys else cell)
    return attrs.evolve(row, cells=tuple(cells))


def _withheld_percentage(part: Figure, whole: Figure) -> Percentage:
    """A percentage that must not be published, nor its part and whole."""
    return Percentage(_hidden(part), _hidden(whole), None)


class _Publisher:
    """Rounds and orders counts into tables, with each policy's bands and thresholds."""

    def __init__(self, rounding: RoundingPolicy) -> None:
        self.rounding = rounding
        self._sorted: dict[int, tuple[tuple[str, ...], tuple[str, ...]]] = {}
        """The id of a count's ids -> those ids (held, so that the id stays theirs), sorted."""

    def figure(self, count: Count, disclosure: Disclosure | None) -> Figure:
        """The figure of ``count``, its ids sorted: once, however many cells show them.

        The figures of one count share one tuple of ids: the count's own, when its ids
        are in order already (a ledger kept by id), so that no copy of them is held.
        """
        value, ids = count
        held = self._sorted.get(id(ids))
        if held is None:
            ordered = tuple(sorted(ids))
            if ordered == ids:  # compared item by item as the same objects: no text read
                ordered = ids
            self._sorted[id(ids)] = (ids, ordered)
        else:
            ordered = held[1]
        published = disclosure.publish(value) if disclosure is not None else value
        return Figure(value, ordered, None if isinstance(published, int) else published)

    def percentage(self, part: Figure, whole: Figure) -> Percentage:
        # Rule 6: "Percentages are exact ratios rounded once, at the end." A percentage
        # of a banded or suppressed count would give the count away: it is withheld.
        if part.withheld or whole.withheld:
            return _withheld_percentage(part, whole)
        ratio = Fraction(part.value, whole.value) if whole.value else None
        return Percentage(part, whole, self.rounding.percent(ratio))

    def cell(
        self,
        counts: Mapping[Requests | Subjects, Count],
        column: Column,
        disclosure: Disclosure | None,
    ) -> Cell:
        measure = column.measure
        if isinstance(measure, Percent):
            part = self.figure(counts.get(Requests(measure.part), NONE), disclosure)
            whole = self.figure(counts.get(Requests(measure.whole), NONE), disclosure)
            return self.percentage(part, whole)
        return self.figure(counts.get(measure, NONE), disclosure)

    def shares(self, cells: Sequence[Cell], whole: Figure) -> tuple[Percentage, ...]:
        # Rule 7: "each type's share of that country's legal-process requests".
        figures = [cell for cell in cells if isinstance(cell, Figure)]
        if whole.withheld or any(figure.withheld for figure in figures):
            return tuple(_withheld_percentage(figure, whole) for figure in figures)
        values = self.rounding.shares([figure.value for figure in figures])
        return tuple(
            Percentage(figure, whole, value) for figure, value in zip(figures, values, strict=True)
        )

    def table(
        self, layout: Layout, rows: Mapping[str, Mapping[Requests | Subjects, Count]]
    ) -> Table:
        """The table of ``layout``'s columns (a category's, or a breakdown's), by country."""
        # Rule 8: "The countries listed are the only ones from which we have received
        # requests."
        table, disclosure = layout.table, layout.disclosure
        built: list[Row] = []
        for country in sorted(rows, key=country_order):
            counts = rows[country]
            cells = tuple(self.cell(counts, column, disclosure) for column in table.columns)
            built.append(Row(country, cells))
            if table.shares:
                whole = self.figure(counts[EVERY], disclosure)
                built.append(Row(country, self.shares(cells, whole), RowKind.SHARES))
        return Table(
            key=table.key,
            title=table.title,
            columns=table.columns,
            rows=tuple(built),
            description=table.description,
            shares_definition=table.shares_definition if table.shares else "",
            disclosure=disclosure,
        )

    def totals(
        self, table: Table, rows: Mapping[str, Mapping[Requests | Subjects, Count]]
    ) -> Table:
        """``table`` with its total row: the countries' counts summed, exact or withheld."""
        if not table.rows:
            return table
        counts, kept = summed(rows.values()), open_columns(table)
        cells = tuple(
            self.cell(counts, column, None) if index in kept else self.withheld(counts, column)
            for index, column in enumerate(table.columns)
        )
        built = [Row("", cells)]
        if any(row.kind is RowKind.SHARES for row in table.rows):
            whole = self.figure(counts[EVERY], None)
            if not open_shares(table):
                whole = _hidden(whole)
            built.append(Row("", self.shares(cells, whole), RowKind.SHARES))
        return attrs.evolve(table, totals=tuple(built))

    def withheld(self, counts: Mapping[Requests | Subjects, Count], column: Column) -> Cell:
        """The cell of ``column`` for ``counts``, withheld (a percentage with its part, whole)."""
        cell = self.cell(counts, column, None)
        if isinstance(cell, Percentage):
            return _withheld_percentage(cell.part, cell.whole)
        return _hidden(cell)


def _cross_border(
    by_country: Mapping[str, Count], disclosure: Disclosure | None, publisher: _Publisher
) -> CrossBorder:
    # Rule 9: cross-border requests are counted and disclosed, zero included; under a
    # disclosure policy, as its bands or thresholds say. With no country listed, the
    # total is none (rule 8: the countries listed are the only ones), and says so.
    total = (
        sum(value for value, _ in by_country.values()),
        tuple(request_id for _, ids in by_country.values() for request_id in ids),
    )
    return CrossBorder(
        publisher.figure(total, disclosure if by_country else None),
        tuple(
            (country, publisher.figure(by_country[country], disclosure))
            for country in sorted(by_country, key=country_order)
        ),
    )


def _withhold_row(
    row: Row, columns: Sequence[Column], keys: frozenset[Hashable], at: tuple[int, int]
) -> Row:
    """``row`` with the cells of ``keys`` withheld, and those they would give away."""
    if row.kind is RowKind.SHARES:
        if at not in keys:
            return row
        shares = [cell for cell in row.cells if isinstance(cell, Percentage)]
        return attrs.evolve(row, cells=tuple(_withheld_percentage(c.part, c.whole) for c in shares))
    cells = [
        (_hidden(cell) if isinstance(cell, Figure) else _withheld_percentage(cell.part, cell.whole))
        if (*at, c) in keys
        else cell
        for c, cell in enumerate(row.cells)
    ]
    # A percentage of a withheld count, and the subjects of withheld requests (every
    # request names one at least, so they would bound it), are withheld with it.
    hidden = {
        column.measure.where
        for column, cell in zip(columns, cells, strict=True)
        if isinstance(column.measure, Requests) and cell.withheld
    }
    shown = {
        column.measure: cell
        for column, cell in zip(columns, cells, strict=True)
        if isinstance(column.measure, Requests) and isinstance(cell, Figure)
    }
    for c, (column, cell) in enumerate(zip(columns, cells, strict=True)):
        measure = column.measure
        percent = isinstance(measure, Percent) and {measure.part, measure.whole} & hidden
        if percent and isinstance(cell, Percentage):  # its part and whole as shown
            part = shown.get(Requests(measure.part), cell.part)  # type: ignore[union-attr]
            whole = shown.get(Requests(measure.whole), cell.whole)  # type: ignore[union-attr]
            cells[c] = _withheld_percentage(part, whole)
        elif isinstance(cell, Figure) and isinstance(measure, Subjects) and measure.where in hidden:
            cells[c] = _hidden(cell)
    return attrs.evolve(row, cells=tuple(cells))


def _withhold(
    tables: Sequence[Table], border: CrossBorder, keys: frozenset[Hashable]
) -> tuple[tuple[Table, ...], CrossBorder]:
    """The tables and cross-border figures with the cells of ``keys`` withheld."""
    published = []
    for t, table in enumerate(tables):
        rows: list[Row] = []
        for r, row in enumerate(table.rows):
            # Shares follow their counts: with any of the counts withheld, they are too.
            after_withheld = row.kind is RowKind.SHARES and any(
                cell.withheld for cell in rows[-1].cells
            )
            done = _withhold_row(
                row, table.columns, keys | {(t, r)} if after_withheld else keys, (t, r)
            )
            if after_withheld:  # each share's part is its count, as withheld there
                counts = [cell for cell in rows[-1].cells if isinstance(cell, Figure)]
                done = attrs.evolve(
                    done,
                    cells=tuple(
                        Percentage(part, share.whole, None)
                        for part, share in zip(counts, done.cells, strict=False)
                        if isinstance(share, Percentage)
                    ),
                )
            rows.append(_unbanded(done, keys, (t, r)))
        published.append(attrs.evolve(table, rows=tuple(rows)))
    total = border.total
    return tuple(published), CrossBorder(
        _hidden(total) if ("cross_border",) in keys else total,
        tuple(
            (country, _shown_withheld(figure) if ("cross_border", country) in keys else figure)
            for country, figure in border.by_country
        ),
    )


def publish(  # noqa: PLR0913 -- the counts, and how each is published
    layouts: Sequence[Layout],
    *,
    counts: Mapping[str, _Rows],
    cross_border: Mapping[str, Count],
    atoms: Mapping[str, Mapping[Signature, tuple[int, int]]],
    rounding: RoundingPolicy,
    disclosure: Disclosure | None,
    possible: Callable[[], Sequence[Signature]] = tuple,
    totals: bool = False,
) -> tuple[tuple[Table, ...], CrossBorder]:
    """The published tables and cross-border figures of the counts.

    ``disclosure`` is the report's policy, for the cross-border figures; each layout
    has its own for its table. Nothing is checked when nothing is withheld.
    ``possible`` gives the signatures a request could have, for withheld zeros
    (:func:`~transparency_core._possible.possible_signatures`). With ``totals``, each
    table gets its total row once the countries' figures are published
    (:mod:`transparency_core._totals`).
    """
    publisher = _Publisher(rounding)
    tables = tuple(publisher.table(layout, counts.get(layout.table.key, {})) for layout in layouts)
    border = _cross_border(cross_border, disclosure, publisher)
    cells = (cell for table in tables for row in table.rows for cell in row.cells)
    figures = (border.total, *(figure for _, figure in border.by_country))
    if any(cell.withheld for cell in cells) or any(figure.withheld for figure in figures):
        keys = complements(*exposure(layouts, tables, border, atoms, possible))
        tables, border = _withhold(tables, border, keys)
        if narrows(border):
            border = CrossBorder(_shown_withheld(border.total), border.by_country)
    if totals:
        tables = tuple(
            publisher.totals(table, counts.get(layout.table.key, {}))
            for layout, table in zip(layouts, tables, strict=True)
        )
    return tables, border
