"""Withheld figures: a banded or suppressed figure reveals nothing beyond its band."""

from __future__ import annotations

import json
from datetime import date
from fractions import Fraction
from typing import TYPE_CHECKING

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from builders import NO_DATA, PROVIDED, imei, make_request, two_countries
from strategies import ledgers
from transparency_core import (
    NOTIFICATION,
    OUTCOMES,
    SHIPPED_BREAKDOWNS,
    Band,
    Banding,
    CsvRenderer,
    ExplainRenderer,
    Figure,
    Identifier,
    JsonRenderer,
    MarkdownRenderer,
    Percentage,
    ReportingPeriod,
    Suppressed,
    Suppression,
    SvgRenderer,
    TextRenderer,
    Withheld,
    build_report,
    compare,
    default_categories,
)
from transparency_core.exceptions import DisclosureError

if TYPE_CHECKING:
    from collections.abc import Hashable, Iterable

    from transparency_core import Breakdown, Report, Request

YEAR = ReportingPeriod.calendar_year(2020)
WITHHELD = Withheld()


def _rank(rows: list[dict[Hashable, Fraction]]) -> int:
    """The rank of sparse rows, by plain Gaussian elimination over fractions."""
    rows = [dict(row) for row in rows if row]
    rank = 0
    while rows:
        pivot_row = rows.pop()
        if not pivot_row:
            continue
        pivot, value = next(iter(pivot_row.items()))
        rank += 1
        for row in rows:
            factor = row.get(pivot)
            if factor:
                for key, entry in pivot_row.items():
                    row[key] = row.get(key, Fraction(0)) - factor * entry / value
                    if not row[key]:
                        del row[key]
    return rank


def _figures(report: Report) -> Iterable[tuple[Figure, bool, bool]]:
    """Every figure of a report: (figure, is it published exactly, does it count subjects)."""
    for table in report.tables:
        for row in table.rows:
            for column, cell in zip(table.columns, row.cells, strict=True):
                if isinstance(cell, Percentage):
                    published = cell.value is not None
                    yield cell.part, published and cell.part.shown is None, False
                    yield cell.whole, published and cell.whole.shown is None, False
                else:
                    subjects = type(column.measure).__name__ == "Subjects"
                    yield cell, cell.shown is None, subjects
    for figure in (report.cross_border.total, *(f for _, f in report.cross_border.by_country)):
        yield figure, figure.shown is None, False


def recoverable(report: Report, ledger: Iterable[Request]) -> list[Figure]:
    """The banded or suppressed figures that sums of the published ones give exactly.

    An oracle written apart from the library: the requests that are in exactly the same
    figures (found from the figures' ids) are one unknown; a figure is a sum of unknowns.
    """
    figures = list(_figures(report))
    membership: dict[str, set[int]] = {}
    for index, (figure, _, _) in enumerate(figures):
        for request_id in figure.ids:
            membership.setdefault(request_id, set()).add(index)
    atom = {request_id: frozenset(found) for request_id, found in membership.items()}

    def vector(figure: Figure, subjects: bool) -> dict[Hashable, Fraction]:  # noqa: FBT001
        return {(subjects, atom[request_id]): Fraction(1) for request_id in figure.ids}

    published = [vector(f, s) for f, exact, s in figures if exact]
    base = _rank(published)
    # A suppressed zero may hold requests for all a reader knows ("< 2" is 0 or 1), but
    # not for this oracle, which knows only the atoms that occur: it judges the
    # countries without one (tests/test_bounds.py's reader judges them all).
    zeros = _zero_countries(report)
    countries = {request.id: request.country for request in ledger}
    return [
        figure
        for figure, _, subjects in figures
        if isinstance(figure.shown, Band | Suppressed)
        and figure.ids
        and countries.get(figure.ids[0]) not in zeros
        and _rank([*published, vector(figure, subjects)]) == base
    ]


def _zero_countries(report: Report) -> set[str]:
    """The countries with a banded or suppressed figure of zero."""
    found: set[str] = set()
    for table in report.tables:
        for row in table.rows:
            for cell in row.cells:
                for figure in (cell.part, cell.whole) if isinstance(cell, Percentage) else (cell,):
                    if isinstance(figure.shown, Band | Suppressed) and not figure.value:
                        found.add(row.country)
    for country, figure in report.cross_border.by_country:
        if isinstance(figure.shown, Band | Suppressed) and not figure.value:
            found.add(country)
    return found


def _count(cell: Figure | Percentage) -> Figure:
    """The cell, which must be a count."""
    assert isinstance(cell, Figure)
    return cell


def _device(request_id: str, country: str, **fields: object) -> Request:
    return make_request(request_id, country=country, received=date(2020, 3, 2), **fields)


def _account(request_id: str, country: str, **fields: object) -> Request:
    email = Identifier("email", f"{request_id.lower()}@example.org")
    return _device(request_id, country, category="account", identifiers=[email], **fields)


class TestComplementarySuppression:
    """Published figures that would give a withheld one away are withheld too."""

    def test_table_4_shares_and_the_other_type(self) -> None:
        """1 investigation order of 12: the 11 other court orders and the shares go too."""
        ledger = [
            _device(
                f"IN-{n}", "IN", legal_process="other_court_order" if n else "investigation_order"
            )
            for n in range(12)
        ]
        report = build_report(ledger, YEAR, disclosure=Suppression(10))
        table = report.table("legal_process")

        assert [_count(cell).shown for cell in table.rows[0].cells] == [Suppressed(10), WITHHELD]
        assert [cell.value for cell in table.rows[1].cells] == [None, None]
        assert report.table("device").cell("IN", "requests") == Figure(
            12, tuple(sorted(f"IN-{n}" for n in range(12)))
        )
        assert recoverable(report, ledger) == []

    def test_a_breakdown_across_categories(self) -> None:
        """Outcomes summed over categories would give a suppressed device count away."""
        ledger = [
            *(_device(f"D-{n}", "IN", response=NO_DATA) for n in range(3)),
            *(_account(f"A-{n}", "IN", response=NO_DATA if n % 2 else PROVIDED) for n in range(30)),
        ]
        plain = build_report(ledger, YEAR, breakdowns=[OUTCOMES])
        report = build_report(ledger, YEAR, breakdowns=[OUTCOMES], disclosure=Suppression(10))

        assert recoverable(plain, ledger) == []  # nothing is withheld, nothing to recover
        assert _count(report.table("device").cell("IN", "requests")).shown == Suppressed(10)
        assert _count(report.table("outcomes").cell("IN", "no_data")).shown == WITHHELD
        assert recoverable(report, ledger) == []

    def test_the_cross_border_total(self) -> None:
        """With one country's figure suppressed, the total would be it plus the others."""
        ledger = [
            *(_device(f"IN-{n}", "IN", data_country="SG") for n in range(3)),
            *(_device(f"FR-{n}", "FR", data_country="DE") for n in range(20)),
        ]
        report = build_report(ledger, YEAR, disclosure=Suppression(10))

        assert dict(report.cross_border.by_country)["IN"].shown == Suppressed(10)
        assert dict(report.cross_border.by_country)["FR"].shown is None
        assert report.cross_border.total.shown == WITHHELD
        assert recoverable(report, ledger) == []

    def test_a_cross_border_total_that_pins_its_parts(self) -> None:
        """18 in all, France and India each "< 10": each would be 9, so the total goes."""
        ledger = [
            *(_device(f"IN-{n}", "IN", data_country="SG") for n in range(9)),
            *(_device(f"FR-{n}", "FR", data_country="DE") for n in range(9)),
        ]
        report = build_report(ledger, YEAR, disclosure=Suppression(10))

        assert report.cross_border.total.shown == WITHHELD
        text = " ".join(TextRenderer()(report).split())
        assert "Cross-border requests received: withheld (France < 10 and India < 10)." in text

    def test_the_ledger_summary_is_not_published(self) -> None:
        """35 requests counted, 30 of them devices, would give the 5 accounts away."""
        ledger = [
            *(_device(f"D-{n}", "ES") for n in range(30)),
            *(_account(f"A-{n}", "ES") for n in range(5)),
        ]
        report = build_report(ledger, YEAR, disclosure=Suppression(10))
        text = " ".join(TextRenderer()(report).split())

        assert "35" not in text
        assert (
            "The numbers of ledger records and of requests counted are not published, as they "
            "would let a reader compute a withheld figure."
        ) in text
        summary = json.loads(JsonRenderer()(report))["periods"][0]["summary"]
        assert [summary[name] for name in ("records", "requests", "counted")] == [None] * 3
        assert [reason["requests"] for reason in summary["left_out"]] == [None, None]

    def test_the_subjects_of_withheld_requests(self) -> None:
        """Every request names a device at least: the devices would bound the requests."""
        ledger = [_device(f"IN-{n}", "IN") for n in range(3)]
        phones = [imei(f"35693803564{n:04}") for n in range(20)]
        ledger.append(_device("IN-many", "IN", identifiers=phones))
        report = build_report(ledger, YEAR, disclosure=Suppression(10))
        table = report.table("device")

        assert _count(table.cell("IN", "requests")).shown == Suppressed(10)
        assert _count(table.cell("IN", "subjects")).shown == WITHHELD

    @settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(
        ledger=ledgers(max_size=25),
        threshold=st.integers(1, 6),
        breakdowns=st.lists(st.sampled_from(SHIPPED_BREAKDOWNS), unique=True, max_size=3),
    )
    def test_no_suppressed_figure_can_be_computed(
        self, ledger: list[Request], threshold: int, breakdowns: list[Breakdown]
    ) -> None:
        """Whatever the ledger: sums of the published figures give no suppressed one."""
        ledger = two_countries(ledger)
        report = build_report(
            ledger, YEAR, breakdowns=breakdowns, disclosure=Suppression(threshold)
        )

        assert recoverable(report, ledger) == []

    @settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(ledger=ledgers(max_size=25), banded=st.sampled_from(["device", "account"]))
    def test_no_banded_category_can_be_computed(self, ledger: list[Request], banded: str) -> None:
        """A category published in bands is not given away by the exact tables beside it."""
        categories = [
            attrs.evolve(category, disclosure=Banding(100)) if category.name == banded else category
            for category in default_categories()
            if category.name in {"device", "financial_identifier", "account"}
        ]
        ledger = two_countries(ledger)
        report = build_report(ledger, YEAR, categories=categories, breakdowns=[NOTIFICATION])

        assert recoverable(report, ledger) == []


class TestNothingBeyondTheBand:
    """No renderer shows a withheld figure's value, ids or percentage."""

    LEDGER = (
        _device("IN-1", "IN", data_country="SG"),
        _device("IN-2", "IN", legal_process="other_court_order"),
        *(_device(f"FR-{n}", "FR") for n in range(12)),
    )

    def report(self) -> Report:
        return build_report(self.LEDGER, YEAR, disclosure=Suppression(10))

    def test_json_with_ids_is_refused(self) -> None:
        """Ids of any figure, or the entries, would count a withheld one: no ids at all."""
        with pytest.raises(DisclosureError) as caught:
            JsonRenderer(provenance=True)(self.report())

        assert str(caught.value).startswith(
            "a report with banded, suppressed or withheld figures is published without request ids"
        )
        data = json.loads(JsonRenderer()(self.report()))["periods"][0]
        india = next(row for row in data["tables"][0]["rows"] if row["country"] == "IN")
        assert india["cells"]["requests"] == {"published": {"below": 10}}
        assert data["cross_border"]["total"] == {"published": {"below": 10}}

    def test_the_explain_view_shows_what_is_published(self) -> None:
        """Not the exact count, not the ids."""
        lines = ExplainRenderer()(self.report()).splitlines()
        india = [line for line in lines if line.startswith("India, ")]

        assert (
            "India, Worldwide Government Device Requests, Number of Device-based Requests: "
            "published as < 10"
        ) in india
        assert all("IN-1" not in line and "IN-2" not in line for line in india)

    def test_cross_border_is_published_under_the_policy(self) -> None:
        """Not "1 cross-border request: India 1"; with none, no country says so anyway."""
        text = TextRenderer()(self.report())

        assert "Cross-border requests received: < 10 (India < 10)." in text
        none = build_report(self.LEDGER[1:], YEAR, disclosure=Suppression(10))
        assert "We did not receive any cross-border requests." in TextRenderer()(none)

    def test_every_format_hides_the_exact_counts(self) -> None:
        """India's 2 requests and 1 cross-border request appear in no output."""
        report = self.report()
        for render in (TextRenderer(), MarkdownRenderer(), CsvRenderer()):
            india = [line for line in render(report).splitlines() if "India" in line]
            assert india, render
            assert all(" 2 " not in line and ",2," not in line for line in india), render

    def test_the_chart_scale_ignores_withheld_counts(self) -> None:
        """A withheld count sets no bar's width: France's bar is as wide as when alone."""
        france = [_device(f"FR-{n}", "FR") for n in range(20)]
        alone = build_report(france, YEAR)
        beside = build_report([*france, *(_device(f"CN-{n}", "CN") for n in range(90))], YEAR)
        device = beside.table("device")
        china = device.rows[0]
        hidden = attrs.evolve(
            china,
            cells=tuple(
                Percentage(attrs.evolve(c.part, shown=WITHHELD), c.whole, None)
                if isinstance(c, Percentage)
                else c
                for c in china.cells
            ),
        )
        tables = (attrs.evolve(device, rows=(hidden, *device.rows[1:])), *beside.tables[1:])
        chart = SvgRenderer()(attrs.evolve(beside, tables=tables))

        assert _bar_widths(chart, "France") == _bar_widths(SvgRenderer()(alone), "France")


def _bar_widths(svg: str, name: str) -> list[str]:
    """The widths of the bars labelled ``name``."""
    group = svg[svg.index(f'aria-label="{name}') :]
    group = group[: group.index("</g>")]
    return [part.split('"')[1] for part in group.split('width="')[1:]]


class TestComparisons:
    """Two years side by side publish no difference of a withheld figure."""

    def test_no_difference_of_a_suppressed_count(self) -> None:
        """3 then 7 device requests: both "< 10", and no "+4"."""
        before = build_report(
            [_device(f"D-{n}", "IN") for n in range(3)], YEAR, disclosure=Suppression(10)
        )
        later = ReportingPeriod.calendar_year(2021)
        after = build_report(
            [make_request(f"E-{n}", country="IN", received=date(2021, 3, 1)) for n in range(7)],
            later,
            disclosure=Suppression(10),
        )
        comparison = compare(before, after)

        assert comparison.change("device", "IN", "requests").difference is None
        rows = [
            line for line in TextRenderer().comparison(comparison).splitlines() if "India" in line
        ]
        assert rows
        assert not [row for row in rows if "+4" in row or " 3 " in row or " 7 " in row]
