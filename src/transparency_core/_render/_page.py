"""The HTML page around a report's ``<article>``: one file, nothing fetched.

A doctype, the charset, the language and writing direction, a viewport for phones, the
colour schemes it supports, a title, and the stylesheet (:mod:`._stylesheet`) with the
company's colour and CSS: everything in one file, to mail or upload as it is.
"""

from __future__ import annotations

from transparency_core._render._escape import html as escape
from transparency_core._render._stylesheet import STYLESHEET

__all__ = ["page"]


def page(
    article: str, *, title: str, language: str, rtl: bool, theme: tuple[str, bytes | None, str]
) -> str:
    """The page of ``article``, titled ``title``, in ``language``, with its theme.

    ``theme`` is the company's colour (a checked hex colour), its logo (in the
    article already) and its extra CSS (checked: it cannot leave the stylesheet).
    """
    colour, _, css = theme
    extra = f"/* The company's own CSS */\n{css}\n" if css else ""
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{escape(language)}" dir="{"rtl" if rtl else "ltr"}">\n'
        "<head>\n"
        '<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="color-scheme" content="light dark">\n'
        f"<title>{escape(title)}</title>\n"
        "<style>\n"
        f".transparency-report {{ --tr-accent: {colour}; }}\n"
        f"{STYLESHEET}{extra}"
        "</style>\n"
        "</head>\n"
        "<body>\n"
        f"{article}"
        "</body>\n"
        "</html>\n"
    )
