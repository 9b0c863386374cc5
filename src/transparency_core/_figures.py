"""Every published figure in a flat, long form: plain dicts, and a DataFrame of them.

One dict per cell, with the same keys (:data:`FIGURE_KEYS`) for every figure, so that a
notebook can plot or filter the report without walking its objects. The long form
publishes what the report publishes, and nothing more: a banded figure shows its band,
a suppressed one its threshold, a withheld one nothing; never an exact count behind a
band, never a request id, never an identifier. ``shown`` says which.

pandas is optional: :func:`data_frame` imports it when called, and says which extra
installs it when it is missing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from transparency_core._disclosure import Band, Suppressed
from transparency_core.exceptions import MissingExtraError

if TYPE_CHECKING:
    from collections.abc import Iterable

    from transparency_core._report import Cell, CrossBorder, Table

__all__ = [
    "FIGURE_KEYS",
    "SHOWN",
    "cross_border_records",
    "data_frame",
    "published",
    "table_records",
]

SHOWN = ("exact", "blank", "banded", "suppressed", "withheld", "absent")
"""What ``shown`` can say of a figure: published exactly; a blank percentage (of
nothing); a band; below a threshold; withheld (it would give another away); not in
the report at all (one side of a comparison)."""
FIGURE_KEYS = (
    "table",
    "country",
    "row",
    "column",
    "heading",
    "value",
    "shown",
    "band_low",
    "band_high",
    "suppressed_below",
)
"""The keys of every figure of :meth:`Report.figures <transparency_core.Report.figures>`."""


def published(cell: Cell | None) -> dict[str, Any]:
    """What may be published of ``cell``: its value (or ``None``), what is shown, its band.

    Example:
        >>> from transparency_core import Figure
        >>> published(Figure(312, ("A",), Band(250, 499)))  # doctest: +NORMALIZE_WHITESPACE
        {'value': None, 'shown': 'banded', 'band_low': 250, 'band_high': 499,
         'suppressed_below': None}
    """
    record: dict[str, Any] = {
        "value": None,
        "shown": "absent",
        "band_low": None,
        "band_high": None,
        "suppressed_below": None,
    }
    if cell is None:
        return record
    # A percentage is a Figure's part and whole; its own value is the rounded share.
    withheld = cell.withheld
    shown = getattr(cell, "shown", None)
    if isinstance(shown, Band):
        record.update(shown="banded", band_low=shown.low, band_high=shown.high)
    elif isinstance(shown, Suppressed):
        record.update(shown="suppressed", suppressed_below=shown.threshold)
    elif withheld:
        record.update(shown="withheld")
    elif cell.value is None:
        record.update(shown="blank")
    else:
        record.update(value=cell.value, shown="exact")
    return record


def table_records(tables: Iterable[Table]) -> list[dict[str, Any]]:
    """Every cell of ``tables``, one record each, in the report's order."""
    return [
        {
            "table": table.key,
            "country": row.country,
            "row": row.kind.value,
            "column": column.key,
            "heading": column.heading,
            **published(cell),
        }
        for table in tables
        for row in table.rows
        for column, cell in zip(table.columns, row.cells, strict=True)
    ]


def cross_border_records(cross_border: CrossBorder) -> list[dict[str, Any]]:
    """The cross-border figures: by country, then the total (country ``None``)."""
    rows = [*cross_border.by_country, (None, cross_border.total)]
    return [
        {
            "table": "cross_border",
            "country": country,
            "row": "counts" if country is not None else "total",
            "column": "requests",
            "heading": "Number of Cross-Border Requests",
            **published(figure),
        }
        for country, figure in rows
    ]


def data_frame(records: list[dict[str, Any]], columns: Iterable[str]) -> Any:  # noqa: ANN401 -- a pandas.DataFrame, and pandas is optional
    """A ``pandas.DataFrame`` of ``records``, with ``columns`` in order.

    Its columns hold Python objects, as the records do: counts stay ``int``,
    percentages ``Decimal`` and a missing value ``None`` (pandas would make a column of
    counts with a gap floats, and ``None`` NaN). ``frame.value.astype(float)`` is one
    call away for a plot.

    Raises:
        MissingExtraError: When pandas is not installed (an ``ImportError``).
    """
    try:
        import pandas as pd  # noqa: PLC0415 -- optional: imported only when asked for
    except ImportError:
        raise MissingExtraError("pandas", "pandas") from None
    return pd.DataFrame(records, columns=list(columns), dtype=object)
