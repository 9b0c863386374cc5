"""The order of countries in a table: by English name, then code, in every locale (rule 8)."""

from __future__ import annotations

from babel import Locale

__all__ = ["country_order"]

_ENGLISH_NAMES = Locale("en").territories


def country_order(code: str) -> tuple[str, str]:
    """Sort countries by English name, then code: the seed's order, in every locale.

    Example:
        >>> sorted(["SE", "DE", "ES", "XK"], key=country_order)
        ['DE', 'XK', 'ES', 'SE']
    """
    return (_ENGLISH_NAMES.get(code, code), code)
