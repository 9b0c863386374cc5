"""The EU's codes for DSA orders: its Member States and the categories of illegal content.

References:
    Regulation (EU) 2022/2065 (the Digital Services Act), Articles 9 (orders to act
    against illegal content), 10 (orders to provide information) and 15(1)(a).
    Commission Implementing Regulation (EU) 2024/2835, Annex I: the templates; part 2
    names the categories, part 3 ("Member States orders") lists the categories of
    illegal content that orders are reported by, in this order.
"""

from __future__ import annotations

__all__ = ["ILLEGAL_CONTENT", "MEMBER_STATES"]

MEMBER_STATES: frozenset[str] = frozenset(
    {
        "AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GR", "HR", "HU",
        "IE", "IT", "LT", "LU", "LV", "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK",
    }
)  # fmt: skip
"""The 27 Member States, by their ISO 3166-1 alpha-2 codes (Greece is ``GR``, as the
ledger writes every country, not the EU's own ``EL``).

Example:
    >>> len(MEMBER_STATES), "GR" in MEMBER_STATES, "EL" in MEMBER_STATES
    (27, True, False)
"""

ILLEGAL_CONTENT: tuple[str, ...] = (
    "STATEMENT_CATEGORY_ANIMAL_WELFARE",
    "STATEMENT_CATEGORY_CONSUMER_INFORMATION",
    "STATEMENT_CATEGORY_CYBER_VIOLENCE",
    "STATEMENT_CATEGORY_CYBER_VIOLENCE_AGAINST_WOMEN",
    "STATEMENT_CATEGORY_DATA_PROTECTION_AND_PRIVACY_VIOLATIONS",
    "STATEMENT_CATEGORY_ILLEGAL_OR_HARMFUL_SPEECH",
    "STATEMENT_CATEGORY_INTELLECTUAL_PROPERTY_INFRINGEMENTS",
    "STATEMENT_CATEGORY_NEGATIVE_EFFECTS_ON_CIVIC_DISCOURSE_OR_ELECTIONS",
    "STATEMENT_CATEGORY_PROTECTION_OF_MINORS",
    "STATEMENT_CATEGORY_RISK_FOR_PUBLIC_SECURITY",
    "STATEMENT_CATEGORY_SCAMS_AND_FRAUD",
    "STATEMENT_CATEGORY_SELF_HARM",
    "STATEMENT_CATEGORY_UNSAFE_AND_PROHIBITED_PRODUCTS",
    "STATEMENT_CATEGORY_VIOLENCE",
    "STATEMENT_CATEGORY_NOT_SPECIFIED_ORDER",
)
"""The categories of illegal content of the template's "Member States orders" part, in
its order: the Commission's ``STATEMENT_CATEGORY_...`` codes, the last for an order
whose authority did not say. (The categories of notices only, terms and conditions and
"not specified by the notifier", are not categories of an order.)

Example:
    >>> len(ILLEGAL_CONTENT), ILLEGAL_CONTENT[-1]
    (15, 'STATEMENT_CATEGORY_NOT_SPECIFIED_ORDER')
"""
