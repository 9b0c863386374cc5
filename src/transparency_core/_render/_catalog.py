"""The translations of the labels: the package's gettext catalogs, by locale.

Titles, column headings, definitions and every sentence a renderer writes are English
message ids (marked with ``N_`` where the specs write them, ``transparency_core._i18n``).
The catalogs live in ``_render/_locale/<language>/LC_MESSAGES/transparency_core.po``, are
compiled to ``.mo`` with babel (``scripts/make_catalogs.py``), and ship with the package.

A message that no catalog knows, such as a heading of a caller's own category, is
written as it is.
"""

from __future__ import annotations

import functools
from importlib.resources import files
from typing import TYPE_CHECKING

from babel.support import NullTranslations, Translations

if TYPE_CHECKING:
    from babel import Locale

__all__ = ["DOMAIN", "LANGUAGES", "catalog"]

DOMAIN = "transparency_core"
"""The gettext domain of the package's catalogs."""

LANGUAGES = ("ar", "de", "en", "es", "fr", "hi", "zh_Hans")
"""The languages the package has a catalog for."""


def _candidates(locale: Locale) -> tuple[str, ...]:
    """The catalog names to try for ``locale``, most specific first: zh_Hans_CN, zh_Hans, zh."""
    parts = [locale.language]
    if locale.script:
        parts.append(locale.script)
    if locale.territory:
        parts.append(locale.territory)
    return tuple("_".join(parts[:size]) for size in range(len(parts), 0, -1))


@functools.cache
def _load(language: str) -> NullTranslations:
    """The compiled catalog of ``language`` bundled with the package."""
    path = files("transparency_core._render").joinpath(
        "_locale", language, "LC_MESSAGES", f"{DOMAIN}.mo"
    )
    with path.open("rb") as stream:
        return Translations(stream, domain=DOMAIN)


def catalog(locale: Locale) -> NullTranslations:
    """The translations for ``locale``: its own catalog or its language's, else none.

    Without a catalog, every message is written in English, as it was marked.

    Example:
        >>> from babel import Locale
        >>> catalog(Locale.parse("de_AT")).gettext("Country")
        'Land'
        >>> catalog(Locale.parse("sw")).gettext("Country")
        'Country'
    """
    for name in _candidates(locale):
        if name in LANGUAGES:
            return _load(name)
    return NullTranslations()
