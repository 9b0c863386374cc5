"""The Commission's DSA template parts, as copied byte for byte into tests/data/dsa/."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime, timedelta
from pathlib import Path

from hypothesis import strategies as st

from transparency_core import (
    ILLEGAL_CONTENT,
    DataKind,
    DsaOrder,
    Identifier,
    Outcome,
    Request,
    Response,
)

DSA = Path(__file__).parent / "data" / "dsa"
ORDERS = (DSA / "annex-i-part-3-member-states-orders.csv").read_bytes()
"""Part 3, "Member States orders": its header row and the shape of its rows."""
SUMMARY = (DSA / "annex-i-part-1-summary.csv").read_bytes()
"""Part 1: the report's identification."""
ORDERS_ROWS = list(csv.reader(io.StringIO(ORDERS.decode("utf-8"))))[1:]
"""The rows of part 3 after its header, as lists of fields."""


def header_line(data: bytes) -> bytes:
    """The first line of a CSV file, with its line ending."""
    return data[: data.index(b"\n") + 1]


STATES = ("AT", "DE", "FR", "GR", "SE")
"""The Member States the drawn orders come from."""


@st.composite
def orders(draw: st.DrawFn, number: int, days: int = 170) -> Request:
    """An order of a Member State, received in the ``days`` from 2025-01-01, timed or not."""
    received = datetime(2025, 1, 1, tzinfo=UTC) + timedelta(
        seconds=draw(st.integers(0, days * 86_400))
    )

    def later() -> datetime | None:
        return draw(
            st.none() | st.integers(0, 9 * 86_400).map(lambda s: received + timedelta(seconds=s))
        )

    outcome = draw(st.sampled_from(Outcome))
    return Request(
        id=f"R{number}",
        received=received,
        country=draw(st.sampled_from(STATES)),
        category="account",
        identifiers=[
            Identifier("account_id", str(n), subject=draw(st.sampled_from("ab")))
            for n in range(draw(st.integers(1, 3)))
        ],
        response=Response(outcome, DataKind.CONTENT if outcome is Outcome.PROVIDED else None),
        acknowledged=later(),
        responded=later(),
        dsa_order=draw(st.sampled_from(DsaOrder)),
        illegal_content=draw(st.sampled_from(ILLEGAL_CONTENT[:3])),
    )
