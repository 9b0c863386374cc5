"""The renderer registry: built-in renderers by name, and any a user registers.

A registry is a plain object (nothing is registered globally). Third-party packages
offer renderers through the entry-point group ``transparency_core.renderers``; the caller
that may read installed packages' metadata (the command line does) hands those entry
points to :meth:`Renderers.load`, so the core reads nothing by itself.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Protocol

import attrs

from transparency_core._render._csv import CsvRenderer
from transparency_core._render._dsa import DsaIdentificationRenderer, DsaRenderer
from transparency_core._render._explain import ExplainRenderer
from transparency_core._render._html import HtmlRenderer
from transparency_core._render._json import JsonRenderer
from transparency_core._render._markdown import MarkdownRenderer
from transparency_core._render._svg import SvgRenderer
from transparency_core._render._text import TextRenderer
from transparency_core._render._times import ResponseTimesRenderer
from transparency_core.exceptions import (
    AlreadyRegisteredError,
    BrokenRendererWarning,
    UnknownNameError,
)
from transparency_core.typing import Renderer

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator


__all__ = ["ENTRY_POINT_GROUP", "Renderers", "default_renderers"]

ENTRY_POINT_GROUP = "transparency_core.renderers"
"""The entry-point group in which other packages offer renderers."""


class _EntryPoint(Protocol):
    """What :meth:`Renderers.load` needs of an ``importlib.metadata.EntryPoint``."""

    name: str

    def load(self) -> Any:  # noqa: ANN401 -- whatever the package offers
        """Import the object the entry point names."""


@attrs.define
class Renderers:
    """Renderer factories by name: ``renderers.create("html", locale="de")``.

    Example:
        >>> renderers = default_renderers()
        >>> sorted(renderers)  # doctest: +NORMALIZE_WHITESPACE
        ['csv', 'dsa', 'dsa-identification', 'explain', 'html', 'json', 'markdown',
         'response-times', 'svg', 'text']
        >>> renderers.create("text", width=60)
        TextRenderer(locale='en', countries=(), width=60)
    """

    _factories: dict[str, Callable[..., Renderer]] = attrs.field(factory=dict, alias="factories")

    def register(
        self, name: str, factory: Callable[..., Renderer], *, replace: bool = False
    ) -> None:
        """Add a renderer factory (a class, say) under ``name``.

        Raises:
            AlreadyRegisteredError: When the name is taken and ``replace`` is false (a
                ``ValueError``).
        """
        if name in self._factories and not replace:
            raise AlreadyRegisteredError("renderer", name)
        self._factories[name] = factory

    def load(self, entry_points: Iterable[_EntryPoint]) -> None:
        """Register the renderers that other packages offer as entry points.

        Built-in names are never replaced by a package's entry point. An entry point
        that fails to import, or names something that cannot make a renderer (it is not
        callable), is skipped with a
        :class:`~transparency_core.exceptions.BrokenRendererWarning` naming it: the
        other renderers still work.

        Example:
            >>> import warnings
            >>> from importlib.metadata import EntryPoint
            >>> broken = EntryPoint("pdf", "nowhere:Pdf", ENTRY_POINT_GROUP)
            >>> renderers = default_renderers()
            >>> with warnings.catch_warnings(record=True) as caught:
            ...     warnings.simplefilter("always")
            ...     renderers.load([broken])
            >>> print(caught[0].message)  # doctest: +NORMALIZE_WHITESPACE
            the renderer 'pdf' (nowhere:Pdf) cannot be used:
            ModuleNotFoundError: No module named 'nowhere'
            >>> "pdf" in renderers
            False
        """
        for entry_point in entry_points:
            if entry_point.name in self._factories:
                continue
            try:
                factory = entry_point.load()
            except Exception as error:  # noqa: BLE001 -- whatever another package's import raises
                reason = f"{type(error).__name__}: {error}"
            else:
                if callable(factory):
                    self._factories[entry_point.name] = factory
                    continue
                reason = f"it names a {type(factory).__name__}, which cannot make a renderer"
            value = str(getattr(entry_point, "value", ""))
            warnings.warn(BrokenRendererWarning(entry_point.name, value, reason), stacklevel=2)

    def create(self, name: str, **options: Any) -> Renderer:  # noqa: ANN401 -- the renderer's own options
        """Make the renderer ``name`` with ``options``.

        Raises:
            UnknownNameError: When no renderer has that name (a ``KeyError``); the message
                lists those that do.
        """
        return self.factory(name)(**options)

    def factory(self, name: str) -> Callable[..., Renderer]:
        """The factory registered as ``name``, to see which options it takes.

        Raises:
            UnknownNameError: When no renderer has that name (a ``KeyError``).

        Example:
            >>> default_renderers().factory("html").__name__
            'HtmlRenderer'
        """
        factory = self._factories.get(name)
        if factory is None:
            msg = f"no renderer named {name!r}; there are {', '.join(sorted(self))}"
            raise UnknownNameError(msg)
        return factory

    def __contains__(self, name: object) -> bool:
        """Whether a renderer of this name is registered."""
        return name in self._factories

    def __iter__(self) -> Iterator[str]:
        """The names, in registration order."""
        return iter(self._factories)

    def __len__(self) -> int:
        """How many renderers are registered."""
        return len(self._factories)


def default_renderers() -> Renderers:
    """A new registry holding the built-in renderers.

    Example:
        >>> renderers = default_renderers()
        >>> sorted(renderers)  # doctest: +NORMALIZE_WHITESPACE
        ['csv', 'dsa', 'dsa-identification', 'explain', 'html', 'json', 'markdown',
         'response-times', 'svg', 'text']
        >>> renderers.create("text", locale="de_DE")
        TextRenderer(locale='de_DE', countries=(), width=88)
    """
    return Renderers(
        {
            "text": TextRenderer,
            "markdown": MarkdownRenderer,
            "html": HtmlRenderer,
            "csv": CsvRenderer,
            "json": JsonRenderer,
            "explain": ExplainRenderer,
            "svg": SvgRenderer,
            "dsa": DsaRenderer,
            "dsa-identification": DsaIdentificationRenderer,
            "response-times": ResponseTimesRenderer,
        }
    )
