"""The quality gates: ruff (lint and format) and mypy --strict, as part of the suite.

Running them here makes ``uv run pytest`` the one command that checks everything CI
checks.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).parent.parent


def check(*command: str) -> subprocess.CompletedProcess[str]:
    """Run a tool of the dev environment from the project's root."""
    executable = shutil.which(command[0])
    if executable is None:  # pragma: no cover -- the dev group installs them
        pytest.fail(f"{command[0]} is not installed: run the tests with 'uv run pytest'")
    return subprocess.run(
        [executable, *command[1:]],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )


class TestQualityGates:
    """Lint, format and types are clean."""

    def test_ruff_check(self) -> None:
        """No lint finding, with every rule selected."""
        result = check("ruff", "check", "--no-cache", ".")

        assert result.returncode == 0, result.stdout + result.stderr

    def test_ruff_format(self) -> None:
        """Every file is formatted."""
        result = check("ruff", "format", "--no-cache", "--check", ".")

        assert result.returncode == 0, result.stdout + result.stderr

    def test_mypy_strict(self) -> None:
        """src, tests and scripts type-check under --strict."""
        result = check("mypy", "--strict")

        assert result.returncode == 0, result.stdout + result.stderr
