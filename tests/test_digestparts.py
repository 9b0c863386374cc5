"""The ledger digest of a file counted in parts: the one the API gives, whatever the split."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from strategies import ledgers
from transparency_core import Request, ledger_digest, reference_ledger, unstructure_ledger
from transparency_core._cli._digestparts import parts_digest
from transparency_core._cli._filecount import count_parts
from transparency_core._cli._split import LedgerFile

if TYPE_CHECKING:
    from collections.abc import Sequence


def _file_digest(
    directory: Path, ledger: Sequence[Request], *, lines: bool, part_bytes: int, jobs: int = 1
) -> str:
    """The digest the command line computes of ``ledger`` written to a file, in parts."""
    records = unstructure_ledger(ledger)
    path = directory / "ledger.json"
    if lines:
        path.write_text("".join(json.dumps(record) + "\n" for record in records), "utf-8")
    else:
        path.write_text(json.dumps(records, indent=1), "utf-8")
    parts = directory / "parts"
    parts.mkdir()
    size = path.stat().st_size
    file = LedgerFile(path, size, parts, part_bytes, range_bytes=part_bytes, digests=True)
    count_parts(file, period=None, provenance=False, jobs=jobs)
    digest = parts_digest(file)
    assert list(parts.glob("digest*")) == []  # the parts' digests and the buckets are gone
    return digest


class TestPartsDigest:
    """Records digested by the part that reads them, sorted a bucket at a time."""

    @settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(ledger=ledgers(), data=st.data())
    def test_any_order_any_parts_any_format(self, ledger: list[Request], data: Any) -> None:
        """JSON Lines or an array, records shuffled, repeats kept, split in any parts."""
        shuffled = data.draw(st.permutations(ledger))
        part_bytes = data.draw(st.sampled_from([64, 300, 1 << 20]))
        lines = data.draw(st.booleans())

        with tempfile.TemporaryDirectory() as directory:
            digest = _file_digest(Path(directory), shuffled, lines=lines, part_bytes=part_bytes)

        assert digest == ledger_digest(ledger)

    def test_the_reference_ledger_in_many_parts_and_processes(self, tmp_path: Path) -> None:
        """Two processes, a part every 4 KiB: the API's digest."""
        ledger = reference_ledger()

        digest = _file_digest(tmp_path, ledger[::-1], lines=True, part_bytes=4096, jobs=2)

        assert digest == ledger_digest(ledger)

    def test_a_repeat_counts(self, tmp_path: Path) -> None:
        """A record repeated is another ledger: repeats are kept, not merged."""
        ledger = reference_ledger()
        (tmp_path / "a").mkdir()
        (tmp_path / "b").mkdir()

        once = _file_digest(tmp_path / "a", ledger, lines=True, part_bytes=4096)
        twice = _file_digest(tmp_path / "b", [*ledger, ledger[0]], lines=True, part_bytes=4096)

        assert (once, twice) == (ledger_digest(ledger), ledger_digest([*ledger, ledger[0]]))
        assert once != twice

    def test_a_part_not_counted_is_an_error(self, tmp_path: Path) -> None:
        """No digest of a part missing: never a digest of fewer records, silently."""
        path = tmp_path / "ledger.jsonl"
        path.write_text(json.dumps(unstructure_ledger(reference_ledger()[:1])[0]) + "\n", "utf-8")
        file = LedgerFile(path, path.stat().st_size, tmp_path, digests=True)

        with pytest.raises(FileNotFoundError):
            parts_digest(file)
