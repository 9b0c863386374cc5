"""The report definition: everything the Python API can choose, as one frozen value.

A :class:`ReportDefinition` is what a ``report.toml`` says (see
:func:`~transparency_core.load_definition`): the company, period and release, what is
counted (categories, legal process types, breakdowns, actions in totals), how it is
published (rounding, disclosure), how it is shown (locale, country names, the page's
theme), the ledger and its column headers, and the files to write. It reads no file:
the paths it holds are as written, relative to the definition's own file, for the
command line to read.
"""

from __future__ import annotations

import inspect
from datetime import date
from typing import TYPE_CHECKING, Any

import attrs

from transparency_core._calendar import Every
from transparency_core._disclosure import Disclosure
from transparency_core._period import ReportingPeriod
from transparency_core._rounding import RoundingPolicy
from transparency_core._specs import (
    DEFAULT_CATEGORIES,
    DEFAULT_LEGAL_PROCESSES,
    SHIPPED_CATEGORIES,
    Breakdown,
    Category,
    LegalProcess,
)
from transparency_core._subjects import SubjectCounting
from transparency_core._subtotals import build_report
from transparency_core.exceptions import FieldError

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

    from transparency_core._model import Request
    from transparency_core._report import Report
    from transparency_core._tally import Tally

__all__ = ["Output", "ReportDefinition", "Theme", "accepts"]


def accepts(factory: Callable[..., object], option: str) -> bool:
    """Whether a renderer factory takes the keyword ``option`` (``locale``, ``colour``)."""
    if isinstance(factory, type) and attrs.has(factory):
        fields = attrs.fields_dict(factory)
        return option in fields and fields[option].init
    try:
        parameters = inspect.signature(factory).parameters
    except (TypeError, ValueError):  # pragma: no cover -- a builtin without a signature
        return False
    return option in parameters or any(p.kind is p.VAR_KEYWORD for p in parameters.values())


@attrs.frozen(kw_only=True)
class Output:
    """One file to write: a format, where, and the renderer's own options.

    Example:
        >>> Output(format="text", path="report.txt", options=(("width", 72),)).options
        (('width', 72),)
    """

    format: str
    """The renderer's name: ``html``, ``csv``, ``json``... (``--format``)."""
    path: str | None = None
    """The file, relative to the definition's file; ``None``: standard output."""
    options: tuple[tuple[str, object], ...] = ()
    """The renderer's options: ``width`` (text, svg), ``indent`` and ``provenance``
    (json), ``fragment`` (html), ``service`` and ``previous`` (the DSA parts)."""


@attrs.frozen(kw_only=True)
class Theme:
    r"""The page's theme: the company's colour, and the files of its logo and CSS.

    The colour is checked as :class:`~transparency_core.HtmlRenderer` checks it; the
    files' contents are checked when they are read, by the same renderer.

    Example:
        >>> from transparency_core import load_definition
        >>> load_definition('[theme]\ncolour = "#8b0000"\nlogo = "logo.png"').theme
        Theme(colour='#8b0000', logo='logo.png', css=None)
    """

    colour: str | None = None
    logo: str | None = None
    """An image file (PNG, JPEG, GIF, WebP, SVG), embedded in the page."""
    css: str | None = None
    """A CSS file added after the page's stylesheet."""


@attrs.frozen(kw_only=True)
class ReportDefinition:
    r"""What a report definition file says: every choice of the API, in one value.

    Example:
        >>> from transparency_core import load_definition, reference_ledger
        >>> definition = load_definition('company = "Xiaomi"\nperiod = "2020-H1"')
        >>> str(definition.period), definition.company
        ('2020-01-01/2020-06-30', 'Xiaomi')
        >>> definition.report(reference_ledger()).table("device").cell("IN", "requests").value
        12
    """

    company: str | None = None
    period: ReportingPeriod | None = None
    """The period, with its release date; ``None``: the calendar year of the records."""
    released: date | None = None
    locale: str = "en"
    countries: tuple[tuple[str, str], ...] = ()
    """Country names that replace CLDR's, by code."""
    registry: tuple[Category, ...] = SHIPPED_CATEGORIES
    """The categories a ledger may name: the shipped ones and the definition's own."""
    categories: tuple[Category, ...] = DEFAULT_CATEGORIES
    """The categories tabulated, in order, each with its own disclosure if any."""
    legal_processes: tuple[LegalProcess, ...] = DEFAULT_LEGAL_PROCESSES
    breakdowns: tuple[Breakdown, ...] = ()
    rounding: RoundingPolicy = attrs.field(factory=RoundingPolicy)
    disclosure: Disclosure | None = None
    actions_in_totals: bool = False
    totals: bool = False
    """Whether each table ends with a total row, all countries."""
    subjects: SubjectCounting = SubjectCounting.DISTINCT
    """What the subjects columns count: distinct devices or accounts, or identifiers."""
    response_times: bool = False
    """Whether the median response times are counted (``--format response-times``)."""
    every: Every = Every.HALF_YEAR
    """How long each period of ``transparency-core series`` is (``[series] every``)."""
    ledger: str | None = None
    """The ledger file, relative to the definition's file."""
    columns: tuple[tuple[str, str], ...] = ()
    """A spreadsheet's own column headers, each with the baseline one it stands for."""
    theme: Theme = attrs.field(factory=Theme)
    outputs: tuple[Output, ...] = ()

    def report(
        self, requests: Iterable[Request] | Tally, period: ReportingPeriod | None = None
    ) -> Report:
        """The report of ``requests`` as this definition says, for ``period`` or its own.

        Raises:
            FieldError: When neither gives a period.
        """
        period = period or self.period
        if period is None:
            raise FieldError("period", "a period, in the definition or given", None)
        return build_report(
            requests,
            period,
            categories=self.categories,
            legal_processes=self.legal_processes,
            rounding=self.rounding,
            breakdowns=self.breakdowns,
            disclosure=self.disclosure,
            company=self.company,
            actions_in_totals=self.actions_in_totals,
            totals=self.totals,
            subjects=self.subjects,
            response_times=self.response_times,
        )

    def renderer_options(
        self, output: Output, factory: Callable[..., object], theme: dict[str, Any] | None = None
    ) -> dict[str, Any]:
        """The options of ``output``'s renderer (made by ``factory``).

        They are the definition's locale and country names, the theme (``colour``, and
        the ``logo`` bytes and ``css`` text read from the theme's files) where the
        renderer takes them, and the output's own options.
        """
        shared: dict[str, Any] = {"locale": self.locale, "countries": dict(self.countries)}
        shared.update({"colour": self.theme.colour} if self.theme.colour else {})
        shared.update(theme or {})
        options = {name: value for name, value in shared.items() if accepts(factory, name)}
        options.update(output.options)
        return options
