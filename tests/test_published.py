"""What is published and what stays internal: no customer's identifier ever goes out."""

from __future__ import annotations

import json
from datetime import date
from typing import TYPE_CHECKING

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from builders import make_record
from strategies import ledgers
from transparency_core import (
    SHIPPED_BREAKDOWNS,
    CsvRenderer,
    ExplainRenderer,
    HtmlRenderer,
    Identifier,
    JsonRenderer,
    MarkdownRenderer,
    ReportingPeriod,
    Suppression,
    SvgRenderer,
    TextRenderer,
    build_report,
    structure_ledger,
    tally_ledger,
)
from transparency_core.exceptions import InvalidLedgerError

if TYPE_CHECKING:
    from transparency_core import Breakdown, Request

YEAR = ReportingPeriod.calendar_year(2020, released=date(2021, 6, 1))
PUBLISHED = (
    TextRenderer(),
    MarkdownRenderer(),
    HtmlRenderer(),
    CsvRenderer(),
    JsonRenderer(),
    JsonRenderer(provenance=True),
    SvgRenderer(),
)
# A value no report could print by chance: no heading, number or name holds "qz".
VALUES = st.text("qz0123456789@.", min_size=6, max_size=20).map(lambda text: f"qz{text}")


@st.composite
def ledgers_of_customers(draw: st.DrawFn) -> list[Request]:
    """Ledgers whose identifier values are customers' data, some listed twice."""
    ledger = draw(ledgers(max_size=15))
    of_id: dict[str, list[Identifier]] = {}
    for request in ledger:  # repeated records of an id keep the same identifiers
        if request.id not in of_id:
            values = draw(st.lists(VALUES, min_size=1, max_size=3))
            kind = request.identifiers[0].type
            of_id[request.id] = [Identifier(kind, value) for value in values]
            if draw(st.booleans()):  # listed twice: a finding that names it
                of_id[request.id].append(of_id[request.id][0])
    return [attrs.evolve(request, identifiers=of_id[request.id]) for request in ledger]


class TestNoIdentifierIsPublished:
    """Whatever the ledger, no published output holds an identifier value of it."""

    @settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(
        ledger=ledgers_of_customers(),
        breakdowns=st.lists(st.sampled_from(SHIPPED_BREAKDOWNS), unique=True),
        suppress=st.booleans(),
    )
    def test_in_any_format(
        self, ledger: list[Request], breakdowns: list[Breakdown], *, suppress: bool
    ) -> None:
        """Not in a table, a finding, a title: in none of the published formats."""
        report = build_report(
            ledger,
            YEAR,
            breakdowns=breakdowns,
            disclosure=Suppression(3) if suppress else None,
        )
        values = {identifier.value for request in ledger for identifier in request.identifiers}
        for render in PUBLISHED:
            if render == JsonRenderer(provenance=True) and report.withholds:
                continue  # refused: ids would count a withheld figure (test_withhold.py)
            output = render(report)
            assert not [value for value in values if value in output], render

    @settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(ledger=ledgers_of_customers())
    def test_nor_in_the_internal_views(self, ledger: list[Request]) -> None:
        """The explain view and the findings name requests, never a whole value."""
        report = build_report(ledger, YEAR)
        internal = ExplainRenderer()(report) + json.dumps(
            [attrs.asdict(f) for f in report.findings]
        )

        values = {identifier.value for request in ledger for identifier in request.identifiers}
        assert not [value for value in values if value in internal]


class TestMasked:
    """Where an identifier must be mentioned, it is masked: its last 4 characters."""

    def test_a_repeated_identifier_in_the_explain_view(self) -> None:
        """The finding names the request and the tail of the value."""
        email = Identifier("email", "jane.doe@example.com")
        record = make_record(
            "IN-77",
            country="IN",
            category="account",
            identifiers=[{"type": "email", "value": email.value}] * 2,
        )
        [request] = structure_ledger([record])
        report = build_report([request], YEAR)

        assert (
            "Finding: IN-77, identifiers[1]: lists email '….com' more than once"
            in ExplainRenderer()(report)
        )
        assert all("jane.doe" not in render(report) for render in PUBLISHED)

    def test_an_identifier_in_an_error(self) -> None:
        """A value of the wrong type, and two records that disagree on identifiers."""
        number = make_record("A", identifiers=[{"type": "imei", "value": 490154203237518}])
        first = make_record("B", identifiers=[{"type": "imei", "value": "490154203237518"}])
        second = make_record("B", identifiers=[{"type": "imei", "value": "356938035643809"}])
        messages = []
        for ledger in ([number], [first, second]):
            try:
                tally_ledger(ledger)
            except InvalidLedgerError as error:
                messages.append(error.describe())
                messages.append(json.dumps(error.to_dict()))

        assert messages[0] == (
            "1 problem in the ledger of 1 record\n"
            "  $[0].identifiers[0].value (id 'A'): expected a string, "
            "got a number ending in 7518"
        )
        assert messages[2] == (
            "1 problem in the ledger of 2 records\n"
            "  $[0] and $[1] repeat id 'B' but disagree on identifiers[0].value: "
            "'…7518' versus '…3809'"
        )
        assert not [m for m in messages if "490154203237518" in m or "35693803564" in m]

    @pytest.mark.parametrize(
        "identifiers",
        [
            ["490154203237518"],
            {"type": "imei", "value": "490154203237518"},
            [[{"type": "imei", "value": "490154203237518"}]],
            [{"type": "imei", "value": ["490154203237518"]}],
            [{"type": "490154203237518", "value": "490154203237518"}],
            [{"type": 490154203237518, "value": "x"}],
            [{"type": "imei", "value": "1", "subject": 490154203237518}],
        ],
    )
    def test_in_any_malformed_identifier(self, identifiers: object) -> None:
        """Wherever under ``identifiers`` the value came, no message or to_dict shows it."""
        with pytest.raises(InvalidLedgerError) as caught:
            structure_ledger([make_record("A-1", identifiers=identifiers)])

        shown = caught.value.describe() + json.dumps(caught.value.to_dict())
        assert "490154203237518" not in shown
        assert "identifiers" in shown

    def test_a_typo_in_a_type_stays_readable(self) -> None:
        """A type is not a customer's data: "imie" is shown as it came."""
        with pytest.raises(InvalidLedgerError) as caught:
            structure_ledger([make_record("A-1", identifiers=[{"type": "imie", "value": "1"}])])

        assert "got 'imie'" in caught.value.describe()
