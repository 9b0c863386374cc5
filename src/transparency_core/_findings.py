"""Findings: what is worth a look in a ledger but does not stop the count.

A finding names the request and the field it is about. Findings are for the team, not
the public: they are kept in :attr:`~transparency_core.Report.findings`, listed by the
explain view and printed by the command line as warnings, and never published. They
mention an identifier's value only masked (:func:`~transparency_core._mask.masked`).
"""

from __future__ import annotations

import unicodedata
from typing import TYPE_CHECKING

from transparency_core._mask import masked
from transparency_core._report import Finding

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping

    from transparency_core._model import Request
    from transparency_core._period import ReportingPeriod

__all__ = ["finding_order", "findings", "id_key"]

_FIELD_ORDER = {"id": 0, "amends": 1, "identifiers": 2, "received": 3}


def id_key(request_id: str) -> str:
    r"""The id as a person reads it: NFKC-normalised, without surrounding white space.

    Two ids with one key look alike, and are likely one request typed twice. An ASCII id
    without white space around it is its own key: the counter picks out the other ids
    for the look-alike findings with that test (``Tabulation.count``), not by this call.

    Example:
        >>> id_key(" IN-1\t"), id_key("\N{FULLWIDTH LATIN CAPITAL LETTER I}N-1")
        ('IN-1', 'IN-1')
    """
    if request_id.isascii():
        return request_id.strip()
    return unicodedata.normalize("NFKC", request_id).strip()


def finding_order(finding: Finding) -> tuple[str, int, int]:
    """A request's findings in field order: id, amends, identifiers by index, received."""
    name, _, index = finding.field.partition("[")
    return (finding.id, _FIELD_ORDER.get(name, len(_FIELD_ORDER)), int(index[:-1] or 0))


def _look_alike_ids(requests: Mapping[str, Request], candidates: Iterable[str]) -> list[Finding]:
    """An id that differs from another only in white space or Unicode normalisation.

    Only ids that are not their own key can look like another: ``candidates`` are the
    ids of ``requests`` that may not be (the counter picks them out with a cheap test).
    """
    by_key: dict[str, list[str]] = {}
    for request_id in candidates:
        key = id_key(request_id)
        if key != request_id:
            by_key.setdefault(key, []).append(request_id)
    found: list[Finding] = []
    for key, odd in by_key.items():
        alike = sorted({*odd, *([key] if key in requests else [])})
        found.extend(
            Finding(
                request_id,
                "id",
                f"differs from {other!r} only in white space or Unicode normalisation: "
                "counted as two requests",
            )
            for request_id in alike
            for other in alike
            if other != request_id
        )
    return found


def findings(
    requests: Mapping[str, Request],
    period: ReportingPeriod,
    amendments: Iterable[tuple[str, str]] | None,
    flagged: Iterable[Request],
) -> list[Finding]:
    """Warnings that do not stop the count, about the requests of a ledger (or a part).

    ``flagged`` are the requests that amend another, repeat an identifier or have an id
    that may not be its own key (picked out while counting, so that the findings need no
    pass of their own over the ledger; others may be among them).
    ``amendments``, when given, are the ``(request id, amended id)`` pairs to check
    against ``requests``; by default the flagged requests' own.
    """
    flagged = list(flagged)
    found = _look_alike_ids(requests, (request.id for request in flagged))
    if amendments is None:
        amendments = (
            (request.id, request.amends) for request in flagged if request.amends is not None
        )
    found.extend(
        Finding(request_id, "amends", f"amends {amended!r}, which is not in the ledger")
        for request_id, amended in set(amendments)
        if amended not in requests
    )
    for request in flagged:
        for index in request.repeated_identifiers:
            identifier = request.identifiers[index]
            found.append(
                Finding(
                    request.id,
                    f"identifiers[{index}]",
                    f"lists {identifier.type} {masked(identifier.value)!r} more than once",
                )
            )
    released = period.released
    if released is not None:
        found.extend(
            Finding(
                request_id,
                "received",
                f"received {request.received.isoformat()}, after the report's release "
                f"on {released.isoformat()}",
            )
            for request_id, request in requests.items()
            if request.received_on > released
        )
    return found
