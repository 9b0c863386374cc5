"""Spreadsheets in: rows of mappings read as ledger records are, every problem at its cell."""

from __future__ import annotations

import csv
import io
import json
import pickle
from datetime import UTC, date, datetime
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from builders import ROOT, make_record
from sheets import HEADER, TABLE_HEADER, as_read, csv_bytes, escaped, ledger_tables
from strategies import ledgers
from transparency_core import (
    DataKind,
    Identifier,
    JsonRenderer,
    Notification,
    Outcome,
    ReportingPeriod,
    Request,
    Response,
    build_report,
    structure_ledger,
    structure_rows,
    unstructure_ledger,
)
from transparency_core._edge._rows import IDENTIFIER_COLUMNS, REQUEST_COLUMNS
from transparency_core.exceptions import (
    CellError,
    FieldError,
    InvalidLedgerError,
    RowConflictError,
)

IMEI = "490154203237518"
SERIAL = "R58M42XKQ3"
OTHER_IMEI = "356938035643809"


def row(**cells: object) -> dict[str, object]:
    """A requests table's row of a device request from Spain, the given cells replaced."""
    values: dict[str, object] = {
        "id": "ES-1",
        "received": "2020-06-01",
        "country": "ES",
        "category": "device",
        "identifiers": f"imei:{OTHER_IMEI}",
        "outcome": "provided",
        "data": "non_content",
    }
    values.update(cells)
    return values


def problems(rows: list[Any], **options: Any) -> InvalidLedgerError:
    """The error ``structure_rows`` raises for ``rows``."""
    with pytest.raises(InvalidLedgerError) as caught:
        structure_rows(rows, **options)
    return caught.value


def lines(error: InvalidLedgerError) -> list[str]:
    """The problems of ``error``, one line each."""
    return [str(problem) for problem in error.exceptions]


class TestColumns:
    """The baseline columns, in any case and spacing; a team's own, mapped."""

    def test_the_columns_are_the_ledgers_and_documented(self) -> None:
        """The reader's columns are those the tests write; each has a row in the reference."""
        page = (ROOT / "docs" / "reference" / "spreadsheet.md").read_text(encoding="utf-8")

        assert (REQUEST_COLUMNS, IDENTIFIER_COLUMNS) == (HEADER, TABLE_HEADER)
        assert [column for column in HEADER if f"| `{column}` |" not in page] == []
        assert [column for column in TABLE_HEADER if f"| `{column}`" not in page] == []

    def test_a_row_is_the_record_of_the_ledger(self) -> None:
        """Every baseline column, the response's flattened: the same request as the record."""
        cells = row(
            legal_process="investigation_order",
            data_country="SE",
            emergency="yes",
            amends="ES-0",
            data="content",
            challenged="true",
            notified="prohibited",
        )
        record = make_record(
            "ES-1",
            identifiers=[{"type": "imei", "value": OTHER_IMEI}],
            legal_process="investigation_order",
            data_country="SE",
            emergency=True,
            amends="ES-0",
            response={
                "outcome": "provided",
                "data": "content",
                "challenged": True,
                "notified": "prohibited",
            },
        )

        assert structure_rows([cells]) == structure_ledger([record])

    def test_headers_in_any_case_and_spacing(self) -> None:
        """``Legal process``, `` DATA-COUNTRY `` and ``Outcome`` are baseline headers."""
        cells = {
            " ID ": "ES-1",
            "Received": "2020-06-01",
            "COUNTRY": "ES",
            "Category": "device",
            "Identifiers": f"imei:{OTHER_IMEI}",
            "Legal process": "investigation_order",
            " data-country": "SE",
            "Outcome": "rejected",
        }
        [request] = structure_rows([cells])

        assert (request.legal_process, request.data_country) == ("investigation_order", "SE")

    def test_a_teams_own_headers_mapped(self) -> None:
        """``columns`` maps a team's own header to a baseline column; ``""`` leaves one out."""
        cells = {**row(), "Request ref": "ES-9", "Notes": "called back"}
        del cells["id"]
        [request] = structure_rows([cells], columns={"request ref": "id", "Notes": ""})

        assert request.id == "ES-9"

    def test_a_bad_mapping(self) -> None:
        """A mapping to no baseline column is a field error at the key of ``columns``."""
        with pytest.raises(FieldError) as caught:
            structure_rows([row()], columns={"Ref": "reference"})

        assert caught.value.path == "columns['Ref']"
        assert caught.value.got == "reference"

    def test_an_unknown_required_or_repeated_header(self) -> None:
        """The header row's problems, at row 1, and no row is read."""
        cells = {**row(), "Notes": "x", "Country ": "SE"}
        del cells["outcome"]
        error = problems([cells], source="requests.csv")

        assert lines(error) == [
            "requests.csv, row 1, column 'Notes': expected a column of the ledger, one of "
            "'id', 'received', 'country', 'category', 'identifiers', 'legal_process', "
            "'data_country', 'emergency', 'amends', 'acknowledged', 'responded', "
            "'dsa_order', 'illegal_content', 'outcome', 'data', 'challenged', 'notified', "
            "'action', or a header mapped in columns, got 'Notes'",
            "requests.csv, row 1, column 'Country ': expected one column for 'country', "
            "got 'Country '",
            "requests.csv, row 1: expected a column 'outcome' (it is required), got nothing",
        ]
        assert error.message == "3 problems in the ledger of 1 record"


class TestCells:
    """Human values where they are unambiguous; a blank cell is the field's default."""

    @pytest.mark.parametrize(
        ("cell", "expected"),
        [
            ("yes", True),
            ("No", False),
            ("TRUE", True),
            ("false", False),
            ("1", True),
            ("0", False),
            (1, True),
            (0.0, False),
            (True, True),
        ],
    )
    def test_yes_or_no(self, cell: object, expected: bool) -> None:  # noqa: FBT001 -- a parameter
        """yes/no, true/false, 1/0, in any case, as text, numbers or bools."""
        [request] = structure_rows([row(emergency=cell, challenged=cell)])

        assert (request.emergency, request.response.challenged) == (expected, expected)

    @pytest.mark.parametrize(
        ("cell", "code"),
        [("ES", "ES"), ("es", "ES"), ("Spain", "ES"), (" united states ", "US")],
    )
    def test_a_country_by_code_or_english_name(self, cell: str, code: str) -> None:
        """An ISO code in any case, or the English name babel gives the territory."""
        assert structure_rows([row(country=cell)])[0].country == code

    def test_short_forms_of_a_countrys_name(self) -> None:
        """CLDR's ``Hong Kong SAR China`` is also ``Hong Kong``; ``Côte d'Ivoire`` straight."""
        names = ["Hong Kong", "Hong Kong SAR China", "Côte d'Ivoire", "Myanmar"]
        rows = [row(id=f"R{place}", country=name) for place, name in enumerate(names)]

        assert [request.country for request in structure_rows(rows)] == ["HK", "HK", "CI", "MM"]

    @pytest.mark.parametrize(
        "cell",
        [
            "2020-06-01",
            " 2020-06-01 ",
            date(2020, 6, 1),
            datetime(2020, 6, 1, 14, 30),  # noqa: DTZ001 -- a spreadsheet's cell is naive
        ],
    )
    def test_a_date_as_text_or_a_date_cell(self, cell: object) -> None:
        """ISO text, a date cell, or a datetime cell's day."""
        assert structure_rows([row(received=cell)])[0].received == date(2020, 6, 1)

    def test_times_and_orders_as_a_json_ledger_has_them(self) -> None:
        """Date-times with offsets as text, a date cell, DSA codes in any case."""
        cells = row(
            received="2025-03-03T09:00:00+01:00",
            acknowledged=" 2025-03-03T09:30:00+01:00",
            responded=datetime(2025, 3, 4, 12, tzinfo=UTC),
            dsa_order="Information",
            illegal_content="statement_category_scams_and_fraud",
            country="DE",
        )
        record = make_record(
            "ES-1",
            identifiers=[{"type": "imei", "value": OTHER_IMEI}],
            country="DE",
            received="2025-03-03T09:00:00+01:00",
            acknowledged="2025-03-03T09:30:00+01:00",
            responded="2025-03-04T12:00:00+00:00",
            dsa_order="information",
            illegal_content="STATEMENT_CATEGORY_SCAMS_AND_FRAUD",
        )

        assert structure_rows([cells]) == structure_ledger([record])

    def test_a_time_cell_without_an_offset(self) -> None:
        """At midnight it is a day; at any other time it is refused, saying how to write it."""
        midnight = datetime(2020, 6, 2)  # noqa: DTZ001 -- a spreadsheet's cell is naive
        [request] = structure_rows([row(responded=midnight)])
        assert request.responded == date(2020, 6, 2)

        error = problems([row(responded=datetime(2020, 6, 2, 9, 30))], source="log.csv")  # noqa: DTZ001
        assert lines(error) == [
            "log.csv, row 2, column 'responded' (id 'ES-1'): expected a date-time with an "
            "offset: a date-time cell has none, so write the time as text with its offset, "
            "such as 2025-03-04T09:30:00+01:00, or give the day alone, got "
            "'2020-06-02T09:30:00'",
        ]

    @pytest.mark.parametrize("cell", ["0000-00-00", "2020-02-30"])
    def test_a_day_that_is_not_one(self, cell: str) -> None:
        """In the shape of a date but no day of the calendar: a cell's problem, addressed."""
        error = problems([row(acknowledged=cell)], source="log.csv")

        assert lines(error) == [
            "log.csv, row 2, column 'acknowledged' (id 'ES-1'): expected a date (a date cell "
            "or YYYY-MM-DD text) or a date-time with an offset (text such as "
            f"2025-03-04T09:30:00+01:00), got '{cell}'",
        ]

    def test_whole_numbers_are_text(self) -> None:
        """An id typed as a number, as a spreadsheet stores it, is its digits."""
        [request] = structure_rows([row(id=1001.0, amends=1000)])

        assert (request.id, request.amends) == ("1001", "1000")

    def test_coded_values_in_normal_form(self) -> None:
        """``No data``, ``Device``, ``Investigation order`` are the ledger's names."""
        cells = row(
            outcome="No data",
            data=None,
            category="Device",
            legal_process="Investigation order",
            notified="Not yet",
        )
        [request] = structure_rows([cells])

        assert (request.response, request.category, request.legal_process) == (
            Response(Outcome.NO_DATA, notified=Notification.NOT_YET),
            "device",
            "investigation_order",
        )

    def test_blank_cells_are_defaults(self) -> None:
        """Empty, white space and ``None``: the field's default."""
        cells = row(legal_process="", data_country="  ", emergency=None, amends="", notified="")
        [request] = structure_rows([cells])

        assert (
            request
            == structure_ledger(
                [make_record("ES-1", identifiers=[{"type": "imei", "value": OTHER_IMEI}])]
            )[0]
        )

    def test_a_row_of_blank_cells_is_no_request(self) -> None:
        """A blank row holds nothing: it is skipped, and later rows keep their numbers."""
        rows = [row(), dict.fromkeys(row(), ""), row(id="ES-2", country="Spian")]

        assert lines(problems(rows))[0].startswith("rows, row 4, column 'country'")


class TestIdentifiersCell:
    """``;`` between devices, ``,`` between one's identifiers, ``type:value``."""

    def test_two_devices_and_three_identifiers(self) -> None:
        """The issue's example: two devices requested, three identifiers."""
        cell = f"imei:{IMEI}, serial_number:{SERIAL}; imei:{OTHER_IMEI}"
        [request] = structure_rows([row(identifiers=cell)])

        assert request.subject_count == 2
        assert [(item.type, item.value) for item in request.identifiers] == [
            ("imei", IMEI),
            ("serial_number", SERIAL),
            ("imei", OTHER_IMEI),
        ]

    def test_a_mac_address_keeps_its_colons(self) -> None:
        """Split at the first colon only."""
        [request] = structure_rows([row(identifiers="MAC address: 00:1A:2B:3C:4D:5E")])

        assert request.identifiers == (Identifier("mac_address", "00:1A:2B:3C:4D:5E"),)

    def test_a_backslash_writes_a_separator(self) -> None:
        r"""``\,``, ``\;`` and ``\\`` are the characters themselves."""
        cell = r"email:a\,b@example.com, phone_number:+1\;2\\3"
        [request] = structure_rows([row(category="account", identifiers=cell)])

        assert [item.value for item in request.identifiers] == ["a,b@example.com", "+1;2\\3"]
        assert request.subject_count == 1

    @given(
        st.lists(
            st.lists(
                st.tuples(
                    st.sampled_from(["imei", "serial_number", "mac_address"]),
                    st.text(min_size=1, max_size=8).filter(lambda value: value == value.strip()),
                ),
                min_size=1,
                max_size=3,
            ),
            min_size=1,
            max_size=3,
        )
    )
    def test_any_value_written_escaped_reads_back(
        self, groups: list[list[tuple[str, str]]]
    ) -> None:
        r"""Values holding ``,``, ``;``, ``\`` and ``:`` come back as they were."""
        cell = "; ".join(
            ", ".join(f"{kind}:{escaped(value)}" for kind, value in group) for group in groups
        )
        [request] = structure_rows([row(identifiers=cell)])

        assert [(item.type, item.value) for item in request.identifiers] == [
            pair for group in groups for pair in group
        ]
        assert request.subject_count <= len(groups)

    def test_a_part_that_is_not_type_and_value(self) -> None:
        """The problem names the cell; the value is masked."""
        error = problems([row(identifiers=f"imei:{IMEI}; {OTHER_IMEI}")])

        assert lines(error) == [
            "rows, row 2, column 'identifiers' (id 'ES-1'): expected identifiers written "
            "type:value, such as 'imei:490154203237518' (',' between the identifiers of one "
            "device or account, ';' between devices or accounts), got '…3809'"
        ]
        assert OTHER_IMEI not in json.dumps(error.to_dict())

    def test_an_identifier_type_of_another_category(self) -> None:
        """The strict path's check, at the identifiers cell."""
        error = problems([row(identifiers="email:jane.doe@example.com")])

        assert lines(error) == [
            "rows, row 2, column 'identifiers' (id 'ES-1'): expected one of 'imei', "
            "'serial_number', 'mac_address' (identifiers of a device request), got 'email'"
        ]


class TestIdentifiersTable:
    """A second table, for ledgers whose identifiers need subjects of their own."""

    def test_identifiers_with_subjects(self) -> None:
        """Rows of id, type, value and subject join the requests of that id."""
        table: list[dict[str, object]] = [
            {"Request ID": "ES-1", "Type": "imei", "Value": IMEI, "Subject": "phone-1"},
            {"Request ID": "ES-1", "Type": "serial_number", "Value": SERIAL, "Subject": "phone-1"},
            {"Request ID": "ES-2", "Type": "imei", "Value": OTHER_IMEI, "Subject": None},
        ]
        rows = [row(identifiers=None), row(id="ES-2", identifiers=f"imei:{IMEI}")]
        first, second = structure_rows(rows, identifiers=table)

        assert first.identifiers == (
            Identifier("imei", IMEI, "phone-1"),
            Identifier("serial_number", SERIAL, "phone-1"),
        )
        assert second.identifiers == (Identifier("imei", IMEI), Identifier("imei", OTHER_IMEI))

    def test_a_problem_in_the_table_is_addressed_there(self) -> None:
        """An unknown request id, or a bad type, at the table's row and column."""
        table = [
            {"id": "ES-1", "type": "email", "value": "jane.doe@example.com"},
            {"id": "ES-7", "type": "imei", "value": IMEI},
        ]
        error = problems([row()], identifiers=table, source="requests.xlsx")

        assert lines(error) == [
            "requests.xlsx, sheet 'identifiers', row 2, column 'type' (id 'ES-1'): expected "
            "one of 'imei', 'serial_number', 'mac_address' (identifiers of a device request), "
            "got 'email'",
            "requests.xlsx, sheet 'identifiers', row 3, column 'id' (id 'ES-7'): expected the "
            "id of a request in the requests table, got 'ES-7'",
        ]


class TestErrors:
    """Addressed as the spreadsheet shows them, all at once, as data too."""

    def test_every_problem_of_every_row(self) -> None:
        """Cell problems and the strict path's, in row order, by the header as written."""
        rows = [
            {"ID": "A", "Received": "08/01/2020", "Country": "Spian", "Category": "device",
             "Identifiers": f"imei:{IMEI}", "Outcome": "provided", "Emergency": "maybe"},
            {"ID": "B", "Received": "2020-01-08", "Country": "ES", "Category": "phone",
             "Identifiers": f"imei:{IMEI}", "Outcome": "given", "Emergency": ""},
        ]  # fmt: skip
        error = problems(rows, source="log.csv")

        assert lines(error) == [
            "log.csv, row 2, column 'Received' (id 'A'): expected a date (a date cell or "
            "YYYY-MM-DD text) or a date-time with an offset (text such as "
            "2025-03-04T09:30:00+01:00), got '08/01/2020'",
            "log.csv, row 2, column 'Country' (id 'A'): expected an ISO 3166-1 alpha-2 country "
            "code such as 'CN', or a country's English name such as 'China', got 'Spian'",
            "log.csv, row 2, column 'Emergency' (id 'A'): expected yes or no (or true or "
            "false, 1 or 0), got 'maybe'",
            "log.csv, row 2, column 'data' (id 'A'): expected 'non_content' or 'content' when "
            "the outcome is 'provided', got null",
            "log.csv, row 3, column 'Category' (id 'B'): expected one of 'device', "
            "'financial_identifier', 'account', 'emergency', 'account_preservation', "
            "'account_restriction_deletion', got 'phone'",
            "log.csv, row 3, column 'Outcome' (id 'B'): expected one of 'provided', "
            "'no_data', 'rejected', 'pending', got 'given'",
        ]
        assert all(isinstance(problem, CellError) for problem in error.exceptions)

    def test_a_missing_required_cell(self) -> None:
        """A blank required cell: the field is required, at its column."""
        assert lines(problems([row(received="")])) == [
            "rows, row 2, column 'received' (id 'ES-1'): expected a value: the field is "
            "required, got nothing"
        ]

    def test_rows_that_repeat_an_id_and_disagree(self) -> None:
        """Rule 2, by the rows as the spreadsheet numbers them."""
        error = problems([row(), row(id="ES-2"), row(country="SE")], source="log.csv")

        assert lines(error) == [
            "log.csv, rows 2 and 4 repeat id 'ES-1' but disagree on country: 'ES' versus 'SE'"
        ]
        assert isinstance(error.exceptions[0], RowConflictError)
        assert error.to_dict()["errors"][0]["second"] == {
            "path": ["$", 2],
            "value": "SE",
            "row": 4,
        }

    def test_a_long_number_loses_digits(self) -> None:
        """A 16-digit card number stored as a number has lost its last digit already."""
        table = [{"id": "ES-1", "type": "imei", "value": 4111111111111111.0}]
        error = problems([row(identifiers=None)], identifiers=table)

        assert lines(error)[0].endswith(
            "expected text (a number of more than 15 digits loses its last digits in a "
            "spreadsheet: format the column as text), got a number ending in 1111"
        )

    def test_a_cell_under_no_header_and_a_row_that_is_no_mapping(self) -> None:
        """``csv.DictReader`` puts a row's extra cells under ``None``; a list is no row."""
        error = problems([{**row(), None: [IMEI]}, [IMEI]])

        assert lines(error) == [
            'rows, row 3: expected a row as a mapping of column headers to cells, got ["…7518"]',
        ]
        text = "id,received,country,category,identifiers,outcome,data\r\n"
        text += f"ES-1,2020-06-01,ES,device,imei:{IMEI},rejected,,{OTHER_IMEI}\r\n"
        error = problems(list(csv.DictReader(io.StringIO(text))))

        assert lines(error) == [
            "rows, row 2, column 'H' (id 'ES-1'): expected a blank cell (its column has no "
            'header), got ["…3809"]'
        ]
        assert OTHER_IMEI not in json.dumps(error.to_dict())

    def test_the_cap_and_the_count_of_the_rest(self) -> None:
        """The first ``max_problems`` problems are kept; the rest are counted."""
        rows = [row(id=f"R{place}", country="Spian") for place in range(30)]
        error = problems(rows, max_problems=10)

        assert (len(error.exceptions), error.omitted) == (10, 20)
        assert error.describe().endswith("... and 20 more problems")

    def test_errors_as_data_and_pickled(self) -> None:
        """``to_dict`` has the cell's address; pickling keeps it."""
        error = problems([row(country="Spian")], source="log.csv")
        [data] = error.to_dict()["errors"]
        problem = error.exceptions[0]

        assert {key: data[key] for key in ("type", "source", "sheet", "row", "column")} == {
            "type": "cell_error",
            "source": "log.csv",
            "sheet": None,
            "row": 2,
            "column": "country",
        }
        assert data["path"] == ["$", 0, "country"]
        assert str(pickle.loads(pickle.dumps(problem))) == str(problem)  # noqa: S301 -- ours


class TestPandas:
    """``DataFrame.to_dict("records")``: pandas' and numpy's scalars, read by duck typing."""

    def test_a_dataframe(self) -> None:
        """``Timestamp``, numpy bools and ints, ``NaN`` and ``NaT`` as blank."""
        pd = pytest.importorskip("pandas")
        np = pytest.importorskip("numpy")
        frame = pd.DataFrame(
            {
                "id": [np.int64(1001), np.int64(1002)],
                "received": [pd.Timestamp("2020-06-01"), pd.Timestamp("2020-07-02 09:30")],
                "country": ["ES", "SE"],
                "category": ["device", "device"],
                "identifiers": [f"imei:{IMEI}", f"imei:{OTHER_IMEI}"],
                "outcome": ["provided", "rejected"],
                "data": ["non_content", np.nan],
                "emergency": [np.bool_(1), np.bool_(0)],
                "amends": [pd.NaT, None],
            }
        )
        rows = frame.to_dict("records")
        rows[1]["emergency"] = np.bool_(0)  # numpy's own, whatever to_dict gives back
        rows[0]["id"] = np.int64(1001)

        assert structure_rows(rows) == (
            Request(
                id="1001",
                received=date(2020, 6, 1),
                country="ES",
                category="device",
                identifiers=[Identifier("imei", IMEI)],
                response=Response(Outcome.PROVIDED, DataKind.NON_CONTENT),
                emergency=True,
            ),
            Request(
                id="1002",
                received=date(2020, 7, 2),
                country="SE",
                category="device",
                identifiers=[Identifier("imei", OTHER_IMEI)],
                response=Response(Outcome.REJECTED),
            ),
        )


class TestRoundTrip:
    """Any ledger, written as a spreadsheet's tables, reads back as the JSON path reads it."""

    @settings(deadline=None, max_examples=max(10, settings().max_examples // 2))
    @given(ledgers())
    def test_the_same_requests_and_report_as_json(self, ledger: list[Request]) -> None:
        """Each request back (the cell's identifiers first), and the same report, byte for byte."""
        rows, table = ledger_tables(ledger)
        requests_text = csv_bytes(rows).decode("utf-8-sig")
        table_text = csv_bytes(table, TABLE_HEADER).decode("utf-8-sig")
        read = structure_rows(
            csv.DictReader(io.StringIO(requests_text, newline="")),
            identifiers=csv.DictReader(io.StringIO(table_text, newline="")),
        )
        from_json = structure_ledger(json.loads(json.dumps(unstructure_ledger(ledger))))
        period = ReportingPeriod.calendar_year(2020)

        assert list(read) == as_read(ledger)
        assert JsonRenderer()(build_report(read, period)) == JsonRenderer()(
            build_report(from_json, period)
        )
