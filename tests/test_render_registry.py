"""The renderer registry: renderers by name, built in, registered, or from entry points."""

from __future__ import annotations

from importlib.metadata import EntryPoint
from typing import TYPE_CHECKING, Any

import pytest

from transparency_core import (
    MarkdownRenderer,
    TextRenderer,
    _cli,
    build_report,
    default_renderers,
    reference_ledger,
    reference_period,
    reference_report,
)
from transparency_core._render import ENTRY_POINT_GROUP
from transparency_core.exceptions import BrokenRendererWarning

if TYPE_CHECKING:
    from transparency_core.typing import Renderer


class TestRegistry:
    """Renderers by name, built in or registered."""

    def test_the_built_ins(self) -> None:
        """Every format, each a Renderer."""
        renderers = default_renderers()

        assert sorted(renderers) == [
            "csv",
            "dsa",
            "dsa-identification",
            "explain",
            "html",
            "json",
            "markdown",
            "response-times",
            "svg",
            "text",
        ]
        # The reference report, with its response times counted for the one that shows them.
        timed = build_report(reference_ledger(), reference_period(), response_times=True)
        for name in renderers:
            renderer: Renderer = renderers.create(name)
            assert renderer(timed if name == "response-times" else reference_report())

    def test_register_and_create_with_options(self) -> None:
        """A user's renderer is one register() call away."""
        renderers = default_renderers()
        renderers.register("wide", lambda **options: TextRenderer(width=120, **options))

        assert renderers.create("wide", locale="de") == TextRenderer(locale="de", width=120)

    def test_unknown_names_are_listed(self) -> None:
        """The error says which names there are."""
        with pytest.raises(
            KeyError,
            match="no renderer named 'pdf'; there are csv, dsa, dsa-identification, explain",
        ):
            default_renderers().create("pdf")

    def test_entry_points_add_renderers_but_never_replace_built_ins(self) -> None:
        """What a package offers is loaded when the caller hands it over."""

        class EntryPoint:
            def __init__(self, name: str) -> None:
                self.name = name

            def load(self) -> Any:
                return MarkdownRenderer

        renderers = default_renderers()
        renderers.load([EntryPoint("md"), EntryPoint("text")])

        assert renderers.create("md") == MarkdownRenderer()
        assert renderers.create("text") == TextRenderer()


class TestBrokenEntryPoints:
    """A package whose renderer cannot be used is named; every other renderer still works."""

    BROKEN = (
        EntryPoint(name="missing", value="nonexistent_mod:thing", group=ENTRY_POINT_GROUP),
        EntryPoint(
            name="constant",
            value="transparency_core._render:ENTRY_POINT_GROUP",
            group=ENTRY_POINT_GROUP,
        ),
    )

    def test_load_warns_and_skips(self) -> None:
        """A warning per broken entry point, naming it and saying why."""
        renderers = default_renderers()

        with pytest.warns(BrokenRendererWarning) as caught:
            renderers.load(
                [
                    *self.BROKEN,
                    EntryPoint("md", "transparency_core:MarkdownRenderer", ENTRY_POINT_GROUP),
                ]
            )

        assert [str(warning.message) for warning in caught] == [
            "the renderer 'missing' (nonexistent_mod:thing) cannot be used: "
            "ModuleNotFoundError: No module named 'nonexistent_mod'",
            "the renderer 'constant' (transparency_core._render:ENTRY_POINT_GROUP) cannot "
            "be used: it names a str, which cannot make a renderer",
        ]
        assert "missing" not in renderers
        assert renderers.create("md") == MarkdownRenderer()

    def test_the_command_line_says_so_on_stderr_and_goes_on(
        self, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """``transparency-core: warning: ...``, and the command still prints its report."""

        def entry_points(group: str) -> tuple[EntryPoint, ...]:
            assert group == ENTRY_POINT_GROUP
            return self.BROKEN[:1]

        monkeypatch.setattr("transparency_core._cli._options.entry_points", entry_points)

        code = _cli.main(["reference", "--format", "markdown"])

        out, err = capsys.readouterr()
        assert (code, out) == (0, MarkdownRenderer()(reference_report()))
        assert err == (
            "transparency-core: warning: the renderer 'missing' (nonexistent_mod:thing) "
            "cannot be used: ModuleNotFoundError: No module named 'nonexistent_mod'\n"
        )
