"""Hypothesis strategies shared by the property tests: requests and ledgers."""

from __future__ import annotations

from datetime import date

import attrs
from hypothesis import strategies as st

from transparency_core import (
    DEFAULT_CATEGORIES,
    DEFAULT_LEGAL_PROCESSES,
    Action,
    DataKind,
    Identifier,
    Notification,
    Outcome,
    Request,
    Response,
)

COUNTRIES = ("CN", "ES", "FR", "IN", "SE", "US")
IDENTIFIER_TYPES = {category.name: category.identifier_types for category in DEFAULT_CATEGORIES}
LEGAL_PROCESSES = tuple(process.name for process in DEFAULT_LEGAL_PROCESSES)


@st.composite
def responses(draw: st.DrawFn) -> Response:
    """Any valid response."""
    outcome = draw(st.sampled_from(Outcome))
    data = draw(st.sampled_from(DataKind)) if outcome is Outcome.PROVIDED else None
    settled = outcome not in {Outcome.REJECTED, Outcome.PENDING}
    return Response(
        outcome,
        data,
        challenged=draw(st.booleans()),
        notified=draw(st.none() | st.sampled_from(Notification)),
        action=draw(st.none() | st.sampled_from(Action)) if settled else None,
    )


@st.composite
def requests(draw: st.DrawFn, request_id: str | None = None) -> Request:
    """Any valid request of a default category, received in 2019 to 2021."""
    category = draw(st.sampled_from(sorted(IDENTIFIER_TYPES)))
    identifiers = draw(
        st.lists(
            st.builds(
                Identifier,
                type=st.sampled_from(IDENTIFIER_TYPES[category]),
                value=st.sampled_from(["1", "2", "3", "4"]),
                subject=st.none() | st.sampled_from(["a", "b", "c"]),
            ),
            min_size=1,
            max_size=5,
        )
    )
    country = draw(st.sampled_from(COUNTRIES))
    return Request(
        id=request_id or draw(st.text("ABC123-", min_size=1, max_size=6)),
        received=draw(st.dates(date(2019, 12, 1), date(2021, 1, 31))),
        country=country,
        category=category,
        identifiers=identifiers,
        response=draw(responses()),
        legal_process=draw(st.none() | st.sampled_from(LEGAL_PROCESSES)),
        data_country=draw(st.none() | st.sampled_from([c for c in COUNTRIES if c != country])),
        emergency=draw(st.booleans()),
    )


@st.composite
def ledgers(draw: st.DrawFn, max_size: int = 30) -> list[Request]:
    """Distinct requests, some repeated by an exact copy or by an earlier pending record."""
    unique = draw(st.lists(requests(), max_size=max_size, unique_by=lambda request: request.id))
    if not unique:
        return []
    repeated = draw(st.lists(st.sampled_from(unique), max_size=5))
    repeats = [
        request
        if draw(st.booleans())
        else attrs.evolve(request, response=Response(Outcome.PENDING))
        for request in repeated
    ]
    return unique + repeats
