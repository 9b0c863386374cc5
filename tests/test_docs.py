"""The documentation builds with Sphinx, warnings as errors.

The examples in docs/*.md are run by Sybil (conftest.py) as part of the same suite.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).parent.parent


class TestDocumentation:
    """``sphinx-build -W`` succeeds."""

    def test_the_docs_build_without_warnings(self, tmp_path: Path) -> None:
        """MyST pages, furo theme and autodoc of every public name, warnings as errors."""
        result = subprocess.run(
            [
                sys.executable,
                "-m",
                "sphinx",
                "-W",
                "--keep-going",
                "-q",
                "-b",
                "html",
                str(ROOT / "docs"),
                str(tmp_path / "html"),
            ],
            capture_output=True,
            text=True,
            check=False,
        )

        assert result.returncode == 0, result.stderr
        assert (tmp_path / "html" / "reference" / "rules.html").is_file()
