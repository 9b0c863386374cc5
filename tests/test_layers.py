"""The layers: imports run one way, from the command line down to the value objects.

docs/explanation/architecture.md draws them. A module imports from its own layer or
the ones below, never from above; the one import against the flow is the lazy one that
gives a report its Jupyter views (inside a function, when it is called).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import transparency_core

ROOT = Path(transparency_core.__file__).parent
LAYERS: dict[str, int] = {
    # errors and markers, below everything
    "exceptions": 0,
    "_error_base": 0,
    "_ledger_errors": 0,
    "_sheet_errors": 0,
    "_ledgertext": 0,
    "_mask": 0,
    "_i18n": 0,
    # value objects, their checks, and the policies
    "_checks": 1,
    "_eu": 1,
    "_model": 1,
    "_packed": 1,
    "_column": 1,
    "_assemble": 1,
    "_period": 1,
    "_calendar": 1,
    "_disclosure": 1,
    "_rounding": 1,
    "_medians": 1,
    "_subjects": 1,
    "_canonical": 1,
    # the specs of tables
    "_specs": 2,
    "_categories": 2,
    "_breakdowns": 2,
    "predicates": 2,
    "_facts": 2,
    # what a report is made of
    "_report": 3,
    "_cells": 3,
    "_counted_by": 3,
    "_countries": 3,
    "_entries": 3,
    "_figures": 3,
    "_dsa": 3,
    "_times": 3,
    # the rules: counting and publishing
    "_rules": 4,
    "_subtotals": 4,
    "_ordertimes": 4,
    "_series": 4,
    "_totals": 4,
    "_count": 4,
    "_counter": 4,
    "_addup": 4,
    "_tally": 4,
    "_findings": 4,
    "_publish": 4,
    "_exposure": 4,
    "_border": 4,
    "_withhold": 4,
    "_bounds": 4,
    "_simplex": 4,
    "_possible": 4,
    "_listing": 4,
    # reports compared
    "_compare": 5,
    "_comparable": 5,
    # renderers
    "_render": 6,
    "typing": 6,
    # the edge, and the report definition
    "_edge": 7,
    "_definition": 7,
    # a published report checked against its ledger
    "_verify": 7,
    # the command line and the face
    "_cli": 8,
    "__main__": 8,
    "__init__": 9,
}
"""The layer of each module or subpackage of the package (by its first name)."""


def _modules() -> list[Path]:
    return sorted(ROOT.rglob("*.py"))


def _family(path: Path) -> str:
    """A module's first name inside the package: its own, or its subpackage's."""
    return path.relative_to(ROOT).with_suffix("").parts[0]


def _imports(path: Path) -> list[tuple[int, str]]:
    """The package modules ``path`` imports at its top level (not inside a function)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: list[tuple[int, str]] = []
    nested = {
        id(node)
        for function in ast.walk(tree)
        if isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef)
        for node in ast.walk(function)
    }
    for node in ast.walk(tree):
        if id(node) in nested:
            continue
        if isinstance(node, ast.ImportFrom) and node.module:
            names = [node.module]
            if node.module == "transparency_core":
                names = [f"transparency_core.{alias.name}" for alias in node.names]
            found.extend((node.lineno, name) for name in names)
        elif isinstance(node, ast.Import):
            found.extend((node.lineno, alias.name) for alias in node.names)
    return [
        (line, name.split(".")[1]) for line, name in found if name.startswith("transparency_core.")
    ]


@pytest.mark.parametrize("path", _modules(), ids=lambda path: str(path.relative_to(ROOT)))
def test_every_module_has_a_layer(path: Path) -> None:
    """A new module is placed in a layer (here and in the architecture page)."""
    assert _family(path) in LAYERS


@pytest.mark.parametrize("path", _modules(), ids=lambda path: str(path.relative_to(ROOT)))
def test_imports_run_down(path: Path) -> None:
    """No module imports from a layer above its own."""
    layer = LAYERS[_family(path)]
    upward = [
        f"line {line}: {name} (layer {LAYERS.get(name)})"
        for line, name in _imports(path)
        if LAYERS.get(name, -1) > layer
    ]

    assert upward == []
