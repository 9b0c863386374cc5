"""Predicates on a request, for the measures of a category's columns.

A column counts the requests (or their subjects) for which a predicate holds. These are
the predicates the shipped categories use; any ``Callable[[Request], bool]`` will do, and
a module-level function or a frozen attrs class (like :class:`ActionTaken`) keeps a
category picklable.

Example:
    >>> from transparency_core import Column, Requests
    >>> Column(
    ...     key="challenged",
    ...     heading="Requests Challenged in Part or Rejected",
    ...     measure=Requests(challenged_or_rejected),
    ... ).key
    'challenged'
"""

from transparency_core._breakdowns import LegalProcessIs, NoticeIs, OutcomeIs, has_legal_process
from transparency_core._categories import (
    ActionTaken,
    challenged_or_rejected,
    content_provided,
    data_provided,
    every_request,
    only_non_content_provided,
)

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
    "only_non_content_provided",
]
