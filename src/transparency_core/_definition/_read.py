"""The report definition read from its TOML text, every key checked, every error at once.

:func:`load_definition` takes the text of a ``report.toml`` (or the mapping
:mod:`tomllib` makes of it) and returns a :class:`~._model.ReportDefinition`, or raises
one :class:`~transparency_core.exceptions.InvalidDefinitionError` listing every unknown
key and bad value by its path. It reads no file: the command line does.
"""

from __future__ import annotations

import re
import tomllib
from typing import TYPE_CHECKING, TypeVar

from transparency_core._calendar import Every
from transparency_core._checks import COUNTRY_CODES
from transparency_core._definition._keys import Keys
from transparency_core._definition._model import Output, ReportDefinition, Theme
from transparency_core._definition._tables import (
    breakdowns,
    categories,
    disclosure,
    legal_processes,
    rounding,
)
from transparency_core._edge._rows import REQUEST_COLUMNS
from transparency_core._period import PERIOD_FORMS, ReportingPeriod, parse_release
from transparency_core._render import HtmlRenderer, TextRenderer
from transparency_core._subjects import SubjectCounting
from transparency_core.exceptions import MISSING, FieldError, InvalidDefinitionError

if TYPE_CHECKING:
    import enum
    from collections.abc import Mapping

__all__ = ["BASELINE_COLUMNS", "OUTPUT_OPTIONS", "load_definition"]

_E = TypeVar("_E", bound="enum.StrEnum")

BASELINE_COLUMNS = REQUEST_COLUMNS
"""The column headers of a spreadsheet ledger: the record's fields, the response's
flattened (issue 15); ``[columns]`` maps a team's own headers to these."""
OUTPUT_OPTIONS = ("width", "indent", "version", "provenance", "fragment", "service", "previous")
"""The renderer options an ``[[output]]`` may give: ``width`` (text, svg), ``indent``,
``version`` and ``provenance`` (json), ``fragment`` (html), ``service`` (dsa,
dsa-identification), ``previous`` (dsa-identification: the latest previous report's
publication date)."""


def _period(keys: Keys) -> tuple[ReportingPeriod | None, object]:
    """``period`` (a shorthand or START/END) and ``released``, checked together."""
    released = keys.date("released", parse_release)
    period = None
    text = keys.value("period")
    if type(text) is int and 0 < text < 10_000:  # noqa: PLR2004 -- period = 2020, a year
        text = f"{text:04d}"
    if isinstance(text, str):
        try:
            period = ReportingPeriod.parse(text)
        except FieldError as error:
            keys.fail("period", error.expected, text)
    elif text is not MISSING:
        keys.fail("period", PERIOD_FORMS, text)
    if period is not None and released is not None:
        try:
            period = ReportingPeriod(period.start, period.end, released)
        except FieldError as error:
            keys.fail("released", error.expected, released)
    return period, released


def _locale(keys: Keys) -> str:
    """``locale``: one babel knows (the renderers' own check)."""
    locale = keys.text("locale", "en") or "en"
    try:
        TextRenderer(locale=locale)
    except FieldError as error:
        keys.fail("locale", error.expected, locale)
        return "en"
    return locale


def _pairs(keys: Keys | None) -> dict[str, str]:
    """A table of texts by key: ``[countries]``, ``[columns]``."""
    if keys is None:
        return {}
    pairs = {key: keys.text(key) for key in keys.data}
    return {key: value for key, value in pairs.items() if value is not None}


def _countries(keys: Keys | None) -> dict[str, str]:
    """``[countries]``: a name by ISO code, such as ``HK = "Hong Kong"``."""
    names = _pairs(keys)
    for code in list(names):
        if code not in COUNTRY_CODES and keys is not None:
            keys.fail(code, "an ISO 3166-1 alpha-2 country code such as 'HK'", code)
            del names[code]
    return names


def _columns(keys: Keys | None) -> dict[str, str]:
    """``[columns]``: the team's header, with the baseline header it stands for."""
    pairs = _pairs(keys)
    for header, baseline in list(pairs.items()):
        if baseline.strip().lower() not in BASELINE_COLUMNS and keys is not None:
            keys.fail(header, "one of " + ", ".join(BASELINE_COLUMNS), baseline)
            del pairs[header]
    return pairs


def _choice(keys: Keys, key: str, kind: type[_E], default: _E) -> _E:
    """The value of ``key``, one of ``kind``'s (an enumeration of texts)."""
    text = keys.text(key, default.value) or default.value
    try:
        return kind(text)
    except ValueError:
        keys.fail(key, "one of " + ", ".join(member.value for member in kind), text)
        return default


def _every(keys: Keys | None) -> Every:
    """``[series]``: ``every``, how long each period of ``transparency-core series`` is."""
    if keys is None:
        return Every.HALF_YEAR
    every = _choice(keys, "every", Every, Every.HALF_YEAR)
    keys.done()
    return every


def _theme(keys: Keys | None) -> Theme:
    """``[theme]``: colour, logo, css."""
    if keys is None:
        return Theme()
    colour = keys.text("colour")
    if colour is not None:
        try:
            HtmlRenderer(colour=colour)
        except FieldError as error:
            keys.fail("colour", error.expected, colour)
            colour = None
    theme = Theme(colour=colour, logo=keys.text("logo"), css=keys.text("css"))
    keys.done()
    return theme


def _output(keys: Keys) -> Output | None:
    """One ``[[output]]``: format, path, and the renderer's options."""
    name = keys.required("format")
    path = keys.text("path")
    options: list[tuple[str, object]] = []
    for option in OUTPUT_OPTIONS:
        if option in ("width", "indent", "version"):
            value: object = keys.integer(option, least=0 if option == "indent" else 1)
        elif option == "service":
            value = keys.text(option)
        elif option == "previous":
            value = keys.date(option, parse_release)
        else:
            value = keys.flag(option)
        if option in keys.data and value is not None:
            options.append((option, value))
    keys.done()
    return None if name is None else Output(format=name, path=path, options=tuple(options))


def _parse(data: Mapping[str, object]) -> ReportDefinition:
    """The definition of a parsed TOML document; raises with every problem."""
    errors: list[FieldError] = []
    keys = Keys(data, "", errors)
    period, released = _period(keys)
    section = keys.table("disclosure")
    policies = section.table("categories") if section is not None else None
    registry, tabulated = categories(keys, policies)
    definition = ReportDefinition(
        company=keys.text("company"),
        period=period,
        released=released if period is None else period.released,  # type: ignore[arg-type]
        locale=_locale(keys),
        countries=tuple(sorted(_countries(keys.table("countries")).items())),
        registry=registry,
        categories=tabulated,
        legal_processes=legal_processes(keys),
        breakdowns=breakdowns(keys),
        rounding=rounding(keys.table("rounding")),
        disclosure=disclosure(section),
        actions_in_totals=keys.flag("actions_in_totals"),
        totals=keys.flag("totals"),
        subjects=_choice(keys, "subjects", SubjectCounting, SubjectCounting.DISTINCT),
        response_times=keys.flag("response_times"),
        every=_every(keys.table("series")),
        ledger=keys.text("ledger"),
        columns=tuple(_columns(keys.table("columns")).items()),
        theme=_theme(keys.table("theme")),
        outputs=tuple(
            output for output in map(_output, keys.tables("output")) if output is not None
        ),
    )
    keys.done()
    if errors:
        # In the order of the file's keys (TOML keeps it), each key's problems together.
        order = {key: place for place, key in enumerate(data)}
        top = [order.get(re.split(r"[.\[]", error.path, maxsplit=1)[0], 0) for error in errors]
        ranked = sorted(range(len(errors)), key=lambda index: (top[index], index))
        raise InvalidDefinitionError(tuple(errors[index] for index in ranked))
    return definition


def load_definition(source: str | Mapping[str, object]) -> ReportDefinition:
    """Read a report definition: the text of a ``report.toml``, or its parsed mapping.

    Raises:
        InvalidDefinitionError: When the text is not TOML, or with every unknown key
            and bad value, each at its path (a ``ValueError``).

    Example:
        >>> definition = load_definition('''
        ... company = "Acme Phones"
        ... period = "2020"
        ... released = "2021-06"
        ... categories = ["device", "account", "emergency"]
        ... breakdowns = ["outcomes"]
        ... [disclosure]
        ... suppress_below = 10
        ... ''')
        >>> [category.name for category in definition.categories]
        ['device', 'account', 'emergency']
        >>> definition.period.released, definition.disclosure
        (datetime.date(2021, 6, 30), Suppression(threshold=10))
    """
    if isinstance(source, str):
        try:
            source = tomllib.loads(source)
        except tomllib.TOMLDecodeError as error:
            raise InvalidDefinitionError(reason=str(error)) from None
    return _parse(source)
