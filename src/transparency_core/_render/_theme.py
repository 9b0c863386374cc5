"""A page's theme: the company's colour, its logo and its own CSS, each checked when given.

Whatever a theme brings reaches the page only in a form that cannot act there: the
colour is a hex colour that text can be read in, the logo an image of a known format
embedded as a ``data:`` address (an ``<img>`` runs no script and fetches nothing, even
from an SVG), the CSS text that cannot close the stylesheet, escape, import or fetch.
Each is an attrs validator of :class:`~transparency_core.HtmlRenderer`, so a bad theme
fails where the renderer is made, with a :class:`~transparency_core.exceptions.FieldError`.
"""

from __future__ import annotations

import base64
import re
from decimal import Decimal, localcontext
from typing import TYPE_CHECKING

from transparency_core.exceptions import FieldError

if TYPE_CHECKING:
    import attrs

__all__ = [
    "DEFAULT_COLOUR",
    "contrast",
    "known_logo",
    "logo_address",
    "readable_colour",
    "safe_css",
    "shown",
]

DEFAULT_COLOUR = "#1f4e8c"
"""A dark blue that text on white reads in at 8.31 to 1."""

_HEX = re.compile(r"#(?:[0-9a-fA-F]{3}){1,2}")
_LEAST_CONTRAST = Decimal("4.5")  # WCAG 2 AA for text
_LARGEST_LOGO = 512 * 1024
_FORMATS = (
    (re.compile(rb"\x89PNG\r\n\x1a\n"), "image/png"),
    (re.compile(rb"\xff\xd8\xff"), "image/jpeg"),
    (re.compile(rb"GIF8[79]a"), "image/gif"),
    (re.compile(rb"RIFF....WEBP", re.DOTALL), "image/webp"),
    (
        re.compile(
            rb"(?:\xef\xbb\xbf)?\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*"
            rb"(?:<!DOCTYPE[^>]*>\s*)?<svg[\s>]",
            re.DOTALL,
        ),
        "image/svg+xml",
    ),
)
# What could close the stylesheet (<), hide a character from these checks (\), bring
# another stylesheet in (@import), or fetch anything (url( of any address but data:).
_UNSAFE_CSS = re.compile(
    r"[<\\\x00-\x08\x0b\x0e-\x1f\x7f]|@import|url\(\s*['\"]?(?!data:)", re.IGNORECASE
)


def _channel(value: int) -> Decimal:
    """An sRGB channel (0 to 255) in linear light, as WCAG 2 defines it."""
    c = Decimal(value) / 255
    if c <= Decimal("0.04045"):
        return c / Decimal("12.92")
    return ((c + Decimal("0.055")) / Decimal("1.055")) ** Decimal("2.4")


def _luminance(colour: str) -> Decimal:
    digits = colour[1:]
    if len(digits) == 3:  # noqa: PLR2004 -- "#abc" is "#aabbcc"
        digits = "".join(2 * digit for digit in digits)
    red, green, blue = (_channel(int(digits[i : i + 2], 16)) for i in (0, 2, 4))
    return Decimal("0.2126") * red + Decimal("0.7152") * green + Decimal("0.0722") * blue


def contrast(colour: str, background: str = "#ffffff") -> Decimal:
    """The WCAG 2 contrast ratio of two hex colours, to two places.

    Computed in decimal arithmetic with a fixed precision, so it is the same everywhere.

    Example:
        >>> contrast("#1f4e8c"), contrast("#777777")
        (Decimal('8.31'), Decimal('4.48'))
    """
    with localcontext() as context:
        context.prec = 28
        lighter, darker = sorted((_luminance(colour), _luminance(background)), reverse=True)
        return ((lighter + Decimal("0.05")) / (darker + Decimal("0.05"))).quantize(Decimal("0.01"))


def readable_colour(_: object, attribute: attrs.Attribute[str], value: str) -> None:
    """An attrs validator: a hex colour (``#1f4e8c``) that text on white reads in (AA)."""
    if not isinstance(value, str) or not _HEX.fullmatch(value):
        raise FieldError(attribute.name, "a hex colour such as '#1f4e8c'", value)
    ratio = contrast(value)
    if ratio < _LEAST_CONTRAST:
        raise FieldError(
            attribute.name,
            f"a colour that text on white reads in, at least 4.5:1 (WCAG AA), not {ratio}:1",
            value,
        )


def logo_address(logo: bytes) -> str:
    """The ``data:`` address of a logo: its format's media type and its bytes in base64."""
    for magic, media_type in _FORMATS:
        if magic.match(logo):
            return f"data:{media_type};base64,{base64.b64encode(logo).decode('ascii')}"
    raise FieldError(
        "logo", "a PNG, JPEG, GIF, WebP or SVG image", "other bytes"
    )  # pragma: no cover


def known_logo(_: object, attribute: attrs.Attribute[bytes | None], value: bytes | None) -> None:
    """An attrs validator: no logo, or the bytes of a PNG, JPEG, GIF, WebP or SVG image."""
    if value is None:
        return
    if not isinstance(value, bytes):
        raise FieldError(attribute.name, "the bytes of an image file, or None", value)
    if len(value) > _LARGEST_LOGO:
        raise FieldError(attribute.name, "an image of at most 512 KiB", f"{len(value)} bytes")
    if not any(magic.match(value) for magic, _ in _FORMATS):
        got = f"{len(value)} bytes starting {value[:8].hex(' ')}"
        raise FieldError(attribute.name, "a PNG, JPEG, GIF, WebP or SVG image", got)


def safe_css(_: object, attribute: attrs.Attribute[str], value: str) -> None:
    r"""An attrs validator: CSS that stays in the page's stylesheet and fetches nothing.

    It may not hold ``<``, a backslash, a control character, ``@import``, or ``url(``
    of anything but a ``data:`` address.

    Example:
        >>> from transparency_core import HtmlRenderer
        >>> try:
        ...     HtmlRenderer(css="</style><script>alert(1)</script>")
        ... except ValueError as error:
        ...     print(error)  # doctest: +ELLIPSIS
        css: expected CSS without '<', '\', control ... address, got '</style>...'
    """
    if not isinstance(value, str):
        raise FieldError(attribute.name, "CSS text", value)
    found = _UNSAFE_CSS.search(value)
    if found is not None:
        raise FieldError(
            attribute.name,
            "CSS without '<', '\\', control characters, @import or url() of anything "
            "but a data: address",
            value[found.start() : found.start() + 8] + "...",
        )


def shown(logo: bytes | None) -> str:
    """How a logo shows in a renderer's repr: its size, not its bytes."""
    return "None" if logo is None else f"<{len(logo)} bytes>"
