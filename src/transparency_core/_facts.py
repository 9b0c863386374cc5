"""Which predicates read nothing but a request's facts: the counter calls those once per facts."""

from __future__ import annotations

from transparency_core.predicates import (
    ActionTaken,
    LegalProcessIs,
    NoticeIs,
    OutcomeIs,
    challenged_or_rejected,
    content_provided,
    data_provided,
    every_request,
    has_legal_process,
    is_cross_border,
    only_non_content_provided,
)

__all__ = ["reads_facts_only"]

_OF_FACTS = (
    every_request,
    data_provided,
    only_non_content_provided,
    content_provided,
    challenged_or_rejected,
    has_legal_process,
    is_cross_border,
)
_OF_FACTS_TYPES = (LegalProcessIs, OutcomeIs, NoticeIs, ActionTaken)


def reads_facts_only(predicate: object) -> bool:
    """Whether ``predicate`` is a shipped one that reads nothing but a request's *facts*.

    A request's facts are its ``response`` (frozen, and so its fields), ``legal_process``
    and ``data_country``: a shipped predicate of these holds alike for two requests
    with the same response object and equal legal processes and data countries, so the
    counter calls it once per distinct facts (with the country and category, which
    decide the tables). Any other callable may read anything and is called for every
    request.

    Example:
        >>> from transparency_core._model import Outcome
        >>> reads_facts_only(data_provided), reads_facts_only(OutcomeIs(Outcome.REJECTED))
        (True, True)
        >>> reads_facts_only(lambda request: request.emergency)
        False
    """
    return any(predicate is known for known in _OF_FACTS) or type(predicate) in _OF_FACTS_TYPES
