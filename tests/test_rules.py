"""The counting rules, one test class per rule, named after the sentence it implements."""

from __future__ import annotations

import re
from collections import Counter
from datetime import date
from decimal import Decimal
from importlib import import_module
from pathlib import Path
from typing import TYPE_CHECKING

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from builders import CONTENT, NO_DATA, PENDING, PROVIDED, REJECTED, imei, make_request
from strategies import ledgers
from transparency_core import (
    OUTCOMES,
    Disposition,
    ExplainRenderer,
    Figure,
    Identifier,
    Notification,
    Outcome,
    Percent,
    Percentage,
    Report,
    ReportingPeriod,
    Request,
    Response,
    RoundingMode,
    RoundingPolicy,
    RowKind,
    Subjects,
    Tally,
    _rules,
    build_report,
)
from transparency_core._countries import country_order
from transparency_core.exceptions import ConflictingRepeatError, InvalidLedgerError

if TYPE_CHECKING:
    from random import Random

YEAR = ReportingPeriod.calendar_year(2020)
ROOT = Path(__file__).parent.parent


def device_cell(report: Report, column: str, country: str = "ES") -> Figure | Percentage:
    """The cell of ``country``'s row in ``column`` of the device table."""
    return report.table("device").cell(country, column)


class TestRule1CountsOnceInCategoryCountryAndPeriod:
    """Rule 1: a request counts once, in its category, country and period."""

    def test_each_request_counts_once_in_its_category_and_country(self) -> None:
        """A request appears in its own category's table, in its own country's row."""
        report = build_report(
            [
                make_request("D1"),
                make_request(
                    "A1",
                    category="account",
                    country="IN",
                    identifiers=[Identifier("account_id", "42")],
                ),
            ],
            YEAR,
        )

        assert Figure(1, ("D1",)) == device_cell(report, "requests")
        assert Figure(1, ("A1",)) == report.table("account").cell("IN", "requests")
        assert [row.country for row in report.table("device").rows] == ["ES"]

    @pytest.mark.parametrize("response", [REJECTED, NO_DATA, PENDING])
    def test_rejected_pending_and_no_data_requests_count_as_received(
        self, response: Response
    ) -> None:
        """The seed's Sweden device row: 1 request, 0 provided, 0%."""
        report = build_report([make_request("SE-1", country="SE", response=response)], YEAR)

        assert device_cell(report, "requests", "SE") == Figure(1, ("SE-1",))
        assert device_cell(report, "provided", "SE") == Figure(0, ())
        percent = device_cell(report, "percent_provided", "SE")
        assert isinstance(percent, Percentage)
        assert percent.value == Decimal(0)

    def test_the_period_of_a_request_is_that_of_its_received_date(self) -> None:
        """Both ends of the period are inside it; the days around it are not."""
        requests = [
            make_request("first", received=date(2020, 1, 1)),
            make_request("last", received=date(2020, 12, 31)),
            make_request("before", received=date(2019, 12, 31)),
            make_request("after", received=date(2021, 1, 1)),
        ]

        report = build_report(requests, YEAR)

        assert device_cell(report, "requests") == Figure(2, ("first", "last"))


class TestRule2ChallengedOrRejectedIsNotAnAdditionalRequest:
    """Rule 2: records that repeat an id are one request.

    "Any request that we challenge or reject is not counted as an additional request."
    """

    def test_an_exact_repeat_is_counted_once(self) -> None:
        """Two identical records are one request, and the entry says two records."""
        report = build_report([make_request("R1"), make_request("R1")], YEAR)

        assert device_cell(report, "requests") == Figure(1, ("R1",))
        [entry] = report.entries
        assert (entry.id, entry.records) == ("R1", 2)

    def test_a_challenged_pending_record_gives_way_to_its_settled_repeat(self) -> None:
        """Pending-and-challenged, then provided: one request, provided, challenged."""
        challenged = Response(Outcome.PENDING, challenged=True)
        report = build_report(
            [
                make_request("R1", response=challenged),
                make_request("R1", response=PROVIDED),
            ],
            YEAR,
        )

        assert device_cell(report, "requests") == Figure(1, ("R1",))
        assert device_cell(report, "provided") == Figure(1, ("R1",))

    def test_an_absent_or_not_yet_notice_gives_way_to_a_definite_one(self) -> None:
        """Notices settle like outcomes do, in any order of the records."""
        not_yet = Response(Outcome.PROVIDED, CONTENT.data, notified=Notification.NOT_YET)
        notified = Response(Outcome.PROVIDED, CONTENT.data, notified=Notification.NOTIFIED)
        records = [make_request("R1", response=r) for r in (CONTENT, not_yet, notified)]

        forward = build_report(records, YEAR)
        backward = build_report(records[::-1], YEAR)

        assert forward == backward
        assert forward.entries[0].records == 3

    def test_repeats_that_disagree_on_the_request_are_an_error_naming_both(
        self,
    ) -> None:
        """A repeat with another country is never silently chosen between."""
        with pytest.raises(InvalidLedgerError) as caught:
            build_report(
                [
                    make_request("R1"),
                    make_request("X"),
                    make_request("R1", country="SE"),
                ],
                YEAR,
            )

        [error] = caught.value.exceptions
        assert isinstance(error, ConflictingRepeatError)
        assert (error.id, error.first, error.second, error.field) == (
            "R1",
            0,
            2,
            "country",
        )
        assert str(error) == (
            "$[0] and $[2] repeat id 'R1' but disagree on country: 'ES' versus 'SE'"
        )

    def test_repeats_with_two_different_settled_outcomes_are_an_error(self) -> None:
        """Provided in one record and rejected in another cannot both be true."""
        with pytest.raises(InvalidLedgerError) as caught:
            build_report(
                [
                    make_request("R1", response=PROVIDED),
                    make_request("R1", response=REJECTED),
                ],
                YEAR,
            )

        [error] = caught.value.exceptions
        assert isinstance(error, ConflictingRepeatError)
        assert error.field == "response.outcome"

    def test_repeats_listing_the_same_identifiers_in_another_order_agree(self) -> None:
        """The order of identifiers within a record is not part of the request."""
        first = make_request("R1", identifiers=[imei("1"), imei("2")])
        second = make_request("R1", identifiers=[imei("2"), imei("1")])

        report = build_report([first, second], YEAR)

        assert device_cell(report, "subjects") == Figure(2, ("R1",))

    def test_every_conflict_is_reported_at_once(self) -> None:
        """Two conflicting ids give two errors in one exception group."""
        with pytest.raises(InvalidLedgerError) as caught:
            build_report(
                [
                    make_request("A"),
                    make_request("B"),
                    make_request("A", country="SE"),
                    make_request("B", country="FR"),
                ],
                YEAR,
            )

        assert [getattr(e, "id", None) for e in caught.value.exceptions] == ["A", "B"]


class TestRule3AnAmendedRequestIsCountedAsANewRequest:
    """Rule 3: "If a request is amended, it is counted as a new request"."""

    def test_the_amendment_and_the_amended_request_both_count(self) -> None:
        """Two requests: the original and the one that amends it."""
        report = build_report([make_request("R1"), make_request("R2", amends="R1")], YEAR)

        assert device_cell(report, "requests") == Figure(2, ("R1", "R2"))

    def test_an_amendment_of_a_request_outside_the_period_still_counts(self) -> None:
        """The amended request is left out by its own date, the amendment counted by its."""
        report = build_report(
            [
                make_request("R1", received=date(2019, 12, 20)),
                make_request("R2", amends="R1", received=date(2020, 1, 10)),
            ],
            YEAR,
        )

        assert device_cell(report, "requests") == Figure(1, ("R2",))


class TestRule4SeveralIdentifiersOfOneDeviceAreOneDevice:
    """Rule 4: several identifiers of one device are one request and one device.

    "If we are asked for more than one identifier of a device, we count that as a single
    request."
    """

    def test_identifiers_of_one_subject_are_one_device(self) -> None:
        """An IMEI and a serial number of one phone: one request, one device."""
        identifiers = [imei("1", "phone"), Identifier("serial_number", "S1", "phone")]

        report = build_report([make_request("R1", identifiers=identifiers)], YEAR)

        assert device_cell(report, "requests") == Figure(1, ("R1",))
        assert device_cell(report, "subjects") == Figure(1, ("R1",))

    def test_identifiers_without_a_subject_are_each_their_own_device(self) -> None:
        """The subject defaults to the identifier itself."""
        report = build_report([make_request("R1", identifiers=[imei("1"), imei("2")])], YEAR)

        assert device_cell(report, "subjects") == Figure(2, ("R1",))

    def test_devices_are_summed_over_requests(self) -> None:
        """The same device named in two requests is counted in each."""
        requests = [
            make_request("R1", identifiers=[imei("1", "phone")]),
            make_request("R2", identifiers=[imei("1", "phone"), imei("9")]),
        ]

        report = build_report(requests, YEAR)

        assert device_cell(report, "subjects") == Figure(3, ("R1", "R2"))


class TestRule5DataWasProvided:
    """Rule 5: data was provided when the outcome is provided; accounts split it."""

    def test_accounts_split_only_non_content_from_content(self) -> None:
        """Content counts once, in the content column, and both count as provided."""
        account = {
            "category": "account",
            "identifiers": [Identifier("account_id", "1")],
        }
        requests = [
            make_request("A1", response=PROVIDED, **account),
            make_request("A2", response=CONTENT, **account),
            make_request("A3", response=NO_DATA, **account),
        ]

        table = build_report(requests, YEAR).table("account")

        assert table.cell("ES", "non_content_only") == Figure(1, ("A1",))
        assert table.cell("ES", "content") == Figure(1, ("A2",))
        percent = table.cell("ES", "percent_provided")
        assert isinstance(percent, Percentage)
        assert (percent.part, percent.value) == (Figure(2, ("A1", "A2")), Decimal(67))


class TestRule6PercentagesAreExactAndRoundedOnce:
    """Rule 6: exact ratios rounded once, whole percent, half up by default."""

    def test_a_half_rounds_up_by_default(self) -> None:
        """Apple, Austria 2019 H2: 202 of 400 is 50.5%, published as 51%."""
        requests = [
            make_request(f"R{n}", response=PROVIDED if n < 202 else NO_DATA) for n in range(400)
        ]

        percent = device_cell(build_report(requests, YEAR), "percent_provided")

        assert isinstance(percent, Percentage)
        assert percent.value == Decimal(51)

    def test_the_rounding_policy_is_the_callers_choice(self) -> None:
        """Half even gives 50% for the same 202 of 400."""
        requests = [
            make_request(f"R{n}", response=PROVIDED if n < 202 else NO_DATA) for n in range(400)
        ]
        policy = RoundingPolicy(mode=RoundingMode.HALF_EVEN)

        percent = device_cell(build_report(requests, YEAR, rounding=policy), "percent_provided")

        assert isinstance(percent, Percentage)
        assert percent.value == Decimal(50)


class TestRule7LegalProcessShares:
    """Rule 7: each type's share of that country's legal-process requests."""

    def test_shares_are_of_the_countrys_legal_process_requests(self) -> None:
        """16 and 1 of 17 are 94% and 6%; requests without legal process are not counted."""
        requests = [
            *(make_request(f"IO{n}", legal_process="investigation_order") for n in range(16)),
            make_request("OC", legal_process="other_court_order"),
            make_request("none"),
        ]

        table = build_report(requests, YEAR).table("legal_process")

        assert [row.kind for row in table.rows] == [RowKind.COUNTS, RowKind.SHARES]
        assert table.cell("ES", "other_court_order") == Figure(1, ("OC",))
        shares = [
            table.cell("ES", key, RowKind.SHARES)
            for key in ("investigation_order", "other_court_order")
        ]
        assert [s.value for s in shares if isinstance(s, Percentage)] == [
            Decimal(94),
            Decimal(6),
        ]

    def test_an_unregistered_legal_process_gets_a_column_of_its_own(self) -> None:
        """Nothing lost: a request built in Python with another type is still shown."""
        table = build_report([make_request("R1", legal_process="subpoena")], YEAR).table(
            "legal_process"
        )

        assert table.cell("ES", "subpoena") == Figure(1, ("R1",))


class TestRule8OnlyCountriesThatSentRequests:
    """Rule 8: only countries that sent requests of a table's kind are listed.

    "The countries listed are the only ones from which we have received requests."
    """

    def test_a_country_appears_only_in_the_tables_of_its_requests(self) -> None:
        """Spain sent a device request only: it is in no other table."""
        report = build_report([make_request("R1")], YEAR)

        assert [row.country for row in report.table("device").rows] == ["ES"]
        assert report.table("account").rows == ()
        assert report.table("legal_process").rows == ()

    def test_rows_are_ordered_by_english_country_name(self) -> None:
        """China, France, India, Spain, Sweden: the seed's order, whatever the input's."""
        countries = ["SE", "IN", "ES", "FR", "CN"]
        requests = [make_request(code, country=code) for code in countries]

        rows = build_report(requests, YEAR).table("device").rows

        assert [row.country for row in rows] == ["CN", "FR", "IN", "ES", "SE"]


class TestRule9CrossBorderRequestsAreDisclosed:
    """Rule 9: "Xiaomi did not receive any cross-border requests." Zero is disclosed."""

    def test_no_cross_border_requests_is_a_figure_of_zero(self) -> None:
        """The disclosure exists, with a total of zero."""
        report = build_report([make_request("R1")], YEAR)

        assert report.cross_border.total == Figure(0, ())

    def test_cross_border_requests_are_counted_by_requesting_country(self) -> None:
        """Data held in Ireland, asked for from Spain and France."""
        requests = [
            make_request("R1", data_country="IE"),
            make_request("R2", country="FR", data_country="IE"),
            make_request("R3"),
        ]

        cross_border = build_report(requests, YEAR).cross_border

        assert cross_border.total == Figure(2, ("R1", "R2"))
        assert cross_border.by_country == (
            ("FR", Figure(1, ("R2",))),
            ("ES", Figure(1, ("R1",))),
        )


class TestEveryFigureIsItsDefinition:
    """Each figure is its column's measure applied to the counted requests one by one.

    Every table is counted from its spec, the legal process table and the cross-border
    figures too, but the engine takes short cuts (a measure of every request without a
    call, a predicate called once for all the measures naming it, the cells summed from
    the atoms, subjects worked out when a request is built); this checks them against
    the definitions, request by request.
    """

    @given(ledgers(), st.data())
    def test_every_figure_counts_its_measure_over_the_counted_requests(
        self, ledger: list[Request], data: st.DataObject
    ) -> None:
        """Cells, ids, cross-border figures and unregistered legal processes alike."""
        ids = sorted({request.id for request in ledger})
        # Some requests rest on a legal process the default registry does not know.
        renamed = data.draw(st.sets(st.sampled_from(ids))) if ids else set()
        ledger = [
            attrs.evolve(request, legal_process="subpoena")
            if request.id in renamed and request.legal_process is not None
            else request
            for request in ledger
        ]
        report = build_report(ledger, YEAR)
        counted = [
            request for request in Tally.of(ledger).requests.values() if request.received in YEAR
        ]
        for table in report.tables:
            in_table = [
                request
                for request in counted
                if (request.category == table.key)
                or (table.key == "legal_process" and request.legal_process is not None)
            ]
            countries = sorted({request.country for request in in_table})
            assert sorted(row.country for row in table.rows if row.kind is RowKind.COUNTS) == (
                countries
            )
            for row in table.rows:
                if row.kind is not RowKind.COUNTS:
                    continue
                of_country = [request for request in in_table if request.country == row.country]
                for column, cell in zip(table.columns, row.cells, strict=True):
                    measure = column.measure
                    if isinstance(measure, Percent):
                        continue
                    holding = [request for request in of_country if measure.where(request)]
                    sizes = [
                        len({identifier.subject_key for identifier in request.identifiers})
                        if isinstance(measure, Subjects)
                        else 1
                        for request in holding
                    ]
                    assert cell == Figure(
                        sum(sizes), tuple(sorted(request.id for request in holding))
                    )
        cross_border = sorted(request.id for request in counted if request.cross_border)
        assert report.cross_border.total == Figure(len(cross_border), tuple(cross_border))
        assert report.cross_border.by_country == tuple(
            (country, Figure(len(ids), tuple(ids)))
            for country in sorted({r.country for r in counted if r.cross_border}, key=country_order)
            for ids in [sorted(r.id for r in counted if r.cross_border and r.country == country)]
        )
        legal = [column.key for column in report.table("legal_process").columns]
        assert ("subpoena" in legal) == any(r.legal_process == "subpoena" for r in counted)


class TestRule10NothingIsSilentlyDropped:
    """Rule 10: every record is counted or reported as left out, with why."""

    def test_records_outside_the_period_are_listed_with_the_reason(self) -> None:
        """A 2019 request is left out, and the entry says when it was received."""
        report = build_report([make_request("old", received=date(2019, 12, 30))], YEAR)

        [entry] = report.left_out()
        assert entry.disposition is Disposition.OUT_OF_PERIOD
        assert entry.reason == "received 2019-12-30, before the period 2020-01-01/2020-12-31"

    def test_a_category_without_a_table_is_listed_with_the_reason(self) -> None:
        """A request of a category the report does not tabulate is left out, not lost."""
        report = build_report([make_request("R1", category="app_takedown")], YEAR)

        [entry] = report.left_out()
        assert entry.disposition is Disposition.CATEGORY_NOT_IN_REPORT
        assert entry.reason == "category 'app_takedown' has no table in this report"

    @pytest.mark.parametrize("category", ["cross_border", "legal_process", "outcomes"])
    def test_a_category_named_as_a_table_across_categories_has_no_table(
        self, category: str
    ) -> None:
        """The cross-border figures, Table 4 and the breakdowns are no category's table."""
        report = build_report([make_request("R1", category=category)], YEAR, breakdowns=[OUTCOMES])

        [entry] = report.left_out()
        assert entry.disposition is Disposition.CATEGORY_NOT_IN_REPORT
        assert report.cross_border.total == Figure(0, ())
        assert report.table(category if category != "cross_border" else "outcomes").rows == ()

    @given(ledgers())
    def test_every_record_is_accounted_for(self, ledger: list[Request]) -> None:
        """The entries cover every id once and every record once."""
        report = build_report(ledger, YEAR)

        assert Counter(r.id for r in ledger) == {e.id: e.records for e in report.entries}
        assert report.records == len(ledger)


def _figures(report: Report) -> dict[tuple[str, str, str, str], Figure]:
    """Every count of a report, by table, country, row kind and column."""
    return {
        (table.key, row.country, row.kind.value, column.key): cell
        for table in report.tables
        for row in table.rows
        for column, cell in zip(table.columns, row.cells, strict=True)
        if isinstance(cell, Figure)
    }


class TestInvariants:
    """Properties that hold for every ledger."""

    @given(ledgers(), st.randoms(use_true_random=False))
    def test_the_same_records_in_any_order_give_the_same_report(
        self, ledger: list[Request], random: Random
    ) -> None:
        """Shuffling the ledger changes nothing in the report."""
        shuffled = list(ledger)
        random.shuffle(shuffled)

        assert build_report(shuffled, YEAR) == build_report(ledger, YEAR)

    @given(ledgers(), st.integers(min_value=0, max_value=30))
    def test_the_parts_of_a_ledger_add_up_to_the_whole(
        self, ledger: list[Request], cut: int
    ) -> None:
        """Every count of the whole is the sum of the counts of two parts split by id."""
        ids = sorted({request.id for request in ledger})
        first_ids = set(ids[:cut])
        first = [r for r in ledger if r.id in first_ids]
        second = [r for r in ledger if r.id not in first_ids]

        whole = _figures(build_report(ledger, YEAR))
        parts = [_figures(build_report(part, YEAR)) for part in (first, second)]

        added: dict[tuple[str, str, str, str], Figure] = {}
        for figures in parts:
            for key, figure in figures.items():
                earlier = added.get(key, Figure(0, ()))
                added[key] = Figure(
                    earlier.value + figure.value,
                    tuple(sorted(earlier.ids + figure.ids)),
                )
        assert added == whole


class TestProvenance:
    """Every figure names its requests; every request says where it went."""

    def test_explain_lists_each_figure_with_its_ids(self) -> None:
        """The percentage line gives part, whole, rounded value and the part's ids."""
        requests = [make_request("R1"), make_request("R2", response=NO_DATA)]

        text = ExplainRenderer()(build_report(requests, YEAR))

        assert (
            "Spain, Worldwide Government Device Requests, Percentage of Device-based "
            "Requests Where Data Was Provided: 1 of 2 -> 50%: R1\n"
        ) in text

    def test_explain_lists_every_request_left_out_with_the_reason(self) -> None:
        """And how many records a repeated id had."""
        requests = [
            make_request("old", received=date(2019, 12, 30)),
            make_request("R1"),
            make_request("R1"),
        ]

        text = ExplainRenderer()(build_report(requests, YEAR))

        assert "old: received 2019-12-30, before the period 2020-01-01/2020-12-31\n" in text
        assert "R1, 2 records: counted in device, ES\n" in text

    @given(ledgers())
    def test_every_counted_request_is_in_the_figures_that_count_it(
        self, ledger: list[Request]
    ) -> None:
        """A counted request is in its table's requests column; a left-out one nowhere."""
        report = build_report(ledger, YEAR)

        for entry in report.entries:
            cells = report.trace(entry.id)
            if entry.disposition is Disposition.COUNTED:
                assert any(cell[3] == "requests" for cell in cells)
            else:
                assert cells == ()


class TestTheRulesReadLikeTheMethodology:
    """The rules module has a block per rule; docs/reference/rules.md says where each lives."""

    def test_one_block_per_rule_in_the_seeds_order(self) -> None:
        """Blocks "# Rule 1:" to "# Rule 10:", each once, in order."""
        text = Path(_rules.__file__).read_text(encoding="utf-8")

        assert re.findall(r"^# Rule (\d+):", text, re.MULTILINE) == [str(n) for n in range(1, 11)]

    def test_every_name_the_docs_place_is_in_that_module(self) -> None:
        """Each `name` (`module.py`) of the page's table is defined there, each rule listed."""
        page = (ROOT / "docs" / "reference" / "rules.md").read_text(encoding="utf-8")
        table = page.split("| rule | where it lives |", 1)[1].split("\n\n", 1)[0]
        placed = re.findall(r"`([\w.]+)` \(`([\w/]+)\.py`\)", table)

        assert re.findall(r"^\| \[(\d+)\]", table, re.MULTILINE) == [str(n) for n in range(1, 11)]
        assert len(placed) >= 10
        for name, module in placed:
            found: object = import_module("transparency_core." + module.replace("/", "."))
            for part in name.split("."):
                assert hasattr(found, part), f"{name} is not in {module}.py"
                found = getattr(found, part)
