"""What publishing tells a reader: each figure as the atoms it sums, and its band.

The disclosure check (:mod:`transparency_core._withhold`) sees a report as, for each
country, the figures that may be published (each the atoms it sums and its value) and
those withheld (each the atoms it sums and the band a reader knows it is in). This
module builds that view from the published tables and the atoms counted, giving a
withheld zero an atom a request could have (:mod:`transparency_core._possible`).
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

import attrs

from transparency_core._bounds import Bound
from transparency_core._counter import EVERY, measures
from transparency_core._disclosure import Band, Suppressed
from transparency_core._listing import least
from transparency_core._possible import nearest, neighbours
from transparency_core._report import Figure, Percentage, RowKind
from transparency_core._specs import Percent, Requests, Subjects
from transparency_core._withhold import Candidate, Country, Vector

if TYPE_CHECKING:
    from collections.abc import Callable, Hashable, Iterator, Mapping, Sequence

    from transparency_core._count import Atoms, Signature
    from transparency_core._publish import Layout
    from transparency_core._report import Cell, CrossBorder, Row, Table
    from transparency_core._specs import Column

__all__ = ["by_policy", "exposure", "known_range"]


def exposure(
    layouts: Sequence[Layout],
    tables: Sequence[Table],
    border: CrossBorder,
    atoms: Mapping[str, Mapping[Signature, tuple[int, int]]],
    possible: Callable[[], Sequence[Signature]],
) -> tuple[dict[str, Country], list[Candidate]]:
    """By country, the figures that may be published and those withheld; the totals.

    Each country's figures can also be had :attr:`~Country.wider`: with the atoms of
    the requests next to the ledger's that it could have had, worked out when asked.
    """
    catalogue = functools.cache(possible)
    augmented = _phantoms(layouts, tables, border, _Atoms(atoms), catalogue)

    @functools.cache
    def could(country: str) -> list[Signature]:
        """The signatures the country's requests could have, for all a reader knows."""
        own = atoms.get(country, {})
        listed = _listed(own)
        return [*own, *(s for s in catalogue() if s not in own and listed(s))]

    local, totals = _candidates(layouts, tables, border, _Atoms(augmented), could)

    @functools.cache
    def wider() -> _Local:
        near = {
            country: {**own, **dict.fromkeys(neighbours(catalogue(), own, _listed(own)), (0, 0))}
            for country, own in augmented.items()
        }
        return _candidates(layouts, tables, border, _Atoms(near), could)[0]

    return {
        country: attrs.evolve(figures, wider=functools.partial(_of, wider, country))
        for country, figures in local.items()
    }, totals


def _of(local: Callable[[], _Local], country: str) -> Country:
    return local()[country]


def by_policy(figure: Figure) -> bool:
    """Whether a policy bands or suppresses ``figure`` (rather than withholding it)."""
    return isinstance(figure.shown, Band | Suppressed)


class _Atoms:
    """The vectors of figures: the atoms (country, kind, signature) that each one sums."""

    def __init__(self, atoms: Mapping[str, Mapping[Signature, tuple[int, int]]]) -> None:
        self.atoms = atoms
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

    def counts(self, layout: Layout, measure: Requests | Subjects) -> Callable[[Signature], bool]:
        """Whether the requests of a signature are in ``layout``'s ``measure``."""
        index = measures(layout.table.columns).index(measure)
        return functools.partial(_member, layout.member, index)

    def cross_border(self, country: str) -> Vector:
        return frozenset(
            (country, "requests", signature)
            for signature in self.atoms.get(country, {})
            if signature[3]
        )


def _member(member: Callable[[Signature, int], bool], index: int, signature: Signature) -> bool:
    return member(signature, index)


def _cell_measures(row: Row, column: Column) -> tuple[Requests | Subjects, ...]:
    """What one cell counts: a count's measure, or a percentage's part and whole."""
    measure = column.measure
    if row.kind is RowKind.SHARES:
        return (measure, EVERY)  # type: ignore[return-value]
    if isinstance(measure, Percent):
        return (Requests(measure.part), Requests(measure.whole))
    return (measure,)


def _cell_vectors(atoms: _Atoms, layout: Layout, row: Row, column: Column) -> tuple[Vector, ...]:
    """What publishing one cell tells: a count's atoms, or a percentage's two."""
    return tuple(atoms.of(row.country, layout, m) for m in _cell_measures(row, column))


_Local = dict[str, Country]
"""By country: the figures that may be published, and the withheld."""


def _country(local: _Local, atoms: _Atoms, country: str) -> Country:
    """The figures of ``country`` found so far (none, the first time)."""
    figures = local.get(country)
    if figures is None:
        point: dict[Hashable, int] = {}
        pairs: list[tuple[Hashable, Hashable]] = []
        for signature, (requests, subjects) in atoms.atoms.get(country, {}).items():
            pair = ((country, "requests", signature), (country, "subjects", signature))
            point[pair[0]], point[pair[1]] = requests, subjects
            pairs.append(pair)
        figures = local[country] = Country([], [], point, pairs, [])
    return figures


def _bound(
    vector: Vector, figure: Figure, key: Hashable, counts: Callable[[Signature], bool]
) -> Bound:
    """What a reader knows of a figure withheld by policy, shown at ``key``: its band."""
    low, high = known_range(figure)
    if high is None:  # never: a figure withheld by policy has a band
        msg = f"a figure withheld by policy without a band: {figure.shown!r}"
        raise AssertionError(msg)
    return Bound(vector, low, high, key, counts=counts)  # type: ignore[arg-type]


def _part_bounds(  # noqa: PLR0913 -- where the cell is, and the cell
    atoms: _Atoms,
    layout: Layout,
    row: Row,
    column: Column,
    *,
    cell: Percentage,
    key: tuple[int, ...],
) -> Iterator[Bound]:
    """The bands a percentage shows of its part (``(*key, 0)``) and its whole (``1``)."""
    for side, (measure, figure) in enumerate(
        zip(_cell_measures(row, column), (cell.part, cell.whole), strict=True)
    ):
        if by_policy(figure):
            vector = atoms.of(row.country, layout, measure)
            yield _bound(vector, figure, (*key, side), atoms.counts(layout, measure))


def _values(cell: Cell) -> tuple[int, ...]:
    """The exact counts a published cell tells: its own, or its part's and whole's."""
    if isinstance(cell, Percentage):
        return (cell.part.value, cell.whole.value)
    return (cell.value,)


def _row_candidates(
    local: _Local, atoms: _Atoms, layout: Layout, row: Row, key: tuple[int, int]
) -> None:
    """Add the cells of one row to the candidates or to the withheld of its country."""
    figures = _country(local, atoms, row.country)
    shown, protected = figures.candidates, figures.withheld
    columns = layout.table.columns
    place = len(shown) + len(protected)
    # Shares are one whole: published together, or withheld with the bands they show.
    if row.kind is RowKind.SHARES and not any(cell.withheld for cell in row.cells):
        vectors = tuple(v for c in columns for v in _cell_vectors(atoms, layout, row, c))
        values = tuple(n for cell in row.cells for n in _values(cell))
        shown.append(Candidate(key, vectors, (0, 0, place), values))
        return
    for c, (column, cell) in enumerate(zip(columns, row.cells, strict=True)):
        vectors = _cell_vectors(atoms, layout, row, column)
        if isinstance(cell, Percentage):
            protected.extend(_part_bounds(atoms, layout, row, column, cell=cell, key=(*key, c)))
            if not cell.withheld and row.kind is not RowKind.SHARES:
                shown.append(Candidate((*key, c), vectors, (0, 0, place + c), _values(cell)))
        elif cell.withheld:
            (vector,) = vectors
            counts = atoms.counts(layout, column.measure)  # type: ignore[arg-type]
            protected.append(_bound(vector, cell, (*key, c), counts))
        else:
            shown.append(Candidate((*key, c), vectors, (1, cell.value, place + c), (cell.value,)))


def _candidates(
    layouts: Sequence[Layout],
    tables: Sequence[Table],
    border: CrossBorder,
    atoms: _Atoms,
    could: Callable[[str], Sequence[Signature]],
) -> tuple[_Local, list[Candidate]]:
    """By country, the figures that may be published and those withheld; the totals."""
    local: _Local = {}
    for t, (layout, table) in enumerate(zip(layouts, tables, strict=True)):
        for r, row in enumerate(table.rows):
            _row_candidates(local, atoms, layout, row, (t, r))
    for country, figure in border.by_country:
        figures = _country(local, atoms, country)
        vector = atoms.cross_border(country)
        if figure.withheld:
            key = ("cross_border", country)
            figures.withheld.append(_bound(vector, figure, key, _crosses_border))
        else:
            key = ("cross_border", country)
            place = len(figures.candidates)
            figures.candidates.append(
                Candidate(key, (vector,), (1, figure.value, place), (figure.value,))
            )
    _listed_rows(local, layouts, tables, border, atoms, could=could)
    if border.total.withheld:
        return local, []
    every = frozenset().union(*(atoms.cross_border(country) for country, _ in border.by_country))
    total = border.total.value
    return local, [Candidate(("cross_border",), (every,), (1, total, 0), (total,))]


def _empty(
    layouts: Sequence[Layout], tables: Sequence[Table], border: CrossBorder, atoms: _Atoms
) -> Iterator[tuple[str, Callable[[Signature], bool]]]:
    """The withheld figures that sum no atom: their country, and which requests they count."""
    for layout, table in zip(layouts, tables, strict=True):
        counted = measures(layout.table.columns)
        for row in table.rows:
            if row.kind is RowKind.SHARES:
                continue  # the shares of counts, which are their row's
            for column, cell in zip(layout.table.columns, row.cells, strict=True):
                for measure, figure in _figures(column, cell):
                    if by_policy(figure) and not atoms.of(row.country, layout, measure):
                        yield row.country, _in(layout.member, counted.index(measure))
    for country, figure in border.by_country:
        if by_policy(figure) and not atoms.cross_border(country):
            yield country, _crosses_border


def _in(member: Callable[[Signature, int], bool], index: int) -> Callable[[Signature], bool]:
    """Whether requests of a signature are in a table's measure ``index``."""
    return lambda signature: member(signature, index)


def _crosses_border(signature: Signature) -> bool:
    """Whether requests of a signature are cross-border requests."""
    return signature[3]


def _listed_rows(  # noqa: PLR0913 -- the tables, and what a reader knows of them
    local: _Local,
    layouts: Sequence[Layout],
    tables: Sequence[Table],
    border: CrossBorder,
    atoms: _Atoms,
    *,
    could: Callable[[str], Sequence[Signature]],
) -> None:
    """What a reader knows of a listed row: it holds one request at least (rule 8).

    Each row's requests are a fact, at least 1; a withheld figure that counts every
    request a row could hold is at least 1 (:func:`~transparency_core._listing.least`).
    """
    rows: dict[str, list[Callable[[Signature], bool]]] = {}
    for layout, table in zip(layouts, tables, strict=True):
        for row in table.rows:
            if row.kind is RowKind.COUNTS:
                _country(local, atoms, row.country).facts.append(
                    (atoms.of(row.country, layout, EVERY), 1)
                )
                rows.setdefault(row.country, []).append(atoms.counts(layout, EVERY))
    for country, _ in border.by_country:
        _country(local, atoms, country).facts.append((atoms.cross_border(country), 1))
        rows.setdefault(country, []).append(_crosses_border)
    for country, figures in local.items():
        members = rows.get(country, [])
        figures.withheld[:] = [
            _floored(bound, figures.facts, members, functools.partial(could, country))
            for bound in figures.withheld
        ]


def _floored(
    bound: Bound,
    facts: Sequence[tuple[Vector, int]],
    rows: Sequence[Callable[[Signature], bool]],
    could: Callable[[], Sequence[Signature]],
) -> Bound:
    """``bound`` with the least the rows listed allow it, if they allow more than 0."""
    requests = frozenset((atom[0], "requests", atom[2]) for atom in bound.atoms)  # type: ignore[index]
    inside = [row for (vector, _), row in zip(facts, rows, strict=True) if vector <= requests]
    if not inside or bound.counts is None:  # no row's requests are all its
        return bound
    return attrs.evolve(bound, floor=least(bound.counts, inside, could()))


def _phantoms(
    layouts: Sequence[Layout],
    tables: Sequence[Table],
    border: CrossBorder,
    atoms: _Atoms,
    possible: Callable[[], Sequence[Signature]],
) -> Atoms:
    """The atoms, with one a request could have for each withheld figure that sums none.

    A withheld zero sums no atom of the ledger's; a reader still knows which published
    figures would count its requests (see :mod:`transparency_core._possible`).
    """
    augmented = {country: dict(row) for country, row in atoms.atoms.items()}
    found = list(_empty(layouts, tables, border, atoms))
    catalogue = possible() if found else ()
    for country, member in found:
        own = atoms.atoms.get(country, {})
        listed = _listed(own)
        could = [s for s in catalogue if member(s) and listed(s)]
        for signature in nearest(could, own):
            augmented.setdefault(country, {}).setdefault(signature, (0, 0))
    return augmented


def _listed(atoms: Mapping[Signature, tuple[int, int]]) -> Callable[[Signature], bool]:
    """Whether a request of a signature would be only in rows the country has.

    A country without a row in a table has none of its requests, and a reader knows
    it (rule 8): a request that would be there is not one the country could have.
    """
    categories = {signature[0] for signature in atoms}
    processes = any(signature[2] is not None for signature in atoms)
    border = any(signature[3] for signature in atoms)
    breakdowns = {at for signature in atoms for at, bits in enumerate(signature[4]) if bits}

    def listed(signature: Signature) -> bool:
        return (
            signature[0] in categories
            and (signature[2] is None or processes)
            and (not signature[3] or border)
            and all(not bits or at in breakdowns for at, bits in enumerate(signature[4]))
        )

    return listed


def _figures(column: Column, cell: Cell) -> list[tuple[Requests | Subjects, Figure]]:
    """The counts a cell shows: its own, or its percentage's part and whole."""
    measure = column.measure
    if isinstance(measure, Percent) and isinstance(cell, Percentage):
        return [(Requests(measure.part), cell.part), (Requests(measure.whole), cell.whole)]
    if isinstance(cell, Figure) and not isinstance(measure, Percent):
        return [(measure, cell)]
    return []


def known_range(figure: Figure) -> tuple[int, int | None]:
    """What a reader knows of a figure: the least and the most it can be (None: any)."""
    match figure.shown:
        case None:
            return figure.value, figure.value
        case Band(low=low, high=high):
            return low, high
        case Suppressed(threshold=threshold):
            return 0, threshold - 1
    return 0, None
