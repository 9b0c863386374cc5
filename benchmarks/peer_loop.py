"""Peer 1: a plain loop over JSON Lines, as a data engineer would write it.

``json.loads`` a line at a time and dict counting, with the rules the generated ledgers
need (a repeated id counted once, identifiers of one subject counted once). It checks
nothing: a bad record is counted, or stops the loop with a KeyError.
"""

from __future__ import annotations

import json
from collections import defaultdict
from typing import TYPE_CHECKING, Any

from common import figures

if TYPE_CHECKING:
    from collections.abc import Iterable
    from pathlib import Path


def count(records: Iterable[dict[str, Any]]) -> dict[str, object]:
    """Every figure of the four tables of ``records``, plain dicts."""
    seen: set[str] = set()
    counts: defaultdict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0, 0, 0, 0])
    legal: defaultdict[tuple[str, str], int] = defaultdict(int)
    for record in records:
        if record["id"] in seen or not "2020-01-01" <= record["received"] <= "2020-12-31":
            continue
        seen.add(record["id"])
        cell = counts[record["category"], record["country"]]
        cell[0] += 1
        cell[1] += len(
            {
                ("s", i["subject"]) if i.get("subject") else ("i", i["type"], i["value"])
                for i in record["identifiers"]
            }
        )
        response = record["response"]
        if response["outcome"] == "provided":
            cell[2] += 1
            cell[3 if response["data"] == "non_content" else 4] += 1
        if record.get("legal_process"):
            legal[record["country"], record["legal_process"]] += 1
    return figures(
        [(category, country, *cell) for (category, country), cell in counts.items()],
        [(country, process, n) for (country, process), n in legal.items()],
    )


def run(path: Path) -> dict[str, object]:
    """Every figure of the four tables of the ledger at ``path``, read a line at a time."""
    with path.open("rb") as lines:
        return count(json.loads(line) for line in lines if line.strip())
