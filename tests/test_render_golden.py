"""The golden files: every renderer's output of the reference reports, byte for byte."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from builders import ROOT, load_module

if TYPE_CHECKING:
    from collections.abc import Callable

    from transparency_core import Report
    from transparency_core.typing import Renderer


def _load_golden_renderers() -> tuple[dict[str, Renderer], Callable[[str], Report]]:
    """The renderers of scripts/regenerate_golden.py, the one list of golden files."""
    module = load_module(ROOT / "scripts" / "regenerate_golden.py")
    renderers: dict[str, Renderer] = module.RENDERERS
    return renderers, module.report_of


GOLDEN = Path(__file__).parent / "golden"
RENDERERS, GOLDEN_REPORT = _load_golden_renderers()


class TestGoldenFiles:
    """The reference report renders exactly as reviewed (scripts/regenerate_golden.py)."""

    @pytest.mark.parametrize("name", sorted(RENDERERS))
    def test_reference_report(self, name: str) -> None:
        """Byte for byte, for every renderer and locale."""
        expected = (GOLDEN / name).read_bytes().decode("utf-8")

        assert RENDERERS[name](GOLDEN_REPORT(name)) == expected

    def test_every_golden_file_has_its_renderer(self) -> None:
        """No stale file is left in tests/golden."""
        assert sorted(path.name for path in GOLDEN.iterdir()) == sorted(RENDERERS)
