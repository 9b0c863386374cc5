"""The EU DSA renderers: the template's "Member States orders" and identification parts.

Both write CSV as the Commission's template parts are written (Implementing Regulation
(EU) 2024/2835, Annex I; the English CSV parts 1 and 3): its exact header row, UTF-8,
fields quoted only where they must be, one line per row ended by a line feed. Counts are
integers, medians are in hours to two decimals (exact, rounded half up once), blank
where no order has the time. Every text cell is neutralised for spreadsheets, as in
``_csv``. What the template leaves open, and how we choose, is in
docs/how-to/dsa-orders.md.
"""

from __future__ import annotations

import csv
import io
from datetime import date
from typing import TYPE_CHECKING, ClassVar

import attrs

from transparency_core._calendar import Every
from transparency_core._medians import HOUR, hundredths
from transparency_core._render._escape import csv_cell
from transparency_core.exceptions import DisclosureError, FieldError

if TYPE_CHECKING:
    from collections.abc import Iterable
    from fractions import Fraction

    from transparency_core._dsa import OrderFigures, OrderRow
    from transparency_core._report import Report
    from transparency_core._series import Series

__all__ = ["ORDERS_HEADER", "SUMMARY_HEADER", "DsaIdentificationRenderer", "DsaRenderer"]

ORDERS_HEADER = (
    "Applicability",
    "Service",
    "Reporting period",
    "Category of illegal content",
    'Description of the sub-category "Other"',
    "Scope",
    "Number of orders to act against illegal content received",
    (
        "Number of specific items of information included in the total number of orders to "
        "act against illegal content"
    ),
    (
        "Median time to inform the authority of the receipt of the order to act against "
        "illegal content"
    ),
    "Median time to give effect to the order to act against illegal content",
    "Number of orders to provide information",
    "Median time to inform the authority of the receipt of the order to provide information",
    "Median time to give effect to the order to provide information",
    "Contextual information on number of orders to act against illegal content received",
    (
        "Contextual information on number of specific items of information included in the "
        "total number of orders to act against illegal content"
    ),
    (
        "Contextual information on Median time to inform the authority of the receipt of the "
        "order to act against illegal content"
    ),
    (
        "Contextual information on Median time to give effect to the order to act against "
        "illegal content"
    ),
    "Contextual information on Number of orders to provide information",
    (
        "Contextual information on Median time to inform the authority of the receipt of the "
        "order to provide information"
    ),
    ("Contextual information on Median time to give effect to the order to provide information"),
)
"""The header row of the template's part 3, "Member States orders", column by column."""
SUMMARY_HEADER = ("Applicability", "Service", "Indicator", "Value")
"""The header row of the template's part 1, the report's identification."""
_APPLICABILITY = "All"
"""Part 3 and part 1 apply to every provider of intermediary services."""
_TEMPLATE_PERIODS = frozenset({Every.YEAR, Every.HALF_YEAR})
"""The calendars of the template's reporting periods: 2024/2835, Article 2(1) and (2)."""


def _csv(rows: Iterable[Iterable[str]]) -> str:
    """Rows as the template's CSV: minimal quoting, a line feed after each row."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerows([csv_cell(value) for value in row] for row in rows)
    return buffer.getvalue()


def hours(seconds: Fraction | None) -> str:
    """A median in hours, to two decimals, rounded half up; blank for none.

    Example:
        >>> from fractions import Fraction
        >>> hours(Fraction(5403)), hours(Fraction(18)), hours(None)
        ('1.50', '0.01', '')
    """
    if seconds is None:
        return ""
    return str(hundredths(seconds / HOUR))


def _left_out(count: int, orders: int, why: str) -> str:
    """The contextual information of a median that left orders out, or nothing."""
    if not count:
        return ""
    return f"{count} of {orders} orders left out of the median: {why}"


_NO_ACKNOWLEDGEMENT = "no time at which the authority was informed (acknowledged)"
_NOT_GIVEN_EFFECT = (
    "not given effect (rejected or pending), or no time at which effect was given (responded)"
)


def _figures(figures: OrderFigures, *, act: bool) -> tuple[list[str], list[str]]:
    """The figures of one kind of order, and their contextual information."""
    values = [str(figures.orders)]
    if act:
        values.append(str(figures.items))
    values += [hours(figures.inform), hours(figures.effect)]
    context = [""] * (2 if act else 1)
    context += [
        _left_out(figures.inform_left_out, figures.orders, _NO_ACKNOWLEDGEMENT),
        _left_out(figures.effect_left_out, figures.orders, _NOT_GIVEN_EFFECT),
    ]
    return values, context


def _row(row: OrderRow, service: str, period: str) -> list[str]:
    """One row of part 3."""
    act, act_context = _figures(row.act, act=True)
    information, information_context = _figures(row.information, act=False)
    return [
        _APPLICABILITY,
        service,
        period,
        row.category,
        "",
        row.scope,
        *act,
        *information,
        *act_context,
        *information_context,
    ]


@attrs.frozen
class DsaRenderer:
    """Renders a report's EU DSA orders as the template's "Member States orders" part.

    One row per category of illegal content and scope: every Member State together
    (``TOTAL``) first, then each Member State that sent an order, by its English name
    (Austria first, Sweden last, as the template's "AT, [...], SE"), under its code.

    Example:
        >>> from transparency_core import reference_report
        >>> lines = DsaRenderer()(reference_report()).splitlines()
        >>> lines[1]
        'All,,2020-01-01/2020-12-31,TOTAL,,TOTAL,0,0,,,0,,,,,,,,,'
    """

    service: str = ""
    """The service the report is of, for the template's "Service" column (blank: all)."""

    def __call__(self, report: Report) -> str:
        """Return the part's CSV: its header row, then a row per category and scope.

        Raises:
            DisclosureError: When the report withholds a figure (bands, suppression):
                the template's exact counts could give it away (a ``ValueError``).
        """
        withheld = _withheld(report)
        if withheld:
            msg = f"this report withholds {withheld} figures under a disclosure policy"
            raise DisclosureError(_refusal(msg))
        return _csv([ORDERS_HEADER, *self._rows(report)])

    def series(self, series: Series) -> str:
        """Return the part for every period of ``series``: the header once, then its rows.

        The periods come in order, each row naming its own in "Reporting period"; each
        period's rows are those of that period's report alone. The template's
        reporting periods are calendar years or half-years (Implementing Regulation (EU)
        2024/2835, Article 2(1) and (2)): a series of quarters is refused.

        Raises:
            FieldError: When the series is of quarters (a ``ValueError``).
            DisclosureError: When a period's report withholds a figure, naming each
                such period (a ``ValueError``).

        Example:
            >>> from transparency_core import build_series, reference_ledger
            >>> lines = DsaRenderer().series(build_series(reference_ledger(), "year"))
            >>> [line[:32] for line in lines.splitlines()[1:31:16]]
            ['All,,2019-01-01/2019-12-31,TOTAL', 'All,,2020-01-01/2020-12-31,TOTAL']
        """
        if series.every not in _TEMPLATE_PERIODS:
            expected = (
                "year or half-year, the template's reporting periods (Article 2(1) and (2) "
                "of Implementing Regulation (EU) 2024/2835)"
            )
            raise FieldError("every", expected, series.every.value)
        withheld = [(label, _withheld(report)) for label, report in series]
        named = ", ".join(f"{count} in {label}" for label, count in withheld if count)
        if named:
            msg = f"this series withholds figures under a disclosure policy ({named})"
            raise DisclosureError(_refusal(msg))
        rows = [row for report in series.reports for row in self._rows(report)]
        return _csv([ORDERS_HEADER, *rows])

    def _rows(self, report: Report) -> list[list[str]]:
        """The rows of one report's orders, under its period."""
        period = str(report.period)
        return [_row(row, self.service, period) for row in report.dsa.rows]


def _withheld(report: Report) -> int:
    """How many figures of ``report`` a disclosure policy withholds."""
    return sum(cell.withheld for table in report.tables for row in table.rows for cell in row.cells)


def _refusal(withheld: str) -> str:
    """Why the part is not written: its figures are exact, and ``withheld`` says what is not."""
    return (
        f"the DSA template's figures are exact, and {withheld}: they could be worked out "
        "from the orders; render the DSA part from a report counted without banding or "
        "suppression"
    )


@attrs.frozen
class DsaIdentificationRenderer:
    """Renders the template's identification part: the provider, dates and period.

    The date of publication is the period's release date; the latest previous report's
    date is given here, or left blank (a first report).

    Example:
        >>> from transparency_core import reference_report
        >>> print(DsaIdentificationRenderer()(reference_report()), end="")
        Applicability,Service,Indicator,Value
        All,,Name of the service provider,Xiaomi
        All,,Date of the publication of the report,2021-06-01
        All,,Date of the publication of the latest previous report,
        All,,Starting date of reporting period,2020-01-01
        All,,Ending date of reporting period,2020-12-31
    """

    no_series: ClassVar[str] = (
        "the identification part names one reporting period, by its starting and ending "
        "dates; write it for each period with render --period PERIOD --format "
        "dsa-identification"
    )
    """Why the part has no series form, and what to do instead."""
    previous: date | None = None
    """When the latest previous report was published, if there is one."""
    service: str = ""
    """The service, for the template's "Service" column."""

    def __call__(self, report: Report) -> str:
        """Return the part's CSV."""
        period = report.period
        released = "" if period.released is None else period.released.isoformat()
        previous = "" if self.previous is None else self.previous.isoformat()
        indicators = (
            ("Name of the service provider", report.company or ""),
            ("Date of the publication of the report", released),
            ("Date of the publication of the latest previous report", previous),
            ("Starting date of reporting period", period.start.isoformat()),
            ("Ending date of reporting period", period.end.isoformat()),
        )
        rows = [(_APPLICABILITY, self.service, name, value) for name, value in indicators]
        return _csv([SUMMARY_HEADER, *rows])
