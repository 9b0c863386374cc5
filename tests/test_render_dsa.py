"""The EU DSA renderers: the template's header rows byte for byte, and figures recounted."""

from __future__ import annotations

import csv
import io
import json
import statistics
import subprocess
import sys
from collections import defaultdict
from datetime import UTC, date, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal, localcontext
from fractions import Fraction
from typing import TYPE_CHECKING, Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dsa_template import ORDERS, ORDERS_ROWS, SUMMARY, header_line, orders
from transparency_core import (
    ILLEGAL_CONTENT,
    DataKind,
    DsaIdentificationRenderer,
    DsaOrder,
    DsaRenderer,
    Identifier,
    Outcome,
    ReportingPeriod,
    Request,
    Response,
    Suppression,
    build_report,
    default_renderers,
    load_definition,
    reference_ledger,
    reference_period,
    reference_report,
    unstructure_ledger,
)
from transparency_core.exceptions import DisclosureError, InvalidDefinitionError

if TYPE_CHECKING:
    from pathlib import Path

PERIOD = ReportingPeriod(date(2025, 1, 1), date(2025, 6, 30), date(2025, 8, 29))


def rows(output: str) -> list[dict[str, str]]:
    """The rows of a part as dicts by heading."""
    return list(csv.DictReader(io.StringIO(output)))


class TestTemplate:
    """The parts as the Commission writes them."""

    def test_the_orders_header_is_the_templates_byte_for_byte(self) -> None:
        """Part 3's first line, quotes and line feed included."""
        output = DsaRenderer()(reference_report()).encode("utf-8")

        assert header_line(output) == header_line(ORDERS)

    def test_the_identification_header_and_indicators_are_the_templates(self) -> None:
        """Part 1: its header line, and its indicators in its order."""
        output = DsaIdentificationRenderer()(reference_report())
        template = list(csv.reader(io.StringIO(SUMMARY.decode("utf-8"))))

        assert header_line(output.encode("utf-8")) == header_line(SUMMARY)
        assert [row[2] for row in csv.reader(io.StringIO(output))] == [r[2] for r in template]

    def test_the_rows_of_scope_total_follow_the_templates_categories(self) -> None:
        """TOTAL, then each category of the template, in its order, with zeros."""
        template = [
            row[3] for row in ORDERS_ROWS if row[5] == "TOTAL" and not row[3].startswith("KEYWORD_")
        ]

        found = rows(DsaRenderer()(reference_report()))

        assert [row["Category of illegal content"] for row in found] == template
        assert {row["Scope"] for row in found} == {"TOTAL"}
        assert {row["Number of orders to provide information"] for row in found} == {"0"}

    def test_the_identification_part_names_the_provider_and_dates(self) -> None:
        """The company, the release date, the previous report's date, the period."""
        output = DsaIdentificationRenderer(previous=date(2025, 2, 27))(
            build_report([], PERIOD, company="=Example")
        )

        assert [row["Value"] for row in rows(output)] == [
            "'=Example",
            "2025-08-29",
            "2025-02-27",
            "2025-01-01",
            "2025-06-30",
        ]

    def test_both_parts_are_registered_renderers(self) -> None:
        """``--format dsa`` and ``--format dsa-identification``."""
        renderers = default_renderers()

        assert isinstance(renderers.create("dsa"), DsaRenderer)
        assert isinstance(renderers.create("dsa-identification"), DsaIdentificationRenderer)


def two_decimals(hours: Fraction) -> str:
    """The oracle's rounding: half up, by decimal arithmetic with digits to spare."""
    with localcontext() as context:
        context.prec = 60
        value = Decimal(hours.numerator) / Decimal(hours.denominator)
        return str(value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


def expected_cells(ledger: list[Request]) -> dict[tuple[str, str], dict[str, str]]:
    """Counts and medians by (category, scope), computed directly from the requests."""
    groups: dict[tuple[str, str, DsaOrder], list[Request]] = defaultdict(list)
    for request in ledger:
        assert request.dsa_order is not None
        assert request.illegal_content is not None
        for category in ("TOTAL", request.illegal_content):
            for scope in ("TOTAL", request.country):
                groups[category, scope, request.dsa_order].append(request)

    def median_hours(pairs: list[tuple[date, date | None]]) -> str:
        times = [Fraction((end - start) // timedelta(microseconds=1), 3_600_000_000)
                 for start, end in pairs if end is not None]  # fmt: skip
        return two_decimals(statistics.median(times)) if times else ""

    cells: dict[tuple[str, str], dict[str, str]] = defaultdict(dict)
    for (category, scope, kind), group in groups.items():
        name = (
            "to act against illegal content" if kind is DsaOrder.ACT else "to provide information"
        )
        inform = median_hours([(r.received, r.acknowledged) for r in group])
        answered = [r for r in group if r.response.outcome in {Outcome.PROVIDED, Outcome.NO_DATA}]
        effect = median_hours([(r.received, r.responded) for r in answered])
        cell = cells[category, scope]
        cell[f"Median time to inform the authority of the receipt of the order {name}"] = inform
        cell[f"Median time to give effect to the order {name}"] = effect
        if kind is DsaOrder.ACT:
            cell["Number of orders to act against illegal content received"] = str(len(group))
            items = sum(len({i.subject for i in r.identifiers}) for r in group)
            cell[
                "Number of specific items of information included in the total number of "
                "orders to act against illegal content"
            ] = str(items)
        else:
            cell["Number of orders to provide information"] = str(len(group))
    return cells


class TestFigures:
    """Every figure of the part, recounted from the orders themselves."""

    @settings(max_examples=60)
    @given(st.integers(0, 12).flatmap(lambda n: st.tuples(*(orders(i) for i in range(n)))))
    def test_counts_and_medians_match_a_direct_computation(
        self, ledger: tuple[Request, ...]
    ) -> None:
        """Orders, items and medians (statistics.median on exact hours) per category and scope."""
        found = rows(DsaRenderer()(build_report(ledger, PERIOD)))
        by_key = {(row["Category of illegal content"], row["Scope"]): row for row in found}

        for key, cell in expected_cells(list(ledger)).items():
            assert {name: by_key[key][name] for name in cell} == cell, key
        scopes = [row["Scope"] for row in found if row["Category of illegal content"] == "TOTAL"]
        assert scopes[0] == "TOTAL"
        assert set(scopes[1:]) == {request.country for request in ledger}
        assert len(found) == len(scopes) * (1 + len(ILLEGAL_CONTENT))

    def test_a_rejected_order_is_left_out_of_the_time_to_give_effect(self) -> None:
        """No "when effect was given" (DSA Art. 9(1)): the median is of the others, and said so."""
        start = datetime(2025, 3, 1, 9, tzinfo=UTC)

        def order(number: int, outcome: Outcome, hours: int) -> Request:
            data = DataKind.CONTENT if outcome is Outcome.PROVIDED else None
            return Request(
                id=f"AT-{number}",
                received=start,
                country="AT",
                category="device",
                identifiers=[Identifier("imei", str(number))],
                response=Response(outcome, data),
                responded=start + timedelta(hours=hours),
                dsa_order=DsaOrder.ACT,
                illegal_content="STATEMENT_CATEGORY_VIOLENCE",
            )

        ledger = [
            order(1, Outcome.PROVIDED, 2),
            order(2, Outcome.NO_DATA, 5),
            order(3, Outcome.REJECTED, 100),
        ]
        [total] = rows(DsaRenderer()(build_report(ledger, PERIOD)))[:1]

        assert (
            total["Median time to give effect to the order to act against illegal content"]
            == "3.50"
        )
        assert total[
            "Contextual information on Median time to give effect to the order to act against "
            "illegal content"
        ].startswith("1 of 3 orders left out of the median")


class TestCommandLine:
    """``transparency-core render --format dsa``, in a process of its own."""

    def test_the_orders_part_of_a_ledger(self, tmp_path: Path) -> None:
        """Exit 0, the template's header, the figures of the ledger."""
        ledger = [
            Request(
                id="SE-1",
                received=date(2025, 2, 3),
                country="SE",
                category="device",
                identifiers=[Identifier("imei", "1")],
                response=Response(Outcome.NO_DATA),
                acknowledged=date(2025, 2, 3),
                responded=date(2025, 2, 5),
                dsa_order=DsaOrder.INFORMATION,
                illegal_content="STATEMENT_CATEGORY_NOT_SPECIFIED_ORDER",
            )
        ]
        path = tmp_path / "ledger.json"
        path.write_text(json.dumps(unstructure_ledger(ledger)), encoding="utf-8")

        result = subprocess.run(
            [sys.executable, "-m", "transparency_core", "render", str(path), "--format", "dsa"],
            capture_output=True,
            check=False,
        )

        assert (result.returncode, result.stderr) == (0, b"")
        assert header_line(result.stdout) == header_line(ORDERS)
        found = {
            (r["Category of illegal content"], r["Scope"]): r for r in rows(result.stdout.decode())
        }
        cell = found["STATEMENT_CATEGORY_NOT_SPECIFIED_ORDER", "SE"]
        assert cell["Number of orders to provide information"] == "1"
        assert cell["Median time to give effect to the order to provide information"] == "48.00"

    def test_the_definition_gives_the_identification_its_service_and_previous_date(
        self, tmp_path: Path
    ) -> None:
        """``[[output]]``'s ``service`` and ``previous``, as the API's, kept by ``--format``."""
        path = tmp_path / "ledger.json"
        path.write_text(json.dumps(unstructure_ledger(reference_ledger())), encoding="utf-8")
        definition = tmp_path / "report.toml"
        definition.write_text(
            'company = "Xiaomi"\nperiod = "2020"\nreleased = "2021-06-01"\n'
            '[[output]]\nformat = "dsa-identification"\nservice = "Mi Cloud"\n'
            "previous = 2020-06-30\n",
            encoding="utf-8",
        )
        expected = DsaIdentificationRenderer(previous=date(2020, 6, 30), service="Mi Cloud")(
            reference_report()
        )

        command = [sys.executable, "-m", "transparency_core", "render", str(path)]
        for line in ((), ("--format", "dsa-identification")):
            result = subprocess.run(
                [*command, "--config", str(definition), *line],
                capture_output=True,
                text=True,
                check=False,
            )
            assert (result.returncode, result.stdout) == (0, expected), result.stderr

    def test_a_bad_previous_date_in_the_definition_is_an_addressed_error(self) -> None:
        """The key, what was expected, what came."""
        with pytest.raises(InvalidDefinitionError) as caught:
            load_definition('[[output]]\nformat = "dsa-identification"\nprevious = "soon"\n')

        assert [str(error) for error in caught.value.errors] == [
            "output[0].previous: expected a date, YYYY-MM-DD or YYYY-MM, got 'soon'"
        ]

    def test_a_bad_time_is_an_addressed_error(self, tmp_path: Path) -> None:
        """Exit 2, the record, the field, what was expected and what came; no traceback."""
        record: dict[str, Any] = {
            "id": "SE-1",
            "received": "2025-02-03",
            "country": "SE",
            "category": "device",
            "identifiers": [{"type": "imei", "value": "1"}],
            "response": {"outcome": "no_data"},
            "responded": "2025-02-01",
        }
        path = tmp_path / "ledger.json"
        path.write_text(json.dumps([record]), encoding="utf-8")

        result = subprocess.run(
            [sys.executable, "-m", "transparency_core", "render", str(path), "--format", "dsa"],
            capture_output=True,
            text=True,
            check=False,
        )

        assert result.returncode == 2
        assert result.stdout == ""
        assert (
            "$[0].responded (id 'SE-1'): expected a date on or after 'received', 2025-02-03, "
            "got '2025-02-01'"
        ) in result.stderr
        assert "Traceback" not in result.stderr


class TestDisclosure:
    """A report that withholds figures is not published as exact orders."""

    def test_a_report_with_suppressed_figures_is_refused(self) -> None:
        """The orders of a Member State could give a suppressed count away."""
        report = build_report(reference_ledger(), reference_period(), disclosure=Suppression(10))

        with pytest.raises(DisclosureError) as caught:
            DsaRenderer()(report)

        assert str(caught.value).startswith("the DSA template's figures are exact")
