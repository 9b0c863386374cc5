"""The counting rules: from request records to the figures of a report.

Each rule quotes the sentence of the seed's methodology ("How do we count requests and
responses?") or of the ledger contract that it implements; the tests in
``tests/test_rules.py`` are named after the same rules.

References:
    Xiaomi Transparency Report, January 1 - December 31, 2020: "How do we count requests
    and responses?", Tables 1 to 4 and their definitions.
    docs: "The counting rules", rules 1 to 10.
"""

from __future__ import annotations

from fractions import Fraction
from typing import TYPE_CHECKING

from babel import Locale

from transparency_core._breakdowns import Breakdown, legal_process_breakdown
from transparency_core._categories import (
    DEFAULT_CATEGORIES,
    DEFAULT_LEGAL_PROCESSES,
    Category,
    Column,
    LegalProcess,
    Percent,
    Requests,
    Subjects,
)
from transparency_core._period import ReportingPeriod  # noqa: TC001 -- used at runtime
from transparency_core._report import (
    Cell,
    CrossBorder,
    Disposition,
    Figure,
    Finding,
    LedgerEntry,
    Percentage,
    Report,
    Row,
    RowKind,
    Table,
)
from transparency_core._rounding import RoundingPolicy
from transparency_core._tally import Tally
from transparency_core.exceptions import InvalidLedgerError

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping, Sequence

    from transparency_core._disclosure import Disclosure
    from transparency_core._model import (
        Request,
    )

__all__ = ["build_report"]

_ENGLISH_NAMES = Locale("en").territories
DEFAULT_ROUNDING = RoundingPolicy()


def country_order(code: str) -> tuple[str, str]:
    """Sort countries by English name, then code: the seed's order, in every locale."""
    return (_ENGLISH_NAMES.get(code, code), code)


def _figure(
    requests: Sequence[Request], where: Requests | Subjects, disclosure: Disclosure | None
) -> Figure:
    chosen = [request for request in requests if where.where(request)]
    ids = tuple(request.id for request in chosen)
    if isinstance(where, Subjects):
        value = sum(request.subject_count for request in chosen)
    else:
        value = len(chosen)
    published = disclosure.publish(value) if disclosure is not None else value
    return Figure(value, ids, None if isinstance(published, int) else published)


def _percentage(part: Figure, whole: Figure, rounding: RoundingPolicy) -> Percentage:
    # Rule 6: "Percentages are exact ratios rounded once, at the end." A percentage of
    # a banded or suppressed count would give the count away: it is withheld.
    if part.shown is not None or whole.shown is not None:
        return Percentage(part, whole, None)
    ratio = Fraction(part.value, whole.value) if whole.value else None
    return Percentage(part, whole, rounding.percent(ratio))


def _cell(
    requests: Sequence[Request],
    column: Column,
    rounding: RoundingPolicy,
    disclosure: Disclosure | None,
) -> Cell:
    measure = column.measure
    if isinstance(measure, Percent):
        part = _figure(requests, Requests(measure.part), disclosure)
        whole = _figure(requests, Requests(measure.whole), disclosure)
        return _percentage(part, whole, rounding)
    return _figure(requests, measure, disclosure)


def _table(  # noqa: PLR0913 -- a table's parts, by name
    *,
    key: str,
    title: str,
    description: str,
    columns: tuple[Column, ...],
    by_country: dict[str, list[Request]],
    rounding: RoundingPolicy,
    disclosure: Disclosure | None,
    shares: bool = False,
) -> Table:
    # Rule 8: "The countries listed are the only ones from which we have received
    # requests."
    rows: list[Row] = []
    for country in sorted(by_country, key=country_order):
        requests = by_country[country]
        cells = tuple(_cell(requests, column, rounding, disclosure) for column in columns)
        rows.append(Row(country, cells))
        if shares:
            # Rule 7: "each type's share of that country's legal-process requests".
            whole = _figure(requests, Requests(), disclosure)
            counts = [cell for cell in cells if isinstance(cell, Figure)]
            values = rounding.shares([count.value for count in counts])
            if whole.shown is not None or any(count.shown is not None for count in counts):
                values = tuple(None for _ in counts)
            percentages = tuple(
                Percentage(count, whole, value) for count, value in zip(counts, values, strict=True)
            )
            rows.append(Row(country, percentages, RowKind.SHARES))
    return Table(key=key, title=title, columns=columns, rows=tuple(rows), description=description)


def _breakdown_table(
    breakdown: Breakdown,
    counted: Iterable[Request],
    rounding: RoundingPolicy,
    disclosure: Disclosure | None,
) -> Table:
    by_country: dict[str, list[Request]] = {}
    for request in counted:
        if breakdown.where(request):
            by_country.setdefault(request.country, []).append(request)
    return _table(
        key=breakdown.key,
        title=breakdown.title,
        description=breakdown.description,
        columns=breakdown.columns,
        by_country=by_country,
        rounding=rounding,
        disclosure=disclosure,
        shares=breakdown.shares,
    )


def _findings(requests: Mapping[str, Request], period: ReportingPeriod) -> tuple[Finding, ...]:
    """Warnings that do not stop the count: they are shown with the report."""
    found: list[Finding] = []
    for request_id in sorted(requests):
        request = requests[request_id]
        if request.amends is not None and request.amends not in requests:
            found.append(
                Finding(
                    request_id,
                    "amends",
                    f"amends {request.amends!r}, which is not in the ledger",
                )
            )
        identifiers = request.identifiers
        if len({(identifier.type, identifier.value) for identifier in identifiers}) == len(
            identifiers
        ):
            identifiers = ()  # the usual case: no identifier is listed twice
        seen: set[tuple[str, str]] = set()
        for index, identifier in enumerate(identifiers):
            key = (identifier.type, identifier.value)
            if key in seen:
                found.append(
                    Finding(
                        request_id,
                        f"identifiers[{index}]",
                        f"lists {identifier.type} {identifier.value!r} more than once",
                    )
                )
            seen.add(key)
        if period.released is not None and request.received > period.released:
            found.append(
                Finding(
                    request_id,
                    "received",
                    f"received {request.received.isoformat()}, after the report's release "
                    f"on {period.released.isoformat()}",
                )
            )
    return tuple(found)


def build_report(  # noqa: PLR0913 -- each keyword is an independent, documented policy
    requests: Iterable[Request] | Tally,
    period: ReportingPeriod,
    *,
    categories: Sequence[Category] = DEFAULT_CATEGORIES,
    legal_processes: Sequence[LegalProcess] = DEFAULT_LEGAL_PROCESSES,
    rounding: RoundingPolicy = DEFAULT_ROUNDING,
    breakdowns: Sequence[Breakdown] = (),
    disclosure: Disclosure | None = None,
    company: str | None = None,
) -> Report:
    """Count ``requests`` into a report for ``period``.

    Args:
        requests: The ledger, as value objects (see :func:`structure_ledger` to read
            JSON-ready records), in any order, repeated ids being one request; or the
            :class:`Tally` of it, merged from parts counted apart.
        period: The reporting period; requests received outside it are left out and
            listed as such in :attr:`Report.entries`.
        categories: The categories to tabulate, one table each, in this order.
        legal_processes: The legal process types of the legal process table.
        rounding: How percentages are rounded: whole percent, half up by default.
        breakdowns: Tables across categories to add after the legal process table,
            such as :data:`OUTCOMES` or :data:`NOTIFICATION`.
        disclosure: How counts are published: exactly (by default), in bands
            (:class:`Banding`) or with small counts suppressed (:class:`Suppression`).
            A category's own :attr:`Category.disclosure` takes precedence for its table.
            The exact counts stay in the report, for audit.
        company: The company's name, for the title and the disclosures.

    Returns:
        The report, with the request ids behind every figure.

    Raises:
        InvalidLedgerError: When repeated records of one id disagree (rule 2).

    Example:
        >>> from datetime import date
        >>> from transparency_core import Identifier, Outcome, Request, Response
        >>> request = Request(
        ...     id="SE-1",
        ...     received=date(2020, 5, 4),
        ...     country="SE",
        ...     category="device",
        ...     identifiers=[Identifier("imei", "356938035643809")],
        ...     response=Response(Outcome.REJECTED),
        ... )
        >>> report = build_report([request], ReportingPeriod.calendar_year(2020))
        >>> report.table("device").cell("SE", "requests")
        Figure(value=1, ids=('SE-1',), shown=None)
        >>> report.table("device").cell("SE", "percent_provided").value
        Decimal('0')
    """
    tally = requests if isinstance(requests, Tally) else Tally.of(requests)
    if tally.conflicts:
        count = len(tally.conflicts)
        msg = f"{count} conflicting repeated record{'s' if count > 1 else ''} in the ledger"
        raise InvalidLedgerError(msg, list(tally.conflicts))
    merged, records = tally.requests, tally.records
    tabulated = {category.name: category for category in categories}
    by_category: dict[str, dict[str, list[Request]]] = {name: {} for name in tabulated}
    cross_border: dict[str, list[Request]] = {}
    counted: list[Request] = []
    entries: list[LedgerEntry] = []
    reasons: dict[tuple[str, str], str] = {}  # one string per table and country, shared

    for request_id in sorted(merged):
        request = merged[request_id]
        # Rule 1: "A request counts once, in its category, country and the period of
        # its received date." Rule 10: nothing outside the period is silently dropped.
        if request.received not in period:
            side = "before" if request.received < period.start else "after"
            reason = f"received {request.received.isoformat()}, {side} the period {period}"
            disposition = Disposition.OUT_OF_PERIOD
        elif request.category not in tabulated:
            reason = f"category {request.category!r} has no table in this report"
            disposition = Disposition.CATEGORY_NOT_IN_REPORT
        else:
            # Rule 3: "If a request is amended, it is counted as a new request": an
            # amending record is a request of its own and the amended one still counts.
            by_category[request.category].setdefault(request.country, []).append(request)
            counted.append(request)
            # Rule 9: cross-border requests are counted and disclosed, zero included.
            if request.cross_border:
                cross_border.setdefault(request.country, []).append(request)
            where = (request.category, request.country)
            reason = reasons.get(where) or reasons.setdefault(
                where, f"counted in {', '.join(where)}"
            )
            disposition = Disposition.COUNTED
        entries.append(LedgerEntry(request_id, records[request_id], disposition, reason))

    known = {process.name for process in legal_processes}
    unregistered = sorted(
        {request.legal_process for request in counted if request.legal_process} - known
    )
    tables = (
        *(
            _table(
                key=category.name,
                title=category.title,
                description=category.description,
                columns=category.columns,
                by_country=by_category[category.name],
                rounding=rounding,
                disclosure=category.disclosure or disclosure,
            )
            for category in tabulated.values()
        ),
        *(
            _breakdown_table(breakdown, counted, rounding, disclosure)
            for breakdown in (
                legal_process_breakdown(legal_processes, unregistered),
                *breakdowns,
            )
        ),
    )
    every_cross_border = sorted(
        (request for requests in cross_border.values() for request in requests),
        key=lambda request: request.id,
    )
    return Report(
        period=period,
        tables=tables,
        cross_border=CrossBorder(
            _figure(every_cross_border, Requests(), None),
            tuple(
                (country, _figure(cross_border[country], Requests(), None))
                for country in sorted(cross_border, key=country_order)
            ),
        ),
        entries=tuple(entries),
        rounding=rounding,
        company=company,
        findings=_findings(merged, period),
    )
