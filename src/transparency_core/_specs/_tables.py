"""Table specs: a category of requests and its table, a breakdown, a legal process type.

A spec declares a table and counts nothing: which requests it counts, its columns (each
a measure, see :mod:`transparency_core._specs._measures`) and the words printed with it.
The counter (:mod:`transparency_core._count`) counts every table from its spec.
"""

from __future__ import annotations

import attrs

from transparency_core._disclosure import Disclosure
from transparency_core._i18n import N_
from transparency_core._specs._measures import Column, Predicate
from transparency_core.predicates import every_request

__all__ = ["Breakdown", "Category", "LegalProcess"]


@attrs.frozen(kw_only=True)
class Category:
    """A category of request, with its identifier types and its table's columns.

    Example:
        >>> from transparency_core import DEFAULT_CATEGORIES
        >>> device = DEFAULT_CATEGORIES[0]
        >>> device.name, device.identifier_types
        ('device', ('imei', 'serial_number', 'mac_address'))
        >>> [column.key for column in device.columns]
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
        >>> from transparency_core import DEFAULT_LEGAL_PROCESSES
        >>> [process.name for process in DEFAULT_LEGAL_PROCESSES]
        ['investigation_order', 'other_court_order']
        >>> LegalProcess(name="warrant", heading="Search Warrants").definition
        ''
    """

    name: str
    heading: str
    definition: str = ""


@attrs.frozen(kw_only=True)
class Breakdown:
    """A table across categories: its columns, which requests it counts, and shares.

    Example:
        >>> from transparency_core import OUTCOMES
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
