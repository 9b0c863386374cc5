"""What the command line counts a ledger by: the definition's categories, tables, policies.

A :class:`Counting` is made once from the report definition (``_settings``) and passed
down to every counter: the out-of-core one (``_filecount``), the spreadsheet one
(``_sheetfile``), and a series' (:class:`~transparency_core._series.CountOptions`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import attrs

from transparency_core._series import CountOptions
from transparency_core._specs import (
    DEFAULT_CATEGORIES,
    DEFAULT_LEGAL_PROCESSES,
    Breakdown,
    Category,
    LegalProcess,
)
from transparency_core._subjects import SubjectCounting
from transparency_core._subtotals import Subtotals

if TYPE_CHECKING:
    from collections.abc import Iterable

    from transparency_core._model import Request
    from transparency_core._period import ReportingPeriod
    from transparency_core._tally import Tally

__all__ = ["COUNT_AS_SHIPPED", "Counting"]


@attrs.frozen(kw_only=True)
class Counting:
    """What a ledger is counted by: the arguments of ``Subtotals.of`` but two.

    The two are the requests and the period.
    """

    registry: tuple[Category, ...] | None = None
    """The categories a record may name; ``None``: the shipped ones."""
    categories: tuple[Category, ...] = DEFAULT_CATEGORIES
    legal_processes: tuple[LegalProcess, ...] = DEFAULT_LEGAL_PROCESSES
    breakdowns: tuple[Breakdown, ...] = ()
    actions_in_totals: bool = False
    subjects: SubjectCounting = SubjectCounting.DISTINCT
    response_times: bool = False
    """Whether the medians of the response times are counted (they keep every time)."""

    def subtotals(
        self,
        requests: Iterable[Request] | Tally,
        period: ReportingPeriod,
        *,
        provenance: bool,
        amendments: list[tuple[str, str]] | None = None,
    ) -> Subtotals:
        """The subtotals of ``requests`` counted this way."""
        return Subtotals.of(
            requests,
            period,
            categories=self.categories,
            legal_processes=self.legal_processes,
            breakdowns=self.breakdowns,
            provenance=provenance,
            amendments=amendments,
            actions_in_totals=self.actions_in_totals,
            subjects=self.subjects,
            response_times=self.response_times,
        )

    def series_options(self, *, provenance: bool) -> CountOptions:
        """The same, for every period of a series."""
        return CountOptions(
            categories=self.categories,
            legal_processes=self.legal_processes,
            breakdowns=self.breakdowns,
            provenance=provenance,
            actions_in_totals=self.actions_in_totals,
            subjects=self.subjects,
            response_times=self.response_times,
        )


COUNT_AS_SHIPPED = Counting()
"""The shipped categories, the seed's tables, no breakdowns: the command's default."""
