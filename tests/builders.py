"""Small builders for hand-written test requests: only what a test cares about is named."""

from __future__ import annotations

import importlib.util
import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs
import html5lib
from babel import Locale

from transparency_core import (
    Category,
    Column,
    DataKind,
    Identifier,
    Outcome,
    ReportingPeriod,
    Request,
    Response,
    Suppression,
    build_report,
    reference_ledger,
    reference_period,
)
from transparency_core._checks import COUNTRY_CODES

if TYPE_CHECKING:
    from types import ModuleType

    from transparency_core import Report

ROOT = Path(__file__).parent.parent

PROVIDED = Response(Outcome.PROVIDED, DataKind.NON_CONTENT)
CONTENT = Response(Outcome.PROVIDED, DataKind.CONTENT)
REJECTED = Response(Outcome.REJECTED, challenged=True)
NO_DATA = Response(Outcome.NO_DATA)
PENDING = Response(Outcome.PENDING)


def imei(value: str, subject: str | None = None) -> Identifier:
    """An IMEI identifier."""
    return Identifier("imei", value, subject)


def make_request(request_id: str, **fields: Any) -> Request:
    """A device request from Spain received on 2020-06-01 and answered with data."""
    values: dict[str, Any] = {
        "id": request_id,
        "received": date(2020, 6, 1),
        "country": "ES",
        "category": "device",
        "identifiers": (imei(f"{request_id}-imei"),),
        "response": PROVIDED,
    }
    values.update(fields)
    return Request(**values)


def make_record(request_id: str, **fields: Any) -> dict[str, Any]:
    """A JSON-ready ledger record of a device request from Spain."""
    record: dict[str, Any] = {
        "id": request_id,
        "received": "2020-06-01",
        "country": "ES",
        "category": "device",
        "identifiers": [{"type": "imei", "value": "356938035643809"}],
        "response": {"outcome": "provided", "data": "non_content"},
    }
    record.update(fields)
    return record


def load_module(path: Path) -> ModuleType:
    """Import a script or benchmark module by its path (they are not a package)."""
    spec = importlib.util.spec_from_file_location(path.stem, path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[path.stem] = module
    spec.loader.exec_module(module)
    return module


def two_countries(ledger: list[Request]) -> list[Request]:
    """The ledger's requests from two countries only, so that rows hold many requests."""
    return [
        attrs.evolve(
            request,
            country="IN" if request.country < "G" else "SE",
            data_country=request.data_country and "SG",
        )
        for request in ledger
    ]


def parse_html(html: str) -> Any:
    """Parse with a real HTML5 parser that fails on any parse error: a page or a fragment."""
    parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False)
    if html.startswith("<!DOCTYPE html>"):
        return parser.parse(html)
    return parser.parseFragment(html)


MARKUP = '<script>alert("x")</script>'


def markup_report() -> Report:
    """A report whose company, table title and heading carry markup and a formula."""
    category = Category(
        name="=cmd|' /C calc'!A0",
        title=f"Requests {MARKUP}",
        identifier_types=("imei",),
        columns=(Column(key="@requests", heading=f"-Requests {MARKUP}"),),
        description=MARKUP,
    )
    request = make_request("R1", category=category.name)
    return build_report(
        [request], ReportingPeriod.calendar_year(2020), categories=[category], company=MARKUP
    )


def long_report() -> Report:
    """A device request from every country CLDR names, long names included."""
    codes = sorted(COUNTRY_CODES & set(Locale.parse("en").territories))
    requests = [
        make_request(f"R{index}", country=code)
        for index, code in enumerate(codes)
        for _ in range(1 + index % 7)
    ]
    return build_report(requests, ReportingPeriod.calendar_year(2020), company="Example")


def withheld_report() -> Report:
    """The reference report with the counts under 10 suppressed."""
    return build_report(
        reference_ledger(), reference_period(), company="Xiaomi", disclosure=Suppression(10)
    )
