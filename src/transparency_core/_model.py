"""Value objects for one ledger record: a request, its identifiers and its response.

The field names are those of the ledger format (docs: "The ledger record"). Types are
checked at the edge (:func:`transparency_core.structure_ledger`); the classes here check
their values by the functions of ``_checks``, which the readers call on raw records too,
so a request built in Python is as sound as one read from JSON.
"""

from __future__ import annotations

import enum
from datetime import date, datetime
from operator import attrgetter
from typing import TYPE_CHECKING, Any

import attrs

from transparency_core._checks import (
    identifier_problem,
    order_problems,
    request_problems,
    time_problems,
)
from transparency_core._mask import CUSTOMER_DATA
from transparency_core._packed import Counted, PackedIdentifiers, flat, is_packed
from transparency_core.exceptions import FieldError

if TYPE_CHECKING:
    from collections.abc import Iterable

__all__ = [
    "Action",
    "DataKind",
    "DsaOrder",
    "Identifier",
    "Notification",
    "Outcome",
    "Request",
    "Response",
    "identifier_types",
]


class Outcome(enum.StrEnum):
    """What the company did with a request.

    Example:
        >>> Outcome("no_data"), Outcome.PROVIDED.value
        (<Outcome.NO_DATA: 'no_data'>, 'provided')
    """

    PROVIDED = "provided"
    """Data was handed over."""
    NO_DATA = "no_data"
    """The request was valid but no customer data was found."""
    REJECTED = "rejected"
    """The request was rejected: nothing was handed over."""
    PENDING = "pending"
    """Not answered yet."""


class DataKind(enum.StrEnum):
    """What was provided, when data was provided.

    Example:
        >>> Response(outcome=Outcome.PROVIDED, data=DataKind("content")).data
        <DataKind.CONTENT: 'content'>
    """

    NON_CONTENT = "non_content"
    """Only non-content data: registration details, logs, transactions."""
    CONTENT = "content"
    """Content (backups, contacts, ...), with or without non-content data."""


class Action(enum.StrEnum):
    """What was done to the accounts named, for a request that asks for an action.

    Example:
        >>> response = Response(
        ...     outcome=Outcome.PROVIDED, data=DataKind.NON_CONTENT, action=Action("preserved")
        ... )
        >>> response.action
        <Action.PRESERVED: 'preserved'>
    """

    PRESERVED = "preserved"
    """The accounts' data was preserved (a preservation request)."""
    RESTRICTED = "restricted"
    """The accounts were restricted."""
    DELETED = "deleted"
    """The accounts were deleted."""


class Notification(enum.StrEnum):
    """Whether the customer was told about the request.

    Example:
        >>> Response(outcome=Outcome.REJECTED, notified=Notification("prohibited")).notified
        <Notification.PROHIBITED: 'prohibited'>
    """

    NOTIFIED = "notified"
    """The customer was notified."""
    PROHIBITED = "prohibited"
    """Law, regulation or a court order forbids notice."""
    WITHHELD = "withheld"
    """Notice was withheld under an exception, such as a risk to someone's life."""
    NOT_YET = "not_yet"
    """Notice has not been given yet."""


class DsaOrder(enum.StrEnum):
    """The kind of an order under the EU's Digital Services Act (Regulation (EU) 2022/2065).

    Example:
        >>> DsaOrder("act")
        <DsaOrder.ACT: 'act'>
    """

    INFORMATION = "information"
    """An order to provide information (Article 10)."""
    ACT = "act"
    """An order to act against illegal content (Article 9)."""


@attrs.frozen
class Identifier:
    """One identifier named in a request: an IMEI, a card number, an account id.

    ``subject`` names the one device, financial identifier or account the identifier
    belongs to; several identifiers of one subject are counted as one. It defaults to
    the identifier itself.

    Example:
        >>> imei = Identifier("imei", "490154203237518", subject="device-7")
        >>> serial = Identifier("serial_number", "R58M42XKQ3", subject="device-7")
        >>> imei.subject_key == serial.subject_key
        True
    """

    type: str
    value: str = attrs.field(metadata={CUSTOMER_DATA: True})
    """A customer's data: error messages and findings show it masked, and no published
    output shows it at all."""
    subject: str | None = attrs.field(default=None, metadata={CUSTOMER_DATA: True})
    """The device or account it belongs to (a team's own name, which may name a
    customer): masked like the value."""

    def __attrs_post_init__(self) -> None:
        """Refuse blank types, values and subjects."""
        problem = identifier_problem(self.type, self.value, self.subject)
        if problem is not None:
            raise problem

    @property
    def subject_key(self) -> tuple[str, ...]:
        """What identifies the subject: its name, or the identifier when unnamed."""
        if self.subject is None:
            return ("identifier", self.type, self.value)
        return ("subject", self.subject)


type_and_value = attrgetter("type", "value")
"""What makes an identifier the same identifier, as a tuple."""


@attrs.frozen
class Response:
    """What the company did: the outcome, what data went out, and how.

    ``data`` is required when, and only when, the outcome is ``provided``.

    Example:
        >>> Response(Outcome.PROVIDED, DataKind.NON_CONTENT).provided
        True
        >>> Response(Outcome.REJECTED, challenged=True).provided
        False
    """

    outcome: Outcome
    data: DataKind | None = None
    challenged: bool = False
    notified: Notification | None = None
    action: Action | None = None

    def __attrs_post_init__(self) -> None:
        """Data goes with ``provided`` and nothing else; nothing is done when rejected."""
        if self.action is not None and self.outcome in {Outcome.REJECTED, Outcome.PENDING}:
            raise FieldError(
                "action",
                f"no action when the outcome is {self.outcome.value!r}",
                self.action.value,
            )
        if self.outcome is Outcome.PROVIDED and self.data is None:
            raise FieldError(
                "data",
                "'non_content' or 'content' when the outcome is 'provided'",
                None,
            )
        if self.outcome is not Outcome.PROVIDED and self.data is not None:
            raise FieldError(
                "data",
                f"no data when the outcome is {self.outcome.value!r}",
                self.data.value,
            )

    @property
    def provided(self) -> bool:
        """Whether data was provided (content or non-content)."""
        return self.outcome is Outcome.PROVIDED


_IDENTIFIER_OBJECTS = "Identifier objects (texts are refused: they were not checked)"
_IDENTIFIER_OBJECT, _IDENTIFIER_LIST = "an Identifier object", "a list of Identifier objects"


def _identifier_tuple(
    identifiers: Iterable[Identifier] | PackedIdentifiers,
) -> tuple[Identifier, ...]:
    """Freeze the identifiers handed in (a list, say) into a tuple; packed ones stay packed.

    Packed ones are a plain tuple of their texts, built as ``Identifier`` objects when
    first read (``_Built``); texts not marked as packed are refused, being unchecked.
    """
    try:
        each = iter(identifiers)
    except TypeError:  # not a collection at all
        raise FieldError("identifiers", _IDENTIFIER_LIST, identifiers) from None
    frozen: tuple[Any, ...] = tuple(each)
    if type(identifiers) is PackedIdentifiers:
        return frozen
    if is_packed(frozen):
        raise FieldError("identifiers", _IDENTIFIER_OBJECTS, frozen)
    for place, item in enumerate(frozen):
        if not isinstance(item, Identifier):  # a text or a dict among identifiers, say
            where = f"identifiers[{place}]"
            raise FieldError(where, _IDENTIFIER_OBJECT, item)
    return frozen


@attrs.frozen(kw_only=True)
class Request(Counted):
    """One request from a government agency or court, as the ledger records it.

    Example:
        >>> from datetime import date
        >>> request = Request(
        ...     id="IN-2020-0001",
        ...     received=date(2020, 3, 2),
        ...     country="IN",
        ...     category="device",
        ...     identifiers=(
        ...         Identifier("imei", "490154203237518", subject="phone-1"),
        ...         Identifier("serial_number", "R58M42XKQ3", subject="phone-1"),
        ...     ),
        ...     response=Response(Outcome.PROVIDED, DataKind.NON_CONTENT),
        ... )
        >>> request.subject_count
        1
    """

    id: str
    received: date
    country: str
    category: str
    identifiers: tuple[Identifier, ...] = attrs.field(converter=_identifier_tuple)
    response: Response
    legal_process: str | None = None
    data_country: str | None = None
    emergency: bool = False
    amends: str | None = None
    acknowledged: date | None = None
    """When the authority was told the request was received: a date, or a date-time with
    an offset, of the kind ``received`` is (a date-time is a :class:`~datetime.date`)."""
    responded: date | None = None
    """When the company gave effect to the request or answered it, of the same kind."""
    dsa_order: DsaOrder | None = None
    """For an order of a Member State's authority under the DSA: its kind."""
    illegal_content: str | None = None
    """For a DSA order: the Commission's category of the illegal content concerned."""

    def __attrs_post_init__(self) -> None:
        """Check the values and the invariants that span fields; work out the subjects."""
        identifiers = _SLOT.__get__(self, Request)  # packed or not: never built here
        problems = request_problems(
            self.id,
            self.country,
            self.category,
            identifiers,
            self.legal_process,
            self.data_country,
            self.amends,
        )
        # The times and the order are usually absent: only the test goes.
        if self.acknowledged is not None or self.responded is not None:
            problems += time_problems(self.received, self.acknowledged, self.responded)
        if self.dsa_order is not None or self.illegal_content is not None:
            problems += order_problems(self.dsa_order, self.illegal_content, self.country)
        if problems:
            raise problems[0]
        # Worked out now, while the identifiers are fresh in memory: counting a large
        # ledger later reads two numbers per request and never an identifier.
        self._work_out(identifiers)

    @property
    def subject_count(self) -> int:
        """How many distinct devices, financial identifiers or accounts it names.

        "If we are asked for more than one identifier of a device, we count that as a
        single request": identifiers sharing a ``subject`` are one.
        """
        return self._subject_count

    @property
    def repeated_identifiers(self) -> tuple[int, ...]:
        """The positions of identifiers listed again: the same type and value as an earlier one.

        Usually none. A repeat is counted once (the subjects are what count) and is
        reported as a finding with the report.

        Example:
            >>> from datetime import date
            >>> imei = Identifier("imei", "490154203237518")
            >>> Request(
            ...     id="IN-2020-0002",
            ...     received=date(2020, 3, 2),
            ...     country="IN",
            ...     category="device",
            ...     identifiers=[imei, Identifier("imei", "356938035643809"), imei],
            ...     response=Response(Outcome.REJECTED),
            ... ).repeated_identifiers
            (2,)
        """
        return self._repeated_identifiers

    @property
    def received_on(self) -> date:
        """The day it was received, which decides its period: a date-time's own date.

        A date-time counts on the calendar day it names in its own offset (the day the
        team wrote down), not on the day in UTC.

        Example:
            >>> from datetime import datetime, timedelta, timezone
            >>> late = datetime(2020, 12, 31, 23, 30, tzinfo=timezone(timedelta(hours=-5)))
            >>> Request(
            ...     id="US-1", received=late, country="US", category="device",
            ...     identifiers=[Identifier("imei", "356938035643809")],
            ...     response=Response(Outcome.PENDING),
            ... ).received_on
            datetime.date(2020, 12, 31)
        """
        received = self.received
        return received.date() if type(received) is datetime else received

    @property
    def cross_border(self) -> bool:
        """Whether the data asked for is held in another country than the requester's."""
        return self.data_country is not None


_SLOT = Request.__dict__["identifiers"]
"""The slot that holds a request's identifiers: a tuple of them, or packed."""


class _Built:
    """``Request.identifiers``: the slot, whose packed identifiers are built when first read.

    Every read (attrs' ``__eq__``, ``__hash__``, ``__repr__`` and pickling, cattrs, a
    caller) sees the tuple of :class:`Identifier` it would see had they been built with
    the request; the texts are replaced by it, once.
    """

    __slots__ = ()

    def __get__(self, request: Request | None, owner: type | None = None) -> object:
        if request is None:
            return _SLOT  # the class shows its slot, as before
        identifiers = _SLOT.__get__(request, owner)
        if is_packed(identifiers):
            identifiers = tuple(
                Identifier(*identifiers[at : at + 3]) for at in range(0, len(identifiers), 3)
            )
            _SLOT.__set__(request, identifiers)
        return identifiers

    def __set__(self, request: Request, identifiers: object) -> None:
        _SLOT.__set__(request, identifiers)

    def __delete__(self, request: Request) -> None:
        _SLOT.__delete__(request)


setattr(Request, "identifiers", _Built())  # noqa: B010 -- mypy keeps the field's type


def identifier_types(request: Request) -> list[str]:
    """The types of a request's identifiers, in order, without building them."""
    return list(flat(_SLOT.__get__(request, Request))[0::3])  # type: ignore[arg-type]
