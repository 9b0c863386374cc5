"""Predicates on a request: what the columns of the shipped tables count.

A column counts the requests (or their subjects) for which a predicate holds. These are
the predicates the shipped categories and breakdowns use; any
``Callable[[Request], bool]`` will do, and a module-level function or a frozen attrs
class (like :class:`ActionTaken`) keeps a category picklable.

Example:
    >>> from transparency_core import Column, Requests
    >>> Column(
    ...     key="challenged",
    ...     heading="Requests Challenged in Part or Rejected",
    ...     measure=Requests(challenged_or_rejected),
    ... ).key
    'challenged'
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import attrs

from transparency_core._model import Action, DataKind, Notification, Outcome

if TYPE_CHECKING:
    from transparency_core._model import Request

# Read once: on Python 3.11 reading a member off its enum class costs as much as the
# rest of a predicate's call.
_PROVIDED, _REJECTED = Outcome.PROVIDED, Outcome.REJECTED
_CONTENT, _NON_CONTENT = DataKind.CONTENT, DataKind.NON_CONTENT

__all__ = [
    "ActionTaken",
    "LegalProcessIs",
    "NoticeIs",
    "OutcomeIs",
    "challenged_or_rejected",
    "content_provided",
    "data_provided",
    "every_request",
    "has_legal_process",
    "is_cross_border",
    "only_non_content_provided",
]


def every_request(request: Request) -> bool:  # noqa: ARG001 -- a predicate's signature
    """Every request counts as received, whatever its outcome (rule 1).

    Example:
        >>> from transparency_core import reference_ledger
        >>> ledger = {request.id: request for request in reference_ledger()}
        >>> every_request(ledger["CN-2020-A-0007"])  # pending, and still received
        True
    """
    return True


def data_provided(request: Request) -> bool:
    """Data was provided: the outcome is ``provided``, content or not (rule 5).

    Example:
        >>> from transparency_core import reference_ledger
        >>> ledger = {request.id: request for request in reference_ledger()}
        >>> data_provided(ledger["CN-2020-A-0139"]), data_provided(ledger["SE-2020-D-0001"])
        (True, False)
    """
    return request.response.outcome is _PROVIDED


def only_non_content_provided(request: Request) -> bool:
    """Only non-content data was provided.

    Example:
        >>> from transparency_core import reference_ledger
        >>> ledger = {request.id: request for request in reference_ledger()}
        >>> only_non_content_provided(ledger["CN-2020-A-0056"])
        True
        >>> only_non_content_provided(ledger["CN-2020-A-0139"])  # content too
        False
    """
    response = request.response
    return response.outcome is _PROVIDED and response.data is _NON_CONTENT


def content_provided(request: Request) -> bool:
    """Content data was provided, with or without non-content data.

    Example:
        >>> from transparency_core import reference_ledger
        >>> ledger = {request.id: request for request in reference_ledger()}
        >>> content_provided(ledger["CN-2020-A-0139"]), content_provided(ledger["CN-2020-A-0056"])
        (True, False)
    """
    response = request.response
    return response.outcome is _PROVIDED and response.data is _CONTENT


def challenged_or_rejected(request: Request) -> bool:
    """The request was challenged in part or rejected (Apple's account column).

    Example:
        >>> from transparency_core import reference_ledger
        >>> ledger = {request.id: request for request in reference_ledger()}
        >>> challenged_or_rejected(ledger["IN-2020-F-0026"])
        True
        >>> challenged_or_rejected(ledger["IN-2020-D-0023"])
        False
    """
    return request.response.challenged or request.response.outcome is _REJECTED


def has_legal_process(request: Request) -> bool:
    """The request rests on a court's legal process (the requests of Table 4, rule 7).

    Example:
        >>> from transparency_core import reference_ledger
        >>> ledger = {request.id: request for request in reference_ledger()}
        >>> has_legal_process(ledger["CN-2020-D-0001"]), has_legal_process(ledger["IN-2020-D-0023"])
        (True, False)
    """
    return request.legal_process is not None


def is_cross_border(request: Request) -> bool:
    """The data asked for is held in another country than the requester's (rule 9).

    Example:
        >>> from transparency_core import reference_ledger
        >>> ledger = {request.id: request for request in reference_ledger()}
        >>> is_cross_border(ledger["ES-2021-A-0001"]), is_cross_border(ledger["CN-2020-D-0001"])
        (True, False)
    """
    return request.data_country is not None


@attrs.frozen
class LegalProcessIs:
    """A predicate: the request rests on the legal process ``name``.

    Example:
        >>> from transparency_core import reference_ledger
        >>> ledger = {request.id: request for request in reference_ledger()}
        >>> LegalProcessIs("investigation_order")(ledger["CN-2020-A-0006"])
        True
    """

    name: str

    def __call__(self, request: Request) -> bool:
        """Whether the legal process matches."""
        return request.legal_process == self.name


@attrs.frozen
class OutcomeIs:
    """A predicate: the request's outcome is ``outcome``.

    Example:
        >>> from transparency_core import reference_ledger
        >>> ledger = {request.id: request for request in reference_ledger()}
        >>> rejected = OutcomeIs(Outcome.REJECTED)
        >>> rejected(ledger["SE-2020-D-0001"]), rejected(ledger["IN-2020-D-0023"])
        (True, False)
    """

    outcome: Outcome

    def __call__(self, request: Request) -> bool:
        """Whether the outcome matches."""
        return request.response.outcome is self.outcome


@attrs.frozen
class NoticeIs:
    """A predicate: the request's notice is ``notice`` (``None``: none recorded).

    Example:
        >>> from transparency_core import reference_ledger
        >>> ledger = {request.id: request for request in reference_ledger()}
        >>> NoticeIs(Notification.PROHIBITED)(ledger["CN-2020-A-0056"])
        True
        >>> NoticeIs(None)(ledger["SE-2020-D-0001"])
        True
    """

    notice: Notification | None

    def __call__(self, request: Request) -> bool:
        """Whether the notice matches."""
        return request.response.notified is self.notice


@attrs.frozen
class ActionTaken:
    """A predicate: ``action`` was done to the accounts of the request.

    Example:
        >>> ActionTaken(Action.PRESERVED)
        ActionTaken(action=<Action.PRESERVED: 'preserved'>)
    """

    action: Action

    def __call__(self, request: Request) -> bool:
        """Whether the request's response records this action."""
        return request.response.action is self.action
