"""The reference ledger reproduces every figure of the seed report, read from the seed.

The seed (tests/data/xiaomi-transparency-report-2020.md, a copy of the published
report) is parsed here, so no figure is typed into this test: each published cell is
compared with the figure the engine computes from the reference ledger.
"""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest
from babel import Locale

from transparency_core import (
    Figure,
    Percentage,
    Report,
    RowKind,
    TextRenderer,
    reference_ledger,
    reference_report,
)

SEED = Path(__file__).parent / "data" / "xiaomi-transparency-report-2020.md"
CODES = {name: code for code, name in Locale("en").territories.items()}
TABLES = {1: "device", 2: "financial_identifier", 3: "account", 4: "legal_process"}


def _seed_tables() -> dict[int, tuple[str, list[str], list[list[str]]]]:
    """Each numbered table of the seed: its title, header and rows of cells."""
    text = SEED.read_text(encoding="utf-8")
    sections = re.split(r"^##\s+\**Table (\d): ([^*\n]+)\**\s*$", text, flags=re.MULTILINE)
    tables = {}
    for number, title, body in zip(sections[1::3], sections[2::3], sections[3::3], strict=True):
        lines = [
            [re.sub(r"</?b>|\*\*", "", cell).strip() for cell in line.split("\t")]
            for line in body.splitlines()
            if "\t" in line
        ]
        tables[int(number)] = (title.strip(), lines[0], lines[1:])
    return tables


SEED_TABLES = _seed_tables()


@pytest.fixture(scope="module")
def report() -> Report:
    """The reference report, counted once for the module."""
    return reference_report()


def _published(text: str) -> Decimal:
    return Decimal(text.removesuffix("%"))


def _computed(cell: Figure | Percentage) -> Decimal | None:
    return Decimal(cell.value) if isinstance(cell, Figure) else cell.value


class TestSeedFigures:
    """Every cell of the seed's four tables comes out of the reference ledger."""

    def test_the_seed_has_four_tables(self) -> None:
        """The parser found the four tables, so the checks below check something."""
        assert sorted(SEED_TABLES) == [1, 2, 3, 4]
        assert sum(len(rows) for _, _, rows in SEED_TABLES.values()) == 12

    @pytest.mark.parametrize("number", [1, 2, 3])
    def test_category_tables_match_cell_for_cell(self, report: Report, number: int) -> None:
        """Requests, subjects, provided and percentages, for every country listed."""
        _, _, rows = SEED_TABLES[number]
        table = report.table(TABLES[number])

        published = {CODES[row[0]]: [_published(cell) for cell in row[1:]] for row in rows}
        computed = {row.country: [_computed(cell) for cell in row.cells] for row in table.rows}

        assert published == computed

    def test_legal_process_table_matches_counts_and_percentages(self, report: Report) -> None:
        """China: 16 investigation orders and 1 other court order, 94% and 6%."""
        _, _, rows = SEED_TABLES[4]
        table = report.table("legal_process")
        counts = {CODES[row[0]]: row[1:] for row in rows if row[0] in CODES}
        [shares] = [row[1:] for row in rows if row[0] == "Percentage of total"]

        assert [(row.country, row.kind) for row in table.rows] == [
            ("CN", RowKind.COUNTS),
            ("CN", RowKind.SHARES),
        ]
        assert [_computed(cell) for cell in table.rows[0].cells] == [
            _published(cell) for cell in counts["CN"]
        ]
        assert [_computed(cell) for cell in table.rows[1].cells] == [
            _published(cell) for cell in shares
        ]

    @pytest.mark.parametrize("number", [1, 2, 3, 4])
    def test_column_headings_are_the_seeds(self, report: Report, number: int) -> None:
        """The columns are the seed's, in the seed's order."""
        _, header, _ = SEED_TABLES[number]

        assert header[1:] == [column.heading for column in report.table(TABLES[number]).columns]

    @pytest.mark.parametrize("number", [1, 2, 3])
    def test_titles_are_the_seeds(self, report: Report, number: int) -> None:
        """Table titles as the seed prints them (Table 4's names China; ours does not)."""
        title, _, _ = SEED_TABLES[number]

        assert title == report.table(TABLES[number]).title

    def test_no_cross_border_requests_is_disclosed_in_the_seeds_words(self, report: Report) -> None:
        """The seed's sentence, word for word, from a total of zero."""
        sentence = "Xiaomi did not receive any cross-border requests."

        assert sentence in SEED.read_text(encoding="utf-8")
        assert report.cross_border.total == Figure(0, ())
        assert sentence in TextRenderer()(report)

    def test_the_reference_ledger_exercises_repeats_amendments_and_the_period(
        self, report: Report
    ) -> None:
        """The ledger is not a plain list: it has what the rules are about."""
        repeated = [entry for entry in report.entries if entry.records > 1]
        left_out = report.left_out()

        assert len(repeated) >= 3
        assert {entry.disposition.value for entry in left_out} == {"out_of_period"}
        assert len(left_out) >= 2

    def test_the_reference_ledger_has_amendments_of_counted_requests(self) -> None:
        """Amendments count as new requests, and what they amend is in the ledger."""
        ledger = reference_ledger()
        ids = {request.id for request in ledger}
        amendments = [request for request in ledger if request.amends is not None]

        assert len(amendments) >= 3
        assert all(request.amends in ids for request in amendments)
