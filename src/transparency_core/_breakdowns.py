"""Breakdowns: tables across categories, by outcome, notice, basis and legal process.

A breakdown counts every request a report counted (whatever its category) for which its
``where`` holds, by country, in its columns. When its columns are exclusive (each request
falls in exactly one), a second row per country gives their shares of the country's
requests, apportioned to sum to 100 when the rounding policy asks for it.

References:
    Microsoft's Law Enforcement Requests Report: four exclusive outcomes (content,
    non-content only, no data found, rejected) and their shares.
    Apple's Transparency Report: requests challenged in part or rejected.
    Ranking Digital Rights P12 and the Transparency Reporting Toolkit (2016): user
    notification; the legal process type.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import attrs

from transparency_core._categories import (
    Column,
    LegalProcess,
    Percent,
    Predicate,
    Requests,
    challenged_or_rejected,
    content_provided,
    every_request,
    only_non_content_provided,
)
from transparency_core._i18n import N_
from transparency_core._model import Notification, Outcome, Request

if TYPE_CHECKING:
    from collections.abc import Sequence

__all__ = [
    "BASIS",
    "CHALLENGES",
    "NOTIFICATION",
    "OUTCOMES",
    "SHIPPED_BREAKDOWNS",
    "Breakdown",
    "LegalProcessIs",
    "NoticeIs",
    "OutcomeIs",
    "has_legal_process",
    "legal_process_breakdown",
]


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


def has_legal_process(request: Request) -> bool:
    """The request rests on a court's legal process.

    Example:
        >>> from transparency_core import reference_ledger
        >>> ledger = {request.id: request for request in reference_ledger()}
        >>> has_legal_process(ledger["CN-2020-D-0001"]), has_legal_process(ledger["IN-2020-D-0023"])
        (True, False)
    """
    return request.legal_process is not None


def _emergency(request: Request) -> bool:
    return request.emergency


def _legal_process_only(request: Request) -> bool:
    return not request.emergency and request.legal_process is not None


def _neither(request: Request) -> bool:
    return not request.emergency and request.legal_process is None


@attrs.frozen(kw_only=True)
class Breakdown:
    """A table across categories: its columns, which requests it counts, and shares.

    Example:
        >>> OUTCOMES.shares, [column.key for column in OUTCOMES.columns]
        (True, ['content', 'non_content_only', 'no_data', 'rejected', 'pending'])
    """

    key: str
    title: str
    columns: tuple[Column, ...]
    shares: bool = False
    """Whether a row of shares follows each country's counts; the columns must then be
    request counts that are exclusive, so that the shares are of one whole."""
    shares_definition: str = N_(
        "The requests of each column as a percentage of all the requests from that "
        "country counted in this table."
    )
    """What the shares are of: the definition of the row "Percentage of total"."""
    where: Predicate = every_request
    """Which of the counted requests the breakdown counts."""
    description: str = ""


OUTCOMES = Breakdown(
    key="outcomes",
    title=N_("Requests by Outcome"),
    columns=(
        Column(key="content", heading=N_("Content Provided"), measure=Requests(content_provided)),
        Column(
            key="non_content_only",
            heading=N_("Only Non-Content Provided"),
            measure=Requests(only_non_content_provided),
        ),
        Column(
            key="no_data", heading=N_("No Data Found"), measure=Requests(OutcomeIs(Outcome.NO_DATA))
        ),
        Column(
            key="rejected", heading=N_("Rejected"), measure=Requests(OutcomeIs(Outcome.REJECTED))
        ),
        Column(key="pending", heading=N_("Pending"), measure=Requests(OutcomeIs(Outcome.PENDING))),
    ),
    shares=True,
    shares_definition=N_(
        "The requests with each outcome as a percentage of all the requests from that "
        "country counted in this table."
    ),
    description=N_(
        "Every request counted, by its one outcome: Microsoft's four exclusive outcomes "
        "and the requests not yet answered."
    ),
)
"""Every counted request by its one outcome, with each country's shares.

Example:
    >>> from transparency_core import build_report, reference_ledger, reference_period
    >>> report = build_report(reference_ledger(), reference_period(), breakdowns=[OUTCOMES])
    >>> [cell.value for cell in report.table("outcomes").rows[0].cells]
    [21, 142, 5, 4, 0]
"""

NOTIFICATION = Breakdown(
    key="notification",
    title=N_("Requests by User Notification"),
    columns=(
        Column(
            key="notified",
            heading=N_("User Notified"),
            measure=Requests(NoticeIs(Notification.NOTIFIED)),
        ),
        Column(
            key="prohibited",
            heading=N_("Notice Prohibited by Law or Court Order"),
            measure=Requests(NoticeIs(Notification.PROHIBITED)),
        ),
        Column(
            key="withheld",
            heading=N_("Notice Withheld under an Exception"),
            measure=Requests(NoticeIs(Notification.WITHHELD)),
        ),
        Column(
            key="not_yet",
            heading=N_("Not Yet Notified"),
            measure=Requests(NoticeIs(Notification.NOT_YET)),
        ),
        Column(key="not_recorded", heading=N_("Not Recorded"), measure=Requests(NoticeIs(None))),
    ),
    shares=True,
    shares_definition=N_(
        "The requests with each notification status as a percentage of all the requests "
        "from that country counted in this table."
    ),
    description=N_("Every request counted, by whether the customer was told about it."),
)
"""Every counted request by whether, and why not, the customer was told.

Example:
    >>> from transparency_core import build_report, reference_ledger, reference_period
    >>> report = build_report(reference_ledger(), reference_period(), breakdowns=[NOTIFICATION])
    >>> report.table("notification").cell("CN", "prohibited").value
    49
"""

BASIS = Breakdown(
    key="basis",
    title=N_("Emergency and Legal Process Requests"),
    columns=(
        Column(key="emergency", heading=N_("Emergency Requests"), measure=Requests(_emergency)),
        Column(
            key="legal_process",
            heading=N_("Requests on Legal Process (Not Emergency)"),
            measure=Requests(_legal_process_only),
        ),
        Column(
            key="other",
            heading=N_("Other Government Requests"),
            measure=Requests(_neither),
        ),
    ),
    shares=True,
    shares_definition=N_(
        "The emergency, legal process and other requests, each as a percentage of all the "
        "requests from that country counted in this table."
    ),
    description=N_(
        "Every request counted, as an emergency request (whatever its legal basis), a "
        "request on a court's legal process, or another government request."
    ),
)
"""Every counted request as an emergency, a legal process, or another request.

Example:
    >>> from transparency_core import build_report, reference_ledger, reference_period
    >>> report = build_report(reference_ledger(), reference_period(), breakdowns=[BASIS])
    >>> report.table("basis").cell("CN", "legal_process").value
    17
"""

CHALLENGES = Breakdown(
    key="challenges",
    title=N_("Requests Challenged in Part or Rejected"),
    columns=(
        Column(key="requests", heading=N_("Number of Requests")),
        Column(
            key="challenged_or_rejected",
            heading=N_("Number of Requests Challenged in Part or Rejected"),
            measure=Requests(challenged_or_rejected),
        ),
        Column(
            key="percent_challenged_or_rejected",
            heading=N_("Percentage of Requests Challenged in Part or Rejected"),
            measure=Percent(challenged_or_rejected),
        ),
    ),
    description=N_("Every request counted, and those the company pushed back on."),
)
"""Every counted request, and the share challenged in part or rejected.

Example:
    >>> from transparency_core import build_report, reference_ledger, reference_period
    >>> report = build_report(reference_ledger(), reference_period(), breakdowns=[CHALLENGES])
    >>> report.table("challenges").cell("IN", "percent_challenged_or_rejected").value
    Decimal('18')
"""

SHIPPED_BREAKDOWNS: tuple[Breakdown, ...] = (OUTCOMES, NOTIFICATION, BASIS, CHALLENGES)
"""The breakdowns this package defines; a report shows those it is asked for.

Example:
    >>> [breakdown.key for breakdown in SHIPPED_BREAKDOWNS]
    ['outcomes', 'notification', 'basis', 'challenges']
"""


def legal_process_breakdown(
    processes: Sequence[LegalProcess], unregistered: Sequence[str] = ()
) -> Breakdown:
    """The seed's Table 4: requests by legal process type, with their shares (rule 7).

    Nothing is lost: a type that is not registered (a request built in Python) still
    gets a column of its own, headed by its name.
    """
    columns = tuple(
        Column(
            key=process.name,
            heading=process.heading,
            definition=process.definition,
            measure=Requests(LegalProcessIs(process.name)),
        )
        for process in processes
    ) + tuple(
        Column(key=name, heading=name, measure=Requests(LegalProcessIs(name)))
        for name in unregistered
    )
    return Breakdown(
        key="legal_process",
        title=N_("Government Requests by Legal Process Type"),
        columns=columns,
        shares=True,
        shares_definition=N_(
            "The requests of each legal process type as a percentage of all the requests "
            "on a legal process received from that country."
        ),
        where=has_legal_process,
        description=N_(
            "Requests by legal process type: investigation orders and other court orders. "
            "Only countries from which we received requests on a legal process are listed."
        ),
    )
