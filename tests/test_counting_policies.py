"""The counting policies reports differ on: distinct devices or every identifier."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from typing import TYPE_CHECKING

import attrs
import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings

from strategies import ledgers
from transparency_core import (
    DEFAULT_CATEGORIES,
    REPORT_SCHEMA,
    SHIPPED_CATEGORIES,
    Column,
    CsvRenderer,
    Figure,
    JsonRenderer,
    Report,
    ReportingPeriod,
    Request,
    SubjectCounting,
    Subjects,
    Subtotals,
    Tally,
    build_report,
    build_series,
    reference_ledger,
    reference_records,
    tally_ledger,
)
from transparency_core._render._catalog import LANGUAGES
from transparency_core._render._format import Formatter
from transparency_core.exceptions import MismatchedSubtotalsError

if TYPE_CHECKING:
    from pathlib import Path

PERIOD = ReportingPeriod.calendar_year(2020)
TABLES = {category.name for category in DEFAULT_CATEGORIES}


def direct(ledger: list[Request], key: object) -> dict[tuple[str, str], int]:
    """(table, country) -> the sum over requests of their distinct ``key``s, directly."""
    found: dict[tuple[str, str], int] = {}
    for request in Tally.of(ledger).requests.values():
        if request.received in PERIOD and request.category in TABLES:
            cell = (request.category, request.country)
            distinct = {key(identifier) for identifier in request.identifiers}  # type: ignore[operator]
            found[cell] = found.get(cell, 0) + len(distinct)
    return found


def subjects(ledger: list[Request], policy: str) -> dict[tuple[str, str], int]:
    """(table, country) -> the subjects column of the report under ``policy``."""
    report = build_report(ledger, PERIOD, subjects=policy)
    found = {}
    for table in report.tables:
        for row in table.rows if table.key in TABLES else ():
            cell = table.cell(row.country, "subjects")
            assert isinstance(cell, Figure)
            found[table.key, row.country] = cell.value
    return found


class TestSubjects:
    """Rule 4's distinct subjects, or Apple's identifiers specified."""

    @settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow])
    @given(ledgers())
    def test_each_policy_against_a_direct_count(self, ledger: list[Request]) -> None:
        """Distinct subjects (a named subject, or the identifier) or distinct identifiers."""
        assert subjects(ledger, "distinct") == direct(ledger, lambda i: i.subject_key)
        assert subjects(ledger, "identifiers") == direct(ledger, lambda i: (i.type, i.value))

    def test_parts_counted_under_different_policies_are_not_added(self) -> None:
        """Their sum would mean nothing."""
        first = Subtotals.of([], PERIOD, subjects=SubjectCounting.DISTINCT)
        second = Subtotals.of([], PERIOD, subjects=SubjectCounting.IDENTIFIERS)

        with pytest.raises(MismatchedSubtotalsError, match="different subjects"):
            first.merge(second)

    def test_an_unknown_policy_is_refused(self) -> None:
        """Only the two policies."""
        with pytest.raises(ValueError, match="'devices'"):
            build_report([], PERIOD, subjects="devices")


def _subjects_columns(report: Report) -> list[tuple[str, Column]]:
    """(table key, column) for every subjects column of ``report``."""
    return [
        (table.key, column)
        for table in report.tables
        for column in table.columns
        if isinstance(column.measure, Subjects)
    ]


class TestWords:
    """Under ``identifiers`` the subjects columns say what they count, in every language."""

    def _reports(self) -> tuple[Report, Report]:
        return tuple(  # type: ignore[return-value]
            build_report(reference_ledger(), PERIOD, categories=SHIPPED_CATEGORIES, subjects=policy)
            for policy in SubjectCounting
        )

    def test_the_shipped_columns_are_worded_for_the_policy(self) -> None:
        """Each subjects column's definition changes, and none says identifiers merge."""
        distinct, every = self._reports()
        spec = {
            (category.name, column.key): column
            for category in SHIPPED_CATEGORIES
            for column in category.columns
        }
        pairs = list(zip(_subjects_columns(distinct), _subjects_columns(every), strict=True))
        assert len(pairs) == sum(isinstance(column.measure, Subjects) for column in spec.values())
        for (key, seed), (_, counted) in pairs:
            assert seed == spec[key, seed.key]  # the distinct report keeps the seed's words
            assert (counted.key, counted.measure) == (seed.key, seed.measure)
            assert counted.definition != seed.definition
            assert "count as one" not in counted.definition
            assert "identifier" in counted.definition
        headings = {key: column.heading for key, column in _subjects_columns(every)}
        assert "Device" in headings["device"]
        assert "Identifiers" in headings["device"]
        assert "Devices Requested" not in headings["device"]

    @pytest.mark.parametrize("language", [name for name in LANGUAGES if name != "en"])
    def test_translated_in_every_language(self, language: str) -> None:
        """Every heading and definition of the policy has its translation."""
        formatter = Formatter(language)
        _, every = self._reports()
        for _, column in _subjects_columns(every):
            for text in (column.heading, column.definition):
                assert formatter.gettext(text) != text

    def test_a_definition_s_own_column_keeps_its_words(self) -> None:
        """A team's column is worded by the team, whichever policy it counts by."""
        own = attrs.evolve(
            DEFAULT_CATEGORIES[0],
            columns=tuple(
                attrs.evolve(column, heading="Handsets", definition="Handsets named.")
                for column in DEFAULT_CATEGORIES[0].columns
            ),
        )
        report = build_report(
            reference_ledger(), PERIOD, categories=[own], subjects=SubjectCounting.IDENTIFIERS
        )
        assert report.table("device").columns == own.columns

    def test_the_json_names_the_policy(self) -> None:
        """A subjects column's ``counts`` names the policy it was counted by, in the schema."""
        for report in self._reports():
            data = json.loads(JsonRenderer()(report))
            jsonschema.validate(data, REPORT_SCHEMA)
            counted = [
                column["counts"]
                for table in data["periods"][0]["tables"]
                for column in table["columns"]
                if column["counts"]["measure"] == "subjects"
            ]
            assert len(counted) == len(_subjects_columns(report))
            assert {c["subjects"] for c in counted} == {report.settings.subjects.value}


def render(tmp_path: Path, *options: str) -> subprocess.CompletedProcess[str]:
    """The command line on the reference ledger, as a file, with ``options``."""
    path = tmp_path / "ledger.json"
    path.write_text(json.dumps(reference_records()), encoding="utf-8")
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "transparency_core",
            "render",
            str(path),
            "--period",
            str(PERIOD),
            *options,
        ],
        capture_output=True,
        text=True,
        check=False,
    )


SERIES_OPTIONS = ("--format", "csv", "--every", "year", "--subjects", "identifiers")


class TestCommandLine:
    """``--subjects`` and ``--actions-in-totals`` of ``render``."""

    def test_subjects_identifiers_counts_every_identifier(self, tmp_path: Path) -> None:
        """China's 808 devices of 2020 are more identifiers, as the API counts them."""
        result = render(tmp_path, "--format", "csv", "--subjects", "identifiers")
        expected = subjects(
            list(tally_ledger(reference_records()).requests.values()), "identifiers"
        )

        assert result.returncode == 0
        rows = csv.DictReader(io.StringIO(result.stdout))
        found = {
            (row["table"], row["country"]): int(row["value"])
            for row in rows
            if row["column"] == "subjects"
        }
        assert found == expected
        assert found["device", "CN"] > 808

    def test_an_unknown_policy_is_a_usage_error(self, tmp_path: Path) -> None:
        """Exit 2, the choices named, no traceback."""
        result = render(tmp_path, "--subjects", "devices")

        assert result.returncode == 2
        assert "invalid choice: 'devices'" in result.stderr
        assert "Traceback" not in result.stderr

    def test_actions_in_totals_is_accepted(self, tmp_path: Path) -> None:
        """The reference ledger has no action category: the report is the same."""
        plain, with_actions = render(tmp_path), render(tmp_path, "--actions-in-totals")

        assert (with_actions.returncode, with_actions.stdout) == (0, plain.stdout)

    def test_the_definitions_policy_and_the_line_over_it(self, tmp_path: Path) -> None:
        """``subjects`` in the definition counts as ``--subjects``; the line's wins."""
        (tmp_path / "report.toml").write_text('subjects = "identifiers"\n', encoding="utf-8")
        config = ("--config", str(tmp_path / "report.toml"), "--format", "csv")
        by_file = render(tmp_path, *config)
        by_line = render(tmp_path, "--format", "csv", "--subjects", "identifiers")
        back = render(tmp_path, *config, "--subjects", "distinct")

        assert (by_file.returncode, by_file.stdout) == (0, by_line.stdout)
        assert (back.returncode, back.stdout) == (0, render(tmp_path, "--format", "csv").stdout)
        assert by_file.stdout != back.stdout

    def test_series_counts_by_the_policy(self, tmp_path: Path) -> None:
        """``series --subjects identifiers`` is each period counted so."""
        path = tmp_path / "ledger.json"
        path.write_text(json.dumps(reference_records()), encoding="utf-8")
        done = subprocess.run(
            [sys.executable, "-m", "transparency_core", "series", str(path), *SERIES_OPTIONS],
            capture_output=True,
            text=True,
            check=False,
        )
        series = build_series(reference_ledger(), "year", subjects="identifiers")

        expected = CsvRenderer().series(series).replace("\r\n", "\n")  # read as text
        assert (done.returncode, done.stdout) == (0, expected)
