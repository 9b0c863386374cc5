"""Categories of requests and legal process types, with the columns their tables show.

A category says what its subjects are (devices, financial identifiers, accounts), which
identifier types belong to it, and the columns of its table. Each column is a measure
over the category's requests in one country: a count of requests, a count of subjects,
or a percentage. The seed's three categories are defined here in the seed's words.

References:
    Xiaomi Transparency Report, January 1 - December 31, 2020, Tables 1 to 4 and the
    definitions below each table.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import attrs

from transparency_core._disclosure import Disclosure
from transparency_core._i18n import N_
from transparency_core._model import Action, DataKind, Outcome, Request
from transparency_core.exceptions import AlreadyRegisteredError

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
    "ActionTaken",
    "Categories",
    "Category",
    "Column",
    "LegalProcess",
    "Measure",
    "Percent",
    "Requests",
    "Subjects",
    "challenged_or_rejected",
    "content_provided",
    "data_provided",
    "default_categories",
    "every_request",
    "only_non_content_provided",
]

Predicate = Callable[[Request], bool]


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
    return request.response.outcome is Outcome.PROVIDED


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
    return response.outcome is Outcome.PROVIDED and response.data is DataKind.NON_CONTENT


def content_provided(request: Request) -> bool:
    """Content data was provided, with or without non-content data.

    Example:
        >>> from transparency_core import reference_ledger
        >>> ledger = {request.id: request for request in reference_ledger()}
        >>> content_provided(ledger["CN-2020-A-0139"]), content_provided(ledger["CN-2020-A-0056"])
        (True, False)
    """
    response = request.response
    return response.outcome is Outcome.PROVIDED and response.data is DataKind.CONTENT


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
    return request.response.challenged or request.response.outcome is Outcome.REJECTED


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


@attrs.frozen
class Requests:
    """The number of requests ``where`` holds.

    Example:
        >>> from transparency_core import reference_report
        >>> column = next(c for c in DEVICE.columns if c.key == "provided")
        >>> column.measure == Requests(data_provided)
        True
        >>> reference_report().table("device").cell("IN", "provided").value
        19
    """

    where: Predicate = every_request


@attrs.frozen
class Subjects:
    """The number of subjects (devices, accounts, ...) named in requests ``where`` holds.

    "We count the number of devices identified in each request received from each
    country and report the total": distinct subjects per request, summed over requests.

    Example:
        >>> from transparency_core import reference_report
        >>> DEVICE.columns[1].measure
        Subjects(where=<function every_request at ...>)
        >>> reference_report().table("device").cell("IN", "subjects").value
        48
    """

    where: Predicate = every_request


@attrs.frozen
class Percent:
    """The share of requests for which ``part`` holds among those ``whole`` holds for.

    Example:
        >>> from transparency_core import reference_report
        >>> DEVICE.columns[3].measure == Percent(data_provided)
        True
        >>> reference_report().table("device").cell("IN", "percent_provided").value
        Decimal('79')
    """

    part: Predicate
    whole: Predicate = every_request


Measure = Requests | Subjects | Percent


@attrs.frozen(kw_only=True)
class Column:
    """One column of a table: a key, the heading printed, what it measures, and why.

    Example:
        >>> Column(key="requests", heading="Number of Device-based Requests").measure
        Requests(where=<function every_request at ...>)
    """

    key: str
    heading: str
    measure: Measure = Requests()
    definition: str = ""


@attrs.frozen(kw_only=True)
class Category:
    """A category of request, with its identifier types and its table's columns.

    Example:
        >>> DEVICE.name, DEVICE.identifier_types
        ('device', ('imei', 'serial_number', 'mac_address'))
        >>> [column.key for column in DEVICE.columns]
        ['requests', 'subjects', 'provided', 'percent_provided']
    """

    name: str
    title: str
    identifier_types: tuple[str, ...]
    columns: tuple[Column, ...]
    description: str = ""
    disclosure: Disclosure | None = None
    """How this category's counts are published, when not exactly: national-security
    demands in bands, say. It takes precedence over the report's policy."""
    action: bool = False
    """Whether its requests ask for an action on accounts (preserve, restrict, delete)
    rather than for data. A preservation is not a disclosure: by default such requests
    are counted in their own table only, not in the legal process table, the
    breakdowns, the cross-border figures or the requests counted (as Google keeps
    preservation requests out of its totals); ``build_report(..., actions_in_totals=True)``
    counts them there too (as TikTok does)."""


@attrs.frozen(kw_only=True)
class LegalProcess:
    """A type of legal process a request can rest on, such as an investigation order.

    Example:
        >>> [process.name for process in DEFAULT_LEGAL_PROCESSES]
        ['investigation_order', 'other_court_order']
        >>> LegalProcess(name="warrant", heading="Search Warrants").definition
        ''
    """

    name: str
    heading: str
    definition: str = ""


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

DEFAULT_CATEGORIES: tuple[Category, ...] = (DEVICE, FINANCIAL_IDENTIFIER, ACCOUNT)
"""The seed's categories, in the order of its tables.

Example:
    >>> [category.name for category in DEFAULT_CATEGORIES]
    ['device', 'financial_identifier', 'account']
"""

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


@attrs.define
class Categories:
    """A registry of categories: the ones a ledger may name, in registration order.

    Registries are plain objects, made by :func:`default_categories` or empty; nothing is
    registered globally, so two services can count by different categories side by side.

    Example:
        >>> categories = default_categories()
        >>> "device" in categories, len(categories)
        (True, 6)
        >>> push_token = Category(
        ...     name="push_token",
        ...     title="Worldwide Government Push Token Requests",
        ...     identifier_types=("push_token",),
        ...     columns=(Column(key="requests", heading="Number of Push Token Requests"),),
        ... )
        >>> categories.register(push_token)
        >>> categories["push_token"].title
        'Worldwide Government Push Token Requests'
    """

    _by_name: dict[str, Category] = attrs.field(factory=dict, alias="by_name")

    def register(self, category: Category, *, replace: bool = False) -> None:
        """Add ``category``; a name already registered needs ``replace=True``.

        Raises:
            AlreadyRegisteredError: When the name is taken and ``replace`` is false (a
                ``ValueError``).
        """
        if category.name in self._by_name and not replace:
            raise AlreadyRegisteredError("category", category.name)
        self._by_name[category.name] = category

    def __contains__(self, name: object) -> bool:
        """Whether a category of this name is registered."""
        return name in self._by_name

    def __iter__(self) -> Iterator[Category]:
        """The categories, in the order they were registered."""
        return iter(self._by_name.values())

    def __len__(self) -> int:
        """How many categories are registered."""
        return len(self._by_name)

    def __getitem__(self, name: str) -> Category:
        """The category called ``name``.

        Raises:
            KeyError: When none is.
        """
        return self._by_name[name]


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


def default_categories() -> Categories:
    """A new registry holding every shipped category, for a caller to add to.

    Example:
        >>> registry = default_categories()
        >>> "device" in registry, len(registry)
        (True, 6)
        >>> registry is default_categories()
        False
    """
    registry = Categories()
    for category in SHIPPED_CATEGORIES:
        registry.register(category)
    return registry
