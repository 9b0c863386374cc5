"""What a report was counted by: its :class:`Settings`, enough to count it again.

:func:`~transparency_core.build_report` keeps its arguments here (with the report's
period, rounding and company), so that a published report can say how it was made
(JSON version 2's ``settings``) and :func:`~transparency_core.verify` can recount it.
"""

from __future__ import annotations

import attrs

from transparency_core._disclosure import Disclosure
from transparency_core._specs import (
    DEFAULT_CATEGORIES,
    DEFAULT_LEGAL_PROCESSES,
    Breakdown,
    Category,
    LegalProcess,
)
from transparency_core._subjects import SubjectCounting

__all__ = ["Settings"]


@attrs.frozen(kw_only=True)
class Settings:
    """What a report was counted by, besides its period and rounding: enough to recount it.

    :func:`build_report` keeps its arguments here, so that a published report can say
    how it was made and :func:`~transparency_core.verify` can count it again.

    Example:
        >>> from transparency_core import Suppression, build_report, reference_ledger
        >>> from transparency_core import reference_period
        >>> report = build_report(reference_ledger(), reference_period(),
        ...                       disclosure=Suppression(10))
        >>> [category.name for category in report.settings.categories], report.settings.disclosure
        (['device', 'financial_identifier', 'account'], Suppression(threshold=10))
    """

    categories: tuple[Category, ...] = DEFAULT_CATEGORIES
    legal_processes: tuple[LegalProcess, ...] = DEFAULT_LEGAL_PROCESSES
    breakdowns: tuple[Breakdown, ...] = ()
    disclosure: Disclosure | None = None
    """The report's disclosure policy; a category's own takes precedence for its table."""
    actions_in_totals: bool = False
    subjects: SubjectCounting = SubjectCounting.DISTINCT
    """What the subjects columns count: distinct devices or accounts, or identifiers."""
    totals: bool = False
    """Whether each table ends with its total row."""
