"""Every public name has a docstring with an example, and every example runs.

Classes and functions carry their examples in their docstrings, which the doctests of
the test command run. A constant's docstring is the string after its assignment (what
Sphinx shows); Python keeps no such string at run time, so this module finds it in the
source and runs its examples itself.
"""

from __future__ import annotations

import ast
import doctest
import inspect
import itertools
import types
from functools import cache
from importlib import import_module
from pathlib import Path

import pytest

import transparency_core

PACKAGE = Path(transparency_core.__file__).parent
MODULES = ("transparency_core", "transparency_core.predicates", "transparency_core.exceptions")
PUBLIC = [(module, name) for module in MODULES for name in import_module(module).__all__] + [
    ("transparency_core.typing", "Renderer")
]


def _module_of(path: Path) -> str:
    """The dotted name of the package's module at ``path``."""
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


@cache
def _attribute_docstrings() -> dict[str, tuple[str, str]]:
    """Every module-level ``NAME = ...`` followed by a string, by name: (module, text)."""
    found: dict[str, tuple[str, str]] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        body = ast.parse(path.read_text(encoding="utf-8")).body
        for statement, following in itertools.pairwise(body):
            targets = (
                statement.targets
                if isinstance(statement, ast.Assign)
                else [statement.target]
                if isinstance(statement, ast.AnnAssign)
                else []
            )
            if (
                isinstance(following, ast.Expr)
                and isinstance(following.value, ast.Constant)
                and isinstance(following.value.value, str)
            ):
                for target in targets:
                    if isinstance(target, ast.Name):
                        found[target.id] = (_module_of(path), following.value.value)
    return found


def _docstring(module: str, name: str) -> tuple[str, dict[str, object]]:
    """The docstring of ``module.name`` and the names its examples may use."""
    value = getattr(import_module(module), name)
    if isinstance(value, type | types.FunctionType | types.ModuleType):
        home = inspect.getmodule(value) or import_module(module)
        return inspect.getdoc(value) or "", vars(home)
    defined_in, text = _attribute_docstrings().get(name, (module, ""))
    return inspect.cleandoc(text), vars(import_module(defined_in))


@pytest.mark.parametrize(("module", "name"), PUBLIC, ids=[f"{m}.{n}" for m, n in PUBLIC])
def test_every_public_name_has_a_docstring_with_an_example(module: str, name: str) -> None:
    """A summary, and at least one example a reader can run."""
    text, _ = _docstring(module, name)

    assert text.strip(), f"{module}.{name} has no docstring"
    assert ">>> " in text, f"{module}.{name} has no example"


@pytest.mark.parametrize(
    ("module", "name"),
    [
        (module, name)
        for module, name in PUBLIC
        if not isinstance(
            getattr(import_module(module), name), type | types.FunctionType | types.ModuleType
        )
    ],
)
def test_the_examples_of_constants_run(module: str, name: str) -> None:
    """The doctests skip a constant's docstring; it runs here, with its module's names."""
    text, names = _docstring(module, name)
    test = doctest.DocTestParser().get_doctest(text, dict(names), f"{module}.{name}", None, 0)
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)

    runner.run(test)

    assert runner.summarize(verbose=False).failed == 0
    assert test.examples
