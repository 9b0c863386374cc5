"""The counting rules, in the order of the seed's "How do we count requests and responses?".

One block per rule: the sentence it implements, then the code that applies it here, or
the place that applies it: a table's spec (:mod:`transparency_core._specs`, with the
predicates of :mod:`transparency_core.predicates`), the counter
(:mod:`transparency_core._count`), or publishing (:mod:`transparency_core._publish`).
:class:`~transparency_core.Subtotals` counts a ledger by these rules and publishes it
(:mod:`transparency_core._subtotals`). The tests in ``tests/test_rules.py`` are named
after the same rules, and docs/rules.md works through each.

References:
    Xiaomi Transparency Report, January 1 - December 31, 2020: "How do we count requests
    and responses?", Tables 1 to 4 and their definitions.
    docs: "The counting rules", rules 1 to 10.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from transparency_core._report import LedgerSummary
from transparency_core._rounding import RoundingPolicy
from transparency_core._tally import Tally
from transparency_core.exceptions import InvalidLedgerError

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

    from transparency_core._count import Counts, Tabulation
    from transparency_core._model import Request
    from transparency_core._specs import Breakdown, LegalProcess

__all__ = [
    "DEFAULT_ROUNDING",
    "counted_processes",
    "one_request_per_id",
    "summary_of",
    "unregistered_processes",
]


# Rule 1: "A request counts once, in its category, country and the period of its
# received date." Rejected, pending and no-data requests count as received. The counter
# (Tabulation.count) puts each request of the period once in its category's table, in
# its country's row; a table's first measure counts every request (every_request).


# Rule 2: "Any request that we challenge or reject is not counted as an additional
# request." Records that repeat an id are one request (the Tally merges them); if they
# disagree, that is an error naming both records, never a silent choice.
def one_request_per_id(requests: Iterable[Request] | Tally) -> Tally:
    """The requests of a ledger, one per id.

    Raises:
        InvalidLedgerError: When repeated records of one id disagree.
    """
    tally = requests if isinstance(requests, Tally) else Tally.of(requests)
    if tally.conflicts:
        count = len(tally.conflicts)
        msg = f"{count} conflicting repeated record{'s' if count > 1 else ''} in the ledger"
        raise InvalidLedgerError(msg, list(tally.conflicts))
    return tally


# Rule 3: "If a request is amended, it is counted as a new request." A record with
# amends is a request of its own, and the amended one still counts: the counter counts
# it as any other; a finding (_findings) says when the amended id is not in the ledger.


# Rule 4: "If we are asked for more than one identifier of a device, we count that as a
# single request", and several identifiers of one account are one account: the Subjects
# measure (_specs) counts each request's distinct subjects (Request.subject_count),
# summed over requests by the counter.


# Rule 5: a request where data was provided is one whose outcome is provided, split for
# accounts into "only non-content" and "content": the predicates data_provided,
# only_non_content_provided and content_provided, which the categories' columns name.


# Rule 6: "Percentages are exact ratios rounded once, at the end": publishing divides
# the exact counts and rounds once (_Publisher.percentage), by this policy unless the
# caller chooses another.
DEFAULT_ROUNDING = RoundingPolicy()
"""Whole percent, half up, a blank for a zero denominator."""


# Rule 7: "The legal-process table gives each type's share of that country's
# legal-process requests." Table 4 is a spec (_specs: legal_process_breakdown): a
# column per registered type and, so that nothing is lost, one per other type a counted
# request rests on; the counter counts it as every table, publishing gives the shares.
def unregistered_processes(
    legal_processes: Sequence[LegalProcess], requests: Iterable[Request]
) -> list[str]:
    """The legal process types the requests name that are not registered, sorted.

    Table 4 is counted with a column for each; :func:`counted_processes` keeps those
    that a counted request rests on.
    """
    known = {process.name for process in legal_processes}
    named = {request.legal_process for request in requests}
    return sorted(name for name in named if name is not None and name not in known)


def counted_processes(
    table4: Breakdown, legal_processes: Sequence[LegalProcess], counts: Counts
) -> frozenset[str]:
    """The types of Table 4's columns for unregistered types that a counted request rests on."""
    counted = {measure for row in counts.get(table4.key, {}).values() for measure in row}
    return frozenset(
        column.key for column in table4.columns[len(legal_processes) :] if column.measure in counted
    )


# Rule 8: "The countries listed are the only ones from which we have received such
# requests." Publishing (_Publisher.table) gives a table a row for each country it
# counted a request of, in the order of their English names (_countries.country_order),
# in every language.


# Rule 9: cross-border requests are counted and disclosed, zero included ("Xiaomi did
# not receive any cross-border requests"): the CROSS_BORDER spec (_specs) is counted as
# every table is (Tabulation), the first of the tables across categories; publishing
# gives each country's figure and their total (_publish._cross_border).


# Rule 10: a record outside the report's period, or one that a rule leaves out, is
# never silently dropped: the counter lists every request it leaves out, with the reason
# (_count.left_out), and with provenance every request it counts, with where.
def summary_of(tally: Tally, counting: Tabulation) -> LedgerSummary:
    """How many records and requests the ledger holds, and how many were counted."""
    return LedgerSummary(
        records=sum(tally.records.values()),
        requests=len(tally.requests),
        counted=counting.counted,
        actions=counting.actions,
    )
