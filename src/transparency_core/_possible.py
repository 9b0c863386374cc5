"""Possible requests: signatures a request could have, whether the ledger holds one or not.

The disclosure check (:mod:`transparency_core._withhold`) knows a figure by the atoms it
sums, and a count of zero sums none: no sum of published figures could tell it apart
from anything. A reader, though, knows what the columns count: with 15 device requests
and 15 with no data, none had data provided. :func:`possible_signatures` counts a
catalogue of made-up requests (every response there can be, on every legal process or
none, with and without an emergency or a cross-border part, in every category: each
combination once) so that an empty withheld figure can be given the signature of a request it
would count: an atom the ledger has none of.
"""

from __future__ import annotations

from datetime import date
from itertools import product
from typing import TYPE_CHECKING

from transparency_core._count import Tabulation
from transparency_core._model import (
    Action,
    DataKind,
    Identifier,
    Notification,
    Outcome,
    Request,
    Response,
)
from transparency_core._period import ReportingPeriod
from transparency_core._specs import legal_process_breakdown
from transparency_core.exceptions import TransparencyError

if TYPE_CHECKING:
    from collections.abc import Callable, Collection, Iterable, Iterator, Sequence

    from transparency_core._count import Signature
    from transparency_core._specs import Breakdown, Category

__all__ = ["nearest", "neighbours", "possible_signatures"]

_PERIOD = ReportingPeriod.calendar_year(2000)
_COUNTRY, _ELSEWHERE = "DE", "FR"
"""The made-up requests' country, and where the data of a cross-border one is."""


def _responses() -> Iterator[Response]:
    """Every response there can be: each outcome, kind of data, challenge, notice, action."""
    for outcome, data, challenged, notified, action in product(
        Outcome, (None, *DataKind), (False, True), (None, *Notification), (None, *Action)
    ):
        try:
            yield Response(outcome, data, challenged, notified, action)
        except TransparencyError:  # data without "provided", an action when rejected
            continue


def _requests(categories: Sequence[str], legal_processes: Sequence[str]) -> Iterator[Request]:
    """The catalogue: each combination once.

    Every response, on every legal process or none, with and without an emergency or a
    cross-border part, in every category.
    """
    identifiers = (Identifier("imei", "000000000000000"),)
    for serial, (category, response, process, emergency, border) in enumerate(
        product(
            categories,
            list(_responses()),
            (None, *legal_processes),
            (False, True),
            (None, _ELSEWHERE),
        )
    ):
        yield Request(
            id=f"possible-{serial}",
            received=date(2000, 1, 1),
            country=_COUNTRY,
            category=category,
            identifiers=identifiers,
            response=response,
            legal_process=process,
            emergency=emergency,
            data_country=border,
        )


def possible_signatures(
    categories: Sequence[Category],
    breakdowns: Sequence[Breakdown],
    legal_processes: Sequence[str],
    *,
    actions_in_totals: bool,
) -> tuple[Signature, ...]:
    """The signatures of the catalogue's requests, counted as the report counts.

    Example:
        >>> from transparency_core import default_categories
        >>> signatures = possible_signatures(
        ...     [default_categories()["device"]], [], ["other_court_order"],
        ...     actions_in_totals=False,
        ... )
        >>> sorted({signature[2] for signature in signatures}, key=str)
        [None, 'other_court_order']
    """
    table4 = legal_process_breakdown((), legal_processes)  # only the keys count here
    counting = Tabulation(
        categories, table4, breakdowns, provenance=False, actions_in_totals=actions_in_totals
    )
    requests = {
        request.id: request
        for request in _requests([category.name for category in categories], legal_processes)
    }
    counting.count(list(requests), list(requests.values()), [1] * len(requests), _PERIOD)
    return tuple(sorted(counting.frozen_atoms().get(_COUNTRY, {}), key=repr))


def nearest(could: Sequence[Signature], own: Iterable[Signature]) -> list[Signature]:
    """Of the signatures a request could have, the first and the nearest to each of ``own``.

    A made-up request like one the country has can stand in for it wherever it is
    counted (a cross-border request on a legal process that the country has as one on
    none): the reader would think of it, so the check does.
    """
    if not could:
        return []
    chosen = dict.fromkeys([could[0]])
    for signature in own:
        chosen[min(could, key=lambda other: _distance(signature, other))] = None
    return list(chosen)


def _distance(one: Signature, other: Signature) -> int:
    """In how many cells two signatures' requests differ."""
    return (
        (one[0] != other[0])
        + (one[1] ^ other[1]).bit_count()
        + (one[2] != other[2])
        + (one[3] != other[3])
        + sum((a ^ b).bit_count() for a, b in zip(one[4], other[4], strict=True))
    )


def neighbours(
    could: Sequence[Signature], own: Collection[Signature], listed: Callable[[Signature], bool]
) -> list[Signature]:
    """The signatures a request could have (``listed``) one cell away from one of ``own``.

    A reader does not know which kinds of request a country sent: one like those it
    sent, but on another legal process, or crossing a border, is as likely to them.
    """
    return [
        signature
        for signature in could
        if signature not in own
        and listed(signature)
        and any(_distance(signature, other) == 1 for other in own)
    ]
