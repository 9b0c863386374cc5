"""Write the reference ledger: made-up request records whose report is the seed's.

The records are invented but plausible: real identifier formats (IMEIs with a valid
Luhn digit, masked card numbers, MAC addresses), several identifiers per device or
account, amendments, repeated records, rejections and a few records from outside 2020.
Counted by transparency_core, they give every figure of the Xiaomi Transparency Report
for January 1 - December 31, 2020.

Run with ``uv run python scripts/make_reference_ledger.py`` and review the diff. Only
``random.Random.random()`` is used: it is the one method whose sequence Python promises
to keep across versions, so the file is the same on every Python.
"""

from __future__ import annotations

import calendar
import json
import random
import sys
from datetime import date, timedelta
from pathlib import Path
from typing import Any

OUTPUT = (
    Path(__file__).parent.parent / "src/transparency_core/_edge/_data/reference-ledger-2020.json"
)

# category, country, requests, subjects, outcomes, legal processes: the seed's figures,
# with the outcomes of the requests where no data was provided made up to fit.
SPEC: tuple[tuple[str, str, int, int, dict[str, int], dict[str, int]], ...] = (
    ("device", "CN", 3, 808, {"non_content": 3}, {"other_court_order": 1}),
    ("device", "IN", 24, 48, {"non_content": 19, "rejected": 3, "no_data": 2}, {}),
    ("device", "ES", 1, 1, {"non_content": 1}, {}),
    ("device", "SE", 1, 1, {"rejected": 1}, {}),
    (
        "financial_identifier",
        "CN",
        8,
        18,
        {"non_content": 8},
        {"investigation_order": 2},
    ),
    ("financial_identifier", "FR", 1, 577, {"non_content": 1}, {}),
    (
        "financial_identifier",
        "IN",
        30,
        38,
        {"non_content": 15, "no_data": 9, "rejected": 6},
        {},
    ),
    ("financial_identifier", "SE", 1, 1, {"non_content": 1}, {}),
    (
        "account",
        "CN",
        161,
        357,
        {"non_content": 131, "content": 21, "no_data": 5, "rejected": 4},
        {"investigation_order": 14},
    ),
    ("account", "IN", 3, 3, {"non_content": 2, "no_data": 1}, {}),
)
LETTER = {"device": "D", "financial_identifier": "F", "account": "A"}
PHONE_PREFIX = {
    "CN": "+86 13",
    "IN": "+91 98",
    "ES": "+34 6",
    "SE": "+46 70",
    "FR": "+33 6",
}


class Ledger:
    """Builds records from one seeded generator."""

    def __init__(self, seed: int) -> None:
        """Start the generator."""
        self.rng = random.Random(seed)
        self.devices = 0
        self.accounts = 0

    def below(self, n: int) -> int:
        """A whole number in [0, n)."""
        return int(self.rng.random() * n)

    def digits(self, n: int) -> str:
        """``n`` random decimal digits."""
        return "".join(str(self.below(10)) for _ in range(n))

    def imei(self) -> str:
        """A 15-digit IMEI with a valid Luhn check digit."""
        body = "86" + self.digits(12)
        total = 0
        for position, char in enumerate(reversed(body)):
            digit = int(char) * (2 if position % 2 == 0 else 1)
            total += digit - 9 if digit > 9 else digit  # noqa: PLR2004 -- Luhn's rule
        return body + str((10 - total % 10) % 10)

    def device(self) -> list[dict[str, str]]:
        """One device: an IMEI, often with a serial number or a MAC address."""
        self.devices += 1
        kind = self.below(4)
        if kind == 0:
            return [{"type": "imei", "value": self.imei()}]
        subject = f"device-{self.devices:04d}"
        second = (
            {
                "type": "serial_number",
                "value": f"{30000 + self.below(60000)}/{self.digits(8)}",
            }
            if kind < 3  # noqa: PLR2004 -- two in three devices with a serial number
            else {
                "type": "mac_address",
                "value": "7C:1D:D9:" + ":".join(f"{self.below(256):02X}" for _ in range(3)),
            }
        )
        return [
            {"type": "imei", "value": self.imei(), "subject": subject},
            {**second, "subject": subject},
        ]

    def financial(self, country: str) -> list[dict[str, str]]:
        """One financial identifier: a masked card number, an order or a transaction."""
        kind = self.below(4) if country != "FR" else 2
        if kind == 0:
            return [
                {
                    "type": "credit_card",
                    "value": f"4{self.digits(5)}******{self.digits(4)}",
                }
            ]
        if kind == 1:
            return [
                {
                    "type": "debit_card",
                    "value": f"62{self.digits(4)}******{self.digits(4)}",
                }
            ]
        if kind == 2:  # noqa: PLR2004 -- the third kind
            return [{"type": "purchase_order", "value": f"5200{self.digits(12)}"}]
        return [{"type": "transaction_id", "value": f"TXN{self.below(16**10):010X}"}]

    def account(self, country: str) -> list[dict[str, str]]:
        """One account: a Mi account id, often with its phone number or email."""
        self.accounts += 1
        account_id = {
            "type": "account_id",
            "value": str(1_000_000_000 + self.below(9 * 10**9)),
        }
        if self.below(3) == 0:
            return [account_id]
        subject = f"account-{self.accounts:04d}"
        extra = (
            {"type": "phone_number", "value": PHONE_PREFIX[country] + self.digits(9)}
            if self.below(2)
            else {"type": "email", "value": f"user{self.accounts:04d}@example.com"}
        )
        return [{**account_id, "subject": subject}, {**extra, "subject": subject}]

    def subjects(self, category: str, country: str, count: int) -> list[dict[str, str]]:
        """The identifiers of ``count`` subjects of ``category``."""
        if category == "device":
            return [identifier for _ in range(count) for identifier in self.device()]
        make = self.financial if category == "financial_identifier" else self.account
        return [identifier for _ in range(count) for identifier in make(country)]

    def split(self, total: int, parts: int) -> list[int]:
        """``parts`` whole numbers of at least one that add up to ``total``."""
        sizes = [1] * parts
        for _ in range(total - parts):
            sizes[self.below(parts)] += 1
        return sizes

    def day(self, year: int = 2020) -> str:
        """A day of ``year``."""
        start = date(year, 1, 1)
        days = 366 if calendar.isleap(year) else 365
        return (start + timedelta(days=self.below(days))).isoformat()


def response(ledger: Ledger, outcome: str) -> dict[str, Any]:
    """A response with ``outcome`` (``non_content`` and ``content`` mean provided)."""
    if outcome in {"non_content", "content"}:
        notice = ("notified", "notified", "prohibited", "withheld")[ledger.below(4)]
        return {"outcome": "provided", "data": outcome, "notified": notice}
    if outcome == "rejected":
        return {"outcome": "rejected", "challenged": True}
    return {"outcome": outcome}


def build() -> list[dict[str, Any]]:
    """Return the reference records, in the order a log would hold them."""
    ledger = Ledger(2020)
    records: list[dict[str, Any]] = []
    for category, country, count, subjects, outcomes, processes in SPEC:
        sizes = (
            [512, 200, 96]
            if (category, country) == ("device", "CN")
            else ledger.split(subjects, count)
        )
        plan = [outcome for outcome, n in outcomes.items() for _ in range(n)]
        legal = [process for process, n in processes.items() for _ in range(n)]
        for number, size in enumerate(sizes, start=1):
            record: dict[str, Any] = {
                "id": f"{country}-2020-{LETTER[category]}-{number:04d}",
                "received": ledger.day(),
                "country": country,
                "category": category,
                "identifiers": ledger.subjects(category, country, size),
            }
            if number <= len(legal):
                record["legal_process"] = legal[number - 1]
            record["response"] = response(ledger, plan[number - 1])
            records.append(record)

    by_id = {record["id"]: record for record in records}
    # Amendments count as new requests (rule 3).
    for amending, amended in (
        ("IN-2020-D-0024", "IN-2020-D-0003"),
        ("IN-2020-F-0030", "IN-2020-F-0011"),
        ("CN-2020-A-0161", "CN-2020-A-0042"),
    ):
        by_id[amending]["amends"] = amended
        by_id[amending]["received"] = max(by_id[amending]["received"], by_id[amended]["received"])
    # Emergencies: a threat to someone's safety.
    for emergency in ("IN-2020-D-0005", "IN-2020-D-0012"):
        by_id[emergency]["emergency"] = True

    # Repeats: "Any request that we challenge or reject is not counted as an additional
    # request." A pending (or challenged) record, later settled; and a plain duplicate.
    repeats = []
    for request_id, first in (
        ("CN-2020-A-0007", {"outcome": "pending"}),
        ("IN-2020-D-0010", {"outcome": "pending", "challenged": True}),
        ("IN-2020-F-0004", {"outcome": "pending"}),
    ):
        repeats.append({**by_id[request_id], "response": first})
    repeats.append(dict(by_id["CN-2020-A-0100"]))

    # Outside the period: received in 2019 or 2021, so left out of the 2020 report.
    outside = [
        ("CN-2019-A-0311", "2019-12-27", "CN", "account", None),
        ("IN-2019-D-0098", "2019-12-30", "IN", "device", None),
        ("IN-2021-D-0001", "2021-01-04", "IN", "device", None),
        ("ES-2021-A-0001", "2021-01-11", "ES", "account", "IE"),
    ]
    for request_id, received, country, category, data_country in outside:
        record = {
            "id": request_id,
            "received": received,
            "country": country,
            "category": category,
            "identifiers": ledger.subjects(category, country, 1),
            "response": {
                "outcome": "provided",
                "data": "non_content",
                "notified": "notified",
            },
        }
        if data_country:
            record["data_country"] = data_country
        records.append(record)

    # The repeats are logged after the records they repeat.
    ordered = sorted(records, key=lambda record: (record["received"], record["id"]))
    for repeat in repeats:
        position = ordered.index(by_id[repeat["id"]])
        ordered.insert(
            position + (0 if repeat["response"] != by_id[repeat["id"]]["response"] else 1),
            repeat,
        )
    return ordered


def render(records: list[dict[str, Any]]) -> str:
    """One record a line: readable, and a diff shows exactly what changed."""
    lines = ",\n".join(json.dumps(record, ensure_ascii=False) for record in records)
    return f"[\n{lines}\n]\n"


def main() -> int:
    """Write the ledger, or with ``--check`` say whether the file is up to date."""
    text = render(build())
    if sys.argv[1:] == ["--check"]:
        current = OUTPUT.read_text(encoding="utf-8")
        print("up to date" if current == text else f"{OUTPUT} is out of date")
        return 0 if current == text else 1
    OUTPUT.parent.mkdir(parents=True, exist_ok=True)
    OUTPUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUTPUT}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
