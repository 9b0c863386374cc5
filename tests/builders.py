"""Small builders for hand-written test requests: only what a test cares about is named."""

from __future__ import annotations

from datetime import date
from typing import Any

from transparency_core import DataKind, Identifier, Outcome, Request, Response

PROVIDED = Response(Outcome.PROVIDED, DataKind.NON_CONTENT)
CONTENT = Response(Outcome.PROVIDED, DataKind.CONTENT)
REJECTED = Response(Outcome.REJECTED, challenged=True)
NO_DATA = Response(Outcome.NO_DATA)
PENDING = Response(Outcome.PENDING)


def imei(value: str, subject: str | None = None) -> Identifier:
    """An IMEI identifier."""
    return Identifier("imei", value, subject)


def make_request(request_id: str, **fields: Any) -> Request:
    """A device request from Spain received on 2020-06-01 and answered with data."""
    values: dict[str, Any] = {
        "id": request_id,
        "received": date(2020, 6, 1),
        "country": "ES",
        "category": "device",
        "identifiers": (imei(f"{request_id}-imei"),),
        "response": PROVIDED,
    }
    values.update(fields)
    return Request(**values)


def make_record(request_id: str, **fields: Any) -> dict[str, Any]:
    """A JSON-ready ledger record of a device request from Spain."""
    record: dict[str, Any] = {
        "id": request_id,
        "received": "2020-06-01",
        "country": "ES",
        "category": "device",
        "identifiers": [{"type": "imei", "value": "356938035643809"}],
        "response": {"outcome": "provided", "data": "non_content"},
    }
    record.update(fields)
    return record
