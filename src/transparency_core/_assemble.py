"""A request assembled from values a reader has checked: its slots set, its own checks run.

:class:`~transparency_core.Request` is a frozen attrs class: its ``__init__`` takes
keywords and sets each field through ``object.__setattr__``, the identifiers through the
descriptor that builds packed ones when they are read. A reader of a large ledger builds
a request a record, and most of what ``__init__`` costs is those calls, not the checks.
:func:`assembled` sets the same slots directly, each by its own descriptor, then runs
the request's ``__attrs_post_init__``, the checks and the subject count that
``__init__`` runs: the request is the one ``Request(...)`` makes of the same values
(``tests/test_assemble.py``), and a refused value raises the same error.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import attrs

from transparency_core._model import Request

if TYPE_CHECKING:
    from collections.abc import Callable
    from datetime import date

    from transparency_core._model import DsaOrder, Response
    from transparency_core._packed import PackedIdentifiers

__all__ = ["assembled"]

_new = object.__new__
# Read from the class, each field is its slot (the identifiers' too: the descriptor that
# builds them shows its slot there), and a slot's __set__ is not frozen.
_SET: dict[str, Callable[[Request, Any], None]] = {
    name: getattr(Request, name).__set__ for name in attrs.fields_dict(Request)
}
(
    _ID,
    _RECEIVED,
    _COUNTRY,
    _CATEGORY,
    _IDENTIFIERS,
    _RESPONSE,
    _PROCESS,
    _DATA_COUNTRY,
    _EMERGENCY,
    _AMENDS,
    _ACKNOWLEDGED,
    _RESPONDED,
    _ORDER,
    _CONTENT,
) = _SET.values()  # in the order of the class: the order of assembled's arguments


def assembled(  # noqa: PLR0913, PLR0917 -- a request's fields, in the order of the class
    request_id: str,
    received: date,
    country: str,
    category: str,
    identifiers: PackedIdentifiers,
    response: Response,
    legal_process: str | None,
    data_country: str | None,
    emergency: bool,  # noqa: FBT001 -- a field, positional for speed
    amends: str | None,
    acknowledged: date | None = None,
    responded: date | None = None,
    dsa_order: DsaOrder | None = None,
    illegal_content: str | None = None,
) -> Request:
    """``Request(id=request_id, ...)``, for a reader's checked values and packed identifiers.

    Raises:
        FieldError: The first problem the request's checks find, as ``Request`` raises it.

    Example:
        >>> from datetime import date
        >>> from transparency_core._model import Outcome, Response
        >>> from transparency_core._packed import PackedIdentifiers
        >>> request = assembled(
        ...     "R1", date(2020, 3, 2), "ES", "device",
        ...     PackedIdentifiers(("imei", "490154203237518", None)),
        ...     Response(Outcome.REJECTED), None, None, False, None,
        ... )
        >>> request.subject_count, request.identifiers[0].value
        (1, '490154203237518')
    """
    request = _new(Request)
    _ID(request, request_id)
    _RECEIVED(request, received)
    _COUNTRY(request, country)
    _CATEGORY(request, category)
    _IDENTIFIERS(request, identifiers)
    _RESPONSE(request, response)
    _PROCESS(request, legal_process)
    _DATA_COUNTRY(request, data_country)
    _EMERGENCY(request, emergency)
    _AMENDS(request, amends)
    _ACKNOWLEDGED(request, acknowledged)
    _RESPONDED(request, responded)
    _ORDER(request, dsa_order)
    _CONTENT(request, illegal_content)
    request.__attrs_post_init__()
    return request
