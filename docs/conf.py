"""Sphinx configuration: MyST Markdown pages, furo theme, autodoc with Google docstrings."""

from __future__ import annotations

project = "transparency_core"
author = "transparency_core developers"
copyright = "2026, transparency_core developers"  # noqa: A001 -- Sphinx's own name

extensions = [
    "myst_parser",
    "sphinx.ext.autodoc",
    "sphinx.ext.napoleon",
]
source_suffix = {".md": "markdown"}
exclude_patterns = ["_build"]
html_theme = "furo"
html_title = "transparency_core"

myst_enable_extensions = ["colon_fence", "deflist"]
myst_heading_anchors = 3

autodoc_member_order = "bysource"
autodoc_typehints = "description"
autodoc_default_options = {"members": True, "undoc-members": False}
napoleon_google_docstring = True
napoleon_numpy_docstring = False
# "Attributes:" sections become field lists, so autodoc does not describe them twice.
napoleon_use_ivar = True
