"""The edge: strict conversion of ledger records, with every problem and its path."""

from __future__ import annotations

import pickle
from datetime import date
from typing import Any

import pytest
from hypothesis import given

from builders import make_record
from strategies import ledgers
from transparency_core import (
    DataKind,
    Outcome,
    Request,
    make_converter,
    structure_ledger,
    tally_ledger,
    unstructure_ledger,
)
from transparency_core._edge._convert import make_reference_converter
from transparency_core.exceptions import (
    ConflictingRepeatError,
    FieldError,
    InvalidLedgerError,
)


def problems(records: list[Any]) -> list[str]:
    """The messages of every problem found in ``records``."""
    with pytest.raises(InvalidLedgerError) as caught:
        structure_ledger(records)
    return [str(error) for error in caught.value.exceptions]


class TestStructureLedger:
    """Good records become requests."""

    def test_a_full_record_becomes_a_request(self) -> None:
        """Every field of the contract arrives in the value object."""
        record = make_record(
            "R1",
            identifiers=[
                {"type": "imei", "value": "356938035643809", "subject": "phone"},
                {"type": "serial_number", "value": "S1", "subject": "phone"},
            ],
            legal_process="investigation_order",
            data_country="FR",
            emergency=True,
            amends="R0",
            response={
                "outcome": "provided",
                "data": "content",
                "challenged": True,
                "notified": "prohibited",
            },
        )

        [request] = structure_ledger([record])

        assert request.received == date(2020, 6, 1)
        assert request.response.data is DataKind.CONTENT
        assert request.subject_count == 1
        assert (request.legal_process, request.data_country, request.amends) == (
            "investigation_order",
            "FR",
            "R0",
        )
        assert request.emergency is True

    def test_optional_fields_take_their_defaults(self) -> None:
        """legal_process, data_country, amends null; emergency and challenged false."""
        [request] = structure_ledger([make_record("R1")])

        assert (request.legal_process, request.data_country, request.amends) == (
            None,
            None,
            None,
        )
        assert (request.emergency, request.response.challenged) == (False, False)
        assert request.response.notified is None

    @given(ledgers())
    def test_unstructure_then_structure_gives_the_same_requests(
        self, ledger: list[Request]
    ) -> None:
        """The round trip through JSON-ready records loses nothing."""
        distinct = list({request.id: request for request in ledger}.values())

        assert structure_ledger(unstructure_ledger(distinct)) == tuple(distinct)

    def test_unstructure_writes_the_shortest_form(self) -> None:
        """Defaults are left out, dates are ISO strings, enums their values."""
        record = make_record("R1")

        assert unstructure_ledger(structure_ledger([record])) == [record]


class TestErrors:
    """Bad records give one error each, with path, record id, expectation and value."""

    def test_an_unknown_category(self) -> None:
        """The registered categories are listed."""
        assert problems([make_record("R1", category="phone")]) == [
            "$[0].category (id 'R1'): expected one of 'device', 'financial_identifier', "
            "'account', 'emergency', 'account_preservation', "
            "'account_restriction_deletion', got 'phone'"
        ]

    def test_an_identifier_type_of_another_category(self) -> None:
        """An email is not a device identifier."""
        record = make_record("R1", identifiers=[{"type": "email", "value": "a@example.com"}])

        assert problems([record]) == [
            "$[0].identifiers[0].type (id 'R1'): expected one of 'imei', 'serial_number', "
            "'mac_address' (identifiers of a device request), got 'email'"
        ]

    def test_a_huge_id_is_shortened_in_messages(self) -> None:
        """A record's id is shown as its values are: at most 80 characters of it."""
        huge = "x" * 100_000
        records = [make_record(huge, received=None), make_record(huge), make_record(huge)]
        records[2]["country"] = "SE"

        [bad_date, conflict] = problems(records)

        assert bad_date.startswith(f"$[0].received (id '{'x' * 76}...): expected")
        assert conflict.startswith(f"$[1] and $[2] repeat id '{'x' * 76}... but disagree")
        assert max(map(len, (bad_date, conflict))) < 300

    def test_missing_identifiers(self) -> None:
        """A request names at least one subject."""
        assert problems([make_record("R1", identifiers=[])]) == [
            "$[0].identifiers (id 'R1'): expected at least one identifier of the device, "
            "financial identifier or account requested, got []"
        ]

    def test_a_missing_field(self) -> None:
        """A required field that is absent is named."""
        record = make_record("R1")
        del record["received"]

        assert problems([record]) == [
            "$[0].received (id 'R1'): expected a value: the field is required, got nothing"
        ]

    def test_a_malformed_date(self) -> None:
        """Only YYYY-MM-DD: not a week date, not a day that does not exist."""
        assert problems(
            [
                make_record("R1", received="2020-W01-1"),
                make_record("R2", received="2020-02-30"),
            ]
        ) == [
            "$[0].received (id 'R1'): expected a YYYY-MM-DD date, got '2020-W01-1'",
            "$[1].received (id 'R2'): expected a YYYY-MM-DD date, got '2020-02-30'",
        ]

    def test_provided_without_data(self) -> None:
        """The cross-field invariant of a response, placed at its path."""
        assert problems([make_record("R1", response={"outcome": "provided"})]) == [
            "$[0].response.data (id 'R1'): expected 'non_content' or 'content' when the "
            "outcome is 'provided', got null"
        ]

    def test_no_coercion(self) -> None:
        """3 is not a string and "false" is not a bool."""
        assert problems([make_record(3), make_record("R2", emergency="false")]) == [  # type: ignore[arg-type]
            "$[0].id: expected a string, got 3",
            "$[1].emergency (id 'R2'): expected true or false, got 'false'",
        ]

    def test_an_enum_by_value_only(self) -> None:
        """The outcome's values are listed."""
        assert problems([make_record("R1", response={"outcome": "PROVIDED"})]) == [
            "$[0].response.outcome (id 'R1'): expected one of 'provided', 'no_data', "
            "'rejected', 'pending', got 'PROVIDED'"
        ]

    def test_an_unknown_field(self) -> None:
        """Unknown fields are refused, not ignored."""
        [message] = problems([make_record("R1", colour="red")])

        assert message.startswith("$[0] (id 'R1'): expected only the fields id, received,")
        assert message.endswith("got \"unknown field 'colour'\"")

    def test_a_record_that_is_not_an_object(self) -> None:
        """A list where a record should be."""
        assert problems([["R1"]]) == [
            '$[0]: expected an object mapping field names to values, got ["R1"]'
        ]

    def test_a_country_that_is_not_iso_3166(self) -> None:
        """A name is not a code, and EU is not a country."""
        assert problems([make_record("R1", country="Spain"), make_record("R2", country="EU")]) == [
            "$[0].country (id 'R1'): expected an ISO 3166-1 alpha-2 country code such as "
            "'CN', got 'Spain'",
            "$[1].country (id 'R2'): expected an ISO 3166-1 alpha-2 country code such as "
            "'CN', got 'EU'",
        ]

    def test_a_conflicting_repeat(self) -> None:
        """Named with both records' positions, alongside the other problems."""
        errors = problems(
            [
                make_record("R1"),
                make_record("R2", category="x"),
                make_record("R1", country="SE"),
            ]
        )

        assert errors == [
            "$[1].category (id 'R2'): expected one of 'device', 'financial_identifier', "
            "'account', 'emergency', 'account_preservation', "
            "'account_restriction_deletion', got 'x'",
            "$[0] and $[2] repeat id 'R1' but disagree on country: 'ES' versus 'SE'",
        ]

    def test_every_problem_of_a_ledger_at_once(self) -> None:
        """Bad records give all their errors in one group, with a summary."""
        with pytest.raises(InvalidLedgerError) as caught:
            structure_ledger(
                [
                    make_record("R1", received="yesterday", emergency=1),
                    make_record("R2"),
                    make_record("R3", category="phone"),
                ]
            )

        assert caught.value.message == "3 problems in the ledger of 3 records"
        assert [getattr(e, "path", None) for e in caught.value.exceptions] == [
            "$[0].received",
            "$[0].emergency",
            "$[2].category",
        ]

    def test_every_problem_of_one_record_at_once(self) -> None:
        """A malformed date does not hide the unknown category or the empty identifiers."""
        record = make_record(
            "R1",
            received="2020-13-01",
            country="XX",
            category="phone",
            identifiers=[],
            response={"outcome": "provided"},
        )

        assert [message.split(" (id")[0] for message in problems([record])] == [
            "$[0].received",
            "$[0].country",
            "$[0].category",
            "$[0].identifiers",
            "$[0].response.data",
        ]

    def test_a_huge_value_is_shown_shortened(self) -> None:
        """A message stays readable whatever came."""
        [message] = problems([make_record("R1", country="X" * 10_000)])

        assert len(message) < 200
        assert message.endswith("...")

    def test_errors_survive_pickling(self) -> None:
        """Every attribute crosses a process boundary."""
        with pytest.raises(InvalidLedgerError) as caught:
            structure_ledger(
                [
                    make_record("R1", received="x"),
                    make_record("R2"),
                    make_record("R2", country="SE"),
                ]
            )

        copy = pickle.loads(pickle.dumps(caught.value))  # noqa: S301 -- our own bytes

        assert type(copy) is InvalidLedgerError
        assert copy.describe() == caught.value.describe()
        field_error, conflict = copy.exceptions
        assert isinstance(field_error, FieldError)
        assert (field_error.path, field_error.got, field_error.record_id) == (
            "$[0].received",
            "x",
            "R1",
        )
        assert isinstance(conflict, ConflictingRepeatError)
        assert (conflict.first, conflict.second) == (1, 2)


class TestConverter:
    """The converter is the library's own, never cattrs' global one."""

    def test_each_call_makes_a_new_converter(self) -> None:
        """No shared state between callers."""
        assert make_converter() is not make_converter()

    def test_structures_enums_by_value(self) -> None:
        """A StrEnum is not mistaken for a plain string."""
        assert make_converter().structure("no_data", Outcome) is Outcome.NO_DATA


class TestLoneSurrogates:
    """Text with a lone surrogate (a JSON escape of half a pair) is refused at the edge."""

    UNICODE = "text (valid Unicode, no lone surrogates)"

    @pytest.mark.parametrize(
        ("fields", "path"),
        [
            ({"id": "A-\ud800"}, "id"),
            ({"amends": "\ud800"}, "amends"),
            ({"identifiers": [{"type": "imei", "value": "1\ud800"}]}, "identifiers[0].value"),
            (
                {"identifiers": [{"type": "imei", "value": "1", "subject": "\udc00"}]},
                "identifiers[0].subject",
            ),
        ],
    )
    def test_a_field_with_a_lone_surrogate(self, fields: dict[str, Any], path: str) -> None:
        """A FieldError for the field, on the usual path and the field-by-field one."""
        for converter in (make_converter(), make_reference_converter()):
            with pytest.raises(InvalidLedgerError) as caught:
                structure_ledger([make_record("A", **fields)], converter=converter)

            expected = {
                error.path: error.expected
                for error in caught.value.exceptions
                if isinstance(error, FieldError)
            }
            assert expected[f"$[0].{path}"] == self.UNICODE

    @pytest.mark.parametrize(
        ("fields", "path"),
        [
            ({"country": "E\udfff"}, "country"),
            ({"data_country": "\ud83d"}, "data_country"),
            ({"category": "device\ud800"}, "category"),
            ({"legal_process": "\ud800"}, "legal_process"),
            ({"identifiers": [{"type": "imei\ud800", "value": "1"}]}, "identifiers[0].type"),
        ],
    )
    def test_a_coded_field_with_a_lone_surrogate(self, fields: dict[str, Any], path: str) -> None:
        """A code or a registered name is refused as one (its own message), never accepted."""
        for converter in (make_converter(), make_reference_converter()):
            with pytest.raises(InvalidLedgerError) as caught:
                structure_ledger([make_record("A", **fields)], converter=converter)

            paths = {getattr(error, "path", None) for error in caught.value.exceptions}
            assert f"$[0].{path}" in paths

    def test_a_pair_of_surrogates_is_one_character(self) -> None:
        """Both halves of a pair are one character (an emoji): good text."""
        [request] = structure_ledger([make_record("A-\U0001f600")])

        assert request.id == "A-\U0001f600"

    def test_the_message_shows_the_surrogate_escaped(self) -> None:
        """The message is valid text itself: the surrogate is shown as its escape."""
        assert problems([make_record("A-\ud800")]) == [
            "$[0].id (id 'A-\\ud800'): expected text (valid Unicode, no lone surrogates), "
            "got 'A-\\ud800'"
        ]


class TestProblemCap:
    """A ledger of bad records: the first problems, and a count of the rest."""

    def test_the_first_100_problems_and_the_count_of_the_rest(self) -> None:
        """200 empty records make 1,200 problems: 100 kept, 1,100 counted."""
        with pytest.raises(InvalidLedgerError) as caught:
            tally_ledger([{}] * 200)

        error = caught.value
        assert (len(error.exceptions), error.omitted) == (100, 1100)
        assert str(error) == "1200 problems in the ledger of 200 records (100 sub-exceptions)"
        lines = error.describe().splitlines()
        assert lines[0] == "1200 problems in the ledger of 200 records"
        assert lines[1] == "  $[0].id: expected a value: the field is required, got nothing"
        assert lines[-1] == "  ... and 1,100 more problems"
        assert len(lines) == 102

    def test_the_cap_is_a_keyword(self) -> None:
        """max_problems: as many as asked; None keeps every one."""
        with pytest.raises(InvalidLedgerError) as caught:
            structure_ledger([{}] * 3, max_problems=1)
        assert (len(caught.value.exceptions), caught.value.omitted) == (1, 17)
        assert caught.value.describe().endswith("  ... and 17 more problems")

        with pytest.raises(InvalidLedgerError) as caught:
            structure_ledger([{}] * 3, max_problems=None)
        assert (len(caught.value.exceptions), caught.value.omitted) == (18, 0)

    def test_conflicts_come_after_the_field_errors_in_the_cap(self) -> None:
        """The first problems in the order they are reported: field errors, then repeats."""
        record = make_record("A")
        with pytest.raises(InvalidLedgerError) as caught:
            structure_ledger([{}, record, {**record, "country": "SE"}], max_problems=7)

        assert [type(error) for error in caught.value.exceptions[-1:]] == [ConflictingRepeatError]
        assert caught.value.omitted == 0

    def test_one_more_problem_is_said_in_the_singular(self) -> None:
        """... and 1 more problem."""
        with pytest.raises(InvalidLedgerError) as caught:
            structure_ledger([{"id": "A"}], max_problems=4)

        assert caught.value.describe().endswith("  ... and 1 more problem")

    def test_it_pickles_with_the_count(self) -> None:
        """The count of the rest crosses a process boundary."""
        with pytest.raises(InvalidLedgerError) as caught:
            tally_ledger([{}] * 20, max_problems=2)

        copy = pickle.loads(pickle.dumps(caught.value))  # noqa: S301 -- our own object
        assert (len(copy.exceptions), copy.omitted) == (2, 118)
        assert copy.describe() == caught.value.describe()

    @pytest.mark.parametrize("cap", [0, -1])
    def test_a_cap_below_one_is_refused(self, cap: int) -> None:
        """At least one problem must be shown."""
        with pytest.raises(ValueError, match="max_problems"):
            tally_ledger([{}], max_problems=cap)
