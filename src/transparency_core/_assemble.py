"""A request assembled from values a reader has checked: its slots set, its own checks run.

:class:`~transparency_core.Request` is a frozen attrs class: its ``__init__`` takes
keywords and sets each field through ``object.__setattr__``, the identifiers through the
descriptor that builds packed ones when they are read. A reader of a large ledger builds
a request a record, and most of what ``__init__`` costs is those calls, not the checks.
:func:`assembled` sets the same slots by plain assignment, on an unfrozen twin of the
class with the same slots on the same base, makes the object a ``Request`` (CPython lets
an object change class between classes of one layout, and checks that they are), then
runs the request's ``__attrs_post_init__``, the checks and the subject count that
``__init__`` runs: the request is the one ``Request(...)`` makes of the same values
(``tests/test_assemble.py``), and a refused value raises the same error.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from transparency_core._model import Request

if TYPE_CHECKING:
    from datetime import date

    from transparency_core._model import DsaOrder, Response

__all__ = ["assembled"]

_new = object.__new__


class _Open(*Request.__bases__):  # type: ignore[misc]
    """``Request``'s twin, unfrozen: the same slots on the same base, and nothing else.

    A request is assembled as one of these, its slots set by plain assignment (which
    CPython does without a call), then made a ``Request`` by setting its class, which
    CPython allows between classes of the same layout, and checks.
    """

    __slots__ = Request.__slots__


def assembled(  # noqa: PLR0913, PLR0917 -- a request's fields, in the order of the class
    request_id: str,
    received: date,
    country: str,
    category: str,
    identifiers: tuple[str | None, ...],
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

    The identifiers are the texts of identifiers checked as ``Identifier`` checks them,
    flat, in a plain tuple (see ``_packed``).

    Raises:
        FieldError: The first problem the request's checks find, as ``Request`` raises it.

    Example:
        >>> from datetime import date
        >>> from transparency_core._model import Outcome, Response
        >>> request = assembled(
        ...     "R1", date(2020, 3, 2), "ES", "device",
        ...     ("imei", "490154203237518", None),
        ...     Response(Outcome.REJECTED), None, None, False, None,
        ... )
        >>> request.subject_count, request.identifiers[0].value
        (1, '490154203237518')
    """
    request = _new(_Open)
    request.id = request_id
    request.received = received
    request.country = country
    request.category = category
    request.identifiers = identifiers
    request.response = response
    request.legal_process = legal_process
    request.data_country = data_country
    request.emergency = emergency
    request.amends = amends
    request.acknowledged = acknowledged
    request.responded = responded
    request.dsa_order = dsa_order
    request.illegal_content = illegal_content
    request.__class__ = Request  # type: ignore[assignment]
    request.__attrs_post_init__()
    return request
