"""Value objects: invariants that span fields hold for requests built in Python too."""

from __future__ import annotations

import copy
import gc
import pickle
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from builders import imei, make_request
from transparency_core import DataKind, Identifier, Outcome, ReportingPeriod, Request, Response
from transparency_core._model import identifier_types
from transparency_core._packed import PackedIdentifiers
from transparency_core._period import parse_release
from transparency_core.exceptions import FieldError

if TYPE_CHECKING:
    from collections.abc import Iterator, Sequence


@attrs.frozen(kw_only=True)
class _Tagged(Request):
    """A slotted subclass: attrs gives it a ``__setstate__`` of its own."""

    tag: str


class TestResponse:
    """Data goes with ``provided`` and with nothing else."""

    def test_provided_needs_data(self) -> None:
        """Provided, but neither content nor non-content: refused."""
        with pytest.raises(FieldError) as caught:
            Response(Outcome.PROVIDED)

        assert str(caught.value) == (
            "data: expected 'non_content' or 'content' when the outcome is 'provided', got null"
        )

    def test_data_without_provided_is_refused(self) -> None:
        """Rejected, yet content: refused."""
        with pytest.raises(FieldError) as caught:
            Response(Outcome.REJECTED, DataKind.CONTENT)

        assert (
            str(caught.value)
            == "data: expected no data when the outcome is 'rejected', got 'content'"
        )

    def test_responses_are_immutable(self) -> None:
        """Frozen: a figure cannot change under a report."""
        response = Response(Outcome.NO_DATA)

        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            response.outcome = Outcome.PROVIDED  # type: ignore[misc]


class TestRequest:
    """Request invariants, each with the field it concerns."""

    def test_a_request_cannot_amend_itself(self) -> None:
        """``amends`` names another request."""
        with pytest.raises(FieldError) as caught:
            make_request("R1", amends="R1")

        assert (caught.value.path, caught.value.got) == ("amends", "R1")

    def test_a_request_names_at_least_one_identifier(self) -> None:
        """No identifier, no subject to count."""
        with pytest.raises(FieldError) as caught:
            make_request("R1", identifiers=[])

        assert caught.value.path == "identifiers"

    @pytest.mark.parametrize(
        ("identifiers", "path"),
        [
            ([imei("1"), "490154203237518"], "identifiers[1]"),
            ([imei("1"), {"type": "imei", "value": "490154203237518"}], "identifiers[1]"),
            ([7], "identifiers[0]"),
            (7, "identifiers"),
        ],
    )
    def test_what_is_not_an_identifier_is_refused_where_it_is(
        self, identifiers: object, path: str
    ) -> None:
        """A text, a dict or a number among the identifiers: a FieldError naming its place.

        Not an AttributeError from deep inside: the message says where and what came,
        the value masked as a customer's.
        """
        with pytest.raises(FieldError) as caught:
            make_request("R1", identifiers=identifiers)

        assert caught.value.path == path
        assert "490154203237518" not in str(caught.value)
        assert "490154203237518" not in str(caught.value.to_dict())
        assert str(caught.value).startswith(f"{path}: expected ")

    def test_a_type_error_inside_the_identifiers_given_is_not_taken_for_their_shape(
        self,
    ) -> None:
        """A generator that fails with a TypeError fails as it does, not as a bad shape."""

        def failing() -> Iterator[Identifier]:
            yield imei("1")
            bug = "the caller's own bug"
            raise TypeError(bug)

        with pytest.raises(TypeError, match="the caller's own bug"):
            make_request("R1", identifiers=failing())

    def test_data_country_differs_from_country(self) -> None:
        """A cross-border request's data is held elsewhere."""
        with pytest.raises(FieldError) as caught:
            make_request("R1", data_country="ES")

        assert caught.value.path == "data_country"

    @pytest.mark.parametrize(
        ("field", "value"),
        [("country", "es"), ("country", "UN"), ("data_country", "Europe"), ("id", " ")],
    )
    def test_malformed_values_are_refused(self, field: str, value: str) -> None:
        """Lower case, groupings, names and blanks are not codes or ids."""
        with pytest.raises(FieldError) as caught:
            make_request("R1", **{field: value})

        assert (caught.value.path, caught.value.got) == (field, value)

    def test_identifiers_are_kept_as_a_tuple(self) -> None:
        """A list handed in is frozen into a tuple."""
        request = make_request("R1", identifiers=[imei("1")])

        assert request.identifiers == (imei("1"),)

    def test_subject_count_counts_distinct_subjects(self) -> None:
        """Two identifiers of one device and one on its own: two devices."""
        request = make_request(
            "R1",
            identifiers=[
                imei("1", "d"),
                Identifier("mac_address", "7C:1D:D9:00:00:01", "d"),
                imei("2"),
            ],
        )

        assert request.subject_count == 2

    @given(
        st.lists(
            st.builds(
                Identifier,
                type=st.sampled_from(["imei", "serial_number"]),
                value=st.sampled_from(["1", "2", "3"]),
                subject=st.none() | st.sampled_from(["a", "b", "c", "d"]),
            ),
            min_size=1,
            max_size=8,
        )
    )
    def test_subjects_and_repeats_are_worked_out_as_defined(
        self, identifiers: list[Identifier]
    ) -> None:
        """Worked out once, when built (and again after a pickle), as their definitions."""
        subjects = len({identifier.subject_key for identifier in identifiers})
        pairs = [(identifier.type, identifier.value) for identifier in identifiers]
        repeated = tuple(index for index, pair in enumerate(pairs) if pair in pairs[:index])
        request = make_request("R1", identifiers=identifiers)
        copied = pickle.loads(pickle.dumps(request))  # noqa: S301 -- our own bytes

        assert (request.subject_count, request.repeated_identifiers) == (subjects, repeated)
        assert (copied.subject_count, copied.repeated_identifiers) == (subjects, repeated)
        assert copied == request

    def test_a_request_has_no_attribute_hook(self) -> None:
        """Its fields and counts are plain slots: a __getattr__ would slow every read."""
        assert not hasattr(Request, "__getattr__")

    def test_a_copy_and_a_subclass_keep_their_counts(self) -> None:
        """Copied, or unpickled as a slotted subclass of its own, a request counts as built."""
        identifiers = [imei("1", "a"), imei("2", "a"), imei("1", "b")]
        request = make_request("R1", identifiers=identifiers)
        tagged = _Tagged(**attrs.asdict(request, recurse=False), tag="t")
        copies = [copy.copy(request), copy.deepcopy(request), pickle.loads(pickle.dumps(tagged))]  # noqa: S301

        assert type(copies[-1]) is _Tagged
        for copied in copies:
            assert (copied.subject_count, copied.repeated_identifiers) == (2, (2,))

    @given(
        st.lists(
            st.tuples(
                st.sampled_from(["imei", "serial_number"]),
                st.sampled_from(["1", "2", "3"]),
                st.none() | st.sampled_from(["a", "b"]),
            ),
            min_size=1,
            max_size=6,
        )
    )
    def test_packed_identifiers_are_the_identifiers_built(
        self, triples: list[tuple[str, str, str | None]]
    ) -> None:
        """A request of packed triples counts and reads as one of the Identifier objects."""
        built = make_request("R1", identifiers=[Identifier(*triple) for triple in triples])
        flat = [text for triple in triples for text in triple]
        packed = make_request("R1", identifiers=PackedIdentifiers(flat))
        counted = (packed.subject_count, packed.repeated_identifiers)
        copied = pickle.loads(pickle.dumps(packed))  # noqa: S301 -- our own bytes

        assert counted == (built.subject_count, built.repeated_identifiers)
        assert (packed, hash(packed), repr(packed)) == (built, hash(built), repr(built))
        assert {type(identifier) for identifier in packed.identifiers} == {Identifier}
        assert type(packed.identifiers) is tuple
        assert copied == built
        assert identifier_types(packed) == [kind for kind, _, _ in triples]

    def test_packed_identifiers_are_a_tuple_the_collector_lets_go(self) -> None:
        """Kept as a plain tuple of texts, which the cyclic collector stops tracking."""
        texts = ("imei", "490154203237518", None, "imei", "356938035643809", "phone")
        request = make_request("R1", identifiers=PackedIdentifiers(texts))
        slot: Any = Request.identifiers  # the class shows its slot
        held = slot.__get__(request, Request)
        gc.collect()
        assert (type(held), held) == (tuple, texts)
        assert not gc.is_tracked(held)

    @pytest.mark.parametrize("texts", [["imei", "490154203237518", None], ("imei",)])
    def test_texts_not_marked_as_packed_are_refused(self, texts: Sequence[str | None]) -> None:
        """Texts handed in as identifiers were not checked: refused, and masked."""
        with pytest.raises(FieldError) as caught:
            make_request("R1", identifiers=texts)

        assert caught.value.path == "identifiers"
        assert "490154203237518" not in str(caught.value)


class TestIdentifier:
    """Identifiers name a type, a value, and maybe their subject."""

    def test_an_empty_value_is_refused(self) -> None:
        """An identifier with no value identifies nothing."""
        with pytest.raises(FieldError) as caught:
            Identifier("imei", "")

        assert caught.value.path == "value"

    def test_the_subject_defaults_to_the_identifier(self) -> None:
        """Without a subject, two identifiers are two subjects; with one, one."""
        assert imei("1").subject_key != imei("2").subject_key
        assert imei("1", "d").subject_key == imei("2", "d").subject_key


class TestReportingPeriod:
    """Periods: calendar years, ISO intervals, and their checks."""

    def test_calendar_year(self) -> None:
        """January 1 to December 31."""
        period = ReportingPeriod.calendar_year(2020)

        assert (period.start, period.end) == (date(2020, 1, 1), date(2020, 12, 31))
        assert str(period) == "2020-01-01/2020-12-31"

    def test_parse_round_trips_str(self) -> None:
        """``parse(str(period)) == period``."""
        period = ReportingPeriod(date(2020, 1, 1), date(2020, 6, 30))

        assert ReportingPeriod.parse(str(period)) == period

    @pytest.mark.parametrize(
        ("text", "months"),
        [("2020", (1, 12)), ("2020-H1", (1, 6)), ("2020-H2", (7, 12))]
        + [(f"2024-Q{quarter}", (3 * quarter - 2, 3 * quarter)) for quarter in range(1, 5)],
    )
    def test_parse_reads_a_year_a_half_and_a_quarter(
        self, text: str, months: tuple[int, int]
    ) -> None:
        """From the first day of the first month to the last day of the last."""
        year = int(text[:4])
        first, last = months
        end = (date(year + 1, 1, 1) if last == 12 else date(year, last + 1, 1)) - timedelta(1)

        assert ReportingPeriod.parse(text) == ReportingPeriod(date(year, first, 1), end)

    def test_a_release_month_is_its_last_day(self) -> None:
        """``2024-02`` is the 29th in a leap year; a full date is itself."""
        assert parse_release("2024-02") == date(2024, 2, 29)
        assert parse_release("2023-02") == date(2023, 2, 28)
        assert parse_release("2021-06-01") == date(2021, 6, 1)

    @pytest.mark.parametrize("text", ["2021-13", "2021", "June 2021", "2021-06-31"])
    def test_a_bad_release_date(self, text: str) -> None:
        """The message names the two forms."""
        with pytest.raises(FieldError) as caught:
            parse_release(text)

        assert (
            str(caught.value) == f"released: expected a date, YYYY-MM-DD or YYYY-MM, got {text!r}"
        )

    @pytest.mark.parametrize(
        "text", ["2020-H3", "2020-Q5", "0000", "2020-01-01", "2020-01-01/2020-13-01", "a/b"]
    )
    def test_parse_refuses_what_is_not_an_interval_of_dates(self, text: str) -> None:
        """The message shows the expected form."""
        with pytest.raises(FieldError) as caught:
            ReportingPeriod.parse(text)

        assert str(caught.value) == (
            "period: expected a year (2020), a half (2020-H1), a quarter (2020-Q3) or "
            f"START/END (2020-01-01/2020-12-31), got {text!r}"
        )

    def test_the_end_is_not_before_the_start(self) -> None:
        """A period runs forwards."""
        with pytest.raises(FieldError) as caught:
            ReportingPeriod.parse("2020-12-31/2020-01-01")

        assert caught.value.path == "end"

    def test_the_release_is_not_before_the_end(self) -> None:
        """A report is released after its period ends."""
        with pytest.raises(FieldError) as caught:
            ReportingPeriod.calendar_year(2020, released=date(2020, 6, 1))

        assert caught.value.path == "released"

    def test_membership_includes_both_ends(self) -> None:
        """``in`` is inclusive, and only dates belong."""
        period = ReportingPeriod.calendar_year(2020)

        assert date(2020, 1, 1) in period
        assert date(2020, 12, 31) in period
        assert date(2021, 1, 1) not in period
        assert "2020-06-01" not in period
