"""Publishing: counts into the figures of a report, rounded, ordered and withheld.

The counts are exact. Publishing rounds percentages once (rule 6), orders countries
(rule 8), applies the disclosure policies (a count banded or suppressed, and every
percentage of one withheld), and then withholds whatever published figure would let a
reader compute a withheld one (:mod:`transparency_core._withhold`): a share, a
percentage, a count, a cross-border figure or total.
"""

from __future__ import annotations

from fractions import Fraction
from typing import TYPE_CHECKING

import attrs

from transparency_core._count import (
    EVERY,
    NONE,
    Member,
    Signature,
    in_across,
    in_category,
    measures,
)
from transparency_core._countries import country_order
from transparency_core._disclosure import WITHHELD, Band, Disclosure, Suppressed
from transparency_core._report import CrossBorder, Figure, Percentage, Row, RowKind, Table
from transparency_core._specs import Breakdown, Percent, Requests, Subjects
from transparency_core._withhold import Candidate, Vector, complements

if TYPE_CHECKING:
    from collections.abc import Hashable, Mapping, Sequence

    from transparency_core._count import Count
    from transparency_core._report import Cell
    from transparency_core._rounding import RoundingPolicy
    from transparency_core._specs import Category, Column

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
    member: Member


def layouts(
    categories: Sequence[Category], across: Sequence[Breakdown], disclosure: Disclosure | None
) -> tuple[list[Layout], Layout]:
    """The layouts of a report's tables, and of its cross-border figures.

    The tables are one per category, then those across categories but the first; the
    first table across categories is the cross-border figures (see ``_rules.across``).
    """
    layouts = [
        Layout(
            Breakdown(
                key=category.name,
                title=category.title,
                columns=category.columns,
                description=category.description,
            ),
            category.disclosure or disclosure,
            in_category(category.name),
        )
        for category in categories
    ]
    layouts.extend(
        Layout(table, disclosure, in_across(across, at)) for at, table in enumerate(across) if at
    )
    return layouts, Layout(across[0], disclosure, in_across(across, 0))


def _figure(count: Count, disclosure: Disclosure | None) -> Figure:
    value, ids = count
    published = disclosure.publish(value) if disclosure is not None else value
    return Figure(value, tuple(sorted(ids)), None if isinstance(published, int) else published)


def _hidden(figure: Figure) -> Figure:
    """``figure`` withheld, unless it is already banded or suppressed."""
    return figure if figure.withheld else attrs.evolve(figure, shown=WITHHELD)


def _withheld_percentage(part: Figure, whole: Figure) -> Percentage:
    """A percentage that must not be published, nor its part and whole."""
    return Percentage(_hidden(part), _hidden(whole), None)


class _Publisher:
    """Rounds and orders counts into tables, with each policy's bands and thresholds."""

    def __init__(self, rounding: RoundingPolicy) -> None:
        self.rounding = rounding

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
            part = _figure(counts.get(Requests(measure.part), NONE), disclosure)
            whole = _figure(counts.get(Requests(measure.whole), NONE), disclosure)
            return self.percentage(part, whole)
        return _figure(counts.get(measure, NONE), disclosure)

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
                whole = _figure(counts[EVERY], disclosure)
                built.append(Row(country, self.shares(cells, whole), RowKind.SHARES))
        return Table(
            key=table.key,
            title=table.title,
            columns=table.columns,
            rows=tuple(built),
            description=table.description,
        )


def _cross_border(by_country: Mapping[str, Count], disclosure: Disclosure | None) -> CrossBorder:
    # Rule 9: cross-border requests are counted and disclosed, zero included; under a
    # disclosure policy, as its bands or thresholds say.
    total = (
        sum(value for value, _ in by_country.values()),
        tuple(request_id for _, ids in by_country.values() for request_id in ids),
    )
    return CrossBorder(
        _figure(total, disclosure),
        tuple(
            (country, _figure(by_country[country], disclosure))
            for country in sorted(by_country, key=country_order)
        ),
    )


def _by_policy(figure: Figure) -> bool:
    """Whether a policy bands or suppresses ``figure`` (rather than withholding it)."""
    return isinstance(figure.shown, Band | Suppressed)


class _Atoms:
    """The vectors of figures: the atoms (country, kind, signature) that each one sums."""

    def __init__(
        self, atoms: Mapping[str, Mapping[Signature, tuple[int, int]]], border: Layout
    ) -> None:
        self.atoms, self.border = atoms, border
        self._measures: dict[int, tuple[Requests | Subjects, ...]] = {}

    def of(self, country: str, layout: Layout, measure: Requests | Subjects) -> Vector:
        counted = self._measures.get(id(layout))
        if counted is None:  # worked out once per table, not once per cell
            counted = self._measures[id(layout)] = measures(layout.table.columns)
        index = counted.index(measure)
        kind = "subjects" if isinstance(measure, Subjects) else "requests"
        return frozenset(
            (country, kind, signature)
            for signature in self.atoms.get(country, {})
            if layout.member(signature, index)
        )

    def cross_border(self, country: str) -> Vector:
        return self.of(country, self.border, EVERY)


def _cell_vectors(atoms: _Atoms, layout: Layout, row: Row, column: Column) -> tuple[Vector, ...]:
    """What publishing one cell tells: a count's atoms, or a percentage's two."""
    measure = column.measure
    if row.kind is RowKind.SHARES:
        return (atoms.of(row.country, layout, measure), atoms.of(row.country, layout, EVERY))  # type: ignore[arg-type]
    if isinstance(measure, Percent):
        return (
            atoms.of(row.country, layout, Requests(measure.part)),
            atoms.of(row.country, layout, Requests(measure.whole)),
        )
    return (atoms.of(row.country, layout, measure),)


_Local = dict[str, tuple[list[Candidate], list[Vector]]]
"""By country: the figures that may be published, and the vectors of the withheld."""


def _row_candidates(
    local: _Local, atoms: _Atoms, layout: Layout, row: Row, key: tuple[int, int]
) -> None:
    """Add the cells of one row to the candidates or to the withheld of its country."""
    shown, protected = local.setdefault(row.country, ([], []))
    columns = layout.table.columns
    place = len(shown) + len(protected)
    if row.kind is RowKind.SHARES:  # one whole: published or withheld together
        if not any(cell.withheld for cell in row.cells):
            vectors = tuple(v for c in columns for v in _cell_vectors(atoms, layout, row, c))
            shown.append(Candidate(key, vectors, (0, 0, place)))
        return
    for c, (column, cell) in enumerate(zip(columns, row.cells, strict=True)):
        vectors = _cell_vectors(atoms, layout, row, column)
        if isinstance(cell, Percentage):
            figures = (cell.part, cell.whole)
            protected.extend(v for v, f in zip(vectors, figures, strict=True) if _by_policy(f))
            if not cell.withheld:
                shown.append(Candidate((*key, c), vectors, (0, 0, place + c)))
        elif cell.withheld:
            protected.extend(vectors)
        else:
            shown.append(Candidate((*key, c), vectors, (1, cell.value, place + c)))


def _candidates(
    layouts: Sequence[Layout],
    tables: Sequence[Table],
    border: CrossBorder,
    atoms: _Atoms,
) -> tuple[_Local, list[Candidate]]:
    """By country, the figures that may be published and those withheld; the totals."""
    local: _Local = {}
    for t, (layout, table) in enumerate(zip(layouts, tables, strict=True)):
        for r, row in enumerate(table.rows):
            _row_candidates(local, atoms, layout, row, (t, r))
    for country, figure in border.by_country:
        shown, protected = local.setdefault(country, ([], []))
        vector = atoms.cross_border(country)
        if figure.withheld:
            protected.append(vector)
        else:
            key = ("cross_border", country)
            shown.append(Candidate(key, (vector,), (1, figure.value, len(shown))))
    if border.total.withheld:
        return local, []
    every = frozenset().union(*(atoms.cross_border(country) for country, _ in border.by_country))
    return local, [Candidate(("cross_border",), (every,), (1, border.total.value, 0))]


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
    for c, (column, cell) in enumerate(zip(columns, cells, strict=True)):
        measure = column.measure
        percent = isinstance(measure, Percent) and {measure.part, measure.whole} & hidden
        if percent and isinstance(cell, Percentage):
            cells[c] = _withheld_percentage(cell.part, cell.whole)
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
            rows.append(
                _withhold_row(
                    row, table.columns, keys | {(t, r)} if after_withheld else keys, (t, r)
                )
            )
        published.append(attrs.evolve(table, rows=tuple(rows)))
    total = border.total
    return tuple(published), CrossBorder(
        _hidden(total) if ("cross_border",) in keys else total,
        tuple(
            (country, _hidden(figure) if ("cross_border", country) in keys else figure)
            for country, figure in border.by_country
        ),
    )


def publish(  # noqa: PLR0913 -- the counts, and how each is published
    layouts: Sequence[Layout],
    cross_border: Layout,
    *,
    counts: Mapping[str, _Rows],
    atoms: Mapping[str, Mapping[Signature, tuple[int, int]]],
    rounding: RoundingPolicy,
    disclosure: Disclosure | None,
) -> tuple[tuple[Table, ...], CrossBorder]:
    """The published tables and cross-border figures of the counts.

    ``cross_border`` is the layout of the cross-border figures, published under
    ``disclosure``, the report's policy; each layout has its own for its table. Nothing
    is checked when nothing is withheld.
    """
    publisher = _Publisher(rounding)
    tables = tuple(publisher.table(layout, counts.get(layout.table.key, {})) for layout in layouts)
    rows = counts.get(cross_border.table.key, {})
    border = _cross_border({country: row[EVERY] for country, row in rows.items()}, disclosure)
    cells = (cell for table in tables for row in table.rows for cell in row.cells)
    figures = (border.total, *(figure for _, figure in border.by_country))
    if not any(cell.withheld for cell in cells) and not any(figure.withheld for figure in figures):
        return tables, border
    keys = complements(*_candidates(layouts, tables, border, _Atoms(atoms, cross_border)))
    tables, border = _withhold(tables, border, keys)
    if not border.total.withheld and _narrows(border):
        border = CrossBorder(_hidden(border.total), border.by_country)
    return tables, border


def _bounds(figure: Figure) -> tuple[int, int | None]:
    """What a reader knows of a figure: the least and the most it can be (None: any)."""
    match figure.shown:
        case None:
            return figure.value, figure.value
        case Band(low=low, high=high):
            return low, high
        case Suppressed(threshold=threshold):
            return 0, threshold - 1
    return 0, None


def _narrows(border: CrossBorder) -> bool:
    """Whether the cross-border total narrows a country's withheld figure past its band.

    The total is the sum of the countries' figures: with it, a country's figure is at
    least the total less the most the others can be, and at most the total less the
    least they can be (two countries "< 10" and a total of 18 are 9 each).
    """
    bounds = [_bounds(figure) for _, figure in border.by_country]
    total = border.total.value
    for at, (_, figure) in enumerate(border.by_country):
        if not figure.withheld:
            continue  # published: nothing to narrow
        low, high = bounds[at]
        others = bounds[:at] + bounds[at + 1 :]
        most = [other_high for _, other_high in others]
        at_least = total - sum(h for h in most if h is not None) if None not in most else low
        at_most = total - sum(other_low for other_low, _ in others)
        if at_least > low or high is None or at_most < high:
            return True
    return False
