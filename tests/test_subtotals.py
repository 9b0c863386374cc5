"""Subtotals: parts of a ledger split by request id, counted apart, added exactly."""

from __future__ import annotations

import pickle
from functools import reduce

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from strategies import ledgers
from transparency_core import (
    BASIS,
    CHALLENGES,
    NOTIFICATION,
    OUTCOMES,
    Breakdown,
    ExplainRenderer,
    Figure,
    JsonRenderer,
    Percent,
    Percentage,
    ReportingPeriod,
    Request,
    Requests,
    Response,
    RowKind,
    Subjects,
    Subtotals,
    Suppression,
    TextRenderer,
    build_report,
    partition_of,
    reference_ledger,
    reference_period,
)

YEAR = ReportingPeriod.calendar_year(2020)


@st.composite
def amending_ledgers(draw: st.DrawFn) -> list[Request]:
    """Ledgers some of whose requests amend another id, in the ledger or not."""
    ledger = draw(ledgers())
    ids = sorted({request.id for request in ledger})
    amends = {
        request_id: draw(st.none() | st.sampled_from([*ids, "GONE-1"]).filter(request_id.__ne__))
        for request_id in ids
    }
    return [attrs.evolve(request, amends=amends[request.id]) for request in ledger]


def by_id(
    ledger: list[Request], parts: int, *, provenance: bool = True, period: ReportingPeriod = YEAR
) -> list[Subtotals]:
    """Split ``ledger`` by id into ``parts``, each told the amendments aimed at it."""
    requests: list[list[Request]] = [[] for _ in range(parts)]
    amendments: list[list[tuple[str, str]]] = [[] for _ in range(parts)]
    for request in ledger:
        requests[partition_of(request.id, parts)].append(request)
        if request.amends is not None:
            amendments[partition_of(request.amends, parts)].append((request.id, request.amends))
    return [
        Subtotals.of(
            part,
            period,
            provenance=provenance,
            amendments=aimed,
            breakdowns=(OUTCOMES,),
        )
        for part, aimed in zip(requests, amendments, strict=True)
    ]


def _per_request(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make the counter call every predicate for every request, as for any callable."""
    monkeypatch.setattr("transparency_core._count.reads_facts_only", lambda _: False)


class TestPredicatesOncePerFacts:
    """The shipped predicates called once per distinct facts count as called per request."""

    @pytest.mark.parametrize(
        "breakdowns", [(), (OUTCOMES, NOTIFICATION, CHALLENGES), (BASIS, OUTCOMES)]
    )
    def test_the_reference_report_is_the_same(
        self, monkeypatch: pytest.MonkeyPatch, breakdowns: tuple[Breakdown, ...]
    ) -> None:
        once = build_report(reference_ledger(), reference_period(), breakdowns=breakdowns)
        _per_request(monkeypatch)
        each = build_report(reference_ledger(), reference_period(), breakdowns=breakdowns)
        assert once == each
        assert pickle.dumps(once) == pickle.dumps(each)

    def test_past_the_memo_the_same(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """Past the facts it keeps, the counter counts on without them, to the same report."""
        kept = build_report(reference_ledger(), reference_period(), breakdowns=(OUTCOMES,))
        monkeypatch.setattr("transparency_core._count._FACTS", 1)
        past = build_report(reference_ledger(), reference_period(), breakdowns=(OUTCOMES,))
        assert pickle.dumps(kept) == pickle.dumps(past)

    def test_a_value_that_is_no_key(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """A Python-built request whose data country is no key is counted as ever."""
        odd = [
            attrs.evolve(request, data_country=["IE"])  # type: ignore[arg-type]
            for request in reference_ledger()[:20]
        ]
        once = build_report(odd, reference_period())
        _per_request(monkeypatch)
        assert build_report(odd, reference_period()) == once
        assert once.summary.counted > 0

    @given(ledger=ledgers(), actions=st.booleans())
    def test_any_ledger_counts_the_same(self, ledger: list[Request], *, actions: bool) -> None:
        # The reader shares equal responses, which the counter's memo keys on: so here.
        shared: dict[Response, Response] = {}
        ledger = [
            attrs.evolve(request, response=shared.setdefault(request.response, request.response))
            for request in ledger
        ]
        once = build_report(ledger, YEAR, breakdowns=(OUTCOMES,), actions_in_totals=actions)
        with pytest.MonkeyPatch.context() as monkeypatch:
            _per_request(monkeypatch)
            each = build_report(ledger, YEAR, breakdowns=(OUTCOMES,), actions_in_totals=actions)
        assert once == each


@attrs.frozen(kw_only=True)
class _Tagged(Request):
    """A subclass of Request: it may read its facts otherwise, so none is taken as known."""

    tag: str = ""


class TestFiguresOfCounts:
    """Each figure's ids are its count's, sorted once a count and shared by its figures."""

    @given(amending_ledgers(), st.booleans())
    def test_each_figure_its_count_s_ids_sorted(self, ledger: list[Request], tagged: bool) -> None:  # noqa: FBT001
        if tagged and ledger:
            ledger = [_Tagged(**attrs.asdict(ledger[0], recurse=False)), *ledger[1:]]
        subtotals = Subtotals.of(ledger, YEAR, breakdowns=(OUTCOMES, CHALLENGES))
        report = subtotals.report(totals=True)
        shared: dict[int, set[int]] = {}  # the id of a count's ids -> those of its figures'
        for table in report.tables:
            for row in table.rows:
                if row.kind is RowKind.SHARES:  # their parts are the row's figures
                    continue
                counts = subtotals.counts[table.key][row.country]
                for column, cell in zip(table.columns, row.cells, strict=True):
                    measure = column.measure
                    pairs: list[tuple[object, Requests | Subjects]]
                    if isinstance(measure, Percent):
                        assert isinstance(cell, Percentage)
                        pairs = [
                            (cell.part, Requests(measure.part)),
                            (cell.whole, Requests(measure.whole)),
                        ]
                    else:
                        pairs = [(cell, measure)]
                    for figure, counted in pairs:
                        assert isinstance(figure, Figure)
                        ids = counts.get(counted, (0, ()))[1]
                        assert figure.ids == tuple(sorted(ids))
                        if list(ids) == sorted(ids):  # in order: the count's own tuple
                            assert figure.ids is ids
                        shared.setdefault(id(ids), set()).add(id(figure.ids))
        assert all(len(tuples) == 1 for tuples in shared.values())

    @given(amending_ledgers())
    def test_cells_of_the_same_requests_share_one_tuple_of_ids(self, ledger: list[Request]) -> None:
        counts = Subtotals.of(ledger, YEAR, breakdowns=(OUTCOMES, CHALLENGES)).counts
        cells = [
            ids for rows in counts.values() for row in rows.values() for _, ids in row.values()
        ]
        by_content: dict[tuple[str, ...], tuple[str, ...]] = {}
        for ids in cells:
            assert by_content.setdefault(ids, ids) is ids  # equal ids: the very same tuple

    def test_a_category_s_requests_and_their_subjects_share_their_ids(self) -> None:
        row = build_report(reference_ledger(), reference_period()).table("device").rows[0]
        requests, subjects = row.cells[0], row.cells[1]
        assert isinstance(requests, Figure)
        assert isinstance(subjects, Figure)
        assert requests.ids == subjects.ids
        assert requests.ids is subjects.ids

    def test_a_request_of_a_subclass_is_counted_as_ever(
        self, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """The shipped predicates' facts are taken as known for a Request only."""
        ledger = list(reference_ledger())
        ledger[5] = _Tagged(**attrs.asdict(ledger[5], recurse=False), tag="t")
        once = build_report(ledger, reference_period(), breakdowns=(OUTCOMES,))
        _per_request(monkeypatch)
        assert build_report(ledger, reference_period(), breakdowns=(OUTCOMES,)) == once


class TestAddingUp:
    """The subtotals of parts add up to the report of the whole."""

    @given(amending_ledgers(), st.integers(1, 5))
    def test_parts_by_id_add_up_to_the_whole(self, ledger: list[Request], parts: int) -> None:
        """Figures, ids, entries and findings, as build_report gives them."""
        whole = reduce(Subtotals.merge, by_id(ledger, parts)).report()

        assert whole == build_report(ledger, YEAR, breakdowns=(OUTCOMES,))

    @given(amending_ledgers(), st.integers(2, 5))
    def test_the_order_of_the_parts_does_not_matter(
        self, ledger: list[Request], parts: int
    ) -> None:
        subtotals = by_id(ledger, parts, provenance=False)

        forwards = reduce(Subtotals.merge, subtotals).report()
        backwards = reduce(Subtotals.merge, reversed(subtotals)).report()

        assert forwards == backwards

    @given(amending_ledgers(), st.integers(1, 5))
    def test_without_provenance_only_the_ids_are_missing(
        self, ledger: list[Request], parts: int
    ) -> None:
        """Same figures, summary, left-out entries, findings and rendering; no ids."""
        expected = build_report(ledger, YEAR, breakdowns=(OUTCOMES,))

        report = reduce(Subtotals.merge, by_id(ledger, parts, provenance=False)).report()

        assert not report.provenance
        assert report.summary == expected.summary
        assert report.entries == expected.left_out()
        assert report.findings == expected.findings
        assert TextRenderer()(report) == TextRenderer()(expected)
        assert JsonRenderer()(report) == JsonRenderer()(expected)
        figures = [
            cell.part if hasattr(cell, "part") else cell
            for table in report.tables
            for row in table.rows
            for cell in row.cells
        ]
        assert all(figure.ids == () for figure in figures)


class TestTable4AcrossParts:
    """Parts of a ledger that name different legal process types add up all the same."""

    @given(
        amending_ledgers(),
        st.integers(2, 5),
        st.lists(st.sampled_from(["investigation_order", "subpoena", "warrant", None]), min_size=1),
    )
    def test_parts_with_other_unregistered_types_add_up_under_a_disclosure_policy(
        self, ledger: list[Request], parts: int, names: list[str | None]
    ) -> None:
        """Each part's Table 4 has the types it counted; signed by name, their atoms add."""
        ids = sorted({request.id for request in ledger})
        process = {request_id: names[at % len(names)] for at, request_id in enumerate(ids)}
        ledger = [attrs.evolve(request, legal_process=process[request.id]) for request in ledger]
        policy = Suppression(3)

        added = reduce(Subtotals.merge, by_id(ledger, parts))

        assert added.atoms == Subtotals.of(ledger, YEAR, breakdowns=(OUTCOMES,)).atoms
        assert added.report(disclosure=policy) == build_report(
            ledger, YEAR, breakdowns=(OUTCOMES,), disclosure=policy
        )

    def test_a_type_named_only_outside_the_period_has_no_column(self) -> None:
        """Counted with a column for every type named, Table 4 keeps those counted."""
        period = reference_period()
        ledger = [
            request if request.received in period else attrs.evolve(request, legal_process="x")
            for request in reference_ledger()
        ]
        expected = Subtotals.of(reference_ledger(), period, breakdowns=(OUTCOMES,))

        subtotals = Subtotals.of(ledger, period, breakdowns=(OUTCOMES,))

        assert subtotals.unregistered == frozenset()
        assert subtotals.atoms == expected.atoms
        assert subtotals.report() == expected.report()


class TestSubtotals:
    """Pickling, size, and what a report without provenance refuses to do."""

    def test_pickled_subtotals_are_equal(self) -> None:
        subtotals = Subtotals.of(reference_ledger(), reference_period(), provenance=False)

        assert pickle.loads(pickle.dumps(subtotals)) == subtotals  # noqa: S301 -- our own bytes

    def test_without_provenance_they_do_not_grow_with_the_requests(self) -> None:
        """Ten copies of the ledger under new ids: the same cells, ten times the counts."""
        ledger = reference_ledger()
        copies = [
            attrs.evolve(request, id=f"{copy}-{request.id}", amends=None)
            for copy in range(10)
            for request in ledger
        ]

        one = Subtotals.of(ledger, reference_period(), provenance=False)
        ten = Subtotals.of(copies, reference_period(), provenance=False)

        assert ten.counts == {
            table: {
                country: {measure: (10 * value, ()) for measure, (value, _) in row.items()}
                for country, row in rows.items()
            }
            for table, rows in one.counts.items()
        }
        assert ten.summary.counted == 10 * one.summary.counted
        assert sorted(entry.id for entry in ten.entries) == sorted(
            f"{copy}-{entry.id}" for copy in range(10) for entry in one.entries
        )

    @pytest.mark.parametrize(
        ("change", "named"),
        [
            ({"period": ReportingPeriod.calendar_year(2019)}, "period"),
            ({"breakdowns": (OUTCOMES,)}, "breakdowns"),
            ({"provenance": False}, "provenance"),
        ],
    )
    def test_subtotals_counted_differently_do_not_add(
        self, change: dict[str, object], named: str
    ) -> None:
        ledger = reference_ledger()
        options: dict[str, object] = {
            "period": reference_period(),
            "breakdowns": (),
            "provenance": True,
            **change,
        }
        first = Subtotals.of(ledger[:100], reference_period())
        second = Subtotals.of(ledger[100:], **options)  # type: ignore[arg-type]

        with pytest.raises(ValueError, match=f"different {named}"):
            first + second

    def test_a_report_without_provenance_cannot_be_traced_or_explained(self) -> None:
        report = Subtotals.of(reference_ledger(), reference_period(), provenance=False).report()

        with pytest.raises(ValueError, match="without provenance"):
            report.trace("IN-2020-D-0019")
        with pytest.raises(ValueError, match="without provenance"):
            ExplainRenderer()(report)
        with pytest.raises(ValueError, match="without provenance"):
            JsonRenderer(provenance=True)(report)

    def test_the_part_of_an_id_is_the_same_in_any_number_of_parts_of_one(self) -> None:
        ids = [request.id for request in reference_ledger()]

        assert {partition_of(request_id, 1) for request_id in ids} == {0}
        assert {partition_of(request_id, 7) for request_id in ids} == set(range(7))
