"""The words of the shipped subjects columns when they count every identifier.

Under ``subjects="identifiers"`` (Apple's "devices specified") a subjects column counts
every distinct identifier a request names, not the devices or accounts they identify:
the seed's heading "Number of Devices Requested" and its definition "several
identifiers of one device count as one device" would then say what the figure is not.
:func:`identifier_columns` gives each shipped subjects column its words for that
policy; a column of a report definition's own keeps its words, which are its team's.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import attrs

from transparency_core._i18n import N_
from transparency_core._specs._categories import (
    ACCOUNT,
    ACCOUNT_PRESERVATION,
    ACCOUNT_RESTRICTION_DELETION,
    DEVICE,
    FINANCIAL_IDENTIFIER,
)

if TYPE_CHECKING:
    from collections.abc import Iterable

    from transparency_core._specs._measures import Column
    from transparency_core._specs._tables import Category

__all__ = ["identifier_columns"]


def _column(category: Category, key: str) -> Column:
    return next(column for column in category.columns if column.key == key)


_EVERY_ACCOUNT_IDENTIFIER = N_(
    "The number of account identifiers specified in the requests. Every identifier a "
    "request names counts, even when several identify one account."
)

# Shipped column -> (its heading, its definition) when it counts every identifier.
_WORDS: dict[Column, tuple[str, str]] = {
    _column(DEVICE, "subjects"): (
        N_("Number of Device Identifiers Specified"),
        N_(
            "The number of device identifiers specified in the requests. Every identifier "
            "a request names counts, even when several identify one device."
        ),
    ),
    _column(FINANCIAL_IDENTIFIER, "subjects"): (
        _column(FINANCIAL_IDENTIFIER, "subjects").heading,
        N_(
            "The number of financial identifiers specified in the requests. Every "
            "identifier a request names counts, even when several identify one card or "
            "account."
        ),
    ),
    _column(ACCOUNT, "subjects"): (
        N_("Number of Account Identifiers Specified"),
        _EVERY_ACCOUNT_IDENTIFIER,
    ),
    # Apple's own heading: it counts the identifiers specified.
    _column(ACCOUNT_PRESERVATION, "subjects"): (
        _column(ACCOUNT_PRESERVATION, "subjects").heading,
        _EVERY_ACCOUNT_IDENTIFIER,
    ),
    _column(ACCOUNT_PRESERVATION, "preserved"): (
        N_("Number of Account Identifiers for Which Data Was Preserved"),
        N_(
            "Account identifiers of requests whose response records the action "
            "'preserved'. Every identifier a request names counts, even when several "
            "identify one account."
        ),
    ),
    _column(ACCOUNT_RESTRICTION_DELETION, "restricted"): (
        N_("Number of Account Identifiers Restricted"),
        N_(
            "Account identifiers of requests whose response records the action "
            "'restricted'. Every identifier a request names counts, even when several "
            "identify one account."
        ),
    ),
    _column(ACCOUNT_RESTRICTION_DELETION, "deleted"): (
        N_("Number of Account Identifiers Deleted"),
        N_(
            "Account identifiers of requests whose response records the action "
            "'deleted'. Every identifier a request names counts, even when several "
            "identify one account."
        ),
    ),
}


def identifier_columns(columns: Iterable[Column]) -> tuple[Column, ...]:
    """``columns``, each shipped subjects column in the words of every identifier counted.

    Example:
        >>> from transparency_core import DEFAULT_CATEGORIES
        >>> [column.heading for column in identifier_columns(DEFAULT_CATEGORIES[0].columns)][1]
        'Number of Device Identifiers Specified'
    """
    return tuple(
        attrs.evolve(column, heading=_WORDS[column][0], definition=_WORDS[column][1])
        if column in _WORDS
        else column
        for column in columns
    )
