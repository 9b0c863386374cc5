"""The README's commands: the first installs only what a report needs; CI runs its tests."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

ROOT = Path(__file__).parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def _first_commands() -> list[str]:
    """The commands of the README's first shell block, comments left out."""
    (block, *_) = re.findall(r"```sh\n(.*?)```", README, re.DOTALL)
    return [line.split("#", 1)[0].strip() for line in block.splitlines() if line.strip()]


class TestTheReadme:
    """What a newcomer runs first, and what CI runs."""

    def test_the_first_command_installs_no_dev_tools(self) -> None:
        """``uv run --no-dev``: attrs, babel and cattrs, not the 70 packages of the tests."""
        report, _ = _first_commands()

        assert shlex.split(report) == ["uv", "run", "--no-dev", "transparency-core"]

    def test_ci_runs_exactly_the_readmes_test_command(self) -> None:
        """``.ci/run`` runs the README's test command, word for word."""
        _, tests = _first_commands()
        ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
        run = [line.strip() for line in ci.splitlines() if line.strip().startswith("uv run")]

        assert tests == "uv run --locked pytest"
        assert run == [tests]
