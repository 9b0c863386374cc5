"""Locale-aware formatting of values that the engine has already computed and rounded.

babel lays numbers, percentages, country names and dates out for a locale; it never
decides a rounding here. A percentage reaches babel with exactly the digits it is to
show, and the pattern asks for exactly that many, so babel's own (half-even) rounding
has nothing to do.
"""

from __future__ import annotations

import copy
import re
from decimal import Decimal
from typing import TYPE_CHECKING

import attrs
from babel import Locale
from babel.dates import format_interval, format_skeleton, parse_pattern
from babel.lists import format_list
from babel.numbers import NumberPattern, format_decimal
from babel.support import NullTranslations

from transparency_core._disclosure import Band, Suppressed, Withheld
from transparency_core._period import ReportingPeriod  # noqa: TC001 -- attrs, at runtime
from transparency_core._render._catalog import catalog
from transparency_core.exceptions import FieldError

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping
    from datetime import date

    from transparency_core._report import Figure

__all__ = ["Countries", "Formatter", "country_names"]

# ICU widens an interval pattern's abbreviated month to the full month when the
# skeleton asks for it; babel does not, so we do it here ("Jan" -> "January").
_ABBREVIATED_MONTH = re.compile(r"(?<![ML])([ML])\1\1(?![ML])")


def _widen_months(pattern: str) -> str:
    return _ABBREVIATED_MONTH.sub(lambda match: match.group(1) * 4, pattern)


def _hundredth(value: Decimal) -> Decimal:
    """Return a hundredth of ``value`` exactly, by moving its exponent: no context is used."""
    sign, digits, exponent = value.as_tuple()
    if not isinstance(exponent, int):  # pragma: no cover -- the engine never makes NaN
        raise FieldError("percentage", "a finite percentage", value)
    return Decimal((sign, digits, exponent - 2))


Countries = tuple[tuple[str, str], ...]


def country_names(names: Mapping[str, str] | Countries) -> Countries:
    """Freeze a mapping of country names by code into sorted pairs (hashable, ordered)."""
    return tuple(sorted(dict(names).items()))


def _parse_locale(identifier: str | Locale) -> Locale:
    """Accept a locale identifier such as ``de_DE`` or ``zh_Hans_CN``, or a Locale."""
    return Locale.parse(identifier)


def _exactly(pattern: NumberPattern, rounded: Decimal, shown: Decimal, locale: Locale) -> str:
    """Apply ``pattern`` to ``shown`` with exactly the decimal places of ``rounded``.

    The pattern asks for as many places as the value has, so babel rounds nothing.
    """
    exponent = rounded.as_tuple().exponent
    places = -exponent if isinstance(exponent, int) and exponent < 0 else 0
    fixed = copy.copy(pattern)
    fixed.frac_prec = (places, places)
    return str(fixed.apply(shown, locale))


@attrs.frozen
class Formatter:
    r"""Formats counts, percentages, countries and dates for one locale.

    Example:
        >>> from decimal import Decimal
        >>> Formatter("de").percent(Decimal("94"))
        '94\xa0%'
        >>> Formatter("en").count(1234567)
        '1,234,567'
        >>> Formatter("en").country("SE")
        'Sweden'
        >>> Formatter("fr").gettext("Table {number}: {title}", number=2, title="X")
        'Tableau 2\u202f: X'
    """

    locale: Locale = attrs.field(converter=_parse_locale)
    countries: Countries = attrs.field(default=(), converter=country_names)
    """Country names that replace CLDR's, by code, such as ``{"HK": "Hong Kong"}``."""
    _catalog: NullTranslations = attrs.field(init=False, eq=False, repr=False)

    @_catalog.default
    def _catalog_of_locale(self) -> NullTranslations:
        return catalog(self.locale)

    def gettext(self, message: str, /, **values: object) -> str:
        """Translate ``message``, then fill in its ``{placeholders}`` from ``values``.

        A message no catalog knows (a caller's own heading) comes back as it is.
        """
        translated = self._catalog.gettext(message)
        return translated.format(**values) if values else translated

    def ngettext(self, singular: str, plural: str, n: int, /, **values: object) -> str:
        """Translate the form of a message for ``n`` things; ``{n}`` is ``n`` formatted."""
        return self._catalog.ngettext(singular, plural, n).format(n=self.count(n), **values)

    def join(self, items: Iterable[str]) -> str:
        """Join ``items`` as the locale lists things: "Spain 2, and Sweden 1" in English."""
        return format_list(list(items), locale=self.locale)

    def number(self, value: Decimal) -> str:
        """Format an already rounded decimal number with exactly its own places."""
        return _exactly(self.locale.decimal_formats[None], value, value, self.locale)

    def count(self, value: int) -> str:
        """Format a count with the locale's digit grouping."""
        return format_decimal(value, locale=self.locale)

    def published(self, figure: Figure) -> str:
        """A figure as it may be published: its count, its band, "< threshold", "withheld"."""
        match figure.shown:
            case Band(low=low, high=high):
                return f"{self.count(low)} - {self.count(high)}"
            case Suppressed(threshold=threshold):
                return f"< {self.count(threshold)}"
            case Withheld():
                return self.gettext("withheld")
        return self.count(figure.value)

    def percent(self, value: Decimal | None) -> str:
        """Format an already rounded percentage (94 for 94 %); ``None`` is blank."""
        if value is None:
            return ""
        return _exactly(self.locale.percent_formats[None], value, _hundredth(value), self.locale)

    def country(self, code: str) -> str:
        """The country's name: the override, else CLDR's in the locale, else the code."""
        for overridden, name in self.countries:
            if overridden == code:
                return name
        return str(self.locale.territories.get(code, code))

    def period(self, period: ReportingPeriod) -> str:
        """The period as a date interval, "January 1 - December 31, 2020" in English.

        The dash and spaces are CLDR's: an en dash between thin spaces in English.
        """
        start, end = period.start, period.end
        if start == end:
            return format_skeleton("yMMMMd", start, locale=self.locale)
        formats = self.locale.interval_formats.get("yMMMd")
        if formats is None:  # pragma: no cover -- every CLDR locale has it
            return format_interval(start, end, "yMMMMd", locale=self.locale)
        for field, differs in (
            ("y", start.year != end.year),
            ("M", start.month != end.month),
            ("d", True),
        ):
            if differs and field in formats:
                break
        return "".join(
            parse_pattern(_widen_months(part)).apply(day, self.locale)
            for part, day in zip(formats[field], (start, end), strict=True)
        )

    def month(self, day: date) -> str:
        """The month and year of ``day``: "June 2021" in English."""
        return format_skeleton("yMMMM", day, locale=self.locale)
