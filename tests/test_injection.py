"""No injection: text from data never reaches an output raw (docs/reference/renderers.md).

A company name, a country name a caller overrides, a category's title, heading and
definition, and a request id, each holding any text at all, control characters, bidi
overrides, lone surrogates and markup included: every format stays well-formed, keeps
its structure, and writes no control character of its own.
"""

from __future__ import annotations

import csv
import io
import json
import re
from typing import TYPE_CHECKING
from xml.etree import ElementTree as ET

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from builders import make_request, parse_html
from transparency_core import (
    Category,
    Column,
    CsvRenderer,
    ExplainRenderer,
    HtmlRenderer,
    JsonRenderer,
    MarkdownRenderer,
    ReportingPeriod,
    SvgRenderer,
    TextRenderer,
    build_report,
)
from transparency_core._render._escape import csv_cell, markdown_paragraph, visible

if TYPE_CHECKING:
    from transparency_core import Report

YEAR = ReportingPeriod.calendar_year(2020)
# What no output may hold raw: C0 but the format's own line ends, DEL, C1, the line and
# paragraph separators, bidi embeddings, overrides and isolates, lone surrogates, and
# the noncharacters (which XML and HTML refuse).
FORBIDDEN = re.compile(
    "[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff"
    "\ufdd0-\ufdef\ufffe\uffff\U0010fffe\U0010ffff]"
)
NASTY = [
    "\x1b[2J\x1b]0;owned\x07",
    "Evil\nCorp",
    "a\rb|c",
    "# Evil",
    "[link](javascript:alert(1))",
    "- item",
    "1. item",
    "    code",
    "\u202eevil\u202c",
    "A\ud800",
    "=1+2",
    " \t=HYPERLINK(1)",
    "\t@SUM(1)",
    "<script>&amp;</script>",
    "\x85\u2028\u2029\ufffe",
]
texts = st.sampled_from(NASTY) | st.text(alphabet=st.characters(codec=None), max_size=12)


def hostile_report(text: str) -> Report:
    """A report whose company, category texts and request id all hold ``text``."""
    category = Category(
        name="hostile",
        title=f"T{text}",
        identifier_types=("imei",),
        columns=(Column(key="requests", heading=f"H{text}", definition=f"D{text}"),),
        description=f"P{text}",
    )
    request = make_request(f"R{text}", category=category.name)
    return build_report([request], YEAR, categories=[category], company=f"C{text}")


def raw_controls(output: str, line_end: str = "\n") -> list[str]:
    """The forbidden characters in ``output``, once its own line ends are taken out."""
    return FORBIDDEN.findall(output.replace(line_end, ""))


def unescaped(line: str, characters: str) -> int:
    """How many of ``characters`` in a Markdown line are not backslash-escaped."""
    return sum(match.group() in characters for match in re.finditer(r"\\.|.", line))


SETTINGS = settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow], deadline=None)


class TestEveryFormat:
    """Any text, in every field that comes from data, in every format."""

    @SETTINGS
    @given(text=texts)
    def test_text_and_explain(self, text: str) -> None:
        """No control character, and no line forged: the explain view keeps its lines."""
        report = hostile_report(text)
        countries = {"ES": f"N{text}"}

        shown = TextRenderer(countries=countries)(report)
        explained = ExplainRenderer(countries=countries)(report)

        assert raw_controls(shown) == []
        assert raw_controls(explained) == []
        assert len(explained.splitlines()) == len(
            ExplainRenderer()(hostile_report("x")).splitlines()
        )
        assert f"R{visible(text)}: " in explained

    @SETTINGS
    @given(text=texts)
    def test_markdown(self, text: str) -> None:
        """Tables keep their columns, one heading is the title, no tag or link is made."""
        output = MarkdownRenderer(countries={"ES": f"N{text}"})(hostile_report(text))
        lines = output.splitlines()
        table = [line for line in lines if line.startswith("|")]

        assert raw_controls(output) == []
        assert {unescaped(line, "|") for line in table} == {3}
        assert [line for line in lines if line.startswith("# ")] == [lines[0]]
        assert all(unescaped(line, "<>[]`") == 0 for line in lines)
        assert f"\n{markdown_paragraph(f'P{text}')}\n" in output  # the description, escaped

    @SETTINGS
    @given(text=texts)
    def test_html(self, text: str) -> None:
        """A strict HTML5 parser reads it; the company's name is text, made visible."""
        output = HtmlRenderer(countries={"ES": f"N{text}"})(hostile_report(text))

        tree = parse_html(output)

        assert raw_controls(output) == []
        assert tree.find(".//h1").text == f"C{visible(text)} Transparency Report"

    @SETTINGS
    @given(text=texts)
    def test_svg(self, text: str) -> None:
        """Well-formed XML, whatever the names."""
        output = SvgRenderer(countries={"ES": f"N{text}"})(hostile_report(text))

        root = ET.fromstring(output)  # noqa: S314 -- our own output

        assert raw_controls(output) == []
        title = root.find("{http://www.w3.org/2000/svg}title")
        assert title is not None
        assert title.text == (f"C{visible(text)} Transparency Report: requests and data provided")

    @SETTINGS
    @given(text=texts)
    def test_csv(self, text: str) -> None:
        """Every row keeps its fields, and no text cell is a formula."""
        output = CsvRenderer(countries={"ES": f"N{text}"})(hostile_report(text))
        rows = list(csv.reader(io.StringIO(output, newline="")))

        assert raw_controls(output, "\r\n") == []
        assert {len(row) for row in rows} == {7}
        assert {row[2] for row in rows[1:]} == {csv_cell(f"N{text}")}
        for cell in (cell for row in rows for cell in row):
            number = re.fullmatch(r"-?\d+(\.\d+)?", cell)
            assert number or not re.match(r"\s*[=+\-@]|[\t\r\n]", cell), cell

    @SETTINGS
    @given(text=texts)
    @example(text="A\ud800\u202e\x1b")
    def test_json(self, text: str) -> None:
        """Valid UTF-8 and exact, but for a lone surrogate, which becomes U+FFFD."""
        output = JsonRenderer(provenance=True)(hostile_report(text))

        data = json.loads(output.encode("utf-8"))

        exact = re.sub("[\ud800-\udfff]", "\ufffd", text)
        assert raw_controls(output) == []
        assert data["company"] == f"C{exact}"
        assert [entry["id"] for entry in data["periods"][0]["entries"]] == [f"R{exact}"]


class TestBeforeAndAfter:
    """The cases that reached an output raw, and what they give now."""

    def test_an_escape_in_a_company_name(self) -> None:
        """A terminal escape is shown, not run."""
        output = TextRenderer()(hostile_report("\x1b[2J"))

        assert output.splitlines()[0] == "C<U+001B>[2J Transparency Report"

    def test_a_newline_in_a_company_name(self) -> None:
        """A newline cannot forge a line of the explain view."""
        output = ExplainRenderer()(hostile_report("\nIndia, Forged: 0: none"))

        assert "RIndia, Forged" not in output
        assert "R<U+000A>India, Forged: 0: none: " in output

    def test_a_carriage_return_in_a_markdown_cell(self) -> None:
        """It no longer ends the table row."""
        output = MarkdownRenderer(countries={"ES": "a\rb|c"})(hostile_report("x"))

        assert "| a\\<U+000D\\>b\\|c | 1 |" in output.splitlines()

    def test_a_paragraph_that_would_be_a_list(self) -> None:
        """The category description starts a line; it cannot make a list or code block."""
        lines = MarkdownRenderer()(hostile_report("x")).splitlines()
        output = MarkdownRenderer()(
            build_report(
                [make_request("R1")],
                YEAR,
                categories=[
                    Category(
                        name="device",
                        title="Devices",
                        identifier_types=("imei",),
                        columns=(Column(key="requests", heading="Requests"),),
                        description="- 1. not a list",
                    )
                ],
            )
        )

        assert "Px" in lines
        assert "\\- 1. not a list" in output.splitlines()

    @pytest.mark.parametrize(
        ("text", "cell"),
        [
            (" =1+2", "' =1+2"),
            ("\u3000@SUM(1)", "'\u3000@SUM(1)"),
            ("\t@SUM(1)", "<U+0009>@SUM(1)"),
        ],
    )
    def test_formulas_after_white_space(self, text: str, cell: str) -> None:
        """White space before a formula does not hide it; a tab or CR is made visible."""
        output = CsvRenderer(countries={"ES": text})(hostile_report("x"))

        assert {row[2] for row in csv.reader(io.StringIO(output))} >= {cell}

    def test_an_escape_in_svg(self) -> None:
        """An ESC made the SVG invalid XML; it is now shown as its code point."""
        output = SvgRenderer()(hostile_report("\x1b"))

        assert "C&lt;U+001B&gt; Transparency Report" in output
        ET.fromstring(output)  # noqa: S314 -- our own output

    def test_a_lone_surrogate_in_json(self) -> None:
        """It could not be written as UTF-8; it is now U+FFFD."""
        output = JsonRenderer()(hostile_report("\ud800"))

        assert '"company": "C\ufffd"' in output
        output.encode("utf-8")
