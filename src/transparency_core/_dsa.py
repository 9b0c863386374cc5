"""EU DSA orders: the orders of Member States' authorities, counted as the template asks.

Article 15(1)(a) of the Digital Services Act asks for "the number of orders received
from Member States' authorities including orders issued in accordance with Articles 9
and 10, categorised by the type of illegal content concerned, the Member State issuing
the order, and the median time needed to inform the authority issuing the order, or any
other authority specified in the order, of its receipt, and to give effect to the
order". The template's "Member States orders" part (Implementing Regulation (EU)
2024/2835, Annex I) has a row per category of illegal content and scope (every Member
State together, ``TOTAL``, then each Member State), with TOTAL rows for all categories.

What decides each choice, and which ones are ours, is in docs/how-to/dsa-orders.md:
a request counts as an order when its ``dsa_order`` is set and it is counted in the
report (received in the period, of a category with a table); the time to inform runs
from ``received`` to ``acknowledged``; the time to give effect from ``received`` to
``responded``, for the orders given effect: Articles 9(1) and 10(1) of the Act ask the
provider to say "if and when effect was given to the order", so a rejected or pending
order (no "when") is left out of that median, and said so; an order that found no data
was given effect (our choice). A TOTAL row holds "All the entries" (Annex I, part 2):
its medians are of all its orders' times. The items of information of an order to act
are its subjects, counted as the report counts them. Orders without a time are left
out of that median, and counted as such.

References:
    Regulation (EU) 2022/2065, Articles 9, 10 and 15(1)(a).
    Commission Implementing Regulation (EU) 2024/2835, Annex I (templates), parts 2 and
    3; Annex II (instructions), whose text we have not been able to read.
"""

from __future__ import annotations

from collections import Counter
from fractions import Fraction
from typing import TYPE_CHECKING

import attrs

from transparency_core._countries import country_order
from transparency_core._eu import ILLEGAL_CONTENT
from transparency_core._medians import elapsed, median
from transparency_core._model import DsaOrder, Outcome

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

    from transparency_core._model import Request

__all__ = ["TOTAL", "OrderFigures", "OrderRow", "OrderTally", "Orders", "no_orders"]

TOTAL = "TOTAL"
"""The template's word for every category, and for every Member State."""
# DSA Articles 9(1) and 10(1): "specifying if and when effect was given to the order".
_GIVEN_EFFECT = frozenset({Outcome.PROVIDED, Outcome.NO_DATA})
"""The outcomes of an order that was given effect: answered, with data or without (a
rejected or pending order has no time when effect was given)."""


@attrs.frozen
class OrderFigures:
    """The figures of one kind of order in one row: how many, and how fast.

    The medians are in seconds, exact; ``None`` when no order of the row has the time.

    Example:
        >>> from fractions import Fraction
        >>> figures = OrderFigures(orders=3, items=5, inform=Fraction(7200), effect=None,
        ...                        inform_left_out=1, effect_left_out=3)
        >>> figures.inform / 3600
        Fraction(2, 1)
    """

    orders: int
    items: int
    inform: Fraction | None
    """The median time to inform the authority of the receipt, in seconds."""
    effect: Fraction | None
    """The median time to give effect to the order, in seconds."""
    inform_left_out: int
    """Orders left out of the median to inform: no ``acknowledged`` time."""
    effect_left_out: int
    """Orders left out of the median to give effect: not given effect (rejected,
    pending), or no ``responded`` time."""


@attrs.frozen
class OrderRow:
    """One row of the template: a category (or TOTAL) and a scope (TOTAL or a Member State).

    Example:
        >>> from transparency_core import reference_report
        >>> reference_report().dsa.rows[0].category, reference_report().dsa.rows[0].scope
        ('TOTAL', 'TOTAL')
    """

    category: str
    scope: str
    act: OrderFigures
    information: OrderFigures


@attrs.frozen
class Orders:
    """The DSA orders of a report: every row of the template's "Member States orders" part.

    The rows of scope TOTAL come first, one per category after the TOTAL of all; then,
    for each Member State that sent an order (by English name, as every table orders
    countries), the same rows. A category without orders has its row, with zeros.

    Example:
        >>> from transparency_core import reference_report
        >>> orders = reference_report().dsa
        >>> len(orders.rows), orders.rows[0].act.orders
        (16, 0)
    """

    rows: tuple[OrderRow, ...]


@attrs.define
class _Cell:
    """The orders of one kind, Member State and category: counts and times."""

    orders: int = 0
    items: int = 0
    inform_left_out: int = 0
    effect_left_out: int = 0
    inform: Counter[Fraction] = attrs.field(factory=Counter)
    effect: Counter[Fraction] = attrs.field(factory=Counter)

    def add(self, other: _Cell) -> None:
        """Add the orders of ``other``."""
        self.orders += other.orders
        self.items += other.items
        self.inform_left_out += other.inform_left_out
        self.effect_left_out += other.effect_left_out
        self.inform.update(other.inform)
        self.effect.update(other.effect)

    def figures(self) -> OrderFigures:
        """The counts and the exact medians."""
        return OrderFigures(
            orders=self.orders,
            items=self.items,
            inform=median(self.inform),
            effect=median(self.effect),
            inform_left_out=self.inform_left_out,
            effect_left_out=self.effect_left_out,
        )


@attrs.define
class OrderTally:
    """The orders of a ledger (or a part of one), by kind, Member State and category.

    Mergeable: the times are kept as multisets, so the medians of parts merged are the
    medians of the whole.
    """

    cells: dict[tuple[DsaOrder, str, str], _Cell] = attrs.field(factory=dict)

    @classmethod
    def of(cls, requests: Iterable[Request], items: Callable[[Request], int]) -> OrderTally:
        """Count the orders among ``requests`` (those counted); ``items`` counts an order's."""
        tally = cls()
        for request in requests:
            order = request.dsa_order
            if order is None:
                continue
            key = (order, request.country, request.illegal_content or "")
            cell = tally.cells.get(key) or tally.cells.setdefault(key, _Cell())
            cell.orders += 1
            cell.items += items(request)
            if request.acknowledged is None:
                cell.inform_left_out += 1
            else:
                cell.inform[elapsed(request.received, request.acknowledged)] += 1
            if request.responded is None or request.response.outcome not in _GIVEN_EFFECT:
                cell.effect_left_out += 1
            else:
                cell.effect[elapsed(request.received, request.responded)] += 1
        return tally

    def merge(self, other: OrderTally) -> OrderTally:
        """The orders of both parts."""
        merged = OrderTally()
        for part in (self, other):
            for key, cell in part.cells.items():
                merged.cells.setdefault(key, _Cell()).add(cell)
        return merged

    def orders(self) -> Orders:
        """The rows of the template, TOTAL rows included."""
        states = sorted({state for _, state, _ in self.cells}, key=country_order)
        rows = [
            self._row(category, scope)
            for scope in (TOTAL, *states)
            for category in (TOTAL, *ILLEGAL_CONTENT)
        ]
        return Orders(tuple(rows))

    def _row(self, category: str, scope: str) -> OrderRow:
        """The row of ``category`` and ``scope``: its cells summed, their times merged."""
        kinds = {DsaOrder.ACT: _Cell(), DsaOrder.INFORMATION: _Cell()}
        for (kind, state, content), cell in self.cells.items():
            if scope in {TOTAL, state} and category in {TOTAL, content}:
                kinds[kind].add(cell)
        return OrderRow(
            category,
            scope,
            act=kinds[DsaOrder.ACT].figures(),
            information=kinds[DsaOrder.INFORMATION].figures(),
        )


def no_orders() -> Orders:
    """The rows of a report without DSA orders: the TOTAL rows, with zeros.

    Example:
        >>> [row.category for row in no_orders().rows][:2]
        ['TOTAL', 'STATEMENT_CATEGORY_ANIMAL_WELFARE']
    """
    return OrderTally().orders()
