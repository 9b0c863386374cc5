"""Exact linear programming over fractions: the simplex method, and the null space.

What a reader can tell of a withheld figure is a linear programme: the least and the
most of a sum of atoms, over the counts that agree with everything published
(:mod:`transparency_core._bounds`). :class:`Polytope` answers it exactly, by the simplex
method with Bland's rule on sparse rows of whole numbers.
"""

from __future__ import annotations

import math
from fractions import Fraction
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

__all__ = ["Polytope"]

_ZERO = Fraction(0)
_VALUE, _Z = -1, -2
"""The keys of a row's right-hand side, and of the objective's own variable."""
IntRow = dict[int, int]
"""An equation with whole coefficients, sparse: the same equation at any positive scale.

The simplex method keeps its rows so (fraction-free): whole numbers are many times
faster than fractions, and a row divided by the greatest common divisor of its
coefficients stays small."""


def _eliminate(row: IntRow, column: int, pivot: IntRow) -> IntRow:
    """``row`` with ``column`` taken out by ``pivot`` (whose coefficient there is > 0)."""
    p, f = pivot[column], row[column]
    combined = {c: p * v for c, v in row.items()}
    for c, v in pivot.items():
        remainder = combined.get(c, 0) - f * v
        if remainder:
            combined[c] = remainder
        else:
            combined.pop(c, None)
    divisor = math.gcd(*combined.values())
    return {c: v // divisor for c, v in combined.items()} if divisor > 1 else combined


def _pivot(rows: list[IntRow], objective: IntRow, basis: list[int], at: int, column: int) -> IntRow:
    """Make ``column`` basic in row ``at``; the objective, with it taken out."""
    pivoted = rows[at]
    for other, row in enumerate(rows):
        if other != at and row.get(column):
            rows[other] = _eliminate(row, column, pivoted)
    basis[at] = column
    return _eliminate(objective, column, pivoted) if objective.get(column) else objective


def _simplex(
    rows: list[IntRow], objective: IntRow, basis: list[int], allowed: int
) -> IntRow | None:
    """Minimise ``objective`` over the columns below ``allowed``; None if unbounded.

    Returns the objective row at the optimum. Bland's rule (the lowest column in, the
    lowest basic variable out on ties) keeps it from cycling.
    """
    while True:
        entering = min(
            (c for c, value in objective.items() if 0 <= c < allowed and value < 0), default=None
        )
        if entering is None:
            return objective
        best: tuple[int, int, int] | None = None  # value, coefficient, row
        for at, row in enumerate(rows):
            coefficient = row.get(entering, 0)
            if coefficient > 0:
                value = row.get(_VALUE, 0)
                if best is None:
                    best = (value, coefficient, at)
                    continue
                # value / coefficient against the best's, in whole numbers
                ours, theirs = value * best[1], best[0] * coefficient
                if ours < theirs or (ours == theirs and basis[at] < basis[best[2]]):
                    best = (value, coefficient, at)
        if best is None:
            return None
        objective = _pivot(rows, objective, basis, best[2], entering)


def _start(
    equations: Sequence[tuple[Mapping[int, int], int]], size: int
) -> tuple[list[IntRow], list[int]]:
    """The rows, each with a basic variable: its own slack, or an artificial one."""
    seen: dict[int, int] = {}
    for equation, _ in equations:
        for column in equation:
            seen[column] = seen.get(column, 0) + 1
    rows: list[IntRow] = []
    basis: list[int] = []
    for equation, value in equations:
        own = next((c for c, k in equation.items() if k and seen[c] == 1), None)
        # Make the value non-negative; a row of value 0 may turn either way, so that
        # its own slack has coefficient 1 and can start basic.
        sign = -1 if value < 0 or (not value and own is not None and equation[own] < 0) else 1
        row: IntRow = {c: sign * k for c, k in equation.items() if k}
        if value:
            row[_VALUE] = sign * value
        if own is None or row[own] != 1:
            own = size + len(rows)  # an artificial variable, one per row at most
            row[own] = 1
        rows.append(row)
        basis.append(own)
    return rows, basis


class Polytope:
    """The points x >= 0 with ``row · x = value`` for every row; it must have one.

    A row whose own slack (a column in no other row, with coefficient 1 once the value
    is made non-negative) can start basic needs no artificial variable; the others get
    one, driven out in phase one, once. Each :meth:`least` starts from there.
    """

    def __init__(self, equations: Sequence[tuple[Mapping[int, int], int]], size: int) -> None:
        rows, basis = _start(equations, size)
        objective: IntRow = {_Z: 1}
        for at, variable in enumerate(basis):
            if variable >= size:  # minimise the sum of the artificials
                for c, v in rows[at].items():
                    if c != variable:
                        objective[c] = objective.get(c, 0) - v
        objective = _simplex(rows, objective, basis, size + len(rows)) or objective
        for at, variable in enumerate(basis):  # an artificial left basic at zero goes
            column = next((c for c in sorted(rows[at]) if 0 <= c < size), None)
            if variable >= size and column is not None:
                if rows[at][column] < 0:  # its value is 0: the row may turn
                    rows[at] = {c: -v for c, v in rows[at].items()}
                objective = _pivot(rows, objective, basis, at, column)
        self.rows = [{c: v for c, v in row.items() if c < size} for row in rows]
        self.basis = basis
        self.size = size

    def least(self, cost: Mapping[int, int]) -> tuple[Fraction, list[Fraction]] | None:
        """The least of ``cost · x`` over the polytope, and a point where it is.

        ``None`` when it falls without end.
        """
        rows = [dict(row) for row in self.rows]
        basis = list(self.basis)
        objective: IntRow = {c: k for c, k in cost.items() if k}
        objective[_Z] = 1
        for at, variable in enumerate(basis):
            if objective.get(variable):
                objective = _eliminate(objective, variable, rows[at])
        optimum = _simplex(rows, objective, basis, self.size)
        if optimum is None:
            return None
        point = [_ZERO] * self.size
        for at, variable in enumerate(basis):
            if variable < self.size:
                point[variable] = Fraction(rows[at].get(_VALUE, 0), rows[at][variable])
        return Fraction(-optimum.get(_VALUE, 0), optimum[_Z]), point
