"""The reference ledger: made-up records whose report is the seed's 2020 report.

The records ship with the package as JSON (``_edge/_data/reference-ledger-2020.json``, made by
``scripts/make_reference_ledger.py``). Reading that bundled file is the one thing this
module does besides calling the engine; it reads no user file and no environment.
"""

from __future__ import annotations

import json
from datetime import date
from importlib.resources import files
from typing import Any

from transparency_core._edge._reader import structure_ledger
from transparency_core._model import Request  # noqa: TC001 -- a public return type
from transparency_core._period import ReportingPeriod
from transparency_core._report import Report  # noqa: TC001 -- a public return type
from transparency_core._subtotals import build_report

__all__ = [
    "reference_ledger",
    "reference_period",
    "reference_records",
    "reference_report",
]

_LEDGER = "reference-ledger-2020.json"


def reference_records() -> list[dict[str, Any]]:
    """The reference ledger as JSON-ready records, as a caller would hand them in.

    Example:
        >>> records = reference_records()
        >>> records[0]["id"], records[0]["received"]
        ('CN-2019-A-0311', '2019-12-27')
    """
    text = files("transparency_core._edge").joinpath("_data", _LEDGER).read_text(encoding="utf-8")
    records: list[dict[str, Any]] = json.loads(text)
    return records


def reference_ledger() -> tuple[Request, ...]:
    """The reference ledger as requests.

    Example:
        >>> ledger = reference_ledger()
        >>> sorted({request.category for request in ledger})
        ['account', 'device', 'financial_identifier']
    """
    return structure_ledger(reference_records())


def reference_period() -> ReportingPeriod:
    """The seed's reporting period: calendar 2020, released in June 2021.

    Example:
        >>> period = reference_period()
        >>> period.start, period.end, period.released
        (datetime.date(2020, 1, 1), datetime.date(2020, 12, 31), datetime.date(2021, 6, 1))
    """
    return ReportingPeriod.calendar_year(2020, released=date(2021, 6, 1))


def reference_report() -> Report:
    """The seed's report, counted from the reference ledger.

    Example:
        >>> report = reference_report()
        >>> report.table("device").cell("IN", "percent_provided").value
        Decimal('79')
    """
    return build_report(reference_ledger(), reference_period(), company="Xiaomi")
