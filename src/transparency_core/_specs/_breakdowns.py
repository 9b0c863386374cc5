"""The breakdowns: tables across categories, in the words of the reports they follow.

Data only: each is a :class:`~transparency_core.Breakdown` spec. A breakdown counts every
request a report counted (whatever its category) for which its ``where`` holds, by
country, in its columns. When its columns are exclusive (each request falls in exactly
one), a second row per country gives their shares of the country's requests. The seed's
Table 4 (requests by legal process type) and its cross-border figures are declared here
too, and counted as every other table is. A comment above each definition says where it
comes from.

References:
    Xiaomi Transparency Report, January 1 - December 31, 2020: Table 4 and its
    definitions; "Xiaomi did not receive any cross-border requests."
    Microsoft's Law Enforcement Requests Report: four exclusive outcomes (content,
    non-content only, no data found, rejected) and their shares.
    Apple's Transparency Report: requests challenged in part or rejected.
    Ranking Digital Rights P12 and the Transparency Reporting Toolkit (2016): user
    notification; the legal process type.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from transparency_core._i18n import N_
from transparency_core._model import Notification, Outcome
from transparency_core._specs._measures import Column, Percent, Requests
from transparency_core._specs._tables import Breakdown
from transparency_core.predicates import (
    LegalProcessIs,
    NoticeIs,
    OutcomeIs,
    challenged_or_rejected,
    content_provided,
    has_legal_process,
    is_cross_border,
    only_non_content_provided,
)

if TYPE_CHECKING:
    from collections.abc import Sequence

    from transparency_core._model import Request
    from transparency_core._specs._tables import LegalProcess

__all__ = [
    "BASIS",
    "CHALLENGES",
    "CROSS_BORDER",
    "NOTIFICATION",
    "OUTCOMES",
    "SHIPPED_BREAKDOWNS",
    "legal_process_breakdown",
]


# BASIS: an emergency request, whatever its legal basis.
def _emergency(request: Request) -> bool:
    return request.emergency


# BASIS: a request on a court's legal process that is not an emergency.
def _legal_process_only(request: Request) -> bool:
    return not request.emergency and request.legal_process is not None


# BASIS: every other government request.
def _neither(request: Request) -> bool:
    return not request.emergency and request.legal_process is None


# Microsoft: every request by its one outcome, with shares.
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

# Ranking Digital Rights P12: whether, and why not, the customer was told.
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

# Apple and the Toolkit: emergency, legal process, or another government request.
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

# Apple: requests challenged in part or rejected, and their percentage.
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

# Every breakdown shipped; a report shows those it is asked for.
SHIPPED_BREAKDOWNS: tuple[Breakdown, ...] = (OUTCOMES, NOTIFICATION, BASIS, CHALLENGES)
"""The breakdowns this package defines; a report shows those it is asked for.

Example:
    >>> [breakdown.key for breakdown in SHIPPED_BREAKDOWNS]
    ['outcomes', 'notification', 'basis', 'challenges']
"""


# Table 4: "Government Requests by Legal Process Type", with each type's share (rule 7).
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


# Rule 9: "Xiaomi did not receive any cross-border requests": counted by country, and
# published with their total (zero included) as a disclosure, not as a table.
CROSS_BORDER = Breakdown(
    key="cross_border",
    title="Cross-Border Requests",
    columns=(Column(key="requests", heading="Number of Cross-Border Requests"),),
    where=is_cross_border,
    description=(
        "Requests for data held in another country than the requesting authority's. "
        "The report states them as a sentence, in the renderer's language."
    ),
)
"""The cross-border figures: by country, the requests for data held elsewhere (rule 9).

Example:
    >>> from transparency_core import reference_report
    >>> CROSS_BORDER.where.__name__, reference_report().cross_border.total.value
    ('is_cross_border', 0)
"""
