"""The Commission's DSA template parts, as copied byte for byte into tests/data/dsa/."""

from __future__ import annotations

import csv
import io
from pathlib import Path

DSA = Path(__file__).parent / "data" / "dsa"
ORDERS = (DSA / "annex-i-part-3-member-states-orders.csv").read_bytes()
"""Part 3, "Member States orders": its header row and the shape of its rows."""
SUMMARY = (DSA / "annex-i-part-1-summary.csv").read_bytes()
"""Part 1: the report's identification."""
ORDERS_ROWS = list(csv.reader(io.StringIO(ORDERS.decode("utf-8"))))[1:]
"""The rows of part 3 after its header, as lists of fields."""


def header_line(data: bytes) -> bytes:
    """The first line of a CSV file, with its line ending."""
    return data[: data.index(b"\n") + 1]
