"""The renderers' bases: a locale and country names, checked once, and their formatter.

Every renderer that writes words (all but JSON) is a :class:`LocalisedRenderer`: its
``locale`` and ``countries`` are declared, validated and documented here, once, and it
makes its :class:`~transparency_core._render._format.Formatter` here, once. A renderer of
the document's blocks (text, Markdown, HTML) is a :class:`BlockRenderer`, which renders
a report, one table, a comparison or a series, and says only how one block is written.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import attrs
from babel import Locale, UnknownLocaleError

from transparency_core._render._changes import comparison_document, series_document
from transparency_core._render._document import document, text_table
from transparency_core._render._format import Countries, Formatter, country_names
from transparency_core.exceptions import FieldError

if TYPE_CHECKING:
    from collections.abc import Iterable

    from transparency_core._compare import Comparison
    from transparency_core._render._document import Block, TextTable
    from transparency_core._report import Report, Table
    from transparency_core._series import Series

__all__ = ["BlockRenderer", "LocalisedRenderer", "known_locale"]

_LOCALE_EXPECTED = "a locale babel knows, such as en, de_DE or zh_Hans_CN"


def known_locale(_: object, attribute: attrs.Attribute[str], value: str) -> None:
    """An attrs validator: ``value`` names a locale babel knows, checked once, when built.

    Every renderer's ``locale`` uses it, so a bad locale fails where the renderer is
    made, not when it first renders.

    Example:
        >>> from transparency_core import HtmlRenderer
        >>> try:
        ...     HtmlRenderer(locale="xx_bogus")
        ... except ValueError as error:
        ...     print(error)
        locale: expected a locale babel knows, such as en, de_DE or zh_Hans_CN, got 'xx_bogus'
    """
    try:
        Locale.parse(value)
    except (ValueError, TypeError, UnknownLocaleError):
        raise FieldError(attribute.name, _LOCALE_EXPECTED, value) from None


@attrs.frozen
class LocalisedRenderer:
    """The base of every renderer that writes words: its locale and country names.

    Example:
        >>> from transparency_core import SvgRenderer
        >>> SvgRenderer(locale="de", countries={"HK": "Hongkong", "CN": "China"}).countries
        (('CN', 'China'), ('HK', 'Hongkong'))
    """

    locale: str = attrs.field(default="en", validator=known_locale)
    """The locale of numbers, percentages, country names and dates."""
    countries: Countries = attrs.field(default=(), converter=country_names)
    """Country names that replace CLDR's, by code, such as ``{"HK": "Hong Kong"}``."""

    def _formatter(self) -> Formatter:
        """The formatter of this renderer's locale and country names."""
        return Formatter(self.locale, self.countries)


@attrs.frozen
class BlockRenderer(LocalisedRenderer):
    """What every renderer of blocks shares: a report, one table, or a comparison.

    A subclass says how one block, and one table, are written.
    """

    def __call__(self, report: Report) -> str:
        """Return ``report`` rendered."""
        return self._render(document(report, self._formatter()))

    def table(self, table: Table) -> str:
        """Return one table of a report alone: its header and rows, no title."""
        return self._table(text_table(table, self._formatter()))

    def comparison(self, comparison: Comparison) -> str:
        """Return two or more reports side by side, with the change of every figure."""
        return self._render(comparison_document(comparison, self._formatter()))

    def series(self, series: Series) -> str:
        """Return a series: each table with a column per period."""
        return self._render(series_document(series, self._formatter()))

    def _render(self, blocks: Iterable[Block]) -> str:
        return "\n\n".join(self._block(block) for block in blocks) + "\n"

    def _block(self, block: Block) -> str:
        raise NotImplementedError  # pragma: no cover -- every renderer defines it

    def _table(self, table: TextTable) -> str:
        raise NotImplementedError  # pragma: no cover -- every renderer defines it
