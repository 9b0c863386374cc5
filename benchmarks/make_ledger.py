"""Write a large made-up ledger as JSON Lines, for benchmarks and memory measurements.

``uv run python benchmarks/make_ledger.py 100000 ledger.jsonl`` writes 100,000 records
in the ledger format: 1 to 4 subjects per request and 1 to 3 identifiers per subject,
every category and outcome, a few repeats and amendments. Seeded: the same arguments
give the same file.
"""

from __future__ import annotations

import json
import random
import sys
from datetime import date, timedelta
from pathlib import Path

COUNTRIES = ["CN", "IN", "ES", "SE", "FR", "DE", "US", "BR", "GB", "JP"]
TYPES = {
    "device": ["imei", "serial_number", "mac_address"],
    "financial_identifier": ["credit_card", "debit_card", "purchase_order", "transaction_id"],
    "account": ["account_id", "phone_number", "email"],
}
OUTCOMES = ["provided", "provided", "provided", "no_data", "rejected", "pending"]


def record(rng: random.Random, number: int) -> dict[str, object]:
    """One made-up request record."""
    category = rng.choice(list(TYPES))
    identifiers = [
        {
            "type": rng.choice(TYPES[category]),
            "value": f"{rng.getrandbits(48):012x}",
            "subject": f"s{number}-{subject}",
        }
        for subject in range(rng.randint(1, 4))
        for _ in range(rng.randint(1, 3))
    ]
    outcome = rng.choice(OUTCOMES)
    response: dict[str, object] = {"outcome": outcome}
    if outcome == "provided":
        response["data"] = "content" if rng.random() < 0.1 else "non_content"
    result: dict[str, object] = {
        "id": f"R{number:08d}",
        "received": (date(2020, 1, 1) + timedelta(days=rng.randrange(366))).isoformat(),
        "country": rng.choice(COUNTRIES),
        "category": category,
        "identifiers": identifiers,
        "response": response,
    }
    if rng.random() < 0.1:
        result["legal_process"] = rng.choice(["investigation_order", "other_court_order"])
    if number and rng.random() < 0.01:
        result["amends"] = f"R{rng.randrange(number):08d}"
    return result


def main() -> int:
    """Write ``COUNT`` records to ``PATH``."""
    count, path = int(sys.argv[1]), Path(sys.argv[2])
    rng = random.Random(count)
    with path.open("w", encoding="utf-8") as file:
        for number in range(count):
            line = json.dumps(record(rng, number)) + "\n"
            file.write(line)
            if rng.random() < 0.01:  # a repeated record, logged twice
                file.write(line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
