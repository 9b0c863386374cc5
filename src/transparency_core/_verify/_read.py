"""A published report read back, strictly: its settings as the objects that recount it.

Every value is checked for the type version 2 writes, and a wrong one is an
:class:`~transparency_core.exceptions.InvalidReportError` naming its path
(``$.periods[0].settings.rounding.places``), what was expected and what came: a report
from anywhere ends in a verification or in that error, never in a traceback.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

import attrs

from transparency_core._checks import parse_iso_date
from transparency_core._disclosure import Banding, Disclosure, Suppression
from transparency_core._period import ReportingPeriod
from transparency_core._render import REPORT_SCHEMA_ID
from transparency_core._rounding import RoundingPolicy
from transparency_core._specs import SHIPPED_BREAKDOWNS, Breakdown, Category, LegalProcess
from transparency_core._subjects import SubjectCounting
from transparency_core._subtotals import build_report
from transparency_core.exceptions import InvalidReportError, TransparencyError

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping, Sequence
    from datetime import date

    from transparency_core._model import Request
    from transparency_core._report import Report
    from transparency_core._specs import Categories

__all__ = ["Recount", "field", "read_period", "report_data"]

_NAMES = {
    str: "text",
    int: "a whole number",
    bool: "true or false",
    list: "a list",
    dict: "an object",
}


def _shown(value: object) -> str:
    text = json.dumps(value, ensure_ascii=True)
    return text if len(text) <= 80 else f"{text[:77]}..."  # noqa: PLR2004 -- a short view


def _is(value: object, kind: type) -> bool:
    """Whether ``value`` is of JSON type ``kind`` (a boolean is no number here)."""
    return isinstance(value, kind) and (kind is bool or not isinstance(value, bool))


def field(data: object, path: str, key: str, kind: type, *, null: bool = False) -> Any:  # noqa: ANN401 -- a JSON value of ``kind``
    """``data[key]``, which must be of ``kind`` (or null, when ``null``)."""
    if not isinstance(data, dict):
        raise InvalidReportError(path, _NAMES[dict], _shown(data))
    if key not in data:
        where = f"{path}.{key}"
        raise InvalidReportError(where, _NAMES[kind], "nothing (the field is missing)")
    value = data[key]
    if (value is None and null) or _is(value, kind):
        return value
    where = f"{path}.{key}"
    raise InvalidReportError(where, _NAMES[kind] + (" or null" if null else ""), _shown(value))


def _once(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """A JSON object whose every key comes once (JSON's own rule leaves it open)."""
    data = dict(pairs)
    if len(data) < len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                expected = "JSON text, a report, each key of an object once"
                raise InvalidReportError("$", expected, f"the key {key!r} twice")
            seen.add(key)
    return data


def _no_constant(name: str) -> object:
    """``NaN`` and ``Infinity`` are not JSON: a report never holds them."""
    raise InvalidReportError("$", "JSON text, a report", f"{name}, which is not a JSON value")


def report_data(report: str | Mapping[str, Any]) -> dict[str, Any]:
    """A version 2 report's data, from its JSON text or data."""
    data: object = report
    if isinstance(report, str):
        try:
            data = json.loads(report, object_pairs_hook=_once, parse_constant=_no_constant)
        except InvalidReportError:
            raise
        except (ValueError, RecursionError) as error:
            raise InvalidReportError("$", "JSON text, a report", str(error)) from None
    if not isinstance(data, dict):
        raise InvalidReportError("$", "a JSON object, a report", _shown(data))
    schema = data.get("schema")
    if schema != REPORT_SCHEMA_ID:
        expected = f"{REPORT_SCHEMA_ID!r} (a version 2 report)"
        raise InvalidReportError("$.schema", expected, _shown(schema))
    return data


def _day(data: object, path: str, key: str, *, null: bool = False) -> date | None:
    value = field(data, path, key, str, null=null)
    if value is None:
        return None
    try:
        return parse_iso_date(value)
    except ValueError:
        where = f"{path}.{key}"
        raise InvalidReportError(where, "a date, YYYY-MM-DD", _shown(value)) from None


def _disclosure(data: object, path: str) -> Disclosure | None:
    if data is None:
        return None
    kind = field(data, path, "kind", str)
    if kind == "banding":
        width, minimum = (
            field(data, path, "width", int),
            field(data, path, "minimum", int, null=True),
        )
    elif kind == "suppression":
        threshold = field(data, path, "threshold", int)
    try:
        if kind == "banding":
            return Banding(width, minimum)
        if kind == "suppression":
            return Suppression(threshold)
    except TransparencyError as error:
        expected = f"a disclosure policy the law allows ({error})"
        raise InvalidReportError(path, expected, _shown(data)) from None
    where = f"{path}.kind"
    raise InvalidReportError(where, "'banding' or 'suppression'", _shown(kind))


def _rounding(data: object, path: str) -> RoundingPolicy:
    names = {"places": int, "mode": str, "zero_denominator": str, "apportion": bool}
    values = {name: field(data, path, name, kind) for name, kind in names.items()}
    try:
        return RoundingPolicy(**values)
    except (TransparencyError, ValueError) as error:
        raise InvalidReportError(path, f"a rounding policy ({error})", _shown(data)) from None


@attrs.frozen(kw_only=True)
class Recount:
    """What one period of a report says it was counted by: ``build_report``'s arguments."""

    period: ReportingPeriod
    rounding: RoundingPolicy
    disclosure: Disclosure | None
    categories: tuple[Category, ...]
    legal_processes: tuple[LegalProcess, ...]
    breakdowns: tuple[Breakdown, ...]
    actions_in_totals: bool
    subjects: SubjectCounting = SubjectCounting.DISTINCT
    totals: bool = False
    response_times: bool = False

    def report(self, ledger: Sequence[Request], company: str | None) -> Report:
        """The report of ``ledger`` counted by these settings."""
        return build_report(
            ledger,
            self.period,
            categories=self.categories,
            legal_processes=self.legal_processes,
            rounding=self.rounding,
            breakdowns=self.breakdowns,
            disclosure=self.disclosure,
            company=company,
            actions_in_totals=self.actions_in_totals,
            subjects=self.subjects,
            totals=self.totals,
            response_times=self.response_times,
        )


def _categories(data: object, path: str, registry: Categories) -> tuple[Category, ...]:
    found = []
    for at, item in enumerate(field(data, path, "categories", list)):
        where = f"{path}.categories[{at}]"
        name = field(item, where, "name", str)
        if name not in registry:
            expected = "a registered category (pass your own to verify(categories=...))"
            where = f"{where}.name"
            raise InvalidReportError(where, expected, _shown(name))
        policy = _disclosure(
            field(item, where, "disclosure", dict, null=True), f"{where}.disclosure"
        )
        found.append(attrs.evolve(registry[name], disclosure=policy))
    return tuple(found)


def _breakdowns(data: object, path: str, known: Iterable[Breakdown]) -> tuple[Breakdown, ...]:
    by_key = {breakdown.key: breakdown for breakdown in (*SHIPPED_BREAKDOWNS, *known)}
    found = []
    for at, key in enumerate(field(data, path, "breakdowns", list)):
        if not isinstance(key, str) or key not in by_key:
            expected = "a shipped breakdown (pass your own to verify(breakdowns=...))"
            where = f"{path}.breakdowns[{at}]"
            raise InvalidReportError(where, expected, _shown(key))
        found.append(by_key[key])
    return tuple(found)


def _legal_processes(data: object, path: str) -> tuple[LegalProcess, ...]:
    return tuple(
        LegalProcess(
            name=field(item, f"{path}.legal_processes[{at}]", "name", str),
            heading=field(item, f"{path}.legal_processes[{at}]", "heading", str),
            definition=field(item, f"{path}.legal_processes[{at}]", "definition", str),
        )
        for at, item in enumerate(field(data, path, "legal_processes", list))
    )


def read_period(
    data: object, path: str, registry: Categories, breakdowns: Iterable[Breakdown]
) -> Recount:
    """The settings of the period at ``path`` of a report, as the objects that recount it."""
    period = field(data, path, "period", dict)
    where = f"{path}.period"
    try:
        reporting = ReportingPeriod(
            _day(period, where, "start"),  # type: ignore[arg-type]  # not null
            _day(period, where, "end"),  # type: ignore[arg-type]  # not null
            _day(period, where, "released", null=True),
        )
    except InvalidReportError:  # a day of it, at its own path
        raise
    except TransparencyError as error:
        raise InvalidReportError(where, f"a reporting period ({error})", _shown(period)) from None
    settings = field(data, path, "settings", dict)
    at = f"{path}.settings"
    return Recount(
        period=reporting,
        rounding=_rounding(field(settings, at, "rounding", dict), f"{at}.rounding"),
        disclosure=_disclosure(
            field(settings, at, "disclosure", dict, null=True), f"{at}.disclosure"
        ),
        categories=_categories(settings, at, registry),
        legal_processes=_legal_processes(settings, at),
        breakdowns=_breakdowns(settings, at, breakdowns),
        actions_in_totals=field(settings, at, "actions_in_totals", bool),
        subjects=_subjects(settings, at),
        totals=field(settings, at, "totals", bool) if "totals" in settings else False,
        response_times=(
            field(settings, at, "response_times", bool) if "response_times" in settings else False
        ),
    )


def _subjects(settings: dict[str, Any], at: str) -> SubjectCounting:
    """``settings.subjects``: distinct when absent."""
    if "subjects" not in settings:
        return SubjectCounting.DISTINCT
    text = field(settings, at, "subjects", str)
    try:
        return SubjectCounting(text)
    except ValueError:
        where = f"{at}.subjects"
        raise InvalidReportError(where, "distinct or identifiers", _shown(text)) from None
