"""Verification: a report recounted from its ledger; a changed ledger, setting or figure."""

from __future__ import annotations

import hashlib
import io
import json
import pickle
import re
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from builders import make_record, make_request
from strategies import ledgers
from test_render_json import OPTIONS
from transparency_core import (
    DEFAULT_CATEGORIES,
    Category,
    Column,
    JsonRenderer,
    ReportingPeriod,
    Request,
    Suppression,
    build_report,
    build_series,
    ledger_digest,
    reference_ledger,
    reference_period,
    structure_ledger,
    verify,
)
from transparency_core._cli._main import EXIT_BAD_INPUT, EXIT_OK, main
from transparency_core._edge import canonical_ledger, unstructure_ledger
from transparency_core.exceptions import InvalidReportError

if TYPE_CHECKING:
    from collections.abc import Sequence

YEAR = ReportingPeriod.calendar_year(2020)
ROOT = Path(__file__).parent.parent


def published(ledger: Sequence[Request], **options: Any) -> dict[str, Any]:
    """The version 2 JSON of the report of ``ledger``, as a reader gets it."""
    report = build_report(ledger, YEAR, **options, ledger_digest=ledger_digest(ledger))
    data: dict[str, Any] = json.loads(JsonRenderer()(report))
    return data


def _cell(data: dict[str, Any], table: str, country: str, column: str) -> dict[str, Any]:
    tables = {t["key"]: t for t in data["periods"][0]["tables"]}
    row = next(r for r in tables[table]["rows"] if (r["country"], r["kind"]) == (country, "counts"))
    cell: dict[str, Any] = row["cells"][column]
    return cell


class TestTheDigest:
    """The canonical ledger: one for the same records in any order and any spelling."""

    def test_it_is_the_sorted_digests_of_the_canonical_records(self) -> None:
        """The SHA-256 of each shortest record's canonical JSON, sorted, a line each."""
        ledger = reference_ledger()
        records = [
            json.dumps(record, sort_keys=True, separators=(",", ":")).encode("ascii")
            for record in unstructure_ledger(ledger)
        ]
        lines = sorted(hashlib.sha256(record).hexdigest() + "\n" for record in records)
        expected = "".join(lines).encode("ascii")

        assert canonical_ledger(ledger) == expected
        assert ledger_digest(ledger) == hashlib.sha256(expected).hexdigest()
        assert (
            published(ledger)["ledger"]["canonical"] == "urn:transparency-core:canonical-ledger:2"
        )

    @pytest.mark.skipif(
        shutil.which("sha256sum") is None or shutil.which("bash") is None,
        reason="needs bash and coreutils",
    )
    def test_the_shell_pipeline_of_the_docs(self, tmp_path: Path) -> None:
        """The reference page's sha256sum and sort give the digest the report carries."""
        page = (ROOT / "docs" / "reference" / "report-json.md").read_text("utf-8")
        script = re.search(r"```sh\n(while IFS.*?)```", page, re.DOTALL)
        assert script is not None
        records = unstructure_ledger(reference_ledger())
        lines = "".join(
            json.dumps(r, sort_keys=True, separators=(",", ":")) + "\n" for r in records
        )
        (tmp_path / "records.txt").write_text(lines, encoding="ascii")

        done = subprocess.run(
            [str(shutil.which("bash")), "-c", script.group(1)],
            cwd=tmp_path,
            capture_output=True,
            text=True,
            check=True,
        )

        assert done.stdout.split()[0] == ledger_digest(reference_ledger())

    @settings(max_examples=40, suppress_health_check=[HealthCheck.too_slow])
    @given(ledger=ledgers(), data=st.data())
    def test_records_in_any_order_have_one_digest(self, ledger: list[Request], data: Any) -> None:
        """Order-independence, repeats included; and the report's bytes with it."""
        shuffled = data.draw(st.permutations(ledger))

        assert ledger_digest(shuffled) == ledger_digest(ledger)
        assert published(shuffled) == published(ledger)

    def test_optional_fields_spelled_out_or_not(self) -> None:
        """``emergency: false`` written out is the same record as left out."""
        record = make_record("A-1")
        spelled = {**record, "emergency": False, "amends": None, "legal_process": None}

        assert ledger_digest(structure_ledger([spelled])) == ledger_digest(
            structure_ledger([record])
        )

    def test_another_record_is_another_digest(self) -> None:
        """A record less, or one changed, changes it."""
        ledger = reference_ledger()

        assert ledger_digest(ledger[1:]) != ledger_digest(ledger)
        assert ledger_digest([attrs.evolve(ledger[0], country="FR"), *ledger[1:]]) != (
            ledger_digest(ledger)
        )


class TestVerify:
    """A changed figure, a changed ledger and a changed setting, told apart."""

    def test_the_published_report_verifies(self) -> None:
        """As text and as data; every value compared."""
        ledger = reference_ledger()
        data = published(ledger)

        for report in (data, json.dumps(data)):
            verification = verify(report, ledger)
            assert verification.matches
            assert (verification.ledger_matches, verification.settings_match) == (True, True)
            assert verification.mismatches == ()
        assert verification.values > sum(len(t["rows"]) for t in data["periods"][0]["tables"])

    def test_a_changed_figure(self) -> None:
        """The ledger and the settings match; the one value is named, with both values."""
        ledger = reference_ledger()
        data = published(ledger)
        cell = _cell(data, "device", "IN", "requests")
        true = cell["value"]
        cell["value"] = true + 1

        verification = verify(data, ledger)

        assert (verification.ledger_matches, verification.settings_match) == (True, True)
        assert not verification.matches
        assert [(m.where, m.published, m.recounted) for m in verification.mismatches] == [
            (
                "periods[2020-01-01/2020-12-31].tables[device].rows[IN counts]"
                ".cells.requests.value",
                str(true + 1),
                str(true),
            )
        ]

    def test_a_changed_ledger(self) -> None:
        """Its digest differs; the figures it moves are listed."""
        ledger = reference_ledger()
        data = published(ledger)
        counted = next(r for r in ledger if YEAR.start <= r.received <= YEAR.end)
        fewer = [r for r in ledger if r.id != counted.id]

        verification = verify(data, fewer)

        assert verification.ledger_matches is False
        assert verification.settings_match
        assert verification.ledger_digest == ledger_digest(fewer) != verification.published_digest
        assert any(m.where.endswith("summary.records") for m in verification.mismatches)

    def test_a_changed_ledger_that_moves_no_figure(self) -> None:
        """A record outside the period changed: the digest still says so."""
        ledger = reference_ledger()
        outside = next(i for i, r in enumerate(ledger) if r.received < YEAR.start)
        other = list(ledger)
        other[outside] = attrs.evolve(ledger[outside], country="FR")

        verification = verify(published(ledger), other)

        assert (verification.ledger_matches, verification.mismatches) == (False, ())
        assert not verification.matches

    def test_a_changed_setting(self) -> None:
        """The seal differs; the recount by the changed setting differs too."""
        ledger = reference_ledger()
        data = published(ledger)
        data["periods"][0]["settings"]["rounding"]["places"] = 1

        verification = verify(data, ledger)

        assert verification.ledger_matches
        assert not verification.settings_match
        assert verification.mismatches
        for mismatch in verification.mismatches:
            assert mismatch.where.endswith(".value")
            assert re.fullmatch(r'"\d+"', mismatch.published)
            assert re.fullmatch(r'"\d+\.\d"', mismatch.recounted)

    def test_a_changed_setting_that_moves_no_figure(self) -> None:
        """A threshold below every count: no figure moves, but the seal says so."""
        ledger = [make_request(f"R{n}") for n in range(5)]
        data = published(ledger, disclosure=Suppression(2))
        period = data["periods"][0]
        for policy in (period["settings"], *period["tables"]):  # as a careful forger would
            policy["disclosure"]["threshold"] = 3

        verification = verify(data, ledger)

        assert verification.ledger_matches
        assert (verification.settings_match, verification.mismatches) == (False, ())
        assert not verification.matches

    def test_a_report_without_a_digest_does_not_verify(self) -> None:
        """It can be recounted, not tied to a ledger."""
        ledger = reference_ledger()
        data = JsonRenderer().data(build_report(ledger, reference_period()))

        verification = verify(data, ledger)

        assert verification.ledger_matches is None
        assert verification.mismatches == ()
        assert not verification.matches
        assert (
            verification.lines()[0] == "ledger: unknown: the report carries no digest of its ledger"
        )

    def test_a_withheld_figure_is_compared_as_its_band(self) -> None:
        """No verdict says more of it than the report: a request less, in its band, is no change."""
        ledger = [make_request(f"IN-{n}", country="IN") for n in range(3)]
        ledger += [make_request(f"SE-{n}", country="SE") for n in range(20)]
        data = published(ledger, disclosure=Suppression(10))

        verification = verify(data, ledger[1:])

        assert verification.ledger_matches is False
        assert verification.mismatches == ()
        assert _cell(data, "device", "IN", "requests") == {"published": {"below": 10}}
        assert not re.search(r"\b[23]\b", "\n".join(verification.lines()[2:]))

    def test_the_verdict_in_words(self) -> None:
        """A line on the ledger, the settings, the values, and the verdict."""
        ledger = reference_ledger()
        data = published(ledger)
        _cell(data, "device", "IN", "requests")["value"] = 99

        lines = verify(data, ledger).lines()

        assert (
            lines[0]
            == f"ledger: the one the report was counted from (sha256 {ledger_digest(ledger)})"
        )
        assert lines[1] == "settings: as the report was sealed"
        assert re.fullmatch(
            r"figures: 1 of [\d,]+ published values differ from the recount:", lines[2]
        )
        assert lines[3].endswith("cells.requests.value: published 99, recounted 24")
        assert lines[-1] == "not verified"

    def test_a_category_of_ones_own(self) -> None:
        """Named in the report; passed to verify, or refused."""
        push = Category(
            name="push_token",
            title="Push Token Requests",
            identifier_types=("push_token",),
            columns=(Column(key="requests", heading="Number of Push Token Requests"),),
        )
        ledger = [make_request("P-1", category="push_token")]
        data = published(ledger, categories=[*DEFAULT_CATEGORIES, push])

        assert verify(data, ledger, categories=[push]).matches
        with pytest.raises(InvalidReportError) as caught:
            verify(data, ledger)
        assert caught.value.where == "$.periods[0].settings.categories[3].name"

    @settings(max_examples=25, suppress_health_check=[HealthCheck.too_slow])
    @given(ledger=ledgers(), options=OPTIONS)
    def test_any_published_report_verifies(
        self, ledger: list[Request], options: dict[str, Any]
    ) -> None:
        """Every option: breakdowns, suppression, banding, all categories, rounding."""
        assert verify(published(ledger, **options), ledger).matches

    @settings(max_examples=15, suppress_health_check=[HealthCheck.too_slow])
    @given(ledger=ledgers())
    def test_a_report_with_response_times_verifies(self, ledger: list[Request]) -> None:
        """Its median times are recounted too, in a report and in a series."""
        assert verify(published(ledger, response_times=True), ledger).matches
        if ledger:  # a series has a period only when a request falls in one
            series = published_series(ledger, "half-year", response_times=True)
            assert verify(series, ledger).matches

    def test_a_changed_median_time(self) -> None:
        """A median time edited is named, with the recounted one."""
        ledger = [
            make_request(f"R{number}", acknowledged=date(2020, 6, 2), responded=date(2020, 6, day))
            for number, day in enumerate((3, 9))
        ]
        data = published(ledger, response_times=True)
        row = data["periods"][0]["tables"][0]["rows"][0]
        key, cell = next((k, c) for k, c in row["cells"].items() if "counted" in c and c["value"])
        true = cell["value"]
        cell["value"] = "1.00"

        verification = verify(data, ledger)

        mismatches = [(m.published, m.recounted) for m in verification.mismatches]
        assert mismatches == [(json.dumps("1.00"), json.dumps(true))]
        assert key in verification.mismatches[0].where


def published_series(ledger: Sequence[Request], every: str, **options: Any) -> dict[str, Any]:
    """The version 2 JSON of the series of ``ledger``, as a reader gets it."""
    series = build_series(ledger, every, **options, ledger_digest=ledger_digest(ledger))
    data: dict[str, Any] = json.loads(JsonRenderer().series(series))
    return data


class TestASeries:
    """A series' report: every period's figures and settings, and its ledger."""

    def test_the_published_series_verifies(self) -> None:
        """Every calendar; every period's values compared, not the first only."""
        ledger = reference_ledger()
        for every in ("year", "half-year", "quarter"):
            data = published_series(ledger, every)
            verification = verify(data, ledger)

            assert data["ledger"]["sha256"] == ledger_digest(ledger)
            assert verification.matches, verification.lines()
            assert len(data["periods"]) > 1
            assert verification.values > sum(
                len(table["rows"]) for period in data["periods"] for table in period["tables"]
            )

    def test_a_changed_figure_in_a_later_period(self) -> None:
        """Named by its period."""
        ledger = reference_ledger()
        data = published_series(ledger, "half-year")
        last = data["periods"][-1]
        row = next(row for row in last["tables"][0]["rows"] if row["kind"] == "counts")
        true = row["cells"]["requests"]["value"]
        row["cells"]["requests"]["value"] = true + 1

        verification = verify(data, ledger)

        assert (verification.ledger_matches, verification.settings_match) == (True, True)
        end = last["period"]["end"]
        assert [
            (m.where.split(".")[0], m.published, m.recounted) for m in verification.mismatches
        ] == [(f"periods[{last['period']['start']}/{end}]", str(true + 1), str(true))]

    def test_a_changed_ledger(self) -> None:
        """A record less: the digest differs, and so do the figures of its period."""
        ledger = reference_ledger()
        data = published_series(ledger, "half-year")

        verification = verify(data, ledger[1:])

        assert verification.ledger_matches is False
        assert verification.settings_match
        assert verification.mismatches

    def test_a_changed_setting_in_one_period(self) -> None:
        """The seal differs; that period's recount by the changed setting differs too."""
        ledger = reference_ledger()
        data = published_series(ledger, "half-year")
        data["periods"][1]["settings"]["rounding"]["places"] = 1

        verification = verify(data, ledger)

        assert verification.ledger_matches
        assert not verification.settings_match
        assert verification.mismatches
        second = data["periods"][1]["period"]
        label = f"periods[{second['start']}/{second['end']}]"
        assert {m.where.split(".")[0] for m in verification.mismatches} == {label}

    def test_periods_counted_alone_put_together(self) -> None:
        """Consecutive half-years counted each alone (their summaries the whole ledger's) verify."""
        ledger = reference_ledger()
        halves = [ReportingPeriod.parse(text) for text in ("2020-H1", "2020-H2")]
        digest = ledger_digest(ledger)
        reports = [build_report(ledger, half, ledger_digest=digest) for half in halves]
        data = JsonRenderer().periods_data(reports)

        assert verify(data, ledger).matches
        assert not verify(data, ledger[1:]).matches

    def test_periods_in_reverse(self) -> None:
        """No calendar's series: recounted a period each, which the summaries do not match."""
        ledger = reference_ledger()
        data = published_series(ledger, "half-year")
        data["periods"].reverse()

        verification = verify(data, ledger)

        assert (verification.ledger_matches, verification.settings_match) == (True, False)
        assert any(m.where.endswith("summary.records") for m in verification.mismatches)

    @settings(max_examples=20, suppress_health_check=[HealthCheck.too_slow])
    @given(ledger=ledgers(), every=st.sampled_from(["year", "half-year", "quarter"]))
    def test_any_series_verifies(self, ledger: list[Request], every: str) -> None:
        """Any ledger, any calendar; a record less never verifies."""
        if not ledger:
            return
        assert verify(published_series(ledger, every), ledger).matches
        assert not verify(published_series(ledger, every), ledger[1:]).matches


class TestBadReports:
    """Not a version 2 report, or a field of another type: where, expected, got."""

    @pytest.mark.parametrize(
        ("change", "where", "expected"),
        [
            (lambda _: "not json", "$", "JSON text, a report"),
            (lambda _: [], "$", "a JSON object, a report"),
            (
                lambda d: {**d, "schema": "urn:transparency-core:report:1"},
                "$.schema",
                "'urn:transparency-core:report:2' (a version 2 report)",
            ),
            (lambda d: {**d, "periods": 3}, "$.periods", "a list"),
            (
                lambda d: {**d, "ledger": {**d["ledger"], "canonical": "urn:x:1"}},
                "$.ledger.canonical",
                "'urn:transparency-core:canonical-ledger:2' (the canonical ledger this "
                "release digests)",
            ),
            (
                lambda d: {**d, "locale": "xx_bogus"},
                "$.locale",
                "a locale babel knows, such as en or de_DE",
            ),
        ],
    )
    def test_the_report(self, change: Any, where: str, expected: str) -> None:
        """Each names its path."""
        data = change(published(reference_ledger()))
        report = data if isinstance(data, str) else json.dumps(data)

        with pytest.raises(InvalidReportError) as caught:
            verify(report, reference_ledger())

        assert (caught.value.where, caught.value.expected) == (where, expected)
        copy = pickle.loads(pickle.dumps(caught.value))  # noqa: S301 -- our own bytes
        assert str(copy) == str(caught.value)
        assert copy.to_dict()["where"] == where

    @pytest.mark.parametrize(
        ("path", "value", "where"),
        [
            (("rounding", "places"), "0", "$.periods[0].settings.rounding.places"),
            (("rounding", "apportion"), 1, "$.periods[0].settings.rounding.apportion"),
            (("actions_in_totals",), None, "$.periods[0].settings.actions_in_totals"),
            (("disclosure",), {"kind": "secret"}, "$.periods[0].settings.disclosure.kind"),
            (
                ("disclosure",),
                {"kind": "banding", "width": 7, "minimum": None},
                "$.periods[0].settings.disclosure",
            ),
            (("breakdowns",), ["nope"], "$.periods[0].settings.breakdowns[0]"),
        ],
    )
    def test_a_setting(self, path: tuple[str, ...], value: object, where: str) -> None:
        """A setting of another type, or one the package cannot count by."""
        data = published(reference_ledger())
        node = data["periods"][0]["settings"]
        for key in path[:-1]:
            node = node[key]
        node[path[-1]] = value

        with pytest.raises(InvalidReportError) as caught:
            verify(data, reference_ledger())

        assert caught.value.where == where

    def test_a_date_in_another_iso_form(self) -> None:
        """``20200101`` is ISO 8601's basic form, which no release writes: refused."""
        data = published(reference_ledger())
        data["periods"][0]["period"]["start"] = "20200101"

        with pytest.raises(InvalidReportError) as caught:
            verify(data, reference_ledger())

        assert (caught.value.where, caught.value.expected) == (
            "$.periods[0].period.start",
            "a date, YYYY-MM-DD",
        )

    def test_a_period_that_ends_before_it_starts(self) -> None:
        """The period's own check, at its path."""
        data = published(reference_ledger())
        data["periods"][0]["period"]["end"] = "2019-01-01"

        with pytest.raises(InvalidReportError) as caught:
            verify(data, reference_ledger())

        assert caught.value.where == "$.periods[0].period"


class TestTheCommandLine:
    """``verify REPORT.json LEDGER``: exit 0 when all match, 1 when not, 2 for bad input."""

    def _files(self, tmp_path: Path) -> tuple[Path, Path]:
        ledger = tmp_path / "ledger.json"
        ledger.write_text(json.dumps(unstructure_ledger(reference_ledger())), encoding="utf-8")
        return tmp_path / "report.json", ledger

    def _render(self, capsys: pytest.CaptureFixture[str], ledger: Path, report: Path) -> None:
        code = main(
            ["render", str(ledger), "--format", "json", "--period", "2020-01-01/2020-12-31"]
        )
        report.write_text(capsys.readouterr().out, encoding="utf-8")
        assert code == EXIT_OK

    def test_render_then_verify(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """The command line's report carries the ledger's digest, and verifies."""
        report, ledger = self._files(tmp_path)
        self._render(capsys, ledger, report)

        assert json.loads(report.read_text("utf-8"))["ledger"]["sha256"] == ledger_digest(
            reference_ledger()
        )
        assert main(["verify", str(report), str(ledger)]) == EXIT_OK
        out, err = capsys.readouterr()
        assert out.splitlines()[-1] == "verified"
        assert err == ""

    def test_a_changed_figure_exits_1(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """And lists it on stdout."""
        report, ledger = self._files(tmp_path)
        self._render(capsys, ledger, report)
        data = json.loads(report.read_text("utf-8"))
        _cell(data, "account", "CN", "requests")["value"] += 1
        report.write_text(json.dumps(data), encoding="utf-8")

        assert main(["verify", str(report), str(ledger)]) == 1
        out, _ = capsys.readouterr()
        assert "tables[account].rows[CN counts].cells.requests.value" in out
        assert out.splitlines()[-1] == "not verified"

    def test_a_ledger_on_stdin(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """``-`` reads the ledger from standard input."""
        report, ledger = self._files(tmp_path)
        self._render(capsys, ledger, report)
        stdin = io.TextIOWrapper(io.BytesIO(ledger.read_bytes()))
        monkeypatch.setattr(sys, "stdin", stdin)

        assert main(["verify", str(report), "-"]) == EXIT_OK

    @pytest.mark.parametrize(
        ("report_text", "message"),
        [
            (
                "[]",
                "the report {report} cannot be verified: "
                "$: expected a JSON object, a report, got []",
            ),
            ("\xff", "the report {report} cannot be verified: $: expected JSON text"),
        ],
    )
    def test_a_bad_report_exits_2(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str], report_text: str, message: str
    ) -> None:
        """With the reason on stderr, nothing on stdout."""
        report, ledger = self._files(tmp_path)
        report.write_text(report_text, encoding="utf-8")

        assert main(["verify", str(report), str(ledger)]) == EXIT_BAD_INPUT
        out, err = capsys.readouterr()
        assert out == ""
        assert message.format(report=report) in err

    def test_missing_files_exit_2(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """Each named."""
        report, ledger = self._files(tmp_path)

        assert main(["verify", str(report), str(ledger)]) == EXIT_BAD_INPUT
        assert f"cannot read the report {report}" in capsys.readouterr().err
        report.write_text("{}", encoding="utf-8")
        missing = tmp_path / "none.json"
        assert main(["verify", str(report), str(missing)]) == EXIT_BAD_INPUT
        assert f"cannot read {missing}: " in capsys.readouterr().err  # as render says it

    def test_a_bad_ledger_exits_2(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """Its problems, as render names them."""
        report, ledger = self._files(tmp_path)
        self._render(capsys, ledger, report)
        ledger.write_text(json.dumps([{"id": "A"}]), encoding="utf-8")

        assert main(["verify", str(report), str(ledger)]) == EXIT_BAD_INPUT
        assert "$[0]" in capsys.readouterr().err
