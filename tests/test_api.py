"""The public face: a small, sorted facade; everything else private."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import transparency_core
from transparency_core import exceptions

ROOT = Path(__file__).parent.parent


class TestFacade:
    """``transparency_core`` exports a deliberate, sorted set of names."""

    def test_all_is_sorted(self) -> None:
        """Constants first, then classes, then functions: ruff's isort order."""
        assert transparency_core.__all__ == sorted(
            transparency_core.__all__,
            key=lambda name: (not name.isupper(), not name[0].isupper(), name),
        )

    def test_every_exported_name_exists(self) -> None:
        """No name in ``__all__`` is missing from the module."""
        missing = [
            name for name in transparency_core.__all__ if not hasattr(transparency_core, name)
        ]

        assert missing == []

    def test_dir_shows_only_the_public_names(self) -> None:
        """Tab completion shows the facade, not the private modules."""
        assert dir(transparency_core) == sorted([*transparency_core.__all__, "__version__"])

    def test_every_public_name_has_a_docstring(self) -> None:
        """Classes and functions say what they are."""
        undocumented = [
            name
            for name in transparency_core.__all__
            if callable(getattr(transparency_core, name))
            and not (getattr(transparency_core, name).__doc__ or "").strip()
        ]

        assert undocumented == []

    def test_errors_share_one_base_and_a_builtin(self) -> None:
        """``except TransparencyError`` catches them all; ``except ValueError`` most."""
        for name in exceptions.__all__:
            error = getattr(exceptions, name)
            if isinstance(error, type) and not issubclass(error, Warning):
                assert issubclass(error, exceptions.TransparencyError)

        assert issubclass(exceptions.FieldError, ValueError)
        assert issubclass(exceptions.ConflictingRepeatError, ValueError)
        assert issubclass(exceptions.InvalidLedgerError, ExceptionGroup)

    def test_every_public_name_is_in_the_api_reference(self) -> None:
        """docs/reference/api.md documents the whole facade."""
        api = (ROOT / "docs" / "reference" / "api.md").read_text(encoding="utf-8")
        modules = {"exceptions", "predicates"}

        missing = [
            name
            for name in transparency_core.__all__
            if f"transparency_core.{name}" not in api and name not in modules
        ]

        assert missing == []

    def test_the_version_is_the_packages(self) -> None:
        """``__version__`` agrees with pyproject.toml."""
        pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")

        assert f'version = "{transparency_core.__version__}"' in pyproject


class TestReferenceLedgerFile:
    """The shipped ledger is what its generator makes."""

    def test_the_shipped_ledger_is_up_to_date(self) -> None:
        """scripts/make_reference_ledger.py --check finds nothing to change."""
        result = subprocess.run(
            [
                sys.executable,
                str(ROOT / "scripts" / "make_reference_ledger.py"),
                "--check",
            ],
            capture_output=True,
            text=True,
            check=False,
        )

        assert (result.returncode, result.stdout) == (0, "up to date\n")
