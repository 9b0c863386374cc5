"""Where each ledger record went: counted, or left out and why; and the findings.

Part of the finished report (:mod:`transparency_core._report`): every record is in
:attr:`Report.entries` or counted in its summary, and a finding is worth a look.
"""

from __future__ import annotations

import enum

import attrs

__all__ = ["Disposition", "Finding", "LedgerEntry", "LedgerSummary", "entry"]


class Disposition(enum.StrEnum):
    """Where a request went: counted, or left out and why.

    Example:
        >>> from collections import Counter
        >>> from transparency_core import reference_report
        >>> Counter(entry.disposition.value for entry in reference_report().entries)
        Counter({'counted': 233, 'out_of_period': 4})
    """

    COUNTED = "counted"
    """Counted in its category's table (and in Table 4 if it has a legal process)."""
    OUT_OF_PERIOD = "out_of_period"
    """Received before or after the reporting period."""
    CATEGORY_NOT_IN_REPORT = "category_not_in_report"
    """Its category has no table in this report."""
    OWN_TABLE_ONLY = "own_table_only"
    """Counted in its category's table only: a request for an action (a preservation,
    a restriction, a deletion), kept out of the totals (see :attr:`Category.action`)."""


@attrs.frozen
class LedgerEntry:
    """What became of one request id of the ledger, and of the records that carry it.

    ``records`` is how many ledger records carry the id: repeats are one request.

    Example:
        >>> from transparency_core import reference_report
        >>> entry = next(e for e in reference_report().entries if e.records > 1)
        >>> entry.records, entry.disposition.value
        (2, 'counted')
    """

    id: str
    records: int
    disposition: Disposition
    reason: str


_NEW = object.__new__
_SET_ID, _SET_RECORDS, _SET_DISPOSITION, _SET_REASON = (
    getattr(LedgerEntry, field.name).__set__ for field in attrs.fields(LedgerEntry)
)


def entry(request_id: str, records: int, disposition: Disposition, reason: str) -> LedgerEntry:
    """``LedgerEntry(request_id, records, disposition, reason)``, made for the counter's loop.

    The same object, equal and pickled alike, made by setting its four slots directly:
    a third cheaper than the frozen class's ``__init__``, which sets each through
    ``object.__setattr__``. Exact because :class:`LedgerEntry` has no default,
    converter, validator or post-init step (``tests/test_entries.py`` checks).

    Example:
        >>> made = entry("A-1", 2, Disposition.COUNTED, "counted in device, IN")
        >>> made == LedgerEntry("A-1", 2, Disposition.COUNTED, "counted in device, IN")
        True
    """
    made = _NEW(LedgerEntry)
    _SET_ID(made, request_id)
    _SET_RECORDS(made, records)
    _SET_DISPOSITION(made, disposition)
    _SET_REASON(made, reason)
    return made


@attrs.frozen
class LedgerSummary:
    """How many records and requests a report covers, and how many it counted.

    Example:
        >>> from transparency_core import reference_report
        >>> reference_report().summary
        LedgerSummary(records=241, requests=237, counted=233, actions=0)
    """

    records: int
    """The ledger records read, repeats included."""
    requests: int
    """The distinct request ids among them: a repeat is one request."""
    counted: int
    """The requests counted in the tables and the totals; the others are in
    :meth:`Report.left_out`, or in :attr:`actions`."""
    actions: int = 0
    """The requests for an action (a preservation, a restriction, a deletion) counted
    in their own table only, outside the totals (see :attr:`Category.action`)."""

    @classmethod
    def of(cls, entries: tuple[LedgerEntry, ...]) -> LedgerSummary:
        """The summary of ``entries``, one per request id.

        Example:
            >>> LedgerSummary.of((LedgerEntry("A-1", 2, Disposition.COUNTED, "counted"),))
            LedgerSummary(records=2, requests=1, counted=1, actions=0)
        """
        return cls(
            records=sum(entry.records for entry in entries),
            requests=len(entries),
            counted=sum(1 for entry in entries if entry.disposition is Disposition.COUNTED),
            actions=sum(1 for entry in entries if entry.disposition is Disposition.OWN_TABLE_ONLY),
        )


@attrs.frozen
class Finding:
    """Something in the ledger worth a look that does not stop the count.

    Example:
        >>> Finding("IN-7", "amends", "amends 'IN-3', which is not in the ledger")
        Finding(id='IN-7', field='amends', message="amends 'IN-3', which is not in the ledger")
    """

    id: str
    field: str
    message: str
