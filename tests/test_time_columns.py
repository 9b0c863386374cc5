"""Response times as columns of the category tables, in every format, recounted directly."""

from __future__ import annotations

import csv
import io
import json
import math
import statistics
from datetime import timedelta
from fractions import Fraction
from typing import TYPE_CHECKING, Any

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from builders import parse_html
from strategies import timed_requests
from test_cli_series import tc
from transparency_core import (
    DEFAULT_CATEGORIES,
    REPORT_SCHEMA,
    CsvRenderer,
    HtmlRenderer,
    JsonRenderer,
    MarkdownRenderer,
    ReportingPeriod,
    Request,
    ResponseTimesRenderer,
    Suppression,
    TextRenderer,
    build_report,
    build_series,
    structure_ledger,
)
from transparency_core._render._times import TIMES_HEADER

TIME_KEYS = TIMES_HEADER[4:]

if TYPE_CHECKING:
    from collections.abc import Sequence
    from pathlib import Path

    from transparency_core import Report

PERIOD = ReportingPeriod.calendar_year(2020)
TABLES = {category.name for category in DEFAULT_CATEGORIES}
MOMENTS = ("acknowledged", "responded")
TO = {"acknowledged": "acknowledge", "responded": "respond"}
UNITS = {"hours": 3_600_000_000, "days": 86_400_000_000}
"""Microseconds in each unit."""
ledgers = st.lists(timed_requests(), max_size=25, unique_by=lambda request: request.id)
IMEI = "356938035643809"


def two_places(value: Fraction) -> str:
    """``value`` to two decimals, half up, as text: written here again, not the package's."""
    whole = math.floor(value * 100 + Fraction(1, 2))
    return f"{whole // 100}.{whole % 100:02d}"


Times = dict[tuple[str, str, str, str], tuple[str | None, int, int]]
"""(table, country, moment, unit) -> (median, requests timed, left out)."""


def expected(ledger: Sequence[Request]) -> Times:
    """(table, country, moment, unit) -> (median, requests timed, left out), directly."""
    groups: dict[tuple[str, str], list[Request]] = {}
    for request in ledger:
        if request.received in PERIOD and request.category in TABLES:
            groups.setdefault((request.category, request.country), []).append(request)
    found = {}
    for (table, country), group in groups.items():
        for moment in MOMENTS:
            ends = [(r.received, getattr(r, moment)) for r in group if getattr(r, moment)]
            for unit, micro in UNITS.items():
                times = [Fraction((end - start) // timedelta(microseconds=1), micro)
                         for start, end in ends]  # fmt: skip
                median = two_places(statistics.median(times)) if times else None
                found[table, country, moment, unit] = (median, len(times), len(group) - len(ends))
    return found


def json_times(report: Report) -> Times:
    """The same, as the JSON's cells publish it."""
    found = {}
    for table in JsonRenderer().data(report)["periods"][0]["tables"]:
        for row in table["rows"]:
            for column in table["columns"]:
                counts = column["counts"]
                if counts["measure"] == "median_time":
                    cell = row["cells"][column["key"]]
                    key = (table["key"], row["country"], counts["to"], counts["unit"])
                    found[key] = (cell["value"], cell["counted"], cell["left_out"])
    return found


def record(number: int, **fields: object) -> dict[str, Any]:
    """A device request from India received on 2020-05-04 at 09:00, India's time."""
    return {
        "id": f"IN-{number}",
        "received": "2020-05-04T09:00:00+05:30",
        "country": "IN",
        "category": "device",
        "identifiers": [{"type": "imei", "value": f"{IMEI}{number}"}],
        "response": {"outcome": "no_data"},
        **fields,
    }


RECORDS = [
    record(1, acknowledged="2020-05-04T10:30:00+05:30", responded="2020-05-04T15:00:00+05:30"),
    record(2, responded="2020-05-06T09:00:00+05:30"),
    record(3),
    record(4, received="2020-09-01"),
]
"""India's requests: answered the same day and two days later, one not answered, one acked;
the fourth in the second half-year."""


def timed_ledger() -> tuple[Request, ...]:
    """India's first three requests, all of the first half-year."""
    return structure_ledger(RECORDS[:3])


def india(ledger: Sequence[Request], moment: str) -> tuple[str, str, int, int]:
    """India's median in hours and days to ``moment``, timed and left out: recounted."""
    found = expected(ledger)
    hours, counted, left_out = found["device", "IN", moment, "hours"]
    days = found["device", "IN", moment, "days"][0]
    assert hours is not None
    assert days is not None
    return hours, days, counted, left_out


class TestMedians:
    """The columns' medians against statistics.median over each row's times."""

    @settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow])
    @given(ledgers)
    def test_every_row_of_json_is_its_requests_median(self, ledger: list[Request]) -> None:
        """Hours and days, to acknowledge and to respond, with the requests timed."""
        report = build_report(ledger, PERIOD, response_times=True)

        assert json_times(report) == expected(ledger)

    @settings(max_examples=30, suppress_health_check=[HealthCheck.too_slow])
    @given(ledgers)
    def test_every_row_of_each_tables_csv_is_too(self, ledger: list[Request]) -> None:
        """The per-table CSV: a column each for the medians, counted and left out."""
        report = build_report(ledger, PERIOD, response_times=True)
        found = {}
        for key, text in CsvRenderer().tables(report).items():
            for row in csv.DictReader(io.StringIO(text)):
                if row["country"] and key in TABLES:
                    for moment in MOMENTS:
                        for unit in UNITS:
                            median = row[f"median_{unit}_to_{TO[moment]}"] or None
                            counted = int(row[f"{moment}_counted"])
                            left_out = int(row[f"{moment}_left_out"])
                            found[key, row["country"], moment, unit] = (median, counted, left_out)

        assert found == expected(ledger)

    def test_the_long_csv_has_a_row_per_time(self) -> None:
        """After India's counts: 27 hours to respond (of 6 and 48), 2 timed, 1 left out."""
        report = build_report(timed_ledger(), PERIOD, response_times=True)
        rows = list(csv.DictReader(io.StringIO(CsvRenderer()(report))))
        cells = {row["column"]: (row["value"], row["published"]) for row in rows}
        hours = two_places(statistics.median([Fraction(6), Fraction(48)]))

        assert cells["median_hours_to_respond"] == (hours, "")
        assert cells["responded_counted"] == ("2", "")
        assert cells["responded_left_out"] == ("1", "")
        assert [row["column"] for row in rows][:5] == [
            "requests", "subjects", "provided", "percent_provided", "median_hours_to_acknowledge",
        ]  # fmt: skip


class TestEveryFormat:
    """Text, Markdown, HTML: the headings, the medians localised, "n of m" requests."""

    def report(self) -> Report:
        """India's three requests, with their times."""
        return build_report(timed_ledger(), PERIOD, response_times=True)

    def test_text(self) -> None:
        """India's row: its figures, then each moment's hours, days and "n of m" requests."""
        text = TextRenderer()(self.report())
        [row] = [line.split() for line in text.splitlines() if line.startswith("India ")]
        times = []
        for moment in MOMENTS:
            hours, days, counted, left_out = india(timed_ledger(), moment)
            times += [hours, days, str(counted), "of", str(counted + left_out)]

        assert row[-len(times) :] == times
        assert row[:2] == ["India", str(len(timed_ledger()))]
        assert "Median Hours to Respond: The median time from receiving a request" in text

    def test_markdown(self) -> None:
        """A pipe table cell each."""
        markdown = MarkdownRenderer()(self.report())
        [row] = [line for line in markdown.splitlines() if line.startswith("| India |")]
        cells = []
        for moment in MOMENTS:
            hours, days, counted, left_out = india(timed_ledger(), moment)
            cells += [hours, days, f"{counted} of {counted + left_out}"]

        assert row.endswith(f"| {' | '.join(cells)} |")
        assert "| Median Hours to Acknowledge | Median Days to Acknowledge |" in markdown

    def test_html_parses_and_has_the_columns(self) -> None:
        """Numeric cells, headed by ``<th scope="col">``."""
        html = HtmlRenderer()(self.report())
        parse_html(html)
        hours, days, _, _ = india(timed_ledger(), "responded")

        assert '<th scope="col" class="num">Requests Timed to Respond</th>' in html
        assert f'<td class="num">{hours}</td><td class="num">{days}</td>' in html

    def test_german_numbers_and_words(self) -> None:
        """The medians in the locale's digits, the headings translated."""
        text = MarkdownRenderer(locale="de")(self.report())
        hours, days, counted, left_out = india(timed_ledger(), "responded")
        german = [
            hours.replace(".", ","),
            days.replace(".", ","),
            f"{counted} von {counted + left_out}",
        ]

        assert f"| {' | '.join(german)} |" in text
        assert "Median der Stunden bis zur Antwort" in text

    @pytest.mark.parametrize("locale", ["ar", "fr", "es", "hi", "zh_Hans_CN", "de"])
    def test_every_locale_translates_the_headings(self, locale: str) -> None:
        """No English heading of a time column is left in another language's page."""
        html = HtmlRenderer(locale=locale)(self.report())
        parse_html(html)

        assert "Median Hours" not in html
        assert "Requests Timed" not in html

    def test_arabic_words_keep_their_direction(self) -> None:
        """Right to left: a median is laid out left to right, "2 من 3" is not reordered."""
        html = HtmlRenderer(locale="ar")(self.report())
        hours, _, counted, left_out = india(timed_ledger(), "responded")

        assert f'<td class="num" dir="ltr">{hours}</td>' in html
        assert f'<td class="num">{counted} من {counted + left_out}</td>' in html

    def test_a_series_has_a_row_per_time_of_each_country(self) -> None:
        """By half-year: the first half's median, the second half's requests untimed."""
        series = build_series(structure_ledger(RECORDS), "half-year", response_times=True)
        text = MarkdownRenderer().series(series)
        hours, _, counted, left_out = india(timed_ledger(), "responded")
        requests = counted + left_out

        assert f"| India | Median Hours to Respond | {hours} |  |" in text
        assert f"| India | Requests Timed to Respond | {counted} of {requests} | 0 of 1 |" in text


class TestWithheld:
    """Under a disclosure policy a row's times are withheld in every format: nothing else."""

    def report(self) -> Report:
        """India's three requests under Suppression(10)."""
        return build_report(timed_ledger(), PERIOD, disclosure=Suppression(10), response_times=True)

    def test_every_format_says_withheld(self) -> None:
        """Six cells of "withheld" in the documents, eight in the CSV; no median."""
        report = self.report()
        markdown = MarkdownRenderer()(report)
        [row] = [line for line in markdown.splitlines() if line.startswith("| India |")]
        wide = CsvRenderer().tables(report)["device"].splitlines()[1]

        assert row.endswith(" | withheld" * 6 + " |")
        assert wide.endswith(",withheld" * 8)
        for output in (markdown, TextRenderer()(report), HtmlRenderer()(report), wide):
            assert "27.00" not in output
            assert " of 3" not in output

    def test_json_and_the_long_csv_publish_no_value(self) -> None:
        """``{"published": {"withheld": true}}``; the long CSV's ``published`` says it."""
        report = self.report()
        data = JsonRenderer().data(report)
        jsonschema.validate(data, REPORT_SCHEMA)
        cells = data["periods"][0]["tables"][0]["rows"][0]["cells"]
        rows = [
            row
            for row in csv.DictReader(io.StringIO(CsvRenderer()(report)))
            if row["column"].startswith(("median_", "acknowledged_", "responded_"))
        ]

        assert cells["median_hours_to_respond"] == {"published": {"withheld": True}}
        assert {(row["value"], row["published"]) for row in rows} == {("", "withheld")}
        assert len(rows) == 8

    def test_a_total_row_has_no_times(self) -> None:
        """The total row of all countries: blank time cells, and none in JSON."""
        report = build_report(timed_ledger(), PERIOD, totals=True, response_times=True)
        rows = list(csv.DictReader(io.StringIO(CsvRenderer().tables(report)["device"])))
        total = JsonRenderer().data(report)["periods"][0]["tables"][0]["totals"][0]

        assert rows[-1]["country_name"] == "All countries"
        assert [rows[-1][key] for key in TIME_KEYS] == [""] * len(TIME_KEYS)
        assert rows[0]["responded_counted"] != ""
        assert not any(key.startswith("median_") for key in total["cells"])


class TestPublished:
    """The columns change nothing else, show no identifier, and escape their text."""

    @pytest.mark.parametrize(
        "renderer",
        [TextRenderer(), MarkdownRenderer(), HtmlRenderer(), CsvRenderer(), JsonRenderer()],
        ids=lambda renderer: type(renderer).__name__,
    )
    def test_without_them_every_output_is_as_before(self, renderer: Any) -> None:
        """A report without response times renders as one never counted with them."""
        with_times = build_report(timed_ledger(), PERIOD, response_times=True)
        without = build_report(timed_ledger(), PERIOD)

        assert renderer(without) != renderer(with_times)
        assert "Median" not in renderer(without)
        assert "median" not in renderer(without)

    def test_no_identifier_and_names_escaped(self) -> None:
        """A country name of markup and a formula: escaped; no IMEI anywhere."""
        report = build_report(timed_ledger(), PERIOD, response_times=True)
        names = {"IN": "=HYPERLINK(1) <b>x</b>"}
        outputs = {
            "html": HtmlRenderer(countries=names)(report),
            "markdown": MarkdownRenderer(countries=names)(report),
            "csv": CsvRenderer(countries=names).tables(report)["device"],
            "json": JsonRenderer()(report),
            "times": ResponseTimesRenderer(countries=names)(report),
        }

        assert not any(IMEI in output for output in outputs.values())
        assert "<b>" not in outputs["html"]
        assert "&lt;b&gt;" in outputs["html"]
        assert "'=HYPERLINK(1) <b>x</b>" in outputs["csv"]

    def test_json_with_them_is_valid_version_2(self) -> None:
        """Against the schema, with the settings naming them; a series too."""
        report = build_report(timed_ledger(), PERIOD, response_times=True, totals=True)
        data = JsonRenderer().data(report)
        series = build_series(timed_ledger(), "quarter", response_times=True)

        jsonschema.validate(data, REPORT_SCHEMA)
        jsonschema.validate(json.loads(JsonRenderer().series(series)), REPORT_SCHEMA)
        assert data["periods"][0]["settings"]["response_times"] is True
        assert (
            "response_times"
            not in JsonRenderer().data(build_report([], PERIOD))["periods"][0]["settings"]
        )


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder with India's timed requests, and a fourth in the second half-year."""
    path = tmp_path_factory.mktemp("times")
    (path / "ledger.json").write_text(json.dumps(RECORDS), encoding="utf-8")
    return path


class TestCommandLine:
    """``--response-times`` on ``render`` and ``series``; the definition's key."""

    def test_render_with_the_flag(self, folder: Path) -> None:
        """The columns in the text; exit 0, nothing on stderr."""
        done = tc("render", "ledger.json", "--response-times", cwd=folder)
        hours, days, counted, left_out = india(structure_ledger(RECORDS), "responded")

        assert (done.returncode, done.stderr) == (0, "")
        assert "Median Hours to Respond" in done.stdout
        [row] = [line.split() for line in done.stdout.splitlines() if line.startswith("India")]
        assert row[-5:] == [hours, days, str(counted), "of", str(counted + left_out)]

    def test_the_long_csv_alone_changes_no_other_output(self, folder: Path) -> None:
        """``--format markdown,response-times``: the Markdown is as without them."""
        both = tc("render", "ledger.json", "--format", "markdown,response-times", "-o", "both/",
                  cwd=folder)  # fmt: skip
        alone = tc("render", "ledger.json", "--format", "markdown", cwd=folder)

        assert (both.returncode, alone.returncode) == (0, 0)
        assert (folder / "both" / "report.md").read_text(encoding="utf-8") == alone.stdout
        assert "median_hours_to_respond" in (folder / "both" / "report.response-times").read_text(
            encoding="utf-8"
        )

    def test_the_definition_adds_the_columns(self, folder: Path) -> None:
        """``response_times = true``: the columns of the JSON, and its settings say so."""
        (folder / "report.toml").write_text(
            'ledger = "ledger.json"\nresponse_times = true\n', encoding="utf-8"
        )
        done = tc("render", "--config", "report.toml", "--format", "json", cwd=folder)

        assert done.returncode == 0, done.stderr
        data = json.loads(done.stdout)
        jsonschema.validate(data, REPORT_SCHEMA)
        cells = data["periods"][0]["tables"][0]["rows"][0]["cells"]
        _, days, counted, left_out = india(structure_ledger(RECORDS), "responded")
        assert cells["median_days_to_respond"] == {
            "value": days,
            "counted": counted,
            "left_out": left_out,
        }

    def test_series_with_the_flag(self, folder: Path) -> None:
        """A row per time of each country, a column per half-year."""
        done = tc("series", "ledger.json", "--response-times", "--format", "markdown", cwd=folder)
        _, _, counted, left_out = india(timed_ledger(), "responded")

        assert done.returncode == 0, done.stderr
        row = f"| India | Requests Timed to Respond | {counted} of {counted + left_out} | 0 of 1 |"
        assert row in done.stdout

    def test_series_of_the_long_csv(self, folder: Path) -> None:
        """``--format response-times``: each period's rows, the period first."""
        done = tc("series", "ledger.json", "--format", "response-times", cwd=folder)
        halves = [ReportingPeriod.parse(half) for half in ("2020-H1", "2020-H2")]
        ledger = structure_ledger(RECORDS)

        assert done.returncode == 0, done.stderr
        rows = list(csv.DictReader(io.StringIO(done.stdout)))
        assert [(row["period"], int(row["requests"])) for row in rows] == [
            (label, sum(request.received in half for request in ledger))
            for label, half in zip(("2020-H1", "2020-H2"), halves, strict=True)
        ]
        assert rows[1]["responded_left_out"] == rows[1]["requests"]
