"""Measures and columns: what one cell of a table counts, and the column that shows it.

Each column of a table is a measure over the requests of one country: a count of
requests, a count of their subjects (devices, accounts, ...), or a percentage of one
count of requests in another. A measure names the predicate (see
:mod:`transparency_core.predicates`) that picks its requests.
"""

from __future__ import annotations

from collections.abc import Callable

import attrs

from transparency_core._model import Request
from transparency_core.predicates import every_request

__all__ = ["Column", "Measure", "Percent", "Predicate", "Requests", "Subjects"]

Predicate = Callable[[Request], bool]


@attrs.frozen
class Requests:
    """The number of requests ``where`` holds.

    Example:
        >>> from transparency_core import DEFAULT_CATEGORIES, reference_report
        >>> from transparency_core.predicates import data_provided
        >>> device = DEFAULT_CATEGORIES[0]
        >>> column = next(c for c in device.columns if c.key == "provided")
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
    country and report the total": distinct subjects per request, summed over requests
    (rule 4).

    Example:
        >>> from transparency_core import DEFAULT_CATEGORIES, reference_report
        >>> DEFAULT_CATEGORIES[0].columns[1].measure
        Subjects(where=<function every_request at ...>)
        >>> reference_report().table("device").cell("IN", "subjects").value
        48
    """

    where: Predicate = every_request


@attrs.frozen
class Percent:
    """The share of requests for which ``part`` holds among those ``whole`` holds for.

    Example:
        >>> from transparency_core import DEFAULT_CATEGORIES, reference_report
        >>> from transparency_core.predicates import data_provided
        >>> DEFAULT_CATEGORIES[0].columns[3].measure == Percent(data_provided)
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
