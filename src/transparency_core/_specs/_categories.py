"""The categories of requests and the legal process types, in the words of the reports.

Data only: each category is a :class:`~transparency_core.Category` spec whose columns
and definitions are the seed's, word for word (its Tables 1 to 3), and Table 4's legal
process types are its two; then the categories the major reports add, with Apple's
columns. A comment above each definition says where it comes from.

References:
    Xiaomi Transparency Report, January 1 - December 31, 2020: Tables 1 to 4 and the
    definitions below each table.
    Apple Transparency Report: emergency requests (since 2015), account preservation
    requests (since 2016), account restriction/deletion requests (since 2014).
"""

from __future__ import annotations

from transparency_core._i18n import N_
from transparency_core._model import Action
from transparency_core._specs._measures import Column, Percent, Requests, Subjects
from transparency_core._specs._tables import Category, LegalProcess
from transparency_core.predicates import (
    ActionTaken,
    challenged_or_rejected,
    content_provided,
    data_provided,
    only_non_content_provided,
)

__all__ = [
    "ACCOUNT",
    "ACCOUNT_PRESERVATION",
    "ACCOUNT_RESTRICTION_DELETION",
    "DEFAULT_CATEGORIES",
    "DEFAULT_LEGAL_PROCESSES",
    "DEVICE",
    "EMERGENCY",
    "FINANCIAL_IDENTIFIER",
    "SHIPPED_CATEGORIES",
]


# The seed's four columns of Tables 1 and 2: requests, subjects, provided, and its share.
def _columns(
    *,
    requests: tuple[str, str],
    subjects: tuple[str, str],
    provided: tuple[str, str],
    percent: tuple[str, str],
) -> tuple[Column, ...]:
    """The seed's four columns of a category, each a (heading, definition) pair."""
    return (
        Column(key="requests", heading=requests[0], definition=requests[1]),
        Column(key="subjects", heading=subjects[0], measure=Subjects(), definition=subjects[1]),
        Column(
            key="provided",
            heading=provided[0],
            measure=Requests(data_provided),
            definition=provided[1],
        ),
        Column(
            key="percent_provided",
            heading=percent[0],
            measure=Percent(data_provided),
            definition=percent[1],
        ),
    )


# Table 1: "Worldwide Government Device Requests".
DEVICE = Category(
    name="device",
    title=N_("Worldwide Government Device Requests"),
    identifier_types=("imei", "serial_number", "mac_address"),
    columns=_columns(
        requests=(
            N_("Number of Device-based Requests"),
            N_(
                "The number of device-based requests received. We count each request "
                "received from each country and report the total number of requests "
                "received by country."
            ),
        ),
        subjects=(
            N_("Number of Devices Requested"),
            N_(
                "The number of devices specified in the requests. One request may contain "
                "one or more device identifiers; several identifiers of one device count "
                "as one device."
            ),
        ),
        provided=(
            N_("Number of Device-based Requests Where Data Was Provided"),
            N_(
                "The number of device-based requests that resulted in data being provided. "
                "We count each device-based request where we provide data and report the "
                "total number of such instances by country."
            ),
        ),
        percent=(
            N_("Percentage of Device-based Requests Where Data Was Provided"),
            N_(
                "The number of device-based requests that resulted in data being provided "
                "per country compared to the total number of device-based requests received "
                "from that country."
            ),
        ),
    ),
    description=N_(
        "Device-based requests from governments globally, for example when law "
        "enforcement agencies trace lost or stolen devices. The countries listed are "
        "the only ones from which we have received such requests."
    ),
)

# Table 2: "Worldwide Government Financial Identifier Requests".
FINANCIAL_IDENTIFIER = Category(
    name="financial_identifier",
    title=N_("Worldwide Government Financial Identifier Requests"),
    identifier_types=("credit_card", "debit_card", "purchase_order", "transaction_id"),
    columns=_columns(
        requests=(
            N_("Number of Financial Identifier-based Requests"),
            N_(
                "The number of financial identifier-based requests received. We count each request "
                "received from each country and report the total number of requests "
                "received by country."
            ),
        ),
        subjects=(
            N_("Number of Financial Identifiers Requested"),
            N_(
                "The number of financial identifiers specified in the requests. One "
                "request may contain one or more financial identifiers."
            ),
        ),
        provided=(
            N_("Number of Financial Identifier-based Requests Where Data Was Provided"),
            N_(
                "The number of financial identifier-based requests that resulted in data "
                "being provided. We count each financial identifier-based request where we "
                "provide data and report the total number of such instances by country."
            ),
        ),
        percent=(
            N_("Percentage of Financial Identifier-based Requests Where Data Was Provided"),
            N_(
                "The number of financial identifier-based requests that resulted in data "
                "being provided per country compared to the total number of financial "
                "identifier-based requests received from that country."
            ),
        ),
    ),
    description=N_(
        "Requests based on financial identifiers such as credit or debit cards, "
        "generally seeking details of suspected fraudulent transactions."
    ),
)

# Table 3: "Worldwide Government Account Requests", provided split by content.
ACCOUNT = Category(
    name="account",
    title=N_("Worldwide Government Account Requests"),
    identifier_types=("account_id", "phone_number", "email"),
    columns=(
        Column(
            key="requests",
            heading=N_("Number of Account-based Requests"),
            definition=N_(
                "The number of account-based requests received. We count each request "
                "received from each country and report the total number of requests "
                "received by country."
            ),
        ),
        Column(
            key="subjects",
            heading=N_("Number of Accounts Requested"),
            measure=Subjects(),
            definition=N_(
                "The number of accounts specified in the requests. One request may contain "
                "one or more account identifiers; several identifiers of one account count "
                "as one account."
            ),
        ),
        Column(
            key="non_content_only",
            heading=N_("Number of Account-based Requests Where Only Non-Content Provided"),
            measure=Requests(only_non_content_provided),
            definition=N_(
                "The number of account-based requests that resulted in only non-content "
                "data being provided, such as registration information, login logs, "
                "bound devices, or transactional information."
            ),
        ),
        Column(
            key="content",
            heading=N_("Number of Account-based Requests Where Content Data Provided"),
            measure=Requests(content_provided),
            definition=N_(
                "The number of account-based requests that resulted in content data "
                "being provided, such as backups or contacts."
            ),
        ),
        Column(
            key="percent_provided",
            heading=N_("Percentage of Account-based Requests Provided"),
            measure=Percent(data_provided),
            definition=N_(
                "The number of account-based requests that resulted in data being "
                "provided (non-content or content) per country compared to the total "
                "number of account-based requests received from that country."
            ),
        ),
    ),
    description=N_(
        "Account-based requests, generally seeking details of accounts such as phone "
        "numbers or IP addresses, and in certain instances content such as backups or "
        "contacts."
    ),
)

# The seed's tables, in its order.
DEFAULT_CATEGORIES: tuple[Category, ...] = (DEVICE, FINANCIAL_IDENTIFIER, ACCOUNT)
"""The seed's categories, in the order of its tables.

Example:
    >>> [category.name for category in DEFAULT_CATEGORIES]
    ['device', 'financial_identifier', 'account']
"""

# Table 4's legal process types, with the seed's definitions.
DEFAULT_LEGAL_PROCESSES: tuple[LegalProcess, ...] = (
    LegalProcess(
        name="investigation_order",
        heading=N_("Investigation Order"),
        definition=N_(
            "An investigation order can be issued when a court or party cannot obtain "
            "evidence a litigant needs to proceed in a lawsuit. With court approval, an "
            "investigation order can be used to collect evidence from relevant entities "
            "or individuals."
        ),
    ),
    LegalProcess(
        name="other_court_order",
        heading=N_("Other Court Orders"),
        definition=N_(
            "A court order issued in either a criminal or civil case when there are "
            "reasonable grounds to believe that the information sought is relevant to "
            "an ongoing investigation or similar legal proceeding."
        ),
    ),
)
"""The seed's legal process types, in the order of its Table 4.

Example:
    >>> [process.heading for process in DEFAULT_LEGAL_PROCESSES]
    ['Investigation Order', 'Other Court Orders']
"""


_ACCOUNT_TYPES = ACCOUNT.identifier_types

# Apple: emergency requests, by device or account identifiers.
EMERGENCY = Category(
    name="emergency",
    title=N_("Worldwide Government Emergency Requests"),
    identifier_types=(*DEVICE.identifier_types, *_ACCOUNT_TYPES),
    columns=(
        Column(
            key="requests",
            heading=N_("Number of Emergency Requests"),
            definition=N_(
                "The number of requests citing an emergency: a threat to someone's life or "
                "safety that calls for an answer without delay."
            ),
        ),
        Column(
            key="provided",
            heading=N_("Number of Emergency Requests Where Data Was Provided"),
            measure=Requests(data_provided),
        ),
        Column(
            key="percent_provided",
            heading=N_("Percentage of Emergency Requests Where Data Was Provided"),
            measure=Percent(data_provided),
        ),
    ),
    description=N_("Emergency requests, as Apple reports them since 2015."),
)


# Apple's first two columns of a request for an action on accounts.
def _action_columns(heading: str) -> tuple[Column, Column]:
    """The requests and accounts columns of a category of requests for an action."""
    return (
        Column(key="requests", heading=heading),
        Column(
            key="subjects",
            heading=N_("Number of Accounts Specified in the Requests"),
            measure=Subjects(),
        ),
    )


# Apple: account preservation requests, and the accounts preserved.
ACCOUNT_PRESERVATION = Category(
    name="account_preservation",
    title=N_("Worldwide Government Account Preservation Requests"),
    identifier_types=_ACCOUNT_TYPES,
    columns=(
        *_action_columns(N_("Number of Account Preservation Requests")),
        Column(
            key="preserved",
            heading=N_("Number of Accounts for Which Data Was Preserved"),
            measure=Subjects(ActionTaken(Action.PRESERVED)),
            definition=N_("Accounts of requests whose response records the action 'preserved'."),
        ),
    ),
    description=N_(
        "Requests to preserve an account's data while the authority obtains legal process "
        "for it, as Apple reports them since 2016."
    ),
    action=True,
)

# Apple: account restriction/deletion requests, and the accounts restricted or deleted.
ACCOUNT_RESTRICTION_DELETION = Category(
    name="account_restriction_deletion",
    title=N_("Worldwide Government Account Restriction/Deletion Requests"),
    identifier_types=_ACCOUNT_TYPES,
    columns=(
        *_action_columns(N_("Number of Account Restriction/Deletion Requests")),
        Column(
            key="challenged_or_rejected",
            heading=N_("Number of Requests Challenged in Part or Rejected"),
            measure=Requests(challenged_or_rejected),
        ),
        Column(
            key="restricted",
            heading=N_("Number of Accounts Restricted"),
            measure=Subjects(ActionTaken(Action.RESTRICTED)),
        ),
        Column(
            key="deleted",
            heading=N_("Number of Accounts Deleted"),
            measure=Subjects(ActionTaken(Action.DELETED)),
        ),
    ),
    description=N_("Requests to restrict or delete an account, as Apple reports them since 2014."),
    action=True,
)


# Every category shipped: the seed's, then those of the major reports.
SHIPPED_CATEGORIES: tuple[Category, ...] = (
    *DEFAULT_CATEGORIES,
    EMERGENCY,
    ACCOUNT_PRESERVATION,
    ACCOUNT_RESTRICTION_DELETION,
)
"""Every category this package defines: the seed's, then those of the major reports.

Example:
    >>> [category.name for category in SHIPPED_CATEGORIES[3:]]
    ['emergency', 'account_preservation', 'account_restriction_deletion']
"""
