"""transparency_core: exact, traceable transparency reports on government requests.

Records of requests go in; a report comes out, whose every figure carries the ids of the
requests behind it, and renderers turn it into text or Markdown.

Example:
    >>> import transparency_core as tc
    >>> report = tc.reference_report()
    >>> report.table("account").cell("CN", "percent_provided").value
    Decimal('94')
"""

from __future__ import annotations

from transparency_core import exceptions, predicates
from transparency_core._calendar import Every
from transparency_core._compare import Change, Comparison, compare
from transparency_core._definition import Output, ReportDefinition, Theme, load_definition
from transparency_core._disclosure import Band, Banding, Suppressed, Suppression, Withheld
from transparency_core._dsa import OrderFigures, OrderRow, Orders
from transparency_core._edge import (
    configure_converter,
    iter_json_records,
    ledger_digest,
    ledger_record_schema,
    make_converter,
    reference_ledger,
    reference_period,
    reference_records,
    reference_report,
    structure_ledger,
    structure_rows,
    tally_ledger,
    unstructure_ledger,
)
from transparency_core._eu import ILLEGAL_CONTENT, MEMBER_STATES
from transparency_core._model import (
    Action,
    DataKind,
    DsaOrder,
    Identifier,
    Notification,
    Outcome,
    Request,
    Response,
)
from transparency_core._period import ReportingPeriod
from transparency_core._render import (
    REPORT_SCHEMA,
    REPORT_SCHEMA_V1,
    CsvRenderer,
    DsaIdentificationRenderer,
    DsaRenderer,
    ExplainRenderer,
    HtmlRenderer,
    JsonRenderer,
    MarkdownRenderer,
    Renderers,
    ResponseTimesRenderer,
    SvgRenderer,
    TextRenderer,
    default_renderers,
)
from transparency_core._report import (
    CrossBorder,
    Disposition,
    Figure,
    Finding,
    LedgerEntries,
    LedgerEntry,
    LedgerSummary,
    Percentage,
    Report,
    Row,
    RowKind,
    Settings,
    Table,
)
from transparency_core._rounding import RoundingMode, RoundingPolicy, ZeroDenominator
from transparency_core._series import Series, build_series
from transparency_core._specs import (
    BASIS,
    CHALLENGES,
    DEFAULT_CATEGORIES,
    DEFAULT_LEGAL_PROCESSES,
    NOTIFICATION,
    OUTCOMES,
    SHIPPED_BREAKDOWNS,
    SHIPPED_CATEGORIES,
    Breakdown,
    Categories,
    Category,
    Column,
    LegalProcess,
    Percent,
    Requests,
    Subjects,
    default_categories,
)
from transparency_core._subjects import SubjectCounting
from transparency_core._subtotals import Subtotals, build_report, partition_of
from transparency_core._tally import Tally
from transparency_core._times import ResponseTime, ResponseTimes, TimeFigures
from transparency_core._verify import Mismatch, Verification, verify

__version__ = "0.1.0"

__all__ = [
    "BASIS",
    "CHALLENGES",
    "DEFAULT_CATEGORIES",
    "DEFAULT_LEGAL_PROCESSES",
    "ILLEGAL_CONTENT",
    "MEMBER_STATES",
    "NOTIFICATION",
    "OUTCOMES",
    "REPORT_SCHEMA",
    "REPORT_SCHEMA_V1",
    "SHIPPED_BREAKDOWNS",
    "SHIPPED_CATEGORIES",
    "Action",
    "Band",
    "Banding",
    "Breakdown",
    "Categories",
    "Category",
    "Change",
    "Column",
    "Comparison",
    "CrossBorder",
    "CsvRenderer",
    "DataKind",
    "Disposition",
    "DsaIdentificationRenderer",
    "DsaOrder",
    "DsaRenderer",
    "Every",
    "ExplainRenderer",
    "Figure",
    "Finding",
    "HtmlRenderer",
    "Identifier",
    "JsonRenderer",
    "LedgerEntries",
    "LedgerEntry",
    "LedgerSummary",
    "LegalProcess",
    "MarkdownRenderer",
    "Mismatch",
    "Notification",
    "OrderFigures",
    "OrderRow",
    "Orders",
    "Outcome",
    "Output",
    "Percent",
    "Percentage",
    "Renderers",
    "Report",
    "ReportDefinition",
    "ReportingPeriod",
    "Request",
    "Requests",
    "Response",
    "ResponseTime",
    "ResponseTimes",
    "ResponseTimesRenderer",
    "RoundingMode",
    "RoundingPolicy",
    "Row",
    "RowKind",
    "Series",
    "Settings",
    "SubjectCounting",
    "Subjects",
    "Subtotals",
    "Suppressed",
    "Suppression",
    "SvgRenderer",
    "Table",
    "Tally",
    "TextRenderer",
    "Theme",
    "TimeFigures",
    "Verification",
    "Withheld",
    "ZeroDenominator",
    "build_report",
    "build_series",
    "compare",
    "configure_converter",
    "default_categories",
    "default_renderers",
    "exceptions",
    "iter_json_records",
    "ledger_digest",
    "ledger_record_schema",
    "load_definition",
    "make_converter",
    "partition_of",
    "predicates",
    "reference_ledger",
    "reference_period",
    "reference_records",
    "reference_report",
    "structure_ledger",
    "structure_rows",
    "tally_ledger",
    "unstructure_ledger",
    "verify",
]


def __dir__() -> list[str]:
    return [*__all__, "__version__"]
