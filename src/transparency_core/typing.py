"""Types for extending transparency_core: the renderer contract.

Example:
    A renderer is any callable that turns a finished report into a string:

    >>> from transparency_core import Report
    >>> class CountOfTables:
    ...     def __call__(self, report: Report) -> str:
    ...         return f"{len(report.tables)} tables"
    >>> renderer: Renderer = CountOfTables()
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol, runtime_checkable

if TYPE_CHECKING:
    from transparency_core._report import Report

__all__ = ["Renderer"]


@runtime_checkable
class Renderer(Protocol):
    """Turns a finished :class:`~transparency_core.Report` into a string.

    A renderer is configured when it is made (locale, width, ...) and only formats:
    it computes no figure, rounds nothing, and reads no file, stream or environment.

    Example:
        >>> from transparency_core import TextRenderer, reference_report
        >>> isinstance(TextRenderer(), Renderer)
        True
        >>> def totals(report: Report) -> str:
        ...     return f"{report.records} records"
        >>> isinstance(totals, Renderer), totals(reference_report())
        (True, '241 records')
    """

    def __call__(self, report: Report, /) -> str:
        """Return ``report`` rendered."""
