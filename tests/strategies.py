"""Hypothesis strategies shared by the property tests: requests and ledgers."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

import attrs
from hypothesis import strategies as st

from transparency_core import (
    DEFAULT_CATEGORIES,
    DEFAULT_LEGAL_PROCESSES,
    ILLEGAL_CONTENT,
    MEMBER_STATES,
    Action,
    DataKind,
    DsaOrder,
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


OFFSETS = st.sampled_from([UTC, timezone(timedelta(hours=1)), timezone(timedelta(hours=-5))])


@st.composite
def moments(draw: st.DrawFn) -> date:
    """A day of 2019 to 2021, or a time on it, in one of a few offsets."""
    day = draw(st.dates(date(2019, 12, 1), date(2021, 1, 31)))
    if draw(st.booleans()):
        return day
    seconds = draw(st.integers(0, 86_399))
    return datetime.combine(day, datetime.min.time(), draw(OFFSETS)) + timedelta(seconds=seconds)


def _later(draw: st.DrawFn, received: date) -> date | None:
    """None, or a time of the kind of ``received`` on or after it."""
    if draw(st.booleans()):
        return None
    if type(received) is date:
        return received + timedelta(days=draw(st.integers(0, 40)))
    later = received + timedelta(seconds=draw(st.integers(0, 40 * 86_400)))
    assert isinstance(later, datetime)
    return later.astimezone(draw(OFFSETS))


@st.composite
def timed(draw: st.DrawFn, request: Request) -> Request:
    """``request`` received at a time, perhaps acknowledged, answered, a DSA order."""
    received = draw(moments())
    order = None
    if request.country in MEMBER_STATES:
        order = draw(st.none() | st.sampled_from(DsaOrder))
    return attrs.evolve(
        request,
        received=received,
        acknowledged=_later(draw, received),
        responded=_later(draw, received),
        dsa_order=order,
        illegal_content=None if order is None else draw(st.sampled_from(ILLEGAL_CONTENT)),
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
def timed_requests(draw: st.DrawFn, request_id: str | None = None) -> Request:
    """Any valid request, with the optional times and DSA fields drawn too."""
    return draw(timed(draw(requests(request_id))))


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
