"""The marker of translatable text: ``N_`` lists a message for babel's extractor.

Titles, column headings, definitions and descriptions of the shipped categories and
breakdowns are English message ids. ``N_`` marks one where it is written (it returns its
argument unchanged), so that babel's extractor finds it; a renderer translates it when it
writes the report (see ``_render/_catalog.py``). It lives below the specs that use it, so
that they import nothing from the renderers.
"""

from __future__ import annotations

__all__ = ["N_"]


def N_(message: str) -> str:  # noqa: N802 -- gettext's name for a no-op marker
    """Mark ``message`` for translation where it is defined; return it unchanged.

    Example:
        >>> N_("Country")
        'Country'
    """
    return message
