"""Possible requests: signatures a request could have, whether the ledger holds one or not.

The disclosure check (:mod:`transparency_core._withhold`) knows a figure by the atoms it
sums, and a count of zero sums none: no sum of published figures could tell it apart
from anything. A reader, though, knows what the columns count: with 15 device requests
and 15 with no data, none had data provided. :func:`possible_signatures` counts a
catalogue of made-up requests (every outcome, kind of data, challenge, notice and action,
every legal process, with and without an emergency or a cross-border part, in every
category) so that an empty withheld figure can be given the signature of a request it
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
    from collections.abc import Iterator, Sequence

    from transparency_core._count import Signature
    from transparency_core._specs import Breakdown, Category

__all__ = ["possible_signatures"]

_PERIOD = ReportingPeriod.calendar_year(2000)
_COUNTRY, _ELSEWHERE = "DE", "FR"
"""The made-up requests' country, and where the data of a cross-border one is."""


def _responses() -> Iterator[tuple[Response, bool]]:
    """Every outcome with its kinds of data, then each with one other field changed.

    The second item says whether the response is a base (the outcome and data alone),
    which the request fields are varied around.
    """
    bases = [
        (outcome, data)
        for outcome, data in product(Outcome, (None, *DataKind))
        if (data is not None) == (outcome is Outcome.PROVIDED)
    ]
    for outcome, data in bases:
        yield Response(outcome, data), True
        others: list[dict[str, object]] = [{"challenged": True}]
        others.extend({"notified": notice} for notice in Notification)
        others.extend({"action": action} for action in Action)
        for other in others:
            try:
                yield Response(outcome, data, **other), False  # type: ignore[arg-type]
            except TransparencyError:  # no action when rejected, say
                continue


def _requests(categories: Sequence[str], legal_processes: Sequence[str]) -> Iterator[Request]:
    """The catalogue: every response in every category, the bases in every variant."""
    identifiers = (Identifier("imei", "000000000000000"),)
    default = legal_processes[0] if legal_processes else None
    variants: list[dict[str, object]] = [{"legal_process": None}]
    variants.extend({"legal_process": process} for process in legal_processes[1:])
    variants.append({"legal_process": default, "emergency": True})
    variants.append({"legal_process": default, "data_country": _ELSEWHERE})
    serial = 0
    for category, (response, base) in product(categories, list(_responses())):
        for variant in [{"legal_process": default}, *(variants if base else ())]:
            serial += 1
            yield Request(
                id=f"possible-{serial}",
                received=date(2000, 1, 1),
                country=_COUNTRY,
                category=category,
                identifiers=identifiers,
                response=response,
                **variant,
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
    counting.count(requests, dict.fromkeys(requests, 1), _PERIOD)
    return tuple(sorted(counting.frozen_atoms().get(_COUNTRY, {}), key=repr))
