"""A published report checked against a ledger: recounted by its own settings, compared.

Three things are told apart: the ledger (is its canonical digest the one the report
carries?), the settings (are they the ones the report was sealed with?) and the figures
(does each value the report publishes equal the recount's?). The recount is published
by the same renderer, so that a withheld figure is compared as its band and no verdict
says more of it than the report does.
"""

from __future__ import annotations

import functools
import json
from typing import TYPE_CHECKING, Any

import attrs

from transparency_core._canonical import CANONICAL_LEDGER
from transparency_core._edge import ledger_digest
from transparency_core._render import JsonRenderer, settings_seal
from transparency_core._specs import Categories, Category, default_categories
from transparency_core._verify._read import field, read_period, report_data
from transparency_core._verify._series import calendar_of, recount_series
from transparency_core.exceptions import InvalidReportError, TransparencyError

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator, Mapping

    from transparency_core._model import Request
    from transparency_core._report import Report
    from transparency_core._specs import Breakdown

__all__ = ["Mismatch", "Verification", "verify"]

ABSENT = "absent"
"""What a mismatch shows for a value that one side does not have."""


@attrs.frozen
class Mismatch:
    """A value the report publishes that its recount does not, or publishes otherwise.

    ``where`` is its path in the report's JSON, lists named by their items' keys
    (``periods[2020-01-01/2020-12-31].tables[device].rows[IN counts].cells.requests.value``);
    ``published`` and ``recounted`` are the two values as JSON, or ``absent``.

    Example:
        >>> import json
        >>> from transparency_core import JsonRenderer, reference_ledger, reference_report
        >>> data = JsonRenderer().data(reference_report())
        >>> data["periods"][0]["tables"][0]["rows"][1]["cells"]["provided"]["value"] = 20
        >>> verify(data, reference_ledger()).mismatches[0].recounted
        '19'
    """

    where: str
    published: str
    recounted: str


@attrs.frozen(kw_only=True)
class Verification:
    """What :func:`verify` found: the ledger, the settings and every published value.

    Example:
        >>> from transparency_core import JsonRenderer, build_report, ledger_digest
        >>> from transparency_core import reference_ledger, reference_period
        >>> ledger = reference_ledger()
        >>> report = build_report(ledger, reference_period(), ledger_digest=ledger_digest(ledger))
        >>> verification = verify(JsonRenderer()(report), ledger)
        >>> verification.matches, verification.ledger_matches, verification.mismatches
        (True, True, ())
        >>> verify(JsonRenderer()(build_report(ledger, reference_period())), ledger).lines()[0]
        'ledger: unknown: the report carries no digest of its ledger'
    """

    ledger_matches: bool | None
    """Whether the ledger's canonical digest is the report's; ``None`` when the report
    carries none (counted without :func:`ledger_digest`)."""
    published_digest: str | None
    ledger_digest: str
    settings_match: bool
    """Whether the settings are the ones the report was sealed with
    (``settings_sha256``): false when one was changed after it was written."""
    values: int
    """How many published values were compared."""
    mismatches: tuple[Mismatch, ...]

    @property
    def matches(self) -> bool:
        """Whether the report is the one this ledger and its settings make, every value."""
        return bool(self.ledger_matches) and self.settings_match and not self.mismatches

    def lines(self, most: int | None = None) -> tuple[str, ...]:
        """The verdict in words, a line each: the ledger, the settings, the values.

        ``most`` caps the mismatches listed (the rest are counted), and a value longer
        than :data:`_LONGEST_SHOWN` characters is cut: a report from anywhere gives a
        verdict a person can read.
        """
        if self.ledger_matches is None:
            ledger = "ledger: unknown: the report carries no digest of its ledger"
        elif self.ledger_matches:
            ledger = f"ledger: the one the report was counted from (sha256 {self.ledger_digest})"
        else:
            ledger = (
                f"ledger: changed: its sha256 is {self.ledger_digest}, the report was counted "
                f"from {self.published_digest}"
            )
        settings = (
            "settings: as the report was sealed"
            if self.settings_match
            else "settings: changed after the report was sealed (settings_sha256 differs)"
        )
        if not self.mismatches:
            figures = [f"figures: all {self.values:,} published values match the recount"]
        else:
            figures = [
                (
                    f"figures: {len(self.mismatches):,} of {self.values:,} published values "
                    "differ from the recount:"
                ),
                *(
                    f"  {_cut(m.where)}: published {_cut(m.published)}, "
                    f"recounted {_cut(m.recounted)}"
                    for m in self.mismatches[:most]
                ),
            ]
            if most is not None and len(self.mismatches) > most:
                figures.append(f"  ... and {len(self.mismatches) - most:,} more")
        verdict = "verified" if self.matches else "not verified"
        return (ledger, settings, *figures, verdict)


_LONGEST_SHOWN = 200
"""The most characters of a value (or a path) a verdict's line shows."""


def _cut(text: str) -> str:
    """``text``, cut to :data:`_LONGEST_SHOWN` characters with "..." if longer."""
    if len(text) <= _LONGEST_SHOWN:
        return text
    return f"{text[: _LONGEST_SHOWN - 3]}..."


def _text(value: object) -> str:
    return ABSENT if value is _MISSING else json.dumps(value, ensure_ascii=True, sort_keys=True)


_MISSING: Any = object()


def _label(item: object, at: int) -> str:
    """How a list item is named in a path: by its key, country and kind, name or id."""
    if isinstance(item, dict):
        if isinstance(period := item.get("period"), dict):
            return f"{period.get('start')}/{period.get('end')}"
        if "country" in item and "kind" in item:
            return f"{item['country']} {item['kind']}"
        for name in ("key", "name", "id", "reason"):
            if isinstance(item.get(name), str):
                return str(item[name])
    return str(at)


def _keyed(items: list[Any]) -> dict[str, Any] | None:
    labels = [_label(item, at) for at, item in enumerate(items)]
    return dict(zip(labels, items, strict=True)) if len(set(labels)) == len(labels) else None


def _compare(published: object, recounted: object, where: str) -> Iterator[Mismatch | None]:
    """A ``Mismatch`` for each value that differs, ``None`` for each that is the same."""
    if isinstance(published, dict) and isinstance(recounted, dict):
        for key in [*published, *(key for key in recounted if key not in published)]:
            yield from _compare(
                published.get(key, _MISSING), recounted.get(key, _MISSING), f"{where}.{key}"
            )
        return
    if isinstance(published, list) and isinstance(recounted, list):
        mine, theirs = _keyed(published), _keyed(recounted)
        if mine is None or theirs is None:
            mine, theirs = dict(enumerate(published)), dict(enumerate(recounted))  # type: ignore[arg-type]
        for label in [*mine, *(label for label in theirs if label not in mine)]:
            yield from _compare(
                mine.get(label, _MISSING), theirs.get(label, _MISSING), f"{where}[{label}]"
            )
        return
    same = published is not _MISSING and recounted is not _MISSING
    if same and _text(published) == _text(recounted):
        yield None
    else:
        yield Mismatch(where.lstrip("."), _text(published), _text(recounted))


def _renderer(data: dict[str, Any]) -> JsonRenderer:
    """The renderer that published the report: its locale."""
    try:
        return JsonRenderer(locale=field(data, "$", "locale", str))
    except InvalidReportError:
        raise
    except TransparencyError:
        expected = "a locale babel knows, such as en or de_DE"
        raise InvalidReportError("$.locale", expected, repr(data["locale"])) from None


def _registry(categories: Categories | Iterable[Category] | None) -> Categories:
    if isinstance(categories, Categories):
        return categories
    registry = default_categories()
    for category in categories or ():
        registry.register(category, replace=True)
    return registry


def _checked(
    periods: list[Any], renderer: JsonRenderer, recounted: list[Report]
) -> list[Mismatch | None]:
    """Each published period compared with its recount: a mismatch or ``None`` a value."""
    checked: list[Mismatch | None] = []
    for at, (period, report) in enumerate(zip(periods, recounted, strict=True)):
        ids = "entries" in period and not report.withholds
        published = attrs.evolve(renderer, provenance=ids).period_data(report)
        checked.extend(_compare(period, published, f"periods[{_label(period, at)}]"))
    return checked


def _published_digest(data: dict[str, Any]) -> str | None:
    """The report's ledger digest, of the canonical ledger this release digests."""
    ledger = field(data, "$", "ledger", dict)
    canonical = field(ledger, "$.ledger", "canonical", str)
    if canonical != CANONICAL_LEDGER:
        expected = f"{CANONICAL_LEDGER!r} (the canonical ledger this release digests)"
        raise InvalidReportError("$.ledger.canonical", expected, json.dumps(canonical))
    digest: str | None = field(ledger, "$.ledger", "sha256", str, null=True)
    return digest


def verify(
    report: str | Mapping[str, Any],
    requests: Iterable[Request],
    *,
    categories: Categories | Iterable[Category] | None = None,
    breakdowns: Iterable[Breakdown] = (),
) -> Verification:
    """Recount ``report`` (JSON text or data, version 2) from ``requests`` by its settings.

    Categories and breakdowns are named in the report: the shipped ones are known, and
    a caller's own are passed as ``categories`` (a registry, or categories to add to
    the shipped ones) and ``breakdowns``.

    Raises:
        InvalidReportError: When the report is not a version 2 report, or a setting is
            not one this package can count by (a ``ValueError``).
        InvalidLedgerError: When repeated records of one id disagree (rule 2).

    Example:
        >>> from transparency_core import JsonRenderer, build_report, ledger_digest
        >>> from transparency_core import reference_ledger, reference_period
        >>> ledger = reference_ledger()
        >>> report = build_report(ledger, reference_period(), ledger_digest=ledger_digest(ledger))
        >>> for line in verify(JsonRenderer()(report), ledger[1:]).lines()[:2]:
        ...     print(line)
        ledger: changed: its sha256 is b4015a5a..., the report was counted from 4629afdf...
        settings: as the report was sealed
    """
    data = report_data(report)
    ledger = list(requests)
    digest = ledger_digest(ledger)
    published_digest = _published_digest(data)
    company = field(data, "$", "company", str, null=True)
    renderer = _renderer(data)
    registry, known = _registry(categories), tuple(breakdowns)
    periods = field(data, "$", "periods", list)
    if not periods:
        raise InvalidReportError("$.periods", "a list of one period or more", "[]")
    recounts = [
        read_period(period, f"$.periods[{at}]", registry, known)
        for at, period in enumerate(periods)
    ]
    alone = functools.partial(_checked, periods, renderer)
    every = calendar_of(recounts)
    if every is None:
        checked = alone([recount.report(ledger, company) for recount in recounts])
    else:
        checked = alone(recount_series(recounts, every, ledger, company))
        if any(checked):  # perhaps reports of one period each, put together
            each = alone([recount.report(ledger, company) for recount in recounts])
            checked = checked if any(each) else each
    return Verification(
        ledger_matches=None if published_digest is None else published_digest == digest,
        published_digest=published_digest,
        ledger_digest=digest,
        settings_match=settings_seal(data) == data.get("settings_sha256"),
        values=len(checked),
        mismatches=tuple(item for item in checked if item is not None),
    )
