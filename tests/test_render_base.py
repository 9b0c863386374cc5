"""What every renderer shares: the contract, determinism, its locale and country names."""

from __future__ import annotations

import ast
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

import transparency_core
from builders import make_request
from transparency_core import (
    CsvRenderer,
    ExplainRenderer,
    HtmlRenderer,
    JsonRenderer,
    MarkdownRenderer,
    ReportingPeriod,
    SvgRenderer,
    TextRenderer,
    _render,
    build_report,
    default_renderers,
    reference_report,
)
from transparency_core.exceptions import FieldError
from transparency_core.typing import Renderer

if TYPE_CHECKING:
    from collections.abc import Callable

YEAR = ReportingPeriod.calendar_year(2020)
LOCALISED = [
    TextRenderer,
    MarkdownRenderer,
    HtmlRenderer,
    CsvRenderer,
    SvgRenderer,
    ExplainRenderer,
]


class TestEveryRenderer:
    """Callables from a report to a string, that give the same bytes for the same figures."""

    @pytest.mark.parametrize("renderer", [*LOCALISED, JsonRenderer])
    def test_renderers_satisfy_the_protocol(self, renderer: Callable[[], Renderer]) -> None:
        """Callables from report to str."""
        made = renderer()

        assert isinstance(made, Renderer)
        assert isinstance(made(reference_report()), str)

    @pytest.mark.parametrize("renderer", [TextRenderer(), MarkdownRenderer()])
    def test_the_same_records_in_any_order_render_byte_identically(
        self, renderer: Renderer
    ) -> None:
        """Determinism, from the records to the bytes."""
        requests = [make_request(code, country=code) for code in ("SE", "IN", "CN", "FR")]

        assert renderer(build_report(requests, YEAR)) == renderer(
            build_report(requests[::-1], YEAR)
        )


class TestBlockRenderers:
    """Text, Markdown and HTML render a report, one of its tables, or a comparison."""

    @pytest.mark.parametrize("renderer", [TextRenderer(), MarkdownRenderer()])
    def test_one_table_alone_is_the_table_of_the_full_report(
        self, renderer: TextRenderer | MarkdownRenderer
    ) -> None:
        """``renderer.table(...)`` shows exactly the rows the full report shows."""
        report = reference_report()
        alone = renderer.table(report.table("account"))

        assert alone in renderer(report)
        assert len(alone.splitlines()) >= 4


class TestCountryNames:
    """A company may need a name other than CLDR's."""

    @pytest.mark.parametrize(
        "renderer",
        [
            TextRenderer(countries={"HK": "Hong Kong"}),
            MarkdownRenderer(countries={"HK": "Hong Kong"}),
        ],
    )
    def test_an_override_replaces_cldrs_name(self, renderer: Renderer) -> None:
        """CLDR says "Hong Kong SAR China"; the override says "Hong Kong"."""
        text = renderer(build_report([make_request("R1", country="HK")], YEAR))

        assert "Hong Kong" in text
        assert "SAR" not in text

    def test_overrides_are_frozen_and_ordered(self) -> None:
        """Renderers stay hashable and compare by content."""
        one = TextRenderer(countries={"HK": "Hong Kong", "CN": "Chinese mainland"})
        other = TextRenderer(countries={"CN": "Chinese mainland", "HK": "Hong Kong"})

        assert one == other
        assert hash(one) == hash(other)


class TestLocaleIsCheckedWhenBuilt:
    """A renderer with a locale babel does not know is refused where it is made."""

    @pytest.mark.parametrize("renderer", LOCALISED)
    @pytest.mark.parametrize("locale", ["xx_bogus", "", "de-DE"])
    def test_every_renderer_refuses_an_unknown_locale(self, renderer: Any, locale: str) -> None:
        """A FieldError (a ValueError) naming the locale, before anything is rendered."""
        with pytest.raises(FieldError) as caught:
            renderer(locale=locale)

        assert str(caught.value) == (
            "locale: expected a locale babel knows, such as en, de_DE or zh_Hans_CN, "
            f"got {locale!r}"
        )

    def test_a_known_locale_is_kept_as_given(self) -> None:
        """The identifier is not rewritten."""
        assert HtmlRenderer(locale="zh_Hans_CN").locale == "zh_Hans_CN"

    @pytest.mark.parametrize("renderer", LOCALISED)
    def test_locale_and_countries_come_first_by_keyword_or_by_position(self, renderer: Any) -> None:
        """Every renderer of words takes them alike: ``(locale, countries, ...)``."""
        by_position = renderer("de", {"HK": "Hongkong"})

        assert by_position == renderer(locale="de", countries={"HK": "Hongkong"})
        assert (by_position.locale, by_position.countries) == ("de", (("HK", "Hongkong"),))


PACKAGE = Path(transparency_core.__file__).parent


def imported_modules(path: Path) -> set[str]:
    """The modules of the package that the source file ``path`` imports from."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = {node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)}
    return {module for module in found if module and module.startswith("transparency_core")}


class TestTheFamily:
    """The renderers are one subpackage, and the package sees them through its face."""

    def test_the_package_imports_the_renderers_from_the_subpackage_only(self) -> None:
        """No module outside ``_render/`` reaches into one of its modules."""
        inside = f"{_render.__name__}."
        reaching = {
            path.name: sorted(m for m in imported_modules(path) if m.startswith(inside))
            for path in PACKAGE.glob("*.py")
        }

        assert {name: modules for name, modules in reaching.items() if modules} == {}

    def test_the_registry_has_every_renderer_of_the_family(self) -> None:
        """Each renderer class the subpackage offers is built in, under one name."""
        classes = {getattr(_render, name) for name in _render.__all__ if name.endswith("Renderer")}
        renderers = default_renderers()

        assert {type(renderers.create(name)) for name in renderers} == classes
