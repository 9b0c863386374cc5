"""The ledger's response times and DSA orders: read strictly, checked, merged, counted by day."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone
from typing import Any

import jsonschema
import pytest
from hypothesis import given

from dsa_template import ORDERS_ROWS
from strategies import timed_requests
from transparency_core import (
    ILLEGAL_CONTENT,
    DsaOrder,
    ReportingPeriod,
    build_report,
    ledger_record_schema,
    structure_ledger,
    unstructure_ledger,
)
from transparency_core._edge._convert import make_reference_converter
from transparency_core.exceptions import InvalidLedgerError

VALIDATOR = jsonschema.Draft202012Validator(ledger_record_schema())
PLUS_ONE = timezone(timedelta(hours=1))


def order(**fields: Any) -> dict[str, Any]:
    """A record of an order to provide information from Germany, with ``fields``."""
    return {
        "id": "DE-1",
        "received": "2025-03-04T09:30:00+01:00",
        "country": "DE",
        "category": "account",
        "identifiers": [{"type": "account_id", "value": "u1"}],
        "response": {"outcome": "provided", "data": "non_content"},
        "acknowledged": "2025-03-04T11:00:00+01:00",
        "responded": "2025-03-05T09:30:00Z",
        "dsa_order": "information",
        "illegal_content": "STATEMENT_CATEGORY_SCAMS_AND_FRAUD",
        **fields,
    }


def problems(records: list[dict[str, Any]]) -> list[str]:
    """The problems structure_ledger finds, by both paths, which must agree."""
    found = []
    for converter in (None, make_reference_converter()):
        with pytest.raises(InvalidLedgerError) as caught:
            structure_ledger(records, converter=converter)
        found.append([str(problem) for problem in caught.value.exceptions])
    assert found[0] == found[1]
    return found[0]


class TestReading:
    """Reading the times and the order of a record."""

    def test_date_times_with_offsets_are_read_exactly(self) -> None:
        """A date-time keeps its offset; Z is UTC."""
        [request] = structure_ledger([order()])

        assert request.received == datetime(2025, 3, 4, 9, 30, tzinfo=PLUS_ONE)
        assert request.responded == datetime(2025, 3, 5, 9, 30, tzinfo=UTC)
        assert request.dsa_order is DsaOrder.INFORMATION

    def test_a_record_comes_back_as_it_was_read(self) -> None:
        """Unstructuring writes the date-times in ISO 8601 with their offsets."""
        requests = structure_ledger([order()])

        assert structure_ledger(unstructure_ledger(requests)) == requests
        assert unstructure_ledger(requests)[0]["responded"] == "2025-03-05T09:30:00+00:00"

    def test_a_date_time_without_offset_is_refused(self) -> None:
        """The hours between two local times are not known."""
        assert problems([order(responded="2025-03-05T09:30")]) == [
            "$[0].responded (id 'DE-1'): expected an ISO 8601 date-time with an offset, "
            "such as 2025-03-04T09:30:00+01:00, got '2025-03-05T09:30'"
        ]

    def test_a_date_time_with_a_space_is_said_to_be_one(self) -> None:
        """Not "expected a date": what a date-time must be."""
        assert problems([order(responded="2025-03-05 09:30:00+01:00")]) == [
            "$[0].responded (id 'DE-1'): expected an ISO 8601 date-time with an offset, "
            "such as 2025-03-04T09:30:00+01:00, got '2025-03-05 09:30:00+01:00'"
        ]

    def test_times_are_of_the_kind_of_received_and_not_before_it(self) -> None:
        """A date with a date-time received, and an answer before the request, are refused."""
        records = [
            order(acknowledged="2025-03-04"),
            order(id="DE-2", received="2025-03-04", acknowledged=None, responded="2025-03-03"),
        ]

        assert problems(records) == [
            "$[0].acknowledged (id 'DE-1'): expected a date-time with an offset, as "
            "'received' is a date-time, got '2025-03-04'",
            "$[1].responded (id 'DE-2'): expected a date on or after 'received', "
            "2025-03-04, got '2025-03-03'",
        ]

    def test_the_same_instant_in_another_offset_is_not_before(self) -> None:
        """Times are compared as instants: 08:30Z is 09:30+01:00."""
        [request] = structure_ledger([order(acknowledged="2025-03-04T08:30:00Z")])

        assert request.acknowledged == request.received

    def test_an_order_names_its_category_and_comes_from_a_member_state(self) -> None:
        """No category, a category without an order, an order from outside the EU."""
        records = [
            order(illegal_content=None),
            order(id="DE-2", dsa_order=None),
            order(id="US-3", country="US"),
            order(id="DE-4", illegal_content="STATEMENT_CATEGORY_OTHER_VIOLATION_TC"),
        ]

        found = problems(records)

        assert [problem.split(":")[0] for problem in found] == [
            "$[0].illegal_content (id 'DE-1')",
            "$[1].illegal_content (id 'DE-2')",
            "$[2].country (id 'US-3')",
            "$[3].illegal_content (id 'DE-4')",
        ]
        assert "got 'STATEMENT_CATEGORY_OTHER_VIOLATION_TC'" in found[3]

    @given(timed_requests())
    def test_every_timed_request_is_valid_against_the_schema(self, request: Any) -> None:
        """The schema accepts what the converter makes, and reads back the same request."""
        [record] = unstructure_ledger([request])

        assert VALIDATOR.is_valid(record), record
        assert structure_ledger([record]) == (request,)

    def test_the_categories_are_those_of_the_template(self) -> None:
        """The template's Member States orders part lists each STATEMENT_CATEGORY in order."""
        listed = [row[3] for row in ORDERS_ROWS if row[3].startswith("STATEMENT_CATEGORY_")]

        assert tuple(dict.fromkeys(listed)) == ILLEGAL_CONTENT


class TestPeriodAndRepeats:
    """Where a timed request counts, and how its repeats merge."""

    def test_a_date_time_counts_on_its_own_calendar_day(self) -> None:
        """23:30 at UTC-5 on December 31 is in that year, though it is January 1 in UTC."""
        late = order(
            id="DE-9",
            received="2020-12-31T23:30:00-05:00",
            acknowledged=None,
            responded=None,
        )
        report = build_report(structure_ledger([late]), ReportingPeriod.calendar_year(2020))

        assert report.summary.counted == 1

    def test_a_later_record_adds_the_answer_time(self) -> None:
        """A pending record without a time, then its answer with one, are one request."""
        pending = order(responded=None, response={"outcome": "pending"})
        answered = order()
        report = build_report(
            structure_ledger([pending, answered]), ReportingPeriod.calendar_year(2025)
        )

        assert report.summary.requests == 1
        assert report.table("account").cell("DE", "non_content_only").value == 1

    def test_two_different_times_are_a_conflict(self) -> None:
        """Never a silent choice between two answer times."""
        with pytest.raises(InvalidLedgerError) as caught:
            build_report(
                structure_ledger([order(), order(responded="2025-03-06T09:30:00Z")]),
                ReportingPeriod.calendar_year(2025),
            )

        assert "responded" in str(caught.value.exceptions[0])

    def test_a_date_time_is_in_the_period_of_its_date(self) -> None:
        """The period's membership takes a date-time's own date."""
        period = ReportingPeriod.calendar_year(2025)

        assert datetime(2025, 12, 31, 23, 59, tzinfo=PLUS_ONE) in period
        assert datetime(2026, 1, 1, 0, 0, tzinfo=PLUS_ONE) not in period
        assert date(2025, 3, 4) in period
