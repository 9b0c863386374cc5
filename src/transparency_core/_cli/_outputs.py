"""What ``render`` writes, and where: each format's renderer and its file, or stdout.

The formats come from ``--format`` (one, or several: ``html,csv,json``), else from the
definition's ``[[output]]`` tables, else ``text``. ``-o FILE`` writes the one format to
a file; ``-o DIR`` (a directory, a path ending in ``/``, or several formats) writes
each to ``DIR/report.EXT``. Without ``-o``, an output goes to its ``path`` in the
definition (relative to the definition's file), or to standard output: one at most.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import attrs

from transparency_core._cli._options import BadInputError
from transparency_core._definition import Output
from transparency_core._render import visible
from transparency_core.exceptions import FieldError
from transparency_core.typing import Renderer

if TYPE_CHECKING:
    import argparse

    from transparency_core._definition import ReportDefinition
    from transparency_core._render import Renderers
    from transparency_core._report import Report
    from transparency_core._series import Series

__all__ = [
    "EXTENSIONS",
    "Planned",
    "as_shown",
    "formats",
    "needs_ids",
    "needs_times",
    "plan",
    "series_shown",
]

EXTENSIONS = {"text": "txt", "markdown": "md", "explain": "explain.txt"}
"""The extension of a format's file in ``-o DIR``, where it is not the format's name."""


@attrs.frozen
class Planned:
    """One output: its format, its renderer, its file (``None``: stdout), its source."""

    name: str
    renderer: Renderer
    path: Path | None
    where: str
    """Where it was asked for, for messages: ``output[1]`` or ``--format``."""
    provenance: bool = False
    """Whether it asks for the request ids of every figure (json's ``provenance``)."""


_SHOW_NO_IDS = frozenset(
    {"csv", "dsa", "dsa-identification", "html", "json", "markdown", "response-times", "svg"}
    | {"text"}
)
"""The built-in formats that show no request ids."""
_TIMES = "response-times"
"""The format that needs the report's response times counted."""


def needs_times(planned: list[Planned]) -> bool:
    """Whether an output planned shows response times: they are counted only for it.

    The medians keep every distinct time, so they are not counted otherwise (unless
    the definition's ``response_times`` asks).
    """
    return any(out.name == _TIMES for out in planned)


def as_shown(output: Planned, report: Report, *, columns: bool) -> Report:
    """``report`` as ``output`` shows it: with its response times as columns only if asked.

    They are counted for the ``response-times`` format too; every other format shows
    them only with ``columns`` (``--response-times``, the definition's ``response_times``),
    so that asking for their long CSV changes no other output.
    """
    if columns or output.name == _TIMES or report.response_times is None:
        return report
    return attrs.evolve(report, response_times=None)


def series_shown(output: Planned, series: Series, *, columns: bool) -> Series:
    """``series`` as ``output`` shows it: each period's report :func:`as_shown`."""
    reports = tuple(as_shown(output, report, columns=columns) for report in series.reports)
    return attrs.evolve(series, reports=reports)


def needs_ids(planned: list[Planned]) -> bool:
    """Whether to count with the request ids of every figure, for the outputs planned.

    Only the explain view, a json output asked for its ``provenance``, and renderers of
    other packages may show request ids: without them, memory does not grow with the
    ledger.
    """
    return any(out.name not in _SHOW_NO_IDS or out.provenance for out in planned)


def formats(text: str | None) -> list[str]:
    """The formats of ``--format``: one name, or several separated by commas."""
    return [] if text is None else [name.strip() for name in text.split(",") if name.strip()]


def _outputs(definition: ReportDefinition, names: list[str]) -> list[tuple[Output, str]]:
    """The outputs asked for, each with where it was asked: the line's or the file's."""
    if not names:
        found = list(definition.outputs) or [Output(format="text")]
        return [(output, f"output[{index}]") for index, output in enumerate(found)]
    # A format on the line keeps the options the definition gives it.
    given = {output.format: output for output in definition.outputs}
    return [
        (attrs.evolve(given[name], path=None) if name in given else Output(format=name), "--format")
        for name in names
    ]


def _destinations(
    outputs: list[tuple[Output, str]], target: Path | None, base: Path
) -> list[Path | None]:
    """Each output's file: in ``-o``, at its ``path``, or ``None`` (stdout)."""
    if target is None:
        paths = [None if output.path is None else base / output.path for output, _ in outputs]
        if sum(path is None for path in paths) > 1:
            msg = (
                "several outputs would go to standard output: give each a path, or -o DIR "
                "for a file each"
            )
            raise BadInputError(msg)
        return paths
    if len(outputs) == 1 and not target.is_dir() and not str(target).endswith(("/", "\\")):
        return [target]
    names = [output.format for output, _ in outputs]
    if len(set(names)) < len(names):
        msg = f"-o {visible(str(target))}: two outputs of one format cannot share a directory"
        raise BadInputError(msg)
    return [target / f"report.{EXTENSIONS.get(name, name)}" for name in names]


def plan(
    definition: ReportDefinition,
    arguments: argparse.Namespace,
    renderers: Renderers,
    theme: dict[str, bytes | str],
    base: Path,
) -> list[Planned]:
    """The outputs to write: each renderer made, every option checked before counting."""
    outputs = _outputs(definition, formats(arguments.format))
    target = getattr(arguments, "output", None)
    paths = _destinations(outputs, target, base)
    planned = []
    for (output, where), path in zip(outputs, paths, strict=True):
        if output.format not in renderers:
            choices = ", ".join(sorted(renderers))
            msg = f"{where}.format: expected one of {choices}, got {visible(output.format)!r}"
            raise BadInputError(msg)
        factory = renderers.factory(output.format)
        options = definition.renderer_options(output, factory, theme)
        try:
            renderer = renderers.create(output.format, **options)
        except FieldError as error:
            if error.path in ("logo", "css"):  # the theme's files, read by the command
                error = FieldError(f"theme.{error.path}", error.expected, error.got)
                raise BadInputError(str(error)) from None
            msg = f"{where} ({output.format}): {error}"
            raise BadInputError(msg) from None
        except TypeError as error:
            msg = f"{where}: the renderer {output.format!r} does not take these options: {error}"
            raise BadInputError(msg) from None
        provenance = dict(output.options).get("provenance") is True
        planned.append(Planned(output.format, renderer, path, where, provenance))
    return planned
