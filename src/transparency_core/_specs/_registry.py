"""The registry of categories: the ones a ledger may name, and the shipped ones."""

from __future__ import annotations

from typing import TYPE_CHECKING

import attrs

from transparency_core._specs._categories import SHIPPED_CATEGORIES
from transparency_core._specs._tables import Category
from transparency_core.exceptions import AlreadyRegisteredError

if TYPE_CHECKING:
    from collections.abc import Iterator

__all__ = ["Categories", "default_categories"]


@attrs.define
class Categories:
    """A registry of categories: the ones a ledger may name, in registration order.

    Registries are plain objects, made by :func:`default_categories` or empty; nothing is
    registered globally, so two services can count by different categories side by side.

    Example:
        >>> from transparency_core import Category, Column
        >>> categories = default_categories()
        >>> "device" in categories, len(categories)
        (True, 6)
        >>> push_token = Category(
        ...     name="push_token",
        ...     title="Worldwide Government Push Token Requests",
        ...     identifier_types=("push_token",),
        ...     columns=(Column(key="requests", heading="Number of Push Token Requests"),),
        ... )
        >>> categories.register(push_token)
        >>> categories["push_token"].title
        'Worldwide Government Push Token Requests'
    """

    _by_name: dict[str, Category] = attrs.field(factory=dict, alias="by_name")

    def register(self, category: Category, *, replace: bool = False) -> None:
        """Add ``category``; a name already registered needs ``replace=True``.

        Raises:
            AlreadyRegisteredError: When the name is taken and ``replace`` is false (a
                ``ValueError``).
        """
        if category.name in self._by_name and not replace:
            raise AlreadyRegisteredError("category", category.name)
        self._by_name[category.name] = category

    def __contains__(self, name: object) -> bool:
        """Whether a category of this name is registered."""
        return name in self._by_name

    def __iter__(self) -> Iterator[Category]:
        """The categories, in the order they were registered."""
        return iter(self._by_name.values())

    def __len__(self) -> int:
        """How many categories are registered."""
        return len(self._by_name)

    def __getitem__(self, name: str) -> Category:
        """The category called ``name``.

        Raises:
            KeyError: When none is.
        """
        return self._by_name[name]


def default_categories() -> Categories:
    """A new registry holding every shipped category, for a caller to add to.

    Example:
        >>> registry = default_categories()
        >>> "device" in registry, len(registry)
        (True, 6)
        >>> registry is default_categories()
        False
    """
    registry = Categories()
    for category in SHIPPED_CATEGORIES:
        registry.register(category)
    return registry
