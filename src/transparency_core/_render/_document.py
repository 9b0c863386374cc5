"""A report laid out as words: headings, paragraphs and tables of formatted strings.

Every text-based renderer (plain text, Markdown, ...) shows the same document; each only
adds its own markup. The words and their order are decided once, here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import attrs

from transparency_core._render._collate import collation_key
from transparency_core._render._timecolumns import table_times
from transparency_core._report import (
    Disposition,
    Figure,
    Percentage,
    Report,
    Row,
    RowKind,
    Table,
)

if TYPE_CHECKING:
    from transparency_core._render._format import Formatter
    from transparency_core._render._timecolumns import TableTimes

__all__ = [
    "Block",
    "Definitions",
    "Heading",
    "Paragraph",
    "TextTable",
    "cell_text",
    "cross_border_sentence",
    "document",
    "in_reading_order",
    "ledger_summary",
    "report_title",
    "text_table",
    "total_label",
]


@attrs.frozen
class Heading:
    """A heading: level 1 is the report's title."""

    text: str
    level: int


@attrs.frozen
class Paragraph:
    """A paragraph of running text."""

    text: str


@attrs.frozen
class TextTable:
    """A table of formatted cells; ``numeric`` marks the columns to align right."""

    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    numeric: tuple[bool, ...]
    caption: str = ""
    """The table's title, for renderers whose tables carry one (HTML)."""
    key: str = ""
    """The key of the report's table it shows, for renderers that add to it (a chart)."""


@attrs.frozen
class Definitions:
    """Terms and what they mean."""

    items: tuple[tuple[str, str], ...]


Block = Heading | Paragraph | TextTable | Definitions


def cell_text(cell: Figure | Percentage, formatter: Formatter) -> str:
    """A figure or a percentage as published, formatted for the locale."""
    if isinstance(cell, Percentage):
        if cell.withheld:  # said, since a blank is a percentage of zero requests
            return formatter.gettext("withheld")
        return formatter.percent(cell.value)
    return formatter.published(cell)


def in_reading_order(table: Table, formatter: Formatter) -> tuple[Row, ...]:
    """The rows of ``table`` sorted by country name in the formatter's language.

    A country's rows keep their order (counts, then shares): the sort is stable.
    """
    key = collation_key(formatter.locale)
    return tuple(sorted(table.rows, key=lambda row: key(formatter.country(row.country))))


def total_label(row: Row, formatter: Formatter) -> str:
    """The label of a total row: "All countries", or its percentages of the total."""
    every = formatter.gettext("All countries")
    if row.kind is RowKind.SHARES:
        return formatter.gettext("Percentage of total, {country}", country=every)
    return every


def text_table(table: Table, formatter: Formatter, times: TableTimes | None = None) -> TextTable:
    """Format the cells of ``table``: a header, and a label and figures per row.

    The rows are in the reader's order: by country name, collated in the locale. With
    ``times``, each row's response times follow its figures (``_timecolumns``).
    """
    several = len({row.country for row in table.rows}) > 1

    def cells(row: Row) -> tuple[str, ...]:
        shown = tuple(cell_text(cell, formatter) for cell in row.cells)
        return shown if times is None else (*shown, *times.texts(row, formatter))

    rows = []
    for row in in_reading_order(table, formatter):
        label = formatter.country(row.country)
        if row.kind is RowKind.SHARES:
            label = (
                formatter.gettext("Percentage of total, {country}", country=label)
                if several
                else formatter.gettext("Percentage of total")
            )
        rows.append((label, *cells(row)))
    rows.extend((total_label(row, formatter), *cells(row)) for row in table.totals)
    headings = tuple(formatter.gettext(column.heading) for column in table.columns)
    if times is not None:
        headings += times.headings(formatter)
    return TextTable(
        header=(formatter.gettext("Country"), *headings),
        rows=tuple(rows),
        numeric=(False, *(True for _ in headings)),
        caption=formatter.gettext(table.title),
        key=table.key,
    )


def _table_blocks(
    number: int, table: Table, formatter: Formatter, times: TableTimes | None
) -> list[Block]:
    caption = formatter.gettext(
        "Table {number}: {title}",
        number=formatter.count(number),
        title=formatter.gettext(table.title),
    )
    blocks: list[Block] = [Heading(caption, 2)]
    if table.description:
        blocks.append(Paragraph(formatter.gettext(table.description)))
    if not table.rows:
        blocks.append(
            Paragraph(formatter.gettext("No requests of this kind were received in the period."))
        )
        return blocks
    blocks.append(attrs.evolve(text_table(table, formatter, times), caption=caption))
    definitions = tuple(
        (formatter.gettext(column.heading), formatter.gettext(column.definition))
        for column in table.columns
        if column.definition
    )
    # Each table says what its own shares are of (Table 4: the legal process requests).
    if table.shares_definition and any(row.kind is RowKind.SHARES for row in table.rows):
        definitions += (
            (
                formatter.gettext("Percentage of total"),
                formatter.gettext(table.shares_definition),
            ),
        )
    if times is not None:
        definitions += times.definitions(formatter)
    if definitions:
        blocks.append(Definitions(definitions))
    return blocks


def cross_border_sentence(report: Report, formatter: Formatter) -> str:
    """The report's cross-border requests in a sentence: the total and each country's."""
    company = report.company
    total = report.cross_border.total
    countries = formatter.join(
        formatter.gettext(
            "{country} {count}",
            country=formatter.country(country),
            count=formatter.published(figure),
        )
        for country, figure in report.cross_border.by_country
    )
    if total.withheld:
        # Under a disclosure policy, the band, and each country's (with no country
        # listed, the total is none and said so: see _publish._cross_border).
        if countries:
            return formatter.gettext(
                "Cross-border requests received: {count} ({countries}).",
                count=formatter.published(total),
                countries=countries,
            )
        return formatter.gettext(
            "Cross-border requests received: {count}.", count=formatter.published(total)
        )
    if total.value == 0:
        if company:
            return formatter.gettext(
                "{company} did not receive any cross-border requests.", company=company
            )
        return formatter.gettext("We did not receive any cross-border requests.")
    if company:
        return formatter.ngettext(
            "{company} received {n} cross-border request: {countries}.",
            "{company} received {n} cross-border requests: {countries}.",
            total.value,
            company=company,
            countries=countries,
        )
    return formatter.ngettext(
        "We received {n} cross-border request: {countries}.",
        "We received {n} cross-border requests: {countries}.",
        total.value,
        countries=countries,
    )


def ledger_summary(report: Report, formatter: Formatter) -> str:
    """What the report counted and left out, in one sentence; nothing under withholding."""
    if report.withholds:
        # The requests counted are the sum of every table's: with one count withheld,
        # the total and the others would give it away.
        return formatter.gettext(
            "The numbers of ledger records and of requests counted are not published, "
            "as they would let a reader compute a withheld figure."
        )
    summary = report.summary
    out_of_period = [e for e in report.entries if e.disposition is Disposition.OUT_OF_PERIOD]
    uncategorised = [
        e for e in report.entries if e.disposition is Disposition.CATEGORY_NOT_IN_REPORT
    ]
    repeats = summary.records - summary.requests
    parts = [
        formatter.ngettext("{n} ledger record", "{n} ledger records", summary.records),
        formatter.ngettext("{n} request counted", "{n} requests counted", summary.counted),
        formatter.ngettext(
            "{n} repeated record counted with the request it repeats",
            "{n} repeated records counted with the request they repeat",
            repeats,
        ),
        formatter.ngettext(
            "{n} request left out as received outside the period",
            "{n} requests left out as received outside the period",
            len(out_of_period),
        ),
    ]
    if summary.actions:
        parts.append(
            formatter.ngettext(
                "{n} request for an action on accounts counted in its own table only",
                "{n} requests for an action on accounts counted in their own tables only",
                summary.actions,
            )
        )
    if uncategorised:
        parts.append(
            formatter.ngettext(
                "{n} request left out as its category has no table in this report",
                "{n} requests left out as their category has no table in this report",
                len(uncategorised),
            )
        )
    return formatter.gettext(
        "{parts}.",
        parts=formatter.gettext("; ").join(parts),
    )


def report_title(report: Report, formatter: Formatter) -> str:
    """The report's title: "Xiaomi Transparency Report", translated."""
    if report.company:
        return formatter.gettext("{company} Transparency Report", company=report.company)
    return formatter.gettext("Transparency Report")


def _methodology(formatter: Formatter) -> list[Block]:
    """How the requests are counted, in the seed's words ("How do we count requests")."""
    return [
        Heading(formatter.gettext("How we count requests"), 2),
        Paragraph(
            formatter.gettext(
                "This report discloses the number of requests we received from government "
                "agencies and courts around the world. It also details how we responded to "
                "those requests."
            )
        ),
        Paragraph(
            formatter.gettext(
                "Any request with a valid legal basis is counted as one request. Any request "
                "that we challenge or reject is not counted as an additional request. If a "
                "request is amended, it is counted as a new request. If we are asked for more "
                "than one identifier of a device, we count that as a single request. If we are "
                "asked for more than one identifier of an account, we count that as a request "
                "for one account."
            )
        ),
    ]


def document(
    report: Report, formatter: Formatter, *, methodology: bool = False
) -> tuple[Block, ...]:
    """Lay ``report`` out as blocks of words, formatted by ``formatter``.

    With ``methodology``, the document says how requests are counted, after the tables
    (the HTML page does; text and Markdown keep to the figures).
    """
    blocks: list[Block] = [
        Heading(report_title(report, formatter), 1),
        Paragraph(formatter.gettext("Government Requests for User Information")),
        Paragraph(formatter.period(report.period)),
    ]
    if report.period.released is not None:
        blocks.append(
            Paragraph(
                formatter.gettext(
                    "Release date: {month}", month=formatter.month(report.period.released)
                )
            )
        )
    for number, table in enumerate(report.tables, start=1):
        blocks.extend(_table_blocks(number, table, formatter, table_times(report, table)))
    if methodology:
        blocks.extend(_methodology(formatter))
    blocks.extend(
        [
            Heading(formatter.gettext("Cross-border requests"), 2),
            Paragraph(cross_border_sentence(report, formatter)),
            Heading(formatter.gettext("About these figures"), 2),
            Paragraph(ledger_summary(report, formatter)),
        ]
    )
    if report.withholds:
        blocks.append(
            Paragraph(
                formatter.gettext(
                    "Figures shown as a range or as \u201c< n\u201d are published only that "
                    "way under a disclosure policy; figures shown as \u201cwithheld\u201d are "
                    "withheld so that such a figure cannot be computed from the others."
                )
            )
        )
    # Findings are for the team, not the public: they are in Report.findings, the
    # explain view and the command line's warnings, never in a published document.
    return tuple(blocks)
