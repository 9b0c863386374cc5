"""The fuzzer of the command line's reading path runs, and its seeds raise only our errors.

``scripts/fuzz_cli.py`` runs under atheris (the optional "fuzz" group); without it, the
function it fuzzes is importable, and runs here on seeds and on hypothesis' inputs.
"""

from __future__ import annotations

import importlib.util
import json
import random
from pathlib import Path
from typing import TYPE_CHECKING

from hypothesis import given, settings
from hypothesis import strategies as st

from builders import make_record
from transparency_core import reference_records

if TYPE_CHECKING:
    from types import ModuleType

SCRIPT = Path(__file__).parent.parent / "scripts" / "fuzz_cli.py"


def _fuzzer() -> ModuleType:
    spec = importlib.util.spec_from_file_location("fuzz_cli", SCRIPT)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


FUZZER = _fuzzer()
FEW = settings(deadline=None, max_examples=max(10, settings().max_examples // 5))
"""A count takes some time: a fifth of the profile's examples (20, or 1,000 thorough)."""
LINES = "".join(json.dumps(record) + "\n" for record in reference_records()).encode()
ARRAY = json.dumps(reference_records(), indent=1).encode()


def _seeds() -> list[bytes]:
    """Good ledgers of more than 4 KB, and the same cut, doubled or with a byte changed."""
    rng = random.Random(4)  # noqa: S311 -- seeded test data
    seeds = [LINES, ARRAY, b"\xef\xbb\xbf" + LINES, LINES.replace(b"\n", b"\r\n")]
    for text in (LINES, ARRAY):
        for _ in range(6):
            at = rng.randrange(len(text))
            seeds.append(text[:at])
            seeds.append(text[:at] + bytes([rng.randrange(256)]) + text[at + 1 :])
    seeds.append(LINES + LINES)  # every id repeated
    seeds.append(json.dumps([make_record("R1")] * 50).encode())
    return seeds


class TestFuzzCli:
    """One input of the fuzzer: bytes counted as a ledger file, in small parts."""

    def test_every_seed_gives_a_count_or_our_error(self) -> None:
        """Across parts of 1 KiB, pieces of 2 KiB and chunks: nothing else escapes."""
        seeds = _seeds()
        assert min(len(seed) for seed in seeds[:4]) > 4096
        for seed in seeds:
            FUZZER.one_input(seed)

    @FEW
    @given(st.binary(max_size=5000))
    def test_any_bytes(self, data: bytes) -> None:
        """Arbitrary bytes: only the errors the command line names."""
        FUZZER.one_input(data)

    @FEW
    @given(st.integers(0, len(LINES) - 1), st.binary(min_size=1, max_size=8))
    def test_a_good_ledger_with_bytes_put_in(self, at: int, junk: bytes) -> None:
        """A few bytes anywhere in a good ledger of JSON Lines."""
        FUZZER.one_input(LINES[:at] + junk + LINES[at:])
