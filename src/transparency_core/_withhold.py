"""Complementary suppression: which published figures would give a withheld one away.

A figure of a report counts the requests of a set of *atoms*: the requests of one
country that fall in exactly the same cells (see :class:`~transparency_core.Subtotals`).
A reader who knows some figures exactly can add and subtract them; a withheld figure
(banded or suppressed) is given away when its atoms are a combination of the atoms of
published ones, with rational coefficients. For example, with Table 4's shares and
one of two legal process types published, the other is the whole less the one.

:func:`complements` finds the published figures to withhold as well, so that no
withheld figure is such a combination: while one is, it withholds the published figure
of least priority (percentages first, then the smallest count) without which it is not
given away, or, when no one figure is enough, the one of least priority that shares atoms
with it. The check is exact linear algebra over fractions, one country at a time; a figure
summed over countries (the cross-border total) is withheld when, with the countries'
other figures, it would give a withheld figure of one country away.

Then bounds (:class:`~transparency_core._bounds.Audit`): that a suppressed count is
below its threshold, a banded one in its band, and no count negative can pin a withheld
figure down past its band with the published ones; while one is (for a reader who knows
only the tables, too: :attr:`Country.wider`), the published figure of least priority
that shares atoms with it is withheld, or, with none left, another band is shown as
withheld only (:func:`_unband`).

Treating the atoms that occur as the only ones there could be is cautious: the check
assumes a reader knows more than a reader can, so it withholds what a reader could
compute and sometimes a little more. A withheld zero sums no atom of the ledger's; it
is given one a request could have (:mod:`transparency_core._possible`). See
docs/explanation/publishing.md.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Hashable
from typing import TYPE_CHECKING

import attrs

from transparency_core._bounds import Audit, Bound

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping, Sequence

__all__ = ["Candidate", "Country", "Span", "complements"]

Coordinate = Hashable
"""An atom: the country's requests (or their subjects) of one signature."""
Vector = frozenset[Coordinate]
"""A figure as the atoms it sums, each once."""


_Whole = dict[Hashable, int]


def _combine(left: _Whole, scale: int, right: _Whole, factor: int) -> _Whole:
    """``scale * left - factor * right``, without what becomes zero."""
    combined = {key: scale * value for key, value in left.items()}
    for key, value in right.items():
        remainder = combined.get(key, 0) - factor * value
        if remainder:
            combined[key] = remainder
        else:
            combined.pop(key, None)
    return combined


def _smallest(*parts: _Whole) -> _Whole:
    """``parts[0]`` divided by the greatest common divisor of every part's values.

    The other parts are divided in place the same way (they are kept at one scale).
    """
    divisor = math.gcd(*(value for part in parts for value in part.values()))
    if divisor <= 1:
        return parts[0]
    for part in parts[1:]:
        for key in part:
            part[key] //= divisor
    return {key: value // divisor for key, value in parts[0].items()}


class Span:
    """The vectors that sums and differences of some vectors give (over fractions).

    Its rows are kept in whole numbers, each at any positive scale and divided by the
    greatest common divisor of its coefficients (fraction-free elimination: the same
    span as over fractions, many times faster).

    Example:
        >>> span = Span([frozenset({"a", "b"}), frozenset({"b"})])
        >>> span.contains(frozenset({"a"})), span.contains(frozenset({"c"}))
        (True, False)
    """

    def __init__(self, vectors: Iterable[Vector] = ()) -> None:
        """The span of ``vectors``."""
        self._rows: list[tuple[Coordinate, dict[Coordinate, int]]] = []
        for vector in vectors:
            self.add(vector)

    def _reduce(self, vector: Vector) -> dict[Coordinate, int]:
        """What is left of ``vector`` once every row's pivot is taken out of it."""
        left = dict.fromkeys(vector, 1)
        for pivot, row in self._rows:  # a row holds no pivot of the rows before it
            factor = left.get(pivot)
            if factor:
                left = _smallest(_combine(left, row[pivot], row, factor))
        return left

    def add(self, vector: Vector) -> None:
        """Widen the span by ``vector``."""
        left = self._reduce(vector)
        if left:
            pivot = min(left, key=repr)
            if left[pivot] < 0:
                left = {c: -value for c, value in left.items()}
            self._rows.append((pivot, left))

    def contains(self, vector: Vector) -> bool:
        """Whether sums and differences of the span's vectors give ``vector``."""
        return not self._reduce(vector)


@attrs.frozen
class Candidate:
    """A figure that may be published, and what publishing it tells a reader.

    A count tells its own atoms; a percentage tells those of its part and its whole.
    """

    key: Hashable
    vectors: tuple[Vector, ...]
    priority: tuple[int, int, int]
    """The lower, the sooner it is withheld to protect another: (0 for a percentage,
    1 for a count; the count; its place in the report)."""
    values: tuple[int, ...]
    """The exact count of each vector, for the check of bounds."""


@attrs.frozen
class Country:
    """One country's figures: those that may be published, and those withheld."""

    candidates: list[Candidate]
    withheld: list[Bound]
    """The withheld figures, with what a reader knows of each: its band."""
    point: dict[Coordinate, int]
    """The ledger's count of each atom (an atom not named: none)."""
    pairs: list[tuple[Coordinate, Coordinate]]
    """The (requests, subjects) atoms of one signature: subjects are at least requests."""
    facts: list[tuple[Vector, int]] = attrs.field(factory=list)
    """Sums a reader knows to be at least some count: a listed row's requests, 1."""
    wider: Callable[[], Country] | None = attrs.field(default=None, eq=False)
    """The same figures, with the atoms of requests the country could have had as well
    (none of them in the ledger): what a reader who knows only the tables thinks of."""


def _span_without(candidates: Sequence[Candidate], left_out: Candidate) -> Span:
    """The span of the candidates' vectors, but for those of ``left_out``."""
    return Span(
        vector
        for candidate in candidates
        if candidate is not left_out
        for vector in candidate.vectors
    )


def _used(shown: Sequence[Candidate], leak: Vector) -> set[int]:
    """The candidates (by place in ``shown``) of one way to write ``leak`` with theirs.

    A candidate without which ``leak`` is not given away is in every way to write it,
    so in this one: only these need trying.
    """
    rows: list[tuple[Coordinate, _Whole, _Whole]] = []

    def reduce(left: _Whole, combination: _Whole) -> tuple[_Whole, _Whole]:
        for pivot, row, row_combination in rows:
            factor = left.get(pivot)
            if factor:
                scale = row[pivot]
                combination = _combine(combination, scale, row_combination, factor)
                left = _smallest(_combine(left, scale, row, factor), combination)
        return left, combination

    for place, candidate in enumerate(shown):
        for vector in candidate.vectors:
            left, combination = reduce(dict.fromkeys(vector, 1), {place: 1})
            if left:
                pivot = min(left, key=repr)
                sign = 1 if left[pivot] > 0 else -1
                rows.append(
                    (
                        pivot,
                        {key: sign * value for key, value in left.items()},
                        {key: sign * value for key, value in combination.items()},
                    )
                )
    _, combination = reduce(dict.fromkeys(leak, 1), {-1: 1})
    return {p for p, value in combination.items() if value and isinstance(p, int) and p >= 0}


def _with_pairs(vector: Vector, pairs: Sequence[tuple[Coordinate, Coordinate]]) -> Vector:
    """``vector`` and the other half of each of its atoms' pairs.

    The requests of an atom and their subjects are two coordinates, but one bounds the
    other: a count of subjects bears on a figure of their requests.
    """
    other = {}
    for requests, subjects in pairs:
        other[requests], other[subjects] = subjects, requests
    return vector | {other[atom] for atom in vector if atom in other}


def _overlapping(shown: Sequence[Candidate], leak: Vector) -> Candidate | None:
    """The candidate of least priority that shares atoms with ``leak``."""
    return next((c for c in shown if any(vector & leak for vector in c.vectors)), None)


def _protect(country: Country, withheld: set[Hashable]) -> Span:
    """Withhold candidates until no withheld figure is given away or pinned down.

    First by sums and differences (the span), then by bounds (:class:`Audit`).
    """
    shown = sorted(country.candidates, key=lambda candidate: candidate.priority)
    protected = [bound.atoms for bound in country.withheld]
    while True:
        span = Span(vector for candidate in shown for vector in candidate.vectors)
        leak = next((vector for vector in protected if vector and span.contains(vector)), None)
        if leak is None:
            break
        used = _used(shown, leak)
        chosen = next(
            (
                c
                for place, c in enumerate(shown)
                if place in used and not _span_without(shown, c).contains(leak)
            ),
            None,
        ) or _overlapping(shown, leak)
        if chosen is None:  # never: a vector in the span shares atoms with one of its own
            break
        shown.remove(chosen)
        withheld.add(chosen.key)
    # Withholding more only widens what a figure may be: a figure found free stays free.
    bounds = list(country.withheld)
    index = 0
    while index < len(bounds):
        audit = Audit(
            [(v, n) for c in shown for v, n in zip(c.vectors, c.values, strict=True)],
            bounds,
            country.point,
            country.pairs,
            country.facts,
        )
        while index < len(bounds) and not audit.pins(index):
            index += 1
        if index == len(bounds):
            break
        if not _pinned_wider(country, shown, bounds, index):
            index += 1  # only by a reader who knew which kinds of request there were
            continue
        near = _with_pairs(bounds[index].atoms, country.pairs)
        chosen = _overlapping(shown, near)
        if chosen is not None:
            shown.remove(chosen)
            withheld.add(chosen.key)
        elif unbanded := _unband(bounds, index, near, country.facts):
            withheld |= unbanded
        else:
            index += 1  # no band left to take away either
    return Span(vector for candidate in shown for vector in candidate.vectors)


def _pinned_wider(
    country: Country, shown: Sequence[Candidate], bounds: Sequence[Bound], index: int
) -> bool:
    """Whether withheld figure ``index`` is pinned for a reader of the tables alone too.

    Such a reader does not know that the ledger's kinds of request are the only ones: a
    figure that the ledger's kinds pin may be free with a kind the country could have
    sent (a cross-border request on the legal process of one that is not).
    """
    if country.wider is None:
        return True
    wide = country.wider()
    keys = {candidate.key for candidate in shown}
    published = [
        (vector, value)
        for candidate in wide.candidates
        if candidate.key in keys
        for vector, value in zip(candidate.vectors, candidate.values, strict=True)
    ]
    withheld = [
        attrs.evolve(bound, known=own.known)
        for bound, own in zip(wide.withheld, bounds, strict=True)
    ]
    return Audit(published, withheld, wide.point, wide.pairs, wide.facts).pins(index)


def _unband(
    bounds: list[Bound], index: int, near: Vector, facts: Sequence[tuple[Vector, int]]
) -> set[Hashable]:
    """Publish another band near withheld figure ``index`` no more; the keys it was at.

    Pinned by the bands and the rows listed alone (a device and an account request,
    "< 10" each and "< 10" together: each is at most 8), with nothing published to
    withhold, the figure is freed by showing a band it is pinned by as withheld only:
    the widest one that shares atoms with it, or else with a listed row that it shares
    atoms with (three listed categories of one request each, and three columns of one
    breakdown "< 2" across them: each column is 1), wherever that figure is shown.
    Empty when there is no such band.
    """
    own = bounds[index].atoms
    rows = near.union(*(vector for vector, _ in facts if vector & near))
    for reach in (near, rows):
        partners = [b for b in bounds if b.known and b.atoms != own and b.atoms & reach]
        if partners:
            widest = max(partners, key=lambda bound: len(bound.atoms)).atoms
            keys = set()
            for at, bound in enumerate(bounds):
                if bound.atoms == widest:
                    bounds[at] = attrs.evolve(bound, known=False)
                    keys.add(bound.key)
            return keys
    return set()


def complements(
    local: Mapping[str, Country], totals: Iterable[Candidate] = ()
) -> frozenset[Hashable]:
    """The keys of the candidates to withhold so that no withheld figure is given away.

    Args:
        local: By country, its figures (each coordinate of a country's vectors is the
            country's and no other's).
        totals: Candidates summed over countries: their vectors' coordinates are
            ``(country, ...)`` tuples, whose first item names the country.

    Example:
        >>> shown = [Candidate("a", (frozenset({1, 2}),), (1, 12, 0), (12,)),  # a total,
        ...          Candidate("b", (frozenset({2}),), (1, 11, 1), (11,))]  # and a part
        >>> country = Country(shown, [Bound(frozenset({1}), 0, 9)], {1: 1, 2: 11}, [])
        >>> sorted(complements({"XX": country}))
        ['b']
    """
    withheld: set[Hashable] = set()
    spans = {country: _protect(figures, withheld) for country, figures in sorted(local.items())}
    for total in totals:
        for vector in total.vectors:
            parts: dict[str, set[Coordinate]] = {}
            for coordinate in vector:
                parts.setdefault(coordinate[0], set()).add(coordinate)  # type: ignore[index]
            unknown = [
                country
                for country, part in parts.items()
                if not spans[country].contains(frozenset(part))
            ]
            if len(unknown) == 1:
                (country,) = unknown
                trial = Span(
                    vector
                    for candidate in local[country].candidates
                    if candidate.key not in withheld
                    for vector in candidate.vectors
                )
                trial.add(frozenset(parts[country]))
                if any(
                    bound.atoms and trial.contains(bound.atoms) for bound in local[country].withheld
                ):
                    withheld.add(total.key)
    return frozenset(withheld)
