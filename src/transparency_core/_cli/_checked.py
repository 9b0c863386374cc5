"""The parsed line checked: its text valid Unicode, its names, options no format takes.

Each check raises a :class:`~._options.BadInputError` naming the option, what it
expects and what came, before anything is counted.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from babel import Locale, UnknownLocaleError

from transparency_core._cli._options import BadInputError, shown
from transparency_core._definition import accepts
from transparency_core._edge import text
from transparency_core.exceptions import FieldError

if TYPE_CHECKING:
    import argparse
    from collections.abc import Sequence

__all__ = ["check_text", "line_names", "refuse_unused"]

_FLAGS = {"locale": ("locale", "--locale"), "country": ("countries", "--country")}
"""The options of the line that a renderer takes: argument -> (renderer option, flag)."""


def line_names(arguments: argparse.Namespace) -> tuple[str | None, dict[str, str]]:
    """``--locale`` (checked) and ``--country`` names (``CODE=NAME``), as given."""
    locale = getattr(arguments, "locale", None)
    if locale:
        try:
            Locale.parse(locale)
        except (ValueError, UnknownLocaleError):
            msg = f"--locale: expected a locale such as de_DE, got {locale!r}"
            raise BadInputError(msg) from None
    countries = getattr(arguments, "country", [])
    pairs = [override.partition("=") for override in countries]
    if any(not code or not equals or not name for code, equals, name in pairs):
        msg = f"--country: expected CODE=NAME, such as HK=Hong Kong, got {countries!r}"
        raise BadInputError(msg)
    return locale or None, {code: name for code, _, name in pairs}


def refuse_unused(arguments: argparse.Namespace, factories: Sequence[tuple[str, object]]) -> None:
    """Refuse ``--locale`` or ``--country`` when none of the formats takes it."""
    given = [
        flag
        for argument, (option, flag) in _FLAGS.items()
        if getattr(arguments, argument, None)
        and not any(accepts(factory, option) for _, factory in factories)  # type: ignore[arg-type]
    ]
    if given:
        names = ",".join(name for name, _ in factories)
        msg = f"--format {names} takes no {' and '.join(given)}"
        raise BadInputError(msg)


def _unicode(value: str) -> bool:
    """Whether an option is text: valid Unicode, as a ledger's text must be."""
    try:
        text(value)
    except FieldError:
        return False
    return True


def check_text(arguments: argparse.Namespace) -> None:
    """Refuse an option that is not valid Unicode (bytes of argv that are not UTF-8)."""
    options = [
        ("--company", getattr(arguments, "company", None)),
        ("--period", getattr(arguments, "period", None)),
        ("--released", getattr(arguments, "released", None)),
        ("--from", getattr(arguments, "start", None)),
        ("--to", getattr(arguments, "end", None)),
        ("--locale", getattr(arguments, "locale", None)),
        *(("--country", country) for country in getattr(arguments, "country", [])),
    ]
    for flag, value in options:
        if value is not None and not _unicode(value):
            msg = (
                f"{flag}: expected text (valid Unicode: the command line's bytes are not "
                f"UTF-8), got {shown(value)}"
            )
            raise BadInputError(msg)
