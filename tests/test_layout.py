"""The package's layout: private names stay home; every module stays small.

A module's private names (``_Reader``, ``_DECODER``) are its own: another module uses
what a module exports. Every module is held to the house's sizes: no module over 400
lines, no function over 60, and a docstring whose first line says what the module is.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import transparency_core

PACKAGE = Path(transparency_core.__file__).parent
MODULES = sorted(PACKAGE.rglob("*.py"))
SMALL = MODULES


def _name(path: Path) -> str:
    return str(path.relative_to(PACKAGE))


def _tree(path: Path) -> ast.Module:
    return ast.parse(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize("path", MODULES, ids=_name)
def test_no_module_imports_a_private_name_of_another(path: Path) -> None:
    """``from transparency_core.x import _y`` nowhere: private names stay in their module."""
    private = [
        f"{node.module}.{alias.name}"
        for node in ast.walk(_tree(path))
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("transparency_core")
        for alias in node.names
        if alias.name.startswith("_")
    ]

    assert private == []


@pytest.mark.parametrize("path", SMALL, ids=_name)
def test_small_modules_and_functions_that_say_what_they_are(path: Path) -> None:
    """At most 400 lines a module and 60 a function; the docstring's first line says what."""
    text = path.read_text(encoding="utf-8")
    tree = _tree(path)
    long = [
        node.name
        for node in ast.walk(tree)
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        and (node.end_lineno or node.lineno) - node.lineno + 1 > 60
    ]

    assert len(text.splitlines()) <= 400
    assert long == []
    assert (ast.get_docstring(tree) or "").strip(), f"{_name(path)} has no docstring"
