r"""The ``identifiers`` cell: devices or accounts and their identifiers, in one line of text.

``;`` separates the devices (or financial identifiers, or accounts) requested, ``,`` the
identifiers of one, and each is written ``type:value``, split at the first colon (so a
MAC address's colons stay in its value)::

    imei:490154203237518, serial_number:R58M42XKQ3; imei:356938035643809

is two devices and three identifiers. A backslash writes the next ``,``, ``;`` or ``\``
as itself (``email:a\,b@example.com``); any other backslash is kept as it is. Spaces
around each part are left out, and so are empty parts (a trailing ``;``). The
identifiers of one device or account share a subject, named after the first of them;
a lone identifier is its own subject, as in the ledger.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from transparency_core._edge._rows._columns import normal
from transparency_core.exceptions import FieldError

if TYPE_CHECKING:
    from collections.abc import Mapping

__all__ = ["identifier_records"]

_ESCAPED = frozenset(",;\\")
_WRITTEN = (
    "identifiers written type:value, such as 'imei:490154203237518' (',' between the "
    "identifiers of one device or account, ';' between devices or accounts)"
)


def _groups(text: str) -> list[list[str]]:
    """The parts of ``text``: the identifiers of each device, escapes resolved."""
    if "\\" not in text:  # nothing escaped: split, at C speed
        split = ([piece.strip() for piece in group.split(",")] for group in text.split(";"))
        return [pieces for group in split if (pieces := [piece for piece in group if piece])]
    groups: list[list[str]] = [[]]
    part: list[str] = []
    characters = iter(text)
    for character in characters:
        if character == "\\":
            following = next(characters, "")
            part.append(following if following in _ESCAPED else character + following)
        elif character in ",;":
            groups[-1].append("".join(part).strip())
            part = []
            if character == ";":
                groups.append([])
        else:
            part.append(character)
    groups[-1].append("".join(part).strip())
    return [pieces for group in groups if (pieces := [piece for piece in group if piece])]


def identifier_records(text: str, kinds: Mapping[str, str]) -> list[dict[str, str]]:
    r"""The ledger's identifier records of an ``identifiers`` cell.

    ``kinds`` maps each identifier type in normal form to its name (``IMEI`` and
    ``Serial number`` are ``imei`` and ``serial_number``); a type it lacks is kept as
    written, for the strict path to name.

    Raises:
        FieldError: For a part that is not ``type:value``; its value is shown masked.

    Example:
        >>> cell = "imei:4901542, serial_number:R58M; imei:3569380"
        >>> for record in identifier_records(cell, {}):
        ...     print(record)
        {'type': 'imei', 'value': '4901542', 'subject': 'imei:4901542'}
        {'type': 'serial_number', 'value': 'R58M', 'subject': 'imei:4901542'}
        {'type': 'imei', 'value': '3569380'}
        >>> identifier_records(r"email:a\,b@example.com", {})
        [{'type': 'email', 'value': 'a,b@example.com'}]
    """
    records: list[dict[str, str]] = []
    for group in _groups(text):
        parts: list[dict[str, str]] = []
        for piece in group:
            written, colon, value = piece.partition(":")
            kind, value = written.strip(), value.strip()
            if not (colon and kind and value):
                raise FieldError("", _WRITTEN, piece)
            parts.append({"type": kinds.get(normal(kind), kind), "value": value})
        if len(parts) > 1:
            subject = f"{parts[0]['type']}:{parts[0]['value']}"
            for part in parts:
                part["subject"] = subject
        records.extend(parts)
    return records
