"""What the definition says is counted: categories, legal process types, breakdowns, policies.

Each reader takes one part of the definition (its :class:`~._keys.Keys`) and returns the
value objects the Python API takes: :class:`~transparency_core.Category`,
:class:`~transparency_core.LegalProcess`, :class:`~transparency_core.Breakdown`,
:class:`~transparency_core.RoundingPolicy`, a disclosure policy. A category of the
definition's own is built from a vocabulary of columns (:data:`COLUMNS`), each a
measure the shipped tables use, so that it counts by the same rules and stays
picklable (it is counted in other processes).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import attrs

from transparency_core._disclosure import Banding, Suppression
from transparency_core._model import Action
from transparency_core._rounding import RoundingMode, RoundingPolicy, ZeroDenominator
from transparency_core._specs import (
    DEFAULT_CATEGORIES,
    DEFAULT_LEGAL_PROCESSES,
    SHIPPED_BREAKDOWNS,
    SHIPPED_CATEGORIES,
    Breakdown,
    Category,
    Column,
    LegalProcess,
    Percent,
    Requests,
    Subjects,
)
from transparency_core.exceptions import MISSING, FieldError
from transparency_core.predicates import (
    ActionTaken,
    challenged_or_rejected,
    content_provided,
    data_provided,
    only_non_content_provided,
)

if TYPE_CHECKING:
    from collections.abc import Sequence

    from transparency_core._definition._keys import Keys
    from transparency_core._disclosure import Disclosure
    from transparency_core._specs import Measure

__all__ = [
    "COLUMNS",
    "breakdowns",
    "categories",
    "disclosure",
    "legal_processes",
    "rounding",
]

COLUMNS: dict[str, tuple[Measure, str]] = {
    "requests": (Requests(), "Number of Requests"),
    "subjects": (Subjects(), "Number of Subjects Requested"),
    "provided": (Requests(data_provided), "Number of Requests Where Data Was Provided"),
    "percent_provided": (
        Percent(data_provided),
        "Percentage of Requests Where Data Was Provided",
    ),
    "non_content_only": (
        Requests(only_non_content_provided),
        "Number of Requests Where Only Non-Content Provided",
    ),
    "content": (Requests(content_provided), "Number of Requests Where Content Data Provided"),
    "challenged_or_rejected": (
        Requests(challenged_or_rejected),
        "Number of Requests Challenged in Part or Rejected",
    ),
    "preserved": (Subjects(ActionTaken(Action.PRESERVED)), "Number of Accounts Preserved"),
    "restricted": (Subjects(ActionTaken(Action.RESTRICTED)), "Number of Accounts Restricted"),
    "deleted": (Subjects(ActionTaken(Action.DELETED)), "Number of Accounts Deleted"),
}
"""The columns a category of the definition's own may have, by key: what each counts
(the shipped tables' measures) and its heading unless the definition gives one."""


def _one_of(names: Sequence[str]) -> str:
    return "one of " + ", ".join(names)


def rounding(keys: Keys | None) -> RoundingPolicy:
    """``[rounding]``: places, mode, zero_denominator, apportion."""
    if keys is None:
        return RoundingPolicy()
    places = keys.integer("places", default=0, most=RoundingPolicy.MOST_PLACES)
    modes = [mode.value for mode in RoundingMode]
    mode = keys.checked("mode", lambda got: got if got in modes else None, _one_of(modes), "")
    zeros = [zero.value for zero in ZeroDenominator]
    zero = keys.checked(
        "zero_denominator", lambda got: got if got in zeros else None, _one_of(zeros), ""
    )
    apportion = keys.flag("apportion")
    keys.done()
    return RoundingPolicy(
        places=places or 0,
        mode=mode or RoundingMode.HALF_UP,
        zero_denominator=zero or ZeroDenominator.BLANK,
        apportion=apportion,
    )


def disclosure(keys: Keys | None) -> Disclosure | None:
    """A disclosure policy: ``suppress_below = N``, or ``band_width = N`` (and ``minimum``).

    Every key of ``keys`` not read before is unknown: read ``[disclosure.categories]``
    first.
    """
    if keys is None:
        return None
    below = keys.integer("suppress_below", least=1)
    width = keys.integer("band_width", least=1)
    minimum = keys.integer("minimum")
    keys.done()
    if below is not None and (width is not None or minimum is not None):
        keys.fail("suppress_below", "either suppress_below or band_width, not both", below)
    elif minimum is not None and width is None:
        keys.fail("minimum", "a band_width beside it (the least count of a band)", minimum)
    elif below is not None:
        return Suppression(below)
    elif width is not None:
        try:
            return Banding(width, minimum)
        except FieldError as error:
            keys.fail("band_width", error.expected, width)
    return None


def _column(columns: Keys, index: int, got: object) -> Column | None:
    """One column of a category of the definition's own: a key, or a table with a key."""
    if isinstance(got, str):
        got = {"key": got}
    if not isinstance(got, dict):
        columns.fail(index, f"a column key ({', '.join(COLUMNS)}) or a table with a key", got)
        return None
    # An inline table of the list, read as a table of its own.
    column = type(columns)(got, columns.at(index), columns.errors)
    key = column.required("key")
    if key is not None and key not in COLUMNS:
        column.fail("key", _one_of(list(COLUMNS)), key)
        key = None
    heading = column.text("heading")
    definition = column.text("definition", "") or ""
    column.done()
    if key is None:
        return None
    measure, default = COLUMNS[key]
    return Column(key=key, heading=heading or default, measure=measure, definition=definition)


def _category(keys: Keys, taken: Sequence[str]) -> Category | None:
    """One ``[[category]]``: a category of the definition's own."""
    name = keys.required("name")
    if name is not None and name in taken:
        keys.fail("name", "a name no other category has", name)
        name = None
    title = keys.required("title")
    types = keys.texts("identifier_types")
    if types is None and "identifier_types" not in keys.data:
        keys.fail("identifier_types", "a value: the key is required", MISSING)
    description = keys.text("description", "") or ""
    action = keys.flag("action")
    listed = keys.value("columns")
    if not isinstance(listed, list) or not listed:
        keys.fail("columns", 'a list of columns, such as ["requests", "subjects"]', listed)
        listed = []
    columns_keys = type(keys)({}, keys.at("columns"), keys.errors)
    columns = [_column(columns_keys, index, got) for index, got in enumerate(listed)]
    keys.done()
    if name is None or title is None or types is None or not columns or None in columns:
        return None
    return Category(
        name=name,
        title=title,
        identifier_types=types,
        columns=tuple(column for column in columns if column is not None),
        description=description,
        action=action,
    )


def categories(
    keys: Keys, policies: Keys | None
) -> tuple[tuple[Category, ...], tuple[Category, ...]]:
    """The categories a ledger may name, and those tabulated.

    A ledger may name the shipped ones and the definition's own; ``categories`` names
    those tabulated, by default the seed's then the definition's own. ``policies`` is
    ``[disclosure.categories]``: a disclosure policy per category.
    """
    own: list[Category] = []
    for table in keys.tables("category"):
        category = _category(table, [c.name for c in (*SHIPPED_CATEGORIES, *own)])
        if category is not None:
            own.append(category)
    known = {category.name: category for category in (*SHIPPED_CATEGORIES, *own)}
    named = keys.names("categories", list(known))
    chosen = [*DEFAULT_CATEGORIES, *own] if named is None else [known[name] for name in named]
    if policies is not None:
        tabulated = [category.name for category in chosen]
        for name in list(policies.data):
            policy = disclosure(policies.table(name))
            if name not in tabulated:
                policies.fail(
                    name, "a category the report tabulates: " + ", ".join(tabulated), name
                )
                continue
            index = tabulated.index(name)
            chosen[index] = attrs.evolve(chosen[index], disclosure=policy)
        policies.done()
    return (*SHIPPED_CATEGORIES, *own), tuple(chosen)


def _legal_process(table: Keys, taken: list[str]) -> LegalProcess | None:
    """One ``[[legal_process]]``: a legal process type of the definition's own."""
    name, heading = table.required("name"), table.required("heading")
    definition = table.text("definition", "") or ""
    if name is not None and name in taken:
        table.fail("name", "a name no other legal process type has", name)
        name = None
    table.done()
    if name is None or heading is None:
        return None
    taken.append(name)
    return LegalProcess(name=name, heading=heading, definition=definition)


def legal_processes(keys: Keys) -> tuple[LegalProcess, ...]:
    """Table 4's legal process types: ``legal_processes``, in order.

    By default the seed's two, then the definition's own (``[[legal_process]]``).
    """
    taken = [process.name for process in DEFAULT_LEGAL_PROCESSES]
    own = [_legal_process(table, taken) for table in keys.tables("legal_process")]
    known = {
        process.name: process for process in (*DEFAULT_LEGAL_PROCESSES, *own) if process is not None
    }
    named = keys.names("legal_processes", list(known))
    return tuple(known.values()) if named is None else tuple(known[name] for name in named)


def breakdowns(keys: Keys) -> tuple[Breakdown, ...]:
    """``breakdowns``: the shipped breakdowns to add, by key, in order."""
    known = {breakdown.key: breakdown for breakdown in SHIPPED_BREAKDOWNS}
    return tuple(known[name] for name in keys.names("breakdowns", list(known)) or ())
