"""Bounds: what a reader can tell of a withheld figure from sums, bands and signs.

A reader knows the published counts exactly, that a figure published as "< 10" is 0 to
9 and one in the band "250 - 499" is 250 to 499, that no count is negative, and that
every request names one device or account at least. Together such facts can pin a
withheld figure down past its band: of 18 requests, all on a legal process and "< 10"
of each of its two types, there are 9 of each. :class:`Audit` tells, exactly (over
fractions), whether the least or the most a withheld figure can be, under those facts,
lies inside its band: a linear programme, as a reader would solve it.

Every optimum found is a ledger (of fractions) that meets every fact: a figure at an end
of its band in one already seen needs no programme of its own for that end. The first
such ledger seen is the ledger's own counts.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Hashable
from fractions import Fraction
from typing import TYPE_CHECKING

import attrs

from transparency_core._simplex import Polytope

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

__all__ = ["Audit", "Bound", "Equation"]

Equation = tuple[frozenset[Hashable], int]
"""A published figure: the atoms it sums, and its exact value."""


@attrs.frozen
class Bound:
    """A withheld figure: the atoms it sums, and the least and most it must stay free to be.

    A reader knows the band too, unless it is not published (``known`` false: the figure
    is shown only as withheld); it must still not be narrowed past it.
    """

    atoms: frozenset[Hashable]
    low: int
    high: int
    key: Hashable = None
    """Where the figure is shown in the report."""
    known: bool = True
    """Whether its band is published, so that a reader knows it."""
    counts: Callable[[Hashable], bool] | None = attrs.field(default=None, eq=False, repr=False)
    """Whether it counts the requests of a signature (for :attr:`floor`)."""
    floor: Fraction = Fraction(0)
    """The least the rows listed alone allow (:mod:`transparency_core._listing`): the
    figure must stay free down to it, or to ``low`` if that is more."""


class Audit:
    """What a reader can tell of a country's withheld figures from its published ones.

    Args:
        published: The published figures.
        withheld: The withheld figures, with the bounds a reader knows.
        point: The ledger's own count of every atom (an atom not named: 0).
        pairs: ``(requests, subjects)`` atoms of one signature: the subjects are at
            least the requests.
        facts: Other sums a reader knows to be at least some count (a listed row's
            requests: 1 at least).

    Example:
        >>> a, b = frozenset({"a"}), frozenset({"b"})
        >>> point = {"a": 9, "b": 9}
        >>> Audit([(a | b, 18)], [Bound(a, 0, 9), Bound(b, 0, 9)], point).pins(0)  # 9 each
        True
        >>> point = {"a": 3, "b": 9}
        >>> Audit([(a | b, 12)], [Bound(a, 0, 9), Bound(b, 0, 9)], point).pins(0)  # >= 3
        True
        >>> point = {"a": 3, "b": 27}
        >>> Audit([(a | b, 30)], [Bound(a, 0, 9)], point).pins(0)  # 0 to 9 still
        False
    """

    def __init__(
        self,
        published: Sequence[Equation],
        withheld: Sequence[Bound],
        point: Mapping[Hashable, int],
        pairs: Sequence[tuple[Hashable, Hashable]] = (),
        facts: Sequence[tuple[frozenset[Hashable], int]] = (),
    ) -> None:
        variables, values = _variables(
            [vector for vector, _ in published]
            + [bound.atoms for bound in withheld]
            + [vector for vector, _ in facts],
            point,
            pairs,
        )

        def place(vector: frozenset[Hashable]) -> frozenset[int]:
            return frozenset(index for atom in vector for index in variables[atom])

        self._published = [(place(vector), value) for vector, value in published]
        self._withheld = [(place(bound.atoms), bound.low, bound.high) for bound in withheld]
        self._known = [bound.known for bound in withheld]
        self._facts = [(place(vector), low) for vector, low in facts if vector]
        self._point = [Fraction(value) for value in values]
        self._polytope: Polytope | None = None
        self._lows = [max(Fraction(bound.low), bound.floor) for bound in withheld]
        """For each withheld figure: the least it may be shown to be, its band's low or
        more, if the rows listed alone say more (two rows of one request each, 2)."""
        self._reached = [[False, False] for _ in self._withheld]
        """For each withheld figure: whether a point was seen at its low, at its high."""
        self._see(self._point)

    def pins(self, index: int) -> bool:
        """Whether the reader can narrow withheld figure ``index`` past its bounds.

        Past its band and what the rows listed alone say of it.
        """
        vector, _, high = self._withheld[index]
        low = self._lows[index]
        if not vector:
            return low > 0 or high < 0
        if all(self._reached[index]):
            return False
        return self._simplex_pins(index)

    def _see(self, x: Sequence[Fraction]) -> None:
        """Note which bounds the point ``x`` (which meets every fact) reaches."""
        scale = math.lcm(*(value.denominator for value in x))
        whole = [value.numerator * (scale // value.denominator) for value in x]
        for j, (vector, _, high) in enumerate(self._withheld):
            low = self._lows[j]
            value = sum(whole[v] for v in vector)
            reached = self._reached[j]
            reached[0] = reached[0] or value <= low * scale
            reached[1] = reached[1] or value >= high * scale

    def _simplex_pins(self, index: int) -> bool:
        """The exact answer of :meth:`pins`, by the simplex method."""
        if self._polytope is None:
            self._polytope = self._build()
        vector, _, high = self._withheld[index]
        low = self._lows[index]
        size = len(self._point)
        for sign, side in ((1, 0), (-1, 1)):
            if self._reached[index][side]:
                continue
            found = self._polytope.least(dict.fromkeys(vector, sign))
            if found is None:
                continue  # no end that way: the bound is reached
            least, point = found
            self._see(point[:size])
            if (least > low) if sign == 1 else (-least < high):
                return True
        return False

    def _build(self) -> Polytope:
        """The facts as equations over non-negative variables, with a slack each."""
        rows: list[tuple[dict[int, int], int]] = [
            (dict.fromkeys(vector, 1), value) for vector, value in self._published
        ]
        size = len(self._point)
        for (vector, low, high), known in zip(self._withheld, self._known, strict=True):
            if not known:
                continue  # a band not published is nothing a reader knows
            for bound, slack in ((low, -1), (high, 1)):  # low <= sum <= high
                if bound or slack > 0:  # a sum of counts is never below 0 anyway
                    rows.append(({**dict.fromkeys(vector, 1), size: slack}, bound))
                    size += 1
        for vector, low in self._facts:  # low <= sum
            rows.append(({**dict.fromkeys(vector, 1), size: -1}, low))
            size += 1
        return Polytope(rows, size)


def _variables(
    vectors: Sequence[frozenset[Hashable]],
    point: Mapping[Hashable, int],
    pairs: Sequence[tuple[Hashable, Hashable]],
) -> tuple[dict[Hashable, tuple[int, ...]], list[int]]:
    """The variables of the atoms, and the ledger's value of each.

    An atom of requests is one variable; an atom of their subjects is two, its
    requests' and its excess subjects (0 or more): a move that adds requests adds their
    subjects with them, and that subjects are at least their requests needs no row.
    """
    subjects = {subject: request for request, subject in pairs}
    atoms = sorted({atom for vector in vectors for atom in vector}, key=repr)
    variables: dict[Hashable, tuple[int, ...]] = {}
    values: list[int] = []
    for atom in (a for a in atoms if a not in subjects):
        variables[atom] = (len(values),)
        values.append(point.get(atom, 0))
    for atom in (a for a in atoms if a in subjects):
        request = subjects[atom]
        if request not in variables:
            variables[request] = (len(values),)
            values.append(point.get(request, 0))
        variables[atom] = (*variables[request], len(values))
        values.append(point.get(atom, 0) - point.get(request, 0))
    return variables, values
