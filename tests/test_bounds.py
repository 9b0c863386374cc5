"""Bounds: no withheld figure can be narrowed past its band by a reader's linear programme.

Two oracles written apart from the library: the vertices of small polytopes found by
brute force (for the simplex method), and a reader's linear programme solved by SciPy's
HiGHS over every request a reader could imagine (for whole reports).
"""

from __future__ import annotations

import functools
import itertools
from datetime import date
from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from scipy.optimize import linprog  # type: ignore[import-untyped]

from builders import NO_DATA, imei, make_request, two_countries
from strategies import ledgers
from transparency_core import (
    BASIS,
    CHALLENGES,
    OUTCOMES,
    SHIPPED_BREAKDOWNS,
    Action,
    Band,
    DataKind,
    Figure,
    Identifier,
    Notification,
    Outcome,
    Percentage,
    ReportingPeriod,
    Request,
    Response,
    RowKind,
    Subjects,
    Suppressed,
    Suppression,
    Withheld,
    build_report,
)
from transparency_core._bounds import Audit, Bound
from transparency_core._simplex import Polytope
from transparency_core.exceptions import TransparencyError

if TYPE_CHECKING:
    from collections.abc import Hashable, Sequence

    from transparency_core import Breakdown, Report
    from transparency_core._disclosure import Disclosure

YEAR = ReportingPeriod.calendar_year(2020)
TOLERANCE = 1e-6


# -- the simplex method against the vertices of small polytopes ------------------------


def _unique(rows: list[list[Fraction]], values: list[Fraction]) -> list[Fraction] | None:
    """The one solution of ``rows · x = values``, by Gauss-Jordan elimination, or None.

    None when there is none, or more than one.
    """
    width = len(rows[0]) if rows else 0
    matrix = [[*row, value] for row, value in zip(rows, values, strict=True)]
    rank = 0
    for column in range(width):
        pivot = next((r for r in range(rank, len(matrix)) if matrix[r][column]), None)
        if pivot is None:
            return None  # a free variable: more than one solution, or none
        matrix[rank], matrix[pivot] = matrix[pivot], matrix[rank]
        for r in range(len(matrix)):
            if r != rank and matrix[r][column]:
                factor = matrix[r][column] / matrix[rank][column]
                matrix[r] = [a - factor * b for a, b in zip(matrix[r], matrix[rank], strict=True)]
        rank += 1
    if any(row[width] for row in matrix[rank:]):
        return None  # inconsistent
    return [matrix[r][width] / matrix[r][r] for r in range(width)]


def _vertices(equations: Sequence[tuple[dict[int, int], int]], size: int) -> list[list[Fraction]]:
    """Every vertex of {x >= 0 : each equation holds}: brute force over which are zero."""
    found = []
    for count in range(size + 1):
        for zeros in itertools.combinations(range(size), count):
            free = [j for j in range(size) if j not in zeros]
            rows = [[Fraction(equation.get(j, 0)) for j in free] for equation, _ in equations]
            solution = _unique(rows, [Fraction(value) for _, value in equations]) if free else []
            if solution is None or any(value < 0 for value in solution):
                continue
            point = [Fraction(0)] * size
            for j, value in zip(free, solution, strict=True):
                point[j] = value
            if all(sum(k * point[j] for j, k in e.items()) == v for e, v in equations):
                found.append(point)
    return found


@st.composite
def polytopes(draw: st.DrawFn) -> tuple[list[tuple[dict[int, int], int]], int, dict[int, int]]:
    """A small bounded system with a whole-number point in it, and a cost."""
    size = draw(st.integers(2, 6))
    point = draw(st.lists(st.integers(0, 5), min_size=size, max_size=size))
    equations = []
    for _ in range(draw(st.integers(1, min(3, size)))):
        coefficients = draw(st.lists(st.integers(-2, 2), min_size=size, max_size=size))
        equations.append(
            (dict(enumerate(coefficients)), sum(map(int.__mul__, coefficients, point)))
        )
    # A bounding row (sum <= limit, with a slack of its own) keeps every optimum finite.
    slack = size
    bound = dict.fromkeys(range(size), 1) | {slack: 1}
    equations.append((bound, sum(point) + draw(st.integers(0, 3))))
    cost = dict(enumerate(draw(st.lists(st.integers(-3, 3), min_size=size, max_size=size))))
    return equations, size + 1, cost


class TestSimplex:
    """The simplex method finds what brute force over the vertices finds."""

    @settings(max_examples=300, deadline=None)
    @given(polytopes())
    def test_the_least_is_the_least_vertex(
        self, polytope: tuple[list[tuple[dict[int, int], int]], int, dict[int, int]]
    ) -> None:
        """Whatever the system: the least over the vertices, at a point that meets it."""
        equations, size, cost = polytope
        found = Polytope(equations, size).least(cost)
        vertices = _vertices(equations, size)

        assert found is not None
        least, point = found
        assert least == min(sum(cost.get(j, 0) * x[j] for j in range(size)) for x in vertices)
        assert all(value >= 0 for value in point)
        for equation, value in equations:
            assert sum(k * point[j] for j, k in equation.items()) == value


class TestAudit:
    """A withheld figure narrowed past its band is found; one that is not is left."""

    def test_eighteen_requests_of_two_types_under_ten(self) -> None:
        """Both types are 9: the sum pins them."""
        a, b = frozenset({"a"}), frozenset({"b"})
        audit = Audit([(a | b, 18)], [Bound(a, 0, 9), Bound(b, 0, 9)], {"a": 9, "b": 9})

        assert (audit.pins(0), audit.pins(1)) == (True, True)

    def test_a_band_that_narrows_another(self) -> None:
        """Of 12, with the other "< 10", one is at least 3: narrowed."""
        a, b = frozenset({"a"}), frozenset({"b"})
        audit = Audit([(a | b, 12)], [Bound(a, 0, 9), Bound(b, 0, 9)], {"a": 3, "b": 9})

        assert audit.pins(0)

    def test_subjects_are_at_least_their_requests(self) -> None:
        """9 requests "< 10" with 9 devices published: the requests are at most 9 (free)."""
        requests, subjects = ("r", "x"), ("s", "x")
        audit = Audit(
            [(frozenset({subjects}), 2)],
            [Bound(frozenset({requests}), 0, 9)],
            {requests: 2, subjects: 2},
            [(requests, subjects)],
        )

        assert audit.pins(0)  # two devices published: at most two requests

    def test_a_figure_that_nothing_pins(self) -> None:
        """Of 30, one part "< 10": the other can be 21 to 30, so it is 0 to 9."""
        a, b = frozenset({"a"}), frozenset({"b"})

        assert not Audit([(a | b, 30)], [Bound(a, 0, 9)], {"a": 3, "b": 27}).pins(0)


# -- whole reports against a reader's linear programme ----------------------------------


def _responses() -> list[Response]:
    """Every response a reader could imagine."""
    found = []
    for outcome, data, challenged, notified, action in itertools.product(
        Outcome, (None, *DataKind), (False, True), (None, *Notification), (None, *Action)
    ):
        try:
            found.append(Response(outcome, data, challenged, notified, action))
        except TransparencyError:
            continue
    return found


@functools.cache
def _imagined(countries: tuple[str, ...], breakdowns: tuple[Breakdown, ...]) -> Report:
    """A report of every request a reader could imagine, one of each, with their ids."""
    processes = (None, "investigation_order", "other_court_order")
    requests = [
        Request(
            id=f"imagined-{number}",
            received=date(2020, 6, 1),
            country=country,
            category=category,
            identifiers=[Identifier("imei", "490154203237518")],
            response=response,
            legal_process=process,
            emergency=emergency,
            data_country="SG" if border else None,
        )
        for number, (country, category, response, process, emergency, border) in enumerate(
            itertools.product(
                countries,
                ("device", "financial_identifier", "account"),
                _responses(),
                processes,
                (False, True),
                (False, True),
            )
        )
    ]
    return build_report(requests, YEAR, breakdowns=breakdowns)


def _cells(report: Report) -> dict[Hashable, tuple[Figure | Percentage, bool]]:
    """Every cell of a report by where it is, and whether it counts subjects.

    Where: table, row kind, country, column; or the cross-border total and countries.
    """
    cells: dict[Hashable, tuple[Figure | Percentage, bool]] = {}
    for table in report.tables:
        for row in table.rows:
            for c, (column, cell) in enumerate(zip(table.columns, row.cells, strict=True)):
                subjects = isinstance(column.measure, Subjects)
                cells[table.key, row.kind, row.country, c] = (cell, subjects)
    cells["cross_border"] = (report.cross_border.total, False)
    for country, figure in report.cross_border.by_country:
        cells["cross_border", country] = (figure, False)
    return cells


def _figure_cells(report: Report) -> dict[Hashable, tuple[Figure, bool]]:
    """Every count of a report, with whether it counts subjects."""
    found: dict[Hashable, tuple[Figure, bool]] = {}
    for key, (cell, subjects) in _cells(report).items():
        if isinstance(cell, Percentage):
            found[key, "part"] = (cell.part, False)
            found[key, "whole"] = (cell.whole, False)
        else:
            found[key] = (cell, subjects)
    return found


def _kinds(
    keys: Sequence[Hashable], *sources: dict[Hashable, tuple[Figure, bool]]
) -> list[frozenset[int]]:
    """The kinds of request: the sets of counts (by place in ``keys``) that hold one."""
    membership: dict[str, set[int]] = {}
    for index, key in enumerate(keys):
        for source in sources:
            if key in source:
                for request_id in source[key][0].ids:
                    membership.setdefault(request_id, set()).add(index)
    return sorted({frozenset(found) for found in membership.values()}, key=sorted)


class _Reader:
    """A reader's linear programme: unknowns are the requests of each kind, and subjects.

    A kind is a set of requests (of the ledger, or imagined) that fall in exactly the
    same counts; each has its requests and its subjects beyond one per request.
    """

    def __init__(self, report: Report, imagined: Report, *, listing: bool = True) -> None:
        real, every = _figure_cells(report), _figure_cells(imagined)
        keys = sorted(set(real) | set(every), key=repr)
        kinds = _kinds(keys, real, every)
        self.size = 2 * len(kinds)
        self.rows: dict[Hashable, list[float]] = {}
        for index, key in enumerate(keys):
            subjects = (real.get(key) or every[key])[1]
            row = [0.0] * self.size
            for k, kind in enumerate(kinds):
                if index in kind:
                    row[2 * k] = 1.0
                    row[2 * k + 1] = 1.0 if subjects else 0.0
            self.rows[key] = row
        # A row the report does not have: none of its requests (rule 8).
        self.equal = [(self.rows[key], 0.0) for key in keys if key not in real]
        self.absent = len(self.equal)
        self.below: list[tuple[list[float], float]] = []
        for key, (figure, _) in real.items():
            if figure.shown is None:
                self.equal.append((self.rows[key], float(figure.value)))
            elif (band := _band(figure, None)) is not None:  # what is shown: its band
                low, high = band
                self.below.append((self.rows[key], float(high)))
                self.below.append(([-v for v in self.rows[key]], -float(low)))
        self._percentages(report)
        self.listing: list[tuple[list[float], float]] = []
        if listing:
            self._listed(report, keys, kinds)

    def _listed(
        self, report: Report, keys: Sequence[Hashable], kinds: Sequence[frozenset[int]]
    ) -> None:
        """A listed row holds one request at least (rule 8).

        So does a listed country's cross-border figure.
        """
        listed: list[Hashable] = [
            (table.key, RowKind.COUNTS, row.country)
            for table in report.tables
            for row in table.rows
            if row.kind is RowKind.COUNTS
        ]
        listed += [("cross_border", country) for country, _ in report.cross_border.by_country]
        for row in listed:
            indices = {index for index, key in enumerate(keys) if _row_of(key) == row}
            vector = [0.0] * self.size
            for k, kind in enumerate(kinds):
                if kind & indices:
                    vector[2 * k] = -1.0
            self.listing.append((vector, -1.0))

    def _percentages(self, report: Report) -> None:
        """A published percentage: its part is within a unit of the last place of it."""
        unit = Decimal(1).scaleb(-report.rounding.places)
        for key, (cell, _) in _cells(report).items():
            if isinstance(cell, Percentage) and cell.value is not None:
                part, whole = self.rows[key, "part"], self.rows[key, "whole"]
                for bound, sign in ((cell.value + unit, 1), (cell.value - unit, -1)):
                    ratio = float(bound) / 100
                    self.below.append(
                        ([sign * (p - ratio * w) for p, w in zip(part, whole, strict=True)], 0.0)
                    )

    def extremes(self, key: Hashable, *, published: bool = True) -> tuple[float, float]:
        """The least and the most the count ``key`` can be.

        Without ``published``, from which rows the tables list alone (rule 8): none of
        the requests of a row not listed, one at least of a row listed.
        """
        row = self.rows[key]
        below = self.listing + (self.below if published else [])
        equal = self.equal if published else self.equal[: self.absent]
        found = []
        for sign in (1, -1):
            result = linprog(
                [sign * v for v in row],
                A_ub=[r for r, _ in below] or None,
                b_ub=[b for _, b in below] or None,
                A_eq=[r for r, _ in equal] or None,
                b_eq=[b for _, b in equal] or None,
                bounds=(0, None),
                method="highs",
            )
            if result.status == 3:  # unbounded (only the most, without the published)
                found.append(float("inf") if sign < 0 else float("-inf"))
                continue
            assert result.status == 0, result.message  # the ledger itself is a solution
            found.append(sign * result.fun)
        return found[0], found[1]


def _row_of(key: Hashable) -> Hashable:
    """The row a count's key is in: (table, kind, country), or a cross-border figure."""
    cell = key[0] if isinstance(key, tuple) and isinstance(key[0], tuple) else key
    if isinstance(cell, tuple) and len(cell) == 4:
        return cell[:3]
    return cell


def _band(figure: Figure, policy: Disclosure | None) -> tuple[int, int] | None:
    """The band a figure must stay free in: its own, or the policy's for its value.

    A figure whose band would, with the others, narrow a withheld one is shown as
    withheld only; it still must not be narrowed past the band its policy gives it.
    """
    shown = figure.shown
    if isinstance(shown, Withheld) and policy is not None:
        published = policy.publish(figure.value)
        shown = None if isinstance(published, int) else published
    match shown:
        case Band(low=low, high=high):
            return low, high
        case Suppressed(threshold=threshold):
            return 0, threshold - 1
    return None


def narrowed(
    report: Report,
    breakdowns: Sequence[Breakdown],
    *,
    listing: bool = True,
    policy: Disclosure | None = None,
) -> list[tuple[Hashable, float, float]]:
    """The banded or suppressed counts a reader can narrow past their bands.

    Past what the band and the rows listed say: a country without a row in Table 4 had
    no request on a legal process, so a count of such requests is 0 whatever is shown.
    With ``policy`` (the report's), a count shown as withheld that the policy would band
    or suppress is held to that band too.
    """
    countries = tuple(sorted({row.country for t in report.tables for row in t.rows}))
    reader = _Reader(report, _imagined(countries, tuple(breakdowns)), listing=listing)
    found = []
    for key, (figure, _) in _figure_cells(report).items():
        band = _band(figure, policy)
        if band is not None:
            floor, ceiling = reader.extremes(key, published=False)
            low, high = max(band[0], floor), min(band[1], ceiling)
            least, most = reader.extremes(key)
            if least > low + TOLERANCE or most < high - TOLERANCE:
                found.append((key, least, most))
    return found


EMAIL = Identifier("email", "jane.doe@example.com")


def _device(request_id: str, **fields: object) -> Request:
    return make_request(request_id, country="IN", identifiers=[imei(request_id)], **fields)


class TestReports:
    """Reports whose withheld figures a reader could narrow, and the figures withheld."""

    def test_eighteen_requests_of_two_types_under_ten(self) -> None:
        """18 on legal process, "< 10" of each type: the 18 of Table 5 would pin both at 9.

        The device count of 18 would not: a reader cannot tell that every device
        request was on a legal process (some could be on none), so it is published.
        """
        ledger = [
            _device(
                f"IN-{n}", legal_process="investigation_order" if n < 9 else "other_court_order"
            )
            for n in range(18)
        ]
        plain = build_report(ledger, YEAR, disclosure=Suppression(10))
        basis = build_report(ledger, YEAR, disclosure=Suppression(10), breakdowns=[BASIS])

        requests = plain.table("device").cell("IN", "requests")
        assert isinstance(requests, Figure)
        assert (requests.value, requests.shown) == (len(ledger), None)
        on_process = basis.table(BASIS.key).cell("IN", "legal_process")
        assert isinstance(on_process, Figure)
        assert isinstance(on_process.shown, Withheld)
        assert narrowed(plain, [], policy=Suppression(10)) == []
        assert narrowed(basis, [BASIS], policy=Suppression(10)) == []

    def test_a_zero_that_a_published_count_would_pin(self) -> None:
        """15 requests, 15 with no data: the data-provided "< 10" would be 0."""
        ledger = [_device(f"IN-{n}", response=NO_DATA) for n in range(15)]
        report = build_report(ledger, YEAR, disclosure=Suppression(10), breakdowns=[OUTCOMES])
        provided = report.table("device").cell("IN", "provided")
        no_data = report.table(OUTCOMES.key).cell("IN", "no_data")

        assert isinstance(provided, Figure)
        assert (provided.value, provided.shown) == (0, Suppressed(10))
        assert isinstance(no_data, Figure)
        assert no_data.withheld or report.table("device").cell("IN", "requests").withheld
        assert narrowed(report, [OUTCOMES], policy=Suppression(10)) == []

    @settings(
        max_examples=40,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow],
    )
    @given(
        ledger=ledgers(max_size=25),
        threshold=st.integers(2, 8),
        breakdowns=st.lists(st.sampled_from(SHIPPED_BREAKDOWNS), unique=True, max_size=2),
    )
    def test_no_withheld_figure_can_be_narrowed(
        self, ledger: list[Request], threshold: int, breakdowns: list[Breakdown]
    ) -> None:
        """Whatever the ledger: the reader's programme reaches both ends of every band."""
        ledger = two_countries(ledger)
        report = build_report(
            ledger, YEAR, breakdowns=breakdowns, disclosure=Suppression(threshold)
        )

        assert narrowed(report, breakdowns, policy=Suppression(threshold)) == []


def _published_after_all(report: Report) -> Report:
    """``report`` with every count withheld to protect another published after all."""

    def shown(cell: Figure | Percentage) -> Figure | Percentage:
        if isinstance(cell, Figure) and isinstance(cell.shown, Withheld):
            return attrs.evolve(cell, shown=None)
        return cell

    return attrs.evolve(
        report,
        tables=tuple(
            attrs.evolve(
                table,
                rows=tuple(
                    attrs.evolve(row, cells=tuple(shown(cell) for cell in row.cells))
                    for row in table.rows
                ),
            )
            for table in report.tables
        ),
    )


class TestFromTheReview:
    """What a hostile review of the check found a reader could narrow."""

    def test_an_emergency_zero_without_a_legal_process(self) -> None:
        """24 requests, none on a legal process, all "other": the emergency "< 10" is 0."""
        ledger = [_device(f"IN-{n}") for n in range(24)]
        report = build_report(ledger, YEAR, disclosure=Suppression(10), breakdowns=[BASIS])

        assert narrowed(report, [BASIS], policy=Suppression(10)) == []

    def test_listed_countries_have_a_cross_border_request_each(self) -> None:
        """Nine countries listed "< 10", a total of 10: each would be 1 or 2."""
        ledger = [
            make_request(f"{c}-{n}", country=c, identifiers=[imei(f"{c}{n}")], **border)
            for i, c in enumerate(["AR", "BR", "CL", "DE", "ES", "FR", "IN", "JP", "SE"])
            for n, border in enumerate([{"data_country": "SG"}] * (2 if i == 0 else 1) + [{}] * 12)
        ]
        report = build_report(ledger, YEAR, disclosure=Suppression(10))

        assert report.cross_border.total.withheld
        assert narrowed(report, [], policy=Suppression(10)) == []

    def test_listed_rows_have_a_request_each(self) -> None:
        """A device and an account request: with the total "< 10", each is at most 8.

        Nothing published shares a request with them: the band of the total is what
        goes, shown as withheld only, wherever the total is shown.
        """
        ledger = [
            _device("IN-1"),
            make_request("IN-2", country="IN", category="account", identifiers=[EMAIL]),
        ]
        report = build_report(ledger, YEAR, disclosure=Suppression(10), breakdowns=[CHALLENGES])

        assert narrowed(report, [CHALLENGES], policy=Suppression(10)) == []
        assert narrowed(report, [CHALLENGES]) == []
        unbanded = [
            (key, figure.value)
            for key, (figure, _) in _figure_cells(report).items()
            if isinstance(figure.shown, Withheld)
        ]
        assert unbanded
        assert all(value < 10 for _, value in unbanded)  # each one the policy suppresses


class TestTheOracle:
    """The reader's programme finds what it should: it is not one that finds nothing."""

    def test_it_narrows_what_complementary_suppression_withholds(self) -> None:
        """18 on legal process, 9 of each type: published, the 18 would pin both at 9."""
        ledger = [
            _device(
                f"IN-{n}", legal_process="investigation_order" if n < 9 else "other_court_order"
            )
            for n in range(18)
        ]
        report = build_report(ledger, YEAR, disclosure=Suppression(10), breakdowns=[BASIS])

        assert narrowed(report, [BASIS], policy=Suppression(10)) == []
        after_all = _published_after_all(report)
        found = {key: (least, most) for key, least, most in narrowed(after_all, [BASIS])}

        assert found[("legal_process", RowKind.COUNTS, "IN", 0)] == pytest.approx((9, 9))
        assert found[("legal_process", RowKind.COUNTS, "IN", 1)] == pytest.approx((9, 9))
