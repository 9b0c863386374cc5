"""The benchmark peers compute the same figures as the library, on a generated ledger.

The benchmarks (``benchmarks/run.py``) check this on the ledgers they time; this test
checks it on a small one, so that a peer that drifts from the rules fails here first.
"""

from __future__ import annotations

import importlib
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from transparency_core import ReportingPeriod, build_report, iter_json_records, tally_ledger

if TYPE_CHECKING:
    from types import ModuleType

BENCHMARKS = Path(__file__).parent.parent / "benchmarks"


def _module(name: str) -> ModuleType:
    sys.path.insert(0, str(BENCHMARKS))
    try:
        return importlib.import_module(name)
    finally:
        sys.path.remove(str(BENCHMARKS))


@pytest.fixture(scope="module")
def ledger(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """2,000 generated records (and their repeats), as JSON Lines."""
    path = tmp_path_factory.mktemp("ledger") / "ledger.jsonl"
    subprocess.run(
        [sys.executable, str(BENCHMARKS / "make_ledger.py"), "2000", str(path)], check=True
    )
    return path


@pytest.fixture(scope="module")
def engine(ledger: Path) -> dict[str, Any]:
    """The figures transparency_core counts from the ledger."""
    with ledger.open(encoding="utf-8") as lines:
        tally = tally_ledger(iter_json_records(lines))
    figures: dict[str, Any] = _module("common").engine_figures(
        build_report(tally, ReportingPeriod.calendar_year(2020))
    )
    return figures


@pytest.mark.parametrize("peer", ["peer_loop", "peer_pandas", "peer_duckdb"])
def test_every_peer_counts_what_the_library_counts(
    peer: str, ledger: Path, engine: dict[str, Any]
) -> None:
    """Every cell of the four tables, percentages included."""
    figures = _module(peer).run(ledger)

    assert len(engine) > 100
    assert figures == engine
