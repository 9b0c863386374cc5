"""Masking: how a customer's identifier value is shown where it must be mentioned at all.

Ledgers hold customer data (IMEIs, card numbers, e-mail addresses), and the internal
channels that mention an identifier (findings, error messages, the explain view) end up
in logs and tickets that get shared. They show a value masked: its last four characters
when it has at least eight (so that most of it stays hidden), nothing of it otherwise.
Published outputs never mention an identifier value at all.
"""

from __future__ import annotations

__all__ = ["CUSTOMER_DATA", "MASK", "masked"]

CUSTOMER_DATA = "transparency_core.customer_data"
"""The key of an attrs field's metadata that marks it as a customer's data (masked)."""
MASK = "\N{HORIZONTAL ELLIPSIS}"
"""What stands for the hidden characters of a value."""
_SHOWN = 4
"""How many trailing characters of a long value are shown."""
_LONG = 2 * _SHOWN
"""A value needs at least this many characters for its tail to be shown."""


def masked(value: str) -> str:
    """Return ``value`` masked: ``…`` and its last four characters, or ``…`` alone.

    Example:
        >>> masked("490154203237518"), masked("jane.doe@example.com"), masked("1234567")
        ('…7518', '….com', '…')
    """
    if len(value) < _LONG:
        return MASK
    return f"{MASK}{value[-_SHOWN:]}"
