"""HTML, CSV and JSON renderers, and the renderer registry."""

from __future__ import annotations

import csv
import io
import json
from importlib.metadata import EntryPoint
from importlib.resources import files
from pathlib import Path
from typing import TYPE_CHECKING, Any
from xml.etree import ElementTree as ET

import html5lib
import jsonschema
import pytest
from hypothesis import given

from builders import make_request
from strategies import ledgers
from transparency_core import (
    OUTCOMES,
    REPORT_SCHEMA,
    Banding,
    Category,
    Column,
    CsvRenderer,
    ExplainRenderer,
    HtmlRenderer,
    JsonRenderer,
    MarkdownRenderer,
    Report,
    ReportingPeriod,
    Request,
    RoundingPolicy,
    Suppression,
    SvgRenderer,
    TextRenderer,
    _cli,
    build_report,
    default_renderers,
    reference_report,
)
from transparency_core._renderers import ENTRY_POINT_GROUP
from transparency_core.exceptions import BrokenRendererWarning, FieldError

if TYPE_CHECKING:
    from transparency_core.typing import Renderer

YEAR = ReportingPeriod.calendar_year(2020)
HOSTILE = '<script>alert("x")</script>'
REPORT_VALIDATOR = jsonschema.Draft202012Validator(REPORT_SCHEMA)


def hostile_report() -> Report:
    """A report whose company, table title and heading carry markup and a formula."""
    category = Category(
        name="=cmd|' /C calc'!A0",
        title=f"Requests {HOSTILE}",
        identifier_types=("imei",),
        columns=(Column(key="@requests", heading=f"-Requests {HOSTILE}"),),
        description=HOSTILE,
    )
    request = make_request("R1", category=category.name)
    return build_report([request], YEAR, categories=[category], company=HOSTILE)


def parse_html(html: str) -> Any:
    """Parse with a real HTML5 parser that fails on any parse error."""
    return html5lib.HTMLParser(strict=True, namespaceHTMLElements=False).parseFragment(html)


class TestHtml:
    """Valid HTML5, proper table markup, everything escaped."""

    def test_the_reference_report_is_valid_html5(self) -> None:
        """A strict HTML5 parser reads it without one error."""
        tree = parse_html(HtmlRenderer()(reference_report()))

        tables = tree.findall(".//table")
        assert len(tables) == 4
        assert tables[0].find("caption").text == "Table 1: Worldwide Government Device Requests"

    def test_table_markup(self) -> None:
        """Thead with th scope=col, a th scope=row per country, numbers marked right."""
        tree = parse_html(HtmlRenderer().table(reference_report().table("device")))

        assert {th.get("scope") for th in tree.findall(".//thead/tr/th")} == {"col"}
        rows = tree.findall(".//tbody/tr")
        assert [row.find("th").text for row in rows] == ["China", "India", "Spain", "Sweden"]
        assert {td.get("class") for td in tree.findall(".//tbody/tr/td")} == {"num"}

    def test_markup_in_any_text_comes_out_inert(self) -> None:
        """No <script> element, whatever the company, title or heading holds."""
        html = HtmlRenderer()(hostile_report())
        tree = parse_html(html)

        assert tree.findall(".//script") == []
        assert "&lt;script&gt;" in html

    @pytest.mark.parametrize(
        ("locale", "direction", "language"),
        [
            ("ar", "rtl", "ar"),
            ("he", "rtl", "he"),
            ("ur", "rtl", "ur"),
            ("de_DE", "ltr", "de-DE"),
            ("zh_Hans_CN", "ltr", "zh-Hans-CN"),
        ],
    )
    def test_the_fragment_carries_language_and_direction(
        self, locale: str, direction: str, language: str
    ) -> None:
        """Right-to-left locales lay out right to left."""
        first = HtmlRenderer(locale=locale)(reference_report()).splitlines()[0]

        assert first == f'<article class="transparency-report" lang="{language}" dir="{direction}">'

    def test_numbers_read_left_to_right_in_a_right_to_left_report(self) -> None:
        """A band stays "0 - 99" in Arabic: numeric cells are isolated left to right."""
        report = build_report([make_request("R1")], YEAR, disclosure=Banding(100))
        arabic = parse_html(HtmlRenderer(locale="ar")(report))
        english = parse_html(HtmlRenderer()(report))

        cells = arabic.findall(".//td")
        assert cells
        assert all(cell.get("dir") == "ltr" for cell in cells)
        assert "0 - 99" in [cell.text for cell in cells]
        assert all(cell.get("dir") is None for cell in english.findall(".//td"))

    def test_reports_and_tables_show_in_notebooks(self) -> None:
        """Jupyter's display hooks give HTML and Markdown."""
        report = reference_report()

        assert report._repr_html_() == HtmlRenderer()(report)
        assert report._repr_markdown_() == MarkdownRenderer()(report)
        assert report.table("device")._repr_html_() == HtmlRenderer().table(report.table("device"))


class TestCsv:
    """Data that the csv module reads back, safe in spreadsheets."""

    def test_long_format_has_every_cell(self) -> None:
        """One row per cell of every table."""
        report = reference_report()
        rows = list(csv.DictReader(io.StringIO(CsvRenderer()(report))))

        cells = sum(len(row.cells) for table in report.tables for row in table.rows)
        assert len(rows) == cells
        [india] = [
            r
            for r in rows
            if (r["table"], r["country"], r["column"]) == ("device", "IN", "percent_provided")
        ]
        assert (india["country_name"], india["value"], india["published"]) == ("India", "79", "")

    def test_one_csv_per_table(self) -> None:
        """Wide: a row per country, a column per figure."""
        tables = CsvRenderer().tables(reference_report())

        assert list(tables) == ["device", "financial_identifier", "account", "legal_process"]
        rows = list(csv.reader(io.StringIO(tables["legal_process"])))
        assert rows == [
            ["country", "country_name", "row", "investigation_order", "other_court_order"],
            ["CN", "China", "counts", "16", "1"],
            ["CN", "China", "shares", "94", "6"],
        ]

    def test_formulas_are_neutralised(self) -> None:
        """No cell starts with =, +, - or @."""
        text = CsvRenderer()(hostile_report())
        cells = [cell for row in csv.reader(io.StringIO(text)) for cell in row]

        assert not [cell for cell in cells if cell[:1] in {"=", "+", "-", "@"}]
        assert "'=cmd|' /C calc'!A0" in cells

    def test_banded_counts_are_published_as_bands_only(self) -> None:
        """The exact value of a banded count is not in the output."""
        report = build_report([make_request("R1")], YEAR, disclosure=Banding(100))
        rows = list(csv.DictReader(io.StringIO(CsvRenderer()(report))))

        requests = next(r for r in rows if r["column"] == "requests" and r["table"] == "device")
        assert (requests["value"], requests["published"]) == ("", "0 - 99")


class TestJson:
    """Versioned, exact, valid against the shipped schema."""

    def test_the_shipped_schema_file_is_the_schema(self) -> None:
        """scripts/make_schemas.py wrote it."""
        shipped = files("transparency_core").joinpath("schemas", "report.schema.json")

        assert json.loads(shipped.read_text(encoding="utf-8")) == REPORT_SCHEMA
        jsonschema.Draft202012Validator.check_schema(REPORT_SCHEMA)

    def test_every_field_is_documented(self) -> None:
        """docs/report-json.md has a row for every property of the schema, at its path."""
        page = (Path(__file__).parent.parent / "docs" / "report-json.md").read_text("utf-8")

        def paths(node: dict[str, Any], prefix: str) -> list[str]:
            found = []
            for name, child in node.get("properties", {}).items():
                path = f"{prefix}{name}"
                found.append(path)
                found.extend(paths(child, f"{path}."))
                if "items" in child:
                    found.extend(paths(child["items"], f"{path}[]."))
            return found

        fields = paths(REPORT_SCHEMA, "")

        assert len(fields) > 30
        assert [field for field in fields if f"| `{field}` |" not in page] == []

    @pytest.mark.parametrize("provenance", [False, True])
    def test_the_reference_report_is_valid(self, provenance: bool) -> None:  # noqa: FBT001 -- a parameter
        """With and without the ids."""
        data = json.loads(JsonRenderer(provenance=provenance)(reference_report()))

        REPORT_VALIDATOR.validate(data)
        assert ("entries" in data) is provenance

    def test_values_are_exact(self) -> None:
        """Counts are integers, percentages decimal strings."""
        report = build_report(
            [make_request(f"R{n}") for n in range(3)]
            + [make_request("N", response=make_request("x").response.__class__("no_data"))],  # type: ignore[arg-type]
            YEAR,
            rounding=RoundingPolicy(places=2),
        )
        data = JsonRenderer().data(report)

        cells = data["tables"][0]["rows"][0]["cells"]
        assert cells["requests"] == {"value": 4}
        assert cells["percent_provided"]["value"] == "75.00"

    @given(ledgers())
    def test_any_report_is_valid(self, ledger: list[Request]) -> None:
        """With breakdowns, apportioning, and suppression or provenance."""
        for disclosure, provenance in ((Suppression(2), False), (None, True)):
            report = build_report(
                ledger,
                YEAR,
                breakdowns=[OUTCOMES],
                rounding=RoundingPolicy(apportion=True),
                disclosure=disclosure,
            )

            REPORT_VALIDATOR.validate(JsonRenderer(provenance=provenance).data(report))


class TestRegistry:
    """Renderers by name, built in or registered."""

    def test_the_built_ins(self) -> None:
        """Every format, each a Renderer."""
        renderers = default_renderers()

        assert sorted(renderers) == ["csv", "explain", "html", "json", "markdown", "svg", "text"]
        for name in renderers:
            renderer: Renderer = renderers.create(name)
            assert renderer(reference_report())

    def test_register_and_create_with_options(self) -> None:
        """A user's renderer is one register() call away."""
        renderers = default_renderers()
        renderers.register("wide", lambda **options: TextRenderer(width=120, **options))

        assert renderers.create("wide", locale="de") == TextRenderer(locale="de", width=120)

    def test_unknown_names_are_listed(self) -> None:
        """The error says which names there are."""
        with pytest.raises(KeyError, match="no renderer named 'pdf'; there are csv, explain"):
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


SVG = "{http://www.w3.org/2000/svg}"


def parse_svg(text: str) -> ET.Element:
    """Parse the SVG renderer's own output."""
    return ET.fromstring(text)  # noqa: S314 -- our own output, not untrusted data


def width(rect: ET.Element) -> int:
    """The width of a bar."""
    return int(rect.get("width", "-1"))


class TestSvg:
    """A bar chart in plain SVG, readable by screen readers."""

    def test_well_formed_with_title_and_description(self) -> None:
        """An XML parser reads it; the chart is labelled by its title and description."""
        root = parse_svg(SvgRenderer()(reference_report()))

        assert root.get("role") == "img"
        assert root.get("aria-labelledby") == "chart-title chart-desc"
        assert root.findtext(f"{SVG}title") == (
            "Xiaomi Transparency Report: requests and data provided"
        )
        assert "January 1" in root.findtext(f"{SVG}desc", "")

    def test_one_bar_per_country_with_its_figures(self) -> None:
        """Bars as long as the requests, filled as far as the data provided."""
        root = parse_svg(SvgRenderer()(reference_report()))

        bars = {
            group.get("aria-label"): group.findall(f"{SVG}rect") for group in root.iter(f"{SVG}g")
        }
        whole, part = bars["India: 24 requests, data provided for 19"][:2]
        china = bars["China: 3 requests, data provided for 3"][0]
        assert width(whole) * 19 // 24 == width(part)
        assert width(china) == width(whole) * 3 // 24

    def test_banded_counts_are_not_drawn_to_scale(self) -> None:
        """Under a disclosure policy, a bar would give the count away."""
        report = build_report([make_request("R1")], YEAR, disclosure=Suppression(10))
        svg = SvgRenderer()(report)

        assert "<rect" not in svg.split("</g>", 1)[1]
        assert "&lt; 10" in svg


class TestLocaleIsCheckedWhenBuilt:
    """A renderer with a locale babel does not know is refused where it is made."""

    @pytest.mark.parametrize(
        "renderer",
        [TextRenderer, MarkdownRenderer, HtmlRenderer, CsvRenderer, SvgRenderer, ExplainRenderer],
    )
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


class TestBrokenEntryPoints:
    """A package whose renderer cannot be used is named; every other renderer still works."""

    BROKEN = (
        EntryPoint(name="missing", value="nonexistent_mod:thing", group=ENTRY_POINT_GROUP),
        EntryPoint(
            name="constant",
            value="transparency_core._renderers:ENTRY_POINT_GROUP",
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
            "the renderer 'constant' (transparency_core._renderers:ENTRY_POINT_GROUP) cannot "
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
