"""Reports side by side, laid out as words: one table per table, a column per period.

The document of a :class:`~transparency_core.Comparison` of two or more reports, and of
a :class:`~transparency_core.Series`, shown by every renderer of blocks (text, Markdown,
HTML) as a report's document is. The rows of each table are in the reader's order, by
country name collated for the locale, as a report's rows are
(:func:`._document.in_reading_order`), a total row last. A comparison ends each row
with the change; a change between reports counted differently is not shown as a
change: its cell says "not comparable", and a paragraph under the table says why.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from transparency_core._compare import matched
from transparency_core._period import ReportingPeriod
from transparency_core._render._collate import collation_key
from transparency_core._render._document import (
    Block,
    Definitions,
    Heading,
    Paragraph,
    TextTable,
    cell_text,
    cross_border_sentence,
    ledger_summary,
    report_title,
    total_label,
)
from transparency_core._render._timecolumns import TableTimes, table_times
from transparency_core._report import Percentage, Row, RowKind

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

    from transparency_core._compare import Change, Comparison
    from transparency_core._render._format import Formatter
    from transparency_core._series import Series

__all__ = ["comparison_document", "series_document"]


def _signed(difference: int | Decimal | None, formatter: Formatter, *, points: bool) -> str:
    if difference is None:
        return ""
    sign = "+" if difference > 0 else "-" if difference < 0 else ""
    if isinstance(difference, Decimal):
        magnitude = formatter.number(difference.copy_abs())
    else:
        magnitude = formatter.count(abs(difference))
    if points:
        return formatter.gettext("{sign}{value} pp", sign=sign, value=magnitude)
    return f"{sign}{magnitude}"


def _in_reading_order(changes: Iterable[Change], formatter: Formatter) -> list[Change]:
    """``changes`` sorted, in each table, by country name in the formatter's language.

    The tables keep their order, a total row comes last, and a country's changes keep
    the comparison's order (counts, then shares; column by column): the sort is stable.
    """
    key = collation_key(formatter.locale)
    changes = tuple(changes)
    tables = {table: place for place, table in enumerate(dict.fromkeys(c.table for c in changes))}
    return sorted(
        changes,
        key=lambda change: (
            tables[change.table],
            not change.country,
            key(formatter.country(change.country) if change.country else ""),
        ),
    )


def _label(change: Change, formatter: Formatter) -> str:
    """The row's label, in a report's words: "China", "Percentage of total, China".

    A total row's are "All countries" and "Percentage of total, All countries".
    """
    if not change.country:
        return total_label(Row("", (), change.kind), formatter)
    label = formatter.country(change.country)
    if change.kind is RowKind.SHARES:
        label = formatter.gettext("Percentage of total, {country}", country=label)
    return label


def _figures(change: Change, formatter: Formatter) -> tuple[str, ...]:
    """The row's label, its figure's heading, and its cell in each report (blank: none)."""
    shown = ("" if cell is None else cell_text(cell, formatter) for cell in change.values)
    return (_label(change, formatter), formatter.gettext(change.heading), *shown)


def _row(change: Change, formatter: Formatter) -> tuple[str, ...]:
    points = any(isinstance(cell, Percentage) for cell in change.values)
    difference = (
        formatter.gettext("not comparable")
        if change.reason
        else _signed(change.difference, formatter, points=points)
    )
    return (*_figures(change, formatter), difference)


def _headings(comparison: Comparison, formatter: Formatter) -> list[str]:
    """Each report's column heading: its period, numbered when two reports share one.

    Reports of one period counted by other settings are told apart by their place:
    "2020 (1)", "2020 (2)".
    """
    periods = [formatter.period(report.period) for report in comparison.reports]
    return [
        f"{period} ({formatter.count(place)})" if periods.count(period) > 1 else period
        for place, period in enumerate(periods, start=1)
    ]


def comparison_document(comparison: Comparison, formatter: Formatter) -> tuple[Block, ...]:
    """Lay the reports out side by side, one table per table of any, with changes.

    The change is from the first report to the last; with more than two, each report's
    figure is in its own column, in order, headed by its period (numbered by its place
    among the reports compared when another report has the same period).
    """
    periods = _headings(comparison, formatter)
    blocks: list[Block] = [
        Heading(formatter.gettext("Transparency Report: Changes"), 1),
        Paragraph(
            formatter.gettext(
                "{before} compared with {after}",
                before=periods[0],
                after=formatter.join(periods[1:]),
            )
        ),
    ]
    titles = {t.key: t.title for r in comparison.reports for t in r.tables}
    by_table: dict[str, list[tuple[str, ...]]] = {}
    reasons: dict[str, dict[str, None]] = {}
    for change in _in_reading_order(comparison.changes, formatter):
        by_table.setdefault(change.table, []).append(_row(change, formatter))
        if change.reason:
            reasons.setdefault(change.table, {})[change.reason] = None
    for key, rows in by_table.items():
        blocks.append(Heading(formatter.gettext(titles[key]), 2))
        blocks.append(
            TextTable(
                header=(
                    formatter.gettext("Country"),
                    formatter.gettext("Figure"),
                    *periods,
                    formatter.gettext("Change"),
                ),
                rows=tuple(rows),
                numeric=(False, False, *(True for _ in periods), True),
            )
        )
        blocks.extend(
            Paragraph(formatter.gettext("Not comparable: {reason}.", reason=reason))
            for reason in reasons.get(key, {})
        )
    return tuple(blocks)


def _series_rows(series: Series, formatter: Formatter) -> Iterator[tuple[str, tuple[str, ...]]]:
    """Each table's rows of a series, by table key: a row per figure of each country.

    With response times, a country's figures are followed by its times, a row each.
    """
    times = [
        {table.key: table_times(report, table) for table in report.tables}
        for report in series.reports
    ]
    changes = _in_reading_order(matched(series.reports), formatter)
    for at, change in enumerate(changes):
        yield change.table, _figures(change, formatter)
        group = (change.table, change.country, change.kind)
        following = changes[at + 1] if at + 1 < len(changes) else None
        last = following is None or (following.table, following.country, following.kind) != group
        if last and change.country and change.kind is RowKind.COUNTS:
            yield from _time_rows(times, change.table, change.country, formatter)


def _time_rows(
    times: list[dict[str, TableTimes | None]], key: str, country: str, formatter: Formatter
) -> Iterator[tuple[str, tuple[str, ...]]]:
    """A country's response times in each period, a row per time column (none without)."""
    found = [period.get(key) for period in times]
    if all(table is None for table in found):
        return
    row = Row(country, (), RowKind.COUNTS)
    blank = ("",) * len(TableTimes.headings(formatter))
    cells = [blank if table is None else table.texts(row, formatter) for table in found]
    label = formatter.country(country)
    for at, heading in enumerate(TableTimes.headings(formatter)):
        yield key, (label, heading, *(period[at] for period in cells))


def series_document(series: Series, formatter: Formatter) -> tuple[Block, ...]:
    """Lay a series out: one table per table of any period, a column per period.

    Each row is a country's figure (or all countries', with totals); a period in which
    the country has no row is blank. Then, a line per period, its cross-border requests
    and what it counted and left out, as a report says them.
    """
    reports = series.reports
    if not reports:
        return ()
    span = ReportingPeriod(reports[0].period.start, reports[-1].period.end)
    blocks: list[Block] = [
        Heading(report_title(reports[0], formatter), 1),
        Paragraph(formatter.gettext("Government Requests for User Information")),
        Paragraph(formatter.period(span)),
    ]
    titles = {t.key: t.title for r in reports for t in r.tables}
    by_table: dict[str, list[tuple[str, ...]]] = {}
    for key, row in _series_rows(series, formatter):
        by_table.setdefault(key, []).append(row)
    for key, title in titles.items():
        heading = formatter.gettext(title)
        blocks.append(Heading(heading, 2))
        rows = by_table.get(key)
        if not rows:
            blocks.append(
                Paragraph(
                    formatter.gettext("No requests of this kind were received in the period.")
                )
            )
            continue
        blocks.append(
            TextTable(
                header=(
                    formatter.gettext("Country"),
                    formatter.gettext("Figure"),
                    *series.labels,
                ),
                rows=tuple(rows),
                numeric=(False, False, *(True for _ in series.labels)),
                caption=heading,
                key=key,
            )
        )
    blocks += [
        Heading(formatter.gettext("Cross-border requests"), 2),
        Definitions(tuple((label, cross_border_sentence(r, formatter)) for label, r in series)),
        Heading(formatter.gettext("About these figures"), 2),
        Definitions(tuple((label, ledger_summary(r, formatter)) for label, r in series)),
    ]
    return tuple(blocks)
